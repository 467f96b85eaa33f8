import LookoutCore
import LookoutText

/// Lists where one row is focused: the pointer and a highlighted row mark it (not colour alone), the hardware
/// cursor sits on it, and the list scrolls to keep it in view.
enum MenuList {
    /// One menu row: a pointer, its number, the label (wrapped with a hanging indent), and optional text at the
    /// right of its first line.
    static func row(_ document: inout Document, index: Int, count: Int, selected: Bool, label: String,
                    style: Style = .plain, right: [Span] = [], _ context: ViewContext) {
        let theme = context.theme
        let numberWidth = String(count).count
        var number = String(index + 1)
        number = DisplayWidth.padLeft(number, to: numberWidth)
        let prefix = [Span(selected ? theme.pointer : " ", theme.accent), Span(" "), Span(number, theme.key), Span("  ")]
        let prefixWidth = prefix.reduce(0) { $0 + $1.width }
        let rightWidth = right.reduce(0) { $0 + $1.width }
        var part = Document(width: rightWidth > 0 ? max(8, document.width - rightWidth - 2) : document.width)
        part.paragraph(label, style: style, prefix: prefix, fill: selected ? theme.selected : nil, item: index,
                       cursorColumn: prefixWidth)
        if rightWidth > 0, !part.lines.isEmpty {
            let pad = max(1, document.width - part.lines[0].width - rightWidth)
            part.lines[0].spans.append(Span(String(repeating: " ", count: pad)))
            part.lines[0].spans += right
        }
        document.append(contentsOf: part)
    }

    /// Draws a list document in `rect`, scrolled so that the lines of item `focus` are visible, with a marker row when
    /// it does not fit. Sets the cursor on the focused item.
    static func draw(_ document: Document, focus: Int?, in rect: Rect, _ buffer: inout ScreenBuffer,
                     _ context: ViewContext) {
        guard rect.height > 0 else { return }
        var offset = 0
        var rows = rect.height
        if document.count > rect.height {
            rows = rect.height - 1
            if let focus, let range = document.lines(of: focus) {
                offset = max(0, min(range.lowerBound, range.upperBound - rows))
            }
            offset = min(offset, document.count - rows)
            let more: Bool? = offset + rows < document.count ? true : (offset > 0 ? false : nil)
            listMarker(&buffer, x: rect.x, y: rect.y + rows, width: rect.width, more: more, context)
        }
        buffer.draw(document, from: offset, in: Rect(x: rect.x, y: rect.y, width: rect.width, height: rows))
        if let focus, let range = document.lines(of: focus) {
            let line = range.lowerBound
            if line >= offset, line < offset + rows, let column = document.lines[line].cursorColumn {
                buffer.cursor = Position(x: rect.x + column, y: rect.y + line - offset)
            }
        }
    }

    static func listMarker(_ buffer: inout ScreenBuffer, x: Int, y: Int, width: Int, more: Bool?, _ context: ViewContext) {
        let theme = context.theme
        buffer.write(String(repeating: theme.horizontal, count: max(0, width)), x: x, y: y, style: theme.border)
        guard let more else { return }
        let label = more ? " \(theme.moreBelow) \(context.strings[.moreBelowList]) "
                         : " \(theme.moreAbove) \(context.strings[.moreAboveList]) "
        buffer.write(label, x: x + 2, y: y, style: theme.accent, limit: max(0, width - 2))
    }
}

enum MenuScreens {
    /// A warning line at the top of the menus when the locale is not UTF-8.
    static func asciiWarning(_ document: inout Document, _ context: ViewContext) {
        guard !context.theme.utf8 else { return }
        document.paragraph(context.strings[.asciiWarning], style: context.theme.warning)
        document.blank()
    }

    static func menuHints(_ context: ViewContext, back: Bool) -> [Hint] {
        let text = context.strings
        var hints = [Hint(text[.keyEnter], text[.hintChoose]), Hint(context.arrows, text[.hintMove])]
        if back { hints.append(Hint(text[.keyEsc], text[.hintBack])) }
        return hints
    }

    /// Draws fixed lines at the top of the body, then the list below them.
    static func headAndList(_ head: Document, _ list: Document, focus: Int, _ buffer: inout ScreenBuffer, _ body: Rect,
                            _ context: ViewContext) {
        let headRows = min(head.count, max(0, body.height - 2))
        buffer.draw(head, from: 0, in: Rect(x: body.x, y: body.y, width: body.width, height: headRows))
        MenuList.draw(list, focus: focus, in: Rect(x: body.x, y: body.y + headRows, width: body.width,
                                                   height: body.height - headRows), &buffer, context)
    }

