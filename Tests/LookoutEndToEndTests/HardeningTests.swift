import LookoutTestSupport
import Foundation
import LookoutCore
import LookoutStore
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Regression tests for issue 10, with the real binary: paths, special files in a bank, a symlinked
/// store, names planted in the store, bidi text in plain mode, escape sequences in file names.
@Suite struct HardeningTests {
    static let esc = "\u{1B}"
    /// OSC 52: writes the terminal's clipboard.
    static let osc52 = "\u{1B}]52;c;aGVsbG8=\u{07}"

    /// Whether `text` holds a byte that a terminal acts on (C0 but LF and tab, DEL, C1) or a bidi control.
    static func hasUnsafe(_ text: String) -> Bool {
        // CSV's CRLF line ends are fine; any other CR is not.
        text.replacingOccurrences(of: "\r\n", with: "\n").unicodeScalars.contains { s in
            s != "\n" && s != "\t" && TerminalText.isUnsafe(s)
        }
    }

    // MARK: Paths (failure 2)

    @Test("one-letter relative paths: --data-dir x, LOOKOUT_DATA_DIR=y, --data-dir a/b, export --out e, report --out r")
    func oneLetterRelativePaths() throws {
        let cwd = try Lookout.temporaryDirectory("lookout-paths")
        defer { try? FileManager.default.removeItem(atPath: cwd) }
        var r = try Lookout.run(["learners", "add", "A", "--data-dir", "x"], cwd: cwd)
        #expect(r.status == 0, "\(r.status) \(r.stderr)")
        #expect(FileManager.default.fileExists(atPath: cwd + "/x/progress.sqlite"))
        r = try Lookout.run(["learners", "add", "B"], cwd: cwd, environment: ["LOOKOUT_DATA_DIR": "y"])
        #expect(r.status == 0, "\(r.status) \(r.stderr)")
        #expect(FileManager.default.fileExists(atPath: cwd + "/y/progress.sqlite"))
        r = try Lookout.run(["learners", "add", "C", "--data-dir", "a/b"], cwd: cwd)
        #expect(r.status == 0, "\(r.status) \(r.stderr)")
        #expect(FileManager.default.fileExists(atPath: cwd + "/a/b/progress.sqlite"))
        r = try Lookout.run(["export", "--out", "e", "--data-dir", "x"], cwd: cwd)
        #expect(r.status == 0, "\(r.status) \(r.stderr)")
        #expect(FileManager.default.fileExists(atPath: cwd + "/e"))
        r = try Lookout.run(["report", "--out", "r", "--data-dir", "x", "--bank", Lookout.shippedBank], cwd: cwd)
        #expect(r.status == 0, "\(r.status) \(r.stderr)")
        #expect(FileManager.default.fileExists(atPath: cwd + "/r"))
    }

    @Test func aHugeReportWidthIsRefusedClearly() throws {
        let data = try Lookout.temporaryDirectory()
        for width in ["99999999999", "9223372036854775807", "1001"] {
            let r = try Lookout.run(["report", "--width", width, "--data-dir", data, "--bank", Lookout.shippedBank])
            #expect(r.status == 64, "\(width): \(r.status) \(r.stderr)")
            #expect(r.stderr.contains("--width must be between 60 and 1000 columns") || r.stderr.contains("width"), "\(r.stderr)")
        }
        let ok = try Lookout.run(["report", "--width", "1000", "--data-dir", data, "--bank", Lookout.shippedBank])
        #expect(ok.status == 0, "\(ok.stderr)")
    }

    @Test func anInvalidLearnerNameIsAUsageError() throws {
        let (bank, data) = try TestBank.make()
        for name in ["", "   ", "a\tb", "\u{200B}\u{200B}", "x\u{202E}y"] {
            let r = try Lookout.run(["train", "--plain", "--bank", bank, "--data-dir", data, "--learner", name], stdin: "")
            #expect(r.status == 64, "'\(name.debugDescription)': \(r.status) \(r.stderr)")
            #expect(!Self.hasUnsafe(r.stderr))
        }
    }

    // MARK: Bank files (failures 3 and 6)

