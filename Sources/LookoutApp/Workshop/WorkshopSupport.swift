import ArgumentParser
import Foundation
import LookoutCore
import LookoutText
import LookoutStore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Small pieces shared by the workshop commands (report, export, import, certificate, facilitator).
enum Workshop {
    /// Loads the bank; a bank with errors is refused (exit 65) with a pointer to `lookout check`.
    static func loadBank(_ options: BankOptions) throws -> Bank {
        let root = options.path()
        if let missing = BankLocator.missing(root: root) {
            printError(missing)
            throw ExitCode(ExitStatus.dataError)
        }
        let result = BankLocator.load(root: root)
        if result.hasErrors {
            let first = result.diagnostics.first { $0.severity == .error }.map { ": first, \($0.location): \($0.message)" } ?? ""
            printError("error: the scenario bank '\(root)' has \(result.diagnostics.errorCount) error\(result.diagnostics.errorCount == 1 ? "" : "s")\(first). Run 'lookout check \(root)' to see them all")
            throw ExitCode(ExitStatus.dataError)
        }
        return result.bank
    }

    /// Runs a store call, turning a store error into a printed line and its exit code.
    static func store<T>(_ body: () throws(StoreError) -> T) throws -> T {
        do {
            return try body()
        } catch {
            throw storeFailure(error)
        }
    }

    /// Writes a user's `--out` file: ``SafeFile/write(_:to:mode:overwrite:)`` (the one implementation).
    static func writeFile(_ data: Data, to path: String, mode: mode_t = 0o644, overwrite: Bool) throws {
        try SafeFile.write(data, to: path, mode: mode, overwrite: overwrite)
    }

    /// Milliseconds since 1970 of local midnight at the start of `date`.
    static func localMidnight(_ date: CalendarDate) -> Int64 {
        var parts = tm()
        parts.tm_year = Int32(date.year - 1900)
        parts.tm_mon = Int32(date.month - 1)
        parts.tm_mday = Int32(date.day)
        parts.tm_isdst = -1
        return Int64(mktime(&parts)) * 1000
    }

    /// The local calendar date of a time in milliseconds since 1970, YYYY-MM-DD.
    static func localDate(_ millis: Int64) -> String {
        var seconds = time_t(millis / 1000)
        var parts = tm()
        localtime_r(&seconds, &parts)
        return CalendarDate(year: Int(parts.tm_year) + 1900, month: Int(parts.tm_mon) + 1, day: Int(parts.tm_mday)).description
    }

    /// Now, as an ISO 8601 UTC time with seconds.
    static func utcNow() -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: Date())
    }

    /// Colour on stdout: only on a terminal, with NO_COLOR unset and TERM not "dumb".
    static func stdoutWantsColour() -> Bool {
        let env = ProcessInfo.processInfo.environment
        return isatty(STDOUT_FILENO) == 1 && env["NO_COLOR"] == nil && env["TERM"] != "dumb"
    }

    /// Report lines as terminal text, with ANSI colours when `colour` is set. Every segment goes
    /// through the terminal-safe text path (``Console/paint(_:sgr:)``), names from the store included.
    static func render(_ lines: [ReportLine], colour: Bool) -> StyledText {
        var out = StyledText()
        for line in lines {
            for segment in line.segments where !segment.text.isEmpty {
                out += Console.paint(segment.text, sgr: colour ? ansi(segment.tone) : nil)
            }
            out += StyledText("\n")
        }
        return out
    }

    static func ansi(_ tone: ReportLine.Tone) -> String? {
        switch tone {
        case .plain: return nil
        case .heading: return "1"
        case .muted: return "2"
        case .good: return "32"
        case .fair: return "33"
        case .poor: return "1;31"
        }
    }

    /// Writes text to stdout, made terminal-safe.
    static func writeStdout(_ text: String) {
        Console.writeOut(text)
    }
}
