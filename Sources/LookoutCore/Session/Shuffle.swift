/// Deterministic shuffling for lesson attempts: the same attempt always shows its scenes and options in the same
/// order, on any machine, so a run can be replayed and resumed. No randomness source is used here: the seed is
/// derived from the attempt's id (a random UUID made by the driver and stored with the attempt).
public enum AttemptOrder {
    /// FNV-1a, 64 bit: a stable hash (Swift's `Hasher` is seeded per process, so it cannot be used here).
    public static func stableHash(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        return hash
    }

    /// The attempt's seed.
    public static func seed(attemptID: String) -> UInt64 { stableHash("attempt:" + attemptID) }

    /// SplitMix64, a small generator with good statistical quality for shuffling.
    public struct Generator: RandomNumberGenerator, Sendable {
        var state: UInt64
        public init(seed: UInt64) { state = seed }
        public mutating func next() -> UInt64 {
            state &+= 0x9e37_79b9_7f4a_7c15
            var z = state
            z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
            z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
            return z ^ (z >> 31)
        }
    }

    /// A Fisher–Yates shuffle of `items` driven by `seed`.
    public static func shuffled<T>(_ items: [T], seed: UInt64) -> [T] {
        var result = items
        var generator = Generator(seed: seed)
        if result.count > 1 {
            for i in stride(from: result.count - 1, to: 0, by: -1) {
                let j = Int(generator.next() % UInt64(i + 1))
                result.swapAt(i, j)
            }
        }
        return result
    }

    /// The scenes of a lesson in the order an attempt shows them: as written for a final, shuffled otherwise.
    public static func scenes(_ ids: [String], kind: LessonKind, attemptID: String) -> [String] {
        kind.isAssessment ? ids : shuffled(ids, seed: seed(attemptID: attemptID) ^ stableHash("scenes"))
    }

    /// The options of one question in the order an attempt shows them.
    public static func options(_ question: Question, scenarioID: String, attemptID: String) -> [AnswerOption] {
        shuffled(question.options, seed: seed(attemptID: attemptID) ^ stableHash(scenarioID + "/" + question.id))
    }
}
