import Foundation
import Testing
@testable import LookoutCore

@Suite struct ParserTests {
    let bank = Fixture.load(Fixture.files).bank

    @Test func sourcesAndIndicators() throws {
        let ilo = try #require(bank.source("ilo"))
        #expect(ilo.title == "ILO Indicators of Forced Labour")
        #expect(ilo.publisher == "International Labour Organization")
        #expect(ilo.url == "https://www.ilo.org/")
        #expect(ilo.year == 2012)
        #expect(bank.source("seed")?.url == nil)
        let docHeld = try #require(bank.indicator("doc-held"))
        #expect(docHeld.category == .documentsMoney)
        #expect(docHeld.strength == .strong)
        #expect(docHeld.audiences == [.police, .hospitality])
        #expect(docHeld.sources == ["ilo"])
        #expect(docHeld.explanation == "Holding someone's papers stops them leaving.")
        #expect(bank.indicator("fear")?.explanation == "Fear alone means little.")
        #expect(bank.indicator("minor-adult")?.sources == ["ilo", "seed"])
    }

    @Test func scenarioFieldsAndParagraphs() throws {
        let s = try #require(bank.scenario("desk-1"))
        #expect(s.rev == 2)
        #expect(s.title == "Three women at check-in")
        #expect(s.audiences == [.hospitality])
        #expect(s.region == "KH-BMC")
        #expect(s.language == "en")
        #expect(s.trafficking)
        #expect(s.contentNote == nil)
        #expect(s.sources == ["ilo"])
        #expect(s.story == "A man checks in three women and keeps their ID cards.\nHe answers for them.")
        #expect(s.location == SourceLocation(file: "desk.txt", line: 1, column: 1))
        #expect(bank.scenario("couple-1")?.region == nil)
        #expect(bank.scenario("couple-1")?.trafficking == false)
        #expect(bank.scenario("couple-1")?.audiences == [.hospitality, .police])
    }

