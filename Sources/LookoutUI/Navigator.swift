import LookoutCore
import LookoutText

/// The full-screen trainer's navigator: it owns the key map, focus, scrolling, text entry and overlays, and turns
/// keys into ``SessionIntent``s for the ``TrainingSession`` it holds. It is pure: time and ids come in with each
/// input, and waits (the Esc-Esc window, the wrong-passphrase delay) are times compared with the next input's
/// time, never sleeps, so the quick exit works at every moment.
public struct Navigator: Sendable {
    /// The rows of the track menu.
    public enum TrackMenuItem: Hashable, Sendable {
        case track(Track)
        case progress
        /// The facilitator's class results (behind the passphrase).
        case facilitator
        /// The learner's UI language (a toggle; the driver stores the choice with the learner).
        case language
        case switchLearner
    }

    enum Menu: Hashable, Sendable {
        case tracks(selected: Int)
        case lessons(Track, selected: Int)
        case progress(scroll: Int)
    }

    enum LearnerEntry: Hashable, Sendable {
        case none
        case name(String)
        case pin(name: String)
        /// The teacher choosing the facilitator passphrase on a laptop's first start.
        case teacherPassphrase
    }

    /// The rows of the first screen: the learners' names, then a new learner, the facilitator's class results (no
    /// learner needed), and on a laptop's first start the teacher's passphrase.
    public enum LearnerRow: Hashable, Sendable {
        case learner(Learner)
        case newLearner
        case facilitator
        case teacherSetup
    }

    public var learnerRows: [LearnerRow] {
        learners.map { .learner($0) } + [.newLearner, .facilitator] + (session.offersTeacherSetup ? [.teacherSetup] : [])
    }

    /// Two Esc presses closer together than this (milliseconds) are the quick exit.
    public static let escapeWindow: Int64 = 600
    /// After this long without a key (milliseconds) the trainer goes back to the list of names.
    public static let defaultIdleTimeout: Int64 = 5 * 60_000
    /// The idle timeout in use (0: never); see ``idle(_:)``.
    public var idleTimeout: Int64 = Navigator.defaultIdleTimeout
    /// The time of the last key or intent.
    var lastInputAt: Int64?

    public private(set) var session: TrainingSession
    /// The catalog of UI text (the learner's language; see ``useStrings(_:)``).
    public private(set) var strings: UIStrings
    /// A language the learner chose from the menu, not yet stored (the driver takes it with ``takeLanguageChoice()``).
    private var languageChoice: UILanguage?
    /// A record the learner asked to save, not yet written (see ``takeRecordRequest()``).
    private var recordRequest: String?
    public private(set) var overlay: TrainerOverlay?
    /// The window size, in cells.
    public private(set) var width: Int
    public private(set) var height: Int
    /// The time of the last input, for countdowns in messages.
    public private(set) var now: Int64 = 0

    var menu: Menu = .tracks(selected: 0)
    var learnersSelected = 0
    var learnerEntry: LearnerEntry = .none
    var nameTakenSelected = 0
    var question = QuestionState(questionIndex: 0)
    var sceneKey = ""
    var feedbackScroll = 0
    var contentNoteSelected = 0
    var summaryScroll = 0
    var facilitatorView: FacilitatorView = .heatMap
    var facilitatorScroll = 0
    /// What the debrief covers (key `l` on the debrief view); the driver recomputes the debrief when it changes.
    public private(set) var debriefScope: DebriefScope = .lessons
    /// Projector mode on the facilitator screen: no learner's name is drawn (key `a`).
    public private(set) var facilitatorAnonymous = false
    /// A PIN or passphrase being typed. Never shown, never part of a screen value.
    private var secret = ""
    /// The first typing of a new facilitator passphrase, while it is typed again.
    private var firstPassphrase: String?
    /// The first typing of a new learner's PIN, while it is typed again.
    private var firstPIN: String?
    /// True while a new learner's PIN is typed the second time.
    public var confirmingPIN: Bool { firstPIN != nil }
    var lastEscapeAt: Int64?
    /// The scroll geometry of the last frame drawn (see ``ScreenBuffer/scroll``).
    var geometry: ScrollGeometry?
    var lastLessonID: String?
    var localMessage: String?

