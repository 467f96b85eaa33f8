import Foundation
import LookoutCore
import LookoutUI
import Testing

/// The facilitator's third view, the debrief, and its projector mode (key `a`), at 80x24 and at 120x35.
@Suite struct DebriefScreenTests {
    /// The screen fixture's bank with lesson one as the track's intro and lesson four as its final, so the gain has
    /// rows.
    static let bank: Bank = {
        let text = ScreenFixture.text
            .replacingOccurrences(of: "title: Lesson one\n", with: "title: Lesson one\nkind: intro\n")
            .replacingOccurrences(of: "title: Lesson four\n", with: "title: Lesson four\nkind: final\n")
        return BankLoader.load(files: [(path: "bank.txt", bytes: Array(text.utf8))],
                               options: ValidationOptions(today: CalendarDate(year: 2026, month: 12, day: 1))).bank
    }()

    /// Dara answers lesson 1 (a false alarm, a miss and an unsafe choice), then the facilitator opens the results.
    static func facilitator() -> Harness {
        var first = Harness(bank: bank, learners: [Harness.dara, Harness.sokha])
        first.press(.enter)
        first.press(.enter, .character("1"))
        first.press(.space, .enter, .enter, .character("2"), .enter, .enter, .enter, .enter, .enter)
        var second = Harness(bank: bank, learners: [Harness.dara, Harness.sokha], events: first.events)
        second.press(.enter)
        // No passphrase set: the results open (a learner is never asked to choose one; issue 20).
        second.press(.down, .down, .enter)
        return second
    }

    static func check(_ harness: Harness, _ name: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        for (w, h) in [(80, 24), (120, 35)] {
            Snapshots.check(harness.render(w, h), "\(name)-\(w)x\(h)", sourceLocation: sourceLocation)
        }
    }

    @Test func tabAndDigitsReachTheDebrief() {
        var harness = Self.facilitator()
        #expect(harness.trainer.screen == .facilitator(.heatMap, scroll: 0))
        harness.press(.tab, .tab)
        #expect(harness.trainer.screen == .facilitator(.debrief, scroll: 0))
        harness.press(.tab)
        #expect(harness.trainer.screen == .facilitator(.heatMap, scroll: 0))
        harness.press(.left)
        #expect(harness.trainer.screen == .facilitator(.debrief, scroll: 0))
        harness.press(.character("2"))
        #expect(harness.trainer.screen == .facilitator(.hardest, scroll: 0))
        harness.press(.character("3"))
        #expect(harness.trainer.screen == .facilitator(.debrief, scroll: 0))
        #expect(harness.trainer.debrief?.learners == 1)
        harness.press(.escape)
        #expect(harness.trainer.debrief == nil && harness.trainer.gain == nil)
    }

    @Test func debriefSnapshots() {
        var harness = Self.facilitator()
        harness.press(.character("3"))
        Self.check(harness, "facilitator-debrief")
        _ = harness.draw(80, 24)
        harness.press(.pageDown)
        Self.check(harness, "facilitator-debrief-page2")
        harness.press(.character("a"))
        #expect(harness.trainer.facilitatorAnonymous)
        Self.check(harness, "facilitator-debrief-anonymous")
    }

    /// Projector mode: no frame of any view at either size, scrolled to any line, shows a learner's name.
    @Test func anonymousModeDrawsNoName() {
        var harness = Self.facilitator()
        harness.press(.character("a"))
        #expect(harness.trainer.facilitatorAnonymous)
        for view: TrainerKey in [.character("1"), .character("2"), .character("3")] {
            harness.press(view)
            for (w, h) in [(80, 24), (120, 35), (40, 12)] {
                harness.press(.home)
                for _ in 0..<40 {
                    let frame = harness.draw(w, h).textSnapshot
                    for learner in harness.trainer.learners {
                        #expect(!frame.contains(learner.name), "\(learner.name) shown at \(w)x\(h)")
                    }
                    harness.press(.down)
                }
            }
        }
        // Names come back with `a` again (the gain lists the learner who answered).
        harness.press(.character("a"), .character("3"), .home)
        var seen = false
        for _ in 0..<80 {
            if harness.draw(80, 24).textSnapshot.contains(Harness.dara.name) { seen = true; break }
            harness.press(.down)
        }
        #expect(!harness.trainer.facilitatorAnonymous)
        #expect(harness.trainer.gain?.tracks.first?.learners.map(\.name) == [Harness.dara.name])
        #expect(seen)
    }
}

/// "Practise my weak signs" in the full-screen trainer: the last row of a track's lessons.
@Suite struct ReviewScreenTests {
    @Test func reviewRowStartsAReviewAndTheSummarySaysWhatMoved() {
        var harness = Harness.ready()
        harness.press(.enter)                                  // the hospitality track: four lessons, then the review
        guard case .lessons(_, let selected) = harness.trainer.screen else {
            Issue.record("not on the lessons: \(harness.trainer.screen)")
            return
        }
        #expect(selected == 0)
        harness.press(.end)
        #expect(harness.trainer.screen == .lessons(.hospitality, selected: 4))
        Snapshots.check(harness, "lessons-review-row")
        harness.press(.enter)
        let plan = harness.trainer.session.review
        #expect(plan?.lesson.id.hasPrefix("review-") == true)
        #expect(plan.map { harness.trainer.bank.lesson($0.lesson.id) == nil } == true)
        var steps = 0
        while steps < 300 {
            steps += 1
            switch harness.trainer.screen {
            case .contentNote: harness.press(.enter)
            case .question:
                if harness.trainer.currentQuestion?.kind == .single {
                    harness.press(.character("1"), .enter)
                } else {
                    harness.press(.enter)
                }
            case .feedback: harness.press(.enter)
            default: steps = 1_000
            }
        }
        guard case .summary(let result, _) = harness.trainer.screen else {
            Issue.record("no summary: \(harness.trainer.screen)")
            return
        }
        #expect(result.lessonID == plan?.lesson.id)
        let frame = harness.render(80, 24).textSnapshot
        let moved = harness.trainer.session.reviewMovement()
        if moved.isEmpty {
            #expect(frame.contains("No sign moved this time."))
        } else {
            #expect(frame.contains("Signs that moved toward mastered:"))
            #expect(frame.contains(moved[0].title))
        }
        Snapshots.check(harness, "review-summary")
        // Back on the lesson list, on the review row.
        harness.press(.enter)
        #expect(harness.trainer.screen == .lessons(.hospitality, selected: 4))
        #expect(harness.events.allSatisfy { $0.lessonID == plan?.lesson.id })
    }
}
