import LookoutCore

/// A line of report text split into styled pieces. The meaning is always in the text (a bar of █/░ and
/// a number); the tone only adds colour, so a line reads the same in black and white.
public struct ReportLine: Sendable, Hashable {
    public enum Tone: String, Sendable, Hashable {
        case plain
        case heading
        case muted
        /// Good, fair and poor figures (green, yellow, red in a colour terminal).
        case good
        case fair
        case poor
    }

    public struct Segment: Sendable, Hashable {
        public var text: String
        public var tone: Tone
        public init(_ text: String, _ tone: Tone = .plain) {
            self.text = text
            self.tone = tone
        }
    }

    public var segments: [Segment]

    public init(_ segments: [Segment]) { self.segments = segments }
    public init(_ text: String, _ tone: Tone = .plain) { segments = [Segment(text, tone)] }

    /// The line without styles.
    public var text: String { segments.map(\.text).joined() }
    /// Its width in terminal columns.
    public var width: Int { DisplayWidth.width(of: text) }
}

/// Plain-text renderings of a ``ClassReport`` for the terminal and the trainer's facilitator screen.
/// Every line fits the given width (80 by default); names and titles are cut with "…" to fit.
///
/// Tones: a hit rate or mean credit of 80 % or more is good, 50 % or more fair, below that poor; a
/// false-alarm rate of 10 % or less is good, 30 % or less fair, above that poor; a wrong rate of 15 %
/// or less is good, 35 % or less fair, above that poor.
public enum ClassReportText {
    /// Cells in a bar.
    public static let barCells = 10

    // MARK: Heat map

    /// The columns right of the indicator's label: bar+number, bar+number, wrong, decisions.
    static let heatMapFigures = 1 + 15 + 3 + 15 + 3 + 5 + 1 + 5

    /// The heading and column header of the heat map.
    public static func heatMapHeader(width: Int = 80, strings s: WorkshopStrings = .english) -> [ReportLine] {
        let label = labelWidth(width)
        return [
            ReportLine(s[.reportIndicatorsHeading], .heading),
            ReportLine(DisplayWidth.pad(s[.reportIndicatorColumn], to: label) + " " + DisplayWidth.pad(s[.reportHitRateColumn], to: 15)
                       + "   " + DisplayWidth.pad(s[.reportFalseAlarmsColumn], to: 15) + "   " + s[.reportWrongColumn] + " "
                       + DisplayWidth.padLeft(s[.reportCountColumn], to: 5),
                       .muted),
        ]
    }

    /// One heat-map line per indicator with decisions, worst first (all of them).
    public static func heatMapRows(_ report: ClassReport, width: Int = 80) -> [ReportLine] {
        report.indicators.map { heatMapRow($0, width: width) }
    }

    /// One line: the indicator's title, its hit rate and false-alarm rate as bars with numbers, the
    /// wrong rate and the number of decisions.
    public static func heatMapRow(_ row: ClassReport.IndicatorRow, width: Int = 80) -> ReportLine {
        let label = labelWidth(width)
        var segments = [ReportLine.Segment(DisplayWidth.pad(row.title, to: label) + " ")]
        segments += bar(row.hitRate, tone: row.hitRate.map(hitTone) ?? .muted)
        segments.append(ReportLine.Segment("   "))
        segments += bar(row.falseAlarmRate, tone: row.falseAlarmRate.map(falseAlarmTone) ?? .muted)
        segments.append(ReportLine.Segment("   "))
        segments.append(ReportLine.Segment(DisplayWidth.padLeft(percent(row.wrongRate), to: 5), wrongTone(row.wrongRate)))
        segments.append(ReportLine.Segment(" " + DisplayWidth.padLeft(String(row.decisions), to: 5)))
        return ReportLine(segments)
    }

    /// The whole heat map: heading, header, rows, a legend.
    public static func heatMap(_ report: ClassReport, width: Int = 80, strings s: WorkshopStrings = .english) -> [ReportLine] {
        if report.indicators.isEmpty {
            return [ReportLine(s[.reportIndicatorsHeading], .heading), ReportLine(s[.reportNoMultiAnswers], .muted)]
        }
        return heatMapHeader(width: width, strings: s) + heatMapRows(report, width: width) + heatMapLegend(width: width, strings: s)
    }

