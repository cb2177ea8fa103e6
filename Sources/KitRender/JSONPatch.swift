import KitCore

/// RFC 6902 JSON Patch over `Value`, with the behaviour of the library kustomize uses
/// (evanphx/json-patch): `add` may use index `-` or the list length to append, `replace`
/// and `remove` need an existing target, `test` compares values as JSON.
public struct JSONPatch: Sendable {
    public struct Operation: Sendable {
        public var op: String
        public var path: String
        public var from: String?
        public var value: Value?
    }

    public var operations: [Operation]

    /// Reads a patch: a JSON array of operations, or the same written as YAML.
    public init(_ value: Value) throws {
        guard case .array(let items) = value else {
            throw KitError("json: cannot unmarshal object into Go value of type jsonpatch.Patch")
        }
        operations = try items.map { item in
            guard case .object(let o) = item else {
                throw KitError("json: cannot unmarshal \(item.typeName) into Go value of type jsonpatch.Operation")
            }
            guard case .string(let op)? = o["op"] else { throw KitError("operation missing op field") }
            let path = o["path"]?.stringValue
            return Operation(op: op, path: path ?? "", from: o["from"]?.stringValue, value: o["value"])
        }
    }

    public func apply(to document: Value) throws -> Value {
        var doc = document
        for operation in operations {
            try apply(operation, to: &doc)
        }
        return doc
    }

    func apply(_ operation: Operation, to doc: inout Value) throws {
        switch operation.op {
        case "add":
            guard let value = operation.value else { throw KitError("add operation does not apply: missing value") }
            try add(value, at: JSONPatch.pointer(operation.path), in: &doc, op: "add", path: operation.path)
        case "remove":
            _ = try remove(at: JSONPatch.pointer(operation.path), in: &doc, path: operation.path)
        case "replace":
            guard let value = operation.value else { throw KitError("replace operation does not apply: missing value") }
            let tokens = try JSONPatch.pointer(operation.path)
            if tokens.isEmpty {
                doc = value
                return
            }
            // evanphx/json-patch v4 replaces a missing object key by adding it; a missing
            // list index is an error.
            try set(value, at: tokens, in: &doc, path: operation.path)
        case "move":
            guard let from = operation.from else { throw KitError("move operation does not apply: missing from") }
            let value = try remove(at: JSONPatch.pointer(from), in: &doc, path: from)
            try add(value, at: JSONPatch.pointer(operation.path), in: &doc, op: "move", path: operation.path)
        case "copy":
            guard let from = operation.from else { throw KitError("copy operation does not apply: missing from") }
            guard let value = get(try JSONPatch.pointer(from), in: doc) else {
                throw KitError("copy operation does not apply: doc is missing from path: \(from)")
            }
            try add(value, at: JSONPatch.pointer(operation.path), in: &doc, op: "copy", path: operation.path)
        case "test":
            let actual = get(try JSONPatch.pointer(operation.path), in: doc)
            let expected = operation.value ?? .null
            // Value's == is JSON equality: numbers by value, objects regardless of key order.
            if (actual ?? .null) != expected || (actual == nil && operation.value != nil && !expected.isNull) {
                throw KitError("testing value \(operation.path) failed: test failed")
            }
        default:
            throw KitError("Unexpected kind: \(operation.op)")
        }
    }

    /// `/a/b~1c` → ["a", "b/c"].
    static func pointer(_ path: String) throws -> [String] {
        if path.isEmpty { return [] }
        guard path.hasPrefix("/") else { throw KitError("JSON pointer must be empty or start with a \"/\": \(path)") }
        return path.dropFirst().split(separator: "/", omittingEmptySubsequences: false).map {
            $0.replacingTildes()
        }
    }

    func get(_ tokens: [String], in doc: Value) -> Value? {
        var current = doc
        for t in tokens {
            switch current {
            case .object(let o):
                guard let next = o[t] else { return nil }
                current = next
            case .array(let a):
                guard let i = Int(t), i >= 0, i < a.count else { return nil }
                current = a[i]
            default:
                return nil
            }
        }
        return current
    }

