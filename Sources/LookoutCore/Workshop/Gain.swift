/// Did the class get better at telling trafficking from ordinary hardship, without learning to suspect everyone?
/// The gain from the first lesson of a track to its final. Pure: computed from the bank, the learners and their
/// events; nothing is stored.
///
/// Definitions:
///
/// - **Track.** Lessons of one audience (police, school, hospitality, mixed). Its *first* lesson is the first lesson
///   of the audience with `kind: intro` in bank order, its *final* the first with `kind: final`. A track needs both.
/// - **Before and after.** For each learner, *before* is their **first** attempt at the intro (the attempt whose
///   earliest counted answer is earliest), *after* their **latest** attempt at the final. Within an attempt only
///   first-pass answers count (a scene brought back for another try is left out) and the first answer to each
///   question. Events count as in ``ProgressEngine`` (scenario in the bank at the same rev, question still there)
///   and must pass the filter's `since` (the lesson filter is ignored: the gain always compares two lessons).
/// - **Figures.** Every true sign and look-alike shown in the multi-select questions of the attempt gives the
///   ``SignalDetection`` (hit rate, false-alarm rate, d′, c; d′ and c need at least five decisions, one of each
///   kind); `unsafeChoices` counts "what do you do?" answers that chose an unsafe action, of `actionAnswers`.
/// - **Class.** Pooled over the learners who have both a before and an after (`paired`): their hits, misses, false
///   alarms and correct rejections are added up, then the rates, d′ and c are computed from the sums; unsafe choices
///   are added up. Learners with only one side are listed but left out of the class figures.
/// - **Distribution.** `dPrimeChanges`: for each paired learner with d′ on both sides, d′ after − d′ before, in
///   learner order.
public struct Gain: Sendable, Hashable, Codable {
    public struct Figures: Sendable, Hashable, Codable {
        public var detection: SignalDetection
        public var unsafeChoices: Int
        public var actionAnswers: Int

        public init(detection: SignalDetection, unsafeChoices: Int, actionAnswers: Int) {
            self.detection = detection
            self.unsafeChoices = unsafeChoices
            self.actionAnswers = actionAnswers
        }

        public static func + (a: Figures, b: Figures) -> Figures {
            Figures(detection: a.detection + b.detection, unsafeChoices: a.unsafeChoices + b.unsafeChoices,
                    actionAnswers: a.actionAnswers + b.actionAnswers)
        }
    }

    public struct LearnerRow: Sendable, Hashable, Codable {
        public var learnerID: String
        public var name: String
        public var before: Figures?
        public var after: Figures?

        public init(learnerID: String, name: String, before: Figures?, after: Figures?) {
            self.learnerID = learnerID
            self.name = name
            self.before = before
            self.after = after
        }

        public var isPaired: Bool { before != nil && after != nil }
    }

    public struct TrackGain: Sendable, Hashable, Codable {
        /// The audience's name: police, school, hospitality or mixed.
        public var audience: String
        public var introLessonID: String
        public var introTitle: String
        public var finalLessonID: String
        public var finalTitle: String
        /// Learners (in the order given) with an attempt at the intro or the final.
        public var learners: [LearnerRow]
        /// Pooled over the paired learners; nil when nobody is paired.
        public var classBefore: Figures?
        public var classAfter: Figures?
        public var paired: Int
        public var dPrimeChanges: [Double]

        public init(audience: String, introLessonID: String, introTitle: String, finalLessonID: String,
                    finalTitle: String, learners: [LearnerRow], classBefore: Figures?, classAfter: Figures?,
                    paired: Int, dPrimeChanges: [Double]) {
            self.audience = audience
            self.introLessonID = introLessonID
            self.introTitle = introTitle
            self.finalLessonID = finalLessonID
            self.finalTitle = finalTitle
            self.learners = learners
            self.classBefore = classBefore
            self.classAfter = classAfter
            self.paired = paired
            self.dPrimeChanges = dPrimeChanges
        }
    }

