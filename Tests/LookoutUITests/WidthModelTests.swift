import LookoutCore
import LookoutText
import LookoutTerminal
import LookoutUI
import Testing

/// The width models and choosing one from what the terminal measured (figures from
/// shared/research/khmer-in-terminals.md, measured with cursor position reports in each terminal).
@Suite struct WidthModelTests {
    @Test func theModelsPredictTheMeasuredAdvances() {
        #expect(WidthProbe.expected(.glibc) == [2, 3, 4, 3])
        #expect(WidthProbe.expected(.windowsTerminal) == [2, 2, 4, 3])
        #expect(WidthProbe.expected(.clusterPerCell) == [1, 1, 3, 3])
        // Whole words measured in xterm / VTE / Alacritty / tmux (glibc) and kitty (cluster per cell).
        #expect(DisplayWidth.width(of: "ការជួញដូរមនុស្ស", model: .glibc) == 11)
        #expect(DisplayWidth.width(of: "ការជួញដូរមនុស្ស", model: .clusterPerCell) == 10)
        #expect(DisplayWidth.width(of: "សណ្ឋាគារ", model: .glibc) == 7)
        #expect(DisplayWidth.width(of: "សណ្ឋាគារ", model: .clusterPerCell) == 5)
        #expect(DisplayWidth.width(of: "កោះ", model: .clusterPerCell) == 1)
        #expect(DisplayWidth.width(of: "តើអ្នកណាកំពុងរៀន?", model: .glibc) == 14)
        #expect(DisplayWidth.width(of: "តើអ្នកណាកំពុងរៀន?", model: .clusterPerCell) == 11)
        // U+200B is zero width everywhere.
        for model in DisplayWidth.Model.allCases {
            #expect(DisplayWidth.width(of: "a\u{200B}b", model: model) == 2)
            #expect(DisplayWidth.width(of: "Lookout 80x24", model: model) == 13)
            #expect(DisplayWidth.width(of: "漢字", model: model) == 4)
        }
    }

    @Test func theModelIsChosenFromTheMeasuredAdvances() {
        #expect(WidthProbe.finding(advances: [2, 3, 4, 3]) == .model(.glibc))
        #expect(WidthProbe.finding(advances: [2, 2, 4, 3]) == .model(.windowsTerminal))
        #expect(WidthProbe.finding(advances: [1, 1, 3, 3]) == .model(.clusterPerCell))
        // The wcwidth 0.9 / contour model (2, 2, 3, 2) is none of ours: unknown, so Khmer is not drawn as if it fitted.
        #expect(WidthProbe.finding(advances: [2, 2, 3, 2]) == .unknown(advances: [2, 2, 3, 2]))
        #expect(WidthProbe.finding(advances: nil) == .noAnswer)
        #expect(WidthProbe.finding(advances: [2, 3]) == .noAnswer)
        #expect(WidthProbe.finding(advances: [2, 3, 4, 3]).khmerModel == .glibc)
        #expect(WidthProbe.finding(advances: [2, 2, 4, 3]).khmerModel == .windowsTerminal)
        #expect(WidthProbe.finding(advances: [1, 1, 3, 3]).khmerModel == nil)
        #expect(WidthProbe.finding(advances: [2, 2, 3, 2]).khmerModel == nil)
        #expect(WidthProbe.finding(advances: nil).khmerModel == nil)
    }

    /// ncurses places every cell by libc `wcwidth` (the glibc model) and cannot be told another, so the cell buffer
    /// and the wrapper keep glibc widths for every terminal Khmer is drawn in. Under the Windows Terminal model
    /// Khmer is never wider than that, so a wrapped line still fits its row and a difference stays inside the row.
    @Test func windowsTerminalKhmerIsNeverWiderThanGlibc() {
        for key in UIText.allCases {
            let text = UIStrings.khmer[key]
            #expect(DisplayWidth.width(of: text, model: .windowsTerminal) <= DisplayWidth.width(of: text), "\(key)")
            #expect(DisplayWidth.width(of: text, model: .clusterPerCell) <= DisplayWidth.width(of: text), "\(key)")
        }
    }

    /// The adapter reads the column from the terminal's cursor position report and nothing else.
    @Test func cursorPositionReportsAreParsedStrictly() {
        #expect(WidthMeasurement.parseColumn(Array("\u{1B}[12;5R".utf8)) == 5)
        #expect(WidthMeasurement.parseColumn(Array("\u{1B}[1;80R".utf8)) == 80)
        #expect(WidthMeasurement.parseColumn(Array("\u{1B}[12R".utf8)) == nil)
        #expect(WidthMeasurement.parseColumn(Array("\u{1B}[a;5R".utf8)) == nil)
        #expect(WidthMeasurement.parseColumn(Array("\u{1B}[12;0R".utf8)) == nil)
        #expect(WidthMeasurement.parseColumn(Array("[12;5R".utf8)) == nil)
    }
}
