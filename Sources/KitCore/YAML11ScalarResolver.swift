/// How a YAML scalar becomes a value under the YAML 1.1 type repository, exactly as PyYAML's
/// `SafeLoader` resolves and constructs it (kubernetes-validate, yamllint and Ansible read
/// manifests this way; `YAMLReader.Options.ScalarRules.yaml11` selects it).
///
/// A plain, untagged scalar resolves by its first character, trying in order:
/// - `yes Yes YES no No NO true True TRUE false False FALSE on On ON off Off OFF` → bool
///   (`y` and `n` stay strings);
/// - a float: `[-+]?[0-9][0-9_]*\.[0-9_]*([eE][-+][0-9]+)?` (a dot is required and an
///   exponent needs its sign: `1e3` and `1.0e3` are strings), `\.[0-9][0-9_]*(…)?`,
///   sexagesimal `[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+\.[0-9_]*`, `[-+]?.inf`, `.nan` (three
///   spellings each);
/// - an int: `[-+]?0b[01_]+`, `[-+]?0[0-7_]+` (octal: `0755` is 493), `[-+]?(0|[1-9][0-9_]*)`,
///   `[-+]?0x[0-9a-fA-F_]+`, sexagesimal `[-+]?[1-9][0-9_]*(:[0-5]?[0-9])+` (`1:20` is 80);
///   underscores are dropped (`0o17` and `0b` without digits are strings);
/// - a timestamp: `YYYY-MM-DD`, or `YYYY-M-D` followed by `T`/`t`/blanks and `H:MM:SS`,
///   an optional fraction and zone;
/// - `~ null Null NULL` and the empty scalar → null; `=` → the string `=` (kubernetes-validate
///   adds that constructor);
/// - anything else is a string.
///
/// Timestamps have no JSON type: PyYAML makes them dates, which no JSON Schema type matches.
/// kit keeps their text as a string (as go-yaml v2, kubectl's reader, does) and reports that
/// the scalar was a timestamp, so a validator can treat it as PyYAML's readers do.
///
/// Text a resolver claims but cannot construct is an error, as in PyYAML: `0b_`, `0x_`, and
/// timestamps naming no real date or time (`2021-02-30`, `2021-01-01 25:00:00`).
public enum YAML11ScalarResolver {
    /// A resolved scalar.
    public enum Resolved: Sendable {
        case value(Value)
        /// A timestamp, kept as its text.
        case timestamp(String)
    }

    /// Resolves a scalar: plain and untagged scalars by the implicit rules above, quoted and
    /// block scalars as strings, and explicit `!!str`, `!!int`, `!!float`, `!!bool`, `!!null`,
    /// `!!timestamp`, `!!binary` tags by their constructors. Throws a message without location.
    public static func resolve(_ text: String, plain: Bool, tag rawTag: String?) throws -> Resolved {
        let tag = YAMLScalarResolver.Tag(rawTag)
        switch tag {
        case .none:
            // The non-specific `!` tag means "not implicit": a string.
            if !plain || rawTag == "!" { return .value(.string(text)) }
            return try implicit(text)
        case .str:
            return .value(.string(text))
        case .int:
            guard let v = constructInt(text) else { throw KitError("cannot construct an integer from `\(text)`") }
            return .value(v)
        case .float:
            guard let v = constructFloat(text) else { throw KitError("cannot construct a float from `\(text)`") }
            return .value(v)
        case .bool:
            switch text.lowercased() {
            case "yes", "true", "on": return .value(.bool(true))
            case "no", "false", "off": return .value(.bool(false))
            default: throw KitError("cannot construct a boolean from `\(text)`")
            }
        case .null:
            return .value(.null)
        case .timestamp:
            guard isTimestamp(text) else { throw KitError("cannot construct a timestamp from `\(text)`") }
            try checkTimestamp(text)
            return .timestamp(text)
        case .binary:
            return .value(.string(try YAMLScalarResolver.decodeBinary(text)))
        case .merge:
            throw KitError("a merge key `<<` cannot be a value")
        case .unknown(let t):
            throw KitError("could not determine a constructor for the tag \(t)")
        }
    }

