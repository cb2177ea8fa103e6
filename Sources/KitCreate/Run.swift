import KitCore
import KitModel

/// `kubectl run NAME --image=IMAGE [flags] [-- ARGS…]` with `--dry-run=client`: the Pod of
/// kubectl's `run-pod/v1` generator (and, with `--expose`, the Service of `service/v2`).
public struct RunOptions: Sendable {
    public var name: String
    /// The namespace given with `-n`, written into `metadata` (nil: none).
    public var namespace: String?
    public var image: String
    /// `--labels`/`-l`: `k=v,k=v` (default `run=NAME`).
    public var labels: String?
    /// `--annotations`, each `k=v`.
    public var annotations: [String] = []
    /// `--env`, each `NAME=VALUE`.
    public var env: [String] = []
    /// `--port` (the container's port), and `--expose`'s service port.
    public var port: String?
    public var imagePullPolicy: String?
    /// `--restart` (default `Always`).
    public var restart: String?
    /// `--command`: the arguments are the container's command, not its args.
    public var command = false
    /// The words after NAME (or after `--`).
    public var arguments: [String] = []
    public var stdin = false
    public var tty = false
    public var leaveStdinOpen = false
    public var privileged = false
    /// `--expose`: also a ClusterIP Service selecting the pod.
    public var expose = false

    public init(name: String, image: String) {
        self.name = name
        self.image = image
    }
}

extension Create {
    /// The Pod `kubectl run` prints, after kubectl's checks of the flags.
    public static func pod(_ o: RunOptions) throws(CreateError) -> Core.V1.Pod {
        try checkRun(o)
        let labels = try runLabels(o)
        var annotations: [(String, String)] = []
        var invalid: [String] = []
        for pair in o.annotations {
            if let eq = pair.firstIndex(of: "="), !pair.hasPrefix("=") {
                annotations.append((String(pair[..<eq]), String(pair[pair.index(after: eq)...])))
            } else {
                invalid.append(pair)
            }
        }
        if !invalid.isEmpty { throw CreateError("invalid annotations format: \(invalid.joined(separator: ", "))") }

        var container = Core.V1.Container.empty
        container.name = o.name
        container.image = o.image
        if !o.arguments.isEmpty {
            if o.command { container.command = o.arguments } else { container.args = o.arguments }
        }
        if let port = o.port, !port.isEmpty {
            guard let number = Int32(port) else { throw CreateError("strconv.Atoi: parsing \(GoSyntax.quote(port)): invalid syntax") }
            var containerPort = Core.V1.ContainerPort.empty
            containerPort.containerPort = Int(number)
            container.ports = [containerPort]
        }
        if !o.env.isEmpty {
            var envs: [Core.V1.EnvVar] = []
            for entry in o.env {
                guard let eq = entry.firstIndex(of: "="), eq != entry.startIndex,
                    Validation.envVarName(String(entry[..<eq])).isEmpty
                else { throw CreateError("invalid env: \(entry)") }
                var env = Core.V1.EnvVar.empty
                env.name = String(entry[..<eq])
                env.value = String(entry[entry.index(after: eq)...])
                envs.append(env)
            }
            container.env = envs
        }
        container.setEmptyObject("resources")
        if let policy = o.imagePullPolicy, !policy.isEmpty { container.imagePullPolicy = policy }
        if o.privileged {
            var security = Core.V1.SecurityContext.empty
            security.privileged = true
            container.securityContext = security
        }
        if o.stdin { container.stdin = true }
        if o.stdin && !o.leaveStdinOpen { container.stdinOnce = true }
        if o.tty { container.tty = true }

        var spec = Core.V1.PodSpec.empty
        spec.containers = [container]
        spec.restartPolicy = o.restart ?? "Always"
        spec.dnsPolicy = "ClusterFirst"

        var pod = Core.V1.Pod.makeNew()
        pod.metadata = objectMeta(
            name: o.name, namespace: explicitNamespace(o.namespace), labels: labels, annotations: annotations)
        pod.spec = spec
        pod.setEmptyObject("status")
        return pod
    }

    /// The Service `kubectl run --expose` prints before the pod: the pod's port on a
    /// ClusterIP service selecting the pod's labels.
    public static func runService(_ o: RunOptions) throws(CreateError) -> Core.V1.Service {
        try checkRun(o)
        guard let port = o.port, !port.isEmpty, let number = Int32(port) else {
            throw CreateError("--port must be set when exposing a service")
        }
        let labels = try runLabels(o)
        var servicePort = Core.V1.ServicePort.empty
        servicePort.protocol = "TCP"
        servicePort.port = Int(number)
        servicePort.targetPort = .int(Int(number))
        var spec = Core.V1.ServiceSpec.empty
        spec.ports = [servicePort]
        spec.selector = sortedMap(labels)
        var service = Core.V1.Service.makeNew()
        service.metadata = objectMeta(
            name: o.name, namespace: explicitNamespace(o.namespace), labels: o.labels.map { _ in labels } ?? [])
        service.spec = spec
        service.raw["status"] = ["loadBalancer": [:]]
        return service
    }

