/// A reference from one bank item to another, kept with its place so the validator can
/// report unknown ids where they are written.
public struct Reference: Hashable, Sendable {
    public enum Kind: String, Sendable {
        case source
        case indicator
        case scenario
        case region
    }
    public var kind: Kind
    public var id: String
    public var location: SourceLocation
}

/// Everything read from one file: the items it defines, the ids it refers to, and the
/// problems found in it.
public struct ParsedFile: Sendable {
    public var path: String
    public var sources: [Source] = []
    public var indicators: [Indicator] = []
    public var scenarios: [Scenario] = []
    public var lessons: [Lesson] = []
    public var regions: [Region] = []
    public var translations: [Translation] = []
    public var references: [Reference] = []
    public var diagnostics: [Diagnostic] = []
    /// Where each question and option id was defined, for notes.
    var optionTagLocations: [String: SourceLocation] = [:]
}

/// Reads one bank file. Pure: takes bytes and a path for messages, returns what it found.
public enum BankParser {
    public static func parse(_ bytes: [UInt8], path: String) -> ParsedFile {
        var lexer = Lexer(path: path)
        let lines = lexer.lex(bytes)
        var builder = BagBuilder(path: path)
        builder.diagnostics = lexer.diagnostics
        builder.build(lines)
        var converter = Converter(path: path)
        converter.file.diagnostics = builder.diagnostics
        for bag in builder.blocks { converter.convert(bag) }
        return converter.file
    }

    public static func parse(_ text: String, path: String) -> ParsedFile {
        parse(Array(text.utf8), path: path)
    }
}

// MARK: - Stage 2: lines into nested bags of fields

final class Field {
    let key: String
    let keyLocation: SourceLocation
    var value: String
    let valueLocation: SourceLocation
    var items: [(String, SourceLocation)] = []
    var breakPending = false

    init(key: String, keyLocation: SourceLocation, value: String, valueLocation: SourceLocation) {
        self.key = key
        self.keyLocation = keyLocation
        self.value = value
        self.valueLocation = valueLocation
    }

    func append(_ text: String) {
        if text.isEmpty {
            if !value.isEmpty { breakPending = true }
            return
        }
        if value.isEmpty {
            value = text
        } else {
            value += breakPending ? "\n" : " "
            value += text
        }
        breakPending = false
    }
}

final class Bag {
    enum Kind: String {
        case source, indicator, scenario, question, option, lesson, region, hotline, organisation, translation
    }
    let kind: Kind
    let id: String
    let location: SourceLocation
    let idLocation: SourceLocation
    var fields: [String: Field] = [:]
    var children: [Bag] = []
    // question only
    var questionKind: String = ""
    var questionKindLocation: SourceLocation
    // option only
    var marker: LexedLine.Marker = .lookalike
    var text: Field?

    init(kind: Kind, id: String, location: SourceLocation, idLocation: SourceLocation) {
        self.kind = kind
        self.id = id
        self.location = location
        self.idLocation = idLocation
        self.questionKindLocation = idLocation
    }
}

enum Keys {
    static let headers: [String: Bag.Kind] = [
        "source": .source, "indicator": .indicator, "scenario": .scenario,
        "lesson": .lesson, "region": .region, "translation": .translation,
    ]
    static let source = ["title", "publisher", "url", "year"]
    static let indicator = ["category", "title", "strength", "audiences", "sources", "explain"]
    static let scenario = ["rev", "title", "audiences", "region", "language", "trafficking", "content-note", "alternate-for", "sources", "story"]
    static let question = ["ask"]
    static let option = ["ind", "near", "act", "why"]
    static let lesson = ["title", "audience", "kind", "pass-mark", "minutes", "retake-after", "description", "scenarios"]
    static let region = ["name", "language", "note"]
    static let entry = ["name", "number", "contact", "hours", "for", "source", "last-verified", "status"]
    static let text: Set<String> = ["story", "explain", "why", "description", "note", "content-note", "for", "ask", "title"]
    static let list: Set<String> = ["sources", "audiences", "ind", "near", "scenarios"]
    /// A translation's own fields (everything else in it is translated text).
    static let translationFields: Set<String> = ["language", "rev", "of", "review", "reviewer", "reviewed-on"]
}

struct BagBuilder {
    let path: String
    var diagnostics: [Diagnostic] = []
    var blocks: [Bag] = []
    private var block: Bag?
    private var question: Bag?
    private var option: Bag?
    private var entry: Bag?
    private var lastField: Field?
    private var sawBlank = false

    init(path: String) { self.path = path }

    private func loc(_ line: Int, _ column: Int) -> SourceLocation {
        SourceLocation(file: path, line: line, column: column)
    }

