import Foundation
import LookoutCore
import LookoutStore
import LookoutTestSupport
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// `lookout sync` believes only a real LRS (issue 26, points 1, 2, 4, 6, 7, 13 and the lock): the real
/// binary against a misbehaving stand-in on 127.0.0.1 (Scripts/fake_lrs.py, which stops itself after
/// 120 s or 200 requests).
@Suite("sync hardening against misbehaving servers",
       .enabled(if: PythonTools.python3 != nil, "python3 is missing: apt-get install python3"))
final class SyncHardeningTests {
    let folders = TemporaryFolders()
    static let homePage = "https://training.example.org"

    struct FakeLRS {
        var url: String
        var log: String
        var process: Process

        /// The requests the server saw: (method, path, had an Authorization header).
        func requests() -> [(String, String, Bool)] {
            ((try? String(contentsOfFile: log, encoding: .utf8)) ?? "").split(separator: "\n").compactMap { line in
                guard let o = try? jsonObject(String(line)) as? [String: Any] else { return nil }
                return (o["method"] as? String ?? "", o["path"] as? String ?? "", o["auth"] as? Bool ?? false)
            }
        }

        func stop() {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
    }

    func fake(_ mode: String) throws -> FakeLRS {
        let dir = try folders.make("lookout-fake-lrs")
        let port = try RalphServer.freePort()
        let server = Process()
        server.executableURL = URL(fileURLWithPath: try #require(PythonTools.python3))
        server.arguments = [PythonTools.scripts + "/fake_lrs.py", String(port), mode, dir + "/requests"]
        let ready = dir + "/ready"
        FileManager.default.createFile(atPath: ready, contents: nil)
        server.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: ready))
        server.standardError = FileHandle.nullDevice
        try server.run()
        for _ in 0..<200 where !((try? String(contentsOfFile: ready, encoding: .utf8)) ?? "").contains("ready") { usleep(50_000) }
        return FakeLRS(url: "http://127.0.0.1:\(port)/xAPI", log: dir + "/requests", process: server)
    }

    func classStore(learners: Int = 2) throws -> String {
        let bank = try ShippedClass.bank()
        return try ShippedClass.store(ShippedClass.make(bank: bank, learners: learners), folders: folders)
    }

    func credentials() throws -> String {
        let path = try folders.make("lookout-creds") + "/creds"
        try "lookout:secret-password\n".write(toFile: path, atomically: true, encoding: .utf8)
        chmod(path, 0o600)
        return path
    }

    func sync(_ data: String, _ lrs: FakeLRS, _ extra: [String] = []) throws -> Lookout.Output {
        try Lookout.run(["sync", "--lrs", lrs.url, "--credentials", try credentials(), "--homepage", Self.homePage,
                         "--data-dir", data, "--bank", Lookout.shippedBank] + extra)
    }

    func recorded(_ data: String, _ lrs: FakeLRS) throws -> [String: ProgressStore.XAPISendStatus] {
        let store = try ProgressStore.open(directory: data)
        defer { try? store.close() }
        return try store.xapiRecord(lrs: lrs.url + "/statements")
    }

    @Test("26.1: a redirect is not followed: exit 69 with the Location, one request only, nothing recorded")
    func redirectIsNotFollowed() throws {
        let data = try classStore()
        let lrs = try fake("redirect")
        defer { lrs.stop() }
        let out = try sync(data, lrs)
        #expect(out.status == 69, "\(out.stderr)")
        #expect(out.stderr.contains("answered 301 and points to http://127.0.0.1:"), "\(out.stderr)")
        #expect(out.stderr.contains("does not follow redirects"))
        #expect(out.stderr.contains("--lrs http://127.0.0.1:") && out.stderr.contains("/moved/xAPI"), "\(out.stderr)")
        let seen = lrs.requests()
        #expect(seen.count == 1, "\(seen)")
        #expect(!seen.contains { $0.1.hasPrefix("/moved") }, "the credentials went to the redirect target: \(seen)")
        #expect(try recorded(data, lrs).isEmpty)
    }

