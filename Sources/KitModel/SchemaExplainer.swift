import KitCore

/// `kubectl explain`, offline: the documentation of a kind or of a field path, printed from
/// the compiled-in schema in exactly kubectl's format (kubectl's OpenAPI v3 `plaintext`
/// template, k8s.io/kubectl/pkg/explain/v2/templates/plaintext.tmpl, as kubectl 1.32 ships it).
///
/// The schema here is JSON Schema, where a reference with a description beside it stands for
/// what an API server serves as `allOf: [{$ref}]` with that description; the printer follows
/// the template's rules for both, so the output is the one kubectl prints against a server.
/// Two things kubectl would show from a live v1.37 server cannot be reproduced because the
/// definitions lack them: `ENUM` lists (the definitions carry no enums), and nothing else.
/// The single-value enums on `apiVersion` and `kind` that the definitions' packaging adds are
/// not printed, since a server has none.
public struct SchemaExplainer {
    let schema: KubernetesSchema

    public init(schema: KubernetesSchema = .shared) {
        self.schema = schema
    }

    /// What an explain argument names: a resource and a field path in it.
    public struct Target: Equatable, Sendable {
        public var gvk: GroupVersionKind
        public var fieldPath: [String]
    }

    /// Resolves `RESOURCE[.field.path]` the way kubectl explain does: the resource is a plural,
    /// singular, short or kind name (`pods`, `pod`, `po`, `Pod`), optionally qualified by its
    /// group (`deployments.apps.spec`); without `apiVersion` the preferred version is used
    /// (autoscaling/v2 for `hpa`), with it the resource's group and version become that.
    public func target(_ argument: String, apiVersion: String? = nil) throws -> Target {
        var argument = argument
        if argument.hasSuffix(".") { argument.removeLast() }
        let parts = argument.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        let candidates = schema.resources(named: parts[0])
        guard let first = candidates.first else {
            let hint = NameSuggestion.hint(for: parts[0], among: resourceNames, quote: "\"")
            throw KitError("no resource type \"\(parts[0])\" in the Kubernetes \(schema.kubernetesVersion) schema"
                + (hint.isEmpty ? " (kit knows the built-in resources, not custom ones)" : hint))
        }
        guard let apiVersion else {
            // The first candidate whose `plural.group` prefixes the argument takes the group
            // part out of the field path (kubectl's SplitAndParseResourceRequestWithMatchingPrefix).
            for info in candidates where argument.hasPrefix(info.groupResource) {
                let rest = argument.dropFirst(info.groupResource.count)
                let fields = rest.isEmpty ? [] : Array(rest.split(separator: ".", omittingEmptySubsequences: false).dropFirst().map(String.init))
                return Target(gvk: info.gvk, fieldPath: fields)
            }
            return Target(gvk: first.gvk, fieldPath: Array(parts.dropFirst()))
        }
        let requested = GroupVersionKind(apiVersion: apiVersion, kind: "")
        let gvr = "\(requested.group)/\(requested.version), Resource=\(first.plural)"
        guard schema.resources.contains(where: { $0.gvk.group == requested.group && $0.gvk.version == requested.version }) else {
            throw KitError("couldn't find resource for \"\(gvr)\" (the Kubernetes \(schema.kubernetesVersion) schema has no \(apiVersion))")
        }
        guard let info = schema.resources.first(where: { $0.gvk.group == requested.group && $0.gvk.version == requested.version && $0.plural == first.plural }) else {
            throw KitError("GVR (\(gvr)) not found in the Kubernetes \(schema.kubernetesVersion) schema")
        }
        return Target(gvk: info.gvk, fieldPath: Array(parts.dropFirst()))
    }

    /// Every name a resource can be given by (plural and singular names, short names), in
    /// discovery order: what `kit explain` suggests from and completes.
    public var resourceNames: [String] {
        var seen: Set<String> = []
        var names: [String] = []
        for info in schema.resources {
            for name in [info.plural, info.singular] + info.shortNames where seen.insert(name).inserted {
                names.append(name)
            }
        }
        return names
    }

