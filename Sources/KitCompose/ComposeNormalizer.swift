import KitCore

/// The normalised model as `docker-compose config` prints it (docker-compose 1.29.2's
/// `denormalize_config`, with the Compose Specification's newer keys passed through):
/// `environment` a mapping with `env_file`s merged in, ports in long syntax, volumes with
/// absolute host paths and explicit modes, `depends_on` a mapping, healthcheck durations in
/// their shortest exact unit, `$` written `$$` so that the output reads back the same.
public enum ComposeNormalizer {
    public static func normalize(_ project: ComposeProject) -> Value {
        var root = Object()
        root["name"] = .string(project.name)
        if let version = project.version, project.format != .spec { root["version"] = .string(version) }
        var services = Object()
        for s in project.services { services[s.name] = service(s, project: project) }
        root["services"] = .object(services)
        for (key, section) in [("networks", project.networks), ("volumes", project.volumes), ("secrets", project.secrets), ("configs", project.configs)]
        where !section.isEmpty {
            var out = Object()
            for e in section.entries {
                out[e.key] = topLevelEntry(e.key, e.value, kind: key, project: project)
            }
            root[key] = .object(out)
        }
        for e in project.extensions.entries { root[e.key] = e.value.value }
        return escapeDollars(.object(root))
    }

    static func topLevelEntry(_ name: String, _ node: Node, kind: String, project: ComposeProject) -> Value {
        guard var o = node.value.objectValue else { return .object(Object()) }
        if let external = o["external"] {
            if case .object(let e) = external {
                if let n = e["name"] { o["name"] = n }
                o["external"] = .bool(true)
            } else if o["name"] == nil, external == .bool(true) {
                o["name"] = .string(name)
            }
        }
        if let labels = o["labels"], case .array = labels {
            o["labels"] = .object(objectFrom(ComposeMerge.mapping(node["labels"], split: .label)))
        }
        if let file = o["file"]?.stringValue {
            o["file"] = .string(Paths.absolute(Paths.expandUser(file, home: project.environment["HOME"]), base: project.workingDirectory))
        }
        if let opts = o["driver_opts"]?.objectValue {
            o["driver_opts"] = .object(opts.mapValues { v in .string(v.stringValue ?? YAMLOutputRules.numberText(v) ?? (v.boolValue.map { $0 ? "True" : "False" } ?? "")) })
        }
        return .object(o)
    }

    static func objectFrom(_ o: NodeObject) -> Object {
        var out = Object()
        for e in o.entries { out[e.key] = e.value.value }
        return out
    }

    static func service(_ s: ComposeService, project: ComposeProject) -> Value {
        var o = Object()
        for e in s.definition.entries {
            let key = e.key
            let node = e.value
            switch key {
            case "extends", "env_file":
                continue
            case "environment":
                continue  // written below, with env files merged in
            case "build":
                o[key] = build(node, project: project)
            case "ports":
                o[key] = .array(s.ports.map { p in
                    (p.hostIP != nil || project.format == .v1) ? .string(p.legacyString()) : p.composeValue()
                })
            case "volumes":
                o[key] = .array(s.volumes.map { $0.composeValue() })
            case "labels", "sysctls", "annotations":
                o[key] = .object(objectFrom(ComposeMerge.mapping(node, split: .label)).mapValues { v in
                    key == "sysctls" ? .string(v.stringValue ?? YAMLOutputRules.numberText(v) ?? "") : v
                })
            case "depends_on":
                o[key] = .object(objectFrom(ComposeMerge.mapping(node, split: .dependsOn)))
            case "dns", "dns_search", "tmpfs":
                o[key] = .array(ComposeMerge.listOrString(node).map(\.value))
            case "healthcheck":
                o[key] = healthcheck(node)
            case "networks":
                if let items = node.array {
                    var nets = Object()
                    for item in items { nets[ComposeMerge.scalarText(item)] = .null }
                    o[key] = .object(nets)
                } else {
                    o[key] = node.value
                }
            case "volumes_from":
                o[key] = .array((node.array ?? []).map { .string(volumesFrom(ComposeMerge.scalarText($0))) })
            case "secrets", "configs":
                o[key] = .array((node.array ?? []).map { item in
                    if let text = item.string { return ["source": .string(text)] }
                    return item.value
                })
            default:
                o[key] = node.value
            }
        }
        // docker-compose gives version 1 services the bridge network explicitly.
        if project.format == .v1 && o["network_mode"] == nil { o["network_mode"] = "bridge" }
        if s.definition["environment"] != nil || s.definition["env_file"] != nil {
            var env = Object()
            for v in s.environment { env[v.name] = v.value.map(Value.string) ?? .null }
            o["environment"] = .object(env)
        }
        return .object(o)
    }

    static func build(_ node: Node, project: ComposeProject) -> Value {
        func context(_ text: String) -> Value {
            if ["http://", "https://", "git://", "github.com/", "git@"].contains(where: { text.hasPrefix($0) }) { return .string(text) }
            return .string(Paths.absolute(Paths.expandUser(text, home: project.environment["HOME"]), base: project.workingDirectory))
        }
        if let text = node.string { return ["context": context(text)] }
        guard var o = node.value.objectValue else { return node.value }
        if let c = o["context"]?.stringValue { o["context"] = context(c) }
        if let args = node["args"] {
            var resolved = Object()
            for e in ComposeMerge.mapping(args, split: .env).entries {
                let v = e.value.isNull ? (project.environment[e.key] ?? "") : ComposeMerge.scalarText(e.value)
                resolved[e.key] = .string(v)
            }
            o["args"] = .object(resolved)
        }
        if let labels = node["labels"] { o["labels"] = .object(objectFrom(ComposeMerge.mapping(labels, split: .label))) }
        return .object(o)
    }

    static func healthcheck(_ node: Node) -> Value {
        guard var o = node.value.objectValue else { return node.value }
        if o["disable"] != nil {
            o["disable"] = nil
            o["test"] = ["NONE"]
        }
        for key in ["interval", "timeout", "start_period", "start_interval"] {
            if let text = o[key]?.stringValue, let ns = GoDuration.parse(text) {
                o[key] = .string(GoDuration.composeString(nanoseconds: ns))
            }
        }
        return .object(o)
    }

    /// docker-compose's `VolumeFromSpec` repr: `service:NAME:MODE` or `container:NAME:MODE`.
    static func volumesFrom(_ text: String) -> String {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        switch parts.count {
        case 1: return "service:\(parts[0]):rw"
        case 2: return parts[0] == "container" ? "container:\(parts[1]):rw" : "service:\(parts[0]):\(parts[1])"
        default: return parts.joined(separator: ":")
        }
    }

    /// `$` → `$$` in every string (keys stay as they are).
    static func escapeDollars(_ value: Value) -> Value {
        switch value {
        case .string(let s) where s.contains("$"):
            var out = ""
            for c in s { out.append(c); if c == "$" { out.append("$") } }
            return .string(out)
        case .array(let items): return .array(items.map(escapeDollars))
        case .object(let o): return .object(o.mapValues(escapeDollars))
        default: return value
        }
    }
}
