import KitCore
import KitModel

/// kustomize's built-in transformers that rewrite fields named by field specs: namespace,
/// name prefix/suffix, labels, annotations, images and replicas. Each is a pure function of
/// its arguments over the resource map.
enum Transformers {
    // MARK: namespace

    /// Sets the namespace of every namespaced object (cluster-scoped kinds keep none), renames
    /// Namespace objects, and updates the other namespace fields of the field specs
    /// (RoleBinding subjects named `default`, APIService and CRD webhook services).
    /// Which RoleBinding/ClusterRoleBinding subjects get the namespace (`setRoleBindingSubjects`).
    enum SubjectMode: String {
        case defaultOnly, allServiceAccounts, none
    }

    static func namespace(
        _ namespace: String, specs: [FieldSpec], in map: inout ResourceMap, unsetOnly: Bool = false,
        subjects: SubjectMode = .defaultOnly
    ) throws {
        guard !namespace.isEmpty else { return }
        // unsetOnly: only empty or missing namespace fields are set.
        func set(_ node: inout Value) throws {
            switch node {
            case .string(let s) where unsetOnly && !s.isEmpty: return
            case .string, .null, .int, .double, .bool, .decimal: node = .string(namespace)
            default: throw KitError("namespace field specs must target scalar nodes")
            }
        }
        let general = specs.filter { $0.path != "metadata/namespace" }
        let namespaceSpec = FieldSpec(path: "metadata/namespace", create: true)
        for i in map.resources.indices {
            try map.update(i) { r in
                if case .object(let o) = r.value, o.isEmpty { return }
                r.storePreviousID()
                let gvk = r.gvk
                let isBinding = gvk.kind == "RoleBinding" || gvk.kind == "ClusterRoleBinding"
                // metadata/name specs rename only v1 Namespaces; binding subjects are handled below.
                let specs = general.filter { spec in
                    if spec.path == "metadata/name" && r.apiVersion != "v1" { return false }
                    if isBinding && (spec.kind == "RoleBinding" || spec.kind == "ClusterRoleBinding")
                        && (spec.path == "subjects/namespace" || spec.path == "subjects[]/namespace")
                    {
                        return false
                    }
                    return true
                }
                try r.edit { value in
                    if KindScope.isNamespaced(gvk) {
                        try namespaceSpec.apply(to: &value, createKind: .scalar, set)
                    }
                    if isBinding {
                        try setSubjectNamespaces(in: &value, mode: subjects, set)
                    }
                    for spec in specs where spec.selects(gvk) {
                        try spec.apply(to: &value, createKind: .scalar, set)
                    }
                }
            }
        }
        var seen: Set<ResourceMap.IDKey> = []
        for r in map.resources where !seen.insert(ResourceMap.IDKey(r.id)).inserted {
            throw KitError("namespace transformation produces ID conflict: \(r.id)")
        }
    }

    /// By default subjects named `default` (the default ServiceAccount) move to the new
    /// namespace; `allServiceAccounts` moves every ServiceAccount subject; `none` none.
    static func setSubjectNamespaces(in value: inout Value, mode: SubjectMode, _ set: (inout Value) throws -> Void) throws {
        guard mode != .none, case .object(var o) = value, case .array(var subjects)? = o["subjects"] else { return }
        for j in subjects.indices {
            guard case .object(var s) = subjects[j] else { continue }
            switch mode {
            case .defaultOnly: guard s["name"]?.stringValue == "default" else { continue }
            case .allServiceAccounts: guard s["kind"]?.stringValue == "ServiceAccount" else { continue }
            case .none: continue
            }
            var ns = s["namespace"] ?? .string("")
            try set(&ns)
            s["namespace"] = ns
            subjects[j] = .object(s)
        }
        o["subjects"] = .array(subjects)
        value = .object(o)
    }

    // MARK: name prefix and suffix

    /// Kinds whose names never get a prefix or suffix.
    static func skipsPrefixSuffix(_ id: ResourceID) -> Bool {
        id.gvk.kind == "CustomResourceDefinition" || id.gvk.kind == "Namespace"
            || (id.gvk.kind == "APIService" && id.gvk.group == "apiregistration.k8s.io")
    }

