import KitCore
import KitModel

/// `kubectl create quota NAME [--hard=RESOURCE=QUANTITY,…] [--scopes=SCOPE,…]`.
public struct QuotaOptions: Sendable {
    public var name: String
    public var namespace: String?
    /// `cpu=1,memory=1Gi,pods=10`: comma-separated `RESOURCE=QUANTITY` pairs.
    public var hard: String
    /// `BestEffort,NotTerminating`: comma-separated scope names (not checked, as kubectl
    /// leaves that to the server).
    public var scopes: String

    public init(name: String, namespace: String? = nil, hard: String = "", scopes: String = "") {
        self.name = name
        self.namespace = namespace
        self.hard = hard
        self.scopes = scopes
    }
}

extension Create {
    /// The ResourceQuota `kubectl create quota` prints: `spec.hard` with each quantity in
    /// the form the API writes it back (`1000m` → `"1"`, `1.5Gi` → `1536Mi`), `status: {}`.
    public static func quota(_ o: QuotaOptions) throws(CreateError) -> Core.V1.ResourceQuota {
        try NameCheck.check(kind: "ResourceQuota", name: o.name, rule: .dns1123Subdomain, namespace: explicitNamespace(o.namespace))
        var hard: [(String, String)] = []
        if !o.hard.isEmpty {
            for statement in o.hard.split(separator: ",", omittingEmptySubsequences: false) {
                let parts = statement.split(separator: "=", omittingEmptySubsequences: false)
                guard parts.count == 2 else {
                    throw CreateError("Invalid argument syntax \(statement), expected <resource>=<value>")
                }
                let quantity: Quantity
                do {
                    quantity = try Quantity(parsing: String(parts[1]))
                } catch {
                    throw CreateError(error.description)
                }
                hard.append((String(parts[0]), quantity.serializedForm))
            }
        }
        var scopes: [String] = []
        if !o.scopes.isEmpty {
            for scope in o.scopes.split(separator: ",", omittingEmptySubsequences: false) {
                if scope.isEmpty { throw CreateError("invalid resource quota scope \"\"") }
                scopes.append(String(scope))
            }
        }
        var spec = Core.V1.ResourceQuotaSpec.empty
        if !hard.isEmpty { spec.hard = FieldMap(raw: sortedMap(hard).raw) }
        if !scopes.isEmpty { spec.scopes = scopes }

        var quota = Core.V1.ResourceQuota.makeNew()
        quota.metadata = objectMeta(name: o.name, namespace: explicitNamespace(o.namespace))
        quota.setEmptyObject("spec")
        quota.spec = spec
        quota.setEmptyObject("status")
        return quota
    }
}
