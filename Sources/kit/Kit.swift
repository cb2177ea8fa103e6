import ArgumentParser
import KitCore

/// The `kit` command: a thin layer that parses flags and calls the libraries.
struct Kit: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kit",
        abstract: "Render, convert, query and validate Kubernetes and ECS manifests, offline.",
        discussion: """
            Exit status: 0 on success, 1 when a check finds something (fmt --check), \
            2 on bad input or usage.

            Shell completions: kit --generate-completion-script bash|zsh|fish
            """,
        version: KitVersion.string,
        subcommands: [
            RenderCommand.self, ConvertCommand.self, QueryCommand.self, CreateCommand.self, RunCommand.self, ExplainCommand.self, FmtCommand.self, JQCommand.self,
            VersionCommand.self,
        ]
    )
}

enum KitVersion {
    static let string = "0.1.0"
}

struct VersionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "version",
        abstract: "Print kit's version."
    )

    func run() throws {
        print("kit \(KitVersion.string)")
    }
}
