/// Bayesian Knowledge Tracing (Corbett & Anderson 1995) of one indicator, with fixed parameters.
///
/// P(L) is the probability that the learner has mastered the indicator. It starts at ``initial`` and is
/// updated once per observation:
///
/// - correct:   P(L | obs) = P(L)(1 − slip) / (P(L)(1 − slip) + (1 − P(L)) guess)
/// - incorrect: P(L | obs) = P(L) slip / (P(L) slip + (1 − P(L))(1 − guess))
/// - then learning: P(L) ← P(L | obs) + (1 − P(L | obs)) transit
///
/// **Observations.** Every option shown in an answered multi-select question that is tagged with an
/// indicator is one observation of that indicator (an option tagged with two indicators is one
/// observation of each):
///
/// - a true sign with `ind: I`: ticked = correct observation of I, left alone = incorrect;
/// - a look-alike with `near: I`: ticked = incorrect (a false alarm on I), left alone = correct.
///
/// Within one answer, observations are taken in option order; answers in time order.
///
/// An indicator is **mastered** when there is real evidence both ways and it is good:
/// P(L) ≥ ``masteryThreshold`` (0.95), at least ``minimumSignTrials`` (3) true signs of it judged (hits
/// plus misses), at least ``minimumLookalikeTrials`` (2) of its look-alikes judged (false alarms plus
/// correct rejections), and a raw false-alarm rate on those look-alikes of at most
/// ``maximumFalseAlarmRate`` (0.2). So it cannot be mastered with no hit at all (only look-alikes left
/// alone), nor by ticking everything before any look-alike of it was shown.
public enum KnowledgeTracing {
    /// P(L₀): the prior probability of already knowing an indicator.
    public static let initial = 0.2
    /// P(T): the probability of learning it at each observation.
    public static let transit = 0.15
    /// P(G): the probability of answering correctly without knowing it.
    public static let guess = 0.2
    /// P(S): the probability of answering wrongly despite knowing it.
    public static let slip = 0.1
    /// P(L) at or above this counts as mastered (with the false-alarm condition).
    public static let masteryThreshold = 0.95
    /// The highest false-alarm rate on an indicator's look-alikes that still counts as mastered.
    public static let maximumFalseAlarmRate = 0.2
    /// True signs of the indicator the learner must have judged before it can count as mastered.
    public static let minimumSignTrials = 3
    /// Look-alikes of the indicator the learner must have judged before it can count as mastered.
    public static let minimumLookalikeTrials = 2

    /// P(L) after one observation, starting from `known`.
    public static func update(_ known: Double, correct: Bool) -> Double {
        let p = min(1, max(0, known))
        let posterior: Double
        if correct {
            let num = p * (1 - slip)
            let den = num + (1 - p) * guess
            posterior = den > 0 ? num / den : p
        } else {
            let num = p * slip
            let den = num + (1 - p) * (1 - guess)
            posterior = den > 0 ? num / den : p
        }
        return min(1, max(0, posterior + (1 - posterior) * transit))
    }

    /// P(L) after a sequence of observations (true = correct), starting from ``initial``.
    public static func run(_ observations: [Bool], from start: Double = initial) -> Double {
        observations.reduce(start) { update($0, correct: $1) }
    }

    /// Whether an indicator counts as mastered.
    /// - Parameters:
    ///   - known: P(L).
    ///   - falseAlarmRate: the raw false-alarm rate on the indicator's look-alikes, nil if none were shown.
    public static func isMastered(known: Double, falseAlarmRate: Double?) -> Bool {
        known >= masteryThreshold && (falseAlarmRate ?? 0) <= maximumFalseAlarmRate
    }

    /// Whether an indicator counts as mastered, with the evidence rule (see above).
    public static func isMastered(known: Double, detection d: SignalDetection) -> Bool {
        d.signalTrials >= minimumSignTrials && d.noiseTrials >= minimumLookalikeTrials && d.hits > 0
            && isMastered(known: known, falseAlarmRate: d.falseAlarmRate)
    }
}
