import KitCore
import KitModel

/// `kubectl create deployment NAME --image=IMAGE… [--port=N] [--replicas=N] [-- COMMAND…]`.
public struct DeploymentOptions: Sendable {
    public var name: String
    /// The namespace given with `-n`, written into `metadata` (nil: none).
    public var namespace: String?
    /// One container per image, named after the image's base name.
    public var images: [String]
    /// The first container's `containerPort`; nil or negative: no port (kubectl's -1).
    public var port: Int32?
    public var replicas: Int32
    /// Every container's `command` (only with a single image).
    public var command: [String]
    /// Five characters appended to a container name that needed `_` or `.` replaced, as
    /// kubectl appends random ones (`my-app-v2-x7bq9`); injectable so tests are repeatable.
    public var randomSuffix: @Sendable () -> String

    public init(name: String, namespace: String? = nil, images: [String], port: Int32? = nil, replicas: Int32 = 1,
                command: [String] = [], randomSuffix: @escaping @Sendable () -> String = RandomName.suffix) {
        self.name = name
        self.namespace = namespace
        self.images = images
        self.port = port
        self.replicas = replicas
        self.command = command
        self.randomSuffix = randomSuffix
    }
}

/// kubectl's random name suffixes (`utilrand.String`): consonants and digits that cannot
/// spell words.
public enum RandomName {
    static let alphabet = Array("bcdfghjklmnpqrstvwxz2456789")

    /// Five random characters.
    @Sendable public static func suffix() -> String {
        var generator = SystemRandomNumberGenerator()
        return String((0..<5).map { _ in alphabet[Int(generator.next(upperBound: UInt64(alphabet.count)))] })
    }
}

extension Create {
    /// The Deployment `kubectl create deployment` prints: label and selector `app: NAME`,
    /// `strategy: {}`, one container per image.
    public static func deployment(_ o: DeploymentOptions) throws(CreateError) -> Apps.V1.Deployment {
        try NameCheck.check(kind: "Deployment", name: o.name, rule: .dns1123Subdomain, namespace: explicitNamespace(o.namespace))
        if o.images.count > 1 && !o.command.isEmpty {
            throw CreateError("cannot specify multiple --image options and command")
        }
        let labels = [("app", o.name)]
        var containers: [Core.V1.Container] = []
        for image in o.images {
            var ports: [Core.V1.ContainerPort] = []
            if containers.isEmpty, let port = o.port, port >= 0 {
                var containerPort = Core.V1.ContainerPort.empty
                containerPort.containerPort = Int(port)
                ports.append(containerPort)
            }
            containers.append(container(name: containerName(image: image, randomSuffix: o.randomSuffix), image: image, command: o.command, ports: ports))
        }

        var podSpec = Core.V1.PodSpec.empty
        if containers.isEmpty { podSpec.setEmptyArray("containers") } else { podSpec.containers = containers }
        var template = Core.V1.PodTemplateSpec.empty
        template.metadata = templateMeta(labels: labels)
        template.spec = podSpec

        var selector = Meta.V1.LabelSelector.empty
        selector.matchLabels = sortedMap(labels)

        var spec = Apps.V1.DeploymentSpec.empty
        spec.replicas = Int(o.replicas)
        spec.selector = selector
        spec.template = template
        spec.setEmptyObject("strategy")

        var deployment = Apps.V1.Deployment.makeNew()
        deployment.metadata = objectMeta(name: o.name, namespace: explicitNamespace(o.namespace), labels: labels)
        deployment.spec = spec
        deployment.setEmptyObject("status")
        return deployment
    }

    /// A container name from an image reference: the last path segment without tag or
    /// digest; `_` and `.` become `-` and then five random characters are appended.
    static func containerName(image: String, randomSuffix: () -> String) -> String {
        var name = image.split(separator: "/", omittingEmptySubsequences: false).last.map(String.init) ?? image
        if let colon = name.firstIndex(of: ":") { name = String(name[..<colon]) }
        if let at = name.firstIndex(of: "@") { name = String(name[..<at]) }
        if name.contains("_") || name.contains(".") {
            name = name.replacingOccurrences("_", "-").replacingOccurrences(".", "-")
            name += "-" + randomSuffix()
        }
        return name
    }
}

extension String {
    /// Every occurrence of `target` replaced (no Foundation in the library targets).
    func replacingOccurrences(_ target: Character, _ replacement: Character) -> String {
        String(map { $0 == target ? replacement : $0 })
    }
}
