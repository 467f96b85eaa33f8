/// "Practise my weak signs": a practice lesson assembled for one learner from their own history. Pure and
/// deterministic: the same bank, history, time and seed always give the same lesson.
///
/// **Leitner boxes (spacing between sessions).** Every scene of the bank is in a box for the learner, worked out from
/// their answers: box 0 = never answered. Each attempt in which the learner answered the scene (first pass, at the
/// scene's current rev) is one session of it, in time order: answered well (every question right, as
/// ``LessonQueue/answeredWell(_:)``) moves it up one box (from box 0 or 1 straight to box 2; at most ``topBox``),
/// answered badly puts it back in box 1.
/// A scene in box *b* is due again ``intervalDays``[*b*] days after its last session: box 1 at once (the next
/// review), box 2 after 1 day, box 3 after 3, box 4 after 7, box 5 after 14.
///
/// **Which scenes.** Candidates are the scenes of the track's audience (every scene for the mixed track) that have
/// questions, are not part of a final (kind `final`) lesson nor an alternate of a final's scene (`alternate-for:`), so
/// that practice never uses up the assessment, and are
/// due: never seen (box 0), answered badly last time (box 1), or waited out their box's interval.
///
/// **Which signs.** From the learner's knowledge tracing (``ProgressEngine``): *weak* indicators are those of the
/// taxonomy not mastered, weighted by 1 − P(L); *over-flagged* indicators are those whose look-alikes the learner
/// ticked more often than ``KnowledgeTracing/maximumFalseAlarmRate``, weighted by their false-alarm rate.
///
/// **Score of a scene.** The sum of the weights of the weak indicators among its true signs, plus the sum of the
/// weights of the over-flagged indicators among its look-alikes, plus 1 if it was answered badly last time, plus
/// 0.25 if it was never seen. Scenes are taken highest score first; equal scores are ordered by a hash of the seed and
/// the scene id (so the seed decides ties, nothing else).
///
/// **The lesson.** First the best ``ordinaryScenes`` scenes without trafficking (always at least that many when the
/// candidates have them, so that over-flagging is practised and measured), then the best of the rest, up to
/// ``sceneCount`` in all. The lesson has kind `practice`, the bank's usual pass mark (the most common pass mark of its
/// practice lessons, the lower on a tie, 70 when it has none), the track's audience and the id `review-<date>`.
public enum ReviewLesson {
    public static let sceneCount = 6
    public static let ordinaryScenes = 2
    public static let topBox = 5
    /// Days a scene waits in each box before it is due again (index = box; box 0 is never seen).
    public static let intervalDays = [0, 0, 1, 3, 7, 14]
    static let dayMilliseconds: Int64 = 86_400_000

    /// One scene's place in the Leitner boxes.
    public struct SceneState: Sendable, Hashable {
        public var box: Int
        /// The time of the last session, nil when never answered.
        public var lastSession: Int64?
        public var lastWell: Bool?

        public init(box: Int = 0, lastSession: Int64? = nil, lastWell: Bool? = nil) {
            self.box = box
            self.lastSession = lastSession
            self.lastWell = lastWell
        }

        /// Whether the scene is due at `now`.
        public func isDue(now: Int64) -> Bool {
            guard let lastSession, box > 0 else { return true }
            let days = ReviewLesson.intervalDays[min(box, ReviewLesson.intervalDays.count - 1)]
            return now - lastSession >= Int64(days) * ReviewLesson.dayMilliseconds
        }
    }

    public struct Plan: Sendable, Hashable {
        public var lesson: Lesson
        /// Weak indicators (not mastered), weakest first, among those the chosen scenes show as true signs.
        public var weakIndicators: [String]
        /// Over-flagged indicators, most over-flagged first, among the chosen scenes' look-alikes.
        public var overflaggedIndicators: [String]
        /// The box of each chosen scene.
        public var boxes: [String: Int]

        public init(lesson: Lesson, weakIndicators: [String], overflaggedIndicators: [String], boxes: [String: Int]) {
            self.lesson = lesson
            self.weakIndicators = weakIndicators
            self.overflaggedIndicators = overflaggedIndicators
            self.boxes = boxes
        }

