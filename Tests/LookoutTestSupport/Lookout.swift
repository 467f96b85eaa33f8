import Foundation

/// Runs the real `lookout` binary built next to the test bundle. Shared by the test targets.
public enum Lookout {
    public struct Output: Sendable {
        public var status: Int32
        public var stdout: String
        public var stderr: String

        public init(status: Int32, stdout: String, stderr: String) {
            self.status = status
            self.stdout = stdout
            self.stderr = stderr
        }
    }

    public static var binary: String {
        let bundle = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        var dir = bundle.deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = dir.appendingPathComponent("lookout").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            dir.deleteLastPathComponent()
        }
        return packageRoot + "/.build/debug/lookout"
    }

    public static var packageRoot: String {
        var url = URL(fileURLWithPath: #filePath)
        while url.path != "/" {
            url.deleteLastPathComponent()
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url.path }
        }
        return FileManager.default.currentDirectoryPath
    }

    public static var shippedBank: String { packageRoot + "/Scenarios" }

    /// The environment a test gives the binary: this process's, without colour and without the variables that
    /// would point it at another bank, store or passphrase, plus `extra`.
    public static func childEnvironment(_ extra: [String: String] = [:]) -> [String: String] {
        var env = ProcessInfo.processInfo.environment
        env["NO_COLOR"] = "1"
        env.removeValue(forKey: "LOOKOUT_BANK")
        env.removeValue(forKey: "LOOKOUT_DATA_DIR")
        env.removeValue(forKey: "LOOKOUT_PASSPHRASE")
        env.removeValue(forKey: "LOOKOUT_LANGUAGE")
        env.removeValue(forKey: "LOOKOUT_LRS_AUTH")
        for (k, v) in extra { env[k] = v }
        return env
    }

    @discardableResult
    public static func run(_ arguments: [String], executable: String? = nil, cwd: String? = nil, environment: [String: String] = [:],
                    stdin: String? = nil) throws -> Output {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable ?? binary)
        process.arguments = arguments
        process.environment = childEnvironment(environment)
        if let cwd { process.currentDirectoryURL = URL(fileURLWithPath: cwd) }
        // Output goes to files, so a large output can never block the child.
        let base = NSTemporaryDirectory() + "lookout-run-\(UUID().uuidString)"
        FileManager.default.createFile(atPath: base + ".out", contents: nil)
        FileManager.default.createFile(atPath: base + ".err", contents: nil)
        defer {
            try? FileManager.default.removeItem(atPath: base + ".out")
            try? FileManager.default.removeItem(atPath: base + ".err")
        }
        let out = try FileHandle(forWritingTo: URL(fileURLWithPath: base + ".out"))
        let err = try FileHandle(forWritingTo: URL(fileURLWithPath: base + ".err"))
        let input = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = input
        try process.run()
        if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
        try? input.fileHandleForWriting.close()
        process.waitUntilExit()
        try? out.close()
        try? err.close()
        let outData = FileManager.default.contents(atPath: base + ".out") ?? Data()
        let errData = FileManager.default.contents(atPath: base + ".err") ?? Data()
        return Output(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                      stderr: String(decoding: errData, as: UTF8.self))
    }

    /// A fresh temporary directory.
    public static func temporaryDirectory(_ name: String = "lookout-test") throws -> String {
        let path = NSTemporaryDirectory() + "\(name)-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }
}

/// Temporary folders made by one test, removed when it ends.
public final class TemporaryFolders: @unchecked Sendable {
    private var paths: [String] = []
    private let lock = NSLock()

    public init() {}

    public func make(_ name: String = "lookout-ws") throws -> String {
        let path = try Lookout.temporaryDirectory(name)
        track(path)
        return path
    }

    public func track(_ path: String) {
        lock.lock()
        paths.append(path)
        lock.unlock()
    }

    deinit {
        for path in paths { try? FileManager.default.removeItem(atPath: path) }
    }
}
