import KitCore

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
    /// `0b` or a leading `0` (octal), with `_` between digits.
    public static func parseInt(_ s: String, bits: Int) throws(NumberError) -> Int64 {
        switch GoNumberSyntax.parseSigned(s.utf8, bits: bits) {
        case .value(let v): return v
        case .outOfRange: throw .range
        case .invalid: throw .syntax
        }
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
