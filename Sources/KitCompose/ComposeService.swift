import KitCore

/// One service of a project: its merged definition (after `extends`), and the parts every
/// renderer needs parsed once: the resolved environment, ports and volumes.
public struct ComposeService: Sendable {
    public var name: String
    /// The definition as merged from the files, interpolated and validated (source syntax).
    public var definition: NodeObject
    /// Where the service's key is written.
    public var location: SourceLocation
    /// `services.NAME`.
    public var path: KeyPath
    /// `env_file` entries, then `environment` (later wins), resolved by the dialect's rules.
    public var environment: [EnvironmentVariable]
    /// `env_file` paths, absolute.
    public var envFiles: [String]
    public var ports: [ServicePort]
    public var volumes: [ServiceVolume]

    public subscript(key: String) -> Node? { definition[key] }

    /// A string field.
    public func string(_ key: String) -> String? { definition[key]?.string }

    /// A boolean field.
    public func bool(_ key: String) -> Bool? {
        if case .scalar(.bool(let b))? = definition[key]?.content { return b }
        return nil
    }

    /// A field that is a string or a list of strings (`dns`, `tmpfs`, `env_file`, …).
    public func strings(_ key: String) -> [String] {
        guard let node = definition[key] else { return [] }
        if let s = node.string { return [s] }
        return (node.array ?? []).map(ComposeMerge.scalarText)
    }

    /// A list-or-mapping field as ordered pairs (`labels`, `sysctls`, …): `k=v` list entries
    /// split at the first `=`, a bare `k` is "".
    public func pairs(_ key: String) -> [(String, String)] {
        ComposeMerge.mapping(definition[key], split: .label).entries.map { e in
            (e.key, e.value.isNull ? "" : ComposeMerge.scalarText(e.value))
        }
    }

    /// The location of the field `key`, or of the service.
    public func location(of key: String) -> SourceLocation {
        definition[key]?.location ?? location
    }

    /// The command-like field `key` (`command`, `entrypoint`) as words: a string is split as a
    /// shell would, a list is kept.
    public func words(_ key: String) throws -> [String]? {
        guard let node = definition[key], !node.isNull else { return nil }
        if let s = node.string {
            do {
                return try ShellWords.split(s)
            } catch {
                throw composeError("unterminated quote", path: path / key, node: node)
            }
        }
        return (node.array ?? []).map(ComposeMerge.scalarText)
    }
}
