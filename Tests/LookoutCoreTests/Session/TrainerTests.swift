import Testing
@testable import LookoutCore

@Suite struct TrainerTests {
    let bank = Fixture.load(Fixture.files).bank
    var counter = 0

    /// A fresh environment per input: time and ids are passed in, never made inside.
    mutating func env() -> TrainerEnvironment {
        counter += 1
        return TrainerEnvironment(now: 1_000 + Int64(counter), newID: "id-\(counter)")
    }

    mutating func press(_ trainer: inout Trainer, _ keys: TrainerKey...) -> [TrainerEffect] {
        var effects: [TrainerEffect] = []
        for key in keys { effects += trainer.apply(.key(key), env()) }
        return effects
    }

    mutating func type(_ trainer: inout Trainer, _ text: String) {
        for c in text { _ = trainer.apply(.key(c == " " ? .space : .character(c)), env()) }
    }

    /// A trainer with learner "Dara" selected, on the track menu.
    mutating func readyTrainer() -> Trainer {
        var trainer = Trainer(bank: bank, region: bank.region("KH-BMC"))
        let dara = Learner(id: "L1", name: "Dara", createdAt: 1)
        _ = trainer.apply(.learnersLoaded([dara]), env())
        _ = trainer.apply(.key(.enter), env())
        _ = trainer.apply(.learnerReady(dara, ProgressEngine.progress(bank: bank, events: [])), env())
        return trainer
    }

    @Test mutating func newLearnerIsCreatedWithTheIdAndTimePassedIn() {
        var trainer = Trainer(bank: bank, region: nil)
        #expect(trainer.screen == .learners(selected: 0))
        #expect(press(&trainer, .enter).isEmpty)
        #expect(trainer.screen == .newLearner(name: ""))
        type(&trainer, "Srey Pov")
        #expect(trainer.screen == .newLearner(name: "Srey Pov"))
        _ = press(&trainer, .backspace)
        type(&trainer, "v")
        let effects = trainer.apply(.key(.enter), TrainerEnvironment(now: 42, newID: "new-id"))
        #expect(effects == [.addLearner(Learner(id: "new-id", name: "Srey Pov", createdAt: 42))])
        let learner = Learner(id: "new-id", name: "Srey Pov", createdAt: 42)
        _ = trainer.apply(.learnerReady(learner, ProgressEngine.progress(bank: bank, events: [])), env())
        #expect(trainer.screen == .tracks(selected: 0))
        #expect(trainer.learner == learner)
        #expect(trainer.learners == [learner])
    }

    @Test mutating func emptyNameIsRefusedWithAMessage() {
        var trainer = Trainer(bank: bank, region: nil)
        _ = press(&trainer, .enter)
        type(&trainer, "  ")
        #expect(press(&trainer, .enter).isEmpty)
        #expect(trainer.message == "type a name first (a nickname is fine)")
    }

