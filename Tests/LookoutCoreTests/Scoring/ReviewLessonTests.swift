import LookoutCore
import Testing

/// "Practise my weak signs" on hand-built histories.
///
/// Bank (all hospitality unless noted; each scene has one multi question):
///
/// | scene | trafficking | true signs | look-alikes |
/// | --- | --- | --- | --- |
/// | t1 | yes | o1 ind-debt | o2 near ind-docs |
/// | t2 | yes | o1 ind-docs | o2 near ind-debt |
/// | t3 | yes | o1 ind-confine | o2 near ind-confine |
/// | t4 | yes | o1 ind-confine | |
/// | t5 | yes | o1 ind-debt | |
/// | n1 | no | | o1 near ind-docs, o2 near ind-debt |
/// | n2 | no | | o1 near ind-confine |
/// | n3 | no | | o1 near ind-docs |
/// | f1 | yes, in the final lesson | o1 ind-debt | |
/// | p1 | yes, police only | o1 ind-debt | |
///
/// Lessons: intro (t1, n1, pass 60), practice (t2, n2, pass 70), practice2 (t3, pass 70), final (f1, pass 80).
@Suite struct ReviewLessonTests {
    static let here = SourceLocation(file: "test", line: 1, column: 1)
    static let day: Int64 = 86_400_000
    static let day0: Int64 = 1_795_683_600_000   // 2026-11-26 09:00 UTC

    static func indicator(_ id: String) -> Indicator {
        Indicator(id: id, category: .workLiving, title: "Title of \(id)", strength: .strong, audiences: [.hospitality],
                  sources: [], explanation: "", location: here)
    }

    static func scene(_ id: String, trafficking: Bool, signs: [String] = [], lookalikes: [String] = [],
                      audience: Audience = .hospitality) -> Scenario {
        var options: [AnswerOption] = []
        for (i, sign) in signs.enumerated() {
            options.append(AnswerOption(id: "o\(i + 1)", text: "sign \(sign)", isCorrect: true, indicators: [sign],
                                        feedback: "", location: here))
        }
        for (i, near) in lookalikes.enumerated() {
            options.append(AnswerOption(id: "o\(signs.count + i + 1)", text: "looks like \(near)", isCorrect: false,
                                        lookalikeOf: [near], feedback: "", location: here))
        }
        let question = Question(id: "q1", kind: .multi, prompt: "Which?", options: options, location: here)
        return Scenario(id: id, rev: 1, title: "Scene \(id)", audiences: [audience], region: nil, language: "en",
                        trafficking: trafficking, contentNote: nil, sources: [], story: "A story.", questions: [question],
                        location: here)
    }

    static func lesson(_ id: String, kind: LessonKind, pass: Int, _ scenes: [String], audience: Audience = .hospitality) -> Lesson {
        Lesson(id: id, title: id, audience: .only(audience), passMark: pass, kind: kind, minutes: nil, description: nil,
               scenarioIDs: scenes, location: here)
    }

    static let bank = Bank(
        indicators: ["ind-debt", "ind-docs", "ind-confine"].map(indicator),
        scenarios: [
            scene("t1", trafficking: true, signs: ["ind-debt"], lookalikes: ["ind-docs"]),
            scene("t2", trafficking: true, signs: ["ind-docs"], lookalikes: ["ind-debt"]),
            scene("t3", trafficking: true, signs: ["ind-confine"], lookalikes: ["ind-confine"]),
            scene("t4", trafficking: true, signs: ["ind-confine"]),
            scene("t5", trafficking: true, signs: ["ind-debt"]),
            scene("n1", trafficking: false, lookalikes: ["ind-docs", "ind-debt"]),
            scene("n2", trafficking: false, lookalikes: ["ind-confine"]),
            scene("n3", trafficking: false, lookalikes: ["ind-docs"]),
            scene("f1", trafficking: true, signs: ["ind-debt"]),
            scene("p1", trafficking: true, signs: ["ind-debt"], audience: .police),
        ],
        lessons: [
            lesson("intro", kind: .intro, pass: 60, ["t1", "n1"]),
            lesson("practice", kind: .practice, pass: 70, ["t2", "n2"]),
            lesson("practice2", kind: .practice, pass: 70, ["t3"]),
            lesson("final", kind: .final, pass: 80, ["f1"]),
            lesson("police", kind: .practice, pass: 75, ["p1"], audience: .police),
        ])

    static func answer(_ id: String, attempt: String, _ scene: String, _ chosen: [String], at time: Int64,
                       repeat isRepeat: Bool = false) -> AnswerEvent {
        AnswerEvent(id: id, learnerID: "L1", attemptID: attempt, lessonID: "intro", scenarioID: scene, scenarioRev: 1,
                    questionID: "q1", chosen: chosen, credit: 0, action: nil, time: time, isRepeat: isRepeat)
    }

