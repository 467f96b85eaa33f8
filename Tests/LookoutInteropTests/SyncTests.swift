import Foundation
import LookoutCore
import LookoutStore
import LookoutTestSupport
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// `lookout sync` against a real Ralph LRS on loopback. Skipped, with this message, only when the
/// venv is absent (.ci/run makes it).
@Suite("lookout sync to a real LRS (Ralph)",
       .enabled(if: PythonTools.ralphPython != nil,
                "Ralph is not installed: run .ci/run, or python3 -m venv .build/venv-ralph && .build/venv-ralph/bin/pip install \"ralph-malph[lrs,cli]==5.1.0\" requests"),
       .serialized)
final class SyncTests {
    let folders = TemporaryFolders()
    static let homePage = "https://training.example.org"

    func server() throws -> RalphServer {
        try RalphServer(python: PythonTools.ralphPython!, dataDir: try folders.make("lookout-ralph") + "/lrs")
    }

    func credentialsFile(user: String = RalphServer.user, password: String = RalphServer.password) throws -> String {
        let path = try folders.make("lookout-creds") + "/lrs-credentials"
        try "\(user):\(password)\n".write(toFile: path, atomically: true, encoding: .utf8)
        chmod(path, 0o600)
        return path
    }

    func syncArguments(_ data: String, _ lrs: RalphServer, credentials: String, extra: [String] = []) -> [String] {
        ["sync", "--lrs", lrs.xapiURL, "--credentials", credentials, "--homepage", Self.homePage,
         "--data-dir", data, "--bank", Lookout.shippedBank] + extra
    }

    /// The statements Lookout would send for the store, by id.
    func expectedStatements(_ data: String) throws -> [String: [String: Any]] {
        let file = try folders.make("lookout-xapi") + "/x.json"
        let out = try Lookout.run(["export", "--format", "xapi", "--out", file, "--homepage", Self.homePage,
                                   "--data-dir", data, "--bank", Lookout.shippedBank])
        #expect(out.status == 0, "\(out.stderr)")
        let list = try #require(try jsonObject(String(contentsOfFile: file, encoding: .utf8)) as? [[String: Any]])
        return Dictionary(uniqueKeysWithValues: list.map { ($0["id"] as! String, $0) })
    }

    func sentCount(_ data: String, _ lrs: RalphServer) throws -> Int {
        let store = try ProgressStore.open(directory: data)
        defer { try? store.close() }
        return try store.xapiRecord(lrs: lrs.xapiURL + "/statements").count
    }

