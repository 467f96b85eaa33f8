import ArgumentParser
import Foundation
import LookoutCore
import LookoutText
import LookoutStore

/// `lookout progress`: each lesson's status, each indicator's mastery and signal-detection figures,
/// and unsafe choices, for one learner or every learner.
struct ProgressCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "progress",
        abstract: "Show learners' progress: lessons, mastery per indicator, hit and false-alarm rates, d′, c, unsafe choices.",
        discussion: """
            Figures are recomputed from the stored answers against the bank in use. c < 0 means the \
            learner over-flags (ticks harmless details as warning signs). The JSON shape is documented \
            in README.md.
            """,
        subcommands: [ProgressReset.self]
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case table
        case json
        case csv
    }

    @Option(help: ArgumentHelp("Only this learner (default: every learner).", valueName: "name"))
    var learner: String?

    @Option(help: "table, json or csv.")
    var format: Format = .table

    @OptionGroup var bankOptions: BankOptions
    @OptionGroup var dataOptions: DataOptions
    @OptionGroup var lock: PassphraseOptions
    @OptionGroup var pin: PINOptions

    func run() throws {
        let timing = PhaseTimer()
        let bankPath = bankOptions.path()
        if let missing = BankLocator.missing(root: bankPath) {
            printError(missing)
            throw ExitCode(ExitStatus.dataError)
        }
        let loaded = BankLocator.load(root: bankPath)
        if loaded.hasErrors {
            printError(CommandStrings.english(.bankHasErrors, ["path": bankPath, "count": String(loaded.diagnostics.errorCount)]))
            throw ExitCode(ExitStatus.dataError)
        }
        // Reading never creates a store: with none, there is no learner to show.
        guard try dataOptions.storeExists() else {
            if let name = learner {
                printError(CommandStrings.english(.progressNoLearner, ["name": name]))
                throw ExitCode(ExitStatus.dataError)
            }
            ProgressOutput(format: format, bankPath: bankPath, learnerCount: 0).begin()
            ProgressOutput(format: format, bankPath: bankPath, learnerCount: 0).end()
            return
        }
        let store = try dataOptions.openStore()
        let learners: [Learner]
        do {
            if let name = learner {
                // One learner's record: their PIN or the facilitator passphrase (none needed for a learner without
                // a PIN while no passphrase is set).
                let found = try LearnerAccess.learner({
                    guard let found = try store.learner(named: name) else {
                        printError(CommandStrings.english(.progressNoLearner, ["name": name]))
                        throw ExitCode(ExitStatus.dataError)
                    }
                    return found
                }, store: store, lock: lock, pin: pin, command: "progress")
                learners = [found]
            } else {
                try FacilitatorLock.require(store, options: lock, command: "progress")
                // With no passphrase set, learners with a PIN are left out (counted, not named).
                let visible = try LearnerAccess.visible(try store.learners(), store: store)
                if visible.hidden > 0 { printError(LearnerAccess.hiddenNote(visible.hidden)) }
                learners = visible.shown
            }
        } catch let error as StoreError {
            throw storeFailure(error)
        }
        timing.mark("read \(learners.count) learners")

        // One learner at a time, straight from the (learner, time) index: read a batch of learners'
        // answers, score them on every core, write their part of the output, and go on. Memory holds one
        // batch, whatever the size of the class.
        let bank = loaded.bank
        let out = ProgressOutput(format: format, bankPath: bankPath, learnerCount: learners.count)
        let byID = Dictionary(learners.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var batch: [(Learner, [AnswerEvent])] = []
        var written = 0, answers = 0
        let bar = StderrProgress(label: "Reading answers", unit: "learners", total: learners.count, whenStdoutIsTerminal: false)
        func flush() {
            let pending = batch
            batch.removeAll(keepingCapacity: true)
            let texts = ParallelMap.map(pending) { item in
                let (learner, events) = item
                return out.entry(ProgressReport.Entry(id: learner.id, name: learner.name, answers: events.count,
                                               progress: ProgressEngine.progress(bank: bank, events: events)),
                          bank: bank)
            }
            for text in texts {
                out.write(text, index: written)
                written += 1
            }
            bar.update(written)
        }
        out.begin()
        do throws(StoreError) {
            try store.forEachLearnersEvents(learners.map(\.id)) { id, events in
                guard let learner = byID[id] else { return }
                answers += events.count
                batch.append((learner, events))
                if batch.count >= ProgressOutput.batchSize { flush() }
            }
        } catch {
            throw storeFailure(error)
        }
        flush()
        bar.finish()
        out.end()
        timing.mark("read \(answers) answers, computed and wrote the progress of \(learners.count) learners as \(format.rawValue)")
    }
}

