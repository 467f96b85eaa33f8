import LookoutCore
@testable import LookoutUI
import Testing

/// The trainer's class results (the facilitator's protected view) list the scenes each learner skipped after their
/// content note, under the heat map, with the reminder that a skip is never a failure; projector mode shows none.
@Suite struct FacilitatorSkipTests {
    @Test func theHeatMapViewListsSkipsExceptInProjectorMode() throws {
        let text = ScreenFixture.text + """


            lesson: l5
            title: Lesson five
            audience: hospitality
            kind: final
            pass-mark: 75
            scenarios: couple, desk
            """
        let bank = BankLoader.load(files: [(path: "bank.txt", bytes: Array(text.utf8))]).bank
        // Dara skipped the couple (content note) and answered the desk scene after it.
        let events = [("q1", ["o1"]), ("q2", ["a1"])].enumerated().map { i, answer in
            AnswerEvent(id: "e\(i)", learnerID: "L1", attemptID: "A", lessonID: "l5", scenarioID: "desk", scenarioRev: 1,
                        questionID: answer.0, chosen: answer.1, credit: 1, action: nil, time: 1_000 + Int64(i), isRepeat: false)
        }
        var harness = Harness(bank: bank, learners: [Harness.dara], events: events)
        harness.press(.enter)                                            // Dara
        let index = try #require(harness.trainer.trackMenu.firstIndex(of: .facilitator))
        for _ in 0..<index { harness.press(.down) }
        harness.press(.enter)                                            // class results (one learner: no passphrase)
        #expect(harness.trainer.classReport?.learners.first?.skipped.map(\.scenarioID) == ["couple"])
        let screen = harness.render(100, 60).snapshot
        #expect(screen.contains("Skipped scenes (for the facilitator only)"), "\(screen)")
        #expect(screen.contains("Dara: A couple at 1 am"))
        #expect(screen.contains("never a failure"))
        harness.press(.character("a"))                                   // projector mode
        #expect(harness.trainer.facilitatorAnonymous)
        let projected = harness.render(100, 60).snapshot
        #expect(!projected.contains("Skipped"))
        #expect(!projected.contains("A couple at 1 am"))
    }
}
