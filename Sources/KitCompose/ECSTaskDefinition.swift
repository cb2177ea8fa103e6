import KitCore

/// The RegisterTaskDefinition request `ecs-cli compose` builds from a compose project and
/// ecs-params.yml (amazon-ecs-cli 1.21: utils/compose/convert_task_definition.go,
/// reconcile_container_def.go, cli/compose/adapter/convert.go, project_parseV1V2.go and
/// project_parseV3.go), in the API's camelCase keys.
///
/// What kit adds: lists ecs-cli built from Go maps (containers, environment, volumes, device
/// permissions, ulimits) come out sorted, so output is deterministic; empty values ecs-cli sends
/// (`""`, `[]`, `{}`) are left out; problems ecs-cli only met at deploy time are warnings
/// (`--strict`: errors).
public struct ECSTaskDefinition {
    public struct Options: Sendable {
        public var launchType: String?
        public var taskRoleArn: String?
        public init(launchType: String? = nil, taskRoleArn: String? = nil) {
            self.launchType = launchType
            self.taskRoleArn = taskRoleArn
        }
    }

    let project: ComposeProject
    let params: ECSParams?
    let options: Options
    let diagnostics: Diagnostics
    /// ecs-cli's per-project volume bookkeeping: host path → `volume-N`, and the volumes without
    /// a host path (declared named volumes first).
    var volumesWithHost: [(path: String, name: String)] = []
    var volumesEmptyHost: [String] = []

    /// The version-1/2 conversion path (libcompose) rather than the version-3 one (docker/cli).
    var legacy: Bool { project.format == .v1 || project.format == .v2 }
    var isSpec: Bool { project.format == .spec }

    init(project: ComposeProject, params: ECSParams?, options: Options, diagnostics: Diagnostics) {
        self.project = project
        self.params = params
        self.options = options
        self.diagnostics = diagnostics
    }

    /// The request, empty values left out.
    static func build(project: ComposeProject, params: ECSParams?, options: Options, diagnostics: Diagnostics) throws -> Value {
        var builder = ECSTaskDefinition(project: project, params: params, options: options, diagnostics: diagnostics)
        return try builder.build()
    }

    mutating func build() throws -> Value {
        guard !project.services.isEmpty else {
            throw KitError("cannot create a task definition with no containers; the project has no services", at: project.files.first.map { SourceLocation(file: $0, line: 1, column: 1) })
        }
        let family = project.declaredName
        if family.isEmpty || family.count > 255 || !family.unicodeScalars.allSatisfy({ c in
            (c >= "a" && c <= "z") || (c >= "A" && c <= "Z") || (c >= "0" && c <= "9") || c == "-" || c == "_"
        }) {
            throw KitError("the task definition family \"\(family)\" (the project name) may hold only letters, digits, - and _ (at most 255); set one with --project-name")
        }
        try declareVolumes()

        // The essential check: not every container may be marked non-essential.
        let services = project.services.sorted { utf8Less($0.name, $1.name) }
        if let params {
            let nonEssential = params.containers.filter { !$0.container.essential }.count
            if nonEssential == services.count {
                throw KitError("Task definition does not have any essential containers (ecs-params.yml marks every service essential: false)", at: params.containers.first?.container.location)
            }
        }
        var containers: [Value] = []
        for service in services {
            containers.append(try container(service))
        }
        let knownNames = Set(services.map(\.name))
        for entry in params?.containers ?? [] where !knownNames.contains(entry.name) {
            diagnostics.warn("ecs-params.yml configures service \"\(entry.name)\", which the compose project does not have; ignored", at: entry.container.location)
        }

        var td = Object()
        td["family"] = .string(family)
        td["containerDefinitions"] = .array(containers)
        td["volumes"] = .array(try taskVolumes())
        var taskRole = params?.taskRoleArn ?? ""
        if let flag = options.taskRoleArn, !flag.isEmpty { taskRole = flag }  // the flag wins
        td["taskRoleArn"] = .string(taskRole)
        td["networkMode"] = .string(params?.networkMode ?? "")
        td["cpu"] = .string(params?.cpuLimit ?? "")
        td["memory"] = .string(params?.memLimit ?? "")
        td["executionRoleArn"] = .string(params?.executionRole ?? "")
        td["placementConstraints"] = .array((params?.placementConstraints ?? []).map { c in
            ["type": .string(c.type), "expression": .string(c.expression)]
        })
        if let launchType = options.launchType, !launchType.isEmpty { td["requiresCompatibilities"] = [.string(launchType)] }
        if let pid = params?.pidMode, !pid.isEmpty { td["pidMode"] = .string(pid) }
        if let ipc = params?.ipcMode, !ipc.isEmpty { td["ipcMode"] = .string(ipc) }
        return ECSTaskDefinition.dropEmpty(.object(td)) ?? .object(Object())
    }

