import LookoutTestSupport
import Foundation
@testable import LookoutApp
import LookoutCore
import LookoutStore
import Testing

/// Issue 20, points 3, 4 and 8, through the real binary on real stores: finals are assessments, verdicts in the
/// pass rule's words, finished means finished.
@Suite final class FinalsTests {
    let folders = TemporaryFolders()

    /// A final of the shipped bank, answered "1" at every prompt (content notes: continue).
    static let finalID = "hos-final"
    static let ones = String(repeating: "1\n", count: 300)

    func train(_ data: String, _ name: String, lesson: String, input: String) throws -> Lookout.Output {
        try Lookout.run(["train", "--plain", "--learner", name, "--lesson", lesson, "--data-dir", data,
                         "--bank", Lookout.shippedBank], stdin: input)
    }

    @Test func aFinalInPlainModePrintsNoPerQuestionVerdictBeforeItsSummary() throws {
        let data = try folders.make("lookout-final")
        let out = try train(data, "Chantha", lesson: Self.finalID, input: Self.ones)
        #expect(out.status == 0, "\(out.stderr)")
        let heading = try #require(out.stdout.range(of: "== Lesson finished"), "\(out.stdout.suffix(2000))")
        let before = String(out.stdout[..<heading.lowerBound])
        let after = String(out.stdout[heading.lowerBound...])
        for mark in ["[+]", "[x]", "[*]"] { #expect(!before.contains(mark), "feedback '\(mark)' before the summary") }
        #expect(before.contains("Final assessment: the feedback on every question comes at the end"))
        // The summary then gives the feedback on every question.
        #expect(after.contains("[+]") || after.contains("[x]"))
        let bank = BankLocator.load(root: Lookout.shippedBank).bank
        let lesson = try #require(bank.lesson(Self.finalID))
        let questions = bank.scenarios(of: lesson).reduce(0) { $0 + $1.questions.count }
        #expect(after.components(separatedBy: "\n== ").count - 1 == questions, "one heading per question after the summary's")
    }

    @Test func theSameDayRetakeOfAFinalIsRefusedWithTheRulesReason() throws {
        let data = try folders.make("lookout-final")
        #expect(try train(data, "Chantha", lesson: Self.finalID, input: Self.ones).status == 0)
        let again = try train(data, "Chantha", lesson: Self.finalID, input: Self.ones)
        #expect(again.stdout.contains("was already taken today. Its rule: a new attempt from "), "\(again.stdout.suffix(1500))")
        #expect(!again.stdout.contains("== Lesson finished"))
        // The record holds one attempt.
        let json = try Lookout.run(["progress", "--learner", "Chantha", "--format", "json", "--data-dir", data, "--bank", Lookout.shippedBank])
        #expect(json.stdout.contains("\"attempts\":1"), "\(json.stdout.prefix(600))")
        // A facilitator's OK lets one new attempt start.
        let ok = try Lookout.run(["facilitator", "allow-retake", "--learner", "Chantha", "--lesson", Self.finalID,
                                  "--data-dir", data, "--bank", Lookout.shippedBank])
        #expect(ok.status == 0, "\(ok.stderr)")
        let retake = try train(data, "Chantha", lesson: Self.finalID, input: Self.ones)
        #expect(retake.stdout.contains("== Lesson finished"))
        let third = try train(data, "Chantha", lesson: Self.finalID, input: Self.ones)
        #expect(third.stdout.contains("was already taken today"))
    }

    @Test func retakeAfterIsReadFromLessonsTxt() throws {
        let bank = try WorkshopFixture.bank(replacing: ["lessons.txt": Self.lessons(kind: "final", extra: "retake-after: 3d\n")])
        #expect(bank.lesson("L1")?.retakeDays == 3)
        let defaults = try WorkshopFixture.bank(replacing: ["lessons.txt": Self.lessons(kind: "final", extra: "")])
        #expect(defaults.lesson("L1")?.retakeDays == 1)
        #expect(defaults.lesson("L2")?.retakeDays == 0)
        let any = try WorkshopFixture.bank(replacing: ["lessons.txt": Self.lessons(kind: "final", extra: "retake-after: 0\n")])
        #expect(any.lesson("L1")?.retakeDays == 0)
        let folder = try WorkshopFixture.writeBank(to: try folders.make("lookout-bank"),
                                                   replacing: ["lessons.txt": Self.lessons(kind: "final", extra: "retake-after: soon\n")])
        let check = try Lookout.run(["check", folder])
        #expect(check.status != 0)
        #expect(check.stdout.contains("is not a retake rule") || check.stderr.contains("is not a retake rule"), "\(check.stdout)")
    }

    /// The rule, in the session, uses the local date: the day turns at local midnight (Cambodia, UTC+7).
    @Test func theRetakeRuleTurnsAtLocalMidnight() throws {
        let bank = try WorkshopFixture.bank(replacing: ["lessons.txt": Self.lessons(kind: "final", extra: "")])
        let lesson = try #require(bank.lesson("L1"))
        let learner = Learner(id: "L-1", name: "Dara", createdAt: 0)
        var session = TrainingSession(bank: bank, region: nil)
        let ict = 7 * 3600
        // 2026-11-26 23:30 in Phnom Penh is 16:30 UTC.
        let evening: Int64 = 1_795_710_600_000
        let event = AnswerEvent(id: "e1", learnerID: learner.id, attemptID: "a1", lessonID: "L1", scenarioID: "s1", scenarioRev: 1,
                                questionID: "q1", chosen: ["o1"], credit: 0, action: nil, time: evening, isRepeat: false)
        _ = session.handle(.learnersLoaded([learner], withPIN: []), SessionEnvironment(now: evening, newID: "x", utcOffsetSeconds: ict))
        _ = session.handle(.learnerReady(learner, ProgressEngine.progress(bank: bank, events: [event]), history: [event]),
                           SessionEnvironment(now: evening, newID: "x", utcOffsetSeconds: ict))
        // 20 minutes later, still the same local day: refused. 40 minutes later (00:10 local): allowed.
        #expect(session.retakeRefusal(lesson, SessionEnvironment(now: evening + 20 * 60_000, newID: "y", utcOffsetSeconds: ict)) != nil)
        #expect(session.retakeRefusal(lesson, SessionEnvironment(now: evening + 40 * 60_000, newID: "y", utcOffsetSeconds: ict)) == nil)
        // In UTC the same two moments are on one day (16:50 and 17:10): both refused.
        #expect(session.retakeRefusal(lesson, SessionEnvironment(now: evening + 40 * 60_000, newID: "y", utcOffsetSeconds: 0)) != nil)
        // Resuming is never refused: the session resumes the unfinished attempt.
        #expect(session.resumableAttempt(of: lesson)?.attemptID == "a1")
        #expect(CalendarDate(daysSince1970: 0).description == "1970-01-01")
        #expect(CalendarDate(daysSince1970: 20_419).description == "2025-11-27")
    }

    static func lessons(kind: String, extra: String) -> String {
        """
        lesson: L1
        title: Front desk
        audience: hospitality
        kind: \(kind)
        pass-mark: 50
        \(extra)scenarios:
          - s1
          - s2

        lesson: L2
        title: Second lesson
        audience: hospitality
        pass-mark: 50
        scenarios: s2

        """
    }

    /// A learner who passes both parts of a final at 50% but made one unsafe choice.
    func unsafeFinalStore() throws -> (data: String, bank: String) {
        let bank = try WorkshopFixture.writeBank(to: try folders.make("lookout-bank"),
                                                 replacing: ["lessons.txt": Self.lessons(kind: "final", extra: "")])
        let data = try folders.make("lookout-data")
        let store = try ProgressStore.open(directory: data)
        let dave = Learner(id: "learner-dave", name: "Dave", createdAt: WorkshopFixture.day1)
        let attempt = Attempt(id: "att-dave", learnerID: dave.id, lessonID: "L1", startedAt: WorkshopFixture.day1)
        var events: [AnswerEvent] = []
        for (scenario, question, chosen) in [("s1", "q1", ["o1", "o2"]), ("s1", "q2", ["a1"]), ("s2", "q1", []), ("s2", "q2", ["a2"])] {
            events.append(AnswerEvent(id: "ev-\(events.count)", learnerID: dave.id, attemptID: attempt.id, lessonID: "L1",
                                      scenarioID: scenario, scenarioRev: 1, questionID: question, chosen: chosen, credit: 0,
                                      action: nil, time: WorkshopFixture.day1 + Int64(events.count + 1) * 1000, isRepeat: false))
        }
        try store.importRecords(learners: [dave], attempts: [attempt], events: events)
        try store.close()
        return (data, bank)
    }

    @Test func certificateNamesAnUnsafeChoiceAsTheReason() throws {
        let (data, bank) = try unsafeFinalStore()
        let out = try Lookout.run(["certificate", "--learner", "Dave", "--lesson", "L1", "--data-dir", data, "--bank", bank])
        #expect(out.status == 1)
        #expect(out.stderr.contains("1 unsafe choice in a final assessment"), "\(out.stderr)")
        #expect(!out.stderr.contains("best score"))
    }
}

/// Issue 20, point 8: whether an attempt is finished comes from the attempt's own (shuffled) scene order.
@Suite final class FinishedMeansFinishedTests {
    let folders = TemporaryFolders()

