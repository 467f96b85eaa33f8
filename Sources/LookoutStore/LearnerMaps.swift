import GRDB

/// A remembered "this learner of that laptop is this learner here" (table `import_maps`, migration v3).
///
/// `lookout import --map "Dara=Dara"` records one per learner it merged, keyed by the exporting store's id and
/// the learner's id in that store; `lookout learners merge FROM INTO` records one for FROM's id with an empty
/// store id (any store: learner ids are UUIDs). Every later import applies them without being told again.
public struct LearnerMap: Sendable, Hashable, Codable {
    /// The exporting store's id, or "" for any store.
    public var storeID: String
    /// The learner's id in the exporting store.
    public var learnerID: String
    /// The learner here whom they are.
    public var localLearnerID: String
    public var madeAt: Int64

    public init(storeID: String, learnerID: String, localLearnerID: String, madeAt: Int64 = ProgressStore.now()) {
        self.storeID = storeID
        self.learnerID = learnerID
        self.localLearnerID = localLearnerID
        self.madeAt = madeAt
    }
}

/// What `mergeLearner` moved.
public struct LearnerMergeSummary: Sendable, Hashable {
    public var attemptsMoved = 0
    public var answersMoved = 0
    public var mapsMoved = 0
}

extension ProgressStore {
    /// Every remembered mapping, oldest first.
    public func learnerMaps() throws(StoreError) -> [LearnerMap] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT store_id, learner_id, local_learner_id, made_at FROM import_maps ORDER BY made_at, store_id, learner_id")
                .map { row in
                    LearnerMap(storeID: try row.decode(String.self, atIndex: 0), learnerID: try row.decode(String.self, atIndex: 1),
                               localLearnerID: try row.decode(String.self, atIndex: 2), madeAt: try row.decode(Int64.self, atIndex: 3))
                }
        }
    }

    /// Joins learner `fromID` into learner `intoID` in one transaction: every attempt and answer of FROM becomes
    /// INTO's, mappings to FROM point to INTO, FROM's own id is remembered as INTO (so a laptop that exports FROM
    /// again is merged by itself), and FROM's entry, PIN and settings are removed. Nothing else changes.
    @discardableResult
    public func mergeLearner(fromID: String, intoID: String) throws(StoreError) -> LearnerMergeSummary {
        try write { db in
            for id in [fromID, intoID] {
                guard try Bool.fetchOne(db, sql: "SELECT 1 FROM learners WHERE id = ?", arguments: [id]) == true else {
                    throw StoreError.unknownLearner(id)
                }
            }
            var summary = LearnerMergeSummary()
            guard fromID != intoID else { return summary }
            try db.execute(sql: "UPDATE attempts SET learner_id = ? WHERE learner_id = ?", arguments: [intoID, fromID])
            summary.attemptsMoved = db.changesCount
            try db.execute(sql: "UPDATE answer_events SET learner_id = ? WHERE learner_id = ?", arguments: [intoID, fromID])
            summary.answersMoved = db.changesCount
            try db.execute(sql: "UPDATE import_maps SET local_learner_id = ? WHERE local_learner_id = ?", arguments: [intoID, fromID])
            summary.mapsMoved = db.changesCount
            try Self.saveMap(LearnerMap(storeID: "", learnerID: fromID, localLearnerID: intoID), db: db)
            // FROM's PIN, its wrong-try count and its language: settings of an entry that no longer exists.
            try db.execute(sql: "DELETE FROM meta WHERE key IN (?, ?, ?, ?)",
                           arguments: [SecretKey.learner(fromID).hashMetaKey, SecretKey.learner(fromID).setAtMetaKey,
                                       SecretKey.learner(fromID).attemptsMetaKey, "learner-language:" + fromID])
            try db.execute(sql: "DELETE FROM learners WHERE id = ?", arguments: [fromID])
            return summary
        }
    }

    static func saveMap(_ map: LearnerMap, db: Database) throws {
        try db.execute(sql: """
            INSERT INTO import_maps (store_id, learner_id, local_learner_id, made_at) VALUES (?, ?, ?, ?)
            ON CONFLICT(store_id, learner_id) DO UPDATE SET local_learner_id = excluded.local_learner_id, made_at = excluded.made_at
            """, arguments: [map.storeID, map.learnerID, map.localLearnerID, map.madeAt])
    }
}
