/// The tunable numbers of the scoring engine.
///
/// Everything else the engine does is fixed and documented where it is computed:
/// the knowledge-tracing parameters in ``KnowledgeTracing``, the data threshold of
/// ``SignalDetection``, and the re-queue distance of ``LessonQueue``.
public struct ScoringPolicy: Sendable, Hashable, Codable {
    /// Multi-select with no look-alikes (N = 0): credit = h/S − penalty × wrong ticks, floored at 0.
    ///
    /// A "wrong tick" there is a ticked id that is not a true sign of the question. The same penalty
    /// is charged, in every kind of multi-select question, for a ticked id that names no option of the
    /// question at all (which the trainer never produces, but an event from an edited bank might hold).
    /// The standard value is 0.25: four wrong ticks cancel a complete set of hits.
    public var noLookalikePenaltyPerWrongTick: Double

    public init(noLookalikePenaltyPerWrongTick: Double = 0.25) {
        self.noLookalikePenaltyPerWrongTick = noLookalikePenaltyPerWrongTick
    }

    /// The policy the trainer uses: a penalty of 0.25 per wrong tick when there are no look-alikes.
    public static let standard = ScoringPolicy(noLookalikePenaltyPerWrongTick: 0.25)
}
