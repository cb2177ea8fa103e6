import KitCore
import KitModel

/// The `refs` family: checks across the objects of one run, which schema validators cannot
/// make. A reference to a kind the input holds none of is skipped (the target may live
/// outside the input) unless `--closed-world` is given; a reference that is missing although
/// the input holds objects of its kind is a warning (it may still live elsewhere), an error
/// with `--closed-world`. An object without a namespace matches any namespace (it gets one
/// when applied).
struct CrossObjectChecks {
    let manifests: [Manifest]
    let closedWorld: Bool
    private var byKind: [String: Int] = [:]
    /// Objects by group, kind and name.
    private var byName: [String: [Int]] = [:]
    private var findings: [(Int, Finding)] = []

    init(manifests: [Manifest], closedWorld: Bool) {
        self.manifests = manifests
        self.closedWorld = closedWorld
        for (i, m) in manifests.enumerated() {
            byKind[key(m.gvk.group, m.kind), default: 0] += 1
            byName[key(m.gvk.group, m.kind) + "/" + m.name, default: []].append(i)
        }
    }

    private func key(_ group: String, _ kind: String) -> String { group + "/" + kind }

    /// Whether references to objects of this kind are checked.
    private func checks(_ group: String, _ kind: String) -> Bool {
        closedWorld || byKind[key(group, kind)] != nil
    }

    /// The objects of a kind named `name` that an object in `namespace` can refer to.
    private func find(_ group: String, _ kind: String, _ name: String, namespace: String) -> [Int] {
        (byName[key(group, kind) + "/" + name] ?? []).filter { sameNamespace(manifests[$0].namespace, namespace) }
    }

    private func sameNamespace(_ a: String, _ b: String) -> Bool { a.isEmpty || b.isEmpty || a == b }

    private mutating func report(_ i: Int, _ rule: String, _ message: String, _ path: [PathComponent], severity: Severity? = nil) {
        let severity = severity ?? RuleCatalog.rule(rule)?.severity ?? .error
        findings.append((i, Finding(rule: rule, severity: severity, message: message, path: path)))
    }

    /// A missing target: an error in a closed world, else a warning.
    private mutating func missing(_ i: Int, _ rule: String, _ message: String, _ path: [PathComponent]) {
        report(i, rule, message + (closedWorld ? "" : " (it may live elsewhere; --closed-world makes this an error)"), path,
            severity: closedWorld ? .error : .warning)
    }

    mutating func run() -> [(Int, Finding)] {
        let pods = manifests.enumerated().compactMap { i, m in PodTemplate(m).map { (i, $0) } }
        for (i, pod) in pods {
            checkPodReferences(i, pod)
        }
        checkSelectors(pods: pods)
        checkIngresses()
        checkAutoscalers()
        checkBindings()
        checkDuplicates()
        return findings
    }

    // MARK: Pods' references

    private mutating func checkPodReferences(_ i: Int, _ pod: PodTemplate) {
        let ns = manifests[i].namespace
        func optional(_ o: Value?) -> Bool { o?["optional"]?.boolValue == true }
        func need(_ kind: String, _ name: String?, optional isOptional: Bool, _ path: [PathComponent], rule: String) {
            guard let name, !name.isEmpty, !isOptional, checks("", kind) else { return }
            if find("", kind, name, namespace: ns).isEmpty {
                missing(i, rule, "\(kind) \"\(name)\" is not among the validated objects\(ns.isEmpty ? "" : " in namespace \(ns)")", path)
            }
        }
        for (c, path, _) in pod.containers {
            if case .array(let env)? = c["env"] {
                for (j, e) in env.enumerated() {
                    let base = path + [.key("env"), .index(j), .key("valueFrom")]
                    if let ref = e["valueFrom"]?["configMapKeyRef"] {
                        need("ConfigMap", ref["name"]?.stringValue, optional: optional(ref), base + [.key("configMapKeyRef"), .key("name")], rule: "missing-configmap")
                    }
                    if let ref = e["valueFrom"]?["secretKeyRef"] {
                        need("Secret", ref["name"]?.stringValue, optional: optional(ref), base + [.key("secretKeyRef"), .key("name")], rule: "missing-secret")
                    }
                }
            }
            if case .array(let envFrom)? = c["envFrom"] {
                for (j, e) in envFrom.enumerated() {
                    let base = path + [.key("envFrom"), .index(j)]
                    if let ref = e["configMapRef"] {
                        need("ConfigMap", ref["name"]?.stringValue, optional: optional(ref), base + [.key("configMapRef"), .key("name")], rule: "missing-configmap")
                    }
                    if let ref = e["secretRef"] {
                        need("Secret", ref["name"]?.stringValue, optional: optional(ref), base + [.key("secretRef"), .key("name")], rule: "missing-secret")
                    }
                }
            }
        }
        for (v, path) in pod.volumes {
            if let cm = v["configMap"] {
                need("ConfigMap", cm["name"]?.stringValue, optional: optional(cm), path + [.key("configMap"), .key("name")], rule: "missing-configmap")
            }
            if let secret = v["secret"] {
                need("Secret", secret["secretName"]?.stringValue, optional: optional(secret), path + [.key("secret"), .key("secretName")], rule: "missing-secret")
            }
            if let claim = v["persistentVolumeClaim"] {
                need("PersistentVolumeClaim", claim["claimName"]?.stringValue, optional: false,
                    path + [.key("persistentVolumeClaim"), .key("claimName")], rule: "missing-pvc")
            }
            if case .array(let sources)? = v["projected"]?["sources"] {
                for (j, s) in sources.enumerated() {
                    let base = path + [.key("projected"), .key("sources"), .index(j)]
                    if let cm = s["configMap"] {
                        need("ConfigMap", cm["name"]?.stringValue, optional: optional(cm), base + [.key("configMap"), .key("name")], rule: "missing-configmap")
                    }
                    if let secret = s["secret"] {
                        need("Secret", secret["name"]?.stringValue, optional: optional(secret), base + [.key("secret"), .key("name")], rule: "missing-secret")
                    }
                }
            }
        }
        if case .array(let pulls)? = pod.spec["imagePullSecrets"] {
            for (j, p) in pulls.enumerated() {
                need("Secret", p["name"]?.stringValue, optional: false, pod.specPath + [.key("imagePullSecrets"), .index(j), .key("name")], rule: "missing-secret")
            }
        }
        for field in ["serviceAccountName", "serviceAccount"] {
            guard let account = pod.spec[field]?.stringValue, !account.isEmpty else { continue }
            if account != "default" {
                need("ServiceAccount", account, optional: false, pod.specPath + [.key(field)], rule: "missing-service-account")
            }
            break
        }
    }

