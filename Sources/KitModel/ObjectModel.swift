import KitCore

/// A typed model: a view over the `Object` it was made from.
///
/// Generated models (`Apps.V1.Deployment`, `Core.V1.Container`, …) store the object in `raw`
/// and read and write its entries through computed properties, so fields the model does not
/// know, and the order of keys, survive any round trip.
public protocol ObjectModel: EmptyRepresentable, Sendable {
    /// The object this model reads and writes.
    var raw: Object { get set }
    /// A model over `raw`, kept as it is.
    init(raw: Object)
}

extension ObjectModel {
    public init?(value: Value) {
        guard case .object(let object) = value else { return nil }
        self.init(raw: object)
    }
    public func toValue() -> Value { .object(raw) }
    public static var empty: Self { Self(raw: Object()) }
    /// Equal when the objects are (jq equality: key order does not matter).
    public static func == (a: Self, b: Self) -> Bool { Value.object(a.raw) == Value.object(b.raw) }
}

/// A typed model of a Kubernetes kind (`Deployment`, `Pod`, …), which has an `apiVersion` and
/// `kind` of its own.
public protocol KubernetesObjectModel: ObjectModel {
    /// The group, version and kind this model describes.
    static var groupVersionKind: GroupVersionKind { get }
}

extension Object {
    /// The entry `key` viewed as `T`, or nil when it is absent or has another shape.
    public func field<T: ValueConvertible>(_ key: String) -> T? {
        self[key].flatMap(T.init(value:))
    }

    /// Writes `newValue` to `key` (nil removes the entry) — unless the entry already reads as
    /// `newValue`, in which case it is left exactly as it is. That keeps round trips lossless:
    /// `cpu: 1` stays a number when set to the quantity `"1"` it reads as, and an entry of a
    /// shape the model does not understand is not dropped by assigning the field to itself.
    /// (To remove an entry whatever it holds, assign nil to the object's subscript.)
    public mutating func setField<T: ValueConvertible>(_ key: String, _ newValue: T?) {
        if field(key) as T? == newValue { return }
        self[key] = newValue?.toValue()
    }

    /// The entry `key` viewed as `T`, or `T.empty` when it is absent or has another shape.
    public func nested<T: EmptyRepresentable>(_ key: String) -> T {
        field(key) ?? T.empty
    }

    /// Writes `newValue` to `key` unless the entry already reads as it; so writing back an
    /// empty nested object where there was none adds nothing.
    public mutating func setNested<T: EmptyRepresentable>(_ key: String, _ newValue: T) {
        if nested(key) as T == newValue { return }
        self[key] = newValue.toValue()
    }
}
