import Foundation
import LookoutCore
import LookoutStore
#if canImport(Glibc)
import Glibc
#endif

/// A fresh folder under the system temp folder; `remove()` deletes it.
struct TempDir {
    let path: String

    init(_ label: String = "store") {
        let template = NSTemporaryDirectory() + "lookout-\(label)-XXXXXX"
        var bytes = Array(template.utf8CString)
        let made = bytes.withUnsafeMutableBufferPointer { buffer -> String? in
            guard let base = buffer.baseAddress, mkdtemp(base) != nil else { return nil }
            return String(cString: base)
        }
        path = made ?? (NSTemporaryDirectory() + "lookout-\(label)-\(UUID().uuidString)")
        if made == nil { try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true) }
    }

    func file(_ name: String) -> String { path + "/" + name }

    func remove() { try? FileManager.default.removeItem(atPath: path) }
}

/// Bytes of a file, or nil.
func fileBytes(_ path: String) -> [UInt8]? {
    guard let data = FileManager.default.contents(atPath: path) else { return nil }
    return [UInt8](data)
}

func fileExists(_ path: String) -> Bool { FileManager.default.fileExists(atPath: path) }

/// The permission bits of a file or folder.
func mode(_ path: String) -> Int? {
    var st = stat()
    return stat(path, &st) == 0 ? Int(st.st_mode & 0o777) : nil
}

/// An answer event with sensible defaults.
func makeEvent(learner: String, attempt: String? = nil, lesson: String? = "lesson-1", scenario: String = "scn-1",
               rev: Int = 1, question: String = "signs", chosen: [String] = ["a", "c"], credit: Double = 0.5,
               action: ActionClass? = nil, time: Int64 = 1_767_225_600_000, isRepeat: Bool = false,
               id: String = ProgressStore.newID()) -> AnswerEvent {
    AnswerEvent(id: id, learnerID: learner, attemptID: attempt, lessonID: lesson, scenarioID: scenario,
                scenarioRev: rev, questionID: question, chosen: chosen, credit: credit, action: action,
                time: time, isRepeat: isRepeat)
}

/// The `lookout` executable built next to the test bundle (swift test builds every product).
enum LookoutBinary {
    static let path: String? = find("lookout", environment: "LOOKOUT_BIN")
    /// The store's test tool (`lookout-store-tool`, a separate executable, not shipped).
    static let storeTool: String? = find("lookout-store-tool", environment: "LOOKOUT_STORE_TOOL")

    static func find(_ name: String, environment variable: String) -> String? {
        if let explicit = ProcessInfo.processInfo.environment[variable], fileExists(explicit) { return explicit }
        var folders: [URL] = []
        let argv0 = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        folders.append(argv0.deletingLastPathComponent())
        folders.append(Bundle.main.bundleURL)
        folders.append(Bundle.main.bundleURL.deletingLastPathComponent())
        for bundle in Bundle.allBundles { folders.append(bundle.bundleURL.deletingLastPathComponent()) }
        for folder in folders {
            let candidate = folder.appendingPathComponent(name).path
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: candidate, isDirectory: &isDirectory), !isDirectory.boolValue,
               FileManager.default.isExecutableFile(atPath: candidate) {
                return candidate
            }
        }
        return nil
    }
}

/// What a finished `lookout` run left behind.
struct RunResult {
    var status: Int32
    var stdout: String
    var stderr: String
    /// Complete lines of stdout (a last line without its newline is dropped).
    var completeLines: [String] {
        var lines = stdout.components(separatedBy: "\n")
        lines.removeLast() // the piece after the last newline: empty, or an unfinished line
        return lines
    }
}