/// Writes `lookout progress` one learner at a time, in any of the three formats; the bytes are those of
/// ``ProgressReport`` (`table(bank:)`, `csv(bank:)`, and the JSON document, one learner per line).
struct ProgressOutput: Sendable {
    /// Learners scored together (on every core) before their output is written.
    static let batchSize = 256

    let format: ProgressCommand.Format
    let bankPath: String
    let learnerCount: Int

    static func jsonEncoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return encoder
    }

    func begin() {
        switch format {
        case .json:
            let header = ProgressReport(bank: bankPath, learners: [])
            let bank = (try? Self.jsonEncoder().encode(header.bank)) ?? Data("null".utf8)
            emit(Data("{\"bank\":".utf8) + bank
                 + Data(",\"format\":\"\(header.format)\",\"version\":\(header.version),\"learners\":[\n".utf8))
        case .csv:
            emit(Data(ProgressReport.csvHeader.utf8))
        case .table:
            if learnerCount == 0 { emit(Data(ProgressReport.noLearners.utf8)) }
        }
    }

    /// One learner's part of the output (computed on any thread).
    func entry(_ entry: ProgressReport.Entry, bank: Bank) -> Data {
        switch format {
        case .json: return (try? Self.jsonEncoder().encode(entry)) ?? Data("null".utf8)
        case .csv: return Data(ProgressReport.csvRows(entry).utf8)
        case .table: return Data(ProgressReport.tableEntry(entry).utf8)
        }
    }

    /// Writes the learner's part; `index` is the learner's place in the output.
    func write(_ data: Data, index: Int) {
        switch format {
        case .json: emit(data + Data((index + 1 < learnerCount ? ",\n" : "\n").utf8))
        case .csv: emit(data)
        case .table: emit(index > 0 ? Data("\n".utf8) + data : data)
        }
    }

    func end() {
        if format == .json { emit(Data("]}\n".utf8)) }
    }

    /// Everything goes out through the one terminal-safe path (``Console``): names and ids from the store are
    /// made harmless there, whatever planted them.
    private func emit(_ data: Data) {
        switch format {
        case .json: Console.writeJSON(data)
        case .csv, .table: Console.writeOut(String(decoding: data, as: UTF8.self))
        }
    }
}

/// The document `lookout progress --format json` prints.
struct ProgressReport: Encodable {
    struct Entry: Encodable {
        var id: String
        var name: String
        var answers: Int
        var progress: LearnerProgress
    }
    var format = "lookout-progress"
    var version = 1
    var bank: String
    var learners: [Entry]

    static func number(_ value: Double?, _ digits: Int = 2) -> String {
        FigureFormat.decimal(value, digits: digits) ?? "-"
    }

    static func statusText(_ status: LessonStatus) -> String {
        switch status {
        case .new: return "new"
        case .inProgress(let percent): return "in progress \(ScoreFormat.percent(percent))"
        case .passed: return "passed"
        case .failed: return "failed"
        case .changedSincePassed: return "changed since passed"
        }
    }

    static let noLearners = CommandStrings.english[.noLearnersYet] + "\n"

    func table(bank: Bank) -> String {
        if learners.isEmpty { return Self.noLearners }
        return learners.map(Self.tableEntry).joined(separator: "\n")
    }

