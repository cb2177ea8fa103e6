import KitCore
import KitModel

/// `kubectl create priorityclass NAME [--value=N] [--global-default] [--description=TEXT]
/// [--preemption-policy=POLICY]`.
public struct PriorityClassOptions: Sendable {
    public var name: String
    public var value: Int32
    public var globalDefault: Bool
    public var description: String
    /// kubectl's default is `PreemptLowerPriority`.
    public var preemptionPolicy: String

    public init(name: String, value: Int32 = 0, globalDefault: Bool = false, description: String = "",
                preemptionPolicy: String = "PreemptLowerPriority") {
        self.name = name
        self.value = value
        self.globalDefault = globalDefault
        self.description = description
        self.preemptionPolicy = preemptionPolicy
    }
}

extension Create {
    /// The PriorityClass `kubectl create priorityclass` prints (cluster-scoped: `-n` is
    /// not an input).
    public static func priorityClass(_ o: PriorityClassOptions) throws(CreateError) -> Scheduling.V1.PriorityClass {
        try NameCheck.check(kind: "PriorityClass.scheduling.k8s.io", name: o.name, rule: .dns1123Subdomain, namespace: nil)
        var priorityClass = Scheduling.V1.PriorityClass.makeNew()
        priorityClass.metadata = objectMeta(name: o.name)
        priorityClass.value = Int(o.value)
        if o.globalDefault { priorityClass.globalDefault = true }
        if !o.description.isEmpty { priorityClass.description = o.description }
        // A pointer in Go: written even when empty.
        priorityClass.raw["preemptionPolicy"] = .string(o.preemptionPolicy)
        return priorityClass
    }
}
