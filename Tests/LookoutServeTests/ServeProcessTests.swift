import Foundation
import HummingbirdTesting
import LookoutApp
import LookoutCore
import LookoutStore
import LookoutTestSupport
import Testing

/// The real `lookout serve` binary on a free port: the address (and join code) read from what it prints.
final class ServeProcess {
    let process = Process()
    let port: Int
    let joinCode: String?
    let output: String

    init(_ arguments: [String]) throws {
        process.executableURL = URL(fileURLWithPath: Lookout.binary)
        process.arguments = ["serve", "--port", "0"] + arguments
        process.environment = Lookout.childEnvironment(["LANG": "C.UTF-8"])
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        try process.run()
        var text = ""
        let lan = arguments.contains("--lan")
        while !(text.contains("Lookout is open at") && (!lan || text.contains("Join code: ")) && text.hasSuffix("\n")) {
            let data = pipe.fileHandleForReading.availableData
            if data.isEmpty { break }
            text += String(decoding: data, as: UTF8.self)
        }
        output = text
        let port = text.firstMatch(of: /http:\/\/127\.0\.0\.1:(\d+)\//).flatMap { Int($0.1) }
        self.port = port ?? 0
        joinCode = text.firstMatch(of: /Join code: (\d+)/).map { String($0.1) }
        if port == nil { process.terminate() }
    }

    var base: String { "http://127.0.0.1:\(port)" }

    func stop() {
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
    }
}

/// The browser front end end to end: the real binary, a real browser (headless Chromium through Selenium), a
/// second address for `--lan`.
@Suite(.serialized) struct ServeProcessTests {
    static let scripts = Lookout.packageRoot + "/Tests/LookoutServeTests/Scripts"
    static let seleniumPython = Lookout.packageRoot + "/.build/venv-selenium/bin/python3"

    /// Why the browser test cannot run here, or nil when it can.
    static var browserMissing: String? {
        let fm = FileManager.default
        if !fm.isExecutableFile(atPath: "/usr/bin/chromium") { return "chromium is not installed (apt-get install chromium chromium-driver; .ci/run does)" }
        if !fm.isExecutableFile(atPath: "/usr/bin/chromedriver") { return "chromedriver is not installed (apt-get install chromium-driver; .ci/run does)" }
        if !fm.isExecutableFile(atPath: seleniumPython) { return "Selenium is not installed in .build/venv-selenium (.ci/run makes it)" }
        return nil
    }

