/// A place in a bank file.
///
/// Lines and columns are 1-based. A column counts Unicode scalars (code points)
/// from the start of the line; a UTF-8 byte-order mark is not counted.
public struct SourceLocation: Hashable, Sendable, Codable, Comparable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int

    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    public var description: String { "\(file):\(line):\(column)" }

    public static func < (a: SourceLocation, b: SourceLocation) -> Bool {
        if a.file != b.file { return a.file < b.file }
        if a.line != b.line { return a.line < b.line }
        return a.column < b.column
    }
}

/// How serious a problem is: errors make the bank unusable, warnings are advice.
public enum Severity: String, Sendable, Codable {
    case error
    case warning
}

/// One problem found in the bank, with an optional list of related places.
public struct Diagnostic: Hashable, Sendable, Codable, CustomStringConvertible {
    public struct Note: Hashable, Sendable, Codable {
        public var location: SourceLocation
        public var message: String
        public init(location: SourceLocation, message: String) {
            self.location = location
            self.message = message
        }
    }

    public var severity: Severity
    /// A stable code such as `E021`, documented in `Scenarios/FORMAT.md`.
    public var code: String
    public var location: SourceLocation
    public var message: String
    public var notes: [Note]

    public init(_ severity: Severity, _ code: String, at location: SourceLocation, _ message: String, notes: [Note] = []) {
        self.severity = severity
        self.code = code
        self.location = location
        self.message = message
        self.notes = notes
    }

    public static func error(_ code: String, at location: SourceLocation, _ message: String, notes: [Note] = []) -> Diagnostic {
        Diagnostic(.error, code, at: location, message, notes: notes)
    }

    public static func warning(_ code: String, at location: SourceLocation, _ message: String, notes: [Note] = []) -> Diagnostic {
        Diagnostic(.warning, code, at: location, message, notes: notes)
    }

    /// The diagnostic as the checker prints it: `path:line:column: error[CODE]: message`,
    /// followed by one `path:line:column: note: ...` line per note.
    public var description: String {
        var text = "\(location): \(severity.rawValue)[\(code)]: \(message)"
        for note in notes {
            text += "\n\(note.location): note: \(note.message)"
        }
        return text
    }
}

extension Array where Element == Diagnostic {
    public var errorCount: Int { lazy.filter { $0.severity == .error }.count }
    public var warningCount: Int { lazy.filter { $0.severity == .warning }.count }
    public var hasErrors: Bool { contains { $0.severity == .error } }

    /// Sorted by file, line, column, then code, so output is stable.
    public func sortedByLocation() -> [Diagnostic] {
        sorted { a, b in
            if a.location != b.location { return a.location < b.location }
            return a.code < b.code
        }
    }
}
