import KitCore

/// ecs-params.yml (version 1), as ecs-cli reads it: the whole text goes through Go's
/// `os.ExpandEnv` first, then YAML (go-yaml v2: `yes`/`no` are booleans, a string field takes a
/// scalar's text as written, so `cpu_limit: 256` is `"256"` and `mem_limit: 0.5GB` stays).
/// kit refuses keys ecs-cli would silently ignore, naming the file, line and key path.
public struct ECSParams: Sendable {
    public struct Secret: Sendable {
        public var valueFrom: String
        public var name: String
    }

    public struct HealthCheck: Sendable {
        public var test: [String]
        public var command: [String]
        public var interval: String?
        public var timeout: String?
        public var startPeriod: String?
        public var retries: Int
        public var location: SourceLocation
    }

    /// `task_definition.services.NAME`.
    public struct Container: Sendable {
        public var essential: Bool
        public var initProcessEnabled: Bool
        public var credentialsParameter: String
        public var cpuShares: Int
        /// Bytes (`mem_limit: 512m` → 536870912).
        public var memLimit: Int64
        public var memReservation: Int64
        public var healthCheck: HealthCheck?
        public var logSecretOptions: [Secret]
        public var firelensType: String
        public var firelensOptions: Object?
        public var secrets: [Secret]
        public var gpu: String
        public var dependsOn: [(containerName: String, condition: String)]
        public var location: SourceLocation
    }

    public struct DockerVolume: Sendable {
        public var name: String
        public var scope: String?
        public var autoprovision: Bool?
        public var driver: String?
        public var driverOpts: Object?
        public var labels: Object?
        public var location: SourceLocation
    }

    public struct EFSVolume: Sendable {
        public var name: String
        public var fileSystemId: String?
        public var rootDirectory: String?
        public var transitEncryption: String?
        public var transitEncryptionPort: Int?
        public var accessPoint: String?
        public var iam: String?
        public var location: SourceLocation
    }

    public struct Constraint: Sendable {
        public var type: String
        public var expression: String
    }

    public struct Strategy: Sendable {
        public var type: String
        public var field: String
    }

    public struct ServiceDiscovery: Sendable {
        public var containerName: String
        public var containerPort: Int?
        public var privateNamespaceID: String
        public var privateNamespaceName: String
        public var privateNamespaceVPC: String
        public var privateNamespaceDescription: String
        public var publicNamespaceID: String
        public var publicNamespaceName: String
        public var serviceName: String
        public var serviceDescription: String
        public var dnsType: String
        public var dnsTTL: Int?
        public var failureThreshold: Int?
        public var location: SourceLocation
    }

    public var file: String
    public var version: String
    public var networkMode: String = ""
    public var taskRoleArn: String = ""
    public var pidMode: String = ""
    public var ipcMode: String = ""
    public var executionRole: String = ""
    public var cpuLimit: String = ""
    public var memLimit: String = ""
    /// The location of `task_definition.task_size` (for Fargate messages).
    public var taskSizeLocation: SourceLocation?
    public var networkModeLocation: SourceLocation?
    public var containers: [(name: String, container: Container)] = []
    public var dockerVolumes: [DockerVolume] = []
    public var efsVolumes: [EFSVolume] = []
    public var placementConstraints: [Constraint] = []
    public var subnets: [String] = []
    public var securityGroups: [String] = []
    public var assignPublicIp: String = ""
    public var awsvpcLocation: SourceLocation?
    public var strategies: [Strategy] = []
    public var runConstraints: [Constraint] = []
    public var serviceDiscovery: ServiceDiscovery?

    public func container(_ name: String) -> Container? {
        containers.first { $0.name == name }?.container
    }

