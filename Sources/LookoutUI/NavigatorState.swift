import LookoutCore

/// A key press, already translated from the terminal's codes. Only the navigator sees keys; the session sees
/// intents.
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

/// The answer being built for the question on screen.
public struct QuestionState: Hashable, Sendable {
    public var questionIndex: Int
    /// The focused option, as an index into the options in the order this attempt shows them.
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

/// Which screen is showing: computed by the ``Navigator`` from the session's phase and its own focus and scroll.
public enum TrainerScreen: Hashable, Sendable {
    /// Pick a learner: names only, no scores (shared laptops). The last row is "new learner".
    case learners(selected: Int)
    /// Type a new learner's name.
    case newLearner(name: String)
    /// Choose an optional PIN for the new learner; only its length is kept in the screen, to draw dots.
    case newLearnerPIN(name: String, length: Int)
    /// A learner with the typed name exists: "is that you?" (0 yes, 1 no).
    case nameTaken(name: String, selected: Int)
    /// Type the chosen learner's PIN; only its length is kept.
    case learnerPIN(name: String, length: Int)
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
    case summary(LessonResult, scroll: Int)
    /// The learner's progress.
    case progress(scroll: Int)
    /// Type the facilitator passphrase; only its length is kept. `firstTime`: choose one (typed twice).
    case facilitatorPassphrase(length: Int, firstTime: Bool, confirming: Bool)
    /// The class results for the facilitator (a projector-friendly 80x24 screen).
    case facilitator(FacilitatorView, scroll: Int)
}

/// Which answers the trainer's debrief covers (key `l` on the debrief view cycles through them).
public enum DebriefScope: Hashable, Sendable {
    /// Every lesson of the bank; the learners' own "Practise my weak signs" lessons are left out.
    case lessons
    /// One lesson, as `report --debrief --lesson ID`.
    case lesson(String)
    /// Every answer, practice of weak signs included.
    case everything
}

/// The views of the facilitator screen.
public enum FacilitatorView: Hashable, Sendable {
    /// Per indicator: the class hit rate and false-alarm rate, worst first.
    case heatMap
    /// Per scenario: the hardest question.
    case hardest
    /// Every question with the options the class chose, the hardest items and the gain (``Debrief``, ``Gain``).
    case debrief

    /// The views in Tab order.
    public static let order: [FacilitatorView] = [.heatMap, .hardest, .debrief]
}

/// A panel drawn over the current screen.
public enum TrainerOverlay: Hashable, Sendable {
    case help(scroll: Int)
    case support(scroll: Int)
    case confirmQuit
    /// "Start this lesson again?" before `r` ends an attempt in progress.
    case confirmRestart(lessonID: String)
}
