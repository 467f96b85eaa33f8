import Foundation
import LookoutCore
import LookoutText
import LookoutStore
#if canImport(Glibc)
import Glibc
#endif

/// The line-by-line trainer for screen readers, dumb terminals and scripts: prompts and numbered
/// options on stdout, answers read as lines from stdin (`1 3` for multi-select, `2` for single
/// choice, plus `?`, `s`, `q`). End of input saves and exits. It speaks to the ``TrainingSession``
/// directly in intents (no simulated key presses); the menus are its own.
final class PlainMode {
    let driver: TrainerDriver
    let readLine: () -> String?
    /// Reads a PIN or passphrase: without echo on a terminal; never printed by Lookout.
    let readSecret: (String) -> String?
    let write: (String) -> Void
    /// Set when `--lesson` was given: leave after that lesson's summary.
    var singleLesson = false
    private var shownScene: String?
    /// The plain menu: nil for the track menu, else the track whose lessons are listed.
    private var track: Track?

    init(driver: TrainerDriver, readLine: @escaping () -> String? = { Swift.readLine(strippingNewline: true) },
         readSecret: ((String) -> String?)? = nil,
         write: @escaping (String) -> Void = { text in
             Console.writeOut(text)
         }) {
        self.driver = driver
        self.readLine = readLine
        self.write = write
        if let readSecret {
            self.readSecret = readSecret
        } else {
            self.readSecret = { prompt in
                if isatty(STDIN_FILENO) == 1 { return TerminalInput.readHidden(prompt: prompt + " ") }
                write(prompt + " ")
                return readLine()
            }
        }
    }

    var session: TrainingSession { driver.session }
    /// The catalog of UI text.
    var text: UIStrings { driver.strings }

    /// Prints text with anything that could act as a terminal control sequence removed.
    func say(_ text: String = "") {
        write(Self.sanitised(text) + "\n")
    }

    static func sanitised(_ text: String) -> String {
        TerminalText.safeLines(text)
    }

    /// Says, in one line, that the catalog in use is a draft translation (nothing when it is reviewed or English).
    func sayLanguageNotice() {
        if driver.language.isDraft { say(text[.draftTranslationNotice]) }
    }

    /// Says the session's notice, if it has one.
    func sayNotice() {
        if let notice = session.notice { say(notice.words(text, now: ProgressStore.now())) }
    }

    /// Reads one answer line. Returns nil at end of input (the caller saves and exits).
    /// Handles `?`, `s` and `q` itself and asks again.
    func ask(_ prompt: String) -> String? {
        while true {
            write(Self.sanitised(prompt) + " ")
            guard let line = readLine() else {
                say()
                say(text[.plainEndOfInput])
                return nil
            }
            let answer = line.trimmingCharacters(in: .whitespaces)
            switch answer.lowercased() {
            case "?", "help":
                printHelp()
            case "s", "support":
                printSupport()
            case "q", "quit":
                write(text[.plainQuitPrompt] + " ")
                guard let confirm = readLine() else { return nil }
                if confirm.trimmingCharacters(in: .whitespaces).lowercased().hasPrefix("y") {
                    say(text[.plainGoodbye])
                    return nil
                }
            default:
                return answer
            }
        }
    }

    /// Reads a secret. Returns nil at end of input. After a wrong one, the line mode waits out the delay the session
    /// set before it asks again (there is no key loop here; Ctrl-C still leaves at once).
    func secret(_ prompt: String) -> String? {
        if let retryAt = session.retryAt {
            let wait = retryAt - ProgressStore.now()
            if wait > 0 { Thread.sleep(forTimeInterval: Double(wait) / 1000) }
        }
        guard let line = readSecret(prompt) else {
            say()
            say(text[.plainEndOfInput])
            return nil
        }
        return line
    }

    /// When the secret just given was not checked because it came too early after a wrong one (in this process or
    /// another), waits until it may be tried and tries it once more.
    func retryUnchecked(_ again: () -> Void) {
        guard session.lastSecretUnchecked, let retryAt = session.retryAt else { return }
        let wait = retryAt - ProgressStore.now()
        if wait > 0 { Thread.sleep(forTimeInterval: Double(wait) / 1000) }
        again()
    }

