import Crypto
import Foundation
import LookoutApp
import LookoutCore
import LookoutStore
import LookoutTestSupport
import Testing

@Suite("xAPI statements")
final class XAPITests {
    let folders = TemporaryFolders()
    static let homePage = "https://training.example.org"

    @Test("SHA-1 matches the FIPS examples and swift-crypto; UUIDv5 matches RFC 9562 / Python's uuid5")
    func nameBasedUUIDs() {
        func hex(_ b: [UInt8]) -> String { b.map { String(format: "%02x", $0) }.joined() }
        #expect(hex(SHA1.hash(Array("abc".utf8))) == "a9993e364706816aba3e25717850c26c9cd0d89d")
        #expect(hex(SHA1.hash([])) == "da39a3ee5e6b4b0d3255bfef95601890afd80709")
        for length in [0, 1, 55, 56, 63, 64, 65, 119, 120, 1000] {
            let bytes = (0..<length).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
            #expect(hex(SHA1.hash(bytes)) == hex(Array(Insecure.SHA1.hash(data: bytes))), "length \(length)")
        }
        // Python: uuid.uuid5(uuid.NAMESPACE_DNS, "python.org")
        #expect(NameUUID.v5(namespace: "6ba7b810-9dad-11d1-80b4-00c04fd430c8", "python.org") == "886313e1-3b8a-5372-9b90-0c9aee199e5d")
        // Python: uuid.uuid5(uuid.UUID(lookoutNamespace), "completed\nabc")
        #expect(NameUUID.v5("completed\nabc") == "ea2f0a78-606c-5e9e-ab6f-08a79384b88d")
        #expect(NameUUID.isUUID("ea2f0a78-606c-5e9e-ab6f-08a79384b88d"))
        #expect(!NameUUID.isUUID("ea2f0a78606c5e9eab6f08a79384b88d"))
        #expect(XAPI.statementID("ABCDEF01-2345-4678-89AB-CDEF01234567", kind: "answer") == "abcdef01-2345-4678-89ab-cdef01234567")
        #expect(XAPIValidator.isUUID(XAPI.statementID("a-ev-1", kind: "answer")))
    }

    @Test("the xAPI checks catch broken statements (so a clean result means something)")
    func validatorCatchesProblems() throws {
        let good = """
            {"id":"ea2f0a78-606c-5e9e-ab6f-08a79384b88d","actor":{"objectType":"Agent","account":{"homePage":"https://a.org","name":"x"}},
             "verb":{"id":"http://adlnet.gov/expapi/verbs/answered","display":{"en-US":"answered"}},
             "object":{"objectType":"Activity","id":"urn:lookout:question:s:rev-1:q1","definition":{"interactionType":"choice",
               "correctResponsesPattern":["o1"],"choices":[{"id":"o1","description":{"en":"A"}},{"id":"o2","description":{"en":"B"}}]}},
             "result":{"response":"o1[,]o2","score":{"scaled":0.5},"success":false,"duration":"PT4.5S"},
             "context":{"registration":"ea2f0a78-606c-5e9e-ab6f-08a79384b88d","contextActivities":{"parent":[{"id":"urn:lookout:lesson:l"}]}},
             "timestamp":"2026-12-01T05:18:12.345Z"}
            """
        #expect(XAPIValidator.problems(try jsonObject(good)) == [])
        let broken: [(String, String)] = [
            ("\"scaled\":0.5", "\"scaled\":1.5"),
            ("\"id\":\"ea2f0a78-606c-5e9e-ab6f-08a79384b88d\",\"actor", "\"id\":\"not-a-uuid\",\"actor"),
            ("\"duration\":\"PT4.5S\"", "\"duration\":\"4.5 seconds\""),
            ("\"parent\":", "\"sibling\":"),
            ("\"response\":\"o1[,]o2\"", "\"response\":\"o1[,]o9\""),
            ("\"homePage\":\"https://a.org\"", "\"homePage\":\"a.org\""),
            ("\"success\":false", "\"success\":0"),
            ("\"timestamp\":\"2026-12-01T05:18:12.345Z\"", "\"timestamp\":\"yesterday\""),
            ("\"en\":\"A\"", "\"english language\":\"A\""),
        ]
        for (from, to) in broken {
            let text = good.replacingOccurrences(of: from, with: to)
            #expect(text != good, "\(from) not found")
            #expect(!XAPIValidator.problems(try jsonObject(text)).isEmpty, "\(to) not caught")
        }
    }

