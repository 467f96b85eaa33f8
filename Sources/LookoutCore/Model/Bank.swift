/// Who a scenario or indicator is written for.
public enum Audience: String, CaseIterable, Sendable, Codable, Comparable {
    case police
    case school
    case hospitality

    public static func < (a: Audience, b: Audience) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}

/// The audience of a lesson: one of the three, or a mixed workshop slot.
public enum LessonAudience: Hashable, Sendable, Codable {
    case only(Audience)
    case mixed

    public init?(rawValue: String) {
        if rawValue == "mixed" { self = .mixed; return }
        guard let audience = Audience(rawValue: rawValue) else { return nil }
        self = .only(audience)
    }

    public var rawValue: String {
        switch self {
        case .mixed: return "mixed"
        case .only(let audience): return audience.rawValue
        }
    }

    public static let allNames = Audience.allCases.map(\.rawValue) + ["mixed"]
}

/// How much an indicator means on its own.
public enum Strength: String, CaseIterable, Sendable, Codable {
    /// Strong: a serious sign even alone.
    case strong
    /// Medium: meaningful, stronger with others.
    case medium
    /// Weak: matters only together with other signs.
    case weak
}

/// The categories of the indicator taxonomy.
public enum IndicatorCategory: String, CaseIterable, Sendable, Codable {
    case movementCommunication = "movement-communication"
    case documentsMoney = "documents-money"
    case physicalCondition = "physical-condition"
    case behaviour
    case workLiving = "work-living"
    case recruitmentDebt = "recruitment-debt"
    case online
    case minors
    case venue
}

/// The kind of action a "what should you do?" option stands for.
public enum ActionClass: String, CaseIterable, Sendable, Codable {
    case safeReport = "safe-report"
    case tellSupervisor = "tell-supervisor"
    case noteDetails = "note-details"
    case safeSupport = "safe-support"
    case victimCentred = "victim-centred"
    case ignore
    /// Reporting an ordinary situation as trafficking (calling the police on a family with nothing wrong): a wrong
    /// answer, explained by its `why:`, but not an unsafe one, so it never fails a final by itself.
    case overReport = "over-report"
    case unsafeConfront = "unsafe-confront"
    case investigateAlone = "investigate-alone"
    case unsafePost = "unsafe-post"
    case unsafePay = "unsafe-pay"
    case unsafeSecrecy = "unsafe-secrecy"
    case unsafeBlameVictim = "unsafe-blame-victim"

    public enum Safety: String, Sendable, Codable {
        case safe
        /// Doing nothing: not dangerous in itself, but not the safe choice.
        case passive
        /// Over-reporting an ordinary situation: wrong (no credit), not dangerous to the learner or a victim.
        case excessive
        case unsafe
    }

    public var safety: Safety {
        switch self {
        case .safeReport, .tellSupervisor, .noteDetails, .safeSupport, .victimCentred: return .safe
        case .ignore: return .passive
        case .overReport: return .excessive
        case .unsafeConfront, .investigateAlone, .unsafePost, .unsafePay, .unsafeSecrecy, .unsafeBlameVictim:
            return .unsafe
        }
    }

    public var isUnsafe: Bool { safety == .unsafe }
}

/// A public source that scenarios and indicators cite.
public struct Source: Hashable, Sendable, Codable {
    public var id: String
    public var title: String
    public var publisher: String
    public var url: String?
    public var year: Int
    public var location: SourceLocation

    public init(id: String, title: String, publisher: String, url: String?, year: Int, location: SourceLocation) {
        self.id = id
        self.title = title
        self.publisher = publisher
        self.url = url
        self.year = year
        self.location = location
    }
}

/// One warning sign of the taxonomy.
public struct Indicator: Hashable, Sendable, Codable {
    public var id: String
    public var category: IndicatorCategory
    public var title: String
    public var strength: Strength
    public var audiences: [Audience]
    public var sources: [String]
    /// The short explanation shown in feedback.
    public var explanation: String
    public var location: SourceLocation

    public init(id: String, category: IndicatorCategory, title: String, strength: Strength, audiences: [Audience],
                sources: [String], explanation: String, location: SourceLocation) {
        self.id = id
        self.category = category
        self.title = title
        self.strength = strength
        self.audiences = audiences
        self.sources = sources
        self.explanation = explanation
        self.location = location
    }
}

/// Multi-select ("which details are warning signs?") or single choice ("what should you do?").
public enum QuestionKind: String, Sendable, Codable, CaseIterable {
    case multi
    case single
}

