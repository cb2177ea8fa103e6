import KitCore
import KitModel

/// `configMapGenerator` and `secretGenerator`: objects built from literals, files and env
/// files, as kustomize builds them.
///
/// Keys are sorted; ConfigMap values that are not valid UTF-8 go to `binaryData` (base64),
/// Secret values are all base64 in `data`; values with a line break are literal blocks. The
/// object is named `NAME` and marked for a content-hash suffix unless the options disable it.
/// Error messages name keys, files and positions, never values or the text of a literal or
/// env-file line: generated data may be secret.
/// Env files: `KEY=value` lines (the value verbatim, quotes included), `KEY` alone for an
/// empty value; leading whitespace, blank lines, `#` comments and lines without a key are
/// skipped. A line without `=` must be a valid variable name (kubectl's rule; kustomize takes
/// the whole line as a key, which puts a `PASSWORD hunter2` line's secret into a key name).
enum Generators {
    /// Where a node of the generator's entry is (path relative to the entry), when known.
    typealias Locator = ([PathComponent]) -> SourceLocation?

    static func configMap(
        _ args: GeneratorArgs, global: GeneratorOptions?, loader: FileLoader, locate: Locator = { _ in nil }
    ) throws -> RenderResource {
        let options = GeneratorOptions.merge(local: args.options, global: global)
        var object = try baseObject(kind: "ConfigMap", args: args)
        let pairs = try dataPairs(args, loader: loader, kindName: "configmap", locate: locate)
        var data = Object(), binary = Object()
        for (k, bytes) in pairs.sorted(by: { utf8Less($0.0, $1.0) }) {
            if let text = String(validating: bytes, as: UTF8.self) {
                data.appendNew(key: k, value: .string(text))
            } else {
                binary.appendNew(key: k, value: .string(wrappedBase64(bytes)))
            }
        }
        if !data.isEmpty { object["data"] = .object(data) }
        if !binary.isEmpty { object["binaryData"] = .object(binary) }
        return finish(object, args: args, options: options)
    }

    static func secret(
        _ args: GeneratorArgs, global: GeneratorOptions?, loader: FileLoader, locate: Locator = { _ in nil }
    ) throws -> RenderResource {
        let options = GeneratorOptions.merge(local: args.options, global: global)
        var object = try baseObject(kind: "Secret", args: args)
        object["type"] = .string(args.type.isEmpty ? "Opaque" : args.type)
        let pairs = try dataPairs(args, loader: loader, kindName: "secret", locate: locate)
        var data = Object()
        for (k, bytes) in pairs.sorted(by: { utf8Less($0.0, $1.0) }) {
            data.appendNew(key: k, value: .string(wrappedBase64(bytes)))
        }
        // A Secret always has `data` (kustomize's secret generator starts from an empty map;
        // its content hash covers it), a ConfigMap only when it has keys.
        object["data"] = .object(data)
        return finish(object, args: args, options: options)
    }

    /// Base64 as kustomize writes generated values: lines of 70 characters, each ending in
    /// a line break, once the text reaches 70 characters (go-yaml's `encodeBase64`).
    static func wrappedBase64(_ bytes: [UInt8]) -> String {
        let encoded = Base64.encode(bytes)
        let lineLength = 70
        let lines = encoded.utf8.count / lineLength + 1
        guard lines > 1 else { return encoded }
        var out = ""
        var rest = Substring(encoded)
        while !rest.isEmpty {
            out += rest.prefix(lineLength) + "\n"
            rest = rest.dropFirst(lineLength)
        }
        return out
    }

    static func baseObject(kind: String, args: GeneratorArgs) throws -> Object {
        guard !args.name.isEmpty else { throw KitError("a configmap must have a name") }
        var meta = Object()
        meta["name"] = .string(args.name)
        if !args.namespace.isEmpty { meta["namespace"] = .string(args.namespace) }
        var object = Object()
        object["apiVersion"] = "v1"
        object["kind"] = .string(kind)
        object["metadata"] = .object(meta)
        return object
    }

    static func finish(_ object: Object, args: GeneratorArgs, options: GeneratorOptions?) -> RenderResource {
        var r = RenderResource(.object(object))
        if let options {
            if !options.labels.isEmpty {
                r.setStringMap("labels", options.labels.sorted { utf8Less($0.0, $1.0) })
            }
            if !options.annotations.isEmpty {
                r.setStringMap("annotations", options.annotations.sorted { utf8Less($0.0, $1.0) })
            }
        }
        if options?.immutable == true || args.immutable == true {
            if case .object(var o) = r.value {
                o["immutable"] = true
                r.value = .object(o)
            }
        }
        r.needsHashSuffix = !(options?.disableNameSuffixHash ?? false)
        r.behavior = GeneratorBehavior(rawValue: args.behavior) ?? .unspecified
        return r
    }

