import KitCore
import KitModel

/// Kubernetes objects for a compose project, as `kompose convert` builds them (kompose 1.38,
/// pkg/transformer/kubernetes), through KitModel's typed models.
///
/// Per service, in name order: a Service for its ports (type from `kompose.service.type`), a
/// Deployment (DaemonSet for `deploy.mode: global`, StatefulSet with `--controller statefulset`
/// or the `kompose.controller.type` label, Job — or CronJob with `kompose.cronjob.schedule` —
/// for `restart: "no"` and `on-failure`), a ConfigMap per `env_file` and `configs` entry,
/// a PersistentVolumeClaim per volume (a ConfigMap for a host file or directory that exists),
/// an Ingress for `kompose.service.expose`; Secrets for top-level `secrets` with a file.
/// Services come first, then Secrets, then each service's objects; repeats are dropped.
///
/// Where kit departs from kompose, deliberately: objects carry `app.kubernetes.io/name` and
/// `app.kubernetes.io/part-of` instead of `io.kompose.service`; one-shot services become Jobs
/// rather than bare Pods; a PVC's default size is 1Gi (kompose: 100Mi); a `CMD-SHELL`
/// healthcheck runs through `/bin/sh -c` (kompose passes the whole string as one argument);
/// `cpus` sets a CPU limit when `deploy.resources` has none; secrets are mounted where compose
/// puts them (kompose's `--secrets-as-files` paths); a StatefulSet keeps its secret and config
/// volumes (kompose drops every pod volume there).
struct KubernetesRenderer {
    struct Options {
        var controller: String?
        var replicas: Int?
    }

    let project: ComposeProject
    let options: Options
    let diagnostics: Diagnostics

    /// The objects, and for each a file name (`NAME-KIND`).
    static func render(_ project: ComposeProject, options: Options, diagnostics: Diagnostics) throws -> [(Value, String)] {
        if let c = options.controller, !["deployment", "daemonset", "statefulset"].contains(c) {
            throw KitError("--controller must be deployment, daemonset or statefulset, not \(c)")
        }
        return try KubernetesRenderer(project: project, options: options, diagnostics: diagnostics).render()
    }

    func render() throws -> [(Value, String)] {
        var services: [Value] = []
        var others: [Value] = []
        others += try secrets()
        for s in project.services.sorted(by: { utf8Less($0.name, $1.name) }) {
            let (svcObjects, objects) = try convert(s)
            services += svcObjects
            others += objects
        }
        var seen: Set<String> = []
        var out: [(Value, String)] = []
        for object in services + others {
            let kind = object["kind"]?.stringValue ?? ""
            let name = object["metadata"]?["name"]?.stringValue ?? ""
            guard seen.insert(kind + "/" + name).inserted else { continue }
            out.append((object, "\(name)-\(kind.lowercased())"))
        }
        return out
    }

    // MARK: - Names, labels, annotations

    /// kompose's name of a service: lower case, `_` and `.` as `-` (or `kompose.service.name_override`).
    func objectName(_ s: ComposeService) throws -> String {
        let base = label(s, "kompose.service.name_override") ?? s.name
        let name = KubernetesRenderer.formatName(base)
        let problems = Validation.dns1035Label(name)
        if let problem = problems.first {
            throw composeError("the service name gives the Kubernetes name \"\(name)\", which is invalid: \(problem)", path: s.path, at: s.location)
        }
        return name
    }

    static func formatName(_ name: String) -> String {
        String(name.lowercased().map { $0 == "_" || $0 == "." ? "-" : $0 })
    }

    func labels(_ name: String) -> [(String, String)] {
        [("app.kubernetes.io/name", name), ("app.kubernetes.io/part-of", project.name)]
    }

    func label(_ s: ComposeService, _ key: String) -> String? {
        s.pairs("labels").last { $0.0 == key }?.1
    }

    /// Compose labels become annotations, except kompose's own settings.
    func annotations(_ s: ComposeService) -> [(String, String)] {
        s.pairs("labels").filter { !$0.0.hasPrefix("kompose.") }
    }

    func meta(_ name: String, labels: [(String, String)], annotations: [(String, String)] = []) -> Meta.V1.ObjectMeta {
        var m = Meta.V1.ObjectMeta.empty
        m.name = name
        if !labels.isEmpty { m.labels = KubernetesRenderer.map(labels) }
        if !annotations.isEmpty { m.annotations = KubernetesRenderer.map(annotations) }
        return m
    }

    static func map(_ pairs: [(String, String)]) -> FieldMap<String> {
        var m = FieldMap<String>()
        for (k, v) in pairs { m[k] = v }
        return m
    }

    static func object<T: KubernetesObjectModel>(_ type: T.Type) -> T {
        T(raw: ["apiVersion": .string(T.groupVersionKind.apiVersion), "kind": .string(T.groupVersionKind.kind)])
    }

    // MARK: - One service

