import KitCore

/// Compiles JSON schemas into `Schema`s: files under `--schema-location` (JSON Schema draft 4
/// to 2020-12, kubeconform's schema files) and CRDs' `openAPIV3Schema` (OpenAPI v3 with the
/// Kubernetes extensions).
///
/// `$ref`s are resolved inside the document (`#/definitions/…`, `#/$defs/…`) and to other
/// local files relative to the schema's directory (`_definitions.json#/…`); kit never fetches
/// a URL, so a remote reference checks nothing. `x-kubernetes-validations` (CEL rules) are not
/// evaluated.
final class JSONSchemaCompiler {
    enum Dialect {
        /// A JSON Schema file: absent `additionalProperties` allows anything.
        case jsonSchema
        /// A CRD's structural schema: fields it does not define are pruned by the API server
        /// (unknown fields), `null` is pruned rather than rejected, `nullable`,
        /// `x-kubernetes-int-or-string` and `x-kubernetes-preserve-unknown-fields` apply.
        case crd
    }

    let dialect: Dialect
    /// Documents by file path (the root document has the path it was loaded from, or "").
    private var documents: [String: Value] = [:]
    /// Compiled schemas by `file#pointer`.
    private var compiled: [String: Schema] = [:]
    private let readFile: (String) -> Value?

    init(dialect: Dialect, readFile: @escaping (String) -> Value? = { _ in nil }) {
        self.dialect = dialect
        self.readFile = readFile
    }

    /// The schema of `document` (read from `file`, which relative references start from).
    func compile(_ document: Value, file: String = "") -> Schema {
        documents[file] = document
        return compile(document, file: file, pointer: "")
    }

    func compile(_ v: Value, file: String, pointer: String) -> Schema {
        let key = file + "#" + pointer
        if let done = compiled[key] { return done }
        let s = Schema()
        compiled[key] = s
        fill(s, from: v, file: file, pointer: pointer)
        return s
    }

    private func fill(_ s: Schema, from v: Value, file: String, pointer: String) {
        guard case .object(let o) = v else {
            // `true` allows everything; `false` nothing.
            if case .bool(false) = v { s.not = Schema() }
            return
        }
        func child(_ value: Value, _ suffix: String) -> Schema { compile(value, file: file, pointer: pointer + "/" + suffix) }
        func number(_ key: String) -> Double? { o[key]?.doubleValue }
        func count(_ key: String) -> Int? { o[key].flatMap(ValueChecks.integer) }

        if let ref = o["$ref"]?.stringValue {
            s.reference = reference(ref, from: file)
            s.referenceOnly = o.count == 1 || o.keys.allSatisfy { $0 == "$ref" || $0 == "description" || $0.hasPrefix("x-") }
        }
        switch o["type"] {
        case .string(let t)?:
            s.types = TypeSet(name: t) ?? .all
        case .array(let list)?:
            s.types = list.compactMap { $0.stringValue.flatMap(TypeSet.init(name:)) }.reduce(TypeSet()) { $0.union($1) }
        default:
            break
        }
        if dialect == .crd {
            if o["x-kubernetes-int-or-string"]?.boolValue == true { s.types = [.integer, .string] }
            if s.types != .all { s.types.insert(.null) }
        } else if o["nullable"]?.boolValue == true, s.types != .all {
            s.types.insert(.null)
        }
        if case .array(let values)? = o["enum"] { s.enumValues = values }
        if let c = o["const"] { s.constValue = c }

        if case .object(let properties)? = o["properties"] {
            for (name, p) in properties { s.addProperty(name, child(p, "properties/" + escape(name))) }
        }
        if case .array(let names)? = o["required"] { s.required = names.compactMap(\.stringValue) }
        if case .object(let patterns)? = o["patternProperties"] {
            for (pattern, p) in patterns {
                s.patternProperties.append((Pattern(pattern), child(p, "patternProperties/" + escape(pattern))))
            }
        }
        s.preserveUnknownFields = o["x-kubernetes-preserve-unknown-fields"]?.boolValue == true
        switch o["additionalProperties"] {
        case .bool(false)?:
            s.additional = dialect == .crd ? .unknownField : .forbidden
        case .bool(true)?:
            s.additional = .allowed
        case .object(let a)? where !a.isEmpty:
            s.additional = .schema(child(.object(a), "additionalProperties"))
        default:
            if dialect == .crd && !s.preserveUnknownFields && (s.types.contains(.object) || !s.properties.isEmpty) && s.types != .all {
                s.additional = .unknownField
            }
        }
        s.minProperties = count("minProperties")
        s.maxProperties = count("maxProperties")

        switch o["items"] {
        case .array(let list)?:
            s.prefixItems = list.enumerated().map { child($1, "items/\($0)") }
        case let items?:
            s.items = child(items, "items")
        case nil:
            break
        }
        if case .array(let list)? = o["prefixItems"] {
            s.prefixItems = list.enumerated().map { child($1, "prefixItems/\($0)") }
        }
        s.minItems = count("minItems")
        s.maxItems = count("maxItems")
        s.uniqueItems = o["uniqueItems"]?.boolValue == true

        s.minLength = count("minLength")
        s.maxLength = count("maxLength")
        if let p = o["pattern"]?.stringValue { s.pattern = Pattern(p) }

        s.minimum = number("minimum")
        s.maximum = number("maximum")
        // Draft 4 and OpenAPI: booleans that make minimum/maximum exclusive; later: numbers.
        if o["exclusiveMinimum"]?.boolValue == true, let m = s.minimum {
            s.exclusiveMinimum = m
            s.minimum = nil
        } else {
            s.exclusiveMinimum = number("exclusiveMinimum")
        }
        if o["exclusiveMaximum"]?.boolValue == true, let m = s.maximum {
            s.exclusiveMaximum = m
            s.maximum = nil
        } else {
            s.exclusiveMaximum = number("exclusiveMaximum")
        }
        s.multipleOf = number("multipleOf")

        for (keyword, assign) in [("allOf", 0), ("anyOf", 1), ("oneOf", 2)] {
            guard case .array(let list)? = o[keyword] else { continue }
            let schemas = list.enumerated().map { child($1, "\(keyword)/\($0)") }
            switch assign {
            case 0: s.allOf = schemas
            case 1: s.anyOf = schemas
            default: s.oneOf = schemas
            }
        }
        if let n = o["not"] { s.not = child(n, "not") }

        s.embeddedResource = o["x-kubernetes-embedded-resource"]?.boolValue == true
        let listMapKeys = o["x-kubernetes-list-map-keys"]?.arrayValue?.compactMap(\.stringValue) ?? []
        s.valueHint = ValueChecks.hint(
            parent: nil, property: nil, format: o["format"]?.stringValue, listType: o["x-kubernetes-list-type"]?.stringValue,
            listMapKeys: listMapKeys)
        if s.referenceOnly && s.valueHint != .none { s.referenceOnly = false }
    }

