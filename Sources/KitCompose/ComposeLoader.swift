import KitCore

/// Several problems found at once (schema validation reports every problem of a file).
public struct ComposeErrors: Error, Sendable, CustomStringConvertible {
    public var errors: [KitError]
    public var description: String { errors.map(\.description).joined(separator: "\n") }
}

/// Reads a compose project: files, `.env`, interpolation, type casts, schema validation,
/// multi-file merge, `include`, `extends`, profiles and reference checks, then the typed model.
public enum ComposeLoader {
    /// Loads the project `options` describe.
    public static func load(_ options: ComposeLoadOptions) throws -> ComposeProject {
        var loader = Loader(options: options, diagnostics: Diagnostics())
        return try loader.load()
    }

    /// The compiled Compose Specification schema (shared: compiling it takes a moment).
    static let specValidator: SchemaValidator = {
        let schema = (try? JSONReader.read(ComposeSpecSchema.json)) ?? .object(Object())
        return SchemaValidator(schema: schema)
    }()
}

/// One file as read.
struct ComposeFile {
    var path: String
    var root: NodeObject
    var rootLocation: SourceLocation
    var version: String?
    var format: ComposeFormat
}

struct Loader {
    let options: ComposeLoadOptions
    let diagnostics: Diagnostics
    var dialect: ComposeDialect { options.dialect }
    /// Interpolation values.
    var environment: [String: String] = [:]
    /// ecs-cli: the raw `.env` values (looked up for bare environment keys).
    var dotEnvRaw: [String: String] = [:]
    var projectDirectory = "."
    var home: String? { options.environment["HOME"] }

    init(options: ComposeLoadOptions, diagnostics: Diagnostics) {
        self.options = options
        self.diagnostics = diagnostics
    }

