import ArgumentParser
import Foundation
import LookoutStore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How a guarded command receives the facilitator passphrase in a script.
public struct PassphraseOptions: ParsableArguments {
    @Flag(name: .customLong("passphrase-stdin"),
          help: "Read the facilitator passphrase from the first line of standard input (for scripts). Other ways: type it when asked on a terminal, or set LOOKOUT_PASSPHRASE.")
    public var passphraseStdin = false

    public init() {}
}

/// The commands that need the facilitator passphrase when one is set, and the ones that stay open:
/// the one list. `FacilitatorLock.require` refuses to guard a command that is not listed as guarded,
/// and a test checks that every subcommand of `lookout` is in exactly one of the two lists.
public enum GuardedCommands {
    /// Full command paths (without "lookout") that need the passphrase when a lock is set.
    public static let guarded: [String] = [
        "report", "progress", "progress reset", "export", "import", "sync", "certificate",
        "learners rename", "learners remove", "learners clear-pin", "learners merge", "facilitator set-passphrase", "facilitator clear-passphrase",
        "facilitator allow-retake",
    ]
    /// Commands that never ask for it: training (a learner's own session), checking a bank, listing
    /// and adding learners (the trainer's learner screen does both), and the lock's status.
    public static let open: [String] = [
        "train", "check", "learners", "learners list", "learners add", "facilitator", "facilitator status", "facilitator recover",
        "terminal-test", "handout", "serve",
    ]

    /// The guarded list as a sentence, for help texts.
    static var sentence: String {
        "report, progress (any learner's results, and reset), export, import, sync, certificate, learners rename, remove, clear-pin and merge, and changing or clearing the passphrase"
    }
}

/// The optional facilitator lock on a shared laptop.
///
/// When a facilitator passphrase is set (`lookout facilitator set-passphrase`), the commands in
/// ``GuardedCommands/guarded`` need it. With no passphrase set, everything works openly.
///
/// The passphrase is read, in this order, from the first line of standard input when
/// `--passphrase-stdin` is given, from the `LOOKOUT_PASSPHRASE` environment variable, or from the
/// terminal with echo off (three tries) when standard input is a terminal. Wrong tries are counted in
/// the store (``SecretLock``), so the delay before the next try (1 s, 2 s, 4 s, ... at most 16 s)
/// grows across processes too. The passphrase is never printed, logged or stored; only its salted
/// hash is (``PassphraseHash``), in the store's `meta` table.
///
/// This keeps pupils on a shared laptop from opening each other's results through Lookout. It is not
/// encryption: someone who can read the store file with other tools can read the answers in it.
public enum FacilitatorLock {
    /// The meta key holding the hash.
    public static let metaKey = SecretKey.facilitator.hashMetaKey
    /// The meta key holding when the passphrase was set (milliseconds since 1970).
    public static let setAtKey = SecretKey.facilitator.setAtMetaKey
    public static let environmentVariable = "LOOKOUT_PASSPHRASE"
    /// EX_NOPERM: the command was refused by the lock.
    public static let refusedExitCode: Int32 = 77
    /// How many times the terminal asks before giving up.
    public static let terminalTries = 3

    /// Whether a passphrase is set in this store.
    public static func isSet(_ store: ProgressStore) throws(StoreError) -> Bool {
        try SecretLock.isSet(.facilitator, store: store)
    }

