import KitCore
import KitModel

/// What the `values` family checks at one place of a schema, beyond the schema's types: the
/// API server's own validation of formats, ranges, names and enumerations, which neither the
/// OpenAPI definitions nor kubeconform and kubernetes-validate carry.
enum ValueHint: Sendable, Equatable {
    case none
    /// `format: int32` / `int64`: the integer fits.
    case int32, int64
    /// `format: byte`: standard base64.
    case base64
    /// `format: date-time`: RFC 3339.
    case dateTime
    /// A resource quantity (`500m`, `1Gi`).
    case quantity
    /// A quantity that must not be negative (resource requests and limits).
    case nonNegativeQuantity
    /// An integer port, 1–65535 (or 0, meaning unset, when `allowZero`).
    case port(allowZero: Bool)
    /// An IntOrString port: 1–65535, or an IANA service name (`http`).
    case portOrName(allowZero: Bool)
    /// An IANA service name (container port names).
    case portName
    /// An integer ≥ 0 (replicas, seconds, limits).
    case nonNegative
    /// An integer ≥ 1.
    case positive
    /// IntOrString: an integer ≥ 0 or a percentage (`25%`): maxSurge, maxUnavailable,
    /// minAvailable.
    case countOrPercent
    /// One of the values the API server accepts.
    case oneOf([String])
    /// An RFC 1123 label (container, volume and service port names).
    case dnsLabel
    /// A label map: qualified-name keys, label values.
    case labels
    /// An annotation map: qualified-name keys.
    case annotations
    /// A cron schedule (five fields, or `@hourly`…).
    case cronSchedule
    /// `x-kubernetes-list-type: map`: no two items share the values of the map keys.
    case listMap([String])
    /// `x-kubernetes-list-type: set`: no two items are equal.
    case listSet
}

extension ValueHint {
    /// Whether there is anything to check (a pattern match, cheaper than `!=` on a payload enum).
    var isSome: Bool {
        if case .none = self { return false }
        return true
    }
}

/// The `values` family: where each check applies (`hint`) and the checks themselves.
enum ValueChecks {
    // MARK: Where checks apply

    /// Checks that apply wherever a definition is used.
    static func hint(forDefinition name: String) -> ValueHint {
        switch name {
        case "io.k8s.apimachinery.pkg.api.resource.Quantity": return .quantity
        case "io.k8s.apimachinery.pkg.apis.meta.v1.Time", "io.k8s.apimachinery.pkg.apis.meta.v1.MicroTime": return .dateTime
        default: return .none
        }
    }

    /// Checks for property `property` of definition `parent` (`name[]` for its items, `name{}`
    /// for its map values), or for the schema's format and list type.
    static func hint(parent: String?, property: String?, format: String?, listType: String?, listMapKeys: [String]) -> ValueHint {
        if let parent, let property, let known = propertyHints[parent]?[property] { return known }
        switch listType {
        case "map" where !listMapKeys.isEmpty: return .listMap(listMapKeys)
        case "set": return .listSet
        default: break
        }
        switch format {
        case "int32": return .int32
        case "int64": return .int64
        case "byte": return .base64
        case "date-time": return .dateTime
        default: return .none
        }
    }

    static let core = "io.k8s.api.core.v1."
    static let apps = "io.k8s.api.apps.v1."
    static let batch = "io.k8s.api.batch.v1."
    static let meta = "io.k8s.apimachinery.pkg.apis.meta.v1."

