import KitCore

/// One decoded schema fragment of the bundle: a definition, a property, an array's items or a
/// map's values. Immutable once decoded and shared between threads.
///
/// It reads kit-modelgen's compact keys: `t` type, `n` nullable, `f` format, `d` description,
/// `r` referenced definition, `p` properties, `q` required, `e` enum, `i` items, `a`
/// additionalProperties, `o` oneOf types, `on` whether each oneOf alternative allows null, `k`
/// group-version-kinds, `mk` patch merge key, `ps`
/// patch strategy, `lt` list type, `lk` list map keys, `mt` map type.
final class SchemaFragment: Sendable {
    let types: [String]
    let nullable: Bool
    let format: String?
    let description: String?
    /// The referenced definition's name and bundle index.
    let ref: String?
    let refIndex: Int?
    let propertyNames: [String]
    let propertySchemas: [SchemaFragment]
    /// Position of each property, for definitions with many (PodSpec has 40).
    let propertyIndex: [String: Int]?
    let required: [String]
    let enumValues: [Value]
    let items: SchemaFragment?
    let additionalProperties: SchemaFragment?
    let oneOfTypes: [String]
    let oneOfNullable: [Bool]
    let groupVersionKinds: [GroupVersionKind]
    let patchMergeKey: String?
    let patchStrategy: String?
    let listType: String?
    let listMapKeys: [String]
    let mapType: String?

    /// Decodes `value`; references are looked up in `bundle`.
    init(_ value: Value, bundle: any SchemaBundleData.Type) {
        func string(_ key: String) -> String? { value[key]?.stringValue }
        func strings(_ key: String) -> [String] { value[key]?.arrayValue?.compactMap(\.stringValue) ?? [] }
        switch value["t"] {
        case .string(let t)?: types = [t]
        case .array(let list)?: types = list.compactMap(\.stringValue)
        default: types = []
        }
        nullable = value["n"]?.boolValue ?? false
        format = string("f")
        description = string("d")
        ref = string("r")
        refIndex = ref.flatMap(bundle.index(of:))
        var names: [String] = []
        var schemas: [SchemaFragment] = []
        if case .object(let properties)? = value["p"] {
            names.reserveCapacity(properties.count)
            schemas.reserveCapacity(properties.count)
            for (name, schema) in properties {
                names.append(name)
                schemas.append(SchemaFragment(schema, bundle: bundle))
            }
        }
        propertyNames = names
        propertySchemas = schemas
        if names.count > 8 {
            var index: [String: Int] = [:]
            index.reserveCapacity(names.count)
            for (i, name) in names.enumerated() { index[name] = i }
            propertyIndex = index
        } else {
            propertyIndex = nil
        }
        required = strings("q")
        enumValues = value["e"]?.arrayValue ?? []
        items = value["i"].map { SchemaFragment($0, bundle: bundle) }
        additionalProperties = value["a"].map { SchemaFragment($0, bundle: bundle) }
        oneOfTypes = strings("o")
        oneOfNullable = value["on"]?.arrayValue?.map { $0.boolValue ?? false } ?? []
        groupVersionKinds = (value["k"]?.arrayValue ?? []).compactMap { entry in
            guard let g = entry[0]?.stringValue, let v = entry[1]?.stringValue, let k = entry[2]?.stringValue else { return nil }
            return GroupVersionKind(group: g, version: v, kind: k)
        }
        patchMergeKey = string("mk")
        patchStrategy = string("ps")
        listType = string("lt")
        listMapKeys = strings("lk")
        mapType = string("mt")
    }

    /// The schema of property `name`, or nil.
    func property(_ name: String) -> SchemaFragment? {
        if let propertyIndex {
            return propertyIndex[name].map { propertySchemas[$0] }
        }
        for (i, n) in propertyNames.enumerated() where utf8Equal(n, name) { return propertySchemas[i] }
        return nil
    }

    /// The one type (`object`, `string`, …), or nil when there is none or several.
    var type: String? { types.count == 1 ? types[0] : nil }
}