    /// The service's Service objects, and its other objects in kompose's order.
    func convert(_ s: ComposeService) throws -> ([Value], [Value]) {
        let name = try objectName(s)
        var objects: [Value] = []

        // Which controller.
        var restart = s.string("restart") ?? ""
        if restart == "unless-stopped" { restart = "always" }
        if let condition = s["deploy"]?["restart_policy"]?["condition"]?.string {
            restart = condition == "none" ? "no" : condition == "any" ? "always" : condition
        }
        let oneShot = (restart == "no" || restart == "on-failure") && options.controller == nil
        var controller = options.controller ?? "deployment"
        if s["deploy"]?["mode"]?.string == "global" && options.controller == nil { controller = "daemonset" }
        if let labelled = label(s, "kompose.controller.type") {
            let lower = labelled.lowercased()
            guard ["deployment", "daemonset", "statefulset"].contains(lower) else {
                throw composeError("kompose.controller.type must be deployment, daemonset or statefulset", path: s.path / "labels", at: s.location(of: "labels"))
            }
            if options.controller != nil && options.controller != lower {
                diagnostics.warn("the kompose.controller.type label (\(lower)) wins over --controller for service \(s.name)", at: s.location(of: "labels"))
            }
            controller = lower
        }

        let pod = try podTemplate(s, name: name, restart: restart, oneShot: oneShot, controller: controller)
        var template = pod.template
        if oneShot {
            template.spec.restartPolicy = restart == "no" ? "Never" : "OnFailure"
            if let schedule = label(s, "kompose.cronjob.schedule") {
                var cj = KubernetesRenderer.object(Batch.V1.CronJob.self)
                cj.metadata = meta(name, labels: labels(name), annotations: annotations(s))
                var jobTemplate = Batch.V1.JobTemplateSpec.empty
                jobTemplate.spec.template = template
                if let limit = label(s, "kompose.cronjob.backoff_limit") {
                    guard let n = Int(limit) else { throw composeError("kompose.cronjob.backoff_limit must be an integer", path: s.path / "labels", at: s.location(of: "labels")) }
                    jobTemplate.spec.backoffLimit = n
                }
                cj.spec.jobTemplate = jobTemplate
                cj.spec.schedule = schedule
                if let policy = label(s, "kompose.cronjob.concurrency_policy") {
                    guard ["Allow", "Forbid", "Replace"].contains(policy) else {
                        throw composeError("kompose.cronjob.concurrency_policy must be Allow, Forbid or Replace", path: s.path / "labels", at: s.location(of: "labels"))
                    }
                    cj.spec.concurrencyPolicy = policy
                }
                objects.append(cj.toValue())
            } else {
                var job = KubernetesRenderer.object(Batch.V1.Job.self)
                job.metadata = meta(name, labels: labels(name), annotations: annotations(s))
                job.spec.template = template
                objects.append(job.toValue())
            }
        } else {
            if restart == "no" || restart == "on-failure" {
                diagnostics.warn("service \(s.name) has restart: \(restart), but a \(controller) always restarts its pods", at: s.location(of: "restart"))
            }
            template.spec.restartPolicy = "Always"
            let replicas = options.replicas ?? s["deploy"]?["replicas"]?.scalar?.intValue ?? 1
            var workloadLabels = labels(name)
            for (k, v) in s.pairs("deploy").isEmpty ? [] : ComposeMerge.mapping(s["deploy"]?["labels"], split: .label).entries.map({ ($0.key, ComposeMerge.scalarText($0.value)) }) {
                workloadLabels.append((k, v))
            }
            var selector = Meta.V1.LabelSelector.empty
            selector.matchLabels = KubernetesRenderer.map(labels(name))
            switch controller {
            case "daemonset":
                var ds = KubernetesRenderer.object(Apps.V1.DaemonSet.self)
                ds.metadata = meta(name, labels: workloadLabels, annotations: annotations(s))
                ds.spec.selector = selector
                ds.spec.template = template
                objects.append(ds.toValue())
            case "statefulset":
                var ss = KubernetesRenderer.object(Apps.V1.StatefulSet.self)
                ss.metadata = meta(name, labels: workloadLabels, annotations: annotations(s))
                ss.spec.replicas = replicas
                ss.spec.selector = selector
                ss.spec.serviceName = name
                ss.spec.template = template
                if !pod.claims.isEmpty {
                    ss.spec.volumeClaimTemplates = pod.claims.map { claim in
                        var c = claim
                        c.raw["apiVersion"] = nil
                        c.raw["kind"] = nil
                        return c
                    }
                }
                objects.append(ss.toValue())
            default:
                var d = KubernetesRenderer.object(Apps.V1.Deployment.self)
                d.metadata = meta(name, labels: workloadLabels, annotations: annotations(s))
                d.spec.replicas = replicas
                d.spec.selector = selector
                d.spec.template = template
                if let strategy = try updateStrategy(s) {
                    d.spec.strategy = strategy
                } else if !s.volumes.isEmpty {
                    d.spec.strategy.type = "Recreate"
                }
                objects.append(d.toValue())
            }
        }
        objects += pod.envConfigMaps
        objects += pod.configConfigMaps

        // Service and Ingress.
        var serviceObjects: [Value] = []
        let ports = servicePorts(s)
        var type = try serviceType(s)
        if controller == "statefulset" && !oneShot { type = "Headless" }
        if !ports.isEmpty {
            if type == "LoadBalancer" {
                let tcp = ports.filter { $0.proto == "TCP" }, udp = ports.filter { $0.proto != "TCP" }
                for (suffix, group) in [("tcp", tcp), ("udp", udp)] where !group.isEmpty {
                    serviceObjects.append(try service(s, name: name + "-" + suffix, selectorName: name, ports: group, type: type, lbNames: true).toValue())
                }
            } else {
                serviceObjects.append(try service(s, name: name, selectorName: name, ports: ports, type: type, lbNames: false).toValue())
            }
        } else if type == "Headless" {
            var svc = KubernetesRenderer.object(Core.V1.Service.self)
            svc.metadata = meta(name, labels: labels(name), annotations: annotations(s))
            var port = Core.V1.ServicePort.empty
            port.name = "headless"
            port.port = 55555
            svc.spec.ports = [port]
            svc.spec.clusterIP = "None"
            svc.spec.selector = KubernetesRenderer.map(labels(name))
            serviceObjects.append(svc.toValue())
        } else if label(s, "kompose.service.expose") != nil {
            diagnostics.warn("service \(s.name) has kompose.service.expose but no ports; no Ingress is made", at: s.location(of: "labels"))
        }
        if let expose = label(s, "kompose.service.expose"), let first = ports.first {
            objects.append(ingress(s, name: name, hosts: expose, port: first.port).toValue())
        }
        if controller != "statefulset" || oneShot {
            objects += pod.claims.map { $0.toValue() }
        }
        objects += pod.volumeConfigMaps
        return (serviceObjects, objects)
    }

    func updateStrategy(_ s: ComposeService) throws -> Apps.V1.DeploymentStrategy? {
        guard let update = s["deploy"]?["update_config"], let order = update["order"]?.string else { return nil }
        let parallelism = update["parallelism"]?.scalar?.intValue ?? 1
        var strategy = Apps.V1.DeploymentStrategy.empty
        strategy.type = "RollingUpdate"
        var rolling = Apps.V1.RollingUpdateDeployment.empty
        switch order {
        case "start-first":
            rolling.maxSurge = .int(parallelism)
            rolling.maxUnavailable = .int(0)
        case "stop-first":
            rolling.maxSurge = .int(0)
            rolling.maxUnavailable = .int(parallelism)
        default:
            return nil
        }
        strategy.rollingUpdate = rolling
        return strategy
    }

    // MARK: - Ports and Services

    struct PortSpec {
        var target: Int
        var port: Int
        var proto: String
        var hostIP: String?
        var hostPort: Int?
    }

