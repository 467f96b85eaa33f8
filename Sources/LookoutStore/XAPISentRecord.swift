import GRDB

/// The durable record of what `lookout sync` sent to each Learning Record Store (table `xapi_sent`).
extension ProgressStore {
    /// What happened to a statement at one LRS.
    public enum XAPISendStatus: String, Sendable, Hashable {
        /// Stored by the LRS (200/204), or already there (409).
        case sent
        /// Refused as invalid (400) and set aside; not sent again unless asked.
        case rejected
    }

    /// The statements recorded for `lrs`: id → status.
    public func xapiRecord(lrs: String) throws(StoreError) -> [String: XAPISendStatus] {
        try read { db in
            var result: [String: XAPISendStatus] = [:]
            let rows = try Row.fetchCursor(db, sql: "SELECT statement_id, status FROM xapi_sent WHERE lrs = ?", arguments: [lrs])
            while let row = try rows.next() {
                let id: String = try row.decode(String.self, atIndex: 0)
                let status: String = try row.decode(String.self, atIndex: 1)
                guard let known = XAPISendStatus(rawValue: status) else {
                    throw BadRow(detail: "xapi_sent: unknown status '\(StoreError.printable(status))'")
                }
                result[id] = known
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
                try statement.execute(arguments: [lrs, id, status.rawValue, time, detail])
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
