import KitCore

/// What a strategic-merge patch needs to know about a field: how lists merge there.
public protocol MergeSchema: Sendable {
    /// The schema of an object field, or of a map's values (`additionalProperties`).
    func field(_ name: String) -> MergeSchema?
    /// The schema of list elements.
    var elements: MergeSchema? { get }
    /// `x-kubernetes-patch-strategy`, e.g. `merge` or `merge,retainKeys`; empty when none.
    var patchStrategy: String { get }
    /// `x-kubernetes-list-map-keys` if present, else `[x-kubernetes-patch-merge-key]`, else `[]`.
    var mergeKeys: [String] { get }
}

/// Strategic merge as kustomize v5 does it (kyaml's `merge2` with patch elements prepended),
/// which is not apimachinery's strategic merge:
///
/// - maps merge key by key; a patch value `null` deletes the field; `$patch: delete` deletes
///   the map, `$patch: replace` replaces it;
/// - a list whose schema says `patchStrategy: merge` merges its elements by the merge keys
///   (elements named in the patch come first, in patch order, then the others in their order);
///   `$patch: delete` in an element deletes it; an element `{$patch: replace}` makes the patch
///   list replace the original; a list of scalars with that strategy becomes the union;
/// - every other list (no schema, or no merge strategy) is replaced by the patch's list.
/// Fields whose names start with `$` but are not `$patch` are ordinary fields to kustomize.
enum StrategicMerge {
    static func merge(patch: Value, into target: Value, schema: MergeSchema?) throws -> Value? {
        try mergeNode(dest: target, origin: patch, schema: schema)
    }

    enum Directive { case merge, delete, replace }

    /// kyaml's `determineSmpDirective` for a map: reads and removes `$patch`.
    static func mapDirective(_ origin: inout Object) throws -> Directive {
        guard let v = origin["$patch"] else { return .merge }
        let text = v.stringValue ?? ""
        origin["$patch"] = nil
        switch text {
        case "delete": return .delete
        case "replace": return .replace
        case "merge": return .merge
        default: throw KitError("unknown patch strategy '\(text)'")
        }
    }

    /// The list form: an element that is exactly `{$patch: …}` applies to the list.
    static func listDirective(_ origin: inout [Value]) throws -> Directive {
        guard let i = origin.firstIndex(where: { if case .object(let o) = $0 { return o["$patch"] != nil } else { return false } }),
            case .object(let element) = origin[i], element.count == 1
        else { return .merge }
        let text = element["$patch"]?.stringValue ?? ""
        origin.remove(at: i)
        switch text {
        case "delete": return .delete
        case "replace": return .replace
        case "merge": return .merge
        default: throw KitError("unknown patch strategy '\(text)'")
        }
    }

    static func isMissingOrNull(_ v: Value?) -> Bool {
        guard let v else { return true }
        if case .null = v { return true }
        return false
    }

    static func kindName(_ v: Value) -> String {
        switch v {
        case .object: return "MappingNode"
        case .array: return "SequenceNode"
        default: return "ScalarNode"
        }
    }

    /// One walker step: nil means "remove this node".
    static func mergeNode(dest: Value?, origin: Value?, schema: MergeSchema?) throws -> Value? {
        let first = [dest, origin].compactMap { $0 }.first { !isMissingOrNull($0) }
        switch first {
        case .some(.object):
            for v in [dest, origin] {
                if let v, !isMissingOrNull(v), case .object = v {} else if let v, !isMissingOrNull(v) {
                    throw KitError("wrong node kind: expected MappingNode but got \(kindName(v)): node contents:\n\(v)")
                }
            }
            return try mergeMap(dest: dest, origin: origin, schema: schema)
        case .some(.array):
            for v in [dest, origin] {
                if let v, !isMissingOrNull(v), case .array = v {} else if let v, !isMissingOrNull(v) {
                    throw KitError("wrong node kind: expected SequenceNode but got \(kindName(v))")
                }
            }
            return try mergeList(dest: dest, origin: origin, schema: schema)
        case .some:
            for v in [dest, origin] {
                if let v, !isMissingOrNull(v) {
                    switch v {
                    case .object, .array: throw KitError("wrong node kind: expected ScalarNode but got \(kindName(v))")
                    default: break
                    }
                }
            }
            // A scalar: the patch's value wins, even null (which then removes the field).
            if let origin { return origin }
            return dest
        case .none:
            // Only nulls or nothing: walked as maps.
            return try mergeMap(dest: dest, origin: origin, schema: schema)
        }
    }

