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
        let talk = try PlainConversation(["train", "--plain", "--bank", bank, "--data-dir", data, "--learner", "Dara", "--review",
                                          "--track", "hospitality"])
        try talk.wait(for: "Nothing to practise today")
        talk.send("q")
        let output = talk.finish()
        #expect(output.status == 0, "\(output.stderr)")
    }

    @Test func reviewRunsAndShowsWhatMoved() throws {
        let (bank, data) = try TestBank.make("review-bus", extra: ["bus.txt": Self.bus])
        let talk = try PlainConversation(["train", "--plain", "--bank", bank, "--data-dir", data, "--learner", "Dara", "--review",
                                          "--track", "hospitality"])
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

    /// A school scene and a school lesson beside the hospitality bus scene.
    static let school = """
        scenario: playground
        rev: 1
        title: A new pupil at the gate
        audiences: school
        region: any
        language: en
        trafficking: no
        sources: s
        story: A new pupil waits at the school gate for her aunt, who is late.
        question: q1 single
        ask: What is the best thing to do?
        (*) o1: Wait with her and tell a teacher.
            act: tell-supervisor
            why: A trusted adult helps.
        ( ) o2: Walk away.
            act: ignore
            why: She may need help.

        lesson: s1
        title: School lesson
        audience: school
        kind: practice
        pass-mark: 70
        scenarios: playground

        """

    /// Issue 20 point 9: a new learner (no answers) with `--review` and no `--track` is asked to choose a track
    /// first, and gets no review drawn from the whole bank or from another track; nothing is written.
    @Test func newLearnerWithoutTrackChoosesATrackFirst() throws {
        let (bank, data) = try TestBank.make("review-new", extra: ["bus.txt": Self.bus, "school.txt": Self.school])
        let talk = try PlainConversation(["train", "--plain", "--bank", bank, "--data-dir", data, "--learner", "Dara", "--review"])
        try talk.wait(for: "Choose your track first: \"Practise my weak signs\" is at the end of its lessons.")
        try talk.wait(for: "Switch learner")
        talk.send("q")
        let output = talk.finish()
        #expect(output.status == 0, "\(output.stderr)")
        #expect(!output.stdout.contains("== A night bus from Poipet =="))
        #expect(!output.stdout.contains("== A new pupil at the gate =="))
        let store = try ProgressStore.open(directory: data)
        defer { try? store.close() }
        #expect(try store.allEvents().isEmpty)
        #expect(try store.allAttempts().isEmpty)
    }

    /// `--track school --review` for a new pupil draws from the school track only (never the hospitality bus scene),
    /// and `--track hospitality` from the hospitality track only.
    @Test func reviewDrawsFromTheChosenTrack() throws {
        let (bank, data) = try TestBank.make("review-track", extra: ["bus.txt": Self.bus, "school.txt": Self.school])
        let pupil = try PlainConversation(["train", "--plain", "--bank", bank, "--data-dir", data, "--learner", "Sophea",
                                           "--review", "--track", "school"])
        try pupil.wait(for: "== A new pupil at the gate ==")
        pupil.send("q")
        let first = pupil.finish()
        #expect(first.status == 0, "\(first.stderr)")
        #expect(!first.stdout.contains("A night bus from Poipet"))

        let adult = try PlainConversation(["train", "--plain", "--bank", bank, "--data-dir", data, "--learner", "Dara",
                                           "--review", "--track", "hospitality"])
        try adult.wait(for: "== A night bus from Poipet ==")
        adult.send("q")
        let second = adult.finish()
        #expect(second.status == 0, "\(second.stderr)")
        #expect(!second.stdout.contains("A new pupil at the gate"))
    }

    /// A learner who worked on a school lesson gets the school track's review without `--track`.
    @Test func reviewFollowsTheLessonWorkedOnLast() throws {
        let (bank, data) = try TestBank.make("review-last", extra: ["bus.txt": Self.bus, "school.txt": Self.school])
        let lesson = try PlainConversation(["train", "--plain", "--bank", bank, "--data-dir", data, "--learner", "Sophea",
                                            "--lesson", "s1"])
        try lesson.wait(for: "== A new pupil at the gate ==")
        // Answered badly, the scene is due again at once (Leitner box 1); its second try is a repeat.
        try lesson.answer(["Walk away."])
        try lesson.answer(["Wait with her and tell a teacher."])
        try lesson.wait(for: "Lesson finished")
        #expect(lesson.finish().status == 0)

        let talk = try PlainConversation(["train", "--plain", "--bank", bank, "--data-dir", data, "--learner", "Sophea", "--review"])
        try talk.wait(for: "== A new pupil at the gate ==")
        talk.send("q")
        let output = talk.finish()
        #expect(output.status == 0, "\(output.stderr)")
        #expect(!output.stdout.contains("A night bus from Poipet"))
        #expect(!output.stdout.contains("Choose your track first"))
    }

    @Test func trackWithoutReviewIsRefused() throws {
        let (bank, data) = try TestBank.make("review-track-only")
        let out = try Lookout.run(["train", "--plain", "--bank", bank, "--data-dir", data, "--track", "school"])
        #expect(out.status == 64)
        #expect(out.stderr.contains("--track is used with --review"))
    }
}