    static func prefixSuffix(prefix: String, suffix: String, specs: [FieldSpec], in map: inout ResourceMap) throws {
        for i in map.resources.indices {
            try map.update(i) { r in
                let original = r.originalID
                if skipsPrefixSuffix(original) { return }
                for spec in specs where spec.selects(original.gvk) {
                    if spec.path == "metadata/name" {
                        if !prefix.isEmpty { r.namePrefixes.append(prefix) }
                        if !suffix.isEmpty { r.nameSuffixes.append(suffix) }
                        if !prefix.isEmpty || !suffix.isEmpty { r.storePreviousID() }
                    }
                    try spec.apply(to: &r.value, createKind: nil) { node in
                        guard case .string(let s) = node else { return }
                        node = .string(prefix + s + suffix)
                    }
                }
            }
        }
    }

    // MARK: labels and annotations

    /// Sets each key to its value in the maps the specs name, creating them where allowed.
    static func setPairs(_ pairs: [(String, String)], specs: [FieldSpec], in map: inout ResourceMap) throws {
        guard !pairs.isEmpty else { return }
        for i in map.resources.indices {
            let gvk = map.resources[i].gvk
            try map.resources[i].edit { value in
                for spec in specs where spec.selects(gvk) {
                    try spec.apply(to: &value, createKind: .mapping) { node in
                        var object: Object
                        switch node {
                        case .object(let o): object = o
                        case .null: object = Object()
                        default: throw KitError("wrong node kind: expected MappingNode but got \(node.typeName) node")
                        }
                        for (k, v) in pairs { object[k] = .string(v) }
                        node = .object(object)
                    }
                }
            }
        }
    }

    // MARK: images

    /// `images:` entries, applied in order. For each entry kustomize first updates the `image`
    /// of every element of every `containers` or `initContainers` list anywhere in the object
    /// (CRDs excepted), then the fields of the image field specs. The places are found once per
    /// object; the entries are then applied to them in kustomize's order.
    static func images(_ rules: [ImageArgs], specs: [FieldSpec], in map: inout ResourceMap) throws {
        guard !rules.isEmpty else { return }
        let imageRules = ImageRules(rules)
        for i in map.resources.indices {
            // Found first, changed after (the value is not held while it changes, so it is
            // changed in place).
            let (legacy, fromSpecs) = try { (r: RenderResource) in
                (
                    r.kind == "CustomResourceDefinition" ? [] : try containerImageLocations(in: r.value),
                    specs.filter { $0.selects(r.gvk) }.flatMap { $0.locations(in: r.value) }
                )
            }(map.resources[i])
            guard !legacy.isEmpty || !fromSpecs.isEmpty else { continue }
            // A place both filters reach gets each entry twice in a row, as in kustomize.
            var visits: [(location: [PathComponent], count: Int)] = []
            for location in legacy + fromSpecs {
                if let k = visits.firstIndex(where: { $0.location == location }) {
                    visits[k].count += 1
                } else {
                    visits.append((location, 1))
                }
            }
            for (location, count) in visits {
                try map.resources[i].value.modify(at: location) { node in
                    switch node {
                    case .string(var reference):
                        // Rules apply in order, each to the reference the earlier ones left.
                        var next = 0
                        while let k = imageRules.firstMatch(reference, from: next) {
                            for _ in 0..<count {
                                if let updated = updatedImage(reference, rules[k], imageRules.patterns[k]) { reference = updated }
                            }
                            next = k + 1
                        }
                        node = .string(reference)
                    case .object, .array:
                        throw KitError("wrong node kind: expected ScalarNode but got \(node.typeName) node")
                    default:
                        break  // a number or boolean never names an image
                    }
                }
            }
        }
    }

