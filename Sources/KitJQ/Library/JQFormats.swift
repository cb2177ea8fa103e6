import KitCore

/// jq 1.8's string formats (`@name` and `format("name")`, src/builtin.c `f_format`), with
/// jq's escaping and error messages.
public enum JQFormats {
    /// The format names `apply` knows, without the `@`.
    public static let names = [
        "text", "json", "html", "uri", "urid", "csv", "tsv", "sh", "base64", "base64d", "base32", "base32d",
    ]

    /// `v | @name`. Throws jq's messages, e.g. `object ({"a":1}) is not valid in a csv row`,
    /// `array ([1]) can not be escaped for shell`, `string ("%") is not a valid uri encoding`,
    /// `string ("a") trailing base64 byte found`, `foo is not a valid format`.
    ///
    /// `@base32`/`@base32d` are kit's own (jq 1.8 answers `base32 is not a valid format`):
    /// RFC 4648 base32 with padding, decoded as leniently as jq decodes base64.
    public static func apply(_ name: String, to v: Value) throws(JQLibraryError) -> String {
        switch name {
        case "json": return JQText.dump(v)
        case "text": return text(v)
        case "csv": return try row(v, csv: true)
        case "tsv": return try row(v, csv: false)
        case "html": return escape(text(v), html: true)
        case "uri": return uriEncode(text(v))
        case "urid": return try uriDecode(text(v))
        case "sh": return try shell(v)
        case "base64": return base64Encode(text(v))
        case "base64d": return try base64Decode(text(v))
        case "base32": return base32Encode(text(v))
        case "base32d": return try base32Decode(text(v))
        default: throw JQLibraryError("\(name) is not a valid format")
        }
    }

    /// `v | format(f)` for any jq value `f`: a non-string is refused as jq refuses it
    /// (`number (1) is not a valid format`).
    public static func apply(format: Value, to v: Value) throws(JQLibraryError) -> String {
        guard case .string(let name) = format else { throw .typeError(format, "is not a valid format") }
        return try apply(name, to: v)
    }

    /// jq's `tostring`: a string as it is, anything else as its compact JSON.
    public static func text(_ v: Value) -> String {
        if case .string(let s) = v { return s }
        return JQText.dump(v)
    }

    // MARK: csv, tsv, sh, html

    private static func row(_ v: Value, csv: Bool) throws(JQLibraryError) -> String {
        guard case .array(let items) = v else {
            throw .typeError(v, csv ? "cannot be csv-formatted, only array" : "cannot be tsv-formatted, only array")
        }
        var line = ""
        for (i, item) in items.enumerated() {
            if i > 0 { line += csv ? "," : "\t" }
            switch item {
            case .null:
                break
            case .bool, .int, .decimal:
                line += JQText.dump(item)
            case .double(let d):
                if !d.isNaN { line += JQText.dump(item) }  // NaN is an empty field
            case .string(let s):
                if csv {
                    line += "\""
                    line += escape(s, csv: true)
                    line += "\""
                } else {
                    line += escape(s, csv: false)
                }
            case .array, .object:
                // jq words it the same for @tsv.
                throw .typeError(item, "is not valid in a csv row")
            }
        }
        return line
    }

    private static func shell(_ v: Value) throws(JQLibraryError) -> String {
        let items: [Value]
        if case .array(let a) = v { items = a } else { items = [v] }
        var line = ""
        for (i, item) in items.enumerated() {
            if i > 0 { line += " " }
            switch item {
            case .null, .bool, .int, .double, .decimal:
                line += JQText.dump(item)
            case .string(let s):
                line += "'"
                for scalar in s.unicodeScalars {
                    switch scalar {
                    case "'": line += "'\\''"
                    case "\0": line += "\\0"
                    default: line.unicodeScalars.append(scalar)
                    }
                }
                line += "'"
            case .array, .object:
                throw .typeError(item, "can not be escaped for shell")
            }
        }
        return line
    }

