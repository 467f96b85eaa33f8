import Testing
import LookoutCore

@Suite("Scoring: lesson results from first attempts")
struct ScoringLessonScoringTests {
    typealias F = ScoringFixtures
    typealias B = ScoringBank

    @Test("first attempts only: repeats do not change the result")
    func firstAttemptsOnly() {
        var log = F.EventLog()
        B.firstRun(&log)
        let result = LessonScoring.result(lesson: B.mainLesson, bank: B.bank(), events: log.events)
        // Credits 0, 0, 1, 1, 1 → 60 % < 70.
        #expect(abs(result.scorePercent - 60) < 1e-9)
        #expect(result.passMark == 70)
        #expect(!result.passed)
        #expect(result.lessonID == "l-main")
        #expect(result.answeredQuestions == 5 && result.totalQuestions == 5)
        // Guesthouse q1: 1 hit, 1 miss, 1 false alarm; kitchen: 2 hits.
        #expect(result.hits == 3 && result.misses == 1 && result.falseAlarms == 1)
        #expect(result.unsafeChoices == 1)
        #expect(result.indicatorsToReview == ["com-proxy", "late"])

        // Without the repeats the result is the same.
        let firsts = log.events.filter { !$0.isRepeat }
        #expect(LessonScoring.result(lesson: B.mainLesson, bank: B.bank(), events: firsts) == result)
        // With only the repeats nothing counts.
        let repeats = log.events.filter(\.isRepeat)
        let none = LessonScoring.result(lesson: B.mainLesson, bank: B.bank(), events: repeats)
        #expect(none.answeredQuestions == 0 && none.scorePercent == 0 && !none.passed)
    }

    @Test("the earliest first attempt of a question counts; event order does not matter")
    func earliestCounts() {
        var log = F.EventLog()
        B.perfectRun(&log, attempt: "t1")
        log.answer(B.couple, "q1", ["o1", "o2", "o3"], lesson: "l-main", attempt: "t1")   // later, all wrong
        let result = LessonScoring.result(lesson: B.mainLesson, bank: B.bank(), events: log.events.reversed())
        #expect(result.scorePercent == 100)
        #expect(result.passed)
        #expect(result.indicatorsToReview.isEmpty)
        #expect(result.falseAlarms == 0)
    }

    @Test("both parts must reach the pass mark: a high overall score is not enough")
    func bothParts() {
        // l-couple, pass mark 80: q1 with one of three look-alikes ticked = 2/3, q2 right = 1 → 83.3 % overall,
        // but the signs part is 66.7 % < 80: not passed.
        var log = F.EventLog()
        log.answer(B.couple, "q1", ["o2"], lesson: "l-couple", attempt: "t")
        log.answer(B.couple, "q2", ["a1"], lesson: "l-couple", attempt: "t")
        let r = LessonScoring.result(lesson: B.coupleLesson, bank: B.bank(), events: log.events)
        #expect(abs(r.scorePercent - 83.333_333_333) < 1e-6)
        #expect(!r.passed)
        #expect(r.shortfalls == [.signsBelowMark])
        #expect(r.indicatorsToReview == ["com-proxy"])
        #expect(r.overflaggedIndicators == ["com-proxy"] && r.missedIndicators.isEmpty)

        // 4 of 5 at 100 % and one action at 0 → 80 % overall, but the actions part is 50 %.
        let lesson = F.lesson("l-80", passMark: 80, ["s-guesthouse", "s-couple", "s-kitchen"])
        var log2 = F.EventLog()
        B.perfectRun(&log2, attempt: "t")
        log2.events[1].chosen = ["a3"]   // guesthouse q2: ignore → 0
        let r2 = LessonScoring.result(lesson: lesson, bank: B.bank(), events: log2.events)
        #expect(abs(r2.scorePercent - 80) < 1e-9)
        #expect(!r2.passed)
        #expect(r2.shortfalls == [.actionsBelowMark])
        #expect(r2.unsafeChoices == 0)
    }

    @Test("a part that reaches the pass mark exactly passes, also after floating-point sums")
    func exactPassMark() {
        func judge(signs: Double, of n: Int, actions: Double, of m: Int) -> PassRule.Verdict {
            PassRule.judge(PassRule.Input(kind: .practice, passMark: 80, signsCredit: signs, signsQuestions: n,
                                          actionsCredit: actions, actionsQuestions: m, answeredQuestions: n + m,
                                          totalQuestions: n + m, unsafeChoices: 0))
        }
        let eighths = (0..<8).reduce(0.0) { sum, _ in sum + 0.1 }       // 0.7999999999999999
        #expect(eighths < 0.8)
        let v = judge(signs: eighths, of: 1, actions: 1, of: 1)
        #expect(v.passed)
        #expect(ScoreFormat.whole(v.signsPercent!) == 80)                 // shown 80, and passed: they agree
        let below = judge(signs: 0.79, of: 1, actions: 1, of: 1)
        #expect(!below.passed && ScoreFormat.percent(below.signsPercent!) == "79%")
        // No question of a kind: that part does not block a pass.
        #expect(judge(signs: 0, of: 0, actions: 1, of: 1).passed)
        #expect(judge(signs: 0, of: 0, actions: 1, of: 1).signsPercent == nil)
    }

    @Test("an empty lesson: nothing to answer, not passed")
    func emptyLesson() {
        var log = F.EventLog()
        B.firstRun(&log)
        let r = LessonScoring.result(lesson: B.emptyLesson, bank: B.bank(), events: log.events)
        #expect(r.totalQuestions == 0 && r.answeredQuestions == 0)
        #expect(r.scorePercent == 0 && !r.passed)
        #expect(r.hits == 0 && r.unsafeChoices == 0 && r.indicatorsToReview.isEmpty)
    }

    @Test("answers to an older rev and to other scenarios are not counted")
    func otherRevs() {
        var log = F.EventLog()
        B.firstRun(&log, kitchenRev: 1)   // kitchen answered at rev 1, the bank has rev 2
        let r = LessonScoring.result(lesson: B.mainLesson, bank: B.bank(), events: log.events)
        #expect(r.answeredQuestions == 4 && r.totalQuestions == 5)
        #expect(abs(r.scorePercent - 40) < 1e-9)   // 0, 0, 1, 1 and the unanswered kitchen question 0
        #expect(r.hits == 1)
    }

    @Test("a skipped scenario counts as not answered: the lesson is not passed")
    func skippedScenario() {
        var log = F.EventLog()
        B.perfectRun(&log, attempt: "t")
        let withoutCouple = log.events.filter { $0.scenarioID != "s-couple" }
        let r = LessonScoring.result(lesson: B.mainLesson, bank: B.bank(), events: withoutCouple)
        #expect(r.answeredQuestions == 3 && r.totalQuestions == 5)
        #expect(abs(r.scorePercent - 60) < 1e-9)
        #expect(!r.passed)
        #expect(r.shortfalls.first == .unanswered(questions: 2))
    }
}
