import Foundation
import Testing
@testable import LookoutCore
import LookoutText

/// One test per diagnostic code: a one-place change to the valid fixture bank, and the
/// exact `file:line:column: severity[CODE]: message` (with notes) that it must produce.
struct DiagnosticCase: CustomTestStringConvertible, Sendable {
    var code: String
    var files: @Sendable () -> [String: [UInt8]]
    var expected: String
    var testDescription: String { code }

    init(_ code: String, _ expected: String, files: @escaping @Sendable () -> [String: String]) {
        self.code = code
        self.expected = expected
        self.files = { files().mapValues { Array($0.utf8) } }
    }

    init(_ code: String, _ expected: String, bytes: @escaping @Sendable () -> [String: [UInt8]]) {
        self.code = code
        self.expected = expected
        self.files = bytes
    }
}

let translationBase = "translation: desk-1\nlanguage: km\nrev: 2\ntitle: x\n"

let diagnosticCases: [DiagnosticCase] = [
    DiagnosticCase("E001", "desk.txt:3:15: error[E001]: invalid UTF-8 byte 0xE9; the file may have been saved in another encoding: re-save it as UTF-8", bytes: {
        var files = Fixture.files.mapValues { Array($0.utf8) }
        files["desk.txt"] = Array(Fixture.scenario.replacingFirst("Three women", with: "Three w@men").utf8).map { $0 == UInt8(ascii: "@") ? 0xE9 : $0 }
        return files
    }),
    DiagnosticCase("E002", "desk.txt:10:11: error[E002]: control character U+001B (Escape) is not allowed; delete it (only tabs and line ends may appear in the text)", files: {
        Fixture.with("desk.txt") { $0.replacingFirst("A man checks", with: "A man \u{1B}[31mchecks") }
    }),
    DiagnosticCase("W002", "desk.txt:10:11: warning[W002]: bidirectional control character U+202E in the text: it can make the text show in a different order than it is stored (\"Trojan Source\"); delete it unless the text really needs it (Lookout shows it as \\u{202e})", files: {
        Fixture.with("desk.txt") { $0.replacingFirst("A man checks", with: "A man \u{202E}checks") }
    }),
    DiagnosticCase("E010", "desk.txt:16:1: error[E010]: this line is not 'key: value', '| text', an option such as '[x] o1: text', or a '# comment'; if it continues the text above, start it with '|'", files: {
        Fixture.with("desk.txt") { $0.replacingFirst("ask: Which details", with: "Which details") }
    }),
    DiagnosticCase("E011", "desk.txt:3:1: error[E011]: unknown key 'titel' in a scenario; did you mean 'title'?", files: {
        Fixture.with("desk.txt") { $0.replacingFirst("title: Three", with: "titel: Three") }
    }),
    DiagnosticCase("E012", "sources.txt:1:1: error[E012]: 'year:' comes before any header; start the item with a header such as 'scenario: ID' or 'indicator: ID'", files: {
        Fixture.with("sources.txt") { "year: 2012\n" + $0 }
    }),
    DiagnosticCase("E013", "desk.txt:3:1: error[E013]: 'rev:' is given twice; keep one\ndesk.txt:2:1: note: first 'rev:' is here", files: {
        Fixture.with("desk.txt") { $0.replacingFirst("rev: 2\n", with: "rev: 2\nrev: 3\n") }
    }),
    DiagnosticCase("E014", "desk.txt:1:1: error[E014]: scenario 'desk-1' has no 'title:'; add it", files: {
        Fixture.with("desk.txt") { $0.replacingFirst("title: Three women at check-in\n", with: "") }
    }),
    DiagnosticCase("E015", "desk.txt:7:14: error[E015]: 'trafficking:' must be 'yes' or 'no', not 'maybe'", files: {
        Fixture.with("desk.txt") { $0.replacingFirst("trafficking: yes", with: "trafficking: maybe") }
    }),
    DiagnosticCase("E016", "sources.txt:6:1: error[E016]: '|' text here continues nothing: 'year:' does not take '|' text; put text after a field such as 'story:' or 'why:'", files: {
        Fixture.with("sources.txt") { $0.replacingFirst("year: 2012\n", with: "year: 2012\n| orphan\n") }
    }),
    DiagnosticCase("E020", "desk.txt:1:1: error[E020]: scenario id 'desk-1' is already used; give this scenario another id\ncouple.txt:1:1: note: first scenario 'desk-1' is here", files: {
        Fixture.with("couple.txt") { $0.replacingFirst("scenario: couple-1", with: "scenario: desk-1") }
    }),
    DiagnosticCase("E021", "desk.txt:18:10: error[E021]: unknown indicator 'doc-hled'; did you mean 'doc-held'?\ntaxonomy.txt:1:1: note: 'doc-held' is defined here", files: {
        Fixture.with("desk.txt") { $0.replacingFirst("ind: doc-held", with: "ind: doc-hled") }
    }),
    DiagnosticCase("E022", "desk.txt:1:11: error[E022]: scenario id 'desk/1' may only use letters, digits, '-' and '_', starting with a letter or digit", files: {
        Fixture.with("desk.txt") { $0.replacingFirst("scenario: desk-1", with: "scenario: desk/1") }
    }),
    DiagnosticCase("E030", "desk.txt:15:1: error[E030]: multi question 'q1' has no true sign '[x]'; mark at least one, or set 'trafficking: no' on a scene with no trafficking", files: {
        Fixture.with("desk.txt") { $0.replacingFirst("[x] o1: He keeps their ID cards.\n    ind: doc-held", with: "[ ] o1: He keeps their ID cards.\n    near: doc-held") }
    }),
    DiagnosticCase("E031", "desk.txt:24:1: error[E031]: single question 'q2' has 0 right answers '(*)'; mark exactly one", files: {
        Fixture.with("desk.txt") { $0.replacingFirst("(*) a1", with: "( ) a1") }
    }),
    DiagnosticCase("E032", "desk.txt:29:1: error[E032]: option 'a2' has no feedback; add a 'why:' line under it explaining the answer", files: {
        Fixture.with("desk.txt") { $0.replacingFirst("    why: Dangerous.", with: "") }
    }),
    DiagnosticCase("E033", "desk.txt:26:1: error[E033]: option 'a1' needs 'act:' saying what kind of action it is, for example 'act: safe-report'", files: {
        Fixture.with("desk.txt") { $0.replacingFirst("    act: tell-supervisor\n", with: "") }
    }),
    DiagnosticCase("E034", "desk.txt:26:1: error[E034]: option marker '[x]' is for multi questions; in a single question use '(*)' for the right answer or '( )'", files: {
        Fixture.with("desk.txt") { $0.replacingFirst("(*) a1", with: "[x] a1") }
    }),
    DiagnosticCase("E035", "desk.txt:15:1: error[E035]: question 'q1' has 1 option; give it at least two", files: {
        Fixture.with("desk.txt") { $0.replacingFirst("[ ] o2: They arrive late.\n    near: fear\n    why: Late arrival is ordinary.\n", with: "") }
    }),
    DiagnosticCase("E036", "couple.txt:13:1: error[E036]: option 'o1' is marked as a true sign '[x]' but scenario 'couple-1' says 'trafficking: no'; make it a look-alike '[ ]' or change 'trafficking:'", files: {
        Fixture.with("couple.txt") { $0.replacingFirst("[ ] o1: They pay cash.\n    near: doc-held", with: "[x] o1: They pay cash.\n    ind: doc-held") }
    }),
    DiagnosticCase("E040", "lessons.txt:4:12: error[E040]: pass mark 120 is outside 1 to 100; write a percentage such as 'pass-mark: 80'", files: {
        Fixture.with("lessons.txt") { $0.replacingFirst("pass-mark: 80", with: "pass-mark: 120") }
    }),
    DiagnosticCase("E041", "lessons.txt:1:1: error[E041]: lesson 'hos-intro' has no 'scenarios:'; list its scenario ids", files: {
        Fixture.with("lessons.txt") { $0.replacingFirst("scenarios: desk-1\n  - couple-1", with: "") }
    }),
    DiagnosticCase("E060", "tr.txt:5:1: error[E060]: 'q1.o9' names nothing in scenario 'desk-1'; did you mean 'q1.o1'?", files: {
        var files = Fixture.files
        files["tr.txt"] = translationBase + "q1.o9: y\n"
        return files
    }),
    DiagnosticCase("E062", "translations/km/region.txt:5:1: error[E062]: the 'km' text 'police-117.name' of region 'KH-BMC' has the numbers '012', '999', which the original does not have; numbers must stay exactly as in the original (a wrong helpline number sends people to the wrong place)\nregion.txt:1:1: note: the original is here", files: {
        var files = Fixture.files
        files["translations/km/region.txt"] = "translation: KH-BMC\nof: region\nlanguage: km\nname: x\npolice-117.name: ប៉ូលិស ០១២ ៩៩៩\n"
        return files
    }),
    DiagnosticCase("E063", "tr.txt:1:1: error[E063]: 'kh' is not a language tag Lookout knows: use an ISO 639-1 code such as km (Khmer), th (Thai) or vi (Vietnamese), optionally with a region, e.g. km-KH", files: {
        var files = Fixture.files
        files["tr.txt"] = translationBase.replacingFirst("language: km", with: "language: kh")
        return files
    }),
    DiagnosticCase("W020", "desk.txt:1:1: warning[W020]: the only true signs in scenario 'desk-1' are weak indicators (fear); a weak sign matters only together with others, so add a medium or strong sign", files: {
        Fixture.with("desk.txt") { $0.replacingFirst("ind: doc-held", with: "ind: fear") }
    }),
    DiagnosticCase("W030", "desk.txt:15:1: warning[W030]: multi question 'q1' has no look-alike '[ ]', so over-flagging cannot be measured; add a detail that looks suspicious but is not a sign", files: {
        Fixture.with("desk.txt") { $0.replacingFirst("[ ] o2: They arrive late.\n    near: fear", with: "[x] o2: They arrive late.\n    ind: fear") }
    }),
    DiagnosticCase("W031", "desk.txt:26:1: warning[W031]: the right answer 'a1' of question 'q2' is 'ignore', which is not a safe action; the right answer should teach safe reporting", files: {
        Fixture.with("desk.txt") { $0.replacingFirst("act: tell-supervisor", with: "act: ignore") }
    }),
    DiagnosticCase("W034", "desk.txt:29:1: warning[W034]: option 'a2' is 'act: over-report', but scenario 'desk-1' says 'trafficking: yes', where reporting is not over-reporting; use 'over-report' only in scenes without trafficking, and tag this option by what it does (for example 'unsafe-blame-victim' for arresting the victim)", files: {
        Fixture.with("desk.txt") { $0.replacingFirst("act: unsafe-confront", with: "act: over-report") }
    }),
    DiagnosticCase("E037", "alt.txt:2:16: error[E037]: scenario 'desk-1' has no 'content-note:', so a learner is never offered to skip it and an alternate is never shown; give 'desk-1' a content note, or delete 'alternate-for:'\ndesk.txt:1:1: note: 'desk-1' is here", files: {
        Fixture.files.merging(["alt.txt": AlternateSceneTests.alternate]) { $1 }
    }),
    DiagnosticCase("E038", "alt.txt:1:1: error[E038]: scenario 'desk-alt' is an alternate for 'desk-1' but has its own 'content-note:'; an alternate is what a learner sees after skipping a distressing scene, so write it without distressing content and delete its content note", files: {
        Fixture.files.merging(["alt.txt": AlternateSceneTests.alternate.replacingFirst("sources: ilo\n", with: "sources: ilo\ncontent-note: papers\n"),
                               "desk.txt": Fixture.scenario.replacingFirst("sources: ilo\n", with: "sources: ilo\ncontent-note: adults\n")]) { $1 }
    }),
    DiagnosticCase("E039", "alt.txt:2:16: error[E039]: scenario 'desk-alt' is an alternate for 'desk-1' but is also listed in lesson 'hos-intro'; take it out of the lesson's 'scenarios:' (the trainer offers it when 'desk-1' is skipped), or delete 'alternate-for:'\nlessons.txt:1:1: note: lesson 'hos-intro' is here", files: {
        Fixture.files.merging(["alt.txt": AlternateSceneTests.alternate, "lessons.txt": Fixture.lessons + "\n  - desk-alt\n",
                               "desk.txt": Fixture.scenario.replacingFirst("sources: ilo\n", with: "sources: ilo\ncontent-note: adults\n")]) { $1 }
    }),
    DiagnosticCase("W035", "alt.txt:2:16: warning[W035]: alternate 'desk-alt' shares no keyed action (the original keys tell-supervisor) with 'desk-1'; an alternate should teach the same skill: show one of the same signs and key one of the same actions\ndesk.txt:1:1: note: 'desk-1' is here", files: {
        Fixture.files.merging(["alt.txt": AlternateSceneTests.alternate.replacingFirst("act: tell-supervisor", with: "act: safe-report"),
                               "desk.txt": Fixture.scenario.replacingFirst("sources: ilo\n", with: "sources: ilo\ncontent-note: adults\n")]) { $1 }
    }),
    DiagnosticCase("W032", "desk.txt:1:1: warning[W032]: scenario 'desk-1' has no questions; add a 'question:'", files: {
        Fixture.with("desk.txt") { String($0[..<$0.range(of: "question: q1")!.lowerBound]) }
    }),
    DiagnosticCase("W033", "desk.txt:1:1: warning[W033]: scenario 'desk-1' shows the sign 'minor-adult' about minors but has no 'content-note:'; add a short note such as 'content-note: a child at risk; nothing explicit'", files: {
        Fixture.with("desk.txt") { $0.replacingFirst("ind: doc-held", with: "ind: doc-held, minor-adult") }
    }),
    DiagnosticCase("W040", "lessons.txt:1:1: warning[W040]: lesson 'hos-intro' is for police but scenario 'desk-1' is not; add 'police' to its audiences or use another scenario", files: {
        Fixture.with("lessons.txt") { $0.replacingFirst("audience: hospitality", with: "audience: police") }
    }),
    DiagnosticCase("W050", "region.txt:5:1: warning[W050]: hotline 'police-117' was last verified on 2025-11-01, more than 12 months ago; check it again and update 'last-verified:'", files: {
        Fixture.with("region.txt") { $0.replacingFirst("last-verified: 2026-11-20", with: "last-verified: 2025-11-01") }
    }),
    DiagnosticCase("W060", "tr.txt:1:1: warning[W060]: the 'km' translation of 'desk-1' is of rev 1 but the original is rev 2; update the translation and its 'rev:'\ndesk.txt:1:1: note: the original is here", files: {
        var files = Fixture.files
        files["tr.txt"] = translationBase.replacingFirst("rev: 2", with: "rev: 1")
        return files
    }),
    DiagnosticCase("W062", "translations/km/region.txt:5:1: warning[W062]: the 'km' text 'note' of region 'KH-BMC' has the number '1280', which the original does not have; numbers must stay exactly as in the original (a wrong helpline number sends people to the wrong place)\nregion.txt:1:1: note: the original is here", files: {
        var files = Fixture.files
        files["translations/km/region.txt"] = "translation: KH-BMC\nof: region\nlanguage: km\nname: x\nnote: call 117 or 1280\n"
        return files
    }),
    DiagnosticCase("W063", "translations/km/tr.txt:1:1: warning[W063]: this translation says 'language: th' but is in the folder translations/km/; move it to translations/th/ or correct the tag", files: {
        var files = Fixture.files
        files["translations/km/tr.txt"] = translationBase.replacingFirst("language: km", with: "language: th")
        return files
    }),
    DiagnosticCase("W061", "tr.txt:1:1: warning[W061]: the 'km' translation of 'desk-1' is missing 11 texts: story, q1.ask, q1.o1, q1.o1.why, q1.o2, q1.o2.why and 5 more", files: {
        var files = Fixture.files
        files["tr.txt"] = translationBase
        return files
    }),
]

