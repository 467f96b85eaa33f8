import ArgumentParser
import Foundation
import LookoutCore
import LookoutStore

/// The formats of `lookout export`.
enum ExportFormat: String, ExpressibleByArgument, CaseIterable {
    /// The portable file for `lookout import` (the default).
    case lookout
    /// The bank as a Moodle quiz (no learner data).
    case gift
    /// The answers and finished lessons as xAPI 1.0.3 statements.
    case xapi
}

/// The options of `lookout export` for the GIFT and xAPI formats.
struct InteropExportOptions: ParsableArguments {
    @Option(help: ArgumentHelp("lookout (for 'lookout import', the default), gift (the bank as a Moodle quiz) or xapi (statements for a Learning Record Store).", valueName: "format"))
    var format: ExportFormat = .lookout

    @Option(help: ArgumentHelp("gift: only this lesson's scenarios.", valueName: "id"))
    var lesson: String?

    @Option(help: ArgumentHelp("gift: the language of the texts, en or km (scenarios without a translation stay in English).", valueName: "code"))
    var language: String = "en"

    @Flag(help: "xapi: one statement per line (NDJSON) instead of one JSON array, for large stores.")
    var ndjson = false

    @Option(help: ArgumentHelp("xapi: your organisation's web address, the homePage of learners' accounts (remembered in the store after the first use).", valueName: "url"))
    var homepage: String?

    @Flag(help: "xapi: put learners' names in the statements (by default only a pseudonym per learner).")
    var includeNames = false

    @OptionGroup var bankOptions: BankOptions

    func validate(label: String?) throws {
        switch format {
        case .lookout:
            if lesson != nil || language != "en" || ndjson || homepage != nil || includeNames {
                throw ValidationError("--lesson, --language, --ndjson, --homepage and --include-names need --format gift or --format xapi")
            }
        case .gift:
            if label != nil { throw ValidationError("--label is only for the lookout format") }
            if ndjson || homepage != nil || includeNames {
                throw ValidationError("--ndjson, --homepage and --include-names are for --format xapi")
            }
            if !["en", "km"].contains(language) { throw ValidationError("--language must be en or km") }
        case .xapi:
            if label != nil { throw ValidationError("--label is only for the lookout format") }
            if lesson != nil || language != "en" { throw ValidationError("--lesson and --language are for --format gift") }
            if let homepage, XAPIStore.checkHomePage(homepage) != nil {
                throw ValidationError(XAPIStore.checkHomePage(homepage)!)
            }
        }
    }
}

/// `lookout export --format gift|xapi`.
enum InteropExport {
    static func run(_ options: InteropExportOptions, out: String, force: Bool, dataOptions: DataOptions,
                    lock: PassphraseOptions) throws {
        switch options.format {
        case .lookout:
            return
        case .gift:
            try gift(options, out: out, force: force)
        case .xapi:
            try xapi(options, out: out, force: force, dataOptions: dataOptions, lock: lock)
        }
    }

    /// The bank as GIFT. No learner data, so no passphrase and no store.
    static func gift(_ options: InteropExportOptions, out: String, force: Bool) throws {
        let bank = try Workshop.loadBank(options.bankOptions)
        let document: GIFT.Document
        do {
            document = try GIFT.document(bank: bank, lessonID: options.lesson, language: options.language)
        } catch {
            printError("error: \(error)")
            throw ExitCode(ExitStatus.dataError)
        }
        if options.language != "en", !document.untranslated.isEmpty {
            let all = document.untranslated.count == Set(document.questions.map { $0.name.split(separator: " ").first.map(String.init) ?? "" }).count
            printError("note: \(all ? "no scenario has" : "\(document.untranslated.count) scenario\(document.untranslated.count == 1 ? " has" : "s have") no") \(options.language) translation yet\(all ? "" : " (\(document.untranslated.joined(separator: ", ")))"), so \(all ? "they are" : "those are") exported in English. The added option \"\(GIFT.noneOptionText)\" is in English in every language.")
        }
        let data = Data(document.text.utf8)
        if out == "-" {
            FileHandle.standardOutput.write(data)
            return
        }
        try Workshop.writeFile(data, to: out, mode: 0o644, overwrite: force)
        let multi = document.questions.filter { $0.kind == .multi }.count
        print("Exported \(document.questions.count) question\(document.questions.count == 1 ? "" : "s") (\(multi) multiple-answer, \(document.questions.count - multi) single choice) to '\(out)' in GIFT format for Moodle\(options.lesson.map { ", lesson \($0)" } ?? "").")
    }

