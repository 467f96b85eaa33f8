/// Proof that a learner passed a lesson: the data of a printable certificate.
public struct CompletionRecord: Sendable, Hashable, Codable {
    public var learnerID: String
    public var learnerName: String
    public var lessonID: String
    public var lessonTitle: String
    /// The score of the first passing attempt, 0...100.
    public var scorePercent: Double
    public var passMark: Int
    /// When the first passing attempt ended (its last counted answer), milliseconds since 1970.
    public var passedAt: Int64
    /// The id of that attempt (nil for answers given outside a recorded attempt).
    public var attemptID: String?
    /// Attempts with answers, passing or not.
    public var attempts: Int
    /// The score of the first attempt with answers (nil in records made before it was kept).
    public var firstAttemptScorePercent: Double?
    public var fingerprint: LessonFingerprint

    /// The score as printed: whole percent, rounded down, so a printed score is never above the real one.
    public var scoreText: String { ScoreFormat.percent(scorePercent) }
}

/// Why there is no completion record.
public enum CompletionRefusal: Error, Sendable, Hashable, CustomStringConvertible {
    case notStarted(learner: String, lessonID: String)
    case notFinished(learner: String, lessonID: String, percentAnswered: Double)
    case notPassed(learner: String, lessonID: String, bestScorePercent: Double?, passMark: Int)
    case changedSincePassed(learner: String, lessonID: String)
    /// The latest finished attempt missed the pass rule for these reasons (``PassRule/reasons``).
    case ruleNotMet(learner: String, lessonID: String, reasons: [String])

    public var description: String {
        switch self {
        case .notStarted(let learner, let lesson):
            return "\(learner) has not started lesson '\(lesson)' (at its current version), so there is no completion record"
        case .notFinished(let learner, let lesson, let percent):
            return "\(learner) has not finished lesson '\(lesson)' yet (\(ScoreFormat.percent(percent)) of its questions answered), so there is no completion record"
        case .notPassed(let learner, let lesson, let best, let passMark):
            let score = best.map { "best score \(ScoreFormat.percent($0))" } ?? "no finished attempt"
            return "\(learner) has not passed lesson '\(lesson)' (\(score); pass mark \(passMark)%), so there is no completion record"
        case .ruleNotMet(let learner, let lesson, let reasons):
            return "\(learner) has not passed lesson '\(lesson)': \(reasons.joined(separator: "; ")), so there is no completion record"
        case .changedSincePassed(let learner, let lesson):
            return "\(learner) passed lesson '\(lesson)' before some of its scenarios were changed, and has not passed the current version, so there is no completion record for it; the lesson must be done again"
        }
    }
}

public enum Completion {
    /// The record of the learner's first passing attempt of `lesson`, or why there is none. Uses the same
    /// rules as ``ProgressEngine/progress(bank:events:policy:)``: only answers at the scenarios' current
    /// revs count, and an attempt passes when it is finished and its score reaches the pass mark.
    /// Pass that learner's events only.
    public static func record(learner: Learner, lesson: Lesson, bank: Bank, events: [AnswerEvent],
                              policy: ScoringPolicy = .standard) -> Result<CompletionRecord, CompletionRefusal> {
        let split = ProgressEngine.partition(bank: bank, events: events)
        let counted = split.counted
        var order: [String?] = []
        var groups: [String?: [AnswerEvent]] = [:]
        for item in counted where item.event.lessonID == lesson.id {
            if groups[item.event.attemptID] == nil { order.append(item.event.attemptID) }
            groups[item.event.attemptID, default: []].append(item.event)
        }
        var attempts = 0
        var firstScore: Double?
        var first: (result: LessonResult, key: String?, end: Int64, events: [AnswerEvent])?
        for key in order {
            let group = groups[key] ?? []
            let result = LessonScoring.result(lesson: lesson, bank: bank, events: group, policy: policy)
            guard result.answeredQuestions > 0 else { continue }
            attempts += 1
            if firstScore == nil { firstScore = result.scorePercent }
            if first == nil, result.passed, ProgressEngine.isFinished(lesson: lesson, bank: bank, attemptID: key, events: group) {
                first = (result, key, group.map(\.time).max() ?? 0, group)
            }
        }
        if let first {
            return .success(CompletionRecord(
                learnerID: learner.id, learnerName: learner.name, lessonID: lesson.id, lessonTitle: lesson.title,
                scorePercent: first.result.scorePercent, passMark: lesson.passMark, passedAt: first.end,
                attemptID: first.key, attempts: attempts, firstAttemptScorePercent: firstScore,
                // The lesson as this attempt answered it (only answers at the current revs count, so this is also the
                // lesson as it is now).
                fingerprint: LessonFingerprint.of(lesson: lesson, answered: first.events)))
        }
        let progress = ProgressEngine.lessonProgress(lesson, bank: bank, counted: counted, policy: policy)
        if let stale = split.staleByLesson[lesson.id],
           ProgressEngine.passedBeforeChange(lesson, bank: bank, current: counted.filter { $0.event.lessonID == lesson.id }.map(\.event),
                                             stale: stale, policy: policy) {
            return .failure(.changedSincePassed(learner: learner.name, lessonID: lesson.id))
        }
        switch progress.status {
        case .new, .passed:
            return .failure(.notStarted(learner: learner.name, lessonID: lesson.id))
        case .inProgress(let percent):
            return .failure(.notFinished(learner: learner.name, lessonID: lesson.id, percentAnswered: percent))
        case .changedSincePassed:
            return .failure(.changedSincePassed(learner: learner.name, lessonID: lesson.id))
        case .failed:
            if let latest = progress.latest, !latest.shortfalls.isEmpty {
                return .failure(.ruleNotMet(learner: learner.name, lessonID: lesson.id,
                                            reasons: PassRule.reasons(latest.shortfalls, signsPercent: latest.signsPercent,
                                                                      actionsPercent: latest.actionsPercent, passMark: lesson.passMark)))
            }
            return .failure(.notPassed(learner: learner.name, lessonID: lesson.id,
                                       bestScorePercent: progress.bestScorePercent, passMark: lesson.passMark))
        }
    }
}
