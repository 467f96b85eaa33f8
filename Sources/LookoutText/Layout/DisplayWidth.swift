import LookoutCore

/// Terminal column widths of text, in pure Swift.
///
/// The widths follow glibc's `wcwidth`, which is what ncurses uses to place characters, so a buffer laid out with
/// these widths lines up with what ncurses and the terminal draw:
/// - 0 for non-spacing and enclosing marks (`Mn`, `Me`) and format characters (`Cf`), among them the Khmer and Thai
///   vowel signs above and below the line and the Khmer coeng sign U+17D2, and for Hangul medial vowels and final
///   consonants (U+1160–U+11FF, U+D7B0–U+D7FF);
/// - 2 for East Asian Wide and Fullwidth characters (CJK, kana, Hangul syllables, fullwidth forms) and for characters
///   shown as emoji by default;
/// - 1 for everything else, spacing marks (`Mc`, such as Khmer U+17B6) included.
///
/// Like glibc, the width is a property of each scalar, never of its neighbours: the Khmer consonant written after a
/// coeng counts 1 column, so `សួស្តី` is 3 columns.
///
/// Control characters never reach the terminal: ``sanitize(_:)`` replaces them, and every width here is the width of
/// the sanitised text, so `width(of: s) == width(of: sanitize(s))`.
public enum DisplayWidth {
    /// The replacement shown for a control character or an unassigned code point.
    public static let replacement: Unicode.Scalar = "\u{FFFD}"