    /// Reads `path`; variables come from `environment` (unset ones are empty, as in ecs-cli).
    public static func read(_ path: String, environment: [String: String]) throws -> ECSParams {
        let raw = try FileIO.read(path, limits: .regularFiles())
        guard let text = String(validating: raw, as: UTF8.self) else {
            throw KitError("invalid UTF-8", at: SourceLocation(file: path, line: 1, column: 1))
        }
        let expanded = GoExpandEnv.expand(text, lookup: { environment[$0] })
        let bytes = Array(expanded.utf8)
        var options = YAMLReader.Options(positions: true, yaml11Booleans: true)
        options.duplicateKeys = .error
        let documents = try YAMLReader.read(bytes, file: path, options: options).filter { !$0.isEmpty }
        var params = ECSParams(file: path, version: "")
        guard let document = documents.first else { return params }
        let root = Node(value: document.value, positions: document.positions, fallback: document.location)
        let reader = Reader(bytes: bytes)
        try reader.read(root, into: &params)
        return params
    }

    /// Decodes nodes into the struct, with ecs-cli's (go-yaml v2's) conversions.
    private struct Reader {
        let bytes: [UInt8]

        func mapping(_ node: Node, _ path: KeyPath, allowed: [String]) throws -> NodeObject {
            if node.isNull { return NodeObject() }
            guard let o = node.object else { throw composeError("must be a mapping", path: path, node: node) }
            for e in o.entries where !allowed.contains(e.key) {
                var message = "unknown key \"\(e.key)\""
                if let near = allowed.min(by: { SchemaValidator.editDistance(e.key, $0) < SchemaValidator.editDistance(e.key, $1) }),
                    SchemaValidator.editDistance(e.key, near) <= 2
                {
                    message += " (did you mean \"\(near)\"?)"
                }
                throw composeError(message + "; ecs-params.yml (version 1) has \(allowed.joined(separator: ", ")) here", path: path, at: e.keyLocation)
            }
            return o
        }

        /// A string field: any scalar, as written.
        func string(_ node: Node?, _ path: KeyPath) throws -> String {
            guard let node else { return "" }
            switch node.content {
            case .scalar(.null): return ""
            case .scalar(.string(let s)): return s
            case .scalar(.bool(let b)):
                return literal(node) ?? (b ? "true" : "false")
            case .scalar(let v): return literal(node) ?? YAMLOutputRules.numberText(v) ?? ""
            default: throw composeError("must be a string, not a \(node.typeName == "array" ? "list" : "mapping")", path: path, node: node)
            }
        }

        func optionalString(_ node: Node?, _ path: KeyPath) throws -> String? {
            guard let node, !node.isNull else { return nil }
            return try string(node, path)
        }

        /// The source text of a scalar (go-yaml v2 gives string fields the text as written).
        func literal(_ node: Node) -> String? {
            Node.scalarText(at: node.location, in: bytes)
        }

        func bool(_ node: Node?, _ path: KeyPath) throws -> Bool? {
            guard let node, !node.isNull else { return nil }
            guard case .scalar(.bool(let b)) = node.content else { throw composeError("must be true or false", path: path, node: node) }
            return b
        }

        func int(_ node: Node?, _ path: KeyPath) throws -> Int? {
            guard let node, !node.isNull else { return nil }
            guard case .scalar(let v) = node.content, let i = v.intValue else { throw composeError("must be an integer", path: path, node: node) }
            return i
        }

        func strings(_ node: Node?, _ path: KeyPath) throws -> [String] {
            guard let node, !node.isNull else { return [] }
            guard let items = node.array else { throw composeError("must be a list", path: path, node: node) }
            return try items.enumerated().map { try string($0.element, path / $0.offset) }
        }

        /// libcompose's `Stringorslice`.
        func stringOrList(_ node: Node?, _ path: KeyPath) throws -> [String] {
            guard let node, !node.isNull else { return [] }
            if node.array != nil { return try strings(node, path) }
            return [try string(node, path)]
        }

        func stringMap(_ node: Node?, _ path: KeyPath) throws -> Object? {
            guard let node, !node.isNull else { return nil }
            guard let o = node.object else { throw composeError("must be a mapping", path: path, node: node) }
            var out = Object()
            for e in o.entries { out[e.key] = .string(try string(e.value, path / e.key)) }
            return out
        }

