import LookoutCore

/// Plain-text renderings of a ``Debrief`` and a ``Gain`` for the terminal (`lookout report --debrief`) and the
/// trainer's facilitator screen. Every line fits the given width; the meaning is in the text (marks, bars, numbers),
/// tones only add colour. Nothing here prints a learner's name unless the gain's rows carry one: pass
/// ``Gain/anonymised(_:)`` for a projector.
public enum DebriefText {
    /// The columns before an option's text: indent, mark, bar and share, count.
    static let optionPrefix = 2 + 6 + 1 + 15 + 1 + 3 + 2

    // MARK: The whole debrief

    /// Title, legend, hardest items, every item with its options, then the gain.
    public static func full(_ debrief: Debrief, gain: Gain?, width: Int = 80, hardestLimit: Int? = 10,
                            strings s: WorkshopStrings = .english) -> [ReportLine] {
        var lines = [ReportLine(DisplayWidth.truncate(title(debrief, strings: s), to: width), .heading)]
        if debrief.items.isEmpty {
            lines.append(ReportLine(DisplayWidth.truncate(s[.reportNoAnswers], to: width), .muted))
        } else {
            lines += legend(width: width, strings: s)
            lines.append(ReportLine(""))
            lines += hardest(debrief, width: width, limit: hardestLimit, strings: s)
            for item in debrief.items {
                lines.append(ReportLine(""))
                lines += itemLines(item, width: width, strings: s)
            }
        }
        if let gain {
            lines.append(ReportLine(""))
            lines += gainLines(gain, width: width, strings: s)
        }
        return lines
    }

    /// Title, the ranking of the `count` hardest items, then those items with their options (hardest first).
    public static func hardestOnly(_ debrief: Debrief, count: Int, width: Int = 80,
                                   strings s: WorkshopStrings = .english) -> [ReportLine] {
        var lines = [ReportLine(DisplayWidth.truncate(title(debrief, strings: s), to: width), .heading)]
        if debrief.items.isEmpty {
            lines.append(ReportLine(DisplayWidth.truncate(s[.reportNoAnswers], to: width), .muted))
            return lines
        }
        lines += legend(width: width, strings: s)
        lines.append(ReportLine(""))
        // Without the "… and N more items below" line: only these items follow.
        let more = String(s[.debriefMoreItems].prefix { $0 != "{" })
        lines += hardest(debrief, width: width, limit: count, strings: s).filter { more.isEmpty || !$0.text.hasPrefix(more) }
        for item in debrief.hardest.prefix(count) {
            lines.append(ReportLine(""))
            lines += itemLines(item, width: width, strings: s)
        }
        return lines
    }

    public static func title(_ debrief: Debrief) -> String { title(debrief, strings: .english) }

    public static func title(_ debrief: Debrief, strings s: WorkshopStrings) -> String {
        let text = debrief.filter.lessonID.map { s(.debriefTitleLesson, ["lesson": $0]) } ?? s[.debriefTitle]
        let learners = s.count(debrief.learners, one: .learnerOne, many: .learnerMany)
        let answers = s.count(debrief.firstAnswers, one: .firstAnswerOne, many: .firstAnswerMany)
        return s(.debriefTitleLine, ["title": text, "learners": learners, "answers": answers])
    }

    public static func legend(width: Int, strings s: WorkshopStrings = .english) -> [ReportLine] {
        WordWrap.wrap(s[.debriefLegend], width: width).map { ReportLine($0, .muted) }
    }

    // MARK: Hardest items

