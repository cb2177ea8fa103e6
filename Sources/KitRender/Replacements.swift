import KitCore
import KitModel

/// `replacements:` — copy a field of one object into fields of others (kustomize's
/// `ReplacementTransformer`). Entries are inline or `path:` files holding a list of them.
enum Replacements {
    struct Options {
        var delimiter = ""
        var index = 0
        var create = false

        init(_ v: Value?) throws {
            guard let v, !v.isNull else { return }
            let d = try StrictDecoder(v, structName: "FieldOptions", allowed: ["delimiter", "index", "encoding", "create"])
            delimiter = try d.string("delimiter") ?? ""
            index = try d.int("index") ?? 0
            create = try d.bool("create") ?? false
        }
    }

    /// Selects by id: empty parts match anything; name and namespace must be equal (unlike a
    /// patch target's, these fields are not patterns).
    struct IDSelector {
        var fields = Selector()
        var labels = MetadataMapSelector("", field: "labels")
        var annotations = MetadataMapSelector("", field: "annotations")

        init(_ v: Value?, structName: String) throws {
            guard let v, !v.isNull else { return }
            // Sources and targets also hold `fieldPath` and `options`, which the caller reads.
            fields = try Selector(StrictDecoder(v, structName: structName, allowed: Selector.fields.union(["fieldPath", "options"])))
            labels = MetadataMapSelector(fields.labelSelector, field: "labels")
            annotations = MetadataMapSelector(fields.annotationSelector, field: "annotations")
        }

        func matches(_ r: RenderResource) throws -> Bool {
            let f = fields
            let ids = [r.id] + r.previousIDs
            let idMatch = ids.contains { id in
                (f.group.isEmpty || f.group == id.gvk.group) && (f.version.isEmpty || f.version == id.gvk.version)
                    && (f.kind.isEmpty || f.kind == id.gvk.kind) && (f.name.isEmpty || f.name == id.name)
                    && (f.namespace.isEmpty || f.namespace == id.namespace)
            }
            return try idMatch && labels.matches(r) && annotations.matches(r)
        }

        var description: String {
            let parts = [fields.group, fields.version, fields.kind, fields.name, fields.namespace].filter { !$0.isEmpty }
            return parts.joined(separator: "/")
        }
    }

    static func apply(_ entries: [Value], loader: FileLoader, to map: inout ResourceMap) throws {
        var replacements: [Value] = []
        for entry in entries {
            if case .object(let o) = entry, o.count == 1, case .string(let path)? = o["path"] {
                let bytes = try loader.load(path)
                for doc in try YAMLReader.read(bytes, file: loader.join(path)) where !doc.isEmpty {
                    switch doc.value {
                    case .array(let items): replacements += items
                    default: replacements.append(doc.value)
                    }
                }
            } else {
                replacements.append(entry)
            }
        }
        for r in replacements { try applyOne(r, to: &map) }
    }

