import KitCore

/// Writes the compact schema bundle: every definition as one line of compact JSON inside
/// Swift string literals (one file per API package), and an index file naming each
/// definition's place, the kinds each definition declares and the served resources.
///
/// The runtime (`SchemaBundle` in KitModel) finds a definition by binary search over the
/// sorted names and decodes only that line, so loading costs nothing up front.
///
/// Compact keys (documented again in KitModel's `SchemaFragment`, which reads them):
/// `t` type, `n` nullable, `f` format, `d` description, `r` referenced definition, `p`
/// properties, `q` required, `e` enum, `i` items, `a` additionalProperties, `o` oneOf types,
/// `on` whether each oneOf alternative allows null, `k` group-version-kinds as
/// `[group, version, kind]`, `mk` patch merge key, `ps` patch strategy, `lt` list type, `lk`
/// list map keys, `mt` map type.
///
/// The primary bundle (`SchemaBundle`, the version kit's models come from) keeps everything.
/// Secondary bundles (`validationOnly`: other Kubernetes versions `kit validate` can check
/// against) leave out descriptions and the served-resource table, which only `kit explain`,
/// `kit create` and the resource names need, so that each costs a fraction of the binary size.
struct BundleWriter {
    let definitions: SourceDefinitions
    let kubernetesVersion: String
    let header: String
    /// Leave out descriptions and the resource table (a secondary bundle).
    var validationOnly = false

    /// The Swift type the bundle's data extends: `SchemaBundle` for the primary bundle,
    /// `SchemaBundleV1_32_0` for a secondary one.
    var typeName: String {
        validationOnly ? "SchemaBundle" + kubernetesVersion.uppercased().replacingDots() : "SchemaBundle"
    }

    /// Where the bundle's files go, relative to the package root.
    var directory: String {
        validationOnly ? "Sources/KitModel/Generated/Schema-\(kubernetesVersion)" : Self.directory
    }

    /// Bundle files, relative to the package root.
    func files() throws -> [GeneratedFile] {
        // Group definitions into chunks by API package, in name order.
        var chunks: [(name: String, lines: [String], length: Int)] = []
        var location: [(chunk: Int, start: Int, length: Int)] = []
        for name in definitions.names {
            let package = shortPackageName(of: name)
            if chunks.last?.name != package { chunks.append((package, [], 0)) }
            let line = try compactJSON(definitions[name]!)
            let last = chunks.count - 1
            // Lines are joined with "\n": each starts one byte after the previous one ends.
            let start = chunks[last].lines.isEmpty ? 0 : chunks[last].length + 1
            location.append((last, start, line.utf8.count))
            chunks[last].lines.append(line)
            chunks[last].length = start + line.utf8.count
        }
        var files: [GeneratedFile] = []
        for (number, chunk) in chunks.enumerated() {
            let text = chunk.lines.joined(separator: "\n")
            let delimiter = rawStringDelimiter(for: text)
            let source = """
                \(header)
                extension \(typeName) {
                    /// The definitions of `\(chunk.name)`, one compact JSON object per line.
                    static let chunk\(number): StaticString = \(delimiter)\"\"\"
                \(text)
                \"\"\"\(delimiter)
                }

                """
            files.append(GeneratedFile(path: "\(directory)/\(typeName).\(chunk.name).swift", contents: source))
        }
        files.append(GeneratedFile(path: "\(directory)/\(typeName).Index.swift", contents: try indexFile(chunks: chunks.map(\.name), location: location)))
        return files
    }

    static let directory = "Sources/KitModel/Generated/Schema"

