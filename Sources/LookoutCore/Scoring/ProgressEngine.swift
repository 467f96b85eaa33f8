/// Where a learner stands in one lesson.
public enum LessonStatus: Sendable, Hashable, Codable {
    /// No answers yet (at the scenarios' current revs).
    case new
    /// The most recent attempt is unfinished: the share of the lesson's questions it answered, 0...100.
    case inProgress(percent: Double)
    case passed
    case failed
    /// Passed at the scenarios' revs of the time, but a scenario of the lesson has changed since (its `rev` was
    /// bumped) and no attempt passes at the current revs: the lesson must be done again for a current record.
    case changedSincePassed
}

public struct LessonProgress: Sendable, Hashable, Codable {
    public var lessonID: String
    public var status: LessonStatus
    /// Attempts with at least one counted answer.
    public var attempts: Int
    /// The best score of a finished attempt, nil if none finished.
    public var bestScorePercent: Double?
    /// The result of the most recent attempt with answers.
    public var latest: LessonResult?
    /// The score of the first attempt with answers (finished or not), so a record shows how a pass came about.
    public var firstScorePercent: Double?

    public init(lessonID: String, status: LessonStatus, attempts: Int, bestScorePercent: Double?,
                latest: LessonResult?, firstScorePercent: Double? = nil) {
        self.lessonID = lessonID
        self.status = status
        self.attempts = attempts
        self.bestScorePercent = bestScorePercent
        self.latest = latest
        self.firstScorePercent = firstScorePercent
    }
}

/// One learner's standing on one indicator.
public struct IndicatorProgress: Sendable, Hashable, Codable {
    public var indicatorID: String
    /// Options tagged with the indicator that the learner has been shown (see ``KnowledgeTracing``).
    public var observations: Int
    /// P(L), the knowledge-tracing estimate that the indicator is mastered.
    public var pKnown: Double
    public var mastered: Bool
    /// Hits and misses on true signs showing it; false alarms and correct rejections on its look-alikes;
    /// raw rates; d′ and c (nil when too few data, see ``SignalDetection``).
    public var detection: SignalDetection

    public init(indicatorID: String, observations: Int, pKnown: Double, mastered: Bool, detection: SignalDetection) {
        self.indicatorID = indicatorID
        self.observations = observations
        self.pKnown = pKnown
        self.mastered = mastered
        self.detection = detection
    }

    public var hits: Int { detection.hits }
    public var misses: Int { detection.misses }
    public var falseAlarms: Int { detection.falseAlarms }
    public var correctRejections: Int { detection.correctRejections }
    public var hitRate: Double? { detection.hitRate }
    public var falseAlarmRate: Double? { detection.falseAlarmRate }
    public var dPrime: Double? { detection.dPrime }
    public var criterion: Double? { detection.criterion }
}

public struct ActionCount: Sendable, Hashable, Codable {
    public var action: ActionClass
    public var count: Int

    public init(action: ActionClass, count: Int) {
        self.action = action
        self.count = count
    }
}

public struct Coverage: Sendable, Hashable, Codable {
    /// Bank scenarios with at least one counted answer, and all bank scenarios.
    public var scenariosSeen: Int, scenariosTotal: Int
    /// Taxonomy indicators observed at least once, mastered, and all taxonomy indicators.
    public var indicatorsSeen: Int, indicatorsMastered: Int, indicatorsTotal: Int

    public init(scenariosSeen: Int, scenariosTotal: Int, indicatorsSeen: Int, indicatorsMastered: Int,
                indicatorsTotal: Int) {
        self.scenariosSeen = scenariosSeen
        self.scenariosTotal = scenariosTotal
        self.indicatorsSeen = indicatorsSeen
        self.indicatorsMastered = indicatorsMastered
        self.indicatorsTotal = indicatorsTotal
    }

