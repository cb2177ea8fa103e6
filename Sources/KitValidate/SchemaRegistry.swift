import KitCore
import KitModel

/// Finds the schema of an object: a CustomResourceDefinition in the input, then the files under
/// `--schema-location` (in the order given), then the bundled Kubernetes definitions.
final class SchemaRegistry: @unchecked Sendable {
    let bundled: BundledSchemas
    let strict: Bool
    let locations: [SchemaLocation]
    private var crds: [GroupVersionKind: Schema] = [:]
    private var files: [String: Schema?] = [:]

    init(bundled: BundledSchemas, strict: Bool, locations: [SchemaLocation]) {
        self.bundled = bundled
        self.strict = strict
        self.locations = locations
    }

    /// The schema for `apiVersion`/`kind`, or nil when none is known.
    func schema(apiVersion: String, kind: String) -> Schema? {
        if !crds.isEmpty, let crd = crds[GroupVersionKind(apiVersion: apiVersion, kind: kind)] { return crd }
        for location in locations {
            let path = location.path(apiVersion: apiVersion, kind: kind, kubernetesVersion: bundled.kubernetesVersion, strict: strict)
            if let schema = file(path) { return schema }
        }
        return bundled.documentSchema(apiVersion: apiVersion, kind: kind)
    }

    /// Forgets the CRDs of an earlier run.
    func removeCRDs() { crds.removeAll() }

    private func file(_ path: String) -> Schema? {
        if let done = files[path] { return done }
        var schema: Schema? = nil
        if FileIO.exists(path), let bytes = try? FileIO.read(path), let document = try? JSONReader.read(bytes, file: path) {
            let compiler = JSONSchemaCompiler(dialect: .jsonSchema) { other in
                guard let b = try? FileIO.read(other) else { return nil }
                return try? JSONReader.read(b, file: other)
            }
            schema = compiler.compile(document, file: path)
        }
        files[path] = schema
        return schema
    }

    // MARK: CRDs

    /// Registers the versions of a CustomResourceDefinition (apiextensions.k8s.io/v1) found in
    /// the input, so that its custom resources are checked against its `openAPIV3Schema`.
    func register(crd: Value) {
        guard let spec = crd["spec"], let group = spec["group"]?.stringValue, let kind = spec["names"]?["kind"]?.stringValue,
            case .array(let versions)? = spec["versions"]
        else { return }
        for version in versions {
            guard let name = version["name"]?.stringValue, let root = version["schema"]?["openAPIV3Schema"] else { continue }
            let compiler = JSONSchemaCompiler(dialect: .crd)
            let schema = compiler.compile(root)
            // The API server accepts apiVersion, kind and metadata on every custom resource.
            if schema.properties["apiVersion"] == nil {
                let s = Schema()
                s.types = [.string]
                schema.addProperty("apiVersion", s)
            }
            if schema.properties["kind"] == nil {
                let s = Schema()
                s.types = [.string]
                schema.addProperty("kind", s)
            }
            if schema.properties["metadata"] == nil, let meta = bundled.definition("io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta") {
                schema.addProperty("metadata", meta)
            }
            if schema.types == .all { schema.types = [.object] }
            crds[GroupVersionKind(group: group, version: name, kind: kind)] = schema
        }
    }
}

/// One `--schema-location`: a directory (kubeconform's layout below it,
/// `{{ .NormalizedKubernetesVersion }}-standalone{{ .StrictSuffix }}/{{ .ResourceKind }}{{ .KindSuffix }}.json`)
/// or a path template ending in `json` with kubeconform's variables.
public struct SchemaLocation: Sendable, Equatable {
    public let template: String

    static let variables = ["NormalizedKubernetesVersion", "StrictSuffix", "ResourceKind", "ResourceAPIVersion", "Group", "KindSuffix"]

    /// Checks the template (exit 2 on a bad one).
    public init(_ location: String) throws {
        var t = location
        if !t.hasSuffix("json") {
            t = FileIO.join(t, "{{ .NormalizedKubernetesVersion }}-standalone{{ .StrictSuffix }}/{{ .ResourceKind }}{{ .KindSuffix }}.json")
        }
        template = t
        _ = try expand(["NormalizedKubernetesVersion": "", "StrictSuffix": "", "ResourceKind": "", "ResourceAPIVersion": "", "Group": "", "KindSuffix": ""])
    }

    /// The file for an object, as kubeconform computes it.
    func path(apiVersion: String, kind: String, kubernetesVersion: String, strict: Bool) -> String {
        let parts = apiVersion.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        let firstLabel = parts[0].split(separator: ".", omittingEmptySubsequences: false).first.map(String.init) ?? ""
        var kindSuffix = "-" + firstLabel.lowercased()
        if parts.count > 1 { kindSuffix += "-" + parts[1].lowercased() }
        let values = [
            "NormalizedKubernetesVersion": kubernetesVersion.hasPrefix("v") ? kubernetesVersion : "v" + kubernetesVersion,
            "StrictSuffix": strict ? "-strict" : "",
            "ResourceKind": kind.lowercased(),
            "ResourceAPIVersion": parts[parts.count - 1],
            "Group": parts[0],
            "KindSuffix": kindSuffix,
        ]
        return (try? expand(values)) ?? template
    }

    /// Replaces `{{ .Name }}` (spaces optional) with its value.
    func expand(_ values: [String: String]) throws -> String {
        var out = ""
        var rest = Substring(template)
        while let open = rest.firstRange(of: "{{") {
            out += rest[..<open.lowerBound]
            guard let close = rest[open.upperBound...].firstRange(of: "}}") else {
                throw KitError("--schema-location \(template): unclosed {{")
            }
            var name = String(rest[open.upperBound..<close.lowerBound]).trimmingSpaces()
            guard name.hasPrefix(".") else { throw KitError("--schema-location \(template): expected {{ .Name }}, found {{ \(name) }}") }
            name.removeFirst()
            guard let value = values[name] else {
                throw KitError("--schema-location \(template): unknown variable .\(name) (known: \(SchemaLocation.variables.map { "." + $0 }.joined(separator: ", ")))")
            }
            out += value
            rest = rest[close.upperBound...]
        }
        return out + rest
    }
}
