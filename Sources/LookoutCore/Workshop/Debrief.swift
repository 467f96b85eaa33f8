/// What a facilitator shows the class after a lesson: for every question answered, the story's title, the question,
/// each option with how many learners ticked or chose it, the true signs, look-alikes, right and unsafe answers
/// marked, and each option's explanation; and the hardest items, ranked so that an item answered by two people does
/// not outrank a class-wide problem. Pure: computed from the bank, the learners and their events; holds no names.
///
/// Definitions:
///
/// - **Which answers.** Each learner's *first* answer to each question (their earliest counted event for it, in
///   time order, whatever the lesson or attempt), among the events in scope (``ClassReportFilter``) of the learners
///   given. An event counts when its scenario is in the bank at the same rev and its question still exists (as in
///   ``ProgressEngine``). `answers` (n) is the number of learners who answered the question.
/// - **Counts.** An option's `chosen` is the number of those first answers that ticked (multi) or picked (single)
///   it; `share` = chosen / n.
/// - **Errors.** A first answer is an error when it is not fully right (``QuestionResult/isCorrect`` is false: a
///   sign missed, a look-alike ticked, or a wrong action picked). `errorRate` = errors / n.
/// - **Ranking.** ``hardest`` orders the items by the lower bound of the 95 % Wilson score interval on the error
///   rate (z = 1.96), highest first; ties by more answers, then scenario id and question id. With few answers the
///   lower bound is low, so one learner's mistake does not top the list: 1 error of 1 gives 0.21, 5 of 6 gives 0.44.
/// - **Order of ``items``.** The scenarios of the lesson in scope (`filter.lessonID`) in lesson order, else the
///   bank's order; questions in written order; only questions with at least one answer.
public struct Debrief: Sendable, Hashable, Codable {
    /// What an option is, as the debrief marks it.
    public enum Role: String, Sendable, Hashable, Codable {
        /// Multi: a true warning sign (`[x]`).
        case trueSign = "true-sign"
        /// Multi: a harmless detail that looks like a sign (`near:`).
        case lookalike
        /// Single: the right answer (`(*)`).
        case right
        /// Single: an unsafe action.
        case unsafe
        /// Single: reporting an ordinary situation (`act: over-report`): wrong, not unsafe.
        case overReport = "over-report"
        /// Any other option.
        case other
    }

    public struct Option: Sendable, Hashable, Codable {
        public var optionID: String
        public var text: String
        public var role: Role
        /// First answers that ticked or chose it.
        public var chosen: Int
        /// chosen / the question's answers (0 when nobody answered).
        public var share: Double
        /// The option's explanation (`why:`).
        public var explanation: String
        /// The titles of the indicators it shows (true sign) or imitates (look-alike).
        public var indicators: [String]

        public init(optionID: String, text: String, role: Role, chosen: Int, share: Double, explanation: String,
                    indicators: [String]) {
            self.optionID = optionID
            self.text = text
            self.role = role
            self.chosen = chosen
            self.share = share
            self.explanation = explanation
            self.indicators = indicators
        }
    }

    public struct Item: Sendable, Hashable, Codable {
        public var scenarioID: String
        public var scenarioTitle: String
        /// false for an ordinary scene with no trafficking in it.
        public var trafficking: Bool
        public var questionID: String
        /// 1-based position of the question in its scenario.
        public var questionNumber: Int
        public var kind: QuestionKind
        public var prompt: String
        /// n: learners whose first answer is counted.
        public var answers: Int
        public var errors: Int
        public var unsafeChoices: Int
        /// errors / n.
        public var errorRate: Double
        /// The lower bound of the 95 % Wilson interval on the error rate.
        public var errorLowerBound: Double
        /// In written order.
        public var options: [Option]

        public init(scenarioID: String, scenarioTitle: String, trafficking: Bool, questionID: String,
                    questionNumber: Int, kind: QuestionKind, prompt: String, answers: Int, errors: Int,
                    unsafeChoices: Int, errorRate: Double, errorLowerBound: Double, options: [Option]) {
            self.scenarioID = scenarioID
            self.scenarioTitle = scenarioTitle
            self.trafficking = trafficking
            self.questionID = questionID
            self.questionNumber = questionNumber
            self.kind = kind
            self.prompt = prompt
            self.answers = answers
            self.errors = errors
            self.unsafeChoices = unsafeChoices
            self.errorRate = errorRate
            self.errorLowerBound = errorLowerBound
            self.options = options
        }
    }

    /// z for a 95 % interval.
    public static let z = 1.96

    public var filter: ClassReportFilter
    /// Learners with at least one counted first answer.
    public var learners: Int
    /// First answers counted, over all items.
    public var firstAnswers: Int
    /// See "Order of items" above.
    public var items: [Item]
    /// The same items, hardest first (see "Ranking").
    public var hardest: [Item]

