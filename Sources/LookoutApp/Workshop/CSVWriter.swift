import Foundation

/// Writes CSV as RFC 4180 asks: records end in CRLF; a field holding a comma, a double quote, CR or LF
/// is enclosed in double quotes, with each double quote inside doubled. Text is UTF-8, so names in
/// Khmer or any other script come through unchanged.
///
/// One addition for safety: a *text* field (a name or a title, never a number) that starts with `=`,
/// `+`, `-`, `@`, a tab or CR gets a leading `'`, so a spreadsheet opening the file shows it as text
/// instead of running it as a formula (OWASP "CSV injection").
public struct CSVWriter: Sendable {
    public enum Field: Sendable, Hashable {
        /// Text from people or the bank: guarded against formula injection.
        case text(String)
        /// A figure written by Lookout (a number, an id, an empty cell): written as it is.
        case raw(String)
    }

    public private(set) var output = ""

    public init(byteOrderMark: Bool = false) {
        if byteOrderMark { output = "\u{FEFF}" }
    }

    public mutating func header(_ names: [String]) {
        record(names.map { .raw($0) })
    }

    public mutating func record(_ fields: [Field]) {
        output += fields.map(Self.encode).joined(separator: ",")
        output += "\r\n"
    }

    public static func encode(_ field: Field) -> String {
        var value: String
        switch field {
        case .raw(let s):
            value = s
        case .text(let s):
            value = s
            if let first = s.unicodeScalars.first, ["=", "+", "-", "@", "\t", "\r"].contains(first) {
                value = "'" + s
            }
        }
        let needsQuotes = value.unicodeScalars.contains { $0 == "," || $0 == "\"" || $0 == "\r" || $0 == "\n" }
        guard needsQuotes else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
