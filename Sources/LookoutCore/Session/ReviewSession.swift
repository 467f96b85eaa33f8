extension TrainingSession {
    /// At the end of a review lesson: the targeted signs that moved toward mastered (P(L) up, or now mastered),
    /// comparing the learner's history without this run's answers to the whole history. Empty for other lessons.
    public func reviewMovement() -> [ReviewLesson.Movement] {
        guard let review, let run, run.lesson.id == review.lesson.id else { return [] }
        let before = history.filter { $0.attemptID != run.attempt.id }
        return ReviewLesson.movement(bank: bank, before: before, after: history, targets: review.targets, policy: policy)
    }

    /// The audience "Practise my weak signs" draws from when it is started outside the lesson menu
    /// (`lookout train --review`): the track the learner chose (`chosen`, `--track`), else the audience of the lesson
    /// they worked on last (answered or skipped), else nil: a new learner chooses a track first, so a pupil is never
    /// given a police scene (nor a review drawn from the whole bank).
    public func reviewAudience(chosen: Track?) -> LessonAudience? {
        if let chosen { return chosen.audience }
        return history.reversed().lazy.compactMap { $0.lessonID.flatMap(self.bank.lesson) }.first?.audience
    }

    /// The review lesson for the current learner on a track, today (`now`, UTC date), or nil when no scene is due.
    /// The seed is the learner's id and the date, so the same day and history give the same lesson.
    public func reviewPlan(audience: LessonAudience, now: Int64) -> ReviewLesson.Plan? {
        guard let learner else { return nil }
        let date = ReviewLesson.utcDate(now)
        return ReviewLesson.make(bank: bank, audience: audience, events: history, now: now, date: date,
                                 seed: AttemptOrder.stableHash("review:" + learner.id + ":" + date.description),
                                 policy: policy)
    }
}

extension ReviewLesson {
    /// The UTC calendar date of a time in milliseconds since 1970 (days-to-civil, proleptic Gregorian).
    public static func utcDate(_ milliseconds: Int64) -> CalendarDate {
        let days = milliseconds >= 0 ? milliseconds / dayMilliseconds : (milliseconds - dayMilliseconds + 1) / dayMilliseconds
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yoe + era * 400 + (month <= 2 ? 1 : 0)
        return CalendarDate(year: Int(year), month: Int(month), day: Int(day))
    }
}

extension TrainingSession {
    /// "My progress": the bank's lessons the current learner has passed, in the bank's order: the lessons whose own
    /// completion record they may save (the record itself is made by ``Completion/record(learner:lesson:bank:events:)``,
    /// the same pass rule as `lookout certificate`). Both the full screen and plain mode list these.
    public var recordLessons: [Lesson] {
        guard let progress else { return [] }
        let passed = Set(progress.lessons.filter { $0.status == .passed }.map(\.lessonID))
        return bank.lessons.filter { passed.contains($0.id) }
    }

    /// Whether the current learner may save their own completion record, by the rule of `lookout certificate`: a
    /// learner with a PIN (typed to get in), or any learner while no facilitator passphrase is set. A learner
    /// without a PIN on a locked laptop asks the facilitator.
    public var mayWriteOwnRecord: Bool {
        guard let learner else { return false }
        return learnersWithPIN.contains(learner.id) || !facilitatorLocked
    }
}
