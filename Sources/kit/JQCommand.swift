import ArgumentParser
import KitCore
import KitJQ

#if canImport(Glibc)
import Glibc
#endif

/// The last input read, kept until the process exits: freeing a gigabyte of parsed document
/// piece by piece takes longer than the query on it, and the process is about to end anyway.
nonisolated(unsafe) var lastInput: Value = .null

/// `kit jq`: jq 1.8, option for option, plus YAML input and output. jq's options do not fit
/// swift-argument-parser (`--arg NAME VALUE`, `--args` taking the rest, clustered `-nr`), so
/// `kit jq` reads its own command line (see `JQCommandLine`); this type only lists it in
/// `kit --help`.
struct JQCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "jq",
        abstract: "The jq 1.8 language over JSON and YAML (kit jq --help for its options).",
        shouldDisplay: true
    )

    @Argument(parsing: .captureForPassthrough, help: "jq's options, filter and files.")
    var arguments: [String] = []

    func run() throws {
        let status = JQCommandLine.main(arguments)
        if status != 0 { throw FindingsExit(status: status) }
    }
}

/// jq's command line: options, program, inputs, outputs, and jq's exit statuses (0 ok, 1 last
/// output false or null with `-e`, 2 usage or input errors, 3 compile errors, 4 no output with
/// `-e`, 5 runtime errors).
enum JQCommandLine {
    static let usageText = """
        Usage:\tkit jq [OPTIONS] FILTER [FILE...]
        \tkit jq [OPTIONS] --args FILTER [STRINGS...]
        \tkit jq [OPTIONS] --jsonargs FILTER [JSON_TEXTS...]

        kit jq is jq 1.8: it applies FILTER to its JSON (or YAML) inputs and prints the
        results as JSON (or YAML). Inputs are the FILEs, or standard input.

        Example:

        \t$ echo '{"foo": 0}' | kit jq .
        \t{
        \t  "foo": 0
        \t}
        \t$ kit jq -r '.items[] | [.metadata.namespace, .metadata.name] | @tsv' pods.json
        \t$ kit jq '.spec.replicas' deployment.yaml
        \t$ kubectl get pods -o json | kit jq -Y '.items[0].metadata'

        Options:
          -n, --null-input          use `null` as the single input value;
          -R, --raw-input           read each line as string instead of JSON;
          -s, --slurp               read all inputs into an array and use it as
                                    the single input value;
          -y, --yaml-input          read inputs as YAML (multi-document streams);
                                    automatic for .yaml and .yml files;
          -Y, --yaml-output         print each result as a YAML document;
          -c, --compact-output      compact instead of pretty-printed output;
          -r, --raw-output          output strings without escapes and quotes;
              --raw-output0         implies -r and output NUL after each output;
          -j, --join-output         implies -r and output without newline after
                                    each output;
          -a, --ascii-output        output strings by only ASCII characters
                                    using escape sequences;
          -S, --sort-keys           sort keys of each object on output;
          -C, --color-output        colorize JSON output;
          -M, --monochrome-output   disable colored output;
              --tab                 use tabs for indentation;
              --indent n            use n spaces for indentation (max 7 spaces);
              --unbuffered          flush output stream after each output;
              --stream              parse the input value in streaming fashion;
              --stream-errors       implies --stream and report parse error as
                                    an array;
              --seq                 parse input/output as application/json-seq;
          -f, --from-file           load the filter from a file;
          -L, --library-path dir    search modules from the directory;
              --arg name value      set $name to the string value;
              --argjson name value  set $name to the JSON value;
              --slurpfile name file set $name to an array of JSON values read
                                    from the file;
              --rawfile name file   set $name to string contents of file;
              --args                consume remaining arguments as positional
                                    string values;
              --jsonargs            consume remaining arguments as positional
                                    JSON values;
          -e, --exit-status         set exit status code based on the output;
          -V, --version             show the version;
              --build-configuration show the build configuration;
          -h, --help                show the help;
          --                        terminates argument processing;

        Named arguments are also available as $ARGS.named[], while
        positional arguments are available as $ARGS.positional[].

        Colours are used on a terminal (not with NO_COLOR set); JQ_COLORS sets them
        (null:false:true:numbers:strings:arrays:objects:object keys).

        Exit status: 0 success; 1 with -e when the last output is false or null;
        2 usage, file or input errors; 3 the filter does not compile; 4 with -e when
        there is no output; 5 a runtime error (or halt_error's status).

        """