    /// The hardest items, ranked by the Wilson lower bound on the error rate, with n.
    public static func hardest(_ debrief: Debrief, width: Int = 80, limit: Int? = 10,
                               strings s: WorkshopStrings = .english) -> [ReportLine] {
        var lines = [ReportLine(DisplayWidth.truncate(s[.debriefHardestHeading], to: width), .heading)]
        if debrief.hardest.isEmpty {
            lines.append(ReportLine(s[.reportNoAnswers], .muted))
            return lines
        }
        let label = max(8, width - 23)
        lines.append(ReportLine(DisplayWidth.padLeft(s[.debriefRankColumn], to: 3) + "  "
                                + DisplayWidth.padLeft(s[.debriefWrongColumn], to: 5) + "  "
                                + DisplayWidth.padLeft(s[.debriefLowColumn], to: 4) + "  "
                                + DisplayWidth.padLeft(s[.debriefCountColumn], to: 3) + "  "
                                + DisplayWidth.truncate(s[.debriefItemColumn], to: label), .muted))
        let shown = limit.map { Array(debrief.hardest.prefix($0)) } ?? debrief.hardest
        for (rank, item) in shown.enumerated() {
            let tone = ClassReportText.wrongTone(item.errorLowerBound)
            lines.append(ReportLine([
                ReportLine.Segment(DisplayWidth.padLeft(String(rank + 1), to: 3) + "  "),
                ReportLine.Segment(DisplayWidth.padLeft(ClassReportText.percent(item.errorRate), to: 5), tone),
                ReportLine.Segment("  " + DisplayWidth.padLeft(ClassReportText.percent(item.errorLowerBound), to: 4) + "  "
                                   + DisplayWidth.padLeft(String(item.answers), to: 3) + "  "),
                ReportLine.Segment(DisplayWidth.truncate(itemLabel(item, strings: s), to: label)),
            ]))
        }
        if shown.count < debrief.hardest.count {
            lines.append(ReportLine(DisplayWidth.truncate(s(.debriefMoreItems, ["count": String(debrief.hardest.count - shown.count)]), to: width),
                                    .muted))
        }
        lines += WordWrap.wrap(s[.debriefHardestLegend], width: width).map { ReportLine($0, .muted) }
        return lines
    }

    static func itemLabel(_ item: Debrief.Item, strings s: WorkshopStrings = .english) -> String {
        s(.debriefItemLabel, ["scenario": item.scenarioTitle, "number": String(item.questionNumber), "prompt": item.prompt])
    }

    // MARK: One item

    /// The scenario's title, the question, one block per option (mark, bar, share, count, text, explanation).
    public static func itemLines(_ item: Debrief.Item, width: Int = 80, strings s: WorkshopStrings = .english) -> [ReportLine] {
        var lines: [ReportLine] = []
        let kind = item.trafficking ? s[.debriefTrafficking] : s[.debriefNoTrafficking]
        lines.append(ReportLine(DisplayWidth.truncate(s(.debriefItemTitle, ["title": item.scenarioTitle, "kind": kind]), to: width),
                                .heading))
        lines += WordWrap.wrap(s(.debriefQuestion, ["number": String(item.questionNumber), "prompt": item.prompt]),
                               width: width).map { ReportLine($0) }
        var facts = s(.debriefFacts, ["answers": String(item.answers), "errors": String(item.errors),
                                      "percent": ClassReportText.percent(item.errorRate)])
        if item.unsafeChoices > 0 { facts = s(.debriefFactsUnsafe, ["facts": facts, "count": String(item.unsafeChoices)]) }
        lines.append(ReportLine(DisplayWidth.truncate(facts, to: width), .muted))
        let textWidth = max(8, width - optionPrefix)
        let indent = String(repeating: " ", count: optionPrefix)
        for option in item.options {
            let tone = optionTone(option.role)
            let text = WordWrap.wrap(option.text, width: textWidth)
            var first: [ReportLine.Segment] = [ReportLine.Segment("  "),
                                               ReportLine.Segment(DisplayWidth.pad(mark(option.role, strings: s), to: 6), tone),
                                               ReportLine.Segment(" ")]
            first += ClassReportText.bar(option.share, tone: tone == .plain ? .muted : tone)
            first.append(ReportLine.Segment(" " + DisplayWidth.padLeft(String(option.chosen), to: 3) + "  "))
            first.append(ReportLine.Segment(text.first ?? ""))
            lines.append(ReportLine(first))
            for more in text.dropFirst() { lines.append(ReportLine(indent + more)) }
            if !option.explanation.isEmpty {
                for line in WordWrap.wrap(s(.debriefWhy, ["explanation": option.explanation]), width: textWidth) {
                    lines.append(ReportLine(indent + line, .muted))
                }
            }
        }
        return lines
    }

