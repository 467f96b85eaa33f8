import Foundation
import GRDB
import LookoutCore

/// The progress store: learners, lesson attempts and append-only answer events in one SQLite file.
///
/// Nothing derived is stored; scores and progress are recomputed from the events by the scoring
/// engine. The store never deletes events on its own (not even for scenarios no longer in the bank);
/// only `removeLearner` deletes, and only that learner's rows.
///
/// Durability: the file is in WAL mode with `synchronous = FULL`, so every write transaction is
/// fsynced to the -wal file before `append` returns. A crash or a power cut after `append` returned
/// cannot lose that answer. Several processes may write at once: write transactions are
/// `BEGIN IMMEDIATE` and wait up to `busyTimeout` for each other.
///
/// Opening an existing file first checks it without changing it: the 16-byte SQLite header, then
/// through a read-only connection that it is a Lookout store, that its schema is not newer than this
/// version's, and `PRAGMA quick_check` (for files up to 8 MiB, and always before a migration).
/// Only then is it opened for writing and migrated.
public final class ProgressStore: Sendable {
    /// Files up to this size (8 MiB, roughly 22,000 answers: one laptop's class) get a full
    /// `PRAGMA quick_check` at every open, which costs about 1.5 ms per MB, so at most ~12 ms; larger
    /// ones only before a migration, so that opening (and a one-learner `progress`) stays well under
    /// 30 ms on a store of any size. Damage in a larger file is still met as `.corrupt` when the
    /// damaged page is read or written, and `integrityCheck()` checks the whole file on demand.
    /// See `open(path:quickCheckUpTo:)`.
    public static let quickCheckSizeLimit: Int64 = 8 << 20

    /// When the read-only check runs `PRAGMA quick_check`.
    enum IntegrityCheck {
        /// `PRAGMA integrity_check` (also checks that indexes match their tables).
        case full
        case always
        case beforeMigrating
        case never
    }

    /// The file name of the store inside the data folder.
    public static let fileName = "progress.sqlite"
    /// How long a write waits for another process's write to finish.
    public static let busyTimeout: TimeInterval = 10

    /// The store file, or ":memory:".
    public let path: String
    let queue: DatabaseQueue

    private init(path: String, queue: DatabaseQueue) {
        self.path = path
        self.queue = queue
    }

    // MARK: - Opening

    /// Opens (creating if needed, with mode 0700) the folder `directory` and the store
    /// `directory/progress.sqlite` in it.
    public static func open(directory: String) throws(StoreError) -> ProgressStore {
        try StoreFiles.ensureDirectory(directory)
        let separator = directory.hasSuffix("/") ? "" : "/"
        return try open(path: directory + separator + fileName)
    }

    /// Opens the store file at `path`, creating it (mode 0600) if there is none. The folder must exist.
    ///
    /// An existing file gets a read-only `PRAGMA quick_check` first when it (with its -wal) is at most
    /// `quickCheckUpTo` bytes, and always when a migration is pending. A larger file skips it on
    /// ordinary opens (it costs about 1.5 ms per MB: half a second for a million answers); damage in
    /// it is still met as `.corrupt` when the damaged page is read.
    public static func open(path: String, quickCheckUpTo: Int64 = quickCheckSizeLimit) throws(StoreError) -> ProgressStore {
        switch try StoreFiles.inspect(path) {
        case .sqlite:
            let walSize = StoreFiles.size(path + "-wal") ?? 0
            let size = (StoreFiles.size(path) ?? 0) + walSize
            if walSize > 0 && size <= quickCheckUpTo {
                // A -wal with content is replayed by the next open and made permanent by the next write.
                // Normally it is a crash's last answers, but it can be a foreign one (a store's files
                // copied by hand): `quick_check` misses that, `integrity_check` does not.
                try checkWithLog(path: path)
            } else {
                try checkReadOnly(path: path, integrity: size <= quickCheckUpTo ? .always : .beforeMigrating)
            }
        case .empty:
            break
        case .none:
            try StoreFiles.createEmptyFile(path)
        }
        // Checked again right before SQLite opens the files (inspect checked them once already).
        try StoreFiles.refuseSymbolicLinks(path)
        let queue: DatabaseQueue
        do {
            queue = try DatabaseQueue(path: path, configuration: configuration(readonly: false))
        } catch {
            throw StoreError.from(error, path: path)
        }
        let store = ProgressStore(path: path, queue: queue)
        try store.migrate()
        StoreFiles.restrictPermissions(path)
        return store
    }

