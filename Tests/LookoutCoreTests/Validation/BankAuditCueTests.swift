import Foundation
import Testing
@testable import LookoutCore

private typealias SourceLocation = LookoutCore.SourceLocation

/// The audit's wording-cue checks (W074–W079, ``AuditCues``), one case per code, and the urgency and quotation-mark
/// cue strategies. Figures worked out by hand from the thresholds in `Scenarios/FORMAT.md`.
@Suite("Bank audit: wording cues")
struct BankAuditCueTests {
    typealias B = BankAuditTests

    static func ask(_ q: Question, _ prompt: String) -> Question { var q = q; q.prompt = prompt; return q }

    static func scene(_ id: String, trafficking: Bool, note: String? = nil, line: Int, _ questions: [Question]) -> Scenario {
        var s = B.scene(id, trafficking: trafficking, questions)
        s.contentNote = note
        s.location = SourceLocation(file: "\(id).txt", line: line, column: 1)
        s.questions = s.questions.map { q in
            var q = q
            q.location = SourceLocation(file: "\(id).txt", line: q.location.line, column: 1)
            return q
        }
        return s
    }

    static func multi(_ id: String = "q1") -> Question {
        B.multi(id, [("A sign", true), ("Look a", false), ("Look b", false)])
    }
    static func ordinaryMulti(_ id: String = "q1") -> Question {
        B.multi(id, [("Look a", false), ("Look b", false), ("Look c", false)])
    }
    static func single(_ right: String = "Tell the manager.", _ wrong: [String] = ["Ask him.", "Do nothing."]) -> Question {
        B.single("q2", [(right, true, .tellSupervisor)] + wrong.enumerated().map { i, w in (w, false, i == 0 ? .unsafeConfront : .ignore) })
    }

    static func codes(_ audit: BankAudit, _ code: String) -> [Diagnostic] { audit.diagnostics.filter { $0.code == code } }

    @Test func w074AQuestionAskedOnlyInOneKindOfSceneTellsTheKind() throws {
        // "What do you do?" in three scenes without trafficking; "What is the best step?" in three with.
        let ordinary = (1...3).map { i in Self.scene("n\(i)", trafficking: false, line: 1, [Self.ordinaryMulti(), Self.ask(Self.single(), "What do you do?")]) }
        let trafficking = (1...3).map { i in Self.scene("t\(i)", trafficking: true, line: 1, [Self.multi(), Self.ask(Self.single(), "The boss is near. What is the best step?")]) }
        let scenes = ordinary + trafficking
        let audit = B.audit([B.lesson("l", passMark: 80, scenes)], scenes)
        let w = Self.codes(audit, "W074")
        #expect(w.count == 3, "\(w)")
        #expect(w.contains { $0.description.hasPrefix("n1.txt:200:1: warning[W074]: the 'what do you do' question 'What do you do?' ends in the same words in 0 police scenes with trafficking and 3 without, so it tells the kind of scene; ask the same question in both kinds of scene\nn2.txt:200:1: note: also in 'n2'") })
        #expect(w.contains { $0.message.hasPrefix("the 'what do you do' question 'The boss is near. What is the best step?' ends in the same words in 3 police scenes with trafficking and 0 without") })
        #expect(w.contains { $0.message.hasPrefix("'what do you do' questions that open with a context sentence are in 3 police scenes with trafficking and 0 without") })
        // The same question in both kinds (3 of 6 each, and one of four is not below 20%): no warning.
        let mixed = ordinary + trafficking.map { s in var s = s; s.questions[1].prompt = "A question. What do you do?"; return s }
        var one = mixed[0]; one.questions[1].prompt = "First this. What do you do?"
        let balanced = [one] + mixed.dropFirst()
        #expect(Self.codes(B.audit([B.lesson("l", passMark: 80, balanced)], balanced), "W074").isEmpty)
    }

    @Test func w075ContentNoteWordsThatTellTheKind() throws {
        let scenes = (1...3).map { i in Self.scene("t\(i)", trafficking: true, note: "sexual exploitation of a teenager", line: 1, [Self.multi()]) }
            + (1...3).map { i in Self.scene("n\(i)", trafficking: false, note: "a teenager at a karaoke bar", line: 1, [Self.ordinaryMulti()]) }
        let w = Self.codes(B.audit([], scenes), "W075")
        // "teenager" is in both kinds (3/3) and "of", "a", "at" are shorter than 3 letters.
        #expect(w.map(\.description) == ["t1.txt:1:1: warning[W075]: in police content notes, these words are used (in scenes with/without trafficking) nearly only in one kind of scene, so they tell the kind: 'sexual' 3/0, 'exploitation' 3/0, 'karaoke' 0/3, 'bar' 0/3; write notes that name only the topic, in the same words for both kinds"])
    }

