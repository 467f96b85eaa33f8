import LookoutCore
import LookoutText

/// The trainer's screens as pure functions of its state: `render` draws the whole window into a cell buffer (the
/// adapter writes only the cells that changed). All text comes from the trainer's catalog (``UIStrings``).
///
/// Every screen has the same frame: a header row (where you are, and the quick-exit key), a rule, the body, a rule,
/// and a status line with the keys that work now, or the trainer's message. Overlays (help, support, quit) are boxes
/// drawn over the screen. Below ``minimumSize`` only a short "enlarge the window" message is shown; the state is
/// untouched, so the screen comes back as soon as the window is large enough.
public enum TrainerView {
    /// The smallest window the screens are laid out for.
    public static let minimumSize = Size(width: 40, height: 12)

    public static func render(_ navigator: Navigator, size: Size, capabilities: ViewCapabilities) -> ScreenBuffer {
        var buffer = ScreenBuffer(size: size)
        let context = ViewContext(navigator: navigator, theme: Theme(capabilities: capabilities))
        if size.width < minimumSize.width || size.height < minimumSize.height {
            drawTooSmall(&buffer, context)
            return buffer
        }
        let body = Rect(x: 1, y: 2, width: size.width - 2, height: size.height - 4)
        // Help and support cover the body (the screen under them is not drawn); the quit question is a small box
        // over the screen.
        let panel: Bool
        switch navigator.overlay {
        case .help, .support: panel = true
        default: panel = false
        }
        var chrome = drawScreen(&buffer, body, context)
        if panel { buffer.fill(body) }
        if let overlay = navigator.overlay {
            chrome.hints = Overlays.hints(overlay, context)
            chrome.globalKeys = false
        }
        drawFrame(&buffer, chrome, context)
        if let overlay = navigator.overlay {
            buffer.cursor = nil
            switch overlay {
            case .help(let scroll): Overlays.help(&buffer, context, scroll: scroll)
            case .support(let scroll): Overlays.support(&buffer, context, scroll: scroll)
            case .confirmQuit: Overlays.confirmQuit(&buffer, context)
            case .confirmRestart(let id): Overlays.confirmRestart(&buffer, context, lessonID: id)
            }
        }
        return buffer
    }

    /// Draws the body of the current screen and returns what its frame shows.
    static func drawScreen(_ buffer: inout ScreenBuffer, _ body: Rect, _ context: ViewContext) -> Chrome {
        switch context.navigator.screen {
        case .learners(let selected): return MenuScreens.learners(&buffer, body, context, selected: selected)
        case .newLearner(let name): return MenuScreens.newLearner(&buffer, body, context, name: name)
        case .newLearnerPIN(let name, let length):
            let text = context.strings
            return FacilitatorScreens.secret(&buffer, body, context, title: text(.newLearnerPINTitle, ["name": name]),
                                             prompt: text[context.navigator.confirmingPIN ? .pinConfirmPrompt : .newLearnerPINPrompt],
                                             note: text[.newLearnerPINNote], length: length)
        case .learnerPIN(let name, let length):
            let text = context.strings
            return FacilitatorScreens.secret(&buffer, body, context, title: text(.learnerPINTitle, ["name": name]),
                                             prompt: text[.learnerPINPrompt], note: text[.learnerPINNote], length: length)
        case .nameTaken(let name, let selected): return MenuScreens.nameTaken(&buffer, body, context, name: name, selected: selected)
        case .tracks(let selected): return MenuScreens.tracks(&buffer, body, context, selected: selected)
        case .lessons(let track, let selected):
            return MenuScreens.lessons(&buffer, body, context, track: track, selected: selected)
        case .contentNote(let selected): return MenuScreens.contentNote(&buffer, body, context, selected: selected)
        case .question(let state): return QuestionScreen.draw(&buffer, body, context, state: state)
        case .feedback(let state, let result, let scroll):
            return FeedbackScreen.draw(&buffer, body, context, state: state, result: result, scroll: scroll)
        case .summary(let result, let scroll): return ResultScreens.summary(&buffer, body, context, result: result, scroll: scroll)
        case .progress(let scroll): return ResultScreens.progress(&buffer, body, context, scroll: scroll)
        case .facilitatorPassphrase(let length, let firstTime, let confirming):
            return FacilitatorScreens.passphrase(&buffer, body, context, length: length, firstTime: firstTime, confirming: confirming)
        case .facilitator(let view, let scroll):
            return FacilitatorScreens.results(&buffer, body, context, view: view, scroll: scroll)
        }
    }

    // MARK: Frame

