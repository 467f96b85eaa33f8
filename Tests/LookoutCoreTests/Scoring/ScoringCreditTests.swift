import Testing
import LookoutCore

@Suite("Scoring: multi-select and single-choice credit")
struct ScoringCreditTests {
    typealias F = ScoringFixtures

    struct Row: CustomTestStringConvertible, Sendable {
        var s: Int, n: Int, h: Int, f: Int, expected: Double
        var testDescription: String { "S=\(s) N=\(n) h=\(h) f=\(f) → \(expected)" }
    }

    // Expected values worked out by hand: max(0, h/S − f/N).
    static let table: [Row] = [
        Row(s: 3, n: 2, h: 2, f: 1, expected: 0.166_666_666_7),  // 2/3 − 1/2
        Row(s: 3, n: 2, h: 3, f: 0, expected: 1.0),               // all signs, no false alarm
        Row(s: 3, n: 2, h: 3, f: 2, expected: 0.0),               // everything ticked: 1 − 1
        Row(s: 3, n: 2, h: 0, f: 0, expected: 0.0),               // nothing ticked
        Row(s: 2, n: 2, h: 1, f: 0, expected: 0.5),               // 1/2
        Row(s: 2, n: 2, h: 2, f: 1, expected: 0.5),               // 1 − 1/2
        Row(s: 4, n: 3, h: 3, f: 1, expected: 0.416_666_666_7),  // 3/4 − 1/3
        Row(s: 1, n: 4, h: 1, f: 1, expected: 0.75),              // 1 − 1/4
        Row(s: 2, n: 1, h: 1, f: 1, expected: 0.0),               // 1/2 − 1 < 0, floored
        Row(s: 5, n: 5, h: 4, f: 2, expected: 0.4),               // 4/5 − 2/5
    ]

