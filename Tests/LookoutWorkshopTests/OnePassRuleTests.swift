import LookoutTestSupport
import Foundation
import LookoutCore
import LookoutText
import LookoutStore
import LookoutApp
import Testing

/// One pass rule, one score formatter: the same attempts through the trainer's session, `progress`, `report` and
/// `certificate` must give the same verdict and the same shown score.
@Suite struct OnePassRuleTests {
    /// Every combination of answers to lesson L1 (s1: 4 tick sets × 3 actions; s2: 3 tick sets × 2 actions, or the
    /// scene skipped): 12 × 7 = 84 learners, one attempt each, played through the real session.
    static func attempts(bank: Bank) -> (learners: [Learner], events: [AnswerEvent], summaries: [String: LessonResult]) {
        let s1Ticks: [Set<String>] = [["o1", "o2"], ["o1"], ["o1", "o2", "o3"], []]
        let s1Actions = ["a1", "a2", "a3"]
        let s2Plays: [(ticks: Set<String>, action: String)?] = [([], "a1"), (["o2"], "a1"), ([], "a2"), (["o1", "o2"], "a2"),
                                                                ([], "a1"), (["o1"], "a1"), nil]
        var learners: [Learner] = []
        var events: [AnswerEvent] = []
        var summaries: [String: LessonResult] = [:]
        var clock: Int64 = 1_795_683_600_000
        var n = 0
        for ticks in s1Ticks {
            for action in s1Actions {
                for play in s2Plays {
                    n += 1
                    let learner = Learner(id: "L\(n)", name: "Learner \(n)", createdAt: clock)
                    learners.append(learner)
                    var session = TrainingSession(bank: bank, region: nil)
                    func env() -> SessionEnvironment {
                        clock += 1_000
                        return SessionEnvironment(now: clock, newID: UUID().uuidString.lowercased())
                    }
                    func send(_ intent: SessionIntent) {
                        for effect in session.apply(intent, env()) {
                            switch effect {
                            case .saveAnswer(let event): events.append(event)
                            case .unlockLearner(let who, _):
                                _ = session.handle(.learnerReady(who, ProgressEngine.progress(bank: bank, events: []), history: []), env())
                            default: break
                            }
                        }
                    }
                    _ = session.handle(.learnersLoaded([learner], withPIN: []), env())
                    send(.selectLearner(id: learner.id))
                    send(.startLesson(id: "L1"))
                    // Scenes of a practice lesson are shuffled: answer whichever is on screen; a repeat is left with n.
                    for _ in 0..<30 {
                        guard case .scene(let step) = session.phase, let scenario = session.currentScenario else { break }
                        if session.isRepeat { send(.moveOn); continue }
                        if case .feedback = step { send(.next); continue }
                        if scenario.id == "s2", play == nil { send(.skipScene); continue }
                        guard case .question(let index) = step else { send(.continueScene); continue }
                        let question = scenario.questions[index]
                        if scenario.id == "s1" {
                            send(.submit(question.kind == .multi ? ticks : [action]))
                        } else if let play {
                            send(.submit(question.kind == .multi ? play.ticks : [play.action]))
                        }
                    }
                    guard case .summary(let result) = session.phase else {
                        Issue.record("learner \(n) did not reach the summary: \(session.phase)")
                        continue
                    }
                    summaries[learner.id] = result
                }
            }
        }
        return (learners, events, summaries)
    }

    /// The fixture bank with a content note on s2, so it can be skipped.
    static func bank() throws -> Bank {
        let s2 = WorkshopFixture.scenario2(rev: 1, title: "An ordinary family")
            .replacingOccurrences(of: "sources: src-1\n", with: "sources: src-1\ncontent-note: a family with children\n")
        return try WorkshopFixture.bank(replacing: ["hospitality/s2.txt": s2])
    }

