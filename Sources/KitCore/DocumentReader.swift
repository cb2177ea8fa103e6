/// Reads a file's documents whatever their format: JSON (one value or a whitespace-separated
/// sequence, as jq reads it) or a YAML stream. A `.json` file is strict JSON and a `.yaml` or
/// `.yml` file is YAML (read as kustomize reads it, even when its content looks like JSON).
/// Otherwise (standard input, other names) the content decides: input whose first character
/// is `{` or `[` is read as JSON, and as YAML (a flow collection) only if it is not valid JSON.
public enum DocumentReader {
    public enum Format: Sendable, Equatable {
        case json, yaml
    }

    public struct Input: Sendable {
        public var format: Format
        public var documents: [YAMLDocument]
    }

    /// The non-empty documents of `bytes` (YAML read with `yamlOptions`). Throws on malformed
    /// input, and (unless `allowEmpty`) on input that holds no document at all.
    public static func read(
        _ bytes: [UInt8], file: String, positions: Bool = false, yamlOptions: YAMLReader.Options = YAMLReader.Options(),
        allowEmpty: Bool = false
    ) throws -> Input {
        if allowEmpty {
            do {
                return try read(bytes, file: file, positions: positions, yamlOptions: yamlOptions)
            } catch let e as KitError where e.message == emptyInputMessage {
                return Input(format: lowercasedHasSuffix(file, ".json") ? .json : .yaml, documents: [])
            }
        }
        var options = yamlOptions
        options.positions = positions
        let lowered = file.lowercased()
        if lowered.hasSuffix(".json") {
            return try nonEmpty(Input(format: .json, documents: try readJSON(bytes, file: file)), file: file)
        }
        if lowered.hasSuffix(".yaml") || lowered.hasSuffix(".yml") {
            let yaml = try YAMLReader.read(bytes, file: file, options: options)
            return try nonEmpty(Input(format: .yaml, documents: yaml.filter { !$0.isEmpty }), file: file)
        }
        if detect(bytes) == .json {
            do {
                return try nonEmpty(Input(format: .json, documents: try readJSON(bytes, file: file)), file: file)
            } catch let jsonError as KitError {
                // Not JSON; maybe a YAML flow collection. Report the JSON error if it is
                // not YAML either.
                guard let yaml = try? YAMLReader.read(bytes, file: file, options: options) else {
                    throw jsonError
                }
                return try nonEmpty(Input(format: .yaml, documents: yaml.filter { !$0.isEmpty }), file: file)
            }
        }
        let yaml = try YAMLReader.read(bytes, file: file, options: options)
        return try nonEmpty(Input(format: .yaml, documents: yaml.filter { !$0.isEmpty }), file: file)
    }

    static func readJSON(_ bytes: [UInt8], file: String) throws -> [YAMLDocument] {
        var documents: [YAMLDocument] = []
        try JSONReader.forEachValue(bytes, file: file) { value in
            documents.append(
                YAMLDocument(
                    value: value, positions: nil, location: SourceLocation(file: file, line: 1, column: 1),
                    isEmpty: false))
        }
        return documents
    }

    static func nonEmpty(_ input: Input, file: String) throws -> Input {
        guard !input.documents.isEmpty else {
            throw KitError(emptyInputMessage, at: SourceLocation(file: file, line: 1, column: 1))
        }
        return input
    }

    static let emptyInputMessage = "no documents: the input is empty"

    static func lowercasedHasSuffix(_ file: String, _ suffix: String) -> Bool { file.lowercased().hasSuffix(suffix) }

    /// JSON when the first character after whitespace and a byte-order mark is `{` or `[`.
    public static func detect(_ bytes: [UInt8]) -> Format {
        var i = 0
        if bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF { i = 3 }
        while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x0A || bytes[i] == 0x0D || bytes[i] == 0x09 {
            i += 1
        }
        if i < bytes.count && (bytes[i] == UInt8(ascii: "{") || bytes[i] == UInt8(ascii: "[")) { return .json }
        return .yaml
    }
}
