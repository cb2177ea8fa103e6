import KitCore
import KitModel

extension Create {
    /// The Namespace `kubectl create namespace NAME` prints: `spec: {}` and `status: {}`.
    /// Namespaces have no namespace, so `-n` is not an input.
    public static func namespace(name: String) throws(CreateError) -> Core.V1.Namespace {
        try NameCheck.check(kind: "Namespace", name: name, rule: .dns1123Label, namespace: nil)
        var namespace = Core.V1.Namespace.makeNew()
        namespace.metadata = objectMeta(name: name)
        namespace.setEmptyObject("spec")
        namespace.setEmptyObject("status")
        return namespace
    }

    /// The ServiceAccount `kubectl create serviceaccount NAME` prints: metadata only.
    public static func serviceAccount(name: String, namespace: String? = nil) throws(CreateError) -> Core.V1.ServiceAccount {
        try NameCheck.check(kind: "ServiceAccount", name: name, rule: .dns1123Subdomain, namespace: explicitNamespace(namespace))
        var account = Core.V1.ServiceAccount.makeNew()
        account.metadata = objectMeta(name: name, namespace: explicitNamespace(namespace))
        return account
    }
}
