import KitCore

/// kubectl's `-o custom-columns=HEADER:PATH,…` and `-o custom-columns-file=FILE`
/// (kubectl/pkg/cmd/get/customcolumn.go): one column per spec, each cell every value the
/// path finds (missing keys allowed), printed as Go's `fmt.Sprint` prints them (`map[k:v]`,
/// `[a b]`, `<nil>`) and joined by commas, `<none>` when nothing is found; laid out by
/// kubectl's tab writer.
public struct CustomColumns: Sendable {
    public struct Column: Sendable, Equatable {
        public var header: String
        /// The JSONPath template (`{.metadata.name}`).
        public var fieldSpec: String
    }

    public let columns: [Column]
    let paths: [JSONPath]

    /// Columns from a `-o custom-columns=` spec.
    public init(spec: String) throws(KitError) {
        guard !spec.isEmpty else {
            throw KitError("custom-columns format specified but no custom columns given")
        }
        var columns: [Column] = []
        for part in spec.split(separator: ",", omittingEmptySubsequences: false) {
            guard let colon = part.firstIndex(of: ":") else {
                throw KitError("unexpected custom-columns spec: \(part), expected <header>:<json-path-expr>")
            }
            let field: String
            do {
                field = try CustomColumns.relaxedJSONPathExpression(String(part[part.index(after: colon)...]))
            } catch {
                throw KitError(error.message)
            }
            columns.append(Column(header: String(part[..<colon]), fieldSpec: field))
        }
        try self.init(columns: columns)
    }

    /// Columns from a `-o custom-columns-file=` template: a line of headers and a line of
    /// field specs, both separated by whitespace.
    public init(template text: String) throws(KitError) {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map {
            $0.hasSuffix("\r") ? $0.dropLast() : $0
        }
        if lines.last == "" { lines.removeLast() }
        guard lines.count >= 1 else {
            throw KitError(
                "invalid template, missing header line. Expected format is one line of space separated headers, one line of space separated column specs.")
        }
        let headers = CustomColumns.words(lines[0])
        guard lines.count >= 2 else {
            throw KitError(
                "invalid template, missing spec line. Expected format is one line of space separated headers, one line of space separated column specs.")
        }
        let specs = CustomColumns.words(lines[1])
        guard headers.count == specs.count else {
            throw KitError("number of headers (\(headers.count)) and field specifications (\(specs.count)) don't match")
        }
        var columns: [Column] = []
        for (header, spec) in zip(headers, specs) {
            do {
                columns.append(Column(header: header, fieldSpec: try CustomColumns.relaxedJSONPathExpression(spec)))
            } catch {
                throw KitError(error.message)
            }
        }
        try self.init(columns: columns)
    }

    init(columns: [Column]) throws(KitError) {
        self.columns = columns
        var paths: [JSONPath] = []
        for column in columns {
            do {
                paths.append(try JSONPath(parsing: column.fieldSpec))
            } catch {
                throw KitError("\(error.message)\(SortBy.position(error, in: column.fieldSpec))")
            }
        }
        self.paths = paths
    }

    /// `bufio.ScanWords`: fields separated by Unicode white space.
    static func words(_ line: Substring) -> [String] {
        line.unicodeScalars.split(whereSeparator: GoSyntax.isSpace).map { String(String.UnicodeScalarView($0)) }
    }

    /// The cells of one object's row.
    public func cells(of object: Value) throws(KitError) -> [String] {
        var cells: [String] = []
        cells.reserveCapacity(paths.count)
        for path in paths {
            let results: [[Value]]
            do {
                results = try path.findResults(object, allowMissingKeys: true)
            } catch {
                throw KitError(error.message)
            }
            if results.isEmpty || results[0].isEmpty {
                var cell = "<none>"
                for group in results.dropFirst() {
                    for value in group { cell += "," + CustomColumns.escapeTerminal(GoPrint.sprint(value)) }
                }
                cells.append(cell)
                continue
            }
            var parts: [String] = []
            for group in results {
                for value in group { parts.append(CustomColumns.escapeTerminal(GoPrint.sprint(value))) }
            }
            cells.append(parts.joined(separator: ","))
        }
        return cells
    }

    /// The header line and one line per object, tab-separated, before layout.
    public func lines(for objects: [Value], headers: Bool) throws(KitError) -> [String] {
        var lines: [String] = []
        lines.reserveCapacity(objects.count + 1)
        if headers { lines.append(columns.map(\.header).joined(separator: "\t")) }
        for object in objects {
            lines.append(try cells(of: object).joined(separator: "\t"))
        }
        return lines
    }

    /// kubectl's `RelaxedJSONPathExpression`: `name1.name2`, `.name1.name2`,
    /// `{name1.name2}` and `{.name1.name2}` all become `{.name1.name2}`; empty stays empty.
    public static func relaxedJSONPathExpression(_ expression: String) throws(JSONPathError) -> String {
        if expression.isEmpty { return expression }
        let bytes = Array(expression.utf8)
        func isBrace(_ b: UInt8) -> Bool { b == 123 || b == 125 }
        var inner: ArraySlice<UInt8>
        if bytes.count >= 2, bytes.first == 123, bytes.last == 125, !bytes[1..<(bytes.count - 1)].contains(where: isBrace),
            bytes.count > 2
        {
            inner = bytes[1..<(bytes.count - 1)]
        } else if !bytes.contains(where: isBrace) {
            inner = bytes[...]
        } else {
            throw JSONPathError(
                "unexpected path string, expected a 'name1.name2' or '.name1.name2' or '{name1.name2}' or '{.name1.name2}'")
        }
        // `\.?` is greedy but gives the dot back when nothing would follow it.
        if inner.first == 46 && inner.count > 1 { inner = inner.dropFirst() }
        return "{." + String(decoding: inner, as: UTF8.self) + "}"
    }

    /// kubectl's terminal escaper: ESC becomes `^[` and CR becomes `\r`.
    public static func escapeTerminal(_ s: String) -> String {
        guard s.utf8.contains(where: { $0 == 27 || $0 == 13 }) else { return s }
        var out = ""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\u{1B}": out += "^["
            case "\r": out += "\\r"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
