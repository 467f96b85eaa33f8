/// Where a text in a learner's language comes from.
public enum TranslationState: String, Hashable, Sendable, CaseIterable {
    /// The language is the original's: nothing to translate.
    case original
    /// A current translation, signed off by a named reviewer.
    case reviewed
    /// A current translation nobody has signed off yet.
    case draft
    /// A translation of an older rev of the original: not used (the English original shows).
    case stale
    /// No translation: the English original shows.
    case missing

    /// True when the trainer shows the translation.
    public var isShown: Bool { self == .reviewed || self == .draft }
}

extension Bank {
    /// The original language of the bank's texts.
    public static let originalLanguage = "en"

    /// The state of the `language` text of a scenario, indicator or region.
    public func translationState(of id: String, _ target: Translation.Target = .scenario, language: String) -> TranslationState {
        if language == Bank.originalLanguage { return .original }
        guard let translation = translation(of: id, language: language, target: target) else { return .missing }
        if target == .scenario, let original = scenario(id), original.rev != translation.rev { return .stale }
        return translation.isReviewed ? .reviewed : .draft
    }

    /// The languages any translation is in, sorted.
    public var translationLanguages: [String] { Array(Set(translations.map(\.language))).sorted() }

    /// The bank with every current translation into `language` in place of the original text (same ids, answers,
    /// indicators and actions; only text changes). A text a translation lacks, and everything with a stale or no
    /// translation, stays English: ``translationState(of:_:language:)`` says which.
    public func localized(to language: String) -> Bank {
        guard language != Bank.originalLanguage else { return self }
        func current(_ id: String, _ target: Translation.Target) -> [String: String]? {
            guard translationState(of: id, target, language: language).isShown else { return nil }
            return translation(of: id, language: language, target: target)?.texts
        }
        func pick(_ texts: [String: String], _ key: String, _ english: String) -> String {
            guard let text = texts[key], !text.isEmpty else { return english }
            return text
        }
        let newScenarios = scenarios.map { scenario -> Scenario in
            guard let t = current(scenario.id, .scenario) else { return scenario }
            var s = scenario
            s.title = pick(t, "title", s.title)
            s.story = pick(t, "story", s.story)
            if let note = s.contentNote { s.contentNote = pick(t, "content-note", note) }
            s.questions = s.questions.map { question in
                var q = question
                q.prompt = pick(t, "\(q.id).ask", q.prompt)
                q.options = q.options.map { option in
                    var o = option
                    o.text = pick(t, "\(q.id).\(o.id)", o.text)
                    o.feedback = pick(t, "\(q.id).\(o.id).why", o.feedback)
                    return o
                }
                return q
            }
            return s
        }
        let newIndicators = indicators.map { indicator -> Indicator in
            guard let t = current(indicator.id, .indicator) else { return indicator }
            var i = indicator
            i.title = pick(t, "title", i.title)
            i.explanation = pick(t, "explain", i.explanation)
            return i
        }
        let newRegions = regions.map { region -> Region in
            guard let t = current(region.id, .region) else { return region }
            var r = region
            r.name = pick(t, "name", r.name)
            if let note = r.note { r.note = pick(t, "note", note) }
            r.entries = r.entries.map { entry in
                var e = entry
                e.name = pick(t, "\(e.id).name", e.name)
                if let contact = e.contact { e.contact = pick(t, "\(e.id).contact", contact) }
                if let purpose = e.purpose { e.purpose = pick(t, "\(e.id).for", purpose) }
                if let hours = e.hours { e.hours = pick(t, "\(e.id).hours", hours) }
                return e
            }
            return r
        }
        return Bank(sources: sources, indicators: newIndicators, scenarios: newScenarios, lessons: lessons,
                    regions: newRegions, translations: translations)
    }
}

/// How many translations of each kind are reviewed, draft, stale or missing, per language (`check --stats`).
public struct TranslationCounts: Hashable, Sendable, Codable {
    public struct Counts: Hashable, Sendable, Codable {
        public var reviewed = 0
        public var draft = 0
        public var stale = 0
        public var missing = 0
        public var total: Int { reviewed + draft + stale + missing }

        public init(reviewed: Int = 0, draft: Int = 0, stale: Int = 0, missing: Int = 0) {
            self.reviewed = reviewed
            self.draft = draft
            self.stale = stale
            self.missing = missing
        }
    }

    /// language → `scenario`, `indicator` or `region` → counts.
    public var languages: [String: [String: Counts]]

    /// Counts for every language a translation exists in, plus `alsoFor` (such as `km`, so a language with no
    /// translation yet shows as all missing).
    public init(bank: Bank, alsoFor extra: [String] = ["km"]) {
        var result: [String: [String: Counts]] = [:]
        let languages = Set(bank.translationLanguages + extra).subtracting([Bank.originalLanguage])
        for language in languages {
            var perTarget: [String: Counts] = [:]
            let items: [(Translation.Target, [String])] = [
                (.scenario, bank.scenarios.map(\.id)), (.indicator, bank.indicators.map(\.id)), (.region, bank.regions.map(\.id)),
            ]
            for (target, ids) in items {
                var counts = Counts()
                for id in ids {
                    switch bank.translationState(of: id, target, language: language) {
                    case .reviewed: counts.reviewed += 1
                    case .draft: counts.draft += 1
                    case .stale: counts.stale += 1
                    case .missing, .original: counts.missing += 1
                    }
                }
                perTarget[target.rawValue] = counts
            }
            result[language] = perTarget
        }
        self.languages = result
    }

    /// Lines for `check --stats`.
    public var text: String {
        var lines = ["Translations (reviewed / draft / stale / missing):"]
        for language in languages.keys.sorted() {
            for target in Translation.Target.allCases {
                let c = languages[language]?[target.rawValue] ?? Counts()
                let name = target.rawValue + "s"
                lines.append("  \(language)  \(name.padding(11)) reviewed \(c.reviewed), draft \(c.draft), stale \(c.stale), missing \(c.missing) (of \(c.total))")
            }
        }
        return lines.joined(separator: "\n")
    }
}
