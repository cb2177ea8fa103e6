import KitCore

/// How two definitions of one service (from several `-f` files, or a service and the one it
/// `extends`) combine.
enum ComposeMerge {
    /// Which tool's merge to follow.
    enum Rules {
        /// docker-compose's `merge_service_dicts` (1.29.2), the Compose Specification's rules:
        /// mappings merge key by key, ports merge by (target, published, host IP, protocol),
        /// volumes and devices by container path, several lists become sorted sets, others
        /// concatenate, scalars are replaced.
        case compose
        /// libcompose (ecs-cli, versions 1 and 2): mappings merge, lists append, scalars and
        /// values of another kind are replaced; `environment` of the earlier file is a list
        /// by then, so a later list appends to it and a later mapping replaces it.
        case libcompose
        /// docker/cli with mergo (ecs-cli, version 3): later non-empty scalars win, mappings
        /// (`environment`, `labels`, log options) merge, ports merge by published port and are
        /// sorted by it, other lists append.
        case dockerCLI
    }

    static func services(_ base: NodeObject, _ override: NodeObject, rules: Rules) -> NodeObject {
        switch rules {
        case .compose: return compose(base, override)
        case .libcompose: return libcompose(base, override)
        case .dockerCLI: return dockerCLI(base, override)
        }
    }

    // MARK: - docker-compose

    /// The keys merged as scalars (docker-compose's ALLOWED_KEYS that have no rule of their own,
    /// and every key it does not know).
    private static let mappingFields: [(String, Split)] = [
        ("environment", .env), ("labels", .label), ("ulimits", .flat), ("sysctls", .label),
        ("depends_on", .dependsOn), ("storage_opt", .flat), ("extra_hosts", .extraHost),
        ("annotations", .label),
    ]

    enum Split { case env, label, flat, dependsOn, extraHost }

