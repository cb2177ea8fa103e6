import KitCore

/// The ECS CreateService request for a project's task definition, from ecs-params'
/// `run_params` (ecs-cli's `buildCreateServiceInput`): awsvpc network configuration, launch
/// type, placement constraints and strategies, Fargate platform version 1.4.0 for EFS.
enum ECSService {
    struct Options {
        var launchType: String?
        var cluster: String?
        var desiredCount: Int?
    }

    static func build(project: ComposeProject, params: ECSParams?, taskDefinition: Value, options: Options, diagnostics: Diagnostics) throws -> Value {
        let launchType = options.launchType ?? ""
        if launchType == "FARGATE" && params?.networkMode != "awsvpc" {
            throw KitError(
                "Launch Type FARGATE requires network mode to be 'awsvpc' (set task_definition.ecs_network_mode: awsvpc in ecs-params.yml)",
                at: params?.networkModeLocation ?? params.map { SourceLocation(file: $0.file, line: 1, column: 1) })
        }
        var input = Object()
        if let cluster = options.cluster { input["cluster"] = .string(cluster) }
        input["serviceName"] = .string(project.declaredName)
        input["taskDefinition"] = taskDefinition["family"] ?? .string(project.declaredName)
        input["desiredCount"] = .int(options.desiredCount ?? 1)
        if !launchType.isEmpty { input["launchType"] = .string(launchType) }
        if let network = try networkConfiguration(params) { input["networkConfiguration"] = network }
        if let params, !params.runConstraints.isEmpty {
            input["placementConstraints"] = .array(params.runConstraints.map { c in
                var o: Object = ["type": .string(c.type)]
                if !c.expression.isEmpty { o["expression"] = .string(c.expression) }
                return .object(o)
            })
        }
        if let params, !params.strategies.isEmpty {
            input["placementStrategy"] = .array(params.strategies.map { s in
                var o: Object = ["type": .string(s.type)]
                if !s.field.isEmpty { o["field"] = .string(s.field) }
                return .object(o)
            })
        }
        if launchType == "FARGATE", let params, !params.efsVolumes.isEmpty {
            input["platformVersion"] = "1.4.0"
        }
        if let sd = params?.serviceDiscovery {
            diagnostics.warn(
                "service discovery needs a Cloud Map service created first, whose ARN CreateService takes; --target cloudformation creates it",
                at: sd.location)
        }
        return .object(input)
    }

    /// awsvpc only: at least one subnet; `assignPublicIp` when given.
    static func networkConfiguration(_ params: ECSParams?) throws -> Value? {
        guard let params, params.networkMode == "awsvpc" else { return nil }
        guard !params.subnets.isEmpty else {
            throw KitError(
                "at least one subnet is required in the network configuration (run_params.network_configuration.awsvpc_configuration.subnets)",
                at: params.awsvpcLocation ?? params.networkModeLocation)
        }
        var awsvpc = Object()
        awsvpc["subnets"] = .array(params.subnets.map(Value.string))
        awsvpc["securityGroups"] = .array(params.securityGroups.map(Value.string))
        if !params.assignPublicIp.isEmpty { awsvpc["assignPublicIp"] = .string(params.assignPublicIp) }
        return ["awsvpcConfiguration": .object(awsvpc)]
    }
}

/// A CloudFormation template for a project: the task definition, a log group for each awslogs
/// group its containers write to, the service (with Cloud Map service discovery when
/// ecs-params asks for it). Properties are the API's, in CloudFormation's spelling.
enum CloudFormationTemplate {
    /// Keys whose CloudFormation name is not the API name with a capital first letter.
    static let renamed: [String: String] = [
        "efsVolumeConfiguration": "EFSVolumeConfiguration", "fileSystemId": "FilesystemId", "iam": "IAM",
        "placementStrategy": "PlacementStrategies",
    ]
    /// Maps whose keys are data (labels, options), not property names.
    static let freeMaps: Set<String> = ["dockerLabels", "options", "driverOpts", "labels"]