    /// 0...1 (0 for an empty bank).
    public var scenarioShareSeen: Double { share(scenariosSeen, scenariosTotal) }
    public var indicatorShareSeen: Double { share(indicatorsSeen, indicatorsTotal) }
    public var indicatorShareMastered: Double { share(indicatorsMastered, indicatorsTotal) }

    private func share(_ a: Int, _ b: Int) -> Double { b > 0 ? Double(a) / Double(b) : 0 }
}

/// Answers kept for a scenario that is no longer in the bank. They are listed, never dropped.
public struct RetiredScenario: Sendable, Hashable, Codable {
    public var scenarioID: String
    /// The revs the events were answered at, ascending.
    public var revs: [Int]
    /// The ids of the events, in time order.
    public var eventIDs: [String]

    public init(scenarioID: String, revs: [Int], eventIDs: [String]) {
        self.scenarioID = scenarioID
        self.revs = revs
        self.eventIDs = eventIDs
    }
}

/// A learner's progress, recomputed from their answer events.
public struct LearnerProgress: Sendable, Hashable, Codable {
    /// In bank order.
    public var lessons: [LessonProgress]
    /// Every taxonomy indicator in bank order, then any other indicator ids the scenarios use (sorted).
    public var indicators: [IndicatorProgress]
    /// Signal detection over every true sign and look-alike the learner was shown.
    public var overall: SignalDetection
    /// Single-choice answers that chose an unsafe action (every counted answer, repeats included).
    public var unsafeChoices: Int
    /// The unsafe choices by action class, in ``ActionClass`` order, classes with a count only.
    public var unsafeChoicesByAction: [ActionCount]
    /// Single-choice ("what should you do?") answers counted, and how many were right.
    public var actionQuestionsAnswered: Int, actionQuestionsCorrect: Int
    public var coverage: Coverage
    /// Scenarios answered that the bank no longer has, sorted by id.
    public var retiredScenarios: [RetiredScenario]
    /// Events of a scenario still in the bank that were set aside: answered at another rev, or naming a
    /// question the scenario no longer has. Kept in the store, ignored here.
    public var setAsideEventCount: Int

    public init(lessons: [LessonProgress], indicators: [IndicatorProgress], overall: SignalDetection,
                unsafeChoices: Int, unsafeChoicesByAction: [ActionCount], actionQuestionsAnswered: Int,
                actionQuestionsCorrect: Int, coverage: Coverage, retiredScenarios: [RetiredScenario],
                setAsideEventCount: Int) {
        self.lessons = lessons
        self.indicators = indicators
        self.overall = overall
        self.unsafeChoices = unsafeChoices
        self.unsafeChoicesByAction = unsafeChoicesByAction
        self.actionQuestionsAnswered = actionQuestionsAnswered
        self.actionQuestionsCorrect = actionQuestionsCorrect
        self.coverage = coverage
        self.retiredScenarios = retiredScenarios
        self.setAsideEventCount = setAsideEventCount
    }

    public func lesson(_ id: String) -> LessonProgress? { lessons.first { $0.lessonID == id } }
    public func indicator(_ id: String) -> IndicatorProgress? { indicators.first { $0.indicatorID == id } }
}

/// The class-wide picture of one indicator, pooled over all learners.
public struct IndicatorSummary: Sendable, Hashable, Codable {
    public var indicatorID: String
    /// Learners with at least one observation of the indicator.
    public var learners: Int
    /// Learners who have mastered it.
    public var learnersMastered: Int
    /// Pooled counts; `detection.hitRate` and `detection.falseAlarmRate` are the class rates.
    public var detection: SignalDetection

    public init(indicatorID: String, learners: Int, learnersMastered: Int, detection: SignalDetection) {
        self.indicatorID = indicatorID
        self.learners = learners
        self.learnersMastered = learnersMastered
        self.detection = detection
    }

    public var hitRate: Double? { detection.hitRate }
    public var falseAlarmRate: Double? { detection.falseAlarmRate }
}

