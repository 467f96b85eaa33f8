import LookoutCore
import LookoutText
import Testing

/// The debrief against counts and ranks worked out by hand from the fixture's class (see WorkshopFixture).
///
/// First answers (the repeat of Bob's s1.q1 is not a first answer):
///
/// | item | Alice | Bob | Sokha | n | errors | Wilson low |
/// | --- | --- | --- | --- | --- | --- | --- |
/// | s1.q1 | o1 o2 o3 (false alarm) | o1 (miss) | o1 o2 (right) | 3 | 2 | 0.2077 |
/// | s1.q2 | a1 | a2 (unsafe) | a1 | 3 | 1 | 0.0615 |
/// | s2.q1 | none (right) | o1 o2 (false alarms) | | 2 | 1 | 0.0945 |
/// | s2.q2 | a1 | a2 (unsafe) | | 2 | 1 | 0.0945 |
@Suite struct DebriefTests {
    let bank: Bank
    let group: WorkshopFixture.Class
    let debrief: Debrief

    init() throws {
        bank = try WorkshopFixture.bank()
        group = WorkshopFixture.makeClass()
        debrief = Debrief.make(bank: bank, learners: group.learners, events: group.events)
    }

    func close(_ a: Double, _ b: Double, _ tolerance: Double = 1e-4) -> Bool { abs(a - b) < tolerance }

    func item(_ scenario: String, _ question: String) throws -> Debrief.Item {
        try #require(debrief.items.first { $0.scenarioID == scenario && $0.questionID == question })
    }

    @Test func wilsonLowerBoundByHand() {
        // (p + z²/2n − z√(p(1−p)/n + z²/4n²)) / (1 + z²/n), z = 1.96, worked out with a calculator.
        #expect(close(Debrief.wilsonLowerBound(errors: 2, n: 3), 0.20765))
        #expect(close(Debrief.wilsonLowerBound(errors: 1, n: 3), 0.06149))
        #expect(close(Debrief.wilsonLowerBound(errors: 1, n: 2), 0.09453))
        #expect(close(Debrief.wilsonLowerBound(errors: 1, n: 1), 0.20654))
        #expect(close(Debrief.wilsonLowerBound(errors: 5, n: 6), 0.43649))
        #expect(Debrief.wilsonLowerBound(errors: 0, n: 4) == 0)
        #expect(Debrief.wilsonLowerBound(errors: 0, n: 0) == 0)
        // One learner's mistake ranks below a class-wide problem.
        #expect(Debrief.wilsonLowerBound(errors: 1, n: 1) < Debrief.wilsonLowerBound(errors: 5, n: 6))
    }

    @Test func countsPerOption() throws {
        #expect(debrief.learners == 3)
        #expect(debrief.firstAnswers == 10)
        #expect(debrief.items.map { "\($0.scenarioID).\($0.questionID)" } == ["s1.q1", "s1.q2", "s2.q1", "s2.q2"])

        let q1 = try item("s1", "q1")
        #expect(q1.scenarioTitle == "Three guests at check-in" && q1.trafficking && q1.questionNumber == 1)
        #expect(q1.prompt == "Which details are warning signs?")
        #expect(q1.answers == 3 && q1.errors == 2 && q1.unsafeChoices == 0)
        #expect(q1.options.map(\.chosen) == [3, 2, 1, 0])
        #expect(q1.options.map(\.role) == [.trueSign, .trueSign, .lookalike, .lookalike])
        #expect(close(q1.options[1].share, 2.0 / 3.0) && close(q1.options[2].share, 1.0 / 3.0))
        #expect(q1.options[0].explanation == "Holding papers controls people.")
        #expect(q1.options[0].indicators == ["Documents held by someone else"])
        #expect(close(q1.errorLowerBound, 0.20765))

        let q2 = try item("s1", "q2")
        #expect(q2.answers == 3 && q2.errors == 1 && q2.unsafeChoices == 1)
        #expect(q2.options.map(\.chosen) == [2, 1, 0])
        #expect(q2.options.map(\.role) == [.right, .unsafe, .other])

        let s2q1 = try item("s2", "q1")
        #expect(!s2q1.trafficking)
        #expect(s2q1.answers == 2 && s2q1.errors == 1 && s2q1.options.map(\.chosen) == [1, 1])
        let s2q2 = try item("s2", "q2")
        #expect(s2q2.answers == 2 && s2q2.errors == 1 && s2q2.unsafeChoices == 1)
    }

    @Test func hardestByWilsonLowerBoundThenN() {
        // 0.2077 (n 3); 0.0945 (n 2) twice, s2.q1 before s2.q2 by id; 0.0615 (n 3).
        #expect(debrief.hardest.map { "\($0.scenarioID).\($0.questionID)" } == ["s1.q1", "s2.q1", "s2.q2", "s1.q2"])
    }