    @Test("26.2: a 200 that is not the batch's ids with the version header records nothing and exits 69, body escaped",
          arguments: ["portal", "empty", "truncated", "badversion", "nocontent"])
    func onlyARealAnswerCounts(mode: String) throws {
        let data = try classStore(learners: 1)
        let lrs = try fake(mode)
        defer { lrs.stop() }
        let out = try sync(data, lrs)
        #expect(out.status == 69, "\(mode): \(out.stderr)")
        #expect(out.stderr.contains(mode == "nocontent" ? "answered 204 (nothing stored) but does not show the statements" : "answered 200, but"), "\(mode): \(out.stderr)")
        #expect(out.stderr.contains("nothing was recorded as sent"))
        #expect(try recorded(data, lrs).isEmpty, "\(mode)")
        #expect(!out.stderr.contains("\u{1B}"), "an escape sequence from the server reached the terminal")
        if mode == "portal" {
            #expect(out.stderr.contains("Hotel Wi-Fi") && out.stderr.contains("\\u{1b}[31m"), "\(out.stderr)")
        }
    }

    @Test("26.4: 409 to everything is recorded as conflicts, never as sent; ten in a row with nothing accepted stops (69)")
    func conflictsAreNotSent() throws {
        let data = try classStore()
        let lrs = try fake("conflict")
        defer { lrs.stop() }
        let out = try sync(data, lrs, ["--batch-size", "5"])
        #expect(out.status == 69, "\(out.stderr)")
        #expect(out.stderr.contains("holds a different statement with the id"), "\(out.stderr)")
        #expect(out.stderr.contains("refused the first 10 statements one by one"), "\(out.stderr)")
        let record = try recorded(data, lrs)
        #expect(record.count == 10)
        #expect(record.values.allSatisfy { $0 == .conflict })
        // The next sync does not send them again (set aside), the rest waits.
        #expect(!out.stdout.contains("Sent"))
    }

    @Test("26.6: a huge answer is read only up to 64 KiB: memory stays small, nothing recorded")
    func hugeAnswerIsCapped() throws {
        let data = try classStore(learners: 1)
        let lrs = try fake("huge")
        defer { lrs.stop() }
        // Run the binary under a small Python wrapper that reports the child's peak memory.
        let wrapper = "import resource, subprocess, sys\nr = subprocess.run(sys.argv[1:])\nprint('MAXRSS', resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr)\nsys.exit(r.returncode)\n"
        let out = try Lookout.run(["-c", wrapper, Lookout.binary, "sync", "--lrs", lrs.url, "--credentials", try credentials(),
                                   "--homepage", Self.homePage, "--data-dir", data, "--bank", Lookout.shippedBank],
                                  executable: try #require(PythonTools.python3))
        #expect(out.status == 69, "\(out.stderr)")
        let kib = out.stderr.split(separator: "\n").first { $0.hasPrefix("MAXRSS") }.flatMap { Int($0.split(separator: " ").last ?? "") }
        let peak = try #require(kib)
        print("sync against a 256 MiB answer: peak resident \(peak / 1024) MiB")
        #expect(peak < 150 * 1024, "peak \(peak) KiB")
        #expect(try recorded(data, lrs).isEmpty)
    }

    @Test("26.7: a server that drips a byte a second meets the per-request deadline and the run's time limit (exit 75)")
    func drippingServerMeetsDeadlines() throws {
        let data = try classStore(learners: 1)
        let lrs = try fake("drip")
        defer { lrs.stop() }
        var started = Date()
        let out = try sync(data, lrs, ["--timeout", "2", "--retries", "0"])
        let took = Date().timeIntervalSince(started)
        #expect(out.status == 75, "\(out.stderr)")
        #expect(out.stderr.contains("did not answer in time (no whole answer within 2 s"), "\(out.stderr)")
        #expect(!out.stderr.contains("NSURLErrorDomain"))
        #expect(took < 30, "took \(took) s")
        #expect(try recorded(data, lrs).isEmpty)

        // Many retries, but the run's limit ends it.
        started = Date()
        let limited = try sync(data, lrs, ["--timeout", "2", "--retries", "20", "--time-limit", "5"])
        #expect(limited.status == 75, "\(limited.stderr)")
        #expect(limited.stderr.contains("time limit of 5 s"), "\(limited.stderr)")
        #expect(Date().timeIntervalSince(started) < 30)
    }

    @Test("Also: two syncs of one store cannot run at once (the second exits 75 and says why)")
    func oneSyncAtATime() throws {
        let data = try classStore(learners: 1)
        let lrs = try fake("drip")
        defer { lrs.stop() }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: Lookout.binary)
        p.environment = Lookout.childEnvironment()
        p.arguments = ["sync", "--lrs", lrs.url, "--credentials", try credentials(), "--homepage", Self.homePage,
                       "--data-dir", data, "--bank", Lookout.shippedBank, "--timeout", "20", "--retries", "0"]
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        defer { if p.isRunning { kill(p.processIdentifier, SIGKILL) }; p.waitUntilExit() }
        // Wait until the first one has sent its request (it holds the lock by then).
        for _ in 0..<200 where lrs.requests().isEmpty { usleep(50_000) }
        #expect(!lrs.requests().isEmpty)
        let second = try sync(data, lrs)
        #expect(second.status == 75, "\(second.stderr)")
        #expect(second.stderr.contains("another 'lookout sync' is running on this store"), "\(second.stderr)")
        #expect(lrs.requests().count == 1)
    }