    @Test func aLearnerWhoLeavesAShuffledIntroAfterTwoScenesIsInProgressAndNoCompletedIsSent() throws {
        let bank = BankLocator.load(root: Lookout.shippedBank).bank
        let lesson = try #require(bank.lessons.first { $0.kind == .intro && bank.scenarios(of: $0).count >= 4 })
        let written = bank.scenarios(of: lesson).filter { !$0.questions.isEmpty }
        // An attempt whose first two scenes are not the first two as written: in the bank's order the scenes before
        // them would look skipped, and the attempt "failed".
        let attemptID = try #require((1...500).map { "attempt-\($0)" }.first { id in
            let order = ProgressEngine.attemptOrder(written, kind: lesson.kind, attemptID: id).map(\.id)
            return !order.prefix(2).contains(written[0].id) && order.prefix(2).contains(written[written.count - 1].id)
        })
        let shown = ProgressEngine.attemptOrder(written, kind: lesson.kind, attemptID: attemptID)
        let learner = Learner(id: "learner-kim", name: "Kim", createdAt: WorkshopFixture.day1)
        var events: [AnswerEvent] = []
        for scenario in shown.prefix(2) {
            for question in scenario.questions {
                let chosen = question.kind == .single ? [question.options[0].id] : []
                events.append(AnswerEvent(id: "ev-\(events.count)", learnerID: learner.id, attemptID: attemptID, lessonID: lesson.id,
                                          scenarioID: scenario.id, scenarioRev: scenario.rev, questionID: question.id, chosen: chosen,
                                          credit: 0, action: nil, time: WorkshopFixture.day1 + Int64(events.count + 1) * 1000,
                                          isRepeat: false))
            }
        }
        let status = ProgressEngine.progress(bank: bank, events: events).lesson(lesson.id)?.status
        guard case .inProgress = status else { Issue.record("status \(String(describing: status))"); return }

        let data = try folders.make("lookout-data")
        let store = try ProgressStore.open(directory: data)
        try store.importRecords(learners: [learner],
                                attempts: [Attempt(id: attemptID, learnerID: learner.id, lessonID: lesson.id, startedAt: WorkshopFixture.day1)],
                                events: events)
        try store.close()
        let progress = try Lookout.run(["progress", "--learner", "Kim", "--data-dir", data, "--bank", Lookout.shippedBank])
        #expect(progress.stdout.contains("in progress"), "\(progress.stdout.prefix(400))")
        #expect(!progress.stdout.contains("failed"))
        let xapi = try Lookout.run(["export", "--format", "xapi", "--out", "-", "--homepage", "https://example.org",
                                    "--data-dir", data, "--bank", Lookout.shippedBank])
        #expect(xapi.status == 0, "\(xapi.stderr)")
        #expect(xapi.stdout.contains("/answered"))
        #expect(!xapi.stdout.contains("/completed") && !xapi.stdout.contains("/failed"))
    }
}
