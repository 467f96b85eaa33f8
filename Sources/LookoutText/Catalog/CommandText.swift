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

    // MARK: certificate
    case certificateWrote

    // MARK: handout
    case handoutUnknownLanguage
    case handoutWrote
    case handoutWroteDraft

    // MARK: report
    case reportBadSince
    case reportBadWidth
    case reportWrote

    // MARK: progress
    case progressNoLearner
    case progressNoLearners
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
        case .handoutUnknownLanguage: return "--language '{language}' is not one Lookout has; use en (English) or km (Khmer)"
        case .handoutWrote: return "wrote {file} ({lesson}, {language})"
        case .handoutWroteDraft: return "wrote {file} ({lesson}, {language}, draft translation)"
        case .reportBadSince: return "--since '{since}' is not a date of the form YYYY-MM-DD"
        case .reportBadWidth: return "--width must be between 60 and 1000 columns"
        case .reportWrote: return "Wrote the class report to '{file}'."
        case .progressNoLearner: return "error: no learner named '{name}'; see 'lookout learners list'"
        case .progressNoLearners: return "No learners yet. Add one with: lookout learners add NAME"
        }
    }
}
