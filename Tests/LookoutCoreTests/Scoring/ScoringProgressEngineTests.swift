import Foundation
import Testing
import LookoutCore
import LookoutText

@Suite("Scoring: progress engine")
struct ScoringProgressEngineTests {
    typealias F = ScoringFixtures
    typealias B = ScoringBank

    /// The first run without its repeats: every indicator observation worked out by hand below.
    static func firstRunEvents() -> [AnswerEvent] {
        var log = F.EventLog()
        B.firstRun(&log)
        return log.events.filter { !$0.isRepeat }
    }

    @Test("no events: everything new, P(L) at its prior")
    func empty() {
        let p = ProgressEngine.progress(bank: B.bank(), events: [])
        #expect(p.lessons.map(\.status) == [.new, .new, .new])
        #expect(p.lessons.map(\.lessonID) == ["l-main", "l-couple", "l-empty"])
        #expect(p.indicators.map(\.indicatorID) == ["doc-held", "com-proxy", "late", "cash", "unused"])
        #expect(p.indicators.allSatisfy { $0.observations == 0 && $0.pKnown == 0.2 && !$0.mastered && $0.dPrime == nil })
        #expect(p.overall.observations == 0)
        #expect(p.unsafeChoices == 0 && p.unsafeChoicesByAction.isEmpty)
        #expect(p.coverage == Coverage(scenariosSeen: 0, scenariosTotal: 3, indicatorsSeen: 0, indicatorsMastered: 0,
                                       indicatorsTotal: 5))
        #expect(p.retiredScenarios.isEmpty && p.setAsideEventCount == 0)
    }

    @Test("per-indicator observations, P(L) and mastery, by hand")
    func indicators() {
        let p = ProgressEngine.progress(bank: B.bank(), events: Self.firstRunEvents())
        // doc-held: guesthouse o1 ticked (hit), couple o1 left alone (correct rejection), kitchen o2 ticked
        // (hit): three correct observations → 0.2 → 0.6 → 0.8903226 → 0.9773511; FA rate 0/1. P(L) is above 0.95,
        // but only 2 true signs and 1 look-alike were judged: too little evidence to count as mastered (3 and 2).
        let doc = p.indicator("doc-held")
        #expect(doc?.observations == 3)
        #expect(doc?.hits == 2 && doc?.misses == 0 && doc?.falseAlarms == 0 && doc?.correctRejections == 1)
        #expect(abs((doc?.pKnown ?? 0) - 0.977_351_097_2) < 1e-9)
        #expect(doc?.mastered == false)
        #expect(doc?.hitRate == 1 && doc?.falseAlarmRate == 0)
        #expect(doc?.dPrime == nil && doc?.criterion == nil)   // 3 < 5 observations

        // com-proxy: guesthouse o2 missed, couple o2 and kitchen o3 left alone:
        // incorrect, correct, correct → 0.1757576 → 0.5662289 → 0.8763481.
        let com = p.indicator("com-proxy")
        #expect(com?.observations == 3 && com?.misses == 1 && com?.correctRejections == 2)
        #expect(abs((com?.pKnown ?? 0) - 0.876_348_077_8) < 1e-9)
        #expect(com?.mastered == false)
        #expect(com?.hitRate == 0)

        // late: guesthouse o3 ticked (false alarm), couple o3 left alone → 0.1757576 → 0.5662289.
        let late = p.indicator("late")
        #expect(late?.falseAlarms == 1 && late?.correctRejections == 1 && late?.hitRate == nil)
        #expect(late?.falseAlarmRate == 0.5)
        #expect(abs((late?.pKnown ?? 0) - 0.566_228_893_1) < 1e-9)

        // cash: guesthouse o4 left alone, kitchen o1 ticked → 0.6 → 0.8903226.
        let cash = p.indicator("cash")
        #expect(cash?.hits == 1 && cash?.correctRejections == 1)
        #expect(abs((cash?.pKnown ?? 0) - 0.890_322_580_6) < 1e-9)

        #expect(p.indicator("unused")?.observations == 0)
        #expect(p.coverage == Coverage(scenariosSeen: 3, scenariosTotal: 3, indicatorsSeen: 4, indicatorsMastered: 0,
                                       indicatorsTotal: 5))
        #expect(p.coverage.indicatorShareMastered == 0)
    }

    @Test("overall signal detection for the learner, by hand")
    func overall() {
        let p = ProgressEngine.progress(bank: B.bank(), events: Self.firstRunEvents())
        // Guesthouse q1: h1 m1 f1 cr1; couple q1: cr3; kitchen q1: h2 cr1.
        #expect(p.overall == SignalDetection(hits: 3, misses: 1, falseAlarms: 1, correctRejections: 5))
        #expect(p.overall.hitRate == 0.75)
        #expect(abs((p.overall.falseAlarmRate ?? 0) - 1.0 / 6) < 1e-12)
        // H = 3.5/5 = 0.7, F = 1.5/7 = 0.2142857: d′ = 0.5244005 + 0.7916386 = 1.3160391, c = 0.1336190.
        #expect(abs((p.overall.dPrime ?? 0) - 1.316_039_120_5) < 1e-8)
        #expect(abs((p.overall.criterion ?? 0) - 0.133_619_047_5) < 1e-8)
        #expect(p.actionQuestionsAnswered == 2 && p.actionQuestionsCorrect == 1)
    }

    @Test("unsafe choices are counted on their own line, repeats included")
    func unsafeChoices() {
        var log = F.EventLog()
        B.firstRun(&log)
        log.answer(B.couple, "q2", ["a2"], lesson: "l-main", attempt: "t1", repeat: true)   // unsafe-post
        log.answer(B.guesthouse, "q2", ["a1"], lesson: nil, attempt: nil)                   // practice, unsafe-confront
        let p = ProgressEngine.progress(bank: B.bank(), events: log.events)
        #expect(p.unsafeChoices == 3)
        #expect(p.unsafeChoicesByAction == [ActionCount(action: .unsafeConfront, count: 2),
                                            ActionCount(action: .unsafePost, count: 1)])
    }

    @Test("mastery also needs a false-alarm rate of at most 0.2 on the look-alikes")
    func masteryNeedsFewFalseAlarms() {
        let s = F.scenario("s-k", [F.multi("q1", [F.sign("o1", "k"), F.lookalike("o2", near: "k"),
                                                  F.lookalike("o3", near: "k")])])
        let bank = Bank(indicators: [F.indicator("k")], scenarios: [s])
        var log = F.EventLog()
        log.answer(s, "q1", ["o1", "o2"])   // T, F, T
        log.answer(s, "q1", ["o1"])         // T, T, T
        let two = ProgressEngine.progress(bank: bank, events: log.events).indicator("k")
        // P(L) = 0.9971027 ≥ 0.95, but false alarms 1 of 4 = 0.25 > 0.2.
        #expect(abs((two?.pKnown ?? 0) - 0.997_102_723_7) < 1e-9)
        #expect(two?.falseAlarmRate == 0.25)
        #expect(two?.mastered == false)
        log.answer(s, "q1", ["o1"])         // 1 of 6 = 0.167
        let three = ProgressEngine.progress(bank: bank, events: log.events).indicator("k")
        #expect(three?.mastered == true)
        #expect(three?.observations == 9)
        #expect(three?.dPrime != nil)
    }

    @Test("a bumped rev starts the scenario afresh; old answers are set aside, not retired")
    func revBump() {
        var log = F.EventLog()
        B.firstRun(&log, kitchenRev: 1)
        let atRev1 = ProgressEngine.progress(bank: B.bank(kitchenRev: 1), events: log.events)
        let atRev2 = ProgressEngine.progress(bank: B.bank(kitchenRev: 2), events: log.events)

        #expect(atRev1.setAsideEventCount == 0)
        #expect(atRev1.coverage.scenariosSeen == 3)
        #expect(atRev1.indicator("cash")?.hits == 1)
        #expect(atRev1.lesson("l-main")?.status == .failed)

        #expect(atRev2.setAsideEventCount == 1)
        #expect(atRev2.retiredScenarios.isEmpty)
        #expect(atRev2.coverage.scenariosSeen == 2)
        #expect(atRev2.indicator("cash")?.hits == 0)
        // Only the guesthouse look-alike near cash remains, answered once and once more as a repeat.
        #expect(atRev2.indicator("cash")?.observations == 2)
        #expect(atRev2.indicator("cash")?.correctRejections == 2)
        // The kitchen must be answered again: the attempt is no longer finished.
        #expect(atRev2.lesson("l-main")?.status == .inProgress(percent: 80))
    }

    @Test("a pass at older revs becomes 'changed since you passed', and gives no completion record")
    func changedSincePassed() {
        var log = F.EventLog()
        let l = "l-main"
        log.answer(B.guesthouse, "q1", ["o1", "o2"], lesson: l, attempt: "t1")
        log.answer(B.guesthouse, "q2", ["a2"], lesson: l, attempt: "t1")
        log.answer(B.couple, "q1", [], lesson: l, attempt: "t1")
        log.answer(B.couple, "q2", ["a1"], lesson: l, attempt: "t1")
        log.answer(B.kitchen(rev: 1), "q1", ["o1", "o2"], lesson: l, attempt: "t1")
        let learner = Learner(id: log.events[0].learnerID, name: "Dara", createdAt: 0)
        let lesson = B.bank(kitchenRev: 1).lesson(l)!
        #expect(ProgressEngine.progress(bank: B.bank(kitchenRev: 1), events: log.events).lesson(l)?.status == .passed)
        guard case .success(let before) = Completion.record(learner: learner, lesson: lesson, bank: B.bank(kitchenRev: 1), events: log.events)
        else { Issue.record("no record at rev 1"); return }
        #expect(before.fingerprint == LessonFingerprint.of(lesson: lesson, bank: B.bank(kitchenRev: 1)))

        // The kitchen's rev is bumped: the old pass no longer counts and says so.
        #expect(ProgressEngine.progress(bank: B.bank(), events: log.events).lesson(l)?.status == .changedSincePassed)
        guard case .failure(let refusal) = Completion.record(learner: learner, lesson: lesson, bank: B.bank(), events: log.events)
        else { Issue.record("a record was issued for a changed lesson"); return }
        #expect(refusal == .changedSincePassed(learner: "Dara", lessonID: l))

        // Answering the changed scene again in a new attempt is a pass at the current revs, with that fingerprint.
        B.perfectRun(&log, attempt: "t2")
        #expect(ProgressEngine.progress(bank: B.bank(), events: log.events).lesson(l)?.status == .passed)
        guard case .success(let after) = Completion.record(learner: learner, lesson: lesson, bank: B.bank(), events: log.events)
        else { Issue.record("no record after passing again"); return }
        #expect(after.fingerprint == LessonFingerprint.of(lesson: lesson, bank: B.bank()))
        #expect(after.fingerprint != before.fingerprint)
    }

    @Test("answers to scenarios no longer in the bank are listed as retired")
    func retired() {
        let gone = F.scenario("s-gone", rev: 3, [F.multi("q1", [F.sign("o1", "doc-held"), F.lookalike("o2", near: "late")])])
        var log = F.EventLog()
        log.answer(gone, "q1", ["o1"], rev: 1)
        B.firstRun(&log)
        log.answer(gone, "q1", ["o2"])
        let p = ProgressEngine.progress(bank: B.bank(), events: log.events)
        #expect(p.retiredScenarios == [RetiredScenario(scenarioID: "s-gone", revs: [1, 3],
                                                       eventIDs: [log.events[0].id, log.events[8].id])])
        // They do not touch anything else.
        let without = ProgressEngine.progress(bank: B.bank(), events: log.events.filter { $0.scenarioID != "s-gone" })
        #expect(p.indicators == without.indicators)
        #expect(p.overall == without.overall)
        #expect(p.lessons == without.lessons)
        // With the scenario back in the bank, its current-rev answer counts again.
        let back = ProgressEngine.progress(bank: B.bank(extraScenarios: [gone]), events: log.events)
        #expect(back.retiredScenarios.isEmpty)
        #expect(back.setAsideEventCount == 1)
        #expect(back.coverage.scenariosSeen == 4)
    }

    @Test("results do not depend on the order events arrive in")
    func deterministic() {
        var log = F.EventLog()
        B.firstRun(&log, attempt: "t1")
        B.perfectRun(&log, attempt: "t2")
        var rng = ScoringTestRandom(seed: 99)
        var shuffled = log.events
        for i in stride(from: shuffled.count - 1, to: 0, by: -1) { shuffled.swapAt(i, rng.int(i + 1)) }
        let a = ProgressEngine.progress(bank: B.bank(), events: log.events)
        let b = ProgressEngine.progress(bank: B.bank(), events: shuffled)
        #expect(a == b)
        #expect(a.lesson("l-main")?.status == .passed)
        #expect(a.lesson("l-main")?.attempts == 2)
        #expect(a.lesson("l-main")?.bestScorePercent == 100)
    }

    @Test("lesson status: failed, in progress, passed, and a pass is kept")
    func lessonStatus() {
        var log = F.EventLog()
        B.firstRun(&log, attempt: "t1")
        #expect(ProgressEngine.progress(bank: B.bank(), events: log.events).lesson("l-main")?.status == .failed)
        // The couple lesson has its own events only: answering s-couple inside l-main does not start it.
        #expect(ProgressEngine.progress(bank: B.bank(), events: log.events).lesson("l-couple")?.status == .new)

        // A new attempt, two of five questions answered: in progress at 40 %. Whether it is finished follows the
        // attempt's own (shuffled) scene order (issue 20, point 8): an attempt that shows the guesthouse first.
        let main = B.bank().lesson("l-main")!
        let t2 = (2...200).map { "t\($0)-g" }.first {
            ProgressEngine.attemptOrder(B.bank().scenarios(of: main), kind: main.kind, attemptID: $0).first?.id == "s-guesthouse"
        }!
        log.answer(B.guesthouse, "q1", ["o1", "o2"], lesson: "l-main", attempt: t2)
        log.answer(B.guesthouse, "q2", ["a2"], lesson: "l-main", attempt: t2)
        // In the bank's order, or any order that shows another scene first, the same answers would mean skipped scenes.
        let midway = ProgressEngine.progress(bank: B.bank(), events: log.events).lesson("l-main")
        #expect(midway?.status == .inProgress(percent: 40))
        #expect(midway?.attempts == 2)
        #expect(midway?.bestScorePercent.map { abs($0 - 60) < 1e-9 } == true)
        #expect(midway?.latest?.answeredQuestions == 2)

        // Finish it well: passed.
        log.answer(B.couple, "q1", [], lesson: "l-main", attempt: t2)
        log.answer(B.couple, "q2", ["a1"], lesson: "l-main", attempt: t2)
        log.answer(B.kitchen(), "q1", ["o1", "o2"], lesson: "l-main", attempt: t2)
        #expect(ProgressEngine.progress(bank: B.bank(), events: log.events).lesson("l-main")?.status == .passed)

        // A later attempt that goes badly, finished or not, does not take the pass away.
        B.firstRun(&log, attempt: "t3")
        log.answer(B.guesthouse, "q1", ["o3", "o4"], lesson: "l-main", attempt: "t4")
        let kept = ProgressEngine.progress(bank: B.bank(), events: log.events).lesson("l-main")
        #expect(kept?.status == .passed)
        #expect(kept?.attempts == 4)
        #expect(kept?.latest?.answeredQuestions == 1)
    }

    @Test("a skipped scenario inside the lesson finishes the attempt but it is not passed; a skipped last one leaves it in progress")
    func skippedScenarios() {
        var log = F.EventLog()
        B.perfectRun(&log, attempt: "t1")
        let middleSkipped = log.events.filter { $0.scenarioID != "s-couple" }
        #expect(ProgressEngine.progress(bank: B.bank(), events: middleSkipped).lesson("l-main")?.status == .failed)

        let lastSkipped = log.events.filter { $0.scenarioID != "s-kitchen" }
        #expect(ProgressEngine.progress(bank: B.bank(), events: lastSkipped).lesson("l-main")?.status
                == .inProgress(percent: 80))

        // Half a scenario answered is not finished.
        let halfScenario = Array(log.events.dropLast(2)) + [log.events[4]]   // couple q2 missing
        #expect(ProgressEngine.progress(bank: B.bank(), events: halfScenario).lesson("l-main")?.status
                == .inProgress(percent: 80))
    }

    @Test("class summary per indicator over several learners")
    func indicatorSummary() {
        var ann = F.EventLog(learner: "ann")
        B.firstRun(&ann)
        var bob = F.EventLog(learner: "bob")
        B.perfectRun(&bob, attempt: "b1")
        let events = ann.events.filter { !$0.isRepeat } + bob.events
        let summary = ProgressEngine.indicatorSummary(bank: B.bank(), events: events)
        #expect(summary.map(\.indicatorID) == ["doc-held", "com-proxy", "late", "cash", "unused"])
        // com-proxy: ann missed it once and rejected two look-alikes; bob hit it and rejected two.
        let com = summary[1]
        #expect(com.learners == 2)
        #expect(com.detection == SignalDetection(hits: 1, misses: 1, falseAlarms: 0, correctRejections: 4))
        #expect(com.hitRate == 0.5 && com.falseAlarmRate == 0)
        // late: ann 1 false alarm of 2, bob 0 of 2 → class rate 1/4.
        #expect(summary[2].falseAlarmRate == 0.25)
        #expect(summary[2].hitRate == nil)
        // doc-held: both learners three correct observations, but two true signs each: not yet enough evidence.
        #expect(summary[0].learnersMastered == 0)
        #expect(summary[4].learners == 0 && summary[4].detection.observations == 0)
    }

    @Test("question difficulty: mean first-answer credit, hardest first")
    func questionDifficulty() {
        var ann = F.EventLog(learner: "ann")
        B.firstRun(&ann)
        var bob = F.EventLog(learner: "bob")
        bob.clock = 500_000
        B.perfectRun(&bob, attempt: "b1")
        // Bob answers the guesthouse q2 again later, unsafely: not his first answer, not counted.
        bob.answer(B.guesthouse, "q2", ["a1"], lesson: "l-main", attempt: "b2")
        let rows = ProgressEngine.questionDifficulty(bank: B.bank(), events: ann.events + bob.events)
        // guesthouse q1: ann 0, bob 1 → 0.5; guesthouse q2: ann 0 (unsafe), bob 1 → 0.5;
        // couple q1, q2 and kitchen q1: 1.
        #expect(rows.map { "\($0.scenarioID)/\($0.questionID)" }
                == ["s-guesthouse/q1", "s-guesthouse/q2", "s-couple/q1", "s-couple/q2", "s-kitchen/q1"])
        #expect(rows.map(\.meanCredit) == [0.5, 0.5, 1, 1, 1])
        #expect(rows.allSatisfy { $0.answerCount == 2 })
        #expect(rows[1].unsafeCount == 1)
        #expect(rows[0].unsafeCount == 0)
    }

    @Test("progress survives a JSON round trip, with the derived figures written out")
    func codable() throws {
        var log = F.EventLog()
        B.firstRun(&log)
        log.answer(B.guesthouse, "q1", ["o1"], lesson: "l-main", attempt: "t2")
        let p = ProgressEngine.progress(bank: B.bank(), events: log.events)
        let data = try JSONEncoder().encode(p)
        #expect(try JSONDecoder().decode(LearnerProgress.self, from: data) == p)
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.contains("\"dPrime\""))
        #expect(text.contains("\"inProgress\""))
    }
}
