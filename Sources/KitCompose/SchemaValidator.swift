import KitCore

/// Validates nodes against a JSON Schema (draft-07), as far as the Compose Specification's
/// schema uses it: `type`, `properties`, `patternProperties`, `additionalProperties`,
/// `required`, `enum`, `items`, `oneOf`/`anyOf`, `pattern`, `minimum`/`maximum`,
/// `uniqueItems` and local `$ref`s. Every problem comes back with the key path and the
/// position of the offending node (the key itself for keys that are not allowed). Messages
/// describe types and keys, never values.
final class SchemaValidator: @unchecked Sendable {
    /// One compiled schema node.
    final class Rule {
        var types: [String]? = nil
        var properties: [String: Rule] = [:]
        var patternProperties: [(Pattern, Rule)] = []
        /// nil: anything; false: nothing else; a rule: others must match it.
        var additionalProperties: Rule? = nil
        var forbidsAdditional = false
        var required: [String] = []
        var enumValues: [Value]? = nil
        var items: Rule? = nil
        var oneOf: [Rule] = []
        var pattern: Pattern? = nil
        var minimum: Double? = nil
        var maximum: Double? = nil
        var uniqueItems = false
        var reference: String? = nil
    }

    /// A regular expression of the schema, matched anywhere in the string as JSON Schema does.
    /// The forms the Compose schema uses most (`^x-`, `^[a-zA-Z0-9._-]+$`, `.+`) are matched
    /// directly: they are tested against every key of every service.
    final class Pattern {
        enum Fast {
            case prefix(String)
            case nonEmpty
            case charset(Set<Unicode.Scalar>)
        }
        let source: String
        let fast: Fast?
        let regex: Regex<AnyRegexOutput>?

        init(_ source: String) {
            self.source = source
            switch source {
            case "^x-": fast = .prefix("x-")
            case ".+", "^.+$": fast = .nonEmpty
            case "^[a-zA-Z0-9._-]+$":
                fast = .charset(Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-".unicodeScalars))
            default: fast = nil
            }
            regex = fast == nil ? try? Regex(source) : nil
        }

        func matches(_ s: String) -> Bool {
            switch fast {
            case .prefix(let p): return s.hasPrefix(p)
            case .nonEmpty: return !s.isEmpty && s.unicodeScalars.contains { $0 != "\n" }
            case .charset(let allowed): return !s.isEmpty && s.unicodeScalars.allSatisfy(allowed.contains)
            case nil:
                guard let regex else { return true }
                return (try? regex.firstMatch(in: s)) != nil
            }
        }
    }

    struct Problem: Sendable {
        var path: KeyPath
        var location: SourceLocation
        var message: String
    }

    private var definitions: [String: Rule] = [:]
    let root: Rule

    /// Compiles `schema` (a JSON Schema document).
    init(schema: Value) {
        var definitions: [String: Rule] = [:]
        if let defs = schema["definitions"]?.objectValue {
            for (name, def) in defs { definitions[name] = SchemaValidator.compile(def) }
        }
        self.definitions = definitions
        root = SchemaValidator.compile(schema)
    }

    private static func compile(_ schema: Value) -> Rule {
        let rule = Rule()
        guard case .object(let o) = schema else { return rule }
        if let ref = o["$ref"]?.stringValue { rule.reference = ref }
        switch o["type"] {
        case .string(let t): rule.types = [t]
        case .array(let ts): rule.types = ts.compactMap(\.stringValue)
        default: break
        }
        if let props = o["properties"]?.objectValue {
            for (k, v) in props { rule.properties[k] = compile(v) }
        }
        if let props = o["patternProperties"]?.objectValue {
            for (k, v) in props { rule.patternProperties.append((Pattern(k), compile(v))) }
        }
        switch o["additionalProperties"] {
        case .bool(false): rule.forbidsAdditional = true
        case .object(let a): rule.additionalProperties = compile(.object(a))
        default: break
        }
        rule.required = o["required"]?.arrayValue?.compactMap(\.stringValue) ?? []
        rule.enumValues = o["enum"]?.arrayValue
        if let items = o["items"], case .object = items { rule.items = compile(items) }
        for key in ["oneOf", "anyOf"] {
            if let alternatives = o[key]?.arrayValue { rule.oneOf += alternatives.map(compile) }
        }
        if let p = o["pattern"]?.stringValue { rule.pattern = Pattern(p) }
        rule.minimum = o["minimum"]?.doubleValue
        rule.maximum = o["maximum"]?.doubleValue
        rule.uniqueItems = o["uniqueItems"]?.boolValue ?? false
        return rule
    }