    @Test func w076ContentNotesOnOnlyOneKindOfScene() throws {
        // 3 of 3 scenes with trafficking have a note, 1 of 4 without: 100% against 25%, more than 20 points apart.
        let scenes = (1...3).map { i in Self.scene("t\(i)", trafficking: true, note: "a workplace", line: 1, [Self.multi()]) }
            + (1...4).map { i in Self.scene("n\(i)", trafficking: false, note: i == 1 ? "a workplace" : nil, line: 1, [Self.ordinaryMulti()]) }
        let w = Self.codes(B.audit([], scenes), "W076")
        #expect(w.map(\.description) == ["n2.txt:1:1: warning[W076]: 3 of 3 police scenes with trafficking have a content note and 1 of 4 without, so a note (or its absence) tells the kind of scene, more often with trafficking than without; give scenes of both kinds notes that name only the topic (a scene about minors, exploitation or violence always needs one)"])
        // 3 of 4 without (75%): 25 points apart, still flagged; 4 of 4: not.
        let closer = scenes.map { s in var s = s; if s.id != "n4" { s.contentNote = "a workplace" }; return s }
        #expect(Self.codes(B.audit([], closer), "W076").count == 1)
        let all = scenes.map { s in var s = s; s.contentNote = "a workplace"; return s }
        #expect(Self.codes(B.audit([], all), "W076").isEmpty)
    }

    @Test func w077UrgencyWordsOnTheRightAnswers() throws {
        // Four scenes: 3 of 4 right answers say "tonight"/"now"/"immediately", 0 of 8 others do (75% against 0%).
        let rights = ["Tell the manager tonight.", "Call 1280 now.", "Tell a teacher immediately.", "Tell a parent."]
        let scenes = rights.enumerated().map { i, r in Self.scene("s\(i)", trafficking: true, line: 1, [Self.multi(), Self.single(r)]) }
        let audit = B.audit([B.lesson("u-final", passMark: 80, scenes, line: 4)], scenes)
        let w = Self.codes(audit, "W077")
        #expect(w.map(\.description) == ["lessons.txt:4:1: warning[W077]: in lesson 'u-final', urgency words (now, tonight, immediately...) mark the answer: they are in 3 of 4 right answers against 0 of 8 other options of 'what do you do' questions; write urgent but wrong options and right answers that wait sensibly"])
        let l = try #require(audit.lessons.first)
        #expect(l.cueCounts["urgency"] == AuditCueCount(right: 3, rightOptions: 4, wrong: 0, wrongOptions: 8))
        #expect(l.cueCounts["delay"] == AuditCueCount(right: 0, rightOptions: 4, wrong: 0, wrongOptions: 8))
        // The urgency strategy: the first option with an urgency word and no delay word, else the first without one.
        #expect(B.close(l.strategy("urgency-words")?.actions, 100))
        // Whole words only: "know", "nowhere", "waiter" are no cue.
        #expect(!AuditCues.hasPhrase("I know nowhere to ask the waiter", AuditCues.urgencyWords + AuditCues.delayWords))
        #expect(AuditCues.hasPhrase("Tell her RIGHT AWAY.", AuditCues.urgencyWords))
        #expect(AuditCues.hasPhrase("at the end of your shift", AuditCues.delayWords))
    }

    @Test func w077DelayWordsOnTheWrongAnswersAndTheThresholds() throws {
        // Delay words in 4 of 8 other options and no right answer: flagged. In 2 of 8: fewer than 3, not flagged.
        func scenes(_ delayed: Int) -> [Scenario] {
            (0..<4).map { i in Self.scene("s\(i)", trafficking: true, line: 1, [Self.multi(), Self.single("Tell the manager.", [i < delayed ? "Wait until tomorrow." : "Ask him.", "Do nothing."])]) }
        }
        let flagged = B.audit([B.lesson("d", passMark: 80, scenes(4))], scenes(4))
        #expect(Self.codes(flagged, "W077").map(\.message) == ["in lesson 'd', delay words (wait, later, tomorrow...) mark the answer: they are in 0 of 4 right answers against 4 of 8 other options of 'what do you do' questions; write urgent but wrong options and right answers that wait sensibly"])
        let few = B.audit([B.lesson("d", passMark: 80, scenes(2))], scenes(2))
        #expect(Self.codes(few, "W077").isEmpty)
        #expect(AuditCues.concentrated(AuditCueCount(right: 3, rightOptions: 10, wrong: 2, wrongOptions: 25)))
        #expect(!AuditCues.concentrated(AuditCueCount(right: 3, rightOptions: 10, wrong: 5, wrongOptions: 25)))
    }

