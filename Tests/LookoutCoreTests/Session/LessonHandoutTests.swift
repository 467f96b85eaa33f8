import LookoutCore
import LookoutText
import Testing

/// The printable handout: every text escaped, questions before the answers, the answers after a page break.
@Suite struct LessonHandoutTests {
    @Test func everyTextIsEscapedAndTheAnswersComeAfterAPageBreak() throws {
        let files = Fixture.with("desk.txt") {
            $0.replacingFirst("title: Three women at check-in", with: "title: <script>alert('x')</script> & \"Co\"")
              .replacingFirst("[x] o1: He keeps their ID cards.", with: "[x] o1: He keeps <b>their</b> ID cards.")
        }
        let bank = Fixture.load(files).bank
        let lesson = try #require(bank.lesson("hos-intro"))
        let html = LessonHandout.html(bank: bank, lesson: lesson, language: .english, seed: 7)
        #expect(!html.contains("<script"))
        #expect(!html.contains("<b>their</b>"))
        #expect(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;Co&quot;"))
        #expect(html.contains("He keeps &lt;b&gt;their&lt;/b&gt; ID cards."))
        #expect(!html.contains("http://") && !html.contains("https://") && !html.contains("src="))
        let answers = try #require(html.range(of: "<section class=\"answers\">"))
        let story = try #require(html.range(of: "A man checks in three women"))
        let why = try #require(html.range(of: "Holding papers is control."))
        #expect(story.lowerBound < answers.lowerBound)
        #expect(why.lowerBound > answers.lowerBound)
        #expect(html.contains("warning sign</strong>: He keeps"))
        #expect(html.contains("BEST CHOICE</strong>: Tell the duty manager."))
        #expect(html.contains("not the best, UNSAFE</strong>: Confront him."))
        #expect(html.contains("<html lang=\"en\">"))
        #expect(!html.contains(UIStrings.english[.draftTranslationNotice]))
    }

    @Test func aKhmerHandoutMarksDraftAndEnglishText() throws {
        let bank = Fixture.load(Fixture.files).bank
        let lesson = try #require(bank.lesson("hos-intro"))
        let html = LessonHandout.html(bank: bank, lesson: lesson, language: .khmer, seed: 7)
        #expect(html.contains("<html lang=\"km\">"))
        #expect(html.contains(UIStrings.khmer[.handoutAnswersTitle]))
        #expect(html.contains(UIStrings.khmer[.englishFallbackNotice]))
        #expect(html.contains(UIStrings.khmer[.draftTranslationNotice]) == UILanguage.khmer.isDraft)
        #expect(html.contains("A man checks in three women"))          // no translation: the English story
    }

    /// The letter each option text gets in the questions and in the answer key of a page.
    static func letters(_ html: String, _ texts: [String]) -> (questions: [String: String], key: [String: String]) {
        let split = html.components(separatedBy: "<section class=\"answers\">")
        var questions: [String: String] = [:], key: [String: String] = [:]
        for text in texts {
            for letter in "abcdefg" {
                if split[0].contains("</span> \(letter)) \(text)</li>") { questions[text] = String(letter) }
                let keyLines = split[1].split(separator: "\n")
                if keyLines.contains(where: { $0.contains("<strong>\(letter)) ") && $0.contains("</strong>: \(text)<br>") }) { key[text] = String(letter) }
            }
        }
        return (questions, key)
    }

    @Test func optionsAreShuffledFromThePrintedSeedAndTheKeyFollows() throws {
        // A question with five options, so that orders differ between seeds.
        let files = Fixture.with("desk.txt") {
            $0.replacingFirst("( ) a2: Confront him.", with: """
                ( ) a3: Post it online.
                    act: unsafe-post
                    why: Harmful.
                ( ) a4: Pay him.
                    act: unsafe-pay
                    why: Harmful.
                ( ) a5: Walk away.
                    act: ignore
                    why: Not enough.
                ( ) a2: Confront him.
                """)
        }
        let bank = Fixture.load(files).bank
        let lesson = try #require(bank.lesson("hos-intro"))
        let texts = ["Tell the duty manager.", "Post it online.", "Pay him.", "Walk away.", "Confront him."]
        var orders = Set<[String]>()
        for seed: UInt64 in 1...12 {
            let html = LessonHandout.html(bank: bank, lesson: lesson, language: .english, seed: seed)
            #expect(html.components(separatedBy: "Options shuffled with seed \(seed) ").count == 3)   // top and bottom
            let (questions, key) = Self.letters(html, texts)
            #expect(questions.count == 5 && questions == key, "seed \(seed): \(questions) vs \(key)")
            orders.insert(texts.sorted { questions[$0]! < questions[$1]! })
            // The same seed prints the same page.
            #expect(html == LessonHandout.html(bank: bank, lesson: lesson, language: .english, seed: seed))
        }
        #expect(orders.count >= 6, "\(orders)")
        // The right answer is not always at the same letter.
        let rightLetters = Set((1...12).map { seed -> String in
            Self.letters(LessonHandout.html(bank: bank, lesson: lesson, language: .english, seed: UInt64(seed)), texts).questions["Tell the duty manager."]!
        })
        #expect(rightLetters.count >= 3)
    }
}