/// One option of a question.
public struct AnswerOption: Hashable, Sendable, Codable {
    public var id: String
    public var text: String
    /// Multi: a true sign (`[x]`). Single: the right answer (`(*)`).
    public var isCorrect: Bool
    /// Multi, true sign: the indicators it shows (`ind:`).
    public var indicators: [String]
    /// Multi, look-alike: the indicators it could be mistaken for (`near:`).
    public var lookalikeOf: [String]
    /// Single: the kind of action (`act:`).
    public var action: ActionClass?
    /// Feedback shown after answering (`why:`).
    public var feedback: String
    public var location: SourceLocation

    public init(id: String, text: String, isCorrect: Bool, indicators: [String] = [], lookalikeOf: [String] = [],
                action: ActionClass? = nil, feedback: String, location: SourceLocation) {
        self.id = id
        self.text = text
        self.isCorrect = isCorrect
        self.indicators = indicators
        self.lookalikeOf = lookalikeOf
        self.action = action
        self.feedback = feedback
        self.location = location
    }

    /// A multi-select option that is a harmless look-alike (a false-alarm trap).
    public var isLookalike: Bool { !isCorrect && !lookalikeOf.isEmpty }
}

public struct Question: Hashable, Sendable, Codable {
    public var id: String
    public var kind: QuestionKind
    public var prompt: String
    public var options: [AnswerOption]
    public var location: SourceLocation

    public init(id: String, kind: QuestionKind, prompt: String, options: [AnswerOption], location: SourceLocation) {
        self.id = id
        self.kind = kind
        self.prompt = prompt
        self.options = options
        self.location = location
    }

    public func option(_ id: String) -> AnswerOption? { options.first { $0.id == id } }
}

public struct Scenario: Hashable, Sendable, Codable {
    public var id: String
    /// Bumped when the meaning changes; a learner's history of an older rev is set aside.
    public var rev: Int
    public var title: String
    public var audiences: [Audience]
    /// A region id, or nil for `any`.
    public var region: String?
    public var language: String
    /// false for an ordinary scene with no trafficking in it.
    public var trafficking: Bool
    public var contentNote: String?
    /// `alternate-for: ORIGINAL-ID`: this scene teaches the same skill as the content-noted scene ORIGINAL-ID and is
    /// offered in its place when a learner skips it in a lesson; the pass rule then counts this scene's answers in
    /// place of the skipped one (see ``LessonScoring``). An alternate is listed in no lesson. nil for most scenes.
    public var alternateFor: String? = nil
    /// Where the `alternate-for:` value is written (for the validator's messages).
    public var alternateForLocation: SourceLocation? = nil
    public var sources: [String]
    /// Paragraphs separated by "\n".
    public var story: String
    public var questions: [Question]
    public var location: SourceLocation

    public init(id: String, rev: Int, title: String, audiences: [Audience], region: String?, language: String,
                trafficking: Bool, contentNote: String?, sources: [String], story: String, questions: [Question],
                location: SourceLocation) {
        self.id = id
        self.rev = rev
        self.title = title
        self.audiences = audiences
        self.region = region
        self.language = language
        self.trafficking = trafficking
        self.contentNote = contentNote
        self.sources = sources
        self.story = story
        self.questions = questions
        self.location = location
    }

    public func question(_ id: String) -> Question? { questions.first { $0.id == id } }

    /// Every action class keyed as the right answer of a single question.
    public var keyedActions: Set<ActionClass> {
        Set(questions.filter { $0.kind == .single }.flatMap { $0.options.filter(\.isCorrect).compactMap(\.action) })
    }

    /// Every indicator shown as a true sign somewhere in the scenario.
    public var trueIndicators: Set<String> {
        var result = Set<String>()
        for q in questions where q.kind == .multi {
            for o in q.options where o.isCorrect { result.formUnion(o.indicators) }
        }
        return result
    }
}

/// What a lesson is for. Finals are assessments: scenes in their written order, no repeats, and an unsafe
/// choice is not a pass. Intros and practice shuffle their scenes and bring a badly answered scene back once.
public enum LessonKind: String, CaseIterable, Sendable, Codable {
    case intro, practice, final

    public var isAssessment: Bool { self == .final }
}

public struct Lesson: Hashable, Sendable, Codable {
    public var id: String
    public var title: String
    public var audience: LessonAudience
    /// Percentage needed to pass, 1...100.
    public var passMark: Int
    /// `kind:` in the lesson file; `practice` when not given.
    public var kind: LessonKind = .practice
    public var minutes: Int?
    public var description: String?
    public var scenarioIDs: [String]
    public var location: SourceLocation
    /// `retake-after:` in the lesson file: whole days between the local date of the last attempt and the first
    /// date a new attempt may start; nil when not given (see ``retakeDays``).
    public var retakeAfterDays: Int?

