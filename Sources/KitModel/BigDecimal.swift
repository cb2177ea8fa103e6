/// An exact decimal number: a signed integer significand times a power of ten.
///
/// `Quantity` needs the arithmetic apimachinery gets from `gopkg.in/inf.v0` and `math/big`:
/// values beyond 64 bits (`18446744073709551616`, `12E` + `12E`), nano-unit rounding and
/// exact comparison. Only what quantities use is here: parse from digits, add, subtract,
/// compare, rescale with rounding away from zero, strip or add factors of ten and 1024.
///
/// The significand is kept as it was built (`1.50` is 150 × 10⁻²), not normalised, because
/// apimachinery's float conversion multiplies the stored significand by `10^exponent` and
/// we want the same rounding; equality and hashing look at the value only.
///
/// The magnitude is stored in base 10⁹ limbs so that decimal parsing, printing and scaling
/// by powers of ten are limb shifts plus one small multiplication.
struct BigDecimal: Sendable {
    /// Magnitude of the significand, least significant limb first, each limb < 10⁹;
    /// no zero limbs at the top, so zero is the empty array.
    private(set) var limbs: [UInt32]
    /// True for negative values; always false for zero.
    private(set) var isNegative: Bool
    /// The power of ten the significand is multiplied by.
    private(set) var exponent: Int

    static let limbBase: UInt64 = 1_000_000_000
    static let limbDigits = 9
    /// 10⁰ … 10⁹, for the part of a power-of-ten scaling that does not fill a whole limb.
    static let smallPowers: [UInt32] = [1, 10, 100, 1000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000, 1_000_000_000]

    /// Zero with exponent 0.
    static let zero = BigDecimal(limbs: [], isNegative: false, exponent: 0)

    init(limbs: [UInt32], isNegative: Bool, exponent: Int) {
        var limbs = limbs
        while let last = limbs.last, last == 0 { limbs.removeLast() }
        self.limbs = limbs
        self.isNegative = limbs.isEmpty ? false : isNegative
        self.exponent = exponent
    }

    /// `value × 10^exponent`.
    init(_ value: Int64, exponent: Int = 0) {
        var magnitude = value.magnitude
        var limbs: [UInt32] = []
        while magnitude > 0 {
            limbs.append(UInt32(magnitude % BigDecimal.limbBase))
            magnitude /= BigDecimal.limbBase
        }
        self.init(limbs: limbs, isNegative: value < 0, exponent: exponent)
    }

    /// Builds `±digits × 10^exponent` from ASCII decimal digits (leading zeros allowed).
    init<C: Collection>(digits: C, negative: Bool, exponent: Int) where C.Element == UInt8 {
        let bytes = Array(digits)
        var limbs: [UInt32] = []
        limbs.reserveCapacity(bytes.count / BigDecimal.limbDigits + 1)
        var end = bytes.count
        while end > 0 {
            let start = max(0, end - BigDecimal.limbDigits)
            var limb: UInt32 = 0
            for i in start..<end { limb = limb * 10 + UInt32(bytes[i] &- 48) }
            limbs.append(limb)
            end = start
        }
        self.init(limbs: limbs, isNegative: negative, exponent: exponent)
    }

    var isZero: Bool { limbs.isEmpty }

    /// -1, 0 or 1.
    var sign: Int { isZero ? 0 : (isNegative ? -1 : 1) }

    var negated: BigDecimal { BigDecimal(limbs: limbs, isNegative: !isNegative, exponent: exponent) }

    var magnitude: BigDecimal { BigDecimal(limbs: limbs, isNegative: false, exponent: exponent) }

    /// The value times `10^power`: only the exponent moves.
    func scaledByPowerOfTen(_ power: Int) -> BigDecimal {
        BigDecimal(limbs: limbs, isNegative: isNegative, exponent: exponent + power)
    }

    /// Number of decimal digits in the significand (0 for zero).
    var digitCount: Int { BigDecimal.digitCount(limbs) }

    /// The significand's digits, without sign (`"0"` for zero).
    var significandDigits: String { BigDecimal.digitString(limbs) }

    /// The same value with every trailing zero digit of the significand moved into the
    /// exponent; zero becomes `0 × 10⁰`. Two equal values normalise identically.
    var normalized: BigDecimal {
        if isZero { return .zero }
        let zeros = BigDecimal.trailingZeroDigits(limbs)
        if zeros == 0 { return self }
        let (q, _) = BigDecimal.divideByPowerOfTen(limbs, zeros)
        return BigDecimal(limbs: q, isNegative: isNegative, exponent: exponent + zeros)
    }

    /// True when the value has no fractional part.
    var isInteger: Bool {
        if isZero || exponent >= 0 { return true }
        return BigDecimal.trailingZeroDigits(limbs) >= -exponent
    }

