import Foundation
import Hummingbird
import NIOCore
import HTTPTypes
import HummingbirdTesting
import LookoutApp
import LookoutCore
import LookoutText
import LookoutServe
import LookoutStore
import LookoutTestSupport
import Testing

/// `lookout serve` in process over real HTTP (HummingbirdTesting's live mode), on a real bank folder and a real
/// SQLite store: plain forms only, as a browser without script sends them.
@Suite struct ServeRouteTests {
    @Test func aLearnerGoesThroughALessonWithFormsAloneAndEveryAnswerIsStored() async throws {
        let fixture = try ServeFixture()
        let (pages, answered) = try await fixture.app().test(.live) { client in
            let browser = FormBrowser(client: client)
            try await browser.get("/")
            #expect(browser.status == .ok)
            #expect(browser.page.contains(UIStrings.english[.learnersTitle]))
            try await browser.createLearner("Dara", pin: "2468")
            #expect(browser.page.contains("Hello, Dara. Choose:"), "\(browser.page)")
            try await browser.get("/track/hospitality")
            #expect(browser.page.contains("Lesson two"))
            let answered = try await browser.playLesson("l2")
            #expect(answered >= 4, "four questions, and a scene answered badly may come back")
            #expect(browser.page.contains("Lesson finished: Lesson two"))
            try await browser.post("close")
            #expect(browser.page.contains("Lessons: Hospitality"), "after the summary, back to the track's lessons")
            try await browser.get("/progress")
            #expect(browser.page.contains("Your progress"))
            try await browser.get("/support")
            #expect(browser.page.contains("Banteay Meanchey") && browser.page.contains("UNVERIFIED"))
            try await browser.get("/help")
            return (browser.pages, answered)
        }
        let learner = try #require(try fixture.store.learner(named: "Dara"))
        let events = try fixture.store.events(learnerID: learner.id)
        #expect(events.count == answered, "every submitted answer is in the store, once")
        #expect(Set(events.map(\.scenarioID)) == ["desk", "couple"])
        #expect(try SecretLock.isSet(.learner(learner.id), store: fixture.store), "the PIN is kept as in the terminal")
        try HTMLCheck.validate(pages, name: "lesson")
    }

    @Test func everyResponseCarriesTheSafetyHeadersAndAStrictCookie() async throws {
        let fixture = try ServeFixture()
        try await fixture.app().test(.live) { client in
            for path in ["/", "/style.css", "/lookout.js", "/help", "/exit", "/no-such-page"] {
                let response = try await client.execute(uri: path, method: .get)
                #expect(response.headers[.cacheControl] == "no-store", "\(path)")
                #expect(response.headers[HTTPField.Name("Referrer-Policy")!] == "no-referrer", "\(path)")
                let csp = response.headers[HTTPField.Name("Content-Security-Policy")!] ?? ""
                #expect(csp.contains("default-src 'self'") && csp.contains("frame-ancestors 'none'"), "\(path): \(csp)")
                #expect(response.headers[HTTPField.Name("X-Content-Type-Options")!] == "nosniff", "\(path)")
            }
            let start = try await client.execute(uri: "/", method: .get)
            let cookie = start.headers[.setCookie] ?? ""
            #expect(cookie.hasPrefix("lookout_session=") && cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"), "\(cookie)")
            let missing = try await client.execute(uri: "/no-such-page", method: .get)
            #expect(missing.status == .notFound)
            // Another name for the server (DNS rebinding) gets nothing; the addresses and localhost do.
            let port = try #require(client.port)
            try await TestClient.withClient(host: "localhost", port: port) { connection in
                for (authority, code) in [("evil.example:\(port)", 421), ("127.0.0.1:\(port)", 200), ("localhost:\(port)", 200),
                                          ("[::1]:\(port)", 200), ("127.0.0.1.evil.example", 421)] {
                    let response = try await connection.execute(TestClient.Request("/", method: .get, authority: authority,
                                                                                   headers: [.connection: "keep-alive"]))
                    #expect(response.status.code == code, "Host: \(authority)")
                    if code == 421 {
                        #expect(response.body.map { String(buffer: $0) }?.contains("Who is learning") != true)
                        #expect(response.headers[.cacheControl] == "no-store")
                    }
                }
            }
        }
    }