        /// libcompose's `MemStringorInt`: an integer is bytes, a string is a go-units size.
        func memory(_ node: Node?, _ path: KeyPath) throws -> Int64 {
            guard let node, !node.isNull else { return 0 }
            switch node.content {
            case .scalar(.int(let i)): return Int64(i)
            case .scalar(.string(let s)):
                guard let bytes = GoUnits.ramInBytes(s) else {
                    throw composeError("invalid size: use a byte count or a size such as 512m or 1g", path: path, node: node)
                }
                return bytes
            default:
                throw composeError("must be a byte count or a size such as 512m", path: path, node: node)
            }
        }

        func secrets(_ node: Node?, _ path: KeyPath) throws -> [Secret] {
            guard let node, !node.isNull else { return [] }
            guard let items = node.array else { throw composeError("must be a list", path: path, node: node) }
            return try items.enumerated().map { i, item in
                let o = try mapping(item, path / i, allowed: ["value_from", "name"])
                return Secret(valueFrom: try string(o["value_from"], path / i / "value_from"), name: try string(o["name"], path / i / "name"))
            }
        }

        func constraints(_ node: Node?, _ path: KeyPath) throws -> [Constraint] {
            guard let node, !node.isNull else { return [] }
            guard let items = node.array else { throw composeError("must be a list", path: path, node: node) }
            return try items.enumerated().map { i, item in
                let o = try mapping(item, path / i, allowed: ["type", "expression"])
                return Constraint(type: try string(o["type"], path / i / "type"), expression: try string(o["expression"], path / i / "expression"))
            }
        }

        func read(_ root: Node, into p: inout ECSParams) throws {
            let top = try mapping(root, KeyPath(), allowed: ["version", "task_definition", "run_params"])
            p.version = try string(top["version"], KeyPath([.key("version")]))
            if let td = top["task_definition"] {
                let path = KeyPath([.key("task_definition")])
                let o = try mapping(td, path, allowed: [
                    "ecs_network_mode", "task_role_arn", "pid_mode", "ipc_mode", "services", "task_execution_role", "task_size",
                    "docker_volumes", "efs_volumes", "placement_constraints",
                ])
                p.networkMode = try string(o["ecs_network_mode"], path / "ecs_network_mode")
                p.networkModeLocation = o["ecs_network_mode"]?.location
                p.taskRoleArn = try string(o["task_role_arn"], path / "task_role_arn")
                p.pidMode = try string(o["pid_mode"], path / "pid_mode")
                p.ipcMode = try string(o["ipc_mode"], path / "ipc_mode")
                p.executionRole = try string(o["task_execution_role"], path / "task_execution_role")
                if let size = o["task_size"] {
                    let s = try mapping(size, path / "task_size", allowed: ["cpu_limit", "mem_limit"])
                    p.cpuLimit = try string(s["cpu_limit"], path / "task_size" / "cpu_limit")
                    p.memLimit = try string(s["mem_limit"], path / "task_size" / "mem_limit")
                    p.taskSizeLocation = size.location
                }
                if let services = o["services"] {
                    let sp = path / "services"
                    guard services.isNull || services.object != nil else { throw composeError("must be a mapping of service names", path: sp, node: services) }
                    for e in services.object?.entries ?? [] {
                        p.containers.append((e.key, try container(e.value, sp / e.key)))
                    }
                }
                for (i, v) in (o["docker_volumes"]?.array ?? []).enumerated() {
                    let vp = path / "docker_volumes" / i
                    let vo = try mapping(v, vp, allowed: ["name", "scope", "autoprovision", "driver", "driver_opts", "labels"])
                    p.dockerVolumes.append(DockerVolume(
                        name: try string(vo["name"], vp / "name"), scope: try optionalString(vo["scope"], vp / "scope"),
                        autoprovision: try bool(vo["autoprovision"], vp / "autoprovision"), driver: try optionalString(vo["driver"], vp / "driver"),
                        driverOpts: try stringMap(vo["driver_opts"], vp / "driver_opts"), labels: try stringMap(vo["labels"], vp / "labels"),
                        location: v.location))
                }
                for (i, v) in (o["efs_volumes"]?.array ?? []).enumerated() {
                    let vp = path / "efs_volumes" / i
                    let vo = try mapping(v, vp, allowed: [
                        "name", "filesystem_id", "root_directory", "transit_encryption", "transit_encryption_port", "access_point", "iam",
                    ])
                    p.efsVolumes.append(EFSVolume(
                        name: try string(vo["name"], vp / "name"), fileSystemId: try optionalString(vo["filesystem_id"], vp / "filesystem_id"),
                        rootDirectory: try optionalString(vo["root_directory"], vp / "root_directory"),
                        transitEncryption: try optionalString(vo["transit_encryption"], vp / "transit_encryption"),
                        transitEncryptionPort: try int(vo["transit_encryption_port"], vp / "transit_encryption_port"),
                        accessPoint: try optionalString(vo["access_point"], vp / "access_point"), iam: try optionalString(vo["iam"], vp / "iam"),
                        location: v.location))
                }
                p.placementConstraints = try constraints(o["placement_constraints"], path / "placement_constraints")
            }
            if let rp = top["run_params"] {
                let path = KeyPath([.key("run_params")])
                let o = try mapping(rp, path, allowed: ["network_configuration", "task_placement", "service_discovery"])
                if let nc = o["network_configuration"] {
                    let n = try mapping(nc, path / "network_configuration", allowed: ["awsvpc_configuration"])
                    if let a = n["awsvpc_configuration"] {
                        let ap = path / "network_configuration" / "awsvpc_configuration"
                        let ao = try mapping(a, ap, allowed: ["subnets", "security_groups", "assign_public_ip"])
                        p.subnets = try strings(ao["subnets"], ap / "subnets")
                        p.securityGroups = try strings(ao["security_groups"], ap / "security_groups")
                        p.assignPublicIp = try string(ao["assign_public_ip"], ap / "assign_public_ip")
                        p.awsvpcLocation = a.location
                    }
                }
                if let tp = o["task_placement"] {
                    let tpp = path / "task_placement"
                    let t = try mapping(tp, tpp, allowed: ["strategy", "constraints"])
                    for (i, s) in (t["strategy"]?.array ?? []).enumerated() {
                        let so = try mapping(s, tpp / "strategy" / i, allowed: ["type", "field"])
                        p.strategies.append(Strategy(type: try string(so["type"], tpp / "strategy" / i / "type"), field: try string(so["field"], tpp / "strategy" / i / "field")))
                    }
                    p.runConstraints = try constraints(t["constraints"], tpp / "constraints")
                }
                if let sd = o["service_discovery"] {
                    p.serviceDiscovery = try serviceDiscovery(sd, path / "service_discovery")
                }
            }
        }

