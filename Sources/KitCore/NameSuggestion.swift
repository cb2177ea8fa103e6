/// "Did you mean …?" for a name that is not one of the known ones: kit's one rule for
/// suggesting the closest command, option, resource, field or kustomization key.
///
/// A candidate is close when its edit distance to the word (insertions, deletions,
/// substitutions and swaps of two neighbouring characters each count one, letter case
/// ignored) is at most `defaultLimit(for:)` — one edit per three characters of the word,
/// at least one and at most three — or, failing that, when it starts with the word (two
/// characters or more: `vers` → `version`). The closest wins; between equally close ones,
/// the earlier candidate. Nothing is suggested when nothing is close: a far-fetched
/// suggestion misleads more than none.
public enum NameSuggestion {
    /// The candidate closest to `word`, or nil when none is close enough.
    /// `limit` overrides the largest edit distance that counts as close.
    public static func closest<S: Sequence>(to word: String, among candidates: S, limit: Int? = nil) -> String?
    where S.Element == String {
        let typed = Array(word.lowercased().unicodeScalars)
        guard !typed.isEmpty else { return nil }
        let limit = limit ?? defaultLimit(for: typed.count)
        var best: (score: Int, name: String)? = nil
        for candidate in candidates where candidate != word {
            let known = Array(candidate.lowercased().unicodeScalars)
            var score = distance(typed, known, limit: limit)
            if score > limit {
                guard typed.count >= 2, known.starts(with: typed) else { continue }
                score = limit + 1  // a prefix: only when nothing is closer
            }
            if best == nil || score < best!.score { best = (score, candidate) }
        }
        return best?.name
    }

    /// `"; did you mean 'render'?"` (with `quote` around the name), or `""` when nothing is
    /// close: ready to append to a message.
    public static func hint<S: Sequence>(for word: String, among candidates: S, quote: Character = "'") -> String
    where S.Element == String {
        guard let name = closest(to: word, among: candidates) else { return "" }
        return "; did you mean \(quote)\(name)\(quote)?"
    }

    /// The largest edit distance that still counts as a typo of a word of `length` characters.
    public static func defaultLimit(for length: Int) -> Int {
        max(1, min(3, length / 3))
    }

    /// Edit distance with adjacent transpositions (optimal string alignment), or `limit + 1`
    /// as soon as it is certainly above `limit`.
    public static func distance(_ a: String, _ b: String, limit: Int = Int.max - 1) -> Int {
        distance(Array(a.unicodeScalars), Array(b.unicodeScalars), limit: limit)
    }

    static func distance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar], limit: Int) -> Int {
        if abs(a.count - b.count) > limit { return limit + 1 }
        if a.isEmpty || b.isEmpty { return max(a.count, b.count) }
        // Three rows of the dynamic-programming table: two back (for swaps), one back, current.
        var beforePrevious = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            var rowMinimum = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var d = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    d = min(d, beforePrevious[j - 2] + 1)
                }
                current[j] = d
                rowMinimum = min(rowMinimum, d)
            }
            if rowMinimum > limit { return limit + 1 }
            (beforePrevious, previous, current) = (previous, current, beforePrevious)
        }
        return min(previous[b.count], limit + 1)
    }
}
