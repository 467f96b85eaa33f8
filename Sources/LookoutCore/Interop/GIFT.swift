/// The scenario bank as a Moodle quiz in GIFT format (`lookout export --format gift`). Pure: the caller
/// writes the text to a file.
///
/// **Shape.** One `$CATEGORY: $course$/Lookout/<lesson id>` per lesson (in lesson order), then one GIFT
/// question per Lookout question of the lesson's scenarios. Scenarios that are in no lesson follow under
/// `$course$/Lookout/more-scenarios`. A question is
///
/// ```
/// ::<scenario id> <question id>::[plain]<title>\n\n<content note>\n\n<story>\n\n<question>{
/// 	~%50%Option text#Feedback
/// 	~%-50%Option text#Feedback
/// }
/// ```
///
/// written as one physical line of text (paragraphs as GIFT's `\n` escape) so a story can never hold the
/// blank line that ends a GIFT question. `[plain]` makes Moodle show the text as text, never as HTML.
///
/// **Single choice** ("what do you do?"): `=` marks the right option and `~` the others (weight 0, as
/// in Lookout: an unsafe choice is reported on its own, not taken off the score).
///
/// **Multi-select** ("which details are warning signs?"): a Moodle multiple-answer question (no `=`
/// in the block). Moodle grades it as the sum of the ticked options' weights, clamped to 0...100 %, and
/// refuses a weight that is not on its fixed list (``moodleFractions``) or positive weights that do not
/// add up to 100 %. So:
///
/// - each of the S true signs weighs 100/S % (S ≤ 10; for 11...20 signs, a mix of 10 % and 5 %);
/// - each of the N look-alikes weighs −100/N % (N ≤ 10; more: −10 % or −5 % each, at least −100 % in all);
/// - every multi question ends with the option **"None of these is a warning sign"**: +100 % when the
///   scene has no true sign (a `trafficking: no` scene), −100 % when it has one. Moodle has no way to
///   give credit for ticking nothing, and an extra option only on the no-trafficking questions would
///   give the answer away, so every multi question has it, always last.
///
/// With these weights Moodle's grade equals Lookout's credit: max(0, h/S − f/N) when there are signs,
/// and (with "None" ticked) 1 − f/N when there are none. The one difference: in Lookout ticking nothing
/// in a scene without signs scores 100 %; in Moodle the learner must tick "None of these…". Ticking
/// everything scores 0 in both.
public enum GIFT {
    /// Moodle's fixed list of answer grades (question/engine/bank.php, `fraction_options_full`), as
    /// percentages. An imported weight must be within 0.00001 % of one of them, negated or not.
    public static let moodleFractions: [String] = [
        "100", "90", "83.33333", "80", "75", "70", "66.66667", "60", "50", "40", "33.33333", "30", "25", "20",
        "16.66667", "14.28571", "12.5", "11.11111", "10", "5", "0",
    ]

    /// 100/n written from Moodle's list, for n = 1...10.
    static let shares: [Int: String] = [
        1: "100", 2: "50", 3: "33.33333", 4: "25", 5: "20", 6: "16.66667", 7: "14.28571", 8: "12.5", 9: "11.11111", 10: "10",
    ]

    /// The largest number of true signs one Moodle multiple-answer question can hold (20 × 5 %).
    public static let maxTrueSigns = 20

    /// The option added to every multi question (see the type's documentation).
    public static let noneOptionText = "None of these is a warning sign."
    static let noneRightFeedback = "Right: none of these details is a warning sign on its own. Ordinary details are not evidence, and treating people as suspects because of them does harm."
    static let noneWrongFeedback = "Not right: at least one of the details is a warning sign."

    /// One exported question, as written.
    public struct Question: Sendable, Hashable {
        /// `<scenario id> <question id>`.
        public var name: String
        /// The Moodle category path, `$course$/Lookout/<lesson id>`.
        public var category: String
        /// The question text, unescaped, paragraphs separated by "\n\n".
        public var text: String
        public var kind: QuestionKind
        public var answers: [Answer]
    }

    public struct Answer: Sendable, Hashable {
        public var text: String
        /// The weight as written, a percentage from ``moodleFractions`` with an optional minus sign;
        /// for single choice "100" for the right option and "0" for the others.
        public var weight: String
        public var feedback: String
        /// The Lookout option id, nil for the added "None of these…".
        public var optionID: String?
    }

