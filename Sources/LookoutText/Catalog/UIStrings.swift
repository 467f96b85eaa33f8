import LookoutCore

/// The key of one piece of UI text. Every text the trainer shows (screen titles, labels, key hints, help,
/// verdict words, prompts and messages) has a key here, and a catalog (``UIStrings``) gives its words in one
/// language. The raw value is the key's stable name, for catalogs kept in files.
///
/// Texts with parts filled in at run time are templates: `{name}` marks a placeholder (see
/// ``UIStrings/callAsFunction(_:_:)``). A translation must keep the same placeholders.
public enum UIText: String, CaseIterable, Sendable, Hashable {
    // MARK: Common
    case appName
    case tooSmall
    case tooSmallSize
    case asciiWarning
    case stoppedBySignal
    case moreBelow
    case moreAbove
    case headerQuickExit
    case moreBelowList
    case moreAboveList

    // MARK: Key names and hints
    case keyArrows
    case keyArrowsASCII
    case keySpace
    case keyEnter
    case keyEsc
    case keyPages
    case keyDigits
    case keyQuickExit
    case hintMove
    case hintTick
    case hintSubmit
    case hintChoose
    case hintContinue
    case hintBack
    case hintScroll
    case hintHelp
    case hintSupport
    case hintQuit
    case hintMoveOn
    case hintDone
    case hintClose
    case hintYes
    case hintNo

    // MARK: Learners
    case learnersTitle
    case learnersNote
    case newLearnerRow
    case newLearnerTitle
    case newLearnerPrompt
    case newLearnerNote
    case nameRequired

    // MARK: Tracks and lessons
    case tracksTitle
    case tracksGreeting
    case trackPolice
    case trackSchool
    case trackHospitality
    case trackMixed
    case menuProgress
    case menuSwitchLearner
    case menuFacilitator

    // MARK: Facilitator
    case facilitatorTitle
    case facilitatorPassphrasePrompt
    case facilitatorPassphraseNote
    case facilitatorWrongPassphrase
    case facilitatorHeatMap
    case facilitatorHardest
    case facilitatorPlainPassphrase
    case hintSwitchView
    case lessonsTitle
    case lessonsNone
    case statusNew
    case statusInProgress
    case statusPassed
    case statusFailed
    case lessonPassMark
    case lessonPassMarkMinutes

    // MARK: Content note
    case contentNoteTitle
    case contentNoteIntro
    case contentNoteContinue
    case contentNoteSkip

    // MARK: Scenario and question
    case scenarioAgain
    case questionCounter
    case questionRepeatNote
    case questionMultiHint
    case questionSingleHint

    // MARK: Feedback
    case feedbackTitle
    case feedbackCounter
    case verdictHit
    case verdictMiss
    case verdictFalseAlarm
    case verdictCorrectRejection
    case verdictChosenRight
    case verdictChosenWrong
    case verdictMissedRight
    case verdictOtherWrong
    case unsafeTag
    case feedbackSign
    case feedbackLookalike
    case feedbackMultiSummary
    case spottedOne
    case spottedMany
    case missedCount
    case falseAlarmOne
    case falseAlarmMany
    case feedbackSingleRight
    case feedbackSingleUnsafe
    case feedbackSingleNotBest
    /// An over-report (`act: over-report`): wrong, not unsafe.
    case feedbackSingleOverReport
    case feedbackContinue

    // MARK: Lesson summary
    case summaryTitle
    case summaryScore
    case summaryPassed
    case summaryNotPassed
    case summaryCounts
    case summaryUnsafe
    case summaryReviewTitle
    case summaryReviewList
    case summaryNothingToReview
    case summaryBack

    // MARK: Added for the session split (privacy, honest lessons)
    case newLearnerPINTitle
    case newLearnerPINPrompt
    case newLearnerPINNote
    case nameTakenTitle
    case nameTakenQuestion
    case nameTakenYes
    case nameTakenNo
    case learnerPINTitle
    case learnerPINPrompt
    case learnerPINNote
    case pinTooShort
    case passphraseTooShort
    case passphraseMismatch
    case chooseOneOption
    case wrongSecretWait
    case wrongSecretAgain
    case facilitatorFirstTimePrompt
    case facilitatorConfirmPrompt
    case contentNoteSkipCounts
    case lessonResumeNote
    case statusResume
    case hintLeave
    case feedbackOverflagged
    case summarySigns
    case summaryActions
    case summaryShortfallUnanswered
    case summaryShortfallSigns
    case summaryShortfallActions
    case summaryShortfallUnsafe
    case summaryMissedTitle
    case summaryOverflaggedTitle
    case plainClassReportWarning
    case statusChangedSincePassed
    case secretDamaged
    case plainHelpLeave

