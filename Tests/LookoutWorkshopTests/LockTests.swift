import LookoutTestSupport
import Crypto
import Foundation
@testable import LookoutApp
import LookoutCore
import LookoutStore
import Testing

@Suite struct PassphraseHashTests {
    @Test func storedFormat() throws {
        let stored = try PassphraseHash.make("correct horse battery")
        let parts = stored.split(separator: "$").map(String.init)
        #expect(parts.count == 4)
        #expect(parts[0] == "pbkdf2-sha256")
        #expect(parts[1] == "600000")
        #expect(Data(base64Encoded: parts[2])?.count == 16)
        #expect(Data(base64Encoded: parts[3])?.count == 32)
        #expect(!stored.contains("correct"))
        #expect(PassphraseHash.verify("correct horse battery", against: stored) == .match)
        #expect(PassphraseHash.verify("correct horse batterY", against: stored) == .mismatch)
        #expect(PassphraseHash.verify("", against: stored) == .mismatch)
        // A new random salt every time.
        #expect(try PassphraseHash.make("correct horse battery") != stored)
    }

    @Test func isPBKDF2HMACSHA256() throws {
        // RFC 7914, section 11: PBKDF2-HMAC-SHA256, P = "passwd", S = "salt", c = 1 (first 32 bytes).
        let vector = try PassphraseHash.make("passwd", salt: Array("salt".utf8), iterations: 1)
        let expected = Data([0x55, 0xac, 0x04, 0x6e, 0x56, 0xe3, 0x08, 0x9f, 0xec, 0x16, 0x91, 0xc2, 0x25, 0x44, 0xb6, 0x05,
                             0xf9, 0x41, 0x85, 0x21, 0x6d, 0xde, 0x04, 0x65, 0xe6, 0x8b, 0x9d, 0x57, 0xc2, 0x0d, 0xac, 0xbc])
        #expect(vector.split(separator: "$").last.map(String.init) == expected.base64EncodedString())

        // An independent PBKDF2 (RFC 8018) on swift-crypto's HMAC, one block of 32 bytes, over the
        // NFC UTF-8 bytes of a Khmer passphrase.
        let salt = Array("0123456789abcdef".utf8)
        let password = SymmetricKey(data: Array("passphrase-ខ្មែរ".utf8))
        let iterations = 2_000
        var u = Array(HMAC<SHA256>.authenticationCode(for: salt + [0, 0, 0, 1], using: password))
        var t = u
        for _ in 1..<iterations {
            u = Array(HMAC<SHA256>.authenticationCode(for: u, using: password))
            for i in 0..<t.count { t[i] ^= u[i] }
        }
        let stored = try PassphraseHash.make("passphrase-ខ្មែរ", salt: salt, iterations: iterations)
        #expect(stored == "pbkdf2-sha256$\(iterations)$\(Data(salt).base64EncodedString())$\(Data(t).base64EncodedString())")
        // Stored hashes with so few iterations are refused, and so are new ones.
        #expect(PassphraseHash.verify("passphrase-ខ្មែរ", against: stored) == .malformed)
        #expect(throws: PassphraseHashError.tooFewIterations(2_000)) { try PassphraseHash.make("passphrase-ខ្មែរ", iterations: 2_000) }
    }

    @Test func normalisationMakesTheSameTextMatch() throws {
        // "é" typed as one code point or as e + combining accent.
        let stored = try PassphraseHash.make("caf\u{E9} au lait")
        #expect(PassphraseHash.verify("cafe\u{301} au lait", against: stored) == .match)
    }

    @Test func malformedStoredValues() {
        let good = "pbkdf2-sha256$600000$MDEyMzQ1Njc4OWFiY2RlZg==$" + Data(repeating: 1, count: 32).base64EncodedString()
        #expect(PassphraseHash.verify("x", against: good) == .mismatch)
        for bad in ["", "plain text", "md5$600000$MDEyMzQ1Njc4OWFiY2RlZg==$AAAA",
                    "pbkdf2-sha256$1000$MDEyMzQ1Njc4OWFiY2RlZg==$" + Data(repeating: 1, count: 32).base64EncodedString(),
                    "pbkdf2-sha256$99999999999$MDEyMzQ1Njc4OWFiY2RlZg==$" + Data(repeating: 1, count: 32).base64EncodedString(),
                    "pbkdf2-sha256$600000$short$" + Data(repeating: 1, count: 32).base64EncodedString(),
                    "pbkdf2-sha256$600000$MDEyMzQ1Njc4OWFiY2RlZg==$AAAA"] {
            #expect(PassphraseHash.verify("x", against: bad) == .malformed, "\(bad)")
        }
    }

