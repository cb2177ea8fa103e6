import ArgumentParser
import KitCore
import KitCreate
import KitModel

#if canImport(Glibc)
import Glibc
#endif

/// `kit create KIND NAME [flags]`: prints the object `kubectl create KIND NAME [flags]
/// --dry-run=client -o yaml` prints, built offline by KitCreate. The subcommands only read
/// flags (with kubectl's list and number syntax) and print; KitCreate builds.
struct CreateCommand: KitCommand {
    static let overview = "creates objects as 'kubectl create --dry-run=client' does"

    static let configuration = CommandConfiguration(
        commandName: "create",
        abstract: "Print the object 'kubectl create KIND NAME' would create, offline.",
        discussion: HelpText.discussion(
            """
            Builds the object exactly as 'kubectl create … --dry-run=client' does and prints it \
            as YAML (-o json and -o name as kubectl prints them). Nothing is sent anywhere: \
            --dry-run=client is the only mode, and the flag may be left out.

            Differences from kubectl: YAML is the default output; names and namespaces are \
            checked as the API server checks them; role and clusterrole resolve --resource \
            from the Kubernetes \(KubernetesSchema.compiledVersion) schema compiled into \
            kit (custom resources in other groups are used as written); 'job --from' needs a \
            cluster and is refused.
            """,
            examples: [
                "kit create deployment web --image=nginx:1.27 --port=80 --replicas=3",
                "kit create service clusterip web --tcp=80:8080",
                "kit create configmap settings --from-file=app.properties",
                "kit create secret generic db --from-env-file=db.env -n prod",
                "kit create role reader --verb=get,list --resource=pods,deploy",
                "kit create cronjob nightly --image=busybox --schedule='0 3 * * *'",
            ]),
        subcommands: [
            CreateClusterRole.self, CreateClusterRoleBinding.self, CreateConfigMap.self, CreateCronJob.self,
            CreateDeployment.self, CreateIngress.self, CreateJob.self, CreateNamespace.self,
            CreatePodDisruptionBudget.self, CreatePriorityClass.self, CreateQuota.self, CreateRole.self,
            CreateRoleBinding.self, CreateSecret.self, CreateService.self, CreateServiceAccount.self,
        ]
    )

    /// kubectl's spellings of create's flags: `-oyaml` and `-o=yaml` are `-o yaml`, a bare
    /// `--dry-run` is `--dry-run=client` and a bare `--validate` `--validate=strict` (their
    /// pflag defaults), `--save-config=true` is `--save-config` and `=false` leaves the flag
    /// out, `--flag=` is an empty value.
    static let spellings = KubectlFlagSpellings(
        booleanFlags: ["--save-config", "--append-hash", "--global-default"], shortOptionsWithValue: ["o", "n", "r"],
        bareDefaults: ["--dry-run": "--dry-run=client", "--validate": "--validate=strict"], emptyValues: true)

    /// The words after `--` on the command line (set by `normalize`, before parsing): kubectl
    /// counts NAME arguments before `--` only; what follows is the command of deployment, job
    /// and cronjob containers (and ignored by the others).
    nonisolated(unsafe) static var command: [String] = []

    /// A `create` command line in the forms swift-argument-parser reads (see `spellings`).
    static func normalize(_ arguments: [String]) throws -> [String] {
        let (words, afterDash) = try spellings.normalize(arguments)
        command = afterDash ?? []
        return words
    }
}

/// The flags every `kit create` subcommand takes, as kubectl's do.
struct CreateCommonOptions: ParsableArguments {
    // Every subcommand takes one NAME; a list, so that `name()` can say kubectl's message
    // when there are none or several.
    @Argument(help: ArgumentHelp("The name of the object.", valueName: "name")) var names: [String] = []

    @Option(name: [.short, .long], help: ArgumentHelp("Output format: yaml (default), json or name.", valueName: "format"))
    var output: String?

    @Option(name: [.short, .long], help: "Namespace written into metadata (namespaced kinds only, as kubectl).")
    var namespace: String?

    @Option(name: .long, help: ArgumentHelp("Only 'client' (the default): kit never contacts a server.", valueName: "mode"))
    var dryRun: String?

    @Flag(name: .long, help: "Add the kubectl.kubernetes.io/last-applied-configuration annotation, as kubectl does.")
    var saveConfig = false

    @Option(name: .long, help: ArgumentHelp("Accepted for kubectl compatibility; a client-side dry run does not use it.", valueName: "name"))
    var fieldManager: String?

    @Option(name: .long, help: ArgumentHelp("Accepted for kubectl compatibility (strict, warn, ignore, true, false); server-side only.", valueName: "mode"))
    var validate: String?

    // Subcommands check every flag in `validate()` (which ArgumentParser runs before `run()`,
    // so failures are usage errors); `run()` only converts the values again.

