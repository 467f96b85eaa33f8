import Testing
@testable import LookoutUI

/// Compares lines of a snapshot with the expected lines and, on a mismatch, reports a line-by-line diff.
func expectLines(_ actual: [String], _ expected: [String], sourceLocation: SourceLocation = #_sourceLocation) {
    guard actual != expected else {
        #expect(actual == expected, sourceLocation: sourceLocation)
        return
    }
    var report = ["snapshot differs (- expected, + actual):"]
    for i in 0..<max(actual.count, expected.count) {
        let e = i < expected.count ? expected[i] : nil
        let a = i < actual.count ? actual[i] : nil
        if e == a {
            report.append("  \(e ?? "")")
        } else {
            if let e { report.append("- \(e)|") }
            if let a { report.append("+ \(a)|") }
        }
    }
    Issue.record(Comment(rawValue: report.joined(separator: "\n")), sourceLocation: sourceLocation)
}

/// Applies diff runs to a frame the way the terminal writer does: each non-continuation cell is set in turn.
func applying(_ runs: [CellRun], to old: ScreenBuffer) -> ScreenBuffer {
    var screen = old
    for run in runs {
        for (offset, cell) in run.cells.enumerated() where !cell.isContinuation {
            screen.set(cell, x: run.x + offset, y: run.y)
        }
    }
    return screen
}
