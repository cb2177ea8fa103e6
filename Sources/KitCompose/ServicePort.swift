import KitCore

/// One port of a service, in the long form compose normalises every port to.
public struct ServicePort: Sendable, Equatable {
    /// The container port.
    public var target: Int
    /// The host port, a range (`8000-8002`) when compose leaves one for the engine to pick
    /// from, or nil when the port is not published.
    public var published: String?
    /// `tcp`, `udp` or `sctp` as written; nil when not given (tcp).
    public var proto: String?
    public var mode: String?
    public var hostIP: String?
    public var name: String?
    public var appProtocol: String?
    /// The short-syntax text the port came from (nil for the long syntax).
    public var shortSyntax: String?
    public var location: SourceLocation

    /// The published port as a number (nil for none or a range).
    public var publishedPort: Int? { published.flatMap { Int($0) } }

    /// The protocol, `tcp` when none is given.
    public var effectiveProtocol: String { proto ?? "tcp" }

    /// Parses a `ports` entry (short syntax string or number, or long syntax mapping) as
    /// docker-compose does (docker-py's port spec): ranges expand to one port each, a host
    /// range against a single container port stays a range.
    static func parse(_ node: Node, path: KeyPath) throws -> [ServicePort] {
        switch node.content {
        case .scalar(let v):
            let text: String
            switch v {
            case .string(let s): text = s
            case .int(let i): text = String(i)
            default: throw composeError("a port must be a string, a number or a mapping", path: path, node: node)
            }
            return try parseShort(text, path: path, location: node.location)
        case .object(let o):
            func int(_ key: String) throws -> Int? {
                guard let n = o[key] else { return nil }
                switch n.content {
                case .scalar(.int(let i)): return i
                case .scalar(.string(let s)):
                    if let i = Int(s) { return i }
                    throw composeError("must be a port number", path: path / key, node: n)
                case .scalar(.null): return nil
                default: throw composeError("must be a port number", path: path / key, node: n)
                }
            }
            guard let target = try int("target") else {
                throw composeError("a port mapping needs a target port", path: path, node: node)
            }
            var published: String? = nil
            if let p = o["published"] {
                switch p.content {
                case .scalar(.int(let i)): published = String(i)
                case .scalar(.string(let s)):
                    guard isPortOrRange(s) else { throw composeError("invalid published port", path: path / "published", node: p) }
                    published = s
                default: break
                }
            }
            return [ServicePort(
                target: target, published: published, proto: o["protocol"]?.string, mode: o["mode"]?.string,
                hostIP: o["host_ip"]?.string, name: o["name"]?.string, appProtocol: o["app_protocol"]?.string,
                shortSyntax: nil, location: node.location)]
        default:
            throw composeError("a port must be a string, a number or a mapping", path: path, node: node)
        }
    }

    private static func isPortOrRange(_ s: String) -> Bool {
        let parts = s.split(separator: "-", omittingEmptySubsequences: false)
        return (1...2).contains(parts.count) && parts.allSatisfy { !$0.isEmpty && $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }
    }

    /// The pieces of a short-syntax port: `[[HOST_IP:][HOST[-HOST_END]]:]CONTAINER[-CONTAINER_END][/PROTO]`.
    struct ShortParts {
        var host: String?
        var external: String?
        var externalEnd: String?
        var `internal`: String
        var internalEnd: String?
        var proto: String?
    }

