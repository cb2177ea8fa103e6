import KitCore

/// The rules the ECS API applies when a task definition is registered or run, which ecs-cli
/// left to deploy time: Fargate's (network mode, task size, fields it rejects) and the network
/// mode rules of every launch type. kit reports them as warnings, or errors with `--strict`.
enum ECSRules {
    /// Supported Fargate task sizes: CPU units → allowed memory (MiB).
    static let fargateSizes: [Int: [Int]] = [
        256: [512, 1024, 2048],
        512: Array(stride(from: 1024, through: 4096, by: 1024)),
        1024: Array(stride(from: 2048, through: 8192, by: 1024)),
        2048: Array(stride(from: 4096, through: 16384, by: 1024)),
        4096: Array(stride(from: 8192, through: 30720, by: 1024)),
        8192: Array(stride(from: 16384, through: 61440, by: 4096)),
        16384: Array(stride(from: 32768, through: 122880, by: 8192)),
    ]

    /// Task CPU as ECS reads it: units (`1024`) or `N vCPU`.
    static func cpuUnits(_ text: String) -> Int? {
        let t = GoSyntax.trimSpace(text)
        if let n = Int(t) { return n }
        let lower = t.lowercased()
        guard lower.hasSuffix("vcpu") else { return nil }
        guard let v = Double(GoSyntax.trimSpace(String(lower.dropLast(4)))) else { return nil }
        let units = v * 1024
        return units == units.rounded() ? Int(units) : nil
    }

    /// Task memory as ECS reads it: MiB (`1024`) or `N GB`.
    static func memoryMiB(_ text: String) -> Int? {
        let t = GoSyntax.trimSpace(text)
        if let n = Int(t) { return n }
        let lower = t.lowercased()
        guard lower.hasSuffix("gb") else { return nil }
        guard let v = Double(GoSyntax.trimSpace(String(lower.dropLast(2)))) else { return nil }
        let mib = v * 1024
        return mib == mib.rounded() ? Int(mib) : nil
    }