        func container(_ node: Node, _ path: KeyPath) throws -> Container {
            // An entry with an empty body decodes as Go's zero value: essential false.
            if node.isNull {
                return Container(
                    essential: false, initProcessEnabled: false, credentialsParameter: "", cpuShares: 0, memLimit: 0, memReservation: 0,
                    healthCheck: nil, logSecretOptions: [], firelensType: "", firelensOptions: nil, secrets: [], gpu: "", dependsOn: [],
                    location: node.location)
            }
            let o = try mapping(node, path, allowed: [
                "essential", "init_process_enabled", "repository_credentials", "cpu_shares", "mem_limit", "mem_reservation",
                "healthcheck", "logging", "firelens_configuration", "secrets", "gpu", "depends_on",
            ])
            var c = Container(
                essential: try bool(o["essential"], path / "essential") ?? true,
                initProcessEnabled: try bool(o["init_process_enabled"], path / "init_process_enabled") ?? false,
                credentialsParameter: "", cpuShares: try int(o["cpu_shares"], path / "cpu_shares") ?? 0,
                memLimit: try memory(o["mem_limit"], path / "mem_limit"), memReservation: try memory(o["mem_reservation"], path / "mem_reservation"),
                healthCheck: nil, logSecretOptions: [], firelensType: "", firelensOptions: nil,
                secrets: try secrets(o["secrets"], path / "secrets"), gpu: try string(o["gpu"], path / "gpu"), dependsOn: [],
                location: node.location)
            if let rc = o["repository_credentials"] {
                let r = try mapping(rc, path / "repository_credentials", allowed: ["credentials_parameter"])
                c.credentialsParameter = try string(r["credentials_parameter"], path / "repository_credentials" / "credentials_parameter")
            }
            if let hc = o["healthcheck"], !hc.isNull {
                let hp = path / "healthcheck"
                let h = try mapping(hc, hp, allowed: ["test", "command", "interval", "timeout", "retries", "start_period"])
                c.healthCheck = HealthCheck(
                    test: try stringOrList(h["test"], hp / "test"), command: try stringOrList(h["command"], hp / "command"),
                    interval: try optionalString(h["interval"], hp / "interval"), timeout: try optionalString(h["timeout"], hp / "timeout"),
                    startPeriod: try optionalString(h["start_period"], hp / "start_period"), retries: try int(h["retries"], hp / "retries") ?? 0,
                    location: hc.location)
            }
            if let lg = o["logging"] {
                let l = try mapping(lg, path / "logging", allowed: ["secret_options"])
                c.logSecretOptions = try secrets(l["secret_options"], path / "logging" / "secret_options")
            }
            if let fl = o["firelens_configuration"] {
                let f = try mapping(fl, path / "firelens_configuration", allowed: ["type", "options"])
                c.firelensType = try string(f["type"], path / "firelens_configuration" / "type")
                c.firelensOptions = try stringMap(f["options"], path / "firelens_configuration" / "options")
            }
            for (i, d) in (o["depends_on"]?.array ?? []).enumerated() {
                let dp = path / "depends_on" / i
                let dobj = try mapping(d, dp, allowed: ["container_name", "condition"])
                c.dependsOn.append((try string(dobj["container_name"], dp / "container_name"), try string(dobj["condition"], dp / "condition")))
            }
            return c
        }

