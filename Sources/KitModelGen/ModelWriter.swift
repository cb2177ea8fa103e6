import KitCore

/// Writes the typed models: one Swift struct per object definition of the chosen API groups
/// (and of every definition they reference), as views over an `Object`.
///
/// Each model stores the object it was made from (`raw`) and exposes every schema property as
/// a computed accessor that reads or writes that object's entry, so converting to and from
/// `Value` is lossless by construction: unknown fields and key order survive, and setting a
/// field to the value it already has changes nothing (see `Object.setField` in KitModel).
///
/// Swift types per schema type: `string` → `String`, `integer` → `Int`, `number` → `Double`,
/// `boolean` → `Bool`, IntOrString → `IntOrString`, Quantity → `QuantityString`, `Time` and
/// other string definitions → `String`, arrays → `[T]`, maps (`additionalProperties`) →
/// `FieldMap<T>`, free-form objects (`RawExtension`, `JSON`, `FieldsV1`) → `Value`. Scalars are
/// optional; nested models, arrays and maps are not (absent reads as empty, and writing an
/// empty one where there was none adds nothing), so `deployment.spec.replicas = 3` just works.
struct ModelWriter {
    let definitions: SourceDefinitions
    let header: String

    /// The API packages that get typed models; definitions they reference come along.
    static let packages = [
        "io.k8s.api.core.v1",
        "io.k8s.api.apps.v1",
        "io.k8s.api.batch.v1",
        "io.k8s.api.networking.v1",
        "io.k8s.api.rbac.v1",
        "io.k8s.api.policy.v1",
        "io.k8s.api.scheduling.v1",
        "io.k8s.api.autoscaling.v2",
        "io.k8s.api.storage.v1",
        "io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1",
    ]

    static let directory = "Sources/KitModel/Generated/Models"
    /// Models per file: small files keep incremental builds fast and let the compiler's jobs
    /// run in parallel.
    static let modelsPerFile = 30

    /// The Swift spelling of definitions that are not object models.
    enum Shape {
        case model(qualifiedName: String)
        case alias(String)
    }

    func files() throws -> [GeneratedFile] {
        let names = try modelDefinitionNames()
        var byPackage: [(package: String, names: [String])] = []
        for name in names {
            let package = packageName(of: name)
            if byPackage.last?.package != package { byPackage.append((package, [])) }
            byPackage[byPackage.count - 1].names.append(name)
        }
        var files: [GeneratedFile] = [GeneratedFile(path: "\(Self.directory)/Models.Namespaces.swift", contents: try namespacesFile(byPackage.map(\.package)))]
        for (package, names) in byPackage {
            let namespace = try namespacePath(of: package).joined(separator: ".")
            let parts = stride(from: 0, to: names.count, by: Self.modelsPerFile).map { Array(names[$0..<min($0 + Self.modelsPerFile, names.count)]) }
            for (i, part) in parts.enumerated() {
                var out = header + "\n"
                out += "import KitCore\n"
                for name in part {
                    out += "\nextension \(namespace) {\n"
                    out += try modelSource(name)
                    out += "}\n"
                }
                let suffix = parts.count > 1 ? ".\(i + 1)" : ""
                files.append(GeneratedFile(path: "\(Self.directory)/Models.\(namespace)\(suffix).swift", contents: out))
            }
        }
        files.append(GeneratedFile(path: "\(Self.directory)/Models.Registry.swift", contents: try registryFile(names)))
        return files
    }

    /// Definitions that become struct models: every object definition of `packages` and of the
    /// definitions they reference, in name order.
    func modelDefinitionNames() throws -> [String] {
        var seen = Set<String>()
        var stack = definitions.names.filter { Self.packages.contains(packageName(of: $0)) }
        while let name = stack.popLast() {
            guard seen.insert(name).inserted else { continue }
            try definitions[name]!.forEachRef { stack.append($0) }
        }
        return try definitions.names.filter { name in
            guard seen.contains(name) else { return false }
            if case .model = try shape(of: name) { return true }
            return false
        }
    }

