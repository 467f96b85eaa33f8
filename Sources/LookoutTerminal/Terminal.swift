// The thin ncurses adapter. Everything that touches ncurses is in this one file: the C shim keeps the signal flag in
// a `static` variable, and each Swift file that imports the shim would get its own copy.
import CNcursesw
import Glibc
import LookoutUI

/// Why the full-screen trainer cannot run here; the caller falls back to plain mode or explains.
public enum TerminalUnavailable: Error, Hashable, Sendable, CustomStringConvertible {
    /// Standard input is not a terminal (a pipe or a file).
    case inputNotATerminal
    /// Standard output is not a terminal.
    case outputNotATerminal
    /// `TERM` is not set.
    case termNotSet
    /// `TERM` is "dumb", or names a terminal with no cursor addressing.
    case dumbTerminal(String)
    /// `TERM` names a terminal the terminfo database does not know.
    case unknownTerminal(String)
    /// ncurses could not set up the screen.
    case setupFailed

    public var description: String {
        switch self {
        case .inputNotATerminal: "standard input is not a terminal"
        case .outputNotATerminal: "standard output is not a terminal"
        case .termNotSet: "the TERM environment variable is not set"
        case .dumbTerminal(let term): "the terminal '\(term)' cannot move the cursor"
        case .unknownTerminal(let term): "the terminal type '\(term)' is not known on this machine"
        case .setupFailed: "the terminal could not be set up"
        }
    }
}

/// A signal that asks the program to stop: save what was answered and restore the terminal.
public enum StopSignal: Int32, Sendable {
    case interrupt = 2     // SIGINT, Ctrl-C
    case hangup = 1        // SIGHUP, the SSH session or window went away
    case terminate = 15    // SIGTERM
}

/// What the terminal can show.
public struct TerminalCapabilities: Hashable, Sendable {
    /// Colours are used: the terminal has them and `NO_COLOR` is not set.
    public var colors: Bool
    /// The locale's character set is UTF-8; otherwise draw ASCII only (and warn the user).
    public var utf8: Bool
    /// The locale's character set name, such as "UTF-8" or "ANSI_X3.4-1968".
    public var codeset: String

    public init(colors: Bool, utf8: Bool, codeset: String) {
        self.colors = colors
        self.utf8 = utf8
        self.codeset = codeset
    }
}

/// The full-screen terminal: reads keys, and draws a ``ScreenBuffer`` by writing the cells that changed.
///
/// Use ``start(environment:)``; call ``stop()`` on every way out (it is idempotent, and also runs at process
/// exit). It never decides what to show.
public final class Terminal {
    public let capabilities: TerminalCapabilities
    private var screen: OpaquePointer?
    private var previous: ScreenBuffer?
    private var pairs: [UInt16: Int16] = [:]
    private var nextPair: Int16 = 1
    private var cursorVisible: Bool?
    private(set) public var isActive = false

    private init(capabilities: TerminalCapabilities, screen: OpaquePointer) {
        self.capabilities = capabilities
        self.screen = screen
        self.isActive = true
    }

    // MARK: Starting and stopping

    /// Sets the locale from the environment (`LANG`, `LC_ALL`, ...). Call once, first, before any terminal or
    /// wide-character work; ``start(environment:)`` calls it too.
    public static func setLocale() {
        _ = setlocale(LC_ALL, "")
    }

    /// The locale's character set after ``setLocale()``.
    public static func codeset() -> String {
        guard let name = lookout_codeset() else { return "" }
        return String(cString: name)
    }

    /// Checks that the full screen can run, without touching the screen: stdin and stdout are terminals, and `TERM`
    /// names a terminal that can address the cursor.
    public static func check(environment: [String: String]) -> TerminalUnavailable? {
        if isatty(STDIN_FILENO) == 0 { return .inputNotATerminal }
        if isatty(STDOUT_FILENO) == 0 { return .outputNotATerminal }
        guard let term = environment["TERM"], !term.isEmpty else { return .termNotSet }
        if term == "dumb" { return .dumbTerminal(term) }
        switch lookout_terminal_kind(term) {
        case 0: return .unknownTerminal(term)
        case 1: return .dumbTerminal(term)
        default: return nil
        }
    }

