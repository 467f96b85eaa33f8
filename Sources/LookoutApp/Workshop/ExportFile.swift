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
        // Unsafe scalars a JSON encoder leaves raw (DEL, C1 and bidi controls) become \uXXXX escapes,
        // so the file can be printed (export --out -) without acting on a terminal.
        let payload = Data(TerminalText.jsonSafe(String(decoding: try encoder.encode(Payload(self)), as: UTF8.self)).utf8)
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
        case tooLarge(path: String, size: Int64)

        public var description: String {
            switch self.sanitised {
            case .tooLarge(let path, let size):
                return "'\(path)' is too large to import (\(size / (1 << 20)) MiB; the limit is \(ExportFile.maximumFileSize / (1 << 20)) MiB, about 700,000 answers); it is probably not a Lookout export file"
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

        /// The same error with the path and detail through the terminal-safe text path.
        var sanitised: ReadError {
            func s(_ text: String) -> String { TerminalText.safe(text) }
            switch self {
            case .unreadable(let path, let reason): return .unreadable(path: s(path), reason: s(reason))
            case .empty(let path): return .empty(path: s(path))
            case .notJSON(let path): return .notJSON(path: s(path))
            case .truncated(let path): return .truncated(path: s(path))
            case .foreign(let path): return .foreign(path: s(path))
            case .newerVersion(let path, let version): return .newerVersion(path: s(path), version: version)
            case .unsupportedVersion(let path, let version): return .unsupportedVersion(path: s(path), version: s(version))
            case .checksumMismatch(let path): return .checksumMismatch(path: s(path))
            case .invalid(let path, let detail): return .invalid(path: s(path), detail: s(detail))
            case .tooLarge(let path, let size): return .tooLarge(path: s(path), size: size)
            }
        }
    }

    /// The largest file `import` reads (256 MiB). The checksum is checked in a streaming pass before
    /// anything is held in memory; only a file whose checksum matches is decoded.
    public static let maximumFileSize: Int64 = 256 << 20
    /// Files up to this size are read whole and checked in memory; larger ones are streamed.
    public static let smallFileSize: Int64 = 1 << 20

    /// The envelope's fields before the payload.
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

    /// Checks format and version; returns the expected checksum (64 lower-case hex digits).
    static func checkHead(_ head: Head, path: String) throws(ReadError) -> String {
        guard head.format == formatName else { throw .foreign(path: path) }
        guard let version = head.version else {
            throw .unsupportedVersion(path: path, version: head.versionText ?? "missing")
        }
        if version > currentVersion { throw .newerVersion(path: path, version: version) }
        guard version == currentVersion else { throw .unsupportedVersion(path: path, version: String(version)) }
        guard let expected = head.sha256?.lowercased(), expected.count == 64,
              expected.utf8.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x61 && $0 <= 0x66) }) else {
            throw .invalid(path: path, detail: "it has no valid \"sha256\" checksum")
        }
        return expected
    }

    /// Reads and fully checks an export file's bytes (held in memory: for small files and tests; see
    /// ``read(path:)``). Nothing is imported here.
    public static func decode(_ data: Data, path: String) throws(ReadError) -> ExportFile {
        let bytes = [UInt8](data)
        var start = 0
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { start = 3 }
        while start < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[start]) { start += 1 }
        guard start < bytes.count else { throw .empty(path: path) }

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
        let expected = try checkHead(head, path: path)
        guard let range = payloadRange(bytes), sha256Hex(Data(bytes[range])) == expected else {
            throw .checksumMismatch(path: path)
        }
        return try decodePayload(Data(bytes[range]), path: path)
    }

    /// Decodes a payload whose checksum matched, and checks every record.
    static func decodePayload(_ data: Data, path: String) throws(ReadError) -> ExportFile {
        let payload: Payload
        do {
            payload = try JSONDecoder().decode(Payload.self, from: data)
        } catch let error as DecodingError {
            throw .invalid(path: path, detail: describe(error))
        } catch {
            throw .invalid(path: path, detail: "\(error)")
        }
        let file = try payload.model(path: path)
        try file.validate(path: path)
        return file
    }

    /// Reads and checks the file at `path`: a regular file only (a FIFO or a device is refused and
    /// never blocks), at most ``maximumFileSize`` bytes. A file larger than ``smallFileSize`` is
    /// checked as a stream: its envelope is read from the first 64 KiB, its checksum computed in 1 MiB
    /// pieces, and only when the checksum matches is the payload read and decoded. So a large damaged
    /// or forged file is refused in constant memory.
    public static func read(path: String, streamingAbove threshold: Int64 = smallFileSize) throws(ReadError) -> ExportFile {
        let file: SafeFile
        do {
            file = try SafeFile.open(path, maximumSize: maximumFileSize)
        } catch {
            switch error {
            case .tooLarge(let size): throw .tooLarge(path: path, size: size)
            default: throw .unreadable(path: path, reason: error.description)
            }
        }
        defer { file.close() }
        if file.size <= threshold {
            guard let bytes = file.readAll() else { throw .unreadable(path: path, reason: file.lastError) }
            return try decode(Data(bytes), path: path)
        }
        return try decodeStreaming(file, path: path)
    }

    /// The streaming check of a large file; see ``read(path:)``.
    static func decodeStreaming(_ file: SafeFile, path: String) throws(ReadError) -> ExportFile {
        guard let prefix = file.read(at: 0, count: 65536) else { throw .unreadable(path: path, reason: file.lastError) }
        var start = 0
        if prefix.starts(with: [0xEF, 0xBB, 0xBF]) { start = 3 }
        while start < prefix.count, [0x20, 0x09, 0x0A, 0x0D].contains(prefix[start]) { start += 1 }
        let exportPrefix = Array("{\"format\":\"\(formatName)\"".utf8)
        let looksLikeExport = prefix[start...].starts(with: exportPrefix)
        guard start < prefix.count, prefix[start] == UInt8(ascii: "{") else { throw .notJSON(path: path) }
        guard let keyStart = firstIndex(of: Array("\"payload\":".utf8), in: prefix) else {
            throw looksLikeExport ? .invalid(path: path, detail: "it has no \"payload\" in its first 64 KiB") : .foreign(path: path)
        }
        // The envelope before the payload, closed: {"format":...,"version":1,"sha256":"..."}
        var headEnd = keyStart
        while headEnd > start, [0x20, 0x09, 0x0A, 0x0D, UInt8(ascii: ",")].contains(prefix[headEnd - 1]) { headEnd -= 1 }
        let head: Head
        do {
            head = try JSONDecoder().decode(Head.self, from: Data(prefix[start..<headEnd] + [UInt8(ascii: "}")]))
        } catch {
            throw looksLikeExport ? .invalid(path: path, detail: "its header is not valid JSON") : .foreign(path: path)
        }
        let expected = try checkHead(head, path: path)
        // The payload ends before the envelope's closing brace (and any white space after it).
        let tailStart = max(0, file.size - 64)
        guard let tail = file.read(at: tailStart, count: Int(file.size - tailStart)) else {
            throw .unreadable(path: path, reason: file.lastError)
        }
        var end = tail.count
        while end > 0, [0x20, 0x09, 0x0A, 0x0D].contains(tail[end - 1]) { end -= 1 }
        guard end > 0, tail[end - 1] == UInt8(ascii: "}") else {
            throw looksLikeExport ? .truncated(path: path) : .notJSON(path: path)
        }
        let payloadStart = Int64(keyStart + "\"payload\":".utf8.count)
        let payloadEnd = tailStart + Int64(end - 1)
        guard payloadStart < payloadEnd else { throw .truncated(path: path) }
        var hasher = SHA256()
        var offset = payloadStart
        while offset < payloadEnd {
            let count = Int(min(1 << 20, payloadEnd - offset))
            guard let chunk = file.read(at: offset, count: count), chunk.count == count else {
                throw .unreadable(path: path, reason: file.lastError)
            }
            hasher.update(data: chunk)
            offset += Int64(count)
        }
        guard hex(hasher.finalize()) == expected else { throw .checksumMismatch(path: path) }
        guard let payload = file.read(at: payloadStart, count: Int(payloadEnd - payloadStart)) else {
            throw .unreadable(path: path, reason: file.lastError)
        }
        return try decodePayload(Data(payload), path: path)
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
        hex(SHA256.hash(data: data))
    }

    static func hex(_ digest: SHA256.Digest) -> String {
        digest.map { String(format: "%02x", $0) }.joined()
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

    /// The latest time accepted in a record: the year 3000, in milliseconds since 1970.
    static let latestTime: Int64 = 32_503_680_000_000

    /// Whether `text` is a UUID as Lookout writes it (8-4-4-4-12 hex digits).
    public static func isUUID(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard bytes.count == 36 else { return false }
        for (i, c) in bytes.enumerated() {
            if i == 8 || i == 13 || i == 18 || i == 23 {
                if c != UInt8(ascii: "-") { return false }
            } else if !((c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x66) || (c >= 0x41 && c <= 0x46)) {
                return false
            }
        }
        return true
    }

    /// Whether `text` is an ISO 8601 UTC or offset time with seconds, as `export` writes it.
    public static func isTimestamp(_ text: String) -> Bool {
        let b = Array(text.utf8)
        func digits(_ range: Range<Int>) -> Bool { range.upperBound <= b.count && b[range].allSatisfy { $0 >= 0x30 && $0 <= 0x39 } }
        guard b.count >= 20, b.count <= 40, digits(0..<4), b[4] == UInt8(ascii: "-"), digits(5..<7), b[7] == UInt8(ascii: "-"),
              digits(8..<10), b[10] == UInt8(ascii: "T"), digits(11..<13), b[13] == UInt8(ascii: ":"), digits(14..<16),
              b[16] == UInt8(ascii: ":"), digits(17..<19) else { return false }
        var i = 19
        if b[i] == UInt8(ascii: ".") {
            i += 1
            let first = i
            while i < b.count, b[i] >= 0x30, b[i] <= 0x39 { i += 1 }
            if i == first { return false }
        }
        guard i < b.count else { return false }
        if b[i] == UInt8(ascii: "Z") { return i + 1 == b.count }
        guard b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-") else { return false }
        return b.count == i + 6 && digits((i + 1)..<(i + 3)) && b[i + 3] == UInt8(ascii: ":") && digits((i + 4)..<(i + 6))
    }

    /// Whether `id` can be a record id: a UUID as Lookout makes them, or any id in the bank's id grammar
    /// (letters, digits, `-` and `_`, at most 128 bytes), which every UUID also fits.
    static func isRecordID(_ id: String) -> Bool { BankID.isValid(id) }

    /// Checks every field by its type (ids, times, names, the label, the export time) and the records
    /// against each other: unique ids, every attempt and answer belonging to a learner (and attempt)
    /// in the file, credits between 0 and 1. Anything else is refused, so nothing that could act on a
    /// terminal (an escape sequence in an id, a label or a date) is ever stored or printed.
    func validate(path: String) throws(ReadError) {
        func fail(_ detail: String) -> ReadError { .invalid(path: path, detail: detail) }
        func show(_ text: String) -> String { TerminalText.safe(String(text.prefix(60))) }
        guard Self.isUUID(storeID) else { throw fail("the exporting store's id '\(show(storeID))' is not a UUID") }
        guard Self.isTimestamp(exportedAt) else {
            throw fail("the export time '\(show(exportedAt))' is not a date and time such as 2026-11-29T08:15:00Z")
        }
        if let label {
            do { _ = try LearnerName.validated(label) } catch {
                throw fail("the label '\(show(label))' cannot be used: it is empty, too long, or holds control or invisible characters")
            }
        }
        func checkID(_ id: String, _ what: String) throws(ReadError) {
            guard Self.isRecordID(id) else {
                throw fail("\(what) has the id '\(show(id))', which is not a UUID (only letters, digits, '-' and '_' are allowed)")
            }
        }
        func checkBankID(_ id: String, _ what: String) throws(ReadError) {
            guard BankID.isValid(id) else {
                throw fail("\(what) '\(show(id))' is not an id of the scenario bank (letters, digits, '-' and '_')")
            }
        }
        func checkTime(_ time: Int64, _ what: String) throws(ReadError) {
            guard (0...Self.latestTime).contains(time) else { throw fail("\(what) has an impossible time (\(time))") }
        }
        var learnerIDs = Set<String>(), names = Set<String>()
        for (i, learner) in learners.enumerated() {
            try checkID(learner.id, "learner \(i + 1)")
            if !learnerIDs.insert(learner.id).inserted { throw fail("two learners have the id '\(learner.id)'") }
            try checkTime(learner.createdAt, "learner \(i + 1)")
            let name: String
            do { name = try LearnerName.validated(learner.name) } catch {
                throw fail("learner \(i + 1): \(error)")
            }
            if !names.insert(name).inserted { throw fail("two learners are called '\(name)'") }
        }
        var attemptOwner: [String: String] = [:]
        for (i, attempt) in attempts.enumerated() {
            try checkID(attempt.id, "attempt \(i + 1)")
            if attemptOwner[attempt.id] != nil { throw fail("two attempts have the id '\(attempt.id)'") }
            guard learnerIDs.contains(attempt.learnerID) else {
                throw fail("attempt '\(attempt.id)' belongs to a learner who is not in the file")
            }
            try checkBankID(attempt.lessonID, "attempt '\(attempt.id)': the lesson")
            try checkTime(attempt.startedAt, "attempt '\(attempt.id)'")
            attemptOwner[attempt.id] = attempt.learnerID
        }
        var eventIDs = Set<String>()
        for (i, event) in events.enumerated() {
            try checkID(event.id, "answer \(i + 1)")
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
            if let lessonID = event.lessonID { try checkBankID(lessonID, "answer '\(event.id)': the lesson") }
            try checkBankID(event.scenarioID, "answer '\(event.id)': the scenario")
            try checkBankID(event.questionID, "answer '\(event.id)': the question")
            if event.chosen.count > 256 { throw fail("answer '\(event.id)' chooses more than 256 options") }
            for option in event.chosen { try checkBankID(option, "answer '\(event.id)': the option") }
            if !(0...1_000_000).contains(event.scenarioRev) {
                throw fail("answer '\(event.id)' has an impossible scenario revision (\(event.scenarioRev))")
            }
            try checkTime(event.time, "answer '\(event.id)'")
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
                        throw .invalid(path: path, detail: "answer '\(TerminalText.safe(e.id))' has an unknown action '\(TerminalText.safe(String(text.prefix(60))))'")
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