    mutating func build(_ lines: [LexedLine]) {
        for line in lines {
            switch line.kind {
            case .blank:
                sawBlank = true
                continue
            case .continuation(let text):
                if let field = lastField, Keys.text.contains(field.key) || isTranslationText(field) {
                    if sawBlank && !field.value.isEmpty { field.breakPending = true }
                    field.append(text)
                } else {
                    let what = lastField.map { "'\($0.key):' does not take '|' text" } ?? "there is no field above it to continue"
                    diagnostics.append(.error("E016", at: loc(line.line, line.column),
                        "'|' text here continues nothing: \(what); put text after a field such as 'story:' or 'why:'"))
                }
            case .listItem(let item):
                if let field = lastField, Keys.list.contains(field.key) {
                    field.items.append((item, loc(line.line, line.valueColumn)))
                } else {
                    diagnostics.append(.error("E016", at: loc(line.line, line.column),
                        "a '-' list item must follow a list field such as 'scenarios:'"))
                }
            case .option(let marker, let id, let text):
                handleOption(marker, id: id, text: text, line: line)
            case .field(let key, let value):
                handleField(key, value, line)
            }
            sawBlank = false
        }
        finishBlock()
    }

    private func isTranslationText(_ field: Field) -> Bool {
        block?.kind == .translation && !Keys.translationFields.contains(field.key)
    }

    private mutating func finishBlock() {
        if let block { blocks.append(block) }
        block = nil
        question = nil
        option = nil
        entry = nil
        lastField = nil
    }

    private mutating func handleOption(_ marker: LexedLine.Marker, id: String, text: String, line: LexedLine) {
        guard let question else {
            diagnostics.append(.error("E012", at: loc(line.line, line.column),
                "option '\(marker.rawValue) \(id)' must come after a 'question:' line inside a scenario"))
            lastField = nil
            return
        }
        let bag = Bag(kind: .option, id: id, location: loc(line.line, line.column), idLocation: loc(line.line, line.valueColumn))
        bag.marker = marker
        let field = Field(key: "text", keyLocation: bag.location, value: text, valueLocation: loc(line.line, line.textColumn))
        bag.text = field
        question.children.append(bag)
        option = bag
        lastField = field
    }

    private mutating func handleField(_ key: String, _ value: String, _ line: LexedLine) {
        let keyLoc = loc(line.line, line.column)
        let valueLoc = loc(line.line, line.valueColumn)
        if let headerKind = Keys.headers[key], !takesAsField(key) {
            finishBlock()
            let id = value.split(separator: " ", omittingEmptySubsequences: true).first.map(String.init) ?? ""
            let bag = Bag(kind: headerKind, id: id, location: keyLoc, idLocation: valueLoc)
            block = bag
            if id.isEmpty {
                diagnostics.append(.error("E014", at: keyLoc, "'\(key):' needs an id, for example '\(key): \(Converter.exampleID(headerKind))'"))
            }
            return
        }
        guard let block else {
            diagnostics.append(.error("E012", at: keyLoc,
                "'\(key):' comes before any header; start the item with a header such as 'scenario: ID' or 'indicator: ID'"))
            lastField = nil
            return
        }
        switch block.kind {
        case .scenario:
            if key == "question" {
                let parts = value.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
                let bag = Bag(kind: .question, id: parts.first ?? "", location: keyLoc, idLocation: valueLoc)
                bag.questionKind = parts.count > 1 ? parts[1] : ""
                if parts.count > 1 {
                    let scalars = Array(value.unicodeScalars)
                    var k = parts[0].unicodeScalars.count
                    while k < scalars.count && (scalars[k] == " " || scalars[k] == "\t") { k += 1 }
                    bag.questionKindLocation = loc(line.line, line.valueColumn + k)
                }
                if parts.count > 2 {
                    diagnostics.append(.error("E015", at: keyLoc,
                        "a question line is 'question: ID KIND', for example 'question: q1 multi'; found extra words"))
                }
                block.children.append(bag)
                question = bag
                option = nil
                lastField = nil
                return
            }
            if Keys.option.contains(key) {
                guard let option else {
                    diagnostics.append(.error("E012", at: keyLoc,
                        "'\(key):' belongs to an option; put it under an option line such as '[x] o1: text'"))
                    lastField = nil
                    return
                }
                add(key, value, keyLoc, valueLoc, to: option)
            } else if Keys.question.contains(key) {
                guard let question else {
                    diagnostics.append(.error("E012", at: keyLoc,
                        "'\(key):' belongs to a question; put it after a line such as 'question: q1 multi'"))
                    lastField = nil
                    return
                }
                add(key, value, keyLoc, valueLoc, to: question)
            } else if Keys.scenario.contains(key) {
                add(key, value, keyLoc, valueLoc, to: block)
            } else {
                unknown(key, keyLoc, in: "a scenario", allowed: Keys.scenario + Keys.question + Keys.option + ["question"])
            }
        case .region:
            if key == "hotline" || key == "organisation" || key == "organization" {
                let id = value.split(separator: " ").first.map(String.init) ?? ""
                let bag = Bag(kind: key == "hotline" ? .hotline : .organisation, id: id, location: keyLoc, idLocation: valueLoc)
                if id.isEmpty {
                    diagnostics.append(.error("E014", at: keyLoc, "'\(key):' needs an id, for example '\(key): police-117'"))
                }
                block.children.append(bag)
                entry = bag
                lastField = nil
                return
            }
            if let entry, Keys.entry.contains(key) {
                add(key, value, keyLoc, valueLoc, to: entry)
            } else if Keys.region.contains(key) {
                add(key, value, keyLoc, valueLoc, to: block)
            } else if Keys.entry.contains(key) {
                diagnostics.append(.error("E012", at: keyLoc,
                    "'\(key):' belongs to a hotline or organisation; put it after a line such as 'hotline: police-117'"))
                lastField = nil
            } else {
                unknown(key, keyLoc, in: "a region", allowed: Keys.region + Keys.entry + ["hotline", "organisation"])
            }
        case .translation:
            add(key, value, keyLoc, valueLoc, to: block)
        case .source:
            route(key, value, keyLoc, valueLoc, block, Keys.source, "a source")
        case .indicator:
            route(key, value, keyLoc, valueLoc, block, Keys.indicator, "an indicator")
        case .lesson:
            route(key, value, keyLoc, valueLoc, block, Keys.lesson, "a lesson")
        case .question, .option, .hotline, .organisation:
            break
        }
    }

