import LookoutTestSupport
import Foundation
@testable import LookoutApp
import LookoutCore
import LookoutStore
import Testing

/// Issue 20, point 3: the record shows how a pass came about: the number of attempts and the first attempt's score
/// beside the best, in the progress table, CSV and JSON, and on the certificate.
@Suite final class AttemptsRecordTests {
    let folders = TemporaryFolders()

    /// Bob fails L1 on day 2 (the fixture), then passes it in a second attempt.
    func store() throws -> (data: String, bank: String) {
        let data = try WorkshopFixture.makeStore()
        folders.track(data)
        let bank = try WorkshopFixture.writeBank(to: try folders.make("lookout-bank"))
        let store = try ProgressStore.open(directory: data)
        let bob = try #require(try store.learner(named: "Bob"))
        let attempt = Attempt(id: "att-bob-2", learnerID: bob.id, lessonID: "L1", startedAt: WorkshopFixture.day2 + 86_400_000)
        var events: [AnswerEvent] = []
        for (scenario, question, chosen) in [("s1", "q1", ["o1", "o2"]), ("s1", "q2", ["a1"]), ("s2", "q1", []), ("s2", "q2", ["a1"])] {
            events.append(AnswerEvent(id: "ev-bob2-\(events.count)", learnerID: bob.id, attemptID: attempt.id, lessonID: "L1",
                                      scenarioID: scenario, scenarioRev: 1, questionID: question, chosen: chosen, credit: 0,
                                      action: nil, time: attempt.startedAt + Int64(events.count + 1) * 1000, isRepeat: false))
        }
        try store.importRecords(learners: [], attempts: [attempt], events: events)
        try store.close()
        return (data, bank)
    }

    @Test func theCSVTableJSONAndCertificateCarryAttemptsAndTheFirstScore() throws {
        let (data, bank) = try store()
        let csv = try Lookout.run(["progress", "--learner", "Bob", "--format", "csv", "--data-dir", data, "--bank", bank])
        #expect(csv.status == 0, "\(csv.stderr)")
        let rows = try #require(RFC4180.parse(csv.stdout))
        let header = try #require(rows.first)
        let attempts = try #require(header.firstIndex(of: "attempts"))
        let first = try #require(header.firstIndex(of: "first_score_percent"))
        let l1 = try #require(rows.first { $0.count > 2 && $0[1] == "lesson" && $0[2] == "L1" })
        #expect(l1[3] == "passed")
        #expect(l1[attempts] == "2")
        #expect(l1[first] == "12.5")
        #expect(rows.allSatisfy { $0.count == header.count })

        let table = try Lookout.run(["progress", "--learner", "Bob", "--data-dir", data, "--bank", bank])
        #expect(table.stdout.contains("passed           best 100% 2 attempts, first 12%"), "\(table.stdout)")
        let json = try Lookout.run(["progress", "--learner", "Bob", "--format", "json", "--data-dir", data, "--bank", bank])
        #expect(json.stdout.contains("\"attempts\":2") && json.stdout.contains("\"firstScorePercent\":12.5"))

        let certificate = try Lookout.run(["certificate", "--learner", "Bob", "--lesson", "L1", "--data-dir", data, "--bank", bank])
        #expect(certificate.status == 0, "\(certificate.stderr)")
        #expect(certificate.stdout.contains("2 (first attempt: 12%)"), "\(certificate.stdout)")
    }

    @Test func xAPIVerdictsCarryTheAttemptNumberAndTheFirstScore() throws {
        let (data, bank) = try store()
        let out = try Lookout.run(["export", "--format", "xapi", "--out", "-", "--homepage", "https://example.org",
                                   "--data-dir", data, "--bank", bank])
        #expect(out.status == 0, "\(out.stderr)")
        #expect(out.stdout.contains("\"urn:lookout:ext:attempt-number\":2"), "\(out.stdout.prefix(300))")
        #expect(out.stdout.contains("\"urn:lookout:ext:first-attempt-score\":0.125"))
    }
}