    mutating func load() throws -> ComposeProject {
        let files = try ComposeFiles.resolve(options, diagnostics: diagnostics)
        let first = files[0]
        projectDirectory = Paths.absolute(options.files.isEmpty ? options.directory : (first == "-" ? "." : Paths.directory(of: first)))
        try readEnvironment()

        var read: [ComposeFile] = []
        for path in files { read.append(try readFile(path)) }
        try checkVersions(read)
        var processed: [ComposeFile] = []
        for file in read { processed.append(try process(file)) }

        // Merge the files.
        let format = processed[0].format
        var root = processed[0].root
        for file in processed.dropFirst() { root = mergeFiles(root, file.root, format: format) }

        if let includes = root.entry("include") {
            root.remove("include")
            try applyIncludes(includes.value, into: &root)
        }

        var services = root["services"]?.object ?? NodeObject()
        try resolveExtends(&services, format: format)
        try applyProfiles(&services)
        try checkReferences(services, root: root, format: format)

        var typed: [ComposeService] = []
        for e in services.entries {
            typed.append(try makeService(e, format: format))
        }

        let declared = options.projectName ?? options.environment["COMPOSE_PROJECT_NAME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? root["name"]?.string ?? Paths.baseName(projectDirectory)
        var name = ComposeFiles.normalizeProjectName(declared)
        if name.isEmpty { name = "default" }
        var extensions = NodeObject()
        for e in root.entries where e.key.hasPrefix("x-") { extensions.set(e.key, e.value, keyLocation: e.keyLocation) }
        return ComposeProject(
            name: name, declaredName: declared, workingDirectory: projectDirectory, files: files, format: format,
            version: processed[0].version, dialect: dialect, services: typed,
            volumes: root["volumes"]?.object ?? NodeObject(), networks: root["networks"]?.object ?? NodeObject(),
            secrets: root["secrets"]?.object ?? NodeObject(), configs: root["configs"]?.object ?? NodeObject(),
            extensions: extensions, environment: environment, warnings: diagnostics.warnings)
    }

    // MARK: - Environment

    mutating func readEnvironment() throws {
        let process = options.environment
        switch dialect {
        case .compose:
            var path: String? = options.envFile
            if path == nil {
                let candidate = Paths.join(projectDirectory, ".env")
                if FileIO.exists(candidate) && !FileIO.isDirectory(candidate) { path = displayPath(candidate) }
            }
            var values: [String: String] = [:]
            if let path {
                let bytes = try FileIO.read(path, limits: .regularFiles())
                for e in try DotEnv.parse(bytes, file: path, lookup: { process[$0] }) {
                    if let v = e.value { values[e.key] = v } else if let v = process[e.key] { values[e.key] = v }
                }
            }
            for (k, v) in process { values[k] = v }
            environment = values
        case .ecsCLI:
            let candidate = options.envFile ?? Paths.join(projectDirectory, ".env")
            if FileIO.exists(candidate) && !FileIO.isDirectory(candidate) {
                let path = options.envFile ?? displayPath(candidate)
                do {
                    for e in try DotEnv.parseRaw(try FileIO.read(path, limits: .regularFiles()), file: path, shell: { process[$0] }) {
                        dotEnvRaw[e.key] = e.value ?? ""
                    }
                } catch let error as KitError {
                    // ecs-cli ignores a .env it cannot parse (with a warning).
                    diagnostics.warn("the .env file is ignored, as ecs-cli ignores it: \(error.message)", at: error.location)
                    dotEnvRaw = [:]
                }
            }
            var values = dotEnvRaw
            for (k, v) in process { values[k] = v }
            environment = values
        }
    }

    /// The value of a variable for ecs-cli's lookups (`.env` then the shell; a non-empty shell
    /// value wins).
    func ecsLookup(_ name: String) -> String? {
        if let v = options.environment[name], !v.isEmpty { return v }
        if let v = dotEnvRaw[name] { return v }
        return options.environment[name]
    }

    /// A path relative to the current directory when it is below it (for messages).
    func displayPath(_ path: String) -> String {
        let cwd = Paths.currentDirectory()
        if path.hasPrefix(cwd + "/") { return String(path.dropFirst(cwd.count + 1)) }
        return path
    }

    // MARK: - Reading one file

    func readFile(_ path: String) throws -> ComposeFile {
        let bytes = try FileIO.read(path, limits: .regularFiles())
        let name = path == "-" ? "-" : path
        var options = YAMLReader.Options(positions: true)
        options.duplicateKeys = .error
        let documents = try YAMLReader.read(bytes, file: name, options: options).filter { !$0.isEmpty }
        guard let document = documents.first else {
            throw KitError("the compose file is empty", at: SourceLocation(file: name, line: 1, column: 1))
        }
        if documents.count > 1 {
            throw KitError("a compose file holds one YAML document; this one has \(documents.count)", at: documents[1].location)
        }
        let node = Node(value: document.value, positions: document.positions, fallback: document.location)
        guard var root = node.object else {
            throw KitError("the top level of a compose file must be a mapping, not \(node.typeName == "array" ? "a list" : "a \(node.typeName)")", at: node.location)
        }
        var version: String? = nil
        if let v = root["version"] {
            switch v.content {
            case .scalar(.string(let s)): version = s
            case .scalar(let n) where n.isNumber: version = Node.scalarText(at: v.location, in: bytes) ?? YAMLOutputRules.numberText(n)
            case .object:
                break  // a version 1 service called "version"
            default:
                throw composeError("the version must be a string such as \"3.8\"", path: KeyPath([.key("version")]), node: v)
            }
        }
        let format: ComposeFormat
        if let version {
            format = try formatOf(version: version, node: root["version"]!)
        } else if root["services"] != nil || root["networks"] != nil || root["volumes"] != nil || root["include"] != nil {
            format = .spec
        } else {
            format = .v1
        }
        if format == .v1 {
            if dialect == .compose {
                diagnostics.warn("version 1 compose files are deprecated; put the services under a services: key", at: node.location)
            }
            root = convertV1(root)
        }
        return ComposeFile(path: name, root: root, rootLocation: node.location, version: version, format: format)
    }

    func formatOf(version: String, node: Node) throws -> ComposeFormat {
        let path = KeyPath([.key("version")])
        switch dialect {
        case .ecsCLI:
            switch version {
            case "", "1", "1.0": return .v1
            case "2", "2.0":
                if version == "2.0" {
                    throw composeError(
                        "ecs-cli reads version \"2.0\" with libcompose, which treats only \"2\" as version 2 and fails on this file; write version: \"2\"",
                        path: path, node: node)
                }
                return .v2
            case "3", "3.0": return .v3
            default:
                throw composeError(
                    "Unsupported Docker Compose version found: \(version) (ecs-cli reads versions 1, 2 and 3; write version: \"3\", or remove version to use the Compose Specification)",
                    path: path, node: node)
            }
        case .compose:
            let parts = version.split(separator: ".", omittingEmptySubsequences: false)
            guard (1...2).contains(parts.count), parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isNumber } }) else {
                throw composeError("version \"\(version)\" is invalid; compose files have versions 2, 2.x, 3 and 3.x", path: path, node: node)
            }
            switch parts[0] {
            case "2": return .v2
            case "3": return .v3
            case "1":
                throw composeError("version 1 compose files have no version key; remove it (or use a later version)", path: path, node: node)
            default:
                throw composeError("version \"\(version)\" is not supported; compose files have versions 2, 2.x, 3 and 3.x", path: path, node: node)
            }
        }
    }

    /// A version 1 file as the later format: services under `services:`, `log_driver` and
    /// `log_opt` as `logging`, `net` as `network_mode`, `dockerfile` as `build.dockerfile`.
    func convertV1(_ root: NodeObject) -> NodeObject {
        var services = NodeObject()
        for e in root.entries {
            guard var s = e.value.object else {
                services.set(e.key, e.value, keyLocation: e.keyLocation)
                continue
            }
            if s["log_driver"] != nil || s["log_opt"] != nil {
                var logging = s["logging"]?.object ?? NodeObject()
                if let d = s.entry("log_driver") { logging.set("driver", d.value, keyLocation: d.keyLocation) }
                if let o = s.entry("log_opt") { logging.set("options", o.value, keyLocation: o.keyLocation) }
                let location = (s.entry("log_driver") ?? s.entry("log_opt"))!
                s.remove("log_driver")
                s.remove("log_opt")
                s.set("logging", Node(.object(logging), at: location.value.location), keyLocation: location.keyLocation)
            }
            if let net = s.entry("net") {
                s.remove("net")
                var mode = net.value
                if let text = mode.string, text.hasPrefix("container:"), root[String(text.dropFirst(10))] != nil {
                    mode = Node(scalar: .string("service:" + text.dropFirst(10)), at: mode.location)
                }
                s.set("network_mode", mode, keyLocation: net.keyLocation)
            }
            if let dockerfile = s.entry("dockerfile") {
                s.remove("dockerfile")
                var build = NodeObject()
                if let b = s["build"] {
                    if let o = b.object { build = o } else { build.set("context", b) }
                }
                build.set("dockerfile", dockerfile.value, keyLocation: dockerfile.keyLocation)
                s.set("build", Node(.object(build), at: dockerfile.value.location), keyLocation: dockerfile.keyLocation)
            }
            services.set(e.key, Node(.object(s), at: e.value.location), keyLocation: e.keyLocation)
        }
        var out = NodeObject()
        out.set("services", Node(.object(services), at: root.entries.first?.keyLocation ?? SourceLocation(file: "-", line: 1, column: 1)))
        return out
    }

    func checkVersions(_ files: [ComposeFile]) throws {
        guard let first = files.first else { return }
        for file in files.dropFirst() {
            switch dialect {
            case .ecsCLI:
                if (file.version ?? "") != (first.version ?? "") {
                    throw KitError(
                        "Compose files must be of the same version. Found: \(first.version ?? "") and \(file.version ?? "") (\(first.path) and \(file.path))",
                        at: file.root["version"]?.location ?? file.rootLocation)
                }
            case .compose:
                if (first.format == .v1) != (file.format == .v1) {
                    throw KitError(
                        "version mismatch: \(first.path) is a version \(first.format == .v1 ? "1" : "2/3") file but \(file.path) is a version \(file.format == .v1 ? "1" : "2/3") file",
                        at: file.rootLocation)
                }
            }
        }
    }

    // MARK: - Interpolation, casts, validation

    func interpolationSyntax(_ format: ComposeFormat) -> InterpolationSyntax {
        switch (dialect, format) {
        case (.compose, _): return .compose
        case (.ecsCLI, .v1), (.ecsCLI, .v2): return .libcompose
        case (.ecsCLI, .v3): return .dockerCLI
        case (.ecsCLI, .spec): return .compose
        }
    }

    func interpolator(_ format: ComposeFormat) -> Interpolator {
        let env = environment
        if dialect == .ecsCLI && (format == .v1 || format == .v2) {
            let lookup = self.ecsLookup
            return Interpolator(syntax: .libcompose) { lookup($0) }
        }
        return Interpolator(syntax: interpolationSyntax(format)) { env[$0] }
    }

    func process(_ file: ComposeFile) throws -> ComposeFile {
        var out = file
        let interpolator = interpolator(file.format)
        var root = Node(.object(file.root), at: file.rootLocation)
        try interpolate(&root, path: KeyPath(), with: interpolator, top: true)
        try TypeCasts.apply(&root)
        out.root = root.object ?? NodeObject()
        try validate(out)
        return out
    }

    func interpolate(_ node: inout Node, path: KeyPath, with interpolator: Interpolator, top: Bool = false) throws {
        switch node.content {
        case .scalar(.string(let s)):
            guard s.utf8.contains(UInt8(ascii: "$")) else { return }
            do {
                let (expanded, unset) = try interpolator.expand(s)
                for name in unset {
                    diagnostics.warnOnce(key: "unset:" + name, "the \"\(name)\" variable is not set; using an empty string", at: node.location)
                }
                node.content = .scalar(.string(expanded))
            } catch {
                switch error {
                case .invalid:
                    throw composeError("invalid interpolation: a $ must start $VAR, ${VAR…} or $$ (write $$ for a literal $)", path: path, node: node)
                case .required(let variable, let message):
                    throw composeError(
                        "required variable \(variable) is missing a value" + (message.isEmpty ? "" : ": \(message)"), path: path, node: node)
                }
            }
        case .scalar:
            return
        case .array(var items):
            for i in items.indices { try interpolate(&items[i], path: path / i, with: interpolator) }
            node.content = .array(items)
        case .object(var o):
            try o.updateValues { key, child in
                if top && key == "version" { return }
                try interpolate(&child, path: path / key, with: interpolator)
            }
            node.content = .object(o)
        }
    }

    func validate(_ file: ComposeFile) throws {
        let validator = ComposeLoader.specValidator
        var problems = validator.validate(Node(.object(file.root), at: file.rootLocation))
        if dialect == .ecsCLI { problems += ECSCLISchema.problems(file) }
        guard !problems.isEmpty else { return }
        problems.sort { ($0.location.line, $0.location.column) < ($1.location.line, $1.location.column) }
        let errors = problems.map { composeError($0.message, path: $0.path, at: $0.location) }
        if errors.count == 1 { throw errors[0] }
        throw ComposeErrors(errors: errors)
    }

    // MARK: - Merging files

    func mergeRules(_ format: ComposeFormat) -> ComposeMerge.Rules {
        switch (dialect, format) {
        case (.ecsCLI, .v1), (.ecsCLI, .v2): return .libcompose
        case (.ecsCLI, .v3): return .dockerCLI
        default: return .compose
        }
    }

    func mergeFiles(_ base: NodeObject, _ override: NodeObject, format: ComposeFormat) -> NodeObject {
        var out = base
        for e in override.entries {
            switch e.key {
            case "services":
                var services = out["services"]?.object ?? NodeObject()
                for s in e.value.object?.entries ?? [] {
                    if let existing = services[s.key]?.object, let later = s.value.object {
                        var merged = ComposeMerge.services(existing, later, rules: mergeRules(format))
                        if let ext = later.entry("extends") ?? existing.entry("extends") {
                            merged.set("extends", ext.value, keyLocation: ext.keyLocation)
                        }
                        services.set(s.key, Node(.object(merged), at: s.value.location))
                    } else {
                        services.set(s.key, s.value, keyLocation: s.keyLocation)
                    }
                }
                if mergeRules(format) == .dockerCLI { services.sortByKey() }
                out.set("services", Node(.object(services), at: out["services"]?.location ?? e.value.location), keyLocation: out.entry("services")?.keyLocation ?? e.keyLocation)
            case "volumes", "networks", "secrets", "configs":
                var section = out[e.key]?.object ?? NodeObject()
                for item in e.value.object?.entries ?? [] { section.set(item.key, item.value, keyLocation: item.keyLocation) }
                out.set(e.key, Node(.object(section), at: out[e.key]?.location ?? e.value.location), keyLocation: out.entry(e.key)?.keyLocation ?? e.keyLocation)
            case "include":
                var list = out["include"]?.array ?? []
                list += e.value.array ?? []
                out.set("include", Node(.array(list), at: e.value.location), keyLocation: e.keyLocation)
            case "version":
                continue  // the first file's version stays
            default:
                out.set(e.key, e.value, keyLocation: e.keyLocation)
            }
        }
        return out
    }

    // MARK: - include

    mutating func applyIncludes(_ node: Node, into root: inout NodeObject) throws {
        for (i, item) in (node.array ?? []).enumerated() {
            let path = KeyPath([.key("include"), .index(i)])
            var paths: [String] = []
            var projectDirectory: String? = nil
            var envFile: String? = nil
            if let s = item.string {
                paths = [s]
            } else if let o = item.object {
                if let p = o["path"] {
                    paths = p.string.map { [$0] } ?? (p.array ?? []).map(ComposeMerge.scalarText)
                }
                projectDirectory = o["project_directory"]?.string
                envFile = o["env_file"].flatMap { $0.string ?? $0.array?.first?.string }
            }
            let base = Paths.directory(of: item.location.file)
            let files = paths.map { Paths.isAbsolute($0) ? $0 : displayPath(Paths.absolute($0, base: base)) }
            guard let firstFile = files.first else { throw composeError("an include needs a path", path: path, node: item) }
            for file in files where !FileIO.exists(file) {
                throw composeError("the included file \(file) does not exist", path: path, node: item)
            }
            var sub = options
            sub.files = files
            sub.directory = projectDirectory.map { Paths.absolute($0, base: base) } ?? Paths.directory(of: firstFile)
            sub.envFile = envFile.map { Paths.absolute($0, base: base) }
            sub.projectName = nil
            var subLoader = Loader(options: sub, diagnostics: diagnostics)
            let included = try subLoader.load()
            // The included services keep their paths: resolve them against their own directory.
            var services = root["services"]?.object ?? NodeObject()
            for s in included.services {
                if let existing = services.entry(s.name) {
                    throw composeError(
                        "service \"\(s.name)\" is defined both here (\(existing.keyLocation)) and by the included \(firstFile)",
                        path: path, node: item)
                }
                services.set(s.name, Node(.object(absolutizePaths(s.definition, directory: included.workingDirectory)), at: s.location), keyLocation: s.location)
            }
            root.set("services", Node(.object(services), at: root["services"]?.location ?? item.location))
            for (key, section) in [("volumes", included.volumes), ("networks", included.networks), ("secrets", included.secrets), ("configs", included.configs)] where !section.isEmpty {
                var existing = root[key]?.object ?? NodeObject()
                for e in section.entries where existing[e.key] == nil {
                    var value = e.value
                    if var o = value.object, let file = o["file"]?.string, !Paths.isAbsolute(file) {
                        o.set("file", Node(scalar: .string(Paths.absolute(file, base: included.workingDirectory)), at: o["file"]!.location))
                        value.content = .object(o)
                    }
                    existing.set(e.key, value, keyLocation: e.keyLocation)
                }
                root.set(key, Node(.object(existing), at: root[key]?.location ?? item.location))
            }
        }
    }

    /// A service definition with its relative paths (build context, env files, bind sources,
    /// `extends.file`) made absolute against `directory`.
    func absolutizePaths(_ service: NodeObject, directory: String) -> NodeObject {
        var s = service
        func absolute(_ node: Node) -> Node {
            guard let text = node.string, !Paths.isAbsolute(text) else { return node }
            if text.hasPrefix("~") { return node }
            return Node(scalar: .string(Paths.absolute(text, base: directory)), at: node.location)
        }
        if let build = s["build"] {
            if build.string != nil, !isURL(build.string!) {
                s.set("build", absolute(build))
            } else if var o = build.object, let context = o["context"], let text = context.string, !isURL(text) {
                o.set("context", absolute(context))
                s.set("build", Node(.object(o), at: build.location))
            }
        }
        if let envFile = s["env_file"] {
            if envFile.string != nil {
                s.set("env_file", absolute(envFile))
            } else if let items = envFile.array {
                s.set("env_file", Node(.array(items.map { item in
                    if var o = item.object, let p = o["path"] {
                        o.set("path", absolute(p))
                        return Node(.object(o), at: item.location)
                    }
                    return absolute(item)
                }), at: envFile.location))
            }
        }
        if let volumes = s["volumes"]?.array {
            s.set("volumes", Node(.array(volumes.map { v in
                if let text = v.string {
                    let parts = text.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
                    if parts.count == 2, parts[0].hasPrefix(".") {
                        return Node(scalar: .string(Paths.absolute(String(parts[0]), base: directory) + ":" + parts[1]), at: v.location)
                    }
                    return v
                }
                if var o = v.object, o["type"]?.string == "bind", let source = o["source"], source.string?.hasPrefix(".") == true {
                    o.set("source", absolute(source))
                    return Node(.object(o), at: v.location)
                }
                return v
            }), at: s["volumes"]!.location))
        }
        if let ext = s["extends"], var o = ext.object, let file = o["file"] {
            o.set("file", absolute(file))
            s.set("extends", Node(.object(o), at: ext.location))
        }
        return s
    }

    func isURL(_ s: String) -> Bool {
        ["http://", "https://", "git://", "github.com/", "git@"].contains { s.hasPrefix($0) }
    }

    // MARK: - extends

    func resolveExtends(_ services: inout NodeObject, format: ComposeFormat) throws {
        let snapshot = services
        var cache: [String: NodeObject] = [:]
        for e in snapshot.entries where e.value.object?["extends"] != nil {
            let resolved = try resolve(
                name: e.key, service: e.value.object!, file: nil, services: snapshot, chain: [], format: format, cache: &cache)
            services.set(e.key, Node(.object(resolved), at: e.value.location), keyLocation: e.keyLocation)
        }
    }

    /// `service` with its `extends` chain merged in. `file` is the file the service was read
    /// from when it is not part of the project's own files.
    func resolve(
        name: String, service: NodeObject, file: String?, services: NodeObject, chain: [String], format: ComposeFormat,
        cache: inout [String: NodeObject]
    ) throws -> NodeObject {
        let key = (file ?? "") + "\u{0}" + name
        if let done = cache[key] { return done }
        guard let ext = service.entry("extends") else { return service }
        let path = KeyPath([.key("services"), .key(name), .key("extends")])
        if chain.contains(key) {
            let names = (chain + [key]).map { $0.split(separator: "\u{0}").last.map(String.init) ?? $0 }
            throw composeError("circular extends: \(names.joined(separator: " -> "))", path: path, node: ext.value)
        }
        var baseName: String
        var baseFile: String? = file
        if let s = ext.value.string {
            baseName = s
        } else if let o = ext.value.object, let s = o["service"]?.string {
            baseName = s
            if let f = o["file"]?.string {
                let declaring = Paths.directory(of: ext.value.location.file)
                baseFile = Paths.isAbsolute(f) ? f : displayPath(Paths.absolute(f, base: declaring))
            }
        } else {
            throw composeError("extends needs a service name", path: path, node: ext.value)
        }
        var base: NodeObject
        var baseServices = services
        if let baseFile, baseFile != file {
            guard FileIO.exists(baseFile) else {
                throw composeError("cannot extend service \"\(baseName)\": \(baseFile) does not exist", path: path, node: ext.value)
            }
            let read = try process(try readFile(baseFile))
            baseServices = read.root["services"]?.object ?? NodeObject()
            guard let b = baseServices[baseName]?.object else {
                throw composeError("cannot extend service \"\(baseName)\" in \(baseFile): no such service", path: path, node: ext.value)
            }
            base = absolutizePaths(b, directory: Paths.absolute(Paths.directory(of: baseFile)))
        } else {
            guard let b = services[baseName]?.object else {
                throw composeError("cannot extend service \"\(baseName)\": no such service", path: path, node: ext.value)
            }
            base = b
        }
        base = try resolve(name: baseName, service: base, file: baseFile, services: baseServices, chain: chain + [key], format: format, cache: &cache)
        base.remove("extends")
        var own = service
        own.remove("extends")
        if own["healthcheck"]?["disable"]?.scalar == .bool(true), base["healthcheck"] != nil,
            base["healthcheck"]?["disable"]?.scalar != .bool(true)
        {
            // The spec: disable: true cannot override an enabled referenced healthcheck
            // partially; docker-compose replaces the whole healthcheck then.
            base.remove("healthcheck")
        }
        let merged = ComposeMerge.services(base, own, rules: mergeRules(format))
        cache[key] = merged
        return merged
    }

    // MARK: - Profiles

    func applyProfiles(_ services: inout NodeObject) throws {
        var active = Set(options.profiles)
        if let env = options.environment["COMPOSE_PROFILES"] {
            for p in env.split(separator: ",") { active.insert(GoSyntax.trimSpace(p)) }
        }
        if active.contains("*") { return }
        services.filter { e in
            guard let profiles = e.value["profiles"]?.array, !profiles.isEmpty else { return true }
            return profiles.contains { active.contains(ComposeMerge.scalarText($0)) }
        }
    }

    // MARK: - References

    func checkReferences(_ services: NodeObject, root: NodeObject, format: ComposeFormat) throws {
        let names = Set(services.keys)
        let volumes = root["volumes"]?.object ?? NodeObject()
        let networks = root["networks"]?.object ?? NodeObject()
        for e in services.entries {
            guard let s = e.value.object else { continue }
            let path = KeyPath([.key("services"), .key(e.key)])
            if dialect == .compose, s["image"] == nil, s["build"] == nil {
                throw composeError("the service has neither an image nor a build context; give it one", path: path, at: e.keyLocation)
            }
            if let deps = s["depends_on"] {
                let listed = deps.array?.map { ($0.string ?? "", $0) } ?? deps.object?.entries.map { ($0.key, Node(scalar: .string($0.key), at: $0.keyLocation)) } ?? []
                for (dep, node) in listed where !names.contains(dep) {
                    throw composeError("depends on service \"\(dep)\", which is not defined", path: path / "depends_on", node: node)
                }
            }
            for (i, link) in (s["links"]?.array ?? []).enumerated() {
                let target = String(ComposeMerge.scalarText(link).split(separator: ":", maxSplits: 1).first ?? "")
                if !names.contains(target) {
                    throw composeError("links to service \"\(target)\", which is not defined", path: path / "links" / i, node: link)
                }
            }
            for key in ["network_mode", "pid", "ipc"] {
                if let mode = s[key]?.string, mode.hasPrefix("service:"), !names.contains(String(mode.dropFirst(8))) {
                    throw composeError("uses service \"\(mode.dropFirst(8))\", which is not defined", path: path / key, node: s[key])
                }
            }
            if format != .v1, let nets = s["networks"] {
                let listed = nets.array?.map { (ComposeMerge.scalarText($0), $0) } ?? nets.object?.entries.map { ($0.key, Node(scalar: .null, at: $0.keyLocation)) } ?? []
                for (net, node) in listed where net != "default" && networks[net] == nil {
                    throw composeError("uses network \"\(net)\", which is not declared under the top-level networks", path: path / "networks", node: node)
                }
            }
            if format != .v1 {
                for (i, v) in (s["volumes"]?.array ?? []).enumerated() {
                    guard let parsed = try? ServiceVolume.parse(v, path: path / "volumes" / i, directory: projectDirectory, home: home),
                        parsed.isNamedVolume, let name = parsed.source, volumes[name] == nil
                    else { continue }
                    if dialect == .ecsCLI {
                        throw composeError("named volume [\(name)] is used but no declaration was found in the volumes section", path: path / "volumes" / i, node: v)
                    }
                    throw composeError("uses volume \"\(name)\", which is not declared under the top-level volumes", path: path / "volumes" / i, node: v)
                }
            }
            for kind in ["secrets", "configs"] {
                let declared = root[kind]?.object ?? NodeObject()
                for (i, item) in (s[kind]?.array ?? []).enumerated() {
                    let source = item.string ?? item["source"]?.string ?? ""
                    if declared[source] == nil {
                        throw composeError("uses \(kind.dropLast()) \"\(source)\", which is not declared under the top-level \(kind)", path: path / kind / i, node: item)
                    }
                }
            }
        }
    }

    // MARK: - The typed service

    func makeService(_ entry: NodeObject.Entry, format: ComposeFormat) throws -> ComposeService {
        let path = KeyPath([.key("services"), .key(entry.key)])
        guard let s = entry.value.object else {
            throw composeError("a service must be a mapping", path: path, node: entry.value)
        }
        var ports: [ServicePort] = []
        for (i, p) in (s["ports"]?.array ?? []).enumerated() {
            ports += try ServicePort.parse(p, path: path / "ports" / i)
        }
        var volumes: [ServiceVolume] = []
        for (i, v) in (s["volumes"]?.array ?? []).enumerated() {
            volumes.append(try ServiceVolume.parse(v, path: path / "volumes" / i, directory: projectDirectory, home: home))
        }
        if dialect == .compose {
            var seen: [String: ServiceVolume] = [:]
            for v in volumes {
                if seen[v.target] != nil {
                    throw composeError("duplicate mount point \(v.target)", path: path / "volumes", at: v.location)
                }
                seen[v.target] = v
            }
        }
        let envFiles = envFilePaths(s, path: path)
        let environment = try resolveEnvironment(s, envFiles: envFiles, path: path, format: format)
        return ComposeService(
            name: entry.key, definition: s, location: entry.keyLocation, path: path, environment: environment,
            envFiles: envFiles.map(\.path), ports: ports, volumes: volumes)
    }

    struct EnvFileRef {
        var path: String
        var required: Bool
        var node: Node
    }

    func envFilePaths(_ s: NodeObject, path: KeyPath) -> [EnvFileRef] {
        guard let node = s["env_file"] else { return [] }
        let items = node.string != nil ? [node] : (node.array ?? [])
        return items.compactMap { item in
            var required = true
            var text = item.string
            if let o = item.object {
                text = o["path"]?.string
                if case .scalar(.bool(let b))? = o["required"]?.content { required = b }
            }
            guard let text else { return nil }
            let resolved = Paths.isAbsolute(text) ? text : displayPath(Paths.absolute(Paths.expandUser(text, home: home), base: projectDirectory))
            return EnvFileRef(path: resolved, required: required, node: item)
        }
    }

    func resolveEnvironment(_ s: NodeObject, envFiles: [EnvFileRef], path: KeyPath, format: ComposeFormat) throws -> [EnvironmentVariable] {
        var result: [EnvironmentVariable] = []
        func set(_ v: EnvironmentVariable) {
            if let i = result.firstIndex(where: { $0.name == v.name }) { result[i] = v } else { result.append(v) }
        }
        let ecsV1V2 = dialect == .ecsCLI && (format == .v1 || format == .v2)
        let env = environment
        for ref in envFiles {
            guard FileIO.exists(ref.path), !FileIO.isDirectory(ref.path) else {
                if !ref.required { continue }
                throw composeError("env file \(ref.path) not found", path: path / "env_file", node: ref.node)
            }
            let bytes = try FileIO.read(ref.path, limits: .regularFiles())
            let entries: [DotEnv.Entry]
            if dialect == .ecsCLI && format != .spec {
                entries = try DotEnv.parseRaw(bytes, file: ref.path, shell: { self.options.environment[$0] }, trimLines: ecsV1V2)
            } else {
                entries = try DotEnv.parse(bytes, file: ref.path, lookup: { env[$0] })
            }
            for e in entries {
                set(EnvironmentVariable(
                    name: e.key, value: e.value ?? env[e.key], location: SourceLocation(file: ref.path, line: e.line, column: 1),
                    fromEnvFile: true))
            }
        }
        let fileKeys = Set(result.map(\.name))
        if let node = s["environment"] {
            let declared = ComposeMerge.mapping(node, split: .env)
            for e in declared.entries {
                if e.key.contains(where: { $0 == " " || $0 == "\t" }) {
                    throw composeError("environment variable name '\(e.key)' may not contain whitespace", path: path / "environment", at: e.keyLocation)
                }
                var value: String?
                switch e.value.content {
                case .scalar(.null): value = nil
                case .scalar(.string(let v)): value = v
                case .scalar(.bool(let b)):
                    if ecsV1V2 {
                        throw composeError("environment values must be strings or numbers (libcompose refuses booleans); quote it", path: path / "environment" / e.key, node: e.value)
                    }
                    value = b ? "true" : "false"
                case .scalar(let n): value = YAMLOutputRules.numberText(n) ?? ""
                default:
                    throw composeError("an environment value must be a string, number or boolean", path: path / "environment" / e.key, node: e.value)
                }
                // libcompose: a key already given by `environment` keeps its value over env files;
                // later env files do not override it (they are added only when missing).
                set(EnvironmentVariable(name: e.key, value: value, location: e.value.location, fromEnvFile: false))
            }
            if ecsV1V2 {
                // libcompose adds env_file lines only for keys `environment` lacks; the files
                // were read first above, and `environment` replaced what it names.
                _ = fileKeys
            }
        }
        // Variables without a value.
        for i in result.indices {
            switch dialect {
            case .compose:
                if result[i].value == nil { result[i].value = env[result[i].name] }
            case .ecsCLI:
                let v = result[i].value
                if v == nil || v == "" {
                    if let found = ecsLookup(result[i].name) {
                        result[i].value = found
                    } else {
                        if ecsV1V2 {
                            diagnostics.warn("the environment variable \(result[i].name) is not set anywhere; its value is empty (as ecs-cli sends it)", at: result[i].location)
                        }
                        result[i].value = ""
                    }
                }
            }
        }
        return result
    }
}
