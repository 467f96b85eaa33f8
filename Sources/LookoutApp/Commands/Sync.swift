import ArgumentParser
import Foundation
import LookoutCore
import LookoutStore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `lookout sync --lrs URL`: sends the statements a Learning Record Store has not had yet.
struct Sync: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Send learners' answers and finished lessons to a Learning Record Store (xAPI 1.0.3).",
        discussion: """
            Sends the statements of 'lookout export --format xapi' that this LRS has not had yet, in \
            batches, and records each batch in the store once the LRS has it, so a sync that is \
            interrupted or killed resumes where it stopped, without losing or repeating statements. \
            Credentials come from --credentials FILE or the LOOKOUT_LRS_AUTH environment variable, as \
            'user:password' (HTTP basic) or a full header value ('Basic …', 'Bearer …'); never on the \
            command line. Needs the facilitator passphrase when one is set. See README.md, \
            "Learning Record Store".
            """
    )

    static let authEnvironmentVariable = "LOOKOUT_LRS_AUTH"
    /// EX_TEMPFAIL: the LRS could not be reached (or kept failing); run again later.
    static let tryLaterExitCode: Int32 = 75
    /// EX_NOPERM: the LRS refused the credentials.
    static let refusedExitCode: Int32 = 77
    /// EX_UNAVAILABLE: the LRS answered something Lookout cannot act on (404, 405...).
    static let unavailableExitCode: Int32 = 69

    @Option(help: ArgumentHelp("The LRS's xAPI address, e.g. https://lrs.example.org/xAPI (with or without /statements).", valueName: "url"))
    var lrs: String

    @Option(help: ArgumentHelp("A file holding the LRS credentials on its first line: user:password, or 'Basic …' / 'Bearer …'. Default: $LOOKOUT_LRS_AUTH.", valueName: "file"))
    var credentials: String?

    @Option(help: ArgumentHelp("Your organisation's web address, the homePage of learners' accounts (remembered in the store).", valueName: "url"))
    var homepage: String?

    @Flag(help: "Put learners' names in the statements (by default only a pseudonym per learner).")
    var includeNames = false

    @Option(help: ArgumentHelp("Statements per request (1 to 1000).", valueName: "n"))
    var batchSize = 100

    @Option(help: ArgumentHelp("How many times to retry a batch after a server or network error (waiting 1, 2, 4... s, at most 30 s), 0 to 20.", valueName: "n"))
    var retries = 5

    @Flag(help: "Send again the statements this LRS refused as invalid (400) on an earlier sync.")
    var retryRejected = false

    @OptionGroup var bankOptions: BankOptions
    @OptionGroup var dataOptions: DataOptions
    @OptionGroup var lock: PassphraseOptions

    func validate() throws {
        if LRSClient.statementsURL(for: lrs) == nil {
            throw ValidationError("--lrs must be an http or https address without a user name, password, query or fragment, e.g. https://lrs.example.org/xAPI (credentials go in --credentials FILE or \(Self.authEnvironmentVariable))")
        }
        if let homepage, let problem = XAPIStore.checkHomePage(homepage) { throw ValidationError(problem) }
        if !(1...1000).contains(batchSize) { throw ValidationError("--batch-size must be between 1 and 1000") }
        if !(0...20).contains(retries) { throw ValidationError("--retries must be between 0 and 20") }
    }

    func run() throws {
        let url = LRSClient.statementsURL(for: lrs)!
        let authorization = try readCredentials()
        let bank = try Workshop.loadBank(bankOptions)
        let store = try dataOptions.openStore()
        try FacilitatorLock.require(store, options: lock, command: "lookout sync")
        let homePage = try XAPIStore.homePage(store, given: homepage)
        let all = try XAPIStore.statements(store: store, bank: bank, homePage: homePage, includeNames: includeNames)
        let key = url.absoluteString
        let record = try Workshop.store { () throws(StoreError) in try store.xapiRecord(lrs: key) }
        let pending = all.statements.filter { statement in
            switch record[statement.id] {
            case nil: return true
            case .sent: return false
            case .rejected: return retryRejected
            }
        }
        let alreadySent = all.statements.count - pending.count
        if pending.isEmpty {
            let rejected = record.values.filter { $0 == .rejected }.count
            print("Nothing new to send to \(key): all \(all.statements.count) statement\(all.statements.count == 1 ? " is" : "s are") there already\(rejected > 0 ? " (\(rejected) set aside as refused; --retry-rejected sends them again)" : "").")
            return
        }

        var session = SyncSession(client: LRSClient(statementsURL: url, authorization: authorization), store: store,
                                  lrsKey: key, retries: retries, total: pending.count,
                                  progress: isatty(STDERR_FILENO) == 1 ? ProgressBar(total: pending.count) : nil)
        var index = 0
        do {
            while index < pending.count {
                let batch = Array(pending[index..<min(index + batchSize, pending.count)])
                try session.send(batch)
                index += batch.count
            }
        } catch let stop as SyncSession.Stop {
            session.progress?.finish()
            let left = pending.count - session.sent - session.rejected
            printError("error: \(stop.message)")
            printError("\(session.sent) statement\(session.sent == 1 ? " was" : "s were") sent in this run and recorded; \(left) \(left == 1 ? "is" : "are") left for the next 'lookout sync'.")
            throw ExitCode(stop.exitCode)
        }
        session.progress?.finish()
        var parts = ["Sent \(session.sent) statement\(session.sent == 1 ? "" : "s") to \(key)"]
        if session.conflicts > 0 { parts.append("\(session.conflicts) of them already there (409)") }
        if alreadySent > 0 { parts.append("\(alreadySent) sent before") }
        if session.rejected > 0 { parts.append("\(session.rejected) refused as invalid and set aside (see above)") }
        print(parts.joined(separator: "; ") + ".")
        if session.rejected > 0 { throw ExitCode(ExitStatus.dataError) }
    }

    /// The Authorization header from --credentials or LOOKOUT_LRS_AUTH.
    func readCredentials() throws -> String {
        let text: String
        let origin: String
        if let credentials {
            guard let data = FileManager.default.contents(atPath: credentials) else {
                printError("error: cannot read the credentials file '\(credentials)'")
                throw ExitCode(ExitStatus.noInput)
            }
            var info = stat()
            if stat(credentials, &info) == 0, info.st_mode & 0o077 != 0 {
                printError("warning: the credentials file '\(credentials)' can be read by other users; chmod 600 it")
            }
            text = String(decoding: data, as: UTF8.self)
            origin = "the credentials file '\(credentials)'"
        } else if let value = ProcessInfo.processInfo.environment[Self.authEnvironmentVariable], !value.isEmpty {
            text = value
            origin = Self.authEnvironmentVariable
        } else {
            printError("error: no LRS credentials: give --credentials FILE (a file holding user:password) or set \(Self.authEnvironmentVariable)=user:password")
            throw ExitCode(ExitStatus.dataError)
        }
        guard let header = LRSClient.authorization(from: text) else {
            printError("error: \(origin) must hold user:password, or a header value starting 'Basic ' or 'Bearer '")
            throw ExitCode(ExitStatus.dataError)
        }
        return header
    }
}

