import LookoutCore
import LookoutText

/// Builds the HTML of every page. Every text from the bank, the catalog or a learner goes through
/// ``HTMLText/escape(_:)`` (the one escaping path, shared with the handout) by way of ``e(_:)``.
/// Pages are plain forms and links: nothing needs JavaScript.
struct Pages {
    /// The catalog of the language shown.
    var strings: UIStrings
    var language: UILanguage
    /// The browser session's form token and the state counter forms carry (see ``Browsers``).
    var csrf: String
    var rev: Int
    /// True when the request came from this laptop (127.0.0.1): the facilitator link shows only then.
    var local: Bool
    /// True with `--lan`: the learner list is never shown over the network.
    var lan: Bool

    func e(_ text: String) -> String { HTMLText.escape(text) }

    /// A catalog text, escaped.
    func c(_ key: UIText, _ values: [String: String] = [:]) -> String { e(strings(key, values)) }

    /// A serve-only text, escaped, marked `lang="en"` when it fell back to English on a Khmer page.
    func s(_ key: ServeText, _ values: [String: String] = [:]) -> String {
        let (text, english) = key.text(language)
        let filled = e(UIStrings.fill(text, values))
        return english ? "<span lang=\"en\">\(filled)</span>" : filled
    }

    /// A short catalog hint ("submit", "continue") as a button label: first letter upper case in English.
    func label(_ key: UIText) -> String {
        let text = strings[key]
        guard language == .english, let first = text.first else { return e(text) }
        return e(first.uppercased() + text.dropFirst())
    }

    /// Paragraphs of bank text.
    func paragraphs(_ text: String, lang: String? = nil) -> String {
        let attribute = lang.map { " lang=\"\($0)\"" } ?? ""
        return text.split(separator: "\n", omittingEmptySubsequences: true)
            .map { "<p\(attribute)>\(e(String($0)))</p>" }.joined(separator: "\n")
    }

