import KitCore

/// The pieces of Go's `strconv` that kubectl's template and column parsers use.
enum GoStrconv {
    /// `strconv.Atoi`: an optional sign and ASCII decimal digits that fit 64 bits.
    static func atoi(_ s: String) -> Int? {
        var bytes = Array(s.utf8)[...]
        var negative = false
        if let c = bytes.first, c == 43 || c == 45 {
            negative = c == 45
            bytes = bytes.dropFirst()
        }
        guard !bytes.isEmpty else { return nil }
        var n: UInt64 = 0
        for c in bytes {
            guard c >= 48 && c <= 57 else { return nil }
            let (m, o1) = n.multipliedReportingOverflow(by: 10)
            let (a, o2) = m.addingReportingOverflow(UInt64(c - 48))
            if o1 || o2 { return nil }
            n = a
        }
        if negative {
            if n > UInt64(Int64.max) + 1 { return nil }
            return n == UInt64(Int64.max) + 1 ? Int.min : -Int(n)
        }
        return n > UInt64(Int64.max) ? nil : Int(n)
    }

    /// `strconv.ParseFloat(s, 64)` for the texts a JSONPath number can be (sign, digits, dots).
    static func parseFloat(_ s: String) -> Double? {
        guard !s.isEmpty, s.utf8.allSatisfy({ $0 == 43 || $0 == 45 || $0 == 46 || ($0 >= 48 && $0 <= 57) }) else {
            return nil
        }
        return Double(s)
    }

    /// client-go's `UnquoteExtend`: Go's `strconv.Unquote` for double- or single-quoted text
    /// (single quotes may hold a whole string). Nil for invalid syntax.
    static func unquoteExtend(_ quoted: String) -> String? {
        var s = Array(quoted.unicodeScalars)
        guard s.count >= 2, let quote = s.first, quote == s.last, quote == "\"" || quote == "'" else { return nil }
        s = Array(s[1..<(s.count - 1)])
        if !s.contains("\\") && !s.contains(quote) { return String(String.UnicodeScalarView(s)) }
        var out: [UInt8] = []
        var i = 0
        while i < s.count {
            guard let (piece, next) = unquoteChar(s, i, quote: quote) else { return nil }
            out.append(contentsOf: piece)
            i = next
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// `strconv.UnquoteChar`: the bytes of the character or escape at `i`, and where the next starts.
    static func unquoteChar(_ s: [Unicode.Scalar], _ i: Int, quote: Unicode.Scalar) -> ([UInt8], Int)? {
        let c = s[i]
        if c == quote && (quote == "'" || quote == "\"") { return nil }
        if c != "\\" { return (Array(String(c).utf8), i + 1) }
        guard i + 1 < s.count else { return nil }
        let e = s[i + 1]
        var j = i + 2
        func simple(_ v: UInt8) -> ([UInt8], Int) { ([v], j) }
        switch e {
        case "a": return simple(7)
        case "b": return simple(8)
        case "f": return simple(12)
        case "n": return simple(10)
        case "r": return simple(13)
        case "t": return simple(9)
        case "v": return simple(11)
        case "x", "u", "U":
            let n = e == "x" ? 2 : (e == "u" ? 4 : 8)
            guard j + n <= s.count else { return nil }
            var v: UInt32 = 0
            for k in j..<(j + n) {
                guard let d = hexDigit(s[k]) else { return nil }
                v = v << 4 | d
            }
            j += n
            if e == "x" { return ([UInt8(v)], j) }  // a single byte, even when not UTF-8
            guard let scalar = Unicode.Scalar(v), v <= 0x10FFFF else { return nil }
            return (Array(String(scalar).utf8), j)
        case "0", "1", "2", "3", "4", "5", "6", "7":
            var v = e.value - 48
            guard i + 4 <= s.count else { return nil }
            for k in (i + 2)..<(i + 4) {
                let d = s[k].value
                guard d >= 48 && d <= 55 else { return nil }
                v = v * 8 + (d - 48)
            }
            guard v <= 255 else { return nil }
            return ([UInt8(v)], i + 4)
        case "\\": return simple(92)
        case "'", "\"":
            guard e == quote else { return nil }
            return simple(UInt8(e.value))
        default:
            return nil
        }
    }

    static func hexDigit(_ c: Unicode.Scalar) -> UInt32? {
        switch c.value {
        case 48...57: return c.value - 48
        case 97...102: return c.value - 87
        case 65...70: return c.value - 55
        default: return nil
        }
    }
}

/// Go's `fmt` spellings of JSON values as kubectl holds them (`map[string]interface{}`,
/// `[]interface{}`, `string`, `int64`, `float64`, `bool`, nil).
public enum GoPrint {
    /// `fmt.Sprint(v)`: strings as they are, integers in decimal, floats as `%v` (`1e+06`),
    /// nil as `<nil>`, arrays as `[a b]`, objects as `map[k:v]` with keys in byte order.
    public static func sprint(_ value: Value) -> String {
        var out = ""
        append(value, to: &out)
        return out
    }

    static func append(_ value: Value, to out: inout String) {
        switch value {
        case .null: out += "<nil>"
        case .bool(let b): out += b ? "true" : "false"
        case .int(let i): out += String(i)
        case .double(let d): out += float(d)
        case .decimal(let d): out += float(d.doubleValue)  // beyond int64: kubectl decodes a float64
        case .string(let s): out += s
        case .array(let items):
            out += "["
            for (i, item) in items.enumerated() {
                if i > 0 { out += " " }
                append(item, to: &out)
            }
            out += "]"
        case .object(let object):
            out += "map["
            for (i, entry) in object.sortedByKeyBytes().enumerated() {
                if i > 0 { out += " " }
                out += entry.key
                out += ":"
                append(entry.value, to: &out)
            }
            out += "]"
        }
    }

    /// `%v` of a float64.
    public static func float(_ d: Double) -> String {
        if d.isNaN { return "NaN" }
        if d.isInfinite { return d < 0 ? "-Inf" : "+Inf" }
        return NumberFormatting.goG(d)
    }

    /// The Go type kubectl's decoded JSON value has, as `reflect.Type.String()` spells it.
    static func typeName(_ value: Value) -> String {
        switch value {
        case .null: return "<nil>"
        case .bool: return "bool"
        case .int: return "int64"
        case .double, .decimal: return "float64"
        case .string: return "string"
        case .array: return "[]interface {}"
        case .object: return "map[string]interface {}"
        }
    }
}
