import KitCore
import KitModel

/// The merge schema of built-in kinds (patch strategies and merge keys) for strategic merge.
enum KubernetesMergeSchema {
    static func forResource(_ gvk: GroupVersionKind) -> MergeSchema? {
        nil  // SHIM: replaced by the KitModel schema bundle
    }
}
