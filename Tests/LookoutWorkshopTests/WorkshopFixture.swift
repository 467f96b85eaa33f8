import LookoutTestSupport
import Foundation
import LookoutCore
import LookoutStore

/// A small hand-written bank and a hand-written class, used by every workshop test.
///
/// Bank: indicators ind-a, ind-b, ind-c (used) and ind-d (never used); scenario s1 (trafficking) with a
/// multi question (o1 ind-a, o2 ind-b true signs; o3 near ind-a, o4 near ind-b look-alikes) and a
/// single question (a1 safe-report right, a2 unsafe-confront, a3 ignore); scenario s2 (no trafficking)
/// with a multi question of look-alikes only (o1 near ind-a, o2 near ind-c) and a single question (a1
/// tell-supervisor right, a2 investigate-alone). Lesson L1 = s1, s2, pass mark 70; lesson L2 = s2.
///
/// Class (all in lesson L1, one attempt each):
///
/// | learner | s1.q1 ticks | s1.q2 | s2.q1 ticks | s2.q2 |
/// | --- | --- | --- | --- | --- |
/// | Alice | o1 o2 o3 | a1 | none | a1 |
/// | Bob | o1, then a re-queued repeat of s1.q1 ticking o1 o2 | a2 | o1 o2 | a2 |
/// | សុខា (Sokha) | o1 o2 | a1 | (stopped) | |
/// | Carol | no answers | | | |
enum WorkshopFixture {
    static let files: [(path: String, text: String)] = [
        ("sources.txt", """
            source: src-1
            title: A test source
            publisher: Test publisher
            year: 2024

            """),
        ("taxonomy.txt", """
            indicator: ind-a
            category: documents-money
            title: Documents held by someone else
            strength: strong
            audiences: hospitality
            sources: src-1
            explain:
              | Holding someone's papers controls them.

            indicator: ind-b
            category: movement-communication
            title: Someone speaks for them
            strength: medium
            audiences: hospitality
            sources: src-1
            explain:
              | Never allowed to speak for themselves.

            indicator: ind-c
            category: documents-money
            title: Pays only in cash, "no receipt"
            strength: weak
            audiences: hospitality
            sources: src-1
            explain:
              | Matters only with other signs.

            indicator: ind-d
            category: venue
            title: Never used in any scenario
            strength: weak
            audiences: hospitality
            sources: src-1
            explain:
              | Unused.

            """),
        ("regions/test.txt", """
            region: TEST-R
            name: Testland Province <North>
            language: en

            hotline: police
            name: Police
            number: 117
            source: src-1
            last-verified: 2026-06-01
            status: verified

            """),
        ("lessons.txt", """
            lesson: L1
            title: Front desk & "first steps"
            audience: hospitality
            pass-mark: 70
            scenarios:
              - s1
              - s2

            lesson: L2
            title: Second lesson
            audience: hospitality
            pass-mark: 50
            scenarios: s2

            """),
        ("hospitality/s1.txt", scenario1(rev: 1)),
        ("hospitality/s2.txt", scenario2(rev: 1, title: "An ordinary family")),
    ]

    static func scenario1(rev: Int) -> String {
        """
        scenario: s1
        rev: \(rev)
        title: Three guests at check-in
        audiences: hospitality
        region: TEST-R
        language: en
        trafficking: yes
        sources: src-1
        story:
          | A man checks in three young women and keeps their ID cards.

        question: q1 multi
        ask: Which details are warning signs?
        [x] o1: He keeps their ID cards.
            ind: ind-a
            why: Holding papers controls people.
        [x] o2: He answers for them.
            ind: ind-b
            why: They cannot speak.
        [ ] o3: They carry photocopies of their IDs.
            near: ind-a
            why: Copies are ordinary.
        [ ] o4: A friend translates for one guest.
            near: ind-b
            why: Helping with a language is ordinary.

        question: q2 single
        ask: What should you do?
        (*) a1: Note the details and call the hotline.
            act: safe-report
            why: Safe.
        ( ) a2: Confront him.
            act: unsafe-confront
            why: Dangerous.
        ( ) a3: Do nothing.
            act: ignore
            why: Someone may need help.

        """
    }

    static func scenario2(rev: Int, title: String) -> String {
        """
        scenario: s2
        rev: \(rev)
        title: \(title)
        audiences: hospitality
        region: TEST-R
        language: en
        trafficking: no
        sources: src-1
        story:
          | A family pays cash for two nights.

        question: q1 multi
        ask: Which details are warning signs?
        [ ] o1: The father holds the children's passports.
            near: ind-a
            why: Parents hold their children's papers.
        [ ] o2: They pay in cash.
            near: ind-c
            why: Many guests pay cash.

        question: q2 single
        ask: What should you do?
        (*) a1: Check them in as usual.
            act: tell-supervisor
            why: Nothing is wrong.
        ( ) a2: Search their room.
            act: investigate-alone
            why: Never investigate alone.

        """
    }

