import ArgumentParser
import KitCore

#if canImport(Glibc)
import Glibc
#endif

/// Runs the command and maps every outcome to kit's exit statuses:
/// 0 success, 1 findings, 2 bad input or usage. Never a crash or stack trace for bad input.
/// Every command goes through here, so what is done here (usage errors that name the unknown
/// word, help laid out to 80 columns) holds for every command, also those added later.
func runKit() -> Int32 {
    // `kit jq` reads jq's own command line (see JQCommandLine), options and exit statuses
    // as jq's; `kit help jq` prints the same help as `kit jq --help`.
    let words = Array(CommandLine.arguments.dropFirst())
    if words.first == "jq" { return JQCommandLine.main(Array(words.dropFirst())) }
    if words == ["help", "jq"] { return JQCommandLine.main(["--help"]) }
    var arguments: [String] = []
    do {
        arguments = try kitArguments()
        var command = try Kit.parseAsRoot(arguments)
        try command.run()
        return 0
    } catch let error as KitError {
        printKitError(error)
        return 2
    } catch let exit as FindingsExit {
        return exit.status
    } catch {
        let columns = HelpText.columns
        if Kit.exitCode(for: error) == .success {
            // Help, version, completion scripts and completion answers.
            let message = Kit.fullMessage(for: error, columns: columns)
            if !message.isEmpty { print(HelpText.wrappingUsage(message, columns: columns)) }
            return 0
        }
        // An unknown command or option is named, with the closest known one.
        if let report = UsageErrors.diagnose(arguments, root: CommandInfo.tree(of: Kit.self)) {
            printError(report)
            return 2
        }
        let message = HelpText.wrappingUsage(Kit.fullMessage(for: error, columns: columns), columns: columns)
        if !message.isEmpty { printError(message.hasPrefix("Error: ") ? "kit: error: " + message.dropFirst(7) : message) }
        return 2
    }
}

/// The command line after `kit`; `kit create`'s is first rewritten from kubectl's flag
/// syntax into swift-argument-parser's (see `CreateCommand.normalize`).
func kitArguments() throws -> [String] {
    let arguments = Array(CommandLine.arguments.dropFirst())
    switch arguments.first {
    case "create": return try CreateCommand.normalize(arguments)
    case "query": return try QueryCommand.normalize(arguments)
    case "run": return try RunCommand.normalize(arguments)
    default: return arguments
    }
}

/// Deeply nested documents (10,000 levels are allowed) are processed recursively; run on a
/// thread with a large stack so that depth never becomes a crash.
let status = runOnLargeStack(runKit)
exit(status)
