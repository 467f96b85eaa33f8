import LookoutTestSupport
import ArgumentParser
import Foundation
@testable import LookoutApp
import LookoutCore
import LookoutStore
import Testing

/// The lock: attempts counted in the store, the one list of guarded commands.
@Suite final class HardeningLockTests {
    static let passphrase = "Tonle Sap 2026!"
    let folders = TemporaryFolders()

    /// Every subcommand path of `lookout`, e.g. "learners remove".
    static func allCommands(_ command: any ParsableCommand.Type, prefix: String = "") -> [String] {
        var paths: [String] = []
        for sub in command.configuration.subcommands {
            let name = sub.configuration.commandName ?? sub._commandName
            let path = prefix.isEmpty ? name : prefix + " " + name
            paths.append(path)
            paths += allCommands(sub, prefix: path)
        }
        return paths
    }

    @Test func everyCommandIsGuardedOrListedAsOpen() {
        let all = Self.allCommands(LookoutCommand.self)
        #expect(all.contains("learners rename") && all.contains("progress reset"))
        for command in all {
            let guarded = GuardedCommands.guarded.contains(command)
            let open = GuardedCommands.open.contains(command)
            #expect(guarded != open, "'\(command)' must be in exactly one of GuardedCommands.guarded and .open")
        }
        #expect(Set(GuardedCommands.guarded + GuardedCommands.open) == Set(all), "a listed command does not exist")
        #expect(!all.contains { $0.hasPrefix("_") }, "a hidden command is in the shipped binary")
    }

    @Test func everyGuardedCommandIsRefusedWithoutThePassphrase() throws {
        let data = try folders.make("lookout-lock")
        #expect(try Lookout.run(["learners", "add", "Dara", "--data-dir", data]).status == 0)
        #expect(try Lookout.run(["facilitator", "set-passphrase", "--stdin", "--data-dir", data], stdin: Self.passphrase + "\n").status == 0)
        let renamed = try Lookout.run(["learners", "rename", "Dara", "Sokha", "--data-dir", data])
        #expect(renamed.status == 77, "\(renamed.stderr)")
        #expect(renamed.stderr.contains("'lookout learners rename' needs the facilitator passphrase"))
        let ok = try Lookout.run(["learners", "rename", "Dara", "Sokha", "--data-dir", data], environment: ["LOOKOUT_PASSPHRASE": Self.passphrase])
        #expect(ok.status == 0, "\(ok.stderr)")
    }

    @Test("wrong passphrases from separate processes wait longer and longer: the count is in the store")
    func theDelayGrowsAcrossProcesses() throws {
        let data = try folders.make("lookout-lock")
        #expect(try Lookout.run(["facilitator", "set-passphrase", "--stdin", "--data-dir", data], stdin: Self.passphrase + "\n").status == 0)
        var times: [Double] = []
        for _ in 0..<3 {
            let started = Date()
            let out = try Lookout.run(["learners", "rename", "x", "y", "--data-dir", data], environment: ["LOOKOUT_PASSPHRASE": "wrong guess"])
            times.append(Date().timeIntervalSince(started))
            #expect(out.status == 77)
        }
        // 1 s, then 2 s, then 4 s: each new process waits for the count kept by the ones before.
        #expect(times[0] >= 1 && times[1] >= 2 && times[2] >= 4, "\(times)")
        let store = try ProgressStore.open(directory: data)
        #expect(try store.secretAttempts(.facilitator).failures == 3)
        try store.close()
        // The right one clears the count (after waiting out what is left of the last delay).
        let right = try Lookout.run(["facilitator", "status", "--data-dir", data])
        #expect(right.status == 0)
        let ok = try Lookout.run(["report", "--data-dir", data, "--bank", Lookout.shippedBank], environment: ["LOOKOUT_PASSPHRASE": Self.passphrase])
        #expect(ok.status == 0, "\(ok.stderr)")
        let after = try ProgressStore.open(directory: data)
        #expect(try after.secretAttempts(.facilitator).failures == 0)
        try after.close()
    }

    @Test func secretLockAPIByKey() throws {
        let store = try ProgressStore.inMemory()
        let pin = SecretKey.learner("6f1c2d3e-0000-4000-8000-000000000001")
        #expect(try SecretLock.verify("1234", key: pin, store: store) == .notSet)
        try store.setSecretHash(pin, try PassphraseHash.make("pin 12345678"))
        #expect(try SecretLock.isSet(pin, store: store))
        #expect(try !SecretLock.isSet(.facilitator, store: store))
        let t0: Int64 = 1_800_000_000_000
        #expect(try SecretLock.verify("nope", key: pin, store: store, now: t0) == .mismatch(retryAfter: 1))
        // Too early: nothing is checked, not even the right one.
        #expect(try SecretLock.verify("pin 12345678", key: pin, store: store, now: t0 + 500) == .tooEarly(seconds: 0.5))
        #expect(try SecretLock.verify("nope", key: pin, store: store, now: t0 + 1000) == .mismatch(retryAfter: 2))
        #expect(try SecretLock.secondsToWait(pin, store: store, now: t0 + 1000) == 2)
        #expect(try SecretLock.verify("pin 12345678", key: pin, store: store, now: t0 + 3000) == .match)
        #expect(try store.secretAttempts(pin) == SecretAttempts())
        #expect((1...8).map { SecretLock.delay(afterFailures: $0) } == [1, 2, 4, 8, 16, 16, 16, 16])
        try SecretLock.clear(pin, store: store)
        #expect(try !SecretLock.isSet(pin, store: store))
    }
}
