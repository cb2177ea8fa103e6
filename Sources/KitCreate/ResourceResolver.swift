import KitCore
import KitModel

/// Maps the `--resource` names of `create role` and `create clusterrole` to group and plural,
/// as kubectl's REST mapper does against a server's discovery — here against the resources
/// of kit's compiled-in schema, which stands in for a server.
///
/// kubectl's steps: a short name is expanded first (`deploy` → `deployments`, `rs.apps` →
/// `replicasets.apps`) unless the name is some resource's plural or singular, and a group
/// given with it may be a prefix of the real one (`sts.app`); the mapper then matches the
/// lower-cased name against plurals and singulars, the group exactly or else by prefix; the
/// first match in discovery order (core group first, preferred versions first) wins.
struct ResourceResolver {
    var resources: [KindInfo]

    init(schema: KubernetesSchema = .shared) {
        resources = schema.resources
    }

    /// A group and resource (`apps`, `deployments`).
    struct GroupResource: Equatable {
        var group: String
        var resource: String
    }

    /// The resolved resource, or nil when none matches; `warnings` gets kubectl's note when a
    /// short name could also mean a resource of a lower-priority group.
    func resolve(resource: String, group: String, warnings: inout [String]) -> GroupResource? {
        let expanded = expandShortName(resource: resource, group: group, warnings: &warnings)
        return match(resource: expanded.resource.lowercased(), group: expanded.group)
    }

    /// client-go's `shortcutExpander.expandResourceShortcut`.
    func expandShortName(resource: String, group: String, warnings: inout [String]) -> GroupResource {
        let asGiven = GroupResource(group: group, resource: resource)
        // A real plural or singular name is never taken for a short name.
        for info in resources where group.isEmpty || info.gvk.group == group {
            if info.plural == resource || info.singular == resource { return asGiven }
        }
        var found: GroupResource?
        var warned: [GroupResource] = []
        for info in resources where group.isEmpty || info.gvk.group == group {
            for short in info.shortNames where short == resource {
                let long = GroupResource(group: info.gvk.group, resource: info.plural)
                guard let first = found else {
                    found = long
                    continue
                }
                if long == first || warned.contains(long) { continue }
                warned.append(long)
                let name = long.group.isEmpty ? long.resource : "\(long.resource).\(long.group)"
                warnings.append("Warning: short name \(GoSyntax.quote(resource)) could also match lower priority resource \(name)")
            }
        }
        if let found { return found }
        if group.isEmpty { return asGiven }
        // A group given by a prefix (`autoscal`) matches a short name of the full group.
        for info in resources where info.gvk.group.hasPrefix(group) {
            if info.shortNames.contains(resource) {
                return GroupResource(group: info.gvk.group, resource: info.plural)
            }
        }
        return asGiven
    }

    /// apimachinery's `DefaultRESTMapper.ResourcesFor` under the priority mapper: plural or
    /// singular, the group exactly (or, failing that, by prefix), the first in priority order.
    func match(resource: String, group: String) -> GroupResource? {
        func named(_ info: KindInfo) -> Bool { info.plural == resource || info.singular == resource }
        let hit: KindInfo?
        if group.isEmpty {
            hit = resources.first(where: named)
        } else {
            hit = resources.first { $0.gvk.group == group && named($0) }
                ?? resources.first { $0.gvk.group.hasPrefix(group) && named($0) }
        }
        return hit.map { GroupResource(group: $0.gvk.group, resource: $0.plural) }
    }

    /// Whether `group` could be a built-in group (equal to one, or a prefix of one, as the
    /// mapper's prefix matching allows): names in other groups are custom resources.
    func isKnownGroup(_ group: String) -> Bool {
        group.isEmpty || resources.contains { $0.gvk.group.hasPrefix(group) }
    }
}
