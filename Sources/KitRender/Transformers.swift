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
        for i in map.resources.indices {
            var r = map.resources[i]
            if case .object(let o) = r.value, o.isEmpty { continue }
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
            if KindScope.isNamespaced(gvk) {
                try FieldSpec(path: "metadata/namespace", create: true).apply(to: &r.value, createKind: .scalar, set)
            }
            if isBinding {
                try setSubjectNamespaces(in: &r.value, mode: subjects, set)
            }
            for spec in specs where spec.selects(gvk) {
                try spec.apply(to: &r.value, createKind: .scalar, set)
            }
            map.resources[i] = r
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
            var r = map.resources[i]
            let original = r.originalID
            if skipsPrefixSuffix(original) { continue }
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
            map.resources[i] = r
        }
    }

    // MARK: labels and annotations

    /// Sets each key to its value in the maps the specs name, creating them where allowed.
    static func setPairs(_ pairs: [(String, String)], specs: [FieldSpec], in map: inout ResourceMap) throws {
        guard !pairs.isEmpty else { return }
        for i in map.resources.indices {
            var r = map.resources[i]
            let gvk = r.gvk
            for spec in specs where spec.selects(gvk) {
                try spec.apply(to: &r.value, createKind: .mapping) { node in
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
            map.resources[i] = r
        }
    }

    // MARK: images

    static func images(_ image: ImageArgs, specs: [FieldSpec], in map: inout ResourceMap) throws {
        for i in map.resources.indices {
            var r = map.resources[i]
            // kustomize first updates every `image` of every list under a `containers` or
            // `initContainers` field anywhere in the object (CRDs excepted) …
            if r.kind != "CustomResourceDefinition" {
                try updateContainerImages(&r.value, image)
            }
            // … then the fields of the image field specs.
            let gvk = r.gvk
            for spec in specs where spec.selects(gvk) {
                try spec.apply(to: &r.value, createKind: nil) { node in
                    guard case .string(let s) = node else { throw KitError("wrong node kind: expected ScalarNode") }
                    if let updated = updatedImage(s, image) { node = .string(updated) }
                }
            }
            map.resources[i] = r
        }
    }

    static func updateContainerImages(_ value: inout Value, _ image: ImageArgs) throws {
        switch value {
        case .object(var o):
            value = .null
            defer { value = .object(o) }
            for i in 0..<o.count {
                let (key, child) = o.entry(at: i)
                var updated = child
                o.setValue(.null, at: i)
                try updateContainerImages(&updated, image)
                if key == "containers" || key == "initContainers", case .array(var items) = updated {
                    for j in items.indices {
                        guard case .object(var c) = items[j], let current = c["image"] else { continue }
                        guard case .string(let s) = current else {
                            throw KitError("wrong node kind: expected ScalarNode but got \(current.typeName) node")
                        }
                        if let new = updatedImage(s, image) {
                            c["image"] = .string(new)
                            items[j] = .object(c)
                        }
                    }
                    updated = .array(items)
                }
                o.setValue(updated, at: i)
            }
        case .array(var items):
            value = .null
            defer { value = .array(items) }
            for j in items.indices { try updateContainerImages(&items[j], image) }
        default:
            break
        }
    }

    /// The new image reference, or nil when `reference` is not an image called `image.name`.
    static func updatedImage(_ reference: String, _ image: ImageArgs) -> String? {
        guard imageMatches(reference, image.name) else { return nil }
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

    /// kustomize's `IsImageMatched`: the name (a regular expression, as kustomize uses it)
    /// followed by an optional tag and sha256 digest.
    static func imageMatches(_ reference: String, _ name: String) -> Bool {
        guard let re = try? Regex("^" + name + "(:[a-zA-Z0-9_.{}-]*)?(@sha256:[a-zA-Z0-9_.{}-]*)?$") else { return false }
        return reference.wholeMatch(of: re) != nil
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
        var found = false
        for spec in specs {
            for i in map.resources.indices {
                let r = map.resources[i]
                let ids = [r.id] + r.previousIDs
                guard ids.contains(where: { $0.name == replica.name && spec.selects($0.gvk) }) else { continue }
                found = true
                try spec.apply(to: &map.resources[i].value, createKind: .scalar) { $0 = .int(replica.count) }
            }
        }
        if !found {
            let gvks = specs.map { spec -> String in
                "\(spec.group.isEmpty ? "~G" : spec.group)_\(spec.version.isEmpty ? "~V" : spec.version)_\(spec.kind.isEmpty ? "~K" : spec.kind)"
            }
            throw KitError(
                "resource with name \(replica.name) does not match a config with the following GVK [\(gvks.joined(separator: " "))]")
        }
    }
}
