import Foundation
import LookoutCore

/// Learner display names: any Unicode (Khmer, Thai, emoji, ...), unique per store.
///
/// Two names are the same name when they are equal after Unicode NFC normalisation and trimming of
/// white space at both ends. The store keeps the normalised form, so "Café" typed with a combining
/// accent and "Café" typed with a precomposed é are one learner.
public enum LearnerName {
    /// The longest name accepted, in characters (grapheme clusters).
    public static let maximumLength = 80

    /// The stored form of `name`: NFC-normalised and trimmed.
    public static func normalised(_ name: String) -> String {
        name.precomposedStringWithCanonicalMapping.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The stored form of `name`, or `.invalidName` if it is empty, too long, or holds control
    /// characters (a tab or line break inside a name would break lists and reports).
    public static func validated(_ name: String) throws(StoreError) -> String {
        let result = normalised(name)
        if result.isEmpty {
            throw .invalidName(name: name, reason: "it is empty; type a name or a nickname")
        }
        if result.count > maximumLength {
            throw .invalidName(name: name, reason: "it is longer than \(maximumLength) characters")
        }
        if result.unicodeScalars.contains(where: { $0.properties.generalCategory == .control || $0 == "\u{2028}" || $0 == "\u{2029}" }) {
            throw .invalidName(name: name, reason: "it holds a tab, line break or other control character")
        }
        if TerminalText.containsBidiControl(result) {
            throw .invalidName(name: name, reason: "it holds a right-to-left or left-to-right control character (U+202A-U+202E, U+2066-U+2069, U+200E, U+200F or U+061C), which can make other text print in a different order")
        }
        if TerminalText.isInvisible(result) {
            throw .invalidName(name: name, reason: "it shows nothing (only invisible characters); type a name or a nickname people can read")
        }
        return result
    }
}
