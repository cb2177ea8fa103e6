import KitCore

#if canImport(Glibc)
import Glibc
#endif

/// What `kit validate` reads.
public enum ValidationInput: Sendable, Equatable {
    /// A file, a directory (its `*.yaml`, `*.yml` and `*.json` files, recursively), or `-` for
    /// standard input.
    case path(String)
    /// A kustomization directory, rendered in process (`-k DIR`).
    case kustomization(String)
    /// A docker-compose project directory (with its ecs-params.yml, if any): `--compose DIR`.
    case compose(String)
}

/// One file of manifests (or standard input), read once; its documents are kept, and the
/// bytes too, so that positions can be worked out later for the documents that have findings.
final class SourceFile: @unchecked Sendable {
    /// The name findings use: the path as given (`-` for standard input).
    let name: String
    let bytes: [UInt8]
    private(set) var format: DocumentReader.Format = .yaml
    private(set) var documents: [YAMLDocument] = []
    /// Set when the file does not parse: no document of it can be checked.
    private(set) var parseError: KitError?
    /// Each document read again with positions, on demand (`positioned(document:)`).
    private var positionedDocuments: [YAMLDocument]?

    /// How manifests are read: YAML 1.1 scalars (as kubernetes-validate and kubectl's YAML
    /// reader take `yes`/`no`/`on`/`off`), the last of repeated keys wins (and is reported).
    static let yamlOptions = YAMLReader.Options.yaml11

    /// How this file's YAML is read.
    let options: YAMLReader.Options

    /// Reads `bytes` as manifests (YAML 1.1 scalars), or with `options` (kustomize's reading,
    /// for the files `-k` builds from, which are only read again for positions).
    init(name: String, bytes: [UInt8], options: YAMLReader.Options = SourceFile.yamlOptions, parse: Bool = true) {
        self.name = name
        self.bytes = bytes
        self.options = options
        guard parse else { return }
        do {
            let input = try DocumentReader.read(bytes, file: name, yamlOptions: options, allowEmpty: true)
            format = input.format
            documents = input.documents
        } catch let e as KitError {
            parseError = e.location == nil ? KitError(e.message, at: SourceLocation(file: name, line: 1, column: 1)) : e
        } catch {
            parseError = KitError("\(error)", at: SourceLocation(file: name, line: 1, column: 1))
        }
    }

    /// Document `index` with its positions: YAML is read again with positions; JSON, which
    /// the JSON reader reads without them, is read as YAML (a JSON text is a YAML flow
    /// document). Nil when that fails.
    func positioned(document index: Int) -> (tree: PositionTree, value: Value)? {
        if positionedDocuments == nil {
            var options = options
            options.positions = true
            positionedDocuments = (try? YAMLReader.read(bytes, file: name, options: options))?.filter { !$0.isEmpty } ?? []
        }
        guard let docs = positionedDocuments, index < docs.count, let tree = docs[index].positions else { return nil }
        return (tree, docs[index].value)
    }
}

/// Finds the files of the inputs and reads them.
enum InputReader {
    /// The files of `path`: itself, or for a directory every `*.yaml`, `*.yml` and `*.json`
    /// below it (sorted, hidden entries and kustomization files skipped). Throws for a path
    /// that does not exist or cannot be read.
    static func files(of path: String) throws -> [String] {
        if path == "-" { return ["-"] }
        guard FileIO.exists(path) else { throw KitError("\(path): no such file or directory") }
        guard FileIO.isDirectory(path) else { return [path] }
        var found: [String] = []
        var visited = Set<String>()
        try walk(path, into: &found, visited: &visited)
        return found
    }

    /// Walks a directory tree; a directory reached twice (through symbolic links) is read once.
    static func walk(_ directory: String, into found: inout [String], visited: inout Set<String>) throws {
        if let real = realpath(directory, nil) {
            defer { free(real) }
            guard visited.insert(String(cString: real)).inserted else { return }
        }
        for name in try FileIO.list(directory) where !name.hasPrefix(".") {
            let full = FileIO.join(directory, name)
            if FileIO.isDirectory(full) {
                try walk(full, into: &found, visited: &visited)
            } else if isManifestName(name) {
                found.append(full)
            }
        }
    }

    /// `*.yaml`, `*.yml`, `*.json`, except kustomization files (build inputs, not objects;
    /// `-k` validates what they build).
    static func isManifestName(_ name: String) -> Bool {
        let lower = name.lowercased()
        guard lower.hasSuffix(".yaml") || lower.hasSuffix(".yml") || lower.hasSuffix(".json") else { return false }
        return lower != "kustomization.yaml" && lower != "kustomization.yml"
    }
}
