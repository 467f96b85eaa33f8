import LookoutCore
import LookoutText
@testable import LookoutUI
import Testing

/// Every screen and overlay as text (the cell grid, styles and cursor; never escape bytes) at 80x24 and 40x12,
/// compared with files in Snapshots/. Re-record with `RECORD_SNAPSHOTS=1 swift test --filter LookoutUITests`.
@Suite struct ScreenSnapshotTests {
    @Test func fixtureBankIsValid() {
        let errors = ScreenFixture.diagnostics.filter { $0.severity == .error }
        #expect(errors.isEmpty, "\(errors)")
        #expect(ScreenFixture.bank.lessons.count == 4)
    }

    @Test func learners() {
        let harness = Harness(learners: [Harness.dara, Harness.sokha])
        Snapshots.check(harness, "learners")
    }

    @Test func newLearner() {
        var harness = Harness(learners: [Harness.dara])
        harness.press(.down, .enter)
        harness.type("Srey Pov")
        Snapshots.check(harness, "new-learner")
    }

    @Test func emptyNameShowsTheMessage() {
        var harness = Harness(learners: [])
        harness.press(.enter, .enter)
        #expect(harness.trainer.message == UIStrings.english[.nameRequired])
        Snapshots.check(harness, "new-learner-message")
    }

    @Test func tracks() {
        Snapshots.check(Harness.ready(), "tracks")
    }

    /// Lessons with every status: passed, in progress, failed, new.
    @Test func lessonsWithEveryStatus() {
        var first = Harness.inLesson(1)
        first.press(.space, .enter, .enter)          // desk q1 right
        first.press(.enter, .enter)                  // q2: tell the manager
        first.press(.enter, .enter, .enter)          // couple: continue, submit with nothing ticked, continue
        guard case .summary(let result, _) = first.trainer.screen else {
            Issue.record("no summary: \(first.trainer.screen)")
            return
        }
        #expect(result.passed)
        first.press(.enter)
        first.press(.character("3"), .character("2"), .enter)   // lesson three: the unsafe answer → failed
        first.press(.enter, .character("n"))             // it comes back: move on to the summary
        guard case .summary(let failed, _) = first.trainer.screen else {
            Issue.record("no summary: \(first.trainer.screen)")
            return
        }
        #expect(!failed.passed)
        first.press(.enter)
        // Lesson two: one of two questions → in progress. Whether an attempt is finished follows the attempt's own
        // (shuffled) scene order (issue 20, point 8), so this part is answered in a session that shuffles, as the
        // trainer always does.
        var shuffled = Harness(learners: [Harness.dara, Harness.sokha], events: first.events, shuffles: true)
        shuffled.press(.enter, .enter, .character("2"), .space, .enter)
        var second = Harness.ready(events: shuffled.events)
        second.press(.enter, .down)
        #expect(second.trainer.screen == .lessons(.hospitality, selected: 1))
        Snapshots.check(second, "lessons")
    }

    @Test func contentNote() {
        var harness = Harness.inLesson(4)
        #expect(harness.trainer.screen == .contentNote(selected: 0))
        harness.press(.down)
        Snapshots.check(harness, "content-note")
    }

    @Test func multiSelectQuestion() {
        var harness = Harness.inLesson(1)
        harness.press(.space, .down)
        Snapshots.check(harness, "question-multi")
    }

    @Test func singleChoiceQuestion() {
        var harness = Harness.inLesson(1)
        harness.press(.space, .enter, .enter, .down)
        Snapshots.check(harness, "question-single")
    }

    @Test func longSceneScrolls() {
        var harness = Harness.inLesson(2)
        Snapshots.check(harness, "question-long")
        harness.press(.pageDown)
        Snapshots.check(harness, "question-long-scrolled")
        harness.press(.pageDown, .pageDown, .pageDown)
        Snapshots.check(harness, "question-long-end")
    }

    @Test func feedbackOnAMultiSelectAnswer() {
        var harness = Harness.inLesson(1)
        harness.press(.down, .space, .enter)      // ticked only the look-alike: a miss and a false alarm
        Snapshots.check(harness, "feedback-multi")
        harness.press(.pageDown)
        Snapshots.check(harness.render(40, 12), "feedback-multi-scrolled-40x12")
    }

    @Test func feedbackOnAnUnsafeChoice() {
        var harness = Harness.inLesson(1)
        harness.press(.space, .enter, .enter, .character("2"), .enter)   // a digit selects; Enter submits
        Snapshots.check(harness, "feedback-unsafe")
    }

