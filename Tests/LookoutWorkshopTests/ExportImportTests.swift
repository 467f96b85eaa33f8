import LookoutTestSupport
import Crypto
import Foundation
import LookoutApp
import LookoutCore
import LookoutStore
import Testing

/// `lookout export` and `lookout import`, run as programs on real store files.
@Suite final class ExportImportTests {
    let folders = TemporaryFolders()
    let bankDir: String

    init() throws {
        bankDir = try WorkshopFixture.writeBank(to: folders.make("lookout-bank"))
    }

    /// A store holding the fixture class with ids prefixed by `prefix`.
    func classStore(_ prefix: String) throws -> String {
        let dir = try WorkshopFixture.makeStore(prefix: prefix)
        folders.track(dir)
        return dir
    }

    func export(_ dataDir: String, label: String? = nil) throws -> String {
        let file = try folders.make("lookout-out") + "/export.json"
        var arguments = ["export", "--out", file, "--data-dir", dataDir]
        if let label { arguments += ["--label", label] }
        let out = try Lookout.run(arguments)
        #expect(out.status == 0, "\(out.stderr)")
        return file
    }

    func importFiles(_ files: [String], into dataDir: String, extra: [String] = []) throws -> Lookout.Output {
        try Lookout.run(["import"] + files + extra + ["--data-dir", dataDir])
    }

    func snapshot(_ dataDir: String) throws -> (learners: [Learner], events: [AnswerEvent]) {
        let store = try ProgressStore.open(directory: dataDir)
        defer { try? store.close() }
        return (try store.learners(), try store.allEvents())
    }

    func names(_ dataDir: String) throws -> Set<String> { Set(try snapshot(dataDir).learners.map(\.name)) }