    /// Parses "1 3" / "1,3" into option numbers within 1...count; nil if malformed.
    static func numbers(_ text: String, count: Int) -> [Int]? {
        let parts = text.split(whereSeparator: { $0 == " " || $0 == "," || $0 == "\t" })
        var result: [Int] = []
        for part in parts {
            guard let n = Int(part), n >= 0, n <= count else { return nil }
            if n > 0 && !result.contains(n) { result.append(n) }
        }
        return result
    }

    /// Shows numbered rows and reads a choice: `.some(n)` (1-based), `.some(nil)` for back, nil at end of input.
    func pickFromMenu(_ title: String, _ rows: [String], allowBack: Bool = false) -> Int?? {
        say()
        say(title)
        for (i, row) in rows.enumerated() { say("  \(i + 1). \(row)") }
        while true {
            guard let answer = ask(allowBack ? text[.plainNumberOrBack] : text[.plainNumber]) else { return .none }
            if allowBack && answer.lowercased() == "b" { return .some(nil) }
            if let n = Int(answer), (1...max(1, rows.count)).contains(n), n <= rows.count { return .some(n) }
            say(text(.plainNumberRange, ["count": String(rows.count)]))
        }
    }

    /// Runs until the learner quits or input ends. Returns the process exit code.
    func run(learnerName: String?, lessonID: String?, review: Bool = false, reviewTrack: Track? = nil) -> Int32 {
        say(text[.plainWelcome])
        say(text[.plainWelcomeKeys])
        sayLanguageNotice()
        if let learnerName {
            driver.useLearner(named: learnerName)
            sayNotice()
        }
        if let lessonID {
            guard driver.bank.lesson(lessonID) != nil else {
                say(text(.plainNoLesson, ["id": lessonID, "list": driver.bank.lessons.map(\.id).joined(separator: ", ")]))
                return 65
            }
            while session.learner == nil && !driver.ended {
                if !step() { return finish() }
            }
            guard driver.startLesson(id: lessonID) else { return finish() }
            if case .menu = session.phase {
                // Not started (a retake rule): say why and leave.
                sayNotice()
                return finish()
            }
            singleLesson = true
        }
        if review {
            while session.learner == nil && !driver.ended {
                if !step() { return finish() }
            }
            guard !driver.ended else { return finish() }
            switch driver.startReview(track: reviewTrack) {
            case .started: singleLesson = true
            case .nothingDue: say(text[.reviewNothingDue])
            case .chooseTrack: say(text[.reviewChooseTrack])
            case .noLearner: return finish()
            }
        }
        while !driver.ended {
            if !step() { break }
        }
        return finish()
    }

    func finish() -> Int32 {
        if let error = driver.fatalError {
            printError("error: \(error)")
            return 74
        }
        return 0
    }

    /// Handles the session's phase once. Returns false when the session should end.
    func step() -> Bool {
        switch session.phase {
        case .choosingLearner:
            return chooseLearner()
        case .nameTaken(let existing):
            say(text(.nameTakenQuestion, ["name": existing.name]))
            guard let answer = ask("(y/n)") else { return false }
            driver.send(answer.lowercased().hasPrefix("y") ? .confirmExistingLearner : .cancel)
        case .unlocking(let who):
            guard let pin = secret(text(.learnerPINTitle, ["name": who.name]) + ":") else { return false }
            driver.send(.enterPIN(pin))
            retryUnchecked { driver.send(.enterPIN(pin)) }
            if case .unlocking = session.phase {
                sayNotice()
                driver.send(.cancel)
            }
        case .menu:
            return menu()
        case .scene(.contentNote):
            guard let scenario = session.currentScenario else { return false }
            say()
            say(text(.contentNoteIntro, ["note": scenario.contentNote ?? ""]))
            say(text[.contentNoteSkipCounts])
            say("  1. " + text[.contentNoteContinue])
            say("  2. " + text[.contentNoteSkip])
            guard let answer = ask(text[.plainNumber]) else { return false }
            switch answer {
            case "1": driver.send(.continueScene)
            case "2": driver.send(.skipScene)
            case "l", "L": driver.send(.leaveLesson)
            default: say(text[.plainTypeOneOrTwo])
            }
        case .scene(.question(let index)):
            return question(index: index)
        case .scene(.feedback(_, let result, let chosen)):
            printFeedback(result: result, chosen: chosen)
            driver.send(.next)
        case .summary(let result):
            printSummary(result)
            driver.send(.closeSummary)
            if singleLesson { return false }
        case .facilitatorLogin(let firstTime):
            if firstTime {
                say(text[.facilitatorFirstTimePrompt])
                guard let first = secret(text[.facilitatorPassphrasePrompt]),
                      let second = secret(text[.facilitatorConfirmPrompt]) else { return false }
                if first != second {
                    say(text[.passphraseMismatch])
                    driver.send(.cancel)
                    return true
                }
                driver.send(.setFacilitatorPassphrase(first))
            } else {
                guard let typed = secret(text[.facilitatorPassphrasePrompt]) else { return false }
                driver.send(.openFacilitator(passphrase: typed))
                retryUnchecked { driver.send(.openFacilitator(passphrase: typed)) }
            }
            if case .facilitatorLogin = session.phase {
                sayNotice()
                driver.send(.cancel)
            }
        case .facilitator:
            let goOn = printClassReport()
            driver.send(.closeFacilitator)
            if !goOn { driver.send(.quit); return false }
        case .finished:
            return false
        }
        return !driver.ended
    }

