/// What the learner (or the facilitator) means, whatever keys or lines expressed it. The full-screen navigator
/// and the plain line mode both turn their input into these.
public enum SessionIntent: Hashable, Sendable {
    /// Pick an existing learner. If the learner has a PIN, the session asks for it (``SessionPhase/unlocking``).
    case selectLearner(id: String)
    /// The PIN of the learner being unlocked.
    case enterPIN(String)
    /// Create a new learner, with an optional PIN. If the name exists, the session asks instead of logging in.
    case createLearner(name: String, pin: String?)
    /// After "that name exists": yes, that is me (then the PIN is asked if set).
    case confirmExistingLearner
    /// Leave the current learner (back to the list of names).
    case switchLearner
    /// Start a lesson, or resume its unfinished attempt at the next unanswered scene.
    case startLesson(id: String)
    /// Start a lesson afresh even if an attempt is unfinished.
    case restartLesson(id: String)
    /// Start a review lesson assembled for the learner (``ReviewLesson``): a lesson that is not in the bank.
    case startReview(ReviewLesson.Plan)
    /// After a content note: show the scene.
    case continueScene
    /// After a content note: skip the scene (no penalty in practice; in a lesson it stays unanswered). When the scene
    /// has an alternate (`alternate-for:`), the alternate is shown in its place and counts instead.
    case skipScene
    /// Answer the question on screen with these option ids (ticked, or the one chosen).
    case submit(Set<String>)
    /// After the feedback: the next question or scene.
    case next
    /// Leave a scene that came back for another try.
    case moveOn
    /// Leave the lesson; every answer is kept and the lesson resumes where it was left.
    case leaveLesson
    /// After the summary: back to the lessons.
    case closeSummary
    /// Open the class results; `passphrase` is nil when no lock is set.
    case openFacilitator(passphrase: String?)
    /// Set the first facilitator passphrase: only on the first screen of a store with no learner yet (the teacher's
    /// first start); a learner is never asked to choose it.
    case setFacilitatorPassphrase(String)
    /// Leave the class results (the report is dropped from the session).
    case closeFacilitator
    /// Cancel a question the session asked (a name that exists, a PIN, a passphrase).
    case cancel
    case quit
    case quickExit
}

/// What the driver reports back after carrying out an effect, and the clock.
public enum SessionEvent: Hashable, Sendable {
    /// The learners of this store, and which of them have a PIN.
    case learnersLoaded([Learner], withPIN: Set<String>)
    /// The learner is chosen (PIN checked or none set): their progress and all their answers.
    case learnerReady(Learner, LearnerProgress, history: [AnswerEvent])
    /// A PIN or passphrase was wrong; no new try before `retryAt` (milliseconds since 1970).
    case rejected(retryAt: Int64)
    /// A PIN or passphrase came too early after a wrong one (maybe in another process): it was not checked at all;
    /// try it again at `retryAt`.
    case notYet(retryAt: Int64)
    /// The driver could not do what an effect asked.
    case failed(String)
    case classReportReady(ClassReport)
    /// The debrief and the gain for the facilitator screen (sent before `.classReportReady`).
    case debriefReady(Debrief, Gain)
    /// The facilitator passphrase is set; `recoveryCode` is shown once (only its hash is stored).
    case passphraseSet(recoveryCode: String)
    /// The lessons a facilitator allowed the current learner to retake before their retake rule allows it.
    case retakesAllowed(Set<String>)
}

/// What the session asks the outside world to do, in order, before the next screen is drawn.
public enum SessionEffect: Hashable, Sendable {
    /// Store a new learner (and the hash of their PIN), then send `.learnerReady` or `.failed`.
    case addLearner(Learner, pin: String?)
    /// Check the learner's PIN (nil when none is set), then send `.learnerReady` or `.rejected`.
    case unlockLearner(Learner, pin: String?)
    case startAttempt(Attempt)
    /// Store one answer durably.
    case saveAnswer(AnswerEvent)
    /// Recompute the current learner's progress, then send `.learnerReady`.
    case refreshProgress(Learner)
    /// Check the passphrase (nil when no lock is set) and compute the class report, then send
    /// `.classReportReady` or `.rejected`.
    case openFacilitator(passphrase: String?)
    /// Set the facilitator passphrase, then compute the class report and send `.classReportReady`.
    case setFacilitatorPassphrase(String)
    case quit
    case quickExit
}