    static var python: String? {
        ["/usr/bin/python3", "/usr/local/bin/python3"].first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    @Test func serveIsListedInHelpAndPrintsTheAddress() throws {
        let help = try Lookout.run(["--help"])
        #expect(help.stdout.contains("serve"), "\(help.stdout)")
        let dir = try Lookout.temporaryDirectory("serve-help")
        let server = try ServeProcess(["--bank", Lookout.shippedBank, "--data-dir", dir])
        defer { server.stop() }
        #expect(server.port > 0, "it prints the address: \(server.output)")
        #expect(!server.output.contains("Join code"), "no join code without --lan")
        let bad = try Lookout.run(["serve", "--port", "70000"])
        #expect(bad.status == 64 && bad.stderr.contains("--port 70000 is not a port"), "\(bad.stderr)")
    }

    @Test(.enabled(if: ServeProcessTests.browserMissing == nil, "\(ServeProcessTests.browserMissing ?? "")"))
    func aRealBrowserDoesTheSchoolIntroInKhmerAndQuickExitLeavesNothingBehind() throws {
        let dir = try Lookout.temporaryDirectory("serve-browser")
        let server = try ServeProcess(["--bank", Lookout.shippedBank, "--data-dir", dir])
        defer { server.stop() }
        try #require(server.port > 0, "\(server.output)")
        let shots = Lookout.packageRoot + "/.build/serve-screenshots"
        let result = try Lookout.run([Self.scripts + "/browser_e2e.py", server.base, shots, "sch-intro", "school"],
                                     executable: Self.seleniumPython)
        print(result.stdout)
        #expect(result.status == 0, "\(result.stdout)\n\(result.stderr)")
        #expect(!result.stdout.contains("ERROR"), "\(result.stdout)")
        #expect(result.stdout.contains("BACK ok"), "Back after the quick exit must not show the lesson: \(result.stdout)")
        #expect(result.stdout.contains("ESC-ESC ok"), "Esc twice leaves too: \(result.stdout)")
        let answered = result.stdout.firstMatch(of: /ANSWERED (\d+)/).flatMap { Int($0.1) } ?? 0
        #expect(answered > 0)
        #expect(result.stdout.contains("SCREENSHOT") && result.stdout.contains("question-360.png"))
        print("Khmer screenshots (360 px and 1280 px wide) for a reviewer: \(shots)")
        server.stop()
        // Every answer the browser gave is in the store, under the learner, with the Khmer choice kept.
        let store = try ProgressStore.open(directory: dir)
        let learner = try #require(try store.learner(named: "Dara"))
        let events = try store.events(learnerID: learner.id)
        #expect(events.count == answered, "answers submitted \(answered), stored \(events.count)")
        #expect(events.allSatisfy { $0.lessonID == "sch-intro" })
        #expect(try store.meta(TrainerDriver.languageKey(learner.id)) == "km")
    }

    @Test(.enabled(if: ServeProcessTests.python != nil, "python3 is missing"))
    func lanAsksAnotherDeviceForTheJoinCodeAndNeverShowsTheLearners() throws {
        let dir = try Lookout.temporaryDirectory("serve-lan")
        let store = try ProgressStore.open(directory: dir)
        _ = try store.addLearner(name: "Dara")
        try store.close()
        let server = try ServeProcess(["--lan", "--bank", Lookout.shippedBank, "--data-dir", dir])
        defer { server.stop() }
        let code = try #require(server.joinCode, "--lan prints a join code: \(server.output)")
        #expect(code.count == 6)
        #expect(server.output.contains("Plain HTTP"), "the warning about plain HTTP")
        let result = try Lookout.run([Self.scripts + "/lan_check.py", String(server.port), code], executable: try #require(Self.python))
        print(result.stdout)
        #expect(result.status == 0, "\(result.stderr)")
        for fact in ["JOIN-FIRST", "JOIN-FIRST-EVERYWHERE", "FACILITATOR-REFUSED", "RATE-LIMITED", "NO-LEARNER-LIST",
                     "FACILITATOR-REFUSED-AFTER-JOIN", "SELECT-REFUSED", "LEARNER-CREATED"] {
            #expect(result.stdout.contains(fact + " ok"), "\(fact): \(result.stdout)")
        }
    }
}

/// The terminal trainer (plain mode, the real binary) and `lookout serve` (the real binary) on one store at once.
@Suite struct ServeAndTerminalTests {
    @Test func theTerminalAndABrowserOnOneStoreAtOnceLoseNothing() async throws {
        let fixture = try ServeFixture(name: "serve-terminal")
        let server = try ServeProcess(["--bank", fixture.bankPath, "--data-dir", fixture.dataPath])
        defer { server.stop() }
        try #require(server.port > 0, "\(server.output)")
        // The terminal learner answers "1" to everything (content note: continue) until the summary ends it.
        let terminal = Task.detached {
            try Lookout.run(["train", "--plain", "--learner", "Term", "--lesson", "l2", "--bank", fixture.bankPath,
                             "--data-dir", fixture.dataPath], stdin: String(repeating: "1\n", count: 80))
        }
        let port = server.port
        let answered = try await TestClient.withClient(host: "127.0.0.1", port: port) { connection in
            let browser = FormBrowser(connection: connection)
            try await browser.createLearner("Web")
            return try await browser.playLesson("l2")
        }
        let plain = try await terminal.value
        #expect(plain.status == 0, "\(plain.stderr)")
        #expect(plain.stdout.contains("Lesson finished: Lesson two"), "\(plain.stdout.suffix(500))")
        server.stop()
        let store = try ProgressStore.open(directory: fixture.dataPath)
        let web = try #require(try store.learner(named: "Web"))
        let term = try #require(try store.learner(named: "Term"))
        #expect(try store.events(learnerID: web.id).count == answered, "every answer given in the browser is stored")
        let termAnswers = plain.stdout.components(separatedBy: "Score for this question").count - 1
            + plain.stdout.components(separatedBy: "Right: that is the safe thing").count - 1
            + plain.stdout.components(separatedBy: "Not the best choice").count - 1
            + plain.stdout.components(separatedBy: "That choice is UNSAFE").count - 1
        #expect(termAnswers >= 4)
        #expect(try store.events(learnerID: term.id).count == termAnswers, "every answer given in the terminal is stored")
    }
}
