/// `lookout check --audit`: can a lesson be passed by surface cues instead of by recognising signs?
///
/// For every lesson the audit counts how the answers are laid out (options per question, where the right
/// answers sit, how long they are) and scores simple cue-only strategies with the real engine
/// (``Scorer/score(_:chosen:policy:)`` and ``Scorer/multiCredit(trueSigns:lookalikes:hits:falseAlarms:strayTicks:policy:)``)
/// and the lesson pass rule. A lesson that a cue-only learner passes, a part (signs or actions) that a cue
/// reaches on its own, or a part where random guessing is expected to come within
/// ``randomMargin`` points of the pass mark is reported as a warning at the lesson's `lesson:` line.
///
/// Pure: no files, clock or randomness (the random-guessing figure is an exact expectation).
public struct BankAudit: Sendable, Codable, Equatable {
    /// Random guessing is flagged when its expected part comes within this many points of the pass mark.
    public static let randomMargin = 20.0

    /// The words that mark an option as "the one that reports" for the report-words strategy, matched
    /// case-insensitively at the start of a word ("report" also matches "reported", "reporting").
    /// The digits-only parts of the bank's hotline numbers (such as `1280`) count too.
    public static let reportWords: [String] = [
        "report", "hotline", "helpline", "police", "trusted adult", "manager", "supervisor",
        "counsellor", "counselor", "social worker", "authorities",
    ]

    public var lessons: [LessonAudit]
    /// The warnings (W070–W080), sorted by place. Not part of the JSON shape of the audit itself:
    /// `lookout check` merges them into its diagnostics.
    public var diagnostics: [Diagnostic]

    enum CodingKeys: String, CodingKey { case lessons }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        lessons = try c.decode([LessonAudit].self, forKey: .lessons)
        diagnostics = []
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(lessons, forKey: .lessons)
    }

    public init(bank: Bank, policy: ScoringPolicy = .standard) {
        let words = BankAudit.reportWords + BankAudit.hotlineNumbers(of: bank)
        var lessons: [LessonAudit] = []
        var diagnostics: [Diagnostic] = []
        for lesson in bank.lessons {
            let scenarios = EventOrder.lessonScenarios(lesson, bank: bank)
            let audit = LessonAudit(lesson: lesson, scenarios: scenarios, words: words, policy: policy)
            lessons.append(audit)
            diagnostics += audit.warnings(lesson: lesson, scenarios: scenarios, words: words, policy: policy)
            diagnostics += AuditCues.lessonWarnings(lesson, counts: audit.cueCounts)
        }
        diagnostics += AuditCues.bankWarnings(bank)
        self.lessons = lessons
        self.diagnostics = diagnostics.sortedByLocation()
    }

    /// The digits of every hotline number in the bank's regions (`+855 92 311 511` gives `85592311511`
    /// and also each group of 3 or more digits, such as `1280`).
    static func hotlineNumbers(of bank: Bank) -> [String] {
        var result: [String] = []
        for region in bank.regions {
            for entry in region.entries where entry.kind == .hotline {
                guard let number = entry.number else { continue }
                let groups = number.split { !$0.isASCII || !$0.isNumber }.map(String.init).filter { $0.count >= 3 }
                for g in groups where !result.contains(g) { result.append(g) }
            }
        }
        return result
    }

    /// Does `text` contain one of `words` at the start of a word (case-insensitive)?
    static func hasReportWord(_ text: String, words: [String]) -> Bool {
        let lower = text.lowercased()
        let scalars = Array(lower.unicodeScalars)
        for word in words {
            let w = Array(word.lowercased().unicodeScalars)
            guard !w.isEmpty, w.count <= scalars.count else { continue }
            var i = 0
            while i + w.count <= scalars.count {
                if (i == 0 || !isWordScalar(scalars[i - 1])) && Array(scalars[i..<(i + w.count)]) == w { return true }
                i += 1
            }
        }
        return false
    }

    private static func isWordScalar(_ s: Unicode.Scalar) -> Bool {
        s.properties.isAlphabetic || s.properties.numericType != nil
    }

    /// The length of an option's text as a reader sees it: characters, surrounding spaces left out.
    static func length(_ option: AnswerOption) -> Int {
        option.text.trimmingSpaces().count
    }
}

