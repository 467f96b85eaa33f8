import Foundation
import LookoutCore
import LookoutStore
import LookoutTestSupport
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Issue 26 points 3, 5, 8, 10 and 14, through the real binary. Device nodes, FIFOs and sockets are
/// made in a temporary folder (mknod needs root: those cases are skipped otherwise), never under /dev.
@Suite("hardening, third round: --out targets, translations, clock skew, foreign -wal")
struct HardeningRound3Tests {
    static let isRoot = getuid() == 0

    func dataWithClass() throws -> String {
        let data = try Lookout.temporaryDirectory("lookout-h3-data")
        let store = try ProgressStore.open(directory: data)
        _ = try store.addLearner(name: "Dara")
        try store.close()
        return data
    }

    func fileType(_ path: String) -> mode_t {
        var info = stat()
        return lstat(path, &info) == 0 ? info.st_mode & S_IFMT : 0
    }

    // MARK: 26.3

    @Test("26.3: --out to a character device writes in place and leaves the device a device (also through a link)",
          .enabled(if: HardeningRound3Tests.isRoot, "mknod needs root"))
    func characterDeviceStaysADevice() throws {
        let dir = try Lookout.temporaryDirectory("lookout-h3-dev")
        let data = try dataWithClass()
        let null = dir + "/null"
        #expect(mknod(null, S_IFCHR | 0o666, deviceNumber(1, 3)) == 0)
        try FileManager.default.createSymbolicLink(atPath: dir + "/link-to-null", withDestinationPath: null)
        for target in [null, dir + "/link-to-null"] {
            for arguments in [["export", "--out", target, "--force", "--data-dir", data],
                              ["export", "--format", "gift", "--out", target, "--force", "--bank", Lookout.shippedBank],
                              ["report", "--out", target, "--data-dir", data, "--bank", Lookout.shippedBank],
                              ["handout", "--lesson", "pol-intro", "--out", target, "--force", "--bank", Lookout.shippedBank]] {
                let out = try Lookout.run(arguments)
                #expect(out.status == 0, "\(arguments): \(out.stderr)")
            }
        }
        #expect(fileType(null) == S_IFCHR)
        #expect(fileType(dir + "/link-to-null") == S_IFLNK)
        // A full device: "the disk is full", exit 73.
        let full = dir + "/full"
        #expect(mknod(full, S_IFCHR | 0o666, deviceNumber(1, 7)) == 0)
        let out = try Lookout.run(["export", "--format", "gift", "--out", full, "--bank", Lookout.shippedBank])
        #expect(out.status == 73, "\(out.stderr)")
        #expect(out.stderr.contains("the disk is full"), "\(out.stderr)")
        #expect(fileType(full) == S_IFCHR)
        // A block device is refused.
        let block = dir + "/block"
        #expect(mknod(block, S_IFBLK | 0o600, deviceNumber(7, 200)) == 0)
        let refused = try Lookout.run(["export", "--format", "gift", "--out", block, "--force", "--bank", Lookout.shippedBank])
        #expect(refused.status == 73)
        #expect(refused.stderr.contains("a block device"), "\(refused.stderr)")
        #expect(fileType(block) == S_IFBLK)
    }

