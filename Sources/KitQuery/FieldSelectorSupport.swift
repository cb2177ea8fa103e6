import KitCore
import KitModel

/// The fields an API server lets `--field-selector` use, per kind, and the text it compares
/// for each (pkg/apis/core/v1/conversion.go's field label conversions and the registries'
/// `ToSelectableFields`): every kind has `metadata.name` and, when namespaced,
/// `metadata.namespace`; a few kinds have more (pods `status.phase`, `spec.nodeName`, …;
/// custom resources their CRD's `selectableFields`). Another field is refused with the
/// server's message, `field label not supported: FIELD`.
///
/// Values are read as the server's typed objects hold them: a missing string is empty, a
/// missing number `0`, a missing boolean `false`.
public struct FieldSelectorSupport: Sendable {
    enum Reader: Sendable {
        case string([String])
        case int([String])
        case bool([String])
        /// `status.podIP`: the first of `status.podIPs`, else `status.podIP`.
        case podIP
        /// A CRD's selectable field: its JSONPath's value as text.
        case jsonPath([String])
    }

    let fields: [String: Reader]

    /// The fields `kind` supports.
    public init(kind: QueryKind) {
        var fields: [String: Reader] = ["metadata.name": .string(["metadata", "name"])]
        if kind.namespaced { fields["metadata.namespace"] = .string(["metadata", "namespace"]) }
        func add(_ name: String, _ reader: Reader) { fields[name] = reader }
        func path(_ name: String) -> [String] { name.split(separator: ".").map(String.init) }
        switch (kind.group, kind.kind) {
        case ("", "Pod"):
            for name in ["spec.nodeName", "spec.restartPolicy", "spec.schedulerName", "spec.serviceAccountName", "status.phase", "status.nominatedNodeName"] {
                add(name, .string(path(name)))
            }
            add("spec.hostNetwork", .bool(["spec", "hostNetwork"]))
            add("status.podIP", .podIP)
        case ("", "Node"):
            add("spec.unschedulable", .bool(["spec", "unschedulable"]))
        case ("", "ReplicationController"), ("apps", "ReplicaSet"), ("extensions", "ReplicaSet"):
            add("status.replicas", .int(["status", "replicas"]))
        case ("", "Event"):
            for name in [
                "involvedObject.kind", "involvedObject.namespace", "involvedObject.name", "involvedObject.uid",
                "involvedObject.apiVersion", "involvedObject.resourceVersion", "involvedObject.fieldPath", "reason", "type",
            ] {
                add(name, .string(path(name)))
            }
            add("reportingComponent", .string(["reportingComponent"]))
            add("source", .string(["source", "component"]))
        case ("", "Namespace"):
            add("status.phase", .string(["status", "phase"]))
        case ("", "Secret"):
            add("type", .string(["type"]))
        case ("", "Service"):
            add("spec.clusterIP", .string(["spec", "clusterIP"]))
            add("spec.type", .string(["spec", "type"]))
        case ("batch", "Job"):
            add("status.successful", .int(["status", "succeeded"]))
        case ("certificates.k8s.io", "CertificateSigningRequest"):
            add("spec.signerName", .string(["spec", "signerName"]))
        default:
            if let crd = kind.customResourceDefinition {
                for version in crd["spec"]?["versions"]?.arrayValue ?? [] where version["name"]?.stringValue == kind.version {
                    for field in version["selectableFields"]?.arrayValue ?? [] {
                        guard let jsonPath = field["jsonPath"]?.stringValue, jsonPath.hasPrefix(".") else { continue }
                        let name = String(jsonPath.dropFirst())
                        add(name, .jsonPath(path(name)))
                    }
                }
            }
        }
        self.fields = fields
    }

    /// The supported field names, sorted.
    public var fieldNames: [String] { fields.keys.sorted(by: utf8Less) }

    /// Checks that every term of `selector` names a supported field, as the server does
    /// before listing anything.
    public func validate(_ selector: FieldSelector, for kind: QueryKind) throws(KitError) {
        for requirement in selector.requirements where fields[requirement.field] == nil {
            throw KitError(
                "field label not supported: \(requirement.field) (\(kind.groupResource) support \(fieldNames.joined(separator: ", ")))")
        }
    }

    /// Whether `object` satisfies every term (call `validate` first).
    public func matches(_ selector: FieldSelector, _ object: Value) -> Bool {
        selector.requirements.allSatisfy { requirement in
            requirement.matches(fieldValue: fields[requirement.field].map { text(of: object, $0) } ?? "")
        }
    }

    func text(of object: Value, _ reader: Reader) -> String {
        switch reader {
        case .string(let path):
            return object.value(at: path)?.stringValue ?? ""
        case .int(let path):
            return object.value(at: path)?.intValue.map { String($0) } ?? "0"
        case .bool(let path):
            return object.value(at: path)?.boolValue == true ? "true" : "false"
        case .podIP:
            if let first = object["status"]?["podIPs"]?[0]?["ip"]?.stringValue { return first }
            return object["status"]?["podIP"]?.stringValue ?? ""
        case .jsonPath(let path):
            return FieldSelector.fieldValue(object, path.joined(separator: ".")) ?? ""
        }
    }
}