    static func learners(_ buffer: inout ScreenBuffer, _ body: Rect, _ context: ViewContext, selected: Int) -> Chrome {
        let text = context.strings
        var head = Document(width: body.width)
        asciiWarning(&head, context)
        head.paragraph(text[.learnersNote], style: context.theme.muted)
        let session = context.navigator.session
        if let code = session.recoveryCode {
            head.blank()
            head.paragraph(text(.recoveryCodeNote, ["code": code]), style: context.theme.warning)
        } else if session.offersTeacherSetup {
            head.blank()
            head.paragraph(text[.teacherSetupNote], style: context.theme.warning)
        }
        head.blank()
        var list = Document(width: body.width)
        let rows = context.navigator.learnerRows
        let focus = min(selected, rows.count - 1)
        for (i, row) in rows.enumerated() {
            switch row {
            case .learner(let who):
                MenuList.row(&list, index: i, count: rows.count, selected: i == focus, label: who.name, context)
            case .newLearner:
                MenuList.row(&list, index: i, count: rows.count, selected: i == focus,
                             label: "+ " + text[.newLearnerRow], style: context.theme.accent, context)
            case .facilitator:
                MenuList.row(&list, index: i, count: rows.count, selected: i == focus, label: text[.menuFacilitator],
                             style: context.theme.muted, context)
            case .teacherSetup:
                MenuList.row(&list, index: i, count: rows.count, selected: i == focus, label: text[.teacherSetupRow],
                             style: context.theme.accent, context)
            }
        }
        headAndList(head, list, focus: focus, &buffer, body, context)
        return Chrome(title: text[.learnersTitle], context: nil, hints: menuHints(context, back: false))
    }

    static func newLearner(_ buffer: inout ScreenBuffer, _ body: Rect, _ context: ViewContext, name: String) -> Chrome {
        let text = context.strings
        let theme = context.theme
        var head = Document(width: body.width)
        asciiWarning(&head, context)
        head.paragraph(text[.newLearnerPrompt], style: theme.heading)
        buffer.draw(head, from: 0, in: Rect(x: body.x, y: body.y, width: body.width, height: head.count))
        // The field: a pointer, then the name; a long name shows its end, with the cursor after it.
        let y = body.y + head.count
        let fieldX = body.x + 2
        let room = body.width - 3
        buffer.write(theme.pointer, x: body.x, y: y, style: theme.accent)
        let shown = TextFit.tail(name, width: room)
        let end = buffer.write(shown, x: fieldX, y: y, style: theme.plain)
        buffer.cursor = Position(x: end, y: y)
        var note = Document(width: body.width)
        note.blank()
        note.paragraph(text[.newLearnerNote], style: theme.muted)
        buffer.draw(note, from: 0, in: Rect(x: body.x, y: y + 1, width: body.width, height: body.bottom - y - 1))
        return Chrome(title: text[.newLearnerTitle], context: nil,
                      hints: [Hint(text[.keyEnter], text[.hintDone]), Hint(text[.keyEsc], text[.hintBack])],
                      globalKeys: false)
    }

    static func tracks(_ buffer: inout ScreenBuffer, _ body: Rect, _ context: ViewContext, selected: Int) -> Chrome {
        let text = context.strings
        var head = Document(width: body.width)
        asciiWarning(&head, context)
        head.paragraph(text(.tracksGreeting, ["name": context.navigator.learner?.name ?? ""]), style: context.theme.heading)
        head.blank()
        var list = Document(width: body.width)
        let menu = context.navigator.trackMenu
        for (i, item) in menu.enumerated() {
            let label: String
            var style = context.theme.plain
            switch item {
            case .track(let track): label = text[track.textKey]
            case .progress: label = text[.menuProgress]; style = context.theme.accent
            case .facilitator: label = text[.menuFacilitator]; style = context.theme.accent
            case .language:
                let current = text.uiLanguage
                let utf8 = context.theme.utf8
                label = text(.menuLanguage, ["current": text.name(of: current, utf8: utf8),
                                             "other": text.name(of: current.other, utf8: utf8)])
                style = context.theme.accent
            case .switchLearner: label = text[.menuSwitchLearner]; style = context.theme.accent
            }
            MenuList.row(&list, index: i, count: menu.count, selected: i == selected, label: label, style: style, context)
        }
        headAndList(head, list, focus: selected, &buffer, body, context)
        return Chrome(title: text[.tracksTitle], context: context.navigator.learner?.name,
                      hints: menuHints(context, back: true))
    }

    static func statusSpans(_ status: LessonStatus, _ context: ViewContext) -> [Span] {
        let theme = context.theme
        let words = status.words(context.strings)
        switch status {
        case .new: return [Span(words, theme.muted)]
        case .inProgress: return [Span(words, theme.accent)]
        case .passed: return [Span(theme.right + " " + words, theme.correct)]
        case .failed: return [Span(theme.wrongMark + " " + words, theme.wrong)]
        case .changedSincePassed: return [Span(words, theme.warning)]
        }
    }