    public static func heatMapLegend(width: Int = 80, strings s: WorkshopStrings = .english) -> [ReportLine] {
        WordWrap.wrap(s[.reportHeatMapLegend], width: width).map { ReportLine($0, .muted) }
    }

    /// The heat map for a screen of `width` × `height` cells (the trainer's facilitator screen; 80 × 24
    /// on a projector): a title line, the header, as many rows as fit starting at `offset`, and a last
    /// line saying which rows are shown. Never more than `height` lines, none wider than `width`.
    public static func heatMapScreen(_ report: ClassReport, width: Int = 80, height: Int = 24,
                                     offset: Int = 0, strings s: WorkshopStrings = .english) -> [ReportLine] {
        guard height > 0 else { return [] }
        var lines = [ReportLine(DisplayWidth.truncate(title(report, strings: s), to: width), .heading)]
        if report.indicators.isEmpty {
            lines.append(ReportLine(DisplayWidth.truncate(s[.reportNoMultiAnswers], to: width), .muted))
            return Array(lines.prefix(height))
        }
        lines.append(heatMapHeader(width: width, strings: s)[1])
        let room = max(0, height - 3)
        let start = min(max(0, offset), max(0, report.indicators.count - 1))
        let shown = Array(report.indicators.dropFirst(start).prefix(room))
        lines += shown.map { heatMapRow($0, width: width) }
        let end = start + shown.count
        let footer = end < report.indicators.count || start > 0
            ? s(.reportIndicatorsShown, ["first": String(start + 1), "last": String(end), "count": String(report.indicators.count)])
            : s(.reportIndicatorsAll, ["count": String(report.indicators.count)])
        lines.append(ReportLine(DisplayWidth.truncate(footer, to: width), .muted))
        return Array(lines.prefix(height))
    }

    // MARK: Hardest questions

    /// One line per scenario (its hardest question), hardest first, at most `limit` scenarios.
    public static func hardestQuestions(_ report: ClassReport, width: Int = 80, limit: Int? = 10,
                                        strings s: WorkshopStrings = .english) -> [ReportLine] {
        var lines = [ReportLine(s[.reportHardestHeading], .heading)]
        if report.scenarios.isEmpty {
            lines.append(ReportLine(s[.reportNoAnswers], .muted))
            return lines
        }
        lines.append(hardestHeader(width: width, strings: s))
        let shown = limit.map { Array(report.scenarios.prefix($0)) } ?? report.scenarios
        for scenario in shown { lines.append(hardestRow(scenario, width: width)) }
        if shown.count < report.scenarios.count {
            lines.append(ReportLine(DisplayWidth.truncate(s(.reportMoreScenarios, ["count": String(report.scenarios.count - shown.count)]),
                                                         to: width), .muted))
        }
        return lines
    }

    static let hardestFigures = 1 + 6 + 1 + 15 + 1 + 4 + 1 + 6

    static func hardestHeader(width: Int, strings s: WorkshopStrings = .english) -> ReportLine {
        let label = max(8, width - hardestFigures)
        return ReportLine(DisplayWidth.pad(s[.reportScenarioColumn], to: label) + " " + DisplayWidth.pad(s[.reportQuestionColumn], to: 6)
                          + " " + DisplayWidth.pad(s[.reportMeanCreditColumn], to: 15) + " "
                          + DisplayWidth.padLeft(s[.reportCountColumn], to: 4) + " "
                          + DisplayWidth.padLeft(s[.reportUnsafeColumn], to: 6), .muted)
    }

