import KitCore

/// A Go regular expression as kustomize uses them for names (patch targets, image names),
/// compiled once. Most such patterns are plain names where only `.` is special; those are
/// matched directly, the rest by Swift's regex engine.
struct NamePattern {
    private enum Compiled {
        /// Literal characters; `.` matches any character but a line break.
        case simple([Character])
        case regex(Regex<AnyRegexOutput>)
    }

    private let compiled: Compiled

    /// The one string the pattern matches, when it has no special characters at all.
    let literal: String?

    static let metacharacters: Set<Character> = ["\\", "^", "$", "*", "+", "?", "(", ")", "[", "]", "{", "}", "|"]

    /// A pattern that must match a whole string.
    init(wholeMatch pattern: String) throws {
        if pattern.contains(where: { NamePattern.metacharacters.contains($0) }) {
            literal = nil
            do {
                compiled = .regex(try Regex("^(?:" + pattern + ")$"))
            } catch {
                throw KitError("invalid regular expression \"\(pattern)\" in a target selector")
            }
        } else {
            compiled = .simple(Array(pattern))
            literal = pattern.contains(".") ? nil : pattern
        }
    }

    func matches(_ text: String) -> Bool {
        switch compiled {
        case .simple(let pattern): return NamePattern.matchesPrefix(pattern, Array(text)) == text.count
        case .regex(let re): return text.wholeMatch(of: re) != nil
        }
    }

    /// Length of `text`'s prefix matched by a simple pattern, or nil.
    static func matchesPrefix(_ pattern: [Character], _ text: [Character]) -> Int? {
        guard text.count >= pattern.count else { return nil }
        for (p, c) in zip(pattern, text) where p != c {
            if p == "." && c != "\n" { continue }
            return nil
        }
        return pattern.count
    }

    /// kustomize's image-name test `^NAME(:[tag]*)?(@sha256:[tag]*)?$`, with NAME a regex.
    struct Image {
        private let simple: [Character]?
        /// The name's bytes when it is a plain ASCII name (only `.` is special).
        let simpleASCII: [UInt8]?
        private let regex: Regex<AnyRegexOutput>?

        init(name: String) {
            if name.contains(where: { NamePattern.metacharacters.contains($0) }) {
                simple = nil
                simpleASCII = nil
                regex = try? Regex("^" + name + "(:[a-zA-Z0-9_.{}-]*)?(@sha256:[a-zA-Z0-9_.{}-]*)?$")
            } else {
                simple = Array(name)
                simpleASCII = name.utf8.allSatisfy({ $0 < 0x80 }) ? Array(name.utf8) : nil
                regex = nil
            }
        }

        func matches(_ reference: String) -> Bool {
            if let regex { return reference.wholeMatch(of: regex) != nil }
            if let pattern = simpleASCII, reference.utf8.allSatisfy({ $0 < 0x80 }) {
                return Image.matchesASCII(pattern, Array(reference.utf8))
            }
            guard let simple else { return false }
            let chars = Array(reference)
            guard let n = NamePattern.matchesPrefix(simple, chars) else { return false }
            var rest = chars[n...]
            func isTagChar(_ c: Character) -> Bool {
                c.isASCII && (c.isLetter || c.isNumber || "_.{}-".contains(c))
            }
            if rest.first == ":" {
                rest = rest.dropFirst()
                while let c = rest.first, isTagChar(c) { rest = rest.dropFirst() }
            }
            if rest.starts(with: Array("@sha256:")) {
                rest = rest.dropFirst(8)
                while let c = rest.first, isTagChar(c) { rest = rest.dropFirst() }
            }
            return rest.isEmpty
        }

        /// The same test on ASCII bytes (the usual case, and much cheaper).
        static func matchesASCII(_ pattern: [UInt8], _ text: [UInt8]) -> Bool {
            guard text.count >= pattern.count else { return false }
            for i in pattern.indices where pattern[i] != text[i] {
                if pattern[i] == UInt8(ascii: ".") && text[i] != 10 { continue }
                return false
            }
            var i = pattern.count
            func isTagByte(_ c: UInt8) -> Bool {
                (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122)
                    || c == UInt8(ascii: "_") || c == UInt8(ascii: ".") || c == UInt8(ascii: "{")
                    || c == UInt8(ascii: "}") || c == UInt8(ascii: "-")
            }
            if i < text.count && text[i] == UInt8(ascii: ":") {
                i += 1
                while i < text.count && isTagByte(text[i]) { i += 1 }
            }
            let digest = Array("@sha256:".utf8)
            if text.count - i >= digest.count && Array(text[i..<(i + digest.count)]) == digest {
                i += digest.count
                while i < text.count && isTagByte(text[i]) { i += 1 }
            }
            return i == text.count
        }
    }
}
