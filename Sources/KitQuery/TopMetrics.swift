import KitCore
import KitModel

/// `kubectl top pods` and `kubectl top nodes` (kubectl/pkg/metricsutil) over `metrics.k8s.io`
/// PodMetrics and NodeMetrics objects: CPU in millicores (`%vm` of the milli-value, rounded
/// up), memory in whole mebibytes (`%vMi` of the byte value divided by 2²⁰), nodes also as a
/// percentage of their allocatable resources. Rows are ordered by Go's `sort.Sort` as kubectl
/// orders them: by namespace and name, or with `--sort cpu|memory` by usage, most first.
public enum TopMetrics {
    public enum SortBy: String, Sendable {
        case cpu, memory
    }

    /// One resource list's CPU and memory (nil when absent).
    struct Usage {
        var cpu: Quantity?
        var memory: Quantity?

        var milliCPU: Int64 { cpu?.milliValue ?? 0 }
        var memoryBytes: Int64 { memory?.value ?? 0 }
    }

    static func usage(_ list: Value?) -> Usage {
        Usage(cpu: list?["cpu"].flatMap(Quantity.init), memory: list?["memory"].flatMap(Quantity.init))
    }

    /// A pod's usage summed over its containers (kubectl's `getPodMetrics`: zero when none).
    static func podUsage(_ metrics: Value) -> Usage {
        var cpu = Quantity(0, format: .decimalSI)
        var memory = Quantity(0, format: .decimalSI)
        for container in metrics["containers"]?.arrayValue ?? [] {
            let u = usage(container["usage"])
            if let c = u.cpu { cpu += c }
            if let m = u.memory { memory += m }
        }
        return Usage(cpu: cpu, memory: memory)
    }

    static func cpuText(_ u: Usage) -> String { "\(u.milliCPU)m" }
    static func memoryText(_ u: Usage) -> String { "\(u.memoryBytes / (1024 * 1024))Mi" }

    /// `kubectl top pods` for PodMetrics objects (`withNamespace`: `-A`).
    public static func pods(
        _ metrics: [Value], withNamespace: Bool, sortBy: SortBy?, containers: Bool, sum: Bool, noHeaders: Bool
    ) -> [UInt8] {
        guard !metrics.isEmpty else { return [] }
        var writer = TabWriter()
        var columnWidth = 3
        if !noHeaders {
            var header = ""
            if withNamespace {
                header += "NAMESPACE\t"
                columnWidth += 1
            }
            if containers {
                header += "POD\t"
                columnWidth += 1
            }
            header += "NAME\tCPU(cores)\tMEMORY(bytes)\t\n"
            writer.write(header)
        }
        var rows = metrics.map { (metrics: $0, usage: sortBy == nil ? Usage() : podUsage($0)) }
        GoSort.sort(&rows) { a, b in
            switch sortBy {
            case .cpu?: return a.usage.milliCPU > b.usage.milliCPU
            case .memory?: return a.usage.memoryBytes > b.usage.memoryBytes
            case nil:
                let na = a.metrics["metadata"]?["namespace"]?.stringValue ?? ""
                let nb = b.metrics["metadata"]?["namespace"]?.stringValue ?? ""
                if withNamespace && na != nb { return utf8Less(na, nb) }
                return utf8Less(a.metrics["metadata"]?["name"]?.stringValue ?? "", b.metrics["metadata"]?["name"]?.stringValue ?? "")
            }
        }
        var totalCPU = Quantity(0, format: .decimalSI)
        var totalMemory = Quantity(0, format: .decimalSI)
        for row in rows {
            let namespace = row.metrics["metadata"]?["namespace"]?.stringValue ?? ""
            let name = row.metrics["metadata"]?["name"]?.stringValue ?? ""
            if containers {
                var list = (row.metrics["containers"]?.arrayValue ?? []).map { (container: $0, usage: usage($0["usage"])) }
                GoSort.sort(&list) { a, b in
                    switch sortBy {
                    case .cpu?: return a.usage.milliCPU > b.usage.milliCPU
                    case .memory?: return a.usage.memoryBytes > b.usage.memoryBytes
                    case nil: return utf8Less(a.container["name"]?.stringValue ?? "", b.container["name"]?.stringValue ?? "")
                    }
                }
                for (container, u) in list {
                    var line = withNamespace ? namespace + "\t" : ""
                    line += name + "\t" + (container["name"]?.stringValue ?? "") + "\t"
                    line += cpuText(u) + "\t" + memoryText(u) + "\t\n"
                    writer.write(line)
                }
            } else {
                let u = podUsage(row.metrics)
                var line = withNamespace ? namespace + "\t" : ""
                line += name + "\t" + cpuText(u) + "\t" + memoryText(u) + "\t\n"
                writer.write(line)
            }
            if sum {
                let u = podUsage(row.metrics)
                if let c = u.cpu { totalCPU += c }
                if let m = u.memory { totalMemory += m }
            }
        }
        if sum {
            writer.write(String(repeating: "\t", count: columnWidth - 2) + "________\t________\t\n")
            let u = Usage(cpu: totalCPU, memory: totalMemory)
            writer.write(String(repeating: "\t", count: columnWidth - 3) + "\t" + cpuText(u) + "\t" + memoryText(u) + "\t\n")
        }
        writer.flush()
        return writer.takeOutput()
    }

