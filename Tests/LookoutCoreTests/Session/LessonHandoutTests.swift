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
        let html = LessonHandout.html(bank: bank, lesson: lesson, language: .english)
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
        let html = LessonHandout.html(bank: bank, lesson: lesson, language: .khmer)
        #expect(html.contains("<html lang=\"km\">"))
        #expect(html.contains(UIStrings.khmer[.handoutAnswersTitle]))
        #expect(html.contains(UIStrings.khmer[.englishFallbackNotice]))
        #expect(html.contains(UIStrings.khmer[.draftTranslationNotice]) == UILanguage.khmer.isDraft)
        #expect(html.contains("A man checks in three women"))          // no translation: the English story
    }
}
