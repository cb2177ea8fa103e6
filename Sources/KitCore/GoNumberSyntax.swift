/// The number syntaxes of Go's `strconv`, which decide how kustomize (go-yaml v3) reads plain
/// YAML scalars and how kubectl reads integer flags.
public enum GoNumberSyntax {
    public enum IntResult: Equatable, Sendable {
        case value(UInt64)
        case outOfRange
        case invalid
    }

    /// `strconv.ParseUint(s, 0, bits)`: base prefixes `0x`, `0o`, `0b` (each needs at least one
    /// digit after it), a leading `0` meaning octal, no sign, `_` only between digits (Go's
    /// `underscoreOK`). Overflow is reported as soon as it happens, as Go does, so a later bad
    /// character is not seen.
    public static func parseUnsigned<C: Collection>(_ s: C, bits: Int = 64) -> IntResult where C.Element == UInt8 {
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
        let maxValue: UInt64 = bits >= 64 ? UInt64.max : (UInt64(1) << UInt64(bits)) - 1
        var n: UInt64 = 0
        var underscores = false
        for c in digits {
            let d: UInt64
            switch c {
            case UInt8(ascii: "_"):
                underscores = true
                continue
            case UInt8(ascii: "0")...UInt8(ascii: "9"): d = UInt64(c - 48)
            case UInt8(ascii: "a")...UInt8(ascii: "z"): d = UInt64(c - 97 + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): d = UInt64(c - 65 + 10)
            default: return .invalid
            }
            if d >= base { return .invalid }
            let (m, o1) = n.multipliedReportingOverflow(by: base)
            let (a, o2) = m.addingReportingOverflow(d)
            if o1 || o2 || a > maxValue { return .outOfRange }
            n = a
        }
        if underscores && !underscoreOK(Array(s)) { return .invalid }
        return .value(n)
    }

    public enum SignedResult: Equatable, Sendable {
        case value(Int64)
        case outOfRange
        case invalid
    }

    /// `strconv.ParseInt(s, 0, bits)`: an optional sign, then `parseUnsigned`'s syntax.
    public static func parseSigned<C: Collection>(_ s: C, bits: Int = 64) -> SignedResult where C.Element == UInt8 {
        var rest = s[...]
        var negative = false
        if let c = rest.first, c == UInt8(ascii: "+") || c == UInt8(ascii: "-") {
            negative = c == UInt8(ascii: "-")
            rest = rest.dropFirst()
            if rest.isEmpty { return .invalid }
        }
        switch parseUnsigned(rest, bits: bits) {
        case .invalid: return .invalid
        case .outOfRange: return .outOfRange
        case .value(let u):
            let cutoff = UInt64(1) << UInt64(bits - 1)
            if negative {
                if u > cutoff { return .outOfRange }
                return .value(u == cutoff ? Int64.min >> Int64(64 - bits) : -Int64(u))
            }
            if u >= cutoff { return .outOfRange }
            return .value(Int64(u))
        }
    }

    /// Go's `underscoreOK`: every `_` sits between digits (a base prefix counts as one).
    static func underscoreOK(_ b: [UInt8]) -> Bool {
        func lower(_ c: UInt8) -> UInt8 { c | 0x20 }
        var saw: Character = "^"
        var i = 0
        var hex = false
        if b.count >= 2 && b[0] == UInt8(ascii: "0")
            && [UInt8(ascii: "b"), UInt8(ascii: "o"), UInt8(ascii: "x")].contains(lower(b[1])) {
            i = 2
            saw = "0"
            hex = lower(b[1]) == UInt8(ascii: "x")
        }
        while i < b.count {
            let c = b[i]
            i += 1
            if (c >= 48 && c <= 57) || (hex && lower(c) >= 97 && lower(c) <= 102) {
                saw = "0"
                continue
            }
            if c == UInt8(ascii: "_") {
                if saw != "0" { return false }
                saw = "_"
                continue
            }
            if saw == "_" { return false }
            saw = "!"
        }
        return saw != "_"
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