    /// The value expressed with exactly `target` as exponent. When that drops digits, the
    /// result is rounded away from zero (inf.Dec's `RoundUp`) and `exact` is false.
    func rescaled(to target: Int) -> (value: BigDecimal, exact: Bool) {
        if isZero { return (BigDecimal(limbs: [], isNegative: false, exponent: target), true) }
        if target <= exponent {
            let scaled = BigDecimal.multiplyByPowerOfTen(limbs, exponent - target)
            return (BigDecimal(limbs: scaled, isNegative: isNegative, exponent: target), true)
        }
        if target - digitCount > exponent {
            // Everything is fraction: the smallest step away from zero.
            return (BigDecimal(limbs: [1], isNegative: isNegative, exponent: target), false)
        }
        var (q, exact) = BigDecimal.divideByPowerOfTen(limbs, target - exponent)
        if !exact { q = BigDecimal.add(q, [1]) }
        return (BigDecimal(limbs: q, isNegative: isNegative, exponent: target), exact)
    }

    /// The value multiplied by `2^power` (same exponent).
    func multipliedByPowerOfTwo(_ power: Int) -> BigDecimal {
        var result = limbs
        var remaining = power
        while remaining > 0 {
            let step = min(remaining, 29)
            result = BigDecimal.multiplySmall(result, UInt32(1) << UInt32(step))
            remaining -= step
        }
        return BigDecimal(limbs: result, isNegative: isNegative, exponent: exponent)
    }

    /// For an integer significand: divides out `factor` as often as it goes evenly.
    /// Returns the rest and the number of divisions (`2048` by 1024 is `(2, 1)`).
    static func removingFactors(_ limbs: [UInt32], _ factor: UInt32) -> (rest: [UInt32], times: Int) {
        var current = limbs
        var times = 0
        while !current.isEmpty {
            let (q, r) = divideSmall(current, factor)
            if r != 0 { break }
            current = q
            times += 1
        }
        return (current, times)
    }

    /// Exact three-way comparison of values.
    static func compare(_ a: BigDecimal, _ b: BigDecimal) -> Int {
        if a.sign != b.sign { return a.sign < b.sign ? -1 : 1 }
        if a.isZero { return 0 }
        let magnitudeOrder = compareMagnitudes(a, b)
        return a.isNegative ? -magnitudeOrder : magnitudeOrder
    }

    /// Compares |a| and |b| (both non-zero) without building huge intermediates when the
    /// orders of magnitude already differ.
    private static func compareMagnitudes(_ a: BigDecimal, _ b: BigDecimal) -> Int {
        let aTop = a.digitCount + a.exponent
        let bTop = b.digitCount + b.exponent
        if aTop != bTop { return aTop < bTop ? -1 : 1 }
        let low = min(a.exponent, b.exponent)
        let x = multiplyByPowerOfTen(a.limbs, a.exponent - low)
        let y = multiplyByPowerOfTen(b.limbs, b.exponent - low)
        return compareLimbs(x, y)
    }

    /// Exact sum; the result's exponent is the smaller of the two (as inf.Dec aligns scales).
    static func + (a: BigDecimal, b: BigDecimal) -> BigDecimal {
        let low = min(a.exponent, b.exponent)
        let x = multiplyByPowerOfTen(a.limbs, a.exponent - low)
        let y = multiplyByPowerOfTen(b.limbs, b.exponent - low)
        if a.isNegative == b.isNegative {
            return BigDecimal(limbs: add(x, y), isNegative: a.isNegative, exponent: low)
        }
        switch compareLimbs(x, y) {
        case 0: return BigDecimal(limbs: [], isNegative: false, exponent: low)
        case 1: return BigDecimal(limbs: subtract(x, y), isNegative: a.isNegative, exponent: low)
        default: return BigDecimal(limbs: subtract(y, x), isNegative: b.isNegative, exponent: low)
        }
    }

    static func - (a: BigDecimal, b: BigDecimal) -> BigDecimal { a + b.negated }

    /// Nearest double to the significand (correctly rounded, ±infinity beyond range), as Go's
    /// `big.Float.SetInt(x).Float64()` gives it.
    var significandAsDouble: Double {
        let text = (isNegative ? "-" : "") + significandDigits
        return Double(text) ?? (isNegative ? -.infinity : .infinity)
    }

    /// The value as an Int64, or nil when it is not an integer or does not fit.
    var int64Value: Int64? {
        guard isInteger else { return nil }
        let (integer, _) = rescaled(to: 0)
        guard integer.limbs.count <= 3 else { return nil }
        var magnitude: UInt64 = 0
        for limb in integer.limbs.reversed() {
            let (m1, o1) = magnitude.multipliedReportingOverflow(by: BigDecimal.limbBase)
            let (m2, o2) = m1.addingReportingOverflow(UInt64(limb))
            if o1 || o2 { return nil }
            magnitude = m2
        }
        if integer.isNegative {
            if magnitude > UInt64(Int64.max) + 1 { return nil }
            return magnitude == UInt64(Int64.max) + 1 ? Int64.min : -Int64(magnitude)
        }
        return magnitude > UInt64(Int64.max) ? nil : Int64(magnitude)
    }

    // MARK: - Magnitude arithmetic on base-10⁹ limbs

    static func digitCount(_ limbs: [UInt32]) -> Int {
        guard let top = limbs.last else { return 0 }
        var digits = 1
        var t = top
        while t >= 10 { t /= 10; digits += 1 }
        return (limbs.count - 1) * limbDigits + digits
    }

