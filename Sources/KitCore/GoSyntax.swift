/// Go's `%q` and `%#v` spellings (and the `unicode`/`strings` space rules), which the messages of Go tools (apimachinery, kubectl)
/// embed, so that kit's messages read like theirs.
public enum GoSyntax {
    /// `strconv.Quote`: double quotes, with `\"`, `\\`, the C escapes, and `\x`/`\u`/`\U`
    /// escapes for characters Go does not consider printable.
    public static func quote(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\u{07}": out += "\\a"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{0B}": out += "\\v"
            default:
                if isPrintable(scalar) {
                    out.unicodeScalars.append(scalar)
                } else if scalar.value < 0x80 {
                    out += "\\x" + zeroPaddedHex(scalar.value, width: 2)
                } else if scalar.value <= 0xFFFF {
                    out += "\\u" + zeroPaddedHex(scalar.value, width: 4)
                } else {
                    out += "\\U" + zeroPaddedHex(scalar.value, width: 8)
                }
            }
        }
        return out + "\""
    }

    /// `%#v` of a `[]string`: `[]string{"a", "b"}`; an empty list is a nil slice in the
    /// places apimachinery prints one, `[]string(nil)`.
    public static func stringSlice(_ values: [String]) -> String {
        if values.isEmpty { return "[]string(nil)" }
        return "[]string{" + values.map(quote).joined(separator: ", ") + "}"
    }

    /// Go's `unicode.IsPrint`: letters, marks, numbers, punctuation, symbols and the ASCII space.
    public static func isPrintable(_ scalar: Unicode.Scalar) -> Bool {
        if scalar == " " { return true }
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
            .nonspacingMark, .spacingMark, .enclosingMark,
            .decimalNumber, .letterNumber, .otherNumber,
            .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
            .initialPunctuation, .finalPunctuation, .otherPunctuation,
            .mathSymbol, .currencySymbol, .modifierSymbol, .otherSymbol:
            return true
        default:
            return false
        }
    }

    /// Go's `unicode.IsSpace`.
    public static func isSpace(_ c: Unicode.Scalar) -> Bool {
        switch c.value {
        case 0x09...0x0D, 0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000: return true
        default: return false
        }
    }

    /// Go's `strings.TrimSpace`.
    public static func trimSpace(_ s: Substring) -> String {
        let scalars = s.unicodeScalars
        guard let first = scalars.firstIndex(where: { !isSpace($0) }) else { return "" }
        let last = scalars.lastIndex(where: { !isSpace($0) })!
        return String(String.UnicodeScalarView(scalars[first...last]))
    }

    public static func trimSpace(_ s: String) -> String {
        trimSpace(s[...])
    }
}