    /// Replaces the value at an existing location.
    func set(_ value: Value, at tokens: [String], in doc: inout Value, path: String) throws {
        try edit(tokens.dropLast(), in: &doc, path: path) { parent in
            let last = tokens.last!
            switch parent {
            case .object(var o):
                o[last] = value
                parent = .object(o)
            case .array(var a):
                guard let i = Int(last), i >= 0, i < a.count else {
                    throw KitError("replace operation does not apply: doc is missing key: \(path)")
                }
                a[i] = value
                parent = .array(a)
            default:
                throw KitError("replace operation does not apply: doc is missing key: \(path)")
            }
        }
    }

    func add(_ value: Value, at tokens: [String], in doc: inout Value, op: String, path: String) throws {
        if tokens.isEmpty {
            doc = value
            return
        }
        try edit(tokens.dropLast(), in: &doc, path: path) { parent in
            let last = tokens.last!
            switch parent {
            case .object(var o):
                o[last] = value
                parent = .object(o)
            case .array(var a):
                if last == "-" {
                    a.append(value)
                } else {
                    guard let i = Int(last), i >= 0, i <= a.count else {
                        throw KitError("\(op) operation does not apply: doc is missing path: \"\(path)\": Unable to access invalid index: \(last)")
                    }
                    a.insert(value, at: i)
                }
                parent = .array(a)
            default:
                throw KitError("\(op) operation does not apply: doc is missing path: \"\(path)\"")
            }
        }
    }

    func remove(at tokens: [String], in doc: inout Value, path: String) throws -> Value {
        guard !tokens.isEmpty else { throw KitError("remove operation does not apply: doc is missing path: \"\(path)\"") }
        var removed: Value = .null
        try edit(tokens.dropLast(), in: &doc, path: path) { parent in
            let last = tokens.last!
            switch parent {
            case .object(var o):
                guard let v = o.removeValue(forKey: last) else {
                    throw KitError("remove operation does not apply: doc is missing key: \(path)")
                }
                removed = v
                parent = .object(o)
            case .array(var a):
                guard let i = Int(last), i >= 0, i < a.count else {
                    throw KitError("remove operation does not apply: doc is missing key: \(path): Unable to access invalid index: \(last)")
                }
                removed = a.remove(at: i)
                parent = .array(a)
            default:
                throw KitError("remove operation does not apply: doc is missing path: \"\(path)\"")
            }
        }
        return removed
    }

    /// Runs `body` on the container at `tokens`, which must exist.
    func edit(_ tokens: ArraySlice<String>, in node: inout Value, path: String, _ body: (inout Value) throws -> Void) throws {
        guard let head = tokens.first else {
            try body(&node)
            return
        }
        switch node {
        case .object(var o):
            guard let i = o.position(of: head) else {
                throw KitError("doc is missing path: \"\(path)\": missing value")
            }
            var child = o.entry(at: i).value
            node = .null
            o.setValue(.null, at: i)
            defer { node = .object(o) }
            try edit(tokens.dropFirst(), in: &child, path: path, body)
            o.setValue(child, at: i)
        case .array(var a):
            guard let i = Int(head), i >= 0, i < a.count else {
                throw KitError("doc is missing path: \"\(path)\": Unable to access invalid index: \(head)")
            }
            var child = a[i]
            node = .null
            a[i] = .null
            defer { node = .array(a) }
            try edit(tokens.dropFirst(), in: &child, path: path, body)
            a[i] = child
        default:
            throw KitError("doc is missing path: \"\(path)\": missing value")
        }
    }
}

extension Substring {
    /// RFC 6901 unescaping: `~1` → `/`, then `~0` → `~`.
    func replacingTildes() -> String {
        var out = ""
        var it = makeIterator()
        while let c = it.next() {
            if c == "~" {
                switch it.next() {
                case "1": out.append("/")
                case "0": out.append("~")
                case let other?: out.append("~"); out.append(other)
                case nil: out.append("~")
                }
            } else {
                out.append(c)
            }
        }
        return out
    }
}