    public struct Document: Sendable {
        /// The GIFT file's text, UTF-8, lines ending in "\n".
        public var text: String
        public var questions: [Question]
        /// Scenarios exported in English because the requested language has no current translation.
        public var untranslated: [String]
    }

    public enum Failure: Error, Sendable, Hashable, CustomStringConvertible {
        case unknownLesson(String, known: [String])
        case tooManySigns(scenarioID: String, questionID: String, count: Int, location: SourceLocation)
        case noOptions(scenarioID: String, questionID: String, location: SourceLocation)

        public var description: String {
            switch self {
            case .unknownLesson(let id, let known):
                return "there is no lesson '\(id)' in the bank; lessons: \(known.joined(separator: ", "))"
            case .tooManySigns(let s, let q, let count, let location):
                return "\(location): question \(q) of scenario '\(s)' has \(count) true signs; a Moodle multiple-answer question can hold at most \(GIFT.maxTrueSigns). Split the question"
            case .noOptions(let s, let q, let location):
                return "\(location): question \(q) of scenario '\(s)' has no options; Moodle needs at least two"
            }
        }
    }

    /// The GIFT document for one lesson (`lessonID`) or the whole bank (nil), in `language` ("en", "km", ...).
    /// Texts come from the scenario's translation into `language` when one exists at the scenario's
    /// current rev, text by text; otherwise from the original.
    public static func document(bank: Bank, lessonID: String?, language: String) throws(Failure) -> Document {
        var groups: [(category: String, scenarios: [Scenario])] = []
        if let lessonID {
            guard let lesson = bank.lesson(lessonID) else {
                throw .unknownLesson(lessonID, known: bank.lessons.map(\.id))
            }
            groups.append(("$course$/Lookout/\(lesson.id)", EventOrder.lessonScenarios(lesson, bank: bank)))
        } else {
            var inLesson = Set<String>()
            for lesson in bank.lessons {
                let scenarios = EventOrder.lessonScenarios(lesson, bank: bank)
                inLesson.formUnion(scenarios.map(\.id))
                groups.append(("$course$/Lookout/\(lesson.id)", scenarios))
            }
            let rest = bank.scenarios.filter { !inLesson.contains($0.id) }
            if !rest.isEmpty { groups.append(("$course$/Lookout/more-scenarios", rest)) }
        }

        var questions: [Question] = []
        var untranslated: [String] = []
        var seenUntranslated = Set<String>()
        var text = "// Lookout scenario bank as a Moodle quiz (GIFT format). Import it in Moodle: Question bank > Import > GIFT format.\n"
        text += "// Multi-select questions: true signs add up to 100 %, look-alikes take marks off, so ticking everything scores 0.\n"
        text += "// \"\(noneOptionText)\" is the right answer only in scenes without trafficking.\n\n"
        for group in groups where !group.scenarios.isEmpty {
            text += "$CATEGORY: \(group.category)\n\n"
            for scenario in group.scenarios {
                let texts = Texts(scenario: scenario, bank: bank, language: language)
                if texts.translation == nil, language != scenario.language, seenUntranslated.insert(scenario.id).inserted {
                    untranslated.append(scenario.id)
                }
                for question in scenario.questions {
                    let exported = try self.question(question, of: scenario, texts: texts, category: group.category, bank: bank)
                    questions.append(exported)
                    text += write(exported) + "\n"
                }
            }
        }
        return Document(text: text, questions: questions, untranslated: untranslated)
    }

    /// The texts of a scenario in the wanted language, falling back to the original text by text.
    struct Texts {
        var scenario: Scenario
        var translation: Translation?

        init(scenario: Scenario, bank: Bank, language: String) {
            self.scenario = scenario
            if language != scenario.language, let t = bank.translation(of: scenario.id, language: language), t.rev == scenario.rev {
                translation = t
            }
        }

        func text(_ key: String, _ original: String) -> String {
            if let value = translation?.texts[key], !value.isEmpty { return value }
            return original
        }
    }