    @Test func rules() {
        #expect(PassphraseHash.problem(with: "short") != nil)
        #expect(PassphraseHash.problem(with: " leading space") != nil)
        #expect(PassphraseHash.problem(with: "tab\there ok") != nil)
        #expect(PassphraseHash.problem(with: "ពាក្យសម្ងាត់") == nil)
        #expect(PassphraseHash.problem(with: "long enough") == nil)
    }

    @Test func delaysDouble() {
        #expect((1...7).map { SecretLock.delay(afterFailures: $0) } == [1, 2, 4, 8, 16, 16, 16])
    }
}

/// The lock, with the real program on a real store.
@Suite final class LockTests {
    static let passphrase = "Tonle Sap 2026!"

    let folders = TemporaryFolders()
    let bankDir: String
    let dataDir: String
    let importFile: String
    let outDir: String

    init() throws {
        bankDir = try WorkshopFixture.writeBank(to: folders.make("lookout-bank"))
        dataDir = try WorkshopFixture.makeStore(prefix: "a-")
        folders.track(dataDir)
        outDir = try folders.make("lookout-out")
        // A file from another laptop to import.
        let other = try WorkshopFixture.makeStore(prefix: "b-")
        folders.track(other)
        importFile = outDir + "/other.json"
        let exported = try Lookout.run(["export", "--out", importFile, "--label", "laptop 2", "--data-dir", other])
        #expect(exported.status == 0, "\(exported.stderr)")
    }

    /// Every command the lock guards, in an order that works when all succeed.
    var guarded: [(name: String, arguments: [String], stdin: String?)] {
        [
            ("report", ["report", "--bank", bankDir], nil),
            ("progress", ["progress", "--bank", bankDir], nil),
            ("certificate", ["certificate", "--learner", "Alice", "--lesson", "L1", "--bank", bankDir], nil),
            ("export", ["export", "--out", outDir + "/mine.json", "--force"], nil),
            ("import", ["import", importFile], nil),
            ("learners remove", ["learners", "remove", "Carol", "--yes"], nil),
            ("progress reset", ["progress", "reset", "--learner", "Bob", "--yes"], nil),
            ("facilitator set-passphrase", ["facilitator", "set-passphrase", "--stdin"], Self.passphrase + "\n"),
            ("facilitator clear-passphrase", ["facilitator", "clear-passphrase"], nil),
        ]
    }

    func run(_ arguments: [String], stdin: String? = nil, passphrase: String? = nil) throws -> Lookout.Output {
        try Lookout.run(arguments + ["--data-dir", dataDir], environment: passphrase.map { ["LOOKOUT_PASSPHRASE": $0] } ?? [:],
                              stdin: stdin)
    }

    func setPassphrase() throws {
        let out = try run(["facilitator", "set-passphrase", "--stdin"], stdin: Self.passphrase + "\n")
        #expect(out.status == 0, "\(out.stderr)")
        #expect(out.stdout.contains("Facilitator passphrase set."))
    }

    func counts() throws -> (learners: Int, events: Int, meta: String?) {
        let store = try ProgressStore.open(directory: dataDir)
        defer { try? store.close() }
        return (try store.learners().count, try store.eventCount(), try store.meta(FacilitatorLock.metaKey))
    }

    @Test func withoutAPassphraseEverythingIsOpen() throws {
        let status = try run(["facilitator", "status"])
        #expect(status.stdout.contains("No facilitator passphrase is set"))
        for command in guarded where command.name != "facilitator clear-passphrase" && command.name != "facilitator set-passphrase" {
            let out = try run(command.arguments, stdin: command.stdin)
            #expect(out.status == 0, "\(command.name): \(out.stderr)")
        }
        let clear = try run(["facilitator", "clear-passphrase"])
        #expect(clear.status == 0 && clear.stdout.contains("nothing to clear"))
    }