    /// The one NAME kubectl requires (arguments after `--` do not count).
    func name() throws -> String {
        guard names.count == 1 else { throw ValidationError("exactly one NAME is required, got \(names.count)") }
        return names[0]
    }

    /// cobra's check of required flags: the missing ones, named in flag order.
    func require(_ flags: [(String, Bool)]) throws {
        let missing = flags.filter { !$0.1 }.map { "\"\($0.0)\"" }.sorted()
        if !missing.isEmpty { throw ValidationError("required flag(s) \(missing.joined(separator: ", ")) not set") }
    }

    /// The output format, after kubectl's checks of `--dry-run` and `-o`.
    func format() throws -> CreateOutput.Format {
        switch dryRun ?? "client" {
        case "client", "unchanged": break
        case "server":
            throw KitError("--dry-run=server needs an API server; kit works offline and prints what --dry-run=client prints")
        case "none":
            throw KitError("--dry-run=none would create the object in a cluster; kit works offline and only prints it (--dry-run=client)")
        case let other:
            throw KitError("Invalid dry-run value (\(other)). Must be \"none\", \"server\", or \"client\".")
        }
        switch validate ?? "strict" {
        case "strict", "true", "warn", "ignore", "false": break
        case let other:
            throw KitError("invalid - validate option \(GoSyntax.quote(other)); must be one of: strict (or true), warn, ignore (or false)")
        }
        guard let output else { return .yaml }
        if let format = CreateOutput.Format(rawValue: output) { return format }
        throw KitError("unable to match a printer suitable for the output format \(GoSyntax.quote(output)), allowed formats are: json,name,yaml")
    }

    /// Builds the object (checking the common flags first, as kubectl does) and prints it,
    /// after any warnings the builder gave (which are printed even when it fails).
    func emit<T: KubernetesObjectModel>(_ build: (inout [String]) throws(CreateError) -> T) throws {
        let format = try format()
        var warnings: [String] = []
        let object: T
        do {
            object = try build(&warnings)
        } catch {
            for warning in warnings { printError(warning) }
            throw KitError(error.message)
        }
        for warning in warnings { printError(warning) }
        try writeStdout(try CreateOutput.render(saveConfig ? CreateOutput.withLastAppliedConfiguration(object) : object, as: format))
    }

    func emit<T: KubernetesObjectModel>(_ build: () throws(CreateError) -> T) throws {
        try emit { (_: inout [String]) throws(CreateError) -> T in try build() }
    }

    /// A `--flag` that kubectl reads as a comma-separated list.
    func list(_ occurrences: [String], _ flag: String) throws -> [String] {
        try usageErrors { () throws(CreateError) in try FlagSyntax.stringSlice(occurrences, flag: flag) }
    }

    func int32(_ text: String?, _ flag: String, default value: Int32) throws -> Int32 {
        guard let text else { return value }
        return try usageErrors { () throws(CreateError) in try FlagSyntax.int32(text, flag: flag) }
    }
}

/// Runs one of kubectl's flag parsers; what it refuses is a usage error (printed with the
/// command's usage line, as kubectl's flag errors are).
func usageErrors<T>(_ parse: () throws(CreateError) -> T) throws -> T {
    do {
        return try parse()
    } catch {
        throw ValidationError(error.message)
    }
}

/// The process environment, for env-file lines that name a variable without a value.
@Sendable func environmentValue(_ name: String) -> String? {
    getenv(name).map { String(cString: $0) }
}

// MARK: - deployment, job, cronjob

struct CreateDeployment: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "deployment", abstract: "Create a deployment with the specified name.",
        usage: "kit create deployment NAME --image=IMAGE [--image=IMAGE…] [--port=PORT] [--replicas=N] [-- COMMAND [ARG…]]",
        discussion: HelpText.discussion(
            examples: [
                "kit create deployment my-dep --image=busybox",
                "kit create deployment my-dep --image=nginx --replicas=3 --port=80",
                "kit create deployment my-dep --image=busybox -- date",
            ]),
        aliases: ["deploy"])

    @Option(name: .customLong("image"), help: "Image names to run (one container each; comma-separated or repeated).")
    var images: [String] = []
    @Option(help: "The port that the first container exposes.") var port: String?
    @Option(name: [.customShort("r"), .long], help: "Number of replicas (default 1).") var replicas: String?
    @OptionGroup var common: CreateCommonOptions

    func validate() throws {
        _ = try common.list(self.images, "--image")
        _ = try common.int32(port, "--port", default: -1)
        _ = try common.int32(replicas, "-r, --replicas", default: 1)
        try common.require([("image", !images.isEmpty)])
        _ = try common.name()
    }

    func run() throws {
        let name = try common.name()
        let images = try common.list(self.images, "--image")
        let port = try common.int32(port, "--port", default: -1)
        let replicas = try common.int32(replicas, "-r, --replicas", default: 1)
        try common.emit { () throws(CreateError) in
            try Create.deployment(DeploymentOptions(name: name, namespace: common.namespace, images: images, port: port,
                                                    replicas: replicas, command: CreateCommand.command))
        }
    }
}