    static func lessons(_ buffer: inout ScreenBuffer, _ body: Rect, _ context: ViewContext, track: Track,
                        selected: Int) -> Chrome {
        let text = context.strings
        let theme = context.theme
        let lessons = context.navigator.lessons(of: track)
        var head = Document(width: body.width)
        asciiWarning(&head, context)
        var list = Document(width: body.width)
        let rows = lessons.isEmpty ? 0 : lessons.count + 1
        for (i, lesson) in lessons.enumerated() {
            MenuList.row(&list, index: i, count: rows, selected: i == selected, label: lesson.title,
                         right: statusSpans(context.navigator.status(of: lesson), context), context)
        }
        if rows > 0 {
            MenuList.row(&list, index: lessons.count, count: rows, selected: selected == lessons.count,
                         label: text[.reviewMenuItem], style: theme.accent, context)
        }
        if lessons.isEmpty { list.paragraph(text[.lessonsNone], style: theme.muted) }
        // The selected lesson's description and pass mark, below the list when there is room.
        var detail = Document(width: body.width)
        if lessons.indices.contains(selected) {
            let lesson = lessons[selected]
            detail.blank()
            if let description = lesson.description { detail.paragraph(description, style: theme.muted) }
            if let minutes = lesson.minutes {
                detail.paragraph(text(.lessonPassMarkMinutes, ["passMark": String(lesson.passMark), "minutes": String(minutes)]),
                                 style: theme.muted)
            } else {
                detail.paragraph(text(.lessonPassMark, ["passMark": String(lesson.passMark)]), style: theme.muted)
            }
            if let resumable = context.navigator.session.resumableAttempt(of: lesson) {
                let total = context.bank.scenarios(of: lesson).reduce(0) { $0 + $1.questions.count }
                detail.paragraph(text(.statusResume, ["answered": String(resumable.answered), "total": String(total)]),
                                 style: theme.accent)
                detail.paragraph(text[.lessonResumeNote], style: theme.muted)
            }
        } else if rows > 0 && selected == lessons.count {
            detail.blank()
            detail.paragraph(text[.reviewDescription], style: theme.muted)
        }
        let headRows = min(head.count, max(0, body.height - 2))
        buffer.draw(head, from: 0, in: Rect(x: body.x, y: body.y, width: body.width, height: headRows))
        let space = body.height - headRows
        let listHeight = min(list.count, space)
        MenuList.draw(list, focus: selected, in: Rect(x: body.x, y: body.y + headRows, width: body.width,
                                                      height: listHeight), &buffer, context)
        let detailRows = min(detail.count, space - listHeight)
        if detailRows > 0 {
            buffer.draw(detail, from: 0, in: Rect(x: body.x, y: body.y + headRows + listHeight, width: body.width,
                                                  height: detailRows))
        }
        return Chrome(title: text(.lessonsTitle, ["track": text[track.textKey]]), context: context.navigator.learner?.name,
                      hints: menuHints(context, back: true))
    }

    /// "A learner called X exists: is that you?" Yes asks for their PIN when they have one.
    static func nameTaken(_ buffer: inout ScreenBuffer, _ body: Rect, _ context: ViewContext, name: String,
                          selected: Int) -> Chrome {
        let text = context.strings
        var head = Document(width: body.width)
        head.paragraph(text(.nameTakenQuestion, ["name": name]), style: context.theme.heading)
        head.blank()
        var list = Document(width: body.width)
        MenuList.row(&list, index: 0, count: 2, selected: selected == 0, label: text[.nameTakenYes], context)
        MenuList.row(&list, index: 1, count: 2, selected: selected == 1, label: text[.nameTakenNo], context)
        headAndList(head, list, focus: selected, &buffer, body, context)
        return Chrome(title: text[.nameTakenTitle], context: nil, hints: menuHints(context, back: true), globalKeys: false)
    }

    static func contentNote(_ buffer: inout ScreenBuffer, _ body: Rect, _ context: ViewContext, selected: Int) -> Chrome {
        let text = context.strings
        let theme = context.theme
        var head = Document(width: body.width)
        head.paragraph(text[.contentNoteTitle], style: theme.warning)
        head.paragraph(context.navigator.currentScenario?.contentNote ?? "", style: theme.plain)
        head.blank()
        var list = Document(width: body.width)
        MenuList.row(&list, index: 0, count: 2, selected: selected == 0, label: text[.contentNoteContinue], context)
        MenuList.row(&list, index: 1, count: 2, selected: selected == 1, label: text[.contentNoteSkip], context)
        // Skipping is free, but it leaves the scene unanswered; say so before the learner chooses.
        list.blank()
        list.paragraph(text[.contentNoteSkipCounts], style: theme.muted)
        headAndList(head, list, focus: selected, &buffer, body, context)
        return Chrome(title: context.lessonTitle ?? text[.contentNoteTitle], context: nil,
                      hints: [Hint(text[.keyEnter], text[.hintChoose]), Hint(context.arrows, text[.hintMove])])
    }
}
