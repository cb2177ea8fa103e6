import ArgumentParser

#if canImport(Glibc)
import Glibc
#endif

/// What every command's help shares, so that `kit --help`, each command's help, the man pages
/// and the README say the same. `HelpRulesTests` walks every command (those added later too)
/// and holds it to these rules: examples, no line over 80 columns, no default said twice, the
/// exit-status lines.
enum HelpText {
    /// kit's exit statuses, word for word in every command's help, the man pages and the README.
    static let exitStatus = """
        Exit status:
          0  success
          1  findings: a check found something (fmt --check, validate,
             render --strict), a build failed (render), or an object
             named on the command line was not found (query)
          2  bad input or usage
          kit jq exits as jq 1.8 does (kit jq --help)
        """

    /// jq 1.8's exit statuses, which `kit jq` keeps (its help, man page and the README's
    /// kit jq section).
    static let jqExitStatus = """
        Exit status:
          0  success
          1  with -e: the last output was false or null
          2  usage, file or input errors
          3  the filter does not compile
          4  with -e: there was no output
          5  a runtime error (or halt_error's status)
        """

    /// The widest line the help lays out (ArgumentParser wraps a line of exactly the screen
    /// width, so 80 columns hold 79 characters and the line break).
    static let width = 79

    /// A command's discussion: `text` (paragraphs, wrapped by ArgumentParser), its examples laid
    /// out to fit 80 columns, then the exit-status lines. An example is a command line,
    /// optionally followed by two spaces and a `# comment`.
    static func discussion(_ text: String = "", examples: [String], exitStatus: String = HelpText.exitStatus) -> String {
        var parts: [String] = []
        if !text.isEmpty { parts.append(text) }
        parts.append(examplesBlock(examples))
        parts.append(exitStatus)
        return parts.joined(separator: "\n\n")
    }

    /// "Examples:" and the examples laid out under it.
    static func examplesBlock(_ examples: [String]) -> String {
        "Examples:\n" + examples.map { layOut(example: $0) }.joined(separator: "\n")
    }

    /// One example, indented two spaces. One that is too long keeps its comment on a line of
    /// its own above it and is broken between words with shell line continuations (` \`), so
    /// that it can still be copied and pasted.
    static func layOut(example: String) -> String {
        var command = example
        var comment: String? = nil
        if let range = example.firstRange(of: "  # ") {
            command = String(example[..<range.lowerBound]).trimmingTrailingSpaces()
            comment = String(example[range.upperBound...])
        }
        let indent = "  "
        if let comment {
            let line = indent + command + "  # " + comment
            if line.count <= width { return line }
        }
        var lines: [String] = comment.map { [indent + "# " + $0] } ?? []
        var line = indent
        for word in shellWords(command) {
            let separator = line == indent ? "" : " "
            // Room for the ` \` that continues the line.
            if line != indent && line.count + separator.count + word.count + 2 > width {
                lines.append(line + " \\")
                line = indent + "    " + word
            } else {
                line += separator + word
            }
        }
        lines.append(line)
        return lines.joined(separator: "\n")
    }

    /// The words of a command line, split at spaces outside quotes (quotes kept).
    static func shellWords(_ command: String) -> [String] {
        words(command, quotes: true)
    }

    /// The columns help is laid out in: the terminal's width (`COLUMNS`, else the terminal
    /// standard output is), never fewer than 80, so that examples are never broken.
    static var columns: Int {
        if let text = getenv("COLUMNS").map({ String(cString: $0) }), let n = Int(text), n > 0 {
            return max(80, n)
        }
        var size = winsize()
        if ioctl(1, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 {
            return max(80, Int(size.ws_col))
        }
        return 80
    }

    /// `text` with its `USAGE:`/`Usage:` lines (which ArgumentParser never wraps) broken
    /// between arguments to fit `columns`, continued under the first argument.
    static func wrappingUsage(_ text: String, columns: Int) -> String {
        guard text.contains("USAGE: ") || text.contains("Usage: ") else { return text }
        return text.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
            guard line.hasPrefix("USAGE: ") || line.hasPrefix("Usage: "), line.count > columns - 1 else { return String(line) }
            return wrap(usage: String(line), width: columns - 1)
        }.joined(separator: "\n")
    }

    /// A usage line broken into lines of at most `width` characters where it can be.
    static func wrap(usage line: String, width: Int) -> String {
        let words = usageWords(line)
        // "USAGE: kit create role" and the words of subcommand names stay on the first line.
        var head = 0
        while head < words.count, head < 2 || words[head].allSatisfy({ $0.isLetter || $0 == "-" }) && words[head].first?.isLowercase == true {
            head += 1
        }
        let prefix = words[..<head].joined(separator: " ")
        let indent = String(repeating: " ", count: prefix.count + 1 > width / 2 ? 8 : prefix.count + 1)
        var lines: [String] = []
        var current = prefix
        for word in words[head...] {
            if current.count + 1 + word.count > width && current != indent {
                lines.append(current)
                current = indent + word
            } else {
                current += (current == indent ? "" : " ") + word
            }
        }
        lines.append(current)
        return lines.joined(separator: "\n")
    }

    /// Words of a usage line: split at spaces outside `[…]`, `<…>` and `(…)`.
    static func usageWords(_ line: String) -> [String] {
        words(line, quotes: false)
    }

    /// `text` split at spaces outside quotes (`quotes`) or outside brackets (otherwise).
    static func words(_ text: String, quotes: Bool) -> [String] {
        var words: [String] = []
        var word = ""
        var quote: Character? = nil
        var depth = 0
        for c in text {
            if quotes {
                if let q = quote {
                    if c == q { quote = nil }
                } else if c == "'" || c == "\"" {
                    quote = c
                }
            } else if "[<(".contains(c) {
                depth += 1
            } else if "]>)".contains(c) {
                depth = max(0, depth - 1)
            }
            if c == " " && quote == nil && depth == 0 {
                if !word.isEmpty { words.append(word) }
                word = ""
            } else {
                word.append(c)
            }
        }
        if !word.isEmpty { words.append(word) }
        return words
    }
}

extension String {
    func trimmingTrailingSpaces() -> String {
        var s = Substring(self)
        while s.last == " " { s = s.dropLast() }
        return String(s)
    }
}