    /// The API server's checks (k8s.io/kubernetes/pkg/apis/*/validation), by definition and
    /// property.
    static let propertyHints: [String: [String: ValueHint]] = {
        let seconds: ValueHint = .nonNegative
        let h: [String: [String: ValueHint]] = [
            core + "ContainerPort": [
                "containerPort": .port(allowZero: false), "hostPort": .port(allowZero: true), "name": .portName,
                "protocol": .oneOf(["TCP", "UDP", "SCTP"]),
            ],
            core + "ServicePort": [
                "port": .port(allowZero: false), "targetPort": .portOrName(allowZero: true), "nodePort": .port(allowZero: true),
                "name": .dnsLabel, "protocol": .oneOf(["TCP", "UDP", "SCTP"]),
            ],
            core + "EndpointPort": ["port": .port(allowZero: false), "protocol": .oneOf(["TCP", "UDP", "SCTP"])],
            core + "HTTPGetAction": ["port": .portOrName(allowZero: false), "scheme": .oneOf(["HTTP", "HTTPS"])],
            core + "TCPSocketAction": ["port": .portOrName(allowZero: false)],
            core + "GRPCAction": ["port": .port(allowZero: false)],
            core + "Probe": [
                "initialDelaySeconds": seconds, "periodSeconds": seconds, "timeoutSeconds": seconds, "successThreshold": seconds,
                "failureThreshold": seconds, "terminationGracePeriodSeconds": seconds,
            ],
            core + "Container": [
                "name": .dnsLabel, "imagePullPolicy": .oneOf(["Always", "IfNotPresent", "Never"]),
                "terminationMessagePolicy": .oneOf(["File", "FallbackToLogsOnError"]),
            ],
            core + "EphemeralContainer": ["name": .dnsLabel, "imagePullPolicy": .oneOf(["Always", "IfNotPresent", "Never"])],
            core + "Volume": ["name": .dnsLabel],
            core + "PodSpec": [
                "restartPolicy": .oneOf(["Always", "OnFailure", "Never"]),
                "dnsPolicy": .oneOf(["ClusterFirstWithHostNet", "ClusterFirst", "Default", "None"]),
                "terminationGracePeriodSeconds": seconds, "activeDeadlineSeconds": .positive, "nodeSelector": .labels,
                "preemptionPolicy": .oneOf(["PreemptLowerPriority", "Never"]),
            ],
            core + "ServiceSpec": [
                "type": .oneOf(["ClusterIP", "NodePort", "LoadBalancer", "ExternalName"]),
                "sessionAffinity": .oneOf(["ClientIP", "None"]),
                "externalTrafficPolicy": .oneOf(["Cluster", "Local"]), "internalTrafficPolicy": .oneOf(["Cluster", "Local"]),
                "ipFamilyPolicy": .oneOf(["SingleStack", "PreferDualStack", "RequireDualStack"]),
            ],
            core + "Toleration": [
                "operator": .oneOf(["Exists", "Equal"]), "effect": .oneOf(["NoSchedule", "PreferNoSchedule", "NoExecute"]),
            ],
            core + "Taint": ["effect": .oneOf(["NoSchedule", "PreferNoSchedule", "NoExecute"])],
            core + "NodeSelectorRequirement": ["operator": .oneOf(["In", "NotIn", "Exists", "DoesNotExist", "Gt", "Lt"])],
            core + "PersistentVolumeClaimSpec": [
                "accessModes[]": .oneOf(["ReadWriteOnce", "ReadOnlyMany", "ReadWriteMany", "ReadWriteOncePod"]),
                "volumeMode": .oneOf(["Filesystem", "Block"]),
            ],
            core + "PersistentVolumeSpec": [
                "accessModes[]": .oneOf(["ReadWriteOnce", "ReadOnlyMany", "ReadWriteMany", "ReadWriteOncePod"]),
                "persistentVolumeReclaimPolicy": .oneOf(["Recycle", "Delete", "Retain"]),
                "volumeMode": .oneOf(["Filesystem", "Block"]),
            ],
            core + "ResourceRequirements": ["limits{}": .nonNegativeQuantity, "requests{}": .nonNegativeQuantity],
            core + "VolumeResourceRequirements": ["limits{}": .nonNegativeQuantity, "requests{}": .nonNegativeQuantity],
            core + "SeccompProfile": ["type": .oneOf(["Localhost", "RuntimeDefault", "Unconfined"])],
            core + "ReplicationControllerSpec": ["replicas": .nonNegative, "minReadySeconds": seconds],
            apps + "DeploymentSpec": [
                "replicas": .nonNegative, "minReadySeconds": seconds, "revisionHistoryLimit": .nonNegative,
                "progressDeadlineSeconds": seconds,
            ],
            apps + "DeploymentStrategy": ["type": .oneOf(["Recreate", "RollingUpdate"])],
            apps + "RollingUpdateDeployment": ["maxSurge": .countOrPercent, "maxUnavailable": .countOrPercent],
            apps + "StatefulSetSpec": [
                "replicas": .nonNegative, "minReadySeconds": seconds, "revisionHistoryLimit": .nonNegative,
                "podManagementPolicy": .oneOf(["OrderedReady", "Parallel"]),
            ],
            apps + "StatefulSetUpdateStrategy": ["type": .oneOf(["RollingUpdate", "OnDelete"])],
            apps + "RollingUpdateStatefulSetStrategy": ["maxUnavailable": .countOrPercent, "partition": .nonNegative],
            apps + "DaemonSetSpec": ["minReadySeconds": seconds, "revisionHistoryLimit": .nonNegative],
            apps + "DaemonSetUpdateStrategy": ["type": .oneOf(["RollingUpdate", "OnDelete"])],
            apps + "RollingUpdateDaemonSet": ["maxSurge": .countOrPercent, "maxUnavailable": .countOrPercent],
            apps + "ReplicaSetSpec": ["replicas": .nonNegative, "minReadySeconds": seconds],
            batch + "JobSpec": [
                "parallelism": .nonNegative, "completions": .nonNegative, "backoffLimit": .nonNegative,
                "activeDeadlineSeconds": .positive, "ttlSecondsAfterFinished": seconds,
                "completionMode": .oneOf(["NonIndexed", "Indexed"]),
            ],
            batch + "CronJobSpec": [
                "schedule": .cronSchedule, "startingDeadlineSeconds": seconds, "successfulJobsHistoryLimit": .nonNegative,
                "failedJobsHistoryLimit": .nonNegative, "concurrencyPolicy": .oneOf(["Allow", "Forbid", "Replace"]),
            ],
            "io.k8s.api.autoscaling.v2.HorizontalPodAutoscalerSpec": ["minReplicas": .positive, "maxReplicas": .positive],
            "io.k8s.api.autoscaling.v1.HorizontalPodAutoscalerSpec": [
                "minReplicas": .positive, "maxReplicas": .positive, "targetCPUUtilizationPercentage": .positive,
            ],
            "io.k8s.api.policy.v1.PodDisruptionBudgetSpec": [
                "minAvailable": .countOrPercent, "maxUnavailable": .countOrPercent,
                "unhealthyPodEvictionPolicy": .oneOf(["IfHealthyBudget", "AlwaysAllow"]),
            ],
            "io.k8s.api.networking.v1.HTTPIngressPath": ["pathType": .oneOf(["Exact", "Prefix", "ImplementationSpecific"])],
            "io.k8s.api.networking.v1.ServiceBackendPort": ["number": .port(allowZero: false), "name": .dnsLabel],
            "io.k8s.api.networking.v1.NetworkPolicyPort": [
                "port": .portOrName(allowZero: false), "endPort": .port(allowZero: false),
                "protocol": .oneOf(["TCP", "UDP", "SCTP"]),
            ],
            "io.k8s.api.networking.v1.NetworkPolicySpec": ["policyTypes[]": .oneOf(["Ingress", "Egress"])],
            meta + "ObjectMeta": ["labels": .labels, "annotations": .annotations],
            meta + "LabelSelector": ["matchLabels": .labels],
            meta + "LabelSelectorRequirement": ["operator": .oneOf(["In", "NotIn", "Exists", "DoesNotExist"])],
        ]
        return h
    }()