    /// Tracks with an intro and a final, in ``Track`` order; a track nobody started is still listed (no learners).
    public var tracks: [TrackGain]

    public init(tracks: [TrackGain]) { self.tracks = tracks }

    public static func make(bank: Bank, learners: [Learner], events: [AnswerEvent],
                            filter: ClassReportFilter = ClassReportFilter(),
                            policy: ScoringPolicy = .standard) -> Gain {
        let since = ClassReportFilter(lessonID: nil, since: filter.since)
        let known = Set(learners.map(\.id))
        var byLearnerLesson: [String: [String: [AnswerEvent]]] = [:]
        for event in EventOrder.sorted(events) where known.contains(event.learnerID) && since.includes(event) {
            guard let lessonID = event.lessonID, let scenario = bank.scenario(event.scenarioID),
                  scenario.rev == event.scenarioRev, scenario.question(event.questionID) != nil else { continue }
            byLearnerLesson[event.learnerID, default: [:]][lessonID, default: []].append(event)
        }

        var tracks: [TrackGain] = []
        for track in Track.allCases {
            let lessons = bank.lessons.filter { $0.audience == track.audience }
            guard let intro = lessons.first(where: { $0.kind == .intro }),
                  let final = lessons.first(where: { $0.kind == .final }) else { continue }
            var rows: [LearnerRow] = []
            var classBefore: Figures?, classAfter: Figures?
            var changes: [Double] = []
            for learner in learners {
                let own = byLearnerLesson[learner.id] ?? [:]
                let before = attempts(own[intro.id] ?? []).first.map { figures($0, bank: bank, policy: policy) }
                let after = attempts(own[final.id] ?? []).last.map { figures($0, bank: bank, policy: policy) }
                guard before != nil || after != nil else { continue }
                rows.append(LearnerRow(learnerID: learner.id, name: learner.name, before: before, after: after))
                if let before, let after {
                    classBefore = classBefore.map { $0 + before } ?? before
                    classAfter = classAfter.map { $0 + after } ?? after
                    if let b = before.detection.dPrime, let a = after.detection.dPrime { changes.append(a - b) }
                }
            }
            tracks.append(TrackGain(audience: track.audience.rawValue, introLessonID: intro.id, introTitle: intro.title,
                                    finalLessonID: final.id, finalTitle: final.title, learners: rows,
                                    classBefore: classBefore, classAfter: classAfter,
                                    paired: rows.filter(\.isPaired).count, dPrimeChanges: changes))
        }
        return Gain(tracks: tracks)
    }

    /// A lesson's events (sorted) grouped by attempt, attempts in the order of their first event.
    static func attempts(_ events: [AnswerEvent]) -> [[AnswerEvent]] {
        var order: [String?] = []
        var groups: [String?: [AnswerEvent]] = [:]
        for event in events {
            if groups[event.attemptID] == nil { order.append(event.attemptID) }
            groups[event.attemptID, default: []].append(event)
        }
        return order.map { groups[$0] ?? [] }
    }

    /// The figures of one attempt: first-pass, first answer per question.
    static func figures(_ attempt: [AnswerEvent], bank: Bank, policy: ScoringPolicy) -> Figures {
        var detection = SignalDetection()
        var unsafe = 0, actions = 0
        var seen = Set<String>()
        for event in attempt where !event.isRepeat {
            guard seen.insert(event.scenarioID + "\u{1F}" + event.questionID).inserted,
                  let question = bank.scenario(event.scenarioID)?.question(event.questionID) else { continue }
            let result = Scorer.score(question, chosen: Set(event.chosen), policy: policy)
            switch question.kind {
            case .multi:
                detection.add(result)
            case .single:
                actions += 1
                if result.isUnsafe { unsafe += 1 }
            }
        }
        return Figures(detection: detection, unsafeChoices: unsafe, actionAnswers: actions)
    }
}
