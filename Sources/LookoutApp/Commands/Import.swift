import ArgumentParser
import Foundation
import LookoutCore
import LookoutStore

/// `lookout import FILE...`: merges export files from other laptops into this store.
struct Import: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Merge files made by 'lookout export' on other computers into this computer's progress.",
        discussion: """
            Every file is read and checked first (format, version, checksum, every record); if any file \
            is damaged, incomplete or not a Lookout export, nothing is imported. Then all files are \
            imported in one transaction. Answers are keyed by their ids, so importing a file twice \
            changes nothing. A learner whose name is already used here by someone else is added under \
            another name, e.g. "Dara (laptop 2)" or "Dara @1a2b3c4d"; to say that they are the same \
            person, add --map "Dara=Dara" (see first with --dry-run). A --map is remembered: every later \
            import from that laptop merges the same learner without it. Two entries already here are \
            joined with 'lookout learners merge FROM INTO'. Needs the facilitator passphrase when one is set.
            """
    )

    @Argument(help: ArgumentHelp("Export files to merge.", valueName: "file"))
    var files: [String]

    @Option(name: .customLong("map"), parsing: .singleValue,
            help: ArgumentHelp("NAME IN FILE=NAME HERE: add that learner's answers to the learner here (repeatable).", valueName: "from=to"))
    var maps: [String] = []

    @Flag(help: "Check the files and show what would be imported, without changing anything.")
    var dryRun = false

    @OptionGroup var dataOptions: DataOptions
    @OptionGroup var lock: PassphraseOptions

    func validate() throws {
        if files.isEmpty { throw ValidationError("give at least one file to import") }
        do { _ = try ImportPlan.parseMaps(maps) } catch { throw ValidationError("\(error)") }
    }

    func run() throws {
        let store = try dataOptions.openStore()
        try FacilitatorLock.require(store, options: lock, command: "import")

        // 1. Read and check every file before touching the store.
        var read: [(path: String, file: ExportFile)] = []
        var failures: [String] = []
        for path in files {
            do {
                read.append((path, try ExportFile.read(path: path)))
            } catch {
                failures.append("error: \(error)")
            }
        }
        if !failures.isEmpty {
            for line in failures { printError(line) }
            printError("Nothing was imported.")
            throw ExitCode(ExitStatus.dataError)
        }
        let ownID = try Workshop.store { () throws(StoreError) in try store.meta(Export.storeIDKey) }

        // 2. Plan against what the store holds.
        let localLearners = try Workshop.store { () throws(StoreError) in try store.learners() }
        let localAttempts = try Workshop.store { () throws(StoreError) in try store.allAttempts() }
        let localEventIDs = Set(try Workshop.store { () throws(StoreError) in try store.allEvents() }.map(\.id))
        let remembered = try Workshop.store { () throws(StoreError) in try store.learnerMaps() }
        let plan: ImportPlan
        do {
            plan = try ImportPlan.make(files: read, localLearners: localLearners, localAttempts: localAttempts,
                                       localEventIDs: localEventIDs, maps: maps, remembered: remembered)
        } catch {
            printError("error: \(error)")
            printError("Nothing was imported.")
            throw ExitCode(ExitStatus.dataError)
        }

        for summary in plan.files {
            let from = "store \(summary.storeID.prefix(8))" + (summary.label.map { ", \"\($0)\"" } ?? "")
            var line = "\(summary.path) (\(from), exported \(summary.exportedAt)): \(summary.learnersInFile) learner\(summary.learnersInFile == 1 ? "" : "s"), \(summary.answersInFile) answer\(summary.answersInFile == 1 ? "" : "s")"
            if summary.storeID == ownID { line += " [exported from this computer]" }
            print(line)
            print("  \(dryRun ? "would add" : "adding") \(summary.learnersNew) new learner\(summary.learnersNew == 1 ? "" : "s"), \(summary.learnersMerged) merged, \(summary.learnersAlreadyHere) already here; \(summary.answersNew) new answer\(summary.answersNew == 1 ? "" : "s"), \(summary.answersAlreadyHere) already here")
            // Each note under the file it is about, and naming it.
            for note in plan.notes where note.path == summary.path {
                print("  " + Self.noteText(note, dryRun: dryRun))
            }
        }
        if !dryRun, plan.notes.contains(where: { if case .renamed = $0 { return true } else { return false } }) {
            print("  (To merge a learner with someone of the same name here instead, check first with --dry-run, then import with --map \"NAME IN FILE=NAME HERE\" once; two entries already here are joined with: lookout learners merge FROM INTO.)")
        }
        if dryRun {
            print("Dry run: nothing was changed.")
            return
        }

        // 3. Import everything in one transaction.
        let summary = try Workshop.store { () throws(StoreError) in
            try store.importRecords(learners: plan.learners, attempts: plan.attempts, events: plan.events, maps: plan.newMaps)
        }
        if !plan.newMaps.isEmpty {
            print("  Remembered \(plan.newMaps.count) --map merge\(plan.newMaps.count == 1 ? "" : "s"): later imports from \(plan.newMaps.count == 1 ? "that laptop" : "those laptops") merge \(plan.newMaps.count == 1 ? "this learner" : "these learners") without --map.")
        }
        for renamed in summary.renamed {
            print("  '\(renamed.originalName)' was taken meanwhile; added as '\(renamed.newName)'.")
        }
        print("Imported \(summary.learnersAdded) learner\(summary.learnersAdded == 1 ? "" : "s"), \(summary.attemptsAdded) lesson attempt\(summary.attemptsAdded == 1 ? "" : "s") and \(summary.eventsAdded) answer\(summary.eventsAdded == 1 ? "" : "s").")
    }

    /// One note, naming its file.
    static func noteText(_ note: ImportPlan.Note, dryRun: Bool) -> String {
        switch note {
        case .renamed(let path, let from, let to):
            return "\(path): '\(from)' is already the name of another learner here, so this one \(dryRun ? "would be" : "is") added as '\(to)'."
                + (dryRun ? " If they are the same person, import with --map \"\(from)=\(from)\"." : "")
        case .merged(let path, let imported, let into):
            return "\(path): '\(imported)' \(dryRun ? "would be" : "is") merged into '\(into)' (--map; remembered for later imports)."
        case .remembered(let path, let imported, let into):
            return "\(path): '\(imported)' \(dryRun ? "would be" : "is") merged into '\(into)' (remembered from an earlier --map or learners merge)."
        case .mapIgnored(let path, let imported, let here, let target):
            return "\(path): '\(imported)' was imported before as '\(here)'; --map does not move answers already imported. "
                + "To join the two: lookout learners merge \"\(here)\" \"\(target)\""
        }
    }
}
