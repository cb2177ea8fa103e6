import KitCore

/// Checks a document against a compiled `Schema`, collecting findings with the field path of
/// each problem: the `schema` family (types with their nullability, required fields, unknown
/// fields, enums, `oneOf`, and the constraints CRD and JSON schemas add) and, when asked, the
/// `values` family's checks at the places the schema marks (`ValueHint`).
///
/// The semantics are JSON Schema's, as kubernetes-validate applies them to the Kubernetes
/// definitions: every applicable keyword is checked (a wrong type does not stop the check of
/// the rest), `integer` accepts integral floats, booleans are neither integers nor numbers, and
/// `oneOf` needs exactly one alternative to match (so `null`, which both of IntOrString's
/// nullable alternatives accept, fails it).
struct SchemaWalker {
    /// Unknown fields are errors (kubectl `--validate=strict`), else warnings.
    var strict: Bool
    /// Run the `values` family's checks where the schema has a `ValueHint`.
    var checkValues: Bool
    /// Paths of YAML 1.1 timestamps in the document (strings that PyYAML reads as dates).
    var timestamps: Set<[PathComponent]> = []
    var findings: [Finding] = []
    var path: [PathComponent] = []
    /// Above zero while trying `oneOf`/`anyOf`/`not` alternatives: nothing is recorded, only
    /// whether anything failed.
    private var probing = 0
    private var failed = false
    /// Schemas applied to the current value without descending into it (references and
    /// combinations): a schema file whose `$ref`s loop (`{"$ref": "#"}`) stops here.
    private var sameValueDepth = 0
    static let maxSameValueDepth = 200

    init(strict: Bool, checkValues: Bool) {
        self.strict = strict
        self.checkValues = checkValues
    }

    // MARK: Recording

    mutating func report(_ rule: String, _ message: String, severity: Severity = .error, key: String? = nil, index: Int? = nil) {
        if severity == .error { failed = true }
        guard probing == 0 else { return }
        var p = path
        if let key { p.append(.key(key)) }
        if let index { p.append(.index(index)) }
        var f = Finding(rule: rule, severity: severity, message: message, path: p)
        f.locateKey = key != nil
        findings.append(f)
    }

    /// Whether `value` (at `path`) matches `schema`, recording nothing.
    mutating func matches(_ value: Value, _ schema: Schema) -> Bool {
        let savedFailed = failed
        failed = false
        probing += 1
        walk(value, schema)
        probing -= 1
        let ok = !failed
        failed = savedFailed
        return ok
    }

    // MARK: Walking

    mutating func walk(_ value: Value, _ schema: Schema) {
        sameValueDepth += 1
        defer { sameValueDepth -= 1 }
        if sameValueDepth > SchemaWalker.maxSameValueDepth {
            report("schema-constraint", "the schema refers to itself without end here; not checked further")
            return
        }
        if let target = schema.resolvedReference {
            walk(value, target)
            if schema.referenceOnly { return }
        }
        let isTimestamp = !timestamps.isEmpty && value.stringValue != nil && timestamps.contains(path)
        if schema.types != .all {
            if isTimestamp {
                report("schema-type", "expected \(schema.types.subtracting(.null).text), found a YAML 1.1 timestamp (quote it to make it a string)")
            } else if !SchemaWalker.value(value, hasType: schema.types) {
                report("schema-type", "expected \(schema.types.subtracting(.null).text), found \(SchemaWalker.typeName(value))")
            }
        }
        if let allowed = schema.enumValues {
            if isTimestamp || !allowed.contains(where: { SchemaWalker.jsonEqual($0, value) }) {
                report("schema-enum", "must be \(SchemaWalker.describeChoices(allowed))")
            }
        }
        if let c = schema.constValue, isTimestamp || !SchemaWalker.jsonEqual(c, value) {
            report("schema-enum", "must be \(SchemaWalker.describeChoices([c]))")
        }
        switch value {
        case .object(let object):
            walkObject(object, schema)
        case .array(let items):
            walkArray(items, schema)
        case .string(let s):
            if !isTimestamp { checkString(s, schema) }
        case .int, .double, .decimal:
            checkNumber(value, schema)
        default:
            break
        }
        if !schema.oneOf.isEmpty {
            var matched = 0
            for alternative in schema.oneOf where matches(value, alternative) { matched += 1 }
            if matched != 1 {
                let types = schema.oneOf.reduce(TypeSet()) { $0.union($1.types == .all ? [] : $1.types) }
                if matched == 0 {
                    report("schema-type", "expected \(types.subtracting(.null).text), found \(isTimestamp ? "a YAML 1.1 timestamp" : SchemaWalker.typeName(value))")
                } else if value.isNull {
                    report("schema-type", "expected \(types.subtracting(.null).text), found null")
                } else {
                    report("schema-constraint", "matches \(matched) of the \(schema.oneOf.count) alternatives; exactly one must match")
                }
            }
        }
        if !schema.anyOf.isEmpty && !schema.anyOf.contains(where: { matches(value, $0) }) {
            report("schema-constraint", "matches none of the \(schema.anyOf.count) allowed forms (anyOf)")
        }
        for part in schema.allOf { walk(value, part) }
        if let not = schema.not, matches(value, not) {
            report("schema-constraint", "matches a form that is not allowed (not)")
        }
        if checkValues && probing == 0 && schema.valueHint.isSome {
            ValueChecks.check(value, schema.valueHint, schema: schema, walker: &self)
        }
    }

