/// A store's answers and finished lesson attempts as xAPI 1.0.3 statements (`lookout export --format
/// xapi`, `lookout sync`). Pure: learners, attempts and events in, statements out.
///
/// - **answered**, one per answer event whose scenario is in the bank at the same rev (the others are
///   counted in ``Result/setAside``): object = the question as a `cmi.interaction` activity of type
///   `choice` (choices, `correctResponsesPattern` unless the right answer is to tick nothing); result =
///   `response` (the option ids, `[,]`-separated; when nothing was ticked, no response and the extension
///   `urn:lookout:ext:nothing-chosen`),
///   `score.scaled` (the credit, re-scored by the engine), `success` (all right), `duration` (since the
///   previous answer of the attempt, or the attempt's start) and the action class of a single-choice
///   answer in the extension `urn:lookout:ext:action-class`. Statement id = the answer event's UUID.
/// - For every **finished** attempt (the rule of ``ProgressEngine``): **completed** (result.completion,
///   duration, no score) and then **passed** or **failed**, the verdict of ``PassRule`` (result.success,
///   score.scaled = lesson score / 100; extensions: the pass mark / 100 in `urn:lookout:ext:pass-mark`,
///   the signs and actions parts / 100, the number of unsafe choices when there are any, the attempt's number
///   among the learner's attempts of the lesson in `urn:lookout:ext:attempt-number` and the first attempt's
///   score / 100 in `urn:lookout:ext:first-attempt-score`). Ids:
///   UUIDv5 of the attempt id and the content (the attempt's counted answers; for the verdict also the
///   verb and score), so a resumed attempt's new verdict has a new id; `lookout sync` voids the old one.
/// - Context: registration = the attempt's UUID; parent = the lesson (`urn:lookout:lesson:<id>`, with
///   its fingerprint); grouping = the bank (`urn:lookout:bank`, with its fingerprint); category = this
///   statement profile (`urn:lookout:profile:xapi:1`); language; platform "Lookout"; Lookout's version
///   in `urn:lookout:ext:version`.
/// - Actor: an `account` with the organisation's `homePage` and, as `name`, a pseudonym: UUIDv5 of the
///   home page and the learner's id (stable across laptops, since a learner keeps their id through
///   export and import). The learner's display name only when `includeNames` is set.
///
/// Shaped like cmi5 (scaled 0...1, one completed and one passed/failed per registration, durations) but
/// without cmi5's category ids: Lookout is not an LMS-launched assignable unit.
public enum XAPI {
    public static let version = "1.0.3"
    public static let profileID = "urn:lookout:profile:xapi:1"
    public static let bankActivityID = "urn:lookout:bank"

    public enum Verb: String, Sendable, Hashable, CaseIterable {
        case answered, completed, passed, failed
        /// Sent by `lookout sync` only: withdraws a completed/passed/failed statement that a newer one
        /// superseded (``voiding(_:learner:time:options:)``). Never in an export.
        case voided
        public var id: String { "http://adlnet.gov/expapi/verbs/\(rawValue)" }
    }

    public struct Options: Sendable, Hashable {
        /// The organisation's home page for learner accounts (an absolute URL).
        public var homePage: String
        /// Put learners' display names in the statements (off by default: pseudonyms only).
        public var includeNames: Bool
        /// Lookout's version, for the context extension.
        public var platformVersion: String

        public init(homePage: String, includeNames: Bool = false, platformVersion: String) {
            self.homePage = homePage
            self.includeNames = includeNames
            self.platformVersion = platformVersion
        }
    }

    public struct Statement: Sendable, Hashable {
        public var id: String
        public var verb: Verb
        /// Milliseconds since 1970 (the statement's timestamp).
        public var time: Int64
        /// The learner the statement is about.
        public var learnerID: String
        /// The statement, already serialized (``JSONValue/serializedJSON(_:)``) to keep a large store's
        /// statements small in memory.
        public var json: JSONValue
        /// The lesson attempt a completed/passed/failed statement ends (nil for the others).
        public var attemptID: String? = nil

        /// completed, passed or failed: a statement whose content can change when its attempt resumes,
        /// and which a newer one (with another id) then supersedes.
        public var isLessonEnd: Bool { verb != .answered && verb != .voided }
    }

    public struct Result: Sendable {
        /// In time order; within one attempt's end, completed before passed/failed.
        public var statements: [Statement]
        /// Answer events left out: their scenario is not in the bank, was revised since, or lost the question.
        public var setAside: Int
    }