/// The outside facts an intent needs, passed in so the session stays pure.
public struct SessionEnvironment: Hashable, Sendable {
    /// Milliseconds since 1970-01-01 UTC.
    public var now: Int64
    /// A fresh UUID string, used if this intent creates a record.
    public var newID: String
    /// How far local time is ahead of UTC, in seconds (the local date decides retakes: the day turns at local
    /// midnight).
    public var utcOffsetSeconds: Int

    public init(now: Int64, newID: String, utcOffsetSeconds: Int = 0) {
        self.now = now
        self.newID = newID
        self.utcOffsetSeconds = utcOffsetSeconds
    }
}

/// One step inside a scene.
public enum SceneStep: Hashable, Sendable {
    /// The content note before the scene: continue or skip.
    case contentNote
    /// A question waits for an answer.
    case question(index: Int)
    /// The feedback on the answer just given.
    case feedback(index: Int, result: QuestionResult, chosen: Set<String>)
}

/// Where the session is.
public enum SessionPhase: Hashable, Sendable {
    /// Nobody is chosen yet.
    case choosingLearner
    /// A name was typed that exists already: is it you?
    case nameTaken(Learner)
    /// The learner has a PIN: type it.
    case unlocking(Learner)
    /// A learner is chosen; the menus (tracks, lessons, own progress) are the navigator's business.
    case menu
    /// Inside a lesson.
    case scene(SceneStep)
    /// The end of a lesson run.
    case summary(LessonResult)
    /// The class results need a passphrase: type it (`firstTime`: choose one, as none is set yet).
    case facilitatorLogin(firstTime: Bool)
    /// The class results.
    case facilitator
    case finished
}

/// One run of a lesson.
public struct LessonRun: Hashable, Sendable {
    public var lesson: Lesson
    public var attempt: Attempt
    public var queue: LessonQueue
    /// Results of the questions answered so far in the scenario on screen.
    public var scenarioResults: [QuestionResult]
    /// Every answer of this attempt, including those given before it was resumed.
    public var events: [AnswerEvent]
    /// True when this run picked up an unfinished attempt.
    public var resumed: Bool

    public var scenarioID: String? { queue.current }
}

/// The trainer's session: a pure state machine over intents. It knows learners, lessons, answers, scores and
/// locks; it knows nothing about keys, focus, scrolling or overlays.
public struct TrainingSession: Sendable {
    public private(set) var bank: Bank
    public private(set) var region: Region?
    public let policy: ScoringPolicy

    public private(set) var phase: SessionPhase = .choosingLearner
    public private(set) var learners: [Learner] = []
    public private(set) var learnersWithPIN: Set<String> = []
    public private(set) var learner: Learner?
    public private(set) var progress: LearnerProgress?
    /// The current learner's answers (to resume unfinished attempts).
    public private(set) var history: [AnswerEvent] = []
    public private(set) var run: LessonRun?
    /// A message for the learner (an error, or why something cannot be done yet).
    public private(set) var notice: SessionNotice?
    /// Whether the store has a facilitator passphrase.
    public private(set) var facilitatorLocked: Bool
    /// The class report while the facilitator screen shows.
    public private(set) var classReport: ClassReport?
    /// The debrief and the gain while the facilitator screen shows.
    public private(set) var debrief: Debrief?
    public private(set) var gain: Gain?
    /// The review lesson running (or whose summary shows), if the run is one.
    public private(set) var review: ReviewLesson.Plan?
    /// No new PIN or passphrase try before this time (a scheduled wait, never a sleep).
    public private(set) var retryAt: Int64?
    /// True when the last PIN or passphrase was not checked because it came too early (see ``SessionEvent/notYet(retryAt:)``).
    public private(set) var lastSecretUnchecked = false
    /// True while a first facilitator passphrase is being set.
    private var settingPassphrase = false
    /// The recovery code of a passphrase set in this session, to show once on the first screen (cleared when a
    /// learner is chosen).
    public private(set) var recoveryCode: String?

    /// Whether the first screen offers the teacher to set the facilitator passphrase: no learner exists yet and no
    /// passphrase is set (a laptop's first start).
    public var offersTeacherSetup: Bool { learners.isEmpty && !facilitatorLocked && learner == nil }
    /// Lessons the current learner may retake now whatever their retake rule says (a facilitator's OK).
    public private(set) var retakeAllowed: Set<String> = []

    /// Whether attempts shuffle options (and the scenes of intro and practice lessons). Always true in the trainer;
    /// false shows everything in the order written, for tests and screenshots of a fixed layout.
    public let shuffles: Bool

