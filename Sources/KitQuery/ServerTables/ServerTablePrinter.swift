import KitCore
import KitModel

/// The tables an API server returns to `kubectl get` (`meta.k8s.io/v1` `Table`), computed
/// from objects as kit holds them (`Value`s, the JSON the API returns).
///
/// Built-in kinds get the printers of `pkg/printers/internalversion` (pods with READY,
/// STATUS and RESTARTS, deployments with READY and UP-TO-DATE, …); custom resources get
/// their CRD's `additionalPrinterColumns`; built-in kinds without a printer (Roles,
/// LimitRanges, CRDs, …) get NAME and CREATED AT; kinds kit does not know, without a CRD,
/// get the custom-resource default, NAME and AGE.
///
/// Objects are read field by field, as Go's decoder would fill the typed structs the
/// printers take: a missing field prints as Go prints its zero value. Nothing the API server
/// would add on its own (defaults such as `protocol: TCP` or `replicas: 1`) is added.
public enum ServerTablePrinter {
    /// The table for `items`, objects of one kind (`group` is "" for the core group).
    ///
    /// - Parameters:
    ///   - now: the instant ages (AGE, `4 (5m ago)`, job durations) are measured to.
    ///   - customResourceDefinition: for custom resources, the CRD that defines them; the
    ///     columns of the version `version` (default: the first item's) are used.
    ///   - wide: the API server always asks its printers for every column (`true`); `false`
    ///     gives what printers.go's printers produce without `Wide` (the columns of
    ///     priority 0, long load-balancer addresses clipped), as its own tests call them.
    ///     Custom-resource tables always have every column.
    public static func table(
        for items: [Value], group: String, kind: String, now: MetaTime,
        customResourceDefinition: Value? = nil, version: String? = nil, wide: Bool = true
    ) -> ServerTable {
        let context = PrintContext(now: now, wide: wide)
        if customResourceDefinition != nil || printer(group: group, kind: kind) == nil && !isBuiltIn(group: group, kind: kind) {
            let servedVersion = version ?? items.first.map { versionOf($0["apiVersion"].goString) } ?? ""
            let table = CustomResourceTable(crd: customResourceDefinition, version: servedVersion)
            let rows = items.enumerated().map { index, item in
                ServerTableRow(cells: table.row(item, context).cells, objectIndex: index)
            }
            return ServerTable(columns: table.specs.map(\.column), rows: rows)
        }
        let kindPrinter = printer(group: group, kind: kind) ?? DefaultTables.createdAt
        var columns = kindPrinter.columns
        if !wide { columns = columns.filter { $0.priority == 0 } }
        let order = kindPrinter.order?(items) ?? Array(items.indices)
        var rows: [ServerTableRow] = []
        rows.reserveCapacity(items.count)
        for index in order {
            let printed = kindPrinter.row(items[index], context)
            rows.append(ServerTableRow(cells: printed.cells, objectIndex: index, conditions: printed.conditions))
        }
        return ServerTable(columns: columns.map(\.column), rows: rows)
    }

    /// The table for `items`, their group and kind taken from the first item's `apiVersion`
    /// and `kind`.
    public static func table(
        for items: [Value], now: MetaTime, customResourceDefinition: Value? = nil, wide: Bool = true
    ) -> ServerTable {
        let first: Value? = items.first
        let group = GroupVersionText.group(of: first["apiVersion"].goString) ?? ""
        return table(
            for: items, group: group, kind: first["kind"].goString, now: now,
            customResourceDefinition: customResourceDefinition, wide: wide)
    }

    /// Whether kit has a printer of its own for the kind (false for the kinds that get the
    /// default tables).
    public static func hasPrinter(group: String, kind: String) -> Bool {
        printer(group: group, kind: kind) != nil
    }

    /// The version part of an `apiVersion`.
    static func versionOf(_ apiVersion: String) -> String {
        guard let slash = apiVersion.lastIndex(of: "/") else { return apiVersion }
        return String(apiVersion[apiVersion.index(after: slash)...])
    }

    /// Whether the kind is one of Kubernetes' own (known to kit's schema in some version).
    static func isBuiltIn(group: String, kind: String) -> Bool {
        KubernetesSchema.shared.isNamespaced(GroupVersionKind(group: group, version: "", kind: kind)) != nil
    }

    static func printer(group: String, kind: String) -> KindPrinter? {
        printers[group + "/" + kind]
    }