    static func applyOne(_ replacement: Value, to map: inout ResourceMap) throws {
        let d = try StrictDecoder(replacement, structName: "Replacement", allowed: ["source", "targets", "path"])
        guard let sourceValue = d.value("source"), let targetValues = try d.list("targets") else {
            throw KitError("replacements must specify a source and at least one target")
        }
        let source = try IDSelector(sourceValue, structName: "SourceSelector")
        let sourceFieldPath = sourceValue["fieldPath"]?.stringValue ?? "metadata.name"
        let sourceOptions = try Options(sourceValue["options"])
        var found: [Int] = []
        for (i, r) in map.resources.enumerated() where try source.matches(r) { found.append(i) }
        if found.count > 1 { throw KitError("multiple matches for selector \(source.description)") }
        guard let sourceIndex = found.first else { throw KitError("nothing selected by \(source.description)") }
        let values = FieldPath(sourceFieldPath).get(map.resources[sourceIndex].value)
        guard var value = values.first else {
            throw KitError("fieldPath `\(sourceFieldPath)` is missing for replacement source \(map.resources[sourceIndex].id)")
        }
        if !sourceOptions.delimiter.isEmpty {
            guard let text = scalar(value) else { throw KitError("delimiter option can only be used with scalar nodes") }
            let parts = text.components(separatedBy: sourceOptions.delimiter)
            guard sourceOptions.index >= 0, sourceOptions.index < parts.count else {
                // kustomize shows the value; it may be a secret, so kit names where it is instead.
                throw KitError(
                    "options.index \(sourceOptions.index) is out of bounds for the value at \(sourceFieldPath) of \(map.resources[sourceIndex].id) (\(parts.count) parts)")
            }
            value = .string(parts[sourceOptions.index])
        }
        for targetValue in targetValues {
            let t = try d.element(targetValue, of: "targets", typeName: "TargetSelector", allowed: ["select", "reject", "fieldPaths", "options"])
            guard let selectValue = t.value("select") else { throw KitError("target must specify resources to select") }
            let select = try IDSelector(selectValue, structName: "Selector")
            let rejects = try (t.list("reject") ?? []).map { try IDSelector($0, structName: "Selector") }
            let fieldPaths = try t.strings("fieldPaths") ?? ["metadata.name"]
            let options = try Options(t.value("options"))
            for i in map.resources.indices {
                let r = map.resources[i]
                guard try select.matches(r), try !rejects.contains(where: { try $0.matches(r) }) else { continue }
                for path in fieldPaths {
                    let n = try FieldPath(path).set(in: &map.resources[i].value, create: options.create) { old in
                        try Replacements.targetValue(old: old, value: value, options: options)
                    }
                    if n == 0 && !options.create {
                        throw KitError("unable to find field \"\(path)\" in replacement target")
                    }
                }
            }
        }
    }

    /// The new value of a target field. A field created by `create` starts as an empty
    /// string. A scalar target keeps its type and only takes the source's text (kustomize
    /// copies the value, not the tag: `"5432"` into `replicas` is the number 5432); any other
    /// target takes the source node as it is.
    static func targetValue(old: Value?, value: Value, options: Options) throws -> Value {
        let current = old ?? .string("")
        var source = value
        if !options.delimiter.isEmpty {
            guard let text = scalar(current) else { throw KitError("delimiter option can only be used with scalar nodes") }
            var parts = text.components(separatedBy: options.delimiter)
            let v = scalar(value) ?? ""
            if options.index < 0 {
                parts.insert(v, at: 0)
            } else if options.index >= parts.count {
                parts.append(v)
            } else {
                parts[options.index] = v
            }
            source = .string(parts.joined(separator: options.delimiter))
        }
        return retyped(scalarText: source, as: current)
    }

    static func retyped(scalarText source: Value, as target: Value) -> Value {
        let text: String
        switch source {
        case .object, .array: return source
        default: text = StrategicMerge.scalarText(source)
        }
        switch target {
        case .string:
            return .string(text)
        case .int, .double, .decimal, .bool:
            // The target's tag stays: the text is read as that type would read it.
            if let v = try? YAMLScalarResolver.resolve(text, plain: true, tag: nil), v.typeName == target.typeName {
                return v
            }
            return .string(text)
        default:
            return source
        }
    }

    static func scalar(_ v: Value) -> String? {
        switch v {
        case .object, .array: return nil
        default: return StrategicMerge.scalarText(v)
        }
    }
}

extension String {
    /// Splits on every occurrence of `separator` (like Go's strings.Split).
    func components(separatedBy separator: String) -> [String] {
        guard !separator.isEmpty else { return [self] }
        var result: [String] = []
        var rest = Substring(self)
        while let r = rest.range(of: separator) {
            result.append(String(rest[..<r.lowerBound]))
            rest = rest[r.upperBound...]
        }
        result.append(String(rest))
        return result
    }
}

extension Substring {
    func range(of needle: String) -> Range<Substring.Index>? {
        guard !needle.isEmpty else { return nil }
        var i = startIndex
        while i < endIndex {
            if self[i...].hasPrefix(needle) { return i..<index(i, offsetBy: needle.count) }
            i = index(after: i)
        }
        return nil
    }
}