    public init(session: TrainingSession, width: Int = 80, height: Int = 24, strings: UIStrings = .english) {
        self.session = session
        self.strings = strings
        self.width = width
        self.height = height
    }

    // MARK: What the screens read

    public var bank: Bank { session.bank }
    public var region: Region? { session.region }

    /// Whether the support panel speaks to a pupil: a school lesson runs (or its summary shows), or the school
    /// track's lessons are listed (``SupportAdvice``).
    public var supportIsForPupil: Bool {
        if let lesson = session.run?.lesson { return SupportAdvice.isPupil(lesson.audience) }
        if case .lessons(let track, _) = menu { return SupportAdvice.isPupil(track.audience) }
        return false
    }
    public var learners: [Learner] { session.learners }
    public var learner: Learner? { session.learner }
    public var progress: LearnerProgress? { session.progress }
    public var run: LessonRun? { session.run }
    public var classReport: ClassReport? { session.classReport }
    public var debrief: Debrief? { session.debrief }
    /// The gain, anonymised while names are hidden.
    public var gain: Gain? {
        guard let gain = session.gain else { return nil }
        return facilitatorAnonymous ? gain.anonymised(Anonymity(learnerIDs: learners.map(\.id))) : gain
    }
    public var currentScenario: Scenario? { session.currentScenario }
    public var currentQuestion: Question? { session.currentQuestion }
    public var finished: Bool { session.isFinished }
    public func options(of question: Question) -> [AnswerOption] { session.options(of: question) }
    public func status(of lesson: Lesson) -> LessonStatus { session.status(of: lesson) }

    /// A one-line message for the status bar: the navigator's own, else the session's notice.
    public var message: String? { localMessage ?? session.notice?.words(strings, now: now) }

    /// The track menu: tracks that have lessons, then progress, the class results and switching learner.
    public var trackMenu: [TrackMenuItem] {
        Track.allCases.filter { track in bank.lessons.contains { $0.audience == track.audience } }.map { .track($0) }
            + [.progress, .facilitator, .language, .switchLearner]
    }

    public func lessons(of track: Track) -> [Lesson] { bank.lessons.filter { $0.audience == track.audience } }

    /// The screen showing now.
    public var screen: TrainerScreen {
        switch session.phase {
        case .choosingLearner, .finished:
            switch learnerEntry {
            case .none: return .learners(selected: min(learnersSelected, learnerRows.count - 1))
            case .name(let name): return .newLearner(name: name)
            case .pin(let name): return .newLearnerPIN(name: name, length: secret.count)
            case .teacherPassphrase:
                return .facilitatorPassphrase(length: secret.count, firstTime: true, confirming: firstPassphrase != nil)
            }
        case .nameTaken(let existing): return .nameTaken(name: existing.name, selected: nameTakenSelected)
        case .unlocking(let who): return .learnerPIN(name: who.name, length: secret.count)
        case .menu:
            switch menu {
            case .tracks(let selected): return .tracks(selected: selected)
            case .lessons(let track, let selected): return .lessons(track, selected: selected)
            case .progress(let scroll): return .progress(scroll: scroll)
            }
        case .scene(.contentNote): return .contentNote(selected: contentNoteSelected)
        case .scene(.question): return .question(question)
        case .scene(.feedback(let index, let result, let chosen)):
            return .feedback(QuestionState(questionIndex: index, focus: question.focus, ticked: chosen, scroll: question.scroll),
                             result, scroll: feedbackScroll)
        case .summary(let result): return .summary(result, scroll: summaryScroll)
        case .facilitatorLogin(let firstTime):
            return .facilitatorPassphrase(length: secret.count, firstTime: firstTime, confirming: firstPassphrase != nil)
        case .facilitator: return .facilitator(facilitatorView, scroll: facilitatorScroll)
        }
    }

