import LookoutCore
import LookoutText
import Testing

/// The text renderings: bars with numbers, widths, the 80x24 screen.
@Suite struct ReportTextTests {
    let report: ClassReport

    init() throws {
        let group = WorkshopFixture.makeClass()
        report = ClassReport.make(bank: try WorkshopFixture.bank(), learners: group.learners, events: group.events)
    }

    /// A report with `count` indicators and long titles, for the screen tests.
    static func bigReport(indicators count: Int) -> ClassReport {
        var rows: [ClassReport.IndicatorRow] = []
        for i in 0..<count {
            let falseAlarms = i % 3
            let hitRate = Double(i) / Double(count)
            let falseAlarmRate = Double(falseAlarms) / Double(10 + falseAlarms)
            let wrong = Double(count - i + falseAlarms) / Double(count + 10 + falseAlarms)
            rows.append(ClassReport.IndicatorRow(
                indicatorID: "ind-\(i)", title: "A rather long indicator title number \(i) that will not fit",
                category: "behaviour", learners: 12, learnersMastered: 3, hits: i, misses: count - i,
                falseAlarms: falseAlarms, correctRejections: 10, hitRate: hitRate, falseAlarmRate: falseAlarmRate,
                wrongRate: wrong))
        }
        return ClassReport(filter: ClassReportFilter(lessonID: "a-very-long-lesson-identifier-for-testing"),
                           learners: [], indicators: rows, unseenIndicators: [], scenarios: [], answers: 999_999,
                           activeLearners: 12)
    }