    func chooseLearner() -> Bool {
        let names = session.learners.map(\.name)
        if let code = session.recoveryCode {
            say()
            say(text(.recoveryCodeNote, ["code": code]))
        } else if session.offersTeacherSetup {
            say()
            say(text[.teacherSetupNote])
        }
        let teacherSetup = session.offersTeacherSetup
        let extra = [text[.newLearnerRow], text[.menuFacilitator]] + (teacherSetup ? [text[.teacherSetupRow]] : [])
        guard let picked = pickFromMenu(text[.plainWhoIsLearning], names + extra) else { return false }
        guard let n = picked else { return true }
        if n <= names.count {
            driver.send(.selectLearner(id: session.learners[n - 1].id))
            return true
        }
        if n == names.count + 2 {
            // The facilitator's class results, without choosing a learner.
            driver.send(.openFacilitator(passphrase: nil))
            sayNotice()
            return !driver.ended
        }
        if n == names.count + 3 && teacherSetup {
            say(text[.facilitatorFirstTimePrompt])
            guard let first = secret(text[.facilitatorPassphrasePrompt]),
                  let second = secret(text[.facilitatorConfirmPrompt]) else { return false }
            if first != second {
                say(text[.passphraseMismatch])
                return true
            }
            driver.send(.setFacilitatorPassphrase(first))
            sayNotice()
            return !driver.ended
        }
        guard let name = ask(text[.plainNamePrompt]) else { return false }
        if session.learners.contains(where: { $0.name == name.trimmingSpaces() }) || name.trimmingSpaces().isEmpty {
            driver.send(.createLearner(name: name, pin: nil))
            sayNotice()
            return true
        }
        say(text[.newLearnerPINNote])
        guard let pin = secret(text[.newLearnerPINPrompt]) else { return false }
        if !pin.isEmpty {
            if !TrainingSession.isAcceptablePIN(pin) {
                say(text[.pinTooShort])
                return true
            }
            guard let again = secret(text[.pinConfirmPrompt]) else { return false }
            if again != pin {
                say(text[.pinMismatch])
                return true
            }
        }
        driver.send(.createLearner(name: name, pin: pin.isEmpty ? nil : pin))
        sayNotice()
        return true
    }

