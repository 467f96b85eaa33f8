/// Settings for checks that depend on the outside world, passed in to keep the core pure.
public struct ValidationOptions: Sendable {
    /// Today's date, for the "last verified more than 12 months ago" warning; nil skips it.
    public var today: CalendarDate?

    public init(today: CalendarDate? = nil) { self.today = today }
}

/// The result of loading a bank: the bank (usable when there are no errors) and every problem found.
public struct BankLoadResult: Sendable {
    public var bank: Bank
    public var diagnostics: [Diagnostic]
    public var fileCount: Int

    public var hasErrors: Bool { diagnostics.hasErrors }

    public init(bank: Bank, diagnostics: [Diagnostic], fileCount: Int) {
        self.bank = bank
        self.diagnostics = diagnostics
        self.fileCount = fileCount
    }
}

/// Parses and validates a whole bank. Pure: the caller reads the files.
public enum BankLoader {
    public static func load(files: [(path: String, bytes: [UInt8])], options: ValidationOptions = .init()) -> BankLoadResult {
        let parsed = files.map { BankParser.parse($0.bytes, path: $0.path) }
        return BankValidator.validate(parsed, options: options)
    }
}

/// Cross-file checks: duplicate ids, unknown references, and rules that need the whole bank.
public enum BankValidator {
    public static func validate(_ files: [ParsedFile], options: ValidationOptions = .init()) -> BankLoadResult {
        var diagnostics: [Diagnostic] = []
        for file in files { diagnostics.append(contentsOf: file.diagnostics) }

        func unique<T>(_ items: [T], _ id: (T) -> String, _ location: (T) -> SourceLocation, _ what: String) -> [T] {
            var seen: [String: SourceLocation] = [:]
            var result: [T] = []
            result.reserveCapacity(items.count)
            for item in items {
                let key = id(item)
                if let first = seen[key] {
                    diagnostics.append(.error("E020", at: location(item), "\(what) id '\(key)' is already used; give this \(what) another id",
                        notes: [.init(location: first, message: "first \(what) '\(key)' is here")]))
                } else {
                    seen[key] = location(item)
                    result.append(item)
                }
            }
            return result
        }

        let sources = unique(files.flatMap(\.sources), \.id, \.location, "source")
        let indicators = unique(files.flatMap(\.indicators), \.id, \.location, "indicator")
        let scenarios = unique(files.flatMap(\.scenarios), \.id, \.location, "scenario")
        let lessons = unique(files.flatMap(\.lessons), \.id, \.location, "lesson")
        let regions = unique(files.flatMap(\.regions), \.id, \.location, "region")
        let translations = unique(files.flatMap(\.translations), { "\($0.target.rawValue):\($0.scenarioID)@\($0.language)" }, \.location, "translation")
        let bank = Bank(sources: sources, indicators: indicators, scenarios: scenarios, lessons: lessons,
                        regions: regions, translations: translations)

        // Unknown references. Ids of items that failed to parse still count as defined
        // (their own errors are reported), so one mistake does not cascade.
        var defined: [Reference.Kind: [String: SourceLocation]] = [.source: [:], .indicator: [:], .scenario: [:], .region: [:]]
        for s in sources { defined[.source]![s.id] = s.location }
        for i in indicators { defined[.indicator]![i.id] = i.location }
        for s in scenarios { defined[.scenario]![s.id] = s.location }
        for r in regions { defined[.region]![r.id] = r.location }
        let whereToDefine: [Reference.Kind: String] = [
            .source: "define it with 'source: ID' (for example in sources.txt)",
            .indicator: "define it with 'indicator: ID' (for example in taxonomy.txt)",
            .scenario: "define it with 'scenario: ID'",
            .region: "define it with 'region: ID' in a region file, or write 'region: any'",
        ]
        for file in files {
            for reference in file.references {
                let table = defined[reference.kind]!
                if table[reference.id] != nil { continue }
                var message = "unknown \(reference.kind.rawValue) '\(reference.id)'"
                var notes: [Diagnostic.Note] = []
                if let suggestion = Suggest.closest(to: reference.id, in: table.keys) {
                    message += "; did you mean '\(suggestion)'?"
                    notes.append(.init(location: table[suggestion]!, message: "'\(suggestion)' is defined here"))
                } else {
                    message += "; \(whereToDefine[reference.kind]!)"
                }
                diagnostics.append(.error("E021", at: reference.location, message, notes: notes))
            }
        }

        for scenario in scenarios { checkScenario(scenario, bank, &diagnostics) }
        checkAlternates(bank, &diagnostics)
        for lesson in lessons { checkLesson(lesson, bank, &diagnostics) }
        if let today = options.today {
            for region in regions {
                for entry in region.entries where entry.lastVerified.oneYearLater < today {
                    diagnostics.append(.warning("W050", at: entry.location,
                        "\(entry.kind.rawValue) '\(entry.id)' was last verified on \(entry.lastVerified), more than 12 months ago; check it again and update 'last-verified:'"))
                }
            }
        }
        for translation in translations { checkTranslation(translation, bank, &diagnostics) }

        return BankLoadResult(bank: bank, diagnostics: diagnostics.sortedByLocation(), fileCount: files.count)
    }

