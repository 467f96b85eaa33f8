import Foundation

/// The number a screen or the plain mode shows before an option. Options are shuffled per attempt, so tests find
/// them by their text, as a learner does.
public enum OptionNumbers {
    /// The number of the last option line in `output` whose text starts with `text`: plain mode prints
    /// "  2. text"; the full screen draws " › 2 [ ] text" or "   2 ( ) text".
    public static func find(_ text: String, in output: String) -> Int? {
        let probe = String(text.prefix(24))
        var found: Int?
        for line in output.split(separator: "\n", omittingEmptySubsequences: false) {
            let trimmed = line.drop { $0 == " " || $0 == "›" || $0 == ">" || $0 == "✓" || $0 == "✗" }
            let digits = trimmed.prefix { $0.isASCII && $0.isNumber }
            guard let number = Int(digits) else { continue }
            var rest = trimmed.dropFirst(digits.count)
            if rest.hasPrefix(".") { rest = rest.dropFirst() }
            rest = rest.drop { $0 == " " }
            for box in ["[ ] ", "[x] ", "( ) ", "(*) ", "[X] ", "(o) ", "[✓] ", "(●) ", "[■] "] where rest.hasPrefix(box) {
                rest = rest.dropFirst(box.count)
                break
            }
            if rest.hasPrefix(probe) { found = number }
        }
        return found
    }
}

/// A conversation with `lookout train --plain` over pipes: wait for what it prints, then answer, as a person at a
/// screen reader would. Output goes to a file, so a long output never blocks the child.
public final class PlainConversation {
    let process = Process()
    let input = Pipe()
    let outPath: String
    let errPath: String
    var consumed = 0

    public init(_ arguments: [String], environment: [String: String] = [:]) throws {
        let base = NSTemporaryDirectory() + "lookout-talk-\(UUID().uuidString)"
        outPath = base + ".out"
        errPath = base + ".err"
        FileManager.default.createFile(atPath: outPath, contents: nil)
        FileManager.default.createFile(atPath: errPath, contents: nil)
        process.executableURL = URL(fileURLWithPath: Lookout.binary)
        process.arguments = arguments
        process.environment = Lookout.childEnvironment(environment)
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: outPath))
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: errPath))
        process.standardInput = input
        try process.run()
    }

    deinit {
        if process.isRunning { process.terminate() }
        try? FileManager.default.removeItem(atPath: outPath)
        try? FileManager.default.removeItem(atPath: errPath)
    }

    public struct Timeout: Error, CustomStringConvertible {
        public var waitingFor: String
        public var output: String
        public var description: String { "timed out waiting for '\(waitingFor)'; the output was:\n\(output)" }

        public init(waitingFor: String, output: String) {
            self.waitingFor = waitingFor
            self.output = output
        }
    }

    /// Everything printed so far.
    public var output: String { String(decoding: FileManager.default.contents(atPath: outPath) ?? Data(), as: UTF8.self) }

    /// Waits until the output after the last wait contains `text`; returns that new output.
    @discardableResult
    public func wait(for text: String, timeout: Double = 15) throws -> String {
        try wait(forAny: [text], timeout: timeout).output
    }

    /// Waits until the output after the last wait contains one of `texts`; returns the one that came first and the
    /// new output up to and including it.
    @discardableResult
    public func wait(forAny texts: [String], timeout: Double = 15) throws -> (found: String, output: String) {
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            let running = process.isRunning
            let all = output
            let fresh = String(all.dropFirst(consumed))
            let hits = texts.compactMap { text in fresh.range(of: text).map { (text, $0) } }
            if let first = hits.min(by: { $0.1.lowerBound < $1.1.lowerBound }) {
                let upTo = String(fresh[..<first.1.upperBound])
                consumed += upTo.count
                return (first.0, upTo)
            }
            if !running || Date() > deadline { throw Timeout(waitingFor: texts.joined(separator: "' or '"), output: all) }
            Thread.sleep(forTimeInterval: 0.02)
        }
    }

    public func send(_ line: String) {
        input.fileHandleForWriting.write(Data((line + "\n").utf8))
    }

    /// Waits for a question's prompt, then answers with the options whose texts start with `texts` ("0" for none).
    public func answer(_ texts: [String], after prompt: String = "Type the") throws {
        let printed = try wait(for: prompt)
        var numbers: [String] = []
        for text in texts {
            guard let n = OptionNumbers.find(text, in: printed) else {
                throw Timeout(waitingFor: "an option '\(text)'", output: printed)
            }
            numbers.append(String(n))
        }
        send(numbers.isEmpty ? "0" : numbers.joined(separator: " "))
    }

    /// Closes standard input (end of input) and waits for the process to end.
    public func finish() -> Lookout.Output {
        try? input.fileHandleForWriting.close()
        process.waitUntilExit()
        let err = String(decoding: FileManager.default.contents(atPath: errPath) ?? Data(), as: UTF8.self)
        return Lookout.Output(status: process.terminationStatus, stdout: output, stderr: err)
    }
}