    /// Leaves out `""`, `[]`, `{}` and null, recursively (numbers and booleans stay).
    static func dropEmpty(_ value: Value) -> Value? {
        switch value {
        case .null: return nil
        // (`nil` spelled out: Value is itself ExpressibleByNilLiteral.)
        case .string(let s): return s.isEmpty ? Optional<Value>.none : value
        case .array(let items):
            let kept = items.compactMap(dropEmpty)
            return kept.isEmpty ? Optional<Value>.none : .array(kept)
        case .object(let o):
            var out = Object()
            for (k, v) in o { if let kept = dropEmpty(v) { out[k] = kept } }
            return out.isEmpty ? Optional<Value>.none : .object(out)
        default: return value
        }
    }

    // MARK: - Volumes

    /// Top-level named volumes: only plain declarations (ecs-cli has no volume drivers).
    mutating func declareVolumes() throws {
        for e in project.volumes.entries {
            let path = KeyPath([.key("volumes"), .key(e.key)])
            if let o = e.value.object {
                let unsupported: String?
                if let d = o["driver"], !(d.string?.isEmpty ?? false), !d.isNull {
                    unsupported = "Volume driver is not supported"
                } else if let opts = o["driver_opts"]?.object, !opts.isEmpty {
                    unsupported = "Volume driver options is not supported"
                } else if !legacy, let labels = o["labels"], !(labels.object?.isEmpty ?? labels.array?.isEmpty ?? true) {
                    unsupported = "Volume labels are not supported"
                } else if legacy || !o.isEmpty {
                    unsupported = "External option is not supported"
                } else {
                    unsupported = nil
                }
                if let unsupported {
                    throw composeError(
                        "\(unsupported) (ecs-cli accepts only plain named volumes here; declare drivers in ecs-params.yml under task_definition.docker_volumes)",
                        path: path, at: e.keyLocation)
                }
            } else if !e.value.isNull {
                throw composeError("a volume declaration must be a mapping or empty", path: path, node: e.value)
            }
            volumesEmptyHost.append(e.key)
        }
    }

    /// ecs-cli's `GetSourcePathAndUpdateVolumes`: the task volume a mount uses.
    mutating func sourceVolume(_ source: String?, isNamed: Bool, path: KeyPath, location: SourceLocation) throws -> String {
        let count = volumesWithHost.count + volumesEmptyHost.count
        guard let source, !source.isEmpty else {
            let name = "volume-\(count)"
            volumesEmptyHost.append(name)
            return name
        }
        if isNamed {
            guard volumesEmptyHost.contains(source) else {
                throw composeError("named volume [\(source)] is used but no declaration was found in the volumes section", path: path, at: location)
            }
            return source
        }
        if let known = volumesWithHost.first(where: { $0.path == source }) { return known.name }
        let name = "volume-\(count)"
        volumesWithHost.append((source, name))
        return name
    }

