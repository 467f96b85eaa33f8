import LookoutTestSupport
import Foundation
import LookoutCore
import LookoutText
import Testing

/// The language from the command line, the environment, the locale and the learner's own stored choice (plain mode
/// through a pipe); `check --stats` translation counts; the printable handout validated by an HTML parser.
@Suite struct KhmerCommandTests {
    /// An environment with no language settings of its own, plus `extra`.
    static func env(_ extra: [String: String] = [:]) -> [String: String] {
        var env = ["LC_ALL": "", "LC_MESSAGES": "", "LANG": "C.UTF-8", "LOOKOUT_LANGUAGE": ""]
        for (k, v) in extra { env[k] = v }
        return env
    }

    static let km = UIStrings.khmer
    /// "Hello, Dara. Choose:" in Khmer, as plain mode prints it.
    static let khmerMenu = km(.plainChoose, ["name": "Dara"])

    @Test func theLanguageChosenFromTheMenuIsStoredWithTheLearner() throws {
        let (bank, data) = try TestBank.make()
        let args = ["train", "--plain", "--bank", bank, "--data-dir", data, "--learner", "Dara"]
        // English by default (locale C); row 4 of the menu switches to Khmer (hospitality, progress, class results,
        // language, switch learner) and says it is a draft.
        let first = try PlainConversation(args, environment: Self.env())
        try first.wait(for: "Hello, Dara. Choose:")
        try first.wait(for: "Language: English (Enter: ខ្មែរ (Khmer))")
        first.send("4")
        try first.wait(for: Self.km[.draftTranslationNotice])
        try first.wait(for: Self.khmerMenu)
        let one = first.finish()
        #expect(one.status == 0, "\(one.stderr)")
        // The next session opens Dara's menu in Khmer.
        let second = try PlainConversation(args, environment: Self.env())
        try second.wait(for: Self.khmerMenu)
        #expect(second.finish().status == 0)
        // --language and LOOKOUT_LANGUAGE override the stored choice.
        let flag = try PlainConversation(args + ["--language", "en"], environment: Self.env())
        try flag.wait(for: "Hello, Dara. Choose:")
        _ = flag.finish()
        let variable = try PlainConversation(args, environment: Self.env(["LOOKOUT_LANGUAGE": "en"]))
        try variable.wait(for: "Hello, Dara. Choose:")
        _ = variable.finish()
        // Another learner with no choice of their own follows the locale.
        let locale = try PlainConversation(["train", "--plain", "--bank", bank, "--data-dir", data, "--learner", "Sokha"],
                                           environment: Self.env(["LANG": "km_KH.UTF-8"]))
        try locale.wait(for: Self.km[.plainWelcome])
        try locale.wait(for: Self.km(.plainChoose, ["name": "Sokha"]))
        _ = locale.finish()
        let bad = try Lookout.run(["train", "--plain", "--bank", bank, "--data-dir", data, "--language", "fr"], stdin: "")
        #expect(bad.status != 0)
        #expect(bad.stderr.contains("use en (English) or km (Khmer)"))
    }

    /// A Khmer learner meets an English scene (no translation yet) marked in one line.
    @Test func anUntranslatedSceneIsMarkedEnglish() throws {
        let (bank, data) = try TestBank.make()
        let talk = try PlainConversation(["train", "--plain", "--bank", bank, "--data-dir", data, "--learner", "Dara",
                                          "--lesson", "l1", "--language", "km"], environment: Self.env())
        try talk.wait(for: "== Three women at the desk ==")
        try talk.wait(for: Self.km[.englishFallbackNotice])
        #expect(talk.finish().status == 0)
    }

    @Test func checkStatsCountsTranslationsPerLanguage() throws {
        let result = try Lookout.run(["check", "--stats", Lookout.shippedBank])
        #expect(result.status == 0, "\(result.stderr)")
        let indicators = try String(contentsOfFile: Lookout.shippedBank + "/taxonomy.txt", encoding: .utf8)
            .components(separatedBy: "\n").filter { $0.hasPrefix("indicator: ") }.count
        #expect(result.stdout.contains("Translations (reviewed / draft / stale / missing):"))
        #expect(result.stdout.contains("km  indicators  reviewed 0, draft \(indicators), stale 0, missing 0 (of \(indicators))"), "\(result.stdout)")
        #expect(result.stdout.contains("km  regions     reviewed 0, draft 2, stale 0, missing 0 (of 2)"), "\(result.stdout)")
        // The shipped translations are complete and name nothing that does not exist.
        #expect(!result.stderr.contains("translations/km"), "\(result.stderr)")
    }