struct CreateJob: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "job", abstract: "Create a job with the specified name.",
        usage: "kit create job NAME --image=IMAGE [-- COMMAND [ARG…]]",
        discussion: HelpText.discussion(
            """
            --from=cronjob/NAME needs the CronJob from a cluster and is refused: kit works offline.
            """,
            examples: [
                "kit create job my-job --image=busybox",
                "kit create job my-job --image=busybox -- date",
            ]))

    @Option(help: "Image name to run.") var image: String = ""
    @Option(help: "The resource to create a Job from (only cronjob/NAME; refused offline).") var from: String = ""
    @OptionGroup var common: CreateCommonOptions

    func validate() throws {
        _ = try common.name()
    }

    func run() throws {
        let name = try common.name()
        try common.emit { () throws(CreateError) in
            try Create.job(JobOptions(name: name, namespace: common.namespace, image: image, from: from, command: CreateCommand.command))
        }
    }
}

struct CreateCronJob: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cronjob", abstract: "Create a cron job with the specified name.",
        usage: "kit create cronjob NAME --image=IMAGE --schedule='0/5 * * * ?' [--restart=POLICY] [-- COMMAND [ARG…]]",
        discussion: HelpText.discussion(
            examples: [
                "kit create cronjob my-job --image=busybox --schedule=\"*/1 * * * *\"",
                "kit create cronjob my-job --image=busybox --schedule=\"*/1 * * * *\" -- date",
            ]),
        aliases: ["cj"])

    @Option(help: "Image name to run.") var image: String?
    @Option(help: "A schedule in the Cron format the job should be run with.") var schedule: String?
    @Option(help: "The job's restart policy: OnFailure (default) or Never.") var restart: String = ""
    @OptionGroup var common: CreateCommonOptions

    func validate() throws {
        try common.require([("image", image != nil), ("schedule", schedule != nil)])
        _ = try common.name()
    }

    func run() throws {
        let name = try common.name()
        try common.emit { () throws(CreateError) in
            try Create.cronJob(CronJobOptions(name: name, namespace: common.namespace, image: image ?? "", schedule: schedule ?? "",
                                              restart: restart, command: CreateCommand.command))
        }
    }
}

// MARK: - service

struct CreateService: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "service", abstract: "Create a service using a specified subcommand.",
        discussion: HelpText.discussion(
            "The subcommand is the service's type.",
            examples: [
                "kit create service clusterip web --tcp=80:8080",
                "kit create service nodeport web --tcp=80:8080 --node-port=30080",
                "kit create service externalname db --external-name=db.example.com",
            ]),
        subcommands: [CreateServiceClusterIP.self, CreateServiceNodePort.self, CreateServiceLoadBalancer.self,
                      CreateServiceExternalName.self],
        aliases: ["svc"])
}

/// The flags of the four service subcommands; each declares the ones kubectl gives it.
protocol ServiceSubcommand: ParsableCommand {
    var tcp: [String] { get }
    var common: CreateCommonOptions { get }
    static var serviceType: ServiceOptions.ServiceType { get }
}

extension ServiceSubcommand {
    func nodePortValue(_ nodePort: String?) throws -> Int64 {
        guard let nodePort else { return 0 }
        return try usageErrors { () throws(CreateError) in try FlagSyntax.int(nodePort, flag: "--node-port") }
    }

    /// Usage errors first, as kubectl's flag parsing finds them.
    func validateService(nodePort: String?) throws {
        _ = try common.list(tcp, "--tcp")
        _ = try nodePortValue(nodePort)
        if Self.serviceType != .externalName { _ = try common.name() }
    }

    func create(clusterIP: String = "", nodePort: String? = nil, externalName: String = "") throws {
        let name = try common.name()
        let tcp = try common.list(self.tcp, "--tcp")
        let port = try nodePortValue(nodePort)
        try common.emit { () throws(CreateError) in
            try Create.service(ServiceOptions(name: name, namespace: common.namespace, type: Self.serviceType, tcp: tcp,
                                              clusterIP: clusterIP, nodePort: port, externalName: externalName))
        }
    }
}

struct CreateServiceClusterIP: ServiceSubcommand {
    static let configuration = CommandConfiguration(
        commandName: "clusterip", abstract: "Create a ClusterIP service.",
        usage: "kit create service clusterip NAME [--tcp=<port>:<targetPort>] [--clusterip=<ip>|None]",
        discussion: HelpText.discussion(
            examples: [
                "kit create service clusterip my-cs --tcp=5678:8080",
                "kit create service clusterip my-cs --clusterip=\"None\"",
            ]))
    static let serviceType = ServiceOptions.ServiceType.clusterIP
    @Option(help: "Port pairs, as '<port>:<targetPort>' (comma-separated or repeated).") var tcp: [String] = []
    @Option(help: "Assign your own ClusterIP or set to 'None' for a 'headless' service.") var clusterip: String = ""
    @OptionGroup var common: CreateCommonOptions
    func validate() throws { try validateService(nodePort: nil) }
    func run() throws { try create(clusterIP: clusterip) }
}

