import Foundation
import LookoutCore
import LookoutStore
import LookoutUI

/// Runs the pure ``Navigator`` and its ``TrainingSession`` against the real world: the progress store, the clock and
/// UUIDs. The full-screen trainer sends keys through the navigator; the plain line mode sends intents straight to
/// the session. Every effect is carried out (an answer stored durably) before the next screen is drawn.
public final class TrainerDriver {
    public private(set) var navigator: Navigator
    public let store: ProgressStore
    public let bank: Bank
    /// Set when the session should end; `quickExit` when it ended by the quick-exit key.
    public private(set) var ended = false
    public private(set) var quickExit = false
    /// A store failure that ends the session (the message names the file and what to do).
    public private(set) var fatalError: StoreError?

    /// The key under which a learner's PIN hash is kept in the store's `meta` table.
    public static func pinKey(_ learnerID: String) -> String { "learner-pin:" + learnerID }

    public init(bank: Bank, region: Region?, store: ProgressStore, width: Int = 80, height: Int = 24) throws(StoreError) {
        self.bank = bank
        self.store = store
        let session = TrainingSession(bank: bank, region: region, facilitatorLocked: try FacilitatorLock.isSet(store))
        self.navigator = Navigator(session: session, width: width, height: height)
        try reloadLearners()
    }

    public var session: TrainingSession { navigator.session }
    public var strings: UIStrings { navigator.strings }

    static func environment() -> SessionEnvironment {
        SessionEnvironment(now: ProgressStore.now(), newID: ProgressStore.newID())
    }

    func reloadLearners() throws(StoreError) {
        let learners = try store.learners()
        let pins = Set(try store.meta(withPrefix: "learner-pin:").keys.map { String($0.dropFirst("learner-pin:".count)) })
        _ = navigator.handle(.learnersLoaded(learners, withPIN: pins), Self.environment())
    }

    /// A key from the full screen.
    public func press(_ key: TrainerKey) { run(navigator.press(key, Self.environment())) }

    /// The quick-exit key.
    public func pressQuickExit() { run(navigator.quickExit()) }

    /// An intent straight to the session (plain mode, `--lesson`).
    public func send(_ intent: SessionIntent) { run(navigator.send(intent, Self.environment())) }

    public func resize(width: Int, height: Int) { navigator.resize(width: width, height: height) }

    /// The clock moved on; returns true when the message shown changed (a countdown).
    public func tick() -> Bool {
        let before = navigator.message
        navigator.tick(ProgressStore.now())
        return navigator.message != before
    }

    /// Tells the navigator how the frame just drawn scrolls.
    public func drew(_ buffer: ScreenBuffer) { navigator.drew(buffer) }

    /// Carries out effects in order, feeding what they report back to the session.
    func run(_ effects: [SessionEffect]) {
        var pending = effects
        while !pending.isEmpty {
            let effect = pending.removeFirst()
            if let event = perform(effect) {
                pending += navigator.handle(event, Self.environment())
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

    func ready(_ learner: Learner) throws(StoreError) -> SessionEvent {
        let history = try store.events(learnerID: learner.id)
        return .learnerReady(learner, ProgressEngine.progress(bank: bank, events: history), history: history)
    }

    /// Checks a PIN or passphrase with the store's lock: wrong tries are counted in the store, so the delay (1 s,
    /// doubling, at most 16 s) grows across processes. The delay is a time the session waits for, never a sleep.
    /// Returns nil when the secret is right (or none is set), else the event that refuses it.
    func check(_ secret: String?, key: SecretKey) throws(StoreError) -> SessionEvent? {
        let now = ProgressStore.now()
        switch try SecretLock.verify(secret ?? "", key: key, store: store, now: now) {
        case .notSet, .match:
            return nil
        case .mismatch(let retryAfter):
            return .rejected(retryAt: now + Int64(retryAfter * 1000))
        case .tooEarly(let seconds):
            return .notYet(retryAt: now + Int64(seconds * 1000))
        case .malformed:
            return .failed(strings[.secretDamaged])
        }
    }

    private func perform(_ effect: SessionEffect) -> SessionEvent? {
        do throws(StoreError) {
            switch effect {
            case .addLearner(let learner, let pin):
                do {
                    let added = try store.addLearner(name: learner.name, at: learner.createdAt, id: learner.id)
                    if let pin, let hash = try? PassphraseHash.make(pin) {
                        try store.setSecretHash(.learner(added.id), hash)
                        try reloadLearners()
                    }
                    return try ready(added)
                } catch {
                    if error.isUserError { return .failed(error.description) }
                    throw error
                }
            case .unlockLearner(let learner, let pin):
                if let refused = try check(pin, key: .learner(learner.id)) { return refused }
                return try ready(learner)
            case .refreshProgress(let learner):
                return try ready(learner)
            case .startAttempt(let attempt):
                _ = try store.startAttempt(learnerID: attempt.learnerID, lessonID: attempt.lessonID,
                                           at: attempt.startedAt, id: attempt.id)
                return nil
            case .saveAnswer(let event):
                try store.append(event)
                return nil
            case .openFacilitator(let passphrase):
                if let refused = try check(passphrase, key: .facilitator) { return refused }
                return .classReportReady(try classReport())
            case .setFacilitatorPassphrase(let passphrase):
                if try FacilitatorLock.isSet(store) { return .failed(strings[.facilitatorWrongPassphrase]) }
                guard PassphraseHash.problem(with: passphrase) == nil, let hash = try? PassphraseHash.make(passphrase) else {
                    return .failed(strings[.passphraseTooShort])
                }
                try store.setSecretHash(.facilitator, hash)
                try store.setMeta(FacilitatorLock.setAtKey, String(ProgressStore.now()))
                return .classReportReady(try classReport())
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

    func classReport() throws(StoreError) -> ClassReport {
        ClassReport.make(bank: bank, learners: try store.learners(), events: try store.allEvents())
    }

    /// Selects or creates a learner by name, as `--learner NAME` asks. A learner with a PIN is asked for it (the
    /// session shows the PIN prompt); nobody is logged in as someone else by name alone.
    public func useLearner(named name: String) {
        do {
            if let existing = try store.learner(named: name) {
                send(.selectLearner(id: existing.id))
                return
            }
            send(.createLearner(name: name, pin: nil))
        } catch {
            fatalError = error
            ended = true
        }
    }

    /// Starts a lesson by id, as `--lesson ID` asks. Returns false if there is no such lesson.
    public func startLesson(id: String) -> Bool {
        guard bank.lesson(id) != nil, session.learner != nil else { return false }
        send(.startLesson(id: id))
        return true
    }
}