    static func pascal(_ value: Value) -> Value {
        switch value {
        case .array(let items): return .array(items.map(pascal))
        case .object(let o):
            var out = Object()
            for (k, v) in o {
                let key = renamed[k] ?? (k.prefix(1).uppercased() + k.dropFirst())
                out[key] = freeMaps.contains(k) ? v : pascal(v)
            }
            return .object(out)
        default: return value
        }
    }

    /// A logical ID from a name: letters and digits only.
    static func logicalID(_ prefix: String, _ name: String) -> String {
        var id = prefix
        var upper = true
        for c in name.unicodeScalars {
            if (c >= "a" && c <= "z") || (c >= "A" && c <= "Z") || (c >= "0" && c <= "9") {
                id += upper ? String(c).uppercased() : String(c)
                upper = false
            } else {
                upper = true
            }
        }
        return id
    }

    /// A role given by name (as ecs-params often does: `ecsTaskExecutionRole`) as the ARN
    /// CloudFormation needs, in the stack's partition and account.
    static func roleArn(_ value: Value?) -> Value? {
        guard let name = value?.stringValue else { return value }
        if name.hasPrefix("arn:") { return value }
        return ["Fn::Sub": .string("arn:${AWS::Partition}:iam::${AWS::AccountId}:role/\(name)")]
    }

    static func isID(_ s: String, prefix: String) -> Bool {
        guard s.hasPrefix(prefix) else { return false }
        let hex = s.dropFirst(prefix.count)
        return (hex.count == 8 || hex.count == 17) && hex.allSatisfy(\.isHexDigit)
    }