@Suite struct DiagnosticCodeTests {
    @Test func fixtureBankIsClean() {
        let result = Fixture.load(Fixture.files)
        #expect(result.diagnostics.map(\.description) == [])
        #expect(result.bank.scenarios.count == 2)
    }

    @Test(arguments: diagnosticCases)
    func diagnosticCode(_ testCase: DiagnosticCase) {
        let result = Fixture.load(bytes: testCase.files())
        let matching = result.diagnostics.filter { $0.code == testCase.code }
        #expect(matching.map(\.description) == [testCase.expected])
    }

    @Test func everyDocumentedCodeHasACase() throws {
        // The codes listed in Scenarios/FORMAT.md, except E003 (a file-system error, tested end to end) and
        // the audit's W070–W073.
        let format = try String(contentsOfFile: packageRoot() + "/Scenarios/FORMAT.md", encoding: .utf8)
        let documented = Set(format.split(separator: "\n").compactMap { line -> String? in
            guard line.hasPrefix("| E") || line.hasPrefix("| W") else { return nil }
            return String(line.dropFirst(2).prefix(4))
        })
        // The audit's codes (`lookout check --audit`) are produced and checked by BankAuditTests.
        let tested = Set(diagnosticCases.map(\.code)).union(["E003"]).union(BankAuditTests.codes)
        #expect(documented == tested)
    }

    @Test func messagesFollowTheStyle() {
        // Lower-case start, no trailing period: like swift-format's findings.
        for testCase in diagnosticCases {
            let message = Fixture.load(bytes: testCase.files()).diagnostics.filter { $0.code == testCase.code }.first?.message ?? ""
            #expect(message.first?.isUppercase == false, "\(testCase.code): \(message)")
            #expect(!message.hasSuffix("."), "\(testCase.code): \(message)")
        }
    }
}

func packageRoot() -> String {
    var url = URL(fileURLWithPath: #filePath)
    while url.path != "/" {
        url.deleteLastPathComponent()
        if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url.path }
    }
    return FileManager.default.currentDirectoryPath
}
