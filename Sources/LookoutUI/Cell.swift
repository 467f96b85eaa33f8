import LookoutText

/// One terminal cell: what is drawn in it and how.
///
/// A cell holds one spacing character with any zero-width characters that follow it (combining marks, Khmer coeng,
/// joiners), at most ``maxScalars`` scalars in all, as an ncurses `cchar_t` does. A character 2 columns wide lives in
/// its first cell; the cell to its right is a *continuation* cell with an empty symbol, drawn by the terminal as part
/// of the wide character.
public struct Cell: Hashable, Sendable {
    /// The text of the cell; empty for a continuation cell.
    public var symbol: String
    public var style: Style
    /// Columns taken by `symbol`: 1 or 2, or 0 for a continuation cell.
    public private(set) var width: Int

    /// The most scalars one cell holds (a base and four zero-width marks, like ncurses' `CCHARW_MAX`).
    public static let maxScalars = 5

    /// A cell with the given symbol, which must be one spacing character with its zero-width marks (one
    /// ``CellUnit``). Its width is computed with ``DisplayWidth``; anything else becomes U+FFFD.
    public init(_ symbol: String, style: Style = .plain) {
        let units = CellUnit.units(of: symbol)
        if units.count == 1, let unit = units.first, unit.symbol == symbol {
            self.symbol = symbol
            self.width = unit.width
        } else {
            self.symbol = "\u{FFFD}"
            self.width = 1
        }
        self.style = style
    }

    init(unchecked symbol: String, width: Int, style: Style) {
        self.symbol = symbol
        self.width = width
        self.style = style
    }

    /// A space in the default style.
    public static let blank = Cell(unchecked: " ", width: 1, style: .plain)

    /// A space in the given style.
    public static func blank(_ style: Style) -> Cell { Cell(unchecked: " ", width: 1, style: style) }

    /// The right half of a wide character.
    public static func continuation(_ style: Style) -> Cell { Cell(unchecked: "", width: 0, style: style) }

    public var isContinuation: Bool { width == 0 }
}
