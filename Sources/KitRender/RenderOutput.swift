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
    /// The names come from the objects, so they are made safe (`FileName.sanitizing`: a `/`
    /// becomes `_`, and so does a leading `.`): an object named `../x` cannot name a file
    /// outside the directory. Two objects whose names come out alike are an error.
    public static func files(_ objects: [Value], format: Format) throws -> [(name: FileName, bytes: [UInt8])] {
        let resources = objects.map { RenderResource($0) }
        let namespaces = Set(resources.filter { !$0.id.isClusterScoped }.map { $0.id.effectiveNamespace })
        var owners: [FileName: String] = [:]
        return try resources.enumerated().map { index, r in
            let gvk = r.gvk
            let parts = [gvk.group, gvk.version, gvk.kind].filter { !$0.isEmpty } + [r.name]
            var base = parts.joined(separator: "_").lowercased()
            if namespaces.count > 1 && !r.id.isClusterScoped { base = r.id.effectiveNamespace.lowercased() + "_" + base }
            let object = "\(r.kind.isEmpty ? "object" : r.kind) '\(r.name)'"
            guard let name = FileName.sanitizing("\(base).\(format == .json ? "json" : "yaml")") else {
                throw KitError("cannot name a file for \(object): the name would be empty or longer than 255 bytes")
            }
            if let other = owners.updateValue(object, forKey: name) {
                throw KitError("\(other) and \(object) would both be written to '\(name)'")
            }
            do {
                return (name, try stream([r.value], format: format))
            } catch var error as KitError where error.valuePath != nil {
                error.valuePath?.document = index
                throw error
            }
        }
    }
}
