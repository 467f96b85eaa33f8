import LookoutCore
import LookoutText

/// Panels drawn over the current screen: help, support, and the quit confirmation.
enum Overlays {
    /// Clears a rectangle and draws a box around it with a title in the top border and a note in the bottom one.
    /// - Returns: the area inside the box, with one column of padding on each side.
    @discardableResult
    static func box(_ buffer: inout ScreenBuffer, _ rect: Rect, title: String, footer: String?,
                    _ context: ViewContext) -> Rect {
        let theme = context.theme
        buffer.fill(rect)
        guard rect.width >= 4, rect.height >= 2 else { return Rect(x: rect.x, y: rect.y, width: 0, height: 0) }
        let inner = String(repeating: theme.horizontal, count: rect.width - 2)
        buffer.write(theme.topLeft + inner + theme.topRight, x: rect.x, y: rect.y, style: theme.border)
        buffer.write(theme.bottomLeft + inner + theme.bottomRight, x: rect.x, y: rect.bottom - 1, style: theme.border)
        for y in (rect.y + 1)..<(rect.bottom - 1) {
            buffer.write(theme.vertical, x: rect.x, y: y, style: theme.border)
            buffer.write(theme.vertical, x: rect.right - 1, y: y, style: theme.border)
        }
        buffer.write(truncating: " " + title + " ", x: rect.x + 2, y: rect.y, width: rect.width - 4, style: theme.title,
                     ellipsis: theme.ellipsis)
        if let footer {
            let width = DisplayWidth.width(of: footer) + 2
            let x = max(rect.x + 2, rect.right - 2 - width)
            buffer.write(" " + footer + " ", x: x, y: rect.bottom - 1, style: theme.muted, limit: rect.right - 2 - x)
        }
        return Rect(x: rect.x + 2, y: rect.y + 1, width: rect.width - 4, height: rect.height - 2)
    }

    /// The large panel's rectangle: between the header and the status line, its borders on the rules' rows.
    static func panelRect(_ size: Size) -> Rect {
        let dx = size.width >= 60 ? 2 : 0
        return Rect(x: dx, y: 1, width: size.width - 2 * dx, height: size.height - 2)
    }

    /// The keys that work while an overlay is up.
    static func hints(_ overlay: TrainerOverlay, _ context: ViewContext) -> [Hint] {
        let text = context.strings
        switch overlay {
        case .confirmQuit:
            return [Hint(text[.keyY], text[.hintYes]), Hint(text[.keyN], text[.hintNo])]
        case .confirmRestart:
            return [Hint(text[.keyY], text[.hintContinue]), Hint(text[.keyEsc], text[.hintBack])]
        case .help:
            return [Hint(text[.keyEsc], text[.hintClose]), Hint(context.arrows + " " + text[.keyPages], text[.hintScroll]),
                    Hint(text[.keyS], text[.hintSupport])]
        case .support:
            return [Hint(text[.keyEsc], text[.hintClose]), Hint(context.arrows + " " + text[.keyPages], text[.hintScroll]),
                    Hint(text[.keyQuestion], text[.hintHelp])]
        }
    }

    static func closeFooter(_ context: ViewContext) -> String {
        context.strings[.keyEsc] + " " + context.strings[.hintClose]
    }

    // MARK: Help

    static func helpDocument(width: Int, _ context: ViewContext) -> Document {
        let text = context.strings
        let theme = context.theme
        var document = Document(width: width)
        let answering: [(String, UIText)] = [
            (context.arrows, .helpMove),
            (text[.keySpace], .helpTick),
            (text[.keyEnter], .helpEnter),
            (text[.keyDigits], .helpDigits),
            (text[.keyPages], .helpPages),
            (text[.keyN], .helpMoveOn),
            (text[.keyEsc], .helpEsc),
            (text[.keyEsc], .helpEscLeaves),
        ]
        let always: [(String, UIText)] = [
            (text[.keyQuestion], .helpQuestion),
            (text[.keyS], .helpSupport),
            (text[.keyQ], .helpQuit),
            (text[.keyQuickExit], .helpQuickExit),
            (text[.keyCtrlC], .helpCtrlC),
        ]
        let keyWidth = (answering + always).map { DisplayWidth.width(of: $0.0) }.max() ?? 0
        // Keys in a column with their descriptions beside them; on a narrow panel the column is narrower, and a key
        // wider than it goes on a line of its own.
        let column = width - keyWidth - 4 >= 30 ? keyWidth : min(keyWidth, 9)
        func section(_ title: UIText, _ rows: [(String, UIText)]) {
            document.paragraph(text[title], style: theme.heading)
            for (key, description) in rows {
                let style = description == .helpQuickExit ? theme.warning : theme.plain
                let keyWidth = DisplayWidth.width(of: key)
                if keyWidth <= column {
                    let pad = String(repeating: " ", count: column - keyWidth + 2)
                    document.paragraph(text[description], style: style,
                                       prefix: [Span("  "), Span(key, theme.key), Span(pad)])
                } else {
                    document.paragraph(key, style: theme.key, indent: 2)
                    document.paragraph(text[description], style: style, indent: column + 4)
                }
            }
        }
        section(.helpSectionAnswering, answering)
        document.blank()
        section(.helpSectionAlways, always)
        document.blank()
        document.paragraph(text[.helpSaved], style: theme.accent)
        document.blank()
        document.paragraph(text[.helpTerminalTest], style: theme.muted)
        return document
    }

