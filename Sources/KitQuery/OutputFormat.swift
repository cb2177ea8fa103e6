import KitCore

/// What `-o` asks for: kubectl's printers, plus kit's `tsv` and `csv`.
public enum OutputFormat: Sendable {
    /// The server's table as kubectl lays it out (`-o wide`: every column).
    case table(wide: Bool)
    case json
    case yaml
    case name
    /// `-o jsonpath=TEMPLATE` (`asJSON`: `-o jsonpath-as-json=`).
    case jsonPath(JSONPath, asJSON: Bool)
    case customColumns(CustomColumns)
    /// Tab- or comma-separated values: the table's cells (`-o tsv`), or the given columns
    /// (`-o tsv=HEADER:PATH,…` or friendly keys such as `name,memory`).
    case separated(Separator, columns: String?)
    /// The API server's `meta.k8s.io/v1` Table itself (for the query oracle's stand-in server,
    /// not listed in help): rows carry the full object, its metadata, or nothing.
    case serverTable(include: String)

    public enum Separator: Sendable {
        case tab, comma
    }

    /// kubectl's allowed `-o` values, as its error message lists them (plus kit's).
    static let allowedFormats = [
        "csv", "custom-columns", "custom-columns-file", "json", "jsonpath", "jsonpath-as-json", "jsonpath-file", "name",
        "tsv", "wide", "yaml",
    ]

    /// Parses an `-o` value. `readFile` reads `-file` formats' files.
    public static func parse(_ text: String, readFile: (String) throws -> String) throws(KitError) -> OutputFormat {
        switch text {
        case "", "table": return .table(wide: false)
        case "wide": return .table(wide: true)
        case "json": return .json
        case "yaml": return .yaml
        case "name": return .name
        case "tsv": return .separated(.tab, columns: nil)
        case "csv": return .separated(.comma, columns: nil)
        default: break
        }
        guard let equals = text.firstIndex(of: "=") else {
            throw unknownFormat(text)
        }
        let format = String(text[..<equals])
        let argument = String(text[text.index(after: equals)...])
        switch format {
        case "jsonpath", "jsonpath-as-json", "jsonpath-file":
            guard !argument.isEmpty else { throw KitError("template format specified but no template given") }
            var template = argument
            if format == "jsonpath-file" {
                do {
                    template = try readFile(argument)
                } catch {
                    throw KitError("error reading --template \(argument), \(error)")
                }
            }
            do {
                return .jsonPath(try JSONPath(parsing: template), asJSON: format == "jsonpath-as-json")
            } catch {
                throw KitError("error parsing jsonpath \(template), \(error.message)\(SortBy.position(error, in: template))")
            }
        case "custom-columns":
            return .customColumns(try CustomColumns(spec: argument))
        case "custom-columns-file":
            let template: String
            do {
                template = try readFile(argument)
            } catch {
                throw KitError("error reading template \(argument), \(error)")
            }
            return .customColumns(try CustomColumns(template: template))
        case "kit-server-table":
            guard ["Object", "Metadata", "None"].contains(argument) else { throw unknownFormat(text) }
            return .serverTable(include: argument)
        case "tsv":
            return .separated(.tab, columns: argument.isEmpty ? nil : argument)
        case "csv":
            return .separated(.comma, columns: argument.isEmpty ? nil : argument)
        default:
            throw unknownFormat(text)
        }
    }

    static func unknownFormat(_ text: String) -> KitError {
        KitError(
            "unable to match a printer suitable for the output format \(GoSyntax.quote(text)), allowed formats are: \(allowedFormats.joined(separator: ","))"
        )
    }

    /// Whether this is one of kubectl's human-readable (server table) printers.
    public var isTable: Bool {
        if case .table = self { return true }
        return false
    }
}
