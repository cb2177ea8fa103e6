import KitCore

/// Turns a resource file into objects as kustomize does: empty documents are dropped, a
/// document whose kind ends in `List` is replaced by its `items` (queued after the file's
/// other documents, as kustomize queues them), and every object must be a mapping.
enum ResourceReader {
    static func objects(_ bytes: [UInt8], file: String) throws -> [Value] {
        var options = YAMLReader.Options()
        options.acceptUnknownTags = true
        options.kustomizeStrict = true
        options.goYAMLv3BlockRoundTrip = true
        try refuseLoneDirectives(bytes, file: file)
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
                if kind.hasSuffix("List") {
                    switch o["items"] {
                    case .none, .some(.null): continue
                    case .some(.array(let items)): queue.append(contentsOf: items)
                    case .some(let other):
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

    /// kustomize splits a resource file at every `---` line before parsing the parts one by
    /// one, so a part holding only directives (`%YAML 1.1` before `---`) has no document and
    /// fails to parse.
    static func refuseLoneDirectives(_ bytes: [UInt8], file: String) throws {
        guard bytes.contains(UInt8(ascii: "%")) else { return }
        var partStart = true  // at the start of the file or right after a `---` line
        var directiveLine: Int? = nil
        var line = 0
        for raw in bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            line += 1
            let text = raw.last == UInt8(ascii: "\r") ? raw.dropLast() : raw[...]
            if text.elementsEqual("---".utf8) {
                if let directive = directiveLine {
                    throw KitError(
                        "did not find expected <document start>: kustomize splits files at '---' lines before parsing, which leaves this directive without a document",
                        at: SourceLocation(file: file, line: directive, column: 1))
                }
                partStart = true
                continue
            }
            let trimmed = text.drop(while: { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") })
            if partStart && text.first == UInt8(ascii: "%") {
                if directiveLine == nil { directiveLine = line }
            } else if trimmed.isEmpty || trimmed.first == UInt8(ascii: "#") {
                continue
            } else {
                partStart = false
                directiveLine = nil
            }
        }
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
