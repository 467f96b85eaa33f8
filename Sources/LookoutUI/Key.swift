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
}
