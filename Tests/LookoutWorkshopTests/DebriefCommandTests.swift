import LookoutTestSupport
import Foundation
import LookoutCore
import LookoutText
import LookoutStore
import Testing

/// `lookout report --debrief` and `--anonymous` run as a program on the fixture's class, with lessons L1 (kind intro)
/// and L2 (kind final) so that the gain has rows.
@Suite final class DebriefCommandTests {
    static let lessons = """
        lesson: L1
        title: Front desk first steps
        audience: hospitality
        kind: intro
        pass-mark: 70
        scenarios:
          - s1
          - s2

        lesson: L2
        title: Front desk final
        audience: hospitality
        kind: final
        pass-mark: 50
        scenarios: s2

        """

    let folders = TemporaryFolders()
    let bankDir: String
    let dataDir: String
    var names: [String] = []
    var ids: [String] = []

    init() throws {
        bankDir = try WorkshopFixture.writeBank(to: folders.make("lookout-bank"), replacing: ["lessons.txt": Self.lessons])
        dataDir = try WorkshopFixture.makeStore()
        folders.track(dataDir)
        let store = try ProgressStore.open(directory: dataDir)
        try store.addLearner(name: "Nguyễn, \"Lan\"", at: WorkshopFixture.day1)
        try store.addLearner(name: "Zed Quimby", at: WorkshopFixture.day1 + 1)
        let learners = try store.learners()
        names = learners.map(\.name)
        ids = learners.map(\.id)
        try store.close()
    }

    func run(_ arguments: [String]) throws -> Lookout.Output {
        try Lookout.run(arguments + ["--bank", bankDir, "--data-dir", dataDir])
    }

    @Test func debriefTableShowsQuestionsOptionsAndGain() throws {
        for width in ["80", "120"] {
            let out = try run(["report", "--debrief", "--width", width])
            #expect(out.status == 0, "\(out.stderr)")
            for line in out.stdout.split(separator: "\n") {
                #expect(DisplayWidth.width(of: String(line)) <= Int(width)!, "too wide: \(line)")
            }
            #expect(out.stdout.hasPrefix("Debrief: 3 learners, 10 first answers\n"))
            #expect(out.stdout.contains("Three guests at check-in (trafficking)"))
            #expect(out.stdout.contains("An ordinary family (no trafficking)"))
            #expect(out.stdout.contains("  SIGN   ██████████ 100%   3  He keeps their ID cards."))
            #expect(out.stdout.contains("Front desk first steps → Front desk final: 0 of 3 learners did both"))
            #expect(out.stdout.contains("Alice"))
        }
        let lesson = try run(["report", "--debrief", "--lesson", "L2"])
        #expect(lesson.stdout.hasPrefix("Debrief, lesson L2: 0 learners, 0 first answers\n"))
    }

    @Test func debriefJSONAndCSV() throws {
        let json = try run(["report", "--debrief", "--format", "json"])
        #expect(json.status == 0, "\(json.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(object["format"] as? String == "lookout-debrief" && object["version"] as? Int == 1)
        #expect(object["anonymous"] as? Bool == false && object["learners"] as? Int == 3)
        let hardest = try #require(object["hardest"] as? [[String: Any]])
        #expect(hardest.map { "\($0["scenarioID"] ?? "").\($0["questionID"] ?? "")" } == ["s1.q1", "s2.q1", "s2.q2", "s1.q2"])
        let items = try #require(object["items"] as? [[String: Any]])
        #expect(items.count == 4)
        let options = try #require(items[0]["options"] as? [[String: Any]])
        #expect(options.map { $0["chosen"] as? Int } == [3, 2, 1, 0])
        #expect(options.map { $0["role"] as? String } == ["true-sign", "true-sign", "lookalike", "lookalike"])

        let csv = try run(["report", "--debrief", "--format", "csv"])
        let rows = try #require(RFC4180.parse(csv.stdout))
        #expect(rows.count == 1 + 4 + 3 + 2 + 2)
        #expect(rows[1][0...2] == ["1", "s1", "Three guests at check-in"])
        #expect(rows[1][13...16] == ["o1", "He keeps their ID cards.", "true-sign", "3"])
    }

    @Test func gainTableAndCSV() throws {
        let table = try run(["report", "--table", "gain"])
        #expect(table.status == 0, "\(table.stderr)")
        #expect(table.stdout.hasPrefix("Gain, first lesson to final\n"))
        let csv = try run(["report", "--format", "csv", "--table", "gain"])
        let rows = try #require(RFC4180.parse(csv.stdout))
        #expect(rows[0][0...5] == ["audience", "intro_lesson", "final_lesson", "row", "learner_id", "name"])
        // Alice, Bob and Sokha did the intro only (no class row: nobody did both).
        #expect(rows.count == 4)
        let alice = try #require(rows.first { $0[5] == "Alice" })
        // Alice's intro: h 2 m 0 f 1 cr 3, no unsafe choice of 2.
        #expect(alice[6...15] == ["1.0000", "0.2500", "1.4918", "-0.2215", "2", "0", "1", "3", "0", "2"])
        #expect(alice[16...].allSatisfy { $0.isEmpty })
    }

    /// Every format, every part: with --anonymous no learner's name or id is printed.
    @Test func anonymousPrintsNoName() throws {
        let runs: [[String]] = [
            ["report"], ["report", "--format", "csv"], ["report", "--format", "csv", "--table", "gain"],
            ["report", "--format", "json"], ["report", "--table", "learners"], ["report", "--table", "gain"],
            ["report", "--debrief"], ["report", "--debrief", "--format", "json"], ["report", "--debrief", "--format", "csv"],
            ["report", "--debrief", "--format", "csv", "--table", "gain"], ["report", "--debrief", "--width", "120"],
        ]
        #expect(names.count == 6)
        for arguments in runs {
            let named = try run(arguments)
            #expect(named.status == 0, "\(arguments): \(named.stderr)")
            let anonymous = try run(arguments + ["--anonymous"])
            #expect(anonymous.status == 0, "\(arguments): \(anonymous.stderr)")
            for name in names + ids {
                #expect(!anonymous.stdout.contains(name), "\(arguments) --anonymous printed \(name)")
                #expect(!anonymous.stderr.contains(name), "\(arguments) --anonymous printed \(name)")
            }
            if arguments.contains("learners") || arguments == ["report", "--format", "csv"] {
                #expect(anonymous.stdout.contains("Learner 1") && named.stdout.contains("Alice"))
            }
        }
    }
}
