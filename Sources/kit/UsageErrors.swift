import ArgumentParser
import KitCore

/// Names what is wrong with a command line ArgumentParser refused, when the cause is a word
/// kit can name better than ArgumentParser does: a subcommand that does not exist
/// (`kit rendr` → "unknown command 'rendr'; did you mean 'render'?", at every level) or an
/// option the command does not have, also when its value follows as a separate word
/// (`--replica 3`, which ArgumentParser reads as an unknown option and a stray argument, or
/// not at all when the command's own checks fail first).
///
/// It walks the command line along ArgumentParser's description of the commands
/// (`CommandInfo`), so every command is covered without being listed; it runs only after a
/// failure, so a correct command line costs nothing.
enum UsageErrors {
    /// The message and usage lines for `arguments`, or nil when nothing in them is unknown.
    static func diagnose(_ arguments: [String], root tree: @autoclosure () -> CommandInfo) -> String? {
        // A shell asking for completions (`kit ---completion …`) gets ArgumentParser's answer.
        if arguments.first == "---completion" { return nil }
        let root = tree()
        var command = root
        var path = [root.name]
        var positionals = 0
        var index = 0
        while index < arguments.count {
            let word = arguments[index]
            index += 1
            if word == "--" { break }
            if word.hasPrefix("--") {
                let name = String(word.prefix { $0 != "=" })
                if let option = command.option(named: name) {
                    if option.kind == .option && !word.contains("=") { index += 1 }  // its value
                    continue
                }
                // ArgumentParser's own flags, which no dump lists everywhere.
                if ["--help", "--version", "--experimental-dump-help", "--generate-completion-script"].contains(name) { return nil }
                let known = command.arguments.filter(\.isVisible).flatMap(\.names).filter { $0.hasPrefix("--") }
                return report(
                    "unknown option '\(name)'" + NameSuggestion.hint(for: name, among: known), command: command, path: path)
            }
            if word.hasPrefix("-") && word != "-" {
                // A short option (`-o`, `-oyaml`): its value is the next word when none is attached.
                let name = String(word.prefix(2))
                if let option = command.option(named: name), option.kind == .option, word.count == 2 { index += 1 }
                continue
            }
            if !command.subcommands.isEmpty && positionals == 0 {
                if let sub = command.subcommand(named: word), sub.type != nil {
                    command = sub
                    path.append(sub.name)
                    continue
                }
                if path.count == 1 && word == "help" { return nil }
                if command.positionals.isEmpty && command.defaultSubcommand == nil {
                    let names = command.subcommands.filter { $0.isVisible && $0.type != nil }
                    let candidates = names.map(\.name) + names.flatMap(\.aliases)
                    let scope = path.count == 1 ? "" : " for '\(path.joined(separator: " "))'"
                    return report(
                        "unknown command '\(word)'\(scope)" + NameSuggestion.hint(for: word, among: candidates),
                        command: command, path: path)
                }
            }
            positionals += 1
        }
        return nil
    }

    /// `kit: error: MESSAGE`, then the command's usage and where its help is, as
    /// ArgumentParser prints usage errors.
    static func report(_ message: String, command: CommandInfo, path: [String]) -> String {
        var text = "kit: error: \(message)\n"
        if let type = command.type {
            text += HelpText.wrappingUsage("Usage: " + Kit.usageString(for: type), columns: HelpText.columns) + "\n"
        }
        text += "  See '\(path.joined(separator: " ")) --help' for more information."
        return text
    }
}
