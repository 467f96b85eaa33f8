import Testing
@testable import LookoutText

@Suite struct DisplayWidthTests {
    @Test func printableASCIIIsOneColumnEach() {
        for v in UInt32(0x20)...0x7E {
            let scalar = Unicode.Scalar(v)!
            #expect(DisplayWidth.width(of: scalar) == 1, "U+\(String(v, radix: 16))")
        }
        #expect(DisplayWidth.width(of: "Hello, world!") == 13)
        #expect(DisplayWidth.width(of: "") == 0)
    }

    @Test(arguments: [
        ("漢字", 4), ("かな", 4), ("カタカナ", 8), ("한국어", 6), ("ＡＢＣ", 6), ("\u{3000}", 2), ("中文 text", 9),
        ("𠀀", 2),                       // CJK extension B, plane 2
    ])
    func eastAsianWideIsTwoColumns(text: String, width: Int) {
        #expect(DisplayWidth.width(of: text) == width)
    }

    @Test func khmerMatchesGlibc() {
        // The coeng U+17D2 and the vowel signs above and below are 0; the consonant after a coeng is 1, as in glibc.
        #expect(DisplayWidth.width(of: "សួស្តី") == 3)
        #expect(DisplayWidth.width(of: Unicode.Scalar(0x17D2)!) == 0)   // coeng
        #expect(DisplayWidth.width(of: Unicode.Scalar(0x17BD)!) == 0)   // vowel sign ua (below)
        #expect(DisplayWidth.width(of: Unicode.Scalar(0x17B8)!) == 0)   // vowel sign ii (above)
        #expect(DisplayWidth.width(of: Unicode.Scalar(0x17B6)!) == 1)   // vowel sign aa is a spacing mark (Mc)
        #expect(DisplayWidth.width(of: Unicode.Scalar(0x178F)!) == 1)   // consonant ta
        #expect(DisplayWidth.width(of: "ស្ត្រី") == 3)
        // Swift splits after the coeng; each of the three clusters is one column.
        #expect(Array("សួស្តី").map(DisplayWidth.width(of:)) == [1, 1, 1])
    }

    @Test func thaiCombiningMarksAreZeroWidth() {
        #expect(DisplayWidth.width(of: "ภาษาไทย") == 7)
        #expect(DisplayWidth.width(of: "ที่") == 1)           // tho thahan + sara ii + mai ek
        #expect(DisplayWidth.width(of: "ที่นี่") == 2)
        #expect(DisplayWidth.width(of: Unicode.Scalar(0x0E31)!) == 0)  // mai han-akat
        #expect(DisplayWidth.width(of: Unicode.Scalar(0x0E33)!) == 1)  // sara am is a letter
    }

    @Test func combiningAndFormatCharacters() {
        #expect(DisplayWidth.width(of: "e\u{301}") == 1)
        #expect(DisplayWidth.width(of: "\u{1100}\u{1161}\u{11A8}") == 2)  // conjoining Hangul jamo: one syllable
        #expect(DisplayWidth.width(of: "a\u{200B}b") == 2)                // zero width space
        #expect(DisplayWidth.width(of: "a\u{200D}b") == 2)                // zero width joiner
        #expect(DisplayWidth.width(of: "\u{00AD}") == 1)                  // soft hyphen, as glibc
    }

    @Test func emoji() {
        #expect(DisplayWidth.width(of: "😀") == 2)
        #expect(DisplayWidth.width(of: "⌚") == 2)                 // Emoji_Presentation in the BMP
        #expect(DisplayWidth.width(of: "🇰🇭") == 2)                 // a flag: two regional indicators of 1
        #expect(DisplayWidth.width(of: "❤") == 1)                 // text presentation by default
        #expect(DisplayWidth.width(of: "✓ ✗") == 3)
    }

    @Test func controlCharactersAreSanitised() {
        #expect(DisplayWidth.sanitize("a\u{1B}[31mb") == "a\u{FFFD}[31mb")
        #expect(DisplayWidth.sanitize("x\u{9B}2Jy") == "x\u{FFFD}2Jy")    // C1 CSI
        #expect(DisplayWidth.sanitize("a\u{7F}b\u{07}") == "a\u{FFFD}b\u{FFFD}")
        #expect(DisplayWidth.sanitize("a\tb") == "a b")
        #expect(DisplayWidth.sanitize("a\u{2028}b") == "a b")
        #expect(DisplayWidth.sanitize("a\u{202E}cba\u{202C}") == "acba")   // bidi override dropped
        #expect(DisplayWidth.sanitize("ok ✓ សួស្តី") == "ok ✓ សួស្តី")
        #expect(DisplayWidth.sanitize("a\u{E0080}b") == "a\u{FFFD}b")       // unassigned
        for v in Array(UInt32(0)...0x1F) + Array(UInt32(0x7F)...0x9F) {
            let text = "<" + String(Character(Unicode.Scalar(v)!)) + ">"
            let clean = DisplayWidth.sanitize(text)
            #expect(clean.unicodeScalars.allSatisfy { !DisplayWidth.isControl($0) }, "U+\(String(v, radix: 16))")
            #expect(DisplayWidth.width(of: text) == DisplayWidth.width(of: clean))
        }
    }

    /// Every code point glibc 2.36 can print gets glibc's width, except the two documented below.
    @Test func matchesGlibcWcwidth() {
        let known: Set<UInt32> = [
            0x0000,   // NUL: glibc says 0; we replace it with U+FFFD (1 column)
            0x1171E,  // AHOM CONSONANT SIGN MEDIAL RA: a non-spacing mark in Unicode 14, spacing in Unicode 15
        ]
        var checked = 0
        var mismatches: [String] = []
        for line in glibcWidthRuns.split(separator: "\n") {
            let parts = line.split(separator: " ")
            let bounds = parts[0].split(separator: ".")
            guard parts.count == 2, bounds.count == 2, let first = UInt32(bounds[0], radix: 16),
                  let last = UInt32(bounds[1], radix: 16), let width = Int(parts[1]) else {
                Issue.record("bad table line \(line)")
                continue
            }
            guard width >= 0 else { continue }
            for v in first...last {
                guard let scalar = Unicode.Scalar(v), !known.contains(v) else { continue }
                checked += 1
                if DisplayWidth.width(of: scalar) != width, mismatches.count < 20 {
                    mismatches.append("U+\(String(v, radix: 16)) glibc \(width) ours \(DisplayWidth.width(of: scalar))")
                }
            }
        }
        #expect(checked > 280_000)
        #expect(mismatches == [])
    }
}