    func taskVolumes() throws -> [Value] {
        var output: [(String, Value)] = []
        for (path, name) in volumesWithHost {
            output.append((name, ["name": .string(name), "host": ["sourcePath": .string(path)]]))
        }
        // Volumes without a host path; docker_volumes and efs_volumes replace or add.
        var withoutHost: [(String, Value)] = volumesEmptyHost.map { ($0, ["name": .string($0)]) }
        func put(_ name: String, _ v: Value) {
            if let i = withoutHost.firstIndex(where: { $0.0 == name }) { withoutHost[i] = (name, v) } else { withoutHost.append((name, v)) }
        }
        for dv in params?.dockerVolumes ?? [] {
            guard !dv.name.isEmpty else {
                throw KitError("Name is required when specifying a docker volume (task_definition.docker_volumes)", at: dv.location)
            }
            var config = Object()
            if let a = dv.autoprovision { config["autoprovision"] = .bool(a) }
            if let d = dv.driver { config["driver"] = .string(d) }
            if let s = dv.scope { config["scope"] = .string(s) }
            if let o = dv.driverOpts { config["driverOpts"] = .object(o) }
            if let l = dv.labels { config["labels"] = .object(l) }
            put(dv.name, ["name": .string(dv.name), "dockerVolumeConfiguration": .object(config)])
        }
        for ev in params?.efsVolumes ?? [] {
            guard !ev.name.isEmpty else {
                throw KitError("Name is required when specifying an EFS volume (task_definition.efs_volumes)", at: ev.location)
            }
            guard let fs = ev.fileSystemId else {
                throw KitError("file system id is required for efs volumes (task_definition.efs_volumes: \(ev.name))", at: ev.location)
            }
            var config = Object()
            config["fileSystemId"] = .string(fs)
            if let r = ev.rootDirectory { config["rootDirectory"] = .string(r) }
            var auth = Object()
            var transitRequired = false
            if let iam = ev.iam {
                auth["iam"] = .string(iam)
                if iam == "ENABLED" { transitRequired = true }
            }
            if let ap = ev.accessPoint {
                auth["accessPointId"] = .string(ap)
                transitRequired = true
            }
            config["authorizationConfig"] = .object(auth)
            if let t = ev.transitEncryption { config["transitEncryption"] = .string(t) }
            if transitRequired && ev.transitEncryption != "ENABLED" {
                throw KitError("Transit encryption is required when using IAM access or an access point (efs volume \(ev.name): set transit_encryption: ENABLED)", at: ev.location)
            }
            if let port = ev.transitEncryptionPort { config["transitEncryptionPort"] = .int(port) }
            put(ev.name, ["name": .string(ev.name), "efsVolumeConfiguration": .object(config)])
        }
        output += withoutHost
        output.sort { utf8Less($0.0, $1.0) }
        return output.map(\.1)
    }

    // MARK: - Containers

    /// The compose keys each conversion path reads; others are warned about and skipped.
    static let legacySupported: Set<String> = [
        "cap_add", "cap_drop", "command", "cpu_shares", "devices", "dns", "dns_search", "entrypoint", "env_file", "environment",
        "extends", "extra_hosts", "hostname", "image", "labels", "links", "logging", "mem_limit", "mem_reservation", "ports",
        "privileged", "read_only", "security_opt", "shm_size", "stop_grace_period", "tmpfs", "tty", "ulimits", "user", "volumes",
        "volumes_from", "working_dir",
    ]
    static let v3Supported: Set<String> = [
        "cap_add", "cap_drop", "command", "devices", "dns", "dns_search", "entrypoint", "environment", "env_file", "extra_hosts",
        "hostname", "healthcheck", "image", "labels", "links", "logging", "ports", "privileged", "read_only", "security_opt",
        "stop_grace_period", "tmpfs", "tty", "ulimits", "user", "volumes", "working_dir",
    ]

    func warnUnsupported(_ s: ComposeService) {
        let supported = isSpec ? ECSTaskDefinition.legacySupported.union(ECSTaskDefinition.v3Supported) : legacy ? ECSTaskDefinition.legacySupported : ECSTaskDefinition.v3Supported
        for e in s.definition.entries where !supported.contains(e.key) && !e.key.hasPrefix("x-") {
            if e.value.isNull { continue }
            if case .scalar(.bool(false)) = e.value.content { continue }
            if legacy && e.key == "networks" {
                let count = e.value.array?.count ?? e.value.object?.count ?? 0
                if count == 1 { continue }
            }
            if e.key == "deploy" && !legacy {
                let resources = e.value["resources"]
                let hasResources = resources?["limits"] != nil || resources?["reservations"] != nil
                diagnostics.warn(
                    hasResources
                        ? "ecs-cli skips deploy: service-level resources should be configured in the ecs-params.yml file (task_definition.services.\(s.name))"
                        : "ecs-cli skips deploy (no ECS task definition field)",
                    at: e.keyLocation)
                continue
            }
            diagnostics.warn("ecs-cli skips \(e.key) (\(s.path / e.key)): the task definition has no field for it", at: e.keyLocation)
        }
        if legacy && project.networks.count > 1 {
            diagnostics.warn("ecs-cli skips the top-level networks (an ECS task has one network)", at: project.networks.entries.first?.keyLocation)
        }
    }

