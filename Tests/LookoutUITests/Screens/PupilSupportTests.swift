import LookoutCore
import LookoutText
@testable import LookoutUI
import Testing

/// The support panel speaks to a pupil in the school track: "tell a trusted adult" first, and an unverified number
/// marked in plain words instead of "UNVERIFIED" (``SupportAdvice``). Staff tracks keep the adults' panel.
@Suite struct PupilSupportTests {
    static let bank: Bank = {
        let text = ScreenFixture.text + """


            lesson: s1
            title: School lesson
            audience: school
            pass-mark: 75
            scenarios: couple
            """
        return BankLoader.load(files: [(path: "bank.txt", bytes: Array(text.utf8))]).bank
    }()

    /// Dara on the lesson list of `track`, with the support panel open.
    static func panel(_ track: Track) -> (Harness, String) {
        var harness = Harness(bank: bank, learners: [Harness.dara])
        harness.press(.enter)                                           // Dara
        let index = harness.trainer.trackMenu.firstIndex(of: .track(track)) ?? 0
        for _ in 0..<index { harness.press(.down) }
        harness.press(.enter)                                           // the track's lessons
        harness.press(.character("s"))
        return (harness, harness.render(80, 30).snapshot)
    }

    @Test func aPupilReadsTrustedAdultFirstAndUnverifiedInPlainWords() throws {
        let (harness, screen) = Self.panel(.school)
        #expect(harness.trainer.overlay == .support(scroll: 0))
        #expect(harness.trainer.supportIsForPupil)
        let adult = try #require(screen.range(of: "First, tell a trusted adult"))
        let never = try #require(screen.range(of: UIStrings.english[.supportNeverConfront]))
        #expect(adult.lowerBound < never.lowerBound)
        #expect(screen.contains("Not yet checked by us: if this number does not"))
        #expect(!screen.contains("UNVERIFIED"))
    }

    @Test func staffKeepTheAdultsPanel() {
        let (harness, screen) = Self.panel(.hospitality)
        #expect(!harness.trainer.supportIsForPupil)
        #expect(screen.contains("UNVERIFIED"))
        #expect(!screen.contains("First, tell a trusted adult"))
    }
}