    private func resolve(_ rule: Rule) -> Rule {
        var current = rule
        var hops = 0
        while let ref = current.reference, hops < 32 {
            let name = ref.hasPrefix("#/definitions/") ? String(ref.dropFirst("#/definitions/".count)) : ref
            guard let target = definitions[name] else { break }
            // A `$ref` beside other keywords: both apply; kit's schemas put descriptions only.
            current = target
            hops += 1
        }
        return current
    }

    /// A rule of a definition (`service`, `network`, …) by name.
    func definition(_ name: String) -> Rule? { definitions[name] }

    /// All problems of `node` against `rule` (the document's root when nil).
    func validate(_ node: Node, rule: Rule? = nil, path: KeyPath = KeyPath()) -> [Problem] {
        var problems: [Problem] = []
        check(node, resolve(rule ?? root), path: path, keyLocation: nil, into: &problems)
        return problems
    }

    private func typeMatches(_ node: Node, _ type: String) -> Bool {
        switch (type, node.content) {
        case ("object", .object), ("array", .array): return true
        case ("null", .scalar(.null)), ("boolean", .scalar(.bool)), ("string", .scalar(.string)): return true
        case ("number", .scalar(let v)): return v.isNumber
        case ("integer", .scalar(let v)):
            if case .int = v { return true }
            if case .double(let d) = v { return d.rounded() == d }
            return false
        default: return false
        }
    }

    private static func describe(_ types: [String]) -> String {
        let names = types.map { t -> String in
            switch t {
            case "object": return "a mapping"
            case "array": return "a list"
            case "null": return "null"
            case "boolean": return "a boolean"
            case "integer": return "an integer"
            case "number": return "a number"
            default: return "a \(t)"
            }
        }
        switch names.count {
        case 0: return "a value"
        case 1: return names[0]
        default: return names.dropLast().joined(separator: ", ") + " or " + names.last!
        }
    }

    private static func article(_ node: Node) -> String {
        switch node.typeName {
        case "object": return "a mapping"
        case "array": return "a list"
        case "null": return "null"
        case "boolean": return "a boolean"
        case "number":
            if case .scalar(.int) = node.content { return "an integer" }
            return "a number"
        default: return "a string"
        }
    }

    /// The types a rule accepts at its top (through `oneOf` alternatives).
    private func acceptedTypes(_ rule: Rule) -> [String] {
        let r = resolve(rule)
        if let t = r.types { return t }
        var out: [String] = []
        for alt in r.oneOf {
            for t in acceptedTypes(alt) where !out.contains(t) { out.append(t) }
        }
        return out
    }

    private func check(_ node: Node, _ rule: Rule, path: KeyPath, keyLocation: SourceLocation?, into problems: inout [Problem]) {
        if let types = rule.types, !types.contains(where: { typeMatches(node, $0) }) {
            problems.append(Problem(
                path: path, location: node.location,
                message: "must be \(Self.describe(types)), not \(Self.article(node))"))
            return
        }
        if !rule.oneOf.isEmpty {
            checkAlternatives(node, rule.oneOf, path: path, keyLocation: keyLocation, into: &problems)
        }
        if let values = rule.enumValues, !values.contains(node.value) {
            let listed = values.compactMap { v -> String? in
                if case .string(let s) = v { return "\"\(s)\"" }
                return YAMLOutputRules.numberText(v) ?? v.boolValue.map { String($0) }
            }
            problems.append(Problem(path: path, location: node.location, message: "must be one of \(listed.joined(separator: ", "))"))
        }
        switch node.content {
        case .object(let object):
            checkObject(object, node: node, rule, path: path, into: &problems)
        case .array(let items):
            if let itemRule = rule.items {
                let resolved = resolve(itemRule)
                for (i, item) in items.enumerated() {
                    check(item, resolved, path: path / i, keyLocation: nil, into: &problems)
                }
            }
            if rule.uniqueItems {
                var seen: Set<Value> = []
                for (i, item) in items.enumerated() where !seen.insert(item.value).inserted {
                    problems.append(Problem(path: path / i, location: item.location, message: "repeats an earlier entry; entries must be unique"))
                }
            }
        case .scalar(let value):
            if let pattern = rule.pattern, case .string(let s) = value, !pattern.matches(s) {
                problems.append(Problem(path: path, location: node.location, message: "does not match the pattern \(pattern.source)"))
            }
            if let d = value.doubleValue {
                if let min = rule.minimum, d < min {
                    problems.append(Problem(path: path, location: node.location, message: "must be at least \(YAMLOutputRules.numberText(.double(min)) ?? String(min))"))
                }
                if let max = rule.maximum, d > max {
                    problems.append(Problem(path: path, location: node.location, message: "must be at most \(YAMLOutputRules.numberText(.double(max)) ?? String(max))"))
                }
            }
        }
    }