    @Test func staleReplayedForgedAndOversizedFormsGetAClearPageAndStoreNothingTwice() async throws {
        let fixture = try ServeFixture()
        try await fixture.app().test(.live) { client in
            let browser = FormBrowser(client: client)
            try await browser.createLearner("Sok")
            try await browser.get("/track/hospitality")
            // An unknown lesson id.
            try await browser.post("start", [("lesson", "no-such-lesson"), ("track", "hospitality")])
            #expect(browser.status == .notFound && browser.page.contains("Not found"))
            try await browser.get("/track/hospitality")
            try await browser.post("start", [("lesson", "l2"), ("track", "hospitality")])
            if browser.has(action: "continue") { try await browser.post("continue", [("scene", browser.value("scene") ?? "")]) }
            #expect(browser.has(action: "submit"))
            let question = browser.page
            // A second tab on the same question (the same cookie).
            let tab = FormBrowser(client: client)
            tab.cookie = browser.cookie
            tab.page = question
            let scene = browser.value("scene", after: "value=\"submit\"") ?? ""
            let q = browser.value("q", after: "value=\"submit\"") ?? ""
            let first = browser.options().first?.value ?? ""
            // An unknown scene id, and an option the question does not have.
            try await browser.post("submit", [("scene", "no-such-scene"), ("q", q), ("opt", first)])
            #expect(browser.status == .notFound)
            browser.page = question
            try await browser.post("submit", [("scene", scene), ("q", q), ("opt", "not-an-option")])
            #expect(browser.status == .badRequest)
            browser.page = question
            // A wrong form token.
            try await browser.postRaw(FormBrowser.encode([("csrf", "0000"), ("rev", browser.value("rev") ?? ""), ("do", "submit"),
                                                          ("scene", scene), ("q", q), ("opt", first)]))
            #expect(browser.status == .forbidden && browser.page.contains("Not accepted"))
            // A malformed body, and one over 64 KiB.
            try await browser.postRaw("csrf=%zz&do=submit")
            #expect(browser.status == .badRequest)
            try await browser.postRaw("csrf=x&big=" + String(repeating: "a", count: 70 * 1024))
            #expect(browser.status == .contentTooLarge)
            // The real answer, then the same form again (replay), then the second tab's answer.
            browser.page = question
            try await browser.post("submit", [("scene", scene), ("q", q), ("opt", first)])
            #expect(browser.status == .ok && browser.has(action: "next"))
            browser.page = question
            try await browser.post("submit", [("scene", scene), ("q", q), ("opt", first)])
            #expect(browser.status == .conflict && browser.page.contains("out of date"))
            try await tab.post("submit", [("scene", scene), ("q", q), ("opt", first)])
            #expect(tab.status == .conflict)
            // Continuing after the refusals still works.
            try await browser.get("/")
            #expect(browser.has(action: "next"))
            try await HTMLCheck.validate([question, browser.page, tab.page], name: "refusals")
        }
        let learner = try #require(try fixture.store.learner(named: "Sok"))
        #expect(try fixture.store.events(learnerID: learner.id).count == 1, "one answer stored, once")
    }

    @Test func anIdleBrowserGoesBackToTheStartAndItsOldFormsAreRefused() async throws {
        let fixture = try ServeFixture()
        let clock = fixture.clock
        try await fixture.app(idleSeconds: 600).test(.live) { client in
            let browser = FormBrowser(client: client)
            try await browser.createLearner("Vanna")
            try await browser.get("/track/hospitality")
            let lessons = browser.page
            clock.advance(seconds: 601)
            try await browser.post("start", [("lesson", "l2"), ("track", "hospitality")])
            #expect(browser.status == .conflict && browser.page.contains("Back at the start"))
            browser.page = lessons
            try await browser.get("/")
            #expect(browser.page.contains(UIStrings.english[.learnersTitle]), "the start page again")
            #expect(!browser.page.contains("Hello, Vanna"))
        }
        let learner = try #require(try fixture.store.learner(named: "Vanna"))
        #expect(try fixture.store.events(learnerID: learner.id).isEmpty)
        #expect(try fixture.store.attempts(learnerID: learner.id).isEmpty, "the refused form started nothing")
    }

    @Test func quickExitShowsANeutralPageAndForgetsTheSession() async throws {
        let fixture = try ServeFixture()
        try await fixture.app().test(.live) { client in
            let browser = FormBrowser(client: client)
            try await browser.createLearner("Chenda")
            let oldCookie = try #require(browser.cookie)
            try await browser.get("/exit")
            #expect(browser.page.contains("Weather") && !browser.page.contains("Lookout") && !browser.page.contains("Chenda"))
            #expect(browser.cookie == nil, "the session cookie is dropped")
            let setCookie = browser.headers[.setCookie] ?? ""
            #expect(setCookie.contains("Max-Age=0"))
            // The old cookie (as a Back button would send it) opens nothing of the learner's.
            browser.cookie = oldCookie
            try await browser.get("/")
            #expect(!browser.page.contains("Hello, Chenda") && browser.page.contains(UIStrings.english[.learnersTitle]), "the start page")
            #expect(browser.page.contains("went back to the start"), "it says why")
            try await browser.get("/progress")
            #expect(!browser.page.contains("Your progress"))
            // Every page offers the quick exit as a plain link.
            #expect(browser.page.contains("href=\"/exit\""))
        }
    }