    /// A store in memory, for tests and for trying things out.
    public static func inMemory() throws(StoreError) -> ProgressStore {
        let queue: DatabaseQueue
        do {
            queue = try DatabaseQueue(configuration: configuration(readonly: false))
        } catch {
            throw StoreError.from(error, path: ":memory:")
        }
        let store = ProgressStore(path: ":memory:", queue: queue)
        try store.migrate()
        return store
    }

    static func configuration(readonly: Bool) -> Configuration {
        var config = Configuration()
        config.readonly = readonly
        config.busyMode = .timeout(busyTimeout)
        config.foreignKeysEnabled = true
        config.label = "lookout-progress"
        if !readonly {
            config.prepareDatabase { db in
                // WAL: writers append to the -wal file, readers are not blocked, and a killed
                // process leaves a log that the next open replays.
                try switchToWAL(db)
                // FULL: fsync the WAL at every commit, so a committed answer survives a power cut.
                try db.execute(sql: "PRAGMA synchronous = FULL")
            }
        }
        return config
    }

    /// Puts the file in WAL mode (a setting kept in the file). Switching needs an exclusive lock, and
    /// SQLite answers SQLITE_BUSY at once, without its busy handler, when another process has the
    /// file open at that moment (two processes creating a new store together): so retry until
    /// `busyTimeout`.
    static func switchToWAL(_ db: Database) throws {
        let deadline = Date().addingTimeInterval(busyTimeout)
        while true {
            do {
                let current = try String.fetchOne(db, sql: "PRAGMA journal_mode")
                if current == "wal" || current == "memory" { return }
                let mode = try String.fetchOne(db, sql: "PRAGMA journal_mode = WAL")
                if mode == "wal" { return }
                throw DatabaseError(resultCode: .SQLITE_CANTOPEN,
                                    message: "could not switch the store to WAL mode (journal mode is \(mode ?? "unknown"))")
            } catch let error as DatabaseError where error.resultCode == .SQLITE_BUSY && Date() < deadline {
                usleep(5_000)
            }
        }
    }

    /// Checks an existing SQLite file through a read-only connection, so a damaged, foreign or newer
    /// file is refused before anything is written to it.
    static func checkReadOnly(path: String, integrity: IntegrityCheck) throws(StoreError) {
        // A read-only connection to a WAL-mode file still makes empty -wal and -shm files next to
        // it. If the file is refused, take away the ones this check made, so a refused file is
        // left exactly as it was found.
        let madeHere = ["-wal", "-shm"].filter { !FileManager.default.fileExists(atPath: path + $0) }
        do {
            try checkReadOnlyConnection(path: path, integrity: integrity)
        } catch {
            if StoreFiles.size(path + "-wal") ?? 0 == 0 {
                for suffix in madeHere { unlink(path + suffix) }
            }
            throw error
        }
    }

