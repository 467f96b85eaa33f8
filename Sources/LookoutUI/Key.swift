/// A key press, as the terminal adapter reports it. Pure data, so key handling can be tested without a terminal.
public enum Key: Hashable, Sendable, CustomStringConvertible {
    /// A printable character (never a control character).
    case char(Character)
    case up, down, left, right
    /// Enter or Return: 10, 13 or the keypad's KEY_ENTER.
    case enter
    /// Backspace: 8, 127 or KEY_BACKSPACE.
    case backspace
    case delete
    case escape
    case tab, backTab
    /// F1 to F63.
    case function(Int)
    case pageUp, pageDown, home, end
    /// The terminal changed size; read the new size from the terminal.
    case resize
    /// Another control character: Ctrl-A is 1, Ctrl-Z is 26.
    case control(UInt8)
    /// A key code the adapter does not name.
    case unknown(Int32)

    public var description: String {
        switch self {
        case .char(let c): "char(\(c))"
        case .up: "up"
        case .down: "down"
        case .left: "left"
        case .right: "right"
        case .enter: "enter"
        case .backspace: "backspace"
        case .delete: "delete"
        case .escape: "escape"
        case .tab: "tab"
        case .backTab: "backTab"
        case .function(let n): "F\(n)"
        case .pageUp: "pageUp"
        case .pageDown: "pageDown"
        case .home: "home"
        case .end: "end"
        case .resize: "resize"
        case .control(let n): "ctrl-\(Character(Unicode.Scalar(n + 64)))"
        case .unknown(let code): "key(\(code))"
        }
    }

    /// The key for a character code read from the terminal (not a function-key code).
    ///
    /// 10 and 13 are Enter (tmux sends 13 under `nonl`), 8 and 127 Backspace, 9 Tab, 27 Escape; other codes below
    /// 32 are controls. Other C1 controls and invalid scalars are unknown keys, so nothing unprintable becomes a
    /// character.
    public static func fromCharacterCode(_ code: UInt32) -> Key {
        switch code {
        case 10, 13: return .enter
        case 8, 127: return .backspace
        case 9: return .tab
        case 27: return .escape
        case 0..<32: return .control(UInt8(code))
        case 0x80...0x9F: return .unknown(Int32(bitPattern: code))
        default:
            guard let scalar = Unicode.Scalar(code) else { return .unknown(Int32(bitPattern: code)) }
            return .char(Character(scalar))
        }
    }

    /// The key for an escape sequence the terminal's description did not name, from the characters after ESC (for
    /// example "[1~" for Home as tmux, the Linux console and PuTTY send it). `nil` when the characters do not start
    /// a control sequence (`[` or `O`): then the ESC was the Esc key. A complete sequence that is not known is an
    /// unknown key, so its characters are never taken as typed letters or digits.
    public static func fromEscapeSequence(_ rest: String) -> Key? {
        guard let first = rest.first, first == "[" || first == "O" else { return nil }
        switch rest {
        case "[1~", "[7~", "[H", "OH": return .home
        case "[4~", "[8~", "[F", "OF": return .end
        case "[5~": return .pageUp
        case "[6~": return .pageDown
        case "[3~": return .delete
        case "[A", "OA": return .up
        case "[B", "OB": return .down
        case "[C", "OC": return .right
        case "[D", "OD": return .left
        case "[Z": return .backTab
        case "OP", "[11~": return .function(1)
        case "OQ", "[12~": return .function(2)
        case "OR", "[13~": return .function(3)
        case "OS", "[14~": return .function(4)
        case "[24~": return .function(12)
        default: return .unknown(-1)
        }
    }

    /// Whether `character` ends a control sequence that started with `[` (a final byte, 0x40 to 0x7E) or with `O`
    /// (any one character).
    public static func endsEscapeSequence(_ sequence: String, with character: Character) -> Bool {
        if sequence == "O" { return true }
        guard let ascii = character.asciiValue else { return true }
        return (0x40...0x7E).contains(ascii)
    }
}