    public static func mark(_ role: Debrief.Role, strings s: WorkshopStrings = .english) -> String {
        switch role {
        case .trueSign: return s[.markSign]
        case .lookalike: return s[.markAlike]
        case .right: return s[.markRight]
        case .unsafe: return s[.markUnsafe]
        case .overReport: return s[.markOver]
        case .other: return ""
        }
    }

    static func optionTone(_ role: Debrief.Role) -> ReportLine.Tone {
        switch role {
        case .trueSign, .right: return .good
        case .lookalike, .overReport: return .fair
        case .unsafe: return .poor
        case .other: return .plain
        }
    }

    // MARK: Gain

    /// For each track with learners: the class sentences, the distribution of the change in d′, the learners.
    public static func gainLines(_ gain: Gain, width: Int = 80, strings s: WorkshopStrings = .english) -> [ReportLine] {
        var lines = [ReportLine(DisplayWidth.truncate(s[.gainHeading], to: width), .heading)]
        let tracks = gain.tracks.filter { !$0.learners.isEmpty }
        if tracks.isEmpty {
            lines += WordWrap.wrap(s[.gainNobody], width: width)
                .map { ReportLine($0, .muted) }
            return lines
        }
        for (index, track) in tracks.enumerated() {
            if index > 0 { lines.append(ReportLine("")) }
            lines += trackLines(track, width: width, strings: s)
        }
        return lines
    }

    public static func trackLines(_ track: Gain.TrackGain, width: Int = 80, strings s: WorkshopStrings = .english) -> [ReportLine] {
        var lines: [ReportLine] = []
        let learners = s.count(track.learners.count, one: .learnerOne, many: .learnerMany)
        lines += WordWrap.wrap(s(.gainTrackLine, ["intro": track.introTitle, "final": track.finalTitle,
                                                  "paired": String(track.paired), "learners": learners]),
                               width: width).map { ReportLine($0, .heading) }
        if let before = track.classBefore, let after = track.classAfter {
            for sentence in sentences(before: before, after: after, strings: s) {
                lines += WordWrap.wrap(s(.gainBullet, ["sentence": sentence]), width: width).map { ReportLine($0) }
            }
            lines += histogram(track.dPrimeChanges, width: width, strings: s)
        } else {
            lines += WordWrap.wrap(s[.gainNoPairs], width: width)
                .map { ReportLine($0, .muted) }
        }
        lines += learnerTable(track, width: width, strings: s)
        return lines
    }

    /// One plain sentence per figure: hit rate, false-alarm rate, d′, c, unsafe choices.
    public static func sentences(before: Gain.Figures, after: Gain.Figures, strings s: WorkshopStrings = .english) -> [String] {
        var result: [String] = []
        let b = before.detection, a = after.detection
        if let hb = b.hitRate, let ha = a.hitRate {
            let x = ClassReportText.percent(hb), y = ClassReportText.percent(ha)
            let verb = compare(hb, ha, x, y, more: s[.gainHitMore], fewer: s[.gainHitFewer], same: s[.gainHitSame])
            result.append(s(.gainHitLine, ["verb": verb, "before": x, "after": y]))
        } else {
            result.append(s[.gainHitNone])
        }
        if let fb = b.falseAlarmRate, let fa = a.falseAlarmRate {
            let x = ClassReportText.percent(fb), y = ClassReportText.percent(fa)
            let verb = compare(fb, fa, x, y, more: s[.gainFalseAlarmMore], fewer: s[.gainFalseAlarmFewer],
                               same: s[.gainFalseAlarmSame])
            result.append(s(.gainFalseAlarmLine, ["verb": verb, "before": x, "after": y]))
        } else {
            result.append(s[.gainFalseAlarmNone])
        }
        if let db = b.dPrime, let da = a.dPrime, let x = FigureFormat.decimal(db, digits: 2),
           let y = FigureFormat.decimal(da, digits: 2) {
            let verb = compare(db, da, x, y, more: s[.gainDPrimeMore], fewer: s[.gainDPrimeFewer], same: s[.gainDPrimeSame])
            result.append(s(.gainDPrimeLine, ["verb": verb, "before": x, "after": y]))
        } else {
            result.append(s[.gainDPrimeNone])
        }
        if let cb = b.criterion, let ca = a.criterion, let x = FigureFormat.decimal(cb, digits: 2),
           let y = FigureFormat.decimal(ca, digits: 2) {
            let verb = compare(cb, ca, x, y, more: s[.gainCriterionMore], fewer: s[.gainCriterionFewer],
                               same: s[.gainCriterionSame])
            result.append(s(.gainCriterionLine, ["verb": verb, "before": x, "after": y, "words": criterionChange(cb, ca)]))
        }
        let ub = before.unsafeChoices, ua = after.unsafeChoices
        let verb = ua < ub ? s[.gainUnsafeFewer] : ua > ub ? s[.gainUnsafeMore] : s[.gainUnsafeSame]
        result.append(s(.gainUnsafeLine, ["verb": verb, "before": String(ub), "beforeCount": String(before.actionAnswers),
                                          "after": String(ua), "afterCount": String(after.actionAnswers)]))
        return result.map { $0.prefix(1).uppercased() + $0.dropFirst() }
    }

