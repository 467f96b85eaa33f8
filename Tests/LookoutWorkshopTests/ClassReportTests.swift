import LookoutCore
import Testing

/// The class report against figures worked out by hand from the fixture's table (see WorkshopFixture).
@Suite struct ClassReportTests {
    let bank: Bank
    let group: WorkshopFixture.Class
    let report: ClassReport

    init() throws {
        bank = try WorkshopFixture.bank()
        group = WorkshopFixture.makeClass()
        report = ClassReport.make(bank: bank, learners: group.learners, events: group.events)
    }

    func row(_ name: String) throws -> ClassReport.LearnerRow {
        try #require(report.learners.first { $0.name == name })
    }

    func close(_ a: Double?, _ b: Double) -> Bool {
        guard let a else { return false }
        return abs(a - b) < 1e-9
    }

    @Test func totals() {
        // 4 + 5 (one repeat) + 2 answers; Carol has none.
        #expect(report.answers == 11)
        #expect(report.activeLearners == 3)
        #expect(report.learners.map(\.name) == ["Alice", "Bob", WorkshopFixture.sokha, "Carol"])
    }

    @Test func alice() throws {
        let r = try row("Alice")
        // s1.q1: h=2/2, f=1/2 -> 0.5; s1.q2 1; s2.q1 (no ticks) 1; s2.q2 1 -> 3.5/4 = 87.5 % >= 70: passed.
        #expect(r.lessonsPassed == 1)
        #expect(r.lessonsStarted == 1)
        #expect(close(r.scorePercent, 87.5))
        // Signals: s1.o1, s1.o2 both ticked. Noise: s1.o3 ticked; s1.o4, s2.o1, s2.o2 left alone.
        #expect(r.hits == 2 && r.misses == 0 && r.falseAlarms == 1 && r.correctRejections == 3)
        #expect(close(r.hitRate, 1.0))
        #expect(close(r.falseAlarmRate, 0.25))
        #expect(r.unsafeChoices == 0)
        #expect(r.answers == 4)
    }

    @Test func bob() throws {
        let r = try row("Bob")
        // First answers: s1.q1 h=1/2, f=0 -> 0.5; s1.q2 a2 -> 0; s2.q1 f=2/2 -> 0; s2.q2 a2 -> 0.
        // 0.5/4 = 12.5 %: finished and failed. The repeat does not count for the score.
        #expect(r.lessonsPassed == 0)
        #expect(r.lessonsStarted == 1)
        #expect(close(r.scorePercent, 12.5))
        // Detection counts every answer, repeat included: first s1.q1 (hit o1, miss o2, CR o3 o4),
        // repeat s1.q1 (hit o1 o2, CR o3 o4), s2.q1 (FA o1 o2).
        #expect(r.hits == 3 && r.misses == 1 && r.falseAlarms == 2 && r.correctRejections == 4)
        #expect(close(r.hitRate, 0.75))
        #expect(close(r.falseAlarmRate, 2.0 / 6.0))
        // a2 unsafe-confront and a2 investigate-alone.
        #expect(r.unsafeChoices == 2)
        #expect(r.answers == 5)
    }

    @Test func sokhaUnfinished() throws {
        let r = try row(WorkshopFixture.sokha)
        // Only s1 answered (both right): in progress, no finished attempt. The latest score counts the
        // unanswered questions as 0 (the one pass rule scores over the whole lesson): 2 of 4 → 50 %.
        #expect(r.lessonsPassed == 0)
        #expect(r.lessonsStarted == 1)
        #expect(close(r.scorePercent, 50))
        #expect(r.hits == 2 && r.misses == 0 && r.falseAlarms == 0 && r.correctRejections == 2)
        #expect(close(r.hitRate, 1))
        #expect(close(r.falseAlarmRate, 0))
        #expect(r.answers == 2)
    }

    @Test func carolHasNothing() throws {
        let r = try row("Carol")
        #expect(r.lessonsPassed == 0 && r.lessonsStarted == 0)
        #expect(r.scorePercent == nil && r.hitRate == nil && r.falseAlarmRate == nil)
        #expect(r.hits + r.misses + r.falseAlarms + r.correctRejections + r.unsafeChoices + r.answers == 0)
    }

