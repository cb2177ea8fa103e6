import KitCore

/// A Kubernetes resource quantity (`500m`, `1.5Gi`, `12e6`), with the parsing, arithmetic,
/// comparison and canonical spelling of apimachinery's `resource.Quantity`.
///
/// A quantity is an exact decimal value plus the `Format` its suffix asked for; the format
/// only decides how the value is written back (`1536Mi` rather than `1610612736`). Equality,
/// hashing and ordering look at the value alone, as apimachinery's `Cmp` and `Equal` do, so
/// `1Gi == 1024Mi` and `1 == 1000m`.
///
/// Parsing keeps apimachinery's precision rules: values finer than a nano-unit are rounded
/// away from zero to the next nano-unit (`0.1n` becomes `1n`, because asking for some of a
/// resource should give some), and binary-suffixed values are capped at 2⁶³-1. Decimal
/// values are not capped: `18446744073709551616` keeps its value.
///
/// `description` is the canonical form (apimachinery's `CanonicalizeBytes`); see
/// `serializedForm` for the text an API server would store.
///
/// One deliberate difference: apimachinery parses any exponent that fits in 32 bits, but a
/// sum such as `1e2000000000 + 1` would need two billion digits. kit refuses decimal
/// exponents above `Quantity.maxDecimalExponent` at parse time (`QuantityError.outOfRange`)
/// so that no manifest can make it allocate without bound.
public struct Quantity: Sendable {
    /// How a quantity is written: which family of suffixes its canonical form uses.
    public enum Format: String, Sendable, Hashable, CaseIterable {
        /// `12e6`, `5e-3`: an `e` exponent that is a multiple of three.
        case decimalExponent = "DecimalExponent"
        /// `12Mi`: powers of 1024 (`Ki` … `Ei`).
        case binarySI = "BinarySI"
        /// `12M`, `500m`: powers of 1000 (`n u m k M G T P E`).
        case decimalSI = "DecimalSI"
    }

    /// The largest decimal exponent (`e…` suffix) kit accepts; see the type's discussion.
    public static let maxDecimalExponent = 100_000

    /// The exact value, with the significand and exponent apimachinery would hold for it.
    var amount: BigDecimal
    /// The suffix family used to write this quantity.
    public private(set) var format: Format
    /// The parsed text, kept only when apimachinery's parser keeps it as its cached string.
    var parsedText: String?

    init(amount: BigDecimal, format: Format, parsedText: String? = nil) {
        self.amount = amount
        self.format = format
        self.parsedText = parsedText
    }

    /// The quantity `value` in `format` (apimachinery's `NewQuantity`).
    public init(_ value: Int64, format: Format) {
        self.init(amount: BigDecimal(value), format: format)
    }

    /// The quantity `milliValue / 1000` in `format` (apimachinery's `NewMilliQuantity`).
    public init(milliValue: Int64, format: Format) {
        self.init(amount: BigDecimal(milliValue, exponent: -3), format: format)
    }

    /// The quantity `value × 10^scale` in `DecimalSI` (apimachinery's `NewScaledQuantity`).
    /// `scale` must lie within ±`maxDecimalExponent`.
    public init(_ value: Int64, scale: Int) {
        precondition(abs(scale) <= Quantity.maxDecimalExponent, "Quantity scale out of range")
        self.init(amount: BigDecimal(value, exponent: scale), format: .decimalSI)
    }

    /// Parses a quantity exactly as apimachinery's `ParseQuantity` does: no surrounding
    /// whitespace, an optional sign, digits with an optional fraction, then a suffix.
    public init(parsing text: String) throws(QuantityError) {
        self = try QuantityParser.parse(text)
    }

    /// Reads a quantity the way Kubernetes decodes one from a manifest: a string (surrounding
    /// whitespace ignored, as `UnmarshalJSON` trims it) or a number, read from the text JSON
    /// would carry for it. Nil for other kinds of value and for text that does not parse.
    public init?(_ value: Value) {
        guard let written = QuantityString(value: value),
            let parsed = try? Quantity(parsing: GoSyntax.trimSpace(written.text))
        else { return nil }
        self = parsed
    }

