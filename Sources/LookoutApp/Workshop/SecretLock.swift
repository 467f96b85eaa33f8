import Foundation
import LookoutStore

/// Secrets kept as salted hashes in the progress store (``PassphraseHash``), by ``SecretKey``, with a
/// wrong-attempt counter and delay kept in the store too, so the delay grows across processes: a
/// script that starts a new `lookout` for every guess waits as long as one that guesses in a loop.
///
/// The delay before the n-th try after the last right one: 0 for the first, then 1 s, 2 s, 4 s, ...
/// at most ``maximumDelay``. Each try is counted when it starts (in one write transaction), so two
/// processes guessing at once are spaced out as well, and killing a process does not undo its count.
///
/// ``verify(_:key:store:now:)`` never sleeps (the trainer's key loop can call it and show
/// ``Outcome/tooEarly(seconds:)`` as a countdown); the command line waits with ``waitAndVerify``.
public enum SecretLock {
    /// The longest delay between two tries, in seconds.
    public static let maximumDelay: Double = 16

    public enum Outcome: Equatable, Sendable {
        /// No secret is set for this key.
        case notSet
        /// The right secret; the counter is cleared.
        case match
        /// A wrong secret; the next try is possible after `retryAfter` seconds.
        case mismatch(retryAfter: Double)
        /// Too early after the last try: nothing was checked; try again after `seconds`.
        case tooEarly(seconds: Double)
        /// The stored hash is damaged: nothing can be checked, the lock stays shut.
        case malformed
    }

    /// The delay (seconds) after the n-th failure (n ≥ 1): 1, 2, 4, ... at most ``maximumDelay``.
    public static func delay(afterFailures n: Int) -> Double {
        guard n > 0 else { return 0 }
        return min(maximumDelay, pow(2, Double(min(n - 1, 10))))
    }

    /// Whether a secret is set for `key`.
    public static func isSet(_ key: SecretKey, store: ProgressStore) throws(StoreError) -> Bool {
        try store.secretHash(key) != nil
    }

    /// Hashes `secret` (new random salt) and stores it for `key`, clearing the counter.
    public static func set(_ secret: String, key: SecretKey, store: ProgressStore) throws {
        let hash = try PassphraseHash.make(secret)
        try store.setSecretHash(key, hash)
    }

    /// Removes the secret of `key` and its counter.
    public static func clear(_ key: SecretKey, store: ProgressStore) throws(StoreError) {
        try store.setSecretHash(key, nil)
    }

    /// Seconds until the next try may be checked (0 when it may be checked now).
    /// A wait longer than ``maximumDelay`` can only come from a clock set back after a wrong try: it is
    /// cut to ``maximumDelay`` (in the store, so every process sees the same).
    public static func secondsToWait(_ key: SecretKey, store: ProgressStore, now: Int64 = ProgressStore.now()) throws(StoreError) -> Double {
        try store.capSecretWait(key, now: now, maximum: Int64(maximumDelay * 1000))
        let state = try store.secretAttempts(key)
        return max(0, Double(state.notBefore - now) / 1000)
    }

    /// Checks `secret` against the stored hash of `key`, without sleeping. The try is counted in the
    /// store first; a right one clears the counter.
    public static func verify(_ secret: String, key: SecretKey, store: ProgressStore,
                              now: Int64 = ProgressStore.now()) throws(StoreError) -> Outcome {
        guard let stored = try store.secretHash(key) else { return .notSet }
        try store.capSecretWait(key, now: now, maximum: Int64(maximumDelay * 1000))
        guard let claimed = try store.claimSecretAttempt(key, now: now, delay: { Int64(delay(afterFailures: $0) * 1000) }) else {
            return .tooEarly(seconds: try secondsToWait(key, store: store, now: now))
        }
        switch PassphraseHash.verify(secret, against: stored) {
        case .match:
            try store.clearSecretAttempts(key)
            return .match
        case .malformed:
            return .malformed
        case .mismatch:
            return .mismatch(retryAfter: delay(afterFailures: claimed.failures))
        }
    }

    /// The command line's check: waits out the delay left from earlier tries (by any process), checks,
    /// and after a wrong secret waits its delay before returning, so every refusal takes time.
    public static func waitAndVerify(_ secret: String, key: SecretKey, store: ProgressStore,
                                     sleep: (Double) -> Void = { Thread.sleep(forTimeInterval: $0) },
                                     say: ((String) -> Void)? = nil) throws(StoreError) -> Outcome {
        var said = false
        while true {
            let wait = try secondsToWait(key, store: store)
            if wait > 0 {
                if !said {
                    let text = "waiting \(Int(wait.rounded(.up))) s after earlier wrong tries"
                    if let say { say(text) } else { printError(text) }
                    said = true
                }
                sleep(wait)
            }
            let outcome = try verify(secret, key: key, store: store)
            switch outcome {
            case .tooEarly(let seconds):
                sleep(max(0.01, seconds))     // another process claimed the moment first
                continue
            case .mismatch(let retryAfter):
                sleep(retryAfter)
                return outcome
            default:
                return outcome
            }
        }
    }
}
