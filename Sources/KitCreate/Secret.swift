import KitCore
import KitModel

/// `kubectl create secret generic NAME [--type=TYPE] [--from-file=[KEY=]SOURCE]
/// [--from-literal=KEY=VALUE] [--from-env-file=FILE] [--append-hash]`.
public struct SecretOptions: Sendable {
    public var name: String
    public var namespace: String?
    /// `--type`; empty leaves `type` out (the server then defaults it to `Opaque`).
    public var type: String
    public var fileSources: [String]
    public var literalSources: [String]
    public var envFileSources: [String]
    public var appendHash: Bool
    public var fileSystem: any SourceFileSystem
    /// The value of an environment variable, for env-file lines that name one without `=`.
    public var environment: @Sendable (String) -> String?

    public init(name: String, namespace: String? = nil, type: String = "", fileSources: [String] = [],
                literalSources: [String] = [], envFileSources: [String] = [], appendHash: Bool = false,
                fileSystem: any SourceFileSystem = LocalFileSystem(), environment: @escaping @Sendable (String) -> String? = { _ in nil }) {
        self.name = name
        self.namespace = namespace
        self.type = type
        self.fileSources = fileSources
        self.literalSources = literalSources
        self.envFileSources = envFileSources
        self.appendHash = appendHash
        self.fileSystem = fileSystem
        self.environment = environment
    }
}

/// `kubectl create secret docker-registry NAME --docker-username=U --docker-password=P
/// [--docker-email=E] [--docker-server=S] | --from-file=…`.
public struct DockerRegistrySecretOptions: Sendable {
    public var name: String
    public var namespace: String?
    public var username: String
    public var password: String
    public var email: String
    /// kubectl's default is Docker Hub's `https://index.docker.io/v1/`.
    public var server: String
    /// Instead of the `--docker-*` flags: files, as for `secret generic`.
    public var fileSources: [String]
    public var appendHash: Bool
    public var fileSystem: any SourceFileSystem

    public init(name: String, namespace: String? = nil, username: String = "", password: String = "", email: String = "",
                server: String = "https://index.docker.io/v1/", fileSources: [String] = [], appendHash: Bool = false,
                fileSystem: any SourceFileSystem = LocalFileSystem()) {
        self.name = name
        self.namespace = namespace
        self.username = username
        self.password = password
        self.email = email
        self.server = server
        self.fileSources = fileSources
        self.appendHash = appendHash
        self.fileSystem = fileSystem
    }
}

/// `kubectl create secret tls NAME --cert=FILE --key=FILE [--append-hash]`.
public struct TLSSecretOptions: Sendable {
    public var name: String
    public var namespace: String?
    public var certFile: String
    public var keyFile: String
    public var appendHash: Bool
    public var fileSystem: any SourceFileSystem

    public init(name: String, namespace: String? = nil, certFile: String, keyFile: String, appendHash: Bool = false,
                fileSystem: any SourceFileSystem = LocalFileSystem()) {
        self.name = name
        self.namespace = namespace
        self.certFile = certFile
        self.keyFile = keyFile
        self.appendHash = appendHash
        self.fileSystem = fileSystem
    }
}

/// The data of a Secret being built, with kubectl's key checks. Values are kept as bytes
/// and written base64-encoded, as Go's JSON writes `[]byte`.
struct SecretData {
    var entries: [(String, [UInt8])] = []

    mutating func add(_ key: String, _ bytes: [UInt8]) throws(CreateError) {
        let errors = Validation.configMapKey(key)
        if !errors.isEmpty {
            throw CreateError("\(GoSyntax.quote(key)) is not valid key name for a Secret \(errors.joined(separator: ";"))")
        }
        if entries.contains(where: { $0.0 == key }) {
            throw CreateError("cannot add key \(key), another key by that name already exists")
        }
        entries.append((key, bytes))
    }

    var encoded: [(String, String)] { entries.map { ($0.0, Base64.encode($0.1)) } }

    func secret(name: String, namespace: String?, type: String, appendHash: Bool) -> Core.V1.Secret {
        var secret = Core.V1.Secret.makeNew()
        let encoded = encoded
        let fullName = appendHash ? name + "-" + ContentHash.secret(name: name, type: type, data: encoded) : name
        secret.metadata = objectMeta(name: fullName, namespace: explicitNamespace(namespace))
        if !entries.isEmpty { secret.data = sortedMap(encoded) }
        if !type.isEmpty { secret.type = type }
        return secret
    }
}

