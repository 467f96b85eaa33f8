import ArgumentParser
import Foundation
import LookoutStore

/// Where the progress store lives.
///
/// In this order: `--data-dir`, then `LOOKOUT_DATA_DIR`, then `$XDG_DATA_HOME/lookout`, then
/// `~/.local/share/lookout`. The folder is created with mode 0700 and the store files with 0600
/// (see `ProgressStore.open(directory:)`); the store file is `progress.sqlite` in it.
public enum DataDirectory {
    /// Which rule chose the folder.
    public enum Source: String, Sendable {
        case flag = "--data-dir"
        case environment = "LOOKOUT_DATA_DIR"
        case xdg = "XDG_DATA_HOME"
        case home = "HOME"
    }

    public struct NoHomeError: Error, CustomStringConvertible {
        public var description: String {
            "cannot find a folder for the progress store: HOME is not set; pass --data-dir PATH or set LOOKOUT_DATA_DIR"
        }
    }

    /// The data folder and the rule that chose it. Empty values count as unset; a relative
    /// XDG_DATA_HOME is ignored, as the XDG Base Directory specification asks.
    public static func resolve(flag: String?, environment: [String: String] = ProcessInfo.processInfo.environment,
                               home: String? = nil) throws(NoHomeError) -> (path: String, source: Source) {
        if let flag, !flag.isEmpty { return (flag, .flag) }
        if let env = environment["LOOKOUT_DATA_DIR"], !env.isEmpty { return (env, .environment) }
        if let xdg = environment["XDG_DATA_HOME"], xdg.hasPrefix("/") {
            return (joined(xdg, "lookout"), .xdg)
        }
        guard let homePath = home ?? homeDirectory(environment: environment) else { throw NoHomeError() }
        return (joined(homePath, ".local/share/lookout"), .home)
    }

    /// `$HOME`, or the home folder in the password database.
    static func homeDirectory(environment: [String: String]) -> String? {
        if let home = environment["HOME"], !home.isEmpty { return home }
        guard let entry = getpwuid(getuid()), let dir = entry.pointee.pw_dir else { return nil }
        let path = String(cString: dir)
        return path.isEmpty ? nil : path
    }

    static func joined(_ base: String, _ tail: String) -> String {
        base.hasSuffix("/") ? base + tail : base + "/" + tail
    }
}

/// The `--data-dir` option, for every command that reads or writes progress.
public struct DataOptions: ParsableArguments {
    @Option(name: .customLong("data-dir"),
            help: ArgumentHelp("The folder that holds progress.sqlite (default: $LOOKOUT_DATA_DIR, $XDG_DATA_HOME/lookout, or ~/.local/share/lookout).",
                               valueName: "path"))
    public var dataDir: String?

    public init() {}

    /// The data folder in use.
    public func directory() throws -> String {
        do {
            return try DataDirectory.resolve(flag: dataDir).path
        } catch {
            printError("error: \(error)")
            throw ExitCode(ExitStatus.ioError)
        }
    }

    /// Whether the data folder already holds a progress store (a command that only reads must not create one).
    public func storeExists() throws -> Bool {
        FileManager.default.fileExists(atPath: DataDirectory.joined(try directory(), ProgressStore.fileName))
    }

    /// Opens the store in the data folder (creating both if needed). A store problem is printed as
    /// one line on stderr and becomes exit code 74 (65 for a request problem).
    public func openStore() throws -> ProgressStore {
        let folder = try directory()
        do {
            return try ProgressStore.open(directory: folder)
        } catch {
            throw storeFailure(error)
        }
    }
}

/// Prints a store error as one line on stderr and returns the exit code for it: 74 (EX_IOERR) for
/// problems with the file or disk, 65 (EX_DATAERR) for problems with the request.
func storeFailure(_ error: StoreError) -> ExitCode {
    printError("error: \(error)")
    return ExitCode(error.isUserError ? ExitStatus.dataError : ExitStatus.ioError)
}