    func indexFile(chunks: [String], location: [(chunk: Int, start: Int, length: Int)]) throws -> String {
        var out = header + "\n"
        if validationOnly {
            out += "/// The Kubernetes \(kubernetesVersion) definitions, for validation only (no descriptions, no\n"
            out += "/// resource table).\n"
            out += "enum \(typeName): SchemaBundleData {}\n\n"
        }
        out += "extension \(typeName) {\n"
        out += "    /// The Kubernetes version the definitions describe.\n"
        out += "    static let kubernetesVersion = \(swiftString(kubernetesVersion))\n\n"
        out += "    /// Definition names in UTF-8 byte order.\n"
        out += "    static let definitionNames: [String] = [\n"
        for name in definitions.names { out += "        \(swiftString(name)),\n" }
        out += "    ]\n\n"
        out += "    /// Per definition (in `definitionNames` order): chunk, byte offset and byte length of its line.\n"
        out += "    static let definitionLocations: [Int32] = [\n"
        for l in location { out += "        \(l.chunk), \(l.start), \(l.length),\n" }
        out += "    ]\n\n"
        out += "    /// The text of chunk `number`.\n"
        out += "    static func chunk(_ number: Int) -> StaticString {\n"
        out += "        switch number {\n"
        for (i, name) in chunks.enumerated() { out += "        case \(i): return chunk\(i)  // \(name)\n" }
        out += "        default: preconditionFailure(\"no schema chunk \\(number)\")\n"
        out += "        }\n"
        out += "    }\n\n"
        out += "    /// Every kind a definition declares (`x-kubernetes-group-version-kind`): group, version,\n"
        out += "    /// kind and the definition's index.\n"
        out += "    static let groupVersionKinds: [(String, String, String, Int)] = [\n"
        for (index, name) in definitions.names.enumerated() {
            for g in definitions[name]!.groupVersionKinds {
                out += "        (\(swiftString(g.group)), \(swiftString(g.version)), \(swiftString(g.kind)), \(index)),\n"
            }
        }
        out += "    ]\n\n"
        out += "    /// The served resources, as `kubectl api-resources` lists them, in discovery priority\n"
        out += "    /// order (earlier groups and preferred versions first): group, version, kind, plural,\n"
        out += "    /// short names, namespaced. Source: kit-modelgen's `ResourceTable`.\n"
        out += "    static let resources: [(String, String, String, String, [String], Bool)] = [\n"
        for r in validationOnly ? [] : try resources() {
            let shorts = "[" + r.row.shortNames.map(swiftString).joined(separator: ", ") + "]"
            out += "        (\(swiftString(r.row.group)), \(swiftString(r.version)), \(swiftString(r.row.kind)), \(swiftString(r.row.plural)), \(shorts), \(r.row.namespaced)),\n"
        }
        out += "    ]\n"
        out += "}\n"
        return out
    }

    /// Every served (group, version, kind) with its table row, in discovery priority order.
    /// Fails when a kind is neither in the table nor known not to be served.
    func resources() throws -> [(row: ResourceRow, version: String)] {
        var found: [(row: ResourceRow, version: String)] = []
        var used = Set<String>()
        for name in definitions.names {
            for g in definitions[name]!.groupVersionKinds {
                if let row = ResourceTable.row(group: g.group, kind: g.kind) {
                    found.append((row, g.version))
                    used.insert("\(g.group)/\(g.kind)")
                } else if !ResourceTable.isNotServed(group: g.group, kind: g.kind) {
                    throw KitError("\(name): kind \(g.kind) of group '\(g.group)' is not in ResourceTable; add its plural, short names and scope")
                }
            }
        }
        for row in ResourceTable.rows where !used.contains("\(row.group)/\(row.kind)") {
            throw KitError("ResourceTable lists \(row.group)/\(row.kind), which no definition declares")
        }
        func groupRank(_ g: String) -> Int { ResourceTable.groupOrder.firstIndex(of: g) ?? Int.max }
        for r in found where groupRank(r.row.group) == Int.max {
            throw KitError("group '\(r.row.group)' is missing from ResourceTable.groupOrder")
        }
        return found.enumerated().sorted { a, b in
            let (x, y) = (a.element, b.element)
            if x.row.group != y.row.group { return groupRank(x.row.group) < groupRank(y.row.group) }
            if x.version != y.version { return kubeVersionPrecedes(x.version, y.version) }
            if x.row.plural != y.row.plural { return x.row.plural < y.row.plural }
            return a.offset < b.offset
        }.map(\.element)
    }

    /// The definition's compact JSON (one line).
    func compactJSON(_ fragment: SourceFragment) throws -> String {
        let text = try JSONWriter(style: .jq, indent: 0).string(compact(fragment))
        guard !text.contains("\n") && !text.contains("\r") else { throw KitError("compact JSON must be one line") }
        return text
    }

