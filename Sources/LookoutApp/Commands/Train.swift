import ArgumentParser
import Foundation
import LookoutCore
import LookoutText
import LookoutStore

/// `lookout train` (the default): the full-screen trainer, or `--plain` line mode.
struct Train: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run the trainer (the default command).",
        discussion: """
            Full screen on a terminal; line by line with --plain (for screen readers, dumb terminals \
            and scripts), or when the terminal cannot show the full screen. Quick exit: F12, or Esc \
            twice: clears the screen and leaves at once, keeping every answer given.
            """
    )

    @Flag(help: "Line-by-line mode: numbered options on stdout, answers as lines on stdin.")
    var plain = false

    @Option(help: ArgumentHelp("Use this learner (created if new).", valueName: "name"))
    var learner: String?

    @Option(help: ArgumentHelp("Start this lesson straight away.", valueName: "id"))
    var lesson: String?

    @Flag(help: "Start \"Practise my weak signs\" straight away: a practice lesson chosen from your own answers (see README).")
    var review = false

    @Option(help: ArgumentHelp("With --review: the track to practise (police, school, hospitality or mixed). Default: the track of the lesson you worked on last; a new learner without --track chooses a track first.", valueName: "track"))
    var track: ReviewTrack?

    /// `--track`: a ``Track`` by its name.
    enum ReviewTrack: String, ExpressibleByArgument, CaseIterable {
        case police, school, hospitality, mixed
        var track: Track {
            switch self {
            case .police: return .police
            case .school: return .school
            case .hospitality: return .hospitality
            case .mixed: return .mixed
            }
        }
    }

    @Option(help: ArgumentHelp("The region whose hotlines the support screen shows (default: the bank's first local region).", valueName: "id"))
    var region: String?

    @Option(help: ArgumentHelp("The language of the screens: en or km (Khmer, a draft translation). Default: LOOKOUT_LANGUAGE, the learner's own choice, then the locale (LANG starting with km).", valueName: "en|km"))
    var language: String?

    @Option(help: ArgumentHelp("Minutes without a key after which the full screen goes back to the list of names, so the next person does not see the last one's work (default 5, or LOOKOUT_IDLE_MINUTES; 0: never).", valueName: "minutes"))
    var idleMinutes: Int?

    @OptionGroup var bankOptions: BankOptions
    @OptionGroup var dataOptions: DataOptions

    func validate() throws {
        // A name the store would refuse is a usage error (exit 64), found before anything is opened.
        if let learner {
            do { _ = try LearnerName.validated(learner) } catch { throw ValidationError(CommandStrings.english(.trainBadLearner, ["error": "\(error)"])) }
        }
    }

    func run() throws {
        let bankPath = bankOptions.path()
        if let missing = BankLocator.missing(root: bankPath) {
            printError(missing)
            throw ExitCode(ExitStatus.dataError)
        }
        let loaded = BankLocator.load(root: bankPath)
        if loaded.hasErrors {
            printError(CommandStrings.english(.trainBankHasErrors, ["path": bankPath, "count": String(loaded.diagnostics.errorCount)]))
            throw ExitCode(ExitStatus.dataError)
        }
        if loaded.bank.lessons.isEmpty {
            printError(CommandStrings.english(.trainNoLessons, ["path": bankPath]))
            throw ExitCode(ExitStatus.dataError)
        }
        if track != nil && !review {
            throw ValidationError("--track is used with --review (the track to practise); add --review or leave out --track")
        }
        if review && lesson != nil {
            throw ValidationError(CommandStrings.english[.trainReviewAndLesson])
        }
        if let lesson, loaded.bank.lesson(lesson) == nil {
            printError(CommandStrings.english(.noSuchLessonIn, ["lesson": lesson, "path": bankPath, "lessons": loaded.bank.lessons.map(\.id).joined(separator: ", ")]))
            throw ExitCode(ExitStatus.dataError)
        }
        var languageFlag: UILanguage?
        if let language {
            guard let parsed = UILanguage(code: language) else {
                throw ValidationError(CommandStrings.english(.unknownLanguage, ["language": language]))
            }
            languageFlag = parsed
        }
        let store = try dataOptions.openStore()
        let regionValue = TrainerDriver.region(in: loaded.bank, preferred: region)
        let driver: TrainerDriver
        do {
            driver = try TrainerDriver(bank: loaded.bank, region: regionValue, store: store, language: languageFlag,
                                       environment: ProcessInfo.processInfo.environment)
        } catch {
            throw storeFailure(error)
        }
        if let minutes = idleMinutes ?? ProcessInfo.processInfo.environment["LOOKOUT_IDLE_MINUTES"].flatMap({ Int($0) }) {
            driver.setIdleMinutes(minutes)
        }
        if !plain {
            switch FullScreen.availability() {
            case .available:
                let status = FullScreen.run(driver: driver, learner: learner, lesson: lesson, review: review, reviewTrack: track?.track)
                if status != 0 { throw ExitCode(status) }
                return
            case .unavailable(let reason):
                printError(CommandStrings.english(.trainPlainNote, ["reason": reason]))
            }
        }
        let status = PlainMode(driver: driver).run(learnerName: learner, lessonID: lesson, review: review, reviewTrack: track?.track)
        if status != 0 { throw ExitCode(status) }
    }
}