/// How hard one question is for the class.
public struct QuestionDifficulty: Sendable, Hashable, Codable {
    public var scenarioID: String
    public var questionID: String
    /// Mean credit of the learners' first answers, 0...1.
    public var meanCredit: Double
    /// The number of first answers averaged: one per learner who answered the question.
    public var answerCount: Int
    /// First answers that chose an unsafe action.
    public var unsafeCount: Int

    public init(scenarioID: String, questionID: String, meanCredit: Double, answerCount: Int, unsafeCount: Int) {
        self.scenarioID = scenarioID
        self.questionID = questionID
        self.meanCredit = meanCredit
        self.answerCount = answerCount
        self.unsafeCount = unsafeCount
    }
}

/// Recomputes progress from answer events. Pure and deterministic.
///
/// Rules shared by every function here:
///
/// - Events are processed in time order, then by id.
/// - **Bank changes.** An event counts only if its scenario is in the bank, its `scenarioRev` equals the
///   scenario's current rev, and its question still exists. A bumped rev therefore starts the scenario
///   afresh: the older history is ignored here (but never deleted from the store). Events of scenarios
///   no longer in the bank are listed as retired.
/// - Answers are re-scored from the bank with the given policy; the credit stored in the event is not
///   used.
/// - Knowledge tracing and signal detection use every counted answer, re-queued repeats included: each
///   answer is an observation. Lesson results use first attempts only (``LessonScoring``).
public enum ProgressEngine {
    /// One learner's progress. Pass that learner's events only.
    ///
    /// **Lesson status.** Events with the lesson's id are grouped by attempt id (events without one form
    /// a group of their own) and each group is scored with ``LessonScoring``. An attempt is *finished*
    /// when its first pass reached the end of the lesson: every scenario is either fully answered, or has
    /// no answer and lies before the last answered scenario (it was skipped after its content note).
    /// Then:
    ///
    /// - `.passed` if **any** finished attempt passed: a pass is kept even if a later attempt scores lower;
    /// - otherwise, from the most recent attempt with answers: `.failed` if it is finished,
    ///   `.inProgress(percent:)` (answered questions / all questions × 100) if not;
    /// - `.new` if no attempt has answers.
    ///
    /// Skipping the very last scenario of a lesson leaves that attempt in progress, as the events cannot
    /// tell a skip from leaving.
    public static func progress(bank: Bank, events: [AnswerEvent], policy: ScoringPolicy = .standard) -> LearnerProgress {
        progressAndSplit(bank: bank, events: events, policy: policy).progress
    }

