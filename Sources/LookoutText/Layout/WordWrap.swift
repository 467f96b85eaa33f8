/// Wraps text to a width in terminal columns.
///
/// - Paragraphs are separated by "\n" ("\r\n" and "\r" count as "\n"); an empty paragraph gives an empty line.
/// - Lines break at spaces, which are dropped at the break; spaces inside a line are kept, trailing spaces are not.
/// - Lines also break at U+200B ZERO WIDTH SPACE and on either side of a wide (CJK) character, as those scripts
///   write no spaces between words.
/// - A grapheme cluster is never split. A cluster ending in a stacking sign — the Khmer coeng U+17D2, the Myanmar
///   virama U+1039, the Tai Tham sakot U+1A60 — is kept with the cluster after it, because the next consonant is
///   written under it: a line never ends in a coeng.
/// - A word wider than the line is broken between clusters, filling the line first, so a long Khmer run with no
///   U+200B breaks wherever the line is full.
/// - A line is wider than `width` only when one unbreakable piece is (a 2-column character at width 1).
///
/// The text is sanitised first (``DisplayWidth/sanitize(_:)``): tabs become spaces and control characters U+FFFD.
public enum WordWrap {
    /// Scalars after which a line must not break: the next cluster is written stacked under this one.
    public static let stackers: Set<UInt32> = [0x17D2, 0x1039, 0x1A60]

    /// The wrapped lines of `text`, each at most `width` columns wide (a width below 1 counts as 1).
    public static func wrap(_ text: String, width: Int) -> [String] {
        let width = max(1, width)
        var lines: [String] = []
        for paragraph in paragraphs(of: text) {
            lines += wrapParagraph(DisplayWidth.sanitize(paragraph), width: width)
        }
        return lines
    }

    /// `text` wrapped with a hanging indent: `head` before the first line and `indent` (as wide as `head`) before the
    /// others, at most `width` columns in all; the text itself gets at least 10 columns.
    public static func wrap(_ text: String, width: Int, first head: String, indent: String) -> [String] {
        let body = wrap(text, width: max(10, width - DisplayWidth.width(of: head)))
        return body.enumerated().map { ($0.offset == 0 ? head : indent) + $0.element }
    }

    /// The paragraphs of a text: split at "\n", "\r\n" or "\r".
    public static func paragraphs(of text: String) -> [Substring] {
        var result: [Substring] = []
        var start = text.unicodeScalars.startIndex
        var index = start
        let scalars = text.unicodeScalars
        while index < scalars.endIndex {
            let scalar = scalars[index]
            if scalar == "\n" || scalar == "\r" {
                result.append(Substring(scalars[start..<index]))
                var next = scalars.index(after: index)
                if scalar == "\r", next < scalars.endIndex, scalars[next] == "\n" { next = scalars.index(after: next) }
                start = next
                index = next
            } else {
                index = scalars.index(after: index)
            }
        }
        result.append(Substring(scalars[start..<scalars.endIndex]))
        return result
    }

    /// A piece that is never split: one cluster, or clusters joined by stacking signs.
    struct Atom {
        var text: String
        var width: Int
        var kind: Kind
        enum Kind { case space, breakMark, wide, other }
    }

    static func atoms(of paragraph: String) -> [Atom] {
        var atoms: [Atom] = []
        var glueNext = false
        for character in paragraph {
            let width = DisplayWidth.width(of: character)
            let kind: Atom.Kind
            if character == " " || isBreakingSpace(character) {
                kind = .space
            } else if character.unicodeScalars.first?.value == 0x200B {
                kind = .breakMark
            } else if width >= 2, character.unicodeScalars.first.map(DisplayWidth.isWide) == true {
                kind = .wide
            } else {
                kind = .other
            }
            if glueNext, var last = atoms.popLast() {
                last.text.append(character)
                last.width += width
                if kind == .wide { last.kind = .wide }
                atoms.append(last)
            } else {
                atoms.append(Atom(text: String(character), width: width, kind: kind))
            }
            glueNext = character.unicodeScalars.last.map { stackers.contains($0.value) } ?? false
        }
        return atoms
    }

    /// Spaces that allow a break (not the no-break spaces U+00A0, U+2007, U+202F).
    static func isBreakingSpace(_ character: Character) -> Bool {
        guard character.unicodeScalars.count == 1, let scalar = character.unicodeScalars.first else { return false }
        switch scalar.value {
        case 0x00A0, 0x2007, 0x202F: return false
        default: return scalar.properties.generalCategory == .spaceSeparator
        }
    }

    /// A word: atoms with no break opportunity inside, and the spaces before it.
    struct Word {
        var leading: [Atom] = []
        var atoms: [Atom] = []
        var leadingWidth: Int { leading.reduce(0) { $0 + $1.width } }
        var width: Int { atoms.reduce(0) { $0 + $1.width } }
    }

    static func words(of atoms: [Atom]) -> [Word] {
        var words: [Word] = []
        var current = Word()
        var pendingSpaces: [Atom] = []
        func finish() {
            if !current.atoms.isEmpty { words.append(current) }
            current = Word()
        }
        for atom in atoms {
            switch atom.kind {
            case .space:
                finish()
                pendingSpaces.append(atom)
            case .breakMark:
                finish()
            case .wide, .other:
                let breakBefore = atom.kind == .wide || current.atoms.last?.kind == .wide
                if breakBefore { finish() }
                if current.atoms.isEmpty {
                    current.leading = pendingSpaces
                    pendingSpaces = []
                }
                current.atoms.append(atom)
            }
        }
        finish()
        return words
    }

    static func wrapParagraph(_ paragraph: String, width: Int) -> [String] {
        var lines: [String] = []
        var line = ""
        var lineWidth = 0
        var lineHasWord = false
        func newLine() {
            lines.append(trimmedTrailingSpaces(line))
            line = ""
            lineWidth = 0
            lineHasWord = false
        }
        for word in words(of: atoms(of: paragraph)) {
            // Leading spaces are kept at the start of the paragraph (indentation) and between words on a line.
            let spaces = word.leading.map(\.text).joined()
            let spacesWidth = word.leadingWidth
            if lineHasWord, lineWidth + spacesWidth + word.width > width {
                if word.width <= width {
                    newLine()
                    place(word.atoms, into: &line, lineWidth: &lineWidth)
                    lineHasWord = true
                    continue
                }
                // Too long for any line: fill this one first if at least one cluster fits after the spaces.
                if let first = word.atoms.first, lineWidth + spacesWidth + first.width > width { newLine() }
            }
            if lineHasWord {
                line += spaces                   // fits: checked above
                lineWidth += spacesWidth
            } else if lines.isEmpty, spacesWidth + word.width <= width {
                line += spaces                   // indentation at the start of the paragraph, kept if the word fits
                lineWidth += spacesWidth
            }
            for atom in word.atoms {
                if lineWidth + atom.width > width, lineWidth > 0 { newLine() }
                line += atom.text
                lineWidth += atom.width
                lineHasWord = true
            }
        }
        if lineHasWord || lines.isEmpty { lines.append(trimmedTrailingSpaces(line)) }
        return lines
    }

    private static func place(_ atoms: [Atom], into line: inout String, lineWidth: inout Int) {
        for atom in atoms {
            line += atom.text
            lineWidth += atom.width
        }
    }

    private static func trimmedTrailingSpaces(_ text: String) -> String {
        var text = text
        while let last = text.last, last == " " || isBreakingSpace(last) { text.removeLast() }
        return text
    }
}
