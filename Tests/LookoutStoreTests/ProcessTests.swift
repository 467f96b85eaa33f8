import Foundation
import LookoutCore
import LookoutStore
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Tests that run the real `lookout` executable as separate processes. Serialized: they are heavy
/// on a two-core machine, and the kill test wants the machine to itself for its timings.
@Suite("Real processes: kills, concurrent writers, the learners command", .serialized)
struct ProcessTests {
    @Test("SIGKILL at 120 random moments: every answer whose commit returned is saved, integrity_check ok")
    func killedWriterLosesNothing() throws {
        let dir = TempDir("kill")
        defer { dir.remove() }
        let seed = UInt64(ProcessInfo.processInfo.environment["LOOKOUT_KILL_SEED"] ?? "") ?? UInt64.random(in: 1...UInt64.max)
        var random = SplitMix64(seed: seed)
        let rounds = 120
        var printed: [String] = []
        var roundsWithAnswers = 0
        var roundsKilled = 0
        let started = Date()
        for round in 0..<rounds {
            let (process, out, err) = try startStoreTool(["write-events", "--data-dir", dir.path,
                                                        "--count", "1000000", "--learner", "killed ☠️"])
            let errText = ReadAll(err)
            var early = Data()
            if round % 2 == 0 {
                // A random moment in the first 150 ms: while starting, opening/recovering/migrating
                // the store, or in the middle of appends and their fsyncs.
                usleep(UInt32(random.next() % 150_000))
            } else {
                // Wait until the writer has committed an answer, then kill it within 20 ms: in the
                // middle of the stream of appends however slow a loaded machine is.
                let handle = out.fileHandleForReading
                while !early.contains(UInt8(ascii: "\n")) {
                    let chunk = handle.availableData
                    if chunk.isEmpty { break }
                    early.append(chunk)
                }
                usleep(UInt32(random.next() % 20_000))
            }
            kill(process.processIdentifier, SIGKILL)
            let data = early + out.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            let stderr = String(decoding: errText.wait(), as: UTF8.self)
            if process.terminationReason == .uncaughtSignal { roundsKilled += 1 }
            #expect(stderr.isEmpty, "round \(round) (seed \(seed)): the writer reported an error: \(stderr)")
            let lines = RunResult(status: 0, stdout: String(decoding: data, as: UTF8.self), stderr: "").completeLines
            if !lines.isEmpty { roundsWithAnswers += 1 }
            printed += lines
            if round % 30 == 29 {
                // Recover the store in this process now and then, as the next lesson screen would.
                let store = try ProgressStore.open(directory: dir.path)
                let saved = Set(try store.allEvents().map(\.id))
                let missing = printed.filter { !saved.contains($0) }
                #expect(missing.isEmpty, "after round \(round) (seed \(seed)): \(missing.count) answers printed as saved are gone")
                try store.close()
            }
        }
        let store = try ProgressStore.open(directory: dir.path)
        let saved = try store.allEvents().map(\.id)
        let savedSet = Set(saved)
        let missing = printed.filter { !savedSet.contains($0) }
        #expect(missing.isEmpty, "seed \(seed): \(missing.count) of \(printed.count) answers printed as saved are gone")
        #expect(saved.count == savedSet.count)
        // At most one answer per kill can be saved without having been printed (killed between
        // its commit and its print).
        #expect(saved.count >= printed.count && saved.count <= printed.count + rounds)
        #expect(try store.integrityCheck() == ["ok"])
        #expect(try store.learners().map(\.name) == ["killed ☠️"])
        // The kills really landed mid-stream (not all before the first answer, not all after the end).
        #expect(roundsKilled == rounds)
        #expect(roundsWithAnswers >= rounds / 2, "only \(roundsWithAnswers) of \(rounds) rounds wrote anything (seed \(seed))")
        let seconds = Date().timeIntervalSince(started)
        print("kill test: seed \(seed), \(rounds) kills, \(printed.count) answers printed, \(saved.count) saved, \(roundsWithAnswers) rounds with answers, \(String(format: "%.1f", seconds)) s")
    }

