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

/// How a command that takes kubectl's flags (create, run, query) has pflag's spellings
/// rewritten into the forms swift-argument-parser reads, keeping kubectl's meaning.
struct KubectlFlagSpellings {
    /// Flags that are booleans in kubectl and may be written `--flag=true|false`: `true` is the
    /// bare flag, `false` its `negated` spelling, or nothing.
    var booleanFlags: Set<String>
    var negated: [String: String] = [:]
    /// Short options that take a value, which pflag also accepts as `-oyaml` and `-o=yaml`.
    var shortOptionsWithValue: Set<Character>
    /// Bare flags whose pflag default value must be spelled out (`--dry-run` → `--dry-run=client`).
    var bareDefaults: [String: String] = [:]
    /// `--flag=` is an empty value (pflag), which swift-argument-parser reads apart.
    var emptyValues = false
    /// `--` ends the flags: the words after it are returned apart (kubectl passes them to the
    /// container).
    var endsAtDoubleDash = true

    /// The rewritten arguments, and the words after `--` (nil when there is no `--`).
    func normalize(_ arguments: [String]) throws -> (arguments: [String], afterDash: [String]?) {
        var out: [String] = []
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            index += 1
            if endsAtDoubleDash && argument == "--" {
                return (out, Array(arguments[index...]))
            }
            if let spelled = bareDefaults[argument] {
                out.append(spelled)
            } else if let (flag, value) = try booleanFlagValue(argument, flags: booleanFlags) {
                if value {
                    out.append(flag)
                } else if let negation = negated[flag] {
                    out.append(negation)
                }
            } else if emptyValues, argument.hasPrefix("--"), argument.hasSuffix("="), argument.filter({ $0 == "=" }).count == 1 {
                out += [String(argument.dropLast()), ""]
            } else if let words = splitAttachedShortOption(argument, letters: shortOptionsWithValue) {
                out += words
            } else {
                out.append(argument)
            }
        }
        return (out, nil)
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
