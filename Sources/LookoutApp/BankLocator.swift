import Foundation
import LookoutCore
import LookoutText
import LookoutUI

/// Finds and reads the scenario bank on disk.
public enum BankLocator {
    /// The bank folder in use: `--bank`, then `LOOKOUT_BANK`, then `./Scenarios`, then
    /// `../share/lookout/Scenarios` next to the installed executable.
    public static func locate(explicit: String?, environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        find(explicit: explicit, environment: environment)?.path ?? "Scenarios"
    }

    /// Which rule chose the bank.
    public enum Source: String, Sendable {
        case flag = "--bank"
        case environment = "LOOKOUT_BANK"
        case currentFolder = "./Scenarios"
        case installed = "next to the program"

        public var explanation: String {
            switch self {
            case .flag: return "from --bank"
            case .environment: return "from LOOKOUT_BANK"
            case .currentFolder: return "Scenarios in the current folder"
            case .installed: return "installed next to the program"
            }
        }
    }

    /// A bank chosen by one of the rules. `--bank` and `LOOKOUT_BANK` are taken as given, so `exists` may be
    /// false for them; the other two rules only choose a folder that exists.
    public struct Location: Sendable, Equatable {
        public var path: String
        public var source: Source
        public var exists: Bool
    }

    /// The bank in use and the rule that chose it, or nil when no rule finds one.
    public static func find(explicit: String?, environment: [String: String] = ProcessInfo.processInfo.environment) -> Location? {
        if let explicit, !explicit.isEmpty {
            return Location(path: explicit, source: .flag, exists: FileManager.default.fileExists(atPath: explicit))
        }
        if let env = environment["LOOKOUT_BANK"], !env.isEmpty {
            return Location(path: env, source: .environment, exists: FileManager.default.fileExists(atPath: env))
        }
        if isFolder("Scenarios") { return Location(path: "Scenarios", source: .currentFolder, exists: true) }
        if let installed = installedBank(), isFolder(installed) {
            return Location(path: installed, source: .installed, exists: true)
        }
        return nil
    }

    /// When there is no bank at `root` at all (not a faulty one): the message to print, naming where Lookout
    /// looked, as `lookout --version` does. Nil when `root` exists.
    public static func missing(root: String, environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        guard !FileManager.default.fileExists(atPath: root) else { return nil }
        let looked = ([root] + candidates(environment: environment)).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
        return "error: no scenario bank found (looked in: \(looked.map { DisplayWidth.sanitize($0) }.joined(separator: ", "))); pass --bank PATH or set LOOKOUT_BANK"
    }

    /// The places `find` looks at when neither `--bank` nor `LOOKOUT_BANK` is given.
    public static func candidates(environment: [String: String] = ProcessInfo.processInfo.environment) -> [String] {
        ["Scenarios"] + (installedBank().map { [$0] } ?? [])
    }

    /// `../share/lookout/Scenarios` from the folder that holds the running executable's real file, so that
    /// a symbolic link to it (in a folder on PATH, say) still finds the bank beside the real one.
    public static func installedBank() -> String? {
        guard let executable = executablePath() else { return nil }
        return URL(fileURLWithPath: executable).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("share/lookout/Scenarios").path
    }

    /// The real path of the running executable, every symbolic link resolved. Linux's /proc/self/exe is
    /// right however the program was started; `argv[0]` is only a fallback, because a shell that finds the
    /// program on PATH passes the bare name ("lookout") there.
    public static func executablePath() -> String? {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let count = readlink("/proc/self/exe", &buffer, Int(PATH_MAX))
        if count > 0 {
            let bytes = buffer[0..<count].map { UInt8(bitPattern: $0) }
            return String(decoding: bytes, as: UTF8.self)
        }
        let argument = CommandLine.arguments.first ?? ""
        guard argument.contains("/") else { return nil }
        return URL(fileURLWithPath: argument).resolvingSymlinksInPath().path
    }

    private static func isFolder(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
    }

    public struct ReadError: Error, CustomStringConvertible {
        public var diagnostic: Diagnostic
        public var description: String { diagnostic.description }
    }

    /// The largest bank file read (4 MiB; the biggest shipped file is about 15 KB).
    public static let maximumFileSize: Int64 = 4 << 20

    /// Reads one bank file the careful way (``SafeFile``): regular files only, never blocking on a
    /// FIFO or a device, at most ``maximumFileSize`` bytes. A failure is an E003 naming the reason.
    static func readFile(_ path: String) -> Result<[UInt8], ReadError> {
        func fail(_ message: String) -> Result<[UInt8], ReadError> {
            .failure(ReadError(diagnostic: .error("E003", at: SourceLocation(file: path, line: 1, column: 1), message)))
        }
        let file: SafeFile
        do {
            file = try SafeFile.open(path, maximumSize: maximumFileSize)
        } catch {
            switch error {
            case .cannotOpen(let reason):
                return fail("cannot read this file: \(reason); check its permissions")
            case .notRegular(let kind):
                return fail("cannot read this file: \(error.description) (\(kind.hasPrefix("a FIFO") ? "reading it could wait for ever" : "only plain text files can be scenario files")); remove it from the bank folder or rename it so it does not end in .txt")
            case .tooLarge(let size):
                return fail("this file is too large to be a scenario file (\(size / 1024) KiB; the limit is \(maximumFileSize >> 20) MiB); split it into several files")
            }
        }
        defer { file.close() }
        guard let bytes = file.readAll() else { return fail("cannot read this file: \(file.lastError)") }
        return .success(bytes)
    }

    /// Today's date from the system clock, for checks that need it.
    public static func today() -> CalendarDate {
        var now = time(nil)
        var parts = tm()
        localtime_r(&now, &parts)
        return CalendarDate(year: Int(parts.tm_year) + 1900, month: Int(parts.tm_mon) + 1, day: Int(parts.tm_mday))
    }

