import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import LookoutCore

/// Posts xAPI statements to a Learning Record Store with AsyncHTTPClient (SwiftNIO, TLS from
/// swift-nio-ssl), so the program links no libcurl. A blocking ``post(_:timeout:)`` suits a
/// command-line sync.
///
/// What it believes of a server, and no more (issue 26):
/// - **No redirect is followed**: a 3xx comes back as an answer with its `Location`, and the sync
///   stops there, so credentials never go to another address and a POST never turns into a GET.
/// - **Every answer's body is read with a cap** of ``bodyLimit`` bytes; the rest is not read.
/// - **Every request has a deadline** (`timeout`), whole answer included, so a server that drips a
///   byte now and then cannot keep the sync waiting.
final class LRSClient: Sendable {
    /// The LRS's statements resource, e.g. `https://lrs.example.org/xAPI/statements`.
    let statementsURL: URL
    let authorization: String
    let client: HTTPClient
    /// Connecting gives up after this many seconds (within the request's deadline).
    static let connectTimeout: Int64 = 15
    /// At most this many bytes of an answer's body are read (64 KiB: a batch of 1000 ids is 39 KB).
    static let bodyLimit = 64 * 1024

    /// What one POST came back with.
    enum Outcome: Equatable, Sendable {
        /// An HTTP answer: its status, the first ``bodyLimit`` bytes of its body (`truncated` when there
        /// was more), its `Location` and `X-Experience-API-Version` headers.
        case answer(Answer)
        /// No HTTP answer: refused, reset, DNS, TLS... (a human sentence).
        case network(String)
        /// No whole answer within the deadline (seconds).
        case timedOut(Double)
    }

    struct Answer: Equatable, Sendable {
        var status: Int
        var body: [UInt8]
        var truncated: Bool
        var location: String?
        var xapiVersion: String?

        /// The body's first bytes as one line of terminal-safe text.
        func bodyExcerpt(_ count: Int = 200) -> String {
            let text = String(decoding: body.prefix(count), as: UTF8.self)
            let line = String(text.map { $0.isNewline ? " " : $0 })
            return TerminalText.safe(line) + (body.count > count || truncated ? "…" : "")
        }
    }

    init(statementsURL: URL, authorization: String) {
        self.statementsURL = statementsURL
        self.authorization = authorization
        let configuration = HTTPClient.Configuration(
            tlsConfiguration: nil,
            redirectConfiguration: .disallow,
            timeout: HTTPClient.Configuration.Timeout(connect: .seconds(Self.connectTimeout), read: nil),
            connectionPool: HTTPClient.Configuration.ConnectionPool(),
            proxy: nil,
            ignoreUncleanSSLShutdown: false,
            decompression: .disabled)
        client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }

    /// Closes the connections. Call once, when the sync is over.
    func shutdown() {
        let done = DispatchSemaphore(value: 0)
        let client = self.client
        Task {
            try? await client.shutdown()
            done.signal()
        }
        done.wait()
    }

    /// POSTs `body` (a JSON array of statements) and waits for the answer, at most `timeout` seconds.
    func post(_ body: [UInt8], timeout: Double) -> Outcome {
        blocking(url: statementsURL.absoluteString, body: body, timeout: timeout)
    }

    /// GETs one statement (`statements?statementId=ID`), at most `timeout` seconds.
    func get(statementID: String, timeout: Double) -> Outcome {
        var components = URLComponents(url: statementsURL, resolvingAgainstBaseURL: false)
        components?.queryItems = [URLQueryItem(name: "statementId", value: statementID)]
        return blocking(url: components?.url?.absoluteString ?? statementsURL.absoluteString, body: nil, timeout: timeout)
    }

    private func blocking(url: String, body: [UInt8]?, timeout: Double) -> Outcome {
        let box = ResultBox()
        let done = DispatchSemaphore(value: 0)
        Task {
            box.set(await self.withDeadline(url: url, body: body, timeout: max(0.05, timeout)))
            done.signal()
        }
        done.wait()
        return box.get() ?? .network("no answer")
    }

    /// The exchange raced against a timer: whichever ends first wins, and the other is cancelled
    /// (AsyncHTTPClient closes the connection of a cancelled request).
    private func withDeadline(url: String, body: [UInt8]?, timeout: Double) async -> Outcome {
        await withTaskGroup(of: Outcome?.self) { group in
            group.addTask { await self.exchange(url: url, body: body, timeout: timeout) }
            group.addTask {
                try? await Task.sleep(nanoseconds: UInt64(timeout * 1_000_000_000))
                return Task.isCancelled ? nil : .timedOut(timeout)
            }
            var result: Outcome = .timedOut(timeout)
            if let first = await group.next(), let first { result = first }
            group.cancelAll()
            return result
        }
    }

    private func exchange(url: String, body: [UInt8]?, timeout: Double) async -> Outcome {
        var request = HTTPClientRequest(url: url)
        request.method = body == nil ? .GET : .POST
        if let body {
            request.headers.add(name: "Content-Type", value: "application/json; charset=utf-8")
            request.body = .bytes(ByteBuffer(bytes: body))
        }
        request.headers.add(name: "X-Experience-API-Version", value: XAPI.version)
        request.headers.add(name: "Authorization", value: authorization)
        do {
            let deadline = NIODeadline.now() + .milliseconds(Int64(timeout * 1000) + 50)
            let response = try await client.execute(request, deadline: deadline)
            var collected: [UInt8] = []
            var truncated = false
            for try await chunk in response.body {
                let room = Self.bodyLimit - collected.count
                if chunk.readableBytes > room {
                    collected += chunk.readableBytesView.prefix(room)
                    truncated = true
                    break   // the rest is not read; the request is cancelled and its connection closed
                }
                collected += chunk.readableBytesView
            }
            return .answer(Answer(status: Int(response.status.code), body: collected, truncated: truncated,
                                  location: response.headers.first(name: "Location"),
                                  xapiVersion: response.headers.first(name: "X-Experience-API-Version")))
        } catch {
            if Task.isCancelled { return .timedOut(timeout) }
            return Self.describe(error, timeout: timeout)
        }
    }