    @Test mutating func completeALessonWithARequeuedScenario() throws {
        var trainer = readyTrainer()
        #expect(trainer.trackMenu == [.track(.hospitality), .progress, .facilitator, .switchLearner])
        _ = press(&trainer, .enter)
        #expect(trainer.screen == .lessons(.hospitality, selected: 0))
        let start = trainer.apply(.key(.enter), TrainerEnvironment(now: 5, newID: "attempt-1"))
        #expect(start == [.startAttempt(Attempt(id: "attempt-1", learnerID: "L1", lessonID: "hos-intro", startedAt: 5))])
        #expect(trainer.currentScenario?.id == "desk-1")
        #expect(trainer.screen == .question(QuestionState(questionIndex: 0)))

        // desk-1 q1: tick the true sign o1 only.
        _ = press(&trainer, .space)
        var effects = trainer.apply(.key(.enter), TrainerEnvironment(now: 7, newID: "answer-1"))
        guard case .saveAnswer(let first)? = effects.first else { Issue.record("no answer saved"); return }
        #expect(first == AnswerEvent(id: "answer-1", learnerID: "L1", attemptID: "attempt-1", lessonID: "hos-intro",
                                     scenarioID: "desk-1", scenarioRev: 2, questionID: "q1", chosen: ["o1"], credit: 1,
                                     action: nil, time: 7, isRepeat: false))
        guard case .feedback(_, let result, _) = trainer.screen else { Issue.record("no feedback"); return }
        #expect(result.hits == ["o1"])
        #expect(result.falseAlarms.isEmpty)

        // q2 single: pick the second option with a digit: an unsafe choice.
        _ = press(&trainer, .enter)
        effects = press(&trainer, .character("2"))
        guard case .saveAnswer(let second)? = effects.first else { Issue.record("no answer saved"); return }
        #expect(second.chosen == ["a2"])
        #expect(second.action == .unsafeConfront)

        // Next scenario: couple-1 (no trafficking). Tick a look-alike: a false alarm.
        _ = press(&trainer, .enter)
        #expect(trainer.currentScenario?.id == "couple-1")
        _ = press(&trainer, .character("1"), .enter, .enter)
        // q2: arrows and Enter.
        _ = press(&trainer, .home, .enter, .enter)
        // Over-flagged, and no two others remain: it comes back at the end, as a repeat.
        #expect(trainer.currentScenario?.id == "couple-1")
        #expect(trainer.run?.queue.isRepeat == true)
        _ = press(&trainer, .enter)  // leave every look-alike alone
        effects = press(&trainer, .enter, .enter, .enter)
        #expect(effects.contains { if case .saveAnswer(let e) = $0 { return e.isRepeat } else { return false } })
        guard case .summary(let summary) = trainer.screen else { Issue.record("no summary: \(trainer.screen)"); return }
        // First attempts only: q1 1.0, q2 0, couple q1 0.5, couple q2 1.0 → 62.5%.
        #expect(summary.scorePercent == 62.5)
        #expect(summary.passed == false)
        #expect(summary.unsafeChoices == 1)
        #expect(summary.falseAlarms == 1)
        effects = press(&trainer, .enter)
        #expect(effects == [.refreshProgress(Learner(id: "L1", name: "Dara", createdAt: 1))])
        #expect(trainer.screen == .lessons(.hospitality, selected: 0))
    }

    @Test mutating func contentNoteCanBeSkippedWithoutPenalty() {
        var files = Fixture.files
        files["desk.txt"] = Fixture.scenario.replacingFirst("sources: ilo\n", with: "sources: ilo\ncontent-note: control of adults\n")
        let noted = Fixture.load(files).bank
        var trainer = Trainer(bank: noted, region: nil)
        let dara = Learner(id: "L1", name: "Dara", createdAt: 1)
        _ = trainer.apply(.learnersLoaded([dara]), env())
        _ = trainer.apply(.key(.enter), env())
        _ = trainer.apply(.learnerReady(dara, ProgressEngine.progress(bank: noted, events: [])), env())
        _ = press(&trainer, .enter, .enter)
        #expect(trainer.screen == .contentNote(selected: 0))
        _ = press(&trainer, .down)
        #expect(trainer.screen == .contentNote(selected: 1))
        let effects = press(&trainer, .enter)
        #expect(effects.isEmpty)
        #expect(trainer.currentScenario?.id == "couple-1")
        #expect(trainer.screen == .question(QuestionState(questionIndex: 0)))
    }

    @Test mutating func overlaysAndQuitting() {
        var trainer = readyTrainer()
        _ = press(&trainer, .character("?"))
        #expect(trainer.overlay == .help(scroll: 0))
        _ = press(&trainer, .down)
        #expect(trainer.overlay == .help(scroll: 1))
        _ = press(&trainer, .character("s"))
        #expect(trainer.overlay == .support(scroll: 0))
        _ = press(&trainer, .escape)
        #expect(trainer.overlay == nil)
        _ = press(&trainer, .character("q"))
        #expect(trainer.overlay == .confirmQuit)
        #expect(press(&trainer, .character("n")).isEmpty)
        #expect(trainer.overlay == nil)
        #expect(!trainer.finished)
        _ = press(&trainer, .character("q"))
        #expect(press(&trainer, .character("y")) == [.quit])
        #expect(trainer.finished)
    }

    @Test mutating func quickExitWorksEverywhereEvenWhileTyping() {
        var trainer = Trainer(bank: bank, region: nil)
        _ = press(&trainer, .enter)
        type(&trainer, "q?s")
        #expect(trainer.screen == .newLearner(name: "q?s"))
        #expect(trainer.overlay == nil)
        #expect(trainer.apply(.quickExit, env()) == [.quickExit])
        #expect(trainer.finished)
    }

    @Test mutating func resizeKeepsTheAnswerInProgress() {
        var trainer = readyTrainer()
        _ = press(&trainer, .enter, .enter, .down, .space)
        let before = trainer.screen
        _ = trainer.apply(.resize(width: 40, height: 12), env())
        #expect(trainer.screen == before)
        #expect(trainer.width == 40 && trainer.height == 12)
        #expect(trainer.screen == .question(QuestionState(questionIndex: 0, focus: 1, ticked: ["o2"])))
    }

    @Test mutating func switchingLearnerForgetsTheFirstLearnersProgress() {
        var trainer = readyTrainer()
        _ = press(&trainer, .end, .enter)
        #expect(trainer.screen == .learners(selected: 0))
        #expect(trainer.learner == nil)
        #expect(trainer.progress == nil)
    }

    @Test mutating func failedEffectShowsItsMessage() {
        var trainer = Trainer(bank: bank, region: nil)
        _ = trainer.apply(.failed("a learner named 'Dara' already exists"), env())
        #expect(trainer.message == "a learner named 'Dara' already exists")
        _ = press(&trainer, .down)
        #expect(trainer.message == nil)
    }
}