        /// Every indicator the lesson targets.
        public var targets: [String] { weakIndicators + overflaggedIndicators.filter { !weakIndicators.contains($0) } }
    }

    /// The Leitner state of every scene the learner answered (scenes absent are in box 0).
    public static func boxes(bank: Bank, events: [AnswerEvent], policy: ScoringPolicy = .standard) -> [String: SceneState] {
        struct Session { var time: Int64; var results: [QuestionResult]; var answered: Set<String> }
        var order: [String] = []
        var sessions: [String: Session] = [:]
        for event in EventOrder.sorted(events) where !event.isRepeat {
            guard let scenario = bank.scenario(event.scenarioID), scenario.rev == event.scenarioRev,
                  let question = scenario.question(event.questionID) else { continue }
            let key = scenario.id + "\u{1F}" + (event.attemptID ?? "event:" + event.id)
            var session = sessions[key] ?? Session(time: event.time, results: [], answered: [])
            if sessions[key] == nil { order.append(key) }
            guard session.answered.insert(question.id).inserted else { continue }
            session.results.append(Scorer.score(question, chosen: Set(event.chosen), policy: policy))
            session.time = max(session.time, event.time)
            sessions[key] = session
        }
        var states: [String: SceneState] = [:]
        for key in order {
            guard let session = sessions[key] else { continue }
            let scenarioID = String(key.prefix { $0 != "\u{1F}" })
            var state = states[scenarioID] ?? SceneState()
            let well = LessonQueue.answeredWell(session.results)
            state.box = well ? min(topBox, max(2, state.box + 1)) : 1
            state.lastSession = session.time
            state.lastWell = well
            states[scenarioID] = state
        }
        return states
    }

    /// The review lesson for a learner on a track, or nil when no scene is due.
    /// - Parameters:
    ///   - events: the learner's own events.
    ///   - now: the time (ms since 1970), for the Leitner intervals.
    ///   - date: the day, for the lesson id.
    ///   - seed: decides ties between scenes of equal score.
    public static func make(bank: Bank, audience: LessonAudience, events: [AnswerEvent], now: Int64, date: CalendarDate,
                            seed: UInt64, policy: ScoringPolicy = .standard) -> Plan? {
        let progress = ProgressEngine.progress(bank: bank, events: events, policy: policy)
        let taxonomy = Set(bank.indicators.map(\.id))
        var weak: [String: Double] = [:]
        var overflagged: [String: Double] = [:]
        for indicator in progress.indicators where taxonomy.contains(indicator.indicatorID) {
            if !indicator.mastered { weak[indicator.indicatorID] = 1 - indicator.pKnown }
            if let rate = indicator.falseAlarmRate, indicator.falseAlarms > 0, rate > KnowledgeTracing.maximumFalseAlarmRate {
                overflagged[indicator.indicatorID] = rate
            }
        }
        let states = boxes(bank: bank, events: events, policy: policy)
        var inFinal = Set<String>()
        for lesson in bank.lessons where lesson.kind == .final { inFinal.formUnion(lesson.scenarioIDs) }
        // The alternates of final scenes (`alternate-for:`) are final material too.
        for scenario in bank.scenarios where scenario.alternateFor.map(inFinal.contains) == true { inFinal.insert(scenario.id) }

        struct Candidate { var scenario: Scenario; var score: Double; var tie: UInt64 }
        var candidates: [Candidate] = []
        for scenario in bank.scenarios where !scenario.questions.isEmpty && !inFinal.contains(scenario.id) {
            if case .only(let a) = audience, !scenario.audiences.contains(a) { continue }
            let state = states[scenario.id] ?? SceneState()
            guard state.isDue(now: now) else { continue }
            var score = 0.0
            for id in scenario.trueIndicators { score += weak[id] ?? 0 }
            for id in lookalikes(of: scenario) { score += overflagged[id] ?? 0 }
            if state.box == 1 { score += 1 }
            if state.box == 0 { score += 0.25 }
            candidates.append(Candidate(scenario: scenario, score: score,
                                        tie: AttemptOrder.stableHash("review:\(seed):" + scenario.id)))
        }
        guard !candidates.isEmpty else { return nil }
        candidates.sort { a, b in
            if a.score != b.score { return a.score > b.score }
            if a.tie != b.tie { return a.tie < b.tie }
            return a.scenario.id < b.scenario.id
        }
        var chosen = Array(candidates.filter { !$0.scenario.trafficking }.prefix(ordinaryScenes))
        var taken = Set(chosen.map(\.scenario.id))
        for candidate in candidates where chosen.count < sceneCount && !taken.contains(candidate.scenario.id) {
            chosen.append(candidate)
            taken.insert(candidate.scenario.id)
        }
        // Best first, whatever the kind of scene (the trainer shuffles practice scenes anyway).
        chosen.sort { a, b in
            if a.score != b.score { return a.score > b.score }
            if a.tie != b.tie { return a.tie < b.tie }
            return a.scenario.id < b.scenario.id
        }

        var shownSigns = Set<String>(), shownLookalikes = Set<String>()
        for c in chosen {
            shownSigns.formUnion(c.scenario.trueIndicators)
            shownLookalikes.formUnion(lookalikes(of: c.scenario))
        }
        let weakShown = weak.keys.filter { shownSigns.contains($0) }
            .sorted { (weak[$0] ?? 0, $1) > (weak[$1] ?? 0, $0) }
        let overShown = overflagged.keys.filter { shownLookalikes.contains($0) }
            .sorted { (overflagged[$0] ?? 0, $1) > (overflagged[$1] ?? 0, $0) }
        let lesson = Lesson(id: "review-\(date)", title: "Practise my weak signs", audience: audience,
                            passMark: usualPassMark(bank), kind: .practice, minutes: nil, description: nil,
                            scenarioIDs: chosen.map(\.scenario.id),
                            location: SourceLocation(file: "(review)", line: 1, column: 1))
        var boxesChosen: [String: Int] = [:]
        for c in chosen { boxesChosen[c.scenario.id] = states[c.scenario.id]?.box ?? 0 }
        return Plan(lesson: lesson, weakIndicators: weakShown, overflaggedIndicators: overShown, boxes: boxesChosen)
    }