    @Test func theLockHoldsForEveryGuardedCommand() throws {
        try setPassphrase()
        let before = try counts()
        #expect(before.meta?.hasPrefix("pbkdf2-sha256$600000$") == true)
        #expect(before.meta?.contains(Self.passphrase) == false)

        // No passphrase given: refused at once, exit 77, nothing changed.
        for command in guarded {
            let out = try run(command.arguments, stdin: command.stdin)
            #expect(out.status == 77, "\(command.name) was not refused: \(out.stdout) \(out.stderr)")
            #expect(out.stderr.contains("needs the facilitator passphrase, because a facilitator lock is set on this computer"),
                    "\(command.name): \(out.stderr)")
            #expect(out.stdout.isEmpty, "\(command.name) printed: \(out.stdout)")
        }
        let after = try counts()
        #expect(after.learners == before.learners && after.events == before.events && after.meta == before.meta)
        #expect(!FileManager.default.fileExists(atPath: outDir + "/mine.json"))

        // The right passphrase: each works (the last one clears the lock).
        for command in guarded {
            let out = try run(command.arguments, stdin: command.stdin, passphrase: Self.passphrase)
            #expect(out.status == 0, "\(command.name) with the passphrase: \(out.stderr)")
            #expect(!out.stdout.contains(Self.passphrase) && !out.stderr.contains(Self.passphrase))
        }
        let end = try counts()
        #expect(end.learners == 3 + 4) // Carol removed, four learners imported
        #expect(end.meta == nil)
        #expect(FileManager.default.fileExists(atPath: outDir + "/mine.json"))
    }

    @Test func aWrongPassphraseIsRefusedAfterADelayAndNeverShown() throws {
        try setPassphrase()
        let wrong = "not the passphrase"
        let started = Date()
        let out = try run(["report", "--bank", bankDir], passphrase: wrong)
        let elapsed = Date().timeIntervalSince(started)
        #expect(out.status == 77)
        #expect(out.stderr.contains("wrong facilitator passphrase; 'lookout report' was not run"))
        #expect(!out.stderr.contains(wrong) && !out.stdout.contains(wrong))
        #expect(elapsed >= SecretLock.delay(afterFailures: 1), "refused after \(elapsed) s")

        // The same through standard input, for a destructive command: nothing is removed.
        let remove = try run(["learners", "remove", "Carol", "--yes", "--passphrase-stdin"], stdin: wrong + "\n")
        #expect(remove.status == 77)
        #expect(!remove.stderr.contains(wrong))
        #expect(try counts().learners == 4)

        // The right one through standard input works.
        let right = try run(["learners", "remove", "Carol", "--yes", "--passphrase-stdin"], stdin: Self.passphrase + "\n")
        #expect(right.status == 0, "\(right.stderr)")
        #expect(try counts().learners == 3)
    }

    @Test func changingThePassphraseNeedsTheCurrentOne() throws {
        try setPassphrase()
        let refused = try run(["facilitator", "set-passphrase", "--stdin"], stdin: "a brand new one\n")
        #expect(refused.status == 77)
        let changed = try run(["facilitator", "set-passphrase", "--stdin", "--passphrase-stdin"],
                              stdin: Self.passphrase + "\na brand new one\n")
        #expect(changed.status == 0, "\(changed.stderr)")
        #expect(changed.stdout.contains("Facilitator passphrase changed."))
        #expect(try run(["report", "--bank", bankDir], passphrase: "a brand new one").status == 0)
        let status = try run(["facilitator", "status"])
        #expect(status.stdout.contains("A facilitator passphrase is set since"))
        #expect(status.stdout.contains("with 600000 iterations"))
    }

    @Test func aWeakPassphraseIsNotSet() throws {
        let out = try run(["facilitator", "set-passphrase", "--stdin"], stdin: "short\n")
        #expect(out.status == 65)
        #expect(out.stderr.contains("it is shorter than 8 characters"))
        #expect(try counts().meta == nil)
        let noTerminal = try run(["facilitator", "set-passphrase"])
        #expect(noTerminal.status == 65)
        #expect(noTerminal.stderr.contains("give the new passphrase on standard input with --stdin"))
    }

    @Test func aDamagedLockStaysLocked() throws {
        let store = try ProgressStore.open(directory: dataDir)
        try store.setMeta(FacilitatorLock.metaKey, "garbage")
        try store.close()
        let out = try run(["report", "--bank", bankDir], passphrase: "anything at all")
        #expect(out.status == 74)
        #expect(out.stderr.contains("the facilitator lock saved in"))
        #expect(out.stdout.isEmpty)
    }
}
