import Crypto
import _CryptoExtras
import Foundation

/// The facilitator passphrase as it is stored: a salted, slow hash, never the passphrase itself.
///
/// Format: `pbkdf2-sha256$<iterations>$<salt, base64>$<hash, base64>`: PBKDF2-HMAC-SHA256 (swift-crypto's
/// `KDF.Insecure.PBKDF2`, BoringSSL underneath) over the UTF-8 bytes of the NFC-normalised passphrase,
/// with a 16-byte random salt and a 32-byte output. New hashes use ``defaultIterations``; a stored hash
/// keeps the count it was made with, so the count can be raised later without breaking old stores.
/// Hashes are compared in constant time.
public enum PassphraseHash {
    public static let scheme = "pbkdf2-sha256"
    /// OWASP's recommendation for PBKDF2-HMAC-SHA256 (2023).
    public static let defaultIterations = 600_000
    /// swift-crypto refuses fewer rounds than this.
    public static let minimumIterations = 210_000
    /// More than this in a stored hash is refused (it would take minutes to check).
    public static let maximumIterations = 20_000_000
    public static let saltBytes = 16
    public static let hashBytes = 32
    /// The shortest passphrase accepted, in characters.
    public static let minimumLength = 8

    public enum Verification: Equatable {
        case match
        case mismatch
        /// The stored value is not in the format above.
        case malformed
    }

    /// Hashes `passphrase` with a new random salt.
    public static func make(_ passphrase: String, iterations: Int = defaultIterations) throws -> String {
        guard iterations >= minimumIterations else { throw PassphraseHashError.tooFewIterations(iterations) }
        var generator = SystemRandomNumberGenerator()
        let salt = (0..<saltBytes).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        return try make(passphrase, salt: salt, iterations: iterations)
    }

    /// Hashes `passphrase` with the given salt and iteration count, any count from 1 (for the tests'
    /// known-answer checks; new hashes always come from ``make(_:iterations:)``).
    static func make(_ passphrase: String, salt: [UInt8], iterations: Int) throws -> String {
        let hash = try derive(passphrase, salt: salt, iterations: max(1, iterations))
        return "\(scheme)$\(iterations)$\(Data(salt).base64EncodedString())$\(Data(hash).base64EncodedString())"
    }

    /// Checks `passphrase` against a stored value.
    public static func verify(_ passphrase: String, against stored: String) -> Verification {
        let parts = stored.split(separator: "$", omittingEmptySubsequences: false)
        guard parts.count == 4, parts[0] == scheme,
              let iterations = Int(parts[1]), (minimumIterations...maximumIterations).contains(iterations),
              let salt = Data(base64Encoded: String(parts[2])), salt.count >= saltBytes,
              let expected = Data(base64Encoded: String(parts[3])), expected.count == hashBytes else {
            return .malformed
        }
        guard let actual = try? derive(passphrase, salt: Array(salt), iterations: iterations) else { return .malformed }
        return constantTimeEqual(actual, Array(expected)) ? .match : .mismatch
    }

    /// The form that is hashed: NFC, so that the same passphrase typed with another input method matches.
    public static func normalised(_ passphrase: String) -> String {
        passphrase.precomposedStringWithCanonicalMapping
    }

    /// Why `passphrase` cannot be used, or nil if it can.
    public static func problem(with passphrase: String) -> String? {
        let text = normalised(passphrase)
        // Counted in Unicode code points: a Khmer syllable of several letters is one "character" on
        // screen but carries the entropy of each letter.
        if text.unicodeScalars.count < minimumLength {
            return "it is shorter than \(minimumLength) characters"
        }
        if text.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
            return "it holds a control character"
        }
        if text.trimmingCharacters(in: .whitespaces) != text {
            return "it starts or ends with a space, which is easy to get wrong when typing it again"
        }
        return nil
    }

    static func derive(_ passphrase: String, salt: [UInt8], iterations: Int) throws -> [UInt8] {
        // The rounds are checked by the callers: at least `minimumIterations` for new and stored hashes.
        let key = try KDF.Insecure.PBKDF2.deriveKey(from: Array(normalised(passphrase).utf8), salt: salt,
                                                    using: .sha256, outputByteCount: hashBytes,
                                                    unsafeUncheckedRounds: iterations)
        return key.withUnsafeBytes { Array($0) }
    }

    /// Compares two byte strings in time that depends only on their lengths.
    static func constantTimeEqual(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        var difference: UInt8 = 0
        for i in 0..<a.count { difference |= a[i] ^ b[i] }
        return difference == 0
    }
}

public enum PassphraseHashError: Error, Equatable {
    case tooFewIterations(Int)
}
