/// The result of one run (attempt) of a lesson.
public struct LessonResult: Sendable, Hashable, Codable {
    public var lessonID: String
    /// Mean first-answer credit over **all** the lesson's questions, ×100; unanswered questions count 0.
    public var scorePercent: Double
    public var passMark: Int
    /// The verdict of ``PassRule``.
    public var passed: Bool
    /// The signs part and the actions part (``PassRule``); nil when the lesson has no question of that kind.
    public var signsPercent: Double?
    public var actionsPercent: Double?
    /// Why it is not passed (empty when passed).
    public var shortfalls: [PassRule.Shortfall]
    /// Indicators whose true sign was missed, and indicators whose look-alike was ticked (over-flagged), each in
    /// the order they first appear, each once. ``indicatorsToReview`` is both lists merged.
    public var missedIndicators: [String]
    public var overflaggedIndicators: [String]
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
                totalQuestions: Int, signsPercent: Double? = nil, actionsPercent: Double? = nil,
                shortfalls: [PassRule.Shortfall] = [], missedIndicators: [String] = [], overflaggedIndicators: [String] = []) {
        self.lessonID = lessonID
        self.scorePercent = scorePercent
        self.passMark = passMark
        self.passed = passed
        self.signsPercent = signsPercent
        self.actionsPercent = actionsPercent
        self.shortfalls = shortfalls
        self.missedIndicators = missedIndicators
        self.overflaggedIndicators = overflaggedIndicators
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
    /// - The score, the signs part, the actions part and the verdict are ``PassRule``'s: unanswered
    ///   questions (a scene skipped after its content note, or not reached) count 0, and a pass needs
    ///   every question answered. Whether the attempt covered the whole lesson is `answeredQuestions`
    ///   against `totalQuestions`.
    /// - Unsafe choices are counted on their own line; in a final, one is enough to fail.
    /// - **Alternates.** A lesson scene that has no answer in the attempt, while an alternate of it
    ///   (`alternate-for:`) has, is replaced by that alternate (``AttemptScenes``): its questions and answers
    ///   count in place of the skipped scene's, for every part of the verdict.
    public static func result(lesson: Lesson, bank: Bank, events: [AnswerEvent],
                              policy: ScoringPolicy = .standard) -> LessonResult {
        let attempt = AttemptScenes(lesson: lesson, bank: bank, events: events)
        return result(lesson: lesson, scenarios: attempt.slots, firsts: attempt.firsts, policy: policy)
    }

    /// The same, from first attempts already picked out (see ``firstAttempts(events:scenarios:sorted:)``).
    static func result(lesson: Lesson, scenarios: [Scenario], firsts: [QuestionKey: AnswerEvent],
                       policy: ScoringPolicy) -> LessonResult {

        var total = 0, answered = 0
        var signsCredit = 0.0, signsQuestions = 0, actionsCredit = 0.0, actionsQuestions = 0
        var hits = 0, misses = 0, falseAlarms = 0, unsafe = 0
        var review: [String] = [], reviewSeen = Set<String>()
        var missed: [String] = [], missedSeen = Set<String>()
        var overflagged: [String] = [], overflaggedSeen = Set<String>()
        func flag(_ ids: [String], _ list: inout [String], _ seen: inout Set<String>) {
            for id in ids where seen.insert(id).inserted { list.append(id) }
            for id in ids where reviewSeen.insert(id).inserted { review.append(id) }
        }
        for scenario in scenarios {
            for question in scenario.questions {
                total += 1
                if question.kind == .multi { signsQuestions += 1 } else { actionsQuestions += 1 }
                guard let event = firsts[QuestionKey(scenarioID: scenario.id, questionID: question.id)] else { continue }
                let result = Scorer.score(question, chosen: Set(event.chosen), policy: policy)
                answered += 1
                if question.kind == .multi { signsCredit += result.credit } else { actionsCredit += result.credit }
                hits += result.hits.count
                misses += result.misses.count
                falseAlarms += result.falseAlarms.count
                if result.isUnsafe { unsafe += 1 }
                for option in question.options {
                    if result.misses.contains(option.id) { flag(option.indicators, &missed, &missedSeen) }
                    if result.falseAlarms.contains(option.id) { flag(option.lookalikeOf, &overflagged, &overflaggedSeen) }
                }
            }
        }
        let verdict = PassRule.judge(PassRule.Input(
            kind: lesson.kind, passMark: lesson.passMark, signsCredit: signsCredit, signsQuestions: signsQuestions,
            actionsCredit: actionsCredit, actionsQuestions: actionsQuestions, answeredQuestions: answered,
            totalQuestions: total, unsafeChoices: unsafe))
        return LessonResult(lessonID: lesson.id, scorePercent: verdict.scorePercent, passMark: lesson.passMark,
                            passed: verdict.passed,
                            hits: hits, misses: misses, falseAlarms: falseAlarms, unsafeChoices: unsafe,
                            indicatorsToReview: review, answeredQuestions: answered, totalQuestions: total,
                            signsPercent: verdict.signsPercent, actionsPercent: verdict.actionsPercent,
                            shortfalls: verdict.shortfalls, missedIndicators: missed, overflaggedIndicators: overflagged)
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

/// The scenes that fill a lesson's places in one attempt, and the attempt's first answers.
///
/// Each scene of the lesson fills its own place, unless it has no first answer in the attempt and one of its
/// alternates (`alternate-for:`, see ``Scenario/alternateFor``) has: then the first such alternate, in bank
/// order, fills the place. This is how a learner who skips a content-noted scene and answers the alternate the
/// trainer offers instead can complete (and pass) the lesson: ``PassRule`` judges the places, whatever scene
/// fills them.
public struct AttemptScenes: Sendable {
    /// The lesson's places, in lesson order: the lesson's scenario, or the alternate that replaced it.
    public var slots: [Scenario]
    /// The lesson's scenarios (each once, in lesson order) whose place an alternate took: original id → alternate id.
    public var replaced: [String: String]
    /// The earliest non-repeat answer per question, of the lesson's scenarios and their alternates.
    var firsts: [QuestionKey: AnswerEvent]

    public init(lesson: Lesson, bank: Bank, events: [AnswerEvent]) {
        self.init(scenarios: EventOrder.lessonScenarios(lesson, bank: bank), bank: bank, events: events, sorted: false)
    }

    /// `scenarios`: the lesson's scenarios (``EventOrder/lessonScenarios(_:bank:)``); `sorted`: the events are in event order.
    init(scenarios: [Scenario], bank: Bank, events: [AnswerEvent], sorted: Bool) {
        var candidates = scenarios
        let inLesson = Set(scenarios.map(\.id))
        var listed = inLesson
        for s in scenarios {
            for alternate in bank.alternates(of: s.id) where listed.insert(alternate.id).inserted { candidates.append(alternate) }
        }
        let firsts = LessonScoring.firstAttempts(events: events, scenarios: candidates, sorted: sorted)
        func answered(_ s: Scenario) -> Bool {
            s.questions.contains { firsts[QuestionKey(scenarioID: s.id, questionID: $0.id)] != nil }
        }
        var replaced: [String: String] = [:]
        slots = scenarios.map { s in
            guard !answered(s), let alternate = bank.alternates(of: s.id).first(where: { !inLesson.contains($0.id) && answered($0) })
            else { return s }
            replaced[s.id] = alternate.id
            return alternate
        }
        self.replaced = replaced
        self.firsts = firsts
    }

    /// Whether every place of the lesson has all its questions answered.
    public var allAnswered: Bool {
        slots.allSatisfy { s in s.questions.allSatisfy { firsts[QuestionKey(scenarioID: s.id, questionID: $0.id)] != nil } }
    }

    /// Whether a scene has all its questions answered in this attempt.
    public func isAnswered(_ scenario: Scenario) -> Bool {
        scenario.questions.allSatisfy { firsts[QuestionKey(scenarioID: scenario.id, questionID: $0.id)] != nil }
    }

    /// Whether a scene has any answer in this attempt.
    public func hasAnswers(_ scenario: Scenario) -> Bool {
        scenario.questions.contains { firsts[QuestionKey(scenarioID: scenario.id, questionID: $0.id)] != nil }
    }

    /// The number of questions answered (first pass) over the places.
    public var answeredCount: Int {
        slots.reduce(0) { n, s in n + s.questions.filter { firsts[QuestionKey(scenarioID: s.id, questionID: $0.id)] != nil }.count }
    }

    /// The lesson scenes this attempt skipped after their content note: those with a content note and no answer
    /// that an alternate replaced or that were shown before the last answered place (a scene after it was not
    /// reached, as far as the answers tell). `shown`: the scene ids in the order the attempt showed them (the trainer
    /// shuffles intro and practice lessons: ``AttemptOrder/scenes(_:kind:attemptID:)``); the lesson order when nil.
    /// In lesson order. For the facilitator's protected views only: a skip is never a failure.
    public func skipped(of scenarios: [Scenario], shown: [String]? = nil) -> [String] {
        let order = shown ?? scenarios.map(\.id)
        var position: [String: Int] = [:]
        for (i, id) in order.enumerated() where position[id] == nil { position[id] = i }
        var lastAnswered = -1
        for (s, slot) in zip(scenarios, slots) where hasAnswers(slot) { lastAnswered = max(lastAnswered, position[s.id] ?? -1) }
        return scenarios.compactMap { s in
            guard s.contentNote != nil, !hasAnswers(s) else { return nil }
            return replaced[s.id] != nil || (position[s.id] ?? Int.max) < lastAnswered ? s.id : nil
        }
    }
}