    static var python: String? {
        let venv = Lookout.packageRoot + "/.venv-tests/bin/python3"
        if FileManager.default.isExecutableFile(atPath: venv) { return venv }
        for path in ["/usr/bin/python3", "/usr/local/bin/python3"] where FileManager.default.isExecutableFile(atPath: path) {
            return path
        }
        return nil
    }

    /// Parses the file with html5lib in strict mode (any parse error fails) and prints what the test checks.
    static let checker = """
    import sys, html5lib
    data = open(sys.argv[1], 'rb').read()
    doc = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False).parse(data)
    names = [e.tag for e in doc.iter()]
    for bad in ('script', 'iframe', 'object', 'embed', 'img', 'link'):
        if bad in names: print('FORBIDDEN ' + bad)
    for e in doc.iter():
        for k, v in e.attrib.items():
            if k.startswith('on') or 'http' in v: print('FORBIDDEN attribute ' + k)
    print('lang=' + doc.attrib.get('lang', ''))
    print('h1=%d h2=%d li=%d' % (names.count('h1'), names.count('h2'), names.count('li')))
    """

    @Test(.enabled(if: KhmerCommandTests.python != nil, "python3 is missing: install it (and run .ci/run for html5lib) to validate the handout"))
    func theHandoutIsValidSelfContainedHTML() throws {
        let python = try #require(Self.python)
        let dir = try Lookout.temporaryDirectory("handout")
        let script = dir + "/check.py"
        try Self.checker.write(toFile: script, atomically: true, encoding: .utf8)
        for language in ["en", "km"] {
            let out = dir + "/pol-intro-\(language).html"
            let result = try Lookout.run(["handout", "--lesson", "pol-intro", "--language", language, "--out", out,
                                          "--bank", Lookout.shippedBank])
            #expect(result.status == 0, "\(result.stderr)")
            let html = try String(contentsOfFile: out, encoding: .utf8)
            #expect(html.contains("page-break-before: always"))
            let parsed = try Lookout.run([script, out], executable: python)
            #expect(parsed.status == 0, "html5lib: \(parsed.stderr) (run .ci/run to install html5lib into .venv-tests)")
            #expect(!parsed.stdout.contains("FORBIDDEN"), "\(parsed.stdout)")
            #expect(parsed.stdout.contains("lang=\(language)"))
            #expect(parsed.stdout.contains("h1=2"), "\(parsed.stdout)")
        }
        let khmer = try String(contentsOfFile: dir + "/pol-intro-km.html", encoding: .utf8)
        #expect(khmer.contains(UIStrings.khmer[.handoutAnswersTitle]))
        #expect(!khmer.contains(UIStrings.khmer[.englishFallbackNotice]))    // every scene of pol-intro has a Khmer draft
        #expect(khmer.contains(UIStrings.khmer[.draftTranslationNotice]))
        let missing = try Lookout.run(["handout", "--lesson", "no-such", "--out", dir + "/x.html", "--bank", Lookout.shippedBank])
        #expect(missing.status != 0 && missing.stderr.contains("there is no lesson 'no-such'"))
    }

    @Test func theHandoutPrintsItsSeedAndTheSameSeedPrintsTheSamePage() throws {
        let dir = try Lookout.temporaryDirectory("handout-seed")
        func write(_ name: String, _ extra: [String]) throws -> (String, String) {
            let out = dir + "/" + name
            let result = try Lookout.run(["handout", "--lesson", "pol-intro", "--out", out, "--bank", Lookout.shippedBank] + extra)
            #expect(result.status == 0, "\(result.stderr)")
            return (try String(contentsOfFile: out, encoding: .utf8), result.stdout)
        }
        let (random, said) = try write("random.html", [])
        // The random seed is printed on the page and said on the terminal: "…, seed 123456)".
        let seed = try #require(said.split(separator: " ").last.map { String($0.dropLast(2)) })
        #expect(UInt64(seed) != nil, "\(said)")
        #expect(random.contains("Options shuffled with seed \(seed) "))
        let (again, _) = try write("again.html", ["--seed", seed])
        #expect(again == random)
        let (other, _) = try write("other.html", ["--seed", String((UInt64(seed) ?? 0) + 1)])
        #expect(other != random)
        let bad = try Lookout.run(["handout", "--lesson", "pol-intro", "--out", dir + "/x.html", "--seed", "-3", "--bank", Lookout.shippedBank])
        #expect(bad.status != 0)
    }
}