    /// Key/value pairs from env files, then literals, then files (kustomize's order), checked
    /// for valid and unique keys.
    static func dataPairs(
        _ args: GeneratorArgs, loader: FileLoader, kindName: String, locate: Locator
    ) throws -> [(String, [UInt8])] {
        var pairs: [(String, [UInt8])] = []
        for path in args.envs {
            let content = try loader.load(path)
            pairs += try envPairs(content, file: loader.join(path)).map { ($0.0, Array($0.1.utf8)) }
        }
        for (i, literal) in args.literals.enumerated() {
            do {
                let (k, v) = try literalPair(literal)
                pairs.append((k, Array(v.utf8)))
            } catch let e as KitError {
                throw KitError("\(kindName) \(args.name): \(e.message)", at: locate([.key("literals"), .index(i)]))
            }
        }
        for source in args.files {
            let (key, path) = try fileSource(source)
            pairs.append((key, try loader.load(path)))
        }
        // kubectl's kustomize validates neither ConfigMap keys nor env-file keys; only a
        // repeated key is an error.
        var seen: Set<String> = []
        for (k, _) in pairs where !seen.insert(k).inserted {
            throw KitError("\(kindName) \(args.name) illegally repeats the key `\(k)`")
        }
        return pairs
    }

    /// `KEY=value` (the value may contain `=`; surrounding matching quotes are removed).
    static func literalPair(_ source: String) throws -> (String, String) {
        guard let eq = source.firstIndex(of: "="), eq != source.startIndex else {
            // kustomize repeats the literal; it may be a secret (`=hunter2`, `hunter2`), so kit
            // shows none of it and points at it instead.
            let problem = source.contains("=") ? "has no key before '='" : "has no '='"
            throw KitError("invalid literal source: it \(problem), expected key=value (the literal is not shown: it may be a secret value)")
        }
        let key = String(source[..<eq])
        var value = String(source[source.index(after: eq)...])
        if value.count >= 2, let f = value.first, f == value.last, f == "\"" || f == "'" {
            value = String(value.dropFirst().dropLast())
        }
        return (key, value)
    }

    /// `path` (key: the file's base name) or `key=path`.
    static func fileSource(_ source: String) throws -> (String, String) {
        guard let eq = source.firstIndex(of: "=") else {
            let base = source.split(separator: "/").last.map(String.init) ?? source
            return (base, source)
        }
        if eq == source.startIndex {
            throw KitError("missing key name for file path \"\(source.dropFirst())\" in source \"\(source)\"")
        }
        let key = String(source[..<eq])
        let path = String(source[source.index(after: eq)...])
        if path.contains("=") { throw KitError("source \"\(source)\" key name or file path contains '='") }
        if path.isEmpty { throw KitError("missing file path for key name \"\(key)\" in source \"\(source)\"") }
        return (key, path)
    }

    /// Lines of an env file: `KEY=value`, `KEY` (empty value), blank lines and `#` comments
    /// skipped, leading whitespace ignored, a byte-order mark on the first line dropped.
    static func envPairs(_ content: [UInt8], file: String) throws -> [(String, String)] {
        var result: [(String, String)] = []
        var lines = content.split(separator: 10, omittingEmptySubsequences: false).map { Array($0) }
        if let last = lines.last, last.isEmpty { lines.removeLast() }
        for (n, var raw) in lines.enumerated() {
            if raw.last == 13 { raw.removeLast() }  // bufio.ScanLines drops a trailing \r
            guard var line = String(validating: raw, as: UTF8.self) else {
                throw KitError("invalid UTF-8 in an env file line (the line is not shown: it may be a secret value)",
                    at: SourceLocation(file: file, line: n + 1, column: 1))
            }
            if n == 0 && line.hasPrefix("\u{FEFF}") { line.removeFirst() }
            let indent = line.prefix(while: { $0.isWhitespace }).unicodeScalars.count
            line = String(line.drop(while: { $0.isWhitespace }))
            if line.isEmpty || line.hasPrefix("#") { continue }
            let parts = line.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let key = String(parts[0])
            if key.isEmpty { continue }  // `=value`: no key, dropped as kustomize drops it
            if parts.count == 1 && !Validation.envVarName(key).isEmpty {
                throw KitError(
                    "an env file line needs KEY=VALUE: this one has no '=' and is not a variable name (the line is not shown: it may be a secret value)",
                    at: SourceLocation(file: file, line: n + 1, column: indent + 1))
            }
            result.append((key, parts.count == 2 ? String(parts[1]) : ""))
        }
        return result
    }
}