    static func digitString(_ limbs: [UInt32]) -> String {
        guard let top = limbs.last else { return "0" }
        var out = String(top)
        for limb in limbs.dropLast().reversed() {
            let s = String(limb)
            out += String(repeating: "0", count: limbDigits - s.count) + s
        }
        return out
    }

    static func trailingZeroDigits(_ limbs: [UInt32]) -> Int {
        var count = 0
        for limb in limbs {
            if limb == 0 { count += limbDigits; continue }
            var l = limb
            while l % 10 == 0 { l /= 10; count += 1 }
            return count
        }
        return count
    }

    static func compareLimbs(_ a: [UInt32], _ b: [UInt32]) -> Int {
        if a.count != b.count { return a.count < b.count ? -1 : 1 }
        for i in stride(from: a.count - 1, through: 0, by: -1) where a[i] != b[i] {
            return a[i] < b[i] ? -1 : 1
        }
        return 0
    }

    static func add(_ a: [UInt32], _ b: [UInt32]) -> [UInt32] {
        var result: [UInt32] = []
        result.reserveCapacity(max(a.count, b.count) + 1)
        var carry: UInt64 = 0
        for i in 0..<max(a.count, b.count) {
            let sum = UInt64(i < a.count ? a[i] : 0) + UInt64(i < b.count ? b[i] : 0) + carry
            result.append(UInt32(sum % limbBase))
            carry = sum / limbBase
        }
        if carry > 0 { result.append(UInt32(carry)) }
        return result
    }

    /// a - b for a ≥ b.
    static func subtract(_ a: [UInt32], _ b: [UInt32]) -> [UInt32] {
        var result: [UInt32] = []
        result.reserveCapacity(a.count)
        var borrow: Int64 = 0
        for i in 0..<a.count {
            var diff = Int64(a[i]) - Int64(i < b.count ? b[i] : 0) - borrow
            if diff < 0 {
                diff += Int64(limbBase)
                borrow = 1
            } else {
                borrow = 0
            }
            result.append(UInt32(diff))
        }
        while let last = result.last, last == 0 { result.removeLast() }
        return result
    }

    static func multiplySmall(_ a: [UInt32], _ m: UInt32) -> [UInt32] {
        if a.isEmpty || m == 0 { return [] }
        var result: [UInt32] = []
        result.reserveCapacity(a.count + 2)
        var carry: UInt64 = 0
        for limb in a {
            let product = UInt64(limb) * UInt64(m) + carry
            result.append(UInt32(product % limbBase))
            carry = product / limbBase
        }
        while carry > 0 {
            result.append(UInt32(carry % limbBase))
            carry /= limbBase
        }
        return result
    }

    static func multiplyByPowerOfTen(_ a: [UInt32], _ power: Int) -> [UInt32] {
        if a.isEmpty || power == 0 { return a }
        let shifted = [UInt32](repeating: 0, count: power / limbDigits) + a
        let rest = power % limbDigits
        return rest == 0 ? shifted : multiplySmall(shifted, smallPowers[rest])
    }

    /// Quotient and remainder of a division by a small divisor (1 … 2³²-1).
    static func divideSmall(_ a: [UInt32], _ d: UInt32) -> (quotient: [UInt32], remainder: UInt32) {
        var quotient = [UInt32](repeating: 0, count: a.count)
        var remainder: UInt64 = 0
        for i in stride(from: a.count - 1, through: 0, by: -1) {
            let current = remainder * limbBase + UInt64(a[i])
            quotient[i] = UInt32(current / UInt64(d))
            remainder = current % UInt64(d)
        }
        while let last = quotient.last, last == 0 { quotient.removeLast() }
        return (quotient, UInt32(remainder))
    }

    /// Truncated quotient by 10^power, and whether nothing was dropped.
    static func divideByPowerOfTen(_ a: [UInt32], _ power: Int) -> (quotient: [UInt32], exact: Bool) {
        let whole = power / limbDigits
        if whole >= a.count { return ([], a.isEmpty) }
        var exact = a[..<whole].allSatisfy { $0 == 0 }
        var rest = Array(a[whole...])
        let part = power % limbDigits
        if part > 0 {
            let (q, r) = divideSmall(rest, smallPowers[part])
            rest = q
            if r != 0 { exact = false }
        }
        return (rest, exact)
    }
}

extension BigDecimal: Equatable, Hashable {
    /// Equal values compare equal whatever their significand and exponent (`1.50 == 1.5`).
    static func == (a: BigDecimal, b: BigDecimal) -> Bool { compare(a, b) == 0 }

    func hash(into hasher: inout Hasher) {
        let n = normalized
        hasher.combine(n.isNegative)
        hasher.combine(n.limbs)
        hasher.combine(n.isZero ? 0 : n.exponent)
    }
}

extension BigDecimal: CustomStringConvertible {
    /// `significand e exponent`, for debugging (`-15e-1`).
    var description: String { "\(isNegative ? "-" : "")\(significandDigits)e\(exponent)" }
}
