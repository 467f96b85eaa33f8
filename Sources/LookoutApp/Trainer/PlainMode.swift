import Foundation
import LookoutCore

/// The line-by-line trainer for screen readers, dumb terminals and scripts: prompts and numbered
/// options on stdout, answers read as lines from stdin (`1 3` for multi-select, `2` for single
/// choice, plus `?`, `s`, `q`). End of input saves and exits. Same engine and store as the full screen.
final class PlainMode {
    let driver: TrainerDriver
    let readLine: () -> String?
    let write: (String) -> Void
    /// Set when `--lesson` was given: leave after that lesson's summary.
    var singleLesson = false
    private var shownScenario: String?

    init(driver: TrainerDriver, readLine: @escaping () -> String? = { Swift.readLine(strippingNewline: true) },
         write: @escaping (String) -> Void = { text in
             Console.writeOut(text)
         }) {
        self.driver = driver
        self.readLine = readLine
        self.write = write
    }

    var trainer: Trainer { driver.trainer }
    /// The catalog of UI text.
    var text: UIStrings { driver.trainer.strings }

    /// Prints text with anything that could act as a terminal control sequence removed.
    func say(_ text: String = "") {
        write(Self.sanitised(text) + "\n")
    }

    static func sanitised(_ text: String) -> String {
        TerminalText.safeLines(text)
    }