    @Test func w078QuotationMarksOnTheTrueSigns() throws {
        // Three true signs quote speech ("…" and “…”), no look-alike does.
        let quoted = ["He says \"you owe me\"", "She says “I cannot leave”", "\"No phone,\" the boss says"]
        let scenes = quoted.enumerated().map { i, q in
            Self.scene("s\(i)", trafficking: true, line: 1, [B.multi("q1", [(q, true), ("Works late", false), ("Eats alone", false)]), Self.single()])
        }
        let audit = B.audit([B.lesson("q-practice", passMark: 80, scenes, line: 9)], scenes)
        #expect(Self.codes(audit, "W078").map(\.description) == ["lessons.txt:9:1: warning[W078]: in lesson 'q-practice', quotation marks mark the answer: they are in 3 of 3 true signs against 0 of 6 look-alikes; put quoted speech into look-alikes too, or tell signs without quoting"])
        let l = try #require(audit.lessons.first)
        #expect(l.cueCounts["quotes-multi"] == AuditCueCount(right: 3, rightOptions: 3, wrong: 0, wrongOptions: 6))
        #expect(B.close(l.strategy("quotation-marks")?.signs, 100))
        // An apostrophe is no quotation mark.
        #expect(!AuditCues.hasQuotation("The boss's van; she doesn’t know"))
    }

    @Test func w079ASingleLookAlikeInATraffickingScene() throws {
        let one = Self.scene("t1", trafficking: true, line: 1, [B.multi("q1", [("A sign", true), ("Another sign", true), ("Look", false)])])
        let two = Self.scene("t2", trafficking: true, line: 1, [Self.multi()])
        let ordinary = Self.scene("n1", trafficking: false, line: 1, [B.multi("q1", [("Look", false), ("Look b", false)])])
        let audit = B.audit([], [one, two, ordinary])
        #expect(Self.codes(audit, "W079").map(\.description) == ["t1.txt:99:1: warning[W079]: multi question 'q1' of scenario 't1' has only one look-alike, so ticking it zeroes the question (one false alarm costs everything); give it at least two look-alikes"])
    }

    @Test func theMarginToThePassMarkIsInTheJSONAndTheText() throws {
        let audit = B.audit([B.lesson("hand-final", passMark: 80, B.handScenes)], B.handScenes)
        let l = try #require(audit.lessons.first)
        let best = l.bestCueLearner
        #expect(B.close(l.marginToPassMark.signs, 80 - (best.signs ?? 0)))
        #expect(B.close(l.marginToPassMark.actions, 80 - (best.actions ?? 0)))
        #expect(audit.text.contains("  best cue learner to pass mark: signs "))
        let encoder = JSONEncoder()
        let json = try #require(try JSONSerialization.jsonObject(with: encoder.encode(audit)) as? [String: Any])
        let lesson = try #require((json["lessons"] as? [[String: Any]])?.first)
        #expect((lesson["marginToPassMark"] as? [String: Any])?["signs"] is Double)
        let counts = try #require(lesson["cueCounts"] as? [String: Any])
        #expect(Set(counts.keys) == ["urgency", "delay", "quotes-single", "quotes-multi"])
    }

    @Test func w080AContentNotedFinalSceneWithoutAnAlternate() throws {
        let noted = Self.scene("t1", trafficking: true, note: "a workplace", line: 1, [Self.multi(), Self.single()])
        let covered = Self.scene("t2", trafficking: true, note: "a workplace", line: 1, [Self.multi(), Self.single()])
        var alternate = Self.scene("t2-alt", trafficking: true, line: 1, [Self.multi(), Self.single()])
        alternate.alternateFor = "t2"
        let plain = Self.scene("t3", trafficking: true, line: 1, [Self.multi(), Self.single()])
        let scenes = [noted, covered, alternate, plain]
        let audit = B.audit([B.lesson("x-final", passMark: 80, [noted, covered, plain]), B.lesson("x-practice", passMark: 70, [noted])], scenes)
        #expect(Self.codes(audit, "W080").map(\.description) == ["t1.txt:1:1: warning[W080]: scenario 't1' has a content note and is in final 'x-final' but has no alternate, so a learner who skips it cannot pass the final; write an alternate scene with 'alternate-for: t1' (the same sign and action, another story, no content note)"])
    }
}
