import KitCore
import KitModel

/// The suffix `--append-hash` adds to a ConfigMap or Secret name (kubectl's
/// `hash.ConfigMapHash` and `hash.SecretHash`).
///
/// kubectl hashes `{"binaryData":…,"data":…,"kind":…,"name":…}` for a ConfigMap (`binaryData`
/// only when there is some) and `{"data":…,"kind":…,"name":…,"type":…}` for a Secret, as
/// `ContentHashSuffix` hashes. Unlike kustomize's generator hash, the name
/// is part of it.
enum ContentHash {
    /// `data` holds text values; `binaryData` base64 text, as Go's JSON writes `[]byte`.
    static func configMap(name: String, data: [(String, String)], binaryData: [(String, String)]) -> String {
        var object = Object()
        if !binaryData.isEmpty { object["binaryData"] = sortedMap(binaryData).toValue() }
        object["data"] = sortedMap(data).toValue()
        object["kind"] = "ConfigMap"
        object["name"] = .string(name)
        return ContentHashSuffix.of(.object(object))
    }

    /// `data` holds base64 text, as Go's JSON writes `[]byte`.
    static func secret(name: String, type: String, data: [(String, String)]) -> String {
        let object: Object = [
            "data": sortedMap(data).toValue(),
            "kind": "Secret",
            "name": .string(name),
            "type": .string(type),
        ]
        return ContentHashSuffix.of(.object(object))
    }
}
