import KitCore

/// The field specs the built-in transformers use: kustomize's defaults, extended by
/// `configurations:` files (same format as kustomize's `TransformerConfig`) and by the
/// name-reference fields `crds:` declare. Extensions made in a base apply in its overlays too.
struct TransformerConfig: Sendable {
    var namePrefix: [FieldSpec]
    var nameSuffix: [FieldSpec]
    var namespace: [FieldSpec]
    var commonLabels: [FieldSpec]
    var templateLabels: [FieldSpec]
    var commonAnnotations: [FieldSpec]
    var images: [FieldSpec]
    var replicas: [FieldSpec]
    var varReference: [FieldSpec]
    var nameReference: [NameReferenceRule]

    /// Applies `body` to each field-spec list (written out: key paths would cost type
    /// metadata lookups at start-up).
    private mutating func forEachList(_ other: TransformerConfig?, _ body: ([FieldSpec], [FieldSpec]) throws -> [FieldSpec]) rethrows {
        namePrefix = try body(namePrefix, other?.namePrefix ?? [])
        nameSuffix = try body(nameSuffix, other?.nameSuffix ?? [])
        namespace = try body(namespace, other?.namespace ?? [])
        commonLabels = try body(commonLabels, other?.commonLabels ?? [])
        templateLabels = try body(templateLabels, other?.templateLabels ?? [])
        commonAnnotations = try body(commonAnnotations, other?.commonAnnotations ?? [])
        images = try body(images, other?.images ?? [])
        replicas = try body(replicas, other?.replicas ?? [])
        varReference = try body(varReference, other?.varReference ?? [])
    }

    /// What a build starts from: nothing. Every kustomization merges in kustomize's defaults
    /// (with its `configurations:`), as kustomize's accumulator does.
    static let empty = TransformerConfig(
        namePrefix: [], nameSuffix: [], namespace: [], commonLabels: [], templateLabels: [], commonAnnotations: [],
        images: [], replicas: [], varReference: [], nameReference: [])

    /// kustomize's default configuration, its lists sorted as kustomize sorts them.
    static let builtin: TransformerConfig = {
        var c = TransformerConfig(
            namePrefix: BuiltinFieldSpecs.namePrefix,
            nameSuffix: BuiltinFieldSpecs.namePrefix,
            namespace: BuiltinFieldSpecs.namespace,
            commonLabels: BuiltinFieldSpecs.commonLabels,
            templateLabels: BuiltinFieldSpecs.templateLabels,
            commonAnnotations: BuiltinFieldSpecs.commonAnnotations,
            images: BuiltinFieldSpecs.images,
            replicas: BuiltinFieldSpecs.replicas,
            varReference: BuiltinFieldSpecs.varReference,
            nameReference: NameReferenceRule.builtin)
        c.sortFieldSpecs()
        return c
    }()

    /// kustomize's `TransformerConfig.Merge`: each list takes the other's specs that it does
    /// not already hold (see `mergeFieldSpecs`: a general spec after a specific one with the
    /// same path is dropped), then is sorted.
    mutating func merge(_ other: TransformerConfig) throws {
        try forEachList(other) { try mergeFieldSpecs($0, $1) }
        for rule in other.nameReference { addNameReference(rule) }
        sortFieldSpecs()
    }

    /// kustomize's `sortFields` (a stable sort here; Go's sort keeps equal elements of such
    /// short lists in order too).
    mutating func sortFieldSpecs() {
        forEachList(nil) { specs, _ in
            // Sort keys computed once per spec; ties keep their order.
            let keyed = specs.enumerated().map { (FieldSpec.sortKey($0.element), $0.offset, $0.element) }
            return keyed.sorted { a, b in
                if a.0.rank != b.0.rank { return a.0.rank < b.0.rank }
                if a.0.text != b.0.text { return utf8Less(a.0.text, b.0.text) }
                return a.1 < b.1
            }.map(\.2)
        }
    }

    mutating func addNameReference(_ rule: NameReferenceRule) {
        if let i = nameReference.firstIndex(where: {
            $0.group == rule.group && $0.version == rule.version && $0.kind == rule.kind
        }) {
            for spec in rule.referrers where !nameReference[i].referrers.contains(where: { $0.sameTarget(spec) }) {
                nameReference[i].referrers.append(spec)
            }
        } else {
            nameReference.append(rule)
        }
    }

    /// A kustomization's own configuration (kustomize's `MakeTransformerConfig`): the defaults
    /// merged with its `configurations:` files (each merged into an empty one first).
    static func forKustomization(configurations paths: [String], loader: FileLoader) throws -> TransformerConfig {
        var result = TransformerConfig.builtin
        guard !paths.isEmpty else { return result }
        var loaded = TransformerConfig.empty
        try loaded.load(configurations: paths, loader: loader)
        try result.merge(loaded)
        return result
    }

    /// Adds the field specs of `configurations:` files.
    mutating func load(configurations paths: [String], loader: FileLoader) throws {
        for path in paths {
            let bytes = try loader.load(path)
            for document in try YAMLReader.read(bytes, file: loader.join(path), options: .goYAMLv2) where !document.isEmpty {
                try add(configuration: document.value)
            }
        }
    }