    // MARK: Selectors

    /// The pod templates that have every label of `wanted` (found through the rarest of its
    /// labels), in an object of namespace `namespace`.
    private func podsWithLabels(_ wanted: [String: String], namespace: String, pods: [(Int, PodTemplate)], index: [String: [Int]]) -> [Int] {
        var candidates: [Int]? = nil
        for (k, v) in wanted {
            let list = index[k + "=" + v] ?? []
            if candidates == nil || list.count < candidates!.count { candidates = list }
        }
        return (candidates ?? Array(pods.indices)).filter { p in
            sameNamespace(manifests[pods[p].0].namespace, namespace) && wanted.allSatisfy { pods[p].1.labels[$0.key] == $0.value }
        }
    }

    private mutating func checkSelectors(pods: [(Int, PodTemplate)]) {
        let checkPods = closedWorld || !pods.isEmpty
        var index: [String: [Int]] = [:]
        for (p, entry) in pods.enumerated() {
            for (k, v) in entry.1.labels { index[k + "=" + v, default: []].append(p) }
        }
        for (i, m) in manifests.enumerated() {
            switch (m.gvk.group, m.kind) {
            case ("", "Service"):
                guard checkPods, m.value["spec"]?["type"]?.stringValue != "ExternalName",
                    case .object(let selector)? = m.value["spec"]?["selector"], !selector.isEmpty
                else { continue }
                let wanted = PodTemplate.stringMap(.object(selector))
                if podsWithLabels(wanted, namespace: m.namespace, pods: pods, index: index).isEmpty {
                    report(i, "dangling-service", "selector \(describe(wanted)) matches no pod template among the validated objects", [.key("spec"), .key("selector")])
                }
            case ("networking.k8s.io", "NetworkPolicy"):
                guard checkPods, let selectorValue = m.value["spec"]?["podSelector"], let selector = try? LabelSelector(selector: selectorValue),
                    !selector.isEmpty
                else { continue }
                let required = PodTemplate.stringMap(selectorValue["matchLabels"])
                let matched = podsWithLabels(required, namespace: m.namespace, pods: pods, index: index).contains { p in
                    selector.matches(pods[p].1.labels)
                }
                if !matched {
                    report(i, "dangling-network-policy", "podSelector \(selector) matches no pod template among the validated objects", [.key("spec"), .key("podSelector")])
                }
            case ("apps", "Deployment"), ("apps", "StatefulSet"), ("apps", "DaemonSet"), ("apps", "ReplicaSet"), ("batch", "Job"),
                ("", "ReplicationController"):
                checkOwnSelector(i, m)
            default:
                continue
            }
        }
    }

    /// A workload's selector must select its own template's labels.
    private mutating func checkOwnSelector(_ i: Int, _ m: Manifest) {
        guard let pod = PodTemplate(m), let selectorValue = m.value["spec"]?["selector"], !selectorValue.isNull else { return }
        if m.kind == "Job" && m.value["spec"]?["manualSelector"]?.boolValue != true { return }
        let matches: Bool
        let description: String
        if m.kind == "ReplicationController" {
            let wanted = PodTemplate.stringMap(selectorValue)
            guard !wanted.isEmpty else { return }
            matches = wanted.allSatisfy { pod.labels[$0.key] == $0.value }
            description = describe(wanted)
        } else {
            guard let selector = try? LabelSelector(selector: selectorValue), !selector.isEmpty else { return }
            matches = selector.matches(pod.labels)
            description = "\(selector)"
        }
        if !matches {
            report(i, "selector-mismatch", "selector \(description) does not match the template's labels \(describe(pod.labels))", [.key("spec"), .key("selector")])
        }
    }

