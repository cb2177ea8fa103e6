import KitCore

/// A position in the Kubernetes schema, to walk alongside a document: a kind's definition,
/// one of its properties, an array's items or a map's values.
///
/// A node knows both the fragment at its position (a property's own schema, which carries the
/// property's description and its strategic-merge extensions) and what that fragment refers
/// to (`$ref` resolved to a definition, which carries the properties). Walking is cheap:
/// definitions are decoded once and shared, and a step is a dictionary or short linear lookup.
///
///     let containers = KubernetesSchema.shared.node(for: deployment)?
///         .property("spec")?.property("template")?.property("spec")?.property("containers")
///     containers?.patchMergeKey      // "name"
///     containers?.patchStrategies    // ["merge"]
public struct SchemaNode: Sendable {
    let schema: KubernetesSchema
    /// The fragment at this position.
    let fragment: SchemaFragment
    /// The definition `fragment` refers to, or `fragment` itself.
    let target: SchemaFragment
    /// The OpenAPI name of the definition this node is or refers to (nil for inline schemas).
    public let definitionName: String?

    init(schema: KubernetesSchema, fragment: SchemaFragment, target: SchemaFragment, definitionName: String?) {
        self.schema = schema
        self.fragment = fragment
        self.target = target
        self.definitionName = definitionName
    }

    init(schema: KubernetesSchema, fragment: SchemaFragment) {
        if let index = fragment.refIndex {
            self.init(schema: schema, fragment: fragment, target: schema.definition(at: index), definitionName: fragment.ref)
        } else {
            self.init(schema: schema, fragment: fragment, target: fragment, definitionName: nil)
        }
    }

    // MARK: Walking

    /// The schema of property `name`, or nil when the object has no such property.
    public func property(_ name: String) -> SchemaNode? {
        target.property(name).map { SchemaNode(schema: schema, fragment: $0) }
    }

    /// The properties in schema order (which is by name).
    public var properties: [(name: String, node: SchemaNode)] {
        zip(target.propertyNames, target.propertySchemas).map { ($0, SchemaNode(schema: schema, fragment: $1)) }
    }

    /// The property names in schema order.
    public var propertyNames: [String] { target.propertyNames }

    /// The schema of an array's elements.
    public var items: SchemaNode? {
        (fragment.items ?? target.items).map { SchemaNode(schema: schema, fragment: $0) }
    }

    /// The schema of a map's values (`additionalProperties`).
    public var additionalProperties: SchemaNode? {
        (fragment.additionalProperties ?? target.additionalProperties).map { SchemaNode(schema: schema, fragment: $0) }
    }

    /// The definition this node refers to (itself when it is not a reference).
    public var resolved: SchemaNode {
        SchemaNode(schema: schema, fragment: target, target: target, definitionName: definitionName)
    }

    // MARK: Strategic merge

    /// `x-kubernetes-patch-merge-key`: the key that identifies list elements (`name`,
    /// `containerPort`, `mountPath`).
    public var patchMergeKey: String? { fragment.patchMergeKey ?? target.patchMergeKey }

    /// `x-kubernetes-patch-strategy`, split: `["merge"]`, `["merge", "retainKeys"]`,
    /// `["replace"]`; empty when the schema names none.
    public var patchStrategies: [String] {
        guard let strategy = fragment.patchStrategy ?? target.patchStrategy else { return [] }
        return strategy.split(separator: ",").map { String($0) }
    }

    /// `x-kubernetes-list-type`: `atomic`, `set` or `map`.
    public var listType: String? { fragment.listType ?? target.listType }

    /// `x-kubernetes-list-map-keys`: the keys of a `map` list.
    public var listMapKeys: [String] { fragment.listMapKeys.isEmpty ? target.listMapKeys : fragment.listMapKeys }

    /// `x-kubernetes-map-type`: `atomic` or `granular`.
    public var mapType: String? { fragment.mapType ?? target.mapType }

    // MARK: Types and documentation

    /// The JSON type (`object`, `array`, `string`, `integer`, `number`, `boolean`); nil when
    /// the schema leaves it open (`IntOrString`, `Quantity`, free-form JSON).
    public var type: String? { fragment.type ?? target.type }

    /// The types of a `oneOf` (`["string", "integer"]` for IntOrString).
    public var oneOfTypes: [String] { fragment.oneOfTypes.isEmpty ? target.oneOfTypes : fragment.oneOfTypes }

    /// Whether each `oneOf` alternative also allows `null` (parallel to `oneOfTypes`). In the
    /// definitions both of IntOrString's and Quantity's do, so `null` matches two alternatives
    /// and fails `oneOf` there, as kubernetes-validate finds.
    public var oneOfNullable: [Bool] {
        let f = fragment.oneOfTypes.isEmpty ? target : fragment
        return f.oneOfTypes.indices.map { $0 < f.oneOfNullable.count && f.oneOfNullable[$0] }
    }

    /// True when this node is a reference to a definition (`$ref`), as opposed to a definition
    /// itself or an inline schema.
    public var isReference: Bool { fragment !== target }

    /// True when the schema allows `null` (kubernetes-validate marks optional fields so).
    public var nullable: Bool { fragment.nullable || target.nullable }

    /// The allowed values, if the schema lists them.
    public var enumValues: [Value] { fragment.enumValues.isEmpty ? target.enumValues : fragment.enumValues }

    /// The required property names.
    public var required: [String] { target.required }

    /// `format` (`int32`, `int64`, `date-time`, `byte`, …).
    public var format: String? { fragment.format ?? target.format }

    /// The documentation: the property's own description, else its definition's.
    public var description: String? { fragment.description ?? target.description }

    /// The property's own description (nil for a definition).
    var ownDescription: String? { fragment === target ? nil : fragment.description }

    /// The referenced definition's description, when this node is a reference.
    var definitionDescription: String? { fragment === target ? nil : target.description }

    /// The kinds this definition declares (`x-kubernetes-group-version-kind`).
    public var groupVersionKinds: [GroupVersionKind] { target.groupVersionKinds }
}