    // MARK: Inputs

    /// Shows a one-line message in the status line until the next key.
    public mutating func show(message: String) { localMessage = message }

    /// Shows the bank's text in another language (see ``TrainingSession/useText(of:region:)``).
    public mutating func useText(of bank: Bank, region: Region?) { session.useText(of: bank, region: region) }

    /// Shows the screens in another catalog (the learner's language, or the one `--language` asks for).
    public mutating func useStrings(_ strings: UIStrings) { self.strings = strings }

    /// The passed lesson whose own completion record the learner asked to save on "My progress" (a digit), for the
    /// driver to write since the last call (files are not the navigator's business).
    public mutating func takeRecordRequest() -> String? {
        defer { recordRequest = nil }
        return recordRequest
    }

    /// The language the learner chose from the menu since the last call, if any (to store with the learner).
    public mutating func takeLanguageChoice() -> UILanguage? {
        defer { languageChoice = nil }
        return languageChoice
    }

    /// The window changed size.
    public mutating func resize(width: Int, height: Int) {
        self.width = max(0, width)
        self.height = max(0, height)
    }

    /// The clock moved on (the key loop calls this when no key came): countdowns in messages follow it.
    public mutating func tick(_ now: Int64) { self.now = now }

    /// The clock moved on with no key: after ``idleTimeout`` with a learner (or a half-typed name, PIN or passphrase,
    /// or the class results) on screen, goes back to the list of names, so the next person never sees the last one's
    /// name or results. Every answer is already saved; the lesson resumes where it was left. Returns true when it
    /// went back. The time comes in (an injected clock); nothing waits.
    public mutating func idle(_ now: Int64) -> Bool {
        self.now = now
        guard idleTimeout > 0, let last = lastInputAt, now - last >= idleTimeout else { return false }
        let busy = session.learner != nil || learnerEntry != .none || session.phase != .choosingLearner
        guard busy else { return false }
        lastInputAt = nil
        overlay = nil
        let env = SessionEnvironment(now: now, newID: "")
        let before = session.phase
        // Leaving asks the driver to refresh the learner's progress: dropped, as the learner is forgotten next.
        switch session.phase {
        case .scene: _ = session.apply(.leaveLesson, env)
        case .summary: _ = session.apply(.closeSummary, env)
        case .facilitator, .facilitatorLogin, .nameTaken, .unlocking: _ = session.apply(.cancel, env)
        default: break
        }
        if session.phase == .menu { _ = session.apply(.switchLearner, env) }
        settle(after: before)
        learnerEntry = .none
        learnersSelected = 0
        menu = .tracks(selected: 0)
        secret = ""
        firstPIN = nil
        firstPassphrase = nil
        localMessage = strings(.idleReturned, ["minutes": String(max(1, idleTimeout / 60_000))])
        return true
    }

    /// The quick-exit key (F12): leave at once.
    public mutating func quickExit() -> [SessionEffect] { session.apply(.quickExit, SessionEnvironment(now: now, newID: "")) }

    /// Something the driver reports back after carrying out an effect.
    public mutating func handle(_ event: SessionEvent, _ env: SessionEnvironment) -> [SessionEffect] {
        now = env.now
        let before = session.phase
        let effects = session.handle(event, env)
        settle(after: before)
        return effects
    }

    /// Asks the session directly (for example `--lesson ID` at start).
    public mutating func send(_ intent: SessionIntent, _ env: SessionEnvironment) -> [SessionEffect] {
        now = env.now
        lastInputAt = env.now
        let before = session.phase
        if case .startLesson(let id) = intent { lastLessonID = id }
        if case .restartLesson(let id) = intent { lastLessonID = id }
        if case .setFacilitatorPassphrase = intent { firstPassphrase = nil }
        let effects = session.apply(intent, env)
        settle(after: before)
        return effects
    }

