import ArgumentParser
import Foundation
import LookoutCore
import LookoutText
import LookoutStore

/// `lookout learners list | add NAME | rename OLD NEW | remove NAME`.
struct Learners: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List, add, rename or remove the learners who use this computer, or clear a learner's PIN.",
        discussion: """
            A learner is a display name (any language, a nickname is fine) with their answers. Names are \
            unique; spaces at the ends do not count. Progress is kept in progress.sqlite in the data \
            folder (see --data-dir). Exits 74 when the progress store cannot be read or written, and 65 \
            when a name is taken or unknown.
            """,
        subcommands: [List.self, Add.self, Rename.self, Remove.self, ClearPIN.self, Merge.self],
        defaultSubcommand: List.self
    )

    /// The learner called `name`, or exit 65 with the store's message.
    static func find(_ name: String, _ store: ProgressStore) throws -> Learner {
        try Workshop.store { () throws(StoreError) -> Learner in
            guard let found = try store.learner(named: name) else { throw .unknownLearner(LearnerName.normalised(name)) }
            return found
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the learners' names (nothing else: on a shared computer, results are private).",
            discussion: "Each learner's answers and results are shown by 'lookout progress --learner NAME', which needs the learner's PIN or the facilitator passphrase."
        )

        enum Format: String, ExpressibleByArgument, CaseIterable {
            case text
            case json
        }

        @OptionGroup var dataOptions: DataOptions

        @Option(help: "text or json.")
        var format: Format = .text

        func run() throws {
            let store = try dataOptions.openStore()
            let learners: [Learner]
            do {
                learners = try store.learners()
            } catch {
                throw storeFailure(error)
            }
            switch format {
            case .json:
                struct Item: Encodable {
                    var id: String
                    var name: String
                }
                let items = learners.map { Item(id: $0.id, name: $0.name) }
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
                print(TerminalText.jsonSafe(String(decoding: try encoder.encode(items), as: UTF8.self)))
            case .text:
                if learners.isEmpty {
                    print(CommandStrings.english[.noLearnersYet])
                    return
                }
                // Names only: how much each learner has answered is their own business (see 'progress --learner').
                for learner in learners { Console.writeOut(learner.name + "\n") }
            }
        }

        /// A local calendar date, YYYY-MM-DD, for milliseconds since 1970.
        static func date(_ millis: Int64) -> String {
            var seconds = time_t(millis / 1000)
            var parts = tm()
            localtime_r(&seconds, &parts)
            func two(_ n: Int32) -> String { n < 10 ? "0\(n)" : "\(n)" }
            return "\(parts.tm_year + 1900)-\(two(parts.tm_mon + 1))-\(two(parts.tm_mday))"
        }
    }

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add a learner.")

        @Argument(help: ArgumentHelp("The learner's display name (any language; a nickname is fine).", valueName: "name"))
        var name: String

        @OptionGroup var dataOptions: DataOptions

        func run() throws {
            let store = try dataOptions.openStore()
            do {
                let learner = try store.addLearner(name: name)
                print(CommandStrings.english(.learnerAdded, ["name": learner.name]))
            } catch {
                throw storeFailure(error)
            }
        }
    }

    struct Rename: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Rename a learner; their answers stay with them.",
            discussion: "Needs the learner's PIN (LOOKOUT_PIN or --pin-stdin) or the facilitator passphrase; for a learner without a PIN, the passphrase when one is set."
        )

        @Argument(help: ArgumentHelp("The learner's name now.", valueName: "old"))
        var old: String

        @Argument(help: ArgumentHelp("The new name.", valueName: "new"))
        var new: String

        @OptionGroup var dataOptions: DataOptions
        @OptionGroup var lock: PassphraseOptions

        @OptionGroup var pin: PINOptions

        func run() throws {
            let store = try dataOptions.openStore()
            _ = try LearnerAccess.learner({ try Learners.find(old, store) }, store: store, lock: lock, pin: pin, command: "learners rename")
            do {
                let learner = try store.renameLearner(named: old, to: new)
                print(CommandStrings.english(.learnerRenamed, ["old": LearnerName.normalised(old), "name": learner.name]))
            } catch {
                throw storeFailure(error)
            }
        }
    }

    struct ClearPIN: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "clear-pin",
            abstract: "Remove a learner's PIN (for a learner who forgot it); their answers stay.",
            discussion: "Needs the facilitator passphrase (or, while none is set, the PIN itself). The learner can then open their lessons without a PIN."
        )

        @Argument(help: ArgumentHelp("The learner.", valueName: "name"))
        var name: String

        @OptionGroup var dataOptions: DataOptions
        @OptionGroup var lock: PassphraseOptions

        @OptionGroup var pin: PINOptions

        func run() throws {
            let store = try dataOptions.openStore()
            _ = try LearnerAccess.learner({ try Learners.find(name, store) }, store: store, lock: lock, pin: pin, command: "learners clear-pin")
            do throws(StoreError) {
                guard let learner = try store.learner(named: name) else { throw StoreError.unknownLearner(LearnerName.normalised(name)) }
                guard try SecretLock.isSet(.learner(learner.id), store: store) else {
                    print(CommandStrings.english(.learnerHasNoPIN, ["name": learner.name]))
                    return
                }
                try SecretLock.clear(.learner(learner.id), store: store)
                print(CommandStrings.english(.learnerPINRemoved, ["name": learner.name]))
            } catch {
                throw storeFailure(error)
            }
        }
    }

    struct Remove: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Remove a learner and all their answers.",
            discussion: "Asks you to type the name again first. Without a terminal, it needs --yes. Needs the learner's PIN (LOOKOUT_PIN or --pin-stdin) or the facilitator passphrase; for a learner without a PIN, the passphrase when one is set."
        )

        @Argument(help: ArgumentHelp("The learner to remove.", valueName: "name"))
        var name: String

        @Flag(help: "Do not ask; remove at once.")
        var yes = false

        @OptionGroup var dataOptions: DataOptions
        @OptionGroup var lock: PassphraseOptions

        @OptionGroup var pin: PINOptions

        func run() throws {
            let store = try dataOptions.openStore()
            _ = try LearnerAccess.learner({ try Learners.find(name, store) }, store: store, lock: lock, pin: pin, command: "learners remove")
            let learner: Learner
            let answers: Int
            do throws(StoreError) {
                guard let found = try store.learner(named: name) else { throw StoreError.unknownLearner(LearnerName.normalised(name)) }
                learner = found
                answers = try store.answerCount(learnerID: learner.id)
            } catch {
                throw storeFailure(error)
            }
            if !yes {
                guard isatty(STDIN_FILENO) == 1, !lock.passphraseStdin, !pin.pinStdin else {
                    printError(CommandStrings.english(.learnerRemoveUnconfirmed, ["name": learner.name, "answers": CommandStrings.english.count(answers, one: .answerOne, many: .answerMany)]))
                    throw ExitCode.validationFailure
                }
                Console.writeError(CommandStrings.english(.learnerRemoveAsk, ["name": learner.name, "answers": CommandStrings.english.count(answers, one: .answerOne, many: .answerMany)]))
                let typed = readLine(strippingNewline: true) ?? ""
                guard LearnerName.normalised(typed) == learner.name else {
                    printError(CommandStrings.english[.nameMismatchNothingRemoved])
                    throw ExitCode.failure
                }
            }
            do {
                let removed = try store.removeLearner(id: learner.id)
                try store.setMeta(TrainerDriver.languageKey(learner.id), nil)
                print(CommandStrings.english(.learnerRemoved, ["name": learner.name, "answers": CommandStrings.english.count(removed, one: .answerOne, many: .answerMany)]))
            } catch {
                throw storeFailure(error)
            }
        }
    }
}
