import KitCore
import KitModel
import Synchronization

/// Source of `RenderResource.idStamp` values.
enum IDStamp {
    private static let counter = Atomic<UInt64>(0)
    static func next() -> UInt64 { counter.add(1, ordering: .relaxed).newValue }
}

/// How a generated object joins objects of the same id from bases (`behavior:`).
public enum GeneratorBehavior: String, Sendable {
    case unspecified = "", create, merge, replace
}

/// One object moving through a build, with the bookkeeping kustomize keeps beside it
/// (in internal annotations there; in fields here): the ids it had before each rename, the
/// name prefixes and suffixes applied to it, whether its name still needs a content hash.
public struct RenderResource: Sendable {
    /// The object. Its id is kept up to date as it changes (ids are read far more often).
    public var value: Value {
        didSet {
            let newID = RenderResource.id(of: value)
            if newID != id {
                id = newID
                idStamp = IDStamp.next()
            }
        }
    }
    /// Ids before each change of name, kind or namespace, oldest first (not the current one).
    public private(set) var previousIDs: [ResourceID] = []
    /// Changes whenever the object's kind or any name it has had changes, and is unique across
    /// objects, so that an index by name and kind can tell cheaply whether it is still current.
    private(set) var idStamp = IDStamp.next()
    /// Name prefixes and suffixes applied so far, innermost first (kustomize skips empty ones).
    public var namePrefixes: [String] = []
    public var nameSuffixes: [String] = []
    /// Generated objects get a hash suffix at the end of the build.
    public var needsHashSuffix = false
    public var behavior: GeneratorBehavior = .unspecified
    /// Where the object came from, for `buildMetadata: [originAnnotations]`.
    public var origin: Origin?
    /// Built-in transformers that ran over the object, for `buildMetadata: [transformerAnnotations]`.
    public var transformations: [Origin] = []
    /// The vars bound to this object (kustomize's `refVarNames`), whose values are read from it.
    public var refVarNames: [String] = []

    public init(_ value: Value) {
        self.value = value
        self.id = RenderResource.id(of: value)
    }

    public var apiVersion: String { value["apiVersion"]?.stringValue ?? "" }
    public var kind: String { value["kind"]?.stringValue ?? "" }
    public var gvk: GroupVersionKind { id.gvk }
    public var name: String { id.name }
    public var namespace: String { id.namespace }

    /// The current id.
    public private(set) var id: ResourceID

    static func id(of value: Value) -> ResourceID {
        guard case .object(let o) = value else {
            return ResourceID(gvk: GroupVersionKind(apiVersion: "", kind: ""), name: "")
        }
        let meta = o["metadata"]
        return ResourceID(
            gvk: GroupVersionKind(apiVersion: o["apiVersion"]?.stringValue ?? "", kind: o["kind"]?.stringValue ?? ""),
            name: meta?["name"]?.stringValue ?? "", namespace: meta?["namespace"]?.stringValue ?? "")
    }

    /// Makes several changes to the object in one access, so that its id is recomputed once
    /// rather than after each change.
    public mutating func edit(_ body: (inout Value) throws -> Void) rethrows {
        try body(&value)
    }

    /// The id the object had when it entered the build.
    public var originalID: ResourceID { previousIDs.first ?? id }

    /// Records the current id before a rename (kustomize's `StorePreviousId`).
    public mutating func storePreviousID() {
        // The names and kinds the object has had stay the same, so `idStamp` does too.
        previousIDs.append(id)
    }

    /// Takes over another object's id history (a generated object replacing it).
    mutating func adoptPreviousIDs(_ ids: [ResourceID]) {
        previousIDs = ids
        idStamp = IDStamp.next()
    }

    public mutating func setName(_ name: String) {
        setMetadata("name", .string(name))
    }

    public mutating func setNamespace(_ namespace: String) {
        setMetadata("namespace", .string(namespace))
    }

    /// Puts back a namespace an object had before: sets it, or for none removes
    /// `metadata.namespace` (an object without `metadata` stays without it).
    mutating func restoreNamespace(_ namespace: String) {
        if !namespace.isEmpty {
            setNamespace(namespace)
        } else if case .object(var o) = value, case .object(var meta)? = o["metadata"] {
            meta["namespace"] = nil
            o["metadata"] = .object(meta)
            value = .object(o)
        }
    }

    mutating func setMetadata(_ key: String, _ v: Value) {
        RenderResource.editMetadata(&value) { $0[key] = v }
    }

    /// Edits `metadata` (created when missing) in one access to `value`, so the id is
    /// recomputed once and the containers are changed in place.
    static func editMetadata(_ value: inout Value, _ body: (inout Object) -> Void) {
        guard case .object(var o) = value else { return }
        value = .null
        var meta = o["metadata"]?.objectValue ?? Object()
        o["metadata"] = .null
        body(&meta)
        o["metadata"] = .object(meta)
        value = .object(o)
    }