    /// The retake rule in force: `retake-after:` if given, else 1 for a final (not the same day) and 0 for other
    /// kinds (any time).
    public var retakeDays: Int { retakeAfterDays ?? (kind.isAssessment ? 1 : 0) }

    public init(id: String, title: String, audience: LessonAudience, passMark: Int, kind: LessonKind = .practice,
                minutes: Int?, description: String?, scenarioIDs: [String], location: SourceLocation) {
        self.id = id
        self.title = title
        self.audience = audience
        self.passMark = passMark
        self.kind = kind
        self.minutes = minutes
        self.description = description
        self.scenarioIDs = scenarioIDs
        self.location = location
    }
}

/// A calendar date without a time zone, as written in region files (`YYYY-MM-DD`).
public struct CalendarDate: Hashable, Sendable, Codable, Comparable, CustomStringConvertible {
    public var year: Int
    public var month: Int
    public var day: Int

    public init(year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// The date `days` days after 1970-01-01 (days from civil, proleptic Gregorian).
    public init(daysSince1970 days: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        self.init(year: yoe + era * 400 + (m <= 2 ? 1 : 0), month: m, day: d)
    }

    /// The local day number (days since 1970-01-01) of a time in milliseconds since 1970 UTC, for a place
    /// `utcOffsetSeconds` ahead of UTC: the day turns at local midnight.
    public static func localDay(_ millis: Int64, utcOffsetSeconds: Int) -> Int {
        let local = millis + Int64(utcOffsetSeconds) * 1000
        return Int(local >= 0 ? local / 86_400_000 : (local - 86_399_999) / 86_400_000)
    }

    /// Parses `YYYY-MM-DD`, checking the day exists.
    public init?(_ text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]),
              (1...12).contains(m), d >= 1, d <= CalendarDate.daysIn(month: m, year: y) else { return nil }
        self.init(year: y, month: m, day: d)
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    public var description: String {
        func pad(_ n: Int, _ width: Int) -> String {
            let s = String(n)
            return String(repeating: "0", count: max(0, width - s.count)) + s
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }

    public static func < (a: CalendarDate, b: CalendarDate) -> Bool {
        (a.year, a.month, a.day) < (b.year, b.month, b.day)
    }

    /// The same day twelve months later (29 February becomes 28 February).
    public var oneYearLater: CalendarDate {
        CalendarDate(year: year + 1, month: month, day: min(day, CalendarDate.daysIn(month: month, year: year + 1)))
    }
}

/// A hotline or an organisation in a region file.
public struct RegionEntry: Hashable, Sendable, Codable {
    public enum Kind: String, Sendable, Codable {
        case hotline
        case organisation
    }
    public enum Status: String, Sendable, Codable, CaseIterable {
        case verified
        case unverified
    }

    public var kind: Kind
    public var id: String
    public var name: String
    public var number: String?
    public var contact: String?
    public var hours: String?
    public var purpose: String?
    public var source: String
    public var lastVerified: CalendarDate
    public var status: Status
    public var location: SourceLocation

    public init(kind: Kind, id: String, name: String, number: String?, contact: String?, hours: String?,
                purpose: String?, source: String, lastVerified: CalendarDate, status: Status,
                location: SourceLocation) {
        self.kind = kind
        self.id = id
        self.name = name
        self.number = number
        self.contact = contact
        self.hours = hours
        self.purpose = purpose
        self.source = source
        self.lastVerified = lastVerified
        self.status = status
        self.location = location
    }
}

public struct Region: Hashable, Sendable, Codable {
    public var id: String
    public var name: String
    public var language: String?
    public var note: String?
    public var entries: [RegionEntry]
    public var location: SourceLocation

    public init(id: String, name: String, language: String?, note: String?, entries: [RegionEntry],
                location: SourceLocation) {
        self.id = id
        self.name = name
        self.language = language
        self.note = note
        self.entries = entries
        self.location = location
    }
}

/// A translation of a scenario, an indicator or a region: text only, keyed by the paths of the original's texts.
public struct Translation: Hashable, Sendable, Codable {
    /// What a translation translates (`of:` in the file; a scenario when not given).
    public enum Target: String, Hashable, Sendable, Codable, CaseIterable {
        case scenario, indicator, region
    }

    /// `review: draft` until a named reviewer signs it off (`review: reviewed`, `reviewer:`, `reviewed-on:`).
    public enum Review: String, Hashable, Sendable, Codable {
        case draft, reviewed
    }

