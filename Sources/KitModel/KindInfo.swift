/// A served Kubernetes resource: its kind, names and scope (one row of `kubectl api-resources`).
public struct KindInfo: Sendable, Hashable, CustomStringConvertible {
    /// Group, version and kind (`apps`, `v1`, `Deployment`).
    public let gvk: GroupVersionKind
    /// True for namespaced resources, false for cluster-scoped ones.
    public let namespaced: Bool
    /// The plural resource name (`deployments`).
    public let plural: String
    /// The singular name (`deployment`).
    public let singular: String
    /// Short names (`deploy`), possibly none.
    public let shortNames: [String]
    /// The OpenAPI name of the kind's definition (`io.k8s.api.apps.v1.Deployment`).
    public let definitionName: String

    /// The kind's schema.
    public var definition: SchemaNode { KubernetesSchema.shared.node(forDefinition: definitionName)! }

    /// `deployments.apps` (`pods` for the core group), as kubectl names group resources.
    public var groupResource: String { gvk.group.isEmpty ? plural : "\(plural).\(gvk.group)" }

    public var description: String { "\(groupResource) (\(gvk.apiVersion) \(gvk.kind))" }
}