    /// `metadata.labels` or `metadata.annotations` as ordered pairs.
    public func stringMap(_ field: String) -> [(String, String)] {
        guard case .object(let o)? = value.value(at: ["metadata", field]) else { return [] }
        return o.compactMap { (k, v) in v.stringValue.map { (k, $0) } }
    }

    /// Writes `metadata.labels`/`metadata.annotations`; an empty map removes the field.
    public mutating func setStringMap(_ field: String, _ pairs: [(String, String)]) {
        RenderResource.editMetadata(&value) { meta in
            if pairs.isEmpty {
                meta[field] = nil
            } else {
                meta[field] = .object(Object(uniqueKeysWithValues: pairs.map { ($0.0, Value.string($0.1)) }))
            }
        }
    }

    /// kustomize's `PrefixesSuffixesEquals`: the shorter prefix (suffix) list is the tail of
    /// the longer one, where an empty list matches only an empty one — or, with `allowEmpty`,
    /// anything.
    func prefixesSuffixesEqual(_ other: RenderResource, allowEmpty: Bool) -> Bool {
        func equal(_ a: [String], _ b: [String]) -> Bool {
            if allowEmpty && (a.isEmpty || b.isEmpty) { return true }
            return sameEnding(a, b)
        }
        return equal(namePrefixes, other.namePrefixes) && equal(nameSuffixes, other.nameSuffixes)
    }

    /// kustomize's `SameEndingSubSlice`.
    private func sameEnding(_ a: [String], _ b: [String]) -> Bool {
        let n = min(a.count, b.count)
        if n == 0 { return a.count == b.count }
        return a.suffix(n) == b.suffix(n)
    }
}

extension ResourceID {
    /// kustomize's `EffectiveNamespace`: cluster-scoped kinds have none, an empty namespace
    /// means `default`.
    var effectiveNamespace: String {
        if !KindScope.isNamespaced(gvk) { return "_non_namespaceable_" }
        return namespace.isEmpty ? "default" : namespace
    }

    var isClusterScoped: Bool { !KindScope.isNamespaced(gvk) }

    /// Equal kind, name and effective namespace (kustomize's `ResId.Equals`).
    func matches(_ other: ResourceID) -> Bool {
        gvk == other.gvk && name == other.name && effectiveNamespace == other.effectiveNamespace
    }
}

extension GroupVersionKind {
    /// kustomize's `Gvk.IsSelected` of a pattern (empty parts match anything).
    func isSelected(group: String, version: String, kind: String) -> Bool {
        (group.isEmpty || group == self.group) && (version.isEmpty || version == self.version)
            && (kind.isEmpty || kind == self.kind)
    }
}

/// kustomize's `config.kubernetes.io/origin` annotation: the file an object was read from
/// (relative to the top kustomization), or the kustomization and generator that made it.
public struct Origin: Sendable, Equatable {
    public var path: String?
    public var configuredIn: String?
    public var configuredBy: String?
    /// The plugin configuration's own name and namespace (`generators:`/`transformers:`
    /// entries); kustomization fields such as `configMapGenerator` have none.
    public var configuredByName: String?
    public var configuredByNamespace: String?

    public init(path: String? = nil, configuredIn: String? = nil, configuredBy: String? = nil,
                configuredByName: String? = nil, configuredByNamespace: String? = nil) {
        self.path = path
        self.configuredIn = configuredIn
        self.configuredBy = configuredBy
        self.configuredByName = configuredByName.flatMap { $0.isEmpty ? nil : $0 }
        self.configuredByNamespace = configuredByNamespace.flatMap { $0.isEmpty ? nil : $0 }
    }

    /// Several origins as the `alpha.config.kubernetes.io/transformations` annotation lists them.
    static func listAnnotation(_ origins: [Origin]) -> String {
        origins.map { origin in
            origin.annotation.split(separator: "\n").enumerated().map { (i, line) in (i == 0 ? "- " : "  ") + line }
                .joined(separator: "\n")
        }.joined(separator: "\n") + "\n"
    }

    /// The annotation value, as go-yaml writes kustomize's Origin struct.
    var annotation: String {
        var lines: [String] = []
        if let path { lines.append("path: \(path)") }
        if let configuredIn { lines.append("configuredIn: \(configuredIn)") }
        if let configuredBy {
            lines.append("configuredBy:")
            lines.append("  apiVersion: builtin")
            lines.append("  kind: \(configuredBy)")
            if let configuredByName { lines.append("  name: \(configuredByName)") }
            if let configuredByNamespace { lines.append("  namespace: \(configuredByNamespace)") }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
