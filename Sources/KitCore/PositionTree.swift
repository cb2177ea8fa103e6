/// Source positions for a parsed document, kept beside the `Value` rather than inside it so
/// that values stay compact (a 100k-pod snapshot has no use for positions).
///
/// The tree mirrors the value: `elements[i]` is the node of array element `i`, `members[i]`
/// the node of the object's `i`-th entry (in key order) and `keys[i]` where that key is written.
public final class PositionTree: @unchecked Sendable {
    public let location: SourceLocation
    public internal(set) var elements: [PositionTree] = []
    public internal(set) var members: [PositionTree] = []
    public internal(set) var keys: [SourceLocation] = []

    public init(location: SourceLocation) {
        self.location = location
    }

    /// The position of the node reached by `path` from `root` (object keys and array
    /// indices), or of the deepest node on the path that exists. With `key`, a path ending in
    /// an object key gives where that key is written rather than its value.
    public func location(of path: [PathComponent], in root: Value, key: Bool = false) -> SourceLocation {
        var node = self
        var value = root
        for (n, step) in path.enumerated() {
            switch (step, value) {
            case (.key(let k), .object(let o)):
                guard let i = o.position(of: k), i < node.members.count else { return node.location }
                if key && n == path.count - 1 && i < node.keys.count { return node.keys[i] }
                node = node.members[i]
                value = o.entry(at: i).value
            case (.index(let i), .array(let a)):
                guard i >= 0, i < a.count, i < node.elements.count else { return node.location }
                node = node.elements[i]
                value = a[i]
            default:
                return node.location
            }
        }
        return node.location
    }

    /// Where the key `keys.last` is written, in the first object (in document order) reached
    /// from `root` by the keys before it, passing through array elements on the way:
    /// `["images", "newTagz"]` finds a `newTagz` key in any element of `images`. Nil when
    /// there is none. Errors that name a field but not its position use it (a strict
    /// decoder knows the struct path of an unknown field, not the index of the element).
    public func keyLocation(matching keys: [String], in root: Value) -> SourceLocation? {
        guard let last = keys.last else { return nil }
        return keyLocation(keys.dropLast()[...], last, root)
    }

    private func keyLocation(_ keys: ArraySlice<String>, _ last: String, _ value: Value) -> SourceLocation? {
        switch value {
        case .array(let items):
            for (i, item) in items.enumerated() where i < elements.count {
                if let found = elements[i].keyLocation(keys, last, item) { return found }
            }
            return nil
        case .object(let o):
            let key = keys.first ?? last
            guard let i = o.position(of: key) else { return nil }
            if keys.isEmpty { return i < self.keys.count ? self.keys[i] : nil }
            guard i < members.count else { return nil }
            return members[i].keyLocation(keys.dropFirst(), last, o.entry(at: i).value)
        default:
            return nil
        }
    }
}

/// One step of a path into a value.
public enum PathComponent: Sendable, Hashable, CustomStringConvertible {
    case key(String)
    case index(Int)

    public var description: String {
        switch self {
        case .key(let k): return k
        case .index(let i): return "[\(i)]"
        }
    }

    /// `spec.containers[0].name`: keys joined by dots, indices in brackets, characters that
    /// are not printable written as `\u{…}` escapes (a message stays one clean line).
    public static func text<S: Sequence>(of path: S) -> String where S.Element == PathComponent {
        var text = ""
        for step in path {
            switch step {
            case .key(let k): text += (text.isEmpty ? "" : ".") + k
            case .index(let i): text += "[\(i)]"
            }
        }
        return String(String.UnicodeScalarView(text.unicodeScalars.flatMap { u -> [Unicode.Scalar] in
            GoEmitterQuirks.isPrintable(u) ? [u] : Array("\\u{\(String(u.value, radix: 16))}".unicodeScalars)
        }))
    }
}
