import Foundation
import GRDB

/// Which secret a hash and its wrong-attempt counter belong to: the facilitator passphrase, or (later)
/// one learner's PIN. The raw value is part of the meta keys, so never change a shipped one.
public struct SecretKey: Hashable, Sendable, CustomStringConvertible {
    public let rawValue: String
    public init(_ rawValue: String) { self.rawValue = rawValue }

    /// The facilitator passphrase (`lookout facilitator set-passphrase`).
    public static let facilitator = SecretKey("facilitator")
    /// A learner's PIN, by the learner's id.
    public static func learner(_ learnerID: String) -> SecretKey { SecretKey("learner:" + learnerID) }
    /// The start of the meta key of every learner's PIN hash (the learner's id follows).
    public static let learnerHashMetaKeyPrefix = "learner-pin:"

    /// The meta key of the stored hash. The facilitator's keeps the name it has had since version 1.
    /// A learner's PIN uses "learner-pin:<id>", the key the trainer already keeps PINs under.
    public var hashMetaKey: String {
        if self == .facilitator { return "facilitator-passphrase" }
        if rawValue.hasPrefix("learner:") { return Self.learnerHashMetaKeyPrefix + rawValue.dropFirst("learner:".count) }
        return "secret:" + rawValue
    }
    /// The meta key of when the secret was set (milliseconds since 1970).
    public var setAtMetaKey: String { hashMetaKey + "-set-at" }
    /// The meta key of the wrong-attempt counter: "<failures> <not before, ms since 1970>".
    public var attemptsMetaKey: String { "attempts:" + rawValue }

    public var description: String { rawValue }
}

/// The wrong-attempt counter of one secret, kept in the store so it holds across processes.
public struct SecretAttempts: Hashable, Sendable {
    /// Tries counted since the last right one (a try is counted when it starts; a right one clears it).
    public var failures: Int
    /// No try may be checked before this time (milliseconds since 1970).
    public var notBefore: Int64

    public init(failures: Int = 0, notBefore: Int64 = 0) {
        self.failures = failures
        self.notBefore = notBefore
    }

    init(metaValue: String?) {
        let parts = (metaValue ?? "").split(separator: " ")
        failures = parts.count == 2 ? max(0, Int(parts[0]) ?? 0) : 0
        notBefore = parts.count == 2 ? Int64(parts[1]) ?? 0 : 0
    }

    var metaValue: String { "\(failures) \(notBefore)" }
}

extension ProgressStore {
    /// The stored hash of a secret, or nil when none is set.
    public func secretHash(_ key: SecretKey) throws(StoreError) -> String? {
        try meta(key.hashMetaKey)
    }

    /// Stores (or, with nil, removes) a secret's hash and when it was set, and clears its
    /// wrong-attempt counter, in one transaction.
    public func setSecretHash(_ key: SecretKey, _ hash: String?, at time: Int64 = ProgressStore.now()) throws(StoreError) {
        try write { db in
            if let hash {
                try Self.putMeta(db, key.hashMetaKey, hash)
                try Self.putMeta(db, key.setAtMetaKey, String(time))
            } else {
                try db.execute(sql: "DELETE FROM meta WHERE key IN (?, ?)", arguments: [key.hashMetaKey, key.setAtMetaKey])
            }
            try db.execute(sql: "DELETE FROM meta WHERE key = ?", arguments: [key.attemptsMetaKey])
        }
    }

    /// The wrong-attempt counter of a secret.
    public func secretAttempts(_ key: SecretKey) throws(StoreError) -> SecretAttempts {
        SecretAttempts(metaValue: try meta(key.attemptsMetaKey))
    }

    /// Claims one try, in one write transaction, so two processes cannot both claim the same moment:
    /// returns nil (nothing changed) when `now` is before the counter's `notBefore`; otherwise counts
    /// the try as a failure in advance, sets `notBefore` to `now + delay(failures)`, and returns the new
    /// counter. A right answer then calls ``clearSecretAttempts(_:)``; a killed process keeps the count.
    public func claimSecretAttempt(_ key: SecretKey, now: Int64, delay: (Int) -> Int64) throws(StoreError) -> SecretAttempts? {
        try write { db in
            var state = SecretAttempts(metaValue: try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = ?",
                                                                       arguments: [key.attemptsMetaKey]))
            if now < state.notBefore { return nil }
            state.failures += 1
            state.notBefore = now + delay(state.failures)
            try Self.putMeta(db, key.attemptsMetaKey, state.metaValue)
            return state
        }
    }

    /// Clock skew: a wait that ends more than `maximum` ms after `now` (the clock was set back after a
    /// wrong try) is cut to end at `now + maximum`. Returns whether it was cut.
    @discardableResult
    public func capSecretWait(_ key: SecretKey, now: Int64, maximum: Int64) throws(StoreError) -> Bool {
        try write { db in
            var state = SecretAttempts(metaValue: try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = ?",
                                                                       arguments: [key.attemptsMetaKey]))
            guard state.notBefore - now > maximum else { return false }
            state.notBefore = now + maximum
            try Self.putMeta(db, key.attemptsMetaKey, state.metaValue)
            return true
        }
    }

    /// Clears a secret's wrong-attempt counter (after a right answer).
    public func clearSecretAttempts(_ key: SecretKey) throws(StoreError) {
        try write { db in try db.execute(sql: "DELETE FROM meta WHERE key = ?", arguments: [key.attemptsMetaKey]) }
    }

    static func putMeta(_ db: Database, _ key: String, _ value: String) throws {
        try db.execute(sql: "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                       arguments: [key, value])
    }
}
