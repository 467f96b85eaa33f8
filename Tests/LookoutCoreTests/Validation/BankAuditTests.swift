import Foundation
import Testing
@testable import LookoutCore
@testable import LookoutText

private typealias SourceLocation = LookoutCore.SourceLocation

/// Small banks built in code; every figure below was worked out by hand from the scoring rule
/// (multi: max(0, h/S − f/N), S = 0: max(0, 1 − f/N); single: 1 for the (*) option) and PASS-RULE.md.
@Suite("Bank audit: cue strategies under the real scoring")
struct BankAuditTests {
    /// Every code the audit reports; each has a test below that produces it.
    /// (W074–W079, the wording-cue checks, are tested one case per code in BankAuditCueTests.)
    static let codes: Set<String> = ["W070", "W071", "W072", "W073", "W074", "W075", "W076", "W077", "W078", "W079", "W080"]

    // MARK: Building banks

    /// A multi question: (text, is a true sign).
    static func multi(_ id: String, _ options: [(String, Bool)]) -> Question {
        Question(id: id, kind: .multi, prompt: "Which are signs?", options: options.enumerated().map { i, o in
            AnswerOption(id: "o\(i + 1)", text: o.0, isCorrect: o.1, indicators: o.1 ? ["sign"] : [],
                         lookalikeOf: o.1 ? [] : ["sign"], feedback: "why", location: SourceLocation(file: "t.txt", line: 100 + i, column: 5))
        }, location: SourceLocation(file: "t.txt", line: 99, column: 1))
    }

    /// A single question: (text, is the right answer, action).
    static func single(_ id: String, _ options: [(String, Bool, ActionClass)], line: Int = 200) -> Question {
        Question(id: id, kind: .single, prompt: "What do you do?", options: options.enumerated().map { i, o in
            AnswerOption(id: "a\(i + 1)", text: o.0, isCorrect: o.1, action: o.2, feedback: "why",
                         location: SourceLocation(file: "t.txt", line: line + 1 + i, column: 5))
        }, location: SourceLocation(file: "t.txt", line: line, column: 1))
    }

    static func scene(_ id: String, trafficking: Bool, _ questions: [Question]) -> Scenario {
        Scenario(id: id, rev: 1, title: id, audiences: [.police], region: nil, language: "en", trafficking: trafficking,
                 contentNote: nil, sources: [], story: "A scene.", questions: questions,
                 location: SourceLocation(file: "t.txt", line: 1, column: 1))
    }

    /// A lesson; its kind is `final` when the id ends in `-final`, else `practice`.
    static func lesson(_ id: String, passMark: Int, _ scenes: [Scenario], line: Int = 7) -> Lesson {
        Lesson(id: id, title: id, audience: .only(.police), passMark: passMark,
               kind: id.hasSuffix("-final") ? .final : .practice, minutes: nil, description: nil,
               scenarioIDs: scenes.map(\.id), location: SourceLocation(file: "lessons.txt", line: line, column: 1))
    }

    /// Two scenes. Scene 1 (trafficking): a multi with signs at 1 and 3 of 4, and a single whose right
    /// answer (3rd) is the longest, with a report word in a wrong option before it. Scene 2 (no
    /// trafficking): three look-alikes, and a single whose right answer is the last and shortest, after an
    /// unsafe option.
    static let handScenes: [Scenario] = [
        scene("s1", trafficking: true, [
            multi("q1", [("Short sign", true), ("A much longer look-alike text", false),
                         ("Another sign here", true), ("Look-alike", false)]),
            single("q2", [("Walk away.", false, .ignore), ("Tell the manager about it today.", false, .tellSupervisor),
                          ("Note details and report it through the hotline quietly.", true, .safeReport)]),
        ]),
        scene("s2", trafficking: false, [
            multi("q1", [("Works late", false), ("Speaks Thai at home", false), ("Travels alone by bus", false)]),
            single("q2", [("Confront the boss.", false, .unsafeConfront), ("Report it.", true, .safeReport)], line: 300),
        ]),
    ]