    func writeBank() throws -> String {
        let (bank, _) = try TestBank.make("lookout-special")
        return bank
    }

    /// Runs `check` with a watchdog: a hang fails the test instead of blocking the suite.
    func checkWithin(_ seconds: Double, _ arguments: [String]) throws -> Lookout.Output {
        let started = Date()
        let result = try Lookout.run(["check"] + arguments + ["--format", "text"])
        #expect(Date().timeIntervalSince(started) < seconds, "check took \(Date().timeIntervalSince(started)) s")
        return result
    }

    @Test func aFIFOInTheBankIsE003AndNeverBlocks() throws {
        let bank = try writeBank()
        #expect(mkfifo(bank + "/x.txt", 0o644) == 0)
        // If `check` blocked on the FIFO, this writer would unblock it after 20 s and the time check fails.
        let watchdog = Thread {
            Thread.sleep(forTimeInterval: 20)
            let fd = open(bank + "/x.txt", O_WRONLY | O_NONBLOCK)
            if fd >= 0 { close(fd) }
        }
        watchdog.start()
        let r = try checkWithin(15, [bank])
        #expect(r.status == 65)
        #expect(r.stderr.contains("x.txt:1:1: error[E003]: cannot read this file: it is a FIFO (named pipe), not a regular file"), "\(r.stderr)")
        let train = try Lookout.run(["train", "--plain", "--bank", bank, "--data-dir", bank + "/../data"], stdin: "")
        #expect(train.status == 65)
    }

    @Test func aLinkToDevZeroIsE003() throws {
        let bank = try writeBank()
        #expect(symlink("/dev/zero", bank + "/zero.txt") == 0)
        let r = try checkWithin(15, [bank])
        #expect(r.status == 65)
        #expect(r.stderr.contains("zero.txt:1:1: error[E003]: cannot read this file: it is a character device, not a regular file"), "\(r.stderr)")
    }

    @Test func aSparseHugeFileIsRefusedBySize() throws {
        let bank = try writeBank()
        let fd = open(bank + "/huge.txt", O_CREAT | O_WRONLY, 0o644)
        #expect(fd >= 0)
        #expect(ftruncate(fd, 100 << 30) == 0)   // 100 GB, sparse
        close(fd)
        let r = try checkWithin(15, [bank])
        #expect(r.status == 65)
        #expect(r.stderr.contains("huge.txt:1:1: error[E003]: this file is too large to be a scenario file"), "\(r.stderr)")
    }

