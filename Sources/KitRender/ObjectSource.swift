import KitCore
import KitModel

/// Where an object of a build came from: enough to point a message about one of its values
/// (a value kustomize cannot print, found only when the output is written) at a file, line
/// and column.
public struct ObjectSource: Sendable {
    /// The file the object was read from, or the kustomization file whose generator made it.
    public var file: String
    /// The object's id when it entered the build (before renames and hash suffixes).
    public var id: ResourceID
    /// Made by a `configMapGenerator`/`secretGenerator` entry of `file`.
    public var generated: Bool

    init?(_ resource: RenderResource, root: String) {
        guard let origin = resource.origin else { return nil }
        if let path = origin.path {
            file = FileIO.clean(root + "/" + path)
            generated = false
        } else if let kustomization = origin.configuredIn {
            file = FileIO.clean(root + "/" + kustomization)
            generated = true
        } else {
            return nil
        }
        id = resource.originalID
    }

    /// The position of the value at `path` of the object as it came in, when it still holds
    /// `value` there; else the position of the object itself (or of its generator entry).
    /// Reads the file again (errors are rare, so the build keeps no positions).
    func location(of path: [PathComponent], holding value: Value?) -> SourceLocation? {
        guard let bytes = try? FileIO.read(file, limits: .regularFiles()) else { return nil }
        if generated {
            var options = YAMLReader.Options.goYAMLv2
            options.positions = true
            guard let document = (try? YAMLReader.read(bytes, file: file, options: options))?.first(where: { !$0.isEmpty })
            else { return nil }
            for field in ["configMapGenerator", "secretGenerator"] {
                guard let entries = document.value[field]?.arrayValue else { continue }
                for (i, entry) in entries.enumerated() where entry["name"]?.stringValue == id.name {
                    return document.positions?.location(of: [.key(field), .index(i), .key("name")], in: document.value)
                }
            }
            return document.location
        }
        guard let input = try? DocumentReader.read(bytes, file: file, positions: true, yamlOptions: .kustomizeResources) else {
            return nil
        }
        for document in input.documents where RenderResource(document.value).id == id {
            guard let tree = document.positions else { return document.location }
            var original: Value? = document.value
            for step in path {
                switch step {
                case .key(let k): original = original?[k]
                case .index(let i): original = original?[i]
                }
            }
            if let original, let value, original == value || (original.doubleValue?.isNaN == true && value.doubleValue?.isNaN == true) {
                return tree.location(of: path, in: document.value)
            }
            return tree.location
        }
        return nil
    }
}

extension RenderResult {
    /// `error` pointed at the value it names (`KitError.valuePath`, a document of `objects`),
    /// when the value's source is known.
    public func locating(_ error: KitError) -> KitError {
        guard error.location == nil, let path = error.valuePath, path.document < sources.count,
            let source = sources[path.document]
        else { return error }
        var value: Value? = objects[path.document]
        for step in path.components {
            switch step {
            case .key(let k): value = value?[k]
            case .index(let i): value = value?[i]
            }
        }
        var located = error
        located.location = source.location(of: path.components, holding: value)
        return located
    }
}