    mutating func container(_ s: ComposeService) throws -> Value {
        warnUnsupported(s)
        let ecs = params?.container(s.name)
        var c = Object()
        c["name"] = .string(s.name)
        guard let image = s.string("image"), !image.isEmpty else {
            throw composeError("ECS needs an image for every container (build is not supported)", path: s.path, at: s.location)
        }
        c["image"] = .string(image)
        c["essential"] = .bool(ecs?.essential ?? true)
        c["command"] = .array(try s.words("command")?.map(Value.string) ?? [])
        c["entryPoint"] = .array(try s.words("entrypoint")?.map(Value.string) ?? [])
        c["environment"] = .array(s.environment.sorted { utf8Less($0.name, $1.name) }.map { v in
            ["name": .string(v.name), "value": .string(v.value ?? "")]
        })
        c["links"] = .array(s.strings("links").map(Value.string))
        c["dnsServers"] = .array(s.strings("dns").map(Value.string))
        c["dnsSearchDomains"] = .array(s.strings("dns_search").map(Value.string))
        c["dockerSecurityOptions"] = .array(s.strings("security_opt").map(Value.string))
        c["extraHosts"] = .array(try extraHosts(s))
        c["dockerLabels"] = .object(Object(uniqueKeysWithValues: s.pairs("labels").map { ($0.0, Value.string($0.1)) }))
        if let v = s.string("hostname"), !v.isEmpty { c["hostname"] = .string(v) }
        if let v = s.string("user"), !v.isEmpty { c["user"] = .string(v) } else if let n = s["user"]?.scalar, n.isNumber { c["user"] = .string(YAMLOutputRules.numberText(n) ?? "") }
        if let v = s.string("working_dir"), !v.isEmpty { c["workingDirectory"] = .string(v) }
        c["privileged"] = .bool(s.bool("privileged") ?? false)
        c["readonlyRootFilesystem"] = .bool(s.bool("read_only") ?? false)
        c["pseudoTerminal"] = .bool(s.bool("tty") ?? false)
        c["portMappings"] = .array(try portMappings(s))
        c["mountPoints"] = .array(try mountPoints(s))
        if legacy || isSpec { c["volumesFrom"] = .array(try volumesFrom(s)) }
        c["ulimits"] = .array(try ulimits(s))
        var logConfiguration = try logging(s)
        if let stop = s["stop_grace_period"], !stop.isNull {
            let text = ComposeMerge.scalarText(stop)
            guard let seconds = GoDuration.seconds(text) else {
                throw composeError("invalid duration: use a Go duration such as 10s or 1m30s", path: s.path / "stop_grace_period", node: stop)
            }
            c["stopTimeout"] = .int(Int(seconds))
        }

        // Linux parameters.
        var linux = Object()
        var capabilities = Object()
        if s["cap_add"] != nil { capabilities["add"] = .array(s.strings("cap_add").map(Value.string)) }
        if s["cap_drop"] != nil { capabilities["drop"] = .array(s.strings("cap_drop").map(Value.string)) }
        linux["capabilities"] = .object(capabilities)
        if s["devices"] != nil { linux["devices"] = .array(try devices(s)) }
        if ecs?.initProcessEnabled == true { linux["initProcessEnabled"] = true }
        if let shm = s["shm_size"], !shm.isNull {
            if legacy || isSpec {
                let mib = try memoryMiB(shm, path: s.path / "shm_size")
                if mib != 0 { linux["sharedMemorySize"] = .int(Int(mib)) }
            } else {
                diagnostics.warn("ecs-cli skips shm_size in version 3 files", at: s.location(of: "shm_size"))
            }
        }
        if s["tmpfs"] != nil { linux["tmpfs"] = .array(try tmpfs(s)) }
        c["linuxParameters"] = .object(linux)

        // Resources: compose (versions 1 and 2), then ecs-params over them.
        var cpu = 0
        var memory: Int64 = 0
        var reservation: Int64 = 0
        if legacy || isSpec {
            if let n = s["cpu_shares"], !n.isNull {
                guard let v = n.scalar?.intValue else { throw composeError("must be an integer", path: s.path / "cpu_shares", node: n) }
                cpu = v
            }
            if let n = s["mem_limit"] { memory = try memoryMiB(n, path: s.path / "mem_limit") }
            if let n = s["mem_reservation"] { reservation = try memoryMiB(n, path: s.path / "mem_reservation") }
            if memory == 0 && reservation != 0 { memory = reservation }
        }
        var healthCheck = try composeHealthCheck(s)
        if let ecs {
            if ecs.cpuShares > 0 { cpu = ecs.cpuShares }
            let ecsMemory = ecs.memLimit / 1_048_576
            if ecsMemory > 0 { memory = ecsMemory }
            let ecsReservation = ecs.memReservation / 1_048_576
            if ecsReservation > 0 { reservation = ecsReservation }
            if !ecs.firelensType.isEmpty {
                var f = Object()
                f["type"] = .string(ecs.firelensType)
                f["options"] = .object(ecs.firelensOptions ?? Object())
                c["firelensConfiguration"] = .object(f)
            }
            if !ecs.credentialsParameter.isEmpty {
                c["repositoryCredentials"] = ["credentialsParameter": .string(ecs.credentialsParameter)]
            }
            if !ecs.secrets.isEmpty {
                c["secrets"] = .array(ecs.secrets.map { ["valueFrom": .string($0.valueFrom), "name": .string($0.name)] })
            }
            if !ecs.dependsOn.isEmpty {
                c["dependsOn"] = .array(ecs.dependsOn.map { ["containerName": .string($0.containerName), "condition": .string($0.condition)] })
            }
            if !ecs.logSecretOptions.isEmpty {
                guard var log = logConfiguration else {
                    throw composeError(
                        "ecs-params.yml sets logging.secret_options for this service, which has no logging driver in the compose file (ecs-cli crashes here); add logging: driver: …",
                        path: KeyPath([.key("task_definition"), .key("services"), .key(s.name), .key("logging"), .key("secret_options")]), at: ecs.location)
                }
                log["secretOptions"] = .array(ecs.logSecretOptions.map { ["valueFrom": .string($0.valueFrom), "name": .string($0.name)] })
                logConfiguration = log
            }
            if let override = ecs.healthCheck {
                healthCheck = try mergeHealthCheck(healthCheck, override, service: s)
            }
            if !ecs.gpu.isEmpty {
                c["resourceRequirements"] = [["type": "GPU", "value": .string(ecs.gpu)]]
            }
        }
        if let healthCheck {
            guard let command = healthCheck["command"]?.arrayValue, !command.isEmpty else {
                let inCompose = s.definition["healthcheck"] != nil
                throw composeError(
                    "\(s.name): test/command is a required field for container healthcheck",
                    path: inCompose ? s.path / "healthcheck" : KeyPath([.key("task_definition"), .key("services"), .key(s.name), .key("healthcheck")]),
                    at: s.definition["healthcheck"]?.location ?? ecs?.healthCheck?.location ?? s.location)
            }
            c["healthCheck"] = .object(healthCheck)
        }
        if let logConfiguration { c["logConfiguration"] = .object(logConfiguration) }
        if memory == 0 && reservation == 0 && (params?.memLimit ?? "").isEmpty { memory = 512 }
        if memory != 0 && memory < reservation {
            throw composeError("mem_limit must be greater than mem_reservation (\(memory) MiB < \(reservation) MiB)", path: s.path, at: s.definition["mem_limit"]?.location ?? ecs?.location ?? s.location)
        }
        if memory != 0 { c["memory"] = .int(Int(memory)) }
        if reservation != 0 { c["memoryReservation"] = .int(Int(reservation)) }
        c["cpu"] = .int(cpu)
        return .object(c)
    }

