import Foundation
import LookoutCore
import LookoutStore
import Testing
#if canImport(Glibc)
import Glibc
#endif

@Suite("Bad files, bad folders, full disks")
struct FailureTests {
    /// Opens the store at `path`, expecting `check` to accept the error; then checks that the file's
    /// bytes did not change and that no -wal or -shm file was made next to it.
    func expectRefused(_ path: String, sourceLocation: Testing.SourceLocation = #_sourceLocation,
                       _ check: (StoreError) -> Bool) {
        let before = fileBytes(path)
        do {
            _ = try ProgressStore.open(path: path)
            Issue.record("opening \(path) should have failed", sourceLocation: sourceLocation)
        } catch {
            #expect(check(error), "unexpected error: \(error)", sourceLocation: sourceLocation)
            #expect(error.description.contains(path), "the message should name the file: \(error)", sourceLocation: sourceLocation)
            #expect(!error.description.contains("\n"), sourceLocation: sourceLocation)
            #expect(!error.isUserError, sourceLocation: sourceLocation)
        }
        #expect(fileBytes(path) == before, "the file must not be changed", sourceLocation: sourceLocation)
        #expect(!fileExists(path + "-wal") && !fileExists(path + "-shm"), sourceLocation: sourceLocation)
    }

    @Test("a text file at the store path: notADatabase, names the file, bytes unchanged")
    func textFile() throws {
        let dir = TempDir("text")
        defer { dir.remove() }
        let path = dir.file(ProgressStore.fileName)
        try Data("these are my notes, not a database\n".utf8).write(to: URL(fileURLWithPath: path))
        expectRefused(path) { $0 == .notADatabase(path: path) }
        // Through the folder entry point too.
        #expect(throws: StoreError.notADatabase(path: path)) { try ProgressStore.open(directory: dir.path) }
        #expect(StoreError.notADatabase(path: path).description.contains("Move it aside"))
    }

    @Test("random bytes (no SQLite header) and a short file are refused unchanged")
    func randomBytes() throws {
        let dir = TempDir("random")
        defer { dir.remove() }
        var generator = SplitMix64(seed: 42)
        let random = (0..<8192).map { _ in UInt8.random(in: 0...255, using: &generator) }
        let path = dir.file("random.sqlite")
        try Data(random).write(to: URL(fileURLWithPath: path))
        expectRefused(path) { $0 == .notADatabase(path: path) }
        let short = dir.file("short.sqlite")
        try Data("SQLite format 3\u{0}".utf8).write(to: URL(fileURLWithPath: short))
        expectRefused(short) { $0 == .notADatabase(path: short) }
    }

    @Test("an SQLite header followed by garbage is refused unchanged")
    func headerThenGarbage() throws {
        let dir = TempDir("garbage")
        defer { dir.remove() }
        let path = dir.file(ProgressStore.fileName)
        var generator = SplitMix64(seed: 7)
        let bytes = Array("SQLite format 3".utf8) + [0] + (0..<(4096 * 4 - 16)).map { _ in UInt8.random(in: 0...255, using: &generator) }
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        expectRefused(path) { error in
            switch error {
            case .notADatabase, .corrupt: return true
            default: return false
            }
        }
    }

    @Test("a real store with a damaged page: corrupt (quick_check), bytes unchanged, learners' answers not touched",
          arguments: [2, 4, 10, 11])
    func damagedPage(page: Int) throws {
        let dir = TempDir("damaged")
        defer { dir.remove() }
        let path = dir.file(ProgressStore.fileName)
        do {
            let store = try ProgressStore.open(path: path)
            let learner = try store.addLearner(name: "Sokha")
            try store.append(contentsOf: (0..<200).map { _ in makeEvent(learner: learner.id) })
            try store.close() // checkpoints the WAL into the file
        }
        #expect(!fileExists(path + "-wal"))
        // Overwrite the start of one b-tree page (1-based page numbers; 4096-byte pages).
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        try handle.seek(toOffset: UInt64((page - 1) * 4096))
        try handle.write(contentsOf: Data(repeating: 0x07, count: 64))
        try handle.close()
        expectRefused(path) { error in
            if case .corrupt = error { return true }
            return false
        }
    }