/// The audit of one lesson.
public struct LessonAudit: Sendable, Codable, Equatable {
    /// How many questions have a given number of options.
    public struct OptionCount: Sendable, Codable, Equatable {
        public var options: Int
        public var questions: Int
    }
    /// How many right answers sit at a given 1-based position (in written order).
    public struct PositionCount: Sendable, Codable, Equatable {
        public var position: Int
        public var count: Int
    }
    /// The lengths (in characters) of right and wrong options of one question kind.
    public struct Lengths: Sendable, Codable, Equatable {
        /// Questions counted (multi: only those with both true signs and look-alikes).
        public var questions: Int
        /// Single: the right option is the longest (ties count). Multi: the longest option is a true sign.
        public var rightIsLongest: Int
        /// Single: the right option is the shortest (ties count). Multi: the shortest option is a true sign.
        public var rightIsShortest: Int
        /// Mean length of right options (`(*)`, `[x]`) and of the others; nil when there are none.
        public var meanRight: Double?
        public var meanWrong: Double?

        public func encode(to encoder: any Encoder) throws {
            // Written out so that a missing figure is `null` in JSON rather than a missing key.
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(questions, forKey: .questions)
            try c.encode(rightIsLongest, forKey: .rightIsLongest)
            try c.encode(rightIsShortest, forKey: .rightIsShortest)
            try c.encode(meanRight, forKey: .meanRight)
            try c.encode(meanWrong, forKey: .meanWrong)
        }
    }
    /// One cue strategy's result. Parts and score are percentages (100 × mean credit), unrounded;
    /// nil where the strategy does not answer that kind of question or the lesson has none.
    public struct Strategy: Sendable, Codable, Equatable {
        /// A stable id: `tick-nothing`, `tick-everything`, `longer-than-mean`, `option-count`, `longest`, `report-words`,
        /// `urgency-words`, `quotation-marks`, `first`, `last`, `random`, `best-cue-learner`.
        public var id: String
        /// What the strategy did, in words (for `option-count` and `best-cue-learner`, the rule found).
        public var description: String
        public var signs: Double?
        public var actions: Double?
        /// Mean credit over all the lesson's questions, when the strategy answers both kinds.
        public var score: Double?
        /// Single questions answered with an unsafe action (nil when it answers no single question;
        /// for `random`, the expected number).
        public var unsafeChoices: Double?
        /// The pass rule's verdict when the strategy answers every question; nil otherwise (and for `random`).
        public var passes: Bool?

        /// The strategy in a few words, for messages: "option count (5 options: tick nothing, else tick all)".
        public var label: String { id == "option-count" ? "option count (\(description))" : description }

        public func encode(to encoder: any Encoder) throws {
            // Written out so that a missing figure is `null` in JSON rather than a missing key.
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(id, forKey: .id)
            try c.encode(description, forKey: .description)
            try c.encode(signs, forKey: .signs)
            try c.encode(actions, forKey: .actions)
            try c.encode(score, forKey: .score)
            try c.encode(unsafeChoices, forKey: .unsafeChoices)
            try c.encode(passes, forKey: .passes)
        }
    }

    public var id: String
    public var file: String
    public var line: Int
    public var column: Int
    /// The lesson's `kind:` (`intro`, `practice` or `final`); in a final an unsafe choice is not a pass.
    public var kind: String
    public var passMark: Int
    public var scenes: Int
    public var multiQuestions: Int
    public var singleQuestions: Int
    /// Multi questions in scenes with no trafficking (tick nothing is right there).
    public var multiWithoutTrafficking: Int
    public var optionCounts: [String: [OptionCount]]
    public var correctPositions: [String: [PositionCount]]
    public var lengths: [String: Lengths]
    /// Every cue strategy, then `random` and `best-cue-learner`.
    public var strategies: [Strategy]
    /// Wording cues on the options (``AuditCues``): `urgency` and `delay` words and `quotes-single` on the single
    /// questions, `quotes-multi` on the multi questions; right options against the others.
    public var cueCounts: [String: AuditCueCount]
    /// How far the best cue learner's parts are below the pass mark, in points (pass mark − part, unrounded;
    /// negative when the part reaches it; nil when the lesson has no question of that kind).
    public var marginToPassMark: Margin

