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
    /// indices), or of the deepest node on the path that exists.
    public func location(of path: [PathComponent], in root: Value) -> SourceLocation {
        var node = self
        var value = root
        for step in path {
            switch (step, value) {
            case (.key(let k), .object(let o)):
                guard let i = o.position(of: k), i < node.members.count else { return node.location }
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
