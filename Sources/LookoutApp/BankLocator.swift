import Foundation
import LookoutCore

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

    /// Every `.txt` file under `root`, sorted, with paths written as `root/relative`.
    public static func read(root: String) throws(ReadError) -> [(path: String, bytes: [UInt8])] {
        var isDirectory: ObjCBool = false
        let rootLocation = SourceLocation(file: root, line: 1, column: 1)
        guard FileManager.default.fileExists(atPath: root, isDirectory: &isDirectory) else {
            throw ReadError(diagnostic: .error("E003", at: rootLocation,
                "no scenario bank here: the folder does not exist; pass '--bank PATH', set LOOKOUT_BANK, or run from the folder that holds 'Scenarios'"))
        }
        if !isDirectory.boolValue {
            // A single file is a bank of one file.
            guard let bytes = readBytes(root) else {
                throw ReadError(diagnostic: .error("E003", at: rootLocation, "cannot read this file; check its permissions"))
            }
            return [(root, bytes)]
        }
        guard let enumerator = FileManager.default.enumerator(atPath: root) else {
            throw ReadError(diagnostic: .error("E003", at: rootLocation, "cannot read this folder; check its permissions"))
        }
        var relativePaths: [String] = []
        while let next = enumerator.nextObject() as? String {
            if next.hasSuffix(".txt") { relativePaths.append(next) }
        }
        relativePaths.sort()
        var files: [(path: String, bytes: [UInt8])] = []
        files.reserveCapacity(relativePaths.count)
        let prefix = root.hasSuffix("/") ? root : root + "/"
        for relative in relativePaths {
            let path = prefix + relative
            var isDir: ObjCBool = false
            if FileManager.default.fileExists(atPath: path, isDirectory: &isDir), isDir.boolValue { continue }
            guard let bytes = readBytes(path) else {
                throw ReadError(diagnostic: .error("E003", at: SourceLocation(file: path, line: 1, column: 1),
                    "cannot read this file; check its permissions"))
            }
            files.append((path, bytes))
        }
        return files
    }

    static func readBytes(_ path: String) -> [UInt8]? {
        let fd = open(path, O_RDONLY)
        if fd < 0 { return nil }
        defer { close(fd) }
        var result: [UInt8] = []
        var st = stat()
        if fstat(fd, &st) == 0, st.st_size > 0 { result.reserveCapacity(Int(st.st_size)) }
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, 65536) }
            if n < 0 { return nil }
            if n == 0 { break }
            result.append(contentsOf: chunk[0..<n])
        }
        return result
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
            let paths = try list(root: root)
            // Reading and parsing are independent per file: spread them over the cores.
            let parsed = ParallelMap.map(paths) { path -> Result<ParsedFile, ReadError> in
                guard let bytes = readBytes(path) else {
                    return .failure(ReadError(diagnostic: .error("E003", at: SourceLocation(file: path, line: 1, column: 1),
                        "cannot read this file; check its permissions")))
                }
                return .success(BankParser.parse(bytes, path: path))
            }
            var files: [ParsedFile] = []
            var readErrors: [Diagnostic] = []
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

    /// The paths of every `.txt` file under `root` (or `root` itself if it is a file), sorted.
    public static func list(root: String) throws(ReadError) -> [String] {
        var isDirectory: ObjCBool = false
        let rootLocation = SourceLocation(file: root, line: 1, column: 1)
        guard FileManager.default.fileExists(atPath: root, isDirectory: &isDirectory) else {
            throw ReadError(diagnostic: .error("E003", at: rootLocation,
                "no scenario bank here: the folder does not exist; pass '--bank PATH', set LOOKOUT_BANK, or run from the folder that holds 'Scenarios'"))
        }
        if !isDirectory.boolValue { return [root] }
        guard let enumerator = FileManager.default.enumerator(atPath: root) else {
            throw ReadError(diagnostic: .error("E003", at: rootLocation, "cannot read this folder; check its permissions"))
        }
        var relativePaths: [String] = []
        while let next = enumerator.nextObject() as? String {
            if next.hasSuffix(".txt") { relativePaths.append(next) }
        }
        relativePaths.sort()
        let prefix = root.hasSuffix("/") ? root : root + "/"
        return relativePaths.map { prefix + $0 }.filter {
            var isDir: ObjCBool = false
            return !(FileManager.default.fileExists(atPath: $0, isDirectory: &isDir) && isDir.boolValue)
        }
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