    /// Permissions do not stop root, so as root the check runs as the user nobody (setpriv).
    static var canDropToNobody: Bool { geteuid() != 0 || FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv") }

    @Test(.enabled(if: canDropToNobody, "root reads every folder whatever its permissions, and setpriv is missing"))
    func anUnreadableSubFolderIsReported() throws {
        let bank = try writeBank()
        try FileManager.default.createDirectory(atPath: bank + "/locked", withIntermediateDirectories: true)
        try "scenario: hidden\n".write(toFile: bank + "/locked/a.txt", atomically: true, encoding: .utf8)
        #expect(chmod(bank + "/locked", 0o000) == 0)
        defer { chmod(bank + "/locked", 0o755) }
        let r: Lookout.Output
        if geteuid() == 0 {
            r = try Lookout.run(["--reuid=65534", "--regid=65534", "--clear-groups", Lookout.binary, "check", bank],
                                executable: "/usr/bin/setpriv")
        } else {
            r = try checkWithin(15, [bank])
        }
        #expect(r.status == 65, "\(r.stderr)")
        #expect(r.stderr.contains("locked:1:1: error[E003]: cannot read this sub-folder: permission denied"), "\(r.stderr)")
    }

    @Test func aFileNameWithAnEscapeSequenceIsPrintedSafely() throws {
        let bank = try writeBank()
        let name = "evil\(Self.osc52)\u{1B}[2J.txt"
        try "scenario: a\nrev: x\n".write(toFile: bank + "/" + name, atomically: true, encoding: .utf8)
        let r = try checkWithin(15, [bank])
        #expect(r.status == 65)
        #expect(!Self.hasUnsafe(r.stderr) && !Self.hasUnsafe(r.stdout), "\(r.stderr.debugDescription)")
        #expect(r.stderr.contains("evil\\u{1b}]52;c;aGVsbG8=\\u{7}\\u{1b}[2J.txt:2:6: error[E015]"), "\(r.stderr)")
        let json = try Lookout.run(["check", bank, "--format", "json"])
        #expect(!Self.hasUnsafe(json.stdout))
        #expect((try? JSONSerialization.jsonObject(with: Data(json.stdout.utf8))) != nil)
        // A bank root path with an escape in it, too.
        let odd = bank + "/../b\u{1B}]0;title\u{07}"
        try FileManager.default.createDirectory(atPath: odd, withIntermediateDirectories: true)
        let rootRun = try checkWithin(15, [odd])
        #expect(!Self.hasUnsafe(rootRun.stdout) && !Self.hasUnsafe(rootRun.stderr))
    }

    // MARK: Bidi text in plain mode (failure 9)

    @Test func bidiControlsInABankAreWarnedAndShownVisiblyInPlainMode() throws {
        let text = TestBank.text.replacingOccurrences(of: "A man checks in three women",
                                                      with: "A man \u{202E}skcehc\u{202C} in three women")
        let dir = try Lookout.temporaryDirectory("lookout-bidi")
        let bank = dir + "/bank"
        try FileManager.default.createDirectory(atPath: bank, withIntermediateDirectories: true)
        try text.write(toFile: bank + "/bank.txt", atomically: true, encoding: .utf8)
        let check = try Lookout.run(["check", bank])
        #expect(check.status == 0)
        #expect(check.stderr.contains("warning[W002]: bidirectional control character U+202E"), "\(check.stderr)")
        let r = try Lookout.run(["train", "--plain", "--bank", bank, "--data-dir", dir + "/data", "--learner", "Dara", "--lesson", "l1"],
                                stdin: "1\n1\n1\n0\n2\n")
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("A man \\u{202e}skcehc\\u{202c} in three women"), "\(r.stdout)")
        #expect(!Self.hasUnsafe(r.stdout))
    }

    // MARK: Names planted in the store (failure 9)