    // MARK: Checks

    static func check(_ value: Value, _ hint: ValueHint, schema: Schema, walker: inout SchemaWalker) {
        func fail(_ rule: String, _ message: String, severity: Severity = .error) {
            walker.report(rule, message, severity: severity)
        }
        switch hint {
        case .none:
            return
        case .int32, .int64:
            guard value.isNumber else { return }
            let range: ClosedRange<Double> = hint == .int32 ? -2_147_483_648...2_147_483_647 : -9.223372036854775808e18...9.223372036854775807e18
            if let d = value.doubleValue, !range.contains(d) {
                fail("value-format", "does not fit in a \(hint == .int32 ? 32 : 64)-bit integer")
            }
        case .base64:
            guard case .string(let s) = value else { return }
            // Go's decoder (JSON []byte) skips line breaks: kustomize folds long data.
            let bytes = s.utf8.filter { $0 != 10 && $0 != 13 }
            if Base64.decode(bytes) == nil || bytes.count % 4 != 0 {
                fail("value-format", "is not valid base64 (format: byte)")
            }
        case .dateTime:
            guard case .string(let s) = value else { return }
            if !isRFC3339(s) { fail("value-format", "is not an RFC 3339 date and time (e.g. 2025-03-01T12:00:00Z)") }
        case .quantity:
            switch value {
            case .string(let s):
                do {
                    _ = try Quantity(parsing: s)
                } catch {
                    fail("value-quantity", "is not a quantity: \(error) (e.g. 500m, 1.5, 128Mi, 2Gi)")
                }
            case .int, .double, .decimal:
                if Quantity(value) == nil { fail("value-quantity", "is not a quantity") }
            default:
                return
            }
        case .nonNegativeQuantity:
            // The definition's own check (`.quantity`) reports what does not parse.
            let quantity: Quantity?
            switch value {
            case .string(let s): quantity = try? Quantity(parsing: s)
            case .int, .double, .decimal: quantity = Quantity(value)
            default: quantity = nil
            }
            if let quantity, quantity.sign < 0 { fail("value-range", "must be greater than or equal to 0") }
        case .port(let allowZero):
            guard let n = integer(value) else { return }
            if allowZero && n == 0 { return }
            if !(1...65535).contains(n) { fail("value-range", "must be between 1 and 65535, inclusive") }
        case .portOrName(let allowZero):
            switch value {
            case .string(let s):
                if s.isEmpty && allowZero { return }
                let errors = Validation.portName(s)
                if !errors.isEmpty { fail("value-name", "is not a port number or an IANA service name: " + errors.joined(separator: "; ")) }
            default:
                guard let n = integer(value) else { return }
                if allowZero && n == 0 { return }
                if !(1...65535).contains(n) { fail("value-range", "must be between 1 and 65535, inclusive") }
            }
        case .portName:
            guard case .string(let s) = value, !s.isEmpty else { return }
            let errors = Validation.portName(s)
            if !errors.isEmpty { fail("value-name", "is not an IANA service name: " + errors.joined(separator: "; ")) }
        case .nonNegative:
            if let n = integer(value), n < 0 { fail("value-range", "must be greater than or equal to 0") }
        case .positive:
            if let n = integer(value), n < 1 { fail("value-range", "must be greater than 0") }
        case .countOrPercent:
            switch value {
            case .string(let s):
                if !isPercent(s) { fail("value-format", "must be an integer or a percentage (e.g. 25%)") }
            default:
                if let n = integer(value), n < 0 { fail("value-range", "must be greater than or equal to 0") }
            }
        case .oneOf(let allowed):
            guard case .string(let s) = value, !s.isEmpty, !allowed.contains(s) else { return }
            fail("value-enum", "unsupported value; supported values: " + allowed.map { "\"\($0)\"" }.joined(separator: ", "))
        case .dnsLabel:
            guard case .string(let s) = value, !s.isEmpty else { return }
            let errors = Validation.dns1123Label(s)
            if !errors.isEmpty { fail("value-name", errors.joined(separator: "; ")) }
        case .labels, .annotations:
            guard case .object(let map) = value else { return }
            for (key, v) in map {
                let simpleKey = isSimpleQualifiedName(key)
                if hint == .labels, case .string(let s) = v, simpleKey, s.isEmpty || isSimpleLabel(s, maxLength: 63) {
                    continue
                }
                let keyErrors = simpleKey ? [] : Validation.qualifiedName(key)
                if !keyErrors.isEmpty {
                    walker.report("value-label", "key \"\(key)\" is not a valid \(hint == .labels ? "label" : "annotation") key: " + keyErrors.joined(separator: "; "), key: key)
                }
                if hint == .labels, case .string(let s) = v {
                    let valueErrors = Validation.labelValue(s)
                    if !valueErrors.isEmpty {
                        walker.path.append(.key(key))
                        walker.report("value-label", "is not a valid label value: " + valueErrors.joined(separator: "; "))
                        walker.path.removeLast()
                    }
                }
            }
        case .cronSchedule:
            guard case .string(let s) = value else { return }
            if let problem = CronSchedule.problem(s) { fail("value-format", "is not a valid cron schedule: \(problem)") }
        case .listMap(let keys):
            guard case .array(let items) = value else { return }
            var seen: [[Value?]: Int] = [:]
            for (i, item) in items.enumerated() {
                guard case .object(let o) = item else { continue }
                let id = keys.map { o[$0] }
                if let first = seen[id] {
                    let described = zip(keys, id).map { "\($0)=\(describeKey($1))" }.joined(separator: ", ")
                    walker.report("value-unique", "duplicate entry (\(described)); item \(first) has the same keys", index: i)
                } else {
                    seen[id] = i
                }
            }
        case .listSet:
            guard case .array(let items) = value else { return }
            for i in items.indices.dropFirst() where items[..<i].contains(where: { SchemaWalker.jsonEqual($0, items[i]) }) {
                walker.report("value-unique", "duplicate entry in a set (x-kubernetes-list-type: set)", index: i)
            }
        }
    }

