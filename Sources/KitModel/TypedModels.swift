import KitCore

/// The generated typed models, by the kind they describe.
public enum TypedModels {
    /// Every typed model of a kind (`Apps.V1.Deployment.self`, `Core.V1.Pod.self`, …).
    public static var all: [any KubernetesObjectModel.Type] { generatedKinds }

    private static let byGVK: [GroupVersionKind: any KubernetesObjectModel.Type] = {
        var map: [GroupVersionKind: any KubernetesObjectModel.Type] = [:]
        for type in generatedKinds { map[type.groupVersionKind] = type }
        return map
    }()

    /// The model of `gvk`, or nil when kit has none (other groups, custom resources).
    public static func modelType(for gvk: GroupVersionKind) -> (any KubernetesObjectModel.Type)? {
        byGVK[gvk]
    }
}
