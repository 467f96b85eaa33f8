import Testing
@testable import LookoutText
@testable import LookoutUI

@Suite struct WordWrapTests {
    @Test func englishBreaksAtSpaces() {
        expectLines(WordWrap.wrap("The quick brown fox jumps over the lazy dog", width: 10),
                    ["The quick", "brown fox", "jumps over", "the lazy", "dog"])
    }

    @Test func paragraphsAreSeparatedByNewlines() {
        expectLines(WordWrap.wrap("one two\n\nthree", width: 20), ["one two", "", "three"])
        expectLines(WordWrap.wrap("a\r\nb\rc", width: 5), ["a", "b", "c"])
        expectLines(WordWrap.wrap("", width: 5), [""])
        expectLines(WordWrap.wrap("end\n", width: 5), ["end", ""])
    }

    @Test func indentationAtParagraphStartIsKeptAndSpacesAtBreaksDropped() {
        expectLines(WordWrap.wrap("  indented text here\n\nsecond paragraph", width: 10),
                    ["  indented", "text here", "", "second", "paragraph"])
        expectLines(WordWrap.wrap("word   ", width: 10), ["word"])
        expectLines(WordWrap.wrap("a  b", width: 10), ["a  b"])
        expectLines(WordWrap.wrap("    long", width: 6), ["long"])    // indentation dropped if the word then fits
    }

    @Test func longWordsBreakBetweenClusters() {
        expectLines(WordWrap.wrap("supercalifragilistic is long", width: 8),
                    ["supercal", "ifragili", "stic is", "long"])
        expectLines(WordWrap.wrap("ab supercalifragilistic", width: 8), ["ab super", "califrag", "ilistic"])
        // A base letter and its combining accent are one cluster: never split.
        expectLines(WordWrap.wrap("e\u{301}e\u{301}e\u{301}", width: 2), ["e\u{301}e\u{301}", "e\u{301}"])
    }

    @Test func cjkAtFiveColumns() {
        let lines = WordWrap.wrap("漢字かな交じり文です", width: 5)
        expectLines(lines, ["漢字", "かな", "交じ", "り文", "です"])
        #expect(lines.allSatisfy { DisplayWidth.width(of: $0) <= 5 })
        expectLines(WordWrap.wrap("Hello 漢字かな world", width: 7), ["Hello", "漢字か", "な", "world"])
    }

    @Test func wideCharacterWiderThanTheLineStaysWhole() {
        expectLines(WordWrap.wrap("漢字", width: 1), ["漢", "字"])
        expectLines(WordWrap.wrap("ab", width: 0), ["a", "b"])
    }

    @Test func khmerBreaksBetweenClustersButNeverAfterACoeng() {
        let text = "ខ្ញុំចង់ទៅសាលារៀន"
        expectLines(WordWrap.wrap(text, width: 3), ["ខ្ញុំច", "ង់ទៅ", "សា", "លា", "រៀន"])
        expectLines(WordWrap.wrap("សួស្តី", width: 2), ["សួ", "ស្តី"])   // not "សួស្" + "តី"
        expectLines(WordWrap.wrap("ស្ត្រី", width: 1), ["ស្ត្រី"])          // a coeng chain is one piece
    }

    @Test func khmerBreaksAtZeroWidthSpaces() {
        expectLines(WordWrap.wrap("ខ្ញុំ\u{200B}ចង់\u{200B}ទៅ\u{200B}សាលារៀន", width: 7),
                    ["ខ្ញុំចង់ទៅ", "សាលារៀន"])
    }

    @Test(arguments: [
        "សួស្តី ពិភពលោក",
        "ខ្ញុំចង់ទៅសាលារៀន",
        "ស្ត្រីម្នាក់ត្រូវបានគេបោកប្រាស់ឱ្យទៅធ្វើការនៅប្រទេសថៃ",
        "ក្មេងស្រីពីរនាក់ធ្វើដំណើរជាមួយបុរសម្នាក់ដែលមិនមែនជាឪពុក",
    ])
    func khmerPropertiesAtEveryWidth(text: String) {
        for width in 1...24 {
            let lines = WordWrap.wrap(text, width: width)
            for line in lines {
                #expect(line.unicodeScalars.last?.value != 0x17D2, "line ends in a coeng at width \(width): \(line)")
                let pieces = WordWrap.atoms(of: line)
                #expect(DisplayWidth.width(of: line) <= width || pieces.count == 1, "too wide at \(width): \(line)")
            }
            // Nothing is lost or reordered: only the spaces at the breaks go.
            #expect(lines.joined().filter { $0 != " " } == text.filter { $0 != " " }, "width \(width)")
        }
    }

    @Test func thaiCombiningMarksStayWithTheirBase() {
        expectLines(WordWrap.wrap("ที่นี่", width: 1), ["ที่", "นี่"])
        expectLines(WordWrap.wrap("ภาษาไทย ง่ายมาก", width: 7), ["ภาษาไทย", "ง่ายมาก"])
    }

    @Test func controlCharactersAreSanitised() {
        expectLines(WordWrap.wrap("red \u{1B}[31mtext", width: 40), ["red \u{FFFD}[31mtext"])
        expectLines(WordWrap.wrap("tab\there", width: 40), ["tab here"])
    }
}
