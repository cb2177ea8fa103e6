import KitCore

/// What of each object a query reads, when the output is known to need only part of it:
/// the input's JSON is then read through a projection and the rest only scanned (most of a
/// pod is its containers' specs, volumes and statuses' details, which a pod table never
/// shows). A projection that drops a field something reads would silently change the output,
/// so one is given only for outputs whose every reader is known, and only for kinds whose
/// printer has been gone through field by field (pods); everything else is read whole.
extension Query {
    /// The projection to read the input's JSON through, or nil to read it whole.
    public var readProjection: JSONProjection? {
        let options = self.options
        // Options that read arbitrary fields (a JSONPath, a jq program, a column spec) or
        // whole objects.
        if options.sortBy != nil || options.groupBy != nil || options.whereFilter != nil || options.jq != nil { return nil }
        if options.top || options.setNamespace != nil || options.missingDaemonSet != nil || options.showManagedFields { return nil }
        switch options.output {
        case .table, .separated(_, nil), .name: break
        default: return nil
        }
        guard let requests = try? requests(resolver: KindResolver()), !requests.isEmpty else { return nil }
        var projection: JSONProjection?
        for request in requests {
            guard let kindProjection = ReadProjection.projection(for: request.kind), projection == nil || projection === kindProjection
            else { return nil }
            projection = kindProjection
        }
        return projection
    }
}

/// The projections per kind.
enum ReadProjection {
    /// The projection for objects of `kind`, nil when it has none (read whole).
    static func projection(for kind: QueryKind) -> JSONProjection? {
        kind.group == "" && kind.kind == "Pod" ? pod : nil
    }

    /// Pods, for PodPrinter (default and wide columns), the pod sort keys (FriendlySort:
    /// restarts from the container statuses, cpu/memory from the containers' requests),
    /// the pod field selectors (FieldSelectorSupport), label selectors and columns, `-o name`,
    /// and what SortContext gathers (node name, owner references). Every field is kept but
    /// these: metadata's annotations and managedFields; of spec's containers, only name and
    /// resources (the printer counts them); spec's volumes, tolerations and affinity; of
    /// status's conditions, type, status and reason; of container statuses, what
    /// `PodPrinter.ContainerStatus` reads. Objects of other kinds in the same input are
    /// projected alike: they are not selected, and SortContext reads nothing dropped.
    static let pod: JSONProjection = {
        func keep(_ keys: [String]) -> JSONProjection {
            JSONProjection(fields: Dictionary(uniqueKeysWithValues: keys.map { ($0, JSONProjection.whole) }), others: nil, elements: nil)
        }
        // Arrays' elements projected; anything else (never in a valid pod) kept whole.
        func all(_ elements: JSONProjection) -> JSONProjection { JSONProjection(fields: [:], others: .whole, elements: elements) }
        func allBut(_ fields: [String: JSONProjection]) -> JSONProjection { JSONProjection(fields: fields, others: .whole, elements: nil) }
        let containerStatus = all(keep(["name", "ready", "started", "restartCount", "state", "lastState"]))
        return allBut([
            "metadata": allBut(["annotations": .omitted, "managedFields": .omitted]),
            "spec": allBut([
                "containers": all(keep(["name", "resources"])),
                "volumes": .omitted, "tolerations": .omitted, "affinity": .omitted,
            ]),
            "status": allBut([
                "conditions": all(keep(["type", "status", "reason"])),
                "containerStatuses": containerStatus,
                "initContainerStatuses": containerStatus,
            ]),
        ])
    }()
}
