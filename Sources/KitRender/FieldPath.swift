import KitCore

/// kyaml's dotted field paths, as replacements and vars use them:
/// `spec.template.spec.containers.[name=app].image`, `spec.containers.0.image`,
/// `metadata.annotations.[a.b/c]` (brackets protect dots), `*` for every field or element.
struct FieldPath: Sendable {
    enum Segment: Sendable, Equatable {
        case field(String)
        case index(Int)
        case match(key: String, value: String)
        case wildcard
    }

    let segments: [Segment]

    init(_ text: String) {
        segments = FieldPath.split(text).flatMap { FieldPath.parse(segment: $0) }
    }

    /// kyaml's `SmarterPathSplitter`: split on dots, except a dot escaped with a backslash
    /// (`postgres-operator\.crunchydata\.com/pguser`) or inside brackets; a leading dot is
    /// ignored (`.metadata.name`); a bracketed part without `=` loses its brackets (`[a.b]`
    /// is the field `a.b`).
    static func split(_ path: String) -> [String] {
        var parts = path.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        if parts.count > 1 && parts[0].isEmpty { parts.removeFirst() }
        var unescaped: [String] = []
        for part in parts {
            if let last = unescaped.last, last.hasSuffix("\\") {
                unescaped[unescaped.count - 1] = String(last.dropLast()) + "." + part
            } else {
                unescaped.append(part)
            }
        }
        var result: [String] = []
        var i = 0
        while i < unescaped.count {
            let element = unescaped[i]
            if element.hasPrefix("[") && !element.hasSuffix("]") {
                var bracketed = [element]
                while i < unescaped.count - 1 {
                    i += 1
                    bracketed.append(unescaped[i])
                    if unescaped[i].hasSuffix("]") { break }
                }
                let joined = bracketed.joined(separator: ".")
                if joined.contains("=") {
                    result.append(joined)
                } else {
                    var trimmed = Substring(joined)
                    while trimmed.first == "[" || trimmed.first == "]" { trimmed.removeFirst() }
                    while trimmed.last == "[" || trimmed.last == "]" { trimmed.removeLast() }
                    result.append(String(trimmed))
                }
            } else {
                result.append(element)
            }
            i += 1
        }
        return result
    }

    /// `name`, `0`, `*`, `[key=value]`, `[a.b]`, and `name[0]` / `name[key=value]`.
    static func parse(segment part: String) -> [Segment] {
        if part == "*" { return [.wildcard] }
        if part.hasPrefix("[") && part.hasSuffix("]") {
            let inner = part.dropFirst().dropLast()
            if let eq = inner.firstIndex(of: "=") {
                return [.match(key: String(inner[..<eq]), value: String(inner[inner.index(after: eq)...]))]
            }
            if let i = Int(inner), i >= 0 { return [.index(i)] }
            return [.field(String(inner))]
        }
        if let open = part.firstIndex(of: "["), part.hasSuffix("]"), open != part.startIndex {
            return [.field(String(part[..<open]))] + parse(segment: String(part[open...]))
        }
        if let i = Int(part), i >= 0 { return [.index(i)] }
        return [.field(part)]
    }

    /// Every node the path reaches.
    func get(_ value: Value) -> [Value] {
        var nodes = [value]
        for segment in segments {
            var next: [Value] = []
            for node in nodes {
                switch (segment, node) {
                case (.field(let name), .object(let o)):
                    if let v = o[name] { next.append(v) }
                case (.index(let i), .array(let a)):
                    if i < a.count { next.append(a[i]) }
                case (.match(let k, let v), .array(let a)):
                    next += a.filter { FieldPath.elementMatches($0, k, v) }
                case (.wildcard, .object(let o)):
                    next += o.values
                case (.wildcard, .array(let a)):
                    next += a
                default:
                    break
                }
            }
            nodes = next
        }
        return nodes
    }

    static func elementMatches(_ element: Value, _ key: String, _ value: String) -> Bool {
        guard case .object(let o) = element, let field = o[key] else { return false }
        if value == "*" { return true }
        return StrategicMerge.scalarText(field) == value
    }

    /// Replaces every node the path reaches by `transform(old)`; with `create`, missing
    /// fields (and `[key=value]` elements) are created as needed. Returns how many nodes were set.
    @discardableResult
    func set(in value: inout Value, create: Bool, _ transform: (Value?) throws -> Value) throws -> Int {
        try FieldPath.set(&value, segments[...], create: create, transform)
    }

    private static func set(
        _ node: inout Value, _ path: ArraySlice<Segment>, create: Bool, _ transform: (Value?) throws -> Value
    ) throws -> Int {
        guard let head = path.first else {
            node = try transform(node)
            return 1
        }
        let rest = path.dropFirst()
        switch (head, node) {
        case (.field(let name), .object(var o)):
            node = .null
            defer { node = .object(o) }
            if let i = o.position(of: name) {
                var child = o.entry(at: i).value
                o.setValue(.null, at: i)
                defer { o.setValue(child, at: i) }
                return try set(&child, rest, create: create, transform)
            }
            guard create else { return 0 }
            var child: Value = rest.isEmpty ? .null : (isListSegment(rest.first!) ? .array([]) : .object(Object()))
            if rest.isEmpty {
                child = try transform(nil)
                o.appendNew(key: name, value: child)
                return 1
            }
            let n = try set(&child, rest, create: create, transform)
            o.appendNew(key: name, value: child)
            return n
        case (.field, .null) where create:
            node = .object(Object())
            return try set(&node, path, create: create, transform)
        case (.index(let i), .array(var a)):
            guard i < a.count else { return 0 }
            node = .null
            defer { node = .array(a) }
            return try set(&a[i], rest, create: create, transform)
        case (.match(let k, let v), .array(var a)):
            node = .null
            defer { node = .array(a) }
            var count = 0
            for j in a.indices where elementMatches(a[j], k, v) {
                count += try set(&a[j], rest, create: create, transform)
            }
            if count == 0 && create && v != "*" {
                var element: Value = .object(Object(uniqueKeysWithValues: [(k, Value.string(v))]))
                count = try set(&element, rest, create: create, transform)
                a.append(element)
            }
            return count
        case (.wildcard, .object(var o)):
            node = .null
            defer { node = .object(o) }
            var count = 0
            for i in 0..<o.count {
                var child = o.entry(at: i).value
                count += try set(&child, rest, create: create, transform)
                o.setValue(child, at: i)
            }
            return count
        case (.wildcard, .array(var a)):
            node = .null
            defer { node = .array(a) }
            var count = 0
            for j in a.indices { count += try set(&a[j], rest, create: create, transform) }
            return count
        default:
            return 0
        }
    }

    static func isListSegment(_ s: Segment) -> Bool {
        switch s {
        case .index, .match: return true
        default: return false
        }
    }
}