    @Test("JSON text: sorted keys, escapes for quotes, controls and bidirectional controls; Khmer as it is; numbers")
    func jsonText() throws {
        let value = JSONValue.object(["b": .string("a\"b\\c\n\u{1B}[31m\u{202E}x"), "a": .array([.number(1), .number(0.75), .bool(true), .null]),
                                      "k": .string("សួស្តី")])
        let text = value.serialized
        #expect(text == #"{"a":[1,0.75,true,null],"b":"a\"b\\c\n\u001b[31m\u202ex","k":"សួស្តី"}"#)
        let parsed = try #require(try jsonObject(text) as? [String: Any])
        #expect(parsed["b"] as? String == "a\"b\\c\n\u{1B}[31m\u{202E}x")
        #expect(JSONValue.object(["x": value.frozen]).serialized == "{\"x\":" + text + "}")
    }

    @Test("timestamps and durations in ISO 8601")
    func times() {
        #expect(XAPI.timestamp(0) == "1970-01-01T00:00:00.000Z")
        #expect(XAPI.timestamp(1_795_683_600_000) == "2026-11-26T09:00:00.000Z")
        #expect(XAPI.timestamp(951_782_400_123) == "2000-02-29T00:00:00.123Z")
        #expect(XAPI.timestamp(-1) == "1969-12-31T23:59:59.999Z")
        #expect(XAPI.duration(0) == "PT0S")
        #expect(XAPI.duration(41_000) == "PT41S")
        #expect(XAPI.duration(65_250) == "PT1M5.25S")
        #expect(XAPI.duration(3_600_000) == "PT1H")
        #expect(XAPI.duration(3_723_040) == "PT1H2M3.04S")
        for ms: Int64 in [0, 9, 10, 999, 41_000, 65_250, 3_600_000, 3_723_040, 86_400_000 * 3] {
            #expect(XAPIValidator.isDuration(XAPI.duration(ms)), "\(ms)")
        }
    }

    func export(_ data: String, _ extra: [String] = [], environment: [String: String] = [:]) throws -> (file: String, output: Lookout.Output) {
        let file = try folders.make("lookout-xapi") + "/statements.json"
        let out = try Lookout.run(["export", "--format", "xapi", "--out", file, "--data-dir", data, "--bank", Lookout.shippedBank] + extra,
                                  environment: environment)
        return (file, out)
    }

    @Test("a class on the shipped bank: every statement valid against xAPI 1.0.3, one answered per answer, completed and passed/failed per finished attempt")
    func classExport() throws {
        let bank = try ShippedClass.bank()
        let made = ShippedClass.make(bank: bank, learners: 14)
        let data = try ShippedClass.store(made, folders: folders)
        let (file, out) = try export(data, ["--homepage", Self.homePage])
        #expect(out.status == 0, "\(out.stderr)")
        let text = try String(contentsOfFile: file, encoding: .utf8)
        let statements = try #require(try jsonObject(text) as? [[String: Any]])
        #expect(out.stdout.contains("Exported \(statements.count) xAPI statements"))
        let attributes = try FileManager.default.attributesOfItem(atPath: file)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)

        var problems: [String] = []
        for (i, s) in statements.enumerated() { problems += XAPIValidator.problems(s).map { "statement \(i): \($0)" } }
        #expect(problems.isEmpty, "\(problems.prefix(20).joined(separator: "\n"))")