    /// Reads one answer line. Returns nil at end of input (the caller saves and exits).
    /// Handles `?`, `s` and `q` itself and asks again.
    func ask(_ prompt: String) -> String? {
        while true {
            write(prompt + " ")
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

    /// Reads one line as a secret: no `?`/`s`/`q` handling, never echoed back by Lookout.
    func readSecretLine(_ prompt: String) -> String? {
        write(prompt + " ")
        guard let line = readLine() else {
            say()
            say(text[.plainEndOfInput])
            return nil
        }
        return line
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

    /// Moves to option `n` (1-based) and sends `final` there.
    func choose(_ n: Int, then final: TrainerKey) {
        driver.send(.key(.home))
        for _ in 1..<max(1, n) { driver.send(.key(.down)) }
        driver.send(.key(final))
    }

    func pickFromMenu(_ title: String, _ rows: [String], allowBack: Bool = false) -> Int?? {
        say()
        say(title)
        for (i, row) in rows.enumerated() { say("  \(i + 1). \(row)") }
        while true {
            guard let answer = ask(allowBack ? text[.plainNumberOrBack] : text[.plainNumber]) else { return .none }
            if allowBack && answer.lowercased() == "b" { return .some(nil) }
            if let n = Int(answer), (1...rows.count).contains(n) { return .some(n) }
            say(text(.plainNumberRange, ["count": String(rows.count)]))
        }
    }

    /// Runs until the learner quits or input ends. Returns the process exit code.
    func run(learnerName: String?, lessonID: String?) -> Int32 {
        say(text[.plainWelcome])
        say(text[.plainWelcomeKeys])
        if let learnerName {
            driver.useLearner(named: learnerName)
        }
        if let lessonID {
            if trainer.learner == nil, !chooseLearner() { return finish() }
            guard driver.startLesson(id: lessonID) else {
                say(text(.plainNoLesson, ["id": lessonID, "list": driver.bank.lessons.map(\.id).joined(separator: ", ")]))
                return 65
            }
            singleLesson = true
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

    func chooseLearner() -> Bool {
        let names = trainer.learners.map(\.name)
        guard let picked = pickFromMenu(text[.plainWhoIsLearning], names + [text[.newLearnerRow]]) else { return false }
        guard let n = picked else { return false }
        choose(n, then: .enter)
        if case .newLearner = trainer.screen {
            guard let name = ask(text[.plainNamePrompt]) else { return false }
            for c in name { driver.send(.key(c == " " ? .space : .character(c))) }
            driver.send(.key(.enter))
            if let message = trainer.message { say(message) }
        }
        return true
    }

    /// Handles the current screen once. Returns false when the session should end.
    func step() -> Bool {
        switch trainer.screen {
        case .learners, .newLearner:
            return chooseLearner()
        case .tracks:
            let menu = trainer.trackMenu
            let rows = menu.map { item -> String in
                switch item {
                case .track(let track): return text[track.textKey]
                case .progress: return text[.menuProgress]
                case .facilitator: return text[.menuFacilitator]
                case .switchLearner: return text[.menuSwitchLearner]
                }
            }
            guard let picked = pickFromMenu(text(.plainChoose, ["name": trainer.learner?.name ?? ""]), rows), let n = picked else { return false }
            choose(n, then: .enter)
        case .lessons(let track, _):
            let lessons = trainer.lessons(of: track)
            let rows = lessons.map { "\($0.title) (\(trainer.status(of: $0).words(text)))" }
            guard let picked = pickFromMenu(text[.plainLessons], rows, allowBack: true) else { return false }
            guard let n = picked else {
                driver.send(.key(.escape))
                return true
            }
            choose(n, then: .enter)
        case .contentNote:
            guard let scenario = trainer.currentScenario else { return false }
            say()
            say(text(.contentNoteIntro, ["note": scenario.contentNote ?? ""]))
            say("  1. " + text[.contentNoteContinue])
            say("  2. " + text[.contentNoteSkip])
            guard let answer = ask(text[.plainNumber]) else { return false }
            if answer == "1" || answer == "2" { driver.send(.key(.character(Character(answer)))) }
            else { say(text[.plainTypeOneOrTwo]) }
        case .question(let state):
            guard let scenario = trainer.currentScenario, let question = trainer.currentQuestion else { return false }
            if state.questionIndex == 0 && shownScenario != scenario.id + "#\(trainer.run?.events.count ?? 0)" {
                shownScenario = scenario.id + "#\(trainer.run?.events.count ?? 0)"
                say()
                let title = trainer.run?.queue.isRepeat == true ? text(.scenarioAgain, ["title": scenario.title]) : scenario.title
                say(text(.plainScenarioHeading, ["title": title]))
                for paragraph in scenario.story.split(separator: "\n") {
                    say(String(paragraph))
                    say()
                }
            }
            say(question.prompt)
            for (i, option) in question.options.enumerated() { say("  \(i + 1). \(option.text)") }
            var prompt = question.kind == .multi ? text[.plainMultiPrompt] : text[.plainSinglePrompt]
            if trainer.run?.queue.isRepeat == true && state.questionIndex == 0 {
                prompt = text[.plainRepeatPrompt] + " " + prompt
            }
            while true {
                guard let answer = ask(prompt) else { return false }
                if answer.lowercased() == "n" && trainer.run?.queue.isRepeat == true && state.questionIndex == 0 {
                    driver.send(.key(.character("n")))
                    return true
                }
                guard let numbers = Self.numbers(answer, count: question.options.count), !answer.isEmpty else {
                    say(text(question.kind == .multi ? .plainNumbersRangeMulti : .plainNumbersRangeSingle,
                             ["count": String(question.options.count)]))
                    continue
                }
                if question.kind == .single && numbers.count != 1 {
                    say(text(.plainOneNumber, ["count": String(question.options.count)]))
                    continue
                }
                if question.kind == .multi {
                    for n in numbers { choose(n, then: .space) }
                    driver.send(.key(.enter))
                } else {
                    choose(numbers[0], then: .enter)
                }
                break
            }
        case .feedback(let state, let result, _):
            guard let question = trainer.currentQuestion else { return false }
            say()
            say(FeedbackBuilder.summary(of: result, strings: text))
            for item in FeedbackBuilder.items(for: question, result: result, chosen: state.ticked, bank: driver.bank) {
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
            driver.send(.key(.enter))
        case .summary(let result):
            say()
            say(text(.plainSummaryHeading, ["lesson": trainer.run?.lesson.title ?? result.lessonID]))
            say(text(.summaryScore, ["score": String(Int(result.scorePercent.rounded())), "passMark": String(result.passMark),
                                     "verdict": text[result.passed ? .summaryPassed : .summaryNotPassed]]))
            say(text(.summaryCounts, ["hits": String(result.hits), "misses": String(result.misses),
                                      "falseAlarms": String(result.falseAlarms)]))
            say(text(.summaryUnsafe, ["count": String(result.unsafeChoices)]))
            if !result.indicatorsToReview.isEmpty {
                let titles = result.indicatorsToReview.map { driver.bank.indicator($0)?.title ?? $0 }
                say(text(.summaryReviewList, ["list": titles.joined(separator: "; ")]))
            }
            driver.send(.key(.enter))
            if singleLesson { return false }
        case .progress:
            printProgress()
            driver.send(.key(.escape))
        case .facilitatorPassphrase:
            guard let typed = readSecretLine(text[.facilitatorPlainPassphrase]) else { return false }
            for c in typed { driver.send(.key(c == " " ? .space : .character(c))) }
            driver.send(.key(.enter))
            if case .facilitatorPassphrase = trainer.screen {
                if let message = trainer.message { say(message) }
                driver.send(.key(.escape))
            }
        case .facilitator:
            if let report = trainer.classReport {
                say()
                for line in ClassReportText.full(report) { say(line.text) }
            }
            driver.send(.key(.escape))
        }
        return !driver.ended
    }

    func printProgress() {
        guard let progress = trainer.progress else { return }
        say()
        say(text[.plainProgressHeading])
        let passed = progress.lessons.filter { $0.status == .passed }.count
        say(text(.progressLessons, ["passed": String(passed), "total": String(progress.lessons.count)]))
        let c = progress.coverage
        say(text(.progressCoverage, ["seen": String(c.scenariosSeen), "total": String(c.scenariosTotal),
                                     "mastered": String(c.indicatorsMastered), "indicators": String(c.indicatorsTotal)]))
        for indicator in progress.indicators where indicator.observations > 0 {
            let title = driver.bank.indicator(indicator.indicatorID)?.title ?? indicator.indicatorID
            say("  " + text(.plainIndicatorLine, ["percent": String(Int((indicator.pKnown * 100).rounded())),
                                                  "mastered": indicator.mastered ? text[.progressMastered] + " " : "",
                                                  "title": title]))
        }
        if progress.unsafeChoices > 0 { say(text(.progressUnsafe, ["count": String(progress.unsafeChoices)])) }
    }

    func printHelp() {
        say()
        say(text[.plainHelpTitle])
        for key: UIText in [.plainHelpMulti, .plainHelpZero, .plainHelpKeys, .plainHelpMoveOn, .plainHelpEnd] {
            say("  " + text[key])
        }
    }

    func printSupport() {
        say()
        guard let region = trainer.region else {
            say(text[.plainSupportNoRegion])
            return
        }
        say(text(.supportTitle, ["region": region.name]))
        if let note = region.note { say(note) }
        for entry in region.entries {
            var line = "  " + entry.name
            if let number = entry.number { line = "  " + text(.supportEntryNumber, ["name": entry.name, "number": number]) }
            if let contact = entry.contact { line += " (\(contact))" }
            say(line)
            if let purpose = entry.purpose { say("    \(purpose)") }
            if entry.status == .unverified {
                say("    " + text(.supportUnverified, ["date": entry.lastVerified.description]))
            } else {
                say("    " + text(.supportLastVerified, ["date": entry.lastVerified.description]))
            }
        }
    }
}