    public struct Margin: Sendable, Codable, Equatable {
        public var signs: Double?
        public var actions: Double?

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(signs, forKey: .signs)
            try c.encode(actions, forKey: .actions)
        }
    }

    public var bestCueLearner: Strategy { strategies.first { $0.id == "best-cue-learner" }! }
    public func strategy(_ id: String) -> Strategy? { strategies.first { $0.id == id } }

    init(lesson: Lesson, scenarios: [Scenario], words: [String], policy: ScoringPolicy) {
        id = lesson.id
        file = lesson.location.file
        line = lesson.location.line
        column = lesson.location.column
        kind = lesson.kind.rawValue
        passMark = lesson.passMark
        scenes = scenarios.count
        let questions = scenarios.flatMap(\.questions)
        let multi = questions.filter { $0.kind == .multi }
        let single = questions.filter { $0.kind == .single }
        multiQuestions = multi.count
        singleQuestions = single.count
        multiWithoutTrafficking = multi.filter { q in !q.options.contains(where: \.isCorrect) }.count

        func counts(_ qs: [Question]) -> [OptionCount] {
            var c: [Int: Int] = [:]
            for q in qs { c[q.options.count, default: 0] += 1 }
            return c.keys.sorted().map { OptionCount(options: $0, questions: c[$0]!) }
        }
        optionCounts = ["multi": counts(multi), "single": counts(single)]

        func positions(_ qs: [Question]) -> [PositionCount] {
            var c: [Int: Int] = [:]
            for q in qs { for (i, o) in q.options.enumerated() where o.isCorrect { c[i + 1, default: 0] += 1 } }
            return c.keys.sorted().map { PositionCount(position: $0, count: c[$0]!) }
        }
        correctPositions = ["multi": positions(multi), "single": positions(single)]

        func lengthFigures(_ qs: [Question]) -> Lengths {
            var counted = 0, longest = 0, shortest = 0
            var right: [Int] = [], wrong: [Int] = []
            for q in qs {
                let lens = q.options.map(BankAudit.length)
                for (o, l) in zip(q.options, lens) { if o.isCorrect { right.append(l) } else { wrong.append(l) } }
                guard q.options.contains(where: \.isCorrect), q.options.contains(where: { !$0.isCorrect }),
                      let maxLen = lens.max(), let minLen = lens.min() else { continue }
                counted += 1
                if zip(q.options, lens).contains(where: { $0.isCorrect && $1 == maxLen }) { longest += 1 }
                if zip(q.options, lens).contains(where: { $0.isCorrect && $1 == minLen }) { shortest += 1 }
            }
            func mean(_ xs: [Int]) -> Double? { xs.isEmpty ? nil : Double(xs.reduce(0, +)) / Double(xs.count) }
            return Lengths(questions: counted, rightIsLongest: longest, rightIsShortest: shortest,
                           meanRight: mean(right), meanWrong: mean(wrong))
        }
        lengths = ["multi": lengthFigures(multi), "single": lengthFigures(single)]

        strategies = CueStrategies(questions: questions, passMark: lesson.passMark, kind: lesson.kind,
                                   words: words, policy: policy).all
        cueCounts = AuditCues.lessonCounts(questions)
        let best = strategies.first { $0.id == "best-cue-learner" }
        marginToPassMark = Margin(signs: best?.signs.map { Double(lesson.passMark) - $0 },
                                  actions: best?.actions.map { Double(lesson.passMark) - $0 })
    }
}

/// Scores every cue strategy on one lesson's questions.
struct CueStrategies {
    let questions: [Question]
    let passMark: Int
    let kind: LessonKind
    let words: [String]
    let policy: ScoringPolicy

