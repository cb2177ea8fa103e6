import KitCore
import KitModel

/// `kubectl create ingress NAME --rule=HOST/PATH=SERVICE:PORT[,tls[=SECRET]]… [--class=CLASS]
/// [--default-backend=SERVICE:PORT] [--annotation=KEY=VALUE…]`.
public struct IngressOptions: Sendable {
    public var name: String
    public var namespace: String?
    public var ingressClass: String
    /// `HOST/PATH=SERVICE:PORT[,tls[=SECRET]]`; a path ending in `*` is a `Prefix` path
    /// (without the `*`), any other an `Exact` one.
    public var rules: [String]
    public var defaultBackend: String
    /// `KEY=VALUE` (the value may be empty).
    public var annotations: [String]

    public init(name: String, namespace: String? = nil, ingressClass: String = "", rules: [String] = [],
                defaultBackend: String = "", annotations: [String] = []) {
        self.name = name
        self.namespace = namespace
        self.ingressClass = ingressClass
        self.rules = rules
        self.defaultBackend = defaultBackend
        self.annotations = annotations
    }
}

extension Create {
    /// The Ingress `kubectl create ingress` prints: one rule per host (paths added in order),
    /// a TLS entry per secret collecting its hosts, `status.loadBalancer: {}`.
    public static func ingress(_ o: IngressOptions) throws(CreateError) -> Networking.V1.Ingress {
        if o.defaultBackend.isEmpty && o.rules.isEmpty {
            throw CreateError("not enough information provided: every ingress has to either specify a default-backend (which catches all traffic) or a list of rules (which catch specific paths)")
        }
        for rule in o.rules where !isValidIngressRule(rule) {
            throw CreateError("rule \(rule) is invalid and should be in format host/path=svcname:svcport[,tls[=secret]]")
        }
        for annotation in o.annotations where !annotation.contains("=") {
            throw CreateError("annotation \(annotation) is invalid and should be in format key=[value]")
        }
        if !o.defaultBackend.isEmpty && o.defaultBackend.split(separator: ":", omittingEmptySubsequences: false).count != 2 {
            throw CreateError("default-backend should be in format servicename:serviceport")
        }
        try NameCheck.check(kind: "Ingress.networking.k8s.io", name: o.name, rule: .dns1123Subdomain, namespace: explicitNamespace(o.namespace))

        var spec = Networking.V1.IngressSpec.empty
        if !o.ingressClass.isEmpty { spec.ingressClassName = o.ingressClass }
        if !o.defaultBackend.isEmpty { spec.defaultBackend = ingressBackend(o.defaultBackend) }
        let tls = ingressTLS(o.rules)
        if !tls.isEmpty { spec.tls = tls }
        let rules = ingressRules(o.rules)
        if !rules.isEmpty { spec.rules = rules }

        let annotations = o.annotations.map { a -> (String, String) in
            let eq = a.firstIndex(of: "=")!
            return (String(a[..<eq]), String(a[a.index(after: eq)...]))
        }
        var ingress = Networking.V1.Ingress.makeNew()
        ingress.metadata = objectMeta(name: o.name, namespace: explicitNamespace(o.namespace), annotations: annotations)
        ingress.spec = spec
        var status = Networking.V1.IngressStatus.empty
        status.setEmptyObject("loadBalancer")
        ingress.status = status
        return ingress
    }

