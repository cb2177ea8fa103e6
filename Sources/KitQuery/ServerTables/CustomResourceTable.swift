import KitCore

/// The table of custom resources: the apiextensions-apiserver's table convertor over the
/// `additionalPrinterColumns` of the CRD version that serves them (NAME and AGE when the
/// version declares none).
struct CustomResourceTable {
    struct Column {
        var spec: ColumnSpec
        /// client-go's JSONPath, as the table convertor parses it (`{` + path + `}`).
        var path: JSONPath
    }

    /// `{.metadata.creationTimestamp}`, the AGE column of a version that declares none.
    static let creationTimestamp = try? JSONPath(parsing: "{.metadata.creationTimestamp}")

    let columns: [Column]

    /// The columns `crd` declares for `version`. A CRD without that version, or no CRD at
    /// all, gets the default columns. As the API server does, a column whose JSONPath does
    /// not parse ends the list (the columns before it are kept).
    init(crd: Value?, version: String) {
        var definitions: [Value] = []
        if let crd {
            let spec = crd["spec"]
            let versions = spec["versions"].goArray
            let v1beta1 = crd["apiVersion"].goString == "apiextensions.k8s.io/v1beta1"
            let perVersion = versions.contains { Optional($0)["additionalPrinterColumns"].goCount > 0 }
            if v1beta1 && !perVersion {
                // v1beta1 CRDs could declare their columns once for every version.
                definitions = spec["additionalPrinterColumns"].goArray
            } else if let served = versions.first(where: { Optional($0)["name"].goString == version }) {
                definitions = Optional(served)["additionalPrinterColumns"].goArray
            }
        }
        var columns: [Column] = []
        if definitions.isEmpty, let path = CustomResourceTable.creationTimestamp {
            columns = [
                Column(
                    spec: ColumnSpec(name: "Age", type: "date", format: "", priority: 0, doc: Col.doc(Col.meta, "creationTimestamp")),
                    path: path)
            ]
        } else {
            for definition in definitions {
                let d = Optional(definition)
                // v1 spells the path `jsonPath`, v1beta1 `JSONPath`.
                let jsonPath = d["jsonPath"].isSet ? d["jsonPath"].goString : d["JSONPath"].goString
                guard let path = try? JSONPath(parsing: "{" + jsonPath + "}") else { break }
                let description = d["description"].goString
                let doc: ColumnSpec.Doc = .text(
                    description.isEmpty ? "Custom resource definition column (in JSONPath format): " + jsonPath : description)
                columns.append(
                    Column(
                        spec: ColumnSpec(
                            name: d["name"].goString, type: d["type"].goString, format: d["format"].goString,
                            priority: d["priority"].goInt, doc: doc),
                        path: path))
            }
        }
        self.columns = columns
    }

    var specs: [ColumnSpec] { [Col.name] + columns.map(\.spec) }

    func row(_ obj: Value, _ context: PrintContext) -> PrintedRow {
        var cells: [Value] = [.string(obj.objectName)]
        cells.reserveCapacity(1 + columns.count)
        for column in columns {
            // The convertor's FindResults with missing keys allowed; only the first result of
            // the first template piece is shown, none (or an error) is an empty cell.
            guard let pieces = try? column.path.findResults(obj, allowMissingKeys: true), let value = pieces.first?.first else {
                cells.append(.null)
                continue
            }
            if column.spec.type == "string" {
                cells.append(.string(CustomResourceTable.printedText(value)))
            } else {
                cells.append(CustomResourceTable.cell(type: column.spec.type, value, now: context.now))
            }
        }
        return PrintedRow(cells)
    }

    /// jsonpath's `PrintResults` of one value: objects and arrays as Go's compact JSON, a
    /// null as `<no value>`, other values as `fmt.Print` writes them.
    static func printedText(_ value: Value) -> String {
        switch value {
        case .object, .array:
            return (try? JSONWriter(style: .kubectl, indent: 0, sortKeys: true).string(value)) ?? ""
        case .null: return "<no value>"
        case .bool(let b): return b ? "true" : "false"
        case .int(let i): return String(i)
        case .double(let d): return NumberFormatting.goG(d)
        case .decimal(let d): return NumberFormatting.goG(d.doubleValue)
        case .string(let s): return s
        }
    }

    /// `cellForJSONValue`: the value as the column's type holds it, or null when it is not
    /// of that type.
    static func cell(type: String, _ value: Value, now: MetaTime) -> Value {
        switch (type, value) {
        case ("integer", .int): return value
        case ("integer", .double), ("integer", .decimal):
            // Go's int64(float64): truncation; out of range gives the minimum.
            let d = value.doubleValue ?? 0
            guard d.isFinite, d > -9.223372036854775808e18, d < 9.223372036854775808e18 else { return .int(Int.min) }
            return .int(Int(d))
        case ("number", .int(let i)): return .double(Double(i))
        case ("number", .double): return value
        case ("number", .decimal(let d)): return .double(d.doubleValue)
        case ("boolean", .bool): return value
        case ("string", .string): return value
        case ("date", .string(let text)):
            // metav1.Time.UnmarshalQueryParameter: "" and "null" are the zero time.
            if text.isEmpty || text == "null" { return .string("<unknown>") }
            guard let time = MetaTime(rfc3339: text) else { return .string("<invalid>") }
            return .string(HumanDuration.since(time, now: now))
        default: return .null
        }
    }
}
