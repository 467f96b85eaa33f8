/// The trainer's session logic: a pure state machine. The terminal front end and the plain line
/// mode both drive it: they turn keys into ``TrainerInput`` values, call ``apply(_:_:)``, carry
/// out the returned effects in order, and draw the new state.
public struct Trainer: Sendable {
    public enum TrackMenuItem: Hashable, Sendable {
        case track(Track)
        case progress
        /// The facilitator's class results (behind the passphrase when one is set).
        case facilitator
        case switchLearner
    }

    public let bank: Bank
    /// The region whose hotlines the support panel shows.
    public let region: Region?
    public let policy: ScoringPolicy
    /// The catalog of UI text: messages here, and everything the screens and the plain mode show.
    public let strings: UIStrings

    public private(set) var screen: TrainerScreen
    public private(set) var overlay: TrainerOverlay?
    public private(set) var learners: [Learner]
    public private(set) var learner: Learner?
    public private(set) var progress: LearnerProgress?
    public private(set) var run: LessonRun?
    /// The window size, in cells.
    public private(set) var width: Int
    public private(set) var height: Int
    /// A one-line message for the status bar (an error, or what just happened).
    public private(set) var message: String?
    /// True once the session asked to quit.
    public private(set) var finished = false
    /// Whether the store has a facilitator passphrase.
    public private(set) var facilitatorLocked: Bool
    /// The class report while the facilitator screen shows; dropped when it is left.
    public private(set) var classReport: ClassReport?
    /// The passphrase being typed. Never shown, never part of the screen value.
    private var passphrase = ""

    public init(bank: Bank, region: Region?, learners: [Learner] = [], width: Int = 80, height: Int = 24,
                facilitatorLocked: Bool = false, policy: ScoringPolicy = .standard, strings: UIStrings = .english) {
        self.bank = bank
        self.strings = strings
        self.region = region
        self.policy = policy
        self.learners = learners
        self.width = width
        self.height = height
        self.facilitatorLocked = facilitatorLocked
        self.screen = .learners(selected: 0)
    }

    // MARK: Derived views

    /// The track menu: tracks that have lessons, then progress and switching learner.
    public var trackMenu: [TrackMenuItem] {
        Track.allCases.filter { track in bank.lessons.contains { $0.audience == track.audience } }.map { .track($0) }
            + [.progress, .facilitator, .switchLearner]
    }

    public func lessons(of track: Track) -> [Lesson] { bank.lessons.filter { $0.audience == track.audience } }

    public func status(of lesson: Lesson) -> LessonStatus {
        progress?.lesson(lesson.id)?.status ?? .new
    }

    /// The scenario on screen, if a lesson is running.
    public var currentScenario: Scenario? { run?.scenarioID.flatMap { bank.scenario($0) } }

    public var currentQuestion: Question? {
        guard let scenario = currentScenario else { return nil }
        switch screen {
        case .question(let q), .feedback(let q, _, _):
            return scenario.questions.indices.contains(q.questionIndex) ? scenario.questions[q.questionIndex] : nil
        default:
            return nil
        }
    }

    // MARK: Applying inputs