    /// A key press. Esc twice within ``escapeWindow`` is the quick exit; a single Esc goes back at once.
    public mutating func press(_ key: TrainerKey, _ env: SessionEnvironment) -> [SessionEffect] {
        now = env.now
        lastInputAt = env.now
        if key == .escape {
            if let last = lastEscapeAt, env.now - last <= Self.escapeWindow {
                lastEscapeAt = nil
                return quickExit()
            }
            lastEscapeAt = env.now
        }
        localMessage = nil
        session.clearNotice()
        if let overlay { return applyOverlay(overlay, key, env) }
        if !isTextEntry {
            switch key {
            case .character("?"):
                overlay = .help(scroll: 0)
                return []
            case .character("s"), .character("S"):
                overlay = .support(scroll: 0)
                return []
            case .character("q"), .character("Q"):
                overlay = .confirmQuit
                return []
            default:
                break
            }
        }
        return applyScreen(key, env)
    }

    var isTextEntry: Bool {
        switch screen {
        case .newLearner, .newLearnerPIN, .learnerPIN, .facilitatorPassphrase: return true
        default: return false
        }
    }

    /// After the session moved: reset the focus and scroll of whatever screen is new.
    mutating func settle(after before: SessionPhase) {
        let after = session.phase
        let key = sceneIdentity()
        switch after {
        case .menu:
            switch before {
            case .choosingLearner, .nameTaken, .unlocking:
                menu = .tracks(selected: 0)
                learnerEntry = .none
                secret = ""
            case .scene, .summary:
                if let id = lastLessonID, let lesson = bank.lesson(id) {
                    let track = Self.track(of: lesson)
                    menu = .lessons(track, selected: lessons(of: track).firstIndex { $0.id == id } ?? 0)
                }
            case .facilitatorLogin, .facilitator:
                secret = ""
                firstPassphrase = nil
                menu = .tracks(selected: trackMenu.firstIndex(of: .facilitator) ?? 0)
            default:
                break
            }
        case .choosingLearner:
            if case .menu = before { learnersSelected = 0; learnerEntry = .none }
            switch before {
            case .facilitatorLogin, .facilitator:
                secret = ""
                firstPassphrase = nil
                learnerEntry = .none
                learnersSelected = learnerRows.firstIndex(of: .facilitator) ?? 0
            default: break
            }
            if case .nameTaken = before { nameTakenSelected = 0 }
            if case .unlocking = before { secret = "" }
        case .nameTaken:
            nameTakenSelected = 0
            secret = ""
        case .unlocking:
            if before != after { secret = "" }
        case .scene(.contentNote):
            if before != after || key != sceneKey { contentNoteSelected = 0 }
        case .scene(.question(let index)):
            if before != after || key != sceneKey { question = QuestionState(questionIndex: index) }
        case .scene(.feedback):
            if before != after { feedbackScroll = 0 }
        case .summary:
            if before != after { summaryScroll = 0 }
        case .facilitatorLogin:
            if before != after { secret = ""; firstPassphrase = nil }
        case .facilitator:
            if before != after { facilitatorView = .heatMap; facilitatorScroll = 0; secret = ""; debriefScope = .lessons }
        case .finished:
            break
        }
        sceneKey = key
    }

    func sceneIdentity() -> String {
        guard let run = session.run else { return "" }
        return "\(run.attempt.id)|\(run.queue.current ?? "-")|\(run.queue.isRepeat)|\(run.queue.upcoming.count)"
    }

