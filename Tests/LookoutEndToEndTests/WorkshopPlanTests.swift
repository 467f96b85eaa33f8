import Foundation
import LookoutCore
import LookoutTestSupport
import Testing

/// The README's 3-hour workshop plan ("Running a workshop: 90 minutes or 3 hours"), followed as written through the
/// real program: three laptops with two learners each, the intro, merge 1, the intro debrief, "Practise my weak
/// signs", the final (Charlie moves from laptop 2 to laptop 3 for it; the README's Sokha), merge 2 with one --map, the gain, the final's
/// debrief, certificates for the class, and a later import of laptop 3 that needs no --map. Lessons are answered in
/// plain mode, as a screen-reader user would, with answers read from the shipped bank.
@Suite(.serialized) final class WorkshopPlanTests {
    static let passphrase = "Workshop day 2026"
    let folders = TemporaryFolders()
    let bank: Bank
    let env = ["LOOKOUT_PASSPHRASE": WorkshopPlanTests.passphrase]

    init() throws {
        let root = Lookout.shippedBank
        let paths = (FileManager.default.enumerator(atPath: root)?.compactMap { $0 as? String } ?? [])
            .filter { $0.hasSuffix(".txt") }.sorted()
        let files = try paths.map { (path: $0, bytes: Array(try Data(contentsOf: URL(fileURLWithPath: root + "/" + $0)))) }
        let result = BankLoader.load(files: files)
        #expect(!result.hasErrors)
        bank = result.bank
    }

    /// How a learner answers a question.
    enum Style {
        case right          // the right options
        case overFlagging   // every option of a "which are signs" question; the right action
        case unsafeOnce     // right, except the first "what do you do" with an unsafe option
    }