    /// `ports` then `expose` (kompose's loadPorts), one entry per container port and protocol.
    func servicePorts(_ s: ComposeService) -> [PortSpec] {
        var out: [PortSpec] = []
        for p in s.ports {
            let proto = p.effectiveProtocol.uppercased()
            let published = p.publishedPort
            out.append(PortSpec(target: p.target, port: published ?? p.target, proto: proto, hostIP: p.hostIP, hostPort: published))
        }
        for e in s.strings("expose") {
            let parts = e.split(separator: "/", maxSplits: 1)
            let proto = parts.count == 2 ? parts[1].uppercased() : "TCP"
            guard let first = parts.first else { continue }
            let bounds = first.split(separator: "-", maxSplits: 1).compactMap { Int($0) }
            guard let low = bounds.first, low >= 0, bounds.allSatisfy({ $0 <= 65535 }) else { continue }
            for port in low...(bounds.count == 2 ? max(low, bounds[1]) : low)
            where !out.contains(where: { $0.target == port && $0.proto == proto }) {
                out.append(PortSpec(target: port, port: port, proto: proto, hostIP: nil, hostPort: nil))
            }
        }
        return out
    }

    func serviceType(_ s: ComposeService) throws -> String? {
        if let t = label(s, "kompose.service.type") {
            switch t.lowercased() {
            case "clusterip": return "ClusterIP"
            case "nodeport": return "NodePort"
            case "loadbalancer": return "LoadBalancer"
            case "headless": return "Headless"
            default:
                throw composeError("kompose.service.type must be clusterip, nodeport, loadbalancer or headless", path: s.path / "labels", at: s.location(of: "labels"))
            }
        }
        if s["deploy"]?["endpoint_mode"]?.string == "vip" { return "NodePort" }
        return nil
    }

    func service(_ s: ComposeService, name: String, selectorName: String, ports: [PortSpec], type: String?, lbNames: Bool) throws -> Core.V1.Service {
        var svc = KubernetesRenderer.object(Core.V1.Service.self)
        svc.metadata = meta(name, labels: labels(name), annotations: annotations(s))
        var seen: Set<Int> = []
        var nodePort: Int? = nil
        if let text = label(s, "kompose.service.nodeport.port") {
            guard let n = Int(text) else { throw composeError("kompose.service.nodeport.port must be a port number", path: s.path / "labels", at: s.location(of: "labels")) }
            guard type == "NodePort" else { throw composeError("kompose.service.nodeport.port needs kompose.service.type: nodeport", path: s.path / "labels", at: s.location(of: "labels")) }
            guard ports.count == 1 else { throw composeError("kompose.service.nodeport.port works with a single port", path: s.path / "labels", at: s.location(of: "labels")) }
            nodePort = n
        }
        svc.spec.ports = ports.map { p in
            var port = Core.V1.ServicePort.empty
            var portName = String(p.port)
            if !lbNames && seen.contains(p.port) { portName += "-" + p.proto.lowercased() }
            seen.insert(p.port)
            port.name = portName
            port.port = p.port
            port.targetPort = .int(p.target)
            if p.proto != "TCP" { port.`protocol` = p.proto }
            if let nodePort { port.nodePort = nodePort }
            return port
        }
        svc.spec.selector = KubernetesRenderer.map(labels(selectorName))
        switch type {
        case "Headless":
            svc.spec.type = "ClusterIP"
            svc.spec.clusterIP = "None"
        case let t?:
            svc.spec.type = t
        case nil:
            break
        }
        if let policy = label(s, "kompose.service.external-traffic-policy") {
            switch policy.lowercased() {
            case "local", "cluster":
                if type == "LoadBalancer" || type == "NodePort" {
                    svc.spec.externalTrafficPolicy = policy.lowercased() == "local" ? "Local" : "Cluster"
                } else {
                    diagnostics.warn("kompose.service.external-traffic-policy needs a LoadBalancer or NodePort service; ignored", at: s.location(of: "labels"))
                }
            default:
                throw composeError("kompose.service.external-traffic-policy must be local or cluster", path: s.path / "labels", at: s.location(of: "labels"))
            }
        }
        return svc
    }

    func ingress(_ s: ComposeService, name: String, hosts: String, port: Int) -> Networking.V1.Ingress {
        var ing = KubernetesRenderer.object(Networking.V1.Ingress.self)
        ing.metadata = meta(name, labels: labels(name), annotations: annotations(s))
        let entries = hosts.split(separator: ",").map { GoSyntax.trimSpace($0) }.filter { !$0.isEmpty }
        var tlsHosts: [String] = []
        ing.spec.rules = entries.map { entry in
            var host = entry
            var path = "/"
            if entry != "true", let slash = entry.firstIndex(of: "/") {
                host = String(entry[..<slash])
                path = String(entry[slash...])
            }
            var rule = Networking.V1.IngressRule.empty
            var http = Networking.V1.HTTPIngressRuleValue.empty
            var p = Networking.V1.HTTPIngressPath.empty
            p.path = path
            p.pathType = "Prefix"
            var backend = Networking.V1.IngressBackend.empty
            var serviceBackend = Networking.V1.IngressServiceBackend.empty
            serviceBackend.name = name
            var backendPort = Networking.V1.ServiceBackendPort.empty
            backendPort.number = port
            serviceBackend.port = backendPort
            backend.service = serviceBackend
            p.backend = backend
            http.paths = [p]
            rule.http = http
            if host != "true" {
                rule.host = host
                tlsHosts.append(host)
            }
            return rule
        }
        if let secret = label(s, "kompose.service.expose.tls-secret") {
            var tls = Networking.V1.IngressTLS.empty
            if !tlsHosts.isEmpty { tls.hosts = tlsHosts }
            if secret != "true" { tls.secretName = secret }
            ing.spec.tls = [tls]
            if tls.raw.isEmpty { ing.spec.raw["tls"] = [.object(Object())] }
        }
        if let className = label(s, "kompose.service.expose.ingress-class-name") { ing.spec.ingressClassName = className }
        return ing
    }

    // MARK: - Secrets