struct CreateServiceNodePort: ServiceSubcommand {
    static let configuration = CommandConfiguration(
        commandName: "nodeport", abstract: "Create a NodePort service.",
        usage: "kit create service nodeport NAME [--tcp=<port>:<targetPort>] [--node-port=<port>]",
        discussion: HelpText.discussion(
            examples: [
                "kit create service nodeport my-ns --tcp=5678:8080",
            ]))
    static let serviceType = ServiceOptions.ServiceType.nodePort
    @Option(help: "Port pairs, as '<port>:<targetPort>' (comma-separated or repeated).") var tcp: [String] = []
    @Option(name: .customLong("node-port"), help: "Port used to expose the service on each node in a cluster.") var nodePort: String?
    @OptionGroup var common: CreateCommonOptions
    func validate() throws { try validateService(nodePort: nodePort) }
    func run() throws { try create(nodePort: nodePort) }
}

struct CreateServiceLoadBalancer: ServiceSubcommand {
    static let configuration = CommandConfiguration(
        commandName: "loadbalancer", abstract: "Create a LoadBalancer service.",
        usage: "kit create service loadbalancer NAME [--tcp=<port>:<targetPort>]",
        discussion: HelpText.discussion(
            examples: [
                "kit create service loadbalancer my-lbs --tcp=5678:8080",
            ]))
    static let serviceType = ServiceOptions.ServiceType.loadBalancer
    @Option(help: "Port pairs, as '<port>:<targetPort>' (comma-separated or repeated).") var tcp: [String] = []
    @OptionGroup var common: CreateCommonOptions
    func validate() throws { try validateService(nodePort: nil) }
    func run() throws { try create() }
}

struct CreateServiceExternalName: ServiceSubcommand {
    static let configuration = CommandConfiguration(
        commandName: "externalname", abstract: "Create an ExternalName service.",
        usage: "kit create service externalname NAME --external-name=<external.name> [--tcp=<port>:<targetPort>]",
        discussion: HelpText.discussion(
            examples: [
                "kit create service externalname my-ns --external-name bar.com",
            ]))
    static let serviceType = ServiceOptions.ServiceType.externalName
    @Option(help: "Port pairs, as '<port>:<targetPort>' (comma-separated or repeated).") var tcp: [String] = []
    @Option(name: .customLong("external-name"), help: "External name of service.") var externalName: String?
    @OptionGroup var common: CreateCommonOptions
    func validate() throws {
        try validateService(nodePort: nil)
        try common.require([("external-name", externalName != nil)])
        _ = try common.name()
    }

    func run() throws {
        try create(externalName: externalName ?? "")
    }
}

// MARK: - configmap, secret

struct CreateConfigMap: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "configmap", abstract: "Create a config map from a local file, directory or literal value.",
        usage: "kit create configmap NAME [--from-file=[key=]source] [--from-literal=key=value] [--from-env-file=file] [--append-hash]",
        discussion: HelpText.discussion(
            """
            A file's key is its base name unless given as KEY=PATH; a directory adds each regular \
            file in it. Files that are not UTF-8 go to binaryData.
            """,
            examples: [
                "kit create configmap my-config --from-file=path/to/bar",
                "kit create configmap my-config --from-file=key1=/path/to/file1.txt --from-literal=key2=config2",
                "kit create configmap my-config --from-env-file=path/to/foo.env",
            ]),
        aliases: ["cm"])

    @Option(name: .customLong("from-file"), help: "[KEY=]SOURCE: a file or a directory (comma-separated or repeated).")
    var fromFile: [String] = []
    @Option(name: .customLong("from-literal"), help: "KEY=VALUE (repeat for more).") var fromLiteral: [String] = []
    @Option(name: .customLong("from-env-file"), help: "A file of KEY=VALUE lines (comma-separated or repeated).")
    var fromEnvFile: [String] = []
    @Flag(name: .customLong("append-hash"), help: "Append a hash of the config map to its name.") var appendHash = false
    @OptionGroup var common: CreateCommonOptions

    func validate() throws {
        _ = try common.list(fromFile, "--from-file")
        _ = try common.list(fromEnvFile, "--from-env-file")
        _ = try common.name()
    }

    func run() throws {
        let name = try common.name()
        let files = try common.list(fromFile, "--from-file")
        let envFiles = try common.list(fromEnvFile, "--from-env-file")
        try common.emit { () throws(CreateError) in
            try Create.configMap(ConfigMapOptions(name: name, namespace: common.namespace, fileSources: files, literalSources: fromLiteral,
                                                  envFileSources: envFiles, appendHash: appendHash, environment: environmentValue))
        }
    }
}