    /// kubectl's rule pattern, `^([\w*.-]*)(/[^,=\n]*)=([\w-]+):([\w-]+)(,(tls)=?([\w-]+)?)?$`
    /// (`\w` being ASCII letters, digits and `_`), matched by hand.
    static func isValidIngressRule(_ rule: String) -> Bool {
        let b = Array(rule.utf8)
        func word(_ c: UInt8) -> Bool { (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c == UInt8(ascii: "_") }
        var i = 0
        while i < b.count && (word(b[i]) || b[i] == UInt8(ascii: "*") || b[i] == UInt8(ascii: "-") || b[i] == UInt8(ascii: ".")) { i += 1 }
        guard i < b.count && b[i] == UInt8(ascii: "/") else { return false }
        while i < b.count && b[i] != UInt8(ascii: ",") && b[i] != UInt8(ascii: "=") && b[i] != 10 { i += 1 }
        guard i < b.count && b[i] == UInt8(ascii: "=") else { return false }
        i += 1
        func name() -> Bool {
            let start = i
            while i < b.count && (word(b[i]) || b[i] == UInt8(ascii: "-")) { i += 1 }
            return i > start
        }
        guard name(), i < b.count, b[i] == UInt8(ascii: ":") else { return false }
        i += 1
        guard name() else { return false }
        if i == b.count { return true }
        guard Array(b[i...].prefix(4)) == Array(",tls".utf8) else { return false }
        i += 4
        if i < b.count && b[i] == UInt8(ascii: "=") { i += 1 }
        _ = name()
        return i == b.count
    }

    static func ingressTLS(_ rules: [String]) -> [Networking.V1.IngressTLS] {
        var entries: [(hosts: [String], secret: String)] = []
        var seenHosts: Set<String> = []
        for rule in rules {
            let parts = rule.split(separator: ",", omittingEmptySubsequences: false)
            guard parts.count == 2 else { continue }
            let host = String(rule.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)[0])
            let secretParts = parts[1].split(separator: "=", omittingEmptySubsequences: false)
            let secret = secretParts.count > 1 ? String(secretParts[1]) : ""
            guard !seenHosts.contains(host) else { continue }
            seenHosts.insert(host)
            // A TLS entry per secret: later hosts with the same secret join it.
            if let i = entries.firstIndex(where: { $0.secret == secret }) {
                entries[i].hosts.append(host)
                continue
            }
            if !host.isEmpty || !secret.isEmpty {
                entries.append((host.isEmpty ? [] : [host], secret))
            }
        }
        return entries.map { entry in
            var tls = Networking.V1.IngressTLS.empty
            if !entry.hosts.isEmpty { tls.hosts = entry.hosts }
            if !entry.secret.isEmpty { tls.secretName = entry.secret }
            return tls
        }
    }

    static func ingressRules(_ rules: [String]) -> [Networking.V1.IngressRule] {
        var out: [(host: String, paths: [Networking.V1.HTTPIngressPath])] = []
        for rule in rules {
            let withoutTLS = rule.split(separator: ",", omittingEmptySubsequences: false)[0]
            let hostSplit = withoutTLS.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
            let host = String(hostSplit[0])
            let path = ingressPath(String(hostSplit[1]))
            if let i = out.firstIndex(where: { $0.host == host }) {
                out[i].paths.append(path)
            } else {
                out.append((host, [path]))
            }
        }
        return out.map { entry in
            var http = Networking.V1.HTTPIngressRuleValue.empty
            http.paths = entry.paths
            var rule = Networking.V1.IngressRule.empty
            if !entry.host.isEmpty { rule.host = entry.host }
            rule.http = http
            return rule
        }
    }

    /// `PATH=SERVICE:PORT` (the part after the host's `/`).
    static func ingressPath(_ pathAndService: String) -> Networking.V1.HTTPIngressPath {
        let pieces = pathAndService.split(separator: "=", omittingEmptySubsequences: false)
        var path = "/" + pieces[0]
        var pathType = "Exact"
        if path.hasSuffix("*") {
            pathType = "Prefix"
            path.removeLast()
        }
        var httpPath = Networking.V1.HTTPIngressPath.empty
        httpPath.path = path
        httpPath.pathType = pathType
        httpPath.backend = ingressBackend(String(pieces[1]))
        return httpPath
    }

    /// `SERVICE:PORT`, the port a number (`intstr.Parse`) or a name.
    static func ingressBackend(_ service: String) -> Networking.V1.IngressBackend {
        let parts = service.split(separator: ":", omittingEmptySubsequences: false)
        var serviceBackend = Networking.V1.IngressServiceBackend.empty
        serviceBackend.name = String(parts[0])
        var port = Networking.V1.ServiceBackendPort.empty
        // Zero and "" are left out (omitempty).
        switch intOrString(String(parts[1])) {
        case .int(let number): if number != 0 { port.number = number }
        case .string(let name): if !name.isEmpty { port.name = name }
        }
        serviceBackend.setEmptyObject("port")
        if !port.raw.isEmpty { serviceBackend.port = port }
        var backend = Networking.V1.IngressBackend.empty
        backend.service = serviceBackend
        return backend
    }
}
