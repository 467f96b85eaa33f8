import Foundation
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
