import KitCore

/// What `kit render` makes of a compose project.
public enum ComposeTarget: String, Sendable, CaseIterable {
    /// Kubernetes objects, as kompose converts (the default without ecs-params.yml).
    case kubernetes
    /// The ECS RegisterTaskDefinition request, as `ecs-cli compose` builds it (the default with
    /// ecs-params.yml).
    case ecs
    /// The ECS CreateService request for that task definition.
    case ecsService = "ecs-service"
    /// A CloudFormation template: task definition, service and log groups.
    case cloudformation
    /// The normalised compose model (`docker compose config`).
    case compose
}

/// Everything a render needs besides the project files.
public struct ComposeRenderOptions: Sendable {
    public var target: ComposeTarget
    public var load: ComposeLoadOptions
    /// ECS targets: the ecs-params file (nil: `ecs-params.yml` in the project directory, if any).
    public var ecsParams: String?
    /// ECS targets: `EC2` or `FARGATE` (`requiresCompatibilities`, the service's launch type).
    public var launchType: String?
    /// ECS targets: the task role, over ecs-params' `task_role_arn`.
    public var taskRoleArn: String?
    /// ECS targets: Fargate rules fail the render instead of warning.
    public var strict: Bool
    /// Kubernetes: `deployment`, `daemonset` or `statefulset` for every service.
    public var controller: String?
    /// Kubernetes: replicas of services without `deploy.replicas` (default 1).
    public var replicas: Int?
    /// CreateService / CloudFormation: the cluster (default `default`) and desired count.
    public var cluster: String?
    public var desiredCount: Int?

    public init(
        target: ComposeTarget, load: ComposeLoadOptions, ecsParams: String? = nil, launchType: String? = nil,
        taskRoleArn: String? = nil, strict: Bool = false, controller: String? = nil, replicas: Int? = nil,
        cluster: String? = nil, desiredCount: Int? = nil
    ) {
        self.target = target
        self.load = load
        self.ecsParams = ecsParams
        self.launchType = launchType
        self.taskRoleArn = taskRoleArn
        self.strict = strict
        self.controller = controller
        self.replicas = replicas
        self.cluster = cluster
        self.desiredCount = desiredCount
    }
}

/// The result of a render: documents to print (one for every target but Kubernetes, which
/// has one per object), with a file name for each when written to a directory.
public struct ComposeRenderResult: Sendable {
    public var documents: [Value]
    /// For `-o DIR` (Kubernetes): the file of each document, and the kustomization that lists them.
    public var fileNames: [String]
    public var warnings: [ComposeWarning]
    /// Keys printed sorted (kustomize's and the AWS SDK's order) rather than as built.
    public var sortKeys: Bool

    public init(documents: [Value], fileNames: [String] = [], warnings: [ComposeWarning] = [], sortKeys: Bool = true) {
        self.documents = documents
        self.fileNames = fileNames
        self.warnings = warnings
        self.sortKeys = sortKeys
    }
}

/// The entry point of the renderers.
public enum ComposeRender {
    /// The ecs-params file of a render: the one given, else `ecs-params.yml` in the project
    /// directory when it exists.
    public static func ecsParamsPath(_ options: ComposeRenderOptions) -> String? {
        if let given = options.ecsParams { return given }
        let directory = options.load.files.first.map { $0 == "-" ? "." : Paths.directory(of: $0) } ?? options.load.directory
        let candidate = ComposeFiles.path(directory, "ecs-params.yml")
        return FileIO.exists(candidate) ? candidate : nil
    }

    /// Loads the project and renders it to `options.target`.
    public static func render(_ options: ComposeRenderOptions) throws -> ComposeRenderResult {
        var load = options.load
        switch options.target {
        case .compose, .kubernetes: load.dialect = .compose
        case .ecs, .ecsService, .cloudformation: load.dialect = .ecsCLI
        }
        let project = try ComposeLoader.load(load)
        switch options.target {
        case .compose:
            return ComposeRenderResult(documents: [ComposeNormalizer.normalize(project)], warnings: project.warnings)
        case .kubernetes:
            let diagnostics = Diagnostics()
            let objects = try KubernetesRenderer.render(
                project, options: .init(controller: options.controller, replicas: options.replicas), diagnostics: diagnostics)
            var warnings = project.warnings
            for w in diagnostics.warnings where !warnings.contains(w) { warnings.append(w) }
            return ComposeRenderResult(documents: objects.map(\.0), fileNames: objects.map(\.1), warnings: warnings)
        case .ecs, .ecsService, .cloudformation:
            return try renderECS(project, options: options)
        }
    }

