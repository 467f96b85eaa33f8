import ArgumentParser
import Foundation
import LookoutCore
import LookoutText
import LookoutStore

/// `lookout report`: the class view for a facilitator's debrief.
struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show the class report: each learner, each indicator (a heat map, worst first) and the hardest questions.",
        discussion: """
            Counts every learner in this computer's progress store (merge other laptops first with \
            'lookout import'). --format table prints a text report that fits 80 columns; csv writes one \
            table (RFC 4180, UTF-8) chosen with --table (default learners); json writes everything, as \
            described in README.md ("Workshop tools"). Needs the facilitator passphrase when one is set.
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case table
        case csv
        case json
    }

    enum Table: String, ExpressibleByArgument, CaseIterable {
        case learners
        case indicators
        case questions
        case gain
    }

    @Option(help: ArgumentHelp("Only answers given in this lesson.", valueName: "id"))
    var lesson: String?

    @Option(help: ArgumentHelp("Only answers given on or after this local date.", valueName: "YYYY-MM-DD"))
    var since: String?

    @Option(help: "table, csv or json.")
    var format: Format = .table

    @Option(help: ArgumentHelp("Only this part: learners, indicators, questions or gain (csv: default learners; table and json: all).", valueName: "part"))
    var table: Table?

    @Option(help: ArgumentHelp("Write to this file instead of the screen (replaced if it exists).", valueName: "file"))
    var out: String?

    @Flag(help: "csv: start with a UTF-8 byte-order mark, which Excel needs to show Khmer and other non-Latin names.")
    var bom = false

    @Option(help: ArgumentHelp("table: the line width, at least 60.", valueName: "columns"))
    var width: Int = 80

    @Flag(help: "The debrief: every question with the options the class chose, the hardest items, the gain from first lesson to final.")
    var debrief = false

    @Option(help: ArgumentHelp("With --debrief (table): only the N hardest questions, for a short debrief.", valueName: "n"))
    var hardest: Int?

    @Flag(help: "Projector mode: no learner's name or id is printed (learners become 'Learner 1', 'Learner 2', ...).")
    var anonymous = false

    @OptionGroup var bankOptions: BankOptions
    @OptionGroup var dataOptions: DataOptions
    @OptionGroup var lock: PassphraseOptions

    func validate() throws {
        if let since, CalendarDate(since) == nil {
            throw ValidationError(CommandStrings.english(.reportBadSince, ["since": since]))
        }
        if width < 60 || width > 1000 { throw ValidationError(CommandStrings.english[.reportBadWidth]) }
        if let hardest {
            if !debrief { throw ValidationError("--hardest N goes with --debrief") }
            if hardest < 1 { throw ValidationError("--hardest needs a number of questions, 1 or more") }
            if format != .table { throw ValidationError("--hardest N is for the table (the default format); csv and json give every question") }
        }
    }

    func run() throws {
        let store = try dataOptions.openStore()
        try FacilitatorLock.require(store, options: lock, command: "report")
        let bank = try Workshop.loadBank(bankOptions)
        if let lesson, bank.lesson(lesson) == nil {
            let known = bank.lessons.map(\.id).joined(separator: ", ")
            printError(CommandStrings.english(.noSuchLesson, ["lesson": lesson, "lessons": known]))
            throw ExitCode(ExitStatus.dataError)
        }
        // With no passphrase set, learners with a PIN are left out (counted on stderr, never named).
        let visible = try LearnerAccess.visible(try Workshop.store { () throws(StoreError) in try store.learners() }, store: store)
        if visible.hidden > 0 { printError(LearnerAccess.hiddenNote(visible.hidden)) }
        let learners = visible.shown
        let visibleIDs = visible.hidden > 0 ? Set(learners.map(\.id)) : nil
        let filter = ClassReportFilter(lessonID: lesson, since: since.flatMap(CalendarDate.init).map(Workshop.localMidnight))
        // The debrief and the gain need every answer at once (they compare learners question by question and
        // lesson by lesson), so they read the store whole and the class report is built from the same answers.
        // The other outputs (a CSV or table of learners, indicators or questions) need no gain: the class report
        // is then read one learner at a time (``classReport``), in memory that does not grow with the store.
        let needsEveryAnswer = debrief || table == .gain || format == .json || (format == .table && table == nil)
        let events = needsEveryAnswer ? try Workshop.store { () throws(StoreError) in try store.allEvents() }
            .filter { visibleIDs?.contains($0.learnerID) ?? true } : nil
        let anonymity = anonymous ? Anonymity(learnerIDs: learners.map(\.id)) : nil
        var gain = Gain.make(bank: bank, learners: learners, events: events ?? [], filter: filter)
        if let anonymity { gain = gain.anonymised(anonymity) }

        let text: StyledText
        if debrief {
            text = try debriefText(bank: bank, learners: learners, events: events ?? [], filter: filter, gain: gain)
        } else if table == .gain && format != .json {
            // Only the gain: the class report is not computed.
            text = format == .csv ? StyledText(GainCSV.make(gain, byteOrderMark: bom))
                : Workshop.render(DebriefText.gainLines(gain, width: width), colour: out == nil && Workshop.stdoutWantsColour())
        } else {
            var report: ClassReport
            if let events {
                report = ClassReport.make(bank: bank, learners: learners, events: events, filter: filter)
            } else {
                report = try Workshop.store { () throws(StoreError) in
                    try Self.classReport(store: store, bank: bank, learners: learners, filter: filter,
                                         progress: StderrProgress(label: "Reading answers", unit: "learners", total: learners.count))
                }
            }
            if let anonymity { report = report.anonymised(anonymity) }
            switch format {
            case .table:
                text = Workshop.render(Self.tableLines(report, gain: gain, part: table, width: width, since: since),
                                       colour: out == nil && Workshop.stdoutWantsColour())
            case .csv:
                text = StyledText(ReportCSV.make(report, gain: gain, part: table ?? .learners, byteOrderMark: bom))
            case .json:
                text = StyledText(try ReportJSON.make(report, gain: gain, since: since, generatedAt: Workshop.utcNow()))
            }
        }
        if let out {
            try Workshop.writeFile(Data(text.text.utf8), to: out, mode: 0o600, overwrite: true)
            printError(CommandStrings.english(.reportWrote, ["file": out]))
        } else {
            Console.writeStyled(text)
        }
    }

    /// The class report, read one learner at a time from the (learner, time) index: a batch of learners'
    /// answers is read, each learner's part is computed on every core, and only the parts are kept (see
    /// ``ClassReport/LearnerPart``), so memory does not grow with the number of answers.
    static func classReport(store: ProgressStore, bank: Bank, learners: [Learner],
                            filter: ClassReportFilter = ClassReportFilter(),
                            progress: StderrProgress? = nil) throws(StoreError) -> ClassReport {
        defer { progress?.finish() }
        let byID = Dictionary(learners.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var parts: [ClassReport.LearnerPart] = []
        parts.reserveCapacity(learners.count)
        var batch: [(Learner, [AnswerEvent])] = []
        func flush() {
            parts += ParallelMap.map(batch) { item in
                ClassReport.LearnerPart(bank: bank, learner: item.0, events: item.1, filter: filter)
            }
            batch.removeAll(keepingCapacity: true)
            progress?.update(parts.count)
        }
        try store.forEachLearnersEvents(learners.map(\.id)) { id, events in
            guard let learner = byID[id] else { return }
            batch.append((learner, events))
            if batch.count >= ProgressOutput.batchSize { flush() }
        }
        flush()
        return ClassReport.assemble(bank: bank, parts: parts, filter: filter)
    }

    static func tableLines(_ report: ClassReport, gain: Gain, part: Table?, width: Int, since: String?) -> [ReportLine] {
        switch part {
        case nil:
            return ClassReportText.full(report, width: width, sinceText: since) + [ReportLine("")]
                + DebriefText.gainLines(gain, width: width)
        case .gain: return DebriefText.gainLines(gain, width: width)
        case .learners:
            let skips = ClassReportText.skippedScenes(report, width: width)
            return ClassReportText.learnerTable(report, width: width) + (skips.isEmpty ? [] : [ReportLine("")] + skips)
        case .indicators: return ClassReportText.heatMap(report, width: width)
        case .questions: return ClassReportText.hardestQuestions(report, width: width, limit: nil)
        }
    }
}

/// The CSV tables of the class report.
enum ReportCSV {
    static func make(_ report: ClassReport, gain: Gain, part: Report.Table, byteOrderMark: Bool) -> String {
        var csv = CSVWriter(byteOrderMark: byteOrderMark)
        switch part {
        case .learners:
            csv.header(["learner_id", "name", "lessons_passed", "lessons_started", "score_percent", "hits", "misses",
                        "false_alarms", "correct_rejections", "hit_rate", "false_alarm_rate", "unsafe_choices", "answers"])
            for r in report.learners {
                csv.record([.raw(r.learnerID), .text(r.name), .raw(String(r.lessonsPassed)), .raw(String(r.lessonsStarted)),
                            .raw(number(r.scorePercent, digits: 1)), .raw(String(r.hits)), .raw(String(r.misses)),
                            .raw(String(r.falseAlarms)), .raw(String(r.correctRejections)), .raw(number(r.hitRate)),
                            .raw(number(r.falseAlarmRate)), .raw(String(r.unsafeChoices)), .raw(String(r.answers))])
            }
        case .indicators:
            csv.header(["rank", "indicator_id", "title", "category", "learners", "learners_mastered", "hits", "misses",
                        "false_alarms", "correct_rejections", "hit_rate", "false_alarm_rate", "wrong_rate"])
            for (i, r) in report.indicators.enumerated() {
                csv.record([.raw(String(i + 1)), .raw(r.indicatorID), .text(r.title), .raw(r.category ?? ""),
                            .raw(String(r.learners)), .raw(String(r.learnersMastered)), .raw(String(r.hits)),
                            .raw(String(r.misses)), .raw(String(r.falseAlarms)), .raw(String(r.correctRejections)),
                            .raw(number(r.hitRate)), .raw(number(r.falseAlarmRate)), .raw(number(r.wrongRate))])
            }
        case .gain:
            return GainCSV.make(gain, byteOrderMark: byteOrderMark)
        case .questions:
            csv.header(["scenario_rank", "scenario_id", "scenario_title", "question_id", "kind", "prompt", "mean_credit",
                        "answers", "unsafe_choices"])
            for (i, s) in report.scenarios.enumerated() {
                for q in s.questions {
                    csv.record([.raw(String(i + 1)), .raw(s.scenarioID), .text(s.title), .raw(q.questionID),
                                .raw(q.kind.rawValue), .text(q.prompt), .raw(number(q.meanCredit)), .raw(String(q.answers)),
                                .raw(String(q.unsafeChoices))])
                }
            }
        }
        return csv.output
    }

    /// A decimal with `digits` places and a dot, or an empty field for no figure.
    static func number(_ value: Double?, digits: Int = 4) -> String {
        FigureFormat.decimal(value, digits: digits) ?? ""
    }
}

/// The JSON form of the class report (schema in README.md, "Workshop tools").
enum ReportJSON {
    static let formatName = "lookout-report"
    static let version = 1

    struct Document: Encodable {
        var format = ReportJSON.formatName
        var version = ReportJSON.version
        var generatedAt: String
        var filter: Filter
        var totals: Totals
        var learners: [LearnerItem]
        var indicators: [IndicatorItem]
        var unseenIndicators: [String]
        var scenarios: [ScenarioItem]
        var gain: Gain
    }

    struct Filter: Encodable {
        var lesson: String?
        var since: String?
        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(lesson, forKey: .lesson)
            try c.encode(since, forKey: .since)
        }
        enum CodingKeys: String, CodingKey { case lesson, since }
    }

    struct Totals: Encodable {
        var learners: Int
        var activeLearners: Int
        var answers: Int
    }

    struct LearnerItem: Encodable {
        var id: String
        var name: String
        var lessonsPassed: Int
        var lessonsStarted: Int
        var scorePercent: Double?
        var hits: Int, misses: Int, falseAlarms: Int, correctRejections: Int
        var hitRate: Double?
        var falseAlarmRate: Double?
        var unsafeChoices: Int
        var answers: Int
        /// Scenes skipped after their content note (empty in an anonymous report).
        var skipped: [ClassReport.SkippedScene]

        enum CodingKeys: String, CodingKey {
            case id, name, lessonsPassed, lessonsStarted, scorePercent, hits, misses, falseAlarms, correctRejections,
                 hitRate, falseAlarmRate, unsafeChoices, answers, skipped
        }

        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(id, forKey: .id)
            try c.encode(name, forKey: .name)
            try c.encode(lessonsPassed, forKey: .lessonsPassed)
            try c.encode(lessonsStarted, forKey: .lessonsStarted)
            try c.encode(scorePercent, forKey: .scorePercent)
            try c.encode(hits, forKey: .hits)
            try c.encode(misses, forKey: .misses)
            try c.encode(falseAlarms, forKey: .falseAlarms)
            try c.encode(correctRejections, forKey: .correctRejections)
            try c.encode(hitRate, forKey: .hitRate)
            try c.encode(falseAlarmRate, forKey: .falseAlarmRate)
            try c.encode(unsafeChoices, forKey: .unsafeChoices)
            try c.encode(answers, forKey: .answers)
            try c.encode(skipped, forKey: .skipped)
        }
    }

    struct IndicatorItem: Encodable {
        var rank: Int
        var id: String
        var title: String
        var category: String?
        var learners: Int
        var learnersMastered: Int
        var hits: Int, misses: Int, falseAlarms: Int, correctRejections: Int
        var hitRate: Double?
        var falseAlarmRate: Double?
        var wrongRate: Double

        enum CodingKeys: String, CodingKey {
            case rank, id, title, category, learners, learnersMastered, hits, misses, falseAlarms, correctRejections,
                 hitRate, falseAlarmRate, wrongRate
        }

        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(rank, forKey: .rank)
            try c.encode(id, forKey: .id)
            try c.encode(title, forKey: .title)
            try c.encode(category, forKey: .category)
            try c.encode(learners, forKey: .learners)
            try c.encode(learnersMastered, forKey: .learnersMastered)
            try c.encode(hits, forKey: .hits)
            try c.encode(misses, forKey: .misses)
            try c.encode(falseAlarms, forKey: .falseAlarms)
            try c.encode(correctRejections, forKey: .correctRejections)
            try c.encode(hitRate, forKey: .hitRate)
            try c.encode(falseAlarmRate, forKey: .falseAlarmRate)
            try c.encode(wrongRate, forKey: .wrongRate)
        }
    }

    struct QuestionItem: Encodable {
        var id: String
        var kind: String
        var prompt: String
        var meanCredit: Double
        var answers: Int
        var unsafeChoices: Int
    }

    struct ScenarioItem: Encodable {
        var id: String
        var title: String
        var questions: [QuestionItem]
    }

    static func make(_ report: ClassReport, gain: Gain, since: String?, generatedAt: String) throws -> String {
        let document = Document(
            generatedAt: generatedAt,
            filter: Filter(lesson: report.filter.lessonID, since: since),
            totals: Totals(learners: report.learners.count, activeLearners: report.activeLearners, answers: report.answers),
            learners: report.learners.map {
                LearnerItem(id: $0.learnerID, name: $0.name, lessonsPassed: $0.lessonsPassed, lessonsStarted: $0.lessonsStarted,
                            scorePercent: $0.scorePercent, hits: $0.hits, misses: $0.misses, falseAlarms: $0.falseAlarms,
                            correctRejections: $0.correctRejections, hitRate: $0.hitRate, falseAlarmRate: $0.falseAlarmRate,
                            unsafeChoices: $0.unsafeChoices, answers: $0.answers, skipped: $0.skipped)
            },
            indicators: report.indicators.enumerated().map { i, r in
                IndicatorItem(rank: i + 1, id: r.indicatorID, title: r.title, category: r.category, learners: r.learners,
                              learnersMastered: r.learnersMastered, hits: r.hits, misses: r.misses,
                              falseAlarms: r.falseAlarms, correctRejections: r.correctRejections, hitRate: r.hitRate,
                              falseAlarmRate: r.falseAlarmRate, wrongRate: r.wrongRate)
            },
            unseenIndicators: report.unseenIndicators,
            scenarios: report.scenarios.map { s in
                ScenarioItem(id: s.scenarioID, title: s.title, questions: s.questions.map {
                    QuestionItem(id: $0.questionID, kind: $0.kind.rawValue, prompt: $0.prompt, meanCredit: $0.meanCredit,
                                 answers: $0.answers, unsafeChoices: $0.unsafeChoices)
                })
            },
            gain: gain)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return TerminalText.jsonSafe(String(decoding: try encoder.encode(document), as: UTF8.self)) + "\n"
    }
}
