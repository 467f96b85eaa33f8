import ArgumentParser
import Foundation
import LookoutCore
import LookoutStore

/// `lookout learners list | add NAME | rename OLD NEW | remove NAME`.
struct Learners: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List, add, rename or remove the learners who use this computer.",
        discussion: """
            A learner is a display name (any language, a nickname is fine) with their answers. Names are \
            unique; spaces at the ends do not count. Progress is kept in progress.sqlite in the data \
            folder (see --data-dir). Exits 74 when the progress store cannot be read or written, and 65 \
            when a name is taken or unknown.
            """,
        subcommands: [List.self, Add.self, Rename.self, Remove.self],
        defaultSubcommand: List.self
    )

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the learners, with how many answers each has given.")

        enum Format: String, ExpressibleByArgument, CaseIterable {
            case text
            case json
        }

        @OptionGroup var dataOptions: DataOptions

        @Option(help: "text or json.")
        var format: Format = .text

        func run() throws {
            let store = try dataOptions.openStore()
            let learners: [Learner]
            let counts: [String: Int]
            do {
                learners = try store.learners()
                counts = try store.answerCounts()
            } catch {
                throw storeFailure(error)
            }
            switch format {
            case .json:
                struct Item: Encodable {
                    var id: String
                    var name: String
                    var createdAt: Int64
                    var answers: Int
                }
                let items = learners.map { Item(id: $0.id, name: $0.name, createdAt: $0.createdAt, answers: counts[$0.id] ?? 0) }
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
                print(String(decoding: try encoder.encode(items), as: UTF8.self))
            case .text:
                if learners.isEmpty {
                    print("No learners yet. Add one with: lookout learners add NAME")
                    return
                }
                // The name goes last: names in Khmer or with emoji have no reliable column width.
                print("ANSWERS  ADDED       NAME")
                for learner in learners {
                    let answers = String(counts[learner.id] ?? 0)
                    let padded = String(repeating: " ", count: max(0, 7 - answers.count)) + answers
                    print("\(padded)  \(Self.date(learner.createdAt))  \(learner.name)")
                }
            }
        }

        /// A local calendar date, YYYY-MM-DD, for milliseconds since 1970.
        static func date(_ millis: Int64) -> String {
            var seconds = time_t(millis / 1000)
            var parts = tm()
            localtime_r(&seconds, &parts)
            func two(_ n: Int32) -> String { n < 10 ? "0\(n)" : "\(n)" }
            return "\(parts.tm_year + 1900)-\(two(parts.tm_mon + 1))-\(two(parts.tm_mday))"
        }
    }

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add a learner.")

        @Argument(help: ArgumentHelp("The learner's display name (any language; a nickname is fine).", valueName: "name"))
        var name: String

        @OptionGroup var dataOptions: DataOptions

        func run() throws {
            let store = try dataOptions.openStore()
            do {
                let learner = try store.addLearner(name: name)
                print("Added learner '\(learner.name)'.")
            } catch {
                throw storeFailure(error)
            }
        }
    }

    struct Rename: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Rename a learner; their answers stay with them.")

        @Argument(help: ArgumentHelp("The learner's name now.", valueName: "old"))
        var old: String

        @Argument(help: ArgumentHelp("The new name.", valueName: "new"))
        var new: String

        @OptionGroup var dataOptions: DataOptions

        func run() throws {
            let store = try dataOptions.openStore()
            do {
                let learner = try store.renameLearner(named: old, to: new)
                print("Renamed '\(LearnerName.normalised(old))' to '\(learner.name)'.")
            } catch {
                throw storeFailure(error)
            }
        }
    }

    struct Remove: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Remove a learner and all their answers.",
            discussion: "Asks you to type the name again first. Without a terminal, it needs --yes."
        )

        @Argument(help: ArgumentHelp("The learner to remove.", valueName: "name"))
        var name: String

        @Flag(help: "Do not ask; remove at once.")
        var yes = false

        @OptionGroup var dataOptions: DataOptions
        @OptionGroup var lock: PassphraseOptions

        func run() throws {
            let store = try dataOptions.openStore()
            try FacilitatorLock.require(store, options: lock, command: "lookout learners remove")
            let learner: Learner
            let answers: Int
            do throws(StoreError) {
                guard let found = try store.learner(named: name) else { throw StoreError.unknownLearner(LearnerName.normalised(name)) }
                learner = found
                answers = try store.answerCount(learnerID: learner.id)
            } catch {
                throw storeFailure(error)
            }
            if !yes {
                guard isatty(STDIN_FILENO) == 1, !lock.passphraseStdin else {
                    printError("error: not removing learner '\(learner.name)' and their \(answers) answer\(answers == 1 ? "" : "s") without confirmation; run this on a terminal to be asked, or add --yes")
                    throw ExitCode.validationFailure
                }
                FileHandle.standardError.write(Data("Remove learner '\(learner.name)' and all \(answers) answer\(answers == 1 ? "" : "s")? Type the name to confirm: ".utf8))
                let typed = readLine(strippingNewline: true) ?? ""
                guard LearnerName.normalised(typed) == learner.name else {
                    printError("The name did not match; nothing was removed.")
                    throw ExitCode.failure
                }
            }
            do {
                let removed = try store.removeLearner(id: learner.id)
                print("Removed learner '\(learner.name)' and \(removed) answer\(removed == 1 ? "" : "s").")
            } catch {
                throw storeFailure(error)
            }
        }
    }
}

