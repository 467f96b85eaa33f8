import Foundation
import LookoutCore
import LookoutStore
import Testing

@Suite("Schema migrations")
struct MigrationTests {
    @Test("every schema version before the current one has a fixture")
    func everyVersionHasAFixture() {
        let versions = Set(Fixtures.all.map(\.version))
        #expect(versions == Set(0..<Schema.currentVersion + 1))
    }

    @Test("a store made at an earlier schema version opens, migrates to the current one, and keeps its data",
          arguments: Fixtures.all)
    func migratesFromEarlierVersion(fixture: Fixtures.Fixture) throws {
        let dir = TempDir("migrate")
        defer { dir.remove() }
        let path = dir.file(ProgressStore.fileName)
        let contents = try fixture.make(path)

        let store = try ProgressStore.open(path: path)
        #expect(try store.appliedMigrations() == Schema.identifiers)
        #expect(try store.learners().map(\.name) == contents.learnerNames)
        #expect(Set(try store.allEvents().map(\.id)) == Set(contents.eventIDs))
        #expect(Set(try store.allAttempts().map(\.id)) == Set(contents.attemptIDs))
        for (key, value) in contents.meta { #expect(try store.meta(key) == value) }
        // The migrated store works: a new learner answers, and the file is healthy.
        let learner = try store.addLearner(name: "after migration")
        try store.append(makeEvent(learner: learner.id))
        #expect(try store.eventCount() == contents.eventIDs.count + 1)
        #expect(try store.integrityCheck() == ["ok"])
        #expect(try store.durabilitySettings().journalMode == "wal")
        try store.close()

        // Opening again is a no-op migration.
        let again = try ProgressStore.open(path: path)
        #expect(try again.appliedMigrations() == Schema.identifiers)
        #expect(try again.eventCount() == contents.eventIDs.count + 1)
    }

    @Test("the v1 fixture's frozen schema is exactly what migration v1-initial creates")
    func v1FixtureMatchesMigration() throws {
        let dir = TempDir("schema")
        defer { dir.remove() }
        let fromMigration = dir.file("migrated.sqlite")
        let fromFixture = dir.file("fixture.sqlite")
        try ProgressStore._createForTesting(path: fromMigration, upTo: "v1-initial")
        _ = try Fixtures.makeV1(fromFixture)
        let query = "SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name;"
        func normalised(_ s: String) -> String { s.split(whereSeparator: \.isWhitespace).joined(separator: " ") }
        let a = normalised(try sqlite(fromMigration, query))
        let b = normalised(try sqlite(fromFixture, query))
        #expect(!a.isEmpty)
        #expect(a == b)
    }

    @Test("a store written by a newer Lookout (an unknown migration) is refused and left unchanged")
    func newerStoreRefused() throws {
        let dir = TempDir("newer")
        defer { dir.remove() }
        let path = dir.file(ProgressStore.fileName)
        _ = try Fixtures.makeV1(path)
        try sqlite(path, "INSERT INTO grdb_migrations VALUES ('v2-from-the-future'); PRAGMA wal_checkpoint(TRUNCATE);")
        let before = fileBytes(path)
        #expect(throws: StoreError.newerVersion(path: path, unknownMigrations: ["v2-from-the-future"])) {
            try ProgressStore.open(path: path)
        }
        #expect(fileBytes(path) == before)
        let message = StoreError.newerVersion(path: path, unknownMigrations: ["v2-from-the-future"]).description
        #expect(message.contains(path) && message.contains("newer version of Lookout"))
    }
}