    struct UsageError: Error {
        var message: String
    }

    struct Settings {
        var program: String?
        var fromFile = false
        var files: [String] = []
        var named: [(String, Value)] = []
        var positional: [Value] = []
        var libraryPaths: [String]? = nil
        var nullInput = false
        var exitStatus = false
        var unbuffered = false
        var color: Bool? = nil
        var monochrome = false
        var printer = JQPrinter.Options()
        var input = JQInputReader.Options()
        var help = false
        var version = false
        var buildConfiguration = false
    }

    static func printError(_ text: String) {
        var bytes = Array(text.utf8)
        bytes.append(10)
        try? FileIO.writeAll(fd: 2, bytes, name: "standard error")
    }

    static func isOptionLike(_ text: String) -> Bool {
        let b = Array(text.utf8)
        guard b.count >= 2, b[0] == UInt8(ascii: "-") else { return false }
        return b[1] == UInt8(ascii: "-") || (b[1] >= 0x41 && b[1] <= 0x5A) || (b[1] >= 0x61 && b[1] <= 0x7A)
    }

    static func parse(_ arguments: [String]) throws -> Settings {
        var s = Settings()
        var furtherStrings = false
        var furtherJSON = false
        var done = false
        var i = 0
        func value(_ n: Int, _ message: String) throws -> [String] {
            guard i + n < arguments.count else { throw UsageError(message: message) }
            defer { i += n }
            return Array(arguments[(i + 1)...(i + n)])
        }
        func addNamed(_ name: String, _ v: Value) {
            if !s.named.contains(where: { $0.0 == name }) { s.named.append((name, v)) }
        }
        /// One option, by its long name (short ones are translated).
        func option(_ name: String, spelled: String, attached: String?) throws {
            switch name {
            case "slurp": s.input.slurp = true
            case "raw-output": s.printer.raw = true
            case "raw-output0":
                s.printer.raw = true
                s.printer.joinOutput = true
                s.printer.rawOutput0 = true
            case "join-output":
                s.printer.raw = true
                s.printer.joinOutput = true
            case "compact-output":
                s.printer.indent = 0
                s.printer.tab = false
            case "color-output": s.color = true
            case "monochrome-output": s.monochrome = true
            case "ascii-output": s.printer.ascii = true
            case "unbuffered": s.unbuffered = true
            case "sort-keys": s.printer.sortKeys = true
            case "raw-input": s.input.rawInput = true
            case "null-input": s.nullInput = true
            case "from-file": s.fromFile = true
            case "yaml-input": s.input.yaml = true
            case "yaml-output": s.printer.yaml = true
            case "library-path":
                let path = try attached ?? value(1, "-L takes a parameter: (e.g. -L /search/path or -L/search/path)")[0]
                s.libraryPaths = (s.libraryPaths ?? []) + [absolute(path)]
            case "tab":
                s.printer.tab = true
                s.printer.indent = 1
            case "indent":
                let v = try value(1, "jq: --indent takes one parameter")
                guard let n = Int(v[0]), n >= -1, n <= 7 else { throw UsageError(message: "jq: --indent takes a number between -1 and 7") }
                s.printer.tab = n == -1
                s.printer.indent = n == -1 ? 1 : n
            case "seq":
                s.printer.seq = true
                s.input.seq = true
            case "stream", "stream-errors": s.input.stream = true
            case "exit-status": s.exitStatus = true
            case "args":
                furtherStrings = true
                furtherJSON = false
            case "jsonargs":
                furtherStrings = false
                furtherJSON = true
            case "arg":
                let v = try value(2, "jq: --arg takes two parameters (e.g. --arg varname value)")
                addNamed(v[0], .string(v[1]))
            case "argjson":
                let v = try value(2, "jq: --argjson takes two parameters (e.g. --argjson varname text)")
                guard let parsed = try? JSONReader.read(v[1], options: JSONReader.Options(allowNonFinite: true)) else {
                    throw UsageError(message: "jq: invalid JSON text passed to --argjson")
                }
                addNamed(v[0], parsed)
            case "slurpfile", "rawfile":
                let v = try value(2, "jq: --\(name) takes two parameters (e.g. --\(name) varname filename)")
                if s.named.contains(where: { $0.0 == v[0] }) { return }
                do {
                    let bytes = try FileIO.read(v[1])
                    if name == "rawfile" {
                        addNamed(v[0], .string(String(decoding: bytes, as: UTF8.self)))
                    } else {
                        var values: [Value] = []
                        try JSONReader.forEachValue(bytes, file: v[1], options: JSONReader.Options(allowNonFinite: true)) { values.append($0) }
                        addNamed(v[0], .array(values))
                    }
                } catch {
                    throw InputFailure(message: "jq: Bad JSON in --\(name) \(v[0]) \(v[1]): \(error)")
                }
            case "help": s.help = true
            case "version": s.version = true
            case "build-configuration": s.buildConfiguration = true
            case "binary": break
            default:
                throw UsageError(message: "jq: Unknown option \(spelled)")
            }
        }
        while i < arguments.count {
            let a = arguments[i]
            defer { i += 1 }
            if done || !isOptionLike(a) {
                if s.program == nil {
                    s.program = a
                } else if furtherStrings {
                    s.positional.append(.string(a))
                } else if furtherJSON {
                    guard let v = try? JSONReader.read(a) else { throw UsageError(message: "jq: invalid JSON text passed to --jsonargs") }
                    s.positional.append(v)
                } else {
                    s.files.append(a)
                }
                continue
            }
            if a == "--" {
                done = true
                continue
            }
            if a.hasPrefix("--") {
                try option(String(a.dropFirst(2)), spelled: a, attached: nil)
                continue
            }
            // Clustered short options: -nr, -L/dir.
            var chars = Array(a.dropFirst())
            while !chars.isEmpty {
                let c = chars.removeFirst()
                guard let name = JQCommandLine.shortOptions[c] else { throw UsageError(message: "jq: Unknown option -\(c)") }
                if name == "library-path" && !chars.isEmpty {
                    try option(name, spelled: "-L", attached: String(chars))
                    chars = []
                } else {
                    try option(name, spelled: "-\(c)", attached: nil)
                }
            }
        }
        return s
    }