    /// A memory size in MiB (truncated): an integer is bytes, a string a go-units size.
    func memoryMiB(_ node: Node, path: KeyPath) throws -> Int64 {
        switch node.content {
        case .scalar(.null): return 0
        case .scalar(.int(let bytes)): return Int64(bytes) / 1_048_576
        case .scalar(.string(let s)):
            guard let bytes = GoUnits.ramInBytes(s) else {
                throw composeError("invalid size: use a byte count or a size such as 512m, 0.5g or 1GB", path: path, node: node)
            }
            return bytes / 1_048_576
        default:
            throw composeError("must be a byte count or a size such as 512m", path: path, node: node)
        }
    }

    func extraHosts(_ s: ComposeService) throws -> [Value] {
        guard let node = s["extra_hosts"] else { return [] }
        var entries: [(String, Node)] = []
        if let o = node.object {
            entries = o.entries.map { ("\($0.key):\(ComposeMerge.scalarText($0.value))", $0.value) }
        } else {
            entries = (node.array ?? []).map { (ComposeMerge.scalarText($0), $0) }
        }
        return try entries.enumerated().map { i, entry in
            let parts = entry.0.split(separator: ":", omittingEmptySubsequences: false)
            guard parts.count == 2 else {
                throw composeError(
                    "expected format HOSTNAME:IPADDRESS. could not parse ExtraHost: \(entry.0) (ecs-cli splits at every colon, so IPv6 addresses cannot be used)",
                    path: s.path / "extra_hosts" / i, node: entry.1)
            }
            return ["hostname": .string(String(parts[0])), "ipAddress": .string(String(parts[1]))]
        }
    }

