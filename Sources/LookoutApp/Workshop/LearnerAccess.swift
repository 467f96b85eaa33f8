import ArgumentParser
import Foundation
import LookoutCore
import LookoutStore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The facilitator's one-time recovery code: printed once when a passphrase is set, stored only as a salted hash
/// (``PassphraseHash``) under ``key``. `lookout facilitator recover` takes it and clears the passphrase; no learner
/// or answer is touched. Wrong codes are counted and delayed in the store like every other secret (``SecretLock``).
public enum FacilitatorRecovery {
    public static let key = SecretKey("facilitator-recovery")
    /// Letters and digits that cannot be mistaken for each other when copied by hand (no 0/O, 1/I/L).
    static let alphabet = Array("ABCDEFGHJKMNPQRSTUVWXYZ23456789")

    /// A new code: four groups of five characters (about 99 bits).
    public static func newCode() -> String {
        var generator = SystemRandomNumberGenerator()
        let groups = (0..<4).map { _ in String((0..<5).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &generator)] }) }
        return groups.joined(separator: "-")
    }

    /// The code as it is hashed: capitals, without spaces and dashes, so "abcde fghjk" matches "ABCDE-FGHJK".
    public static func normalised(_ code: String) -> String {
        String(code.uppercased().filter { $0 != "-" && $0 != " " && $0 != "\t" })
    }

    /// Makes a new code, stores its hash (replacing any earlier one) and returns it to be shown once.
    public static func renew(store: ProgressStore) throws -> String {
        let code = newCode()
        try SecretLock.set(normalised(code), key: key, store: store)
        return code
    }

    /// Sets the facilitator passphrase (its hash and the time) and a new recovery code; returns the code.
    public static func setPassphrase(_ passphrase: String, store: ProgressStore, now: Int64 = ProgressStore.now()) throws -> String {
        let hash = try PassphraseHash.make(passphrase)
        let code = newCode()
        let codeHash = try PassphraseHash.make(normalised(code))
        try store.setSecretHash(.facilitator, hash)
        try store.setMeta(FacilitatorLock.setAtKey, String(now))
        try store.setSecretHash(key, codeHash)
        return code
    }
}

/// How a per-learner command receives that learner's PIN in a script.
public struct PINOptions: ParsableArguments {
    @Flag(name: .customLong("pin-stdin"),
          help: "Read the learner's PIN from the first line of standard input. Other ways: type it when asked on a terminal, or set LOOKOUT_PIN. The facilitator passphrase works instead of the PIN.")
    public var pinStdin = false

    public init() {}
}

/// The rule for commands that show or change one learner's record (`progress --learner`, `progress reset`,
/// `certificate`, `learners rename/remove/clear-pin`): they need that learner's PIN or the facilitator passphrase.
/// A learner without a PIN is as open as the store: the passphrase when one is set, nothing otherwise.
/// A refusal exits 77 (EX_NOPERM), like the facilitator lock, and prints nothing of the learner's.
public enum LearnerAccess {
    public static let pinVariable = "LOOKOUT_PIN"

    /// Whether this learner has a PIN.
    public static func hasPIN(_ learner: Learner, store: ProgressStore) throws -> Bool {
        try Workshop.store { () throws(StoreError) in try SecretLock.isSet(.learner(learner.id), store: store) }
    }

    /// The ids of learners who have a PIN.
    public static func learnersWithPIN(_ store: ProgressStore) throws -> Set<String> {
        let prefix = SecretKey.learnerHashMetaKeyPrefix
        let keys = try Workshop.store { () throws(StoreError) in try store.meta(withPrefix: prefix).keys }
        return Set(keys.map { String($0.dropFirst(prefix.count)) })
    }

    /// Finds a learner and checks access, in the order that reveals nothing: with a passphrase set and no PIN given,
    /// the passphrase is checked before the name is looked up (so a wrong passphrase is refused the same way for a
    /// name that exists and one that does not).
    public static func learner(_ find: () throws -> Learner, store: ProgressStore, lock: PassphraseOptions, pin: PINOptions,
                               command: String, environment: [String: String] = ProcessInfo.processInfo.environment) throws -> Learner {
        let locked = try Workshop.store { () throws(StoreError) in try FacilitatorLock.isSet(store) }
        let pinGiven = pin.pinStdin || !(environment[pinVariable] ?? "").isEmpty
        if locked && !pinGiven {
            try FacilitatorLock.require(store, options: lock, command: command, environment: environment)
            return try find()
        }
        let found = try find()
        try require(found, store: store, lock: lock, pin: pin, command: command, environment: environment)
        return found
    }

