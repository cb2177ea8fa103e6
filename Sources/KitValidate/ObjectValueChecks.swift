import KitCore
import KitModel

/// The `values` family's checks that need the whole object: names by kind (the API server's
/// name rules), ConfigMap and Secret keys, and fields that constrain each other.
enum ObjectValueChecks {
    static func check(_ m: Manifest) -> [Finding] {
        var findings: [Finding] = []
        func fail(_ rule: String, _ message: String, _ path: [PathComponent]) {
            findings.append(Finding(rule: rule, severity: .error, message: message, path: path))
        }
        let name = m.name
        if !name.isEmpty {
            let errors = nameErrors(name, kind: m.kind, group: m.gvk.group)
            if !errors.isEmpty {
                fail("value-name", "invalid \(m.kind) name: " + errors.joined(separator: "; "), [.key("metadata"), .key("name")])
            }
        }
        if !m.namespace.isEmpty {
            let errors = Validation.dns1123Label(m.namespace)
            if !errors.isEmpty {
                fail("value-name", "invalid namespace: " + errors.joined(separator: "; "), [.key("metadata"), .key("namespace")])
            }
        }
        let group = m.gvk.group
        switch (group, m.kind) {
        case ("", "ConfigMap"), ("", "Secret"):
            for field in ["data", "binaryData", "stringData"] {
                guard case .object(let data)? = m.value[field] else { continue }
                for (key, _) in data {
                    let errors = Validation.configMapKey(key)
                    if !errors.isEmpty {
                        var f = Finding(rule: "value-name", severity: .error, message: "invalid key \"\(key)\": " + errors.joined(separator: "; "), path: [.key(field), .key(key)])
                        f.locateKey = true
                        findings.append(f)
                    }
                }
            }
        case ("autoscaling", "HorizontalPodAutoscaler"):
            if let min = m.value["spec"]?["minReplicas"].flatMap(ValueChecks.integer),
                let max = m.value["spec"]?["maxReplicas"].flatMap(ValueChecks.integer), min > max
            {
                fail("value-range", "maxReplicas (\(max)) must be greater than or equal to minReplicas (\(min))", [.key("spec"), .key("maxReplicas")])
            }
        case ("apps", "Deployment"):
            let spec = m.value["spec"]
            if let deadline = spec?["progressDeadlineSeconds"].flatMap(ValueChecks.integer),
                let ready = spec?["minReadySeconds"].flatMap(ValueChecks.integer), deadline <= ready
            {
                fail("value-range", "progressDeadlineSeconds must be greater than minReadySeconds", [.key("spec"), .key("progressDeadlineSeconds")])
            }
        case ("batch", "CronJob"):
            if name.utf8.count > 52 {
                fail("value-name", "a CronJob name must be no more than 52 characters", [.key("metadata"), .key("name")])
            }
        default:
            break
        }
        return findings
    }

    /// The API server's name rule for a kind: RFC 1123 labels for namespaces, RFC 1035 labels
    /// for Services, path segments for RBAC objects, `<plural>.<group>` for CRDs, RFC 1123
    /// subdomains for the rest (custom resources included).
    static func nameErrors(_ name: String, kind: String, group: String) -> [String] {
        switch (group, kind) {
        case ("", "Namespace"):
            return Validation.dns1123Label(name)
        case ("", "Service"):
            return Validation.dns1035Label(name)
        case ("rbac.authorization.k8s.io", "Role"), ("rbac.authorization.k8s.io", "ClusterRole"),
            ("rbac.authorization.k8s.io", "RoleBinding"), ("rbac.authorization.k8s.io", "ClusterRoleBinding"):
            return Validation.pathSegmentName(name)
        default:
            return Validation.dns1123Subdomain(name)
        }
    }
}