    public init(bank: Bank, region: Region?, facilitatorLocked: Bool = false, policy: ScoringPolicy = .standard,
                shuffles: Bool = true) {
        self.bank = bank
        self.region = region
        self.facilitatorLocked = facilitatorLocked
        self.policy = policy
        self.shuffles = shuffles
    }

    public var isFinished: Bool { phase == .finished }

    /// Shows the bank's text in another language: `bank` must be the same bank with other text (see
    /// ``Bank/localized(to:)``), so ids, answers and progress do not change. Not while a lesson runs.
    public mutating func useText(of bank: Bank, region: Region?) {
        guard run == nil else { return }
        self.bank = bank
        self.region = region
    }

    // MARK: Derived

    /// The scenario on screen, if a lesson is running.
    public var currentScenario: Scenario? { run?.scenarioID.flatMap { bank.scenario($0) } }

    /// The question on screen (or whose feedback shows).
    public var currentQuestion: Question? {
        guard let scenario = currentScenario, case .scene(let step) = phase else { return nil }
        switch step {
        case .question(let index), .feedback(let index, _, _):
            return scenario.questions.indices.contains(index) ? scenario.questions[index] : nil
        case .contentNote:
            return nil
        }
    }

    /// The options of a question of the current scenario in the order this attempt shows them.
    public func options(of question: Question) -> [AnswerOption] {
        guard shuffles, let run, let scenario = currentScenario else { return question.options }
        return AttemptOrder.options(question, scenarioID: scenario.id, attemptID: run.attempt.id)
    }

    /// Whether the scene on screen is an alternate shown in place of a skipped scene (`alternate-for:`).
    public var isAlternate: Bool {
        guard let run, let scenario = currentScenario, let original = scenario.alternateFor else { return false }
        return run.lesson.scenarioIDs.contains(original) && !run.lesson.scenarioIDs.contains(scenario.id)
    }

    /// Whether the scene on screen came back for another try.
    public var isRepeat: Bool { run?.queue.isRepeat ?? false }

    public func status(of lesson: Lesson) -> LessonStatus { progress?.lesson(lesson.id)?.status ?? .new }

    /// The unfinished attempt of a lesson that ``SessionIntent/startLesson(id:)`` would resume, if any: the latest
    /// attempt, when some of its questions have no answer (scenes skipped after their content note, or not reached).
    public func resumableAttempt(of lesson: Lesson) -> (attemptID: String, answered: Int)? {
        guard let latest = history.last(where: { $0.lessonID == lesson.id && $0.attemptID != nil }),
              let attemptID = latest.attemptID else { return nil }
        let events = history.filter { $0.attemptID == attemptID }
        let attempt = AttemptScenes(lesson: lesson, bank: bank, events: events)
        let answered = attempt.answeredCount
        guard answered > 0, !attempt.allAnswered else { return nil }
        return (attemptID, answered)
    }

    // MARK: Events from the driver

    public mutating func handle(_ event: SessionEvent, _ env: SessionEnvironment) -> [SessionEffect] {
        switch event {
        case .learnersLoaded(let list, let withPIN):
            learners = list
            learnersWithPIN = withPIN
        case .learnerReady(let ready, let newProgress, let newHistory):
            if let index = learners.firstIndex(where: { $0.id == ready.id }) { learners[index] = ready } else { learners.append(ready) }
            learner = ready
            progress = newProgress
            history = newHistory
            retryAt = nil
            recoveryCode = nil
            switch phase {
            case .choosingLearner, .nameTaken, .unlocking: phase = .menu; notice = nil
            default: break
            }
        case .rejected(let at):
            retryAt = at
            lastSecretUnchecked = false
            notice = .wrongSecret(retryAt: at)
        case .notYet(let at):
            retryAt = at
            lastSecretUnchecked = true
            notice = .wrongSecret(retryAt: at)
        case .failed(let text):
            notice = .text(text)
            if case .facilitatorLogin = phase {
                settingPassphrase = false
                phase = learner == nil ? .choosingLearner : .menu
            }
        case .retakesAllowed(let lessons):
            retakeAllowed = lessons
        case .passphraseSet(let code):
            facilitatorLocked = true
            settingPassphrase = false
            recoveryCode = code
            notice = nil
            if case .facilitatorLogin = phase { phase = learner == nil ? .choosingLearner : .menu }
        case .classReportReady(let report):
            classReport = report
            if settingPassphrase { facilitatorLocked = true; settingPassphrase = false }
            notice = nil
            phase = .facilitator
        case .debriefReady(let newDebrief, let newGain):
            debrief = newDebrief
            gain = newGain
        }
        return []
    }

