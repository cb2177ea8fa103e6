/// A number literal kept exactly as written, for values that neither `Int` nor `Double` hold
/// without loss: integers beyond 64 bits, or literals with more precision than a double.
///
/// Arithmetic is not done on these (callers convert to `Double`), but comparison is exact,
/// as jq 1.7+ compares two literals.
public struct DecimalNumber: Sendable, CustomStringConvertible {
    /// The literal, validated: `-?digits(.digits)?([eE][+-]?digits)?`.
    public let text: String

    /// Wraps a literal, or returns nil when `text` is not a JSON-style number literal.
    public init?(_ text: String) {
        guard DecimalNumber.parse(text) != nil else { return nil }
        self.text = text
    }

    /// Wraps a literal in JSON's number syntax (`-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`),
    /// or returns nil: no `+`, no leading zeros, no `.5` or `5.`, no underscores.
    public init?(jsonLiteral text: String) {
        guard DecimalNumber.isJSONLiteral(text.utf8) else { return nil }
        self.text = text
    }

    static func isJSONLiteral(_ s: String.UTF8View) -> Bool {
        var i = s.startIndex
        func digit(_ i: String.Index) -> Bool { i < s.endIndex && s[i] >= 48 && s[i] <= 57 }
        func digits() -> Bool {
            guard digit(i) else { return false }
            while digit(i) { i = s.index(after: i) }
            return true
        }
        if i < s.endIndex && s[i] == UInt8(ascii: "-") { i = s.index(after: i) }
        guard digit(i) else { return false }
        if s[i] == UInt8(ascii: "0") {
            i = s.index(after: i)
        } else {
            _ = digits()
        }
        if i < s.endIndex && s[i] == UInt8(ascii: ".") {
            i = s.index(after: i)
            guard digits() else { return false }
        }
        if i < s.endIndex && (s[i] == UInt8(ascii: "e") || s[i] == UInt8(ascii: "E")) {
            i = s.index(after: i)
            if i < s.endIndex && (s[i] == UInt8(ascii: "+") || s[i] == UInt8(ascii: "-")) { i = s.index(after: i) }
            guard digits() else { return false }
        }
        return i == s.endIndex
    }

    init(validated text: String) {
        self.text = text
    }

    public var description: String { text }

    /// The nearest double (±infinity when out of range).
    public var doubleValue: Double { Double(text) ?? .nan }

    /// True when the literal has no fraction and no exponent (an integer written out in full).
    public var isIntegerLiteral: Bool { DecimalNumber.isIntegerLiteral(text) }

    /// True when a number literal has no fraction and no exponent.
    static func isIntegerLiteral(_ text: String) -> Bool {
        !text.utf8.contains(where: { $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "e") || $0 == UInt8(ascii: "E") })
    }

    /// Sign, significant digits (no leading or trailing zeros) and exponent such that the
    /// value is `0.d1d2d3… × 10^exponent`. Zero has no digits.
    struct Parts: Equatable {
        var negative: Bool
        var digits: [UInt8]
        var exponent: Int
    }

    static func parse(_ text: String) -> Parts? {
        var bytes = Array(text.utf8)[...]
        guard !bytes.isEmpty else { return nil }
        var negative = false
        if bytes.first == UInt8(ascii: "-") {
            negative = true
            bytes = bytes.dropFirst()
        } else if bytes.first == UInt8(ascii: "+") {
            bytes = bytes.dropFirst()
        }
        var digits: [UInt8] = []
        var pointPosition: Int? = nil
        var sawDigit = false
        while let c = bytes.first, (c >= 48 && c <= 57) || c == UInt8(ascii: ".") {
            if c == UInt8(ascii: ".") {
                if pointPosition != nil { return nil }
                pointPosition = digits.count
            } else {
                sawDigit = true
                digits.append(c - 48)
            }
            bytes = bytes.dropFirst()
        }
        guard sawDigit else { return nil }
        var exp = 0
        if let c = bytes.first, c == UInt8(ascii: "e") || c == UInt8(ascii: "E") {
            bytes = bytes.dropFirst()
            var expNegative = false
            if let s = bytes.first, s == UInt8(ascii: "+") || s == UInt8(ascii: "-") {
                expNegative = s == UInt8(ascii: "-")
                bytes = bytes.dropFirst()
            }
            guard !bytes.isEmpty else { return nil }
            for d in bytes {
                guard d >= 48 && d <= 57 else { return nil }
                if exp < 1_000_000_000_000 { exp = exp * 10 + Int(d - 48) }
            }
            if expNegative { exp = -exp }
            bytes = bytes[bytes.endIndex...]
        }
        guard bytes.isEmpty else { return nil }
        let intDigits = pointPosition ?? digits.count
        // Normalise to 0.ddd × 10^e.
        var lead = 0
        while lead < digits.count && digits[lead] == 0 { lead += 1 }
        var trail = digits.count
        while trail > lead && digits[trail - 1] == 0 { trail -= 1 }
        if lead == trail { return Parts(negative: false, digits: [], exponent: 0) }
        return Parts(negative: negative, digits: Array(digits[lead..<trail]), exponent: exp + intDigits - lead)
    }

    /// Exact three-way comparison of two literals.
    static func compare(_ a: Parts, _ b: Parts) -> Int {
        let aZero = a.digits.isEmpty, bZero = b.digits.isEmpty
        if aZero && bZero { return 0 }
        let aSign = aZero ? 0 : (a.negative ? -1 : 1)
        let bSign = bZero ? 0 : (b.negative ? -1 : 1)
        if aSign != bSign { return aSign < bSign ? -1 : 1 }
        // Same sign, both non-zero.
        var magnitude: Int
        if a.exponent != b.exponent {
            magnitude = a.exponent < b.exponent ? -1 : 1
        } else {
            magnitude = 0
            for (x, y) in zip(a.digits, b.digits) where x != y {
                magnitude = x < y ? -1 : 1
                break
            }
            if magnitude == 0 && a.digits.count != b.digits.count {
                magnitude = a.digits.count < b.digits.count ? -1 : 1
            }
        }
        return aSign < 0 ? -magnitude : magnitude
    }

    /// Exact three-way comparison with another literal.
    public func compare(_ other: DecimalNumber) -> Int {
        DecimalNumber.compare(DecimalNumber.parse(text)!, DecimalNumber.parse(other.text)!)
    }

    /// Exact three-way comparison with an integer.
    public func compare(_ other: Int) -> Int {
        DecimalNumber.compare(DecimalNumber.parse(text)!, DecimalNumber.parse(String(other))!)
    }

    /// The integer value if this literal is an integer that fits in `UInt64` (Go's uint64 range).
    public var uint64Value: UInt64? {
        guard isIntegerLiteral else { return nil }
        return UInt64(text)
    }
}
