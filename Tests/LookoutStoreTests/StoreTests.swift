import Foundation
import LookoutCore
@testable import LookoutStore
import Testing

@Suite("Progress store: learners, attempts, answers")
struct StoreTests {
    @Test("Khmer, Thai and emoji names round-trip through a file and a reopen")
    func unicodeNamesRoundTrip() throws {
        let dir = TempDir("names")
        defer { dir.remove() }
        let names = ["សុខា", "ស្រីនិច ចាន់", "สมชาย", "Dara 🌱", "👩🏽‍🏫", "Nguyễn Thị Hoa"]
        do {
            let store = try ProgressStore.open(directory: dir.path)
            for name in names { try store.addLearner(name: name) }
            try store.close()
        }
        let reopened = try ProgressStore.open(directory: dir.path)
        #expect(try reopened.learners().map(\.name) == names)
        for name in names {
            #expect(try reopened.learner(named: name)?.name == name)
        }
    }

    @Test("duplicate names are refused, also when they differ only in Unicode normalisation or spaces at the ends")
    func duplicateNamesRefused() throws {
        let store = try ProgressStore.inMemory()
        try store.addLearner(name: "Café")                      // precomposed é (U+00E9)
        #expect(throws: StoreError.duplicateName(name: "Café")) {
            try store.addLearner(name: "Cafe\u{301}")           // e + combining acute: same name in NFC
        }
        try store.addLearner(name: "សុខា")
        #expect(throws: StoreError.duplicateName(name: "សុខា")) {
            try store.addLearner(name: "  សុខា\t")
        }
        // Vietnamese: "ễ" typed as e + circumflex + tilde is the same name as the precomposed letter,
        // and two marks typed in either order (tilde, dot below) are one name after canonical ordering.
        try store.addLearner(name: "Nguy\u{1EC5}n")
        #expect(throws: StoreError.duplicateName(name: "Nguy\u{1EC5}n")) {
            try store.addLearner(name: "Nguye\u{302}\u{303}n")
        }
        try store.addLearner(name: "Vie\u{323}\u{303}t")
        #expect(throws: StoreError.duplicateName(name: LearnerName.normalised("Vie\u{323}\u{303}t"))) {
            try store.addLearner(name: "Vie\u{303}\u{323}t")
        }
        #expect(try store.learners().count == 4)
        // Case is not folded: these are different names.
        try store.addLearner(name: "café")
        #expect(try store.learners().count == 5)
    }

    @Test("names are stored NFC-normalised and trimmed; lookups normalise too")
    func namesNormalised() throws {
        let store = try ProgressStore.inMemory()
        let learner = try store.addLearner(name: "  Cafe\u{301} ")
        #expect(learner.name == "Caf\u{E9}")
        #expect(Array(learner.name.unicodeScalars) == Array("Caf\u{E9}".unicodeScalars))
        #expect(try store.learner(named: "Cafe\u{301}")?.id == learner.id)
        #expect(try store.learner(named: "Nobody") == nil)
    }

    @Test("empty, over-long and control-character names are refused with invalidName")
    func invalidNames() throws {
        let store = try ProgressStore.inMemory()
        for bad in ["", "   ", "\n", "a\nb", "tab\there", String(repeating: "ក", count: LearnerName.maximumLength + 1)] {
            #expect {
                try store.addLearner(name: bad)
            } throws: { error in
                guard case StoreError.invalidName = error else { return false }
                return (error as? StoreError)?.isUserError == true
            }
        }
        #expect(try store.learners().isEmpty)
        try store.addLearner(name: String(repeating: "ក", count: LearnerName.maximumLength))
    }

    @Test("rename keeps the id and answers; renaming onto another learner's name is refused")
    func rename() throws {
        let store = try ProgressStore.inMemory()
        let a = try store.addLearner(name: "Sokha")
        try store.addLearner(name: "Dara")
        try store.append(makeEvent(learner: a.id))
        let renamed = try store.renameLearner(named: " Sokha", to: "សុខា 🌱")
        #expect(renamed.id == a.id)
        #expect(renamed.name == "សុខា 🌱")
        #expect(try store.events(learnerID: a.id).count == 1)
        #expect(throws: StoreError.duplicateName(name: "Dara")) { try store.renameLearner(named: "សុខា 🌱", to: "Dara ") }
        #expect(throws: StoreError.unknownLearner("Nobody")) { try store.renameLearner(named: "Nobody", to: "X") }
        // Renaming to the same name (or a differently normalised spelling of it) is allowed.
        #expect(try store.renameLearner(named: "Dara", to: " Dara").name == "Dara")
    }

    @Test("remove deletes that learner's attempts and answers and nobody else's")
    func removeLearner() throws {
        let store = try ProgressStore.inMemory()
        let a = try store.addLearner(name: "A")
        let b = try store.addLearner(name: "B")
        let attemptA = try store.startAttempt(learnerID: a.id, lessonID: "lesson-1")
        let attemptB = try store.startAttempt(learnerID: b.id, lessonID: "lesson-1")
        for _ in 0..<3 { try store.append(makeEvent(learner: a.id, attempt: attemptA.id)) }
        for _ in 0..<2 { try store.append(makeEvent(learner: b.id, attempt: attemptB.id)) }
        #expect(try store.removeLearner(id: a.id) == 3)
        #expect(try store.learner(id: a.id) == nil)
        #expect(try store.attempts(learnerID: a.id).isEmpty)
        #expect(try store.events(learnerID: a.id).isEmpty)
        #expect(try store.events(learnerID: b.id).count == 2)
        #expect(try store.attempts(learnerID: b.id) == [attemptB])
        #expect(throws: StoreError.unknownLearner(a.id)) { try store.removeLearner(id: a.id) }
    }

    @Test("remove deletes the learner's PIN hash, wrong-try counter and other meta rows, and nobody else's")
    func removeLearnerMeta() throws {
        let store = try ProgressStore.inMemory()
        let a = try store.addLearner(name: "A")
        let b = try store.addLearner(name: "B")
        for learner in [a, b] {
            try store.setSecretHash(.learner(learner.id), "hash-\(learner.name)", at: 1_000)
            #expect(try store.claimSecretAttempt(.learner(learner.id), now: 2_000, delay: { _ in 5_000 }) != nil)
            try store.setMeta("learner-language:" + learner.id, "km")
            try store.setMeta("retake-ok:\(learner.id):lesson-1", "3000")
        }
        #expect(try store.meta(withPrefix: "").keys.filter { $0.contains(a.id) }.count == 5)
        try store.removeLearner(id: a.id)
        let keys = try store.meta(withPrefix: "").keys
        #expect(keys.filter { $0.contains(a.id) }.isEmpty, "rows left that name the removed learner: \(keys.sorted())")
        #expect(keys.filter { $0.contains(b.id) }.count == 5)
        #expect(try store.secretHash(.learner(b.id)) == "hash-B")
        #expect(try store.secretAttempts(.learner(b.id)).failures == 1)
    }

    @Test("every field of an answer event round-trips through a file, including odd option ids")
    func eventRoundTrip() throws {
        let dir = TempDir("events")
        defer { dir.remove() }
        let store = try ProgressStore.open(directory: dir.path)
        let learner = try store.addLearner(name: "Sokha", at: 1_000)
        let attempt = try store.startAttempt(learnerID: learner.id, lessonID: "lesson-2", at: 2_000)
        let events = [
            makeEvent(learner: learner.id, attempt: attempt.id, lesson: "lesson-2", scenario: "sch-bus-to-aunt", rev: 3,
                      question: "signs", chosen: ["a", "c", "d"], credit: 0.6666666666666666, action: nil, time: 3_000),
            makeEvent(learner: learner.id, attempt: attempt.id, lesson: "lesson-2", scenario: "sch-bus-to-aunt", rev: 3,
                      question: "act", chosen: ["b"], credit: 0, action: .unsafeConfront, time: 4_000, isRepeat: true),
            makeEvent(learner: learner.id, attempt: nil, lesson: nil, scenario: "free-practice", rev: 0,
                      question: "q\"1\"", chosen: [], credit: 1, action: .safeReport, time: 5_000),
            makeEvent(learner: learner.id, chosen: ["quote\"", "back\\slash", "line\nbreak", "tab\t", "\u{1}", "ក្មេង", "🌱", "a/b", ""],
                      credit: 0.25, time: 6_000),
        ]
        for event in events { try store.append(event) }
        try store.close()
        let reopened = try ProgressStore.open(directory: dir.path)
        #expect(try reopened.events(learnerID: learner.id) == events)
        #expect(try reopened.allEvents() == events)
        #expect(try reopened.events(attemptID: attempt.id) == Array(events[0..<2]))
        #expect(try reopened.attempts(learnerID: learner.id) == [attempt])
        #expect(try reopened.learner(id: learner.id) == learner)
        #expect(try reopened.answerCounts() == [learner.id: 4])
    }

    @Test("bad answers are refused with a typed error and nothing is half-saved")
    func appendValidation() throws {
        let store = try ProgressStore.inMemory()
        let a = try store.addLearner(name: "A")
        let b = try store.addLearner(name: "B")
        let attemptB = try store.startAttempt(learnerID: b.id, lessonID: "lesson-1")
        let good = makeEvent(learner: a.id)
        try store.append(good)
        #expect(throws: StoreError.duplicateEvent(id: good.id)) { try store.append(good) }
        #expect(throws: StoreError.unknownLearner("no-such-learner")) { try store.append(makeEvent(learner: "no-such-learner")) }
        #expect(throws: StoreError.unknownAttempt(attemptB.id)) { try store.append(makeEvent(learner: a.id, attempt: attemptB.id)) }
        for credit in [-0.1, 1.5, Double.nan, Double.infinity] {
            #expect {
                try store.append(makeEvent(learner: a.id, credit: credit))
            } throws: { error in
                if case StoreError.invalidEvent = error { return true }
                return false
            }
        }
        // A batch with one bad answer saves none of them.
        let batch = [makeEvent(learner: a.id), makeEvent(learner: a.id), makeEvent(learner: "ghost")]
        #expect(throws: StoreError.unknownLearner("ghost")) { try store.append(contentsOf: batch) }
        #expect(try store.events(learnerID: a.id) == [good])
        try store.append(contentsOf: Array(batch[0..<2]))
        #expect(try store.eventCount() == 3)
        #expect(throws: StoreError.unknownLearner("ghost")) { try store.startAttempt(learnerID: "ghost", lessonID: "l") }
    }

    @Test("import is insert-or-ignore by id: importing twice adds nothing, and a taken name gets a suffix")
    func importMerges() throws {
        let laptop1 = try ProgressStore.inMemory()
        let sokha = try laptop1.addLearner(name: "Sokha")
        let attempt = try laptop1.startAttempt(learnerID: sokha.id, lessonID: "lesson-1")
        for _ in 0..<5 { try laptop1.append(makeEvent(learner: sokha.id, attempt: attempt.id)) }

        let laptop2 = try ProgressStore.inMemory()
        let otherSokha = try laptop2.addLearner(name: "Sokha")   // same name, different person (different id)
        try laptop2.append(makeEvent(learner: otherSokha.id))

        let learners = try laptop1.learners(), attempts = try laptop1.allAttempts(), events = try laptop1.allEvents()
        let first = try laptop2.importRecords(learners: learners, attempts: attempts, events: events)
        #expect(first.learnersAdded == 1 && first.attemptsAdded == 1 && first.eventsAdded == 5)
        #expect(first.renamed == [ProgressStore.Renamed(learnerID: sokha.id, originalName: "Sokha", newName: "Sokha (2)")])
        let second = try laptop2.importRecords(learners: learners, attempts: attempts, events: events)
        #expect(second.learnersAdded == 0 && second.attemptsAdded == 0 && second.eventsAdded == 0)
        #expect(try laptop2.eventCount() == 6)
        #expect(try laptop2.learner(id: sokha.id)?.name == "Sokha (2)")
        #expect(try laptop2.events(learnerID: sokha.id) == events)
        // Answers whose learner is not here are refused rather than orphaned.
        #expect(throws: StoreError.unknownLearner("ghost")) { try laptop2.importEvents([makeEvent(learner: "ghost")]) }
    }

    @Test("meta: set, read, overwrite and delete a key")
    func meta() throws {
        let store = try ProgressStore.inMemory()
        #expect(try store.meta("facilitator-passphrase") == nil)
        try store.setMeta("facilitator-passphrase", "hash-1")
        try store.setMeta("facilitator-passphrase", "hash-2")
        #expect(try store.meta("facilitator-passphrase") == "hash-2")
        try store.setMeta("facilitator-passphrase", nil)
        #expect(try store.meta("facilitator-passphrase") == nil)
    }

    @Test("a file store runs in WAL mode with synchronous=FULL (2)")
    func durabilitySettings() throws {
        let dir = TempDir("pragmas")
        defer { dir.remove() }
        let store = try ProgressStore.open(directory: dir.path)
        let settings = try store.durabilitySettings()
        #expect(settings.journalMode == "wal")
        #expect(settings.synchronous == 2)
    }

    @Test("a new data folder is created 0700 (with missing parents) and the store files 0600")
    func permissions() throws {
        let dir = TempDir("perms")
        defer { dir.remove() }
        let folder = dir.path + "/share/lookout"
        let store = try ProgressStore.open(directory: folder)
        try store.addLearner(name: "A")
        #expect(mode(folder) == 0o700)
        #expect(mode(dir.path + "/share") == 0o700)
        let file = folder + "/" + ProgressStore.fileName
        #expect(store.path == file)
        #expect(mode(file) == 0o600)
        // While the store is open in WAL mode the -wal and -shm files exist; they get the same mode.
        #expect(fileExists(file + "-wal") && fileExists(file + "-shm"))
        #expect(mode(file + "-wal") == 0o600)
        #expect(mode(file + "-shm") == 0o600)
    }

    @Test("an existing store with loose permissions is tightened to 0600 on open")
    func tightensPermissions() throws {
        let dir = TempDir("loose")
        defer { dir.remove() }
        try ProgressStore.open(directory: dir.path).close()
        let file = dir.file(ProgressStore.fileName)
        #expect(chmod(file, 0o644) == 0)
        _ = try ProgressStore.open(directory: dir.path)
        #expect(mode(file) == 0o600)
    }
}