    @Test func theFileIsVersionedAndCheckedBySHA256() throws {
        let source = try classStore("a-")
        let file = try export(source, label: "laptop 1")
        let bytes = try Data(contentsOf: URL(fileURLWithPath: file))
        let text = String(decoding: bytes, as: UTF8.self)
        let object = try #require(try JSONSerialization.jsonObject(with: bytes) as? [String: Any])
        #expect(Set(object.keys) == ["format", "version", "sha256", "payload"])
        #expect(object["format"] as? String == "lookout-export")
        #expect(object["version"] as? Int == 1)
        // The checksum is the SHA-256 of the payload's bytes as they stand in the file.
        let start = try #require(text.range(of: "\"payload\":")).upperBound
        let end = try #require(text.range(of: "}", options: .backwards)).lowerBound
        let payloadBytes = Data(text[start..<end].utf8)
        let digest = SHA256.hash(data: payloadBytes).map { String(format: "%02x", $0) }.joined()
        #expect(object["sha256"] as? String == digest)
        let payload = try #require(object["payload"] as? [String: Any])
        #expect(Set(payload.keys) == ["store", "label", "exportedAt", "learners", "attempts", "events"])
        #expect(payload["label"] as? String == "laptop 1")
        #expect((payload["learners"] as? [Any])?.count == 4)
        #expect((payload["attempts"] as? [Any])?.count == 3)
        let events = try #require(payload["events"] as? [[String: Any]])
        #expect(events.count == 11)
        #expect(Set(events[0].keys) == ["id", "learnerID", "attemptID", "lessonID", "scenarioID", "scenarioRev", "questionID",
                                        "chosen", "credit", "action", "time", "isRepeat"])
        // The store id is kept, so a second export names the same store.
        let again = try export(source)
        let second = try ExportFile.read(path: again)
        #expect(second.storeID == (payload["store"] as? String))
        // Private data: only the owner may read it.
        let attributes = try FileManager.default.attributesOfItem(atPath: file)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        // The Khmer name comes through unescaped.
        #expect(text.contains("\"name\":\"សុខា\""))
    }

    @Test func importingTheSameFileTwiceChangesNothing() throws {
        let source = try classStore("a-")
        let file = try export(source)
        let target = try folders.make()
        let first = try importFiles([file], into: target)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("Imported 4 learners, 3 lesson attempts and 11 answers."))
        let afterFirst = try snapshot(target)
        let original = try snapshot(source)
        #expect(afterFirst.learners == original.learners)
        #expect(Set(afterFirst.events.map(\.id)) == Set(original.events.map(\.id)))
        #expect(afterFirst.events.sorted { $0.id < $1.id } == original.events.sorted { $0.id < $1.id })

        let second = try importFiles([file, file], into: target)
        #expect(second.status == 0, "\(second.stderr)")
        #expect(second.stdout.contains("0 new answers, 11 already here"))
        #expect(second.stdout.contains("Imported 0 learners, 0 lesson attempts and 0 answers."))
        let afterSecond = try snapshot(target)
        #expect(afterSecond.learners == afterFirst.learners)
        #expect(afterSecond.events == afterFirst.events)

        // Importing a store's own export into itself also adds nothing.
        let own = try importFiles([file], into: source)
        #expect(own.status == 0)
        #expect(own.stdout.contains("[exported from this computer]"))
        #expect(try snapshot(source).events.count == 11)
    }

    @Test func sameNamesFromTwoLaptopsStayDistinct() throws {
        let laptop1 = try classStore("a-")
        let laptop2 = try classStore("b-")
        let labelled = try export(laptop2, label: "laptop 2")
        let out = try importFiles([labelled], into: laptop1)
        #expect(out.status == 0, "\(out.stderr)")
        #expect(out.stdout.contains("'Alice' is already the name of another learner here, so this one is added as 'Alice (laptop 2)'"))
        #expect(try names(laptop1) == ["Alice", "Bob", "សុខា", "Carol", "Alice (laptop 2)", "Bob (laptop 2)", "សុខា (laptop 2)", "Carol (laptop 2)"])
        let merged = try snapshot(laptop1)
        #expect(merged.events.count == 22)
        // Each Alice keeps her own answers.
        let alice = try #require(merged.learners.first { $0.name == "Alice" })
        let alice2 = try #require(merged.learners.first { $0.name == "Alice (laptop 2)" })
        #expect(merged.events.filter { $0.learnerID == alice.id }.count == 4)
        #expect(merged.events.filter { $0.learnerID == alice2.id }.count == 4)

        // Without a label, the exporting store's id tells them apart.
        let laptop3 = try classStore("c-")
        let unlabelled = try export(laptop3)
        let storeID = try ExportFile.read(path: unlabelled).storeID
        #expect(try importFiles([unlabelled], into: laptop1).status == 0)
        #expect(try names(laptop1).contains("Bob @\(storeID.prefix(8))"))
        #expect(try snapshot(laptop1).events.count == 33)
    }

    @Test func aMapMergesALearnerIntoTheOneHere() throws {
        let laptop1 = try classStore("a-")
        let laptop2 = try classStore("b-")
        let file = try export(laptop2, label: "laptop 2")

        // A dry run shows the plan and changes nothing.
        let dry = try importFiles([file], into: laptop1, extra: ["--map", "Alice=Alice", "--dry-run"])
        #expect(dry.status == 0, "\(dry.stderr)")
        #expect(dry.stdout.contains("'Alice' would be merged into 'Alice' (--map; remembered for later imports)."))
        #expect(dry.stdout.contains("Dry run: nothing was changed."))
        #expect(try snapshot(laptop1).events.count == 11)

        let out = try importFiles([file], into: laptop1, extra: ["--map", "Alice=Alice"])
        #expect(out.status == 0, "\(out.stderr)")
        let merged = try snapshot(laptop1)
        #expect(!merged.learners.contains { $0.name == "Alice (laptop 2)" })
        #expect(merged.learners.contains { $0.name == "Bob (laptop 2)" })
        let alice = try #require(merged.learners.first { $0.name == "Alice" })
        #expect(merged.events.filter { $0.learnerID == alice.id }.count == 8)
        #expect(merged.events.count == 22)

        // Again, with the same map: nothing changes.
        let again = try importFiles([file], into: laptop1, extra: ["--map", "Alice=Alice"])
        #expect(again.status == 0, "\(again.stderr)")
        #expect(try snapshot(laptop1).events == merged.events)

        // The class report counts Alice's two attempts as one learner's.
        let report = try Lookout.run(["report", "--format", "json", "--bank", bankDir, "--data-dir", laptop1])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(report.stdout.utf8)) as? [String: Any])
        let learners = try #require(object["learners"] as? [[String: Any]])
        let row = try #require(learners.first { $0["name"] as? String == "Alice" })
        #expect(row["answers"] as? Int == 8)
        #expect(row["lessonsPassed"] as? Int == 1)
    }

    @Test func aBadMapIsRefusedBeforeAnythingChanges() throws {
        let laptop1 = try classStore("a-")
        let file = try export(try classStore("b-"))
        let noLocal = try importFiles([file], into: laptop1, extra: ["--map", "Alice=Zed"])
        #expect(noLocal.status == 65)
        #expect(noLocal.stderr.contains("--map 'Alice=Zed': there is no learner called 'Zed' on this computer"))
        let noImported = try importFiles([file], into: laptop1, extra: ["--map", "Zed=Alice"])
        #expect(noImported.status == 65)
        #expect(noImported.stderr.contains("none of the files has a learner called 'Zed'"))
        let malformed = try importFiles([file], into: laptop1, extra: ["--map", "Alice"])
        #expect(malformed.status == 64)
        #expect(try snapshot(laptop1).events.count == 11)
    }

    // MARK: Damaged and foreign files

    /// The store's files, byte for byte.
    func storeBytes(_ dataDir: String) throws -> [String: Data] {
        var result: [String: Data] = [:]
        for suffix in ["", "-wal", "-shm"] {
            let path = dataDir + "/progress.sqlite" + suffix
            if let data = FileManager.default.contents(atPath: path) { result[suffix] = data }
        }
        return result
    }

    /// Imports `file` into `dataDir` and checks that it is refused, that `message` is printed, and that
    /// the store file did not change by a single byte.
    func expectRefused(_ files: [String], into dataDir: String, message: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        let before = try storeBytes(dataDir)
        let out = try importFiles(files, into: dataDir)
        #expect(out.status == 65, "\(out.stdout) \(out.stderr)", sourceLocation: sourceLocation)
        #expect(out.stderr.contains(message), "\(out.stderr)", sourceLocation: sourceLocation)
        #expect(out.stderr.contains("Nothing was imported."), sourceLocation: sourceLocation)
        #expect(try storeBytes(dataDir)[""] == before[""], "the store file changed", sourceLocation: sourceLocation)
    }

    @Test func damagedForeignAndTruncatedFilesAreRefused() throws {
        let target = try classStore("a-")
        let good = try export(try classStore("b-"))
        let bytes = try Data(contentsOf: URL(fileURLWithPath: good))
        let dir = try folders.make("lookout-bad")
        func write(_ name: String, _ data: Data) throws -> String {
            let path = dir + "/" + name
            try data.write(to: URL(fileURLWithPath: path))
            return path
        }

        let truncated = try write("truncated.json", bytes.prefix(bytes.count / 2))
        try expectRefused([truncated], into: target, message: "is a damaged or incomplete Lookout export file")

        let cutAtTheEnd = try write("cut.json", bytes.prefix(bytes.count - 3))
        try expectRefused([cutAtTheEnd], into: target, message: "is a damaged or incomplete Lookout export file")

        // Flip one letter inside a learner's name in the payload: still JSON, but the checksum fails.
        var flipped = [UInt8](bytes)
        let nameRange = try #require(bytes.range(of: Data("\"name\":\"Alice\"".utf8)))
        let nameAt = nameRange.lowerBound + 8 // the "A"
        flipped[nameAt] ^= 0x20
        let flippedFile = try write("flipped.json", Data(flipped))
        try expectRefused([flippedFile], into: target, message: "its checksum does not match its contents")

        // Flip a byte in every tenth position: each is refused, whatever it hits.
        for position in stride(from: 0, to: bytes.count, by: max(1, bytes.count / 10)) {
            var damaged = [UInt8](bytes)
            damaged[position] ^= 0x01
            let path = try write("flip-\(position).json", Data(damaged))
            let before = try storeBytes(target)
            let out = try importFiles([path], into: target)
            #expect(out.status == 65, "byte \(position): \(out.stdout)")
            #expect(try storeBytes(target)[""] == before[""])
        }

        let foreign = try write("foreign.json", Data("{\"hello\": \"world\", \"learners\": []}".utf8))
        try expectRefused([foreign], into: target, message: "is JSON but not a Lookout export file")

        let notJSON = try write("notes.txt", Data("Dara, Sokha, Lan\nnot a Lookout file\n".utf8))
        try expectRefused([notJSON], into: target, message: "is not a Lookout export file (it is not JSON text)")

        let storeFile = target + "/progress.sqlite"
        let copy = try write("progress-copy.sqlite", try Data(contentsOf: URL(fileURLWithPath: storeFile)))
        try expectRefused([copy], into: target, message: "is not a Lookout export file (it is not JSON text)")

        let empty = try write("empty.json", Data())
        try expectRefused([empty], into: target, message: "is empty")

        let newer = try write("newer.json", Data(String(decoding: bytes, as: UTF8.self)
            .replacingOccurrences(of: "\"version\":1,", with: "\"version\":2,").utf8))
        try expectRefused([newer], into: target, message: "was written by a newer version of Lookout (export format version 2")

        // A good file next to a bad one: nothing at all is imported.
        try expectRefused([good, truncated], into: target, message: "truncated.json' is a damaged or incomplete")
        try expectRefused([good, dir + "/missing.json"], into: target, message: "cannot read '\(dir)/missing.json': there is no such file")
        #expect(try snapshot(target).events.count == 11)
    }

    @Test func aFileWithAValidChecksumButBadRecordsIsRefused() throws {
        // Records that contradict each other (an answer of a learner not in the file) are refused even
        // when the checksum matches, as from a buggy or hand-made file.
        let target = try classStore("a-")
        var file = try ExportFile.read(path: try export(try classStore("b-")))
        file.learners.removeAll { $0.name == "Bob" }
        let path = try folders.make("lookout-bad") + "/orphan.json"
        try file.encoded().write(to: URL(fileURLWithPath: path))
        try expectRefused([path], into: target, message: "belongs to a learner who is not in the file")

        var badCredit = try ExportFile.read(path: try export(try classStore("c-")))
        badCredit.events[0].credit = 1.5
        let creditPath = try folders.make("lookout-bad") + "/credit.json"
        try badCredit.encoded().write(to: URL(fileURLWithPath: creditPath))
        try expectRefused([creditPath], into: target, message: "has a credit outside 0...1")
    }
}
