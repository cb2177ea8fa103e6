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

    enum Directive {
        case merge, delete, replace

        init(_ text: String) throws {
            switch text {
            case "delete": self = .delete
            case "replace": self = .replace
            case "merge": self = .merge
            default: throw KitError("unknown patch strategy '\(text)'")
            }
        }
    }

    /// kyaml's `determineSmpDirective` for a map: reads and removes `$patch`.
    static func mapDirective(_ origin: inout Object) throws -> Directive {
        guard let v = origin["$patch"] else { return .merge }
        let text = v.stringValue ?? ""
        origin["$patch"] = nil
        return try Directive(text)
    }

    /// The list form: an element that is exactly `{$patch: …}` applies to the list.
    static func listDirective(_ origin: inout [Value]) throws -> Directive {
        guard let i = origin.firstIndex(where: { if case .object(let o) = $0 { return o["$patch"] != nil } else { return false } }),
            case .object(let element) = origin[i], element.count == 1
        else { return .merge }
        let text = element["$patch"]?.stringValue ?? ""
        origin.remove(at: i)
        return try Directive(text)
    }

    static func isMissingOrNull(_ v: Value?) -> Bool {
        guard let v else { return true }
        if case .null = v { return true }
        return false
    }

    /// A patch node and an object node of different kinds where they must agree. Names the path
    /// (into the patch, from its top) and the kinds, never the values: a Secret's data may be one.
    struct KindMismatch: Error {
        var expected: String
        var found: String
        var path: [PathComponent] = []

        var pathText: String {
            var text = ""
            for step in path {
                switch step {
                case .key(let k): text += text.isEmpty ? k : "." + k
                case .index(let i): text += "[\(i)]"
                }
            }
            return text
        }
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
        // Most of an object is untouched by a patch; kyaml walks it anyway, and so would we,
        // rebuilding every map, unless nothing there can change.
        if origin == nil, let dest, unchangedWithoutPatch(dest, schema: schema) {
            assert((try? walkNode(dest: dest, origin: nil, schema: schema)) == dest, "unchangedWithoutPatch is wrong for \(dest)")
            return dest
        }
        return try walkNode(dest: dest, origin: origin, schema: schema)
    }

    /// Whether walking `dest` with no patch gives `dest` back. That holds except where an
    /// associative list below it has elements kyaml's list merge rewrites (repeated keys,
    /// elements without a key, empty maps); this answers conservatively, by reading only.
    static func unchangedWithoutPatch(_ dest: Value, schema: MergeSchema?) -> Bool {
        switch dest {
        case .object(let o):
            for (key, child) in o where !unchangedWithoutPatch(child, schema: schema?.field(key)) { return false }
            return true
        case .array(let items):
            guard let schema, isAssociative(schema) else { return true }
            let keys = schema.mergeKeys
            guard keys.count <= 1 else { return false }
            var seen: Set<String> = []
            for item in items {
                let identity: Value?
                if let key = keys.first {
                    guard case .object(let o) = item, !o.isEmpty else { return false }
                    identity = o[key]
                    if !unchangedWithoutPatch(item, schema: schema.elements) { return false }
                } else {
                    identity = item
                }
                switch identity {
                case .none, .some(.null), .some(.object), .some(.array): return false
                case .some(let v):
                    let text = scalarText(v)
                    guard !text.isEmpty, seen.insert(text).inserted else { return false }
                }
            }
            return true
        default:
            return true
        }
    }

    static func walkNode(dest: Value?, origin: Value?, schema: MergeSchema?) throws -> Value? {
        let first = [dest, origin].compactMap { $0 }.first { !isMissingOrNull($0) }
        switch first {
        case .some(.object):
            for v in [dest, origin] {
                if let v, !isMissingOrNull(v), case .object = v {} else if let v, !isMissingOrNull(v) {
                    throw KindMismatch(expected: "MappingNode", found: kindName(v))
                }
            }
            return try mergeMap(dest: dest, origin: origin, schema: schema)
        case .some(.array):
            for v in [dest, origin] {
                if let v, !isMissingOrNull(v), case .array = v {} else if let v, !isMissingOrNull(v) {
                    throw KindMismatch(expected: "SequenceNode", found: kindName(v))
                }
            }
            return try mergeList(dest: dest, origin: origin, schema: schema)
        case .some:
            for v in [dest, origin] {
                if let v, !isMissingOrNull(v) {
                    switch v {
                    case .object, .array: throw KindMismatch(expected: "ScalarNode", found: kindName(v))
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
            let merged: Value?
            do {
                merged = try mergeNode(dest: base[name], origin: patchValue, schema: schema?.field(name))
            } catch var mismatch as KindMismatch {
                mismatch.path.insert(.key(name), at: 0)
                throw mismatch
            }
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
        if let origin, case .null = origin, !isMissingOrNull(dest) { return nil }
        var originItems: [Value] = []
        if case .array(let a)? = origin { originItems = a }
        var destItems: [Value]
        if isMissingOrNull(dest) {
            // kyaml walks on with the patch's list as the destination.
            guard case .array(let a)? = origin else { return origin }
            destItems = a
        } else {
            guard case .array(let d)? = dest else { return dest }
            destItems = d
            switch try listDirective(&originItems) {
            case .delete: throw KitError("delete directives are not supported for lists")
            case .replace: destItems = originItems
            case .merge: break
            }
        }
        let keys = schema?.mergeKeys ?? []
        return .array(try AssociativeList.merge(dest: destItems, origin: originItems, keys: keys, schema: schema?.elements))
    }

    /// Walks one node and says whether kyaml's result is the destination node itself (merged
    /// in place), which matters because kyaml re-inserts destination list elements at the end.
    static func mergeTracked(dest: Value?, origin: Value?, schema: MergeSchema?) throws -> (Value?, Bool) {
        let merged = try mergeNode(dest: dest, origin: origin, schema: schema)
        guard let dest, !isMissingOrNull(dest) else { return (merged, false) }
        switch dest {
        case .object:
            if let origin, case .object(let o) = origin, o["$patch"]?.stringValue == "replace" { return (merged, false) }
            if let origin, case .null = origin { return (merged, false) }
            return (merged, merged != nil)
        case .array:
            return (merged, origin == nil || !isAssociative(schema) ? origin == nil : true)
        default:
            return (merged, origin == nil)
        }
    }
}

/// kyaml's merge of associative lists (walk/associative_sequence.go), ported step by step
/// because its quirks decide the output: elements are identified by their merge-key values,
/// values that differ only by a missing key are unified, patch elements come first, and the
/// original elements are finally re-inserted by key — which is why a patch element that names
/// a port without its protocol, where the original has one, leaves the original unchanged.
enum AssociativeList {
    static func merge(dest destIn: [Value], origin: [Value], keys inputKeys: [String], schema: MergeSchema?) throws -> [Value] {
        var dest = destIn
        var keys = inputKeys
        var valuesList: [[String]]
        if keys.isEmpty {
            // A list of scalars with strategy merge (finalizers): key "" means the value itself.
            keys = [""]
            valuesList = primitiveValues(origin + dest)
        } else {
            valuesList = elementValues(origin + dest, keys)
            if keys.count > 1 { valuesList = mergeValues(valuesList) }
        }
        var items: [Value] = []
        var validKeys: [String] = [], validValues: [String] = []
        for values in valuesList where !values.isEmpty {
            (validKeys, validValues) = validateKeys(valuesList, values, keys)
            let (lookupKeys, lookupValues) = validateKeys([validValues], validValues, validKeys)
            let destIndex = elementList(dest, lookupKeys, lookupValues)
            let originIndex = elementList(origin, lookupKeys, lookupValues)
            var (val, isDest): (Value?, Bool)
            do {
                (val, isDest) = try StrategicMerge.mergeTracked(
                    dest: destIndex.map { dest[$0] }, origin: originIndex.map { origin[$0] }, schema: schema)
            } catch var mismatch as StrategicMerge.KindMismatch {
                mismatch.path.insert(.index(originIndex ?? destIndex ?? 0), at: 0)
                throw mismatch
            }
            if let v = val, isDest, let i = destIndex { dest[i] = v }
            guard var v = val, !StrategicMerge.isMissingOrNull(v), !isEmptyMap(v) else {
                dest = elementSetter(dest, element: nil, keys: validKeys, values: validValues)
                continue
            }
            for (i, key) in validKeys.enumerated() where key != "" && validValues[i] != "" {
                if case .object(var o) = v, o[key] == nil {
                    o[key] = .string(validValues[i])
                    v = .object(o)
                    if isDest, let d = destIndex { dest[d] = v }
                }
            }
            val = v
            items = elementSetter(items, element: v, keys: validKeys, values: validValues)
        }
        if valuesList.isEmpty { return dest }
        return appendList(items, dest, validKeys)
    }

    /// Merge-key values of each element (`""` for a missing key), without repeats.
    static func elementValues(_ elements: [Value], _ keys: [String]) -> [[String]] {
        var result: [[String]] = []
        for element in elements {
            let values = keys.map { key -> String in
                guard case .object(let o) = element, let field = o[key], !isNilOrEmpty(field) else { return "" }
                return StrategicMerge.scalarText(field)
            }
            if !result.contains(values) { result.append(values) }
        }
        return result
    }

    static func primitiveValues(_ elements: [Value]) -> [[String]] {
        var result: [[String]] = []
        var seen: Set<String> = []
        for element in elements {
            let text = StrategicMerge.scalarText(element)
            if seen.insert(text).inserted { result.append([text]) }
        }
        return result
    }

    /// Values that agree except where one side lacks a key become the same values.
    /// (Go's range loops read each element when they reach it, so updates made earlier in
    /// the loops are seen by later iterations; the indices below do the same.)
    static func mergeValues(_ input: [[String]]) -> [[String]] {
        var list = input
        for i in list.indices {
            let values1 = list[i]
            for j in list.indices {
                if let merged = match(values1, list[j]) {
                    list[i] = merged
                    list[j] = merged
                }
            }
        }
        return list
    }

    static func match(_ a: [String], _ b: [String]) -> [String]? {
        guard a.count == b.count else { return nil }
        var common = false
        var result: [String] = []
        for i in a.indices {
            if a[i] == b[i] {
                common = true
                result.append(a[i])
                continue
            }
            if !a[i].isEmpty && !b[i].isEmpty { return nil }
            result.append(a[i].isEmpty ? b[i] : a[i])
        }
        return common ? result : nil
    }

    /// The keys that have a value somewhere in `valuesList`, and this element's values for them.
    static func validateKeys(_ valuesList: [[String]], _ values: [String], _ keys: [String]) -> ([String], [String]) {
        var present: Set<String> = []
        for vs in valuesList {
            for (i, v) in vs.enumerated() where !v.isEmpty && i < keys.count { present.insert(keys[i]) }
        }
        if present.isEmpty { return (keys, values) }
        let validKeys = keys.filter { present.contains($0) }
        var validValues: [String] = []
        for (i, v) in values.enumerated() where !v.isEmpty || (i < keys.count && present.contains(keys[i])) {
            validValues.append(v)
        }
        return (validKeys, validValues)
    }

    /// kyaml's `ElementList`: the first element whose key fields exist with exactly these values.
    static func elementList(_ list: [Value], _ keys: [String], _ values: [String]) -> Int? {
        if keys.isEmpty || keys[0].isEmpty {
            let wanted = values.first ?? ""
            return list.firstIndex { e in
                if case .object = e { return false }
                if case .array = e { return false }
                return StrategicMerge.scalarText(e) == wanted
            }
        }
        guard keys.count == values.count else { return nil }
        return list.firstIndex { e in
            guard case .object(let o) = e else { return false }
            for (k, v) in zip(keys, values) {
                guard let field = o[k], StrategicMerge.scalarText(field) == v else { return false }
            }
            return true
        }
    }

    /// kyaml's `ElementSetter`: rebuilds the list dropping null and empty-map elements,
    /// replacing (or, with no element, deleting) the elements matching the keys, and appending
    /// the element when none matched. A key with value `""` only has to be present.
    static func elementSetter(_ list: [Value], element: Value?, keys: [String], values: [String]) -> [Value] {
        var out: [Value] = []
        var found = false
        for e in list {
            if StrategicMerge.isMissingOrNull(e) || isEmptyMap(e) { continue }
            let isMap: Bool
            if case .object = e { isMap = true } else { isMap = false }
            if !isMap && keys.first != "" {
                out.append(e)
                continue
            }
            var matched = true
            var lastMatch = false
            for j in keys.indices {
                if j < values.count { lastMatch = fieldMatches(e, keys[j], values[j]) }
                if !lastMatch {
                    matched = false
                    break
                }
            }
            if !matched {
                if !values.isEmpty { out.append(e) }
                continue
            }
            found = true
            if let element { out.append(element) }
        }
        guard let element, !StrategicMerge.isMissingOrNull(element) else { return out }
        if !found { out.append(element) }
        return out
    }

    static func fieldMatches(_ e: Value, _ key: String, _ value: String) -> Bool {
        if key.isEmpty {
            switch e {
            case .object, .array: return false
            default: return StrategicMerge.scalarText(e) == value
            }
        }
        guard case .object(let o) = e, let field = o[key] else { return false }
        return value.isEmpty || StrategicMerge.scalarText(field) == value
    }

    /// kyaml's `appendListNode(dst, src, keys)`: src elements are put into dst by key.
    static func appendList(_ dstIn: [Value], _ src: [Value], _ keys: [String]) -> [Value] {
        var dst = dstIn
        for e in src {
            if keys.first == "" || keys.isEmpty {
                dst = elementSetter(dst, element: e, keys: [""], values: [StrategicMerge.scalarText(e)])
                continue
            }
            var values: [String] = []
            for key in keys {
                guard case .object(let o) = e, let field = o[key] else {
                    dst.append(e)  // no key: appended as is (kyaml continues with the next key)
                    continue
                }
                values.append(StrategicMerge.scalarText(field))
            }
            if keys.count > 1 { dst = elementSetter(dst, element: nil, keys: keys, values: values) }
            dst = elementSetter(dst, element: e, keys: keys, values: values)
        }
        return dst
    }

    static func isEmptyMap(_ v: Value) -> Bool {
        if case .object(let o) = v { return o.isEmpty }
        return false
    }

    static func isNilOrEmpty(_ v: Value) -> Bool {
        switch v {
        case .null: return true
        case .object(let o): return o.isEmpty
        case .array(let a): return a.isEmpty
        default: return false
        }
    }
}

extension StrategicMerge {
    /// A scalar's text as kyaml compares it (numbers as YAML prints them).
    static func scalarText(_ v: Value) -> String {
        switch v {
        case .string(let s): return s
        case .null: return ""
        case .bool(let b): return b ? "true" : "false"
        case .int, .double, .decimal: return YAMLOutputRules.numberText(v) ?? ""
        default: return ""
        }
    }
}
