/// The few Go spellings kubectl's messages and outputs are made of (besides `%q` quoting,
/// which is `GoSyntax.quote` in KitCore): `strconv` number and boolean syntax, and the error
/// texts of `strconv` and the `os` package, so that kit's messages read like kubectl's.
public enum GoText {
    /// Why a `strconv` parse failed, in Go's words.
    public enum NumberError: Error, Equatable, Sendable {
        case syntax
        case range

        public var text: String {
            switch self {
            case .syntax: return "invalid syntax"
            case .range: return "value out of range"
            }
        }
    }

    /// `strconv.ParseInt(s, 0, bits)`: an optional sign, then decimal digits, or `0x`, `0o`,
    /// `0b` or a leading `0` (octal), with `_` between digits (Go's `underscoreOK`).
    public static func parseInt(_ s: String, bits: Int) throws(NumberError) -> Int64 {
        var text = Substring(s)
        var negative = false
        if let first = text.first, first == "+" || first == "-" {
            negative = first == "-"
            text = text.dropFirst()
        }
        let magnitude = try parseUnsignedBase0(Array(text.utf8), bits: bits)
        let cutoff = UInt64(1) << UInt64(bits - 1)
        if negative {
            if magnitude > cutoff { throw .range }
            return magnitude == cutoff ? Int64.min >> Int64(64 - bits) : -Int64(magnitude)
        }
        if magnitude >= cutoff { throw .range }
        return Int64(magnitude)
    }

    /// `strconv.ParseUint(s, 0, bits)` on the bytes after any sign.
    static func parseUnsignedBase0(_ b: [UInt8], bits: Int) throws(NumberError) -> UInt64 {
        if b.isEmpty { throw .syntax }
        func lower(_ c: UInt8) -> UInt8 { c | 0x20 }
        var base: UInt64 = 10
        var i = 0
        if b[0] == UInt8(ascii: "0") {
            if b.count >= 3 && lower(b[1]) == UInt8(ascii: "b") {
                base = 2
                i = 2
            } else if b.count >= 3 && lower(b[1]) == UInt8(ascii: "o") {
                base = 8
                i = 2
            } else if b.count >= 3 && lower(b[1]) == UInt8(ascii: "x") {
                base = 16
                i = 2
            } else {
                base = 8
                i = 1
            }
        }
        let maxValue: UInt64 = bits >= 64 ? UInt64.max : (UInt64(1) << UInt64(bits)) - 1
        var value: UInt64 = 0
        var underscores = false
        while i < b.count {
            let c = b[i]
            i += 1
            if c == UInt8(ascii: "_") {
                underscores = true
                continue
            }
            let d: UInt64
            switch c {
            case 48...57: d = UInt64(c - 48)
            case 97...122: d = UInt64(c - 97 + 10)
            case 65...90: d = UInt64(c - 65 + 10)
            default: throw .syntax
            }
            guard d < base else { throw .syntax }
            let (m, o1) = value.multipliedReportingOverflow(by: base)
            let (a, o2) = m.addingReportingOverflow(d)
            if o1 || o2 || a > maxValue { throw .range }
            value = a
        }
        if underscores && !underscoreOK(b) { throw .syntax }
        return value
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

    /// `strconv.ParseUint(s, 10, bits)`: decimal digits only, no sign, no underscores.
    public static func parseDecimalUnsigned(_ s: String, bits: Int) throws(NumberError) -> UInt64 {
        if s.isEmpty { throw .syntax }
        let limit: UInt64 = bits >= 64 ? UInt64.max : (UInt64(1) << UInt64(bits)) - 1
        var value: UInt64 = 0
        for c in s.utf8 {
            guard c >= 48 && c <= 57 else { throw .syntax }
            let (m, o1) = value.multipliedReportingOverflow(by: 10)
            let (a, o2) = m.addingReportingOverflow(UInt64(c - 48))
            // Go stops at the first digit that overflows: a later bad character is not seen.
            if o1 || o2 || a > limit { throw .range }
            value = a
        }
        return value
    }

    /// `strconv.Atoi`: base 10 with an optional sign, no underscores, 64 bits.
    public static func atoi(_ s: String) throws(NumberError) -> Int64 {
        var text = Substring(s)
        var negative = false
        if let first = text.first, first == "+" || first == "-" {
            negative = first == "-"
            text = text.dropFirst()
        }
        let magnitude = try parseDecimalUnsigned(String(text), bits: 64)
        if negative {
            if magnitude > UInt64(Int64.max) + 1 { throw .range }
            return magnitude == UInt64(Int64.max) + 1 ? Int64.min : -Int64(magnitude)
        }
        if magnitude > UInt64(Int64.max) { throw .range }
        return Int64(magnitude)
    }

    /// `strconv.ParseBool`.
    public static func parseBool(_ s: String) -> Bool? {
        switch s {
        case "1", "t", "T", "TRUE", "true", "True": return true
        case "0", "f", "F", "FALSE", "false", "False": return false
        default: return nil
        }
    }

    /// The text of Go's `syscall.Errno` for an errno value (`no such file or directory`).
    public static func errnoText(_ code: Int32, fallback: String) -> String {
        switch code {
        case 1: return "operation not permitted"
        case 2: return "no such file or directory"
        case 5: return "input/output error"
        case 13: return "permission denied"
        case 20: return "not a directory"
        case 21: return "is a directory"
        case 36: return "file name too long"
        case 40: return "too many levels of symbolic links"
        default:
            guard let first = fallback.first else { return fallback }
            return first.lowercased() + fallback.dropFirst()
        }
    }
}
