import LookoutCore
import LookoutText

/// The facilitator's screens: the passphrase prompt and the class results (heat map of indicators, hardest
/// scenarios). The results are laid out for a projector at 80x24; every line's meaning is in its text (bars and
/// numbers), tones only add colour.
enum FacilitatorScreens {
    /// A secret being typed (a PIN or a passphrase): a prompt, a row of dots (the secret itself is never drawn),
    /// and a note.
    static func secret(_ buffer: inout ScreenBuffer, _ body: Rect, _ context: ViewContext, title: String, prompt: String,
                       note: String, length: Int) -> Chrome {
        let text = context.strings
        let theme = context.theme
        var head = Document(width: body.width)
        head.paragraph(prompt, style: theme.heading)
        let headRows = min(head.count, max(0, body.height - 2))
        buffer.draw(head, from: 0, in: Rect(x: body.x, y: body.y, width: body.width, height: headRows))
        let y = body.y + headRows
        buffer.write(theme.pointer, x: body.x, y: y, style: theme.accent)
        let dots = String(repeating: theme.bullet, count: min(length, max(0, body.width - 4)))
        let end = buffer.write(dots, x: body.x + 2, y: y, style: theme.plain)
        buffer.cursor = Position(x: end, y: y)
        var below = Document(width: body.width)
        // A wrong or too short secret is said next to the field, not only in the status line.
        if let message = context.navigator.message { below.paragraph(message, style: theme.warning) }
        below.blank()
        below.paragraph(note, style: theme.muted)
        buffer.draw(below, from: 0, in: Rect(x: body.x, y: y + 1, width: body.width, height: max(0, body.bottom - y - 1)))
        return Chrome(title: title, context: nil,
                      hints: [Hint(text[.keyEnter], text[.hintDone]), Hint(text[.keyEsc], text[.hintBack])],
                      globalKeys: false)
    }

    static func passphrase(_ buffer: inout ScreenBuffer, _ body: Rect, _ context: ViewContext, length: Int,
                           firstTime: Bool, confirming: Bool) -> Chrome {
        let text = context.strings
        let prompt = confirming ? text[.facilitatorConfirmPrompt]
            : firstTime ? text[.facilitatorFirstTimePrompt] : text[.facilitatorPassphrasePrompt]
        return secret(&buffer, body, context, title: text[.facilitatorTitle], prompt: prompt,
                      note: text[.facilitatorPassphraseNote], length: length)
    }

    static func results(_ buffer: inout ScreenBuffer, _ body: Rect, _ context: ViewContext, view: FacilitatorView,
                        scroll: Int) -> Chrome {
        let text = context.strings
        var document = Document(width: body.width)
        let navigator = context.navigator
        if let report = navigator.classReport {
            let lines: [ReportLine]
            switch view {
            case .heatMap:
                // The skips name learners: never in projector mode.
                let skips = navigator.facilitatorAnonymous ? [] : ClassReportText.skippedScenes(report, width: body.width)
                lines = ClassReportText.heatMap(report, width: body.width) + (skips.isEmpty ? [] : [ReportLine("")] + skips)
            case .hardest: lines = ClassReportText.hardestQuestions(report, width: body.width, limit: nil)
            case .debrief:
                if let debrief = navigator.debrief {
                    lines = DebriefText.full(debrief, gain: navigator.gain, width: body.width, hardestLimit: 10).dropFirst()
                        .map { $0 }
                } else {
                    lines = [ReportLine(text[.debriefNotReady], .muted)]
                }
            }
            let title = view == .debrief ? navigator.debrief.map(DebriefText.title) ?? ClassReportText.title(report)
                : ClassReportText.title(report)
            document.append(DocLine([Span(title, context.theme.heading)]))
            for line in lines {
                document.append(DocLine(line.segments.map { Span($0.text, style($0.tone, context.theme)) }))
            }
        }
        Scrolling.draw(document, scroll: scroll, in: body, &buffer, context)
        var viewName: String
        switch view {
        case .heatMap: viewName = text[.facilitatorHeatMap]
        case .hardest: viewName = text[.facilitatorHardest]
        case .debrief: viewName = text[.facilitatorDebrief]
        }
        if navigator.facilitatorAnonymous { viewName += " · " + text[.facilitatorNamesHidden] }
        var hints = [Hint(text[.keyEsc], text[.hintBack]), Hint("Tab", text[.hintSwitchView]),
                     Hint("a", text[navigator.facilitatorAnonymous ? .hintShowNames : .hintHideNames])]
        if view == .debrief { hints.append(Hint("l", text[.hintDebriefLesson])) }
        if document.count > body.height { hints.append(Hint(context.arrows + " " + text[.keyPages], text[.hintScroll])) }
        return Chrome(title: text[.facilitatorTitle], context: viewName, hints: hints)
    }

    static func style(_ tone: ReportLine.Tone, _ theme: Theme) -> Style {
        switch tone {
        case .plain: return theme.plain
        case .heading: return theme.heading
        case .muted: return theme.muted
        case .good: return theme.correct
        case .fair: return theme.warning
        case .poor: return theme.wrong
        }
    }
}
