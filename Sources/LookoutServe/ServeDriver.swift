import LookoutCore
import LookoutText
import LookoutStore

/// What `lookout serve` needs from the trainer's driver: the same ``TrainingSession``, the same effects carried out
/// against the same store, the same language rules. LookoutApp's `TrainerDriver` (the one the terminal and the plain
/// mode use) conforms, so a browser and a terminal store answers through one path. One driver per browser session.
public protocol ServeDriver: AnyObject {
    var session: TrainingSession { get }
    /// The UI catalog in use now (the learner's language).
    var strings: UIStrings { get }
    var language: UILanguage { get }
    /// The bank as loaded (English); the session holds the localized one.
    var bank: Bank { get }
    /// A store failure that ended the session.
    var fatalError: StoreError? { get }
    /// An intent to the session; its effects are carried out (an answer stored durably) before this returns.
    func send(_ intent: SessionIntent)
    /// The learner's language choice: stored with the learner and shown at once.
    func chooseLanguage(_ language: UILanguage)
}

/// What the facilitator pages get for a passphrase.
public enum FacilitatorAccess: Sendable {
    case open(ClassReport, Debrief, Gain)
    /// Wrong, or too early after a wrong one: no new try for this many seconds.
    case refused(retryAfter: Int)
    /// No facilitator passphrase is set yet (set one with `lookout facilitator set-passphrase` or in the trainer).
    case notSet
    case failed(String)
}

/// The outside world of the server: how to make a driver for a new browser session, and how to check the
/// facilitator passphrase and read the class results (both in LookoutApp, through the store's lock).
public struct ServeBackend: Sendable {
    public var makeDriver: @Sendable () throws(StoreError) -> any ServeDriver
    public var facilitator: @Sendable (_ passphrase: String) -> FacilitatorAccess

    public init(makeDriver: @escaping @Sendable () throws(StoreError) -> any ServeDriver,
                facilitator: @escaping @Sendable (_ passphrase: String) -> FacilitatorAccess) {
        self.makeDriver = makeDriver
        self.facilitator = facilitator
    }
}
