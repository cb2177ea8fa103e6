import KitCore
import KitModel
import KitRender

/// What to check and how.
public struct ValidateOptions: Sendable {
    /// The rule families to run (fatal findings are reported whatever this says).
    public var families: Set<RuleFamily> = Set(RuleFamily.allCases)
    /// Unknown fields are errors (kubectl `--validate=strict`), not warnings.
    public var strict = false
    /// Objects without a schema are errors, not warnings.
    public var requireSchemas = false
    /// Cross-object checks assume the input holds everything (see the `refs` rules).
    public var closedWorld = false
    /// The Kubernetes version to check against (`1.32`, `v1.37.0`); nil for kit's own (1.37).
    public var kubernetesVersion: String?
    /// Extra schema locations (kubeconform's layout or templates).
    public var schemaLocations: [SchemaLocation] = []
    /// Rules (by id) not to report.
    public var disabled: Set<String> = []
    /// How `-k` builds load files.
    public var renderOptions = RenderOptions()
    /// `--compose`: the variables compose files are interpolated with (the process environment).
    public var composeEnvironment: [String: String] = [:]
    /// `--compose`: `EC2` or `FARGATE`, for the ECS task definition's rules.
    public var composeLaunchType: String?

    public init() {}
}

/// The outcome of a run: the findings (located, in input order), and what was checked.
public struct ValidationReport: Sendable {
    public var findings: [Finding]
    /// The inputs, in order (file names, `-`, or a kustomization directory).
    public var inputs: [String]
    /// Files (or rendered kustomizations) read.
    public var files: Int
    /// Objects checked.
    public var objects: Int
    /// Each object checked: its file and `Kind/name` (for reports that list passing objects).
    public var checkedObjects: [(file: String, object: String)] = []
    /// The Kubernetes version checked against (`v1.37.0`).
    public var kubernetesVersion: String
    /// Warnings of `-k` builds (kustomize's deprecation notes), for the CLI to print.
    public var renderWarnings: [String] = []

    public func count(_ severity: Severity) -> Int { findings.filter { $0.severity == severity }.count }

    /// Whether any finding is at least `severity`.
    public func fails(at severity: Severity) -> Bool { findings.contains { $0.severity >= severity } }
}

/// Runs `kit validate`: reads the inputs, runs the rule families, locates and orders the
/// findings.
public final class Validator {
    public let options: ValidateOptions
    let registry: SchemaRegistry

    /// Fails (a usage error) when the Kubernetes version is not compiled in.
    public init(options: ValidateOptions) throws {
        self.options = options
        let kubernetes: KubernetesSchema
        if let version = options.kubernetesVersion {
            guard let found = KubernetesSchema.bundled(version: version) else {
                throw KitError(
                    "Kubernetes version \(version) is not compiled into kit; available: "
                        + KubernetesSchema.bundledVersions.joined(separator: ", ") + " (any patch release of these)")
            }
            kubernetes = found
        } else {
            kubernetes = KubernetesSchema.shared
        }
        registry = SchemaRegistry(bundled: BundledSchemas(kubernetes), strict: options.strict, locations: options.schemaLocations)
    }

    /// A finding before it is located: the object it is about (an index into the manifests)
    /// or a location already known.
    struct Pending {
        var finding: Finding
        var manifest: Int?
    }

