import LookoutCore
import LookoutText
@testable import LookoutUI
import Testing

/// One trainer state of each screen and overlay, reached by driving the trainer with keys.
enum ScreenStates {
    static func all(strings: UIStrings = .english) -> [(String, Harness)] {
        var states: [(String, Harness)] = []
        states.append(("learners", Harness(learners: [Harness.dara, Harness.sokha], strings: strings)))
        var typing = Harness(learners: [Harness.dara], strings: strings)
        typing.press(.down, .enter)
        typing.type("Srey Pov")
        states.append(("new learner", typing))
        var empty = Harness(learners: [], strings: strings)
        empty.press(.enter, .enter)
        states.append(("new learner with a message", empty))
        states.append(("tracks", Harness.ready(strings: strings)))
        var lessons = Harness.ready(strings: strings)
        lessons.press(.enter)
        states.append(("lessons", lessons))
        states.append(("content note", Harness.inLesson(4, strings: strings)))
        var multi = Harness.inLesson(1, strings: strings)
        multi.press(.space, .down)
        states.append(("multi-select question", multi))
        var single = Harness.inLesson(1, strings: strings)
        single.press(.space, .enter, .enter, .down)
        states.append(("single-choice question", single))
        var long = Harness.inLesson(2, strings: strings)
        states.append(("long scene", long))
        long.press(.pageDown)
        states.append(("long scene scrolled", long))
        var khmer = Harness.inLesson(2, strings: strings)
        khmer.press(.space, .enter, .enter)
        states.append(("Khmer scene", khmer))
        states.append(("Chinese scene", Harness.inLesson(3, strings: strings)))
        var repeated = Harness.inLesson(4, strings: strings)
        repeated.press(.enter, .character("1"), .character("2"), .enter, .enter)
        states.append(("repeated scenario", repeated))
        var feedback = Harness.inLesson(1, strings: strings)
        feedback.press(.down, .space, .enter)
        states.append(("multi-select feedback", feedback))
        var unsafe = Harness.inLesson(1, strings: strings)
        unsafe.press(.space, .enter, .enter, .character("2"), .enter)   // a digit selects; Enter submits
        states.append(("unsafe-choice feedback", unsafe))
        var summary = unsafe
        summary.press(.enter, .enter, .enter, .enter)
        states.append(("summary", summary))
        var progress = Harness.ready(events: summary.events, strings: strings)
        progress.press(.down, .enter)
        states.append(("progress", progress))
        var help = Harness.inLesson(1, strings: strings)
        help.press(.character("?"))
        states.append(("help", help))
        var support = Harness.inLesson(1, strings: strings)
        support.press(.character("s"))
        states.append(("support", support))
        var quit = Harness.inLesson(1, strings: strings)
        quit.press(.character("q"))
        states.append(("quit confirmation", quit))
        return states
    }
}

@Suite struct ScreenPropertyTests {
    /// The Khmer scene is wrapped by display width: every line fits, no line ends in a coeng (U+17D2), and reading
    /// the lines in order gives back the whole story.
    @Test(arguments: [40, 52, 80, 120])
    func khmerSceneWrapsAndKeepsEveryCluster(width: Int) {
        var harness = Harness.inLesson(2)
        harness.press(.space, .enter, .enter)
        let story = ScreenFixture.khmerStory
        let scene = QuestionScreen.scene(harness.trainer.currentScenario!, width: width - 2,
                                         ViewContext(navigator: harness.trainer, theme: Theme(capabilities: .init())))
        let lines = scene.lines.dropFirst(2).map { $0.spans.map(\.text).joined() }
        for line in lines {
            #expect(DisplayWidth.width(of: line) <= width - 2)
            #expect(line.unicodeScalars.last?.value != 0x17D2, "line ends in a coeng: \(line)")
        }
        let joined = lines.joined().filter { $0 != " " }
        #expect(joined == story.filter { $0 != " " })
        // And on screen, at the same width, the story's first cluster run is there.
        let screen = harness.render(width, 24).textLines.joined(separator: "\n")
        #expect(screen.contains(lines.first ?? "—"))
    }