    public static func hardestRow(_ scenario: ClassReport.ScenarioRow, width: Int = 80) -> ReportLine {
        let label = max(8, width - hardestFigures)
        let q = scenario.hardest
        var segments = [ReportLine.Segment(DisplayWidth.pad(scenario.title, to: label) + " " + DisplayWidth.pad(q.questionID, to: 6) + " ")]
        segments += bar(q.meanCredit, tone: hitTone(q.meanCredit))
        segments.append(ReportLine.Segment(" " + DisplayWidth.padLeft(String(q.answers), to: 4) + " "))
        segments.append(ReportLine.Segment(DisplayWidth.padLeft(String(q.unsafeChoices), to: 6),
                                           q.unsafeChoices > 0 ? .poor : .plain))
        return ReportLine(segments)
    }

    /// The hardest scenarios for a `width` × `height` screen: a title line, the header, one line per
    /// scenario (its hardest question) and a last line saying how many are shown.
    public static func hardestScreen(_ report: ClassReport, width: Int = 80, height: Int = 24,
                                     strings s: WorkshopStrings = .english) -> [ReportLine] {
        guard height > 0 else { return [] }
        var lines = [ReportLine(DisplayWidth.truncate(s(.reportHardestScreenTitle, ["title": title(report, strings: s)]), to: width), .heading)]
        if report.scenarios.isEmpty {
            lines.append(ReportLine(s[.reportNoAnswers], .muted))
            return Array(lines.prefix(height))
        }
        lines.append(hardestHeader(width: width, strings: s))
        let shown = Array(report.scenarios.prefix(max(0, height - 3)))
        lines += shown.map { hardestRow($0, width: width) }
        lines.append(ReportLine(DisplayWidth.truncate(s(.reportScenariosShown, ["shown": String(shown.count),
                                                                                "count": String(report.scenarios.count)]),
                                                         to: width), .muted))
        return Array(lines.prefix(height))
    }

    // MARK: Learners

    /// The learner table. The name comes last: it has no reliable column width in every script.
    public static func learnerTable(_ report: ClassReport, width: Int = 80, strings s: WorkshopStrings = .english) -> [ReportLine] {
        var lines = [ReportLine(s[.reportLearnersHeading], .heading)]
        if report.learners.isEmpty {
            lines.append(ReportLine(s[.reportNoLearners], .muted))
            return lines
        }
        let nameWidth = max(2, width - 56)
        lines.append(ReportLine(s[.reportLearnerColumns], .muted))
        for row in report.learners {
            var segments: [ReportLine.Segment] = []
            segments.append(ReportLine.Segment(DisplayWidth.padLeft("\(row.lessonsPassed)/\(row.lessonsStarted)", to: 6) + "  "))
            segments.append(ReportLine.Segment(DisplayWidth.padLeft(row.scorePercent.map(ScoreFormat.percent) ?? "–", to: 5),
                                               row.scorePercent.map { hitTone($0 / 100) } ?? .muted))
            segments.append(ReportLine.Segment("  "))
            segments.append(ReportLine.Segment(DisplayWidth.padLeft(row.hitRate.map(percent) ?? "–", to: 8),
                                               row.hitRate.map(hitTone) ?? .muted))
            segments.append(ReportLine.Segment("  "))
            segments.append(ReportLine.Segment(DisplayWidth.padLeft(row.falseAlarmRate.map(percent) ?? "–", to: 12),
                                               row.falseAlarmRate.map(falseAlarmTone) ?? .muted))
            segments.append(ReportLine.Segment("  "))
            segments.append(ReportLine.Segment(DisplayWidth.padLeft(String(row.unsafeChoices), to: 6),
                                               row.unsafeChoices > 0 ? .poor : .plain))
            segments.append(ReportLine.Segment("  " + DisplayWidth.padLeft(String(row.answers), to: 7) + "  "
                                               + DisplayWidth.truncate(row.name, to: nameWidth)))
            lines.append(ReportLine(segments))
        }
        return lines
    }

