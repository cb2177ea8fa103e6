import KitCore

/// A map field (`labels`, `data`, `resources.limits`, …): a view over an `Object` whose
/// values are all of one type. Keys keep their order; entries whose value has another shape
/// are skipped when reading and kept in the object.
///
/// (Inside this type `Value` is the dictionary-literal element type, hence `KitCore.Value`.)
public struct FieldMap<Element: ValueConvertible & Sendable>: EmptyRepresentable, Sendable, Sequence, ExpressibleByDictionaryLiteral {
    /// The object this map reads and writes.
    public var raw: Object

    public init(raw: Object) { self.raw = raw }
    public init() { raw = Object() }

    public init(dictionaryLiteral elements: (String, Element)...) {
        raw = Object()
        for (key, value) in elements { raw[key] = value.toValue() }
    }

    public init?(value: KitCore.Value) {
        guard case .object(let object) = value else { return nil }
        raw = object
    }

    public func toValue() -> KitCore.Value { .object(raw) }
    public static var empty: FieldMap { FieldMap() }
    public static func == (a: FieldMap, b: FieldMap) -> Bool { KitCore.Value.object(a.raw) == KitCore.Value.object(b.raw) }

    /// The value of `key` (nil when absent or of another shape); assigning nil removes it.
    public subscript(key: String) -> Element? {
        get { raw.field(key) }
        set { raw.setField(key, newValue) }
    }

    /// Every key, in order (including those whose value has another shape).
    public var keys: [String] { raw.keys }
    public var count: Int { raw.count }
    public var isEmpty: Bool { raw.isEmpty }

    public func makeIterator() -> AnyIterator<(key: String, value: Element)> {
        var entries = raw.makeIterator()
        return AnyIterator {
            while let (key, value) = entries.next() {
                if let element = Element(value: value) { return (key, element) }
            }
            return nil
        }
    }
}
