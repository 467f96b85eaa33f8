import LookoutTestSupport
import Foundation
import LookoutCore
import LookoutStore
import Testing

@Suite struct ProgressCommandTests {
    /// A two-scenario bank written to disk, and a store with hand-made answers.
    func setUp() throws -> (bank: String, data: String) {
        let dir = try Lookout.temporaryDirectory("progress")
        let bank = dir + "/bank"
        try FileManager.default.createDirectory(atPath: bank, withIntermediateDirectories: true)
        try """
        source: s
        title: Source
        publisher: P
        year: 2020

        indicator: doc-held
        category: documents-money
        title: ID held
        strength: strong
        audiences: hospitality
        sources: s
        explain: Papers held.

        indicator: fear
        category: behaviour
        title: Fear
        strength: weak
        audiences: hospitality
        sources: s
        explain: Fear.

        scenario: desk
        rev: 1
        title: Desk
        audiences: hospitality
        region: any
        language: en
        trafficking: yes
        sources: s
        story: A man keeps their IDs.
        question: q1 multi
        ask: Signs?
        [x] o1: IDs kept.
            ind: doc-held
            why: Control.
        [ ] o2: Late.
            near: fear
            why: Ordinary.
        question: q2 single
        ask: Do?
        (*) a1: Tell the manager.
            act: tell-supervisor
            why: Safe.
        ( ) a2: Confront.
            act: unsafe-confront
            why: Risky.

        lesson: l1
        title: Lesson one
        audience: hospitality
        pass-mark: 80
        scenarios: desk
        """.write(toFile: bank + "/bank.txt", atomically: true, encoding: .utf8)
        let data = dir + "/data"
        let store = try ProgressStore.open(directory: data)
        let dara = try store.addLearner(name: "Dara, \"D\"", at: 1000, id: "L1")
        let attempt = try store.startAttempt(learnerID: dara.id, lessonID: "l1", at: 1000, id: "A1")
        // q1: ticked the sign and the look-alike (credit 1 - 1 = 0); q2: confronted (unsafe).
        try store.append(AnswerEvent(id: "E1", learnerID: dara.id, attemptID: attempt.id, lessonID: "l1", scenarioID: "desk",
                                     scenarioRev: 1, questionID: "q1", chosen: ["o1", "o2"], credit: 0, action: nil, time: 2000, isRepeat: false))
        try store.append(AnswerEvent(id: "E2", learnerID: dara.id, attemptID: attempt.id, lessonID: "l1", scenarioID: "desk",
                                     scenarioRev: 1, questionID: "q2", chosen: ["a2"], credit: 0, action: .unsafeConfront, time: 3000, isRepeat: false))
        // An answer to a scenario that has since left the bank.
        try store.append(AnswerEvent(id: "E3", learnerID: dara.id, attemptID: nil, lessonID: nil, scenarioID: "gone",
                                     scenarioRev: 1, questionID: "q1", chosen: [], credit: 1, action: nil, time: 4000, isRepeat: false))
        _ = try store.addLearner(name: "សុខា", at: 1001, id: "L2")
        try store.close()
        return (bank, data)
    }

    @Test func jsonFigures() throws {
        let (bank, data) = try setUp()
        let output = try Lookout.run(["progress", "--bank", bank, "--data-dir", data, "--format", "json"])
        #expect(output.status == 0, "\(output.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any])
        #expect(json["format"] as? String == "lookout-progress")
        let learners = try #require(json["learners"] as? [[String: Any]])
        #expect(learners.map { $0["name"] as? String } == ["Dara, \"D\"", "សុខា"])
        let progress = try #require(learners[0]["progress"] as? [String: Any])
        #expect(progress["unsafeChoices"] as? Int == 1)
        let overall = try #require(progress["overall"] as? [String: Any])
        // One sign ticked (hit) and one look-alike ticked (false alarm).
        #expect(overall["hits"] as? Int == 1)
        #expect(overall["falseAlarms"] as? Int == 1)
        #expect(overall["hitRate"] as? Double == 1.0)
        #expect(overall["falseAlarmRate"] as? Double == 1.0)
        let retired = try #require(progress["retiredScenarios"] as? [[String: Any]])
        #expect(retired.map { $0["scenarioID"] as? String } == ["gone"])
    }

    @Test func csvQuotesNamesAndTableNamesLearner() throws {
        let (bank, data) = try setUp()
        let csv = try Lookout.run(["progress", "--bank", bank, "--data-dir", data, "--format", "csv", "--learner", "Dara, \"D\""])
        #expect(csv.status == 0)
        let lines = csv.stdout.components(separatedBy: "\r\n")
        #expect(lines[0].hasPrefix("learner,kind,id,status"))
        #expect(lines[1].hasPrefix("\"Dara, \"\"D\"\"\",lesson,l1,"))
        let table = try Lookout.run(["progress", "--bank", bank, "--data-dir", data, "--learner", "សុខា"])
        #expect(table.status == 0)
        #expect(table.stdout.contains("Learner: សុខា"))
        #expect(table.stdout.contains("l1"))
    }

    @Test func unknownLearnerAndBrokenBankAreClearErrors() throws {
        let (bank, data) = try setUp()
        let unknown = try Lookout.run(["progress", "--bank", bank, "--data-dir", data, "--learner", "Nobody"])
        #expect(unknown.status == 65)
        #expect(unknown.stderr.contains("no learner named 'Nobody'"))
        try "bogus\n".write(toFile: bank + "/broken.txt", atomically: true, encoding: .utf8)
        let broken = try Lookout.run(["progress", "--bank", bank, "--data-dir", data])
        #expect(broken.status == 65)
        #expect(broken.stderr.contains("run 'lookout check"))
    }
}