// MARK: - Hidden tools for the store's tests and benchmark

/// `lookout _store ...`: not for learners or facilitators. The reliability tests drive
/// `write-events` (and SIGKILL it); Benchmarks/store/run.sh drives `generate` and `bench-append`.
struct StoreTools: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "_store",
        abstract: "Test and benchmark tools for the progress store.",
        shouldDisplay: false,
        subcommands: [WriteEvents.self, Generate.self, BenchAppend.self]
    )

    /// Appends answers one at a time, printing each id on stdout once its commit has returned.
    struct WriteEvents: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "write-events",
            abstract: "Append COUNT answers one by one; print each answer's id after its durable commit."
        )

        @OptionGroup var dataOptions: DataOptions

        @Option(help: "How many answers to write.")
        var count = 100

        @Option(help: "The learner to answer as (added if missing).")
        var learner = "writer"

        @Option(help: "Cap the store at this many pages (PRAGMA max_page_count), to see a full disk.")
        var maxPages: Int?

        func run() throws {
            let store = try dataOptions.openStore()
            do {
                if let maxPages { try store._limitPagesForTesting(maxPages) }
                let who = try Self.learner(named: learner, in: store)
                let attempt = try store.startAttempt(learnerID: who.id, lessonID: "kill-test")
                for i in 0..<max(0, count) {
                    let event = AnswerEvent(
                        id: ProgressStore.newID(), learnerID: who.id, attemptID: attempt.id, lessonID: "kill-test",
                        scenarioID: "scn-\(i % 40)", scenarioRev: 1, questionID: "q\(i % 3)", chosen: ["a", "c"],
                        credit: Double(i % 5) / 4, action: i % 7 == 0 ? .unsafeConfront : .safeReport,
                        time: ProgressStore.now(), isRepeat: false)
                    try store.append(event)
                    writeLine(event.id)
                }
            } catch {
                throw storeFailure(error)
            }
        }

        /// The learner with this name; adds them, and copes with another process adding them first.
        static func learner(named name: String, in store: ProgressStore) throws(StoreError) -> Learner {
            if let found = try store.learner(named: name) { return found }
            do {
                return try store.addLearner(name: name)
            } catch .duplicateName {
                if let found = try store.learner(named: name) { return found }
                throw StoreError.unknownLearner(name)
            }
        }
    }

    /// Fills a store with synthetic learners and answers, one transaction per batch.
    struct Generate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Generate LEARNERS learners with ANSWERS answers each (synthetic, reproducible)."
        )

        @OptionGroup var dataOptions: DataOptions

        @Option(help: "How many learners.")
        var learners = 5000

        @Option(help: "Answers per learner.")
        var answers = 200

        @Option(help: "Answers per transaction.")
        var batch = 20000

        @Option(help: "Random seed.")
        var seed: UInt64 = 1

        @OptionGroup var bankOptions: BankOptions

        func run() throws {
            let store = try dataOptions.openStore()
            // Answers go to the real scenarios of the bank in use (so 'progress' does its full work),
            // or to synthetic ids when the bank cannot be loaded.
            let loaded = BankLocator.load(root: bankOptions.path())
            let bank: Bank? = loaded.hasErrors || loaded.bank.lessons.isEmpty ? nil : loaded.bank
            var random = SplitMix64(seed: seed)
            let actions = ActionClass.allCases
            let started = DispatchTime.now().uptimeNanoseconds
            let base: Int64 = 1_767_225_600_000 // 2026-01-01
            let prefixes = ["Learner", "សិស្ស", "นักเรียน", "Học viên", "🌱"]
            do {
                var people: [Learner] = []
                people.reserveCapacity(learners)
                for i in 0..<learners {
                    people.append(Learner(id: ProgressStore.newID(), name: "\(prefixes[i % prefixes.count]) \(i + 1)",
                                          createdAt: base + Int64(i) * 60_000))
                }
                try store.importLearners(people)
                var attempts: [Attempt] = []
                var events: [AnswerEvent] = []
                var written = 0
                func flush() throws(StoreError) {
                    if events.isEmpty && attempts.isEmpty { return }
                    try store.importRecords(learners: [], attempts: attempts, events: events)
                    written += events.count
                    attempts.removeAll(keepingCapacity: true)
                    events.removeAll(keepingCapacity: true)
                }
                for (n, person) in people.enumerated() {
                    var attempt = Attempt(id: "", learnerID: person.id, lessonID: "", startedAt: 0)
                    for a in 0..<answers {
                        let time = person.createdAt + Int64(a) * 45_000
                        if let bank {
                            if a % 10 == 0 {
                                let lesson = bank.lessons[Int(random.next() % UInt64(bank.lessons.count))]
                                attempt = Attempt(id: ProgressStore.newID(), learnerID: person.id, lessonID: lesson.id, startedAt: time)
                                attempts.append(attempt)
                            }
                            guard let lesson = bank.lesson(attempt.lessonID) else { continue }
                            let scenarios = bank.scenarios(of: lesson)
                            let scenario = scenarios[(a % 10 / 2) % scenarios.count]
                            let question = scenario.questions[(a % 2) % scenario.questions.count]
                            var chosen: Set<String> = []
                            if question.kind == .single {
                                chosen = [question.options[Int(random.next() % UInt64(question.options.count))].id]
                            } else {
                                for option in question.options where random.next() % 2 == 0 { chosen.insert(option.id) }
                            }
                            let result = Scorer.score(question, chosen: chosen)
                            events.append(AnswerEvent(
                                id: ProgressStore.newID(), learnerID: person.id, attemptID: attempt.id, lessonID: lesson.id,
                                scenarioID: scenario.id, scenarioRev: scenario.rev, questionID: question.id,
                                chosen: question.options.map(\.id).filter { chosen.contains($0) }, credit: result.credit,
                                action: result.action, time: time, isRepeat: false))
                            continue
                        }
                        if a % 10 == 0 {
                            let lesson = "lesson-\((a / 10) % 8 + 1)"
                            attempt = Attempt(id: ProgressStore.newID(), learnerID: person.id, lessonID: lesson, startedAt: time)
                            attempts.append(attempt)
                        }
                        let single = random.next() % 3 == 0
                        let action = single ? actions[Int(random.next() % UInt64(actions.count))] : nil
                        let credit = single ? (action?.isUnsafe == true ? 0 : 1) : Double(random.next() % 5) / 4
                        events.append(AnswerEvent(
                            id: ProgressStore.newID(), learnerID: person.id, attemptID: attempt.id, lessonID: attempt.lessonID,
                            scenarioID: "scn-\(String(random.next() % 150))", scenarioRev: 1 + Int(random.next() % 3),
                            questionID: single ? "act" : "signs", chosen: single ? ["b"] : ["a", "c", "d"],
                            credit: credit, action: action, time: time, isRepeat: a % 10 >= 8))
                    }
                    if events.count >= batch { try flush() }
                    if (n + 1) % 1000 == 0 {
                        let seconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
                        printError("generated \(n + 1) learners, \(written) answers, \(String(format: "%.1f", seconds)) s")
                    }
                }
                try flush()
                let seconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
                print("generated \(learners) learners and \(written) answers in \(String(format: "%.1f", seconds)) s into \(store.path)")
            } catch {
                throw storeFailure(error)
            }
        }
    }

    /// Times single durable appends, the way the lesson screen saves answers.
    struct BenchAppend: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "bench-append",
            abstract: "Time COUNT single durable appends (and opening the store) and print the figures."
        )

        @OptionGroup var dataOptions: DataOptions

        @Option(help: "How many answers to append.")
        var count = 500

        func run() throws {
            let folder = try dataOptions.directory()
            let openStart = DispatchTime.now().uptimeNanoseconds
            let store: ProgressStore
            do { store = try ProgressStore.open(directory: folder) } catch { throw storeFailure(error) }
            let openMillis = Double(DispatchTime.now().uptimeNanoseconds - openStart) / 1e6
            do {
                let settings = try store.durabilitySettings()
                let who = try WriteEvents.learner(named: "bench", in: store)
                let attempt = try store.startAttempt(learnerID: who.id, lessonID: "bench")
                var times: [Double] = []
                times.reserveCapacity(count)
                for i in 0..<max(1, count) {
                    let event = AnswerEvent(
                        id: ProgressStore.newID(), learnerID: who.id, attemptID: attempt.id, lessonID: "bench",
                        scenarioID: "scn-\(i % 40)", scenarioRev: 1, questionID: "signs", chosen: ["a", "c"],
                        credit: 0.5, action: nil, time: ProgressStore.now(), isRepeat: false)
                    let t0 = DispatchTime.now().uptimeNanoseconds
                    try store.append(event)
                    times.append(Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e6)
                }
                times.sort()
                func pct(_ p: Double) -> Double { times[min(times.count - 1, Int(Double(times.count - 1) * p))] }
                let total = try store.eventCount()
                print("store: \(store.path) (\(total) answers; journal_mode=\(settings.journalMode), synchronous=\(settings.synchronous))")
                print(String(format: "open (header check, read-only checks and quick_check if <= 8 MiB, migrate): %.1f ms", openMillis))
                print(String(format: "durable append x%d: median %.3f ms, p90 %.3f ms, p99 %.3f ms, max %.3f ms",
                             times.count, pct(0.5), pct(0.9), pct(0.99), times.last ?? 0))
            } catch {
                throw storeFailure(error)
            }
        }
    }
}

/// Writes `text` and a newline to stdout with one write(2), unbuffered, so a line printed is a line
/// another process can read even if this one is killed right after.
func writeLine(_ text: String) {
    var bytes = Array((text + "\n").utf8)
    var offset = 0
    while offset < bytes.count {
        let n = bytes.withUnsafeMutableBytes { buffer -> Int in
            guard let base = buffer.baseAddress else { return -1 }
            return write(STDOUT_FILENO, base + offset, buffer.count - offset)
        }
        if n <= 0 { return }
        offset += n
    }
}

/// A small, seedable random number generator (SplitMix64), for reproducible synthetic data.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE5_E9B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