        func verb(_ s: [String: Any]) -> String { ((s["verb"] as? [String: Any])?["id"] as? String ?? "").components(separatedBy: "/").last ?? "" }
        let answered = statements.filter { verb($0) == "answered" }
        let completed = statements.filter { verb($0) == "completed" }
        let verdicts = statements.filter { ["passed", "failed"].contains(verb($0)) }
        #expect(answered.count == made.events.count)
        #expect(Set(answered.compactMap { $0["id"] as? String }) == Set(made.events.map(\.id)))
        #expect(completed.count == made.finished.count)
        #expect(verdicts.count == made.finished.count)
        #expect(Set(statements.compactMap { $0["id"] as? String }).count == statements.count)
        print("xAPI export of \(made.learners.count) learners: \(statements.count) statements (\(answered.count) answered, \(completed.count) completed, \(verdicts.filter { verb($0) == "passed" }.count) passed, \(verdicts.filter { verb($0) == "failed" }.count) failed)")

        // Privacy: pseudonyms only, never a learner's name.
        for learner in made.learners { #expect(!text.contains("\"\(learner.name)\""), "\(learner.name)") }
        for s in statements {
            let actor = try #require(s["actor"] as? [String: Any])
            #expect(actor["name"] == nil)
            let account = try #require(actor["account"] as? [String: Any])
            #expect(account["homePage"] as? String == Self.homePage)
        }

        // Each answer: response, scaled score (re-scored), success, duration, registration, parent lesson.
        let eventsByID = Dictionary(uniqueKeysWithValues: made.events.map { ($0.id, $0) })
        let learnersByPseudonym = Dictionary(uniqueKeysWithValues: made.learners.map { (XAPI.pseudonym(learnerID: $0.id, homePage: Self.homePage), $0) })
        for s in answered {
            let event = try #require(eventsByID[s["id"] as? String ?? ""])
            let scenario = try #require(bank.scenario(event.scenarioID))
            let question = try #require(scenario.question(event.questionID))
            let result = try #require(s["result"] as? [String: Any])
            let expected = Scorer.score(question, chosen: Set(event.chosen))
            if event.chosen.isEmpty {
                #expect(result["response"] == nil)
                #expect((result["extensions"] as? [String: Any])?["urn:lookout:ext:nothing-chosen"] as? Bool == true)
            } else {
                #expect(result["response"] as? String == event.chosen.joined(separator: "[,]"))
            }
            let questionDefinition = try #require((s["object"] as? [String: Any])?["definition"] as? [String: Any])
            let signs = question.options.filter(\.isCorrect).map(\.id)
            #expect((questionDefinition["correctResponsesPattern"] as? [String]) == (signs.isEmpty ? nil : [signs.joined(separator: "[,]")]))
            #expect(((result["score"] as? [String: Any])?["scaled"] as? Double).map { abs($0 - expected.credit) < 1e-12 } == true)
            #expect(result["success"] as? Bool == expected.isCorrect)
            #expect(result["duration"] is String)
            if question.kind == .single {
                #expect((result["extensions"] as? [String: Any])?["urn:lookout:ext:action-class"] as? String == expected.action?.rawValue)
            }
            let context = try #require(s["context"] as? [String: Any])
            #expect(context["registration"] as? String == event.attemptID)
            #expect(context["platform"] as? String == "Lookout")
            #expect((context["extensions"] as? [String: Any])?["urn:lookout:ext:version"] as? String == LookoutVersion.current)
            let activities = try #require(context["contextActivities"] as? [String: Any])
            #expect(((activities["parent"] as? [[String: Any]])?.first?["id"] as? String) == "urn:lookout:lesson:\(event.lessonID ?? "")")
            let grouping = try #require((activities["grouping"] as? [[String: Any]])?.first)
            #expect(grouping["id"] as? String == XAPI.bankActivityID)
            let definition = try #require(grouping["definition"] as? [String: Any])
            #expect((definition["extensions"] as? [String: Any])?["urn:lookout:ext:fingerprint"] as? String == XAPI.bankFingerprint(bank))
            let actor = try #require((s["actor"] as? [String: Any])?["account"] as? [String: Any])
            #expect(learnersByPseudonym[actor["name"] as? String ?? ""]?.id == event.learnerID)
        }

        // Each finished attempt: completed, then PassRule's verdict (through the lesson scoring), with the
        // lesson score and its parts.
        let attemptsByID = Dictionary(uniqueKeysWithValues: made.attempts.map { ($0.id, $0) })
        for attemptID in made.finished {
            let attempt = try #require(attemptsByID[attemptID])
            let lesson = try #require(bank.lesson(attempt.lessonID))
            let result = LessonScoring.result(lesson: lesson, bank: bank, events: made.events.filter { $0.attemptID == attemptID })
            let forAttempt = statements.filter { (($0["context"] as? [String: Any])?["registration"] as? String) == attemptID }
            let ends = forAttempt.filter { verb($0) != "answered" }
            #expect(ends.map(verb) == ["completed", result.passed ? "passed" : "failed"])
            guard ends.count == 2 else { continue }
            #expect((ends[0]["result"] as? [String: Any])?["completion"] as? Bool == true)
            #expect((ends[0]["result"] as? [String: Any])?["score"] == nil)
            let verdict = try #require(ends[1]["result"] as? [String: Any])
            #expect(verdict["success"] as? Bool == result.passed)
            let scaled = try #require((verdict["score"] as? [String: Any])?["scaled"] as? Double)
            #expect(abs(scaled - result.scorePercent / 100) < 1e-9)
            let extensions = try #require(verdict["extensions"] as? [String: Any])
            #expect((extensions["urn:lookout:ext:pass-mark"] as? Double) == Double(lesson.passMark) / 100)
            #expect((extensions["urn:lookout:ext:signs-part"] as? Double).map { abs($0 - (result.signsPercent ?? -1) / 100) < 1e-9 } == true)
            #expect((extensions["urn:lookout:ext:actions-part"] as? Double).map { abs($0 - (result.actionsPercent ?? -1) / 100) < 1e-9 } == true)
            #expect((extensions["urn:lookout:ext:unsafe-choices"] as? Double) == (result.unsafeChoices > 0 ? Double(result.unsafeChoices) : nil))
            #expect((ends[1]["object"] as? [String: Any])?["id"] as? String == "urn:lookout:lesson:\(lesson.id)")
            // Completed and verdict come after every answer of the attempt.
            let positions = forAttempt.map { s in statements.firstIndex { ($0["id"] as? String) == (s["id"] as? String) }! }
            #expect(positions.suffix(2).allSatisfy { $0 >= positions.dropLast(2).max() ?? 0 })
        }
        #expect(made.finished.count < made.attempts.count, "the class should have unfinished attempts too")
    }

