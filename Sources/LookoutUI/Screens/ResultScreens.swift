import LookoutCore

/// The end of a lesson and the learner's progress.
enum ResultScreens {
    static func percent(_ value: Double) -> String { String(Int(value.rounded())) }

    static func summary(_ buffer: inout ScreenBuffer, _ body: Rect, _ context: ViewContext,
                        result: LessonResult) -> Chrome {
        let text = context.strings
        let theme = context.theme
        var document = Document(width: body.width)
        let lessonTitle = context.trainer.run?.lesson.title ?? context.bank.lesson(result.lessonID)?.title ?? result.lessonID
        document.paragraph(text(.summaryTitle, ["lesson": lessonTitle]), style: theme.heading)
        document.blank()
        let passStyle = result.passed ? theme.correct : theme.wrong
        document.paragraph(text(.summaryScore, [
            "score": percent(result.scorePercent), "passMark": String(result.passMark),
            "verdict": text[result.passed ? .summaryPassed : .summaryNotPassed],
        ]), style: passStyle, prefix: [Span(result.passed ? theme.right : theme.wrongMark, passStyle), Span(" ")])
        document.paragraph(text(.summaryCounts, ["hits": String(result.hits), "misses": String(result.misses),
                                                 "falseAlarms": String(result.falseAlarms)]), indent: 2)
        let unsafeStyle = result.unsafeChoices > 0 ? theme.wrong : theme.plain
        document.paragraph(text(.summaryUnsafe, ["count": String(result.unsafeChoices)]), style: unsafeStyle,
                           prefix: [Span(result.unsafeChoices > 0 ? theme.wrongMark : " ", unsafeStyle), Span(" ")])
        document.blank()
        if result.indicatorsToReview.isEmpty {
            document.paragraph(text[.summaryNothingToReview], style: theme.correct)
        } else {
            document.paragraph(text[.summaryReviewTitle], style: theme.heading)
            for id in result.indicatorsToReview {
                document.paragraph(context.bank.indicator(id)?.title ?? id, prefix: [Span("  " + theme.bullet + " ", theme.accent)])
            }
        }
        document.blank()
        document.paragraph(text[.summaryBack], style: theme.accent)
        // The summary does not scroll: on a small window, drop the blank lines, then the last line (the status line
        // says the same), then the title (the header has it); only then cut with a marker.
        if document.count > body.height { document.lines.removeAll { $0.spans.isEmpty } }
        if document.count > body.height { document.lines.removeLast() }
        if document.count > body.height { document.lines.removeFirst() }
        if document.count > body.height {
            buffer.draw(document, from: 0, in: Rect(x: body.x, y: body.y, width: body.width, height: body.height - 1))
            MenuList.listMarker(&buffer, x: body.x, y: body.bottom - 1, width: body.width, more: true, context)
        } else {
            buffer.draw(document, from: 0, in: body)
        }
        return Chrome(title: lessonTitle, context: context.trainer.learner?.name,
                      hints: [Hint(text[.keyEnter], text[.hintContinue])])
    }

    /// A bar of `width` cells, `share` (0...1) of them full.
    static func bar(_ share: Double, width: Int, _ theme: Theme) -> String {
        let full = min(width, max(0, Int((share * Double(width)).rounded())))
        return String(repeating: theme.barFull, count: full) + String(repeating: theme.barEmpty, count: width - full)
    }

    static func progress(_ buffer: inout ScreenBuffer, _ body: Rect, _ context: ViewContext, scroll: Int) -> Chrome {
        let text = context.strings
        let theme = context.theme
        var document = Document(width: body.width)
        if let progress = context.trainer.progress {
            let passed = progress.lessons.filter { $0.status == .passed }.count
            document.paragraph(text(.progressLessons, ["passed": String(passed), "total": String(progress.lessons.count)]),
                               style: theme.heading)
            let c = progress.coverage
            document.paragraph(text(.progressCoverage, [
                "seen": String(c.scenariosSeen), "total": String(c.scenariosTotal),
                "mastered": String(c.indicatorsMastered), "indicators": String(c.indicatorsTotal),
            ]))
            let coverageBar = bar(c.scenarioShareSeen, width: body.width >= 70 ? 20 : 10, theme)
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
                    number = String(repeating: " ", count: max(0, 3 - number.count)) + number + "%"
                    let barStyle = indicator.mastered ? theme.correct : theme.accent
                    var prefix = [Span(bar(indicator.pKnown, width: barWidth, theme), barStyle), Span(" " + number + " ")]
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
        if document.count > body.height { hints.append(Hint(context.arrows + " " + text[.keyPages], text[.hintScroll])) }
        return Chrome(title: text[.progressTitle], context: context.trainer.learner?.name, hints: hints)
    }
}
