import KitCore

/// The fields an API server sets on an object, which `kubectl create -f` refuses or ignores,
/// and moving objects to another namespace (the seed's "copy secrets" recipe).
public enum ServerFields {
    /// `metadata` fields only a server sets (or that point at the old place).
    static let metadataFields = [
        "uid", "resourceVersion", "creationTimestamp", "generation", "managedFields", "selfLink", "ownerReferences",
        "deletionTimestamp", "deletionGracePeriodSeconds",
    ]

    /// Annotations a server or kubectl wrote for the old object.
    static let annotations = ["kubectl.kubernetes.io/last-applied-configuration"]

    /// `object` without `metadata.managedFields` (what kubectl prints unless
    /// `--show-managed-fields`).
    public static func withoutManagedFields(_ object: Value) -> Value {
        guard case .object(var o) = object, case .object(var metadata)? = o["metadata"], metadata["managedFields"] != nil else {
            return object
        }
        metadata["managedFields"] = nil
        o["metadata"] = .object(metadata)
        return .object(o)
    }

    /// `object` in `namespace`, without server-set metadata and without `status`: ready for
    /// `kubectl apply` or `kubectl create` in the new namespace.
    public static func moved(_ object: Value, toNamespace namespace: String) -> Value {
        guard case .object(var o) = object else { return object }
        var metadata = o["metadata"]?.objectValue ?? Object()
        for field in metadataFields { metadata[field] = nil }
        if var notes = metadata["annotations"]?.objectValue {
            for key in annotations { notes[key] = nil }
            metadata["annotations"] = notes.isEmpty ? nil : .object(notes)
        }
        metadata["namespace"] = .string(namespace)
        o["metadata"] = .object(metadata)
        o["status"] = nil
        return .object(o)
    }
}
