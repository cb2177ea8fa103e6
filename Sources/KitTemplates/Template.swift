import KitCore

/// One file of a template: its path inside the project (itself a Mustache template, so a
/// path can depend on parameters; a path that renders empty leaves the file out) and its text.
public struct TemplateFile: Sendable {
    public var path: String
    public var text: String
    public var executable: Bool

    public init(path: String, text: String, executable: Bool = false) {
        self.path = path
        self.text = text
        self.executable = executable
    }
}

/// How a generated project is rendered: `kit render PATH [--target TARGET]`.
public struct RenderEntry: Sendable, Equatable {
    /// A directory of the project, relative to its root (`.` for the root itself).
    public var path: String
    /// `kit render`'s `--target` (`ecs`, `kubernetes`), or nil for a kustomization.
    public var target: String?

    public init(path: String, target: String? = nil) {
        self.path = path
        self.target = target
    }
}

/// A starter project: `template.yaml` (name, description, parameters, how to render the
/// result) and the files it writes.
///
/// ```yaml
/// name: wordpress
/// description: WordPress and MySQL on persistent volumes
/// parameters:
/// - name: name
///   type: string            # string, integer, boolean, quantity or list
///   default: wordpress      # none: the parameter is required
///   pattern: "[a-z]+"       # must match the whole value (every item of a list)
///   allowed: [a, b]         # the only values accepted
///   minimum: 1              # integers only, like maximum
///   secret: true            # never printed; generated when not given
///   help: One or two sentences.
/// render:
/// - path: .                 # a directory of the project
///   target: ecs             # kit render's --target; none for a kustomization
/// ```
public struct Template: Sendable {
    public static let manifestName = "template.yaml"

    public var name: String
    public var description: String
    public var parameters: [TemplateParameter]
    public var render: [RenderEntry]
    /// The project's files, in path order (`template.yaml` itself is not one of them).
    public var files: [TemplateFile]
    /// Where the template came from: `built-in` or its directory.
    public var origin: String

    public init(name: String, description: String, parameters: [TemplateParameter], render: [RenderEntry], files: [TemplateFile], origin: String) {
        self.name = name
        self.description = description
        self.parameters = parameters
        self.render = render
        self.files = files
        self.origin = origin
    }

    /// The parameter called `name`.
    public func parameter(_ name: String) -> TemplateParameter? {
        parameters.first { $0.name == name }
    }

    /// Template names are what `kit new NAME` takes: lower-case words joined by `-`.
    static func isValidName(_ name: String) -> Bool {
        let bytes = Array(name.utf8)
        guard let first = bytes.first, let last = bytes.last, bytes.count <= 63,
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(first), last != UInt8(ascii: "-")
        else { return false }
        return bytes.allSatisfy { (UInt8(ascii: "a")...UInt8(ascii: "z")).contains($0) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) || $0 == UInt8(ascii: "-") }
    }

    /// Parameter names are Mustache names: a letter, then letters, digits and `_`.
    static func isValidParameterName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, first.isASCIILetter else { return false }
        return name.unicodeScalars.allSatisfy { $0.isASCIILetter || ("0"..."9").contains($0) || $0 == "_" }
    }
}

extension Unicode.Scalar {
    var isASCIILetter: Bool { ("a"..."z").contains(self) || ("A"..."Z").contains(self) }
}

/// Reads `template.yaml`, reporting every mistake with its position.
struct TemplateManifestReader {
    let file: String
    let root: Value
    let positions: PositionTree?
    var errors: [KitError] = []
    /// Compile patterns and check defaults against them. Built-in templates skip it: they
    /// were checked when kit-templategen compiled them in (and by the tests), and compiling
    /// a regular expression costs more than the rest of reading a manifest.
    var checkPatterns = true

    init(bytes: [UInt8], file: String) throws {
        let documents = try YAMLReader.read(bytes, file: file, options: YAMLReader.Options(positions: true))
        guard documents.count == 1, let document = documents.first, !document.isEmpty else {
            throw KitError("\(file): expected one YAML document (a mapping with name, description and parameters)")
        }
        self.file = file
        self.root = document.value
        self.positions = document.positions
    }

    func location(_ path: [PathComponent]) -> SourceLocation? {
        positions?.location(of: path, in: root)
    }

