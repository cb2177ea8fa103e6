import KitCompose
import KitCore

/// `--compose DIR`: a docker-compose project (and its ecs-params.yml) checked the way kit
/// renders it. What would stop a render is a finding, and so is what a render only warns
/// about; with ecs-params, the task definition is built and held to the rules the ECS API
/// applies when it is registered (Fargate task sizes, network modes), which ecs-cli left to
/// deploy time.
struct ComposeInput {
    var findings: [Finding] = []
    /// The files read (compose files, then ecs-params.yml), for the report's order and count.
    var files: [String] = []
    /// The services checked, as reports list objects.
    var services: [(file: String, object: String)] = []

    /// Throws (exit 2) only when `directory` is not a directory; everything wrong inside the
    /// project is a finding.
    static func read(directory: String, options: ValidateOptions) throws -> ComposeInput {
        guard FileIO.isDirectory(directory) else { throw KitError("\(directory): not a directory (--compose takes a compose project directory)") }
        var input = ComposeInput()
        let start = SourceLocation(file: directory, line: 1, column: 1)
        let load = ComposeLoadOptions(directory: directory, environment: options.composeEnvironment, dialect: .compose)
        let project: ComposeProject
        do {
            project = try ComposeLoader.load(load)
        } catch {
            input.add(error, rule: "compose-spec", fallback: start)
            return input
        }
        input.files = project.files
        input.services = project.services.map { (file: $0.location.file, object: "service/" + $0.name) }
        for w in project.warnings { input.add(w, fallback: start) }

        let ecsRender = ComposeRenderOptions(target: .ecs, load: load, launchType: options.composeLaunchType)
        guard let params = ComposeRender.ecsParamsPath(ecsRender) else { return input }
        input.files.append(params)
        do {
            let result = try ComposeRender.render(ecsRender)
            // The compose warnings were reported from the compose reading above (ecs-cli reads
            // the same files with its own rules; what only it notices is new).
            for w in result.warnings where !project.warnings.contains(w) { input.add(w, fallback: start) }
        } catch {
            input.add(error, rule: "ecs-params", fallback: SourceLocation(file: params, line: 1, column: 1))
        }
        return input
    }

    mutating func add(_ warning: ComposeWarning, fallback: SourceLocation) {
        findings.append(Finding(
            rule: warning.isStrictRule ? "ecs-task-rule" : "compose-warning", severity: warning.isStrictRule ? .error : .warning,
            message: warning.message, location: warning.location ?? fallback))
    }

    mutating func add(_ error: any Error, rule: String, fallback: SourceLocation) {
        let errors: [KitError]
        switch error {
        case let e as ComposeErrors: errors = e.errors
        case let e as KitError: errors = [e]
        default: errors = [KitError("\(error)")]
        }
        for e in errors {
            findings.append(Finding(rule: rule, severity: .error, message: e.message, location: e.location ?? fallback))
        }
    }
}
