import KitCore

/// Go's `time.ParseDuration`: a sequence of decimal numbers with units (`ns`, `us`, `µs`,
/// `ms`, `s`, `m`, `h`), optionally signed; `0` alone is allowed. The result is nanoseconds,
/// or nil when the text is not a duration (or overflows).
enum GoDuration {
    static func parse(_ text: String) -> Int64? {
        var s = Substring(text)
        var negative = false
        if let c = s.first, c == "-" || c == "+" {
            negative = c == "-"
            s = s.dropFirst()
        }
        if s == "0" { return 0 }
        if s.isEmpty { return nil }
        var total: Double = 0
        while !s.isEmpty {
            // The number.
            let numberEnd = s.firstIndex(where: { !($0.isASCII && ($0.isNumber || $0 == ".")) }) ?? s.endIndex
            let number = s[..<numberEnd]
            guard !number.isEmpty, number != ".", number.filter({ $0 == "." }).count <= 1, let value = Double(number) else {
                return nil
            }
            s = s[numberEnd...]
            // The unit.
            let unitEnd = s.firstIndex(where: { ($0.isASCII && ($0.isNumber || $0 == ".")) }) ?? s.endIndex
            let unit = s[..<unitEnd]
            s = s[unitEnd...]
            let scale: Double
            switch unit {
            case "ns": scale = 1
            case "us", "µs", "μs": scale = 1e3
            case "ms": scale = 1e6
            case "s": scale = 1e9
            case "m": scale = 60e9
            case "h": scale = 3600e9
            default: return nil
            }
            total += value * scale
        }
        guard total < 9.2e18 else { return nil }
        let ns = Int64(total.rounded(.towardZero))
        return negative ? -ns : ns
    }

    /// Whole seconds (truncated), as `Duration.Seconds()` converted to an integer.
    static func seconds(_ text: String) -> Int64? {
        parse(text).map { $0 / 1_000_000_000 }
    }

    /// docker-compose's way of printing a duration of `ns` nanoseconds: the largest unit
    /// (`us`, `ms`, `s`, `m`, `h`) that divides it exactly (`90s`, `2m`, `1500ms`).
    static func composeString(nanoseconds ns: Int64) -> String {
        var value = ns
        var unit = "ns"
        for (factor, name) in [(Int64(1000), "us"), (1000, "ms"), (1000, "s"), (60, "m"), (60, "h")] {
            guard value % factor == 0 else { break }
            value /= factor
            unit = name
        }
        return "\(value)\(unit)"
    }
}

/// docker/go-units' `RAMInBytes` (binary multipliers), which libcompose, ecs-cli and
/// compose-go use for memory sizes: `512m`, `0.5GB`, `1g`, `1024` (bytes), `10 KiB`.
enum GoUnits {
    static func ramInBytes(_ text: String) -> Int64? {
        // ^(\d+(\.\d+)*) ?([kKmMgGtTpP])?[iI]?[bB]?$
        let chars = Array(text.unicodeScalars)
        var i = 0
        func digits() -> Bool {
            let start = i
            while i < chars.count && chars[i].properties.numericType == .decimal && chars[i].isASCII { i += 1 }
            return i > start
        }
        guard digits() else { return nil }
        while i < chars.count && chars[i] == "." {
            i += 1
            guard digits() else { return nil }
        }
        let numberText = String(String.UnicodeScalarView(chars[0..<i]))
        if i < chars.count && chars[i] == " " { i += 1 }
        var multiplier: Double = 1
        if i < chars.count {
            switch chars[i] {
            case "k", "K": multiplier = 1024
            case "m", "M": multiplier = 1024 * 1024
            case "g", "G": multiplier = 1024 * 1024 * 1024
            case "t", "T": multiplier = 1024 * 1024 * 1024 * 1024
            case "p", "P": multiplier = 1024 * 1024 * 1024 * 1024 * 1024
            default: break
            }
            if multiplier != 1 { i += 1 }
        }
        if i < chars.count && (chars[i] == "i" || chars[i] == "I") { i += 1 }
        if i < chars.count && (chars[i] == "b" || chars[i] == "B") { i += 1 }
        guard i == chars.count, let value = Double(numberText) else { return nil }
        let bytes = value * multiplier
        guard bytes < 9.2e18 else { return nil }
        return Int64(bytes)
    }
}

/// A shell-style word split (go-shellwords / shlex): blanks separate words, single quotes are
/// literal, double quotes allow `\"`, `\\`, `\$` and `` \` ``, a backslash outside quotes
/// escapes the next character. Throws on an unterminated quote.
enum ShellWords {
    struct Unterminated: Error {}

    static func split(_ text: String) throws(Unterminated) -> [String] {
        var words: [String] = []
        var current = ""
        var inWord = false
        var quote: Character? = nil
        var escaped = false
        for c in text {
            if escaped {
                if quote == "\"" && !["\"", "\\", "$", "`", "\n"].contains(c) { current.append("\\") }
                if c != "\n" || quote != nil { current.append(c) }
                escaped = false
                inWord = true
                continue
            }
            if let q = quote {
                if c == q {
                    quote = nil
                } else if c == "\\" && q == "\"" {
                    escaped = true
                } else {
                    current.append(c)
                }
                continue
            }
            switch c {
            case " ", "\t", "\n", "\r":
                if inWord {
                    words.append(current)
                    current = ""
                    inWord = false
                }
            case "'", "\"":
                quote = c
                inWord = true
            case "\\":
                escaped = true
                inWord = true
            default:
                current.append(c)
                inWord = true
            }
        }
        if quote != nil || escaped { throw Unterminated() }
        if inWord { words.append(current) }
        return words
    }
}