    /// The common case of a label key or value, decided without building error lists: at
    /// most `maxLength` ASCII letters, digits, `-`, `_`, `.`, alphanumeric at both ends.
    static func isSimpleLabel(_ s: String, maxLength: Int) -> Bool {
        let u = s.utf8
        guard let first = u.first, let last = u.last, u.count <= maxLength else { return false }
        func alnum(_ c: UInt8) -> Bool { (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) }
        return alnum(first) && alnum(last) && u.allSatisfy { alnum($0) || $0 == 45 || $0 == 46 || $0 == 95 }
    }

    /// `name` or `prefix/name` with a DNS-subdomain prefix, decided without building error
    /// lists (anything else goes to `Validation.qualifiedName` for its messages).
    static func isSimpleQualifiedName(_ s: String) -> Bool {
        let u = s.utf8
        guard let slash = u.firstIndex(of: UInt8(ascii: "/")) else { return isSimpleLabel(s, maxLength: 63) }
        let prefix = u[..<slash]
        guard !prefix.isEmpty, prefix.count <= 253 else { return false }
        func lowerAlnum(_ c: UInt8) -> Bool { (c >= 48 && c <= 57) || (c >= 97 && c <= 122) }
        // Dot-separated labels of lower-case letters, digits and inner hyphens.
        var previous: UInt8 = UInt8(ascii: ".")
        for c in prefix {
            if c == UInt8(ascii: ".") {
                guard lowerAlnum(previous) else { return false }
            } else if c == UInt8(ascii: "-") {
                guard previous != UInt8(ascii: ".") else { return false }
            } else if !lowerAlnum(c) {
                return false
            }
            previous = c
        }
        guard lowerAlnum(previous) else { return false }
        return isSimpleLabel(String(Substring(u[u.index(after: slash)...])), maxLength: 63)
    }

