/// The one terminal-safe text path: nothing from a scenario file, a file name, a learner name, an
/// import file or the store reaches a terminal as a control sequence.
///
/// Which scalars are unsafe (``isUnsafe(_:)``):
/// - C0 controls U+0000–U+001F (ESC among them), DEL U+007F and C1 controls U+0080–U+009F: a terminal
///   acts on them (colours, cursor moves, OSC 52 clipboard writes, title changes, ...);
/// - bidirectional formatting characters (``isBidiControl(_:)``): the embeddings and overrides
///   U+202A–U+202E, the isolates U+2066–U+2069, and also the marks U+200E, U+200F and U+061C. The first
///   two groups reorder the text that follows them ("Trojan Source"); the marks only nudge neutral
///   characters, but Lookout's languages (English, Khmer, Thai, Vietnamese, Chinese, ...) never need
///   them, so a mark in Lookout's text is almost certainly pasted by accident or planted. Treating
///   them all alike keeps one rule that is easy to state and to test.
///
/// Line output (``safe(_:)``, ``safeLines(_:)``) makes them *visible*: each becomes `\u{1b}`-style
/// text, so a facilitator sees that a name or a file holds something odd, and nothing acts on the
/// terminal. JSON output (``jsonSafe(_:)``) writes them as JSON `\uXXXX` escapes, which keeps the
/// document valid and the data exact. The full-screen renderer (LookoutUI's `DisplayWidth.sanitize`)
/// uses the same classification but draws one replacement cell, because its layout needs widths.
public enum TerminalText {
    /// C0 controls, DEL and C1 controls.
    @inline(__always)
    public static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        return v < 0x20 || (0x7F...0x9F).contains(v)
    }

    /// Bidirectional formatting characters: embeddings, overrides, isolates and the three marks.
    @inline(__always)
    public static func isBidiControl(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: return true
        default: return false
        }
    }

    /// Whether a scalar must never reach a terminal as it is.
    @inline(__always)
    public static func isUnsafe(_ scalar: Unicode.Scalar) -> Bool {
        isControl(scalar) || isBidiControl(scalar)
    }

    /// Whether `text` holds any unsafe scalar.
    public static func containsUnsafe<S: StringProtocol>(_ text: S) -> Bool {
        text.unicodeScalars.contains(where: isUnsafe)
    }

    /// Whether `text` holds a bidirectional formatting character.
    public static func containsBidiControl<S: StringProtocol>(_ text: S) -> Bool {
        text.unicodeScalars.contains(where: isBidiControl)
    }

    /// The visible form of an unsafe scalar: `\u{1b}`, `\u{202e}`, ...
    public static func visible(_ scalar: Unicode.Scalar) -> String {
        "\\u{" + String(scalar.value, radix: 16) + "}"
    }

    /// One field (a name, a file name, an id, a message part) made safe for one line: every unsafe
    /// scalar, line breaks and tabs included, is written visibly (`\u{a}`, `\u{1b}`, ...).
    public static func safe<S: StringProtocol>(_ text: S) -> String {
        if !containsUnsafe(text) { return String(text) }
        var out = ""
        for scalar in text.unicodeScalars {
            if isUnsafe(scalar) { out += visible(scalar) } else { out.unicodeScalars.append(scalar) }
        }
        return out
    }

    /// Text of several lines made safe: like ``safe(_:)``, but line feeds, tabs and a carriage return
    /// right before a line feed (CSV's CRLF) stay as they are. Everything printed goes through this.
    public static func safeLines<S: StringProtocol>(_ text: S) -> String {
        var needsWork = false
        for scalar in text.unicodeScalars where isUnsafe(scalar) && scalar != "\n" && scalar != "\t" {
            needsWork = true
            break
        }
        if !needsWork { return String(text) }
        var out = ""
        let scalars = Array(text.unicodeScalars)
        for (i, scalar) in scalars.enumerated() {
            if scalar == "\n" || scalar == "\t" || (scalar == "\r" && i + 1 < scalars.count && scalars[i + 1] == "\n") {
                out.unicodeScalars.append(scalar)
            } else if isUnsafe(scalar) {
                out += visible(scalar)
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// Encoded JSON made safe for a terminal without changing what it means: every unsafe scalar that
    /// an encoder left raw (DEL, C1 controls, bidi controls; they can only stand inside strings) becomes
    /// a JSON `\uXXXX` escape. Line feeds between values stay.
    public static func jsonSafe<S: StringProtocol>(_ json: S) -> String {
        var needsWork = false
        for scalar in json.unicodeScalars where isUnsafe(scalar) && scalar != "\n" {
            needsWork = true
            break
        }
        if !needsWork { return String(json) }
        var out = ""
        for scalar in json.unicodeScalars {
            if scalar != "\n", isUnsafe(scalar) {
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// Whether `text` shows nothing at all: every scalar is white space, a control, a format character
    /// (zero-width space, joiners, bidi marks, ...), a default-ignorable code point or a filler such as
    /// U+3164 HANGUL FILLER. A name like that is refused: nobody could read or type it back.
    public static func isInvisible<S: StringProtocol>(_ text: S) -> Bool {
        for scalar in text.unicodeScalars {
            let p = scalar.properties
            if p.isWhitespace || isUnsafe(scalar) || p.isDefaultIgnorableCodePoint { continue }
            switch p.generalCategory {
            case .format, .control, .spaceSeparator, .lineSeparator, .paragraphSeparator, .nonspacingMark, .enclosingMark:
                continue
            default:
                break
            }
            switch scalar.value {
            case 0x115F, 0x1160, 0x3164, 0xFFA0, 0x2800: continue   // Hangul fillers, braille blank
            default: return false
            }
        }
        return true
    }
}

/// The bank's id grammar (scenario, question, option, lesson and indicator ids), for checking ids
/// that come from outside the bank (an import file, the store): letters, digits, `-` and `_`,
/// starting with a letter or digit.
public enum BankID {
    /// The longest id accepted from outside the bank.
    public static let maximumLength = 128

    public static func isValid(_ id: String) -> Bool {
        id.utf8.count <= maximumLength && Converter.isValidID(id)
    }
}
