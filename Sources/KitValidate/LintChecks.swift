import KitCore
import KitModel

/// The `lint` family: practices that kube-linter and kube-score check most, each a rule of
/// `RuleCatalog.lint` with its own id, severity and documentation.
struct LintChecks {
    let manifests: [Manifest]
    /// The Kubernetes version checked against (`v1.37.0`), for deprecated APIs.
    let kubernetesVersion: String
    private var findings: [(Int, Finding)] = []

    init(manifests: [Manifest], kubernetesVersion: String) {
        self.manifests = manifests
        self.kubernetesVersion = kubernetesVersion
    }

    private mutating func report(_ i: Int, _ rule: String, _ message: String, _ path: [PathComponent], severity: Severity? = nil) {
        findings.append((i, Finding(rule: rule, severity: severity ?? RuleCatalog.rule(rule)?.severity ?? .warning, message: message, path: path)))
    }

    mutating func run() -> [(Int, Finding)] {
        for (i, m) in manifests.enumerated() {
            checkDeprecated(i, m)
            guard let pod = PodTemplate(m) else { continue }
            checkPod(i, m, pod)
            for (c, path, kind) in pod.containers where kind != .ephemeral {
                checkContainer(i, m, pod, c, path, isInit: kind == .initContainer)
            }
            checkReplicas(i, m, pod)
        }
        checkDisruptionBudgets()
        return findings
    }

    // MARK: Containers

    static let dangerousCapabilities: Set<String> = ["SYS_ADMIN", "NET_ADMIN", "SYS_PTRACE", "SYS_MODULE", "NET_RAW", "DAC_READ_SEARCH", "BPF", "ALL"]

    private mutating func checkContainer(_ i: Int, _ m: Manifest, _ pod: PodTemplate, _ c: Object, _ path: [PathComponent], isInit: Bool) {
        let name = c["name"]?.stringValue ?? "?"
        let what = "container \"\(name)\""
        if let image = c["image"]?.stringValue, let problem = LintChecks.imageTagProblem(image) {
            report(i, "latest-tag", "\(what): image \(image) \(problem); pin a version or a digest", path + [.key("image")])
        }
        let resources = c["resources"]
        let requests = resources?["requests"]
        let missingRequests = ["cpu", "memory"].filter { requests?[$0] == nil }
        if !missingRequests.isEmpty {
            report(i, "missing-requests", "\(what) has no \(missingRequests.joined(separator: " or ")) request", path + (resources == nil ? [] : [.key("resources")]))
        }
        if resources?["limits"]?["memory"] == nil {
            report(i, "missing-limits", "\(what) has no memory limit", path + (resources == nil ? [] : [.key("resources")]))
        }
        if !isInit && PodTemplate.isLongRunning(m) {
            if c["readinessProbe"] == nil { report(i, "missing-readiness-probe", "\(what) has no readiness probe", path) }
            if c["livenessProbe"] == nil { report(i, "missing-liveness-probe", "\(what) has no liveness probe", path) }
        }
        let security = c["securityContext"]
        let securityPath = path + (security == nil ? [] : [.key("securityContext")])
        if security?["privileged"]?.boolValue == true {
            report(i, "privileged", "\(what) runs privileged", path + [.key("securityContext"), .key("privileged")])
        }
        switch security?["allowPrivilegeEscalation"] {
        case .bool(false)?:
            break
        case .bool(true)?:
            report(i, "privilege-escalation", "\(what) sets allowPrivilegeEscalation: true", path + [.key("securityContext"), .key("allowPrivilegeEscalation")])
        default:
            report(i, "privilege-escalation", "\(what) does not set allowPrivilegeEscalation: false", securityPath)
        }
        let podSecurity = pod.spec["securityContext"]
        let nonRoot = security?["runAsNonRoot"]?.boolValue ?? podSecurity?["runAsNonRoot"]?.boolValue
        let user = (security?["runAsUser"] ?? podSecurity?["runAsUser"]).flatMap(ValueChecks.integer)
        if user == 0 {
            report(i, "run-as-root", "\(what) runs as user 0 (root)", securityPath)
        } else if nonRoot != true && user == nil {
            report(i, "run-as-root", "\(what) may run as root: set runAsNonRoot: true or a non-zero runAsUser", securityPath)
        }
        if security?["readOnlyRootFilesystem"]?.boolValue != true {
            report(i, "writable-root-fs", "\(what) has a writable root filesystem (readOnlyRootFilesystem is not true)", securityPath)
        }
        if case .array(let added)? = security?["capabilities"]?["add"] {
            for (j, cap) in added.enumerated() {
                guard let s = cap.stringValue else { continue }
                let bare = s.uppercased().hasPrefix("CAP_") ? String(s.uppercased().dropFirst(4)) : s.uppercased()
                if LintChecks.dangerousCapabilities.contains(bare) {
                    report(i, "dangerous-capabilities", "\(what) adds the capability \(s)", path + [.key("securityContext"), .key("capabilities"), .key("add"), .index(j)])
                }
            }
        }
        if case .array(let env)? = c["env"] {
            for (j, e) in env.enumerated() {
                guard let envName = e["name"]?.stringValue, case .string(let value)? = e["value"], !value.isEmpty,
                    LintChecks.looksSecret(envName)
                else { continue }
                report(i, "env-secret-literal", "\(what): env \(envName) holds a literal value that looks like a secret; use valueFrom.secretKeyRef", path + [.key("env"), .index(j), .key("value")])
            }
        }
        let portNames = Set((c["ports"]?.arrayValue ?? []).compactMap { $0["name"]?.stringValue })
        for probe in ["livenessProbe", "readinessProbe", "startupProbe"] {
            for action in ["httpGet", "tcpSocket"] {
                guard case .string(let port)? = c[probe]?[action]?["port"], !portNames.contains(port) else { continue }
                if Int(port) != nil { continue }
                report(i, "probe-port", "\(what): \(probe) uses port \"\(port)\", which the container does not declare", path + [.key(probe), .key(action), .key("port")])
            }
        }
    }

