import Foundation
import Hummingbird
import NIOCore
import HTTPTypes
import HummingbirdTesting
import LookoutApp
import LookoutCore
import LookoutServe
import LookoutStore
import LookoutTestSupport
import Testing

/// A clock a test moves by hand (the idle timeout).
final class TestClock: @unchecked Sendable {
    private let lock = NSLock()
    private var ms: Int64 = 1_800_000_000_000

    var now: Int64 { lock.withLock { ms } }
    func advance(seconds: Int) { lock.withLock { ms += Int64(seconds) * 1000 } }
}

/// A real bank folder and a real store, and the server's app on them.
struct ServeFixture {
    let bankPath: String
    let dataPath: String
    let bank: Bank
    let store: ProgressStore
    let clock = TestClock()

    init(bankText: String = TestBank.text, name: String = "serve") throws {
        let dir = try Lookout.temporaryDirectory(name)
        bankPath = dir + "/bank"
        dataPath = dir + "/data"
        try FileManager.default.createDirectory(atPath: bankPath, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: dataPath, withIntermediateDirectories: true)
        try bankText.write(toFile: bankPath + "/bank.txt", atomically: true, encoding: .utf8)
        let loaded = BankLocator.load(root: bankPath)
        #expect(!loaded.hasErrors, "the test bank has errors")
        bank = loaded.bank
        store = try ProgressStore.open(directory: dataPath)
    }

    func app(lan: Bool = false, idleSeconds: Int = 900) -> some ApplicationProtocol {
        let clock = self.clock
        let backend = ServeBackends.backend(bank: bank, region: TrainerDriver.region(in: bank, preferred: nil), store: store,
                                            environment: ["LANG": "C.UTF-8"])
        let configuration = ServeConfiguration(lan: lan, joinCode: "424242", idleSeconds: idleSeconds, clock: { clock.now })
        return LookoutServer.application(backend: backend, configuration: configuration, host: "127.0.0.1", port: 0)
    }
}

/// A browser without script over plain HTTP: keeps its session cookie, reads the form token and state counter from
/// the page it shows, posts forms and follows the 303 after each.
final class FormBrowser: @unchecked Sendable {
    let send: @Sendable (String, HTTPRequest.Method, HTTPFields, ByteBuffer?) async throws -> (HTTPResponse.Status, HTTPFields, String)
    var cookie: String?
    /// The page on screen and how it came.
    var page = ""
    var status: HTTPResponse.Status = .ok
    var headers: HTTPFields = [:]
    /// Every page seen, for the HTML check.
    var pages: [String] = []

    init(client: any TestClientProtocol) {
        send = { uri, method, headers, body in
            let response = try await client.execute(uri: uri, method: method, headers: headers, body: body)
            return (response.status, response.headers, String(buffer: response.body))
        }
    }

    init(connection: TestClient) {
        send = { uri, method, headers, body in
            var headers = headers
            headers[.connection] = "keep-alive"
            let response = try await connection.execute(TestClient.Request(uri, method: method, authority: "localhost", headers: headers, body: body))
            return (response.status, response.headers, response.body.map { String(buffer: $0) } ?? "")
        }
    }

    private func request(_ uri: String, _ method: HTTPRequest.Method, body: String? = nil) async throws {
        var fields = HTTPFields()
        if let cookie { fields[.cookie] = "lookout_session=" + cookie }
        if body != nil { fields[.contentType] = "application/x-www-form-urlencoded" }
        let (status, headers, text) = try await send(uri, method, fields, body.map { ByteBuffer(string: $0) })
        for value in headers[values: .setCookie] where value.hasPrefix("lookout_session=") {
            let raw = String(value.dropFirst("lookout_session=".count).prefix { $0 != ";" })
            cookie = raw.isEmpty ? nil : raw
        }
        self.status = status
        self.headers = headers
        if status.code == 303, let location = headers[.location] {
            try await get(location)
            return
        }
        page = text
        if headers[.contentType]?.hasPrefix("text/html") == true { pages.append(text) }
    }

    func get(_ uri: String) async throws { try await request(uri, .get) }

    /// Posts a form of the page on screen: its token and counter, plus `fields`.
    func post(_ action: String, _ fields: [(String, String)] = [], to path: String = "/act") async throws {
        try await postRaw(Self.encode([("csrf", value("csrf") ?? ""), ("rev", value("rev") ?? ""), ("do", action)] + fields), to: path)
    }

    func postRaw(_ body: String, to path: String = "/act") async throws {
        try await request(path, .post, body: body)
    }

    /// The value of the first hidden field called `name` on the page (after `after`, if given).
    func value(_ name: String, after marker: String? = nil) -> String? {
        var text = Substring(page)
        if let marker, let range = text.range(of: marker) { text = text[range.upperBound...] }
        let key = "name=\"\(name)\" value=\""
        guard let start = text.range(of: key) else { return nil }
        let rest = text[start.upperBound...]
        return Self.unescape(String(rest.prefix { $0 != "\"" }))
    }

