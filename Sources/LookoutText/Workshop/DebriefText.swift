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
    public static func full(_ debrief: Debrief, gain: Gain?, width: Int = 80, hardestLimit: Int? = 10) -> [ReportLine] {
        var lines = [ReportLine(DisplayWidth.truncate(title(debrief), to: width), .heading)]
        if debrief.items.isEmpty {
            lines.append(ReportLine(DisplayWidth.truncate("No answers yet.", to: width), .muted))
        } else {
            lines += legend(width: width)
            lines.append(ReportLine(""))
            lines += hardest(debrief, width: width, limit: hardestLimit)
            for item in debrief.items {
                lines.append(ReportLine(""))
                lines += itemLines(item, width: width)
            }
        }
        if let gain {
            lines.append(ReportLine(""))
            lines += gainLines(gain, width: width)
        }
        return lines
    }

    public static func title(_ debrief: Debrief) -> String {
        var text = "Debrief"
        if let lesson = debrief.filter.lessonID { text += ", lesson \(lesson)" }
        let learners = "\(debrief.learners) learner\(debrief.learners == 1 ? "" : "s")"
        let answers = "\(debrief.firstAnswers) first answer\(debrief.firstAnswers == 1 ? "" : "s")"
        return text + ": \(learners), \(answers)"
    }

    public static func legend(width: Int) -> [ReportLine] {
        WordWrap.wrap("SIGN a true warning sign · ALIKE a look-alike, not a sign · RIGHT the right answer · "
                             + "UNSAFE an unsafe action. Bars: the share of first answers that ticked or chose the option.",
                             width: width).map { ReportLine($0, .muted) }
    }

    // MARK: Hardest items

    /// The hardest items, ranked by the Wilson lower bound on the error rate, with n.
    public static func hardest(_ debrief: Debrief, width: Int = 80, limit: Int? = 10) -> [ReportLine] {
        var lines = [ReportLine(DisplayWidth.truncate("Hardest items (first answers, by the 95% Wilson lower bound of the error rate)", to: width), .heading)]
        if debrief.hardest.isEmpty {
            lines.append(ReportLine("No answers yet.", .muted))
            return lines
        }
        let label = max(8, width - 23)
        lines.append(ReportLine(DisplayWidth.padLeft("#", to: 3) + "  " + DisplayWidth.padLeft("WRONG", to: 5) + "  "
                                + DisplayWidth.padLeft("LOW", to: 4) + "  " + DisplayWidth.padLeft("N", to: 3) + "  "
                                + DisplayWidth.truncate("SCENARIO · QUESTION", to: label), .muted))
        let shown = limit.map { Array(debrief.hardest.prefix($0)) } ?? debrief.hardest
        for (rank, item) in shown.enumerated() {
            let tone = ClassReportText.wrongTone(item.errorLowerBound)
            lines.append(ReportLine([
                ReportLine.Segment(DisplayWidth.padLeft(String(rank + 1), to: 3) + "  "),
                ReportLine.Segment(DisplayWidth.padLeft(ClassReportText.percent(item.errorRate), to: 5), tone),
                ReportLine.Segment("  " + DisplayWidth.padLeft(ClassReportText.percent(item.errorLowerBound), to: 4) + "  "
                                   + DisplayWidth.padLeft(String(item.answers), to: 3) + "  "),
                ReportLine.Segment(DisplayWidth.truncate(itemLabel(item), to: label)),
            ]))
        }
        if shown.count < debrief.hardest.count {
            lines.append(ReportLine(DisplayWidth.truncate("… and \(debrief.hardest.count - shown.count) more items below", to: width), .muted))
        }
        lines += WordWrap.wrap("WRONG: first answers not fully right. LOW: the error rate is at least this, "
                                      + "with 95% confidence, so items few people answered rank lower. N: learners.",
                                      width: width).map { ReportLine($0, .muted) }
        return lines
    }

    static func itemLabel(_ item: Debrief.Item) -> String {
        "\(item.scenarioTitle) · Q\(item.questionNumber) \(item.prompt)"
    }

    // MARK: One item

    /// The scenario's title, the question, one block per option (mark, bar, share, count, text, explanation).
    public static func itemLines(_ item: Debrief.Item, width: Int = 80) -> [ReportLine] {
        var lines: [ReportLine] = []
        let kind = item.trafficking ? "trafficking" : "no trafficking"
        lines.append(ReportLine(DisplayWidth.truncate("\(item.scenarioTitle) (\(kind))", to: width), .heading))
        lines += WordWrap.wrap("Q\(item.questionNumber) \(item.prompt)", width: width).map { ReportLine($0) }
        var facts = "n = \(item.answers) · \(item.errors) not fully right (\(ClassReportText.percent(item.errorRate)))"
        if item.unsafeChoices > 0 { facts += " · \(item.unsafeChoices) unsafe" }
        lines.append(ReportLine(DisplayWidth.truncate(facts, to: width), .muted))
        let textWidth = max(8, width - optionPrefix)
        let indent = String(repeating: " ", count: optionPrefix)
        for option in item.options {
            let tone = optionTone(option.role)
            let text = WordWrap.wrap(option.text, width: textWidth)
            var first: [ReportLine.Segment] = [ReportLine.Segment("  "),
                                               ReportLine.Segment(DisplayWidth.pad(mark(option.role), to: 6), tone),
                                               ReportLine.Segment(" ")]
            first += ClassReportText.bar(option.share, tone: tone == .plain ? .muted : tone)
            first.append(ReportLine.Segment(" " + DisplayWidth.padLeft(String(option.chosen), to: 3) + "  "))
            first.append(ReportLine.Segment(text.first ?? ""))
            lines.append(ReportLine(first))
            for more in text.dropFirst() { lines.append(ReportLine(indent + more)) }
            if !option.explanation.isEmpty {
                for line in WordWrap.wrap("why: " + option.explanation, width: textWidth) {
                    lines.append(ReportLine(indent + line, .muted))
                }
            }
        }
        return lines
    }

    public static func mark(_ role: Debrief.Role) -> String {
        switch role {
        case .trueSign: return "SIGN"
        case .lookalike: return "ALIKE"
        case .right: return "RIGHT"
        case .unsafe: return "UNSAFE"
        case .other: return ""
        }
    }

    static func optionTone(_ role: Debrief.Role) -> ReportLine.Tone {
        switch role {
        case .trueSign, .right: return .good
        case .lookalike: return .fair
        case .unsafe: return .poor
        case .other: return .plain
        }
    }

    // MARK: Gain

    /// For each track with learners: the class sentences, the distribution of the change in d′, the learners.
    public static func gainLines(_ gain: Gain, width: Int = 80) -> [ReportLine] {
        var lines = [ReportLine(DisplayWidth.truncate("Gain, first lesson to final", to: width), .heading)]
        let tracks = gain.tracks.filter { !$0.learners.isEmpty }
        if tracks.isEmpty {
            lines += WordWrap.wrap("Nobody has done the first lesson or the final of a track yet.", width: width)
                .map { ReportLine($0, .muted) }
            return lines
        }
        for (index, track) in tracks.enumerated() {
            if index > 0 { lines.append(ReportLine("")) }
            lines += trackLines(track, width: width)
        }
        return lines
    }

    public static func trackLines(_ track: Gain.TrackGain, width: Int = 80) -> [ReportLine] {
        var lines: [ReportLine] = []
        lines += WordWrap.wrap("\(track.introTitle) → \(track.finalTitle): \(track.paired) of "
                                      + "\(track.learners.count) learner\(track.learners.count == 1 ? "" : "s") did both",
                                      width: width).map { ReportLine($0, .heading) }
        if let before = track.classBefore, let after = track.classAfter {
            for sentence in sentences(before: before, after: after) {
                lines += WordWrap.wrap("• " + sentence, width: width).map { ReportLine($0) }
            }
            lines += histogram(track.dPrimeChanges, width: width)
        } else {
            lines += WordWrap.wrap("No learner has done both yet, so there is no change to show.", width: width)
                .map { ReportLine($0, .muted) }
        }
        lines += learnerTable(track, width: width)
        return lines
    }

    /// One plain sentence per figure: hit rate, false-alarm rate, d′, c, unsafe choices.
    public static func sentences(before: Gain.Figures, after: Gain.Figures) -> [String] {
        var result: [String] = []
        let b = before.detection, a = after.detection
        if let hb = b.hitRate, let ha = a.hitRate {
            let x = ClassReportText.percent(hb), y = ClassReportText.percent(ha)
            let verb = compare(hb, ha, x, y, more: "spotted more true warning signs", fewer: "spotted fewer true warning signs",
                               same: "spotted as many true warning signs")
            result.append("\(verb): \(x) → \(y)")
        } else {
            result.append("Hit rate: no true warning signs were shown on both sides.")
        }
        if let fb = b.falseAlarmRate, let fa = a.falseAlarmRate {
            let x = ClassReportText.percent(fb), y = ClassReportText.percent(fa)
            let verb = compare(fb, fa, x, y, more: "flagged more ordinary situations", fewer: "flagged fewer ordinary situations",
                               same: "flagged as many ordinary situations")
            result.append("\(verb): \(x) → \(y)")
        } else {
            result.append("False alarms: no look-alikes were shown on both sides.")
        }
        if let db = b.dPrime, let da = a.dPrime, let x = FigureFormat.decimal(db, digits: 2),
           let y = FigureFormat.decimal(da, digits: 2) {
            let verb = compare(db, da, x, y, more: "told signs from look-alikes better",
                               fewer: "told signs from look-alikes less well", same: "told signs from look-alikes as well")
            result.append("\(verb): d′ \(x) → \(y)")
        } else {
            result.append("d′ (telling signs from look-alikes): too few answers on one side (it needs 5 decisions).")
        }
        if let cb = b.criterion, let ca = a.criterion, let x = FigureFormat.decimal(cb, digits: 2),
           let y = FigureFormat.decimal(ca, digits: 2) {
            let verb = compare(cb, ca, x, y, more: "waited for clearer signs before flagging",
                               fewer: "flagged more readily", same: "flagged as readily")
            result.append("\(verb): c \(x) → \(y), now \(FigureFormat.criterionWords(ca))")
        }
        let ub = before.unsafeChoices, ua = after.unsafeChoices
        let verb = ua < ub ? "chose unsafe actions less often" : ua > ub ? "chose unsafe actions more often"
            : "chose unsafe actions as often"
        result.append("\(verb): \(ub) of \(before.actionAnswers) → \(ua) of \(after.actionAnswers)")
        return result.map { $0.prefix(1).uppercased() + $0.dropFirst() }
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

    public static func histogram(_ changes: [Double], width: Int = 80) -> [ReportLine] {
        guard !changes.isEmpty else {
            return [ReportLine(DisplayWidth.truncate("Change in d′ per learner: too few answers to show.", to: width), .muted)]
        }
        var lines = [ReportLine(DisplayWidth.truncate("Change in d′ per learner (\(changes.count) learner\(changes.count == 1 ? "" : "s"); right of 0 is better)", to: width), .muted)]
        let counts = histogramCounts(changes)
        let room = max(1, width - 14 - 5)
        let largest = counts.max() ?? 1
        for (bin, count) in counts.enumerated() {
            let label: String
            func f(_ v: Double) -> String { FigureFormat.decimal(v, digits: 1) ?? "" }
            if bin == 0 {
                label = "below \(f(histogramEdges[0]))"
            } else if bin == histogramEdges.count {
                label = "\(f(histogramEdges[bin - 1])) or more"
            } else {
                label = "\(f(histogramEdges[bin - 1])) to \(f(histogramEdges[bin]))"
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
    public static func learnerTable(_ track: Gain.TrackGain, width: Int = 80) -> [ReportLine] {
        var lines = [ReportLine("HIT RATE     FALSE ALARMS  d′            UNSAFE  NAME", .muted)]
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

    public func label(_ learnerID: String) -> String { "Learner \(numbers[learnerID] ?? 0)" }
    public func id(_ learnerID: String) -> String { "learner-\(numbers[learnerID] ?? 0)" }
    func order(_ a: String, _ b: String) -> Bool { (numbers[a] ?? 0, a) < (numbers[b] ?? 0, b) }
}

extension Gain {
    /// The same figures with names and learner ids replaced (see ``Anonymity``), rows in the anonymous order.
    public func anonymised(_ anonymity: Anonymity) -> Gain {
        var copy = self
        for t in copy.tracks.indices {
            copy.tracks[t].learners = copy.tracks[t].learners
                .sorted { anonymity.order($0.learnerID, $1.learnerID) }
                .map { row in
                    var row = row
                    row.name = anonymity.label(row.learnerID)
                    row.learnerID = anonymity.id(row.learnerID)
                    return row
                }
        }
        return copy
    }
}

extension ClassReport {
    /// The same report with names and learner ids replaced (see ``Anonymity``), learner rows in the anonymous order.
    public func anonymised(_ anonymity: Anonymity) -> ClassReport {
        var copy = self
        copy.learners = learners.sorted { anonymity.order($0.learnerID, $1.learnerID) }.map { row in
            var row = row
            row.name = anonymity.label(row.learnerID)
            row.learnerID = anonymity.id(row.learnerID)
            return row
        }
        return copy
    }
}
