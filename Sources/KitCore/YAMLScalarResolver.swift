/// How a YAML scalar becomes a `Value`: the rule kustomize applies (go-yaml v3), so that
/// `kit` reads every manifest the way `kubectl kustomize` does.
///
/// Quoted and block scalars (`'…'`, `"…"`, `|`, `>`) are always strings. A plain scalar is
/// resolved, in this order:
///  1. exact words: `true True TRUE false False FALSE` → bool; `~ null Null NULL` and the empty
///     scalar → null; `.inf .Inf .INF +.inf +.Inf +.INF` → +∞, `-.inf -.Inf -.INF` → −∞,
///     `.nan .NaN .NAN` → NaN; `<<` → the string `<<` (a merge key only in key position).
///     YAML 1.1's `yes/no/on/off/y/n` are **strings** (YAML 1.2).
///  2. when it starts with `.`: a decimal float (`.5`, `.5e3`, `.5_5`) → double.
///  3. when it starts with a digit or a sign:
///     - a timestamp (`2001-12-14`, `2001-12-14T21:59:43.10-05:00`, `2001-12-14 21:59:43`)
///       → the string of that time in RFC 3339 (`2001-12-14T00:00:00Z`), as kustomize prints
///       it; a timestamp whose zone offset is 24 hours or more (`…+24:00`) is an error, as
///       kustomize fails to print it;
///     - else, underscores removed, an integer in Go syntax: decimal, `0x1F`, `0o17`, `0b101`,
///       and 1.1-style octal `0755` (= 493) → int (beyond `Int64` up to `UInt64.max`: kept
///       as a decimal literal);
///     - else a float `[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?` (`1e3`, `1.0`,
///       `08`, `+9767819140727924861`) → double (kept as a decimal literal when it is an
///       integer beyond 64 bits; the YAML writer rounds it as kustomize does);
///       a float that overflows (`1e400`) stays a string;
///     - else `0b…`/`-0b…`/`0o…`/`-0o…` forms → int (a sign may follow the prefix: `0b-1`
///       is −1, as Go's ParseInt reads the digits).
///  4. anything else is a string (`1:20`, `0x`, `+`, `12abc`).
///
/// Explicit tags: `!!str` forces a string; the non-specific tag `!` is no tag at all
/// (`! 12` is the integer 12, `! "12"` the string — kustomize loses the `!` when it re-reads
/// its own output); `!!int`, `!!float`, `!!bool`, `!!null`, `!!timestamp` resolve as above
/// and must agree (`!!float 1` is 1.0, `!!int "12"` is 12, `!!bool yes` is an error);
/// `!!binary` decodes base64 into a string. Other tags are refused (kustomize reads a scalar
/// with an unknown tag as its text, unresolved: `!custom 12` is the string "12").
public enum YAMLScalarResolver {
    public enum Tag: Sendable, Equatable {
        case none, str, int, float, bool, null, timestamp, binary, merge
        case unknown(String)

        init(_ raw: String?) {
            guard let raw, !raw.isEmpty else { self = .none; return }
            let prefix = "tag:yaml.org,2002:"
            let name = raw.hasPrefix(prefix) ? String(raw.dropFirst(prefix.count)) : nil
            switch name {
            case "str": self = .str
            case "int": self = .int
            case "float": self = .float
            case "bool": self = .bool
            case "null": self = .null
            case "timestamp": self = .timestamp
            case "binary": self = .binary
            case "merge": self = .merge
            default: self = raw == "!" ? .none : .unknown(raw)
            }
        }

        var shortName: String {
            switch self {
            case .none: return ""
            case .str: return "!!str"
            case .int: return "!!int"
            case .float: return "!!float"
            case .bool: return "!!bool"
            case .null: return "!!null"
            case .timestamp: return "!!timestamp"
            case .binary: return "!!binary"
            case .merge: return "!!merge"
            case .unknown(let t): return t
            }
        }
    }

    /// What a plain, untagged scalar resolves to, before any explicit tag is checked.
    enum Resolved {
        case null, bool(Bool), int(Int), bigInt(String), double(Double), bigFloat(String)
        case timestamp(GoTimestamp.Time), merge, string
    }

    /// Resolves a scalar to a value, or throws a message (without location, and without the
    /// scalar's text, which may be secret) on a tag conflict.
    public static func resolve(_ text: String, plain: Bool, tag rawTag: String?) throws -> Value {
        let tag = Tag(rawTag)
        switch tag {
        case .str:
            return .string(text)
        case .binary:
            return .string(try decodeBinary(text))
        case .unknown(let t):
            throw KitError("unknown tag \(t)")
        case .none where !plain:
            return .string(text)
        default:
            break
        }
        let resolved = implicit(text, allowTimestamp: tag == .none || tag == .timestamp)
        if case .timestamp(let t) = resolved, !t.isJSONEncodable {
            throw KitError("the timestamp has a zone offset of 24 hours or more, which kustomize cannot print")
        }
        switch (tag, resolved) {
        case (.none, _), (.merge, .merge):
            return value(of: resolved, text: text)
        case (.int, .int), (.int, .bigInt), (.float, .double), (.float, .bigFloat),
            (.bool, .bool), (.null, .null), (.timestamp, .timestamp):
            return value(of: resolved, text: text)
        case (.float, .int(let i)):
            return .double(Double(i))
        default:
            // The scalar itself is not shown: it may be a secret value (a Secret's `!!int hunter2`).
            throw KitError("cannot decode a \(shortTag(of: resolved)) scalar as a \(tag.shortName)")
        }
    }