    static func compose(_ base: NodeObject, _ override: NodeObject) -> NodeObject {
        var out = NodeObject()
        var handled: Set<String> = []
        func present(_ key: String) -> Bool { base[key] != nil || override[key] != nil }
        func put(_ key: String, _ node: Node) {
            out.set(key, node, keyLocation: (override.entry(key) ?? base.entry(key))?.keyLocation)
        }
        func location(_ key: String) -> SourceLocation {
            (override[key] ?? base[key])!.location
        }

        for (key, split) in mappingFields where present(key) {
            handled.insert(key)
            var merged = mapping(base[key], split: split)
            for e in mapping(override[key], split: split).entries { merged.set(e.key, e.value, keyLocation: e.keyLocation) }
            put(key, Node(.object(merged), at: location(key)))
        }
        for key in ["links", "secrets", "configs", "security_opt"] where present(key) {
            handled.insert(key)
            var byKey: [(String, Node)] = []
            for n in (base[key]?.array ?? []) + (override[key]?.array ?? []) {
                let k = sequenceKey(key, n)
                if let i = byKey.firstIndex(where: { $0.0 == k }) { byKey[i] = (k, n) } else { byKey.append((k, n)) }
            }
            byKey.sort { utf8Less($0.0, $1.0) }
            put(key, Node(.array(byKey.map(\.1)), at: location(key)))
        }
        if present("networks") {
            handled.insert("networks")
            put("networks", Node(.object(mergeNetworks(base["networks"], override["networks"])), at: location("networks")))
        }
        for key in ["volumes", "devices"] where present(key) {
            handled.insert(key)
            put(key, Node(.array(mergePathMappings(base[key], override[key])), at: location(key)))
        }
        for key in ["cap_add", "cap_drop", "expose", "external_links", "volumes_from", "device_cgroup_rules", "profiles"] where present(key) {
            handled.insert(key)
            var seen: [String: Node] = [:]
            for n in (base[key]?.array ?? []) + (override[key]?.array ?? []) { seen[scalarText(n)] = n }
            let sorted = seen.keys.sorted(by: utf8Less).map { k in Node(scalar: .string(k), at: seen[k]!.location) }
            put(key, Node(.array(sorted), at: location(key)))
        }
        for key in ["dns", "dns_search", "env_file", "tmpfs"] where present(key) {
            handled.insert(key)
            put(key, Node(.array(listOrString(base[key]) + listOrString(override[key])), at: location(key)))
        }
        if present("logging") {
            handled.insert("logging")
            put("logging", Node(.object(mergeLogging(base["logging"]?.object ?? NodeObject(), override["logging"]?.object ?? NodeObject())), at: location("logging")))
        }
        if present("ports") {
            handled.insert("ports")
            var merged: [(String, ServicePort, Node)] = []
            for (i, n) in ((base["ports"]?.array ?? []) + (override["ports"]?.array ?? [])).enumerated() {
                // Unparseable entries are reported when the service is read; keep them as they are.
                guard let parsed = try? ServicePort.parse(n, path: KeyPath()) else {
                    let placeholder = ServicePort(
                        target: 0, published: nil, proto: nil, mode: nil, hostIP: nil, name: nil, appProtocol: nil,
                        shortSyntax: nil, location: n.location)
                    merged.append(("\u{0}unparsed-\(i)", placeholder, n))
                    continue
                }
                for p in parsed {
                    let node = Node(value: p.composeValue(), at: p.location)
                    if let i = merged.firstIndex(where: { $0.0 == p.mergeKey }) { merged[i] = (p.mergeKey, p, node) } else { merged.append((p.mergeKey, p, node)) }
                }
            }
            let sorted = merged.enumerated().sorted { a, b in
                a.element.1.target != b.element.1.target ? a.element.1.target < b.element.1.target : a.offset < b.offset
            }.map(\.element.2)
            put("ports", Node(.array(sorted), at: location("ports")))
        }
        for key in ["blkio_config", "healthcheck"] where present(key) {
            handled.insert(key)
            var merged = base[key]?.object ?? NodeObject()
            if key == "blkio_config" {
                merged = mergeBlkio(merged, override[key]?.object ?? NodeObject())
            } else {
                for e in (override[key]?.object ?? NodeObject()).entries { merged.set(e.key, e.value, keyLocation: e.keyLocation) }
            }
            put(key, Node(.object(merged), at: location(key)))
        }
        if present("deploy") {
            handled.insert("deploy")
            put("deploy", Node(.object(mergeDeploy(base["deploy"]?.object ?? NodeObject(), override["deploy"]?.object ?? NodeObject())), at: location("deploy")))
        }
        if present("build") {
            handled.insert("build")
            put("build", Node(.object(mergeBuild(base["build"], override["build"])), at: location("build")))
        }
        // Everything else: the later value replaces the earlier one.
        for e in base.entries where !handled.contains(e.key) {
            if let o = override.entry(e.key) { out.set(e.key, o.value, keyLocation: o.keyLocation) } else { out.set(e.key, e.value, keyLocation: e.keyLocation) }
            handled.insert(e.key)
        }
        for e in override.entries where !handled.contains(e.key) {
            out.set(e.key, e.value, keyLocation: e.keyLocation)
        }
        // Keep the base's key order, later keys after (Python dicts merged by update).
        var ordered = NodeObject()
        for k in base.keys + override.keys where ordered[k] == nil {
            if let e = out.entry(k) { ordered.set(k, e.value, keyLocation: e.keyLocation) }
        }
        return ordered
    }

    /// The key docker-compose merges `links` (alias), `secrets` and `configs` (source) and
    /// `security_opt` entries by.
    private static func sequenceKey(_ field: String, _ n: Node) -> String {
        switch field {
        case "links":
            let s = scalarText(n)
            let parts = s.split(separator: ":", maxSplits: 1)
            return parts.count == 2 ? String(parts[1]) : s
        case "secrets", "configs":
            return sourceKey(n)
        default:
            return scalarText(n)
        }
    }

    private static func sourceKey(_ n: Node) -> String {
        if let s = n.string { return s }
        return n["source"]?.string ?? ""
    }

    static func scalarText(_ n: Node) -> String {
        switch n.content {
        case .scalar(.string(let s)): return s
        case .scalar(let v): return YAMLOutputRules.numberText(v) ?? v.boolValue.map { $0 ? "True" : "False" } ?? ""
        default: return ""
        }
    }

    static func listOrString(_ node: Node?) -> [Node] {
        guard let node else { return [] }
        if let a = node.array { return a }
        if node.isNull { return [] }
        return [node]
    }

