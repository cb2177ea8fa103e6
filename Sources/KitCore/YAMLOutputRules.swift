/// The choices kustomize's YAML output makes, which `YAMLWriter` reproduces.
///
/// kustomize prints each resource by turning it into JSON and the JSON into YAML with
/// go-yaml v2 (sigs.k8s.io/yaml). So the output follows go-yaml v2, whose scalar rules are
/// YAML 1.1's, and Go's number formatting:
/// - a string that go-yaml v2 would read back as something else (`yes`, `on`, `n`, `~`,
///   `1.5`, `0x1F`, `2001-12-14`, `1:20`, `<<`, the empty string) is double-quoted;
///   a string containing a line break is a literal block; every other string asks for the
///   plain style and libyaml's emitter falls back to single or double quotes when plain
///   cannot represent it;
/// - map keys are sorted in go-yaml v2's "natural" order (digit runs compare as numbers,
///   letters before other characters);
/// - numbers print as Go prints them after a trip through JSON (see `numberText`).
public enum YAMLOutputRules {
    public enum ScalarStyle: Sendable, Equatable {
        case plain, doubleQuoted, literal
    }

    /// The style go-yaml v2 asks the emitter for when it writes the string `s`.
    public static func style(for s: String) -> ScalarStyle {
        if s.utf8.contains(10) { return .literal }
        if resolvesToString(s) && !isBase60Float(s) { return .plain }
        return .doubleQuoted
    }

    /// The text of a number as kustomize prints it: integers as digits; a double whose JSON
    /// spelling is an integer that fits 64 bits (`1.0`, `1e3`) as that integer; any other
    /// double in Go's shortest `%g` form (`1.5`, `1e+06`, `1e-07`, `1.2345678901234568e+23`).
    public static func numberText(_ value: Value) -> String? {
        switch value {
        case .int(let i):
            return String(i)
        case .decimal(let d):
            if let u = d.uint64Value { return String(u) }
            return numberText(.double(d.doubleValue))
        case .double(let d):
            if d.isFinite && d.rounded() == d && d.magnitude < 1e21 {
                let text = ShortestDigits(d).positionalForm()
                if Int64(text) != nil || UInt64(text) != nil {
                    return text == "-0" ? "0" : text
                }
            }
            return NumberFormatting.goG(d)
        default:
            return nil
        }
    }

    /// go-yaml v2's `resolve("", s)` returns the string tag.
    static func resolvesToString(_ s: String) -> Bool {
        guard let first = s.utf8.first else { return false }  // "" is null
        switch s {
        case "y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON",
            "n", "N", "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF",
            "~", "null", "Null", "NULL", ".nan", ".NaN", ".NAN", ".inf", ".Inf", ".INF",
            "+.inf", "+.Inf", "+.INF", "-.inf", "-.Inf", "-.INF", "<<":
            return false
        default:
            break
        }
        switch first {
        case UInt8(ascii: "."):
            return GoNumberSyntax.parseDecimalFloat(Substring(s)) == nil
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "+"), UInt8(ascii: "-"):
            if GoTimestamp.normalize(s) != nil { return false }
            let plain = s.contains("_") ? String(s.filter { $0 != "_" }) : s
            let utf8 = Substring(plain).utf8
            let signed = GoNumberSyntax.parseSigned(utf8)
            if case .value = signed { return false }
            let unsigned = GoNumberSyntax.parseUnsigned(utf8)
            if case .value = unsigned { return false }
            if GoNumberSyntax.isYAMLStyleFloat(utf8), let d = Double(plain), d.isFinite { return false }
            if plain.hasPrefix("0b") {
                let digits = plain.dropFirst(2)
                if !digits.isEmpty, digits.first != "+", digits.first != "-", UInt64(digits, radix: 2) != nil { return false }
            } else if plain.hasPrefix("-0b") {
                let digits = plain.dropFirst(3)
                if !digits.isEmpty, digits.first != "+", digits.first != "-", Int64("-" + digits, radix: 2) != nil { return false }
            }
            return true
        default:
            return true
        }
    }

    /// YAML 1.1 sexagesimal floats (`1:20`, `-3:25:45.5`), which go-yaml v2 quotes.
    static func isBase60Float(_ s: String) -> Bool {
        let b = Array(s.utf8)
        guard let c = b.first, c == UInt8(ascii: "+") || c == UInt8(ascii: "-") || (c >= 48 && c <= 57),
            b.contains(UInt8(ascii: ":"))
        else { return false }
        // ^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$
        var i = 0
        func digit(_ i: Int) -> Bool { i < b.count && b[i] >= 48 && b[i] <= 57 }
        if b[0] == UInt8(ascii: "+") || b[0] == UInt8(ascii: "-") { i = 1 }
        guard digit(i) else { return false }
        i += 1
        while digit(i) || (i < b.count && b[i] == UInt8(ascii: "_")) { i += 1 }
        var groups = 0
        while i < b.count && b[i] == UInt8(ascii: ":") {
            i += 1
            // [0-5]?[0-9]: one digit, or two with the first in 0-5.
            guard digit(i) else { return false }
            if digit(i + 1) && b[i] <= UInt8(ascii: "5") {
                i += 2
            } else {
                i += 1
            }
            groups += 1
        }
        guard groups > 0 else { return false }
        if i < b.count && b[i] == UInt8(ascii: ".") {
            i += 1
            while digit(i) || (i < b.count && b[i] == UInt8(ascii: "_")) { i += 1 }
        }
        return i == b.count
    }

    /// go-yaml v2's map key order (`keyList.Less` for string keys): runes compare one by one;
    /// at the first difference, two letters compare by code point, a letter sorts before a
    /// non-letter, and runs of digits compare by numeric value (then by length).
    public static func keyLess(_ a: String, _ b: String) -> Bool {
        let ar = Array(a.unicodeScalars), br = Array(b.unicodeScalars)
        var i = 0
        while i < ar.count && i < br.count {
            if ar[i] == br[i] {
                i += 1
                continue
            }
            let al = isLetter(ar[i]), bl = isLetter(br[i])
            if al && bl { return ar[i].value < br[i].value }
            if al || bl { return bl }
            var an: Int64 = 0, bn: Int64 = 0
            if ar[i] == "0" || br[i] == "0" {
                var j = i - 1
                while j >= 0 && isDigit(ar[j]) {
                    if ar[j] != "0" {
                        an = 1
                        bn = 1
                        break
                    }
                    j -= 1
                }
            }
            var ai = i
            while ai < ar.count && isDigit(ar[ai]) {
                an = an &* 10 &+ Int64(Int(ar[ai].value) - 48)
                ai += 1
            }
            var bi = i
            while bi < br.count && isDigit(br[bi]) {
                bn = bn &* 10 &+ Int64(Int(br[bi].value) - 48)
                bi += 1
            }
            if an != bn { return an < bn }
            if ai != bi { return ai < bi }
            return ar[i].value < br[i].value
        }
        return ar.count < br.count
    }

    /// Go's `unicode.IsLetter`: general categories Lu, Ll, Lt, Lm, Lo.
    static func isLetter(_ u: Unicode.Scalar) -> Bool {
        if u.isASCII {
            let v = u.value
            return (v >= 65 && v <= 90) || (v >= 97 && v <= 122)
        }
        switch u.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter: return true
        default: return false
        }
    }

    /// Go's `unicode.IsDigit`: general category Nd.
    static func isDigit(_ u: Unicode.Scalar) -> Bool {
        if u.isASCII { return u.value >= 48 && u.value <= 57 }
        return u.properties.generalCategory == .decimalNumber
    }
}
