import ArgumentParser
import KitCore

/// The `kit` command: a thin layer that parses flags and calls the libraries.
struct Kit: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kit",
        abstract: "Render, convert, query and validate Kubernetes and ECS manifests, offline.",
        discussion: HelpText.discussion(
            """
            kit is one offline tool for the manifests you deploy. It builds kustomizations \
            exactly as 'kubectl kustomize' does and renders compose projects to Kubernetes, \
            ECS or CloudFormation (render); converts and formats YAML and JSON as kubectl \
            prints them, comments kept (convert, fmt); creates objects as 'kubectl create \
            --dry-run=client' does (create); documents every Kubernetes kind and field \
            (explain); runs jq 1.8 over JSON and YAML (jq); and checks manifests against the \
            Kubernetes schemas and lint rules (validate). It never touches the network.

            Each command below has its own help ('kit help COMMAND' or 'kit COMMAND --help') \
            and manual page ('kit man COMMAND'). Shell completion: 'kit completion bash|zsh|fish'.
            """,
            examples: [
                "kit render examples/wordpress  # what kubectl kustomize prints",
                "kit render examples/compose-app --target ecs",
                "kit create deployment web --image=nginx:1.27 --replicas=3",
                "kit explain deployment.spec.strategy",
                "kit convert pods.json --to yaml",
                "kit fmt --check manifests/",
                "kit validate -k overlays/prod",
                "kubectl get pods -o json | kit jq -r '.items[].metadata.name'",
                "source <(kit completion bash)",
            ]),
        version: KitVersion.text,
        subcommands: Kit.commands
    )

    /// kit's commands in the order `kit --help` lists them. A new command is one line here
    /// (plus its own help); its usage errors, completions, man page and the help rules
    /// (HelpRulesTests) follow from it.
    static var commands: [ParsableCommand.Type] { [
        RenderCommand.self,
        ConvertCommand.self,
        CreateCommand.self,
        ExplainCommand.self,
        FmtCommand.self,
        JQCommand.self,
        ValidateCommand.self,
        CompletionCommand.self,
        ManCommand.self,
        VersionCommand.self,
    ] }
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
