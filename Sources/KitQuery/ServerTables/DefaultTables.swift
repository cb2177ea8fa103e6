import KitCore

/// The tables of kinds without a printer of their own.
enum DefaultTables {
    /// `rest.NewDefaultTableConvertor`, which built-in kinds without a printer use (Roles,
    /// ClusterRoles, LimitRanges, CustomResourceDefinitions, …): NAME and CREATED AT, the
    /// creation time in RFC 3339 (UTC).
    static let createdAt = KindPrinter([
        Col.name,
        ColumnSpec(name: "Created At", type: "date", format: "", priority: 0, doc: Col.doc(Col.meta, "creationTimestamp")),
    ]) { obj, _ in
        PrintedRow([.string(obj.objectName), .string(obj["metadata"]["creationTimestamp"].metaTime.rfc3339)])
    }

    /// The APIService table of kube-aggregator: where the API is served from and whether it
    /// is available.
    static let apiService = KindPrinter([
        Col.name,
        Col.string("Service", .text("The reference to the service that hosts this API endpoint.")),
        Col.string("Available", .text("Whether this service is available.")),
        Col.age,
    ]) { obj, context in
        let spec = obj["spec"]
        var service = "Local"
        if spec["service"].isSet {
            service = spec["service"]["namespace"].goString + "/" + spec["service"]["name"].goString
        }
        var available = "Unknown"
        for value in obj["status"]["conditions"].goArray where Optional(value)["type"].goString == "Available" {
            let condition = Optional(value)
            let status = condition["status"].goString
            let reason = condition["reason"].goString
            if status == "True" {
                available = status
            } else if !reason.isEmpty {
                available = "\(status) (\(reason))"
            } else {
                available = status
            }
            break
        }
        return PrintedRow([.string(obj.objectName), .string(service), .string(available), context.age(obj["metadata"]["creationTimestamp"])])
    }
}
