import KitCore

/// HorizontalPodAutoscalers (`printHorizontalPodAutoscaler`) with their TARGETS column
/// (`formatHPAMetrics`). `autoscaling/v2` (and `v2beta2`, the same shape) objects are read as
/// they are; `autoscaling/v1` ones as the API server converts them: the CPU target and
/// current utilization become a Resource metric.
enum AutoscalingPrinter {
    static let v2 = "io.k8s.api.autoscaling.v2."

    static let printer = KindPrinter([
        Col.name,
        Col.string("Reference", Col.doc(v2 + "HorizontalPodAutoscalerSpec", "scaleTargetRef")),
        Col.string("Targets", Col.doc(v2 + "HorizontalPodAutoscalerSpec", "metrics")),
        Col.string("MinPods", Col.doc(v2 + "HorizontalPodAutoscalerSpec", "minReplicas")),
        Col.string("MaxPods", Col.doc(v2 + "HorizontalPodAutoscalerSpec", "maxReplicas")),
        Col.string("Replicas", Col.doc(v2 + "HorizontalPodAutoscalerStatus", "currentReplicas")),
        Col.age,
    ]) { obj, context in
        let spec = obj["spec"]
        let target = spec["scaleTargetRef"]
        let reference = target["kind"].goString + "/" + target["name"].goString
        let minPods = spec["minReplicas"].isSet ? String(spec["minReplicas"].goInt) : "<unset>"
        let (specs, statuses) = metrics(obj)
        return PrintedRow([
            .string(obj.objectName), .string(reference), .string(formatMetrics(specs, statuses)), .string(minPods),
            .int(spec["maxReplicas"].goInt), .int(obj["status"]["currentReplicas"].goInt),
            context.age(obj["metadata"]["creationTimestamp"]),
        ])
    }

    /// The metric specs and statuses of the internal type.
    static func metrics(_ obj: Value) -> (specs: [Value], statuses: [Value]) {
        guard obj["apiVersion"].goString == "autoscaling/v1" else {
            return (obj["spec"]["metrics"].goArray, obj["status"]["currentMetrics"].goArray)
        }
        var specs: [Value] = []
        var statuses: [Value] = []
        let target = obj["spec"]["targetCPUUtilizationPercentage"]
        if target.isSet {
            specs = [
                [
                    "type": "Resource",
                    "resource": ["name": "cpu", "target": ["type": "Utilization", "averageUtilization": target ?? .null]],
                ]
            ]
        }
        let current = obj["status"]["currentCPUUtilizationPercentage"]
        if current.isSet {
            statuses = [
                ["type": "Resource", "resource": ["name": "cpu", "current": ["averageUtilization": current ?? .null]]]
            ]
        }
        return (specs, statuses)
    }

    /// `formatHPAMetrics`: the first two metrics as `current/target`, then ` + N more...`.
    static func formatMetrics(_ specs: [Value], _ statuses: [Value]) -> String {
        if specs.isEmpty { return "<none>" }
        var list: [String] = []
        for (i, value) in specs.enumerated() {
            let spec = Optional(value)
            let status: Value? = i < statuses.count ? statuses[i] : nil
            switch spec["type"].goString {
            case "External":
                list.append(valueOrAverage(spec["external"]["target"], current: status["external"]))
            case "Pods":
                var current = "<unknown>"
                if status["pods"].isSet { current = GoFormat.quantityPointer(status["pods"]["current"]["averageValue"]) }
                list.append(current + "/" + GoFormat.quantityPointer(spec["pods"]["target"]["averageValue"]))
            case "Object":
                list.append(valueOrAverage(spec["object"]["target"], current: status["object"]))
            case "Resource":
                list.append(resourceMetric(spec["resource"], current: status["resource"]))
            case "ContainerResource":
                list.append(resourceMetric(spec["containerResource"], current: status["containerResource"]))
            default:
                list.append("<unknown type>")
            }
        }
        let max = 2
        if specs.count > max {
            return list[..<max].joined(separator: ", ") + " + \(specs.count - max) more..."
        }
        return list.joined(separator: ", ")
    }

    /// External and Object metrics: an average value target prints `(avg)`.
    static func valueOrAverage(_ target: Value?, current status: Value?) -> String {
        if target["averageValue"].isSet {
            var current = "<unknown>"
            if status.isSet && status["current"]["averageValue"].isSet {
                current = GoFormat.quantity(status["current"]["averageValue"])
            }
            return "\(current)/\(GoFormat.quantity(target["averageValue"])) (avg)"
        }
        var current = "<unknown>"
        if status.isSet { current = GoFormat.quantityPointer(status["current"]["value"]) }
        return "\(current)/\(GoFormat.quantityPointer(target["value"]))"
    }

    /// Resource and ContainerResource metrics: `name: current/target`, by average value or
    /// by utilization (`<auto>` when the utilization target is unset).
    static func resourceMetric(_ source: Value?, current status: Value?) -> String {
        let name = source["name"].goString
        let target = source["target"]
        if target["averageValue"].isSet {
            var current = "<unknown>"
            if status.isSet { current = GoFormat.quantityPointer(status["current"]["averageValue"]) }
            return "\(name): \(current)/\(GoFormat.quantity(target["averageValue"]))"
        }
        var current = "<unknown>"
        if status.isSet && status["current"]["averageUtilization"].isSet {
            current = "\(status["current"]["averageUtilization"].goInt)%"
        }
        let targetText = target["averageUtilization"].isSet ? "\(target["averageUtilization"].goInt)%" : "<auto>"
        return "\(name): \(current)/\(targetText)"
    }
}
