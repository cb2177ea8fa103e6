import ArgumentParser
import KitCore
import KitRender

enum JSONStyleOption: String, ExpressibleByArgument, CaseIterable {
    case jq, kubectl
}

struct ConvertCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "convert",
        abstract: "Convert between YAML and JSON.",
        discussion: """
            Reads each FILE (or standard input, for '-' or no FILE) — a YAML stream of \
            one or more documents, or one or more JSON values — and prints every document \
            in the other format. The input format is detected from the content.

            YAML output is kubectl's style: 2-space indent, lists not indented under their \
            key, documents separated by '---'. With --sort-keys, keys are sorted as \
            'kubectl kustomize' sorts them and the output is byte-identical to kustomize's.

            JSON output prints one value per document, 2-space indented like jq (or 4 with \
            --json-style kubectl, like 'kubectl get -o json'); --compact prints one line each.

            Examples:
              kit convert deployment.yaml              # YAML → JSON
              kit convert --to yaml pods.json          # JSON → YAML
              kubectl get pods -o json | kit convert --to yaml --sort-keys
            """
    )

    @Argument(help: "Input files ('-' for standard input).")
    var files: [String] = []

    @Option(name: .long, help: "Output format: yaml or json (default: the other format).")
    var to: DocumentFormat?

    @Flag(name: .long, help: "Sort object keys (YAML: kustomize's order; JSON: byte order).")
    var sortKeys = false

    @Flag(name: [.short, .long], help: "JSON: print each value on one line.")
    var compact = false

    @Option(name: .long, help: "JSON style: jq (2 spaces) or kubectl (4 spaces, Go escaping).")
    var jsonStyle: JSONStyleOption = .jq

    @Option(name: [.short, .long], help: "Write to this file (atomically) instead of standard output.")
    var output: String?

    func validate() throws {
        if compact && to == .yaml { throw ValidationError("--compact applies to JSON output only") }
    }

    func run() throws {
        let inputs = files.isEmpty ? ["-"] : files
        var documents: [Value] = []
        var firstFormat: DocumentReader.Format?
        // What a value refused by a writer needs to be located: where each input's documents
        // start, and standard input's bytes (files are read again).
        var sources: [(path: String, firstDocument: Int, options: YAMLReader.Options, stdin: [UInt8]?)] = []
        for path in inputs {
            // Sorted YAML output is kustomize's output, so YAML is then read as kustomize reads it.
            let asKustomize = sortKeys && (to == .yaml || (to == nil && firstFormat == .json))
            var exact = YAMLReader.Options()
            exact.keepNumberText = true  // numbers keep their text on the way through
            let options = asKustomize ? YAMLReader.Options.kustomizeResources : exact
            let bytes = try FileIO.read(path)
            let input = try DocumentReader.read(bytes, file: path, yamlOptions: options)
            sources.append((path, documents.count, options, path == "-" ? bytes : nil))
            if firstFormat == nil { firstFormat = input.format }
            documents.append(contentsOf: input.documents.map(\.value))
        }
        let target = to ?? (compact || jsonStyle == .kubectl ? .json : (firstFormat == .json ? .yaml : .json))
        var bytes: [UInt8] = []
        do {
            switch target {
            case .yaml:
                // Sorted YAML is printed as kustomize prints a resource (annotations rewritten as
                // strings, `<<` keys dropped).
                var printed = documents
                if sortKeys {
                    for i in printed.indices {
                        do {
                            printed[i] = try KustomizeBuild.printedForm(printed[i])
                        } catch var error as KitError where error.valuePath != nil {
                            error.valuePath?.document = i
                            throw error
                        }
                    }
                }
                bytes = try YAMLWriter(keyOrder: sortKeys ? .sorted : .preserved).stream(printed)
            case .json:
                bytes = try JSONWriter(style: jsonStyle == .kubectl ? .kubectl : .jq, indent: compact ? 0 : nil, sortKeys: sortKeys)
                    .stream(documents)
            }
        } catch let error as KitError {
            // Point at the refused value in its input.
            guard let document = error.valuePath?.document,
                let source = sources.last(where: { $0.firstDocument <= document }),
                let input = source.stdin ?? (try? FileIO.read(source.path))
            else { throw error }
            throw DocumentReader.locating(
                error, in: input, file: source.path, documentOffset: source.firstDocument, yamlOptions: source.options)
        }
        try FileIO.write(bytes, to: output ?? "-")
    }
}