    static func describeKey(_ v: Value?) -> String {
        switch v {
        case .none, .some(.null): return "(unset)"
        case .some(.string(let s)): return s
        case .some(let other): return (try? JSONWriter(style: .jq, indent: 0).string(other)) ?? other.typeName
        }
    }

    /// An integral number as Int (nil for other values and fractions).
    static func integer(_ v: Value) -> Int? {
        switch v {
        case .int(let i): return i
        case .double(let d) where d.isFinite && d.rounded() == d && abs(d) < 9e18: return Int(d)
        default: return nil
        }
    }

    /// `N%` with N a non-negative integer.
    static func isPercent(_ s: String) -> Bool {
        guard s.hasSuffix("%") else { return false }
        let digits = s.utf8.dropLast()
        return !digits.isEmpty && digits.allSatisfy { $0 >= 48 && $0 <= 57 }
    }

    /// RFC 3339 as Go's `time.Parse(time.RFC3339, …)` accepts it:
    /// `YYYY-MM-DDTHH:MM:SS[.frac](Z|±HH:MM)`.
    static func isRFC3339(_ s: String) -> Bool {
        let b = Array(s.utf8)
        func digits(_ range: Range<Int>) -> Int? {
            guard range.upperBound <= b.count else { return nil }
            var n = 0
            for i in range {
                guard b[i] >= 48 && b[i] <= 57 else { return nil }
                n = n * 10 + Int(b[i] - 48)
            }
            return n
        }
        guard b.count >= 20, let _ = digits(0..<4), b[4] == UInt8(ascii: "-"), let month = digits(5..<7),
            b[7] == UInt8(ascii: "-"), let day = digits(8..<10), b[10] == UInt8(ascii: "T") || b[10] == UInt8(ascii: "t"),
            let hour = digits(11..<13), b[13] == UInt8(ascii: ":"), let minute = digits(14..<16), b[16] == UInt8(ascii: ":"),
            let second = digits(17..<19)
        else { return false }
        guard (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 60 else { return false }
        var i = 19
        if b[i] == UInt8(ascii: ".") {
            i += 1
            let start = i
            while i < b.count, b[i] >= 48 && b[i] <= 57 { i += 1 }
            if i == start { return false }
        }
        guard i < b.count else { return false }
        if b[i] == UInt8(ascii: "Z") || b[i] == UInt8(ascii: "z") { return i + 1 == b.count }
        guard b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-"), i + 6 == b.count, let h = digits(i + 1..<i + 3),
            b[i + 3] == UInt8(ascii: ":"), let m = digits(i + 4..<i + 6)
        else { return false }
        return h < 24 && m < 60
    }
}
