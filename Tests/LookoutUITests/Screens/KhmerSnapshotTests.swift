import LookoutCore
@testable import LookoutUI
import Testing

/// The main screens with the Khmer catalog at 80x24 (and 40x12), compared with files in Snapshots/ (`*-km-*`).
/// Scenario text stays English until the scenarios are translated (after the bank's second edition).
@Suite struct KhmerSnapshotTests {
    @Test func learners() {
        Snapshots.check(Harness(learners: [Harness.dara, Harness.sokha], strings: .khmer), "km-learners")
    }

    @Test func tracks() {
        Snapshots.check(Harness.ready(strings: .khmer), "km-tracks")
    }

    @Test func multiSelectQuestion() {
        var harness = Harness.inLesson(1, strings: .khmer)
        harness.press(.space, .down)
        Snapshots.check(harness, "km-question-multi")
    }

    @Test func feedback() {
        var harness = Harness.inLesson(1, strings: .khmer)
        harness.press(.space, .enter)
        Snapshots.check(harness, "km-feedback")
    }

    @Test func helpOverlay() {
        var harness = Harness.ready(strings: .khmer)
        harness.press(.character("?"))
        Snapshots.check(harness, "km-help")
    }

    @Test func support() {
        var harness = Harness.ready(strings: .khmer)
        harness.press(.character("s"))
        Snapshots.check(harness, "km-support")
    }

    @Test func summary() {
        var harness = Harness.inLesson(1, strings: .khmer)
        harness.press(.space, .enter, .enter)
        harness.press(.enter, .enter)
        harness.press(.enter, .enter, .enter)
        guard case .summary = harness.trainer.screen else {
            Issue.record("no summary: \(harness.trainer.screen)")
            return
        }
        Snapshots.check(harness, "km-summary")
    }

    @Test func lessons() {
        var harness = Harness.ready(strings: .khmer)
        harness.press(.enter)
        Snapshots.check(harness, "km-lessons")
    }

    @Test func contentNote() {
        var harness = Harness.inLesson(4, strings: .khmer)
        #expect(harness.trainer.screen == .contentNote(selected: 0))
        Snapshots.check(harness, "km-content-note")
    }

    @Test func progress() {
        var harness = Harness.ready(strings: .khmer)
        harness.press(.character("2"))
        Snapshots.check(harness, "km-progress")
    }

    @Test func newLearner() {
        var harness = Harness(learners: [Harness.dara], strings: .khmer)
        harness.press(.down, .enter)
        harness.type("Srey Pov")
        Snapshots.check(harness, "km-new-learner")
    }
}
