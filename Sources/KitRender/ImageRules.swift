/// The `images:` rules of one kustomization with their name patterns compiled, indexed so
/// that an image reference is tested only against rules that could match it. Without the
/// index every reference meets every rule, and trees with many images grow quadratically.
struct ImageRules {
    let rules: [ImageArgs]
    let patterns: [NamePattern.Image]
    /// Rules that are regular expressions (or not ASCII): tested against every reference.
    private var testedAlways: [Int] = []
    /// Plain-name rules by the length of the name and its last few literal bytes.
    private var byKey: [Key: [Int]] = [:]
    /// For each name length, the tail lengths used in keys of that length.
    private var tailLengths: [Int: Set<Int>] = [:]

    private struct Key: Hashable {
        var length: Int
        var tail: [UInt8]
    }

    /// Bytes of a name's literal tail used in keys: enough to tell most names apart.
    private static let maxTail = 8

    init(_ rules: [ImageArgs]) {
        self.rules = rules
        patterns = rules.map { NamePattern.Image(name: $0.name) }
        for (i, pattern) in patterns.enumerated() {
            guard let bytes = pattern.simpleASCII else {
                testedAlways.append(i)
                continue
            }
            // `.` matches any byte, so only the bytes after the last `.` can be compared.
            var tail = 0
            while tail < min(bytes.count, Self.maxTail) && bytes[bytes.count - 1 - tail] != UInt8(ascii: ".") { tail += 1 }
            byKey[Key(length: bytes.count, tail: Array(bytes.suffix(tail))), default: []].append(i)
            tailLengths[bytes.count, default: []].insert(tail)
        }
    }

    /// The first rule at or after `start` whose name matches `reference`.
    func firstMatch(_ reference: String, from start: Int) -> Int? {
        candidates(reference).first { $0 >= start && patterns[$0].matches(reference) }
    }

    /// Indexes of rules that may match, ascending: a plain name can only match the part of a
    /// reference before a `:` tag, an `@` digest, or the end.
    private func candidates(_ reference: String) -> [Int] {
        let bytes = Array(reference.utf8)
        guard bytes.allSatisfy({ $0 < 0x80 }) else { return Array(rules.indices) }
        var result = testedAlways
        func add(length: Int) {
            for tail in tailLengths[length] ?? [] {
                if let found = byKey[Key(length: length, tail: Array(bytes[(length - tail)..<length]))] { result += found }
            }
        }
        add(length: bytes.count)
        for (p, b) in bytes.enumerated() where b == UInt8(ascii: ":") || b == UInt8(ascii: "@") { add(length: p) }
        return Array(Set(result)).sorted()
    }
}