    /// The indicators a scene's look-alikes imitate.
    static func lookalikes(of scenario: Scenario) -> Set<String> {
        var result = Set<String>()
        for q in scenario.questions where q.kind == .multi {
            for o in q.options where o.isLookalike { result.formUnion(o.lookalikeOf) }
        }
        return result
    }

    /// The most common pass mark of the bank's practice lessons (the lower on a tie), 70 when there are none.
    public static func usualPassMark(_ bank: Bank) -> Int {
        var counts: [Int: Int] = [:]
        for lesson in bank.lessons where lesson.kind == .practice { counts[lesson.passMark, default: 0] += 1 }
        return counts.max { a, b in a.value != b.value ? a.value < b.value : a.key > b.key }?.key ?? 70
    }

    /// A sign's move toward mastery over a review.
    public struct Movement: Sendable, Hashable {
        public var indicatorID: String
        public var title: String
        public var before: Double
        public var after: Double
        public var masteredBefore: Bool
        public var masteredAfter: Bool
    }

    /// For the targeted indicators: P(L) and mastery before the review (`before`: the learner's events without the
    /// review's) and after (`after`: all of them). Only signs whose P(L) went up or that became mastered, most moved
    /// first.
    public static func movement(bank: Bank, before: [AnswerEvent], after: [AnswerEvent], targets: [String],
                                policy: ScoringPolicy = .standard) -> [Movement] {
        let a = ProgressEngine.progress(bank: bank, events: before, policy: policy)
        let b = ProgressEngine.progress(bank: bank, events: after, policy: policy)
        var result: [Movement] = []
        for id in targets {
            guard let old = a.indicator(id), let new = b.indicator(id) else { continue }
            guard new.pKnown > old.pKnown + 1e-9 || (new.mastered && !old.mastered) else { continue }
            result.append(Movement(indicatorID: id, title: bank.indicator(id)?.title ?? id, before: old.pKnown,
                                   after: new.pKnown, masteredBefore: old.mastered, masteredAfter: new.mastered))
        }
        return result.sorted { ($0.after - $0.before, $1.indicatorID) > ($1.after - $1.before, $0.indicatorID) }
    }
}
