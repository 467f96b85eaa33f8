import Foundation
import Hummingbird
import HTTPTypes
import Logging
import NIOCore

/// The request context: the peer's address (facilitator pages and the join code need it) and a 64 KiB body limit.
public struct ServeContext: RequestContext, RemoteAddressRequestContext {
    public var coreContext: CoreRequestContextStorage
    public let remoteAddress: SocketAddress?

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        remoteAddress = source.channel.remoteAddress
    }

    public var maxUploadSize: Int { LookoutServer.maxBody }
}

/// `lookout serve`: the trainer as server-rendered pages over HTTP, bound to 127.0.0.1 unless `--lan`.
public enum LookoutServer {
    /// The largest form body accepted (64 KiB).
    public static let maxBody = 64 * 1024
    static let cookieName = "lookout_session"

    /// The router with every page; `Browsers` holds the sessions.
    public static func router(backend: ServeBackend, configuration: ServeConfiguration) -> Router<ServeContext> {
        let browsers = Browsers(backend: backend, configuration: configuration)
        let router = Router(context: ServeContext.self)
        router.middlewares.add(SafetyHeaders())
        router.get("/style.css") { _, _ in asset(Assets.css, type: "text/css; charset=utf-8") }
        router.get("/lookout.js") { _, _ in asset(Assets.script, type: "text/javascript; charset=utf-8") }
        router.get("/exit") { request, _ in
            await browsers.exit(cookie: request.cookies[cookieName]?.value)
            var reply = Reply.page(Pages.neutral())
            reply.dropSession = true
            return response(reply)
        }
        let pages: @Sendable (Request, ServeContext) async throws -> Response = { request, context in
            let reply = await browsers.get(path: request.uri.path, cookie: request.cookies[cookieName]?.value,
                                           origin: origin(context))
            return response(reply)
        }
        router.get("/", use: pages)
        router.get("/**", use: pages)
        // The paths that also take a form: a GET shows the page (the trie would otherwise answer 405).
        router.get("/facilitator", use: pages)
        router.get("/join", use: pages)
        router.get("/act", use: pages)
        for path in ["/act", "/join", "/facilitator"] {
            router.post(RouterPath(stringLiteral: path)) { request, context in
                var request = request
                let origin = origin(context)
                let body: ByteBuffer
                do {
                    body = try await request.collectBody(upTo: maxBody)
                } catch {
                    let pages = await browsers.pages(nil, origin: origin)
                    return response(.page(pages.message(title: .tooLargeTitle, body: .tooLargeBody), status: 413))
                }
                guard let text = String(validating: body.readableBytesView, as: UTF8.self), let form = Form(body: text) else {
                    let pages = await browsers.pages(nil, origin: origin)
                    return response(.page(pages.message(title: .badFormTitle, body: .badFormBody), status: 400))
                }
                let reply = await browsers.post(path: path, form: form, cookie: request.cookies[cookieName]?.value, origin: origin)
                return response(reply)
            }
        }
        return router
    }

    /// The application on `host:port` (port 0: any free port). `onRunning` gets the address actually bound.
    public static func application(backend: ServeBackend, configuration: ServeConfiguration, host: String, port: Int,
                                   onRunning: @escaping @Sendable (String, Int) async -> Void = { _, _ in })
        -> some ApplicationProtocol {
        var logger = Logger(label: "lookout-serve")
        logger.logLevel = .error
        return Application(
            router: router(backend: backend, configuration: configuration),
            configuration: .init(address: .hostname(host, port: port), serverName: nil),
            onServerRunning: { channel in
                await onRunning(host, channel.localAddress?.port ?? port)
            },
            logger: logger
        )
    }

    static func origin(_ context: ServeContext) -> Origin {
        let address = context.remoteAddress?.ipAddress ?? ""
        return Origin(address: address, local: isThisLaptop(address))
    }

    /// 127.0.0.1 and ::1 (also written as an IPv4-mapped IPv6 address). Not the rest of 127.0.0.0/8, so a test can
    /// stand for "another device" from 127.0.0.2.
    static func isThisLaptop(_ address: String) -> Bool {
        address == "127.0.0.1" || address == "::1" || address == "::ffff:127.0.0.1"
    }

    static func asset(_ text: String, type: String) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = type
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    static func response(_ reply: Reply) -> Response {
        var headers = HTTPFields()
        if let html = reply.html {
            headers[.contentType] = "text/html; charset=utf-8"
            _ = html
        }
        if let location = reply.location { headers[.location] = location }
        var response = Response(status: .init(code: reply.status), headers: headers,
                                body: reply.html.map { .init(byteBuffer: ByteBuffer(string: $0)) } ?? .init())
        if let id = reply.newSession {
            response.setCookie(Cookie(name: cookieName, value: id, path: "/", httpOnly: true, sameSite: .strict))
        }
        if reply.dropSession {
            response.setCookie(Cookie(name: cookieName, value: "", maxAge: 0, path: "/", httpOnly: true, sameSite: .strict))
        }
        return response
    }

    /// The local network addresses (IPv4) of this laptop, for `--lan`'s "open this address" line.
    public static func lanAddresses() -> [String] {
        guard let devices = try? System.enumerateDevices() else { return [] }
        var seen: [String] = []
        for device in devices {
            guard let address = device.address, case .v4 = address, let ip = address.ipAddress,
                  !ip.hasPrefix("127."), !seen.contains(ip) else { continue }
            seen.append(ip)
        }
        return seen
    }
}

/// The safety headers on every response: nothing cached, no referrer, nothing from elsewhere, never in a frame.
struct SafetyHeaders<Context: RequestContext>: RouterMiddleware {
    static var csp: String {
        "default-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'; object-src 'none'"
    }

    /// A Host that names this server by address or as localhost. A page reached through any other name (DNS
    /// rebinding: a web site whose name is made to point at 127.0.0.1) is refused, so no other site can read it.
    static func acceptable(host authority: String) -> Bool {
        if authority.hasPrefix("[") { return authority.contains("]") }           // an IPv6 literal
        let host = authority.split(separator: ":", maxSplits: 1).first.map(String.init) ?? ""
        if host.lowercased() == "localhost" { return true }
        return !host.isEmpty && host.allSatisfy { $0 == "." || ("0"..."9").contains($0) }
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response: Response
        if let authority = request.head.authority, !Self.acceptable(host: authority) {
            var headers = HTTPFields()
            headers[.contentType] = "text/plain; charset=utf-8"
            response = Response(status: .init(code: 421), headers: headers, body: .init(byteBuffer: ByteBuffer(
                string: "This is Lookout, reached through another name. Open the address 'lookout serve' printed (http://127.0.0.1:PORT/ or the class network address).\n")))
        } else {
            do {
                response = try await next(request, context)
            } catch let error as HTTPResponseError {
                response = Response(status: error.status)
            }
        }
        response.headers[.cacheControl] = "no-store"
        response.headers[HTTPField.Name("Referrer-Policy")!] = "no-referrer"
        response.headers[HTTPField.Name("Content-Security-Policy")!] = Self.csp
        response.headers[HTTPField.Name("X-Content-Type-Options")!] = "nosniff"
        response.headers[HTTPField.Name("X-Frame-Options")!] = "DENY"
        return response
    }
}