    @Test("hand-computed table through a real question", arguments: table)
    func creditTable(row: Row) {
        let question = F.multi(trueSigns: row.s, lookalikes: row.n)
        let chosen = Set((0..<row.h).map { "s\($0 + 1)" } + (0..<row.f).map { "l\($0 + 1)" })
        let result = Scorer.score(question, chosen: chosen)
        #expect(abs(result.credit - row.expected) < 1e-9)
        #expect(result.hits.count == row.h)
        #expect(result.misses.count == row.s - row.h)
        #expect(result.falseAlarms.count == row.f)
        #expect(result.correctRejections.count == row.n - row.f)
        #expect(result.isCorrect == (row.h == row.s && row.f == 0))
        #expect(result.isUnsafe == false)
        #expect(result.action == nil)
        #expect(abs(Scorer.multiCredit(trueSigns: row.s, lookalikes: row.n, hits: row.h, falseAlarms: row.f)
                    - row.expected) < 1e-9)
    }

    @Test("the result lists option ids in option order")
    func resultLists() {
        let question = F.multi("q1", [F.sign("o1", "doc-held"), F.lookalike("o2", near: "cash"),
                                      F.sign("o3", "com-proxy"), F.lookalike("o4", near: "late")])
        let result = Scorer.score(question, chosen: ["o3", "o4"])
        #expect(result.questionID == "q1")
        #expect(result.kind == .multi)
        #expect(result.hits == ["o3"])
        #expect(result.misses == ["o1"])
        #expect(result.falseAlarms == ["o4"])
        #expect(result.correctRejections == ["o2"])
        #expect(abs(result.credit - 0.0) < 1e-12)   // 1/2 − 1/2
    }

    @Test("ticking everything scores 0 whatever the mix")
    func everythingTicked() {
        for s in 1...6 {
            for n in 1...6 {
                let q = F.multi(trueSigns: s, lookalikes: n)
                #expect(Scorer.score(q, chosen: Set(q.options.map(\.id))).credit == 0)
            }
        }
    }

    @Test("no look-alikes (N = 0): h/S minus 0.25 per wrong tick, floored")
    func noLookalikes() {
        let q = F.multi(trueSigns: 3, lookalikes: 0)
        #expect(abs(Scorer.score(q, chosen: ["s1", "s2"]).credit - 0.666_666_666_7) < 1e-9)       // 2/3
        #expect(Scorer.score(q, chosen: ["s1", "s2", "s3"]).credit == 1)
        // A tick that is not a true sign (an id naming no option): 1 − 0.25.
        let stray = Scorer.score(q, chosen: ["s1", "s2", "s3", "zz"])
        #expect(abs(stray.credit - 0.75) < 1e-12)
        #expect(stray.isCorrect == false)
        #expect(stray.falseAlarms.isEmpty)
        // 1/3 − 2 × 0.25 < 0 → 0.
        #expect(Scorer.score(q, chosen: ["s1", "x", "y"]).credit == 0)
        // Another policy.
        let lenient = ScoringPolicy(noLookalikePenaltyPerWrongTick: 0.1)
        #expect(abs(Scorer.score(q, chosen: ["s1", "s2", "s3", "zz"], policy: lenient).credit - 0.9) < 1e-12)
        #expect(ScoringPolicy.standard.noLookalikePenaltyPerWrongTick == 0.25)
    }

    @Test("trafficking: no scene (S = 0): 1 − f/N")
    func noTrueSigns() {
        let q = F.multi(trueSigns: 0, lookalikes: 3)
        #expect(Scorer.score(q, chosen: []).credit == 1)
        #expect(Scorer.score(q, chosen: []).isCorrect)
        #expect(abs(Scorer.score(q, chosen: ["l2"]).credit - 0.666_666_666_7) < 1e-9)    // 1 − 1/3
        #expect(abs(Scorer.score(q, chosen: ["l1", "l3"]).credit - 0.333_333_333_3) < 1e-9)
        #expect(Scorer.score(q, chosen: ["l1", "l2", "l3"]).credit == 0)
        let four = F.multi(trueSigns: 0, lookalikes: 4)
        #expect(abs(Scorer.score(four, chosen: ["l4"]).credit - 0.75) < 1e-12)
    }

    @Test("all wrong: every sign missed and every look-alike ticked scores 0")
    func allWrong() {
        let q = F.multi(trueSigns: 2, lookalikes: 3)
        let r = Scorer.score(q, chosen: ["l1", "l2", "l3"])
        #expect(r.credit == 0)
        #expect(r.misses == ["s1", "s2"])
        #expect(r.correctRejections.isEmpty)
    }

    @Test("single choice: right, wrong, unsafe")
    func singleChoice() {
        let q = F.single("q2", [F.action("a1", .unsafeConfront), F.action("a2", .tellSupervisor, correct: true),
                                F.action("a3", .ignore)])
        let right = Scorer.score(q, chosen: ["a2"])
        #expect(right.credit == 1 && right.isCorrect && !right.isUnsafe && right.action == .tellSupervisor)
        #expect(right.hits.isEmpty && right.falseAlarms.isEmpty)

        let unsafe = Scorer.score(q, chosen: ["a1"])
        #expect(unsafe.credit == 0 && !unsafe.isCorrect && unsafe.isUnsafe && unsafe.action == .unsafeConfront)

        let passive = Scorer.score(q, chosen: ["a3"])
        #expect(passive.credit == 0 && !passive.isUnsafe && passive.action == .ignore)

        let none = Scorer.score(q, chosen: [])
        #expect(none.credit == 0 && !none.isCorrect && none.action == nil && !none.isUnsafe)

        // Two options at once (never from the trainer): wrong, and the unsafe one is not hidden.
        let two = Scorer.score(q, chosen: ["a1", "a2"])
        #expect(two.credit == 0 && !two.isCorrect && two.isUnsafe && two.action == nil)

        let unknown = Scorer.score(q, chosen: ["zz"])
        #expect(unknown.credit == 0 && unknown.action == nil)
    }
}
