import Testing
import LookoutCore

@Suite("Scoring: inverse normal, signal detection, knowledge tracing")
struct ScoringSignalDetectionTests {
    struct Known: Sendable, CustomTestStringConvertible {
        var p: Double, z: Double
        var testDescription: String { "z(\(p)) = \(z)" }
    }

    // Reference values of the standard normal quantile function.
    static let known: [Known] = [
        Known(p: 0.5, z: 0),
        Known(p: 0.975, z: 1.959_963_984_540_054),
        Known(p: 0.025, z: -1.959_963_984_540_054),
        Known(p: 0.841_344_7, z: 0.999_999_809_6),   // Φ(1) = 0.8413447460…, so slightly below 1
        Known(p: 0.001, z: -3.090_232_306_167_813),
        Known(p: 0.999, z: 3.090_232_306_167_813),
        Known(p: 0.7, z: 0.524_400_512_708_041_1),
        Known(p: 0.9, z: 1.281_551_565_544_600_5),
        Known(p: 0.05, z: -1.644_853_626_951_472_7),
        Known(p: 1e-9, z: -5.997_807_015_007_686),
    ]

    @Test("z against known values", arguments: known)
    func zKnown(k: Known) {
        #expect(abs(NormalDistribution.inverseCDF(k.p) - k.z) < 1e-7)
    }

    @Test("z at the edges")
    func zEdges() {
        #expect(NormalDistribution.inverseCDF(0.5) == 0)
        #expect(abs(NormalDistribution.inverseCDF(0.841_344_7) - 1.0) < 1e-6)
        #expect(NormalDistribution.inverseCDF(0) == -.infinity)
        #expect(NormalDistribution.inverseCDF(1) == .infinity)
        #expect(NormalDistribution.inverseCDF(-0.1).isNaN)
        #expect(NormalDistribution.inverseCDF(1.5).isNaN)
        #expect(NormalDistribution.inverseCDF(.nan).isNaN)
        #expect(abs(NormalDistribution.cdf(1) - 0.841_344_746_068_542_9) < 1e-12)
    }

    @Test("d′ and c, hand-computed: symmetric performance has c = 0")
    func symmetric() {
        // h = 3 of S = 4, f = 1 of N = 4: H = 3.5/5 = 0.7, F = 1.5/5 = 0.3.
        let d = SignalDetection(hits: 3, misses: 1, falseAlarms: 1, correctRejections: 3)
        #expect(d.hitRate == 0.75)
        #expect(d.falseAlarmRate == 0.25)
        #expect(abs(d.correctedHitRate - 0.7) < 1e-12)
        #expect(abs(d.correctedFalseAlarmRate - 0.3) < 1e-12)
        // z(0.7) = 0.5244005, z(0.3) = −0.5244005.
        #expect(abs((d.dPrime ?? .nan) - 1.048_801_025_4) < 1e-8)
        #expect(abs(d.criterion ?? .nan) < 1e-9)
    }

    @Test("over-flagging gives c < 0, under-flagging c > 0")
    func criterionSign() {
        // h = 4 of 4, f = 2 of 4: H = 4.5/5 = 0.9, F = 2.5/5 = 0.5.
        // d′ = 1.2815516 − 0 ; c = −(1.2815516 + 0)/2 = −0.6407758.
        let liberal = SignalDetection(hits: 4, misses: 0, falseAlarms: 2, correctRejections: 2)
        #expect(abs((liberal.dPrime ?? .nan) - 1.281_551_565_5) < 1e-8)
        #expect(abs((liberal.criterion ?? .nan) + 0.640_775_782_8) < 1e-8)
        // h = 2 of 4, f = 0 of 4: H = 0.5, F = 0.1 → c = −(0 − 1.2815516)/2 = +0.6407758.
        let cautious = SignalDetection(hits: 2, misses: 2, falseAlarms: 0, correctRejections: 4)
        #expect(abs((cautious.criterion ?? .nan) - 0.640_775_782_8) < 1e-8)
        #expect(cautious.hitRate == 0.5)
        #expect(cautious.falseAlarmRate == 0)
    }

    @Test("d′ and c need at least 5 trials with both kinds; raw rates need a denominator")
    func threshold() {
        #expect(SignalDetection.minimumObservations == 5)
        let four = SignalDetection(hits: 2, misses: 0, falseAlarms: 1, correctRejections: 1)
        #expect(four.dPrime == nil && four.criterion == nil)
        #expect(four.hitRate == 1 && four.falseAlarmRate == 0.5)
        let five = SignalDetection(hits: 2, misses: 1, falseAlarms: 1, correctRejections: 1)
        #expect(five.dPrime != nil && five.criterion != nil)
        let signalsOnly = SignalDetection(hits: 6, misses: 2)
        #expect(signalsOnly.dPrime == nil)
        #expect(signalsOnly.falseAlarmRate == nil)
        #expect(signalsOnly.hitRate == 0.75)
        let empty = SignalDetection()
        #expect(empty.hitRate == nil && empty.falseAlarmRate == nil && empty.observations == 0)
        #expect(empty.correctedHitRate == 0.5)
    }