    /// ``progress(bank:events:policy:)`` and the partition it was computed from (the class report reads
    /// each learner's first answers from it, so a learner's events are sorted and split once).
    static func progressAndSplit(bank: Bank, events: [AnswerEvent], policy: ScoringPolicy) -> (progress: LearnerProgress, split: Partition) {
        let split = partition(bank: bank, events: events)
        var tracker = IndicatorTracker()
        var unsafeByAction: [ActionClass: Int] = [:]
        var unsafe = 0, actionAnswered = 0, actionCorrect = 0
        var scenariosSeen = Set<String>()

        for item in split.counted {
            let result = Scorer.score(item.question, chosen: Set(item.event.chosen), policy: policy)
            scenariosSeen.insert(item.scenario.id)
            switch item.question.kind {
            case .multi:
                tracker.observe(item.question, result: result)
            case .single:
                actionAnswered += 1
                if result.isCorrect { actionCorrect += 1 }
                if result.isUnsafe {
                    unsafe += 1
                    if let action = unsafeAction(item.question, result: result, event: item.event) {
                        unsafeByAction[action, default: 0] += 1
                    }
                }
            }
        }

        let indicatorIDs = allIndicatorIDs(bank)
        let indicators = indicatorIDs.map { tracker.progress(of: $0) }
        let taxonomy = Set(bank.indicators.map(\.id))
        let inTaxonomy = indicators.filter { taxonomy.contains($0.indicatorID) }
        let coverage = Coverage(
            scenariosSeen: bank.scenarios.filter { scenariosSeen.contains($0.id) }.count,
            scenariosTotal: bank.scenarios.count,
            indicatorsSeen: inTaxonomy.filter { $0.observations > 0 }.count,
            indicatorsMastered: inTaxonomy.filter(\.mastered).count,
            indicatorsTotal: bank.indicators.count)

        // One pass groups the counted events by lesson (in event order), instead of one pass per lesson.
        var byLesson: [String: [AnswerEvent]] = [:]
        for item in split.counted {
            if let lessonID = item.event.lessonID { byLesson[lessonID, default: []].append(item.event) }
        }
        let lessons = bank.lessons.map { lesson -> LessonProgress in
            var progress = lessonProgress(lesson, bank: bank, events: byLesson[lesson.id] ?? [], policy: policy)
            if progress.status != .passed, let stale = split.staleByLesson[lesson.id],
               passedBeforeChange(lesson, bank: bank, current: byLesson[lesson.id] ?? [], stale: stale, policy: policy) {
                progress.status = .changedSincePassed
            }
            return progress
        }

        let progress = LearnerProgress(
            lessons: lessons, indicators: indicators, overall: tracker.overall, unsafeChoices: unsafe,
            unsafeChoicesByAction: ActionClass.allCases.compactMap { a in
                unsafeByAction[a].map { ActionCount(action: a, count: $0) }
            },
            actionQuestionsAnswered: actionAnswered, actionQuestionsCorrect: actionCorrect, coverage: coverage,
            retiredScenarios: split.retired, setAsideEventCount: split.setAside)
        return (progress, split)
    }

    /// Per-indicator class figures over many learners' events (grouped by `learnerID`): pooled hits,
    /// misses, false alarms and correct rejections, the class hit rate and false-alarm rate, how many
    /// learners have seen and mastered each indicator. Same indicator order as ``progress(bank:events:policy:)``.
    public static func indicatorSummary(bank: Bank, events: [AnswerEvent],
                                        policy: ScoringPolicy = .standard) -> [IndicatorSummary] {
        let split = partition(bank: bank, events: events)
        var trackers: [String: IndicatorTracker] = [:]
        for item in split.counted where item.question.kind == .multi {
            let result = Scorer.score(item.question, chosen: Set(item.event.chosen), policy: policy)
            trackers[item.event.learnerID, default: IndicatorTracker()].observe(item.question, result: result)
        }
        let learners = trackers.keys.sorted()
        return allIndicatorIDs(bank).map { id in
            var pooled = SignalDetection()
            var seen = 0, mastered = 0
            for learner in learners {
                guard let p = trackers[learner]?.progress(of: id), p.observations > 0 else { continue }
                seen += 1
                if p.mastered { mastered += 1 }
                pooled = pooled + p.detection
            }
            return IndicatorSummary(indicatorID: id, learners: seen, learnersMastered: mastered, detection: pooled)
        }
    }

    /// Per (scenario, question): the mean credit of each learner's first answer (their earliest counted
    /// event for it, whatever the attempt) and how many learners answered; hardest (lowest mean) first,
    /// ties by more answers first, then scenario id and question id. Questions nobody answered are left out.
    public static func questionDifficulty(bank: Bank, events: [AnswerEvent],
                                          policy: ScoringPolicy = .standard) -> [QuestionDifficulty] {
        let split = partition(bank: bank, events: events)
        struct Learned: Hashable { var learner: String; var key: QuestionKey }
        var firstSeen = Set<Learned>()
        var sums: [QuestionKey: (credit: Double, count: Int, unsafe: Int)] = [:]
        for item in split.counted {
            let key = QuestionKey(scenarioID: item.scenario.id, questionID: item.question.id)
            guard firstSeen.insert(Learned(learner: item.event.learnerID, key: key)).inserted else { continue }
            let result = Scorer.score(item.question, chosen: Set(item.event.chosen), policy: policy)
            var entry = sums[key] ?? (0, 0, 0)
            entry.credit += result.credit
            entry.count += 1
            if result.isUnsafe { entry.unsafe += 1 }
            sums[key] = entry
        }
        return sums.map { key, value in
            QuestionDifficulty(scenarioID: key.scenarioID, questionID: key.questionID,
                               meanCredit: value.credit / Double(value.count), answerCount: value.count,
                               unsafeCount: value.unsafe)
        }.sorted { a, b in
            if a.meanCredit != b.meanCredit { return a.meanCredit < b.meanCredit }
            if a.answerCount != b.answerCount { return a.answerCount > b.answerCount }
            if a.scenarioID != b.scenarioID { return a.scenarioID < b.scenarioID }
            return a.questionID < b.questionID
        }
    }

