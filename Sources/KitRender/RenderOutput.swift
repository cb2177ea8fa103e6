import KitCore
import KitModel

/// Writes a build's objects as kustomize prints them: a YAML stream with sorted keys and
/// `---` between objects, or JSON; or one file per object, named as `kustomize build -o DIR`
/// names them (`group_version_kind_name.yaml`, lower-cased).
public enum RenderOutput {
    public enum Format: Sendable {
        case yaml, json
    }

    public static func stream(_ objects: [Value], format: Format) throws -> [UInt8] {
        switch format {
        case .yaml:
            return try YAMLWriter(keyOrder: .sorted).stream(objects)
        case .json:
            return try JSONWriter(style: .kubectl, indent: 2, sortKeys: true).stream(objects)
        }
    }

    /// One file per object, named as `kustomize build -o DIR` names them:
    /// `group_version_kind_name.yaml` in lower case, prefixed by `namespace_` when the
    /// namespaced objects span more than one namespace (cluster-scoped objects never are).
    public static func files(_ objects: [Value], format: Format) throws -> [(String, [UInt8])] {
        let resources = objects.map { RenderResource($0) }
        let namespaces = Set(resources.filter { !$0.id.isClusterScoped }.map { $0.id.effectiveNamespace })
        return try resources.map { r in
            let gvk = r.gvk
            let parts = [gvk.group, gvk.version, gvk.kind].filter { !$0.isEmpty } + [r.name]
            var base = parts.joined(separator: "_").lowercased()
            if namespaces.count > 1 && !r.id.isClusterScoped { base = r.id.effectiveNamespace.lowercased() + "_" + base }
            return ("\(base).\(format == .json ? "json" : "yaml")", try stream([r.value], format: format))
        }
    }
}