    /// Returns if the store has no lock or the right passphrase is given; otherwise prints why on
    /// stderr and throws exit code 77. `command` is the command's path as listed in
    /// ``GuardedCommands/guarded``, e.g. "report" or "learners remove" (a leading "lookout " is ignored).
    public static func require(_ store: ProgressStore, options: PassphraseOptions, command: String,
                               environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        // "lookout report" is accepted as well as "report", so callers written either way work.
        let path = command.hasPrefix("lookout ") ? String(command.dropFirst("lookout ".count)) : command
        precondition(GuardedCommands.guarded.contains(path), "'\(path)' is not in GuardedCommands.guarded")
        let shown = "lookout " + path
        guard try Workshop.store({ () throws(StoreError) in try isSet(store) }) else { return }
        if options.passphraseStdin {
            let line = readLine(strippingNewline: true) ?? ""
            try verifyOnce(line, store: store, command: shown)
            return
        }
        if let value = environment[environmentVariable], !value.isEmpty {
            try verifyOnce(value, store: store, command: shown)
            return
        }
        guard isatty(STDIN_FILENO) == 1 else {
            printError("error: '\(shown)' needs the facilitator passphrase, because a facilitator lock is set on this computer. Run it on a terminal to be asked for it, or give it with \(environmentVariable) or --passphrase-stdin")
            throw ExitCode(refusedExitCode)
        }
        for attempt in 1...terminalTries {
            guard let typed = TerminalInput.readHidden(prompt: "Facilitator passphrase for '\(shown)': ") else {
                printError("error: could not read the passphrase from the terminal; '\(shown)' was not run")
                throw ExitCode(refusedExitCode)
            }
            switch try outcome(typed, store: store) {
            case .match, .notSet:
                return
            case .malformed:
                throw damaged(store)
            case .mismatch, .tooEarly:
                if attempt < terminalTries { printError("Wrong passphrase; try again.") }
            }
        }
        printError("error: wrong facilitator passphrase, \(terminalTries) times; '\(shown)' was not run")
        throw ExitCode(refusedExitCode)
    }

    static func outcome(_ passphrase: String, store: ProgressStore) throws -> SecretLock.Outcome {
        try Workshop.store { () throws(StoreError) in
            try SecretLock.waitAndVerify(passphrase, key: .facilitator, store: store)
        }
    }

    static func verifyOnce(_ passphrase: String, store: ProgressStore, command: String) throws {
        switch try outcome(passphrase, store: store) {
        case .match, .notSet:
            return
        case .malformed:
            throw damaged(store)
        case .mismatch, .tooEarly:
            printError("error: wrong facilitator passphrase; '\(command)' was not run")
            throw ExitCode(refusedExitCode)
        }
    }

    static func damaged(_ store: ProgressStore) -> ExitCode {
        printError("error: the facilitator lock saved in '\(store.path)' is damaged, so no passphrase can be checked and the guarded commands stay locked. To remove the lock, run: sqlite3 '\(store.path)' \"DELETE FROM meta WHERE key = '\(metaKey)'\"")
        return ExitCode(ExitStatus.ioError)
    }
}

/// Reading a secret from the terminal without echo.
enum TerminalInput {
    /// The terminal settings to put back if the process is interrupted while echo is off.
    nonisolated(unsafe) static var saved = termios()
    nonisolated(unsafe) static var echoIsOff = false

    /// Prompts on stderr and reads one line from the terminal on stdin with echo off. nil at end of input.
    static func readHidden(prompt: String) -> String? {
        Console.writeError(prompt)
        var original = termios()
        let haveTerminal = tcgetattr(STDIN_FILENO, &original) == 0
        if haveTerminal {
            saved = original
            var quiet = original
            quiet.c_lflag &= ~tcflag_t(ECHO)
            quiet.c_lflag |= tcflag_t(ECHONL)
            echoIsOff = true
            signal(SIGINT, restoreAndExit)
            signal(SIGTERM, restoreAndExit)
            signal(SIGHUP, restoreAndExit)
            _ = tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet)
        }
        defer {
            if haveTerminal {
                _ = tcsetattr(STDIN_FILENO, TCSAFLUSH, &original)
                echoIsOff = false
                signal(SIGINT, SIG_DFL)
                signal(SIGTERM, SIG_DFL)
                signal(SIGHUP, SIG_DFL)
            }
        }
        return readLine(strippingNewline: true)
    }

    /// Reads a new passphrase twice from the terminal. nil at end of input; throws if they differ.
    static func readNewPassphrase() -> (first: String, second: String)? {
        guard let first = readHidden(prompt: "New facilitator passphrase: ") else { return nil }
        guard let second = readHidden(prompt: "Type it again: ") else { return nil }
        return (first, second)
    }
}

/// Puts the terminal's echo back and exits, for Ctrl-C while a passphrase is being typed.
private func restoreAndExit(_ signal: Int32) {
    if TerminalInput.echoIsOff {
        _ = tcsetattr(STDIN_FILENO, TCSAFLUSH, &TerminalInput.saved)
    }
    _exit(128 + signal)
}
