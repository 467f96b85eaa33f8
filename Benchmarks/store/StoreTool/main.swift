import ArgumentParser
import Foundation
import LookoutApp
import LookoutCore
import LookoutStore
#if canImport(Glibc)
import Glibc
#endif

// The store's test and benchmark tools: a separate executable (`lookout-store-tool`), never part of
// the shipped `lookout` binary, so nothing in a release build can write answers into a store without
// going through the facilitator lock. The reliability tests (Tests/LookoutStoreTests/ProcessTests.swift)
// drive `write-events` and SIGKILL it; Benchmarks/store/run.sh drives `generate` and `bench-append`.

/// `lookout-store-tool ...`: not for learners or facilitators.
struct StoreTool: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lookout-store-tool",
        abstract: "Test and benchmark tools for the progress store (not shipped).",
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
                print(String(format: "open (header check, read-only checks and quick_check if <= 64 MiB, migrate): %.1f ms", openMillis))
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

func printError(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
}

/// A store error as one line on stderr, and its exit code (74, or 65 for a request problem).
func storeFailure(_ error: StoreError) -> ExitCode {
    printError("error: \(error)")
    return ExitCode(error.isUserError ? 65 : 74)
}

StoreTool.main()
