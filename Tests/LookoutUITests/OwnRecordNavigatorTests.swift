import LookoutCore
@testable import LookoutUI
import Testing

/// Issue 20 point 9 in the session and navigator: "My progress" lists the passed lessons whose own completion record
/// the learner may save (digit = save, handed to the driver), by the certificate's access rule; `--review` draws from
/// the chosen track or the lesson worked on last, and a new learner has no track to guess.
@Suite struct OwnRecordNavigatorTests {
    /// Dara's right answers to every question of lesson l4 (the couple scene), attempt "A4".
    static func passedL4() -> [AnswerEvent] {
        let bank = ScreenFixture.bank
        guard let lesson = bank.lesson("l4") else { return [] }
        var events: [AnswerEvent] = []
        for scenario in bank.scenarios(of: lesson) {
            for question in scenario.questions {
                let right = question.options.filter(\.isCorrect)
                let chosen = question.kind == .single ? Array(right.prefix(1)) : right
                events.append(AnswerEvent(id: "E\(events.count)", learnerID: Harness.dara.id, attemptID: "A4", lessonID: "l4",
                                          scenarioID: scenario.id, scenarioRev: scenario.rev, questionID: question.id,
                                          chosen: chosen.map(\.id), credit: 1, action: chosen.first?.action,
                                          time: 500_000 + Int64(events.count), isRepeat: false))
            }
        }
        return events
    }

    @Test func recordLessonsAreThePassedLessons() {
        let harness = Harness.ready(events: Self.passedL4())
        #expect(harness.trainer.status(of: ScreenFixture.bank.lesson("l4")!) == .passed)
        #expect(harness.trainer.session.recordLessons.map(\.id) == ["l4"])
        #expect(harness.trainer.session.mayWriteOwnRecord)
        let nothing = Harness.ready()
        #expect(nothing.trainer.session.recordLessons.isEmpty)
    }

    @Test func aDigitOnMyProgressAsksToSaveThatRecord() {
        var harness = Harness.ready(events: Self.passedL4())
        guard let row = harness.trainer.trackMenu.firstIndex(of: .progress) else { Issue.record("no progress row"); return }
        harness.press(.character(Character(String(row + 1))))
        guard case .progress = harness.trainer.screen else { Issue.record("\(harness.trainer.screen)"); return }
        let frame = harness.render(80, 24).textSnapshot
        #expect(frame.contains("Save my completion record"), "\(frame)")
        #expect(frame.contains("1. Lesson four"), "\(frame)")
        #expect(frame.contains("1-9 save my record"), "\(frame)")
        harness.press(.character("2"))                 // no second passed lesson
        #expect(harness.trainer.takeRecordRequest() == nil)
        harness.press(.character("1"))
        #expect(harness.trainer.takeRecordRequest() == "l4")
        #expect(harness.trainer.takeRecordRequest() == nil)   // taken once
        guard case .progress = harness.trainer.screen else { Issue.record("left progress: \(harness.trainer.screen)"); return }
    }

    /// As `lookout certificate`: a learner without a PIN on a laptop with a facilitator passphrase may not save it
    /// (the screen says to ask the facilitator, and a digit asks nothing); a learner with a PIN may.
    @Test func theCertificateRuleDecidesWhoMaySave() {
        var locked = Harness(learners: [Harness.dara], events: Self.passedL4(), facilitatorLocked: true)
        locked.press(.enter)
        #expect(locked.trainer.learner == Harness.dara)
        #expect(!locked.trainer.session.mayWriteOwnRecord)
        let row = locked.trainer.trackMenu.firstIndex(of: .progress) ?? 0
        locked.press(.character(Character(String(row + 1))))
        let frame = locked.render(80, 24).textSnapshot
        #expect(frame.contains("Your name has no PIN and this laptop has a facilitator lock"), "\(frame)")
        #expect(!frame.contains("save my record"), "\(frame)")
        locked.press(.character("1"))
        #expect(locked.trainer.takeRecordRequest() == nil)

        var withPIN = Harness(learners: [Harness.dara], events: Self.passedL4(), facilitatorLocked: true,
                              pins: [Harness.dara.id: "4821"])
        withPIN.press(.enter)
        withPIN.type("4821")
        withPIN.press(.enter)
        #expect(withPIN.trainer.learner == Harness.dara)
        #expect(withPIN.trainer.session.mayWriteOwnRecord)
    }

    @Test func reviewAudienceIsTheChosenTrackElseTheLastLessonElseNone() {
        let fresh = Harness.ready()
        #expect(fresh.trainer.session.reviewAudience(chosen: nil) == nil)
        #expect(fresh.trainer.session.reviewAudience(chosen: .school) == .only(.school))
        let worked = Harness.ready(events: Self.passedL4())
        #expect(worked.trainer.session.reviewAudience(chosen: nil) == .only(.hospitality))
        #expect(worked.trainer.session.reviewAudience(chosen: .police) == .only(.police))
    }
}