    /// A list-or-mapping field as a mapping: `K=V` list entries split at the first `=`
    /// (environment: `K` alone is null; labels: `k` alone is "").
    static func mapping(_ node: Node?, split: Split) -> NodeObject {
        guard let node else { return NodeObject() }
        if let o = node.object { return o }
        var out = NodeObject()
        for item in node.array ?? [] {
            let text = scalarText(item)
            switch split {
            case .dependsOn:
                out.set(text, Node(value: ["condition": "service_started"], at: item.location), keyLocation: item.location)
            case .extraHost:
                let parts = text.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
                let value = parts.count == 2 ? GoSyntax.trimSpace(parts[1]) : ""
                out.set(GoSyntax.trimSpace(parts[0]), Node(scalar: .string(value), at: item.location), keyLocation: item.location)
            case .env, .label, .flat:
                if let eq = text.firstIndex(of: "=") {
                    out.set(String(text[..<eq]), Node(scalar: .string(String(text[text.index(after: eq)...])), at: item.location), keyLocation: item.location)
                } else {
                    out.set(text, Node(scalar: split == .env ? .null : .string(""), at: item.location), keyLocation: item.location)
                }
            }
        }
        return out
    }

    private static func mergeNetworks(_ base: Node?, _ override: Node?) -> NodeObject {
        func asMap(_ n: Node?) -> NodeObject {
            guard let n else { return NodeObject() }
            if let o = n.object { return o }
            var out = NodeObject()
            for item in n.array ?? [] { out.set(scalarText(item), Node(scalar: .null, at: item.location), keyLocation: item.location) }
            return out
        }
        let b = asMap(base), o = asMap(override)
        var out = NodeObject()
        for name in (b.keys + o.keys) where out[name] == nil {
            let bo = b[name]?.object ?? NodeObject(), oo = o[name]?.object ?? NodeObject()
            var m = NodeObject()
            for key in ["aliases", "link_local_ips"] where bo[key] != nil || oo[key] != nil {
                var seen: [String: Node] = [:]
                for n in (bo[key]?.array ?? []) + (oo[key]?.array ?? []) { seen[scalarText(n)] = n }
                m.set(key, Node(.array(seen.keys.sorted(by: utf8Less).map { Node(scalar: .string($0), at: seen[$0]!.location) }), at: (oo[key] ?? bo[key])!.location))
            }
            for e in bo.entries where m[e.key] == nil && oo[e.key] == nil { m.set(e.key, e.value, keyLocation: e.keyLocation) }
            for e in oo.entries where m[e.key] == nil { m.set(e.key, e.value, keyLocation: e.keyLocation) }
            let location = (o.entry(name) ?? b.entry(name))!
            out.set(name, Node(.object(m), at: location.value.location), keyLocation: location.keyLocation)
        }
        return out
    }

    /// Volumes and devices keyed by container path, sorted by it.
    private static func mergePathMappings(_ base: Node?, _ override: Node?) -> [Node] {
        var byPath: [String: Node] = [:]
        for n in (base?.array ?? []) + (override?.array ?? []) {
            byPath[containerPath(n)] = n
        }
        return byPath.keys.sorted(by: utf8Less).map { byPath[$0]! }
    }

    /// docker-compose's `split_path_mapping`: the container side of `HOST:CONTAINER[:MODE]`.
    static func containerPath(_ n: Node) -> String {
        if let o = n.object { return o["target"]?.string ?? "" }
        let s = scalarText(n)
        guard let colon = s.firstIndex(of: ":") else { return s }
        var container = s[s.index(after: colon)...]
        if let last = container.lastIndex(of: ":") { container = container[..<last] }
        return String(container)
    }

    private static func mergeLogging(_ base: NodeObject, _ override: NodeObject) -> NodeObject {
        var out = NodeObject()
        if let d = override.entry("driver") ?? base.entry("driver") { out.set("driver", d.value, keyLocation: d.keyLocation) }
        let sameDriver = out["driver"]?.string == base["driver"]?.string || base["driver"] == nil
        if sameDriver {
            if base["options"] != nil || override["options"] != nil {
                var options = base["options"]?.object ?? NodeObject()
                for e in (override["options"]?.object ?? NodeObject()).entries { options.set(e.key, e.value, keyLocation: e.keyLocation) }
                out.set("options", Node(.object(options), at: (override["options"] ?? base["options"])!.location))
            }
        } else if let o = override.entry("options"), !(o.value.object?.isEmpty ?? true) {
            out.set("options", o.value, keyLocation: o.keyLocation)
        }
        return out
    }

    private static func mergeBlkio(_ base: NodeObject, _ override: NodeObject) -> NodeObject {
        var out = NodeObject()
        if let w = override.entry("weight") ?? base.entry("weight") { out.set("weight", w.value, keyLocation: w.keyLocation) }
        for key in ["device_read_bps", "device_read_iops", "device_write_bps", "device_write_iops", "weight_device"]
        where base[key] != nil || override[key] != nil {
            var byPath: [String: Node] = [:]
            for n in (base[key]?.array ?? []) + (override[key]?.array ?? []) { byPath[n["path"]?.string ?? ""] = n }
            out.set(key, Node(.array(byPath.keys.sorted(by: utf8Less).map { byPath[$0]! }), at: (override[key] ?? base[key])!.location))
        }
        return out
    }

