import ArgumentParser
import Foundation
import LookoutCore
import LookoutStore
import LookoutText

/// `lookout handout --lesson ID [--language en|km] --out FILE.html`: a printable page of a lesson.
struct Handout: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write a printable HTML page of a lesson (stories and questions, then the answers after a page break).",
        discussion: """
            The page is self-contained (no scripts, nothing loaded from the network) and prints on A4. Browsers show \
            Khmer correctly, so it serves groups with few laptops, and lets a Khmer-speaking reviewer read every \
            translation of a lesson in one place. Scenes without a current translation stay English and say so.
            """
    )

    @Option(help: ArgumentHelp("The lesson id.", valueName: "id"))
    var lesson: String

    @Option(help: ArgumentHelp("The language: en or km (default en).", valueName: "en|km"))
    var language: String = "en"

    @Option(help: ArgumentHelp("The HTML file to write, or - for standard output.", valueName: "file"))
    var out: String

    @Option(help: ArgumentHelp("The shuffle seed of the options, as printed on an earlier page, to print the same order again (default: a new random seed).", valueName: "n"))
    var seed: UInt64?

    @Flag(help: "Replace the output file if it exists.")
    var force = false

    @OptionGroup var bankOptions: BankOptions

    func run() throws {
        let say = CommandStrings.english
        guard let chosen = UILanguage(code: language) else {
            throw ValidationError(say(.unknownLanguage, ["language": language]))
        }
        let bankPath = bankOptions.path()
        if let missing = BankLocator.missing(root: bankPath) {
            printError(missing)
            throw ExitCode(ExitStatus.dataError)
        }
        let loaded = BankLocator.load(root: bankPath)
        if loaded.hasErrors {
            printError(say(.bankHasErrors, ["path": bankPath, "count": String(loaded.diagnostics.errorCount)]))
            throw ExitCode(ExitStatus.dataError)
        }
        guard let found = loaded.bank.lesson(lesson) else {
            printError(say(.noSuchLessonIn, ["lesson": lesson, "path": bankPath, "lessons": loaded.bank.lessons.map(\.id).joined(separator: ", ")]))
            throw ExitCode(ExitStatus.dataError)
        }
        // The app's one randomness source is the store's random ids; a six-digit seed is easy to copy from paper.
        let seed = self.seed ?? AttemptOrder.stableHash(ProgressStore.newID()) % 1_000_000
        let html = LessonHandout.html(bank: loaded.bank, lesson: found, language: chosen, seed: seed)
        if out == "-" {
            Workshop.writeStdout(html)
            return
        }
        try Workshop.writeFile(Data(html.utf8), to: out, mode: 0o644, overwrite: force)
        print(say(chosen.isDraft ? .handoutWroteDraft : .handoutWrote,
                  ["file": out, "lesson": found.id, "language": chosen.rawValue, "seed": String(seed)]))
    }
}