@Suite struct FacilitatorTrainerTests {
    let bank = Fixture.load(Fixture.files).bank

    func env(_ n: Int) -> TrainerEnvironment { TrainerEnvironment(now: Int64(n), newID: "id-\(n)") }

    func onTracks(locked: Bool) -> Trainer {
        var trainer = Trainer(bank: bank, region: nil, facilitatorLocked: locked)
        let dara = Learner(id: "L1", name: "Dara", createdAt: 1)
        _ = trainer.apply(.learnersLoaded([dara]), env(1))
        _ = trainer.apply(.key(.enter), env(2))
        _ = trainer.apply(.learnerReady(dara, ProgressEngine.progress(bank: bank, events: [])), env(3))
        return trainer
    }

    @Test func unlockedStoreOpensTheClassReportDirectly() {
        var trainer = onTracks(locked: false)
        #expect(trainer.trackMenu == [.track(.hospitality), .progress, .facilitator, .switchLearner])
        _ = trainer.apply(.key(.down), env(4))
        _ = trainer.apply(.key(.down), env(5))
        #expect(trainer.apply(.key(.enter), env(6)) == [.openFacilitator(passphrase: nil)])
        let report = ClassReport.make(bank: bank, learners: [], events: [])
        _ = trainer.apply(.classReportReady(report), env(7))
        #expect(trainer.screen == .facilitator(.heatMap, scroll: 0))
        #expect(trainer.classReport == report)
        _ = trainer.apply(.key(.tab), env(8))
        #expect(trainer.screen == .facilitator(.hardest, scroll: 0))
        _ = trainer.apply(.key(.escape), env(9))
        #expect(trainer.screen == .tracks(selected: 2))
        #expect(trainer.classReport == nil)
    }

    @Test func lockedStoreAsksForThePassphraseAndKeepsOnlyItsLength() {
        var trainer = onTracks(locked: true)
        _ = trainer.apply(.key(.character("3")), env(4))
        #expect(trainer.screen == .facilitatorPassphrase(length: 0))
        // Letters that are commands elsewhere are typed here.
        for (i, c) in "qs?pass".enumerated() { _ = trainer.apply(.key(.character(c)), env(10 + i)) }
        _ = trainer.apply(.key(.backspace), env(20))
        #expect(trainer.screen == .facilitatorPassphrase(length: 6))
        #expect(trainer.overlay == nil)
        #expect(trainer.apply(.key(.enter), env(21)) == [.openFacilitator(passphrase: "qs?pas")])
        #expect(trainer.screen == .facilitatorPassphrase(length: 0))
        _ = trainer.apply(.failed("wrong passphrase"), env(22))
        #expect(trainer.message == "wrong passphrase")
        #expect(trainer.classReport == nil)
        _ = trainer.apply(.key(.escape), env(23))
        #expect(trainer.screen == .tracks(selected: 2))
    }
}