    /// `region:` in a scenario and `source:` in a hotline are fields, read as such the first time.
    private func takesAsField(_ key: String) -> Bool {
        if key == "region", let block, block.kind == .scenario, block.fields["region"] == nil { return true }
        if key == "source", let entry, entry.fields["source"] == nil { return true }
        return false
    }

    private mutating func route(_ key: String, _ value: String, _ keyLoc: SourceLocation, _ valueLoc: SourceLocation,
                                _ bag: Bag, _ allowed: [String], _ what: String) {
        if allowed.contains(key) {
            add(key, value, keyLoc, valueLoc, to: bag)
        } else {
            unknown(key, keyLoc, in: what, allowed: allowed)
        }
    }

    private mutating func unknown(_ key: String, _ location: SourceLocation, in what: String, allowed: [String]) {
        var message = "unknown key '\(key)' in \(what)"
        if key == "question" || key == "hotline" || key == "organisation" {
            message = "'\(key):' cannot appear in \(what)"
        } else if let suggestion = Suggest.closest(to: key, in: allowed) {
            message += "; did you mean '\(suggestion)'?"
        } else {
            message += "; allowed keys are " + allowed.map { "'\($0)'" }.joined(separator: ", ")
        }
        diagnostics.append(.error("E011", at: location, message))
        lastField = nil
    }

    private mutating func add(_ key: String, _ value: String, _ keyLoc: SourceLocation, _ valueLoc: SourceLocation, to bag: Bag) {
        if let first = bag.fields[key] {
            diagnostics.append(.error("E013", at: keyLoc, "'\(key):' is given twice; keep one",
                notes: [.init(location: first.keyLocation, message: "first '\(key):' is here")]))
            lastField = nil
            return
        }
        let field = Field(key: key, keyLocation: keyLoc, value: value, valueLocation: valueLoc)
        bag.fields[key] = field
        lastField = field
    }
}

// MARK: - Stage 3: bags into model values

struct Converter {
    let path: String
    var file: ParsedFile

    init(path: String) {
        self.path = path
        self.file = ParsedFile(path: path)
    }

    static func exampleID(_ kind: Bag.Kind) -> String {
        switch kind {
        case .source: return "ilo-indicators"
        case .indicator: return "doc-held"
        case .scenario: return "pol-bus-station"
        case .lesson: return "hos-intro"
        case .region: return "KH-BMC"
        case .translation: return "pol-bus-station"
        default: return "q1"
        }
    }

    private mutating func error(_ code: String, _ location: SourceLocation, _ message: String, notes: [Diagnostic.Note] = []) {
        file.diagnostics.append(.error(code, at: location, message, notes: notes))
    }

    private mutating func warning(_ code: String, _ location: SourceLocation, _ message: String) {
        file.diagnostics.append(.warning(code, at: location, message))
    }

    static func isValidID(_ id: String) -> Bool {
        guard let first = id.utf8.first, isIDByte(first), first != UInt8(ascii: "-"), first != UInt8(ascii: "_") else { return false }
        return id.utf8.allSatisfy(isIDByte)
    }

    private static func isIDByte(_ c: UInt8) -> Bool {
        (c >= 0x61 && c <= 0x7A) || (c >= 0x41 && c <= 0x5A) || (c >= 0x30 && c <= 0x39) || c == 0x2D || c == 0x5F
    }

    /// Checks an id's spelling; returns false (and reports E022) if it has other characters.
    @discardableResult
    private mutating func checkID(_ id: String, _ location: SourceLocation, _ what: String) -> Bool {
        if id.isEmpty { return false }
        if Converter.isValidID(id) { return true }
        error("E022", location, "\(what) id '\(id)' may only use letters, digits, '-' and '_', starting with a letter or digit")
        return false
    }