    /// Starts the full screen.
    ///
    /// Sets the locale, checks the terminal (``check(environment:)``), installs the SIGINT, SIGTERM and SIGHUP flags
    /// (read them with ``takeStopSignal()``), then sets up ncurses: no echo, keys one at a time, keypad keys,
    /// a short Esc delay, the terminal's default colours unless `NO_COLOR` is set or the terminal has none.
    /// - Throws: ``TerminalUnavailable`` when the full screen cannot be used; nothing has been drawn then.
    public static func start(environment: [String: String]) throws(TerminalUnavailable) -> Terminal {
        setLocale()
        if let problem = check(environment: environment) { throw problem }
        if lookout_install_signal_flags() != 0 { throw .setupFailed }
        lookout_save_termios()
        _ = set_escdelay(25)
        guard let screen = lookout_newterm() else { throw .setupFailed }
        _ = set_term(screen)
        lookout_install_crash_restore()
        if !Terminal.atExitInstalled {
            Terminal.atExitInstalled = true
            atexit { lookout_endwin_at_exit() }
        }

        let window = lookout_stdscr()
        _ = cbreak()
        _ = noecho()
        _ = nonl()
        _ = keypad(window, true)
        _ = intrflush(window, false)
        _ = leaveok(window, false)
        _ = scrollok(window, false)

        let noColor = !(environment["NO_COLOR"] ?? "").isEmpty
        var colors = false
        if !noColor, has_colors() {
            if start_color() == OK {
                _ = use_default_colors()
                colors = true
            }
        }
        let codeset = codeset()
        let utf8 = codeset.uppercased() == "UTF-8" || codeset.uppercased() == "UTF8"
        let terminal = Terminal(capabilities: TerminalCapabilities(colors: colors, utf8: utf8, codeset: codeset),
                                screen: screen)
        Terminal.active = true
        return terminal
    }

    /// Restores the terminal (`endwin`). Safe to call more than once.
    ///
    /// With `clearingScreen` (the quick exit), the terminal's own screen is cleared too once the full screen is gone,
    /// so nothing of the session or the command that started it is left to read.
    public func stop(clearingScreen: Bool = false) {
        guard isActive else { return }
        isActive = false
        Terminal.active = false
        _ = curs_set(1)
        _ = endwin()
        if clearingScreen, let clear = tigetstr("clear"), Int(bitPattern: clear) != -1 {
            _ = write(STDOUT_FILENO, clear, strlen(clear))
        }
        lookout_disarm_crash_restore()
        if let screen {
            delscreen(screen)
            self.screen = nil
        }
        previous = nil
    }

    deinit { stop() }

    nonisolated(unsafe) fileprivate static var active = false
    nonisolated(unsafe) private static var atExitInstalled = false

    // MARK: Input

    /// The signal that asked the program to stop since the last call, if any (cleared by reading it).
    public static func takeStopSignal() -> StopSignal? {
        let sig = lookout_take_signal()
        return sig == 0 ? nil : StopSignal(rawValue: sig)
    }

    /// Waits up to `timeoutMilliseconds` for a key (a negative timeout waits for ever).
    ///
    /// - Returns: the key, or nil when the time ran out or a signal arrived (check ``takeStopSignal()``).
    public func readKey(timeoutMilliseconds: Int32) -> Key? {
        guard isActive else { return nil }
        let window = lookout_stdscr()
        wtimeout(window, timeoutMilliseconds)
        var code: wint_t = 0
        let result = wget_wch(window, &code)
        if result == ERR { return nil }
        if result == KEY_CODE_YES { return Terminal.key(forKeyCode: Int32(bitPattern: code)) }
        let key = Key.fromCharacterCode(UInt32(code))
        if key == .escape { return readEscapeSequence(window) }
        return key
    }

