import KitCore

/// Something kit noticed while loading or converting that does not stop it: an unset variable,
/// a field the target cannot express, a Fargate rule. Printed as `kit: warning: FILE:LINE:COL: …`.
public struct ComposeWarning: Sendable, Equatable, CustomStringConvertible {
    public var location: SourceLocation?
    public var message: String
    /// A rule that `--strict` turns into an error (the Fargate rules).
    public var isStrictRule: Bool

    public init(_ message: String, at location: SourceLocation? = nil, isStrictRule: Bool = false) {
        self.message = message
        self.location = location
        self.isStrictRule = isStrictRule
    }

    public var description: String {
        if let location { return "\(location): \(message)" }
        return message
    }
}

/// Collects warnings in the order they are found, each distinct message once.
final class Diagnostics: @unchecked Sendable {
    private(set) var warnings: [ComposeWarning] = []
    private var seen: Set<String> = []

    func warn(_ message: String, at location: SourceLocation? = nil, strictRule: Bool = false) {
        let warning = ComposeWarning(message, at: location, isStrictRule: strictRule)
        guard seen.insert(warning.description).inserted else { return }
        warnings.append(warning)
    }

    /// Warns once per `key` (the first location wins), as compose warns once per unset variable.
    func warnOnce(key: String, _ message: String, at location: SourceLocation?) {
        guard seen.insert("once:" + key).inserted else { return }
        warnings.append(ComposeWarning(message, at: location))
    }
}

/// A positioned error whose message starts with the compose key path: `FILE:LINE:COL:
/// services.web.ports[0]: …`.
func composeError(_ message: String, path: KeyPath?, at location: SourceLocation?) -> KitError {
    if let path, !path.components.isEmpty {
        return KitError("\(path): \(message)", at: location)
    }
    return KitError(message, at: location)
}

func composeError(_ message: String, path: KeyPath?, node: Node?) -> KitError {
    composeError(message, path: path, at: node?.location)
}
