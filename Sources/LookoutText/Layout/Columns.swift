/// Laying text out in columns: cut, pad and align by display width (``DisplayWidth``), for the report, debrief,
/// audit, certificate and command tables. The trainer's screens lay out cells in ``ScreenBuffer``; both count
/// columns with the one width table.
extension DisplayWidth {
    /// `text` cut to at most `columns` columns, ending in "…" when cut. Whole grapheme clusters only, and never
    /// right after a stacking sign (the Khmer coeng U+17D2 and the like, see ``WordWrap/stackers``): the consonant
    /// written under it would be cut off, so the cluster that ends in it goes too.
    public static func truncate(_ text: String, to columns: Int, model: Model = .glibc) -> String {
        guard columns > 0 else { return "" }
        if width(of: text, model: model) <= columns { return text }
        var out = ""
        var used = 0
        for character in text {
            let w = width(of: character, model: model)
            if used + w > columns - 1 { break }
            out.append(character)
            used += w
        }
        while let last = out.last, let scalar = last.unicodeScalars.last, WordWrap.stackers.contains(scalar.value) {
            out.removeLast()
        }
        return out + "…"
    }

    /// `text` cut to `columns` (see ``truncate(_:to:model:)``) and padded with spaces to exactly `columns` columns.
    public static func pad(_ text: String, to columns: Int, model: Model = .glibc) -> String {
        let cut = truncate(text, to: columns, model: model)
        return cut + String(repeating: " ", count: max(0, columns - width(of: cut, model: model)))
    }

    /// `text` left-aligned in `columns` columns: spaces after it, never cut.
    public static func padRight(_ text: String, to columns: Int, model: Model = .glibc) -> String {
        text + String(repeating: " ", count: max(0, columns - width(of: text, model: model)))
    }

    /// `text` right-aligned in `columns` columns: spaces before it, never cut.
    public static func padLeft(_ text: String, to columns: Int, model: Model = .glibc) -> String {
        String(repeating: " ", count: max(0, columns - width(of: text, model: model))) + text
    }
}

/// A bar of cells for a share between 0 and 1 (a hit rate, a mastery): the one bar of the report, the progress
/// table and the results screen. The meaning is always in a number printed next to it.
public enum Bar {
    /// How many of `cells` are full for `share`: rounded to the nearest cell, 0 to `cells` (a share outside
    /// 0...1, or not a number, is clamped).
    public static func filled(_ share: Double, cells: Int) -> Int {
        let clamped = min(1, max(0, share))
        return min(cells, max(0, Int((clamped * Double(cells)).rounded())))
    }

    /// The bar as text: `full` repeated for the full cells, then `empty` for the rest.
    public static func text(_ share: Double, cells: Int, full: String = "█", empty: String = "░") -> String {
        let n = filled(share, cells: cells)
        return String(repeating: full, count: n) + String(repeating: empty, count: max(0, cells - n))
    }
}
