import LookoutTestSupport
import Foundation
@testable import LookoutApp
import LookoutCore
import LookoutStore
import Testing

/// Issue 20, points 1 and 2, through the real binary on real stores: the lock belongs to the teacher, and a PIN
/// means private everywhere.
@Suite final class SharedLaptopTests {
    static let passphrase = "Tonle Sap 2026!"
    static let pin = "4821"
    let folders = TemporaryFolders()

    /// The workshop class (Alice, Bob, Sokha answered L1; Carol did not) in a real store, Alice with a PIN.
    func classStore(alicePIN: Bool = true) throws -> (data: String, bank: String) {
        let data = try WorkshopFixture.makeStore()
        folders.track(data)
        let bank = try WorkshopFixture.writeBank(to: try folders.make("lookout-bank"))
        if alicePIN {
            let store = try ProgressStore.open(directory: data)
            let alice = try #require(try store.learner(named: "Alice"))
            try store.setSecretHash(.learner(alice.id), try PassphraseHash.make(Self.pin))
            try store.close()
        }
        return (data, bank)
    }

    func answerCount(_ data: String, _ name: String) throws -> Int {
        let store = try ProgressStore.open(directory: data)
        defer { try? store.close() }
        let who = try #require(try store.learner(named: name))
        return try store.answerCount(learnerID: who.id)
    }

    /// The number of the "Facilitator: class results" row in plain mode's track menu for the shipped bank.
    static func facilitatorRow() throws -> Int {
        let bank = BankLocator.load(root: Lookout.shippedBank).bank
        let tracks = Track.allCases.filter { t in bank.lessons.contains { $0.audience == t.audience } }
        return tracks.count + 2
    }

    // MARK: Point 1: the lock belongs to the teacher

    @Test func aLearnersMenuOnAFreshTwoLearnerStoreOffersNoPassphrase() throws {
        let data = try folders.make("lookout-shared")
        #expect(try Lookout.run(["learners", "add", "Dara", "--data-dir", data]).status == 0)
        #expect(try Lookout.run(["learners", "add", "Srey Pov", "--data-dir", data]).status == 0)
        // Dara opens "Facilitator: class results" from her menu, then quits.
        let row = try Self.facilitatorRow()
        let out = try Lookout.run(["train", "--plain", "--data-dir", data, "--bank", Lookout.shippedBank],
                                  stdin: "1\n\(row)\nq\ny\n")
        #expect(out.status == 0, "\(out.stderr)")
        #expect(out.stdout.contains("Hello, Dara"))
        #expect(!out.stdout.lowercased().contains("passphrase"), "\(out.stdout)")
        #expect(out.stdout.contains("Class results open once 3 or more learners have answered (0 so far)"))
        let status = try Lookout.run(["facilitator", "status", "--data-dir", data])
        #expect(status.stdout.contains("No facilitator passphrase is set"))
    }

    @Test func theTeacherSetsThePassphraseOnTheFirstScreenAndTheRecoveryCodeClearsItKeepingEveryAnswer() throws {
        let data = try folders.make("lookout-shared")
        // The first start: no learner yet. The screen offers the teacher's row (3: after new learner, facilitator).
        let first = try Lookout.run(["train", "--plain", "--data-dir", data, "--bank", Lookout.shippedBank],
                                    stdin: "3\n\(Self.passphrase)\n\(Self.passphrase)\nq\ny\n")
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("For the teacher: set the facilitator passphrase"))
        let code = try #require(first.stdout.firstMatch(of: /Recovery code, shown only this once: ([A-Z0-9-]+)\./)?.1)
        #expect(code.count == 23)
        #expect(try Lookout.run(["facilitator", "status", "--data-dir", data]).stdout.contains("A facilitator passphrase is set"))
        // Only the code's hash is stored.
        let store = try ProgressStore.open(directory: data)
        let stored = try #require(try store.secretHash(FacilitatorRecovery.key))
        #expect(!stored.contains(String(code)) && stored.hasPrefix("pbkdf2-sha256$"))
        try store.close()
        // Once a learner exists, the first screen no longer offers it.
        #expect(try Lookout.run(["learners", "add", "Dara", "--data-dir", data]).status == 0)
        let later = try Lookout.run(["train", "--plain", "--data-dir", data, "--bank", Lookout.shippedBank], stdin: "q\ny\n")
        #expect(!later.stdout.contains("For the teacher"))

