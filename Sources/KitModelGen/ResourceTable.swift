/// What the API definitions do not say: which kinds are served as resources, under which plural
/// and short names, and whether they live in a namespace.
///
/// Source: the output of `kubectl api-resources` against a Kubernetes API server (columns NAME,
/// SHORTNAMES, APIVERSION, NAMESPACED, KIND). This is fixed public data: the names and scopes of
/// the built-in resources are part of the Kubernetes API (they are registered in each API group's
/// `storage` in kubernetes/pkg/registry and never change within a version). Rows are keyed by
/// group and kind; the versions come from the definitions' `x-kubernetes-group-version-kind`.
///
/// Kinds that are new in v1.35–v1.37 and that kit could not list from a server
/// (`lifecycle.k8s.io` Eviction and EvictionRequest, `scheduling.k8s.io` Workload, PodGroup and
/// CompositePodGroup, `resource.k8s.io` ResourcePoolStatusRequest) follow their API's design
/// (KEP): the workload and eviction objects are namespaced like the pods they act on, the pool
/// status request is cluster-scoped like ResourceSlices. They are marked `inferred`.
///
/// The generator fails when a definition declares a kind that is neither here nor in
/// `notServedKinds`, so a new Kubernetes version cannot silently lose a kind.
struct ResourceRow {
    var group: String
    var kind: String
    var plural: String
    var shortNames: [String]
    var namespaced: Bool
    /// True when the row is derived from the API's design rather than read from a server.
    var inferred = false

    init(_ group: String, _ kind: String, _ plural: String, _ shortNames: [String] = [], namespaced: Bool, inferred: Bool = false) {
        self.group = group
        self.kind = kind
        self.plural = plural
        self.shortNames = shortNames
        self.namespaced = namespaced
        self.inferred = inferred
    }
}

