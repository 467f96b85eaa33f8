import LookoutCore
import LookoutText

/// A question of the scenario on screen: the scene at the top (scrolled with PgUp/PgDn, with a "more below" marker
/// when it is longer than the space), then the question and its options. The hardware cursor sits in the focused
/// option's box.
enum QuestionScreen {
    /// The scene: the scenario's title, then its story, paragraphs separated by a blank line.
    static func scene(_ scenario: Scenario, width: Int, _ context: ViewContext) -> Document {
        var document = Document(width: width)
        let again = context.navigator.run?.queue.isRepeat == true
        let title = again ? context.strings(.scenarioAgain, ["title": scenario.title]) : scenario.title
        document.paragraph(title, style: context.theme.heading)
        if context.navigator.session.isAlternate { document.paragraph(context.strings[.alternateSceneNote], style: context.theme.muted) }
        for paragraph in WordWrap.paragraphs(of: scenario.story) {
            document.blank()
            document.paragraph(String(paragraph))
        }
        return document
    }

    /// The prefix of an option's first line: pointer, number, box.
    static func optionPrefix(index: Int, count: Int, focused: Bool, box: String, mark: Span?,
                             _ context: ViewContext) -> [Span] {
        let theme = context.theme
        let numberWidth = String(count).count
        var number = String(index + 1)
        number = DisplayWidth.padLeft(number, to: numberWidth)
        var spans: [Span] = []
        if let mark {
            spans.append(mark)
        } else {
            spans.append(Span(focused ? theme.pointer : " ", theme.accent))
        }
        spans += [Span(" "), Span(number, theme.key), Span(" "), Span(box, focused ? theme.accent : theme.plain), Span(" ")]
        return spans
    }

    static func draw(_ buffer: inout ScreenBuffer, _ body: Rect, _ context: ViewContext, state: QuestionState) -> Chrome {
        let text = context.strings
        let theme = context.theme
        guard let scenario = context.navigator.currentScenario, let question = context.navigator.currentQuestion else {
            return Chrome(title: context.lessonTitle ?? "", context: nil, hints: [])
        }
        let repeatNote = context.navigator.run?.queue.isRepeat == true && state.questionIndex == 0
        let scene = scene(scenario, width: body.width, context)

        var block = Document(width: body.width)
        if repeatNote { block.paragraph(text[.questionRepeatNote], style: theme.warning) }
        block.paragraph(question.prompt, style: theme.heading)
        let kind: QuestionKindMark = question.kind == .multi ? .multi : .single
        let shown = context.navigator.options(of: question)
        for (i, option) in shown.enumerated() {
            let focused = i == state.focus
            let box = theme.box(kind: kind, on: state.ticked.contains(option.id))
            let prefix = optionPrefix(index: i, count: shown.count, focused: focused, box: box, mark: nil, context)
            let boxColumn = prefix.prefix(4).reduce(0) { $0 + $1.width }
            block.paragraph(option.text, prefix: prefix, fill: focused ? theme.selected : nil, item: i,
                            cursorColumn: boxColumn + 1)
        }

        // The question takes what it needs, leaving the scene at least a few rows; the rest is the scene's.
        let height = body.height
        let minimumScene = min(3, scene.count)
        let blockRows = min(block.count, max(1, height - 1 - minimumScene))
        let sceneRows = min(scene.count, height - 1 - blockRows)
        let sceneFits = scene.count <= sceneRows
        var scrolls = false
        buffer.scroll = ScrollGeometry(page: max(1, sceneRows), maxScroll: max(0, scene.count - sceneRows))
        if sceneFits {
            buffer.draw(scene, from: 0, in: Rect(x: body.x, y: body.y, width: body.width, height: sceneRows))
            Scrolling.marker(&buffer, x: body.x, y: body.y + sceneRows, width: body.width, more: nil, context)
        } else {
            scrolls = true
            let maxScroll = scene.count - sceneRows
            let used = min(max(0, state.scroll), maxScroll)
            buffer.draw(scene, from: used, in: Rect(x: body.x, y: body.y, width: body.width, height: sceneRows))
            Scrolling.marker(&buffer, x: body.x, y: body.y + sceneRows, width: body.width, more: used < maxScroll, context)
        }
        let blockTop = body.y + sceneRows + 1
        MenuList.draw(block, focus: state.focus, in: Rect(x: body.x, y: blockTop, width: body.width,
                                                          height: body.bottom - blockTop), &buffer, context)

        var hints: [Hint] = []
        if context.navigator.run?.queue.isRepeat == true { hints.append(Hint(text[.keyN], text[.hintMoveOn])) }
        if question.kind == .multi {
            hints += [Hint(text[.keySpace], text[.hintTick]), Hint(text[.keyEnter], text[.hintSubmit])]
        } else {
            // A digit selects; only Enter submits, as in multi-select.
            hints += [Hint(text[.keyDigits], text[.hintChoose]), Hint(text[.keyEnter], text[.hintSubmit])]
        }
        hints.append(Hint(context.arrows, text[.hintMove]))
        if scrolls { hints.append(Hint(text[.keyPages], text[.hintScroll])) }
        let counter = text(.questionCounter, ["number": String(state.questionIndex + 1),
                                              "count": String(scenario.questions.count)])
        return Chrome(title: context.lessonTitle ?? scenario.title, context: counter, hints: hints)
    }
}