    @Test func chineseSceneBreaksBetweenWideCharacters() {
        let harness = Harness.inLesson(3)
        let buffer = harness.render(40, 12)
        let lines = buffer.textLines
        #expect(lines.contains(" 一名妇女被骗到泰国工作。她的老板拿走了"))
        for y in 0..<buffer.height {
            // A wide character is never cut at the right edge: the last cell is never a wide character's left half.
            #expect(buffer[buffer.width - 1, y].width != 2)
        }
    }

    /// The hardware cursor sits in the focused option's box, on every question, as the focus moves.
    @Test func cursorSitsOnTheFocusedOption() {
        var harness = Harness.inLesson(2)
        for focus in 0..<3 {
            for (w, h) in [(80, 24), (40, 12), (120, 40)] {
                let buffer = harness.render(w, h)
                guard let cursor = buffer.cursor else {
                    Issue.record("no cursor at \(w)x\(h)")
                    continue
                }
                #expect(buffer[cursor.x - 1, cursor.y].symbol == "[", "at \(w)x\(h), focus \(focus)")
                let option = harness.trainer.currentQuestion!.options[focus].text
                let row = buffer.textLines[cursor.y]
                #expect(option.hasPrefix(String(row.drop(while: { $0 != "]" }).dropFirst(2))), "\(row)")
            }
            harness.press(.down)
        }
    }

    @Test func cursorIsAtTheEndOfTheName() {
        var harness = Harness(learners: [])
        harness.press(.enter)
        harness.type("ស្រីពៅ")
        let buffer = harness.render(80, 24)
        let row = buffer.textLines[buffer.cursor!.y]
        #expect(row.hasSuffix("ស្រីពៅ"))
        #expect(buffer.cursor!.x == 1 + DisplayWidth.width(of: row.dropFirst()) )
    }

