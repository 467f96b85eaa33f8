import Foundation
import LookoutTestSupport
import Testing

/// The width probe on a real pseudo-terminal (Python's pty: it is the terminal, and never answers the
/// cursor position request): Ctrl-C during the probe leaves the terminal modes as they were (26.9), and
/// keys typed during the probe do not extend its wait (26.11). Bounded: the script gives up after 60 s.
@Suite("the width probe on a pseudo-terminal", .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/python3"), "python3 is missing"))
struct ProbeOnPtyTests {
    static let script = #"""
import fcntl, os, select, signal, subprocess, sys, termios, time
binary, mode = sys.argv[1], sys.argv[2]
master, slave = os.openpty()
before = termios.tcgetattr(slave)
def child_setup():
    # The test runner may block or ignore SIGINT in its threads; a terminal's user would not.
    signal.pthread_sigmask(signal.SIG_UNBLOCK, [signal.SIGINT, signal.SIGTERM, signal.SIGHUP])
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    os.setsid()
    fcntl.ioctl(0, termios.TIOCSCTTY, 0)
env = dict(os.environ, TERM="xterm", LANG="C.UTF-8")
p = subprocess.Popen([binary, "terminal-test"], stdin=slave, stdout=slave, stderr=slave,
                     preexec_fn=child_setup, env=env, close_fds=True)
start = time.time()
asked = 0
first_ask = None
while time.time() - start < 60 and p.poll() is None:
    r, _, _ = select.select([master], [], [], 0.1)
    if r:
        try:
            data = os.read(master, 65536)
        except OSError:
            break
        n = data.count(b"\x1b[6n")
        if n and first_ask is None:
            first_ask = time.time()
            if mode == "interrupt":
                time.sleep(0.1)
                os.write(master, b"\x03")
        asked += n
    if mode == "drip" and first_ask is not None:
        os.write(master, b"x")
if p.poll() is None:
    p.kill()
    p.wait()
    print("HUNG")
after = termios.tcgetattr(slave)
lflag = after[3]
print("STATUS", p.returncode, "ASKED", asked, "ECHO", int(bool(lflag & termios.ECHO)), "ICANON", int(bool(lflag & termios.ICANON)),
      "SAME", int(after == before), "PROBE", round(time.time() - (first_ask or start), 1))
"""#

    func run(_ mode: String) throws -> [String: String] {
        let dir = try Lookout.temporaryDirectory("lookout-pty")
        try Self.script.write(toFile: dir + "/pty.py", atomically: true, encoding: .utf8)
        let out = try Lookout.run([dir + "/pty.py", Lookout.binary, mode], executable: "/usr/bin/python3")
        #expect(out.status == 0, "\(out.stderr)")
        #expect(!out.stdout.contains("HUNG"), "\(out.stdout)")
        let words = out.stdout.split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init)
        var result: [String: String] = [:]
        var i = 0
        while i + 1 < words.count { result[words[i]] = words[i + 1]; i += 2 }
        return result
    }

    @Test("26.9: Ctrl-C during the probe: exit 130 and the terminal modes are restored (echo, canonical)")
    func interruptRestoresTheTerminal() throws {
        let r = try run("interrupt")
        #expect(r["STATUS"] == "130", "\(r)")
        #expect(r["ECHO"] == "1" && r["ICANON"] == "1" && r["SAME"] == "1", "\(r)")
    }

    @Test("26.11: keys typed during the probe do not extend its wait: each sample has one deadline")
    func typedKeysDoNotDelay() throws {
        let r = try run("drip")
        #expect(r["STATUS"] == "0", "\(r)")
        let seconds = Double(r["PROBE"] ?? "") ?? 999
        // One sample that never gets an answer: 0.6 s, whatever is typed meanwhile.
        #expect(seconds < 10, "\(r)")
        #expect(r["SAME"] == "1", "\(r)")
    }
}