/// Feedback on the question just answered: a summary in plain words, then every option with a symbol and a word
/// for right or wrong (never colour alone), its feedback, and the warning sign it shows or only looks like.
enum FeedbackScreen {
    static func mark(_ verdict: OptionFeedback.Verdict, _ theme: Theme) -> Span {
        switch verdict {
        case .hit, .correctRejection, .chosenRight, .missedRight: return Span(theme.right, theme.correct)
        case .miss, .falseAlarm, .chosenWrong: return Span(theme.wrongMark, theme.wrong)
        case .otherWrong: return Span(theme.wrongMark, theme.muted)
        }
    }

    static func document(question: Question, state: QuestionState, result: QuestionResult, width: Int,
                         _ context: ViewContext) -> Document {
        let text = context.strings
        let theme = context.theme
        var document = Document(width: width)
        document.paragraph(question.prompt, style: theme.heading)
        let good = result.isCorrect
        document.paragraph(FeedbackBuilder.summary(of: result, strings: text), style: good ? theme.correct : theme.wrong,
                           prefix: [Span(good ? theme.right : theme.wrongMark, good ? theme.correct : theme.wrong), Span(" ")])
        let kind: QuestionKindMark = question.kind == .multi ? .multi : .single
        let items = FeedbackBuilder.items(for: question, result: result, chosen: state.ticked, bank: context.bank,
                                          order: context.navigator.options(of: question))
        for item in items {
            document.blank()
            let symbol = mark(item.verdict, theme)
            let prefix = QuestionScreen.optionPrefix(index: item.index, count: items.count, focused: false,
                                                     box: theme.box(kind: kind, on: item.chosen), mark: symbol, context)
            let indent = prefix.reduce(0) { $0 + $1.width }
            document.paragraph(item.option.text, prefix: prefix)
            var verdict = item.verdict.words(text)
            if item.isUnsafe { verdict += " " + theme.separator + " " + text[.unsafeTag] }
            let verdictStyle = item.isUnsafe ? theme.wrong : symbol.style
            document.paragraph(verdict, style: verdictStyle, indent: indent)
            if !item.option.feedback.isEmpty { document.paragraph(item.option.feedback, indent: indent) }
            for indicator in item.indicators {
                let key: UIText = item.option.isCorrect ? .feedbackSign : .feedbackLookalike
                document.paragraph(text(key, ["title": indicator.title, "explanation": indicator.explanation]),
                                   style: theme.muted, indent: indent)
            }
        }
        if !result.falseAlarms.isEmpty {
            document.blank()
            document.paragraph(text[.feedbackOverflagged], style: theme.warning)
        }
        document.blank()
        document.paragraph(text[.feedbackContinue], style: theme.accent)
        return document
    }

    static func draw(_ buffer: inout ScreenBuffer, _ body: Rect, _ context: ViewContext, state: QuestionState,
                     result: QuestionResult, scroll: Int) -> Chrome {
        let text = context.strings
        guard let scenario = context.navigator.currentScenario, let question = context.navigator.currentQuestion else {
            return Chrome(title: context.lessonTitle ?? "", context: nil, hints: [])
        }
        let document = document(question: question, state: state, result: result, width: body.width, context)
        Scrolling.draw(document, scroll: scroll, in: body, &buffer, context)
        var hints = [Hint(text[.keyEnter], text[.hintContinue])]
        if document.count > body.height { hints.append(Hint(context.arrows + " " + text[.keyPages], text[.hintScroll])) }
        let counter = text(.feedbackCounter, ["number": String(state.questionIndex + 1),
                                              "count": String(scenario.questions.count)])
        return Chrome(title: context.lessonTitle ?? scenario.title, context: counter, hints: hints)
    }
}