struct CreateSecret: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "secret", abstract: "Create a secret using a specified subcommand.",
        discussion: HelpText.discussion(
            "The subcommand is the kind of secret. Secret values never appear in kit's messages.",
            examples: [
                "kit create secret generic db --from-literal=password=s3cret",
                "kit create secret tls web-tls --cert=tls.crt --key=tls.key",
                "kit create secret docker-registry regcred --from-file=.dockerconfigjson=config.json",
            ]),
        subcommands: [CreateSecretGeneric.self, CreateSecretTLS.self, CreateSecretDockerRegistry.self])
}

struct CreateSecretGeneric: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generic", abstract: "Create a secret from a local file, directory, or literal value.",
        usage: "kit create secret generic NAME [--type=type] [--from-file=[key=]source] [--from-literal=key=value] [--from-env-file=file] [--append-hash]",
        discussion: HelpText.discussion(
            """
            Secret values never appear in kit's error messages.
            """,
            examples: [
                "kit create secret generic my-secret --from-file=path/to/bar",
                "kit create secret generic my-secret --from-file=ssh-privatekey=path/to/id_rsa",
                "kit create secret generic my-secret --from-literal=key1=supersecret --from-literal=key2=topsecret",
                "kit create secret generic my-secret --from-env-file=path/to/bar.env",
            ]))

    @Option(name: .customLong("from-file"), help: "[KEY=]SOURCE: a file or a directory (comma-separated or repeated).")
    var fromFile: [String] = []
    @Option(name: .customLong("from-literal"), help: "KEY=VALUE (repeat for more).") var fromLiteral: [String] = []
    @Option(name: .customLong("from-env-file"), help: "A file of KEY=VALUE lines (comma-separated or repeated).")
    var fromEnvFile: [String] = []
    @Option(help: "The type of secret to create.") var type: String = ""
    @Flag(name: .customLong("append-hash"), help: "Append a hash of the secret to its name.") var appendHash = false
    @OptionGroup var common: CreateCommonOptions

    func validate() throws {
        _ = try common.list(fromFile, "--from-file")
        _ = try common.list(fromEnvFile, "--from-env-file")
        _ = try common.name()
    }

    func run() throws {
        let name = try common.name()
        let files = try common.list(fromFile, "--from-file")
        let envFiles = try common.list(fromEnvFile, "--from-env-file")
        try common.emit { () throws(CreateError) in
            try Create.genericSecret(SecretOptions(name: name, namespace: common.namespace, type: type, fileSources: files,
                                                   literalSources: fromLiteral, envFileSources: envFiles, appendHash: appendHash,
                                                   environment: environmentValue))
        }
    }
}

struct CreateSecretTLS: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tls", abstract: "Create a TLS secret from a certificate and its private key.",
        usage: "kit create secret tls NAME --cert=path/to/cert/file --key=path/to/key/file [--append-hash]",
        discussion: HelpText.discussion(
            """
            The certificate and key must be PEM files that belong together (checked as kubectl does).
            """,
            examples: [
                "kit create secret tls tls-secret --cert=path/to/tls.crt --key=path/to/tls.key",
            ]))

    @Option(help: "Path to the PEM encoded public key certificate.") var cert: String = ""
    @Option(help: "Path to the private key associated with the certificate.") var key: String = ""
    @Flag(name: .customLong("append-hash"), help: "Append a hash of the secret to its name.") var appendHash = false
    @OptionGroup var common: CreateCommonOptions

    func validate() throws {
        _ = try common.name()
    }

    func run() throws {
        let name = try common.name()
        try common.emit { () throws(CreateError) in
            try Create.tlsSecret(TLSSecretOptions(name: name, namespace: common.namespace, certFile: cert, keyFile: key, appendHash: appendHash))
        }
    }
}

