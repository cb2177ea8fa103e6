import KitCore

/// A JSONPath template as client-go's `util/jsonpath` reads and runs it (kubectl's
/// `-o jsonpath=`, `--sort-by`, `-o custom-columns=`): text with `{…}` actions holding fields
/// (`.metadata.name`), array indices and slices (`[0]`, `[-1:]`, `[::2]`, `[*]`), unions
/// (`[0,2]`, `['a','b']`), filters (`[?(@.type=="InternalIP")]`), recursive descent
/// (`..name`), wildcards, quoted literals (`{"\t"}`), and `range`/`end` loops.
///
/// The parser and evaluator follow client-go step by step, quirks included, so that the same
/// templates are accepted with the same messages and print the same text. Where Go iterates
/// a map in random order (wildcards and recursive descent over objects), kit takes the keys
/// in byte order, which is the order Go's JSON encoder prints them in.
public struct JSONPath: Sendable {
    /// The template as given.
    public let template: String
    let root: [JSONPathNode]

    /// Parses `template` (client-go's `Parse`). Errors carry client-go's message and the byte
    /// offset where the parser stopped.
    public init(parsing template: String) throws(JSONPathError) {
        self.template = template
        var parser = JSONPathParser(template)
        root = try parser.parseTemplate()
    }

    /// Runs the template on `data` (client-go's `FindResults`): one list of values per
    /// top-level piece of the template (text, action, or loop iteration).
    public func findResults(_ data: Value, allowMissingKeys: Bool = true) throws(JSONPathError) -> [[Value]] {
        var evaluator = JSONPathEvaluator(nodes: root, allowMissingKeys: allowMissingKeys)
        return try evaluator.findResults(.some(data), start: 0)
    }

    /// What kubectl's JSONPath printer prints for `data` (`Execute`): each result as text
    /// (strings raw, numbers and booleans as Go prints them, objects and arrays as compact JSON),
    /// results of one piece separated by spaces. With `outputJSON` (`-o jsonpath-as-json`)
    /// each piece is printed as an indented JSON array.
    public func execute(_ data: Value, allowMissingKeys: Bool = true, outputJSON: Bool = false) throws(JSONPathError) -> [UInt8] {
        var out: [UInt8] = []
        for results in try findResults(data, allowMissingKeys: allowMissingKeys) {
            try JSONPath.printResults(results, outputJSON: outputJSON, to: &out)
        }
        return out
    }

    /// client-go's `PrintResults` for one piece.
    static func printResults(_ results: [Value], outputJSON: Bool, to out: inout [UInt8]) throws(JSONPathError) {
        if outputJSON {
            do {
                try JSONWriter(style: .kubectl, indent: 4, sortKeys: true).write(.array(results), to: &out)
            } catch {
                throw JSONPathError("\(error)")
            }
            out.append(10)
            return
        }
        for (i, result) in results.enumerated() {
            try appendText(of: result, to: &out)
            if i != results.count - 1 { out.append(UInt8(ascii: " ")) }
        }
    }

    /// One result as the printer writes it: containers as compact JSON (Go's `json.Marshal`,
    /// keys sorted), everything else as `fmt.Fprint` prints it (`null` for JSON null).
    static func appendText(of value: Value, to out: inout [UInt8]) throws(JSONPathError) {
        switch value {
        case .array, .object:
            do {
                try JSONWriter(style: .kubectl, indent: 0, sortKeys: true).write(value, to: &out)
            } catch {
                throw JSONPathError("json: \(error)")
            }
        case .null:
            out.append(contentsOf: "null".utf8)
        default:
            out.append(contentsOf: GoPrint.sprint(value).utf8)
        }
    }
}

/// A JSONPath parse or execution error: client-go's message, and for parse errors the byte
/// offset in the template where the parser stopped.
public struct JSONPathError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public var offset: Int?

    public init(_ message: String, offset: Int? = nil) {
        self.message = message
        self.offset = offset
    }

    public var description: String { message }
}

/// One node of a parsed template (client-go's `Node` types).
indirect enum JSONPathNode: Sendable, Equatable {
    case list([JSONPathNode])
    case text(String)
    case field(String)
    case identifier(String)
    case array([JSONPathSliceParameter])
    case filter(left: [JSONPathNode], right: [JSONPathNode], op: String)
    case int(Int)
    case float(Double)
    case bool(Bool)
    case wildcard
    case recursive
    case union([[JSONPathNode]])
}

/// One of a slice's start, end and step (`ParamsEntry`).
struct JSONPathSliceParameter: Sendable, Equatable {
    var value = 0
    /// Whether the template gave it (or, for the end, derived it from the start).
    var known = false
    /// An end computed as start + 1 for a single index.
    var derived = false
}