    func secrets() throws -> [Value] {
        var out: [Value] = []
        for e in project.secrets.entries {
            guard let o = e.value.object else { continue }
            if o["external"] != nil && o["file"] == nil {
                diagnostics.warn("external secret \(e.key) is not converted (create it in the cluster)", at: e.keyLocation)
                continue
            }
            guard let file = o["file"]?.string else {
                if o["environment"] != nil {
                    diagnostics.warn("secret \(e.key) comes from an environment variable, which kompose does not convert", at: e.keyLocation)
                }
                continue
            }
            let path = Paths.isAbsolute(file) ? file : Paths.absolute(file, base: project.workingDirectory)
            let bytes: [UInt8]
            do {
                bytes = try FileIO.read(path, limits: .regularFiles())
            } catch {
                throw composeError("cannot read the secret's file \(file)", path: KeyPath([.key("secrets"), .key(e.key), .key("file")]), node: o["file"])
            }
            let name = KubernetesRenderer.formatResourceName(e.key)
            var secret = KubernetesRenderer.object(Core.V1.Secret.self)
            secret.metadata = meta(name, labels: labels(name))
            secret.type = "Opaque"
            var data = FieldMap<String>()
            data[name] = Base64.encode(bytes)
            secret.data = data
            out.append(secret.toValue())
        }
        return out
    }

    /// kompose's `FormatResourceName`: lower case, `_` as `-`.
    static func formatResourceName(_ s: String) -> String {
        String(s.lowercased().map { $0 == "_" ? "-" : $0 })
    }

    // MARK: - The pod

    struct Pod {
        var template: Core.V1.PodTemplateSpec
        var claims: [Core.V1.PersistentVolumeClaim] = []
        var envConfigMaps: [Value] = []
        var configConfigMaps: [Value] = []
        var volumeConfigMaps: [Value] = []
    }

    func podTemplate(_ s: ComposeService, name: String, restart: String, oneShot: Bool, controller: String) throws -> Pod {
        var container = Core.V1.Container.empty
        let containerName = (s.string("container_name").map { $0.replacingUnderscores() }) ?? s.name.replacingUnderscores()
        container.name = containerName
        container.image = s.string("image") ?? s.name
        if let entrypoint = try s.words("entrypoint"), !entrypoint.isEmpty { container.command = entrypoint }
        if let command = try s.words("command"), !command.isEmpty {
            container.args = command.map(KubernetesRenderer.kubernetesVariables)
        }
        if let dir = s.string("working_dir") { container.workingDir = dir }
        if s.bool("stdin_open") == true { container.stdin = true }
        if s.bool("tty") == true { container.tty = true }
        if let policy = label(s, "kompose.image-pull-policy") {
            guard ["Always", "Never", "IfNotPresent"].contains(policy) else {
                throw composeError("kompose.image-pull-policy must be Always, Never or IfNotPresent", path: s.path / "labels", at: s.location(of: "labels"))
            }
            container.imagePullPolicy = policy
        }
        if let policy = s.string("pull_policy"), label(s, "kompose.image-pull-policy") == nil {
            switch policy {
            case "always": container.imagePullPolicy = "Always"
            case "never": container.imagePullPolicy = "Never"
            case "missing", "if_not_present": container.imagePullPolicy = "IfNotPresent"
            default: break
            }
        }

        var pod = Pod(template: .empty)
        // Environment: env files as ConfigMaps, the rest inline.
        var fromFiles: Set<String> = []
        var envFrom: [Core.V1.EnvFromSource] = []
        let declaredFiles = ComposeMerge.listOrString(s["env_file"]).map { item in item.string ?? item["path"]?.string ?? "" }
        for (i, file) in s.envFiles.enumerated() {
            let written = i < declaredFiles.count ? declaredFiles[i] : file
            let cmName = KubernetesRenderer.envConfigMapName(written, service: name)
            guard FileIO.exists(file) else { continue }
            var data = FieldMap<String>()
            let env = project.environment
            for e in try DotEnv.parse(try FileIO.read(file, limits: .regularFiles()), file: file, lookup: { env[$0] }) {
                data[e.key] = e.value ?? env[e.key] ?? ""
                fromFiles.insert(e.key)
            }
            var cm = KubernetesRenderer.object(Core.V1.ConfigMap.self)
            cm.metadata = meta(cmName, labels: labels(name))
            cm.data = data
            pod.envConfigMaps.append(cm.toValue())
            var source = Core.V1.EnvFromSource.empty
            var ref = Core.V1.ConfigMapEnvSource.empty
            ref.name = cmName
            source.configMapRef = ref
            envFrom.append(source)
        }
        let env = s.environment.filter { !$0.fromEnvFile && !fromFiles.contains($0.name) && $0.value != nil }
            .sorted { utf8Less($0.name, $1.name) }
            .map { v -> Core.V1.EnvVar in
                var e = Core.V1.EnvVar.empty
                e.name = v.name
                var value = v.value ?? ""
                if value.contains("run/secrets") { value = KubernetesRenderer.formatResourceName(value) }
                e.value = value
                return e
            }
        if !env.isEmpty { container.env = env }
        if !envFrom.isEmpty { container.envFrom = envFrom }

        // Ports.
        let exposeToHost = label(s, "kompose.controller.port.expose") == "true"
        var containerPorts: [Core.V1.ContainerPort] = []
        for p in servicePorts(s) where !containerPorts.contains(where: { $0.containerPort == p.target && $0.`protocol` == p.proto }) {
            var cp = Core.V1.ContainerPort.empty
            cp.containerPort = p.target
            cp.`protocol` = p.proto
            if exposeToHost {
                if let ip = p.hostIP { cp.hostIP = ip }
                if let hp = p.hostPort { cp.hostPort = hp }
            }
            containerPorts.append(cp)
        }
        if !containerPorts.isEmpty { container.ports = containerPorts }

        // Volumes.
        var mounts: [Core.V1.VolumeMount] = []
        var volumes: [Core.V1.Volume] = []
        try secretVolumes(s, mounts: &mounts, volumes: &volumes)
        try configVolumes(s, name: name, pod: &pod, mounts: &mounts, volumes: &volumes)
        try serviceVolumes(s, name: name, pod: &pod, mounts: &mounts, volumes: &volumes)
        for (i, entry) in s.strings("tmpfs").enumerated() {
            let volumeName = "\(name)-tmpfs\(i)"
            mounts.append(KubernetesRenderer.mount(volumeName, at: String(entry.split(separator: ":", maxSplits: 1).first ?? "")))
            volumes.append(KubernetesRenderer.memoryVolume(volumeName))
        }
        if !mounts.isEmpty { container.volumeMounts = mounts }
        // A StatefulSet gets its claims as volumeClaimTemplates, not as pod volumes.
        if controller == "statefulset" && !oneShot {
            volumes.removeAll { v in pod.claims.contains { $0.metadata.name == v.name } }
        }

        // Probes, resources, security.
        if let liveness = try livenessProbe(s) { container.livenessProbe = liveness }
        if let readiness = try readinessProbe(s) { container.readinessProbe = readiness }
        container.resources = try resources(s)
        var security = Core.V1.SecurityContext.empty
        if s.bool("privileged") == true { security.privileged = true }
        if s.bool("read_only") == true { security.readOnlyRootFilesystem = true }
        let add = s.strings("cap_add"), drop = s.strings("cap_drop")
        if !add.isEmpty || !drop.isEmpty {
            var caps = Core.V1.Capabilities.empty
            if !add.isEmpty { caps.add = add }
            if !drop.isEmpty { caps.drop = drop }
            security.capabilities = caps
        }
        if let user = s.string("user") ?? s["user"]?.scalar.flatMap({ YAMLOutputRules.numberText($0) }) {
            let parts = user.split(separator: ":", omittingEmptySubsequences: false)
            if parts.count <= 2 {
                if let uid = Int(parts[0]) { security.runAsUser = uid } else { diagnostics.warn("user \(parts[0]) of service \(s.name) is not numeric; Kubernetes needs a UID (ignored)", at: s.location(of: "user")) }
                if parts.count == 2 {
                    if let gid = Int(parts[1]) { security.runAsGroup = gid } else { diagnostics.warn("group \(parts[1]) of service \(s.name) is not numeric; Kubernetes needs a GID (ignored)", at: s.location(of: "user")) }
                }
            }
        }
        if !security.raw.isEmpty { container.securityContext = security }

        var spec = Core.V1.PodSpec.empty
        spec.containers = [container]
        if !volumes.isEmpty { spec.volumes = volumes }
        if let hostname = s.string("hostname") { spec.hostname = hostname }
        if let domain = s.string("domainname") { spec.subdomain = domain }
        if let stop = s["stop_grace_period"], !stop.isNull {
            if let seconds = GoDuration.seconds(ComposeMerge.scalarText(stop)) {
                spec.terminationGracePeriodSeconds = Int(seconds)
            } else {
                throw composeError("invalid duration: use a duration such as 10s or 1m30s", path: s.path / "stop_grace_period", node: stop)
            }
        }
        var podSecurity = Core.V1.PodSecurityContext.empty
        let groups = s.strings("group_add").compactMap { Int($0) }
        if !groups.isEmpty { podSecurity.supplementalGroups = groups }
        if let fs = label(s, "kompose.security-context.fsgroup") {
            guard let n = Int(fs) else { throw composeError("kompose.security-context.fsgroup must be an integer", path: s.path / "labels", at: s.location(of: "labels")) }
            podSecurity.fsGroup = n
        }
        if !podSecurity.raw.isEmpty { spec.securityContext = podSecurity }
        if let secret = label(s, "kompose.image-pull-secret") {
            var ref = Core.V1.LocalObjectReference.empty
            ref.name = secret
            spec.imagePullSecrets = [ref]
        }
        if let account = label(s, "kompose.serviceaccount-name") { spec.serviceAccountName = account }
        if let affinity = try affinity(s) { spec.affinity = affinity }

        var template = Core.V1.PodTemplateSpec.empty
        template.metadata = meta("", labels: labels(name), annotations: annotations(s))
        template.metadata.raw["name"] = nil
        template.spec = spec
        pod.template = template
        return pod
    }

