/// A fingerprint of a lesson's content, printed on completion records so that a manager can tell which
/// version of a lesson was passed.
///
/// It is the SHA-256 of this text (UTF-8, every line ending in "\n"):
///
/// ```
/// lookout-lesson-fingerprint 1
/// lesson <TAB> <lesson id>
/// pass-mark <TAB> <pass mark>
/// scenario <TAB> <scenario id> <TAB> <rev>      one line per scenario, in lesson order
/// ```
///
/// A scenario that the bank does not have is written with `missing` for its rev. Ids cannot hold a tab
/// or a line break, so the text is unambiguous. Bumping any scenario's rev, adding, removing or
/// reordering scenarios, or changing the pass mark gives a different fingerprint; fixing a typo (no
/// rev bump) does not.
public struct LessonFingerprint: Sendable, Hashable, Codable {
    /// The whole digest, 64 lower-case hex digits.
    public var hex: String

    public init(hex: String) { self.hex = hex }

    /// The first 16 hex digits in groups of four: `1a2b 3c4d 5e6f 7a8b`.
    public var short: String {
        let digits = Array(hex.prefix(16))
        return stride(from: 0, to: digits.count, by: 4)
            .map { String(digits[$0..<min($0 + 4, digits.count)]) }
            .joined(separator: " ")
    }

    /// The text that is hashed (see the type's documentation).
    public static func canonicalText(lesson: Lesson, bank: Bank) -> String {
        canonicalText(lesson: lesson) { id in bank.scenario(id)?.rev }
    }

    /// The text hashed for the revs in `revs` (a scenario it does not know is "missing").
    public static func canonicalText(lesson: Lesson, revs: (String) -> Int?) -> String {
        var text = "lookout-lesson-fingerprint 1\n"
        text += "lesson\t\(lesson.id)\n"
        text += "pass-mark\t\(lesson.passMark)\n"
        for id in lesson.scenarioIDs {
            let rev = revs(id).map { String($0) } ?? "missing"
            text += "scenario\t\(id)\t\(rev)\n"
        }
        return text
    }

    /// The fingerprint of the lesson as it is in `bank` now.
    public static func of(lesson: Lesson, bank: Bank) -> LessonFingerprint {
        LessonFingerprint(hex: SHA256Digest.hex(SHA256Digest.hash(canonicalText(lesson: lesson, bank: bank))))
    }

    /// The fingerprint of the lesson as an attempt answered it: each scenario at the rev of its answers.
    public static func of(lesson: Lesson, answered events: [AnswerEvent]) -> LessonFingerprint {
        var revs: [String: Int] = [:]
        for event in events where revs[event.scenarioID] == nil { revs[event.scenarioID] = event.scenarioRev }
        return LessonFingerprint(hex: SHA256Digest.hex(SHA256Digest.hash(canonicalText(lesson: lesson) { revs[$0] })))
    }
}