    static func check(_ td: Value, project: ComposeProject, params: ECSParams?, diagnostics: Diagnostics) {
        func warn(_ message: String, at location: SourceLocation?) {
            diagnostics.warn(message, at: location, strictRule: true)
        }
        let networkMode = td["networkMode"]?.stringValue ?? ""
        let containers = td["containerDefinitions"]?.arrayValue ?? []
        let paramsLocation = params.map { SourceLocation(file: $0.file, line: 1, column: 1) }
        func serviceLocation(_ c: Value) -> SourceLocation? {
            c["name"]?.stringValue.flatMap { project.service($0)?.location }
        }

        if let cpu = td["cpu"]?.stringValue, cpuUnits(cpu) == nil {
            warn("task cpu \"\(cpu)\" is not a form ECS reads (CPU units such as 256, or \"N vCPU\")", at: params?.taskSizeLocation)
        }
        if let memory = td["memory"]?.stringValue, memoryMiB(memory) == nil {
            warn("task memory \"\(memory)\" is not a form ECS reads (MiB such as 512, or \"N GB\"; ECS does not read 512m)", at: params?.taskSizeLocation)
        }
        let names = Set(containers.compactMap { $0["name"]?.stringValue })
        for c in containers {
            let name = c["name"]?.stringValue ?? ""
            for v in c["volumesFrom"]?.arrayValue ?? [] {
                if let source = v["sourceContainer"]?.stringValue, !names.contains(source) {
                    warn("container \(name): volumes_from names \(source), which is not a container of this task (ECS shares volumes only within a task)", at: serviceLocation(c))
                }
            }
            for d in c["dependsOn"]?.arrayValue ?? [] {
                if let target = d["containerName"]?.stringValue, !names.contains(target) {
                    warn("container \(name): depends_on names \(target), which is not a container of this task", at: params?.container(name)?.location ?? serviceLocation(c))
                }
            }
        }
        if networkMode == "awsvpc" || networkMode == "host" {
            for c in containers {
                for p in c["portMappings"]?.arrayValue ?? [] {
                    if let host = p["hostPort"]?.intValue, host != 0, host != p["containerPort"]?.intValue {
                        warn("container \(c["name"]?.stringValue ?? ""): in \(networkMode) network mode the host port (\(host)) must equal the container port", at: serviceLocation(c))
                    }
                }
            }
        }
        if !networkMode.isEmpty && networkMode != "bridge" {
            for c in containers where c["links"] != nil {
                warn("container \(c["name"]?.stringValue ?? ""): links need the bridge network mode (this task uses \(networkMode))", at: serviceLocation(c))
            }
        }
        if networkMode == "none" {
            for c in containers where c["portMappings"] != nil {
                warn("container \(c["name"]?.stringValue ?? ""): the none network mode allows no port mappings", at: serviceLocation(c))
            }
        }
        if networkMode == "awsvpc" {
            for c in containers {
                if c["hostname"] != nil { warn("container \(c["name"]?.stringValue ?? ""): hostname is not supported in the awsvpc network mode", at: serviceLocation(c)) }
                if c["extraHosts"] != nil { warn("container \(c["name"]?.stringValue ?? ""): extra_hosts are not supported in the awsvpc network mode", at: serviceLocation(c)) }
            }
        }

        let compatibilities = td["requiresCompatibilities"]?.arrayValue?.compactMap(\.stringValue) ?? []
        guard compatibilities.contains("FARGATE") else { return }
        if networkMode != "awsvpc" {
            warn("Fargate requires the awsvpc network mode (task_definition.ecs_network_mode: awsvpc in ecs-params.yml)", at: params?.networkModeLocation ?? paramsLocation)
        }
        let cpu = td["cpu"]?.stringValue, memory = td["memory"]?.stringValue
        if cpu == nil { warn("Fargate requires a task cpu (task_definition.task_size.cpu_limit in ecs-params.yml)", at: params?.taskSizeLocation ?? paramsLocation) }
        if memory == nil { warn("Fargate requires a task memory (task_definition.task_size.mem_limit in ecs-params.yml)", at: params?.taskSizeLocation ?? paramsLocation) }
        if let cpu, let memory, let units = cpuUnits(cpu), let mib = memoryMiB(memory) {
            if let allowed = fargateSizes[units] {
                if !allowed.contains(mib) {
                    let range = allowed.count <= 4 ? allowed.map(String.init).joined(separator: ", ") : "\(allowed.first!)..\(allowed.last!) in steps of \(allowed[1] - allowed[0])"
                    warn("Fargate does not offer \(mib) MiB of memory with \(units) CPU units; allowed: \(range)", at: params?.taskSizeLocation)
                }
            } else {
                warn("Fargate task cpu must be one of \(fargateSizes.keys.sorted().map(String.init).joined(separator: ", ")) units, not \(units)", at: params?.taskSizeLocation)
            }
        }
        if td["placementConstraints"] != nil { warn("Fargate does not support placement constraints", at: paramsLocation) }
        if td["ipcMode"] != nil { warn("Fargate does not support ipc_mode", at: paramsLocation) }
        if let pid = td["pidMode"]?.stringValue, pid != "task" { warn("Fargate supports only pid_mode: task", at: paramsLocation) }
        for v in td["volumes"]?.arrayValue ?? [] {
            let name = v["name"]?.stringValue ?? ""
            if v["host"]?["sourcePath"] != nil { warn("Fargate does not support host paths (volume \(name)); use a named volume or EFS", at: nil) }
            if v["dockerVolumeConfiguration"] != nil { warn("Fargate does not support docker volume configurations (volume \(name))", at: paramsLocation) }
        }
        let invalid: [(String, String)] = [
            ("disableNetworking", "network_mode: none"), ("dnsSearchDomains", "dns_search"), ("dnsServers", "dns"),
            ("dockerSecurityOptions", "security_opt"), ("extraHosts", "extra_hosts"), ("links", "links"), ("privileged", "privileged"),
        ]
        for c in containers {
            let name = c["name"]?.stringValue ?? ""
            for (field, key) in invalid {
                guard let v = c[field] else { continue }
                if v == .bool(false) { continue }
                if field == "links" && !networkMode.isEmpty && networkMode != "bridge" { continue }
                if field == "extraHosts" && networkMode == "awsvpc" { continue }
                warn("container \(name): Fargate does not support \(key)", at: serviceLocation(c))
            }
            let linux = c["linuxParameters"]
            for (field, key) in [("devices", "devices"), ("sharedMemorySize", "shm_size"), ("tmpfs", "tmpfs")] where linux?[field] != nil {
                warn("container \(name): Fargate does not support \(key)", at: serviceLocation(c))
            }
            for cap in linux?["capabilities"]?["add"]?.arrayValue ?? [] {
                let text = cap.stringValue?.uppercased() ?? ""
                if text != "SYS_PTRACE" && text != "CAP_SYS_PTRACE" {
                    warn("container \(name): Fargate can add only the SYS_PTRACE capability, not \(cap.stringValue ?? "")", at: serviceLocation(c))
                }
            }
            for r in c["resourceRequirements"]?.arrayValue ?? [] where r["type"] == "GPU" {
                warn("container \(name): Fargate does not support GPUs", at: serviceLocation(c))
            }
            if let driver = c["logConfiguration"]?["logDriver"]?.stringValue, !["awslogs", "splunk", "awsfirelens"].contains(driver) {
                warn("container \(name): Fargate supports the awslogs, splunk and awsfirelens log drivers, not \(driver)", at: serviceLocation(c))
            }
        }
    }
}
