import LookoutText

/// The cells a piece of text occupies, as ncurses will place it.
///
/// Each spacing scalar (width 1 or 2) starts a cell; zero-width scalars (combining marks, the Khmer coeng, joiners)
/// join the cell before them, up to ``Cell/maxScalars`` scalars per cell. The text is sanitised on the way
/// (``DisplayWidth/sanitize(_:)``), zero-width scalars with no cell before them are dropped, and so are invisible
/// break and boundary marks (U+200B, U+2060, U+FEFF) that carry nothing to draw.
public struct CellUnit: Hashable, Sendable {
    public var symbol: String
    /// 1 or 2.
    public var width: Int

    /// Splits text into cell units.
    public static func units<S: StringProtocol>(of text: S) -> [CellUnit] {
        var result: [CellUnit] = []
        var current = String.UnicodeScalarView()
        var currentWidth = 0
        var scalarCount = 0
        func flush() {
            if currentWidth > 0 { result.append(CellUnit(symbol: String(current), width: currentWidth)) }
            current = String.UnicodeScalarView()
            currentWidth = 0
            scalarCount = 0
        }
        for raw in text.unicodeScalars {
            guard let scalar = DisplayWidth.sanitized(raw) else { continue }
            switch scalar.value {
            case 0x200B, 0x2060, 0xFEFF: continue
            default: break
            }
            let width = DisplayWidth.width(of: scalar)
            if width > 0 {
                flush()
                current.append(scalar)
                currentWidth = width
                scalarCount = 1
            } else if currentWidth > 0, scalarCount < Cell.maxScalars {
                current.append(scalar)
                scalarCount += 1
            }
        }
        flush()
        return result
    }
}
