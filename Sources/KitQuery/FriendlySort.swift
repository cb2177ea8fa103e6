import KitCore
import KitModel

/// kit's `--sort KEY[,KEY]`: sort keys that mean what a person means, per kind, each with a
/// natural direction (`--reverse` flips them all). Ties keep the input order; names and
/// other texts compare naturally (`web-2` before `web-10`).
public enum SortKey: String, Sendable, CaseIterable {
    case name, namespace, age, restarts, node, status, cpu, memory, pods, replicas, type

    /// What the key sorts by and in which direction, for `--help`.
    public var summary: String {
        switch self {
        case .name: return "name, A to Z (digit runs compare as numbers)"
        case .namespace: return "namespace, A to Z, then name"
        case .age: return "creation time, oldest first"
        case .restarts: return "pods: restarts summed over all containers, most first"
        case .node: return "pods: node name, A to Z (unscheduled pods last)"
        case .status: return "pods: the STATUS column (phase or reason), A to Z"
        case .cpu: return "pods: CPU usage from PodMetrics in the input, else CPU requests, most first; nodes: CPU capacity, most first"
        case .memory: return "pods: memory usage from PodMetrics in the input, else memory requests, most first; nodes: memory capacity, most first"
        case .pods: return "nodes: pods in the input scheduled on the node, most first"
        case .replicas: return "deployments, replicasets, statefulsets: desired replicas, most first"
        case .type: return "services: type (ClusterIP, LoadBalancer, NodePort, …), A to Z"
        }
    }

    /// The keys `kind` can be sorted by.
    public static func keys(for kind: QueryKind) -> [SortKey] {
        var keys: [SortKey] = [.name, .age]
        if kind.namespaced { keys.insert(.namespace, at: 1) }
        switch (kind.group, kind.kind) {
        case ("", "Pod"): keys += [.restarts, .node, .status, .cpu, .memory]
        case ("", "Node"): keys += [.cpu, .memory, .pods]
        case ("apps", "Deployment"), ("apps", "ReplicaSet"), ("apps", "StatefulSet"), ("", "ReplicationController"):
            keys += [.replicas]
        case ("", "Service"): keys += [.type]
        case ("metrics.k8s.io", "PodMetrics"), ("metrics.k8s.io", "NodeMetrics"): keys += [.cpu, .memory]
        default: break
        }
        return keys
    }

