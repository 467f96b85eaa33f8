import LookoutCore
import LookoutText
@testable import LookoutUI
import Testing

/// The Khmer UI catalog: complete, same placeholders, words separated by U+200B, and honest that it is a draft.
@Suite struct KhmerCatalogTests {
    static let zwsp: Character = "\u{200B}"

    static func isKhmer(_ scalar: Unicode.Scalar) -> Bool { (0x1780...0x17FF).contains(scalar.value) }

    @Test func everyKeyHasKhmerTextWithTheSamePlaceholders() {
        let khmer = UIStrings.khmer
        #expect(khmer.language == "km")
        #expect(khmer.missingKeys.isEmpty, "keys without Khmer text: \(khmer.missingKeys)")
        #expect(khmer.placeholderMismatches.isEmpty, "placeholders differ: \(khmer.placeholderMismatches)")
        for key in UIText.allCases {
            #expect(!khmer[key].isEmpty, "\(key)")
        }
    }

    /// The checks the test above relies on do catch a missing key and a changed placeholder.
    @Test func theCompletenessChecksCatchAGapAndAWrongPlaceholder() {
        var table: [UIText: String] = [:]
        for key in UIText.allCases { table[key] = UIStrings.khmer[key] }
        table[.helpTitle] = nil
        table[.summaryScore] = "ពិន្ទុ: {points}%"
        let broken = UIStrings(language: "km", table: table)
        #expect(broken.missingKeys == [.helpTitle])
        #expect(broken.placeholderMismatches == [.summaryScore])
    }