struct CreateSecretDockerRegistry: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "docker-registry", abstract: "Create a secret for use with a Docker registry.",
        usage: "kit create secret docker-registry NAME --docker-username=user --docker-password=password [--docker-email=email] [--docker-server=server] | --from-file=[key=]source",
        discussion: HelpText.discussion(
            examples: [
                "kit create secret docker-registry my-secret --docker-server=SERVER --docker-username=USER --docker-password=PASSWORD --docker-email=EMAIL",
                "kit create secret docker-registry my-secret --from-file=.dockerconfigjson=path/to/.docker/config.json",
            ]))

    @Option(name: .customLong("docker-username"), help: "Username for Docker registry authentication.") var username: String = ""
    @Option(name: .customLong("docker-password"), help: "Password for Docker registry authentication.") var password: String = ""
    @Option(name: .customLong("docker-email"), help: "Email for Docker registry.") var email: String = ""
    @Option(name: .customLong("docker-server"), help: "Server location for Docker registry.")
    var server: String = "https://index.docker.io/v1/"
    @Option(name: .customLong("from-file"), help: "[KEY=]SOURCE: a file or a directory (comma-separated or repeated).")
    var fromFile: [String] = []
    @Flag(name: .customLong("append-hash"), help: "Append a hash of the secret to its name.") var appendHash = false
    @OptionGroup var common: CreateCommonOptions

    func validate() throws {
        _ = try common.list(fromFile, "--from-file")
        _ = try common.name()
    }

    func run() throws {
        let name = try common.name()
        let files = try common.list(fromFile, "--from-file")
        try common.emit { () throws(CreateError) in
            try Create.dockerRegistrySecret(DockerRegistrySecretOptions(
                name: name, namespace: common.namespace, username: username, password: password, email: email, server: server,
                fileSources: files, appendHash: appendHash))
        }
    }
}

// MARK: - namespace, serviceaccount

struct CreateNamespace: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "namespace", abstract: "Create a namespace with the specified name.",
        usage: "kit create namespace NAME",
        discussion: HelpText.discussion(
            examples: [
                "kit create namespace my-namespace",
            ]),
        aliases: ["ns"])
    @OptionGroup var common: CreateCommonOptions

    func validate() throws {
        _ = try common.name()
    }

    func run() throws {
        let name = try common.name()
        try common.emit { () throws(CreateError) in try Create.namespace(name: name) }
    }
}

struct CreateServiceAccount: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serviceaccount", abstract: "Create a service account with the specified name.",
        usage: "kit create serviceaccount NAME [-n NAMESPACE]",
        discussion: HelpText.discussion(
            examples: [
                "kit create serviceaccount my-service-account",
            ]),
        aliases: ["sa"])
    @OptionGroup var common: CreateCommonOptions

    func validate() throws {
        _ = try common.name()
    }

    func run() throws {
        let name = try common.name()
        try common.emit { () throws(CreateError) in try Create.serviceAccount(name: name, namespace: common.namespace) }
    }
}

// MARK: - RBAC

struct CreateRole: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "role", abstract: "Create a role with single rule.",
        usage: "kit create role NAME --verb=verb --resource=resource.group/subresource [--resource-name=name]",
        discussion: HelpText.discussion(
            """
            --resource is RESOURCE[.GROUP][/SUBRESOURCE]: a plural, singular or short name, resolved \
            from kit's compiled-in schema as kubectl resolves it from a server.
            """,
            examples: [
                "kit create role pod-reader --verb=get --verb=list --verb=watch --resource=pods",
                "kit create role pod-reader --verb=get --resource=pods --resource-name=readablepod",
                "kit create role foo --verb=get,list,watch --resource=rs.apps",
                "kit create role foo --verb=get,list,watch --resource=pods,pods/status",
            ]))
    @Option(help: "Verb that applies to the resources contained in the rule (comma-separated or repeated).") var verb: [String] = []
    @Option(help: "Resource that the rule applies to (comma-separated or repeated).", completion: .custom(Completions.resourceList))
    var resource: [String] = []
    @Option(name: .customLong("resource-name"), help: "Resource name the rule applies to (repeat for more).") var resourceName: [String] = []
    @OptionGroup var common: CreateCommonOptions

    func validate() throws {
        _ = try common.list(verb, "--verb")
        _ = try common.list(resource, "--resource")
        _ = try common.name()
    }

    func run() throws {
        let name = try common.name()
        let options = RoleOptions(name: name, namespace: common.namespace, verbs: try common.list(verb, "--verb"),
                                  resources: try common.list(resource, "--resource"), resourceNames: resourceName)
        try common.emit { (warnings: inout [String]) throws(CreateError) in try Create.role(options, warnings: &warnings) }
    }
}

