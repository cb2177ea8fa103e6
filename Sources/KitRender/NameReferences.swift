import KitCore
import KitModel

/// Rewrites references after names changed (prefixes, suffixes, hashes) — kustomize's
/// `FixBackReferences`. For every field a rule names in a referrer, the object it refers to is
/// found among the objects the referrer may see, by a name it had before, and the field gets
/// that object's current name (and, for `{name, namespace}` references, its namespace).
enum NameReferences {
    static func fix(_ map: inout ResourceMap, rules: [NameReferenceRule] = NameReferenceRule.builtin) throws {
        let snapshot = map.resources
        // Candidates are found by a name they had before; index them by those names once.
        var byPreviousName: [String: [Int]] = [:]
        for (i, r) in snapshot.enumerated() {
            var names: Set<String> = []
            for id in r.previousIDs where names.insert(id.name).inserted { byPreviousName[id.name, default: []].append(i) }
        }
        let ids = snapshot.map(\.id)
        let effectiveNamespaces = ids.map(\.effectiveNamespace)
        let originalNamespaces = OriginalNamespaces(snapshot)
        for i in map.resources.indices {
            let referrer = snapshot[i]
            let originalGVK = referrer.originalID.gvk
            // What the referrer may see (kustomize's SubsetThatCouldBeReferencedByResource).
            let referrerClusterScoped = ids[i].isClusterScoped
            var bindingNamespaces: Set<String> = []
            if referrer.kind == "RoleBinding", case .array(let subjects)? = referrer.value["subjects"] {
                for s in subjects where s["kind"]?.stringValue == "ServiceAccount" {
                    if case .string(let ns)? = s["namespace"] { bindingNamespaces.insert(ns) }
                }
            }
            let visible: (Int) -> Bool = { j in
                referrerClusterScoped || ids[j].isClusterScoped || effectiveNamespaces[j] == effectiveNamespaces[i]
                    || bindingNamespaces.contains(snapshot[j].namespace)
            }
            let lookup: (String) -> [RenderResource] = { name in
                (byPreviousName[name] ?? []).filter(visible).map { snapshot[$0] }
            }
            let hasOriginalNamespace: (String) -> Bool = { ns in
                if referrerClusterScoped { return originalNamespaces.all.contains(ns) }
                return originalNamespaces.ofClusterScoped.contains(ns)
                    || originalNamespaces.byEffectiveNamespace[effectiveNamespaces[i]]?.contains(ns) == true
                    || bindingNamespaces.contains { originalNamespaces.byNamespace[$0]?.contains(ns) == true }
            }
            try map.resources[i].edit { value in
                for rule in rules {
                    for spec in rule.referrers where spec.selects(originalGVK) {
                        let context = Context(
                            referrer: referrer, spec: spec, rule: rule, candidatesNamed: lookup,
                            hasOriginalNamespace: hasOriginalNamespace)
                        do {
                            try spec.apply(to: &value, createKind: nil) { node in
                                try context.update(&node)
                            }
                        } catch let e as KitError {
                            throw KitError("updating name reference in '\(spec.path)' field of '\(referrer.id)': \(e.message)")
                        }
                    }
                }
            }
        }
    }

    /// The namespaces objects started in, grouped by what makes an object visible to a
    /// referrer (see `visible` in `fix`), so that asking whether a visible object started in a
    /// namespace does not scan every object.
    struct OriginalNamespaces {
        var all: Set<String> = []
        var ofClusterScoped: Set<String> = []
        var byEffectiveNamespace: [String: Set<String>] = [:]
        var byNamespace: [String: Set<String>] = [:]

        init(_ resources: [RenderResource]) {
            for r in resources {
                let original = r.originalID.effectiveNamespace
                all.insert(original)
                if r.id.isClusterScoped { ofClusterScoped.insert(original) }
                byEffectiveNamespace[r.id.effectiveNamespace, default: []].insert(original)
                byNamespace[r.namespace, default: []].insert(original)
            }
        }
    }

    /// What updating one referrer's fields needs (a class: the field walk passes it around).
    final class Context {
        let referrer: RenderResource
        let spec: FieldSpec
        let rule: NameReferenceRule
        /// The objects the referrer may see that once had the given name, in build order.
        let candidatesNamed: (String) -> [RenderResource]
        /// Whether any object the referrer may see was first in the given namespace.
        let hasOriginalNamespace: (String) -> Bool

