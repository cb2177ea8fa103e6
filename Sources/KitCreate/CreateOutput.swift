import KitCore
import KitModel

/// How `kit create` prints the object it built: kubectl's `-o yaml`, `-o json` and `-o name`
/// printers, and kubectl's `--save-config` annotation.
public enum CreateOutput {
    /// The printers kit has (kubectl's `-o` values that need no template).
    public enum Format: String, Sendable, CaseIterable {
        case yaml, json, name
    }

    /// The annotation `--save-config` writes (and `kubectl apply` reads).
    public static let lastAppliedAnnotation = "kubectl.kubernetes.io/last-applied-configuration"

    /// The object as kubectl prints it with `-o FORMAT`: YAML with sorted keys (kubectl
    /// converts JSON to YAML through a map), JSON in Go's field order with 4-space indent,
    /// or `kind.group/name`.
    public static func render(_ object: some KubernetesObjectModel, as format: Format) throws -> [UInt8] {
        switch format {
        case .yaml:
            return try YAMLWriter(keyOrder: .sorted).document(object.toValue())
        case .json:
            return try JSONWriter(style: .kubectl).stream([object.toValue()])
        case .name:
            return Array((resourceName(object) + "\n").utf8)
        }
    }

    /// `deployment.apps/web`, `configmap/settings`: the lower-cased kind, its group (none for
    /// the core group) and the name, as kubectl's name printer writes them.
    public static func resourceName(_ object: some KubernetesObjectModel) -> String {
        let gvk = type(of: object).groupVersionKind
        let kind = gvk.kind.lowercased() + (gvk.group.isEmpty ? "" : "." + gvk.group)
        return kind + "/" + (object.raw["metadata"]?["name"]?.stringValue ?? "")
    }

    /// The object with `--save-config`'s annotation: its own compact JSON (Go's escaping, a
    /// trailing newline), as `kubectl apply` will later compare against.
    public static func withLastAppliedConfiguration<T: KubernetesObjectModel>(_ object: T) -> T {
        var copy = object
        var meta = copy.metadataView
        var annotations = meta.annotations.raw
        annotations[lastAppliedAnnotation] = nil
        var withoutAnnotation = copy
        var cleanMeta = meta
        if annotations.isEmpty { cleanMeta.raw["annotations"] = nil } else { cleanMeta.raw["annotations"] = .object(annotations) }
        withoutAnnotation.metadataView = cleanMeta
        let json = (try? JSONWriter(style: .kubectl, indent: 0).string(withoutAnnotation.toValue())) ?? ""
        var pairs: [(String, String)] = []
        for (key, value) in annotations { pairs.append((key, value.stringValue ?? "")) }
        pairs.append((lastAppliedAnnotation, json + "\n"))
        meta.annotations = sortedMap(pairs)
        copy.metadataView = meta
        return copy
    }
}

extension KubernetesObjectModel {
    /// Every kind's `metadata`, read and written through the raw object.
    var metadataView: Meta.V1.ObjectMeta {
        get { raw.nested("metadata") }
        set { raw.setNested("metadata", newValue) }
    }
}
