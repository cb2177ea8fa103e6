import KitCore
import KitModel

/// Legacy `vars:` — `$(NAME)` in the fields of the var-reference field specs is replaced by a
/// field of another object, after names are final (kustomize's `ResolveVars`).
enum Vars {
    static func resolve(_ vars: [VarArgs], in map: inout ResourceMap, config: TransformerConfig) throws {
        guard !vars.isEmpty else { return }
        var values: [String: Value] = [:]
        for v in vars {
            let ref = v.objref
            let gvk = GroupVersionKind(apiVersion: ref["apiVersion"]?.stringValue ?? "", kind: ref["kind"]?.stringValue ?? "")
            let name = ref["name"]?.stringValue ?? ""
            let namespace = ref["namespace"]?.stringValue ?? ""
            let wanted = ResourceID(gvk: gvk, name: name, namespace: namespace)
            let matches = map.resources.filter { r in
                ([r.id] + r.previousIDs).contains { id in
                    (gvk.group.isEmpty || id.gvk.group == gvk.group) && (gvk.version.isEmpty || id.gvk.version == gvk.version)
                        && id.gvk.kind == gvk.kind && id.name == name
                        && (namespace.isEmpty || id.effectiveNamespace == wanted.effectiveNamespace)
                }
            }
            if matches.count > 1 {
                throw KitError("found \(matches.count) resId matches for var \(describe(v)) (unable to disambiguate)")
            }
            guard let target = matches.first else {
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

    static func describe(_ v: VarArgs) -> String {
        "{\(v.name) \(v.objref["kind"]?.stringValue ?? "") \(v.objref["name"]?.stringValue ?? "") {\(v.fieldPath)}}"
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
