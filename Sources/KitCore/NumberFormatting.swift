/// The shortest decimal digits that read back as the same double, and the formats built on
/// them: Go's `strconv.FormatFloat(f, 'g', -1, 64)` (YAML output, as kustomize prints it),
/// Go's `encoding/json` float format (kubectl `-o json`) and jq's `jvp_dtoa_fmt` (jq output).
public struct ShortestDigits: Sendable, Equatable {
    /// ASCII digits, no leading or trailing zeros ("0" for zero).
    public var digits: [UInt8]
    /// Position of the decimal point: the value is 0.d1d2… × 10^decimalPoint.
    public var decimalPoint: Int
    public var negative: Bool

    /// Digits of a finite double.
    public init(_ value: Double) {
        precondition(value.isFinite)
        negative = value.sign == .minus
        // Swift's description is the shortest round-trip representation, like Go's and jq's
        // shortest modes; only its layout differs, so take the digits and exponent from it.
        let text = Array(value.magnitude.description.utf8)
        var mantissa: [UInt8] = []
        var pointIndex: Int? = nil
        var exponent = 0
        var i = 0
        while i < text.count {
            let c = text[i]
            if c == UInt8(ascii: ".") {
                pointIndex = mantissa.count
            } else if c == UInt8(ascii: "e") || c == UInt8(ascii: "E") {
                exponent = Int(String(decoding: text[(i + 1)...], as: UTF8.self))!
                break
            } else {
                mantissa.append(c)
            }
            i += 1
        }
        var point = (pointIndex ?? mantissa.count) + exponent
        var lead = 0
        while lead < mantissa.count - 1 && mantissa[lead] == UInt8(ascii: "0") {
            lead += 1
            point -= 1
        }
        var end = mantissa.count
        while end > lead + 1 && mantissa[end - 1] == UInt8(ascii: "0") { end -= 1 }
        digits = Array(mantissa[lead..<end])
        if digits == [UInt8(ascii: "0")] { point = 1 }
        decimalPoint = point
    }

    var isZero: Bool { digits == [UInt8(ascii: "0")] }

    /// `d.ddde±XX` with at least two exponent digits (Go's %e with shortest precision).
    func goExponentForm(minExponentDigits: Int = 2) -> String {
        var out: [UInt8] = negative ? [UInt8(ascii: "-")] : []
        out.append(digits[0])
        if digits.count > 1 {
            out.append(UInt8(ascii: "."))
            out.append(contentsOf: digits[1...])
        }
        out.append(UInt8(ascii: "e"))
        var exp = isZero ? 0 : decimalPoint - 1
        out.append(exp < 0 ? UInt8(ascii: "-") : UInt8(ascii: "+"))
        exp = abs(exp)
        let expDigits = Array(String(exp).utf8)
        for _ in expDigits.count..<max(minExponentDigits, expDigits.count) { out.append(UInt8(ascii: "0")) }
        out.append(contentsOf: expDigits)
        return String(decoding: out, as: UTF8.self)
    }

    /// Plain positional notation with exactly the digits needed (Go's %f with shortest precision).
    func positionalForm() -> String {
        var out: [UInt8] = negative ? [UInt8(ascii: "-")] : []
        if isZero {
            out.append(UInt8(ascii: "0"))
        } else if decimalPoint <= 0 {
            out.append(contentsOf: Array("0.".utf8))
            out.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: -decimalPoint))
            out.append(contentsOf: digits)
        } else if decimalPoint >= digits.count {
            out.append(contentsOf: digits)
            out.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: decimalPoint - digits.count))
        } else {
            out.append(contentsOf: digits[..<decimalPoint])
            out.append(UInt8(ascii: "."))
            out.append(contentsOf: digits[decimalPoint...])
        }
        return String(decoding: out, as: UTF8.self)
    }
}

public enum NumberFormatting {
    /// Go's `strconv.FormatFloat(value, 'g', -1, 64)`, with YAML's spellings of the
    /// non-finite values (`.inf`, `-.inf`, `.nan`) as go-yaml v2 writes them.
    public static func goG(_ value: Double) -> String {
        if value.isNaN { return ".nan" }
        if value.isInfinite { return value < 0 ? "-.inf" : ".inf" }
        let d = ShortestDigits(value)
        let exp = d.isZero ? 0 : d.decimalPoint - 1
        // With shortest precision Go switches to exponent form below 1e-4 and from 1e6 up.
        if exp < -4 || exp >= 6 { return d.goExponentForm() }
        return d.positionalForm()
    }