    // MARK: Progress
    case progressTitle
    case progressLessons
    case progressCoverage
    case progressCoverageBar
    case progressIndicatorsTitle
    case progressMastered
    case progressNotSeen
    case progressNoAnswers
    case progressUnsafe
    case progressBack

    // MARK: Help
    case helpTitle
    case helpSectionAnswering
    case helpSectionAlways
    case helpMove
    case helpTick
    case helpEnter
    case helpDigits
    case helpPages
    case helpMoveOn
    case helpEsc
    case helpQuestion
    case helpSupport
    case helpQuit
    case helpQuickExit
    case helpCtrlC
    case helpSaved
    case helpClose
    case keyCtrlC
    case keyN
    case keyQuestion
    case keyS
    case keyQ
    case keyY

    // MARK: Support
    case supportTitle
    case supportTitleNoRegion
    case supportEntryNumber
    case supportNoRegion
    case supportNeverConfront
    case supportUnverified
    /// The support panel of a pupil (school track): the first line.
    case supportTrustedAdultFirst
    /// Above an alternate scene (`alternate-for:`), shown after the learner skipped a scene.
    case alternateSceneNote
    /// The support panel of a pupil: an unverified number, in words a pupil understands.
    case supportUnverifiedPupil
    case supportLastVerified
    case supportHours

    // MARK: Quit
    case quitTitle
    case quitBody
    case quitKeys

    // MARK: Plain line mode
    case plainWelcome
    case plainWelcomeKeys
    case plainEndOfInput
    case plainQuitPrompt
    case plainGoodbye
    case plainNumber
    case plainNumberOrBack
    case plainNumberRange
    case plainNoLesson
    case plainWhoIsLearning
    case plainNamePrompt
    case plainChoose
    case plainLessons
    case plainTypeOneOrTwo
    case plainScenarioHeading
    case plainMultiPrompt
    case plainSinglePrompt
    case plainRepeatPrompt
    case plainNumbersRangeMulti
    case plainNumbersRangeSingle
    case plainOneNumber
    case plainSummaryHeading
    case plainProgressHeading
    case plainHelpTitle
    case plainHelpMulti
    case plainHelpZero
    case plainHelpKeys
    case plainHelpMoveOn
    case plainHelpEnd
    case plainSupportNoRegion
    case plainIndicatorLine

    // MARK: Language (issue 12)
    case menuLanguage
    case draftTranslationNotice
    case englishFallbackNotice
    case khmerUnreadable
    case helpTerminalTest
    case handoutTitle
    case handoutIntro
    case handoutMultiHint
    case handoutAnswersTitle
    case handoutIsSign
    case handoutNotSign
    case handoutPrinted
    /// The shuffle seed printed on a handout.
    case handoutSeed
    case languageEnglish
    case languageKhmer
    case languageKhmerASCII
    // MARK: Debrief, gain and review (issue 13)
    case facilitatorDebrief
    case facilitatorNamesHidden
    case hintHideNames
    case hintShowNames
    case debriefNotReady
    case reviewMenuItem
    case reviewDescription
    case reviewNothingDue
    /// `--review` for a learner with no answers and no `--track`.
    case reviewChooseTrack
    /// "My progress": the passed lessons whose record the learner may save.
    case recordListTitle
    /// Plain mode: which record to save.
    case recordPlainPrompt
    /// Plain mode: where to save it.
    case recordFolderPrompt
    case recordFolderMissing
    case recordSaved
    case recordNeedsPIN
    case recordNotSaved
    /// Full screen footer on "My progress".
    case hintSaveRecord
    case reviewMovedTitle
    case reviewMovedLine
    case reviewMastered
    case reviewNoneMoved
    // MARK: Shared laptops and finals (issue 20)
    case teacherSetupRow
    case teacherSetupNote
    case recoveryCodeNote
    case classResultsTooFew
    case classResultsPINHidden
    case pinConfirmPrompt
    case pinMismatch
    case finalFeedbackHeld
    case restartConfirm
    case retakeNotYet
    case retakeToday
    case summaryDecides
    case summaryDecidesUnsafe
    case progressPassedList
    case helpEscLeaves
    case idleReturned
    case hintDebriefLesson
}

