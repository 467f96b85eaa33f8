/// The feedback a final holds back until its summary: every first answer of the run, in the order given, with the
/// options in the order the attempt showed them.
public enum FinalFeedback {
    public struct Answer: Hashable, Sendable {
        public var scenario: Scenario
        public var question: Question
        public var result: QuestionResult
        public var chosen: Set<String>
        public var order: [AnswerOption]
    }

    public static func firstAnswers(run: LessonRun, bank: Bank, policy: ScoringPolicy = .standard) -> [Answer] {
        var seen = Set<QuestionKey>()
        var answers: [Answer] = []
        for event in run.events where !event.isRepeat {
            let key = QuestionKey(scenarioID: event.scenarioID, questionID: event.questionID)
            guard seen.insert(key).inserted, let scenario = bank.scenario(event.scenarioID), scenario.rev == event.scenarioRev,
                  let question = scenario.questions.first(where: { $0.id == event.questionID }) else { continue }
            let chosen = Set(event.chosen)
            answers.append(Answer(scenario: scenario, question: question, result: Scorer.score(question, chosen: chosen, policy: policy),
                                  chosen: chosen,
                                  order: AttemptOrder.options(question, scenarioID: scenario.id, attemptID: run.attempt.id)))
        }
        return answers
    }
}