    /// True when the value is zero.
    public var isZero: Bool { amount.isZero }

    /// -1, 0 or 1 for a negative, zero or positive value.
    public var sign: Int { amount.sign }

    /// The same value written in another format (the canonical form follows the new format).
    public func withFormat(_ format: Format) -> Quantity {
        Quantity(amount: amount, format: format)
    }
}

// MARK: - Comparison

extension Quantity: Comparable, Hashable {
    /// Three-way comparison of the values (apimachinery's `Cmp`): -1, 0 or 1.
    public func compare(_ other: Quantity) -> Int {
        BigDecimal.compare(amount, other.amount)
    }

    /// Three-way comparison with an integer (apimachinery's `CmpInt64`).
    public func compare(to value: Int64) -> Int {
        BigDecimal.compare(amount, BigDecimal(value))
    }

    /// Equal values are equal whatever their format or spelling (`1Gi == 1024Mi`).
    public static func == (a: Quantity, b: Quantity) -> Bool { a.compare(b) == 0 }

    /// Orders by value (`500m < 1 < 1Ki`).
    public static func < (a: Quantity, b: Quantity) -> Bool { a.compare(b) < 0 }

    /// Hashes the value only, so equal quantities hash equal.
    public func hash(into hasher: inout Hasher) { hasher.combine(amount) }
}

// MARK: - Arithmetic

extension Quantity {
    /// The sum. The format is the left operand's, unless it is zero: then it is the right
    /// operand's, so that `0 + 1Gi` still prints `1Gi` (apimachinery's `Add`).
    public static func + (a: Quantity, b: Quantity) -> Quantity {
        let format = a.isZero ? b.format : a.format
        if b.isZero { return Quantity(amount: a.amount, format: format) }
        if a.isZero { return Quantity(amount: b.amount, format: format) }
        return Quantity(amount: a.amount + b.amount, format: format)
    }

    /// The difference, with `+`'s format rule (apimachinery's `Sub`).
    public static func - (a: Quantity, b: Quantity) -> Quantity {
        let format = a.isZero ? b.format : a.format
        if b.isZero { return Quantity(amount: a.amount, format: format) }
        if a.isZero { return Quantity(amount: b.amount.negated, format: format) }
        return Quantity(amount: a.amount - b.amount, format: format)
    }

    /// The negated value in the same format (apimachinery's `Neg`).
    public static prefix func - (q: Quantity) -> Quantity {
        Quantity(amount: q.amount.negated, format: q.format)
    }

    /// Adds in place.
    public static func += (a: inout Quantity, b: Quantity) { a = a + b }

    /// Subtracts in place.
    public static func -= (a: inout Quantity, b: Quantity) { a = a - b }

    /// The value rounded away from zero to a multiple of `10^scale`, and whether that lost
    /// nothing (apimachinery's `RoundUp`: `9.01` at scale -1 is `9.1`, inexact).
    /// `scale` must not exceed `maxDecimalExponent`, so that later sums stay bounded.
    public func roundedUp(toScale scale: Int) -> (quantity: Quantity, exact: Bool) {
        if amount.exponent >= scale { return (self, true) }
        precondition(scale <= Quantity.maxDecimalExponent, "Quantity scale out of range")
        let (rounded, exact) = amount.rescaled(to: scale)
        return (Quantity(amount: rounded, format: format, parsedText: exact ? parsedText : nil), exact)
    }
}

// MARK: - Numeric views

extension Quantity {
    /// The value rounded away from zero to an integer (apimachinery's `Value()`); saturates
    /// at the `Int64` limits.
    public var value: Int64 { scaledValue(0) }

    /// The value in thousandths, rounded away from zero (apimachinery's `MilliValue()`);
    /// saturates at the `Int64` limits.
    public var milliValue: Int64 { scaledValue(-3) }