struct CreateClusterRole: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "clusterrole", abstract: "Create a cluster role.",
        usage: "kit create clusterrole NAME --verb=verb --resource=resource.group [--resource-name=name] [--non-resource-url=url] | --aggregation-rule=key=value",
        discussion: HelpText.discussion(
            examples: [
                "kit create clusterrole pod-reader --verb=get,list,watch --resource=pods",
                "kit create clusterrole foo --verb=get --non-resource-url=/logs/*",
                "kit create clusterrole monitoring --aggregation-rule=\"rbac.example.com/aggregate-to-monitoring=true\"",
            ]))
    @Option(help: "Verb that applies to the resources contained in the rule (comma-separated or repeated).") var verb: [String] = []
    @Option(help: "Resource that the rule applies to (comma-separated or repeated).", completion: .custom(Completions.resourceList))
    var resource: [String] = []
    @Option(name: .customLong("resource-name"), help: "Resource name the rule applies to (repeat for more).") var resourceName: [String] = []
    @Option(name: .customLong("non-resource-url"), help: "A partial URL that users should have access to (comma-separated or repeated).")
    var nonResourceURL: [String] = []
    @Option(name: .customLong("aggregation-rule"), help: "KEY=VALUE labels selecting the cluster roles to aggregate.")
    var aggregationRule: [String] = []
    @OptionGroup var common: CreateCommonOptions

    func validate() throws {
        _ = try common.list(verb, "--verb")
        _ = try common.list(resource, "--resource")
        _ = try common.list(nonResourceURL, "--non-resource-url")
        _ = try aggregationSelector()
        _ = try common.name()
    }

    func aggregationSelector() throws -> [(key: String, value: String)] {
        try usageErrors { () throws(CreateError) in try FlagSyntax.stringMap(aggregationRule, flag: "--aggregation-rule") }
    }

    func run() throws {
        let rule = try aggregationSelector()
        let name = try common.name()
        let options = RoleOptions(name: name, verbs: try common.list(verb, "--verb"), resources: try common.list(resource, "--resource"),
                                  resourceNames: resourceName, nonResourceURLs: try common.list(nonResourceURL, "--non-resource-url"),
                                  aggregationRule: rule)
        try common.emit { (warnings: inout [String]) throws(CreateError) in try Create.clusterRole(options, warnings: &warnings) }
    }
}

struct CreateRoleBinding: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rolebinding", abstract: "Create a role binding for a particular role or cluster role.",
        usage: "kit create rolebinding NAME --clusterrole=NAME|--role=NAME [--user=username] [--group=groupname] [--serviceaccount=namespace:name]",
        discussion: HelpText.discussion(
            examples: [
                "kit create rolebinding admin --clusterrole=admin --user=user1 --user=user2 --group=group1",
                "kit create rolebinding admin-binding --role=admin --serviceaccount=monitoring:sa-dev",
            ]))
    @Option(help: "ClusterRole this RoleBinding should reference.") var clusterrole: String = ""
    @Option(help: "Role this RoleBinding should reference.") var role: String = ""
    @Option(help: "Usernames to bind to the role (repeat for more).") var user: [String] = []
    @Option(help: "Groups to bind to the role (repeat for more).") var group: [String] = []
    @Option(help: "Service accounts to bind to the role, as <namespace>:<name> (repeat for more).") var serviceaccount: [String] = []
    @OptionGroup var common: CreateCommonOptions

    func validate() throws {
        _ = try common.name()
    }

    func run() throws {
        let name = try common.name()
        try common.emit { () throws(CreateError) in
            try Create.roleBinding(RoleBindingOptions(name: name, namespace: common.namespace, clusterRole: clusterrole, role: role,
                                                      users: user, groups: group, serviceAccounts: serviceaccount))
        }
    }
}

struct CreateClusterRoleBinding: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "clusterrolebinding", abstract: "Create a cluster role binding for a particular cluster role.",
        usage: "kit create clusterrolebinding NAME --clusterrole=NAME [--user=username] [--group=groupname] [--serviceaccount=namespace:name]",
        discussion: HelpText.discussion(
            examples: [
                "kit create clusterrolebinding cluster-admin --clusterrole=cluster-admin --user=user1 --user=user2 --group=group1",
            ]))
    @Option(help: "ClusterRole this ClusterRoleBinding should reference.") var clusterrole: String?
    @Option(help: "Usernames to bind to the cluster role (repeat for more).") var user: [String] = []
    @Option(help: "Groups to bind to the cluster role (repeat for more).") var group: [String] = []
    @Option(help: "Service accounts to bind to the cluster role, as <namespace>:<name> (repeat for more).") var serviceaccount: [String] = []
    @OptionGroup var common: CreateCommonOptions

    func validate() throws {
        try common.require([("clusterrole", clusterrole != nil)])
        _ = try common.name()
    }

    func run() throws {
        let name = try common.name()
        try common.emit { () throws(CreateError) in
            try Create.clusterRoleBinding(RoleBindingOptions(name: name, clusterRole: clusterrole ?? "", users: user, groups: group,
                                                             serviceAccounts: serviceaccount))
        }
    }
}

// MARK: - ingress, pdb, priorityclass, quota