    private mutating func required(_ bag: Bag, _ key: String, _ what: String) -> Field? {
        if let field = bag.fields[key], !(field.value.isEmpty && field.items.isEmpty) { return field }
        if let field = bag.fields[key] {
            error("E014", field.keyLocation, "'\(key):' is empty in \(what) '\(bag.id)'; give it a value")
        } else if let index = missing.firstIndex(where: { $0.location == bag.location }) {
            missing[index].keys.append(key)
        } else {
            missing.append((bag.location, what, bag.id, [key]))
        }
        return nil
    }

    /// Missing required fields, reported as one diagnostic per item.
    private var missing: [(location: SourceLocation, what: String, id: String, keys: [String])] = []

    private mutating func reportMissing() {
        for item in missing {
            let keys = item.keys.map { "'\($0):'" }
            let list = keys.count == 1 ? keys[0] : keys.dropLast().joined(separator: ", ") + " and " + keys.last!
            error("E014", item.location, "\(item.what) '\(item.id)' has no \(list); add \(keys.count == 1 ? "it" : "them")")
        }
        missing.removeAll()
    }

    private func optionalText(_ bag: Bag, _ key: String) -> String? {
        guard let value = bag.fields[key]?.value, !value.isEmpty else { return nil }
        return value
    }

    /// Splits a comma list (and any '-' items) into values with their locations.
    private func listItems(_ field: Field) -> [(String, SourceLocation)] {
        var result: [(String, SourceLocation)] = []
        var offset = 0
        var current = ""
        var currentStart = -1
        func flush() {
            let trimmed = current.trimmingSpaces()
            if !trimmed.isEmpty {
                let lead = current.unicodeScalars.prefix { $0 == " " || $0 == "\t" }.count
                var location = field.valueLocation
                location.column += currentStart + lead
                result.append((trimmed, location))
            }
            current = ""
            currentStart = -1
        }
        for scalar in field.value.unicodeScalars {
            if scalar == "," {
                flush()
            } else {
                if currentStart < 0 { currentStart = offset }
                current.unicodeScalars.append(scalar)
            }
            offset += 1
        }
        flush()
        for item in field.items {
            for part in item.0.split(separator: ",") {
                let trimmed = String(part).trimmingSpaces()
                if !trimmed.isEmpty { result.append((trimmed, item.1)) }
            }
        }
        return result
    }

    private mutating func enumValue<T: RawRepresentable>(_ field: Field, _ type: T.Type, _ what: String) -> T?
    where T.RawValue == String, T: CaseIterable {
        if let value = T(rawValue: field.value) { return value }
        let names = T.allCases.map(\.rawValue)
        var message = "'\(field.value)' is not a \(what)"
        if let suggestion = Suggest.closest(to: field.value, in: names) {
            message += "; did you mean '\(suggestion)'?"
        } else {
            message += "; use one of " + names.map { "'\($0)'" }.joined(separator: ", ")
        }
        error("E015", field.valueLocation, message)
        return nil
    }

    private mutating func audiences(_ field: Field) -> [Audience] {
        var result: [Audience] = []
        for (name, location) in listItems(field) {
            if let audience = Audience(rawValue: name) {
                if !result.contains(audience) { result.append(audience) }
            } else {
                let names = Audience.allCases.map(\.rawValue)
                var message = "'\(name)' is not an audience"
                if let s = Suggest.closest(to: name, in: names) { message += "; did you mean '\(s)'?" }
                else { message += "; use 'police', 'school' or 'hospitality'" }
                error("E015", location, message)
            }
        }
        return result
    }

    private mutating func references(_ field: Field, _ kind: Reference.Kind) -> [String] {
        var ids: [String] = []
        for (id, location) in listItems(field) {
            if checkID(id, location, kind.rawValue) {
                ids.append(id)
                file.references.append(Reference(kind: kind, id: id, location: location))
            }
        }
        return ids
    }

    private mutating func positiveInt(_ field: Field, _ message: String) -> Int? {
        if let n = Int(field.value), n >= 1 { return n }
        error("E015", field.valueLocation, "'\(field.value)' is not valid: \(message)")
        return nil
    }

    mutating func convert(_ bag: Bag) {
        if !bag.id.isEmpty { checkID(bag.id, bag.idLocation, bag.kind.rawValue) }
        switch bag.kind {
        case .source: convertSource(bag)
        case .indicator: convertIndicator(bag)
        case .scenario: convertScenario(bag)
        case .lesson: convertLesson(bag)
        case .region: convertRegion(bag)
        case .translation: convertTranslation(bag)
        default: break
        }
        reportMissing()
    }

