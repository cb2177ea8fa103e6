import KitCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Numbers as jq 1.8 (built with decNumber) treats them: literals keep their text while they
/// pass through unchanged, arithmetic happens in doubles, and a literal becomes a double by
/// first rounding it to 17 significant digits (jq's `jvp_literal_number_to_double`).
extension Value {
    /// The number as jq's arithmetic sees it, or nil for non-numbers.
    @inline(__always)
    var number: Double? {
        switch self {
        case .int(let i):
            // Integers up to 2^53 convert exactly; larger ones are literals in jq.
            if i >= -9_007_199_254_740_992 && i <= 9_007_199_254_740_992 { return Double(i) }
            return literalDouble(String(i))
        case .double(let d): return d
        case .decimal(let d): return literalDouble(d.text)
        default: return nil
        }
    }

    /// A double as a value: an `int` when it is an integer below 2^53 (so that it prints and
    /// compares exactly like the double), else a `double`.
    @inline(__always)
    static func number(_ d: Double) -> Value {
        if d == d.rounded(.towardZero) && abs(d) < 9_007_199_254_740_992 && !(d == 0 && d.sign == .minus) {
            return .int(Int(d))
        }
        return .double(d)
    }

    var isNaNNumber: Bool {
        switch self {
        case .double(let d): return d.isNaN
        case .decimal(let d): return d.text.lowercased().contains("nan")
        default: return false
        }
    }
}

/// The double jq 1.8 gives a number literal: the literal rounded to 17 significant digits
/// (half to even, as decNumber's decimal64 context rounds), then converted.
func literalDouble(_ text: String) -> Double {
    let bytes = Array(text.utf8)
    var digits: [UInt8] = []
    var negative = false
    var exponent = 0
    var pointSeen = false
    var fractionDigits = 0
    var i = 0
    if i < bytes.count && (bytes[i] == UInt8(ascii: "-") || bytes[i] == UInt8(ascii: "+")) {
        negative = bytes[i] == UInt8(ascii: "-")
        i += 1
    }
    while i < bytes.count {
        let c = bytes[i]
        if c >= 0x30 && c <= 0x39 {
            if !(digits.isEmpty && c == 0x30) { digits.append(c) }
            if pointSeen { fractionDigits += 1 }
        } else if c == UInt8(ascii: ".") {
            pointSeen = true
        } else if c == UInt8(ascii: "e") || c == UInt8(ascii: "E") {
            exponent = Int(String(decoding: bytes[(i + 1)...], as: UTF8.self)) ?? 0
            break
        } else {
            return Double(text) ?? .nan
        }
        i += 1
    }
    // value = 0.digits… handled as integer digits × 10^(exponent - fractionDigits), where the
    // leading zeros dropped above were never significant.
    exponent -= fractionDigits
    if digits.count > 17 {
        let dropped = digits.count - 17
        var kept = Array(digits[0..<17])
        let next = digits[17]
        let restNonZero = digits[18...].contains { $0 != 0x30 }
        var roundUp = false
        if next > 0x35 || (next == 0x35 && restNonZero) {
            roundUp = true
        } else if next == 0x35 && !restNonZero {
            roundUp = (kept[16] - 0x30) % 2 == 1
        }
        exponent += dropped
        if roundUp {
            var j = 16
            while j >= 0 {
                if kept[j] == 0x39 {
                    kept[j] = 0x30
                    j -= 1
                } else {
                    kept[j] += 1
                    break
                }
            }
            if j < 0 {
                kept.insert(0x31, at: 0)
                kept.removeLast()
                exponent += 1
            }
        }
        digits = kept
    }
    if digits.isEmpty { return negative ? -0.0 : 0.0 }
    let literal = (negative ? "-" : "") + String(decoding: digits, as: UTF8.self) + "e" + String(exponent)
    return Double(literal) ?? .nan
}

/// The value of a number literal in a jq program (`1`, `1.5`, `.5`, `1.`, `1e3`, `007`).
func numberLiteral(_ text: String) -> Value {
    var t = text
    if t.hasPrefix(".") { t = "0" + t }
    // `1.e5` and `1.` are `1e5` and `1`.
    var cleaned = Array(t.utf8)
    if let dot = cleaned.firstIndex(of: UInt8(ascii: ".")),
        dot + 1 == cleaned.count || cleaned[dot + 1] == UInt8(ascii: "e") || cleaned[dot + 1] == UInt8(ascii: "E")
    {
        cleaned.remove(at: dot)
    }
    t = String(decoding: cleaned, as: UTF8.self)
    // Leading zeros of the integer part are not JSON; they carry no value either.
    var bytes = Array(t.utf8)
    while bytes.count > 1 && bytes[0] == 0x30 && bytes[1] >= 0x30 && bytes[1] <= 0x39 { bytes.removeFirst() }
    t = String(decoding: bytes, as: UTF8.self)
    return JSONReader.number(literal: t) ?? .double(Double(t) ?? .nan)
}

/// Negation that keeps a literal's digits (jq 1.8 negates literals exactly).
func negateNumber(_ v: Value) -> Value? {
    switch v {
    case .int(let i):
        if i == Int.min { return .decimal(DecimalNumber("9223372036854775808")!) }
        if i == 0 { return .int(0) }
        return .int(-i)
    case .double(let d): return Value.number(-d)
    case .decimal(let d):
        let text = d.text
        if text.hasPrefix("-") { return numberOrLiteral(String(text.dropFirst())) }
        return numberOrLiteral("-" + text)
    default: return nil
    }
}

/// A literal as a value, keeping it a decimal unless it is a plain 64-bit integer.
func numberOrLiteral(_ text: String) -> Value {
    if let i = Int(text), text != "-0" { return .int(i) }
    if let d = DecimalNumber(text) { return .decimal(d) }
    return .double(Double(text) ?? .nan)
}