    // MARK: Intents

    public mutating func apply(_ intent: SessionIntent, _ env: SessionEnvironment) -> [SessionEffect] {
        if case .quickExit = intent {
            phase = .finished
            return [.quickExit]
        }
        if case .quit = intent {
            phase = .finished
            return [.quit]
        }
        switch (phase, intent) {
        case (.choosingLearner, .selectLearner(let id)):
            guard let chosen = learners.first(where: { $0.id == id }) else { return [] }
            return choose(chosen)
        case (.choosingLearner, .createLearner(let rawName, let pin)):
            let name = rawName.trimmingSpaces()
            guard !name.isEmpty else { notice = .nameRequired; return [] }
            if let existing = learners.first(where: { $0.name == name }) {
                phase = .nameTaken(existing)
                return []
            }
            if let pin, !Self.isAcceptablePIN(pin) { notice = .pinTooShort; return [] }
            return [.addLearner(Learner(id: env.newID, name: name, createdAt: env.now), pin: pin)]
        case (.nameTaken(let existing), .confirmExistingLearner):
            phase = .choosingLearner
            return choose(existing)
        case (.nameTaken, .cancel), (.unlocking, .cancel):
            phase = .choosingLearner
            notice = nil
            return []
        case (.unlocking(let who), .enterPIN(let pin)):
            if let wait = waiting(env) { notice = .wrongSecret(retryAt: wait); return [] }
            return [.unlockLearner(who, pin: pin)]

        case (.menu, .switchLearner):
            forgetLearner()
            return []
        case (.menu, .startLesson(let id)), (.menu, .restartLesson(let id)):
            guard let lesson = bank.lesson(id), let learner else { return [] }
            var resumeFrom: String?
            if case .startLesson = intent { resumeFrom = resumableAttempt(of: lesson)?.attemptID }
            if resumeFrom == nil, let refusal = retakeRefusal(lesson, env) {
                notice = refusal
                return []
            }
            review = nil
            return startLesson(lesson, learner: learner, resuming: resumeFrom, env)
        case (.menu, .startReview(let plan)):
            guard let learner, bank.lesson(plan.lesson.id) == nil,
                  plan.lesson.scenarioIDs.contains(where: { bank.scenario($0)?.questions.isEmpty == false }) else { return [] }
            review = plan
            return startLesson(plan.lesson, learner: learner, resuming: nil, env)
        case (.menu, .openFacilitator(let passphrase)), (.choosingLearner, .openFacilitator(let passphrase)):
            // From a learner's menu or from the first screen (no learner needed). With no passphrase set, the class
            // results open as they do at the command line (the driver leaves out learners with a PIN); a learner is
            // never asked to choose the passphrase.
            if facilitatorLocked {
                guard let passphrase else { phase = .facilitatorLogin(firstTime: false); return [] }
                if let wait = waiting(env) { notice = .wrongSecret(retryAt: wait); return [] }
                return [.openFacilitator(passphrase: passphrase)]
            }
            return [.openFacilitator(passphrase: nil)]
        case (.choosingLearner, .setFacilitatorPassphrase(let passphrase)):
            guard offersTeacherSetup else { return [] }
            guard passphrase.count >= 8 else { notice = .passphraseTooShort; return [] }
            settingPassphrase = true
            return [.setFacilitatorPassphrase(passphrase)]
        case (.facilitatorLogin(let firstTime), .openFacilitator(let passphrase)) where !firstTime:
            if let wait = waiting(env) { notice = .wrongSecret(retryAt: wait); return [] }
            return [.openFacilitator(passphrase: passphrase ?? "")]
        case (.facilitatorLogin(true), .setFacilitatorPassphrase(let passphrase)):
            guard passphrase.count >= 8 else { notice = .passphraseTooShort; return [] }
            settingPassphrase = true
            return [.setFacilitatorPassphrase(passphrase)]
        case (.facilitatorLogin, .cancel), (.facilitator, .closeFacilitator), (.facilitator, .cancel):
            classReport = nil
            debrief = nil
            gain = nil
            notice = nil
            phase = learner == nil ? .choosingLearner : .menu
            return []

        case (.scene(.contentNote), .continueScene):
            phase = .scene(.question(index: firstUnansweredQuestion() ?? 0))
            return []
        case (.scene(.contentNote), .skipScene):
            if let skipped = run?.scenarioID, run?.queue.isRepeat == false, let alternate = bank.offeredAlternate(for: skipped),
               !(run?.events.contains { $0.scenarioID == alternate.id && !$0.isRepeat } ?? false) {
                run?.queue.replaceCurrent(with: alternate.id)
            } else {
                run?.queue.skipCurrent()
            }
            run?.scenarioResults = []
            return showCurrentScenario()
        case (.scene(.question(let index)), .submit(let chosen)):
            return submit(index: index, chosen: chosen, env)
        case (.scene(.question), .moveOn), (.scene(.contentNote), .moveOn):
            guard isRepeat else { return [] }
            run?.queue.skipCurrent()
            run?.scenarioResults = []
            return showCurrentScenario()
        case (.scene(.feedback(let index, _, _)), .next):
            return advance(after: index)
        case (.scene, .leaveLesson):
            run = nil
            phase = .menu
            if let learner { return [.refreshProgress(learner)] }
            return []
        case (.summary, .closeSummary), (.summary, .leaveLesson):
            run = nil
            phase = .menu
            if let learner { return [.refreshProgress(learner)] }
            return []
        default:
            return []
        }
    }

