import Foundation

/// A small bank with known answers, written to a temporary folder for end-to-end tests.
public enum TestBank {
    public static let text = """
    source: s
    title: Source
    publisher: P
    year: 2020

    indicator: doc-held
    category: documents-money
    title: Someone else holds their ID
    strength: strong
    audiences: hospitality
    sources: s
    explain: Papers held by a boss stop a worker leaving.

    indicator: fear
    category: behaviour
    title: Fearful
    strength: weak
    audiences: hospitality
    sources: s
    explain: Fear alone means little.

    region: KH-BMC
    name: Banteay Meanchey
    note: Never confront; report.
    hotline: police-117
    name: Police
    number: 117
    source: s
    last-verified: 2026-11-20
    status: verified
    hotline: rumour
    name: Rumoured hotline
    number: 1288
    source: s
    last-verified: 2026-11-20
    status: unverified

    scenario: desk
    rev: 1
    title: Three women at the desk
    audiences: hospitality
    region: KH-BMC
    language: en
    trafficking: yes
    sources: s
    story: A man checks in three women and keeps their ID cards.
    question: q1 multi
    ask: Which details are warning signs?
    [x] o1: He keeps their ID cards.
        ind: doc-held
        why: Control of documents.
    [ ] o2: They arrive late.
        near: fear
        why: Ordinary.
    question: q2 single
    ask: What should you do?
    (*) a1: Tell the duty manager.
        act: tell-supervisor
        why: Safe.
    ( ) a2: Confront him.
        act: unsafe-confront
        why: Risky.

    scenario: couple
    rev: 1
    title: A couple at 1 am
    audiences: hospitality
    region: any
    language: en
    trafficking: no
    content-note: a young couple late at night
    sources: s
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
    ( ) a1: Call the police.
        act: unsafe-blame-victim
        why: Harmful.
    (*) a2: Treat them as any guests.
        act: safe-support
        why: Respect.

    lesson: l1
    title: Lesson one
    audience: hospitality
    kind: final
    pass-mark: 75
    scenarios: desk, couple

    lesson: l2
    title: Lesson two
    audience: hospitality
    kind: practice
    pass-mark: 75
    scenarios: desk, couple
    """

    /// Writes the bank and returns (bank folder, data folder).
    public static func make(_ name: String = "bank", extra: [String: String] = [:]) throws -> (bank: String, data: String) {
        let dir = try Lookout.temporaryDirectory(name)
        let bank = dir + "/bank"
        try FileManager.default.createDirectory(atPath: bank, withIntermediateDirectories: true)
        try text.write(toFile: bank + "/bank.txt", atomically: true, encoding: .utf8)
        for (file, contents) in extra { try contents.write(toFile: bank + "/" + file, atomically: true, encoding: .utf8) }
        return (bank, dir + "/data")
    }

    /// A Khmer scene, for wrapping and rendering tests (story, one multi question).
    public static let khmerStory = "ស្ត្រីម្នាក់ត្រូវបានគេបោកប្រាស់ឱ្យទៅធ្វើការនៅប្រទេសថៃ។ មេការរបស់នាងបានយកលិខិតឆ្លងដែនរបស់នាង ហើយមិនឱ្យនាងចេញទៅក្រៅទេ។"

    /// The Khmer scene as bank text.
    public static let khmerScene = """
        scenario: khmer
        rev: 1
        title: ការងារនៅប្រទេសថៃ
        audiences: hospitality
        region: KH-BMC
        language: km
        trafficking: yes
        sources: s
        story: \(khmerStory)
        question: q1 multi
        ask: តើព័ត៌មានលម្អិតណាខ្លះជាសញ្ញាព្រមាន?
        [x] o1: មេការយកលិខិតឆ្លងដែនរបស់នាង។
            ind: doc-held
            why: ការកាន់កាប់ឯកសាររារាំងការចាកចេញ។
        [ ] o2: នាងធ្វើការនៅប្រទេសថៃ។
            near: fear
            why: ការធ្វើការនៅបរទេសមិនមែនជាសញ្ញាទេ។
        """

    /// The Khmer scene as bank text, followed by a lesson `km1` with it.
    public static let khmerScenario = khmerScene + """


        lesson: km1
        title: Khmer lesson
        audience: hospitality
        pass-mark: 75
        scenarios: khmer
        """
}