    /// Why an image reference is not pinned, or nil: no tag, or `latest`.
    static func imageTagProblem(_ image: String) -> String? {
        if image.contains("@") { return nil }
        let lastComponent = image.split(separator: "/").last.map(String.init) ?? image
        guard let colon = lastComponent.lastIndex(of: ":") else { return "has no tag (it means :latest)" }
        let tag = lastComponent[lastComponent.index(after: colon)...]
        return tag == "latest" ? "uses the :latest tag" : nil
    }

    /// Environment variable names that announce a secret.
    static func looksSecret(_ name: String) -> Bool {
        let lower = name.lowercased()
        let words = ["password", "passwd", "secret", "token", "apikey", "api_key", "api-key", "credential", "private_key", "privatekey", "access_key"]
        guard words.contains(where: { lower.contains($0) }) else { return false }
        // References to where a secret lives are not secrets.
        let references = ["_file", "_path", "_name", "_ref", "_url", "_key_id", "_keyid", "_length", "_ttl", "_expiry"]
        return !references.contains(where: { lower.hasSuffix($0) })
    }

    // MARK: Pods

    static let runtimeSockets: Set<String> = [
        "/var/run/docker.sock", "/run/docker.sock", "/var/run/containerd/containerd.sock", "/run/containerd/containerd.sock",
        "/var/run/crio/crio.sock", "/run/crio/crio.sock", "/var/run/cri-dockerd.sock",
    ]

