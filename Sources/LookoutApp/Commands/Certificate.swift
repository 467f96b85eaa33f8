import ArgumentParser
import Foundation
import LookoutCore
import LookoutText
import LookoutStore

/// `lookout certificate --learner NAME --lesson ID [--out FILE]`: a printable record of completion;
/// `lookout certificate --all --lesson ID --out FOLDER`: one for every learner who passed.
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
            written readable by you only (0600). With --all instead of --learner (the facilitator passphrase \
            when one is set), --out is a folder: it gets NAME.txt and NAME.html for every learner who passed, \
            and the command lists who has not passed and why.
            """
    )

    @Option(help: ArgumentHelp("The learner's name.", valueName: "name"))
    var learner: String = ""

    @Flag(help: "Every learner who passed the lesson: one record each in the folder --out (made if missing).")
    var all = false

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

    func validate() throws {
        if all, !learner.isEmpty { throw ValidationError("give either --learner NAME or --all, not both") }
        if !all, learner.isEmpty { throw ValidationError("give --learner NAME (or --all for every learner who passed)") }
        if all, (out ?? "").isEmpty { throw ValidationError("--all needs --out FOLDER: the folder for the records") }
    }

    func run() throws {
        let say = CommandStrings.english
        if all { return try runAll() }
        // Reading never creates a store: with none, there is no such learner.
        guard try dataOptions.storeExists() else {
            printError("error: no learner named '\(LearnerName.normalised(learner))' on this computer; see 'lookout learners list'")
            throw ExitCode(ExitStatus.dataError)
        }
        let store = try dataOptions.openStore()
        let bank = try Workshop.loadBank(bankOptions)
        let lesson = try lessonAndRegion(in: bank)
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
        let paths = try CertificateFiles.write(document, out: out)
        print(say(.certificateWrote, ["textFile": paths.text, "htmlFile": paths.html, "name": person.name, "lesson": lesson.title,
                                      "score": document.record.scoreText, "date": document.dateText]))
    }
}

extension Certificate {
    /// The lesson `--lesson` names, after checking that `--region` (if given) exists: a clear error for either.
    func lessonAndRegion(in bank: Bank) throws -> Lesson {
        let say = CommandStrings.english
        guard let found = bank.lesson(lesson) else {
            printError(say(.noSuchLesson, ["lesson": lesson, "lessons": bank.lessons.map(\.id).joined(separator: ", ")]))
            throw ExitCode(ExitStatus.dataError)
        }
        if let region, bank.region(region) == nil {
            printError(say(.noSuchRegion, ["region": region, "regions": bank.regions.map(\.id).joined(separator: ", ")]))
            throw ExitCode(ExitStatus.dataError)
        }
        return found
    }

    /// `--all`: a record for each learner who passed, into the folder `--out`; who has not, and why.
    func runAll() throws {
        // Reading never creates a store: with none, nobody has passed anything here.
        guard try dataOptions.storeExists() else {
            printError("error: there are no learners on this computer yet (no progress store), so there are no records to write")
            throw ExitCode(ExitStatus.dataError)
        }
        let store = try dataOptions.openStore()
        try FacilitatorLock.require(store, options: lock, command: "certificate")
        let bank = try Workshop.loadBank(bankOptions)
        let lesson = try lessonAndRegion(in: bank)
        let folder = out ?? "."
        var learners = try Workshop.store { () throws(StoreError) in try store.learners() }
        // While no passphrase is set, a learner with a PIN is private: left out, and only counted.
        var private_ = 0
        if try !Workshop.store({ () throws(StoreError) in try FacilitatorLock.isSet(store) }) {
            let before = learners.count
            learners = try learners.filter { person in
                try !Workshop.store { () throws(StoreError) in try SecretLock.isSet(.learner(person.id), store: store) }
            }
            private_ = before - learners.count
        }
        var made: [(name: String, base: String, document: CompletionDocument)] = []
        var refused: [(name: String, reason: CompletionRefusal)] = []
        var taken = Set<String>()
        for person in learners {
            let events = try Workshop.store { () throws(StoreError) in try store.events(learnerID: person.id) }
            switch CertificateFiles.document(learner: person, lesson: lesson, bank: bank, events: events,
                                             regionID: region, organisation: organisation) {
            case .success(let document):
                let base = CertificateFiles.uniqueFileBase(person.name, taken: &taken)
                made.append((person.name, base, document))
            case .failure(let refusal):
                refused.append((person.name, refusal))
            }
        }
        if !made.isEmpty {
            if !FileManager.default.fileExists(atPath: folder) {
                guard mkdir(folder, 0o700) == 0 else {
                    printError("error: cannot make the folder '\(folder)': \(String(cString: strerror(errno)))")
                    throw ExitCode(ExitStatus.cannotCreate)
                }
            }
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder), isFolder.boolValue else {
                printError("error: '\(folder)' is not a folder; with --all, --out names the folder for the records")
                throw ExitCode(ExitStatus.cannotCreate)
            }
        }
        for record in made {
            try CertificateFiles.write(record.document, out: folder + "/" + record.base)
        }
        let title = "'\(lesson.title)' (\(lesson.id))"
        Console.writeOut("Passed \(title): \(made.count) of \(learners.count) learner\(learners.count == 1 ? "" : "s")"
                         + (made.isEmpty ? "; no records written.\n" : "; records written to '\(folder)':\n"))
        for record in made {
            Console.writeOut("  \(record.name): \(record.document.record.scoreText) on \(record.document.dateText)  (\(record.base).txt, \(record.base).html)\n")
        }
        if !refused.isEmpty {
            Console.writeOut("Not passed (\(refused.count)):\n")
            for item in refused {
                Console.writeOut("  \(item.name): \(CertificateFiles.reason(item.reason, learner: item.name))\n")
            }
        }
        if private_ > 0 {
            printError("note: \(private_) learner\(private_ == 1 ? " has" : "s have") a PIN and no facilitator passphrase is set, so \(private_ == 1 ? "it was" : "they were") left out; set one with 'lookout facilitator set-passphrase' to include them")
        }
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

    /// Why there is no record, without the learner's name in front (the list already gives it): the refusal's own
    /// words (``CompletionRefusal``, which takes its reason from the one pass rule).
    public static func reason(_ refusal: CompletionRefusal, learner: String) -> String {
        let text = refusal.description
        return text.hasPrefix(learner + " ") ? String(text.dropFirst(learner.count + 1)) : text
    }

    /// A file name (without ending) for a learner's record in a folder: letters, digits, "-" and "_" of the name
    /// (any script), other characters as "-", at most 60 characters; "learner" if nothing is left; "-2", "-3", ...
    /// when two names give the same one. Never hidden, never a path.
    public static func uniqueFileBase(_ name: String, taken: inout Set<String>) -> String {
        var base = ""
        for scalar in name.unicodeScalars {
            let keep = scalar.properties.isAlphabetic || scalar.properties.numericType != nil || scalar == "_" || scalar == "-"
                || scalar.properties.generalCategory == .nonspacingMark || scalar.properties.generalCategory == .spacingMark
            if keep, scalar.value >= 0x20, !scalar.properties.isBidiControl {
                base.unicodeScalars.append(scalar)
            } else if !base.isEmpty, !base.hasSuffix("-") {
                base += "-"
            }
        }
        while base.hasSuffix("-") { base.removeLast() }
        while base.hasPrefix("-") { base.removeFirst() }
        base = String(base.prefix(60))
        if base.isEmpty { base = "learner" }
        var candidate = base
        var n = 2
        while taken.contains(candidate.lowercased()) {
            candidate = "\(base)-\(n)"
            n += 1
        }
        taken.insert(candidate.lowercased())
        return candidate
    }

    /// Writes FILE.txt and FILE.html, readable by the owner only (0600), through ``SafeFile``: the one way a
    /// completion record is saved (`lookout certificate --out`, and a learner's own record from "My progress").
    /// Problems go to `report` (one line) and throw.
    @discardableResult
    static func write(_ document: CompletionDocument, out: String,
                      report: (String) -> Void = printError) throws -> (text: String, html: String) {
        let paths = paths(for: out)
        // The text file is read with cat and less: it gets the terminal-safe text path too.
        try SafeFile.write(Data(TerminalText.safeLines(document.text).utf8), to: paths.text, mode: 0o600, overwrite: true,
                           report: report)
        try SafeFile.write(Data(document.html.utf8), to: paths.html, mode: 0o600, overwrite: true, report: report)
        return paths
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