    func portMappings(_ s: ComposeService) throws -> [Value] {
        guard let items = s["ports"]?.array else { return [] }
        var out: [Value] = []
        if legacy {
            // ecs-cli's own parser (adapter.ConvertToPortMappings).
            for (i, item) in items.enumerated() {
                let path = s.path / "ports" / i
                var text = ComposeMerge.scalarText(item)
                if item.object != nil { throw composeError("version \(project.format == .v1 ? "1" : "2") ports are strings", path: path, node: item) }
                var proto = "tcp"
                if text.hasSuffix("/tcp") || text.hasSuffix("/udp") {
                    proto = String(text.suffix(3))
                    text = String(text.dropLast(4))
                }
                let parts = text.split(separator: ":", omittingEmptySubsequences: false)
                var container = 0, host = 0
                func number(_ p: Substring) throws -> Int {
                    guard let n = Int(p) else {
                        throw composeError(
                            p.contains("-")
                                ? "Could not convert port into integer in portmappings: port ranges are not supported in version 1 and 2 files by ecs-cli (list the ports, or use version 3)"
                                : "Could not convert port into integer in portmappings: invalid syntax",
                            path: path, node: item)
                    }
                    return n
                }
                switch parts.count {
                case 1:
                    container = try number(parts[0])
                case 2:
                    host = try number(parts[0])
                    container = try number(parts[1])
                case 3:
                    diagnostics.warn("ecs-cli ignores the IP address of a port mapping", at: item.location)
                    host = try number(parts[1])
                    container = try number(parts[2])
                default:
                    throw composeError("expected format [hostPort]:containerPort. Could not parse portmappings: \(text)", path: path, node: item)
                }
                out.append(["containerPort": .int(container), "hostPort": .int(host), "protocol": .string(proto)])
            }
            return out
        }
        // docker/cli: each entry expanded; ports of one entry ordered by "port/proto".
        var groups: [SourceLocation: [ServicePort]] = [:]
        var order: [SourceLocation] = []
        for p in s.ports {
            if groups[p.location] == nil { order.append(p.location) }
            groups[p.location, default: []].append(p)
        }
        for location in order {
            var ports = groups[location]!
            ports.sort { "\($0.target)/\($0.effectiveProtocol)" < "\($1.target)/\($1.effectiveProtocol)" }
            for p in ports {
                if p.hostIP != nil { diagnostics.warn("ecs-cli ignores the IP address of a port mapping", at: p.location) }
                if let published = p.published, p.publishedPort == nil {
                    throw composeError("the host port range \(published) for one container port has no ECS equivalent", path: s.path / "ports", at: p.location)
                }
                out.append(["containerPort": .int(p.target), "hostPort": .int(p.publishedPort ?? 0), "protocol": .string(p.effectiveProtocol.lowercased())])
            }
        }
        return out
    }

    mutating func mountPoints(_ s: ComposeService) throws -> [Value] {
        guard let items = s["volumes"]?.array else { return [] }
        var out: [Value] = []
        for (i, volume) in s.volumes.enumerated() {
            let path = s.path / "volumes" / i
            let readOnly: Bool
            let source: String?
            if legacy {
                if let mode = volume.mode, mode != "ro" && mode != "rw" {
                    throw composeError("expected format [HOST:]CONTAINER[:ro|rw]. could not parse volume: \(volume.shortSyntax ?? "")", path: path, at: volume.location)
                }
                if volume.longSyntax != nil { throw composeError("version \(project.format == .v1 ? "1" : "2") volumes are strings", path: path, at: volume.location) }
                readOnly = volume.mode == "ro"
                source = volume.source
            } else {
                guard volume.type == "bind" || volume.type == "volume" else {
                    diagnostics.warn("Unsupported mount type found: \(volume.type); ecs-cli skips it", at: volume.location)
                    continue
                }
                readOnly = volume.readOnly
                source = volume.type == "bind" ? volume.resolvedSource : volume.source
            }
            let name = try sourceVolume(source, isNamed: volume.isNamedVolume, path: path, location: volume.location)
            out.append(["containerPath": .string(volume.target), "sourceVolume": .string(name), "readOnly": .bool(readOnly)])
        }
        _ = items
        return out
    }

