import KitCore

/// Whose reading rules a project is loaded with.
public enum ComposeDialect: Sendable, Equatable {
    /// docker compose's (the Compose Specification; `docker compose config`): what the
    /// `compose` and `kubernetes` targets read.
    case compose
    /// ecs-cli's, for the ECS targets: libcompose for versions 1 and 2, docker/cli's 3.0
    /// loader for version 3 (version checks, raw `.env` and `env_file` values, their
    /// interpolation and merge rules). Files without `version` that have `services:` are read
    /// as the Compose Specification (ecs-cli would misread them as version 1).
    case ecsCLI
}

/// The format of a compose file.
public enum ComposeFormat: Sendable, Equatable {
    /// Version 1: no `version` key, services at the top level.
    case v1
    /// `version: "2"` / `"2.x"`.
    case v2
    /// `version: "3"` / `"3.x"`.
    case v3
    /// The Compose Specification: no `version`, `services:` at the top level.
    case spec
}

/// What to load and how.
public struct ComposeLoadOptions: Sendable {
    /// The project directory when no files are given (the `DIR` argument).
    public var directory: String
    /// `-f` files, in order (relative to the current directory; `-` is standard input).
    public var files: [String]
    /// `--project-name` (else `COMPOSE_PROJECT_NAME`, the top-level `name`, the directory's name).
    public var projectName: String?
    /// `--env-file` (else `.env` in the project directory).
    public var envFile: String?
    /// `--profile`s (plus `COMPOSE_PROFILES`).
    public var profiles: [String]
    /// The process environment: interpolation values and `COMPOSE_*` settings.
    public var environment: [String: String]
    public var dialect: ComposeDialect

    public init(
        directory: String = ".", files: [String] = [], projectName: String? = nil, envFile: String? = nil,
        profiles: [String] = [], environment: [String: String] = [:], dialect: ComposeDialect = .compose
    ) {
        self.directory = directory
        self.files = files
        self.projectName = projectName
        self.envFile = envFile
        self.profiles = profiles
        self.environment = environment
        self.dialect = dialect
    }
}

/// A compose project after reading, interpolation, merging, `extends`, `include`, profiles and
/// validation: the one model every renderer reads.
public struct ComposeProject: Sendable {
    /// The project name as compose normalises it (lower case, `[a-z0-9_-]`).
    public var name: String
    /// The project name as given (`--project-name`, `COMPOSE_PROJECT_NAME`, top-level `name`)
    /// or the project directory's name, unchanged: ecs-cli's task definition family.
    public var declaredName: String
    /// The absolute project directory (relative paths resolve against it).
    public var workingDirectory: String
    /// The files read, in order.
    public var files: [String]
    public var format: ComposeFormat
    /// The first file's `version` (nil for none).
    public var version: String?
    public var dialect: ComposeDialect
    /// The services, in the order they were first defined.
    public var services: [ComposeService]
    /// The top-level `volumes`, `networks`, `secrets` and `configs` sections (empty when absent).
    public var volumes: NodeObject
    public var networks: NodeObject
    public var secrets: NodeObject
    public var configs: NodeObject
    /// Top-level `x-` extension fields.
    public var extensions: NodeObject
    /// The variables interpolation used (the `.env` file overlaid by the process environment).
    public var environment: [String: String]
    /// What loading noticed: unset variables, ignored fields, deprecated syntax.
    public var warnings: [ComposeWarning]

    /// The service named `name`.
    public func service(_ name: String) -> ComposeService? {
        services.first { $0.name == name }
    }
}

/// A variable of a service's resolved environment (`env_file` entries, then `environment`).
public struct EnvironmentVariable: Sendable, Equatable {
    public var name: String
    /// nil when the variable has no value (a bare `KEY` not set anywhere): compose passes it
    /// through from the host at run time.
    public var value: String?
    public var location: SourceLocation
    /// True when the value comes from an `env_file` rather than `environment`.
    public var fromEnvFile: Bool
}
