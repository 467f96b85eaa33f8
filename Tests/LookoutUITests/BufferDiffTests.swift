import Testing
@testable import LookoutUI

@Suite struct BufferDiffTests {
    @Test func identicalFramesHaveNoChanges() {
        let frame = ScreenBuffer(lines: ["hello", "漢字 ok"])
        #expect(ScreenBuffer.diff(from: frame, to: frame) == [])
    }

    @Test func changedCellsFormRuns() {
        let old = ScreenBuffer(lines: ["abcdefgh", "12345678"])
        var new = old
        new.write("XY", x: 1, y: 0)
        new.write("Z", x: 6, y: 0)
        new.write("9", x: 7, y: 1)
        let runs = ScreenBuffer.diff(from: old, to: new)
        #expect(runs.map { "\($0.x),\($0.y) \($0.text)" } == ["1,0 XY", "6,0 Z", "7,1 9"])
        #expect(applying(runs, to: old) == new)
    }

    @Test func styleChangesCount() {
        let old = ScreenBuffer(lines: ["option"])
        var new = old
        new.setStyle(Style.plain.reverse(), in: Rect(x: 0, y: 0, width: 6, height: 1))
        let runs = ScreenBuffer.diff(from: old, to: new)
        #expect(runs.count == 1)
        #expect(runs.first?.cells.count == 6)
    }

    @Test func aWideCharacterIsSentWhole() {
        let old = ScreenBuffer(lines: ["ab漢cd"])
        var new = old
        new.setStyle(Style.plain.bold(), in: Rect(x: 2, y: 0, width: 1, height: 1))
        var runs = ScreenBuffer.diff(from: old, to: new)
        #expect(runs.map { "\($0.x) \($0.cells.count)" } == ["2 2"])

        // A narrow character replacing the right half: the run starts at the wide character's old left half.
        var replaced = old
        replaced.write("x", x: 3, y: 0)
        runs = ScreenBuffer.diff(from: old, to: replaced)
        #expect(runs.map { "\($0.x) \($0.text)" } == ["2  x"])
        #expect(applying(runs, to: old) == replaced)

        // A wide character appearing where narrow ones were.
        var widened = ScreenBuffer(lines: ["abcdef"])
        let before = widened
        widened.write("字", x: 3, y: 0)
        runs = ScreenBuffer.diff(from: before, to: widened)
        #expect(runs.map { "\($0.x) \($0.cells.count) \($0.text)" } == ["3 2 字"])
        #expect(applying(runs, to: before) == widened)
    }

    @Test func noOldFrameOrANewSizeRedrawsEverything() {
        let new = ScreenBuffer(lines: ["ab", "cd"])
        #expect(ScreenBuffer.diff(from: nil, to: new).map(\.text) == ["ab", "cd"])
        let smaller = ScreenBuffer(lines: ["a"])
        let runs = ScreenBuffer.diff(from: smaller, to: new)
        #expect(runs.map(\.x) == [0, 0])
        #expect(runs.allSatisfy { $0.cells.count == 2 })
    }

    @Test func applyingTheDiffGivesTheNewFrame() {
        // Many overlapping writes of mixed-width text; the diff applied to the old frame must give the new one.
        let samples = ["漢字かな", "សួស្តី", "plain text", "ภาษาไทย", "a漢b字c", "  ", "中"]
        var old = ScreenBuffer(width: 13, height: 4)
        for i in 0..<40 {
            var new = old
            let text = samples[i % samples.count]
            new.write(text, x: (i * 5) % 14 - 1, y: i % 4, style: i % 3 == 0 ? Style.plain.bold() : .plain)
            if i % 7 == 0 { new.fill(Rect(x: i % 5, y: 0, width: 3, height: 2)) }
            let runs = ScreenBuffer.diff(from: old, to: new)
            #expect(applying(runs, to: old) == new, "step \(i)")
            for run in runs { #expect(!(run.cells.first?.isContinuation ?? true) || run.x == 0, "step \(i)") }
            old = new
        }
    }
}
