import KitCore
import KitModel

/// A kind of object `kit query` lists: what the REST mapper of a server would map a KIND
/// argument to. Objects match it by group and kind (any version: a server converts between
/// the versions of a group).
public struct QueryKind: Sendable, Hashable, CustomStringConvertible {
    public var group: String
    public var version: String
    public var kind: String
    public var plural: String
    public var namespaced: Bool
    /// The CustomResourceDefinition from the input that defines it (custom resources only).
    public var customResourceDefinition: Value?

    public init(group: String, version: String, kind: String, plural: String, namespaced: Bool, customResourceDefinition: Value? = nil) {
        self.group = group
        self.version = version
        self.kind = kind
        self.plural = plural
        self.namespaced = namespaced
        self.customResourceDefinition = customResourceDefinition
    }

    /// `deployments.apps`, `pods`: the resource as kubectl names it.
    public var groupResource: String { group.isEmpty ? plural : "\(plural).\(group)" }

    /// `deployment.apps`, `pod`: the lower-cased `Kind.group`, kubectl's `-o name` and
    /// `--show-kind` prefix.
    public var nameKind: String { group.isEmpty ? kind.lowercased() : "\(kind.lowercased()).\(group)" }

    public var description: String { groupResource }

    /// Whether `object` (`apiVersion` and `kind`) is of this kind.
    public func matches(_ object: Object) -> Bool {
        guard case .string(let objectKind)? = object["kind"], objectKind == kind else { return false }
        let apiVersion = object["apiVersion"]?.stringValue ?? ""
        guard let slash = apiVersion.firstIndex(of: "/") else { return group.isEmpty }
        return apiVersion[..<slash] == group
    }
}

/// Maps KIND arguments to kinds as kubectl's REST mapper does against a server, with kit's
/// compiled-in Kubernetes schema standing in for the server's discovery, plus the
/// CustomResourceDefinitions found in the input, plus the metrics API (`PodMetrics`,
/// `NodeMetrics`), plus kinds seen in the input that nothing else defines.
///
/// A name is a plural (`deployments`), singular (`deployment`), short name (`deploy`) or kind
/// (`Deployment`), case-insensitive, optionally followed by `.GROUP` or `.VERSION.GROUP`
/// (`deployments.apps`, `deploy.v1.apps`); a group may be given by a prefix (`hpa.autoscal`).
/// `all` is kubectl's category: the common workload and service kinds.
public struct KindResolver: Sendable {
    let schema: KubernetesSchema
    let custom: [QueryKind]
    let customNames: [(names: [String], kind: QueryKind)]

    /// The metrics API's kinds (metrics-server's `metrics.k8s.io/v1beta1`).
    public static let podMetrics = QueryKind(group: "metrics.k8s.io", version: "v1beta1", kind: "PodMetrics", plural: "pods", namespaced: true)
    public static let nodeMetrics = QueryKind(group: "metrics.k8s.io", version: "v1beta1", kind: "NodeMetrics", plural: "nodes", namespaced: false)

    static let metricsNames: [(names: [String], kind: QueryKind)] = [
        (["podmetrics", "podmetric"], podMetrics), (["nodemetrics", "nodemetric"], nodeMetrics),
    ]

    /// kubectl's `all` category, in the order a server's discovery lists it.
    static let allCategory = [
        "pods", "replicationcontrollers", "services", "daemonsets.apps", "deployments.apps", "replicasets.apps",
        "statefulsets.apps", "horizontalpodautoscalers.autoscaling", "cronjobs.batch", "jobs.batch",
    ]

    /// A resolver knowing the CRDs among `objects` and the kinds of the other objects.
    public init(objects: [Value] = [], schema: KubernetesSchema = .shared) {
        self.schema = schema
        var custom: [QueryKind] = []
        var names: [(names: [String], kind: QueryKind)] = []
        var seen: Set<String> = []
        for case .object(let object) in objects where object["kind"]?.stringValue == "CustomResourceDefinition" {
            guard let spec = object["spec"], let group = spec["group"]?.stringValue,
                let kind = spec["names"]?["kind"]?.stringValue, let plural = spec["names"]?["plural"]?.stringValue
            else { continue }
            let version = KindResolver.storageVersion(spec)
            let queryKind = QueryKind(
                group: group, version: version, kind: kind, plural: plural,
                namespaced: spec["scope"]?.stringValue != "Cluster", customResourceDefinition: .object(object))
            guard seen.insert(group + "/" + kind).inserted else { continue }
            var all = [plural, kind.lowercased()]
            if let singular = spec["names"]?["singular"]?.stringValue { all.append(singular) }
            for case .string(let short) in spec["names"]?["shortNames"]?.arrayValue ?? [] { all.append(short) }
            custom.append(queryKind)
            names.append((all.map { $0.lowercased() }, queryKind))
        }
        // Objects of kinds neither the schema nor a CRD defines: their kind names them.
        for case .object(let object) in objects {
            guard case .string(let kind)? = object["kind"] else { continue }
            let apiVersion = object["apiVersion"]?.stringValue ?? ""
            let gvk = GroupVersionKind(apiVersion: apiVersion, kind: kind)
            guard schema.isNamespaced(gvk) == nil, gvk.group != KindResolver.podMetrics.group,
                seen.insert(gvk.group + "/" + kind).inserted
            else { continue }
            let plural = KindResolver.guessPlural(kind)
            let namespaced = object["metadata"]?["namespace"]?.stringValue.map { !$0.isEmpty } ?? false
            let queryKind = QueryKind(group: gvk.group, version: gvk.version, kind: kind, plural: plural, namespaced: namespaced)
            custom.append(queryKind)
            names.append(([plural, kind.lowercased()], queryKind))
        }
        self.custom = custom
        self.customNames = names
    }