    func compact(_ f: SourceFragment) -> Value {
        var o = Object()
        if f.types.count == 1 { o["t"] = .string(f.types[0]) } else if !f.types.isEmpty { o["t"] = .array(f.types.map(Value.string)) }
        if f.nullable { o["n"] = .bool(true) }
        if let v = f.format { o["f"] = .string(v) }
        if let v = f.description, !validationOnly { o["d"] = .string(v) }
        if let v = f.ref { o["r"] = .string(v) }
        if !f.properties.isEmpty {
            var p = Object(minimumCapacity: f.properties.count)
            for (name, schema) in f.properties { p.appendNew(key: name, value: compact(schema)) }
            o["p"] = .object(p)
        }
        if !f.required.isEmpty { o["q"] = .array(f.required.map(Value.string)) }
        if !f.enumValues.isEmpty { o["e"] = .array(f.enumValues) }
        if let v = f.items { o["i"] = compact(v.value) }
        if let v = f.additionalProperties { o["a"] = compact(v.value) }
        if !f.oneOfTypes.isEmpty { o["o"] = .array(f.oneOfTypes.map(Value.string)) }
        if f.oneOfNullable.contains(true) { o["on"] = .array(f.oneOfNullable.map(Value.bool)) }
        if !f.groupVersionKinds.isEmpty {
            o["k"] = .array(f.groupVersionKinds.map { .array([.string($0.group), .string($0.version), .string($0.kind)]) })
        }
        if let v = f.patchMergeKey { o["mk"] = .string(v) }
        if let v = f.patchStrategy { o["ps"] = .string(v) }
        if let v = f.listType { o["lt"] = .string(v) }
        if !f.listMapKeys.isEmpty { o["lk"] = .array(f.listMapKeys.map(Value.string)) }
        if let v = f.mapType { o["mt"] = .string(v) }
        return .object(o)
    }
}

extension String {
    /// `V1.32.0` → `V1_32_0`.
    func replacingDots() -> String { String(map { $0 == "." ? "_" : $0 }) }
}

/// A short, file-name-friendly name for a definition's API package:
/// `io.k8s.api.apps.v1.Deployment` → `apps.v1`, `io.k8s.apimachinery.pkg.apis.meta.v1.Time` →
/// `apimachinery.meta.v1`, `io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.JSON` →
/// `apiextensions.v1`.
func shortPackageName(of definition: String) -> String {
    var package = String(definition[..<(definition.lastIndex(of: ".") ?? definition.endIndex)])
    for (prefix, replacement) in [
        ("io.k8s.api.", ""),
        ("io.k8s.apimachinery.pkg.apis.", "apimachinery."),
        ("io.k8s.apimachinery.pkg.api.", "apimachinery."),
        ("io.k8s.apimachinery.pkg.util.", "apimachinery."),
        ("io.k8s.apimachinery.pkg.", "apimachinery."),
        ("io.k8s.apiextensions-apiserver.pkg.apis.", ""),
        ("io.k8s.kube-aggregator.pkg.apis.", ""),
        ("io.k8s.", ""),
    ] where package.hasPrefix(prefix) {
        package = replacement + package.dropFirst(prefix.count)
        break
    }
    return package
}

/// The `#`s a raw string literal needs so that `text` cannot end it or start an escape.
func rawStringDelimiter(for text: String) -> String {
    var hashes = "#"
    while text.contains("\"" + hashes) || text.contains("\\" + hashes) { hashes += "#" }
    return hashes
}

/// A Swift string literal for `s` (escaped; used for names, which are plain ASCII).
func swiftString(_ s: String) -> String {
    var out = "\""
    for c in s.unicodeScalars {
        switch c {
        case "\"": out += "\\\""
        case "\\": out += "\\\\"
        case "\n": out += "\\n"
        case "\t": out += "\\t"
        case "\r": out += "\\r"
        default:
            if c.value < 0x20 { out += "\\u{\(String(c.value, radix: 16))}" } else { out.unicodeScalars.append(c) }
        }
    }
    return out + "\""
}