    private mutating func convertSource(_ bag: Bag) {
        let title = required(bag, "title", "source")
        let publisher = required(bag, "publisher", "source")
        var year: Int?
        if let field = required(bag, "year", "source") {
            if let y = Int(field.value), (1800...2200).contains(y) { year = y }
            else { error("E015", field.valueLocation, "'\(field.value)' is not a year; write four digits, for example 'year: 2012'") }
        }
        guard !bag.id.isEmpty, let title, let publisher, let year else { return }
        file.sources.append(Source(id: bag.id, title: title.value, publisher: publisher.value,
                                   url: optionalText(bag, "url"), year: year, location: bag.location))
    }

    private mutating func convertIndicator(_ bag: Bag) {
        let category = required(bag, "category", "indicator").flatMap { enumValue($0, IndicatorCategory.self, "category") }
        let title = required(bag, "title", "indicator")
        let strength = required(bag, "strength", "indicator").flatMap { enumValue($0, Strength.self, "strength") }
        let audiences = required(bag, "audiences", "indicator").map { self.audiences($0) } ?? []
        let sources = required(bag, "sources", "indicator").map { references($0, .source) } ?? []
        let explain = required(bag, "explain", "indicator")
        guard !bag.id.isEmpty, let category, let title, let strength, let explain else { return }
        file.indicators.append(Indicator(id: bag.id, category: category, title: title.value, strength: strength,
                                         audiences: audiences, sources: sources, explanation: explain.value,
                                         location: bag.location))
    }

    private mutating func convertScenario(_ bag: Bag) {
        var rev: Int?
        if let field = required(bag, "rev", "scenario") {
            rev = positiveInt(field, "'rev' is a whole number from 1 up; increase it when the meaning changes")
        }
        let title = required(bag, "title", "scenario")
        let audiences = required(bag, "audiences", "scenario").map { self.audiences($0) } ?? []
        var region: String?
        var regionOK = false
        if let field = required(bag, "region", "scenario") {
            if field.value == "any" {
                regionOK = true
            } else if checkID(field.value, field.valueLocation, "region") {
                region = field.value
                regionOK = true
                file.references.append(Reference(kind: .region, id: field.value, location: field.valueLocation))
            }
        }
        let language = required(bag, "language", "scenario")
        var trafficking: Bool?
        if let field = required(bag, "trafficking", "scenario") {
            switch field.value {
            case "yes": trafficking = true
            case "no": trafficking = false
            default: error("E015", field.valueLocation, "'trafficking:' must be 'yes' or 'no', not '\(field.value)'")
            }
        }
        let sources = required(bag, "sources", "scenario").map { references($0, .source) } ?? []
        let story = required(bag, "story", "scenario")
        var alternateFor: String?, alternateForLocation: SourceLocation?
        if let field = bag.fields["alternate-for"], field.value.isEmpty {
            error("E014", field.keyLocation, "'alternate-for:' is empty in scenario '\(bag.id)'; name the content-noted scenario this one stands in for, or delete the line")
        } else if let field = bag.fields["alternate-for"], checkID(field.value, field.valueLocation, "scenario") {
            alternateFor = field.value
            alternateForLocation = field.valueLocation
            file.references.append(Reference(kind: .scenario, id: field.value, location: field.valueLocation))
        }

        var questions: [Question] = []
        var seenQuestions: [String: SourceLocation] = [:]
        for child in bag.children {
            if let first = seenQuestions[child.id] {
                error("E020", child.idLocation, "question id '\(child.id)' is used twice in scenario '\(bag.id)'",
                      notes: [.init(location: first, message: "first question '\(child.id)' is here")])
                continue
            }
            seenQuestions[child.id] = child.idLocation
            if let q = convertQuestion(child, trafficking: trafficking ?? true, scenarioID: bag.id) { questions.append(q) }
        }
        if bag.children.isEmpty {
            warning("W032", bag.location, "scenario '\(bag.id)' has no questions; add a 'question:'")
        }
        guard !bag.id.isEmpty, let rev, let title, regionOK, let language, let trafficking, let story else { return }
        var scenario = Scenario(id: bag.id, rev: rev, title: title.value, audiences: audiences, region: region,
                                language: language.value, trafficking: trafficking,
                                contentNote: optionalText(bag, "content-note"), sources: sources,
                                story: story.value, questions: questions, location: bag.location)
        scenario.alternateFor = alternateFor
        scenario.alternateForLocation = alternateForLocation
        file.scenarios.append(scenario)
    }

