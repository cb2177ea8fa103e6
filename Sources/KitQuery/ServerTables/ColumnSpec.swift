import KitCore
import KitModel

/// One column a printer declares: its `TableColumnDefinition` with the description given as
/// where Kubernetes takes it from.
struct ColumnSpec: Sendable {
    /// Where a column's description comes from.
    enum Doc: Sendable {
        /// A description written out in the printer.
        case text(String)
        /// `SomeType{}.SwaggerDoc()["field"]`: the API documentation of a field, looked up in
        /// kit's schema bundle by definition name (the first of `definitions` that has the
        /// field). Kubernetes sometimes names a field the type does not have; that reads as "".
        case field([String], String)
    }

    let name: String
    let type: String
    let format: String
    let priority: Int
    let doc: Doc

    /// The column as the server sends it.
    var column: ServerTableColumn {
        ServerTableColumn(name: name, type: type, format: format, description: ColumnSpec.describe(doc), priority: priority)
    }

    static func describe(_ doc: Doc) -> String {
        switch doc {
        case .text(let text): return text
        case .field(let definitions, let field):
            for definition in definitions {
                if let text = KubernetesSchema.shared.node(forDefinition: definition)?.property(field)?.description {
                    return swaggerDoc(fromOpenAPI: text)
                }
            }
            return ""
        }
    }

    /// The OpenAPI description of an enum field ends with a generated list of its values,
    /// which Go's `SwaggerDoc()` text does not have.
    static func swaggerDoc(fromOpenAPI text: String) -> String {
        let marker = Array("\n\nPossible enum values:".utf8)
        let bytes = Array(text.utf8)
        guard bytes.count >= marker.count else { return text }
        for start in 0...(bytes.count - marker.count) where bytes[start..<(start + marker.count)].elementsEqual(marker) {
            return String(decoding: bytes[..<start], as: UTF8.self)
        }
        return text
    }
}

/// Shorthands for declaring columns, as printers.go declares them.
enum Col {
    static let meta = "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta"

    static func doc(_ definition: String, _ field: String) -> ColumnSpec.Doc {
        .field(definition.split(separator: "|").map(String.init), field)
    }

    static func string(_ name: String, _ doc: ColumnSpec.Doc, priority: Int = 0, format: String = "") -> ColumnSpec {
        ColumnSpec(name: name, type: "string", format: format, priority: priority, doc: doc)
    }

    static func integer(_ name: String, _ doc: ColumnSpec.Doc, priority: Int = 0) -> ColumnSpec {
        ColumnSpec(name: name, type: "integer", format: "", priority: priority, doc: doc)
    }

    static func boolean(_ name: String, _ doc: ColumnSpec.Doc, priority: Int = 0) -> ColumnSpec {
        ColumnSpec(name: name, type: "boolean", format: "", priority: priority, doc: doc)
    }

    /// The Name column every printer starts with.
    static let name = ColumnSpec(name: "Name", type: "string", format: "name", priority: 0, doc: doc(meta, "name"))
    /// The Age column.
    static let age = string("Age", doc(meta, "creationTimestamp"))
    /// The wide Containers and Images columns of workload printers.
    static let containers = string("Containers", .text("Names of each container in the template."), priority: 1)
    static let images = string("Images", .text("Images referenced by each container in the template."), priority: 1)
}