    /// After an ESC that ncurses did not decode: the characters that follow at once (within 30 ms) are read as a
    /// control sequence such as "[1~" (Home) or "[4~" (End), so they never act as Esc followed by typed keys (Home
    /// twice used to be Esc Esc, the quick exit). A lone ESC, or ESC followed by anything else, is the Esc key; the
    /// other character is put back.
    func readEscapeSequence(_ window: UnsafeMutablePointer<WINDOW>?) -> Key {
        wtimeout(window, 30)
        var sequence = ""
        while sequence.count < 8 {
            var code: wint_t = 0
            let result = wget_wch(window, &code)
            if result == ERR { break }
            if result == KEY_CODE_YES || sequence.isEmpty && code != 0x5B && code != 0x4F {
                // Not a control sequence: Esc, then this key on the next read.
                if result == KEY_CODE_YES { _ = ungetch(Int32(bitPattern: code)) } else { _ = unget_wch(wchar_t(bitPattern: code)) }
                return .escape
            }
            guard let scalar = Unicode.Scalar(UInt32(code)) else { break }
            let character = Character(scalar)
            sequence.append(character)
            if sequence.count > 1 && Key.endsEscapeSequence(String(sequence.dropLast()), with: character) { break }
        }
        return Key.fromEscapeSequence(sequence) ?? .escape
    }

    static func key(forKeyCode code: Int32) -> Key {
        switch code {
        case KEY_UP: return .up
        case KEY_DOWN: return .down
        case KEY_LEFT: return .left
        case KEY_RIGHT: return .right
        case KEY_ENTER: return .enter
        case KEY_BACKSPACE: return .backspace
        case KEY_DC: return .delete
        case KEY_BTAB: return .backTab
        case KEY_PPAGE: return .pageUp
        case KEY_NPAGE: return .pageDown
        case KEY_HOME: return .home
        case KEY_END: return .end
        case KEY_RESIZE: return .resize
        default:
            let f0 = lookout_key_f(0)
            if code > f0, code <= f0 + 63 { return .function(Int(code - f0)) }
            return .unknown(code)
        }
    }

    // MARK: Output

    /// The terminal's size now (after a ``Key/resize`` it is already the new size).
    public var size: Size {
        guard isActive else { return Size(width: 0, height: 0) }
        let window = lookout_stdscr()
        return Size(width: Int(getmaxx(window)), height: Int(getmaxy(window)))
    }

    /// Draws a frame: writes the cells that differ from the last frame drawn, places the cursor, refreshes.
    ///
    /// A frame of a new size, or the first one, clears the screen and is drawn whole.
    public func draw(_ frame: ScreenBuffer) {
        guard isActive else { return }
        let window = lookout_stdscr()
        if previous == nil || previous?.size != frame.size { _ = werase(window) }
        let runs = ScreenBuffer.diff(from: previous, to: frame)
        for run in runs {
            var x = run.x
            for cell in run.cells {
                defer { x += 1 }
                if cell.isContinuation { continue }
                put(cell, x: x, y: run.y, window: window)
            }
        }
        if let cursor = frame.cursor, cursor.x >= 0, cursor.x < frame.width, cursor.y >= 0, cursor.y < frame.height {
            setCursorVisible(true)
            _ = wmove(window, Int32(cursor.y), Int32(cursor.x))
        } else {
            setCursorVisible(false)
            _ = wmove(window, 0, 0)
        }
        _ = wrefresh(window)
        previous = frame
    }

    /// Forgets the last frame so the next ``draw(_:)`` repaints everything (after Ctrl-L, or on resume).
    public func invalidate() {
        previous = nil
        guard isActive else { return }
        _ = clearok(lookout_stdscr(), true)
    }

    /// Clears the screen at once (quick exit), before ``stop()``.
    public func clearNow() {
        guard isActive else { return }
        let window = lookout_stdscr()
        _ = werase(window)
        _ = wrefresh(window)
        previous = nil
    }

    private func setCursorVisible(_ visible: Bool) {
        guard cursorVisible != visible else { return }
        cursorVisible = visible
        _ = curs_set(visible ? 1 : 0)
    }

