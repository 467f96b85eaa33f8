import ArgumentParser
import Foundation
import LookoutCore
import LookoutText
import LookoutStore

/// `lookout export --out FILE`: a portable copy of this store's learners and answers.
struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write this computer's learners and answers to a file, to merge on another computer with 'lookout import'.",
        discussion: """
            The file is JSON with a format name, a version and a SHA-256 checksum, so a damaged copy is \
            refused on import (see README.md, "Workshop tools"). It holds learners' names and answers: \
            keep it as private as the laptop. Needs the facilitator passphrase when one is set. \
            --format gift writes the scenario bank as a Moodle quiz instead (no learner data); --format \
            xapi writes the answers as xAPI statements for a Learning Record Store (see 'lookout sync').
            """
    )

    /// The meta key of this store's random id, made at the first export.
    static let storeIDKey = "store-id"

    @Option(help: ArgumentHelp("The file to write; '-' for standard output.", valueName: "file"))
    var out: String

    @Option(help: ArgumentHelp("A short name for this computer, e.g. \"laptop 2\"; used when a learner's name clashes on import.", valueName: "name"))
    var label: String?

    @Flag(help: "Replace the file if it exists.")
    var force = false

    /// `--format`, `--lesson`, `--language`, `--ndjson`, `--homepage`, `--include-names` and `--bank`:
    /// the GIFT and xAPI formats (see InteropExport.swift).
    @OptionGroup var interop: InteropExportOptions

    @OptionGroup var dataOptions: DataOptions
    @OptionGroup var lock: PassphraseOptions

    func validate() throws {
        try interop.validate(label: label)
        if let label {
            let trimmed = LearnerName.normalised(label)
            if trimmed.isEmpty || trimmed.count > 30
                || trimmed.unicodeScalars.contains(where: { $0.properties.generalCategory == .control || $0 == "(" || $0 == ")" })
                || TerminalText.containsUnsafe(trimmed) || TerminalText.isInvisible(trimmed) {
                throw ValidationError(CommandStrings.english[.exportBadLabel])
            }
        }
    }

    func run() throws {
        if interop.format != .lookout {
            try InteropExport.run(interop, out: out, force: force, dataOptions: dataOptions, lock: lock)
            return
        }
        let store = try dataOptions.openStore()
        try FacilitatorLock.require(store, options: lock, command: "export")
        try LearnerAccess.requirePassphraseForPINLearners(store, command: "lookout export")
        let storeID = try Self.storeID(store)
        let learners = try Workshop.store { () throws(StoreError) in try store.learners() }
        let attempts = try Workshop.store { () throws(StoreError) in try store.allAttempts() }
        let events = try Workshop.store { () throws(StoreError) in try store.allEvents() }
        let file = ExportFile(storeID: storeID, label: label.map(LearnerName.normalised), exportedAt: Workshop.utcNow(),
                              learners: learners, attempts: attempts, events: events)
        let data = try file.encoded()
        if out == "-" {
            FileHandle.standardOutput.write(data)
            return
        }
        try Workshop.writeFile(data, to: out, mode: 0o600, overwrite: force)
        let say = CommandStrings.english
        print(say(.exported, [
            "learners": say.count(learners.count, one: .learnerOne, many: .learnerMany),
            "attempts": say.count(attempts.count, one: .lessonAttemptOne, many: .lessonAttemptMany),
            "answers": say.count(events.count, one: .answerOne, many: .answerMany),
            "file": out, "store": String(storeID.prefix(8)),
            "label": label.map { say(.exportedLabel, ["label": LearnerName.normalised($0)]) } ?? "",
        ]))
    }

    /// This store's id, made and saved on first use.
    static func storeID(_ store: ProgressStore) throws -> String {
        try Workshop.store { () throws(StoreError) -> String in
            if let id = try store.meta(storeIDKey), !id.isEmpty { return id }
            let id = ProgressStore.newID()
            try store.setMeta(storeIDKey, id)
            return id
        }
    }
}
