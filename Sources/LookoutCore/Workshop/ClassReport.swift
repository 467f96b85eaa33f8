/// Which answers a class report counts.
public struct ClassReportFilter: Sendable, Hashable, Codable {
    /// Only answers given inside this lesson (`AnswerEvent.lessonID`); nil for every answer.
    public var lessonID: String?
    /// Only answers given at or after this time (milliseconds since 1970); nil for all time.
    public var since: Int64?

    public init(lessonID: String? = nil, since: Int64? = nil) {
        self.lessonID = lessonID
        self.since = since
    }

    public func includes(_ event: AnswerEvent) -> Bool {
        if let lessonID, event.lessonID != lessonID { return false }
        if let since, event.time < since { return false }
        return true
    }
}

/// The class view of a facilitator's debrief: one row per learner, one per indicator (worst first) and
/// the hardest questions per scenario. Pure: computed from the bank, the learners and their answer
/// events with ``ProgressEngine``; nothing is stored.
///
/// Definitions (every figure is recomputed from the events in scope, see ``ClassReportFilter``; with a
/// `since` date, an attempt begun before it is judged on its later answers alone):
///
/// - **Learner.** `lessonsPassed` / `lessonsStarted`: lessons (only the filtered lesson, if any) whose
///   ``LessonStatus`` is `.passed` / anything but `.new`. `scorePercent`: the mean, over the lessons
///   started, of the best finished attempt's score, or the latest attempt's score when none is
///   finished; nil when no lesson was started. Hits, misses, false alarms, correct rejections and the
///   raw hit rate h/S and false-alarm rate f/N: ``LearnerProgress/overall`` (every counted multi-select
///   answer, repeats included). `unsafeChoices`: ``LearnerProgress/unsafeChoices``. `answers`: the
///   learner's events in scope, counted or not.
/// - **Indicator.** ``ProgressEngine/indicatorSummary(bank:events:policy:)``: pooled over learners,
///   hits and misses on true signs showing the indicator, false alarms and correct rejections on its
///   look-alikes. `wrongRate` = (misses + false alarms) / all those decisions: the share of the class's
///   decisions about the indicator that were mistakes. Rows are the indicators with at least one
///   decision, worst first: highest `wrongRate`, then more decisions, then id. Indicators of the
///   taxonomy nobody met are listed in `unseenIndicators`.
/// - **Questions.** ``ProgressEngine/questionDifficulty(bank:events:policy:)``: each learner's first
///   answer per question, averaged. Scenarios are ordered by their hardest question; each lists its
///   answered questions hardest first.
public struct ClassReport: Sendable, Hashable, Codable {
    public struct LearnerRow: Sendable, Hashable, Codable {
        public var learnerID: String
        public var name: String
        public var lessonsPassed: Int
        public var lessonsStarted: Int
        public var scorePercent: Double?
        public var hits: Int, misses: Int, falseAlarms: Int, correctRejections: Int
        public var hitRate: Double?
        public var falseAlarmRate: Double?
        public var unsafeChoices: Int
        public var answers: Int
        /// Scenes the learner skipped after their content note (``AttemptScenes/skipped(of:)``), each once, in lesson
        /// order. Private: only the facilitator's protected views show them (an anonymised report has none), and a
        /// skip may be a reason to check in privately, never a failure.
        public var skipped: [SkippedScene] = []

        public init(learnerID: String, name: String, lessonsPassed: Int, lessonsStarted: Int, scorePercent: Double?,
                    hits: Int, misses: Int, falseAlarms: Int, correctRejections: Int, hitRate: Double?,
                    falseAlarmRate: Double?, unsafeChoices: Int, answers: Int) {
            self.learnerID = learnerID
            self.name = name
            self.lessonsPassed = lessonsPassed
            self.lessonsStarted = lessonsStarted
            self.scorePercent = scorePercent
            self.hits = hits
            self.misses = misses
            self.falseAlarms = falseAlarms
            self.correctRejections = correctRejections
            self.hitRate = hitRate
            self.falseAlarmRate = falseAlarmRate
            self.unsafeChoices = unsafeChoices
            self.answers = answers
        }
    }

    /// A scene a learner skipped after its content note, in a lesson.
    public struct SkippedScene: Sendable, Hashable, Codable {
        public var lessonID: String
        public var scenarioID: String
        public var title: String
        /// The alternate (`alternate-for:`) the learner answered in its place, if any.
        public var alternateID: String?
    }

