import LookoutCore
import Testing

/// Translation files: review status, indicator and region translations, the localized bank with its per-text
/// fallback to English, and the counts `check --stats` prints.
@Suite struct TranslationTests {
    static let deskKm = """
    translation: desk-1
    language: km
    rev: 2
    review: draft
    title: ស្ត្រី​បី​នាក់
    story:
      | បុរស​ម្នាក់​ចុះ​ឈ្មោះ​ស្ត្រី​បី​នាក់។
    q1.ask: តើ​ព័ត៌មាន​លម្អិត​ណា​ជា​សញ្ញា​ព្រមាន?
    q1.o1: គាត់​ទុក​អត្តសញ្ញាណ​ប័ណ្ណ​របស់​ពួក​គេ។
    """

    static let docHeldKm = """
    translation: doc-held
    of: indicator
    language: km
    review: reviewed
    reviewer: Sok Dara
    reviewed-on: 2027-01-15
    title: មាន​អ្នក​ផ្សេង​កាន់​អត្តសញ្ញាណ​ប័ណ្ណ
    explain: ការ​កាន់​ឯកសារ​របស់​គេ​រារាំង​គេ​មិន​ឲ្យ​ចាក​ចេញ។
    """

    static let regionKm = """
    translation: KH-BMC
    of: region
    language: km
    name: បន្ទាយមានជ័យ
    note: កុំ​ប្រឈម​មុខ។
    police-117.name: ប៉ូលិស
    """

    static func loaded(_ extra: [String: String]) -> BankLoadResult {
        var files = Fixture.files
        for (k, v) in extra { files[k] = v }
        return Fixture.load(files)
    }

    @Test func reviewStatusAndTargetsAreRead() throws {
        let result = Self.loaded(["km-desk.txt": Self.deskKm, "km-tax.txt": Self.docHeldKm, "km-reg.txt": Self.regionKm])
        #expect(result.diagnostics.filter { $0.severity == .error }.isEmpty, "\(result.diagnostics)")
        let desk = try #require(result.bank.translation(of: "desk-1", language: "km"))
        #expect(desk.target == .scenario && desk.review == .draft && !desk.isReviewed)
        let doc = try #require(result.bank.translation(of: "doc-held", language: "km", target: .indicator))
        #expect(doc.isReviewed && doc.reviewer == "Sok Dara" && doc.reviewedOn == "2027-01-15")
        #expect(doc.texts.keys.sorted() == ["explain", "title"])
        let region = try #require(result.bank.translation(of: "KH-BMC", language: "km", target: .region))
        #expect(region.review == .draft)
        // A region translation that lacks texts is warned about (W061), naming them.
        #expect(result.diagnostics.contains { $0.code == "W061" && $0.message.contains("'KH-BMC'") && $0.message.contains("seed-org.name") })
    }

    @Test func reviewedNeedsAReviewerAndADate() {
        let noName = Self.docHeldKm.replacingFirst("reviewer: Sok Dara\n", with: "")
        let result = Self.loaded(["km-tax.txt": noName])
        #expect(result.diagnostics.contains { $0.code == "E015" && $0.message.contains("'review: reviewed' needs 'reviewer:'") })
        let badDate = Self.loaded(["km-tax.txt": Self.docHeldKm.replacingFirst("2027-01-15", with: "15/01/2027")])
        #expect(badDate.diagnostics.contains { $0.code == "E015" && $0.message.contains("'reviewed-on:' is a date") })
        let badReview = Self.loaded(["km-tax.txt": Self.docHeldKm.replacingFirst("review: reviewed", with: "review: ok")])
        #expect(badReview.diagnostics.contains { $0.code == "E015" && $0.message.contains("'review:' is draft or reviewed") })
    }

    @Test func unknownTargetsAndKeysAreErrors() {
        let unknownIndicator = Self.loaded(["km-tax.txt": Self.docHeldKm.replacingFirst("translation: doc-held", with: "translation: doc-kept")])
        #expect(unknownIndicator.hasErrors)
        #expect(unknownIndicator.diagnostics.contains { $0.message.contains("doc-kept") })
        let wrongKey = Self.loaded(["km-reg.txt": Self.regionKm + "\npolice-118.name: x\n"])
        #expect(wrongKey.diagnostics.contains { $0.code == "E060" && $0.message.contains("'police-118.name' names nothing in region 'KH-BMC'") })
        let revOnIndicator = Self.loaded(["km-tax.txt": Self.docHeldKm + "\nrev: 1\n"])
        #expect(revOnIndicator.diagnostics.contains { $0.code == "E015" && $0.message.contains("indicators have no revision") })
        let badOf = Self.loaded(["km-tax.txt": Self.docHeldKm.replacingFirst("of: indicator", with: "of: lesson")])
        #expect(badOf.diagnostics.contains { $0.code == "E015" && $0.message.contains("'of:' is scenario, indicator or region") })
    }

