import KitModel

/// Which kinds kustomize treats as cluster-scoped. kustomize decides from the OpenAPI schema
/// it embeds (Kubernetes v1.21's built-in kinds), per group, version and kind: those listed
/// here are cluster-scoped; every other one — other versions of the same kinds (such as
/// `flowcontrol.apiserver.k8s.io/v1` FlowSchema or `rbac.authorization.k8s.io/v1alpha1`
/// ClusterRole), review kinds, custom resources — is namespaced. Measured against kubectl
/// kustomize v5.5 (a `namespace:` build over each group/version/kind).
enum KindScope {
    /// Cluster-scoped kinds, keyed `group/version/kind` (core group: empty).
    static let clusterScoped: Set<String> = [
        "admissionregistration.k8s.io/v1/MutatingWebhookConfiguration",
        "admissionregistration.k8s.io/v1/ValidatingWebhookConfiguration",
        "admissionregistration.k8s.io/v1beta1/MutatingWebhookConfiguration",
        "admissionregistration.k8s.io/v1beta1/ValidatingWebhookConfiguration",
        "apiextensions.k8s.io/v1/CustomResourceDefinition",
        "apiextensions.k8s.io/v1beta1/CustomResourceDefinition",
        "apiregistration.k8s.io/v1/APIService",
        "apiregistration.k8s.io/v1beta1/APIService",
        "certificates.k8s.io/v1/CertificateSigningRequest",
        "certificates.k8s.io/v1beta1/CertificateSigningRequest",
        "flowcontrol.apiserver.k8s.io/v1beta1/FlowSchema",
        "flowcontrol.apiserver.k8s.io/v1beta1/PriorityLevelConfiguration",
        "networking.k8s.io/v1/IngressClass",
        "networking.k8s.io/v1beta1/IngressClass",
        "node.k8s.io/v1/RuntimeClass",
        "node.k8s.io/v1beta1/RuntimeClass",
        "policy/v1beta1/PodSecurityPolicy",
        "rbac.authorization.k8s.io/v1/ClusterRole",
        "rbac.authorization.k8s.io/v1/ClusterRoleBinding",
        "rbac.authorization.k8s.io/v1beta1/ClusterRole",
        "rbac.authorization.k8s.io/v1beta1/ClusterRoleBinding",
        "scheduling.k8s.io/v1/PriorityClass",
        "scheduling.k8s.io/v1beta1/PriorityClass",
        "storage.k8s.io/v1/CSIDriver",
        "storage.k8s.io/v1/CSINode",
        "storage.k8s.io/v1/StorageClass",
        "storage.k8s.io/v1/VolumeAttachment",
        "storage.k8s.io/v1beta1/CSIDriver",
        "storage.k8s.io/v1beta1/CSINode",
        "storage.k8s.io/v1beta1/StorageClass",
        "storage.k8s.io/v1beta1/VolumeAttachment",
        "/v1/ComponentStatus",
        "/v1/Namespace",
        "/v1/Node",
        "/v1/PersistentVolume",
    ]

    /// The kinds of `clusterScoped`, for a cheap first check.
    static let clusterScopedKinds: Set<String> = Set(clusterScoped.map { String($0.split(separator: "/").last!) })

    static func isNamespaced(_ gvk: GroupVersionKind) -> Bool {
        guard clusterScopedKinds.contains(gvk.kind) else { return true }
        return !clusterScoped.contains("\(gvk.group)/\(gvk.version)/\(gvk.kind)")
    }
}