    @Test func questionsAndOptions() throws {
        let s = try #require(bank.scenario("desk-1"))
        #expect(s.questions.map(\.id) == ["q1", "q2"])
        let q1 = s.questions[0]
        #expect(q1.kind == .multi)
        #expect(q1.prompt == "Which details are warning signs?")
        #expect(q1.options.map(\.id) == ["o1", "o2"])
        #expect(q1.options[0] == AnswerOption(id: "o1", text: "He keeps their ID cards.", isCorrect: true,
                                               indicators: ["doc-held"], feedback: "Holding papers is control.",
                                               location: SourceLocation(file: "desk.txt", line: 17, column: 1)))
        #expect(q1.options[1].isLookalike)
        #expect(q1.options[1].lookalikeOf == ["fear"])
        let q2 = s.questions[1]
        #expect(q2.kind == .single)
        #expect(q2.options.map(\.isCorrect) == [true, false])
        #expect(q2.options.map(\.action) == [.tellSupervisor, .unsafeConfront])
        #expect(s.trueIndicators == ["doc-held"])
    }

    @Test func lessonWithCommaAndDashItems() throws {
        let lesson = try #require(bank.lesson("hos-intro"))
        #expect(lesson.title == "First steps")
        #expect(lesson.audience == .only(.hospitality))
        #expect(lesson.passMark == 80)
        #expect(lesson.minutes == 10)
        #expect(lesson.scenarioIDs == ["desk-1", "couple-1"])
        #expect(bank.scenarios(of: lesson).map(\.id) == ["desk-1", "couple-1"])
    }

    @Test func regionEntries() throws {
        let region = try #require(bank.region("KH-BMC"))
        #expect(region.name == "Banteay Meanchey")
        #expect(region.note == "Never confront.")
        #expect(region.entries.map(\.id) == ["police-117", "seed-org"])
        #expect(region.entries[0].kind == .hotline)
        #expect(region.entries[0].number == "117")
        #expect(region.entries[0].status == .verified)
        #expect(region.entries[0].lastVerified == CalendarDate(year: 2026, month: 11, day: 20))
        #expect(region.entries[1].kind == .organisation)
        #expect(region.entries[1].status == .unverified)
    }

    @Test func translationCarriesTextOnly() throws {
        var files = Fixture.files
        files["km.txt"] = """
        translation: desk-1
        language: km
        rev: 2
        title: ស្ត្រីបីនាក់
        story:
          | បុរសម្នាក់
          |
          | ជួល
        q1.ask: តើ?
        q1.o1: ក
        """
        let result = Fixture.load(files)
        #expect(result.diagnostics.filter { $0.severity == .error }.isEmpty)
        let t = try #require(result.bank.translation(of: "desk-1", language: "km"))
        #expect(t.rev == 2)
        #expect(t.texts["title"] == "ស្ត្រីបីនាក់")
        #expect(t.texts["story"] == "បុរសម្នាក់\nជួល")
        #expect(t.texts["q1.o1"] == "ក")
        #expect(result.diagnostics.map(\.code) == ["W061"])
    }

    @Test func crlfAndByteOrderMarkReadTheSame() {
        var files = Fixture.files.mapValues { Array($0.utf8) }
        let plain = Fixture.load(bytes: files)
        files = files.mapValues { bytes in
            [0xEF, 0xBB, 0xBF] + Array(String(decoding: bytes, as: UTF8.self).replacingOccurrences(of: "\n", with: "\r\n").utf8)
        }
        let windows = Fixture.load(bytes: files)
        #expect(windows.diagnostics.isEmpty)
        #expect(windows.bank.scenarios == plain.bank.scenarios)
        #expect(windows.bank.lessons == plain.bank.lessons)
        #expect(windows.bank.regions == plain.bank.regions)
    }

    @Test func columnsCountCodePointsAfterKhmerAndBOM() {
        // "title: ស្ត្រី" is 7 + 6 code points; the unknown key on the next line starts after a tab.
        let text = "\u{FEFF}scenario: km-1\ntitle: ស្ត្រី x\n\tbogus: 1\n"
        let diagnostics = BankParser.parse(text, path: "k.txt").diagnostics
        let e011 = diagnostics.first { $0.code == "E011" }
        #expect(e011?.location == SourceLocation(file: "k.txt", line: 3, column: 2))
        // An invalid byte after Khmer text: its column counts the Khmer code points.
        var bytes = Array("story: ស្ត្រី ".utf8)
        bytes.append(0xFF)
        let e001 = BankParser.parse(bytes, path: "b.txt").diagnostics.first { $0.code == "E001" }
        #expect(e001?.location.column == 15)
    }

    @Test func c1ControlCharacterIsRejected() {
        let result = BankParser.parse("source: s\ntitle: a\u{85}b\npublisher: p\nyear: 2000\n", path: "c.txt")
        #expect(result.diagnostics.map(\.description) == [
            "c.txt:2:9: error[E002]: control character U+0085 is not allowed; delete it (only tabs and line ends may appear in the text)",
        ])
        // The line is still read, without the control character.
        #expect(result.sources.first?.title == "ab")
    }

    @Test func everyProblemIsReportedNotJustTheFirst() {
        let files = Fixture.with("desk.txt") {
            $0.replacingFirst("title: Three", with: "titel: Three")
                .replacingFirst("ind: doc-held", with: "ind: doc-hled")
                .replacingFirst("act: unsafe-confront", with: "act: unsafe-confrunt")
        }
        let codes = Fixture.load(files).diagnostics.map(\.code)
        #expect(codes.contains("E011"))
        #expect(codes.contains("E021"))
        #expect(codes.contains("E015"))
        #expect(codes.contains("E014"))
    }

    @Test func suggestionsForUnknownValues() {
        let files = Fixture.with("desk.txt") { $0.replacingFirst("act: unsafe-confront", with: "act: unsafe-confrunt") }
        let d = Fixture.load(files).diagnostics.first { $0.code == "E015" }
        #expect(d?.message == "'unsafe-confrunt' is not a kind of action; did you mean 'unsafe-confront'?")
        #expect(d?.location == SourceLocation(file: "desk.txt", line: 30, column: 10))
    }

    @Test func regionFieldInScenarioIsAFieldButAHeaderAfterwards() {
        // 'region:' inside a scenario is its field; a second 'region:' starts a region block.
        let text = Fixture.ordinary + "\n\nregion: other\nname: Another region\n"
        var files = Fixture.files
        files["couple.txt"] = text
        let result = Fixture.load(files)
        #expect(result.diagnostics.isEmpty)
        #expect(result.bank.region("other")?.name == "Another region")
    }

    @Test func emptyFileAndCommentsOnly() {
        #expect(BankParser.parse("", path: "e.txt").diagnostics.isEmpty)
        #expect(BankParser.parse("# just a comment\n\n   # another\n", path: "e.txt").diagnostics.isEmpty)
    }

    @Test func calendarDates() {
        #expect(CalendarDate("2024-02-29") != nil)
        #expect(CalendarDate("2023-02-29") == nil)
        #expect(CalendarDate("2026-13-01") == nil)
        #expect(CalendarDate("26-11-01") == nil)
        #expect(CalendarDate(year: 2024, month: 2, day: 29).oneYearLater == CalendarDate(year: 2025, month: 2, day: 28))
        #expect(CalendarDate(year: 2026, month: 1, day: 5).description == "2026-01-05")
    }
}

