/// Signal-detection figures for a set of yes/no judgements.
///
/// A *signal trial* is a true-sign option shown in a multi-select question (ticked: a hit; left alone:
/// a miss). A *noise trial* is a look-alike option shown (ticked: a false alarm; left alone: a correct
/// rejection).
///
/// Rates use the log-linear correction (Hautus 1995), so they are never exactly 0 or 1:
/// H = (h + 0.5) / (S + 1) and F = (f + 0.5) / (N + 1), where S = hits + misses and N = false alarms +
/// correct rejections. Then
///
/// - sensitivity d′ = z(H) − z(F): how well signs are told apart from look-alikes (0 = not at all);
/// - criterion c = −(z(H) + z(F)) / 2: the response bias. **c < 0 means over-flagging** (ticking too
///   readily), c > 0 means under-flagging (too cautious), 0 is neutral.
///
/// z is ``NormalDistribution/inverseCDF(_:)``.
///
/// d′ and c are only reported when there is enough data: at least ``minimumObservations`` (5) trials in
/// all, with at least one signal trial and one noise trial. Otherwise they are nil. The raw rates h/S and
/// f/N are nil when their denominator is 0.
public struct SignalDetection: Sendable, Hashable, Codable {
    /// The least number of trials (signal + noise) before d′ and c are reported.
    public static let minimumObservations = 5

    public private(set) var hits: Int
    public private(set) var misses: Int
    public private(set) var falseAlarms: Int
    public private(set) var correctRejections: Int

    // Derived figures, stored so that they appear when the value is encoded (reports, exports).

    /// The raw hit rate h/S, nil when S = 0.
    public private(set) var hitRate: Double?
    /// The raw false-alarm rate f/N, nil when N = 0.
    public private(set) var falseAlarmRate: Double?
    /// The corrected hit rate H = (h + 0.5) / (S + 1).
    public private(set) var correctedHitRate: Double
    /// The corrected false-alarm rate F = (f + 0.5) / (N + 1).
    public private(set) var correctedFalseAlarmRate: Double
    /// Sensitivity d′ = z(H) − z(F), nil when there is too little data.
    public private(set) var dPrime: Double?
    /// Criterion c = −(z(H) + z(F)) / 2, nil when there is too little data. Negative means over-flagging.
    public private(set) var criterion: Double?

    public init(hits: Int = 0, misses: Int = 0, falseAlarms: Int = 0, correctRejections: Int = 0) {
        self.hits = max(0, hits)
        self.misses = max(0, misses)
        self.falseAlarms = max(0, falseAlarms)
        self.correctRejections = max(0, correctRejections)
        hitRate = nil
        falseAlarmRate = nil
        correctedHitRate = 0.5
        correctedFalseAlarmRate = 0.5
        dPrime = nil
        criterion = nil
        recompute()
    }

    /// Signal trials, S.
    public var signalTrials: Int { hits + misses }
    /// Noise trials, N.
    public var noiseTrials: Int { falseAlarms + correctRejections }
    /// All trials.
    public var observations: Int { signalTrials + noiseTrials }

    /// There are enough trials for d′ and c.
    public var hasEnoughData: Bool {
        observations >= Self.minimumObservations && signalTrials > 0 && noiseTrials > 0
    }

    /// Adds one signal trial (a true sign shown): a hit if ticked, else a miss.
    public mutating func addSignal(ticked: Bool) {
        if ticked { hits += 1 } else { misses += 1 }
        recompute()
    }

    /// Adds one noise trial (a look-alike shown): a false alarm if ticked, else a correct rejection.
    public mutating func addNoise(ticked: Bool) {
        if ticked { falseAlarms += 1 } else { correctRejections += 1 }
        recompute()
    }

    /// Adds the trials of one scored multi-select question.
    public mutating func add(_ result: QuestionResult) {
        hits += result.hits.count
        misses += result.misses.count
        falseAlarms += result.falseAlarms.count
        correctRejections += result.correctRejections.count
        recompute()
    }

    public static func + (a: SignalDetection, b: SignalDetection) -> SignalDetection {
        SignalDetection(hits: a.hits + b.hits, misses: a.misses + b.misses, falseAlarms: a.falseAlarms + b.falseAlarms,
                        correctRejections: a.correctRejections + b.correctRejections)
    }

    private mutating func recompute() {
        let s = signalTrials, n = noiseTrials
        hitRate = s > 0 ? Double(hits) / Double(s) : nil
        falseAlarmRate = n > 0 ? Double(falseAlarms) / Double(n) : nil
        correctedHitRate = (Double(hits) + 0.5) / (Double(s) + 1)
        correctedFalseAlarmRate = (Double(falseAlarms) + 0.5) / (Double(n) + 1)
        if hasEnoughData {
            let zH = NormalDistribution.inverseCDF(correctedHitRate)
            let zF = NormalDistribution.inverseCDF(correctedFalseAlarmRate)
            dPrime = zH - zF
            criterion = -(zH + zF) / 2
        } else {
            dPrime = nil
            criterion = nil
        }
    }
}
