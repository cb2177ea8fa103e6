import KitCore

/// A resource quantity field (`cpu: 500m`, `memory: 1Gi`, `storage: 10`) kept as the text it
/// was written as. YAML lets quantities be bare numbers; those read as the text JSON would
/// carry for them (`1.5e7` → `15000000`).
///
/// This is the typed models' storage form; parse it with `Quantity` to compare or add.
public struct QuantityString: ValueConvertible, Hashable, Sendable, ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, CustomStringConvertible {
    /// The quantity as written: `500m`, `1Gi`, `2`.
    public var text: String

    public init(_ text: String) { self.text = text }
    public init(stringLiteral value: String) { text = value }
    public init(integerLiteral value: Int) { text = String(value) }

    public init?(value: Value) {
        switch value {
        case .string(let s): text = s
        case .int(let i): text = String(i)
        case .double(let d):
            // The text JSON carries for the number, as `Quantity(_:)` and the API server read it.
            guard let json = NumberFormatting.goJSON(d) else { return nil }
            text = json
        case .decimal(let d): text = d.text
        default: return nil
        }
    }

    /// Quantities are written as strings, as the API server returns them.
    public func toValue() -> Value { .string(text) }
    public var description: String { text }
}