    public struct IndicatorRow: Sendable, Hashable, Codable {
        public var indicatorID: String
        /// The taxonomy title, or the id for an indicator the taxonomy lacks.
        public var title: String
        /// The taxonomy category's name, nil for an indicator the taxonomy lacks.
        public var category: String?
        /// Learners who met the indicator, and those who have mastered it.
        public var learners: Int, learnersMastered: Int
        public var hits: Int, misses: Int, falseAlarms: Int, correctRejections: Int
        public var hitRate: Double?
        public var falseAlarmRate: Double?
        public var wrongRate: Double
        public var decisions: Int { hits + misses + falseAlarms + correctRejections }

        public init(indicatorID: String, title: String, category: String?, learners: Int, learnersMastered: Int,
                    hits: Int, misses: Int, falseAlarms: Int, correctRejections: Int, hitRate: Double?,
                    falseAlarmRate: Double?, wrongRate: Double) {
            self.indicatorID = indicatorID
            self.title = title
            self.category = category
            self.learners = learners
            self.learnersMastered = learnersMastered
            self.hits = hits
            self.misses = misses
            self.falseAlarms = falseAlarms
            self.correctRejections = correctRejections
            self.hitRate = hitRate
            self.falseAlarmRate = falseAlarmRate
            self.wrongRate = wrongRate
        }
    }

    public struct QuestionRow: Sendable, Hashable, Codable {
        public var scenarioID: String
        public var questionID: String
        public var kind: QuestionKind
        public var prompt: String
        /// Mean credit of the learners' first answers, 0...1.
        public var meanCredit: Double
        public var answers: Int
        public var unsafeChoices: Int

        public init(scenarioID: String, questionID: String, kind: QuestionKind, prompt: String, meanCredit: Double,
                    answers: Int, unsafeChoices: Int) {
            self.scenarioID = scenarioID
            self.questionID = questionID
            self.kind = kind
            self.prompt = prompt
            self.meanCredit = meanCredit
            self.answers = answers
            self.unsafeChoices = unsafeChoices
        }
    }

    public struct ScenarioRow: Sendable, Hashable, Codable {
        public var scenarioID: String
        public var title: String
        /// Hardest first; never empty.
        public var questions: [QuestionRow]

        /// `questions` must not be empty.
        public init(scenarioID: String, title: String, questions: [QuestionRow]) {
            self.scenarioID = scenarioID
            self.title = title
            self.questions = questions
        }

        public var hardest: QuestionRow { questions[0] }
    }

    public var filter: ClassReportFilter
    public var learners: [LearnerRow]
    /// Worst first.
    public var indicators: [IndicatorRow]
    /// Taxonomy indicators with no decision in scope, in bank order.
    public var unseenIndicators: [String]
    /// Ordered by their hardest question, hardest first.
    public var scenarios: [ScenarioRow]
    /// Events in scope, over all learners.
    public var answers: Int
    /// Learners with at least one event in scope.
    public var activeLearners: Int

    public init(filter: ClassReportFilter, learners: [LearnerRow], indicators: [IndicatorRow],
                unseenIndicators: [String], scenarios: [ScenarioRow], answers: Int, activeLearners: Int) {
        self.filter = filter
        self.learners = learners
        self.indicators = indicators
        self.unseenIndicators = unseenIndicators
        self.scenarios = scenarios
        self.answers = answers
        self.activeLearners = activeLearners
    }

    /// Builds the report. `learners` gives the rows and their order; events of learners not in the
    /// list are left out.
    public static func make(bank: Bank, learners: [Learner], events: [AnswerEvent],
                            filter: ClassReportFilter = ClassReportFilter(),
                            policy: ScoringPolicy = .standard) -> ClassReport {
        var byLearner: [String: [AnswerEvent]] = [:]
        for learner in learners { byLearner[learner.id] = [] }
        for event in events where byLearner[event.learnerID] != nil { byLearner[event.learnerID, default: []].append(event) }
        let parts = learners.map { learner in
            LearnerPart(bank: bank, learner: learner, events: byLearner[learner.id] ?? [], filter: filter, policy: policy)
        }
        return assemble(bank: bank, parts: parts, filter: filter)
    }

    /// One learner's share of the report, computed from that learner's events alone (so a large class can
    /// be read and scored one learner at a time, on several cores): the learner's row, the indicators the
    /// learner met, and the learner's first answer to each question. ``assemble(bank:parts:filter:)``
    /// pools the parts into the same report ``make(bank:learners:events:filter:policy:)`` gives.
    public struct LearnerPart: Sendable {
        /// An indicator the learner met: its place in the engine's indicator order, mastery and counts.
        struct Met: Sendable {
            var index: Int
            var mastered: Bool
            var detection: SignalDetection
        }