    /// The value divided by `10^scale`, rounded away from zero (apimachinery's
    /// `ScaledValue`): `1` at scale -9 is `1000000000`, `1500m` at scale 0 is `2`.
    ///
    /// apimachinery leaves overflow undefined (one representation saturates, the other
    /// wraps) and rounds negative big values toward +∞ on one path; kit always rounds away
    /// from zero and saturates at `Int64.min` / `Int64.max`.
    public func scaledValue(_ scale: Int) -> Int64 {
        if amount.isZero { return 0 }
        let saturated: Int64 = amount.isNegative ? .min : .max
        // |value| < 10^top. More than 19 integer digits after scaling cannot fit, and do
        // not get built; a scale at or above top leaves only the rounding unit.
        let top = amount.digitCount + amount.exponent
        if scale < top - 19 { return saturated }
        if scale >= top { return amount.isNegative ? -1 : 1 }
        let (rounded, _) = amount.rescaled(to: scale)
        return rounded.scaledByPowerOfTen(-scale).int64Value ?? saturated
    }

    /// A double near the value, computed as apimachinery's `AsApproximateFloat64` does (the
    /// stored significand times Go's `math.Pow10` of the exponent), so the two agree to the
    /// last bit; ±infinity when out of range.
    public var approximateDouble: Double {
        let base = amount.significandAsDouble
        if amount.exponent == 0 { return base }
        return base * GoPow10.pow10(amount.exponent)
    }
}

// MARK: - Formatting

extension Quantity: CustomStringConvertible {
    /// The canonical form as a number and a suffix (apimachinery's `CanonicalizeBytes`):
    /// no fraction, the largest suffix that loses no precision, the sign only when negative.
    ///
    /// - `DecimalSI`: exponent lowered to a multiple of three (`0.5` → `500m`, `1.1` →
    ///   `1100m`); beyond `E` (10¹⁸) or below `n` it falls back to an `e` exponent (`1e21`).
    /// - `DecimalExponent`: the same digits with `eN` (`12e6`, `1e3`).
    /// - `BinarySI`: largest power of 1024 (`1536Mi`), but values strictly between -1024 and
    ///   1024, and values with a fraction, are written as `DecimalSI` (`500m`, `1025`).
    ///   Past `Ei` kit keeps `Ei` (`1024Ei`) where apimachinery prints the bare significand.
    public var canonicalParts: (number: String, suffix: String) {
        if amount.isZero { return ("0", "") }
        var format = self.format
        var integer = amount
        if format == .binarySI {
            if compare(to: -1024) > 0 && compare(to: 1024) < 0 {
                format = .decimalSI
            } else {
                let (rounded, exact) = amount.rescaled(to: 0)
                if exact { integer = rounded } else { format = .decimalSI }
            }
        }
        let sign = amount.isNegative ? "-" : ""
        switch format {
        case .decimalSI, .decimalExponent:
            let n = amount.normalized
            var limbs = n.limbs
            var exponent = n.exponent
            let lower = ((exponent % 3) + 3) % 3
            if lower != 0 {
                limbs = BigDecimal.multiplyByPowerOfTen(limbs, lower)
                exponent -= lower
            }
            return (sign + BigDecimal.digitString(limbs), Quantity.decimalSuffix(exponent, format))
        case .binarySI:
            var (rest, times) = BigDecimal.removingFactors(integer.limbs, 1024)
            while times > 6 {
                rest = BigDecimal.multiplySmall(rest, 1024)
                times -= 1
            }
            return (sign + BigDecimal.digitString(rest), Quantity.binarySuffixes[times])
        }
    }

    /// The canonical form (`1536Mi`, `500m`, `12e6`, `0`).
    public var description: String {
        let parts = canonicalParts
        return parts.number + parts.suffix
    }