    @Test func theLanguageSwitchShowsKhmerWithLangOnEnglishPassages() async throws {
        let fixture = try ServeFixture()
        let pages = try await fixture.app().test(.live) { client in
            let browser = FormBrowser(client: client)
            try await browser.get("/")
            try await browser.post("language", [("lang", "km")])
            #expect(browser.page.contains("<html lang=\"km\">"))
            #expect(browser.page.contains(UIStrings.khmer[.learnersTitle]))
            #expect(browser.page.contains("ចេញ​ភ្លាម"), "the quick exit in Khmer")
            try await browser.post("create", [("name", "Dara"), ("pin", "")])
            #expect(browser.page.contains(UIStrings.khmer(.tracksGreeting, ["name": "Dara"])), "the choice made on the start page stays")
            try await browser.get("/track/hospitality")
            try await browser.post("start", [("lesson", "l2"), ("track", "hospitality")])
            if browser.has(action: "continue") { try await browser.post("continue", [("scene", browser.value("scene") ?? "")]) }
            // The test bank has no Khmer scenes: the scene is English, marked lang="en", and says so in Khmer.
            #expect(browser.page.contains("<article class=\"scene\" lang=\"en\">"))
            #expect(browser.page.contains(UIStrings.khmer[.englishFallbackNotice]))
            return browser.pages
        }
        let learner = try #require(try fixture.store.learner(named: "Dara"))
        #expect(try fixture.store.meta(TrainerDriver.languageKey(learner.id)) == "km", "stored with the learner, as in the terminal")
        try HTMLCheck.validate(pages, name: "khmer")
    }

    /// A bank with `<script>`, quotes and ampersands in every text field: every page shows them as text.
    @Test func bankTextAndNamesAreEscapedOnEveryPage() async throws {
        let evil = "<script>alert(\"x\")</script> & 'q' \"d\""
        var text = TestBank.text
        for field in ["title: ", "story: ", "ask: ", "why: ", "explain: ", "note: ", "name: ", "content-note: "] {
            text = text.replacingOccurrences(of: "\n" + field, with: "\n" + field + evil + " ")
        }
        for option in ["o1: ", "o2: ", "a1: ", "a2: "] {
            text = text.replacingOccurrences(of: option, with: option + evil + " ")
        }
        let fixture = try ServeFixture(bankText: text, name: "serve-evil")
        let pages = try await fixture.app().test(.live) { client in
            let browser = FormBrowser(client: client)
            try await browser.createLearner("<b>Bo</b> \"&\"")
            try await browser.playLesson("l2")
            try await browser.get("/progress")
            try await browser.get("/support")
            try await browser.get("/track/hospitality")
            try await browser.get("/")
            return browser.pages
        }
        #expect(pages.count > 10)
        let all = pages.joined()
        #expect(!all.contains("<script>alert"), "no bank text reaches a page as markup")
        #expect(!all.contains("<b>Bo</b>"), "no learner name reaches a page as markup")
        #expect(all.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;q&#39;"))
        try HTMLCheck.validate(pages, name: "escaped")
    }

    @Test func tenLearnersAtOnceOverPlainHTTPLoseNoAnswer() async throws {
        let fixture = try ServeFixture()
        let submitted = try await fixture.app().test(.live) { client in
            let port = try #require(client.port)
            return try await withThrowingTaskGroup(of: Int.self) { group in
                for n in 0..<10 {
                    group.addTask {
                        try await TestClient.withClient(host: "localhost", port: port) { connection in
                            let browser = FormBrowser(connection: connection)
                            try await browser.createLearner("Learner \(n)", pin: n.isMultiple(of: 2) ? "pin-\(n)" : "")
                            return try await browser.playLesson("l2")
                        }
                    }
                }
                var total = 0
                for try await answered in group {
                    #expect(answered >= 4)
                    total += answered
                }
                return total
            }
        }
        #expect(try fixture.store.learners().count == 10)
        #expect(try fixture.store.eventCount() == submitted, "answers submitted \(submitted) = answers stored")
        for learner in try fixture.store.learners() {
            #expect(try fixture.store.events(learnerID: learner.id).count >= 4, "\(learner.name)")
        }
    }

