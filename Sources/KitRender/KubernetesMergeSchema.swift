import KitCore
import KitModel

/// Strategic-merge knowledge of built-in kinds, from KitModel's Kubernetes schema:
/// the same extensions kustomize reads from its embedded OpenAPI document. Kinds the schema
/// does not know (custom resources) have none, so their lists are replaced, as in kustomize.
struct KubernetesMergeSchema: MergeSchema {
    let node: SchemaNode

    static func forResource(_ gvk: GroupVersionKind) -> MergeSchema? {
        KubernetesSchema.shared.node(for: gvk).map { KubernetesMergeSchema(node: $0) }
    }

    func field(_ name: String) -> MergeSchema? {
        if let p = node.property(name) { return KubernetesMergeSchema(node: p) }
        if let a = node.additionalProperties { return KubernetesMergeSchema(node: a) }
        return nil
    }

    var elements: MergeSchema? { node.items.map { KubernetesMergeSchema(node: $0) } }

    var patchStrategy: String { node.patchStrategies.joined(separator: ",") }

    /// kyaml's `PatchStrategyAndKeyList`: the list-map keys when the schema has them, else
    /// the patch merge key.
    var mergeKeys: [String] {
        if !node.listMapKeys.isEmpty { return node.listMapKeys }
        if let key = node.patchMergeKey { return [key] }
        return []
    }
}