    /// A human sentence for a failed exchange (never an error domain and number).
    static func describe(_ error: any Error, timeout: Double) -> Outcome {
        if let error = error as? HTTPClientError {
            switch error {
            case .deadlineExceeded, .readTimeout, .writeTimeout, .cancelled:
                return .timedOut(timeout)
            case .connectTimeout:
                return .network("no connection within \(connectTimeout) s")
            case .remoteConnectionClosed:
                return .network("the server closed the connection before answering")
            case .tlsHandshakeTimeout:
                return .network("the secure (TLS) connection was not set up in time")
            default:
                break
            }
        }
        let text = String(describing: error)
        if text.contains("connectionRefused") || text.contains("Connection refused") {
            return .network("the connection was refused: is the LRS running at that address and port?")
        }
        if text.contains("NIOSSL") || text.contains("handshake") || text.contains("certificate") {
            return .network("the secure (TLS) connection failed: \(TerminalText.safe(text.prefix(200)))")
        }
        if text.contains("unknownHost") || text.contains("Name or service not known") || text.contains("nodename") {
            return .network("the host name was not found (check the address, and the network)")
        }
        return .network(TerminalText.safe(String(String(text.prefix(200)).map { $0.isNewline ? " " : $0 })))
    }

    private final class ResultBox: @unchecked Sendable {
        private let lock = NSLock()
        private var outcome: Outcome?
        func set(_ value: Outcome) { lock.lock(); outcome = value; lock.unlock() }
        func get() -> Outcome? { lock.lock(); defer { lock.unlock() }; return outcome }
    }

    /// The statements resource for an LRS address given by the user: `…/xAPI` and `…/xAPI/statements`
    /// both work. Nil when it is not an http(s) address, or holds credentials, a query or a fragment.
    static func statementsURL(for text: String) -> URL? {
        guard var components = URLComponents(string: text.trimmingCharacters(in: .whitespaces)),
              let scheme = components.scheme?.lowercased(), ["http", "https"].contains(scheme),
              let host = components.host, !host.isEmpty,
              components.user == nil, components.password == nil, components.query == nil, components.fragment == nil
        else { return nil }
        components.scheme = scheme
        components.host = host.lowercased()
        var path = components.path
        while path.hasSuffix("/") { path.removeLast() }
        if !path.hasSuffix("/statements") { path += "/statements" }
        components.path = path
        return components.url
    }

    /// The Authorization header from a credentials text: `user:password` (HTTP basic), or a header
    /// value that already names its scheme (`Basic …`, `Bearer …`). The first non-empty line counts.
    static func authorization(from text: String) -> String? {
        guard let line = text.split(whereSeparator: \.isNewline).map({ $0.trimmingCharacters(in: .whitespaces) }).first(where: { !$0.isEmpty }) else {
            return nil
        }
        if line.hasPrefix("Basic ") || line.hasPrefix("Bearer ") { return line }
        guard let colon = line.firstIndex(of: ":"), colon != line.startIndex else { return nil }
        return "Basic " + Data(line.utf8).base64EncodedString()
    }

    /// Whether a 200 answer to a batch is what an xAPI 1.0.3 LRS sends: a JSON array of strings holding
    /// exactly the batch's ids, and an `X-Experience-API-Version` header of 1.0.x when there is one.
    /// Nil when it is; else why not. (A missing header is tolerated, and noted by the sync: Ralph 5.1,
    /// the LRS Lookout is tested against, sends none. The ids alone are what no portal or proxy can
    /// fake: they are the UUIDs just sent.)
    static func checkStored(_ answer: Answer, ids: [String]) -> String? {
        if let version = answer.xapiVersion, !version.hasPrefix("1.0") {
            return "its X-Experience-API-Version header says \(TerminalText.safe(version)), not 1.0.x"
        }
        guard !answer.truncated,
              let value = try? JSONSerialization.jsonObject(with: Data(answer.body), options: []),
              let list = value as? [Any] else {
            return "the answer is not a JSON array of statement ids"
        }
        let strings = list.compactMap { $0 as? String }.map { $0.lowercased() }
        guard strings.count == list.count else { return "the answer is not a JSON array of statement ids" }
        // An LRS lists the statements it stored; one it already had with the same content is left out
        // (Ralph does so), so a subset is fine, but never an empty list or an id that was not sent.
        let sent = Set(ids.map { $0.lowercased() })
        guard !strings.isEmpty else { return "the answer is an empty list: no statement was stored" }
        guard Set(strings).count == strings.count, strings.allSatisfy(sent.contains) else {
            return "the answer lists ids that were not sent"
        }
        return nil
    }

    /// Whether the answer to a GET of one statement is that statement.
    static func holds(_ outcome: Outcome, id: String) -> Bool {
        guard case .answer(let answer) = outcome, answer.status == 200, !answer.truncated,
              let object = try? JSONSerialization.jsonObject(with: Data(answer.body), options: []) as? [String: Any],
              let got = object["id"] as? String else { return false }
        return got.lowercased() == id.lowercased()
    }
}
