import LookoutCore
import LookoutText

/// The end of a lesson and the learner's progress.
enum ResultScreens {
    static func percent(_ value: Double) -> String { String(ScoreFormat.whole(value)) }

    static func summary(_ buffer: inout ScreenBuffer, _ body: Rect, _ context: ViewContext,
                        result: LessonResult, scroll: Int) -> Chrome {
        let text = context.strings
        let lessonTitle = context.navigator.run?.lesson.title ?? context.bank.lesson(result.lessonID)?.title ?? result.lessonID
        let document = summaryDocument(result, width: body.width, lessonTitle: lessonTitle, context)
        Scrolling.draw(document, scroll: scroll, in: body, &buffer, context)
        var hints = [Hint(text[.keyEnter], text[.hintContinue])]
        if document.count > body.height { hints.append(Hint(text[.keyPages], text[.hintScroll])) }
        return Chrome(title: lessonTitle, context: context.navigator.learner?.name, hints: hints)
    }

    /// The lesson summary: the verdict with both parts (spotting the signs, acting safely), why it is not passed yet,
    /// and the signs to review, missed signs apart from over-flagged look-alikes.
    static func summaryDocument(_ result: LessonResult, width: Int, lessonTitle: String, _ context: ViewContext) -> Document {
        let text = context.strings
        let theme = context.theme
        var document = Document(width: width)
        document.paragraph(text(.summaryTitle, ["lesson": lessonTitle]), style: theme.heading)
        document.blank()
        let passStyle = result.passed ? theme.correct : theme.wrong
        document.paragraph(result.verdictLine(text), style: passStyle,
                           prefix: [Span(result.passed ? theme.right : theme.wrongMark, passStyle), Span(" ")])
        let isFinal = (context.navigator.run?.lesson ?? context.bank.lesson(result.lessonID))?.kind.isAssessment ?? false
        document.paragraph(result.decidesLine(text, final: isFinal), style: theme.muted, indent: 2)
        document.paragraph(text(.summaryCounts, ["hits": String(result.hits), "misses": String(result.misses),
                                                 "falseAlarms": String(result.falseAlarms)]), indent: 2)
        let unsafeStyle = result.unsafeChoices > 0 ? theme.wrong : theme.plain
        document.paragraph(text(.summaryUnsafe, ["count": String(result.unsafeChoices)]), style: unsafeStyle,
                           prefix: [Span(result.unsafeChoices > 0 ? theme.wrongMark : " ", unsafeStyle), Span(" ")])
        let reasons = result.shortfallWords(text)
        if !reasons.isEmpty {
            document.blank()
            for reason in reasons { document.paragraph(reason, style: theme.warning, prefix: [Span(theme.bullet + " ", theme.accent)]) }
        }
        document.blank()
        if result.missedIndicators.isEmpty && result.overflaggedIndicators.isEmpty {
            document.paragraph(text[.summaryNothingToReview], style: theme.correct)
        } else {
            if !result.missedIndicators.isEmpty {
                document.paragraph(text[.summaryMissedTitle], style: theme.heading)
                for id in result.missedIndicators {
                    document.paragraph(context.bank.indicator(id)?.title ?? id, prefix: [Span("  " + theme.bullet + " ", theme.accent)])
                }
            }
            if !result.overflaggedIndicators.isEmpty {
                document.paragraph(text[.summaryOverflaggedTitle], style: theme.heading)
                for id in result.overflaggedIndicators {
                    document.paragraph(context.bank.indicator(id)?.title ?? id, prefix: [Span("  " + theme.bullet + " ", theme.accent)])
                }
            }
        }
        if context.navigator.session.review != nil {
            document.blank()
            let moved = context.navigator.session.reviewMovement()
            if moved.isEmpty {
                document.paragraph(text[.reviewNoneMoved], style: theme.muted)
            } else {
                document.paragraph(text[.reviewMovedTitle], style: theme.heading)
                for m in moved {
                    var line = text(.reviewMovedLine, ["title": m.title, "before": String(ScoreFormat.whole(m.before * 100)),
                                                       "after": String(ScoreFormat.whole(m.after * 100))])
                    if m.masteredAfter { line += " " + theme.right + " " + text[.reviewMastered] }
                    document.paragraph(line, style: m.masteredAfter ? theme.correct : theme.plain,
                                       prefix: [Span("  " + theme.bullet + " ", theme.accent)])
                }
            }
        }
        if let run = context.navigator.run, run.lesson.kind.isAssessment, context.navigator.session.review == nil {
            // A final held its feedback back until now: every question, with the verdict on each option.
            for answer in FinalFeedback.firstAnswers(run: run, bank: context.bank) {
                document.blank()
                document.paragraph(answer.scenario.title, style: theme.heading)
                document.paragraph(answer.question.prompt)
                document.paragraph(FeedbackBuilder.summary(of: answer.result, strings: text), style: theme.muted)
                for item in FeedbackBuilder.items(for: answer.question, result: answer.result, chosen: answer.chosen,
                                                  bank: context.bank, order: answer.order) {
                    let style = item.verdict.isRight ? theme.correct : theme.wrong
                    let unsafe = item.isUnsafe ? " (" + text[.unsafeTag] + ")" : ""
                    document.paragraph(item.verdict.words(text) + unsafe + ": " + item.option.text, style: style,
                                       prefix: [Span(item.verdict.isRight ? theme.right : theme.wrongMark, style), Span(" ")])
                    document.paragraph(item.option.feedback, style: theme.muted, indent: 4)
                }
            }
        }
        document.blank()
        document.paragraph(text[.summaryBack], style: theme.accent)
        return document
    }

