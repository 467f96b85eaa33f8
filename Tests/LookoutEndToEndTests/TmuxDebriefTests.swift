import LookoutTestSupport
import Foundation
import LookoutCore
import LookoutText
import LookoutStore
import Testing

/// The facilitator's debrief in the real binary on a projector-sized terminal (120x35) and at 80x24: the third view,
/// and `a` hiding every name.
@Suite(.enabled(if: TmuxSession.isAvailable, "tmux is not installed: install it (apt-get install tmux) to run the full-screen end-to-end tests"),
       .serialized)
struct TmuxDebriefTests {
    /// An intro lesson for the test bank (whose l1 is a final), so the gain lists the learners.
    static let intro = """
        lesson: i1
        title: Intro
        audience: hospitality
        kind: intro
        pass-mark: 70
        scenarios: desk

        """

    /// Three learners with answers to the test bank's desk scene in the intro (the trainer shows class results from 3
    /// active learners); no passphrase set.
    static func classStore() throws -> (bank: String, data: String) {
        let (bank, data) = try TestBank.make("tmux-debrief", extra: ["intro.txt": Self.intro])
        let store = try ProgressStore.open(directory: data)
        defer { try? store.close() }
        let dara = try store.addLearner(name: "Dara Vong", at: 1)
        let sokha = try store.addLearner(name: "Sokha Mean", at: 2)
        let maly = try store.addLearner(name: "Maly Chea", at: 3)
        for who in [dara, sokha, maly] { _ = try store.startAttempt(learnerID: who.id, lessonID: "i1", at: 1_000, id: "att-" + who.id) }
        var n = 0
        func answer(_ who: Learner, _ question: String, _ chosen: [String]) throws {
            n += 1
            try store.append(AnswerEvent(id: "ev-\(n)", learnerID: who.id, attemptID: "att-" + who.id, lessonID: "i1",
                                         scenarioID: "desk", scenarioRev: 1, questionID: question, chosen: chosen,
                                         credit: 0, action: nil, time: 1_000 + Int64(n), isRepeat: false))
        }
        try answer(dara, "q1", ["o1"])
        try answer(dara, "q2", ["a2"])
        try answer(sokha, "q1", ["o1", "o2"])
        try answer(sokha, "q2", ["a1"])
        try answer(maly, "q1", ["o2"])
        try answer(maly, "q2", ["a1"])
        return (bank, data)
    }

    @Test(arguments: [(120, 35), (80, 24)])
    func debriefAndProjectorMode(size: (Int, Int)) throws {
        let (bank, data) = try Self.classStore()
        let tmux = try TmuxSession([Lookout.binary, "train", "--bank", bank, "--data-dir", data, "--learner", "Dara Vong"],
                                   width: size.0, height: size.1)
        defer { tmux.close() }
        try tmux.wait(for: "Facilitator")
        // No passphrase is set: the results open at once (a learner is never asked to choose one, issue 20).
        try tmux.send("Down", "Down", "Enter")
        try tmux.wait(for: "Warning signs, worst first")
        try tmux.send("3")
        let debrief = try tmux.wait(for: "Debrief: 3 learners, 6 first answers")
        #expect(debrief.contains("Three women at the desk (trafficking)"))
        #expect(debrief.contains("a hide names"))
        for line in debrief.split(separator: "\n") { #expect(DisplayWidth.width(of: String(line)) <= size.0) }
        // Without projector mode the gain lists the learners by name.
        var named = false
        for _ in 0..<12 where !named {
            named = try tmux.screen().contains("Sokha Mean")
            try tmux.send("PageDown")
        }
        #expect(named)
        try tmux.send("Home")
        try tmux.send("a")
        try tmux.wait(for: "names hidden")
        // Page through the whole debrief: no name on any page.
        for _ in 0..<12 {
            let screen = try tmux.screen()
            #expect(!screen.contains("Dara") && !screen.contains("Sokha") && !screen.contains("Maly"), "a name on the projector:\n\(screen)")
            try tmux.send("PageDown")
        }
        try tmux.send("Escape")
        try tmux.wait(for: "Switch learner")
        try tmux.send("q")
        try tmux.wait(for: "Save and quit?")
        try tmux.send("y")
        try tmux.wait(for: "[exit 0]")
    }
}
