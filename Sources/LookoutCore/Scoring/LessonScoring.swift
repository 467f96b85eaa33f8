/// The result of one run (attempt) of a lesson.
public struct LessonResult: Sendable, Hashable, Codable {
    public var lessonID: String
    /// Mean credit over first attempts of the lesson's answered questions, ×100 (0 when none answered).
    public var scorePercent: Double
    public var passMark: Int
    /// At least one question answered and scorePercent ≥ passMark.
    public var passed: Bool
    /// Multi-select options: true signs ticked, true signs missed, look-alikes ticked (first attempts).
    public var hits: Int, misses: Int, falseAlarms: Int
    /// Single-choice answers (first attempts) that chose an unsafe action. Never averaged into the score.
    public var unsafeChoices: Int
    /// Indicators missed (a true sign showing it not ticked) or over-flagged (a look-alike near it
    /// ticked), in the order they first appear in the lesson, each once.
    public var indicatorsToReview: [String]
    /// Questions with a first-attempt answer, and all questions of the lesson's scenarios in the bank.
    public var answeredQuestions: Int, totalQuestions: Int

    public init(lessonID: String, scorePercent: Double, passMark: Int, passed: Bool, hits: Int, misses: Int,
                falseAlarms: Int, unsafeChoices: Int, indicatorsToReview: [String], answeredQuestions: Int,
                totalQuestions: Int) {
        self.lessonID = lessonID
        self.scorePercent = scorePercent
        self.passMark = passMark
        self.passed = passed
        self.hits = hits
        self.misses = misses
        self.falseAlarms = falseAlarms
        self.unsafeChoices = unsafeChoices
        self.indicatorsToReview = indicatorsToReview
        self.answeredQuestions = answeredQuestions
        self.totalQuestions = totalQuestions
    }
}

public enum LessonScoring {
    /// From the events of one attempt; first attempts only (events with isRepeat == false).
    ///
    /// - Only events of the lesson's scenarios count, and only those whose `scenarioRev` is the
    ///   scenario's current rev and whose question still exists. Re-queued repeats (`isRepeat`) never
    ///   count. If a question has several first-attempt events, the earliest (by time, then id) counts.
    /// - Every answer is re-scored from the bank with `policy` (the stored `credit` is not trusted, so
    ///   results cannot drift from the engine).
    /// - The score is the mean credit over the **answered** questions: a scenario skipped after its
    ///   content note costs nothing. `passed` needs at least one answer and score ≥ pass mark (with a
    ///   1e-9 tolerance for rounding). Whether the attempt covered the whole lesson is
    ///   `answeredQuestions` against `totalQuestions`.
    /// - Unsafe choices are counted on their own and do not change the score or the pass.
    public static func result(lesson: Lesson, bank: Bank, events: [AnswerEvent],
                              policy: ScoringPolicy = .standard) -> LessonResult {
        let scenarios = EventOrder.lessonScenarios(lesson, bank: bank)
        let firsts = firstAttempts(events: events, scenarios: scenarios)
        return result(lesson: lesson, scenarios: scenarios, firsts: firsts, policy: policy)
    }

    /// The same, from first attempts already picked out (see ``firstAttempts(events:scenarios:sorted:)``).
    static func result(lesson: Lesson, scenarios: [Scenario], firsts: [QuestionKey: AnswerEvent],
                       policy: ScoringPolicy) -> LessonResult {

        var total = 0, answered = 0, creditSum = 0.0
        var hits = 0, misses = 0, falseAlarms = 0, unsafe = 0
        var review: [String] = [], reviewSeen = Set<String>()
        func flag(_ ids: [String]) {
            for id in ids where reviewSeen.insert(id).inserted { review.append(id) }
        }
        for scenario in scenarios {
            for question in scenario.questions {
                total += 1
                guard let event = firsts[QuestionKey(scenarioID: scenario.id, questionID: question.id)] else { continue }
                let result = Scorer.score(question, chosen: Set(event.chosen), policy: policy)
                answered += 1
                creditSum += result.credit
                hits += result.hits.count
                misses += result.misses.count
                falseAlarms += result.falseAlarms.count
                if result.isUnsafe { unsafe += 1 }
                for option in question.options {
                    if result.misses.contains(option.id) { flag(option.indicators) }
                    if result.falseAlarms.contains(option.id) { flag(option.lookalikeOf) }
                }
            }
        }
        let score = answered > 0 ? creditSum / Double(answered) * 100 : 0
        return LessonResult(lessonID: lesson.id, scorePercent: score, passMark: lesson.passMark,
                            passed: answered > 0 && score + 1e-9 >= Double(lesson.passMark),
                            hits: hits, misses: misses, falseAlarms: falseAlarms, unsafeChoices: unsafe,
                            indicatorsToReview: review, answeredQuestions: answered, totalQuestions: total)
    }

    /// The earliest non-repeat event per question of the given scenarios, at their current revs.
    static func firstAttempts(events: [AnswerEvent], scenarios: [Scenario], sorted: Bool = false) -> [QuestionKey: AnswerEvent] {
        var byID: [String: Scenario] = [:]
        for s in scenarios { byID[s.id] = s }
        var firsts: [QuestionKey: AnswerEvent] = [:]
        for event in (sorted ? events : EventOrder.sorted(events)) where !event.isRepeat {
            guard let scenario = byID[event.scenarioID], scenario.rev == event.scenarioRev,
                  scenario.question(event.questionID) != nil else { continue }
            let key = QuestionKey(scenarioID: event.scenarioID, questionID: event.questionID)
            if firsts[key] == nil { firsts[key] = event }
        }
        return firsts
    }
}

struct QuestionKey: Hashable {
    var scenarioID: String
    var questionID: String
}

enum EventOrder {
    /// Events in time order, then by id, so every computation is deterministic.
    static func sorted(_ events: [AnswerEvent]) -> [AnswerEvent] {
        events.sorted { a, b in a.time != b.time ? a.time < b.time : a.id < b.id }
    }

    /// The lesson's scenarios that exist in the bank, in lesson order, each once.
    static func lessonScenarios(_ lesson: Lesson, bank: Bank) -> [Scenario] {
        var seen = Set<String>()
        return bank.scenarios(of: lesson).filter { seen.insert($0.id).inserted }
    }
}