    /// Day 0: t1 right (sign ticked, look-alike left), n1 and n3 wrong (the ind-docs look-alikes ticked).
    static let history: [AnswerEvent] = [
        answer("e1", attempt: "A", "t1", ["o1"], at: day0 + 1_000),
        answer("e2", attempt: "A", "n1", ["o1"], at: day0 + 2_000),
        answer("e3", attempt: "A", "n3", ["o1"], at: day0 + 3_000),
    ]

    @Test func leitnerBoxes() {
        let events = Self.history + [
            // Day 2: t1 right again (box 3); n1 right (box 2); t2 wrong then right in a later attempt (box 2).
            Self.answer("e4", attempt: "B", "t1", ["o1"], at: Self.day0 + 2 * Self.day),
            Self.answer("e5", attempt: "B", "n1", [], at: Self.day0 + 2 * Self.day + 1),
            Self.answer("e6", attempt: "B", "t2", ["o2"], at: Self.day0 + 2 * Self.day + 2),
            // A repeat within an attempt is not a session.
            Self.answer("e7", attempt: "B", "t2", ["o1"], at: Self.day0 + 2 * Self.day + 3, repeat: true),
            Self.answer("e8", attempt: "C", "t2", ["o1"], at: Self.day0 + 3 * Self.day),
        ]
        let boxes = ReviewLesson.boxes(bank: Self.bank, events: events)
        #expect(boxes["t1"]?.box == 3 && boxes["n1"]?.box == 2 && boxes["n3"]?.box == 1 && boxes["t2"]?.box == 2)
        #expect(boxes["t3"] == nil)
        #expect(boxes["n3"]?.lastWell == false && boxes["t1"]?.lastWell == true)
        // Box 3 waits 3 days after its last session (day 2): not due on day 4, due on day 5.
        let t1 = boxes["t1"]!
        #expect(!t1.isDue(now: Self.day0 + 4 * Self.day))
        #expect(t1.isDue(now: Self.day0 + 5 * Self.day))
        // Box 1 is due at once; box 0 always.
        #expect(boxes["n3"]!.isDue(now: Self.day0 + 3_001))
        #expect(ReviewLesson.SceneState().isDue(now: 0))
    }