    /// Every value of inputs called `opt` on the page, with their type.
    func options() -> [(type: String, value: String)] {
        var found: [(String, String)] = []
        var text = Substring(page)
        while let range = text.range(of: "<input type=\"") {
            let rest = text[range.upperBound...]
            let type = String(rest.prefix { $0 != "\"" })
            if let nameRange = rest.range(of: "name=\"opt\""), let valueRange = rest.range(of: "value=\""),
               nameRange.lowerBound < (rest.firstIndex(of: ">") ?? rest.endIndex) {
                found.append((type, Self.unescape(String(rest[valueRange.upperBound...].prefix { $0 != "\"" }))))
            }
            text = rest
        }
        return found
    }

    func has(action: String) -> Bool { page.contains("name=\"do\" value=\"\(action)\"") }

    static func unescape(_ s: String) -> String {
        s.replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
            .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&amp;", with: "&")
    }

    static func encode(_ pairs: [(String, String)]) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return pairs.map { "\($0.0.addingPercentEncoding(withAllowedCharacters: allowed)!)=\($0.1.addingPercentEncoding(withAllowedCharacters: allowed)!)" }
            .joined(separator: "&")
    }

    /// Logs in as a new learner from the start page.
    func createLearner(_ name: String, pin: String = "") async throws {
        try await get("/")
        try await post("create", [("name", name), ("pin", pin)])
    }

    /// Answers whatever the lesson shows until its summary: every option of a multi question ticked, the first of
    /// a single question chosen; content notes continued. Returns the number of answers submitted.
    @discardableResult
    func playLesson(_ id: String, track: String = "hospitality", limit: Int = 60) async throws -> Int {
        try await get("/track/" + track)
        try await post("start", [("lesson", id), ("track", track)])
        var submitted = 0
        for _ in 0..<limit {
            if has(action: "continue") {
                try await post("continue", [("scene", value("scene") ?? "")])
            } else if has(action: "submit") {
                let options = options()
                let chosen = options.first?.type == "radio" ? Array(options.prefix(1)) : options
                let scene = value("scene", after: "value=\"submit\"") ?? ""
                let question = value("q", after: "value=\"submit\"") ?? ""
                try await post("submit", [("scene", scene), ("q", question)] + chosen.map { ("opt", $0.value) })
                if status.code == 200 { submitted += 1 }
            } else if has(action: "next") {
                try await post("next", [("scene", value("scene", after: "value=\"next\"") ?? ""), ("q", value("q", after: "value=\"next\"") ?? "")])
            } else if has(action: "close") {
                return submitted
            } else {
                Issue.record("an unexpected page in the lesson (status \(status.code)): \(page.prefix(400))")
                return submitted
            }
        }
        Issue.record("the lesson did not end within \(limit) pages")
        return submitted
    }
}

/// Checks HTML with html5lib (strict: any parse error fails), as the handout test does.
enum HTMLCheck {
    static var python: String? {
        let venv = Lookout.packageRoot + "/.venv-tests/bin/python3"
        return FileManager.default.isExecutableFile(atPath: venv) ? venv : nil
    }

    /// Parses each page; prints `ERROR` lines for a parse error, a missing `lang` on `<html>`, anything loaded
    /// from elsewhere, inline script or style, or an event-handler attribute.
    static let checker = """
    import sys, html5lib
    bad = 0
    for path in sys.argv[1:]:
        data = open(path, 'rb').read()
        try:
            doc = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False).parse(data)
        except Exception as e:
            print('ERROR %s: parse: %s' % (path, e)); bad += 1; continue
        if doc.attrib.get('lang') not in ('en', 'km'):
            print('ERROR %s: no lang on html' % path); bad += 1
        for e in doc.iter():
            for k, v in e.attrib.items():
                if k.startswith('on') or k == 'style' or '//' in v:
                    print('ERROR %s: attribute %s=%s' % (path, k, v)); bad += 1
            if e.tag == 'script' and (e.text or '').strip():
                print('ERROR %s: inline script' % path); bad += 1
            if e.tag == 'style':
                print('ERROR %s: inline style' % path); bad += 1
    print('checked %d pages, %d errors' % (len(sys.argv) - 1, bad))
    sys.exit(1 if bad else 0)
    """

    /// Validates the pages; returns html5lib's report. Records an issue when a page fails.
    static func validate(_ pages: [String], name: String) throws {
        guard let python else {
            Issue.record("html5lib is missing: run .ci/run (it makes .venv-tests with html5lib)")
            return
        }
        let dir = try Lookout.temporaryDirectory("serve-html-" + name)
        try checker.write(toFile: dir + "/check.py", atomically: true, encoding: .utf8)
        var paths: [String] = []
        for (i, page) in pages.enumerated() {
            let path = dir + "/page-\(i).html"
            try page.write(toFile: path, atomically: true, encoding: .utf8)
            paths.append(path)
        }
        let result = try Lookout.run([dir + "/check.py"] + paths, executable: python)
        #expect(result.status == 0, "html5lib: \(result.stdout) \(result.stderr)")
    }
}
