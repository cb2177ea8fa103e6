import ArgumentParser
import KitCore

/// One command as ArgumentParser itself describes it (its `--experimental-dump-help` JSON,
/// ToolInfo v0), with the command type beside it: kit's one view of its command tree. Usage
/// errors, man pages and completions walk it, so every command is covered as soon as it is in
/// `Kit`'s subcommand list, with nothing to register here.
struct CommandInfo {
    var name: String
    var aliases: [String]
    var abstract: String
    var discussion: String
    /// False for hidden commands (ArgumentParser's `shouldDisplay`).
    var isVisible: Bool
    var arguments: [ArgumentInfo]
    var subcommands: [CommandInfo]
    var defaultSubcommand: String?
    /// The command's type (nil for ArgumentParser's own `help`).
    var type: ParsableCommand.Type?

    /// The whole tree below `root` (ArgumentParser's dump of it). Building it builds every
    /// command's argument set, so only error paths, `kit man` and tests ask for it.
    static func tree(of root: ParsableCommand.Type) -> CommandInfo {
        let json = (try? JSONReader.read(root._dumpHelp())) ?? .null
        return CommandInfo(json["command"] ?? .null, type: root)
    }

    init(_ json: Value, type: ParsableCommand.Type?) {
        name = json["commandName"]?.stringValue ?? ""
        aliases = json["aliases"]?.arrayValue?.compactMap(\.stringValue) ?? []
        abstract = json["abstract"]?.stringValue ?? ""
        discussion = json["discussion"]?.stringValue ?? ""
        isVisible = json["shouldDisplay"]?.boolValue ?? true
        arguments = (json["arguments"]?.arrayValue ?? []).map(ArgumentInfo.init)
        defaultSubcommand = json["defaultSubcommand"]?.stringValue
        self.type = type
        let types = type?.configuration.subcommands ?? []
        subcommands = (json["subcommands"]?.arrayValue ?? []).map { sub in
            let name = sub["commandName"]?.stringValue ?? ""
            return CommandInfo(sub, type: types.first { $0._commandName == name })
        }
    }

    /// The subcommand called `word` (by name or alias).
    func subcommand(named word: String) -> CommandInfo? {
        subcommands.first { $0.name == word } ?? subcommands.first { $0.aliases.contains(word) }
    }

    /// The option or flag spelled `name` (`--output`, `-o`).
    func option(named name: String) -> ArgumentInfo? {
        arguments.first { $0.kind != .positional && $0.names.contains(name) }
    }

    var positionals: [ArgumentInfo] { arguments.filter { $0.kind == .positional } }

    /// Every command below this one (not ArgumentParser's `help`), each with the names of the
    /// commands leading to it (`["kit", "create", "deployment"]`), depth first.
    func walk(_ path: [String] = []) -> [(path: [String], command: CommandInfo)] {
        let here = path + [name]
        var all = [(here, self)]
        for sub in subcommands where sub.type != nil {
            all += sub.walk(here)
        }
        return all
    }
}

/// One argument, option or flag of a command, as ArgumentParser describes it.
struct ArgumentInfo {
    enum Kind: String {
        case positional, option, flag
    }

    var kind: Kind
    /// How it is spelled on the command line: `-o`, `--output` (empty for positionals).
    var names: [String]
    /// The preferred spelling (`--output`).
    var preferredName: String?
    var valueName: String
    var abstract: String
    var discussion: String
    var defaultValue: String?
    var allValues: [String]
    var isOptional: Bool
    var isRepeating: Bool
    var isVisible: Bool

    init(_ json: Value) {
        kind = json["kind"]?.stringValue.flatMap(Kind.init) ?? .positional
        func spelled(_ name: Value) -> String? {
            guard let text = name["name"]?.stringValue else { return nil }
            return (name["kind"]?.stringValue == "long" ? "--" : "-") + text
        }
        names = (json["names"]?.arrayValue ?? []).compactMap(spelled)
        preferredName = json["preferredName"].flatMap(spelled)
        valueName = json["valueName"]?.stringValue ?? ""
        abstract = json["abstract"]?.stringValue ?? ""
        discussion = json["discussion"]?.stringValue ?? ""
        defaultValue = json["defaultValue"]?.stringValue
        allValues = json["allValues"]?.arrayValue?.compactMap(\.stringValue) ?? []
        isOptional = json["isOptional"]?.boolValue ?? false
        isRepeating = json["isRepeating"]?.boolValue ?? false
        isVisible = json["shouldDisplay"]?.boolValue ?? true
    }
}
