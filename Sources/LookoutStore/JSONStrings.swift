/// A small, fast codec for the one JSON shape the store writes: an array of strings
/// (`answer_events.chosen`, e.g. `["a","c"]`). JSONEncoder/JSONDecoder would do, but reading a
/// million events goes through this, and it is ten times faster.
enum JSONStrings {
    static func encode(_ strings: [String]) -> String {
        var out = "["
        for (i, s) in strings.enumerated() {
            if i > 0 { out += "," }
            out += "\""
            for scalar in s.unicodeScalars {
                switch scalar {
                case "\"": out += "\\\""
                case "\\": out += "\\\\"
                case "\n": out += "\\n"
                case "\r": out += "\\r"
                case "\t": out += "\\t"
                default:
                    if scalar.value < 0x20 {
                        let hex = String(scalar.value, radix: 16)
                        out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                    } else {
                        out.unicodeScalars.append(scalar)
                    }
                }
            }
            out += "\""
        }
        out += "]"
        return out
    }

    /// The strings of a JSON array of strings, or nil if `text` is anything else.
    static func decode(_ text: String) -> [String]? {
        var text = text
        return text.withUTF8 { decode(bytes: $0) }
    }

    private static func decode(bytes b: UnsafeBufferPointer<UInt8>) -> [String]? {
        var i = 0
        let n = b.count
        func skipSpace() { while i < n, b[i] == 0x20 || b[i] == 0x0A || b[i] == 0x0D || b[i] == 0x09 { i += 1 } }
        func hex4() -> UInt32? {
            guard i + 4 <= n else { return nil }
            var v: UInt32 = 0
            for k in 0..<4 {
                let c = b[i + k]
                let d: UInt32
                switch c {
                case 0x30...0x39: d = UInt32(c - 0x30)
                case 0x41...0x46: d = UInt32(c - 0x41 + 10)
                case 0x61...0x66: d = UInt32(c - 0x61 + 10)
                default: return nil
                }
                v = v << 4 | d
            }
            i += 4
            return v
        }
        skipSpace()
        guard i < n, b[i] == UInt8(ascii: "[") else { return nil }
        i += 1
        var result: [String] = []
        skipSpace()
        if i < n, b[i] == UInt8(ascii: "]") {
            i += 1
            skipSpace()
            return i == n ? result : nil
        }
        while true {
            skipSpace()
            guard i < n, b[i] == UInt8(ascii: "\"") else { return nil }
            i += 1
            var utf8: [UInt8] = []
            var plainStart = i
            var usedScalars = false
            // Fast path: copy runs of plain bytes; fall back to scalar building at escapes.
            while true {
                guard i < n else { return nil }
                let c = b[i]
                if c == UInt8(ascii: "\"") { break }
                if c < 0x20 { return nil }
                if c != UInt8(ascii: "\\") { i += 1; continue }
                // An escape: flush the plain run.
                utf8.append(contentsOf: b[plainStart..<i])
                i += 1
                guard i < n else { return nil }
                let e = b[i]
                i += 1
                switch e {
                case UInt8(ascii: "\""): utf8.append(0x22)
                case UInt8(ascii: "\\"): utf8.append(0x5C)
                case UInt8(ascii: "/"): utf8.append(0x2F)
                case UInt8(ascii: "b"): utf8.append(0x08)
                case UInt8(ascii: "f"): utf8.append(0x0C)
                case UInt8(ascii: "n"): utf8.append(0x0A)
                case UInt8(ascii: "r"): utf8.append(0x0D)
                case UInt8(ascii: "t"): utf8.append(0x09)
                case UInt8(ascii: "u"):
                    guard var v = hex4() else { return nil }
                    if (0xD800...0xDBFF).contains(v) {
                        guard i + 2 <= n, b[i] == UInt8(ascii: "\\"), b[i + 1] == UInt8(ascii: "u") else { return nil }
                        i += 2
                        guard let low = hex4(), (0xDC00...0xDFFF).contains(low) else { return nil }
                        v = 0x10000 + ((v - 0xD800) << 10) + (low - 0xDC00)
                    } else if (0xDC00...0xDFFF).contains(v) {
                        return nil
                    }
                    guard let scalar = Unicode.Scalar(v) else { return nil }
                    utf8.append(contentsOf: Array(String(Character(scalar)).utf8))
                default:
                    return nil
                }
                plainStart = i
                usedScalars = true
            }
            let piece: String
            if usedScalars {
                utf8.append(contentsOf: b[plainStart..<i])
                piece = String(decoding: utf8, as: UTF8.self)
            } else {
                piece = String(decoding: UnsafeBufferPointer(rebasing: b[plainStart..<i]), as: UTF8.self)
            }
            result.append(piece)
            i += 1 // closing quote
            skipSpace()
            guard i < n else { return nil }
            if b[i] == UInt8(ascii: ",") { i += 1; continue }
            if b[i] == UInt8(ascii: "]") {
                i += 1
                skipSpace()
                return i == n ? result : nil
            }
            return nil
        }
    }
}