    /// The printers by `group/Kind`, older groups of a kind included (`extensions`
    /// Deployments, `events.k8s.io` Events, …).
    static let printers: [String: KindPrinter] = {
        var table: [String: KindPrinter] = [:]
        func add(_ groups: [String], _ kind: String, _ printer: KindPrinter) {
            for group in groups { table[group + "/" + kind] = printer }
        }
        // core
        add([""], "Pod", PodPrinter.printer)
        add([""], "PodTemplate", WorkloadPrinters.podTemplate)
        add([""], "ReplicationController", WorkloadPrinters.replicationController)
        add([""], "Service", NetworkPrinters.service)
        add([""], "Endpoints", NetworkPrinters.endpoints)
        add([""], "Node", ClusterPrinters.node)
        add(["", "events.k8s.io"], "Event", ClusterPrinters.event)
        add([""], "Namespace", ClusterPrinters.namespace)
        add([""], "Secret", ClusterPrinters.secret)
        add([""], "ServiceAccount", ClusterPrinters.serviceAccount)
        add([""], "PersistentVolume", StoragePrinters.persistentVolume)
        add([""], "PersistentVolumeClaim", StoragePrinters.persistentVolumeClaim)
        add([""], "ComponentStatus", ClusterPrinters.componentStatus)
        add([""], "ConfigMap", ClusterPrinters.configMap)
        add([""], "ResourceQuota", ClusterPrinters.resourceQuota)
        add([""], "Status", ClusterPrinters.status)
        // workloads
        add(["apps", "extensions"], "Deployment", WorkloadPrinters.deployment)
        add(["apps", "extensions"], "ReplicaSet", WorkloadPrinters.replicaSet)
        add(["apps", "extensions"], "DaemonSet", WorkloadPrinters.daemonSet)
        add(["apps"], "StatefulSet", WorkloadPrinters.statefulSet)
        add(["apps"], "ControllerRevision", WorkloadPrinters.controllerRevision)
        add(["batch"], "Job", WorkloadPrinters.job)
        add(["batch"], "CronJob", WorkloadPrinters.cronJob)
        add(["autoscaling"], "HorizontalPodAutoscaler", AutoscalingPrinter.printer)
        add(["autoscaling", "apps", "extensions"], "Scale", WorkloadPrinters.scale)
        add(["policy"], "PodDisruptionBudget", WorkloadPrinters.podDisruptionBudget)
        // networking
        add(["networking.k8s.io", "extensions"], "Ingress", NetworkPrinters.ingress)
        add(["networking.k8s.io"], "IngressClass", NetworkPrinters.ingressClass)
        add(["networking.k8s.io", "extensions"], "NetworkPolicy", NetworkPrinters.networkPolicy)
        add(["networking.k8s.io"], "ServiceCIDR", NetworkPrinters.serviceCIDR)
        add(["networking.k8s.io"], "IPAddress", NetworkPrinters.ipAddress)
        add(["discovery.k8s.io"], "EndpointSlice", NetworkPrinters.endpointSlice)
        // access and certificates
        add(["rbac.authorization.k8s.io"], "RoleBinding", APIPrinters.roleBinding)
        add(["rbac.authorization.k8s.io"], "ClusterRoleBinding", APIPrinters.clusterRoleBinding)
        add(["certificates.k8s.io"], "CertificateSigningRequest", APIPrinters.certificateSigningRequest)
        add(["certificates.k8s.io"], "ClusterTrustBundle", APIPrinters.clusterTrustBundle)
        // coordination, scheduling, nodes
        add(["coordination.k8s.io"], "Lease", APIPrinters.lease)
        add(["coordination.k8s.io"], "LeaseCandidate", APIPrinters.leaseCandidate)
        add(["scheduling.k8s.io"], "PriorityClass", APIPrinters.priorityClass)
        add(["node.k8s.io"], "RuntimeClass", APIPrinters.runtimeClass)
        // storage
        add(["storage.k8s.io"], "StorageClass", StoragePrinters.storageClass)
        add(["storage.k8s.io"], "VolumeAttributesClass", StoragePrinters.volumeAttributesClass)
        add(["storage.k8s.io"], "VolumeAttachment", StoragePrinters.volumeAttachment)
        add(["storage.k8s.io"], "CSINode", StoragePrinters.csiNode)
        add(["storage.k8s.io"], "CSIDriver", StoragePrinters.csiDriver)
        add(["storage.k8s.io"], "CSIStorageCapacity", StoragePrinters.csiStorageCapacity)
        // admission, flow control, the apiserver's own
        let admission = "admissionregistration.k8s.io"
        add([admission], "MutatingWebhookConfiguration", APIPrinters.mutatingWebhookConfiguration)
        add([admission], "ValidatingWebhookConfiguration", APIPrinters.validatingWebhookConfiguration)
        add([admission], "ValidatingAdmissionPolicy", APIPrinters.validatingAdmissionPolicy)
        add([admission], "ValidatingAdmissionPolicyBinding", APIPrinters.admissionPolicyBinding)
        add([admission], "MutatingAdmissionPolicy", APIPrinters.mutatingAdmissionPolicy)
        add([admission], "MutatingAdmissionPolicyBinding", APIPrinters.admissionPolicyBinding)
        add(["flowcontrol.apiserver.k8s.io"], "FlowSchema", APIPrinters.flowSchema)
        add(["flowcontrol.apiserver.k8s.io"], "PriorityLevelConfiguration", APIPrinters.priorityLevelConfiguration)
        add(["internal.apiserver.k8s.io"], "StorageVersion", APIPrinters.storageVersion)
        add(["storagemigration.k8s.io"], "StorageVersionMigration", APIPrinters.storageVersionMigration)
        add(["apiregistration.k8s.io"], "APIService", DefaultTables.apiService)
        // dynamic resource allocation
        add(["resource.k8s.io"], "DeviceClass", APIPrinters.deviceClass)
        add(["resource.k8s.io"], "ResourceClaim", APIPrinters.resourceClaim)
        add(["resource.k8s.io"], "ResourceClaimTemplate", APIPrinters.resourceClaimTemplate)
        add(["resource.k8s.io"], "ResourceSlice", APIPrinters.resourceSlice)
        return table
    }()
}