    /// The localized bank carries the translation where there is one and English for each text a translation
    /// lacks; answers, indicators and ids do not change.
    @Test func theLocalizedBankFallsBackToEnglishTextByText() throws {
        let bank = Self.loaded(["km-desk.txt": Self.deskKm, "km-tax.txt": Self.docHeldKm, "km-reg.txt": Self.regionKm]).bank
        let km = bank.localized(to: "km")
        let desk = try #require(km.scenario("desk-1"))
        let english = try #require(bank.scenario("desk-1"))
        #expect(desk.title == "ស្ត្រី​បី​នាក់")
        #expect(desk.questions[0].prompt == "តើ​ព័ត៌មាន​លម្អិត​ណា​ជា​សញ្ញា​ព្រមាន?")
        #expect(desk.questions[0].options[0].text == "គាត់​ទុក​អត្តសញ្ញាណ​ប័ណ្ណ​របស់​ពួក​គេ។")
        #expect(desk.questions[0].options[1].text == english.questions[0].options[1].text)   // not translated: English
        #expect(desk.questions[0].options.map(\.isCorrect) == english.questions[0].options.map(\.isCorrect))
        #expect(desk.questions[0].options.map(\.indicators) == english.questions[0].options.map(\.indicators))
        #expect(desk.rev == english.rev && desk.id == english.id)
        #expect(km.indicator("doc-held")?.title == "មាន​អ្នក​ផ្សេង​កាន់​អត្តសញ្ញាណ​ប័ណ្ណ")
        #expect(km.indicator("fear")?.title == bank.indicator("fear")?.title)
        let region = try #require(km.region("KH-BMC"))
        #expect(region.name == "បន្ទាយមានជ័យ")
        #expect(region.entries.first { $0.id == "police-117" }?.name == "ប៉ូលិស")
        #expect(region.entries.first { $0.id == "police-117" }?.number == "117")
        #expect(region.entries.first { $0.id == "seed-org" }?.name == "Some organisation")
        #expect(bank.localized(to: "en").scenarios == bank.scenarios)
    }

    @Test func aStaleTranslationIsNotShown() throws {
        let bank = Self.loaded(["km-desk.txt": Self.deskKm.replacingFirst("rev: 2", with: "rev: 1")]).bank
        #expect(bank.translationState(of: "desk-1", language: "km") == .stale)
        #expect(bank.localized(to: "km").scenario("desk-1")?.title == "Three women at check-in")
        #expect(bank.translationState(of: "couple-1", language: "km") == .missing)
        #expect(bank.translationState(of: "desk-1", language: "en") == .original)
    }

    @Test func statsCountReviewedDraftStaleAndMissingPerLanguage() throws {
        let bank = Self.loaded(["km-desk.txt": Self.deskKm, "km-tax.txt": Self.docHeldKm, "km-reg.txt": Self.regionKm]).bank
        let counts = TranslationCounts(bank: bank)
        let km = try #require(counts.languages["km"])
        #expect(km["scenario"] == .init(reviewed: 0, draft: 1, stale: 0, missing: 1))
        #expect(km["indicator"] == .init(reviewed: 1, draft: 0, stale: 0, missing: 2))
        #expect(km["region"] == .init(reviewed: 0, draft: 1, stale: 0, missing: 0))
        #expect(counts.text.contains("km  scenarios   reviewed 0, draft 1, stale 0, missing 1 (of 2)"))
        let stale = TranslationCounts(bank: Self.loaded(["km-desk.txt": Self.deskKm.replacingFirst("rev: 2", with: "rev: 1")]).bank)
        #expect(stale.languages["km"]?["scenario"] == .init(reviewed: 0, draft: 0, stale: 1, missing: 1))
        // With no translation at all, Khmer still shows, as all missing.
        #expect(TranslationCounts(bank: bank.localized(to: "en")).languages["km"] != nil)
    }
}