@Suite("JSON arrays of option ids")
struct JSONStringsTests {
    @Test("encode then decode gives the same strings back", arguments: [
        [String](), ["a"], ["a", "b", "c"], ["quote\"", "back\\slash", "/"], ["line\nbreak\r", "\t", "\u{0}\u{1F}"],
        ["ក្មេង", "🌱", "👩🏽‍🏫", "é"], [""],
    ])
    func roundTrip(strings: [String]) {
        #expect(JSONStrings.decode(JSONStrings.encode(strings)) == strings)
    }

    @Test("decodes what other JSON writers produce: spaces, \\/ and \\u escapes, surrogate pairs")
    func decodesForeignJSON() {
        #expect(JSONStrings.decode(#" [ "a" , "b\/c" ] "#) == ["a", "b/c"])
        #expect(JSONStrings.decode(#"["\u00e9\u0041"]"#) == ["éA"])
        #expect(JSONStrings.decode(#"["\ud83c\udf31"]"#) == ["🌱"])
        let viaFoundation = String(decoding: (try? JSONEncoder().encode(["x\"y", "ក", "a/b"])) ?? Data(), as: UTF8.self)
        #expect(JSONStrings.decode(viaFoundation) == ["x\"y", "ក", "a/b"])
    }

    @Test("rejects anything that is not an array of strings", arguments: [
        "", "[", "]", "[1]", "[\"a\"", "[\"a\",]", "{\"a\":1}", "\"a\"", "[\"a\"] x", "[\"\\x\"]", "[\"\\ud83c\"]", "[\"a\nb\"]",
    ])
    func rejects(text: String) {
        #expect(JSONStrings.decode(text) == nil)
    }
}


