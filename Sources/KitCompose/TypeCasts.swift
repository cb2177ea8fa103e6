import KitCore

/// After interpolation every value is text; compose converts the fields whose type is not a
/// string back (docker-compose's `ConversionMap`, compose-go's type casts): `"3"` replicas
/// become 3, `"true"` flags become booleans, label values become strings.
enum TypeCasts {
    enum Kind { case int, float, bool, string }

    /// One step of a field pattern: a key, any key (`*`) or any list element (`[]`).
    enum Step: Equatable {
        case key(String)
        case anyKey
        case anyIndex
    }

    struct Rule {
        var steps: [Step]
        var kind: Kind
    }

    static func rule(_ pattern: String, _ kind: Kind) -> Rule {
        Rule(steps: pattern.split(separator: ".").map { s in
            switch s {
            case "*": return .anyKey
            case "[]": return .anyIndex
            default: return .key(String(s))
            }
        }, kind: kind)
    }

    static let rules: [Rule] = [
        rule("services.*.cpus", .float),
        rule("services.*.cpu_count", .int),
        rule("services.*.cpu_percent", .int),
        rule("services.*.cpu_shares", .int),
        rule("services.*.mem_swappiness", .int),
        rule("services.*.oom_score_adj", .int),
        rule("services.*.pids_limit", .int),
        rule("services.*.scale", .int),
        rule("services.*.healthcheck.retries", .int),
        rule("services.*.healthcheck.disable", .bool),
        rule("services.*.deploy.replicas", .int),
        rule("services.*.deploy.placement.max_replicas_per_node", .int),
        rule("services.*.deploy.resources.limits.cpus", .float),
        rule("services.*.deploy.resources.limits.pids", .int),
        rule("services.*.deploy.resources.reservations.cpus", .float),
        rule("services.*.deploy.update_config.parallelism", .int),
        rule("services.*.deploy.update_config.max_failure_ratio", .float),
        rule("services.*.deploy.rollback_config.parallelism", .int),
        rule("services.*.deploy.rollback_config.max_failure_ratio", .float),
        rule("services.*.deploy.restart_policy.max_attempts", .int),
        rule("services.*.deploy.labels.*", .string),
        rule("services.*.ports.[].target", .int),
        rule("services.*.ports.[].published", .int),
        rule("services.*.privileged", .bool),
        rule("services.*.read_only", .bool),
        rule("services.*.stdin_open", .bool),
        rule("services.*.tty", .bool),
        rule("services.*.init", .bool),
        rule("services.*.oom_kill_disable", .bool),
        rule("services.*.ulimits.*", .int),
        rule("services.*.ulimits.*.soft", .int),
        rule("services.*.ulimits.*.hard", .int),
        rule("services.*.labels.*", .string),
        rule("services.*.build.labels.*", .string),
        rule("services.*.volumes.[].read_only", .bool),
        rule("services.*.volumes.[].volume.nocopy", .bool),
        rule("services.*.secrets.[].mode", .int),
        rule("services.*.configs.[].mode", .int),
        rule("networks.*.attachable", .bool),
        rule("networks.*.external", .bool),
        rule("networks.*.internal", .bool),
        rule("networks.*.enable_ipv6", .bool),
        rule("networks.*.labels.*", .string),
        rule("volumes.*.external", .bool),
        rule("volumes.*.labels.*", .string),
        rule("secrets.*.external", .bool),
        rule("secrets.*.labels.*", .string),
        rule("configs.*.external", .bool),
        rule("configs.*.labels.*", .string),
    ]

    /// Applies the casts to a file's root node.
    static func apply(_ root: inout Node, path: KeyPath = KeyPath()) throws {
        try walk(&root, steps: [], path: path)
    }

    private static func matches(_ rule: Rule, _ steps: [PathComponent]) -> Bool {
        guard rule.steps.count == steps.count else { return false }
        return matchesPrefix(rule, steps)
    }

    /// True when `steps` matches the first `steps.count` steps of `rule`.
    private static func matchesPrefix(_ rule: Rule, _ steps: [PathComponent]) -> Bool {
        guard rule.steps.count >= steps.count else { return false }
        for (r, s) in zip(rule.steps, steps) {
            switch (r, s) {
            case (.key(let a), .key(let b)) where a == b: continue
            case (.anyKey, .key): continue
            case (.anyIndex, .index): continue
            default: return false
            }
        }
        return true
    }

    private static func isPrefix(_ steps: [PathComponent]) -> Bool {
        rules.contains { $0.steps.count > steps.count && matchesPrefix($0, steps) }
    }

    private static func walk(_ node: inout Node, steps: [PathComponent], path: KeyPath) throws {
        if !steps.isEmpty, let rule = rules.first(where: { matches($0, steps) }) {
            try cast(&node, rule.kind, path: path)
        }
        switch node.content {
        case .object(var o):
            guard steps.isEmpty || isPrefix(steps) else { return }
            try o.updateValues { key, child in
                try walk(&child, steps: steps + [.key(key)], path: path / key)
            }
            node.content = .object(o)
        case .array(var items):
            guard isPrefix(steps) else { return }
            for i in items.indices {
                try walk(&items[i], steps: steps + [.index(i)], path: path / i)
            }
            node.content = .array(items)
        case .scalar:
            break
        }
    }

    private static func cast(_ node: inout Node, _ kind: Kind, path: KeyPath) throws {
        guard case .scalar(let v) = node.content else { return }
        switch kind {
        case .string:
            switch v {
            case .int, .double, .decimal:
                node.content = .scalar(.string(YAMLOutputRules.numberText(v) ?? ""))
            case .bool(let b):
                node.content = .scalar(.string(b ? "true" : "false"))
            default: break
            }
        case .int:
            guard case .string(let s) = v else { return }
            let t = GoSyntax.trimSpace(s)
            if let i = Int(t) {
                node.content = .scalar(.int(i))
            } else if t.count > 1, t.hasPrefix("0"), t.allSatisfy({ $0 >= "0" && $0 <= "7" }), let i = Int(t.dropFirst(), radix: 8) {
                node.content = .scalar(.int(i))  // file modes such as 0440
            } else if t.hasPrefix("0o"), let i = Int(t.dropFirst(2), radix: 8) {
                node.content = .scalar(.int(i))
            } else if t.hasPrefix("0x"), let i = Int(t.dropFirst(2), radix: 16) {
                node.content = .scalar(.int(i))
            } else if path.description.hasSuffix("published") && t.contains("-") {
                return  // a published port range
            } else {
                throw composeError("must be an integer", path: path, node: node)
            }
        case .float:
            guard case .string(let s) = v else { return }
            guard let d = Double(GoSyntax.trimSpace(s)), d.isFinite else {
                throw composeError("must be a number", path: path, node: node)
            }
            node.content = .scalar(d.rounded() == d && abs(d) < 1e15 && !s.contains(".") ? .int(Int(d)) : .double(d))
        case .bool:
            guard case .string(let s) = v else { return }
            switch s.lowercased() {
            case "y", "yes", "true", "on": node.content = .scalar(.bool(true))
            case "n", "no", "false", "off": node.content = .scalar(.bool(false))
            default: throw composeError("must be a boolean (true or false)", path: path, node: node)
            }
        }
    }
}
