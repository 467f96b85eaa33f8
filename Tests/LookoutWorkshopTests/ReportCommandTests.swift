import LookoutTestSupport
import Foundation
import LookoutApp
import LookoutCore
import LookoutText
import LookoutStore
import Testing

/// A small RFC 4180 parser for the tests: records end in CRLF; quoted fields may hold commas, CR, LF
/// and doubled quotes. Returns nil on anything RFC 4180 does not allow (a bare quote inside an
/// unquoted field, a lone LF as a record end, text after a closing quote).
enum RFC4180 {
    static func parse(_ text: String) -> [[String]]? {
        let s = Array(text.unicodeScalars)
        var records: [[String]] = []
        var record: [String] = []
        var field = String.UnicodeScalarView()
        var i = 0
        var atFieldStart = true
        while i < s.count {
            let c = s[i]
            if atFieldStart && c == "\"" {
                // Quoted field.
                i += 1
                while true {
                    guard i < s.count else { return nil }
                    if s[i] == "\"" {
                        if i + 1 < s.count && s[i + 1] == "\"" { field.append("\""); i += 2; continue }
                        i += 1
                        break
                    }
                    field.append(s[i])
                    i += 1
                }
                atFieldStart = false
                guard i == s.count || s[i] == "," || s[i] == "\r" else { return nil }
                continue
            }
            if c == "," {
                record.append(String(field)); field = String.UnicodeScalarView(); atFieldStart = true
                i += 1
            } else if c == "\r" {
                guard i + 1 < s.count, s[i + 1] == "\n" else { return nil }
                record.append(String(field)); field = String.UnicodeScalarView()
                records.append(record); record = []; atFieldStart = true
                i += 2
            } else if c == "\n" || c == "\"" {
                return nil
            } else {
                field.append(c); atFieldStart = false
                i += 1
            }
        }
        if !atFieldStart || !field.isEmpty || !record.isEmpty { return nil } // the last record must end in CRLF
        return records
    }
}

@Suite struct CSVTests {
    @Test func writerQuotesAsRFC4180Asks() throws {
        var csv = CSVWriter()
        csv.header(["a", "b"])
        csv.record([.text("plain"), .text("with, comma")])
        csv.record([.text("say \"hi\""), .text("two\nlines")])
        csv.record([.text("cr\rhere"), .text("សុខា")])
        csv.record([.text("=HYPERLINK(\"x\")"), .raw("-0.5")])
        csv.record([.text(""), .raw("")])
        #expect(csv.output == "a,b\r\nplain,\"with, comma\"\r\n\"say \"\"hi\"\"\",\"two\nlines\"\r\n\"cr\rhere\",សុខា\r\n\"'=HYPERLINK(\"\"x\"\")\",-0.5\r\n,\r\n")
        let parsed = try #require(RFC4180.parse(csv.output))
        #expect(parsed == [["a", "b"], ["plain", "with, comma"], ["say \"hi\"", "two\nlines"], ["cr\rhere", "សុខា"],
                           ["'=HYPERLINK(\"x\")", "-0.5"], ["", ""]])
        #expect(CSVWriter(byteOrderMark: true).output == "\u{FEFF}")
    }

    @Test func parserRejectsWhatRFC4180Forbids() {
        #expect(RFC4180.parse("a,b\n") == nil)
        #expect(RFC4180.parse("a\"b\r\n") == nil)
        #expect(RFC4180.parse("\"a\"b\r\n") == nil)
        #expect(RFC4180.parse("a,b") == nil)
    }
}

/// `lookout report` run as a program on a store and bank in temporary folders.
@Suite final class ReportCommandTests {
    let folders = TemporaryFolders()
    let bankDir: String
    let dataDir: String

    init() throws {
        bankDir = try WorkshopFixture.writeBank(to: folders.make("lookout-bank"))
        dataDir = try WorkshopFixture.makeStore()
        folders.track(dataDir)
        let store = try ProgressStore.open(directory: dataDir)
        try store.addLearner(name: "Nguyễn, \"Lan\"", at: WorkshopFixture.day1)
        try store.addLearner(name: "=1+2", at: WorkshopFixture.day1 + 1)
        try store.close()
    }

