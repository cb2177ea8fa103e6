import KitCore

/// A field that holds either an integer or a string (`targetPort: 8080` or `targetPort: http`,
/// `maxUnavailable: 25%`): Kubernetes' `intstr.IntOrString`.
public enum IntOrString: ValueConvertible, Hashable, Sendable, ExpressibleByIntegerLiteral, ExpressibleByStringLiteral, CustomStringConvertible {
    case int(Int)
    case string(String)

    public init?(value: Value) {
        switch value {
        case .string(let s): self = .string(s)
        default:
            guard let i = value.intValue else { return nil }
            self = .int(i)
        }
    }

    public func toValue() -> Value {
        switch self {
        case .int(let i): return .int(i)
        case .string(let s): return .string(s)
        }
    }

    public init(integerLiteral value: Int) { self = .int(value) }
    public init(stringLiteral value: String) { self = .string(value) }

    public var description: String {
        switch self {
        case .int(let i): return String(i)
        case .string(let s): return s
        }
    }
}