    // MARK: - Internals

    struct Counted {
        var event: AnswerEvent
        var scenario: Scenario
        var question: Question
    }

    struct Partition {
        var counted: [Counted] = []
        var retired: [RetiredScenario] = []
        var setAside = 0
        /// Answers to an older rev of a scenario still in the bank, by lesson id (set aside from every figure, but
        /// they tell whether a lesson was passed before it changed).
        var staleByLesson: [String: [AnswerEvent]] = [:]
    }

    /// Sorts the events and splits them into counted, set aside (other rev or vanished question) and
    /// retired (scenario gone).
    static func partition(bank: Bank, events: [AnswerEvent]) -> Partition {
        var result = Partition()
        var retired: [String: (revs: Set<Int>, ids: [String])] = [:]
        for event in EventOrder.sorted(events) {
            guard let scenario = bank.scenario(event.scenarioID) else {
                var entry = retired[event.scenarioID] ?? ([], [])
                entry.revs.insert(event.scenarioRev)
                entry.ids.append(event.id)
                retired[event.scenarioID] = entry
                continue
            }
            guard scenario.rev == event.scenarioRev, let question = scenario.question(event.questionID) else {
                result.setAside += 1
                if let lessonID = event.lessonID { result.staleByLesson[lessonID, default: []].append(event) }
                continue
            }
            result.counted.append(Counted(event: event, scenario: scenario, question: question))
        }
        result.retired = retired.keys.sorted().map { id in
            RetiredScenario(scenarioID: id, revs: retired[id]?.revs.sorted() ?? [], eventIDs: retired[id]?.ids ?? [])
        }
        return result
    }

    /// Taxonomy indicators in bank order, then other ids used by scenario options, sorted.
    static func allIndicatorIDs(_ bank: Bank) -> [String] {
        var ids = bank.indicators.map(\.id)
        var known = Set(ids)
        var extra = Set<String>()
        for scenario in bank.scenarios {
            for question in scenario.questions where question.kind == .multi {
                for option in question.options {
                    for id in option.indicators + option.lookalikeOf where !known.contains(id) { extra.insert(id) }
                }
            }
        }
        ids += extra.sorted()
        known.formUnion(extra)
        return ids
    }

    /// The unsafe action of an unsafe single-choice answer: the picked option's, else the first unsafe
    /// option picked, else the action stored in the event.
    static func unsafeAction(_ question: Question, result: QuestionResult, event: AnswerEvent) -> ActionClass? {
        if let action = result.action, action.isUnsafe { return action }
        let chosen = Set(event.chosen)
        if let action = question.options.first(where: { chosen.contains($0.id) && $0.action?.isUnsafe == true })?.action {
            return action
        }
        return event.action
    }

    static func lessonProgress(_ lesson: Lesson, bank: Bank, counted: [Counted], policy: ScoringPolicy) -> LessonProgress {
        lessonProgress(lesson, bank: bank, events: counted.filter { $0.event.lessonID == lesson.id }.map(\.event), policy: policy)
    }

