import KitCore
import KitModel

/// `kubectl create service clusterip|nodeport|loadbalancer|externalname NAME …`.
public struct ServiceOptions: Sendable {
    /// The four subcommands, by the `spec.type` they write.
    public enum ServiceType: String, Sendable, CaseIterable {
        case clusterIP = "ClusterIP"
        case nodePort = "NodePort"
        case loadBalancer = "LoadBalancer"
        case externalName = "ExternalName"
    }

    public var name: String
    public var namespace: String?
    public var type: ServiceType
    /// `--tcp` port specs: `PORT` or `PORT:TARGET` (a number or a port name).
    public var tcp: [String]
    /// `--clusterip` (clusterip only): an address, or `None` for a headless service.
    public var clusterIP: String
    /// `--node-port` (nodeport only), written to every port; 0 leaves it out.
    public var nodePort: Int64
    /// `--external-name` (externalname only).
    public var externalName: String

    public init(name: String, namespace: String? = nil, type: ServiceType, tcp: [String] = [], clusterIP: String = "",
                nodePort: Int64 = 0, externalName: String = "") {
        self.name = name
        self.namespace = namespace
        self.type = type
        self.tcp = tcp
        self.clusterIP = clusterIP
        self.nodePort = nodePort
        self.externalName = externalName
    }
}

extension Create {
    /// The Service `kubectl create service TYPE` prints: label and selector `app: NAME`,
    /// a TCP port per `--tcp` named after its spec, `status.loadBalancer: {}`.
    public static func service(_ o: ServiceOptions) throws(CreateError) -> Core.V1.Service {
        try NameCheck.check(kind: "Service", name: o.name, rule: .dns1035Label, namespace: explicitNamespace(o.namespace))
        if o.clusterIP == "None" && o.type != .clusterIP {
            throw CreateError("ClusterIP=None can only be used with ClusterIP service type")
        }
        if o.clusterIP != "None" && o.tcp.isEmpty && o.type != .externalName {
            throw CreateError("at least one tcp port specifier must be provided")
        }
        if o.type == .externalName && !Validation.dns1123Subdomain(o.externalName).isEmpty {
            throw CreateError("invalid service external name \(o.externalName)")
        }

        var ports: [Core.V1.ServicePort] = []
        for spec in o.tcp {
            let (port, target) = try servicePorts(spec)
            var servicePort = Core.V1.ServicePort.empty
            servicePort.name = spec.replacingOccurrences(":", "-")
            servicePort.protocol = "TCP"
            servicePort.port = Int(port)
            servicePort.targetPort = target
            // kubectl converts the int flag to int32, dropping higher bits.
            let nodePort = Int32(truncatingIfNeeded: o.nodePort)
            if nodePort != 0 { servicePort.nodePort = Int(nodePort) }
            ports.append(servicePort)
        }

        var spec = Core.V1.ServiceSpec.empty
        if !ports.isEmpty { spec.ports = ports }
        spec.selector = sortedMap([("app", o.name)])
        if !o.clusterIP.isEmpty { spec.clusterIP = o.clusterIP }
        spec.type = o.type.rawValue
        if !o.externalName.isEmpty { spec.externalName = o.externalName }

        var status = Core.V1.ServiceStatus.empty
        status.setEmptyObject("loadBalancer")

        var service = Core.V1.Service.makeNew()
        service.metadata = objectMeta(name: o.name, namespace: explicitNamespace(o.namespace), labels: [("app", o.name)])
        service.spec = spec
        service.status = status
        return service
    }

    /// kubectl's `parsePorts`: the port (0 to 65535) and the target port — the same number
    /// when not given, else a number from 1 to 65535 or a port name. Anything after a
    /// second `:` is ignored.
    static func servicePorts(_ spec: String) throws(CreateError) -> (Int, IntOrString) {
        let parts = spec.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        let port: UInt64
        do {
            port = try GoText.parseDecimalUnsigned(parts[0], bits: 16)
        } catch {
            // kubectl prints Go's `strconv.ParseUint: parsing "http": invalid syntax`.
            throw CreateError("--tcp=\(spec): the port \(GoSyntax.quote(parts[0])) is not a number from 0 to 65535")
        }
        if parts.count == 1 { return (Int(port), .int(Int(port))) }
        let target = parts[1]
        if let number = try? GoText.atoi(target) {
            let errors = Validation.portNumber(number)
            if !errors.isEmpty { throw CreateError(errors.joined(separator: ",")) }
            return (Int(port), .int(Int(number)))
        }
        let errors = Validation.portName(target)
        if !errors.isEmpty { throw CreateError(errors.joined(separator: ",")) }
        return (Int(port), .string(target))
    }
}