    @Test func lessonFilterAndOrder() throws {
        let onlyL2 = Debrief.make(bank: bank, learners: group.learners, events: group.events,
                                  filter: ClassReportFilter(lessonID: "L2"))
        #expect(onlyL2.items.isEmpty && onlyL2.learners == 0)
        // Events of learners not listed are left out.
        let aliceOnly = Debrief.make(bank: bank, learners: [group.learners[0]], events: group.events)
        #expect(aliceOnly.learners == 1 && aliceOnly.firstAnswers == 4)
        #expect(aliceOnly.items.allSatisfy { $0.answers == 1 })
    }

    @Test func textFitsAndMarksOptions() throws {
        for width in [80, 120] {
            let lines = DebriefText.full(debrief, gain: nil, width: width)
            for line in lines { #expect(line.width <= width, "too wide at \(width): \(line.text)") }
            let text = lines.map(\.text)
            #expect(text[0] == "Debrief: 3 learners, 10 first answers")
            #expect(text.contains { $0.hasPrefix("  SIGN   ██████████ 100%   3  He keeps their ID cards.") })
            #expect(text.contains { $0.hasPrefix("  ALIKE  ███░░░░░░░  33%   1  They carry photocopies of their IDs.") })
            #expect(text.contains { $0.hasPrefix("  UNSAFE ███░░░░░░░  33%   1  Confront him.") })
            #expect(text.contains { $0.contains("why: Holding papers controls people.") })
            #expect(text.contains { $0.hasPrefix("  1    67%   21%    3  Three guests at check-in · Q1 Which details") })
            #expect(text.contains("n = 3 · 2 not fully right (67%)"))
        }
    }
}

/// The gain from first lesson to final against figures worked out by hand.
///
/// Lessons: LI (kind intro) and LF (kind final), both s1 and s2, audience hospitality.
///
/// | learner | attempt | s1.q1 | s1.q2 | s2.q1 | s2.q2 | h m f cr | unsafe |
/// | --- | --- | --- | --- | --- | --- | --- | --- |
/// | A | intro 1 | o1 | a2 | o1 o2 | a1 | 1 1 2 2 | 1 |
/// | A | intro 2 (later: ignored) | o1 o2 | a1 | none | a1 | | |
/// | A | final | o1 o2 | a1 | none | a1 | 2 0 0 4 | 0 |
/// | B | intro only | o1 o2 o3 | a1 | | | | |
/// | C | intro | o1 o2 o3 o4 | a1 | o2 | a1 | 2 0 3 1 | 0 |
/// | C | final | o1 | a3 | none | a2 | 1 1 0 4 | 1 |
///
/// d′ and c with the log-linear correction (calculator): A 0.000 → 2.249; C 0.443 → 1.282 (change 0.838).
/// Class (A + C pooled): before 3 1 5 3: hit 75%, false alarms 62.5%, d′ 0.242, c −0.403; after 3 1 0 8: hit 75%,
/// false alarms 0%, d′ 2.118, c 0.534; unsafe 1 of 4 → 1 of 4.
@Suite struct GainTests {
    static let lessons = """
        lesson: LI
        title: Intro
        audience: hospitality
        kind: intro
        pass-mark: 70
        scenarios:
          - s1
          - s2

        lesson: LF
        title: Final
        audience: hospitality
        kind: final
        pass-mark: 80
        scenarios:
          - s1
          - s2

        """

    let bank: Bank
    let learners: [Learner]
    let events: [AnswerEvent]