    /// Why a new attempt of `lesson` cannot start now (its retake rule), or nil when it can. Resuming an unfinished
    /// attempt is always possible; a facilitator's OK (``SessionEvent/retakesAllowed(_:)``) overrides the rule.
    public func retakeRefusal(_ lesson: Lesson, _ env: SessionEnvironment) -> SessionNotice? {
        let days = lesson.retakeDays
        guard days > 0, !retakeAllowed.contains(lesson.id),
              let last = history.last(where: { $0.lessonID == lesson.id && $0.attemptID != nil })?.time else { return nil }
        let lastDay = CalendarDate.localDay(last, utcOffsetSeconds: env.utcOffsetSeconds)
        let today = CalendarDate.localDay(env.now, utcOffsetSeconds: env.utcOffsetSeconds)
        guard today < lastDay + days else { return nil }
        return .retakeNotYet(lesson: lesson.title, last: CalendarDate(daysSince1970: lastDay),
                             from: CalendarDate(daysSince1970: lastDay + days), today: CalendarDate(daysSince1970: today))
    }

    /// A PIN is at least 4 characters.
    public static func isAcceptablePIN(_ pin: String) -> Bool { pin.count >= 4 }

    mutating func choose(_ chosen: Learner) -> [SessionEffect] {
        notice = nil
        if learnersWithPIN.contains(chosen.id) {
            phase = .unlocking(chosen)
            return []
        }
        return [.unlockLearner(chosen, pin: nil)]
    }

    mutating func forgetLearner() {
        learner = nil
        recoveryCode = nil
        progress = nil
        history = []
        run = nil
        notice = nil
        phase = .choosingLearner
    }

    /// The time until which a new try must wait, if that time is still ahead.
    func waiting(_ env: SessionEnvironment) -> Int64? {
        guard let retryAt, env.now < retryAt else { return nil }
        return retryAt
    }

    /// Clears a notice (the navigator calls this when the learner presses a key).
    public mutating func clearNotice() { notice = nil }

    // MARK: Lessons

    mutating func startLesson(_ lesson: Lesson, learner: Learner, resuming attemptID: String?, _ env: SessionEnvironment) -> [SessionEffect] {
        let playable = bank.scenarios(of: lesson).filter { !$0.questions.isEmpty }.map(\.id)
        var seen = Set<String>()
        let ids = playable.filter { seen.insert($0).inserted }
        if let attemptID, let started = history.first(where: { $0.attemptID == attemptID }) {
            let events = history.filter { $0.attemptID == attemptID }
            let attempt = Attempt(id: attemptID, learnerID: learner.id, lessonID: lesson.id, startedAt: started.time)
            let order = shuffles ? AttemptOrder.scenes(ids, kind: lesson.kind, attemptID: attemptID) : ids
            let answers = AttemptScenes(lesson: lesson, bank: bank, events: events)
            // A scene fully answered is done; a scene whose alternate was started resumes as that alternate.
            let remaining: [String] = order.compactMap { id in
                guard let s = bank.scenario(id) else { return nil }
                if answers.isAnswered(s) { return nil }
                if let alternateID = answers.replaced[id], let alternate = bank.scenario(alternateID) {
                    return answers.isAnswered(alternate) ? nil : alternateID
                }
                return id
            }
            run = LessonRun(lesson: lesson, attempt: attempt, queue: LessonQueue(scenarioIDs: remaining, kind: lesson.kind),
                            scenarioResults: [], events: events, resumed: true)
            return showCurrentScenario()
        }
        let attempt = Attempt(id: env.newID, learnerID: learner.id, lessonID: lesson.id, startedAt: env.now)
        let order = shuffles ? AttemptOrder.scenes(ids, kind: lesson.kind, attemptID: attempt.id) : ids
        run = LessonRun(lesson: lesson, attempt: attempt, queue: LessonQueue(scenarioIDs: order, kind: lesson.kind),
                        scenarioResults: [], events: [], resumed: false)
        return [.startAttempt(attempt)] + showCurrentScenario()
    }