    func menu() -> Bool {
        if let track {
            let lessons = driver.bank.lessons.filter { $0.audience == track.audience }
            let rows = lessons.map { lesson -> String in
                var row = "\(lesson.title) (\(session.status(of: lesson).words(text)))"
                if let resumable = session.resumableAttempt(of: lesson) {
                    let total = driver.bank.scenarios(of: lesson).reduce(0) { $0 + $1.questions.count }
                    row += " - " + text(.statusResume, ["answered": String(resumable.answered), "total": String(total)])
                }
                return row
            }
            guard let picked = pickLesson(rows + [text[.reviewMenuItem]], lessons: lessons) else { return false }
            guard let n = picked else {
                self.track = nil
                return true
            }
            if n == 0 { return !driver.ended }          // `r N` was handled
            if n > lessons.count {
                // "Practise my weak signs": a lesson assembled from the learner's own answers.
                guard let plan = session.reviewPlan(audience: track.audience, now: ProgressStore.now()) else {
                    say(text[.reviewNothingDue])
                    return true
                }
                driver.send(.startReview(plan))
                return true
            }
            driver.send(.startLesson(id: lessons[n - 1].id))
            sayNotice()
            return true
        }
        let tracks = Track.allCases.filter { t in driver.bank.lessons.contains { $0.audience == t.audience } }
        let current = driver.language
        let languageRow = text(.menuLanguage, ["current": text.name(of: current), "other": text.name(of: current.other)])
        let rows = tracks.map { text[$0.textKey] }
            + [text[.menuProgress], text[.menuFacilitator], languageRow, text[.menuSwitchLearner]]
        guard let picked = pickFromMenu(text(.plainChoose, ["name": session.learner?.name ?? ""]), rows),
              let n = picked else { return false }
        switch n - tracks.count {
        case ...0: track = tracks[n - 1]
        case 1:
            printProgress()
            if !offerRecords() { return false }
        case 2:
            driver.send(.openFacilitator(passphrase: nil))
            sayNotice()
        case 3:
            driver.chooseLanguage(current.other)
            sayLanguageNotice()
        default:
            track = nil
            driver.send(.switchLearner)
        }
        return true
    }

    /// The lesson menu: a number picks (`.some(n)`), `b` goes back (`.some(nil)`), `r N` starts lesson N again (after
    /// a yes when an attempt is in progress; returns `.some(0)`), nil at end of input or quit.
    func pickLesson(_ rows: [String], lessons: [Lesson]) -> Int?? {
        say()
        say(text[.plainLessons])
        for (i, row) in rows.enumerated() { say("  \(i + 1). \(row)") }
        while true {
            guard let answer = ask(text[.plainNumberOrBack]) else { return .none }
            let lowered = answer.lowercased()
            if lowered == "b" { return .some(nil) }
            if let n = Int(answer), (1...max(1, rows.count)).contains(n), n <= rows.count { return .some(n) }
            if lowered.hasPrefix("r"), let n = Int(lowered.dropFirst().trimmingCharacters(in: .whitespaces)),
               lessons.indices.contains(n - 1) {
                let lesson = lessons[n - 1]
                if session.resumableAttempt(of: lesson) != nil {
                    say(text(.restartConfirm, ["lesson": lesson.title]))
                    guard let confirm = ask("(y/n)") else { return .none }
                    guard confirm.lowercased().hasPrefix("y") else { return .some(0) }
                }
                driver.send(.restartLesson(id: lesson.id))
                sayNotice()
                return .some(0)
            }
            say(text(.plainNumberRange, ["count": String(rows.count)]))
        }
    }

    func question(index: Int) -> Bool {
        guard let scenario = session.currentScenario, let question = session.currentQuestion else { return false }
        let sceneKey = "\(session.run?.attempt.id ?? "")|\(scenario.id)|\(session.isRepeat)|\(session.run?.queue.upcoming.count ?? 0)"
        if shownScene != sceneKey {
            shownScene = sceneKey
            say()
            let title = session.isRepeat ? text(.scenarioAgain, ["title": scenario.title]) : scenario.title
            say(text(.plainScenarioHeading, ["title": title]))
            if session.isAlternate { say(text[.alternateSceneNote]) }
            if session.run?.lesson.kind.isAssessment == true && session.review == nil { say(text[.finalFeedbackHeld]) }
            if driver.language != .english {
                switch session.bank.translationState(of: scenario.id, language: driver.language.rawValue) {
                case .missing, .stale: say(text[.englishFallbackNotice])
                case .draft: say(text[.draftTranslationNotice])
                case .reviewed, .original: break
                }
            }
            for paragraph in scenario.story.split(separator: "\n") {
                say(String(paragraph))
                say()
            }
        }
        let shown = session.options(of: question)
        say(question.prompt)
        for (i, option) in shown.enumerated() { say("  \(i + 1). \(option.text)") }
        var prompt = question.kind == .multi ? text[.plainMultiPrompt] : text[.plainSinglePrompt]
        if session.isRepeat && index == 0 { prompt = text[.plainRepeatPrompt] + " " + prompt }
        while true {
            guard let answer = ask(prompt) else { return false }
            if answer.lowercased() == "n" && session.isRepeat {
                driver.send(.moveOn)
                return true
            }
            if answer.lowercased() == "l" {
                driver.send(.leaveLesson)
                return true
            }
            guard let numbers = Self.numbers(answer, count: shown.count), !answer.isEmpty else {
                say(text(question.kind == .multi ? .plainNumbersRangeMulti : .plainNumbersRangeSingle,
                         ["count": String(shown.count)]))
                continue
            }
            if question.kind == .single && numbers.count != 1 {
                say(text(.plainOneNumber, ["count": String(shown.count)]))
                continue
            }
            driver.send(.submit(Set(numbers.map { shown[$0 - 1].id })))
            return true
        }
    }

