import KitCore
import KitModel

/// Which field of which kinds a transformer touches — kustomize's `FieldSpec`:
/// `{group, version, kind, path: spec/template/metadata/labels, create: true}`.
///
/// Paths are `/`-separated field names (`\/` escapes a slash inside a name, as in annotation
/// keys); a trailing `[]` marks a list. Lists met on the way are entered element by element
/// without being named in the path (`spec/containers/image` reaches every container's image).
public struct FieldSpec: Sendable, Equatable {
    public var group: String = ""
    public var version: String = ""
    public var kind: String = ""
    public var path: String { didSet { segments = FieldSpec.split(path) } }
    /// Create missing fields on the way (kustomize's `create: true`).
    public var create: Bool = false
    /// The path's segments, with `\/` unescaped.
    public private(set) var segments: [String]

    public init(group: String = "", version: String = "", kind: String = "", path: String, create: Bool = false) {
        self.group = group
        self.version = version
        self.kind = kind
        self.path = path
        self.create = create
        self.segments = FieldSpec.split(path)
    }

    static let fields: Set<String> = ["group", "version", "kind", "path", "create", "skip"]

    init(_ d: StrictDecoder) throws {
        group = try d.string("group") ?? ""
        version = try d.string("version") ?? ""
        kind = try d.string("kind") ?? ""
        path = try d.string("path") ?? ""
        create = try d.bool("create") ?? false
        segments = FieldSpec.split(path)
    }

    /// True when the spec applies to objects of `gvk` (empty parts match anything).
    public func selects(_ gvk: GroupVersionKind) -> Bool {
        gvk.isSelected(group: group, version: version, kind: kind)
    }

    public static func == (a: FieldSpec, b: FieldSpec) -> Bool {
        a.sameTarget(b) && a.create == b.create
    }

    /// kustomize's `Gvk.IsSelected`: this spec's GVK is selected by `selector`'s (whose empty
    /// parts match anything).
    func isSelected(by selector: FieldSpec) -> Bool {
        (selector.group.isEmpty || selector.group == group) && (selector.version.isEmpty || selector.version == version)
            && (selector.kind.isEmpty || selector.kind == kind)
    }

    /// kustomize's `FsSlice` sort order (`Gvk.IsLessThan`): kinds in kustomize's legacy
    /// order first, other kinds (and none) next, webhook configurations last; then by
    /// group, version and kind with `~G`/`~V`/`~K` standing for empty parts.
    static func sortKey(_ spec: FieldSpec) -> (rank: Int, text: String) {
        let text = "\(spec.group.isEmpty ? "~G" : spec.group)_\(spec.version.isEmpty ? "~V" : spec.version)_\(spec.kind.isEmpty ? "~K" : spec.kind)"
        return (Sorting.kindRank(spec.kind), text)
    }

    /// Same GVK and path: kustomize treats such specs as duplicates when merging lists.
    func sameTarget(_ o: FieldSpec) -> Bool {
        group == o.group && version == o.version && kind == o.kind && path == o.path
    }

    static func split(_ path: String) -> [String] {
        var parts: [String] = []
        var current = ""
        var escaped = false
        for c in path {
            if escaped {
                if c != "/" { current.append("\\") }
                current.append(c)
                escaped = false
            } else if c == "\\" {
                escaped = true
            } else if c == "/" {
                parts.append(current)
                current = ""
            } else {
                current.append(c)
            }
        }
        if escaped { current.append("\\") }
        parts.append(current)
        return parts
    }

    /// What a missing final field is created as.
    public enum CreateKind: Sendable {
        case mapping, scalar
    }

    /// Calls `visit` on every node the path reaches in `value`, creating missing fields when
    /// the spec says so (intermediate fields as mappings, the last as `createKind`). A null
    /// field met on the way is replaced by the kind being created, as kustomize does.
    public func apply(to value: inout Value, createKind: CreateKind?, _ visit: (inout Value) throws -> Void) throws {
        try FieldSpec.walk(&value, segments[...], create: create ? createKind : nil, visit)
    }

    static func walk(
        _ node: inout Value, _ path: ArraySlice<String>, create: CreateKind?, _ visit: (inout Value) throws -> Void
    ) throws {
        guard let head = path.first else {
            try visit(&node)
            return
        }
        // Containers are taken out of `node` while they change (`node = .null`), so that the
        // edit happens in place instead of copying every level.
        if case .array(var items) = node {
            node = .null
            defer { node = .array(items) }
            for i in items.indices { try walk(&items[i], path, create: create, visit) }
            return
        }
        guard case .object(var object) = node else {
            if case .null = node { return }
            throw KitError("expected sequence or mapping node")
        }
        node = .null
        defer { node = .object(object) }
        var name = head
        let isList = name.hasSuffix("[]")
        if isList { name.removeLast(2) }
        guard !name.isEmpty else { throw KitError("cannot set or create an empty field name") }
        let rest = path.dropFirst()
        var position = object.position(of: name)
        if position == nil {
            guard let create, !isList else { return }
            let fresh: Value = rest.isEmpty && create == .scalar ? .string("") : .object(Object())
            object.appendNew(key: name, value: fresh)
            position = object.count - 1
        }
        let i = position!
        var child = object.entry(at: i).value
        object.setValue(.null, at: i)
        defer { object.setValue(child, at: i) }
        if case .null = child, let create {
            // A null field takes the kind being created (go-yaml: tag !!null → kind).
            child = isList ? .array([]) : (rest.isEmpty && create == .scalar ? .null : .object(Object()))
        }
        try walk(&child, rest, create: create, visit)
    }

    /// Paths (keys and indices) of the nodes this spec reaches in `value`, without creating any.
    func locations(in value: Value) -> [[PathComponent]] {
        var result: [[PathComponent]] = []
        func collect(_ node: Value, _ path: ArraySlice<String>, _ at: [PathComponent]) {
            guard let head = path.first else {
                result.append(at)
                return
            }
            switch node {
            case .array(let items):
                for (i, item) in items.enumerated() { collect(item, path, at + [.index(i)]) }
            case .object(let o):
                let name = head.hasSuffix("[]") ? String(head.dropLast(2)) : head
                if let child = o[name] { collect(child, path.dropFirst(), at + [.key(name)]) }
            default:
                break
            }
        }
        collect(value, segments[...], [])
        return result
    }
}

/// kustomize's `FsSlice.MergeOne`/`MergeAll`: append specs, skipping duplicates; a duplicate
/// that disagrees about `create` is an error.
func mergeFieldSpecs(_ base: [FieldSpec], _ more: [FieldSpec]) throws -> [FieldSpec] {
    var result = base
    for spec in more {
        // kustomize's FsSlice.MergeOne: a spec is already there when one with the same path
        // is selected by its group/version/kind, so a general spec (no kind) coming after a
        // specific one with the same path is dropped.
        if let existing = result.first(where: { $0.path == spec.path && $0.isSelected(by: spec) }) {
            if existing.create != spec.create { throw KitError("conflicting fieldspecs") }
            continue
        }
        result.append(spec)
    }
    return result
}