    private func checkObject(_ object: NodeObject, node: Node, _ rule: Rule, path: KeyPath, into problems: inout [Problem]) {
        for key in rule.required where object[key] == nil {
            problems.append(Problem(path: path, location: node.location, message: "missing the required key \"\(key)\""))
        }
        for entry in object.entries {
            var matched = false
            if let p = rule.properties[entry.key] {
                matched = true
                check(entry.value, resolve(p), path: path / entry.key, keyLocation: entry.keyLocation, into: &problems)
            }
            for (pattern, p) in rule.patternProperties where pattern.matches(entry.key) {
                matched = true
                check(entry.value, resolve(p), path: path / entry.key, keyLocation: entry.keyLocation, into: &problems)
            }
            if matched { continue }
            if let additional = rule.additionalProperties {
                check(entry.value, resolve(additional), path: path / entry.key, keyLocation: entry.keyLocation, into: &problems)
            } else if rule.forbidsAdditional {
                let message: String
                if rule.properties.isEmpty, let (pattern, _) = rule.patternProperties.first(where: { $0.0.source != "^x-" }) {
                    message = "the name \"\(entry.key)\" is not allowed (names must match \(pattern.source))"
                } else {
                    message = "unknown key \"\(entry.key)\"" + suggestion(entry.key, rule)
                }
                problems.append(Problem(path: path, location: entry.keyLocation, message: message))
            }
        }
    }

    /// " (did you mean …?)" for a key close to a known one.
    private func suggestion(_ key: String, _ rule: Rule) -> String {
        var best: (String, Int)? = nil
        for known in rule.properties.keys {
            let d = Self.editDistance(key, known)
            if d <= 2, d < (best?.1 ?? Int.max) || (d == best?.1 && known < best!.0) { best = (known, d) }
        }
        return best.map { " (did you mean \"\($0.0)\"?)" } ?? ""
    }

    static func editDistance(_ a: String, _ b: String) -> Int {
        let x = Array(a.utf8), y = Array(b.utf8)
        if x.isEmpty { return y.count }
        if y.isEmpty { return x.count }
        var previous = Array(0...y.count)
        var current = previous
        for i in 1...x.count {
            current[0] = i
            for j in 1...y.count {
                current[j] = Swift.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return previous[y.count]
    }

    /// `oneOf`/`anyOf`: fine when some alternative has no problem; otherwise the problems of
    /// the alternatives whose type fits (or one message listing the accepted types).
    private func checkAlternatives(_ node: Node, _ alternatives: [Rule], path: KeyPath, keyLocation: SourceLocation?, into problems: inout [Problem]) {
        var fitting: [[Problem]] = []
        for alt in alternatives {
            let r = resolve(alt)
            var found: [Problem] = []
            check(node, r, path: path, keyLocation: keyLocation, into: &found)
            if found.isEmpty { return }
            let types = acceptedTypes(r)
            if types.isEmpty || types.contains(where: { typeMatches(node, $0) }) { fitting.append(found) }
        }
        if let best = fitting.min(by: { $0.count < $1.count }) {
            problems += best
            return
        }
        var types: [String] = []
        for alt in alternatives {
            for t in acceptedTypes(alt) where !types.contains(t) { types.append(t) }
        }
        problems.append(Problem(path: path, location: node.location, message: "must be \(Self.describe(types)), not \(Self.article(node))"))
    }
}