    @Test("two processes answering as the same learner at once lose nothing (3 rounds, each on a new store)")
    func twoWritersSameLearner() throws {
        for round in 0..<3 {
            let dir = TempDir("two")
            defer { dir.remove() }
            // Both start on a store that does not exist yet: they also race to create it, migrate it
            // and add the learner.
            let args = ["write-events", "--data-dir", dir.path, "--count", "250", "--learner", "សុខា"]
            let (a, aOut, aErr) = try startStoreTool(args)
            let (b, bOut, bErr) = try startStoreTool(args)
            let aErrText = ReadAll(aErr), bErrText = ReadAll(bErr)
            let aText = ReadAll(aOut)
            let bData = bOut.fileHandleForReading.readDataToEndOfFile()
            a.waitUntilExit()
            b.waitUntilExit()
            let aLines = RunResult(status: 0, stdout: String(decoding: aText.wait(), as: UTF8.self), stderr: "").completeLines
            let bLines = RunResult(status: 0, stdout: String(decoding: bData, as: UTF8.self), stderr: "").completeLines
            #expect(a.terminationStatus == 0 && b.terminationStatus == 0,
                    "round \(round): \(String(decoding: aErrText.wait(), as: UTF8.self)) \(String(decoding: bErrText.wait(), as: UTF8.self))")
            #expect(aLines.count == 250 && bLines.count == 250)
            let store = try ProgressStore.open(directory: dir.path)
            let learners = try store.learners()
            #expect(learners.map(\.name) == ["សុខា"])
            let learner = try #require(learners.first)
            let saved = try store.events(learnerID: learner.id).map(\.id)
            #expect(Set(saved) == Set(aLines + bLines))
            #expect(saved.count == 500)
            #expect(try store.attempts(learnerID: learner.id).count == 2)
            #expect(try store.integrityCheck() == ["ok"])
        }
    }

    @Test("lookout learners: add, list, rename and remove --yes, with Khmer and emoji names")
    func learnersCommand() throws {
        let dir = TempDir("cli")
        defer { dir.remove() }
        let env = isolatedEnvironment(home: dir.path)
        let data = ["--data-dir", dir.path + "/data"]
        var r = try runLookout(["learners", "list"] + data, environment: env)
        #expect(r.status == 0 && r.stdout.contains("No learners yet"))
        r = try runLookout(["learners", "add", "សុខា"] + data, environment: env)
        #expect(r.status == 0, "\(r.stderr)")
        r = try runLookout(["learners", "add", "Dara 🌱"] + data, environment: env)
        #expect(r.status == 0)
        r = try runStoreTool(["write-events", "--count", "4", "--learner", "សុខា"] + data, environment: env)
        #expect(r.status == 0 && r.completeLines.count == 4)

        r = try runLookout(["learners", "list", "--format", "json"] + data, environment: env)
        // Names only (issue 20): how much each learner has answered is their own business.
        struct Item: Decodable { var id: String; var name: String }
        let items = try JSONDecoder().decode([Item].self, from: Data(r.stdout.utf8))
        #expect(items.map(\.name) == ["សុខា", "Dara 🌱"])
        #expect(!r.stdout.contains("answers"))
        r = try runLookout(["learners"] + data, environment: env) // list is the default
        #expect(r.stdout.contains("សុខា") && r.stdout.contains("Dara 🌱"))

        r = try runLookout(["learners", "add", " Dara 🌱 "] + data, environment: env)
        #expect(r.status == 65)
        #expect(r.stderr.contains("already a learner called 'Dara 🌱'"))

        r = try runLookout(["learners", "rename", "Dara 🌱", "ដារ៉ា"] + data, environment: env)
        #expect(r.status == 0 && r.stdout.contains("ដារ៉ា"))

        // No terminal and no --yes: refuse, and keep the learner.
        r = try runLookout(["learners", "remove", "សុខា"] + data, environment: env)
        #expect(r.status == 64)
        #expect(r.stderr.contains("--yes") && r.stderr.contains("4 answers"))
        #expect(r.stderr.split(separator: "\n").count == 1)
        r = try runLookout(["learners", "remove", "សុខា", "--yes"] + data, environment: env)
        #expect(r.status == 0 && r.stdout.contains("4 answers"))
        r = try runLookout(["learners", "remove", "nobody", "--yes"] + data, environment: env)
        #expect(r.status == 65)

        let store = try ProgressStore.open(directory: dir.path + "/data")
        #expect(try store.learners().map(\.name) == ["ដារ៉ា"])
        #expect(try store.eventCount() == 0)
    }

    @Test("lookout learners remove on a terminal (made with script(1)) asks for the name: a wrong name removes nothing",
          .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/script"), "script(1) is not installed"))
    func removeAsksOnATerminal() throws {
        let dir = TempDir("cli-tty")
        defer { dir.remove() }
        let env = isolatedEnvironment(home: dir.path)
        let folder = dir.path + "/data"
        var r = try runStoreTool(["write-events", "--data-dir", folder, "--count", "3", "--learner", "សុខា"], environment: env)
        #expect(r.status == 0)
        let binary = try #require(LookoutBinary.path)
        func removeOnTerminal(typing answer: String) throws -> RunResult {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/script")
            process.arguments = ["-qec", "'\(binary)' learners remove 'សុខា' --data-dir '\(folder)'", "/dev/null"]
            process.environment = env
            let input = Pipe(), output = Pipe()
            process.standardInput = input
            process.standardOutput = output
            process.standardError = output
            try process.run()
            input.fileHandleForWriting.write(Data((answer + "\n").utf8))
            let data = output.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            return RunResult(status: process.terminationStatus, stdout: String(decoding: data, as: UTF8.self), stderr: "")
        }
        r = try removeOnTerminal(typing: "Sokha")
        #expect(r.stdout.contains("Remove learner 'សុខា' and all 3 answers? Type the name to confirm"))
        #expect(r.stdout.contains("nothing was removed"))
        #expect(r.status != 0)
        #expect(try ProgressStore.open(directory: folder).learner(named: "សុខា") != nil)
        r = try removeOnTerminal(typing: "សុខា")
        #expect(r.status == 0 && r.stdout.contains("Removed learner 'សុខា' and 3 answers."))
        #expect(try ProgressStore.open(directory: folder).learners().isEmpty)
    }

    @Test("lookout learners on a corrupt or non-SQLite store: exit 74, one line naming the file, file unchanged")
    func corruptStoreCommand() throws {
        let dir = TempDir("cli-corrupt")
        defer { dir.remove() }
        let env = isolatedEnvironment(home: dir.path)
        let folder = dir.path + "/data"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let path = folder + "/progress.sqlite"
        try Data("not a database at all".utf8).write(to: URL(fileURLWithPath: path))
        for command in [["learners", "list"], ["learners", "add", "X"], ["learners", "remove", "X", "--yes"]] {
            let r = try runLookout(command + ["--data-dir", folder], environment: env)
            #expect(r.status == 74)
            #expect(r.stderr.hasSuffix("\n") && r.stderr.dropLast().split(separator: "\n").count == 1, "\(r.stderr)")
            #expect(r.stderr.contains(path) && r.stderr.contains("Move it aside"))
            #expect(fileBytes(path) == Array("not a database at all".utf8))
        }
    }

    @Test("lookout learners on a store from a newer Lookout: exit 74, one line saying so, file unchanged")
    func newerStoreCommand() throws {
        let dir = TempDir("cli-newer")
        defer { dir.remove() }
        let folder = dir.path + "/data"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let path = folder + "/progress.sqlite"
        _ = try Fixtures.makeV1(path)
        try sqlite(path, "INSERT INTO grdb_migrations VALUES ('v9-from-the-future');")
        let before = fileBytes(path)
        let r = try runLookout(["learners", "add", "X", "--data-dir", folder], environment: isolatedEnvironment(home: dir.path))
        #expect(r.status == 74)
        #expect(r.stderr.contains(path) && r.stderr.contains("newer version of Lookout") && r.stderr.contains("v9-from-the-future"))
        #expect(r.stderr.dropLast().split(separator: "\n").count == 1)
        #expect(fileBytes(path) == before)
    }

    @Test("lookout with a data folder under a regular file (ENOTDIR): exit 74 and one clear line")
    func unwritableFolderCommand() throws {
        let dir = TempDir("cli-notdir")
        defer { dir.remove() }
        let file = dir.file("file.txt")
        try Data("x".utf8).write(to: URL(fileURLWithPath: file))
        let r = try runLookout(["learners", "add", "X", "--data-dir", file + "/lookout"], environment: isolatedEnvironment(home: dir.path))
        #expect(r.status == 74)
        #expect(r.stderr.contains(file) && r.stderr.contains("--data-dir"))
        #expect(r.stderr.dropLast().split(separator: "\n").count == 1)
    }

    @Test("a full disk while answering (max_page_count cap): exit 74, one clear line, answers printed before are kept")
    func diskFullCommand() throws {
        let dir = TempDir("cli-full")
        defer { dir.remove() }
        let env = isolatedEnvironment(home: dir.path)
        let folder = dir.path + "/data"
        // Make the store and learn how big a store with one learner and an attempt is.
        var r = try runStoreTool(["write-events", "--data-dir", folder, "--count", "1"], environment: env)
        #expect(r.status == 0)
        let pages = try #require(Int(try sqlite(folder + "/progress.sqlite", "PRAGMA page_count;").trimmingCharacters(in: .whitespacesAndNewlines)))
        r = try runStoreTool(["write-events", "--data-dir", folder, "--count", "100000", "--max-pages", String(pages + 2)], environment: env)
        #expect(r.status == 74)
        #expect(r.stderr.contains("disk is full") && r.stderr.contains(folder + "/progress.sqlite"))
        #expect(r.stderr.dropLast().split(separator: "\n").count == 1)
        #expect(!r.stderr.contains("Fatal error"))
        let store = try ProgressStore.open(directory: folder)
        let saved = Set(try store.allEvents().map(\.id))
        #expect(!r.completeLines.isEmpty)
        #expect(r.completeLines.allSatisfy(saved.contains))
        #expect(try store.integrityCheck() == ["ok"])
    }

    @Test("the data folder: --data-dir, then LOOKOUT_DATA_DIR, then $XDG_DATA_HOME/lookout, then ~/.local/share/lookout")
    func dataFolderPrecedence() throws {
        let dir = TempDir("where")
        defer { dir.remove() }
        let home = dir.path + "/home"
        let xdg = dir.path + "/xdg"
        let envDir = dir.path + "/env"
        let flagDir = dir.path + "/flag"
        try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
        func store(_ folder: String) -> String { folder + "/progress.sqlite" }

        var r = try runLookout(["learners", "add", "A", "--data-dir", flagDir],
                               environment: isolatedEnvironment(home: home, extra: ["LOOKOUT_DATA_DIR": envDir, "XDG_DATA_HOME": xdg]))
        #expect(r.status == 0 && fileExists(store(flagDir)) && !fileExists(store(envDir)))

        r = try runLookout(["learners", "add", "B"],
                           environment: isolatedEnvironment(home: home, extra: ["LOOKOUT_DATA_DIR": envDir, "XDG_DATA_HOME": xdg]))
        #expect(r.status == 0 && fileExists(store(envDir)) && !fileExists(store(xdg + "/lookout")))

        r = try runLookout(["learners", "add", "C"], environment: isolatedEnvironment(home: home, extra: ["XDG_DATA_HOME": xdg]))
        #expect(r.status == 0 && fileExists(store(xdg + "/lookout")))
        #expect(mode(xdg + "/lookout") == 0o700 && mode(store(xdg + "/lookout")) == 0o600)

        // A relative XDG_DATA_HOME is ignored (XDG Base Directory specification), as is an empty one.
        for value in ["relative/xdg", ""] {
            r = try runLookout(["learners", "add", "D \(value.count)"], environment: isolatedEnvironment(home: home, extra: ["XDG_DATA_HOME": value]))
            #expect(r.status == 0)
        }
        let homeStore = store(home + "/.local/share/lookout")
        #expect(fileExists(homeStore))
        #expect(mode(home + "/.local/share/lookout") == 0o700 && mode(homeStore) == 0o600)
        r = try runLookout(["learners", "list", "--format", "json"], environment: isolatedEnvironment(home: home))
        #expect(r.stdout.contains("D 12") && r.stdout.contains("D 0"))
    }
}
