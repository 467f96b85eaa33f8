/// A group of lessons in the lesson menu.
public enum Track: Hashable, Sendable, CaseIterable {
    case police, school, hospitality, mixed

    public var audience: LessonAudience {
        switch self {
        case .police: return .only(.police)
        case .school: return .only(.school)
        case .hospitality: return .only(.hospitality)
        case .mixed: return .mixed
        }
    }
}


/// How the support panel (trainer and plain mode) speaks to a learner. A pupil (the school track) first reads "tell a
/// trusted adult", and an unverified number is marked in words a pupil understands
/// (``UIText/supportUnverifiedPupil``) instead of the adults' "UNVERIFIED" (``UIText/supportUnverified``).
public enum SupportAdvice {
    public static func isPupil(_ audience: LessonAudience?) -> Bool { audience == .only(.school) }
}
