import Foundation
import LookoutStore
import Testing

/// Stores as every earlier version of Lookout left them, made with the `sqlite3` command-line
/// tool from frozen SQL (never through the current code), so the migration test opens real old files.
///
/// When a migration is added to `Schema.identifiers`, add a fixture for the version before it here:
/// the test "every schema version has a fixture" fails until you do.
enum Fixtures {
    struct Fixture: Sendable, CustomTestStringConvertible {
        /// The schema version the file is at: the number of migrations applied.
        var version: Int
        var name: String
        /// Writes the file at the path given and returns what it holds.
        var make: @Sendable (String) throws -> Contents

        var testDescription: String { "v\(version) \(name)" }
    }

    /// What a fixture holds, to check after migrating.
    struct Contents: Sendable {
        var learnerNames: [String] = []
        var eventIDs: [String] = []
        var attemptIDs: [String] = []
        var meta: [String: String] = [:]
    }

    static let all: [Fixture] = [
        Fixture(version: 0, name: "empty file (the store was being created)", make: { path in
            guard FileManager.default.createFile(atPath: path, contents: Data()) else { throw TestFailure("cannot create \(path)") }
            return Contents()
        }),
        Fixture(version: 0, name: "migrations table only (killed before the first migration)", make: { path in
            try sqlite(path, """
                PRAGMA journal_mode = WAL;
                CREATE TABLE grdb_migrations (identifier TEXT NOT NULL PRIMARY KEY);
                """)
            return Contents()
        }),
        Fixture(version: 1, name: "v1-initial with learners, an attempt, answers and meta", make: makeV1),
        Fixture(version: 2, name: "v2-xapi-sent with a record of statements sent to an LRS", make: makeV2),
        Fixture(version: 3, name: "v3-import-maps with a remembered --map", make: makeV3),
    ]

    /// The v1 schema exactly as migration "v1-initial" shipped it.
    static let v1Schema = """
        CREATE TABLE learners (
            id TEXT PRIMARY KEY NOT NULL,
            name TEXT NOT NULL UNIQUE,
            created_at INTEGER NOT NULL
        );
        CREATE TABLE attempts (
            id TEXT PRIMARY KEY NOT NULL,
            learner_id TEXT NOT NULL REFERENCES learners(id) ON DELETE CASCADE,
            lesson_id TEXT NOT NULL,
            started_at INTEGER NOT NULL
        );
        CREATE INDEX attempts_by_learner ON attempts(learner_id, started_at);
        CREATE TABLE answer_events (
            id TEXT PRIMARY KEY NOT NULL,
            learner_id TEXT NOT NULL REFERENCES learners(id) ON DELETE CASCADE,
            attempt_id TEXT REFERENCES attempts(id) ON DELETE CASCADE,
            lesson_id TEXT,
            scenario_id TEXT NOT NULL,
            scenario_rev INTEGER NOT NULL,
            question_id TEXT NOT NULL,
            chosen TEXT NOT NULL,
            credit REAL NOT NULL CHECK (credit >= 0 AND credit <= 1),
            action TEXT,
            answered_at INTEGER NOT NULL,
            is_repeat INTEGER NOT NULL CHECK (is_repeat IN (0, 1))
        );
        CREATE INDEX answer_events_by_learner ON answer_events(learner_id, answered_at);
        CREATE INDEX answer_events_by_attempt ON answer_events(attempt_id);
        CREATE TABLE meta (
            key TEXT PRIMARY KEY NOT NULL,
            value TEXT NOT NULL
        );
        """

    static func makeV1(_ path: String) throws -> Contents {
        try sqlite(path, """
            PRAGMA journal_mode = WAL;
            BEGIN;
            CREATE TABLE grdb_migrations (identifier TEXT NOT NULL PRIMARY KEY);
            \(v1Schema)
            INSERT INTO grdb_migrations VALUES ('v1-initial');
            INSERT INTO learners VALUES ('11111111-1111-4111-8111-111111111111', 'សុខា', 1767225600000);
            INSERT INTO learners VALUES ('22222222-2222-4222-8222-222222222222', 'Dara 🌱', 1767225660000);
            INSERT INTO attempts VALUES ('aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa', '11111111-1111-4111-8111-111111111111', 'lesson-1', 1767225700000);
            INSERT INTO answer_events VALUES ('e0000001-0000-4000-8000-000000000001', '11111111-1111-4111-8111-111111111111',
                'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa', 'lesson-1', 'sch-bus-to-aunt', 2, 'signs', '["a","c"]', 0.75, NULL, 1767225710000, 0);
            INSERT INTO answer_events VALUES ('e0000002-0000-4000-8000-000000000002', '11111111-1111-4111-8111-111111111111',
                'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa', 'lesson-1', 'sch-bus-to-aunt', 2, 'act', '["b"]', 0, 'unsafe-confront', 1767225720000, 0);
            INSERT INTO answer_events VALUES ('e0000003-0000-4000-8000-000000000003', '22222222-2222-4222-8222-222222222222',
                NULL, NULL, 'hos-karaoke-hostesses', 1, 'signs', '[]', 1, NULL, 1767225730000, 1);
            INSERT INTO meta VALUES ('facilitator-passphrase', 'not-a-real-hash');
            COMMIT;
            """)
        return Contents(learnerNames: ["សុខា", "Dara 🌱"],
                        eventIDs: ["e0000001-0000-4000-8000-000000000001", "e0000002-0000-4000-8000-000000000002",
                                   "e0000003-0000-4000-8000-000000000003"],
                        attemptIDs: ["aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa"],
                        meta: ["facilitator-passphrase": "not-a-real-hash"])
    }
}