    /// The id of the original (a scenario, indicator or region id, as ``target`` says).
    public var scenarioID: String
    public var language: String
    /// The rev of the original that was translated (scenarios; indicators and regions have no rev: 0).
    public var rev: Int
    /// Scenario: `title`, `content-note`, `story`, `q1.ask`, `q1.o1`, `q1.o1.why`. Indicator: `title`, `explain`.
    /// Region: `name`, `note`, and `ENTRY.name`, `ENTRY.contact`, `ENTRY.for`, `ENTRY.hours` for each hotline or organisation.
    public var texts: [String: String]
    public var keyLocations: [String: SourceLocation]
    public var location: SourceLocation
    public var target: Target
    public var review: Review
    public var reviewer: String?
    /// `YYYY-MM-DD`.
    public var reviewedOn: String?

    public init(scenarioID: String, language: String, rev: Int, texts: [String: String],
                keyLocations: [String: SourceLocation], location: SourceLocation, target: Target = .scenario,
                review: Review = .draft, reviewer: String? = nil, reviewedOn: String? = nil) {
        self.scenarioID = scenarioID
        self.language = language
        self.rev = rev
        self.texts = texts
        self.keyLocations = keyLocations
        self.location = location
        self.target = target
        self.review = review
        self.reviewer = reviewer
        self.reviewedOn = reviewedOn
    }

    /// The id of the original.
    public var originalID: String { scenarioID }

    /// Reviewed only with a reviewer's name and a date.
    public var isReviewed: Bool { review == .reviewed && !(reviewer ?? "").isEmpty && !(reviewedOn ?? "").isEmpty }
}

/// The whole scenario bank in memory.
public struct Bank: Sendable {
    public private(set) var sources: [Source]
    public private(set) var indicators: [Indicator]
    public private(set) var scenarios: [Scenario]
    public private(set) var lessons: [Lesson]
    public private(set) var regions: [Region]
    public private(set) var translations: [Translation]

    private var sourceIndex: [String: Int]
    private var indicatorIndex: [String: Int]
    private var scenarioIndex: [String: Int]
    private var lessonIndex: [String: Int]
    private var regionIndex: [String: Int]
    /// Original id → indices of its alternates (`alternate-for:`), in bank order.
    private var alternateIndex: [String: [Int]]

    public init(sources: [Source] = [], indicators: [Indicator] = [], scenarios: [Scenario] = [],
                lessons: [Lesson] = [], regions: [Region] = [], translations: [Translation] = []) {
        self.sources = sources
        self.indicators = indicators
        self.scenarios = scenarios
        self.lessons = lessons
        self.regions = regions
        self.translations = translations
        func index<T>(_ items: [T], _ key: (T) -> String) -> [String: Int] {
            var result: [String: Int] = [:]
            for (i, item) in items.enumerated() where result[key(item)] == nil { result[key(item)] = i }
            return result
        }
        sourceIndex = index(sources, \.id)
        indicatorIndex = index(indicators, \.id)
        scenarioIndex = index(scenarios, \.id)
        lessonIndex = index(lessons, \.id)
        regionIndex = index(regions, \.id)
        var alternates: [String: [Int]] = [:]
        for (i, s) in scenarios.enumerated() { if let original = s.alternateFor { alternates[original, default: []].append(i) } }
        alternateIndex = alternates
    }

    public func source(_ id: String) -> Source? { sourceIndex[id].map { sources[$0] } }
    public func indicator(_ id: String) -> Indicator? { indicatorIndex[id].map { indicators[$0] } }
    public func scenario(_ id: String) -> Scenario? { scenarioIndex[id].map { scenarios[$0] } }
    public func lesson(_ id: String) -> Lesson? { lessonIndex[id].map { lessons[$0] } }
    public func region(_ id: String) -> Region? { regionIndex[id].map { regions[$0] } }

    /// The scenarios of a lesson that exist in the bank, in lesson order.
    public func scenarios(of lesson: Lesson) -> [Scenario] { lesson.scenarioIDs.compactMap { scenario($0) } }

    /// The alternates of a scenario (`alternate-for:` naming it), in bank order.
    public func alternates(of scenarioID: String) -> [Scenario] { (alternateIndex[scenarioID] ?? []).map { scenarios[$0] } }

    /// The alternate the trainer offers when a learner skips `scenarioID` in a lesson: the first with questions.
    public func offeredAlternate(for scenarioID: String) -> Scenario? {
        alternates(of: scenarioID).first { !$0.questions.isEmpty && $0.id != scenarioID }
    }

    public func translation(of scenarioID: String, language: String, target: Translation.Target = .scenario) -> Translation? {
        translations.first { $0.scenarioID == scenarioID && $0.language == language && $0.target == target }
    }
}
