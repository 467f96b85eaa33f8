import LookoutCore
@testable import LookoutUI
import Testing

/// Issue 20 in the navigator: the first screen's rows, the PIN typed twice with its error next to the field, `r`
/// asking before it ends an attempt in progress, and the idle timeout (an injected clock, no sleeps).
@Suite struct SharedNavigatorTests {
    @Test func theFirstScreenOffersTheTeacherSetupOnlyBeforeAnyLearnerExists() {
        var fresh = Harness(learners: [])
        #expect(fresh.trainer.learnerRows == [.newLearner, .facilitator, .teacherSetup])
        fresh.press(.character("3"))
        #expect(fresh.trainer.screen == .facilitatorPassphrase(length: 0, firstTime: true, confirming: false))
        fresh.type("class of 2026")
        fresh.press(.enter)
        #expect(fresh.trainer.screen == .facilitatorPassphrase(length: 0, firstTime: true, confirming: true))
        fresh.type("class of 2026")
        fresh.press(.enter)
        #expect(fresh.passphrase == "class of 2026")
        let two = Harness(learners: [Harness.dara, Harness.sokha])
        #expect(two.trainer.learnerRows == [.learner(Harness.dara), .learner(Harness.sokha), .newLearner, .facilitator])
    }

    @Test func aNewPINIsTypedTwiceAndAMismatchIsSaidNextToTheField() {
        var harness = Harness(learners: [])
        harness.press(.enter)                        // new learner
        harness.type("Maly")
        harness.press(.enter)
        harness.type("4821")
        harness.press(.enter)
        #expect(harness.trainer.confirmingPIN)
        harness.type("4812")
        harness.press(.enter)
        #expect(harness.trainer.learner == nil)
        #expect(harness.trainer.message == "the two PINs were not the same; choose the PIN again")
        // The message is drawn in the body, next to the field, not only in the status line.
        let frame = harness.render(80, 24).textSnapshot
        let lines = frame.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.dropLast(2).contains { $0.contains("the two PINs were not the same") }, "\(frame)")
        harness.type("4821")
        harness.press(.enter)
        harness.type("4821")
        harness.press(.enter)
        #expect(harness.trainer.learner?.name == "Maly")
        #expect(harness.pins.values.contains("4821"))
    }

    @Test func rAsksBeforeItEndsAnAttemptInProgress() {
        var harness = Harness.inLesson(1)
        harness.press(.space, .enter)                // answer the first question
        harness.press(.escape)                       // leave: the attempt is unfinished
        guard case .lessons = harness.trainer.screen else { Issue.record("\(harness.trainer.screen)"); return }
        let attempt = harness.events.last?.attemptID
        harness.press(.character("r"))
        guard case .confirmRestart = harness.trainer.overlay else { Issue.record("no question: \(String(describing: harness.trainer.overlay))"); return }
        harness.press(.character("n"))
        #expect(harness.trainer.overlay == nil && harness.trainer.run == nil)
        harness.press(.character("r"), .character("y"))
        #expect(harness.trainer.run != nil && harness.trainer.run?.attempt.id != attempt)
    }

    @Test func anIdleTrainerGoesBackToTheListOfNames() {
        var harness = Harness.inLesson(1)
        harness.press(.space)
        #expect(harness.trainer.learner != nil)
        let last = harness.trainer.now
        // One millisecond short of five minutes: nothing happens.
        let early = harness.trainer.idle(last + Navigator.defaultIdleTimeout - 1)
        #expect(!early)
        #expect(harness.trainer.learner != nil)
        let went = harness.trainer.idle(last + Navigator.defaultIdleTimeout)
        #expect(went)
        #expect(harness.trainer.learner == nil && harness.trainer.run == nil)
        #expect(harness.trainer.screen == .learners(selected: 0))
        let frame = harness.render(80, 24).textSnapshot
        #expect(!frame.contains("Front desk") && frame.contains("Back to the names: 5 min without a key."), "\(frame)")
        // On the list of names with nobody chosen, idling does nothing.
        let again = harness.trainer.idle(last + 3 * Navigator.defaultIdleTimeout)
        #expect(!again)
        // Configurable, and 0 turns it off.
        var other = Harness.ready()
        other.trainer.idleTimeout = 60_000
        let minute = other.trainer.idle(other.trainer.now + 60_000)
        #expect(minute)
        var never = Harness.ready()
        never.trainer.idleTimeout = 0
        let off = never.trainer.idle(never.trainer.now + 100 * 60_000)
        #expect(!off)
    }
}
