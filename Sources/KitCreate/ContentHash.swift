import Crypto
import KitCore

/// The suffix `--append-hash` adds to a ConfigMap or Secret name (kubectl's
/// `hash.ConfigMapHash` and `hash.SecretHash`).
///
/// kubectl hashes the JSON of `{"binaryData":…,"data":…,"kind":…,"name":…}` for a ConfigMap
/// (`binaryData` only when there is some) and `{"data":…,"kind":…,"name":…,"type":…}` for a
/// Secret, keys sorted as Go sorts map keys, then takes the SHA-256 in hex and spells its
/// first ten digits with 0→g, 1→h, 3→k, a→m, e→t. Unlike kustomize's generator hash, the
/// name is part of it.
enum ContentHash {
    /// `data` holds text values; `binaryData` base64 text, as Go's JSON writes `[]byte`.
    static func configMap(name: String, data: [(String, String)], binaryData: [(String, String)]) -> String {
        var object = Object()
        if !binaryData.isEmpty { object["binaryData"] = sortedMap(binaryData).toValue() }
        object["data"] = sortedMap(data).toValue()
        object["kind"] = "ConfigMap"
        object["name"] = .string(name)
        return encode(.object(object))
    }

    /// `data` holds base64 text, as Go's JSON writes `[]byte`.
    static func secret(name: String, type: String, data: [(String, String)]) -> String {
        let object: Object = [
            "data": sortedMap(data).toValue(),
            "kind": "Secret",
            "name": .string(name),
            "type": .string(type),
        ]
        return encode(.object(object))
    }

    static func encode(_ value: Value) -> String {
        let json = (try? JSONWriter(style: .kubectl, indent: 0, sortKeys: true).string(value)) ?? ""
        let digest = SHA256.hash(data: Array(json.utf8))
        let hexDigits = Array("0123456789abcdef")
        var out = ""
        for byte in digest.prefix(5) {
            for nibble in [Int(byte >> 4), Int(byte & 15)] {
                switch hexDigits[nibble] {
                case "0": out.append("g")
                case "1": out.append("h")
                case "3": out.append("k")
                case "a": out.append("m")
                case "e": out.append("t")
                case let c: out.append(c)
                }
            }
        }
        return out
    }
}
