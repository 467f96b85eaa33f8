/// The one rule that decides whether a lesson attempt is passed, and the one way scores are shown.
///
/// Every place that gives a verdict (the trainer's summary, `progress`, `report`, `certificate`, the audit of
/// cue strategies, xAPI statements) calls ``PassRule/judge(_:)``; every place that prints a score calls
/// ``ScoreFormat/percent(_:)``.
///
/// An attempt is judged on the learner's first answer to each question of the lesson's scenes:
///
/// - **score**: the mean credit over *all* the lesson's questions; a skipped or unanswered scene counts 0;
/// - **signs part**: the mean credit over the "which details are warning signs?" (multi) questions;
/// - **actions part**: the mean credit over the "what do you do?" (single) questions;
/// - **passed** when every scene was answered, the signs part and the actions part each reach the pass mark,
///   and, in a final (`kind: final`), no answer was an unsafe action (``ActionClass/isUnsafe``; an over-report,
///   `act: over-report`, is wrong but not unsafe: it only lowers the actions part).
///
/// The questions are those of the scenes that fill the lesson's places in the attempt (``AttemptScenes``): a
/// content-noted scene the learner skipped is replaced by the alternate (`alternate-for:`) answered in its place.
///
/// A lesson with no questions of one kind has no such part, and that part does not stop a pass. Comparisons
/// use the unrounded values; scores are shown rounded down, so a shown score never contradicts the verdict
/// (79.9% shows as 79%, and is not a pass at 80).
public enum PassRule {
    /// Why an attempt is not passed, in the order they are shown.
    public enum Shortfall: Hashable, Sendable, Codable {
        /// Questions not answered (scenes skipped after their content note, or not reached yet).
        case unanswered(questions: Int)
        /// The signs part is below the pass mark.
        case signsBelowMark
        /// The actions part is below the pass mark.
        case actionsBelowMark
        /// An unsafe action was chosen in a final.
        case unsafeInFinal(count: Int)
    }

    /// What the rule needs to know about an attempt.
    public struct Input: Hashable, Sendable {
        public var kind: LessonKind
        public var passMark: Int
        /// Sums of first-answer credit and the number of questions of each kind in the whole lesson.
        public var signsCredit: Double, signsQuestions: Int
        public var actionsCredit: Double, actionsQuestions: Int
        public var answeredQuestions: Int, totalQuestions: Int
        public var unsafeChoices: Int

        public init(kind: LessonKind, passMark: Int, signsCredit: Double, signsQuestions: Int, actionsCredit: Double,
                    actionsQuestions: Int, answeredQuestions: Int, totalQuestions: Int, unsafeChoices: Int) {
            self.kind = kind
            self.passMark = passMark
            self.signsCredit = signsCredit
            self.signsQuestions = signsQuestions
            self.actionsCredit = actionsCredit
            self.actionsQuestions = actionsQuestions
            self.answeredQuestions = answeredQuestions
            self.totalQuestions = totalQuestions
            self.unsafeChoices = unsafeChoices
        }
    }

    public struct Verdict: Hashable, Sendable, Codable {
        public var passed: Bool
        /// 0...100 over all questions.
        public var scorePercent: Double
        /// nil when the lesson has no questions of that kind.
        public var signsPercent: Double?
        public var actionsPercent: Double?
        /// Empty exactly when passed.
        public var shortfalls: [Shortfall]
    }

    /// Why an attempt is not passed, in the rule's own words (for the command line: certificates, reports):
    /// "1 unsafe choice in a final assessment", "acting safely 60% (needs 70%)", "3 questions not answered".
    public static func reasons(_ shortfalls: [Shortfall], signsPercent: Double?, actionsPercent: Double?,
                               passMark: Int) -> [String] {
        shortfalls.map { shortfall in
            switch shortfall {
            case .unanswered(let n): return "\(n) question\(n == 1 ? "" : "s") not answered"
            case .signsBelowMark:
                return "spotting the signs \(signsPercent.map(ScoreFormat.percent) ?? "-") (needs \(passMark)%)"
            case .actionsBelowMark:
                return "acting safely \(actionsPercent.map(ScoreFormat.percent) ?? "-") (needs \(passMark)%)"
            case .unsafeInFinal(let n): return "\(n) unsafe choice\(n == 1 ? "" : "s") in a final assessment"
            }
        }
    }

    /// Tolerance for comparing sums of fractions with a whole-number mark.
    static let epsilon = 1e-9

    /// True when `percent` reaches `mark` (with a tolerance for floating-point sums).
    public static func reaches(_ percent: Double, _ mark: Int) -> Bool { percent + epsilon >= Double(mark) }

    public static func judge(_ input: Input) -> Verdict {
        func percent(_ credit: Double, _ count: Int) -> Double? { count > 0 ? credit / Double(count) * 100 : nil }
        let total = input.signsQuestions + input.actionsQuestions
        let score = total > 0 ? (input.signsCredit + input.actionsCredit) / Double(total) * 100 : 0
        let signs = percent(input.signsCredit, input.signsQuestions)
        let actions = percent(input.actionsCredit, input.actionsQuestions)
        var shortfalls: [Shortfall] = []
        let unanswered = max(0, input.totalQuestions - input.answeredQuestions)
        if unanswered > 0 || input.answeredQuestions == 0 { shortfalls.append(.unanswered(questions: unanswered)) }
        if let signs, !reaches(signs, input.passMark) { shortfalls.append(.signsBelowMark) }
        if let actions, !reaches(actions, input.passMark) { shortfalls.append(.actionsBelowMark) }
        if input.kind.isAssessment && input.unsafeChoices > 0 { shortfalls.append(.unsafeInFinal(count: input.unsafeChoices)) }
        return Verdict(passed: shortfalls.isEmpty, scorePercent: score, signsPercent: signs, actionsPercent: actions,
                       shortfalls: shortfalls)
    }
}

/// The one score formatter: whole percent, rounded down (see ``PassRule``).
public enum ScoreFormat {
    /// "79" for 79.99; clamped to 0...100.
    public static func whole(_ percent: Double) -> Int {
        Int((min(100, max(0, percent)) + PassRule.epsilon).rounded(.down))
    }

    /// "79%" for 79.99.
    public static func percent(_ percent: Double) -> String { "\(whole(percent))%" }
}

/// The one way a figure with decimals is printed (rates, d′, c, P(L)): a dot, a fixed number of digits, and never
/// "-0.000" (a value that rounds to zero prints as zero).
public enum FigureFormat {
    public static func decimal(_ value: Double?, digits: Int) -> String? {
        guard let value, value.isFinite else { return nil }
        let scale = pow10(digits)
        var rounded = (value * scale).rounded() / scale
        if rounded == 0 { rounded = 0 }                     // turns -0.0 into 0.0
        let negative = rounded < 0
        let units = Int64((abs(rounded) * scale).rounded())
        let whole = units / Int64(scale)
        let fraction = units % Int64(scale)
        var text = (negative ? "-" : "") + String(whole)
        if digits > 0 {
            let digitsText = String(fraction)
            text += "." + String(repeating: "0", count: digits - digitsText.count) + digitsText
        }
        return text
    }

    static func pow10(_ n: Int) -> Double { (0..<max(0, n)).reduce(1.0) { value, _ in value * 10 } }

    /// What the response criterion c says, in words: "balanced" when |c| is below what two decimals show.
    public static func criterionWords(_ c: Double) -> String {
        if abs(c) < 0.005 { return "balanced" }
        return c < 0 ? "over-flagging" : "missing signs"
    }
}