    /// What apimachinery's `String()` and `MarshalJSON` give for this quantity, and so what
    /// an API server writes back: the canonical form, except that a freshly parsed
    /// quantity whose text the parser judged canonical keeps that exact text. That judgment
    /// is apimachinery's and is looser than `description` (`+1`, `1.500`, `1E3` are kept
    /// as written); any arithmetic result uses the canonical form.
    public var serializedForm: String { parsedText ?? description }

    static let binarySuffixes = ["", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei"]

    static func decimalSuffix(_ exponent: Int, _ format: Format) -> String {
        if format == .decimalSI {
            switch exponent {
            case -9: return "n"
            case -6: return "u"
            case -3: return "m"
            case 0: return ""
            case 3: return "k"
            case 6: return "M"
            case 9: return "G"
            case 12: return "T"
            case 15: return "P"
            case 18: return "E"
            default: break  // no SI suffix: write the exponent rather than drop it
            }
        }
        return exponent == 0 ? "" : "e\(exponent)"
    }
}

// MARK: - Errors

/// Why a quantity did not parse. The messages are apimachinery's own, so users searching
/// for them find the Kubernetes documentation.
public enum QuantityError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The text does not have the shape number-then-suffix (apimachinery's `ErrFormatWrong`).
    case formatWrong
    /// The number part has no digits where one is needed (apimachinery's `ErrNumeric`).
    case numeric
    /// The suffix is not a known unit or exponent (apimachinery's `ErrSuffix`).
    case suffix
    /// The decimal exponent exceeds `Quantity.maxDecimalExponent` (kit's own limit).
    case outOfRange

    /// apimachinery's message for the error (kit's own for `outOfRange`).
    public var description: String {
        switch self {
        case .formatWrong:
            return "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'"
        case .numeric: return "unable to parse numeric part of quantity"
        case .suffix: return "unable to parse quantity's suffix"
        case .outOfRange:
            return "quantity exponent is out of range: kit accepts exponents up to \(Quantity.maxDecimalExponent)"
        }
    }
}

// MARK: - Parsing

/// A port of apimachinery's `parseQuantityString` and `ParseQuantity`, step by step, because
/// which inputs fail, which are rounded and which keep their text all follow from the
/// order of its checks rather than from a grammar.
enum QuantityParser {
    /// The pieces `parseQuantityString` cuts a quantity into.
    struct Pieces {
        var positive = true
        /// Sign, digits and fraction as written (what the slow path hands to inf.Dec).
        var value: ArraySlice<UInt8> = []
        /// Integer digits without leading zeros, or "0".
        var num: [UInt8] = []
        /// Fraction digits.
        var denom: [UInt8] = []
        var suffix: [UInt8] = []
    }

    static func isDigit(_ c: UInt8) -> Bool { c >= 48 && c <= 57 }

    static func isSuffixLetter(_ c: UInt8) -> Bool {
        switch c {
        case UInt8(ascii: "e"), UInt8(ascii: "E"), UInt8(ascii: "i"), UInt8(ascii: "n"), UInt8(ascii: "u"),
            UInt8(ascii: "m"), UInt8(ascii: "k"), UInt8(ascii: "K"), UInt8(ascii: "M"), UInt8(ascii: "G"),
            UInt8(ascii: "T"), UInt8(ascii: "P"):
            return true
        default:
            return false
        }
    }

