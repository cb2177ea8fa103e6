import ArgumentParser
import KitCore

/// The `kit` command: a thin layer that parses flags and calls the libraries.
struct Kit: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kit",
        abstract: "Render, convert, query and validate Kubernetes and ECS manifests, offline.",
        discussion: HelpText.discussion(
            """
            kit is one offline tool for the manifests you deploy: it builds kustomizations \
            exactly as 'kubectl kustomize' does, converts and formats YAML and JSON as \
            kubectl prints them, documents every Kubernetes kind and field, and creates \
            objects as 'kubectl create --dry-run=client' does. It never touches the network.

            Each command below has its own help ('kit help COMMAND' or 'kit COMMAND --help') \
            and manual page ('kit man COMMAND'). Shell completion: 'kit completion bash|zsh|fish'.
            """,
            examples: [
                "kit render examples/wordpress  # what kubectl kustomize prints",
                "kit create deployment web --image=nginx:1.27 --replicas=3",
                "kit explain deployment.spec.strategy",
                "kit convert pods.json --to yaml",
                "kit fmt --check manifests/",
                "source <(kit completion bash)",
            ]),
        version: KitVersion.text,
        subcommands: [
            RenderCommand.self, ConvertCommand.self, CreateCommand.self, ExplainCommand.self, FmtCommand.self,
            CompletionCommand.self, ManCommand.self, VersionCommand.self,
        ]
    )
}

enum KitVersion {
    static let string = "0.1.0"
    /// What `kit version` and `kit --version` print.
    static let text = "kit \(string)"
}

struct VersionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "version",
        abstract: "Print kit's version.",
        discussion: HelpText.discussion(
            "Prints the same line as 'kit --version'.",
            examples: ["kit version", "kit --version"])
    )

    func run() throws {
        print(KitVersion.text)
    }
}
