import ArgumentParser
import Foundation
import LookoutCore
import LookoutText
import LookoutServe
import LookoutStore

/// `lookout serve`: the trainer in a browser, on the same session, store and texts as the terminal.
struct Serve: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Serve the lessons as web pages for a browser (http://127.0.0.1 by default; --lan for a class on phones).",
        discussion: """
            Every browser engine draws Khmer correctly, which no terminal does, so this is the Khmer path. Pages are \
            plain forms (no JavaScript needed); answers are stored in the same progress store as 'lookout train', \
            and both may run at once. Quick exit: the button at the top of every page, or Esc twice. The class \
            results (with the facilitator passphrase) open only on this laptop, at /facilitator. With --lan, \
            other devices must type the printed join code first, and never see the list of learners; plain HTTP \
            on a shared network can be read by others on it (see README, "Lookout in a browser"). Stop with Ctrl-C: \
            every answer given is already saved.
            """
    )

    @Option(help: ArgumentHelp("The port to listen on (0: any free port).", valueName: "n"))
    var port: Int = 8080

    @Flag(help: "Listen on this laptop's network addresses too, so phones on the same network can join with the printed join code.")
    var lan = false

    @Option(name: .customLong("idle-minutes"), help: ArgumentHelp("A browser left this long goes back to the start page.", valueName: "n"))
    var idleMinutes: Int = 15

    @Option(help: ArgumentHelp("The region whose hotlines the support page shows (default: the bank's first local region).", valueName: "id"))
    var region: String?

    @OptionGroup var bankOptions: BankOptions
    @OptionGroup var dataOptions: DataOptions

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port \(port) is not a port; use 1 to 65535 (or 0 for any free one)") }
        guard (1...24 * 60).contains(idleMinutes) else { throw ValidationError("--idle-minutes \(idleMinutes): use 1 to 1440") }
    }

    func run() throws {
        let bankPath = bankOptions.path()
        let loaded = BankLocator.load(root: bankPath)
        if loaded.hasErrors {
            printError("error: the scenario bank at '\(bankPath)' has \(loaded.diagnostics.errorCount) error(s), so the server cannot start; run 'lookout check \(bankPath)' to see them")
            throw ExitCode(ExitStatus.dataError)
        }
        if loaded.bank.lessons.isEmpty {
            printError("error: the scenario bank at '\(bankPath)' has no lessons; add one (see Scenarios/FORMAT.md)")
            throw ExitCode(ExitStatus.dataError)
        }
        let store = try dataOptions.openStore()
        let backend = ServeBackends.backend(bank: loaded.bank, region: TrainerDriver.region(in: loaded.bank, preferred: region),
                                            store: store, environment: ProcessInfo.processInfo.environment)
        let configuration = ServeConfiguration(lan: lan, idleSeconds: idleMinutes * 60)
        let host = lan ? "0.0.0.0" : "127.0.0.1"
        let lan = self.lan
        let app = LookoutServer.application(backend: backend, configuration: configuration, host: host, port: port) { _, bound in
            var lines = ["Lookout is open at http://127.0.0.1:\(bound)/ (stop with Ctrl-C; every answer is saved as it is given)"]
            if lan {
                for address in LookoutServer.lanAddresses() { lines.append("On the class network: http://\(address):\(bound)/") }
                lines.append("Join code: \(configuration.joinCode)")
                lines.append("Plain HTTP: others on this network can read what is sent. Use a laptop hotspot with no internet (README).")
            }
            Console.writeOut(lines.joined(separator: "\n") + "\n")
        }
        let done = DispatchSemaphore(value: 0)
        let outcome = ServeOutcome()
        Task {
            do { try await app.runService() } catch { outcome.error = String(describing: error) }
            done.signal()
        }
        done.wait()
        if let error = outcome.error {
            printError("error: lookout serve could not listen on \(host):\(port): \(error); try another --port")
            throw ExitCode(ExitStatus.ioError)
        }
    }
}

/// How the server ended (set once by the server task, read after it signalled).
final class ServeOutcome: @unchecked Sendable {
    var error: String?
}

extension TrainerDriver: ServeDriver {}

/// The server's link to the store: a ``TrainerDriver`` per browser (the terminal's own), and the facilitator lock.
public enum ServeBackends {
    public static func backend(bank: Bank, region: Region?, store: ProgressStore, environment: [String: String]) -> ServeBackend {
        ServeBackend(
            makeDriver: { () throws(StoreError) -> any ServeDriver in
                try TrainerDriver(bank: bank, region: region, store: store, environment: environment)
            },
            facilitator: { passphrase in
                do throws(StoreError) {
                    let now = ProgressStore.now()
                    switch try SecretLock.verify(passphrase, key: .facilitator, store: store, now: now) {
                    case .notSet: return .notSet
                    case .mismatch(let after): return .refused(retryAfter: Int(after.rounded(.up)))
                    case .tooEarly(let seconds): return .refused(retryAfter: Int(seconds.rounded(.up)))
                    case .malformed: return .failed(UIStrings.english[.secretDamaged])
                    case .match:
                        let learners = try store.learners(), events = try store.allEvents()
                        return .open(ClassReport.make(bank: bank, learners: learners, events: events),
                                     Debrief.make(bank: bank, learners: learners, events: events),
                                     Gain.make(bank: bank, learners: learners, events: events))
                    }
                } catch {
                    return .failed(error.description)
                }
            }
        )
    }
}
