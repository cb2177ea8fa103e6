import KitCore

/// kustomize v5.5's built-in field specs (api/konfig/builtinpluginconsts): which fields each
/// transformer touches in which kinds. These are data copied from kustomize's defaults.
enum BuiltinFieldSpecs {
    /// `metadata/labels` and pod-template labels: where `labels` with `includeTemplates` and
    /// `commonLabels` put labels.
    static let templateLabels: [FieldSpec] = [
        FieldSpec(path: "metadata/labels", create: true),
        FieldSpec(version: "v1", kind: "ReplicationController", path: "spec/template/metadata/labels", create: true),
        FieldSpec(kind: "Deployment", path: "spec/template/metadata/labels", create: true),
        FieldSpec(kind: "ReplicaSet", path: "spec/template/metadata/labels", create: true),
        FieldSpec(kind: "DaemonSet", path: "spec/template/metadata/labels", create: true),
        FieldSpec(group: "apps", kind: "StatefulSet", path: "spec/template/metadata/labels", create: true),
        FieldSpec(group: "apps", kind: "StatefulSet", path: "spec/volumeClaimTemplates[]/metadata/labels", create: true),
        FieldSpec(group: "batch", kind: "Job", path: "spec/template/metadata/labels", create: true),
        FieldSpec(group: "batch", kind: "CronJob", path: "spec/jobTemplate/metadata/labels", create: true),
        FieldSpec(group: "batch", kind: "CronJob", path: "spec/jobTemplate/spec/template/metadata/labels", create: true),
    ]

    /// Selectors that `commonLabels` (and `labels` with `includeSelectors`) also extend.
    static let commonLabels: [FieldSpec] = [
        FieldSpec(version: "v1", kind: "Service", path: "spec/selector", create: true),
        FieldSpec(version: "v1", kind: "ReplicationController", path: "spec/selector", create: true),
        FieldSpec(kind: "Deployment", path: "spec/selector/matchLabels", create: true),
        FieldSpec(group: "apps", kind: "Deployment", path: "spec/template/spec/affinity/podAffinity/preferredDuringSchedulingIgnoredDuringExecution/podAffinityTerm/labelSelector/matchLabels"),
        FieldSpec(group: "apps", kind: "Deployment", path: "spec/template/spec/affinity/podAffinity/requiredDuringSchedulingIgnoredDuringExecution/labelSelector/matchLabels"),
        FieldSpec(group: "apps", kind: "Deployment", path: "spec/template/spec/affinity/podAntiAffinity/preferredDuringSchedulingIgnoredDuringExecution/podAffinityTerm/labelSelector/matchLabels"),
        FieldSpec(group: "apps", kind: "Deployment", path: "spec/template/spec/affinity/podAntiAffinity/requiredDuringSchedulingIgnoredDuringExecution/labelSelector/matchLabels"),
        FieldSpec(group: "apps", kind: "Deployment", path: "spec/template/spec/topologySpreadConstraints/labelSelector/matchLabels"),
        FieldSpec(kind: "ReplicaSet", path: "spec/selector/matchLabels", create: true),
        FieldSpec(kind: "DaemonSet", path: "spec/selector/matchLabels", create: true),
        FieldSpec(group: "apps", kind: "StatefulSet", path: "spec/selector/matchLabels", create: true),
        FieldSpec(group: "apps", kind: "StatefulSet", path: "spec/template/spec/affinity/podAffinity/preferredDuringSchedulingIgnoredDuringExecution/podAffinityTerm/labelSelector/matchLabels"),
        FieldSpec(group: "apps", kind: "StatefulSet", path: "spec/template/spec/affinity/podAffinity/requiredDuringSchedulingIgnoredDuringExecution/labelSelector/matchLabels"),
        FieldSpec(group: "apps", kind: "StatefulSet", path: "spec/template/spec/affinity/podAntiAffinity/preferredDuringSchedulingIgnoredDuringExecution/podAffinityTerm/labelSelector/matchLabels"),
        FieldSpec(group: "apps", kind: "StatefulSet", path: "spec/template/spec/affinity/podAntiAffinity/requiredDuringSchedulingIgnoredDuringExecution/labelSelector/matchLabels"),
        FieldSpec(group: "apps", kind: "StatefulSet", path: "spec/template/spec/topologySpreadConstraints/labelSelector/matchLabels"),
        FieldSpec(group: "batch", kind: "Job", path: "spec/selector/matchLabels"),
        FieldSpec(group: "batch", kind: "CronJob", path: "spec/jobTemplate/spec/selector/matchLabels"),
        FieldSpec(group: "policy", kind: "PodDisruptionBudget", path: "spec/selector/matchLabels"),
        FieldSpec(group: "networking.k8s.io", kind: "NetworkPolicy", path: "spec/podSelector/matchLabels"),
        FieldSpec(group: "networking.k8s.io", kind: "NetworkPolicy", path: "spec/ingress/from/podSelector/matchLabels"),
        FieldSpec(group: "networking.k8s.io", kind: "NetworkPolicy", path: "spec/egress/to/podSelector/matchLabels"),
    ] + templateLabels

