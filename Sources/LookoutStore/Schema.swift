import GRDB

/// The store's schema, as a list of migrations.
///
/// Rules for changing it: never edit or remove a migration that has shipped; add a new one at the
/// end, add its identifier to `identifiers`, and add a fixture for the previous version in
/// Tests/LookoutStoreTests/Fixtures.swift so the migration test opens a store of every earlier
/// version.
public enum Schema {
    /// Every migration this version knows, oldest first. The last one is the current version.
    public static let identifiers = ["v1-initial", "v2-xapi-sent", "v3-import-maps"]

    /// The current schema version: the number of migrations.
    public static var currentVersion: Int { identifiers.count }

    /// The tables a Lookout store holds (besides GRDB's `grdb_migrations`).
    static let lookoutTables: Set<String> = ["learners", "attempts", "answer_events", "meta", "xapi_sent", "import_maps"]

    /// Version 1: learners, attempts, append-only answer events, and a key/value table.
    ///
    /// Times are integer milliseconds since 1970-01-01 UTC. `learners.name` holds the name NFC-normalised
    /// and trimmed, so the UNIQUE constraint compares names the way people read them.
    static let v1 = """
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

    /// Version 2: what `lookout sync` sent to each Learning Record Store, so an interrupted sync resumes
    /// without loss or duplicates. `lrs` is the LRS's statements address (no credentials);
    /// `status` is `sent` (stored there, or already there) or `rejected` (refused with 400, set aside).
    static let v2 = """
        CREATE TABLE xapi_sent (
            lrs TEXT NOT NULL,
            statement_id TEXT NOT NULL,
            status TEXT NOT NULL CHECK (status IN ('sent', 'rejected')),
            at INTEGER NOT NULL,
            detail TEXT,
            PRIMARY KEY (lrs, statement_id)
        ) WITHOUT ROWID;
        """

    /// Version 3: which learner here a learner of another laptop's store is (`lookout import --map`, and
    /// `lookout learners merge`), so every later import of that laptop merges them without being told again.
    /// `store_id` is the exporting store's id (`meta` "store-id" there), or '' for "any store" (a merge of two
    /// entries here: the learner's id is a UUID, unique on its own); `learner_id` is the learner's id in that store.
    static let v3 = """
        CREATE TABLE import_maps (
            store_id TEXT NOT NULL,
            learner_id TEXT NOT NULL,
            local_learner_id TEXT NOT NULL REFERENCES learners(id) ON DELETE CASCADE,
            made_at INTEGER NOT NULL,
            PRIMARY KEY (store_id, learner_id)
        ) WITHOUT ROWID;
        CREATE INDEX import_maps_by_local ON import_maps(local_learner_id);
        """

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-initial") { db in
            try db.execute(sql: v1)
        }
        migrator.registerMigration("v2-xapi-sent") { db in
            try db.execute(sql: v2)
        }
        migrator.registerMigration("v3-import-maps") { db in
            try db.execute(sql: v3)
        }
        return migrator
    }
}
