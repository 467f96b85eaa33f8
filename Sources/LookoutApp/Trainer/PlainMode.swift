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
             FileHandle.standardOutput.write(Data(text.utf8))
         }) {
        self.driver = driver
        self.readLine = readLine
        self.write = write
    }

    var trainer: Trainer { driver.trainer }

    /// Prints text with anything that could act as a terminal control sequence removed.
    func say(_ text: String = "") {
        write(Self.sanitised(text) + "\n")
    }

    static func sanitised(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.filter { scalar in
            let v = scalar.value
            if v == 0x0A || v == 0x09 { return true }
            return !(v < 0x20 || v == 0x7F || (0x80...0x9F).contains(v))
        }))
    }

    /// Reads one answer line. Returns nil at end of input (the caller saves and exits).
    /// Handles `?`, `s` and `q` itself and asks again.
    func ask(_ prompt: String) -> String? {
        while true {
            write(prompt + " ")
            guard let line = readLine() else {
                say()
                say("End of input: your answers are saved. Goodbye.")
                return nil
            }
            let answer = line.trimmingCharacters(in: .whitespaces)
            switch answer.lowercased() {
            case "?", "help":
                printHelp()
            case "s", "support":
                printSupport()
            case "q", "quit":
                write("Save and quit? (y/n) ")
                guard let confirm = readLine() else { return nil }
                if confirm.trimmingCharacters(in: .whitespaces).lowercased().hasPrefix("y") {
                    say("Your answers are saved. Goodbye.")
                    return nil
                }
            default:
                return answer
            }
        }
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
            guard let answer = ask(allowBack ? "Number (or b to go back):" : "Number:") else { return .none }
            if allowBack && answer.lowercased() == "b" { return .some(nil) }
            if let n = Int(answer), (1...rows.count).contains(n) { return .some(n) }
            say("Type a number from 1 to \(rows.count).")
        }
    }

    /// Runs until the learner quits or input ends. Returns the process exit code.
    func run(learnerName: String?, lessonID: String?) -> Int32 {
        say("Lookout: learning to recognise the warning signs of human trafficking.")
        say("Type ? for help, s for support and reporting contacts, q to save and quit.")
        if let learnerName {
            driver.useLearner(named: learnerName)
        }
        if let lessonID {
            if trainer.learner == nil, !chooseLearner() { return finish() }
            guard driver.startLesson(id: lessonID) else {
                say("There is no lesson '\(lessonID)' in this bank. Lessons: " + driver.bank.lessons.map(\.id).joined(separator: ", "))
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
            FileHandle.standardError.write(Data("error: \(error)\n".utf8))
            return 74
        }
        return 0
    }

    func chooseLearner() -> Bool {
        let names = trainer.learners.map(\.name)
        guard let picked = pickFromMenu("Who is learning? (names only; nobody else's results are shown)", names + ["New learner"]) else { return false }
        guard let n = picked else { return false }
        choose(n, then: .enter)
        if case .newLearner = trainer.screen {
            guard let name = ask("Your name or nickname:") else { return false }
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
                case .track(.police): return "Community policing"
                case .track(.school): return "School"
                case .track(.hospitality): return "Hospitality"
                case .track(.mixed): return "Mixed workshop"
                case .progress: return "My progress"
                case .switchLearner: return "Switch learner"
                }
            }
            guard let picked = pickFromMenu("Hello, \(trainer.learner?.name ?? ""). Choose:", rows), let n = picked else { return false }
            choose(n, then: .enter)
        case .lessons(let track, _):
            let lessons = trainer.lessons(of: track)
            let rows = lessons.map { "\($0.title) (\(Self.statusWords(trainer.status(of: $0))))" }
            guard let picked = pickFromMenu("Lessons:", rows, allowBack: true) else { return false }
            guard let n = picked else {
                driver.send(.key(.escape))
                return true
            }
            choose(n, then: .enter)
        case .contentNote:
            guard let scenario = trainer.currentScenario else { return false }
            say()
            say("Content note: \(scenario.contentNote ?? "")")
            say("  1. Continue")
            say("  2. Skip this scenario (no penalty)")
            guard let answer = ask("Number:") else { return false }
            if answer == "1" || answer == "2" { driver.send(.key(.character(Character(answer)))) }
            else { say("Type 1 or 2.") }
        case .question(let state):
            guard let scenario = trainer.currentScenario, let question = trainer.currentQuestion else { return false }
            if state.questionIndex == 0 && shownScenario != scenario.id + "#\(trainer.run?.events.count ?? 0)" {
                shownScenario = scenario.id + "#\(trainer.run?.events.count ?? 0)"
                say()
                say("== \(scenario.title)\(trainer.run?.queue.isRepeat == true ? " (again)" : "") ==")
                for paragraph in scenario.story.split(separator: "\n") {
                    say(String(paragraph))
                    say()
                }
            }
            say(question.prompt)
            for (i, option) in question.options.enumerated() { say("  \(i + 1). \(option.text)") }
            var prompt = question.kind == .multi
                ? "Type the numbers of every warning sign, separated by spaces (0 if none):"
                : "Type the number of your choice:"
            if trainer.run?.queue.isRepeat == true && state.questionIndex == 0 {
                prompt = "(This scenario came back for another try; type n to move on.) " + prompt
            }
            while true {
                guard let answer = ask(prompt) else { return false }
                if answer.lowercased() == "n" && trainer.run?.queue.isRepeat == true && state.questionIndex == 0 {
                    driver.send(.key(.character("n")))
                    return true
                }
                guard let numbers = Self.numbers(answer, count: question.options.count), !answer.isEmpty else {
                    say("Type numbers from 1 to \(question.options.count)\(question.kind == .multi ? ", or 0 for none" : "").")
                    continue
                }
                if question.kind == .single && numbers.count != 1 {
                    say("Type one number from 1 to \(question.options.count).")
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
            say(FeedbackBuilder.summary(of: result))
            for item in FeedbackBuilder.items(for: question, result: result, chosen: state.ticked, bank: driver.bank) {
                let mark: String
                switch item.verdict {
                case .hit, .correctRejection, .chosenRight: mark = "[+]"
                case .miss, .falseAlarm, .chosenWrong: mark = "[x]"
                case .missedRight: mark = "[*]"
                case .otherWrong: mark = "[ ]"
                }
                say("  \(item.index + 1). \(mark) \(item.verdict.words)\(item.isUnsafe ? " (UNSAFE)" : ""): \(item.option.text)")
                say("     \(item.option.feedback)")
                for indicator in item.indicators where item.option.isCorrect {
                    say("     Sign: \(indicator.title). \(indicator.explanation)")
                }
            }
            driver.send(.key(.enter))
        case .summary(let result):
            say()
            say("== Lesson finished: \(trainer.run?.lesson.title ?? result.lessonID) ==")
            say("Score: \(Int(result.scorePercent.rounded()))% (pass mark \(result.passMark)%): \(result.passed ? "PASSED" : "not passed yet")")
            say("Warning signs spotted: \(result.hits), missed: \(result.misses), false alarms: \(result.falseAlarms)")
            say("Unsafe choices: \(result.unsafeChoices)")
            if !result.indicatorsToReview.isEmpty {
                let titles = result.indicatorsToReview.map { driver.bank.indicator($0)?.title ?? $0 }
                say("To review: " + titles.joined(separator: "; "))
            }
            driver.send(.key(.enter))
            if singleLesson { return false }
        case .progress:
            printProgress()
            driver.send(.key(.escape))
        }
        return !driver.ended
    }

    static func statusWords(_ status: LessonStatus) -> String {
        switch status {
        case .new: return "new"
        case .inProgress(let percent): return "in progress \(Int(percent.rounded()))%"
        case .passed: return "passed"
        case .failed: return "not passed yet"
        }
    }

    func printProgress() {
        guard let progress = trainer.progress else { return }
        say()
        say("== Your progress ==")
        let passed = progress.lessons.filter { $0.status == .passed }.count
        say("Lessons passed: \(passed) of \(progress.lessons.count)")
        let c = progress.coverage
        say("Scenarios seen: \(c.scenariosSeen) of \(c.scenariosTotal). Warning signs mastered: \(c.indicatorsMastered) of \(c.indicatorsTotal).")
        for indicator in progress.indicators where indicator.observations > 0 {
            let title = driver.bank.indicator(indicator.indicatorID)?.title ?? indicator.indicatorID
            say("  \(Int((indicator.pKnown * 100).rounded()))% \(indicator.mastered ? "(mastered) " : "")\(title)")
        }
        if progress.unsafeChoices > 0 { say("Unsafe choices so far: \(progress.unsafeChoices)") }
    }

    func printHelp() {
        say()
        say("Help")
        say("  Multi-select questions: type the numbers of every warning sign, for example: 1 3")
        say("  Type 0 if you see no warning signs. Single-choice questions: type one number.")
        say("  ?  this help      s  support and reporting contacts      q  save and quit")
        say("  n  move on from a scenario that came back for another try")
        say("  End of input (Ctrl-D) also saves and quits. Every answer is saved as soon as you give it.")
    }

    func printSupport() {
        say()
        guard let region = trainer.region else {
            say("Support: ask your facilitator for the local hotline. Never confront; report.")
            return
        }
        say("Support and reporting: \(region.name)")
        if let note = region.note { say(note) }
        for entry in region.entries {
            var line = "  \(entry.name)"
            if let number = entry.number { line += ": \(number)" }
            if let contact = entry.contact { line += " (\(contact))" }
            say(line)
            if let purpose = entry.purpose { say("    \(purpose)") }
            if entry.status == .unverified {
                say("    UNVERIFIED: no public source confirms this; check before relying on it. Last checked \(entry.lastVerified).")
            } else {
                say("    Last verified \(entry.lastVerified).")
            }
        }
    }
}
