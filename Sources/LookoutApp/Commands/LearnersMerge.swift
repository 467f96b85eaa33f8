import ArgumentParser
import Foundation
import LookoutCore
import LookoutStore

extension Learners {
    /// `lookout learners merge FROM INTO`: two entries of one person become one.
    struct Merge: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Join two entries of the same person: FROM's lesson attempts and answers become INTO's, and FROM is removed.",
            discussion: """
                For a learner split in two by an import, e.g. "Dara (laptop 3)" and "Dara": \
                lookout learners merge "Dara (laptop 3)" "Dara". Every attempt and answer is kept, now under INTO; \
                reports, the gain and certificates count them as INTO's. It is remembered, so a later import of \
                the laptop FROM came from adds to INTO as well, without --map. FROM's PIN and language setting go \
                with FROM's entry. Needs the facilitator passphrase when one is set; while none is set, a learner \
                with a PIN cannot be merged (set a passphrase first).
                """
        )

        @Argument(help: ArgumentHelp("The entry to join into the other (it is removed).", valueName: "from"))
        var from: String

        @Argument(help: ArgumentHelp("The entry that keeps its name and gets FROM's answers.", valueName: "into"))
        var into: String

        @Flag(help: "Show what would move, without changing anything.")
        var dryRun = false

        @OptionGroup var dataOptions: DataOptions
        @OptionGroup var lock: PassphraseOptions

        func run() throws {
            let store = try dataOptions.openStore()
            try FacilitatorLock.require(store, options: lock, command: "learners merge")
            let source: Learner, target: Learner
            let sourceAnswers: Int, sourceAttempts: Int
            do throws(StoreError) {
                guard let found = try store.learner(named: from) else { throw StoreError.unknownLearner(LearnerName.normalised(from)) }
                guard let other = try store.learner(named: into) else { throw StoreError.unknownLearner(LearnerName.normalised(into)) }
                source = found
                target = other
                sourceAnswers = try store.answerCount(learnerID: source.id)
                sourceAttempts = try store.attempts(learnerID: source.id).count
            } catch {
                throw storeFailure(error)
            }
            guard source.id != target.id else {
                printError("error: '\(source.name)' and '\(target.name)' are the same entry; give two different learners")
                throw ExitCode(ExitStatus.dataError)
            }
            // Without a passphrase nothing proves who is at the keyboard: a PIN's results are not joined to anyone's.
            let locked = try Workshop.store { () throws(StoreError) in try FacilitatorLock.isSet(store) }
            if !locked {
                for person in [source, target] {
                    guard try Workshop.store({ () throws(StoreError) in try SecretLock.isSet(.learner(person.id), store: store) }) else { continue }
                    printError("error: '\(person.name)' has a PIN, and no facilitator passphrase is set, so 'lookout learners merge' cannot tell that you may join their results; set one first with 'lookout facilitator set-passphrase'")
                    throw ExitCode(FacilitatorLock.refusedExitCode)
                }
            }
            let what = "\(sourceAttempts) lesson attempt\(sourceAttempts == 1 ? "" : "s") and \(sourceAnswers) answer\(sourceAnswers == 1 ? "" : "s")"
            if dryRun {
                print("Would move \(what) from '\(source.name)' to '\(target.name)', and remove the entry '\(source.name)'.")
                print("Dry run: nothing was changed.")
                return
            }
            do {
                let moved = try store.mergeLearner(fromID: source.id, intoID: target.id)
                print("Merged '\(source.name)' into '\(target.name)': moved \(moved.attemptsMoved) lesson attempt\(moved.attemptsMoved == 1 ? "" : "s") and \(moved.answersMoved) answer\(moved.answersMoved == 1 ? "" : "s"); '\(source.name)' is no longer listed. Later imports of the same laptop add to '\(target.name)'.")
            } catch {
                throw storeFailure(error)
            }
        }
    }
}
