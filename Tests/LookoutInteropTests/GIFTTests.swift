import Foundation
import LookoutCore
import LookoutTestSupport
import Testing

/// Moodle's rules for an imported weight (question/format.php with matchgrades = 'error', and
/// question/engine/bank.php's grade list), written out here from the research note, independently of
/// the exporter's own table.
enum MoodleRules {
    static let grades: [Double] = [100, 90, 83.33333, 80, 75, 70, 66.66667, 60, 50, 40, 33.33333, 30, 25, 20,
                                   16.66667, 14.28571, 12.5, 11.11111, 10, 5, 0]

    /// Moodle's `match_grade_options` with 'error': the weight must be within 0.00001 % of a list value.
    static func accepts(_ percent: Double) -> Bool {
        grades.contains { abs(abs(percent) - $0) <= 0.00001 }
    }

    /// Multiple-answer: the positive weights must add up to 100 % (rounded to 2 decimals).
    static func positivesAddUp(_ percents: [Double]) -> Bool {
        let total = percents.filter { $0 > 0 }.reduce(0, +)
        return (total * 100).rounded() / 100 == 100
    }

    /// Moodle's multiple-answer grade: the sum of the ticked weights, clamped to 0...1.
    static func grade(_ percents: [Double], ticked: Set<Int>) -> Double {
        min(1, max(0, ticked.reduce(0) { $0 + percents[$1] } / 100))
    }
}

@Suite("GIFT export for Moodle")
final class GIFTTests {
    let folders = TemporaryFolders()

    @Test("weights for 1 to 20 true signs and 1 to 30 look-alikes are on Moodle's list; signs add up to 100 %")
    func weightTable() {
        for n in 1...GIFT.maxTrueSigns {
            let weights = GIFT.signWeights(n)
            #expect(weights.count == n)
            let values = weights.map { Double($0)! }
            #expect(values.allSatisfy(MoodleRules.accepts), "n = \(n): \(weights)")
            #expect(MoodleRules.positivesAddUp(values), "n = \(n): \(weights)")
        }
        for n in 1...30 {
            let penalty = Double(GIFT.penalty(n))!
            #expect(MoodleRules.accepts(penalty))
            // Ticking every look-alike takes off at least 100 %.
            #expect(penalty * Double(n) >= 99.99)
        }
        // The quirk: 33.33 is refused, 33.33333 accepted.
        #expect(!MoodleRules.accepts(33.33))
        #expect(MoodleRules.accepts(33.33333))
    }

    @Test("GIFT's special characters are escaped; line breaks become \\n; control characters become spaces")
    func escaping() {
        #expect(GIFT.escape("a~b=c#d{e}f:g\\h") == "a\\~b\\=c\\#d\\{e\\}f\\:g\\\\h")
        #expect(GIFT.escape("one\ntwo\r\nthree") == "one\\ntwo\\nthree")
        #expect(GIFT.escape("bell\u{7}esc\u{1B}[31m") == "bell esc [31m")
        #expect(GIFT.escape("ភ្ញៀវ៖ ។") == "ភ្ញៀវ៖ ។")
        #expect(GIFT.escape("abc\u{202E}def\u{2066}g\tz") == "abc def g z")
    }

    func exportGIFT(_ extra: [String], bank: String = Lookout.shippedBank) throws -> (file: String, output: Lookout.Output) {
        let file = try folders.make("lookout-gift") + "/bank.gift"
        let out = try Lookout.run(["export", "--format", "gift", "--out", file, "--bank", bank] + extra)
        return (file, out)
    }

    func parse(_ file: String) throws -> [[String: Any]] {
        let python = try #require(PythonTools.giftPython)
        let out = try Lookout.run([PythonTools.scripts + "/gift_to_json.py", file], executable: python)
        #expect(out.status == 0, "\(out.stderr)")
        return try #require(try jsonObject(out.stdout) as? [[String: Any]])
    }

