import Crypto
import Foundation
import LookoutCore
import LookoutStore

/// The portable file that carries a store's learners, attempts and answers from one laptop to another
/// (`lookout export`, `lookout import`).
///
/// It is one line of UTF-8 JSON:
///
/// ```
/// {"format":"lookout-export","version":1,"sha256":"<64 hex digits>","payload":{...}}
/// ```
///
/// `sha256` is the SHA-256 of the payload's bytes exactly as they stand in the file, from the `{`
/// after `"payload":` to its matching `}`, so a truncated or altered file is detected. The payload:
///
/// ```
/// {"store":"<the exporting store's random id>","label":"laptop 2" or null,
///  "exportedAt":"2026-11-29T08:15:00Z",
///  "learners":[{"id":"…","name":"…","createdAt":1764400000000}],
///  "attempts":[{"id":"…","learnerID":"…","lessonID":"…","startedAt":…}],
///  "events":[{"id":"…","learnerID":"…","attemptID":"…" or null,"lessonID":"…" or null,"scenarioID":"…",
///             "scenarioRev":1,"questionID":"q1","chosen":["o1","o3"],"credit":0.5,
///             "action":"safe-report" or null,"time":1764400000000,"isRepeat":false}]}
/// ```
///
/// Times are milliseconds since 1970-01-01 UTC; ids are UUID strings, the keys for merging.
public struct ExportFile: Sendable, Equatable {
    public static let formatName = "lookout-export"
    public static let currentVersion = 1

    public var storeID: String
    public var label: String?
    public var exportedAt: String
    public var learners: [Learner]
    public var attempts: [Attempt]
    public var events: [AnswerEvent]

    public init(storeID: String, label: String?, exportedAt: String, learners: [Learner], attempts: [Attempt],
                events: [AnswerEvent]) {
        self.storeID = storeID
        self.label = label
        self.exportedAt = exportedAt
        self.learners = learners
        self.attempts = attempts
        self.events = events
    }

    // MARK: Writing