    /// The version a CRD's objects are stored in (the one with `storage: true`), else its first.
    static func storageVersion(_ spec: Value) -> String {
        let versions = spec["versions"]?.arrayValue ?? []
        for version in versions where version["storage"]?.boolValue == true {
            if let name = version["name"]?.stringValue { return name }
        }
        return versions.first?["name"]?.stringValue ?? spec["version"]?.stringValue ?? ""
    }

    /// A resource name for a kind no definition names: lower-cased, plural as English makes
    /// most of them (`Widget` → `widgets`, `Policy` → `policies`, `Ingress` → `ingresses`).
    static func guessPlural(_ kind: String) -> String {
        let lower = kind.lowercased()
        if lower.hasSuffix("y"), let before = lower.dropLast().last, !"aeiou".contains(before) {
            return lower.dropLast() + "ies"
        }
        if lower.hasSuffix("s") || lower.hasSuffix("x") || lower.hasSuffix("ch") || lower.hasSuffix("sh") {
            return lower + "es"
        }
        return lower + "s"
    }

    /// The kinds `argument` names (one, or several for `all`).
    public func resolve(_ argument: String) throws(KitError) -> [QueryKind] {
        if argument == "all" {
            return KindResolver.allCategory.compactMap { try? resolveOne($0) }
        }
        return [try resolveOne(argument)]
    }

    func resolveOne(_ argument: String) throws(KitError) -> QueryKind {
        let lower = argument.lowercased()
        if let kind = lookup(name: lower, group: nil) { return kind }
        // NAME.GROUP or NAME.VERSION.GROUP.
        if let dot = lower.firstIndex(of: ".") {
            let name = String(lower[..<dot])
            let rest = String(lower[lower.index(after: dot)...])
            if let kind = lookup(name: name, group: rest) { return kind }
            if let second = rest.firstIndex(of: ".") {
                let version = String(rest[..<second])
                let group = String(rest[rest.index(after: second)...])
                if let kind = lookup(name: name, group: group, version: version) { return kind }
            }
        }
        throw unknown(argument)
    }

    func lookup(name: String, group: String?, version: String? = nil) -> QueryKind? {
        func groupMatches(_ candidate: String) -> Bool {
            guard let group else { return true }
            return candidate == group
        }
        func groupPrefixMatches(_ candidate: String) -> Bool {
            guard let group else { return true }
            return candidate.hasPrefix(group)
        }
        for exact in [true, false] {
            let matches = exact ? groupMatches : groupPrefixMatches
            for info in schema.resources(named: name) where matches(info.gvk.group) {
                if let version, info.gvk.version != version { continue }
                return QueryKind(
                    group: info.gvk.group, version: info.gvk.version, kind: info.gvk.kind, plural: info.plural,
                    namespaced: info.namespaced)
            }
            for (names, kind) in customNames where names.contains(name) && matches(kind.group) {
                if let version, kind.version != version { continue }
                return kind
            }
            for (names, metrics) in KindResolver.metricsNames where matches(metrics.group) {
                if names.contains(name) || (group != nil && name == metrics.plural) { return metrics }
            }
            if group == nil { break }
        }
        return nil
    }

    /// Every name a KIND argument may be, for suggestions.
    var allNames: [String] {
        var names: [String] = []
        for info in schema.resources {
            names.append(info.plural)
            names.append(contentsOf: info.shortNames)
        }
        for (n, _) in customNames { names.append(contentsOf: n) }
        names.append(contentsOf: ["podmetrics", "nodemetrics", "all"])
        return names
    }

    func unknown(_ argument: String) -> KitError {
        let suggestions = KindResolver.closest(to: argument.lowercased(), among: allNames)
        var message = "the server doesn't have a resource type \(GoSyntax.quote(argument))"
        if !suggestions.isEmpty {
            message += " (did you mean " + suggestions.map(GoSyntax.quote).joined(separator: " or ") + "?)"
        }
        return KitError(message)
    }

    /// Up to three names closest to `word` (edit distance at most a third of its length, or
    /// names it is a prefix of), nearest first.
    static func closest(to word: String, among names: [String]) -> [String] {
        let limit = max(1, word.count / 3)
        var scored: [(Int, String)] = []
        var seen: Set<String> = []
        for name in names where seen.insert(name).inserted {
            let d = editDistance(word, name)
            if d <= limit {
                scored.append((d, name))
            } else if word.count >= 2 && name.hasPrefix(word) {
                scored.append((limit + 1, name))
            }
        }
        scored.sort { $0.0 != $1.0 ? $0.0 < $1.0 : utf8Less($0.1, $1.1) }
        return scored.prefix(3).map(\.1)
    }

    /// Levenshtein distance between two strings (by Unicode scalars).
    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a.unicodeScalars)
        let b = Array(b.unicodeScalars)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
