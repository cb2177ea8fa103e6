import KitCore

/// Printers of services, endpoints, ingresses and the other networking kinds.
enum NetworkPrinters {
    static let core = "io.k8s.api.core.v1."
    static let networking = "io.k8s.api.networking.v1."
    static let discovery = "io.k8s.api.discovery.v1."

    /// `loadBalancerWidth`: without the wide columns, load-balancer addresses are clipped to
    /// this many bytes.
    static let loadBalancerWidth = 16

    // MARK: Service

    static let service = KindPrinter([
        Col.name,
        Col.string("Type", Col.doc(core + "ServiceSpec", "type")),
        Col.string("Cluster-IP", Col.doc(core + "ServiceSpec", "clusterIP")),
        Col.string("External-IP", Col.doc(core + "ServiceSpec", "externalIPs")),
        Col.string("Port(s)", Col.doc(core + "ServiceSpec", "ports")),
        Col.age,
        Col.string("Selector", Col.doc(core + "ServiceSpec", "selector"), priority: 1),
    ]) { obj, context in
        let spec = obj["spec"]
        let clusterIPs = spec["clusterIPs"].goArray
        let internalIP = clusterIPs.isEmpty ? "<none>" : Optional(clusterIPs[0]).goString
        var ports = portString(spec["ports"].goArray)
        if ports.isEmpty { ports = "<none>" }
        var cells: [Value] = [
            .string(obj.objectName), .string(spec["type"].goString), .string(internalIP),
            .string(externalIP(obj, wide: context.wide)), .string(ports),
            context.age(obj["metadata"]["creationTimestamp"]),
        ]
        if context.wide { cells.append(.string(GoFormat.labels(spec["selector"]))) }
        return PrintedRow(cells)
    }

    /// `loadBalancerStatusStringer`: the distinct IPs (or hostnames) of the load balancer's
    /// ingress points, sorted, comma-separated, clipped unless wide.
    static func loadBalancerText(_ status: Value?, wide: Bool) -> String {
        var addresses = Set<String>()
        for ingress in status["ingress"].goArray {
            let ip = Optional(ingress)["ip"].goString
            let hostname = Optional(ingress)["hostname"].goString
            if !ip.isEmpty {
                addresses.insert(ip)
            } else if !hostname.isEmpty {
                addresses.insert(hostname)
            }
        }
        var text = addresses.sorted(by: utf8Less).joined(separator: ",")
        if !wide && text.utf8.count > loadBalancerWidth {
            text = GoFormat.prefixBytes(text, loadBalancerWidth - 3) + "..."
        }
        return text
    }

