/// Text snapshots of a buffer for tests: the grid as text, and its styles as a separate list, as ratatui's buffer
/// debug output does. Snapshots never contain escape sequences.
extension ScreenBuffer {
    /// The rows as text, trailing spaces trimmed.
    ///
    /// A wide character appears once (its continuation cell adds nothing), so each line reads as the terminal shows
    /// it and has the display width of the row.
    public var textLines: [String] {
        (0..<height).map { y in
            var line = ""
            for cell in row(y) where !cell.isContinuation { line += cell.symbol }
            while line.unicodeScalars.last == " " { line.unicodeScalars.removeLast() }
            return line
        }
    }

    /// ``textLines`` joined with newlines.
    public var textSnapshot: String { textLines.joined(separator: "\n") }

    /// The styled runs, one line per row that has any cell not in the plain style:
    /// `"3: 0-9 fg=title bold, 12-15 reverse"` (row 3, columns 0 to 9 inclusive, then 12 to 15). Continuation cells
    /// count as columns. The last line gives the cursor: `"cursor: 4,7"` (column, row) or `"cursor: hidden"`.
    public var styleLines: [String] {
        var lines: [String] = []
        for y in 0..<height {
            var runs: [String] = []
            var start = 0
            let cells = Array(row(y))
            while start < cells.count {
                var end = start
                while end + 1 < cells.count, cells[end + 1].style == cells[start].style { end += 1 }
                let style = cells[start].style
                if style != .plain { runs.append("\(start)-\(end) \(style)") }
                start = end + 1
            }
            if !runs.isEmpty { lines.append("\(y): " + runs.joined(separator: ", ")) }
        }
        lines.append("cursor: " + (cursor.map { "\($0.x),\($0.y)" } ?? "hidden"))
        return lines
    }

    /// The text, a `--- styles` separator, then ``styleLines``.
    public var snapshot: String {
        (textLines + ["--- styles"] + styleLines).joined(separator: "\n")
    }

    /// The rows with every cell shown, continuation cells as `·`, for debugging wide-character layout.
    public var cellDump: [String] {
        (0..<height).map { y in row(y).map { $0.isContinuation ? "·" : $0.symbol }.joined() }
    }
}
