import KitCore

/// Turns a finding's field path into FILE:LINE:COL: the file of its object is read again with
/// positions (only files with findings are), and the path is followed as far as it exists.
enum Locator {
    /// The location of `finding` in manifest `m`.
    static func locate(_ finding: Finding, in m: Manifest) -> SourceLocation {
        guard let file = m.file else { return m.start }
        // A generated object is located at its generator; a rendered one where its source
        // document has the field, as far as the source has it (patches and transformers may
        // have added the rest).
        if m.generated { return locate(path: m.prefix, key: false, file: file, document: m.documentIndex, fallback: m.start) }
        return locate(path: m.prefix + finding.path, key: finding.locateKey, file: file, document: m.documentIndex, fallback: m.start)
    }

    /// The position of `path` in document `document` of `file` (of its key when `key`), or of
    /// the deepest node of the path that exists; `fallback` when the file has no positions.
    static func locate(path: [PathComponent], key: Bool, file: SourceFile, document: Int, fallback: SourceLocation) -> SourceLocation {
        guard let (tree, value) = file.positioned(document: document) else { return fallback }
        return tree.location(of: path, in: value, key: key)
    }
}
