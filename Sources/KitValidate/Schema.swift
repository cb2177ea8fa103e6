import KitCore

/// A set of JSON types, as JSON Schema's `type` keyword names them.
struct TypeSet: OptionSet, Sendable {
    let rawValue: UInt8
    static let null = TypeSet(rawValue: 1)
    static let boolean = TypeSet(rawValue: 2)
    static let integer = TypeSet(rawValue: 4)
    /// `number` includes integers.
    static let number = TypeSet(rawValue: 8)
    static let string = TypeSet(rawValue: 16)
    static let array = TypeSet(rawValue: 32)
    static let object = TypeSet(rawValue: 64)
    static let all = TypeSet(rawValue: 127)

    init(rawValue: UInt8) { self.rawValue = rawValue }

    init?(name: String) {
        switch name {
        case "null": self = .null
        case "boolean": self = .boolean
        case "integer": self = .integer
        case "number": self = .number
        case "string": self = .string
        case "array": self = .array
        case "object": self = .object
        default: return nil
        }
    }

    /// The names, in JSON Schema's order (`integer or string`).
    var names: [String] {
        var out: [String] = []
        if contains(.array) { out.append("array") }
        if contains(.boolean) { out.append("boolean") }
        if contains(.integer) && !contains(.number) { out.append("integer") }
        if contains(.number) { out.append("number") }
        if contains(.object) { out.append("object") }
        if contains(.string) { out.append("string") }
        if contains(.null) { out.append("null") }
        return out
    }

    var text: String {
        let n = names
        if n.count <= 1 { return n.first ?? "nothing" }
        return n.dropLast().joined(separator: ", ") + " or " + n[n.count - 1]
    }
}

/// A compiled schema: the structural keywords of JSON Schema (draft 4 to 2020-12) and of the
/// OpenAPI v3 subset Kubernetes uses, ready to walk a document. The Kubernetes definitions
/// (`BundledSchemas`), CRDs' `openAPIV3Schema` and JSON schema files
/// (`JSONSchemaCompiler`) all compile to this, and one walker (`SchemaWalker`) checks them.
final class Schema: @unchecked Sendable {
    /// Allowed types; `.all` when unconstrained.
    var types: TypeSet = .all
    var enumValues: [Value]?
    var constValue: Value?

    // Objects.
    /// Properties by name; `propertyNames` keeps the order for messages.
    var properties: [String: Schema] = [:]
    var propertyNames: [String] = []
    var required: [String] = []
    var additional: Additional = .allowed
    var patternProperties: [(pattern: Pattern, schema: Schema)] = []
    var minProperties: Int?
    var maxProperties: Int?

    // Arrays.
    var items: Schema?
    var prefixItems: [Schema] = []
    var minItems: Int?
    var maxItems: Int?
    var uniqueItems = false

    // Strings.
    var minLength: Int?
    var maxLength: Int?
    var pattern: Pattern?

    // Numbers.
    var minimum: Double?
    var maximum: Double?
    var exclusiveMinimum: Double?
    var exclusiveMaximum: Double?
    var multipleOf: Double?

    // Combinations.
    var allOf: [Schema] = []
    var anyOf: [Schema] = []
    var oneOf: [Schema] = []
    var not: Schema?
    /// A reference, resolved on first use (definitions may be recursive).
    var reference: SchemaReference?
    /// Set by the compilers when the schema is a `$ref` and nothing else (the common case: a
    /// property that is a definition), so that the walker stops after the target.
    var referenceOnly = false

    // Kubernetes extensions.
    /// `x-kubernetes-preserve-unknown-fields`: unknown fields are kept, not pruned.
    var preserveUnknownFields = false
    /// `x-kubernetes-embedded-resource`: the value is an object with apiVersion, kind, metadata.
    var embeddedResource = false

    /// What the values family checks here beyond the schema (formats, ports, replicas, names,
    /// list keys, …).
    var valueHint: ValueHint = .none

    /// How keys outside `properties` are treated.
    enum Additional {
        /// Allowed (and unchecked).
        case allowed
        /// Allowed, but not part of the API: an error with `--strict` (kubectl
        /// `--validate=strict`), a warning otherwise. Kubernetes definitions and CRD schemas.
        case unknownField
        /// `additionalProperties: false` written in a schema file: always an error.
        case forbidden
        /// Each must match this schema (a map's values).
        case schema(Schema)
    }

    init() {}

    /// Adds a property (keeping the order for messages).
    func addProperty(_ name: String, _ schema: Schema) {
        if properties.updateValue(schema, forKey: name) == nil { propertyNames.append(name) }
    }

    /// The referenced schema, or nil.
    var resolvedReference: Schema? { reference?.target }
}

/// A lazily resolved `$ref`.
final class SchemaReference: @unchecked Sendable {
    let name: String
    private var resolve: (() -> Schema?)?
    private var resolved: Schema?
    private var done = false

    init(name: String, resolve: @escaping () -> Schema?) {
        self.name = name
        self.resolve = resolve
    }

    var target: Schema? {
        if !done {
            done = true
            resolved = resolve?()
            resolve = nil
        }
        return resolved
    }
}

/// A regular expression of a schema (`pattern`, `patternProperties`). JSON Schema patterns are
/// ECMA 262 expressions; Swift's `Regex` reads the common subset.
struct Pattern: @unchecked Sendable {
    let source: String
    let regex: Regex<AnyRegexOutput>?

    init(_ source: String) {
        self.source = source
        regex = try? Regex(source)
    }

    /// Whether `text` contains a match (JSON Schema patterns are not anchored). A pattern
    /// Swift cannot read matches everything (kit does not guess).
    func matches(_ text: String) -> Bool {
        guard let regex else { return true }
        return (try? regex.firstMatch(in: text)) != nil
    }
}
