import ArgumentParser
import Foundation
import LookoutCore
import LookoutText
import LookoutStore

/// `lookout progress reset --learner NAME`: start a learner afresh. A subcommand of `lookout progress`.
struct ProgressReset: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reset",
        abstract: "Delete all of a learner's answers and lesson attempts; the learner stays, under the same name.",
        usage: "lookout progress reset --learner <name> [--yes] [--pin-stdin] [--passphrase-stdin] [--data-dir <path>]",
        discussion: """
            Give the learner with --learner NAME (an option of 'lookout progress', given before or after \
            'reset'). Asks you to type the name again first; without a terminal it needs --yes. Needs the \
            learner's PIN (LOOKOUT_PIN or --pin-stdin) or the facilitator passphrase; a learner without a PIN \
            needs the passphrase when one is set. Answers already copied to another computer \
            with 'lookout export' stay there, and come back if that file is imported here again.
            """
    )

    /// `--learner`, `--data-dir` and `--passphrase-stdin` belong to `lookout progress` (ArgumentParser
    /// gives an option name to the parent command when both declare it), so they are read from there.
    @ParentCommand var parent: ProgressCommand

    @Flag(help: "Do not ask; reset at once.")
    var yes = false

    func validate() throws {
        if parent.learner == nil { throw ValidationError(CommandStrings.english[.resetWhose]) }
    }

    func run() throws {
        let learner = parent.learner ?? ""
        let store = try parent.dataOptions.openStore()
        let person = try LearnerAccess.learner({ try Learners.find(learner, store) }, store: store, lock: parent.lock,
                                               pin: parent.pin, command: "progress reset")
        let answers = try Workshop.store { () throws(StoreError) in try store.answerCount(learnerID: person.id) }
        if !yes {
            // With --passphrase-stdin, standard input was used for the passphrase: ask only on a terminal.
            guard isatty(STDIN_FILENO) == 1, !parent.lock.passphraseStdin, !parent.pin.pinStdin else {
                printError(CommandStrings.english(.resetUnconfirmed, ["name": person.name, "answers": CommandStrings.english.count(answers, one: .answerOne, many: .answerMany)]))
                throw ExitCode.validationFailure
            }
            Console.writeError(CommandStrings.english(.resetAsk, ["name": person.name, "answers": CommandStrings.english.count(answers, one: .answerOne, many: .answerMany)]))
            let typed = readLine(strippingNewline: true) ?? ""
            guard LearnerName.normalised(typed) == person.name else {
                printError(CommandStrings.english[.nameMismatchNothingDeleted])
                throw ExitCode.failure
            }
        }
        // One transaction: the answers and attempts go, the learner stays.
        let removed = try Workshop.store { () throws(StoreError) in try store.resetProgress(learnerID: person.id) }
        print(CommandStrings.english(.resetDone, ["name": person.name, "answers": CommandStrings.english.count(removed, one: .answerOne, many: .answerMany)]))
    }
}