/// A catalog of UI text in one language.
///
/// ``english`` is complete by construction (an exhaustive `switch`). Another language is a table of
/// key → text (for example read from a file); any key it lacks falls back to English, and
/// ``missingKeys`` and ``placeholderMismatches`` let a checker report what still needs translating.
public struct UIStrings: Sendable {
    /// The language code, such as "en" or "km".
    public let language: String
    private let table: [UIText: String]

    /// A catalog from a table; keys missing from `table` use the English text.
    public init(language: String, table: [UIText: String]) {
        self.language = language
        self.table = table
    }

    public static let english: UIStrings = {
        var table: [UIText: String] = [:]
        for key in UIText.allCases { table[key] = englishText(key) }
        return UIStrings(language: "en", table: table)
    }()

    /// The text of a key (a template is returned with its placeholders unfilled).
    public subscript(_ key: UIText) -> String { table[key] ?? UIStrings.englishText(key) }

    /// The text of a key with its `{placeholders}` filled in. A placeholder with no value is left as it is.
    public func callAsFunction(_ key: UIText, _ values: [String: String] = [:]) -> String {
        UIStrings.fill(self[key], values)
    }

    /// The key's text for a count: `one` when `count` is 1, else `many`; `{n}` is the count.
    public func count(_ count: Int, one: UIText, many: UIText, _ values: [String: String] = [:]) -> String {
        var all = values
        all["n"] = String(count)
        return self(count == 1 ? one : many, all)
    }

    /// Keys this catalog has no text of its own for.
    public var missingKeys: [UIText] { UIText.allCases.filter { table[$0] == nil } }

    /// Keys whose text does not use exactly the placeholders of the English text.
    public var placeholderMismatches: [UIText] {
        UIText.allCases.filter { key in
            guard let text = table[key] else { return false }
            return Set(UIStrings.placeholders(in: text)) != Set(UIStrings.placeholders(in: UIStrings.englishText(key)))
        }
    }

    /// The names of the `{placeholders}` in a template, in order.
    public static func placeholders(in template: String) -> [String] {
        var names: [String] = []
        var current: String?
        for c in template {
            if c == "{" {
                current = ""
            } else if c == "}", let name = current {
                if !name.isEmpty { names.append(name) }
                current = nil
            } else if current != nil {
                current?.append(c)
            }
        }
        return names
    }

    /// Replaces each `{name}` in a template by its value.
    public static func fill(_ template: String, _ values: [String: String]) -> String {
        guard !values.isEmpty, template.contains("{") else { return template }
        var result = ""
        var pending: String?
        for c in template {
            if c == "{" {
                if let open = pending { result += "{" + open }
                pending = ""
            } else if c == "}", let name = pending {
                if let value = values[name] { result += value } else { result += "{" + name + "}" }
                pending = nil
            } else if pending != nil {
                pending?.append(c)
            } else {
                result.append(c)
            }
        }
        if let open = pending { result += "{" + open }
        return result
    }