    static func drawFrame(_ buffer: inout ScreenBuffer, _ chrome: Chrome, _ context: ViewContext) {
        let theme = context.theme
        let text = context.strings
        let width = buffer.width
        let height = buffer.height

        // Header: "Lookout · title" on the left, the context and the quick-exit key on the right. On a narrow window
        // the context gives way when the title would get fewer than 12 columns.
        var right: [Span] = []
        let lead = DisplayWidth.width(of: " " + text[.appName] + " " + theme.separator + " ")
        if let info = chrome.context {
            let titleRoom = width - 1 - DisplayWidth.width(of: info) - 2 - lead
            if titleRoom >= min(12, DisplayWidth.width(of: chrome.title)) { right.append(Span(info, theme.muted)) }
        }
        let quick = [Span(text[.headerQuickExit], theme.muted)]
        let quickWidth = quick.reduce(0) { $0 + $1.width }
        let rightWidth = right.reduce(0) { $0 + $1.width }
        if width - rightWidth - quickWidth - 3 >= 30 {
            if !right.isEmpty { right.append(Span(" " + theme.separator + " ", theme.muted)) }
            right += quick
        }
        let rightTotal = right.reduce(0) { $0 + $1.width }
        let rightX = width - 1 - rightTotal
        var x = buffer.write(" " + text[.appName], x: 0, y: 0, style: theme.title)
        if !chrome.title.isEmpty {
            x = buffer.write(" " + theme.separator + " ", x: x, y: 0, style: theme.muted)
            buffer.write(truncating: chrome.title, x: x, y: 0, width: max(0, rightX - 2 - x), style: theme.title,
                         ellipsis: theme.ellipsis)
        }
        var rx = rightX
        for span in right { rx = buffer.write(span.text, x: rx, y: 0, style: span.style) }

        let rule = String(repeating: theme.horizontal, count: width)
        buffer.write(rule, x: 0, y: 1, style: theme.border)
        buffer.write(rule, x: 0, y: height - 2, style: theme.border)
        drawTranslationNotice(&buffer, context, y: height - 2)
        drawStatus(&buffer, chrome, context, y: height - 1)
    }

    /// A translation says what it is on every screen, in one line: "draft translation" while the catalog or the
    /// scenario's translation is a draft, "English: no translation yet" on a scenario that has no current translation
    /// (it shows in English). It sits in the lower rule, from the third column to the end of the row: nothing is drawn
    /// to the right of it, so a terminal that measures Khmer differently cannot misalign anything after it.
    static func drawTranslationNotice(_ buffer: inout ScreenBuffer, _ context: ViewContext, y: Int) {
        guard let key = translationNotice(context.navigator) else { return }
        let x = 2
        let room = buffer.width - x
        guard room > 4 else { return }
        buffer.fill(Rect(x: x, y: y, width: room, height: 1))
        buffer.write(truncating: " " + context.strings[key], x: x, y: y, width: room,
                     style: context.theme.warning, ellipsis: context.theme.ellipsis)
    }

    /// Which translation notice the screen shows, if any.
    public static func translationNotice(_ navigator: Navigator) -> UIText? {
        let language = navigator.strings.uiLanguage
        guard language != .english else { return nil }
        if let scenario = navigator.currentScenario {
            switch navigator.bank.translationState(of: scenario.id, language: language.rawValue) {
            case .missing, .stale: return .englishFallbackNotice
            case .draft: return .draftTranslationNotice
            case .reviewed, .original: break
            }
        }
        return language.isDraft ? .draftTranslationNotice : nil
    }

    /// The status line: the trainer's message if there is one, else the keys that work now; `? help` (and on a wide
    /// window `s support`, `q quit`) at the right.
    static func drawStatus(_ buffer: inout ScreenBuffer, _ chrome: Chrome, _ context: ViewContext, y: Int) {
        let theme = context.theme
        let text = context.strings
        let width = buffer.width
        var fixed: [Hint] = []
        if chrome.globalKeys {
            if width >= 70 {
                fixed = [Hint(text[.keyS], text[.hintSupport]), Hint(text[.keyQ], text[.hintQuit])]
            }
            fixed.append(Hint(text[.keyQuestion], text[.hintHelp]))
        }
        let fixedWidth = fixed.isEmpty ? 0 : fixed.reduce(0) { $0 + $1.width } + 2 * (fixed.count - 1)
        let fixedX = width - 1 - fixedWidth
        var x = fixedX
        for (i, hint) in fixed.enumerated() {
            x = draw(hint, &buffer, x: x, y: y, theme: theme)
            if i < fixed.count - 1 { x += 2 }
        }
        let room = (fixed.isEmpty ? width - 1 : fixedX - 2) - 1
        if let message = context.navigator.message {
            buffer.write(truncating: message, x: 1, y: y, width: room, style: theme.warning, ellipsis: theme.ellipsis)
            return
        }
        x = 1
        for hint in chrome.hints {
            let needed = (x == 1 ? 0 : 2) + hint.width
            if x + needed > 1 + room { continue }
            if x > 1 { x += 2 }
            x = draw(hint, &buffer, x: x, y: y, theme: theme)
        }
    }