    /// Validates the inputs. Throws (exit 2) when a path cannot be read; everything wrong
    /// inside the files is a finding.
    public func validate(_ inputs: [ValidationInput]) throws -> ValidationReport {
        var files: [SourceFile] = []
        var manifests: [Manifest] = []
        var pending: [Pending] = []
        var renderWarnings: [String] = []
        var fileOrder: [String: Int] = [:]
        var inputNames: [String] = []
        var composeFiles = 0
        var composeServices: [(file: String, object: String)] = []

        for input in inputs {
            switch input {
            case .path(let path):
                inputNames.append(path)
                for name in try InputReader.files(of: path) {
                    let file = SourceFile(name: name, bytes: try FileIO.read(name))
                    fileOrder[name] = fileOrder[name] ?? fileOrder.count
                    files.append(file)
                    collect(file, into: &manifests, findings: &pending)
                }
            case .kustomization(let directory):
                inputNames.append(directory)
                let rendered = RenderedInput.read(directory: directory, options: options.renderOptions)
                renderWarnings += rendered.warnings
                if let error = rendered.error {
                    pending.append(Pending(finding: Finding(rule: "parse-error", severity: .error, message: error.message,
                        location: error.location ?? SourceLocation(file: directory, line: 1, column: 1)), manifest: nil))
                }
                for m in rendered.manifests {
                    if let name = m.file?.name, fileOrder[name] == nil { fileOrder[name] = fileOrder.count }
                    manifests.append(m)
                }
                files.append(contentsOf: rendered.files)
            case .compose(let directory):
                inputNames.append(directory)
                let compose = try ComposeInput.read(directory: directory, options: options)
                for file in compose.files where fileOrder[file] == nil { fileOrder[file] = fileOrder.count }
                composeFiles += compose.files.count
                composeServices += compose.services
                for f in compose.findings {
                    if let file = f.location?.file, fileOrder[file] == nil { fileOrder[file] = fileOrder.count }
                    pending.append(Pending(finding: f, manifest: nil))
                }
            }
        }

        // CRDs first: their custom resources anywhere in the input use them.
        registry.removeCRDs()
        for m in manifests where m.kind == "CustomResourceDefinition" && m.apiVersion == "apiextensions.k8s.io/v1" {
            registry.register(crd: m.value)
        }

        let families = options.families
        if families.contains(.schema) || families.contains(.values) {
            for (i, m) in manifests.enumerated() {
                for f in schemaFindings(m) { pending.append(Pending(finding: f, manifest: i)) }
            }
        }
        if families.contains(.values) {
            for (i, m) in manifests.enumerated() {
                for f in ObjectValueChecks.check(m) { pending.append(Pending(finding: f, manifest: i)) }
            }
        }
        if families.contains(.refs) {
            var refs = CrossObjectChecks(manifests: manifests, closedWorld: options.closedWorld)
            for (i, f) in refs.run() {
                pending.append(Pending(finding: f, manifest: i))
            }
        }
        if families.contains(.lint) {
            var lint = LintChecks(manifests: manifests, kubernetesVersion: registry.bundled.kubernetesVersion)
            for (i, f) in lint.run() { pending.append(Pending(finding: f, manifest: i)) }
        }

        var findings: [Finding] = []
        for p in pending {
            guard var f = keep(p, manifests: manifests) else { continue }
            if let i = p.manifest {
                let m = manifests[i]
                f.object = f.object ?? m.displayName
                if f.location == nil { f.location = Locator.locate(f, in: m) }
            }
            findings.append(f)
        }
        findings.sort { a, b in
            let fa = a.location.map { fileOrder[$0.file] ?? Int.max } ?? Int.max
            let fb = b.location.map { fileOrder[$0.file] ?? Int.max } ?? Int.max
            if fa != fb { return fa < fb }
            let (la, lb) = (a.location?.line ?? 0, b.location?.line ?? 0)
            if la != lb { return la < lb }
            let (ca, cb) = (a.location?.column ?? 0, b.location?.column ?? 0)
            if ca != cb { return ca < cb }
            return a.rule < b.rule
        }
        return ValidationReport(
            findings: findings, inputs: inputNames, files: files.count + composeFiles, objects: manifests.count + composeServices.count,
            checkedObjects: manifests.map { ($0.start.file, $0.displayName) } + composeServices,
            kubernetesVersion: registry.bundled.kubernetesVersion, renderWarnings: renderWarnings)
    }

    /// Whether a finding survives `--rules`, `--disable` and the object's `kit.dev/ignore`
    /// annotation, with its severity adjusted by `--require-schemas`.
    func keep(_ p: Pending, manifests: [Manifest]) -> Finding? {
        var f = p.finding
        guard let rule = RuleCatalog.rule(f.rule) else { return f }
        if rule.fatal { return f }
        if !options.families.contains(rule.family) || options.disabled.contains(rule.id) { return nil }
        if let i = p.manifest {
            let ignored = manifests[i].ignored
            if ignored.contains(rule.id) || ignored.contains(rule.family.rawValue) || ignored.contains("all") { return nil }
        }
        if rule.id == "schema-unknown-kind" && options.requireSchemas { f.severity = .error }
        return f
    }

    // MARK: Reading documents into objects

