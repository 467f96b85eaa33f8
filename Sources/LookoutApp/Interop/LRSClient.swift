import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Posts xAPI statements to a Learning Record Store with Foundation's URLSession (FoundationNetworking
/// on Linux): no extra package, and a blocking call suits a command-line sync.
final class LRSClient: @unchecked Sendable {
    /// The LRS's statements resource, e.g. `https://lrs.example.org/xAPI/statements`.
    let statementsURL: URL
    let authorization: String
    let session: URLSession

    /// What one POST came back with.
    enum Outcome: Equatable {
        case status(Int, body: String)
        /// No HTTP answer: refused, reset, timed out, DNS...
        case network(String)
    }

    init(statementsURL: URL, authorization: String, timeout: TimeInterval = 60) {
        self.statementsURL = statementsURL
        self.authorization = authorization
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = timeout
        configuration.timeoutIntervalForResource = timeout * 2
        configuration.httpCookieStorage = nil
        configuration.urlCache = nil
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        session = URLSession(configuration: configuration)
    }

    deinit { session.invalidateAndCancel() }

    /// POSTs `body` (a JSON array of statements) and waits for the answer.
    func post(_ body: Data) -> Outcome {
        var request = URLRequest(url: statementsURL)
        request.httpMethod = "POST"
        request.httpBody = body
        request.setValue("application/json; charset=utf-8", forHTTPHeaderField: "Content-Type")
        request.setValue("1.0.3", forHTTPHeaderField: "X-Experience-API-Version")
        request.setValue(authorization, forHTTPHeaderField: "Authorization")
        let box = ResultBox()
        let done = DispatchSemaphore(value: 0)
        let task = session.dataTask(with: request) { data, response, error in
            if let http = response as? HTTPURLResponse {
                box.outcome = .status(http.statusCode, body: String(decoding: (data ?? Data()).prefix(2000), as: UTF8.self))
            } else {
                box.outcome = .network(error.map { ($0 as NSError).localizedDescription } ?? "no answer")
            }
            done.signal()
        }
        task.resume()
        done.wait()
        return box.outcome ?? .network("no answer")
    }

    private final class ResultBox: @unchecked Sendable {
        var outcome: Outcome?
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
}
