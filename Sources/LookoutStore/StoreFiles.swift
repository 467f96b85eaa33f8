import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// File-system work around the store: the data folder (0700), the store file (0600), and the
/// header check that keeps Lookout from touching a file that is not an SQLite database.
enum StoreFiles {
    /// The first 16 bytes of every SQLite 3 database file.
    static let sqliteHeader: [UInt8] = Array("SQLite format 3".utf8) + [0]

    /// Creates `path` and any missing parent folders with mode 0700. An existing folder is left as
    /// it is (its owner chose its permissions).
    static func ensureDirectory(_ path: String) throws(StoreError) {
        var st = stat()
        if stat(path, &st) == 0 {
            if (st.st_mode & S_IFMT) == S_IFDIR { return }
            throw .cannotCreateDirectory(path: path, reason: "a file with this name is in the way")
        }
        let parent = PathName.parent(path)
        if !parent.isEmpty, parent != path, parent != "/" {
            try ensureDirectory(parent)
        }
        if mkdir(path, 0o700) != 0 {
            let code = errno
            if code == EEXIST {
                // Made by another process just now; fine if it is a folder.
                var again = stat()
                if stat(path, &again) == 0, (again.st_mode & S_IFMT) == S_IFDIR { return }
            }
            if code == ENOSPC { throw .diskFull(path: path) }
            throw .cannotCreateDirectory(path: path, reason: reason(errno: code))
        }
        // mkdir's mode is filtered by the umask; make sure it is exactly 0700.
        _ = chmod(path, 0o700)
    }

    /// Refuses the store when `path` or its `-wal`, `-shm` or `-journal` side file is a symbolic
    /// link (looked at with lstat, so the link itself, never its target).
    static func refuseSymbolicLinks(_ path: String) throws(StoreError) {
        for suffix in ["", "-wal", "-shm", "-journal"] {
            var st = stat()
            if lstat(path + suffix, &st) == 0, (st.st_mode & S_IFMT) == S_IFLNK {
                throw .symbolicLink(path: path + suffix)
            }
        }
    }

    /// What is at `path` now.
    enum Existing {
        case none
        case empty
        case sqlite
    }

    /// Looks at the store path without changing anything: nothing there, an empty file (a store
    /// that was being created), or an SQLite file. Anything else throws `.notADatabase`.
    static func inspect(_ path: String) throws(StoreError) -> Existing {
        try refuseSymbolicLinks(path)
        var st = stat()
        if lstat(path, &st) != 0 {
            let code = errno
            if code == ENOENT { return .none }
            if code == ENOTDIR {
                throw .notWritable(path: path, reason: "part of the path is a file, not a folder")
            }
            throw .io(path: path, detail: reason(errno: code))
        }
        if (st.st_mode & S_IFMT) == S_IFDIR {
            throw .notADatabase(path: path)
        }
        if (st.st_mode & S_IFMT) != S_IFREG {
            throw .notADatabase(path: path)
        }
        if st.st_size == 0 { return .empty }
        if st.st_size < 100 { throw .notADatabase(path: path) }
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK)
        if fd < 0 {
            if errno == ELOOP { throw .symbolicLink(path: path) }
            throw .io(path: path, detail: "cannot read the file: \(reason(errno: errno))")
        }
        defer { close(fd) }
        var header = [UInt8](repeating: 0, count: 16)
        let n = header.withUnsafeMutableBytes { read(fd, $0.baseAddress, 16) }
        if n != 16 || header != sqliteHeader { throw .notADatabase(path: path) }
        return .sqlite
    }

    /// Creates an empty store file with mode 0600, so SQLite (which gives the -wal and -shm files
    /// the mode of the database file) never makes a world-readable file. An existing file is fine.
    static func createEmptyFile(_ path: String) throws(StoreError) {
        let fd = open(path, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC | O_NOFOLLOW, 0o600)
        if fd >= 0 {
            _ = fchmod(fd, 0o600)
            close(fd)
            return
        }
        let code = errno
        switch code {
        case EEXIST:
            var st = stat()
            if lstat(path, &st) == 0, (st.st_mode & S_IFMT) == S_IFLNK { throw .symbolicLink(path: path) }
            return
        case ENOSPC, EDQUOT:
            throw .diskFull(path: path)
        case EACCES, EPERM, EROFS:
            throw .notWritable(path: path, reason: "the folder '\(directory(of: path))' is read-only (\(reason(errno: code)))")
        case ENOTDIR:
            throw .notWritable(path: path, reason: "part of the path is a file, not a folder")
        case ENOENT:
            throw .notWritable(path: path, reason: "the folder '\(directory(of: path))' does not exist")
        default:
            throw .io(path: path, detail: reason(errno: code))
        }
    }

    /// Sets the store file and its -wal and -shm companions to 0600, where they exist.
    static func restrictPermissions(_ path: String) {
        for suffix in ["", "-wal", "-shm"] {
            var st = stat()
            let file = path + suffix
            // lstat: never change the mode of a link's target.
            if lstat(file, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG, (st.st_mode & 0o777) != 0o600 {
                _ = chmod(file, 0o600)
            }
        }
    }

    /// The size of the file at `path` in bytes, or nil.
    static func size(_ path: String) -> Int64? {
        var st = stat()
        return stat(path, &st) == 0 ? Int64(st.st_size) : nil
    }

    static func directory(of path: String) -> String {
        PathName.directory(of: path)
    }

    static func reason(errno code: Int32) -> String {
        switch code {
        case EACCES, EPERM: return "permission denied"
        case EROFS: return "the file system is read-only"
        case ENOTDIR: return "part of the path is a file, not a folder"
        case ENOENT: return "no such file or folder"
        case ENOSPC: return "the disk is full"
        default: return String(cString: strerror(code))
        }
    }
}