        init(
            referrer: RenderResource, spec: FieldSpec, rule: NameReferenceRule,
            candidatesNamed: @escaping (String) -> [RenderResource], hasOriginalNamespace: @escaping (String) -> Bool
        ) {
            self.referrer = referrer
            self.spec = spec
            self.rule = rule
            self.candidatesNamed = candidatesNamed
            self.hasOriginalNamespace = hasOriginalNamespace
        }

        func update(_ node: inout Value) throws {
            switch node {
            case .null:
                return
            case .string(let name):
                if let referral = try select(name, candidatesNamed(name), sameNamespaceToo: false), referral.name != name {
                    node = .string(referral.name)
                }
            case .object(var object):
                try updateMapping(&object)
                node = .object(object)
            case .array(var items):
                for j in items.indices {
                    switch items[j] {
                    case .string(let name):
                        if let referral = try select(name, candidatesNamed(name), sameNamespaceToo: false),
                            referral.name != name
                        {
                            items[j] = .string(referral.name)
                        }
                    case .object(var object):
                        try updateMapping(&object)
                        items[j] = .object(object)
                    default:
                        throw KitError("expect a scalar or mapping node in the sequence")
                    }
                }
                node = .array(items)
            default:
                // Numbers and booleans are scalars to kustomize; they never match a name.
                return
            }
        }

        /// A `{name, namespace}` reference (RBAC subjects, webhook services).
        func updateMapping(_ object: inout Object) throws {
            guard let nameValue = object["name"] else { throw KitError("path config error; no 'name' field in node") }
            let oldName = nameValue.stringValue ?? ""
            var pool = candidatesNamed(oldName)
            if case .string(let ns)? = object["namespace"] {
                // kustomize groups the candidates by original namespace, and by current
                // namespace only when no candidate started in that namespace.
                // Namespaces compare as kustomize's effective ones: none means "default".
                pool =
                    hasOriginalNamespace(ns)
                    ? pool.filter { $0.originalID.effectiveNamespace == ns } : pool.filter { $0.id.effectiveNamespace == ns }
            }
            guard let referral = try select(oldName, pool, sameNamespaceToo: true) else { return }
            if referral.name == oldName && referral.namespace.isEmpty { return }
            object["name"] = .string(referral.name)
            if !referral.namespace.isEmpty { object["namespace"] = .string(referral.namespace) }
        }

        /// kustomize's `selectReferral`: narrow the candidates by previous name, kind, roleRef
        /// kind, namespace and finally by matching prefixes/suffixes.
        func select(_ oldName: String, _ pool: [RenderResource], sameNamespaceToo: Bool) throws -> RenderResource? {
            // Every candidate had `oldName` before (that is how the pool was found).
            var c = pool.filter { r in r.previousIDs.contains { $0.gvk.isSelected(group: rule.group, version: rule.version, kind: rule.kind) } }
            if spec.path.hasSuffix("roleRef/name"), case .object(let roleRef)? = referrer.value["roleRef"],
                case .string(let group)? = roleRef["apiGroup"], case .string(let kind)? = roleRef["kind"]
            {
                c = c.filter { r in r.previousIDs.contains { $0.gvk.isSelected(group: group, version: "", kind: kind) } }
            }
            let referrerID = referrer.id
            if !referrerID.isClusterScoped {
                c = c.filter { r in
                    r.id.isClusterScoped || r.kind == "ServiceAccount"
                        || r.id.effectiveNamespace == referrerID.effectiveNamespace
                }
            }
            if c.count == 1 { return c[0] }
            // A loose pass (an object without prefixes or suffixes matches any), then, when
            // that leaves several, an exact one.
            c = c.filter { $0.prefixesSuffixesEqual(referrer, allowEmpty: true) }
            if c.count > 1 { c = c.filter { $0.prefixesSuffixesEqual(referrer, allowEmpty: false) } }
            if c.count == 1 { return c[0] }
            if c.isEmpty { return nil }
            let first = c[0]
            if c.allSatisfy({ $0.name == first.name && (!sameNamespaceToo || $0.namespace == first.namespace) }) {
                return first
            }
            throw KitError(" found multiple possible referrals: \(c.map { $0.id.description }.joined(separator: ", "))")
        }
    }
}