    func printFeedback(result: QuestionResult, chosen: Set<String>) {
        guard let question = session.currentQuestion else { return }
        say()
        sayFeedback(question: question, result: result, chosen: chosen, order: session.options(of: question))
    }

    func sayFeedback(question: Question, result: QuestionResult, chosen: Set<String>, order: [AnswerOption]) {
        say(FeedbackBuilder.summary(of: result, strings: text))
        for item in FeedbackBuilder.items(for: question, result: result, chosen: chosen, bank: driver.bank,
                                          order: order) {
            let mark: String
            switch item.verdict {
            case .hit, .correctRejection, .chosenRight: mark = "[+]"
            case .miss, .falseAlarm, .chosenWrong: mark = "[x]"
            case .missedRight: mark = "[*]"
            case .otherWrong: mark = "[ ]"
            }
            let unsafe = item.isUnsafe ? " (" + text[.unsafeTag] + ")" : ""
            say("  \(item.index + 1). \(mark) \(item.verdict.words(text))\(unsafe): \(item.option.text)")
            say("     \(item.option.feedback)")
            for indicator in item.indicators where item.option.isCorrect {
                say("     " + text(.feedbackSign, ["title": indicator.title, "explanation": indicator.explanation]))
            }
        }
        if !result.falseAlarms.isEmpty { say(text[.feedbackOverflagged]) }
    }

    func printSummary(_ result: LessonResult) {
        say()
        say(text(.plainSummaryHeading, ["lesson": driver.bank.lesson(result.lessonID)?.title ?? session.run?.lesson.title ?? result.lessonID]))
        // The same verdict words as the full screen: the verdict, the two parts, and what decides.
        say(result.verdictLine(text))
        let isFinal = (session.run?.lesson ?? driver.bank.lesson(result.lessonID))?.kind.isAssessment ?? false
        say(result.decidesLine(text, final: isFinal))
        say(text(.summaryCounts, ["hits": String(result.hits), "misses": String(result.misses),
                                  "falseAlarms": String(result.falseAlarms)]))
        say(text(.summaryUnsafe, ["count": String(result.unsafeChoices)]))
        for reason in result.shortfallWords(text) { say("- " + reason) }
        if !result.missedIndicators.isEmpty {
            say(text[.summaryMissedTitle] + " " + result.missedIndicators.map { driver.bank.indicator($0)?.title ?? $0 }.joined(separator: "; "))
        }
        if !result.overflaggedIndicators.isEmpty {
            say(text[.summaryOverflaggedTitle] + " " + result.overflaggedIndicators.map { driver.bank.indicator($0)?.title ?? $0 }.joined(separator: "; "))
        }
        if let run = session.run, run.lesson.kind.isAssessment, session.review == nil {
            // A final held its feedback back: here it is, question by question.
            for answer in FinalFeedback.firstAnswers(run: run, bank: driver.bank) {
                say()
                say(text(.plainScenarioHeading, ["title": answer.scenario.title]))
                say(answer.question.prompt)
                sayFeedback(question: answer.question, result: answer.result, chosen: answer.chosen, order: answer.order)
            }
        }
        if session.review != nil {
            let moved = session.reviewMovement()
            if moved.isEmpty { say(text[.reviewNoneMoved]) } else { say(text[.reviewMovedTitle]) }
            for m in moved {
                var line = "- " + text(.reviewMovedLine, ["title": m.title, "before": String(ScoreFormat.whole(m.before * 100)),
                                                          "after": String(ScoreFormat.whole(m.after * 100))])
                if m.masteredAfter { line += " (" + text[.reviewMastered] + ")" }
                say(line)
            }
        }
    }