    public init(filter: ClassReportFilter, learners: Int, firstAnswers: Int, items: [Item], hardest: [Item]) {
        self.filter = filter
        self.learners = learners
        self.firstAnswers = firstAnswers
        self.items = items
        self.hardest = hardest
    }

    /// The lower bound of the Wilson score interval for `errors` out of `n` (0 when n is 0):
    /// (p + z²/2n − z·√(p(1−p)/n + z²/4n²)) / (1 + z²/n), p = errors/n.
    public static func wilsonLowerBound(errors: Int, n: Int, z: Double = Debrief.z) -> Double {
        guard n > 0 else { return 0 }
        let nn = Double(n)
        let p = Double(min(max(0, errors), n)) / nn
        let z2 = z * z
        let centre = p + z2 / (2 * nn)
        let spread = z * (p * (1 - p) / nn + z2 / (4 * nn * nn)).squareRoot()
        return max(0, (centre - spread) / (1 + z2 / nn))
    }

    /// Builds the debrief. Events of learners not in `learners` are left out.
    public static func make(bank: Bank, learners: [Learner], events: [AnswerEvent],
                            filter: ClassReportFilter = ClassReportFilter(),
                            policy: ScoringPolicy = .standard) -> Debrief {
        let known = Set(learners.map(\.id))
        struct Tally {
            var answers = 0, errors = 0, unsafe = 0
            var chosen: [String: Int] = [:]
        }
        var tallies: [QuestionKey: Tally] = [:]
        var seen = Set<String>()
        var active = Set<String>()
        var total = 0
        for event in EventOrder.sorted(events) where known.contains(event.learnerID) && filter.includes(event) {
            guard let scenario = bank.scenario(event.scenarioID), scenario.rev == event.scenarioRev,
                  let question = scenario.question(event.questionID) else { continue }
            guard seen.insert(event.learnerID + "\u{1F}" + scenario.id + "\u{1F}" + question.id).inserted else { continue }
            let result = Scorer.score(question, chosen: Set(event.chosen), policy: policy)
            let key = QuestionKey(scenarioID: scenario.id, questionID: question.id)
            var tally = tallies[key] ?? Tally()
            tally.answers += 1
            if !result.isCorrect { tally.errors += 1 }
            if result.isUnsafe { tally.unsafe += 1 }
            let options = Set(question.options.map(\.id))
            for id in Set(event.chosen) where options.contains(id) { tally.chosen[id, default: 0] += 1 }
            tallies[key] = tally
            active.insert(event.learnerID)
            total += 1
        }

        var order: [Scenario]
        if let lessonID = filter.lessonID, let lesson = bank.lesson(lessonID) {
            order = EventOrder.lessonScenarios(lesson, bank: bank)
        } else {
            order = bank.scenarios
        }
        var listed = Set<String>()
        order = order.filter { listed.insert($0.id).inserted }

        var items: [Item] = []
        for scenario in order {
            for (index, question) in scenario.questions.enumerated() {
                guard let tally = tallies[QuestionKey(scenarioID: scenario.id, questionID: question.id)],
                      tally.answers > 0 else { continue }
                let n = tally.answers
                let options = question.options.map { option -> Option in
                    let count = tally.chosen[option.id] ?? 0
                    let ids = option.isCorrect ? option.indicators : option.lookalikeOf
                    return Option(optionID: option.id, text: option.text, role: role(of: option, in: question),
                                  chosen: count, share: Double(count) / Double(n), explanation: option.feedback,
                                  indicators: ids.map { bank.indicator($0)?.title ?? $0 })
                }
                items.append(Item(scenarioID: scenario.id, scenarioTitle: scenario.title,
                                  trafficking: scenario.trafficking, questionID: question.id,
                                  questionNumber: index + 1, kind: question.kind, prompt: question.prompt, answers: n,
                                  errors: tally.errors, unsafeChoices: tally.unsafe,
                                  errorRate: Double(tally.errors) / Double(n),
                                  errorLowerBound: wilsonLowerBound(errors: tally.errors, n: n), options: options))
            }
        }
        let hardest = items.sorted { a, b in
            if a.errorLowerBound != b.errorLowerBound { return a.errorLowerBound > b.errorLowerBound }
            if a.answers != b.answers { return a.answers > b.answers }
            if a.scenarioID != b.scenarioID { return a.scenarioID < b.scenarioID }
            return a.questionID < b.questionID
        }
        return Debrief(filter: filter, learners: active.count, firstAnswers: total, items: items, hardest: hardest)
    }

    static func role(of option: AnswerOption, in question: Question) -> Role {
        switch question.kind {
        case .multi:
            if option.isCorrect { return .trueSign }
            return option.isLookalike ? .lookalike : .other
        case .single:
            if option.isCorrect { return .right }
            if option.action?.isUnsafe == true { return .unsafe }
            return option.action == .overReport ? .overReport : .other
        }
    }
}