    /// `$VAR` in arguments as Kubernetes spells it: `$(VAR)`.
    static func kubernetesVariables(_ arg: String) -> String {
        var out = ""
        var chars = Array(arg)
        var i = 0
        chars.append("\0")
        while i < chars.count - 1 {
            if chars[i] == "$" {
                var j = i + 1
                while j < chars.count - 1, chars[j].isASCII, chars[j].isLetter || chars[j].isNumber { j += 1 }
                out += "$(" + String(chars[(i + 1)..<j]) + ")"
                i = j
            } else {
                out.append(chars[i])
                i += 1
            }
        }
        return out
    }

    /// kompose's `FormatEnvName`: the env file's path trimmed of `.` and `/`, other
    /// characters than letters and digits as `-`, the service name in front of a leading `-`,
    /// at most 63 characters.
    static func envConfigMapName(_ path: String, service: String) -> String {
        var s = Substring(path)
        while let c = s.first, c == "." || c == "/" { s = s.dropFirst() }
        while let c = s.last, c == "." || c == "/" { s = s.dropLast() }
        var name = String(s.map { ($0.isASCII && ($0.isLetter || $0.isNumber)) ? $0 : "-" })
        if name.isEmpty || name.hasPrefix("-") { name = service + name }
        if name.count > 63 { name = String(name.prefix(63)) }
        return name
    }

    /// One key of a Secret or ConfigMap, as the file `path` of its volume.
    static func item(_ key: String, path: String) -> [Core.V1.KeyToPath] {
        var keyToPath = Core.V1.KeyToPath.empty
        keyToPath.key = key
        keyToPath.path = path
        return [keyToPath]
    }

    static func mount(_ name: String, at path: String, subPath: String? = nil) -> Core.V1.VolumeMount {
        var mount = Core.V1.VolumeMount.empty
        mount.name = name
        mount.mountPath = path
        if let subPath { mount.subPath = subPath }
        return mount
    }

    /// A memory-backed emptyDir, as compose's tmpfs mounts become.
    static func memoryVolume(_ name: String) -> Core.V1.Volume {
        var volume = Core.V1.Volume.empty
        volume.name = name
        var emptyDir = Core.V1.EmptyDirVolumeSource.empty
        emptyDir.medium = "Memory"
        volume.emptyDir = emptyDir
        return volume
    }

    func secretVolumes(_ s: ComposeService, mounts: inout [Core.V1.VolumeMount], volumes: inout [Core.V1.Volume]) throws {
        for item in s["secrets"]?.array ?? [] {
            let source = KubernetesRenderer.formatResourceName(item.string ?? item["source"]?.string ?? "")
            let target = item["target"]?.string.map(KubernetesRenderer.formatResourceName)
            // kompose's `--secrets-as-files` paths: the file lands exactly where compose puts it
            // (its default, legacy paths mount the file over the target's directory).
            let path = target ?? source
            let mountPath = path.hasPrefix("/") ? path : "/run/secrets/" + path
            let itemPath = String(path.split(separator: "/").last ?? Substring(path))
            var volume = Core.V1.Volume.empty
            volume.name = source
            var secret = Core.V1.SecretVolumeSource.empty
            secret.secretName = source
            secret.items = KubernetesRenderer.item(source, path: itemPath)
            if let mode = item["mode"]?.scalar?.intValue { secret.defaultMode = mode }
            volume.secret = secret
            volumes.append(volume)
            mounts.append(KubernetesRenderer.mount(source, at: mountPath, subPath: itemPath))
        }
    }