    /// jq's one-letter options and the long options they stand for.
    static let shortOptions: [Character: String] = [
        "s": "slurp", "r": "raw-output", "j": "join-output", "c": "compact-output", "C": "color-output",
        "M": "monochrome-output", "a": "ascii-output", "S": "sort-keys", "R": "raw-input", "n": "null-input",
        "f": "from-file", "e": "exit-status", "h": "help", "V": "version", "b": "binary", "y": "yaml-input",
        "Y": "yaml-output", "L": "library-path",
    ]

    struct InputFailure: Error {
        var message: String
    }

    static func absolute(_ path: String) -> String {
        guard let resolved = realpath(path, nil) else { return path }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// Buffered standard output: written in large blocks (or after each result with
    /// `--unbuffered`).
    final class Output {
        var buffer: [UInt8] = []
        let unbuffered: Bool
        init(unbuffered: Bool) {
            self.unbuffered = unbuffered
            buffer.reserveCapacity(1 << 20)
        }
        func flushIfNeeded() throws {
            if unbuffered || buffer.count >= 1 << 20 { try flush() }
        }
        func flush() throws {
            if buffer.isEmpty { return }
            try FileIO.writeAll(fd: 1, buffer, name: "standard output")
            buffer.removeAll(keepingCapacity: true)
        }
    }

    /// Runs `kit jq` with `arguments` (the words after `jq`) and returns the exit status.
    static func main(_ arguments: [String]) -> Int32 {
        let settings: Settings
        do {
            settings = try parse(arguments)
        } catch let e as UsageError {
            printError(e.message)
            printError("Use kit jq --help for help with command-line options,\nor see the jq manpage, or online docs at https://jqlang.org")
            return 2
        } catch let e as InputFailure {
            printError(e.message)
            return 2
        } catch {
            printError("jq: error: \(error)")
            return 2
        }
        if settings.help {
            try? FileIO.writeAll(fd: 1, Array(usageText.utf8), name: "standard output")
            return 0
        }
        if settings.version {
            try? FileIO.writeAll(fd: 1, Array("jq-1.8.2 (kit \(KitVersion.string))\n".utf8), name: "standard output")
            return 0
        }
        if settings.buildConfiguration {
            try? FileIO.writeAll(fd: 1, Array("kit jq \(KitVersion.string): Swift, KitCore JSON/YAML, Oniguruma regular expressions\n".utf8), name: "standard output")
            return 0
        }
        var programText = settings.program
        if programText == nil && !settings.fromFile && (isatty(1) == 0 || isatty(0) == 0) { programText = "." }
        guard var source = programText else {
            try? FileIO.writeAll(fd: 2, Array(usageText.utf8), name: "standard error")
            return 2
        }
        var programOrigin: String? = nil
        if settings.fromFile {
            do {
                let bytes = try FileIO.read(source)
                if bytes.contains(0) {
                    printError("jq: program file contains NUL bytes")
                    return 2
                }
                let path = source
                source = String(decoding: bytes, as: UTF8.self)
                let dir = path.lastIndex(of: "/").map { String(path[..<$0]) } ?? "."
                programOrigin = absolute(dir.isEmpty ? "/" : dir)
            } catch {
                printError("jq: error: Could not open \(source): \(JQCommandLine.reason(error, source))")
                return 2
            }
        }

        let program: JQProgram
        do {
            program = try JQProgram(
                compiling: source,
                options: JQProgram.Options(
                    namedArguments: settings.named, positionalArguments: settings.positional,
                    libraryPaths: settings.libraryPaths, programOrigin: programOrigin))
        } catch {
            printError("\(error)")
            return 3
        }

        // Output format.
        var printerOptions = settings.printer
        var useColor = false
        if isatty(1) != 0 {
            useColor = true
            if let noColor = getenv("NO_COLOR"), noColor.pointee != 0 { useColor = false }
        }
        if settings.color == true { useColor = true }
        if settings.monochrome { useColor = false }
        if useColor {
            var colors = JSONColors.jqDefault
            if let text = getenv("JQ_COLORS") {
                if let parsed = JQPrinter.colors(fromJQColors: String(cString: text)) {
                    colors = parsed
                } else {
                    printError("Failed to set $JQ_COLORS")
                }
            }
            printerOptions.colors = colors
        }
        var printer = JQPrinter(options: printerOptions)
        let output = Output(unbuffered: settings.unbuffered)

        let inputs = JQInputReader(
            files: settings.files, options: settings.input,
            onOpenError: { printError("jq: error: \($0)") },
            onSkippedText: { printError("jq: ignoring parse error: \($0)") })
        // Read only what the program can observe (not when it reads inputs itself).
        if !settings.nullInput && getenv("KIT_JQ_NO_PROJECTION") == nil { inputs.projection = program.inputProjection }
        let debugWriter = JSONWriter(style: .jq, indent: 0, asciiOutput: false)
        let context = JQContext(
            inputs: inputs, stackBudget: 480 << 20,
            debugHandler: { v in
                var bytes = (try? debugWriter.string(v)).map { Array($0.utf8) } ?? []
                bytes.append(10)
                try? output.flush()
                try? FileIO.writeAll(fd: 2, bytes, name: "standard error")
            },
            stderrHandler: { v in
                let bytes: [UInt8]
                if case .string(let s) = v { bytes = Array(s.utf8) } else { bytes = Array(((try? debugWriter.string(v)) ?? "").utf8) }
                try? output.flush()
                try? FileIO.writeAll(fd: 2, bytes, name: "standard error")
            })

        // jq's bookkeeping of statuses: the last input's result decides, -e looks at the
        // last output.
        let okNoOutput: Int32 = -4
        let okNullKind: Int32 = -1
        var status: Int32 = okNoOutput
        var lastResult = -1
        var halted = false

        func process(_ value: Value) -> Int32 {
            var result = okNoOutput
            do {
                try program.run(on: value, context: context) { v in
                    if printerOptions.raw, case .string = v {
                        result = 0
                    } else {
                        result = (v == .null || v == .bool(false)) ? okNullKind : 0
                    }
                    try printer.print(v, to: &output.buffer) { buffer in
                        try FileIO.writeAll(fd: 1, buffer, name: "standard output")
                        buffer.removeAll(keepingCapacity: true)
                    }
                    try output.flushIfNeeded()
                }
            } catch let halt as JQHalt {
                halted = true
                try? output.flush()
                if let message = halt.message {
                    switch message {
                    case .string(let s): try? FileIO.writeAll(fd: 2, Array(s.utf8), name: "standard error")
                    case .null: break
                    default: printError((try? debugWriter.string(message)) ?? "")
                    }
                }
                return halt.exitCode
            } catch var error as JQError {
                try? output.flush()
                // The input was read in part: run again on all of it (printing nothing) for the
                // message, whose quoted values must be complete.
                if let whole = inputs.rereadLastValue() {
                    do {
                        try program.run(on: whole, context: context) { _ in }
                    } catch let again as JQError {
                        error = again
                    } catch {}
                }
                // jq's wording: `jq: error (at FILE:LINE): message`, or for an error value
                // that is not a string `jq: error (at FILE:LINE) (not a string): VALUE`.
                if case .string(let message) = error.value {
                    printError("jq: error (at \(inputs.position)): \(message)")
                } else {
                    printError("jq: error (at \(inputs.position)) \(error)")
                }
                return 5
            } catch {
                try? output.flush()
                printError("jq: error (at \(inputs.position)): \(error)")
                return 5
            }
            return result
        }

        if settings.nullInput {
            status = process(.null)
        } else {
            while true {
                let value: Value?
                do {
                    value = try inputs.nextInput()
                } catch let e as KitError {
                    // Invalid input: where it is, after the outputs of the values before it.
                    try? output.flush()
                    printError("jq: error (at \(e.location.map { "\($0)" } ?? inputs.position)): \(e.message)")
                    status = 2
                    break
                } catch {
                    try? output.flush()
                    printError("jq: error (at \(inputs.position)): \(error)")
                    status = 2
                    break
                }
                guard let value else { break }
                lastInput = value
                status = process(value)
                if status <= 0 && status != okNoOutput { lastResult = status != okNullKind ? 1 : 0 }
                if halted { break }
            }
        }
        do {
            try output.flush()
        } catch {
            printError("jq: error: writing output failed: \(error)")
            status = 2
        }
        if inputs.openFailures > 0 && status <= 0 { status = 2 }
        if settings.exitStatus {
            if status != okNoOutput { return Int32(truncatingIfNeeded: abs(Int(status))) }
            switch lastResult {
            case -1: return 4
            case 0: return 1
            default: return 0
            }
        }
        return status > 0 ? status : 0
    }

    static func reason(_ error: any Error, _ path: String) -> String {
        let text = "\(error)"
        let prefix = "\(path): "
        return text.hasPrefix(prefix) ? String(text.dropFirst(prefix.count)) : text
    }
}
