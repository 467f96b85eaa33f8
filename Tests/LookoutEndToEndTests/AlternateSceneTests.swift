import Foundation
import LookoutCore
import LookoutText
import LookoutStore
import LookoutTestSupport
import Testing

/// A pupil who skips a content-noted scene of a final and answers its alternate passes (`alternate-for:`), through
/// the real binary in plain mode; the skip shows only in the facilitator's report, never in the anonymous one.
/// The bank is TestBank's (final `l1`: desk, then the content-noted `couple`) with an alternate of `couple`.
@Suite struct AlternateSceneEndToEndTests {
    static let alternate = """
    scenario: couple-alt
    alternate-for: couple
    rev: 1
    title: A family at the desk
    audiences: hospitality
    region: any
    language: en
    trafficking: no
    sources: s
    story: A mother and her grown-up son check in late and pay cash for one night.
    question: q1 multi
    ask: Which details are warning signs?
    [ ] o1: They pay cash.
        near: doc-held
        why: Cash is normal.
    [ ] o2: The son looks tired.
        near: fear
        why: A late bus makes anyone tired.
    question: q2 single
    ask: What should you do?
    ( ) a1: Call the police about them.
        act: over-report
        why: Nothing here points to trafficking; a report would put an ordinary family under suspicion.
    (*) a2: Welcome them as usual.
        act: safe-support
        why: Respect.
    """

    static let school = """
    scenario: school-scene
    rev: 1
    title: A friend's new job
    audiences: school
    region: KH-BMC
    language: en
    trafficking: yes
    sources: s
    story: A friend says a man offers her a job in Thailand and will keep her ID card for her.
    question: q1 multi
    ask: Which details are warning signs?
    [x] o1: He will keep her ID card.
        ind: doc-held
        why: Control of documents.
    [ ] o2: The job is in Thailand.
        near: fear
        why: Many people work in Thailand.
    [ ] o3: She is excited.
        near: fear
        why: Ordinary.

    lesson: s1
    title: School lesson
    audience: school
    pass-mark: 75
    scenarios: school-scene
    """