    mutating func applyOverlay(_ current: TrainerOverlay, _ key: TrainerKey, _ env: SessionEnvironment) -> [SessionEffect] {
        switch current {
        case .confirmQuit:
            switch key {
            case .character("y"), .character("Y"), .enter, .character("q"), .character("Q"):
                overlay = nil
                return send(.quit, env)
            default:
                overlay = nil
                return []
            }
        case .confirmRestart(let id):
            overlay = nil
            if key == .character("y") || key == .character("Y") { return send(.restartLesson(id: id), env) }
            return []
        case .help(let scroll), .support(let scroll):
            var next = scroll
            switch key {
            case .down, .character("j"): next += 1
            case .up, .character("k"): next = max(0, next - 1)
            case .pageDown, .space: next += page(height - 5)
            case .pageUp: next = max(0, next - page(height - 5))
            case .home: next = 0
            case .character("s"), .character("S"):
                if case .help = current { overlay = .support(scroll: 0); return [] }
                overlay = nil
                return []
            case .character("?"):
                if case .support = current { overlay = .help(scroll: 0); return [] }
                overlay = nil
                return []
            case .character("q"), .character("Q"):
                overlay = .confirmQuit
                return []
            default:
                overlay = nil
                return []
            }
            if case .help = current { overlay = .help(scroll: next) } else { overlay = .support(scroll: next) }
            return []
        }
    }

    static func move(_ index: Int, _ key: TrainerKey, count: Int) -> Int {
        guard count > 0 else { return 0 }
        switch key {
        case .up, .character("k"), .left: return (index - 1 + count) % count
        case .down, .character("j"), .right, .tab: return (index + 1) % count
        case .home: return 0
        case .end: return count - 1
        default: return min(max(0, index), count - 1)
        }
    }

    static func digit(_ key: TrainerKey) -> Int? {
        if case .character(let c) = key, let value = c.wholeNumberValue, c.isASCII, value >= 1 { return value }
        return nil
    }

    /// Typing into a text field: returns the new text, or nil when the key is not a text key.
    static func edit(_ text: String, _ key: TrainerKey, limit: Int) -> String? {
        switch key {
        case .backspace: return String(text.dropLast())
        case .space: return text.count < limit ? text + " " : text
        case .character(let c): return text.count < limit && !c.isNewline ? text + String(c) : text
        default: return nil
        }
    }

    /// The longest name the name field takes (names are unique per store and shown in menus).
    public static let nameLimit = 80