    @Test("26.3: --out to a FIFO writes to its reader and leaves a FIFO; a FIFO nobody reads is refused at once; a socket is refused")
    func fifoAndSocket() throws {
        let dir = try Lookout.temporaryDirectory("lookout-h3-fifo")
        let fifo = dir + "/pipe"
        #expect(mkfifo(fifo, 0o600) == 0)
        // A reader: cat into a file, in the background.
        let copy = dir + "/copy"
        let reader = Process()
        reader.executableURL = URL(fileURLWithPath: "/bin/sh")
        reader.arguments = ["-c", "timeout 60 cat '\(fifo)' > '\(copy)'"]
        try reader.run()
        usleep(200_000)
        let out = try Lookout.run(["export", "--format", "gift", "--out", fifo, "--bank", Lookout.shippedBank])
        reader.waitUntilExit()
        #expect(out.status == 0, "\(out.stderr)")
        let written = try String(contentsOfFile: copy, encoding: .utf8)
        #expect(written.contains("$CATEGORY:"))
        #expect(fileType(fifo) == S_IFIFO)

        let started = Date()
        let noReader = try Lookout.run(["export", "--format", "gift", "--out", fifo, "--bank", Lookout.shippedBank])
        #expect(noReader.status == 73)
        #expect(noReader.stderr.contains("FIFO (named pipe) that nothing reads"), "\(noReader.stderr)")
        #expect(Date().timeIntervalSince(started) < 20)
        #expect(fileType(fifo) == S_IFIFO)

        // A Unix socket, made by Python in the folder.
        let socketPath = dir + "/sock"
        let made = try Lookout.run(["-c", "import socket,sys; s=socket.socket(socket.AF_UNIX); s.bind(sys.argv[1])", socketPath],
                                   executable: "/usr/bin/python3")
        #expect(made.status == 0, "\(made.stderr)")
        let socketOut = try Lookout.run(["export", "--format", "gift", "--out", socketPath, "--force", "--bank", Lookout.shippedBank])
        #expect(socketOut.status == 73)
        #expect(socketOut.stderr.contains("a socket"), "\(socketOut.stderr)")
        #expect(fileType(socketPath) == S_IFSOCK)
    }