    @Test("adding trials one by one equals building from counts")
    func incremental() {
        var d = SignalDetection()
        d.addSignal(ticked: true); d.addSignal(ticked: true); d.addSignal(ticked: false)
        d.addNoise(ticked: true); d.addNoise(ticked: false); d.addNoise(ticked: false)
        #expect(d == SignalDetection(hits: 2, misses: 1, falseAlarms: 1, correctRejections: 2))
        #expect(d + d == SignalDetection(hits: 4, misses: 2, falseAlarms: 2, correctRejections: 4))
    }

    @Test("knowledge tracing: two steps by hand")
    func bktTwoSteps() {
        #expect(KnowledgeTracing.initial == 0.2)
        #expect(KnowledgeTracing.transit == 0.15)
        #expect(KnowledgeTracing.guess == 0.2)
        #expect(KnowledgeTracing.slip == 0.1)
        // Correct from 0.2: posterior 0.2·0.9 / (0.18 + 0.8·0.2) = 0.18/0.34 = 0.5294118;
        // learning: 0.5294118 + 0.4705882·0.15 = 0.6.
        let one = KnowledgeTracing.update(0.2, correct: true)
        #expect(abs(one - 0.6) < 1e-12)
        // Correct again: 0.54 / (0.54 + 0.4·0.2) = 0.8709677; + 0.1290323·0.15 = 0.8903226.
        let two = KnowledgeTracing.update(one, correct: true)
        #expect(abs(two - 0.890_322_580_6) < 1e-9)
        // Incorrect from 0.2: 0.02 / (0.02 + 0.8·0.8) = 0.0303030; + 0.9696970·0.15 = 0.1757576.
        let wrong = KnowledgeTracing.update(0.2, correct: false)
        #expect(abs(wrong - 0.175_757_575_8) < 1e-9)
        // Then correct: 0.1757576·0.9 / (0.1581818 + 0.8242424·0.2) = 0.1581818/0.3230303 = 0.4896811;
        // + 0.5103189·0.15 = 0.5662289.
        let back = KnowledgeTracing.update(wrong, correct: true)
        #expect(abs(back - 0.566_228_893_1) < 1e-9)
        #expect(KnowledgeTracing.run([true, true]) == two)
    }

    @Test("mastery needs P(L) ≥ 0.95 and a false-alarm rate ≤ 0.2")
    func mastery() {
        #expect(KnowledgeTracing.isMastered(known: 0.95, falseAlarmRate: nil))
        #expect(KnowledgeTracing.isMastered(known: 0.96, falseAlarmRate: 0.2))
        #expect(!KnowledgeTracing.isMastered(known: 0.96, falseAlarmRate: 0.25))
        #expect(!KnowledgeTracing.isMastered(known: 0.949, falseAlarmRate: 0))
        // Two correct observations in a row give 0.890 (not enough); a third, by hand:
        // 0.8903226·0.9 / (0.8012903 + 0.1096774·0.2) = 0.9733542; + 0.0266458·0.15 = 0.9773511.
        #expect(KnowledgeTracing.run([true, true]) < KnowledgeTracing.masteryThreshold)
        #expect(abs(KnowledgeTracing.run([true, true, true]) - 0.977_351_097_2) < 1e-9)
    }

    @Test("mastery needs evidence both ways: 3 true signs judged (with a hit) and 2 look-alikes judged")
    func masteryNeedsEvidence() {
        // Only look-alikes left alone: P(L) can be high, but no hit at all.
        #expect(!KnowledgeTracing.isMastered(known: 0.99, detection: SignalDetection(correctRejections: 6)))
        // Ticking everything before any look-alike of it was shown: hits only.
        #expect(!KnowledgeTracing.isMastered(known: 0.99, detection: SignalDetection(hits: 6)))
        #expect(!KnowledgeTracing.isMastered(known: 0.99, detection: SignalDetection(hits: 2, correctRejections: 2)))
        #expect(!KnowledgeTracing.isMastered(known: 0.99, detection: SignalDetection(hits: 3, correctRejections: 1)))
        #expect(KnowledgeTracing.isMastered(known: 0.99, detection: SignalDetection(hits: 3, correctRejections: 2)))
        #expect(!KnowledgeTracing.isMastered(known: 0.99, detection: SignalDetection(hits: 3, falseAlarms: 1, correctRejections: 1)))
        #expect(!KnowledgeTracing.isMastered(known: 0.9, detection: SignalDetection(hits: 5, correctRejections: 5)))
    }

    @Test("figures never print as -0.000, and a criterion that rounds to zero is balanced")
    func figureFormat() {
        #expect(FigureFormat.decimal(-1e-16, digits: 3) == "0.000")
        #expect(FigureFormat.decimal(1e-16, digits: 2) == "0.00")
        #expect(FigureFormat.decimal(-0.0004, digits: 3) == "0.000")
        #expect(FigureFormat.decimal(-0.0006, digits: 3) == "-0.001")
        #expect(FigureFormat.decimal(1.23456, digits: 2) == "1.23")
        #expect(FigureFormat.decimal(-2.5, digits: 1) == "-2.5")
        #expect(FigureFormat.decimal(0.05, digits: 0) == "0")
        #expect(FigureFormat.decimal(nil, digits: 2) == nil)
        #expect(FigureFormat.decimal(.nan, digits: 2) == nil)
        #expect(FigureFormat.criterionWords(1e-16) == "balanced")
        #expect(FigureFormat.criterionWords(-1e-16) == "balanced")
        #expect(FigureFormat.criterionWords(-0.3) == "over-flagging")
        #expect(FigureFormat.criterionWords(0.3) == "missing signs")
    }
}
