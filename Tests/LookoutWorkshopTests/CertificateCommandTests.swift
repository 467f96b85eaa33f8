import LookoutTestSupport
import Foundation
import LookoutApp
import LookoutCore
import Testing

/// `lookout certificate`, run as a program.
@Suite final class CertificateCommandTests {
    let folders = TemporaryFolders()
    let bankDir: String
    let dataDir: String

    init() throws {
        bankDir = try WorkshopFixture.writeBank(to: folders.make("lookout-bank"))
        dataDir = try WorkshopFixture.makeStore()
        folders.track(dataDir)
    }

    func run(_ arguments: [String]) throws -> Lookout.Output {
        try Lookout.run(["certificate"] + arguments + ["--bank", bankDir, "--data-dir", dataDir], environment: ["TZ": "UTC"])
    }

    @Test func writesTextAndHTML() throws {
        let base = try folders.make("lookout-cert") + "/alice"
        let out = try run(["--learner", "Alice", "--lesson", "L1", "--out", base + ".html", "--organisation", "Hotel <Angkor> & Spa"])
        #expect(out.status == 0, "\(out.stderr)")
        #expect(out.stdout.contains("Wrote '\(base).txt' and '\(base).html': Alice passed 'Front desk & \"first steps\"' with 87% on 2026-11-26."))
        let text = try String(contentsOfFile: base + ".txt", encoding: .utf8)
        let html = try String(contentsOfFile: base + ".html", encoding: .utf8)
        let fingerprint = LessonFingerprint.of(lesson: try #require(try WorkshopFixture.bank().lesson("L1")), bank: try WorkshopFixture.bank())
        for line in ["Name:                Alice", "Lesson:              Front desk & \"first steps\" (L1)", "Score:               87%",
                     "Pass mark:           70%", "Date passed:         2026-11-26", "Region:              Testland Province <North>",
                     "Issued by:           Hotel <Angkor> & Spa", "Lesson fingerprint:  \(fingerprint.short)"] {
            #expect(text.contains(line + "\n"), "missing: \(line)")
        }
        #expect(html.contains("<td>Testland Province &lt;North&gt;</td>"))
        #expect(html.contains("<td>Hotel &lt;Angkor&gt; &amp; Spa</td>"))
        #expect(html.contains("<td>Front desk &amp; &quot;first steps&quot; (L1)</td>"))
        #expect(html.contains("<td class=\"fingerprint\">\(fingerprint.short)</td>"))
        #expect(!html.contains("<Angkor>") && !html.contains("<North>"))
    }

    @Test func printsTextWithoutOut() throws {
        let out = try run(["--learner", " Alice ", "--lesson", "L1"]) // names are compared trimmed
        #expect(out.status == 0, "\(out.stderr)")
        #expect(out.stdout.hasPrefix("LOOKOUT: RECORD OF COMPLETION\n"))
        #expect(out.stdout.contains("Name:                Alice\n"))
    }

    @Test func refusesWhenTheLessonWasNotPassed() throws {
        let folder = try folders.make("lookout-cert")
        let bob = try run(["--learner", "Bob", "--lesson", "L1", "--out", folder + "/bob"])
        #expect(bob.status == 1)
        #expect(bob.stderr.contains("Bob has not passed lesson 'L1': spotting the signs 25% (needs 70%); acting safely 0% (needs 70%), so there is no completion record"))
        #expect(!FileManager.default.fileExists(atPath: folder + "/bob.txt"))
        #expect(!FileManager.default.fileExists(atPath: folder + "/bob.html"))

        let sokha = try run(["--learner", WorkshopFixture.sokha, "--lesson", "L1"])
        #expect(sokha.status == 1)
        #expect(sokha.stderr.contains("សុខា has not finished lesson 'L1' yet (50% of its questions answered)"))
        let carol = try run(["--learner", "Carol", "--lesson", "L2"])
        #expect(carol.status == 1)
        #expect(carol.stderr.contains("Carol has not started lesson 'L2'"))
    }

    @Test func unknownNamesAreRefused() throws {
        let learner = try run(["--learner", "Nobody", "--lesson", "L1"])
        #expect(learner.status == 65)
        #expect(learner.stderr.contains("there is no learner called 'Nobody'"))
        let lesson = try run(["--learner", "Alice", "--lesson", "L9"])
        #expect(lesson.status == 65)
        #expect(lesson.stderr.contains("there is no lesson 'L9' in the scenario bank; the lessons are: L1, L2"))
        let region = try run(["--learner", "Alice", "--lesson", "L1", "--region", "XX"])
        #expect(region.status == 65)
        #expect(region.stderr.contains("there is no region 'XX'"))
    }

    @Test func outPathsDropAKnownEnding() {
        #expect(CertificateFiles.paths(for: "a/b") == ("a/b.txt", "a/b.html"))
        #expect(CertificateFiles.paths(for: "a/b.txt") == ("a/b.txt", "a/b.html"))
        #expect(CertificateFiles.paths(for: "a/b.HTM") == ("a/b.txt", "a/b.html"))
        #expect(CertificateFiles.paths(for: "b.pdf") == ("b.pdf.txt", "b.pdf.html"))
    }
}
