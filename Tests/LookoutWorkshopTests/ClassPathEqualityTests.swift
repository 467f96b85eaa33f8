import Foundation
@testable import LookoutApp
import LookoutCore
import LookoutStore
import LookoutTestSupport
import Testing

/// The whole-class path (issue 14) reads each learner's answers from the (learner, time) index, scores a
/// batch of learners on every core and pools per-learner parts. These tests recompute the same figures the
/// way they were computed before (every answer read in time order, grouped in memory, then the three
/// passes of `ProgressEngine`) on a generated store of the shipped bank, and require the same values and
/// the same bytes. Not timed: Benchmarks/class/run.sh times it.
@Suite(.serialized) struct ClassPathEqualityTests {
    /// A store of `learners` x `answers` synthetic answers to the shipped bank, some of them at an older
    /// rev, some to a scenario the bank does not have, some outside any lesson run.
    static func generatedStore(learners: Int, answers: Int, seed: UInt64 = 14) throws -> (dir: String, store: ProgressStore, bank: Bank) {
        let loaded = BankLocator.load(root: Lookout.shippedBank)
        #expect(!loaded.hasErrors)
        let bank = loaded.bank
        let dir = try Lookout.temporaryDirectory("class-path")
        let store = try ProgressStore.open(directory: dir)
        var random = AttemptOrder.Generator(seed: seed)
        let base: Int64 = 1_767_225_600_000
        var people: [Learner] = []
        for i in 0..<learners {
            people.append(Learner(id: ProgressStore.newID(), name: "Learner \(i + 1)", createdAt: base + Int64(i % 7) * 60_000))
        }
        try store.importLearners(people)
        var attempts: [Attempt] = []
        var events: [AnswerEvent] = []
        for person in people {
            var attempt = Attempt(id: "", learnerID: person.id, lessonID: "", startedAt: 0)
            for a in 0..<answers {
                // Equal times across learners (and some within one learner) exercise the (time, id) order.
                let time = base + Int64(a / 3) * 45_000
                if a % 10 == 0 {
                    let lesson = bank.lessons[Int(random.next() % UInt64(bank.lessons.count))]
                    attempt = Attempt(id: ProgressStore.newID(), learnerID: person.id, lessonID: lesson.id, startedAt: time)
                    attempts.append(attempt)
                }
                guard let lesson = bank.lesson(attempt.lessonID) else { continue }
                let scenarios = bank.scenarios(of: lesson)
                let scenario = scenarios[Int(random.next() % UInt64(scenarios.count))]
                let question = scenario.questions[Int(random.next() % UInt64(scenario.questions.count))]
                var chosen: [String] = []
                if question.kind == .single {
                    chosen = [question.options[Int(random.next() % UInt64(question.options.count))].id]
                } else {
                    chosen = question.options.map(\.id).filter { _ in random.next() % 2 == 0 }
                }
                let roll = random.next() % 40
                let rev = roll == 0 ? scenario.rev + 1 : scenario.rev
                let scenarioID = roll == 1 ? "retired-scenario" : scenario.id
                let inRun = roll != 2
                events.append(AnswerEvent(
                    id: ProgressStore.newID(), learnerID: person.id, attemptID: inRun ? attempt.id : nil,
                    lessonID: inRun ? lesson.id : nil, scenarioID: scenarioID, scenarioRev: rev, questionID: question.id,
                    chosen: chosen, credit: Double(random.next() % 5) / 4, action: nil, time: time,
                    isRepeat: a % 10 >= 8))
            }
        }
        try store.importRecords(learners: [], attempts: attempts, events: events)
        return (dir, store, bank)
    }

