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
            below it. '-' formats standard input to standard output.

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

    func validate() throws {
        guard !paths.isEmpty else { throw ValidationError("give at least one file or directory ('-' for standard input)") }
    }

    func run() throws {
        var files: [String] = []
        for path in paths {
            if path != "-" && FileIO.isDirectory(path) {
                try collect(directory: path, into: &files)
            } else {
                files.append(path)
            }
        }
        var unformatted: [String] = []
        var failed = false
        for file in files {
            do {
                let original = try FileIO.read(file)
                let formatted = try format(original, file: file)
                if file == "-" {
                    if check {
                        if formatted != original { unformatted.append(file) }
                    } else {
                        try writeStdout(formatted)
                    }
                    continue
                }
                guard formatted != original else { continue }
                unformatted.append(file)
                if !check { try FileIO.write(formatted, to: file) }
            } catch let error as KitError {
                printKitError(error)
                failed = true
            }
        }
        for file in unformatted { print(file) }
        if failed { throw FindingsExit(status: 2) }
        if check && !unformatted.isEmpty { throw FindingsExit(status: 1) }
    }

    func format(_ bytes: [UInt8], file: String) throws -> [UInt8] {
        let input = try DocumentReader.read(bytes, file: file)
        let values = input.documents.map(\.value)
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
    }

    /// Every .yaml, .yml and .json file below `directory`, skipping hidden entries.
    func collect(directory: String, into files: inout [String]) throws {
        for name in try FileIO.list(directory) where !name.hasPrefix(".") {
            let path = directory == "." ? name : FileIO.join(directory, name)
            if FileIO.isDirectory(path) {
                try collect(directory: path, into: &files)
            } else if name.hasSuffix(".yaml") || name.hasSuffix(".yml") || name.hasSuffix(".json") {
                files.append(path)
            }
        }
    }
}