    func configVolumes(_ s: ComposeService, name: String, pod: inout Pod, mounts: inout [Core.V1.VolumeMount], volumes: inout [Core.V1.Volume]) throws {
        for (i, item) in (s["configs"]?.array ?? []).enumerated() {
            let source = item.string ?? item["source"]?.string ?? ""
            guard let declared = project.configs[source]?.object else { continue }
            if declared["external"]?.scalar == .bool(true) {
                diagnostics.warn("external config \(source) is not converted (create it in the cluster)", at: item.location)
                continue
            }
            let target = item["target"]?.string ?? "/" + source
            let subPath = Paths.baseName(target)
            let cmName = KubernetesRenderer.formatName(Paths.baseName(source)).replacingUnderscores()
            var data = FieldMap<String>()
            let key: String
            if let file = declared["file"]?.string {
                let path = Paths.isAbsolute(file) ? file : Paths.absolute(file, base: project.workingDirectory)
                key = Paths.baseName(file)
                guard let bytes = try? FileIO.read(path, limits: .regularFiles()), let text = String(validating: bytes, as: UTF8.self) else {
                    throw composeError("cannot read the config's file \(file) as text", path: s.path / "configs" / i, node: item)
                }
                data[key] = text.replacingCRLF()
            } else if let content = declared["content"]?.string {
                key = subPath
                data[key] = content
            } else {
                diagnostics.warn("config \(source) has neither file nor content; not converted", at: item.location)
                continue
            }
            var cm = KubernetesRenderer.object(Core.V1.ConfigMap.self)
            cm.metadata = meta(cmName, labels: labels(name))
            cm.data = data
            pod.configConfigMaps.append(cm.toValue())
            var volume = Core.V1.Volume.empty
            volume.name = cmName
            var cmSource = Core.V1.ConfigMapVolumeSource.empty
            cmSource.name = cmName
            cmSource.items = KubernetesRenderer.item(key, path: subPath)
            if let mode = item["mode"]?.scalar?.intValue { cmSource.defaultMode = mode }
            volume.configMap = cmSource
            volumes.append(volume)
            mounts.append(KubernetesRenderer.mount(cmName, at: target, subPath: subPath))
        }
    }

    func serviceVolumes(_ s: ComposeService, name: String, pod: inout Pod, mounts: inout [Core.V1.VolumeMount], volumes: inout [Core.V1.Volume]) throws {
        let subPath = label(s, "kompose.volume.subpath")
        for (i, v) in s.volumes.enumerated() {
            guard v.type == "volume" || v.type == "bind" else {
                if v.type == "tmpfs" {
                    // A long-syntax tmpfs, as the short tmpfs entries.
                    let volumeName = "\(name)-tmpfs-volume\(i)"
                    mounts.append(KubernetesRenderer.mount(volumeName, at: v.target))
                    volumes.append(KubernetesRenderer.memoryVolume(volumeName))
                } else {
                    diagnostics.warn("volume type \(v.type) of service \(s.name) has no Kubernetes equivalent; skipped", at: v.location)
                }
                continue
            }
            let mode = v.mode ?? (v.readOnly ? "ro" : "")
            let readOnly = v.readOnly || mode == "rox"
            var mount = Core.V1.VolumeMount.empty
            mount.mountPath = v.target
            if readOnly { mount.readOnly = true }
            var volume = Core.V1.Volume.empty
            if v.type == "bind", let host = v.resolvedSource {
                if host.hasSuffix(".sock") {
                    diagnostics.warn("the socket \(v.source ?? host) of service \(s.name) cannot be mounted in Kubernetes; skipped", at: v.location)
                    continue
                }
                if let cm = try hostConfigMap(path: host, target: v.target, name: "\(name)-cm\(i)", service: name) {
                    mount.name = "\(name)-cm\(i)"
                    volume.name = mount.name
                    var source = Core.V1.ConfigMapVolumeSource.empty
                    source.name = mount.name
                    if let item = cm.item {
                        source.items = KubernetesRenderer.item(item, path: Paths.baseName(v.target))
                        mount.subPath = Paths.baseName(v.target)
                    }
                    volume.configMap = source
                    pod.volumeConfigMaps.append(cm.object.toValue())
                    if let subPath { mount.subPath = subPath }
                    mounts.append(mount)
                    volumes.append(volume)
                    continue
                }
                diagnostics.warn("the host path \(v.source ?? host) of service \(s.name) becomes a PersistentVolumeClaim (its content is not copied)", at: v.location)
            }
            let claimName = v.isNamedVolume ? KubernetesRenderer.formatResourceName(v.source ?? "") : "\(name)-claim\(i)"
            mount.name = claimName
            volume.name = claimName
            var claimSource = Core.V1.PersistentVolumeClaimVolumeSource.empty
            claimSource.claimName = claimName
            if readOnly { claimSource.readOnly = true }
            volume.persistentVolumeClaim = claimSource
            if let subPath { mount.subPath = subPath }
            mounts.append(mount)
            volumes.append(volume)
            pod.claims.append(try claim(claimName, mode: mode, service: s, volumeName: v.isNamedVolume ? v.source : nil, location: v.location))
        }
    }

    struct HostConfigMap {
        var object: Core.V1.ConfigMap
        /// The single key of a ConfigMap made from a file (mounted with a subPath).
        var item: String?
    }

    /// A host file, or a directory with files, as kompose turns it into a ConfigMap.
    func hostConfigMap(path: String, target: String, name: String, service: String) throws -> HostConfigMap? {
        guard FileIO.exists(path) else { return nil }
        var cm = KubernetesRenderer.object(Core.V1.ConfigMap.self)
        cm.metadata = meta(name, labels: labels(service))
        var data = FieldMap<String>()
        var binary = FieldMap<String>()
        func add(_ key: String, _ bytes: [UInt8]) {
            if let text = String(validating: bytes, as: UTF8.self), !text.contains("\0") {
                data[key] = text.replacingCRLF()
            } else {
                binary[key] = Base64.encode(bytes)
            }
        }
        if FileIO.isDirectory(path) {
            // Regular files only (no devices, FIFOs or links out of the tree).
            let files = (try? FileIO.regularFiles(below: path) { _ in true }) ?? []
            let names = files.filter { !$0.dropFirst(path.count + 1).contains("/") }
            guard !names.isEmpty else { return nil }
            for file in names {
                guard let bytes = try? FileIO.read(file, limits: .regularFiles()) else { continue }
                add(Paths.baseName(file), bytes)
            }
            if !data.isEmpty { cm.data = data }
            if !binary.isEmpty { cm.binaryData = binary }
            return HostConfigMap(object: cm, item: nil)
        }
        let key = Paths.baseName(path)
        // A device, FIFO or socket is not content to copy: the mount becomes a claim.
        guard let bytes = try? FileIO.read(path, limits: .regularFiles()) else { return nil }
        add(key, bytes)
        if !data.isEmpty { cm.data = data }
        if !binary.isEmpty { cm.binaryData = binary }
        cm.metadata.annotations = KubernetesRenderer.map([("use-subpath", "true")])
        return HostConfigMap(object: cm, item: key)
    }

