import ArgumentParser
import KitCore

/// The `kit` command: a thin layer that parses flags and calls the libraries.
struct Kit: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kit",
        abstract: "Render, convert, query and validate Kubernetes and ECS manifests, offline.",
        discussion: HelpText.discussion(
            """
            \(Kit.overview)

            Each command below has its own help ('kit help COMMAND' or 'kit COMMAND --help') \
            and manual page ('kit man COMMAND'). Shell completion: 'kit completion bash|zsh|fish'.
            """,
            examples: [
                "kit render examples/wordpress  # what kubectl kustomize prints",
                "kit render examples/ecs-fargate --target ecs  # an ECS task definition",
                "kit create deployment web --image=nginx:1.27 --replicas=3",
                "kit explain deployment.spec.strategy",
                "kit convert pods.json --to yaml",
                "kit fmt --check manifests/",
                "kit validate -k overlays/prod",
                "kit query pods -A --sort restarts -f snapshot.json",
                "kubectl get pods -o json | kit jq -r '.items[].metadata.name'",
                "source <(kit completion bash)",
            ]),
        version: KitVersion.text,
        subcommands: Kit.commands
    )

    /// kit's commands in the order `kit --help` lists them. A new command is one line here
    /// plus its own help (a `KitCommand` gives the clause of the description below); its usage
    /// errors, completions, man page and the help rules (HelpRulesTests) follow from it.
    static var commands: [ParsableCommand.Type] { [
        RenderCommand.self,
        ConvertCommand.self,
        QueryCommand.self,
        CreateCommand.self,
        RunCommand.self,
        ExplainCommand.self,
        FmtCommand.self,
        JQCommand.self,
        ValidateCommand.self,
        NewCommand.self,
        TemplatesCommand.self,
        CompletionCommand.self,
        ManCommand.self,
        VersionCommand.self,
    ] }
}

extension Kit {
    /// The first paragraph of `kit --help`: what kit does, one clause per command, in the
    /// order of `commands` ("… documents every Kubernetes kind and field (explain); …").
    static var overview: String {
        let clauses = commands.compactMap { $0 as? KitCommand.Type }.map { "\($0.overview) (\($0._commandName))" }
        var text = clauses.dropLast().joined(separator: "; ")
        if let last = clauses.last { text += (clauses.count > 1 ? "; and " : "") + last }
        return "kit is one offline tool for the manifests you deploy. It \(text). It never touches the network."
    }
}

/// A command that does kit's work (not a helper such as `completion`): `kit --help`'s
/// description names it with its overview.
protocol KitCommand: ParsableCommand {
    /// What the command does, as a clause after "It" ("runs jq 1.8 over JSON and YAML").
    static var overview: String { get }
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