    static func progress(_ buffer: inout ScreenBuffer, _ body: Rect, _ context: ViewContext, scroll: Int) -> Chrome {
        let text = context.strings
        let theme = context.theme
        var document = Document(width: body.width)
        if let progress = context.navigator.progress {
            let passed = progress.lessons.filter { $0.status == .passed }.count
            document.paragraph(text(.progressLessons, ["passed": String(passed), "total": String(progress.lessons.count)]),
                               style: theme.heading)
            // Which lessons are passed, by title.
            let titles = progress.lessons.filter { $0.status == .passed }.map { context.bank.lesson($0.lessonID)?.title ?? $0.lessonID }
            if !titles.isEmpty { document.paragraph(text(.progressPassedList, ["lessons": titles.joined(separator: "; ")]), indent: 2) }
            // The learner's own completion records: a digit saves one (or why they cannot, by the certificate's rule).
            let records = context.navigator.session.recordLessons
            if !records.isEmpty {
                document.blank()
                if context.navigator.session.mayWriteOwnRecord {
                    document.paragraph(text[.recordListTitle], style: theme.heading)
                    for (i, lesson) in records.prefix(9).enumerated() { document.paragraph("\(i + 1). " + lesson.title, indent: 2) }
                } else {
                    document.paragraph(text[.recordNeedsPIN], style: theme.muted)
                }
                document.blank()
            }
            let c = progress.coverage
            document.paragraph(text(.progressCoverage, [
                "seen": String(c.scenariosSeen), "total": String(c.scenariosTotal),
                "mastered": String(c.indicatorsMastered), "indicators": String(c.indicatorsTotal),
            ]))
            let coverageBar = Bar.text(c.scenarioShareSeen, cells: body.width >= 70 ? 20 : 10, full: theme.barFull, empty: theme.barEmpty)
            document.paragraph(text(.progressCoverageBar, ["percent": percent(c.scenarioShareSeen * 100)]),
                               prefix: [Span(coverageBar, theme.accent), Span(" ")])
            if progress.unsafeChoices > 0 {
                document.paragraph(text(.progressUnsafe, ["count": String(progress.unsafeChoices)]), style: theme.wrong,
                                   prefix: [Span(theme.wrongMark, theme.wrong), Span(" ")])
            }
            document.blank()
            let met = progress.indicators.filter { $0.observations > 0 }
            if met.isEmpty {
                document.paragraph(text[.progressNoAnswers], style: theme.muted)
            } else {
                document.paragraph(text[.progressIndicatorsTitle], style: theme.heading)
                let barWidth = body.width >= 70 ? 20 : 10
                for indicator in met {
                    let title = context.bank.indicator(indicator.indicatorID)?.title ?? indicator.indicatorID
                    var number = percent(indicator.pKnown * 100)
                    number = DisplayWidth.padLeft(number, to: 3) + "%"
                    let barStyle = indicator.mastered ? theme.correct : theme.accent
                    var prefix = [Span(Bar.text(indicator.pKnown, cells: barWidth, full: theme.barFull, empty: theme.barEmpty), barStyle), Span(" " + number + " ")]
                    prefix.append(indicator.mastered ? Span(theme.right + " ", theme.correct) : Span("  "))
                    let label = indicator.mastered ? title + " " + text[.progressMastered] : title
                    document.paragraph(label, prefix: prefix)
                }
            }
            let unmet = c.indicatorsTotal - c.indicatorsSeen
            if unmet > 0 {
                document.blank()
                document.paragraph(text(.progressNotSeen, ["count": String(unmet)]), style: theme.muted)
            }
        } else {
            document.paragraph(text[.progressNoAnswers], style: theme.muted)
        }
        Scrolling.draw(document, scroll: scroll, in: body, &buffer, context)
        var hints = [Hint(text[.keyEnter], text[.hintBack])]
        if !context.navigator.session.recordLessons.isEmpty && context.navigator.session.mayWriteOwnRecord {
            hints.append(Hint(text[.keyDigits], text[.hintSaveRecord]))
        }
        if document.count > body.height { hints.append(Hint(context.arrows + " " + text[.keyPages], text[.hintScroll])) }
        return Chrome(title: text[.progressTitle], context: context.navigator.learner?.name, hints: hints)
    }
}
