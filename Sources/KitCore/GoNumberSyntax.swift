/// The number syntaxes of Go's `strconv`, which decide how kustomize (go-yaml v3) reads
/// plain YAML scalars. Only what scalar resolution needs.
enum GoNumberSyntax {
    enum IntResult: Equatable {
        case value(UInt64)
        case outOfRange
        case invalid
    }

    /// `strconv.ParseUint(s, 0, 64)`: base prefixes `0x`, `0o`, `0b` (each needs at least one
    /// digit after it), a leading `0` meaning octal, no sign, no underscores (the caller has
    /// already removed them). Overflow is reported as soon as it happens, as Go does.
    static func parseUnsigned(_ s: Substring.UTF8View) -> IntResult {
        guard !s.isEmpty else { return .invalid }
        var digits = s[...]
        var base: UInt64 = 10
        if digits.first == UInt8(ascii: "0") {
            let rest = digits.dropFirst()
            if digits.count >= 3, let p = rest.first {
                switch p | 0x20 {
                case UInt8(ascii: "x"): base = 16; digits = rest.dropFirst()
                case UInt8(ascii: "o"): base = 8; digits = rest.dropFirst()
                case UInt8(ascii: "b"): base = 2; digits = rest.dropFirst()
                default: base = 8; digits = rest
                }
            } else {
                base = 8
                digits = rest
            }
        }
        var n: UInt64 = 0
        for c in digits {
            let d: UInt64
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): d = UInt64(c - 48)
            case UInt8(ascii: "a")...UInt8(ascii: "z"): d = UInt64(c - 97 + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): d = UInt64(c - 65 + 10)
            default: return .invalid
            }
            if d >= base { return .invalid }
            let (m, o1) = n.multipliedReportingOverflow(by: base)
            if o1 { return .outOfRange }
            let (a, o2) = m.addingReportingOverflow(d)
            if o2 { return .outOfRange }
            n = a
        }
        return .value(n)
    }

    enum SignedResult: Equatable {
        case value(Int64)
        case outOfRange
        case invalid
    }

    /// `strconv.ParseInt(s, 0, 64)`: an optional sign, then `parseUnsigned`'s syntax.
    static func parseSigned(_ s: Substring.UTF8View) -> SignedResult {
        var rest = s[...]
        var negative = false
        if let c = rest.first, c == UInt8(ascii: "+") || c == UInt8(ascii: "-") {
            negative = c == UInt8(ascii: "-")
            rest = rest.dropFirst()
            if rest.isEmpty { return .invalid }
        }
        switch parseUnsigned(rest) {
        case .invalid: return .invalid
        case .outOfRange: return .outOfRange
        case .value(let u):
            if negative {
                if u > UInt64(Int64.max) + 1 { return .outOfRange }
                return .value(u == UInt64(Int64.max) + 1 ? Int64.min : -Int64(u))
            }
            if u > UInt64(Int64.max) { return .outOfRange }
            return .value(Int64(u))
        }
    }

    /// go-yaml's `yamlStyleFloat`: `^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$`.
    static func isYAMLStyleFloat(_ s: Substring.UTF8View) -> Bool {
        var i = s.startIndex
        func isDigit(_ c: UInt8) -> Bool { c >= 48 && c <= 57 }
        if i < s.endIndex, s[i] == UInt8(ascii: "+") || s[i] == UInt8(ascii: "-") { i = s.index(after: i) }
        guard i < s.endIndex else { return false }
        if s[i] == UInt8(ascii: ".") {
            i = s.index(after: i)
            let start = i
            while i < s.endIndex, isDigit(s[i]) { i = s.index(after: i) }
            if i == start { return false }
        } else {
            let start = i
            while i < s.endIndex, isDigit(s[i]) { i = s.index(after: i) }
            if i == start { return false }
            if i < s.endIndex, s[i] == UInt8(ascii: ".") {
                i = s.index(after: i)
                while i < s.endIndex, isDigit(s[i]) { i = s.index(after: i) }
            }
        }
        if i < s.endIndex, s[i] == UInt8(ascii: "e") || s[i] == UInt8(ascii: "E") {
            i = s.index(after: i)
            if i < s.endIndex, s[i] == UInt8(ascii: "+") || s[i] == UInt8(ascii: "-") { i = s.index(after: i) }
            let start = i
            while i < s.endIndex, isDigit(s[i]) { i = s.index(after: i) }
            if i == start { return false }
        }
        return i == s.endIndex
    }

    /// `strconv.ParseFloat(s, 64)` for a decimal literal: nil on bad syntax or overflow
    /// (Go reports ±Inf with ErrRange; underflow to zero is not an error).
    /// Underscores are accepted only between digits, as Go's `underscoreOK` allows.
    static func parseDecimalFloat(_ s: Substring) -> Double? {
        var cleaned = ""
        var previous: Character? = nil
        let chars = Array(s)
        for (i, c) in chars.enumerated() {
            if c == "_" {
                guard let p = previous, p.isASCII, p.isNumber,
                    i + 1 < chars.count, chars[i + 1].isASCII, chars[i + 1].isNumber
                else { return nil }
            } else {
                cleaned.append(c)
            }
            previous = c
        }
        guard isYAMLStyleFloat(Substring(cleaned).utf8) else { return nil }
        guard let d = Double(cleaned), d.isFinite else { return nil }
        return d
    }
}
