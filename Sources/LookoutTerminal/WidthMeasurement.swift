import CNcursesw
import Glibc
import LookoutText
import LookoutUI

/// Measures how the terminal advances the cursor over Khmer samples, with cursor position reports (CSI 6n), before
/// ncurses starts: for each sample it moves to column 1 of the current line, erases the line, prints the sample, asks
/// where the cursor is, and reads the answer `ESC [ row ; column R`. The line is erased again at the end.
///
/// It works on the controlling terminal (`/dev/tty`), in raw mode without echo, and gives up after `timeout` ms per
/// sample: a terminal that does not answer gives `nil` (``WidthProbe/Finding/noAnswer``). Nothing from the terminal's
/// answer is ever printed.
///
/// SIGINT, SIGTERM and SIGHUP handlers that only set a flag are installed before the terminal modes change and
/// taken away after they are restored: a signal ends the probe at once (nil), with the modes restored, and
/// ``interruptingSignal`` says which it was (the caller then stops as the signal asked). Each sample has one
/// deadline: bytes typed meanwhile are skipped (and lost) but never extend the wait.
public enum WidthMeasurement {
    /// The signal that ended the last ``measure(samples:timeoutMilliseconds:)``, if one did (cleared by reading it).
    public static func takeInterruptingSignal() -> Int32? {
        let sig = lookout_take_signal()
        return sig == 0 ? nil : sig
    }

    public static func measure(samples: [String] = WidthProbe.samples, timeoutMilliseconds: Int32 = 600) -> [Int]? {
        let fd = open("/dev/tty", O_RDWR | O_NOCTTY)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var original = termios()
        guard tcgetattr(fd, &original) == 0 else { return nil }
        guard lookout_probe_signals_begin() == 0 else {
            lookout_probe_signals_end()
            return nil
        }
        // Runs after the modes are restored (defers run last-in, first-out).
        defer { lookout_probe_signals_end() }
        var raw = original
        raw.c_lflag &= ~tcflag_t(ICANON | ECHO)
        raw.c_cc.6 = 0   // VMIN
        raw.c_cc.5 = 0   // VTIME
        guard tcsetattr(fd, TCSANOW, &raw) == 0 else { return nil }
        defer {
            write(fd, "\r\u{1B}[2K")
            var restore = original
            tcsetattr(fd, TCSAFLUSH, &restore)
        }
        tcflush(fd, TCIFLUSH)
        var advances: [Int] = []
        for sample in samples {
            if lookout_peek_signal() != 0 { return nil }
            write(fd, "\r\u{1B}[2K" + sample + "\u{1B}[6n")
            guard let column = readColumn(fd, timeoutMilliseconds) else { return nil }
            advances.append(column - 1)
        }
        return advances
    }

    static func write(_ fd: Int32, _ text: String) {
        let bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let n = bytes[offset...].withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
            if n <= 0 { return }
            offset += n
        }
    }

    /// Reads `ESC [ row ; column R` and returns the column; nil on timeout or anything else.
    static func readColumn(_ fd: Int32, _ timeoutMilliseconds: Int32) -> Int? {
        var buffer: [UInt8] = []
        let deadline = monotonicMilliseconds() + Int64(timeoutMilliseconds)
        var skipped = 0
        while buffer.count < 32 && skipped < 4096 {
            let left = deadline - monotonicMilliseconds()
            guard left > 0, lookout_peek_signal() == 0 else { return nil }
            var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            // EINTR (a signal) or the deadline: give up.
            guard poll(&poller, 1, Int32(left)) == 1 else { return nil }
            var byte: UInt8 = 0
            guard read(fd, &byte, 1) == 1 else { return nil }
            if buffer.isEmpty && byte != 0x1B { skipped += 1; continue }   // a key typed meanwhile: skip it
            buffer.append(byte)
            if byte == UInt8(ascii: "R") { return parseColumn(buffer) }
        }
        return nil
    }

    static func monotonicMilliseconds() -> Int64 {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return Int64(now.tv_sec) * 1000 + Int64(now.tv_nsec) / 1_000_000
    }

    /// The column of a cursor position report (`ESC [ 12 ; 5 R` → 5).
    public static func parseColumn(_ bytes: [UInt8]) -> Int? {
        guard bytes.count >= 6, bytes[0] == 0x1B, bytes[1] == UInt8(ascii: "["), bytes.last == UInt8(ascii: "R") else { return nil }
        let body = String(decoding: bytes[2..<(bytes.count - 1)], as: UTF8.self)
        let parts = body.split(separator: ";")
        guard parts.count == 2, Int(parts[0]) != nil, let column = Int(parts[1]), column >= 1 else { return nil }
        return column
    }
}
