/// A learner on a shared machine: a pseudonymous display name, any Unicode, unique per store.
public struct Learner: Hashable, Sendable, Codable {
    /// A UUID string, stable across renames and across laptops.
    public var id: String
    public var name: String
    /// Milliseconds since 1970-01-01 UTC.
    public var createdAt: Int64

    public init(id: String, name: String, createdAt: Int64) {
        self.id = id
        self.name = name
        self.createdAt = createdAt
    }
}

/// One run of a lesson by one learner.
public struct Attempt: Hashable, Sendable, Codable {
    public var id: String
    public var learnerID: String
    public var lessonID: String
    /// Milliseconds since 1970-01-01 UTC.
    public var startedAt: Int64

    public init(id: String, learnerID: String, lessonID: String, startedAt: Int64) {
        self.id = id
        self.learnerID = learnerID
        self.lessonID = lessonID
        self.startedAt = startedAt
    }
}

/// One answered question. Events are append-only; all progress is recomputed from them.
public struct AnswerEvent: Hashable, Sendable, Codable {
    /// A UUID string; the key when merging stores from several laptops.
    public var id: String
    public var learnerID: String
    /// The lesson run this answer belongs to, if any.
    public var attemptID: String?
    public var lessonID: String?
    public var scenarioID: String
    public var scenarioRev: Int
    public var questionID: String
    /// The ids of the options chosen (ticked, or the one picked).
    public var chosen: [String]
    /// Credit in 0...1 as computed by the scoring engine when answered.
    public var credit: Double
    /// For single-choice questions: the action class of the option picked.
    public var action: ActionClass?
    /// Milliseconds since 1970-01-01 UTC.
    public var time: Int64
    /// true when this is a repeat of a scenario re-queued within the same attempt;
    /// lesson results count first attempts only.
    public var isRepeat: Bool

    public init(id: String, learnerID: String, attemptID: String?, lessonID: String?, scenarioID: String,
                scenarioRev: Int, questionID: String, chosen: [String], credit: Double, action: ActionClass?,
                time: Int64, isRepeat: Bool) {
        self.id = id
        self.learnerID = learnerID
        self.attemptID = attemptID
        self.lessonID = lessonID
        self.scenarioID = scenarioID
        self.scenarioRev = scenarioRev
        self.questionID = questionID
        self.chosen = chosen
        self.credit = credit
        self.action = action
        self.time = time
        self.isRepeat = isRepeat
    }
}