    mutating func error(_ message: String, at path: [PathComponent]) {
        errors.append(KitError(message, at: location(path) ?? SourceLocation(file: file, line: 1, column: 1)))
    }

    /// The value at `path` (keys and indices) from the document's root.
    func value(at path: [PathComponent]) -> Value? {
        var value = root
        for step in path {
            switch step {
            case .key(let k): guard let next = value[k] else { return nil }; value = next
            case .index(let i): guard let next = value[i] else { return nil }; value = next
            }
        }
        return value
    }

    /// Where the key `key` of the mapping at `path` is written.
    func keyLocation(_ path: [PathComponent], _ key: String) -> SourceLocation? {
        guard var node = positions else { return nil }
        var value = root
        for step in path {
            switch (step, value) {
            case (.key(let k), .object(let o)):
                guard let i = o.position(of: k), i < node.members.count else { return nil }
                node = node.members[i]
                value = o.entry(at: i).value
            case (.index(let i), .array(let a)):
                guard i >= 0, i < a.count, i < node.elements.count else { return nil }
                node = node.elements[i]
                value = a[i]
            default:
                return nil
            }
        }
        guard case .object(let o) = value, let i = o.position(of: key), i < node.keys.count else { return nil }
        return node.keys[i]
    }

    mutating func unknownKey(_ key: String, at path: [PathComponent], _ explanation: String) {
        errors.append(KitError("unknown key \"\(key)\" (\(explanation))", at: keyLocation(path, key) ?? location(path + [.key(key)]) ?? SourceLocation(file: file, line: 1, column: 1)))
    }

    /// The template's name, description, parameters and render entries (files are added by the
    /// catalogue); throws all errors at once.
    mutating func read(origin: String) throws -> Template {
        guard case .object(let top) = root else {
            throw KitError("expected a mapping with name, description and parameters", at: location([]))
        }
        let known: Set<String> = ["name", "description", "parameters", "render"]
        for key in top.keys where !known.contains(key) {
            unknownKey(key, at: [], "a template has name, description, parameters and render")
        }
        let name = requiredString("name", at: [])
        if let name, !Template.isValidName(name) {
            error("name \"\(name)\" must be lower-case letters, digits and '-', starting with a letter", at: [.key("name")])
        }
        let description = requiredString("description", at: []) ?? ""
        if description.contains("\n") { error("description must be one line", at: [.key("description")]) }

        var parameters: [TemplateParameter] = []
        switch top["parameters"] {
        case nil, .null?:
            break
        case .array(let items)?:
            var seen: Set<String> = []
            for i in items.indices {
                if case .string(let name)? = items[i]["name"], !seen.insert(name).inserted {
                    error("parameter \"\(name)\" is declared twice", at: [.key("parameters"), .index(i), .key("name")])
                }
                if let parameter = readParameter(at: [.key("parameters"), .index(i)]) { parameters.append(parameter) }
            }
        default:
            error("parameters must be a list", at: [.key("parameters")])
        }

        var render: [RenderEntry] = []
        switch top["render"] {
        case nil, .null?:
            render = [RenderEntry(path: ".")]
        case .array(let items)?:
            for i in items.indices {
                let at: [PathComponent] = [.key("render"), .index(i)]
                guard case .object(let entry) = items[i] else {
                    error("a render entry must be a mapping with path and, optionally, target", at: at)
                    continue
                }
                for key in entry.keys where key != "path" && key != "target" {
                    unknownKey(key, at: at, "a render entry has path and target")
                }
                guard let path = requiredString("path", at: at) else { continue }
                if RelativePath(path) == nil && path != "." {
                    error("render path \"\(path)\" must be a relative path inside the project", at: at + [.key("path")])
                }
                let target = optionalString("target", at: at)
                if let target, !["ecs", "kubernetes", "compose", "cloudformation"].contains(target) {
                    error("render target \"\(target)\" is not one of ecs, kubernetes, compose, cloudformation", at: at + [.key("target")])
                }
                render.append(RenderEntry(path: path, target: target))
            }
        default:
            error("render must be a list", at: [.key("render")])
        }
        if !errors.isEmpty { throw TemplateErrors(errors: errors) }
        return Template(name: name ?? "", description: description, parameters: parameters, render: render, files: [], origin: origin)
    }