    /// Go's `encoding/json` spelling of a float64: positional between 1e-6 and 1e21,
    /// otherwise exponent form with Go's `e-07` → `e-7` clean-up. Nil for non-finite values,
    /// which Go refuses to encode.
    public static func goJSON(_ value: Double) -> String? {
        guard value.isFinite else { return nil }
        let magnitude = value.magnitude
        let d = ShortestDigits(value)
        if magnitude != 0 && (magnitude < 1e-6 || magnitude >= 1e21) {
            var s = Array(d.goExponentForm().utf8)
            // Go trims the padding zero of negative two-digit exponents only: e-07 → e-7.
            let n = s.count
            if n >= 4 && s[n - 4] == UInt8(ascii: "e") && s[n - 3] == UInt8(ascii: "-") && s[n - 2] == UInt8(ascii: "0") {
                s.remove(at: n - 2)
            }
            return String(decoding: s, as: UTF8.self)
        }
        return d.positionalForm()
    }

    /// jq's number output for a double (`jvp_dtoa_fmt`): positional unless the decimal point
    /// is more than 15 places past the digits or 4 or more places before them; exponents have
    /// at least two digits. Infinities print as ±DBL_MAX and NaN as `null`, as jq prints them.
    public static func jq(_ value: Double) -> String {
        if value.isNaN { return "null" }
        var v = value
        if v > Double.greatestFiniteMagnitude { v = .greatestFiniteMagnitude }
        if v < -Double.greatestFiniteMagnitude { v = -.greatestFiniteMagnitude }
        let d = ShortestDigits(v)
        if d.decimalPoint <= -4 || d.decimalPoint > d.digits.count + 15 {
            return d.goExponentForm()
        }
        return d.positionalForm()
    }

    /// decNumber's to-scientific-string of a literal, as jq 1.7+ prints an unchanged literal:
    /// the coefficient keeps its trailing zeros (`1.000`), and exponent notation (`1E+1000`)
    /// is used when the exponent is positive or the value is below 1e-6.
    public static func jqLiteral(_ literal: String) -> String {
        var bytes = Array(literal.utf8)[...]
        var negative = false
        if bytes.first == UInt8(ascii: "-") {
            negative = true
            bytes = bytes.dropFirst()
        } else if bytes.first == UInt8(ascii: "+") {
            bytes = bytes.dropFirst()
        }
        var coefficient: [UInt8] = []
        var exponent = 0
        var afterPoint = false
        var fractionDigits = 0
        var i = bytes.startIndex
        while i < bytes.endIndex {
            let c = bytes[i]
            if c == UInt8(ascii: ".") {
                afterPoint = true
            } else if c == UInt8(ascii: "e") || c == UInt8(ascii: "E") {
                exponent = Int(String(decoding: bytes[(i + 1)...], as: UTF8.self)) ?? 0
                break
            } else {
                coefficient.append(c)
                if afterPoint { fractionDigits += 1 }
            }
            i += 1
        }
        exponent -= fractionDigits
        // Strip leading zeros of the coefficient (keep one).
        var lead = 0
        while lead < coefficient.count - 1 && coefficient[lead] == UInt8(ascii: "0") { lead += 1 }
        let c = Array(coefficient[lead...])
        let adjusted = exponent + c.count - 1
        var out: [UInt8] = negative ? [UInt8(ascii: "-")] : []
        if exponent <= 0 && adjusted >= -6 {
            if exponent == 0 {
                out.append(contentsOf: c)
            } else if -exponent < c.count {
                let split = c.count + exponent
                out.append(contentsOf: c[..<split])
                out.append(UInt8(ascii: "."))
                out.append(contentsOf: c[split...])
            } else {
                out.append(contentsOf: Array("0.".utf8))
                out.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: -exponent - c.count))
                out.append(contentsOf: c)
            }
        } else {
            out.append(c[0])
            if c.count > 1 {
                out.append(UInt8(ascii: "."))
                out.append(contentsOf: c[1...])
            }
            out.append(UInt8(ascii: "E"))
            out.append(adjusted < 0 ? UInt8(ascii: "-") : UInt8(ascii: "+"))
            out.append(contentsOf: Array(String(abs(adjusted)).utf8))
        }
        return String(decoding: out, as: UTF8.self)
    }
}

/// `value` in hexadecimal, zero-padded to `width` digits (escapes and code points in messages).
func zeroPaddedHex(_ value: some BinaryInteger, width: Int, uppercase: Bool = false) -> String {
    let digits = String(value, radix: 16, uppercase: uppercase)
    return String(repeating: "0", count: max(0, width - digits.count)) + digits
}