    /// A form that posts one action with the session's token and state counter.
    func form(_ action: String, _ fields: [(String, String)] = [], button: String, style: String = "",
              target: String = "/act", inner: String = "") -> String {
        var html = "<form method=\"post\" action=\"\(e(target))\" class=\"inline\">"
        html += hidden("csrf", csrf) + hidden("rev", String(rev)) + hidden("do", action)
        for (name, value) in fields { html += hidden(name, value) }
        html += inner
        html += "<button type=\"submit\"\(style.isEmpty ? "" : " class=\"\(style)\"")>\(button)</button></form>"
        return html
    }

    func hidden(_ name: String, _ value: String) -> String {
        "<input type=\"hidden\" name=\"\(e(name))\" value=\"\(e(value))\">"
    }

    // MARK: The frame

    /// A whole page: `lang` on `<html>`, the stylesheet and the (optional) script from Lookout itself, and the
    /// quick-exit link first on the page.
    func page(title: String, body: String, notice: String? = nil, quickExit: Bool = true) -> String {
        var top = ""
        if quickExit {
            top = "<header class=\"bar\"><a class=\"quick-exit\" id=\"quick-exit\" href=\"/exit\">\(s(.quickExit))</a>"
            top += "<nav><a href=\"/help\">\(label(.hintHelp))</a> <a href=\"/support\">\(label(.hintSupport))</a></nav></header>"
        }
        var draft = ""
        if language.isDraft { draft = "<p class=\"draft\">\(c(.draftTranslationNotice))</p>" }
        let alert = notice.map { "<p class=\"notice\" role=\"alert\">\($0)</p>" } ?? ""
        return """
            <!DOCTYPE html>
            <html lang="\(language.rawValue)">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta name="referrer" content="no-referrer">
            <title>\(e(title))</title>
            <link rel="stylesheet" href="/style.css">
            <script src="/lookout.js" defer></script>
            </head>
            <body>
            \(top)
            <main>
            \(draft)\(alert)
            \(body)
            </main>
            </body>
            </html>

            """
    }

    // MARK: Learners

    func start(learners: [Learner], notice: String?) -> String {
        var body = "<h1>\(c(.learnersTitle))</h1>"
        if !lan, !learners.isEmpty {
            body += "<p>\(c(.learnersNote))</p><ul class=\"choices\">"
            for learner in learners {
                body += "<li>" + form("select", [("id", learner.id)], button: e(learner.name), style: "choice") + "</li>"
            }
            body += "</ul>"
        }
        body += "<h2>\(lan ? s(.enterName) : c(.newLearnerTitle))</h2>"
        var inner = "<p><label for=\"name\">\(c(.newLearnerPrompt))</label><br>"
        inner += "<input type=\"text\" id=\"name\" name=\"name\" maxlength=\"80\" autocomplete=\"off\" required></p>"
        inner += "<p><label for=\"pin\">\(c(.newLearnerPINPrompt))</label><br>"
        inner += "<input type=\"password\" id=\"pin\" name=\"pin\" maxlength=\"64\" autocomplete=\"off\"></p>"
        inner += "<p class=\"note\">\(c(.newLearnerPINNote))</p>"
        body += form("create", button: label(.hintContinue), style: "primary", inner: inner)
        body += "<p class=\"note\">\(c(.newLearnerNote))</p>"
        body += languageSwitch()
        return page(title: strings[.learnersTitle], body: body, notice: notice)
    }

    func nameTaken(_ learner: Learner) -> String {
        var body = "<h1>\(c(.nameTakenTitle))</h1><p>\(c(.nameTakenQuestion, ["name": learner.name]))</p>"
        body += "<div class=\"row\">" + form("confirm", button: c(.nameTakenYes), style: "primary") + " "
        body += form("cancel", button: c(.nameTakenNo)) + "</div>"
        return page(title: strings[.nameTakenTitle], body: body)
    }

    func unlock(_ learner: Learner, notice: String?) -> String {
        var body = "<h1>\(c(.learnerPINTitle, ["name": learner.name]))</h1>"
        var inner = "<p><label for=\"pin\">\(c(.learnerPINPrompt))</label><br>"
        inner += "<input type=\"password\" id=\"pin\" name=\"pin\" maxlength=\"64\" autocomplete=\"off\" autofocus></p>"
        body += form("pin", button: label(.hintContinue), style: "primary", inner: inner)
        body += "<div class=\"row\">" + form("cancel", button: label(.hintBack)) + "</div>"
        body += "<p class=\"note\">\(c(.learnerPINNote))</p>"
        return page(title: strings(.learnerPINTitle, ["name": learner.name]), body: body, notice: notice)
    }

    // MARK: Menu

    func menu(session: TrainingSession, tracks: [Track], notice: String?) -> String {
        var body = "<h1>\(c(.tracksGreeting, ["name": session.learner?.name ?? ""]))</h1><ul class=\"choices\">"
        for track in tracks {
            body += "<li><a class=\"choice\" href=\"/track/\(Self.slug(track))\">\(c(track.textKey))</a></li>"
        }
        body += "<li><a class=\"choice\" href=\"/progress\">\(c(.menuProgress))</a></li>"
        if local { body += "<li><a class=\"choice\" href=\"/facilitator\">\(c(.menuFacilitator))</a></li>" }
        body += "</ul>"
        body += languageSwitch()
        body += "<div class=\"row\">" + form("switch", button: c(.menuSwitchLearner)) + "</div>"
        return page(title: strings[.tracksTitle], body: body, notice: notice)
    }

    func languageSwitch() -> String {
        let other = language.other
        let name = strings.name(of: other)
        let mark = other == .khmer ? " lang=\"km\"" : " lang=\"en\""
        return "<div class=\"row language\">" + form("language", [("lang", other.rawValue)], button: "<span\(mark)>\(e(name))</span>")
            + "</div>"
    }

    static func slug(_ track: Track) -> String {
        switch track {
        case .police: return "police"
        case .school: return "school"
        case .hospitality: return "hospitality"
        case .mixed: return "mixed"
        }
    }

    static func track(slug: String) -> Track? { Track.allCases.first { Self.slug($0) == slug } }

    func lessons(session: TrainingSession, track: Track, notice: String?) -> String {
        let bank = session.bank
        let lessons = bank.lessons.filter { $0.audience == track.audience }
        var body = "<h1>\(c(.lessonsTitle, ["track": strings[track.textKey]]))</h1>"
        if lessons.isEmpty { body += "<p>\(c(.lessonsNone))</p>" }
        body += "<ul class=\"lessons\">"
        for lesson in lessons {
            body += "<li><h2>\(e(lesson.title))</h2>"
            body += "<p class=\"status\">\(e(session.status(of: lesson).words(strings))). \(c(.lessonPassMark, ["passMark": String(lesson.passMark)]))</p>"
            if let description = lesson.description { body += paragraphs(description) }
            if let resumable = session.resumableAttempt(of: lesson) {
                let total = bank.scenarios(of: lesson).reduce(0) { $0 + $1.questions.count }
                body += "<p>\(c(.statusResume, ["answered": String(resumable.answered), "total": String(total)]))</p>"
                body += "<div class=\"row\">" + form("start", [("lesson", lesson.id), ("track", Self.slug(track))], button: s(.resumeLesson), style: "primary")
                body += " " + form("restart", [("lesson", lesson.id), ("track", Self.slug(track))], button: s(.restartLesson)) + "</div>"
            } else {
                body += "<div class=\"row\">" + form("start", [("lesson", lesson.id), ("track", Self.slug(track))], button: s(.startLesson), style: "primary") + "</div>"
            }
            body += "</li>"
        }
        body += "</ul>"
        body += "<h2>\(c(.reviewMenuItem))</h2><p>\(c(.reviewDescription))</p>"
        body += "<div class=\"row\">" + form("review", [("track", Self.slug(track))], button: c(.reviewMenuItem)) + "</div>"
        body += "<p><a href=\"/\">\(label(.hintBack))</a></p>"
        return page(title: strings(.lessonsTitle, ["track": strings[track.textKey]]), body: body, notice: notice)
    }

    // MARK: A lesson

    /// `lang="en"` on a scene that has no current translation in the language shown.
    func sceneLanguage(_ session: TrainingSession, _ scenario: Scenario) -> (lang: String?, notice: String?) {
        guard language != .english else { return (nil, nil) }
        switch session.bank.translationState(of: scenario.id, language: language.rawValue) {
        case .missing, .stale: return ("en", strings[.englishFallbackNotice])
        case .draft: return (nil, strings[.draftTranslationNotice])
        case .reviewed, .original: return (nil, nil)
        }
    }

    func leaveForm() -> String { "<div class=\"row leave\">" + form("leave", button: label(.hintLeave)) + "</div>" }

    func contentNote(session: TrainingSession, scenario: Scenario) -> String {
        let (lang, _) = sceneLanguage(session, scenario)
        let attribute = lang.map { " lang=\"\($0)\"" } ?? ""
        var body = "<h1>\(c(.contentNoteTitle))</h1>"
        body += "<p class=\"content-note\"\(attribute)>\(e(scenario.contentNote ?? ""))</p>"
        body += "<p>\(c(.contentNoteSkipCounts))</p>"
        body += "<div class=\"row\">" + form("continue", [("scene", scenario.id)], button: c(.contentNoteContinue), style: "primary") + "</div>"
        body += "<div class=\"row\">" + form("skip", [("scene", scenario.id)], button: c(.contentNoteSkip)) + "</div>"
        body += leaveForm()
        return page(title: strings[.contentNoteTitle], body: body)
    }

    func question(session: TrainingSession, scenario: Scenario, index: Int, question: Question, notice: String?) -> String {
        let (lang, translationNotice) = sceneLanguage(session, scenario)
        let attribute = lang.map { " lang=\"\($0)\"" } ?? ""
        let title = session.isRepeat ? strings(.scenarioAgain, ["title": scenario.title]) : scenario.title
        var body = "<article class=\"scene\"\(attribute)><h1>\(e(title))</h1>"
        if let translationNotice { body += "<p class=\"draft\" lang=\"\(language.rawValue)\">\(e(translationNotice))</p>" }
        if session.isRepeat { body += "<p class=\"note\" lang=\"\(language.rawValue)\">\(c(.questionRepeatNote))</p>" }
        if session.run?.lesson.kind.isAssessment == true && session.review == nil {
            body += "<p class=\"note\" lang=\"\(language.rawValue)\">\(c(.finalFeedbackHeld))</p>"
        }
        body += "<div class=\"story\">\(paragraphs(scenario.story))</div>"
        body += "<p class=\"counter\" lang=\"\(language.rawValue)\">\(c(.questionCounter, ["number": String(index + 1), "count": String(scenario.questions.count)]))</p>"
        let multi = question.kind == .multi
        var inner = "<fieldset><legend>\(e(question.prompt))</legend>"
        inner += "<p class=\"hint\" lang=\"\(language.rawValue)\">\(multi ? e(strings[.handoutMultiHint]) : c(.questionSingleHint))</p>"
        for (i, option) in session.options(of: question).enumerated() {
            let id = "o\(i)"
            inner += "<p class=\"option\"><input type=\"\(multi ? "checkbox" : "radio")\" name=\"opt\" id=\"\(id)\" value=\"\(e(option.id))\">"
            inner += " <label for=\"\(id)\">\(e(option.text))</label></p>"
        }
        inner += "</fieldset>"
        body += form("submit", [("scene", scenario.id), ("q", question.id)], button: "<span lang=\"\(language.rawValue)\">\(label(.hintSubmit))</span>",
                     style: "primary", inner: inner)
        body += "</article>"
        if session.isRepeat { body += "<div class=\"row\">" + form("moveon", [("scene", scenario.id)], button: label(.hintMoveOn)) + "</div>" }
        body += leaveForm()
        return page(title: scenario.title, body: body, notice: notice)
    }

    func feedback(session: TrainingSession, scenario: Scenario, index: Int, question: Question,
                  result: QuestionResult, chosen: Set<String>) -> String {
        var body = "<h1>\(c(.feedbackCounter, ["number": String(index + 1), "count": String(scenario.questions.count)]))</h1>"
        body += feedbackList(session: session, scenario: scenario, question: question, result: result, chosen: chosen,
                             order: session.options(of: question))
        body += "<div class=\"row\">" + form("next", [("scene", scenario.id), ("q", question.id)], button: label(.hintContinue), style: "primary") + "</div>"
        body += leaveForm()
        return page(title: strings[.feedbackTitle], body: body)
    }

    /// The verdict on one answer and on each of its options, with the reasons: after each question, or (a final holds
    /// its feedback back) for every question on the summary.
    func feedbackList(session: TrainingSession, scenario: Scenario, question: Question, result: QuestionResult,
                      chosen: Set<String>, order: [AnswerOption]) -> String {
        let (lang, _) = sceneLanguage(session, scenario)
        let attribute = lang.map { " lang=\"\($0)\"" } ?? ""
        var body = "<p class=\"verdict\">\(e(FeedbackBuilder.summary(of: result, strings: strings)))</p>"
        body += "<p class=\"prompt\"\(attribute)>\(e(question.prompt))</p><ul class=\"feedback\">"
        for item in FeedbackBuilder.items(for: question, result: result, chosen: chosen, bank: session.bank, order: order) {
            let tone = item.verdict.isRight ? "right" : "wrong"
            var line = "<li class=\"\(tone)\"><strong>\(e(item.verdict.words(strings)))"
            if item.isUnsafe { line += " (\(c(.unsafeTag)))" }
            line += "</strong>: <span\(attribute)>\(e(item.option.text))</span>"
            line += "<span class=\"why\"\(attribute)>\(e(item.option.feedback))</span>"
            for indicator in item.indicators where item.option.isCorrect {
                line += "<span class=\"sign\">\(c(.feedbackSign, ["title": indicator.title, "explanation": indicator.explanation]))</span>"
            }
            body += line + "</li>"
        }
        body += "</ul>"
        if !result.falseAlarms.isEmpty { body += "<p class=\"note\">\(c(.feedbackOverflagged))</p>" }
        return body
    }

    func summary(session: TrainingSession, result: LessonResult) -> String {
        let bank = session.bank
        let lessonTitle = bank.lesson(result.lessonID)?.title ?? session.run?.lesson.title ?? result.lessonID
        let final = session.run.map { $0.lesson.kind.isAssessment && session.review == nil } ?? false
        var body = "<h1>\(c(.summaryTitle, ["lesson": lessonTitle]))</h1><ul class=\"summary\">"
        // The verdict and the two parts that decide it, from the one pass rule (no combined score: it decides nothing).
        body += "<li><strong>\(e(result.verdictLine(strings)))</strong></li>"
        body += "<li>\(e(result.decidesLine(strings, final: final)))</li>"
        body += "<li>\(c(.summaryCounts, ["hits": String(result.hits), "misses": String(result.misses), "falseAlarms": String(result.falseAlarms)]))</li>"
        body += "<li>\(c(.summaryUnsafe, ["count": String(result.unsafeChoices)]))</li></ul>"
        let reasons = result.shortfallWords(strings)
        if !reasons.isEmpty { body += "<ul>" + reasons.map { "<li>\(e($0))</li>" }.joined() + "</ul>" }
        if !result.missedIndicators.isEmpty {
            body += "<h2>\(c(.summaryMissedTitle))</h2><ul>" + result.missedIndicators.map { "<li>\(e(bank.indicator($0)?.title ?? $0))</li>" }.joined() + "</ul>"
        }
        if !result.overflaggedIndicators.isEmpty {
            body += "<h2>\(c(.summaryOverflaggedTitle))</h2><ul>" + result.overflaggedIndicators.map { "<li>\(e(bank.indicator($0)?.title ?? $0))</li>" }.joined() + "</ul>"
        }
        if session.review != nil {
            let moved = session.reviewMovement()
            body += "<p>\(c(moved.isEmpty ? .reviewNoneMoved : .reviewMovedTitle))</p><ul>"
            for m in moved {
                var line = strings(.reviewMovedLine, ["title": m.title, "before": String(ScoreFormat.whole(m.before * 100)),
                                                      "after": String(ScoreFormat.whole(m.after * 100))])
                if m.masteredAfter { line += " (" + strings[.reviewMastered] + ")" }
                body += "<li>\(e(line))</li>"
            }
            body += "</ul>"
        }
        if final, let run = session.run {
            // A final held its feedback back until now: every question, with the verdict on each option.
            for answer in FinalFeedback.firstAnswers(run: run, bank: bank) {
                body += "<section class=\"final-feedback\"><h2>\(e(answer.scenario.title))</h2>"
                body += feedbackList(session: session, scenario: answer.scenario, question: answer.question, result: answer.result,
                                     chosen: answer.chosen, order: answer.order)
                body += "</section>"
            }
        }
        body += "<div class=\"row\">" + form("close", button: label(.hintDone), style: "primary") + "</div>"
        return page(title: strings(.summaryTitle, ["lesson": lessonTitle]), body: body)
    }

    // MARK: Progress, support, help

    func progress(session: TrainingSession) -> String {
        var body = "<h1>\(c(.progressTitle))</h1>"
        if let progress = session.progress {
            let passed = progress.lessons.filter { $0.status == .passed }.count
            body += "<p>\(c(.progressLessons, ["passed": String(passed), "total": String(progress.lessons.count)]))</p>"
            let cov = progress.coverage
            body += "<p>\(c(.progressCoverage, ["seen": String(cov.scenariosSeen), "total": String(cov.scenariosTotal), "mastered": String(cov.indicatorsMastered), "indicators": String(cov.indicatorsTotal)]))</p>"
            let met = progress.indicators.filter { $0.observations > 0 }
            if met.isEmpty {
                body += "<p>\(c(.progressNoAnswers))</p>"
            } else {
                body += "<h2>\(c(.progressIndicatorsTitle))</h2><ul>"
                for indicator in met {
                    let title = session.bank.indicator(indicator.indicatorID)?.title ?? indicator.indicatorID
                    body += "<li>\(c(.plainIndicatorLine, ["percent": String(ScoreFormat.whole(indicator.pKnown * 100)), "mastered": indicator.mastered ? strings[.progressMastered] + " " : "", "title": title]))</li>"
                }
                body += "</ul>"
            }
            if progress.unsafeChoices > 0 { body += "<p>\(c(.progressUnsafe, ["count": String(progress.unsafeChoices)]))</p>" }
        } else {
            body += "<p>\(c(.progressNoAnswers))</p>"
        }
        body += "<p><a href=\"/\">\(label(.hintBack))</a></p>"
        return page(title: strings[.progressTitle], body: body)
    }

    func support(region: Region?) -> String {
        guard let region else {
            let body = "<h1>\(c(.supportTitleNoRegion))</h1><p>\(c(.supportNoRegion))</p><p><strong>\(c(.supportNeverConfront))</strong></p><p><a href=\"/\">\(label(.hintBack))</a></p>"
            return page(title: strings[.supportTitleNoRegion], body: body)
        }
        let lang = region.language.flatMap { $0 == language.rawValue ? nil : $0 }
        let attribute = lang.map { " lang=\"\(e($0))\"" } ?? ""
        var body = "<h1>\(c(.supportTitle, ["region": region.name]))</h1>"
        body += "<p><strong>\(c(.supportNeverConfront))</strong></p>"
        if let note = region.note { body += "<div\(attribute)>\(paragraphs(note))</div>" }
        body += "<ul class=\"support\">"
        for entry in region.entries {
            var line = "<li\(entry.status == .unverified ? " class=\"unverified\"" : "")><span\(attribute)>"
            if let number = entry.number {
                line += "<strong>\(e(entry.name))</strong>: <span class=\"number\">\(e(number))</span>"
            } else {
                line += "<strong>\(e(entry.name))</strong>"
            }
            if let contact = entry.contact { line += " (\(e(contact)))" }
            line += "</span>"
            if let purpose = entry.purpose { line += "<br><span\(attribute)>\(e(purpose))</span>" }
            if entry.status == .unverified {
                line += "<br><strong class=\"warning\">\(c(.supportUnverified, ["date": entry.lastVerified.description]))</strong>"
            } else {
                line += "<br>\(c(.supportLastVerified, ["date": entry.lastVerified.description]))"
            }
            body += line + "</li>"
        }
        body += "</ul><p><a href=\"/\">\(label(.hintBack))</a></p>"
        return page(title: strings(.supportTitle, ["region": region.name]), body: body)
    }

    func help() -> String {
        var body = "<h1>\(c(.plainHelpTitle))</h1><ul>"
        for key: ServeText in [.helpWeb1, .helpWeb2, .helpWeb3, .helpWeb4, .noScript] { body += "<li>\(s(key))</li>" }
        body += "<li>\(c(.helpSaved))</li></ul>"
        body += "<p><a href=\"/\">\(label(.hintBack))</a></p>"
        return page(title: strings[.plainHelpTitle], body: body)
    }

    // MARK: Messages

    /// A clear page for a refused or failed request, with a link to the current page.
    func message(title: ServeText, body: ServeText, detail: String? = nil, link: String = "/") -> String {
        var html = "<h1>\(s(title))</h1><p>\(s(body))</p>"
        if let detail { html += "<p>\(e(detail))</p>" }
        html += "<p><a class=\"choice\" href=\"\(e(link))\">\(s(.goOn))</a></p>"
        return page(title: title.text(language).text, body: html)
    }

    func join(notice: String?) -> String {
        var inner = "<p><label for=\"code\">\(s(.joinLabel))</label><br>"
        inner += "<input type=\"text\" id=\"code\" name=\"code\" maxlength=\"16\" autocomplete=\"off\" inputmode=\"numeric\" required></p>"
        let body = "<h1>\(s(.joinTitle))</h1><p>\(s(.joinBody))</p>" + form("join", button: label(.hintContinue), style: "primary", target: "/join", inner: inner)
        return page(title: ServeText.joinTitle.text(language).text, body: body, notice: notice)
    }

    // MARK: Facilitator

    func facilitatorLogin(notice: String?, projector: Bool) -> String {
        var inner = "<p><label for=\"passphrase\">\(c(.facilitatorPassphrasePrompt))</label><br>"
        inner += "<input type=\"password\" id=\"passphrase\" name=\"passphrase\" maxlength=\"256\" autocomplete=\"off\" required></p>"
        inner += "<p><label><input type=\"checkbox\" name=\"projector\" value=\"1\"\(projector ? " checked" : "")> \(s(.projector))</label></p>"
        var body = "<h1>\(c(.facilitatorTitle))</h1><p>\(c(.facilitatorPassphraseNote))</p><p class=\"note\">\(s(.facilitatorOnlyHere))</p>"
        body += form("facilitator", button: s(.open), style: "primary", target: "/facilitator", inner: inner)
        body += "<p><a href=\"/\">\(label(.hintBack))</a></p>"
        return page(title: strings[.facilitatorTitle], body: body, notice: notice)
    }

    func lines(_ lines: [ReportLine]) -> String {
        "<pre class=\"report\" lang=\"en\">" + lines.map { e($0.text) }.joined(separator: "\n") + "</pre>"
    }

    func classResults(report: ClassReport, debrief: Debrief, gain: Gain) -> String {
        var body = "<h1>\(c(.facilitatorTitle))</h1>"
        body += lines(ClassReportText.full(report))
        body += "<h2>\(c(.facilitatorDebrief))</h2>" + lines(DebriefText.full(debrief, gain: gain))
        body += "<p><a href=\"/\">\(label(.hintBack))</a></p>"
        return page(title: strings[.facilitatorTitle], body: body)
    }

    /// The projector: the anonymous debrief (no names) and the class heat map (per warning sign), in large type.
    func projector(report: ClassReport, debrief: Debrief) -> String {
        var body = "<div class=\"projector\"><h1>\(c(.facilitatorDebrief)) <small>(\(c(.facilitatorNamesHidden)))</small></h1>"
        body += lines(DebriefText.full(debrief, gain: nil, width: 60))
        body += "<h2>\(c(.facilitatorHeatMap))</h2>" + lines(ClassReportText.heatMap(report, width: 60))
        body += "</div><p><a href=\"/\">\(label(.hintBack))</a></p>"
        return page(title: strings[.facilitatorDebrief], body: body)
    }

    /// The neutral page the quick exit shows: nothing about Lookout, no quick-exit bar, English.
    static func neutral() -> String {
        """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>Weather</title>
        <link rel="stylesheet" href="/style.css">
        </head>
        <body>
        <main>
        <h1>Weather</h1>
        <p>Today: partly cloudy, light wind. Tomorrow: showers in the afternoon.</p>
        </main>
        </body>
        </html>

        """
    }
}
