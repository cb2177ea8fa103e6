import KitCore
import KitModel

/// The order of the output (kustomize's `SortOrderTransformer`): `legacy` (the default)
/// sorts by kind — Namespaces and other foundations first, webhooks last, the rest by
/// group/version/kind — then by namespace and name; `fifo` keeps the build order.
enum Sorting {
    static let defaultOrderFirst = [
        "Namespace", "ResourceQuota", "StorageClass", "CustomResourceDefinition", "ServiceAccount",
        "PodSecurityPolicy", "Role", "ClusterRole", "RoleBinding", "ClusterRoleBinding", "ConfigMap", "Secret",
        "Endpoints", "Service", "LimitRange", "PriorityClass", "PersistentVolume", "PersistentVolumeClaim",
        "Deployment", "StatefulSet", "CronJob", "PodDisruptionBudget",
    ]
    static let defaultOrderLast = ["MutatingWebhookConfiguration", "ValidatingWebhookConfiguration"]

    /// A kind's rank in the default legacy order (kustomize's `typeOrders`): negative for
    /// the kinds put first, positive for those put last, 0 for every other kind.
    static func kindRank(_ kind: String) -> Int {
        if let i = defaultOrderFirst.firstIndex(of: kind) { return -defaultOrderFirst.count + i }
        if let i = defaultOrderLast.firstIndex(of: kind) { return 1 + i }
        return 0
    }

    static func sort(_ map: inout ResourceMap, options: SortOptions?) throws {
        var order = "legacy"
        var first = defaultOrderFirst, last = defaultOrderLast
        if let options {
            order = options.order
            if order != "fifo" && order != "legacy" {
                throw KitError("the field 'sortOptions.order' must be one of [fifo, legacy]")
            }
            if order == "fifo" && (options.orderFirst != nil || options.orderLast != nil) {
                throw KitError("the field 'sortOptions.legacySortOptions' is set but the selected sort order is 'fifo', not 'legacy'")
            }
            if options.orderFirst != nil || options.orderLast != nil {
                first = options.orderFirst ?? []
                last = options.orderLast ?? []
            }
        }
        guard order == "legacy" else { return }
        var rank: [String: Int] = [:]
        for (i, kind) in first.enumerated() { rank[kind] = -first.count + i }
        for (i, kind) in last.enumerated() { rank[kind] = 1 + i }
        // Sort the keys with the objects' positions, then move the objects once.
        let keyed = map.resources.enumerated().map { (i, r) -> (Int, String, String, Int) in
            let id = r.id
            return (rank[id.gvk.kind] ?? 0, id.gvk.description, id.description, i)
        }
        let resources = map.resources
        map.resources = keyed.sorted { a, b in
            if a.1 != b.1 {
                if a.0 != b.0 { return a.0 < b.0 }
                return utf8Less(a.1, b.1)
            }
            return utf8Less(a.2, b.2)
        }.map { resources[$0.3] }
    }
}