    static func checkScenario(_ scenario: Scenario, _ bank: Bank, _ diagnostics: inout [Diagnostic]) {
        let signs = scenario.trueIndicators.compactMap { bank.indicator($0) }
        if scenario.trafficking, !signs.isEmpty, signs.allSatisfy({ $0.strength == .weak }) {
            let names = signs.map(\.id).sorted().joined(separator: ", ")
            diagnostics.append(.warning("W020", at: scenario.location,
                "the only true signs in scenario '\(scenario.id)' are weak indicators (\(names)); a weak sign matters only together with others, so add a medium or strong sign"))
        }
        if scenario.contentNote == nil, let minor = signs.first(where: { $0.category == .minors }) {
            diagnostics.append(.warning("W033", at: scenario.location,
                "scenario '\(scenario.id)' shows the sign '\(minor.id)' about minors but has no 'content-note:'; add a short note such as 'content-note: a child at risk; nothing explicit'"))
        }
    }

    /// `alternate-for:` (see ``Scenario/alternateFor``): the original must exist (E021, with the other references)
    /// and have a content note (E037); the alternate must have none (E038) and be listed in no lesson (E039); it
    /// should teach the same skill: share a true-sign indicator and a keyed action class with the original, and be
    /// written for every audience the original is (W035).
    static func checkAlternates(_ bank: Bank, _ diagnostics: inout [Diagnostic]) {
        var listedIn: [String: Lesson] = [:]
        for lesson in bank.lessons { for id in lesson.scenarioIDs where listedIn[id] == nil { listedIn[id] = lesson } }
        for alternate in bank.scenarios {
            guard let originalID = alternate.alternateFor else { continue }
            let at = alternate.alternateForLocation ?? alternate.location
            if alternate.contentNote != nil {
                diagnostics.append(.error("E038", at: alternate.location,
                    "scenario '\(alternate.id)' is an alternate for '\(originalID)' but has its own 'content-note:'; an alternate is what a learner sees after skipping a distressing scene, so write it without distressing content and delete its content note"))
            }
            if let lesson = listedIn[alternate.id] {
                diagnostics.append(.error("E039", at: at,
                    "scenario '\(alternate.id)' is an alternate for '\(originalID)' but is also listed in lesson '\(lesson.id)'; take it out of the lesson's 'scenarios:' (the trainer offers it when '\(originalID)' is skipped), or delete 'alternate-for:'",
                    notes: [.init(location: lesson.location, message: "lesson '\(lesson.id)' is here")]))
            }
            guard let original = bank.scenario(originalID) else { continue }   // E021 already
            if original.alternateFor != nil {
                diagnostics.append(.error("E037", at: at,
                    "scenario '\(originalID)' is itself an alternate (for '\(original.alternateFor ?? "")'); name the content-noted scenario of the lesson instead",
                    notes: [.init(location: original.location, message: "'\(originalID)' is here")]))
            } else if original.contentNote == nil {
                diagnostics.append(.error("E037", at: at,
                    "scenario '\(originalID)' has no 'content-note:', so a learner is never offered to skip it and an alternate is never shown; give '\(originalID)' a content note, or delete 'alternate-for:'",
                    notes: [.init(location: original.location, message: "'\(originalID)' is here")]))
            }
            var missing: [String] = []
            let originalSigns = original.trueIndicators
            if !originalSigns.isEmpty && originalSigns.isDisjoint(with: alternate.trueIndicators) {
                missing.append("no true-sign indicator (the original shows \(originalSigns.sorted().joined(separator: ", ")))")
            }
            let originalActions = original.keyedActions
            if !originalActions.isEmpty && originalActions.isDisjoint(with: alternate.keyedActions) {
                missing.append("no keyed action (the original keys \(originalActions.map(\.rawValue).sorted().joined(separator: ", ")))")
            }
            let lacking = original.audiences.filter { !alternate.audiences.contains($0) }
            if !lacking.isEmpty {
                let names = lacking.map(\.rawValue).joined(separator: ", ")
                diagnostics.append(.warning("W035", at: at,
                    "alternate '\(alternate.id)' is not written for \(names), as '\(originalID)' is, so a learner of that track may be offered a scene not meant for them; add \(names) to its 'audiences:'",
                    notes: [.init(location: original.location, message: "'\(originalID)' is here")]))
            }
            if !missing.isEmpty {
                diagnostics.append(.warning("W035", at: at,
                    "alternate '\(alternate.id)' shares \(missing.joined(separator: " and ")) with '\(originalID)'; an alternate should teach the same skill: show one of the same signs and key one of the same actions",
                    notes: [.init(location: original.location, message: "'\(originalID)' is here")]))
            }
        }
    }