    /// Reads, parses and validates the bank at `root`. Never throws: a bank that cannot be
    /// read comes back as a result holding the read error.
    public static func load(root: String) -> BankLoadResult {
        do {
            let (paths, folderErrors) = try walk(root: root)
            // Reading and parsing are independent per file: spread them over the cores.
            let parsed = ParallelMap.map(paths) { path -> Result<ParsedFile, ReadError> in
                readFile(path).map { BankParser.parse($0, path: path) }
            }
            var files: [ParsedFile] = []
            var readErrors: [Diagnostic] = folderErrors
            for item in parsed {
                switch item {
                case .success(let file): files.append(file)
                case .failure(let error): readErrors.append(error.diagnostic)
                }
            }
            var result = BankValidator.validate(files, options: ValidationOptions(today: today()))
            if !readErrors.isEmpty {
                result.diagnostics = (readErrors + result.diagnostics).sortedByLocation()
            }
            result.fileCount = paths.count
            return result
        } catch {
            return BankLoadResult(bank: Bank(), diagnostics: [error.diagnostic], fileCount: 0)
        }
    }

    /// Every `.txt` file of the bank at `root` with its bytes, read the careful way (``readFile(_:)``); the first
    /// folder or file that cannot be read is the error.
    public static func read(root: String) throws(ReadError) -> [(path: String, bytes: [UInt8])] {
        let (paths, folderErrors) = try walk(root: root)
        if let first = folderErrors.first { throw ReadError(diagnostic: first) }
        var files: [(path: String, bytes: [UInt8])] = []
        for path in paths {
            switch readFile(path) {
            case .success(let bytes): files.append((path, bytes))
            case .failure(let error): throw error
            }
        }
        return files
    }

    /// The paths of every `.txt` file under `root` (or `root` itself if it is a file), sorted.
    public static func list(root: String) throws(ReadError) -> [String] {
        try walk(root: root).paths
    }

    /// The paths of every `.txt` entry under `root`, sorted, and an E003 for every sub-folder that
    /// cannot be read (never skipped silently). Links to folders are followed once (a loop is cut).
    /// Whether each path is a regular file is checked when it is read (``readFile(_:)``).
    static func walk(root: String) throws(ReadError) -> (paths: [String], errors: [Diagnostic]) {
        let rootLocation = SourceLocation(file: root, line: 1, column: 1)
        var st = stat()
        guard stat(root, &st) == 0 else {
            if errno == EACCES {
                throw ReadError(diagnostic: .error("E003", at: rootLocation, "cannot read this folder: permission denied; check its permissions"))
            }
            throw ReadError(diagnostic: .error("E003", at: rootLocation,
                "no scenario bank here: the folder does not exist; pass '--bank PATH', set LOOKOUT_BANK, or run from the folder that holds 'Scenarios'"))
        }
        if (st.st_mode & S_IFMT) != S_IFDIR { return ([root], []) }
        guard let top = opendir(root) else {
            throw ReadError(diagnostic: .error("E003", at: rootLocation, "cannot read this folder: \(SafeFile.reason(errno)); check its permissions"))
        }
        var paths: [String] = []
        var errors: [Diagnostic] = []
        var visited: Set<[UInt64]> = [[UInt64(st.st_dev), UInt64(st.st_ino)]]
        let prefix = root.hasSuffix("/") ? root : root + "/"
        func entries(_ dir: OpaquePointer) -> [String] {
            var names: [String] = []
            while let entry = readdir(dir) {
                let name = withUnsafePointer(to: entry.pointee.d_name) {
                    $0.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
                }
                if name != ".", name != ".." { names.append(name) }
            }
            closedir(dir)
            return names
        }
        func visit(_ relative: String, _ dir: OpaquePointer) {
            for name in entries(dir) {
                let child = relative.isEmpty ? name : relative + "/" + name
                var info = stat()
                guard stat(prefix + child, &info) == 0 else {
                    // A dangling link or a vanished entry: reported when it is a .txt, as before.
                    if name.hasSuffix(".txt") { paths.append(child) }
                    continue
                }
                if (info.st_mode & S_IFMT) == S_IFDIR {
                    guard visited.insert([UInt64(info.st_dev), UInt64(info.st_ino)]).inserted else { continue }
                    guard let sub = opendir(prefix + child) else {
                        errors.append(.error("E003", at: SourceLocation(file: prefix + child, line: 1, column: 1),
                            "cannot read this sub-folder: \(SafeFile.reason(errno)); its scenario files are missing from the bank. Check its permissions"))
                        continue
                    }
                    visit(child, sub)
                } else if name.hasSuffix(".txt") {
                    paths.append(child)
                }
            }
        }
        visit("", top)
        paths.sort()
        return (paths.map { prefix + $0 }, errors)
    }
}

/// A parallel map over the machine's cores, keeping the order of the input.
enum ParallelMap {
    static func map<T: Sendable, R: Sendable>(_ items: [T], _ transform: @Sendable (T) -> R) -> [R] {
        let count = items.count
        if count < 64 { return items.map(transform) }
        let workers = max(1, min(ProcessInfo.processInfo.activeProcessorCount, 8))
        let chunk = (count + workers - 1) / workers
        let results = UnsafeMutableBufferPointer<R?>.allocate(capacity: count)
        results.initialize(repeating: nil)
        defer { results.deallocate() }
        nonisolated(unsafe) let out = results
        DispatchQueue.concurrentPerform(iterations: workers) { w in
            let start = w * chunk
            let end = min(count, start + chunk)
            if start < end {
                for i in start..<end { out[i] = transform(items[i]) }
            }
        }
        return results.map { $0! }
    }
}
