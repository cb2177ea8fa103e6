import KitCore

/// Turns a resource file into objects as kustomize does: empty documents are dropped, a
/// document whose kind ends in `List` and that has `items` is replaced by them (queued after
/// the file's other documents, as kustomize queues them), and every object must be a mapping.
enum ResourceReader {
    static func objects(_ bytes: [UInt8], file: String) throws -> [Value] {
        let options = YAMLReader.Options.kustomizeResources
        let documents = try YAMLReader.read(bytes, file: file, options: options)
        var queue: [Value] = documents.filter { !$0.isEmpty }.map(\.value)
        var result: [Value] = []
        var index = 0
        while index < queue.count {
            let v = queue[index]
            index += 1
            switch v {
            case .null:
                continue
            case .object(let o):
                if o.isEmpty { continue }
                let kind = o["kind"]?.stringValue ?? ""
                if kind.hasSuffix("List"), let items = o["items"] {
                    // A `…List` without `items` is an ordinary object (a custom kind such as
                    // `AccessWhiteList`); `items: null` is an empty list.
                    switch items {
                    case .null: continue
                    case .array(let items): queue.append(contentsOf: items)
                    case let other:
                        throw KitError("expected array in \(kind)/items, but found \(other.typeName)")
                    }
                    continue
                }
                try validate(o)
                result.append(v)
            default:
                throw KitError("\(file): a resource document must be a mapping, found \(v.typeName)")
            }
        }
        return result
    }

    /// kustomize refuses objects without a kind or a name (even with `generateName`).
    static func validate(_ o: Object) throws {
        if (o["kind"]?.stringValue ?? "").isEmpty {
            throw KitError("missing kind in object \(describe(o))")
        }
        if (o["metadata"]?["name"]?.stringValue ?? "").isEmpty {
            throw KitError("missing metadata.name in object \(describe(o))")
        }
    }

    static func describe(_ o: Object) -> String {
        let kind = o["kind"]?.stringValue ?? "?"
        let name = o["metadata"]?["name"]?.stringValue ?? "?"
        return "\(kind) \(name)"
    }
}