    var multi: [Question] { questions.filter { $0.kind == .multi } }
    var single: [Question] { questions.filter { $0.kind == .single } }

    /// A choice per question: the ids ticked or picked.
    typealias Chooser = (Question) -> Set<String>

    struct Part {
        var credit: Double      // sum of credits
        var count: Int
        var unsafe: Int
        var full: [Question]    // questions that got full credit
        var percent: Double? { count == 0 ? nil : credit / Double(count) * 100 }
    }

    func part(_ qs: [Question], _ choose: Chooser) -> Part {
        var p = Part(credit: 0, count: qs.count, unsafe: 0, full: [])
        for q in qs {
            let r = Scorer.score(q, chosen: choose(q), policy: policy)
            p.credit += r.credit
            if r.isUnsafe { p.unsafe += 1 }
            if r.credit >= 1 - 1e-9 { p.full.append(q) }
        }
        return p
    }

    // MARK: The choices

    static func nothing(_ q: Question) -> Set<String> { [] }
    static func everything(_ q: Question) -> Set<String> { Set(q.options.map(\.id)) }
    static func first(_ q: Question) -> Set<String> { q.options.first.map { [$0.id] } ?? [] }
    static func last(_ q: Question) -> Set<String> { q.options.last.map { [$0.id] } ?? [] }
    /// Every option longer than the mean length of the question's options.
    static func longerThanMean(_ q: Question) -> Set<String> {
        guard !q.options.isEmpty else { return [] }
        let lengths = q.options.map(BankAudit.length)
        let mean = Double(lengths.reduce(0, +)) / Double(lengths.count)
        return Set(zip(q.options, lengths).filter { Double($0.1) > mean }.map(\.0.id))
    }
    /// The longest option (the first of them in written order on a tie).
    static func longest(_ q: Question) -> Set<String> {
        var best: AnswerOption?, bestLength = -1
        for o in q.options where BankAudit.length(o) > bestLength { best = o; bestLength = BankAudit.length(o) }
        return best.map { [$0.id] } ?? []
    }
    /// Multi: every option with a report word. Single: the first option with one, else the first option.
    func reportWords(_ q: Question) -> Set<String> {
        let marked = q.options.filter { BankAudit.hasReportWord($0.text, words: words) }
        switch q.kind {
        case .multi: return Set(marked.map(\.id))
        case .single: return marked.first.map { [$0.id] } ?? CueStrategies.first(q)
        }
    }

    /// Single: the review's "drop the options that wait, pick the one that acts now and names help": the option with
    /// no delay word first, then with an urgency word, then with a report word (``AuditCues/delayWords``,
    /// ``AuditCues/urgencyWords``, ``BankAudit/reportWords``); the first such in written order.
    func urgency(_ q: Question) -> Set<String> {
        func rank(_ o: AnswerOption) -> Int {
            (AuditCues.hasPhrase(o.text, AuditCues.delayWords) ? 0 : 4) + (AuditCues.hasPhrase(o.text, AuditCues.urgencyWords) ? 2 : 0)
                + (BankAudit.hasReportWord(o.text, words: words) ? 1 : 0)
        }
        var best: AnswerOption?, bestRank = -1
        for o in q.options where rank(o) > bestRank { best = o; bestRank = rank(o) }
        return best.map { [$0.id] } ?? []
    }

    /// Multi: every option with a quotation mark. Single: the first with one, else the first option.
    static func quoted(_ q: Question) -> Set<String> {
        let marked = q.options.filter { AuditCues.hasQuotation($0.text) }
        switch q.kind {
        case .multi: return Set(marked.map(\.id))
        case .single: return marked.first.map { [$0.id] } ?? CueStrategies.first(q)
        }
    }

    // MARK: Random guessing, exactly

    /// Expected credit of ticking each option with probability 1/2 (every subset equally likely).
    func randomMulti(_ q: Question) -> Double {
        let s = q.options.filter(\.isCorrect).count, n = q.options.count - s
        let total = Double(1 << min(q.options.count, 62))
        var expected = 0.0
        for h in 0...s {
            for f in 0...n {
                let ways = binomial(s, h) * binomial(n, f)
                expected += ways / total * Scorer.multiCredit(trueSigns: s, lookalikes: n, hits: h, falseAlarms: f, policy: policy)
            }
        }
        return expected
    }

