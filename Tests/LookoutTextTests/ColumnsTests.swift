import LookoutText
import Testing

/// Cutting, padding and bars: the one layout of the report, debrief, audit, certificate and command tables.
struct ColumnsTests {
    @Test func truncateCutsWholeClustersAndEndsInAnEllipsis() {
        #expect(DisplayWidth.truncate("abcdefgh", to: 5) == "abcd…")
        #expect(DisplayWidth.truncate("abc", to: 3) == "abc")
        #expect(DisplayWidth.truncate("日本語です", to: 5) == "日本…")
        #expect(DisplayWidth.truncate("abc", to: 0) == "")
        #expect(DisplayWidth.width(of: DisplayWidth.truncate("e\u{301}e\u{301}e\u{301}e\u{301}", to: 3)) == 3)
    }

    @Test func truncateNeverEndsOnACoeng() {
        // ស្ត្រី: the coeng U+17D2 comes after ស and after ត; a cut right after either would put "…" under a coeng.
        let text = "ស្ត្រីៗ ខ្មែរ"
        for columns in 1...DisplayWidth.width(of: text) {
            let cut = DisplayWidth.truncate(text, to: columns)
            #expect(DisplayWidth.width(of: cut) <= columns)
            guard cut.hasSuffix("…") else { continue }
            let beforeEllipsis = cut.unicodeScalars.dropLast().last
            #expect(beforeEllipsis.map { WordWrap.stackers.contains($0.value) } != true,
                    "\(columns): \(cut.unicodeScalars.map { String($0.value, radix: 16) })")
        }
    }

    @Test func padAndAlignCountColumnsNotCharacters() {
        #expect(DisplayWidth.pad("ab", to: 4) == "ab  ")
        #expect(DisplayWidth.pad("abcdef", to: 4) == "abc…")
        #expect(DisplayWidth.padRight("日本", to: 6) == "日本  ")
        #expect(DisplayWidth.padRight("abcdef", to: 4) == "abcdef")
        #expect(DisplayWidth.padLeft("7", to: 3) == "  7")
        #expect(DisplayWidth.padLeft("សុខា", to: 5) == "  សុខា")
    }

    @Test func barsRoundToTheNearestCellAndClamp() {
        #expect(Bar.text(0.42, cells: 10) == "████░░░░░░")
        #expect(Bar.text(0.45, cells: 10, full: "#", empty: ".") == "#####.....")
        #expect(Bar.text(1.5, cells: 4) == "████")
        #expect(Bar.text(-1, cells: 4) == "░░░░")
        #expect(Bar.text(.nan, cells: 4) == "░░░░")
        #expect(Bar.filled(0.04, cells: 10) == 0)
    }
}