        /// The learner's first counted answer to a question.
        struct First: Sendable {
            var key: QuestionKey
            var time: Int64
            var eventID: String
            var credit: Double
            var unsafe: Bool
        }

        public var row: LearnerRow
        var met: [Met]
        var firsts: [First]

        /// `events`: the learner's events (any order, any filter: the part keeps those `filter` includes).
        public init(bank: Bank, learner: Learner, events: [AnswerEvent], filter: ClassReportFilter,
                    policy: ScoringPolicy = .standard) {
            let own = events.filter { $0.learnerID == learner.id && filter.includes($0) }
            let (progress, split) = ProgressEngine.progressAndSplit(bank: bank, events: own, policy: policy)
            let lessons = progress.lessons.filter { filter.lessonID == nil || $0.lessonID == filter.lessonID }
            var passed = 0, started = 0, scoreSum = 0.0
            for lesson in lessons {
                if lesson.status == .passed { passed += 1 }
                guard lesson.status != .new, let latest = lesson.latest else { continue }
                started += 1
                scoreSum += lesson.bestScorePercent ?? latest.scorePercent
            }
            let d = progress.overall
            row = LearnerRow(learnerID: learner.id, name: learner.name, lessonsPassed: passed,
                             lessonsStarted: started, scorePercent: started > 0 ? scoreSum / Double(started) : nil,
                             hits: d.hits, misses: d.misses, falseAlarms: d.falseAlarms,
                             correctRejections: d.correctRejections, hitRate: d.hitRate,
                             falseAlarmRate: d.falseAlarmRate, unsafeChoices: progress.unsafeChoices,
                             answers: own.count)
            row.skipped = ClassReport.skipped(bank: bank, counted: split.counted.map(\.event), lessons: lessons.map(\.lessonID))
            met = progress.indicators.enumerated().compactMap { index, p in
                p.observations > 0 ? Met(index: index, mastered: p.mastered, detection: p.detection) : nil
            }
            // The first counted answer per question, in the engine's event order (time, then id).
            var seen = Set<QuestionKey>()
            var firsts: [First] = []
            for item in split.counted {
                let key = QuestionKey(scenarioID: item.scenario.id, questionID: item.question.id)
                guard seen.insert(key).inserted else { continue }
                let result = Scorer.score(item.question, chosen: Set(item.event.chosen), policy: policy)
                firsts.append(First(key: key, time: item.event.time, eventID: item.event.id, credit: result.credit,
                                    unsafe: result.isUnsafe))
            }
            self.firsts = firsts
        }
    }

    /// Scenes skipped after their content note in the attempts of `lessons` (each scene once per lesson).
    public static func skipped(bank: Bank, counted events: [AnswerEvent], lessons: [String]) -> [SkippedScene] {
        var result: [SkippedScene] = []
        for lessonID in lessons {
            guard let lesson = bank.lesson(lessonID) else { continue }
            let scenarios = EventOrder.lessonScenarios(lesson, bank: bank)
            guard scenarios.contains(where: { $0.contentNote != nil }) else { continue }
            var order: [String?] = [], groups: [String?: [AnswerEvent]] = [:]
            for event in events where event.lessonID == lessonID {
                if groups[event.attemptID] == nil { order.append(event.attemptID) }
                groups[event.attemptID, default: []].append(event)
            }
            var seen = Set<String>()
            let playable = scenarios.filter { !$0.questions.isEmpty }.map(\.id)
            for key in order {
                let attempt = AttemptScenes(scenarios: scenarios, bank: bank, events: groups[key] ?? [], sorted: true)
                // The order the trainer showed the scenes in (it shuffles intro and practice lessons per attempt).
                let shown = key.map { AttemptOrder.scenes(playable, kind: lesson.kind, attemptID: $0) }
                for id in attempt.skipped(of: scenarios, shown: shown) where seen.insert(id).inserted {
                    result.append(SkippedScene(lessonID: lessonID, scenarioID: id, title: bank.scenario(id)?.title ?? id,
                                               alternateID: attempt.replaced[id]))
                }
            }
        }
        return result
    }

