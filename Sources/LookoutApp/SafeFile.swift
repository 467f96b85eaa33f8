import ArgumentParser
import Foundation
import LookoutCore
import LookoutStore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A file opened the careful way, for everything Lookout reads that a user hands it (bank files,
/// import files): `open` with `O_NONBLOCK`, so a FIFO or a device never blocks the open; `fstat` on
/// the open descriptor (no race with a rename), and only a regular file of at most `maximumSize`
/// bytes is accepted. A link to a regular file is fine; a link to `/dev/zero` is a device and refused.
struct SafeFile {
    enum OpenError: Error, Equatable, CustomStringConvertible {
        case cannotOpen(reason: String)
        case notRegular(kind: String)
        case tooLarge(size: Int64)

        var description: String {
            switch self {
            case .cannotOpen(let reason): return reason
            case .notRegular(let kind): return "it is \(kind), not a regular file"
            case .tooLarge(let size): return "it is too large (\(size) bytes)"
            }
        }
    }

    let descriptor: Int32
    let size: Int64
    /// Why the last read failed (from errno).
    var lastError: String { Self.reason(errno) }

    static func open(_ path: String, maximumSize: Int64) throws(OpenError) -> SafeFile {
        let fd = Glibc.open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY)
        if fd < 0 { throw .cannotOpen(reason: reason(errno)) }
        var st = stat()
        if fstat(fd, &st) != 0 {
            let code = errno
            Glibc.close(fd)
            throw .cannotOpen(reason: reason(code))
        }
        let type = st.st_mode & S_IFMT
        guard type == S_IFREG else {
            Glibc.close(fd)
            throw .notRegular(kind: kindName(type))
        }
        let size = Int64(st.st_size)
        if size > maximumSize {
            Glibc.close(fd)
            throw .tooLarge(size: size)
        }
        // Reads from a regular file never block; clear the flag anyway so reads behave as usual.
        let flags = fcntl(fd, F_GETFL)
        if flags >= 0 { _ = fcntl(fd, F_SETFL, flags & ~O_NONBLOCK) }
        return SafeFile(descriptor: fd, size: size)
    }

    /// `count` bytes at `offset` (fewer at the end of the file), or nil on a read error.
    func read(at offset: Int64, count: Int) -> [UInt8]? {
        var buffer = [UInt8](repeating: 0, count: count)
        var done = 0
        while done < count {
            let n = buffer.withUnsafeMutableBytes { raw in
                pread(descriptor, raw.baseAddress! + done, count - done, off_t(offset + Int64(done)))
            }
            if n < 0 {
                if errno == EINTR { continue }
                return nil
            }
            if n == 0 { break }
            done += n
        }
        if done < count { buffer.removeLast(count - done) }
        return buffer
    }

    /// The whole file as it was measured when opened (a file that grows meanwhile is cut at that size).
    func readAll() -> [UInt8]? {
        read(at: 0, count: Int(size))
    }

    func close() {
        Glibc.close(descriptor)
    }

    // MARK: - Writing a user's `--out` file

    /// Writes `data` to `path`, the one way every `--out` is written. The target is looked at with
    /// `lstat` first:
    /// - nothing there: a new file, written atomically (a temporary file in the same folder, fsynced,
    ///   then renamed), with `mode`;
    /// - a regular file (or a link to one): replaced the same way, only when `overwrite` is set (a
    ///   link is kept and its target replaced); reached through `/dev/` or `/proc/` (`/dev/stdout` when
    ///   the shell redirected into a file) it is written in place instead, as a shell redirection would;
    /// - `/dev/stdout`, `/dev/stderr`, `/dev/fd/N`: written through the program's own descriptor;
    /// - a character device or a FIFO (or a link to one), e.g. `/dev/null`: opened and written in
    ///   place, never replaced; a FIFO nobody reads is refused rather than waited on;
    /// - a folder, a block device, a socket, or a link to nothing: refused.
    /// Problems are printed as one line and become exit 73 (EX_CANTCREAT).
    static func write(_ data: Data, to path: String, mode: mode_t, overwrite: Bool,
                      report: (String) -> Void = printError) throws {
        let shown = TerminalText.safe(path)
        func fail(_ reason: String) -> ExitCode {
            report("error: cannot write '\(shown)': \(reason)")
            return ExitCode(ExitStatus.cannotCreate)
        }
        // /dev/stdout, /dev/stderr, /dev/fd/N, /proc/self/fd/N: the program's own open file, written
        // through its descriptor (so it shares the offset with what the program prints there).
        if let fd = ownDescriptor(path) {
            signal(SIGPIPE, SIG_IGN)
            if let failure = writeAll(fd, data) {
                throw fail(failure == EPIPE ? "the reader closed it" : writeReason(failure))
            }
            return
        }
        var info = stat()
        if lstat(path, &info) != 0 {
            guard errno == ENOENT else { throw fail(reason(errno)) }
            try writeAtomically(data, to: path, mode: mode, shown: shown, report: report)
            return
        }
        var type = info.st_mode & S_IFMT
        var target = path
        if type == S_IFLNK {
            var followed = stat()
            guard stat(path, &followed) == 0 else {
                throw fail(errno == ENOENT ? "it is a symbolic link to nothing; remove the link or choose another name" : reason(errno))
            }
            type = followed.st_mode & S_IFMT
            if type == S_IFREG, let real = realpath(path, nil) {
                target = String(cString: real)
                free(real)
            }
        }
        switch type {
        case S_IFREG:
            if path.hasPrefix("/dev/") || path.hasPrefix("/proc/") {
                // /dev/stdout and the like, leading to the file a shell redirected into: written in place
                // (a rename would leave the shell's file empty); asking for them is asking to write there.
                try writeInPlace(data, to: path, kind: type, shown: shown, report: report)
                return
            }
            if !overwrite {
                report("error: '\(shown)' already exists; choose another name or add --force to replace it")
                throw ExitCode(ExitStatus.cannotCreate)
            }
            try writeAtomically(data, to: target, mode: mode, shown: shown, report: report)
        case S_IFCHR, S_IFIFO:
            try writeInPlace(data, to: path, kind: type, shown: shown, report: report)
        case S_IFDIR:
            throw fail("it is a folder; give a file name")
        default:
            throw fail("it is \(kindName(type)); Lookout writes only to files, character devices such as /dev/null, and FIFOs")
        }
    }

    /// The descriptor a `/dev/stdout`-like path names, when it is open in this process.
    static func ownDescriptor(_ path: String) -> Int32? {
        let fd: Int32?
        switch path {
        case "/dev/stdout": fd = STDOUT_FILENO
        case "/dev/stderr": fd = STDERR_FILENO
        default:
            if path.hasPrefix("/dev/fd/") { fd = Int32(path.dropFirst("/dev/fd/".count)) }
            else if path.hasPrefix("/proc/self/fd/") { fd = Int32(path.dropFirst("/proc/self/fd/".count)) }
            else { fd = nil }
        }
        guard let fd, fd >= 0, fcntl(fd, F_GETFD) != -1 else { return nil }
        return fd
    }

    /// A message for a failed write: "the disk is full" for ENOSPC and EDQUOT.
    static func writeReason(_ code: Int32) -> String {
        switch code {
        case ENOSPC, EDQUOT: return "the disk is full; free some space and try again"
        case EROFS: return "the file system is read-only"
        default: return reason(code)
        }
    }

    private static func writeAll(_ fd: Int32, _ data: Data) -> Int32? {
        var failure: Int32?
        data.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let n = Glibc.write(fd, raw.baseAddress! + offset, raw.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    failure = errno
                    return
                }
                offset += n
            }
        }
        return failure
    }

    private static func writeAtomically(_ data: Data, to path: String, mode: mode_t, shown: String,
                                        report: (String) -> Void) throws {
        let temporary = PathName.directory(of: path) + "/.\(PathName.lastComponent(path)).\(getpid()).tmp"
        let fd = Glibc.open(temporary, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC | O_NOFOLLOW, mode)
        guard fd >= 0 else {
            report("error: cannot write '\(shown)': \(writeReason(errno))")
            throw ExitCode(ExitStatus.cannotCreate)
        }
        var failure = writeAll(fd, data)
        if failure == nil, fsync(fd) != 0 { failure = errno }
        _ = fchmod(fd, mode)
        Glibc.close(fd)
        if failure == nil, rename(temporary, path) != 0 { failure = errno }
        if let failure {
            unlink(temporary)
            report("error: cannot write '\(shown)': \(writeReason(failure))")
            throw ExitCode(ExitStatus.cannotCreate)
        }
    }

    /// Opens an existing device, FIFO or `/dev/…` path and writes to it (no temporary file, no rename,
    /// no change of permissions).
    private static func writeInPlace(_ data: Data, to path: String, kind: mode_t, shown: String,
                                     report: (String) -> Void) throws {
        // A FIFO: O_NONBLOCK makes the open fail with ENXIO when nobody reads it, instead of waiting.
        let fd = Glibc.open(path, O_WRONLY | O_NOCTTY | O_CLOEXEC | (kind == S_IFIFO ? O_NONBLOCK : 0)
                                  | (kind == S_IFREG ? O_TRUNC : 0))
        guard fd >= 0 else {
            let code = errno
            report("error: cannot write '\(shown)': \(code == ENXIO && kind == S_IFIFO ? "it is a FIFO (named pipe) that nothing reads; start the reader first" : writeReason(code))")
            throw ExitCode(ExitStatus.cannotCreate)
        }
        defer { Glibc.close(fd) }
        var opened = stat()
        if fstat(fd, &opened) == 0 {
            let type = opened.st_mode & S_IFMT
            guard type == S_IFCHR || type == S_IFIFO || type == S_IFREG else {
                report("error: cannot write '\(shown)': it is \(kindName(type)) now")
                throw ExitCode(ExitStatus.cannotCreate)
            }
        }
        let flags = fcntl(fd, F_GETFL)
        if flags >= 0 { _ = fcntl(fd, F_SETFL, flags & ~O_NONBLOCK) }
        // A reader that goes away gives EPIPE, reported below, rather than killing the program.
        signal(SIGPIPE, SIG_IGN)
        if let failure = writeAll(fd, data) {
            report("error: cannot write '\(shown)': \(failure == EPIPE ? "the reader closed it" : writeReason(failure))")
            throw ExitCode(ExitStatus.cannotCreate)
        }
    }

    static func kindName(_ type: mode_t) -> String {
        switch type {
        case S_IFDIR: return "a folder"
        case S_IFIFO: return "a FIFO (named pipe)"
        case S_IFCHR: return "a character device"
        case S_IFBLK: return "a block device"
        case S_IFSOCK: return "a socket"
        case S_IFLNK: return "a symbolic link"
        default: return "a special file"
        }
    }

    static func reason(_ code: Int32) -> String {
        switch code {
        case EACCES, EPERM: return "permission denied"
        case ENOENT: return "there is no such file"
        case ELOOP: return "it is a symbolic link loop"
        case EISDIR: return "it is a folder"
        default: return String(cString: strerror(code))
        }
    }
}
