/// A grid of cells: what one frame of the terminal should show, and where the hardware cursor goes.
///
/// Screens draw into a buffer; the terminal adapter compares it with the previous frame (``diff(from:to:)``) and
/// writes only the cells that changed. Every write clips to the buffer, so drawing never fails and never wraps.
///
/// Wide characters take two cells: the character in the left one and a continuation cell (empty symbol) in the right
/// one. The buffer keeps that pairing whole: overwriting either half of a wide character blanks the other half, and a
/// wide character that does not fit at the right edge (or at the edge of a write's limit) becomes a space.
/// See ``ScreenBuffer/scroll``.
public struct ScrollGeometry: Hashable, Sendable {
    /// Lines shown at once (a page).
    public var page: Int
    /// The largest useful scroll position (0 when everything fits).
    public var maxScroll: Int

    public init(page: Int, maxScroll: Int) {
        self.page = max(1, page)
        self.maxScroll = max(0, maxScroll)
    }
}

public struct ScreenBuffer: Hashable, Sendable {
    public let width: Int
    public let height: Int
    /// The cells row by row: cell (x, y) is `cells[y * width + x]`.
    public private(set) var cells: [Cell]
    /// Where the hardware cursor should be shown (the focused option), or nil to hide it.
    public var cursor: Position?
    /// How the scrolling part of this frame can move: lines per page and the largest scroll position. The driver
    /// hands it to the ``Navigator`` so PgDn moves exactly one page (no line is ever skipped) and no scroll
    /// position runs past the end. Not part of the picture: the diff ignores it.
    public var scroll: ScrollGeometry?

    /// A blank buffer. Negative sizes count as 0.
    public init(width: Int, height: Int) {
        self.width = max(0, width)
        self.height = max(0, height)
        self.cells = Array(repeating: .blank, count: self.width * self.height)
        self.cursor = nil
    }

    public init(size: Size) { self.init(width: size.width, height: size.height) }

    /// A buffer holding the given lines in the default style, for tests: as many rows as lines and as wide as the
    /// widest line (or `width`, if given).
    public init(lines: [String], width: Int? = nil) {
        let widest = lines.map { line in CellUnit.units(of: line).reduce(0) { $0 + $1.width } }.max() ?? 0
        self.init(width: width ?? widest, height: lines.count)
        for (y, line) in lines.enumerated() { write(line, x: 0, y: y) }
    }

    public var size: Size { Size(width: width, height: height) }
    public var area: Rect { Rect(x: 0, y: 0, width: width, height: height) }

    /// The cell at (x, y), or a blank cell outside the buffer.
    public subscript(x: Int, y: Int) -> Cell {
        guard x >= 0, x < width, y >= 0, y < height else { return .blank }
        return cells[y * width + x]
    }

    /// One row of cells, or an empty array outside the buffer.
    public func row(_ y: Int) -> ArraySlice<Cell> {
        guard y >= 0, y < height else { return [] }
        return cells[(y * width)..<(y * width + width)]
    }

    // MARK: Writing

    /// Puts one cell at (x, y), keeping wide characters whole. Outside the buffer, nothing happens; a wide cell in the
    /// last column becomes a space.
    public mutating func set(_ cell: Cell, x: Int, y: Int) {
        guard x >= 0, x < width, y >= 0, y < height else { return }
        if cell.isContinuation { return }           // continuation cells are only made by placing a wide cell
        if cell.width == 2 && x + 1 >= width {
            place(.blank(cell.style), x: x, y: y)
            return
        }
        place(cell, x: x, y: y)
        if cell.width == 2 { place(.continuation(cell.style), x: x + 1, y: y) }
    }

    /// Writes text on row `y` from column `x`, clipped to the buffer and to `limit` columns if given.
    ///
    /// The text is sanitised and split into cells (``CellUnit``); a newline is not special (split paragraphs before
    /// drawing). Cells left of column 0 are skipped.
    /// - Returns: the column just after the last cell written, or where writing would have continued.
    @discardableResult
    public mutating func write<S: StringProtocol>(_ text: S, x: Int, y: Int, style: Style = .plain,
                                                  limit: Int? = nil) -> Int {
        let end = min(width, limit.map { x + max(0, $0) } ?? Int.max)
        var column = x
        guard y >= 0, y < height else { return x }
        for unit in CellUnit.units(of: text) {
            if column >= end { break }
            if column + unit.width <= 0 {
                column += unit.width
                continue
            }
            if column < 0 {                          // a wide character cut by the left edge
                place(.blank(style), x: 0, y: y)
                column += unit.width
                continue
            }
            if column + unit.width > end {            // a wide character cut by the right edge or the limit
                place(.blank(style), x: column, y: y)
                column += 1
                break
            }
            set(Cell(unchecked: unit.symbol, width: unit.width, style: style), x: column, y: y)
            column += unit.width
        }
        return column
    }

    /// Fills a rectangle (clipped to the buffer) with spaces in the given style.
    public mutating func fill(_ rect: Rect, style: Style = .plain) {
        let r = rect.intersection(area)
        guard !r.isEmpty else { return }
        for y in r.y..<r.bottom {
            for x in r.x..<r.right { place(.blank(style), x: x, y: y) }
        }
    }

    /// Changes the style of the cells in a rectangle (clipped), keeping their text.
    ///
    /// A wide character whose left half is in the rectangle is restyled whole.
    public mutating func setStyle(_ style: Style, in rect: Rect) {
        let r = rect.intersection(area)
        guard !r.isEmpty else { return }
        for y in r.y..<r.bottom {
            for x in r.x..<r.right {
                cells[y * width + x].style = style
                if x + 1 < width, cells[y * width + x + 1].isContinuation { cells[y * width + x + 1].style = style }
            }
        }
    }

    /// Makes every cell a blank in the default style and hides the cursor.
    public mutating func clear() {
        for i in cells.indices { cells[i] = .blank }
        cursor = nil
    }

    /// Copies another buffer in with its top-left corner at (x, y), clipped.
    public mutating func draw(_ other: ScreenBuffer, x: Int, y: Int) {
        for row in 0..<other.height {
            for column in 0..<other.width {
                let cell = other[column, row]
                if !cell.isContinuation { set(cell, x: x + column, y: y + row) }
            }
        }
    }

    /// Stores a cell, blanking the other half of any wide character it cuts through.
    private mutating func place(_ cell: Cell, x: Int, y: Int) {
        let i = y * width + x
        let old = cells[i]
        if old.isContinuation, x > 0, !cell.isContinuation {
            cells[i - 1] = .blank(cells[i - 1].style)
        }
        if old.width == 2, x + 1 < width, cell.width != 2 {
            cells[i + 1] = .blank(cells[i + 1].style)
        }
        cells[i] = cell
    }
}
