import LookoutCore
import LookoutStore

/// What importing a set of export files into a store will do, worked out before anything is written.
///
/// Rules:
///
/// - Records are keyed by their UUIDs. A learner, attempt or answer whose id is already in the store
///   (or earlier in the same import) is not added again, so importing a file twice changes nothing.
/// - A learner new to this store keeps their name if it is free. If another learner here already has
///   it, the newcomer is added as "Name (label)" when the file has a label (`lookout export --label`),
///   else as "Name @abcd1234" with the first 8 characters of the exporting store's id (and " (2)",
///   " (3)", ... if that is taken too). So two people called Dara on two laptops stay two people.
/// - `--map "Dara=Dara"` says that the learner called Dara in the files is the learner called Dara
///   here: their attempts and answers are added to the local learner instead. The map applies only to
///   learners not yet in this store; a learner imported earlier (by id) stays who they are (join them
///   with `lookout learners merge`).
/// - A mapping once made is remembered (``LearnerMap``, keyed by the exporting store's id and the
///   learner's id there, or by the learner's id alone after `learners merge`), and applied at every later
///   import without `--map`.
public struct ImportPlan: Sendable {
    public struct FileSummary: Sendable, Hashable {
        public var path: String
        public var storeID: String
        public var label: String?
        public var exportedAt: String
        public var learnersInFile = 0, attemptsInFile = 0, answersInFile = 0
        public var learnersNew = 0, learnersMerged = 0, learnersAlreadyHere = 0
        public var attemptsNew = 0
        public var answersNew = 0, answersAlreadyHere = 0
    }

    public enum Note: Sendable, Hashable {
        case renamed(path: String, from: String, to: String)
        case merged(path: String, imported: String, into: String)
        case mapIgnored(path: String, imported: String, alreadyHereAs: String, mapTo: String)
        /// Merged by a mapping remembered from an earlier `--map` or `learners merge`.
        case remembered(path: String, imported: String, into: String)

        public var path: String {
            switch self {
            case .renamed(let path, _, _), .merged(let path, _, _), .mapIgnored(let path, _, _, _), .remembered(let path, _, _):
                return path
            }
        }
    }

    public var learners: [Learner] = []
    public var attempts: [Attempt] = []
    public var events: [AnswerEvent] = []
    public var files: [FileSummary] = []
    public var notes: [Note] = []
    /// The mappings this import makes (from `--map`), to remember with it.
    public var newMaps: [LearnerMap] = []

    public enum PlanError: Error, Equatable, CustomStringConvertible {
        case badMap(String)
        case unknownLocalLearner(map: String, name: String)
        case unknownImportedLearner(map: String, name: String)
        case conflictingAttempt(path: String, attemptID: String, learner: String, hereAs: String)
        case conflictingAnswer(path: String, eventID: String, learner: String, hereAs: String)

        public var description: String {
            switch self {
            case .badMap(let text):
                return "--map '\(text)' is not of the form \"NAME IN FILE=NAME HERE\""
            case .unknownLocalLearner(let map, let name):
                return "--map '\(map)': there is no learner called '\(name)' on this computer; 'lookout learners list' shows them"
            case .unknownImportedLearner(let map, let name):
                return "--map '\(map)': none of the files has a learner called '\(name)'"
            case .conflictingAttempt(let path, let id, let learner, let here):
                return "'\(path)': the lesson attempt '\(id)' of '\(learner)' is already in this store as an attempt of '\(here)'. "
                    + ImportPlan.mapAdvice(learner: learner, here: here)
            case .conflictingAnswer(let path, let id, let learner, let here):
                return "'\(path)': the answer '\(id)' of '\(learner)' belongs to an attempt of '\(here)' here. "
                    + ImportPlan.mapAdvice(learner: learner, here: here)
            }
        }
    }

    /// What to do when a file's learner has answers here under another learner: the mapping to add.
    static func mapAdvice(learner: String, here: String) -> String {
        "If they are the same person, import again with --map \"\(learner)=\(here)\" (needed once: it is remembered for "
            + "later imports); nothing was imported"
    }

    /// Parses `--map` values: "NAME IN FILE=NAME HERE" (split at the first "="), names normalised.
    public static func parseMaps(_ values: [String]) throws(PlanError) -> [(text: String, imported: String, local: String)] {
        try values.map { (text: String) throws(PlanError) -> (text: String, imported: String, local: String) in
            guard let eq = text.firstIndex(of: "=") else { throw .badMap(text) }
            let imported = LearnerName.normalised(String(text[..<eq]))
            let local = LearnerName.normalised(String(text[text.index(after: eq)...]))
            guard !imported.isEmpty, !local.isEmpty else { throw .badMap(text) }
            return (text, imported, local)
        }
    }

