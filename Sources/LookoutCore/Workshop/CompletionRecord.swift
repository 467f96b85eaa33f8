/// Proof that a learner passed a lesson: the data of a printable certificate.
public struct CompletionRecord: Sendable, Hashable, Codable {
    public var learnerID: String
    public var learnerName: String
    public var lessonID: String
    public var lessonTitle: String
    /// The score of the first passing attempt, 0...100.
    public var scorePercent: Double
    public var passMark: Int
    /// When the first passing attempt ended (its last counted answer), milliseconds since 1970.
    public var passedAt: Int64
    /// The id of that attempt (nil for answers given outside a recorded attempt).
    public var attemptID: String?
    /// Attempts with answers, passing or not.
    public var attempts: Int
    /// The score of the first attempt with answers (nil in records made before it was kept).
    public var firstAttemptScorePercent: Double?
    public var fingerprint: LessonFingerprint

    /// The score as printed: whole percent, rounded down, so a printed score is never above the real one.
    public var scoreText: String { ScoreFormat.percent(scorePercent) }
}

/// Why there is no completion record.
public enum CompletionRefusal: Error, Sendable, Hashable, CustomStringConvertible {
    case notStarted(learner: String, lessonID: String)
    case notFinished(learner: String, lessonID: String, percentAnswered: Double)
    case notPassed(learner: String, lessonID: String, bestScorePercent: Double?, passMark: Int)
    case changedSincePassed(learner: String, lessonID: String)
    /// The latest finished attempt missed the pass rule for these reasons (``PassRule/reasons``).
    case ruleNotMet(learner: String, lessonID: String, reasons: [String])

    public var description: String {
        switch self {
        case .notStarted(let learner, let lesson):
            return "\(learner) has not started lesson '\(lesson)' (at its current version), so there is no completion record"
        case .notFinished(let learner, let lesson, let percent):
            return "\(learner) has not finished lesson '\(lesson)' yet (\(ScoreFormat.percent(percent)) of its questions answered), so there is no completion record"
        case .notPassed(let learner, let lesson, let best, let passMark):
            let score = best.map { "best score \(ScoreFormat.percent($0))" } ?? "no finished attempt"
            return "\(learner) has not passed lesson '\(lesson)' (\(score); pass mark \(passMark)%), so there is no completion record"
        case .ruleNotMet(let learner, let lesson, let reasons):
            return "\(learner) has not passed lesson '\(lesson)': \(reasons.joined(separator: "; ")), so there is no completion record"
        case .changedSincePassed(let learner, let lesson):
            return "\(learner) passed lesson '\(lesson)' before some of its scenarios were changed, and has not passed the current version, so there is no completion record for it; the lesson must be done again"
        }
    }
}

public enum Completion {
    /// The record of the learner's first passing attempt of `lesson`, or why there is none. Uses the same
    /// rules as ``ProgressEngine/progress(bank:events:policy:)``: only answers at the scenarios' current
    /// revs count, and an attempt passes when it is finished and its score reaches the pass mark.
    /// Pass that learner's events only.
    public static func record(learner: Learner, lesson: Lesson, bank: Bank, events: [AnswerEvent],
                              policy: ScoringPolicy = .standard) -> Result<CompletionRecord, CompletionRefusal> {
        let split = ProgressEngine.partition(bank: bank, events: events)
        let counted = split.counted
        var order: [String?] = []
        var groups: [String?: [AnswerEvent]] = [:]
        for item in counted where item.event.lessonID == lesson.id {
            if groups[item.event.attemptID] == nil { order.append(item.event.attemptID) }
            groups[item.event.attemptID, default: []].append(item.event)
        }
        var attempts = 0
        var firstScore: Double?
        var first: (result: LessonResult, key: String?, end: Int64, events: [AnswerEvent])?
        for key in order {
            let group = groups[key] ?? []
            let result = LessonScoring.result(lesson: lesson, bank: bank, events: group, policy: policy)
            guard result.answeredQuestions > 0 else { continue }
            attempts += 1
            if firstScore == nil { firstScore = result.scorePercent }
            if first == nil, result.passed, ProgressEngine.isFinished(lesson: lesson, bank: bank, attemptID: key, events: group) {
                first = (result, key, group.map(\.time).max() ?? 0, group)
            }
        }
        if let first {
            return .success(CompletionRecord(
                learnerID: learner.id, learnerName: learner.name, lessonID: lesson.id, lessonTitle: lesson.title,
                scorePercent: first.result.scorePercent, passMark: lesson.passMark, passedAt: first.end,
                attemptID: first.key, attempts: attempts, firstAttemptScorePercent: firstScore,
                // The lesson as this attempt answered it (only answers at the current revs count, so this is also the
                // lesson as it is now).
                fingerprint: LessonFingerprint.of(lesson: lesson, answered: first.events)))
        }
        let progress = ProgressEngine.lessonProgress(lesson, bank: bank, counted: counted, policy: policy)
        if let stale = split.staleByLesson[lesson.id],
           ProgressEngine.passedBeforeChange(lesson, bank: bank, current: counted.filter { $0.event.lessonID == lesson.id }.map(\.event),
                                             stale: stale, policy: policy) {
            return .failure(.changedSincePassed(learner: learner.name, lessonID: lesson.id))
        }
        switch progress.status {
        case .new, .passed:
            return .failure(.notStarted(learner: learner.name, lessonID: lesson.id))
        case .inProgress(let percent):
            return .failure(.notFinished(learner: learner.name, lessonID: lesson.id, percentAnswered: percent))
        case .changedSincePassed:
            return .failure(.changedSincePassed(learner: learner.name, lessonID: lesson.id))
        case .failed:
            if let latest = progress.latest, !latest.shortfalls.isEmpty {
                return .failure(.ruleNotMet(learner: learner.name, lessonID: lesson.id,
                                            reasons: PassRule.reasons(latest.shortfalls, signsPercent: latest.signsPercent,
                                                                      actionsPercent: latest.actionsPercent, passMark: lesson.passMark)))
            }
            return .failure(.notPassed(learner: learner.name, lessonID: lesson.id,
                                       bestScorePercent: progress.bestScorePercent, passMark: lesson.passMark))
        }
    }
}

