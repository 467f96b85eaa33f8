/// The key of one message a command prints (stdout, stderr, or a usage error), grouped by command. Words only: file
/// names, ids and learner names are filled in as `{placeholders}` and reach the terminal through the one
/// terminal-safe path (`Console`), as before. `lookout check` stays English (it is the authors' tool).
public enum CommandText: String, CaseIterable, Sendable, Hashable {
    // MARK: Shared by several commands
    case bankHasErrors
    case noSuchLesson
    case noSuchLessonIn
    case noSuchRegion
    case errorPrefix
    case unknownLanguage
    case noLearnersYet
    case answerOne
    case answerMany
    case learnerOne
    case learnerMany
    case nameMismatchNothingRemoved
    case nameMismatchNothingDeleted

    // MARK: certificate
    case certificateWrote

    // MARK: handout
    case handoutWrote
    case handoutWroteDraft

    // MARK: report
    case reportBadSince
    case reportBadWidth
    case reportWrote

    // MARK: progress
    case progressNoLearner

    // MARK: progress reset
    case resetWhose
    case resetUnconfirmed
    case resetAsk
    case resetDone

    // MARK: learners
    case learnersColumns
    case learnerAdded
    case learnerRenamed
    case learnerHasNoPIN
    case learnerPINRemoved
    case learnerRemoveUnconfirmed
    case learnerRemoveAsk
    case learnerRemoved

    // MARK: export
    case exportBadLabel
    case exported
    case exportedLabel
    case lessonAttemptOne
    case lessonAttemptMany

    // MARK: train
    case trainBadLearner
    case trainBankHasErrors
    case trainNoLessons
    case trainReviewAndLesson
    case trainPlainNote
}

/// The commands' messages in one language (``CommandText``); English complete, other languages fall back to English.
public typealias CommandStrings = TextCatalog<CommandText>

extension CommandText: CatalogKey {
    public var english: String {
        switch self {
        case .bankHasErrors: return "error: the scenario bank at '{path}' has {count} error(s); run 'lookout check {path}' to see them"
        case .noSuchLesson: return "error: there is no lesson '{lesson}' in the scenario bank; the lessons are: {lessons}"
        case .noSuchLessonIn: return "error: there is no lesson '{lesson}' in '{path}'; lessons: {lessons}"
        case .noSuchRegion: return "error: there is no region '{region}' in the scenario bank; the regions are: {regions}"
        case .errorPrefix: return "error: {message}"
        case .certificateWrote: return "Wrote '{textFile}' and '{htmlFile}': {name} passed '{lesson}' with {score} on {date}."
        case .unknownLanguage: return "--language '{language}' is not one Lookout has; use en (English) or km (Khmer)"
        case .handoutWrote: return "wrote {file} ({lesson}, {language}, seed {seed})"
        case .handoutWroteDraft: return "wrote {file} ({lesson}, {language}, draft translation, seed {seed})"
        case .reportBadSince: return "--since '{since}' is not a date of the form YYYY-MM-DD"
        case .reportBadWidth: return "--width must be between 60 and 1000 columns"
        case .reportWrote: return "Wrote the class report to '{file}'."
        case .progressNoLearner: return "error: no learner named '{name}'; see 'lookout learners list'"
        case .answerOne: return "{n} answer"
        case .answerMany: return "{n} answers"
        case .learnerOne: return "{n} learner"
        case .learnerMany: return "{n} learners"
        case .nameMismatchNothingRemoved: return "The name did not match; nothing was removed."
        case .nameMismatchNothingDeleted: return "The name did not match; nothing was deleted."
        case .resetWhose: return "say whose progress to reset with --learner NAME"
        case .resetUnconfirmed:
            return "error: not resetting the progress of '{name}' ({answers}) without confirmation; run this on a terminal to be asked, or add --yes"
        case .resetAsk: return "Delete all {answers} of '{name}'? Type the name to confirm: "
        case .resetDone: return "Reset '{name}': deleted {answers}; the learner is kept."
        case .learnersColumns: return "ANSWERS  ADDED       NAME"
        case .learnerAdded: return "Added learner '{name}'."
        case .learnerRenamed: return "Renamed '{old}' to '{name}'."
        case .learnerHasNoPIN: return "'{name}' has no PIN; nothing changed."
        case .learnerPINRemoved: return "Removed the PIN of '{name}'."
        case .learnerRemoveUnconfirmed:
            return "error: not removing learner '{name}' and their {answers} without confirmation; run this on a terminal to be asked, or add --yes"
        case .learnerRemoveAsk: return "Remove learner '{name}' and all {answers}? Type the name to confirm: "
        case .learnerRemoved: return "Removed learner '{name}' and {answers}."
        case .exportBadLabel: return "--label must be 1 to 30 visible characters, without brackets, control or bidirectional characters"
        case .exported: return "Exported {learners}, {attempts} and {answers} to '{file}' (store {store}{label})."
        case .exportedLabel: return ", \"{label}\""
        case .lessonAttemptOne: return "{n} lesson attempt"
        case .lessonAttemptMany: return "{n} lesson attempts"
        case .trainBadLearner: return "--learner: {error}"
        case .trainBankHasErrors:
            return "error: the scenario bank at '{path}' has {count} error(s), so the trainer cannot start; run 'lookout check {path}' to see them"
        case .trainNoLessons: return "error: the scenario bank at '{path}' has no lessons; add one (see Scenarios/FORMAT.md)"
        case .trainReviewAndLesson: return "--review and --lesson cannot be used together; choose one"
        case .trainPlainNote: return "note: {reason}; using the plain line mode (--plain)"
        case .noLearnersYet: return "No learners yet. Add one with: lookout learners add NAME"
        }
    }
}
