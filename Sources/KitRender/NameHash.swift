import KitCore
import KitModel

/// The suffix kustomize appends to generated ConfigMap and Secret names (`mysql-pass-5m26tmdb5k`).
///
/// kustomize hashes a JSON encoding of the object's content — for a ConfigMap
/// `{"binaryData":…,"data":…,"kind":"ConfigMap","name":""}` (binaryData only when it is a map),
/// for a Secret `{"data":…,"kind":"Secret","name":"","stringData":…,"type":…}` (stringData only
/// when it is a map), other kinds as their whole JSON — keys sorted as Go's encoding/json
/// sorts them, hashed as `ContentHashSuffix` does.
///
/// The name really is empty: kustomize looks the name up with the single path segment
/// `"metadata/name"`, which never matches, so its hash ignores the name. kit reproduces that
/// so its names equal kustomize's. A missing `data` or `type` is hashed as `""`.
public enum NameHash {
    public static func suffix(for object: Value) -> String {
        let kind = object["kind"]?.stringValue ?? ""
        var identity = Object()
        func field(_ key: String) -> Value {
            guard let v = object[key], !v.isNull else { return .string("") }
            return v
        }
        switch kind {
        case "ConfigMap":
            if case .object? = object["binaryData"] { identity["binaryData"] = object["binaryData"] }
            identity["data"] = field("data")
            identity["kind"] = .string(kind)
            identity["name"] = .string("")
        case "Secret":
            identity["data"] = field("data")
            identity["kind"] = .string(kind)
            identity["name"] = .string("")
            if case .object? = object["stringData"] { identity["stringData"] = object["stringData"] }
            identity["type"] = field("type")
        default:
            identity = object.objectValue ?? Object()
        }
        return ContentHashSuffix.of(.object(identity))
    }
}