    /// Which way the response criterion c moved, as printed (two decimals): "now balanced", "toward balanced" (closer
    /// to 0), "toward over-flagging" (further below 0), "toward missing signs" (further above 0), or "no change".
    /// A small c after a larger one is a move toward balanced, never "now missing signs" (field test A12).
    public static func criterionChange(_ before: Double, _ after: Double) -> String {
        let b = (before * 100).rounded() / 100, a = (after * 100).rounded() / 100
        if a == b { return "no change" }
        if abs(a) < abs(b) { return FigureFormat.criterionWords(after) == "balanced" ? "now balanced" : "toward balanced" }
        return a < b ? "toward over-flagging" : "toward missing signs"
    }

    /// Compares as printed, so that "more: 80% → 80%" never appears.
    static func compare(_ before: Double, _ after: Double, _ x: String, _ y: String, more: String, fewer: String,
                        same: String) -> String {
        if x == y { return same }
        return after > before ? more : fewer
    }

    /// The bins of the d′ histogram: [lower, upper), the first open below, the last open above.
    public static let histogramEdges: [Double] = [-1, -0.5, 0, 0.5, 1, 1.5]

    /// How many changes fall into each bin (one more bin than edges).
    public static func histogramCounts(_ changes: [Double]) -> [Int] {
        var counts = Array(repeating: 0, count: histogramEdges.count + 1)
        for value in changes where value.isFinite {
            let bin = histogramEdges.firstIndex { value < $0 } ?? histogramEdges.count
            counts[bin] += 1
        }
        return counts
    }

    public static func histogram(_ changes: [Double], width: Int = 80, strings s: WorkshopStrings = .english) -> [ReportLine] {
        guard !changes.isEmpty else {
            return [ReportLine(DisplayWidth.truncate(s[.gainHistogramNone], to: width), .muted)]
        }
        let learners = s.count(changes.count, one: .learnerOne, many: .learnerMany)
        var lines = [ReportLine(DisplayWidth.truncate(s(.gainHistogramTitle, ["learners": learners]), to: width), .muted)]
        let counts = histogramCounts(changes)
        let room = max(1, width - 14 - 5)
        let largest = counts.max() ?? 1
        for (bin, count) in counts.enumerated() {
            let label: String
            func f(_ v: Double) -> String { FigureFormat.decimal(v, digits: 1) ?? "" }
            if bin == 0 {
                label = s(.gainHistogramBelow, ["value": f(histogramEdges[0])])
            } else if bin == histogramEdges.count {
                label = s(.gainHistogramAbove, ["value": f(histogramEdges[bin - 1])])
            } else {
                label = s(.gainHistogramBin, ["lower": f(histogramEdges[bin - 1]), "upper": f(histogramEdges[bin])])
            }
            let cells = largest > room ? Int((Double(count) / Double(largest) * Double(room)).rounded(.up)) : count
            let tone: ReportLine.Tone = bin < 3 ? .poor : .good
            var segments = [ReportLine.Segment(DisplayWidth.padLeft(label, to: 12) + " │")]
            if count > 0 {
                segments.append(ReportLine.Segment(String(repeating: "█", count: cells), tone))
                segments.append(ReportLine.Segment(" \(count)"))
            }
            lines.append(ReportLine(segments))
        }
        return lines
    }

