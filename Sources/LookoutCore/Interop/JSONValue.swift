/// A JSON value built in memory and written with sorted keys, so the same value always gives the same
/// bytes (xAPI statements, `lookout export --format xapi`). Pure Swift: LookoutCore has no Foundation.
public indirect enum JSONValue: Sendable, Hashable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])
    /// JSON text made earlier by ``serialized``, written as it is: a part shared by many values (an
    /// activity, an actor) is serialized once.
    case serializedJSON(String)

    /// The value with its text made now, for sharing (see ``serializedJSON(_:)``).
    public var frozen: JSONValue { .serializedJSON(serialized) }

    /// Compact JSON text: keys sorted by their UTF-8 bytes, no spaces, only `"`, `\` and control
    /// characters escaped (so Khmer stays readable). Whole numbers are written without a fraction.
    public var serialized: String {
        var out = ""
        write(to: &out)
        return out
    }

    public subscript(key: String) -> JSONValue? {
        if case .object(let members) = self { return members[key] }
        return nil
    }

    func write(to out: inout String) {
        switch self {
        case .serializedJSON(let text): out += text
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .number(let n): out += Self.number(n)
        case .string(let s): Self.string(s, to: &out)
        case .array(let items):
            out += "["
            for (i, item) in items.enumerated() {
                if i > 0 { out += "," }
                item.write(to: &out)
            }
            out += "]"
        case .object(let members):
            out += "{"
            for (i, key) in members.keys.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }).enumerated() {
                if i > 0 { out += "," }
                Self.string(key, to: &out)
                out += ":"
                members[key]!.write(to: &out)
            }
            out += "}"
        }
    }

    static func number(_ n: Double) -> String {
        guard n.isFinite else { return "null" }
        if n == n.rounded(), abs(n) < 9_007_199_254_740_992 { return String(Int64(n)) }
        return "\(n)"
    }

    static func needsEscape(_ s: String) -> Bool {
        s.unicodeScalars.contains { $0 == "\"" || $0 == "\\" || TerminalText.isUnsafe($0) }
    }

    static func string(_ s: String, to out: inout String) {
        out += "\""
        // Most strings need no escape: append them whole.
        if !s.utf8.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C || $0 >= 0x7F }) || !needsEscape(s) {
            out += s
            out += "\""
            return
        }
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                // Controls and bidirectional formatting characters (``TerminalText/isUnsafe(_:)``) as
                // \u escapes: the data stays exact and nothing in it acts on a terminal.
                if TerminalText.isUnsafe(scalar) {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        out += "\""
    }
}