    /// jq's `escape_string` tables. Every table also turns NUL into a backslash and `0`.
    private static func escape(_ s: String, html: Bool = false, csv: Bool = false) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for scalar in s.unicodeScalars {
            let replacement: String?
            switch scalar {
            case "\0": replacement = "\\0"
            case "&" where html: replacement = "&amp;"
            case "<" where html: replacement = "&lt;"
            case ">" where html: replacement = "&gt;"
            case "'" where html: replacement = "&apos;"
            case "\"" where html: replacement = "&quot;"
            case "\"" where csv: replacement = "\"\""
            case "\t" where !html && !csv: replacement = "\\t"
            case "\r" where !html && !csv: replacement = "\\r"
            case "\n" where !html && !csv: replacement = "\\n"
            case "\\" where !html && !csv: replacement = "\\\\"
            default: replacement = nil
            }
            if let r = replacement { out += r } else { out.unicodeScalars.append(scalar) }
        }
        return out
    }

    // MARK: uri

    private static let hexDigits = Array("0123456789ABCDEF".utf8)

    /// Percent-encodes every byte but the unreserved `A-Z a-z 0-9 - _ . ~`.
    private static func uriEncode(_ s: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(s.utf8.count)
        for b in s.utf8 {
            switch b {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."),
                UInt8(ascii: "~"):
                out.append(b)
            default:
                out.append(UInt8(ascii: "%"))
                out.append(hexDigits[Int(b >> 4)])
                out.append(hexDigits[Int(b & 15)])
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static func uriDecode(_ s: String) throws(JQLibraryError) -> String {
        let bytes = Array(s.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = 0
        func hex(_ c: UInt8) -> UInt8? {
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): return c - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): return c - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): return c - UInt8(ascii: "A") + 10
            default: return nil
            }
        }
        while i < bytes.count {
            if bytes[i] != UInt8(ascii: "%") {
                out.append(bytes[i])
                i += 1
                continue
            }
            guard i + 2 < bytes.count, let hi = hex(bytes[i + 1]), let lo = hex(bytes[i + 2]) else {
                throw .typeError(.string(s), "is not a valid uri encoding")
            }
            out.append(hi << 4 | lo)
            i += 3
        }
        guard JQText.isValidUTF8(out) else { throw .typeError(.string(s), "is not a valid uri encoding") }
        return String(decoding: out, as: UTF8.self)
    }

    // MARK: base64, base32

    private static func base64Encode(_ s: String) -> String {
        // KitCore's encoder is the standard padded one, which is jq's.
        Base64.encode(s.utf8)
    }

    private static let base64Values: [UInt8] = table(for: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")

    private static func table(for alphabet: String) -> [UInt8] {
        var table = [UInt8](repeating: 0xFF, count: 256)
        for (i, c) in alphabet.utf8.enumerated() { table[Int(c)] = UInt8(i) }
        return table
    }

    /// jq's decoder: reads up to the first `=` (padding is optional), rejects any other byte
    /// outside the alphabet, and a lone final character; the bytes become a string with
    /// invalid UTF-8 replaced.
    private static func base64Decode(_ s: String) throws(JQLibraryError) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(s.utf8.count / 4 * 3 + 2)
        var code: UInt32 = 0
        var pending = 0
        for c in s.utf8 {
            if c == UInt8(ascii: "=") { break }
            let v = base64Values[Int(c)]
            guard v != 0xFF else { throw .typeError(.string(s), "is not valid base64 data") }
            code = code << 6 | UInt32(v)
            pending += 1
            if pending == 4 {
                out.append(UInt8(code >> 16 & 0xFF))
                out.append(UInt8(code >> 8 & 0xFF))
                out.append(UInt8(code & 0xFF))
                pending = 0
                code = 0
            }
        }
        switch pending {
        case 3:
            out.append(UInt8(code >> 10 & 0xFF))
            out.append(UInt8(code >> 2 & 0xFF))
        case 2:
            out.append(UInt8(code >> 4 & 0xFF))
        case 1:
            throw .typeError(.string(s), "trailing base64 byte found")
        default:
            break
        }
        return JQText.string(fromUTF8: out)
    }

    private static let base32Alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".utf8)
    private static let base32Values: [UInt8] = table(for: "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")

    /// RFC 4648 base32 with `=` padding to a multiple of 8 characters.
    private static func base32Encode(_ s: String) -> String {
        let bytes = Array(s.utf8)
        var out: [UInt8] = []
        out.reserveCapacity((bytes.count + 4) / 5 * 8)
        var i = 0
        while i < bytes.count {
            let n = min(5, bytes.count - i)
            var block: UInt64 = 0
            for j in 0..<5 { block = block << 8 | UInt64(j < n ? bytes[i + j] : 0) }
            // 1..5 bytes give 2, 4, 5, 7, 8 significant characters.
            let significant = [0, 2, 4, 5, 7, 8][n]
            for j in 0..<8 {
                out.append(j < significant ? base32Alphabet[Int(block >> UInt64(35 - 5 * j) & 31)] : UInt8(ascii: "="))
            }
            i += 5
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Base32 read the way jq reads base64: up to the first `=`, padding optional, any byte
    /// outside the alphabet refused, and a tail of 1, 3 or 6 characters (which holds no
    /// whole byte) refused.
    private static func base32Decode(_ s: String) throws(JQLibraryError) -> String {
        var out: [UInt8] = []
        var code: UInt64 = 0
        var pending = 0
        for c in s.utf8 {
            if c == UInt8(ascii: "=") { break }
            let v = base32Values[Int(c)]
            guard v != 0xFF else { throw .typeError(.string(s), "is not valid base32 data") }
            code = code << 5 | UInt64(v)
            pending += 1
            if pending == 8 {
                for shift in stride(from: 32, through: 0, by: -8) { out.append(UInt8(code >> UInt64(shift) & 0xFF)) }
                pending = 0
                code = 0
            }
        }
        let tailBytes = [0, -1, 1, -1, 2, 3, -1, 4][pending]
        guard tailBytes >= 0 else { throw .typeError(.string(s), "trailing base32 byte found") }
        let bits = pending * 5
        for k in 0..<tailBytes { out.append(UInt8(code >> UInt64(bits - 8 * (k + 1)) & 0xFF)) }
        return JQText.string(fromUTF8: out)
    }
}
