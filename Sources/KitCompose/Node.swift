import KitCore

/// A value read from a compose or ecs-params file, with where each part of it is written.
///
/// Every step after reading (interpolation, merging, `extends`, validation, conversion) works on
/// nodes, so that a problem found late still points at the line it comes from. `value` gives
/// the plain `Value` back.
public struct Node: Sendable {
    public enum Content: Sendable {
        /// null, a boolean, a number or a string.
        case scalar(Value)
        case array([Node])
        case object(NodeObject)
    }

    public var content: Content
    /// Where the node starts.
    public var location: SourceLocation

    public init(_ content: Content, at location: SourceLocation) {
        self.content = content
        self.location = location
    }

    public init(scalar: Value, at location: SourceLocation) {
        self.init(.scalar(scalar), at: location)
    }

    /// A node for `value` whose parts all point at `location` (for values kit makes itself).
    public init(value: Value, at location: SourceLocation) {
        switch value {
        case .array(let items):
            self.init(.array(items.map { Node(value: $0, at: location) }), at: location)
        case .object(let object):
            var o = NodeObject()
            for (k, v) in object { o.set(k, Node(value: v, at: location), keyLocation: location) }
            self.init(.object(o), at: location)
        default:
            self.init(.scalar(value), at: location)
        }
    }

    /// A node for a document read with positions; parts without a position take `fallback`'s.
    public init(value: Value, positions: PositionTree?, fallback: SourceLocation) {
        let here = positions?.location ?? fallback
        switch value {
        case .array(let items):
            var nodes: [Node] = []
            nodes.reserveCapacity(items.count)
            for (i, item) in items.enumerated() {
                let child = positions.flatMap { i < $0.elements.count ? $0.elements[i] : nil }
                nodes.append(Node(value: item, positions: child, fallback: here))
            }
            self.init(.array(nodes), at: here)
        case .object(let object):
            var o = NodeObject(minimumCapacity: object.count)
            for (i, (k, v)) in object.enumerated() {
                let child = positions.flatMap { i < $0.members.count ? $0.members[i] : nil }
                let keyLocation = positions.flatMap { i < $0.keys.count ? $0.keys[i] : nil } ?? here
                o.set(k, Node(value: v, positions: child, fallback: here), keyLocation: keyLocation)
            }
            self.init(.object(o), at: here)
        default:
            self.init(.scalar(value), at: here)
        }
    }

    /// The plain value, positions dropped.
    public var value: Value {
        switch content {
        case .scalar(let v): return v
        case .array(let items): return .array(items.map(\.value))
        case .object(let o):
            var object = Object(minimumCapacity: o.count)
            for e in o.entries { object.appendNew(key: e.key, value: e.value.value) }
            return .object(object)
        }
    }

    public var isNull: Bool {
        if case .scalar(.null) = content { return true }
        return false
    }

    public var string: String? {
        if case .scalar(.string(let s)) = content { return s }
        return nil
    }

    public var scalar: Value? {
        if case .scalar(let v) = content { return v }
        return nil
    }

    public var array: [Node]? {
        if case .array(let a) = content { return a }
        return nil
    }

    public var object: NodeObject? {
        if case .object(let o) = content { return o }
        return nil
    }

    /// Member lookup on objects.
    public subscript(key: String) -> Node? {
        object?[key]
    }

    /// The source text of a scalar written at `location` in `bytes` (a number's literal, such as
    /// `3.10` or `1.0`, which its value alone would not give back): from the location to the
    /// first blank, comment, comma or closing bracket.
    static func scalarText(at location: SourceLocation, in bytes: [UInt8]) -> String? {
        var line = 1, i = 0
        while i < bytes.count && line < location.line {
            if bytes[i] == 10 { line += 1 }
            i += 1
        }
        var column = 1
        while i < bytes.count && column < location.column && bytes[i] != 10 {
            i += 1
            while i < bytes.count && bytes[i] & 0xC0 == 0x80 { i += 1 }
            column += 1
        }
        var end = i
        while end < bytes.count, !([10, 13, 32, 9, 35, 44, 93, 125] as [UInt8]).contains(bytes[end]) { end += 1 }
        return end > i ? String(decoding: bytes[i..<end], as: UTF8.self) : nil
    }