    mutating func applyScreen(_ key: TrainerKey, _ env: SessionEnvironment) -> [SessionEffect] {
        switch screen {
        case .learners(let selected):
            let rows = learnerRows
            var chosen = selected
            if let n = Self.digit(key), n <= rows.count { chosen = n - 1 }
            else if key != .enter && key != .space {
                learnersSelected = Self.move(selected, key, count: rows.count)
                return []
            }
            learnersSelected = chosen
            switch rows[min(chosen, rows.count - 1)] {
            case .learner(let who):
                return send(.selectLearner(id: who.id), env)
            case .newLearner:
                learnerEntry = .name("")
                return []
            case .facilitator:
                secret = ""
                return send(.openFacilitator(passphrase: nil), env)
            case .teacherSetup:
                secret = ""
                firstPassphrase = nil
                learnerEntry = .teacherPassphrase
                return []
            }

        case .newLearner(let name):
            switch key {
            case .escape:
                learnerEntry = .none
                learnersSelected = learners.count
            case .enter:
                if name.trimmingSpaces().isEmpty {
                    localMessage = strings[.nameRequired]
                    return []
                }
                if learners.contains(where: { $0.name == name.trimmingSpaces() }) {
                    return send(.createLearner(name: name, pin: nil), env)
                }
                secret = ""
                learnerEntry = .pin(name: name)
            default:
                if let edited = Self.edit(name, key, limit: Self.nameLimit) { learnerEntry = .name(edited) }
            }
            return []

        case .newLearnerPIN(let name, _):
            switch key {
            case .escape:
                secret = ""
                firstPIN = nil
                learnerEntry = .name(name)
                return []
            case .enter:
                let pin = secret
                secret = ""
                if !pin.isEmpty && !TrainingSession.isAcceptablePIN(pin) {
                    firstPIN = nil
                    localMessage = strings[.pinTooShort]
                    return []
                }
                if !pin.isEmpty {
                    // A PIN is typed twice, so a typo cannot lock the learner out.
                    guard let first = firstPIN else { firstPIN = pin; return [] }
                    firstPIN = nil
                    if first != pin {
                        localMessage = strings[.pinMismatch]
                        return []
                    }
                } else if firstPIN != nil {
                    firstPIN = nil
                    localMessage = strings[.pinMismatch]
                    return []
                }
                learnerEntry = .none
                let effects = send(.createLearner(name: name, pin: pin.isEmpty ? nil : pin), env)
                if session.phase == .choosingLearner && effects.isEmpty { learnerEntry = .pin(name: name) }
                return effects
            default:
                if let edited = Self.edit(secret, key, limit: 64) { secret = edited }
                return []
            }

        case .nameTaken(let name, let selected):
            switch key {
            case .character("y"), .character("Y"), .character("1"):
                return send(.confirmExistingLearner, env)
            case .character("n"), .character("N"), .character("2"), .escape:
                learnerEntry = .name(name)
                return send(.cancel, env)
            case .enter, .space:
                if selected == 0 { return send(.confirmExistingLearner, env) }
                learnerEntry = .name(name)
                return send(.cancel, env)
            default:
                nameTakenSelected = Self.move(selected, key, count: 2)
                return []
            }

        case .learnerPIN:
            switch key {
            case .escape:
                secret = ""
                return send(.cancel, env)
            case .enter:
                let typed = secret
                secret = ""
                return send(.enterPIN(typed), env)
            default:
                if let edited = Self.edit(secret, key, limit: 64) { secret = edited }
                return []
            }

        case .tracks(let selected):
            let items = trackMenu
            var chosen = selected
            if let n = Self.digit(key), n <= items.count { chosen = n - 1 }
            else if key != .enter && key != .space {
                if key == .escape { return send(.switchLearner, env) }
                menu = .tracks(selected: Self.move(selected, key, count: items.count))
                return []
            }
            menu = .tracks(selected: chosen)
            switch items[chosen] {
            case .track(let track): menu = .lessons(track, selected: 0)
            case .progress: menu = .progress(scroll: 0)
            case .facilitator:
                secret = ""
                return send(.openFacilitator(passphrase: nil), env)
            case .language:
                let chosen = strings.uiLanguage.other
                strings = chosen.strings
                languageChoice = chosen
                localMessage = nil
            case .switchLearner: return send(.switchLearner, env)
            }
            return []

        case .lessons(let track, let selected):
            let list = lessons(of: track)
            if key == .escape || key == .backspace {
                menu = .tracks(selected: trackMenu.firstIndex(of: .track(track)) ?? 0)
                return []
            }
            // The rows: the track's lessons, then "Practise my weak signs" (when the track has lessons).
            let rows = list.isEmpty ? 0 : list.count + 1
            var chosen = selected
            if let n = Self.digit(key), n <= rows { chosen = n - 1 }
            else if key == .character("r") || key == .character("R") {
                guard list.indices.contains(chosen) else { return [] }
                // An attempt in progress ends only after a yes.
                if session.resumableAttempt(of: list[chosen]) != nil {
                    overlay = .confirmRestart(lessonID: list[chosen].id)
                    return []
                }
                return send(.restartLesson(id: list[chosen].id), env)
            } else if key != .enter && key != .space {
                menu = .lessons(track, selected: Self.move(selected, key, count: rows))
                return []
            }
            menu = .lessons(track, selected: chosen)
            if chosen == list.count && rows > 0 {
                guard let plan = session.reviewPlan(audience: track.audience, now: env.now) else {
                    localMessage = strings[.reviewNothingDue]
                    return []
                }
                return send(.startReview(plan), env)
            }
            guard list.indices.contains(chosen) else { return [] }
            return send(.startLesson(id: list[chosen].id), env)

        case .contentNote(let selected):
            switch key {
            case .up, .down, .left, .right, .tab, .character("j"), .character("k"):
                contentNoteSelected = 1 - selected
                return []
            case .character("1"), .character("c"), .character("C"):
                return send(.continueScene, env)
            case .character("2"):
                return send(.skipScene, env)
            case .enter, .space:
                return send(selected == 0 ? .continueScene : .skipScene, env)
            case .escape:
                return send(.leaveLesson, env)
            default:
                return []
            }

        case .question(var state):
            guard let asked = currentQuestion else { return [] }
            let shown = options(of: asked)
            let count = shown.count
            switch key {
            case .up, .down, .character("j"), .character("k"), .home, .end, .tab:
                state.focus = Self.move(state.focus, key, count: count)
            case .pageDown:
                state.scroll += page(height / 2)
            case .pageUp:
                state.scroll = max(0, state.scroll - page(height / 2))
            case .space:
                toggle(&state, asked, shown, index: state.focus)
            case .escape:
                return send(.leaveLesson, env)
            case .character("n"), .character("N"):
                if session.isRepeat { return send(.moveOn, env) }
            case .enter:
                if asked.kind == .single, shown.indices.contains(state.focus) { state.ticked = [shown[state.focus].id] }
                self.question = state
                return send(.submit(state.ticked), env)
            default:
                if let n = Self.digit(key), n <= count {
                    // A digit selects (single choice) or ticks (multi-select); only Enter submits (issue 20).
                    state.focus = n - 1
                    toggle(&state, asked, shown, index: n - 1)
                }
            }
            self.question = state
            return []

        case .feedback(_, _, let scroll):
            switch key {
            case .down, .character("j"): feedbackScroll = scroll + 1
            case .up, .character("k"): feedbackScroll = max(0, scroll - 1)
            case .pageDown: feedbackScroll = scroll + page(height - 5)
            case .pageUp: feedbackScroll = max(0, scroll - page(height - 5))
            case .home: feedbackScroll = 0
            case .enter, .space, .right: return send(.next, env)
            case .escape: return send(.leaveLesson, env)
            default: break
            }
            return []

        case .summary(_, let scroll):
            switch key {
            case .down, .character("j"): summaryScroll = scroll + 1
            case .up, .character("k"): summaryScroll = max(0, scroll - 1)
            case .pageDown: summaryScroll = scroll + page(height - 5)
            case .pageUp: summaryScroll = max(0, scroll - page(height - 5))
            case .enter, .space, .escape: return send(.closeSummary, env)
            default: break
            }
            return []

        case .progress(let scroll):
            switch key {
            case .down, .character("j"): menu = .progress(scroll: scroll + 1)
            case .up, .character("k"): menu = .progress(scroll: max(0, scroll - 1))
            case .pageDown, .space: menu = .progress(scroll: scroll + page(height - 5))
            case .pageUp: menu = .progress(scroll: max(0, scroll - page(height - 5)))
            case .home: menu = .progress(scroll: 0)
            case .escape, .enter, .backspace:
                menu = .tracks(selected: trackMenu.firstIndex(of: .progress) ?? 0)
            case _ where Self.digit(key) != nil:
                // A digit saves the own completion record of that passed lesson (``TrainingSession/recordLessons``),
                // by the certificate's access rule (``TrainingSession/mayWriteOwnRecord``).
                let lessons = session.recordLessons
                if let n = Self.digit(key), lessons.indices.contains(n - 1), session.mayWriteOwnRecord {
                    recordRequest = lessons[n - 1].id
                }
            default: break
            }
            return []

        case .facilitatorPassphrase(_, let firstTime, _):
            let teacherSetup = learnerEntry == .teacherPassphrase && session.phase == .choosingLearner
            switch key {
            case .escape:
                secret = ""
                firstPassphrase = nil
                if teacherSetup {
                    learnerEntry = .none
                    return []
                }
                return send(.cancel, env)
            case .enter:
                let typed = secret
                secret = ""
                if !firstTime { return send(.openFacilitator(passphrase: typed), env) }
                if let first = firstPassphrase {
                    firstPassphrase = nil
                    if first != typed {
                        localMessage = strings[.passphraseMismatch]
                        return []
                    }
                    if teacherSetup { learnerEntry = .none }
                    return send(.setFacilitatorPassphrase(typed), env)
                }
                if typed.count < 8 {
                    localMessage = strings[.passphraseTooShort]
                    return []
                }
                firstPassphrase = typed
                return []
            default:
                if let edited = Self.edit(secret, key, limit: 200) { secret = edited }
                return []
            }

        case .facilitator(let view, let scroll):
            switch key {
            case .tab, .left, .right, .character("1"), .character("2"), .character("3"):
                let order = FacilitatorView.order
                let index = order.firstIndex(of: view) ?? 0
                switch key {
                case .character("1"): facilitatorView = .heatMap
                case .character("2"): facilitatorView = .hardest
                case .character("3"): facilitatorView = .debrief
                case .left: facilitatorView = order[(index + order.count - 1) % order.count]
                default: facilitatorView = order[(index + 1) % order.count]
                }
                facilitatorScroll = 0
            case .character("a"), .character("A"):
                facilitatorAnonymous.toggle()
            case .character("l"), .character("L"):
                // Every lesson, then each lesson in turn, then every answer with the weak-sign practice.
                let ids = bank.lessons.map(\.id)
                switch debriefScope {
                case .lessons: debriefScope = ids.first.map { .lesson($0) } ?? .everything
                case .lesson(let id):
                    let next = (ids.firstIndex(of: id) ?? ids.count) + 1
                    debriefScope = next < ids.count ? .lesson(ids[next]) : .everything
                case .everything: debriefScope = .lessons
                }
                facilitatorView = .debrief
                facilitatorScroll = 0
            case .down, .character("j"): facilitatorScroll = scroll + 1
            case .up, .character("k"): facilitatorScroll = max(0, scroll - 1)
            case .pageDown, .space: facilitatorScroll = scroll + page(height - 7)
            case .pageUp: facilitatorScroll = max(0, scroll - page(height - 7))
            case .home: facilitatorScroll = 0
            case .escape, .enter, .backspace:
                return send(.closeFacilitator, env)
            default: break
            }
            return []
        }
    }

