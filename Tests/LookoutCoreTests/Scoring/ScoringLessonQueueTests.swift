import Testing
import LookoutCore

@Suite("Scoring: lesson queue (Leitner re-queue)")
struct ScoringLessonQueueTests {
    enum Step { case good, bad, skip }

    /// Runs the queue with a script of answers to whatever is current; returns what was shown,
    /// with repeats marked by a trailing "*".
    static func run(_ ids: [String], _ script: [Step], maxReturns: Int = .max) -> (shown: [String], queue: LessonQueue) {
        var queue = LessonQueue(scenarioIDs: ids, maxReturns: maxReturns)
        var shown: [String] = []
        for step in script {
            guard let current = queue.current else { break }
            shown.append(current + (queue.isRepeat ? "*" : ""))
            switch step {
            case .good: queue.record(answeredWell: true)
            case .bad: queue.record(answeredWell: false)
            case .skip: queue.skipCurrent()
            }
        }
        return (shown, queue)
    }

    @Test("all answered well: lesson order, each once")
    func allGood() {
        let (shown, queue) = Self.run(["A", "B", "C"], [.good, .good, .good])
        #expect(shown == ["A", "B", "C"])
        #expect(queue.isFinished && queue.current == nil && !queue.isRepeat)
    }

    @Test("a bad answer comes back after exactly two others")
    func badComesBackAfterTwo() {
        let (shown, queue) = Self.run(["A", "B", "C", "D", "E"], [.bad, .good, .good, .good, .good, .good])
        #expect(shown == ["A", "B", "C", "A*", "D", "E"])
        #expect(queue.isFinished)
        #expect(queue.repeatCounts == ["A": 1])
    }

    @Test("a repeat answered badly again comes back again, two later")
    func repeatedlyBad() {
        let (shown, queue) = Self.run(["A", "B", "C", "D", "E"],
                                      [.bad, .bad, .good, .bad, .good, .good, .good, .good, .good])
        // A bad → B C A* D E; B bad → C A* B* D E; C good; A* bad → B* D A* E; then all good.
        #expect(shown == ["A", "B", "C", "A*", "B*", "D", "A*", "E"])
        #expect(queue.isFinished)
        #expect(queue.repeatCounts == ["A": 2, "B": 1])
    }

    @Test("fewer than two others left: it comes back at the end")
    func fewerThanTwo() {
        let one = Self.run(["A", "B"], [.bad, .good, .good])
        #expect(one.shown == ["A", "B", "A*"])
        #expect(one.queue.isFinished)

        // The last scenario answered badly comes straight back until answered well.
        let last = Self.run(["A", "B"], [.good, .bad, .bad, .good])
        #expect(last.shown == ["A", "B", "B*", "B*"])
        #expect(last.queue.isFinished)
    }

    @Test("the trainer's queues: a scene comes back at most once in practice, never in a final")
    func capped() {
        let practice = Self.run(["A", "B", "C", "D"], [.bad, .good, .good, .bad, .good, .good, .good, .good], maxReturns: 1)
        // A bad → B C A* D; A* bad again: gone for good.
        #expect(practice.shown == ["A", "B", "C", "A*", "D"])
        #expect(practice.queue.isFinished)
        #expect(practice.queue.repeatCounts == ["A": 1])
        #expect(LessonQueue(scenarioIDs: ["A"], kind: .practice).maxReturns == 1)
        #expect(LessonQueue(scenarioIDs: ["A"], kind: .intro).maxReturns == 1)
        #expect(LessonQueue(scenarioIDs: ["A"], kind: .final).maxReturns == 0)
        let final = Self.run(["A", "B"], [.bad, .bad, .good], maxReturns: 0)
        #expect(final.shown == ["A", "B"])
        #expect(final.queue.isFinished)
        #expect(final.queue.repeatCounts.isEmpty)
    }

    @Test("upcoming shows what is left after the current scenario")
    func upcoming() {
        var queue = LessonQueue(scenarioIDs: ["A", "B", "C", "D"])
        #expect(queue.upcoming == ["B", "C", "D"])
        queue.record(answeredWell: false)
        #expect(queue.current == "B")
        #expect(queue.upcoming == ["C", "A", "D"])
    }

    @Test("skip takes the scenario out with no repeat")
    func skip() {
        let (shown, queue) = Self.run(["A", "B", "C"], [.skip, .good, .good, .good])
        #expect(shown == ["A", "B", "C"])
        #expect(queue.repeatCounts.isEmpty)
        #expect(queue.isFinished)

        // Skipping a re-queued repeat ends its loop: the learner moves on.
        let moved = Self.run(["A"], [.bad, .bad, .skip])
        #expect(moved.shown == ["A", "A*", "A*"])
        #expect(moved.queue.isFinished)
    }

    @Test("an empty lesson is finished at once; recording does nothing")
    func empty() {
        var queue = LessonQueue(scenarioIDs: [])
        #expect(queue.isFinished && queue.current == nil && !queue.isRepeat && queue.upcoming.isEmpty)
        queue.record(answeredWell: false)
        queue.skipCurrent()
        #expect(queue.isFinished && queue == LessonQueue(scenarioIDs: []))
    }

    @Test("answered well means every question right: no missed sign, no false alarm, the best action")
    func answeredWellRule() {
        typealias F = ScoringFixtures
        let multi = F.multi(trueSigns: 2, lookalikes: 2)
        let single = F.single("q2", [F.action("a1", .unsafePay), F.action("a2", .safeReport, correct: true)])
        let perfect = Scorer.score(multi, chosen: ["s1", "s2"])
        let missed = Scorer.score(multi, chosen: ["s1"])
        let overFlagged = Scorer.score(multi, chosen: ["s1", "s2", "l1"])
        let wrongAction = Scorer.score(single, chosen: ["a1"])
        #expect(LessonQueue.answeredWell([perfect, Scorer.score(single, chosen: ["a2"])]))
        #expect(!LessonQueue.answeredWell([missed]))
        #expect(!LessonQueue.answeredWell([overFlagged, wrongAction]))
        #expect(!LessonQueue.answeredWell([perfect, wrongAction]))   // an unsafe action brings the scene back too
        #expect(LessonQueue.answeredWell([]))
    }
}