enum ResourceTable {
    static let rows: [ResourceRow] = [
        // core ("" group, apiVersion v1)
        ResourceRow("", "Binding", "bindings", namespaced: true),
        ResourceRow("", "ComponentStatus", "componentstatuses", ["cs"], namespaced: false),
        ResourceRow("", "ConfigMap", "configmaps", ["cm"], namespaced: true),
        ResourceRow("", "Endpoints", "endpoints", ["ep"], namespaced: true),
        ResourceRow("", "Event", "events", ["ev"], namespaced: true),
        ResourceRow("", "LimitRange", "limitranges", ["limits"], namespaced: true),
        ResourceRow("", "Namespace", "namespaces", ["ns"], namespaced: false),
        ResourceRow("", "Node", "nodes", ["no"], namespaced: false),
        ResourceRow("", "PersistentVolumeClaim", "persistentvolumeclaims", ["pvc"], namespaced: true),
        ResourceRow("", "PersistentVolume", "persistentvolumes", ["pv"], namespaced: false),
        ResourceRow("", "Pod", "pods", ["po"], namespaced: true),
        ResourceRow("", "PodTemplate", "podtemplates", namespaced: true),
        ResourceRow("", "ReplicationController", "replicationcontrollers", ["rc"], namespaced: true),
        ResourceRow("", "ResourceQuota", "resourcequotas", ["quota"], namespaced: true),
        ResourceRow("", "Secret", "secrets", namespaced: true),
        ResourceRow("", "ServiceAccount", "serviceaccounts", ["sa"], namespaced: true),
        ResourceRow("", "Service", "services", ["svc"], namespaced: true),
        // admissionregistration.k8s.io
        ResourceRow("admissionregistration.k8s.io", "MutatingAdmissionPolicy", "mutatingadmissionpolicies", namespaced: false),
        ResourceRow("admissionregistration.k8s.io", "MutatingAdmissionPolicyBinding", "mutatingadmissionpolicybindings", namespaced: false),
        ResourceRow("admissionregistration.k8s.io", "MutatingWebhookConfiguration", "mutatingwebhookconfigurations", namespaced: false),
        ResourceRow("admissionregistration.k8s.io", "ValidatingAdmissionPolicy", "validatingadmissionpolicies", namespaced: false),
        ResourceRow("admissionregistration.k8s.io", "ValidatingAdmissionPolicyBinding", "validatingadmissionpolicybindings", namespaced: false),
        ResourceRow("admissionregistration.k8s.io", "ValidatingWebhookConfiguration", "validatingwebhookconfigurations", namespaced: false),
        // apiextensions.k8s.io
        ResourceRow("apiextensions.k8s.io", "CustomResourceDefinition", "customresourcedefinitions", ["crd", "crds"], namespaced: false),
        // apiregistration.k8s.io
        ResourceRow("apiregistration.k8s.io", "APIService", "apiservices", namespaced: false),
        // apps
        ResourceRow("apps", "ControllerRevision", "controllerrevisions", namespaced: true),
        ResourceRow("apps", "DaemonSet", "daemonsets", ["ds"], namespaced: true),
        ResourceRow("apps", "Deployment", "deployments", ["deploy"], namespaced: true),
        ResourceRow("apps", "ReplicaSet", "replicasets", ["rs"], namespaced: true),
        ResourceRow("apps", "StatefulSet", "statefulsets", ["sts"], namespaced: true),
        // authentication.k8s.io
        ResourceRow("authentication.k8s.io", "SelfSubjectReview", "selfsubjectreviews", namespaced: false),
        ResourceRow("authentication.k8s.io", "TokenReview", "tokenreviews", namespaced: false),
        // authorization.k8s.io
        ResourceRow("authorization.k8s.io", "LocalSubjectAccessReview", "localsubjectaccessreviews", namespaced: true),
        ResourceRow("authorization.k8s.io", "SelfSubjectAccessReview", "selfsubjectaccessreviews", namespaced: false),
        ResourceRow("authorization.k8s.io", "SelfSubjectRulesReview", "selfsubjectrulesreviews", namespaced: false),
        ResourceRow("authorization.k8s.io", "SubjectAccessReview", "subjectaccessreviews", namespaced: false),
        // autoscaling
        ResourceRow("autoscaling", "HorizontalPodAutoscaler", "horizontalpodautoscalers", ["hpa"], namespaced: true),
        // batch
        ResourceRow("batch", "CronJob", "cronjobs", ["cj"], namespaced: true),
        ResourceRow("batch", "Job", "jobs", namespaced: true),
        // certificates.k8s.io
        ResourceRow("certificates.k8s.io", "CertificateSigningRequest", "certificatesigningrequests", ["csr"], namespaced: false),
        ResourceRow("certificates.k8s.io", "ClusterTrustBundle", "clustertrustbundles", namespaced: false),
        ResourceRow("certificates.k8s.io", "PodCertificateRequest", "podcertificaterequests", namespaced: true),
        // coordination.k8s.io
        ResourceRow("coordination.k8s.io", "Lease", "leases", namespaced: true),
        ResourceRow("coordination.k8s.io", "LeaseCandidate", "leasecandidates", namespaced: true),
        // discovery.k8s.io
        ResourceRow("discovery.k8s.io", "EndpointSlice", "endpointslices", namespaced: true),
        // events.k8s.io
        ResourceRow("events.k8s.io", "Event", "events", ["ev"], namespaced: true),
        // flowcontrol.apiserver.k8s.io
        ResourceRow("flowcontrol.apiserver.k8s.io", "FlowSchema", "flowschemas", namespaced: false),
        ResourceRow("flowcontrol.apiserver.k8s.io", "PriorityLevelConfiguration", "prioritylevelconfigurations", namespaced: false),
        // internal.apiserver.k8s.io
        ResourceRow("internal.apiserver.k8s.io", "StorageVersion", "storageversions", namespaced: false),
        // lifecycle.k8s.io
        ResourceRow("lifecycle.k8s.io", "Eviction", "evictions", namespaced: true, inferred: true),
        ResourceRow("lifecycle.k8s.io", "EvictionRequest", "evictionrequests", namespaced: true, inferred: true),
        // networking.k8s.io
        ResourceRow("networking.k8s.io", "IngressClass", "ingressclasses", namespaced: false),
        ResourceRow("networking.k8s.io", "Ingress", "ingresses", ["ing"], namespaced: true),
        ResourceRow("networking.k8s.io", "IPAddress", "ipaddresses", ["ip"], namespaced: false),
        ResourceRow("networking.k8s.io", "NetworkPolicy", "networkpolicies", ["netpol"], namespaced: true),
        ResourceRow("networking.k8s.io", "ServiceCIDR", "servicecidrs", namespaced: false),
        // node.k8s.io
        ResourceRow("node.k8s.io", "RuntimeClass", "runtimeclasses", namespaced: false),
        // policy
        ResourceRow("policy", "PodDisruptionBudget", "poddisruptionbudgets", ["pdb"], namespaced: true),
        // rbac.authorization.k8s.io
        ResourceRow("rbac.authorization.k8s.io", "ClusterRoleBinding", "clusterrolebindings", namespaced: false),
        ResourceRow("rbac.authorization.k8s.io", "ClusterRole", "clusterroles", namespaced: false),
        ResourceRow("rbac.authorization.k8s.io", "RoleBinding", "rolebindings", namespaced: true),
        ResourceRow("rbac.authorization.k8s.io", "Role", "roles", namespaced: true),
        // resource.k8s.io
        ResourceRow("resource.k8s.io", "DeviceClass", "deviceclasses", namespaced: false),
        ResourceRow("resource.k8s.io", "DeviceTaintRule", "devicetaintrules", namespaced: false),
        ResourceRow("resource.k8s.io", "ResourceClaim", "resourceclaims", namespaced: true),
        ResourceRow("resource.k8s.io", "ResourceClaimTemplate", "resourceclaimtemplates", namespaced: true),
        ResourceRow("resource.k8s.io", "ResourcePoolStatusRequest", "resourcepoolstatusrequests", namespaced: false, inferred: true),
        ResourceRow("resource.k8s.io", "ResourceSlice", "resourceslices", namespaced: false),
        // scheduling.k8s.io
        ResourceRow("scheduling.k8s.io", "CompositePodGroup", "compositepodgroups", namespaced: true, inferred: true),
        ResourceRow("scheduling.k8s.io", "PodGroup", "podgroups", namespaced: true, inferred: true),
        ResourceRow("scheduling.k8s.io", "PriorityClass", "priorityclasses", ["pc"], namespaced: false),
        ResourceRow("scheduling.k8s.io", "Workload", "workloads", namespaced: true, inferred: true),
        // storage.k8s.io
        ResourceRow("storage.k8s.io", "CSIDriver", "csidrivers", namespaced: false),
        ResourceRow("storage.k8s.io", "CSINode", "csinodes", namespaced: false),
        ResourceRow("storage.k8s.io", "CSIStorageCapacity", "csistoragecapacities", namespaced: true),
        ResourceRow("storage.k8s.io", "StorageClass", "storageclasses", ["sc"], namespaced: false),
        ResourceRow("storage.k8s.io", "VolumeAttachment", "volumeattachments", namespaced: false),
        ResourceRow("storage.k8s.io", "VolumeAttributesClass", "volumeattributesclasses", ["vac"], namespaced: false),
        // storagemigration.k8s.io
        ResourceRow("storagemigration.k8s.io", "StorageVersionMigration", "storageversionmigrations", namespaced: false),
    ]