    static func value(of resolved: Resolved, text: String) -> Value {
        switch resolved {
        case .null: return .null
        case .bool(let b): return .bool(b)
        case .int(let i): return .int(i)
        case .bigInt(let digits): return .decimal(DecimalNumber(validated: digits))
        case .double(let d): return .double(d)
        case .bigFloat(let literal): return .decimal(DecimalNumber(validated: literal))
        case .timestamp(let t): return .string(t.rfc3339Nano)
        case .merge, .string: return .string(text)
        }
    }

    static func shortTag(of r: Resolved) -> String {
        switch r {
        case .null: return "!!null"
        case .bool: return "!!bool"
        case .int, .bigInt: return "!!int"
        case .double, .bigFloat: return "!!float"
        case .timestamp: return "!!timestamp"
        case .merge: return "!!merge"
        case .string: return "!!str"
        }
    }

    /// go-yaml v3's `resolve` for a plain scalar.
    static func implicit(_ text: String, allowTimestamp: Bool) -> Resolved {
        guard let first = text.utf8.first else { return .null }
        if mayBeWord(text, first: first) { if let word = word(text) { return word } }
        switch first {
        case UInt8(ascii: "."):
            if let d = GoNumberSyntax.parseDecimalFloat(Substring(text)) { return .double(d) }
            return .string
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "+"), UInt8(ascii: "-"):
            if allowTimestamp, let t = GoTimestamp.parse(text) { return .timestamp(t) }
            let plain = text.contains("_") ? String(text.filter { $0 != "_" }) : text
            let utf8 = Substring(plain).utf8
            switch GoNumberSyntax.parseSigned(utf8) {
            case .value(let i): return .int(Int(i))
            default: break
            }
            if case .value(let u) = GoNumberSyntax.parseUnsigned(utf8) {
                return .bigInt(String(u))
            }
            if GoNumberSyntax.isYAMLStyleFloat(utf8), let d = Double(plain) {
                if d.isInfinite { return .string }  // Go: ErrRange
                if DecimalNumber.isIntegerLiteral(plain) && (d.magnitude >= 9.2e18) {
                    // An integer literal that Go's integer syntax refused (too long, a `+`
                    // sign, leading zeros): a float to go-yaml v3, so kustomize prints the
                    // rounded double (`+9767819140727924861` → 9767819140727925000). Beyond
                    // 64 bits, keep every digit: kit's writer rounds those too, and other
                    // outputs (jq) keep the literal.
                    let literal = canonicalInteger(plain)
                    return UInt64(literal) == nil ? .bigFloat(literal) : .double(d)
                }
                return .double(d)
            }
            // go-yaml v3's own binary and octal forms: `strconv.ParseInt(plain[2:], base, 64)`,
            // which takes a sign (`0b-1` is −1, `0o+7` is 7), then ParseUint, which does not;
            // `-0b…`/`-0o…`: ParseInt("-" + plain[3:], base, 64).
            for (prefix, radix) in [("0b", 2), ("0o", 8)] where plain.hasPrefix(prefix) {
                let digits = plain.dropFirst(2)
                if let v = Int64(digits, radix: radix) { return .int(Int(v)) }
                if let c = digits.first, c != "+", c != "-", let u = UInt64(digits, radix: radix) {
                    return .bigInt(String(u))
                }
            }
            for (prefix, radix) in [("-0b", 2), ("-0o", 8)] where plain.hasPrefix(prefix) {
                if let v = Int64("-" + plain.dropFirst(3), radix: radix) { return .int(Int(v)) }
            }
            return .string
        default:
            return .string
        }
    }

    /// Words all start with one of `tTfF~nN.+-<` and have at most five bytes: a cheap test
    /// that spares most scalars the comparisons in `word`.
    @inline(__always)
    static func mayBeWord(_ text: String, first: UInt8) -> Bool {
        guard text.utf8.count <= 5 else { return false }
        switch first {
        case UInt8(ascii: "t"), UInt8(ascii: "T"), UInt8(ascii: "f"), UInt8(ascii: "F"), UInt8(ascii: "~"),
            UInt8(ascii: "n"), UInt8(ascii: "N"), UInt8(ascii: "."), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "<"):
            return true
        default:
            return false
        }
    }

    /// The exact words of go-yaml v3's resolve table.
    static func word(_ text: String) -> Resolved? {
        switch text {
        case "true", "True", "TRUE": return .bool(true)
        case "false", "False", "FALSE": return .bool(false)
        case "~", "null", "Null", "NULL": return .null
        case ".nan", ".NaN", ".NAN": return .double(.nan)
        case ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF": return .double(.infinity)
        case "-.inf", "-.Inf", "-.INF": return .double(-.infinity)
        case "<<": return .merge
        default: return nil
        }
    }

    /// `+0012` → `12`, `-0012` → `-12`: integer literal text without sign noise.
    static func canonicalInteger(_ s: String) -> String {
        var digits = Substring(s)
        var negative = false
        if digits.first == "+" || digits.first == "-" {
            negative = digits.first == "-"
            digits = digits.dropFirst()
        }
        while digits.count > 1 && digits.first == "0" { digits = digits.dropFirst() }
        return (negative ? "-" : "") + digits
    }

    static func decodeBinary(_ text: String) throws -> String {
        let cleaned = text.utf8.filter { $0 != 10 && $0 != 13 }  // Go's decoder skips line breaks only
        guard let bytes = Base64.decode(cleaned) else {
            throw KitError("!!binary value is not valid base64")
        }
        // kustomize passes binary data through JSON, which replaces invalid UTF-8 with U+FFFD.
        return String(decoding: bytes, as: UTF8.self)
    }
}