    @Test("26.2: the right ids without the version header (as Ralph 5.1 answers) are accepted, with a note")
    func missingVersionHeaderIsNoted() throws {
        let data = try classStore(learners: 1)
        let lrs = try fake("noversion")
        defer { lrs.stop() }
        let out = try sync(data, lrs)
        #expect(out.status == 0, "\(out.stderr)")
        #expect(out.stderr.contains("sends no X-Experience-API-Version header"), "\(out.stderr)")
        #expect(try recorded(data, lrs).values.allSatisfy { $0 == .sent })
    }

    @Test("a well-behaved LRS (200, the ids, the version header): everything sent, then nothing new")
    func wellBehavedServer() throws {
        let data = try classStore(learners: 2)
        let lrs = try fake("ok")
        defer { lrs.stop() }
        let out = try sync(data, lrs, ["--batch-size", "7"])
        #expect(out.status == 0, "\(out.stderr)")
        #expect(out.stdout.contains("Sent "), "\(out.stdout)")
        #expect(try recorded(data, lrs).values.allSatisfy { $0 == .sent })
        let again = try sync(data, lrs)
        #expect(again.status == 0)
        #expect(again.stdout.contains("Nothing new to send"), "\(again.stdout)")
    }

    @Test("26.13: --homepage refuses control characters, quotes, <> and what an IRI cannot hold",
          arguments: ["https://example.org/\"x", "https://example.org/<b>", "https://example.org/\u{7}", "https://exa mple.org",
                      "https://example.org/\u{202E}x", "https://example.org/{x}"])
    func homePageIsChecked(_ homePage: String) throws {
        let data = try classStore(learners: 1)
        let export = try Lookout.run(["export", "--format", "xapi", "--homepage", homePage, "--out", data + "/x.json",
                                      "--data-dir", data, "--bank", Lookout.shippedBank])
        #expect(export.status == 64, "\(export.stderr)")
        #expect(export.stderr.contains("--homepage"))
        #expect(!export.stderr.contains("\u{7}") && !export.stderr.contains("\u{202E}"))
        let sync = try Lookout.run(["sync", "--lrs", "http://127.0.0.1:9/xAPI", "--homepage", homePage, "--data-dir", data],
                                   environment: ["LOOKOUT_LRS_AUTH": "a:b"])
        #expect(sync.status == 64, "\(sync.stderr)")
        #expect(!FileManager.default.fileExists(atPath: data + "/x.json"))
    }
}