extension Create {
    /// The Secret `kubectl create secret generic` prints: literals first, then files, then
    /// env files; values base64-encoded under `data`.
    public static func genericSecret(_ o: SecretOptions) throws(CreateError) -> Core.V1.Secret {
        if o.name.isEmpty { throw CreateError("name must be specified") }
        if !o.envFileSources.isEmpty && (!o.fileSources.isEmpty || !o.literalSources.isEmpty) {
            throw CreateError("from-env-file cannot be combined with from-file or from-literal")
        }
        try NameCheck.check(kind: "Secret", name: o.name, rule: .dns1123Subdomain, namespace: explicitNamespace(o.namespace))
        var data = SecretData()
        for source in o.literalSources {
            let (key, value) = try DataSources.literal(source, secret: true)
            try data.add(key, Array(value.utf8))
        }
        for source in o.fileSources {
            for entry in try DataSources.files(source, fileSystem: o.fileSystem) {
                try data.add(entry.key, entry.bytes)
            }
        }
        for path in o.envFileSources {
            for (key, value) in try DataSources.envFile(path, fileSystem: o.fileSystem, environment: o.environment, secret: true) {
                try data.add(key, Array(value.utf8))
            }
        }
        return data.secret(name: o.name, namespace: o.namespace, type: o.type, appendHash: o.appendHash)
    }

    /// The Secret `kubectl create secret docker-registry` prints: type
    /// `kubernetes.io/dockerconfigjson` and a `.dockerconfigjson` as the docker CLI writes
    /// `~/.docker/config.json` (or the `--from-file` files).
    public static func dockerRegistrySecret(_ o: DockerRegistrySecretOptions) throws(CreateError) -> Core.V1.Secret {
        if o.name.isEmpty { throw CreateError("name must be specified") }
        if o.fileSources.isEmpty && (o.username.isEmpty || o.password.isEmpty || o.server.isEmpty) {
            throw CreateError("either --from-file or the combination of --docker-username, --docker-password and --docker-server is required")
        }
        try NameCheck.check(kind: "Secret", name: o.name, rule: .dns1123Subdomain, namespace: explicitNamespace(o.namespace))
        var data = SecretData()
        if !o.fileSources.isEmpty {
            for source in o.fileSources {
                for entry in try DataSources.files(source, fileSystem: o.fileSystem) {
                    try data.add(entry.key, entry.bytes)
                }
            }
        } else {
            try data.add(".dockerconfigjson", dockerConfigJSON(username: o.username, password: o.password, email: o.email, server: o.server))
        }
        return data.secret(name: o.name, namespace: o.namespace, type: "kubernetes.io/dockerconfigjson", appendHash: o.appendHash)
    }

    /// `{"auths":{SERVER:{"username":…,"password":…,"email":…,"auth":base64(user:password)}}}`,
    /// empty fields left out, compact, with Go's JSON escaping.
    static func dockerConfigJSON(username: String, password: String, email: String, server: String) -> [UInt8] {
        var entry = Object()
        if !username.isEmpty { entry["username"] = .string(username) }
        if !password.isEmpty { entry["password"] = .string(password) }
        if !email.isEmpty { entry["email"] = .string(email) }
        let auth = Base64.encode(Array((username + ":" + password).utf8))
        if !auth.isEmpty { entry["auth"] = .string(auth) }
        let config: Value = ["auths": .object([server: .object(entry)])]
        return Array(((try? JSONWriter(style: .kubectl, indent: 0).string(config)) ?? "").utf8)
    }

    /// The Secret `kubectl create secret tls` prints: type `kubernetes.io/tls`, the files
    /// under `tls.crt` and `tls.key` — after checking, as Go's `tls.X509KeyPair` does, that
    /// the certificate and key are PEM and belong together.
    public static func tlsSecret(_ o: TLSSecretOptions) throws(CreateError) -> Core.V1.Secret {
        if o.name.isEmpty { throw CreateError("name must be specified") }
        if o.keyFile.isEmpty || o.certFile.isEmpty { throw CreateError("key and cert must be specified") }
        try NameCheck.check(kind: "Secret", name: o.name, rule: .dns1123Subdomain, namespace: explicitNamespace(o.namespace))
        func read(_ path: String) throws(CreateError) -> [UInt8] {
            do {
                return try o.fileSystem.read(path)
            } catch {
                throw CreateError("Cannot read file \(path), \(error.message)")
            }
        }
        let cert = try read(o.certFile)
        let key = try read(o.keyFile)
        try TLSKeyPair.check(certificatePEM: cert, keyPEM: key)
        var data = SecretData()
        try data.add("tls.crt", cert)
        try data.add("tls.key", key)
        return data.secret(name: o.name, namespace: o.namespace, type: "kubernetes.io/tls", appendHash: o.appendHash)
    }
}