    /// The implicit resolution of a plain, untagged scalar.
    static func implicit(_ text: String) throws -> Resolved {
        guard let first = text.utf8.first else { return .value(.null) }
        switch first {
        case UInt8(ascii: "y"), UInt8(ascii: "Y"), UInt8(ascii: "n"), UInt8(ascii: "N"), UInt8(ascii: "t"), UInt8(ascii: "T"),
            UInt8(ascii: "f"), UInt8(ascii: "F"), UInt8(ascii: "o"), UInt8(ascii: "O"):
            // The words are at most five bytes long: most text is decided by its length.
            guard text.utf8.count <= 5 else { return .value(.string(text)) }
            switch text {
            case "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON": return .value(.bool(true))
            case "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF": return .value(.bool(false))
            case "null", "Null", "NULL": return .value(.null)
            default: return .value(.string(text))
            }
        case UInt8(ascii: "~"):
            return .value(text == "~" ? .null : .string(text))
        case UInt8(ascii: "<"):
            if text == "<<" { throw KitError("a merge key `<<` cannot be a value") }
            return .value(.string(text))
        case UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: "."), UInt8(ascii: "0")...UInt8(ascii: "9"):
            let u = Array(text.utf8)
            if isFloat(u) {
                guard let v = constructFloat(text) else { throw KitError("cannot construct a float from `\(text)`") }
                return .value(v)
            }
            if first != UInt8(ascii: "."), isInt(u) {
                guard let v = constructInt(text) else { throw KitError("cannot construct an integer from `\(text)`") }
                return .value(v)
            }
            if first >= UInt8(ascii: "0") && first <= UInt8(ascii: "9") && isTimestamp(text) {
                try checkTimestamp(text)
                return .timestamp(text)
            }
            return .value(.string(text))
        default:
            return .value(.string(text))
        }
    }

    // MARK: Recognisers (PyYAML's implicit resolver regular expressions)

    private static func isDigit(_ c: UInt8) -> Bool { c >= 48 && c <= 57 }

    /// A cursor over bytes for the hand-written regular expressions.
    private struct Scanner {
        let u: [UInt8]
        var i = 0
        init(_ u: [UInt8]) { self.u = u }
        var atEnd: Bool { i == u.count }
        var peek: UInt8? { i < u.count ? u[i] : nil }
        mutating func take(_ c: UInt8) -> Bool {
            if peek == c { i += 1; return true }
            return false
        }
        mutating func takeSign() { if peek == UInt8(ascii: "-") || peek == UInt8(ascii: "+") { i += 1 } }
        /// Consumes bytes while `p` holds; returns how many.
        @discardableResult
        mutating func takeWhile(_ p: (UInt8) -> Bool) -> Int {
            let start = i
            while let c = peek, p(c) { i += 1 }
            return i - start
        }
        /// `(:[0-5]?[0-9])+`: at least one group.
        mutating func takeSexagesimalGroups() -> Bool {
            var groups = 0
            while peek == UInt8(ascii: ":") {
                let save = i
                i += 1
                // [0-5]?[0-9]: one digit, or two with the first 0-5.
                guard let d1 = peek, isDigit(d1) else { i = save; break }
                i += 1
                if let d2 = peek, isDigit(d2), d1 <= UInt8(ascii: "5") { i += 1 }
                groups += 1
            }
            return groups > 0
        }
    }

    private static func digitOrUnderscore(_ c: UInt8) -> Bool { isDigit(c) || c == UInt8(ascii: "_") }

    /// `[eE][-+][0-9]+`, optional.
    private static func takeExponent(_ s: inout Scanner) -> Bool {
        guard s.peek == UInt8(ascii: "e") || s.peek == UInt8(ascii: "E") else { return true }
        s.i += 1
        guard s.peek == UInt8(ascii: "-") || s.peek == UInt8(ascii: "+") else { return false }
        s.i += 1
        return s.takeWhile(isDigit) > 0
    }

    static func isFloat(_ u: [UInt8]) -> Bool {
        if u.count <= 5 && (u.first == UInt8(ascii: ".") || u.dropFirst().first == UInt8(ascii: ".")) {
            switch String(decoding: u, as: UTF8.self) {
            case ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF", "-.inf", "-.Inf", "-.INF", ".nan", ".NaN", ".NAN": return true
            default: break
            }
        }
        // \.[0-9][0-9_]*([eE][-+][0-9]+)?
        if u.first == UInt8(ascii: ".") {
            var s = Scanner(u)
            s.i = 1
            guard let c = s.peek, isDigit(c) else { return false }
            s.takeWhile(digitOrUnderscore)
            return takeExponent(&s) && s.atEnd
        }
        // [-+]?[0-9][0-9_]*\.[0-9_]*([eE][-+][0-9]+)?
        var s = Scanner(u)
        s.takeSign()
        guard let c = s.peek, isDigit(c) else { return false }
        s.takeWhile(digitOrUnderscore)
        let afterInteger = s.i
        if s.take(UInt8(ascii: ".")) {
            s.takeWhile(digitOrUnderscore)
            if takeExponent(&s) && s.atEnd { return true }
        }
        // [-+]?[0-9][0-9_]*(:[0-5]?[0-9])+\.[0-9_]*
        s.i = afterInteger
        guard s.takeSexagesimalGroups(), s.take(UInt8(ascii: ".")) else { return false }
        s.takeWhile(digitOrUnderscore)
        return s.atEnd
    }

    static func isInt(_ u: [UInt8]) -> Bool {
        var s = Scanner(u)
        s.takeSign()
        let start = s.i
        // [-+]?0b[0-1_]+
        if s.take(UInt8(ascii: "0")) && s.take(UInt8(ascii: "b")) {
            return s.takeWhile { $0 == UInt8(ascii: "0") || $0 == UInt8(ascii: "1") || $0 == UInt8(ascii: "_") } > 0 && s.atEnd
        }
        s.i = start
        // [-+]?0x[0-9a-fA-F_]+
        if s.take(UInt8(ascii: "0")) && s.take(UInt8(ascii: "x")) {
            return s.takeWhile { isDigit($0) || ($0 | 0x20 >= UInt8(ascii: "a") && $0 | 0x20 <= UInt8(ascii: "f")) || $0 == UInt8(ascii: "_") } > 0
                && s.atEnd
        }
        s.i = start
        // [-+]?0[0-7_]+ and [-+]?0
        if s.take(UInt8(ascii: "0")) {
            if s.atEnd { return true }
            return s.takeWhile { ($0 >= 48 && $0 <= 55) || $0 == UInt8(ascii: "_") } > 0 && s.atEnd
        }
        // [-+]?[1-9][0-9_]* and [-+]?[1-9][0-9_]*(:[0-5]?[0-9])+
        guard let c = s.peek, c >= UInt8(ascii: "1") && c <= UInt8(ascii: "9") else { return false }
        s.takeWhile(digitOrUnderscore)
        if s.atEnd { return true }
        return s.takeSexagesimalGroups() && s.atEnd
    }

    /// `YYYY-MM-DD`, or `YYYY-M-D` then `T`/`t`/blanks, `H:MM:SS`, `.fraction`, blanks and a
    /// zone (`Z`, `±H`, `±HH:MM`).
    static func isTimestamp(_ text: String) -> Bool {
        timestampParts(Array(text.utf8)) != nil
    }

    struct TimestampParts {
        var year = 0, month = 0, day = 0
        var time: (hour: Int, minute: Int, second: Int)?
        var zone: (hours: Int, minutes: Int)?
    }

    private static func number(_ u: ArraySlice<UInt8>) -> Int {
        u.reduce(0) { $0 * 10 + Int($1 - 48) }
    }

    static func timestampParts(_ u: [UInt8]) -> TimestampParts? {
        var s = Scanner(u)
        var p = TimestampParts()
        func digits(_ min: Int, _ max: Int) -> Int? {
            let start = s.i
            while s.i - start < max, let c = s.peek, isDigit(c) { s.i += 1 }
            guard s.i - start >= min else { return nil }
            return number(u[start..<s.i])
        }
        guard let year = digits(4, 4), s.take(UInt8(ascii: "-")) else { return nil }
        let monthStart = s.i
        guard let month = digits(1, 2), s.take(UInt8(ascii: "-")) else { return nil }
        let monthWidth = s.i - 1 - monthStart
        let dayStart = s.i
        guard let day = digits(1, 2) else { return nil }
        let dayWidth = s.i - dayStart
        (p.year, p.month, p.day) = (year, month, day)
        if s.atEnd {
            // The date-only form needs two-digit month and day.
            return monthWidth == 2 && dayWidth == 2 ? p : nil
        }
        if !(s.take(UInt8(ascii: "T")) || s.take(UInt8(ascii: "t"))) {
            guard s.takeWhile({ $0 == 0x20 || $0 == 0x09 }) > 0 else { return nil }
        }
        guard let hour = digits(1, 2), s.take(UInt8(ascii: ":")), let minute = digits(2, 2), s.take(UInt8(ascii: ":")),
            let second = digits(2, 2)
        else { return nil }
        p.time = (hour, minute, second)
        if s.take(UInt8(ascii: ".")) { s.takeWhile(isDigit) }
        s.takeWhile { $0 == 0x20 || $0 == 0x09 }
        if s.take(UInt8(ascii: "Z")) {
            p.zone = (0, 0)
        } else if let sign = s.peek, sign == UInt8(ascii: "-") || sign == UInt8(ascii: "+") {
            s.i += 1
            guard let h = digits(1, 2) else { return nil }
            var m = 0
            if s.take(UInt8(ascii: ":")) {
                guard let mm = digits(2, 2) else { return nil }
                m = mm
            }
            p.zone = (h, m)
        }
        return s.atEnd ? p : nil
    }

    /// PyYAML builds a `datetime`, which refuses impossible dates and times and zones of a
    /// day or more.
    static func checkTimestamp(_ text: String) throws {
        guard let p = timestampParts(Array(text.utf8)) else { return }
        func fail() -> KitError { KitError("`\(text)` looks like a YAML 1.1 timestamp but is not a valid date and time") }
        guard p.year >= 1, (1...12).contains(p.month) else { throw fail() }
        let leap = p.year % 4 == 0 && (p.year % 100 != 0 || p.year % 400 == 0)
        let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][p.month - 1]
        guard (1...days).contains(p.day) else { throw fail() }
        if let t = p.time {
            guard t.hour < 24, t.minute < 60, t.second < 60 else { throw fail() }
        }
        if let z = p.zone, z.hours * 60 + z.minutes >= 24 * 60 { throw fail() }
    }

    // MARK: Constructors

    /// PyYAML's `construct_yaml_int`; nil when the digits are missing (`0b_`).
    static func constructInt(_ text: String) -> Value? {
        var t = Substring(text.filter { $0 != "_" })
        var negative = false
        if t.first == "-" { negative = true }
        if t.first == "-" || t.first == "+" { t = t.dropFirst() }
        guard !t.isEmpty else { return nil }
        if t == "0" { return .int(0) }
        func signed(_ magnitude: UInt64) -> Value {
            if negative {
                if magnitude <= UInt64(Int.max) { return .int(-Int(magnitude)) }
                if magnitude == UInt64(Int.max) + 1 { return .int(Int.min) }
            } else if magnitude <= UInt64(Int.max) {
                return .int(Int(magnitude))
            }
            return .decimal(DecimalNumber(validated: (negative ? "-" : "") + String(magnitude)))
        }
        func radix(_ digits: Substring, _ base: Int) -> Value? {
            guard !digits.isEmpty else { return nil }
            if let m = UInt64(digits, radix: base) { return signed(m) }
            // Beyond 64 bits (Python's integers are unbounded): exact decimal digits.
            var limbs: [UInt32] = [0]  // base 10^9, least significant first
            for c in digits {
                guard let v = c.hexDigitValue, v < base else { return nil }
                var carry = UInt64(v)
                for i in limbs.indices {
                    let x = UInt64(limbs[i]) * UInt64(base) + carry
                    limbs[i] = UInt32(x % 1_000_000_000)
                    carry = x / 1_000_000_000
                }
                while carry > 0 {
                    limbs.append(UInt32(carry % 1_000_000_000))
                    carry /= 1_000_000_000
                }
            }
            var text = String(limbs.last!)
            for limb in limbs.dropLast().reversed() {
                let part = String(limb)
                text += String(repeating: "0", count: 9 - part.count) + part
            }
            return .decimal(DecimalNumber(validated: (negative ? "-" : "") + text))
        }
        if t.hasPrefix("0b") { return radix(t.dropFirst(2), 2) }
        if t.hasPrefix("0x") { return radix(t.dropFirst(2), 16) }
        if t.first == "0" { return radix(t, 8) }
        if t.contains(":") {
            var total = 0.0
            var exact: Int? = 0
            for part in t.split(separator: ":", omittingEmptySubsequences: false) {
                guard let v = Int(part) else { return nil }
                total = total * 60 + Double(v)
                if let e = exact {
                    let (m, o1) = e.multipliedReportingOverflow(by: 60)
                    let (s, o2) = m.addingReportingOverflow(v)
                    exact = o1 || o2 ? nil : s
                }
            }
            if let e = exact { return .int(negative ? -e : e) }
            return .double(negative ? -total : total)
        }
        return radix(t, 10)
    }

    /// PyYAML's `construct_yaml_float`.
    static func constructFloat(_ text: String) -> Value? {
        var t = Substring(text.filter { $0 != "_" }.lowercased())
        var negative = false
        if t.first == "-" { negative = true }
        if t.first == "-" || t.first == "+" { t = t.dropFirst() }
        let sign: Double = negative ? -1 : 1
        if t == ".inf" { return .double(sign * .infinity) }
        if t == ".nan" { return .double(.nan) }
        if t.contains(":") {
            var total = 0.0
            for part in t.split(separator: ":", omittingEmptySubsequences: false) {
                guard let v = Double(part) else { return nil }
                total = total * 60 + v
            }
            return .double(sign * total)
        }
        guard let d = Double(t) else { return nil }
        return .double(sign * d)
    }
}