    /// The JSON type name used in messages (`string`, `number`, `boolean`, `null`, `array`, `object`).
    public var typeName: String {
        switch content {
        case .scalar(let v): return v.typeName
        case .array: return "array"
        case .object: return "object"
        }
    }
}

/// An ordered mapping of nodes that remembers where each key is written.
public struct NodeObject: Sendable {
    public struct Entry: Sendable {
        public var key: String
        public var keyLocation: SourceLocation
        public var value: Node
    }

    public private(set) var entries: [Entry] = []
    /// Key positions, kept once the object is big enough for linear search to hurt.
    private var index: [String: Int]? = nil

    public init() {}

    public init(minimumCapacity: Int) {
        entries.reserveCapacity(minimumCapacity)
    }

    public var count: Int { entries.count }
    public var isEmpty: Bool { entries.isEmpty }
    public var keys: [String] { entries.map(\.key) }

    public func position(of key: String) -> Int? {
        if let index { return index[key] }
        for i in entries.indices where entries[i].key == key { return i }
        return nil
    }

    public subscript(key: String) -> Node? {
        position(of: key).map { entries[$0].value }
    }

    /// The entry for `key`, with its key's location.
    public func entry(_ key: String) -> Entry? {
        position(of: key).map { entries[$0] }
    }

    /// Replaces the value of `key` (keeping its place and key location) or appends it.
    public mutating func set(_ key: String, _ value: Node, keyLocation: SourceLocation? = nil) {
        if let i = position(of: key) {
            entries[i].value = value
            if let keyLocation { entries[i].keyLocation = keyLocation }
            return
        }
        entries.append(Entry(key: key, keyLocation: keyLocation ?? value.location, value: value))
        if index != nil {
            index![key] = entries.count - 1
        } else if entries.count > 16 {
            rebuildIndex()
        }
    }

    @discardableResult
    public mutating func remove(_ key: String) -> Node? {
        guard let i = position(of: key) else { return nil }
        let old = entries.remove(at: i).value
        if index != nil { rebuildIndex() }
        return old
    }

    /// Keeps the entries for which `keep` is true.
    public mutating func filter(_ keep: (Entry) -> Bool) {
        entries.removeAll { !keep($0) }
        if index != nil { rebuildIndex() }
    }

    /// Changes every value in place.
    public mutating func updateValues(_ body: (String, inout Node) throws -> Void) rethrows {
        for i in entries.indices { try body(entries[i].key, &entries[i].value) }
    }

    /// The entries sorted by key (byte order).
    public mutating func sortByKey() {
        entries.sort { utf8Less($0.key, $1.key) }
        if index != nil { rebuildIndex() }
    }

    private mutating func rebuildIndex() {
        guard entries.count > 16 else {
            index = nil
            return
        }
        var fresh: [String: Int] = [:]
        fresh.reserveCapacity(entries.count)
        for (i, e) in entries.enumerated() { fresh[e.key] = i }
        index = fresh
    }
}

/// A compose key path as users write it in messages: `services.web.ports[0]`.
public struct KeyPath: Sendable, Hashable, CustomStringConvertible {
    public var components: [PathComponent]

    public init(_ components: [PathComponent] = []) {
        self.components = components
    }

    public func appending(_ key: String) -> KeyPath {
        KeyPath(components + [.key(key)])
    }

    public func appending(_ index: Int) -> KeyPath {
        KeyPath(components + [.index(index)])
    }

    public static func / (path: KeyPath, key: String) -> KeyPath { path.appending(key) }
    public static func / (path: KeyPath, index: Int) -> KeyPath { path.appending(index) }

    public var description: String {
        var text = ""
        for c in components {
            switch c {
            case .key(let k):
                if !text.isEmpty { text += "." }
                text += k
            case .index(let i):
                text += "[\(i)]"
            }
        }
        return text
    }
}