    @Test func skippingAContentNotedSceneInAFinalAndAnsweringTheAlternatePasses() throws {
        let (bank, data) = try TestBank.make("alternate", extra: ["alt.txt": Self.alternate])
        let check = try Lookout.run(["check", bank])
        #expect(check.status == 0, "\(check.stderr)")
        let talk = try PlainConversation(["train", "--plain", "--bank", bank, "--data-dir", data, "--learner", "Dara", "--lesson", "l1"])
        try talk.answer(["He keeps their ID cards."])
        try talk.answer(["Tell the duty manager."])
        try talk.wait(for: "Content note: a young couple late at night")
        talk.send("2")                                                   // skip the scene
        try talk.wait(for: "A family at the desk")
        try talk.answer([])
        try talk.answer(["Welcome them as usual."])
        try talk.wait(for: "PASSED: Spotting the signs: 100% (needs 75%) · Acting safely: 100% (needs 75%)")
        let output = talk.finish()
        #expect(output.status == 0, "\(output.stderr)")
        #expect(output.stdout.contains(UIStrings.english[.alternateSceneNote]))
        #expect(!output.stdout.contains("A young couple checks in late"))  // the skipped story is never shown
        let store = try ProgressStore.open(directory: data)
        let stored = try store.allEvents()
        try store.close()
        #expect(stored.map(\.scenarioID) == ["desk", "desk", "couple-alt", "couple-alt"])
        // Every command that gives a verdict agrees: the same pass rule.
        let progress = try Lookout.run(["progress", "--bank", bank, "--data-dir", data, "--learner", "Dara"])
        #expect(progress.stdout.contains("l1                 passed"), "\(progress.stdout)")
        let certificate = try Lookout.run(["certificate", "--bank", bank, "--data-dir", data, "--learner", "Dara", "--lesson", "l1"])
        #expect(certificate.status == 0, "\(certificate.stderr)")
        // The facilitator's report (no passphrase set on this laptop) lists the skip, with the private-check line.
        let report = try Lookout.run(["report", "--bank", bank, "--data-dir", data])
        #expect(report.stdout.contains("Skipped scenes (for the facilitator only)"), "\(report.stdout)")
        #expect(report.stdout.contains("Dara: A couple at 1 am (alternate answered)"))
        #expect(report.stdout.contains("never a failure"))
        let json = try Lookout.run(["report", "--bank", bank, "--data-dir", data, "--format", "json"])
        // The projector (anonymous) report never shows a skip.
        let anonymous = try Lookout.run(["report", "--bank", bank, "--data-dir", data, "--anonymous"])
        #expect(anonymous.status == 0)
        #expect(!anonymous.stdout.contains("Skipped"))
        #expect(!anonymous.stdout.contains("A couple at 1 am"))
        let anonymousJSON = try Lookout.run(["report", "--bank", bank, "--data-dir", data, "--anonymous", "--format", "json"])
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(anonymousJSON.stdout.utf8)) as? [String: Any])
        let rows = try #require(parsed["learners"] as? [[String: Any]])
        #expect(rows.count == 1 && rows.allSatisfy { ($0["skipped"] as? [Any])?.isEmpty == true })
        let named = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let skipped = try #require(((named["learners"] as? [[String: Any]])?.first?["skipped"]) as? [[String: Any]])
        #expect(skipped.count == 1 && skipped[0]["scenarioID"] as? String == "couple" && skipped[0]["alternateID"] as? String == "couple-alt")
    }

    @Test func anOverReportIsWrongButDoesNotFailTheFinalAsUnsafe() throws {
        let (bank, data) = try TestBank.make("over-report", extra: ["alt.txt": Self.alternate])
        let talk = try PlainConversation(["train", "--plain", "--bank", bank, "--data-dir", data, "--learner", "Dara", "--lesson", "l1"])
        try talk.answer(["He keeps their ID cards."])
        try talk.answer(["Tell the duty manager."])
        try talk.wait(for: "Content note")
        talk.send("2")
        try talk.answer([])
        try talk.answer(["Call the police about them."])
        try talk.wait(for: "Acting safely:")
        let output = talk.finish()
        #expect(output.stdout.contains(UIStrings.english[.feedbackSingleOverReport]))
        #expect(!output.stdout.contains("(UNSAFE): Call the police about them."))
        #expect(!output.stdout.contains(UIStrings.english[.summaryShortfallUnsafe]))
        let store = try ProgressStore.open(directory: data)
        #expect(try store.allEvents().last?.action == .overReport)
        try store.close()
    }

    @Test func aPupilsSupportPanelPutsATrustedAdultFirstAndSaysUnverifiedInPlainWords() throws {
        let (bank, data) = try TestBank.make("school-support", extra: ["school.txt": Self.school])
        let pupil = try Lookout.run(["train", "--plain", "--bank", bank, "--data-dir", data, "--learner", "Dara", "--lesson", "s1"],
                                    stdin: "s\n")
        #expect(pupil.status == 0, "\(pupil.stderr)")
        let panel = try #require(pupil.stdout.components(separatedBy: "Support and reporting: Banteay Meanchey").last)
        let adult = try #require(panel.range(of: UIStrings.english[.supportTrustedAdultFirst]))
        let police = try #require(panel.range(of: "Police: 117"))
        #expect(adult.lowerBound < police.lowerBound)
        #expect(panel.contains("Rumoured hotline: 1288"))
        #expect(panel.contains("Not yet checked by us: if this number does not work, tell a trusted adult."))
        #expect(!panel.contains("UNVERIFIED"))
        // Staff in the hospitality track keep the adults' wording.
        let staff = try Lookout.run(["train", "--plain", "--bank", bank, "--data-dir", data, "--learner", "Sokha", "--lesson", "l1"],
                                    stdin: "s\n")
        #expect(staff.stdout.contains("UNVERIFIED"))
        #expect(!staff.stdout.contains(UIStrings.english[.supportTrustedAdultFirst]))
    }
}