    static func audit(_ lessons: [Lesson], _ scenes: [Scenario]) -> BankAudit {
        BankAudit(bank: Bank(scenarios: scenes, lessons: lessons))
    }

    static func close(_ a: Double?, _ b: Double) -> Bool {
        guard let a else { return false }
        return abs(a - b) < 1e-9
    }

    // MARK: Figures worked out by hand

    @Test func everyStrategyOnTheHandBankMatchesTheHandFigures() throws {
        let audit = Self.audit([Self.lesson("hand-final", passMark: 80, Self.handScenes)], Self.handScenes)
        let l = try #require(audit.lessons.first)
        #expect(l.kind == "final")
        #expect(l.multiQuestions == 2 && l.singleQuestions == 2 && l.multiWithoutTrafficking == 1)

        func s(_ id: String) throws -> LessonAudit.Strategy { try #require(l.strategy(id)) }
        // Tick nothing: s1 q1 0, s2 q1 1.
        #expect(Self.close(try s("tick-nothing").signs, 50))
        #expect(try s("tick-nothing").actions == nil && s("tick-nothing").passes == nil)
        // Tick everything: max(0, 1 − 2/2) = 0 and max(0, 1 − 3/3) = 0.
        #expect(Self.close(try s("tick-everything").signs, 0))
        // The longer options (above the question's mean length): s1 ticks o2 (29, look-alike) and o3 (17, a
        // sign) of mean 16.5: 1/2 − 1/2 = 0; s2 ticks o2 and o3 of mean 16.3: 1 − 2/3.
        #expect(Self.close(try s("longer-than-mean").signs, (0 + 1.0 / 3) / 2 * 100))
        #expect(try s("longer-than-mean").actions == nil)
        // Longest: s1 ticks the look-alike o2 (0), s2 ticks o3 (1 − 1/3); singles a3 right, a1 wrong and unsafe.
        #expect(Self.close(try s("longest").signs, (0 + 2.0 / 3) / 2 * 100))
        #expect(Self.close(try s("longest").actions, 50))
        #expect(try s("longest").unsafeChoices == 1)
        #expect(Self.close(try s("longest").score, (0 + 2.0 / 3 + 1 + 0) / 4 * 100))
        #expect(try s("longest").passes == false)
        // Report words: no multi option has one (ticks nothing: 0 and 1); s1 picks 'manager' (a2, wrong),
        // s2 picks 'Report it.' (right).
        #expect(Self.close(try s("report-words").signs, 50))
        #expect(Self.close(try s("report-words").actions, 50))
        #expect(try s("report-words").unsafeChoices == 0)
        #expect(Self.close(try s("report-words").score, 50))
        // First: o1 is a sign (1/2 − 0), s2 o1 (1 − 1/3); singles a1 ignore (0), a1 unsafe (0).
        #expect(Self.close(try s("first").signs, (0.5 + 2.0 / 3) / 2 * 100))
        #expect(Self.close(try s("first").actions, 0))
        #expect(try s("first").unsafeChoices == 1)
        #expect(Self.close(try s("first").score, (0.5 + 2.0 / 3) / 4 * 100))
        // Last: o4 look-alike (0), s2 o3 (2/3); both singles right.
        #expect(Self.close(try s("last").signs, (2.0 / 3) / 2 * 100))
        #expect(Self.close(try s("last").actions, 100))
        #expect(Self.close(try s("last").score, (2.0 / 3 + 2) / 4 * 100))
        #expect(try s("last").passes == false)
        // By option count: "3 options: tick nothing, else the first" gives 1 (s2) + 1/2 (s1's first option
        // is a sign); every other rule gives less (for example "else tick all": 1 + 0).
        #expect(try s("option-count").description == "3 options: tick nothing, else the first")
        #expect(Self.close(try s("option-count").signs, 75))
        // Random, exactly: s1 q1 = (2·½ + 1·1 + 2·½)/16 = 3/16 (h=1,f=0; h=2,f=0; h=2,f=1);
        // s2 q1 = (1 + 3·⅔ + 3·⅓ + 0)/8 = 1/2; singles 1/3 and 1/2; unsafe expected 0 + 1/2.
        let r = try s("random")
        #expect(Self.close(r.signs, (3.0 / 16 + 0.5) / 2 * 100))
        #expect(Self.close(r.actions, (1.0 / 3 + 0.5) / 2 * 100))
        let randomScore: Double = (3.0 / 16 + 0.5 + 1.0 / 3 + 0.5) / 4 * 100
        #expect(Self.close(r.score, randomScore))
        #expect(Self.close(r.unsafeChoices, 0.5))
        #expect(r.passes == nil)
        // Best cue learner: the option-count rule on signs (75) with 'last option' on actions (100, safe):
        // 75 < 80, so it fails.
        let best = try s("best-cue-learner")
        #expect(Self.close(best.signs, 75))
        #expect(Self.close(best.actions, 100))
        #expect(Self.close(best.score, (1.5 + 2) / 4 * 100))
        #expect(best.passes == false)
        #expect(best.description == "signs: option count (3 options: tick nothing, else the first); actions: last option")
    }

    @Test func distributionsOfTheHandBank() throws {
        let l = try #require(Self.audit([Self.lesson("hand-final", passMark: 80, Self.handScenes)], Self.handScenes).lessons.first)
        #expect(l.optionCounts["multi"] == [.init(options: 3, questions: 1), .init(options: 4, questions: 1)])
        #expect(l.optionCounts["single"] == [.init(options: 2, questions: 1), .init(options: 3, questions: 1)])
        #expect(l.correctPositions["single"] == [.init(position: 2, count: 1), .init(position: 3, count: 1)])
        #expect(l.correctPositions["multi"] == [.init(position: 1, count: 1), .init(position: 3, count: 1)])
        // Single: 55 (right, longest), 10, 32; 10 (right, shortest), 18.
        let single = try #require(l.lengths["single"])
        #expect(single.questions == 2 && single.rightIsLongest == 1 && single.rightIsShortest == 1)
        #expect(Self.close(single.meanRight, 32.5) && Self.close(single.meanWrong, 20))
        // Multi: only s1 q1 has both kinds; its longest (29) is a look-alike, its shortest (10, tied) a sign.
        let multi = try #require(l.lengths["multi"])
        #expect(multi.questions == 1 && multi.rightIsLongest == 0 && multi.rightIsShortest == 1)
        #expect(Self.close(multi.meanRight, 13.5) && Self.close(multi.meanWrong, 88.0 / 5))
    }

    @Test func handFinalWarnsOnlyThatTheLastOptionGivesTheActionsPart() throws {
        let audit = Self.audit([Self.lesson("hand-final", passMark: 80, Self.handScenes)], Self.handScenes)
        #expect(audit.diagnostics.map(\.code) == ["W072"])
        let w = try #require(audit.diagnostics.first)
        #expect(w.location == SourceLocation(file: "lessons.txt", line: 7, column: 1))
        #expect(w.message.contains("reaches the pass mark 80 by a surface cue: last option 100%;"))
        // The notes point at the two questions the last option answers right.
        #expect(w.notes.map(\.location.line) == [200, 300])
    }

    @Test func aLowerPassMarkLetsTheCueLearnerPassAndRandomComeClose() throws {
        // Pass mark 55, a practice lesson: signs 75 (option count) and actions 100 (last option) pass;
        // random's actions part 41.7 is within 20 points of 55, its signs part 34.4 is not.
        let audit = Self.audit([Self.lesson("hand-practice", passMark: 55, Self.handScenes)], Self.handScenes)
        #expect(audit.diagnostics.map(\.code) == ["W070", "W073"])
        let pass = audit.diagnostics[0]
        #expect(pass.description.hasPrefix("lessons.txt:7:1: warning[W070]: lesson 'hand-practice' can be passed by surface cues alone"))
        #expect(pass.message.contains("(signs 75%, actions 100%, pass mark 55): on 'which are signs' questions option count (3 options: tick nothing, else the first) 75%, first option 58%; on 'what do you do' questions last option 100%;"))
        #expect(audit.diagnostics[1].message.contains("actions 41%"))
        #expect(!audit.diagnostics[1].message.contains("signs"))
        #expect(audit.lessons[0].bestCueLearner.passes == true)
    }

    // MARK: Flagged and not flagged

    /// Three scenes without trafficking and one with; every single question's right answer is the only
    /// one that mentions the hotline.
    static let tickNothingScenes: [Scenario] = (1...4).map { i in
        scene("n\(i)", trafficking: i == 4, [
            i == 4 ? multi("q1", [("Sign one", true), ("Look one", false), ("Sign two", true), ("Look two", false)])
                   : multi("q1", [("Look a", false), ("Look b", false), ("Look c", false), ("Look d", false), ("Look e", false)]),
            single("q2", [("Wait and see.", false, .ignore), ("Call the hotline.", true, .safeReport),
                          ("Ask around yourself.", false, .investigateAlone)], line: 200 + 10 * i),
        ])
    }

    @Test func aLessonThatTickingNothingPassesIsFlagged() throws {
        let audit = Self.audit([Self.lesson("pol-final", passMark: 70, Self.tickNothingScenes, line: 50)], Self.tickNothingScenes)
        let l = try #require(audit.lessons.first)
        #expect(Self.close(l.strategy("tick-nothing")?.signs, 75))
        #expect(Self.close(l.strategy("report-words")?.actions, 100))
        // "5 options: tick nothing, else the longest": 1 + 1 + 1 + 1/2 (n4's longest, tied, is its first option: a sign).
        #expect(Self.close(l.strategy("option-count")?.signs, 87.5))
        #expect(l.strategy("option-count")?.description == "5 options: tick nothing, else the longest")
        // The longest option is the unsafe "Ask around yourself." in every single question.
        #expect(l.strategy("longest")?.unsafeChoices == 4)
        #expect(l.bestCueLearner.passes == true)
        let w = try #require(audit.diagnostics.first { $0.code == "W070" })
        #expect(w.description.hasPrefix("lessons.txt:50:1: warning[W070]: lesson 'pol-final' can be passed by surface cues alone (signs 87%, actions 100%, pass mark 70): on 'which are signs' questions tick nothing 75%, tick the longer options 75%, option count (5 options: tick nothing, else the longest) 87%, longest option 72%, report/hotline words 75%, quotation marks 75%, first option 72%; on 'what do you do' questions report/hotline words 100%, urgency/report words, no delay 100%;"))
        // The notes name the questions that give the answer away.
        #expect(w.notes.count == 3 + 4)
    }

    /// No cue reaches 80 on either part: right answers move about, the longest and the first option with a
    /// report word are wrong, and only one multi question in three is in a scene with no trafficking.
    static let balancedScenes: [Scenario] = [
        scene("b1", trafficking: true, [
            multi("q1", [("Boss keeps her ID", true), ("She speaks only Khmer with her cousins", false),
                         ("Owes a growing debt", true), ("Works late", false), ("Travels alone", false)]),
            single("q2", [("Tell the manager tonight.", false, .tellSupervisor),
                          ("Call the hotline and say what you saw.", true, .safeReport),
                          ("Wait a week to see whether it happens again before doing anything.", false, .ignore),
                          ("Ask the boss.", false, .unsafeConfront)], line: 200),
        ]),
        scene("b2", trafficking: true, [
            multi("q1", [("Is tired after a long shift at the market stall", false), ("Cannot leave", true),
                         ("Poor", false), ("Is watched", true)]),
            single("q2", [("Follow the van yourself to find out where it goes tonight.", false, .investigateAlone),
                          ("Tell your supervisor at once.", false, .tellSupervisor),
                          ("Report it to the police hotline.", true, .safeReport)], line: 300),
        ]),
        scene("b3", trafficking: false, [
            multi("q1", [("Foreign", false), ("Works nights", false), ("Sends money home", false), ("Shy", false)]),
            single("q2", [("Warn the police about her.", false, .unsafeBlameVictim),
                          ("Treat her like any guest.", true, .safeSupport),
                          ("Keep an eye on her room all night and write down who visits her.", false, .investigateAlone)],
                   line: 400),
        ]),
    ]

    @Test func aSignsPartThatACueReachesIsW071WhenTheActionsPartHolds() throws {
        // Three scenes without trafficking: ticking nothing gets every signs question right, but no cue
        // finds the right action (the first names the police and is wrong, the longest is wrong, the last too).
        let scenes: [Scenario] = (1...3).map { i in
            Self.scene("w\(i)", trafficking: false, [
                Self.multi("q1", [("Look a", false), ("Look b", false)]),
                Self.single("q2", [("Warn the police about her.", false, .unsafeBlameVictim),
                                   ("Treat her like any guest.", true, .safeSupport),
                                   ("Keep an eye on her room all night and write down who visits her.", false, .investigateAlone)],
                            line: 200 + 10 * i),
            ])
        }
        let audit = Self.audit([Self.lesson("w-practice", passMark: 70, scenes, line: 3)], scenes)
        // Random guessing on two look-alikes: (1 + 2·½ + 0)/4 = 50%, within 20 points of 70 (W073); on the
        // actions part 1/3, which is not.
        // (And W074 twice: both questions are asked only in scenes without trafficking.)
        #expect(audit.diagnostics.map(\.code) == ["W071", "W073", "W074", "W074"])
        #expect(audit.diagnostics.first { $0.code == "W073" }?.message.hasPrefix("random guessing is expected to score signs 50% in lesson 'w-practice'") == true)
        let w = try #require(audit.diagnostics.first)
        #expect(w.description.hasPrefix("lessons.txt:3:1: warning[W071]: the signs part of lesson 'w-practice' reaches the pass mark 70 by a surface cue: tick nothing 100%, tick the longer options 100%, option count (2 options: tick nothing, else tick all) 100%, report/hotline words 100%, quotation marks 100%; 3 of 3 'which are signs' questions are in scenes with no trafficking"))
        #expect(w.notes.map(\.location.line) == [99, 99, 99])
        #expect(audit.lessons[0].bestCueLearner.passes == false)
        #expect(Self.close(audit.lessons[0].bestCueLearner.actions, 0))
    }

    @Test func warningsFollowTheMessageStyle() {
        let scenes = Self.handScenes
        let audit = Self.audit([Self.lesson("hand-practice", passMark: 55, scenes),
                                Self.lesson("hand-final", passMark: 80, scenes)], scenes)
        #expect(!audit.diagnostics.isEmpty)
        for d in audit.diagnostics {
            #expect(Self.codes.contains(d.code))
            #expect(d.severity == .warning)
            #expect(d.message.first?.isUppercase == false && !d.message.hasSuffix("."), "\(d.message)")
        }
    }

    @Test func aBalancedLessonIsNotFlagged() throws {
        let audit = Self.audit([Self.lesson("bal-final", passMark: 80, Self.balancedScenes)], Self.balancedScenes)
        // No cue strategy reaches the mark. Only W077: the three urgency words ("tonight", "at once", "tonight") are all
        // on wrong options, a cue the other way round (0 of 3 right answers against 3 of 7 others).
        #expect(audit.diagnostics.map(\.code) == ["W077"], "\(audit.diagnostics)")
        let l = try #require(audit.lessons.first)
        #expect(l.bestCueLearner.passes == false)
        // Hand figures: tick nothing 1/3; first option b1 o1 sign (1/2), b2 look-alike (0), b3 (3/4).
        #expect(Self.close(l.strategy("tick-nothing")?.signs, 100.0 / 3))
        #expect(Self.close(l.strategy("first")?.signs, (0.5 + 0 + 0.75) / 3 * 100))
        #expect(Self.close(l.strategy("last")?.actions, 100.0 / 3))
        #expect(Self.close(l.strategy("longest")?.actions, 0))
        #expect(Self.close(l.strategy("report-words")?.actions, 0))
        let randomActions: Double = (1.0 / 4 + 1.0 / 3 + 1.0 / 3) / 3 * 100
        #expect(Self.close(l.strategy("random")?.actions, randomActions))
        #expect(l.strategies.allSatisfy { ($0.signs ?? 0) < 80 - 1e-9 })
    }

    @Test func inAFinalAnUnsafeChoiceStopsTheCueLearnerButNotInPractice() throws {
        // Five scenes. The longest option is right in four singles and unsafe in the fifth: 80% with one
        // unsafe choice. The first option is right in four and passive ("say nothing") in the fifth.
        let scenes: [Scenario] = (1...5).map { i in
            Self.scene("u\(i)", trafficking: true, [
                Self.multi("q1", [("A clear sign of control", true), ("Look", false)]),
                i == 5 ? Self.single("q2", [("Say nothing.", false, .ignore),
                                       ("Go there alone tonight and ask the owner what is happening.", false, .investigateAlone),
                                       ("Call 1280.", true, .safeReport)], line: 200 + 10 * i)
                       : Self.single("q2", [("Call 1280 and describe what you saw.", true, .safeReport),
                                       ("Do nothing.", false, .ignore)], line: 200 + 10 * i),
            ])
        }
        let audit = Self.audit([Self.lesson("u-final", passMark: 80, scenes, line: 1),
                                Self.lesson("u-practice", passMark: 80, scenes, line: 20)], scenes)
        let final = try #require(audit.lessons.first { $0.id == "u-final" })
        let practice = try #require(audit.lessons.first { $0.id == "u-practice" })
        #expect(Self.close(final.strategy("longest")?.actions, 80))
        #expect(final.strategy("longest")?.unsafeChoices == 1)
        #expect(final.strategy("longest")?.passes == false)
        #expect(practice.strategy("longest")?.passes == true)
        #expect(Self.close(practice.strategy("longest")?.signs, 100))
        // In the final, the best safe actions strategy is 'first option' (4 of 5, no unsafe choice):
        // the cue learner still passes, with the longer options (here the one sign) for signs.
        #expect(final.strategy("first")?.unsafeChoices == 0)
        #expect(Self.close(final.strategy("first")?.actions, 80))
        #expect(final.bestCueLearner.passes == true)
        // ('report/hotline words' finds no report word here and falls back to the first option: the same
        // figures, and it comes first in the table.)
        #expect(final.bestCueLearner.description == "signs: tick the longer options; actions: report/hotline words")
    }

    @Test func reportWordsMatchAtTheStartOfAWordAndIncludeHotlineNumbers() {
        let words = BankAudit.reportWords + ["1280"]
        #expect(BankAudit.hasReportWord("She REPORTED it", words: words))
        #expect(BankAudit.hasReportWord("Ask a trusted adult.", words: words))
        #expect(BankAudit.hasReportWord("Call 1280 now", words: words))
        #expect(!BankAudit.hasReportWord("A misreported fact", words: words))
        #expect(!BankAudit.hasReportWord("Call 11280", words: words))
        #expect(!BankAudit.hasReportWord("Go home.", words: words))
        let region = Region(id: "r", name: "R", language: nil, note: nil, entries: [
            RegionEntry(kind: .hotline, id: "h", name: "H", number: "+855 92 311 511", contact: nil, hours: nil, purpose: nil,
                        source: "s", lastVerified: CalendarDate(year: 2026, month: 1, day: 1), status: .verified,
                        location: SourceLocation(file: "r.txt", line: 1, column: 1)),
        ], location: SourceLocation(file: "r.txt", line: 1, column: 1))
        #expect(BankAudit.hotlineNumbers(of: Bank(regions: [region])) == ["855", "311", "511"])
    }

    // MARK: Output

    @Test func jsonShape() throws {
        let audit = Self.audit([Self.lesson("hand-final", passMark: 80, Self.handScenes)], Self.handScenes)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let json = try #require(try JSONSerialization.jsonObject(with: encoder.encode(audit)) as? [String: Any])
        #expect(Set(json.keys) == ["lessons"])
        let lesson = try #require((json["lessons"] as? [[String: Any]])?.first)
        let lessonKeys: Set<String> = ["id", "file", "line", "column", "kind", "passMark", "scenes", "multiQuestions",
                                       "singleQuestions", "multiWithoutTrafficking", "optionCounts", "correctPositions",
                                       "lengths", "strategies", "cueCounts", "marginToPassMark"]
        #expect(Set(lesson.keys) == lessonKeys)
        #expect(lesson["id"] as? String == "hand-final" && lesson["line"] as? Int == 7)
        let counts = try #require(lesson["optionCounts"] as? [String: Any])
        let singleCounts = try #require(counts["single"] as? [[String: Any]])
        let pairs: [[Int]] = singleCounts.map { [($0["options"] as? Int) ?? -1, ($0["questions"] as? Int) ?? -1] }
        #expect(pairs == [[2, 1], [3, 1]])
        let strategies = try #require(lesson["strategies"] as? [[String: Any]])
        let ids: [String] = strategies.compactMap { $0["id"] as? String }
        let expectedIDs: [String] = ["tick-nothing", "tick-everything", "longer-than-mean", "option-count", "longest",
                                     "report-words", "urgency-words", "quotation-marks", "first", "last", "random",
                                     "best-cue-learner"]
        #expect(ids == expectedIDs)
        let nothing = strategies[0]
        let strategyKeys: Set<String> = ["id", "description", "signs", "actions", "score", "unsafeChoices", "passes"]
        #expect(Set(nothing.keys) == strategyKeys)
        #expect(nothing["actions"] is NSNull && nothing["passes"] is NSNull)
        #expect(nothing["signs"] as? Double == 50)
        #expect(strategies[9]["actions"] as? Double == 100)
        #expect(strategies[11]["passes"] as? Bool == false)
    }

    @Test func textFitsEightyColumns() {
        let scenes = Self.handScenes + Self.tickNothingScenes + Self.balancedScenes
        let audit = Self.audit([Self.lesson("hand-final", passMark: 80, Self.handScenes),
                                Self.lesson("a-rather-long-lesson-id-for-the-mixed-workshop-final", passMark: 70, scenes)], scenes)
        let lines = audit.text.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.allSatisfy { DisplayWidth.width(of: String($0)) <= 80 }, "\(lines.filter { DisplayWidth.width(of: String($0)) > 80 })")
        #expect(audit.text.contains("hand-final: final, pass mark 80, 2 scenes, 2 multi + 2 single"))
        // The hand bank's distributions as printed (means rounded: 32.5 → 33, 13.5 → 14, 17.6 → 18).
        let text = audit.text
        #expect(text.contains("\n  options:questions     multi  3:1 4:1\n" + String(repeating: " ", count: 24) + "single 2:1 3:1\n"))
        #expect(text.contains("\n  right at pos:count    multi  1:1 3:1\n" + String(repeating: " ", count: 24) + "single 2:1 3:1\n"))
        #expect(text.contains("\n  right answer length   multi  longest 0/1, shortest 1/1, mean chars 14 vs 18\n"
                              + String(repeating: " ", count: 24) + "single longest 1/2, shortest 1/2, mean chars 33 vs 20\n"))
        #expect(text.contains("\n  last option                       33%    100%   66%      0  fails\n"))
        #expect(text.contains("\n  best cue learner                  75%    100%   87%      0  fails\n"))
        #expect(audit.text.contains("A cue-only learner passes 0 of 2 lessons"))
    }
}