    /// The column width of one scalar after sanitising: 0, 1 or 2.
    public static func width(of scalar: Unicode.Scalar) -> Int {
        let v = scalar.value
        if v < 0xA0 { return 1 }       // ASCII; C0, DEL and C1 controls become U+FFFD (a tab becomes a space)
        if isDropped(scalar) { return 0 }
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark:
            return 0
        case .format:
            return isPrependedConcatenationMark(v) || v == 0xAD ? 1 : 0
        case .unassigned, .surrogate:
            return 1                                                 // becomes U+FFFD
        default:
            break
        }
        if (0x1160...0x11FF).contains(v) || (0xD7B0...0xD7FF).contains(v) { return 0 }
        if isWide(scalar) { return 2 }
        return 1
    }

    /// The column width of one grapheme cluster: the sum of its scalars' widths.
    ///
    /// A cluster can be wider than 2 (an emoji sequence joined by U+200D counts each emoji, as glibc does) or 0 (a
    /// lone combining mark).
    public static func width(of character: Character) -> Int {
        var total = 0
        for scalar in character.unicodeScalars { total += width(of: scalar) }
        return total
    }

    /// The column width of a string, counted as it will be drawn on one line.
    public static func width<S: StringProtocol>(of text: S) -> Int {
        var total = 0
        for scalar in text.unicodeScalars { total += width(of: scalar) }
        return total
    }

    /// Whether a scalar is East Asian Wide or Fullwidth, or shown as emoji by default (2 columns).
    public static func isWide(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        if v < 0x1100 { return false }
        // Regional indicators are Emoji_Presentation but East Asian Width N: 1 column each, 2 for a flag pair.
        if (0x1F1E6...0x1F1FF).contains(v) { return false }
        if scalar.properties.isEmojiPresentation { return true }
        return searchRanges(wideRanges, v)
    }

    /// Whether a scalar is a control character that must never reach the terminal (C0, DEL, C1).
    public static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        TerminalText.isControl(scalar)
    }

    /// Makes text safe to draw: nothing in it can act as a terminal control sequence.
    ///
    /// - A tab, line separator U+2028 or paragraph separator U+2029 becomes a space. Callers that mean a new line
    ///   split the text on "\n" before drawing it.
    /// - Every other C0 or C1 control, ESC (U+001B) and DEL included, and every unassigned code point, becomes U+FFFD.
    /// - Bidirectional embedding, override and isolate controls are dropped, so text cannot reorder what follows it.
    public static func sanitize<S: StringProtocol>(_ text: S) -> String {
        var needsWork = false
        for scalar in text.unicodeScalars where needsReplacing(scalar) { needsWork = true; break }
        if !needsWork { return String(text) }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if let replaced = sanitized(scalar) { out.append(replaced) }
        }
        return String(out)
    }

    /// The scalar to draw in place of `scalar`, or nil to drop it.
    public static func sanitized(_ scalar: Unicode.Scalar) -> Unicode.Scalar? {
        let v = scalar.value
        if v == 0x09 || v == 0x2028 || v == 0x2029 { return " " }
        if isControl(scalar) { return replacement }
        if isDropped(scalar) { return nil }
        if v >= 0x80 {
            switch scalar.properties.generalCategory {
            case .unassigned, .surrogate: return replacement
            default: break
            }
        }
        return scalar
    }

    private static func needsReplacing(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        if v < 0x20 || (0x7F...0x9F).contains(v) { return true }
        if v < 0x0600 { return false }
        return sanitized(scalar) != scalar
    }

    /// Bidirectional formatting characters, dropped by ``sanitize(_:)``: the same set as the
    /// terminal-safe text path of line output (``TerminalText/isBidiControl(_:)``).
    static func isDropped(_ scalar: Unicode.Scalar) -> Bool {
        TerminalText.isBidiControl(scalar)
    }

    /// Format characters that glibc draws with one column (Arabic number signs and the like).
    static func isPrependedConcatenationMark(_ v: UInt32) -> Bool {
        switch v {
        case 0x0600...0x0605, 0x06DD, 0x070F, 0x0890...0x0891, 0x08E2, 0x110BD, 0x110CD: return true
        default: return false
        }
    }

    private static func searchRanges(_ ranges: [ClosedRange<UInt32>], _ v: UInt32) -> Bool {
        var low = 0
        var high = ranges.count - 1
        while low <= high {
            let mid = (low + high) / 2
            let range = ranges[mid]
            if v < range.lowerBound {
                high = mid - 1
            } else if v > range.upperBound {
                low = mid + 1
            } else {
                return true
            }
        }
        return false
    }

    /// East Asian Wide and Fullwidth ranges that are not emoji (the emoji are found by `isEmojiPresentation`).
    ///
    /// Taken from Unicode's EastAsianWidth.txt as glibc 2.36 applies it; the marks inside these blocks
    /// (U+302A–U+302D, U+3099–U+309A) are caught earlier as zero width. Sorted, not overlapping.
    static let wideRanges: [ClosedRange<UInt32>] = [
        0x1100...0x115F,   // Hangul Jamo initial consonants
        0x2329...0x232A,   // angle brackets
        0x2E80...0x2E99, 0x2E9B...0x2EF3, 0x2F00...0x2FD5, 0x2FF0...0x2FFF,  // CJK radicals, ideographic description
        0x3000...0x303E,   // CJK symbols and punctuation
        0x3041...0x3096, 0x3099...0x30FF,  // hiragana, katakana
        0x3105...0x312F, 0x3131...0x318E, 0x3190...0x31E5, 0x31EF...0x321E,  // bopomofo, Hangul compatibility jamo
        0x3220...0xA48C,  // enclosed CJK, CJK ideographs, Yi syllables
        0xA490...0xA4C6,   // Yi radicals
        0xA960...0xA97C,   // Hangul Jamo extended-A
        0xAC00...0xD7A3,   // Hangul syllables
        0xF900...0xFAFF,   // CJK compatibility ideographs
        0xFE10...0xFE19, 0xFE30...0xFE52, 0xFE54...0xFE66, 0xFE68...0xFE6B,  // vertical and small forms
        0xFF01...0xFF60, 0xFFE0...0xFFE6,  // fullwidth forms
        0x16FE0...0x16FE4, 0x16FF0...0x16FF1,  // ideographic symbols
        0x17000...0x187F7, 0x18800...0x18CD5, 0x18D00...0x18D08,  // Tangut, Khitan
        0x1AFF0...0x1AFF3, 0x1AFF5...0x1AFFB, 0x1AFFD...0x1AFFE,  // kana extended-B
        0x1B000...0x1B122, 0x1B132...0x1B132, 0x1B150...0x1B152, 0x1B155...0x1B155, 0x1B164...0x1B167,
        0x1B170...0x1B2FB, // kana supplement, Nushu
        0x1F200...0x1F202, 0x1F210...0x1F23B, 0x1F240...0x1F248, 0x1F250...0x1F251, 0x1F260...0x1F265,  // enclosed ideographic
        0x20000...0x2FFFD, // CJK extensions B and later (the whole plane is Wide)
        0x30000...0x3FFFD, // CJK extension G and later (the whole plane is Wide)
    ]
}
