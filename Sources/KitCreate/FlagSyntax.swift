import KitCore
/// How kubectl's flag library (pflag) reads the values of `kubectl create`'s flags, for the
/// flags whose values are more than a string: lists split at commas, integers in Go's syntax,
/// `key=value` maps. Errors read as pflag's: `invalid argument "x" for "--port" flag: …`.
public enum FlagSyntax {
    /// A string-slice flag (`--image`, `--tcp`, `--verb`, `--from-file`, …): each occurrence
    /// is one CSV record (`a,b` is two values, `"a,b"` one, `` is none), and the
    /// occurrences add up.
    public static func stringSlice(_ occurrences: [String], flag: String) throws(CreateError) -> [String] {
        var values: [String] = []
        for occurrence in occurrences {
            do {
                values += try csvRecord(occurrence)
            } catch {
                throw CreateError("invalid argument \(GoSyntax.quote(occurrence)) for \(GoSyntax.quote(flag)) flag: \(error.message)")
            }
        }
        return values
    }

    /// The first record of `text` as Go's `encoding/csv` reads it (empty lines skipped, `""`
    /// in a quoted field is a quote, a bare quote elsewhere is an error).
    static func csvRecord(_ text: String) throws(CreateError) -> [String] {
        if text.isEmpty { return [] }
        var b = Array(text.utf8)
        // encoding/csv skips empty lines before the record.
        while let first = b.first, first == 10 || (first == 13 && b.count > 1 && b[1] == 10) {
            b.removeFirst(first == 10 ? 1 : 2)
        }
        if b.isEmpty { return [] }
        var fields: [String] = []
        var i = 0
        var line = 1
        var lineStart = 0
        while true {
            var field: [UInt8] = []
            if i < b.count && b[i] == UInt8(ascii: "\"") {
                // Quoted field: runs to the closing quote, across commas and lines.
                let start = i
                i += 1
                while true {
                    guard i < b.count else {
                        throw CreateError("parse error on line \(line), column \(start - lineStart + 1): extraneous or missing \" in quoted-field")
                    }
                    let c = b[i]
                    if c == UInt8(ascii: "\"") {
                        if i + 1 < b.count && b[i + 1] == UInt8(ascii: "\"") {
                            field.append(c)
                            i += 2
                            continue
                        }
                        i += 1
                        break
                    }
                    if c == 10 {
                        line += 1
                        lineStart = i + 1
                    }
                    if c == 13 && i + 1 < b.count && b[i + 1] == 10 {
                        i += 1
                        continue
                    }
                    field.append(c)
                    i += 1
                }
                fields.append(String(decoding: field, as: UTF8.self))
                if i >= b.count || b[i] == 10 || (b[i] == 13 && i + 1 < b.count && b[i + 1] == 10) { return fields }
                if b[i] == UInt8(ascii: ",") {
                    i += 1
                    continue
                }
                throw CreateError("parse error on line \(line), column \(i - lineStart + 1): extraneous or missing \" in quoted-field")
            }
            while i < b.count && b[i] != UInt8(ascii: ",") && b[i] != 10 {
                if b[i] == UInt8(ascii: "\"") {
                    throw CreateError("parse error on line \(line), column \(i - lineStart + 1): bare \" in non-quoted-field")
                }
                field.append(b[i])
                i += 1
            }
            if field.last == 13 && i < b.count && b[i] == 10 { field.removeLast() }
            fields.append(String(decoding: field, as: UTF8.self))
            if i >= b.count || b[i] == 10 { return fields }
            i += 1  // the comma
            if i >= b.count {
                fields.append("")
                return fields
            }
        }
    }

    /// An `int32` flag (`--port`, `--replicas`, `--value`): Go's integer syntax.
    public static func int32(_ text: String, flag: String) throws(CreateError) -> Int32 {
        Int32(try int(text, flag: flag, bits: 32))
    }

    /// An `int` flag (`--node-port`): Go's integer syntax, 64 bits (or fewer, for `int32`).
    public static func int(_ text: String, flag: String, bits: Int = 64) throws(CreateError) -> Int64 {
        do {
            return try GoText.parseInt(text, bits: bits)
        } catch {
            // kubectl prints Go's `invalid argument … flag: strconv.ParseInt: parsing …: invalid syntax`.
            switch error {
            case .syntax:
                throw CreateError("\(longName(flag)): \(GoSyntax.quote(text)) is not an integer")
            case .range:
                let limit = Int64.max >> (64 - bits)
                throw CreateError("\(longName(flag)): \(text) is out of range (\(-limit - 1) to \(limit))")
            }
        }
    }

    /// `--replicas` of kubectl's `-r, --replicas`: how a message names a flag.
    static func longName(_ flag: String) -> String {
        String(flag.split(separator: " ").last ?? Substring(flag))
    }

    /// A boolean flag given a value (`--global-default=false`).
    public static func bool(_ text: String, flag: String) throws(CreateError) -> Bool {
        guard let value = GoText.parseBool(text) else {
            throw CreateError("\(longName(flag)): \(GoSyntax.quote(text)) is not a boolean (true or false)")
        }
        return value
    }

    /// A `key=value` map flag (`--aggregation-rule`): comma-separated pairs, keys and values
    /// trimmed of spaces, later keys replacing earlier ones; pairs in the order first given.
    public static func stringMap(_ occurrences: [String], flag: String) throws(CreateError) -> [(key: String, value: String)] {
        var pairs: [(key: String, value: String)] = []
        for occurrence in occurrences {
            for piece in occurrence.split(separator: ",", omittingEmptySubsequences: true) {
                guard let eq = piece.firstIndex(of: "=") else {
                    throw CreateError("invalid argument \(GoSyntax.quote(occurrence)) for \(GoSyntax.quote(flag)) flag: malformed pair, expect string=string")
                }
                let key = GoSyntax.trimSpace(piece[..<eq])
                let value = GoSyntax.trimSpace(piece[piece.index(after: eq)...])
                if let i = pairs.firstIndex(where: { $0.key == key }) {
                    pairs[i].value = value
                } else {
                    pairs.append((key, value))
                }
            }
        }
        return pairs
    }
}
