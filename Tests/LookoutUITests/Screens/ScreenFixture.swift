import Foundation
import LookoutCore
import LookoutText
import LookoutTestSupport
@testable import LookoutUI
import Testing

/// A bank parsed from text, for screen tests: a short scene, a scene with a content note, a long scene that has to
/// scroll, a Khmer scene and a Chinese scene, four lessons, and a region with a verified and an unverified entry.
enum ScreenFixture {
    static let khmerStory = TestBank.khmerStory
    static let chineseStory = "一名妇女被骗到泰国工作。她的老板拿走了她的护照，不让她外出，也不付她工资。"

    static let text = """
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

    indicator: no-pay
    category: work-living
    title: Not paid, or paid to someone else
    strength: strong
    audiences: hospitality
    sources: s
    explain: Wages kept back or paid to a boss tie a worker to the job.

    region: KH-BMC
    name: Banteay Meanchey
    note: Call from a safe place.
    hotline: police-117
    name: Police
    number: 117
    hours: 24 hours
    source: s
    last-verified: 2026-11-20
    status: verified
    organisation: rumour
    name: Rumoured hotline
    number: 1288
    for: Said to take reports about work abroad.
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

    scenario: kitchen
    rev: 1
    title: The new kitchen helper
    audiences: hospitality
    region: KH-BMC
    language: en
    trafficking: yes
    sources: s
    story:
      | Sreyleak started in the guesthouse kitchen three weeks ago. She came from a village near the border with a
      | recruiter who promised her a job in a big hotel in Bangkok, but the job never happened.
      |
      | She sleeps in the storeroom behind the kitchen. The owner's brother collects her wages every Friday and says
      | he is keeping them safe until she has paid back what the trip cost.
      |
      | When you ask her where she is from, she looks at the door before she answers. She has never been seen
      | outside the guesthouse without him.
      |
      | Today she asks you, very quietly, whether you know how far it is to the bus station.
    question: q1 multi
    ask: Which details are warning signs?
    [x] o1: The owner's brother collects her wages and keeps them until a debt is paid.
        ind: no-pay
        why: Wages held back against a debt tie her to the job.
    [ ] o2: She looks at the door before she answers.
        near: fear
        why: Nervousness alone means little; it matters with the other signs.
    [ ] o3: She came from a village near the border.
        near: fear
        why: Where someone comes from is not a sign.

    \(TestBank.khmerScene)

    scenario: chinese
    rev: 1
    title: 在泰国的工作
    audiences: hospitality
    region: KH-BMC
    language: zh
    trafficking: yes
    sources: s
    story: \(chineseStory)
    question: q1 single
    ask: 你应该怎么做？
    (*) a1: 告诉你的主管。
        act: tell-supervisor
        why: 安全。
    ( ) a2: 自己去问老板。
        act: investigate-alone
        why: 危险。

    lesson: l1
    title: Lesson one
    audience: hospitality
    pass-mark: 75
    minutes: 10
    description: Two guests at the front desk: one with warning signs, one without.
    scenarios: desk, couple

    lesson: l2
    title: Lesson two: the kitchen
    audience: hospitality
    pass-mark: 80
    scenarios: kitchen, khmer

    lesson: l3
    title: Lesson three
    audience: hospitality
    pass-mark: 75
    scenarios: chinese

    lesson: l4
    title: Lesson four
    audience: hospitality
    pass-mark: 75
    scenarios: couple
    """

    static let bank: Bank = {
        let result = BankLoader.load(files: [(path: "bank.txt", bytes: Array(text.utf8))],
                                     options: ValidationOptions(today: CalendarDate(year: 2026, month: 12, day: 1)))
        return result.bank
    }()

    static var diagnostics: [Diagnostic] {
        BankLoader.load(files: [(path: "bank.txt", bytes: Array(text.utf8))],
                        options: ValidationOptions(today: CalendarDate(year: 2026, month: 12, day: 1))).diagnostics
    }
}

/// Drives a ``Navigator`` the way the app's driver does, in memory: answers are kept in `events`, PINs and the
/// facilitator passphrase in plain dictionaries, and learner and progress effects are answered from them.
struct Harness {
    var trainer: Navigator
    var events: [AnswerEvent]
    var pins: [String: String]
    var passphrase: String?
    var counter = 0

    init(bank: Bank = ScreenFixture.bank, learners: [Learner] = [], events: [AnswerEvent] = [],
         strings: UIStrings = .english, facilitatorLocked: Bool = false, pins: [String: String] = [:],
         shuffles: Bool = false) {
        trainer = Navigator(session: TrainingSession(bank: bank, region: bank.region("KH-BMC"),
                                                     facilitatorLocked: facilitatorLocked, shuffles: shuffles),
                            strings: strings)
        self.events = events
        self.pins = pins
        self.passphrase = facilitatorLocked ? "secret-passphrase" : nil
        handle(.learnersLoaded(learners, withPIN: Set(pins.keys)))
    }

    /// One second apart, so two Esc presses in a test are never the quick exit by accident.
    mutating func env() -> SessionEnvironment {
        counter += 1
        return SessionEnvironment(now: 1_000_000 + Int64(counter) * 1_000, newID: "id-\(events.count)-\(counter)")
    }

    mutating func ready(_ learner: Learner) -> SessionEvent {
        let history = events.filter { $0.learnerID == learner.id }
        return .learnerReady(learner, ProgressEngine.progress(bank: trainer.bank, events: history), history: history)
    }

