import KitCore

/// A Kubernetes API group, version and kind: `apps/v1` `Deployment` is group `apps`,
/// version `v1`; core kinds (`v1` `Pod`) have the empty group.
public struct GroupVersionKind: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var group: String
    public var version: String
    public var kind: String

    public init(group: String, version: String, kind: String) {
        self.group = group
        self.version = version
        self.kind = kind
    }

    /// Splits an `apiVersion` (`apps/v1`, `v1`) and pairs it with `kind`.
    public init(apiVersion: String, kind: String) {
        if let slash = apiVersion.lastIndex(of: "/") {
            group = String(apiVersion[..<slash])
            version = String(apiVersion[apiVersion.index(after: slash)...])
        } else {
            group = ""
            version = apiVersion
        }
        self.kind = kind
    }

    /// `group/version`, or just `version` for the core group.
    public var apiVersion: String { group.isEmpty ? version : "\(group)/\(version)" }

    /// kustomize's spelling in messages and ids (`Gvk.String`): `apps_v1_Deployment`,
    /// `~G_v1_Pod`, `~K` for no kind.
    public var description: String {
        "\(group.isEmpty ? "~G" : group)_\(version.isEmpty ? "~V" : version)_\(kind.isEmpty ? "~K" : kind)"
    }

    public static func < (a: GroupVersionKind, b: GroupVersionKind) -> Bool {
        (a.group, a.version, a.kind) < (b.group, b.version, b.kind)
    }
}

/// Identifies one object: its kind, namespace and name.
public struct ResourceID: Sendable, Hashable, CustomStringConvertible {
    public var gvk: GroupVersionKind
    public var name: String
    /// Empty for cluster-scoped objects and for objects without a namespace.
    public var namespace: String

    public init(gvk: GroupVersionKind, name: String, namespace: String = "") {
        self.gvk = gvk
        self.name = name
        self.namespace = namespace
    }

    /// kustomize's form: `apps_v1_Deployment|default|web` (`~X` for an empty namespace).
    public var description: String {
        "\(gvk)|\(namespace.isEmpty ? "~X" : namespace)|\(name.isEmpty ? "~N" : name)"
    }
}