    private func describe(_ labels: [String: String]) -> String {
        labels.isEmpty ? "(none)" : labels.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ",")
    }

    // MARK: Ingresses, autoscalers, bindings

    private mutating func checkIngresses() {
        guard checks("", "Service") else { return }
        for (i, m) in manifests.enumerated() where m.gvk.group == "networking.k8s.io" && m.kind == "Ingress" {
            var backends: [(Value, [PathComponent])] = []
            if let b = m.value["spec"]?["defaultBackend"]?["service"] { backends.append((b, [.key("spec"), .key("defaultBackend"), .key("service")])) }
            if case .array(let rules)? = m.value["spec"]?["rules"] {
                for (r, rule) in rules.enumerated() {
                    guard case .array(let paths)? = rule["http"]?["paths"] else { continue }
                    for (p, path) in paths.enumerated() {
                        if let b = path["backend"]?["service"] {
                            backends.append((b, [.key("spec"), .key("rules"), .index(r), .key("http"), .key("paths"), .index(p), .key("backend"), .key("service")]))
                        }
                    }
                }
            }
            for (backend, path) in backends {
                guard let name = backend["name"]?.stringValue, !name.isEmpty else { continue }
                let services = find("", "Service", name, namespace: m.namespace)
                guard let s = services.first else {
                    missing(i, "missing-ingress-service", "Service \"\(name)\" is not among the validated objects", path + [.key("name")])
                    continue
                }
                let ports = manifests[s].value["spec"]?["ports"]?.arrayValue ?? []
                if let number = backend["port"]?["number"].flatMap(ValueChecks.integer) {
                    if !ports.contains(where: { $0["port"].flatMap(ValueChecks.integer) == number }) {
                        report(i, "missing-ingress-service", "Service \"\(name)\" has no port \(number)", path + [.key("port"), .key("number")], severity: .error)
                    }
                } else if let portName = backend["port"]?["name"]?.stringValue {
                    if !ports.contains(where: { $0["name"]?.stringValue == portName }) {
                        report(i, "missing-ingress-service", "Service \"\(name)\" has no port named \"\(portName)\"", path + [.key("port"), .key("name")], severity: .error)
                    }
                }
            }
        }
    }

    private mutating func checkAutoscalers() {
        for (i, m) in manifests.enumerated() where m.gvk.group == "autoscaling" && m.kind == "HorizontalPodAutoscaler" {
            guard let target = m.value["spec"]?["scaleTargetRef"], let kind = target["kind"]?.stringValue,
                let name = target["name"]?.stringValue
            else { continue }
            let group = GroupVersionKind(apiVersion: target["apiVersion"]?.stringValue ?? "", kind: kind).group
            guard checks(group, kind) else { continue }
            if find(group, kind, name, namespace: m.namespace).isEmpty {
                missing(i, "missing-hpa-target", "\(kind) \"\(name)\" is not among the validated objects", [.key("spec"), .key("scaleTargetRef"), .key("name")])
            }
        }
    }

    /// ClusterRoles every cluster has.
    static func isBuiltInClusterRole(_ name: String) -> Bool {
        ["cluster-admin", "admin", "edit", "view"].contains(name) || name.hasPrefix("system:")
    }

    private mutating func checkBindings() {
        let rbac = "rbac.authorization.k8s.io"
        for (i, m) in manifests.enumerated() where m.gvk.group == rbac && (m.kind == "RoleBinding" || m.kind == "ClusterRoleBinding") {
            guard let ref = m.value["roleRef"], let kind = ref["kind"]?.stringValue, let name = ref["name"]?.stringValue else { continue }
            guard kind == "Role" || kind == "ClusterRole" else { continue }
            if kind == "ClusterRole" && CrossObjectChecks.isBuiltInClusterRole(name) { continue }
            guard checks(rbac, kind) else { continue }
            let namespace = kind == "ClusterRole" ? "" : m.namespace
            if find(rbac, kind, name, namespace: namespace).isEmpty {
                missing(i, "missing-role", "\(kind) \"\(name)\" is not among the validated objects", [.key("roleRef"), .key("name")])
            }
        }
    }

    private mutating func checkDuplicates() {
        var seen: [String: Int] = [:]
        for (i, m) in manifests.enumerated() {
            let id = "\(m.gvk.group)/\(m.kind)/\(m.namespace)/\(m.name)"
            if let first = seen[id] {
                let other = manifests[first]
                let at = other.file.map { " (first in \($0.name))" } ?? ""
                report(i, "duplicate-object", "\(m.kind) \"\(m.name)\"\(m.namespace.isEmpty ? "" : " in namespace \(m.namespace)") is defined twice\(at)", [.key("metadata"), .key("name")])
            } else {
                seen[id] = i
            }
        }
    }
}
