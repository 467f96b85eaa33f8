import LookoutCore

/// Builders for small banks and events used by the scoring tests.
enum ScoringFixtures {
    static let here = SourceLocation(file: "test.txt", line: 1, column: 1)

    /// A true sign `[x]` showing the given indicators.
    static func sign(_ id: String, _ indicators: String...) -> AnswerOption {
        AnswerOption(id: id, text: id, isCorrect: true, indicators: indicators, feedback: "why", location: here)
    }

    /// A look-alike `[ ]` near the given indicators.
    static func lookalike(_ id: String, near: String...) -> AnswerOption {
        AnswerOption(id: id, text: id, isCorrect: false, lookalikeOf: near, feedback: "why", location: here)
    }

    /// A single-choice option.
    static func action(_ id: String, _ action: ActionClass, correct: Bool = false) -> AnswerOption {
        AnswerOption(id: id, text: id, isCorrect: correct, action: action, feedback: "why", location: here)
    }

    static func multi(_ id: String, _ options: [AnswerOption]) -> Question {
        Question(id: id, kind: .multi, prompt: "Which details are warning signs?", options: options, location: here)
    }

    static func single(_ id: String, _ options: [AnswerOption]) -> Question {
        Question(id: id, kind: .single, prompt: "What should you do?", options: options, location: here)
    }

    /// A multi question with S true signs s1…sS and N look-alikes l1…lN, all tagged with indicator `ind`.
    static func multi(trueSigns s: Int, lookalikes n: Int, indicator ind: String = "ind-a") -> Question {
        multi("q", (0..<s).map { sign("s\($0 + 1)", ind) } + (0..<n).map { lookalike("l\($0 + 1)", near: ind) })
    }

    static func scenario(_ id: String, rev: Int = 1, trafficking: Bool = true, _ questions: [Question]) -> Scenario {
        Scenario(id: id, rev: rev, title: id, audiences: [.police], region: nil, language: "en",
                 trafficking: trafficking, contentNote: nil, sources: ["src"], story: "A story.",
                 questions: questions, location: here)
    }

    static func lesson(_ id: String, passMark: Int = 80, _ scenarioIDs: [String]) -> Lesson {
        Lesson(id: id, title: id, audience: .only(.police), passMark: passMark, minutes: nil, description: nil,
               scenarioIDs: scenarioIDs, location: here)
    }

    static func indicator(_ id: String) -> Indicator {
        Indicator(id: id, category: .behaviour, title: id, strength: .strong, audiences: [.police],
                  sources: ["src"], explanation: "explain", location: here)
    }

    /// Builds events with increasing times and ids `e001`, `e002`, …
    struct EventLog {
        var learner = "learner-1"
        var events: [AnswerEvent] = []
        var clock: Int64 = 1_000

        mutating func answer(_ scenario: Scenario, _ questionID: String, _ chosen: [String], lesson: String? = nil,
                             attempt: String? = nil, rev: Int? = nil, repeat isRepeat: Bool = false) {
            clock += 1_000
            let id = "\(learner)-e" + String(1000 + events.count).dropFirst()
            events.append(AnswerEvent(id: id, learnerID: learner, attemptID: attempt, lessonID: lesson,
                                      scenarioID: scenario.id, scenarioRev: rev ?? scenario.rev,
                                      questionID: questionID, chosen: chosen, credit: 0, action: nil,
                                      time: clock, isRepeat: isRepeat))
        }
    }
}

/// SplitMix64: a small deterministic generator for property tests (the core takes no randomness).
struct ScoringTestRandom {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in 0..<bound (bound > 0).
    mutating func int(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }

    mutating func bool() -> Bool { next() & 1 == 1 }

    /// Uniform in (0, 1).
    mutating func unit() -> Double { (Double(next() >> 11) + 0.5) / Double(1 << 53) }
}
