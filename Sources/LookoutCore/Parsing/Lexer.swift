/// One meaningful line of a bank file, after encoding checks.
struct LexedLine {
    enum Marker: String {
        case trueSign = "[x]"
        case lookalike = "[ ]"
        case correct = "(*)"
        case wrong = "( )"
    }

    enum Kind {
        /// `key: value`
        case field(key: String, value: String)
        /// `| text`; an empty text is a paragraph break.
        case continuation(String)
        /// `[x] id: text` and the other markers.
        case option(Marker, id: String, text: String)
        /// `- item`
        case listItem(String)
        /// A blank line (comments are dropped entirely).
        case blank
    }

    var line: Int
    var kind: Kind
    /// Column of the line's first token (1-based, in scalars).
    var column: Int
    /// Column where the value, id or text starts.
    var valueColumn: Int
    /// Column where the option text starts (options only).
    var textColumn: Int = 0
}

/// Splits a file's bytes into lexed lines, reporting encoding problems (E001, E002) and
/// lines that fit no pattern (E010). Never fails: a bad line is reported and skipped.
struct Lexer {
    let path: String
    private(set) var diagnostics: [Diagnostic] = []

    init(path: String) { self.path = path }

    mutating func lex(_ bytes: [UInt8]) -> [LexedLine] {
        var lines: [LexedLine] = []
        lines.reserveCapacity(bytes.count / 24)
        bytes.withUnsafeBufferPointer { buffer in
            var start = 0
            if buffer.count >= 3, buffer[0] == 0xEF, buffer[1] == 0xBB, buffer[2] == 0xBF { start = 3 }
            var lineNumber = 0
            let count = buffer.count
            while start < count {
                lineNumber += 1
                var end = start
                while end < count && buffer[end] != 0x0A { end += 1 }
                let next = end + 1
                var stop = end
                if stop > start && buffer[stop - 1] == 0x0D { stop -= 1 }
                if let lexed = lexLine(buffer, start, stop, lineNumber) { lines.append(lexed) }
                start = next
            }
        }
        return lines
    }

    private func loc(_ line: Int, _ column: Int) -> SourceLocation {
        SourceLocation(file: path, line: line, column: column)
    }

    /// Checks encoding, then classifies one line. `start..<end` excludes the line end.
    private mutating func lexLine(_ b: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, _ line: Int) -> LexedLine? {
        // Encoding pass: UTF-8 validity and control characters. Fast path for plain text.
        var clean = true
        var i = start
        var column = 1
        var reportedEncoding = false
        var reportedControl = false
        var reportedBidi = false
        var badRanges: [Range<Int>] = []
        while i < end {
            let c = b[i]
            if c >= 0x20 && c < 0x7F || c == 0x09 {
                i += 1
                column += 1
                continue
            }
            if c < 0x80 {
                // C0 control or DEL.
                clean = false
                badRanges.append(i..<(i + 1))
                if !reportedControl {
                    reportedControl = true
                    diagnostics.append(.error("E002", at: loc(line, column), Lexer.controlMessage(UInt32(c))))
                }
                i += 1
                column += 1
                continue
            }
            let length = Lexer.sequenceLength(b, i, end)
            if length == 0 {
                clean = false
                badRanges.append(i..<(i + 1))
                if !reportedEncoding {
                    reportedEncoding = true
                    let hex = String(c, radix: 16, uppercase: true)
                    diagnostics.append(.error("E001", at: loc(line, column),
                        "invalid UTF-8 byte 0x\(hex.count == 1 ? "0" + hex : hex); the file may have been saved in another encoding: re-save it as UTF-8"))
                }
                i += 1
                column += 1
                continue
            }
            if length == 2 && c == 0xC2 && b[i + 1] >= 0x80 && b[i + 1] <= 0x9F {
                clean = false
                badRanges.append(i..<(i + 2))
                if !reportedControl {
                    reportedControl = true
                    diagnostics.append(.error("E002", at: loc(line, column), Lexer.controlMessage(UInt32(b[i + 1]))))
                }
            }
            if !reportedBidi, let bidi = Lexer.bidiControl(b, i, length) {
                // Kept (a warning, not an error), and shown as a visible escape wherever it is printed.
                reportedBidi = true
                diagnostics.append(.warning("W002", at: loc(line, column), Lexer.bidiMessage(bidi)))
            }
            i += length
            column += 1
        }
        var bytes: [UInt8]
        if clean {
            bytes = Array(UnsafeBufferPointer(rebasing: b[start..<end]))
        } else {
            // Drop the offending bytes so the rest of the line can still be checked.
            bytes = []
            var j = start
            var r = 0
            while j < end {
                if r < badRanges.count && badRanges[r].contains(j) {
                    j = badRanges[r].upperBound
                    r += 1
                    continue
                }
                bytes.append(b[j])
                j += 1
            }
        }
        return classify(bytes, line: line)
    }