    /// Works out the import of `files` (already read and checked) into a store that holds
    /// `localLearners`, `localAttempts` and answers with ids `localEventIDs`.
    public static func make(files: [(path: String, file: ExportFile)], localLearners: [Learner],
                            localAttempts: [Attempt], localEventIDs: Set<String>,
                            maps: [String], remembered: [LearnerMap] = []) throws(PlanError) -> ImportPlan {
        var plan = ImportPlan()
        let parsedMaps = try parseMaps(maps)
        var localByName: [String: Learner] = [:]
        for learner in localLearners { localByName[learner.name] = learner }
        var mapTargets: [String: Learner] = [:]
        let importedNames = Set(files.flatMap { $0.file.learners.map { LearnerName.normalised($0.name) } })
        for map in parsedMaps {
            guard let target = localByName[map.local] else { throw .unknownLocalLearner(map: map.text, name: map.local) }
            guard importedNames.contains(map.imported) else { throw .unknownImportedLearner(map: map.text, name: map.imported) }
            mapTargets[map.imported] = target
        }

        var knownLearners: [String: Learner] = [:]       // id -> learner, here or planned
        for learner in localLearners { knownLearners[learner.id] = learner }
        var rememberedTargets: [String: Learner] = [:]    // "store id|learner id" -> learner here
        for map in remembered {
            if let target = knownLearners[map.localLearnerID] { rememberedTargets[map.storeID + "|" + map.learnerID] = target }
        }
        var takenNames = Set(localLearners.map(\.name))
        var attemptOwner: [String: String] = [:]          // attempt id -> learner id, here or planned
        for attempt in localAttempts { attemptOwner[attempt.id] = attempt.learnerID }
        var seenEvents = localEventIDs

        for (path, file) in files {
            var summary = FileSummary(path: path, storeID: file.storeID, label: file.label, exportedAt: file.exportedAt)
            summary.learnersInFile = file.learners.count
            summary.attemptsInFile = file.attempts.count
            summary.answersInFile = file.events.count
            var remap: [String: String] = [:]             // imported learner id -> learner id here
            var namesInFile: [String: String] = [:]       // imported learner id -> name in the file
            for learner in file.learners { namesInFile[learner.id] = LearnerName.normalised(learner.name) }

            for learner in file.learners {
                let name = LearnerName.normalised(learner.name)
                if let here = knownLearners[learner.id] {
                    remap[learner.id] = learner.id
                    summary.learnersAlreadyHere += 1
                    if let target = mapTargets[name], here.id != target.id {
                        plan.notes.append(.mapIgnored(path: path, imported: name, alreadyHereAs: here.name, mapTo: target.name))
                    }
                    continue
                }
                if let target = rememberedTargets[file.storeID + "|" + learner.id] ?? rememberedTargets["|" + learner.id] {
                    remap[learner.id] = target.id
                    summary.learnersMerged += 1
                    plan.notes.append(.remembered(path: path, imported: name, into: target.name))
                    continue
                }
                if let target = mapTargets[name] {
                    remap[learner.id] = target.id
                    summary.learnersMerged += 1
                    plan.notes.append(.merged(path: path, imported: name, into: target.name))
                    plan.newMaps.append(LearnerMap(storeID: file.storeID, learnerID: learner.id, localLearnerID: target.id))
                    continue
                }
                var stored = name
                if takenNames.contains(name) {
                    stored = uniqueName(base: name, suffix: suffix(for: file), taken: takenNames)
                    plan.notes.append(.renamed(path: path, from: name, to: stored))
                }
                takenNames.insert(stored)
                let added = Learner(id: learner.id, name: stored, createdAt: learner.createdAt)
                knownLearners[learner.id] = added
                plan.learners.append(added)
                remap[learner.id] = learner.id
                summary.learnersNew += 1
            }

            for attempt in file.attempts {
                let owner = remap[attempt.learnerID] ?? attempt.learnerID
                if let existing = attemptOwner[attempt.id] {
                    guard existing == owner else {
                        throw .conflictingAttempt(path: path, attemptID: attempt.id, learner: namesInFile[attempt.learnerID] ?? attempt.learnerID,
                                                  hereAs: knownLearners[existing]?.name ?? existing)
                    }
                    continue
                }
                attemptOwner[attempt.id] = owner
                plan.attempts.append(Attempt(id: attempt.id, learnerID: owner, lessonID: attempt.lessonID, startedAt: attempt.startedAt))
                summary.attemptsNew += 1
            }

            for event in file.events {
                if seenEvents.contains(event.id) {
                    summary.answersAlreadyHere += 1
                    continue
                }
                var moved = event
                moved.learnerID = remap[event.learnerID] ?? event.learnerID
                if let attemptID = event.attemptID, attemptOwner[attemptID] != moved.learnerID {
                    let owner = attemptOwner[attemptID] ?? ""
                    throw .conflictingAnswer(path: path, eventID: event.id, learner: namesInFile[event.learnerID] ?? event.learnerID,
                                             hereAs: knownLearners[owner]?.name ?? "another learner")
                }
                seenEvents.insert(event.id)
                plan.events.append(moved)
                summary.answersNew += 1
            }
            plan.files.append(summary)
        }
        return plan
    }

    /// "(label)" or "@" and the first 8 characters of the store id.
    static func suffix(for file: ExportFile) -> String {
        if let label = file.label, !label.isEmpty { return "(\(label))" }
        return "@" + String(file.storeID.prefix(8))
    }

    /// "base suffix", then "base suffix (2)", ...; the base is cut so the name stays within the limit.
    static func uniqueName(base: String, suffix: String, taken: Set<String>) -> String {
        var n = 1
        while true {
            let tail = " " + suffix + (n == 1 ? "" : " (\(n))")
            let room = max(1, LearnerName.maximumLength - tail.count)
            let candidate = LearnerName.normalised(String(base.prefix(room)) + tail)
            if !taken.contains(candidate) { return candidate }
            n += 1
        }
    }
}