    func claim(_ name: String, mode: String, service s: ComposeService, volumeName: String?, location: SourceLocation) throws -> Core.V1.PersistentVolumeClaim {
        var pvc = KubernetesRenderer.object(Core.V1.PersistentVolumeClaim.self)
        pvc.metadata = meta(name, labels: labels(name))
        let volumeLabels = volumeName.flatMap { project.volumes[$0]?["labels"] }.map { ComposeMerge.mapping($0, split: .label) } ?? NodeObject()
        func volumeLabel(_ key: String) -> String? { volumeLabels[key].map(ComposeMerge.scalarText) }
        let size = volumeLabel("kompose.volume.size") ?? label(s, "kompose.volume.size") ?? "1Gi"
        guard (try? Quantity(parsing: size)) != nil else {
            throw composeError("kompose.volume.size \"\(size)\" is not a Kubernetes quantity (such as 1Gi or 500Mi)", path: s.path / "volumes", at: location)
        }
        var resources = Core.V1.VolumeResourceRequirements.empty
        var requests = FieldMap<QuantityString>()
        requests["storage"] = QuantityString(size)
        resources.requests = requests
        pvc.spec.resources = resources
        switch mode {
        case "ro", "rox": pvc.spec.accessModes = ["ReadOnlyMany"]
        case "rwx": pvc.spec.accessModes = ["ReadWriteMany"]
        case "rwop": pvc.spec.accessModes = ["ReadWriteOncePod"]
        default: pvc.spec.accessModes = ["ReadWriteOnce"]
        }
        if let storageClass = volumeLabel("kompose.volume.storage-class-name") ?? label(s, "kompose.volume.storage-class-name") {
            pvc.spec.storageClassName = storageClass
        }
        if let selector = volumeLabel("kompose.volume.selector") {
            var ls = Meta.V1.LabelSelector.empty
            ls.matchLabels = KubernetesRenderer.map(labels(selector))
            pvc.spec.selector = ls
        }
        return pvc
    }

    // MARK: - Probes, resources, placement

    func livenessProbe(_ s: ComposeService) throws -> Core.V1.Probe? {
        var probe = Core.V1.Probe.empty
        let hc = s["healthcheck"]?.object
        if hc?["disable"]?.scalar == .bool(true) { return nil }
        var command: [String] = []
        if let test = hc?["test"] {
            if let text = test.string {
                command = ["/bin/sh", "-c", text]
            } else {
                let items = (test.array ?? []).map(ComposeMerge.scalarText)
                switch items.first {
                case "NONE": return nil
                case "CMD": command = Array(items.dropFirst())
                case "CMD-SHELL": command = ["/bin/sh", "-c", items.dropFirst().joined(separator: " ")]
                default: command = items
                }
            }
        }
        if !command.isEmpty {
            var exec = Core.V1.ExecAction.empty
            exec.command = command
            probe.exec = exec
        } else if let path = label(s, "kompose.service.healthcheck.liveness.http_get_path"), let port = label(s, "kompose.service.healthcheck.liveness.http_get_port").flatMap({ Int($0) }) {
            var get = Core.V1.HTTPGetAction.empty
            get.path = path
            get.port = .int(port)
            probe.httpGet = get
        } else if let port = label(s, "kompose.service.healthcheck.liveness.tcp_port").flatMap({ Int($0) }) {
            var tcp = Core.V1.TCPSocketAction.empty
            tcp.port = .int(port)
            probe.tcpSocket = tcp
        } else if hc != nil {
            throw composeError("a healthcheck needs a test (or kompose.service.healthcheck.liveness.* labels)", path: s.path / "healthcheck", at: s.location(of: "healthcheck"))
        } else {
            return nil
        }
        try timing(&probe, hc.map { o in { (key: String) in o[key] } } ?? { _ in nil }, s: s, prefix: s.path / "healthcheck")
        return probe
    }

    func readinessProbe(_ s: ComposeService) throws -> Core.V1.Probe? {
        let prefix = "kompose.service.healthcheck.readiness."
        let pairs = s.pairs("labels").filter { $0.0.hasPrefix(prefix) }
        guard !pairs.isEmpty else { return nil }
        func value(_ key: String) -> String? { pairs.last { $0.0 == prefix + key }?.1 }
        if value("disable") == "true" { return nil }
        var probe = Core.V1.Probe.empty
        if let test = value("test") {
            guard var words = try? ShellWords.split(test) else {
                throw composeError("\(prefix)test has an unterminated quote", path: s.path / "labels", at: s.location(of: "labels"))
            }
            if let first = words.first, ["NONE", "CMD", "CMD-SHELL"].contains(first) { words.removeFirst() }
            var exec = Core.V1.ExecAction.empty
            exec.command = words
            probe.exec = exec
        } else if let path = value("http_get_path"), let port = value("http_get_port").flatMap({ Int($0) }) {
            var get = Core.V1.HTTPGetAction.empty
            get.path = path
            get.port = .int(port)
            probe.httpGet = get
        } else if let port = value("tcp_port").flatMap({ Int($0) }) {
            var tcp = Core.V1.TCPSocketAction.empty
            tcp.port = .int(port)
            probe.tcpSocket = tcp
        } else {
            throw composeError("the readiness probe labels need a test, an http_get_path with http_get_port, or a tcp_port", path: s.path / "labels", at: s.location(of: "labels"))
        }
        let location = s.location(of: "labels")
        try timing(&probe, { key in value(key).map { Node(scalar: .string($0), at: location) } }, s: s, prefix: s.path / "labels")
        return probe
    }

