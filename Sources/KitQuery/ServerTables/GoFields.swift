import KitCore
import KitModel

// Reading an object's fields as the printers see them after Go decoded the JSON into typed
// structs: a missing field (or `null`, or a value of the wrong type, which the API server
// would have refused) reads as Go's zero value — "" for strings, 0 for numbers, false for
// booleans, an empty list or map. Fields that are pointers in Go (where the printers tell
// "unset" from zero) are read with `isSet`.

extension Optional where Wrapped == Value {
    /// Member lookup through an optional value.
    @inline(__always)
    subscript(key: String) -> Value? {
        guard case .object(let object)? = self else { return nil }
        return object[key]
    }

    /// A Go `string` field.
    var goString: String {
        if case .string(let s)? = self { return s }
        return ""
    }

    /// A Go integer field (integral numbers only; anything else is 0).
    var goInt: Int {
        switch self {
        case .int(let i)?: return i
        case .double(let d)?:
            guard d.rounded() == d, d >= -9.2e18, d <= 9.2e18 else { return 0 }
            return Int(d)
        default: return 0
        }
    }

    /// A Go `bool` field.
    var goBool: Bool {
        if case .bool(let b)? = self { return b }
        return false
    }

    /// A Go slice field.
    var goArray: [Value] {
        if case .array(let a)? = self { return a }
        return []
    }

    /// A Go map or struct field.
    var goObject: Object {
        if case .object(let o)? = self { return o }
        return Object()
    }

    /// A Go pointer, slice or map field is non-nil: the field is present and not `null`.
    var isSet: Bool {
        switch self {
        case nil, .null?: return false
        default: return true
        }
    }

    /// The number of entries of a Go map field or elements of a slice field (`len(x)`).
    var goCount: Int {
        switch self {
        case .object(let o)?: return o.count
        case .array(let a)?: return a.count
        default: return 0
        }
    }

    /// A `metav1.Time` field.
    var metaTime: MetaTime { MetaTime.field(self) }
}

/// Go's formatting of the values the printers build cells from.
enum GoFormat {
    /// `labels.FormatLabels`: `k=v` pairs sorted as strings, joined by commas; `<none>` when
    /// there are none.
    static func labels(_ value: Value?) -> String {
        let pairs = stringMap(value).map { $0.key + "=" + $0.value }.sorted(by: utf8Less)
        return pairs.isEmpty ? "<none>" : pairs.joined(separator: ",")
    }

    /// A Go `map[string]string` field, in the object's order.
    static func stringMap(_ value: Value?) -> [(key: String, value: String)] {
        guard case .object(let object)? = value else { return [] }
        var out: [(key: String, value: String)] = []
        out.reserveCapacity(object.count)
        for (key, v) in object {
            if case .string(let s) = v { out.append((key, s)) } else if v.isNull { out.append((key, "")) }
        }
        return out
    }

    /// `metav1.FormatLabelSelector`: the selector's string form, `<none>` when it is empty
    /// (selects everything or nothing), `<error>` when it is invalid.
    static func labelSelector(_ value: Value?) -> String {
        guard let selector = try? LabelSelector(selector: value ?? .null) else { return "<error>" }
        let text = selector.description
        return text.isEmpty ? "<none>" : text
    }

    /// `metav1.LabelSelectorAsSelector(…).String()` as the Deployment printer shows it:
    /// empty for an empty or missing selector, `<invalid>` when it is invalid.
    static func selectorString(_ value: Value?) -> String {
        guard let selector = try? LabelSelector(selector: value ?? .null) else { return "<invalid>" }
        return selector.description
    }

    /// `layoutContainerCells`: container names and images, each joined by commas.
    static func containers(_ value: Value?) -> (names: String, images: String) {
        var names = ""
        var images = ""
        for (i, container) in value.goArray.enumerated() {
            if i > 0 {
                names += ","
                images += ","
            }
            names += Optional(container)["name"].goString
            images += Optional(container)["image"].goString
        }
        return (names, images)
    }

    /// A `resource.Quantity` field printed with `String()`: the stored spelling, or the
    /// canonical form; `0` for a missing quantity (Go's zero `Quantity`).
    static func quantity(_ value: Value?) -> String {
        guard let value, !value.isNull, let quantity = Quantity(value) else { return "0" }
        return quantity.serializedForm
    }

    /// A `*resource.Quantity` printed with `String()`: `<nil>` when unset.
    static func quantityPointer(_ value: Value?) -> String {
        value.isSet ? quantity(value) : "<nil>"
    }

    /// `intstr.IntOrString.String()`.
    static func intOrString(_ value: Value?) -> String {
        switch value {
        case .string(let s)?: return s
        default: return String(value.goInt)
        }
    }

    /// A Go `*string` field: its value, or `<unset>` for a nil pointer.
    static func stringPointer(_ value: Value?) -> String {
        value.isSet ? value.goString : "<unset>"
    }

    /// `printBoolPtr`: `True`, `False`, or `<unset>` for a nil pointer.
    static func boolPointer(_ value: Value?) -> String {
        guard value.isSet else { return "<unset>" }
        return value.goBool ? "True" : "False"
    }

    /// `net.JoinHostPort`: brackets around hosts that contain a colon.
    static func joinHostPort(_ host: String, _ port: String) -> String {
        host.utf8.contains(UInt8(ascii: ":")) ? "[" + host + "]:" + port : host + ":" + port
    }

    /// `listWithMoreString` and its siblings: at most `max` items, then ` + N more...`.
    static func withMore(_ list: [String], more: Bool, count: Int, max: Int, emptyText: String? = nil) -> String {
        let joined = list.joined(separator: ",")
        if more { return "\(joined) + \(count - max) more..." }
        if let emptyText, joined.isEmpty { return emptyText }
        return joined
    }

    /// The first `count` bytes of `s` (Go's `s[0:count]`), decoded as JSON would carry them.
    static func prefixBytes(_ s: String, _ count: Int) -> String {
        String(decoding: s.utf8.prefix(count), as: UTF8.self)
    }

    /// Go's `strings.ToLower` for the ASCII kinds and resources the printers lower-case.
    static func lower(_ s: String) -> String { s.lowercased() }
}