    @Test func choosesWeakAndOverflaggedScenes() throws {
        // Half a day later: t1 (box 2) waits a day; n1 and n3 (box 1) are due. ind-docs is over-flagged (2 false
        // alarms of 3 look-alikes), so the ordinary scenes with its look-alikes (n1, n3) come first; n2 has neither
        // a weak sign nor an over-flagged look-alike and is left out; f1 is in the final and p1 is police only.
        let plan = try #require(ReviewLesson.make(bank: Self.bank, audience: .only(.hospitality), events: Self.history,
                                                  now: Self.day0 + Self.day / 2,
                                                  date: CalendarDate(year: 2026, month: 11, day: 26), seed: 7))
        #expect(Set(plan.lesson.scenarioIDs) == ["n1", "n3", "t2", "t3", "t4", "t5"])
        #expect(plan.lesson.scenarioIDs.count == ReviewLesson.sceneCount)
        #expect(Array(plan.lesson.scenarioIDs.prefix(2)).sorted() == ["n1", "n3"])
        #expect(plan.lesson.id == "review-2026-11-26")
        #expect(plan.lesson.kind == .practice && plan.lesson.passMark == 70 && plan.lesson.audience == .only(.hospitality))
        #expect(Self.bank.lesson(plan.lesson.id) == nil)
        #expect(plan.overflaggedIndicators == ["ind-docs"])
        // P(L): docs 0.190 (right, wrong, wrong), confine 0.2 (never seen), debt 0.890 (right twice).
        #expect(plan.weakIndicators == ["ind-docs", "ind-confine", "ind-debt"])
        #expect(plan.boxes["n1"] == 1 && plan.boxes["t3"] == 0)
        // Deterministic.
        let again = ReviewLesson.make(bank: Self.bank, audience: .only(.hospitality), events: Self.history,
                                      now: Self.day0 + Self.day / 2, date: CalendarDate(year: 2026, month: 11, day: 26),
                                      seed: 7)
        #expect(again == plan)
    }

    @Test func alwaysIncludesOrdinaryScenes() throws {
        // No history: every trafficking scene scores higher (an unseen weak sign), yet two ordinary scenes are in.
        for seed: UInt64 in [1, 2, 3, 99] {
            let plan = try #require(ReviewLesson.make(bank: Self.bank, audience: .only(.hospitality), events: [],
                                                      now: Self.day0, date: CalendarDate(year: 2026, month: 11, day: 26),
                                                      seed: seed))
            let ordinary = plan.lesson.scenarioIDs.filter { Self.bank.scenario($0)?.trafficking == false }
            #expect(ordinary.count == ReviewLesson.ordinaryScenes)
            #expect(!plan.lesson.scenarioIDs.contains("f1") && !plan.lesson.scenarioIDs.contains("p1"))
            #expect(plan.lesson.scenarioIDs.count == ReviewLesson.sceneCount)
        }
    }

    @Test func nothingDueGivesNoLesson() {
        // The police track has one candidate scene (p1), answered right an hour ago: box 2, due tomorrow.
        let events = [AnswerEvent(id: "p", learnerID: "L1", attemptID: "P", lessonID: "police", scenarioID: "p1",
                                  scenarioRev: 1, questionID: "q1", chosen: ["o1"], credit: 1, action: nil,
                                  time: Self.day0, isRepeat: false)]
        #expect(ReviewLesson.make(bank: Self.bank, audience: .only(.police), events: events, now: Self.day0 + 3_600_000,
                                  date: CalendarDate(year: 2026, month: 11, day: 26), seed: 1) == nil)
        #expect(ReviewLesson.make(bank: Self.bank, audience: .only(.police), events: events, now: Self.day0 + Self.day,
                                  date: CalendarDate(year: 2026, month: 11, day: 27), seed: 1)?.lesson.scenarioIDs == ["p1"])
    }

    @Test func movementTowardMastered() {
        // t1 answered right: ind-debt 0.2 → 0.6 (one right observation); ind-docs left alone too: 0.2 → 0.6.
        let moved = ReviewLesson.movement(bank: Self.bank, before: [], after: [Self.history[0]],
                                          targets: ["ind-debt", "ind-docs", "ind-confine"])
        #expect(moved.map(\.indicatorID) == ["ind-debt", "ind-docs"])
        #expect(abs(moved[0].before - 0.2) < 1e-9 && abs(moved[0].after - 0.6) < 1e-3)
        #expect(!moved[0].masteredAfter)
        // A sign that fell back is not listed.
        let fell = ReviewLesson.movement(bank: Self.bank, before: [Self.history[0]], after: Self.history,
                                         targets: ["ind-docs"])
        #expect(fell.isEmpty)
    }

    @Test func utcDates() {
        #expect(ReviewLesson.utcDate(0) == CalendarDate(year: 1970, month: 1, day: 1))
        #expect(ReviewLesson.utcDate(-1) == CalendarDate(year: 1969, month: 12, day: 31))
        #expect(ReviewLesson.utcDate(Self.day0) == CalendarDate(year: 2026, month: 11, day: 26))
        #expect(ReviewLesson.utcDate(951_782_400_000) == CalendarDate(year: 2000, month: 2, day: 29))
    }

    // MARK: The session runs a lesson that is not in the bank

    static let env = SessionEnvironment(now: day0 + day / 2, newID: "x")

    static func readySession(history: [AnswerEvent]) -> TrainingSession {
        var session = TrainingSession(bank: bank, region: nil, shuffles: false)
        let learner = Learner(id: "L1", name: "Dara", createdAt: 0)
        _ = session.handle(.learnersLoaded([learner], withPIN: []), env)
        _ = session.apply(.selectLearner(id: "L1"), env)
        _ = session.handle(.learnerReady(learner, ProgressEngine.progress(bank: bank, events: history), history: history), env)
        return session
    }

    @Test func sessionRunsAReviewAndShowsWhatMoved() throws {
        var session = Self.readySession(history: Self.history)
        let plan = try #require(session.reviewPlan(audience: .only(.hospitality), now: Self.env.now))
        #expect(plan.lesson.id == "review-2026-11-26")
        let effects = session.apply(.startReview(plan), SessionEnvironment(now: Self.env.now, newID: "attempt-r"))
        #expect(effects == [.startAttempt(Attempt(id: "attempt-r", learnerID: "L1", lessonID: "review-2026-11-26",
                                                  startedAt: Self.env.now))])
        #expect(session.review == plan)
        var n = 0
        while case .scene(let step) = session.phase {
            n += 1
            let env = SessionEnvironment(now: Self.env.now + Int64(n), newID: "r\(n)")
            switch step {
            case .contentNote: _ = session.apply(.continueScene, env)
            case .question:
                // Right every time: true signs ticked, look-alikes left alone.
                let question = try #require(session.currentQuestion)
                let saved = session.apply(.submit(Set(question.options.filter(\.isCorrect).map(\.id))), env)
                guard case .saveAnswer(let event) = saved.first else { Issue.record("no answer saved"); return }
                #expect(event.lessonID == "review-2026-11-26" && event.attemptID == "attempt-r")
            case .feedback: _ = session.apply(.next, env)
            }
            if n > 100 { break }
        }
        guard case .summary(let result) = session.phase else { Issue.record("no summary: \(session.phase)"); return }
        #expect(result.lessonID == "review-2026-11-26" && result.passed)
        let moved = session.reviewMovement()
        #expect(moved.map(\.indicatorID).contains("ind-docs"))
        #expect(moved.allSatisfy { $0.after > $0.before })
    }

    @Test func sessionRefusesABankLessonAsAReview() throws {
        var session = Self.readySession(history: [])
        var plan = try #require(session.reviewPlan(audience: .only(.hospitality), now: Self.env.now))
        plan.lesson.id = "intro"
        #expect(session.apply(.startReview(plan), Self.env).isEmpty)
        #expect(session.phase == .menu && session.review == nil)
        plan.lesson.id = "review-x"
        plan.lesson.scenarioIDs = ["nope"]
        #expect(session.apply(.startReview(plan), Self.env).isEmpty)
    }
}