/// The printable forms of a ``CompletionRecord``: plain text and a self-contained HTML page.
public struct CompletionDocument: Sendable, Hashable {
    public var record: CompletionRecord
    /// The date passed as it should be printed (the caller knows the time zone), e.g. "2026-11-29".
    public var dateText: String
    /// The bank's region line, e.g. "Banteay Meanchey, Cambodia"; nil to leave it out.
    public var region: String?
    /// The organisation issuing the record, e.g. a hotel's name; nil to leave it out.
    public var organisation: String?

    public init(record: CompletionRecord, dateText: String, region: String?, organisation: String?) {
        self.record = record
        self.dateText = dateText
        self.region = region
        self.organisation = organisation
    }

    static let disclaimer = "This record was produced by Lookout, an offline training program on the warning signs of human trafficking. It shows that the learner passed the lesson's scenarios at the pass mark; it is not a professional qualification."

    static let fingerprintNote = "The fingerprint is computed from the lesson's id, its pass mark and its scenarios' ids and versions. The same lesson content always gives the same fingerprint; a different one means the lesson was changed."

    var fields: [(label: String, value: String)] {
        var list: [(String, String)] = [
            ("Name", record.learnerName),
            ("Lesson", "\(record.lessonTitle) (\(record.lessonID))"),
            ("Score", record.scoreText),
            ("Pass mark", "\(record.passMark)%"),
            ("Attempts", "\(record.attempts)" + (record.firstAttemptScorePercent.map { " (first attempt: \(ScoreFormat.percent($0)))" } ?? "")),
            ("Date passed", dateText),
        ]
        if let region { list.append(("Region", region)) }
        if let organisation { list.append(("Issued by", organisation)) }
        list.append(("Lesson fingerprint", record.fingerprint.short))
        return list
    }

    /// Plain text, lines of at most 78 columns (except a long name or title), ending in a newline.
    public var text: String {
        let title = "Lookout: record of completion"
        var lines = [title.uppercased(), String(repeating: "=", count: title.count), ""]
        let labelWidth = fields.map(\.label.count).max() ?? 0
        for field in fields {
            lines.append(field.label + ":" + String(repeating: " ", count: labelWidth - field.label.count + 2)
                         + oneLine(field.value))
        }
        lines.append("")
        lines += ClassReportText.wrap(Self.fingerprintNote, width: 78)
        lines.append("")
        lines += ClassReportText.wrap(Self.disclaimer, width: 78)
        return lines.joined(separator: "\n") + "\n"
    }

    /// A self-contained, printable HTML page. Everything from the bank, the store or the command line
    /// is escaped.
    public var html: String {
        var rows = ""
        for field in fields {
            let valueClass = field.label == "Lesson fingerprint" ? " class=\"fingerprint\"" : ""
            rows += "      <tr><th scope=\"row\">\(HTMLText.escape(field.label))</th><td\(valueClass)>\(HTMLText.escape(field.value))</td></tr>\n"
        }
        return """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <title>Record of completion: \(HTMLText.escape(record.learnerName)), \(HTMLText.escape(record.lessonTitle))</title>
            <style>
              body { font-family: "Noto Sans", "Noto Sans Khmer", Arial, sans-serif; max-width: 42em; margin: 3em auto; color: #000; }
              h1 { font-size: 1.6em; border-bottom: 2px solid #000; padding-bottom: 0.3em; }
              table { border-collapse: collapse; margin: 1.5em 0; }
              th { text-align: left; padding: 0.35em 1.5em 0.35em 0; vertical-align: top; }
              td { padding: 0.35em 0; }
              .fingerprint { font-family: "DejaVu Sans Mono", monospace; letter-spacing: 0.05em; }
              p { font-size: 0.9em; }
              @media print { body { margin: 1.5cm; } }
            </style>
            </head>
            <body>
            <h1>Record of completion</h1>
            <table>
            <tbody>
            \(rows)</tbody>
            </table>
            <p>\(HTMLText.escape(Self.fingerprintNote)) Full fingerprint: <span class="fingerprint">\(HTMLText.escape(record.fingerprint.hex))</span>.</p>
            <p>\(HTMLText.escape(Self.disclaimer))</p>
            </body>
            </html>

            """
    }

    private func oneLine(_ s: String) -> String {
        String(s.map { $0.isNewline ? " " : $0 })
    }
}

public enum HTMLText {
    /// Escapes `&`, `<`, `>`, `"` and `'`, so the text is safe in element content and in quoted attributes.
    public static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