    private func binomial(_ n: Int, _ k: Int) -> Double {
        guard k >= 0, k <= n else { return 0 }
        var r = 1.0
        for i in 0..<min(k, n - k) { r = r * Double(n - i) / Double(i + 1) }
        return r
    }

    /// Expected credit and expected unsafe choices of picking one option uniformly.
    func randomSingle(_ q: Question) -> (credit: Double, unsafe: Double) {
        guard !q.options.isEmpty else { return (0, 0) }
        var credit = 0.0, unsafe = 0.0
        for o in q.options {
            let r = Scorer.score(q, chosen: [o.id], policy: policy)
            credit += r.credit
            if r.isUnsafe { unsafe += 1 }
        }
        return (credit / Double(q.options.count), unsafe / Double(q.options.count))
    }

    // MARK: Putting them together

    func strategy(_ id: String, _ description: String, multi m: Chooser?, single s: Chooser?) -> (LessonAudit.Strategy, Part?, Part?) {
        let mp = m.map { part(multi, $0) }
        let sp = s.map { part(single, $0) }
        return (combine(id, description, mp, sp), mp, sp)
    }

    /// A strategy's figures from its parts; it answers every question only when it has a part for each
    /// kind the lesson has.
    func combine(_ id: String, _ description: String, _ mp: Part?, _ sp: Part?) -> LessonAudit.Strategy {
        let answersMulti = mp != nil || multi.isEmpty
        let answersSingle = sp != nil || single.isEmpty
        let complete = answersMulti && answersSingle
        var score: Double?, passes: Bool?
        if complete && !questions.isEmpty {
            // A cue-only learner answers every question, so every scene counts as answered.
            let verdict = PassRule.judge(PassRule.Input(
                kind: kind, passMark: passMark, signsCredit: mp?.credit ?? 0, signsQuestions: multi.count,
                actionsCredit: sp?.credit ?? 0, actionsQuestions: single.count, answeredQuestions: questions.count,
                totalQuestions: questions.count, unsafeChoices: sp?.unsafe ?? 0))
            score = verdict.scorePercent
            passes = verdict.passed
        }
        return LessonAudit.Strategy(id: id, description: description, signs: mp?.percent, actions: sp?.percent,
                                    score: score, unsafeChoices: sp.map { Double($0.unsafe) }, passes: passes)
    }

    struct Scored {
        var strategy: LessonAudit.Strategy
        var multi: Part?
        var single: Part?
    }

    var scored: [Scored] {
        var rows: [Scored] = []
        func add(_ id: String, _ d: String, multi m: Chooser?, single s: Chooser?) {
            let (st, mp, sp) = strategy(id, d, multi: m, single: s)
            rows.append(Scored(strategy: st, multi: mp, single: sp))
        }
        add("tick-nothing", "tick nothing", multi: CueStrategies.nothing, single: nil)
        add("tick-everything", "tick everything", multi: CueStrategies.everything, single: nil)
        add("longer-than-mean", "tick the longer options", multi: CueStrategies.longerThanMean, single: nil)
        // By option count: for each count N seen, "N options: tick nothing, otherwise <another cue>"
        // (tick all, the longer ones, the longest, the first, the last, the report-words options) and "N options: tick all,
        // otherwise nothing"; the best such rule.
        let seen = Set(multi.map(\.options.count)).sorted()
        let others: [(String, Chooser)] = [("tick all", CueStrategies.everything),
                                           ("the longer ones", CueStrategies.longerThanMean), ("the longest", CueStrategies.longest),
                                           ("the first", CueStrategies.first), ("the last", CueStrategies.last),
                                           ("report words", reportWords)]
        var best: (String, Part)?
        func consider(_ d: String, _ rule: @escaping Chooser) {
            let p = part(multi, rule)
            if best == nil || p.credit > best!.1.credit + 1e-12 { best = (d, p) }
        }
        for n in seen {
            for (name, other) in others {
                consider("\(n) options: tick nothing, else \(name)") { q in q.options.count == n ? [] : other(q) }
            }
            consider("\(n) options: tick all, else nothing") { q in q.options.count == n ? CueStrategies.everything(q) : [] }
        }
        if let best {
            rows.append(Scored(strategy: combine("option-count", best.0, best.1, nil), multi: best.1, single: nil))
        } else {
            rows.append(Scored(strategy: combine("option-count", "by option count", nil, nil), multi: nil, single: nil))
        }
        add("longest", "longest option", multi: CueStrategies.longest, single: CueStrategies.longest)
        add("report-words", "report/hotline words", multi: reportWords, single: reportWords)
        add("urgency-words", "urgency/report words, no delay", multi: nil, single: urgency)
        add("quotation-marks", "quotation marks", multi: CueStrategies.quoted, single: CueStrategies.quoted)
        add("first", "first option", multi: CueStrategies.first, single: CueStrategies.first)
        add("last", "last option", multi: CueStrategies.last, single: CueStrategies.last)
        return rows
    }