    /// The full check of a store whose -wal holds content. With its -shm there (a process may be using
    /// it), through a read-only connection. Without (nobody has it open, e.g. copied files), a read-only
    /// connection cannot read the log, so a private copy of the two files is opened and checked instead;
    /// the store itself is not touched until it has passed.
    static func checkWithLog(path: String) throws(StoreError) {
        if FileManager.default.fileExists(atPath: path + "-shm") {
            try checkReadOnly(path: path, integrity: .full)
            return
        }
        var template = Array((NSTemporaryDirectory() + "/lookout-check-XXXXXX").utf8CString)
        guard let made = template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) else {
            try checkReadOnly(path: path, integrity: .always)
            return
        }
        let folder = String(cString: made)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let copy = folder + "/" + fileName
        do {
            try FileManager.default.copyItem(atPath: path, toPath: copy)
            try FileManager.default.copyItem(atPath: path + "-wal", toPath: copy + "-wal")
        } catch {
            try checkReadOnly(path: path, integrity: .always)
            return
        }
        do {
            var config = Configuration()
            config.label = "lookout-check"
            let queue = try DatabaseQueue(path: copy, configuration: config)
            defer { try? queue.close() }
            try queue.read { db in try checkContents(db, path: path, integrity: .full) }
        } catch {
            switch StoreError.from(error, path: path) {
            case .corrupt(let path, let detail) where !detail.contains("never copy store files"):
                throw StoreError.corrupt(path: path, detail: detail + "; if its -wal file was copied from elsewhere, that is the cause: never copy store files, use 'lookout export' and 'lookout import'")
            case let other:
                throw other
            }
        }
    }

    private static func checkReadOnlyConnection(path: String, integrity: IntegrityCheck) throws(StoreError) {
        let reader: DatabaseQueue
        do {
            reader = try DatabaseQueue(path: path, configuration: configuration(readonly: true))
        } catch {
            let mapped = StoreError.from(error, path: path)
            switch mapped {
            case .notWritable:
                // A read-only connection cannot open some WAL files (a -wal without its -shm);
                // the read-write open below checks again with the same rules.
                return
            default:
                throw mapped
            }
        }
        defer { try? reader.close() }
        do {
            try reader.read { db in
                try checkContents(db, path: path, integrity: integrity)
            }
        } catch {
            throw StoreError.from(error, path: path)
        }
    }

    /// The checks shared by the read-only and the read-write open: a Lookout store (or an empty
    /// database), no migration from a newer Lookout, and (as `integrity` says) `PRAGMA quick_check`.
    static func checkContents(_ db: Database, path: String, integrity: IntegrityCheck) throws {
        let tables = Set(try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"))
        var pending = true
        if !tables.isEmpty {
            guard tables.contains("grdb_migrations") else { throw StoreError.notALookoutStore(path: path) }
            let applied = Set(try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations"))
            // Only GRDB's table and nothing applied: killed before the first migration committed.
            if !(applied.isEmpty && tables == ["grdb_migrations"]) {
                guard let first = Schema.identifiers.first, applied.contains(first) else {
                    throw StoreError.notALookoutStore(path: path)
                }
                let unknown = applied.subtracting(Schema.identifiers)
                if !unknown.isEmpty {
                    throw StoreError.newerVersion(path: path, unknownMigrations: unknown.sorted())
                }
                pending = applied.count < Schema.identifiers.count
            }
        }
        if integrity == .full {
            let problems = try String.fetchAll(db, sql: "PRAGMA integrity_check(3)")
            if problems != ["ok"] {
                throw StoreError.corrupt(path: path, detail: StoreError.printable(problems.map(StoreError.oneLine).joined(separator: "; "))
                    + "; if its -wal file was copied from elsewhere, that is the cause: never copy store files, use 'lookout export' and 'lookout import'")
            }
            return
        }
        let check: Bool
        switch integrity {
        case .full: check = true
        case .always: check = true
        case .beforeMigrating: check = pending
        case .never: check = false
        }
        if check {
            let problems = try String.fetchAll(db, sql: "PRAGMA quick_check(3)")
            if problems != ["ok"] {
                throw StoreError.corrupt(path: path, detail: StoreError.printable(problems.map(StoreError.oneLine).joined(separator: "; ")))
            }
        }
    }

    /// Brings the schema up to date. Two processes opening a new store at the same moment may both
    /// try the first migration; the loser's attempt fails and is retried, finding it done.
    private func migrate() throws(StoreError) {
        let migrator = Schema.migrator
        var lastError: (any Error)?
        for _ in 0..<5 {
            do {
                try queue.read { db in try Self.checkContents(db, path: path, integrity: .never) }
                try migrator.migrate(queue)
                lastError = nil
                break
            } catch let error as StoreError {
                throw error
            } catch {
                lastError = error
                if let done = try? queue.read({ db in try migrator.hasCompletedMigrations(db) }), done {
                    lastError = nil
                    break
                }
            }
        }
        if let lastError { throw StoreError.from(lastError, path: path) }
    }

    /// Closes the connection. Using the store afterwards throws.
    public func close() throws(StoreError) {
        do { try queue.close() } catch { throw StoreError.from(error, path: path) }
    }

    // MARK: - Transactions

    /// Runs `body` in a `BEGIN IMMEDIATE` transaction and commits it (durably) before returning.
    func write<T>(_ body: (Database) throws -> T) throws(StoreError) -> T {
        do {
            return try queue.writeWithoutTransaction { db in
                try db.beginTransaction(.immediate)
                do {
                    let value = try body(db)
                    try db.commit()
                    return value
                } catch {
                    if db.isInsideTransaction { try? db.rollback() }
                    throw error
                }
            }
        } catch {
            throw mapped(error)
        }
    }

    func read<T>(_ body: (Database) throws -> T) throws(StoreError) -> T {
        do {
            return try queue.read { db in try body(db) }
        } catch {
            throw mapped(error)
        }
    }

    private func mapped(_ error: any Error) -> StoreError {
        if let bad = error as? BadRow {
            return .corrupt(path: path, detail: "a saved row holds an unexpected value: \(bad.detail)")
        }
        if error is RowDecodingError {
            return .corrupt(path: path, detail: "a saved row holds an unexpected value: \(StoreError.printable(StoreError.oneLine("\(error)")))")
        }
        return StoreError.from(error, path: path)
    }

    // MARK: - Learners

    /// Adds a learner. The name is NFC-normalised and trimmed; it must not be empty or already used.
    @discardableResult
    public func addLearner(name: String, at createdAt: Int64 = ProgressStore.now(), id: String = ProgressStore.newID()) throws(StoreError) -> Learner {
        let stored = try LearnerName.validated(name)
        let learner = Learner(id: id, name: stored, createdAt: createdAt)
        try write { db in
            if try Bool.fetchOne(db, sql: "SELECT 1 FROM learners WHERE name = ?", arguments: [stored]) == true {
                throw StoreError.duplicateName(name: stored)
            }
            try db.execute(sql: "INSERT INTO learners (id, name, created_at) VALUES (?, ?, ?)",
                           arguments: [learner.id, learner.name, learner.createdAt])
        }
        return learner
    }

    /// Every learner, oldest first.
    public func learners() throws(StoreError) -> [Learner] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT id, name, created_at FROM learners ORDER BY created_at, rowid").map(Self.learner(from:))
        }
    }

    /// The learner with this name (compared after normalisation), or nil.
    public func learner(named name: String) throws(StoreError) -> Learner? {
        let key = LearnerName.normalised(name)
        return try read { db in
            try Row.fetchOne(db, sql: "SELECT id, name, created_at FROM learners WHERE name = ?", arguments: [key]).map(Self.learner(from:))
        }
    }

    /// The learner with this id, or nil.
    public func learner(id: String) throws(StoreError) -> Learner? {
        try read { db in
            try Row.fetchOne(db, sql: "SELECT id, name, created_at FROM learners WHERE id = ?", arguments: [id]).map(Self.learner(from:))
        }
    }

    /// Renames the learner called `oldName`. Their id and answers stay.
    @discardableResult
    public func renameLearner(named oldName: String, to newName: String) throws(StoreError) -> Learner {
        let oldKey = LearnerName.normalised(oldName)
        let newKey = try LearnerName.validated(newName)
        return try write { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT id, name, created_at FROM learners WHERE name = ?", arguments: [oldKey]) else {
                throw StoreError.unknownLearner(oldKey)
            }
            var learner = try Self.learner(from: row)
            if newKey != learner.name,
               try Bool.fetchOne(db, sql: "SELECT 1 FROM learners WHERE name = ?", arguments: [newKey]) == true {
                throw StoreError.duplicateName(name: newKey)
            }
            try db.execute(sql: "UPDATE learners SET name = ? WHERE id = ?", arguments: [newKey, learner.id])
            learner.name = newKey
            return learner
        }
    }

    /// Deletes the learner with this id, their attempts, all their answers and every `meta` row that
    /// names them (PIN hash and when it was set, wrong-try counter, language, retake permissions), and
    /// returns how many answers were deleted. Only ever called on an explicit request.
    @discardableResult
    public func removeLearner(id: String) throws(StoreError) -> Int {
        try write { db in
            guard try Bool.fetchOne(db, sql: "SELECT 1 FROM learners WHERE id = ?", arguments: [id]) == true else {
                throw StoreError.unknownLearner(id)
            }
            try db.execute(sql: "DELETE FROM answer_events WHERE learner_id = ?", arguments: [id])
            let answers = db.changesCount
            try db.execute(sql: "DELETE FROM attempts WHERE learner_id = ?", arguments: [id])
            try db.execute(sql: "DELETE FROM learners WHERE id = ?", arguments: [id])
            let pin = SecretKey.learner(id)
            try db.execute(sql: "DELETE FROM meta WHERE key IN (?, ?, ?)",
                           arguments: [pin.hashMetaKey, pin.setAtMetaKey, pin.attemptsMetaKey])
            // Learner ids are UUIDs, so a key that contains one names that learner.
            if !id.isEmpty { try db.execute(sql: "DELETE FROM meta WHERE instr(key, ?) > 0", arguments: [id]) }
            return answers
        }
    }

    /// Deletes one learner's answers and attempts and keeps the learner, in one transaction.
    /// Returns how many answers were deleted.
    public func resetProgress(learnerID id: String) throws(StoreError) -> Int {
        try write { db in
            guard try Bool.fetchOne(db, sql: "SELECT 1 FROM learners WHERE id = ?", arguments: [id]) == true else {
                throw StoreError.unknownLearner(id)
            }
            try db.execute(sql: "DELETE FROM answer_events WHERE learner_id = ?", arguments: [id])
            let answers = db.changesCount
            try db.execute(sql: "DELETE FROM attempts WHERE learner_id = ?", arguments: [id])
            return answers
        }
    }

    /// How many answers each learner has, by learner id (learners with none are absent).
    public func answerCounts() throws(StoreError) -> [String: Int] {
        try read { db in
            var counts: [String: Int] = [:]
            let rows = try Row.fetchCursor(db, sql: "SELECT learner_id, count(*) FROM answer_events GROUP BY learner_id")
            while let row = try rows.next() {
                counts[try row.decode(String.self, atIndex: 0)] = try row.decode(Int.self, atIndex: 1)
            }
            return counts
        }
    }

    /// How many answers the learner has.
    public func answerCount(learnerID: String) throws(StoreError) -> Int {
        try read { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM answer_events WHERE learner_id = ?", arguments: [learnerID]) ?? 0
        }
    }

    // MARK: - Attempts

    /// Records the start of a lesson run and returns it.
    @discardableResult
    public func startAttempt(learnerID: String, lessonID: String, at startedAt: Int64 = ProgressStore.now(), id: String = ProgressStore.newID()) throws(StoreError) -> Attempt {
        let attempt = Attempt(id: id, learnerID: learnerID, lessonID: lessonID, startedAt: startedAt)
        try write { db in
            guard try Bool.fetchOne(db, sql: "SELECT 1 FROM learners WHERE id = ?", arguments: [learnerID]) == true else {
                throw StoreError.unknownLearner(learnerID)
            }
            try db.execute(sql: "INSERT INTO attempts (id, learner_id, lesson_id, started_at) VALUES (?, ?, ?, ?)",
                           arguments: [attempt.id, attempt.learnerID, attempt.lessonID, attempt.startedAt])
        }
        return attempt
    }

    /// The learner's lesson runs, oldest first.
    public func attempts(learnerID: String) throws(StoreError) -> [Attempt] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT id, learner_id, lesson_id, started_at FROM attempts WHERE learner_id = ? ORDER BY started_at, rowid",
                             arguments: [learnerID]).map(Self.attempt(from:))
        }
    }

    /// Every lesson run in the store.
    public func allAttempts() throws(StoreError) -> [Attempt] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT id, learner_id, lesson_id, started_at FROM attempts ORDER BY started_at, rowid").map(Self.attempt(from:))
        }
    }

    // MARK: - Answer events

    /// Saves one answer. When this returns, the answer is committed and fsynced: it survives a crash
    /// or a power cut. Throws `.duplicateEvent` if an answer with this id is already saved.
    public func append(_ event: AnswerEvent) throws(StoreError) {
        try Self.validate(event)
        try write { db in _ = try Self.insert(event, db: db, ignoringDuplicates: false) }
    }

    /// Saves several answers in one transaction: all or none.
    public func append(contentsOf events: [AnswerEvent]) throws(StoreError) {
        for event in events { try Self.validate(event) }
        try write { db in
            for event in events { try Self.insert(event, db: db, ignoringDuplicates: false) }
        }
    }

    /// The learner's answers in the order they were given.
    public func events(learnerID: String) throws(StoreError) -> [AnswerEvent] {
        try read { db in
            try Self.fetchEvents(db, where: "WHERE learner_id = ?", arguments: [learnerID])
        }
    }

    /// Reads the answers of each learner in `learnerIDs`, one learner at a time and in that order, and
    /// hands them to `body` (the learner's id and answers, in the order they were given) before reading the
    /// next. One read transaction, so every learner is read from the same snapshot; each learner's rows come
    /// straight from the (learner_id, answered_at) index, with no sort. Memory holds one learner's answers
    /// (plus whatever `body` keeps), whatever the size of the store.
    public func forEachLearnersEvents(_ learnerIDs: [String], _ body: (String, [AnswerEvent]) throws -> Void) throws(StoreError) {
        try read { db in
            let statement = try db.cachedStatement(sql: Self.eventColumns + " WHERE learner_id = ? ORDER BY answered_at, rowid")
            for learnerID in learnerIDs {
                let rows = try Row.fetchCursor(statement, arguments: [learnerID])
                var events: [AnswerEvent] = []
                while let row = try rows.next() {
                    events.append(try Self.event(from: row, learnerID: learnerID))
                }
                try body(learnerID, events)
            }
        }
    }

    /// The answers of one lesson run, in the order they were given.
    public func events(attemptID: String) throws(StoreError) -> [AnswerEvent] {
        try read { db in
            try Self.fetchEvents(db, where: "WHERE attempt_id = ?", arguments: [attemptID])
        }
    }

    /// Every answer in the store, in the order they were given.
    public func allEvents() throws(StoreError) -> [AnswerEvent] {
        try read { db in try Self.fetchEvents(db, where: "", arguments: []) }
    }

    /// The number of answers in the store.
    public func eventCount() throws(StoreError) -> Int {
        try read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM answer_events") ?? 0 }
    }

    /// Whether an answer with this id is saved.
    public func containsEvent(id: String) throws(StoreError) -> Bool {
        try read { db in try Bool.fetchOne(db, sql: "SELECT 1 FROM answer_events WHERE id = ?", arguments: [id]) ?? false }
    }

    // MARK: - Import (merging stores from several laptops)

    /// What an import added.
    public struct ImportSummary: Hashable, Sendable, Codable {
        public var learnersAdded = 0
        public var attemptsAdded = 0
        public var eventsAdded = 0
        /// Learners whose name was taken here by a different learner (a different id), and the
        /// name they were given instead.
        public var renamed: [Renamed] = []
        public init() {}
    }

    /// An imported learner whose name was already used here by someone else.
    public struct Renamed: Hashable, Sendable, Codable {
        public var learnerID: String
        public var originalName: String
        public var newName: String
    }

    /// Adds learners, attempts and answers from another store, in one transaction. Rows whose id is
    /// already here are left alone (insert-or-ignore by UUID), so importing twice adds nothing. A
    /// learner whose name is taken here by another id is added as "Name (2)", "Name (3)", ...
    /// `maps` (the `--map`s this import applied) are kept, so later imports apply them by themselves.
    @discardableResult
    public func importRecords(learners: [Learner], attempts: [Attempt], events: [AnswerEvent], maps: [LearnerMap] = []) throws(StoreError) -> ImportSummary {
        var names: [String: String] = [:]
        for learner in learners { names[learner.id] = try LearnerName.validated(learner.name) }
        for event in events { try Self.validate(event) }
        return try write { db in
            var summary = ImportSummary()
            for learner in learners {
                if try Bool.fetchOne(db, sql: "SELECT 1 FROM learners WHERE id = ?", arguments: [learner.id]) == true { continue }
                let base = names[learner.id] ?? learner.name
                var name = base
                var n = 2
                while try Bool.fetchOne(db, sql: "SELECT 1 FROM learners WHERE name = ?", arguments: [name]) == true {
                    name = "\(base) (\(n))"
                    n += 1
                }
                if name != base { summary.renamed.append(Renamed(learnerID: learner.id, originalName: base, newName: name)) }
                try db.execute(sql: "INSERT INTO learners (id, name, created_at) VALUES (?, ?, ?)",
                               arguments: [learner.id, name, learner.createdAt])
                summary.learnersAdded += 1
            }
            for attempt in attempts {
                guard try Bool.fetchOne(db, sql: "SELECT 1 FROM learners WHERE id = ?", arguments: [attempt.learnerID]) == true else {
                    throw StoreError.unknownLearner(attempt.learnerID)
                }
                try db.execute(sql: "INSERT OR IGNORE INTO attempts (id, learner_id, lesson_id, started_at) VALUES (?, ?, ?, ?)",
                               arguments: [attempt.id, attempt.learnerID, attempt.lessonID, attempt.startedAt])
                summary.attemptsAdded += db.changesCount
            }
            for event in events {
                summary.eventsAdded += try Self.insert(event, db: db, ignoringDuplicates: true) ? 1 : 0
            }
            // Remembered in the same transaction: a later import of the same laptop merges the same way.
            for map in maps { try Self.saveMap(map, db: db) }
            return summary
        }
    }

    /// Adds learners only (insert-or-ignore by id); see `importRecords`.
    @discardableResult
    public func importLearners(_ learners: [Learner]) throws(StoreError) -> ImportSummary {
        try importRecords(learners: learners, attempts: [], events: [])
    }

    /// Adds answers only (insert-or-ignore by id); their learners and attempts must be here.
    @discardableResult
    public func importEvents(_ events: [AnswerEvent]) throws(StoreError) -> ImportSummary {
        try importRecords(learners: [], attempts: [], events: events)
    }

    // MARK: - Meta

    /// The value stored under `key` in the key/value table, or nil.
    public func meta(_ key: String) throws(StoreError) -> String? {
        try read { db in try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = ?", arguments: [key]) }
    }

    /// The keys of the key/value table that start with `prefix`, with their values.
    public func meta(withPrefix prefix: String) throws(StoreError) -> [String: String] {
        try read { db in
            var result: [String: String] = [:]
            let rows = try Row.fetchAll(db, sql: "SELECT key, value FROM meta WHERE substr(key, 1, ?) = ?",
                                        arguments: [prefix.utf8.count, prefix])
            for row in rows { result[row["key"]] = row["value"] }
            return result
        }
    }

    /// Stores `value` under `key`; nil removes the key.
    public func setMeta(_ key: String, _ value: String?) throws(StoreError) {
        try write { db in
            if let value {
                try db.execute(sql: "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                               arguments: [key, value])
            } else {
                try db.execute(sql: "DELETE FROM meta WHERE key = ?", arguments: [key])
            }
        }
    }

    // MARK: - Health

    /// The result of `PRAGMA integrity_check`: ["ok"] for a healthy store.
    public func integrityCheck() throws(StoreError) -> [String] {
        try read { db in try String.fetchAll(db, sql: "PRAGMA integrity_check") }
    }

    /// The migrations applied to this store, oldest first.
    public func appliedMigrations() throws(StoreError) -> [String] {
        try read { db in try Schema.migrator.appliedMigrations(db) }
    }

    /// The journal mode and synchronous setting in force, e.g. ("wal", 2).
    public func durabilitySettings() throws(StoreError) -> (journalMode: String, synchronous: Int) {
        try read { db in
            (try String.fetchOne(db, sql: "PRAGMA journal_mode") ?? "", try Int.fetchOne(db, sql: "PRAGMA synchronous") ?? -1)
        }
    }

    /// Test hook: caps the file at `pages` pages (PRAGMA max_page_count) for this connection, so a
    /// test can see what a full disk looks like without filling one.
    public func _limitPagesForTesting(_ pages: Int) throws(StoreError) {
        do {
            try queue.writeWithoutTransaction { db in
                _ = try Int.fetchOne(db, sql: "PRAGMA max_page_count = \(max(1, pages))")
            }
        } catch {
            throw mapped(error)
        }
    }

    /// Test hook: creates a new store file at `path` migrated only up to `migration`, i.e. at an
    /// earlier schema version, so tests can check a fixture against what the migration made.
    public static func _createForTesting(path: String, upTo migration: String) throws(StoreError) {
        guard Schema.identifiers.contains(migration) else {
            throw .io(path: path, detail: "no migration called '\(migration)'")
        }
        try StoreFiles.createEmptyFile(path)
        do {
            let queue = try DatabaseQueue(path: path, configuration: configuration(readonly: false))
            try Schema.migrator.migrate(queue, upTo: migration)
            try queue.close()
        } catch {
            throw StoreError.from(error, path: path)
        }
    }

    /// The current number of pages in the file (PRAGMA page_count).
    public func _pageCountForTesting() throws(StoreError) -> Int {
        try read { db in try Int.fetchOne(db, sql: "PRAGMA page_count") ?? 0 }
    }

    // MARK: - Helpers

    /// A row that SQLite reads fine but that does not hold what Lookout wrote.
    struct BadRow: Error {
        var detail: String
    }

    /// Milliseconds since 1970-01-01 UTC, from the system clock.
    public static func now() -> Int64 {
        Int64((Date().timeIntervalSince1970 * 1000).rounded())
    }

    /// A new random UUID, lower case.
    public static func newID() -> String {
        UUID().uuidString.lowercased()
    }

    static func validate(_ event: AnswerEvent) throws(StoreError) {
        if event.id.isEmpty { throw .invalidEvent(id: event.id, reason: "its id is empty") }
        if !event.credit.isFinite || event.credit < 0 || event.credit > 1 {
            throw .invalidEvent(id: event.id, reason: "its credit \(event.credit) is not between 0 and 1")
        }
        if event.scenarioID.isEmpty || event.questionID.isEmpty {
            throw .invalidEvent(id: event.id, reason: "its scenario or question id is empty")
        }
    }

    /// Inserts one event after checking that its learner (and attempt) exist. Returns false if an
    /// event with this id was already there and `ignoringDuplicates` is set.
    @discardableResult
    static func insert(_ e: AnswerEvent, db: Database, ignoringDuplicates: Bool) throws -> Bool {
        guard try Bool.fetchOne(db, sql: "SELECT 1 FROM learners WHERE id = ?", arguments: [e.learnerID]) == true else {
            throw StoreError.unknownLearner(e.learnerID)
        }
        if let attemptID = e.attemptID {
            let owner = try String.fetchOne(db, sql: "SELECT learner_id FROM attempts WHERE id = ?", arguments: [attemptID])
            guard owner == e.learnerID else { throw StoreError.unknownAttempt(attemptID) }
        }
        let verb = ignoringDuplicates ? "INSERT OR IGNORE" : "INSERT"
        let statement = try db.cachedStatement(sql: """
            \(verb) INTO answer_events (id, learner_id, attempt_id, lesson_id, scenario_id, scenario_rev, question_id,
                chosen, credit, action, answered_at, is_repeat)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        do {
            try statement.execute(arguments: [
                e.id, e.learnerID, e.attemptID, e.lessonID, e.scenarioID, e.scenarioRev, e.questionID,
                JSONStrings.encode(e.chosen), e.credit, e.action?.rawValue, e.time, e.isRepeat ? 1 : 0,
            ])
        } catch let error as DatabaseError where error.extendedResultCode == .SQLITE_CONSTRAINT_PRIMARYKEY {
            throw StoreError.duplicateEvent(id: e.id)
        }
        return db.changesCount > 0
    }

    static func fetchEvents(_ db: Database, where clause: String, arguments: StatementArguments) throws -> [AnswerEvent] {
        let rows = try Row.fetchCursor(db, sql: eventColumns + " \(clause) ORDER BY answered_at, rowid", arguments: arguments)
        var events: [AnswerEvent] = []
        while let row = try rows.next() {
            events.append(try event(from: row))
        }
        return events
    }

    static let eventColumns = """
        SELECT id, learner_id, attempt_id, lesson_id, scenario_id, scenario_rev, question_id, chosen, credit,
            action, answered_at, is_repeat
        FROM answer_events
        """

    /// `learnerID`: the row's learner_id when the caller knows it (read by learner), so that the same
    /// string is shared by the learner's answers instead of being decoded for each.
    static func event(from row: Row, learnerID knownLearner: String? = nil) throws -> AnswerEvent {
        let id = try row.decode(String.self, atIndex: 0)
        let chosenText = try row.decode(String.self, atIndex: 7)
        guard let chosen = JSONStrings.decode(chosenText) else {
            throw BadRow(detail: "answer \(id): 'chosen' is not a JSON array of strings")
        }
        let actionText = try row.decode(String?.self, atIndex: 9)
        var action: ActionClass?
        if let actionText {
            guard let known = ActionClass(rawValue: actionText) else {
                throw BadRow(detail: "answer \(id): unknown action class '\(StoreError.printable(actionText))'")
            }
            action = known
        }
        return AnswerEvent(
            id: id,
            learnerID: try knownLearner ?? row.decode(String.self, atIndex: 1),
            attemptID: try row.decode(String?.self, atIndex: 2),
            lessonID: try row.decode(String?.self, atIndex: 3),
            scenarioID: try row.decode(String.self, atIndex: 4),
            scenarioRev: try row.decode(Int.self, atIndex: 5),
            questionID: try row.decode(String.self, atIndex: 6),
            chosen: chosen,
            credit: try row.decode(Double.self, atIndex: 8),
            action: action,
            time: try row.decode(Int64.self, atIndex: 10),
            isRepeat: try row.decode(Int.self, atIndex: 11) != 0)
    }

    static func learner(from row: Row) throws -> Learner {
        Learner(id: try row.decode(String.self, atIndex: 0), name: try row.decode(String.self, atIndex: 1),
                createdAt: try row.decode(Int64.self, atIndex: 2))
    }

    static func attempt(from row: Row) throws -> Attempt {
        Attempt(id: try row.decode(String.self, atIndex: 0), learnerID: try row.decode(String.self, atIndex: 1),
                lessonID: try row.decode(String.self, atIndex: 2), startedAt: try row.decode(Int64.self, atIndex: 3))
    }
}