    func timing(_ probe: inout Core.V1.Probe, _ field: (String) -> Node?, s: ComposeService, prefix: KeyPath) throws {
        func seconds(_ key: String) throws -> Int? {
            guard let n = field(key), !n.isNull else { return nil }
            guard let v = GoDuration.seconds(ComposeMerge.scalarText(n)) else {
                throw composeError("invalid duration: use a duration such as 30s or 1m30s", path: prefix / key, node: n)
            }
            return v == 0 ? nil : Int(v)
        }
        if let v = try seconds("timeout") { probe.timeoutSeconds = v }
        if let v = try seconds("interval") { probe.periodSeconds = v }
        if let v = try seconds("start_period") { probe.initialDelaySeconds = v }
        if let n = field("retries") {
            guard let r = n.scalar?.intValue ?? Int(ComposeMerge.scalarText(n)) else { throw composeError("retries must be an integer", path: prefix / "retries", node: n) }
            if r != 0 { probe.failureThreshold = r }
        }
    }

    func resources(_ s: ComposeService) throws -> Core.V1.ResourceRequirements {
        var r = Core.V1.ResourceRequirements.empty
        let limits = s["deploy"]?["resources"]?["limits"]
        let reservations = s["deploy"]?["resources"]?["reservations"]
        func bytes(_ node: Node?, _ path: KeyPath) throws -> Int64? {
            guard let node, !node.isNull else { return nil }
            if let i = node.scalar?.intValue { return Int64(i) }
            guard let b = GoUnits.ramInBytes(ComposeMerge.scalarText(node)) else {
                throw composeError("invalid size: use a byte count or a size such as 512m or 1g", path: path, node: node)
            }
            return b
        }
        func millicores(_ node: Node?, _ path: KeyPath) throws -> Int64? {
            guard let node, !node.isNull else { return nil }
            guard let d = node.scalar?.doubleValue ?? Double(ComposeMerge.scalarText(node)), d.isFinite, d >= 0, d < 1e12 else {
                throw composeError("must be a number of CPUs", path: path, node: node)
            }
            return Int64((d * 1000).rounded(.towardZero))
        }
        var limitMap = FieldMap<QuantityString>()
        var requestMap = FieldMap<QuantityString>()
        let deployPath = s.path / "deploy" / "resources"
        let memLimit = try bytes(limits?["memory"], deployPath / "limits" / "memory") ?? bytes(s["mem_limit"], s.path / "mem_limit")
        if let memLimit, memLimit != 0 { limitMap["memory"] = QuantityString(Quantity(memLimit, format: .decimalExponent).description) }
        let cpuLimit = try millicores(limits?["cpus"], deployPath / "limits" / "cpus") ?? millicores(s["cpus"], s.path / "cpus")
        if let cpuLimit, cpuLimit != 0 { limitMap["cpu"] = QuantityString(Quantity(milliValue: cpuLimit, format: .decimalSI).description) }
        if let memRequest = try bytes(reservations?["memory"], deployPath / "reservations" / "memory"), memRequest != 0 {
            requestMap["memory"] = QuantityString(Quantity(memRequest, format: .decimalExponent).description)
        }
        if let cpuRequest = try millicores(reservations?["cpus"], deployPath / "reservations" / "cpus"), cpuRequest != 0 {
            requestMap["cpu"] = QuantityString(Quantity(milliValue: cpuRequest, format: .decimalSI).description)
        }
        let deployLabels = ComposeMerge.mapping(s["deploy"]?["labels"], split: .label)
        for (key, kind) in [("kompose.ephemeral-storage.limit", 0), ("kompose.ephemeral-storage.request", 1)] {
            guard let text = deployLabels[key].map(ComposeMerge.scalarText), (try? Quantity(parsing: text)) != nil else { continue }
            if kind == 0 { limitMap["ephemeral-storage"] = QuantityString(text) } else { requestMap["ephemeral-storage"] = QuantityString(text) }
        }
        if !limitMap.isEmpty { r.limits = limitMap }
        if !requestMap.isEmpty { r.requests = requestMap }
        return r
    }

    /// `deploy.placement.constraints` as a required node affinity.
    func affinity(_ s: ComposeService) throws -> Core.V1.Affinity? {
        let constraints = (s["deploy"]?["placement"]?["constraints"]?.array ?? []).map(ComposeMerge.scalarText)
        guard !constraints.isEmpty else { return nil }
        var expressions: [Core.V1.NodeSelectorRequirement] = []
        for c in constraints {
            let op: String
            let parts: [Substring]
            if c.contains("!=") {
                op = "NotIn"
                parts = c.split(separator: "!=", maxSplits: 1).map { Substring(GoSyntax.trimSpace($0)) }
            } else if c.contains("==") {
                op = "In"
                parts = c.split(separator: "==", maxSplits: 1).map { Substring(GoSyntax.trimSpace($0)) }
            } else {
                diagnostics.warn("placement constraint \"\(c)\" of service \(s.name) has no == or !=; ignored", at: s.location(of: "deploy"))
                continue
            }
            guard parts.count == 2 else { continue }
            let key: String
            switch parts[0] {
            case "node.hostname": key = "kubernetes.io/hostname"
            case "engine.labels.operatingsystem", "node.platform.os": key = "kubernetes.io/os"
            default:
                if parts[0].hasPrefix("node.labels.") {
                    key = String(parts[0].dropFirst("node.labels.".count))
                } else {
                    diagnostics.warn("placement constraint \"\(c)\" of service \(s.name) has no Kubernetes equivalent; ignored", at: s.location(of: "deploy"))
                    continue
                }
            }
            var r = Core.V1.NodeSelectorRequirement.empty
            r.key = key
            r.`operator` = op
            r.values = [String(parts[1])]
            expressions.append(r)
        }
        guard !expressions.isEmpty else { return nil }
        var term = Core.V1.NodeSelectorTerm.empty
        term.matchExpressions = expressions
        var selector = Core.V1.NodeSelector.empty
        selector.nodeSelectorTerms = [term]
        var nodeAffinity = Core.V1.NodeAffinity.empty
        nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution = selector
        var affinity = Core.V1.Affinity.empty
        affinity.nodeAffinity = nodeAffinity
        return affinity
    }
}

extension String {
    func replacingUnderscores() -> String { String(map { $0 == "_" ? "-" : $0 }) }

    func replacingCRLF() -> String {
        var out = ""
        var previousCR = false
        for c in unicodeScalars {
            if previousCR && c != "\n" { out.unicodeScalars.append("\r") }
            previousCR = c == "\r"
            if !previousCR { out.unicodeScalars.append(c) }
        }
        if previousCR { out.unicodeScalars.append("\r") }
        return out
    }
}
