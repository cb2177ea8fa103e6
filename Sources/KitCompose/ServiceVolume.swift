import KitCore

/// One entry of a service's `volumes`.
public struct ServiceVolume: Sendable {
    /// `bind`, `volume`, `tmpfs`, `npipe`, `cluster` or `image`.
    public var type: String
    /// The host path (bind mounts) or volume name; nil for anonymous volumes and tmpfs.
    public var source: String?
    /// The host path made absolute against the project directory (`~` expanded), for binds.
    public var resolvedSource: String?
    /// The path in the container.
    public var target: String
    public var readOnly: Bool
    /// The mode of the short syntax as written (`ro`, `rw`, `z`, `ro,z`, …), nil when none.
    public var mode: String?
    /// The short-syntax text (nil for the long syntax).
    public var shortSyntax: String?
    /// The long-syntax mapping (nil for the short syntax).
    public var longSyntax: Node?
    public var location: SourceLocation

    /// A named volume (`db:/var/lib/db`).
    public var isNamedVolume: Bool { type == "volume" && source != nil }

    /// docker-compose's rule for short-syntax sources: anything not starting with `.`, `/`
    /// or `~` names a volume.
    static func isVolumeName(_ source: String) -> Bool {
        !(source.hasPrefix(".") || source.hasPrefix("/") || source.hasPrefix("~"))
    }

    /// Parses an entry; relative host paths resolve against `directory` (home: `home`).
    static func parse(_ node: Node, path: KeyPath, directory: String, home: String?) throws -> ServiceVolume {
        if let text = node.string {
            let parts = text.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
            guard (1...3).contains(parts.count), !parts.contains(where: \.isEmpty) else {
                throw composeError(
                    "invalid volume \"\(text)\": use [SOURCE:]TARGET[:MODE]", path: path, node: node)
            }
            if parts.count == 1 {
                return ServiceVolume(
                    type: "volume", source: nil, resolvedSource: nil, target: FileIO.clean(parts[0]), readOnly: false,
                    mode: nil, shortSyntax: text, longSyntax: nil, location: node.location)
            }
            let source = parts[0]
            let mode = parts.count == 3 ? parts[2] : nil
            let readOnly = mode.map { $0.split(separator: ",").contains("ro") } ?? false
            if isVolumeName(source) {
                return ServiceVolume(
                    type: "volume", source: source, resolvedSource: nil, target: FileIO.clean(parts[1]), readOnly: readOnly,
                    mode: mode, shortSyntax: text, longSyntax: nil, location: node.location)
            }
            let resolved = Paths.absolute(Paths.expandUser(source, home: home), base: directory)
            return ServiceVolume(
                type: "bind", source: source, resolvedSource: resolved, target: FileIO.clean(parts[1]), readOnly: readOnly,
                mode: mode, shortSyntax: text, longSyntax: nil, location: node.location)
        }
        guard let o = node.object else {
            throw composeError("a volume must be a string or a mapping", path: path, node: node)
        }
        let type = o["type"]?.string ?? "volume"
        guard let target = o["target"]?.string, !target.isEmpty else {
            throw composeError("a volume mapping needs a target", path: path, node: node)
        }
        var source = o["source"]?.string
        if source?.isEmpty == true { source = nil }
        if type == "tmpfs" && source != nil {
            throw composeError("tmpfs mounts can not specify a source", path: path / "source", node: o["source"])
        }
        var resolved: String? = nil
        if type == "bind", let source {
            resolved = Paths.absolute(Paths.expandUser(source, home: home), base: directory)
        }
        if type == "bind" && source == nil {
            throw composeError("a bind mount needs a source", path: path, node: node)
        }
        let readOnly = o["read_only"].flatMap { n -> Bool? in
            if case .scalar(.bool(let b)) = n.content { return b }
            return nil
        } ?? false
        return ServiceVolume(
            type: type, source: source, resolvedSource: resolved, target: target, readOnly: readOnly, mode: nil,
            shortSyntax: nil, longSyntax: node, location: node.location)
    }

    /// The form docker-compose prints: `SOURCE:TARGET:MODE` strings for the short syntax
    /// (mode `rw` added when a source is given), mappings for the long syntax.
    func composeValue() -> Value {
        if shortSyntax != nil {
            guard let source else { return .string(target) }
            let external = type == "bind" ? (resolvedSource ?? source) : source
            return .string("\(external):\(target):\(mode ?? "rw")")
        }
        var o = longSyntax?.value.objectValue ?? Object()
        if type == "bind", let resolvedSource { o["source"] = .string(FileIO.clean(resolvedSource)) }
        return .object(o)
    }
}