    private mutating func convertQuestion(_ bag: Bag, trafficking: Bool, scenarioID: String) -> Question? {
        if bag.id.isEmpty {
            error("E014", bag.location, "'question:' needs an id and a kind, for example 'question: q1 multi'")
            return nil
        }
        checkID(bag.id, bag.idLocation, "question")
        var kind: QuestionKind?
        if bag.questionKind.isEmpty {
            error("E014", bag.location, "question '\(bag.id)' needs a kind: write 'question: \(bag.id) multi' or 'question: \(bag.id) single'")
        } else if let k = QuestionKind(rawValue: bag.questionKind) {
            kind = k
        } else {
            var message = "'\(bag.questionKind)' is not a question kind"
            if let s = Suggest.closest(to: bag.questionKind, in: ["multi", "single"]) { message += "; did you mean '\(s)'?" }
            else { message += "; use 'multi' or 'single'" }
            error("E015", bag.questionKindLocation, message)
        }
        let ask = required(bag, "ask", "question")
        var options: [AnswerOption] = []
        var seen: [String: SourceLocation] = [:]
        for child in bag.children {
            if let first = seen[child.id] {
                error("E020", child.idLocation, "option id '\(child.id)' is used twice in question '\(bag.id)'",
                      notes: [.init(location: first, message: "first option '\(child.id)' is here")])
                continue
            }
            seen[child.id] = child.idLocation
            if let o = convertOption(child, kind: kind) { options.append(o) }
        }
        guard let kind else { return nil }
        if bag.children.count < 2 {
            error("E035", bag.location, "question '\(bag.id)' has \(bag.children.count) option\(bag.children.count == 1 ? "" : "s"); give it at least two")
        }
        switch kind {
        case .multi:
            let signs = bag.children.filter { $0.marker == .trueSign }
            let lookalikes = bag.children.filter { $0.marker == .lookalike }
            if trafficking && signs.isEmpty && bag.children.count >= 1 {
                error("E030", bag.location, "multi question '\(bag.id)' has no true sign '[x]'; mark at least one, or set 'trafficking: no' on a scene with no trafficking")
            }
            if !trafficking {
                for sign in signs {
                    error("E036", sign.location, "option '\(sign.id)' is marked as a true sign '[x]' but scenario '\(scenarioID)' says 'trafficking: no'; make it a look-alike '[ ]' or change 'trafficking:'")
                }
            }
            if lookalikes.isEmpty && !bag.children.isEmpty {
                warning("W030", bag.location, "multi question '\(bag.id)' has no look-alike '[ ]', so over-flagging cannot be measured; add a detail that looks suspicious but is not a sign")
            }
        case .single:
            let correct = bag.children.filter { $0.marker == .correct }
            if correct.count != 1 {
                error("E031", bag.location, "single question '\(bag.id)' has \(correct.count) right answers '(*)'; mark exactly one")
            } else if let action = options.first(where: { $0.isCorrect })?.action, action.safety != .safe {
                warning("W031", correct[0].location, "the right answer '\(correct[0].id)' of question '\(bag.id)' is '\(action.rawValue)', which is not a safe action; the right answer should teach safe reporting")
            }
            if trafficking {
                for option in options where option.action == .overReport {
                    warning("W034", option.location, "option '\(option.id)' is 'act: over-report', but scenario '\(scenarioID)' says 'trafficking: yes', where reporting is not over-reporting; use 'over-report' only in scenes without trafficking, and tag this option by what it does (for example 'unsafe-blame-victim' for arresting the victim)")
                }
            }
        }
        guard let ask else { return nil }
        return Question(id: bag.id, kind: kind, prompt: ask.value, options: options, location: bag.location)
    }

    private mutating func convertOption(_ bag: Bag, kind: QuestionKind?) -> AnswerOption? {
        if bag.id.isEmpty {
            error("E014", bag.idLocation, "option has no id; write it as '\(bag.marker.rawValue) o1: text'")
            return nil
        }
        checkID(bag.id, bag.idLocation, "option")
        let text = bag.text?.value ?? ""
        if text.isEmpty {
            error("E014", bag.location, "option '\(bag.id)' has no text after 'id:'")
        }
        let why = bag.fields["why"].flatMap { $0.value.isEmpty ? nil : $0.value }
        if why == nil {
            error("E032", bag.location, "option '\(bag.id)' has no feedback; add a 'why:' line under it explaining the answer")
        }
        var indicators: [String] = []
        var near: [String] = []
        var action: ActionClass?
        if let field = bag.fields["ind"] { indicators = references(field, .indicator) }
        if let field = bag.fields["near"] { near = references(field, .indicator) }
        if let field = bag.fields["act"] { action = enumValue(field, ActionClass.self, "kind of action") }
        let isMultiMarker = bag.marker == .trueSign || bag.marker == .lookalike
        if let kind {
            switch kind {
            case .multi:
                if !isMultiMarker {
                    error("E034", bag.location, "option marker '\(bag.marker.rawValue)' is for single questions; in a multi question use '[x]' for a true sign or '[ ]' for a look-alike")
                } else if bag.marker == .trueSign {
                    if bag.fields["ind"] == nil { error("E033", bag.location, "true sign '\(bag.id)' needs 'ind:' naming the indicator(s) it shows") }
                    if let f = bag.fields["near"] { error("E034", f.keyLocation, "'near:' belongs to a look-alike '[ ]'; a true sign '[x]' uses 'ind:'") }
                } else {
                    if bag.fields["near"] == nil { error("E033", bag.location, "look-alike '\(bag.id)' needs 'near:' naming the indicator it could be mistaken for") }
                    if let f = bag.fields["ind"] { error("E034", f.keyLocation, "'ind:' belongs to a true sign '[x]'; a look-alike '[ ]' uses 'near:'") }
                }
                if let f = bag.fields["act"] { error("E034", f.keyLocation, "'act:' is only for options of single questions") }
            case .single:
                if isMultiMarker {
                    error("E034", bag.location, "option marker '\(bag.marker.rawValue)' is for multi questions; in a single question use '(*)' for the right answer or '( )'")
                } else if bag.fields["act"] == nil {
                    error("E033", bag.location, "option '\(bag.id)' needs 'act:' saying what kind of action it is, for example 'act: safe-report'")
                }
                for key in ["ind", "near"] {
                    if let f = bag.fields[key] { error("E034", f.keyLocation, "'\(key):' is only for options of multi questions") }
                }
            }
        }
        let isCorrect = bag.marker == .trueSign || bag.marker == .correct
        return AnswerOption(id: bag.id, text: text, isCorrect: isCorrect, indicators: indicators, lookalikeOf: near,
                      action: action, feedback: why ?? "", location: bag.location)
    }