    /// Every statement for these records. Events of learners not in `learners` are left out.
    public static func statements(bank: Bank, learners: [Learner], attempts: [Attempt], events: [AnswerEvent],
                                  options: Options) -> Result {
        var learnerByID: [String: Learner] = [:]
        var actors: [String: JSONValue] = [:]
        for l in learners {
            learnerByID[l.id] = l
            actors[l.id] = actor(l, options: options).frozen
        }
        var attemptByID: [String: Attempt] = [:]
        for a in attempts { attemptByID[a.id] = a }
        let bankActivity = Self.bankActivity(bank).frozen
        var lessonActivities: [String: JSONValue] = [:]
        func lessonActivity(_ id: String) -> JSONValue {
            if let known = lessonActivities[id] { return known }
            let value = Self.lessonActivity(id, bank: bank).frozen
            lessonActivities[id] = value
            return value
        }

        // One activity object per question, shared by every statement about it.
        var questionActivities: [String: JSONValue] = [:]
        func questionActivity(_ question: Question, of scenario: Scenario) -> JSONValue {
            let key = scenario.id + "\n" + question.id
            if let known = questionActivities[key] { return known }
            let value = Self.questionActivity(question, of: scenario).frozen
            questionActivities[key] = value
            return value
        }

        // Durations: the time since the previous answer of the same attempt (all events, counted or not).
        var previous: [String: Int64] = [:]
        var durationOf: [String: Int64] = [:]
        for event in EventOrder.sorted(events) {
            guard let attemptID = event.attemptID else { continue }
            let start = previous[attemptID] ?? attemptByID[attemptID]?.startedAt
            if let start, event.time >= start { durationOf[event.id] = event.time - start }
            previous[attemptID] = event.time
        }

        let split = ProgressEngine.partition(bank: bank, events: events)
        var out: [Statement] = []
        var groups: [String: [AnswerEvent]] = [:]
        var groupOrder: [String] = []
        var language: [String: String] = [:]
        for item in split.counted {
            guard let learner = learnerByID[item.event.learnerID] else { continue }
            let event = item.event
            let result = Scorer.score(item.question, chosen: Set(event.chosen))
            var resultObject: [String: JSONValue] = [
                "score": .object(["scaled": .number(result.credit)]),
                "success": .bool(result.isCorrect),
            ]
            if let ms = durationOf[event.id] { resultObject["duration"] = .string(duration(ms)) }
            var resultExtensions: [String: JSONValue] = [:]
            // Nothing ticked: no `response` (LRSs such as Ralph refuse empty strings outside extensions),
            // and `urn:lookout:ext:nothing-chosen` says so.
            if event.chosen.isEmpty {
                resultExtensions["urn:lookout:ext:nothing-chosen"] = .bool(true)
            } else {
                resultObject["response"] = .string(event.chosen.joined(separator: "[,]"))
            }
            if let action = result.action ?? event.action, item.question.kind == .single {
                resultExtensions["urn:lookout:ext:action-class"] = .string(action.rawValue)
            }
            if event.isRepeat { resultExtensions["urn:lookout:ext:repeat"] = .bool(true) }
            if !resultExtensions.isEmpty { resultObject["extensions"] = .object(resultExtensions) }

            var parent: [JSONValue] = []
            if let lessonID = event.lessonID { parent.append(lessonActivity(lessonID)) }
            let json = statement(
                id: statementID(event.id, kind: "answer"), actor: actors[learner.id]!, verb: .answered,
                object: questionActivity(item.question, of: item.scenario),
                result: .object(resultObject),
                registration: event.attemptID.map { statementID($0, kind: "attempt") },
                parent: parent, bankActivity: bankActivity, language: item.scenario.language,
                time: event.time, options: options)
            out.append(Statement(id: statementID(event.id, kind: "answer"), verb: .answered, time: event.time,
                                 learnerID: learner.id, json: json.frozen))
            if let attemptID = event.attemptID, let lessonID = event.lessonID, bank.lesson(lessonID) != nil,
               attemptByID[attemptID].map({ $0.lessonID == lessonID }) ?? true {
                let key = attemptID + "\n" + lessonID
                if groups[key] == nil { groupOrder.append(key); language[key] = item.scenario.language }
                groups[key, default: []].append(event)
            }
        }

        // Per learner and lesson: how many attempts so far, and the first one's score (issue 20: the record shows how
        // a pass came about). Neither changes for an attempt once it is made, so statements stay the same.
        var attemptCount: [String: Int] = [:]
        var firstScore: [String: Double] = [:]
        for key in groupOrder {
            let groupEvents = groups[key] ?? []
            guard let first = groupEvents.first, let attemptID = first.attemptID, let lessonID = first.lessonID,
                  let lesson = bank.lesson(lessonID), let learner = learnerByID[first.learnerID] else { continue }
            let pair = learner.id + "\n" + lessonID
            attemptCount[pair, default: 0] += 1
            let attemptNumber = attemptCount[pair] ?? 1
            if firstScore[pair] == nil {
                firstScore[pair] = lessonVerdict(lesson: lesson, bank: bank, events: groupEvents).scorePercent
            }
            guard ProgressEngine.isFinished(lesson: lesson, bank: bank, attemptID: attemptID, events: groupEvents) else { continue }
            let end = groupEvents.map(\.time).max() ?? first.time
            let start = attemptByID[attemptID]?.startedAt ?? groupEvents.map(\.time).min() ?? end
            let lessonDuration = duration(max(0, end - start))
            let registration = statementID(attemptID, kind: "attempt")
            let object = lessonActivity(lessonID)

            // The ids come from the content: the attempt and its counted answers (and, for the verdict,
            // the verdict and score). When the attempt resumes and changes, they change, so the new
            // statements reach an LRS that has the old ones; `lookout sync` voids the old ones.
            let answerSet = groupEvents.map(\.id).sorted().joined(separator: ",")
            let completedID = NameUUID.v5("completed 2\n" + attemptID + "\n" + answerSet + "\n" + String(end))
            out.append(Statement(id: completedID, verb: .completed, time: end, learnerID: learner.id, json: Self.statement(
                id: completedID, actor: actors[learner.id]!, verb: .completed, object: object,
                result: .object(["completion": .bool(true), "duration": .string(lessonDuration)]),
                registration: registration, parent: [], bankActivity: bankActivity, language: language[key],
                time: end, options: options).frozen, attemptID: attemptID))

            let verdict = lessonVerdict(lesson: lesson, bank: bank, events: groupEvents)
            let verb: Verb = verdict.passed ? .passed : .failed
            let scaled = min(1, max(0, verdict.scorePercent / 100))
            let verdictID = NameUUID.v5("verdict 2\n" + attemptID + "\n" + answerSet + "\n" + verb.rawValue + "\n"
                                        + String(describing: scaled) + "\n" + String(end))
            var verdictExtensions: [String: JSONValue] = ["urn:lookout:ext:pass-mark": .number(Double(lesson.passMark) / 100)]
            if let signs = verdict.signsPercent { verdictExtensions["urn:lookout:ext:signs-part"] = .number(min(1, max(0, signs / 100))) }
            if let actions = verdict.actionsPercent { verdictExtensions["urn:lookout:ext:actions-part"] = .number(min(1, max(0, actions / 100))) }
            if verdict.unsafeChoices > 0 { verdictExtensions["urn:lookout:ext:unsafe-choices"] = .number(Double(verdict.unsafeChoices)) }
            verdictExtensions["urn:lookout:ext:attempt-number"] = .number(Double(attemptNumber))
            if let score = firstScore[pair] { verdictExtensions["urn:lookout:ext:first-attempt-score"] = .number(min(1, max(0, score / 100))) }
            out.append(Statement(id: verdictID, verb: verb, time: end, learnerID: learner.id, json: Self.statement(
                id: verdictID, actor: actors[learner.id]!, verb: verb, object: object,
                result: .object([
                    "success": .bool(verdict.passed),
                    "score": .object(["scaled": .number(scaled)]),
                    "duration": .string(lessonDuration),
                    "extensions": .object(verdictExtensions),
                ]),
                registration: registration, parent: [], bankActivity: bankActivity, language: language[key],
                time: end, options: options).frozen, attemptID: attemptID))
        }

        // Time order; a stable sort keeps each attempt's completed before its passed/failed.
        let order = out.enumerated().sorted { a, b in
            a.element.time != b.element.time ? a.element.time < b.element.time : a.offset < b.offset
        }.map(\.element)
        return Result(statements: order, setAside: split.setAside + split.retired.reduce(0) { $0 + $1.eventIDs.count })
    }