    static func controlMessage(_ value: UInt32) -> String {
        let hex = String(value, radix: 16, uppercase: true)
        let padded = String(repeating: "0", count: max(0, 4 - hex.count)) + hex
        let name = value == 0x1B ? " (Escape)" : value == 0x0D ? " (carriage return)" : value == 0 ? " (NUL)" : ""
        return "control character U+\(padded)\(name) is not allowed; delete it (only tabs and line ends may appear in the text)"
    }

    /// The bidirectional formatting character (``TerminalText/isBidiControl(_:)``) whose valid UTF-8
    /// sequence of `length` bytes starts at `i`, or nil.
    static func bidiControl(_ b: UnsafeBufferPointer<UInt8>, _ i: Int, _ length: Int) -> UInt32? {
        let c = b[i]
        if length == 2, c == 0xD8, b[i + 1] == 0x9C { return 0x061C }
        guard length == 3, c == 0xE2 else { return nil }
        let value = (UInt32(c & 0x0F) << 12) | (UInt32(b[i + 1] & 0x3F) << 6) | UInt32(b[i + 2] & 0x3F)
        return TerminalText.isBidiControl(Unicode.Scalar(value)!) ? value : nil
    }

    static func bidiMessage(_ value: UInt32) -> String {
        let hex = String(value, radix: 16, uppercase: true)
        return "bidirectional control character U+\(hex) in the text: it can make the text show in a different order than it is stored (\"Trojan Source\"); delete it unless the text really needs it (Lookout shows it as \\u{\(String(value, radix: 16))})"
    }

    /// Length of a valid UTF-8 sequence at `i`, or 0 if it is invalid.
    static func sequenceLength(_ b: UnsafeBufferPointer<UInt8>, _ i: Int, _ end: Int) -> Int {
        let c = b[i]
        func cont(_ k: Int) -> Bool { i + k < end && b[i + k] & 0xC0 == 0x80 }
        switch c {
        case 0xC2...0xDF:
            return cont(1) ? 2 : 0
        case 0xE0:
            return cont(1) && cont(2) && b[i + 1] >= 0xA0 ? 3 : 0
        case 0xED:
            return cont(1) && cont(2) && b[i + 1] < 0xA0 ? 3 : 0
        case 0xE1...0xEC, 0xEE...0xEF:
            return cont(1) && cont(2) ? 3 : 0
        case 0xF0:
            return cont(1) && cont(2) && cont(3) && b[i + 1] >= 0x90 ? 4 : 0
        case 0xF1...0xF3:
            return cont(1) && cont(2) && cont(3) ? 4 : 0
        case 0xF4:
            return cont(1) && cont(2) && cont(3) && b[i + 1] < 0x90 ? 4 : 0
        default:
            return 0
        }
    }

    /// Number of Unicode scalars in `bytes[0..<offset]` (valid UTF-8 assumed).
    static func scalarCount(_ bytes: [UInt8], _ offset: Int) -> Int {
        var n = 0
        var i = 0
        while i < offset && i < bytes.count {
            if bytes[i] & 0xC0 != 0x80 { n += 1 }
            i += 1
        }
        return n
    }

    private static func isSpace(_ c: UInt8) -> Bool { c == 0x20 || c == 0x09 }

    private static func string(_ bytes: [UInt8], _ from: Int, _ to: Int) -> String {
        var a = from
        var z = to
        while a < z && isSpace(bytes[a]) { a += 1 }
        while z > a && isSpace(bytes[z - 1]) { z -= 1 }
        if a >= z { return "" }
        return String(decoding: bytes[a..<z], as: UTF8.self)
    }

    private static func firstNonSpace(_ bytes: [UInt8], _ from: Int) -> Int {
        var i = from
        while i < bytes.count && isSpace(bytes[i]) { i += 1 }
        return i
    }

