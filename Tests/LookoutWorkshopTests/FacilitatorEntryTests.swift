import LookoutTestSupport
import Foundation
@testable import LookoutApp
import LookoutCore
import LookoutStore
import LookoutText
import LookoutUI
import Testing

/// Issue 21, item 3: the facilitator's own entry. The trainer's debrief filters by lesson and leaves the learners'
/// weak-sign practice out unless asked; `report --debrief --hardest N` prints only the N hardest questions.
@Suite final class FacilitatorEntryTests {
    let folders = TemporaryFolders()

    func classStore() throws -> (data: String, bank: String) {
        let data = try WorkshopFixture.makeStore()
        folders.track(data)
        // Carol practised weak signs: an answer in a review lesson (not in the bank), none in the bank's lessons.
        let store = try ProgressStore.open(directory: data)
        let carol = try #require(try store.learner(named: "Carol"))
        let attempt = Attempt(id: "att-carol-review", learnerID: carol.id, lessonID: "review-carol-1", startedAt: WorkshopFixture.day2 + 800_000)
        let review = AnswerEvent(id: "ev-carol-review", learnerID: carol.id, attemptID: attempt.id, lessonID: attempt.lessonID,
                                 scenarioID: "s2", scenarioRev: 1, questionID: "q1", chosen: ["o1"], credit: 0, action: nil,
                                 time: WorkshopFixture.day2 + 900_000, isRepeat: false)
        try store.importRecords(learners: [], attempts: [attempt], events: [review])
        try store.close()
        return (data, try WorkshopFixture.writeBank(to: try folders.make("lookout-bank")))
    }

    @Test func theTrainersDebriefFiltersByLessonAndLeavesReviewLessonsOut() throws {
        let (data, bankFolder) = try classStore()
        let bank = BankLocator.load(root: bankFolder).bank
        let store = try ProgressStore.open(directory: data)
        defer { try? store.close() }
        let driver = try TrainerDriver(bank: bank, region: nil, store: store)
        // From the first screen, without a learner: no passphrase is set, 3 learners are active.
        driver.send(.openFacilitator(passphrase: nil))
        #expect(driver.session.phase == .facilitator)
        let lessonsOnly = try #require(driver.session.debrief)
        // Alice 4, Bob 4 (his repeat is not a first answer), Sokha 2; Carol's weak-sign practice is left out.
        #expect(lessonsOnly.firstAnswers == 10)
        #expect(lessonsOnly.learners == 3)
        driver.press(.character("l"))
        #expect(driver.navigator.debriefScope == .lesson("L1"))
        #expect(driver.session.debrief?.filter.lessonID == "L1")
        #expect(DebriefText.title(try #require(driver.session.debrief)).hasPrefix("Debrief, lesson L1"))
        driver.press(.character("l"))
        #expect(driver.navigator.debriefScope == .lesson("L2"))
        #expect(driver.session.debrief?.firstAnswers == 0)
        driver.press(.character("l"))
        #expect(driver.navigator.debriefScope == .everything)
        // Asked for: the weak-sign practice too.
        #expect(driver.session.debrief?.firstAnswers == 11)
        #expect(driver.session.debrief?.learners == 4)
        driver.press(.character("l"))
        #expect(driver.navigator.debriefScope == .lessons)
    }

    @Test func reportDebriefHardestNPrintsOnlyTheNHardest() throws {
        let (data, bank) = try classStore()
        let full = try Lookout.run(["report", "--debrief", "--data-dir", data, "--bank", bank])
        #expect(full.status == 0, "\(full.stderr)")
        let one = try Lookout.run(["report", "--debrief", "--hardest", "1", "--data-dir", data, "--bank", bank])
        #expect(one.status == 0, "\(one.stderr)")
        #expect(one.stdout.contains("Hardest items"))
        #expect(one.stdout.contains("\n  1  "))
        #expect(!one.stdout.contains("\n  2  "))
        #expect(!one.stdout.contains("Gain"))
        #expect(one.stdout.count < full.stdout.count)
        let refused = try Lookout.run(["report", "--hardest", "2", "--data-dir", data, "--bank", bank])
        #expect(refused.status == 64)
        #expect(refused.stderr.contains("--hardest N goes with --debrief"))
    }
}