    static func build(project: ComposeProject, params: ECSParams?, taskDefinition: Value, service: Value, diagnostics: Diagnostics) -> Value {
        var resources = Object()
        var taskProperties = pascal(taskDefinition).objectValue ?? Object()
        for key in ["ExecutionRoleArn", "TaskRoleArn"] where taskProperties[key] != nil {
            taskProperties[key] = roleArn(taskProperties[key])
        }
        resources["TaskDefinition"] = ["Type": "AWS::ECS::TaskDefinition", "Properties": .object(taskProperties)]

        // The awsvpc subnets and security groups are parameters, defaulting to ecs-params' values
        // when those are IDs (the tutorial's "subnet ID 1" placeholders are not).
        var parameters = Object()
        if let params, params.networkMode == "awsvpc" {
            for (name, type, prefix, values) in [
                ("Subnets", "List<AWS::EC2::Subnet::Id>", "subnet-", params.subnets),
                ("SecurityGroups", "List<AWS::EC2::SecurityGroup::Id>", "sg-", params.securityGroups),
            ] where !values.isEmpty {
                var p: Object = ["Type": .string(type), "Description": .string("The \(name == "Subnets" ? "subnets" : "security groups") of the tasks (ecs-params.yml run_params)")]
                if values.allSatisfy({ isID($0, prefix: prefix) }) {
                    p["Default"] = .string(values.joined(separator: ","))
                } else {
                    diagnostics.warn(
                        "ecs-params.yml's \(name == "Subnets" ? "subnets" : "security groups") are not \(prefix)… IDs; the template's \(name) parameter has no default",
                        at: params.awsvpcLocation)
                }
                parameters[name] = .object(p)
            }
        }

        var logGroups: [String] = []
        for c in taskDefinition["containerDefinitions"]?.arrayValue ?? [] {
            guard let log = c["logConfiguration"], log["logDriver"] == "awslogs",
                let group = log["options"]?["awslogs-group"]?.stringValue
            else { continue }
            var id = logicalID("LogGroup", group)
            if id == "LogGroup" { id = "LogGroup\(logGroups.count + 1)" }
            if resources[id] != nil { continue }
            resources[id] = ["Type": "AWS::Logs::LogGroup", "Properties": ["LogGroupName": .string(group)]]
            logGroups.append(id)
        }

        var serviceProperties = pascal(service).objectValue ?? Object()
        serviceProperties["TaskDefinition"] = ["Ref": "TaskDefinition"]
        if var network = serviceProperties["NetworkConfiguration"]?["AwsvpcConfiguration"]?.objectValue {
            for name in ["Subnets", "SecurityGroups"] where parameters[name] != nil { network[name] = ["Ref": .string(name)] }
            serviceProperties["NetworkConfiguration"] = ["AwsvpcConfiguration": .object(network)]
        }
        if let sd = params?.serviceDiscovery {
            var namespaceID: Value = .string(sd.privateNamespaceID.isEmpty ? sd.publicNamespaceID : sd.privateNamespaceID)
            if sd.privateNamespaceID.isEmpty && sd.publicNamespaceID.isEmpty {
                if !sd.publicNamespaceName.isEmpty {
                    resources["ServiceDiscoveryNamespace"] = [
                        "Type": "AWS::ServiceDiscovery::PublicDnsNamespace", "Properties": ["Name": .string(sd.publicNamespaceName)],
                    ]
                } else {
                    var ns: Object = ["Name": .string(sd.privateNamespaceName), "Vpc": .string(sd.privateNamespaceVPC)]
                    if !sd.privateNamespaceDescription.isEmpty { ns["Description"] = .string(sd.privateNamespaceDescription) }
                    resources["ServiceDiscoveryNamespace"] = ["Type": "AWS::ServiceDiscovery::PrivateDnsNamespace", "Properties": .object(ns)]
                }
                namespaceID = ["Ref": "ServiceDiscoveryNamespace"]
            }
            let awsvpc = params?.networkMode == "awsvpc"
            let dnsType = sd.dnsType.isEmpty ? (awsvpc ? "A" : "SRV") : sd.dnsType
            var sdProperties: Object = [
                "Name": .string(sd.serviceName.isEmpty ? project.declaredName : sd.serviceName),
                "NamespaceId": namespaceID,
                "DnsConfig": ["DnsRecords": [["Type": .string(dnsType), "TTL": .int(sd.dnsTTL ?? 60)]], "RoutingPolicy": "MULTIVALUE"],
                "HealthCheckCustomConfig": ["FailureThreshold": .int(sd.failureThreshold ?? 1)],
            ]
            if !sd.serviceDescription.isEmpty { sdProperties["Description"] = .string(sd.serviceDescription) }
            resources["ServiceDiscoveryService"] = ["Type": "AWS::ServiceDiscovery::Service", "Properties": .object(sdProperties)]
            var registry: Object = ["RegistryArn": ["Fn::GetAtt": ["ServiceDiscoveryService", "Arn"]]]
            if dnsType == "SRV" || !sd.containerName.isEmpty {
                if !sd.containerName.isEmpty { registry["ContainerName"] = .string(sd.containerName) }
                if let port = sd.containerPort { registry["ContainerPort"] = .int(port) }
            }
            serviceProperties["ServiceRegistries"] = [.object(registry)]
        }
        var serviceResource: Object = ["Type": "AWS::ECS::Service"]
        if !logGroups.isEmpty { serviceResource["DependsOn"] = .array(logGroups.map(Value.string)) }
        serviceResource["Properties"] = .object(serviceProperties)
        resources["Service"] = .object(serviceResource)

        var template = Object()
        template["AWSTemplateFormatVersion"] = "2010-09-09"
        template["Description"] = .string("ECS task definition and service for the compose project \(project.declaredName)")
        if !parameters.isEmpty { template["Parameters"] = .object(parameters) }
        template["Resources"] = .object(resources)
        template["Outputs"] = [
            "TaskDefinitionArn": ["Value": ["Ref": "TaskDefinition"]],
            "ServiceName": ["Value": ["Fn::GetAtt": ["Service", "Name"]]],
        ]
        return .object(template)
    }
}
