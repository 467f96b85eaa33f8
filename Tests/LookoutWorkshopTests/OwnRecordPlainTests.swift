import LookoutTestSupport
import Foundation
import LookoutCore
import Testing

/// Issue 20 point 9: "My progress" in plain mode lets a learner save their own completion record of a lesson they
/// passed: the same record as `lookout certificate` (same code path and pass rule), 0600, into the data folder or a
/// folder they name; by the certificate's access rule.
@Suite final class OwnRecordPlainTests {
    let folders = TemporaryFolders()
    let bankDir: String
    let dataDir: String

    init() throws {
        bankDir = try WorkshopFixture.writeBank(to: folders.make("lookout-bank"))
        dataDir = try WorkshopFixture.makeStore()
        folders.track(dataDir)
    }

    /// The number plain mode prints before a row ("  3. My progress").
    static func row(_ title: String, in output: String) -> String? {
        for line in output.split(separator: "\n") {
            let trimmed = line.drop { $0 == " " }
            let digits = trimmed.prefix { $0.isNumber }
            if !digits.isEmpty, trimmed.dropFirst(digits.count).hasPrefix(". " + title) { return String(digits) }
        }
        return nil
    }

    /// Opens "My progress" for a learner and returns the conversation, waiting after the progress.
    func openProgress(_ learner: String) throws -> PlainConversation {
        let talk = try PlainConversation(["train", "--plain", "--bank", bankDir, "--data-dir", dataDir, "--learner", learner],
                                         environment: ["TZ": "UTC"])
        let menu = try talk.wait(for: "Switch learner")
        let progress = try #require(Self.row("My progress", in: menu))
        talk.send(progress)
        return talk
    }

    @Test func aLearnerSavesTheirOwnRecordIntoAFolderTheyName() throws {
        let folder = try folders.make("lookout-own")
        let talk = try openProgress("Alice")
        let list = try talk.wait(for: "Number of a lesson to save its record")
        #expect(list.contains("Save my completion record (the same record as 'lookout certificate'):"))
        let number = try #require(Self.row("Front desk", in: list))
        talk.send(number)
        try talk.wait(for: "Folder to save it in (Enter: the data folder):")
        talk.send(folder)
        try talk.wait(for: "Saved your completion record: \(folder)/record-L1-Alice.txt and \(folder)/record-L1-Alice.html")
        let output = talk.finish()
        #expect(output.status == 0, "\(output.stderr)")

        let text = try String(contentsOfFile: folder + "/record-L1-Alice.txt", encoding: .utf8)
        let html = try String(contentsOfFile: folder + "/record-L1-Alice.html", encoding: .utf8)
        for path in [folder + "/record-L1-Alice.txt", folder + "/record-L1-Alice.html"] {
            let mode = try #require(try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int)
            #expect(mode == 0o600, "\(path): \(String(mode, radix: 8))")
        }
        // The same record as `lookout certificate` writes.
        let base = try folders.make("lookout-cert") + "/alice"
        let certificate = try Lookout.run(["certificate", "--learner", "Alice", "--lesson", "L1", "--out", base,
                                           "--bank", bankDir, "--data-dir", dataDir], environment: ["TZ": "UTC"])
        #expect(certificate.status == 0, "\(certificate.stderr)")
        #expect(text == (try String(contentsOfFile: base + ".txt", encoding: .utf8)))
        #expect(html == (try String(contentsOfFile: base + ".html", encoding: .utf8)))
        #expect(text.contains("Name:                Alice\n") && text.contains("Score:               87%\n"))
    }

    @Test func enterSavesIntoTheDataFolder() throws {
        let talk = try openProgress("Alice")
        let list = try talk.wait(for: "Number of a lesson to save its record")
        talk.send(try #require(Self.row("Front desk", in: list)))
        try talk.wait(for: "Folder to save it in")
        talk.send("")
        try talk.wait(for: "Saved your completion record: \(dataDir)/record-L1-Alice.txt")
        #expect(talk.finish().status == 0)
        let mode = try FileManager.default.attributesOfItem(atPath: dataDir + "/record-L1-Alice.txt")[.posixPermissions] as? Int
        #expect(mode == 0o600)
    }

    /// A learner who passed nothing is offered no record; a folder that does not exist is said, and nothing written.
    @Test func nothingPassedOffersNothingAndAMissingFolderIsSaid() throws {
        let bob = try openProgress("Bob")
        try bob.wait(for: "== Your progress ==")
        try bob.wait(for: "Switch learner")
        let bobOutput = bob.finish()
        #expect(!bobOutput.stdout.contains("Save my completion record"))

        let alice = try openProgress("Alice")
        let list = try alice.wait(for: "Number of a lesson to save its record")
        alice.send(try #require(Self.row("Front desk", in: list)))
        try alice.wait(for: "Folder to save it in")
        let missing = dataDir + "/no-such-folder"
        alice.send(missing)
        try alice.wait(for: "There is no folder '\(missing)'; create it first, or press Enter for the data folder.")
        #expect(alice.finish().status == 0)
        #expect(!FileManager.default.fileExists(atPath: missing))
    }

    /// As `lookout certificate`: with a facilitator passphrase set, a learner without a PIN is told to ask the
    /// facilitator, and no record is written.
    @Test func aLockedLaptopSendsALearnerWithoutAPINToTheFacilitator() throws {
        let set = try Lookout.run(["facilitator", "set-passphrase", "--stdin", "--data-dir", dataDir], stdin: "class of 2026\n")
        #expect(set.status == 0, "\(set.stderr)")
        let talk = try openProgress("Alice")
        try talk.wait(for: "ask your facilitator for your record")
        let output = talk.finish()
        #expect(!output.stdout.contains("Number of a lesson to save its record"))
        let written = try FileManager.default.contentsOfDirectory(atPath: dataDir).filter { $0.hasPrefix("record-") }
        #expect(written.isEmpty)
    }
}
