import KitCore

/// The dynamic view of a Kubernetes object that every part of kit uses: apiVersion, kind,
/// metadata helpers and identity over the object itself, whatever its kind (built-in or custom).
///
/// Like the typed models, it is a view: it stores the object and reads and writes its entries,
/// so nothing it does not touch changes, and key order is kept.
public struct Resource: Sendable {
    /// The object.
    public var object: Object

    public init(_ object: Object) { self.object = object }

    /// A resource over `value`, or nil when it is not an object.
    public init?(_ value: Value) {
        guard case .object(let object) = value else { return nil }
        self.object = object
    }

    /// A resource over a typed model's object.
    public init<Model: ObjectModel>(_ model: Model) { object = model.raw }

    /// The object as a `Value`.
    public var value: Value { .object(object) }

    // MARK: Kind

    /// `apiVersion` (`apps/v1`, `v1`), nil when absent or not a string.
    public var apiVersion: String? {
        get { object.field("apiVersion") }
        set { object.setField("apiVersion", newValue) }
    }

    /// `kind` (`Deployment`), nil when absent or not a string.
    public var kind: String? {
        get { object.field("kind") }
        set { object.setField("kind", newValue) }
    }

    /// Group, version and kind from `apiVersion` and `kind` (empty parts when absent).
    public var gvk: GroupVersionKind {
        get { GroupVersionKind(apiVersion: apiVersion ?? "", kind: kind ?? "") }
        set {
            apiVersion = newValue.apiVersion
            kind = newValue.kind
        }
    }

    // MARK: Metadata

    /// `metadata`, as the typed model (empty when absent).
    public var metadata: Meta.V1.ObjectMeta {
        get { object.nested("metadata") }
        set { object.setNested("metadata", newValue) }
    }

    /// `metadata.name`.
    public var name: String? {
        get { metadata.name }
        set { metadata.name = newValue }
    }

    /// `metadata.namespace`.
    public var namespace: String? {
        get { metadata.namespace }
        set { metadata.namespace = newValue }
    }

    /// Kind, namespace and name: how kustomize and kit tell objects apart.
    public var id: ResourceID {
        ResourceID(gvk: gvk, name: name ?? "", namespace: namespace ?? "")
    }

    /// `metadata.labels`, in their order; assign to change them (`labels["app"] = "web"`).
    public var labels: FieldMap<String> {
        get { metadata.labels }
        set { metadata.labels = newValue }
    }

    /// `metadata.annotations`, in their order.
    public var annotations: FieldMap<String> {
        get { metadata.annotations }
        set { metadata.annotations = newValue }
    }

    /// `metadata.ownerReferences`.
    public var ownerReferences: [Meta.V1.OwnerReference] {
        get { metadata.ownerReferences }
        set { metadata.ownerReferences = newValue }
    }

    // MARK: Schema and models

    /// Whether the kind lives in a namespace, from the schema; nil for kinds kit does not know
    /// (custom resources).
    public var isNamespaced: Bool? { KubernetesSchema.shared.isNamespaced(gvk) }

    /// The schema of this object's kind, if kit knows it.
    public var schema: SchemaNode? { KubernetesSchema.shared.node(for: gvk) }

    /// The object as its typed model (`Apps.V1.Deployment`, …), or nil when kit has none.
    public func typed() -> (any KubernetesObjectModel)? {
        TypedModels.modelType(for: gvk).map { $0.init(raw: object) }
    }

    /// The object as `Model`, or nil when it is of another kind.
    public func typed<Model: KubernetesObjectModel>(as model: Model.Type) -> Model? {
        gvk == Model.groupVersionKind ? Model(raw: object) : nil
    }
}