    func run(_ arguments: [String], environment: [String: String] = [:]) throws -> Lookout.Output {
        try Lookout.run(arguments + ["--bank", bankDir, "--data-dir", dataDir], environment: environment)
    }

    @Test func learnersCSVParsesBack() throws {
        let out = try run(["report", "--format", "csv"])
        #expect(out.status == 0, "\(out.stderr)")
        let rows = try #require(RFC4180.parse(out.stdout))
        #expect(rows.first == ["learner_id", "name", "lessons_passed", "lessons_started", "score_percent", "hits", "misses",
                               "false_alarms", "correct_rejections", "hit_rate", "false_alarm_rate", "unsafe_choices", "answers"])
        #expect(rows.allSatisfy { $0.count == 13 })
        let byName = Dictionary(uniqueKeysWithValues: rows.dropFirst().map { ($0[1], $0) })
        #expect(byName["Alice"].map { Array($0[2...]) } == ["1", "1", "87.5", "2", "0", "1", "3", "1.0000", "0.2500", "0", "4"])
        #expect(byName["Bob"].map { Array($0[2...]) } == ["0", "1", "12.5", "3", "1", "2", "4", "0.7500", "0.3333", "2", "5"])
        #expect(byName[WorkshopFixture.sokha].map { Array($0[2...]) } == ["0", "1", "50.0", "2", "0", "0", "2", "1.0000", "0.0000", "0", "2"])
        #expect(byName["Carol"].map { Array($0[2...]) } == ["0", "0", "", "0", "0", "0", "0", "", "", "0", "0"])
        // A comma and quotes survive; a formula is kept as text.
        #expect(byName["Nguyễn, \"Lan\""] != nil)
        #expect(byName["'=1+2"] != nil)
        // CRLF line ends, and the Khmer name byte for byte.
        // CRLF line ends (the parser refuses a bare LF), and the Khmer name byte for byte.
        #expect(out.stdout.hasSuffix("\r\n"))
        #expect(Array(out.stdout.utf8).contains(subsequence: Array(",សុខា,".utf8)))
    }

    @Test func indicatorAndQuestionCSV() throws {
        let indicators = try run(["report", "--format", "csv", "--table", "indicators"])
        let rows = try #require(RFC4180.parse(indicators.stdout))
        #expect(rows.count == 4)
        #expect(rows[1][0...3] == ["1", "ind-c", "Pays only in cash, \"no receipt\"", "documents-money"])
        #expect(rows[1][10...12] == ["", "0.5000", "0.5000"])
        #expect(rows[2][1] == "ind-a" && rows[2][12] == "0.2000")
        #expect(rows[3][1] == "ind-b" && rows[3][10] == "0.7500" && rows[3][12] == "0.1250")

        let questions = try run(["report", "--format", "csv", "--table", "questions", "--bom"])
        #expect(questions.stdout.hasPrefix("\u{FEFF}scenario_rank,"))
        let q = try #require(RFC4180.parse(String(questions.stdout.dropFirst())))
        #expect(q.count == 5)
        #expect(q[1][0...3] == ["1", "s2", "An ordinary family", "q1"])
        #expect(q[1][6...8] == ["0.5000", "2", "0"])
        #expect(q[4][0...3] == ["2", "s1", "Three guests at check-in", "q2"] && q[4][8] == "1")
    }

    @Test func jsonFollowsTheDocumentedSchema() throws {
        let out = try run(["report", "--format", "json", "--lesson", "L1", "--since", "2026-01-01"])
        #expect(out.status == 0, "\(out.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(out.stdout.utf8)) as? [String: Any])
        #expect(Set(object.keys) == ["format", "version", "generatedAt", "filter", "totals", "learners", "indicators",
                                     "unseenIndicators", "scenarios", "gain"])
        #expect(object["format"] as? String == "lookout-report")
        #expect(object["version"] as? Int == 1)
        let filter = try #require(object["filter"] as? [String: Any])
        #expect(filter["lesson"] as? String == "L1" && filter["since"] as? String == "2026-01-01")
        let totals = try #require(object["totals"] as? [String: Any])
        #expect(totals["learners"] as? Int == 6 && totals["activeLearners"] as? Int == 3 && totals["answers"] as? Int == 11)
        let learners = try #require(object["learners"] as? [[String: Any]])
        let carol = try #require(learners.first { $0["name"] as? String == "Carol" })
        // Missing figures are null, never left out.
        #expect(carol.keys.count == 14)
        #expect((carol["skipped"] as? [Any])?.isEmpty == true)
        #expect(carol["scorePercent"] is NSNull && carol["hitRate"] is NSNull)
        let bob = try #require(learners.first { $0["name"] as? String == "Bob" })
        #expect(bob["unsafeChoices"] as? Int == 2 && (bob["scorePercent"] as? Double).map { abs($0 - 12.5) < 1e-9 } == true)
        let indicators = try #require(object["indicators"] as? [[String: Any]])
        #expect(indicators.map { $0["id"] as? String } == ["ind-c", "ind-a", "ind-b"])
        #expect(indicators.map { $0["rank"] as? Int } == [1, 2, 3])
        #expect(indicators[0]["hitRate"] is NSNull)
        #expect(object["unseenIndicators"] as? [String] == ["ind-d"])
        let scenarios = try #require(object["scenarios"] as? [[String: Any]])
        #expect(scenarios.map { $0["id"] as? String } == ["s2", "s1"])
        let firstQuestion = try #require((scenarios[0]["questions"] as? [[String: Any]])?.first)
        #expect(Set(firstQuestion.keys) == ["id", "kind", "prompt", "meanCredit", "answers", "unsafeChoices"])
    }

    @Test func tableFitsEightyColumnsWithoutColourWhenPiped() throws {
        let out = try run(["report"])
        #expect(out.status == 0, "\(out.stderr)")
        #expect(!out.stdout.contains("\u{1B}["))
        for line in out.stdout.split(separator: "\n") {
            #expect(DisplayWidth.width(of: String(line)) <= 80, "too wide: \(line)")
        }
        #expect(out.stdout.contains("Class report: 3 of 6 learners active, 11 answers"))
        #expect(out.stdout.contains("Pays only in cash, \"no receipt\"  ··········    –   █████░░░░░  50%     50%     2"))
        #expect(out.stdout.contains("   0/1    12%       75%           33%       2        5  Bob"))
    }

    @Test func outWritesAFileAndFiltersWork() throws {
        let file = try folders.make("lookout-out") + "/class.csv"
        let out = try run(["report", "--format", "csv", "--out", file])
        #expect(out.status == 0)
        #expect(out.stdout.isEmpty)
        let written = try String(contentsOfFile: file, encoding: .utf8)
        #expect(RFC4180.parse(written)?.count == 7)
        // Only Bob and Sokha answered from 2026-11-27 (local time) on.
        let later = try run(["report", "--format", "json", "--since", "2026-11-27"], environment: ["TZ": "UTC"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(later.stdout.utf8)) as? [String: Any])
        #expect((object["totals"] as? [String: Any])?["answers"] as? Int == 7)
    }

    @Test func badRequestsAreRefusedClearly() throws {
        let lesson = try run(["report", "--lesson", "nope"])
        #expect(lesson.status == 65)
        #expect(lesson.stderr.contains("there is no lesson 'nope' in the scenario bank; the lessons are: L1, L2"))
        let date = try run(["report", "--since", "2026-02-30"])
        #expect(date.status == 64)
        #expect(date.stderr.contains("--since '2026-02-30' is not a date of the form YYYY-MM-DD"))
    }
}

extension Array where Element: Equatable {
    func contains(subsequence: [Element]) -> Bool {
        guard !subsequence.isEmpty, subsequence.count <= count else { return subsequence.isEmpty }
        for start in 0...(count - subsequence.count) where Array(self[start..<(start + subsequence.count)]) == subsequence {
            return true
        }
        return false
    }
}
