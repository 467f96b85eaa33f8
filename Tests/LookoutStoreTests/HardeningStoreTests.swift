import Foundation
import LookoutCore
import LookoutStore
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Issue 10 at the store's level: names, paths, links, the attempt counter.
@Suite struct HardeningStoreTests {
    @Test func pathArithmeticWithoutFoundation() {
        #expect(PathName.parent("x") == "")
        #expect(PathName.parent("a/b") == "a")
        #expect(PathName.parent("a/b/") == "a")
        #expect(PathName.parent("a//b") == "a")
        #expect(PathName.parent("/a") == "/")
        #expect(PathName.parent("/") == "/")
        #expect(PathName.parent("") == "")
        #expect(PathName.lastComponent("x") == "x")
        #expect(PathName.lastComponent("a/b") == "b")
        #expect(PathName.lastComponent("a/b/") == "b")
        #expect(PathName.lastComponent("/") == "/")
        #expect(PathName.directory(of: "e") == ".")
        #expect(PathName.directory(of: "d/e") == "d")
    }

    @Test func namesThatShowNothingOrReorderTextAreRefused() throws {
        for name in ["\u{200B}", "\u{200B}\u{2060}\u{FEFF}", "\u{3164}\u{3164}", "\u{115F}"] {
            #expect(throws: StoreError.self) { try LearnerName.validated(name) }
        }
        for name in ["Dara\u{202E}", "\u{2067}x", "a\u{200F}b"] {
            #expect(throws: StoreError.self) { try LearnerName.validated(name) }
        }
        #expect(try LearnerName.validated("សុខា\u{200B}ដារ៉ា") == "សុខា\u{200B}ដារ៉ា")
        #expect(try LearnerName.validated("🌱") == "🌱")
    }

    @Test func errorMessagesShowControlsVisibly() {
        let error = StoreError.unknownLearner("Eve\u{1B}]52;c;aGk=\u{07}\u{202E}")
        #expect(error.description.contains("Eve\\u{1b}]52;c;aGk=\\u{7}\\u{202e}"))
        #expect(!error.description.unicodeScalars.contains { TerminalText.isUnsafe($0) })
    }

    @Test func aSymlinkedStoreOrSideFileIsRefused() throws {
        let dir = TempDir("link")
        defer { dir.remove() }
        let data = dir.file("data")
        #expect(mkdir(data, 0o700) == 0)
        #expect(symlink(dir.file("elsewhere.sqlite"), data + "/progress.sqlite") == 0)
        #expect(throws: StoreError.symbolicLink(path: data + "/progress.sqlite")) { try ProgressStore.open(directory: data) }
        #expect(!fileExists(dir.file("elsewhere.sqlite")))
        unlink(data + "/progress.sqlite")
        let store = try ProgressStore.open(directory: data)
        try store.close()
        for side in ["-wal", "-shm", "-journal"] {
            unlink(data + "/progress.sqlite" + side)
            #expect(symlink(dir.file("elsewhere"), data + "/progress.sqlite" + side) == 0)
            #expect(throws: StoreError.symbolicLink(path: data + "/progress.sqlite" + side)) { try ProgressStore.open(directory: data) }
            unlink(data + "/progress.sqlite" + side)
        }
        #expect(StoreError.symbolicLink(path: "p").isUserError == false)   // exit 74
    }

    @Test func theAttemptCounterIsKeptByKey() throws {
        let store = try ProgressStore.inMemory()
        let a = SecretKey.facilitator, b = SecretKey.learner("x")
        #expect(a.hashMetaKey == "facilitator-passphrase")
        #expect(b.hashMetaKey == "learner-pin:x")
        #expect(SecretKey("other").hashMetaKey == "secret:other")
        let delay: (Int) -> Int64 = { Int64($0) * 1000 }
        #expect(try store.claimSecretAttempt(a, now: 10_000, delay: delay) == SecretAttempts(failures: 1, notBefore: 11_000))
        #expect(try store.claimSecretAttempt(a, now: 10_500, delay: delay) == nil)
        #expect(try store.claimSecretAttempt(a, now: 11_000, delay: delay) == SecretAttempts(failures: 2, notBefore: 13_000))
        #expect(try store.secretAttempts(b) == SecretAttempts())
        try store.setSecretHash(a, "h")
        #expect(try store.secretAttempts(a) == SecretAttempts())
        #expect(try store.secretHash(a) == "h")
        try store.clearSecretAttempts(a)
    }
}