    @Test("above the quick_check size limit, a damaged page is met as corrupt when read or written, never a crash")
    func damagedPageAboveLimit() throws {
        let dir = TempDir("damaged-big")
        defer { dir.remove() }
        let path = dir.file(ProgressStore.fileName)
        let learnerID: String
        do {
            let store = try ProgressStore.open(path: path)
            learnerID = try store.addLearner(name: "Sokha").id
            try store.append(contentsOf: (0..<200).map { _ in makeEvent(learner: learnerID) })
            try store.close()
        }
        // Page 10 is the root of answer_events (see Schema.v1's order of CREATE statements).
        #expect(try sqlite(path, "SELECT rootpage FROM sqlite_master WHERE name = 'answer_events';")
            .trimmingCharacters(in: .whitespacesAndNewlines) == "10")
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        try handle.seek(toOffset: UInt64(9 * 4096))
        try handle.write(contentsOf: Data(repeating: 0x07, count: 64))
        try handle.close()
        let damaged = fileBytes(path)
        // With a 0-byte limit the open skips quick_check (no migration is pending) ...
        let store = try ProgressStore.open(path: path, quickCheckUpTo: 0)
        #expect(try store.learners().map(\.name) == ["Sokha"])
        // ... and the damage surfaces as a clear error where it is met.
        #expect {
            try store.allEvents()
        } throws: { error in
            guard let error = error as? StoreError, case .corrupt = error else { return false }
            return error.description.contains(path)
        }
        #expect {
            try store.append(makeEvent(learner: learnerID))
        } throws: { error in
            guard let error = error as? StoreError, case .corrupt = error else { return false }
            return true
        }
        try store.close()
        #expect(fileBytes(path) == damaged)
    }

    @Test("an SQLite database of another program is refused unchanged (notALookoutStore)")
    func foreignDatabase() throws {
        let dir = TempDir("foreign")
        defer { dir.remove() }
        let path = dir.file(ProgressStore.fileName)
        try sqlite(path, "CREATE TABLE photos (id INTEGER PRIMARY KEY, caption TEXT); INSERT INTO photos VALUES (1, 'beach');")
        expectRefused(path) { $0 == .notALookoutStore(path: path) }
    }

    @Test("a folder where the store file should be is refused")
    func folderAtStorePath() throws {
        let dir = TempDir("folder")
        defer { dir.remove() }
        let path = dir.file(ProgressStore.fileName)
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
        #expect(throws: StoreError.notADatabase(path: path)) { try ProgressStore.open(path: path) }
    }

    @Test("a data folder under a regular file (ENOTDIR; works as root, unlike chmod) gives a clear error")
    func dataFolderUnderAFile() throws {
        let dir = TempDir("notdir")
        defer { dir.remove() }
        let file = dir.file("file.txt")
        try Data("x".utf8).write(to: URL(fileURLWithPath: file))
        let folder = file + "/lookout"
        #expect(throws: StoreError.cannotCreateDirectory(path: file, reason: "a file with this name is in the way")) {
            try ProgressStore.open(directory: folder)
        }
        #expect {
            try ProgressStore.open(path: file + "/progress.sqlite")
        } throws: { error in
            guard let error = error as? StoreError, case .notWritable = error else { return false }
            return error.description.contains(file + "/progress.sqlite") && error.description.contains("--data-dir")
        }
        #expect(fileBytes(file) == Array("x".utf8))
    }

    @Test("a read-only data folder (chmod 0500, or chattr +i as root) gives notWritable for a new store",
          .enabled(if: ReadOnlyFolderProbe.works, "cannot make a folder read-only here (root without chattr +i)"))
    func readOnlyFolderNewStore() throws {
        let dir = TempDir("rofresh")
        defer { dir.remove() }
        let folder = dir.path + "/data"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: false)
        let how = try #require(ReadOnlyFolder.make(folder))
        defer { ReadOnlyFolder.undo(folder) }
        let path = folder + "/" + ProgressStore.fileName
        #expect {
            try ProgressStore.open(directory: folder)
        } throws: { error in
            guard let error = error as? StoreError, case .notWritable = error else { return false }
            return error.description.contains(path) && error.description.contains("read-only")
        }
        #expect(!fileExists(path), "made read-only with \(how)")
    }

    @Test("an existing store in a folder made read-only (chmod 0500, or chattr +i as root) gives notWritable and keeps its answers",
          .enabled(if: ReadOnlyFolderProbe.works, "cannot make a folder read-only here (root without chattr +i)"))
    func readOnlyFolderExistingStore() throws {
        let dir = TempDir("roexisting")
        defer { dir.remove() }
        let folder = dir.path + "/data"
        let ids: [String]
        do {
            let store = try ProgressStore.open(directory: folder)
            let learner = try store.addLearner(name: "Sokha")
            let events = (0..<10).map { _ in makeEvent(learner: learner.id) }
            try store.append(contentsOf: events)
            ids = events.map(\.id)
            try store.close()
        }
        let path = folder + "/" + ProgressStore.fileName
        let before = fileBytes(path)
        _ = try #require(ReadOnlyFolder.make(folder))
        do {
            defer { ReadOnlyFolder.undo(folder) }
            // SQLite needs to create the -wal file next to the store: opening (or the first write) fails.
            do {
                let store = try ProgressStore.open(directory: folder)
                let learner = try #require(try store.learner(named: "Sokha"))
                try store.append(makeEvent(learner: learner.id))
                Issue.record("writing into a read-only folder should have failed")
            } catch let error as StoreError {
                guard case .notWritable = error else {
                    Issue.record("expected notWritable, got \(error)")
                    return
                }
                #expect(error.description.contains(path))
            }
        }
        #expect(fileBytes(path) == before)
        let store = try ProgressStore.open(directory: folder)
        #expect(try store.allEvents().map(\.id).sorted() == ids.sorted())
    }

    @Test("a full disk (simulated with PRAGMA max_page_count) gives diskFull, and earlier answers are kept")
    func diskFull() throws {
        let dir = TempDir("full")
        defer { dir.remove() }
        let store = try ProgressStore.open(directory: dir.path)
        let learner = try store.addLearner(name: "Sokha")
        let saved = (0..<20).map { _ in makeEvent(learner: learner.id) }
        try store.append(contentsOf: saved)
        // Cap the file at its current size: the next batch needs new pages and cannot get them.
        try store._limitPagesForTesting(try store._pageCountForTesting())
        let tooMany = (0..<500).map { _ in makeEvent(learner: learner.id, chosen: [String(repeating: "x", count: 100)]) }
        #expect(throws: StoreError.diskFull(path: store.path)) { try store.append(contentsOf: tooMany) }
        let message = StoreError.diskFull(path: store.path).description
        #expect(message.contains(store.path) && message.contains("disk is full") && !message.contains("\n"))
        #expect(try store.allEvents() == saved)
        #expect(try store.integrityCheck() == ["ok"])
        try store.close()
        // Once there is room again (a new connection has no cap), saving works.
        let reopened = try ProgressStore.open(directory: dir.path)
        try reopened.append(contentsOf: tooMany)
        #expect(try reopened.eventCount() == 520)
    }
}

/// Whether a read-only folder can be made here (decided once, on a scratch folder).
enum ReadOnlyFolderProbe {
    static let works: Bool = {
        let dir = TempDir("probe")
        defer { dir.remove() }
        guard ReadOnlyFolder.make(dir.path) != nil else { return false }
        ReadOnlyFolder.undo(dir.path)
        return true
    }()
}