struct CreateIngress: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ingress", abstract: "Create an ingress with the specified name.",
        usage: "kit create ingress NAME --rule=host/path=service:port[,tls[=secret]] [--class=class] [--default-backend=service:port] [--annotation=key=value]",
        discussion: HelpText.discussion(
            """
            A rule is host/path=service:port[,tls[=secret]]; a path ending in '*' has pathType Prefix, \
            any other Exact.
            """,
            examples: [
                "kit create ingress simple --rule=\"foo.com/bar=svc1:8080,tls=my-cert\"",
                "kit create ingress catch-all --class=otheringress --rule=\"/path=svc:port\"",
                "kit create ingress ingdefault --class=default --default-backend=defaultsvc:http --rule=\"foo.com/*=svc:8080,tls=secret1\"",
            ]),
        aliases: ["ing"])
    @Option(name: .customLong("class"), help: "Ingress Class to be used.") var ingressClass: String = ""
    @Option(help: "Rule in format host/path=service:port[,tls=secretname] (repeat for more).") var rule: [String] = []
    @Option(name: .customLong("default-backend"), help: "Default service for backend, in format of svcname:port.") var defaultBackend: String = ""
    @Option(help: "Annotation to insert in the ingress object, in the format annotation=value (repeat for more).") var annotation: [String] = []
    @OptionGroup var common: CreateCommonOptions

    func validate() throws {
        _ = try common.name()
    }

    func run() throws {
        let name = try common.name()
        try common.emit { () throws(CreateError) in
            try Create.ingress(IngressOptions(name: name, namespace: common.namespace, ingressClass: ingressClass, rules: rule,
                                              defaultBackend: defaultBackend, annotations: annotation))
        }
    }
}

struct CreatePodDisruptionBudget: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "poddisruptionbudget", abstract: "Create a pod disruption budget with the specified name.",
        usage: "kit create poddisruptionbudget NAME --selector=SELECTOR --min-available=N|--max-unavailable=N",
        discussion: HelpText.discussion(
            examples: [
                "kit create pdb my-pdb --selector=app=rails --min-available=1",
                "kit create pdb my-pdb --selector=app=nginx --min-available=50%",
            ]),
        aliases: ["pdb"])
    @Option(name: .customLong("min-available"), help: "The minimum number or percentage of available pods this budget requires.")
    var minAvailable: String = ""
    @Option(name: .customLong("max-unavailable"), help: "The maximum number or percentage of unavailable pods this budget requires.")
    var maxUnavailable: String = ""
    @Option(help: "A label selector to use for this budget.") var selector: String = ""
    @OptionGroup var common: CreateCommonOptions

    func validate() throws {
        _ = try common.name()
    }

    func run() throws {
        let name = try common.name()
        try common.emit { () throws(CreateError) in
            try Create.podDisruptionBudget(PodDisruptionBudgetOptions(name: name, namespace: common.namespace, selector: selector,
                                                                      minAvailable: minAvailable, maxUnavailable: maxUnavailable))
        }
    }
}

struct CreatePriorityClass: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "priorityclass", abstract: "Create a priority class with the specified name.",
        usage: "kit create priorityclass NAME [--value=VALUE] [--global-default] [--description=text] [--preemption-policy=policy]",
        discussion: HelpText.discussion(
            examples: [
                "kit create priorityclass high-priority --value=1000 --description=\"high priority\"",
                "kit create priorityclass default-priority --value=1000 --global-default=true",
                "kit create priorityclass high-priority --value=1000 --preemption-policy=\"Never\"",
            ]),
        aliases: ["pc"])
    @Option(help: "The value of this priority class.") var value: String?
    @Flag(name: .customLong("global-default"), help: "Whether this PriorityClass should be considered as the default priority.")
    var globalDefault = false
    @Option(help: "An arbitrary string describing when this priority class should be used.") var description: String = ""
    @Option(name: .customLong("preemption-policy"), help: "The policy for preempting pods with lower priority.")
    var preemptionPolicy: String = "PreemptLowerPriority"
    @OptionGroup var common: CreateCommonOptions

    func validate() throws {
        _ = try common.int32(value, "--value", default: 0)
        _ = try common.name()
    }

    func run() throws {
        let name = try common.name()
        let value = try common.int32(value, "--value", default: 0)
        try common.emit { () throws(CreateError) in
            try Create.priorityClass(PriorityClassOptions(name: name, value: value, globalDefault: globalDefault, description: description,
                                                          preemptionPolicy: preemptionPolicy))
        }
    }
}

struct CreateQuota: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "quota", abstract: "Create a quota with the specified name.",
        usage: "kit create quota NAME [--hard=resource=quantity,…] [--scopes=Scope1,Scope2]",
        discussion: HelpText.discussion(
            examples: [
                "kit create quota my-quota --hard=cpu=1,memory=1G,pods=2,services=3,secrets=5",
                "kit create quota best-effort --hard=pods=100 --scopes=BestEffort",
            ]),
        aliases: ["resourcequota"])
    @Option(help: "A comma-delimited set of resource=quantity pairs that define a hard limit.") var hard: String = ""
    @Option(help: "A comma-delimited set of quota scopes that must all match each object tracked by the quota.") var scopes: String = ""
    @OptionGroup var common: CreateCommonOptions

    func validate() throws {
        _ = try common.name()
    }

    func run() throws {
        let name = try common.name()
        try common.emit { () throws(CreateError) in
            try Create.quota(QuotaOptions(name: name, namespace: common.namespace, hard: hard, scopes: scopes))
        }
    }
}
