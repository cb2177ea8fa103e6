import KitCore
import KitModel

/// `kubectl create role NAME --verb=VERB… --resource=RESOURCE[.GROUP][/SUBRESOURCE]…
/// [--resource-name=NAME…]`, and with `clusterRole` set, `kubectl create clusterrole`
/// (which adds `--non-resource-url` and `--aggregation-rule`).
public struct RoleOptions: Sendable {
    public var name: String
    /// Used by roles only; cluster roles have no namespace.
    public var namespace: String?
    public var verbs: [String]
    /// `--resource` values as given (`pods`, `deploy`, `rs.apps`, `pods/log`, `*`).
    public var resources: [String]
    public var resourceNames: [String]
    /// Cluster roles only: URL paths such as `/healthz` or `/logs/*`.
    public var nonResourceURLs: [String]
    /// Cluster roles only: the labels of `aggregationRule.clusterRoleSelectors[0].matchLabels`.
    public var aggregationRule: [(key: String, value: String)]

    public init(name: String, namespace: String? = nil, verbs: [String] = [], resources: [String] = [],
                resourceNames: [String] = [], nonResourceURLs: [String] = [], aggregationRule: [(key: String, value: String)] = []) {
        self.name = name
        self.namespace = namespace
        self.verbs = verbs
        self.resources = resources
        self.resourceNames = resourceNames
        self.nonResourceURLs = nonResourceURLs
        self.aggregationRule = aggregationRule
    }
}

extension Create {
    static let standardResourceVerbs = ["*", "get", "delete", "list", "create", "update", "patch", "watch", "proxy",
                                        "deletecollection", "use", "bind", "escalate", "impersonate"]
    static let nonResourceVerbs = ["*", "get", "post", "put", "delete", "patch", "head", "options"]
    /// Verbs that only make sense on particular resources (kubectl's `specialVerbs`).
    static let specialVerbs: [String: [(group: String, resource: String)]] = [
        "use": [("policy", "podsecuritypolicies"), ("extensions", "podsecuritypolicies")],
        "bind": [("rbac.authorization.k8s.io", "roles"), ("rbac.authorization.k8s.io", "clusterroles")],
        "escalate": [("rbac.authorization.k8s.io", "roles"), ("rbac.authorization.k8s.io", "clusterroles")],
        "impersonate": [("", "users"), ("", "serviceaccounts"), ("", "groups"), ("authentication.k8s.io", "userextras")],
    ]

    /// One `--resource` value split as kubectl splits it: `RESOURCE.GROUP/SUBRESOURCE`.
    struct ResourceSpec {
        var resource: String
        var group: String
        var subresource: String
    }

    /// The Role `kubectl create role` prints: one rule per API group, groups in order,
    /// resources in the order given. Non-standard verbs add a warning, as kubectl's do.
    public static func role(_ o: RoleOptions, warnings: inout [String]) throws(CreateError) -> RBAC.V1.Role {
        let verbs = uniqueVerbs(o.verbs)
        let specs = resourceSpecs(o.resources)
        if o.name.isEmpty { throw CreateError("name must be specified") }
        if verbs.isEmpty { throw CreateError("at least one verb must be specified") }
        for verb in verbs where !standardResourceVerbs.contains(verb) {
            warnings.append("Warning: '\(verb)' is not a standard resource verb")
        }
        if specs.isEmpty { throw CreateError("at least one resource must be specified") }
        let resolved = try resolveResources(specs, verbs: verbs, warnings: &warnings)
        try NameCheck.check(kind: "Role.rbac.authorization.k8s.io", name: o.name, rule: .pathSegment, namespace: explicitNamespace(o.namespace))
        var role = RBAC.V1.Role.makeNew()
        role.metadata = objectMeta(name: o.name, namespace: explicitNamespace(o.namespace))
        role.rules = policyRules(verbs: verbs, resources: resolved, resourceNames: unique(o.resourceNames), nonResourceURLs: [])
        return role
    }

    /// The ClusterRole `kubectl create clusterrole` prints: rules as for a role plus one for
    /// the non-resource URLs — or, with `--aggregation-rule`, `rules: null` and the selector.
    public static func clusterRole(_ o: RoleOptions, warnings: inout [String]) throws(CreateError) -> RBAC.V1.ClusterRole {
        let verbs = uniqueVerbs(o.verbs)
        let specs = resourceSpecs(o.resources)
        let urls = unique(o.nonResourceURLs)
        let resourceNames = unique(o.resourceNames)
        if o.name.isEmpty { throw CreateError("name must be specified") }
        var resolved: [ResourceResolver.GroupResource] = []
        if o.aggregationRule.isEmpty {
            if verbs.isEmpty { throw CreateError("at least one verb must be specified") }
            if specs.isEmpty && urls.isEmpty { throw CreateError("one of resource or nonResourceURL must be specified") }
            if !specs.isEmpty {
                for verb in verbs where !standardResourceVerbs.contains(verb) {
                    warnings.append("Warning: '\(verb)' is not a standard resource verb")
                }
                resolved = try resolveResources(specs, verbs: verbs, warnings: &warnings)
            }
            if !urls.isEmpty {
                for verb in verbs where !nonResourceVerbs.contains(verb) {
                    throw CreateError("invalid verb: '\(verb)' for nonResourceURL")
                }
                for url in urls where url != "*" {
                    if !url.hasPrefix("/") { throw CreateError("nonResourceURL should start with /") }
                    if url.dropLast().contains("*") {
                        throw CreateError("nonResourceURL only supports wildcard matches when '*' is at the end")
                    }
                }
            }
        } else if !urls.isEmpty || !verbs.isEmpty || !specs.isEmpty || !resourceNames.isEmpty {
            throw CreateError("aggregation rule must be specified without nonResourceURLs, verbs, resources or resourceNames")
        }
        try NameCheck.check(kind: "ClusterRole.rbac.authorization.k8s.io", name: o.name, rule: .pathSegment, namespace: nil)

        var clusterRole = RBAC.V1.ClusterRole.makeNew()
        clusterRole.metadata = objectMeta(name: o.name)
        if o.aggregationRule.isEmpty {
            let rules = policyRules(verbs: verbs, resources: resolved, resourceNames: resourceNames, nonResourceURLs: urls)
            if rules.isEmpty { clusterRole.setEmptyArray("rules") } else { clusterRole.rules = rules }
        } else {
            clusterRole.setNull("rules")
            var selector = Meta.V1.LabelSelector.empty
            selector.matchLabels = sortedMap(o.aggregationRule.map { ($0.key, $0.value) })
            var rule = RBAC.V1.AggregationRule.empty
            rule.clusterRoleSelectors = [selector]
            clusterRole.aggregationRule = rule
        }
        return clusterRole
    }

