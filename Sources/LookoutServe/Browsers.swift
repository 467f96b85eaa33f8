import LookoutCore
import LookoutText
import LookoutStore

/// How `lookout serve` is set up.
public struct ServeConfiguration: Sendable {
    /// `--lan`: other devices may connect; each must type the join code first, and sees no learner list.
    public var lan: Bool
    /// The code a device from the network types before anything else (with `lan`).
    public var joinCode: String
    /// A browser idle this long goes back to the start page (its session is forgotten).
    public var idleSeconds: Int
    /// At most this many browser sessions at once (the oldest idle ones are forgotten first).
    public var maxBrowsers: Int
    /// Milliseconds since 1970 (injected in tests).
    public var clock: @Sendable () -> Int64

    public init(lan: Bool = false, joinCode: String = ServeConfiguration.newJoinCode(), idleSeconds: Int = 15 * 60,
                maxBrowsers: Int = 400, clock: @escaping @Sendable () -> Int64 = { ProgressStore.now() }) {
        self.lan = lan
        self.joinCode = joinCode
        self.idleSeconds = idleSeconds
        self.maxBrowsers = maxBrowsers
        self.clock = clock
    }

    /// A six-digit join code.
    public static func newJoinCode() -> String {
        var generator = SystemRandomNumberGenerator()
        return String(format6(Int.random(in: 0..<1_000_000, using: &generator)))
    }

    static func format6(_ n: Int) -> String {
        let digits = String(n)
        return String(repeating: "0", count: max(0, 6 - digits.count)) + digits
    }
}

/// Where a request came from.
struct Origin: Sendable {
    /// The peer's address as text (for rate limits).
    var address: String
    /// True for this laptop itself (127.0.0.1 or ::1). Facilitator pages open only then.
    var local: Bool
}

/// What the HTTP layer sends back.
struct Reply: Sendable {
    var status: Int
    var html: String?
    var location: String?
    /// A new session cookie to set.
    var newSession: String?
    /// Drop the session cookie.
    var dropSession = false

    static func page(_ html: String, status: Int = 200) -> Reply { Reply(status: status, html: html) }
    static func redirect(_ location: String) -> Reply { Reply(status: 303, location: location) }
}

/// A parsed `application/x-www-form-urlencoded` body: names may repeat (checkboxes).
struct Form: Sendable {
    var pairs: [(String, String)]

    subscript(_ name: String) -> String? { pairs.first { $0.0 == name }?.1 }
    func all(_ name: String) -> [String] { pairs.filter { $0.0 == name }.map(\.1) }

    /// Nil when the body is not a well-formed form (bad percent escapes).
    init?(body: String) {
        pairs = []
        for part in body.split(separator: "&", omittingEmptySubsequences: true) {
            let kv = part.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = Self.decode(kv[0]), let value = Self.decode(kv.count > 1 ? kv[1] : "") else { return nil }
            pairs.append((name, value))
        }
    }

    init(pairs: [(String, String)]) { self.pairs = pairs }

    static func decode(_ raw: Substring) -> String? {
        var bytes: [UInt8] = []
        var iterator = raw.utf8.makeIterator()
        while let byte = iterator.next() {
            switch byte {
            case UInt8(ascii: "+"): bytes.append(UInt8(ascii: " "))
            case UInt8(ascii: "%"):
                guard let high = iterator.next().flatMap(hex), let low = iterator.next().flatMap(hex) else { return nil }
                bytes.append(high << 4 | low)
            default: bytes.append(byte)
            }
        }
        return String(validating: bytes, as: UTF8.self)
    }

    static func hex(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
        default: return nil
        }
    }
}