    @Test("the shipped bank exported as GIFT and read back by pygiftparser: every question, option, weight and feedback",
          .enabled(if: PythonTools.python3 != nil, "python3 is missing: cannot run pygiftparser (apt-get install python3 python3-venv)"))
    func shippedBankRoundTrip() throws {
        let bank = try ShippedClass.bank()
        let (file, out) = try exportGIFT([])
        #expect(out.status == 0, "\(out.stderr)")
        let parsed = try parse(file)

        // The expected questions: every lesson's scenarios in lesson order, then scenarios in no lesson.
        var expected: [(category: String, scenario: Scenario, question: Question)] = []
        var inLesson = Set<String>()
        for lesson in bank.lessons {
            var seen = Set<String>()
            for scenario in bank.scenarios(of: lesson) where seen.insert(scenario.id).inserted {
                inLesson.insert(scenario.id)
                for q in scenario.questions { expected.append((lesson.id, scenario, q)) }
            }
        }
        for scenario in bank.scenarios where !inLesson.contains(scenario.id) {
            for q in scenario.questions { expected.append(("more-scenarios", scenario, q)) }
        }
        #expect(parsed.count == expected.count)
        #expect(out.stdout.contains("Exported \(expected.count) questions"))

        var weightsChecked = 0, multiChecked = 0, gradingChecks = 0
        for (item, q) in zip(expected, parsed) {
            let name = "\(item.scenario.id) \(item.question.id)"
            #expect(q["title"] as? String == name)
            // pygiftparser calls a multiple-answer question valid only when its positive weights add up
            // to 99...100; six signs of 16.66667 % add up to 100.00002, which Moodle accepts (it
            // rounds the sum to 2 decimals). Moodle's own rule is checked below for every question.
            let positiveSum = (q["answers"] as? [[String: Any]] ?? []).compactMap { $0["fraction"] as? Double }.filter { $0 > 0 }.reduce(0, +)
            #expect(q["valid"] as? Bool == true || (positiveSum > 100 && positiveSum < 100.005), "\(name)")
            #expect(q["markup"] as? String == "plain")
            // pygiftparser's category pattern stops at the first '-': compare that much.
            let category = "$course$/Lookout/" + item.category
            #expect(category.hasPrefix(q["category"] as? String ?? "?"), "\(name): \(q["category"] ?? "")")
            let text = try #require(q["text"] as? String)
            #expect(text.hasPrefix(item.scenario.title + "\n\n"))
            #expect(text.hasSuffix("\n\n" + item.question.prompt))
            for paragraph in item.scenario.story.split(separator: "\n") { #expect(text.contains(paragraph), "\(name)") }
            if let note = item.scenario.contentNote { #expect(text.contains("Content note: " + note)) }

            let answers = try #require(q["answers"] as? [[String: Any]])
            let options = item.question.options
            switch item.question.kind {
            case .single:
                #expect(q["kind"] as? String == "SelectSet", "\(name)")
                #expect(answers.count == options.count)
                for (a, o) in zip(answers, options) {
                    #expect(a["text"] as? String == o.text)
                    #expect(a["feedback"] as? String == o.feedback)
                    #expect(a["fraction"] as? Double == (o.isCorrect ? 100 : 0))
                    #expect(a["select"] as? Bool == o.isCorrect)
                }
            case .multi:
                multiChecked += 1
                #expect(q["kind"] as? String == "MultipleChoicesSet", "\(name)")
                #expect(answers.count == options.count + 1)
                let weights = answers.compactMap { $0["fraction"] as? Double }
                #expect(weights.count == answers.count)
                for w in weights { #expect(MoodleRules.accepts(w), "\(name): weight \(w) is not on Moodle's list") }
                weightsChecked += weights.count
                #expect(MoodleRules.positivesAddUp(weights), "\(name): \(weights)")
                for (a, o) in zip(answers, options) {
                    #expect(a["text"] as? String == o.text)
                    #expect(a["feedback"] as? String == o.feedback)
                    #expect(((a["fraction"] as? Double ?? 0) > 0) == o.isCorrect, "\(name) \(o.id)")
                    #expect(a["select"] as? Bool == false)
                }
                let signs = options.filter(\.isCorrect).count
                let none = try #require(answers.last)
                #expect(none["text"] as? String == GIFT.noneOptionText)
                #expect(none["fraction"] as? Double == (signs == 0 ? 100 : -100))
                // Ticking everything scores 0, as in Lookout (to within Moodle's 5-decimal weights:
                // 7 look-alikes of -14.28571 % take off 99.99997 %).
                #expect(MoodleRules.grade(weights, ticked: Set(0..<weights.count)) < 0.000001)
                // Moodle's grade equals Lookout's credit for every way of ticking the options
                // ("None of these" stands for ticking nothing in a scene without signs).
                let n = options.count
                for mask in 0..<(1 << n) {
                    let ticked = Set((0..<n).filter { mask & (1 << $0) != 0 })
                    let credit = Scorer.score(item.question, chosen: Set(ticked.map { options[$0].id })).credit
                    let moodle = MoodleRules.grade(weights, ticked: signs == 0 ? ticked.union([n]) : ticked)
                    #expect(abs(moodle - credit) < 0.0001, "\(name) ticks \(ticked.sorted()): Moodle \(moodle), Lookout \(credit)")
                    gradingChecks += 1
                }
            }
        }
        print("GIFT round trip: \(parsed.count) questions (\(multiChecked) multiple-answer), \(weightsChecked) weights on Moodle's list, \(gradingChecks) tick patterns graded as in Lookout")
        #expect(weightsChecked > 100)
    }

    @Test("special characters in a story, options and feedback survive the round trip through pygiftparser",
          .enabled(if: PythonTools.python3 != nil, "python3 is missing: cannot run pygiftparser (apt-get install python3 python3-venv)"))
    func specialCharactersRoundTrip() throws {
        let bankDir = try folders.make("lookout-gift-bank")
        try InteropFixture.writeBank(to: bankDir)
        let (file, out) = try exportGIFT([], bank: bankDir)
        #expect(out.status == 0, "\(out.stderr)")
        let gift = try String(contentsOfFile: file, encoding: .utf8)
        #expect(gift.contains("1 \\= 1 \\~ 2 \\# 3\\: ok"))
        #expect(gift.contains("::s1 q1::[plain]Guests\\: \"the \\{big\\} room\"\\n\\n"))
        let parsed = try parse(file)
        #expect(parsed.count == 4)
        let first = parsed[0]
        #expect(first["text"] as? String == "Guests: \"the {big} room\"\n\nA man = boss ~ owner # 1: pays for three.\n\nSecond paragraph with a backslash \\ here.\n\nWhich details are warning signs?")
        let answers = try #require(first["answers"] as? [[String: Any]])
        // Braces stay out of the options here: pygiftparser 1.1 ends an answer block at an escaped
        // "\}" (its answer pattern lets the brace follow a backslash), which Moodle does not; braces in
        // options are covered by the escaping test, braces in the question text here.
        #expect(answers[0]["text"] as? String == "He keeps their ID: \"for safety\" = control ~ #1")
        #expect(answers[0]["feedback"] as? String == "Holding papers: 1 = 1 ~ 2 # 3: ok")
        #expect(answers.map { $0["fraction"] as? Double } == [50, 50, -50, -50, -100])
        // The scene without signs: "None of these" is the only positive answer.
        let second = try #require(parsed[2]["answers"] as? [[String: Any]])
        #expect(second.map { $0["fraction"] as? Double } == [-50, -50, 100])
    }

    @Test("26.12: options and feedback beginning [html] or %25% stay plain text at weight 0 (the [plain] tag before every answer and feedback)",
          .enabled(if: PythonTools.python3 != nil, "python3 is missing: cannot run pygiftparser (apt-get install python3 python3-venv)"))
    func formatTagsAndWeightsInOptions() throws {
        let bankDir = try folders.make("lookout-gift-hostile")
        try InteropFixture.writeBank(to: bankDir)
        let path = bankDir + "/hospitality/s1.txt"
        var text = try String(contentsOfFile: path, encoding: .utf8)
        text = text.replacingOccurrences(of: "( ) a2: Confront him.", with: "( ) a2: %25% of the time, confront him.")
        text = text.replacingOccurrences(of: "[ ] o3: They carry photocopies.", with: "[ ] o3: [html]<i>He</i> answers for them.")
        text = text.replacingOccurrences(of: "why: Copies are ordinary.", with: "why: [markdown]*Copies* are ordinary.")
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        let (file, out) = try exportGIFT([], bank: bankDir)
        #expect(out.status == 0, "\(out.stderr)")
        let gift = try String(contentsOfFile: file, encoding: .utf8)
        #expect(gift.contains("~[plain]%25% of the time, confront him.#[plain]Dangerous."), "\(gift)")
        #expect(gift.contains("[plain][html]<i>He</i> answers for them.#[plain][markdown]*Copies* are ordinary."))
        // Read as Moodle does: the first [format] tag of an answer or feedback is its format, and a
        // weight must start the answer (after ~ or =).
        let parsed = try parse(file)
        let multi = try #require(parsed[0]["answers"] as? [[String: Any]])
        let single = try #require(parsed[1]["answers"] as? [[String: Any]])
        for answer in multi + single {
            #expect(answer["format"] as? String == "plain", "\(answer)")
            #expect(answer["feedbackFormat"] as? String == "plain", "\(answer)")
        }
        #expect(multi[2]["text"] as? String == "[html]<i>He</i> answers for them.")
        #expect(multi[2]["feedback"] as? String == "[markdown]*Copies* are ordinary.")
        let confront = try #require(single.first { ($0["text"] as? String)?.contains("confront") == true })
        #expect(confront["text"] as? String == "%25% of the time, confront him.")
        #expect((confront["fraction"] as? Double ?? 0) <= 0, "\(confront)")
    }

    @Test("--lesson exports one lesson; an unknown lesson is refused with the list")
    func oneLesson() throws {
        let bank = try ShippedClass.bank()
        let lesson = try #require(bank.lessons.first)
        let (file, out) = try exportGIFT(["--lesson", lesson.id])
        #expect(out.status == 0, "\(out.stderr)")
        let gift = try String(contentsOfFile: file, encoding: .utf8)
        let count = bank.scenarios(of: lesson).reduce(0) { $0 + $1.questions.count }
        #expect(gift.components(separatedBy: "\n::").count - 1 == count)
        #expect(gift.contains("$CATEGORY: $course$/Lookout/\(lesson.id)\n"))
        #expect(gift.components(separatedBy: "$CATEGORY:").count == 2)

        let bad = try exportGIFT(["--lesson", "no-such-lesson"])
        #expect(bad.output.status == 65)
        #expect(bad.output.stderr.contains("there is no lesson 'no-such-lesson'"))
        #expect(bad.output.stderr.contains(lesson.id))
    }

    @Test("--language km on the shipped bank: every scenario has a Khmer draft, so the questions are in Khmer")
    func khmerOnTheShippedBank() throws {
        let (file, out) = try exportGIFT(["--language", "km"])
        #expect(out.status == 0, "\(out.stderr)")
        let khmer = try String(contentsOfFile: file, encoding: .utf8)
        let english = try exportGIFT([])
        #expect(khmer != (try String(contentsOfFile: english.file, encoding: .utf8)))
        #expect(khmer.unicodeScalars.contains { (0x1780...0x17FF).contains($0.value) }, "Khmer letters in the export")

        let refused = try Lookout.run(["export", "--format", "gift", "--out", file + "2", "--language", "fr"])
        #expect(refused.status == 64)
        #expect(refused.stderr.contains("--language must be en or km"))
    }

    @Test("--language km uses a current Khmer translation text by text, falls back to English for the rest, and names the scenarios left in English",
          .enabled(if: PythonTools.python3 != nil, "python3 is missing: cannot run pygiftparser (apt-get install python3 python3-venv)"))
    func khmerTranslationUsed() throws {
        let bankDir = try folders.make("lookout-gift-bank")
        try InteropFixture.writeBank(to: bankDir)
        try FileManager.default.createDirectory(atPath: bankDir + "/translations/km", withIntermediateDirectories: true)
        // A draft translation of s1 (rev 1) without q1.o2's text: that option stays in English.
        try """
            translation: s1
            language: km
            rev: 1
            title: \u{1797}\u{17D2}\u{1789}\u{17C0}\u{179C}\u{200B}\u{1794}\u{17B8}\u{200B}\u{1793}\u{17B6}\u{1780}\u{17CB}
            story:
              | \u{1794}\u{17BB}\u{179A}\u{179F}\u{200B}\u{1798}\u{17D2}\u{1793}\u{17B6}\u{1780}\u{17CB}\u{17D6} \u{1785}\u{17C6}\u{1793}\u{17BD}\u{1793}\u{200B}\u{1794}\u{17B8}\u{17D4}
            q1.ask: \u{178F}\u{17BE}\u{200B}\u{179F}\u{1789}\u{17D2}\u{1789}\u{17B6}\u{200B}\u{17A2}\u{17D2}\u{179C}\u{17B8}?
            q1.o1: \u{1782}\u{17B6}\u{178F}\u{17CB}\u{200B}\u{1791}\u{17BB}\u{1780}\u{200B}\u{17A2}\u{178F}\u{17D2}\u{178F}\u{179F}\u{1789}\u{17D2}\u{1789}\u{17B6}\u{178E}
            q1.o1.why: \u{1793}\u{17C1}\u{17C7}\u{200B}\u{1787}\u{17B6}\u{200B}\u{179F}\u{1789}\u{17D2}\u{1789}\u{17B6}\u{17D4}

            """.write(toFile: bankDir + "/translations/km/s1.txt", atomically: true, encoding: .utf8)
        let bankCheck = try Lookout.run(["check", bankDir])
        #expect(bankCheck.stdout.contains(": 0 errors") && bankCheck.status == 0, "\(bankCheck.stdout)\(bankCheck.stderr)")
        let (file, out) = try exportGIFT(["--language", "km"], bank: bankDir)
        #expect(out.status == 0, "\(out.stderr)")
        #expect(out.stderr.contains("1 scenario has no km translation yet (s2)"), "\(out.stderr)")
        let parsed = try parse(file)
        let first = try #require(parsed.first)
        let text = try #require(first["text"] as? String)
        #expect(text.hasPrefix("\u{1797}\u{17D2}\u{1789}\u{17C0}\u{179C}\u{200B}"))
        #expect(text.contains("\u{17D6}"))
        let answers = try #require(first["answers"] as? [[String: Any]])
        #expect(answers[0]["text"] as? String == "\u{1782}\u{17B6}\u{178F}\u{17CB}\u{200B}\u{1791}\u{17BB}\u{1780}\u{200B}\u{17A2}\u{178F}\u{17D2}\u{178F}\u{179F}\u{1789}\u{17D2}\u{1789}\u{17B6}\u{178E}")
        #expect(answers[1]["text"] as? String == "He answers for them.")
        #expect(answers[1]["feedback"] as? String == "They cannot speak.")
        // s2 has no translation: English.
        #expect((parsed[2]["text"] as? String)?.hasPrefix("An ordinary family") == true)
    }

    @Test("a GIFT export needs no store: it holds no learner data (the facilitator lock does not apply)")
    func noStoreNeeded() throws {
        let data = try folders.make("lookout-gift-data")
        let set = try Lookout.run(["facilitator", "set-passphrase", "--stdin", "--data-dir", data], stdin: "correct horse battery\n")
        #expect(set.status == 0, "\(set.stderr)")
        let file = try folders.make("lookout-gift") + "/bank.gift"
        let out = try Lookout.run(["export", "--format", "gift", "--out", file, "--data-dir", data, "--bank", Lookout.shippedBank])
        #expect(out.status == 0, "\(out.stderr)")
        let attributes = try FileManager.default.attributesOfItem(atPath: file)
        #expect((attributes[.posixPermissions] as? Int) == 0o644)
    }
}

/// A small bank with GIFT's special characters everywhere, for the escaping tests.
enum InteropFixture {
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
            title: Documents held
            strength: strong
            audiences: hospitality
            sources: src-1
            explain:
              | Holding papers controls people.

            indicator: ind-b
            category: movement-communication
            title: Someone speaks for them
            strength: medium
            audiences: hospitality
            sources: src-1
            explain:
              | They cannot speak.

            """),
        ("regions/test.txt", """
            region: TEST-R
            name: Testland
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
            title: Special {characters}: a test
            audience: hospitality
            pass-mark: 70
            scenarios:
              - s1
              - s2

            """),
        ("hospitality/s1.txt", """
            scenario: s1
            rev: 1
            title: Guests: "the {big} room"
            audiences: hospitality
            region: TEST-R
            language: en
            trafficking: yes
            sources: src-1
            story:
              | A man = boss ~ owner # 1: pays for three.
              |
              | Second paragraph with a backslash \\ here.

            question: q1 multi
            ask: Which details are warning signs?
            [x] o1: He keeps their ID: "for safety" = control ~ #1
                ind: ind-a
                why: Holding papers: 1 = 1 ~ 2 # 3: ok
            [x] o2: He answers for them.
                ind: ind-b
                why: They cannot speak.
            [ ] o3: They carry photocopies.
                near: ind-a
                why: Copies are ordinary.
            [ ] o4: A friend translates.
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

            """),
        ("hospitality/s2.txt", """
            scenario: s2
            rev: 1
            title: An ordinary family
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
                near: ind-b
                why: Many guests pay cash.

            question: q2 single
            ask: What should you do?
            (*) a1: Check them in as usual.
                act: tell-supervisor
                why: Nothing is wrong.
            ( ) a2: Search their room.
                act: investigate-alone
                why: Never investigate alone.

            """),
    ]

    @discardableResult
    static func writeBank(to folder: String) throws -> String {
        for file in files {
            let path = folder + "/" + file.path
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try file.text.write(toFile: path, atomically: true, encoding: .utf8)
        }
        return folder
    }
}
