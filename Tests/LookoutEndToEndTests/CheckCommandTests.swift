import LookoutTestSupport
import Foundation
import Testing

@Suite struct CheckCommandTests {
    @Test func shippedBankIsCleanWithNoWarnings() throws {
        let output = try Lookout.run(["check", Lookout.shippedBank])
        #expect(output.status == 0)
        #expect(output.stderr == "")
        #expect(output.stdout.hasPrefix("checked "))
        #expect(output.stdout.contains(": 0 errors, 0 warnings"))
    }

    @Test func brokenBankExits65AndNamesFileLineColumn() throws {
        let dir = try Lookout.temporaryDirectory()
        try "scenario: a\nrev: x\nbogus line\n".write(toFile: dir + "/bad.txt", atomically: true, encoding: .utf8)
        let output = try Lookout.run(["check", dir])
        #expect(output.status == 65)
        #expect(output.stderr.contains("\(dir)/bad.txt:2:6: error[E015]: 'x' is not valid"))
        #expect(output.stderr.contains("\(dir)/bad.txt:3:1: error[E010]:"))
        #expect(output.stdout.contains("errors"))
    }

    @Test func jsonFormat() throws {
        let dir = try Lookout.temporaryDirectory()
        try "source: s\ntitle: t\npublisher: p\nyear: 20x4\n".write(toFile: dir + "/s.txt", atomically: true, encoding: .utf8)
        let output = try Lookout.run(["check", dir, "--format", "json"])
        #expect(output.status == 65)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any])
        #expect(json["errors"] as? Int == 1)
        let items = try #require(json["diagnostics"] as? [[String: Any]])
        #expect(items.first?["code"] as? String == "E015")
        #expect(items.first?["line"] as? Int == 4)
        #expect(items.first?["column"] as? Int == 7)
        #expect(items.first?["file"] as? String == dir + "/s.txt")
    }

    @Test func missingBankIsAClearErrorNotACrash() throws {
        let output = try Lookout.run(["check", "/nonexistent/bank"])
        #expect(output.status == 65)
        #expect(output.stderr.contains("/nonexistent/bank:1:1: error[E003]: no scenario bank here"))
    }

    @Test func unreadableFileIsE003() throws {
        let dir = try Lookout.temporaryDirectory()
        // A directory named like a bank file cannot be read as one; a dangling link neither.
        try FileManager.default.createSymbolicLink(atPath: dir + "/gone.txt", withDestinationPath: dir + "/missing-target")
        let output = try Lookout.run(["check", dir])
        #expect(output.status == 65)
        #expect(output.stderr.contains("gone.txt:1:1: error[E003]: cannot read this file"))
    }

    @Test func statsPrintsFigures() throws {
        let output = try Lookout.run(["check", "--stats", Lookout.shippedBank])
        #expect(output.status == 0)
        #expect(output.stdout.contains("Scenarios: "))
        #expect(output.stdout.contains("with no trafficking: "))
        #expect(output.stdout.contains("Indicators: "))
        #expect(output.stdout.contains("Lessons: "))
    }

    @Test func bankDiscoveryOrder() throws {
        let dir = try Lookout.temporaryDirectory()
        let one = dir + "/one", two = dir + "/two"
        for (path, id) in [(one, "alpha"), (two, "beta")] {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
            try "source: \(id)\ntitle: t\npublisher: p\nyear: 2000\n".write(toFile: path + "/s.txt", atomically: true, encoding: .utf8)
        }
        // --bank wins over LOOKOUT_BANK.
        var output = try Lookout.run(["check", "--bank", one], environment: ["LOOKOUT_BANK": two])
        #expect(output.stdout.contains("in \(one):"))
        output = try Lookout.run(["check"], environment: ["LOOKOUT_BANK": two])
        #expect(output.stdout.contains("in \(two):"))
        // Then ./Scenarios in the working directory.
        let cwd = dir + "/work"
        try FileManager.default.createDirectory(atPath: cwd + "/Scenarios", withIntermediateDirectories: true)
        try "source: gamma\ntitle: t\npublisher: p\nyear: 2000\n".write(toFile: cwd + "/Scenarios/s.txt", atomically: true, encoding: .utf8)
        output = try Lookout.run(["check"], cwd: cwd)
        #expect(output.stdout.contains("in Scenarios:"))
        // Then ../share/lookout/Scenarios next to an installed executable.
        let prefix = dir + "/prefix"
        try FileManager.default.createDirectory(atPath: prefix + "/bin", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: prefix + "/share/lookout", withIntermediateDirectories: true)
        // A hard link, not a copy: a copy is a file opened for writing, and a process another test spawns at that
        // moment can inherit the open file, so running the copy fails with "Text file busy" (ETXTBSY).
        do {
            try FileManager.default.linkItem(atPath: Lookout.binary, toPath: prefix + "/bin/lookout")
        } catch {
            try FileManager.default.copyItem(atPath: Lookout.binary, toPath: prefix + "/bin/lookout")
        }
        try FileManager.default.copyItem(atPath: one, toPath: prefix + "/share/lookout/Scenarios")
        output = try Lookout.run(["check"], executable: prefix + "/bin/lookout", cwd: dir)
        #expect(output.status == 0)
        #expect(output.stdout.contains("in \(prefix)/bin/../share/lookout/Scenarios:") || output.stdout.contains("share/lookout/Scenarios:"))
    }

    @Test func windowsNotepadFilesAreAccepted() throws {
        let dir = try Lookout.temporaryDirectory()
        let text = "\u{FEFF}source: s\r\ntitle: t\r\npublisher: p\r\nyear: 2000\r\n"
        try text.write(toFile: dir + "/s.txt", atomically: true, encoding: .utf8)
        let output = try Lookout.run(["check", dir])
        #expect(output.status == 0)
        #expect(output.stdout.contains("1 sources"))
    }
}
