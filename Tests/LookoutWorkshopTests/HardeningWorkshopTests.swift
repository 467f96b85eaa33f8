import LookoutTestSupport
import ArgumentParser
import Foundation
@testable import LookoutApp
import LookoutCore
import LookoutStore
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Issue 10 regressions in the workshop tools: imports (escape sequences, typed fields, special and
/// large files), the lock (attempts counted in the store, the one list of guarded commands).
@Suite final class HardeningImportTests {
    static let osc52 = "\u{1B}]52;c;aGVsbG8=\u{07}"
    let folders = TemporaryFolders()

    static func hasUnsafe(_ text: String) -> Bool {
        text.replacingOccurrences(of: "\r\n", with: "\n").unicodeScalars.contains { $0 != "\n" && $0 != "\t" && TerminalText.isUnsafe($0) }
    }

    func store(_ prefix: String) throws -> String {
        let dir = try WorkshopFixture.makeStore(prefix: prefix)
        folders.track(dir)
        return dir
    }

    func exported(_ dataDir: String) throws -> ExportFile {
        let file = try folders.make("lookout-out") + "/export.json"
        let out = try Lookout.run(["export", "--out", file, "--data-dir", dataDir])
        #expect(out.status == 0, "\(out.stderr)")
        return try ExportFile.read(path: file)
    }

    func write(_ file: ExportFile) throws -> String {
        let path = try folders.make("lookout-forged") + "/forged.json"
        try file.encoded().write(to: URL(fileURLWithPath: path))
        return path
    }

    func storeBytes(_ dataDir: String) -> Data? { FileManager.default.contents(atPath: dataDir + "/progress.sqlite") }

    @Test("a forged file with a valid checksum and escape sequences in any field is refused, store untouched, nothing raw printed")
    func forgedFieldsAreRefused() throws {
        let target = try store("a-")
        let good = try exported(try store("b-"))
        var cases: [(String, ExportFile, String)] = []
        var f = good; f.label = "laptop" + Self.osc52; cases.append(("label", f, "the label"))
        f = good; f.exportedAt = "2026-11-29T08:15:00Z" + Self.osc52; cases.append(("exportedAt", f, "the export time"))
        f = good; f.storeID = Self.osc52; cases.append(("store id", f, "the exporting store's id"))
        f = good; f.storeID = "not-a-uuid"; cases.append(("store id not a UUID", f, "is not a UUID"))
        f = good; f.events[0].id = "ev\u{1B}[31m"; cases.append(("answer id", f, "answer 1 has the id"))
        f = good; f.events[0].scenarioID = "s1" + Self.osc52; cases.append(("scenario id", f, "the scenario"))
        f = good; f.events[0].questionID = "q\u{9B}1"; cases.append(("question id", f, "the question"))
        f = good; f.events[0].chosen = ["o1", "o\u{202E}2"]; cases.append(("chosen", f, "the option"))
        f = good; f.events[0].lessonID = "L1\u{07}"; cases.append(("lesson", f, "the lesson"))
        f = good; f.events[0].time = -5; cases.append(("time", f, "impossible time"))
        f = good; f.attempts[0].id = "att\u{1B}"; cases.append(("attempt id", f, "attempt 1 has the id"))
        f = good; f.learners[0].id = "\u{1B}]0;x\u{07}"; cases.append(("learner id", f, "learner 1 has the id"))
        f = good; f.learners[0].name = "\u{200B}\u{2060}\u{3164}"; cases.append(("invisible name", f, "it shows nothing"))
        f = good; f.learners[0].name = "Dara\u{202E}"; cases.append(("bidi name", f, "right-to-left"))
        for (what, file, message) in cases {
            let path = try write(file)
            let before = storeBytes(target)
            for extra in [["--dry-run"], []] {
                let out = try Lookout.run(["import", path] + extra + ["--data-dir", target])
                #expect(out.status == 65, "\(what): \(out.status) \(out.stdout) \(out.stderr)")
                #expect(out.stderr.contains(message), "\(what): \(out.stderr)")
                #expect(!Self.hasUnsafe(out.stdout) && !Self.hasUnsafe(out.stderr), "\(what): \(out.stderr.debugDescription)")
            }
            #expect(storeBytes(target) == before, "\(what): the store changed")
        }
    }

    @Test func anUnknownActionWithAnEscapeIsRefusedWithoutEchoingIt() throws {
        let target = try store("a-")
        let good = try exported(try store("b-"))
        let path = try folders.make("lookout-forged") + "/action.json"
        let text = String(decoding: try good.encoded(), as: UTF8.self)
        // Put a raw action into the payload and recompute the checksum, as anyone can.
        let payloadStart = try #require(text.range(of: "\"payload\":")).upperBound
        let payloadEnd = try #require(text.range(of: "}", options: .backwards)).lowerBound
        var payload = String(text[payloadStart..<payloadEnd])
        payload = payload.replacingOccurrences(of: "\"action\":null", with: "\"action\":\"x\\u001b]52;c;aGk=\\u0007\"")
        let digest = ExportFile.sha256Hex(Data(payload.utf8))
        let forged = "{\"format\":\"lookout-export\",\"version\":1,\"sha256\":\"\(digest)\",\"payload\":\(payload)}\n"
        try forged.write(toFile: path, atomically: true, encoding: .utf8)
        let out = try Lookout.run(["import", path, "--dry-run", "--data-dir", target])
        #expect(out.status == 65, "\(out.stderr)")
        #expect(out.stderr.contains("has an unknown action 'x\\u{1b}]52;c;aGk=\\u{7}'"), "\(out.stderr)")
        #expect(!Self.hasUnsafe(out.stderr))
    }

    @Test func aFileNameWithAnEscapeIsPrintedSafely() throws {
        let target = try store("a-")
        let good = try exported(try store("b-"))
        let dir = try folders.make("lookout-names")
        let path = dir + "/from\(Self.osc52).json"
        try good.encoded().write(to: URL(fileURLWithPath: path))
        let dry = try Lookout.run(["import", path, "--dry-run", "--data-dir", target])
        #expect(dry.status == 0, "\(dry.stderr)")
        #expect(dry.stdout.contains("from\\u{1b}]52;c;aGVsbG8=\\u{7}.json"))
        #expect(!Self.hasUnsafe(dry.stdout) && !Self.hasUnsafe(dry.stderr))
        let missing = try Lookout.run(["import", dir + "/gone\u{1B}[2J.json", "--data-dir", target])
        #expect(missing.status == 65)
        #expect(!Self.hasUnsafe(missing.stderr))
    }

    @Test func aFIFOOrADeviceIsRefusedWithoutBlocking() throws {
        let target = try store("a-")
        let dir = try folders.make("lookout-fifo")
        #expect(mkfifo(dir + "/pipe.json", 0o644) == 0)
        let started = Date()
        let fifo = try Lookout.run(["import", dir + "/pipe.json", "--data-dir", target])
        #expect(Date().timeIntervalSince(started) < 15)
        #expect(fifo.status == 65)
        #expect(fifo.stderr.contains("it is a FIFO (named pipe), not a regular file"), "\(fifo.stderr)")
        let zero = try Lookout.run(["import", "/dev/zero", "--data-dir", target])
        #expect(zero.status == 65)
        #expect(zero.stderr.contains("it is a character device, not a regular file"), "\(zero.stderr)")
    }

    @Test func aLargeFileIsCheckedAsAStream() throws {
        // More than 1 MiB, so the streaming path reads it: a good one imports, a damaged one is refused.
        let target = try store("a-")
        var big = try exported(try store("b-"))
        let learner = big.learners[0].id
        for i in 0..<6000 {
            big.events.append(AnswerEvent(id: UUID().uuidString.lowercased(), learnerID: learner, attemptID: nil, lessonID: "L1",
                                          scenarioID: "s1", scenarioRev: 1, questionID: "q1", chosen: ["o1", "o2"],
                                          credit: 0.5, action: nil, time: 1_795_683_600_000 + Int64(i), isRepeat: true))
        }
        let path = try write(big)
        let size = try #require(try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int)
        #expect(size > Int(ExportFile.smallFileSize))
        #expect(try ExportFile.read(path: path) == big)

        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        let at = bytes.count - 500
        bytes[at] = bytes[at] == UInt8(ascii: "1") ? UInt8(ascii: "2") : UInt8(ascii: "1")
        let damaged = try folders.make("lookout-damaged") + "/big.json"
        try Data(bytes).write(to: URL(fileURLWithPath: damaged))
        #expect(throws: ExportFile.ReadError.checksumMismatch(path: damaged)) { try ExportFile.read(path: damaged) }
        let before = storeBytes(target)
        let out = try Lookout.run(["import", damaged, "--data-dir", target])
        #expect(out.status == 65)
        #expect(out.stderr.contains("its checksum does not match its contents"))
        #expect(storeBytes(target) == before)

        let good = try Lookout.run(["import", path, "--data-dir", target])
        #expect(good.status == 0, "\(good.stderr)")
    }

    @Test func aFileOverTheLimitIsRefusedBeforeReading() throws {
        let dir = try folders.make("lookout-huge")
        let path = dir + "/huge.json"
        let fd = open(path, O_CREAT | O_WRONLY, 0o644)
        #expect(ftruncate(fd, off_t(ExportFile.maximumFileSize + 1)) == 0)   // sparse
        close(fd)
        #expect(throws: ExportFile.ReadError.tooLarge(path: path, size: ExportFile.maximumFileSize + 1)) {
            try ExportFile.read(path: path)
        }
    }

    @Test func typedFieldCheckers() {
        #expect(ExportFile.isUUID("6f1c2d3e-0000-4000-8000-000000000001"))
        #expect(!ExportFile.isUUID("6f1c2d3e-0000-4000-8000-00000000000"))
        #expect(!ExportFile.isUUID("6f1c2d3e_0000-4000-8000-000000000001"))
        #expect(ExportFile.isTimestamp("2026-11-29T08:15:00Z"))
        #expect(ExportFile.isTimestamp("2026-11-29T08:15:00.123+07:00"))
        #expect(!ExportFile.isTimestamp("2026-11-29 08:15:00Z"))
        #expect(!ExportFile.isTimestamp("2026-11-29T08:15:00Z\u{1B}"))
        #expect(!ExportFile.isTimestamp(""))
    }
}
