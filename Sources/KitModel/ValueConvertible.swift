import KitCore

/// A Swift type that views a `Value` of one shape: `String` views strings, `Int` integers,
/// typed models view objects, and so on. The typed models' accessors are built on it.
///
/// Conversions are views, not parses: `init?(value:)` returns nil for a value of another shape
/// and never loses what it accepts, and `toValue()` gives back an equal value.
public protocol ValueConvertible: Equatable {
    /// Views `value` as this type, or nil when it has another shape.
    init?(value: Value)
    /// The value this stands for.
    func toValue() -> Value
}

/// A `ValueConvertible` with an empty form (empty object, array or map) that stands in for
/// an absent field, so that `deployment.spec.replicas = 3` works without creating `spec` first.
public protocol EmptyRepresentable: ValueConvertible {
    /// The empty object, array or map.
    static var empty: Self { get }
}

extension String: ValueConvertible {
    public init?(value: Value) {
        guard case .string(let s) = value else { return nil }
        self = s
    }
    public func toValue() -> Value { .string(self) }
}

extension Int: ValueConvertible {
    /// Integers, including integral floating-point numbers (`3.0`), which YAML allows.
    public init?(value: Value) {
        guard let i = value.intValue else { return nil }
        self = i
    }
    public func toValue() -> Value { .int(self) }
}

extension Double: ValueConvertible {
    public init?(value: Value) {
        guard let d = value.doubleValue else { return nil }
        self = d
    }
    public func toValue() -> Value { .double(self) }
}

extension Bool: ValueConvertible {
    public init?(value: Value) {
        guard case .bool(let b) = value else { return nil }
        self = b
    }
    public func toValue() -> Value { .bool(self) }
}

/// Free-form fields (`RawExtension`, `JSON`, …) are plain values.
extension Value: ValueConvertible {
    public init?(value: Value) { self = value }
    public func toValue() -> Value { self }
}

/// Arrays view JSON arrays; elements of another shape are skipped when reading (they stay in
/// the object unless the array is assigned).
extension Array: ValueConvertible, EmptyRepresentable where Element: ValueConvertible {
    public init?(value: Value) {
        guard case .array(let elements) = value else { return nil }
        self = elements.compactMap(Element.init(value:))
    }
    public func toValue() -> Value { .array(map { $0.toValue() }) }
    public static var empty: [Element] { [] }
}

/// A string field whose schema lists its values: the known ones as constants, any other
/// string kept as it is (Kubernetes adds values over time).
public protocol StringEnumeration: ValueConvertible, Hashable, Sendable, ExpressibleByStringLiteral, CustomStringConvertible {
    var rawValue: String { get }
    init(rawValue: String)
}

extension StringEnumeration {
    public init?(value: Value) {
        guard case .string(let s) = value else { return nil }
        self.init(rawValue: s)
    }
    public func toValue() -> Value { .string(rawValue) }
    public init(stringLiteral value: String) { self.init(rawValue: value) }
    public var description: String { rawValue }
}