    static func checkLesson(_ lesson: Lesson, _ bank: Bank, _ diagnostics: inout [Diagnostic]) {
        guard case .only(let audience) = lesson.audience else { return }
        for scenario in bank.scenarios(of: lesson) where !scenario.audiences.contains(audience) {
            diagnostics.append(.warning("W040", at: lesson.location,
                "lesson '\(lesson.id)' is for \(audience.rawValue) but scenario '\(scenario.id)' is not; add '\(audience.rawValue)' to its audiences or use another scenario"))
        }
    }

    /// The text keys a translation of `scenario` may carry.
    public static func translatableKeys(of scenario: Scenario) -> [String] {
        var keys = ["title", "story"]
        if scenario.contentNote != nil { keys.append("content-note") }
        for q in scenario.questions {
            keys.append("\(q.id).ask")
            for o in q.options {
                keys.append("\(q.id).\(o.id)")
                keys.append("\(q.id).\(o.id).why")
            }
        }
        return keys
    }

    /// The text keys a translation of an indicator may carry.
    public static func translatableKeys(of indicator: Indicator) -> [String] { ["title", "explain"] }

    /// The text keys a translation of a region may carry.
    public static func translatableKeys(of region: Region) -> [String] {
        var keys = ["name"]
        if region.note != nil { keys.append("note") }
        for entry in region.entries {
            keys.append("\(entry.id).name")
            if entry.contact != nil { keys.append("\(entry.id).contact") }
            if entry.purpose != nil { keys.append("\(entry.id).for") }
            if entry.hours != nil { keys.append("\(entry.id).hours") }
        }
        return keys
    }

    /// The keys a translation should carry, and where its original is; nil when the original does not exist (that
    /// is reported as an unknown reference).
    static func original(of translation: Translation, _ bank: Bank) -> (keys: [String], rev: Int, location: SourceLocation, what: String)? {
        switch translation.target {
        case .scenario:
            guard let s = bank.scenario(translation.scenarioID) else { return nil }
            return (translatableKeys(of: s), s.rev, s.location, "scenario")
        case .indicator:
            guard let i = bank.indicator(translation.scenarioID) else { return nil }
            return (translatableKeys(of: i), 0, i.location, "indicator")
        case .region:
            guard let r = bank.region(translation.scenarioID) else { return nil }
            return (translatableKeys(of: r), 0, r.location, "region")
        }
    }