    @Test func indicatorsWorstFirst() throws {
        // ind-c: noise only (s2.o2): Alice CR, Bob FA -> wrong 1/2.
        // ind-a: signal s1.o1 hit by Alice, Bob, Bob's repeat, Sokha (4 hits); noise s1.o3 (Alice FA, Bob CR,
        //        Bob repeat CR, Sokha CR) and s2.o1 (Alice CR, Bob FA): FA 2, CR 4 -> wrong 2/10.
        // ind-b: signal s1.o2: Alice hit, Bob miss, Bob repeat hit, Sokha hit (3 hits, 1 miss);
        //        noise s1.o4: 4 CR -> wrong 1/8.
        #expect(report.indicators.map(\.indicatorID) == ["ind-c", "ind-a", "ind-b"])
        let c = report.indicators[0], a = report.indicators[1], b = report.indicators[2]
        #expect(c.hits == 0 && c.misses == 0 && c.falseAlarms == 1 && c.correctRejections == 1)
        #expect(c.hitRate == nil)
        #expect(close(c.falseAlarmRate, 0.5))
        #expect(close(c.wrongRate, 0.5))
        #expect(c.learners == 2)
        #expect(c.title == "Pays only in cash, \"no receipt\"")

        #expect(a.hits == 4 && a.misses == 0 && a.falseAlarms == 2 && a.correctRejections == 4)
        #expect(close(a.hitRate, 1))
        #expect(close(a.falseAlarmRate, 2.0 / 6.0))
        #expect(close(a.wrongRate, 0.2))
        #expect(a.learners == 3)
        #expect(a.category == "documents-money")

        #expect(b.hits == 3 && b.misses == 1 && b.falseAlarms == 0 && b.correctRejections == 4)
        #expect(close(b.hitRate, 0.75))
        #expect(close(b.falseAlarmRate, 0))
        #expect(close(b.wrongRate, 0.125))
        #expect(report.unseenIndicators == ["ind-d"])
    }

    @Test func hardestQuestionsPerScenario() throws {
        // First answers only. s2.q1: Alice 1, Bob 0 -> 0.5; s2.q2: 1, 0 -> 0.5 (Bob unsafe);
        // s1.q1: Alice 0.5, Bob 0.5, Sokha 1 -> 2/3; s1.q2: 1, 0, 1 -> 2/3 (Bob unsafe).
        #expect(report.scenarios.map(\.scenarioID) == ["s2", "s1"])
        let s2 = report.scenarios[0], s1 = report.scenarios[1]
        #expect(s2.questions.map(\.questionID) == ["q1", "q2"])
        #expect(close(s2.questions[0].meanCredit, 0.5) && s2.questions[0].answers == 2 && s2.questions[0].unsafeChoices == 0)
        #expect(close(s2.questions[1].meanCredit, 0.5) && s2.questions[1].unsafeChoices == 1)
        #expect(s1.questions.map(\.questionID) == ["q1", "q2"])
        #expect(close(s1.hardest.meanCredit, 2.0 / 3.0) && s1.hardest.answers == 3)
        #expect(s1.questions[1].unsafeChoices == 1 && s1.questions[1].kind == .single)
        #expect(s1.title == "Three guests at check-in")
    }

    @Test func lessonFilter() throws {
        // Every answer was given in L1, so L2 has none; the L1 view equals the whole view.
        let l2 = ClassReport.make(bank: bank, learners: group.learners, events: group.events,
                                  filter: ClassReportFilter(lessonID: "L2"))
        #expect(l2.answers == 0 && l2.activeLearners == 0 && l2.indicators.isEmpty && l2.scenarios.isEmpty)
        #expect(l2.learners.allSatisfy { $0.lessonsStarted == 0 && $0.scorePercent == nil })
        let l1 = ClassReport.make(bank: bank, learners: group.learners, events: group.events,
                                  filter: ClassReportFilter(lessonID: "L1"))
        #expect(l1.learners == report.learners)
        #expect(l1.indicators == report.indicators)
    }

    @Test func sinceFilter() throws {
        // From day 2 on: Bob and Sokha only.
        let later = ClassReport.make(bank: bank, learners: group.learners, events: group.events,
                                     filter: ClassReportFilter(since: WorkshopFixture.day2))
        #expect(later.answers == 7)
        #expect(later.activeLearners == 2)
        #expect(try #require(later.learners.first { $0.name == "Alice" }).answers == 0)
        // ind-c is then Bob's false alarm alone: 1 of 1 wrong.
        let c = try #require(later.indicators.first { $0.indicatorID == "ind-c" })
        #expect(c.falseAlarms == 1 && c.correctRejections == 0 && close(c.wrongRate, 1))
    }

    @Test func answersAtAnOldRevAreLeftOut() throws {
        // Bumping s2's rev sets its answers aside: s2 vanishes from the hardest questions, ind-c from the heat map.
        let bumped = try WorkshopFixture.bank(replacing: ["hospitality/s2.txt": WorkshopFixture.scenario2(rev: 2, title: "An ordinary family")])
        let r = ClassReport.make(bank: bumped, learners: group.learners, events: group.events)
        #expect(r.scenarios.map(\.scenarioID) == ["s1"])
        #expect(!r.indicators.contains { $0.indicatorID == "ind-c" })
        #expect(r.unseenIndicators == ["ind-c", "ind-d"])
    }
}
