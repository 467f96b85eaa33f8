import ArgumentParser
import Foundation
import LookoutCore
import LookoutText
import LookoutStore

/// `lookout facilitator set-passphrase | clear-passphrase | status`: the lock on a shared laptop.
struct Facilitator: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Set, clear or show the facilitator passphrase that locks class reports and other learners' data.",
        discussion: """
            With a passphrase set, these commands need it: \(Facilitator.guardedList). Learners can \
            still train, and see only their own results. With none set (the default), everything works \
            openly, as on a facilitator's own laptop. The passphrase is stored only as a salted \
            PBKDF2-SHA256 hash in the progress store. It keeps pupils out of each other's results \
            through Lookout; it does not encrypt the store file.
            """,
        subcommands: [SetPassphrase.self, ClearPassphrase.self, Recover.self, AllowRetake.self, Status.self],
        defaultSubcommand: Status.self
    )

    static var guardedList: String { GuardedCommands.sentence }

    struct SetPassphrase: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "set-passphrase",
            abstract: "Set (or change) the facilitator passphrase.",
            discussion: """
                Asks for the new passphrase twice on the terminal, without showing it; with --stdin it \
                reads it from the first line of standard input instead. At least \(PassphraseHash.minimumLength) \
                characters. Changing a passphrase needs the current one (typed, LOOKOUT_PASSPHRASE, or \
                --passphrase-stdin; with both --passphrase-stdin and --stdin, the current one is the first \
                line and the new one the second).
                """
        )

        @Flag(help: "Read the new passphrase from standard input (one line) instead of the terminal.")
        var stdin = false

        @OptionGroup var dataOptions: DataOptions
        @OptionGroup var lock: PassphraseOptions

        func run() throws {
            let store = try dataOptions.openStore()
            let wasSet = try Workshop.store { () throws(StoreError) in try FacilitatorLock.isSet(store) }
            if wasSet {
                try FacilitatorLock.require(store, options: lock, command: "facilitator set-passphrase")
            }
            let passphrase: String
            if stdin {
                guard let line = readLine(strippingNewline: true) else {
                    printError("error: no passphrase on standard input; nothing changed")
                    throw ExitCode(ExitStatus.dataError)
                }
                passphrase = line
            } else {
                guard isatty(STDIN_FILENO) == 1 else {
                    printError("error: set-passphrase asks on a terminal; in a script, give the new passphrase on standard input with --stdin. Nothing changed")
                    throw ExitCode(ExitStatus.dataError)
                }
                guard let typed = TerminalInput.readNewPassphrase() else {
                    printError("error: could not read the passphrase from the terminal; nothing changed")
                    throw ExitCode(ExitStatus.dataError)
                }
                guard PassphraseHash.normalised(typed.first) == PassphraseHash.normalised(typed.second) else {
                    printError("error: the two passphrases typed differ; nothing changed")
                    throw ExitCode(ExitStatus.dataError)
                }
                passphrase = typed.first
            }
            if let problem = PassphraseHash.problem(with: passphrase) {
                printError("error: this passphrase cannot be used: \(problem). Nothing changed")
                throw ExitCode(ExitStatus.dataError)
            }
            let code: String
            do {
                code = try FacilitatorRecovery.setPassphrase(passphrase, store: store)
            } catch let error as StoreError {
                throw storeFailure(error)
            } catch {
                printError("error: could not hash the passphrase (\(error)); nothing changed")
                throw ExitCode(ExitStatus.ioError)
            }
            print(wasSet ? "Facilitator passphrase changed." : "Facilitator passphrase set. On this computer, these now need it: \(Facilitator.guardedList).")
            print(Facilitator.recoveryText(code))
        }
    }

    struct ClearPassphrase: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "clear-passphrase",
            abstract: "Remove the facilitator passphrase, so every command works openly again (needs the passphrase)."
        )

        @OptionGroup var dataOptions: DataOptions
        @OptionGroup var lock: PassphraseOptions

        func run() throws {
            let store = try dataOptions.openStore()
            guard try Workshop.store({ () throws(StoreError) in try FacilitatorLock.isSet(store) }) else {
                print("No facilitator passphrase is set; nothing to clear.")
                return
            }
            try FacilitatorLock.require(store, options: lock, command: "facilitator clear-passphrase")
            try Workshop.store { () throws(StoreError) in
                try SecretLock.clear(.facilitator, store: store)
                try SecretLock.clear(FacilitatorRecovery.key, store: store)
            }
            print("Facilitator passphrase cleared; every command works openly on this computer.")
        }
    }

    /// The lines that show a new recovery code (once; only its hash is kept).
    static func recoveryText(_ code: String) -> String {
        "Recovery code (shown only this once): \(code)\n"
            + "Write it down and keep it away from learners. If the passphrase is forgotten, 'lookout facilitator recover' "
            + "takes this code and removes the passphrase; every learner and answer stays."
    }

    struct AllowRetake: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "allow-retake",
            abstract: "Let one learner start one new attempt of a lesson before its retake rule allows it.",
            discussion: """
                A final may be retaken from the day after the last attempt (or as its 'retake-after:' in \
                lessons.txt says). This facilitator's OK lets the learner start one new attempt now, in the \
                trainer; it is used up when that attempt starts. Needs the facilitator passphrase when one is set.
                """
        )

        @Option(help: ArgumentHelp("The learner's name.", valueName: "name"))
        var learner: String

        @Option(help: ArgumentHelp("The lesson id.", valueName: "id"))
        var lesson: String

        @OptionGroup var bankOptions: BankOptions
        @OptionGroup var dataOptions: DataOptions
        @OptionGroup var lock: PassphraseOptions

        func run() throws {
            let store = try dataOptions.openStore()
            try FacilitatorLock.require(store, options: lock, command: "facilitator allow-retake")
            let bank = try Workshop.loadBank(bankOptions)
            guard let found = bank.lesson(lesson) else {
                printError(CommandStrings.english(.noSuchLesson, ["lesson": lesson, "lessons": bank.lessons.map(\.id).joined(separator: ", ")]))
                throw ExitCode(ExitStatus.dataError)
            }
            let person = try Learners.find(learner, store)
            try Workshop.store { () throws(StoreError) in
                try store.setMeta(TrainerDriver.retakeKey(learnerID: person.id, lessonID: found.id), String(ProgressStore.now()))
            }
            print("'\(person.name)' may start one new attempt of '\(found.title)' now.")
        }
    }

    struct Recover: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Remove a forgotten facilitator passphrase with the recovery code printed when it was set.",
            discussion: """
                Asks for the recovery code on the terminal (or reads it from the first line of standard input \
                with --stdin). The right code removes the passphrase and the code; no learner, PIN or answer \
                changes. Then set a new passphrase with 'lookout facilitator set-passphrase'. Wrong codes wait \
                longer and longer (1 s, 2 s, 4 s, ... at most 16 s), across processes. Exits 77 for a wrong code.
                """
        )

        @Flag(help: "Read the recovery code from standard input (one line) instead of the terminal.")
        var stdin = false

        @OptionGroup var dataOptions: DataOptions

        func run() throws {
            let store = try dataOptions.openStore()
            guard try Workshop.store({ () throws(StoreError) in try FacilitatorLock.isSet(store) }) else {
                print("No facilitator passphrase is set; nothing to recover.")
                return
            }
            let typed: String?
            if stdin {
                typed = readLine(strippingNewline: true)
            } else {
                guard isatty(STDIN_FILENO) == 1 else {
                    printError("error: recover asks on a terminal; in a script, give the code on standard input with --stdin. Nothing changed")
                    throw ExitCode(ExitStatus.dataError)
                }
                typed = TerminalInput.readHidden(prompt: "Recovery code: ")
            }
            guard let typed, !typed.isEmpty else {
                printError("error: no recovery code given; nothing changed")
                throw ExitCode(ExitStatus.dataError)
            }
            let outcome = try Workshop.store { () throws(StoreError) in
                try SecretLock.waitAndVerify(FacilitatorRecovery.normalised(typed), key: FacilitatorRecovery.key, store: store)
            }
            switch outcome {
            case .match:
                try Workshop.store { () throws(StoreError) in
                    try SecretLock.clear(.facilitator, store: store)
                    try SecretLock.clear(FacilitatorRecovery.key, store: store)
                }
                print("The facilitator passphrase is removed; every learner and answer is kept. Set a new one now with 'lookout facilitator set-passphrase'.")
            case .notSet:
                printError("error: this store has no recovery code (its passphrase was set before recovery codes existed); nothing changed. See README.md, \"Forgotten facilitator passphrase\".")
                throw ExitCode(FacilitatorLock.refusedExitCode)
            case .malformed:
                throw FacilitatorLock.damaged(store)
            case .mismatch, .tooEarly:
                printError("error: wrong recovery code; the passphrase is unchanged")
                throw ExitCode(FacilitatorLock.refusedExitCode)
            }
        }
    }

    struct Status: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Say whether a facilitator passphrase is set.")

        @OptionGroup var dataOptions: DataOptions

        func run() throws {
            let store = try dataOptions.openStore()
            let stored = try Workshop.store { () throws(StoreError) in try store.meta(FacilitatorLock.metaKey) }
            guard let stored else {
                print("No facilitator passphrase is set: every command works openly on this computer.")
                print("Set one with 'lookout facilitator set-passphrase' to lock \(Facilitator.guardedList).")
                return
            }
            let since = try Workshop.store { () throws(StoreError) in try store.meta(FacilitatorLock.setAtKey) }
                .flatMap { Int64($0) }.map { " since \(Workshop.localDate($0))" } ?? ""
            print("A facilitator passphrase is set\(since). It is needed for: \(Facilitator.guardedList).")
            let parts = stored.split(separator: "$")
            if parts.count == 4, parts[0] == PassphraseHash.scheme {
                print("Stored as a salted \(PassphraseHash.scheme) hash with \(parts[1]) iterations, in '\(store.path)'.")
            } else {
                print("The stored passphrase hash is damaged; the guarded commands stay locked.")
            }
        }
    }
}
