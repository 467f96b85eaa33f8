/// The outcome of one answered question.
public struct QuestionResult: Sendable, Hashable, Codable {
    public var questionID: String
    public var kind: QuestionKind
    /// 0...1.
    public var credit: Double
    /// Multi: option ids of the true signs ticked (in option order). Empty for single choice.
    public var hits: [String]
    /// Multi: true signs not ticked. Empty for single choice.
    public var misses: [String]
    /// Multi: look-alikes ticked. Empty for single choice.
    public var falseAlarms: [String]
    /// Multi: look-alikes left alone. Empty for single choice.
    public var correctRejections: [String]
    /// Single: the action class of the chosen option (nil when not exactly one option was chosen).
    public var action: ActionClass?
    /// Single: the right option `(*)` was picked. Multi: no misses, no false alarms and no stray ticks.
    public var isCorrect: Bool
    /// Single: a chosen option stands for an unsafe action (``ActionClass/isUnsafe``).
    public var isUnsafe: Bool

    public init(questionID: String, kind: QuestionKind, credit: Double, hits: [String] = [], misses: [String] = [],
                falseAlarms: [String] = [], correctRejections: [String] = [], action: ActionClass? = nil,
                isCorrect: Bool, isUnsafe: Bool = false) {
        self.questionID = questionID
        self.kind = kind
        self.credit = credit
        self.hits = hits
        self.misses = misses
        self.falseAlarms = falseAlarms
        self.correctRejections = correctRejections
        self.action = action
        self.isCorrect = isCorrect
        self.isUnsafe = isUnsafe
    }
}

/// Scores one answer to one question. Pure: the same question and choice always give the same result.
public enum Scorer {
    /// Scores `chosen` (the ticked option ids, or the one picked) against `question`.
    ///
    /// **Multi-select.** Let S be the number of true signs (`[x]`), N the number of look-alikes
    /// (every `[ ]` option; the checker makes sure each has `near:`), h the true signs ticked and f the
    /// look-alikes ticked. Then
    ///
    /// - S > 0, N > 0: credit = max(0, h/S − f/N). Ticking everything scores 0, ticking nothing scores 0.
    /// - S > 0, N = 0: credit = max(0, h/S − p × w), with p = ``ScoringPolicy/noLookalikePenaltyPerWrongTick``
    ///   and w the wrong ticks (ids that are not true signs).
    /// - S = 0, N > 0: the multi question of a `trafficking: no` scene, whose only right answer is to tick
    ///   nothing: credit = max(0, 1 − f/N). Ticking every look-alike scores 0.
    /// - S = 0, N = 0 (cannot pass the checker): credit = max(0, 1 − p × w).
    ///
    /// Ticked ids that name no option of the question ("stray" ticks) are wrong ticks in every case and
    /// cost p each; they are not false alarms on any indicator. The trainer never produces them.
    ///
    /// **Single choice.** Credit 1 if exactly the right option `(*)` was picked, else 0. The result
    /// carries the picked option's action class; `isUnsafe` is set when any picked option is an unsafe
    /// action, so an unsafe choice is always visible on its own and never hidden in an average.
    public static func score(_ question: Question, chosen: Set<String>,
                             policy: ScoringPolicy = .standard) -> QuestionResult {
        switch question.kind {
        case .multi: return scoreMulti(question, chosen: chosen, policy: policy)
        case .single: return scoreSingle(question, chosen: chosen)
        }
    }

    /// The multi-select credit formula on its own (see ``score(_:chosen:policy:)``).
    ///
    /// - Parameters:
    ///   - trueSigns: S, the number of true signs in the question.
    ///   - lookalikes: N, the number of look-alikes in the question.
    ///   - hits: h, true signs ticked (0...S).
    ///   - falseAlarms: f, look-alikes ticked (0...N).
    ///   - strayTicks: ticks that are neither true signs nor look-alikes (ids naming no option).
    /// - Returns: the credit in 0...1.
    public static func multiCredit(trueSigns: Int, lookalikes: Int, hits: Int, falseAlarms: Int,
                                   strayTicks: Int = 0, policy: ScoringPolicy = .standard) -> Double {
        let s = max(0, trueSigns), n = max(0, lookalikes)
        let h = min(max(0, hits), s), f = min(max(0, falseAlarms), n)
        let stray = max(0, strayTicks)
        let penalty = max(0, policy.noLookalikePenaltyPerWrongTick)
        // The hit part: the share of true signs found, or 1 when there is nothing to find.
        let found = s > 0 ? Double(h) / Double(s) : 1
        // The false-alarm part: the share of look-alikes ticked.
        let flagged = n > 0 ? Double(f) / Double(n) : 0
        let credit = found - flagged - penalty * Double(stray)
        return min(1, max(0, credit))
    }

    static func scoreMulti(_ question: Question, chosen: Set<String>, policy: ScoringPolicy) -> QuestionResult {
        var hits: [String] = [], misses: [String] = [], falseAlarms: [String] = [], rejections: [String] = []
        var known = Set<String>()
        for option in question.options {
            known.insert(option.id)
            let ticked = chosen.contains(option.id)
            switch (option.isCorrect, ticked) {
            case (true, true): hits.append(option.id)
            case (true, false): misses.append(option.id)
            case (false, true): falseAlarms.append(option.id)
            case (false, false): rejections.append(option.id)
            }
        }
        let stray = chosen.subtracting(known).count
        let credit = multiCredit(trueSigns: hits.count + misses.count, lookalikes: falseAlarms.count + rejections.count,
                                 hits: hits.count, falseAlarms: falseAlarms.count, strayTicks: stray, policy: policy)
        return QuestionResult(questionID: question.id, kind: .multi, credit: credit, hits: hits, misses: misses,
                              falseAlarms: falseAlarms, correctRejections: rejections, action: nil,
                              isCorrect: misses.isEmpty && falseAlarms.isEmpty && stray == 0, isUnsafe: false)
    }

    static func scoreSingle(_ question: Question, chosen: Set<String>) -> QuestionResult {
        let picked = question.options.filter { chosen.contains($0.id) }
        let exactlyOne = chosen.count == 1 && picked.count == 1
        let isCorrect = exactlyOne && picked[0].isCorrect
        let isUnsafe = picked.contains { $0.action?.isUnsafe == true }
        return QuestionResult(questionID: question.id, kind: .single, credit: isCorrect ? 1 : 0,
                              action: exactlyOne ? picked[0].action : nil, isCorrect: isCorrect, isUnsafe: isUnsafe)
    }
}
