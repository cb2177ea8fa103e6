import KitCore

/// The field specs the built-in transformers use: kustomize's defaults, extended by
/// `configurations:` files (same format as kustomize's `TransformerConfig`) and by the
/// name-reference fields `crds:` declare. Extensions made in a base apply in its overlays too.
struct TransformerConfig: Sendable {
    var namePrefix: [FieldSpec]
    var namespace: [FieldSpec]
    var commonLabels: [FieldSpec]
    var templateLabels: [FieldSpec]
    var commonAnnotations: [FieldSpec]
    var images: [FieldSpec]
    var replicas: [FieldSpec]
    var varReference: [FieldSpec]
    var nameReference: [NameReferenceRule]

    static let builtin = TransformerConfig(
        namePrefix: BuiltinFieldSpecs.namePrefix,
        namespace: BuiltinFieldSpecs.namespace,
        commonLabels: BuiltinFieldSpecs.commonLabels,
        templateLabels: BuiltinFieldSpecs.templateLabels,
        commonAnnotations: BuiltinFieldSpecs.commonAnnotations,
        images: BuiltinFieldSpecs.images,
        replicas: BuiltinFieldSpecs.replicas,
        varReference: BuiltinFieldSpecs.varReference,
        nameReference: NameReferenceRule.builtin)

    mutating func merge(_ other: TransformerConfig) {
        func add(_ list: inout [FieldSpec], _ more: [FieldSpec]) {
            for spec in more where !list.contains(where: { $0.sameTarget(spec) }) { list.append(spec) }
        }
        add(&namePrefix, other.namePrefix)
        add(&namespace, other.namespace)
        add(&commonLabels, other.commonLabels)
        add(&templateLabels, other.templateLabels)
        add(&commonAnnotations, other.commonAnnotations)
        add(&images, other.images)
        add(&replicas, other.replicas)
        add(&varReference, other.varReference)
        for rule in other.nameReference { addNameReference(rule) }
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
            namePrefix: try specs("namePrefix") + specs("nameSuffix"),
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
        merge(other)
    }

    /// Name references declared by CRDs listed in `crds:`: a property annotated with
    /// `x-kubernetes-object-ref-kind` (and optionally `x-kubernetes-object-ref-name-key`)
    /// refers to an object of that kind by name.
    mutating func load(crds paths: [String], loader: FileLoader) throws {
        for path in paths {
            let bytes = try loader.load(path)
            for document in try YAMLReader.read(bytes, file: loader.join(path)) where !document.isEmpty {
                try addReferences(fromCRD: document.value)
            }
        }
    }

    mutating func addReferences(fromCRD crd: Value) throws {
        // OpenAPI v2 style definitions (what kustomize's crds: field reads): a map of
        // definitions whose properties may carry the object-ref extensions.
        guard case .object(let definitions) = crd else { return }
        for (name, definition) in definitions {
            let kind = name.split(separator: ".").last.map(String.init) ?? name
            collectReferences(in: definition, path: [], kind: kind)
        }
    }

    private mutating func collectReferences(in schema: Value, path: [String], kind: String) {
        guard case .object(let properties)? = schema["properties"] else { return }
        for (field, property) in properties {
            let fieldPath = path + [field]
            if case .string(let refKind)? = property["x-kubernetes-object-ref-kind"] {
                var specPath = fieldPath
                if case .string(let key)? = property["x-kubernetes-object-ref-name-key"] { specPath.append(key) }
                addNameReference(
                    NameReferenceRule(
                        group: "", version: "", kind: refKind,
                        referrers: [FieldSpec(kind: kind, path: specPath.joined(separator: "/"))]))
            }
            collectReferences(in: property, path: fieldPath, kind: kind)
        }
    }
}
