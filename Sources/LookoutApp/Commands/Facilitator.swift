import ArgumentParser
import Foundation
import LookoutCore
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
        subcommands: [SetPassphrase.self, ClearPassphrase.self, Status.self],
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
            let hash: String
            do {
                hash = try PassphraseHash.make(passphrase)
            } catch {
                printError("error: could not hash the passphrase (\(error)); nothing changed")
                throw ExitCode(ExitStatus.ioError)
            }
            try Workshop.store { () throws(StoreError) in
                try store.setSecretHash(.facilitator, hash)
            }
            print(wasSet ? "Facilitator passphrase changed." : "Facilitator passphrase set. On this computer, these now need it: \(Facilitator.guardedList).")
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
            }
            print("Facilitator passphrase cleared; every command works openly on this computer.")
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
