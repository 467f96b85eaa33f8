import LookoutTestSupport
import Foundation
import LookoutCore
import LookoutStore
import Testing

/// `lookout train --plain --review` on the test bank. Its lesson l1 is a final (desk, couple), so practice may not
/// use those scenes; with one more scene (bus) the review has exactly one candidate.
@Suite struct ReviewCommandTests {
    static let bus = """
        scenario: bus
        rev: 1
        title: A night bus from Poipet
        audiences: hospitality
        region: any
        language: en
        trafficking: yes
        sources: s
        story: A man holds the ID cards of four young passengers on a night bus.
        question: q1 multi
        ask: Which details are warning signs?
        [x] o1: He holds their ID cards.
            ind: doc-held
            why: Control of documents.
        [ ] o2: They look tired.
            near: fear
            why: A night bus is tiring.

        """

    @Test func nothingDueSaysSo() throws {
        let (bank, data) = try TestBank.make("review-none")
        let talk = try PlainConversation(["train", "--plain", "--bank", bank, "--data-dir", data, "--learner", "Dara", "--review"])
        try talk.wait(for: "Nothing to practise today")
        talk.send("q")
        let output = talk.finish()
        #expect(output.status == 0, "\(output.stderr)")
    }

    @Test func reviewRunsAndShowsWhatMoved() throws {
        let (bank, data) = try TestBank.make("review-bus", extra: ["bus.txt": Self.bus])
        let talk = try PlainConversation(["train", "--plain", "--bank", bank, "--data-dir", data, "--learner", "Dara", "--review"])
        try talk.wait(for: "== A night bus from Poipet ==")
        try talk.answer(["He holds their ID cards."])
        try talk.wait(for: "Signs that moved toward mastered:")
        let output = talk.finish()
        #expect(output.status == 0, "\(output.stderr)")
        #expect(output.stdout.contains("== Lesson finished: Practise my weak signs =="))
        #expect(output.stdout.contains("- Someone else holds their ID: 20% → 60%"))
        let store = try ProgressStore.open(directory: data)
        defer { try? store.close() }
        let events = try store.allEvents()
        #expect(events.count == 1)
        #expect(events.first?.lessonID?.hasPrefix("review-") == true && events.first?.scenarioID == "bus")
        #expect(try store.allAttempts().first?.lessonID == events.first?.lessonID)
    }

    /// The lesson list of plain mode ends with the review: Hospitality, then row 3 after lessons l1 and l2.
    @Test func plainMenuHasTheReview() throws {
        let (bank, data) = try TestBank.make("review-menu", extra: ["bus.txt": Self.bus])
        let talk = try PlainConversation(["train", "--plain", "--bank", bank, "--data-dir", data, "--learner", "Dara"])
        try talk.wait(for: "Switch learner")
        talk.send("1")
        try talk.wait(for: "3. Practise my weak signs")
        talk.send("3")
        try talk.wait(for: "== A night bus from Poipet ==")
        talk.send("q")
        let output = talk.finish()
        #expect(output.status == 0, "\(output.stderr)")
    }

    @Test func reviewAndLessonTogetherAreRefused() throws {
        let (bank, data) = try TestBank.make("review-both")
        let out = try Lookout.run(["train", "--plain", "--bank", bank, "--data-dir", data, "--review", "--lesson", "l1"])
        #expect(out.status == 64)
        #expect(out.stderr.contains("--review and --lesson cannot be used together"))
    }
}
