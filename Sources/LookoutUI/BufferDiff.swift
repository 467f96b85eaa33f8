/// A run of changed cells on one row, to be written from column `x`.
public struct CellRun: Hashable, Sendable {
    public var x: Int
    public var y: Int
    /// The new cells, continuation cells included (the terminal writer skips them).
    public var cells: [Cell]

    public init(x: Int, y: Int, cells: [Cell]) {
        self.x = x
        self.y = y
        self.cells = cells
    }

    /// The run's text, for tests.
    public var text: String { cells.filter { !$0.isContinuation }.map(\.symbol).joined() }
}

extension ScreenBuffer {
    /// The runs of cells that differ between two frames, row by row and left to right.
    ///
    /// A wide character is always sent whole: if either of its cells changed, the run covers both. When there is no
    /// old frame or its size differs, every row is one run (the caller clears the screen first). The cursor is not
    /// part of the diff; compare `cursor` separately.
    public static func diff(from old: ScreenBuffer?, to new: ScreenBuffer) -> [CellRun] {
        guard let old, old.width == new.width, old.height == new.height else {
            return (0..<new.height).map { CellRun(x: 0, y: $0, cells: Array(new.row($0))) }
        }
        var runs: [CellRun] = []
        let width = new.width
        for y in 0..<new.height {
            let base = y * width
            var x = 0
            while x < width {
                if old.cells[base + x] == new.cells[base + x] {
                    x += 1
                    continue
                }
                var start = x
                if new.cells[base + start].isContinuation, start > 0 { start -= 1 }
                var end = x                          // inclusive
                while end + 1 < width, old.cells[base + end + 1] != new.cells[base + end + 1] { end += 1 }
                if new.cells[base + end].width == 2, end + 1 < width { end += 1 }
                if let last = runs.last, last.y == y, last.x + last.cells.count >= start {
                    // touches the previous run (a wide character joined them): extend it
                    let from = last.x + last.cells.count
                    if end >= from { runs[runs.count - 1].cells += new.cells[(base + from)...(base + end)] }
                } else {
                    runs.append(CellRun(x: start, y: y, cells: Array(new.cells[(base + start)...(base + end)])))
                }
                x = end + 1
            }
        }
        return runs
    }
}