    @Test("26.3: handout needs --force to replace a file, and --out - writes the page to standard output")
    func handoutForceAndStdout() throws {
        let dir = try Lookout.temporaryDirectory("lookout-h3-handout")
        let page = dir + "/page.html"
        try "keep me".write(toFile: page, atomically: true, encoding: .utf8)
        let refused = try Lookout.run(["handout", "--lesson", "pol-intro", "--out", page, "--bank", Lookout.shippedBank])
        #expect(refused.status == 73)
        #expect(refused.stderr.contains("already exists") && refused.stderr.contains("--force"), "\(refused.stderr)")
        #expect(try String(contentsOfFile: page, encoding: .utf8) == "keep me")
        let forced = try Lookout.run(["handout", "--lesson", "pol-intro", "--out", page, "--force", "--bank", Lookout.shippedBank])
        #expect(forced.status == 0, "\(forced.stderr)")
        #expect(try String(contentsOfFile: page, encoding: .utf8).contains("<html"))
        let toStdout = try Lookout.run(["handout", "--lesson", "pol-intro", "--out", "-", "--bank", Lookout.shippedBank])
        #expect(toStdout.status == 0)
        #expect(toStdout.stdout.hasPrefix("<!DOCTYPE html") || toStdout.stdout.contains("<html"))
        // /dev/stdout leading to the file the output goes to: written there, no --force needed.
        let viaStdout = try Lookout.run(["handout", "--lesson", "pol-intro", "--out", "/dev/stdout", "--bank", Lookout.shippedBank])
        #expect(viaStdout.status == 0, "\(viaStdout.stderr)")
        #expect(viaStdout.stdout.contains("<html"))
        // A link to a regular file: the link stays, its target is replaced.
        let link = dir + "/link.html"
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: page)
        let viaLink = try Lookout.run(["handout", "--lesson", "pol-intro", "--language", "km", "--out", link, "--force", "--bank", Lookout.shippedBank])
        #expect(viaLink.status == 0, "\(viaLink.stderr)")
        #expect(fileType(link) == S_IFLNK)
        #expect(try String(contentsOfFile: page, encoding: .utf8).contains("lang=\"km\""))
    }

    // MARK: 26.5 and 26.14

    func bankCopy() throws -> String {
        let dir = try Lookout.temporaryDirectory("lookout-h3-bank")
        let copy = dir + "/Scenarios"
        try FileManager.default.copyItem(atPath: Lookout.shippedBank, toPath: copy)
        return copy
    }

    func replace(_ file: String, _ old: String, _ new: String) throws {
        let text = try String(contentsOfFile: file, encoding: .utf8)
        #expect(text.contains(old), "\(file) has no '\(old)'")
        try text.replacingOccurrences(of: old, with: new).write(toFile: file, atomically: true, encoding: .utf8)
    }

    @Test("26.5: a translation cannot change a helpline number: E062 in a hotline's text, W062 elsewhere; Khmer digits count")
    func translatedNumbers() throws {
        let bank = try bankCopy()
        let regions = bank + "/translations/km/regions.txt"
        let clean = try Lookout.run(["check", bank])
        #expect(clean.status == 0, "\(clean.stdout)\(clean.stderr)")
        // A hotline text with a number the original does not have.
        try replace(regions, "child-helpline-1280.hours: 24 ម៉ោង", "child-helpline-1280.hours: 24 ម៉ោង ហៅ 012 999 888")
        let hotline = try Lookout.run(["check", bank])
        #expect(hotline.status != 0)
        #expect((hotline.stdout + hotline.stderr).contains("E062"), "\(hotline.stdout)\(hotline.stderr)")
        #expect((hotline.stdout + hotline.stderr).contains("'999'"))
        // The same in Khmer digits.
        try replace(regions, "ហៅ 012 999 888", "ហៅ ០១២ ៩៩៩ ៨៨៨")
        let khmer = try Lookout.run(["check", bank])
        #expect((khmer.stdout + khmer.stderr).contains("E062"), "\(khmer.stdout)\(khmer.stderr)")
        // The original number in Khmer digits is fine.
        try replace(regions, "ហៅ ០១២ ៩៩៩ ៨៨៨", "ហៅ ១២៨០")
        let same = try Lookout.run(["check", bank])
        #expect(same.status == 0, "\(same.stdout)\(same.stderr)")
        // The region's note (not a hotline's text): a warning.
        try replace(regions, "លេខ 1280 (ឥត", "លេខ 1289 (ឥត")
        let note = try Lookout.run(["check", bank])
        #expect((note.stdout + note.stderr).contains("W062"), "\(note.stdout)\(note.stderr)")
        #expect(!(note.stdout + note.stderr).contains("E062"))
    }

    @Test("26.14: an unknown language tag is an error (E063); a tag that differs from its folder is a warning (W063)",
          arguments: ["kh", "xx", "../../etc"])
    func languageTags(_ tag: String) throws {
        let bank = try bankCopy()
        let regions = bank + "/translations/km/regions.txt"
        try replace(regions, "translation: KH-BMC\nof: region\nlanguage: km\n", "translation: KH-BMC\nof: region\nlanguage: \(tag)\n")
        let out = try Lookout.run(["check", bank])
        #expect(out.status != 0)
        #expect((out.stdout + out.stderr).contains("E063"), "\(out.stdout)\(out.stderr)")
    }

    @Test("26.14: a known tag in another language's folder is a warning (W063)")
    func languageFolder() throws {
        let bank = try bankCopy()
        let regions = bank + "/translations/km/regions.txt"
        try replace(regions, "translation: KH-BMC\nof: region\nlanguage: km\n", "translation: KH-BMC\nof: region\nlanguage: th\n")
        let out = try Lookout.run(["check", bank])
        #expect((out.stdout + out.stderr).contains("W063"), "\(out.stdout)\(out.stderr)")
        #expect(!(out.stdout + out.stderr).contains("E063"))
    }

    // MARK: 26.8

    @Test("26.8: a wrong-try wait dated far in the future (clock set back) is cut to the longest delay, and said")
    func clockSkew() throws {
        let data = try dataWithClass()
        let set = try Lookout.run(["facilitator", "set-passphrase", "--stdin", "--data-dir", data], stdin: "correct horse battery\n")
        #expect(set.status == 0, "\(set.stderr)")
        // A wrong try counted with the clock a year ahead: its wait ends a year from now.
        let store = try ProgressStore.open(directory: data)
        let yearAhead = ProgressStore.now() + 365 * 86_400_000
        _ = try store.claimSecretAttempt(.facilitator, now: yearAhead, delay: { _ in 1000 })
        try store.close()
        let started = Date()
        let out = try Lookout.run(["learners", "rename", "Dara", "Sokha", "--data-dir", data],
                                  environment: ["LOOKOUT_PASSPHRASE": "correct horse battery"])
        let took = Date().timeIntervalSince(started)
        #expect(out.status == 0, "\(out.stderr)")
        #expect(out.stderr.contains("waiting 16 s after earlier wrong tries"), "\(out.stderr)")
        #expect(took < 60, "took \(took) s")
    }

    // MARK: 26.10

    @Test("26.10: a store with a foreign -wal beside it is refused (74) after integrity_check, and left unchanged")
    func foreignLog() throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/sqlite3") else { return }
        let a = try Lookout.temporaryDirectory("lookout-h3-wal-a")
        let b = try Lookout.temporaryDirectory("lookout-h3-wal-b")
        for (dir, count) in [(a, 30), (b, 60)] {
            let store = try ProgressStore.open(directory: dir)
            for i in 0..<count { _ = try store.addLearner(name: "Learner \(i) of \(dir.suffix(6))") }
            try store.close()
        }
        // B gets more writes that stay in its -wal: sqlite3 is killed before it can checkpoint.
        let path = b + "/progress.sqlite"
        let script = "PRAGMA wal_autocheckpoint=0; BEGIN; " + (0..<200).map { "INSERT INTO learners (id, name, created_at) VALUES ('x\($0)', 'Extra \($0) " + String(repeating: "y", count: 200) + "', 0);" }.joined() + " COMMIT; CREATE INDEX IF NOT EXISTS extra_idx ON learners(name);"
        let writer = Process()
        writer.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        writer.arguments = [path]
        let input = Pipe()
        writer.standardInput = input
        writer.standardOutput = FileHandle.nullDevice
        writer.standardError = FileHandle.nullDevice
        try writer.run()
        input.fileHandleForWriting.write(Data((script + "\n").utf8))
        for _ in 0..<200 where ((try? FileManager.default.attributesOfItem(atPath: path + "-wal")[.size] as? Int) ?? 0) < 8192 { usleep(50_000) }
        usleep(300_000)
        kill(writer.processIdentifier, SIGKILL)
        writer.waitUntilExit()
        try? input.fileHandleForWriting.close()
        let wal = try FileManager.default.contentsOfFile(path + "-wal")
        #expect(wal.count > 8192)
        // Copied by hand beside A's store, without its -shm.
        let target = a + "/progress.sqlite"
        let before = try FileManager.default.contentsOfFile(target)
        try wal.write(to: URL(fileURLWithPath: target + "-wal"))
        let out = try Lookout.run(["learners", "list", "--data-dir", a])
        #expect(out.status == 74, "\(out.stdout)\(out.stderr)")
        #expect(out.stderr.contains("damaged") && out.stderr.contains("never copy store files"), "\(out.stderr)")
        #expect(try FileManager.default.contentsOfFile(target) == before)
    }
}