    static func scan(_ b: [UInt8]) throws(QuantityError) -> Pieces {
        var p = Pieces()
        var pos = 0
        let end = b.count
        if pos < end {
            if b[0] == UInt8(ascii: "-") {
                p.positive = false
                pos += 1
            } else if b[0] == UInt8(ascii: "+") {
                pos += 1
            }
        }
        // Leading zeros; a string of nothing but zeros is "0" with no suffix.
        var i = pos
        while true {
            if i >= end {
                p.num = [48]
                p.value = [48]
                return p
            }
            if b[i] != UInt8(ascii: "0") { break }
            pos += 1
            i += 1
        }
        // Integer digits.
        i = pos
        while true {
            if i >= end {
                p.num = Array(b[pos..<end])
                p.value = b[0..<end]
                return p
            }
            if !isDigit(b[i]) {
                p.num = Array(b[pos..<i])
                pos = i
                break
            }
            i += 1
        }
        if p.num.isEmpty { p.num = [48] }
        // Fraction digits (apimachinery accepts `1.` and `.5`).
        if pos < end && b[pos] == UInt8(ascii: ".") {
            pos += 1
            i = pos
            while true {
                if i >= end {
                    p.denom = Array(b[pos..<end])
                    p.value = b[0..<end]
                    return p
                }
                if !isDigit(b[i]) {
                    p.denom = Array(b[pos..<i])
                    pos = i
                    break
                }
                i += 1
            }
        }
        p.value = b[0..<pos]
        // Suffix: letters, then an optional sign and digits, up to the end.
        let suffixStart = pos
        i = pos
        while true {
            if i >= end {
                p.suffix = Array(b[suffixStart..<end])
                return p
            }
            if !isSuffixLetter(b[i]) {
                pos = i
                break
            }
            i += 1
        }
        if pos < end && (b[pos] == UInt8(ascii: "-") || b[pos] == UInt8(ascii: "+")) { pos += 1 }
        i = pos
        while true {
            if i >= end {
                p.suffix = Array(b[suffixStart..<end])
                return p
            }
            if !isDigit(b[i]) { break }
            i += 1
        }
        throw .formatWrong
    }

    /// Base (10 or 2), exponent and format of a suffix, or nil when it is unknown.
    static func interpret(_ s: [UInt8]) -> (base: Int, exponent: Int, format: Quantity.Format)? {
        switch String(decoding: s, as: UTF8.self) {
        case "": return (10, 0, .decimalSI)
        case "n": return (10, -9, .decimalSI)
        case "u": return (10, -6, .decimalSI)
        case "m": return (10, -3, .decimalSI)
        case "k": return (10, 3, .decimalSI)
        case "M": return (10, 6, .decimalSI)
        case "G": return (10, 9, .decimalSI)
        case "T": return (10, 12, .decimalSI)
        case "P": return (10, 15, .decimalSI)
        case "E": return (10, 18, .decimalSI)
        case "Ki": return (2, 10, .binarySI)
        case "Mi": return (2, 20, .binarySI)
        case "Gi": return (2, 30, .binarySI)
        case "Ti": return (2, 40, .binarySI)
        case "Pi": return (2, 50, .binarySI)
        case "Ei": return (2, 60, .binarySI)
        default:
            guard s.count > 1, s[0] == UInt8(ascii: "e") || s[0] == UInt8(ascii: "E"),
                let parsed = Int64(String(decoding: s[1...], as: UTF8.self))  // Go's ParseInt(_, 10, 64)
            else { return nil }
            // apimachinery stores the exponent as an int32 and wraps larger ones.
            return (10, Int(Int32(truncatingIfNeeded: parsed)), .decimalExponent)
        }
    }

    static let maxInt64 = BigDecimal(Int64.max)
    static let one = BigDecimal(1)