@Suite struct FuzzTests {
    /// SplitMix64: a small deterministic generator, so failures reproduce.
    struct SplitMix: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    @Test func randomByteMutationsNeverCrashAndAlwaysExplain() {
        var rng = SplitMix(state: 20261129)
        let base = Fixture.files.mapValues { Array($0.utf8) }
        let paths = base.keys.sorted()
        let interesting: [UInt8] = Array(":|[]()*x- #\n\r\t,".utf8) + [0x00, 0x1B, 0x7F, 0x80, 0xC2, 0x85, 0xE0, 0xED, 0xF0, 0xF4, 0xFF, 0xEF, 0xBB, 0xBF]
        var validCount = 0
        var invalidCount = 0
        for _ in 0..<3000 {
            var files = base
            let path = paths[Int(rng.next() % UInt64(paths.count))]
            var bytes = files[path]!
            for _ in 0..<(1 + Int(rng.next() % 4)) {
                let op = rng.next() % 4
                let at = bytes.isEmpty ? 0 : Int(rng.next() % UInt64(bytes.count))
                let value = rng.next() % 2 == 0 ? interesting[Int(rng.next() % UInt64(interesting.count))] : UInt8(truncatingIfNeeded: rng.next())
                switch op {
                case 0 where !bytes.isEmpty: bytes[at] = value
                case 1: bytes.insert(value, at: at)
                case 2 where !bytes.isEmpty: bytes.remove(at: at)
                default:
                    // Cut the file short or duplicate a slice.
                    if rng.next() % 2 == 0 { bytes = Array(bytes.prefix(at)) }
                    else if !bytes.isEmpty { bytes.insert(contentsOf: bytes[at..<min(bytes.count, at + 40)], at: at) }
                }
            }
            files[path] = bytes
            let result = Fixture.load(bytes: files)
            if result.hasErrors {
                invalidCount += 1
                for d in result.diagnostics {
                    #expect(d.location.line >= 1 && d.location.column >= 1)
                    #expect(base.keys.contains(d.location.file))
                    #expect(!d.message.isEmpty)
                }
            } else {
                validCount += 1
                // A mutation the checker accepts must still give a usable bank.
                #expect(!result.bank.indicators.isEmpty || !result.bank.scenarios.isEmpty || !result.bank.sources.isEmpty)
            }
        }
        #expect(validCount + invalidCount == 3000)
        #expect(invalidCount > 1000)
    }
}

@Suite struct BankStatsTests {
    @Test func figuresOfTheFixtureBank() {
        let stats = BankStats(bank: Fixture.load(Fixture.files).bank)
        #expect(stats.scenarios == 2)
        #expect(stats.scenariosPerAudience == ["police": 1, "school": 0, "hospitality": 2])
        #expect(stats.withoutTrafficking == 1)
        #expect(stats.shareWithoutTrafficking == 0.5)
        #expect(stats.indicators.map(\.id) == ["doc-held", "fear", "minor-adult"])
        #expect(stats.indicators.map(\.asTrueSign) == [1, 0, 0])
        #expect(stats.indicators.map(\.asLookalike) == [1, 2, 0])
        #expect(stats.lessons == [BankStats.LessonLength(id: "hos-intro", audience: "hospitality", scenarios: 2, questions: 4, minutes: 10, passMark: 80)])
        #expect(stats.text.contains("3 indicator(s) are a true sign in fewer than 3 scenarios"))
        #expect(stats.text.contains("with no trafficking: 1 (50%)"))
    }
}
