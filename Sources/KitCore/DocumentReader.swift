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
    /// input, and on input that holds no document at all.
    public static func read(
        _ bytes: [UInt8], file: String, positions: Bool = false, yamlOptions: YAMLReader.Options = YAMLReader.Options()
    ) throws -> Input {
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
                // Not JSON; maybe a YAML flow collection. When it is not YAML either, report
                // the error of the reader that got further: `{a: 1, b: [` fails as JSON at
                // once but is YAML up to its end, and a YAML nesting limit deep inside
                // `{{{{…` says more than JSON's complaint about the second character.
                let yaml: [YAMLDocument]
                do {
                    yaml = try YAMLReader.read(bytes, file: file, options: options)
                } catch let yamlError as KitError {
                    throw DocumentReader.further(yamlError, than: jsonError) ? yamlError : jsonError
                }
                return try nonEmpty(Input(format: .yaml, documents: yaml.filter { !$0.isEmpty }), file: file)
            }
        }
        let yaml = try YAMLReader.read(bytes, file: file, options: options)
        return try nonEmpty(Input(format: .yaml, documents: yaml.filter { !$0.isEmpty }), file: file)
    }

    /// Where the value a writer refused (`KitError.valuePath`, counting the non-empty
    /// documents of this input) was read from, found by reading `bytes` again with positions:
    /// errors are rare, so reading never pays for positions it does not need.
    public static func location(
        of path: KitError.ValuePath, in bytes: [UInt8], file: String, yamlOptions: YAMLReader.Options = YAMLReader.Options()
    ) -> SourceLocation? {
        guard let input = try? read(bytes, file: file, positions: true, yamlOptions: yamlOptions),
            path.document < input.documents.count
        else { return nil }
        if input.format == .json {
            return JSONReader.location(of: path.components, document: path.document, in: bytes, file: file)
        }
        let document = input.documents[path.document]
        return document.positions?.location(of: path.components, in: document.value) ?? document.location
    }

    /// `error` with the location of the value it names, when it names one of this input's.
    public static func locating(
        _ error: KitError, in bytes: [UInt8], file: String, documentOffset: Int = 0,
        yamlOptions: YAMLReader.Options = YAMLReader.Options()
    ) -> KitError {
        guard error.location == nil, var path = error.valuePath, path.document >= documentOffset else { return error }
        path.document -= documentOffset
        var located = error
        located.location = location(of: path, in: bytes, file: file, yamlOptions: yamlOptions)
        return located
    }

    /// True when `a` is at a later position than `b`.
    static func further(_ a: KitError, than b: KitError) -> Bool {
        guard let x = a.location else { return false }
        guard let y = b.location else { return true }
        return (x.line, x.column) > (y.line, y.column)
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
            throw KitError("no documents: the input is empty", at: SourceLocation(file: file, line: 1, column: 1))
        }
        return input
    }

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