    /// Parses `--sort`'s comma-separated keys.
    public static func parseList(_ text: String) throws(KitError) -> [SortKey] {
        var keys: [SortKey] = []
        for part in text.split(separator: ",", omittingEmptySubsequences: false) {
            guard let key = SortKey(rawValue: part.lowercased()) else {
                throw KitError(
                    "--sort: unknown key \(GoSyntax.quote(String(part))) (keys: \(SortKey.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            keys.append(key)
        }
        return keys
    }
}

/// A value a friendly key sorts by.
enum SortValue {
    case missing
    case number(Double)
    case quantity(Quantity)
    case text(String)

    /// Natural ascending order; missing values last.
    static func compare(_ a: SortValue, _ b: SortValue) -> Int {
        switch (a, b) {
        case (.missing, .missing): return 0
        case (.missing, _): return 1
        case (_, .missing): return -1
        case (.number(let x), .number(let y)): return x < y ? -1 : (x > y ? 1 : 0)
        case (.quantity(let x), .quantity(let y)): return x.compare(y)
        case (.text(let x), .text(let y)): return NaturalOrder.compare(x, y)
        case (.number, _): return -1
        case (_, .number): return 1
        case (.quantity, _): return -1
        case (_, .quantity): return 1
        }
    }
}

/// Facts about the whole input that some keys and filters need, gathered object by object
/// as the input is read: pod usage from PodMetrics, pods per node, and the nodes each
/// DaemonSet has pods on.
struct SortContext {
    var podUsage: [String: (cpu: Quantity, memory: Quantity)] = [:]
    var podsPerNode: [String: Int] = [:]
    /// `namespace/name` of a DaemonSet → the nodes its pods are scheduled on.
    var daemonSetNodes: [String: Set<String>] = [:]
    /// The nodes of the input, slim (name and allocatable resources), for `top nodes`.
    var nodes: [Value] = []

    init() {}

    init(objects: [Value]) {
        for object in objects { add(object) }
    }

    mutating func add(_ value: Value) {
        guard case .object(let object) = value else { return }
        switch object["kind"]?.stringValue {
        case "PodMetrics":
            guard let name = object["metadata"]?["name"]?.stringValue else { return }
            podUsage[Query.namespace(of: object) + "/" + name] = Self.usage(object)
        case "Pod":
            guard (object["apiVersion"]?.stringValue ?? "v1") == "v1",
                case .string(let node)? = object["spec"]?["nodeName"], !node.isEmpty
            else { return }
            podsPerNode[node, default: 0] += 1
            for case .object(let owner) in object["metadata"]?["ownerReferences"]?.arrayValue ?? []
            where owner["kind"]?.stringValue == "DaemonSet" {
                if let name = owner["name"]?.stringValue {
                    daemonSetNodes[Query.namespace(of: object) + "/" + name, default: []].insert(node)
                }
            }
        case "Node":
            guard (object["apiVersion"]?.stringValue ?? "v1") == "v1" else { return }
            nodes.append([
                "metadata": ["name": object["metadata"]?["name"] ?? .null],
                "status": ["allocatable": object["status"]?["allocatable"] ?? .null],
            ])
        default:
            return
        }
    }

    /// Adds what `other` (gathered from a later part of the input) knows.
    mutating func merge(_ other: SortContext) {
        podUsage.merge(other.podUsage) { _, later in later }
        podsPerNode.merge(other.podsPerNode, uniquingKeysWith: +)
        daemonSetNodes.merge(other.daemonSetNodes) { $0.union($1) }
        nodes.append(contentsOf: other.nodes)
    }

    /// A metrics object's usage summed over its containers.
    static func usage(_ object: Object) -> (cpu: Quantity, memory: Quantity) {
        var cpu = Quantity(0, format: .decimalSI)
        var memory = Quantity(0, format: .binarySI)
        for container in object["containers"]?.arrayValue ?? [] {
            if let q = container["usage"]?["cpu"].flatMap(Quantity.init) { cpu += q }
            if let q = container["usage"]?["memory"].flatMap(Quantity.init) { memory += q }
        }
        if let usage = object["usage"] {  // NodeMetrics
            if let q = usage["cpu"].flatMap(Quantity.init) { cpu += q }
            if let q = usage["memory"].flatMap(Quantity.init) { memory += q }
        }
        return (cpu, memory)
    }
}

/// Sorting by friendly keys.
enum FriendlySort {
    /// A key's value for one object, as far as the object alone tells it: what depends on
    /// the rest of the input (usage from PodMetrics, pods per node) is settled at the end.
    enum Partial {
        case value(SortValue)
        /// A pod's CPU or memory: its usage when PodMetrics name it, else its requests.
        case podResource(key: String, cpu: Bool, requests: Quantity)
        /// A node's count of pods.
        case nodePods(name: String)

        func value(_ context: SortContext) -> SortValue {
            switch self {
            case .value(let v): return v
            case .podResource(let key, let cpu, let requests):
                if let usage = context.podUsage[key] { return .quantity(cpu ? usage.cpu : usage.memory) }
                return .quantity(requests)
            case .nodePods(let name): return .number(Double(context.podsPerNode[name] ?? 0))
            }
        }
    }

    /// Checks that `kind` can be sorted by `keys`.
    static func check(_ keys: [SortKey], kind: QueryKind) throws(KitError) {
        let allowed = SortKey.keys(for: kind)
        for key in keys where !allowed.contains(key) {
            throw KitError(
                "--sort: \(kind.groupResource) cannot be sorted by \(key.rawValue) (keys for \(kind.groupResource): \(allowed.map(\.rawValue).joined(separator: ", ")))")
        }
    }

    /// The keys actually compared: `namespace` alone also orders by name.
    static func expanded(_ keys: [SortKey]) -> [SortKey] {
        keys.last == .namespace ? keys + [.name] : keys
    }

    /// An object's partial values for the (expanded) keys; `status` gives the STATUS cell.
    static func partials(of object: Value, keys: [SortKey], kind: QueryKind, status: () -> String?) -> [Partial] {
        expanded(keys).map { partial(of: object, key: $0, kind: kind, status: status) }
    }

    /// The order of objects with these partial values (stable), each key in its direction,
    /// all flipped by `reverse`; missing values last.
    static func order(_ partials: [[Partial]], keys: [SortKey], reverse: Bool, context: SortContext) -> [Int] {
        let expanded = expanded(keys)
        let values = partials.map { $0.map { $0.value(context) } }
        var order = Array(partials.indices)
        order.sort { a, b in
            for (k, key) in expanded.enumerated() {
                var c = SortValue.compare(values[a][k], values[b][k])
                if c == 0 { continue }
                if case .missing = values[a][k] { return false }
                if case .missing = values[b][k] { return true }
                if key.descending != reverse { c = -c }
                return c < 0
            }
            return a < b
        }
        return order
    }

    static func partial(of object: Value, key: SortKey, kind: QueryKind, status: () -> String?) -> Partial {
        let metadata = object["metadata"]
        switch key {
        case .name:
            return .value(metadata?["name"]?.stringValue.map(SortValue.text) ?? .missing)
        case .namespace:
            return .value(metadata?["namespace"]?.stringValue.map(SortValue.text) ?? .missing)
        case .age:
            // RFC 3339 timestamps in UTC order as text; oldest first is ascending.
            return .value(metadata?["creationTimestamp"]?.stringValue.map(SortValue.text) ?? .missing)
        case .restarts:
            return .value(.number(Double(restarts(of: object))))
        case .node:
            guard case .string(let node)? = object["spec"]?["nodeName"], !node.isEmpty else { return .value(.missing) }
            return .value(.text(node))
        case .status:
            return .value((status() ?? object["status"]?["phase"]?.stringValue).map(SortValue.text) ?? .missing)
        case .cpu, .memory:
            let resource = key == .cpu ? "cpu" : "memory"
            if kind.kind == "Node" {
                return .value(object["status"]?["capacity"]?[resource].flatMap(Quantity.init).map(SortValue.quantity) ?? .missing)
            }
            if case .object(let o) = object, kind.group == KindResolver.podMetrics.group {
                let usage = SortContext.usage(o)
                return .value(.quantity(key == .cpu ? usage.cpu : usage.memory))
            }
            var total = Quantity(0, format: .decimalSI)
            for container in object["spec"]?["containers"]?.arrayValue ?? [] {
                if let q = container["resources"]?["requests"]?[resource].flatMap(Quantity.init) { total += q }
            }
            guard let name = metadata?["name"]?.stringValue, case .object(let o) = object else { return .value(.quantity(total)) }
            return .podResource(key: Query.namespace(of: o) + "/" + name, cpu: key == .cpu, requests: total)
        case .pods:
            return .nodePods(name: metadata?["name"]?.stringValue ?? "")
        case .replicas:
            return .value(.number(Double(object["spec"]?["replicas"]?.intValue ?? 1)))
        case .type:
            return .value(.text(object["spec"]?["type"]?.stringValue ?? "ClusterIP"))
        }
    }

    /// Restarts summed over init and regular containers (what kubectl's RESTARTS counts).
    static func restarts(of object: Value) -> Int {
        var total = 0
        for field in ["initContainerStatuses", "containerStatuses"] {
            for status in object["status"]?[field]?.arrayValue ?? [] { total += status["restartCount"]?.intValue ?? 0 }
        }
        return total
    }
}

extension SortKey {
    /// Keys whose natural order is largest first.
    var descending: Bool {
        switch self {
        case .restarts, .cpu, .memory, .pods, .replicas: return true
        default: return false
        }
    }
}

/// Natural string order: runs of ASCII digits compare as numbers (`web-2` < `web-10`), the
/// rest by bytes; equal texts that differ only in leading zeros order by their bytes.
public enum NaturalOrder {
    public static func compare(_ a: String, _ b: String) -> Int {
        let x = Array(a.utf8)
        let y = Array(b.utf8)
        var i = 0
        var j = 0
        func isDigit(_ c: UInt8) -> Bool { c >= 48 && c <= 57 }
        while i < x.count && j < y.count {
            if isDigit(x[i]) && isDigit(y[j]) {
                var i2 = i
                var j2 = j
                while i2 < x.count && isDigit(x[i2]) { i2 += 1 }
                while j2 < y.count && isDigit(y[j2]) { j2 += 1 }
                // Compare the digit runs without their leading zeros: longer is larger.
                var si = i
                var sj = j
                while si < i2 - 1 && x[si] == 48 { si += 1 }
                while sj < j2 - 1 && y[sj] == 48 { sj += 1 }
                if i2 - si != j2 - sj { return (i2 - si) < (j2 - sj) ? -1 : 1 }
                for k in 0..<(i2 - si) where x[si + k] != y[sj + k] {
                    return x[si + k] < y[sj + k] ? -1 : 1
                }
                i = i2
                j = j2
                continue
            }
            if x[i] != y[j] { return x[i] < y[j] ? -1 : 1 }
            i += 1
            j += 1
        }
        if i < x.count { return 1 }
        if j < y.count { return -1 }
        return utf8Compare(a, b).signum()
    }
}