    static func englishText(_ key: UIText) -> String {
        switch key {
        // Common
        case .appName: return "Lookout"
        case .tooSmall: return "Please make the window larger."
        case .tooSmallSize: return "Lookout needs at least {width}x{height}; this window is {currentWidth}x{currentHeight}."
        case .asciiWarning: return "This terminal is not set to UTF-8, so some letters show as '?'. Try LANG=C.UTF-8."
        case .stoppedBySignal: return "Lookout stopped. Every answer given is saved."
        case .moreBelow: return "more below: PgDn"
        case .moreAbove: return "PgUp: back up"
        case .headerQuickExit: return "Quick exit: F12 or Esc Esc"
        case .moreBelowList: return "more below"
        case .moreAboveList: return "more above"

        // Keys and hints
        case .keyArrows: return "↑↓"
        case .keyArrowsASCII: return "Up/Down"
        case .keySpace: return "Space"
        case .keyEnter: return "Enter"
        case .keyEsc: return "Esc"
        case .keyPages: return "PgUp/PgDn"
        case .keyDigits: return "1-9"
        case .keyQuickExit: return "F12 or Esc Esc"
        case .hintMove: return "move"
        case .hintTick: return "tick"
        case .hintSubmit: return "submit"
        case .hintChoose: return "choose"
        case .hintContinue: return "continue"
        case .hintBack: return "back"
        case .hintScroll: return "scroll"
        case .hintHelp: return "help"
        case .hintSupport: return "support"
        case .hintQuit: return "quit"
        case .hintMoveOn: return "move on"
        case .hintDone: return "done"
        case .hintClose: return "close"
        case .hintYes: return "yes, quit"
        case .hintNo: return "no, stay"

        // Learners
        case .learnersTitle: return "Who is learning?"
        case .learnersNote: return "Names only: nobody else's results are shown."
        case .newLearnerRow: return "New learner"
        case .newLearnerTitle: return "New learner"
        case .newLearnerPrompt: return "Your name or a nickname:"
        case .newLearnerNote: return "Any language is fine. Your answers are kept under this name on this computer."
        case .nameRequired: return "type a name first (a nickname is fine)"

        // Tracks and lessons
        case .tracksTitle: return "Choose a track"
        case .tracksGreeting: return "Hello, {name}. Choose:"
        case .trackPolice: return "Community policing"
        case .trackSchool: return "School"
        case .trackHospitality: return "Hospitality"
        case .trackMixed: return "Mixed workshop"
        case .menuProgress: return "My progress"
        case .menuSwitchLearner: return "Switch learner"
        case .menuFacilitator: return "Facilitator: class results"
        case .facilitatorTitle: return "Facilitator"
        case .facilitatorPassphrasePrompt: return "Facilitator passphrase:"
        case .facilitatorPassphraseNote: return "The class results are for the facilitator only. Esc goes back."
        case .facilitatorWrongPassphrase: return "wrong passphrase"
        case .facilitatorHeatMap: return "Warning signs, worst first"
        case .facilitatorHardest: return "Hardest scenarios"
        case .facilitatorPlainPassphrase: return "Facilitator passphrase:"
        case .hintSwitchView: return "switch view"
        case .lessonsTitle: return "Lessons: {track}"
        case .lessonsNone: return "This track has no lessons."
        case .statusNew: return "new"
        case .statusInProgress: return "in progress {percent}%"
        case .statusPassed: return "passed"
        case .statusFailed: return "not passed yet"
        case .lessonPassMark: return "Pass mark {passMark}%."
        case .lessonPassMarkMinutes: return "Pass mark {passMark}%, about {minutes} minutes."

        // Content note
        case .contentNoteTitle: return "Content note"
        case .contentNoteIntro: return "Content note: {note}"
        case .contentNoteContinue: return "Continue"
        case .contentNoteSkip: return "Skip this scenario for now (no penalty)"

        // Scenario and question
        case .scenarioAgain: return "{title} (second try)"
        case .questionCounter: return "Question {number} of {count}"
        case .questionRepeatNote: return "This scenario came back for another try; press n to move on."
        case .questionMultiHint: return "Tick every warning sign, then press Enter."
        case .questionSingleHint: return "Choose one."

        // Feedback
        case .feedbackTitle: return "Feedback"
        case .feedbackCounter: return "Feedback on question {number} of {count}"
        case .verdictHit: return "RIGHT: a warning sign you spotted"
        case .verdictMiss: return "MISSED: this is a warning sign"
        case .verdictFalseAlarm: return "FALSE ALARM: not a warning sign on its own"
        case .verdictCorrectRejection: return "RIGHT: not a warning sign on its own, and you left it"
        case .verdictChosenRight: return "RIGHT: your choice"
        case .verdictChosenWrong: return "NOT THE BEST: your choice"
        case .verdictMissedRight: return "BEST CHOICE"
        case .verdictOtherWrong: return "not the best"
        case .unsafeTag: return "UNSAFE"
        case .feedbackSign: return "Sign: {title}. {explanation}"
        case .feedbackLookalike: return "Can look like: {title}. {explanation}"
        case .feedbackMultiSummary: return "{spotted}, {missed}, {falseAlarms}. Score for this question: {percent}%."
        case .spottedOne: return "{n} warning sign spotted"
        case .spottedMany: return "{n} warning signs spotted"
        case .missedCount: return "{n} missed"
        case .falseAlarmOne: return "{n} false alarm"
        case .falseAlarmMany: return "{n} false alarms"
        case .feedbackSingleRight: return "Right: that is the safe thing to do."
        case .feedbackSingleUnsafe: return "That choice is UNSAFE: read why below."
        case .feedbackSingleNotBest: return "Not the best choice: read why below."
        case .feedbackSingleOverReport: return "Not the best choice: nothing here points to trafficking, so a report is not needed. Read why below."
        case .feedbackContinue: return "Press Enter to continue."

        // Privacy, honest lessons
        case .newLearnerPINTitle: return "A PIN for {name} (optional)"
        case .newLearnerPINPrompt: return "Choose a PIN of 4 or more characters, or press Enter for none:"
        case .newLearnerPINNote: return "A PIN keeps your answers and results to yourself: without it nobody can open them or answer as you, in the trainer or with lookout commands. The teacher's facilitator passphrase can still open them. Only dots are shown; you type it twice."
        case .nameTakenTitle: return "That name is taken"
        case .nameTakenQuestion: return "A learner called \"{name}\" already exists on this computer. Is that you?"
        case .nameTakenYes: return "Yes, that is me"
        case .nameTakenNo: return "No, I will choose another name"
        case .learnerPINTitle: return "PIN for {name}"
        case .learnerPINPrompt: return "Type your PIN (only dots are shown):"
        case .learnerPINNote: return "Forgot it? Your facilitator can reset it with: lookout learners clear-pin NAME"
        case .pinTooShort: return "a PIN needs at least 4 characters (or leave it empty for none)"
        case .passphraseTooShort: return "the passphrase needs at least 8 characters"
        case .passphraseMismatch: return "the two passphrases were not the same; type it again"
        case .chooseOneOption: return "choose one option"
        case .wrongSecretWait: return "wrong, try again in {seconds} s"
        case .wrongSecretAgain: return "wrong; try again"
        case .facilitatorFirstTimePrompt: return "For the teacher only: choose a facilitator passphrase (8 or more characters). It locks the class results and every learner's record on this computer:"
        case .facilitatorConfirmPrompt: return "Type the same passphrase again:"
        case .contentNoteSkipCounts: return "Skipping costs nothing now, but this lesson cannot be passed while a scene is skipped: the scene stays open, and the lesson picks up at it when you open it again. If you would rather not see it at all, ask your facilitator about another lesson."
        case .lessonResumeNote: return "Enter picks up where you left off; r starts the lesson again."
        case .statusResume: return "unfinished: {answered} of {total} questions answered"
        case .hintLeave: return "leave (answers kept)"
        case .feedbackOverflagged: return "A false alarm treats an ordinary person as a suspect. Reports about innocent people waste help that real victims need and can hurt the people reported."
        case .summarySigns: return "Spotting the signs: {score}% (needs {passMark}%)"
        case .summaryActions: return "Acting safely: {score}% (needs {passMark}%)"
        case .summaryShortfallUnanswered: return "{count} questions not answered (skipped or not reached). A lesson is passed only when every scene is answered: open it again to answer them."
        case .summaryShortfallSigns: return "Not enough warning signs told apart from look-alikes yet."
        case .summaryShortfallActions: return "Not enough safe choices of what to do yet."
        case .summaryShortfallUnsafe: return "An unsafe choice in a final assessment means it is not passed: never confront, never investigate alone."
        case .summaryMissedTitle: return "Warning signs you missed:"
        case .summaryOverflaggedTitle: return "Look-alikes you flagged (over-flagging harms innocent people):"

        case .secretDamaged: return "the saved PIN or passphrase is damaged; ask your facilitator (lookout facilitator status)"
        case .statusChangedSincePassed: return "changed since you passed: do it again"
        case .plainClassReportWarning: return "The class report will stay in this terminal's scrollback, where the next learner can read it. To keep it in a file instead, answer n and run: lookout report --out FILE. Print it here?"
        case .plainHelpLeave: return "l leaves the lesson; your answers are kept and the lesson picks up where you left it."

        // Lesson summary
        case .summaryTitle: return "Lesson finished: {lesson}"
        case .summaryScore: return "Score: {score}% (pass mark {passMark}%): {verdict}"
        case .summaryPassed: return "PASSED"
        case .summaryNotPassed: return "not passed yet"
        case .summaryCounts: return "Warning signs spotted: {hits}, missed: {misses}, false alarms: {falseAlarms}"
        case .summaryUnsafe: return "Unsafe choices: {count}"
        case .summaryReviewTitle: return "Warning signs to review:"
        case .summaryReviewList: return "To review: {list}"
        case .summaryNothingToReview: return "Nothing to review."
        case .summaryBack: return "Press Enter to go back to the lessons."

        // Progress
        case .progressTitle: return "Your progress"
        case .progressLessons: return "Lessons passed: {passed} of {total}"
        case .progressCoverage: return "Scenarios seen: {seen} of {total}. Warning signs mastered: {mastered} of {indicators}."
        case .progressCoverageBar: return "{percent}% of the scenarios seen"
        case .progressIndicatorsTitle: return "Warning signs you have met:"
        case .progressMastered: return "(mastered)"
        case .progressNotSeen: return "Warning signs not met yet: {count}"
        case .progressNoAnswers: return "No answers yet: start a lesson to see your progress here."
        case .progressUnsafe: return "Unsafe choices so far: {count}"
        case .progressBack: return "Press Enter to go back."

        // Help
        case .helpTitle: return "Help: every key"
        case .helpSectionAnswering: return "Answering"
        case .helpSectionAlways: return "At any time"
        case .helpMove: return "move between options (also j and k)"
        case .helpTick: return "tick or untick a warning sign"
        case .helpEnter: return "submit your answer, choose, continue"
        case .helpDigits: return "pick an option by its number"
        case .helpPages: return "scroll the story or the feedback"
        case .helpMoveOn: return "move on from a scenario that came back for another try"
        case .helpEsc: return "go back in the menus, close a panel"
        case .helpQuestion: return "this help"
        case .helpSupport: return "support and reporting contacts"
        case .helpQuit: return "save and quit (asks first)"
        case .helpQuickExit: return "QUICK EXIT: clears the screen and leaves at once; every answer given is kept"
        case .helpCtrlC: return "leave; every answer given is kept"
        case .helpSaved: return "Every answer is saved as soon as you give it."
        case .helpClose: return "Press Esc to close this help."
        case .keyCtrlC: return "Ctrl-C"
        case .keyN: return "n"
        case .keyQuestion: return "?"
        case .keyS: return "s"
        case .keyQ: return "q"
        case .keyY: return "y"

        // Support
        case .supportTitle: return "Support and reporting: {region}"
        case .supportTitleNoRegion: return "Support and reporting"
        case .supportEntryNumber: return "{name}: {number}"
        case .supportNoRegion: return "Ask your facilitator for the local hotline."
        case .supportNeverConfront: return "Never confront; report."
        case .supportUnverified: return "UNVERIFIED: not yet confirmed by a local check; check before relying on it. Last checked {date}."
        case .alternateSceneNote: return "This scene takes the place of the one you skipped. It counts the same."
        case .supportTrustedAdultFirst: return "First, tell a trusted adult: a parent, your homeroom teacher or the school director. You do not have to handle this alone."
        case .supportUnverifiedPupil: return "Not yet checked by us: if this number does not work, tell a trusted adult."
        case .supportLastVerified: return "Last verified {date}."
        case .supportHours: return "Hours: {hours}"

        // Quit
        case .quitTitle: return "Save and quit?"
        case .quitBody: return "Your answers are already saved."
        case .quitKeys: return "y: yes, quit    n: no, stay"

        // Plain line mode
        case .plainWelcome: return "Lookout: learning to recognise the warning signs of human trafficking."
        case .plainWelcomeKeys: return "Type ? for help, s for support and reporting contacts, q to save and quit."
        case .plainEndOfInput: return "End of input: your answers are saved. Goodbye."
        case .plainQuitPrompt: return "Save and quit? (y/n)"
        case .plainGoodbye: return "Your answers are saved. Goodbye."
        case .plainNumber: return "Number:"
        case .plainNumberOrBack: return "Number (or b to go back):"
        case .plainNumberRange: return "Type a number from 1 to {count}."
        case .plainNoLesson: return "There is no lesson '{id}' in this bank. Lessons: {list}"
        case .plainWhoIsLearning: return "Who is learning? (names only; nobody else's results are shown)"
        case .plainNamePrompt: return "Your name or nickname:"
        case .plainChoose: return "Hello, {name}. Choose:"
        case .plainLessons: return "Lessons:"
        case .plainTypeOneOrTwo: return "Type 1 or 2."
        case .plainScenarioHeading: return "== {title} =="
        case .plainMultiPrompt: return "Type the numbers of every warning sign, separated by spaces (0 if none):"
        case .plainSinglePrompt: return "Type the number of your choice:"
        case .plainRepeatPrompt: return "(This scenario came back for another try; type n to move on.)"
        case .plainNumbersRangeMulti: return "Type numbers from 1 to {count}, or 0 for none."
        case .plainNumbersRangeSingle: return "Type numbers from 1 to {count}."
        case .plainOneNumber: return "Type one number from 1 to {count}."
        case .plainSummaryHeading: return "== Lesson finished: {lesson} =="
        case .plainProgressHeading: return "== Your progress =="
        case .plainHelpTitle: return "Help"
        case .plainHelpMulti: return "Multi-select questions: type the numbers of every warning sign, for example: 1 3"
        case .plainHelpZero: return "Type 0 if you see no warning signs. Single-choice questions: type one number."
        case .plainHelpKeys: return "?  this help      s  support and reporting contacts      q  save and quit"
        case .plainHelpMoveOn: return "n  move on from a scenario that came back for another try"
        case .plainHelpEnd: return "End of input (Ctrl-D) also saves and quits. Every answer is saved as soon as you give it."
        case .plainSupportNoRegion: return "Support: ask your facilitator for the local hotline. Never confront; report."
        case .plainIndicatorLine: return "{percent}% {mastered}{title}"

        // Language (issue 12)
        case .menuLanguage: return "Language: {current} (Enter: {other})"
        case .draftTranslationNotice: return "Draft translation: not yet checked by a Khmer-speaking reviewer."
        case .englishFallbackNotice: return "English: no translation in your language yet."
        case .handoutTitle: return "Lesson: {lesson}"
        case .handoutIntro: return "Read each story and answer its questions. The answers and explanations start on a new page: do not turn to them before you have answered."
        case .handoutMultiHint: return "Tick every warning sign (there may be none)."
        case .handoutAnswersTitle: return "Answers and explanations"
        case .handoutIsSign: return "warning sign"
        case .handoutNotSign: return "not a warning sign on its own"
        case .handoutSeed: return "Options shuffled with seed {seed} (the same seed prints the same order)."
        case .handoutPrinted: return "Printed from Lookout, bank lesson {id}. Never confront, never investigate alone: report."
        case .languageEnglish: return "English"
        case .languageKhmer: return "ខ្មែរ (Khmer)"
        case .languageKhmerASCII: return "Khmer"
        case .helpTerminalTest: return "Khmer letters look wrong? A facilitator can run: lookout terminal-test"
        case .khmerUnreadable: return "This terminal cannot show Khmer reliably ({reason}), so Lookout shows English. Run lookout terminal-test to see why."
        // Debrief, gain and review (issue 13)
        case .facilitatorDebrief: return "Debrief"
        case .facilitatorNamesHidden: return "names hidden"
        case .hintHideNames: return "hide names"
        case .hintShowNames: return "show names"
        case .debriefNotReady: return "The debrief is not ready yet."
        case .reviewMenuItem: return "Practise my weak signs"
        case .reviewDescription: return "A short practice chosen for you: scenes you have not seen or found hard, with the signs you have not mastered yet and the look-alikes you tend to flag, and always some ordinary scenes. It changes as you learn."
        case .reviewNothingDue: return "Nothing to practise today: every scene is waiting for its next review. Come back tomorrow."
        case .recordListTitle: return "Save my completion record (the same record as 'lookout certificate'):"
        case .recordPlainPrompt: return "Number of a lesson to save its record, or Enter to go back"
        case .recordFolderPrompt: return "Folder to save it in (Enter: the data folder)"
        case .recordFolderMissing: return "There is no folder '{folder}'; create it first, or press Enter for the data folder."
        case .recordSaved: return "Saved your completion record: {text} and {html} (readable by you only)."
        case .recordNeedsPIN: return "Your name has no PIN and this laptop has a facilitator lock: ask your facilitator for your record."
        case .recordNotSaved: return "Not saved: {reason}"
        case .hintSaveRecord: return "save my record"
        case .reviewChooseTrack: return "Choose your track first: \"Practise my weak signs\" is at the end of its lessons."
        case .reviewMovedTitle: return "Signs that moved toward mastered:"
        case .reviewMovedLine: return "{title}: {before}% → {after}%"
        case .reviewMastered: return "mastered"
        case .reviewNoneMoved: return "No sign moved this time. The same signs will come back in your next practice."

        // Shared laptops and finals (issue 20)
        case .teacherSetupRow: return "For the teacher: set the facilitator passphrase"
        case .teacherSetupNote: return "First start on this computer: before any learner begins, the teacher sets a facilitator passphrase (last row). It keeps the class results and every learner's record for the teacher."
        case .recoveryCodeNote: return "Passphrase set. Recovery code, shown only this once: {code}. Write it down and keep it away from learners: if the passphrase is forgotten, 'lookout facilitator recover' takes this code; no answer is lost."
        case .classResultsTooFew: return "Class results open once 3 or more learners have answered ({active} so far): with fewer, they would show one learner's own answers."
        case .classResultsPINHidden: return "{count} learners with a PIN are not shown; set a facilitator passphrase to see the whole class."
        case .pinConfirmPrompt: return "Type the same PIN again:"
        case .pinMismatch: return "the two PINs were not the same; choose the PIN again"
        case .finalFeedbackHeld: return "Final assessment: the feedback on every question comes at the end, after the last answer."
        case .restartConfirm: return "Start '{lesson}' again? The answers given so far stay saved, but this attempt ends unfinished. y: start again · any other key: keep it"
        case .retakeNotYet: return "'{lesson}' was already taken {when}. Its rule: a new attempt from {date}. A facilitator can allow one sooner (lookout facilitator allow-retake)."
        case .retakeToday: return "today"
        case .summaryDecides: return "Passed when both parts reach {passMark}%{unsafe} and every scene is answered."
        case .summaryDecidesUnsafe: return ", with no unsafe choice"
        case .progressPassedList: return "Passed: {lessons}"
        case .helpEscLeaves: return "leave a lesson: every answer is kept, and it picks up where you left it"
        case .hintDebriefLesson: return "lesson"
        case .idleReturned: return "Back to the names: {minutes} min without a key."
        }
    }
}