    @Test func aFinalHoldsItsFeedbackBack() async throws {
        let fixture = try ServeFixture()
        try await fixture.app().test(.live) { client in
            let browser = FormBrowser(client: client)
            try await browser.createLearner("Mealea")
            try await browser.get("/track/hospitality")
            try await browser.post("start", [("lesson", "l1"), ("track", "hospitality")])
            if browser.has(action: "continue") { try await browser.post("continue", [("scene", browser.value("scene") ?? "")]) }
            let options = browser.options()
            let chosen = options.first?.type == "radio" ? Array(options.prefix(1)) : options
            try await browser.post("submit", [("scene", browser.value("scene", after: "value=\"submit\"") ?? ""),
                                              ("q", browser.value("q", after: "value=\"submit\"") ?? "")] + chosen.map { ("opt", $0.value) })
            // The answer is saved and the next page is the next question or the summary, with no verdict on the
            // answer; the summary then gives every question's feedback (as the terminal does).
            #expect(!browser.page.contains("class=\"verdict\""))
            #expect(browser.page.contains("Final assessment: the feedback on every question comes at the end") || browser.page.contains("class=\"summary\""))
            #expect(try fixture.store.eventCount() >= 1)
        }
    }

    @Test func facilitatorPagesNeedThePassphrase() async throws {
        let fixture = try ServeFixture()
        try await fixture.app().test(.live) { client in
            let learner = FormBrowser(client: client)
            try await learner.createLearner("Rith")
            try await learner.playLesson("l2")
            let browser = FormBrowser(client: client)
            try await browser.get("/facilitator")
            #expect(browser.page.contains(UIStrings.english[.facilitatorPassphrasePrompt]))
            try await browser.post("facilitator", [("passphrase", "anything at all")], to: "/facilitator")
            #expect(browser.status == .forbidden && browser.page.contains("No facilitator passphrase is set yet"))
            try SecretLock.set("correct horse", key: .facilitator, store: fixture.store)
            try await browser.post("facilitator", [("passphrase", "wrong passphrase")], to: "/facilitator")
            #expect(browser.status == .forbidden && browser.page.contains("wrong, try again in"))
            #expect(!browser.page.contains("Rith"))
        }
        // The wrong try counts in the store (as in the terminal): wait it out by clearing the counter, then open.
        try fixture.store.clearSecretAttempts(.facilitator)
        try await fixture.app().test(.live) { client in
            let browser = FormBrowser(client: client)
            try await browser.get("/facilitator")
            try await browser.post("facilitator", [("passphrase", "correct horse")], to: "/facilitator")
            #expect(browser.status == .ok && browser.page.contains("Rith"), "the class report names the learners")
            try await browser.get("/facilitator")
            try await browser.post("facilitator", [("passphrase", "correct horse"), ("projector", "1")], to: "/facilitator")
            #expect(browser.page.contains("class=\"projector\"") && !browser.page.contains("Rith"), "the projector is anonymous")
            try HTMLCheck.validate(browser.pages, name: "facilitator")
        }
    }
}

/// Learners with PINs, names that exist, and the pages between: as in the terminal.
@Suite struct ServeLearnerTests {
    @Test func aTakenNameAsksAndAPINIsCheckedThroughTheStoresLock() async throws {
        let fixture = try ServeFixture(name: "serve-pin")
        let store = fixture.store
        let pages = try await fixture.app().test(.live) { client in
            let first = FormBrowser(client: client)
            try await first.createLearner("Dara", pin: "12")
            #expect(first.page.contains(UIStrings.english[.pinTooShort]), "a short PIN is refused with the catalog's words")
            try await first.post("create", [("name", "Dara"), ("pin", "2468")])
            #expect(first.page.contains("Hello, Dara. Choose:"))
            // Another browser types the same name: is that you? Then the PIN.
            let second = FormBrowser(client: client)
            try await second.createLearner("Dara")
            #expect(second.page.contains(UIStrings.english(.nameTakenQuestion, ["name": "Dara"]).replacingOccurrences(of: "\"", with: "&quot;")))
            try await second.post("confirm")
            #expect(second.page.contains(UIStrings.english(.learnerPINTitle, ["name": "Dara"])))
            try await second.post("pin", [("pin", "0000")])
            // "wrong, try again in 1 s", or "wrong; try again" when a busy machine took longer than the wait to answer.
            #expect(second.page.contains("wrong, try again in") || second.page.contains(UIStrings.english[.wrongSecretAgain]), "\(second.page)")
            #expect(!second.page.contains("Hello, Dara") && second.page.contains(UIStrings.english(.learnerPINTitle, ["name": "Dara"])))
            // The wrong tries are counted in the store (the terminal would wait too); once the wait is over (the
            // counter cleared here), the right PIN opens, from a fresh browser.
            try store.clearSecretAttempts(.learner(try #require(try store.learner(named: "Dara")).id))
            let third = FormBrowser(client: client)
            try await third.createLearner("Dara")
            try await third.post("confirm")
            try await third.post("pin", [("pin", "2468")])
            #expect(third.page.contains("Hello, Dara. Choose:"), "\(third.page)")
            try await third.get("/exit")
            return first.pages + second.pages + third.pages
        }
        #expect(try store.learners().count == 1, "one Dara")
        try HTMLCheck.validate(pages, name: "pin")
    }
}
