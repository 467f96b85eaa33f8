/// The key of one piece of facilitator text: the class report, the debrief, the gain, and the record of completion
/// (certificate). Grouped by what prints them; the raw value is the key's stable name.
///
/// Like ``UIText``, a text with parts filled in at run time is a template with `{name}` placeholders (see
/// ``WorkshopStrings/callAsFunction(_:_:)``); a translation keeps the same placeholders. Column headings are keyed
/// whole, as they are laid out today.
public enum WorkshopText: String, CaseIterable, Sendable, Hashable {
    // MARK: Counts (plurals)
    case learnerOne
    case learnerMany
    case answerOne
    case answerMany
    case firstAnswerOne
    case firstAnswerMany
    case activeLearnersOne
    case activeLearnersMany
    case anonymousLearner

    // MARK: Class report (`lookout report`, the facilitator screen)
    case reportTitle
    case reportTitleLesson
    case reportTitleLine
    case reportSince
    case reportLearnersHeading
    case reportNoLearners
    case reportLearnerColumns
    case reportIndicatorsHeading
    case reportIndicatorColumn
    case reportHitRateColumn
    case reportFalseAlarmsColumn
    case reportWrongColumn
    case reportCountColumn
    case reportNoMultiAnswers
    case reportHeatMapLegend
    case reportIndicatorsShown
    case reportIndicatorsAll
    case reportHardestHeading
    case reportNoAnswers
    case reportMoreScenarios
    case reportScenarioColumn
    case reportQuestionColumn
    case reportMeanCreditColumn
    case reportUnsafeColumn
    case reportHardestScreenTitle
    case reportScenariosShown
    case reportSkippedHeading
    case reportSkippedNote
    case reportSkippedAlternate
    case reportSkippedLine
    case reportSkippedSeparator

    // MARK: Debrief (`lookout report --debrief`)
    case debriefTitle
    case debriefTitleLesson
    case debriefTitleLine
    case debriefLegend
    case debriefHardestHeading
    case debriefRankColumn
    case debriefWrongColumn
    case debriefLowColumn
    case debriefCountColumn
    case debriefItemColumn
    case debriefMoreItems
    case debriefHardestLegend
    case debriefItemLabel
    case debriefTrafficking
    case debriefNoTrafficking
    case debriefItemTitle
    case debriefQuestion
    case debriefFacts
    case debriefFactsUnsafe
    case debriefWhy
    case markSign
    case markAlike
    case markRight
    case markUnsafe
    case markOver

    // MARK: Gain (first lesson to final)
    case gainHeading
    case gainNobody
    case gainTrackLine
    case gainNoPairs
    case gainBullet
    case gainHitMore
    case gainHitFewer
    case gainHitSame
    case gainHitLine
    case gainHitNone
    case gainFalseAlarmMore
    case gainFalseAlarmFewer
    case gainFalseAlarmSame
    case gainFalseAlarmLine
    case gainFalseAlarmNone
    case gainDPrimeMore
    case gainDPrimeFewer
    case gainDPrimeSame
    case gainDPrimeLine
    case gainDPrimeNone
    case gainCriterionMore
    case gainCriterionFewer
    case gainCriterionSame
    case gainCriterionLine
    case gainUnsafeFewer
    case gainUnsafeMore
    case gainUnsafeSame
    case gainUnsafeLine
    case gainHistogramNone
    case gainHistogramTitle
    case gainHistogramBelow
    case gainHistogramAbove
    case gainHistogramBin
    case gainLearnerColumns

    // MARK: Record of completion (`lookout certificate`)
    case certificateTitle
    case certificateHeading
    case certificateHTMLTitle
    case certificateName
    case certificateLesson
    case certificateLessonValue
    case certificateScore
    case certificatePassMark
    case certificatePassMarkValue
    case certificateAttempts
    case certificateAttemptsFirst
    case certificateDatePassed
    case certificateRegion
    case certificateIssuedBy
    case certificateFingerprint
    case certificateFingerprintNote
    case certificateFullFingerprint
    case certificateDisclaimer
}

/// A catalog of facilitator text (``WorkshopText``) in one language: English complete, any other language falling
/// back to English key by key. The Khmer table is empty until the translation step: every Khmer text is the English one.
public typealias WorkshopStrings = TextCatalog<WorkshopText>

