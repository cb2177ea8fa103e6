import KitCore
import KitModel

/// `kubectl create rolebinding NAME --clusterrole=NAME|--role=NAME [--user=…] [--group=…]
/// [--serviceaccount=NAMESPACE:NAME…]`; with `clusterRoleBinding` set, `kubectl create
/// clusterrolebinding` (which binds a cluster role only).
public struct RoleBindingOptions: Sendable {
    public var name: String
    /// Role bindings only.
    public var namespace: String?
    public var clusterRole: String
    /// Role bindings only.
    public var role: String
    public var users: [String]
    public var groups: [String]
    /// `NAMESPACE:NAME` each.
    public var serviceAccounts: [String]

    public init(name: String, namespace: String? = nil, clusterRole: String = "", role: String = "", users: [String] = [],
                groups: [String] = [], serviceAccounts: [String] = []) {
        self.name = name
        self.namespace = namespace
        self.clusterRole = clusterRole
        self.role = role
        self.users = users
        self.groups = groups
        self.serviceAccounts = serviceAccounts
    }
}

extension Create {
    /// The RoleBinding `kubectl create rolebinding` prints: subjects in the order users,
    /// groups, service accounts.
    public static func roleBinding(_ o: RoleBindingOptions) throws(CreateError) -> RBAC.V1.RoleBinding {
        if o.name.isEmpty { throw CreateError("name must be specified") }
        if o.clusterRole.isEmpty == o.role.isEmpty {
            throw CreateError("exactly one of clusterrole or role must be specified")
        }
        let subjects = try bindingSubjects(o)
        try NameCheck.check(kind: "RoleBinding.rbac.authorization.k8s.io", name: o.name, rule: .pathSegment, namespace: explicitNamespace(o.namespace))
        var binding = RBAC.V1.RoleBinding.makeNew()
        binding.metadata = objectMeta(name: o.name, namespace: explicitNamespace(o.namespace))
        if !subjects.isEmpty { binding.subjects = subjects }
        binding.roleRef = roleRef(kind: o.role.isEmpty ? "ClusterRole" : "Role", name: o.role.isEmpty ? o.clusterRole : o.role)
        return binding
    }

    /// The ClusterRoleBinding `kubectl create clusterrolebinding` prints.
    public static func clusterRoleBinding(_ o: RoleBindingOptions) throws(CreateError) -> RBAC.V1.ClusterRoleBinding {
        if o.name.isEmpty { throw CreateError("name must be specified") }
        let subjects = try bindingSubjects(o)
        try NameCheck.check(kind: "ClusterRoleBinding.rbac.authorization.k8s.io", name: o.name, rule: .pathSegment, namespace: nil)
        var binding = RBAC.V1.ClusterRoleBinding.makeNew()
        binding.metadata = objectMeta(name: o.name)
        if !subjects.isEmpty { binding.subjects = subjects }
        binding.roleRef = roleRef(kind: "ClusterRole", name: o.clusterRole)
        return binding
    }

    static func roleRef(kind: String, name: String) -> RBAC.V1.RoleRef {
        var ref = RBAC.V1.RoleRef.empty
        ref.apiGroup = "rbac.authorization.k8s.io"
        ref.kind = kind
        ref.name = name
        return ref
    }

    static func bindingSubjects(_ o: RoleBindingOptions) throws(CreateError) -> [RBAC.V1.Subject] {
        var subjects: [RBAC.V1.Subject] = []
        func subject(_ kind: String, apiGroup: String, name: String, namespace: String = "") -> RBAC.V1.Subject {
            var s = RBAC.V1.Subject.empty
            s.kind = kind
            if !apiGroup.isEmpty { s.apiGroup = apiGroup }
            // Go writes `name` even when empty; the others only when set.
            s.raw["name"] = .string(name)
            if !namespace.isEmpty { s.namespace = namespace }
            return s
        }
        for user in o.users { subjects.append(subject("User", apiGroup: "rbac.authorization.k8s.io", name: user)) }
        for group in o.groups { subjects.append(subject("Group", apiGroup: "rbac.authorization.k8s.io", name: group)) }
        for account in o.serviceAccounts {
            let parts = account.split(separator: ":", omittingEmptySubsequences: false)
            guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
                throw CreateError("serviceaccount must be <namespace>:<name>")
            }
            subjects.append(subject("ServiceAccount", apiGroup: "", name: String(parts[1]), namespace: String(parts[0])))
        }
        return subjects
    }
}
