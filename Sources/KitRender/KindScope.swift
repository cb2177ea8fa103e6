import KitModel

/// Which kinds kustomize treats as cluster-scoped. kustomize decides from the schema it
/// embeds (Kubernetes v1.21 built-in kinds): those kinds in their API groups are cluster-scoped,
/// every other kind — custom resources included — is namespaced.
enum KindScope {
    /// Cluster-scoped built-in kinds, keyed `group/kind` (core group: empty).
    static let clusterScoped: Set<String> = [
        "/ComponentStatus", "/Namespace", "/Node", "/PersistentVolume",
        "admissionregistration.k8s.io/MutatingWebhookConfiguration",
        "admissionregistration.k8s.io/ValidatingWebhookConfiguration",
        "apiextensions.k8s.io/CustomResourceDefinition",
        "apiregistration.k8s.io/APIService",
        "authentication.k8s.io/TokenReview",
        "authorization.k8s.io/SelfSubjectAccessReview",
        "authorization.k8s.io/SelfSubjectRulesReview",
        "authorization.k8s.io/SubjectAccessReview",
        "certificates.k8s.io/CertificateSigningRequest",
        "flowcontrol.apiserver.k8s.io/FlowSchema",
        "flowcontrol.apiserver.k8s.io/PriorityLevelConfiguration",
        "networking.k8s.io/IngressClass",
        "node.k8s.io/RuntimeClass",
        "policy/PodSecurityPolicy",
        "rbac.authorization.k8s.io/ClusterRole",
        "rbac.authorization.k8s.io/ClusterRoleBinding",
        "scheduling.k8s.io/PriorityClass",
        "storage.k8s.io/CSIDriver",
        "storage.k8s.io/CSINode",
        "storage.k8s.io/StorageClass",
        "storage.k8s.io/VolumeAttachment",
    ]

    /// The kinds of `clusterScoped`, for a cheap first check.
    static let clusterScopedKinds: Set<String> = Set(clusterScoped.map { String($0.split(separator: "/").last!) })

    static func isNamespaced(_ gvk: GroupVersionKind) -> Bool {
        guard clusterScopedKinds.contains(gvk.kind) else { return true }
        return !clusterScoped.contains("\(gvk.group)/\(gvk.kind)")
    }
}