    static let commonAnnotations: [FieldSpec] = [
        FieldSpec(path: "metadata/annotations", create: true),
        FieldSpec(version: "v1", kind: "ReplicationController", path: "spec/template/metadata/annotations", create: true),
        FieldSpec(kind: "Deployment", path: "spec/template/metadata/annotations", create: true),
        FieldSpec(kind: "ReplicaSet", path: "spec/template/metadata/annotations", create: true),
        FieldSpec(kind: "DaemonSet", path: "spec/template/metadata/annotations", create: true),
        FieldSpec(kind: "StatefulSet", path: "spec/template/metadata/annotations", create: true),
        FieldSpec(group: "batch", kind: "Job", path: "spec/template/metadata/annotations", create: true),
        FieldSpec(group: "batch", kind: "CronJob", path: "spec/jobTemplate/metadata/annotations", create: true),
        FieldSpec(group: "batch", kind: "CronJob", path: "spec/jobTemplate/spec/template/metadata/annotations", create: true),
    ]

    static let namespace: [FieldSpec] = [
        FieldSpec(path: "metadata/namespace", create: true),
        FieldSpec(kind: "Namespace", path: "metadata/name", create: true),
        FieldSpec(kind: "RoleBinding", path: "subjects/namespace"),
        FieldSpec(kind: "ClusterRoleBinding", path: "subjects/namespace"),
        FieldSpec(group: "apiregistration.k8s.io", kind: "APIService", path: "spec/service/namespace", create: true),
        FieldSpec(group: "apiextensions.k8s.io", kind: "CustomResourceDefinition", path: "spec/conversion/webhook/clientConfig/service/namespace"),
    ]

    static let images: [FieldSpec] = [
        FieldSpec(path: "spec/containers[]/image", create: true),
        FieldSpec(path: "spec/initContainers[]/image", create: true),
        FieldSpec(path: "spec/template/spec/containers[]/image", create: true),
        FieldSpec(path: "spec/template/spec/initContainers[]/image", create: true),
    ]

    static let replicas: [FieldSpec] = [
        FieldSpec(kind: "Deployment", path: "spec/replicas", create: true),
        FieldSpec(kind: "ReplicationController", path: "spec/replicas", create: true),
        FieldSpec(kind: "ReplicaSet", path: "spec/replicas", create: true),
        FieldSpec(kind: "StatefulSet", path: "spec/replicas", create: true),
    ]

    static let namePrefix: [FieldSpec] = [FieldSpec(path: "metadata/name")]
}