    private mutating func convertLesson(_ bag: Bag) {
        let title = required(bag, "title", "lesson")
        var audience: LessonAudience?
        if let field = required(bag, "audience", "lesson") {
            audience = LessonAudience(rawValue: field.value)
            if audience == nil {
                var message = "'\(field.value)' is not a lesson audience"
                if let s = Suggest.closest(to: field.value, in: LessonAudience.allNames) { message += "; did you mean '\(s)'?" }
                else { message += "; use 'police', 'school', 'hospitality' or 'mixed'" }
                error("E015", field.valueLocation, message)
            }
        }
        var passMark: Int?
        if let field = required(bag, "pass-mark", "lesson") {
            if let n = Int(field.value.hasSuffix("%") ? String(field.value.dropLast()) : field.value) {
                if (1...100).contains(n) { passMark = n }
                else { error("E040", field.valueLocation, "pass mark \(n) is outside 1 to 100; write a percentage such as 'pass-mark: 80'") }
            } else {
                error("E015", field.valueLocation, "'\(field.value)' is not a pass mark; write a whole percentage such as 'pass-mark: 80'")
            }
        }
        var kind = LessonKind.practice
        if let field = bag.fields["kind"] {
            if let value = LessonKind(rawValue: field.value) { kind = value }
            else {
                var message = "'\(field.value)' is not a lesson kind"
                if let s = Suggest.closest(to: field.value, in: LessonKind.allCases.map(\.rawValue)) { message += "; did you mean '\(s)'?" }
                else { message += "; use 'intro', 'practice' or 'final'" }
                error("E015", field.valueLocation, message)
            }
        }
        var minutes: Int?
        if let field = bag.fields["minutes"] { minutes = positiveInt(field, "'minutes' is a whole number of minutes") }
        var retakeAfter: Int?
        if let field = bag.fields["retake-after"] {
            // "1d", "2 days", "0" (any time).
            var value = field.value.lowercased().trimmingSpaces()
            for unit in [" days", " day", "days", "day", "d"] where value.hasSuffix(unit) {
                value = String(value.dropLast(unit.count)).trimmingSpaces()
                break
            }
            if let n = Int(value), (0...365).contains(n) { retakeAfter = n }
            else { error("E015", field.valueLocation, "'\(field.value)' is not a retake rule; write whole days such as 'retake-after: 1d' (the next day), or 'retake-after: 0' for any time") }
        }
        var scenarioIDs: [String] = []
        if let field = bag.fields["scenarios"] {
            scenarioIDs = references(field, .scenario)
            if scenarioIDs.isEmpty && listItems(field).isEmpty {
                error("E041", field.keyLocation, "lesson '\(bag.id)' lists no scenarios; add scenario ids after 'scenarios:'")
            }
        } else {
            error("E041", bag.location, "lesson '\(bag.id)' has no 'scenarios:'; list its scenario ids")
        }
        guard !bag.id.isEmpty, let title, let audience, let passMark else { return }
        var lesson = Lesson(id: bag.id, title: title.value, audience: audience, passMark: passMark,
                            kind: kind, minutes: minutes, description: optionalText(bag, "description"),
                            scenarioIDs: scenarioIDs, location: bag.location)
        lesson.retakeAfterDays = retakeAfter
        file.lessons.append(lesson)
    }

