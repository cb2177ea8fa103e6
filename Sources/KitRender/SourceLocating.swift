import KitCore

extension ResourceSource {
    /// The position of the value at `path` of the object as it came in, when it still holds
    /// `value` there; else the position of the object itself (or of its generator entry).
    /// Reads the file again: errors are rare, so the build keeps no positions.
    func location(of path: [PathComponent], holding value: Value?) -> SourceLocation? {
        guard let bytes = try? FileIO.read(file, limits: .regularFiles()) else { return nil }
        if generated {
            var options = YAMLReader.Options.goYAMLv2
            options.positions = true
            guard let document = (try? YAMLReader.read(bytes, file: file, options: options))?.first(where: { !$0.isEmpty })
            else { return nil }
            return document.positions?.location(of: self.path + [.key("name")], in: document.value) ?? document.location
        }
        guard let input = try? DocumentReader.read(bytes, file: file, positions: true, yamlOptions: .kustomizeResources)
        else { return nil }
        let documents = input.documents.filter { !$0.isEmpty }
        guard document < documents.count else { return nil }
        let source = documents[document]
        guard let tree = source.positions else { return source.location }
        var original: Value? = source.value
        for step in self.path + path {
            switch step {
            case .key(let k): original = original?[k]
            case .index(let i): original = original?[i]
            }
        }
        if let original, let value, original == value || (original.doubleValue?.isNaN == true && value.doubleValue?.isNaN == true) {
            return tree.location(of: self.path + path, in: source.value)
        }
        return tree.location(of: self.path, in: source.value) ?? tree.location
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
