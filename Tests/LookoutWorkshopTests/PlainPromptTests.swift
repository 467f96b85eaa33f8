import LookoutTestSupport
import Foundation
@testable import LookoutApp
import LookoutCore
import LookoutStore
import Testing

/// Issue 20, point 6: in plain mode `q` then `y` quits at every prompt (the facilitator's too), and `r N` starts
/// lesson N again (asking first when an attempt is in progress).
@Suite final class PlainPromptTests {
    let folders = TemporaryFolders()

    @Test func quitAtTheFacilitatorPromptQuits() throws {
        let data = try WorkshopFixture.makeStore()
        folders.track(data)
        let bank = try WorkshopFixture.writeBank(to: try folders.make("lookout-bank"))
        // First screen: Alice, Bob, Sokha, Carol, new learner, 6 = class results; then "Print it here?" q, y.
        let out = try Lookout.run(["train", "--plain", "--data-dir", data, "--bank", bank], stdin: "6\nq\ny\n1\n1\n")
        #expect(out.status == 0, "\(out.stderr)")
        let goodbye = try #require(out.stdout.range(of: "Goodbye"), "\(out.stdout)")
        let after = out.stdout[goodbye.upperBound...]
        #expect(!after.contains("Who is learning?") && !after.contains("Hello,"), "\(after)")
    }

    @Test func rNStartsALessonAgainAfterAYes() throws {
        let data = try WorkshopFixture.makeStore()
        folders.track(data)
        let bank = try WorkshopFixture.writeBank(to: try folders.make("lookout-bank"))
        // Sokha (row 3) has an unfinished attempt of L1 (lesson 1 of the only track).
        let no = try Lookout.run(["train", "--plain", "--data-dir", data, "--bank", bank], stdin: "3\n1\nr 1\nn\nq\ny\n")
        #expect(no.stdout.contains("again? The answers given so far stay saved"), "\(no.stdout)")
        func attempts() throws -> Int {
            let store = try ProgressStore.open(directory: data)
            defer { try? store.close() }
            return try store.allAttempts().filter { $0.learnerID.hasSuffix("sokha") }.count
        }
        #expect(try attempts() == 1)
        let yes = try Lookout.run(["train", "--plain", "--data-dir", data, "--bank", bank], stdin: "3\n1\nr 1\ny\nq\ny\n")
        #expect(yes.status == 0, "\(yes.stderr)")
        #expect(try attempts() == 2)
    }
}

/// Issue 20, point 9: smaller items.
@Suite final class SmallerItemsTests {
    let folders = TemporaryFolders()

    @Test func noBankFoundIsItsOwnMessage() throws {
        let empty = try folders.make("lookout-nobank")
        let data = ["--data-dir", empty + "/data"]
        for command in [["train", "--plain"] + data, ["progress"] + data, ["handout", "--lesson", "x", "--out", empty + "/h.html"], ["report"] + data] {
            let out = try Lookout.run(command, executable: nil, cwd: empty)
            #expect(out.status == 65, "\(command): \(out.stderr)")
            #expect(out.stderr.contains("no scenario bank found (looked in: Scenarios"), "\(command): \(out.stderr)")
            #expect(!out.stderr.contains("error(s)"))
        }
    }

    @Test func aFailedLookUpNeverCreatesAStore() throws {
        let home = try folders.make("lookout-home")
        let env = ["HOME": home, "XDG_DATA_HOME": home + "/xdg"]
        let progress = try Lookout.run(["progress", "--learner", "Nobody", "--bank", Lookout.shippedBank], environment: env)
        #expect(progress.status == 65 && progress.stderr.contains("no learner named 'Nobody'"))
        let certificate = try Lookout.run(["certificate", "--learner", "Nobody", "--lesson", "hos-final", "--bank", Lookout.shippedBank],
                                          environment: env)
        #expect(certificate.status == 65, "\(certificate.stderr)")
        let all = try Lookout.run(["progress", "--bank", Lookout.shippedBank], environment: env)
        #expect(all.status == 0 && all.stdout.contains("No learners yet"))
        #expect(!FileManager.default.fileExists(atPath: home + "/xdg/lookout/progress.sqlite"))
        #expect(((try? FileManager.default.contentsOfDirectory(atPath: home + "/xdg/lookout")) ?? []).isEmpty)
    }

    @Test func helpTextsNameTheLearnerOptionAndClearPIN() throws {
        let reset = try Lookout.run(["progress", "reset", "--help"])
        #expect(reset.stdout.contains("USAGE: lookout progress reset --learner <name>"), "\(reset.stdout)")
        let learners = try Lookout.run(["learners", "--help"])
        #expect(learners.stdout.contains("clear-pin"))
    }

    @Test func myProgressNamesThePassedLessonsAndCertificatesAre0600() throws {
        let data = try WorkshopFixture.makeStore()
        folders.track(data)
        let bank = try WorkshopFixture.writeBank(to: try folders.make("lookout-bank"))
        // Alice (row 1, no PIN) opens "My progress" (track menu: 1 Hospitality, 2 My progress).
        let out = try Lookout.run(["train", "--plain", "--data-dir", data, "--bank", bank], stdin: "1\n2\nq\ny\n")
        #expect(out.stdout.contains("Passed: Front desk"), "\(out.stdout)")
        let folder = try folders.make("lookout-cert")
        let cert = try Lookout.run(["certificate", "--learner", "Alice", "--lesson", "L1", "--out", folder + "/alice",
                                    "--data-dir", data, "--bank", bank])
        #expect(cert.status == 0, "\(cert.stderr)")
        for path in [folder + "/alice.txt", folder + "/alice.html"] {
            let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
            #expect(mode == 0o600, "\(path)")
        }
    }
}