extension BuiltinFieldSpecs {
    /// Fields where `$(VAR)` references to vars are replaced (kustomize's varreference.go),
    /// exactly as kustomize lists them: its CronJob NFS path lacks the pod template's `spec/`,
    /// so a CronJob's NFS server is never substituted.
    static let varReference: [FieldSpec] = [
        FieldSpec(kind: "CronJob", path: "spec/jobTemplate/spec/template/spec/containers/args"),
        FieldSpec(kind: "CronJob", path: "spec/jobTemplate/spec/template/spec/containers/command"),
        FieldSpec(kind: "CronJob", path: "spec/jobTemplate/spec/template/spec/containers/env/value"),
        FieldSpec(kind: "CronJob", path: "spec/jobTemplate/spec/template/spec/containers/volumeMounts/mountPath"),
        FieldSpec(kind: "CronJob", path: "spec/jobTemplate/spec/template/spec/initContainers/args"),
        FieldSpec(kind: "CronJob", path: "spec/jobTemplate/spec/template/spec/initContainers/command"),
        FieldSpec(kind: "CronJob", path: "spec/jobTemplate/spec/template/spec/initContainers/env/value"),
        FieldSpec(kind: "CronJob", path: "spec/jobTemplate/spec/template/spec/initContainers/volumeMounts/mountPath"),
        FieldSpec(kind: "CronJob", path: "spec/jobTemplate/spec/template/volumes/nfs/server"),
        FieldSpec(kind: "DaemonSet", path: "spec/template/spec/containers/args"),
        FieldSpec(kind: "DaemonSet", path: "spec/template/spec/containers/command"),
        FieldSpec(kind: "DaemonSet", path: "spec/template/spec/containers/env/value"),
        FieldSpec(kind: "DaemonSet", path: "spec/template/spec/containers/volumeMounts/mountPath"),
        FieldSpec(kind: "DaemonSet", path: "spec/template/spec/initContainers/args"),
        FieldSpec(kind: "DaemonSet", path: "spec/template/spec/initContainers/command"),
        FieldSpec(kind: "DaemonSet", path: "spec/template/spec/initContainers/env/value"),
        FieldSpec(kind: "DaemonSet", path: "spec/template/spec/initContainers/volumeMounts/mountPath"),
        FieldSpec(kind: "DaemonSet", path: "spec/template/spec/volumes/nfs/server"),
        FieldSpec(kind: "Deployment", path: "spec/template/spec/containers/args"),
        FieldSpec(kind: "Deployment", path: "spec/template/spec/containers/command"),
        FieldSpec(kind: "Deployment", path: "spec/template/spec/containers/env/value"),
        FieldSpec(kind: "Deployment", path: "spec/template/spec/containers/volumeMounts/mountPath"),
        FieldSpec(kind: "Deployment", path: "spec/template/spec/initContainers/args"),
        FieldSpec(kind: "Deployment", path: "spec/template/spec/initContainers/command"),
        FieldSpec(kind: "Deployment", path: "spec/template/spec/initContainers/env/value"),
        FieldSpec(kind: "Deployment", path: "spec/template/spec/initContainers/volumeMounts/mountPath"),
        FieldSpec(kind: "Deployment", path: "spec/template/spec/volumes/nfs/server"),
        FieldSpec(kind: "Deployment", path: "spec/template/metadata/annotations"),
        FieldSpec(kind: "Ingress", path: "spec/rules/host"),
        FieldSpec(kind: "Ingress", path: "spec/tls/hosts"),
        FieldSpec(kind: "Ingress", path: "spec/tls/secretName"),
        FieldSpec(kind: "Job", path: "spec/template/spec/containers/args"),
        FieldSpec(kind: "Job", path: "spec/template/spec/containers/command"),
        FieldSpec(kind: "Job", path: "spec/template/spec/containers/env/value"),
        FieldSpec(kind: "Job", path: "spec/template/spec/containers/volumeMounts/mountPath"),
        FieldSpec(kind: "Job", path: "spec/template/spec/initContainers/args"),
        FieldSpec(kind: "Job", path: "spec/template/spec/initContainers/command"),
        FieldSpec(kind: "Job", path: "spec/template/spec/initContainers/env/value"),
        FieldSpec(kind: "Job", path: "spec/template/spec/initContainers/volumeMounts/mountPath"),
        FieldSpec(kind: "Job", path: "spec/template/spec/volumes/nfs/server"),
        FieldSpec(kind: "Pod", path: "spec/containers/args"),
        FieldSpec(kind: "Pod", path: "spec/containers/command"),
        FieldSpec(kind: "Pod", path: "spec/containers/env/value"),
        FieldSpec(kind: "Pod", path: "spec/containers/volumeMounts/mountPath"),
        FieldSpec(kind: "Pod", path: "spec/initContainers/args"),
        FieldSpec(kind: "Pod", path: "spec/initContainers/command"),
        FieldSpec(kind: "Pod", path: "spec/initContainers/env/value"),
        FieldSpec(kind: "Pod", path: "spec/initContainers/volumeMounts/mountPath"),
        FieldSpec(kind: "Pod", path: "spec/volumes/nfs/server"),
        FieldSpec(kind: "ReplicaSet", path: "spec/template/spec/containers/args"),
        FieldSpec(kind: "ReplicaSet", path: "spec/template/spec/containers/command"),
        FieldSpec(kind: "ReplicaSet", path: "spec/template/spec/containers/env/value"),
        FieldSpec(kind: "ReplicaSet", path: "spec/template/spec/containers/volumeMounts/mountPath"),
        FieldSpec(kind: "ReplicaSet", path: "spec/template/spec/initContainers/args"),
        FieldSpec(kind: "ReplicaSet", path: "spec/template/spec/initContainers/command"),
        FieldSpec(kind: "ReplicaSet", path: "spec/template/spec/initContainers/env/value"),
        FieldSpec(kind: "ReplicaSet", path: "spec/template/spec/initContainers/volumeMounts/mountPath"),
        FieldSpec(kind: "ReplicaSet", path: "spec/template/spec/volumes/nfs/server"),
        FieldSpec(kind: "Service", path: "spec/ports/port"),
        FieldSpec(kind: "Service", path: "spec/ports/targetPort"),
        FieldSpec(kind: "StatefulSet", path: "spec/template/spec/containers/args"),
        FieldSpec(kind: "StatefulSet", path: "spec/template/spec/containers/command"),
        FieldSpec(kind: "StatefulSet", path: "spec/template/spec/containers/env/value"),
        FieldSpec(kind: "StatefulSet", path: "spec/template/spec/containers/volumeMounts/mountPath"),
        FieldSpec(kind: "StatefulSet", path: "spec/template/spec/initContainers/args"),
        FieldSpec(kind: "StatefulSet", path: "spec/template/spec/initContainers/command"),
        FieldSpec(kind: "StatefulSet", path: "spec/template/spec/initContainers/env/value"),
        FieldSpec(kind: "StatefulSet", path: "spec/template/spec/initContainers/volumeMounts/mountPath"),
        FieldSpec(kind: "StatefulSet", path: "spec/volumeClaimTemplates/spec/nfs/server"),
        FieldSpec(kind: "PersistentVolume", path: "spec/nfs/server"),
        FieldSpec(path: "metadata/labels"),
        FieldSpec(path: "metadata/annotations"),
    ]
}