    /// The first question of the current scenario this attempt has not answered (first pass), if it is not the
    /// first one; used when resuming in the middle of a scene.
    func firstUnansweredQuestion() -> Int? {
        guard let run, let scenario = currentScenario, !run.queue.isRepeat else { return nil }
        let answered = Set(run.events.filter { $0.scenarioID == scenario.id && !$0.isRepeat && $0.scenarioRev == scenario.rev }.map(\.questionID))
        return scenario.questions.firstIndex { !answered.contains($0.id) }
    }

    /// Shows the scenario at the head of the queue (its content note first), or the summary.
    mutating func showCurrentScenario() -> [SessionEffect] {
        guard let run else { return [] }
        guard let scenario = currentScenario else {
            let result = LessonScoring.result(lesson: run.lesson, bank: bank, events: run.events, policy: policy)
            phase = .summary(result)
            return []
        }
        let resumeAt = firstUnansweredQuestion() ?? 0
        if scenario.contentNote != nil && !run.queue.isRepeat && resumeAt == 0 {
            phase = .scene(.contentNote)
        } else {
            phase = .scene(.question(index: resumeAt))
        }
        return []
    }

    mutating func submit(index: Int, chosen: Set<String>, _ env: SessionEnvironment) -> [SessionEffect] {
        guard var run, let scenario = currentScenario, let learner, scenario.questions.indices.contains(index) else { return [] }
        let question = scenario.questions[index]
        let known = Set(question.options.map(\.id))
        let picked = chosen.filter { known.contains($0) }
        if question.kind == .single && picked.count != 1 {
            notice = .chooseOne
            return []
        }
        let result = Scorer.score(question, chosen: picked, policy: policy)
        let event = AnswerEvent(id: env.newID, learnerID: learner.id, attemptID: run.attempt.id, lessonID: run.lesson.id,
                                scenarioID: scenario.id, scenarioRev: scenario.rev, questionID: question.id,
                                chosen: question.options.map(\.id).filter { picked.contains($0) },
                                credit: result.credit, action: result.action, time: env.now, isRepeat: run.queue.isRepeat)
        run.scenarioResults.append(result)
        run.events.append(event)
        self.run = run
        history.append(event)
        // A final is an assessment: no feedback until its summary, which gives the feedback on every question.
        if run.lesson.kind.isAssessment && review == nil {
            return [.saveAnswer(event)] + advance(after: index)
        }
        phase = .scene(.feedback(index: index, result: result, chosen: picked))
        return [.saveAnswer(event)]
    }

    mutating func advance(after index: Int) -> [SessionEffect] {
        guard var run, let scenario = currentScenario else { return [] }
        let next = index + 1
        if next < scenario.questions.count {
            phase = .scene(.question(index: next))
            return []
        }
        run.queue.record(answeredWell: LessonQueue.answeredWell(run.scenarioResults))
        run.scenarioResults = []
        self.run = run
        return showCurrentScenario()
    }
}

/// A message the session has for the learner; the navigator and the plain mode word it from the catalog.
public enum SessionNotice: Hashable, Sendable {
    case text(String)
    case nameRequired
    case pinTooShort
    case passphraseTooShort
    case chooseOne
    /// A wrong PIN or passphrase; the next try is possible at this time (ms since 1970).
    case wrongSecret(retryAt: Int64)
    /// A new attempt of a lesson waits for its retake rule: last taken on `last`, a new one from `from`.
    case retakeNotYet(lesson: String, last: CalendarDate, from: CalendarDate, today: CalendarDate)
}