    @Test func trainerProgressReportAndCertificateAgree() throws {
        let bank = try Self.bank()
        let lesson = try #require(bank.lesson("L1"))
        let (learners, events, summaries) = Self.attempts(bank: bank)
        #expect(summaries.count == 84)
        let report = ClassReport.make(bank: bank, learners: learners, events: events)
        var passes = 0
        for learner in learners {
            let summary = try #require(summaries[learner.id])
            let mine = events.filter { $0.learnerID == learner.id }
            // progress
            let progress = try #require(ProgressEngine.progress(bank: bank, events: mine).lesson("L1"))
            #expect((progress.status == .passed) == summary.passed, "\(learner.name): \(progress.status) vs \(summary)")
            if let best = progress.bestScorePercent {
                #expect(ScoreFormat.percent(best) == ScoreFormat.percent(summary.scorePercent))
            }
            // report
            let row = try #require(report.learners.first { $0.learnerID == learner.id })
            #expect(row.lessonsPassed == (summary.passed ? 1 : 0), "\(learner.name)")
            #expect(row.scorePercent.map(ScoreFormat.percent) == ScoreFormat.percent(summary.scorePercent))
            // certificate
            switch Completion.record(learner: learner, lesson: lesson, bank: bank, events: mine) {
            case .success(let record):
                #expect(summary.passed, "\(learner.name) got a record without passing: \(summary)")
                #expect(record.scoreText == ScoreFormat.percent(summary.scorePercent))
                passes += 1
            case .failure(let refusal):
                #expect(!summary.passed, "\(learner.name) passed but got no record: \(refusal)")
            }
            // The shown score never contradicts the verdict.
            if summary.passed { #expect(ScoreFormat.whole(summary.scorePercent) >= lesson.passMark || summary.shortfalls.isEmpty) }
            if let signs = summary.signsPercent, ScoreFormat.whole(signs) >= lesson.passMark,
               let actions = summary.actionsPercent, ScoreFormat.whole(actions) >= lesson.passMark,
               summary.answeredQuestions == summary.totalQuestions {
                #expect(summary.passed, "\(learner.name): parts shown at the mark but not passed: \(summary)")
            }
        }
        // Some pass and some do not, so the comparison is not vacuous.
        #expect(passes > 0 && passes < 84)
    }

    /// The same through the real binary for a passing and a failing learner: the trainer's summary (plain mode),
    /// `progress`, `report --format csv` and `certificate` show the same score and verdict.
    @Test func theBinaryAgreesWithItself() throws {
        let dir = try Lookout.temporaryDirectory("one-rule")
        let bank = try WorkshopFixture.writeBank(to: dir + "/bank")
        let data = dir + "/data"
        func play(_ name: String, s1: [String], s1Action: String, s2: [String], s2Action: String) throws -> String {
            let talk = try PlainConversation(["train", "--plain", "--bank", bank, "--data-dir", data, "--learner", name, "--lesson", "L1"])
            var isS1 = true
            for _ in 0..<8 {
                let (found, printed) = try talk.wait(forAny: ["Type the numbers", "Type the number of", "Lesson finished"])
                if found == "Lesson finished" { break }
                if printed.contains("(again)") { talk.send("n"); continue }
                if let heading = printed.range(of: "== ", options: .backwards) {
                    isS1 = printed[heading.upperBound...].hasPrefix("Three guests")
                }
                let texts: [String]
                if found == "Type the numbers" { texts = isS1 ? s1 : s2 } else { texts = [isS1 ? s1Action : s2Action] }
                let numbers = try texts.map { try #require(OptionNumbers.find($0, in: printed)) }
                talk.send(numbers.isEmpty ? "0" : numbers.map(String.init).joined(separator: " "))
            }
            try talk.wait(for: "\n")
            return talk.finish().stdout
        }
        let good = try play("Mey", s1: ["He keeps their ID cards.", "He answers for them."], s1Action: "Note the details",
                            s2: [], s2Action: "Check them in as usual.")
        let weak = try play("Rith", s1: [], s1Action: "Note the details", s2: [], s2Action: "Check them in as usual.")
        #expect(good.contains("PASSED: Spotting the signs: 100% (needs 70%) · Acting safely: 100% (needs 70%)"), "\(good)")
        // Tick nothing, all actions right: 75% overall, but spotting the signs is 50% < 70. The verdict line shows the
        // two parts that decide, and no combined score (issue 20, point 4).
        #expect(weak.contains("not passed yet: Spotting the signs: 50% (needs 70%) · Acting safely: 100% (needs 70%)"), "\(weak)")
        #expect(!weak.contains("Score: 75%"))

        let progress = try Lookout.run(["progress", "--bank", bank, "--data-dir", data])
        #expect(progress.stdout.contains("L1                 passed"))
        #expect(progress.stdout.contains("L1                 failed           best 75%"))
        let csv = try Lookout.run(["report", "--format", "csv", "--bank", bank, "--data-dir", data])
        let rows = try #require(RFC4180.parse(csv.stdout))
        let byName = Dictionary(uniqueKeysWithValues: rows.dropFirst().map { ($0[1], $0) })
        #expect(byName["Mey"]?[2] == "1" && byName["Mey"]?[4] == "100.0")
        #expect(byName["Rith"]?[2] == "0" && byName["Rith"]?[4] == "75.0")
        let table = try Lookout.run(["report", "--bank", bank, "--data-dir", data])
        #expect(table.stdout.contains("1/1   100%"))
        #expect(table.stdout.contains("0/1    75%"))
        let certificate = try Lookout.run(["certificate", "--learner", "Mey", "--lesson", "L1", "--out", dir + "/mey",
                                           "--bank", bank, "--data-dir", data])
        #expect(certificate.status == 0, "\(certificate.stderr)")
        #expect(certificate.stdout.contains("with 100%"))
        let refused = try Lookout.run(["certificate", "--learner", "Rith", "--lesson", "L1", "--out", dir + "/rith",
                                       "--bank", bank, "--data-dir", data])
        #expect(refused.status != 0)
        // The pass rule's own reason, not the best score (issue 20, point 4).
        #expect(refused.stderr.contains("has not passed lesson 'L1': spotting the signs 50% (needs 70%)"), "\(refused.stderr)")
    }
}
