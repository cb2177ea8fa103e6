import KitCore

/// kubectl's `-o json`, `-o yaml` and `-o name` printers over the objects a query selected.
public enum ListOutput {
    /// The `List` kubectl's `printGeneric` builds around several objects.
    public static func list(_ items: [Value]) -> Value {
        [
            "apiVersion": "v1",
            "items": .array(items),
            "kind": "List",
            "metadata": ["resourceVersion": ""],
        ]
    }

    /// `-o json`: Go's `json.MarshalIndent` with 4 spaces over decoded JSON (keys sorted).
    public static func json(_ document: Value) throws(KitError) -> [UInt8] {
        do {
            return try JSONWriter(style: .kubectl, indent: 4, sortKeys: true).stream([document])
        } catch let error as KitError {
            throw error
        } catch {
            throw KitError("\(error)")
        }
    }

    /// `-o yaml`: sigs.k8s.io/yaml (JSON through go-yaml v2: keys in its order).
    public static func yaml(_ document: Value) throws(KitError) -> [UInt8] {
        do {
            return try YAMLWriter(keyOrder: .sorted, valueRules: .kustomize).document(document)
        } catch let error as KitError {
            throw error
        } catch {
            throw KitError("\(error)")
        }
    }

    /// `-o name`: `kind.group/name`, one per line.
    public static func names(_ items: [Value]) -> [UInt8] {
        var out: [UInt8] = []
        for item in items {
            out.append(contentsOf: name(of: item).utf8)
            out.append(10)
        }
        return out
    }

    /// `deployment.apps/web`: the lower-cased kind, its group and the name (`<unknown>` when
    /// the object has none), as kubectl's name printer writes it.
    public static func name(of item: Value) -> String {
        let kind = item["kind"]?.stringValue ?? ""
        let apiVersion = item["apiVersion"]?.stringValue ?? ""
        let group = apiVersion.firstIndex(of: "/").map { String(apiVersion[..<$0]) } ?? ""
        var name = item["metadata"]?["name"]?.stringValue ?? ""
        if name.isEmpty { name = "<unknown>" }
        return kind.lowercased() + (group.isEmpty ? "" : "." + group) + "/" + name
    }
}
