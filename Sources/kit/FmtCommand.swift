import ArgumentParser
import KitCore

struct FmtCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fmt",
        abstract: "Rewrite YAML and JSON files in kit's canonical style.",
        discussion: """
            Each FILE is rewritten in place, atomically, in the style 'kit convert' prints: \
            YAML as kubectl prints it (2-space indent, lists not indented under their key, \
            '---' between documents), JSON as jq prints it. Key order is kept unless \
            --sort-keys is given. A DIRECTORY stands for every .yaml, .yml and .json file \
            below it (hidden entries and symbolic links inside it are skipped; a link named \
            on the command line is followed and its target rewritten). '-' formats standard \
            input to standard output. Each file is formatted once, however many names it has.

            Every file is read and formatted before any is written: when one fails (exit 2), \
            no file changes, unless --keep-going is given. A rewritten file keeps its owner, \
            permissions and hard links; read-only files are refused unless --force is given. \
            Only regular files are read, up to --max-file-size bytes (256 MiB).

            kit keeps data, not comments: a YAML file with comments is refused (exit 2) \
            unless --drop-comments is given. Anchors and aliases are expanded.

            --check changes nothing: it lists the files that would change and exits 1 if \
            there are any, for CI.
            """
    )

    @Argument(help: "Files or directories to format ('-' for standard input).")
    var paths: [String] = []

    @Flag(name: .long, help: "List files that are not formatted and exit 1 if any; write nothing.")
    var check = false

    @Flag(name: .long, help: "Sort object keys (YAML: kustomize's order; JSON: byte order).")
    var sortKeys = false

    @Flag(name: .long, help: "Format YAML files even though their comments will be lost.")
    var dropComments = false

    @Flag(name: .long, help: "Also rewrite read-only files.")
    var force = false

    @Flag(name: .long, help: "Rewrite the files that are fine even when others fail to read or format.")
    var keepGoing = false

    @Option(name: .long, help: ArgumentHelp("Largest file read, in bytes (default: 256 MiB).", valueName: "BYTES"))
    var maxFileSize: Int = FileIO.defaultMaxFileSize

    func validate() throws {
        guard !paths.isEmpty else { throw ValidationError("give at least one file or directory ('-' for standard input)") }
        guard maxFileSize > 0 else { throw ValidationError("--max-file-size must be a positive number of bytes") }
    }

    /// A file that reads and formats: its new content, when that differs from the old.
    struct Formatted {
        var path: String
        var bytes: [UInt8]
        var changed: Bool
    }

    func run() throws {
        // Every file once: a file named twice, or through a link and directly, is one file.
        var files: [String] = []
        var identities: Set<FileIO.FileIdentity> = []
        for path in paths {
            let found = path != "-" && FileIO.isDirectory(path)
                ? try FileIO.regularFiles(below: path) { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") || $0.hasSuffix(".json") }
                : [path]
            for file in found {
                if file != "-", let id = FileIO.identity(file), !identities.insert(id).inserted { continue }
                files.append(file)
            }
        }
        // Check every file before writing any: by default one bad file means nothing changes.
        var results: [Formatted] = []
        var failed = false
        for file in files {
            do {
                let original = try FileIO.read(file, limits: file == "-" ? .unlimited : .regularFiles(maxSize: maxFileSize))
                let formatted = try format(original, file: file)
                let changed = formatted != original
                if changed && !check && !force && file != "-" && FileIO.isReadOnly(file) {
                    throw KitError("\(file): the file is read-only; kit fmt does not rewrite read-only files (--force rewrites them)")
                }
                results.append(Formatted(path: file, bytes: formatted, changed: changed))
            } catch let error as KitError {
                printKitError(error)
                failed = true
            }
        }
        if failed && !keepGoing && !check {
            if results.contains(where: { $0.changed && $0.path != "-" }) {
                printError("kit: error: no file was changed (--keep-going rewrites the files that are fine)")
            }
            throw FindingsExit(status: 2)
        }
        var listed: [String] = []
        for result in results {
            if result.path == "-" {
                if check {
                    if result.changed { listed.append("-") }
                } else {
                    try writeStdout(result.bytes)
                }
                continue
            }
            guard result.changed else { continue }
            if !check {
                do {
                    try FileIO.write(result.bytes, to: result.path, replacingReadOnly: force)
                } catch let error as KitError {
                    printKitError(error)  // not listed: it did not change
                    failed = true
                    continue
                }
            }
            listed.append(result.path)
        }
        for file in listed { print(file) }
        if failed { throw FindingsExit(status: 2) }
        if check && !listed.isEmpty { throw FindingsExit(status: 1) }
    }

    func format(_ bytes: [UInt8], file: String) throws -> [UInt8] {
        var options = YAMLReader.Options()
        options.keepNumberText = true  // fmt never changes a value, nor a number's spelling
        let input = try DocumentReader.read(bytes, file: file, yamlOptions: options)
        let values = input.documents.map(\.value)
        do {
            switch input.format {
            case .yaml:
                if !dropComments, let comment = YAMLComments.firstComment(in: bytes, file: file) {
                    throw KitError("comments would be lost; kit fmt keeps data, not comments (use --drop-comments to format anyway)", at: comment)
                }
                // fmt never changes data, so kustomize's folding and refusals do not apply here.
                return try YAMLWriter(keyOrder: sortKeys ? .sorted : .preserved, valueRules: .lossless).stream(values)
            case .json:
                return try JSONWriter(style: .jq, sortKeys: sortKeys).stream(values)
            }
        } catch let error as KitError {
            throw DocumentReader.locating(error, in: bytes, file: file, yamlOptions: options)
        }
    }

}
