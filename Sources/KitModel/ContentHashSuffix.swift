import Crypto
import KitCore

/// The name suffix kubectl (`create configmap|secret --append-hash`) and kustomize (ConfigMap
/// and Secret generators) derive from an object's content: the SHA-256 of its JSON, keys
/// sorted as Go's encoding/json sorts them, with the first ten hex digits spelled
/// 0→g, 1→h, 3→k, a→m, e→t (kubectl's `hash.encodeHash`). What goes into the JSON differs
/// between the two tools; each builds its own object and hashes it here.
public enum ContentHashSuffix {
    public static func of(_ value: Value) -> String {
        let json = (try? JSONWriter(style: .kubectl, indent: 0, sortKeys: true).string(value)) ?? ""
        let hexDigits = Array("0123456789abcdef")
        var out = ""
        for byte in SHA256.hash(data: Array(json.utf8)).prefix(5) {
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
