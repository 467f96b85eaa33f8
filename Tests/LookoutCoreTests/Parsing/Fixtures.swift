import Foundation
import LookoutCore

/// A small valid bank, as text files, that tests change one line at a time.
enum Fixture {
    static let sources = """
    source: ilo
    title: ILO Indicators of Forced Labour
    publisher: International Labour Organization
    url: https://www.ilo.org/
    year: 2012

    source: seed
    title: Seed article (unverified)
    publisher: unknown website
    year: 2024
    """

    static let taxonomy = """
    indicator: doc-held
    category: documents-money
    title: Someone else holds their ID
    strength: strong
    audiences: police, hospitality
    sources: ilo
    explain:
      | Holding someone's papers stops them leaving.

    indicator: fear
    category: behaviour
    title: Fearful and anxious
    strength: weak
    audiences: police, school, hospitality
    sources: ilo
    explain: Fear alone means little.

    indicator: minor-adult
    category: minors
    title: A minor with an unrelated adult
    strength: strong
    audiences: hospitality
    sources: ilo, seed
    explain: A child checked in by an adult who is not family.
    """

    static let scenario = """
    scenario: desk-1
    rev: 2
    title: Three women at check-in
    audiences: hospitality
    region: KH-BMC
    language: en
    trafficking: yes
    sources: ilo
    story:
      | A man checks in three women
      | and keeps their ID cards.
      |
      | He answers for them.

    question: q1 multi
    ask: Which details are warning signs?
    [x] o1: He keeps their ID cards.
        ind: doc-held
        why: Holding papers is control.
    [ ] o2: They arrive late.
        near: fear
        why: Late arrival is ordinary.

    question: q2 single
    ask: What should you do?
    (*) a1: Tell the duty manager.
        act: tell-supervisor
        why: Follow the procedure.
    ( ) a2: Confront him.
        act: unsafe-confront
        why: Dangerous.
    """

    static let ordinary = """
    scenario: couple-1
    rev: 1
    title: A couple at 1 am
    audiences: hospitality, police
    region: any
    language: en
    trafficking: no
    sources: seed
    story: A young couple checks in late and pays cash.

    question: q1 multi
    ask: Which details are warning signs?
    [ ] o1: They pay cash.
        near: doc-held
        why: Cash is normal.
    [ ] o2: They are nervous.
        near: fear
        why: Nervous is normal.

    question: q2 single
    ask: What should you do?
    (*) a1: Treat them as any guests.
        act: safe-support
        why: Respect.
    ( ) a2: Call the police.
        act: unsafe-blame-victim
        why: Harmful.
    """

    static let lessons = """
    lesson: hos-intro
    title: First steps
    audience: hospitality
    pass-mark: 80
    minutes: 10
    scenarios: desk-1
      - couple-1
    """

    static let region = """
    region: KH-BMC
    name: Banteay Meanchey
    note: Never confront.

    hotline: police-117
    name: Police
    number: 117
    source: ilo
    last-verified: 2026-11-20
    status: verified

    organisation: seed-org
    name: Some organisation
    source: seed
    last-verified: 2026-11-20
    status: unverified
    """

    static var files: [String: String] {
        [
            "sources.txt": sources, "taxonomy.txt": taxonomy, "desk.txt": scenario, "couple.txt": ordinary,
            "lessons.txt": lessons, "region.txt": region,
        ]
    }

    static let today = CalendarDate(year: 2026, month: 11, day: 29)

    static func load(_ files: [String: String], today: CalendarDate? = Fixture.today) -> BankLoadResult {
        let list = files.keys.sorted().map { (path: $0, bytes: Array(files[$0]!.utf8)) }
        return BankLoader.load(files: list, options: ValidationOptions(today: today))
    }

    static func load(bytes files: [String: [UInt8]]) -> BankLoadResult {
        let list = files.keys.sorted().map { (path: $0, bytes: files[$0]!) }
        return BankLoader.load(files: list, options: ValidationOptions(today: today))
    }

    /// The fixture bank with one file's text changed.
    static func with(_ path: String, _ transform: (String) -> String) -> [String: String] {
        var all = files
        all[path] = transform(all[path]!)
        return all
    }
}

extension String {
    /// Replaces the first occurrence of `target`; fails loudly in tests if it is absent.
    func replacingFirst(_ target: String, with replacement: String) -> String {
        guard let range = range(of: target) else { return "<<\(target) not found>>" + self }
        return replacingCharacters(in: range, with: replacement)
    }
}
