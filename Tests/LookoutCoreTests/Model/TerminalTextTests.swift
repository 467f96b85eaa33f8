import Testing
@testable import LookoutCore

/// The one terminal-safe text path (issue 10).
@Suite struct TerminalTextTests {
    @Test func controlsAndEscapesBecomeVisible() {
        #expect(TerminalText.safe("a\u{1B}]52;c;aGk=\u{07}b") == "a\\u{1b}]52;c;aGk=\\u{7}b")
        #expect(TerminalText.safe("\u{1B}[2J") == "\\u{1b}[2J")
        #expect(TerminalText.safe("x\u{9B}31m") == "x\\u{9b}31m")      // C1 CSI
        #expect(TerminalText.safe("del\u{7F}") == "del\\u{7f}")
        #expect(TerminalText.safe("nul\u{0}") == "nul\\u{0}")
        #expect(TerminalText.safe("line\nbreak\tand\r") == "line\\u{a}break\\u{9}and\\u{d}")
        #expect(TerminalText.safe("សួស្តី Dara 🌱") == "សួស្តី Dara 🌱")
    }

    @Test func bidiControlsBecomeVisible() {
        for v: UInt32 in [0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069, 0x200E, 0x200F, 0x061C] {
            let scalar = Unicode.Scalar(v)!
            #expect(TerminalText.isBidiControl(scalar))
            #expect(TerminalText.safe("a\(Character(scalar))b") == "a\\u{\(String(v, radix: 16))}b")
        }
        // Zero-width space between Khmer words and joiners stay: they reorder nothing.
        #expect(TerminalText.safe("ក\u{200B}ខ\u{200D}") == "ក\u{200B}ខ\u{200D}")
    }

    @Test func linesKeepLineFeedsTabsAndCRLF() {
        #expect(TerminalText.safeLines("a\nb\tc\r\nd") == "a\nb\tc\r\nd")
        #expect(TerminalText.safeLines("over\rwrite") == "over\\u{d}write")
        #expect(TerminalText.safeLines("a\u{1B}[31mred\n") == "a\\u{1b}[31mred\n")
        // Idempotent: safe text stays as it is.
        let once = TerminalText.safeLines("x\u{202E}y\u{1B}")
        #expect(TerminalText.safeLines(once) == once)
        #expect(!TerminalText.containsUnsafe(once))
    }

    @Test func jsonStaysValidJSON() {
        #expect(TerminalText.jsonSafe("{\"n\":\"a\u{9B}b\u{202E}c\u{7F}\"}\n") == "{\"n\":\"a\\u009bb\\u202ec\\u007f\"}\n")
        #expect(TerminalText.jsonSafe("{\"n\":\"plain\"}") == "{\"n\":\"plain\"}")
    }

    @Test func invisibleNames() {
        #expect(TerminalText.isInvisible(""))
        #expect(TerminalText.isInvisible("\u{200B}\u{200B}"))
        #expect(TerminalText.isInvisible("\u{3164}"))          // Hangul filler
        #expect(TerminalText.isInvisible("\u{2060}\u{FEFF} \u{00A0}"))
        #expect(TerminalText.isInvisible("\u{115F}\u{2800}"))
        #expect(!TerminalText.isInvisible("Dara"))
        #expect(!TerminalText.isInvisible("សុខា"))
        #expect(!TerminalText.isInvisible("🌱"))
        #expect(!TerminalText.isInvisible("\u{200B}a"))
    }

    @Test func bankIDsFromOutsideTheBank() {
        #expect(BankID.isValid("desk-1"))
        #expect(BankID.isValid("6f1c2d3e-0000-4000-8000-000000000001"))
        #expect(!BankID.isValid(""))
        #expect(!BankID.isValid("-x"))
        #expect(!BankID.isValid("a\u{1B}"))
        #expect(!BankID.isValid("a b"))
        #expect(!BankID.isValid(String(repeating: "a", count: 129)))
    }
}