    /// Runs `lookout` with the shipped bank, a data folder and the passphrase, and expects exit 0.
    @discardableResult
    func lookout(_ arguments: [String], _ data: String, stdin: String? = nil,
                 sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> Lookout.Output {
        let out = try Lookout.run(arguments + ["--data-dir", data], environment: env, stdin: stdin)
        #expect(out.status == 0, "lookout \(arguments.joined(separator: " ")): \(out.stdout)\(out.stderr)", sourceLocation: sourceLocation)
        return out
    }

    /// `lookout train --plain --learner NAME --lesson ID` (or `--review`), answering every question in `style` until
    /// the lesson ends, or only `limit` questions. A repeat of a scene is left with `n`.
    func train(_ name: String, _ data: String, lesson: String?, style: Style, limit: Int = 1000) throws {
        let talk = try PlainConversation(["train", "--plain", "--bank", Lookout.shippedBank, "--data-dir", data, "--learner", name]
                                         + (lesson.map { ["--lesson", $0] } ?? ["--review"]))
        var context = ""
        var answered = 0
        var unsafeGiven = false
        while answered < limit {
            let (found, printed) = try talk.wait(forAny: ["Number:", "Type the number", "Lesson finished"], timeout: 60)
            context += printed
            if found == "Lesson finished" { break }
            if found == "Number:" { talk.send("1"); continue }                 // a content note: continue
            // Which scene: the title printed last (of titles starting there, one with a question whose options are all
            // on screen); a repeat is left with n.
            var last: String.Index?
            for scene in bank.scenarios {
                if let range = context.range(of: "== \(scene.title)", options: .backwards), last == nil || range.lowerBound > last! {
                    last = range.lowerBound
                }
            }
            let at = try #require(last, "no scene title in: \(printed)")
            let tail = String(context[at...])
            let line = String(tail.prefix { $0 != "\n" })
            if line.hasSuffix("(again) ==") || line.hasSuffix("(second try) ==") {
                talk.send("n")
                continue
            }
            var match: (scene: Scenario, question: Question)?
            for scene in bank.scenarios where tail.hasPrefix("== \(scene.title)") && match == nil {
                if let q = scene.questions.first(where: { q in q.options.allSatisfy { OptionNumbers.find($0.text, in: printed) != nil } }) {
                    match = (scene, q)
                }
            }
            let question = try #require(match?.question, "no question found for '\(line)' in: \(printed)")
            var chosen = question.options.filter(\.isCorrect)
            switch style {
            case .right:
                break
            case .overFlagging:
                if question.kind == .multi { chosen = question.options }
            case .unsafeOnce:
                if !unsafeGiven, question.kind == .single, let unsafe = question.options.first(where: { $0.action?.isUnsafe == true }) {
                    chosen = [unsafe]
                    unsafeGiven = true
                }
            }
            let numbers = try chosen.map { option in String(try #require(OptionNumbers.find(option.text, in: printed))) }
            talk.send(numbers.isEmpty ? "0" : numbers.joined(separator: " "))
            answered += 1
        }
        let output = talk.finish()
        #expect(output.status == 0, "\(name) \(lesson ?? "review"): \(output.stderr)")
        if lesson != nil, limit == 1000 { #expect(output.stdout.contains("Lesson finished"), "\(name) did not finish \(lesson ?? "")") }
        if style == .unsafeOnce { #expect(unsafeGiven, "\(name) met no unsafe option") }
    }

    func names(_ data: String) throws -> [String] {
        let out = try lookout(["learners", "list", "--format", "json"], data)
        let items = try #require(try JSONSerialization.jsonObject(with: Data(out.stdout.utf8)) as? [[String: Any]])
        return items.compactMap { $0["name"] as? String }
    }

    @Test("the README's 3-hour plan: six learners, three laptops, two merges, debriefs, gain, certificates")
    func threeHourPlanAsWritten() throws {
        let laptops = [try folders.make("laptop1"), try folders.make("laptop2"), try folders.make("laptop3")]
        let files = try folders.make("usb-stick")
        let people = [["Alpha", "Bravo"], ["Charlie", "Delta"], ["Echo", "Foxtrot"]]

        // Before the day, on every laptop: check the bank, set the passphrase, create the learners.
        for (n, data) in laptops.enumerated() {
            let check = try Lookout.run(["check", "--bank", Lookout.shippedBank])
            #expect(check.status == 0 && check.stdout.contains("0 errors"), "\(check.stdout)")
            try lookout(["facilitator", "set-passphrase", "--stdin"], data, stdin: Self.passphrase + "\n")
            for name in people[n] { try lookout(["learners", "add", name], data) }
        }

        // 10–50: the intro, learner A then learner B on each laptop. They flag too much at first.
        for (n, data) in laptops.enumerated() {
            for name in people[n] { try train(name, data, lesson: "pol-intro", style: .overFlagging) }
        }

        // 50–55: merge 1. Export on laptops 2 and 3, dry run and import on laptop 1.
        func merge(_ extra: [String] = [], round: Int) throws -> Lookout.Output {
            var exported: [String] = []
            for n in 1...2 {
                let file = files + "/laptop\(n + 1)-\(round).lookout"
                try lookout(["export", "--out", file, "--label", "laptop \(n + 1)"], laptops[n])
                exported.append(file)
            }
            let dry = try lookout(["import"] + exported + extra + ["--dry-run"], laptops[0])
            #expect(dry.stdout.contains("Dry run: nothing was changed."))
            return try lookout(["import"] + exported + extra, laptops[0])
        }
        let first = try merge(round: 1)
        #expect(first.stdout.contains("Imported 4 learners"), "\(first.stdout)")
        #expect(Set(try names(laptops[0])) == Set(people.flatMap { $0 }))

        // 55–65: the intro's debrief, names hidden.
        let introDebrief = try lookout(["report", "--debrief", "--lesson", "pol-intro", "--anonymous", "--width", "120",
                                        "--bank", Lookout.shippedBank], laptops[0])
        #expect(introDebrief.stdout.contains("Debrief, lesson pol-intro"), "\(introDebrief.stdout.prefix(400))")
        for name in people.flatMap({ $0 }) { #expect(!introDebrief.stdout.contains(name)) }

        // 65–85: "Practise my weak signs", each learner for a few questions.
        for (n, data) in laptops.enumerated() {
            for name in people[n] { try train(name, data, lesson: nil, style: .right, limit: 3) }
        }

        // 90–160: the final. Laptop 2 is needed elsewhere, so Charlie takes the final on laptop 3 (a new entry there).
        try lookout(["learners", "add", "Charlie"], laptops[2])
        try train("Alpha", laptops[0], lesson: "pol-final", style: .right)
        try train("Bravo", laptops[0], lesson: "pol-final", style: .right)
        try train("Delta", laptops[1], lesson: "pol-final", style: .unsafeOnce)
        try train("Charlie", laptops[2], lesson: "pol-final", style: .right)
        try train("Echo", laptops[2], lesson: "pol-final", style: .right)
        try train("Foxtrot", laptops[2], lesson: "pol-final", style: .right)

        // 160–165: merge 2. Charlie answered on two laptops: --map once, the first time both entries meet.
        let second = try merge(["--map", "Charlie=Charlie"], round: 2)
        #expect(second.stdout.contains("'Charlie' is merged into 'Charlie' (--map; remembered for later imports)."), "\(second.stdout)")
        let merged = try names(laptops[0])
        #expect(Set(merged) == Set(people.flatMap { $0 }), "\(merged)")
        #expect(!merged.contains { $0.contains("(laptop") })

        // 165–175: the gain, then the final's debrief.
        let gain = try lookout(["report", "--table", "gain", "--anonymous", "--bank", Lookout.shippedBank], laptops[0])
        #expect(gain.stdout.contains("6 of 6 learners did both"), "\(gain.stdout)")
        #expect(gain.stdout.contains("Flagged fewer ordinary situations"), "\(gain.stdout)")
        let finalDebrief = try lookout(["report", "--debrief", "--lesson", "pol-final", "--anonymous", "--width", "120",
                                        "--bank", Lookout.shippedBank], laptops[0])
        #expect(finalDebrief.stdout.contains("Debrief, lesson pol-final"))

        // 175–180: certificates for the class.
        let certificates = files + "/certificates"
        let records = try lookout(["certificate", "--all", "--lesson", "pol-final", "--out", certificates, "--bank", Lookout.shippedBank],
                                  laptops[0])
        #expect(records.stdout.contains("5 of 6 learners; records written to"), "\(records.stdout)")
        #expect(records.stdout.contains("Not passed (1):\n  Delta: "), "\(records.stdout)")
        let written = Set(try FileManager.default.contentsOfDirectory(atPath: certificates))
        #expect(written == Set(["Alpha", "Bravo", "Charlie", "Echo", "Foxtrot"].flatMap { ["\($0).txt", "\($0).html"] }))

        // After: the facilitator allows Delta a retake of the final on laptop 2 (same day), Charlie practises more on laptop 3; both laptops export again and
        // laptop 1 imports them with no --map at all.
        try lookout(["facilitator", "allow-retake", "--learner", "Delta", "--lesson", "pol-final"], laptops[1])
        try train("Delta", laptops[1], lesson: "pol-final", style: .right)
        try train("Charlie", laptops[2], lesson: nil, style: .right, limit: 2)
        let later = [files + "/laptop2-3.lookout", files + "/laptop3-3.lookout"]
        try lookout(["export", "--out", later[0], "--label", "laptop 2"], laptops[1])
        try lookout(["export", "--out", later[1], "--label", "laptop 3"], laptops[2])
        let dry = try lookout(["import"] + later + ["--dry-run"], laptops[0])
        #expect(dry.stdout.contains("laptop3-3.lookout: 'Charlie' would be merged into 'Charlie' (remembered"), "\(dry.stdout)")
        let third = try lookout(["import"] + later, laptops[0])
        #expect(third.stdout.contains("Imported 0 learners"), "\(third.stdout)")
        #expect(!(try names(laptops[0])).contains { $0.contains("(laptop") })
        let again = try lookout(["certificate", "--all", "--lesson", "pol-final", "--out", certificates, "--bank", Lookout.shippedBank],
                                laptops[0])
        #expect(again.stdout.contains("6 of 6 learners; records written to"), "\(again.stdout)")
        #expect(!again.stdout.contains("Not passed"))
    }
}