    static func parse(_ text: String) throws(QuantityError) -> Quantity {
        let bytes = Array(text.utf8)
        if bytes.isEmpty { throw .formatWrong }
        if bytes == [UInt8(ascii: "0")] { return Quantity(amount: .zero, format: .decimalSI, parsedText: text) }

        let p = try scan(bytes)
        guard let (base, exponent, suffixFormat) = interpret(p.suffix) else { throw .suffix }
        if exponent > Quantity.maxDecimalExponent { throw .outOfRange }
        var format = suffixFormat

        // The int64 fast path. Besides speed it decides which texts are kept as written.
        // apimachinery's released parsers take it for at most 18 digits.
        var precision = 0
        var scale = 0
        var multiplier: Int64 = 1
        switch format {
        case .decimalExponent, .decimalSI:
            scale = exponent
            precision = 18 - (p.num.count + p.denom.count)
        case .binarySI:
            if exponent >= 0 && p.denom.isEmpty {
                multiplier = Int64(1) << Int64(exponent)
                precision = 15 - p.num.count - Int(Float(exponent) * 3 / 10) - 1
            } else {
                precision = -1
            }
        }
        if precision >= 0 {
            scale -= p.denom.count
            if scale >= -9 {
                let shifted = p.num + p.denom
                guard let value = Int64(String(decoding: shifted, as: UTF8.self)) else { throw .numeric }
                let (product, overflow) = value.multipliedReportingOverflow(by: multiplier)
                if !overflow {
                    let result = p.positive ? product : -product
                    var kept: String? = nil
                    switch format {
                    case .binarySI:
                        if exponent % 10 == 0 && value & 0x07 != 0 { kept = text }
                    case .decimalSI, .decimalExponent:
                        let endsInThousand = shifted.count >= 3 && shifted.suffix(3).allSatisfy { $0 == UInt8(ascii: "0") }
                        if scale % 3 == 0 && !endsInThousand && shifted[0] != UInt8(ascii: "0") { kept = text }
                    }
                    return Quantity(amount: BigDecimal(result, exponent: scale), format: format, parsedText: kept)
                }
            }
        }

        // The exact path (inf.Dec in apimachinery).
        var digits: [UInt8] = []
        var fractionDigits = 0
        var negative = false
        var seenPoint = false
        for (i, c) in p.value.enumerated() {
            if i == 0 && (c == UInt8(ascii: "-") || c == UInt8(ascii: "+")) {
                negative = c == UInt8(ascii: "-")
            } else if c == UInt8(ascii: ".") {
                seenPoint = true
            } else {
                digits.append(c)
                if seenPoint { fractionDigits += 1 }
            }
        }
        if digits.isEmpty { throw .numeric }
        var amount = BigDecimal(digits: digits, negative: negative, exponent: -fractionDigits)
        if base == 10 {
            amount = amount.scaledByPowerOfTen(exponent)
        } else {
            amount = amount.multipliedByPowerOfTwo(exponent)
        }
        let wasNegative = amount.isNegative
        amount = amount.magnitude
        if !amount.isZero {
            // Round up to whole nano-units: asking for a sliver still gets some.
            amount = amount.rescaled(to: -9).value
        }
        if format == .binarySI && BigDecimal.compare(amount, maxInt64) > 0 {
            amount = maxInt64
        }
        if format == .binarySI && BigDecimal.compare(amount, one) < 0 && !amount.isZero {
            format = .decimalSI
        }
        if wasNegative { amount = amount.negated }
        return Quantity(amount: amount, format: format)
    }
}

/// Go's `math.Pow10`, table for table, because `approximateDouble` must round as
/// apimachinery's `AsApproximateFloat64` does and Go builds large powers from two factors.
enum GoPow10 {
    static let tab: [Double] = [
        1e00, 1e01, 1e02, 1e03, 1e04, 1e05, 1e06, 1e07, 1e08, 1e09,
        1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19,
        1e20, 1e21, 1e22, 1e23, 1e24, 1e25, 1e26, 1e27, 1e28, 1e29,
        1e30, 1e31,
    ]
    static let positive32: [Double] = [1e00, 1e32, 1e64, 1e96, 1e128, 1e160, 1e192, 1e224, 1e256, 1e288]
    static let negative32: [Double] = [1e-00, 1e-32, 1e-64, 1e-96, 1e-128, 1e-160, 1e-192, 1e-224, 1e-256, 1e-288,
        Double("1e-320")!,  // subnormal; written as text to say the rounding is intended
    ]

    static func pow10(_ n: Int) -> Double {
        if n >= 0 && n <= 308 { return positive32[n / 32] * tab[n % 32] }
        if n >= -323 && n <= 0 { return negative32[-n / 32] / tab[-n % 32] }
        return n > 0 ? .infinity : 0
    }
}