        // The forgotten-passphrase procedure: a wrong code is refused (77), the right one clears the lock only.
        let classData = try classStore(alicePIN: false).data
        let set = try Lookout.run(["facilitator", "set-passphrase", "--stdin", "--data-dir", classData], stdin: Self.passphrase + "\n")
        #expect(set.status == 0)
        let classCode = try #require(set.stdout.firstMatch(of: /Recovery code \(shown only this once\): ([A-Z0-9-]+)/)?.1)
        let before = try answerCount(classData, "Alice") + answerCount(classData, "Bob")
        let wrong = try Lookout.run(["facilitator", "recover", "--stdin", "--data-dir", classData], stdin: "AAAAA-BBBBB-CCCCC-DDDDD\n")
        #expect(wrong.status == 77)
        #expect(try Lookout.run(["facilitator", "status", "--data-dir", classData]).stdout.contains("A facilitator passphrase is set"))
        let right = try Lookout.run(["facilitator", "recover", "--stdin", "--data-dir", classData],
                                    stdin: String(classCode).lowercased().replacingOccurrences(of: "-", with: " ") + "\n")
        #expect(right.status == 0, "\(right.stderr)")
        #expect(try Lookout.run(["facilitator", "status", "--data-dir", classData]).stdout.contains("No facilitator passphrase is set"))
        #expect(try answerCount(classData, "Alice") + answerCount(classData, "Bob") == before)
        #expect(before == 9)
    }

    @Test func classResultsInTheTrainerNeedThreeActiveLearners() throws {
        let (data, bank) = try classStore(alicePIN: false)
        // Three active learners: the class results open from the first screen, without choosing a learner
        // (row: 4 learners, new learner, then the facilitator row).
        let open = try Lookout.run(["train", "--plain", "--data-dir", data, "--bank", bank], stdin: "6\ny\nq\ny\n")
        #expect(open.status == 0, "\(open.stderr)")
        #expect(open.stdout.contains("Class report"), "\(open.stdout)")
        // Alice's PIN leaves two active learners visible while no passphrase is set: withheld.
        let store = try ProgressStore.open(directory: data)
        let alice = try #require(try store.learner(named: "Alice"))
        try store.setSecretHash(.learner(alice.id), try PassphraseHash.make(Self.pin))
        try store.close()
        let withheld = try Lookout.run(["train", "--plain", "--data-dir", data, "--bank", bank], stdin: "6\nq\ny\n")
        #expect(withheld.stdout.contains("Class results open once 3 or more learners have answered (2 so far)"), "\(withheld.stdout)")
        #expect(!withheld.stdout.contains("Class report"))
    }

    // MARK: Point 2: a PIN means private everywhere

    @Test func progressOfAPINLearnerWithoutPINOrPassphraseExits77WithNothingOfTheirs() throws {
        let (data, bank) = try classStore()
        let refused = try Lookout.run(["progress", "--learner", "Alice", "--data-dir", data, "--bank", bank])
        #expect(refused.status == 77, "\(refused.stderr)")
        #expect(refused.stdout.isEmpty)
        #expect(!refused.stderr.contains("answers") && !refused.stderr.contains("L1"))
        #expect(refused.stderr.contains("needs the PIN of this learner"))
        let wrong = try Lookout.run(["progress", "--learner", "Alice", "--data-dir", data, "--bank", bank], environment: ["LOOKOUT_PIN": "0000"])
        #expect(wrong.status == 77 && wrong.stdout.isEmpty)
        let ok = try Lookout.run(["progress", "--learner", "Alice", "--data-dir", data, "--bank", bank], environment: ["LOOKOUT_PIN": Self.pin])
        #expect(ok.status == 0, "\(ok.stderr)")
        #expect(ok.stdout.contains("Learner: Alice"))
        let viaStdin = try Lookout.run(["progress", "--learner", "Alice", "--pin-stdin", "--data-dir", data, "--bank", bank], stdin: Self.pin + "\n")
        #expect(viaStdin.status == 0 && viaStdin.stdout.contains("Learner: Alice"))
        // A learner without a PIN stays open while no passphrase is set.
        #expect(try Lookout.run(["progress", "--learner", "Bob", "--data-dir", data, "--bank", bank]).status == 0)
        // With a passphrase set, the passphrase opens Alice's record too.
        #expect(try Lookout.run(["facilitator", "set-passphrase", "--stdin", "--data-dir", data], stdin: Self.passphrase + "\n").status == 0)
        let facilitator = try Lookout.run(["progress", "--learner", "Alice", "--data-dir", data, "--bank", bank],
                                          environment: ["LOOKOUT_PASSPHRASE": Self.passphrase])
        #expect(facilitator.status == 0 && facilitator.stdout.contains("Learner: Alice"))
        #expect(try Lookout.run(["progress", "--learner", "Bob", "--data-dir", data, "--bank", bank]).status == 77)
    }

    @Test func progressResetOfAPINLearnerWithoutPINLeavesEveryAnswer() throws {
        let (data, _) = try classStore()
        let before = try answerCount(data, "Alice")
        #expect(before == 4)
        let refused = try Lookout.run(["progress", "reset", "--learner", "Alice", "--yes", "--data-dir", data])
        #expect(refused.status == 77, "\(refused.stderr)")
        #expect(refused.stdout.isEmpty)
        #expect(try answerCount(data, "Alice") == before)
        let ok = try Lookout.run(["progress", "reset", "--learner", "Alice", "--yes", "--data-dir", data], environment: ["LOOKOUT_PIN": Self.pin])
        #expect(ok.status == 0, "\(ok.stderr)")
        #expect(try answerCount(data, "Alice") == 0)
    }

    @Test func everyPerLearnerCommandNeedsThePINOfAPINLearner() throws {
        let (data, bank) = try classStore()
        let commands: [[String]] = [
            ["certificate", "--learner", "Alice", "--lesson", "L1", "--bank", bank],
            ["learners", "rename", "Alice", "Alicia"],
            ["learners", "remove", "Alice", "--yes"],
            ["learners", "clear-pin", "Alice"],
        ]
        for command in commands {
            let out = try Lookout.run(command + ["--data-dir", data])
            #expect(out.status == 77, "\(command): \(out.status) \(out.stderr)")
            #expect(out.stdout.isEmpty, "\(command)")
        }
        #expect(try answerCount(data, "Alice") == 4)
        let renamed = try Lookout.run(["learners", "rename", "Alice", "Alicia", "--data-dir", data], environment: ["LOOKOUT_PIN": Self.pin])
        #expect(renamed.status == 0, "\(renamed.stderr)")
    }

    @Test func classWideCommandsShowNoLearnerWithAPINWhileNoPassphraseIsSet() throws {
        let (data, bank) = try classStore()
        let progress = try Lookout.run(["progress", "--data-dir", data, "--bank", bank])
        #expect(progress.status == 0, "\(progress.stderr)")
        #expect(progress.stdout.contains("Learner: Bob") && !progress.stdout.contains("Alice"))
        #expect(progress.stderr.contains("1 learner has a PIN and is not shown"))
        let csv = try Lookout.run(["progress", "--format", "csv", "--data-dir", data, "--bank", bank])
        #expect(!csv.stdout.contains("Alice"))
        let report = try Lookout.run(["report", "--format", "json", "--data-dir", data, "--bank", bank])
        #expect(report.status == 0, "\(report.stderr)")
        #expect(!report.stdout.contains("Alice") && report.stdout.contains("Bob"))
        let list = try Lookout.run(["learners", "list", "--data-dir", data])
        #expect(list.stdout == "Alice\nBob\n\(WorkshopFixture.sokha)\nCarol\n", "names only: \(list.stdout)")
        // With the passphrase set and given, the whole class.
        #expect(try Lookout.run(["facilitator", "set-passphrase", "--stdin", "--data-dir", data], stdin: Self.passphrase + "\n").status == 0)
        let all = try Lookout.run(["progress", "--data-dir", data, "--bank", bank], environment: ["LOOKOUT_PASSPHRASE": Self.passphrase])
        #expect(all.stdout.contains("Learner: Alice") && all.stderr.isEmpty)
    }
}
