import Foundation
import AsyncHTTPClient
import NIOCore
import NIOHTTP1
#if canImport(Glibc)
import Glibc
#endif
import LookoutTestSupport
import Testing

/// A real Ralph LRS (ralph-malph 5.1.0, fs backend, basic auth) on a free loopback port, run from the
/// venv that .ci/run makes (`.build/venv-ralph`) through Scripts/ralph_lrs.py.
final class RalphServer: @unchecked Sendable {
    static let user = "lookout"
    static let password = "s3cret-for-tests"

    let python: String
    let dataDir: String
    let port: Int
    private var process: Process?
    private var logPath: String

    var xapiURL: String { "http://127.0.0.1:\(port)/xAPI" }
    var statementsFile: String { dataDir + "/fs_lrs.jsonl" }

    init(python: String, dataDir: String) throws {
        self.python = python
        self.dataDir = dataDir
        self.port = try Self.freePort()
        self.logPath = dataDir + "/../ralph-\(UUID().uuidString).log"
        try start()
    }

    deinit { stop() }

    /// A port nothing listens on now (bound to port 0, then released).
    static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw TestProblem("socket() failed") }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) }
        }
        guard bound == 0 else { throw TestProblem("bind() failed") }
        let named = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        guard named == 0 else { throw TestProblem("getsockname() failed") }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    /// Starts Ralph (again, on the same port and data) and waits until it answers.
    func start() throws {
        try FileManager.default.createDirectory(atPath: dataDir, withIntermediateDirectories: true)
        FileManager.default.createFile(atPath: logPath, contents: nil)
        let log = try FileHandle(forWritingTo: URL(fileURLWithPath: logPath))
        let p = Process()
        p.executableURL = URL(fileURLWithPath: python)
        p.arguments = [PythonTools.scripts + "/ralph_lrs.py", dataDir, String(port), Self.user, Self.password]
        p.standardOutput = log
        p.standardError = log
        p.standardInput = FileHandle.nullDevice
        try p.run()
        process = p
        let deadline = Date().addingTimeInterval(90)
        while Date() < deadline {
            if let text = try? String(contentsOfFile: logPath, encoding: .utf8), text.contains("ready") { return }
            if !p.isRunning { break }
            usleep(100_000)
        }
        let text = (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? ""
        stop()
        throw TestProblem("Ralph did not start on port \(port): \(text.suffix(2000))")
    }

    /// Kills Ralph at once (SIGKILL), as a crashed or unplugged server.
    func stop() {
        guard let p = process else { return }
        if p.isRunning { kill(p.processIdentifier, SIGKILL) }
        p.waitUntilExit()
        process = nil
        try? "".write(toFile: logPath, atomically: true, encoding: .utf8)
    }

    /// A request to the LRS with the test user's credentials; (status, body).
    func request(_ method: String, _ pathAndQuery: String, body: Data? = nil, user: String = RalphServer.user,
                 password: String = RalphServer.password) throws -> (Int, Data) {
        // AsyncHTTPClient, as `lookout sync` uses: nothing in the package needs FoundationNetworking (libcurl).
        var request = HTTPClientRequest(url: "http://127.0.0.1:\(port)\(pathAndQuery)")
        request.method = HTTPMethod(rawValue: method)
        if let body { request.body = .bytes(ByteBuffer(bytes: Array(body))) }
        request.headers.add(name: "X-Experience-API-Version", value: "1.0.3")
        request.headers.add(name: "Content-Type", value: "application/json")
        request.headers.add(name: "Authorization", value: "Basic " + Data("\(user):\(password)".utf8).base64EncodedString())
        final class Box: @unchecked Sendable { var result: (Int, Data)?; var error: String? }
        let box = Box()
        let done = DispatchSemaphore(value: 0)
        let finalRequest = request
        Task {
            do {
                let response = try await HTTPClient.shared.execute(finalRequest, timeout: .seconds(60))
                let bytes = try await response.body.collect(upTo: 64 << 20)
                box.result = (Int(response.status.code), Data(bytes.readableBytesView))
            } catch {
                box.error = "\(error)"
            }
            done.signal()
        }
        done.wait()
        guard let result = box.result else { throw TestProblem("\(method) \(pathAndQuery): \(box.error ?? "")") }
        return result
    }

    /// Every statement the LRS holds, through GET /xAPI/statements, following `more`.
    func allStatements() throws -> [[String: Any]] {
        var out: [[String: Any]] = []
        var next: String? = "/xAPI/statements?limit=100"
        var pages = 0
        while let path = next, pages < 1000 {
            pages += 1
            let (status, data) = try request("GET", path)
            guard status == 200 else { throw TestProblem("GET \(path): \(status) \(String(decoding: data, as: UTF8.self))") }
            let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
            let page = object["statements"] as? [[String: Any]] ?? []
            out += page
            let more = object["more"] as? String ?? ""
            next = more.isEmpty || page.isEmpty ? nil : more
        }
        return out
    }

    /// How many statement lines the fs backend has written (a duplicate would be a second line).
    func storedLines() -> [String] {
        let text = (try? String(contentsOfFile: statementsFile, encoding: .utf8)) ?? ""
        return text.split(separator: "\n").map(String.init)
    }
}

