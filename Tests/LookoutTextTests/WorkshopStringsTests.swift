import LookoutText
import Testing

/// The facilitator catalog (report, debrief, gain, certificate): English complete, other languages fall back.
struct WorkshopStringsTests {
    @Test func commandMessagesHaveEnglishAndFallBack() {
        for key in CommandText.allCases {
            #expect(!CommandStrings.english[key].isEmpty, "\(key)")
            #expect(CommandStrings.khmer[key] == CommandStrings.english[key], "\(key)")
        }
        #expect(CommandStrings.english(.bankHasErrors, ["path": "b", "count": "2"])
                == "error: the scenario bank at 'b' has 2 error(s); run 'lookout check b' to see them")
        #expect(CommandStrings.khmer.missingKeys.count == CommandText.allCases.count)
    }

    @Test func englishHasTextForEveryKey() {
        #expect(WorkshopStrings.english.missingKeys.isEmpty)
        for key in WorkshopText.allCases { #expect(!WorkshopStrings.english[key].isEmpty, "\(key)") }
    }

    @Test func khmerFallsBackToEnglishKeyByKey() {
        let khmer = WorkshopStrings.khmer
        #expect(khmer.language == "km")
        for key in WorkshopText.allCases { #expect(khmer[key] == WorkshopStrings.english[key], "\(key)") }
        let partial = WorkshopStrings(language: "km", table: [.reportLearnersHeading: "អ្នករៀន"])
        #expect(partial[.reportLearnersHeading] == "អ្នករៀន")
        #expect(partial[.reportNoLearners] == "No learners yet.")
        #expect(partial.missingKeys.count == WorkshopText.allCases.count - 1)
    }

    @Test func templatesFillPlaceholdersAndCountsPickOneOrMany() {
        let s = WorkshopStrings.english
        #expect(s.count(1, one: .learnerOne, many: .learnerMany) == "1 learner")
        #expect(s.count(3, one: .learnerOne, many: .learnerMany) == "3 learners")
        #expect(s.count(2, one: .activeLearnersOne, many: .activeLearnersMany, ["active": "1"]) == "1 of 2 learners active")
        #expect(s(.debriefWhy, ["explanation": "{not a placeholder}"]) == "why: {not a placeholder}")
        let broken = WorkshopStrings(language: "km", table: [.debriefWhy: "ហេតុ: {reason}"])
        #expect(broken.placeholderMismatches == [.debriefWhy])
        #expect(WorkshopStrings.english.placeholderMismatches.isEmpty)
    }
}
