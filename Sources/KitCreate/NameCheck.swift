import KitCore
import KitModel
/// The rule the API server applies to the name of each kind `kit create` makes.
public enum NameRule: Sendable {
    /// RFC 1123 subdomain: most kinds.
    case dns1123Subdomain
    /// RFC 1123 label: Namespace.
    case dns1123Label
    /// RFC 1035 label: Service.
    case dns1035Label
    /// A path segment: the RBAC kinds (`system:controller:foo` is fine).
    case pathSegment
    /// RFC 1123 subdomain of at most 52 characters: CronJob (its Jobs add a suffix).
    case cronJob

    func errors(_ name: String) -> [String] {
        switch self {
        case .dns1123Subdomain: return Validation.dns1123Subdomain(name)
        case .dns1123Label: return Validation.dns1123Label(name)
        case .dns1035Label: return Validation.dns1035Label(name)
        case .pathSegment: return Validation.pathSegmentName(name)
        case .cronJob:
            var errors = Validation.dns1123Subdomain(name)
            if name.utf8.count > 52 { errors.append(Validation.maxLengthError(52)) }
            return errors
        }
    }
}

/// The object identity every builder starts from: its name and, for namespaced kinds, the
/// namespace given with `-n` (nil when none was given: kubectl then leaves it out).
struct NameCheck {
    /// Refuses a name or namespace the API server would refuse, with the server's wording:
    /// `The Deployment "Web" is invalid: metadata.name: Invalid value: "Web": …`.
    static func check(kind: String, name: String, rule: NameRule, namespace: String?) throws(CreateError) {
        if name.isEmpty { throw CreateError("name must be specified") }
        var problems: [String] = []
        let nameErrors = rule.errors(name)
        if !nameErrors.isEmpty {
            problems.append("metadata.name: Invalid value: \(GoSyntax.quote(name)): " + nameErrors.joined(separator: "; "))
        }
        if let namespace {
            let namespaceErrors = Validation.dns1123Label(namespace)
            if !namespaceErrors.isEmpty {
                problems.append("metadata.namespace: Invalid value: \(GoSyntax.quote(namespace)): " + namespaceErrors.joined(separator: "; "))
            }
        }
        if !problems.isEmpty {
            throw CreateError("The \(kind) \(GoSyntax.quote(name)) is invalid: " + problems.joined(separator: ", "))
        }
    }
}
