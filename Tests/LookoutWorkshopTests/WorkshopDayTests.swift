import LookoutTestSupport
import Foundation
@testable import LookoutApp
import LookoutCore
import LookoutStore
import Testing

/// Issue 21, items 1 and 2: merging that remembers (`import --map` once, `learners merge`) and certificates for the
/// class (`certificate --all`), run as programs on real store files.
@Suite final class WorkshopDayTests {
    static let passphrase = "Tonle Sap 2026!"
    let folders = TemporaryFolders()
    let bankDir: String

    init() throws {
        bankDir = try WorkshopFixture.writeBank(to: folders.make("lookout-bank"))
    }

    /// Laptop 1 (the facilitator's): the fixture class, Alice, Bob, សុខា and Carol.
    func laptop1() throws -> String {
        let dir = try WorkshopFixture.makeStore(prefix: "a-")
        folders.track(dir)
        return dir
    }

    /// Laptop 3: another Alice (the same person as laptop 1's Alice, who moved laptops), with her L1 attempt.
    func laptop3() throws -> String {
        let dir = try WorkshopFixture.makeStore(prefix: "c-")
        folders.track(dir)
        let store = try ProgressStore.open(directory: dir)
        for name in ["Bob", WorkshopFixture.sokha, "Carol"] {
            if let learner = try store.learner(named: name) { try store.removeLearner(id: learner.id) }
        }
        try store.close()
        return dir
    }

    /// Laptop 3's Alice answers lesson L2 later in the day: a new attempt with two answers.
    func laterAnswers(on dir: String) throws {
        let store = try ProgressStore.open(directory: dir)
        let alice = try #require(try store.learner(named: "Alice"))
        let later = WorkshopFixture.day2 + 3_600_000
        let attempt = try store.startAttempt(learnerID: alice.id, lessonID: "L2", at: later, id: "c-att-alice-l2")
        try store.append(AnswerEvent(id: "c-ev-l2-1", learnerID: alice.id, attemptID: attempt.id, lessonID: "L2", scenarioID: "s2",
                                     scenarioRev: 1, questionID: "q1", chosen: [], credit: 1, action: nil, time: later + 1000,
                                     isRepeat: false))
        try store.append(AnswerEvent(id: "c-ev-l2-2", learnerID: alice.id, attemptID: attempt.id, lessonID: "L2", scenarioID: "s2",
                                     scenarioRev: 1, questionID: "q2", chosen: ["a1"], credit: 1, action: .tellSupervisor,
                                     time: later + 2000, isRepeat: false))
        try store.close()
    }

    func export(_ dataDir: String, label: String, name: String) throws -> String {
        let file = try folders.make("lookout-out") + "/" + name
        let out = try Lookout.run(["export", "--out", file, "--label", label, "--data-dir", dataDir])
        #expect(out.status == 0, "\(out.stderr)")
        return file
    }

    func list(_ dataDir: String) throws -> [String] {
        let out = try Lookout.run(["learners", "list", "--format", "json", "--data-dir", dataDir])
        #expect(out.status == 0, "\(out.stderr)")
        let items = try #require(try JSONSerialization.jsonObject(with: Data(out.stdout.utf8)) as? [[String: Any]])
        return items.compactMap { $0["name"] as? String }
    }

    func answers(_ dataDir: String, of name: String) throws -> Int {
        let store = try ProgressStore.open(directory: dataDir)
        defer { try? store.close() }
        let learner = try #require(try store.learner(named: name))
        return try store.answerCount(learnerID: learner.id)
    }

