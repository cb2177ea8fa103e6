import ArgumentParser
import KitCore

/// A manual page (man(7) macros) for one command, written from the same description the
/// `--help` text comes from (`CommandInfo`): the abstract, the discussion's paragraphs, the
/// arguments and options with their defaults, the examples and the exit status.
struct ManPage {
    /// The names leading to the command: `["kit", "create", "deployment"]`.
    var path: [String]
    var command: CommandInfo

    /// `kit-create-deployment`, the page's name (and its file's, with `.1`).
    var name: String { path.joined(separator: "-") }

    var fileName: String { name + ".1" }

    /// The page's roff source.
    var text: String {
        var out: [String] = []
        out.append(".TH \"\(roff(name.uppercased()))\" \"1\" \"\" \"\(roff(KitVersion.text))\" \"kit manual\"")
        out.append(".nh")  // no hyphenation: names and options stay whole
        out.append(".ad l")
        out.append(".SH NAME")
        out.append(roff(name) + " \\- " + roff(command.abstract))
        out.append(".SH SYNOPSIS")
        out.append(contentsOf: synopsis)

        var description: [String] = []
        var examples: [String] = []
        var exitStatus: [String] = []
        for paragraph in command.discussion.components(separatedBy: "\n\n") where !paragraph.isEmpty {
            let lines = paragraph.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            if lines[0] == "Examples:" {
                examples += lines.dropFirst().map { $0.hasPrefix("  ") ? String($0.dropFirst(2)) : $0 }
            } else if lines[0] == "Exit status:" {
                exitStatus += lines.dropFirst().map { $0.hasPrefix("  ") ? String($0.dropFirst(2)) : $0 }
            } else {
                description += [".PP"] + body(lines)
            }
        }
        out.append(".SH DESCRIPTION")
        out.append(roff(command.abstract))
        out += description

        let visible = command.arguments.filter(\.isVisible)
        let positionals = visible.filter { $0.kind == .positional }
        if !positionals.isEmpty {
            out.append(".SH ARGUMENTS")
            for argument in positionals {
                out += [".TP", "\\fI" + roff(argument.valueName) + "\\fR" + (argument.isRepeating ? "\\&..." : ""), roff(help(argument))]
            }
        }
        let options = visible.filter { $0.kind != .positional }
        if !options.isEmpty {
            out.append(".SH OPTIONS")
            for option in options {
                let names = option.names.map { "\\fB" + roff($0) + "\\fR" }.joined(separator: ", ")
                let value = option.kind == .option ? " \\fI" + roff(option.valueName) + "\\fR" : ""
                out += [".TP", names + value, roff(help(option))]
            }
        }
        let subcommands = command.subcommands.filter { $0.isVisible && $0.type != nil }
        if !subcommands.isEmpty {
            out.append(".SH COMMANDS")
            for sub in subcommands {
                let aliases = sub.aliases.isEmpty ? "" : " (" + sub.aliases.map { "\\fB" + roff($0) + "\\fR" }.joined(separator: ", ") + ")"
                out += [".TP", "\\fB" + roff(sub.name) + "\\fR" + aliases, roff(sub.abstract) + " See \\fB" + roff(name + "-" + sub.name) + "\\fR(1)."]
            }
        }
        if !examples.isEmpty {
            out += [".SH EXAMPLES", ".nf"] + examples.map(roffLine) + [".fi"]
        }
        if !exitStatus.isEmpty {
            out += [".SH EXIT STATUS", ".nf"] + exitStatus.map(roffLine) + [".fi"]
        }
        var seeAlso: [String] = []
        for i in 1..<max(1, path.count) { seeAlso.append(path[..<i].joined(separator: "-")) }
        seeAlso += subcommands.map { name + "-" + $0.name }
        if !seeAlso.isEmpty {
            out += [".SH SEE ALSO", seeAlso.map { "\\fB" + roff($0) + "\\fR(1)" }.joined(separator: ", ")]
        }
        return out.joined(separator: "\n") + "\n"
    }

    /// The usage line, as `--help` prints it, with the command's names in bold.
    var synopsis: [String] {
        let usage = command.type.map { Kit.usageString(for: $0) } ?? path.joined(separator: " ")
        let head = path.joined(separator: " ")
        let rest = usage.hasPrefix(head) ? String(usage.dropFirst(head.count)) : " " + usage
        return [".B " + roff(head), roff(rest.trimmingLeadingSpaces())]
    }

    /// An argument's help as `--help` gives it: the abstract, its values and default.
    func help(_ argument: ArgumentInfo) -> String {
        var text = argument.abstract
        if !argument.discussion.isEmpty { text += " " + argument.discussion }
        var notes: [String] = []
        if !argument.allValues.isEmpty { notes.append("values: " + argument.allValues.joined(separator: ", ")) }
        if let value = argument.defaultValue, argument.kind != .flag { notes.append("default: " + value) }
        if !notes.isEmpty { text += " (" + notes.joined(separator: "; ") + ")" }
        return text
    }

    /// A paragraph of the discussion: lines indented by spaces are kept as they are (lists,
    /// commands), the others are text the formatter fills.
    func body(_ lines: [String]) -> [String] {
        var out: [String] = []
        var literal = false
        for line in lines {
            let indented = line.hasPrefix(" ")
            if indented != literal {
                out += indented ? [".nf", ".RS 2"] : [".RE", ".fi"]
                literal = indented
            }
            out.append(indented ? roffLine(String(line.dropFirst(2))) : roffLine(line))
        }
        if literal { out += [".RE", ".fi"] }
        return out
    }

    /// `text` escaped for roff: backslashes, hyphens (so that options stay copyable as
    /// ASCII), and a leading `.` or `'` that would be read as a request.
    func roff(_ text: String) -> String {
        var out = ""
        for c in text {
            switch c {
            case "\\": out += "\\e"
            case "-": out += "\\-"
            default:
                if c.isASCII {
                    out.append(c)
                } else {
                    // groff's named Unicode characters, so that no page depends on a locale.
                    for u in c.unicodeScalars {
                        let hex = String(u.value, radix: 16, uppercase: true)
                        out += "\\[u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex + "]"
                    }
                }
            }
        }
        return out
    }

    /// One line of text: escaped, and protected against being read as a request.
    func roffLine(_ text: String) -> String {
        let escaped = roff(text)
        return escaped.hasPrefix(".") || escaped.hasPrefix("'") ? "\\&" + escaped : escaped
    }

    /// Every page of the tree below `root` (the command itself first).
    static func pages(of root: CommandInfo) -> [ManPage] {
        root.walk().map { ManPage(path: $0.path, command: $0.command) }
    }
}

extension String {
    func trimmingLeadingSpaces() -> String {
        String(drop { $0 == " " })
    }

    /// The parts of the string between occurrences of `separator` (Foundation's
    /// `components(separatedBy:)`, which the CLI does not import).
    func components(separatedBy separator: String) -> [String] {
        var parts: [String] = []
        var rest = Substring(self)
        while let range = rest.firstRange(of: separator) {
            parts.append(String(rest[..<range.lowerBound]))
            rest = rest[range.upperBound...]
        }
        parts.append(String(rest))
        return parts
    }
}
