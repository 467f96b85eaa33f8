/// Within-lesson Leitner re-queue: a scenario answered badly comes back after at least two others.
///
/// The queue starts with the lesson's scenarios in lesson order (box 1). When the learner finishes the
/// current scenario:
///
/// - answered well: it leaves the queue;
/// - answered badly (missed signs or over-flagged): it goes back into the queue as a repeat, with
///   exactly ``repeatGap`` (2) other scenarios in front of it. **If fewer than two others remain, it
///   goes to the end** and so comes back as soon as they are done (straight away when it is the
///   only one left).
///
/// A scenario comes back at most ``maxReturns`` times (the trainer uses 1 for intro and practice lessons
/// and 0 for finals, which never repeat a scene); ``skipCurrent()`` takes it out of the queue (no
/// penalty), and leaving the lesson simply abandons the queue.
/// What counts as "answered well" is the caller's decision; ``answeredWell(_:)`` gives the rule of the
/// trainer.
///
/// Duplicate ids in the lesson are kept as separate entries.
public struct LessonQueue: Sendable, Hashable, Codable {
    /// How many other scenarios are shown before a badly answered one comes back.
    public static let repeatGap = 2

    struct Entry: Sendable, Hashable, Codable {
        var scenarioID: String
        var isRepeat: Bool
    }

    private var entries: [Entry]
    /// How many times each scenario has been re-queued so far.
    public private(set) var repeatCounts: [String: Int]
    /// How many times one scenario may come back.
    public let maxReturns: Int

    public init(scenarioIDs: [String], maxReturns: Int = 1) {
        entries = scenarioIDs.map { Entry(scenarioID: $0, isRepeat: false) }
        repeatCounts = [:]
        self.maxReturns = max(0, maxReturns)
    }

    /// The queue of a lesson attempt: finals never repeat, other lessons bring a scene back once.
    public init(scenarioIDs: [String], kind: LessonKind) {
        self.init(scenarioIDs: scenarioIDs, maxReturns: kind.isAssessment ? 0 : 1)
    }

    /// The scenario to show now; nil when finished.
    public var current: String? { entries.first?.scenarioID }

    public var isFinished: Bool { entries.isEmpty }

    /// True if ``current`` is a re-queued repeat.
    public var isRepeat: Bool { entries.first?.isRepeat ?? false }

    /// The scenarios still to come after ``current``, in order (for a progress display).
    public var upcoming: [String] { entries.dropFirst().map(\.scenarioID) }

    /// After the learner finishes ``current``. Does nothing when the queue is finished.
    public mutating func record(answeredWell: Bool) {
        guard !entries.isEmpty else { return }
        let done = entries.removeFirst()
        guard !answeredWell, repeatCounts[done.scenarioID, default: 0] < maxReturns else { return }
        repeatCounts[done.scenarioID, default: 0] += 1
        let position = min(Self.repeatGap, entries.count)
        entries.insert(Entry(scenarioID: done.scenarioID, isRepeat: true), at: position)
    }

    /// The trainer's rule for ``record(answeredWell:)``: a scenario is answered well when every question
    /// was answered right: no true sign missed, no look-alike ticked, and the best action chosen
    /// (``QuestionResult/isCorrect``). A wrong or unsafe action brings the scene back too.
    public static func answeredWell(_ results: [QuestionResult]) -> Bool {
        results.allSatisfy(\.isCorrect)
    }

    /// Content-note "skip this scenario (no penalty)": takes ``current`` out of the queue without
    /// re-queueing it. Does nothing when the queue is finished.
    public mutating func skipCurrent() {
        guard !entries.isEmpty else { return }
        entries.removeFirst()
    }

    /// Content-note skip of a scene that has an alternate (`alternate-for:`): the alternate takes ``current``'s
    /// place in the queue (shown next, as a first attempt). Does nothing when the queue is finished.
    public mutating func replaceCurrent(with scenarioID: String) {
        guard !entries.isEmpty else { return }
        entries[0] = Entry(scenarioID: scenarioID, isRepeat: false)
    }
}