    /// Takes the scroll geometry of the frame just drawn: PgUp/PgDn then move one page of it, and scroll positions
    /// past its end are lowered.
    public mutating func drew(_ buffer: ScreenBuffer) {
        geometry = buffer.scroll
        if let limit = buffer.scroll?.maxScroll { clampScroll(to: limit) }
    }

    /// One page, for PgUp and PgDn: the rows the last frame showed, else a guess from the window height.
    func page(_ fallback: Int) -> Int { geometry?.page ?? max(1, fallback) }

    /// Lowers a scroll position that went past the end (the screens tell how far each can scroll).
    public mutating func clampScroll(to limit: Int) {
        let top = max(0, limit)
        switch overlay {
        case .help(let scroll): overlay = .help(scroll: min(scroll, top)); return
        case .support(let scroll): overlay = .support(scroll: min(scroll, top)); return
        case .confirmQuit, .confirmRestart: return
        case nil: break
        }
        switch screen {
        case .question: question.scroll = min(question.scroll, top)
        case .feedback: feedbackScroll = min(feedbackScroll, top)
        case .summary: summaryScroll = min(summaryScroll, top)
        case .progress(let scroll): menu = .progress(scroll: min(scroll, top))
        case .facilitator: facilitatorScroll = min(facilitatorScroll, top)
        default: break
        }
    }

    public static func track(of lesson: Lesson) -> Track {
        switch lesson.audience {
        case .mixed: return .mixed
        case .only(.police): return .police
        case .only(.school): return .school
        case .only(.hospitality): return .hospitality
        }
    }

    func toggle(_ state: inout QuestionState, _ question: Question, _ shown: [AnswerOption], index: Int) {
        guard shown.indices.contains(index) else { return }
        let id = shown[index].id
        if question.kind == .single {
            state.ticked = [id]
        } else if state.ticked.contains(id) {
            state.ticked.remove(id)
        } else {
            state.ticked.insert(id)
        }
    }
}
