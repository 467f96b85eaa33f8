import Foundation
import LookoutTestSupport
import Testing

/// `lookout check --audit` on real files, through the real binary.
@Suite struct CheckAuditTests {
    /// One scene with trafficking and three without, whose right answers all come first: ticking nothing
    /// gets the signs part to 3 of 4 (75%) and picking the first option gets every action right.
    static let bank = """
    source: s
    title: Source
    publisher: P
    year: 2020

    indicator: doc-held
    category: documents-money
    title: Someone else holds their ID
    strength: strong
    audiences: hospitality
    sources: s
    explain: Papers held by a boss stop a worker leaving.

    indicator: fear
    category: behaviour
    title: Fearful
    strength: weak
    audiences: hospitality
    sources: s
    explain: Fear alone means little.

    scenario: t1
    rev: 1
    title: At the desk
    audiences: hospitality
    region: any
    language: en
    trafficking: yes
    sources: s
    story: A man checks in three women and keeps their ID cards.
    question: q1 multi
    ask: Which details are warning signs?
    [x] o1: He keeps their ID cards.
        ind: doc-held
        why: Control of documents.
    [ ] o2: They arrive late.
        near: fear
        why: Ordinary.
    [ ] o3: One of them holds a passport photo.
        near: doc-held
        why: Ordinary.
    question: q2 single
    ask: What should you do?
    (*) a1: Note the details and pass them on through the right channel.
        act: safe-report
        why: Safe.
    ( ) a2: Confront him.
        act: unsafe-confront
        why: Risky.

    \((1...3).map { i in """
    scenario: c\(i)
    rev: 1
    title: Guests \(i)
    audiences: hospitality
    region: any
    language: en
    trafficking: no
    sources: s
    story: A couple checks in late and pays cash.
    question: q1 multi
    ask: Which details are warning signs?
    [ ] o1: They pay cash.
        near: doc-held
        why: Cash is normal.
    [ ] o2: They are nervous.
        near: fear
        why: Nervous is normal.
    question: q2 single
    ask: What should you do?
    (*) a1: Treat them as any guests.
        act: safe-support
        why: Respect.
    ( ) a2: Call the police about them.
        act: unsafe-blame-victim
        why: Harmful.

    """ }.joined())
    lesson: hos-cues
    title: Cues
    audience: hospitality
    pass-mark: 70
    scenarios: t1, c1, c2, c3
    """

    static func write(_ text: String = bank) throws -> (dir: String, line: Int) {
        let dir = try Lookout.temporaryDirectory("audit")
        try text.write(toFile: dir + "/bank.txt", atomically: true, encoding: .utf8)
        let lines = text.components(separatedBy: "\n")
        let line = try #require(lines.firstIndex(of: "lesson: hos-cues")) + 1
        return (dir, line)
    }

    @Test func aLessonTickingNothingPassesIsAWarningAtItsLineAndExitIsZero() throws {
        let (dir, line) = try Self.write()
        let plain = try Lookout.run(["check", dir])
        #expect(plain.status == 0)
        #expect(plain.stderr == "", "the bank itself is clean: \(plain.stderr)")

        let output = try Lookout.run(["check", "--audit", dir], environment: ["NO_COLOR": "1"])
        #expect(output.status == 0)
        #expect(output.stderr.contains("\(dir)/bank.txt:\(line):1: warning[W070]: lesson 'hos-cues' can be passed by surface cues alone (signs 100%, actions 100%, pass mark 70): on 'which are signs' questions tick nothing 75%, option count (2 options: tick nothing, else the first) 100%, report/hotline words 75%, quotation marks 75%; on 'what do you do' questions quotation marks 100%, first option 100%;"))
        // The notes point at the questions the cues answer right (line of each `question:`).
        #expect(output.stderr.contains(": note: 'option count (2 options: tick nothing, else the first)' gets full credit here"))
        // Two options per single question: random guessing expects 50%, within 20 points of 70.
        #expect(output.stderr.contains("\(dir)/bank.txt:\(line):1: warning[W073]: random guessing is expected to score actions 50% in lesson 'hos-cues', within 20 points of the pass mark 70"))
        #expect(output.stdout.contains("0 errors, 2 warnings "))
        #expect(output.stdout.contains("hos-cues: practice, pass mark 70, 4 scenes, 4 multi + 4 single"))
        #expect(output.stdout.contains("A cue-only learner passes 1 of 1 lesson;"))
        let lines = output.stdout.split(separator: "\n").map(String.init)
        let auditLines = lines.drop { !$0.hasPrefix("Audit:") }
        #expect(!auditLines.isEmpty)
        #expect(auditLines.allSatisfy { $0.count <= 80 }, "\(auditLines.filter { $0.count > 80 })")
        // The table row of tick nothing, and the best cue learner that passes.
        #expect(lines.contains { $0.hasPrefix("  tick nothing") && $0.contains("75%") })
        #expect(lines.contains { $0.hasPrefix("  best cue learner") && $0.hasSuffix("PASSES") })
    }