    /// The ids Lookout before content-derived ids gave an attempt's completed and passed/failed
    /// statements (UUIDv5 of the attempt alone). `lookout sync` voids them at an LRS that has them.
    public static func legacyLessonEndIDs(attemptID: String) -> [String] {
        [NameUUID.v5("completed\n" + attemptID), NameUUID.v5("verdict\n" + attemptID)]
    }

    /// The statement that voids statement `targetID` (verb `http://adlnet.gov/expapi/verbs/voided`,
    /// object a StatementRef): its id is derived from the target, and its timestamp is `time` (the
    /// superseding statement's), so sending it twice never makes two.
    public static func voiding(_ targetID: String, learner: Learner, time: Int64, options: Options) -> Statement {
        let id = NameUUID.v5("voided\n" + targetID.lowercased())
        let json: JSONValue = .object([
            "id": .string(id),
            "actor": actor(learner, options: options),
            "verb": .object(["id": .string(Verb.voided.id), "display": .object(["en-US": .string(Verb.voided.rawValue)])]),
            "object": .object(["objectType": .string("StatementRef"), "id": .string(targetID.lowercased())]),
            "timestamp": .string(timestamp(time)),
        ])
        return Statement(id: id, verb: .voided, time: time, learnerID: learner.id, json: json.frozen)
    }