    /// The objects of a file, and the findings of its syntax.
    func collect(_ file: SourceFile, into manifests: inout [Manifest], findings: inout [Pending]) {
        if let error = file.parseError {
            findings.append(Pending(finding: Finding(rule: "parse-error", severity: .error, message: error.message, location: error.location), manifest: nil))
            return
        }
        for (index, document) in file.documents.enumerated() {
            for (path, location) in document.duplicateKeys {
                findings.append(Pending(finding: Finding(
                    rule: "duplicate-key", severity: .error,
                    message: "duplicate key \"\(path.last.map { "\($0)" } ?? "")\": the last value is used", location: location, path: path),
                    manifest: nil))
            }
            let timestamps = Set(document.yaml11Timestamps)
            collectObject(document.value, prefix: [], file: file, document: index, start: document.location,
                timestamps: timestamps, into: &manifests, findings: &findings)
        }
    }

    func collectObject(
        _ value: Value, prefix: [PathComponent], file: SourceFile, document: Int, start: SourceLocation,
        timestamps: Set<[PathComponent]>, into manifests: inout [Manifest], findings: inout [Pending]
    ) {
        func fatal(_ rule: String, _ message: String, _ path: [PathComponent] = []) {
            var f = Finding(rule: rule, severity: .error, message: message, path: prefix + path)
            f.location = Locator.locate(path: prefix + path, key: false, file: file, document: document, fallback: start)
            findings.append(Pending(finding: f, manifest: nil))
        }
        switch value {
        case .null:
            return
        case .array(let a) where a.isEmpty:
            return
        case .object(let o) where o.isEmpty:
            return
        case .object(let o):
            if let api = o["apiVersion"]?.stringValue, api.hasPrefix("kustomize.config.k8s.io/") {
                var f = Finding(rule: "kustomization-file", severity: .info,
                    message: "a \(o["kind"]?.stringValue ?? "kustomization") is a build input, not an object: not checked (validate what it builds with -k DIR)", path: prefix)
                f.location = Locator.locate(path: prefix, key: false, file: file, document: document, fallback: start)
                findings.append(Pending(finding: f, manifest: nil))
                return
            }
            if let problem = SyntaxChecks.identityProblem(o) {
                fatal("object-identity", problem.message, problem.path)
                return
            }
            if SyntaxChecks.isList(o), case .array(let items)? = o["items"] {
                for (i, item) in items.enumerated() {
                    let itemPath: [PathComponent] = [.key("items"), .index(i)]
                    let itemTimestamps = Set(timestamps.compactMap { t in t.starts(with: itemPath) ? Array(t.dropFirst(2)) : nil })
                    if case .object = item {
                        collectObject(item, prefix: prefix + itemPath, file: file, document: document, start: start,
                            timestamps: itemTimestamps, into: &manifests, findings: &findings)
                    } else {
                        fatal("not-an-object", "a List item must be an object, found \(item.typeName)", itemPath)
                    }
                }
                return
            }
            manifests.append(Manifest(value: value, file: file, documentIndex: document, prefix: prefix, start: start, timestamps: timestamps))
        default:
            fatal("not-an-object", "a document must be an object (a mapping), found \(value.typeName)")
        }
    }

    // MARK: Schema

    /// The schema and values findings of one object (paths relative to the object).
    func schemaFindings(_ m: Manifest) -> [Finding] {
        guard let schema = registry.schema(apiVersion: m.apiVersion, kind: m.kind) else {
            let version = registry.bundled.kubernetesVersion
            let builtIn = KubernetesSchema.shared.isNamespaced(m.gvk) != nil
            var message = "no schema for \(m.apiVersion) \(m.kind)"
            if builtIn {
                message += " in Kubernetes \(version) (a version it does not serve); the object is not schema-checked"
            } else if m.gvk.group.isEmpty || m.gvk.group.hasSuffix(".k8s.io") {
                message += ": not a kind of Kubernetes \(version); the object is not schema-checked"
            } else {
                message += ": add its CustomResourceDefinition to the input or use --schema-location; the object is not schema-checked"
            }
            return [Finding(rule: "schema-unknown-kind", severity: .warning, message: message, path: [.key("kind")])]
        }
        var walker = SchemaWalker(strict: options.strict, checkValues: options.families.contains(.values))
        walker.timestamps = m.timestamps
        walker.walk(m.value, schema)
        return walker.findings
    }
}
