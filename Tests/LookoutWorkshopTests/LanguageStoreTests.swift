import LookoutTestSupport
import Foundation
@testable import LookoutApp
import LookoutCore
import LookoutText
import LookoutStore
import LookoutUI
import Testing

/// The learner's language is kept in the store (a `learner-language:ID` row of `meta`, so no schema change): it
/// survives closing the store, opens with the learner, yields to `--language` and LOOKOUT_LANGUAGE, and goes when
/// the learner is removed. A store from before this version has no such rows and opens in the locale's language.
@Suite struct LanguageStoreTests {
    func driver(_ dir: String, flag: UILanguage? = nil, env: [String: String] = [:]) throws -> TrainerDriver {
        let (bankDir, _) = try TestBank.make("language-bank")
        let store = try ProgressStore.open(directory: dir)
        return try TrainerDriver(bank: BankLocator.load(root: bankDir).bank, region: nil, store: store, language: flag,
                                 environment: env)
    }

    @Test func theChoiceIsStoredWithTheLearnerAndOverriddenByTheFlag() throws {
        let dir = try Lookout.temporaryDirectory("language-store")
        do {
            let first = try driver(dir)
            #expect(first.language == .english)
            first.useLearner(named: "Dara")
            #expect(first.session.learner?.name == "Dara")
            first.chooseLanguage(.khmer)
            #expect(first.language == .khmer)
            try first.store.close()
        }
        let second = try driver(dir)
        #expect(second.language == .english)            // nobody chosen yet: the locale (C) decides
        second.useLearner(named: "Dara")
        #expect(second.language == .khmer)
        let id = try #require(second.session.learner?.id)
        #expect(try second.store.meta(TrainerDriver.languageKey(id)) == "km")
        try second.store.close()

        let flagged = try driver(dir, flag: .english)
        flagged.useLearner(named: "Dara")
        #expect(flagged.language == .english)
        try flagged.store.close()
        let variable = try driver(dir, env: ["LOOKOUT_LANGUAGE": "en"])
        variable.useLearner(named: "Dara")
        #expect(variable.language == .english)
        try variable.store.close()
        let locale = try driver(dir, env: ["LANG": "km_KH.UTF-8"])
        #expect(locale.language == .khmer)
        try locale.store.close()

        let removed = try Lookout.run(["learners", "remove", "Dara", "--yes", "--data-dir", dir])
        #expect(removed.status == 0, "\(removed.stderr)")
        let after = try ProgressStore.open(directory: dir)
        #expect(try after.meta(withPrefix: "learner-language:").keys.contains(TrainerDriver.languageKey(id)) == false)
        try after.close()
    }

    /// The learner's language changes the bank's text to its current translations, English where there is none.
    @Test func theBankTextFollowsTheLanguage() throws {
        let dir = try Lookout.temporaryDirectory("language-text")
        let shipped = BankLocator.load(root: Lookout.shippedBank).bank
        let store = try ProgressStore.open(directory: dir)
        let driver = try TrainerDriver(bank: shipped, region: TrainerDriver.region(in: shipped, preferred: nil), store: store,
                                       language: .khmer)
        let docHeld = try #require(driver.session.bank.indicator("doc-held"))
        #expect(docHeld.title != shipped.indicator("doc-held")?.title)
        #expect(docHeld.title.unicodeScalars.contains { (0x1780...0x17FF).contains($0.value) })
        #expect(driver.session.region?.entries.first { $0.id == "police-117" }?.number == "117")
        #expect(driver.session.region?.name != shipped.region("KH-BMC")?.name)
        // Every shipped scenario has a current Khmer draft: its title is Khmer, its answers those of the original.
        let scenario = try #require(shipped.scenarios.first)
        let shown = try #require(driver.session.bank.scenario(scenario.id))
        #expect(shown.title != scenario.title)
        #expect(shown.title.unicodeScalars.contains { (0x1780...0x17FF).contains($0.value) })
        #expect(shown.questions.map { $0.options.map(\.isCorrect) } == scenario.questions.map { $0.options.map(\.isCorrect) })
        try store.close()
    }

    /// When the width check finds no model Khmer can be laid out with, Khmer chosen by default shows English with a
    /// one-line note; Khmer chosen from the menu shows anyway.
    @Test func aTerminalThatFailsTheWidthCheckGetsEnglishUnlessTheLearnerInsists() throws {
        let dir = try Lookout.temporaryDirectory("language-check")
        for finding in [WidthProbe.Finding.noAnswer, .unknown(advances: [2, 2, 3, 2]), .model(.clusterPerCell)] {
            let driver = try driver(dir, flag: .khmer)
            #expect(driver.language == .khmer)
            driver.useKhmerCheck(finding)
            #expect(driver.language == .english, "\(finding)")
            #expect(driver.navigator.message?.hasPrefix("This terminal cannot show Khmer reliably") == true)
            driver.useLearner(named: "Dara")
            #expect(driver.language == .english)
            driver.chooseLanguage(.khmer)
            #expect(driver.language == .khmer)
            try driver.store.close()
        }
        for finding in [WidthProbe.Finding.model(.glibc), .model(.windowsTerminal)] {
            let driver = try driver(dir, flag: .khmer)
            driver.useKhmerCheck(finding)
            #expect(driver.language == .khmer, "\(finding)")
            #expect(driver.khmerProblem == nil)
            try driver.store.close()
        }
    }
}