@Suite struct ResetProgressTests {
    @Test func resetDeletesAnswersAndAttemptsButKeepsTheLearnerInOneStep() throws {
        let store = try ProgressStore.inMemory()
        let dara = try store.addLearner(name: "Dara", at: 1, id: "L1")
        let sokha = try store.addLearner(name: "Sokha", at: 2, id: "L2")
        for learner in [dara, sokha] {
            let attempt = try store.startAttempt(learnerID: learner.id, lessonID: "l1", at: 3, id: "A-\(learner.id)")
            try store.append(AnswerEvent(id: "E-\(learner.id)", learnerID: learner.id, attemptID: attempt.id, lessonID: "l1",
                                         scenarioID: "s", scenarioRev: 1, questionID: "q1", chosen: ["o1"], credit: 1,
                                         action: nil, time: 4, isRepeat: false))
        }
        #expect(try store.resetProgress(learnerID: "L1") == 1)
        #expect(try store.learners() == [dara, sokha])
        #expect(try store.events(learnerID: "L1").isEmpty)
        #expect(try store.attempts(learnerID: "L1").isEmpty)
        #expect(try store.events(learnerID: "L2").count == 1)
        #expect(throws: StoreError.unknownLearner("nobody")) { try store.resetProgress(learnerID: "nobody") }
    }
}