    /// The scenes each learner skipped after their content note, for the facilitator only (nothing when no one
    /// skipped; an anonymised report has no skips).
    public static func skippedScenes(_ report: ClassReport, width: Int = 80, strings s: WorkshopStrings = .english) -> [ReportLine] {
        let rows = report.learners.filter { !$0.skipped.isEmpty }
        guard !rows.isEmpty else { return [] }
        var lines = [ReportLine(s[.reportSkippedHeading], .heading)]
        lines += WordWrap.wrap(s[.reportSkippedNote], width: width)
            .map { ReportLine($0, .muted) }
        for row in rows {
            let scenes = row.skipped.map { $0.alternateID != nil ? s(.reportSkippedAlternate, ["title": $0.title]) : $0.title }
            let text = s(.reportSkippedLine, ["name": row.name, "scenes": scenes.joined(separator: s[.reportSkippedSeparator])])
            lines += WordWrap.wrap(text, width: width).enumerated().map { ReportLine(($0.offset == 0 ? "" : "  ") + $0.element) }
        }
        return lines
    }

    // MARK: The whole report

    /// A one-line summary of what the report covers.
    public static func title(_ report: ClassReport) -> String { title(report, strings: .english) }

    public static func title(_ report: ClassReport, strings s: WorkshopStrings) -> String {
        let text = report.filter.lessonID.map { s(.reportTitleLesson, ["lesson": $0]) } ?? s[.reportTitle]
        let learners = s.count(report.learners.count, one: .activeLearnersOne, many: .activeLearnersMany,
                               ["active": String(report.activeLearners)])
        let answers = s.count(report.answers, one: .answerOne, many: .answerMany)
        return s(.reportTitleLine, ["title": text, "learners": learners, "answers": answers])
    }

    /// The terminal report: title, learners, heat map, hardest questions. `sinceText` is the date
    /// filter as the facilitator typed it, if any.
    public static func full(_ report: ClassReport, width: Int = 80, sinceText: String? = nil,
                            strings s: WorkshopStrings = .english) -> [ReportLine] {
        var heading = title(report, strings: s)
        if let sinceText { heading = s(.reportSince, ["title": heading, "since": sinceText]) }
        var lines = [ReportLine(DisplayWidth.truncate(heading, to: width), .heading), ReportLine("")]
        lines += learnerTable(report, width: width, strings: s)
        lines.append(ReportLine(""))
        let skips = skippedScenes(report, width: width, strings: s)
        if !skips.isEmpty { lines += skips + [ReportLine("")] }
        lines += heatMap(report, width: width, strings: s)
        lines.append(ReportLine(""))
        lines += hardestQuestions(report, width: width, strings: s)
        return lines
    }

    // MARK: Pieces

    /// "42%" (rounded to the nearest whole percent).
    public static func percent(_ share: Double) -> String {
        let clamped = min(1, max(0, share))
        return "\(Int((clamped * 100).rounded()))%"
    }


    /// A 10-cell bar (█ filled, ░ empty) and the percentage, 15 columns in all; dots when there is no figure.
    static func bar(_ share: Double?, tone: ReportLine.Tone) -> [ReportLine.Segment] {
        guard let share else {
            return [ReportLine.Segment(String(repeating: "·", count: barCells) + " " + DisplayWidth.padLeft("–", to: 4), .muted)]
        }
        let clamped = min(1, max(0, share))
        let filled = Bar.filled(clamped, cells: barCells)
        return [
            ReportLine.Segment(String(repeating: "█", count: filled), tone),
            ReportLine.Segment(String(repeating: "░", count: barCells - filled), .muted),
            ReportLine.Segment(" " + DisplayWidth.padLeft(percent(clamped), to: 4), tone),
        ]
    }

    static func labelWidth(_ width: Int) -> Int { max(8, width - heatMapFigures) }

    public static func hitTone(_ rate: Double) -> ReportLine.Tone { rate >= 0.8 ? .good : rate >= 0.5 ? .fair : .poor }
    public static func falseAlarmTone(_ rate: Double) -> ReportLine.Tone { rate <= 0.1 ? .good : rate <= 0.3 ? .fair : .poor }
    public static func wrongTone(_ rate: Double) -> ReportLine.Tone { rate <= 0.15 ? .good : rate <= 0.35 ? .fair : .poor }
}
