import Testing
@testable import LookoutCore
import LookoutText

/// `alternate-for:` and `act: over-report` through the session, the one pass rule and the progress engine.
@Suite struct AlternateSceneTests {
    typealias Driver = TrainingSessionTests.Driver

    /// An alternate of desk-1: another story, the same sign (doc-held) and the same keyed action (tell-supervisor).
    static let alternate = """
    scenario: desk-alt
    alternate-for: desk-1
    rev: 1
    title: A driver keeps the workers' papers
    audiences: hospitality
    region: any
    language: en
    trafficking: yes
    sources: ilo
    story: A driver brings four workers to breakfast and keeps their ID cards in his bag.

    question: q1 multi
    ask: Which details are warning signs?
    [x] o1: The driver keeps their ID cards.
        ind: doc-held
        why: Holding papers is control.
    [ ] o2: They eat quickly.
        near: fear
        why: Breakfast before work is often quick.

    question: q2 single
    ask: What should you do?
    (*) a1: Tell the duty manager.
        act: tell-supervisor
        why: Follow the procedure.
    ( ) a2: Ask the driver for the cards.
        act: unsafe-confront
        why: Dangerous.
    """

    /// A final (desk-1 with a content note, couple-1) and desk-alt; couple-1's a2 is an over-report.
    static func bank(alternate: String = AlternateSceneTests.alternate, overReport: Bool = true) -> Bank {
        var files = Fixture.files
        files["lessons.txt"] = Fixture.lessons.replacingFirst("pass-mark:", with: "kind: final\npass-mark:")
        files["desk.txt"] = Fixture.scenario.replacingFirst("sources: ilo\n", with: "sources: ilo\ncontent-note: adults at a front desk\n")
        if overReport { files["couple.txt"] = Fixture.ordinary.replacingFirst("act: unsafe-blame-victim", with: "act: over-report") }
        files["alt.txt"] = alternate
        let result = Fixture.load(files)
        #expect(!result.hasErrors, "\(result.diagnostics)")
        #expect(!result.diagnostics.contains { $0.code == "W035" }, "\(result.diagnostics)")
        return result.bank
    }

