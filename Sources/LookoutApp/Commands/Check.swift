import ArgumentParser
import Foundation
import LookoutCore
import LookoutText

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check a scenario bank and report every problem as file:line:column.",
        discussion: "Exits 0 when there are no errors (warnings are allowed) and 65 when there are errors. Audit warnings (--audit) are warnings: they never change the exit status."
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text
        case json
    }

    @Argument(help: ArgumentHelp("The bank folder or file to check (default: the bank in use).", valueName: "path"))
    var path: String?

    @OptionGroup var bankOptions: BankOptions

    @Option(help: "How to print the diagnostics: text or json.")
    var format: Format = .text

    @Flag(help: "Also print figures about the bank: scenarios per audience, the share with no trafficking, indicator use, lesson lengths.")
    var stats = false

    @Flag(help: "Also audit every lesson for surface cues: option counts, where and how long the right answers are, and the score of cue-only strategies (tick nothing, tick everything, longest option, report words, urgency words, quotation marks, option count, first/last, random) under the real scoring and pass rule; and wording cues: question and content-note wording by kind of scene, urgency/delay words and quotation marks by key, single look-alikes (W074-W079). A lesson such a strategy passes is a warning.")
    var audit = false

    func run() throws {
        let root = path ?? bankOptions.path()
        let result = BankLocator.load(root: root)
        let bankAudit = audit ? BankAudit(bank: result.bank) : nil
        // Audit warnings join the checker's diagnostics; being warnings, they never change the exit status.
        let diagnostics = (result.diagnostics + (bankAudit?.diagnostics ?? [])).sortedByLocation()
        switch format {
        case .text:
            let printer = DiagnosticPrinter(colour: DiagnosticPrinter.wantsColour())
            for diagnostic in diagnostics { Console.writeStyled(printer.render(diagnostic) + StyledText("\n"), toError: true) }
            let b = result.bank
            print("checked \(result.fileCount) file\(result.fileCount == 1 ? "" : "s") in \(TerminalText.safe(root)): \(diagnostics.errorCount) error\(diagnostics.errorCount == 1 ? "" : "s"), \(diagnostics.warningCount) warning\(diagnostics.warningCount == 1 ? "" : "s") (\(b.scenarios.count) scenarios, \(b.indicators.count) indicators, \(b.lessons.count) lessons, \(b.regions.count) regions, \(b.sources.count) sources)")
            if stats { print(""); print(BankStats(bank: result.bank).text) }
            if let bankAudit { print(""); print(bankAudit.text) }
        case .json:
            let report = CheckReport(path: root, files: result.fileCount, errors: diagnostics.errorCount,
                                     warnings: diagnostics.warningCount,
                                     diagnostics: diagnostics.map(CheckReport.Item.init),
                                     stats: stats ? BankStats(bank: result.bank) : nil, audit: bankAudit)
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            let data = try encoder.encode(report)
            print(TerminalText.jsonSafe(String(decoding: data, as: UTF8.self)))
        }
        if result.hasErrors { throw ExitCode(ExitStatus.dataError) }
    }
}

/// The JSON shape of `lookout check --format json`.
struct CheckReport: Encodable {
    struct Item: Encodable {
        struct Note: Encodable {
            var file: String
            var line: Int
            var column: Int
            var message: String
        }
        var severity: String
        var code: String
        var file: String
        var line: Int
        var column: Int
        var message: String
        var notes: [Note]

        init(_ d: Diagnostic) {
            severity = d.severity.rawValue
            code = d.code
            file = d.location.file
            line = d.location.line
            column = d.location.column
            message = d.message
            notes = d.notes.map { Note(file: $0.location.file, line: $0.location.line, column: $0.location.column, message: $0.message) }
        }
    }
    var path: String
    var files: Int
    var errors: Int
    var warnings: Int
    var diagnostics: [Item]
    var stats: BankStats?
    /// With `--audit`: the figures per lesson (its warnings are in `diagnostics`); null without it.
    var audit: BankAudit?
}

/// Prints diagnostics, in colour only when stderr is a terminal and NO_COLOR is unset.
struct DiagnosticPrinter {
    var colour: Bool

    static func wantsColour() -> Bool {
        isatty(STDERR_FILENO) == 1 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
            && ProcessInfo.processInfo.environment["TERM"] != "dumb"
    }

    /// The diagnostic as terminal text: file names and messages go through the terminal-safe text
    /// path (a bank file name can hold an escape sequence); only the colours are Lookout's own.
    func render(_ d: Diagnostic) -> StyledText {
        let severity = "\(d.severity.rawValue)[\(d.code)]"
        var out: StyledText
        if colour {
            let code = d.severity == .error ? "1;31" : "1;33"
            out = Console.paint(TerminalText.safe("\(d.location)") + ":", sgr: "1") + StyledText(" ")
                + Console.paint("\(severity):", sgr: code) + StyledText(field: " \(d.message)")
        } else {
            out = StyledText(field: "\(d.location): \(severity): \(d.message)")
        }
        for note in d.notes { out += StyledText("\n") + StyledText(field: "\(note.location): note: \(note.message)") }
        return out
    }
}