    private mutating func convertRegion(_ bag: Bag) {
        let name = required(bag, "name", "region")
        var entries: [RegionEntry] = []
        var seen: [String: SourceLocation] = [:]
        for child in bag.children {
            if child.id.isEmpty { continue }
            if let first = seen[child.id] {
                error("E020", child.idLocation, "entry id '\(child.id)' is used twice in region '\(bag.id)'",
                      notes: [.init(location: first, message: "first entry '\(child.id)' is here")])
                continue
            }
            seen[child.id] = child.idLocation
            checkID(child.id, child.idLocation, child.kind.rawValue)
            let what = child.kind.rawValue
            let entryName = required(child, "name", what)
            let number = child.kind == .hotline ? required(child, "number", what) : child.fields["number"]
            var source: String?
            if let field = required(child, "source", what), checkID(field.value, field.valueLocation, "source") {
                source = field.value
                file.references.append(Reference(kind: .source, id: field.value, location: field.valueLocation))
            }
            var date: CalendarDate?
            if let field = child.fields["last-verified"], !field.value.isEmpty {
                date = CalendarDate(field.value)
                if date == nil {
                    error("E015", field.valueLocation, "'\(field.value)' is not a date; write 'last-verified:' as YYYY-MM-DD, for example 2026-11-20")
                }
            } else {
                error("E014", child.location, "\(what) '\(child.id)' has no 'last-verified:' date; check the number or organisation and add the date as YYYY-MM-DD")
            }
            let status = required(child, "status", what).flatMap { enumValue($0, RegionEntry.Status.self, "status") }
            guard let entryName, let source, let date, let status, child.kind == .organisation || number != nil else { continue }
            entries.append(RegionEntry(kind: child.kind == .hotline ? .hotline : .organisation, id: child.id,
                                       name: entryName.value, number: number?.value, contact: optionalText(child, "contact"),
                                       hours: optionalText(child, "hours"), purpose: optionalText(child, "for"),
                                       source: source, lastVerified: date, status: status, location: child.location))
        }
        guard !bag.id.isEmpty, let name else { return }
        file.regions.append(Region(id: bag.id, name: name.value, language: optionalText(bag, "language"),
                                   note: optionalText(bag, "note"), entries: entries, location: bag.location))
    }

    private mutating func convertTranslation(_ bag: Bag) {
        let language = required(bag, "language", "translation")
        var target = Translation.Target.scenario
        var targetOK = true
        if let field = bag.fields["of"] {
            if let parsed = Translation.Target(rawValue: field.value) {
                target = parsed
            } else {
                targetOK = false
                error("E015", field.valueLocation, "'\(field.value)' is not valid: 'of:' is scenario, indicator or region")
            }
        }
        var rev: Int?
        if target == .scenario {
            if let field = required(bag, "rev", "translation") {
                rev = positiveInt(field, "'rev' is the revision of the original that was translated")
            }
        } else if let field = bag.fields["rev"] {
            error("E015", field.keyLocation, "'rev:' is for scenario translations; \(target.rawValue)s have no revision, so remove it")
        } else {
            rev = 0
        }
        var review = Translation.Review.draft
        if let field = bag.fields["review"] {
            if let parsed = Translation.Review(rawValue: field.value) {
                review = parsed
            } else {
                error("E015", field.valueLocation, "'\(field.value)' is not valid: 'review:' is draft or reviewed")
            }
        }
        let reviewer = optionalText(bag, "reviewer")
        let reviewedOn = optionalText(bag, "reviewed-on")
        if let field = bag.fields["reviewed-on"], !field.value.isEmpty, !Self.isDate(field.value) {
            error("E015", field.valueLocation, "'\(field.value)' is not valid: 'reviewed-on:' is a date such as 2027-01-31")
        }
        if review == .reviewed, reviewer == nil || reviewedOn == nil {
            error("E015", bag.fields["review"]!.valueLocation,
                  "'review: reviewed' needs 'reviewer:' (the Khmer-speaking expert's name) and 'reviewed-on:' (the date); until then write 'review: draft'")
        }
        var texts: [String: String] = [:]
        var locations: [String: SourceLocation] = [:]
        for (key, field) in bag.fields where !Keys.translationFields.contains(key) {
            texts[key] = field.value
            locations[key] = field.keyLocation
        }
        if !bag.id.isEmpty, targetOK {
            let kind: Reference.Kind = target == .scenario ? .scenario : target == .indicator ? .indicator : .region
            file.references.append(Reference(kind: kind, id: bag.id, location: bag.idLocation))
        }
        guard !bag.id.isEmpty, targetOK, let language, let rev else { return }
        let signedOff = review == .reviewed && reviewer != nil && reviewedOn != nil
        file.translations.append(Translation(scenarioID: bag.id, language: language.value, rev: rev, texts: texts,
                                             keyLocations: locations, location: bag.location, target: target,
                                             review: signedOff ? .reviewed : .draft, reviewer: reviewer,
                                             reviewedOn: reviewedOn))
    }

    static func isDate(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let month = Int(parts[1]), let day = Int(parts[2]), Int(parts[0]) != nil else { return false }
        return (1...12).contains(month) && (1...31).contains(day)
    }
}

extension String {
    public func trimmingSpaces() -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { $0 != " " && $0 != "\t" }) else { return "" }
        let last = scalars.lastIndex(where: { $0 != " " && $0 != "\t" })!
        return String(scalars[first...last])
    }
}