    var random: LessonAudit.Strategy {
        let m = multi.map(randomMulti), s = single.map(randomSingle)
        let signs = multi.isEmpty ? nil : m.reduce(0, +) / Double(multi.count) * 100
        let actions = single.isEmpty ? nil : s.map(\.credit).reduce(0, +) / Double(single.count) * 100
        let score = questions.isEmpty ? nil : (m.reduce(0, +) + s.map(\.credit).reduce(0, +)) / Double(questions.count) * 100
        return LessonAudit.Strategy(id: "random", description: "random guessing (expected)", signs: signs,
                                    actions: actions, score: score,
                                    unsafeChoices: single.isEmpty ? nil : s.map(\.unsafe).reduce(0, +), passes: nil)
    }

    /// The best signs strategy with the best actions strategy (in a final, the best with no unsafe
    /// choice when one reaches the pass mark).
    func bestLearner(_ rows: [Scored]) -> (LessonAudit.Strategy, Scored?, Scored?) {
        let signsRows = rows.filter { $0.multi != nil }
        let actionRows = rows.filter { $0.single != nil }
        let bestSigns = signsRows.max { ($0.multi!.credit, -index(of: $0, in: rows)) < ($1.multi!.credit, -index(of: $1, in: rows)) }
        func rank(_ r: Scored) -> (Int, Double, Int) {
            let p = r.single!
            let qualifies = PassRule.reaches(p.percent ?? 0, passMark) && (!kind.isAssessment || p.unsafe == 0)
            return (qualifies ? 1 : 0, p.credit, -index(of: r, in: rows))
        }
        let bestActions = actionRows.max { rank($0) < rank($1) }
        let mp = multi.isEmpty ? nil : bestSigns?.multi
        let sp = single.isEmpty ? nil : bestActions?.single
        var words: [String] = []
        if let b = bestSigns, !multi.isEmpty { words.append("signs: \(b.strategy.label)") }
        if let b = bestActions, !single.isEmpty { words.append("actions: \(b.strategy.label)") }
        let s = combine("best-cue-learner", words.joined(separator: "; "), mp, sp)
        return (s, multi.isEmpty ? nil : bestSigns, single.isEmpty ? nil : bestActions)
    }

    private func index(of row: Scored, in rows: [Scored]) -> Int {
        rows.firstIndex { $0.strategy.id == row.strategy.id } ?? 0
    }

    var all: [LessonAudit.Strategy] {
        let rows = scored
        return rows.map(\.strategy) + [random, bestLearner(rows).0]
    }
}

// MARK: Warnings

