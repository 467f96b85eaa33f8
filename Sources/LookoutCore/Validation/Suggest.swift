/// "Did you mean" suggestions by edit distance.
public enum Suggest {
    /// The closest candidate within a small edit distance, or nil.
    public static func closest(to word: String, in candidates: some Sequence<String>) -> String? {
        let a = Array(word.unicodeScalars)
        if a.isEmpty { return nil }
        let limit = max(2, a.count / 3)
        var best: (String, Int)?
        for candidate in candidates where candidate != word {
            let b = Array(candidate.unicodeScalars)
            if abs(a.count - b.count) > limit { continue }
            let d = distance(a, b, limit: limit)
            if d <= limit, best == nil || d < best!.1 { best = (candidate, d) }
        }
        return best?.0
    }

    /// Levenshtein distance, stopping early once it exceeds `limit`.
    static func distance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar], limit: Int) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            var rowMin = current[0]
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                rowMin = min(rowMin, current[j])
            }
            if rowMin > limit { return limit + 1 }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