    static func checkTranslation(_ translation: Translation, _ bank: Bank, _ diagnostics: inout [Diagnostic]) {
        checkLanguageTag(translation, &diagnostics)
        guard let original = original(of: translation, bank) else { return }
        let id = translation.scenarioID
        if translation.target == .region, let region = bank.region(id) {
            checkRegionDigits(translation, region, &diagnostics)
        }
        if translation.target == .scenario, translation.rev != original.rev {
            diagnostics.append(.warning("W060", at: translation.location,
                "the '\(translation.language)' translation of '\(id)' is of rev \(translation.rev) but the original is rev \(original.rev); update the translation and its 'rev:'",
                notes: [.init(location: original.location, message: "the original is here")]))
        }
        let expected = original.keys
        let expectedSet = Set(expected)
        for key in translation.texts.keys.sorted() where !expectedSet.contains(key) {
            var message = "'\(key)' names nothing in \(original.what) '\(id)'"
            if let s = Suggest.closest(to: key, in: expected) { message += "; did you mean '\(s)'?" }
            diagnostics.append(.error("E060", at: translation.keyLocations[key] ?? translation.location, message))
        }
        let missing = expected.filter { (translation.texts[$0] ?? "").isEmpty }
        if !missing.isEmpty {
            let shown = missing.prefix(6).joined(separator: ", ") + (missing.count > 6 ? " and \(missing.count - 6) more" : "")
            diagnostics.append(.warning("W061", at: translation.location,
                "the '\(translation.language)' translation of '\(id)' is missing \(missing.count) text\(missing.count == 1 ? "" : "s"): \(shown)"))
        }
    }

    // MARK: - Language tags (E063, W063)

    /// ISO 639-1 language codes: the primary subtag of a translation's `language:` must be one of them.
    static let languageCodes: Set<String> = Set("""
        aa ab ae af ak am an ar as av ay az ba be bg bi bm bn bo br bs ca ce ch co cr cs cu cv cy da de dv dz ee el en \
        eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht hu hy hz ia id ie ig ii ik io is it iu ja \
        jv ka kg ki kj kk kl km kn ko kr ks ku kv kw ky la lb lg li ln lo lt lu lv mg mh mi mk ml mn mr ms mt my na nb \
        nd ne ng nl nn no nr nv ny oc oj om or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk sl sm sn so sq \
        sr ss st su sv sw ta te tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz ve vi vo wa wo xh yi yo za zh zu
        """.split(whereSeparator: { $0 == " " || $0.isNewline }).map(String.init))