    static func mergeMap(dest: Value?, origin: Value?, schema: MergeSchema?) throws -> Value? {
        var originObject: Object? = nil
        if case .object(let o)? = origin { originObject = o }
        var base: Object
        if isMissingOrNull(dest) {
            if var o = originObject {
                if try mapDirective(&o) == .delete { return nil }
                originObject = o
                base = o
            } else {
                // Both absent or null: keep an explicit null of the destination.
                if let dest, case .null = dest { return dest }
                return origin
            }
        } else {
            if let origin, case .null = origin { return nil }
            guard case .object(let d)? = dest else { return dest }
            if var o = originObject {
                switch try mapDirective(&o) {
                case .delete: return nil
                case .replace: return .object(o)
                case .merge: break
                }
                originObject = o
            }
            base = d
        }
        // Walk every field of either side, in sorted order (kyaml's fieldNames).
        var names = Set(base.keys)
        if let o = originObject { names.formUnion(o.keys) }
        for name in names.sorted(by: utf8Less) {
            let patchValue = originObject?[name]
            let merged = try mergeNode(dest: base[name], origin: patchValue, schema: schema?.field(name))
            switch merged {
            case .none:
                base[name] = nil
            case .some(.null) where patchValue != nil:
                base[name] = nil  // the patch says null: remove the field
            case .some(let v):
                base[name] = v  // (an explicit null of the original is kept)
            }
        }
        return .object(base)
    }

    static func isAssociative(_ schema: MergeSchema?) -> Bool {
        guard let schema else { return false }
        return schema.patchStrategy.split(separator: ",").contains("merge")
    }

    static func mergeList(dest: Value?, origin: Value?, schema: MergeSchema?) throws -> Value? {
        guard isAssociative(schema) else {
            // Non-associative: the patch's list replaces the original.
            if let origin { return origin }
            return dest
        }
        var originItems: [Value]? = nil
        if case .array(let a)? = origin { originItems = a }
        var destItems: [Value]
        if isMissingOrNull(dest) {
            return origin
        }
        if let origin, case .null = origin { return nil }
        guard case .array(let d)? = dest else { return dest }
        destItems = d
        if var o = originItems {
            switch try listDirective(&o) {
            case .delete: throw KitError("delete directives are not supported for lists")
            case .replace: destItems = o
            case .merge: break
            }
            originItems = o
        }
        let keys = schema?.mergeKeys ?? []
        let elementSchema = schema?.elements
        if keys.isEmpty {
            return .array(try mergePrimitiveList(destItems, originItems ?? [], elementSchema))
        }
        return .array(try mergeAssociativeList(destItems, originItems ?? [], keys: keys, elementSchema))
    }

    /// Scalars: the union, patch values first (kustomize prepends the patch's items).
    static func mergePrimitiveList(_ dest: [Value], _ origin: [Value], _ schema: MergeSchema?) throws -> [Value] {
        var result: [Value] = []
        var seen: [String] = []
        for item in origin + dest {
            let key = scalarText(item)
            if seen.contains(key) { continue }
            seen.append(key)
            result.append(item)
        }
        return result
    }

    static func scalarText(_ v: Value) -> String {
        switch v {
        case .string(let s): return s
        case .null: return ""
        case .bool(let b): return b ? "true" : "false"
        case .int, .double, .decimal: return YAMLOutputRules.numberText(v) ?? ""
        default: return "\(v)"
        }
    }

    /// The values of `keys` in an element ("" when missing).
    static func keyValues(_ element: Value, _ keys: [String]) -> [String] {
        guard case .object(let o) = element else { return keys.map { _ in "" } }
        return keys.map { k in o[k].map(scalarText) ?? "" }
    }

    static func elementMatches(_ element: Value, keys: [String], values: [String]) -> Bool {
        guard case .object(let o) = element else { return false }
        for (k, v) in zip(keys, values) {
            guard let field = o[k], scalarText(field) == v else { return false }
        }
        return true
    }

    /// Maps merged by their keys, elements of the patch first.
    static func mergeAssociativeList(_ dest: [Value], _ origin: [Value], keys: [String], _ schema: MergeSchema?) throws
        -> [Value]
    {
        // Key values of every element, patch first, without repeats.
        var valuesList: [[String]] = []
        for item in origin + dest {
            let v = keyValues(item, keys)
            if !valuesList.contains(v) { valuesList.append(v) }
        }
        var result: [Value] = []
        var remainingDest = dest
        for values in valuesList {
            // Use only the keys this element has (kyaml's validateKeys).
            var validKeys: [String] = [], validValues: [String] = []
            for (k, v) in zip(keys, values) where !v.isEmpty {
                validKeys.append(k)
                validValues.append(v)
            }
            if validKeys.isEmpty {
                validKeys = keys
                validValues = values
            }
            let destElement = remainingDest.first { elementMatches($0, keys: validKeys, values: validValues) }
            let originElement = origin.first { elementMatches($0, keys: validKeys, values: validValues) }
            let merged = try mergeNode(dest: destElement, origin: originElement, schema: schema)
            remainingDest.removeAll { elementMatches($0, keys: validKeys, values: validValues) }
            guard var m = merged, !isMissingOrNull(m) else { continue }
            if case .object(var o) = m {
                if o.isEmpty { continue }
                for (k, v) in zip(validKeys, validValues) where o[k] == nil { o[k] = .string(v) }
                m = .object(o)
            }
            result.removeAll { elementMatches($0, keys: validKeys, values: validValues) }
            result.append(m)
        }
        return result
    }
}