    @Test func namesPlantedWithSQLiteArePrintedSafely() throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/sqlite3") else { return }
        let dir = try Lookout.temporaryDirectory("lookout-planted")
        let data = dir + "/data"
        #expect(try Lookout.run(["learners", "add", "Dara", "--data-dir", data]).status == 0)
        let planted = "Eve\(Self.osc52)\u{9B}31m\u{202E}"
        let sql = "UPDATE learners SET name = '\(planted)' WHERE name = 'Dara';"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        process.arguments = [data + "/progress.sqlite", sql]
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let runs = [
            try Lookout.run(["learners", "list", "--data-dir", data]),
            try Lookout.run(["learners", "list", "--format", "json", "--data-dir", data]),
            try Lookout.run(["progress", "--data-dir", data, "--bank", Lookout.shippedBank]),
            try Lookout.run(["progress", "--format", "csv", "--data-dir", data, "--bank", Lookout.shippedBank]),
            try Lookout.run(["progress", "--format", "json", "--data-dir", data, "--bank", Lookout.shippedBank]),
            try Lookout.run(["report", "--data-dir", data, "--bank", Lookout.shippedBank]),
            try Lookout.run(["report", "--format", "csv", "--data-dir", data, "--bank", Lookout.shippedBank]),
            try Lookout.run(["report", "--format", "json", "--data-dir", data, "--bank", Lookout.shippedBank]),
            try Lookout.run(["progress", "--learner", "Nobody\(Self.osc52)", "--data-dir", data, "--bank", Lookout.shippedBank]),
            try Lookout.run(["learners", "remove", planted, "--data-dir", data]),
        ]
        for (i, r) in runs.enumerated() {
            #expect(!Self.hasUnsafe(r.stdout) && !Self.hasUnsafe(r.stderr), "run \(i): \(r.stdout.debugDescription) \(r.stderr.debugDescription)")
        }
        #expect(runs[0].stdout.contains("Eve\\u{1b}]52;c;aGVsbG8=\\u{7}\\u{9b}31m\\u{202e}"), "\(runs[0].stdout)")
        // The JSON stays valid and exact.
        let items = try #require(try JSONSerialization.jsonObject(with: Data(runs[1].stdout.utf8)) as? [[String: Any]])
        #expect(items.first?["name"] as? String == planted)
    }

    @Test func progressCSVHasTheFormulaGuard() throws {
        let dir = try Lookout.temporaryDirectory("lookout-csv")
        let data = dir + "/data"
        #expect(try Lookout.run(["learners", "add", "=HYPERLINK(\"http://x\",\"y\")", "--data-dir", data]).status == 0)
        #expect(try Lookout.run(["learners", "add", "+1", "--data-dir", data]).status == 0)
        let r = try Lookout.run(["progress", "--format", "csv", "--data-dir", data, "--bank", Lookout.shippedBank])
        #expect(r.status == 0, "\(r.stderr)")
        let rows = r.stdout.components(separatedBy: "\r\n").filter { !$0.isEmpty }
        #expect(rows.first?.hasPrefix("learner,kind,id,status") == true)
        for row in rows.dropFirst() {
            #expect(row.hasPrefix("\"'=HYPERLINK(") || row.hasPrefix("'+1,"), "\(row)")
        }
    }

    // MARK: The store through a symbolic link (failure 8)

    @Test func aSymlinkedStoreIsRefusedAndItsTargetUntouched() throws {
        let dir = try Lookout.temporaryDirectory("lookout-link")
        let data = dir + "/data"
        try FileManager.default.createDirectory(atPath: data, withIntermediateDirectories: true)
        // 1. A link to a file that does not exist yet: nothing is created outside the folder.
        #expect(symlink(dir + "/outside.sqlite", data + "/progress.sqlite") == 0)
        var r = try Lookout.run(["learners", "add", "A", "--data-dir", data])
        #expect(r.status == 74, "\(r.status) \(r.stderr)")
        #expect(r.stderr.components(separatedBy: "\n").filter { !$0.isEmpty }.count == 1)
        #expect(r.stderr.contains("is a symbolic link; Lookout does not follow links for the progress store"))
        #expect(!FileManager.default.fileExists(atPath: dir + "/outside.sqlite"))
        // 2. A link to an existing file: neither its bytes nor its mode change.
        try "precious".write(toFile: dir + "/outside.sqlite", atomically: true, encoding: .utf8)
        chmod(dir + "/outside.sqlite", 0o644)
        r = try Lookout.run(["learners", "list", "--data-dir", data])
        #expect(r.status == 74)
        #expect(try String(contentsOfFile: dir + "/outside.sqlite", encoding: .utf8) == "precious")
        var st = stat()
        #expect(stat(dir + "/outside.sqlite", &st) == 0 && st.st_mode & 0o777 == 0o644)
        // 3. A real store whose -wal is a link.
        unlink(data + "/progress.sqlite")
        #expect(try Lookout.run(["learners", "add", "A", "--data-dir", data]).status == 0)
        unlink(data + "/progress.sqlite-wal")
        #expect(symlink(dir + "/outside.sqlite", data + "/progress.sqlite-wal") == 0)
        r = try Lookout.run(["learners", "add", "B", "--data-dir", data])
        #expect(r.status == 74, "\(r.stderr)")
        #expect(r.stderr.contains("progress.sqlite-wal' is a symbolic link"))
        #expect(try String(contentsOfFile: dir + "/outside.sqlite", encoding: .utf8) == "precious")
        // 4. And a -shm link.
        unlink(data + "/progress.sqlite-wal")
        unlink(data + "/progress.sqlite-shm")
        #expect(symlink(dir + "/outside.sqlite", data + "/progress.sqlite-shm") == 0)
        r = try Lookout.run(["learners", "list", "--data-dir", data])
        #expect(r.status == 74, "\(r.stderr)")
        #expect(try String(contentsOfFile: dir + "/outside.sqlite", encoding: .utf8) == "precious")
    }
}