    @Test("done when: --map once at the first merge; the later export of laptop 3 merges into the same learner by itself")
    func aMapIsRemembered() throws {
        let facilitator = try laptop1()
        let three = try laptop3()
        let first = try export(three, label: "laptop 3", name: "laptop3-first.lookout")
        let merged = try Lookout.run(["import", first, "--map", "Alice=Alice", "--data-dir", facilitator])
        #expect(merged.status == 0, "\(merged.stderr)")
        #expect(merged.stdout.contains("laptop3-first.lookout: 'Alice' is merged into 'Alice' (--map; remembered for later imports)."), "\(merged.stdout)")
        #expect(merged.stdout.contains("Remembered 1 --map merge"))
        #expect(try answers(facilitator, of: "Alice") == 8)

        // Later: laptop 3's Alice does another lesson, and laptop 3 exports again.
        try laterAnswers(on: three)
        let second = try export(three, label: "laptop 3", name: "laptop3-later.lookout")
        let dry = try Lookout.run(["import", second, "--dry-run", "--data-dir", facilitator])
        #expect(dry.status == 0, "\(dry.stderr)")
        #expect(dry.stdout.contains("laptop3-later.lookout: 'Alice' would be merged into 'Alice' (remembered from an earlier --map or learners merge)."), "\(dry.stdout)")
        #expect(dry.stdout.contains("Dry run: nothing was changed."))

        let plain = try Lookout.run(["import", second, "--data-dir", facilitator])
        #expect(plain.status == 0, "\(plain.stdout) \(plain.stderr)")
        #expect(plain.stdout.contains("'Alice' is merged into 'Alice' (remembered"))
        let names = try list(facilitator)
        #expect(!names.contains { $0.contains("(laptop 3)") }, "\(names)")
        #expect(Set(names) == ["Alice", "Bob", WorkshopFixture.sokha, "Carol"])
        #expect(try answers(facilitator, of: "Alice") == 10)
        let text = try Lookout.run(["learners", "list", "--data-dir", facilitator])
        #expect(!text.stdout.contains("(laptop 3)"))

        // The mapping is in the store, keyed by laptop 3's store id and its Alice's id.
        let storeID = try ExportFile.read(path: second).storeID
        let store = try ProgressStore.open(directory: facilitator)
        let maps = try store.learnerMaps()
        try store.close()
        #expect(maps.map(\.storeID) == [storeID])
        #expect(maps.map(\.learnerID) == ["c-learner-alice"])
        #expect(maps.map(\.localLearnerID) == ["a-learner-alice"])
    }

    @Test("a refusal caused by a missing mapping names the --map to add")
    func aMissingMapIsNamed() throws {
        let facilitator = try laptop1()
        let three = try laptop3()
        let first = try export(three, label: "laptop 3", name: "first.lookout")
        #expect(try Lookout.run(["import", first, "--map", "Alice=Alice", "--data-dir", facilitator]).status == 0)
        // A store merged by a Lookout that did not remember mappings: the row is not there.
        let store = try ProgressStore.open(directory: facilitator)
        try store.close()
        try Self.sqlite(facilitator + "/progress.sqlite", "DELETE FROM import_maps;")
        try laterAnswers(on: three)
        let second = try export(three, label: "laptop 3", name: "second.lookout")
        let refused = try Lookout.run(["import", second, "--data-dir", facilitator])
        #expect(refused.status == 65)
        #expect(refused.stderr.contains("of 'Alice' is already in this store as an attempt of 'Alice'"), "\(refused.stderr)")
        #expect(refused.stderr.contains("import again with --map \"Alice=Alice\""), "\(refused.stderr)")
        #expect(refused.stderr.contains("Nothing was imported."))
        // Doing what it says works, and is remembered.
        #expect(try Lookout.run(["import", second, "--map", "Alice=Alice", "--data-dir", facilitator]).status == 0)
        #expect(try answers(facilitator, of: "Alice") == 10)
    }