    private func put(_ cell: Cell, x: Int, y: Int, window: UnsafeMutablePointer<WINDOW>?) {
        var scalars: [wchar_t] = []
        if capabilities.utf8 {
            for scalar in cell.symbol.unicodeScalars.prefix(Cell.maxScalars) {
                scalars.append(wchar_t(bitPattern: scalar.value))
            }
        } else {
            // A non-UTF-8 locale cannot encode anything but ASCII: keep the columns, show '?'.
            let ascii = cell.symbol.unicodeScalars.first.map { $0.isASCII } ?? false
            if ascii, let first = cell.symbol.unicodeScalars.first {
                scalars.append(wchar_t(bitPattern: first.value))
            } else {
                scalars.append(wchar_t(63))
                if cell.width == 2 { scalars.append(wchar_t(63)) }
            }
        }
        let (attributes, pair) = attributesAndPair(for: cell.style)
        if scalars.count == 2, !capabilities.utf8 {
            // two '?' for a wide character in an ASCII locale: two narrow cells
            for (i, c) in scalars.enumerated() { putOne([c], x: x + i, y: y, attributes: attributes, pair: pair, window: window) }
            return
        }
        putOne(scalars, x: x, y: y, attributes: attributes, pair: pair, window: window)
    }

    private func putOne(_ scalars: [wchar_t], x: Int, y: Int, attributes: attr_t, pair: Int16, window: UnsafeMutablePointer<WINDOW>?) {
        var chars = scalars
        chars.append(0)
        var cc = cchar_t()
        let ok = chars.withUnsafeBufferPointer { buffer in setcchar(&cc, buffer.baseAddress, attributes, pair, nil) }
        guard ok == OK else { return }
        // Writing the bottom-right cell reports an error because the cursor cannot move past it; the cell is drawn.
        _ = mvwadd_wch(window, Int32(y), Int32(x), &cc)
    }

    /// The curses attributes and colour pair for a style. Without colours, a selected background becomes reverse
    /// video and a title becomes bold, so nothing depends on colour.
    private func attributesAndPair(for style: Style) -> (attr_t, Int16) {
        var attributes = lookout_a_normal()
        if style.isBold { attributes |= lookout_a_bold() }
        if style.isReverse { attributes |= lookout_a_reverse() }
        if style.isUnderline { attributes |= lookout_a_underline() }
        if style.isDim { attributes |= lookout_a_dim() }
        if style.background == .selection { attributes |= lookout_a_reverse() }
        guard capabilities.colors else {
            if style.foreground == .title { attributes |= lookout_a_bold() }
            if style.foreground == .muted { attributes |= lookout_a_dim() }
            return (attributes, 0)
        }
        if style.foreground == .muted { attributes |= lookout_a_dim() }
        let foreground = Terminal.colour(for: style.foreground)
        let background: Int16 = -1     // backgrounds stay the terminal's own; selection is reverse video
        if foreground == -1 { return (attributes, 0) }
        let key = UInt16(style.foreground.rawValue) << 8 | UInt16(style.background.rawValue)
        if let pair = pairs[key] { return (attributes, pair) }
        guard Int32(nextPair) < lookout_color_pairs(), init_pair(nextPair, foreground, background) == OK else {
            return (attributes, 0)
        }
        pairs[key] = nextPair
        nextPair += 1
        return (attributes, pairs[key] ?? 0)
    }

    /// The curses colour of a role, or -1 for the terminal's default.
    static func colour(for role: ColorRole) -> Int16 {
        switch role {
        case .default, .muted, .selection: return -1
        case .title: return Int16(COLOR_CYAN)
        case .accent: return Int16(COLOR_YELLOW)
        case .correct: return Int16(COLOR_GREEN)
        case .wrong: return Int16(COLOR_RED)
        case .warning: return Int16(COLOR_MAGENTA)
        case .border: return Int16(COLOR_BLUE)
        }
    }
}

/// Runs at process exit: if the screen is still set up (an early `exit`), restore the terminal.
private func lookout_endwin_at_exit() {
    if Terminal.active, isendwin() == false {
        _ = endwin()
    }
}