    /// The lesson verdict of one attempt: the one place the xAPI mapping asks whether an attempt passed.
    /// ``LessonScoring`` gives ``PassRule``'s verdict, score and parts, as for the trainer, the report and
    /// the certificate.
    static func lessonVerdict(lesson: Lesson, bank: Bank, events: [AnswerEvent]) -> LessonResult {
        LessonScoring.result(lesson: lesson, bank: bank, events: events)
    }

    /// The id of a statement made from a stored record: the record's id when it is a UUID, else a
    /// name-based UUID of it.
    public static func statementID(_ id: String, kind: String) -> String {
        NameUUID.isUUID(id) ? id.lowercased() : NameUUID.v5(kind + "\n" + id)
    }

    /// A learner's pseudonym for `homePage`.
    public static func pseudonym(learnerID: String, homePage: String) -> String {
        NameUUID.v5("learner\n" + homePage + "\n" + learnerID)
    }

    static func actor(_ learner: Learner, options: Options) -> JSONValue {
        var actor: [String: JSONValue] = [
            "objectType": .string("Agent"),
            "account": .object(["homePage": .string(options.homePage),
                                "name": .string(pseudonym(learnerID: learner.id, homePage: options.homePage))]),
        ]
        if options.includeNames { actor["name"] = .string(learner.name) }
        return .object(actor)
    }

    static func statement(id: String, actor: JSONValue, verb: Verb, object: JSONValue, result: JSONValue,
                          registration: String?, parent: [JSONValue], bankActivity: JSONValue, language: String?,
                          time: Int64, options: Options) -> JSONValue {
        var contextActivities: [String: JSONValue] = [
            "grouping": .array([bankActivity]),
            "category": .array([.object(["objectType": .string("Activity"), "id": .string(profileID)])]),
        ]
        if !parent.isEmpty { contextActivities["parent"] = .array(parent) }
        var context: [String: JSONValue] = [
            "platform": .string("Lookout"),
            "contextActivities": .object(contextActivities),
            "extensions": .object(["urn:lookout:ext:version": .string(options.platformVersion)]),
        ]
        if let registration { context["registration"] = .string(registration) }
        if let language, !language.isEmpty { context["language"] = .string(language) }
        return .object([
            "id": .string(id),
            "actor": actor,
            "verb": .object(["id": .string(verb.id), "display": .object(["en-US": .string(verb.rawValue)])]),
            "object": object,
            "result": result,
            "context": .object(context),
            "timestamp": .string(timestamp(time)),
        ])
    }

    /// The activity id of a question: scenario, rev and question, so a revised scenario is a new activity.
    public static func questionActivityID(scenarioID: String, rev: Int, questionID: String) -> String {
        "urn:lookout:question:\(scenarioID):rev-\(rev):\(questionID)"
    }