/// One run of sending: batches, the answers' handling, the record in the store.
struct SyncSession {
    struct Stop: Error {
        var message: String
        var exitCode: Int32
    }

    let client: LRSClient
    let store: ProgressStore
    let lrsKey: String
    let retries: Int
    let total: Int
    var progress: ProgressBar?
    var sent = 0
    var conflicts = 0
    var rejected = 0
    var rejectedInARow = 0
    /// Refusals in a row, with nothing sent yet, after which the sync stops (see ``send(_:)``).
    static let rejectionsBeforeStopping = 10

    /// Sends a batch: 200/204 and 409 mark it sent; a 400 (422 from some LRSs) or 413 on several statements splits the
    /// batch to find the one at fault (a 409 on several sends them one by one, so a statement that is
    /// not there yet is never taken for sent); 401/403 and other errors stop; 5xx, 429 and network
    /// errors are retried with back-off.
    mutating func send(_ batch: [XAPI.Statement]) throws {
        let body = Data(("[" + batch.map(\.json.serialized).joined(separator: ",") + "]").utf8)
        var attempt = 0
        while true {
            let outcome = client.post(body)
            switch outcome {
            case .status(let code, _) where code == 200 || code == 204:
                try record(batch, .sent, detail: nil)
                sent += batch.count
                rejectedInARow = 0
                return
            case .status(409, let text):
                if batch.count == 1 {
                    try record(batch, .sent, detail: "409: " + String(text.prefix(300)))
                    sent += 1
                    conflicts += 1
                    return
                }
                for statement in batch { try send([statement]) }
                return
            case .status(let code, let text) where code == 400 || code == 422 || code == 413:
                if batch.count == 1 {
                    if code == 413 {
                        throw Stop(message: "the LRS refused statement \(batch[0].id) as too large (413)", exitCode: Sync.unavailableExitCode)
                    }
                    try record(batch, .rejected, detail: String(text.prefix(1000)))
                    rejected += 1
                    rejectedInARow += 1
                    progress?.clearLine()
                    printError("error: the LRS refused statement \(batch[0].id) (\(batch[0].verb.rawValue), \(XAPI.timestamp(batch[0].time))) as invalid (\(code)): \(TerminalText.safe(oneLine(text)))")
                    printError("  the statement, set aside (--retry-rejected sends it again): \(TerminalText.safe(batch[0].json.serialized))")
                    // An LRS (or a proxy) that refuses everything is not judging statements: stop
                    // instead of setting the whole store aside.
                    if rejectedInARow >= Self.rejectionsBeforeStopping && sent == 0 {
                        throw Stop(message: "the LRS at \(lrsKey) refused the first \(rejectedInARow) statements one by one, so the problem is probably not the statements: check the address, and that it is an xAPI 1.0.3 LRS. Those \(rejectedInARow) are set aside; 'lookout sync --retry-rejected' sends them again", exitCode: Sync.unavailableExitCode)
                    }
                    return
                }
                let half = batch.count / 2
                try send(Array(batch[..<half]))
                try send(Array(batch[half...]))
                return
            case .status(let code, _) where code == 401 || code == 403:
                throw Stop(message: "the LRS at \(lrsKey) refused the credentials (\(code) \(code == 401 ? "unauthorised" : "forbidden")). Check the user name and password in --credentials or \(Sync.authEnvironmentVariable), and that the account may write statements", exitCode: Sync.refusedExitCode)
            case .status(let code, let text) where code >= 500 || code == 429 || code == 408:
                if attempt >= retries {
                    throw Stop(message: "the LRS at \(lrsKey) keeps failing (\(code): \(TerminalText.safe(oneLine(String(text.prefix(200)))))) after \(retries) retr\(retries == 1 ? "y" : "ies")", exitCode: Sync.tryLaterExitCode)
                }
            case .status(let code, let text):
                throw Stop(message: "the LRS at \(lrsKey) answered \(code): \(TerminalText.safe(oneLine(String(text.prefix(200))))). Is the address right (it should end in the xAPI endpoint, e.g. /xAPI)?", exitCode: Sync.unavailableExitCode)
            case .network(let reason):
                if attempt >= retries {
                    throw Stop(message: "cannot reach the LRS at \(lrsKey) (\(TerminalText.safe(oneLine(reason)))) after \(retries) retr\(retries == 1 ? "y" : "ies")", exitCode: Sync.tryLaterExitCode)
                }
            }
            let delay = min(30, pow(2, Double(attempt)))
            attempt += 1
            progress?.note("retry \(attempt)/\(retries) in \(Int(delay)) s")
            Thread.sleep(forTimeInterval: delay)
        }
    }