    /// Whether `tag` is a language tag Lookout accepts: an ISO 639-1 code, optionally followed by a
    /// script (`-Khmr`) and/or a region (`-KH`), as in BCP 47.
    public static func isKnownLanguageTag(_ tag: String) -> Bool {
        let parts = tag.split(separator: "-", omittingEmptySubsequences: false).map(String.init)
        guard let first = parts.first, languageCodes.contains(first), parts.count <= 3 else { return false }
        var rest = parts.dropFirst()
        func isLetters(_ s: String, _ n: Int) -> Bool { s.count == n && s.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("A"..."Z").contains($0) } }
        if let script = rest.first, isLetters(script, 4) { rest = rest.dropFirst() }
        if let region = rest.first, isLetters(region, 2) || (region.count == 3 && region.allSatisfy(\.isASCII) && region.allSatisfy(\.isNumber)) {
            rest = rest.dropFirst()
        }
        return rest.isEmpty
    }

    static func checkLanguageTag(_ translation: Translation, _ diagnostics: inout [Diagnostic]) {
        let tag = translation.language
        guard isKnownLanguageTag(tag) else {
            diagnostics.append(.error("E063", at: translation.location,
                "'\(TerminalText.safe(tag))' is not a language tag Lookout knows: use an ISO 639-1 code such as km (Khmer), th (Thai) or vi (Vietnamese), optionally with a region, e.g. km-KH"))
            return
        }
        // translations/<folder>/file.txt: the folder names the language.
        let components = translation.location.file.split(separator: "/").map(String.init)
        if let at = components.lastIndex(of: "translations"), at + 2 < components.count {
            let folder = components[at + 1]
            let primary = tag.split(separator: "-").first.map(String.init) ?? tag
            if folder != tag && folder != primary {
                diagnostics.append(.warning("W063", at: translation.location,
                    "this translation says 'language: \(tag)' but is in the folder translations/\(TerminalText.safe(folder))/; move it to translations/\(primary)/ or correct the tag"))
            }
        }
    }

    // MARK: - Numbers in region translations (E062, W062)

    /// The value of a decimal digit in any script (Khmer ០–៩ → 0–9), or nil.
    static func digitValue(_ scalar: Unicode.Scalar) -> Character? {
        guard scalar.properties.numericType == .decimal, let value = scalar.properties.numericValue,
              value >= 0, value <= 9 else { return nil }
        return Character(String(Int(value)))
    }

    /// Runs of digits in `text` (any script, as ASCII digits), and numbers written in groups ("012 345
    /// 678", "012-345-678") joined into one run each.
    static func digitRuns(_ text: String) -> (runs: [String], grouped: [String]) {
        var runs: [String] = [], grouped: [String] = []
        var run = "", group = ""
        var pendingSeparator = false
        let separators: Set<Unicode.Scalar> = [" ", "-", ".", "\u{00A0}", "\u{200B}", "/", "(", ")"]
        for scalar in text.unicodeScalars {
            if let d = digitValue(scalar) {
                run.append(d)
                group.append(d)
                pendingSeparator = false
                continue
            }
            if !run.isEmpty { runs.append(run); run = "" }
            if separators.contains(scalar), !group.isEmpty, !pendingSeparator {
                pendingSeparator = true
                continue
            }
            if !group.isEmpty { grouped.append(group); group = "" }
            pendingSeparator = false
        }
        if !run.isEmpty { runs.append(run) }
        if !group.isEmpty { grouped.append(group) }
        return (runs, grouped)
    }

    /// Every run of 3 or more digits in a region translation's texts must occur in the original's
    /// texts, ids or numbers: a translation cannot change a helpline number. An error in a hotline's
    /// texts, a warning elsewhere.
    static func checkRegionDigits(_ translation: Translation, _ region: Region, _ diagnostics: inout [Diagnostic]) {
        var originals: [String] = [region.id, region.name] + (region.note.map { [$0] } ?? [])
        for entry in region.entries {
            originals += [entry.id, entry.name]
            originals += [entry.number, entry.contact, entry.hours, entry.purpose].compactMap { $0 }
        }
        var known: [String] = []
        for text in originals {
            let found = digitRuns(text)
            known += found.runs + found.grouped
        }
        let entryKinds = Dictionary(region.entries.map { ($0.id, $0.kind) }, uniquingKeysWith: { a, _ in a })
        for key in translation.texts.keys.sorted() {
            guard let text = translation.texts[key] else { continue }
            let unknown = digitRuns(text).runs.filter { run in run.count >= 3 && !known.contains { $0.contains(run) } }
            guard !unknown.isEmpty else { continue }
            let entryID = key.split(separator: ".").dropLast().joined(separator: ".")
            let isHotline = entryKinds[entryID] == .hotline
            let numbers = unknown.map { "'\($0)'" }.joined(separator: ", ")
            let message = "the '\(translation.language)' text '\(key)' of region '\(region.id)' has the number\(unknown.count == 1 ? "" : "s") \(numbers), which the original does not have; numbers must stay exactly as in the original (a wrong helpline number sends people to the wrong place)"
            let location = translation.keyLocations[key] ?? translation.location
            diagnostics.append(isHotline ? .error("E062", at: location, message, notes: [.init(location: region.location, message: "the original is here")])
                                         : .warning("W062", at: location, message, notes: [.init(location: region.location, message: "the original is here")]))
        }
    }
}
