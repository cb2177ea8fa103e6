import ArgumentParser
import KitCore

#if canImport(Glibc)
import Glibc
#endif

/// Runs the command and maps every outcome to kit's exit statuses:
/// 0 success, 1 findings, 2 bad input or usage. Never a crash or stack trace for bad input.
func runKit() -> Int32 {
    // `kit jq` reads jq's own command line (see JQCommandLine).
    let arguments = Array(CommandLine.arguments.dropFirst())
    if arguments.first == "jq" { return JQCommandLine.main(Array(arguments.dropFirst())) }
    do {
        var command = try Kit.parseAsRoot(try kitArguments())
        try command.run()
        return 0
    } catch let error as KitError {
        printKitError(error)
        return 2
    } catch let exit as FindingsExit {
        return exit.status
    } catch {
        let code = Kit.exitCode(for: error)
        let message = Kit.fullMessage(for: error)
        if code == .success {
            if !message.isEmpty { print(message) }
            return 0
        }
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