/// Every browser session, and every change to them, in one actor: a request is handled whole before the next one
/// starts, so two tabs (or two learners) never interleave inside the session or the store.
///
/// A browser session holds one ``ServeDriver`` (the terminal's driver: same session, same store, same effects), a
/// form token (`csrf`, in every form) and a state counter (`rev`, in every form). A form whose counter is not the
/// current one is stale (another tab, Back, a double submit): it is refused with a clear page and nothing is stored.
actor Browsers {
    final class Browser {
        let id: String
        let csrf: String
        var driver: any ServeDriver
        var lastSeen: Int64
        var rev = 0
        /// A language chosen before a learner was (applied to the learner when they log in).
        var language: UILanguage?
        /// With `--lan`: this browser typed the join code.
        var joined = false
        /// A one-off message for the next page.
        var notice: String?

        init(id: String, csrf: String, driver: any ServeDriver, now: Int64) {
            self.id = id
            self.csrf = csrf
            self.driver = driver
            self.lastSeen = now
        }
    }

    let backend: ServeBackend
    let configuration: ServeConfiguration
    private var browsers: [String: Browser] = [:]
    /// Wrong join codes per address: how many, and no new try before.
    private var joinFailures: [String: (count: Int, notBefore: Int64)] = [:]

    init(backend: ServeBackend, configuration: ServeConfiguration) {
        self.backend = backend
        self.configuration = configuration
    }

    var count: Int { browsers.count }

    static func token() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<2).map { _ in
            let hex = String(generator.next() as UInt64, radix: 16)
            return String(repeating: "0", count: 16 - hex.count) + hex
        }.joined()
    }

    // MARK: Finding the browser

    private enum Lookup {
        case found(Browser)
        case expired
        case none
    }

    private func lookup(_ cookie: String?, now: Int64) -> Lookup {
        sweep(now: now)
        guard let cookie, let browser = browsers[cookie] else { return cookie == nil ? .none : .expired }
        return .found(browser)
    }

    /// Forgets browsers idle longer than the timeout.
    private func sweep(now: Int64) {
        let limit = Int64(configuration.idleSeconds) * 1000
        for (id, browser) in browsers where now - browser.lastSeen > limit { browsers[id] = nil }
    }

    private func newBrowser(now: Int64) throws(StoreError) -> Browser? {
        if browsers.count >= configuration.maxBrowsers {
            // Full: forget the one idle longest, if it has been idle a minute or more.
            guard let oldest = browsers.values.min(by: { $0.lastSeen < $1.lastSeen }), now - oldest.lastSeen >= 60_000 else { return nil }
            browsers[oldest.id] = nil
        }
        let browser = Browser(id: Self.token(), csrf: Self.token(), driver: try backend.makeDriver(), now: now)
        browsers[browser.id] = browser
        return browser
    }

    func pages(_ browser: Browser?, origin: Origin) -> Pages {
        let language: UILanguage = browser.map { self.language(of: $0) } ?? UILanguage.english
        return Pages(strings: language.strings, language: language, csrf: browser?.csrf ?? "", rev: browser?.rev ?? 0,
                     local: origin.local, lan: configuration.lan && !origin.local)
    }

    func language(of browser: Browser) -> UILanguage {
        if browser.driver.session.learner == nil, let chosen = browser.language { return chosen }
        return browser.driver.language
    }

    /// The browser of a request, or a new one (nil when the server is full). `expired` tells that a cookie named a
    /// session that is gone (idle timeout or quick exit).
    private func browser(for cookie: String?, now: Int64) throws(StoreError) -> (browser: Browser?, isNew: Bool, expired: Bool) {
        switch lookup(cookie, now: now) {
        case .found(let browser):
            browser.lastSeen = now
            return (browser, false, false)
        case .expired:
            return (try newBrowser(now: now), true, true)
        case .none:
            return (try newBrowser(now: now), true, false)
        }
    }

    private func failure(_ error: StoreError, origin: Origin) -> Reply {
        let pages = pages(nil, origin: origin)
        return .page(pages.message(title: .badFormTitle, body: .learnerFailed, detail: error.description), status: 500)
    }

    private func busy(origin: Origin) -> Reply {
        .page(pages(nil, origin: origin).message(title: .busyTitle, body: .busyBody), status: 503)
    }

    // MARK: GET

    func get(path: String, cookie: String?, origin: Origin) -> Reply {
        let now = configuration.clock()
        let found: (browser: Browser?, isNew: Bool, expired: Bool)
        do { found = try browser(for: cookie, now: now) } catch { return failure(error, origin: origin) }
        guard let browser = found.browser else { return busy(origin: origin) }
        var reply = render(path: path, browser: browser, origin: origin, expired: found.expired)
        if found.isNew { reply.newSession = browser.id }
        return reply
    }

    private func render(path: String, browser: Browser, origin: Origin, expired: Bool) -> Reply {
        if configuration.lan && !origin.local && !browser.joined {
            return .page(pages(browser, origin: origin).join(notice: takeNotice(browser)))
        }
        if expired { browser.notice = ServeText.expiredBody.text(language(of: browser)).text }
        let session = browser.driver.session
        let parts = path.split(separator: "/").map(String.init)
        switch parts.first {
        case nil:
            return .page(current(browser, origin: origin))
        case "track"?:
            guard parts.count == 2, let track = Pages.track(slug: parts[1]) else { return notFound(browser, origin: origin) }
            guard case .menu = session.phase else { return .redirect("/") }
            return .page(pages(browser, origin: origin).lessons(session: session, track: track, notice: takeNotice(browser)))
        case "progress"?:
            guard case .menu = session.phase else { return .redirect("/") }
            return .page(pages(browser, origin: origin).progress(session: session))
        case "support"?:
            return .page(pages(browser, origin: origin).support(region: session.region))
        case "help"?:
            return .page(pages(browser, origin: origin).help())
        case "facilitator"?:
            guard origin.local else {
                return .page(pages(browser, origin: origin).message(title: .forbiddenTitle, body: .facilitatorOnlyHere), status: 403)
            }
            return .page(pages(browser, origin: origin).facilitatorLogin(notice: takeNotice(browser), projector: false))
        default:
            return notFound(browser, origin: origin)
        }
    }

    private func notFound(_ browser: Browser?, origin: Origin) -> Reply {
        .page(pages(browser, origin: origin).message(title: .notFoundTitle, body: .notFoundBody), status: 404)
    }

    private func takeNotice(_ browser: Browser) -> String? {
        defer { browser.notice = nil }
        return browser.notice.map(HTMLText.escape)
    }

    /// The page for where the session is now.
    private func current(_ browser: Browser, origin: Origin) -> String {
        var session = browser.driver.session
        if case .choosingLearner = session.phase, browser.notice == nil {
            // A fresh driver reads the learner list again (another browser or the terminal may have added one).
            if let fresh = try? backend.makeDriver() { browser.driver = fresh; session = fresh.session }
        }
        let pages = pages(browser, origin: origin)
        let notice = takeNotice(browser)
        switch session.phase {
        case .choosingLearner, .finished, .facilitatorLogin, .facilitator:
            return pages.start(learners: session.learners, notice: notice)
        case .nameTaken(let learner):
            return pages.nameTaken(learner)
        case .unlocking(let learner):
            return pages.unlock(learner, notice: notice)
        case .menu:
            let bank = session.bank
            let tracks = Track.allCases.filter { t in bank.lessons.contains { $0.audience == t.audience } }
            return pages.menu(session: session, tracks: tracks, notice: notice)
        case .scene(.contentNote):
            guard let scenario = session.currentScenario else { return pages.start(learners: [], notice: notice) }
            return pages.contentNote(session: session, scenario: scenario)
        case .scene(.question(let index)):
            guard let scenario = session.currentScenario, let question = session.currentQuestion else { return pages.start(learners: [], notice: notice) }
            return pages.question(session: session, scenario: scenario, index: index, question: question, notice: notice)
        case .scene(.feedback(let index, let result, let chosen)):
            guard let scenario = session.currentScenario, let question = session.currentQuestion else { return pages.start(learners: [], notice: notice) }
            return pages.feedback(session: session, scenario: scenario, index: index, question: question, result: result, chosen: chosen)
        case .summary(let result):
            return pages.summary(session: session, result: result)
        }
    }

    // MARK: Quick exit

    /// Forgets the browser session at once.
    func exit(cookie: String?) {
        if let cookie { browsers[cookie] = nil }
    }

    // MARK: POST

    /// Refusals shared by every form: no session (expired), wrong token, stale counter.
    private func check(_ form: Form, cookie: String?, origin: Origin, needsRev: Bool = true) -> Result<Browser, ReplyError> {
        let now = configuration.clock()
        guard case .found(let browser) = lookup(cookie, now: now) else {
            let pages = pages(nil, origin: origin)
            return .failure(ReplyError(reply: Reply(status: 409, html: pages.message(title: .expiredTitle, body: .expiredBody), dropSession: true)))
        }
        browser.lastSeen = now
        guard let token = form["csrf"], Self.same(token, browser.csrf) else {
            return .failure(ReplyError(reply: .page(pages(browser, origin: origin).message(title: .forbiddenTitle, body: .forbiddenBody), status: 403)))
        }
        if needsRev, form["rev"] != String(browser.rev) {
            return .failure(ReplyError(reply: .page(pages(browser, origin: origin).message(title: .staleTitle, body: .staleBody), status: 409)))
        }
        return .success(browser)
    }

    struct ReplyError: Error { var reply: Reply }

    /// Compares two tokens in time that does not depend on where they differ.
    static func same(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        var difference: UInt8 = 0
        for i in x.indices { difference |= x[i] ^ y[i] }
        return difference == 0
    }

    func post(path: String, form: Form, cookie: String?, origin: Origin) -> Reply {
        switch path {
        case "/join": return join(form, cookie: cookie, origin: origin)
        case "/facilitator": return facilitator(form, cookie: cookie, origin: origin)
        case "/act": break
        default: return notFound(nil, origin: origin)
        }
        let browser: Browser
        switch check(form, cookie: cookie, origin: origin) {
        case .success(let found): browser = found
        case .failure(let refusal): return refusal.reply
        }
        if configuration.lan && !origin.local && !browser.joined { return .redirect("/") }
        return act(form, browser: browser, origin: origin)
    }

    private func act(_ form: Form, browser: Browser, origin: Origin) -> Reply {
        let pages = pages(browser, origin: origin)
        let stale = Reply.page(pages.message(title: .staleTitle, body: .staleBody), status: 409)
        let notFound = Reply.page(pages.message(title: .notFoundTitle, body: .notFoundBody), status: 404)
        let badForm = Reply.page(pages.message(title: .badFormTitle, body: .badFormBody), status: 400)
        guard let action = form["do"] else { return badForm }
        var driver = browser.driver
        let session = driver.session
        var intent: SessionIntent?
        var target = "/"

        /// The scene named by the form must be the one on screen (else: unknown, or an older page).
        func sceneMatches() -> Reply? {
            guard let scene = form["scene"] else { return badForm }
            guard session.bank.scenario(scene) != nil else { return notFound }
            return session.currentScenario?.id == scene ? nil : stale
        }

        switch action {
        case "select", "create":
            guard case .choosingLearner = session.phase else { return stale }
            // A fresh driver knows every learner added since this page was drawn.
            do { driver = try backend.makeDriver(); browser.driver = driver } catch { return failure(error, origin: origin) }
            if action == "select" {
                // Over the network, learners type their name: the list is never shown, so no id is accepted.
                guard !(configuration.lan && !origin.local) else { return badForm }
                guard let id = form["id"] else { return badForm }
                guard driver.session.learners.contains(where: { $0.id == id }) else { return notFound }
                intent = .selectLearner(id: id)
            } else {
                guard let name = form["name"] else { return badForm }
                let pin = form["pin"] ?? ""
                intent = .createLearner(name: name, pin: pin.isEmpty ? nil : pin)
            }
        case "confirm":
            guard case .nameTaken = session.phase else { return stale }
            intent = .confirmExistingLearner
        case "cancel":
            switch session.phase {
            case .nameTaken, .unlocking: intent = .cancel
            default: return stale
            }
        case "pin":
            guard case .unlocking = session.phase else { return stale }
            intent = .enterPIN(form["pin"] ?? "")
        case "switch":
            guard case .menu = session.phase else { return stale }
            intent = .switchLearner
        case "language":
            guard let code = form["lang"], let language = UILanguage(code: code) else { return badForm }
            if session.learner == nil { browser.language = language } else { driver.chooseLanguage(language) }
        case "start", "restart":
            guard let id = form["lesson"] else { return badForm }
            guard session.bank.lesson(id) != nil else { return notFound }
            guard case .menu = session.phase else { return stale }
            intent = action == "start" ? .startLesson(id: id) : .restartLesson(id: id)
        case "review":
            guard case .menu = session.phase else { return stale }
            guard let slug = form["track"], let track = Pages.track(slug: slug) else { return badForm }
            guard let plan = session.reviewPlan(audience: track.audience, now: configuration.clock()) else {
                browser.notice = driver.strings[.reviewNothingDue]
                browser.rev += 1
                return .redirect("/track/" + slug)
            }
            intent = .startReview(plan)
        case "continue", "skip":
            if let refusal = sceneMatches() { return refusal }
            guard case .scene(.contentNote) = session.phase else { return stale }
            intent = action == "continue" ? .continueScene : .skipScene
        case "submit":
            if let refusal = sceneMatches() { return refusal }
            guard case .scene(.question) = session.phase, let question = session.currentQuestion else { return stale }
            guard form["q"] == question.id else { return stale }
            let known = Set(question.options.map(\.id))
            let chosen = form.all("opt")
            guard chosen.allSatisfy(known.contains) else { return badForm }
            intent = .submit(Set(chosen))
        case "next":
            if let refusal = sceneMatches() { return refusal }
            guard case .scene(.feedback) = session.phase, form["q"] == session.currentQuestion?.id else { return stale }
            intent = .next
        case "moveon":
            if let refusal = sceneMatches() { return refusal }
            guard session.isRepeat else { return stale }
            intent = .moveOn
        case "leave":
            switch session.phase {
            case .scene, .summary: intent = .leaveLesson
            default: return stale
            }
        case "close":
            guard case .summary = session.phase else { return stale }
            intent = .closeSummary
        default:
            return badForm
        }

        if let intent {
            let before = (phase: driver.session.phase, notice: driver.session.notice)
            driver.send(intent)
            if let error = driver.fatalError {
                browsers[browser.id] = nil
                var reply = failure(error, origin: origin)
                reply.dropSession = true
                return reply
            }
            let after = driver.session
            if let notice = after.notice, notice != before.notice || after.phase == before.phase {
                // The session's waits come from the driver's clock (the store's), so its words do too.
                browser.notice = notice.words(driver.strings, now: ProgressStore.now())
            }
            if after.learner != nil, before.phase != after.phase, let chosen = browser.language {
                // A language picked on the start page becomes the learner's choice.
                browser.language = nil
                if chosen != driver.language { driver.chooseLanguage(chosen) }
            }
            if case .menu = after.phase, case .summary = before.phase, let slug = Self.trackSlug(of: session) { target = "/track/" + slug }
            if case .menu = after.phase, case .scene = before.phase, let slug = Self.trackSlug(of: session) { target = "/track/" + slug }
        }
        browser.rev += 1
        return .redirect(target)
    }

    /// The track of the lesson that was running (to go back to its lesson list).
    static func trackSlug(of session: TrainingSession) -> String? {
        guard let lesson = session.run?.lesson else { return nil }
        return Track.allCases.first { $0.audience == lesson.audience }.map(Pages.slug)
    }

    // MARK: Join code (--lan)

    private func join(_ form: Form, cookie: String?, origin: Origin) -> Reply {
        let browser: Browser
        switch check(form, cookie: cookie, origin: origin, needsRev: false) {
        case .success(let found): browser = found
        case .failure(let refusal): return refusal.reply
        }
        let now = configuration.clock()
        let language = language(of: browser)
        if let failures = joinFailures[origin.address], now < failures.notBefore {
            let seconds = (failures.notBefore - now + 999) / 1000
            browser.notice = UIStrings.fill(ServeText.joinWait.text(language).text, ["seconds": String(seconds)])
            return .redirect("/")
        }
        let typed = (form["code"] ?? "").filter { !$0.isWhitespace }
        if Self.same(typed, configuration.joinCode) {
            joinFailures[origin.address] = nil
            browser.joined = true
            browser.rev += 1
            return .redirect("/")
        }
        let count = (joinFailures[origin.address]?.count ?? 0) + 1
        // 1 s after the first wrong code, doubling, at most a minute; counted per address, not per browser.
        let delay = Int64(min(60, 1 << min(count - 1, 6))) * 1000
        joinFailures[origin.address] = (count, now + delay)
        if joinFailures.count > 10_000 { joinFailures = joinFailures.filter { $0.value.notBefore > now } }
        browser.notice = ServeText.joinWrong.text(language).text
        return .redirect("/")
    }

    // MARK: Facilitator (127.0.0.1 only)

    private func facilitator(_ form: Form, cookie: String?, origin: Origin) -> Reply {
        guard origin.local else {
            return .page(pages(nil, origin: origin).message(title: .forbiddenTitle, body: .facilitatorOnlyHere), status: 403)
        }
        let browser: Browser
        switch check(form, cookie: cookie, origin: origin, needsRev: false) {
        case .success(let found): browser = found
        case .failure(let refusal): return refusal.reply
        }
        let pages = pages(browser, origin: origin)
        let projector = form["projector"] == "1"
        switch backend.facilitator(form["passphrase"] ?? "") {
        case .open(let report, let debrief, let gain):
            return .page(projector ? pages.projector(report: report, debrief: debrief) : pages.classResults(report: report, debrief: debrief, gain: gain))
        case .refused(let seconds):
            let words = pages.strings(.wrongSecretWait, ["seconds": String(max(1, seconds))])
            return .page(pages.facilitatorLogin(notice: HTMLText.escape(words), projector: projector), status: 403)
        case .notSet:
            return .page(pages.facilitatorLogin(notice: pages.s(.facilitatorNotSet), projector: projector), status: 403)
        case .failed(let text):
            return .page(pages.facilitatorLogin(notice: HTMLText.escape(text), projector: projector), status: 500)
        }
    }
}
