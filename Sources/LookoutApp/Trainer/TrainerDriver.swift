import Foundation
import LookoutCore
import LookoutStore

/// Runs the pure ``Trainer`` against the real world: the progress store, the clock and UUIDs.
/// Both the full-screen trainer and the plain line mode use it.
public final class TrainerDriver {
    public private(set) var trainer: Trainer
    public let store: ProgressStore
    public let bank: Bank
    /// Set when the session should end; `quickExit` when it ended by the quick-exit key.
    public private(set) var ended = false
    public private(set) var quickExit = false
    /// A store failure that ends the session (the message names the file and what to do).
    public private(set) var fatalError: StoreError?

    public init(bank: Bank, region: Region?, store: ProgressStore, width: Int = 80, height: Int = 24) throws(StoreError) {
        self.bank = bank
        self.store = store
        self.trainer = Trainer(bank: bank, region: region, width: width, height: height,
                               facilitatorLocked: try FacilitatorLock.isSet(store))
        let learners = try store.learners()
        _ = trainer.apply(.learnersLoaded(learners), Self.environment())
    }

    static func environment() -> TrainerEnvironment {
        TrainerEnvironment(now: ProgressStore.now(), newID: ProgressStore.newID())
    }

    /// Applies one input, then carries out every effect (saving answers durably) before returning.
    public func send(_ input: TrainerInput) {
        var pending = trainer.apply(input, Self.environment())
        while !pending.isEmpty {
            let effect = pending.removeFirst()
            if let followUp = perform(effect) {
                pending += trainer.apply(followUp, Self.environment())
            }
            if fatalError != nil { return }
        }
    }

    /// The region a bank uses for support resources: `preferred` if given and present, else the
    /// first region that is not the generic one, else the first.
    public static func region(in bank: Bank, preferred: String?) -> Region? {
        if let preferred, let region = bank.region(preferred) { return region }
        return bank.regions.first { $0.id != "generic" } ?? bank.regions.first
    }

    func progress(of learner: Learner) throws(StoreError) -> LearnerProgress {
        ProgressEngine.progress(bank: bank, events: try store.events(learnerID: learner.id))
    }

    private func perform(_ effect: TrainerEffect) -> TrainerInput? {
        do throws(StoreError) {
            switch effect {
            case .addLearner(let learner):
                do {
                    let added = try store.addLearner(name: learner.name, at: learner.createdAt, id: learner.id)
                    return .learnerReady(added, try progress(of: added))
                } catch {
                    if error.isUserError { return .failed(error.description) }
                    throw error
                }
            case .selectLearner(let learner), .refreshProgress(let learner):
                return .learnerReady(learner, try progress(of: learner))
            case .startAttempt(let attempt):
                _ = try store.startAttempt(learnerID: attempt.learnerID, lessonID: attempt.lessonID,
                                           at: attempt.startedAt, id: attempt.id)
                return nil
            case .saveAnswer(let event):
                try store.append(event)
                return nil
            case .openFacilitator(let passphrase):
                if try FacilitatorLock.isSet(store) {
                    guard let passphrase, try FacilitatorLock.check(passphrase, store: store) == .match else {
                        // The same slowing delay as the command line; the passphrase is never logged.
                        FailureDelay.shared.wait()
                        return .failed(trainer.strings[.facilitatorWrongPassphrase])
                    }
                }
                let report = ClassReport.make(bank: bank, learners: try store.learners(), events: try store.allEvents())
                return .classReportReady(report)
            case .quit:
                ended = true
                return nil
            case .quickExit:
                ended = true
                quickExit = true
                return nil
            }
        } catch {
            fatalError = error
            ended = true
            return nil
        }
    }

    /// Selects or creates a learner by name, as `--learner NAME` asks.
    public func useLearner(named name: String) {
        do {
            if let existing = try store.learner(named: name) {
                _ = trainer.apply(.learnerReady(existing, try progress(of: existing)), Self.environment())
                return
            }
            let added = try store.addLearner(name: name)
            _ = trainer.apply(.learnerReady(added, try progress(of: added)), Self.environment())
        } catch {
            fatalError = error
            ended = true
        }
    }

    /// Starts a lesson by id, as `--lesson ID` asks. Returns false if there is no such lesson.
    public func startLesson(id: String) -> Bool {
        guard let lesson = bank.lesson(id), let learner = trainer.learner else { return false }
        var pending = trainer.startLesson(lesson, learner: learner, Self.environment())
        while !pending.isEmpty {
            let effect = pending.removeFirst()
            if let followUp = perform(effect) { pending += trainer.apply(followUp, Self.environment()) }
        }
        return true
    }
}
