import ArgumentParser
import KitCore

/// `kit completion bash|zsh|fish`: the shell completion script (kubectl's spelling of
/// ArgumentParser's `--generate-completion-script`, which keeps working).
struct CompletionCommand: ParsableCommand {
    enum Shell: String, ExpressibleByArgument, CaseIterable {
        case bash, zsh, fish
    }

    static let configuration = CommandConfiguration(
        commandName: "completion",
        abstract: "Print the shell completion script for bash, zsh or fish.",
        discussion: HelpText.discussion(
            """
            The script completes commands, options and their values: directories for \
            'kit render' (and compose files, targets and launch types for its compose \
            flags), resource names and field paths for 'kit explain' (after a dot: \
            deployment.spec.<TAB>), resource names for 'kit create role --resource', files \
            for 'kit validate' and 'kit jq', rule families and rule names for 'kit validate \
            --rules', '--disable' and '--explain'. Those that depend on kit's data are \
            answered by kit itself when you press TAB.

            Load it in the current shell, or install it where your shell looks for \
            completions (shown for a user; system-wide directories differ).
            """,
            examples: [
                "source <(kit completion bash)",
                "kit completion bash > ~/.local/share/bash-completion/completions/kit",
                "kit completion zsh > \"${fpath[1]}/_kit\"",
                "kit completion fish > ~/.config/fish/completions/kit.fish",
            ])
    )

    @Argument(help: "The shell: bash, zsh or fish.")
    var shell: Shell

    func run() throws {
        let script: String
        switch shell {
        case .bash: script = Kit.completionScript(for: .bash)
        case .zsh: script = Kit.completionScript(for: .zsh)
        case .fish: script = Kit.completionScript(for: .fish)
        }
        // As `--generate-completion-script` prints it (with a final line break).
        try writeStdout(Array((script + "\n").utf8))
    }
}