    /// Kinds with a group-version-kind in the definitions that are not resources of their own:
    /// list kinds (`…List`, recognised by name), discovery and meta types, and subresources
    /// (`pods/eviction`, `serviceaccounts/token`, `deployments/scale`, …).
    static let notServedKinds: Set<String> = [
        "APIGroup", "APIGroupList", "APIResourceList", "APIVersions", "DeleteOptions", "Status", "WatchEvent",
        "Eviction@policy", "Scale@autoscaling", "TokenRequest@authentication.k8s.io",
    ]

    /// Group order of the API server's discovery (`kubectl api-resources` lists groups so, and
    /// a RESTMapper prefers earlier groups when a name matches in several): the legacy core
    /// group first, then the aggregator's group priorities
    /// (kubernetes/pkg/controlplane/apiserver/aggregator.go, `apiVersionPriorities`).
    static let groupOrder: [String] = [
        "", "apiregistration.k8s.io", "apps", "events.k8s.io", "authentication.k8s.io",
        "authorization.k8s.io", "autoscaling", "batch", "certificates.k8s.io", "networking.k8s.io",
        "policy", "rbac.authorization.k8s.io", "storage.k8s.io", "admissionregistration.k8s.io",
        "apiextensions.k8s.io", "scheduling.k8s.io", "coordination.k8s.io", "node.k8s.io",
        "discovery.k8s.io", "flowcontrol.apiserver.k8s.io", "internal.apiserver.k8s.io",
        "resource.k8s.io", "storagemigration.k8s.io", "lifecycle.k8s.io",
    ]

    static func row(group: String, kind: String) -> ResourceRow? {
        rows.first { $0.group == group && $0.kind == kind }
    }

    static func isNotServed(group: String, kind: String) -> Bool {
        kind.hasSuffix("List") || notServedKinds.contains(kind) || notServedKinds.contains("\(kind)@\(group)")
    }
}

/// Kubernetes' version order (`version.CompareKubeAwareVersionStrings`): GA before beta before
/// alpha, higher numbers first (`v2`, `v1`, `v1beta2`, `v1beta1`, `v1alpha3`, …). True when
/// `a` is preferred to `b`.
func kubeVersionPrecedes(_ a: String, _ b: String) -> Bool {
    func parts(_ v: String) -> (major: Int, stage: Int, minor: Int)? {
        guard v.hasPrefix("v") else { return nil }
        let body = v.dropFirst()
        let digits = body.prefix { $0.isNumber }
        guard let major = Int(digits) else { return nil }
        let rest = body.dropFirst(digits.count)
        if rest.isEmpty { return (major, 2, 0) }
        for (name, stage) in [("beta", 1), ("alpha", 0)] where rest.hasPrefix(name) {
            guard let minor = Int(rest.dropFirst(name.count)) else { return nil }
            return (major, stage, minor)
        }
        return nil
    }
    switch (parts(a), parts(b)) {
    case let (x?, y?):
        if x.stage != y.stage { return x.stage > y.stage }
        if x.major != y.major { return x.major > y.major }
        return x.minor > y.minor
    case (_?, nil): return true
    case (nil, _?): return false
    case (nil, nil): return a < b
    }
}
