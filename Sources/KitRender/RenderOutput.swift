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
            var out: [UInt8] = []
            let writer = JSONWriter(style: .kubectl, indent: 2, sortKeys: true)
            for object in objects {
                try writer.write(object, to: &out)
                out.append(10)
            }
            return out
        }
    }

    public static func files(_ objects: [Value], format: Format) throws -> [(String, [UInt8])] {
        try objects.map { object in
            let r = RenderResource(object)
            let gvk = r.gvk
            var parts: [String] = []
            if !gvk.group.isEmpty { parts.append(gvk.group) }
            parts.append(gvk.version)
            parts.append(gvk.kind)
            parts.append(r.name)
            let base = parts.joined(separator: "_").lowercased()
            return ("\(base).\(format == .json ? "json" : "yaml")", try stream([object], format: format))
        }
    }
}