    /// The file's bytes.
    public func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let payload = try encoder.encode(Payload(self))
        let digest = Self.sha256Hex(payload)
        var data = Data("{\"format\":\"\(Self.formatName)\",\"version\":\(Self.currentVersion),\"sha256\":\"\(digest)\",\"payload\":".utf8)
        data.append(payload)
        data.append(Data("}\n".utf8))
        return data
    }

    // MARK: Reading

    /// Why a file cannot be imported. Every case names the file and says what to do.
    public enum ReadError: Error, Equatable, CustomStringConvertible {
        case unreadable(path: String, reason: String)
        case empty(path: String)
        case notJSON(path: String)
        case truncated(path: String)
        case foreign(path: String)
        case newerVersion(path: String, version: Int)
        case unsupportedVersion(path: String, version: String)
        case checksumMismatch(path: String)
        case invalid(path: String, detail: String)

        public var description: String {
            switch self {
            case .unreadable(let path, let reason):
                return "cannot read '\(path)': \(reason)"
            case .empty(let path):
                return "'\(path)' is empty: it is not a Lookout export file (the copy may have failed; export it again)"
            case .notJSON(let path):
                return "'\(path)' is not a Lookout export file (it is not JSON text); export files are made with 'lookout export --out FILE'"
            case .truncated(let path):
                return "'\(path)' is a damaged or incomplete Lookout export file (it ends before the data does, as when a copy to a USB stick is cut short); export it again from the other laptop"
            case .foreign(let path):
                return "'\(path)' is JSON but not a Lookout export file (it has no \"format\": \"\(ExportFile.formatName)\"); export files are made with 'lookout export --out FILE'"
            case .newerVersion(let path, let version):
                return "'\(path)' was written by a newer version of Lookout (export format version \(version); this one reads version \(ExportFile.currentVersion)); update Lookout on this laptop to import it"
            case .unsupportedVersion(let path, let version):
                return "'\(path)' has an export format version this Lookout cannot read (\(version))"
            case .checksumMismatch(let path):
                return "'\(path)' is damaged: its checksum does not match its contents, so it was changed or corrupted after it was exported; export it again from the other laptop"
            case .invalid(let path, let detail):
                return "'\(path)' holds data Lookout cannot import: \(detail)"
            }
        }
    }

    /// Reads and fully checks an export file's bytes. Nothing is imported here.
    public static func decode(_ data: Data, path: String) throws(ReadError) -> ExportFile {
        let bytes = [UInt8](data)
        var start = 0
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { start = 3 }
        while start < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[start]) { start += 1 }
        guard start < bytes.count else { throw .empty(path: path) }

        struct Head: Decodable {
            var format: String?
            var version: Int?
            var versionText: String?
            var sha256: String?
            enum CodingKeys: String, CodingKey { case format, version, sha256 }
            init(from decoder: any Decoder) throws {
                let c = try decoder.container(keyedBy: CodingKeys.self)
                format = try? c.decodeIfPresent(String.self, forKey: .format)
                version = try? c.decodeIfPresent(Int.self, forKey: .version)
                versionText = version == nil && c.contains(.version) ? "not a whole number" : nil
                sha256 = try? c.decodeIfPresent(String.self, forKey: .sha256)
            }
        }
        let head: Head
        do {
            head = try JSONDecoder().decode(Head.self, from: data)
        } catch {
            // Not JSON at all, or JSON cut short. A file that starts like an export was cut short.
            let prefix = Array("{\"format\":\"\(formatName)\"".utf8)
            if bytes[start...].starts(with: prefix) { throw .truncated(path: path) }
            if (try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])) != nil {
                throw .foreign(path: path)
            }
            throw .notJSON(path: path)
        }
        guard head.format == formatName else { throw .foreign(path: path) }
        guard let version = head.version else {
            throw .unsupportedVersion(path: path, version: head.versionText ?? "missing")
        }
        if version > currentVersion { throw .newerVersion(path: path, version: version) }
        guard version == currentVersion else { throw .unsupportedVersion(path: path, version: String(version)) }
        guard let expected = head.sha256?.lowercased(), expected.count == 64 else {
            throw .invalid(path: path, detail: "it has no valid \"sha256\" checksum")
        }
        guard let range = payloadRange(bytes), sha256Hex(Data(bytes[range])) == expected else {
            throw .checksumMismatch(path: path)
        }

        let payload: Payload
        do {
            payload = try JSONDecoder().decode(Payload.self, from: Data(bytes[range]))
        } catch let error as DecodingError {
            throw .invalid(path: path, detail: describe(error))
        } catch {
            throw .invalid(path: path, detail: "\(error)")
        }
        let file = try payload.model(path: path)
        try file.validate(path: path)
        return file
    }

    /// Reads and checks the file at `path`.
    public static func read(path: String) throws(ReadError) -> ExportFile {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            let reason = (error as NSError).code == NSFileReadNoSuchFileError ? "there is no such file" :
                (error as NSError).code == NSFileReadNoPermissionError ? "permission denied" : error.localizedDescription
            throw .unreadable(path: path, reason: reason)
        }
        return try decode(data, path: path)
    }

    /// The bytes of the payload object: from the first `"payload":` to the last `}` before the end.
    static func payloadRange(_ bytes: [UInt8]) -> Range<Int>? {
        let key = Array("\"payload\":".utf8)
        guard let keyStart = firstIndex(of: key, in: bytes) else { return nil }
        var end = bytes.count
        while end > 0, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[end - 1]) { end -= 1 }
        guard end > 0, bytes[end - 1] == UInt8(ascii: "}") else { return nil }
        end -= 1 // the envelope's closing brace
        let begin = keyStart + key.count
        guard begin < end else { return nil }
        return begin..<end
    }

    static func firstIndex(of needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard needle.count <= haystack.count else { return nil }
        var i = 0
        while i + needle.count <= haystack.count {
            if haystack[i] == needle[0], Array(haystack[i..<(i + needle.count)]) == needle { return i }
            i += 1
        }
        return nil
    }

    static func sha256Hex(_ data: Data) -> String {
        SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
    }

    static func describe(_ error: DecodingError) -> String {
        func path(_ context: DecodingError.Context) -> String {
            context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
        }
        switch error {
        case .keyNotFound(let key, let context):
            return "the field '\(key.stringValue)' is missing at 'payload\(path(context))'"
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
            return "an unexpected value at 'payload\(path(context))'"
        @unknown default:
            return "an unexpected value"
        }
    }

    /// Checks the records against each other: unique ids, valid names, every attempt and answer
    /// belonging to a learner (and attempt) in the file, credits between 0 and 1.
    func validate(path: String) throws(ReadError) {
        func fail(_ detail: String) -> ReadError { .invalid(path: path, detail: detail) }
        if storeID.isEmpty { throw fail("the exporting store's id is empty") }
        var learnerIDs = Set<String>(), names = Set<String>()
        for (i, learner) in learners.enumerated() {
            if learner.id.isEmpty { throw fail("learner \(i + 1) has an empty id") }
            if !learnerIDs.insert(learner.id).inserted { throw fail("two learners have the id '\(learner.id)'") }
            let name: String
            do { name = try LearnerName.validated(learner.name) } catch {
                throw fail("learner \(i + 1): \(error)")
            }
            if !names.insert(name).inserted { throw fail("two learners are called '\(name)'") }
        }
        var attemptOwner: [String: String] = [:]
        for (i, attempt) in attempts.enumerated() {
            if attempt.id.isEmpty { throw fail("attempt \(i + 1) has an empty id") }
            if attemptOwner[attempt.id] != nil { throw fail("two attempts have the id '\(attempt.id)'") }
            guard learnerIDs.contains(attempt.learnerID) else {
                throw fail("attempt '\(attempt.id)' belongs to a learner who is not in the file")
            }
            if attempt.lessonID.isEmpty { throw fail("attempt '\(attempt.id)' has an empty lesson id") }
            attemptOwner[attempt.id] = attempt.learnerID
        }
        var eventIDs = Set<String>()
        for (i, event) in events.enumerated() {
            if event.id.isEmpty { throw fail("answer \(i + 1) has an empty id") }
            if !eventIDs.insert(event.id).inserted { throw fail("two answers have the id '\(event.id)'") }
            guard learnerIDs.contains(event.learnerID) else {
                throw fail("answer '\(event.id)' belongs to a learner who is not in the file")
            }
            if let attemptID = event.attemptID, attemptOwner[attemptID] != event.learnerID {
                throw fail("answer '\(event.id)' names an attempt that is not in the file or belongs to another learner")
            }
            if event.scenarioID.isEmpty || event.questionID.isEmpty {
                throw fail("answer '\(event.id)' has an empty scenario or question id")
            }
            if !event.credit.isFinite || event.credit < 0 || event.credit > 1 {
                throw fail("answer '\(event.id)' has a credit outside 0...1")
            }
        }
    }

    // MARK: The payload as stored

    struct Payload: Codable {
        struct LearnerRecord: Codable {
            var id: String
            var name: String
            var createdAt: Int64
        }
        struct AttemptRecord: Codable {
            var id: String
            var learnerID: String
            var lessonID: String
            var startedAt: Int64
        }
        struct EventRecord: Codable {
            var id: String
            var learnerID: String
            var attemptID: String?
            var lessonID: String?
            var scenarioID: String
            var scenarioRev: Int
            var questionID: String
            var chosen: [String]
            var credit: Double
            var action: String?
            var time: Int64
            var isRepeat: Bool

            func encode(to encoder: any Encoder) throws {
                var c = encoder.container(keyedBy: CodingKeys.self)
                try c.encode(id, forKey: .id)
                try c.encode(learnerID, forKey: .learnerID)
                try c.encode(attemptID, forKey: .attemptID)
                try c.encode(lessonID, forKey: .lessonID)
                try c.encode(scenarioID, forKey: .scenarioID)
                try c.encode(scenarioRev, forKey: .scenarioRev)
                try c.encode(questionID, forKey: .questionID)
                try c.encode(chosen, forKey: .chosen)
                try c.encode(credit, forKey: .credit)
                try c.encode(action, forKey: .action)
                try c.encode(time, forKey: .time)
                try c.encode(isRepeat, forKey: .isRepeat)
            }
        }

        var store: String
        var label: String?
        var exportedAt: String
        var learners: [LearnerRecord]
        var attempts: [AttemptRecord]
        var events: [EventRecord]

        init(_ file: ExportFile) {
            store = file.storeID
            label = file.label
            exportedAt = file.exportedAt
            learners = file.learners.map { LearnerRecord(id: $0.id, name: $0.name, createdAt: $0.createdAt) }
            attempts = file.attempts.map { AttemptRecord(id: $0.id, learnerID: $0.learnerID, lessonID: $0.lessonID, startedAt: $0.startedAt) }
            events = file.events.map {
                EventRecord(id: $0.id, learnerID: $0.learnerID, attemptID: $0.attemptID, lessonID: $0.lessonID,
                            scenarioID: $0.scenarioID, scenarioRev: $0.scenarioRev, questionID: $0.questionID,
                            chosen: $0.chosen, credit: $0.credit, action: $0.action?.rawValue, time: $0.time,
                            isRepeat: $0.isRepeat)
            }
        }

        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(store, forKey: .store)
            try c.encode(label, forKey: .label)
            try c.encode(exportedAt, forKey: .exportedAt)
            try c.encode(learners, forKey: .learners)
            try c.encode(attempts, forKey: .attempts)
            try c.encode(events, forKey: .events)
        }

        func model(path: String) throws(ReadError) -> ExportFile {
            var modelEvents: [AnswerEvent] = []
            modelEvents.reserveCapacity(events.count)
            for e in events {
                var action: ActionClass?
                if let text = e.action {
                    guard let known = ActionClass(rawValue: text) else {
                        throw .invalid(path: path, detail: "answer '\(e.id)' has an unknown action '\(text)'")
                    }
                    action = known
                }
                modelEvents.append(AnswerEvent(id: e.id, learnerID: e.learnerID, attemptID: e.attemptID, lessonID: e.lessonID,
                                               scenarioID: e.scenarioID, scenarioRev: e.scenarioRev, questionID: e.questionID,
                                               chosen: e.chosen, credit: e.credit, action: action, time: e.time,
                                               isRepeat: e.isRepeat))
            }
            return ExportFile(storeID: store, label: label, exportedAt: exportedAt,
                              learners: learners.map { Learner(id: $0.id, name: $0.name, createdAt: $0.createdAt) },
                              attempts: attempts.map { Attempt(id: $0.id, learnerID: $0.learnerID, lessonID: $0.lessonID, startedAt: $0.startedAt) },
                              events: modelEvents)
        }
    }
}
