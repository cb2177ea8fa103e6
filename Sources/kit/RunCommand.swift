import ArgumentParser
import KitCore
import KitCreate

/// `kit run NAME --image=IMAGE [flags] [-- ARGS…]`: prints the Pod `kubectl run …
/// --dry-run=client -o yaml` prints (and, with `--expose`, its Service first), built offline
/// by KitCreate. Nothing is started: attaching (`--attach`, `--rm`) needs a cluster.
struct RunCommand: KitCommand {
    static let overview = "prints the Pod 'kubectl run' would create"

    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Print the Pod 'kubectl run NAME --image=IMAGE --dry-run=client' would create, offline.",
        usage: "kit run NAME --image=IMAGE [--env=KEY=VALUE] [--port=PORT] [--labels=K=V,…] [--expose] [--command] [-- ARGS…]",
        discussion: HelpText.discussion(
            """
            The Pod is kubectl's run-pod/v1 generator's, byte for byte: label run=NAME (or \
            --labels), one container named NAME, restartPolicy Always (or --restart), dnsPolicy \
            ClusterFirst. Words after NAME (or after --) are the container's args, or its command \
            with --command. YAML is the default output (-o json, -o name as kubectl prints them).
            """,
            examples: [
                "kit run test --image=grafana/grafana",
                "kit run web --image=nginx:1.27 --port=80 --expose -n prod",
                "kit run shell --image=busybox --restart=Never --command -- sh -c 'date'",
            ]))

    @Option(help: "The image for the container to run.") var image: String = ""
    @Option(name: [.customShort("l"), .long], help: "Comma-separated labels (default run=NAME).") var labels: String?
    @Option(help: "An annotation KEY=VALUE (repeatable).") var annotations: [String] = []
    @Option(help: "An environment variable NAME=VALUE (repeatable).") var env: [String] = []
    @Option(help: "The port the container exposes.") var port: String?
    @Option(name: .customLong("image-pull-policy"), help: "Always, IfNotPresent or Never.") var imagePullPolicy: String?
    @Option(help: "The restart policy: Always (default), OnFailure or Never.") var restart: String?
    @Flag(help: "Use the extra arguments as the container's command instead of its args.") var command = false
    @Flag(name: [.customShort("i"), .customLong("stdin")], help: "Keep stdin open on the container.") var stdin = false
    @Flag(name: [.customShort("t"), .customLong("tty")], help: "Allocate a TTY for the container.") var tty = false
    @Flag(name: .customLong("leave-stdin-open"), help: "Leave stdin open after the first attach.") var leaveStdinOpen = false
    @Flag(help: "Run the container privileged.") var privileged = false
    @Flag(help: "Also print a ClusterIP Service for the pod (needs --port).") var expose = false
    @Flag(help: "Refused: deleting the pod after it exits needs a cluster.") var rm = false
    @Flag(help: "Refused: attaching needs a cluster.") var attach = false
    @Flag(name: .customLong("no-attach"), help: .hidden) var noAttach = false
    @OptionGroup var common: CreateCommonOptions

    /// kubectl's spellings of run's flags (as `CreateCommand.spellings`); kubectl attaches with
    /// -i unless `--attach=false`.
    static let spellings = KubectlFlagSpellings(
        booleanFlags: ["--command", "--stdin", "--tty", "--leave-stdin-open", "--privileged", "--expose", "--rm", "--attach", "--save-config"],
        negated: ["--attach": "--no-attach"], shortOptionsWithValue: ["o", "n", "l"], bareDefaults: ["--dry-run": "--dry-run=client"])

    /// The words after `--`, which kubectl passes to the container.
    nonisolated(unsafe) static var afterDash: [String]?

    static func normalize(_ arguments: [String]) throws -> [String] {
        let (words, afterDash) = try spellings.normalize(arguments)
        RunCommand.afterDash = afterDash
        return words
    }

    func validate() throws {
        try common.require([("image", !image.isEmpty)])
        guard !common.names.isEmpty else { throw ValidationError("NAME is required for run") }
    }

    func run() throws {
        let words = common.names + (RunCommand.afterDash ?? [])
        let name = common.names[0]
        var options = RunOptions(name: name, image: image)
        options.namespace = common.namespace
        options.labels = labels
        options.annotations = annotations
        options.env = env
        options.port = port
        options.imagePullPolicy = imagePullPolicy
        options.restart = restart
        options.command = command
        options.arguments = Array(words.dropFirst())
        options.stdin = stdin
        options.tty = tty
        options.leaveStdinOpen = leaveStdinOpen
        options.privileged = privileged
        options.expose = expose
        let format = try common.format()
        var out: [UInt8] = []
        do {
            try Create.checkRun(options)
            // kubectl attaches when -i is given (unless --attach=false); a dry run cannot.
            let attached = attach || (stdin && !noAttach)
            if rm && !attached { throw KitError("--rm should only be used for attached containers") }
            if attached {
                throw KitError(
                    "--dry-run=[server|client] can't be used with attached containers options (--attach, --stdin, or --tty)")
            }
            let pod = try Create.pod(options)
            if expose {
                out += try CreateOutput.render(try Create.runService(options), as: format)
                // run.go separates the objects itself, and kubectl's YAML printer does too
                // before its second object.
                if format == .yaml { out += Array("---\n---\n".utf8) }
            }
            // kubectl writes --save-config's annotation only when it creates the object, so a
            // client dry run (all kit does) prints none.
            out += try CreateOutput.render(pod, as: format)
        } catch let error as CreateError {
            throw KitError(error.message)
        }
        try writeStdout(out)
    }
}