    /// The class report as it was computed before issue 14: all answers, three passes.
    static func referenceReport(bank: Bank, learners: [Learner], events: [AnswerEvent], filter: ClassReportFilter) -> ClassReport {
        let known = Set(learners.map(\.id))
        let scoped = events.filter { known.contains($0.learnerID) && filter.includes($0) }
        var byLearner: [String: [AnswerEvent]] = [:]
        for event in scoped { byLearner[event.learnerID, default: []].append(event) }
        let rows = learners.map { learner -> ClassReport.LearnerRow in
            let own = byLearner[learner.id] ?? []
            let progress = ProgressEngine.progress(bank: bank, events: own)
            let lessons = progress.lessons.filter { filter.lessonID == nil || $0.lessonID == filter.lessonID }
            var passed = 0, started = 0, scoreSum = 0.0
            for lesson in lessons {
                if lesson.status == .passed { passed += 1 }
                guard lesson.status != .new, let latest = lesson.latest else { continue }
                started += 1
                scoreSum += lesson.bestScorePercent ?? latest.scorePercent
            }
            let d = progress.overall
            var row = ClassReport.LearnerRow(
                learnerID: learner.id, name: learner.name, lessonsPassed: passed, lessonsStarted: started,
                scorePercent: started > 0 ? scoreSum / Double(started) : nil, hits: d.hits, misses: d.misses,
                falseAlarms: d.falseAlarms, correctRejections: d.correctRejections, hitRate: d.hitRate,
                falseAlarmRate: d.falseAlarmRate, unsafeChoices: progress.unsafeChoices, answers: own.count)
            // The skipped scenes (added with issue 19) from the learner's counted answers in time order; what counts as
            // a skip is tested in AlternateSceneTests.
            let counted = own.filter { e in bank.scenario(e.scenarioID).map { $0.rev == e.scenarioRev && $0.question(e.questionID) != nil } ?? false }
                .sorted { $0.time != $1.time ? $0.time < $1.time : $0.id < $1.id }
            row.skipped = ClassReport.skipped(bank: bank, counted: counted, lessons: lessons.map(\.lessonID))
            return row
        }
        var indicatorRows: [ClassReport.IndicatorRow] = []
        var unseen: [String] = []
        for s in ProgressEngine.indicatorSummary(bank: bank, events: scoped) {
            let d = s.detection
            guard d.observations > 0 else {
                if bank.indicator(s.indicatorID) != nil { unseen.append(s.indicatorID) }
                continue
            }
            let taxonomy = bank.indicator(s.indicatorID)
            indicatorRows.append(ClassReport.IndicatorRow(
                indicatorID: s.indicatorID, title: taxonomy?.title ?? s.indicatorID, category: taxonomy?.category.rawValue,
                learners: s.learners, learnersMastered: s.learnersMastered, hits: d.hits, misses: d.misses,
                falseAlarms: d.falseAlarms, correctRejections: d.correctRejections, hitRate: d.hitRate,
                falseAlarmRate: d.falseAlarmRate, wrongRate: Double(d.misses + d.falseAlarms) / Double(d.observations)))
        }
        indicatorRows.sort { a, b in
            if a.wrongRate != b.wrongRate { return a.wrongRate > b.wrongRate }
            if a.decisions != b.decisions { return a.decisions > b.decisions }
            return a.indicatorID < b.indicatorID
        }
        var order: [String] = []
        var questions: [String: [ClassReport.QuestionRow]] = [:]
        for q in ProgressEngine.questionDifficulty(bank: bank, events: scoped) {
            guard let scenario = bank.scenario(q.scenarioID), let question = scenario.question(q.questionID) else { continue }
            if questions[q.scenarioID] == nil { order.append(q.scenarioID) }
            questions[q.scenarioID, default: []].append(ClassReport.QuestionRow(
                scenarioID: q.scenarioID, questionID: q.questionID, kind: question.kind, prompt: question.prompt,
                meanCredit: q.meanCredit, answers: q.answerCount, unsafeChoices: q.unsafeCount))
        }
        let scenarioRows = order.map { id in
            ClassReport.ScenarioRow(scenarioID: id, title: bank.scenario(id)?.title ?? id, questions: questions[id] ?? [])
        }
        return ClassReport(filter: filter, learners: rows, indicators: indicatorRows, unseenIndicators: unseen,
                           scenarios: scenarioRows, answers: scoped.count, activeLearners: byLearner.count)
    }

    /// More learners than one batch (ProgressOutput.batchSize), so the batching is exercised too.
    static let learners = ProgressOutput.batchSize + 44