    static func help(_ buffer: inout ScreenBuffer, _ context: ViewContext, scroll: Int) {
        let rect = panelRect(buffer.size)
        buffer.fill(Rect(x: 0, y: rect.y, width: buffer.width, height: rect.height))
        let inner = box(&buffer, rect, title: context.strings[.helpTitle], footer: closeFooter(context), context)
        Scrolling.draw(helpDocument(width: inner.width, context), scroll: scroll, in: inner, &buffer, context)
    }

    // MARK: Support

    static func supportDocument(width: Int, _ context: ViewContext) -> Document {
        let text = context.strings
        let theme = context.theme
        var document = Document(width: width)
        let pupil = context.navigator.supportIsForPupil
        if pupil { document.paragraph(text[.supportTrustedAdultFirst], style: theme.accent) }
        let never = text[.supportNeverConfront]
        document.paragraph(never, style: theme.warning)
        guard let region = context.navigator.region else {
            document.paragraph(text[.supportNoRegion])
            return document
        }
        if let note = region.note, note != never { document.paragraph(note) }
        for entry in region.entries {
            document.blank()
            var line = entry.name
            if let number = entry.number { line = text(.supportEntryNumber, ["name": entry.name, "number": number]) }
            let unverified = entry.status == .unverified
            document.paragraph(line, style: unverified ? theme.warning : theme.accent,
                               prefix: [Span(theme.bullet + " ", theme.accent)])
            if let contact = entry.contact { document.paragraph(contact, indent: 2) }
            if let hours = entry.hours { document.paragraph(text(.supportHours, ["hours": hours]), indent: 2) }
            if let purpose = entry.purpose { document.paragraph(purpose, indent: 2) }
            if unverified {
                document.paragraph(SupportAdvice.unverified(entry, pupil: pupil, strings: text),
                                   style: theme.warning, indent: 2)
            } else {
                document.paragraph(text(.supportLastVerified, ["date": entry.lastVerified.description]),
                                   style: theme.muted, indent: 2)
            }
        }
        return document
    }

    static func support(_ buffer: inout ScreenBuffer, _ context: ViewContext, scroll: Int) {
        let rect = panelRect(buffer.size)
        let title: String
        if let region = context.navigator.region {
            title = context.strings(.supportTitle, ["region": region.name])
        } else {
            title = context.strings[.supportTitleNoRegion]
        }
        buffer.fill(Rect(x: 0, y: rect.y, width: buffer.width, height: rect.height))
        let inner = box(&buffer, rect, title: title, footer: closeFooter(context), context)
        Scrolling.draw(supportDocument(width: inner.width, context), scroll: scroll, in: inner, &buffer, context)
    }

    // MARK: Quit

    static func confirmRestart(_ buffer: inout ScreenBuffer, _ context: ViewContext, lessonID: String) {
        let text = context.strings
        let width = min(buffer.width - 2, 56)
        var document = Document(width: width - 4)
        let title = context.bank.lesson(lessonID)?.title ?? lessonID
        document.paragraph(text(.restartConfirm, ["lesson": title]))
        let height = document.count + 2
        let rect = Rect(x: (buffer.width - width) / 2, y: max(0, (buffer.height - height) / 2), width: width, height: height)
        let inner = box(&buffer, rect, title: title, footer: nil, context)
        buffer.draw(document, from: 0, in: inner)
    }

    static func confirmQuit(_ buffer: inout ScreenBuffer, _ context: ViewContext) {
        let text = context.strings
        let theme = context.theme
        let width = min(buffer.width - 2, 48)
        var document = Document(width: width - 4)
        document.paragraph(text[.quitBody])
        document.blank()
        document.paragraph(text[.quitKeys], style: theme.key)
        let height = document.count + 2
        let rect = Rect(x: (buffer.width - width) / 2, y: max(0, (buffer.height - height) / 2), width: width, height: height)
        let inner = box(&buffer, rect, title: text[.quitTitle], footer: nil, context)
        buffer.draw(document, from: 0, in: inner)
    }
}