    init() throws {
        bank = try WorkshopFixture.bank(replacing: ["lessons.txt": Self.lessons])
        learners = [Learner(id: "id-a", name: "Anna", createdAt: 0), Learner(id: "id-b", name: "Bora", createdAt: 0),
                    Learner(id: "id-c", name: "Chantrea", createdAt: 0)]
        var list: [AnswerEvent] = []
        var clock: Int64 = 1_000
        func attempt(_ who: String, _ attempt: String, _ lesson: String, _ answers: [(String, String, [String])]) {
            for (scenario, question, chosen) in answers {
                clock += 1_000
                list.append(AnswerEvent(id: "e\(list.count)", learnerID: who, attemptID: attempt, lessonID: lesson,
                                        scenarioID: scenario, scenarioRev: 1, questionID: question, chosen: chosen,
                                        credit: 0, action: nil, time: clock, isRepeat: false))
            }
        }
        attempt("id-a", "a-i1", "LI", [("s1", "q1", ["o1"]), ("s1", "q2", ["a2"]), ("s2", "q1", ["o1", "o2"]), ("s2", "q2", ["a1"])])
        attempt("id-b", "b-i1", "LI", [("s1", "q1", ["o1", "o2", "o3"]), ("s1", "q2", ["a1"])])
        attempt("id-c", "c-i1", "LI", [("s1", "q1", ["o1", "o2", "o3", "o4"]), ("s1", "q2", ["a1"]), ("s2", "q1", ["o2"]), ("s2", "q2", ["a1"])])
        attempt("id-a", "a-i2", "LI", [("s1", "q1", ["o1", "o2"]), ("s1", "q2", ["a1"]), ("s2", "q1", []), ("s2", "q2", ["a1"])])
        attempt("id-a", "a-f1", "LF", [("s1", "q1", ["o1", "o2"]), ("s1", "q2", ["a1"]), ("s2", "q1", []), ("s2", "q2", ["a1"])])
        attempt("id-c", "c-f1", "LF", [("s1", "q1", ["o1"]), ("s1", "q2", ["a3"]), ("s2", "q1", []), ("s2", "q2", ["a2"])])
        // A repeat in the final is not a first-pass answer and is left out.
        list.append(AnswerEvent(id: "e-repeat", learnerID: "id-c", attemptID: "c-f1", lessonID: "LF", scenarioID: "s1",
                                scenarioRev: 1, questionID: "q1", chosen: ["o1", "o2", "o3", "o4"], credit: 0, action: nil,
                                time: clock + 1_000, isRepeat: true))
        events = list
    }

    func close(_ a: Double?, _ b: Double, _ tolerance: Double = 1e-3) -> Bool {
        guard let a else { return false }
        return abs(a - b) < tolerance
    }

    func counts(_ f: Gain.Figures?) -> [Int] {
        guard let d = f?.detection else { return [] }
        return [d.hits, d.misses, d.falseAlarms, d.correctRejections]
    }

    @Test func perLearnerAndClass() throws {
        let gain = Gain.make(bank: bank, learners: learners, events: events)
        #expect(gain.tracks.count == 1)
        let track = try #require(gain.tracks.first)
        #expect(track.audience == "hospitality" && track.introLessonID == "LI" && track.finalLessonID == "LF")
        #expect(track.learners.map(\.name) == ["Anna", "Bora", "Chantrea"])
        #expect(track.paired == 2)

        let a = track.learners[0], b = track.learners[1], c = track.learners[2]
        #expect(counts(a.before) == [1, 1, 2, 2] && a.before?.unsafeChoices == 1)
        #expect(counts(a.after) == [2, 0, 0, 4] && a.after?.unsafeChoices == 0)
        #expect(close(a.before?.detection.dPrime, 0) && close(a.after?.detection.dPrime, 2.249))
        #expect(close(a.after?.detection.criterion, 0.157))
        #expect(counts(b.before) == [2, 0, 1, 1] && b.after == nil)
        #expect(counts(c.before) == [2, 0, 3, 1] && counts(c.after) == [1, 1, 0, 4])
        #expect(c.after?.unsafeChoices == 1 && c.after?.actionAnswers == 2)
        #expect(close(c.before?.detection.dPrime, 0.443) && close(c.after?.detection.dPrime, 1.282))

        #expect(counts(track.classBefore) == [3, 1, 5, 3] && counts(track.classAfter) == [3, 1, 0, 8])
        #expect(close(track.classBefore?.detection.falseAlarmRate, 0.625))
        #expect(close(track.classBefore?.detection.dPrime, 0.242) && close(track.classAfter?.detection.dPrime, 2.118))
        #expect(close(track.classBefore?.detection.criterion, -0.403) && close(track.classAfter?.detection.criterion, 0.534))
        #expect(track.dPrimeChanges.count == 2)
        #expect(close(track.dPrimeChanges[0], 2.249) && close(track.dPrimeChanges[1], 0.838))
    }