    /// The LRS holds exactly the expected statements, once each, with the same content.
    func expectLRSHolds(_ lrs: RalphServer, _ expected: [String: [String: Any]], sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        let got = try lrs.allStatements()
        let ids = got.compactMap { $0["id"] as? String }
        #expect(ids.count == expected.count, "GET returned \(ids.count), expected \(expected.count)", sourceLocation: sourceLocation)
        #expect(Set(ids) == Set(expected.keys), sourceLocation: sourceLocation)
        #expect(Set(ids).count == ids.count, "duplicates in GET", sourceLocation: sourceLocation)
        let lines = lrs.storedLines()
        #expect(lines.count == expected.count, "the fs backend holds \(lines.count) lines", sourceLocation: sourceLocation)
        for statement in got {
            guard let id = statement["id"] as? String, let mine = expected[id] else { continue }
            for key in ["actor", "verb", "result"] {
                #expect(NSDictionary(dictionary: ["v": statement[key] ?? NSNull()]) == NSDictionary(dictionary: ["v": mine[key] ?? NSNull()]),
                        "\(id) \(key): LRS \(String(describing: statement[key])) vs Lookout \(String(describing: mine[key]))", sourceLocation: sourceLocation)
            }
            #expect(instant(statement["timestamp"]) != nil && instant(statement["timestamp"]) == instant(mine["timestamp"]),
                    "\(id) timestamp: \(String(describing: statement["timestamp"])) vs \(String(describing: mine["timestamp"]))", sourceLocation: sourceLocation)
            let object = statement["object"] as? [String: Any]
            #expect(object?["id"] as? String == (mine["object"] as? [String: Any])?["id"] as? String, sourceLocation: sourceLocation)
            let context = statement["context"] as? [String: Any]
            #expect(context?["registration"] as? String == (mine["context"] as? [String: Any])?["registration"] as? String, sourceLocation: sourceLocation)
        }
    }

    /// The instant of an ISO 8601 timestamp, to the millisecond (an LRS may write it back as "+00:00"
    /// with microseconds).
    func instant(_ value: Any?) -> Int64? {
        guard let text = value as? String else { return nil }
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        var trimmed = text
        // Microseconds to milliseconds, which the formatter reads.
        if let dot = text.firstIndex(of: "."), let zone = text[dot...].firstIndex(where: { $0 == "Z" || $0 == "+" || $0 == "-" }) {
            let fraction = text[text.index(after: dot)..<zone]
            trimmed = String(text[..<dot]) + "." + String((fraction + "000").prefix(3)) + String(text[zone...])
        }
        return formatter.date(from: trimmed).map { Int64(($0.timeIntervalSince1970 * 1000).rounded()) }
    }

    @Test("sync a class, GET the statements back and compare with the store; a second sync sends nothing")
    func syncAndResync() throws {
        let lrs = try server()
        let bank = try ShippedClass.bank()
        let data = try ShippedClass.store(ShippedClass.make(bank: bank, learners: 12), folders: folders)
        let credentials = try credentialsFile()
        let expected = try expectedStatements(data)

        let first = try Lookout.run(syncArguments(data, lrs, credentials: credentials, extra: ["--batch-size", "25"]))
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("Sent \(expected.count) statements to \(lrs.xapiURL)/statements"), "\(first.stdout)")
        // No progress bar when stderr is not a terminal.
        #expect(!first.stderr.contains("\r") && !first.stderr.contains("\u{1B}"))
        try expectLRSHolds(lrs, expected)
        #expect(try sentCount(data, lrs) == expected.count)

        let again = try Lookout.run(syncArguments(data, lrs, credentials: credentials))
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.stdout.contains("Nothing new to send"), "\(again.stdout)")
        #expect(lrs.storedLines().count == expected.count)

        // New answers later: only they are sent.
        let store = try ProgressStore.open(directory: data)
        let learner = try store.addLearner(name: "Late learner")
        let lesson = try #require(bank.lessons.first)
        let attempt = try store.startAttempt(learnerID: learner.id, lessonID: lesson.id)
        // The scene this attempt shows first (intro lessons are shuffled per attempt): answering it leaves the attempt
        // in progress, so only its answers are new statements (no completed or failed).
        let scenario = try #require(ProgressEngine.attemptOrder(bank.scenarios(of: lesson), kind: lesson.kind, attemptID: attempt.id).first)
        for question in scenario.questions {
            try store.append(AnswerEvent(id: ProgressStore.newID(), learnerID: learner.id, attemptID: attempt.id, lessonID: lesson.id,
                                         scenarioID: scenario.id, scenarioRev: scenario.rev, questionID: question.id,
                                         chosen: [question.options[0].id], credit: 0, action: nil, time: ProgressStore.now(), isRepeat: false))
        }
        try store.close()
        let third = try Lookout.run(syncArguments(data, lrs, credentials: credentials))
        #expect(third.status == 0, "\(third.stderr)")
        #expect(third.stdout.contains("Sent \(scenario.questions.count) statements"), "\(third.stdout)")
        #expect(third.stdout.contains("\(expected.count) sent before"))
        try expectLRSHolds(lrs, try expectedStatements(data))
    }

    @Test("a sync killed (SIGKILL) mid-way resumes with no statement lost and none repeated")
    func killedAndResumed() throws {
        let lrs = try server()
        let bank = try ShippedClass.bank()
        let data = try ShippedClass.store(ShippedClass.make(bank: bank, learners: 60), folders: folders)
        let credentials = try credentialsFile()
        let expected = try expectedStatements(data)

        let p = Process()
        p.executableURL = URL(fileURLWithPath: Lookout.binary)
        p.environment = Lookout.childEnvironment()
        p.arguments = syncArguments(data, lrs, credentials: credentials, extra: ["--batch-size", "5"])
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        p.standardInput = FileHandle.nullDevice
        try p.run()
        let deadline = Date().addingTimeInterval(120)
        var sentBeforeKill = 0
        while Date() < deadline, p.isRunning {
            sentBeforeKill = (try? sentCount(data, lrs)) ?? 0
            if sentBeforeKill >= 20 { break }
            usleep(20_000)
        }
        #expect(p.isRunning, "the sync finished before it could be killed")
        kill(p.processIdentifier, SIGKILL)
        p.waitUntilExit()
        let recorded = try sentCount(data, lrs)
        #expect(recorded > 0 && recorded < expected.count, "recorded \(recorded) of \(expected.count)")
        // The LRS may hold a batch that was sent but not yet recorded: never fewer than recorded.
        #expect(lrs.storedLines().count >= recorded)

        let resumed = try Lookout.run(syncArguments(data, lrs, credentials: credentials, extra: ["--batch-size", "50"]))
        #expect(resumed.status == 0, "\(resumed.stderr)")
        #expect(resumed.stdout.contains("Sent \(expected.count - recorded) statements"), "\(resumed.stdout)")
        try expectLRSHolds(lrs, expected)
        #expect(try sentCount(data, lrs) == expected.count)
    }

    @Test("409: a statement already in the LRS with other content is recorded as a conflict, not as sent (exit 65); the rest of its batch still arrives")
    func conflict() throws {
        let lrs = try server()
        let bank = try ShippedClass.bank()
        let data = try ShippedClass.store(ShippedClass.make(bank: bank, learners: 3), folders: folders)
        let credentials = try credentialsFile()
        var expected = try expectedStatements(data)
        // Someone else's statement with the same id as one of Lookout's (an answer) is already there.
        let clashID = try #require(expected.keys.sorted().first)
        let other: [String: Any] = [
            "id": clashID,
            "actor": ["objectType": "Agent", "account": ["homePage": "https://elsewhere.example", "name": "someone"]],
            "verb": ["id": "http://adlnet.gov/expapi/verbs/experienced"],
            "object": ["objectType": "Activity", "id": "https://elsewhere.example/page"],
            "timestamp": "2026-01-01T00:00:00.000Z",
        ]
        let (status, body) = try lrs.request("POST", "/xAPI/statements", body: try JSONSerialization.data(withJSONObject: [other]))
        #expect(status == 200, "\(String(decoding: body, as: UTF8.self))")

        let out = try Lookout.run(syncArguments(data, lrs, credentials: credentials, extra: ["--batch-size", "1000"]))
        #expect(out.status == 65, "\(out.stderr)")
        #expect(out.stdout.contains("1 not sent: the LRS holds a different statement with the same id (409"), "\(out.stdout)")
        #expect(out.stderr.contains("holds a different statement with the id \(clashID)"), "\(out.stderr)")
        let store = try ProgressStore.open(directory: data)
        let record = try store.xapiRecord(lrs: lrs.xapiURL + "/statements")
        try store.close()
        #expect(record[clashID] == .conflict)
        #expect(record.values.filter { $0 == .sent }.count == expected.count - 1)
        // Every other statement is there; the clashing id keeps the LRS's own statement.
        let got = try lrs.allStatements()
        #expect(Set(got.compactMap { $0["id"] as? String }) == Set(expected.keys))
        #expect(got.count == expected.count)
        let kept = try #require(got.first { ($0["id"] as? String) == clashID })
        #expect((kept["verb"] as? [String: Any])?["id"] as? String == "http://adlnet.gov/expapi/verbs/experienced")
        expected[clashID] = nil
        #expect(lrs.storedLines().count == expected.count + 1)
    }

    @Test("401: wrong credentials stop the sync with a clear message and record nothing")
    func unauthorised() throws {
        let lrs = try server()
        let bank = try ShippedClass.bank()
        let data = try ShippedClass.store(ShippedClass.make(bank: bank, learners: 2), folders: folders)
        let wrong = try credentialsFile(password: "wrong-password")
        let out = try Lookout.run(syncArguments(data, lrs, credentials: wrong))
        #expect(out.status == 77)
        #expect(out.stderr.contains("refused the credentials (401"), "\(out.stderr)")
        #expect(!out.stderr.contains("wrong-password"))
        #expect(try sentCount(data, lrs) == 0)
        #expect(lrs.storedLines().isEmpty)
        // A wrong address: the LRS answers 404, and the sync stops and says what to check.
        var wrongPath = syncArguments(data, lrs, credentials: try credentialsFile())
        wrongPath[wrongPath.firstIndex(of: lrs.xapiURL)!] = "http://127.0.0.1:\(lrs.port)/no-such-endpoint"
        let notFound = try Lookout.run(wrongPath)
        #expect(notFound.status == 69, "\(notFound.stderr)")
        #expect(notFound.stderr.contains("answered 404") && notFound.stderr.contains("Is the address right"), "\(notFound.stderr)")
        // The same through LOOKOUT_LRS_AUTH, with the right password: it works.
        var arguments = syncArguments(data, lrs, credentials: "")
        arguments.removeSubrange(arguments.firstIndex(of: "--credentials")!...arguments.firstIndex(of: "--credentials")! + 1)
        let ok = try Lookout.run(arguments, environment: ["LOOKOUT_LRS_AUTH": "\(RalphServer.user):\(RalphServer.password)"])
        #expect(ok.status == 0, "\(ok.stderr)")
    }

    @Test("the server stopped mid-sync: bounded retries, exit 75, what was sent is kept; after a restart the rest arrives once")
    func serverStopped() throws {
        let lrs = try server()
        let bank = try ShippedClass.bank()
        let data = try ShippedClass.store(ShippedClass.make(bank: bank, learners: 60), folders: folders)
        let credentials = try credentialsFile()
        let expected = try expectedStatements(data)

        let outFile = try folders.make("lookout-sync-out") + "/out"
        FileManager.default.createFile(atPath: outFile, contents: nil)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: Lookout.binary)
        p.environment = Lookout.childEnvironment()
        p.arguments = syncArguments(data, lrs, credentials: credentials, extra: ["--batch-size", "5", "--retries", "2"])
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: outFile))
        p.standardOutput = handle
        p.standardError = handle
        p.standardInput = FileHandle.nullDevice
        try p.run()
        let deadline = Date().addingTimeInterval(120)
        while Date() < deadline, p.isRunning, ((try? sentCount(data, lrs)) ?? 0) < 20 { usleep(20_000) }
        #expect(p.isRunning, "the sync finished before the server could be stopped")
        lrs.stop()
        p.waitUntilExit()
        try handle.close()
        let text = try String(contentsOfFile: outFile, encoding: .utf8)
        #expect(p.terminationStatus == 75, "\(text)")
        #expect(text.contains("cannot reach the LRS") && text.contains("after 2 retries"), "\(text)")
        #expect(text.contains("left for the next 'lookout sync'"))
        let recorded = try sentCount(data, lrs)
        #expect(recorded > 0 && recorded < expected.count)

        try lrs.start()
        let resumed = try Lookout.run(syncArguments(data, lrs, credentials: credentials))
        #expect(resumed.status == 0, "\(resumed.stderr)")
        try expectLRSHolds(lrs, expected)
    }

    /// Starts the stand-in LRS (Scripts/refusing_lrs.py); returns its xAPI address and the file it stores to.
    func standIn(rejecting ids: [String], failFirst: Int = 0) throws -> (url: String, stored: String, process: Process) {
        let dir = try folders.make("lookout-refusing-lrs")
        try (ids.joined(separator: "\n") + "\n").write(toFile: dir + "/reject", atomically: true, encoding: .utf8)
        let port = try RalphServer.freePort()
        let server = Process()
        server.executableURL = URL(fileURLWithPath: try #require(PythonTools.python3))
        server.arguments = [PythonTools.scripts + "/refusing_lrs.py", String(port), dir + "/reject", dir + "/stored", String(failFirst)]
        let log = dir + "/log"
        FileManager.default.createFile(atPath: log, contents: nil)
        server.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: log))
        server.standardError = FileHandle.nullDevice
        try server.run()
        for _ in 0..<300 where !((try? String(contentsOfFile: log, encoding: .utf8)) ?? "").contains("ready") { usleep(50_000) }
        return ("http://127.0.0.1:\(port)/xAPI", dir + "/stored", server)
    }

    @Test("5xx: the sync backs off, retries and then sends everything")
    func serverErrorsAreRetried() throws {
        let bank = try ShippedClass.bank()
        let data = try ShippedClass.store(ShippedClass.make(bank: bank, learners: 2), folders: folders)
        let credentials = try credentialsFile()
        let expected = try expectedStatements(data)
        let lrs = try standIn(rejecting: [], failFirst: 2)
        defer { kill(lrs.process.processIdentifier, SIGKILL); lrs.process.waitUntilExit() }
        let started = Date()
        let out = try Lookout.run(["sync", "--lrs", lrs.url, "--credentials", credentials, "--homepage", Self.homePage,
                                   "--data-dir", data, "--bank", Lookout.shippedBank])
        #expect(out.status == 0, "\(out.stderr)")
        #expect(out.stdout.contains("Sent \(expected.count) statements"), "\(out.stdout)")
        // Two failures: waits of 1 s and 2 s before the third try.
        #expect(Date().timeIntervalSince(started) >= 3)
        let stored = ((try? String(contentsOfFile: lrs.stored, encoding: .utf8)) ?? "").split(separator: "\n")
        #expect(stored.count == expected.count)

        // A server that keeps failing: bounded retries, exit 75, nothing recorded as sent.
        let data2 = try ShippedClass.store(ShippedClass.make(bank: bank, learners: 1), folders: folders)
        let failing = try standIn(rejecting: [], failFirst: 1000)
        defer { kill(failing.process.processIdentifier, SIGKILL); failing.process.waitUntilExit() }
        let gaveUp = try Lookout.run(["sync", "--lrs", failing.url, "--credentials", credentials, "--homepage", Self.homePage,
                                      "--data-dir", data2, "--bank", Lookout.shippedBank, "--retries", "1"])
        #expect(gaveUp.status == 75)
        #expect(gaveUp.stderr.contains("keeps failing (503") && gaveUp.stderr.contains("after 1 retry"), "\(gaveUp.stderr)")
        #expect(gaveUp.stderr.contains("0 statements were sent in this run"))
    }

    @Test("400: a statement the LRS refuses is reported with the statement and set aside; the rest of its batch arrives; --retry-rejected tries it again")
    func rejected() throws {
        // Ralph accepts every statement Lookout makes, so a small stand-in LRS refuses one by id.
        let bank = try ShippedClass.bank()
        let made = ShippedClass.make(bank: bank, learners: 3)
        let badID = made.events[3].id
        let data = try ShippedClass.store(made, folders: folders)
        let credentials = try credentialsFile()
        let expected = try expectedStatements(data)
        let lrs = try standIn(rejecting: [badID])
        defer { kill(lrs.process.processIdentifier, SIGKILL); lrs.process.waitUntilExit() }
        let url = lrs.url
        func sync(_ extra: [String] = []) throws -> Lookout.Output {
            try Lookout.run(["sync", "--lrs", url, "--credentials", credentials, "--homepage", Self.homePage, "--data-dir", data,
                             "--bank", Lookout.shippedBank, "--batch-size", "16"] + extra)
        }
        func stored() -> [String] {
            ((try? String(contentsOfFile: lrs.stored, encoding: .utf8)) ?? "").split(separator: "\n").compactMap {
                (try? jsonObject(String($0)) as? [String: Any])?["id"] as? String
            }
        }

        let out = try sync()
        #expect(out.status == 65, "\(out.stderr)")
        #expect(out.stderr.contains("the LRS refused statement \(badID)"), "\(out.stderr)")
        #expect(out.stderr.contains("(400): {\"detail\": \"invalid statement \(badID): timestamp out of range\"}"), "\(out.stderr)")
        #expect(out.stderr.contains("\"id\":\"\(badID)\""), "the statement itself is shown")
        #expect(out.stdout.contains("1 refused as invalid and set aside"), "\(out.stdout)")
        let store = try ProgressStore.open(directory: data)
        let record = try store.xapiRecord(lrs: url + "/statements")
        try store.close()
        #expect(record[badID] == .rejected)
        #expect(record.values.filter { $0 == .sent }.count == expected.count - 1)
        #expect(Set(stored()) == Set(expected.keys).subtracting([badID]))
        #expect(stored().count == expected.count - 1)

        let again = try sync()
        #expect(again.status == 0)
        #expect(again.stdout.contains("Nothing new to send") && again.stdout.contains("1 set aside as refused"), "\(again.stdout)")
        let retry = try sync(["--retry-rejected"])
        #expect(retry.status == 65)
        #expect(retry.stderr.contains("the LRS refused statement \(badID)"))
        #expect(stored().count == expected.count - 1)

        // An LRS that refuses everything: the sync stops after 10 refusals instead of setting the
        // whole store aside.
        let data2 = try ShippedClass.store(ShippedClass.make(bank: bank, learners: 2), folders: folders)
        let all = try expectedStatements(data2)
        let refusingAll = try standIn(rejecting: Array(all.keys))
        defer { kill(refusingAll.process.processIdentifier, SIGKILL); refusingAll.process.waitUntilExit() }
        let stopped = try Lookout.run(["sync", "--lrs", refusingAll.url, "--credentials", credentials, "--homepage", Self.homePage,
                                       "--data-dir", data2, "--bank", Lookout.shippedBank])
        #expect(stopped.status == 69, "\(stopped.stderr)")
        #expect(stopped.stderr.contains("refused the first 10 statements one by one"), "\(stopped.stderr)")
        let store2 = try ProgressStore.open(directory: data2)
        #expect(try store2.xapiRecord(lrs: refusingAll.url + "/statements").count == 10)
        try store2.close()
    }

    @Test("21.5: a verdict that changes after a sync reaches the LRS: skip a scene in the final, sync (failed), resume and pass, sync: the LRS reads passed and the failed statement is voided")
    func changedVerdictReachesTheLRS() throws {
        let lrs = try server()
        let bank = try ShippedClass.bank()
        let lesson = try #require(bank.lesson("hos-final"))
        let scenarios = bank.scenarios(of: lesson)
        let data = try folders.make("lookout-verdict")
        let store = try ProgressStore.open(directory: data)
        let learner = try store.addLearner(name: "Skipper")
        let attempt = try store.startAttempt(learnerID: learner.id, lessonID: lesson.id, at: ShippedClass.base)
        var time = ShippedClass.base
        func answer(_ scenario: Scenario, in store: ProgressStore) throws {
            for question in scenario.questions {
                time += 20_000
                let chosen = question.options.filter(\.isCorrect).map(\.id)
                let result = Scorer.score(question, chosen: Set(chosen))
                try store.append(AnswerEvent(id: ProgressStore.newID(), learnerID: learner.id, attemptID: attempt.id, lessonID: lesson.id,
                                             scenarioID: scenario.id, scenarioRev: scenario.rev, questionID: question.id, chosen: chosen,
                                             credit: result.credit, action: result.action, time: time, isRepeat: false))
            }
        }
        // The first scene skipped (its content note), every other answered right: finished, not passed.
        for scenario in scenarios.dropFirst() { try answer(scenario, in: store) }
        try store.close()
        let credentials = try credentialsFile()
        let first = try Lookout.run(syncArguments(data, lrs, credentials: credentials))
        #expect(first.status == 0, "\(first.stderr)")
        let before = try lrs.allStatements()
        let failed = try #require(before.first { (($0["verb"] as? [String: Any])?["id"] as? String)?.hasSuffix("/failed") == true },
                                  "no failed statement after the first sync")
        let failedID = try #require(failed["id"] as? String)

        // The learner resumes the same attempt and answers the skipped scene right: passed.
        let reopened = try ProgressStore.open(directory: data)
        try answer(scenarios[0], in: reopened)
        try reopened.close()
        let second = try Lookout.run(syncArguments(data, lrs, credentials: credentials))
        #expect(second.status == 0, "\(second.stderr)")
        #expect(second.stdout.contains("void"), "\(second.stdout)")
        let after = try lrs.allStatements()
        func verb(_ s: [String: Any]) -> String { ((s["verb"] as? [String: Any])?["id"] as? String) ?? "" }
        let passed = after.filter { verb($0).hasSuffix("/passed") }
        #expect(passed.count == 1, "the LRS holds \(passed.count) passed statements")
        #expect((passed.first?["result"] as? [String: Any])?["success"] as? Bool == true)
        let voids = after.filter { verb($0) == "http://adlnet.gov/expapi/verbs/voided" }
        let voidedIDs = Set(voids.compactMap { ($0["object"] as? [String: Any])?["id"] as? String })
        #expect(voidedIDs.contains(failedID), "the failed statement \(failedID) is not voided: \(voidedIDs)")
        // The superseded completed statement is voided too, and a third sync sends nothing.
        #expect(voids.count == 2)
        let third = try Lookout.run(syncArguments(data, lrs, credentials: credentials))
        #expect(third.stdout.contains("Nothing new to send"), "\(third.stdout)")
        // The export now writes the passed verdict under the id the LRS holds.
        let exported = try expectedStatements(data)
        let passedID = try #require(passed.first?["id"] as? String)
        #expect(exported[passedID] != nil)
        #expect(exported[failedID] == nil)
    }

    @Test("credentials never on the command line; the facilitator lock applies")
    func guards() throws {
        let bank = try ShippedClass.bank()
        let data = try ShippedClass.store(ShippedClass.make(bank: bank, learners: 2), folders: folders)
        let inURL = try Lookout.run(["sync", "--lrs", "http://user:pw@127.0.0.1:9/xAPI", "--data-dir", data])
        #expect(inURL.status == 64)
        #expect(inURL.stderr.contains("without a user name, password"))
        let noCredentials = try Lookout.run(["sync", "--lrs", "http://127.0.0.1:9/xAPI", "--homepage", Self.homePage,
                                             "--data-dir", data, "--bank", Lookout.shippedBank])
        #expect(noCredentials.status == 65)
        #expect(noCredentials.stderr.contains("LOOKOUT_LRS_AUTH"))
        let set = try Lookout.run(["facilitator", "set-passphrase", "--stdin", "--data-dir", data], stdin: "correct horse battery\n")
        #expect(set.status == 0, "\(set.stderr)")
        let locked = try Lookout.run(["sync", "--lrs", "http://127.0.0.1:9/xAPI", "--homepage", Self.homePage,
                                      "--data-dir", data, "--bank", Lookout.shippedBank],
                                     environment: ["LOOKOUT_LRS_AUTH": "a:b"])
        #expect(locked.status == 77)
        #expect(locked.stderr.contains("facilitator passphrase"))
    }
}
