import KitCore

/// Reads a kustomization's fields with the strictness of kustomize, which decodes the file
/// with Go's encoding/json and `DisallowUnknownFields`: an unknown field or a value of the
/// wrong type is an error worded like Go's (`json: unknown field "foo"`,
/// `json: cannot unmarshal number into Go struct field Kustomization.namePrefix of type string`).
struct StrictDecoder {
    /// Go's name for the struct being read, as its messages print it: the innermost struct
    /// type, then the JSON path from the top (`Replica.replicas.count`).
    let typeName: String
    /// JSON path of this struct from the top of the document (empty at the top).
    let path: String
    var object: Object
    /// Unknown fields are dropped rather than refused: kustomize reads builtin plugin
    /// configurations with a plain `yaml.Unmarshal`, which ignores them (types still count).
    let ignoresUnknownFields: Bool

    var structPath: String { path.isEmpty ? typeName : "\(typeName).\(path)" }

    init(_ value: Value, structName: String, path: String = "", allowed: Set<String>, ignoresUnknownFields: Bool = false) throws {
        typeName = structName
        self.path = path
        self.ignoresUnknownFields = ignoresUnknownFields
        switch value {
        case .object(let o): object = o
        case .null: object = Object()
        default:
            throw KitError("json: cannot unmarshal \(StrictDecoder.jsonKind(value)) into Go value of type types.\(structName)")
        }
        // Go's encoding/json matches field names case-insensitively (an exact match first);
        // a later spelling of the same field replaces an earlier one.
        var canonical = Object()
        for (key, v) in object {
            let name: String
            if allowed.contains(key) {
                name = key
            } else if let match = allowed.first(where: { $0.lowercased() == key.lowercased() }) {
                name = match
            } else if ignoresUnknownFields {
                continue
            } else {
                throw KitError("json: unknown field \"\(key)\"")
            }
            canonical[name] = v
        }
        object = canonical
    }

    /// Go's name for a JSON value's kind in unmarshal errors.
    static func jsonKind(_ v: Value) -> String {
        switch v {
        case .null: return "null"
        case .bool: return "bool"
        case .int, .double, .decimal: return "number"
        case .string: return "string"
        case .array: return "array"
        case .object: return "object"
        }
    }

    func typeError(_ field: String, _ value: Value, _ goType: String) -> KitError {
        KitError("json: cannot unmarshal \(StrictDecoder.jsonKind(value)) into Go struct field \(structPath).\(field) of type \(goType)")
    }

    func string(_ field: String) throws -> String? {
        guard let v = object[field] else { return nil }
        switch v {
        case .null: return nil
        case .string(let s): return s
        default: throw typeError(field, v, "string")
        }
    }

    func bool(_ field: String) throws -> Bool? {
        guard let v = object[field] else { return nil }
        switch v {
        case .null: return nil
        case .bool(let b): return b
        default: throw typeError(field, v, "bool")
        }
    }

    func int(_ field: String) throws -> Int? {
        guard let v = object[field] else { return nil }
        switch v {
        case .null: return nil
        case .int(let i): return i
        case .double(let d) where d.rounded() == d: return Int(d)
        default: throw typeError(field, v, "int64")
        }
    }

    func strings(_ field: String) throws -> [String]? {
        guard let v = object[field] else { return nil }
        switch v {
        case .null: return nil
        case .array(let items):
            return try items.map { item in
                guard case .string(let s) = item else { throw typeError(field, item, "string") }
                return s
            }
        default: throw typeError(field, v, "[]string")
        }
    }

    /// A `map[string]string`, in the order written.
    func stringMap(_ field: String) throws -> [(String, String)]? {
        guard let v = object[field] else { return nil }
        switch v {
        case .null: return nil
        case .object(let o):
            return try o.map { (k, item) in
                switch item {
                case .string(let s): return (k, s)
                case .null: return (k, "")
                default: throw typeError(field, item, "string")
                }
            }
        default: throw typeError(field, v, "map[string]string")
        }
    }

    func list(_ field: String) throws -> [Value]? {
        guard let v = object[field] else { return nil }
        switch v {
        case .null: return nil
        case .array(let items): return items
        default: throw typeError(field, v, "[]types.\(field)")
        }
    }

    func value(_ field: String) -> Value? {
        guard let v = object[field], !v.isNull else { return nil }
        return v
    }

    /// The JSON path of a field of this struct.
    func fieldPath(_ field: String) -> String { path.isEmpty ? field : "\(path).\(field)" }

    func nested(_ field: String, structName: String, allowed: Set<String>) throws -> StrictDecoder? {
        guard let v = value(field) else { return nil }
        guard case .object = v else { throw typeError(field, v, "types.\(structName)") }
        return try StrictDecoder(v, structName: structName, path: fieldPath(field), allowed: allowed, ignoresUnknownFields: ignoresUnknownFields)
    }

    /// Decoder for an element (a `typeName` struct) of the list `field` of this struct.
    func element(_ v: Value, of field: String, typeName: String, allowed: Set<String>) throws -> StrictDecoder {
        guard case .object = v else {
            throw KitError(
                "json: cannot unmarshal \(StrictDecoder.jsonKind(v)) into Go struct field \(structPath).\(field) of type types.\(typeName)")
        }
        return try StrictDecoder(v, structName: typeName, path: fieldPath(field), allowed: allowed, ignoresUnknownFields: ignoresUnknownFields)
    }
}