    @discardableResult
    static func draw(_ hint: Hint, _ buffer: inout ScreenBuffer, x: Int, y: Int, theme: Theme) -> Int {
        let end = buffer.write(hint.key, x: x, y: y, style: theme.key)
        return buffer.write(" " + hint.label, x: end, y: y, style: theme.muted)
    }

    static func drawTooSmall(_ buffer: inout ScreenBuffer, _ context: ViewContext) {
        let text = context.strings
        guard buffer.width > 0, buffer.height > 0 else { return }
        var lines = WordWrap.wrap(text[.tooSmall], width: buffer.width)
        lines += WordWrap.wrap(text(.tooSmallSize, [
            "width": String(minimumSize.width), "height": String(minimumSize.height),
            "currentWidth": String(buffer.width), "currentHeight": String(buffer.height),
        ]), width: buffer.width)
        let top = max(0, (buffer.height - lines.count) / 2)
        for (i, line) in lines.enumerated() {
            let x = max(0, (buffer.width - DisplayWidth.width(of: line)) / 2)
            buffer.write(line, x: x, y: top + i, style: i == 0 ? context.theme.warning : context.theme.plain)
        }
    }
}

/// What the frame around a screen shows.
struct Chrome {
    /// The header title (after "Lookout ·").
    var title: String
    /// Shown at the right of the header (such as "Question 1 of 2").
    var context: String?
    /// The keys that work on this screen, most important first.
    var hints: [Hint]
    /// Whether `?`, `s` and `q` work (not while typing a name).
    var globalKeys: Bool = true
}

/// A key and what it does, for the status line.
struct Hint {
    var key: String
    var label: String

    init(_ key: String, _ label: String) {
        self.key = key
        self.label = label
    }

    var width: Int { DisplayWidth.width(of: key) + 1 + DisplayWidth.width(of: label) }
}

/// What every screen function gets.
struct ViewContext {
    let navigator: Navigator
    let theme: Theme
    var strings: UIStrings { navigator.strings }
    var bank: Bank { navigator.bank }

    /// The arrow keys' name: ↑↓, or Up/Down without UTF-8.
    var arrows: String { strings[theme.utf8 ? .keyArrows : .keyArrowsASCII] }

    /// The title of the lesson running, if any.
    var lessonTitle: String? { navigator.run?.lesson.title }
}

/// Scrolling a document in a rectangle, with a "more below" marker on the last row when it does not fit.
enum Scrolling {
    /// Draws `document` scrolled by `scroll` lines (clamped) into `rect`. When it does not fit, the last row of the
    /// rectangle says there is more below (or, at the end, that PgUp goes back up).
    /// - Returns: the scroll actually used.
    @discardableResult
    static func draw(_ document: Document, scroll: Int, in rect: Rect, _ buffer: inout ScreenBuffer,
                     _ context: ViewContext) -> Int {
        guard rect.height > 0 else { return 0 }
        if document.count <= rect.height {
            buffer.draw(document, from: 0, in: rect)
            buffer.scroll = ScrollGeometry(page: rect.height, maxScroll: 0)
            return 0
        }
        let rows = max(1, rect.height - 1)
        let maxScroll = max(0, document.count - rows)
        buffer.scroll = ScrollGeometry(page: rows, maxScroll: maxScroll)
        let used = min(max(0, scroll), maxScroll)
        buffer.draw(document, from: used, in: Rect(x: rect.x, y: rect.y, width: rect.width, height: rows))
        marker(&buffer, x: rect.x, y: rect.bottom - 1, width: rect.width, more: used < maxScroll, context)
        return used
    }

    /// "▼ more below: PgDn" or "▲ PgUp: back up" on one row, in a rule.
    static func marker(_ buffer: inout ScreenBuffer, x: Int, y: Int, width: Int, more: Bool?, _ context: ViewContext) {
        let theme = context.theme
        buffer.write(String(repeating: theme.horizontal, count: max(0, width)), x: x, y: y, style: theme.border)
        guard let more else { return }
        let label = more ? " \(theme.moreBelow) \(context.strings[.moreBelow]) " : " \(theme.moreAbove) \(context.strings[.moreAbove]) "
        buffer.write(label, x: x + 2, y: y, style: theme.accent, limit: max(0, width - 2))
    }
}
