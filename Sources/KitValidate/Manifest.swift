import KitCore
import KitModel

/// One object to validate, with where it came from.
public struct Manifest: Sendable {
    public var value: Value
    public let apiVersion: String
    public let kind: String
    public let name: String
    public let namespace: String
    public let gvk: GroupVersionKind
    /// The file (nil for objects a render generated with no source file to point at).
    let file: SourceFile?
    /// The document of `file` the object is in.
    let documentIndex: Int
    /// Where the object is inside its document (`items[3]` for an item of a List).
    let prefix: [PathComponent]
    /// Where the object starts, when no position tree can say better.
    let start: SourceLocation
    /// YAML 1.1 timestamps in the object (paths relative to the object).
    let timestamps: Set<[PathComponent]>
    /// A generated object (`-k`): `prefix` is its generator's entry in the kustomization, where
    /// all its findings point.
    let generated: Bool

    init(
        value: Value, file: SourceFile?, documentIndex: Int, prefix: [PathComponent], start: SourceLocation,
        timestamps: Set<[PathComponent]> = [], generated: Bool = false
    ) {
        self.value = value
        self.file = file
        self.documentIndex = documentIndex
        self.prefix = prefix
        self.start = start
        self.timestamps = timestamps
        self.generated = generated
        apiVersion = value["apiVersion"]?.stringValue ?? ""
        kind = value["kind"]?.stringValue ?? ""
        name = value["metadata"]?["name"]?.stringValue ?? ""
        namespace = value["metadata"]?["namespace"]?.stringValue ?? ""
        gvk = GroupVersionKind(apiVersion: apiVersion, kind: kind)
    }

    /// `Deployment/web`, as findings name the object.
    public var displayName: String { "\(kind)/\(name)" }

    var annotations: Value? { value["metadata"]?["annotations"] }

    /// The rules and families silenced on this object by its `kit.dev/ignore` annotation.
    var ignored: Set<String> {
        guard let text = annotations?["kit.dev/ignore"]?.stringValue else { return [] }
        return Set(text.split(separator: ",").map { $0.trimmingSpaces() }.filter { !$0.isEmpty })
    }
}

extension Substring {
    func trimmingSpaces() -> String { String(self).trimmingSpaces() }
}
