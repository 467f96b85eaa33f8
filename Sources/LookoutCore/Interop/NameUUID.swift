/// Name-based UUIDs (RFC 9562 version 5: SHA-1 of a namespace and a name), so that a statement that has
/// no stored UUID of its own (a lesson's `completed`, `passed` or `failed`) still gets the same id every
/// time it is made, and a learner gets the same pseudonym on every export and sync.
public enum NameUUID {
    /// Lookout's namespace for its name-based UUIDs (a random UUID, fixed forever).
    public static let lookoutNamespace = "3b0f6c2e-8f1d-4a6b-9c55-2d7e1a9b4f60"

    /// The version-5 UUID of `name` in `namespace` (a UUID string), lower case.
    public static func v5(namespace: String = lookoutNamespace, _ name: String) -> String {
        let ns = bytes(of: namespace) ?? bytes(of: lookoutNamespace)!
        var digest = SHA1.hash(ns + Array(name.utf8))
        digest[6] = (digest[6] & 0x0F) | 0x50
        digest[8] = (digest[8] & 0x3F) | 0x80
        return format(Array(digest.prefix(16)))
    }

    /// Whether `text` is a UUID in the 8-4-4-4-12 hex form.
    public static func isUUID(_ text: String) -> Bool { bytes(of: text) != nil }

    /// The 16 bytes of a UUID string, or nil.
    static func bytes(of text: String) -> [UInt8]? {
        let utf8 = Array(text.utf8)
        guard utf8.count == 36 else { return nil }
        var out: [UInt8] = []
        out.reserveCapacity(16)
        var i = 0
        while i < 36 {
            if i == 8 || i == 13 || i == 18 || i == 23 {
                guard utf8[i] == UInt8(ascii: "-") else { return nil }
                i += 1
                continue
            }
            guard let hi = hex(utf8[i]), let lo = hex(utf8[i + 1]) else { return nil }
            out.append(hi << 4 | lo)
            i += 2
        }
        return out
    }

    static func hex(_ c: UInt8) -> UInt8? {
        switch c {
        case 0x30...0x39: return c - 0x30
        case 0x61...0x66: return c - 0x61 + 10
        case 0x41...0x46: return c - 0x41 + 10
        default: return nil
        }
    }

    static func format(_ b: [UInt8]) -> String {
        let digits = Array("0123456789abcdef")
        var out = ""
        for (i, byte) in b.enumerated() {
            if [4, 6, 8, 10].contains(i) { out += "-" }
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return out
    }
}

/// SHA-1 (FIPS 180-4), only for name-based UUIDs (RFC 9562 fixes SHA-1 for version 5). Not for anything
/// secret. Checked in the tests against the FIPS examples and swift-crypto's Insecure.SHA1.
public enum SHA1 {
    public static func hash(_ message: [UInt8]) -> [UInt8] {
        var h: [UInt32] = [0x67452301, 0xEFCDAB89, 0x98BADCFE, 0x10325476, 0xC3D2E1F0]
        var data = message
        let bitLength = UInt64(message.count) &* 8
        data.append(0x80)
        while data.count % 64 != 56 { data.append(0) }
        for shift in stride(from: 56, through: 0, by: -8) { data.append(UInt8(truncatingIfNeeded: bitLength >> UInt64(shift))) }
        var w = [UInt32](repeating: 0, count: 80)
        for chunk in stride(from: 0, to: data.count, by: 64) {
            for t in 0..<16 {
                let j = chunk + t * 4
                w[t] = UInt32(data[j]) << 24 | UInt32(data[j + 1]) << 16 | UInt32(data[j + 2]) << 8 | UInt32(data[j + 3])
            }
            for t in 16..<80 { w[t] = rotl(w[t - 3] ^ w[t - 8] ^ w[t - 14] ^ w[t - 16], 1) }
            var a = h[0], b = h[1], c = h[2], d = h[3], e = h[4]
            for t in 0..<80 {
                let f: UInt32, k: UInt32
                switch t {
                case 0..<20: f = (b & c) | (~b & d); k = 0x5A827999
                case 20..<40: f = b ^ c ^ d; k = 0x6ED9EBA1
                case 40..<60: f = (b & c) | (b & d) | (c & d); k = 0x8F1BBCDC
                default: f = b ^ c ^ d; k = 0xCA62C1D6
                }
                let temp = rotl(a, 5) &+ f &+ e &+ k &+ w[t]
                e = d; d = c; c = rotl(b, 30); b = a; a = temp
            }
            h[0] = h[0] &+ a; h[1] = h[1] &+ b; h[2] = h[2] &+ c; h[3] = h[3] &+ d; h[4] = h[4] &+ e
        }
        var out: [UInt8] = []
        for word in h { for shift in stride(from: 24, through: 0, by: -8) { out.append(UInt8(truncatingIfNeeded: word >> UInt32(shift))) } }
        return out
    }

    static func rotl(_ x: UInt32, _ n: UInt32) -> UInt32 { (x << n) | (x >> (32 - n)) }
}