    @Test("learners merge joins a split learner, answers and attempts included; later imports follow it")
    func learnersMergeJoinsTwoEntries() throws {
        let facilitator = try laptop1()
        let three = try laptop3()
        let first = try export(three, label: "laptop 3", name: "first.lookout")
        // The --map was forgotten: Alice is split in two.
        let split = try Lookout.run(["import", first, "--data-dir", facilitator])
        #expect(split.status == 0, "\(split.stderr)")
        #expect(split.stdout.contains("first.lookout: 'Alice' is already the name of another learner here, so this one is added as 'Alice (laptop 3)'."))
        #expect(try list(facilitator).contains("Alice (laptop 3)"))
        // --map cannot move what was imported, and says what can.
        let ignored = try Lookout.run(["import", first, "--map", "Alice=Alice", "--dry-run", "--data-dir", facilitator])
        #expect(ignored.stdout.contains("To join the two: lookout learners merge \"Alice (laptop 3)\" \"Alice\""), "\(ignored.stdout)")

        let dry = try Lookout.run(["learners", "merge", "Alice (laptop 3)", "Alice", "--dry-run", "--data-dir", facilitator])
        #expect(dry.status == 0, "\(dry.stderr)")
        #expect(dry.stdout.contains("Would move 1 lesson attempt and 4 answers from 'Alice (laptop 3)' to 'Alice'"))
        #expect(try list(facilitator).contains("Alice (laptop 3)"))

        let out = try Lookout.run(["learners", "merge", "Alice (laptop 3)", "Alice", "--data-dir", facilitator])
        #expect(out.status == 0, "\(out.stderr)")
        #expect(out.stdout.contains("Merged 'Alice (laptop 3)' into 'Alice': moved 1 lesson attempt and 4 answers"))
        #expect(!(try list(facilitator)).contains { $0.contains("(laptop 3)") })
        #expect(try answers(facilitator, of: "Alice") == 8)
        let store = try ProgressStore.open(directory: facilitator)
        let alice = try #require(try store.learner(named: "Alice"))
        #expect(Set(try store.attempts(learnerID: alice.id).map(\.id)) == ["a-att-alice", "c-att-alice"])
        try store.close()

        // The class report now counts one Alice.
        let report = try Lookout.run(["report", "--format", "json", "--bank", bankDir, "--data-dir", facilitator])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(report.stdout.utf8)) as? [String: Any])
        let rows = try #require(object["learners"] as? [[String: Any]])
        #expect(rows.filter { ($0["name"] as? String)?.hasPrefix("Alice") == true }.count == 1)

        // Laptop 3 exports again later: the plain import adds to Alice.
        try laterAnswers(on: three)
        let second = try export(three, label: "laptop 3", name: "second.lookout")
        let again = try Lookout.run(["import", second, "--data-dir", facilitator])
        #expect(again.status == 0, "\(again.stdout) \(again.stderr)")
        #expect(again.stdout.contains("'Alice' is merged into 'Alice' (remembered"))
        #expect(!(try list(facilitator)).contains { $0.contains("(laptop 3)") })
        #expect(try answers(facilitator, of: "Alice") == 10)

        // Bad input: an unknown name, or the same entry twice.
        let unknown = try Lookout.run(["learners", "merge", "Zed", "Alice", "--data-dir", facilitator])
        #expect(unknown.status == 65)
        let same = try Lookout.run(["learners", "merge", "Alice", "Alice", "--data-dir", facilitator])
        #expect(same.status == 65 && same.stderr.contains("the same entry"))
    }

    @Test("learners merge is guarded: the passphrase when one is set; a learner's PIN is never merged without one")
    func learnersMergeIsGuarded() throws {
        let data = try laptop1()
        // No passphrase, but Bob has a PIN: refused.
        let store = try ProgressStore.open(directory: data)
        let bob = try #require(try store.learner(named: "Bob"))
        try store.setSecretHash(.learner(bob.id), try PassphraseHash.make("pin 4821"))
        try store.close()
        let pinned = try Lookout.run(["learners", "merge", "Bob", "Alice", "--data-dir", data])
        #expect(pinned.status == 77, "\(pinned.stderr)")
        #expect(pinned.stderr.contains("'Bob' has a PIN"))
        #expect(try list(data).contains("Bob"))

        #expect(try Lookout.run(["facilitator", "set-passphrase", "--stdin", "--data-dir", data], stdin: Self.passphrase + "\n").status == 0)
        let refused = try Lookout.run(["learners", "merge", "Carol", "Alice", "--data-dir", data])
        #expect(refused.status == 77)
        #expect(refused.stderr.contains("'lookout learners merge' needs the facilitator passphrase"))
        #expect(try list(data).contains("Carol"))
        let ok = try Lookout.run(["learners", "merge", "Bob", "Alice", "--data-dir", data], environment: ["LOOKOUT_PASSPHRASE": Self.passphrase])
        #expect(ok.status == 0, "\(ok.stderr)")
        #expect(!(try list(data)).contains("Bob"))
        // Bob's PIN went with his entry.
        let after = try ProgressStore.open(directory: data)
        #expect(try after.meta(SecretKey.learner(bob.id).hashMetaKey) == nil)
        try after.close()
    }

    @Test("certificate --all writes a record for each learner who passed (0600) and says who has not, and why")
    func certificatesForTheClass() throws {
        let data = try laptop1()
        let folder = try folders.make("lookout-certs") + "/records"
        let out = try Lookout.run(["certificate", "--all", "--lesson", "L1", "--out", folder, "--bank", bankDir, "--data-dir", data])
        #expect(out.status == 0, "\(out.stderr)")
        #expect(out.stdout.contains("(L1): 1 of 4 learners; records written to '\(folder)':"), "\(out.stdout)")
        #expect(out.stdout.contains("  Alice: "))
        #expect(out.stdout.contains("Not passed (3):"))
        #expect(out.stdout.contains("  Bob: has not passed lesson 'L1'"), "\(out.stdout)")
        #expect(out.stdout.contains("  \(WorkshopFixture.sokha): has not finished lesson 'L1'"), "\(out.stdout)")
        #expect(out.stdout.contains("  Carol: has not started lesson 'L1'"), "\(out.stdout)")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
        #expect(files == ["Alice.html", "Alice.txt"])
        for file in files {
            let mode = try FileManager.default.attributesOfItem(atPath: folder + "/" + file)[.posixPermissions] as? Int
            #expect(mode == 0o600, "\(file)")
        }
        let folderMode = try FileManager.default.attributesOfItem(atPath: folder)[.posixPermissions] as? Int
        #expect(folderMode == 0o700)
        // The same record as the one-learner command.
        let one = try Lookout.run(["certificate", "--learner", "Alice", "--lesson", "L1", "--bank", bankDir, "--data-dir", data])
        #expect(one.status == 0)
        let written = try String(contentsOfFile: folder + "/Alice.txt", encoding: .utf8)
        #expect(written == TerminalText.safeLines(one.stdout) || written.trimmingCharacters(in: .newlines) == one.stdout.trimmingCharacters(in: .newlines))

        // Bad input: both --learner and --all, --all without --out.
        #expect(try Lookout.run(["certificate", "--all", "--learner", "Alice", "--lesson", "L1", "--out", folder, "--data-dir", data]).status == 64)
        #expect(try Lookout.run(["certificate", "--all", "--lesson", "L1", "--data-dir", data]).status == 64)

        // Guarded like the one-learner command.
        #expect(try Lookout.run(["facilitator", "set-passphrase", "--stdin", "--data-dir", data], stdin: Self.passphrase + "\n").status == 0)
        let refused = try Lookout.run(["certificate", "--all", "--lesson", "L1", "--out", folder, "--bank", bankDir, "--data-dir", data])
        #expect(refused.status == 77)
        #expect(refused.stderr.contains("'lookout certificate' needs the facilitator passphrase"))
        let ok = try Lookout.run(["certificate", "--all", "--lesson", "L1", "--out", folder, "--bank", bankDir, "--data-dir", data],
                                 environment: ["LOOKOUT_PASSPHRASE": Self.passphrase])
        #expect(ok.status == 0, "\(ok.stderr)")
    }

    @Test("certificate --all leaves out a learner with a PIN while no passphrase is set, and says how many")
    func certificatesKeepPINsPrivate() throws {
        let data = try laptop1()
        let store = try ProgressStore.open(directory: data)
        let alice = try #require(try store.learner(named: "Alice"))
        try store.setSecretHash(.learner(alice.id), try PassphraseHash.make("pin 4821"))
        try store.close()
        let folder = try folders.make("lookout-certs")
        let out = try Lookout.run(["certificate", "--all", "--lesson", "L1", "--out", folder, "--bank", bankDir, "--data-dir", data])
        #expect(out.status == 0, "\(out.stderr)")
        #expect(!out.stdout.contains("Alice"))
        #expect(out.stdout.contains("0 of 3 learners; no records written."), "\(out.stdout)")
        #expect(out.stderr.contains("1 learner has a PIN"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).isEmpty)
    }

    @Test func fileNamesForRecords() {
        var taken = Set<String>()
        #expect(CertificateFiles.uniqueFileBase("Dara", taken: &taken) == "Dara")
        #expect(CertificateFiles.uniqueFileBase("dara", taken: &taken) == "dara-2")
        #expect(CertificateFiles.uniqueFileBase("../etc/passwd", taken: &taken) == "etc-passwd")
        #expect(CertificateFiles.uniqueFileBase(".hidden", taken: &taken) == "hidden")
        #expect(CertificateFiles.uniqueFileBase("Sokha (laptop 3)", taken: &taken) == "Sokha-laptop-3")
        #expect(CertificateFiles.uniqueFileBase("សុខា", taken: &taken) == "សុខា")
        #expect(CertificateFiles.uniqueFileBase("\u{202E}evil", taken: &taken) == "evil")
        #expect(CertificateFiles.uniqueFileBase("🌱", taken: &taken) == "learner")
        #expect(CertificateFiles.uniqueFileBase("?!", taken: &taken) == "learner-2")
    }

    /// Runs `sql` on a store file with the sqlite3 tool.
    static func sqlite(_ path: String, _ sql: String) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        process.arguments = ["-bail", path, sql]
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
    }
}
