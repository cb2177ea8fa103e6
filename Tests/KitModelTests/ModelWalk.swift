import KitCore

@testable import KitModel

/// What the generated walker (Generated/ModelWalker.swift) records while it reads every field
/// of a typed model and assigns it back: fields that were present but did not read as their
/// Swift type, and how many present fields it read.
struct ModelWalk {
    var path: [String] = []
    var mismatches: [String] = []
    var fieldsRead = 0

    private mutating func mismatch(_ key: String, _ message: String) {
        mismatches.append((path + [key]).joined(separator: ".") + ": " + message)
    }

    /// A scalar or free-form field (`String?`, `Int?`, `QuantityString?`, `Value?`, …).
    mutating func field<T: ValueConvertible>(_ value: inout T?, _ key: String, _ raw: Object) {
        guard let present = raw[key], !present.isNull else { return }
        fieldsRead += 1
        if value == nil { mismatch(key, "\(present.typeName) does not read as \(T.self)") }
    }

    /// An array of scalars or arrays: every element must read as the element type.
    mutating func container<T: EmptyRepresentable>(_ value: inout T, _ key: String, _ raw: Object) {
        guard let present = raw[key], !present.isNull else { return }
        fieldsRead += 1
        if value.toValue() != present { mismatch(key, "\(present.typeName) does not read fully as \(T.self)") }
    }

    /// A map of scalars: every value must read as the element type.
    mutating func container<E>(_ value: inout FieldMap<E>, _ key: String, _ raw: Object) {
        guard let present = raw[key], !present.isNull else { return }
        fieldsRead += 1
        guard case .object(let object) = present else { return mismatch(key, "\(present.typeName) is not a map") }
        let readable = value.reduce(0) { n, _ in n + 1 }
        if readable != object.count { mismatch(key, "\(object.count - readable) values do not read as \(E.self)") }
    }

    /// A nested model.
    mutating func model<T: ObjectModel>(_ value: inout T, _ key: String, _ raw: Object, _ walk: (inout T, inout ModelWalk) -> Void) {
        guard let present = raw[key], !present.isNull else { return }
        fieldsRead += 1
        guard case .object = present else { return mismatch(key, "\(present.typeName) is not an object") }
        path.append(key)
        walk(&value, &self)
        path.removeLast()
    }

    /// An array of models.
    mutating func modelArray<T: ObjectModel>(_ value: inout [T], _ key: String, _ raw: Object, _ walk: (inout T, inout ModelWalk) -> Void) {
        guard let present = raw[key], !present.isNull else { return }
        fieldsRead += 1
        guard case .array(let elements) = present else { return mismatch(key, "\(present.typeName) is not an array") }
        if value.count != elements.count { mismatch(key, "\(elements.count - value.count) elements are not objects") }
        for i in value.indices {
            path.append("\(key)[\(i)]")
            walk(&value[i], &self)
            path.removeLast()
        }
    }

    /// A map of models.
    mutating func modelMap<T: ObjectModel>(_ value: inout FieldMap<T>, _ key: String, _ raw: Object, _ walk: (inout T, inout ModelWalk) -> Void) {
        guard let present = raw[key], !present.isNull else { return }
        fieldsRead += 1
        for k in value.keys {
            guard var element = value[k] else {
                mismatch("\(key).\(k)", "is not an object")
                continue
            }
            path.append("\(key).\(k)")
            walk(&element, &self)
            path.removeLast()
            value[k] = element
        }
    }
}