    private static func mergeDeploy(_ base: NodeObject, _ override: NodeObject) -> NodeObject {
        var out = NodeObject()
        func scalar(_ key: String, _ b: NodeObject, _ o: NodeObject, into out: inout NodeObject) {
            if let e = o.entry(key) ?? b.entry(key) { out.set(key, e.value, keyLocation: e.keyLocation) }
        }
        func mapping(_ key: String, _ b: NodeObject, _ o: NodeObject, into out: inout NodeObject) {
            guard b[key] != nil || o[key] != nil else { return }
            var m = key == "labels" ? ComposeMerge.mapping(b[key], split: .label) : (b[key]?.object ?? NodeObject())
            let overrideMap = key == "labels" ? ComposeMerge.mapping(o[key], split: .label) : (o[key]?.object ?? NodeObject())
            for e in overrideMap.entries { m.set(e.key, e.value, keyLocation: e.keyLocation) }
            out.set(key, Node(.object(m), at: (o[key] ?? b[key])!.location))
        }
        for key in ["mode", "endpoint_mode", "replicas"] { scalar(key, base, override, into: &out) }
        for key in ["labels", "update_config", "rollback_config", "restart_policy"] { mapping(key, base, override, into: &out) }
        if base["resources"] != nil || override["resources"] != nil {
            let b = base["resources"]?.object ?? NodeObject(), o = override["resources"]?.object ?? NodeObject()
            var r = NodeObject()
            mapping("limits", b, o, into: &r)
            if b["reservations"] != nil || o["reservations"] != nil {
                let rb = b["reservations"]?.object ?? NodeObject(), ro = o["reservations"]?.object ?? NodeObject()
                var m = NodeObject()
                scalar("cpus", rb, ro, into: &m)
                scalar("memory", rb, ro, into: &m)
                for key in ["generic_resources", "devices"] where rb[key] != nil || ro[key] != nil {
                    var seen: [(Value, Node)] = []
                    for n in (rb[key]?.array ?? []) + (ro[key]?.array ?? []) where !seen.contains(where: { $0.0 == n.value }) { seen.append((n.value, n)) }
                    m.set(key, Node(.array(seen.map(\.1)), at: (ro[key] ?? rb[key])!.location))
                }
                r.set("reservations", Node(.object(m), at: (o["reservations"] ?? b["reservations"])!.location))
            }
            out.set("resources", Node(.object(r), at: (override["resources"] ?? base["resources"])!.location))
        }
        if base["placement"] != nil || override["placement"] != nil {
            let b = base["placement"]?.object ?? NodeObject(), o = override["placement"]?.object ?? NodeObject()
            var p = NodeObject()
            scalar("max_replicas_per_node", b, o, into: &p)
            for key in ["constraints", "preferences"] where b[key] != nil || o[key] != nil {
                var seen: [(Value, Node)] = []
                for n in (b[key]?.array ?? []) + (o[key]?.array ?? []) where !seen.contains(where: { $0.0 == n.value }) { seen.append((n.value, n)) }
                if key == "constraints" { seen.sort { utf8Less(scalarText($0.1), scalarText($1.1)) } }
                p.set(key, Node(.array(seen.map(\.1)), at: (o[key] ?? b[key])!.location))
            }
            out.set("placement", Node(.object(p), at: (override["placement"] ?? base["placement"])!.location))
        }
        // Keys docker-compose 1.29.2 does not know: the later value wins.
        for e in base.entries + override.entries where out[e.key] == nil {
            let winner = override.entry(e.key) ?? e
            out.set(e.key, winner.value, keyLocation: winner.keyLocation)
        }
        return out
    }