    func volumesFrom(_ s: ComposeService) throws -> [Value] {
        try (s["volumes_from"]?.array ?? []).enumerated().map { i, item in
            let text = ComposeMerge.scalarText(item)
            let parts = text.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
            let parseError = composeError(
                "expected format [container:]SERVICE|CONTAINER[:ro|rw]. could not parse cfgVolumeFrom: \(text)", path: s.path / "volumes_from" / i, node: item)
            var name = "", mode = ""
            switch parts.count {
            case 1: name = parts[0]
            case 2:
                if parts[0] == "container" { name = parts[1] } else { (name, mode) = (parts[0], parts[1]) }
            case 3:
                guard parts[0] == "container" else { throw parseError }
                (name, mode) = (parts[1], parts[2])
            default: throw parseError
            }
            guard mode.isEmpty || mode == "ro" || mode == "rw" else {
                throw composeError("Could not parse access mode \(mode)", path: s.path / "volumes_from" / i, node: item)
            }
            return ["sourceContainer": .string(name), "readOnly": .bool(mode == "ro")]
        }
    }

    func ulimits(_ s: ComposeService) throws -> [Value] {
        guard let o = s["ulimits"]?.object else { return [] }
        var out: [(String, Value)] = []
        for e in o.entries {
            let path = s.path / "ulimits" / e.key
            var soft = 0, hard = 0
            if let single = e.value.scalar?.intValue {
                (soft, hard) = (single, single)
            } else if let l = e.value.object {
                guard let sv = l["soft"]?.scalar?.intValue, let hv = l["hard"]?.scalar?.intValue else {
                    throw composeError("a ulimit needs integer soft and hard values", path: path, node: e.value)
                }
                (soft, hard) = (sv, hv)
            } else {
                throw composeError("a ulimit is an integer or {soft, hard}", path: path, node: e.value)
            }
            out.append((e.key, ["name": .string(e.key), "softLimit": .int(soft), "hardLimit": .int(hard)]))
        }
        return out.sorted { utf8Less($0.0, $1.0) }.map(\.1)
    }

    func devices(_ s: ComposeService) throws -> [Value] {
        try s.strings("devices").enumerated().map { i, text in
            let path = s.path / "devices" / i
            let node = s["devices"]?.array?[i]
            let parts = text.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
            var d = Object()
            d["hostPath"] = .string(parts[0])
            if parts.count > 1 { d["containerPath"] = .string(parts[1]) }
            if parts.count > 2 {
                let perms = parts[2]
                guard perms.count <= 3 else {
                    throw composeError("Invalid number of device options: found \(perms.count), max is 3", path: path, node: node)
                }
                var seen: Set<String> = []
                for ch in perms {
                    switch ch {
                    case "r": seen.insert("read")
                    case "w": seen.insert("write")
                    case "m": seen.insert("mknod")
                    default:
                        throw composeError("Invalid device option: found '\(ch)', but only 'r', 'w' or 'm' are valid", path: path, node: node)
                    }
                }
                d["permissions"] = .array(seen.sorted().map(Value.string))
            }
            if parts.count > 3 { throw composeError("Invalid number of arguments in device \(text)", path: path, node: node) }
            return .object(d)
        }
    }

