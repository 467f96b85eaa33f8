import Foundation
import LookoutCore
import LookoutText

extension Report {
    /// `report --debrief`: the debrief as a table (every question, hardest items, gain), csv (one row per option) or
    /// json. The debrief itself holds no names; the gain's rows are anonymised by the caller with `--anonymous`.
    func debriefText(bank: Bank, learners: [Learner], events: [AnswerEvent], filter: ClassReportFilter,
                     gain: Gain) throws -> StyledText {
        let debrief = Debrief.make(bank: bank, learners: learners, events: events, filter: filter)
        switch format {
        case .table:
            // --hardest N: the title and the N hardest questions with their options, for a 10-minute debrief.
            var lines = hardest.map { DebriefText.hardestOnly(debrief, count: $0, width: width) }
                ?? DebriefText.full(debrief, gain: gain, width: width, hardestLimit: 10)
            if let since { lines[0] = ReportLine(DisplayWidth.truncate(lines[0].text + ", since \(since)", to: width), .heading) }
            return Workshop.render(lines, colour: out == nil && Workshop.stdoutWantsColour())
        case .csv:
            return StyledText(table == .gain ? GainCSV.make(gain, byteOrderMark: bom) : DebriefCSV.make(debrief, byteOrderMark: bom))
        case .json:
            return StyledText(try DebriefJSON.make(debrief, gain: gain, since: since, anonymous: anonymous,
                                                   generatedAt: Workshop.utcNow()))
        }
    }
}

/// The debrief as CSV: one row per option of every question answered.
enum DebriefCSV {
    static func make(_ debrief: Debrief, byteOrderMark: Bool) -> String {
        var csv = CSVWriter(byteOrderMark: byteOrderMark)
        var rank: [String: Int] = [:]
        for (i, item) in debrief.hardest.enumerated() { rank[item.scenarioID + "\u{1F}" + item.questionID] = i + 1 }
        csv.header(["hardest_rank", "scenario_id", "scenario_title", "trafficking", "question_id", "question_number",
                    "kind", "prompt", "answers", "errors", "error_rate", "error_lower_bound", "unsafe_choices",
                    "option_id", "option_text", "role", "chosen", "share", "explanation"])
        for item in debrief.items {
            for option in item.options {
                csv.record([.raw(String(rank[item.scenarioID + "\u{1F}" + item.questionID] ?? 0)), .raw(item.scenarioID),
                            .text(item.scenarioTitle), .raw(item.trafficking ? "true" : "false"), .raw(item.questionID),
                            .raw(String(item.questionNumber)), .raw(item.kind.rawValue), .text(item.prompt),
                            .raw(String(item.answers)), .raw(String(item.errors)),
                            .raw(ReportCSV.number(item.errorRate)), .raw(ReportCSV.number(item.errorLowerBound)),
                            .raw(String(item.unsafeChoices)), .raw(option.optionID), .text(option.text),
                            .raw(option.role.rawValue), .raw(String(option.chosen)), .raw(ReportCSV.number(option.share)),
                            .text(option.explanation)])
            }
        }
        return csv.output
    }
}

/// The gain as CSV: one row per learner and track, then one `class` row per track (the paired learners pooled).
enum GainCSV {
    static func make(_ gain: Gain, byteOrderMark: Bool) -> String {
        var csv = CSVWriter(byteOrderMark: byteOrderMark)
        var header = ["audience", "intro_lesson", "final_lesson", "row", "learner_id", "name"]
        for side in ["before", "after"] {
            header += ["hit_rate", "false_alarm_rate", "d_prime", "criterion", "hits", "misses", "false_alarms",
                       "correct_rejections", "unsafe_choices", "action_answers"].map { side + "_" + $0 }
        }
        csv.header(header)
        func figures(_ f: Gain.Figures?) -> [CSVWriter.Field] {
            guard let f else { return Array(repeating: .raw(""), count: 10) }
            let d = f.detection
            return [.raw(ReportCSV.number(d.hitRate)), .raw(ReportCSV.number(d.falseAlarmRate)),
                    .raw(ReportCSV.number(d.dPrime)), .raw(ReportCSV.number(d.criterion)), .raw(String(d.hits)),
                    .raw(String(d.misses)), .raw(String(d.falseAlarms)), .raw(String(d.correctRejections)),
                    .raw(String(f.unsafeChoices)), .raw(String(f.actionAnswers))]
        }
        for track in gain.tracks {
            let lead: [CSVWriter.Field] = [.raw(track.audience), .raw(track.introLessonID), .raw(track.finalLessonID)]
            for row in track.learners {
                csv.record(lead + [.raw("learner"), .raw(row.learnerID), .text(row.name)] + figures(row.before)
                           + figures(row.after))
            }
            if track.paired > 0 {
                csv.record(lead + [.raw("class"), .raw(""), .raw("")] + figures(track.classBefore) + figures(track.classAfter))
            }
        }
        return csv.output
    }
}

/// The debrief as JSON (`format: lookout-debrief`, schema in README.md, "The debrief").
enum DebriefJSON {
    struct Document: Encodable {
        var format = "lookout-debrief"
        var version = 1
        var generatedAt: String
        var lesson: String?
        var since: String?
        var anonymous: Bool
        var learners: Int
        var firstAnswers: Int
        var hardest: [Ranked]
        var items: [Debrief.Item]
        var gain: Gain

        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(format, forKey: .format)
            try c.encode(version, forKey: .version)
            try c.encode(generatedAt, forKey: .generatedAt)
            try c.encode(lesson, forKey: .lesson)
            try c.encode(since, forKey: .since)
            try c.encode(anonymous, forKey: .anonymous)
            try c.encode(learners, forKey: .learners)
            try c.encode(firstAnswers, forKey: .firstAnswers)
            try c.encode(hardest, forKey: .hardest)
            try c.encode(items, forKey: .items)
            try c.encode(gain, forKey: .gain)
        }
        enum CodingKeys: String, CodingKey {
            case format, version, generatedAt, lesson, since, anonymous, learners, firstAnswers, hardest, items, gain
        }
    }

    struct Ranked: Encodable {
        var rank: Int
        var scenarioID: String
        var questionID: String
        var answers: Int
        var errors: Int
        var errorRate: Double
        var errorLowerBound: Double
    }

    static func make(_ debrief: Debrief, gain: Gain, since: String?, anonymous: Bool, generatedAt: String) throws -> String {
        let document = Document(
            generatedAt: generatedAt, lesson: debrief.filter.lessonID, since: since, anonymous: anonymous,
            learners: debrief.learners, firstAnswers: debrief.firstAnswers,
            hardest: debrief.hardest.enumerated().map { i, item in
                Ranked(rank: i + 1, scenarioID: item.scenarioID, questionID: item.questionID, answers: item.answers,
                       errors: item.errors, errorRate: item.errorRate, errorLowerBound: item.errorLowerBound)
            },
            items: debrief.items, gain: gain)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(document), as: UTF8.self) + "\n"
    }
}
