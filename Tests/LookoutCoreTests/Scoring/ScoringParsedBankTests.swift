import Testing
import LookoutCore

@Suite("Scoring: a bank parsed from text")
struct ScoringParsedBankTests {
    static let text = """
    source: src-a
    title: A public leaflet
    publisher: Someone
    year: 2020

    indicator: doc-held
    category: documents-money
    title: Someone else holds their ID
    strength: strong
    audiences: hospitality
    sources: src-a
    explain: Holding someone's papers restricts their freedom.

    indicator: com-proxy
    category: movement-communication
    title: Someone else speaks for them
    strength: medium
    audiences: hospitality
    sources: src-a
    explain: A person never allowed to speak may be controlled.

    scenario: check-in
    rev: 2
    title: Three young women at check-in
    audiences: hospitality
    region: any
    language: en
    trafficking: yes
    sources: src-a
    story:
      | A man checks in three young women and keeps their ID cards.

    question: q1 multi
    ask: Which details are warning signs?
    [x] o1: He keeps their ID cards.
        ind: doc-held
        why: Holding other adults' documents is a strong sign.
    [x] o2: He answers for them.
        ind: com-proxy
        why: Someone who may not speak for themselves may be controlled.
    [ ] o3: They arrive late.
        near: com-proxy
        why: Guests arrive late for ordinary reasons.

    question: q2 single
    ask: What should the receptionist do?
    ( ) a1: Demand the IDs back.
        act: unsafe-confront
        why: Confronting him can put everyone in danger.
    (*) a2: Note the details and tell the duty manager.
        act: tell-supervisor
        why: The manager can call the hotline.

    scenario: couple
    rev: 1
    title: A couple on holiday
    audiences: hospitality
    region: any
    language: en
    trafficking: no
    sources: src-a
    story:
      | A couple checks in; he carries both passports in his bag.

    question: q1 multi
    ask: Which details are warning signs?
    [ ] o1: He carries both passports.
        near: doc-held
        why: Couples often keep their papers together.
    [ ] o2: He does the talking.
        near: com-proxy
        why: One partner often speaks for both at a desk.

    lesson: desk
    title: Front desk
    audience: hospitality
    pass-mark: 75
    scenarios: check-in, couple
    """

    static func load() -> BankLoadResult {
        BankValidator.validate([BankParser.parse(text, path: "bank.txt")])
    }

    @Test("the text loads without errors")
    func loads() {
        let loaded = Self.load()
        #expect(!loaded.hasErrors, "\(loaded.diagnostics.map(\.description))")
        #expect(loaded.bank.scenarios.count == 2)
    }

    @Test("scoring, lesson result and progress on the parsed bank")
    func scoresParsedBank() throws {
        let bank = Self.load().bank
        let checkIn = try #require(bank.scenario("check-in"))
        let couple = try #require(bank.scenario("couple"))
        let lesson = try #require(bank.lesson("desk"))

        // q1: S = 2, N = 1; o1 and o3 ticked → 1/2 − 1/1 → 0.
        let q1 = try #require(checkIn.question("q1"))
        #expect(Scorer.score(q1, chosen: ["o1", "o3"]).credit == 0)
        #expect(Scorer.score(q1, chosen: ["o1", "o2"]).credit == 1)
        // The no-trafficking scene: S = 0, N = 2; one tick → 1 − 1/2.
        let c1 = try #require(couple.question("q1"))
        #expect(Scorer.score(c1, chosen: ["o2"]).credit == 0.5)

        var log = ScoringFixtures.EventLog()
        log.answer(checkIn, "q1", ["o1", "o2"], lesson: "desk", attempt: "t")
        log.answer(checkIn, "q2", ["a2"], lesson: "desk", attempt: "t")
        log.answer(couple, "q1", ["o2"], lesson: "desk", attempt: "t")
        // (1 + 1 + 0.5) / 3 = 83.3 % ≥ 75.
        let result = LessonScoring.result(lesson: lesson, bank: bank, events: log.events)
        #expect(abs(result.scorePercent - 83.333_333_333) < 1e-6)
        #expect(result.passed)
        #expect(result.indicatorsToReview == ["com-proxy"])

        let progress = ProgressEngine.progress(bank: bank, events: log.events)
        #expect(progress.lesson("desk")?.status == .passed)
        #expect(progress.coverage.scenariosSeen == 2 && progress.coverage.indicatorsSeen == 2)
        #expect(progress.indicator("com-proxy")?.falseAlarms == 1)
    }
}