    /// The class report, after a warning that it stays in the terminal's scrollback. False when the learner quit
    /// (`q` then `y`) or input ended at the question: the caller ends the session.
    func printClassReport() -> Bool {
        guard let report = session.classReport else { return true }
        if let message = driver.navigator.message { say(message) }
        say()
        say(text[.plainClassReportWarning])
        guard let answer = ask("(y/n)") else { return false }
        guard answer.lowercased().hasPrefix("y") else { return true }
        for line in ClassReportText.full(report) { say(line.text) }
        if let debrief = session.debrief {
            say()
            for line in DebriefText.full(debrief, gain: session.gain) { say(line.text) }
        }
        return true
    }

    func printProgress() {
        guard let progress = session.progress else { return }
        say()
        say(text[.plainProgressHeading])
        let passed = progress.lessons.filter { $0.status == .passed }.count
        say(text(.progressLessons, ["passed": String(passed), "total": String(progress.lessons.count)]))
        let titles = progress.lessons.filter { $0.status == .passed }.map { driver.bank.lesson($0.lessonID)?.title ?? $0.lessonID }
        if !titles.isEmpty { say(text(.progressPassedList, ["lessons": titles.joined(separator: "; ")])) }
        let c = progress.coverage
        say(text(.progressCoverage, ["seen": String(c.scenariosSeen), "total": String(c.scenariosTotal),
                                     "mastered": String(c.indicatorsMastered), "indicators": String(c.indicatorsTotal)]))
        for indicator in progress.indicators where indicator.observations > 0 {
            let title = driver.bank.indicator(indicator.indicatorID)?.title ?? indicator.indicatorID
            say("  " + text(.plainIndicatorLine, ["percent": String(ScoreFormat.whole(indicator.pKnown * 100)),
                                                  "mastered": indicator.mastered ? text[.progressMastered] + " " : "",
                                                  "title": title]))
        }
        if progress.unsafeChoices > 0 { say(text(.progressUnsafe, ["count": String(progress.unsafeChoices)])) }
    }

    /// After "My progress": the passed lessons (``TrainingSession/recordLessons``, as the full screen lists them), whose
    /// own completion record the learner may save, into the data folder or a folder they name. False at end of input
    /// or quit.
    func offerRecords() -> Bool {
        let lessons = session.recordLessons
        guard !lessons.isEmpty else { return true }
        guard session.mayWriteOwnRecord else {
            say(text[.recordNeedsPIN])
            return true
        }
        say()
        say(text[.recordListTitle])
        for (i, lesson) in lessons.enumerated() { say("  \(i + 1). \(lesson.title)") }
        guard let answer = ask(text[.recordPlainPrompt] + ":") else { return false }
        // Enter (or anything but a lesson's number) goes back to the menu.
        guard let n = Int(answer), lessons.indices.contains(n - 1) else { return true }
        guard let folder = ask(text[.recordFolderPrompt] + ":") else { return false }
        switch driver.saveOwnRecord(lessonID: lessons[n - 1].id, folder: folder) {
        case .saved(let textPath, let htmlPath): say(text(.recordSaved, ["text": textPath, "html": htmlPath]))
        case .refused(let reason): say(reason)
        }
        return true
    }

    func printHelp() {
        say()
        say(text[.plainHelpTitle])
        for key: UIText in [.plainHelpMulti, .plainHelpZero, .plainHelpKeys, .plainHelpMoveOn, .plainHelpLeave, .plainHelpEnd] {
            say("  " + text[key])
        }
    }

    func printSupport() {
        say()
        guard let region = session.region else {
            say(text[.plainSupportNoRegion])
            return
        }
        say(text(.supportTitle, ["region": region.name]))
        let pupil = SupportAdvice.isPupil(session.run?.lesson.audience ?? track?.audience)
        if pupil { say(text[.supportTrustedAdultFirst]) }
        if let note = region.note { say(note) }
        for entry in region.entries {
            var line = "  " + entry.name
            if let number = entry.number { line = "  " + text(.supportEntryNumber, ["name": entry.name, "number": number]) }
            if let contact = entry.contact { line += " (\(contact))" }
            say(line)
            if let purpose = entry.purpose { say("    \(purpose)") }
            if entry.status == .unverified {
                say("    " + SupportAdvice.unverified(entry, pupil: pupil, strings: text))
            } else {
                say("    " + text(.supportLastVerified, ["date": entry.lastVerified.description]))
            }
        }
    }
}