    mutating func record(_ batch: [XAPI.Statement], _ status: ProgressStore.XAPISendStatus, detail: String?) throws {
        try Workshop.store { () throws(StoreError) in
            try store.recordXAPI(lrs: lrsKey, ids: batch.map(\.id), status: status, detail: detail)
        }
        progress?.advance(by: batch.count)
    }

    func oneLine(_ text: String) -> String {
        String(text.map { $0.isNewline ? " " : $0 })
    }
}

/// A one-line progress bar on stderr, drawn only when stderr is a terminal.
struct ProgressBar {
    let total: Int
    var done = 0
    var extra = ""

    init(total: Int) {
        self.total = total
        draw()
    }

    mutating func advance(by n: Int) {
        done += n
        extra = ""
        draw()
    }

    mutating func note(_ text: String) {
        extra = text
        draw()
    }

    func clearLine() {
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }

    func draw() {
        let width = 30
        let filled = total > 0 ? min(width, done * width / total) : width
        let bar = String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled)
        let line = "\r\u{1B}[Ksync [\(bar)] \(done)/\(total) statements" + (extra.isEmpty ? "" : " (\(extra))")
        FileHandle.standardError.write(Data(line.utf8))
    }

    func finish() {
        FileHandle.standardError.write(Data("\n".utf8))
    }
}
