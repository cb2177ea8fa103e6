import KitCore
import KitModel

/// A kustomization's `openapi: {path: …}` document (Swagger-style `definitions`, each kind
/// marked with `x-kubernetes-group-version-kind`): merge keys for custom resources, used by
/// strategic-merge patches in place of the built-in schema for the kinds it defines.
struct CustomSchemaDocument: Sendable {
    let definitions: Object
    let kinds: [GroupVersionKind: String]

    init(_ document: Value) {
        definitions = document["definitions"]?.objectValue ?? Object()
        var kinds: [GroupVersionKind: String] = [:]
        for (name, definition) in definitions {
            guard case .array(let gvks)? = definition["x-kubernetes-group-version-kind"] else { continue }
            for g in gvks {
                let gvk = GroupVersionKind(
                    group: g["group"]?.stringValue ?? "", version: g["version"]?.stringValue ?? "",
                    kind: g["kind"]?.stringValue ?? "")
                kinds[gvk] = name
            }
        }
        self.kinds = kinds
    }

    func schema(for gvk: GroupVersionKind) -> MergeSchema? {
        guard let name = kinds[gvk], let definition = definitions[name] else { return nil }
        return CustomMergeSchema(document: self, node: definition)
    }

    /// The schema of a node: itself, or — for a `$ref` to a definition this document lacks,
    /// such as `io.k8s.api.core.v1.PodTemplateSpec` — the built-in definition of that name
    /// (kustomize resolves such references in its built-in schema).
    func schema(of node: Value) -> MergeSchema {
        if case .string(let ref)? = node["$ref"] {
            let name = ref.hasPrefix("#/definitions/") ? String(ref.dropFirst("#/definitions/".count)) : ref
            if definitions[name] == nil, let builtin = KubernetesSchema.shared.node(forDefinition: name) {
                return KubernetesMergeSchema(node: builtin)
            }
        }
        return CustomMergeSchema(document: self, node: node)
    }

    /// Follows `$ref: #/definitions/NAME`.
    func resolve(_ node: Value) -> Value {
        if case .string(let ref)? = node["$ref"] {
            let name = ref.hasPrefix("#/definitions/") ? String(ref.dropFirst("#/definitions/".count)) : ref
            if let target = definitions[name] { return target }
        }
        return node
    }
}

struct CustomMergeSchema: MergeSchema {
    let document: CustomSchemaDocument
    let node: Value

    func field(_ name: String) -> MergeSchema? {
        let resolved = document.resolve(node)
        if let p = resolved["properties"]?[name] { return document.schema(of: p) }
        if let a = resolved["additionalProperties"], case .object = a { return document.schema(of: a) }
        return nil
    }

    var elements: MergeSchema? {
        document.resolve(node)["items"].map { document.schema(of: $0) }
    }

    var patchStrategy: String {
        node["x-kubernetes-patch-strategy"]?.stringValue ?? document.resolve(node)["x-kubernetes-patch-strategy"]?.stringValue ?? ""
    }

    var mergeKeys: [String] {
        let resolved = document.resolve(node)
        for source in [node, resolved] {
            if case .array(let keys)? = source["x-kubernetes-list-map-keys"] { return keys.compactMap(\.stringValue) }
        }
        for source in [node, resolved] {
            if let key = source["x-kubernetes-patch-merge-key"]?.stringValue { return [key] }
        }
        return []
    }
}
