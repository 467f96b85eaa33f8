import LookoutCore
@testable import LookoutUI
import Testing

/// The navigator by keys: focus, scrolling, text entry, overlays and the key map. What the keys mean for the lesson
/// is the session's business (see TrainingSessionTests).
@Suite struct NavigatorTests {
    @Test func overlaysAndQuitting() {
        var harness = Harness.ready()
        harness.press(.character("?"))
        #expect(harness.trainer.overlay == .help(scroll: 0))
        harness.press(.down)
        #expect(harness.trainer.overlay == .help(scroll: 1))
        harness.press(.character("s"))
        #expect(harness.trainer.overlay == .support(scroll: 0))
        harness.press(.escape)
        #expect(harness.trainer.overlay == nil)
        harness.press(.character("q"))
        #expect(harness.trainer.overlay == .confirmQuit)
        harness.press(.character("n"))
        #expect(harness.trainer.overlay == nil)
        #expect(!harness.trainer.finished)
        harness.press(.character("q"), .character("y"))
        #expect(harness.trainer.finished)
    }

    @Test func escTwiceWithinTheWindowIsTheQuickExitAndOnceGoesBack() {
        var harness = Harness.inLesson(1)
        #expect(harness.trainer.currentQuestion != nil)
        // Two presses a second apart: two single Esc presses (leave the lesson, then back to the tracks).
        harness.press(.escape)
        #expect(harness.trainer.screen == .lessons(.hospitality, selected: 0))
        #expect(!harness.trainer.finished)
        // Two presses 100 ms apart: the quick exit, wherever it happens.
        var effects = harness.trainer.press(.escape, SessionEnvironment(now: 50_000_000, newID: "a"))
        effects += harness.trainer.press(.escape, SessionEnvironment(now: 50_000_100, newID: "b"))
        #expect(effects.contains(.quickExit))
        #expect(harness.trainer.finished)
    }

    @Test func quickExitWorksWhileTypingASecret() {
        var harness = Harness(learners: [Harness.dara], pins: ["L1": "2468"])
        harness.press(.enter)
        #expect(harness.trainer.screen == .learnerPIN(name: "Dara", length: 0))
        harness.type("q?s")
        #expect(harness.trainer.screen == .learnerPIN(name: "Dara", length: 3))
        #expect(harness.trainer.overlay == nil)
        #expect(harness.trainer.quickExit() == [.quickExit])
        #expect(harness.trainer.finished)
    }

    @Test func aPINIsTypedAsDotsAndAWrongOneShowsACountdown() {
        var harness = Harness(learners: [Harness.dara], pins: ["L1": "2468"])
        harness.press(.enter)
        harness.type("1357")
        harness.press(.enter)
        #expect(harness.trainer.screen == .learnerPIN(name: "Dara", length: 0))
        #expect(harness.trainer.message?.hasPrefix("wrong, try again in") == true)
        let frame = harness.render(80, 24)
        #expect(!frame.snapshot.contains("1357"))
        // After the wait, the right PIN opens the learner's menu.
        harness.counter += 10
        harness.type("2468")
        harness.press(.enter)
        #expect(harness.trainer.screen == .tracks(selected: 0))
    }

    @Test func aNewLearnerMayChooseAPIN() {
        var harness = Harness(learners: [])
        harness.press(.enter)
        harness.type("Mey")
        harness.press(.enter)
        #expect(harness.trainer.screen == .newLearnerPIN(name: "Mey", length: 0))
        harness.type("98765")
        #expect(harness.trainer.screen == .newLearnerPIN(name: "Mey", length: 5))
        harness.press(.enter)
        // Typed twice (issue 20), so a typo cannot lock the learner out.
        #expect(harness.trainer.confirmingPIN)
        harness.type("98765")
        harness.press(.enter)
        #expect(harness.trainer.screen == .tracks(selected: 0))
        #expect(harness.pins.values.contains("98765"))
    }

    @Test func typingAnExistingNameAsks() {
        var harness = Harness(learners: [Harness.dara])
        harness.press(.down, .enter)
        harness.type("Dara")
        harness.press(.enter)
        #expect(harness.trainer.screen == .nameTaken(name: "Dara", selected: 0))
        #expect(harness.trainer.learner == nil)
        harness.press(.character("n"))
        #expect(harness.trainer.screen == .newLearner(name: "Dara"))
    }

    @Test func resizeKeepsTheAnswerInProgress() {
        var harness = Harness.inLesson(1)
        harness.press(.down, .space)
        let before = harness.trainer.screen
        harness.resize(40, 12)
        #expect(harness.trainer.screen == before)
        #expect(harness.trainer.width == 40 && harness.trainer.height == 12)
        #expect(harness.trainer.screen == .question(QuestionState(questionIndex: 0, focus: 1, ticked: ["o2"])))
    }

    @Test func homeAndEndMoveTheFocusAndNeverTickOrQuit() {
        var harness = Harness.inLesson(1)
        harness.press(.end)
        #expect(harness.trainer.screen == .question(QuestionState(questionIndex: 0, focus: 1)))
        harness.press(.home, .home)
        #expect(harness.trainer.screen == .question(QuestionState(questionIndex: 0, focus: 0)))
        #expect(!harness.trainer.finished)
    }

    @Test func switchingLearnerForgetsTheFirstLearnersProgress() {
        var harness = Harness.ready()
        harness.press(.end, .enter)
        #expect(harness.trainer.screen == .learners(selected: 0))
        #expect(harness.trainer.learner == nil)
        #expect(harness.trainer.progress == nil)
    }

    /// PgDn moves exactly one page of the frame just drawn, so no line is skipped, and scrolling stops at the end.
    @Test func pageDownShowsEveryLineAndStopsAtTheEnd() {
        for (width, height) in [(40, 12), (80, 24)] {
            var harness = Harness.inLesson(2)                  // the long kitchen scene
            let total = QuestionScreen.scene(harness.trainer.currentScenario!, width: width - 2,
                                             ViewContext(navigator: harness.trainer, theme: Theme(capabilities: .init()))).count
            var seen = Set<String>()
            var frame = harness.draw(width, height)
            for _ in 0..<40 {
                for line in frame.textLines { seen.insert(line) }
                harness.press(.pageDown)
                frame = harness.draw(width, height)
            }
            guard case .question(let state) = harness.trainer.screen, let geometry = frame.scroll else {
                Issue.record("not a question")
                return
            }
            #expect(state.scroll == geometry.maxScroll, "scroll is clamped at \(width)x\(height)")
            let scene = QuestionScreen.scene(harness.trainer.currentScenario!, width: width - 2,
                                             ViewContext(navigator: harness.trainer, theme: Theme(capabilities: .init())))
            for index in 0..<total {
                let line = scene.lines[index].spans.map(\.text).joined().trimmingTrailingSpaces()
                if line.isEmpty { continue }
                #expect(seen.contains { $0.contains(line) }, "line \(index) '\(line)' never shown at \(width)x\(height)")
            }
        }
    }
}

extension String {
    func trimmingTrailingSpaces() -> String {
        var s = Substring(self)
        while s.last == " " { s = s.dropLast() }
        return String(s)
    }
}
