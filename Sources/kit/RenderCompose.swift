import ArgumentParser
import KitCompose
import KitCore

#if canImport(Glibc)
import Glibc
#endif

/// `kit render`'s compose part of `--help`.
let composeDiscussion = """
    COMPOSE: kit render DIR (or -f FILE…) reads a compose project — files merged as compose \
    merges them, .env and the environment interpolated, extends, include and profiles \
    applied, checked against the Compose Specification schema — and prints, with --target:
      kubernetes      Kubernetes objects as kompose converts them
      ecs             the RegisterTaskDefinition request ecs-cli compose builds
      ecs-service     the CreateService request (ecs-params run_params)
      cloudformation  a template: task definition, service, log groups
      compose         the normalised model, as docker compose config prints it
    The default is ecs when the directory has an ecs-params.yml, kubernetes otherwise.

    Compose examples:
      kit render examples/ecs-fargate --target ecs
      kit render examples/compose-app -o k8s/ && kubectl kustomize k8s/
      kit render -f compose.yaml -f compose.prod.yaml --target compose
      kit render . --target ecs --launch-type FARGATE --format json -o taskdef.json
    """

/// The flags of `kit render` that apply to compose projects.
struct ComposeRenderFlags: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("kubernetes, ecs, ecs-service, cloudformation or compose (compose projects only).", valueName: "target"))
    var target: String?

    @Option(name: [.customShort("f"), .long], help: ArgumentHelp("A compose file (repeat to merge several; - is standard input).", valueName: "file"))
    var file: [String] = []

    @Option(name: [.customShort("p"), .long], help: "The project name (ECS: the task definition family; default: the directory's name).")
    var projectName: String?

    @Option(name: .long, help: "Read variables from this file instead of the project's .env.")
    var envFile: String?

    @Option(name: .long, help: "Enable services of this profile (repeatable; also COMPOSE_PROFILES).")
    var profile: [String] = []

    @Option(name: .long, help: "ECS: the ecs-params file (default: ecs-params.yml in the project directory).")
    var ecsParams: String?

    @Option(name: .long, help: "ECS: EC2 or FARGATE (requiresCompatibilities and the service's launch type).")
    var launchType: String?

    @Option(name: .long, help: "ECS: the task role ARN (over ecs-params' task_role_arn).")
    var taskRoleArn: String?

    @Flag(name: .long, help: "ECS: fail (exit 1) on Fargate rules instead of warning.")
    var strict = false

    @Option(name: .long, help: "ECS service and CloudFormation: the cluster (default: the account's default cluster).")
    var cluster: String?

    @Option(name: .long, help: "ECS service and CloudFormation: the desired task count (default: 1).")
    var desiredCount: Int?

    @Option(name: .long, help: "Kubernetes: deployment, daemonset or statefulset for every service.")
    var controller: String?

    @Option(name: .long, help: "Kubernetes: replicas of services without deploy.replicas (default: 1).")
    var replicas: Int?

    /// True when the command renders a compose project rather than a kustomization.
    func applies(to directory: String) throws -> Bool {
        if !file.isEmpty { return true }
        let hasKustomization = ["kustomization.yaml", "kustomization.yml", "Kustomization"].contains {
            FileIO.exists(FileIO.join(directory, $0))
        }
        if hasKustomization {
            if target != nil || ecsParams != nil {
                throw KitError("\(directory) is a kustomization; --target and the other compose flags apply to compose projects")
            }
            return false
        }
        return target != nil || FileIO.isDirectory(directory) && ComposeRender.hasComposeFile(in: directory)
            || processEnvironment()["COMPOSE_FILE"].map { !$0.isEmpty } == true
    }
}

/// The process environment as a dictionary.
func processEnvironment() -> [String: String] {
    var result: [String: String] = [:]
    var pointer = environ
    while let entry = pointer.pointee {
        let text = String(cString: entry)
        if let eq = text.firstIndex(of: "=") {
            result[String(text[..<eq])] = String(text[text.index(after: eq)...])
        }
        pointer += 1
    }
    return result
}

extension RenderCommand {
    func renderCompose() throws {
        let flags = compose
        let load = ComposeLoadOptions(
            directory: directory, files: flags.file, projectName: flags.projectName, envFile: flags.envFile,
            profiles: flags.profile, environment: processEnvironment())
        var options = ComposeRenderOptions(
            target: .kubernetes, load: load, ecsParams: flags.ecsParams, launchType: flags.launchType,
            taskRoleArn: flags.taskRoleArn, strict: flags.strict, controller: flags.controller, replicas: flags.replicas,
            cluster: flags.cluster, desiredCount: flags.desiredCount)
        if let name = flags.target {
            guard let target = ComposeTarget(rawValue: name) else {
                throw KitError("unknown --target \(name): use \(ComposeTarget.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            options.target = target
        } else if ComposeRender.ecsParamsPath(options) != nil {
            options.target = .ecs
        }
        let result: ComposeRenderResult
        do {
            result = try ComposeRender.render(options)
        } catch let errors as ComposeErrors {
            for error in errors.errors { printKitError(error) }
            throw FindingsExit(status: 2)
        } catch let error as ComposeStrictFailure {
            for warning in error.findings { printError("kit: error: \(warning)") }
            throw FindingsExit(status: 1)
        }
        for warning in result.warnings { printError("kit: warning: \(warning)") }
        let documentFormat: ComposeOutput.Format = format == .json ? .json : .yaml
        if let output, output.hasSuffix("/") || FileIO.isDirectory(output) {
            guard options.target == .kubernetes else {
                throw KitError("-o \(output) is a directory; only --target kubernetes writes one file per object")
            }
            // Everything is rendered before the first file is written.
            let files = try ComposeOutput.files(result, format: documentFormat)
            if !FileIO.isDirectory(output) && mkdir(output, 0o777) != 0 {
                throw KitError("\(output): cannot create the directory")
            }
            try FileIO.writeFiles(files, into: output)
            return
        }
        try FileIO.write(try ComposeOutput.stream(result, format: documentFormat), to: output ?? "-")
    }
}