    @Test func auditJSON() throws {
        let (dir, line) = try Self.write()
        let output = try Lookout.run(["check", "--audit", "--format", "json", dir])
        #expect(output.status == 0)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any])
        #expect(json["warnings"] as? Int == 2)
        let diagnostics = try #require(json["diagnostics"] as? [[String: Any]])
        #expect(diagnostics.map { $0["code"] as? String } == ["W070", "W073"])
        #expect(diagnostics.first?["line"] as? Int == line)
        let audit = try #require(json["audit"] as? [String: Any])
        let lesson = try #require((audit["lessons"] as? [[String: Any]])?.first)
        #expect(lesson["id"] as? String == "hos-cues")
        #expect(lesson["kind"] as? String == "practice")
        #expect(lesson["passMark"] as? Int == 70)
        #expect(lesson["multiWithoutTrafficking"] as? Int == 3)
        let strategies = try #require(lesson["strategies"] as? [[String: Any]])
        let byID = Dictionary(uniqueKeysWithValues: strategies.map { ($0["id"] as! String, $0) })
        #expect(byID["tick-nothing"]?["signs"] as? Double == 75)
        #expect(byID["first"]?["actions"] as? Double == 100)
        // First option on the multi questions: the sign (1) and a look-alike of two three times (1/2).
        #expect(byID["first"]?["signs"] as? Double == 62.5)
        #expect(byID["best-cue-learner"]?["passes"] as? Bool == true)
        // Random guessing, exactly: t1 (S=1, N=2): ticking the sign alone 1, with one look-alike 1/2:
        // (1 + 2·½)/8 = 1/4; c1–c3 (N=2): (1 + 2·½)/4 = 1/2; mean (1/4 + 3/2)/4.
        #expect(byID["random"]?["signs"] as? Double == 43.75)
        #expect(byID["random"]?["actions"] as? Double == 50)

        let without = try Lookout.run(["check", "--format", "json", dir])
        let plain = try #require(try JSONSerialization.jsonObject(with: Data(without.stdout.utf8)) as? [String: Any])
        #expect(plain["audit"] == nil)
        #expect(plain["warnings"] as? Int == 0)
    }

    @Test func auditWarningsDoNotHideErrorsOrChangeTheirExitStatus() throws {
        let (dir, _) = try Self.write(Self.bank.replacingOccurrences(of: "pass-mark: 70", with: "pass-mark: 170"))
        let output = try Lookout.run(["check", "--audit", dir])
        #expect(output.status == 65)
        #expect(output.stderr.contains("error[E040]"))
    }

    @Test func aLessonKindFinalIsAuditedAsAFinal() throws {
        let (dir, _) = try Self.write(Self.bank.replacingOccurrences(of: "title: Cues\n", with: "title: Cues\nkind: final\n"))
        let output = try Lookout.run(["check", "--audit", "--format", "json", dir])
        #expect(output.status == 0)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any])
        let lesson = try #require(((json["audit"] as? [String: Any])?["lessons"] as? [[String: Any]])?.first)
        #expect(lesson["kind"] as? String == "final")
        // The longest option is the unsafe "Call the police about them." in c1–c3: three unsafe choices
        // (its parts are below the mark as well; BankAuditTests checks the unsafe rule on its own).
        let strategies = try #require(lesson["strategies"] as? [[String: Any]])
        let longest = try #require(strategies.first { $0["id"] as? String == "longest" })
        #expect(longest["unsafeChoices"] as? Double == 3)
        #expect(longest["passes"] as? Bool == false)
    }

    @Test func shippedBankAuditRuns() throws {
        let output = try Lookout.run(["check", "--audit", Lookout.shippedBank])
        #expect(output.status == 0)
        #expect(output.stdout.contains("Audit: can a lesson be passed by surface cues?"))
        #expect(output.stdout.contains("\npol-final: "))
        #expect(!output.stderr.contains("error["))
    }
}
