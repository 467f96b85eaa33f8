import LookoutTestSupport
import Foundation
import LookoutCore
import LookoutApp
import Testing

/// Learners who answer by surface cues instead of reading pass no lesson of the shipped bank. Each strategy is
/// played through the real session (shuffled options and scenes, repeats left with "move on"), on several attempts.
@Suite struct CueStrategyTests {
    enum Strategy: String, CaseIterable {
        case tickNothing, tickEverything, tickNothingActionsRight, firstOption, lastOption, longestOption
    }

    static func bank() throws -> Bank {
        let result = BankLocator.load(root: Lookout.shippedBank)
        #expect(!result.hasErrors, "the shipped bank has errors")
        return result.bank
    }

    /// Plays one attempt of `lesson` with `strategy`; returns the summary.
    static func play(_ strategy: Strategy, lesson: Lesson, bank: Bank, attempt: Int) -> LessonResult? {
        var session = TrainingSession(bank: bank, region: nil)
        let learner = Learner(id: "cue-\(strategy)", name: "Cue", createdAt: 0)
        var clock: Int64 = 0
        var ids = 0
        func env() -> SessionEnvironment {
            clock += 1_000
            ids += 1
            return SessionEnvironment(now: clock, newID: "attempt-\(attempt)-\(ids)")
        }
        func send(_ intent: SessionIntent) {
            for effect in session.apply(intent, env()) {
                if case .unlockLearner(let who, _) = effect {
                    _ = session.handle(.learnerReady(who, ProgressEngine.progress(bank: bank, events: []), history: []), env())
                }
            }
        }
        _ = session.handle(.learnersLoaded([learner], withPIN: []), env())
        send(.selectLearner(id: learner.id))
        send(.startLesson(id: lesson.id))
        for _ in 0..<400 {
            guard case .scene(let step) = session.phase, let scenario = session.currentScenario else { break }
            switch step {
            case .contentNote: send(.continueScene)
            case .feedback: send(.next)
            case .question(let index):
                if session.isRepeat { send(.moveOn); continue }
                let question = scenario.questions[index]
                let shown = session.options(of: question)
                let chosen: Set<String>
                switch (strategy, question.kind) {
                case (.tickNothing, .multi), (.tickNothingActionsRight, .multi): chosen = []
                case (.tickEverything, .multi): chosen = Set(shown.map(\.id))
                case (.tickNothingActionsRight, .single): chosen = [question.options.first { $0.isCorrect }!.id]
                case (.tickNothing, .single), (.tickEverything, .single), (.firstOption, _):
                    chosen = [shown.first!.id]
                case (.lastOption, _): chosen = [shown.last!.id]
                case (.longestOption, _): chosen = [shown.max { $0.text.count < $1.text.count }!.id]
                }
                send(.submit(chosen))
            }
        }
        if case .summary(let result) = session.phase { return result }
        return nil
    }

    @Test func noCueStrategyPassesAnyLessonOfTheShippedBank() throws {
        let bank = try Self.bank()
        #expect(!bank.lessons.isEmpty)
        var played = 0
        for lesson in bank.lessons {
            for strategy in Strategy.allCases {
                for attempt in 0..<4 {
                    guard let result = Self.play(strategy, lesson: lesson, bank: bank, attempt: attempt) else {
                        Issue.record("\(strategy) did not finish \(lesson.id)")
                        continue
                    }
                    played += 1
                    #expect(!result.passed, "\(strategy) passes \(lesson.id): signs \(result.signsPercent ?? -1), actions \(result.actionsPercent ?? -1)")
                }
            }
        }
        #expect(played == bank.lessons.count * Strategy.allCases.count * 4)
    }

    /// The opposite check, so the test above cannot pass by a lesson that nobody can pass: answering everything
    /// right passes every lesson.
    @Test func answeringRightPassesEveryLesson() throws {
        let bank = try Self.bank()
        for lesson in bank.lessons {
            var session = TrainingSession(bank: bank, region: nil)
            let learner = Learner(id: "good", name: "Good", createdAt: 0)
            var clock: Int64 = 0
            func env() -> SessionEnvironment { clock += 1_000; return SessionEnvironment(now: clock, newID: "good-\(clock)") }
            _ = session.handle(.learnersLoaded([learner], withPIN: []), env())
            for effect in session.apply(.selectLearner(id: "good"), env()) {
                if case .unlockLearner(let who, _) = effect {
                    _ = session.handle(.learnerReady(who, ProgressEngine.progress(bank: bank, events: []), history: []), env())
                }
            }
            _ = session.apply(.startLesson(id: lesson.id), env())
            for _ in 0..<400 {
                guard case .scene(let step) = session.phase, let scenario = session.currentScenario else { break }
                switch step {
                case .contentNote: _ = session.apply(.continueScene, env())
                case .feedback: _ = session.apply(.next, env())
                case .question(let index):
                    let right = Set(scenario.questions[index].options.filter(\.isCorrect).map(\.id))
                    _ = session.apply(.submit(right), env())
                }
            }
            guard case .summary(let result) = session.phase else { Issue.record("\(lesson.id) did not finish"); continue }
            #expect(result.passed, "\(lesson.id): \(result)")
        }
    }
}
