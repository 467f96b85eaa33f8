import LookoutCore

/// A small bank for lesson and progress tests.
///
/// - `s-guesthouse` (trafficking): q1 multi: o1 [x] doc-held, o2 [x] com-proxy, o3 [ ] near late,
///   o4 [ ] near cash; q2 single: a1 unsafe-confront, a2 (*) tell-supervisor, a3 ignore.
/// - `s-couple` (no trafficking): q1 multi: o1 [ ] near doc-held, o2 [ ] near com-proxy, o3 [ ] near late;
///   q2 single: a1 (*) safe-support, a2 unsafe-post.
/// - `s-kitchen` (rev 2): q1 multi: o1 [x] cash, o2 [x] doc-held, o3 [ ] near com-proxy.
/// - Lessons: `l-main` (pass mark 70): guesthouse, couple, kitchen; `l-couple` (80): couple;
///   `l-empty`: a scenario the bank does not have.
enum ScoringBank {
    typealias F = ScoringFixtures

    static let guesthouse = F.scenario("s-guesthouse", [
        F.multi("q1", [F.sign("o1", "doc-held"), F.sign("o2", "com-proxy"), F.lookalike("o3", near: "late"),
                       F.lookalike("o4", near: "cash")]),
        F.single("q2", [F.action("a1", .unsafeConfront), F.action("a2", .tellSupervisor, correct: true),
                        F.action("a3", .ignore)]),
    ])
    static let couple = F.scenario("s-couple", trafficking: false, [
        F.multi("q1", [F.lookalike("o1", near: "doc-held"), F.lookalike("o2", near: "com-proxy"),
                       F.lookalike("o3", near: "late")]),
        F.single("q2", [F.action("a1", .safeSupport, correct: true), F.action("a2", .unsafePost)]),
    ])
    static func kitchen(rev: Int = 2) -> Scenario {
        F.scenario("s-kitchen", rev: rev, [
            F.multi("q1", [F.sign("o1", "cash"), F.sign("o2", "doc-held"), F.lookalike("o3", near: "com-proxy")]),
        ])
    }

    static let mainLesson = F.lesson("l-main", passMark: 70, ["s-guesthouse", "s-couple", "s-kitchen"])
    static let coupleLesson = F.lesson("l-couple", passMark: 80, ["s-couple"])
    static let emptyLesson = F.lesson("l-empty", passMark: 50, ["s-gone"])

    static func bank(kitchenRev: Int = 2, extraScenarios: [Scenario] = []) -> Bank {
        Bank(indicators: ["doc-held", "com-proxy", "late", "cash", "unused"].map(F.indicator),
             scenarios: [guesthouse, couple, kitchen(rev: kitchenRev)] + extraScenarios,
             lessons: [mainLesson, coupleLesson, emptyLesson])
    }

    /// One full run of `l-main` with a re-queued repeat of the guesthouse:
    /// first-attempt credits 0 (½ − ½), 0 (unsafe), 1, 1, 1 → 60 %.
    static func firstRun(_ log: inout F.EventLog, attempt: String = "t1", kitchenRev: Int = 2) {
        let l = "l-main"
        log.answer(guesthouse, "q1", ["o1", "o3"], lesson: l, attempt: attempt)
        log.answer(guesthouse, "q2", ["a1"], lesson: l, attempt: attempt)
        log.answer(couple, "q1", [], lesson: l, attempt: attempt)
        log.answer(couple, "q2", ["a1"], lesson: l, attempt: attempt)
        log.answer(guesthouse, "q1", ["o1", "o2"], lesson: l, attempt: attempt, repeat: true)
        log.answer(guesthouse, "q2", ["a2"], lesson: l, attempt: attempt, repeat: true)
        log.answer(kitchen(rev: kitchenRev), "q1", ["o1", "o2"], lesson: l, attempt: attempt)
    }

    /// A full run of `l-main` with everything right.
    static func perfectRun(_ log: inout F.EventLog, attempt: String) {
        let l = "l-main"
        log.answer(guesthouse, "q1", ["o1", "o2"], lesson: l, attempt: attempt)
        log.answer(guesthouse, "q2", ["a2"], lesson: l, attempt: attempt)
        log.answer(couple, "q1", [], lesson: l, attempt: attempt)
        log.answer(couple, "q2", ["a1"], lesson: l, attempt: attempt)
        log.answer(kitchen(), "q1", ["o1", "o2"], lesson: l, attempt: attempt)
    }
}