    /// `getServiceExternalIP`.
    static func externalIP(_ service: Value, wide: Bool) -> String {
        let spec = service["spec"]
        let externalIPs = spec["externalIPs"].goArray.map { Optional($0).goString }
        switch spec["type"].goString {
        case "ClusterIP", "NodePort":
            return externalIPs.isEmpty ? "<none>" : externalIPs.joined(separator: ",")
        case "LoadBalancer":
            let lbIPs = loadBalancerText(service["status"]["loadBalancer"], wide: wide)
            if !externalIPs.isEmpty {
                var results: [String] = []
                if !lbIPs.isEmpty { results += lbIPs.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
                results += externalIPs
                return results.joined(separator: ",")
            }
            return lbIPs.isEmpty ? "<pending>" : lbIPs
        case "ExternalName":
            return spec["externalName"].goString
        default:
            return "<unknown>"
        }
    }

    /// `makePortString`: `port/protocol`, or `port:nodePort/protocol`.
    static func portString(_ ports: [Value]) -> String {
        ports.map { value in
            let port = Optional(value)
            let nodePort = port["nodePort"].goInt
            if nodePort > 0 {
                return "\(port["port"].goInt):\(nodePort)/\(port["protocol"].goString)"
            }
            return "\(port["port"].goInt)/\(port["protocol"].goString)"
        }.joined(separator: ",")
    }

    // MARK: Endpoints

    static let endpoints = KindPrinter([
        Col.name,
        Col.string("Endpoints", Col.doc(core + "Endpoints", "subsets")),
        Col.age,
    ]) { obj, context in
        PrintedRow([.string(obj.objectName), .string(formatEndpoints(obj)), context.age(obj["metadata"]["creationTimestamp"])])
    }

    /// `formatEndpoints(endpoints, nil)`: up to three `ip:port` pairs (or bare IPs for
    /// subsets without ports), then ` + N more...`.
    static func formatEndpoints(_ endpoints: Value) -> String {
        let subsets = endpoints["subsets"].goArray
        if subsets.isEmpty { return "<none>" }
        var list: [String] = []
        let max = 3
        var more = false
        var count = 0
        for subset in subsets {
            let ss = Optional(subset)
            let addresses = ss["addresses"].goArray
            let ports = ss["ports"].goArray
            if ports.isEmpty {
                // Headless services may have no ports.
                count += addresses.count
                for address in addresses {
                    if list.count == max {
                        more = true
                        break
                    }
                    list.append(Optional(address)["ip"].goString)
                }
                continue
            }
            for port in ports {
                count += addresses.count
                for address in addresses {
                    if list.count == max {
                        more = true
                        break
                    }
                    list.append(GoFormat.joinHostPort(Optional(address)["ip"].goString, String(Optional(port)["port"].goInt)))
                }
            }
        }
        return GoFormat.withMore(list, more: more, count: count, max: max)
    }

    // MARK: EndpointSlice

    static let endpointSlice = KindPrinter([
        Col.name,
        Col.string("AddressType", Col.doc(discovery + "EndpointSlice", "addressType")),
        Col.string("Ports", Col.doc(discovery + "EndpointSlice", "ports")),
        Col.string("Endpoints", Col.doc(discovery + "EndpointSlice", "endpoints")),
        Col.age,
    ]) { obj, context in
        PrintedRow([
            .string(obj.objectName), .string(obj["addressType"].goString),
            .string(discoveryPorts(obj["ports"].goArray)), .string(discoveryEndpoints(obj["endpoints"].goArray)),
            context.age(obj["metadata"]["creationTimestamp"]),
        ])
    }

    /// `formatDiscoveryPorts`: port numbers, else names, else `*`.
    static func discoveryPorts(_ ports: [Value]) -> String {
        var list: [String] = []
        let max = 3
        var more = false
        var count = 0
        for value in ports {
            let port = Optional(value)
            if list.count < max {
                if port["port"].isSet {
                    list.append(String(port["port"].goInt))
                } else if port["name"].isSet {
                    list.append(port["name"].goString)
                } else {
                    list.append("*")
                }
            } else if list.count == max {
                more = true
            }
            count += 1
        }
        return GoFormat.withMore(list, more: more, count: count, max: max, emptyText: "<unset>")
    }

    /// `formatDiscoveryEndpoints`: the endpoints' addresses.
    static func discoveryEndpoints(_ endpoints: [Value]) -> String {
        var list: [String] = []
        let max = 3
        var more = false
        var count = 0
        for endpoint in endpoints {
            for address in Optional(endpoint)["addresses"].goArray {
                if list.count < max {
                    list.append(Optional(address).goString)
                } else if list.count == max {
                    more = true
                }
                count += 1
            }
        }
        return GoFormat.withMore(list, more: more, count: count, max: max, emptyText: "<unset>")
    }

    // MARK: Ingress

    static let ingress = KindPrinter([
        Col.name,
        Col.string("Class", .text("The name of the IngressClass resource that should be used for additional configuration")),
        Col.string("Hosts", .text("Hosts that incoming requests are matched against before the ingress rule")),
        Col.string("Address", .text("Address is a list containing ingress points for the load-balancer")),
        Col.string("Ports", .text("Ports of TLS configurations that open")),
        Col.age,
    ]) { obj, context in
        let spec = obj["spec"]
        let className = spec["ingressClassName"].isSet ? spec["ingressClassName"].goString : "<none>"
        let ports = spec["tls"].goArray.isEmpty ? "80" : "80, 443"
        return PrintedRow([
            .string(obj.objectName), .string(className), .string(formatHosts(spec["rules"].goArray)),
            .string(loadBalancerText(obj["status"]["loadBalancer"], wide: context.wide)), .string(ports),
            context.age(obj["metadata"]["creationTimestamp"]),
        ])
    }

    /// `formatHosts`: up to three rule hosts, `*` when no rule names one.
    static func formatHosts(_ rules: [Value]) -> String {
        var list: [String] = []
        let max = 3
        var more = false
        for rule in rules {
            if list.count == max { more = true }
            let host = Optional(rule)["host"].goString
            if !more && !host.isEmpty { list.append(host) }
        }
        if list.isEmpty { return "*" }
        let joined = list.joined(separator: ",")
        return more ? "\(joined) + \(rules.count - max) more..." : joined
    }

    // MARK: IngressClass

    static let ingressClass = KindPrinter([
        Col.name,
        Col.string("Controller", .text("Controller that is responsible for handling this class")),
        Col.string("Parameters", .text("A reference to a resource with additional parameters")),
        Col.age,
    ]) { obj, context in
        let spec = obj["spec"]
        var parameters = "<none>"
        let params = spec["parameters"]
        if params.isSet {
            parameters = params["kind"].goString
            if params["apiGroup"].isSet { parameters += "." + params["apiGroup"].goString }
            parameters += "/" + params["name"].goString
        }
        return PrintedRow([
            .string(obj.objectName), .string(spec["controller"].goString), .string(parameters),
            context.age(obj["metadata"]["creationTimestamp"]),
        ])
    }

    // MARK: NetworkPolicy

    static let networkPolicy = KindPrinter([
        Col.name,
        Col.string("Pod-Selector", Col.doc(networking + "NetworkPolicySpec", "podSelector")),
        Col.age,
    ]) { obj, context in
        // `&obj.Spec.PodSelector` is never nil: a missing selector is the empty one.
        let selector = obj["spec"]["podSelector"]
        return PrintedRow([
            .string(obj.objectName), .string(GoFormat.labelSelector(selector.isSet ? selector : .object(Object()))),
            context.age(obj["metadata"]["creationTimestamp"]),
        ])
    }

    // MARK: ServiceCIDR

    static let serviceCIDR = KindPrinter([
        Col.name,
        Col.string("CIDRs", Col.doc(networking + "ServiceCIDRSpec|io.k8s.api.networking.v1beta1.ServiceCIDRSpec", "cidrs")),
        Col.age,
    ]) { obj, context in
        let cidrs = obj["spec"]["cidrs"].goArray.map { Optional($0).goString }.joined(separator: ",")
        return PrintedRow([.string(obj.objectName), .string(cidrs), context.age(obj["metadata"]["creationTimestamp"])])
    }

    // MARK: IPAddress

    static let ipAddress = KindPrinter([
        Col.name,
        Col.string("ParentRef", Col.doc(networking + "IPAddressSpec|io.k8s.api.networking.v1beta1.IPAddressSpec", "parentRef")),
    ]) { obj, context in
        var parentRefName = "<none>"
        let ref = obj["spec"]["parentRef"]
        if ref.isSet {
            let group = ref["group"].goString
            let resource = ref["resource"].goString
            parentRefName = GoFormat.lower(group.isEmpty ? resource : resource + "." + group)
            let namespace = ref["namespace"].goString
            if !namespace.isEmpty { parentRefName += "/" + namespace }
            parentRefName += "/" + ref["name"].goString
        }
        // printIPAddress prints an age cell its columns do not declare.
        return PrintedRow([.string(obj.objectName), .string(parentRefName), context.age(obj["metadata"]["creationTimestamp"])])
    }
}