    static func question(_ question: LookoutCore.Question, of scenario: Scenario, texts: Texts, category: String,
                         bank: Bank) throws(Failure) -> Question {
        guard !question.options.isEmpty else {
            throw .noOptions(scenarioID: scenario.id, questionID: question.id, location: question.location)
        }
        var paragraphs = [texts.text("title", scenario.title)]
        if let note = scenario.contentNote { paragraphs.append("Content note: " + texts.text("content-note", note)) }
        paragraphs.append(texts.text("story", scenario.story).split(separator: "\n", omittingEmptySubsequences: true).joined(separator: "\n\n"))
        paragraphs.append(texts.text("\(question.id).ask", question.prompt))
        let body = paragraphs.joined(separator: "\n\n")

        func optionText(_ o: AnswerOption) -> String { texts.text("\(question.id).\(o.id)", o.text) }
        func optionWhy(_ o: AnswerOption) -> String { texts.text("\(question.id).\(o.id).why", o.feedback) }

        var answers: [Answer] = []
        switch question.kind {
        case .single:
            for o in question.options {
                answers.append(Answer(text: optionText(o), weight: o.isCorrect ? "100" : "0", feedback: optionWhy(o), optionID: o.id))
            }
        case .multi:
            let signs = question.options.filter(\.isCorrect)
            let others = question.options.filter { !$0.isCorrect }
            guard signs.count <= maxTrueSigns else {
                throw .tooManySigns(scenarioID: scenario.id, questionID: question.id, count: signs.count, location: question.location)
            }
            let signWeights = Self.signWeights(signs.count)
            let penalty = "-" + Self.penalty(others.count)
            var signIndex = 0
            for o in question.options {
                let weight: String
                if o.isCorrect {
                    weight = signWeights[signIndex]
                    signIndex += 1
                } else {
                    weight = penalty
                }
                answers.append(Answer(text: optionText(o), weight: weight, feedback: optionWhy(o), optionID: o.id))
            }
            let none = signs.isEmpty
            answers.append(Answer(text: noneOptionText, weight: none ? "100" : "-100",
                                  feedback: none ? noneRightFeedback : noneWrongFeedback, optionID: nil))
        }
        return Question(name: "\(scenario.id) \(question.id)", category: category, text: body, kind: question.kind, answers: answers)
    }

    /// The weights of `n` true signs (0...20), each from Moodle's list, adding up to 100 (to 2 decimals).
    public static func signWeights(_ n: Int) -> [String] {
        if n <= 0 { return [] }
        if let share = shares[n] { return Array(repeating: share, count: n) }
        // 11...20: (20 − n) at 10 % and (2n − 20) at 5 %: 10(20 − n) + 5(2n − 20) = 100.
        return Array(repeating: "10", count: 20 - n) + Array(repeating: "5", count: 2 * n - 20)
    }

    /// The weight taken off for each of `n` look-alikes (without its minus sign): 100/n from Moodle's
    /// list, so that ticking all of them takes off 100 %; 10 or 5 when n > 10 (then a little more).
    public static func penalty(_ n: Int) -> String {
        if let share = shares[n] { return share }
        return n < 20 ? "10" : "5"
    }

    /// One question in GIFT syntax, ending in "\n".
    static func write(_ q: Question) -> String {
        var out = "::\(escape(q.name))::[plain]\(escape(q.text)) {\n"
        for a in q.answers {
            let mark: String
            switch q.kind {
            case .single: mark = a.weight == "100" ? "=" : "~"
            case .multi: mark = "~%\(a.weight)%"
            }
            // `[plain]` before every answer and feedback, as before the question text: Moodle then
            // reads an option beginning "[html]" or "[markdown]" as text, and one beginning "%25%" as
            // text too (its weight pattern must start the answer; the format tag comes first).
            out += "\t\(mark)[plain]\(escape(a.text))"
            if !a.feedback.isEmpty { out += "#[plain]\(escape(a.feedback))" }
            out += "\n"
        }
        out += "}\n"
        return out
    }

    /// Escapes GIFT's special characters (`~ = # { } :` and the backslash) with a backslash, and writes
    /// a line break as GIFT's `\n`. Other control characters and bidirectional formatting characters
    /// (``TerminalText/isUnsafe(_:)``) become spaces.
    public static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        var previousCR = false
        for scalar in text.unicodeScalars {
            defer { previousCR = scalar == "\r" }
            switch scalar {
            case "\\", "~", "=", "#", "{", "}", ":":
                out += "\\"
                out.unicodeScalars.append(scalar)
            case "\n":
                if !previousCR { out += "\\n" }
            case "\r":
                out += "\\n"
            default:
                if TerminalText.isUnsafe(scalar) || scalar == "\u{2028}" || scalar == "\u{2029}" {
                    out += " "
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }
}
