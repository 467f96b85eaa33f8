import Foundation
import LookoutCore
import LookoutText
import LookoutUI

/// The program's version: the one place it is written. `lookout --version` prints it and
/// `Scripts/release.sh` reads it from this file (the line `static let current = "..."`) to name the
/// release archive.
public enum LookoutVersion {
    public static let current = "0.1.0"
}

/// A fingerprint of the scenario bank's files, so that a facilitator can tell at a glance whether two
/// laptops run exactly the same bank.
///
/// It is the SHA-256 of this text (UTF-8, every line ending in "\n"):
///
/// ```
/// lookout-bank-fingerprint 1
/// <relative path> <TAB> <SHA-256 of the file's bytes, 64 hex digits>    one line per .txt file
/// ```
///
/// The files are the ones the bank loader reads (every `.txt` file under the bank folder, or the one
/// file when the bank is a file), listed by their path relative to the bank folder with `/` between
/// folders, sorted by the bytes of that path. Any change to any byte of any scenario, taxonomy, lesson or
/// region file gives another fingerprint (a typo fix, a line-end change from an editor too); where the bank
/// folder is does not matter, nor do files that are not `.txt` (FORMAT.md). For the content of one lesson,
/// which ignores typo fixes, see ``LessonFingerprint``.
public struct BankFingerprint: Sendable, Hashable {
    /// The whole digest, 64 lower-case hex digits.
    public var hex: String
    /// How many files went into it.
    public var fileCount: Int

    /// The first 16 hex digits in groups of four, as the lesson fingerprint is shown.
    public var short: String { LessonFingerprint(hex: hex).short }

    /// The text that is hashed, from each file's relative path and bytes.
    public static func canonicalText(files: [(relativePath: String, bytes: [UInt8])]) -> String {
        var text = "lookout-bank-fingerprint 1\n"
        for file in files.sorted(by: { Array($0.relativePath.utf8).lexicographicallyPrecedes(Array($1.relativePath.utf8)) }) {
            text += "\(file.relativePath)\t\(SHA256Digest.hex(SHA256Digest.hash(file.bytes)))\n"
        }
        return text
    }

    public static func of(files: [(relativePath: String, bytes: [UInt8])]) -> BankFingerprint {
        BankFingerprint(hex: SHA256Digest.hex(SHA256Digest.hash(Array(canonicalText(files: files).utf8))), fileCount: files.count)
    }

    /// The fingerprint of the bank at `root` (a folder or one file), or the read error.
    public static func of(root: String) throws(BankLocator.ReadError) -> BankFingerprint {
        let files = try BankLocator.read(root: root)
        var isDirectory: ObjCBool = false
        let isFolder = FileManager.default.fileExists(atPath: root, isDirectory: &isDirectory) && isDirectory.boolValue
        let prefix = root.hasSuffix("/") ? root : root + "/"
        return of(files: files.map { file in
            let relative: String
            if isFolder, file.path.hasPrefix(prefix) {
                relative = String(file.path.dropFirst(prefix.count))
            } else {
                relative = URL(fileURLWithPath: file.path).lastPathComponent
            }
            return (relative, file.bytes)
        })
    }
}

/// What `lookout --version` prints: the version, where the bank is and its fingerprint, and where the data
/// folder is. Never fails: a missing bank or home folder is reported in the text.
public struct VersionReport: Sendable {
    public var version: String
    public var bank: BankLocator.Location?
    /// Every place that was looked at for a bank, when none was found.
    public var bankCandidates: [String]
    public var fingerprint: Result<BankFingerprint, BankLocator.ReadError>?
    public var dataFolder: (path: String, source: DataDirectory.Source)?
    public var dataFolderExists: Bool

    /// The report for this process: its environment and current folder.
    public static func current(environment: [String: String] = ProcessInfo.processInfo.environment) -> VersionReport {
        let location = BankLocator.find(explicit: nil, environment: environment)
        var fingerprint: Result<BankFingerprint, BankLocator.ReadError>?
        if let location, location.exists {
            do { fingerprint = .success(try BankFingerprint.of(root: location.path)) } catch { fingerprint = .failure(error) }
        }
        let data = try? DataDirectory.resolve(flag: nil, environment: environment)
        var isDirectory: ObjCBool = false
        let exists = data.map { FileManager.default.fileExists(atPath: $0.path, isDirectory: &isDirectory) && isDirectory.boolValue } ?? false
        return VersionReport(version: LookoutVersion.current, bank: location,
                             bankCandidates: BankLocator.candidates(environment: environment),
                             fingerprint: fingerprint, dataFolder: data, dataFolderExists: exists)
    }

    /// The lines printed. Paths are made terminal-safe.
    public var text: String {
        var lines = ["lookout \(version)"]
        if let bank {
            let path = DisplayWidth.sanitize(Self.absolute(bank.path))
            lines.append("bank:             \(path) (\(bank.source.explanation)\(bank.exists ? "" : "; it does not exist"))")
            switch fingerprint {
            case .success(let print):
                lines.append("bank fingerprint: \(print.short) (\(print.fileCount) file\(print.fileCount == 1 ? "" : "s"), SHA-256 \(print.hex))")
            case .failure(let error):
                lines.append("bank fingerprint: none: \(DisplayWidth.sanitize(error.description))")
            case nil:
                lines.append("bank fingerprint: none")
            }
        } else {
            lines.append("bank:             no bank found (looked in: \(bankCandidates.map { DisplayWidth.sanitize(Self.absolute($0)) }.joined(separator: ", ")))")
            lines.append("bank fingerprint: none; pass --bank PATH to a command or set LOOKOUT_BANK")
        }
        if let dataFolder {
            let path = DisplayWidth.sanitize(Self.absolute(dataFolder.path))
            let from: String
            switch dataFolder.source {
            case .flag: from = "from --data-dir"
            case .environment: from = "from LOOKOUT_DATA_DIR"
            case .xdg: from = "from XDG_DATA_HOME"
            case .home: from = "in the home folder"
            }
            lines.append("data folder:      \(path) (\(from)\(dataFolderExists ? "" : "; not created yet"))")
        } else {
            lines.append("data folder:      none: HOME is not set; pass --data-dir PATH to a command or set LOOKOUT_DATA_DIR")
        }
        return lines.joined(separator: "\n")
    }

    static func absolute(_ path: String) -> String {
        if path.hasPrefix("/") { return path }
        let cwd = FileManager.default.currentDirectoryPath
        return URL(fileURLWithPath: path, relativeTo: URL(fileURLWithPath: cwd, isDirectory: true)).standardizedFileURL.path
    }
}