    /// Without colour, no cell uses a colour role; with colour, the background is always the terminal's own, except
    /// the selected row (which the terminal shows in reverse video).
    @Test func colourRolesOnlyWithColour() {
        for (name, harness) in ScreenStates.all() {
            let mono = harness.render(80, 24, colour: false)
            #expect(mono.cells.allSatisfy { $0.style.foreground == .default && $0.style.background == .default }, "\(name)")
            let colour = harness.render(80, 24)
            #expect(colour.cells.allSatisfy { $0.style.background == .default || $0.style.background == .selection },
                    "\(name)")
            #expect(colour.cells.allSatisfy { $0.style.attributes.isEmpty }, "\(name)")
        }
    }

    /// Without UTF-8, every cell is ASCII (apart from the bank's own text).
    @Test func asciiScreensUseAsciiFrames() {
        for (name, harness) in ScreenStates.all() where !name.contains("Khmer") && !name.contains("Chinese") {
            let buffer = harness.render(80, 24, utf8: false, colour: false)
            let nonASCII = buffer.cells.filter { !$0.symbol.unicodeScalars.allSatisfy(\.isASCII) }
            #expect(nonASCII.isEmpty, "\(name): \(nonASCII.map(\.symbol))")
        }
    }

    /// Right and wrong are never shown by colour alone: every option of the feedback has a symbol and a word.
    @Test func feedbackMarksEveryOptionWithASymbolAndAWord() {
        var harness = Harness.inLesson(1)
        harness.press(.down, .space, .enter)
        let lines = harness.render(80, 24, utf8: false, colour: false).textLines
        #expect(lines.contains(" x 1 [ ] He keeps their ID cards."))
        #expect(lines.contains("         MISSED: this is a warning sign"))
        #expect(lines.contains(" x 2 [x] They arrive late."))
        #expect(lines.contains("         FALSE ALARM: not a warning sign on its own"))
        harness.press(.enter, .enter)
        let right = harness.render(80, 24).textLines
        #expect(right.contains(" ✓ 1 (*) Tell the duty manager."))
        #expect(right.contains("         RIGHT: your choice"))
        #expect(right.contains(" ✗ 2 ( ) Confront him."))
        #expect(right.contains("         not the best · UNSAFE"))
    }

    /// Every screen at every size from below the minimum to 200x60 draws without trouble: the cursor, if shown, is
    /// inside the window; below the minimum only the enlarge message shows.
    @Test func everyScreenAtManySizes() {
        let sizes = [(20, 6), (39, 11), (40, 12), (41, 13), (60, 20), (80, 24), (100, 30), (132, 43), (200, 60)]
        for (name, harness) in ScreenStates.all() {
            for (w, h) in sizes {
                let buffer = harness.render(w, h)
                #expect(buffer.width == w && buffer.height == h)
                if let cursor = buffer.cursor {
                    #expect(cursor.x >= 0 && cursor.x < w && cursor.y >= 0 && cursor.y < h, "\(name) at \(w)x\(h)")
                }
                let text = buffer.textSnapshot
                if w < 40 || h < 12 {
                    #expect(text.contains("larger"), "\(name) at \(w)x\(h)")
                    #expect(buffer.cursor == nil)
                } else {
                    #expect(text.contains("Lookout"), "\(name) at \(w)x\(h)")
                }
            }
        }
    }

    /// A resize re-lays out the screen from the same state: going back to the first size gives the same frame.
    @Test func resizeKeepsTheScreen() {
        var harness = Harness.inLesson(2)
        harness.press(.space, .pageDown)
        let before = harness.render(80, 24)
        harness.resize(40, 12)
        let small = harness.render(40, 12)
        #expect(small.textSnapshot.contains("[x]"))
        harness.resize(30, 10)
        #expect(harness.render(30, 10).textSnapshot.contains("larger"))
        harness.resize(80, 24)
        #expect(harness.render(80, 24) == before)
    }

    /// No UI text is written in a view: with a catalog whose every text is a marker, no word remains on any screen
    /// that is not from the bank, a learner's name, or the catalog's markers.
    @Test func everyScreenTakesItsTextFromTheCatalog() {
        var table: [UIText: String] = [:]
        for key in UIText.allCases {
            table[key] = "¤" + UIStrings.placeholders(in: UIStrings.english[key]).map { "{\($0)}" }.joined(separator: "¤")
        }
        let markers = UIStrings(language: "xx", table: table)
        #expect(markers.missingKeys.isEmpty)
        #expect(markers.placeholderMismatches.isEmpty)
        let bank = ScreenFixture.bank
        var allowed = ["Dara", "Sokha", "Srey", "Pov"]
        for s in bank.scenarios {
            allowed += [s.title, s.story, s.contentNote ?? ""]
            for q in s.questions { allowed += [q.prompt] + q.options.flatMap { [$0.text, $0.feedback] } }
        }
        allowed += bank.indicators.flatMap { [$0.title, $0.explanation] }
        allowed += bank.lessons.flatMap { [$0.title, $0.description ?? ""] }
        for region in bank.regions {
            allowed += [region.name, region.note ?? ""]
            allowed += region.entries.flatMap { [$0.name, $0.number ?? "", $0.purpose ?? "", $0.hours ?? "", $0.contact ?? ""] }
        }
        let allowedWords = Set(allowed.flatMap(Self.words))
        for (name, harness) in ScreenStates.all(strings: markers) {
            for (w, h) in [(80, 24), (40, 12), (30, 8)] {
                let words = Self.words(harness.render(w, h).textSnapshot)
                let stray = words.filter { !allowedWords.contains($0) }
                #expect(stray.isEmpty, "\(name) at \(w)x\(h) shows text not from the catalog: \(stray)")
            }
        }
    }

    /// Latin words of two letters or more.
    static func words(_ text: String) -> [String] {
        var result: [String] = []
        var current = ""
        for c in text {
            if c.isASCII && c.isLetter {
                current.append(c)
            } else {
                if current.count >= 2 { result.append(current) }
                current = ""
            }
        }
        if current.count >= 2 { result.append(current) }
        return result
    }
}
