import KitCore

/// The schemas ecs-cli validated compose files against, as far as they are stricter than the
/// Compose Specification: libcompose's version 1 and 2 schemas and docker/cli's version 3.0
/// schema (keys a service, a healthcheck and the top level may have; the 3.0 schema knows
/// only the short syntax of ports and volumes).
enum ECSCLISchema {
    static let v1ServiceKeys: Set<String> = [
        "build", "cap_add", "cap_drop", "cgroup_parent", "command", "container_name", "cpu_quota", "cpu_shares", "cpuset",
        "devices", "dns", "dns_search", "domainname", "entrypoint", "env_file", "environment", "expose", "extends",
        "external_links", "extra_hosts", "hostname", "image", "ipc", "labels", "links", "mac_address", "mem_limit",
        "mem_reservation", "mem_swappiness", "memswap_limit", "pid", "ports", "privileged", "read_only", "restart",
        "security_opt", "shm_size", "stdin_open", "stop_signal", "tty", "ulimits", "user", "volume_driver", "volumes",
        "volumes_from", "working_dir",
        // log_driver, log_opt, net and dockerfile, as kit reads them:
        "logging", "network_mode",
    ]

    static let v2ServiceKeys: Set<String> = [
        "build", "cap_add", "cap_drop", "cgroup_parent", "command", "container_name", "cpu_quota", "cpu_shares", "cpuset",
        "depends_on", "devices", "dns", "dns_search", "domainname", "entrypoint", "env_file", "environment", "expose",
        "extends", "external_links", "extra_hosts", "group_add", "hostname", "image", "ipc", "labels", "links", "logging",
        "mac_address", "mem_limit", "mem_reservation", "mem_swappiness", "memswap_limit", "network_mode", "networks",
        "oom_score_adj", "pid", "ports", "privileged", "read_only", "restart", "security_opt", "shm_size", "stdin_open",
        "stop_grace_period", "stop_signal", "tmpfs", "tty", "ulimits", "user", "volume_driver", "volumes", "volumes_from",
        "working_dir",
    ]

    static let v3ServiceKeys: Set<String> = [
        "build", "cap_add", "cap_drop", "cgroup_parent", "command", "container_name", "depends_on", "deploy", "devices",
        "dns", "dns_search", "domainname", "entrypoint", "env_file", "environment", "expose", "external_links",
        "extra_hosts", "healthcheck", "hostname", "image", "ipc", "labels", "links", "logging", "mac_address",
        "network_mode", "networks", "pid", "ports", "privileged", "read_only", "restart", "security_opt", "shm_size",
        "stdin_open", "stop_grace_period", "stop_signal", "sysctls", "tmpfs", "tty", "ulimits", "user", "userns_mode",
        "volumes", "working_dir",
    ]

    static let v3TopLevelKeys: Set<String> = ["version", "services", "networks", "volumes"]
    static let v3HealthcheckKeys: Set<String> = ["disable", "interval", "retries", "test", "timeout"]

    /// Where ecs-params.yml has a field for a compose key the version lacks.
    static let ecsParamsHints: [String: String] = [
        "mem_limit": " (set it in ecs-params.yml: task_definition.services.SERVICE.mem_limit)",
        "mem_reservation": " (set it in ecs-params.yml: task_definition.services.SERVICE.mem_reservation)",
        "cpu_shares": " (set it in ecs-params.yml: task_definition.services.SERVICE.cpu_shares)",
        "healthcheck": " (set it in ecs-params.yml: task_definition.services.SERVICE.healthcheck)",
        "start_period": " (set it in ecs-params.yml: task_definition.services.SERVICE.healthcheck.start_period)",
    ]

    static func problems(_ file: ComposeFile) -> [SchemaValidator.Problem] {
        let allowed: Set<String>
        let schema: String
        switch file.format {
        case .v1:
            allowed = v1ServiceKeys
            schema = "libcompose's version 1 schema"
        case .v2:
            allowed = v2ServiceKeys
            schema = "libcompose's version 2 schema"
        case .v3:
            allowed = v3ServiceKeys
            schema = "the version 3.0 schema"
        case .spec:
            return []
        }
        var problems: [SchemaValidator.Problem] = []
        if file.format == .v3 {
            for e in file.root.entries where !v3TopLevelKeys.contains(e.key) && !e.key.hasPrefix("x-") {
                problems.append(.init(
                    path: KeyPath(), location: e.keyLocation,
                    message: "ecs-cli validates version 3 files against \(schema), which has no top-level \"\(e.key)\""))
            }
        }
        for s in file.root["services"]?.object?.entries ?? [] {
            guard let service = s.value.object else { continue }
            let path = KeyPath([.key("services"), .key(s.key)])
            for e in service.entries where !allowed.contains(e.key) && !e.key.hasPrefix("x-") {
                problems.append(.init(
                    path: path, location: e.keyLocation,
                    message: "ecs-cli validates version \(file.format == .v3 ? "3" : file.format == .v2 ? "2" : "1") files against \(schema), which has no \"\(e.key)\"\(ecsParamsHints[e.key] ?? "")"))
            }
            guard file.format == .v3 else { continue }
            if let hc = service["healthcheck"]?.object {
                for e in hc.entries where !v3HealthcheckKeys.contains(e.key) {
                    problems.append(.init(
                        path: path / "healthcheck", location: e.keyLocation,
                        message: "ecs-cli validates version 3 files against \(schema), whose healthcheck has no \"\(e.key)\"\(ecsParamsHints[e.key] ?? "")"))
                }
            }
            for key in ["ports", "volumes"] {
                for (i, item) in (service[key]?.array ?? []).enumerated() where item.object != nil {
                    problems.append(.init(
                        path: path / key / i, location: item.location,
                        message: "ecs-cli validates version 3 files against \(schema), which has only the short syntax for \(key) (a string)"))
                }
            }
        }
        return problems
    }
}
