/// A key press, already translated from the terminal's codes. The session logic only sees these.
public enum TrainerKey: Hashable, Sendable {
    case up, down, left, right
    case pageUp, pageDown, home, end
    case enter
    case space
    case backspace
    case escape
    case tab
    case character(Character)
}

/// Everything that can happen to the trainer: keys, and answers from the driver that carries out effects.
public enum TrainerInput: Hashable, Sendable {
    case key(TrainerKey)
    /// The quick-exit key (F12, or Esc pressed twice): leave at once.
    case quickExit
    /// The window changed size.
    case resize(width: Int, height: Int)
    /// The driver loaded the learners of this store.
    case learnersLoaded([Learner])
    /// The driver selected or created this learner and computed their progress.
    case learnerReady(Learner, LearnerProgress)
    /// The driver could not do what an effect asked (for example a name already taken).
    case failed(String)
    /// The driver computed the class report for the facilitator screen.
    case classReportReady(ClassReport)
}

/// What the session asks the outside world to do. The driver carries effects out in order, before
/// the next screen is drawn (so an answer is stored durably before its feedback shows).
public enum TrainerEffect: Hashable, Sendable {
    /// Add this learner to the store, then send `.learnerReady` (or `.failed`).
    case addLearner(Learner)
    /// Load this learner's progress, then send `.learnerReady`.
    case selectLearner(Learner)
    /// Record the start of a lesson run.
    case startAttempt(Attempt)
    /// Store one answer durably.
    case saveAnswer(AnswerEvent)
    /// Recompute the current learner's progress, then send `.learnerReady`.
    case refreshProgress(Learner)
    /// Check the facilitator passphrase (nil when no lock is set) and compute the class report, then
    /// send `.classReportReady` (or `.failed` after the wrong-passphrase delay).
    case openFacilitator(passphrase: String?)
    /// Leave normally (everything answered is already stored).
    case quit
    /// Clear the screen and leave at once (everything answered is already stored).
    case quickExit
}

/// The outside facts an input needs: the time and a fresh id, passed in so the logic stays pure.
public struct TrainerEnvironment: Hashable, Sendable {
    /// Milliseconds since 1970-01-01 UTC.
    public var now: Int64
    /// A fresh UUID string, used if this input creates a record.
    public var newID: String

    public init(now: Int64, newID: String) {
        self.now = now
        self.newID = newID
    }
}

/// A group of lessons in the lesson menu.
public enum Track: Hashable, Sendable, CaseIterable {
    case police, school, hospitality, mixed

    public var audience: LessonAudience {
        switch self {
        case .police: return .only(.police)
        case .school: return .only(.school)
        case .hospitality: return .only(.hospitality)
        case .mixed: return .mixed
        }
    }
}

/// The answer being built for the question on screen.
public struct QuestionState: Hashable, Sendable {
    public var questionIndex: Int
    /// The focused option (the hardware cursor sits on it).
    public var focus: Int
    /// Options ticked (multi) or chosen (single), by option id.
    public var ticked: Set<String>
    /// How far the scene text is scrolled, in lines.
    public var scroll: Int

    public init(questionIndex: Int, focus: Int = 0, ticked: Set<String> = [], scroll: Int = 0) {
        self.questionIndex = questionIndex
        self.focus = focus
        self.ticked = ticked
        self.scroll = scroll
    }
}

/// One run of a lesson in progress.
public struct LessonRun: Hashable, Sendable {
    public var lesson: Lesson
    public var attempt: Attempt
    public var queue: LessonQueue
    /// Results of the questions answered so far in the scenario on screen.
    public var scenarioResults: [QuestionResult]
    /// Every answer stored in this run, for the lesson summary.
    public var events: [AnswerEvent]

    public var scenarioID: String? { queue.current }
}

/// Which screen is showing.
public enum TrainerScreen: Hashable, Sendable {
    /// Pick a learner: names only, no scores (shared laptops). The last row is "new learner".
    case learners(selected: Int)
    /// Type a new learner's name.
    case newLearner(name: String)
    /// Pick a track (audience), or see progress, or switch learner.
    case tracks(selected: Int)
    /// Pick a lesson of a track.
    case lessons(Track, selected: Int)
    /// The content note before a scenario: continue (0) or skip (1).
    case contentNote(selected: Int)
    /// A question of the current scenario.
    case question(QuestionState)
    /// Feedback on the question just answered.
    case feedback(QuestionState, QuestionResult, scroll: Int)
    /// The end of a lesson.
    case summary(LessonResult)
    /// The learner's progress.
    case progress(scroll: Int)
    /// Type the facilitator passphrase; only its length is kept in the screen, to draw dots.
    case facilitatorPassphrase(length: Int)
    /// The class results for the facilitator (a projector-friendly 80x24 screen).
    case facilitator(FacilitatorView, scroll: Int)
}

/// The two views of the facilitator screen.
public enum FacilitatorView: Hashable, Sendable {
    /// Per indicator: the class hit rate and false-alarm rate, worst first.
    case heatMap
    /// Per scenario: the hardest question.
    case hardest
}

/// A panel drawn over the current screen.
public enum TrainerOverlay: Hashable, Sendable {
    case help(scroll: Int)
    case support(scroll: Int)
    case confirmQuit
}