    /// The store as xAPI statements: a JSON array, or NDJSON.
    static func xapi(_ options: InteropExportOptions, out: String, force: Bool, dataOptions: DataOptions,
                     lock: PassphraseOptions) throws {
        let bank = try Workshop.loadBank(options.bankOptions)
        let store = try dataOptions.openStore()
        try FacilitatorLock.require(store, options: lock, command: "lookout export")
        let homePage = try XAPIStore.homePage(store, given: options.homepage)
        let result = try XAPIStore.statements(store: store, bank: bank, homePage: homePage, includeNames: options.includeNames)
        var data = Data()
        if !options.ndjson { data.append(UInt8(ascii: "[")) }
        for (i, s) in result.statements.enumerated() {
            if i > 0, !options.ndjson { data.append(contentsOf: Array(",\n".utf8)) }
            data.append(contentsOf: Array(s.json.serialized.utf8))
            if options.ndjson { data.append(UInt8(ascii: "\n")) }
        }
        if !options.ndjson { data.append(contentsOf: Array("]\n".utf8)) }
        if result.setAside > 0 {
            printError("note: \(result.setAside) answer\(result.setAside == 1 ? " was" : "s were") left out: \(result.setAside == 1 ? "its" : "their") scenario is no longer in the bank or was revised since")
        }
        if out == "-" {
            FileHandle.standardOutput.write(data)
            return
        }
        try Workshop.writeFile(data, to: out, mode: 0o600, overwrite: force)
        var counts: [XAPI.Verb: Int] = [:]
        for s in result.statements { counts[s.verb, default: 0] += 1 }
        let parts = XAPI.Verb.allCases.filter { $0 != .voided }.map { "\(counts[$0] ?? 0) \($0.rawValue)" }.joined(separator: ", ")
        print("Exported \(result.statements.count) xAPI statement\(result.statements.count == 1 ? "" : "s") (\(parts)) to '\(out)'\(options.ndjson ? " as NDJSON" : ""); learners appear as \(options.includeNames ? "their names and " : "")pseudonyms under \(homePage).")
    }
}

/// What the xAPI export and sync share: the organisation's home page and the statements of a store.
enum XAPIStore {
    /// The meta key holding the home page last used.
    static let homePageKey = "xapi-homepage"

    /// Lookout's version, sent in every statement's context.
    static var lookoutVersion: String { LookoutVersion.current }

    /// Why `text` cannot be a home page, or nil when it can.
    static func checkHomePage(_ text: String) -> String? {
        // What an IRI (RFC 3987) cannot hold: controls, spaces, quotes, <>, \ ^ ` { | }, and the
        // bidirectional formatting characters; the value goes into every statement and into pseudonyms.
        let forbidden: Set<Unicode.Scalar> = ["\"", "<", ">", "\\", "^", "`", "{", "|", "}", "'"]
        if let bad = text.unicodeScalars.first(where: { scalar in
            forbidden.contains(scalar) || scalar.properties.generalCategory == .control
                || scalar.properties.generalCategory == .format || scalar.properties.isWhitespace
                || scalar.properties.generalCategory == .privateUse || scalar.properties.isNoncharacterCodePoint
        }) {
            return "--homepage cannot hold \(TerminalText.safe(String(bad)) == String(bad) ? "'\(bad)'" : TerminalText.safe(String(bad))) (U+\(String(bad.value, radix: 16, uppercase: true))): give a plain web address such as https://example.org"
        }
        guard text.count <= 2000, let url = URL(string: text), let scheme = url.scheme?.lowercased(), ["http", "https"].contains(scheme),
              let host = url.host, !host.isEmpty, url.user == nil, url.password == nil,
              !text.contains(where: { $0.isWhitespace }) else {
            return "--homepage must be an absolute http or https address such as https://example.org (without a user name or password)"
        }
        return nil
    }

    /// The home page to use: the one given (remembered in the store when it is new), else the remembered one.
    static func homePage(_ store: ProgressStore, given: String?) throws -> String {
        let saved = try Workshop.store { () throws(StoreError) in try store.meta(homePageKey) }
        if let given {
            if saved != given {
                try Workshop.store { () throws(StoreError) in try store.setMeta(homePageKey, given) }
                if let saved { printError("note: the home page changes from \(saved) to \(given); learners' pseudonyms change with it") }
            }
            return given
        }
        if let saved {
            if let problem = checkHomePage(saved) {
                // Remembered by an older Lookout that checked less: not put into statements.
                printError("error: the home page remembered in this store cannot be used (\(problem.replacingOccurrences(of: "--homepage ", with: ""))); give your organisation's web address again with --homepage URL")
                throw ExitCode(ExitStatus.dataError)
            }
            return saved
        }
        printError("error: give your organisation's web address once with --homepage URL (for example https://example.org); it becomes the homePage of every learner's xAPI account and is remembered in this store")
        throw ExitCode(ExitStatus.dataError)
    }

    static func statements(store: ProgressStore, bank: Bank, homePage: String, includeNames: Bool) throws -> XAPI.Result {
        let learners = try Workshop.store { () throws(StoreError) in try store.learners() }
        let attempts = try Workshop.store { () throws(StoreError) in try store.allAttempts() }
        let events = try Workshop.store { () throws(StoreError) in try store.allEvents() }
        return XAPI.statements(bank: bank, learners: learners, attempts: attempts, events: events,
                               options: XAPI.Options(homePage: homePage, includeNames: includeNames, platformVersion: lookoutVersion))
    }
}
