import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Testing

/// A private tmux server running one command in a window of a given size, for end-to-end tests of the full screen.
/// Each instance has its own socket (`tmux -L`), no config file, and is killed by ``close()``.
final class TmuxSession {
    enum Failure: Error, CustomStringConvertible {
        case tmux(String)
        case timeout(String, screen: String)

        var description: String {
            switch self {
            case .tmux(let message): return "tmux failed: \(message)"
            case .timeout(let what, let screen): return "timed out waiting for \(what); the screen was:\n\(screen)"
            }
        }
    }

    /// The tmux executable, or nil when tmux is not installed.
    static let executable: String? = {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for dir in path.split(separator: ":").map(String.init) + ["/usr/bin", "/usr/local/bin"] {
            let candidate = dir + "/tmux"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }()

    static var isAvailable: Bool { executable != nil }

    let socket: String
    private var closed = false

    /// Starts `arguments` (the program first) in a detached window of `width` x `height`, through `sh` so that the
    /// exit status is printed as `[exit N]` when it ends and the window stays open to be read.
    init(_ arguments: [String], width: Int = 80, height: Int = 24, environment: [String: String] = [:]) throws {
        socket = "lookout-test-\(UUID().uuidString.prefix(12))"
        var env = ["TERM": "xterm-256color", "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8"]
        for (k, v) in environment { env[k] = v }
        // tmux sets TERM in the pane itself, so the environment is given by `env` in the command. The shell traps
        // SIGINT (a handler, so the program still gets the default) so that Ctrl-C stops only the program.
        let assignments = env.sorted(by: { $0.key < $1.key }).map { Self.quote("\($0.key)=\($0.value)") }
        let command = "trap true INT; env " + (assignments + arguments.map(Self.quote)).joined(separator: " ")
            + "; echo \"[exit $?]\"; sleep 600"
        let args = ["new-session", "-d", "-x", String(width), "-y", String(height), "sh", "-c", command]
        try tmux(args)
    }

    static func quote(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    @discardableResult
    func tmux(_ arguments: [String]) throws -> String {
        guard let executable = Self.executable else { throw Failure.tmux("tmux is not installed") }
        var env = ProcessInfo.processInfo.environment
        env.removeValue(forKey: "TMUX")
        env.removeValue(forKey: "LOOKOUT_BANK")
        env.removeValue(forKey: "LOOKOUT_DATA_DIR")
        let result = try Self.spawn(executable, ["-L", socket, "-f", "/dev/null"] + arguments, environment: env)
        if result.status != 0 { throw Failure.tmux("\(arguments.first ?? ""): \(result.stderr)") }
        return result.stdout
    }

    /// Runs a program and waits for it, with posix_spawn and waitpid. (Foundation's Process waits for its pipes to
    /// close, and the tmux server that `new-session` leaves running keeps them open.) Output goes to files.
    static func spawn(_ executable: String, _ arguments: [String], environment: [String: String]) throws
        -> (status: Int32, stdout: String, stderr: String) {
        let base = NSTemporaryDirectory() + "lookout-tmux-\(UUID().uuidString)"
        defer {
            try? FileManager.default.removeItem(atPath: base + ".out")
            try? FileManager.default.removeItem(atPath: base + ".err")
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, base + ".out", O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, base + ".err", O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            for p in argv { free(p) }
            for p in envp { free(p) }
        }
        // The test runner's threads block signals, and a spawned program inherits the mask: the tmux server would
        // never see SIGCHLD and would not exit on kill-server. Start it with no signal blocked and default handlers.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var none = sigset_t()
        sigemptyset(&none)
        var all = sigset_t()
        sigfillset(&all)
        posix_spawnattr_setsigmask(&attributes, &none)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        var pid = pid_t()
        let spawned = posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
        guard spawned == 0 else { throw Failure.tmux("cannot start \(executable): error \(spawned)") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        let exitStatus = (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
        let out = FileManager.default.contents(atPath: base + ".out") ?? Data()
        let err = FileManager.default.contents(atPath: base + ".err") ?? Data()
        return (exitStatus, String(decoding: out, as: UTF8.self), String(decoding: err, as: UTF8.self))
    }

    /// Sends keys by tmux name (`Enter`, `Space`, `Escape`, `F12`, `Down`, `C-c`) or plain characters.
    func send(_ keys: String...) throws {
        try tmux(["send-keys", "-t", "0"] + keys)
    }

    /// Types text literally.
    func type(_ text: String) throws {
        try tmux(["send-keys", "-t", "0", "-l", text])
    }

    /// The screen as text, one line per row.
    func screen() throws -> String {
        try tmux(["capture-pane", "-p", "-t", "0"])
    }

    /// The cursor position (column, row) and whether it is visible.
    func cursor() throws -> (x: Int, y: Int, visible: Bool) {
        let parts = try tmux(["display-message", "-p", "-t", "0", "#{cursor_x} #{cursor_y} #{cursor_flag}"])
            .split(whereSeparator: { $0 == " " || $0 == "\n" }).compactMap { Int($0) }
        guard parts.count == 3 else { throw Failure.tmux("cannot read the cursor") }
        return (parts[0], parts[1], parts[2] == 1)
    }

    func resize(width: Int, height: Int) throws {
        try tmux(["resize-window", "-t", "0", "-x", String(width), "-y", String(height)])
    }

    /// Polls the screen until `predicate` holds, for up to `timeout` seconds; returns the screen.
    @discardableResult
    func wait(for what: String, timeout: Double = 10, _ predicate: (String) -> Bool) throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        var last = ""
        while Date() < deadline {
            last = try screen()
            if predicate(last) {
                // A capture can catch a frame half written (the adapter writes only the cells that changed): return
                // the screen once two captures in a row agree.
                while Date() < deadline {
                    Thread.sleep(forTimeInterval: 0.05)
                    let again = try screen()
                    if again == last { return last }
                    last = again
                    if !predicate(last) { break }
                }
                if predicate(last) { return last }
                continue
            }
            Thread.sleep(forTimeInterval: 0.05)
        }
        throw Failure.timeout(what, screen: last)
    }

    /// Polls the screen until it contains `text` (and the screen has stopped changing).
    @discardableResult
    func wait(for text: String, timeout: Double = 10) throws -> String {
        try wait(for: "'\(text)'", timeout: timeout) { $0.contains(text) }
    }

    /// Kills the server (and the program in it).
    func close() {
        guard !closed else { return }
        closed = true
        _ = try? tmux(["kill-server"])
    }

    deinit { close() }
}