    @Test func heatMapRowsCarryNumbersAndBars() throws {
        let lines = ClassReportText.heatMap(report, width: 80).map(\.text)
        // Worst first: ind-c, ind-a, ind-b.
        let c = try #require(lines.first { $0.hasPrefix("Pays only in cash") })
        let a = try #require(lines.first { $0.hasPrefix("Documents held") })
        let b = try #require(lines.first { $0.hasPrefix("Someone speaks") })
        #expect(try #require(lines.firstIndex(of: c)) < (try #require(lines.firstIndex(of: a))))
        #expect(try #require(lines.firstIndex(of: a)) < (try #require(lines.firstIndex(of: b))))
        // ind-c: no true signs (dots and a dash), false alarms 1 of 2: five of ten cells, 50 %; wrong 50 %; N 2.
        #expect(c.contains("·········· " + "   –"))
        #expect(c.contains("█████░░░░░  50%"))
        #expect(c.hasSuffix("  50%     2"))
        // ind-a: hit rate 100 %, false alarms 2 of 6 (33 %: three cells), wrong 20 %, N 10.
        #expect(a.contains("██████████ 100%"))
        #expect(a.contains("███░░░░░░░  33%"))
        #expect(a.hasSuffix("  20%    10"))
        // ind-b: hit rate 3 of 4 (75 %: 7.5 cells, rounded to 8), no false alarms.
        #expect(b.contains("████████░░  75%"))
        #expect(b.contains("░░░░░░░░░░   0%"))
        for line in lines { #expect(DisplayWidth.width(of: line) <= 80, "too wide: \(line)") }
    }

    @Test func tonesFollowTheFigures() throws {
        let rows = ClassReportText.heatMapRows(report)
        // ind-b's hit rate 75 % is fair; its false-alarm rate 0 % is good.
        let b = try #require(rows.first { $0.text.hasPrefix("Someone speaks") })
        #expect(b.segments.contains { $0.text == "████████" && $0.tone == .fair })
        #expect(b.segments.contains { $0.text == "   0%" && $0.tone == .good } || b.segments.contains { $0.text.contains("0%") && $0.tone == .good })
        // ind-c's wrong rate 50 % is poor.
        let c = try #require(rows.first { $0.text.hasPrefix("Pays only") })
        #expect(c.segments.contains { $0.text.contains("50%") && $0.tone == .poor })
    }

    @Test(arguments: [80, 72, 60])
    func everyLineFitsTheWidth(width: Int) {
        for line in ClassReportText.full(report, width: width, sinceText: "2026-11-01") {
            #expect(line.width <= width, "\(line.width) > \(width): [\(line.text)]")
        }
        for line in ClassReportText.full(Self.bigReport(indicators: 30), width: width) {
            #expect(line.width <= width, "\(line.width) > \(width): [\(line.text)]")
        }
    }

    @Test func screenFits80x24AndPages() {
        let big = Self.bigReport(indicators: 40)
        let first = ClassReportText.heatMapScreen(big, width: 80, height: 24)
        #expect(first.count == 24)
        for line in first { #expect(line.width <= 80, "too wide: \(line.text)") }
        // Title, header, 21 indicators, footer.
        #expect(first[0].tone(at: 0) == .heading)
        #expect(first[23].text == "Indicators 1–21 of 40, worst first")
        #expect(first[2].text.hasPrefix("A rather long indicator title n…"))
        let second = ClassReportText.heatMapScreen(big, width: 80, height: 24, offset: 21)
        #expect(second.count == 22) // 19 rows left
        #expect(second.last?.text == "Indicators 22–40 of 40, worst first")
        // The small class fits whole.
        let small = ClassReportText.heatMapScreen(report, width: 80, height: 24)
        #expect(small.count == 6)
        #expect(small.last?.text == "All 3 indicators met, worst first")
        // A tiny screen never gets more lines than it has.
        #expect(ClassReportText.heatMapScreen(big, width: 80, height: 2).count == 2)
        #expect(ClassReportText.heatMapScreen(big, width: 80, height: 0).isEmpty)
    }

    @Test func hardestScreenFits() {
        let lines = ClassReportText.hardestScreen(report, width: 80, height: 24)
        for line in lines { #expect(line.width <= 80) }
        #expect(lines.count == 5)
        // s2 first: its hardest question q1, mean credit 50 %, 2 answers, no unsafe choice.
        #expect(lines[2].text.hasPrefix("An ordinary family"))
        #expect(lines[2].text.contains(" q1 "))
        #expect(lines[2].text.contains("█████░░░░░  50%"))
        #expect(lines[2].text.hasSuffix("   2      0"))
        #expect(lines[3].text.hasPrefix("Three guests at check-in"))
        #expect(lines[3].text.contains("███████░░░  67%"))
        #expect(lines.last?.text == "2 of 2 scenarios answered, hardest first")
    }

    @Test func learnerTableKeepsKhmerNames() throws {
        let lines = ClassReportText.learnerTable(report).map(\.text)
        let sokha = try #require(lines.first { $0.hasSuffix(WorkshopFixture.sokha) })
        // 0 passed of 1 started, score 50 % (half the lesson unanswered), hit rate 100 %, false alarms 0 %, no unsafe
        // choice, 2 answers.
        #expect(sokha == "   0/1    50%      100%            0%       0        2  សុខា")
        let bob = try #require(lines.first { $0.hasSuffix("Bob") })
        #expect(bob == "   0/1    12%       75%           33%       2        5  Bob")
        let carol = try #require(lines.first { $0.hasSuffix("Carol") })
        #expect(carol == "   0/0      –         –             –       0        0  Carol")
    }

    @Test func widthCounting() {
        #expect(DisplayWidth.width(of: "abc") == 3)
        #expect(DisplayWidth.width(of: "សុខា") == 3) // the vowel sign U+17BB is a combining mark
        #expect(DisplayWidth.width(of: "日本") == 4)
        #expect(DisplayWidth.width(of: "e\u{301}") == 1)
        #expect(DisplayWidth.truncate("abcdefgh", to: 5) == "abcd…")
        #expect(DisplayWidth.truncate("日本語です", to: 5) == "日本…")
        #expect(DisplayWidth.pad("ab", to: 4) == "ab  ")
    }
}

extension ReportLine {
    func tone(at index: Int) -> Tone { segments[index].tone }
}
