import Testing
@testable import LookoutTerminal
import LookoutUI

@Suite struct KeyTests {
    @Test func characterCodes() {
        #expect(Key.fromCharacterCode(10) == .enter)
        #expect(Key.fromCharacterCode(13) == .enter)          // tmux send-keys Enter under nonl()
        #expect(Key.fromCharacterCode(127) == .backspace)
        #expect(Key.fromCharacterCode(8) == .backspace)
        #expect(Key.fromCharacterCode(27) == .escape)
        #expect(Key.fromCharacterCode(9) == .tab)
        #expect(Key.fromCharacterCode(3) == .control(3))
        #expect(Key.fromCharacterCode(0x9B) == .unknown(0x9B)) // C1 CSI is never a character
        #expect(Key.fromCharacterCode(0xD800) == .unknown(0xD800))
        #expect(Key.fromCharacterCode(UInt32(("j" as Unicode.Scalar).value)) == .char("j"))
        #expect(Key.fromCharacterCode(0x1780) == .char("ក"))
        #expect(Key.control(3).description == "ctrl-C")
    }

    /// The ncurses key codes (curses.h, octal) map to the named keys.
    @Test func escapeSequencesTheTerminalDescriptionMissed() {
        #expect(Key.fromEscapeSequence("[1~") == .home)
        #expect(Key.fromEscapeSequence("[4~") == .end)
        #expect(Key.fromEscapeSequence("OH") == .home)
        #expect(Key.fromEscapeSequence("[F") == .end)
        #expect(Key.fromEscapeSequence("[5~") == .pageUp)
        #expect(Key.fromEscapeSequence("[6~") == .pageDown)
        #expect(Key.fromEscapeSequence("[A") == .up)
        #expect(Key.fromEscapeSequence("[24~") == .function(12))
        // A complete but unknown sequence is swallowed as an unknown key: its letters are never typed.
        #expect(Key.fromEscapeSequence("[99~") == .unknown(-1))
        // Not a control sequence: the ESC was the Esc key.
        #expect(Key.fromEscapeSequence("") == nil)
        #expect(Key.fromEscapeSequence("x") == nil)
        #expect(Key.endsEscapeSequence("[1", with: "~"))
        #expect(!Key.endsEscapeSequence("[", with: "1"))
        #expect(Key.endsEscapeSequence("O", with: "H"))
    }

    @Test func ncursesKeyCodes() {
        #expect(Terminal.key(forKeyCode: 0o403) == .up)
        #expect(Terminal.key(forKeyCode: 0o402) == .down)
        #expect(Terminal.key(forKeyCode: 0o404) == .left)
        #expect(Terminal.key(forKeyCode: 0o405) == .right)
        #expect(Terminal.key(forKeyCode: 0o527) == .enter)    // KEY_ENTER
        #expect(Terminal.key(forKeyCode: 0o407) == .backspace)
        #expect(Terminal.key(forKeyCode: 0o632) == .resize)
        #expect(Terminal.key(forKeyCode: 0o523) == .pageUp)
        #expect(Terminal.key(forKeyCode: 0o522) == .pageDown)
        #expect(Terminal.key(forKeyCode: 0o406) == .home)
        #expect(Terminal.key(forKeyCode: 0o550) == .end)
        #expect(Terminal.key(forKeyCode: 0o410 + 1) == .function(1))
        #expect(Terminal.key(forKeyCode: 0o410 + 12) == .function(12))
        #expect(Terminal.key(forKeyCode: 0o410) == .unknown(0o410))    // F0 does not exist
    }
}