    @Test("report: the per-learner path gives exactly the figures of the three passes over all answers")
    func reportEqualsReference() throws {
        let (dir, store, bank) = try Self.generatedStore(learners: Self.learners, answers: 40)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let learners = try store.learners()
        let events = try store.allEvents()
        let lesson = try #require(bank.lessons.first).id
        let filters = [ClassReportFilter(), ClassReportFilter(lessonID: lesson),
                       ClassReportFilter(since: 1_767_225_600_000 + 6 * 45_000),
                       ClassReportFilter(lessonID: lesson, since: 1_767_225_600_000 + 3 * 45_000)]
        for filter in filters {
            let reference = Self.referenceReport(bank: bank, learners: learners, events: events, filter: filter)
            #expect(reference.answers > 0)
            #expect(!reference.scenarios.isEmpty)
            #expect(ClassReport.make(bank: bank, learners: learners, events: events, filter: filter) == reference)
            #expect(try Report.classReport(store: store, bank: bank, learners: learners, filter: filter) == reference)
        }
        // The report's JSON from the real binary is the reference's, byte for byte (but the time it was made).
        let output = try Lookout.run(["report", "--format", "json", "--bank", Lookout.shippedBank, "--data-dir", dir])
        #expect(output.status == 0)
        let reference = Self.referenceReport(bank: bank, learners: learners, events: events, filter: ClassReportFilter())
        let gain = Gain.make(bank: bank, learners: learners, events: events, filter: ClassReportFilter())
        let expected = try ReportJSON.make(reference, gain: gain, since: nil, generatedAt: "GENERATED")
        let actual = output.stdout.replacingOccurrences(
            of: #""generatedAt" : "[^"]*""#, with: #""generatedAt" : "GENERATED""#, options: .regularExpression)
        #expect(actual == expected)
        for part in Report.Table.allCases {
            let csv = try Lookout.run(["report", "--format", "csv", "--table", part.rawValue, "--bank", Lookout.shippedBank, "--data-dir", dir])
            #expect(csv.stdout == ReportCSV.make(reference, gain: gain, part: part, byteOrderMark: false))
        }
        let table = try Lookout.run(["report", "--bank", Lookout.shippedBank, "--data-dir", dir])
        #expect(table.stdout == Workshop.render(Report.tableLines(reference, gain: gain, part: nil, width: 80, since: nil), colour: false).text)
    }

    @Test("progress: json, csv and table from the real binary are those of every answer read in time order")
    func progressEqualsReference() throws {
        let (dir, store, bank) = try Self.generatedStore(learners: Self.learners, answers: 40, seed: 41)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let learners = try store.learners()
        var byLearner: [String: [AnswerEvent]] = [:]
        for event in try store.allEvents() { byLearner[event.learnerID, default: []].append(event) }
        let entries = learners.map { learner in
            ProgressReport.Entry(id: learner.id, name: learner.name, answers: byLearner[learner.id]?.count ?? 0,
                                 progress: ProgressEngine.progress(bank: bank, events: byLearner[learner.id] ?? []))
        }
        let report = ProgressReport(bank: Lookout.shippedBank, learners: entries)
        let encoder = ProgressOutput.jsonEncoder()
        var json = "{\"bank\":" + String(decoding: try encoder.encode(report.bank), as: UTF8.self)
            + ",\"format\":\"lookout-progress\",\"version\":1,\"learners\":[\n"
        for (index, entry) in entries.enumerated() {
            json += String(decoding: try encoder.encode(entry), as: UTF8.self) + (index + 1 < entries.count ? ",\n" : "\n")
        }
        json += "]}\n"
        let common = ["--bank", Lookout.shippedBank, "--data-dir", dir]
        #expect(try Lookout.run(["progress", "--format", "json"] + common).stdout == json)
        #expect(try Lookout.run(["progress", "--format", "csv"] + common).stdout == report.csv(bank: bank))
        #expect(try Lookout.run(["progress", "--format", "table"] + common).stdout == report.table(bank: bank))
        let one = try #require(learners.dropFirst(3).first)
        let single = ProgressReport(bank: Lookout.shippedBank, learners: [entries[3]])
        #expect(try Lookout.run(["progress", "--learner", one.name, "--format", "table"] + common).stdout == single.table(bank: bank))
    }
}
