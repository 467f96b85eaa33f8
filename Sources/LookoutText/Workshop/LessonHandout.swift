import LookoutCore

/// A printable HTML page of one lesson: every scene's story, questions and options, then after a page break the
/// answers and explanations. Self-contained (styles inline, no scripts, no links to load, no images), every text from
/// the bank HTML-escaped; A4 when printed. Browsers shape Khmer correctly, so this is the dependable way to give a
/// Khmer-first group the lessons, and lets a Khmer-speaking reviewer read every translation in one place.
public enum LessonHandout {
    /// The page for `lesson`, in `language` (`en`, or a language with translations; each scene without a current
    /// translation stays English and says so; a draft translation says it is a draft).
    ///
    /// The options of every question are shuffled from `seed` (``options(_:scenarioID:seed:)``), so paper copies
    /// have no fixed answer position; the answer key uses the same order and letters, and the page prints the seed
    /// (`lookout handout --seed N` prints the same order again).
    public static func html(bank original: Bank, lesson: Lesson, language: UILanguage, seed: UInt64) -> String {
        let text = language.strings
        let bank = original.localized(to: language.rawValue)
        let scenarios = bank.scenarios(of: lesson)
        func e(_ s: String) -> String { HTMLText.escape(s) }
        func paragraphs(_ s: String, indent: String = "") -> String {
            s.split(separator: "\n", omittingEmptySubsequences: true)
                .map { "\(indent)<p>\(e(String($0)))</p>" }.joined(separator: "\n")
        }
        func notice(_ scenario: Scenario) -> String? {
            switch bank.translationState(of: scenario.id, language: language.rawValue) {
            case .missing, .stale: return text[.englishFallbackNotice]
            case .draft: return text[.draftTranslationNotice]
            case .reviewed, .original: return nil
            }
        }
        func letter(_ i: Int) -> String { String(UnicodeScalar(UInt8(ascii: "a") + UInt8(i % 26))) }

        var body: [String] = []
        body.append("<h1>\(e(text(.handoutTitle, ["lesson": lesson.title])))</h1>")
        if language.isDraft { body.append("<p class=\"notice\">\(e(text[.draftTranslationNotice]))</p>") }
        if let description = lesson.description { body.append(paragraphs(description)) }
        body.append("<p class=\"intro\">\(e(text[.handoutIntro]))</p>")
        body.append("<p class=\"seed\">\(e(text(.handoutSeed, ["seed": String(seed)])))</p>")
        for (n, scenario) in scenarios.enumerated() {
            body.append("<section class=\"scene\">")
            body.append("<h2>\(n + 1). \(e(scenario.title))</h2>")
            if let note = notice(scenario) { body.append("<p class=\"notice\">\(e(note))</p>") }
            if let note = scenario.contentNote {
                body.append("<p class=\"content-note\">\(e(text(.contentNoteIntro, ["note": note])))</p>")
            }
            body.append(paragraphs(scenario.story))
            for (q, question) in scenario.questions.enumerated() {
                let hint = question.kind == .multi ? text[.handoutMultiHint] : text[.questionSingleHint]
                body.append("<h3>\(e(text(.questionCounter, ["number": String(q + 1), "count": String(scenario.questions.count)])))</h3>")
                body.append("<p class=\"ask\">\(e(question.prompt)) <span class=\"hint\">\(e(hint))</span></p>")
                body.append("<ol class=\"options \(question.kind == .multi ? "multi" : "single")\">")
                for (i, option) in options(question, scenarioID: scenario.id, seed: seed).enumerated() {
                    body.append("<li><span class=\"box\">\(question.kind == .multi ? "☐" : "○")</span> \(letter(i))) \(e(option.text))</li>")
                }
                body.append("</ol>")
            }
            body.append("</section>")
        }
        body.append("<section class=\"answers\">")
        body.append("<h1>\(e(text[.handoutAnswersTitle]))</h1>")
        for (n, scenario) in scenarios.enumerated() {
            body.append("<h2>\(n + 1). \(e(scenario.title))</h2>")
            for (q, question) in scenario.questions.enumerated() {
                body.append("<h3>\(e(text(.questionCounter, ["number": String(q + 1), "count": String(scenario.questions.count)])))</h3>")
                body.append("<ul class=\"key\">")
                for (i, option) in options(question, scenarioID: scenario.id, seed: seed).enumerated() {
                    var verdict: String
                    if question.kind == .multi {
                        verdict = option.isCorrect ? text[.handoutIsSign] : text[.handoutNotSign]
                    } else {
                        verdict = option.isCorrect ? text[.verdictMissedRight] : text[.verdictOtherWrong]
                        if option.action?.isUnsafe == true { verdict += ", " + text[.unsafeTag] }
                    }
                    var line = "<li class=\"\(option.isCorrect ? "right" : "other")\"><strong>\(letter(i))) \(e(verdict))</strong>: \(e(option.text))"
                    line += "<br><span class=\"why\">\(e(option.feedback))</span>"
                    for id in option.indicators {
                        if let indicator = bank.indicator(id) {
                            line += "<br><span class=\"sign\">\(e(text(.feedbackSign, ["title": indicator.title, "explanation": indicator.explanation])))</span>"
                        }
                    }
                    body.append(line + "</li>")
                }
                body.append("</ul>")
            }
        }
        body.append("<p class=\"footer\">\(e(text(.handoutPrinted, ["id": lesson.id])))</p>")
        body.append("<p class=\"seed\">\(e(text(.handoutSeed, ["seed": String(seed)])))</p>")
        body.append("</section>")

        return """
            <!DOCTYPE html>
            <html lang="\(language.rawValue)">
            <head>
            <meta charset="utf-8">
            <title>\(e(text(.handoutTitle, ["lesson": lesson.title])))</title>
            <style>
              @page { size: A4; margin: 18mm 16mm; }
              body { font-family: "Noto Sans Khmer", "Khmer OS System", "Khmer OS", "Leelawadee UI", "Noto Sans", Arial, sans-serif; font-size: 11.5pt; line-height: 1.6; max-width: 44em; margin: 2em auto; color: #000; }
              h1 { font-size: 1.5em; border-bottom: 2px solid #000; padding-bottom: 0.2em; }
              h2 { font-size: 1.2em; margin-top: 1.6em; }
              h3 { font-size: 1em; margin: 1em 0 0.3em; }
              .scene { break-inside: auto; }
              .notice, .content-note { border: 1px solid #000; padding: 0.3em 0.6em; font-size: 0.95em; }
              .hint { font-style: italic; }
              ol.options { list-style: none; padding-left: 1em; }
              ol.options li { margin: 0.3em 0; }
              .box { display: inline-block; width: 1.4em; }
              .answers { break-before: page; page-break-before: always; }
              ul.key { padding-left: 1.2em; }
              ul.key li { margin: 0.5em 0; }
              .why, .sign { font-size: 0.95em; }
              .footer { margin-top: 2em; font-size: 0.9em; }
              .seed { font-size: 0.85em; }
              @media print { body { margin: 0; max-width: none; } }
            </style>
            </head>
            <body>
            \(body.joined(separator: "\n"))
            </body>
            </html>

            """
    }

    /// The options of a question in the order a handout printed with `seed` shows them (the trainer's shuffle,
    /// ``AttemptOrder/shuffled(_:seed:)``, seeded by the handout's seed, the scene and the question).
    public static func options(_ question: Question, scenarioID: String, seed: UInt64) -> [AnswerOption] {
        AttemptOrder.shuffled(question.options, seed: AttemptOrder.stableHash("handout:\(seed)/\(scenarioID)/\(question.id)"))
    }
}