    func shape(of name: String) throws -> Shape {
        switch name {
        case "io.k8s.apimachinery.pkg.util.intstr.IntOrString": return .alias("IntOrString")
        case "io.k8s.apimachinery.pkg.api.resource.Quantity": return .alias("QuantityString")
        default: break
        }
        let def = definitions[name]!
        if !def.properties.isEmpty {
            guard def.additionalProperties == nil else { throw KitError("\(name): properties and additionalProperties together are not supported") }
            return .model(qualifiedName: try namespacePath(of: packageName(of: name)).joined(separator: ".") + "." + typeName(of: name))
        }
        switch def.type {
        case "string"?, "integer"?, "number"?, "boolean"?: return .alias(scalarType(def.type!))
        case "object"?, nil:
            guard def.additionalProperties == nil else { throw KitError("\(name): map definitions are not supported") }
            return .alias("Value")
        default: throw KitError("\(name): unsupported definition type \(def.types)")
        }
    }

    func scalarType(_ type: String) -> String {
        switch type {
        case "string": return "String"
        case "integer": return "Int"
        case "number": return "Double"
        default: return "Bool"
        }
    }

    /// The Swift element type for a schema fragment (no optionality).
    func swiftType(_ f: SourceFragment, path: String) throws -> String {
        if let ref = f.ref {
            switch try shape(of: ref) {
            case .model(let qualified): return qualified
            case .alias(let alias): return alias
            }
        }
        if !f.oneOfTypes.isEmpty { return "Value" }
        switch f.type {
        case "string"?, "integer"?, "number"?, "boolean"?: return scalarType(f.type!)
        case "array"?:
            guard let items = f.items else { return "[Value]" }
            return "[\(try swiftType(items.value, path: path + "[]"))]"
        case "object"?:
            guard f.properties.isEmpty else { throw KitError("\(path): inline object schemas are not supported") }
            if let values = f.additionalProperties { return "FieldMap<\(try swiftType(values.value, path: path + "{}"))>" }
            return "Value"
        case nil:
            return "Value"
        default:
            throw KitError("\(path): unsupported type \(f.types)")
        }
    }

    /// True for nested models, arrays and maps: they read as empty rather than nil when absent.
    func isContainer(_ f: SourceFragment) throws -> Bool {
        if let ref = f.ref {
            if case .model = try shape(of: ref) { return true }
            return false
        }
        return f.type == "array" || (f.type == "object" && f.additionalProperties != nil)
    }

    func modelSource(_ name: String) throws -> String {
        let def = definitions[name]!
        let type = typeName(of: name)
        var out = ""
        var doc = def.description ?? ""
        doc += (doc.isEmpty ? "" : "\n\n") + "OpenAPI definition `\(name)`."
        out += docComment(doc, indent: "    ")
        let kind = def.groupVersionKinds.count == 1 ? def.groupVersionKinds[0] : nil
        out += "    public struct \(type): \(kind == nil ? "ObjectModel" : "KubernetesObjectModel") {\n"
        if let kind {
            out += "        public static let groupVersionKind = GroupVersionKind(group: \(swiftString(kind.group)), version: \(swiftString(kind.version)), kind: \(swiftString(kind.kind)))\n\n"
        }
        out += "        /// The object this model reads and writes; fields the model does not know stay in it.\n"
        out += "        public var raw: Object\n\n"
        out += "        /// A model over `raw`, which is kept as it is.\n"
        out += "        public init(raw: Object) { self.raw = raw }\n"
        if let kind {
            let apiVersion = kind.group.isEmpty ? kind.version : "\(kind.group)/\(kind.version)"
            out += "\n        /// An empty \(kind.kind) (only `apiVersion` and `kind` set).\n"
            out += "        public init() { self.init(raw: [\"apiVersion\": \(swiftString(apiVersion)), \"kind\": \(swiftString(kind.kind))]) }\n"
        } else {
            out += "\n        /// An empty \(type).\n"
            out += "        public init() { self.init(raw: Object()) }\n"
        }
        var used = Set<String>(["raw"])
        var nested: [String] = []
        for (key, schema) in def.properties {
            let property = swiftIdentifier(key)
            guard used.insert(property.trimmingBackticks).inserted else {
                throw KitError("\(name).\(key): Swift name \(property) is already taken; rename it in swiftIdentifier")
            }
            var swift = try swiftType(schema, path: "\(name).\(key)")
            var doc = schema.description ?? ""
            let stringEnum = schema.enumValues.compactMap(\.stringValue)
            // apiVersion and kind enums only pin the kind's own group-version-kind (added by the
            // kubernetes-validate packaging); they stay strings, documented.
            let pinsKind = key == "apiVersion" || key == "kind"
            if swift == "String" && !pinsKind && stringEnum.count >= 2 && stringEnum.count == schema.enumValues.count {
                let enumType = upperFirst(property.trimmingBackticks)
                guard !Self.reservedTypeNames.contains(enumType), used.insert(enumType).inserted else {
                    throw KitError("\(name).\(key): enum type name \(enumType) collides")
                }
                nested.append(enumSource(enumType, values: stringEnum, property: key))
                swift = enumType
            } else if !schema.enumValues.isEmpty {
                let list = schema.enumValues.map { v in v.stringValue.map { "`\($0)`" } ?? "`\(v)`" }.joined(separator: ", ")
                doc += (doc.isEmpty ? "" : "\n\n") + "Allowed values: \(list)."
            }
            if def.required.contains(key) { doc += (doc.isEmpty ? "" : "\n\n") + "Required." }
            out += "\n" + docComment(doc, indent: "        ")
            if try isContainer(schema) {
                out += "        public var \(property): \(swift) {\n"
                out += "            get { raw.nested(\(swiftString(key))) }\n"
                out += "            set { raw.setNested(\(swiftString(key)), newValue) }\n"
            } else {
                out += "        public var \(property): \(swift)? {\n"
                out += "            get { raw.field(\(swiftString(key))) }\n"
                out += "            set { raw.setField(\(swiftString(key)), newValue) }\n"
            }
            out += "        }\n"
        }
        for n in nested { out += "\n" + n }
        out += "    }\n"
        return out
    }