extension OptionFeedback.Verdict {
    /// The catalog key of the verdict's words.
    public var textKey: UIText {
        switch self {
        case .hit: return .verdictHit
        case .miss: return .verdictMiss
        case .falseAlarm: return .verdictFalseAlarm
        case .correctRejection: return .verdictCorrectRejection
        case .chosenRight: return .verdictChosenRight
        case .chosenWrong: return .verdictChosenWrong
        case .missedRight: return .verdictMissedRight
        case .otherWrong: return .verdictOtherWrong
        }
    }

    /// The verdict in words (never colour alone), from a catalog.
    public func words(_ strings: UIStrings) -> String { strings[textKey] }
}

extension LessonStatus {
    /// The status in words: new, in progress N%, passed, not passed yet.
    public func words(_ strings: UIStrings) -> String {
        switch self {
        case .new: return strings[.statusNew]
        case .inProgress(let percent): return strings(.statusInProgress, ["percent": String(ScoreFormat.whole(percent))])
        case .passed: return strings[.statusPassed]
        case .failed: return strings[.statusFailed]
        case .changedSincePassed: return strings[.statusChangedSincePassed]
        }
    }
}

extension LessonResult {
    /// The verdict line: the verdict and the parts that decide it, e.g. "not passed yet: Spotting the signs: 56%
    /// (needs 70%) · Acting safely: 85% (needs 70%)". No combined score: it is not what decides.
    public func verdictLine(_ strings: UIStrings) -> String {
        var parts: [String] = []
        if let signsPercent {
            parts.append(strings(.summarySigns, ["score": String(ScoreFormat.whole(signsPercent)), "passMark": String(passMark)]))
        }
        if let actionsPercent {
            parts.append(strings(.summaryActions, ["score": String(ScoreFormat.whole(actionsPercent)), "passMark": String(passMark)]))
        }
        let verdict = strings[passed ? .summaryPassed : .summaryNotPassed]
        return parts.isEmpty ? verdict : verdict + ": " + parts.joined(separator: " · ")
    }

    /// What decides a pass, in one sentence (`final`: no unsafe choice either).
    public func decidesLine(_ strings: UIStrings, final: Bool) -> String {
        strings(.summaryDecides, ["passMark": String(passMark), "unsafe": final ? strings[.summaryDecidesUnsafe] : ""])
    }

    /// Why the attempt is not passed, one sentence each (empty when passed).
    public func shortfallWords(_ strings: UIStrings) -> [String] {
        shortfalls.map { shortfall in
            switch shortfall {
            case .unanswered(let count): return strings(.summaryShortfallUnanswered, ["count": String(count)])
            case .signsBelowMark: return strings[.summaryShortfallSigns]
            case .actionsBelowMark: return strings[.summaryShortfallActions]
            case .unsafeInFinal: return strings[.summaryShortfallUnsafe]
            }
        }
    }
}

extension Track {
    /// The catalog key of the track's name.
    public var textKey: UIText {
        switch self {
        case .police: return .trackPolice
        case .school: return .trackSchool
        case .hospitality: return .trackHospitality
        case .mixed: return .trackMixed
        }
    }
}