    @Test func skippingAContentNotedSceneOffersItsAlternateAndTheFinalCanBePassed() {
        var driver = Driver.ready(Self.bank())
        driver.send(.startLesson(id: "hos-intro"))
        #expect(driver.session.phase == .scene(.contentNote))
        #expect(driver.session.currentScenario?.id == "desk-1")
        driver.send(.skipScene)
        #expect(driver.session.currentScenario?.id == "desk-alt")
        #expect(driver.session.isAlternate)
        // An alternate of a final's scene is final material: never in a review lesson.
        // (Here both lesson scenes are in the final, so no scene is left for a review at all.)
        #expect(ReviewLesson.make(bank: driver.session.bank, audience: .only(.hospitality), events: [], now: 0,
                                  date: CalendarDate(year: 2026, month: 12, day: 5), seed: 1) == nil)
        var practice = driver.session.bank.lessons[0]
        practice.kind = .practice
        let practiceBank = Bank(sources: driver.session.bank.sources, indicators: driver.session.bank.indicators,
                                scenarios: driver.session.bank.scenarios, lessons: [practice])
        #expect(ReviewLesson.make(bank: practiceBank, audience: .only(.hospitality), events: [], now: 0,
                                  date: CalendarDate(year: 2026, month: 12, day: 5), seed: 1)?.lesson.scenarioIDs.contains("desk-alt") == true)
        #expect(driver.session.phase == .scene(.question(index: 0)))   // no content note of its own
        driver.answer(multi: ["o1"], single: "a1")                     // desk-alt, all right
        #expect(driver.session.currentScenario?.id == "couple-1")
        driver.answer(multi: [], single: "a1")                         // couple-1, all right
        guard case .summary(let result) = driver.session.phase else { Issue.record("no summary: \(driver.session.phase)"); return }
        #expect(result.passed)
        #expect(result.shortfalls.isEmpty)
        #expect(result.answeredQuestions == 4 && result.totalQuestions == 4)
        #expect(result.scorePercent == 100)
        #expect(driver.events.map(\.scenarioID) == ["desk-alt", "desk-alt", "couple-1", "couple-1"])
        // The progress engine, the certificate and xAPI read the same verdict from the stored answers.
        let bank = driver.session.bank
        let progress = ProgressEngine.progress(bank: bank, events: driver.events)
        #expect(progress.lesson("hos-intro")?.status == .passed)
        let lesson = bank.lesson("hos-intro")!
        #expect(ProgressEngine.isFinished(lesson: lesson, bank: bank, attemptID: driver.events.first?.attemptID, events: driver.events))
        let attempt = AttemptScenes(lesson: lesson, bank: bank, events: driver.events)
        #expect(attempt.replaced == ["desk-1": "desk-alt"])
        #expect(attempt.skipped(of: EventOrder.lessonScenarios(lesson, bank: bank)) == ["desk-1"])
        driver.send(.closeSummary)
        #expect(driver.session.resumableAttempt(of: lesson) == nil)
    }

    @Test func theAlternateIsJudgedLikeTheSceneItReplaces() {
        var driver = Driver.ready(Self.bank())
        driver.send(.startLesson(id: "hos-intro"))
        driver.send(.skipScene)
        driver.answer(multi: ["o1"], single: "a2")                     // desk-alt: unsafe in a final
        driver.answer(multi: [], single: "a1")
        guard case .summary(let result) = driver.session.phase else { Issue.record("no summary: \(driver.session.phase)"); return }
        #expect(!result.passed)
        #expect(result.shortfalls.contains(.unsafeInFinal(count: 1)))
        #expect(result.answeredQuestions == 4)
    }

    @Test func anAnsweredOriginalCountsAndItsAlternateDoesNot() {
        let bank = Self.bank()
        let lesson = bank.lesson("hos-intro")!
        func event(_ scenario: String, _ question: String, _ chosen: [String], _ t: Int64) -> AnswerEvent {
            AnswerEvent(id: "e\(t)", learnerID: "L1", attemptID: "A", lessonID: "hos-intro", scenarioID: scenario,
                        scenarioRev: bank.scenario(scenario)!.rev, questionID: question, chosen: chosen, credit: 0,
                        action: nil, time: t, isRepeat: false)
        }
        // desk-1 answered wrong; desk-alt answered right (for example in a later skip): desk-1 counts.
        let events = [event("desk-1", "q1", ["o2"], 1), event("desk-1", "q2", ["a2"], 2),
                      event("desk-alt", "q1", ["o1"], 3), event("desk-alt", "q2", ["a1"], 4),
                      event("couple-1", "q1", [], 5), event("couple-1", "q2", ["a1"], 6)]
        let result = LessonScoring.result(lesson: lesson, bank: bank, events: events)
        #expect(!result.passed)
        #expect(result.unsafeChoices == 1)
        #expect(AttemptScenes(lesson: lesson, bank: bank, events: events).replaced.isEmpty)
    }

    @Test func leavingInsideTheAlternateResumesThere() {
        var driver = Driver.ready(Self.bank())
        driver.send(.startLesson(id: "hos-intro"))
        driver.send(.skipScene)
        let question = driver.session.currentQuestion!
        driver.send(.submit(question.kind == .multi ? ["o1"] : ["a1"]))
        driver.send(.leaveLesson)
        let lesson = driver.session.bank.lesson("hos-intro")!
        #expect(driver.session.resumableAttempt(of: lesson)?.answered == 1)
        driver.send(.startLesson(id: "hos-intro"))
        #expect(driver.session.currentScenario?.id == "desk-alt")
        #expect(driver.session.phase == .scene(.question(index: 1)))
        driver.send(.submit(["a1"]))
        driver.send(.next)
        driver.answer(multi: [], single: "a1")
        guard case .summary(let result) = driver.session.phase else { Issue.record("no summary: \(driver.session.phase)"); return }
        #expect(result.passed)
    }

    @Test func aSceneWithoutAnAlternateStaysUnansweredWhenSkipped() {
        let files = Fixture.files.merging(["lessons.txt": Fixture.lessons.replacingFirst("pass-mark:", with: "kind: final\npass-mark:"),
                                           "desk.txt": Fixture.scenario.replacingFirst("sources: ilo\n", with: "sources: ilo\ncontent-note: x\n")]) { $1 }
        var driver = Driver.ready(Fixture.load(files).bank)
        driver.send(.startLesson(id: "hos-intro"))
        driver.send(.skipScene)
        #expect(driver.session.currentScenario?.id == "couple-1")
        #expect(!driver.session.isAlternate)
    }

    @Test func anOverReportIsWrongButNotUnsafeInAFinal() throws {
        var driver = Driver.ready(Self.bank())
        driver.send(.startLesson(id: "hos-intro"))
        driver.send(.continueScene)
        driver.answer(multi: ["o1"], single: "a1")                     // desk-1, all right
        let question = driver.session.currentQuestion!                  // couple-1 q1
        driver.send(.submit([]))
        driver.send(.next)
        #expect(question.kind == .multi)
        driver.send(.submit(["a2"]))                                    // over-report
        // A final holds its feedback back until the summary (issue 20): the answer is the summary's last one.
        guard case .summary(let result) = driver.session.phase, let run = driver.session.run else {
            Issue.record("no summary: \(driver.session.phase)"); return
        }
        let answer = try #require(FinalFeedback.firstAnswers(run: run, bank: driver.session.bank).last?.result)
        #expect(answer.action == .overReport && !answer.isUnsafe && answer.credit == 0)
        #expect(FeedbackBuilder.summary(of: answer) == UIStrings.english[.feedbackSingleOverReport])
        // The facilitator's debrief marks it OVER, not UNSAFE.
        let couple = try #require(driver.session.bank.scenario("couple-1")?.question("q2"))
        #expect(Debrief.role(of: try #require(couple.option("a2")), in: couple) == .overReport)
        #expect(DebriefText.mark(.overReport) == "OVER")
        #expect(ActionClass.overReport.safety == .excessive && !ActionClass.overReport.isUnsafe)
        #expect(!result.passed)
        #expect(result.unsafeChoices == 0)
        #expect(result.shortfalls == [.actionsBelowMark])               // wrong, never "unsafe in a final"
        // The same answer tagged unsafe-blame-victim fails the final as unsafe.
        var unsafe = Driver.ready(Self.bank(overReport: false))
        unsafe.send(.startLesson(id: "hos-intro"))
        unsafe.send(.continueScene)
        unsafe.answer(multi: ["o1"], single: "a1")
        unsafe.answer(multi: [], single: "a2")
        guard case .summary(let unsafeResult) = unsafe.session.phase else { Issue.record("no summary"); return }
        #expect(unsafeResult.shortfalls.contains(.unsafeInFinal(count: 1)))
    }

    // MARK: Validator

    static func diagnostics(_ alternate: String, lessonAddsAlternate: Bool = false, noteOnOriginal: Bool = true) -> [String] {
        var files = Fixture.files
        if noteOnOriginal {
            files["desk.txt"] = Fixture.scenario.replacingFirst("sources: ilo\n", with: "sources: ilo\ncontent-note: adults at a front desk\n")
        }
        if lessonAddsAlternate { files["lessons.txt"] = Fixture.lessons + "\n  - desk-alt\n" }
        files["alt.txt"] = alternate
        return Fixture.load(files).diagnostics.map(\.description)
    }

    @Test func theValidatorChecksAlternates() {
        #expect(Self.diagnostics(Self.alternate).filter { $0.contains("alt.txt") }.isEmpty)
        #expect(Self.diagnostics(Self.alternate.replacingFirst("alternate-for: desk-1", with: "alternate-for: desk-9")).contains {
            $0.hasPrefix("alt.txt:2:16: error[E021]: unknown scenario 'desk-9'")
        })
        #expect(Self.diagnostics(Self.alternate, noteOnOriginal: false).contains(
            "alt.txt:2:16: error[E037]: scenario 'desk-1' has no 'content-note:', so a learner is never offered to skip it and an alternate is never shown; give 'desk-1' a content note, or delete 'alternate-for:'\ndesk.txt:1:1: note: 'desk-1' is here"))
        #expect(Self.diagnostics(Self.alternate.replacingFirst("sources: ilo\n", with: "sources: ilo\ncontent-note: papers\n")).contains(
            "alt.txt:1:1: error[E038]: scenario 'desk-alt' is an alternate for 'desk-1' but has its own 'content-note:'; an alternate is what a learner sees after skipping a distressing scene, so write it without distressing content and delete its content note"))
        #expect(Self.diagnostics(Self.alternate, lessonAddsAlternate: true).contains {
            $0.hasPrefix("alt.txt:2:16: error[E039]: scenario 'desk-alt' is an alternate for 'desk-1' but is also listed in lesson 'hos-intro'")
        })
        #expect(Self.diagnostics(Self.alternate.replacingFirst("audiences: hospitality", with: "audiences: police")).contains {
            $0.hasPrefix("alt.txt:2:16: warning[W035]: alternate 'desk-alt' is not written for hospitality, as 'desk-1' is, so a learner of that track may be offered a scene not meant for them; add hospitality to its 'audiences:'")
        })
        let other = Self.alternate.replacingFirst("ind: doc-held", with: "ind: fear").replacingFirst("act: tell-supervisor", with: "act: note-details")
        #expect(Self.diagnostics(other).contains(
            "alt.txt:2:16: warning[W035]: alternate 'desk-alt' shares no true-sign indicator (the original shows doc-held) and no keyed action (the original keys tell-supervisor) with 'desk-1'; an alternate should teach the same skill: show one of the same signs and key one of the same actions\ndesk.txt:1:1: note: 'desk-1' is here"))
    }

    // MARK: Skips are for the facilitator only

    @Test func theClassReportListsSkipsForTheFacilitatorAndTheAnonymousReportNone() throws {
        var driver = Driver.ready(Self.bank())
        driver.send(.startLesson(id: "hos-intro"))
        driver.send(.skipScene)
        driver.answer(multi: ["o1"], single: "a1")
        driver.answer(multi: [], single: "a1")
        let bank = driver.session.bank
        let report = ClassReport.make(bank: bank, learners: [TrainingSessionTests.dara], events: driver.events)
        #expect(report.learners[0].skipped == [ClassReport.SkippedScene(lessonID: "hos-intro", scenarioID: "desk-1",
                                                                        title: "Three women at check-in", alternateID: "desk-alt")])
        let lines = ClassReportText.skippedScenes(report, width: 80).map(\.text)
        #expect(lines.first == "Skipped scenes (for the facilitator only)")
        #expect(lines.joined(separator: " ").contains("A skip may be a reason to check in privately with the learner, never a failure."))
        #expect(lines.last == "Dara: Three women at check-in (alternate answered)")
        #expect(ClassReportText.full(report).map(\.text).contains("Dara: Three women at check-in (alternate answered)"))
        // Projector mode: no skips at all, not even without names.
        let anonymous = report.anonymised(Anonymity(learnerIDs: ["L1"]))
        #expect(anonymous.learners[0].skipped.isEmpty)
        #expect(ClassReportText.skippedScenes(anonymous).isEmpty)
        #expect(!ClassReportText.full(anonymous).map(\.text).joined().contains("Skipped"))
        // A learner who skipped nothing adds no section.
        var other = Driver.ready(Self.bank())
        other.send(.startLesson(id: "hos-intro"))
        other.send(.continueScene)
        other.answer(multi: ["o1"], single: "a1")
        other.answer(multi: [], single: "a1")
        #expect(ClassReportText.skippedScenes(ClassReport.make(bank: bank, learners: [TrainingSessionTests.dara], events: other.events)).isEmpty)
    }

    @Test func aSceneNotYetReachedInAShuffledLessonIsNoSkip() throws {
        // A practice lesson shows its scenes in the attempt's shuffled order: a content-noted scene the learner has
        // not reached is no skip, even when it comes before an answered one in the lesson's written order.
        var files = Fixture.files
        files["desk.txt"] = Fixture.scenario.replacingFirst("sources: ilo\n", with: "sources: ilo\ncontent-note: adults\n")
        let bank = Fixture.load(files).bank
        let lesson = try #require(bank.lesson("hos-intro"))          // practice: desk-1, couple-1
        let scenarios = EventOrder.lessonScenarios(lesson, bank: bank)
        let attemptID = try #require((0..<200).map { "a\($0)" }.first {
            AttemptOrder.scenes(["desk-1", "couple-1"], kind: .practice, attemptID: $0) == ["couple-1", "desk-1"]
        })
        let events = ["q1", "q2"].enumerated().map { i, q in
            AnswerEvent(id: "e\(i)", learnerID: "L1", attemptID: attemptID, lessonID: "hos-intro", scenarioID: "couple-1",
                        scenarioRev: 1, questionID: q, chosen: q == "q2" ? ["a1"] : [], credit: 1, action: nil, time: Int64(i),
                        isRepeat: false)
        }
        let attempt = AttemptScenes(lesson: lesson, bank: bank, events: events)
        #expect(attempt.skipped(of: scenarios) == ["desk-1"])          // in the written order desk-1 would look skipped
        #expect(attempt.skipped(of: scenarios, shown: ["couple-1", "desk-1"]).isEmpty)
        #expect(ClassReport.skipped(bank: bank, counted: events, lessons: ["hos-intro"]).isEmpty)
        // Shown desk-1 first and then couple-1 answered: desk-1 was skipped.
        let other = try #require((0..<200).map { "b\($0)" }.first {
            AttemptOrder.scenes(["desk-1", "couple-1"], kind: .practice, attemptID: $0) == ["desk-1", "couple-1"]
        })
        let skippedEvents = events.map { e -> AnswerEvent in var e = e; e.attemptID = other; return e }
        #expect(ClassReport.skipped(bank: bank, counted: skippedEvents, lessons: ["hos-intro"]).map(\.scenarioID) == ["desk-1"])
    }
}