    /// `events`: the lesson's counted events, in event order.
    static func lessonProgress(_ lesson: Lesson, bank: Bank, events lessonEvents: [AnswerEvent], policy: ScoringPolicy) -> LessonProgress {
        // Group the lesson's events by attempt, attempts ordered by their first event.
        var order: [String?] = []
        var groups: [String?: [AnswerEvent]] = [:]
        for event in lessonEvents {
            let key = event.attemptID
            if groups[key] == nil { order.append(key) }
            groups[key, default: []].append(event)
        }
        if order.isEmpty {
            return LessonProgress(lessonID: lesson.id, status: .new, attempts: 0, bestScorePercent: nil, latest: nil)
        }
        let scenarios = EventOrder.lessonScenarios(lesson, bank: bank)
        var results: [(result: LessonResult, finished: Bool)] = []
        for key in order {
            // `counted` is already in event order, so each group is too.
            let attempt = AttemptScenes(scenarios: scenarios, bank: bank, events: groups[key] ?? [], sorted: true)
            let result = LessonScoring.result(lesson: lesson, scenarios: attempt.slots, firsts: attempt.firsts, policy: policy)
            guard result.answeredQuestions > 0 else { continue }
            results.append((result, isFinished(scenarios: attemptSlots(attempt, scenarios: scenarios, kind: lesson.kind, attemptID: key),
                                               firsts: attempt.firsts)))
        }
        guard let latest = results.last else {
            return LessonProgress(lessonID: lesson.id, status: .new, attempts: 0, bestScorePercent: nil, latest: nil)
        }
        let status: LessonStatus
        if results.contains(where: { $0.finished && $0.result.passed }) {
            status = .passed
        } else if latest.finished {
            status = .failed
        } else {
            let total = latest.result.totalQuestions
            status = .inProgress(percent: total > 0 ? Double(latest.result.answeredQuestions) / Double(total) * 100 : 0)
        }
        let best = results.filter(\.finished).map(\.result.scorePercent).max()
        return LessonProgress(lessonID: lesson.id, status: status, attempts: results.count, bestScorePercent: best,
                              latest: latest.result, firstScorePercent: results.first?.result.scorePercent)
    }

    /// Whether some attempt that holds answers to older revs passed at the revs it answered. The older questions are
    /// no longer in the bank, so each answer is judged by the current question with the same ids (a change of rev
    /// means the meaning changed; this is only used to say "changed since you passed", never to give a pass).
    static func passedBeforeChange(_ lesson: Lesson, bank: Bank, current: [AnswerEvent], stale: [AnswerEvent],
                                   policy: ScoringPolicy) -> Bool {
        let attempts = Set(stale.compactMap(\.attemptID))
        let scenarios = EventOrder.lessonScenarios(lesson, bank: bank)
        for attempt in attempts {
            let events = (current + stale).filter { $0.attemptID == attempt }.map { event -> AnswerEvent in
                var asIfCurrent = event
                asIfCurrent.scenarioRev = bank.scenario(event.scenarioID)?.rev ?? event.scenarioRev
                return asIfCurrent
            }
            let attempt = AttemptScenes(scenarios: scenarios, bank: bank, events: events, sorted: false)
            if LessonScoring.result(lesson: lesson, scenarios: attempt.slots, firsts: attempt.firsts, policy: policy).passed { return true }
        }
        return false
    }

    /// The lesson's scenes in the order one attempt showed them (``AttemptOrder``): as written for a final or an
    /// attempt without an id, else the attempt's own shuffle. Whether an attempt is finished depends on this order
    /// (a scene with no answer before the last one answered was skipped), never on the bank's.
    public static func attemptOrder(_ scenarios: [Scenario], kind: LessonKind, attemptID: String?) -> [Scenario] {
        guard let attemptID, !kind.isAssessment else { return scenarios }
        var byID: [String: Scenario] = [:]
        var ids: [String] = []
        for scenario in scenarios where !scenario.questions.isEmpty && byID[scenario.id] == nil {
            byID[scenario.id] = scenario
            ids.append(scenario.id)
        }
        return AttemptOrder.scenes(ids, kind: kind, attemptID: attemptID).compactMap { byID[$0] }
    }

