import KitCore
import KitModel

/// Legacy `vars:` — `$(NAME)` in the fields of the var-reference field specs is replaced by a
/// field of another object, after names are final (kustomize's `ResolveVars`).
enum Vars {
    /// The object a var refers to: `objref`'s group/version (or apiVersion), kind, name and
    /// namespace.
    static func target(_ v: VarArgs) -> ResourceID {
        let ref = v.objref
        var group = ref["group"]?.stringValue ?? ""
        var version = ref["version"]?.stringValue ?? ""
        if let apiVersion = ref["apiVersion"]?.stringValue, !apiVersion.isEmpty {
            let parts = apiVersion.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
            if parts.count == 2 {
                group = parts[0]
                version = parts[1]
            } else if parts.count == 1 {
                version = parts[0]
            }
        }
        let gvk = GroupVersionKind(group: group, version: version, kind: ref["kind"]?.stringValue ?? "")
        return ResourceID(gvk: gvk, name: ref["name"]?.stringValue ?? "", namespace: ref["namespace"]?.stringValue ?? "")
    }

    /// kustomize's `MergeVars`: a kustomization's vars are bound, when its own build is done,
    /// to the one object whose current or earlier id has the var's exact group, version, kind
    /// and name (and effective namespace, when the var names one or the kind is
    /// cluster-scoped). The binding travels with the object; the value is read at the end.
    static func bind(_ vars: [VarArgs], in acc: inout Accumulator) throws {
        for v in vars {
            let wanted = target(v)
            let compareNamespace = !wanted.namespace.isEmpty || wanted.isClusterScoped
            let matches = acc.map.resources.indices.filter { i in
                let r = acc.map.resources[i]
                return (r.previousIDs + [r.id]).contains { id in
                    id.gvk == wanted.gvk && id.name == wanted.name
                        && (!compareNamespace || id.effectiveNamespace == wanted.effectiveNamespace)
                }
            }
            if matches.count > 1 {
                throw KitError("merging vars: found \(matches.count) resId matches for var \(describe(v)) (unable to disambiguate)")
            }
            if let i = matches.first { acc.map.resources[i].refVarNames.append(v.name) }
        }
        for v in vars {
            if acc.vars.contains(where: { $0.name == v.name }) {
                throw KitError("merging vars: var '\(v.name)' already encountered")
            }
            acc.vars.append(v)
        }
    }

    static func resolve(_ vars: [VarArgs], in map: inout ResourceMap, config: TransformerConfig) throws {
        guard !vars.isEmpty else { return }
        var values: [String: Value] = [:]
        for v in vars {
            // kustomize's findVarValueFromResources: the first object bound to the var.
            guard let target = map.resources.first(where: { $0.refVarNames.contains(v.name) }) else {
                throw KitError("var '\(describe(v))' cannot be mapped to a field in the set of known resources")
            }
            guard let value = FieldPath(v.fieldPath).get(target.value).first else {
                throw KitError("field specified in var '\(describe(v))' not found in corresponding resource")
            }
            values[v.name] = value
        }
        for i in map.resources.indices {
            let gvk = map.resources[i].gvk
            try map.resources[i].edit { value in
                for spec in config.varReference where spec.selects(gvk) {
                    try spec.apply(to: &value, createKind: nil) { node in
                        node = expandAll(node, values)
                    }
                }
            }
        }
    }

    /// Go's `%v` of a kustomize Var: `{NAME Kind.version.group {fieldPath}}`.
    static func describe(_ v: VarArgs) -> String {
        let gvk = target(v).gvk
        let kind = gvk.kind.isEmpty ? "[noKind]" : gvk.kind
        let version = gvk.version.isEmpty ? "[noVer]" : gvk.version
        let group = gvk.group.isEmpty ? "[noGrp]" : gvk.group
        return "{\(v.name) \(kind).\(version).\(group) {\(v.fieldPath)}}"
    }

    static func expandAll(_ node: Value, _ values: [String: Value]) -> Value {
        switch node {
        case .string(let s): return expand(s, values)
        case .array(let items): return .array(items.map { expandAll($0, values) })
        case .object(let o): return .object(o.mapValues { expandAll($0, values) })
        default: return node
        }
    }

    /// Kubernetes' `$(VAR)` expansion: `$$` is a literal `$`, unknown names stay as written;
    /// a string that is exactly one reference takes the var's value, whatever its type.
    static func expand(_ s: String, _ values: [String: Value]) -> Value {
        let chars = Array(s)
        if chars.count > 3, chars.first == "$", chars[1] == "(", chars.last == ")",
            let v = values[String(chars[2..<(chars.count - 1)])], !chars[2..<(chars.count - 1)].contains(")")
        {
            return v
        }
        var out = ""
        var i = 0
        while i < chars.count {
            if chars[i] == "$" && i + 1 < chars.count {
                if chars[i + 1] == "$" {
                    out.append("$")
                    i += 2
                    continue
                }
                if chars[i + 1] == "(", let close = chars[(i + 2)...].firstIndex(of: ")") {
                    let name = String(chars[(i + 2)..<close])
                    if let v = values[name] {
                        out += StrategicMerge.scalarText(v)
                    } else {
                        out += String(chars[i...close])
                    }
                    i = close + 1
                    continue
                }
            }
            out.append(chars[i])
            i += 1
        }
        return .string(out)
    }
}