    static func questionActivity(_ question: Question, of scenario: Scenario) -> JSONValue {
        let lang = scenario.language.isEmpty ? "en" : scenario.language
        let correct = question.options.filter(\.isCorrect).map(\.id).joined(separator: "[,]")
        let choices: [JSONValue] = question.options.map { option in
            .object(["id": .string(option.id), "description": .object([lang: .string(option.text)])])
        }
        var definition: [String: JSONValue] = [
            "type": .string("http://adlnet.gov/expapi/activities/cmi.interaction"),
            "name": .object([lang: .string("\(scenario.title) (\(question.id))")]),
            "description": .object([lang: .string(question.prompt)]),
            "interactionType": .string("choice"),
            "choices": .array(choices),
            "extensions": .object([
                "urn:lookout:ext:question-kind": .string(question.kind.rawValue),
                "urn:lookout:ext:trafficking": .bool(scenario.trafficking),
            ]),
        ]
        // A multi question without true signs is answered right by ticking nothing. An empty pattern is
        // refused by strict validators (Ralph's models need at least one character), so such a question
        // has no correctResponsesPattern; `urn:lookout:ext:trafficking` false and `success` say it.
        if !correct.isEmpty { definition["correctResponsesPattern"] = .array([.string(correct)]) }
        return .object([
            "objectType": .string("Activity"),
            "id": .string(questionActivityID(scenarioID: scenario.id, rev: scenario.rev, questionID: question.id)),
            "definition": .object(definition),
        ])
    }

    static func lessonActivity(_ id: String, bank: Bank) -> JSONValue {
        var activity: [String: JSONValue] = ["objectType": .string("Activity"), "id": .string("urn:lookout:lesson:\(id)")]
        if let lesson = bank.lesson(id) {
            activity["definition"] = .object([
                "type": .string("http://adlnet.gov/expapi/activities/lesson"),
                "name": .object(["en": .string(lesson.title)]),
                "extensions": .object(["urn:lookout:ext:fingerprint": .string(LessonFingerprint.of(lesson: lesson, bank: bank).hex)]),
            ])
        }
        return .object(activity)
    }

    static func bankActivity(_ bank: Bank) -> JSONValue {
        .object([
            "objectType": .string("Activity"),
            "id": .string(bankActivityID),
            "definition": .object([
                "type": .string("http://adlnet.gov/expapi/activities/course"),
                "name": .object(["en": .string("Lookout scenario bank")]),
                "extensions": .object(["urn:lookout:ext:fingerprint": .string(bankFingerprint(bank))]),
            ]),
        ])
    }

    /// The bank's fingerprint: SHA-256 of every lesson's fingerprint text (``LessonFingerprint``) and
    /// every scenario's id and rev, sorted. Changes when a lesson or a scenario's meaning changes.
    public static func bankFingerprint(_ bank: Bank) -> String {
        var text = "lookout-bank-fingerprint 1\n"
        for lesson in bank.lessons.sorted(by: { $0.id < $1.id }) { text += LessonFingerprint.canonicalText(lesson: lesson, bank: bank) }
        for scenario in bank.scenarios.sorted(by: { $0.id < $1.id }) { text += "scenario\t\(scenario.id)\t\(scenario.rev)\n" }
        return SHA256Digest.hex(SHA256Digest.hash(Array(text.utf8)))
    }

    /// ISO 8601 duration with hundredths of a second, e.g. `PT1M5.25S`, `PT0S`.
    public static func duration(_ milliseconds: Int64) -> String {
        let cs = max(0, milliseconds) / 10
        let hours = cs / 360_000, minutes = cs / 6_000 % 60, seconds = cs / 100 % 60, hundredths = cs % 100
        var out = "PT"
        if hours > 0 { out += "\(hours)H" }
        if minutes > 0 { out += "\(minutes)M" }
        if seconds > 0 || hundredths > 0 || (hours == 0 && minutes == 0) {
            out += "\(seconds)"
            if hundredths > 0 { out += hundredths < 10 ? ".0\(hundredths)" : ".\(hundredths)" }
            out += "S"
        }
        return out
    }

    /// ISO 8601 UTC time with milliseconds, e.g. `2026-12-01T05:18:12.345Z`.
    public static func timestamp(_ milliseconds: Int64) -> String {
        let seconds = milliseconds >= 0 ? milliseconds / 1000 : (milliseconds - 999) / 1000
        let ms = milliseconds - seconds * 1000
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let secondOfDay = seconds - days * 86_400
        // Days since 1970-01-01 to a civil date (H. Hinnant's algorithm).
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yoe + era * 400 + (month <= 2 ? 1 : 0)
        func pad(_ n: Int64, _ width: Int) -> String {
            let s = String(n)
            return String(repeating: "0", count: max(0, width - s.count)) + s
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))T\(pad(secondOfDay / 3600, 2)):\(pad(secondOfDay / 60 % 60, 2)):\(pad(secondOfDay % 60, 2)).\(pad(ms, 3))Z"
    }
}
