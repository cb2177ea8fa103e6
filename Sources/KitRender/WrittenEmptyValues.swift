import KitCore

/// Where kustomize turns fields written with no value (`key:`, marked by the YAML reader,
/// see `Object.isWrittenEmpty(at:)`) into ordinary values: wherever it takes an object to
/// JSON and back, the empty text is gone and a later strategic merge keeps the field as the
/// spelled-out null it has become.
enum WrittenEmptyValues {
    /// After a JSON 6902 patch (kyaml prints the object as YAML, decodes that into JSON and
    /// reads the patched JSON back): the marks go, the values stay as they read (a flow
    /// mapping's left-out value is still `""`).
    static func forgetAfterJSONPatch(_ value: inout Value) {
        guard containsMark(value) else { return }
        forget(&value, emptyBecomesNull: false)
    }

    /// The items of a `…List` that kustomize expands through JSON (kyaml's `Map()`, which
    /// decodes the nodes themselves): a marked value becomes null, the `""` of a flow
    /// mapping's left-out value too, and the marks go.
    static func forgetAfterListExpansion(_ value: inout Value) {
        guard containsMark(value) else { return }
        forget(&value, emptyBecomesNull: true)
    }

    /// Whether any object in `value` has a marked entry (reads only, so that the common
    /// case, no marks, costs no copy).
    static func containsMark(_ value: Value) -> Bool {
        switch value {
        case .object(let o):
            for i in 0..<o.count {
                if o.isWrittenEmpty(at: i) || containsMark(o.entry(at: i).value) { return true }
            }
            return false
        case .array(let items):
            return items.contains(where: containsMark)
        default:
            return false
        }
    }

    static func forget(_ value: inout Value, emptyBecomesNull: Bool) {
        switch value {
        case .object(var o):
            value = .null  // take the object out, so that changing it makes no copy
            for i in 0..<o.count {
                if emptyBecomesNull && StrategicMerge.isWrittenEmpty(o, i) { o.setValue(.null, at: i) }
                o.setWrittenEmpty(false, at: i)
                var child = o.entry(at: i).value
                o.setValue(.null, at: i)
                forget(&child, emptyBecomesNull: emptyBecomesNull)
                o.setValue(child, at: i)
            }
            value = .object(o)
        case .array(var items):
            value = .null
            for i in items.indices { forget(&items[i], emptyBecomesNull: emptyBecomesNull) }
            value = .array(items)
        default:
            break
        }
    }
}