    @Test("every statement of a class export passes Ralph's strict xAPI statement model",
          .enabled(if: PythonTools.ralphPython != nil, "Ralph is not installed: run .ci/run (it makes .build/venv-ralph)"))
    func ralphStrictModel() throws {
        let bank = try ShippedClass.bank()
        let made = ShippedClass.make(bank: bank, learners: 10)
        let data = try ShippedClass.store(made, folders: folders)
        let (file, out) = try export(data, ["--homepage", Self.homePage, "--ndjson", "--include-names"])
        #expect(out.status == 0, "\(out.stderr)")
        let text = try String(contentsOfFile: file, encoding: .utf8)
        #expect(text.contains("\"verb\":{\"display\":{\"en-US\":\"completed\"}"))
        let check = try Lookout.run([PythonTools.scripts + "/ralph_validate.py"], executable: PythonTools.ralphPython!, stdin: text)
        #expect(check.status == 0, "\(check.stderr)")
        let summary = try #require(try jsonObject(check.stdout) as? [String: Any])
        #expect(summary["count"] as? Int == text.split(separator: "\n").count)
        #expect(summary["invalid"] as? Int == 0, "\(summary["errors"] ?? "")")
    }

    @Test("NDJSON holds the same statements; a second export is identical; --include-names adds names")
    func ndjsonStableAndNames() throws {
        let bank = try ShippedClass.bank()
        let made = ShippedClass.make(bank: bank, learners: 5)
        let data = try ShippedClass.store(made, folders: folders)
        let first = try export(data, ["--homepage", Self.homePage])
        #expect(first.output.status == 0, "\(first.output.stderr)")
        // The home page is remembered.
        let second = try export(data)
        #expect(second.output.status == 0, "\(second.output.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: first.file)) == Data(contentsOf: URL(fileURLWithPath: second.file)))
        let nd = try export(data, ["--ndjson"])
        #expect(nd.output.status == 0, "\(nd.output.stderr)")
        let lines = try String(contentsOfFile: nd.file, encoding: .utf8).split(separator: "\n")
        let array = try #require(try jsonObject(String(contentsOfFile: first.file, encoding: .utf8)) as? [[String: Any]])
        #expect(lines.count == array.count)
        for (line, statement) in zip(lines, array) {
            let parsed = try #require(try jsonObject(String(line)) as? [String: Any])
            #expect(parsed["id"] as? String == statement["id"] as? String)
        }
        let named = try export(data, ["--include-names"])
        #expect(named.output.status == 0)
        let withNames = try #require(try jsonObject(String(contentsOfFile: named.file, encoding: .utf8)) as? [[String: Any]])
        let names = Set(withNames.compactMap { ($0["actor"] as? [String: Any])?["name"] as? String })
        #expect(names == Set(made.learners.map(\.name)))
    }

