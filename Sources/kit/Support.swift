import ArgumentParser
import KitCore
import KitCreate

#if canImport(Glibc)
import Glibc
#endif

/// The `--to`/`--format` choice of the commands that print documents.
enum DocumentFormat: String, ExpressibleByArgument, CaseIterable {
    case yaml, json
}

/// pflag's attached short option value: `-oyaml` and `-o=yaml` mean `-o yaml`. The two words,
/// or nil when `argument` is not one of `letters` with a value attached.
func splitAttachedShortOption(_ argument: String, letters: Set<Character>) -> [String]? {
    guard argument.count > 2, argument.hasPrefix("-"), !argument.hasPrefix("--"),
        let letter = argument.dropFirst().first, letters.contains(letter)
    else { return nil }
    var value = argument.dropFirst(2)
    if value.hasPrefix("=") { value = value.dropFirst() }
    return ["-\(letter)", String(value)]
}

/// A kubectl boolean flag written `--flag=VALUE` (strconv.ParseBool's spellings): the flag and
/// its value, or nil when `argument` is not one of `flags` with a value.
func booleanFlagValue(_ argument: String, flags: Set<String>) throws -> (flag: String, value: Bool)? {
    guard let eq = argument.firstIndex(of: "="), flags.contains(String(argument[..<eq])) else { return nil }
    let flag = String(argument[..<eq])
    do {
        return (flag, try FlagSyntax.bool(String(argument[argument.index(after: eq)...]), flag: flag))
    } catch {
        throw KitError(error.message)
    }
}

/// Thrown by a command that ran fine but found something (exit status 1).
struct FindingsExit: Error {
    var status: Int32 = 1
}

func printError(_ message: String) {
    var bytes = Array(message.utf8)
    bytes.append(10)
    try? FileIO.writeAll(fd: 2, bytes, name: "standard error")
}

/// `kit: error: …` on standard error (the message carries FILE:LINE:COL when it has one).
func printKitError(_ error: any Error) {
    printError("kit: error: \(error)")
}

func writeStdout(_ bytes: [UInt8]) throws {
    try FileIO.write(bytes, to: "-")
}

/// Runs `body` on a thread with a 512 MiB stack and returns its result.
func runOnLargeStack(_ body: @escaping () -> Int32) -> Int32 {
    LargeStackThread.run(body)
}