        func serviceDiscovery(_ node: Node, _ path: KeyPath) throws -> ServiceDiscovery {
            let o = try mapping(node, path, allowed: [
                "container_name", "container_port", "private_dns_namespace", "public_dns_namespace", "service_discovery_service",
            ])
            var sd = ServiceDiscovery(
                containerName: try string(o["container_name"], path / "container_name"), containerPort: try int(o["container_port"], path / "container_port"),
                privateNamespaceID: "", privateNamespaceName: "", privateNamespaceVPC: "", privateNamespaceDescription: "",
                publicNamespaceID: "", publicNamespaceName: "", serviceName: "", serviceDescription: "", dnsType: "", dnsTTL: nil,
                failureThreshold: nil, location: node.location)
            if let pn = o["private_dns_namespace"] {
                let pp = path / "private_dns_namespace"
                let p = try mapping(pn, pp, allowed: ["id", "name", "vpc", "description"])
                sd.privateNamespaceID = try string(p["id"], pp / "id")
                sd.privateNamespaceName = try string(p["name"], pp / "name")
                sd.privateNamespaceVPC = try string(p["vpc"], pp / "vpc")
                sd.privateNamespaceDescription = try string(p["description"], pp / "description")
            }
            if let pn = o["public_dns_namespace"] {
                let pp = path / "public_dns_namespace"
                let p = try mapping(pn, pp, allowed: ["id", "name"])
                sd.publicNamespaceID = try string(p["id"], pp / "id")
                sd.publicNamespaceName = try string(p["name"], pp / "name")
            }
            if let s = o["service_discovery_service"] {
                let sp = path / "service_discovery_service"
                let so = try mapping(s, sp, allowed: ["name", "description", "dns_config", "healthcheck_custom_config"])
                sd.serviceName = try string(so["name"], sp / "name")
                sd.serviceDescription = try string(so["description"], sp / "description")
                if let dc = so["dns_config"] {
                    let d = try mapping(dc, sp / "dns_config", allowed: ["type", "ttl"])
                    sd.dnsType = try string(d["type"], sp / "dns_config" / "type")
                    sd.dnsTTL = try int(d["ttl"], sp / "dns_config" / "ttl")
                }
                if let hc = so["healthcheck_custom_config"] {
                    let h = try mapping(hc, sp / "healthcheck_custom_config", allowed: ["failure_threshold"])
                    sd.failureThreshold = try int(h["failure_threshold"], sp / "healthcheck_custom_config" / "failure_threshold")
                }
            }
            return sd
        }
    }
}