extension HardeningRound3Tests {
    @Test("Also: a full disk says \"the disk is full\" (exit 74), not \"disk I/O error\"",
          .enabled(if: HardeningRound3Tests.isRoot, "mounting a small tmpfs needs root"))
    func fullDisk() throws {
        let mountPoint = try Lookout.temporaryDirectory("lookout-h3-full")
        let mounted = try Lookout.run(["-t", "tmpfs", "-o", "size=1m", "tmpfs", mountPoint], executable: "/bin/mount")
        guard mounted.status == 0 else { return }   // not allowed here (a container without the capability)
        defer { _ = try? Lookout.run([mountPoint], executable: "/bin/umount") }
        let data = mountPoint + "/data"
        let added = try Lookout.run(["learners", "add", "Dara", "--data-dir", data])
        #expect(added.status == 0, "\(added.stderr)")
        // Fill what is left.
        let fd = open(mountPoint + "/filler", O_WRONLY | O_CREAT, 0o600)
        #expect(fd >= 0)
        let chunk = [UInt8](repeating: 0x41, count: 4096)
        while chunk.withUnsafeBytes({ write(fd, $0.baseAddress, $0.count) }) > 0 {}
        close(fd)
        var out = Lookout.Output(status: 0, stdout: "", stderr: "")
        for i in 0..<20 {
            out = try Lookout.run(["learners", "add", "Learner number \(i) " + String(repeating: "x", count: 40), "--data-dir", data])
            if out.status != 0 { break }
        }
        #expect(out.status == 74, "\(out.stderr)")
        #expect(out.stderr.contains("the disk is full"), "\(out.stderr)")
        #expect(!out.stderr.contains("disk I/O error"))
    }
}

/// Linux's makedev for small numbers (the macro is not imported into Swift).
func deviceNumber(_ major: UInt32, _ minor: UInt32) -> dev_t {
    dev_t((major << 8) | minor)
}

extension FileManager {
    func contentsOfFile(_ path: String) throws -> Data {
        try Data(contentsOf: URL(fileURLWithPath: path))
    }
}
