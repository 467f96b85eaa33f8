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

