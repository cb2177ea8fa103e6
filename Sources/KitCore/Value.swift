/// One node of a JSON/YAML document: the single data model every part of kit speaks.
///
/// Numbers come in three forms so that nothing is lost on the way through:
/// - `int` for integers that fit in 64 bits,
/// - `double` for everything an IEEE double holds exactly as written,
/// - `decimal` for a literal that neither holds (integers beyond 64 bits, or jq-style
///   high-precision literals); it keeps the literal's text.
///
/// Objects keep their key order (see `Object`). Equality, hashing and ordering follow jq:
/// `1 == 1.0`, object key order does not matter for equality, strings compare by their
/// UTF-8 bytes, and the total order is null < false < true < numbers < strings < arrays <
/// objects.
public enum Value: Sendable {
    case null
    case bool(Bool)
    case int(Int)
    case double(Double)
    case decimal(DecimalNumber)
    case string(String)
    case array([Value])
    case object(Object)
}

extension Value {
    /// The jq name of this value's type (`null`, `boolean`, `number`, `string`, `array`, `object`).
    public var typeName: String {
        switch self {
        case .null: return "null"
        case .bool: return "boolean"
        case .int, .double, .decimal: return "number"
        case .string: return "string"
        case .array: return "array"
        case .object: return "object"
        }
    }

    public var isNull: Bool {
        if case .null = self { return true }
        return false
    }

    public var isNumber: Bool {
        switch self {
        case .int, .double, .decimal: return true
        default: return false
        }
    }

    public var stringValue: String? {
        if case .string(let s) = self { return s }
        return nil
    }

    public var boolValue: Bool? {
        if case .bool(let b) = self { return b }
        return nil
    }

    public var arrayValue: [Value]? {
        if case .array(let a) = self { return a }
        return nil
    }

    public var objectValue: Object? {
        if case .object(let o) = self { return o }
        return nil
    }

    /// The number as a double (decimals round to the nearest double), or nil for non-numbers.
    public var doubleValue: Double? {
        switch self {
        case .int(let i): return Double(i)
        case .double(let d): return d
        case .decimal(let d): return d.doubleValue
        default: return nil
        }
    }

    /// The number as an `Int` when it is integral and fits, else nil.
    public var intValue: Int? {
        switch self {
        case .int(let i): return i
        case .double(let d):
            guard d.rounded() == d, d >= -9.223372036854775808e18, d < 9.223372036854775808e18 else { return nil }
            return Int(d)
        default: return nil
        }
    }

    /// Member lookup on objects; nil for other kinds or a missing key.
    public subscript(key: String) -> Value? {
        if case .object(let o) = self { return o[key] }
        return nil
    }

    /// Element lookup on arrays; nil for other kinds or an index out of range.
    public subscript(index: Int) -> Value? {
        if case .array(let a) = self, a.indices.contains(index) { return a[index] }
        return nil
    }

    /// Follows a path of object keys; nil as soon as a step is missing.
    public func value(at path: [String]) -> Value? {
        var current = self
        for key in path {
            guard let next = current[key] else { return nil }
            current = next
        }
        return current
    }
}

extension Value: ExpressibleByNilLiteral, ExpressibleByBooleanLiteral, ExpressibleByIntegerLiteral,
    ExpressibleByFloatLiteral, ExpressibleByStringLiteral, ExpressibleByArrayLiteral,
    ExpressibleByDictionaryLiteral
{
    public init(nilLiteral: ()) { self = .null }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(integerLiteral value: Int) { self = .int(value) }
    public init(floatLiteral value: Double) { self = .double(value) }
    public init(stringLiteral value: String) { self = .string(value) }
    public init(arrayLiteral elements: Value...) { self = .array(elements) }
    public init(dictionaryLiteral elements: (String, Value)...) {
        self = .object(Object(uniqueKeysWithValues: elements))
    }
}

extension Value {
    /// Runs `body` on the node at `path` (object keys and array indices), in place; does
    /// nothing when the path does not exist. The containers on the way are taken out of
    /// `self` while they change, so that no copy is made.
    public mutating func modify<S: Collection>(at path: S, _ body: (inout Value) throws -> Void) rethrows
    where S.Element == PathComponent, S.SubSequence: Collection {
        guard let head = path.first else {
            try body(&self)
            return
        }
        switch head {
        case .key(let key):
            guard case .object(var object) = self, let i = object.position(of: key) else { return }
            self = .null
            defer { self = .object(object) }
            var child = object.entry(at: i).value
            object.setValue(.null, at: i)
            defer { object.setValue(child, at: i) }
            try child.modify(at: path.dropFirst(), body)
        case .index(let i):
            guard case .array(var items) = self, items.indices.contains(i) else { return }
            self = .null
            defer { self = .array(items) }
            try items[i].modify(at: path.dropFirst(), body)
        }
    }
}
