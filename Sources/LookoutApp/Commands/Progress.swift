import ArgumentParser
import Foundation
import LookoutCore
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

    func run() throws {
        let timing = PhaseTimer()
        let bankPath = bankOptions.path()
        let loaded = BankLocator.load(root: bankPath)
        if loaded.hasErrors {
            printError("error: the scenario bank at '\(bankPath)' has \(loaded.diagnostics.errorCount) error(s); run 'lookout check \(bankPath)' to see them")
            throw ExitCode(ExitStatus.dataError)
        }
        let store = try dataOptions.openStore()
        try FacilitatorLock.require(store, options: lock, command: "progress")
        var learners: [Learner]
        var eventsByLearner: [String: [AnswerEvent]] = [:]
        do {
            if let name = learner {
                guard let found = try store.learner(named: name) else {
                    printError("error: no learner named '\(name)'; see 'lookout learners list'")
                    throw ExitCode(ExitStatus.dataError)
                }
                learners = [found]
                eventsByLearner[found.id] = try store.events(learnerID: found.id)
            } else {
                learners = try store.learners()
                for event in try store.allEvents() { eventsByLearner[event.learnerID, default: []].append(event) }
            }
        } catch let error as StoreError {
            throw storeFailure(error)
        }
        timing.mark("read \(eventsByLearner.values.reduce(0) { $0 + $1.count }) events")
        // Each learner's figures are independent: spread them over the cores.
        let bank = loaded.bank
        let frozenEvents = eventsByLearner
        let entries = ParallelMap.map(learners) { learner in
            ProgressReport.Entry(id: learner.id, name: learner.name,
                                 answers: frozenEvents[learner.id]?.count ?? 0,
                                 progress: ProgressEngine.progress(bank: bank, events: frozenEvents[learner.id] ?? []))
        }
        let report = ProgressReport(bank: bankPath, learners: entries)
        timing.mark("computed progress of \(learners.count) learners")
        defer { timing.mark("wrote \(format.rawValue)") }
        switch format {
        case .json:
            // One learner per line: compact, and a large class streams out as it is encoded.
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
            Console.writeJSON(Data("{\"bank\":".utf8) + (try encoder.encode(report.bank))
                      + Data(",\"format\":\"\(report.format)\",\"version\":\(report.version),\"learners\":[\n".utf8))
            let encoded = ParallelMap.map(report.learners) { entry in
                (try? encoder.encode(entry)) ?? Data("null".utf8)
            }
            for (index, data) in encoded.enumerated() {
                Console.writeJSON(data + Data((index + 1 < encoded.count ? ",\n" : "\n").utf8))
            }
            Console.writeJSON(Data("]}\n".utf8))
        case .csv:
            print(report.csv(bank: loaded.bank), terminator: "")
        case .table:
            print(report.table(bank: loaded.bank), terminator: "")
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

    static func bar(_ value: Double, width: Int = 10) -> String {
        let filled = max(0, min(width, Int((value * Double(width)).rounded())))
        return String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
    }

    func table(bank: Bank) -> String {
        var out = ""
        if learners.isEmpty { return "No learners yet. Add one with: lookout learners add NAME\n" }
        for (index, entry) in learners.enumerated() {
            let p = entry.progress
            if index > 0 { out += "\n" }
            out += "Learner: \(entry.name)   (\(entry.answers) answers)\n"
            out += "Lessons\n"
            for lesson in p.lessons {
                let score = lesson.bestScorePercent.map { "best " + ScoreFormat.percent($0) } ?? ""
                out += "  \(lesson.lessonID.padded(18)) \(Self.statusText(lesson.status).padded(16)) \(score)\n"
            }
            out += "Indicators            mastery          P(L)  hits miss  FA  hit-rate FA-rate   d'     c\n"
            for ind in p.indicators where ind.observations > 0 {
                let mark = ind.mastered ? "mastered" : ""
                out += "  \(ind.indicatorID.padded(19)) \(Self.bar(ind.pKnown)) \(mark.padded(8)) \(Self.number(ind.pKnown)) \(String(ind.hits).leftPadded(4)) \(String(ind.misses).leftPadded(4)) \(String(ind.falseAlarms).leftPadded(3)) \(Self.number(ind.hitRate).leftPadded(8)) \(Self.number(ind.falseAlarmRate).leftPadded(7)) \(Self.number(ind.dPrime).leftPadded(5)) \(Self.number(ind.criterion).leftPadded(5))\n"
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
        }
        return out
    }

    /// The CSV form, written by the one CSV writer (``CSVWriter``): names are text fields, so a name
    /// starting with `=`, `+`, `-` or `@` cannot run as a spreadsheet formula.
    func csv(bank: Bank) -> String {
        var csv = CSVWriter()
        csv.header(["learner", "kind", "id", "status", "score_percent", "p_known", "mastered", "hits", "misses",
                    "false_alarms", "correct_rejections", "hit_rate", "false_alarm_rate", "d_prime", "c", "unsafe_choices"])
        func row(_ name: String, _ rest: [String]) { csv.record([.text(name)] + rest.map { .raw($0) }) }
        for entry in learners {
            let p = entry.progress
            for lesson in p.lessons {
                row(entry.name, ["lesson", lesson.lessonID, Self.statusText(lesson.status),
                                 Self.number(lesson.bestScorePercent, 1), "", "", "", "", "", "", "", "", "", "", ""])
            }
            for ind in p.indicators {
                row(entry.name, ["indicator", ind.indicatorID, "", "", Self.number(ind.pKnown, 3), ind.mastered ? "yes" : "no",
                                 String(ind.hits), String(ind.misses), String(ind.falseAlarms), String(ind.correctRejections),
                                 Self.number(ind.hitRate, 3), Self.number(ind.falseAlarmRate, 3), Self.number(ind.dPrime, 3),
                                 Self.number(ind.criterion, 3), ""])
            }
            let o = p.overall
            row(entry.name, ["overall", "", "", "", "", "", String(o.hits), String(o.misses), String(o.falseAlarms),
                             String(o.correctRejections), Self.number(o.hitRate, 3), Self.number(o.falseAlarmRate, 3),
                             Self.number(o.dPrime, 3), Self.number(o.criterion, 3), String(p.unsafeChoices)])
        }
        return csv.output
    }
}

extension String {
    func padded(_ width: Int) -> String { count >= width ? self : self + String(repeating: " ", count: width - count) }
    func leftPadded(_ width: Int) -> String { count >= width ? self : String(repeating: " ", count: width - count) + self }
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