    /// Verbs without repeats; `*` anywhere stands for all of them.
    static func uniqueVerbs(_ verbs: [String]) -> [String] {
        var out: [String] = []
        for verb in verbs {
            if verb == "*" { return ["*"] }
            if !out.contains(verb) { out.append(verb) }
        }
        return out
    }

    static func unique(_ values: [String]) -> [String] {
        var out: [String] = []
        for value in values where !out.contains(value) { out.append(value) }
        return out
    }

    /// kubectl's split of `--resource` values; a bare `*` replaces every other resource.
    static func resourceSpecs(_ values: [String]) -> [ResourceSpec] {
        var specs: [ResourceSpec] = []
        for value in values {
            var spec = ResourceSpec(resource: "", group: "", subresource: "")
            var head = Substring(value)
            if let slash = value.firstIndex(of: "/") {
                spec.subresource = String(value[value.index(after: slash)...])
                head = value[..<slash]
            }
            if let dot = head.firstIndex(of: ".") {
                spec.group = String(head[head.index(after: dot)...])
                spec.resource = String(head[..<dot])
            } else {
                spec.resource = String(head)
                if spec.resource == "*" && !value.contains("/") { return [spec] }
            }
            specs.append(spec)
        }
        return specs
    }

    /// Resolves each resource and checks it against the verbs, as kubectl's
    /// `validateResource` and `generateResourcePolicyRules` do. A resource in a group kit's
    /// schema does not have (a custom resource) is kept as written, since kit cannot know it.
    static func resolveResources(_ specs: [ResourceSpec], verbs: [String], warnings: inout [String]) throws(CreateError) -> [ResourceResolver.GroupResource] {
        let resolver = ResourceResolver()
        var out: [ResourceResolver.GroupResource] = []
        var validating = true
        for spec in specs {
            if validating && spec.resource.isEmpty {
                throw CreateError("resource must be specified if apiGroup/subresource specified")
            }
            if spec.resource == "*" {
                // kubectl stops checking at a wildcard and keeps later resources as written.
                validating = false
                out.append(.init(group: spec.group, resource: spec.subresource.isEmpty ? "*" : "*/" + spec.subresource))
                continue
            }
            let resolved = resolver.resolve(resource: spec.resource, group: spec.group, warnings: &warnings)
            // An unknown resource is kept as written.
            var result = resolved ?? .init(group: spec.group, resource: spec.resource)
            if validating {
                var matchedSpecialVerb = false
                let target = result
                for verb in verbs {
                    guard let allowed = specialVerbs[verb] else { continue }
                    guard allowed.contains(where: { $0.group == target.group && $0.resource == target.resource }) else {
                        throw CreateError("can not perform '\(verb)' on '\(target.resource)' in group '\(target.group)'")
                    }
                    matchedSpecialVerb = true
                }
                if resolved == nil && !matchedSpecialVerb && resolver.isKnownGroup(spec.group) {
                    if spec.group.isEmpty {
                        throw CreateError("no resource type \(GoSyntax.quote(spec.resource)) in the Kubernetes \(KubernetesSchema.shared.kubernetesVersion) schema")
                    }
                    throw CreateError("no resource type \(GoSyntax.quote(spec.resource)) in group \(GoSyntax.quote(spec.group)) in the Kubernetes \(KubernetesSchema.shared.kubernetesVersion) schema")
                }
            }
            if !spec.subresource.isEmpty { result.resource += "/" + spec.subresource }
            out.append(result)
        }
        return out
    }

    /// One rule per API group (groups sorted, resources in order without repeats), then one
    /// for the non-resource URLs.
    static func policyRules(verbs: [String], resources: [ResourceResolver.GroupResource], resourceNames: [String],
                            nonResourceURLs: [String]) -> [RBAC.V1.PolicyRule] {
        var byGroup: [String: [String]] = [:]
        for r in resources where !(byGroup[r.group]?.contains(r.resource) ?? false) {
            byGroup[r.group, default: []].append(r.resource)
        }
        var rules: [RBAC.V1.PolicyRule] = []
        for group in byGroup.keys.sorted(by: utf8Less) {
            var rule = RBAC.V1.PolicyRule.empty
            rule.verbs = verbs
            rule.apiGroups = [group]
            rule.resources = byGroup[group]!
            if !resourceNames.isEmpty { rule.resourceNames = resourceNames }
            rules.append(rule)
        }
        if !nonResourceURLs.isEmpty {
            var rule = RBAC.V1.PolicyRule.empty
            rule.verbs = verbs
            rule.nonResourceURLs = nonResourceURLs
            rules.append(rule)
        }
        return rules
    }
}
