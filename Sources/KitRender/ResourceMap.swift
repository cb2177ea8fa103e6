import KitCore
import KitModel

/// The ordered set of objects a build works on (kustomize's `ResMap`): append order is
/// kept, ids are unique, and generated objects merge into or replace existing ones.
public struct ResourceMap: Sendable {
    public var resources: [RenderResource] = [] {
        didSet { currentIDs = nil }
    }
    /// Current ids (kind, name, effective namespace) of `resources`, built when first needed
    /// and dropped whenever `resources` changes, so that appending stays linear.
    private var currentIDs: Set<IDKey>?

    /// What makes two ids equal for kustomize: kind, name and effective namespace.
    struct IDKey: Hashable {
        var gvk: GroupVersionKind
        var name: String
        var namespace: String
        init(_ id: ResourceID) {
            gvk = id.gvk
            name = id.name
            namespace = id.effectiveNamespace
        }
    }

    public init() {}

    public var count: Int { resources.count }

    /// Adds an object whose current id must be new.
    public mutating func append(_ r: RenderResource) throws {
        let id = r.id
        // Take the set out while it changes, so that inserting does not copy it.
        var ids = currentIDs ?? Set(resources.map { IDKey($0.id) })
        currentIDs = nil
        guard ids.insert(IDKey(id)).inserted else {
            currentIDs = ids
            throw KitError("may not add resource with an already registered id: \(id)")
        }
        resources.append(r)
        currentIDs = ids
    }

    public mutating func append(contentsOf other: ResourceMap) throws {
        for r in other.resources { try append(r) }
    }

    /// Adds a generated object, honouring its `behavior` (kustomize's `AbsorbAll`).
    mutating func absorb(_ r: RenderResource) throws {
        let id = r.id
        let matches = resources.indices.filter { i in
            resources[i].id.matches(id) || resources[i].previousIDs.contains(where: { $0.matches(id) })
        }
        switch matches.count {
        case 0:
            switch r.behavior {
            case .merge, .replace:
                throw KitError("id \(goSyntax(id)) does not exist; cannot merge or replace")
            default:
                try append(r)
            }
        case 1:
            let i = matches[0]
            let old = resources[i]
            var merged = r
            switch r.behavior {
            case .replace:
                merged.copyMetadata(from: old)
            case .merge:
                merged.copyMetadata(from: old)
                merged.mergeDataMaps(from: old)
            default:
                throw KitError("id \(goSyntax(id)) exists; behavior must be merge or replace")
            }
            resources[i] = merged
        default:
            throw KitError("found multiple possible matches for \(id)")
        }
    }

    /// Changes one object in place, without copying it or its value.
    mutating func update<T>(_ i: Int, _ body: (inout RenderResource) throws -> T) rethrows -> T {
        try body(&resources[i])
    }

    /// Objects matching a patch or replacement target (kustomize's `Select`).
    mutating func select(_ selector: Selector) throws -> [Int] {
        let compiled = try selector.compiled()
        var result: [Int] = []
        let candidates: [Int]
        if let name = compiled.literalName {
            candidates = lookup.named[name] ?? []
        } else if let kind = compiled.literalKind {
            candidates = lookup.ofKind[kind] ?? []
        } else {
            for (i, r) in resources.enumerated() where try compiled.matches(r) { result.append(i) }
            return result
        }
        for i in candidates where try compiled.matches(resources[i]) { result.append(i) }
        return result
    }

    /// Objects whose current or an earlier id equals `id` (kind, name, effective namespace).
    mutating func indices(identifiedBy id: ResourceID) -> [Int] {
        (lookup.named[id.name] ?? []).filter { i in
            resources[i].id.matches(id) || resources[i].previousIDs.contains { $0.matches(id) }
        }
    }

    /// Indexes of objects by every name they have had and by kind. Patches select their
    /// targets through it; without it each patch would scan every object.
    struct Lookup {
        /// `idStamp` of each object when the index was built: if they all still agree, the
        /// objects, their order and their ids are unchanged.
        var stamps: [UInt64] = []
        var named: [String: [Int]] = [:]
        var ofKind: [String: [Int]] = [:]

        init() {}

        init(_ resources: [RenderResource]) {
            stamps.reserveCapacity(resources.count)
            for (i, r) in resources.enumerated() {
                stamps.append(r.idStamp)
                named[r.name, default: []].append(i)
                for previous in r.previousIDs where previous.name != r.name {
                    if named[previous.name]?.last != i { named[previous.name, default: []].append(i) }
                }
                ofKind[r.gvk.kind, default: []].append(i)
            }
        }

        func describes(_ resources: [RenderResource]) -> Bool {
            stamps.count == resources.count && zip(stamps, resources).allSatisfy { $0 == $1.idStamp }
        }
    }

    private var lookupCache = Lookup()

    /// The index, rebuilt when any object's id has changed since it was built.
    private var lookup: Lookup {
        mutating get {
            if !lookupCache.describes(resources) { lookupCache = Lookup(resources) }
            return lookupCache
        }
    }

    /// Go's `%#v` of a ResId, as kustomize's merge errors print it.
    func goSyntax(_ id: ResourceID) -> String {
        "resid.ResId{Gvk:resid.Gvk{Group:\"\(id.gvk.group)\", Version:\"\(id.gvk.version)\", Kind:\"\(id.gvk.kind)\", isClusterScoped:\(id.isClusterScoped)}, Name:\"\(id.name)\", Namespace:\"\(id.namespace)\"}"
    }
}

extension RenderResource {
    /// kustomize's `CopyMergeMetaDataFieldsFrom`: labels and annotations are combined (this
    /// object's win), and the name, namespace and build bookkeeping come from `old`.
    mutating func copyMetadata(from old: RenderResource) {
        setStringMap("labels", mergedPairs(old.stringMap("labels"), stringMap("labels")))
        setStringMap("annotations", mergedPairs(old.stringMap("annotations"), stringMap("annotations")))
        setName(old.name)
        restoreNamespace(old.namespace)
        // kustomize keeps the build bookkeeping of the object being merged into or replaced,
        // but drops its hash mark when the new generator's options disable the hash: the name
        // gets a hash only when both generators ask for one.
        adoptPreviousIDs(old.previousIDs)
        namePrefixes = old.namePrefixes
        nameSuffixes = old.nameSuffixes
        needsHashSuffix = old.needsHashSuffix && needsHashSuffix
        // Annotations merge with the new object's winning, so a replacing generator's origin
        // wins too; a merge puts the old origin back (kustomize's appendReplaceOrMerge).
        if behavior != .replace || origin == nil { origin = old.origin }
        transformations = old.transformations
        refVarNames = old.refVarNames
    }

    /// Keys of `old`'s `data`/`binaryData` that this object does not set are kept.
    mutating func mergeDataMaps(from old: RenderResource) {
        for field in ["data", "binaryData"] {
            guard case .object(let oldMap)? = old.value[field] else { continue }
            var map = value[field]?.objectValue ?? Object()
            var merged = oldMap
            for (k, v) in map { merged[k] = v }
            map = merged
            guard case .object(var o) = value else { return }
            o[field] = .object(map)
            value = .object(o)
        }
    }

    private func mergedPairs(_ base: [(String, String)], _ override: [(String, String)]) -> [(String, String)] {
        var result = base
        for (k, v) in override {
            if let i = result.firstIndex(where: { $0.0 == k }) { result[i].1 = v } else { result.append((k, v)) }
        }
        return result
    }
}