extension Fixtures {
    /// The table migration "v2-xapi-sent" adds, exactly as it shipped.
    static let v2Schema = """
        CREATE TABLE xapi_sent (
            lrs TEXT NOT NULL,
            statement_id TEXT NOT NULL,
            status TEXT NOT NULL CHECK (status IN ('sent', 'rejected')),
            at INTEGER NOT NULL,
            detail TEXT,
            PRIMARY KEY (lrs, statement_id)
        ) WITHOUT ROWID;
        """

    static let v2LRS = "https://lrs.example.org/xAPI/statements"

    /// The v1 store, migrated to v2 by frozen SQL, with two statements sent and one refused.
    static func makeV2(_ path: String) throws -> Contents {
        let contents = try makeV1(path)
        try sqlite(path, """
            BEGIN;
            \(v2Schema)
            INSERT INTO grdb_migrations VALUES ('v2-xapi-sent');
            INSERT INTO xapi_sent VALUES ('\(v2LRS)', 'e0000001-0000-4000-8000-000000000001', 'sent', 1767225800000, NULL);
            INSERT INTO xapi_sent VALUES ('\(v2LRS)', 'e0000002-0000-4000-8000-000000000002', 'rejected', 1767225800000, '{"detail":"bad"}');
            INSERT INTO xapi_sent VALUES ('http://127.0.0.1:8100/xAPI/statements', 'e0000001-0000-4000-8000-000000000001', 'sent', 1767225900000, '409: already there');
            COMMIT;
            """)
        return contents
    }
}

extension Fixtures {
    /// The table migration "v3-import-maps" adds, exactly as it shipped.
    static let v3Schema = """
        CREATE TABLE import_maps (
            store_id TEXT NOT NULL,
            learner_id TEXT NOT NULL,
            local_learner_id TEXT NOT NULL REFERENCES learners(id) ON DELETE CASCADE,
            made_at INTEGER NOT NULL,
            PRIMARY KEY (store_id, learner_id)
        ) WITHOUT ROWID;
        CREATE INDEX import_maps_by_local ON import_maps(local_learner_id);
        """

    static let v3StoreID = "5f0c7a1e-3b2d-4c8e-9a6f-0d1e2f3a4b5c"

    /// The v2 store, migrated to v3 by frozen SQL, with one remembered mapping: laptop 3's learner
    /// 33333333-… is សុខា here.
    static func makeV3(_ path: String) throws -> Contents {
        let contents = try makeV2(path)
        try sqlite(path, """
            BEGIN;
            \(v3Schema)
            INSERT INTO grdb_migrations VALUES ('v3-import-maps');
            INSERT INTO import_maps VALUES ('\(v3StoreID)', '33333333-3333-4333-8333-333333333333', '11111111-1111-4111-8111-111111111111', 1767225900000);
            COMMIT;
            """)
        return contents
    }
}

/// The `sqlite3` command-line tool (installed by .ci/run).
enum SQLiteCLI {
    static let path: String? = {
        for candidate in ["/usr/bin/sqlite3", "/usr/local/bin/sqlite3", "/opt/homebrew/bin/sqlite3", "/bin/sqlite3"]
        where FileManager.default.isExecutableFile(atPath: candidate) {
            return candidate
        }
        return nil
    }()
}

/// Runs `sql` on the database at `path` with the sqlite3 tool and returns its output.
@discardableResult
func sqlite(_ path: String, _ sql: String) throws -> String {
    guard let tool = SQLiteCLI.path else { throw TestFailure("the sqlite3 tool is not installed (apt-get install sqlite3)") }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: tool)
    process.arguments = ["-bail", path]
    let input = Pipe()
    let output = Pipe()
    let errors = Pipe()
    process.standardInput = input
    process.standardOutput = output
    process.standardError = errors
    try process.run()
    let errText = ReadAll(errors)
    input.fileHandleForWriting.write(Data(sql.utf8))
    try input.fileHandleForWriting.close()
    let out = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    let err = String(decoding: errText.wait(), as: UTF8.self)
    guard process.terminationStatus == 0 else { throw TestFailure("sqlite3 failed on \(path): \(err)") }
    return String(decoding: out, as: UTF8.self)
}