    private mutating func checkPod(_ i: Int, _ m: Manifest, _ pod: PodTemplate) {
        for (field, rule) in [("hostNetwork", "host-network"), ("hostPID", "host-pid"), ("hostIPC", "host-ipc")] where pod.spec[field]?.boolValue == true {
            report(i, rule, "the pod sets \(field): true", pod.specPath + [.key(field)])
        }
        for (v, path) in pod.volumes {
            guard let host = v["hostPath"] else { continue }
            let p = host["path"]?.stringValue ?? ""
            let trimmed = p.count > 1 && p.hasSuffix("/") ? String(p.dropLast()) : p
            if LintChecks.runtimeSockets.contains(trimmed) {
                report(i, "docker-socket", "volume \"\(v["name"]?.stringValue ?? "?")\" mounts the container runtime socket \(p)", path + [.key("hostPath"), .key("path")])
            } else {
                report(i, "host-path", "volume \"\(v["name"]?.stringValue ?? "?")\" mounts the host directory \(p)", path + [.key("hostPath")])
            }
        }
    }

    private mutating func checkReplicas(_ i: Int, _ m: Manifest, _ pod: PodTemplate) {
        guard m.gvk.group == "apps", m.kind == "Deployment" || m.kind == "StatefulSet" else { return }
        let replicas = m.value["spec"]?["replicas"].flatMap(ValueChecks.integer) ?? 1
        guard replicas > 1 else { return }
        let antiAffinity = pod.spec["affinity"]?["podAntiAffinity"]
        let spread = pod.spec["topologySpreadConstraints"]?.arrayValue ?? []
        if (antiAffinity == nil || antiAffinity?.isNull == true) && spread.isEmpty {
            report(i, "no-anti-affinity", "\(replicas) replicas without pod anti-affinity or topology spread constraints may all run on one node", pod.specPath)
        }
    }

    // MARK: Disruption budgets

    private mutating func checkDisruptionBudgets() {
        let budgets = manifests.enumerated().filter { $0.element.gvk.group == "policy" && $0.element.kind == "PodDisruptionBudget" }
        guard !budgets.isEmpty else { return }
        for (i, m) in manifests.enumerated() where m.gvk.group == "apps" && (m.kind == "Deployment" || m.kind == "StatefulSet") {
            let replicas = m.value["spec"]?["replicas"].flatMap(ValueChecks.integer) ?? 1
            guard replicas == 1, let pod = PodTemplate(m) else { continue }
            for (_, budget) in budgets {
                guard budget.namespace.isEmpty || m.namespace.isEmpty || budget.namespace == m.namespace,
                    let selectorValue = budget.value["spec"]?["selector"], let selector = try? LabelSelector(selector: selectorValue),
                    !selector.isEmpty, selector.matches(pod.labels)
                else { continue }
                let spec = budget.value["spec"]
                var blocks = false
                switch spec?["minAvailable"] {
                case .string(let s)?: blocks = s == "100%"
                case let v?: blocks = (ValueChecks.integer(v) ?? 0) >= 1
                case nil: break
                }
                switch spec?["maxUnavailable"] {
                case .string(let s)?: blocks = blocks || s == "0%"
                case let v?: blocks = blocks || ValueChecks.integer(v) == 0
                case nil: break
                }
                if blocks {
                    report(i, "pdb-blocks-eviction", "\(m.kind) \"\(m.name)\" runs 1 replica and PodDisruptionBudget \"\(budget.name)\" allows no disruption: drains will block", [.key("spec")])
                }
            }
        }
    }

    // MARK: Deprecated APIs

    private mutating func checkDeprecated(_ i: Int, _ m: Manifest) {
        guard let d = Deprecations.find(apiVersion: m.apiVersion, kind: m.kind) else { return }
        let target = Deprecations.minor(of: kubernetesVersion)
        let replacement = d.replacement.map { "; use \($0)" } ?? "; it has no replacement"
        if let removed = d.removedIn, target >= removed {
            report(i, "deprecated-api", "\(m.apiVersion) \(m.kind) is not served since Kubernetes 1.\(removed)\(replacement)", [.key("apiVersion")], severity: .error)
        } else if target >= d.deprecatedIn {
            let until = d.removedIn.map { " and removed in 1.\($0)" } ?? ""
            report(i, "deprecated-api", "\(m.apiVersion) \(m.kind) is deprecated since Kubernetes 1.\(d.deprecatedIn)\(until)\(replacement)", [.key("apiVersion")])
        }
    }
}