    private mutating func classify(_ bytes: [UInt8], line: Int) -> LexedLine? {
        let n = bytes.count
        let first = Lexer.firstNonSpace(bytes, 0)
        if first == n { return LexedLine(line: line, kind: .blank, column: 1, valueColumn: 1) }
        let column = Lexer.scalarCount(bytes, first) + 1
        let c = bytes[first]
        if c == UInt8(ascii: "#") { return nil }
        if c == UInt8(ascii: "|") {
            var textStart = first + 1
            if textStart < n && bytes[textStart] == 0x20 { textStart += 1 }
            let text = Lexer.string(bytes, textStart, n)
            return LexedLine(line: line, kind: .continuation(text), column: column,
                             valueColumn: Lexer.scalarCount(bytes, textStart) + 1)
        }
        if (c == UInt8(ascii: "[") || c == UInt8(ascii: "(")) && first + 2 < n {
            let m1 = bytes[first + 1], m2 = bytes[first + 2]
            var marker: LexedLine.Marker?
            if c == UInt8(ascii: "[") && m2 == UInt8(ascii: "]") {
                if m1 == UInt8(ascii: "x") || m1 == UInt8(ascii: "X") { marker = .trueSign }
                if m1 == 0x20 { marker = .lookalike }
            } else if c == UInt8(ascii: "(") && m2 == UInt8(ascii: ")") {
                if m1 == UInt8(ascii: "*") { marker = .correct }
                if m1 == 0x20 { marker = .wrong }
            }
            if let marker {
                let idStart = Lexer.firstNonSpace(bytes, first + 3)
                var colon = idStart
                while colon < n && bytes[colon] != UInt8(ascii: ":") { colon += 1 }
                let idColumn = Lexer.scalarCount(bytes, idStart) + 1
                if colon == n {
                    diagnostics.append(.error("E010", at: loc(line, idColumn),
                        "expected 'ID: text' after the option marker '\(marker.rawValue)', for example '\(marker.rawValue) o1: The driver keeps their passports.'"))
                    return nil
                }
                let id = Lexer.string(bytes, idStart, colon)
                let textStart = Lexer.firstNonSpace(bytes, colon + 1)
                let text = Lexer.string(bytes, colon + 1, n)
                var lexed = LexedLine(line: line, kind: .option(marker, id: id, text: text), column: column,
                                      valueColumn: idColumn)
                lexed.textColumn = Lexer.scalarCount(bytes, textStart) + 1
                return lexed
            }
        }
        if c == UInt8(ascii: "-") && (first + 1 == n || Lexer.isSpace(bytes[first + 1])) {
            let itemStart = Lexer.firstNonSpace(bytes, first + 1)
            return LexedLine(line: line, kind: .listItem(Lexer.string(bytes, itemStart, n)), column: column,
                             valueColumn: Lexer.scalarCount(bytes, itemStart) + 1)
        }
        // key: value
        var k = first
        while k < n {
            let ch = bytes[k]
            let isKeyChar = (ch >= UInt8(ascii: "a") && ch <= UInt8(ascii: "z")) || (ch >= UInt8(ascii: "0") && ch <= UInt8(ascii: "9"))
                || ch == UInt8(ascii: "-") || ch == UInt8(ascii: ".") || ch == UInt8(ascii: "_")
                || (ch >= UInt8(ascii: "A") && ch <= UInt8(ascii: "Z"))
            if !isKeyChar { break }
            k += 1
        }
        var afterKey = k
        while afterKey < n && Lexer.isSpace(bytes[afterKey]) { afterKey += 1 }
        if k > first && afterKey < n && bytes[afterKey] == UInt8(ascii: ":") {
            let key = String(decoding: bytes[first..<k], as: UTF8.self)
            let valueStart = Lexer.firstNonSpace(bytes, afterKey + 1)
            let value = Lexer.string(bytes, afterKey + 1, n)
            return LexedLine(line: line, kind: .field(key: key, value: value), column: column,
                             valueColumn: Lexer.scalarCount(bytes, valueStart) + 1)
        }
        diagnostics.append(.error("E010", at: loc(line, column),
            "this line is not 'key: value', '| text', an option such as '[x] o1: text', or a '# comment'; if it continues the text above, start it with '|'"))
        return nil
    }
}