    /// Where kustomize's legacy image filter looks: `image` of each element of any
    /// `containers`/`initContainers` list, at any depth.
    static func containerImageLocations(in value: Value) throws -> [[PathComponent]] {
        var result: [[PathComponent]] = []
        var at: [PathComponent] = []  // the path to the node being walked
        func walk(_ node: Value) throws {
            switch node {
            case .object(let o):
                for (key, child) in o {
                    switch child {
                    case .object, .array: break
                    default: continue  // scalars hold no containers
                    }
                    at.append(.key(key))
                    defer { at.removeLast() }
                    try walk(child)
                    guard key == "containers" || key == "initContainers", case .array(let items) = child else { continue }
                    for (j, item) in items.enumerated() {
                        guard case .object(let c) = item, let image = c["image"] else { continue }
                        switch image {
                        case .object, .array:
                            throw KitError("wrong node kind: expected ScalarNode but got \(image.typeName) node")
                        default:
                            result.append(at + [.index(j), .key("image")])
                        }
                    }
                }
            case .array(let items):
                for (j, item) in items.enumerated() {
                    at.append(.index(j))
                    defer { at.removeLast() }
                    try walk(item)
                }
            default:
                break
            }
        }
        try walk(value)
        return result
    }

    /// The new image reference, or nil when `reference` is not an image called `image.name`.
    static func updatedImage(_ reference: String, _ image: ImageArgs, _ pattern: NamePattern.Image) -> String? {
        guard pattern.matches(reference) else { return nil }
        var (name, tag, digest) = splitImage(reference)
        if !image.newName.isEmpty { name = image.newName }
        if !image.newTag.isEmpty && !image.digest.isEmpty {
            tag = image.newTag
            digest = image.digest
        } else if !image.newTag.isEmpty {
            tag = image.newTag
            digest = ""
        } else if !image.digest.isEmpty {
            tag = ""
            digest = image.digest
        }
        if !tag.isEmpty { name += ":" + tag }
        if !digest.isEmpty { name += "@" + digest }
        return name
    }

    /// Splits `[host[:port]/]path[:tag][@digest]`.
    static func splitImage(_ reference: String) -> (name: String, tag: String, digest: String) {
        let chars = Array(reference)
        let slash = chars.firstIndex(of: "/") ?? -1
        let searchStart = slash > 0 ? slash : 0
        let search = Array(chars[searchStart...])
        let at = search.firstIndex(of: "@")
        let colon = search.firstIndex(of: ":")
        if at == nil && colon == nil { return (reference, "", "") }
        if let at, colon == nil || at < colon! {
            let cut = at + searchStart
            return (String(chars[..<cut]), "", String(chars[(cut + 1)...]))
        }
        if let at, let colon {
            let c = colon + searchStart, a = at + searchStart
            return (String(chars[..<c]), String(chars[(c + 1)..<a]), String(chars[(a + 1)...]))
        }
        let c = colon! + searchStart
        return (String(chars[..<c]), String(chars[(c + 1)...]), "")
    }

    // MARK: replicas

    static func replicas(_ replica: ReplicaArgs, specs: [FieldSpec], in map: inout ResourceMap) throws {
        try replicas([replica], specs: specs, in: &map)
    }

    /// `replicas:` entries: each sets the count field of the objects that are, or were,
    /// called its name, for every replica field spec their kind matches; an entry that matches
    /// nothing is an error.
    static func replicas(_ entries: [ReplicaArgs], specs: [FieldSpec], in map: inout ResourceMap) throws {
        guard !entries.isEmpty else { return }
        // Objects by every name they have had, with the kinds they had under it.
        var byName: [String: [(index: Int, gvk: GroupVersionKind)]] = [:]
        for (i, r) in map.resources.enumerated() {
            for id in [r.id] + r.previousIDs { byName[id.name, default: []].append((i, id.gvk)) }
        }
        for replica in entries {
            var found = false
            let candidates = byName[replica.name] ?? []
            for spec in specs {
                var done: Set<Int> = []
                for (i, gvk) in candidates where spec.selects(gvk) && done.insert(i).inserted {
                    found = true
                    try spec.apply(to: &map.resources[i].value, createKind: .scalar) { $0 = .int(replica.count) }
                }
            }
            if !found {
                let gvks = specs.map { GroupVersionKind(group: $0.group, version: $0.version, kind: $0.kind).description }
                throw KitError(
                    "resource with name \(replica.name) does not match a config with the following GVK [\(gvks.joined(separator: " "))]")
            }
        }
    }
}
