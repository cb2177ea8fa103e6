import KitCore

/// Reads `.env` and `env_file` files.
///
/// Two dialects exist in the tools kit follows:
/// - compose's (docker compose, python-dotenv in docker-compose 1.x): `export` prefixes,
///   single quotes (literal), double quotes (escapes, may span lines), unquoted values trimmed
///   with ` #` comments cut, `${…}` expanded (earlier entries first, then `lookup`);
/// - docker/cli's `opts.ParseEnvFile`, which ecs-cli uses for `.env` and v3 `env_file`: each
///   line taken raw (`KEY=VALUE`, the value kept byte for byte, quotes included), `#` lines
///   skipped, a bare `KEY` taking the shell's value; a key with whitespace fails the file.
///
/// Messages name the file, line and key, never a value.
enum DotEnv {
    struct Entry: Sendable, Equatable {
        var key: String
        /// nil for a bare `KEY` line (compose dialect), which takes its value from elsewhere.
        var value: String?
        var line: Int
    }

    // MARK: compose

    /// Parses `bytes` (file `file`) as compose does.
    static func parse(_ bytes: [UInt8], file: String, lookup: @escaping (String) -> String?) throws -> [Entry] {
        var text = bytes[...]
        if text.starts(with: [0xEF, 0xBB, 0xBF]) { text = text.dropFirst(3) }
        guard let source = String(validating: text, as: UTF8.self) else {
            throw KitError("invalid UTF-8 in an environment file", at: SourceLocation(file: file, line: 1, column: 1))
        }
        let chars = Array(source.unicodeScalars)
        var entries: [Entry] = []
        var i = 0
        var line = 1

        func error(_ message: String, line: Int) -> KitError {
            KitError(message, at: SourceLocation(file: file, line: line, column: 1))
        }
        func isBlank(_ c: Unicode.Scalar) -> Bool { c == " " || c == "\t" || c == "\r" }

        while i < chars.count {
            // Skip blank space at the start of a line.
            while i < chars.count && isBlank(chars[i]) { i += 1 }
            if i >= chars.count { break }
            if chars[i] == "\n" {
                i += 1
                line += 1
                continue
            }
            if chars[i] == "#" {
                while i < chars.count && chars[i] != "\n" { i += 1 }
                continue
            }
            let entryLine = line
            // The key (with an optional `export ` in front).
            var keyEnd = i
            while keyEnd < chars.count && chars[keyEnd] != "=" && chars[keyEnd] != "\n" { keyEnd += 1 }
            var key = String(String.UnicodeScalarView(chars[i..<keyEnd]))
            key = GoSyntax.trimSpace(key)
            if key.hasPrefix("export ") || key.hasPrefix("export\t") {
                key = GoSyntax.trimSpace(String(key.dropFirst(7)))
            }
            guard !key.isEmpty else { throw error("an environment file line has no variable name", line: entryLine) }
            guard !key.unicodeScalars.contains(where: { $0 == " " || $0 == "\t" }) else {
                throw error("environment variable name '\(key)' may not contain whitespace", line: entryLine)
            }
            i = keyEnd
            if i >= chars.count || chars[i] == "\n" {
                entries.append(Entry(key: key, value: nil, line: entryLine))
                continue
            }
            i += 1  // "="
            while i < chars.count && isBlank(chars[i]) && chars[i] != "\r" { i += 1 }
            var value = ""
            if i < chars.count && (chars[i] == "'" || chars[i] == "\"") {
                let quote = chars[i]
                i += 1
                var raw: [Unicode.Scalar] = []
                var closed = false
                while i < chars.count {
                    let c = chars[i]
                    if c == "\\" && i + 1 < chars.count && (quote == "\"" || chars[i + 1] == "'") {
                        let e = chars[i + 1]
                        if quote == "'" {
                            raw.append(e)
                        } else {
                            switch e {
                            case "n": raw.append("\n")
                            case "t": raw.append("\t")
                            case "r": raw.append("\r")
                            case "\\", "\"", "'", "$": raw.append(e)
                            default:
                                raw.append("\\")
                                raw.append(e)
                            }
                        }
                        i += 2
                        continue
                    }
                    if c == quote {
                        closed = true
                        i += 1
                        break
                    }
                    if c == "\n" { line += 1 }
                    raw.append(c)
                    i += 1
                }
                guard closed else { throw error("unterminated quoted value for \(key)", line: entryLine) }
                value = String(String.UnicodeScalarView(raw))
                // Only a comment may follow the closing quote.
                while i < chars.count && isBlank(chars[i]) { i += 1 }
                if i < chars.count && chars[i] == "#" {
                    while i < chars.count && chars[i] != "\n" { i += 1 }
                }
                guard i >= chars.count || chars[i] == "\n" else {
                    throw error("unexpected characters after the quoted value of \(key)", line: line)
                }
                if quote == "\"" { value = try interpolate(value, key: key, line: entryLine, file: file, entries: entries, lookup: lookup) }
            } else {
                var end = i
                while end < chars.count && chars[end] != "\n" {
                    if chars[end] == "#" && end > i && (chars[end - 1] == " " || chars[end - 1] == "\t") { break }
                    end += 1
                }
                value = GoSyntax.trimSpace(String(String.UnicodeScalarView(chars[i..<end])))
                i = end
                while i < chars.count && chars[i] != "\n" { i += 1 }
                value = try interpolate(value, key: key, line: entryLine, file: file, entries: entries, lookup: lookup)
            }
            if let existing = entries.firstIndex(where: { $0.key == key }) { entries.remove(at: existing) }
            entries.append(Entry(key: key, value: value, line: entryLine))
        }
        return entries
    }

