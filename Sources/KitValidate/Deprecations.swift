/// Deprecated and removed API versions (from the Kubernetes deprecated API migration guide):
/// for each, the minor version that deprecated it, the one that stopped serving it, and what
/// to use instead.
enum Deprecations {
    struct Entry {
        let deprecatedIn: Int
        let removedIn: Int?
        let replacement: String?
    }

    /// By `apiVersion`, then kind (`*` for every kind of that version).
    static let table: [String: [String: Entry]] = {
        func all(_ deprecated: Int, _ removed: Int?, _ replacement: String) -> [String: Entry] {
            ["*": Entry(deprecatedIn: deprecated, removedIn: removed, replacement: replacement)]
        }
        return [
            "extensions/v1beta1": [
                "Deployment": Entry(deprecatedIn: 9, removedIn: 16, replacement: "apps/v1"),
                "DaemonSet": Entry(deprecatedIn: 9, removedIn: 16, replacement: "apps/v1"),
                "ReplicaSet": Entry(deprecatedIn: 9, removedIn: 16, replacement: "apps/v1"),
                "NetworkPolicy": Entry(deprecatedIn: 9, removedIn: 16, replacement: "networking.k8s.io/v1"),
                "Ingress": Entry(deprecatedIn: 14, removedIn: 22, replacement: "networking.k8s.io/v1"),
                "PodSecurityPolicy": Entry(deprecatedIn: 10, removedIn: 16, replacement: "policy/v1beta1 (itself removed in 1.25; use Pod Security admission)"),
            ],
            "apps/v1beta1": all(9, 16, "apps/v1"),
            "apps/v1beta2": all(9, 16, "apps/v1"),
            "networking.k8s.io/v1beta1": all(19, 22, "networking.k8s.io/v1"),
            "batch/v1beta1": ["CronJob": Entry(deprecatedIn: 21, removedIn: 25, replacement: "batch/v1")],
            "batch/v2alpha1": ["CronJob": Entry(deprecatedIn: 8, removedIn: 21, replacement: "batch/v1")],
            "policy/v1beta1": [
                "PodDisruptionBudget": Entry(deprecatedIn: 21, removedIn: 25, replacement: "policy/v1"),
                "PodSecurityPolicy": Entry(deprecatedIn: 21, removedIn: 25, replacement: nil),
            ],
            "autoscaling/v2beta1": all(22, 25, "autoscaling/v2"),
            "autoscaling/v2beta2": all(23, 26, "autoscaling/v2"),
            "rbac.authorization.k8s.io/v1beta1": all(17, 22, "rbac.authorization.k8s.io/v1"),
            "rbac.authorization.k8s.io/v1alpha1": all(17, 22, "rbac.authorization.k8s.io/v1"),
            "apiextensions.k8s.io/v1beta1": all(16, 22, "apiextensions.k8s.io/v1"),
            "admissionregistration.k8s.io/v1beta1": [
                "MutatingWebhookConfiguration": Entry(deprecatedIn: 16, removedIn: 22, replacement: "admissionregistration.k8s.io/v1"),
                "ValidatingWebhookConfiguration": Entry(deprecatedIn: 16, removedIn: 22, replacement: "admissionregistration.k8s.io/v1"),
            ],
            "apiregistration.k8s.io/v1beta1": all(19, 22, "apiregistration.k8s.io/v1"),
            "authentication.k8s.io/v1beta1": all(19, 22, "authentication.k8s.io/v1"),
            "authorization.k8s.io/v1beta1": all(19, 22, "authorization.k8s.io/v1"),
            "certificates.k8s.io/v1beta1": ["CertificateSigningRequest": Entry(deprecatedIn: 19, removedIn: 22, replacement: "certificates.k8s.io/v1")],
            "coordination.k8s.io/v1beta1": ["Lease": Entry(deprecatedIn: 19, removedIn: 22, replacement: "coordination.k8s.io/v1")],
            "scheduling.k8s.io/v1beta1": ["PriorityClass": Entry(deprecatedIn: 14, removedIn: 22, replacement: "scheduling.k8s.io/v1")],
            "scheduling.k8s.io/v1alpha1": ["PriorityClass": Entry(deprecatedIn: 14, removedIn: 17, replacement: "scheduling.k8s.io/v1")],
            "storage.k8s.io/v1beta1": [
                "CSIDriver": Entry(deprecatedIn: 19, removedIn: 22, replacement: "storage.k8s.io/v1"),
                "CSINode": Entry(deprecatedIn: 17, removedIn: 22, replacement: "storage.k8s.io/v1"),
                "StorageClass": Entry(deprecatedIn: 19, removedIn: 22, replacement: "storage.k8s.io/v1"),
                "VolumeAttachment": Entry(deprecatedIn: 19, removedIn: 22, replacement: "storage.k8s.io/v1"),
                "CSIStorageCapacity": Entry(deprecatedIn: 24, removedIn: 27, replacement: "storage.k8s.io/v1"),
            ],
            "discovery.k8s.io/v1beta1": ["EndpointSlice": Entry(deprecatedIn: 21, removedIn: 25, replacement: "discovery.k8s.io/v1")],
            "events.k8s.io/v1beta1": ["Event": Entry(deprecatedIn: 19, removedIn: 25, replacement: "events.k8s.io/v1")],
            "node.k8s.io/v1beta1": ["RuntimeClass": Entry(deprecatedIn: 20, removedIn: 25, replacement: "node.k8s.io/v1")],
            "flowcontrol.apiserver.k8s.io/v1beta1": all(23, 26, "flowcontrol.apiserver.k8s.io/v1"),
            "flowcontrol.apiserver.k8s.io/v1beta2": all(26, 29, "flowcontrol.apiserver.k8s.io/v1"),
            "flowcontrol.apiserver.k8s.io/v1beta3": all(29, 32, "flowcontrol.apiserver.k8s.io/v1"),
            "v1": [
                "Endpoints": Entry(deprecatedIn: 33, removedIn: nil, replacement: "discovery.k8s.io/v1 EndpointSlice"),
                "ComponentStatus": Entry(deprecatedIn: 19, removedIn: nil, replacement: nil),
            ],
        ]
    }()

    static func find(apiVersion: String, kind: String) -> Entry? {
        guard let kinds = table[apiVersion] else { return nil }
        return kinds[kind] ?? kinds["*"]
    }

    /// The minor version of `v1.37.0` (37).
    static func minor(of version: String) -> Int {
        let parts = version.drop { $0 == "v" }.split(separator: ".")
        return parts.count > 1 ? Int(parts[1]) ?? 0 : 0
    }
}
