import LookoutCore

// The words of the session's values, from a catalog: the session (LookoutCore) returns values, and LookoutText
// words them. Moved here from `TrainingSession.swift` and `Feedback.swift` unchanged.

extension SessionNotice {
    /// The words for this notice at time `now`.
    public func words(_ strings: UIStrings, now: Int64) -> String {
        switch self {
        case .text(let text): return text
        case .nameRequired: return strings[.nameRequired]
        case .pinTooShort: return strings[.pinTooShort]
        case .passphraseTooShort: return strings[.passphraseTooShort]
        case .chooseOne: return strings[.chooseOneOption]
        case .retakeNotYet(let lesson, let last, let from, let today):
            let when = last == today ? strings[.retakeToday] : last.description
            return strings(.retakeNotYet, ["lesson": lesson, "when": when, "date": from.description])
        case .wrongSecret(let at):
            let seconds = max(0, (at - now + 999) / 1000)
            return seconds > 0 ? strings(.wrongSecretWait, ["seconds": String(seconds)]) : strings[.wrongSecretAgain]
        }
    }
}

extension FeedbackBuilder {
    /// A one-line summary of an answer in plain words: for multi-select, the hits, misses and false
    /// alarms; for single choice, whether it was right, or unsafe.
    public static func summary(of result: QuestionResult, strings: UIStrings = .english) -> String {
        switch result.kind {
        case .multi:
            return strings(.feedbackMultiSummary, [
                "spotted": strings.count(result.hits.count, one: .spottedOne, many: .spottedMany),
                "missed": strings.count(result.misses.count, one: .missedCount, many: .missedCount),
                "falseAlarms": strings.count(result.falseAlarms.count, one: .falseAlarmOne, many: .falseAlarmMany),
                "percent": String(ScoreFormat.whole(result.credit * 100)),
            ])
        case .single:
            if result.isCorrect { return strings[.feedbackSingleRight] }
            if result.isUnsafe { return strings[.feedbackSingleUnsafe] }
            return result.action == .overReport ? strings[.feedbackSingleOverReport] : strings[.feedbackSingleNotBest]
        }
    }
}

extension SupportAdvice {
    /// The line under an unverified entry.
    public static func unverified(_ entry: RegionEntry, pupil: Bool, strings: UIStrings) -> String {
        pupil ? strings[.supportUnverifiedPupil] : strings(.supportUnverified, ["date": entry.lastVerified.description])
    }
}
