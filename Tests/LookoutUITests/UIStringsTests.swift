import LookoutCore
import LookoutText
import LookoutUI
import Testing

@Suite struct UIStringsTests {
    @Test func englishHasEveryKeyAndNoEmptyText() {
        #expect(UIStrings.english.missingKeys.isEmpty)
        #expect(UIStrings.english.placeholderMismatches.isEmpty)
        for key in UIText.allCases {
            #expect(!UIStrings.english[key].isEmpty, "\(key)")
        }
    }

    @Test func placeholdersAreFilled() {
        let text = UIStrings.english
        #expect(text(.summaryScore, ["score": "80", "passMark": "75", "verdict": "PASSED"])
                == "Score: 80% (pass mark 75%): PASSED")
        #expect(text.count(1, one: .spottedOne, many: .spottedMany) == "1 warning sign spotted")
        #expect(text.count(3, one: .spottedOne, many: .spottedMany) == "3 warning signs spotted")
        // A value is inserted as it is, never read as a template again.
        #expect(text(.tracksGreeting, ["name": "{name}"]) == "Hello, {name}. Choose:")
        #expect(UIStrings.fill("{a} and {b}", ["a": "1"]) == "1 and {b}")
        #expect(UIStrings.fill("a { b", ["b": "x"]) == "a { b")
        #expect(UIStrings.placeholders(in: "{x}% of {y}") == ["x", "y"])
    }

    /// Another language is a table; what it lacks falls back to English, and a checker can list the gaps and any
    /// placeholder that does not match.
    @Test func anotherCatalogFallsBackToEnglish() {
        let khmer = UIStrings(language: "km", table: [
            .learnersTitle: "តើអ្នកណាកំពុងរៀន?",
            .tracksGreeting: "សួស្តី {name}។ ជ្រើសរើស៖",
            .summaryScore: "ពិន្ទុ៖ {score}%",
        ])
        #expect(khmer.language == "km")
        #expect(khmer[.learnersTitle] == "តើអ្នកណាកំពុងរៀន?")
        #expect(khmer(.tracksGreeting, ["name": "ដារ៉ា"]) == "សួស្តី ដារ៉ា។ ជ្រើសរើស៖")
        #expect(khmer[.helpTitle] == UIStrings.english[.helpTitle])
        #expect(khmer.missingKeys.count == UIText.allCases.count - 3)
        #expect(khmer.placeholderMismatches == [.summaryScore])
    }

    @Test func verdictAndStatusWordsComeFromTheCatalog() {
        let text = UIStrings.english
        #expect(OptionFeedback.Verdict.falseAlarm.words(text) == "FALSE ALARM: not a warning sign on its own")
        #expect(LessonStatus.inProgress(percent: 49.6).words(text) == "in progress 49%") // rounded down, as every score
        #expect(LessonStatus.failed.words(text) == "not passed yet")
        let other = UIStrings(language: "xx", table: [.verdictMiss: "MISS", .statusNew: "NEW"])
        #expect(OptionFeedback.Verdict.miss.words(other) == "MISS")
        #expect(LessonStatus.new.words(other) == "NEW")
    }

    /// The trainer's own message comes from its catalog.
    @Test func trainerMessageUsesItsCatalog() {
        let other = UIStrings(language: "xx", table: [.nameRequired: "NAME FIRST"])
        var trainer = Navigator(session: TrainingSession(bank: Bank(), region: nil), strings: other)
        _ = trainer.press(.enter, SessionEnvironment(now: 1_000, newID: "a"))
        _ = trainer.press(.enter, SessionEnvironment(now: 2_000, newID: "b"))
        #expect(trainer.message == "NAME FIRST")
    }

    @Test func feedbackSummaryInPlainWords() {
        let result = QuestionResult(questionID: "q1", kind: .multi, credit: 0.5, hits: ["a"], misses: ["b", "c"],
                                    falseAlarms: ["d"], correctRejections: [], action: nil, isCorrect: false,
                                    isUnsafe: false)
        #expect(FeedbackBuilder.summary(of: result)
                == "1 warning sign spotted, 2 missed, 1 false alarm. Score for this question: 50%.")
    }
}
