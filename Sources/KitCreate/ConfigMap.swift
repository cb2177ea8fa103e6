import KitCore
import KitModel

/// `kubectl create configmap NAME [--from-file=[KEY=]SOURCE] [--from-literal=KEY=VALUE]
/// [--from-env-file=FILE] [--append-hash]`.
public struct ConfigMapOptions: Sendable {
    public var name: String
    public var namespace: String?
    /// `--from-file`: files (key = base name, or `KEY=PATH`) and directories.
    public var fileSources: [String]
    /// `--from-literal`: `KEY=VALUE`.
    public var literalSources: [String]
    /// `--from-env-file`: files of `KEY=VALUE` lines.
    public var envFileSources: [String]
    /// `--append-hash`: append kubectl's content hash to the name.
    public var appendHash: Bool
    public var fileSystem: any SourceFileSystem
    /// The value of an environment variable, for env-file lines that name one without `=`.
    public var environment: @Sendable (String) -> String?

    public init(name: String, namespace: String? = nil, fileSources: [String] = [], literalSources: [String] = [],
                envFileSources: [String] = [], appendHash: Bool = false,
                fileSystem: any SourceFileSystem = LocalFileSystem(), environment: @escaping @Sendable (String) -> String? = { _ in nil }) {
        self.name = name
        self.namespace = namespace
        self.fileSources = fileSources
        self.literalSources = literalSources
        self.envFileSources = envFileSources
        self.appendHash = appendHash
        self.fileSystem = fileSystem
        self.environment = environment
    }
}

extension Create {
    /// The ConfigMap `kubectl create configmap` prints: text under `data`, files that are
    /// not UTF-8 under `binaryData` (base64); files first, then literals, then env files.
    public static func configMap(_ o: ConfigMapOptions) throws(CreateError) -> Core.V1.ConfigMap {
        if o.name.isEmpty { throw CreateError("name must be specified") }
        if !o.envFileSources.isEmpty && (!o.fileSources.isEmpty || !o.literalSources.isEmpty) {
            throw CreateError("from-env-file cannot be combined with from-file or from-literal")
        }
        try NameCheck.check(kind: "ConfigMap", name: o.name, rule: .dns1123Subdomain, namespace: explicitNamespace(o.namespace))

        var data: [(String, String)] = []
        var binary: [(String, String)] = []
        func add(_ key: String, text: String?, bytes: [UInt8]) throws(CreateError) {
            let errors = Validation.configMapKey(key)
            if !errors.isEmpty {
                throw CreateError("\(GoSyntax.quote(key)) is not a valid key name for a ConfigMap: \(errors.joined(separator: ","))")
            }
            if data.contains(where: { $0.0 == key }) {
                throw CreateError("cannot add key \(GoSyntax.quote(key)), another key by that name already exists in Data for ConfigMap \(GoSyntax.quote(o.name))")
            }
            if binary.contains(where: { $0.0 == key }) {
                throw CreateError("cannot add key \(GoSyntax.quote(key)), another key by that name already exists in BinaryData for ConfigMap \(GoSyntax.quote(o.name))")
            }
            if let text { data.append((key, text)) } else { binary.append((key, Base64.encode(bytes))) }
        }
        for source in o.fileSources {
            for entry in try DataSources.files(source, fileSystem: o.fileSystem) {
                try add(entry.key, text: String(validating: entry.bytes, as: UTF8.self), bytes: entry.bytes)
            }
        }
        for source in o.literalSources {
            let (key, value) = try DataSources.literal(source, secret: false)
            try add(key, text: value, bytes: [])
        }
        for path in o.envFileSources {
            for (key, value) in try DataSources.envFile(path, fileSystem: o.fileSystem, environment: o.environment, secret: false) {
                try add(key, text: value, bytes: [])
            }
        }

        var configMap = Core.V1.ConfigMap.makeNew()
        var name = o.name
        if o.appendHash {
            name += "-" + ContentHash.configMap(name: o.name, data: data, binaryData: binary)
        }
        configMap.metadata = objectMeta(name: name, namespace: explicitNamespace(o.namespace))
        if !data.isEmpty { configMap.data = sortedMap(data) }
        if !binary.isEmpty { configMap.binaryData = sortedMap(binary) }
        return configMap
    }
}
