import Foundation
import GRDB
import LookoutCore

/// Everything that can go wrong with the progress store, each with a one-line message that names
/// the file and says what to do.
///
/// Two families: problems with the file or the disk (`isUserError == false`; the command line exits
/// 74, EX_IOERR) and problems with what was asked for, like a duplicate name
/// (`isUserError == true`; the command line exits 65, EX_DATAERR).
public enum StoreError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The file at the store path is not an SQLite database at all.
    case notADatabase(path: String)
    /// The file is an SQLite database but damaged (failed `PRAGMA quick_check`, or SQLITE_CORRUPT).
    case corrupt(path: String, detail: String)
    /// The file is a healthy SQLite database, but holds someone else's tables.
    case notALookoutStore(path: String)
    /// The store was written by a newer Lookout: it records migrations this version does not know.
    case newerVersion(path: String, unknownMigrations: [String])
    /// The data folder could not be created.
    case cannotCreateDirectory(path: String, reason: String)
    /// The store file or its folder cannot be written (read-only folder, read-only file system, ...).
    case notWritable(path: String, reason: String)
    /// SQLITE_FULL or ENOSPC: the disk (or the store's page limit) is full.
    case diskFull(path: String)
    /// Another process kept the store locked for longer than the busy timeout.
    case busy(path: String)
    /// Any other I/O failure.
    case io(path: String, detail: String)
    /// The store file or one of its -wal/-shm side files is a symbolic link: not followed, refused.
    case symbolicLink(path: String)

    /// The learner name is empty, too long, or holds control characters.
    case invalidName(name: String, reason: String)
    /// Another learner already has this name (compared after NFC normalisation and trimming).
    case duplicateName(name: String)
    /// No learner with this name or id.
    case unknownLearner(String)
    /// No attempt with this id, or it belongs to another learner.
    case unknownAttempt(String)
    /// An answer event that cannot be stored as it is (bad credit, empty id, ...).
    case invalidEvent(id: String, reason: String)
    /// An answer event with this id is already stored.
    case duplicateEvent(id: String)

    /// true for problems with the request (exit 65), false for problems with the file or disk (exit 74).
    public var isUserError: Bool {
        switch self {
        case .invalidName, .duplicateName, .unknownLearner, .unknownAttempt, .invalidEvent, .duplicateEvent:
            return true
        default:
            return false
        }
    }

    /// One line, no trailing full stop.
    public var description: String {
        switch self {
        case .notADatabase(let path):
            return "'\(path)' is not a Lookout progress store (it is not an SQLite database); Lookout has not changed it. Move it aside (mv '\(path)' '\(path).bad') to start a new store, or choose another folder with --data-dir"
        case .corrupt(let path, let detail):
            return "the progress store '\(path)' is damaged (\(detail)); Lookout has not changed it. Keep a copy, try 'sqlite3 \(path) .recover', or move it aside (mv '\(path)' '\(path).damaged') to start a new store"
        case .notALookoutStore(let path):
            return "'\(path)' is an SQLite database but not a Lookout progress store; Lookout has not changed it. Move it aside (mv '\(path)' '\(path).other') or choose another folder with --data-dir"
        case .newerVersion(let path, let unknown):
            return "the progress store '\(path)' was written by a newer version of Lookout (schema \(unknown.sorted().joined(separator: ", "))); Lookout has not changed it. Install the newer Lookout to use it"
        case .cannotCreateDirectory(let path, let reason):
            return "cannot create the data folder '\(path)': \(reason). Choose another folder with --data-dir or LOOKOUT_DATA_DIR"
        case .notWritable(let path, let reason):
            return "cannot write the progress store '\(path)': \(reason). Make the folder writable, or choose another folder with --data-dir or LOOKOUT_DATA_DIR"
        case .diskFull(let path):
            return "cannot save to the progress store '\(path)': the disk is full. Answers saved before are safe; free some space and try again"
        case .busy(let path):
            return "the progress store '\(path)' stayed locked by another program; close other Lookout windows and try again"
        case .symbolicLink(let path):
            return "'\(StoreError.printable(path))' is a symbolic link; Lookout does not follow links for the progress store and its side files (a link could write learners' answers outside the private data folder) and has changed nothing. Replace the link with the real file, or choose another folder with --data-dir"
        case .io(let path, let detail):
            return "cannot read or write the progress store '\(path)': \(detail)"
        case .invalidName(let name, let reason):
            return "the learner name '\(StoreError.printable(name))' cannot be used: \(reason)"
        case .duplicateName(let name):
            return "there is already a learner called '\(StoreError.printable(name))'; choose another name (names are compared ignoring spaces at the ends)"
        case .unknownLearner(let name):
            return "there is no learner called '\(StoreError.printable(name))'; 'lookout learners list' shows them"
        case .unknownAttempt(let id):
            return "there is no lesson attempt '\(StoreError.printable(id))' for this learner"
        case .invalidEvent(let id, let reason):
            return "the answer '\(StoreError.printable(id))' cannot be saved: \(reason)"
        case .duplicateEvent(let id):
            return "the answer '\(StoreError.printable(id))' is already saved"
        }
    }

    /// `s` through the terminal-safe text path (``TerminalText/safe(_:)``): control and bidi
    /// characters written as visible escapes, so a message stays on one line and acts on no terminal.
    static func printable(_ s: String) -> String {
        TerminalText.safe(s)
    }

    /// Maps an error met while using the store at `path` (a GRDB `DatabaseError` or anything else).
    static func from(_ error: any Error, path: String) -> StoreError {
        if let error = error as? StoreError { return error }
        guard let db = error as? DatabaseError else {
            return .io(path: path, detail: printable(oneLine("\(error)")))
        }
        let message = printable(oneLine(db.message ?? "SQLite error \(db.extendedResultCode.rawValue)"))
        switch db.resultCode {
        case .SQLITE_FULL:
            return .diskFull(path: path)
        case .SQLITE_NOTADB:
            return .notADatabase(path: path)
        case .SQLITE_CORRUPT:
            return .corrupt(path: path, detail: message)
        case .SQLITE_READONLY, .SQLITE_PERM, .SQLITE_AUTH:
            return .notWritable(path: path, reason: "the file or its folder is read-only (\(message))")
        case .SQLITE_CANTOPEN:
            return .notWritable(path: path, reason: "the file or its folder cannot be opened for writing (\(message))")
        case .SQLITE_BUSY, .SQLITE_LOCKED:
            return .busy(path: path)
        case .SQLITE_IOERR where diskIsFull(path):
            // SQLite reports a write that ran out of space as "disk I/O error".
            return .diskFull(path: path)
        default:
            return .io(path: path, detail: message)
        }
    }

    /// Whether the file system holding `path` has (almost) no space left for this user.
    static func diskIsFull(_ path: String) -> Bool {
        var info = statvfs()
        let folder = PathName.directory(of: path)
        guard statvfs(folder, &info) == 0 else { return false }
        return UInt64(info.f_bavail) * UInt64(info.f_bsize) < 64 * 1024
    }

    static func oneLine(_ s: String) -> String {
        s.split(whereSeparator: \.isNewline).joined(separator: " ")
    }
}
