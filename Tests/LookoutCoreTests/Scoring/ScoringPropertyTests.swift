import Testing
import LookoutCore

@Suite("Scoring: properties over random questions")
struct ScoringPropertyTests {
    typealias F = ScoringFixtures

    /// A random multi question and a random choice on it.
    static func randomCase(_ rng: inout ScoringTestRandom) -> (Question, Set<String>) {
        var s = rng.int(7), n = rng.int(7)
        if s + n < 2 { s += 1; n += 1 }
        var options = (0..<s).map { F.sign("s\($0)", "i\(rng.int(3))") }
            + (0..<n).map { F.lookalike("l\($0)", near: "i\(rng.int(3))") }
        // Shuffle the options (Fisher–Yates with the test generator).
        for i in stride(from: options.count - 1, to: 0, by: -1) { options.swapAt(i, rng.int(i + 1)) }
        var chosen = Set(options.filter { _ in rng.bool() }.map(\.id))
        if rng.int(10) == 0 { chosen.insert("stray\(rng.int(3))") }
        return (F.multi("q", options), chosen)
    }

    @Test("credit stays in 0...1; a further hit never lowers it; a further false alarm never raises it")
    func creditMonotone() {
        var rng = ScoringTestRandom(seed: 0x5EED_0001)
        var checkedHits = 0, checkedAlarms = 0
        for _ in 0..<5_000 {
            let (q, chosen) = Self.randomCase(&rng)
            let base = Scorer.score(q, chosen: chosen)
            #expect((0...1).contains(base.credit))
            if let miss = base.misses.first {
                let more = Scorer.score(q, chosen: chosen.union([miss]))
                #expect(more.credit >= base.credit)
                #expect((0...1).contains(more.credit))
                checkedHits += 1
            }
            if let rejection = base.correctRejections.first {
                let more = Scorer.score(q, chosen: chosen.union([rejection]))
                #expect(more.credit <= base.credit)
                #expect((0...1).contains(more.credit))
                checkedAlarms += 1
            }
            // Every option lands in exactly one list.
            #expect(base.hits.count + base.misses.count + base.falseAlarms.count + base.correctRejections.count
                    == q.options.count)
        }
        #expect(checkedHits > 1_000)
        #expect(checkedAlarms > 1_000)
    }

    @Test("the credit formula is bounded for any counts and policy")
    func formulaBounded() {
        var rng = ScoringTestRandom(seed: 42)
        for _ in 0..<5_000 {
            let s = rng.int(8), n = rng.int(8)
            let h = rng.int(s + 1), f = rng.int(n + 1)
            let policy = ScoringPolicy(noLookalikePenaltyPerWrongTick: rng.unit())
            let c = Scorer.multiCredit(trueSigns: s, lookalikes: n, hits: h, falseAlarms: f,
                                       strayTicks: rng.int(3), policy: policy)
            #expect((0...1).contains(c))
            if h < s {
                #expect(Scorer.multiCredit(trueSigns: s, lookalikes: n, hits: h + 1, falseAlarms: f)
                        >= Scorer.multiCredit(trueSigns: s, lookalikes: n, hits: h, falseAlarms: f))
            }
        }
    }

    @Test("knowledge tracing stays in 0...1 and a correct observation never lowers P(L)")
    func knowledgeTracingBounded() {
        var rng = ScoringTestRandom(seed: 7)
        for _ in 0..<2_000 {
            var p = rng.int(4) == 0 ? KnowledgeTracing.initial : rng.unit()
            for _ in 0..<(1 + rng.int(40)) {
                let correct = rng.bool()
                let next = KnowledgeTracing.update(p, correct: correct)
                #expect((0...1).contains(next))
                if correct { #expect(next >= p) }
                p = next
            }
        }
    }

    @Test("z inverts the normal CDF and is odd", arguments: [UInt64(1), 2, 3])
    func zRoundTrip(seed: UInt64) {
        var rng = ScoringTestRandom(seed: seed)
        for _ in 0..<2_000 {
            let p = rng.unit()
            let z = NormalDistribution.inverseCDF(p)
            #expect(abs(NormalDistribution.cdf(z) - p) < 1e-12)
            if p > 1e-6 && p < 1 - 1e-6 {
                #expect(abs(z + NormalDistribution.inverseCDF(1 - p)) < 1e-8)
            }
        }
    }
}