    static func renderECS(_ project: ComposeProject, options: ComposeRenderOptions) throws -> ComposeRenderResult {
        if let launchType = options.launchType, launchType != "EC2" && launchType != "FARGATE" {
            throw KitError("--launch-type must be EC2 or FARGATE, not \(launchType)")
        }
        let params = try ecsParamsPath(options).map { try ECSParams.read($0, environment: options.load.environment) }
        let diagnostics = Diagnostics()
        let taskDefinition = try ECSTaskDefinition.build(
            project: project, params: params,
            options: .init(launchType: options.launchType, taskRoleArn: options.taskRoleArn), diagnostics: diagnostics)
        ECSRules.check(taskDefinition, project: project, params: params, diagnostics: diagnostics)
        var warnings = project.warnings
        for w in diagnostics.warnings where !warnings.contains(w) { warnings.append(w) }
        let strictFindings = warnings.filter(\.isStrictRule)
        if options.strict && !strictFindings.isEmpty { throw ComposeStrictFailure(findings: strictFindings) }
        switch options.target {
        case .ecs:
            return ComposeRenderResult(documents: [taskDefinition], warnings: warnings)
        default:
            let serviceDiagnostics = Diagnostics()
            let service = try ECSService.build(
                project: project, params: params, taskDefinition: taskDefinition,
                options: .init(launchType: options.launchType, cluster: options.cluster, desiredCount: options.desiredCount),
                diagnostics: serviceDiagnostics)
            for w in serviceDiagnostics.warnings where !warnings.contains(w) { warnings.append(w) }
            if options.target == .ecsService {
                return ComposeRenderResult(documents: [service], warnings: warnings)
            }
            let templateDiagnostics = Diagnostics()
            let template = CloudFormationTemplate.build(
                project: project, params: params, taskDefinition: taskDefinition, service: service, diagnostics: templateDiagnostics)
            warnings = warnings.filter { !$0.message.hasPrefix("service discovery needs") }
            for w in templateDiagnostics.warnings where !warnings.contains(w) { warnings.append(w) }
            return ComposeRenderResult(documents: [template], warnings: warnings, sortKeys: false)
        }
    }
}

extension ComposeRender {
    /// True when `directory` holds one of the default compose files.
    public static func hasComposeFile(in directory: String) -> Bool {
        ComposeFiles.hasDefaultFile(in: directory)
    }
}

/// `--strict` found Fargate rules broken.
public struct ComposeStrictFailure: Error, Sendable {
    public var findings: [ComposeWarning]
}

/// The bytes of a render: one YAML stream (or JSON sequence), or one file per document.
public enum ComposeOutput {
    public enum Format: Sendable { case yaml, json }

    public static func stream(_ result: ComposeRenderResult, format: Format) throws -> [UInt8] {
        switch format {
        case .yaml:
            return try YAMLWriter(keyOrder: result.sortKeys ? .sorted : .preserved).stream(result.documents)
        case .json:
            return try JSONWriter(style: .kubectl, indent: 2, sortKeys: result.sortKeys).stream(result.documents)
        }
    }

    /// One file per document (`fileNames`, made safe as single path components), plus
    /// `kustomization.yaml` listing them.
    public static func files(_ result: ComposeRenderResult, format: Format) throws -> [(name: FileName, bytes: [UInt8])] {
        var files: [(name: FileName, bytes: [UInt8])] = []
        let ext = format == .json ? "json" : "yaml"
        var names: [String] = []
        for (document, base) in zip(result.documents, result.fileNames) {
            guard let name = FileName.sanitizing("\(base).\(ext)") else {
                throw KitError("\(base): cannot be a file name")
            }
            names.append(name.text)
            let one = ComposeRenderResult(documents: [document], sortKeys: result.sortKeys)
            files.append((name, try stream(one, format: format)))
        }
        let kustomization: Value = [
            "apiVersion": "kustomize.config.k8s.io/v1beta1",
            "kind": "Kustomization",
            "resources": .array(names.map(Value.string)),
            "sortOptions": ["order": "fifo"],
        ]
        files.append((FileName("kustomization.yaml")!, try YAMLWriter(keyOrder: .preserved).document(kustomization)))
        return files
    }
}
