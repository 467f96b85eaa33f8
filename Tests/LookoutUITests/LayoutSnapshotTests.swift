import Testing
import LookoutText
@testable import LookoutUI

/// Wrapped text drawn into a buffer, compared with the expected screen as text.
@Suite struct LayoutSnapshotTests {
    private func page(_ text: String, width: Int, height: Int) -> ScreenBuffer {
        var buffer = ScreenBuffer(width: width, height: height)
        for (y, line) in WordWrap.wrap(text, width: width - 2).enumerated() {
            buffer.write(line, x: 1, y: y)
        }
        return buffer
    }

    @Test func mixedScriptsAtTwentyColumns() {
        let text = "At the bus station: 漢字かな交じり文\nស្ត្រីម្នាក់ត្រូវបានគេបោកប្រាស់ឱ្យទៅធ្វើការ"
        let buffer = page(text, width: 20, height: 8)
        expectLines(buffer.textLines, [
            " At the bus",
            " station: 漢字かな",
            " 交じり文",
            " ស្ត្រីម្នាក់ត្រូវបានគេបោក",     // 18 columns: the next piece ប្រា (3 columns) moves down whole
            " ប្រាស់ឱ្យទៅធ្វើការ",
            "",
            "",
            "",
        ])
        // Every row fits: no cell beyond column 19 was needed, and no line ends in a coeng.
        for line in buffer.textLines {
            #expect(DisplayWidth.width(of: line) <= 20)
            #expect(line.unicodeScalars.last?.value != 0x17D2)
        }
    }
}
