import ArgumentParser
import Foundation
import LookoutCore
import LookoutText
import LookoutStore

/// `lookout certificate --learner NAME --lesson ID [--out FILE]`: a printable record of completion.
struct Certificate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write a printable record that a learner passed a lesson, as plain text and HTML.",
        discussion: """
            The record gives the name, the lesson, the score of the first passing attempt, the pass mark, \
            the date, the bank's region and a fingerprint of the lesson's content (its id, pass mark and \
            scenario ids and versions), so a manager can tell which version was passed. Exits 1 if the \
            learner has not passed the lesson. With --out FILE it writes FILE.txt and FILE.html; \
            otherwise it prints the text. It needs the learner's PIN (LOOKOUT_PIN or --pin-stdin) or the \
            facilitator passphrase; for a learner without a PIN, the passphrase when one is set. Files are \
            written readable by you only (0600).
            """
    )

    @Option(help: ArgumentHelp("The learner's name.", valueName: "name"))
    var learner: String

    @Option(help: ArgumentHelp("The lesson id.", valueName: "id"))
    var lesson: String

    @Option(help: ArgumentHelp("Write FILE.txt and FILE.html (replaced if they exist).", valueName: "file"))
    var out: String?

    @Option(help: ArgumentHelp("The region to name (default: the region of the lesson's scenarios).", valueName: "id"))
    var region: String?

    @Option(help: ArgumentHelp("The organisation issuing the record, e.g. a hotel's name.", valueName: "name"))
    var organisation: String?

    @OptionGroup var bankOptions: BankOptions
    @OptionGroup var dataOptions: DataOptions
    @OptionGroup var lock: PassphraseOptions
    @OptionGroup var pin: PINOptions

    func run() throws {
        let say = CommandStrings.english
        // Reading never creates a store: with none, there is no such learner.
        guard try dataOptions.storeExists() else {
            printError("error: no learner named '\(LearnerName.normalised(learner))' on this computer; see 'lookout learners list'")
            throw ExitCode(ExitStatus.dataError)
        }
        let store = try dataOptions.openStore()
        let bank = try Workshop.loadBank(bankOptions)
        guard let lesson = bank.lesson(lesson) else {
            printError(say(.noSuchLesson, ["lesson": self.lesson, "lessons": bank.lessons.map(\.id).joined(separator: ", ")]))
            throw ExitCode(ExitStatus.dataError)
        }
        if let region, bank.region(region) == nil {
            printError(say(.noSuchRegion, ["region": region, "regions": bank.regions.map(\.id).joined(separator: ", ")]))
            throw ExitCode(ExitStatus.dataError)
        }
        let person = try LearnerAccess.learner({ try Learners.find(learner, store) }, store: store, lock: lock, pin: pin,
                                               command: "certificate")
        let events = try Workshop.store { () throws(StoreError) in try store.events(learnerID: person.id) }
        let document: CompletionDocument
        switch CertificateFiles.document(learner: person, lesson: lesson, bank: bank, events: events,
                                         regionID: region, organisation: organisation) {
        case .success(let made):
            document = made
        case .failure(let refusal):
            printError(say(.errorPrefix, ["message": refusal.description]))
            throw ExitCode.failure
        }
        guard let out else {
            Workshop.writeStdout(document.text)
            return
        }
        let paths = CertificateFiles.paths(for: out)
        // The text file is read with cat and less: it gets the terminal-safe text path too.
        try Workshop.writeFile(Data(TerminalText.safeLines(document.text).utf8), to: paths.text, mode: 0o600, overwrite: true)
        try Workshop.writeFile(Data(document.html.utf8), to: paths.html, mode: 0o600, overwrite: true)
        print(say(.certificateWrote, ["textFile": paths.text, "htmlFile": paths.html, "name": person.name, "lesson": lesson.title,
                                      "score": document.record.scoreText, "date": document.dateText]))
    }
}

/// Certificate pieces the trainer can reuse (it shows a learner their own record without the passphrase).
public enum CertificateFiles {
    /// The record and its printable form, or why there is none.
    public static func document(learner: Learner, lesson: Lesson, bank: Bank, events: [AnswerEvent], regionID: String?,
                                organisation: String?) -> Result<CompletionDocument, CompletionRefusal> {
        Completion.record(learner: learner, lesson: lesson, bank: bank, events: events).map { record in
            CompletionDocument(record: record, dateText: Workshop.localDate(record.passedAt),
                               region: regionLine(bank: bank, lesson: lesson, regionID: regionID),
                               organisation: organisation.map(LearnerName.normalised).flatMap { $0.isEmpty ? nil : $0 })
        }
    }

    /// The region's name: the one asked for, else the region most of the lesson's scenarios are set in,
    /// else the bank's first region; nil for a bank with no regions.
    public static func regionLine(bank: Bank, lesson: Lesson, regionID: String?) -> String? {
        if let regionID, let region = bank.region(regionID) { return region.name }
        var counts: [String: Int] = [:]
        var order: [String] = []
        for scenario in bank.scenarios(of: lesson) {
            guard let id = scenario.region, bank.region(id) != nil else { continue }
            if counts[id] == nil { order.append(id) }
            counts[id, default: 0] += 1
        }
        var best: String?
        for id in order where best == nil || (counts[id] ?? 0) > (counts[best ?? ""] ?? 0) { best = id }
        if let best, let region = bank.region(best) { return region.name }
        return bank.regions.first?.name
    }

    /// FILE.txt and FILE.html for `--out FILE` (a .txt, .html or .htm ending on FILE is dropped first).
    public static func paths(for out: String) -> (text: String, html: String) {
        var base = out
        for ending in [".txt", ".html", ".htm"] where base.lowercased().hasSuffix(ending) && base.count > ending.count {
            base = String(base.dropLast(ending.count))
            break
        }
        return (base + ".txt", base + ".html")
    }
}
