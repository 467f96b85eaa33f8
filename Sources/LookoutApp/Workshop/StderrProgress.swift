import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A progress bar with counts on stderr for commands that work through a large store (`report`,
/// `progress`): drawn only when stderr is a terminal, only once the work has taken half a second (so a
/// small class shows nothing), redrawn at most ten times a second, and erased when the work is done.
/// Nothing is written when stderr is a pipe or a file. The text is fixed ASCII plus numbers.
final class StderrProgress {
    private let label: String
    private let unit: String
    private let total: Int
    private let enabled: Bool
    private let started = DispatchTime.now().uptimeNanoseconds
    private var lastDrawn: UInt64 = 0
    private var drawn = false

    /// `whenStdoutIsTerminal`: false for a command that writes its output as it goes, so the bar and the
    /// output never share the screen (the output itself shows the progress there).
    init(label: String, unit: String, total: Int, whenStdoutIsTerminal: Bool = true) {
        self.label = label
        self.unit = unit
        self.total = total
        enabled = total > 0 && (whenStdoutIsTerminal || isatty(STDOUT_FILENO) != 1) && isatty(STDERR_FILENO) == 1 && ProcessInfo.processInfo.environment["TERM"] != "dumb"
    }

    /// `done` of `total` are finished.
    func update(_ done: Int) {
        guard enabled else { return }
        let now = DispatchTime.now().uptimeNanoseconds
        guard now - started >= 500_000_000, now - lastDrawn >= 100_000_000 else { return }
        lastDrawn = now
        let width = 24
        let filled = max(0, min(width, done * width / max(1, total)))
        let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
        emit("\r\(label) [\(bar)] \(done)/\(total) \(unit)\u{1B}[K")
        drawn = true
    }

    /// Erases the bar (if one was drawn).
    func finish() {
        guard drawn else { return }
        emit("\r\u{1B}[K")
        drawn = false
    }

    private func emit(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}