    /// kubectl run's checks, in its order.
    public static func checkRun(_ o: RunOptions) throws(CreateError) {
        if o.image.isEmpty { throw CreateError("--image is required") }
        if !ImageReference.isValid(o.image) {
            throw CreateError("Invalid image name \(GoSyntax.quote(o.image)): invalid reference format")
        }
        if o.tty && !o.stdin { throw CreateError("-i/--stdin is required for containers with -t/--tty=true") }
        if o.expose && (o.port ?? "").isEmpty { throw CreateError("--port must be set when exposing a service") }
        if let restart = o.restart, !["Always", "OnFailure", "Never"].contains(restart) {
            throw CreateError("invalid restart policy: \(restart)")
        }
        if let policy = o.imagePullPolicy, !["", "Always", "IfNotPresent", "Never"].contains(policy) {
            throw CreateError("invalid image pull policy: \(policy)")
        }
    }

    /// `--labels` parsed as kubectl's generators parse it, or `run=NAME`.
    static func runLabels(_ o: RunOptions) throws(CreateError) -> [(String, String)] {
        guard let text = o.labels, !text.isEmpty else { return [("run", o.name)] }
        var labels: [(String, String)] = []
        for spec in text.split(separator: ",", omittingEmptySubsequences: false) {
            let parts = spec.split(separator: "=", omittingEmptySubsequences: false)
            guard parts.count == 2 else { throw CreateError("unexpected label spec: \(spec)") }
            guard !parts[0].isEmpty else { throw CreateError("unexpected empty label key") }
            labels.append((String(parts[0]), String(parts[1])))
        }
        return labels
    }
}

/// The distribution reference grammar (`reference.ReferenceRegexp`): `[domain/]path[:tag][@digest]`.
enum ImageReference {
    static func isValid(_ reference: String) -> Bool {
        var rest = Substring(reference)
        if let at = rest.firstIndex(of: "@") {
            let digest = rest[rest.index(after: at)...]
            guard let colon = digest.firstIndex(of: ":"), isDigestAlgorithm(digest[..<colon]),
                digest[digest.index(after: colon)...].count >= 32,
                digest[digest.index(after: colon)...].allSatisfy({ $0.isHexDigit })
            else { return false }
            rest = rest[..<at]
        }
        if let colon = rest.lastIndex(of: ":"), !rest[rest.index(after: colon)...].contains("/") {
            let tag = rest[rest.index(after: colon)...]
            guard !tag.isEmpty, tag.count <= 128, tag.first.map({ $0.isLetter || $0.isNumber || $0 == "_" }) == true,
                tag.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == "." || $0 == "-") })
            else { return false }
            rest = rest[..<colon]
        }
        var components = rest.split(separator: "/", omittingEmptySubsequences: false)
        guard !components.isEmpty else { return false }
        if components.count > 1, isDomain(components[0]) { components.removeFirst() }
        return components.allSatisfy(isPathComponent)
    }

    static func isDigestAlgorithm(_ s: Substring) -> Bool {
        !s.isEmpty && s.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "+.-_".contains($0)) }
    }

    /// A registry host (with an optional port), which must contain a dot or a colon or be
    /// `localhost` to count as one; anything else is the first path component.
    static func isDomain(_ s: Substring) -> Bool {
        guard s.contains(".") || s.contains(":") || s == "localhost" else { return false }
        var host = s
        if let colon = s.lastIndex(of: ":") {
            let port = s[s.index(after: colon)...]
            guard !port.isEmpty, port.allSatisfy({ $0.isASCII && $0.isNumber }) else { return false }
            host = s[..<colon]
        }
        return host.split(separator: ".", omittingEmptySubsequences: false).allSatisfy { label in
            !label.isEmpty && label.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }
                && label.first != "-" && label.last != "-"
        }
    }

    /// `[a-z0-9]+(?:(?:[._]|__|[-]*)[a-z0-9]+)*`
    static func isPathComponent(_ s: Substring) -> Bool {
        let chars = Array(s)
        guard let first = chars.first, let last = chars.last, isLowerAlnum(first), isLowerAlnum(last) else { return false }
        var i = 0
        while i < chars.count {
            if isLowerAlnum(chars[i]) {
                i += 1
                continue
            }
            // A separator: `.`, `_`, `__`, or any run of `-`.
            if chars[i] == "." || chars[i] == "_" {
                if chars[i] == "_" && i + 1 < chars.count && chars[i + 1] == "_" { i += 1 }
                i += 1
            } else if chars[i] == "-" {
                while i < chars.count && chars[i] == "-" { i += 1 }
            } else {
                return false
            }
            guard i < chars.count, isLowerAlnum(chars[i]) else { return false }
        }
        return true
    }

    static func isLowerAlnum(_ c: Character) -> Bool {
        c.isASCII && (c.isLowercase || c.isNumber)
    }
}
