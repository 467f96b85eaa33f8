import Foundation
import LookoutApp
import LookoutCore
import LookoutStore
import LookoutTestSupport

/// Python tools in virtual environments under `.build/` (made by .ci/run, or here on first use).
enum PythonTools {
    static var scripts: String { Lookout.packageRoot + "/Tests/LookoutInteropTests/Scripts" }

    static let python3: String? = {
        for candidate in ["/usr/bin/python3", "/usr/local/bin/python3"] + pathCandidates("python3")
        where FileManager.default.isExecutableFile(atPath: candidate) {
            return candidate
        }
        return nil
    }()

    static func pathCandidates(_ name: String) -> [String] {
        (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").map { "\($0)/\(name)" }
    }

    /// The venv with pygiftparser: `.build/venv-gift`, made (python3 -m venv, pip install pygiftparser)
    /// if it is not there, as .ci/run does. nil only when python3 is missing.
    static let giftPython: String? = {
        let venv = Lookout.packageRoot + "/.build/venv-gift"
        let python = venv + "/bin/python"
        if FileManager.default.isExecutableFile(atPath: python),
           let check = try? Lookout.run(["-c", "import pygiftparser.parser"], executable: python), check.status == 0 {
            return python
        }
        guard let python3 else { return nil }
        _ = try? Lookout.run(["-m", "venv", venv], executable: python3)
        _ = try? Lookout.run(["-m", "pip", "install", "-q", "pygiftparser==1.1"], executable: python)
        return python
    }()

    /// The venv with Ralph (`.build/venv-ralph`, made by .ci/run), or nil when it is absent.
    static let ralphPython: String? = {
        let python = Lookout.packageRoot + "/.build/venv-ralph/bin/python"
        guard FileManager.default.isExecutableFile(atPath: python),
              let check = try? Lookout.run(["-c", "import ralph.backends.lrs.fs, fastapi, uvicorn, bcrypt"], executable: python), check.status == 0 else {
            return nil
        }
        return python
    }()
}

/// A class on the shipped bank, written straight into a store: every learner runs one lesson to the
/// end (a finished attempt), some run a second attempt that stops half way. Choices are reproducible
/// from the seed; some are all right, some tick everything, some tick nothing.
enum ShippedClass {
    static let base: Int64 = 1_795_683_600_000 // 2026-11-26 09:00 UTC

    struct Made {
        var learners: [Learner]
        var attempts: [Attempt]
        var events: [AnswerEvent]
        /// Attempts that reached the end of their lesson.
        var finished: Set<String>
    }

    static func bank() throws -> Bank {
        let result = BankLocator.load(root: Lookout.shippedBank)
        if result.hasErrors { throw TestProblem("the shipped bank has errors") }
        return result.bank
    }

    static func make(bank: Bank, learners count: Int, lessons: [String]? = nil, seed: UInt64 = 7) -> Made {
        var state = seed
        func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        let lessonList = (lessons ?? bank.lessons.map(\.id)).compactMap { bank.lesson($0) }
        var made = Made(learners: [], attempts: [], events: [], finished: [])
        for i in 0..<count {
            let learner = Learner(id: UUID().uuidString.lowercased(), name: i % 3 == 0 ? "សិស្ស \(i + 1)" : "Learner \(i + 1)",
                                  createdAt: base + Int64(i) * 1000)
            made.learners.append(learner)
            let style = i % 4 // 0: all right, 1: random, 2: tick everything, 3: random
            let runs = i % 5 == 4 ? 2 : 1
            var time = base + Int64(i) * 3_600_000
            for run in 0..<runs {
                let lesson = lessonList[(i + run) % lessonList.count]
                let attempt = Attempt(id: UUID().uuidString.lowercased(), learnerID: learner.id, lessonID: lesson.id, startedAt: time)
                made.attempts.append(attempt)
                // The scenes in the order this attempt shows them (the trainer shuffles intro and practice lessons):
                // an attempt stopped halfway is unfinished in its own order (issue 20, point 8).
                let scenarios = ProgressEngine.attemptOrder(bank.scenarios(of: lesson), kind: lesson.kind, attemptID: attempt.id)
                let stopAt = run == 1 ? max(1, scenarios.count / 2) : scenarios.count
                for scenario in scenarios.prefix(stopAt) {
                    for question in scenario.questions {
                        time += 5_000 + Int64(next() % 40_000)
                        var chosen: [String]
                        switch (question.kind, style) {
                        case (.single, 0): chosen = question.options.filter(\.isCorrect).map(\.id)
                        case (.single, _): chosen = [question.options[Int(next() % UInt64(question.options.count))].id]
                        case (.multi, 0): chosen = question.options.filter(\.isCorrect).map(\.id)
                        case (.multi, 2): chosen = question.options.map(\.id)
                        case (.multi, _): chosen = question.options.filter { _ in next() % 2 == 0 }.map(\.id)
                        }
                        let result = Scorer.score(question, chosen: Set(chosen))
                        made.events.append(AnswerEvent(
                            id: UUID().uuidString.lowercased(), learnerID: learner.id, attemptID: attempt.id, lessonID: lesson.id,
                            scenarioID: scenario.id, scenarioRev: scenario.rev, questionID: question.id, chosen: chosen,
                            credit: result.credit, action: result.action, time: time, isRepeat: false))
                    }
                }
                if stopAt == scenarios.count { made.finished.insert(attempt.id) }
                time += 600_000
            }
        }
        return made
    }

    /// A data folder holding the class in a real store file.
    static func store(_ made: Made, folders: TemporaryFolders) throws -> String {
        let dir = try folders.make("lookout-interop-data")
        let store = try ProgressStore.open(directory: dir)
        try store.importRecords(learners: made.learners, attempts: made.attempts, events: made.events)
        try store.close()
        return dir
    }
}

struct TestProblem: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// Parses JSON bytes with Foundation (independent of Lookout's own writer).
func jsonObject(_ text: String) throws -> Any {
    try JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed])
}