    mutating func add(configuration v: Value) throws {
        let allowed: Set<String> = [
            "namePrefix", "nameSuffix", "nameSpace", "namespace", "commonLabels", "templateLabels", "commonAnnotations",
            "images", "replicas", "varReference", "nameReference",
        ]
        let d = try StrictDecoder(v, structName: "TransformerConfig", allowed: allowed)
        func specs(_ field: String) throws -> [FieldSpec] {
            try (d.list(field) ?? []).map { try FieldSpec(d.element($0, of: field, typeName: "FieldSpec", allowed: FieldSpec.fields)) }
        }
        var other = TransformerConfig(
            namePrefix: try specs("namePrefix"),
            nameSuffix: try specs("nameSuffix"),
            namespace: try specs("namespace") + specs("nameSpace"),
            commonLabels: try specs("commonLabels"),
            templateLabels: try specs("templateLabels"),
            commonAnnotations: try specs("commonAnnotations"),
            images: try specs("images"),
            replicas: try specs("replicas"),
            varReference: try specs("varReference"),
            nameReference: [])
        for item in try d.list("nameReference") ?? [] {
            let r = try d.element(item, of: "nameReference", typeName: "NameBackReferences", allowed: ["group", "version", "kind", "fieldSpecs"])
            other.nameReference.append(
                NameReferenceRule(
                    group: try r.string("group") ?? "", version: try r.string("version") ?? "", kind: try r.string("kind") ?? "",
                    referrers: try (r.list("fieldSpecs") ?? []).map {
                        try FieldSpec(r.element($0, of: "fieldSpecs", typeName: "FieldSpec", allowed: FieldSpec.fields))
                    }))
        }
        other.sortFieldSpecs()
        try merge(other)
    }

    /// Field specs declared by the OpenAPI definitions listed in `crds:` (a map of type name →
    /// `{Schema: …}`, JSON or YAML), as kustomize's `LoadConfigFromCRDs` reads them: for each
    /// type that looks like a Kubernetes object (it has kind, apiVersion and metadata), a
    /// property marked `x-kubernetes-annotation` takes common annotations,
    /// `x-kubernetes-label-selector` common labels, `x-kubernetes-identity` name prefixes, and
    /// `x-kubernetes-object-ref-api-version` + `-kind` (+ `-name-key`, default `name`) makes
    /// the property a name reference; `$ref`s are followed.
    /// The configuration that `crds:` declare, merged into this one as kustomize merges it.
    mutating func merge(crds paths: [String], loader: FileLoader) throws {
        guard !paths.isEmpty else { return }
        var crds = TransformerConfig.empty
        try crds.load(crds: paths, loader: loader)
        crds.sortFieldSpecs()
        try merge(crds)
    }

    private mutating func load(crds paths: [String], loader: FileLoader) throws {
        for path in paths {
            guard case .object(let definitions) = try loader.loadSchemaDocument(path) else { continue }
            for (name, definition) in definitions {
                guard case .object(let properties)? = definition["Schema"]?["properties"],
                    properties["kind"] != nil, properties["apiVersion"] != nil, properties["metadata"] != nil
                else { continue }
                let kind = name.split(separator: ".").last.map(String.init) ?? name
                var visited: Set<String> = []
                addCRDFieldSpecs(definitions, typeName: name, kind: kind, path: [], visited: &visited)
            }
        }
    }

    private mutating func addCRDFieldSpecs(
        _ definitions: Object, typeName: String, kind: String, path: [String], visited: inout Set<String>
    ) {
        guard visited.insert(typeName).inserted, case .object(let properties)? = definitions[typeName]?["Schema"]?["properties"]
        else { return }
        for (property, schema) in properties {
            let fieldPath = path + [property]
            func spec(_ p: [String]) -> FieldSpec { FieldSpec(kind: kind, path: p.joined(separator: "/")) }
            if schema["x-kubernetes-annotation"] != nil { merge(only: \.commonAnnotations, [spec(fieldPath)]) }
            if schema["x-kubernetes-label-selector"] != nil { merge(only: \.commonLabels, [spec(fieldPath)]) }
            if schema["x-kubernetes-identity"] != nil { merge(only: \.namePrefix, [spec(fieldPath)]) }
            if case .string(let version)? = schema["x-kubernetes-object-ref-api-version"],
                case .string(let refKind)? = schema["x-kubernetes-object-ref-kind"]
            {
                let nameKey = schema["x-kubernetes-object-ref-name-key"]?.stringValue ?? "name"
                addNameReference(
                    NameReferenceRule(group: "", version: version, kind: refKind, referrers: [spec(fieldPath + [nameKey])]))
            }
            if case .string(let ref)? = schema["$ref"] {
                addCRDFieldSpecs(definitions, typeName: ref, kind: kind, path: fieldPath, visited: &visited)
            }
        }
        visited.remove(typeName)
    }

    private mutating func merge(only keyPath: WritableKeyPath<TransformerConfig, [FieldSpec]>, _ specs: [FieldSpec]) {
        for spec in specs where !self[keyPath: keyPath].contains(where: { $0.sameTarget(spec) }) {
            self[keyPath: keyPath].append(spec)
        }
    }
}