    private static func mergeBuild(_ base: Node?, _ override: Node?) -> NodeObject {
        func asMap(_ n: Node?) -> NodeObject {
            guard let n else { return NodeObject() }
            if let o = n.object { return o }
            var out = NodeObject()
            out.set("context", n, keyLocation: n.location)
            return out
        }
        let b = asMap(base), o = asMap(override)
        var out = NodeObject()
        for key in ["args", "labels", "extra_hosts"] where b[key] != nil || o[key] != nil {
            let split: Split = key == "args" ? .env : key == "labels" ? .label : .extraHost
            var m = mapping(b[key], split: split)
            for e in mapping(o[key], split: split).entries { m.set(e.key, e.value, keyLocation: e.keyLocation) }
            out.set(key, Node(.object(m), at: (o[key] ?? b[key])!.location))
        }
        if b["cache_from"] != nil || o["cache_from"] != nil {
            var seen: [String: Node] = [:]
            for n in (b["cache_from"]?.array ?? []) + (o["cache_from"]?.array ?? []) { seen[scalarText(n)] = n }
            out.set("cache_from", Node(.array(seen.keys.sorted(by: utf8Less).map { seen[$0]! }), at: (o["cache_from"] ?? b["cache_from"])!.location))
        }
        for e in b.entries + o.entries where out[e.key] == nil {
            let winner = o.entry(e.key) ?? e
            out.set(e.key, winner.value, keyLocation: winner.keyLocation)
        }
        return out
    }

    // MARK: - libcompose (ecs-cli v1/v2)

    static func libcompose(_ base: NodeObject, _ override: NodeObject) -> NodeObject {
        var b = base
        // By the time libcompose merges, the earlier environment is a `K=V` list.
        if let env = b["environment"], let o = env.object {
            let items = o.entries.map { e -> Node in
                let text = e.value.isNull ? e.key : "\(e.key)=\(scalarText(e.value))"
                return Node(scalar: .string(text), at: e.value.location)
            }
            b.set("environment", Node(.array(items), at: env.location))
        }
        return deepMerge(b, override, appendLists: true, keepEmptyScalars: true)
    }

    // MARK: - docker/cli + mergo (ecs-cli v3)

    static func dockerCLI(_ base: NodeObject, _ override: NodeObject) -> NodeObject {
        var b = base, o = override
        for key in ["environment", "labels"] {
            for side in [0, 1] {
                let node = side == 0 ? b[key] : o[key]
                guard let node, node.array != nil else { continue }
                let m = Node(.object(mapping(node, split: key == "environment" ? .env : .label)), at: node.location)
                if side == 0 { b.set(key, m) } else { o.set(key, m) }
            }
        }
        var out = deepMerge(b, o, appendLists: true, keepEmptyScalars: false)
        if b["ports"] != nil || o["ports"] != nil {
            // Merged by published port, then sorted by it.
            var byPublished: [(String, ServicePort, Node)] = []
            for n in (b["ports"]?.array ?? []) + (o["ports"]?.array ?? []) {
                for p in (try? ServicePort.parse(n, path: KeyPath())) ?? [] {
                    let key = p.published ?? ""
                    let node = Node(value: p.composeValue(), at: p.location)
                    if let i = byPublished.firstIndex(where: { $0.0 == key }) { byPublished[i] = (key, p, node) } else { byPublished.append((key, p, node)) }
                }
            }
            byPublished.sort { ($0.1.publishedPort ?? 0) < ($1.1.publishedPort ?? 0) }
            out.set("ports", Node(.array(byPublished.map(\.2)), at: (o["ports"] ?? b["ports"])!.location))
        }
        return out
    }

    /// Mappings merge recursively, lists append (when asked), other values are replaced — by
    /// any later value, or (mergo) only by a non-empty one.
    static func deepMerge(_ base: NodeObject, _ override: NodeObject, appendLists: Bool, keepEmptyScalars: Bool) -> NodeObject {
        var out = base
        for e in override.entries {
            guard let existing = out[e.key] else {
                out.set(e.key, e.value, keyLocation: e.keyLocation)
                continue
            }
            switch (existing.content, e.value.content) {
            case (.object(let a), .object(let b)):
                out.set(e.key, Node(.object(deepMerge(a, b, appendLists: appendLists, keepEmptyScalars: keepEmptyScalars)), at: e.value.location), keyLocation: e.keyLocation)
            case (.array(let a), .array(let b)) where appendLists:
                out.set(e.key, Node(.array(a + b), at: e.value.location), keyLocation: e.keyLocation)
            case (_, .scalar(let v)) where !keepEmptyScalars && isEmpty(v):
                continue
            default:
                out.set(e.key, e.value, keyLocation: e.keyLocation)
            }
        }
        return out
    }

    private static func isEmpty(_ v: Value) -> Bool {
        switch v {
        case .null: return true
        case .string(let s): return s.isEmpty
        case .int(let i): return i == 0
        case .bool(let b): return !b
        case .double(let d): return d == 0
        default: return false
        }
    }
}
