import KitCore

/// Turns a resource file into objects as kustomize does: empty documents are dropped, a
/// document whose kind ends in `List` and that has `items` is replaced by them (queued after
/// the file's other documents, as kustomize queues them), and every object must be a mapping.
///
/// Items come out as kustomize has them: kyaml's reader unwraps a `List` or `ResourceList`
/// that is the file's only part as read, fields written empty included
/// (`Object.isWrittenEmpty(at:)`); every other list kustomize expands through JSON, where
/// those fields become spelled-out nulls.
enum ResourceReader {
    static func objects(_ bytes: [UInt8], file: String) throws -> [Value] {
        try located(bytes, file: file).map(\.value)
    }

    /// The objects, each with the index of its document (among the non-empty ones) and its
    /// path inside that document (`items[2]` for an item of a List).
    static func located(_ bytes: [UInt8], file: String) throws -> [(value: Value, document: Int, path: [PathComponent])] {
        let options = YAMLReader.Options.kustomizeResources
        let documents = try YAMLReader.read(bytes, file: file, options: options)
        var queue: [(value: Value, document: Int, path: [PathComponent])] =
            documents.filter { !$0.isEmpty }.enumerated().map { ($1.value, $0, []) }
        var result: [(value: Value, document: Int, path: [PathComponent])] = []
        let documentCount = queue.count
        var index = 0
        while index < queue.count {
            let (v, document, path) = queue[index]
            let isDocument = index < documentCount
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
                    case .array(var items):
                        if !(isDocument && (kind == "List" || kind == "ResourceList") && isSinglePart(bytes)) {
                            for i in items.indices { WrittenEmptyValues.forgetAfterListExpansion(&items[i]) }
                        }
                        queue.append(contentsOf: items.enumerated().map { ($1, document, path + [.key("items"), .index($0)]) })
                    case let other:
                        throw KitError("expected array in \(kind)/items, but found \(other.typeName)")
                    }
                    continue
                }
                try validate(o)
                result.append((v, document, path))
            default:
                throw KitError("\(file): a resource document must be a mapping, found \(v.typeName)")
            }
        }
        return result
    }

    /// Whether kyaml's reader sees the file as one part: it splits files at every line that
    /// starts with `---` and is not the first line (its pattern `\n---.*\n`, after turning
    /// CRLF into LF), and unwraps a list only when there is no such line.
    static func isSinglePart(_ bytes: [UInt8]) -> Bool {
        var i = 0
        while i + 4 <= bytes.count {
            if bytes[i] == UInt8(ascii: "\n") && bytes[i + 1] == UInt8(ascii: "-") && bytes[i + 2] == UInt8(ascii: "-")
                && bytes[i + 3] == UInt8(ascii: "-") && bytes[(i + 4)...].contains(UInt8(ascii: "\n"))
            {
                return false
            }
            i += 1
        }
        return true
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