    mutating func walkObject(_ object: Object, _ schema: Schema) {
        for name in schema.required where !object.contains(name) {
            report("schema-required", "missing required field \"\(name)\"")
        }
        if let min = schema.minProperties, object.count < min {
            report("schema-constraint", "must have at least \(min) \(min == 1 ? "field" : "fields")")
        }
        if let max = schema.maxProperties, object.count > max {
            report("schema-constraint", "must have at most \(max) \(max == 1 ? "field" : "fields")")
        }
        if schema.embeddedResource {
            for name in ["apiVersion", "kind"] where object[name]?.stringValue?.isEmpty ?? true {
                report("schema-required", "an embedded object needs \"\(name)\"")
            }
        }
        let noProperties = schema.properties.isEmpty && schema.patternProperties.isEmpty
        if noProperties, case .allowed = schema.additional { return }
        for (key, member) in object {
            if let child = schema.properties[key] {
                descend(.key(key), member, child)
                continue
            }
            var matchedPattern = false
            for (pattern, child) in schema.patternProperties where pattern.matches(key) {
                matchedPattern = true
                descend(.key(key), member, child)
            }
            if matchedPattern { continue }
            switch schema.additional {
            case .allowed:
                break
            case .unknownField:
                if !schema.preserveUnknownFields {
                    let hint = SchemaWalker.closest(to: key, in: schema.propertyNames).map { " (did you mean \"\($0)\"?)" } ?? ""
                    report("schema-unknown-field", "unknown field \"\(key)\"\(hint)", severity: strict ? .error : .warning, key: key)
                }
            case .forbidden:
                report("schema-unknown-field", "field \"\(key)\" is not allowed (additionalProperties is false)", key: key)
            case .schema(let child):
                descend(.key(key), member, child)
            }
        }
    }

    mutating func walkArray(_ items: [Value], _ schema: Schema) {
        if let min = schema.minItems, items.count < min {
            report("schema-constraint", "must have at least \(min) \(min == 1 ? "item" : "items")")
        }
        if let max = schema.maxItems, items.count > max {
            report("schema-constraint", "must have at most \(max) \(max == 1 ? "item" : "items")")
        }
        if schema.uniqueItems {
            for i in items.indices.dropFirst() where items[..<i].contains(where: { SchemaWalker.jsonEqual($0, items[i]) }) {
                report("schema-constraint", "items must be unique; item \(i) repeats an earlier one", index: i)
            }
        }
        for (i, item) in items.enumerated() {
            let child = i < schema.prefixItems.count ? schema.prefixItems[i] : schema.items
            guard let child else { continue }
            descend(.index(i), item, child)
        }
    }

    /// Walks a member or element of the current value.
    private mutating func descend(_ step: PathComponent, _ value: Value, _ schema: Schema) {
        let depth = sameValueDepth
        sameValueDepth = 0
        path.append(step)
        walk(value, schema)
        path.removeLast()
        sameValueDepth = depth
    }

