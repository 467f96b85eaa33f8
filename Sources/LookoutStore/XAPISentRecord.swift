import GRDB

/// The durable record of what `lookout sync` sent to each Learning Record Store (table `xapi_sent`).
extension ProgressStore {
    /// What happened to a statement at one LRS.
    public enum XAPISendStatus: String, Sendable, Hashable {
        /// Stored by the LRS (200 with the statements' ids).
        case sent
        /// Refused as invalid (400) and set aside; not sent again unless asked.
        case rejected
        /// 409: the LRS holds a different statement with this id. Not sent; set aside like a refusal
        /// (kept in the table as `rejected` with a detail starting "409", so no schema change).
        case conflict

        var column: String { self == .conflict ? "rejected" : rawValue }

        static func from(column: String, detail: String?) -> XAPISendStatus? {
            if column == "rejected", detail?.hasPrefix(conflictDetailPrefix) == true { return .conflict }
            return XAPISendStatus(rawValue: column).flatMap { $0 == .conflict ? nil : $0 }
        }
    }

    /// The detail that marks a `rejected` row as a 409 conflict.
    public static let conflictDetailPrefix = "409"
    /// The detail of a sent completed/passed/failed statement: this prefix, the learner's id, a tab and
    /// the attempt's id, so a later sync finds the ones a newer statement superseded.
    public static let lessonEndDetailPrefix = "lesson-end\t"

    /// The statements recorded for `lrs`: id → status.
    public func xapiRecord(lrs: String) throws(StoreError) -> [String: XAPISendStatus] {
        try read { db in
            var result: [String: XAPISendStatus] = [:]
            let rows = try Row.fetchCursor(db, sql: "SELECT statement_id, status, detail FROM xapi_sent WHERE lrs = ?", arguments: [lrs])
            while let row = try rows.next() {
                let (id, known) = try Self.decodeSent(row)
                result[id] = known
            }
            return result
        }
    }

    private static func decodeSent(_ row: Row) throws -> (String, XAPISendStatus) {
        let id: String = try row.decode(String.self, atIndex: 0)
        let status: String = try row.decode(String.self, atIndex: 1)
        let detail: String? = try row.decode(String?.self, atIndex: 2)
        guard let known = XAPISendStatus.from(column: status, detail: detail) else {
            throw BadRow(detail: "xapi_sent: unknown status '\(StoreError.printable(status))'")
        }
        return (id, known)
    }

    /// The record of these statements at `lrs` (ids not recorded are absent): what a sync reads for
    /// one learner's statements at a time, so memory does not grow with the store.
    public func xapiStatuses(lrs: String, ids: [String]) throws(StoreError) -> [String: XAPISendStatus] {
        guard !ids.isEmpty else { return [:] }
        return try read { db in
            var result: [String: XAPISendStatus] = [:]
            var start = 0
            while start < ids.count {
                let chunk = Array(ids[start..<min(start + 500, ids.count)])
                start += chunk.count
                let marks = Array(repeating: "?", count: chunk.count).joined(separator: ",")
                let rows = try Row.fetchCursor(db, sql: "SELECT statement_id, status, detail FROM xapi_sent WHERE lrs = ? AND statement_id IN (\(marks))",
                                               arguments: StatementArguments([lrs] + chunk))
                while let row = try rows.next() {
                    let (id, known) = try Self.decodeSent(row)
                    result[id] = known
                }
            }
            return result
        }
    }

    /// The completed/passed/failed statements sent to `lrs` for this learner (id → attempt id), as
    /// recorded with ``lessonEndDetailPrefix``.
    public func xapiSentLessonEnds(lrs: String, learnerID: String) throws(StoreError) -> [String: String] {
        let prefix = Self.lessonEndDetailPrefix + learnerID + "\t"
        return try read { db in
            var result: [String: String] = [:]
            let rows = try Row.fetchCursor(db, sql: """
                SELECT statement_id, detail FROM xapi_sent
                WHERE lrs = ? AND status = 'sent' AND substr(detail, 1, ?) = ?
                """, arguments: [lrs, prefix.unicodeScalars.count, prefix])
            while let row = try rows.next() {
                let id: String = try row.decode(String.self, atIndex: 0)
                let detail: String = try row.decode(String.self, atIndex: 1)
                result[id] = String(detail.dropFirst(prefix.count))
            }
            return result
        }
    }

    /// Records statements as sent or rejected at `lrs`, in one transaction (committed and fsynced when
    /// this returns). A later status replaces an earlier one.
    public func recordXAPI(lrs: String, ids: [String], status: XAPISendStatus, detail: String? = nil,
                           at time: Int64 = ProgressStore.now()) throws(StoreError) {
        guard !ids.isEmpty else { return }
        try write { db in
            let statement = try db.cachedStatement(sql: """
                INSERT INTO xapi_sent (lrs, statement_id, status, at, detail) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT(lrs, statement_id) DO UPDATE SET status = excluded.status, at = excluded.at, detail = excluded.detail
                """)
            for id in ids {
                try statement.execute(arguments: [lrs, id, status.column, time, detail])
            }
        }
    }

    /// Records statements at `lrs` with a detail each (`details[i]` for `ids[i]`), in one transaction.
    public func recordXAPI(lrs: String, ids: [String], details: [String?], status: XAPISendStatus,
                           at time: Int64 = ProgressStore.now()) throws(StoreError) {
        guard !ids.isEmpty, ids.count == details.count else { return }
        try write { db in
            let statement = try db.cachedStatement(sql: """
                INSERT INTO xapi_sent (lrs, statement_id, status, at, detail) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT(lrs, statement_id) DO UPDATE SET status = excluded.status, at = excluded.at, detail = excluded.detail
                """)
            for (id, detail) in zip(ids, details) {
                try statement.execute(arguments: [lrs, id, status.column, time, detail])
            }
        }
    }

    /// The LRSs this store has sent to, with how many statements each holds as sent and as rejected.
    public func xapiDestinations() throws(StoreError) -> [(lrs: String, sent: Int, rejected: Int)] {
        try read { db in
            try Row.fetchAll(db, sql: """
                SELECT lrs, sum(status = 'sent'), sum(status = 'rejected') FROM xapi_sent GROUP BY lrs ORDER BY lrs
                """).map { row in
                (try row.decode(String.self, atIndex: 0), try row.decode(Int.self, atIndex: 1), try row.decode(Int.self, atIndex: 2))
            }
        }
    }
}