extension WorkshopText: CatalogKey {
    public var english: String { WorkshopText.englishText(self) }

    /// The English text of every key.
    static func englishText(_ key: WorkshopText) -> String {
        switch key {
        case .learnerOne: return "{n} learner"
        case .learnerMany: return "{n} learners"
        case .answerOne: return "{n} answer"
        case .answerMany: return "{n} answers"
        case .firstAnswerOne: return "{n} first answer"
        case .firstAnswerMany: return "{n} first answers"
        case .activeLearnersOne: return "{active} of {n} learner active"
        case .activeLearnersMany: return "{active} of {n} learners active"
        case .anonymousLearner: return "Learner {n}"

        case .reportTitle: return "Class report"
        case .reportTitleLesson: return "Class report, lesson {lesson}"
        case .reportTitleLine: return "{title}: {learners}, {answers}"
        case .reportSince: return "{title}, since {since}"
        case .reportLearnersHeading: return "Learners"
        case .reportNoLearners: return "No learners yet."
        case .reportLearnerColumns: return "PASSED  SCORE  HIT RATE  FALSE ALARMS  UNSAFE  ANSWERS  NAME"
        case .reportIndicatorsHeading: return "Indicators, worst first"
        case .reportIndicatorColumn: return "INDICATOR"
        case .reportHitRateColumn: return "HIT RATE"
        case .reportFalseAlarmsColumn: return "FALSE ALARMS"
        case .reportWrongColumn: return "WRONG"
        case .reportCountColumn: return "N"
        case .reportNoMultiAnswers: return "No answers to 'which details are warning signs?' questions yet."
        case .reportHeatMapLegend:
            return "Hit rate: true signs ticked. False alarms: look-alikes ticked. Wrong: misses and false alarms among all N decisions."
        case .reportIndicatorsShown: return "Indicators {first}–{last} of {count}, worst first"
        case .reportIndicatorsAll: return "All {count} indicators met, worst first"
        case .reportHardestHeading: return "Hardest questions, by scenario"
        case .reportNoAnswers: return "No answers yet."
        case .reportMoreScenarios: return "… and {count} more scenarios (see --format json or csv)"
        case .reportScenarioColumn: return "SCENARIO"
        case .reportQuestionColumn: return "Q"
        case .reportMeanCreditColumn: return "MEAN CREDIT"
        case .reportUnsafeColumn: return "UNSAFE"
        case .reportHardestScreenTitle: return "Hardest scenarios. {title}"
        case .reportScenariosShown: return "{shown} of {count} scenarios answered, hardest first"
        case .reportSkippedHeading: return "Skipped scenes (for the facilitator only)"
        case .reportSkippedNote:
            return "A skip may be a reason to check in privately with the learner, never a failure. A scene with an alternate was answered through the alternate."
        case .reportSkippedAlternate: return "{title} (alternate answered)"
        case .reportSkippedLine: return "{name}: {scenes}"
        case .reportSkippedSeparator: return "; "

        case .debriefTitle: return "Debrief"
        case .debriefTitleLesson: return "Debrief, lesson {lesson}"
        case .debriefTitleLine: return "{title}: {learners}, {answers}"
        case .debriefLegend:
            return "SIGN a true warning sign · ALIKE a look-alike, not a sign · RIGHT the right answer · "
                + "UNSAFE an unsafe action · OVER a report where nothing points to trafficking. Bars: the share of first answers that ticked or chose the option."
        case .debriefHardestHeading: return "Hardest items (first answers, by the 95% Wilson lower bound of the error rate)"
        case .debriefRankColumn: return "#"
        case .debriefWrongColumn: return "WRONG"
        case .debriefLowColumn: return "LOW"
        case .debriefCountColumn: return "N"
        case .debriefItemColumn: return "SCENARIO · QUESTION"
        case .debriefMoreItems: return "… and {count} more items below"
        case .debriefHardestLegend:
            return "WRONG: first answers not fully right. LOW: the error rate is at least this, "
                + "with 95% confidence, so items few people answered rank lower. N: learners."
        case .debriefItemLabel: return "{scenario} · Q{number} {prompt}"
        case .debriefTrafficking: return "trafficking"
        case .debriefNoTrafficking: return "no trafficking"
        case .debriefItemTitle: return "{title} ({kind})"
        case .debriefQuestion: return "Q{number} {prompt}"
        case .debriefFacts: return "n = {answers} · {errors} not fully right ({percent})"
        case .debriefFactsUnsafe: return "{facts} · {count} unsafe"
        case .debriefWhy: return "why: {explanation}"
        case .markSign: return "SIGN"
        case .markAlike: return "ALIKE"
        case .markRight: return "RIGHT"
        case .markUnsafe: return "UNSAFE"
        case .markOver: return "OVER"

        case .gainHeading: return "Gain, first lesson to final"
        case .gainNobody: return "Nobody has done the first lesson or the final of a track yet."
        case .gainTrackLine: return "{intro} → {final}: {paired} of {learners} did both"
        case .gainNoPairs: return "No learner has done both yet, so there is no change to show."
        case .gainBullet: return "• {sentence}"
        case .gainHitMore: return "spotted more true warning signs"
        case .gainHitFewer: return "spotted fewer true warning signs"
        case .gainHitSame: return "spotted as many true warning signs"
        case .gainHitLine: return "{verb}: {before} → {after}"
        case .gainHitNone: return "Hit rate: no true warning signs were shown on both sides."
        case .gainFalseAlarmMore: return "flagged more ordinary situations"
        case .gainFalseAlarmFewer: return "flagged fewer ordinary situations"
        case .gainFalseAlarmSame: return "flagged as many ordinary situations"
        case .gainFalseAlarmLine: return "{verb}: {before} → {after}"
        case .gainFalseAlarmNone: return "False alarms: no look-alikes were shown on both sides."
        case .gainDPrimeMore: return "told signs from look-alikes better"
        case .gainDPrimeFewer: return "told signs from look-alikes less well"
        case .gainDPrimeSame: return "told signs from look-alikes as well"
        case .gainDPrimeLine: return "{verb}: d′ {before} → {after}"
        case .gainDPrimeNone: return "d′ (telling signs from look-alikes): too few answers on one side (it needs 5 decisions)."
        case .gainCriterionMore: return "waited for clearer signs before flagging"
        case .gainCriterionFewer: return "flagged more readily"
        case .gainCriterionSame: return "flagged as readily"
        case .gainCriterionLine: return "{verb}: c {before} → {after}, {words}"
        case .gainUnsafeFewer: return "chose unsafe actions less often"
        case .gainUnsafeMore: return "chose unsafe actions more often"
        case .gainUnsafeSame: return "chose unsafe actions as often"
        case .gainUnsafeLine: return "{verb}: {before} of {beforeCount} → {after} of {afterCount}"
        case .gainHistogramNone: return "Change in d′ per learner: too few answers to show."
        case .gainHistogramTitle: return "Change in d′ per learner ({learners}; right of 0 is better)"
        case .gainHistogramBelow: return "below {value}"
        case .gainHistogramAbove: return "{value} or more"
        case .gainHistogramBin: return "{lower} to {upper}"
        case .gainLearnerColumns: return "HIT RATE     FALSE ALARMS  d′            UNSAFE  NAME"

        case .certificateTitle: return "Lookout: record of completion"
        case .certificateHeading: return "Record of completion"
        case .certificateHTMLTitle: return "Record of completion: {name}, {lesson}"
        case .certificateName: return "Name"
        case .certificateLesson: return "Lesson"
        case .certificateLessonValue: return "{title} ({id})"
        case .certificateScore: return "Score"
        case .certificatePassMark: return "Pass mark"
        case .certificatePassMarkValue: return "{passMark}%"
        case .certificateAttempts: return "Attempts"
        case .certificateAttemptsFirst: return "{attempts} (first attempt: {score})"
        case .certificateDatePassed: return "Date passed"
        case .certificateRegion: return "Region"
        case .certificateIssuedBy: return "Issued by"
        case .certificateFingerprint: return "Lesson fingerprint"
        case .certificateFingerprintNote:
            return "The fingerprint is computed from the lesson's id, its pass mark and its scenarios' ids and versions. The same lesson content always gives the same fingerprint; a different one means the lesson was changed."
        case .certificateFullFingerprint: return "Full fingerprint:"
        case .certificateDisclaimer:
            return "This record was produced by Lookout, an offline training program on the warning signs of human trafficking. It shows that the learner passed the lesson's scenarios at the pass mark; it is not a professional qualification."
        }
    }
}
