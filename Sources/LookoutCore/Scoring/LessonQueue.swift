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
/// A scenario keeps coming back until it is answered well or the learner moves on: ``skipCurrent()``
/// takes it out of the queue (no penalty), and leaving the lesson simply abandons the queue.
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

    public init(scenarioIDs: [String]) {
        entries = scenarioIDs.map { Entry(scenarioID: $0, isRepeat: false) }
        repeatCounts = [:]
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
        guard !answeredWell else { return }
        repeatCounts[done.scenarioID, default: 0] += 1
        let position = min(Self.repeatGap, entries.count)
        entries.insert(Entry(scenarioID: done.scenarioID, isRepeat: true), at: position)
    }

    /// The trainer's rule for ``record(answeredWell:)``: a scenario is answered well when no true sign was
    /// missed and no look-alike ticked in any of its multi-select questions (``QuestionResult/isCorrect``).
    /// Single-choice answers do not decide it: a wrong or unsafe action gets its feedback and is counted
    /// on its own line, but does not bring the scene back by itself.
    public static func answeredWell(_ results: [QuestionResult]) -> Bool {
        results.allSatisfy { $0.kind != .multi || $0.isCorrect }
    }

    /// Content-note "skip this scenario (no penalty)": takes ``current`` out of the queue without
    /// re-queueing it. Does nothing when the queue is finished.
    public mutating func skipCurrent() {
        guard !entries.isEmpty else { return }
        entries.removeFirst()
    }
}
