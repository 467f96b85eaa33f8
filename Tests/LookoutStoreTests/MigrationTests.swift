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

    @Test("the v2 fixture's frozen schema is exactly what migrations v1-initial and v2-xapi-sent create")
    func v2FixtureMatchesMigration() throws {
        let dir = TempDir("schema2")
        defer { dir.remove() }
        let fromMigration = dir.file("migrated.sqlite")
        let fromFixture = dir.file("fixture.sqlite")
        try ProgressStore._createForTesting(path: fromMigration, upTo: "v2-xapi-sent")
        _ = try Fixtures.makeV2(fromFixture)
        let query = "SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name;"
        func normalised(_ s: String) -> String { s.split(whereSeparator: \.isWhitespace).joined(separator: " ") }
        let a = normalised(try sqlite(fromMigration, query))
        #expect(a.contains("xapi_sent"))
        #expect(a == normalised(try sqlite(fromFixture, query)))
    }

    @Test("the v3 fixture's frozen schema is exactly what migrations v1 to v3-import-maps create")
    func v3FixtureMatchesMigration() throws {
        let dir = TempDir("schema3")
        defer { dir.remove() }
        let fromMigration = dir.file("migrated.sqlite")
        let fromFixture = dir.file("fixture.sqlite")
        try ProgressStore._createForTesting(path: fromMigration, upTo: "v3-import-maps")
        _ = try Fixtures.makeV3(fromFixture)
        let query = "SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name;"
        func normalised(_ s: String) -> String { s.split(whereSeparator: \.isWhitespace).joined(separator: " ") }
        let a = normalised(try sqlite(fromMigration, query))
        #expect(a.contains("import_maps"))
        #expect(a == normalised(try sqlite(fromFixture, query)))
    }

    @Test("remembered mappings: none after migrating a v2 store, kept in a v3 store, moved by a merge, gone with the learner")
    func importMaps() throws {
        let dir = TempDir("maps")
        defer { dir.remove() }
        let v2 = dir.file("v2.sqlite")
        _ = try Fixtures.makeV2(v2)
        let migrated = try ProgressStore.open(path: v2)
        #expect(try migrated.learnerMaps().isEmpty)
        try migrated.close()

        let v3 = dir.file("v3.sqlite")
        _ = try Fixtures.makeV3(v3)
        let store = try ProgressStore.open(path: v3)
        #expect(try store.learnerMaps() == [LearnerMap(storeID: Fixtures.v3StoreID, learnerID: "33333333-3333-4333-8333-333333333333",
                                                       localLearnerID: "11111111-1111-4111-8111-111111111111", madeAt: 1767225900000)])
        // សុខា is joined into Dara 🌱: her answers and attempt move, the mapping follows, and her own id is remembered.
        let sokha = "11111111-1111-4111-8111-111111111111", dara = "22222222-2222-4222-8222-222222222222"
        let moved = try store.mergeLearner(fromID: sokha, intoID: dara)
        #expect(moved.answersMoved == 2 && moved.attemptsMoved == 1 && moved.mapsMoved == 1)
        #expect(try store.learners().map(\.name) == ["Dara 🌱"])
        #expect(try store.answerCount(learnerID: dara) == 3)
        let maps = try store.learnerMaps()
        #expect(maps.allSatisfy { $0.localLearnerID == dara })
        #expect(Set(maps.map { $0.storeID + "|" + $0.learnerID }) == ["\(Fixtures.v3StoreID)|33333333-3333-4333-8333-333333333333", "|\(sokha)"])
        #expect(throws: StoreError.self) { try store.mergeLearner(fromID: sokha, intoID: dara) }
        // Removing Dara removes the mappings to her.
        try store.removeLearner(id: dara)
        #expect(try store.learnerMaps().isEmpty)
        #expect(try store.integrityCheck() == ["ok"])
        try store.close()
    }

    @Test("the record of what was sent to each LRS: empty after migrating a v1 store, kept when a v2 store opens, updated in place")
    func xapiSentRecord() throws {
        let dir = TempDir("xapi-sent")
        defer { dir.remove() }
        let v1 = dir.file("v1.sqlite")
        _ = try Fixtures.makeV1(v1)
        let migrated = try ProgressStore.open(path: v1)
        #expect(try migrated.xapiRecord(lrs: Fixtures.v2LRS).isEmpty)
        try migrated.recordXAPI(lrs: Fixtures.v2LRS, ids: ["a", "b"], status: .sent)
        try migrated.close()
        let reopened = try ProgressStore.open(path: v1)
        #expect(try reopened.xapiRecord(lrs: Fixtures.v2LRS) == ["a": .sent, "b": .sent])

        let v2 = dir.file("v2.sqlite")
        _ = try Fixtures.makeV2(v2)
        let store = try ProgressStore.open(path: v2)
        #expect(try store.appliedMigrations() == Schema.identifiers)
        #expect(try store.xapiRecord(lrs: Fixtures.v2LRS) == ["e0000001-0000-4000-8000-000000000001": .sent,
                                                           "e0000002-0000-4000-8000-000000000002": .rejected])
        #expect(try store.xapiRecord(lrs: "http://127.0.0.1:8100/xAPI/statements").count == 1)
        // A refused statement sent again later becomes sent; other LRSs are untouched.
        try store.recordXAPI(lrs: Fixtures.v2LRS, ids: ["e0000002-0000-4000-8000-000000000002"], status: .sent)
        #expect(try store.xapiRecord(lrs: Fixtures.v2LRS).values.allSatisfy { $0 == .sent })
        let destinations = try store.xapiDestinations()
        #expect(destinations.map(\.lrs) == ["http://127.0.0.1:8100/xAPI/statements", Fixtures.v2LRS])
        #expect(destinations.map(\.sent) == [1, 2])
        #expect(try store.integrityCheck() == ["ok"])
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