    func tmpfs(_ s: ComposeService) throws -> [Value] {
        let entries = s.strings("tmpfs")
        return try entries.enumerated().map { i, mount in
            let path = s.path / "tmpfs" / i
            let node = s["tmpfs"]?.array?[i] ?? s["tmpfs"]
            let params = mount.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
            guard params.count == 2 else { throw composeError("Path and Size are required options for tmpfs (PATH:size=64m[,OPTIONS])", path: path, node: node) }
            var options: [Value] = []
            var size: Int64 = 0
            for option in params[1].split(separator: ",", omittingEmptySubsequences: false) {
                if let range = option.firstRange(of: "size=") {
                    // ecs-cli finds size=N[unit] anywhere in the option.
                    var value = option[range.upperBound...]
                    var end = value.startIndex
                    while end < value.endIndex, value[end].isNumber || value[end] == "." { end = value.index(after: end) }
                    if end < value.endIndex, value[end] == " " { end = value.index(after: end) }
                    if end < value.endIndex, "kKmMgGtTpP".contains(value[end]) { end = value.index(after: end) }
                    if end < value.endIndex, "bB".contains(value[end]) { end = value.index(after: end) }
                    value = value[..<end]
                    guard let bytes = GoUnits.ramInBytes(String(value)) else {
                        throw composeError("invalid tmpfs size", path: path, node: node)
                    }
                    size = bytes / 1_048_576
                } else {
                    options.append(.string(String(option)))
                }
            }
            guard size != 0 else { throw composeError("You must specify the size option for tmpfs (at least 1 MiB, e.g. size=64m)", path: path, node: node) }
            return ["containerPath": .string(String(params[0])), "mountOptions": .array(options), "size": .int(Int(size))]
        }
    }

    func logging(_ s: ComposeService) throws -> Object? {
        guard let node = s["logging"], let o = node.object else { return nil }
        let driver = o["driver"]?.string ?? ""
        if legacy && driver.isEmpty { return nil }
        var log = Object()
        log["logDriver"] = .string(driver)
        var options = Object()
        for e in o["options"]?.object?.entries ?? [] { options[e.key] = .string(ComposeMerge.scalarText(e.value)) }
        log["options"] = .object(options)
        return log
    }

    /// A compose (version 3) healthcheck: `test` as a string runs in a shell.
    func composeHealthCheck(_ s: ComposeService) throws -> Object? {
        guard !legacy, let node = s["healthcheck"], let o = node.object else { return nil }
        if case .scalar(.bool(true))? = o["disable"]?.content { return nil }
        var hc = Object()
        if let test = o["test"] {
            if let text = test.string { hc["command"] = ["CMD-SHELL", .string(text)] } else { hc["command"] = .array((test.array ?? []).map { .string(ComposeMerge.scalarText($0)) }) }
        }
        for (key, field) in [("interval", "interval"), ("timeout", "timeout"), ("start_period", "startPeriod")] {
            guard let n = o[key], !n.isNull else { continue }
            guard let seconds = GoDuration.seconds(ComposeMerge.scalarText(n)) else {
                throw composeError("invalid duration: use a Go duration such as 30s or 1m30s", path: s.path / "healthcheck" / key, node: n)
            }
            hc[field] = .int(Int(seconds))
        }
        if let r = o["retries"]?.scalar?.intValue { hc["retries"] = .int(r) }
        return hc
    }

    /// ecs-params' healthcheck, field by field over the compose one.
    func mergeHealthCheck(_ base: Object?, _ h: ECSParams.HealthCheck, service s: ComposeService) throws -> Object {
        if !h.test.isEmpty && !h.command.isEmpty {
            throw composeError("healthcheck.test and healthcheck.command can not both be specified", path: KeyPath([.key("task_definition"), .key("services"), .key(s.name), .key("healthcheck")]), at: h.location)
        }
        var override = Object()
        let command = h.command.isEmpty ? h.test : h.command
        if !command.isEmpty { override["command"] = .array((command.count == 1 ? ["CMD-SHELL"] + command : command).map(Value.string)) }
        if h.retries != 0 { override["retries"] = .int(h.retries) }
        for (text, field) in [(h.timeout, "timeout"), (h.startPeriod, "startPeriod"), (h.interval, "interval")] {
            guard let text, !text.isEmpty else { continue }
            if let seconds = GoDuration.seconds(text) {
                override[field] = .int(Int(seconds))
            } else if let n = Int(text) {
                override[field] = .int(n)
            } else {
                throw composeError("Could not parse \(field == "startPeriod" ? "start_period" : field) either as an integer or a duration (ex: 1m30s)", path: KeyPath([.key("task_definition"), .key("services"), .key(s.name), .key("healthcheck")]), at: h.location)
            }
        }
        var merged = base ?? Object()
        for (k, v) in override { merged[k] = v }
        return merged
    }
}