    /// One learner's block of the table.
    static func tableEntry(_ entry: Entry) -> String {
        var out = ""
        let p = entry.progress
        out += "Learner: \(entry.name)   (\(entry.answers) answers)\n"
        out += "Lessons\n"
        for lesson in p.lessons {
            var score = lesson.bestScorePercent.map { "best " + ScoreFormat.percent($0) } ?? ""
            if lesson.attempts > 0 {
                score = DisplayWidth.padRight(score, to: 9) + " \(lesson.attempts) attempt\(lesson.attempts == 1 ? "" : "s")"
                if let first = lesson.firstScorePercent { score += ", first " + ScoreFormat.percent(first) }
            }
            out += "  \(DisplayWidth.padRight(lesson.lessonID, to: 18)) \(DisplayWidth.padRight(Self.statusText(lesson.status), to: 16)) \(score)\n"
        }
        out += "Indicators            mastery          P(L)  hits miss  FA  hit-rate FA-rate   d'     c\n"
        for ind in p.indicators where ind.observations > 0 {
            let mark = ind.mastered ? "mastered" : ""
            out += "  \(DisplayWidth.padRight(ind.indicatorID, to: 19)) \(Bar.text(ind.pKnown, cells: 10, full: "#", empty: ".")) \(DisplayWidth.padRight(mark, to: 8)) \(Self.number(ind.pKnown)) \(DisplayWidth.padLeft(String(ind.hits), to: 4)) \(DisplayWidth.padLeft(String(ind.misses), to: 4)) \(DisplayWidth.padLeft(String(ind.falseAlarms), to: 3)) \(DisplayWidth.padLeft(Self.number(ind.hitRate), to: 8)) \(DisplayWidth.padLeft(Self.number(ind.falseAlarmRate), to: 7)) \(DisplayWidth.padLeft(Self.number(ind.dPrime), to: 5)) \(DisplayWidth.padLeft(Self.number(ind.criterion), to: 5))\n"
        }
        let unseen = p.indicators.filter { $0.observations == 0 }.count
        if unseen > 0 { out += "  (\(unseen) indicators not yet seen)\n" }
        let o = p.overall
        var overall = "Overall: hit rate \(Self.number(o.hitRate)), false-alarm rate \(Self.number(o.falseAlarmRate)), d' \(Self.number(o.dPrime)), c \(Self.number(o.criterion))"
        if let c = o.criterion { overall += " (" + FigureFormat.criterionWords(c) + ")" }
        out += overall + "\n"
        let byAction = p.unsafeChoicesByAction.map { "\($0.action.rawValue) \($0.count)" }.joined(separator: ", ")
        out += "Unsafe choices: \(p.unsafeChoices)\(byAction.isEmpty ? "" : " (\(byAction))")\n"
        let c = p.coverage
        out += "Coverage: \(c.scenariosSeen)/\(c.scenariosTotal) scenarios seen, \(c.indicatorsSeen)/\(c.indicatorsTotal) indicators seen, \(c.indicatorsMastered) mastered\n"
        if !p.retiredScenarios.isEmpty {
            out += "Retired (no longer in the bank, answers kept): " + p.retiredScenarios.map(\.scenarioID).joined(separator: ", ") + "\n"
        }
        return out
    }

    static let csvColumns = ["learner", "kind", "id", "status", "score_percent", "p_known", "mastered", "hits", "misses",
                             "false_alarms", "correct_rejections", "hit_rate", "false_alarm_rate", "d_prime", "c", "unsafe_choices",
                             "attempts", "first_score_percent"]
    static var csvHeader: String {
        var csv = CSVWriter()
        csv.header(csvColumns)
        return csv.output
    }

    /// The CSV form, written by the one CSV writer (``CSVWriter``): names are text fields, so a name
    /// starting with `=`, `+`, `-` or `@` cannot run as a spreadsheet formula.
    func csv(bank: Bank) -> String {
        Self.csvHeader + learners.map(Self.csvRows).joined()
    }

    /// One learner's rows of the CSV, each ending in CRLF.
    static func csvRows(_ entry: Entry) -> String {
        var csv = CSVWriter()
        func row(_ rest: [String]) { csv.record([.text(entry.name)] + rest.map { .raw($0) }) }
        let p = entry.progress
        for lesson in p.lessons {
            row(["lesson", lesson.lessonID, Self.statusText(lesson.status),
                 Self.number(lesson.bestScorePercent, 1), "", "", "", "", "", "", "", "", "", "", "",
                 String(lesson.attempts), Self.number(lesson.firstScorePercent, 1)])
        }
        for ind in p.indicators {
            row(["indicator", ind.indicatorID, "", "", Self.number(ind.pKnown, 3), ind.mastered ? "yes" : "no",
                 String(ind.hits), String(ind.misses), String(ind.falseAlarms), String(ind.correctRejections),
                 Self.number(ind.hitRate, 3), Self.number(ind.falseAlarmRate, 3), Self.number(ind.dPrime, 3),
                 Self.number(ind.criterion, 3), "", "", ""])
        }
        let o = p.overall
        row(["overall", "", "", "", "", "", String(o.hits), String(o.misses), String(o.falseAlarms),
             String(o.correctRejections), Self.number(o.hitRate, 3), Self.number(o.falseAlarmRate, 3),
             Self.number(o.dPrime, 3), Self.number(o.criterion, 3), String(p.unsafeChoices), "", ""])
        return csv.output
    }
}

/// Prints how long each phase took to stderr when LOOKOUT_TIMING is set (for benchmarks).
final class PhaseTimer {
    let enabled = ProcessInfo.processInfo.environment["LOOKOUT_TIMING"] != nil
    var last = DispatchTime.now().uptimeNanoseconds

    func mark(_ what: String) {
        guard enabled else { return }
        let now = DispatchTime.now().uptimeNanoseconds
        printError("timing: \(what): \((now - last) / 1_000_000) ms")
        last = now
    }
}