extension LessonAudit {
    func warnings(lesson: Lesson, scenarios: [Scenario], words: [String], policy: ScoringPolicy) -> [Diagnostic] {
        let questions = scenarios.flatMap(\.questions)
        guard !questions.isEmpty else { return [] }
        let cues = CueStrategies(questions: questions, passMark: passMark, kind: lesson.kind, words: words,
                                 policy: policy)
        let rows = cues.scored
        let (best, bestSigns, bestActions) = cues.bestLearner(rows)
        let at = lesson.location
        var result: [Diagnostic] = []
        func pct(_ v: Double?) -> String { v.map { ScoreFormat.percent($0) } ?? "-" }

        func notes(_ full: [Question], _ what: String, limit: Int = 12) -> [Diagnostic.Note] {
            var n = full.prefix(limit).map { Diagnostic.Note(location: $0.location, message: what) }
            if full.count > limit {
                n.append(.init(location: full[limit].location, message: "and \(full.count - limit) more question\(full.count - limit == 1 ? "" : "s") like this"))
            }
            return n
        }

        // The cues that reach the pass mark on each part (in a final, an actions cue must make no unsafe choice).
        let signsReach = rows.filter { ($0.multi?.percent).map { PassRule.reaches($0, passMark) } ?? false }
        let actionsReach = rows.filter { r in
            guard let p = r.single, let v = p.percent else { return false }
            return PassRule.reaches(v, passMark) && (!lesson.kind.isAssessment || p.unsafe == 0)
        }
        func list(_ reach: [CueStrategies.Scored], _ value: (CueStrategies.Scored) -> Double?) -> String {
            reach.map { "\($0.strategy.label) \(pct(value($0)))" }.joined(separator: ", ")
        }
        var signsNotes: [Diagnostic.Note] = []
        if let top = signsReach.max(by: { $0.multi!.credit < $1.multi!.credit }) {
            signsNotes = notes(top.multi!.full, "'\(top.strategy.label)' gets full credit here")
        }
        var actionsNotes: [Diagnostic.Note] = []
        if let top = actionsReach.max(by: { $0.single!.credit < $1.single!.credit }) {
            actionsNotes = notes(top.single!.full, "'\(top.strategy.label)' picks the right answer here")
        }
        let signsList = list(signsReach) { $0.multi?.percent }
        let actionsList = list(actionsReach) { $0.single?.percent }

        if best.passes == true {
            var how: [String] = []
            if bestSigns != nil { how.append("on 'which are signs' questions \(signsList)") }
            if bestActions != nil { how.append("on 'what do you do' questions \(actionsList)") }
            result.append(.warning("W070", at: at,
                "lesson '\(id)' can be passed by surface cues alone (signs \(pct(best.signs)), actions \(pct(best.actions)), pass mark \(passMark)): \(how.joined(separator: "; ")); vary option counts, positions and lengths, and give 'what do you do' questions several safe-sounding options",
                notes: signsNotes + actionsNotes))
        } else {
            // A part that a cue reaches alone: the other part is all that stops a cue-only learner.
            if !signsReach.isEmpty {
                result.append(.warning("W071", at: at,
                    "the signs part of lesson '\(id)' reaches the pass mark \(passMark) by a surface cue: \(signsList); \(multiWithoutTrafficking) of \(multiQuestions) 'which are signs' questions are in scenes with no trafficking; vary option counts and keep that share well below the pass mark",
                    notes: signsNotes))
            }
            if !actionsReach.isEmpty {
                result.append(.warning("W072", at: at,
                    "the actions part of lesson '\(id)' reaches the pass mark \(passMark) by a surface cue: \(actionsList); give 'what do you do' questions two or three safe-sounding options of which one is best",
                    notes: actionsNotes))
            }
        }
        let random = cues.random
        var close: [String] = []
        if let s = random.signs, PassRule.reaches(s + BankAudit.randomMargin, passMark) { close.append("signs \(pct(s))") }
        if let a = random.actions, PassRule.reaches(a + BankAudit.randomMargin, passMark) { close.append("actions \(pct(a))") }
        if !close.isEmpty {
            result.append(.warning("W073", at: at,
                "random guessing is expected to score \(close.joined(separator: " and ")) in lesson '\(id)', within \(Int(BankAudit.randomMargin)) points of the pass mark \(passMark); give its questions more options"))
        }
        return result
    }
}
