/// Figures about a bank, for `lookout check --stats`.
public struct BankStats: Sendable, Codable, Equatable {
    public struct IndicatorUse: Sendable, Codable, Equatable {
        public var id: String
        public var strength: String
        /// Scenarios in which the indicator is a true sign.
        public var asTrueSign: Int
        /// Options that are look-alikes of the indicator.
        public var asLookalike: Int
    }
    public struct LessonLength: Sendable, Codable, Equatable {
        public var id: String
        public var audience: String
        public var scenarios: Int
        public var questions: Int
        public var minutes: Int?
        public var passMark: Int
    }

    public var scenarios: Int
    public var scenariosPerAudience: [String: Int]
    public var withoutTrafficking: Int
    public var shareWithoutTrafficking: Double
    public var indicators: [IndicatorUse]
    public var lessons: [LessonLength]
    public var sources: Int
    public var regions: Int
    public var translations: Int
    /// Reviewed, draft, stale and missing translations per language.
    public var translationCounts: TranslationCounts

    /// The content rule: every indicator is a true sign in at least this many scenarios.
    public static let minimumTrueSigns = 3

    public init(bank: Bank) {
        scenarios = bank.scenarios.count
        var perAudience: [String: Int] = [:]
        for audience in Audience.allCases { perAudience[audience.rawValue] = 0 }
        var trueCount: [String: Int] = [:]
        var lookalikeCount: [String: Int] = [:]
        for scenario in bank.scenarios {
            for audience in scenario.audiences { perAudience[audience.rawValue, default: 0] += 1 }
            for id in scenario.trueIndicators { trueCount[id, default: 0] += 1 }
            for q in scenario.questions where q.kind == .multi {
                for o in q.options where !o.isCorrect {
                    for id in o.lookalikeOf { lookalikeCount[id, default: 0] += 1 }
                }
            }
        }
        scenariosPerAudience = perAudience
        withoutTrafficking = bank.scenarios.filter { !$0.trafficking }.count
        shareWithoutTrafficking = scenarios == 0 ? 0 : Double(withoutTrafficking) / Double(scenarios)
        indicators = bank.indicators.map {
            IndicatorUse(id: $0.id, strength: $0.strength.rawValue, asTrueSign: trueCount[$0.id] ?? 0,
                         asLookalike: lookalikeCount[$0.id] ?? 0)
        }
        lessons = bank.lessons.map { lesson in
            let items = bank.scenarios(of: lesson)
            return LessonLength(id: lesson.id, audience: lesson.audience.rawValue, scenarios: items.count,
                                questions: items.reduce(0) { $0 + $1.questions.count }, minutes: lesson.minutes,
                                passMark: lesson.passMark)
        }
        sources = bank.sources.count
        regions = bank.regions.count
        translations = bank.translations.count
        translationCounts = TranslationCounts(bank: bank)
    }

    /// A plain-text table for the terminal.
    public var text: String {
        var lines: [String] = []
        lines.append("Scenarios: \(scenarios)")
        for audience in Audience.allCases {
            lines.append("  \(audience.rawValue.padding(12)) \(scenariosPerAudience[audience.rawValue] ?? 0)")
        }
        let percent = Int((shareWithoutTrafficking * 100).rounded())
        lines.append("  with no trafficking: \(withoutTrafficking) (\(percent)%)")
        lines.append("")
        lines.append("Indicators: \(indicators.count)   (true sign = scenarios where it is a true sign; look-alike = options that imitate it)")
        lines.append("  \("id".padding(20)) \("strength".padding(8)) \("true sign".leftPadding(9)) \("look-alike".leftPadding(10))")
        for use in indicators {
            let flag = use.asTrueSign < BankStats.minimumTrueSigns ? "  below \(BankStats.minimumTrueSigns) scenarios" : ""
            lines.append("  \(use.id.padding(20)) \(use.strength.padding(8)) \(String(use.asTrueSign).leftPadding(9)) \(String(use.asLookalike).leftPadding(10))\(flag)")
        }
        let thin = indicators.filter { $0.asTrueSign < BankStats.minimumTrueSigns }.count
        lines.append(thin == 0
            ? "  every indicator is a true sign in at least \(BankStats.minimumTrueSigns) scenarios"
            : "  \(thin) indicator(s) are a true sign in fewer than \(BankStats.minimumTrueSigns) scenarios")
        lines.append("")
        lines.append("Lessons: \(lessons.count)")
        for lesson in lessons {
            let minutes = lesson.minutes.map { "\($0) min" } ?? "-"
            lines.append("  \(lesson.id.padding(20)) \(lesson.audience.padding(12)) \(String(lesson.scenarios).leftPadding(3)) scenarios \(String(lesson.questions).leftPadding(3)) questions  \(minutes.leftPadding(7))  pass \(lesson.passMark)%")
        }
        lines.append("")
        lines.append("Sources: \(sources)   Regions: \(regions)   Translations: \(translations)")
        lines.append("")
        lines.append(translationCounts.text)
        return lines.joined(separator: "\n")
    }
}

extension String {
    func padding(_ width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }
    func leftPadding(_ width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }
}