    /// docker-py's `PORT_SPEC` match.
    static func split(_ text: String) -> ShortParts? {
        var rest = Substring(text)
        var proto: String? = nil
        for p in ["udp", "tcp", "sctp"] where rest.hasSuffix("/" + p) {
            proto = p
            rest = rest.dropLast(p.count + 1)
            break
        }
        func digits(_ s: Substring) -> Bool { !s.isEmpty && s.allSatisfy { $0.isASCII && $0.isNumber } }
        func range(_ s: Substring) -> (String, String?)? {
            let parts = s.split(separator: "-", maxSplits: 1, omittingEmptySubsequences: false)
            guard digits(parts[0]) else { return nil }
            if parts.count == 2 {
                guard digits(parts[1]) else { return nil }
                return (String(parts[0]), String(parts[1]))
            }
            return (String(parts[0]), nil)
        }
        // The container part is after the last colon.
        let lastColon = rest.lastIndex(of: ":")
        let internalText = lastColon.map { rest[rest.index(after: $0)...] } ?? rest
        guard let (internalStart, internalEnd) = range(internalText) else { return nil }
        var parts = ShortParts(host: nil, external: nil, externalEnd: nil, internal: internalStart, internalEnd: internalEnd, proto: proto)
        guard let lastColon else { return parts }
        let front = rest[..<lastColon]
        // The host part: `[HOST_IP:]EXT[-EXT_END]`, the IP possibly in brackets.
        let externalText: Substring
        if let colon = front.lastIndex(of: ":") {
            var host = front[..<colon]
            if host.hasPrefix("[") && host.hasSuffix("]") { host = host.dropFirst().dropLast() }
            guard !host.isEmpty, host.allSatisfy({ $0.isHexDigit || $0 == "." || $0 == ":" }) else { return nil }
            parts.host = String(host)
            externalText = front[front.index(after: colon)...]
        } else {
            externalText = front
        }
        if !externalText.isEmpty {
            guard let (e, eEnd) = range(externalText) else { return nil }
            parts.external = e
            parts.externalEnd = eEnd
        }
        return parts
    }

    static func parseShort(_ text: String, path: KeyPath, location: SourceLocation) throws -> [ServicePort] {
        guard let p = split(text) else {
            throw composeError("invalid port \"\(text)\": use [[HOST_IP:]HOST_PORT:]CONTAINER_PORT[/PROTOCOL]", path: path, at: location)
        }
        func expand(_ start: String, _ end: String?) throws -> [Int] {
            guard let a = Int(start), a <= 65535 else {
                throw composeError("invalid port \"\(text)\": port numbers go up to 65535", path: path, at: location)
            }
            guard let end else { return [a] }
            guard let b = Int(end), b <= 65535, a <= b else {
                throw composeError("invalid port range \"\(text)\"", path: path, at: location)
            }
            return Array(a...b)
        }
        let targets = try expand(p.internal, p.internalEnd)
        var published: [String?]
        if let e = p.external {
            if targets.count == 1, let end = p.externalEnd {
                _ = try expand(e, end)
                published = ["\(e)-\(end)"]
            } else {
                published = try expand(e, p.externalEnd).map { String($0) }
                if published.count != targets.count {
                    throw composeError("invalid port \"\(text)\": the port ranges differ in length", path: path, at: location)
                }
            }
        } else {
            published = Array(repeating: nil, count: targets.count)
        }
        return zip(targets, published).map { target, pub in
            ServicePort(target: target, published: pub, proto: p.proto, mode: nil, hostIP: p.host, name: nil, appProtocol: nil,
                        shortSyntax: text, location: location)
        }
    }

    /// The mapping docker-compose prints: `target`, `published`, `protocol`, `mode` when set
    /// (and the newer `host_ip`, `name`, `app_protocol` of the long syntax).
    func composeValue() -> Value {
        var o = Object()
        o["target"] = .int(target)
        if let published { o["published"] = Int(published).map(Value.int) ?? .string(published) }
        if let proto { o["protocol"] = .string(proto) }
        if let mode { o["mode"] = .string(mode) }
        if let hostIP { o["host_ip"] = .string(hostIP) }
        if let name { o["name"] = .string(name) }
        if let appProtocol { o["app_protocol"] = .string(appProtocol) }
        return .object(o)
    }

    /// docker-compose's legacy string form (`IP:PUBLISHED:TARGET/PROTO`), which it prints for
    /// ports bound to a host IP and for version 1 files.
    func legacyString() -> String {
        var s = ""
        if let hostIP { s += hostIP + ":" }
        if let published { s += published + ":" } else if hostIP != nil { s += ":" }
        return s + "\(target)/\(effectiveProtocol)"
    }

    /// The key docker-compose merges ports of several files by.
    var mergeKey: String { "\(target)|\(published ?? "")|\(hostIP ?? "")|\(proto ?? "")" }
}