    mutating func requiredString(_ key: String, at path: [PathComponent]) -> String? {
        switch value(at: path)?[key] {
        case .string(let s)? where !s.isEmpty: return s
        case nil, .null?: error("\(key) is required", at: path)
        default: error("\(key) must be a non-empty string", at: path + [.key(key)])
        }
        return nil
    }

    mutating func optionalString(_ key: String, at path: [PathComponent]) -> String? {
        switch value(at: path)?[key] {
        case .string(let s)?: return s
        case nil, .null?: return nil
        default: error("\(key) must be a string", at: path + [.key(key)])
        }
        return nil
    }

    mutating func readParameter(at path: [PathComponent]) -> TemplateParameter? {
        guard case .object(let o)? = value(at: path) else {
            error("a parameter must be a mapping with name, type and help", at: path)
            return nil
        }
        let known: Set<String> = ["name", "type", "default", "allowed", "pattern", "minimum", "maximum", "secret", "help"]
        for key in o.keys where !known.contains(key) {
            unknownKey(key, at: path, "a parameter has \(known.sorted().joined(separator: ", "))")
        }
        let errorCount = errors.count
        guard let name = requiredString("name", at: path) else { return nil }
        if !Template.isValidParameterName(name) {
            error("parameter name \"\(name)\" must be a letter followed by letters, digits and '_'", at: path + [.key("name")])
        }
        guard let typeName = requiredString("type", at: path) else { return nil }
        guard let type = ParameterType(rawValue: typeName) else {
            error("type \"\(typeName)\" is not one of \(ParameterType.allCases.map(\.rawValue).joined(separator: ", "))", at: path + [.key("type")])
            return nil
        }
        var parameter = TemplateParameter(name: name, type: type)
        parameter.help = optionalString("help", at: path) ?? ""
        switch o["secret"] {
        case .bool(let b)?: parameter.secret = b
        case nil, .null?: break
        default: error("secret must be true or false", at: path + [.key("secret")])
        }
        for bound in ["minimum", "maximum"] {
            switch o[bound] {
            case nil, .null?: break
            case .int(let i)? where type == .integer:
                if bound == "minimum" { parameter.minimum = i } else { parameter.maximum = i }
            default: error("\(bound) must be an integer, for an integer parameter", at: path + [.key(bound)])
            }
        }
        if let pattern = optionalString("pattern", at: path) {
            if type == .integer || type == .boolean {
                error("pattern applies to string, quantity and list parameters", at: path + [.key("pattern")])
            } else {
                do {
                    if checkPatterns { _ = try Regex(pattern) }
                    parameter.pattern = pattern
                } catch {
                    self.error("pattern is not a valid regular expression: \(error)", at: path + [.key("pattern")])
                }
            }
        }
        if let allowed = o["allowed"] {
            // The allowed values of a list are its items' allowed values.
            let itemParameter = TemplateParameter(name: name, type: type == .list ? .string : type)
            if case .array(let values) = allowed, !values.isEmpty {
                var accepted: [ParameterValue] = []
                for (i, v) in values.enumerated() {
                    switch itemParameter.value(from: v) {
                    case .success(let value): accepted.append(value)
                    case .failure(let problem): error("allowed value: \(problem.message)", at: path + [.key("allowed"), .index(i)])
                    }
                }
                parameter.allowed = accepted
            } else {
                error("allowed must be a non-empty list", at: path + [.key("allowed")])
            }
        }
        if let d = o["default"], !d.isNull {
            if parameter.secret {
                error("a secret has no default: kit generates a random value when none is given", at: path + [.key("default")])
            } else {
                switch parameter.value(from: d) {
                case .success(let value):
                    parameter.defaultValue = value
                    for problem in checkPatterns ? parameter.problems(with: value) : [] {
                        error("default: \(problem.message)", at: path + [.key("default")])
                    }
                case .failure(let problem):
                    error("default: \(problem.message)", at: path + [.key("default")])
                }
            }
        }
        if parameter.secret && type != .string {
            error("only string parameters can be secret", at: path + [.key("secret")])
        }
        return errors.count == errorCount ? parameter : nil
    }
}

/// Several positioned errors found together (a template's `template.yaml` or files).
public struct TemplateErrors: Error, Sendable, CustomStringConvertible {
    public var errors: [KitError]

    public init(errors: [KitError]) {
        self.errors = errors
    }

    public var description: String { errors.map(\.description).joined(separator: "\n") }
}