    /// The names of the fields directly below `target` (its field path followed as `explain`
    /// follows it: through references, array items and map values), sorted; nil when the path
    /// does not exist. Shell completion offers these after a dot.
    public func fieldNames(_ target: Target) -> [String]? {
        guard let root = schema.node(for: target.gvk) else { return nil }
        var f = root.fragment
        var path = target.fieldPath[...]
        var seen = Set<String>()
        while true {
            if let ref = f.ref {
                guard seen.insert(ref).inserted else { return nil }
                f = referenced(f)
            } else if let name = path.first, let property = f.property(name) {
                f = property
                path = path.dropFirst()
                seen = []
            } else if let items = f.items {
                f = items
            } else if let values = f.additionalProperties {
                f = values
            } else {
                return path.isEmpty ? f.propertyNames.sorted(by: utf8Less) : nil
            }
        }
    }

    /// The explanation of `target`, as kubectl explain prints it (`recursive`: the field tree
    /// without descriptions).
    public func explain(_ target: Target, recursive: Bool = false) throws -> String {
        guard let root = schema.node(for: target.gvk) else {
            throw KitError("GVK \(target.gvk.apiVersion) \(target.gvk.kind) not found in the schema")
        }
        var out = ""
        if !target.gvk.group.isEmpty { out += "GROUP:      \(target.gvk.group)\n" }
        out += "KIND:       \(target.gvk.kind)\n"
        out += "VERSION:    \(target.gvk.version)\n"
        out += "\n"
        out += try output(root.fragment, path: target.fieldPath[...], recursive: recursive)
        out += "\n"
        return out
    }

    // MARK: The template's parts

    /// Template `output`: follows the field path, then prints the field's description and fields.
    func output(_ f: SchemaFragment, path: ArraySlice<String>, recursive: Bool) throws -> String {
        var f = f
        var seen = Set<String>()
        while let name = path.first {
            // Through references, array items and map values the path stays where it is.
            if let ref = f.ref {
                guard seen.insert(ref).inserted else { break }
                f = referenced(f)
                continue
            }
            if let property = f.property(name) {
                var out = ""
                if path.count == 1 {
                    out += "FIELD: \(name) <\(typeGuess(property))>\n"
                    out += enumText(property, name: name, longView: true, indent: 0)
                    out += "\n\n"
                }
                return out + (try output(property, path: path.dropFirst(), recursive: recursive))
            }
            if let items = f.items {
                f = items
            } else if let values = f.additionalProperties {
                f = values
            } else {
                break
            }
        }
        if let missing = path.first {
            // kubectl's wording, then the closest field of the object the path stopped in.
            let hint = NameSuggestion.closest(to: missing, among: f.propertyNames)
            throw KitError("field \"\(missing)\" does not exist" + (hint.map { "\n  did you mean \"\($0)\"?" } ?? ""))
        }
        var out = "DESCRIPTION:\n"
        let description = self.description(f)
        out += indent(GoWordWrap.wrap(description.isEmpty ? "<empty>" : description, limit: 76), by: 4) + "\n"
        // A bare reference (no description beside it, so not wrapped in allOf by a server) is
        // listed as its definition, which then does not count as visited.
        var listed = f
        if f.ref != nil, (f.description ?? "").isEmpty { listed = referenced(f) }
        let fields = fieldList(listed, level: 1, history: [], recursive: recursive)
        if !fields.isEmpty { out += "FIELDS:\n" + fields }
        return out
    }

    /// Template `description`: the fragment's description, then what it refers to, its items'
    /// and its map values' — each followed by a newline.
    func description(_ f: SchemaFragment) -> String {
        var out = ""
        if let d = f.description, !d.isEmpty { out += d + "\n" }
        if f.ref != nil {
            out += description(referenced(f))
            return out
        }
        if let items = f.items { out += description(items) }
        if let values = f.additionalProperties { out += description(values) }
        return out
    }

