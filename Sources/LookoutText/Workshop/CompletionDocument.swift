import LookoutCore

/// The printable forms of a ``CompletionRecord``: plain text and a self-contained HTML page.
public struct CompletionDocument: Sendable, Hashable {
    public var record: CompletionRecord
    /// The date passed as it should be printed (the caller knows the time zone), e.g. "2026-11-29".
    public var dateText: String
    /// The bank's region line, e.g. "Banteay Meanchey, Cambodia"; nil to leave it out.
    public var region: String?
    /// The organisation issuing the record, e.g. a hotel's name; nil to leave it out.
    public var organisation: String?

    /// The words of the record.
    public var strings: WorkshopStrings

    public init(record: CompletionRecord, dateText: String, region: String?, organisation: String?,
                strings: WorkshopStrings = .english) {
        self.strings = strings
        self.record = record
        self.dateText = dateText
        self.region = region
        self.organisation = organisation
    }

    var disclaimer: String { strings[.certificateDisclaimer] }

    var fingerprintNote: String { strings[.certificateFingerprintNote] }

    var fields: [(label: String, value: String)] {
        let s = strings
        var list: [(String, String)] = [
            (s[.certificateName], record.learnerName),
            (s[.certificateLesson], s(.certificateLessonValue, ["title": record.lessonTitle, "id": record.lessonID])),
            (s[.certificateScore], record.scoreText),
            (s[.certificatePassMark], s(.certificatePassMarkValue, ["passMark": String(record.passMark)])),
            (s[.certificateAttempts], record.firstAttemptScorePercent.map {
                s(.certificateAttemptsFirst, ["attempts": String(record.attempts), "score": ScoreFormat.percent($0)])
            } ?? String(record.attempts)),
            (s[.certificateDatePassed], dateText),
        ]
        if let region { list.append((s[.certificateRegion], region)) }
        if let organisation { list.append((s[.certificateIssuedBy], organisation)) }
        list.append((s[.certificateFingerprint], record.fingerprint.short))
        return list
    }

    /// Plain text, lines of at most 78 columns (except a long name or title), ending in a newline.
    public var text: String {
        let title = strings[.certificateTitle]
        var lines = [title.uppercased(), String(repeating: "=", count: title.count), ""]
        let labelWidth = fields.map { DisplayWidth.width(of: $0.label) }.max() ?? 0
        for field in fields {
            lines.append(DisplayWidth.padRight(field.label + ":", to: labelWidth + 3) + oneLine(field.value))
        }
        lines.append("")
        lines += WordWrap.wrap(fingerprintNote, width: 78)
        lines.append("")
        lines += WordWrap.wrap(disclaimer, width: 78)
        return lines.joined(separator: "\n") + "\n"
    }

    /// A self-contained, printable HTML page. Everything from the bank, the store or the command line
    /// is escaped.
    public var html: String {
        var rows = ""
        for field in fields {
            let valueClass = field.label == strings[.certificateFingerprint] ? " class=\"fingerprint\"" : ""
            rows += "      <tr><th scope=\"row\">\(HTMLText.escape(field.label))</th><td\(valueClass)>\(HTMLText.escape(field.value))</td></tr>\n"
        }
        return """
            <!DOCTYPE html>
            <html lang="\(HTMLText.escape(strings.language))">
            <head>
            <meta charset="utf-8">
            <title>\(HTMLText.escape(strings(.certificateHTMLTitle, ["name": record.learnerName, "lesson": record.lessonTitle])))</title>
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
            <h1>\(HTMLText.escape(strings[.certificateHeading]))</h1>
            <table>
            <tbody>
            \(rows)</tbody>
            </table>
            <p>\(HTMLText.escape(fingerprintNote)) \(HTMLText.escape(strings[.certificateFullFingerprint])) <span class="fingerprint">\(HTMLText.escape(record.fingerprint.hex))</span>.</p>
            <p>\(HTMLText.escape(disclaimer))</p>
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