    /// Applies one input and returns the effects for the driver to carry out, in order.
    public mutating func apply(_ input: TrainerInput, _ env: TrainerEnvironment) -> [TrainerEffect] {
        switch input {
        case .quickExit:
            finished = true
            return [.quickExit]
        case .resize(let w, let h):
            width = max(0, w)
            height = max(0, h)
            return []
        case .learnersLoaded(let list):
            learners = list
            if case .learners(let selected) = screen { screen = .learners(selected: min(selected, list.count)) }
            return []
        case .learnerReady(let ready, let newProgress):
            if !learners.contains(where: { $0.id == ready.id }) { learners.append(ready) }
            learner = ready
            progress = newProgress
            message = nil
            switch screen {
            case .learners, .newLearner: screen = .tracks(selected: 0)
            default: break
            }
            return []
        case .failed(let text):
            message = text
            return []
        case .classReportReady(let report):
            classReport = report
            screen = .facilitator(.heatMap, scroll: 0)
            return []
        case .key(let key):
            message = nil
            if let overlay { return applyOverlay(overlay, key) }
            if isTextEntry {
                return applyScreen(key, env)
            }
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
                return applyScreen(key, env)
            }
        }
    }

    var isTextEntry: Bool {
        switch screen {
        case .newLearner, .facilitatorPassphrase: return true
        default: return false
        }
    }

    mutating func applyOverlay(_ current: TrainerOverlay, _ key: TrainerKey) -> [TrainerEffect] {
        switch current {
        case .confirmQuit:
            switch key {
            case .character("y"), .character("Y"), .enter, .character("q"), .character("Q"):
                overlay = nil
                finished = true
                return [.quit]
            default:
                overlay = nil
                return []
            }
        case .help(let scroll), .support(let scroll):
            var next = scroll
            switch key {
            case .down, .character("j"): next += 1
            case .up, .character("k"): next = max(0, next - 1)
            case .pageDown, .space: next += max(1, height - 4)
            case .pageUp: next = max(0, next - max(1, height - 4))
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

    mutating func applyScreen(_ key: TrainerKey, _ env: TrainerEnvironment) -> [TrainerEffect] {
        switch screen {
        case .learners(let selected):
            let rows = learners.count + 1
            if key == .enter || key == .space {
                if selected >= learners.count {
                    screen = .newLearner(name: "")
                    return []
                }
                return [.selectLearner(learners[selected])]
            }
            if let n = Trainer.digit(key), n <= rows {
                screen = .learners(selected: n - 1)
                return applyScreen(.enter, env)
            }
            screen = .learners(selected: Trainer.move(selected, key, count: rows))
            return []

        case .newLearner(let name):
            switch key {
            case .escape:
                screen = .learners(selected: learners.count)
            case .backspace:
                screen = .newLearner(name: String(name.dropLast()))
            case .space:
                if !name.isEmpty && name.count < 40 { screen = .newLearner(name: name + " ") }
            case .character(let c):
                if name.count < 40 && !c.isNewline { screen = .newLearner(name: name + String(c)) }
            case .enter:
                let trimmed = name.trimmingSpaces()
                if trimmed.isEmpty {
                    message = strings[.nameRequired]
                    return []
                }
                if let existing = learners.first(where: { $0.name == trimmed }) {
                    return [.selectLearner(existing)]
                }
                return [.addLearner(Learner(id: env.newID, name: trimmed, createdAt: env.now))]
            default:
                break
            }
            return []

        case .tracks(let selected):
            let menu = trackMenu
            var chosen = selected
            if let n = Trainer.digit(key), n <= menu.count { chosen = n - 1 }
            else if key != .enter && key != .space {
                if key == .escape {
                    screen = .learners(selected: 0)
                    return []
                }
                screen = .tracks(selected: Trainer.move(selected, key, count: menu.count))
                return []
            }
            switch menu[chosen] {
            case .track(let track): screen = .lessons(track, selected: 0)
            case .progress: screen = .progress(scroll: 0)
            case .facilitator:
                if facilitatorLocked {
                    passphrase = ""
                    screen = .facilitatorPassphrase(length: 0)
                    return []
                }
                return [.openFacilitator(passphrase: nil)]
            case .switchLearner:
                learner = nil
                progress = nil
                screen = .learners(selected: 0)
            }
            return []

        case .lessons(let track, let selected):
            let list = lessons(of: track)
            if key == .escape || key == .backspace {
                screen = .tracks(selected: trackMenu.firstIndex(of: .track(track)) ?? 0)
                return []
            }
            var chosen = selected
            if let n = Trainer.digit(key), n <= list.count { chosen = n - 1 }
            else if key != .enter && key != .space {
                screen = .lessons(track, selected: Trainer.move(selected, key, count: list.count))
                return []
            }
            guard list.indices.contains(chosen), let learner else { return [] }
            return startLesson(list[chosen], learner: learner, env)

        case .contentNote(let selected):
            switch key {
            case .up, .down, .left, .right, .tab, .character("j"), .character("k"):
                screen = .contentNote(selected: 1 - selected)
                return []
            case .character("1"), .character("c"), .character("C"):
                screen = .contentNote(selected: 0)
                return applyScreen(.enter, env)
            case .character("2"):
                screen = .contentNote(selected: 1)
                return applyScreen(.enter, env)
            case .enter, .space:
                if selected == 0 {
                    screen = .question(QuestionState(questionIndex: 0))
                    return []
                }
                run?.queue.skipCurrent()
                run?.scenarioResults = []
                return showCurrentScenario()
            default:
                return []
            }

        case .question(var state):
            guard let question = currentQuestion else { return [] }
            let count = question.options.count
            switch key {
            case .up, .down, .character("j"), .character("k"), .home, .end, .tab:
                state.focus = Trainer.move(state.focus, key, count: count)
            case .pageDown:
                state.scroll += max(1, height / 2)
            case .pageUp:
                state.scroll = max(0, state.scroll - max(1, height / 2))
            case .space:
                toggle(&state, question, index: state.focus)
            case .character("n"), .character("N"):
                // "Move on": a scenario that came back can be left for later.
                if run?.queue.isRepeat == true {
                    run?.queue.skipCurrent()
                    run?.scenarioResults = []
                    return showCurrentScenario()
                }
            case .enter:
                if question.kind == .single {
                    state.ticked = [question.options[state.focus].id]
                }
                return submit(state, question, env)
            default:
                if let n = Trainer.digit(key), n <= count {
                    state.focus = n - 1
                    if question.kind == .single {
                        state.ticked = [question.options[n - 1].id]
                        return submit(state, question, env)
                    }
                    toggle(&state, question, index: n - 1)
                }
            }
            screen = .question(state)
            return []

        case .feedback(let state, let result, let scroll):
            switch key {
            case .down, .character("j"): screen = .feedback(state, result, scroll: scroll + 1)
            case .up, .character("k"): screen = .feedback(state, result, scroll: max(0, scroll - 1))
            case .pageDown: screen = .feedback(state, result, scroll: scroll + max(1, height - 4))
            case .pageUp: screen = .feedback(state, result, scroll: max(0, scroll - max(1, height - 4)))
            case .enter, .space, .right:
                return advance(after: state)
            default: break
            }
            return []

        case .summary:
            if key == .enter || key == .space || key == .escape {
                let track = run.map { Trainer.track(of: $0.lesson) } ?? .mixed
                let index = run.flatMap { r in lessons(of: track).firstIndex { $0.id == r.lesson.id } } ?? 0
                run = nil
                screen = .lessons(track, selected: index)
                if let learner { return [.refreshProgress(learner)] }
            }
            return []

        case .facilitatorPassphrase:
            switch key {
            case .escape:
                passphrase = ""
                screen = .tracks(selected: trackMenu.firstIndex(of: .facilitator) ?? 0)
            case .backspace:
                passphrase = String(passphrase.dropLast())
                screen = .facilitatorPassphrase(length: passphrase.count)
            case .space:
                passphrase += " "
                screen = .facilitatorPassphrase(length: passphrase.count)
            case .character(let c):
                if passphrase.count < 200 && !c.isNewline { passphrase.append(c) }
                screen = .facilitatorPassphrase(length: passphrase.count)
            case .enter:
                let typed = passphrase
                passphrase = ""
                screen = .facilitatorPassphrase(length: 0)
                return [.openFacilitator(passphrase: typed)]
            default:
                break
            }
            return []

        case .facilitator(let view, let scroll):
            switch key {
            case .tab, .left, .right, .character("1"), .character("2"):
                let next: FacilitatorView
                switch key {
                case .character("1"): next = .heatMap
                case .character("2"): next = .hardest
                default: next = view == .heatMap ? .hardest : .heatMap
                }
                screen = .facilitator(next, scroll: 0)
            case .down, .character("j"): screen = .facilitator(view, scroll: scroll + 1)
            case .up, .character("k"): screen = .facilitator(view, scroll: max(0, scroll - 1))
            case .pageDown, .space: screen = .facilitator(view, scroll: scroll + max(1, height - 6))
            case .pageUp: screen = .facilitator(view, scroll: max(0, scroll - max(1, height - 6)))
            case .escape, .enter, .backspace:
                classReport = nil
                screen = .tracks(selected: trackMenu.firstIndex(of: .facilitator) ?? 0)
            default: break
            }
            return []

        case .progress(let scroll):
            switch key {
            case .down, .character("j"): screen = .progress(scroll: scroll + 1)
            case .up, .character("k"): screen = .progress(scroll: max(0, scroll - 1))
            case .pageDown, .space: screen = .progress(scroll: scroll + max(1, height - 4))
            case .pageUp: screen = .progress(scroll: max(0, scroll - max(1, height - 4)))
            case .escape, .enter, .backspace:
                screen = .tracks(selected: trackMenu.firstIndex(of: .progress) ?? 0)
            default: break
            }
            return []
        }
    }

    static func track(of lesson: Lesson) -> Track {
        switch lesson.audience {
        case .mixed: return .mixed
        case .only(.police): return .police
        case .only(.school): return .school
        case .only(.hospitality): return .hospitality
        }
    }

    mutating func toggle(_ state: inout QuestionState, _ question: Question, index: Int) {
        guard question.options.indices.contains(index) else { return }
        let id = question.options[index].id
        if question.kind == .single {
            state.ticked = [id]
        } else if state.ticked.contains(id) {
            state.ticked.remove(id)
        } else {
            state.ticked.insert(id)
        }
    }

    /// Starts a lesson run: records the attempt and shows the first scenario.
    public mutating func startLesson(_ lesson: Lesson, learner: Learner, _ env: TrainerEnvironment) -> [TrainerEffect] {
        let ids = bank.scenarios(of: lesson).filter { !$0.questions.isEmpty }.map(\.id)
        let attempt = Attempt(id: env.newID, learnerID: learner.id, lessonID: lesson.id, startedAt: env.now)
        run = LessonRun(lesson: lesson, attempt: attempt, queue: LessonQueue(scenarioIDs: ids), scenarioResults: [], events: [])
        return [.startAttempt(attempt)] + showCurrentScenario()
    }

    /// Shows the scenario at the head of the queue (its content note first), or the summary.
    mutating func showCurrentScenario() -> [TrainerEffect] {
        guard let run else { return [] }
        guard let scenario = currentScenario else {
            let result = LessonScoring.result(lesson: run.lesson, bank: bank, events: run.events, policy: policy)
            screen = .summary(result)
            return []
        }
        if scenario.contentNote != nil && !run.queue.isRepeat {
            screen = .contentNote(selected: 0)
        } else {
            screen = .question(QuestionState(questionIndex: 0))
        }
        return []
    }

    mutating func submit(_ state: QuestionState, _ question: Question, _ env: TrainerEnvironment) -> [TrainerEffect] {
        guard var run, let scenario = currentScenario, let learner else { return [] }
        let result = Scorer.score(question, chosen: state.ticked, policy: policy)
        let chosen = question.options.map(\.id).filter { state.ticked.contains($0) }
        let event = AnswerEvent(id: env.newID, learnerID: learner.id, attemptID: run.attempt.id, lessonID: run.lesson.id,
                                scenarioID: scenario.id, scenarioRev: scenario.rev, questionID: question.id,
                                chosen: chosen, credit: result.credit, action: result.action, time: env.now,
                                isRepeat: run.queue.isRepeat)
        run.scenarioResults.append(result)
        run.events.append(event)
        self.run = run
        screen = .feedback(state, result, scroll: 0)
        return [.saveAnswer(event)]
    }

    mutating func advance(after state: QuestionState) -> [TrainerEffect] {
        guard var run, let scenario = currentScenario else { return [] }
        let next = state.questionIndex + 1
        if next < scenario.questions.count {
            screen = .question(QuestionState(questionIndex: next))
            return []
        }
        run.queue.record(answeredWell: LessonQueue.answeredWell(run.scenarioResults))
        run.scenarioResults = []
        self.run = run
        return showCurrentScenario()
    }
}