    /// An attempt's places (``AttemptScenes/slots``: a lesson scene, or the alternate that took its place) in the
    /// order the attempt showed them (``attemptOrder(_:kind:attemptID:)``); `scenarios` are the lesson's scenes
    /// the slots were made from.
    static func attemptSlots(_ attempt: AttemptScenes, scenarios: [Scenario], kind: LessonKind, attemptID: String?) -> [Scenario] {
        let order = attemptOrder(scenarios, kind: kind, attemptID: attemptID)
        var position: [String: Int] = [:]
        for (index, scenario) in order.enumerated() where position[scenario.id] == nil { position[scenario.id] = index }
        return zip(scenarios, attempt.slots).enumerated()
            .sorted { a, b in
                let pa = position[a.element.0.id] ?? Int.max, pb = position[b.element.0.id] ?? Int.max
                return pa != pb ? pa < pb : a.offset < b.offset
            }
            .map(\.element.1)
    }

    /// Whether one attempt (`events`, all of one attempt of `lesson`) is finished: its first pass reached the end of
    /// the lesson in the attempt's own order (see ``progress(bank:events:policy:)``); a place filled by an alternate
    /// (``AttemptScenes``) counts as the scene it replaced.
    public static func isFinished(lesson: Lesson, bank: Bank, attemptID: String?, events: [AnswerEvent]) -> Bool {
        let scenarios = EventOrder.lessonScenarios(lesson, bank: bank)
        let attempt = AttemptScenes(scenarios: scenarios, bank: bank, events: events, sorted: false)
        return isFinished(scenarios: attemptSlots(attempt, scenarios: scenarios, kind: lesson.kind, attemptID: attemptID),
                          firsts: attempt.firsts)
    }

    static func isFinished(scenarios: [Scenario], firsts: [QuestionKey: AnswerEvent]) -> Bool {
        var answered: [String: Int] = [:]
        for key in firsts.keys { answered[key.scenarioID, default: 0] += 1 }
        guard let lastAnswered = scenarios.lastIndex(where: { (answered[$0.id] ?? 0) > 0 }) else { return false }
        for (index, scenario) in scenarios.enumerated() {
            let count = answered[scenario.id] ?? 0
            if count == scenario.questions.count { continue }           // fully answered (or no questions)
            if count == 0 && index < lastAnswered { continue }           // skipped
            return false
        }
        return true
    }
}

/// Signal detection and knowledge tracing per indicator for one learner.
struct IndicatorTracker {
    var overall = SignalDetection()
    var detection: [String: SignalDetection] = [:]
    var known: [String: Double] = [:]

    /// Takes the observations of one scored multi-select answer (see ``KnowledgeTracing``).
    mutating func observe(_ question: Question, result: QuestionResult) {
        overall.add(result)
        let ticked = Set(result.hits + result.falseAlarms)
        for option in question.options {
            let isTicked = ticked.contains(option.id)
            if option.isCorrect {
                for id in unique(option.indicators) {
                    detection[id, default: SignalDetection()].addSignal(ticked: isTicked)
                    known[id] = KnowledgeTracing.update(known[id] ?? KnowledgeTracing.initial, correct: isTicked)
                }
            } else {
                for id in unique(option.lookalikeOf) {
                    detection[id, default: SignalDetection()].addNoise(ticked: isTicked)
                    known[id] = KnowledgeTracing.update(known[id] ?? KnowledgeTracing.initial, correct: !isTicked)
                }
            }
        }
    }

    func progress(of id: String) -> IndicatorProgress {
        let d = detection[id] ?? SignalDetection()
        let p = known[id] ?? KnowledgeTracing.initial
        return IndicatorProgress(indicatorID: id, observations: d.observations, pKnown: p,
                                 mastered: KnowledgeTracing.isMastered(known: p, detection: d),
                                 detection: d)
    }

    private func unique(_ ids: [String]) -> [String] {
        var seen = Set<String>()
        return ids.filter { seen.insert($0).inserted }
    }
}