    mutating func run(_ effects: [SessionEffect]) {
        var pending = effects
        while !pending.isEmpty {
            let effect = pending.removeFirst()
            var event: SessionEvent?
            switch effect {
            case .addLearner(let learner, let pin):
                if let pin { pins[learner.id] = pin }
                event = ready(learner)
            case .unlockLearner(let learner, let pin):
                if let stored = pins[learner.id], stored != pin {
                    event = .rejected(retryAt: 1_000_000 + Int64(counter) * 1_000 + 2_000)
                } else {
                    event = ready(learner)
                }
            case .refreshProgress(let learner):
                event = ready(learner)
            case .saveAnswer(let answer):
                events.append(answer)
            case .openFacilitator(let typed):
                if let passphrase, typed != passphrase {
                    event = .rejected(retryAt: 1_000_000 + Int64(counter) * 1_000 + 2_000)
                } else {
                    pending += trainer.handle(debriefReady(), env())
                    event = .classReportReady(ClassReport.make(bank: trainer.bank, learners: trainer.learners, events: events))
                }
            case .setFacilitatorPassphrase(let typed):
                passphrase = typed
                pending += trainer.handle(debriefReady(), env())
                event = .classReportReady(ClassReport.make(bank: trainer.bank, learners: trainer.learners, events: events))
            case .startAttempt, .quit, .quickExit:
                break
            }
            if let event { pending += trainer.handle(event, env()) }
        }
    }

    /// The debrief and the gain, as the driver sends them before the class report.
    func debriefReady() -> SessionEvent {
        .debriefReady(Debrief.make(bank: trainer.bank, learners: trainer.learners, events: events),
                      Gain.make(bank: trainer.bank, learners: trainer.learners, events: events))
    }

    mutating func handle(_ event: SessionEvent) { let e = env(); run(trainer.handle(event, e)) }

    mutating func send(_ intent: SessionIntent) { let e = env(); run(trainer.send(intent, e)) }

    mutating func resize(_ width: Int, _ height: Int) { trainer.resize(width: width, height: height) }

    mutating func press(_ keys: TrainerKey...) {
        for key in keys { let e = env(); run(trainer.press(key, e)) }
    }

    mutating func type(_ text: String) {
        for c in text { press(c == " " ? .space : .character(c)) }
    }

    static let dara = Learner(id: "L1", name: "Dara", createdAt: 1)
    static let sokha = Learner(id: "L2", name: "Sokha", createdAt: 2)

    /// Learner Dara selected, on the track menu.
    static func ready(events: [AnswerEvent] = [], strings: UIStrings = .english, facilitatorLocked: Bool = false) -> Harness {
        var harness = Harness(learners: [dara, sokha], events: events, strings: strings, facilitatorLocked: facilitatorLocked)
        harness.press(.enter)
        return harness
    }

    /// Dara in the lesson with this number (1-based) of the hospitality track.
    static func inLesson(_ number: Int, events: [AnswerEvent] = [], strings: UIStrings = .english) -> Harness {
        var harness = ready(events: events, strings: strings)
        harness.press(.enter, .character(Character(String(number))))
        return harness
    }

    func render(_ width: Int, _ height: Int, utf8: Bool = true, colour: Bool = true) -> ScreenBuffer {
        TrainerView.render(trainer, size: Size(width: width, height: height),
                           capabilities: ViewCapabilities(utf8: utf8, colour: colour))
    }

    /// Renders at the size and hands the frame's scroll geometry to the navigator, as the full screen does.
    mutating func draw(_ width: Int, _ height: Int) -> ScreenBuffer {
        trainer.resize(width: width, height: height)
        let frame = render(width, height)
        trainer.drew(frame)
        return frame
    }
}

// MARK: Snapshot files

enum Snapshots {
    static var directory: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Snapshots").path
    }

    static var recording: Bool { ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] == "1" }

    /// Compares the buffer's snapshot (text, styles and cursor) with `Snapshots/<name>.txt`, or writes the file when
    /// RECORD_SNAPSHOTS=1. A record run always fails (after writing), so it can never pass silently: review the
    /// files with `git diff`, then run again without RECORD_SNAPSHOTS.
    static func check(_ buffer: ScreenBuffer, _ name: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        let path = directory + "/" + name + ".txt"
        let actual = buffer.snapshot + "\n"
        if recording {
            try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            let written = (try? actual.write(toFile: path, atomically: true, encoding: .utf8)) != nil
            if written {
                Issue.record("recorded \(name).txt; check it with git diff, then run again without RECORD_SNAPSHOTS",
                             sourceLocation: sourceLocation)
            } else {
                Issue.record("could not record \(path)", sourceLocation: sourceLocation)
            }
            return
        }
        guard let expected = try? String(contentsOfFile: path, encoding: .utf8) else {
            Issue.record("no snapshot \(name).txt; record it with RECORD_SNAPSHOTS=1 swift test --filter LookoutUITests",
                         sourceLocation: sourceLocation)
            return
        }
        expectLines(actual.components(separatedBy: "\n"), expected.components(separatedBy: "\n"),
                    sourceLocation: sourceLocation)
    }

    /// Checks the screen at 80x24 and at 40x12.
    static func check(_ harness: Harness, _ name: String, utf8: Bool = true, colour: Bool = true,
                      sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        for (w, h) in [(80, 24), (40, 12)] {
            check(harness.render(w, h, utf8: utf8, colour: colour), "\(name)-\(w)x\(h)", sourceLocation: sourceLocation)
        }
    }
}