    /// Pools learners' parts (in row order) into the report. The figures are those of
    /// ``ProgressEngine/indicatorSummary(bank:events:policy:)`` and
    /// ``ProgressEngine/questionDifficulty(bank:events:policy:)``: counts are pooled over learners and
    /// each question's credits are summed in the class's event order (time, then id), as those do.
    public static func assemble(bank: Bank, parts: [LearnerPart], filter: ClassReportFilter) -> ClassReport {
        let indicatorIDs = ProgressEngine.allIndicatorIDs(bank)
        var pooled = [SignalDetection](repeating: SignalDetection(), count: indicatorIDs.count)
        var seen = [Int](repeating: 0, count: indicatorIDs.count)
        var masteredCount = [Int](repeating: 0, count: indicatorIDs.count)
        var answers = 0, active = 0
        var firsts: [LearnerPart.First] = []
        for part in parts {
            answers += part.row.answers
            if part.row.answers > 0 { active += 1 }
            for m in part.met {
                seen[m.index] += 1
                if m.mastered { masteredCount[m.index] += 1 }
                pooled[m.index] = pooled[m.index] + m.detection
            }
            firsts.append(contentsOf: part.firsts)
        }

        var indicatorRows: [IndicatorRow] = []
        var unseen: [String] = []
        for (index, id) in indicatorIDs.enumerated() {
            let d = pooled[index]
            guard d.observations > 0 else {
                if bank.indicator(id) != nil { unseen.append(id) }
                continue
            }
            let taxonomy = bank.indicator(id)
            indicatorRows.append(IndicatorRow(
                indicatorID: id, title: taxonomy?.title ?? id,
                category: taxonomy?.category.rawValue, learners: seen[index], learnersMastered: masteredCount[index],
                hits: d.hits, misses: d.misses, falseAlarms: d.falseAlarms, correctRejections: d.correctRejections,
                hitRate: d.hitRate, falseAlarmRate: d.falseAlarmRate,
                wrongRate: Double(d.misses + d.falseAlarms) / Double(d.observations)))
        }
        indicatorRows.sort { a, b in
            if a.wrongRate != b.wrongRate { return a.wrongRate > b.wrongRate }
            if a.decisions != b.decisions { return a.decisions > b.decisions }
            return a.indicatorID < b.indicatorID
        }

        // Question difficulty: sum in the class's event order, as ProgressEngine.questionDifficulty does.
        firsts.sort { a, b in a.time != b.time ? a.time < b.time : a.eventID < b.eventID }
        var sums: [QuestionKey: (credit: Double, count: Int, unsafe: Int)] = [:]
        for first in firsts {
            var entry = sums[first.key] ?? (0, 0, 0)
            entry.credit += first.credit
            entry.count += 1
            if first.unsafe { entry.unsafe += 1 }
            sums[first.key] = entry
        }
        let difficulty = sums.map { key, value in
            QuestionDifficulty(scenarioID: key.scenarioID, questionID: key.questionID,
                               meanCredit: value.credit / Double(value.count), answerCount: value.count,
                               unsafeCount: value.unsafe)
        }.sorted { a, b in
            if a.meanCredit != b.meanCredit { return a.meanCredit < b.meanCredit }
            if a.answerCount != b.answerCount { return a.answerCount > b.answerCount }
            if a.scenarioID != b.scenarioID { return a.scenarioID < b.scenarioID }
            return a.questionID < b.questionID
        }

        var scenarioOrder: [String] = []
        var questionsByScenario: [String: [QuestionRow]] = [:]
        for q in difficulty {
            guard let scenario = bank.scenario(q.scenarioID), let question = scenario.question(q.questionID) else { continue }
            if questionsByScenario[q.scenarioID] == nil { scenarioOrder.append(q.scenarioID) }
            questionsByScenario[q.scenarioID, default: []].append(QuestionRow(
                scenarioID: q.scenarioID, questionID: q.questionID, kind: question.kind, prompt: question.prompt,
                meanCredit: q.meanCredit, answers: q.answerCount, unsafeChoices: q.unsafeCount))
        }
        let scenarioRows = scenarioOrder.compactMap { id -> ScenarioRow? in
            guard let questions = questionsByScenario[id], !questions.isEmpty else { return nil }
            return ScenarioRow(scenarioID: id, title: bank.scenario(id)?.title ?? id, questions: questions)
        }

        return ClassReport(filter: filter, learners: parts.map(\.row), indicators: indicatorRows, unseenIndicators: unseen,
                           scenarios: scenarioRows, answers: answers, activeLearners: active)
    }
}