    /// An open enumeration: known values as constants, any other string kept as it is.
    func enumSource(_ type: String, values: [String], property: String) -> String {
        var out = "        /// The values `\(property)` may take.\n"
        out += "        public struct \(type): StringEnumeration {\n"
        out += "            public var rawValue: String\n"
        out += "            public init(rawValue: String) { self.rawValue = rawValue }\n"
        var used = Set<String>()
        for v in values {
            var constant = swiftIdentifier(lowerFirstWord(v.isEmpty ? "empty" : v))
            while !used.insert(constant).inserted { constant += "_" }
            out += "            public static let \(constant) = \(type)(rawValue: \(swiftString(v)))\n"
        }
        out += "        }\n"
        return out
    }

    /// Names the generated code relies on at the top level; nested enum types must not shadow them.
    static let reservedTypeNames: Set<String> = [
        "Value", "Object", "String", "Int", "Double", "Bool", "FieldMap", "IntOrString", "QuantityString",
        "GroupVersionKind", "Core", "Apps", "Batch", "Networking", "RBAC", "Policy", "Autoscaling",
        "Storage", "APIExtensions", "Meta", "Scheduling",
    ]

    func namespacesFile(_ packages: [String]) throws -> String {
        var groups: [(String, [String])] = []
        for package in packages {
            let path = try namespacePath(of: package)
            if let i = groups.firstIndex(where: { $0.0 == path[0] }) {
                if !groups[i].1.contains(path[1]) { groups[i].1.append(path[1]) }
            } else {
                groups.append((path[0], [path[1]]))
            }
        }
        var out = header + "\n"
        for (group, versions) in groups.sorted(by: { $0.0 < $1.0 }) {
            out += "/// Typed models of the `\(groupDisplayName(group))` API group.\n"
            out += "public enum \(group) {\n"
            for v in versions.sorted() { out += "    /// Models of version `\(v.lowercased())`.\n    public enum \(v) {}\n" }
            out += "}\n\n"
        }
        out.removeLast()
        return out
    }

    func registryFile(_ names: [String]) throws -> String {
        var out = header + "\n"
        out += "extension TypedModels {\n"
        out += "    /// Every generated model of a kind, for lookup by group, version and kind.\n"
        out += "    static let generatedKinds: [any KubernetesObjectModel.Type] = [\n"
        for name in names where definitions[name]!.groupVersionKinds.count == 1 {
            guard case .model(let qualified) = try shape(of: name) else { continue }
            out += "        \(qualified).self,\n"
        }
        out += "    ]\n}\n"
        return out
    }

    /// `io.k8s.api.apps.v1.Deployment` → `io.k8s.api.apps.v1`.
    func packageName(of definition: String) -> String {
        String(definition[..<(definition.lastIndex(of: ".") ?? definition.endIndex)])
    }

    func typeName(of definition: String) -> String {
        String(definition[definition.index(after: definition.lastIndex(of: ".")!)...])
    }

