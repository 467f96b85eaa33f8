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

    @Flag(help: "Send again the statements this LRS refused as invalid (400) or as conflicting (409) on an earlier sync.")
    var retryRejected = false

    @Option(help: ArgumentHelp("Seconds to wait for the LRS's whole answer to one request, 1 to 600.", valueName: "s"))
    var timeout = 60

    @Option(help: ArgumentHelp("Seconds the whole sync may take, 1 to 86400; then it stops (exit 75) and the next sync resumes.", valueName: "s"))
    var timeLimit = 3600

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
        if !(1...600).contains(timeout) { throw ValidationError("--timeout must be between 1 and 600 seconds") }
        if !(1...86_400).contains(timeLimit) { throw ValidationError("--time-limit must be between 1 and 86400 seconds") }
    }

    func run() throws {
        let url = LRSClient.statementsURL(for: lrs)!
        let authorization = try readCredentials()
        let bank = try Workshop.loadBank(bankOptions)
        let folder = try dataOptions.directory()
        let runLock = try SyncLock.acquire(folder: folder)
        defer { runLock.release() }
        let store = try dataOptions.openStore()
        try FacilitatorLock.require(store, options: lock, command: "lookout sync")
        let homePage = try XAPIStore.homePage(store, given: homepage)
        let options = XAPI.Options(homePage: homePage, includeNames: includeNames, platformVersion: XAPIStore.lookoutVersion)
        let key = url.absoluteString
        let learners = try Workshop.store { () throws(StoreError) in try store.learners() }
        let client = LRSClient(statementsURL: url, authorization: authorization)
        defer { client.shutdown() }

        var session = SyncSession(client: client, store: store, lrsKey: key, retries: retries,
                                  timeout: Double(timeout), timeLimit: timeLimit,
                                  runDeadline: Date().addingTimeInterval(Double(timeLimit)),
                                  progress: isatty(STDERR_FILENO) == 1 ? ProgressBar(total: learners.count) : nil)
        // One learner at a time: their statements are made, looked up in the record and queued; full
        // batches go out as they fill. Memory holds one learner's answers and one batch, whatever the
        // size of the store.
        var total = 0, alreadySent = 0, setAside = 0, queuedTotal = 0
        var queue: [XAPI.Statement] = []
        do {
            for learner in learners {
                let (attempts, events) = try Workshop.store { () throws(StoreError) in
                    (try store.attempts(learnerID: learner.id), try store.events(learnerID: learner.id))
                }
                let result = XAPI.statements(bank: bank, learners: [learner], attempts: attempts, events: events, options: options)
                let legacy = attempts.flatMap { a in XAPI.legacyLessonEndIDs(attemptID: a.id).map { ($0, a.id) } }
                let statuses = try Workshop.store { () throws(StoreError) in
                    try store.xapiStatuses(lrs: key, ids: result.statements.map(\.id) + legacy.map(\.0))
                }
                for statement in result.statements {
                    total += 1
                    switch statuses[statement.id] {
                    case nil:
                        queue.append(statement)
                        queuedTotal += 1
                    case .sent?: alreadySent += 1
                    case .rejected?, .conflict?:
                        setAside += 1
                        if retryRejected {
                            queue.append(statement)
                            queuedTotal += 1
                        }
                    }
                }
                // Completed/passed/failed statements a newer one superseded (the attempt resumed and
                // changed): void them, after the new ones.
                let current = Set(result.statements.map(\.id))
                var superseded = try Workshop.store { () throws(StoreError) in
                    try store.xapiSentLessonEnds(lrs: key, learnerID: learner.id)
                }.filter { !current.contains($0.key) }
                for (id, attemptID) in legacy where statuses[id] == .sent { superseded[id] = attemptID }
                if !superseded.isEmpty {
                    let endTime: [String: Int64] = Dictionary(result.statements.compactMap { s in s.attemptID.map { ($0, s.time) } },
                                                              uniquingKeysWith: { Swift.max($0, $1) })
                    let lastAnswer: [String: Int64] = Dictionary(events.compactMap { e in e.attemptID.map { ($0, e.time) } },
                                                                 uniquingKeysWith: { Swift.max($0, $1) })
                    let voids = superseded.keys.sorted().map { id in
                        let attemptID = superseded[id]!
                        return XAPI.voiding(id, learner: learner, time: endTime[attemptID] ?? lastAnswer[attemptID] ?? ProgressStore.now(), options: options)
                    }
                    let voidStatuses = try Workshop.store { () throws(StoreError) in try store.xapiStatuses(lrs: key, ids: voids.map(\.id)) }
                    for void in voids where voidStatuses[void.id] != .sent {
                        total += 1
                        queue.append(void)
                        queuedTotal += 1
                    }
                }
                while queue.count >= batchSize {
                    try session.send(Array(queue.prefix(batchSize)))
                    queue.removeFirst(batchSize)
                }
                session.progress?.advance(by: 1)
            }
            if !queue.isEmpty { try session.send(queue) }
        } catch let stop as SyncSession.Stop {
            session.progress?.finish()
            printError("error: \(stop.message)")
            printError("\(session.sent) statement\(session.sent == 1 ? " was" : "s were") sent in this run and recorded; the others are left for the next 'lookout sync'.")
            throw ExitCode(stop.exitCode)
        }
        session.progress?.finish()
        if queuedTotal == 0 {
            print("Nothing new to send to \(key): all \(total) statement\(total == 1 ? " is" : "s are") there already\(setAside > 0 ? " (\(setAside) set aside as refused; --retry-rejected sends them again)" : "").")
            return
        }
        var parts = ["Sent \(session.sent) statement\(session.sent == 1 ? "" : "s") to \(key)"]
        if session.voided > 0 { parts.append("\(session.voided) of them void\(session.voided == 1 ? "s an earlier verdict" : " earlier verdicts") that changed since") }
        if alreadySent > 0 { parts.append("\(alreadySent) sent before") }
        if session.rejected > 0 { parts.append("\(session.rejected) refused as invalid and set aside (see above)") }
        if session.conflicts > 0 {
            parts.append("\(session.conflicts) not sent: the LRS holds a different statement with the same id (409, see above)")
        }
        print(parts.joined(separator: "; ") + ".")
        if session.rejected > 0 || session.conflicts > 0 { throw ExitCode(ExitStatus.dataError) }
    }

    /// The Authorization header from --credentials or LOOKOUT_LRS_AUTH.
    func readCredentials() throws -> String {
        let text: String
        let origin: String
        if let credentials {
            // Through SafeFile like every user file: a FIFO or device is refused, not waited on; a huge file is refused.
            let file: SafeFile
            do {
                file = try SafeFile.open(credentials, maximumSize: 64 * 1024)
            } catch {
                printError("error: cannot read the credentials file '\(credentials)': \(error)")
                throw ExitCode(ExitStatus.noInput)
            }
            defer { file.close() }
            guard let bytes = file.readAll() else {
                printError("error: cannot read the credentials file '\(credentials)': \(file.lastError)")
                throw ExitCode(ExitStatus.noInput)
            }
            var info = stat()
            if fstat(file.descriptor, &info) == 0, info.st_mode & 0o077 != 0 {
                printError("warning: the credentials file '\(credentials)' can be read by other users; chmod 600 it")
            }
            text = String(decoding: bytes, as: UTF8.self)
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
    /// Seconds per request.
    let timeout: Double
    /// Seconds for the whole run (for the message) and when it ends.
    let timeLimit: Int
    let runDeadline: Date
    var progress: ProgressBar?
    var sent = 0
    var voided = 0
    var conflicts = 0
    var rejected = 0
    /// Refusals (400) and conflicts (409) in a row.
    var refusedInARow = 0
    var notedMissingVersion = false
    /// Refusals or conflicts in a row, with nothing sent yet, after which the sync stops (see ``send(_:)``).
    static let rejectionsBeforeStopping = 10

    /// Sends a batch. Only a 200 whose body is a JSON array of exactly the batch's ids, with the
    /// X-Experience-API-Version header, marks it sent; any other 2xx or a redirect stops the sync (exit
    /// 69) with nothing recorded. A 400 (422 from some LRSs) or 413 on several statements splits the
    /// batch to find the one at fault; a 409 on several sends them one by one; a single 409 is recorded
    /// as a conflict (not sent). 401/403 and other errors stop; 5xx, 429, timeouts and network errors
    /// are retried with back-off, within the run's time limit.
    mutating func send(_ batch: [XAPI.Statement]) throws {
        let body = Array(("[" + batch.map(\.json.serialized).joined(separator: ",") + "]").utf8)
        var attempt = 0
        while true {
            let remaining = runDeadline.timeIntervalSinceNow
            if remaining <= 0 {
                throw Stop(message: "the sync reached its time limit of \(timeLimit) s (--time-limit)", exitCode: Sync.tryLaterExitCode)
            }
            let outcome = client.post(body, timeout: min(timeout, remaining))
            let failure: String
            switch outcome {
            case .answer(let answer):
                let code = answer.status
                switch code {
                case 200:
                    if let problem = LRSClient.checkStored(answer, ids: batch.map(\.id)) {
                        throw Stop(message: "the server at \(lrsKey) answered 200, but \(problem), so nothing was recorded as sent. Is it an xAPI 1.0.3 LRS (a hotel or café network's login page, or a proxy, answers like this)? It answered: \(answer.bodyExcerpt())", exitCode: Sync.unavailableExitCode)
                    }
                    if answer.xapiVersion == nil && !notedMissingVersion {
                        notedMissingVersion = true
                        progress?.clearLine()
                        printError("note: the LRS at \(lrsKey) sends no X-Experience-API-Version header (xAPI 1.0.3 asks for it; Ralph 5.1 omits it); its answers are accepted because they list exactly the statements sent")
                    }
                    try record(batch, .sent, detail: nil)
                    sent += batch.count
                    voided += batch.filter { $0.verb == .voided }.count
                    refusedInARow = 0
                    return
                case 204 where answer.body.isEmpty:
                    // "All of these are here already" (Ralph answers so when it had every statement of
                    // the batch with the same content): believed only once the LRS shows the first and
                    // the last of them.
                    let probes = Array(Set([batch[0].id, batch[batch.count - 1].id]))
                    let shown = probes.allSatisfy { id in
                        LRSClient.holds(client.get(statementID: id, timeout: min(timeout, max(0.05, runDeadline.timeIntervalSinceNow))), id: id)
                    }
                    guard shown else {
                        throw Stop(message: "the server at \(lrsKey) answered 204 (nothing stored) but does not show the statements when asked for them, so nothing was recorded as sent. Is it an xAPI 1.0.3 LRS?", exitCode: Sync.unavailableExitCode)
                    }
                    try record(batch, .sent, detail: nil)
                    sent += batch.count
                    voided += batch.filter { $0.verb == .voided }.count
                    refusedInARow = 0
                    return
                case 300..<400:
                    let location = answer.location.map { TerminalText.safe(oneLine($0)) } ?? "no address"
                    var hint = ""
                    if let target = answer.location, let url = URL(string: target, relativeTo: client.statementsURL)?.absoluteURL,
                       let suggested = LRSClient.statementsURL(for: url.absoluteString) {
                        var base = suggested.absoluteString
                        if base.hasSuffix("/statements") { base.removeLast("/statements".count) }
                        hint = " If that is where the LRS is, run 'lookout sync' again with --lrs \(TerminalText.safe(base))."
                    }
                    throw Stop(message: "the server at \(lrsKey) answered \(code) and points to \(location). Lookout does not follow redirects (the credentials would go there too), and nothing was recorded as sent.\(hint)", exitCode: Sync.unavailableExitCode)
                case 409:
                    if batch.count > 1 {
                        for statement in batch { try send([statement]) }
                        return
                    }
                    try record(batch, .conflict, detail: ProgressStore.conflictDetailPrefix + ": " + answer.bodyExcerpt(300))
                    conflicts += 1
                    progress?.clearLine()
                    printError("error: the LRS holds a different statement with the id \(batch[0].id) (\(batch[0].verb.rawValue), \(XAPI.timestamp(batch[0].time))): 409 \(answer.bodyExcerpt()). It was not sent and is set aside (--retry-rejected tries it again).")
                    try countRefusal()
                    return
                case 400, 422, 413:
                    if batch.count > 1 {
                        let half = batch.count / 2
                        try send(Array(batch[..<half]))
                        try send(Array(batch[half...]))
                        return
                    }
                    if code == 413 {
                        throw Stop(message: "the LRS refused statement \(batch[0].id) as too large (413)", exitCode: Sync.unavailableExitCode)
                    }
                    try record(batch, .rejected, detail: String(String(decoding: answer.body, as: UTF8.self).prefix(1000)))
                    rejected += 1
                    progress?.clearLine()
                    printError("error: the LRS refused statement \(batch[0].id) (\(batch[0].verb.rawValue), \(XAPI.timestamp(batch[0].time))) as invalid (\(code)): \(answer.bodyExcerpt(1000))")
                    printError("  the statement, set aside (--retry-rejected sends it again): \(TerminalText.safe(batch[0].json.serialized))")
                    try countRefusal()
                    return
                case 401, 403:
                    throw Stop(message: "the LRS at \(lrsKey) refused the credentials (\(code) \(code == 401 ? "unauthorised" : "forbidden")). Check the user name and password in --credentials or \(Sync.authEnvironmentVariable), and that the account may write statements", exitCode: Sync.refusedExitCode)
                case 408, 429, 500...:
                    failure = "the LRS at \(lrsKey) keeps failing (\(code): \(answer.bodyExcerpt()))"
                default:
                    throw Stop(message: "the LRS at \(lrsKey) answered \(code): \(answer.bodyExcerpt()). Nothing was recorded as sent. Is the address right (it should end in the xAPI endpoint, e.g. /xAPI)?", exitCode: Sync.unavailableExitCode)
                }
            case .network(let reason):
                failure = "cannot reach the LRS at \(lrsKey) (\(reason))"
            case .timedOut(let seconds):
                failure = "the LRS at \(lrsKey) did not answer in time (no whole answer within \(Int(seconds.rounded())) s, --timeout)"
            }
            if attempt >= retries {
                throw Stop(message: "\(failure) after \(retries) retr\(retries == 1 ? "y" : "ies")", exitCode: Sync.tryLaterExitCode)
            }
            let delay = min(30, pow(2, Double(attempt)), max(0, runDeadline.timeIntervalSinceNow))
            attempt += 1
            progress?.note("retry \(attempt)/\(retries) in \(Int(delay)) s")
            Thread.sleep(forTimeInterval: delay)
        }
    }

    /// An LRS (or a proxy) that refuses or conflicts with everything is not judging statements: stop
    /// instead of setting the whole store aside.
    mutating func countRefusal() throws {
        refusedInARow += 1
        if refusedInARow >= Self.rejectionsBeforeStopping && sent == 0 {
            throw Stop(message: "the LRS at \(lrsKey) refused the first \(refusedInARow) statements one by one, so the problem is probably not the statements: check the address, and that it is an xAPI 1.0.3 LRS. Those \(refusedInARow) are set aside; 'lookout sync --retry-rejected' sends them again", exitCode: Sync.unavailableExitCode)
        }
    }

    mutating func record(_ batch: [XAPI.Statement], _ status: ProgressStore.XAPISendStatus, detail: String?) throws {
        let details: [String?] = batch.map { statement in
            if status == .sent, statement.isLessonEnd, let attemptID = statement.attemptID {
                return ProgressStore.lessonEndDetailPrefix + statement.learnerID + "\t" + attemptID
            }
            return detail
        }
        try Workshop.store { () throws(StoreError) in
            try store.recordXAPI(lrs: lrsKey, ids: batch.map(\.id), details: details, status: status)
        }
        progress?.sent(batch.count)
    }

    func oneLine(_ text: String) -> String {
        String(text.map { $0.isNewline ? " " : $0 })
    }
}

/// One `lookout sync` at a time per data folder: an exclusive `flock` on `.sync.lock` there, released
/// when the process ends (however it ends).
struct SyncLock {
    let descriptor: Int32

    static func acquire(folder: String) throws -> SyncLock {
        let path = folder + (folder.hasSuffix("/") ? "" : "/") + ".sync.lock"
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0o600)
        guard fd >= 0 else {
            printError("error: cannot open the sync lock '\(TerminalText.safe(path))': \(SafeFile.reason(errno))")
            throw ExitCode(ExitStatus.ioError)
        }
        if flock(fd, LOCK_EX | LOCK_NB) != 0 {
            close(fd)
            printError("error: another 'lookout sync' is running on this store ('\(TerminalText.safe(folder))'); wait for it to finish, then run it again if it did not send everything")
            throw ExitCode(Sync.tryLaterExitCode)
        }
        return SyncLock(descriptor: fd)
    }

    func release() {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}

/// A one-line progress bar on stderr, drawn only when stderr is a terminal: learners done (the sync
/// reads the store one learner at a time) and statements sent.
struct ProgressBar {
    let total: Int
    var done = 0
    var statements = 0
    var extra = ""

    init(total: Int) {
        self.total = total
        draw()
    }

    mutating func advance(by n: Int) {
        done += n
        draw()
    }

    mutating func sent(_ n: Int) {
        statements += n
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
        let line = "\r\u{1B}[Ksync [\(bar)] \(done)/\(total) learners, \(statements) statements sent" + (extra.isEmpty ? "" : " (\(extra))")
        FileHandle.standardError.write(Data(line.utf8))
    }

    func finish() {
        FileHandle.standardError.write(Data("\n".utf8))
    }
}