    /// Returns when `learner`'s record may be shown or changed by `command` (a path from
    /// ``GuardedCommands/guarded``); otherwise prints why and throws exit code 77.
    public static func require(_ learner: Learner, store: ProgressStore, lock: PassphraseOptions, pin: PINOptions,
                               command: String, environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        let locked = try Workshop.store { () throws(StoreError) in try FacilitatorLock.isSet(store) }
        guard try hasPIN(learner, store: store) else {
            try FacilitatorLock.require(store, options: lock, command: command, environment: environment)
            return
        }
        let shown = "lookout " + command
        // The PIN, if one is given.
        var given: String?
        if pin.pinStdin { given = readLine(strippingNewline: true) ?? "" }
        else if let value = environment[pinVariable], !value.isEmpty { given = value }
        if let given {
            try checkPIN(given, learner: learner, store: store, command: shown)
            return
        }
        // No PIN given: the facilitator passphrase opens it when one is set and given.
        if locked, lock.passphraseStdin || !(environment[FacilitatorLock.environmentVariable] ?? "").isEmpty {
            try FacilitatorLock.require(store, options: lock, command: command, environment: environment)
            return
        }
        guard isatty(STDIN_FILENO) == 1 else {
            printError("error: '\(shown)' needs the PIN of this learner\(locked ? " or the facilitator passphrase" : ""). Run it on a terminal to be asked, or give it with \(pinVariable) or --pin-stdin\(locked ? " (the passphrase with \(FacilitatorLock.environmentVariable) or --passphrase-stdin)" : "")")
            throw ExitCode(FacilitatorLock.refusedExitCode)
        }
        guard let typed = TerminalInput.readHidden(prompt: locked ? "PIN of this learner, or the facilitator passphrase: " : "PIN of this learner: ") else {
            printError("error: could not read the PIN from the terminal; '\(shown)' was not run")
            throw ExitCode(FacilitatorLock.refusedExitCode)
        }
        if locked, try FacilitatorLock.outcome(typed, store: store) == .match { return }
        try checkPIN(typed, learner: learner, store: store, command: shown)
    }

    static func checkPIN(_ pin: String, learner: Learner, store: ProgressStore, command: String) throws {
        let outcome = try Workshop.store { () throws(StoreError) in
            try SecretLock.waitAndVerify(pin, key: .learner(learner.id), store: store)
        }
        switch outcome {
        case .match, .notSet: return
        case .malformed:
            printError("error: the PIN saved for this learner is damaged; a facilitator can remove it with 'lookout learners clear-pin'. '\(command)' was not run")
            throw ExitCode(FacilitatorLock.refusedExitCode)
        case .mismatch, .tooEarly:
            printError("error: wrong PIN; '\(command)' was not run")
            throw ExitCode(FacilitatorLock.refusedExitCode)
        }
    }

    /// For class-wide commands while no passphrase is set: the learners who may be shown (those without a PIN),
    /// and how many were left out. With a passphrase set (and given), everyone is shown.
    public static func visible(_ learners: [Learner], store: ProgressStore) throws -> (shown: [Learner], hidden: Int) {
        if try Workshop.store({ () throws(StoreError) in try FacilitatorLock.isSet(store) }) { return (learners, 0) }
        let withPIN = try learnersWithPIN(store)
        let shown = learners.filter { !withPIN.contains($0.id) }
        return (shown, learners.count - shown.count)
    }

    /// The note a class-wide command prints on stderr when it left learners with a PIN out.
    public static func hiddenNote(_ hidden: Int) -> String {
        "note: \(hidden) learner\(hidden == 1 ? " has" : "s have") a PIN and \(hidden == 1 ? "is" : "are") not shown: with no facilitator passphrase set, a PIN keeps a learner's results private. Set one with 'lookout facilitator set-passphrase' to see the whole class."
    }
}