    /// The Swift namespace of an API package: `io.k8s.api.apps.v1` → `Apps.V1`.
    func namespacePath(of package: String) throws -> [String] {
        let special: [String: [String]] = [
            "io.k8s.api.rbac.v1": ["RBAC", "V1"],
            "io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1": ["APIExtensions", "V1"],
            "io.k8s.apimachinery.pkg.apis.meta.v1": ["Meta", "V1"],
        ]
        if let path = special[package] { return path }
        let parts = package.split(separator: ".").map(String.init)
        guard package.hasPrefix("io.k8s.api."), parts.count == 5 else {
            throw KitError("\(package): no Swift namespace for this package; add one to ModelWriter.namespacePath")
        }
        return [upperFirst(parts[3]), upperFirst(parts[4])]
    }

    func groupDisplayName(_ namespace: String) -> String {
        switch namespace {
        case "Core": return "core (v1)"
        case "Meta": return "meta.k8s.io (apimachinery)"
        case "RBAC": return "rbac.authorization.k8s.io"
        case "APIExtensions": return "apiextensions.k8s.io"
        case "Networking", "Storage", "Scheduling": return namespace.lowercased() + ".k8s.io"
        default: return namespace.lowercased()
        }
    }
}

/// A generated file: its path relative to the package root, and its text.
public struct GeneratedFile: Sendable, Equatable {
    public var path: String
    public var contents: String
}

/// A `///` doc comment, wrapped at 100 columns; paragraphs and indented (code) lines are kept.
func docComment(_ text: String, indent: String) -> String {
    var out = ""
    let width = 100 - indent.count - 4
    for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
        var line = String(line)
        while line.last == " " || line.last == "\t" { line.removeLast() }
        if line.isEmpty {
            out += indent + "///\n"
            continue
        }
        if line.first == "\t" || line.hasPrefix("  ") || line.count <= width {
            out += indent + "/// " + line + "\n"
            continue
        }
        var current = ""
        for word in line.split(separator: " ", omittingEmptySubsequences: true) {
            if !current.isEmpty && current.count + 1 + word.count > width {
                out += indent + "/// " + current + "\n"
                current = ""
            }
            current += (current.isEmpty ? "" : " ") + word
        }
        if !current.isEmpty { out += indent + "/// " + current + "\n" }
    }
    return out
}

let swiftKeywords: Set<String> = [
    "associatedtype", "class", "deinit", "enum", "extension", "fileprivate", "func", "import", "init",
    "inout", "internal", "let", "open", "operator", "private", "precedencegroup", "protocol", "public",
    "rethrows", "static", "struct", "subscript", "typealias", "var", "break", "case", "catch",
    "continue", "default", "defer", "do", "else", "fallthrough", "for", "guard", "if", "in", "repeat",
    "return", "throw", "switch", "where", "while", "Any", "as", "await", "false", "is", "nil", "self",
    "Self", "super", "throws", "true", "try", "Type", "Protocol",
]

/// A Swift identifier for a JSON key: `$ref` → `ref`, `x-kubernetes-list-type` →
/// `xKubernetesListType`, keywords in backticks.
func swiftIdentifier(_ key: String) -> String {
    var name = ""
    var upperNext = false
    for c in key {
        if c.isLetter || c.isNumber || c == "_" {
            name.append(upperNext && !name.isEmpty ? Character(c.uppercased()) : c)
            upperNext = false
        } else {
            upperNext = true
        }
    }
    if name.isEmpty || name.first!.isNumber { name = "_" + name }
    return swiftKeywords.contains(name) ? "`\(name)`" : name
}

func upperFirst(_ s: String) -> String { s.prefix(1).uppercased() + s.dropFirst() }

/// `ClusterIP` → `clusterIP`, `TCP` → `tcp`, `OnFailure` → `onFailure`.
func lowerFirstWord(_ s: String) -> String {
    let chars = Array(s)
    var upperRun = 0
    while upperRun < chars.count && chars[upperRun].isUppercase { upperRun += 1 }
    if upperRun == 0 { return s }
    if upperRun == chars.count { return s.lowercased() }
    let lowered = upperRun == 1 ? 1 : upperRun - 1
    return String(chars[..<lowered]).lowercased() + String(chars[lowered...])
}

extension String {
    var trimmingBackticks: String { filter { $0 != "`" } }
}