    @Test("no home page yet: refused with what to do; a bad one is refused; the facilitator lock applies")
    func refusals() throws {
        let bank = try ShippedClass.bank()
        let data = try ShippedClass.store(ShippedClass.make(bank: bank, learners: 2), folders: folders)
        let none = try export(data)
        #expect(none.output.status == 65)
        #expect(none.output.stderr.contains("--homepage URL"))
        let bad = try export(data, ["--homepage", "not a url"])
        #expect(bad.output.status == 64)
        let set = try Lookout.run(["facilitator", "set-passphrase", "--stdin", "--data-dir", data], stdin: "correct horse battery\n")
        #expect(set.status == 0, "\(set.stderr)")
        let locked = try export(data, ["--homepage", Self.homePage])
        #expect(locked.output.status == 77)
        #expect(!FileManager.default.fileExists(atPath: locked.file))
        let open = try export(data, ["--homepage", Self.homePage], environment: ["LOOKOUT_PASSPHRASE": "correct horse battery"])
        #expect(open.output.status == 0, "\(open.output.stderr)")
    }

    @Test("answers to a revised scenario are left out and counted; in-memory mapping with a non-UUID id gets a stable UUID")
    func setAsideAndIDs() throws {
        let bank = try ShippedClass.bank()
        var made = ShippedClass.make(bank: bank, learners: 2)
        made.events[0].scenarioRev += 1
        made.events[1].id = "not-a-uuid"
        let options = XAPI.Options(homePage: Self.homePage, platformVersion: "test")
        let result = XAPI.statements(bank: bank, learners: made.learners, attempts: made.attempts, events: made.events, options: options)
        #expect(result.setAside == 1)
        #expect(result.statements.filter { $0.verb == .answered }.count == made.events.count - 1)
        let id = XAPI.statementID("not-a-uuid", kind: "answer")
        #expect(result.statements.contains { $0.id == id })
        let again = XAPI.statements(bank: bank, learners: made.learners, attempts: made.attempts, events: made.events, options: options)
        #expect(again.statements.map(\.json) == result.statements.map(\.json))
    }
}