    /// A `$ref`: `#/pointer` in the same file, `other.json#/pointer` beside it. The reference
    /// keeps its compiler (and so the documents it resolves in) alive.
    private func reference(_ ref: String, from file: String) -> SchemaReference {
        SchemaReference(name: ref) {
            let hash = ref.firstIndex(of: "#")
            let target = hash.map { String(ref[..<$0]) } ?? ref
            let pointer = hash.map { String(ref[ref.index(after: $0)...]) } ?? ""
            var targetFile = file
            if !target.isEmpty {
                if target.contains("://") { return nil }  // offline: remote schemas are not fetched
                let directory = file.lastIndex(of: "/").map { String(file[..<$0]) } ?? "."
                targetFile = target.hasPrefix("/") ? target : FileIO.join(directory, target)
                if self.documents[targetFile] == nil {
                    guard let document = self.readFile(targetFile) else { return nil }
                    self.documents[targetFile] = document
                }
            }
            guard let document = self.documents[targetFile], let node = JSONSchemaCompiler.resolve(pointer: pointer, in: document)
            else { return nil }
            return self.compile(node, file: targetFile, pointer: pointer)
        }
    }

    /// Follows a JSON pointer (`/definitions/foo`, with `~0`/`~1` escapes and %-encoding).
    static func resolve(pointer: String, in document: Value) -> Value? {
        var node = document
        for raw in pointer.split(separator: "/", omittingEmptySubsequences: true) {
            let token = (String(raw).removingPercentEncoding ?? String(raw))
                .replacing("~1", with: "/").replacing("~0", with: "~")
            switch node {
            case .object(let o):
                guard let next = o[token] else { return nil }
                node = next
            case .array(let a):
                guard let i = Int(token), a.indices.contains(i) else { return nil }
                node = a[i]
            default:
                return nil
            }
        }
        return node
    }

    private func escape(_ name: String) -> String {
        name.replacing("~", with: "~0").replacing("/", with: "~1")
    }
}

extension String {
    /// `%41` → `A`; nil when an escape is malformed.
    var removingPercentEncoding: String? {
        guard contains("%") else { return self }
        var bytes: [UInt8] = []
        var it = Array(utf8)[...]
        while let c = it.first {
            it = it.dropFirst()
            if c == UInt8(ascii: "%") {
                guard it.count >= 2, let v = UInt8(String(decoding: it.prefix(2), as: UTF8.self), radix: 16) else { return nil }
                bytes.append(v)
                it = it.dropFirst(2)
            } else {
                bytes.append(c)
            }
        }
        return String(validating: bytes, as: UTF8.self)
    }
}
