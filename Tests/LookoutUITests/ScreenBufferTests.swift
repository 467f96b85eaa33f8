import Testing
import LookoutText
@testable import LookoutUI

@Suite struct ScreenBufferTests {
    @Test func writeClipsAtTheRightEdgeAndTheLimit() {
        var buffer = ScreenBuffer(width: 5, height: 2)
        let end = buffer.write("Hello, world", x: 0, y: 0)
        buffer.write("abcdef", x: 1, y: 1, limit: 3)
        expectLines(buffer.textLines, ["Hello", " abc"])
        #expect(end == 5)
    }

    @Test func writeOutsideTheBufferDoesNothing() {
        var buffer = ScreenBuffer(width: 4, height: 1)
        buffer.write("x", x: 0, y: 1)
        buffer.write("x", x: 0, y: -1)
        buffer.write("x", x: 4, y: 0)
        #expect(buffer == ScreenBuffer(width: 4, height: 1))
    }

    @Test func writeLeftOfColumnZeroSkipsWhatIsOutside() {
        var buffer = ScreenBuffer(width: 6, height: 2)
        buffer.write("abcdef", x: -2, y: 0)
        buffer.write("漢字", x: -1, y: 1)              // the left half of 漢 is off screen: a space remains
        expectLines(buffer.textLines, ["cdef", " 字"])
    }

    @Test func wideCharactersTakeTwoCells() {
        let buffer = ScreenBuffer(lines: ["a漢b"])
        #expect(buffer.width == 4)
        #expect(buffer[1, 0].symbol == "漢")
        #expect(buffer[1, 0].width == 2)
        #expect(buffer[2, 0].isContinuation)
        #expect(buffer[3, 0].symbol == "b")
        expectLines(buffer.cellDump, ["a漢·b"])
        expectLines(buffer.textLines, ["a漢b"])
    }

    @Test func aWideCharacterThatDoesNotFitBecomesASpace() {
        var buffer = ScreenBuffer(width: 5, height: 2)
        buffer.write("ab漢字", x: 0, y: 0)
        buffer.write("漢字", x: 0, y: 1, limit: 3)
        expectLines(buffer.cellDump, ["ab漢· ", "漢·   "])
    }

    @Test func overwritingHalfAWideCharacterBlanksTheOtherHalf() {
        var buffer = ScreenBuffer(lines: ["漢字"])
        buffer.write("x", x: 1, y: 0)                 // right half of 漢
        expectLines(buffer.cellDump, [" x字·"])
        buffer.write("y", x: 2, y: 0)                 // left half of 字
        expectLines(buffer.cellDump, [" xy "])

        var shifted = ScreenBuffer(lines: ["漢字"])
        shifted.write("中", x: 1, y: 0)               // straddles both
        expectLines(shifted.cellDump, [" 中· "])
    }

    @Test func linesAreMeasuredInColumns() {
        let buffer = ScreenBuffer(lines: ["សួស្តី", "漢字", "ok"])
        #expect(buffer.size == Size(width: 4, height: 3))
        expectLines(buffer.textLines, ["សួស្តី", "漢字", "ok"])
        #expect(buffer[0, 0].symbol == "សួ")
        #expect(buffer[1, 0].symbol == "ស្")
        #expect(buffer[2, 0].symbol == "តី")
    }

    @Test func cellsNeverHoldControlCharacters() {
        var buffer = ScreenBuffer(width: 20, height: 1)
        buffer.write("a\u{1B}[2Jb\u{9B}c\u{07}", x: 0, y: 0)
        expectLines(buffer.textLines, ["a\u{FFFD}[2Jb\u{FFFD}c\u{FFFD}"])
        for cell in buffer.cells {
            #expect(cell.symbol.unicodeScalars.allSatisfy { !DisplayWidth.isControl($0) })
        }
        #expect(Cell("\u{1B}").symbol == "\u{FFFD}")
        #expect(Cell("ab").symbol == "\u{FFFD}")      // two columns of narrow text is not one cell
    }

    @Test func zeroWidthMarksJoinTheirCellUpToFiveScalars() {
        var buffer = ScreenBuffer(width: 3, height: 1)
        buffer.write("e" + String(repeating: "\u{301}", count: 10) + "x", x: 0, y: 0)
        #expect(buffer[0, 0].symbol.unicodeScalars.count == Cell.maxScalars)
        #expect(buffer[1, 0].symbol == "x")
        var lone = ScreenBuffer(width: 3, height: 1)
        lone.write("\u{301}\u{200B}ab", x: 0, y: 0)  // a mark with nothing before it is dropped, and so is ZWSP
        expectLines(lone.textLines, ["ab"])
    }

    @Test func stylesAreListedSeparately() {
        var buffer = ScreenBuffer(width: 12, height: 3)
        buffer.write("Title", x: 0, y: 0, style: Style.fg(.title).bold())
        buffer.write("[x] yes", x: 2, y: 2, style: Style.fg(.correct))
        buffer.setStyle(Style.plain.reverse(), in: Rect(x: 2, y: 1, width: 3, height: 1))
        buffer.cursor = Position(x: 3, y: 2)
        expectLines(buffer.snapshot.split(separator: "\n", omittingEmptySubsequences: false).map(String.init), [
            "Title",
            "",
            "  [x] yes",
            "--- styles",
            "0: 0-4 fg=title bold",
            "1: 2-4 reverse",
            "2: 2-8 fg=correct",
            "cursor: 3,2",
        ])
    }

    @Test func setStyleRestylesAWideCharacterWhole() {
        var buffer = ScreenBuffer(lines: ["a漢"])
        buffer.setStyle(Style.plain.underline(), in: Rect(x: 1, y: 0, width: 1, height: 1))
        expectLines(buffer.styleLines, ["0: 1-2 underline", "cursor: hidden"])
    }

    @Test func fillClearAndDraw() {
        var buffer = ScreenBuffer(width: 6, height: 3)
        buffer.fill(Rect(x: 4, y: 1, width: 10, height: 10), style: Style(background: .selection))
        expectLines(buffer.styleLines, ["1: 4-5 bg=selection", "2: 4-5 bg=selection", "cursor: hidden"])
        buffer.draw(ScreenBuffer(lines: ["漢x", "yz"]), x: 3, y: 1)
        expectLines(buffer.cellDump, ["      ", "   漢·x", "   yz "])
        buffer.cursor = Position(x: 1, y: 1)
        buffer.clear()
        #expect(buffer == ScreenBuffer(width: 6, height: 3))
    }

    @Test func negativeSizesAreEmpty() {
        let buffer = ScreenBuffer(width: -3, height: 2)
        #expect(buffer.width == 0)
        #expect(buffer.cells.isEmpty)
        expectLines(buffer.textLines, ["", ""])
    }
}
