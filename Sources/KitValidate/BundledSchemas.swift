import KitCore
import KitModel

/// The Kubernetes definitions of one compiled-in version (KitModel's schema bundle), compiled
/// to `Schema`s on first use, and looked up for a document exactly as kubernetes-validate
/// looks up its schema files.
///
/// kubernetes-validate keeps one JSON schema file per definition, named
/// `<kind>-<group>-<version>.json` from the definition's name (`deployment-apps-v1`, and
/// `pod-v1` for the core group), and finds a document's file from its own `kind` (lower-cased)
/// and `apiVersion` with the group cut at its first dot (`networking.k8s.io/v1` →
/// `networking-v1`). Each file is its definition with these changes at the top level only:
/// the type loses `null` (`object` when it has none), every property with a type of its own
/// gains `null`, `oneOf` alternatives lose `null`, and strict validation forbids unknown
/// fields there. Below the top, the definitions apply as they are: optional fields allow
/// `null`, required ones do not, and strict validation forbids unknown fields in every
/// definition that has properties. (Checked file by file against kubernetes-validate 1.37.0's
/// schemas for v1.32.0 and v1.37.0 by scripts/validate-corpus.py --check-derivation.)
final class BundledSchemas: @unchecked Sendable {
    let kubernetes: KubernetesSchema
    private var definitions: [String: Schema] = [:]
    private var tops: [String: Schema] = [:]
    /// kubernetes-validate's file name (without `.json`) → definition name.
    private lazy var fileIndex: [String: String] = {
        var index: [String: String] = [:]
        for name in kubernetes.definitionNames { index[BundledSchemas.fileName(ofDefinition: name)] = name }
        return index
    }()

    init(_ kubernetes: KubernetesSchema) {
        self.kubernetes = kubernetes
    }

    var kubernetesVersion: String { kubernetes.kubernetesVersion }

    // MARK: Lookup

    /// kubernetes-validate's file name for a definition: `io.k8s.api.apps.v1.Deployment` →
    /// `deployment-apps-v1`, `io.k8s.api.core.v1.Pod` → `pod-v1`.
    static func fileName(ofDefinition name: String) -> String {
        // The last three dot-separated components: group, version, kind (found from the end:
        // this runs for every definition when the index is built).
        let u = name.utf8
        var dots: [String.Index] = []
        var i = u.endIndex
        while i > u.startIndex && dots.count < 3 {
            i = u.index(before: i)
            if u[i] == UInt8(ascii: ".") { dots.append(i) }
        }
        guard dots.count == 3 else { return name.lowercased() }
        let kind = name[name.index(after: dots[0])...].lowercased()
        let version = name[name.index(after: dots[1])..<dots[0]].lowercased()
        let group = name[name.index(after: dots[2])..<dots[1]].lowercased()
        return group == "core" || group == "api" ? kind + "-" + version : kind + "-" + group + "-" + version
    }

    /// The file name kubernetes-validate looks for: the kind lower-cased, then the apiVersion
    /// with its group cut at the first dot and `/` made `-`.
    static func fileName(apiVersion: String, kind: String) -> String {
        var version = Substring(apiVersion)
        if let slash = version.firstIndex(of: "/") {
            let group = version[..<slash]
            let firstLabel = group.firstIndex(of: ".").map { group[..<$0] } ?? group
            version = firstLabel + "-" + version[version.index(after: slash)...]
        }
        return kind.lowercased() + "-" + version
    }

    /// The definition kubernetes-validate would validate a document of `apiVersion` and
    /// `kind` against, or nil (it then skips the document with a warning).
    func definitionName(apiVersion: String, kind: String) -> String? {
        fileIndex[BundledSchemas.fileName(apiVersion: apiVersion, kind: kind)]
    }

    /// The top-level schema (kubernetes-validate's file) for a document, or nil.
    func documentSchema(apiVersion: String, kind: String) -> Schema? {
        guard let name = definitionName(apiVersion: apiVersion, kind: kind) else { return nil }
        if let done = tops[name] { return done }
        guard let node = kubernetes.node(forDefinition: name) else { return nil }
        let top = Schema()
        fill(top, from: node, definition: name)
        // The file's changes at the top level.
        top.types = node.type.flatMap(TypeSet.init(name:)) ?? .object
        for (property, child) in top.properties where child.reference == nil && child.types != .all {
            let copy = compileInline(node.property(property)!, parent: name, property: property)
            copy.types.insert(.null)
            top.properties[property] = copy
        }
        for alternative in top.oneOf { alternative.types.remove(.null) }
        top.additional = .unknownField
        tops[name] = top
        return top
    }

    // MARK: Compiling

    /// The compiled definition `name`.
    func definition(_ name: String) -> Schema? {
        if let done = definitions[name] { return done }
        guard let node = kubernetes.node(forDefinition: name) else { return nil }
        let schema = Schema()
        definitions[name] = schema
        fill(schema, from: node, definition: name)
        return schema
    }

    /// A reference to definition `name`, resolved when first walked.
    func reference(to name: String) -> Schema {
        let s = Schema()
        s.reference = SchemaReference(name: name) { [unowned self] in self.definition(name) }
        s.referenceOnly = true
        return s
    }

    /// The schema of a property, an array's items or a map's values.
    func compileChild(_ node: SchemaNode, parent: String?, property: String?) -> Schema {
        if node.isReference, let name = node.definitionName {
            let hint = ValueChecks.hint(parent: parent, property: property, format: nil, listType: nil, listMapKeys: [])
            let s = reference(to: name)
            if hint != .none {
                s.valueHint = hint
                s.referenceOnly = false
            }
            return s
        }
        return compileInline(node, parent: parent, property: property)
    }

    func compileInline(_ node: SchemaNode, parent: String?, property: String?) -> Schema {
        let s = Schema()
        fill(s, from: node, definition: nil, parent: parent, property: property)
        return s
    }

    /// Fills `s` with the keywords of `node` (a definition, or an inline schema of `parent`'s
    /// `property`).
    func fill(_ s: Schema, from node: SchemaNode, definition: String?, parent: String? = nil, property: String? = nil) {
        if let t = node.type, let set = TypeSet(name: t) {
            s.types = set
            if node.nullable { s.types.insert(.null) }
        }
        let enumValues = node.enumValues
        if !enumValues.isEmpty { s.enumValues = enumValues }
        s.required = node.required
        for (name, child) in node.properties {
            s.addProperty(name, compileChild(child, parent: definition ?? parent, property: name))
        }
        if let items = node.items {
            s.items = compileChild(items, parent: definition ?? parent, property: property.map { $0 + "[]" })
        }
        if let values = node.additionalProperties {
            s.additional = .schema(compileChild(values, parent: definition ?? parent, property: property.map { $0 + "{}" }))
        } else if definition != nil && !s.properties.isEmpty {
            s.additional = .unknownField
        }
        let oneOfTypes = node.oneOfTypes
        if !oneOfTypes.isEmpty {
            let nullable = node.oneOfNullable
            s.oneOf = oneOfTypes.enumerated().map { i, t in
                let alternative = Schema()
                alternative.types = TypeSet(name: t) ?? .all
                if i < nullable.count && nullable[i] { alternative.types.insert(.null) }
                return alternative
            }
        }
        if let definition {
            s.valueHint = ValueChecks.hint(forDefinition: definition)
        } else {
            s.valueHint = ValueChecks.hint(
                parent: parent, property: property, format: node.format, listType: node.listType, listMapKeys: node.listMapKeys)
        }
    }
}