    /// Khmer writes no spaces between words: the catalog puts U+200B between them so the wrapper can break lines.
    /// Every text with more than one Khmer word (more than 12 Khmer scalars in a run: no single word here is that long) has one; a U+200B never
    /// stands next to a space, at the start or at the end, and never follows a coeng (it would split a cluster).
    @Test func khmerWordsAreSeparatedByZeroWidthSpaces() {
        for key in UIText.allCases {
            let text = UIStrings.khmer[key]
            let scalars = Array(text.unicodeScalars)
            var run = 0
            var longest = 0
            for s in scalars {
                if Self.isKhmer(s) { run += 1; longest = max(longest, run) } else { run = 0 }
            }
            if longest > 12 { #expect(text.contains(Self.zwsp), "\(key): \(text)") }
            #expect(!text.hasPrefix("\u{200B}") && !text.hasSuffix("\u{200B}"), "\(key)")
            #expect(!text.contains(" \u{200B}") && !text.contains("\u{200B} ") && !text.contains("\u{200B}\u{200B}"), "\(key)")
            #expect(!text.contains("\u{17D2}\u{200B}"), "\(key): U+200B after a coeng")
        }
    }

    /// Texts that have Khmer words in them really are in Khmer (not English left in by mistake), apart from key
    /// names and commands that stay as they are.
    @Test func khmerTextIsKhmer() {
        let latinOnly: Set<UIText> = [.appName, .keyArrows, .keyArrowsASCII, .keySpace, .keyEnter, .keyEsc, .keyPages,
                                      .keyDigits, .keyCtrlC, .keyN, .keyQuestion, .keyS, .keyQ, .keyY,
                                      .supportEntryNumber, .plainScenarioHeading, .plainIndicatorLine, .feedbackMultiSummary,
                                      .languageEnglish, .languageKhmerASCII]
        for key in UIText.allCases where !latinOnly.contains(key) {
            #expect(UIStrings.khmer[key].unicodeScalars.contains(where: Self.isKhmer), "\(key): \(UIStrings.khmer[key])")
        }
    }

    /// The Khmer catalog is never presented as reviewed without a reviewer's name and a date.
    @Test func theDraftFlagNeedsANamedDatedReviewToClear() {
        let review = UIStrings.khmerReview
        #expect(UILanguage.khmer.isDraft == !review.isReviewed)
        if review.reviewed {
            #expect(!(review.reviewer ?? "").isEmpty && !(review.reviewedOn ?? "").isEmpty)
        }
        #expect(!CatalogReview(reviewed: true, reviewer: nil, reviewedOn: "2027-01-10").isReviewed)
        #expect(!CatalogReview(reviewed: true, reviewer: "A. Reader", reviewedOn: nil).isReviewed)
        #expect(!CatalogReview(reviewed: false, reviewer: "A. Reader", reviewedOn: "2027-01-10").isReviewed)
        #expect(CatalogReview(reviewed: true, reviewer: "A. Reader", reviewedOn: "2027-01-10").isReviewed)
        #expect(!UILanguage.english.isDraft)
    }

    @Test func theLanguageComesFromTheFlagThenTheEnvironmentThenTheLearnerThenTheLocale() {
        #expect(UILanguage.resolve(flag: nil, environment: [:], learnerChoice: nil) == .english)
        #expect(UILanguage.resolve(flag: nil, environment: ["LANG": "km_KH.UTF-8"], learnerChoice: nil) == .khmer)
        #expect(UILanguage.resolve(flag: nil, environment: ["LANG": "km_KH.UTF-8"], learnerChoice: .english) == .english)
        #expect(UILanguage.resolve(flag: nil, environment: ["LANG": "C.UTF-8"], learnerChoice: .khmer) == .khmer)
        #expect(UILanguage.resolve(flag: nil, environment: ["LOOKOUT_LANGUAGE": "en", "LANG": "km_KH.UTF-8"],
                                   learnerChoice: .khmer) == .english)
        #expect(UILanguage.resolve(flag: .khmer, environment: ["LOOKOUT_LANGUAGE": "en"], learnerChoice: .english) == .khmer)
        // An unknown LOOKOUT_LANGUAGE is ignored, not an error.
        #expect(UILanguage.resolve(flag: nil, environment: ["LOOKOUT_LANGUAGE": "fr"], learnerChoice: .khmer) == .khmer)
        // POSIX order: LC_ALL wins over LC_MESSAGES over LANG; the first one set decides.
        #expect(UILanguage.fromLocale(["LC_ALL": "en_US.UTF-8", "LANG": "km_KH.UTF-8"]) == nil)
        #expect(UILanguage.fromLocale(["LC_MESSAGES": "km_KH", "LANG": "en_US.UTF-8"]) == .khmer)
        #expect(UILanguage.fromLocale(["LC_ALL": "", "LANG": "km"]) == .khmer)
        #expect(UILanguage(code: "KM") == .khmer)
        #expect(UILanguage(code: "en_GB.UTF-8") == .english)
        #expect(UILanguage(code: "kmx") == nil)
        #expect(UILanguage(code: "") == nil)
    }

    /// The learner's menu has a language row; choosing it switches the screens at once and hands the choice to the
    /// driver to store, once.
    @Test func theMenuSwitchesTheLanguage() {
        var harness = Harness.ready()
        let row = harness.trainer.trackMenu.firstIndex(of: .language)
        #expect(row != nil)
        #expect(harness.trainer.trackMenu.last == .switchLearner)
        guard let row else { return }
        harness.press(.character(Character(String(row + 1))))
        #expect(harness.trainer.strings.language == "km")
        #expect(harness.trainer.takeLanguageChoice() == .khmer)
        #expect(harness.trainer.takeLanguageChoice() == nil)
        #expect(harness.trainer.screen == .tracks(selected: row))
        let frame = harness.render(80, 24).snapshot
        #expect(frame.contains(UIStrings.khmer[.learnersTitle]) || frame.contains("ភាសា"))
        harness.press(.enter)
        #expect(harness.trainer.strings.language == "en")
        #expect(harness.trainer.takeLanguageChoice() == .english)
    }

    /// A draft catalog says so in one line on every screen; English does not.
    @Test func aDraftCatalogShowsTheNotice() {
        // U+200B carries nothing to draw, so the cells hold the text without it.
        let notice = String(UIStrings.khmer[.draftTranslationNotice].filter { $0 != "\u{200B}" }.prefix(8))
        let khmer = Harness.ready(strings: .khmer).render(80, 24).snapshot
        #expect(khmer.contains(notice) == UILanguage.khmer.isDraft)
        let english = Harness.ready().render(80, 24).snapshot
        #expect(!english.contains(UIStrings.english[.draftTranslationNotice]))
    }
}
