/// What the learner should read about one option after answering, in plain words. Shared by the
/// full-screen trainer and the plain line mode, so both say the same thing.
public struct OptionFeedback: Hashable, Sendable {
    public enum Verdict: Hashable, Sendable {
        /// Multi: a true sign the learner ticked.
        case hit
        /// Multi: a true sign the learner did not tick.
        case miss
        /// Multi: a look-alike the learner ticked.
        case falseAlarm
        /// Multi: a look-alike the learner left alone.
        case correctRejection
        /// Single: the learner picked the right answer.
        case chosenRight
        /// Single: the learner picked this wrong answer.
        case chosenWrong
        /// Single: the right answer, which the learner did not pick.
        case missedRight
        /// Single: a wrong answer the learner did not pick.
        case otherWrong

        /// Whether the learner's handling of this option was right.
        public var isRight: Bool {
            switch self {
            case .hit, .correctRejection, .chosenRight, .otherWrong: return true
            case .miss, .falseAlarm, .chosenWrong, .missedRight: return false
            }
        }
    }

    public var index: Int
    public var option: AnswerOption
    public var verdict: Verdict
    /// Whether the learner ticked or chose it.
    public var chosen: Bool
    /// The indicators the option shows (true signs) or imitates (look-alikes), with their titles
    /// and explanations from the taxonomy.
    public var indicators: [Indicator]
    /// For single-choice options: true when the action is unsafe.
    public var isUnsafe: Bool
}

public enum FeedbackBuilder {
    /// One item per option, in `order` (the order the attempt showed them; the question's order by default).
    public static func items(for question: Question, result: QuestionResult, chosen: Set<String>, bank: Bank,
                             order: [AnswerOption]? = nil) -> [OptionFeedback] {
        (order ?? question.options).enumerated().map { index, option in
            let picked = chosen.contains(option.id)
            let verdict: OptionFeedback.Verdict
            switch question.kind {
            case .multi:
                if option.isCorrect { verdict = picked ? .hit : .miss } else { verdict = picked ? .falseAlarm : .correctRejection }
            case .single:
                if option.isCorrect { verdict = picked ? .chosenRight : .missedRight } else { verdict = picked ? .chosenWrong : .otherWrong }
            }
            let ids = option.isCorrect ? option.indicators : option.lookalikeOf
            return OptionFeedback(index: index, option: option, verdict: verdict, chosen: picked,
                                  indicators: ids.compactMap { bank.indicator($0) },
                                  isUnsafe: option.action?.isUnsafe ?? false)
        }
    }
}