/// Starts `lookout` with `arguments`; stdin is /dev/null. `storeTool` starts `lookout-store-tool` instead.
func startLookout(_ arguments: [String], environment: [String: String]? = nil, storeTool: Bool = false) throws -> (Process, Pipe, Pipe) {
    guard let binary = storeTool ? LookoutBinary.storeTool : LookoutBinary.path else {
        throw TestFailure("the '\(storeTool ? "lookout-store-tool" : "lookout")' executable was not found next to the test bundle; run 'swift build' first or set LOOKOUT_BIN / LOOKOUT_STORE_TOOL")
    }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: binary)
    process.arguments = arguments
    if let environment { process.environment = environment }
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    process.standardInput = FileHandle.nullDevice
    try process.run()
    return (process, out, err)
}

/// Runs `lookout` (or `lookout-store-tool`) to the end.
func runLookout(_ arguments: [String], environment: [String: String]? = nil, storeTool: Bool = false) throws -> RunResult {
    let (process, out, err) = try startLookout(arguments, environment: environment, storeTool: storeTool)
    // Read both pipes before waiting, so a chatty child cannot block on a full pipe.
    let errData = ReadAll(err)
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return RunResult(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                     stderr: String(decoding: errData.wait(), as: UTF8.self))
}

/// Reads a pipe to its end on another thread.
final class ReadAll: @unchecked Sendable {
    private let lock = NSCondition()
    private var data: Data?

    init(_ pipe: Pipe) {
        let handle = pipe.fileHandleForReading
        Thread.detachNewThread { [self] in
            let all = handle.readDataToEndOfFile()
            lock.lock()
            data = all
            lock.signal()
            lock.unlock()
        }
    }

    func wait() -> Data {
        lock.lock()
        defer { lock.unlock() }
        while data == nil { lock.wait() }
        return data ?? Data()
    }
}

/// An environment for a child `lookout` that does not see the developer's own data folder.
func isolatedEnvironment(home: String, extra: [String: String] = [:]) -> [String: String] {
    var env = ProcessInfo.processInfo.environment
    env["HOME"] = home
    env.removeValue(forKey: "XDG_DATA_HOME")
    env.removeValue(forKey: "LOOKOUT_DATA_DIR")
    for (key, value) in extra { env[key] = value }
    return env
}

struct TestFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// A seedable generator for reproducible random kill moments.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE5_E9B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Whether this process can make a folder read-only for itself: chmod 0500 works for a normal
/// user; root ignores permission bits, so for root only the immutable attribute (chattr +i) works.
enum ReadOnlyFolder {
    static var isRoot: Bool { geteuid() == 0 }

    /// Makes `path` read-only; returns how, or nil if it could not.
    static func make(_ path: String) -> String? {
        if !isRoot {
            return chmod(path, 0o500) == 0 ? "chmod 0500" : nil
        }
        guard shell("/usr/bin/chattr", ["+i", path]) == 0 || shell("/bin/chattr", ["+i", path]) == 0 else { return nil }
        // Check it really refuses a new file (some file systems ignore the attribute).
        let probe = path + "/probe"
        let fd = open(probe, O_CREAT | O_WRONLY, 0o600)
        if fd >= 0 {
            close(fd)
            unlink(probe)
            undo(path)
            return nil
        }
        return "chattr +i"
    }

    static func undo(_ path: String) {
        if isRoot {
            _ = shell("/usr/bin/chattr", ["-i", path]) == 0 || shell("/bin/chattr", ["-i", path]) == 0
        } else {
            _ = chmod(path, 0o700)
        }
    }

    static func shell(_ tool: String, _ arguments: [String]) -> Int32 {
        guard fileExists(tool) else { return -1 }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { return -1 }
        process.waitUntilExit()
        return process.terminationStatus
    }
}

/// Starts the store's test tool (`lookout-store-tool`) with `arguments`.
func startStoreTool(_ arguments: [String], environment: [String: String]? = nil) throws -> (Process, Pipe, Pipe) {
    try startLookout(arguments, environment: environment, storeTool: true)
}

/// Runs the store's test tool to the end.
func runStoreTool(_ arguments: [String], environment: [String: String]? = nil) throws -> RunResult {
    try runLookout(arguments, environment: environment, storeTool: true)
}