    @Test func lessonSummary() {
        var harness = Harness.inLesson(1)
        harness.press(.down, .space, .enter, .enter)        // desk q1: false alarm and miss
        harness.press(.character("2"), .enter, .enter)      // q2: unsafe (a digit selects, Enter submits), continue
        harness.press(.enter, .enter, .enter)               // couple: continue, nothing ticked, continue
        #expect(harness.trainer.run?.queue.isRepeat == true) // desk comes back; move on
        harness.press(.character("n"))
        guard case .summary = harness.trainer.screen else {
            Issue.record("no summary: \(harness.trainer.screen)")
            return
        }
        Snapshots.check(harness, "summary")
    }

    /// The facilitator's class results: the heat map, then the hardest scenarios (Tab).
    @Test func facilitatorResults() {
        var first = Harness.inLesson(1)
        first.press(.space, .enter, .enter, .character("2"), .enter, .enter, .enter, .enter, .enter)
        var second = Harness.ready(events: first.events)
        second.press(.down, .down, .enter)
        // No passphrase is set: a learner is never asked to choose one (issue 20); the results open as they do at the
        // command line (the real driver withholds them below 3 active learners and leaves out learners with a PIN).
        #expect(second.trainer.screen == .facilitator(.heatMap, scroll: 0))
        #expect(second.passphrase == nil)
        Snapshots.check(second, "facilitator-heatmap")
        second.press(.tab)
        #expect(second.trainer.screen == .facilitator(.hardest, scroll: 0))
        Snapshots.check(second, "facilitator-hardest")
        second.press(.escape)
        #expect(second.trainer.classReport == nil)
    }

    /// With a passphrase set, the facilitator entry asks for it and shows dots only.
    @Test func facilitatorPassphrase() {
        var harness = Harness.ready(facilitatorLocked: true)
        harness.press(.down, .down, .enter)
        harness.type("secret")
        #expect(harness.trainer.screen == .facilitatorPassphrase(length: 6, firstTime: false, confirming: false))
        Snapshots.check(harness, "facilitator-passphrase")
        let frame = harness.render(80, 24).textSnapshot
        #expect(!frame.contains("secret"))
    }

    @Test func progress() {
        var first = Harness.inLesson(1)
        first.press(.space, .enter, .enter, .character("2"), .enter, .enter, .enter, .enter, .enter)
        var second = Harness.ready(events: first.events)
        second.press(.down, .enter)
        #expect(second.trainer.screen == .progress(scroll: 0))
        Snapshots.check(second, "progress")
    }

    @Test func helpOverlay() {
        var harness = Harness.inLesson(1)
        harness.press(.character("?"))
        Snapshots.check(harness, "help")
        harness.press(.pageDown)
        Snapshots.check(harness.render(40, 12), "help-scrolled-40x12")
    }

    @Test func supportOverlay() {
        var harness = Harness.inLesson(1)
        harness.press(.character("s"))
        Snapshots.check(harness, "support")
    }

    @Test func quitConfirmation() {
        var harness = Harness.inLesson(1)
        harness.press(.character("q"))
        Snapshots.check(harness, "confirm-quit")
    }

    @Test func repeatedScenarioOffersToMoveOn() {
        var harness = Harness.inLesson(4)
        harness.press(.enter, .character("1"), .character("2"), .enter, .enter)   // two false alarms: comes back
        #expect(harness.trainer.run?.queue.isRepeat == true)
        Snapshots.check(harness, "question-repeat")
    }

    @Test func khmerScene() {
        var harness = Harness.inLesson(2)
        harness.press(.space, .enter, .enter)
        #expect(harness.trainer.currentScenario?.id == "khmer")
        Snapshots.check(harness, "question-khmer")
    }

    @Test func chineseScene() {
        Snapshots.check(Harness.inLesson(3), "question-chinese")
    }

    @Test func asciiAndNoColour() {
        var harness = Harness.inLesson(1)
        harness.press(.space, .down)
        Snapshots.check(harness, "question-multi-ascii", utf8: false, colour: false)
        harness.press(.enter)
        Snapshots.check(harness, "feedback-multi-ascii", utf8: false, colour: false)
        Snapshots.check(Harness(learners: [Harness.dara]), "learners-ascii", utf8: false, colour: false)
    }

    @Test func belowTheMinimumSize() {
        let harness = Harness.inLesson(1)
        Snapshots.check(harness.render(39, 12), "too-small-39x12")
        Snapshots.check(harness.render(30, 8), "too-small-30x8")
    }
}