    @Test func plainSentences() throws {
        let track = try #require(Gain.make(bank: bank, learners: learners, events: events).tracks.first)
        let before = try #require(track.classBefore), after = try #require(track.classAfter)
        #expect(DebriefText.sentences(before: before, after: after) == [
            "Spotted as many true warning signs: 75% → 75%",
            "Flagged fewer ordinary situations: 63% → 0%",
            "Told signs from look-alikes better: d′ 0.24 → 2.12",
            "Waited for clearer signs before flagging: c -0.40 → 0.53, toward missing signs",
            "Chose unsafe actions as often: 1 of 4 → 1 of 4",
        ])
        // The example.
        let x = Gain.Figures(detection: SignalDetection(hits: 5, misses: 5, falseAlarms: 8, correctRejections: 17),
                             unsafeChoices: 2, actionAnswers: 6)
        let y = Gain.Figures(detection: SignalDetection(hits: 8, misses: 2, falseAlarms: 3, correctRejections: 22),
                             unsafeChoices: 0, actionAnswers: 6)
        let words = DebriefText.sentences(before: x, after: y)
        #expect(words[0] == "Spotted more true warning signs: 50% → 80%")
        #expect(words[1] == "Flagged fewer ordinary situations: 32% → 12%")
        #expect(words[4] == "Chose unsafe actions less often: 2 of 6 → 0 of 6")
    }

    @Test("the sentence about c says which way it moved: toward balanced, over-flagging or missing signs (field test A12)")
    func criterionSentenceFollowsTheData() {
        // The field test's class: 0.14 → 0.07 is a move toward balanced, not "now missing signs".
        #expect(DebriefText.criterionChange(0.14, 0.07) == "toward balanced")
        #expect(DebriefText.criterionChange(-0.40, -0.10) == "toward balanced")
        #expect(DebriefText.criterionChange(0.50, -0.20) == "toward balanced")
        #expect(DebriefText.criterionChange(0.30, 0.002) == "now balanced")
        #expect(DebriefText.criterionChange(0.10, -0.35) == "toward over-flagging")
        #expect(DebriefText.criterionChange(-0.10, -0.45) == "toward over-flagging")
        #expect(DebriefText.criterionChange(-0.40, 0.53) == "toward missing signs")
        #expect(DebriefText.criterionChange(0.05, 0.60) == "toward missing signs")
        #expect(DebriefText.criterionChange(0.141, 0.139) == "no change")
        // Through the whole sentence, from counts: before c > after c > 0, so toward balanced.
        // Before: hit rate 15/20, false alarms 2/20 (c about 0.27); after: 18/20, 1/20 (c about 0.14).
        let x = Gain.Figures(detection: SignalDetection(hits: 15, misses: 5, falseAlarms: 2, correctRejections: 18),
                             unsafeChoices: 0, actionAnswers: 6)
        let y = Gain.Figures(detection: SignalDetection(hits: 18, misses: 2, falseAlarms: 1, correctRejections: 19),
                             unsafeChoices: 0, actionAnswers: 6)
        let sentence = DebriefText.sentences(before: x, after: y)[3]
        let cb = x.detection.criterion ?? .nan, ca = y.detection.criterion ?? .nan
        #expect(cb > ca && ca > 0.005, "\(cb) \(ca)")
        #expect(sentence.hasSuffix(", toward balanced"), "\(sentence)")
        #expect(!sentence.contains("missing signs"), "\(sentence)")
    }

    @Test func histogramBins() {
        #expect(DebriefText.histogramCounts([2.249, 0.838]) == [0, 0, 0, 0, 1, 0, 1])
        #expect(DebriefText.histogramCounts([-3, -1, -0.5, 0, 0.49, 1.5]) == [1, 1, 1, 2, 0, 0, 1])
        let lines = DebriefText.histogram([2.249, 0.838], width: 80).map(\.text)
        #expect(lines.contains("  0.5 to 1.0 │█ 1"))
        #expect(lines.contains(" 1.5 or more │█ 1"))
        #expect(lines.contains("  below -1.0 │"))
    }

    @Test func sinceAndUnpaired() throws {
        // From after A's and C's intros on, nobody has a before: nobody is paired.
        let late = Gain.make(bank: bank, learners: learners, events: events,
                             filter: ClassReportFilter(since: events.first { $0.attemptID == "a-f1" }!.time))
        let track = try #require(late.tracks.first)
        #expect(track.paired == 0 && track.classBefore == nil)
        #expect(track.learners.map(\.name) == ["Anna", "Chantrea"])
        let text = DebriefText.trackLines(track).map(\.text)
        #expect(text.contains("No learner has done both yet, so there is no change to show."))
        // A bank without kinds has no tracks to compare.
        let plain = Gain.make(bank: try WorkshopFixture.bank(), learners: learners, events: events)
        #expect(plain.tracks.isEmpty)
    }

    @Test func anonymousTextHasNoName() throws {
        let gain = Gain.make(bank: bank, learners: learners, events: events)
        let anonymous = gain.anonymised(Anonymity(learnerIDs: learners.map(\.id)))
        let text = DebriefText.gainLines(anonymous, width: 80).map(\.text).joined(separator: "\n")
        for learner in learners {
            #expect(!text.contains(learner.name))
            #expect(!text.contains(learner.id))
        }
        #expect(text.contains("Learner 1") && text.contains("Learner 3"))
        let named = DebriefText.gainLines(gain, width: 80).map(\.text).joined(separator: "\n")
        #expect(named.contains("Anna") && named.contains("Chantrea"))
    }
}
