import Foundation
import LookoutCore

// The only ways LookoutApp writes to stdout and stderr. Every one of them passes the text through
// the one terminal-safe text path, `TerminalText` (LookoutCore), so nothing from a scenario file, a
// file name, a learner name, an import file or the store reaches the terminal as a control sequence.
//
// `print` is shadowed for this module on purpose: every `print(...)` in LookoutApp (commands, plain
// mode, the trainer) resolves to the function below, so a printer cannot forget the sanitizer.
// Colour escapes that Lookout adds itself are built with `Console.paint`, which sanitises the text it
// wraps, and are written with `Console.writeStyled`.

/// `Swift.print`, with the text made terminal-safe (``TerminalText/safeLines(_:)``).
func print(_ items: Any..., separator: String = " ", terminator: String = "\n") {
    let text = items.map { "\($0)" }.joined(separator: separator) + terminator
    Swift.print(TerminalText.safeLines(text), terminator: "")
}

/// Writes a line to stderr, made terminal-safe.
func printError(_ text: String) {
    Console.writeError(text + "\n")
}

/// Text whose untrusted parts went through ``TerminalText/safe(_:)`` and that may hold colour escapes
/// made by Lookout itself (``Console/paint(_:sgr:)``).
struct StyledText: Sendable {
    fileprivate(set) var text: String
    init() { text = "" }
    /// Untrusted text of one or more lines, sanitised (line feeds stay).
    init(_ plain: String) { text = TerminalText.safeLines(plain) }
    /// Untrusted text for one line (a file name, a name), sanitised: a line feed in it is shown as `\u{a}`.
    init(field: String) { text = TerminalText.safe(field) }
    static func + (a: StyledText, b: StyledText) -> StyledText { var r = a; r.text += b.text; return r }
    static func += (a: inout StyledText, b: StyledText) { a.text += b.text }
}

enum Console {
    /// `text` sanitised and wrapped in the SGR colour `sgr` (e.g. "1;31"), or only sanitised when nil.
    static func paint(_ text: String, sgr: String?) -> StyledText {
        var out = StyledText(text)
        if let sgr { out.text = "\u{1B}[\(sgr)m" + out.text + "\u{1B}[0m" }
        return out
    }

    /// Writes to stdout, made terminal-safe. Flushes `print`'s buffer first, so the order holds.
    static func writeOut(_ text: String) {
        write(Data(TerminalText.safeLines(text).utf8), to: FileHandle.standardOutput)
    }

    /// Writes to stderr, made terminal-safe.
    static func writeError(_ text: String) {
        write(Data(TerminalText.safeLines(text).utf8), to: FileHandle.standardError)
    }

    /// Writes JSON to stdout: unsafe scalars the encoder left raw become `\uXXXX` escapes.
    static func writeJSON(_ data: Data) {
        write(Data(TerminalText.jsonSafe(String(decoding: data, as: UTF8.self)).utf8), to: FileHandle.standardOutput)
    }

    /// Writes styled text (already sanitised, with Lookout's own colour escapes) to stdout or stderr.
    static func writeStyled(_ text: StyledText, toError: Bool = false) {
        write(Data(text.text.utf8), to: toError ? FileHandle.standardError : FileHandle.standardOutput)
    }

    private static func write(_ data: Data, to handle: FileHandle) {
        fflush(nil)   // all stdio streams: what `print` buffered goes out first
        handle.write(data)
    }
}