    mutating func checkString(_ s: String, _ schema: Schema) {
        if schema.minLength != nil || schema.maxLength != nil {
            // JSON Schema counts code points.
            let n = s.unicodeScalars.count
            if let min = schema.minLength, n < min { report("schema-constraint", "must be at least \(min) characters long") }
            if let max = schema.maxLength, n > max { report("schema-constraint", "must be at most \(max) characters long") }
        }
        if let pattern = schema.pattern, !pattern.matches(s) {
            report("schema-constraint", "must match the pattern \(pattern.source)")
        }
    }

    mutating func checkNumber(_ value: Value, _ schema: Schema) {
        guard schema.minimum != nil || schema.maximum != nil || schema.exclusiveMinimum != nil
            || schema.exclusiveMaximum != nil || schema.multipleOf != nil,
            let d = value.doubleValue
        else { return }
        if let m = schema.minimum, d < m { report("schema-constraint", "must be at least \(SchemaWalker.number(m))") }
        if let m = schema.maximum, d > m { report("schema-constraint", "must be at most \(SchemaWalker.number(m))") }
        if let m = schema.exclusiveMinimum, d <= m { report("schema-constraint", "must be greater than \(SchemaWalker.number(m))") }
        if let m = schema.exclusiveMaximum, d >= m { report("schema-constraint", "must be less than \(SchemaWalker.number(m))") }
        if let m = schema.multipleOf, m > 0 {
            let q = d / m
            if !q.isFinite || q.rounded() != q { report("schema-constraint", "must be a multiple of \(SchemaWalker.number(m))") }
        }
    }

    /// The property name a misspelt key most likely meant: at most two edits away (one for
    /// short names), case differences free.
    static func closest(to key: String, in names: [String]) -> String? {
        let k = Array(key.lowercased().utf8)
        var best: (name: String, distance: Int)? = nil
        for name in names {
            let n = Array(name.lowercased().utf8)
            guard abs(n.count - k.count) <= 2 else { continue }
            let d = editDistance(k, n)
            let limit = min(k.count, n.count) <= 4 ? 1 : 2
            if d <= limit && (best == nil || d < best!.distance) { best = (name, d) }
        }
        return best?.name
    }

    static func editDistance(_ a: [UInt8], _ b: [UInt8]) -> Int {
        var previous = Array(0...b.count)
        var current = previous
        for i in 1...max(a.count, 1) where !a.isEmpty {
            current[0] = i
            for j in 1...max(b.count, 1) where !b.isEmpty {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return a.isEmpty ? b.count : b.isEmpty ? a.count : previous[b.count]
    }

    // MARK: JSON Schema's notions

    static func value(_ v: Value, hasType types: TypeSet) -> Bool {
        switch v {
        case .null: return types.contains(.null)
        case .bool: return types.contains(.boolean)
        case .string: return types.contains(.string)
        case .array: return types.contains(.array)
        case .object: return types.contains(.object)
        case .int: return types.contains(.integer) || types.contains(.number)
        case .double(let d):
            return types.contains(.number) || (types.contains(.integer) && d.isFinite && d.rounded() == d)
        case .decimal(let d):
            if types.contains(.number) { return true }
            let x = d.doubleValue
            return types.contains(.integer) && (d.isIntegerLiteral || (x.isFinite && x.rounded() == x))
        }
    }

    /// JSON Schema's equality: numbers by value (1 == 1.0), booleans only equal booleans,
    /// objects regardless of key order.
    static func jsonEqual(_ a: Value, _ b: Value) -> Bool {
        switch (a, b) {
        case (.bool(let x), .bool(let y)): return x == y
        case (.bool, _), (_, .bool): return false
        default: return a == b
        }
    }

    static func typeName(_ v: Value) -> String {
        switch v {
        case .int: return "integer"
        case .double(let d): return d.isFinite && d.rounded() == d ? "number \(number(d))" : "number"
        case .decimal: return "number"
        case .bool: return "boolean"
        default: return v.typeName
        }
    }

    static func describeChoices(_ values: [Value]) -> String {
        let texts = values.prefix(12).map { v -> String in
            switch v {
            case .string(let s): return "\"\(s)\""
            default: return (try? JSONWriter(style: .jq, indent: 0).string(v)) ?? v.typeName
            }
        }
        if texts.count == 1 { return texts[0] }
        let more = values.count > texts.count ? ", …" : ""
        return "one of " + texts.joined(separator: ", ") + more
    }

    static func number(_ d: Double) -> String {
        if d.isFinite && d.rounded() == d && abs(d) < 1e15 { return String(Int(d)) }
        return "\(d)"
    }
}