    private static func interpolate(
        _ value: String, key: String, line: Int, file: String, entries: [Entry], lookup: @escaping (String) -> String?
    ) throws -> String {
        guard value.utf8.contains(UInt8(ascii: "$")) else { return value }
        let known = entries
        let interpolator = Interpolator(syntax: .compose) { name in
            if let e = known.last(where: { $0.key == name }), let v = e.value { return v }
            return lookup(name)
        }
        do {
            return try interpolator.expand(value).0
        } catch {
            switch error {
            case .invalid:
                throw KitError("invalid interpolation in the value of \(key)", at: SourceLocation(file: file, line: line, column: 1))
            case .required(let variable, let message):
                throw KitError(
                    "required variable \(variable) is missing a value" + (message.isEmpty ? "" : ": \(message)"),
                    at: SourceLocation(file: file, line: line, column: 1))
            }
        }
    }

    // MARK: docker/cli (raw)

    /// Parses `bytes` as docker/cli's `opts.ParseEnvFile` does (what ecs-cli reads `.env` and
    /// v3 `env_file` files with): `KEY=VALUE` lines kept raw. `shell` resolves bare `KEY` lines.
    static func parseRaw(_ bytes: [UInt8], file: String, shell: (String) -> String?, trimLines: Bool = false) throws -> [Entry] {
        var entries: [Entry] = []
        var lineNumber = 0
        for rawLine in bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            lineNumber += 1
            var lineBytes = rawLine
            if lineNumber == 1 && lineBytes.starts(with: [0xEF, 0xBB, 0xBF]) { lineBytes = lineBytes.dropFirst(3) }
            if lineBytes.last == 13 { lineBytes = lineBytes.dropLast() }  // bufio.ScanLines drops a final CR
            guard let text = String(validating: lineBytes, as: UTF8.self) else {
                throw KitError("invalid UTF-8 in an environment file", at: SourceLocation(file: file, line: lineNumber, column: 1))
            }
            // Go's TrimLeftFunc(unicode.IsSpace) (libcompose trims both ends).
            var line = Substring(text)
            while let c = line.unicodeScalars.first, GoSyntax.isSpace(c) { line = line.dropFirst() }
            if trimLines { line = Substring(GoSyntax.trimSpace(line)) }
            if line.isEmpty || line.hasPrefix("#") { continue }
            let parts = line.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            var variable = parts[0]
            while let c = variable.first, c == " " || c == "\t" { variable = variable.dropFirst() }
            let location = SourceLocation(file: file, line: lineNumber, column: 1)
            if variable.contains(" ") || variable.contains("\t") {
                throw KitError("poorly formatted environment: variable '\(variable)' has white spaces", at: location)
            }
            guard !variable.isEmpty else {
                throw KitError("poorly formatted environment: no variable name on this line", at: location)
            }
            if parts.count > 1 {
                entries.append(Entry(key: String(variable), value: String(parts[1]), line: lineNumber))
            } else if let v = shell(GoSyntax.trimSpace(line)) {
                entries.append(Entry(key: GoSyntax.trimSpace(line), value: v, line: lineNumber))
            }
        }
        return entries
    }
}