    /// The bank, parsed and checked as the program does.
    static func bank(replacing replacements: [String: String] = [:]) throws -> Bank {
        let result = BankLoader.load(files: files.map { file in
            (path: file.path, bytes: Array((replacements[file.path] ?? file.text).utf8))
        }, options: ValidationOptions(today: CalendarDate(year: 2026, month: 11, day: 29)))
        if result.hasErrors {
            throw FixtureError(message: result.diagnostics.map(\.description).joined(separator: "\n"))
        }
        return result.bank
    }

    struct FixtureError: Error, CustomStringConvertible {
        var message: String
        var description: String { message }
    }

    /// Writes the bank's files under `folder` and returns the folder.
    @discardableResult
    static func writeBank(to folder: String, replacing replacements: [String: String] = [:]) throws -> String {
        for file in files {
            let path = folder + "/" + file.path
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent,
                                                    withIntermediateDirectories: true)
            try (replacements[file.path] ?? file.text).write(toFile: path, atomically: true, encoding: .utf8)
        }
        return folder
    }

    // MARK: The class

    static let sokha = "សុខា"
    /// 2026-11-26 09:00 UTC and one day later.
    static let day1: Int64 = 1_795_683_600_000
    static let day2: Int64 = day1 + 86_400_000

    struct Class {
        var learners: [Learner]
        var attempts: [Attempt]
        var events: [AnswerEvent]
        func learner(_ name: String) -> Learner? { learners.first { $0.name == name } }
    }

    /// The class of the table above. Alice answers on day 1, the others on day 2. Ids are prefixed
    /// with `prefix` so that two stores can hold different people of the same names.
    static func makeClass(prefix: String = "") -> Class {
        let alice = Learner(id: prefix + "learner-alice", name: "Alice", createdAt: day1 - 1000)
        let bob = Learner(id: prefix + "learner-bob", name: "Bob", createdAt: day1 - 900)
        let sokha = Learner(id: prefix + "learner-sokha", name: Self.sokha, createdAt: day1 - 800)
        let carol = Learner(id: prefix + "learner-carol", name: "Carol", createdAt: day1 - 700)
        let attempts = [
            Attempt(id: prefix + "att-alice", learnerID: alice.id, lessonID: "L1", startedAt: day1),
            Attempt(id: prefix + "att-bob", learnerID: bob.id, lessonID: "L1", startedAt: day2),
            Attempt(id: prefix + "att-sokha", learnerID: sokha.id, lessonID: "L1", startedAt: day2 + 100_000),
        ]
        var events: [AnswerEvent] = []
        func answer(_ who: Learner, _ attempt: String, _ time: Int64, _ scenario: String, _ question: String,
                    _ chosen: [String], repeat isRepeat: Bool = false) {
            events.append(AnswerEvent(
                id: "\(prefix)ev-\(who.id)-\(events.count)", learnerID: who.id, attemptID: prefix + attempt,
                lessonID: "L1", scenarioID: scenario, scenarioRev: 1, questionID: question, chosen: chosen,
                credit: 0, action: nil, time: time, isRepeat: isRepeat))
        }
        answer(alice, "att-alice", day1 + 1000, "s1", "q1", ["o1", "o2", "o3"])
        answer(alice, "att-alice", day1 + 2000, "s1", "q2", ["a1"])
        answer(alice, "att-alice", day1 + 3000, "s2", "q1", [])
        answer(alice, "att-alice", day1 + 4000, "s2", "q2", ["a1"])

        answer(bob, "att-bob", day2 + 1000, "s1", "q1", ["o1"])
        answer(bob, "att-bob", day2 + 2000, "s1", "q2", ["a2"])
        answer(bob, "att-bob", day2 + 3000, "s1", "q1", ["o1", "o2"], repeat: true)
        answer(bob, "att-bob", day2 + 4000, "s2", "q1", ["o1", "o2"])
        answer(bob, "att-bob", day2 + 5000, "s2", "q2", ["a2"])

        answer(sokha, "att-sokha", day2 + 101_000, "s1", "q1", ["o1", "o2"])
        answer(sokha, "att-sokha", day2 + 102_000, "s1", "q2", ["a1"])
        return Class(learners: [alice, bob, sokha, carol], attempts: attempts, events: events)
    }

    /// A store file in a new temporary folder, filled with the class. Returns the data folder.
    static func makeStore(prefix: String = "", name: String = "lookout-ws") throws -> String {
        let folder = try Lookout.temporaryDirectory(name)
        let store = try ProgressStore.open(directory: folder)
        let c = makeClass(prefix: prefix)
        try store.importRecords(learners: c.learners, attempts: c.attempts, events: c.events)
        try store.close()
        return folder
    }
}