    /// Template `fieldList`: every property (by name) with its type and description, or, when
    /// recursive, the tree of names; references already on the path stop the recursion.
    func fieldList(_ f: SchemaFragment, level: Int, history: Set<String>, recursive: Bool) -> String {
        var history = history
        var f = f
        if let ref = f.ref {
            guard !history.contains(ref) else { return "" }
            history.insert(ref)
            f = referenced(f)
        }
        var out = ""
        let order = f.propertyNames.indices.sorted { utf8Less(f.propertyNames[$0], f.propertyNames[$1]) }
        for i in order {
            let name = f.propertyNames[i]
            let property = f.propertySchemas[i]
            out += fieldDetail(name, property, required: f.required.contains(name), level: level, short: recursive)
            if recursive {
                out += fieldList(property, level: level + 1, history: history, recursive: true)
            }
        }
        if let items = f.items { out += fieldList(items, level: level, history: history, recursive: recursive) }
        if let values = f.additionalProperties { out += fieldList(values, level: level, history: history, recursive: recursive) }
        return out
    }

    /// Template `fieldDetail`: `name<TAB><type> -required-`, then the wrapped description.
    func fieldDetail(_ name: String, _ f: SchemaFragment, required: Bool, level: Int, short: Bool) -> String {
        let indentAmount = level * 2
        var out = String(repeating: " ", count: indentAmount) + name + "\t<" + typeGuess(f) + ">"
        if required { out += " -required-" }
        out += enumText(f, name: name, longView: false, indent: indentAmount)
        out += "\n"
        if !short {
            let description = f.description.flatMap { $0.isEmpty ? nil : $0 } ?? "<no description>"
            out += indent(GoWordWrap.wrap(description, limit: 78 - indentAmount), by: indentAmount + 2) + "\n\n"
        }
        return out
    }

    /// Template `typeGuess`: `string`, `[]Container`, `map[string]string`, `Object`, …
    func typeGuess(_ f: SchemaFragment) -> String {
        if let ref = f.ref {
            let target = referenced(f)
            if let type = target.type, type != "object" { return type }
            return String(ref.split(separator: ".").last ?? "Object")
        }
        if let items = f.items { return "[]" + typeGuess(items) }
        if let values = f.additionalProperties { return "map[string]" + typeGuess(values) }
        guard let type = f.type, type != "object" else { return "Object" }
        return type
    }

    /// Template `extractEnum`: `ENUM:` lines (a field's own page) or an `enum:` line (field
    /// lists, at most four values). apiVersion and kind enums are packaging, not API: skipped.
    func enumText(_ f: SchemaFragment, name: String, longView: Bool, indent: Int) -> String {
        let values = f.ref == nil ? f.enumValues : referenced(f).enumValues
        guard !values.isEmpty, name != "apiVersion", name != "kind" else { return "" }
        func text(_ v: Value) -> String {
            switch v {
            case .string(let s): return s.isEmpty ? "\"\"" : s
            default: return (try? JSONWriter(style: .jq, indent: 0).string(v)) ?? ""
            }
        }
        if longView {
            return "ENUM:" + values.map { "\n    " + text($0) }.joined()
        }
        var out = "\n" + String(repeating: " ", count: indent) + "enum: "
        for (i, v) in values.enumerated() {
            if i >= 4 {
                out += ", ...."
                break
            }
            if i > 0 { out += ", " }
            out += text(v)
        }
        return out
    }

    /// The definition `f` refers to (`f.ref` is set; its index was looked up with the fragment).
    func referenced(_ f: SchemaFragment) -> SchemaFragment {
        guard let index = f.refIndex else { preconditionFailure("unknown definition \(f.ref ?? "")") }
        return schema.definition(at: index)
    }

    /// Go template `indent`: the pad before the text and after every newline.
    func indent(_ s: String, by amount: Int) -> String {
        let pad = String(repeating: " ", count: amount)
        return pad + s.split(separator: "\n", omittingEmptySubsequences: false).joined(separator: "\n" + pad)
    }
}
