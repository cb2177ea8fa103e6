import KitCore
import KitModel

// kubectl builds Go structs and prints them; what it prints is decided by Go's encoding/json:
// fields in struct order (which `-o json` shows), `omitempty` fields left out when empty,
// the rest always written — `creationTimestamp: null`, `status: {}`, `strategy: {}`,
// `resources: {}`. The typed models write an entry when a field is assigned, so the builders
// assign fields in Go's struct order, and use these helpers for the zero values that Go
// writes but a model (rightly) does not add by itself.

extension KubernetesObjectModel {
    /// An empty object of this kind with `kind` before `apiVersion`, in Go's `TypeMeta` order.
    static func makeNew() -> Self {
        let gvk = groupVersionKind
        return Self(raw: ["kind": .string(gvk.kind), "apiVersion": .string(gvk.apiVersion)])
    }
}

extension ObjectModel {
    /// Writes `{}` to `key`, as Go writes a struct field that has nothing set.
    mutating func setEmptyObject(_ key: String) {
        raw[key] = .object(Object())
    }

    /// Writes `[]` to `key`, as Go writes an empty but non-nil slice without `omitempty`.
    mutating func setEmptyArray(_ key: String) {
        raw[key] = .array([])
    }

    /// Writes `null` to `key`, as Go writes a nil pointer, slice or zero time without `omitempty`.
    mutating func setNull(_ key: String) {
        raw[key] = Value.null
    }
}

/// A Go `map[string]string` as encoding/json writes it: keys in byte order.
func sortedMap(_ pairs: [(String, String)]) -> FieldMap<String> {
    var seen: [String: Int] = [:]
    var unique: [(String, String)] = []
    for (key, value) in pairs {
        if let i = seen[key] {
            unique[i].1 = value
        } else {
            seen[key] = unique.count
            unique.append((key, value))
        }
    }
    unique.sort { utf8Less($0.0, $1.0) }
    return FieldMap(raw: Object(uniqueKeysWithValues: unique.map { ($0.0, Value.string($0.1)) }))
}

/// `metav1.ObjectMeta` as kubectl fills it: name, namespace (only when given with `-n`),
/// `creationTimestamp: null`, labels, annotations.
func objectMeta(name: String, namespace: String? = nil, labels: [(String, String)] = [], annotations: [(String, String)] = []) -> Meta.V1.ObjectMeta {
    var meta = Meta.V1.ObjectMeta.empty
    if !name.isEmpty { meta.name = name }
    if let namespace, !namespace.isEmpty { meta.namespace = namespace }
    meta.setNull("creationTimestamp")
    if !labels.isEmpty { meta.labels = sortedMap(labels) }
    if !annotations.isEmpty { meta.annotations = sortedMap(annotations) }
    return meta
}

/// A pod template's metadata: only `creationTimestamp: null` and the labels.
func templateMeta(labels: [(String, String)] = []) -> Meta.V1.ObjectMeta {
    objectMeta(name: "", labels: labels)
}

/// A container as kubectl's generators make it: name, image, command, and `resources: {}`.
func container(name: String, image: String, command: [String], ports: [Core.V1.ContainerPort] = []) -> Core.V1.Container {
    var container = Core.V1.Container.empty
    container.name = name
    if !image.isEmpty { container.image = image }
    if !command.isEmpty { container.command = command }
    if !ports.isEmpty { container.ports = ports }
    container.setEmptyObject("resources")
    return container
}

/// The namespace kubectl writes into `metadata`: the one given with `-n`, or none.
func explicitNamespace(_ namespace: String?) -> String? {
    guard let namespace, !namespace.isEmpty else { return nil }
    return namespace
}