    /// `kubectl top nodes` for NodeMetrics objects; `nodes` (Node objects) give the
    /// allocatable resources for the percentages, and nodes without metrics get `<unknown>`.
    public static func nodes(_ metrics: [Value], nodes: [Value], sortBy: SortBy?, noHeaders: Bool) -> [UInt8] {
        guard !metrics.isEmpty else { return [] }
        var available: [String: Usage] = [:]
        var availableOrder: [String] = []
        for node in nodes {
            guard let name = node["metadata"]?["name"]?.stringValue else { continue }
            if available[name] == nil { availableOrder.append(name) }
            available[name] = usage(node["status"]?["allocatable"])
        }
        var writer = TabWriter()
        var rows = metrics.map { (metrics: $0, usage: usage($0["usage"])) }
        GoSort.sort(&rows) { a, b in
            switch sortBy {
            case .cpu?: return a.usage.milliCPU > b.usage.milliCPU
            case .memory?: return a.usage.memoryBytes > b.usage.memoryBytes
            case nil:
                return utf8Less(a.metrics["metadata"]?["name"]?.stringValue ?? "", b.metrics["metadata"]?["name"]?.stringValue ?? "")
            }
        }
        if !noHeaders { writer.write("NAME\tCPU(cores)\tCPU(%)\tMEMORY(bytes)\tMEMORY(%)\t\n") }
        for row in rows {
            let name = row.metrics["metadata"]?["name"]?.stringValue ?? ""
            var line = name + "\t" + cpuText(row.usage) + "\t"
            let allocatable = available[name]
            if let total = allocatable?.cpu, total.milliValue != 0 {
                line += "\(Int64(Double(row.usage.milliCPU) / Double(total.milliValue) * 100))%\t"
            }
            line += memoryText(row.usage) + "\t"
            if let total = allocatable?.memory, total.milliValue != 0 {
                let fraction = Double(row.usage.memory?.milliValue ?? 0) / Double(total.milliValue) * 100
                line += "\(Int64(fraction))%\t"
            }
            writer.write(line + "\n")
            available[name] = nil
        }
        // Nodes without metrics (Go ranges over a map here: kit keeps the nodes' order).
        for name in availableOrder where available[name] != nil {
            writer.write(name + "\t<unknown>\t<unknown>\t<unknown>\t<unknown>\t\n")
        }
        writer.flush()
        return writer.takeOutput()
    }
}
