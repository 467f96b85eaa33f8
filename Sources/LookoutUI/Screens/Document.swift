import LookoutText

/// A piece of text in one style.
struct Span {
    var text: String
    var style: Style

    init(_ text: String, _ style: Style = .plain) {
        self.text = text
        self.style = style
    }

    var width: Int { DisplayWidth.width(of: text) }
}

/// One laid-out line of a screen: spans drawn left to right.
struct DocLine {
    var spans: [Span]
    /// When set, the whole row is painted in this style first (the focused row of a menu).
    var fill: Style?
    /// Which item the line belongs to (an option or menu row), to find and reveal the focused one.
    var item: Int?
    /// Where the hardware cursor goes when this line's item is focused, in columns from the line's start.
    var cursorColumn: Int?

    init(_ spans: [Span] = [], fill: Style? = nil, item: Int? = nil, cursorColumn: Int? = nil) {
        self.spans = spans
        self.fill = fill
        self.item = item
        self.cursorColumn = cursorColumn
    }

    var width: Int { spans.reduce(0) { $0 + $1.width } }
}

/// Lines laid out for a given width: paragraphs wrapped by display width with hanging indents.
struct Document {
    let width: Int
    var lines: [DocLine] = []

    init(width: Int) {
        self.width = max(1, width)
    }

    var count: Int { lines.count }

    mutating func blank() { lines.append(DocLine()) }

    mutating func append(_ line: DocLine) { lines.append(line) }

    mutating func append(contentsOf other: Document) { lines += other.lines }

    /// Wraps `text` to the width after `prefix`; the first line starts with `prefix`, the others with as many spaces
    /// (a hanging indent). Paragraphs in `text` ("\n") are kept. Empty text gives one line with the prefix.
    mutating func paragraph(_ text: String, style: Style = .plain, prefix: [Span] = [], indent: Int = 0,
                            fill: Style? = nil, item: Int? = nil, cursorColumn: Int? = nil) {
        let prefixWidth = prefix.reduce(0) { $0 + $1.width }
        let lead = indent + prefixWidth
        let pieces = WordWrap.wrap(text, width: max(1, width - lead))
        for (i, piece) in pieces.enumerated() {
            var spans: [Span] = []
            if indent > 0 { spans.append(Span(String(repeating: " ", count: indent))) }
            if i == 0 {
                spans += prefix
            } else if prefixWidth > 0 {
                spans.append(Span(String(repeating: " ", count: prefixWidth)))
            }
            if !piece.isEmpty { spans.append(Span(piece, style)) }
            lines.append(DocLine(spans, fill: fill, item: item, cursorColumn: i == 0 ? cursorColumn.map { $0 + indent } : nil))
        }
    }

    /// The range of lines of an item, if any line has it.
    func lines(of item: Int) -> Range<Int>? {
        guard let first = lines.firstIndex(where: { $0.item == item }),
              let last = lines.lastIndex(where: { $0.item == item }) else { return nil }
        return first..<(last + 1)
    }
}

extension ScreenBuffer {
    /// Draws one line at (x, y), clipped to `width` columns; a filled line paints the full width first.
    mutating func draw(_ line: DocLine, x: Int, y: Int, width: Int) {
        if let fill = line.fill { self.fill(Rect(x: x, y: y, width: width, height: 1), style: fill) }
        var column = x
        for span in line.spans {
            let remaining = x + width - column
            if remaining <= 0 { break }
            var style = span.style
            if let fill = line.fill {
                if fill.background != .default { style.background = fill.background }
                style.attributes.formUnion(fill.attributes)
            }
            column = write(span.text, x: column, y: y, style: style, limit: remaining)
        }
    }

    /// Draws lines `from...` of a document into a rectangle (as many as fit).
    mutating func draw(_ document: Document, from start: Int, in rect: Rect) {
        for row in 0..<rect.height {
            let index = start + row
            guard index >= 0, index < document.lines.count else { continue }
            draw(document.lines[index], x: rect.x, y: rect.y + row, width: rect.width)
        }
    }

    /// Writes text cut to `width` columns, ending in `ellipsis` when it had to be cut.
    @discardableResult
    mutating func write(truncating text: String, x: Int, y: Int, width: Int, style: Style, ellipsis: String) -> Int {
        guard width > 0 else { return x }
        if DisplayWidth.width(of: text) <= width { return write(text, x: x, y: y, style: style, limit: width) }
        let cut = max(0, width - DisplayWidth.width(of: ellipsis))
        let end = write(text, x: x, y: y, style: style, limit: cut)
        return write(ellipsis, x: end, y: y, style: style, limit: x + width - end)
    }
}

/// Helpers for cutting text to a width.
enum TextFit {
    /// The end of `text` that fits in `width` columns (for a text field showing its last characters).
    static func tail(_ text: String, width: Int) -> String {
        guard width > 0 else { return "" }
        var total = 0
        var kept: [Character] = []
        for character in text.reversed() {
            let w = DisplayWidth.width(of: character)
            if total + w > width { break }
            total += w
            kept.append(character)
        }
        return String(kept.reversed())
    }
}