    /// Per learner: hit rate, false alarms, d′ and unsafe choices before → after; the name comes last.
    public static func learnerTable(_ track: Gain.TrackGain, width: Int = 80, strings s: WorkshopStrings = .english) -> [ReportLine] {
        var lines = [ReportLine(s[.gainLearnerColumns], .muted)]
        let nameWidth = max(2, width - 50)
        for row in track.learners {
            func pair(_ f: (Gain.Figures) -> String?) -> String {
                (row.before.flatMap(f) ?? "–") + " → " + (row.after.flatMap(f) ?? "–")
            }
            let hit = pair { $0.detection.hitRate.map(ClassReportText.percent) }
            let fa = pair { $0.detection.falseAlarmRate.map(ClassReportText.percent) }
            let d = pair { FigureFormat.decimal($0.detection.dPrime, digits: 2) }
            let unsafe = pair { String($0.unsafeChoices) }
            lines.append(ReportLine(DisplayWidth.pad(hit, to: 11) + "  " + DisplayWidth.pad(fa, to: 12) + "  "
                                    + DisplayWidth.pad(d, to: 12) + "  " + DisplayWidth.pad(unsafe, to: 6) + "  "
                                    + DisplayWidth.truncate(row.name, to: nameWidth)))
        }
        return lines
    }
}

/// Projector mode: every learner becomes "Learner 1", "Learner 2", … numbered in the order of their ids (random
/// UUIDs, so the numbers tell nothing about the names), the same number in every part of a report.
public struct Anonymity: Sendable, Hashable {
    public private(set) var numbers: [String: Int] = [:]

    public init(learnerIDs: [String]) {
        for (index, id) in Set(learnerIDs).sorted().enumerated() { numbers[id] = index + 1 }
    }

    public func label(_ learnerID: String, strings s: WorkshopStrings = .english) -> String {
        s(.anonymousLearner, ["n": String(numbers[learnerID] ?? 0)])
    }
    public func id(_ learnerID: String) -> String { "learner-\(numbers[learnerID] ?? 0)" }
    func order(_ a: String, _ b: String) -> Bool { (numbers[a] ?? 0, a) < (numbers[b] ?? 0, b) }
}

extension Gain {
    /// The same figures with names and learner ids replaced (see ``Anonymity``), rows in the anonymous order.
    public func anonymised(_ anonymity: Anonymity, strings s: WorkshopStrings = .english) -> Gain {
        var copy = self
        for t in copy.tracks.indices {
            copy.tracks[t].learners = copy.tracks[t].learners
                .sorted { anonymity.order($0.learnerID, $1.learnerID) }
                .map { row in
                    var row = row
                    row.name = anonymity.label(row.learnerID, strings: s)
                    row.learnerID = anonymity.id(row.learnerID)
                    return row
                }
        }
        return copy
    }
}

extension ClassReport {
    /// The same report with names and learner ids replaced (see ``Anonymity``), learner rows in the anonymous order.
    public func anonymised(_ anonymity: Anonymity, strings s: WorkshopStrings = .english) -> ClassReport {
        var copy = self
        copy.learners = learners.sorted { anonymity.order($0.learnerID, $1.learnerID) }.map { row in
            var row = row
            row.name = anonymity.label(row.learnerID, strings: s)
            row.learnerID = anonymity.id(row.learnerID)
            row.skipped = []        // a skip is never shown where classmates may see it
            return row
        }
        return copy
    }
}
