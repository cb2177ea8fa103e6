import KitCore
import KitModel

/// The pod an object runs: a Pod's own spec, or a workload's pod template.
struct PodTemplate {
    /// The PodSpec.
    let spec: Object
    /// Where the PodSpec is in the object (`spec.template.spec`).
    let specPath: [PathComponent]
    /// The pod's labels (the template's).
    let labels: [String: String]

    /// Regular, init and ephemeral containers, each with its path.
    var containers: [(container: Object, path: [PathComponent], kind: ContainerKind)] {
        var out: [(Object, [PathComponent], ContainerKind)] = []
        for (field, kind) in [("initContainers", ContainerKind.initContainer), ("containers", .regular), ("ephemeralContainers", .ephemeral)] {
            guard case .array(let list)? = spec[field] else { continue }
            for (i, c) in list.enumerated() {
                if case .object(let o) = c { out.append((o, specPath + [.key(field), .index(i)], kind)) }
            }
        }
        return out
    }

    /// The volumes, each with its path.
    var volumes: [(volume: Object, path: [PathComponent])] {
        guard case .array(let list)? = spec["volumes"] else { return [] }
        return list.enumerated().compactMap { i, v in
            if case .object(let o) = v { return (o, specPath + [.key("volumes"), .index(i)]) }
            return nil
        }
    }

    enum ContainerKind { case regular, initContainer, ephemeral }

    /// Kinds that run pods from a template, and where the template is.
    static let templatePaths: [String: [String]] = [
        "apps/Deployment": ["spec", "template"], "apps/StatefulSet": ["spec", "template"],
        "apps/DaemonSet": ["spec", "template"], "apps/ReplicaSet": ["spec", "template"],
        "/ReplicationController": ["spec", "template"], "batch/Job": ["spec", "template"],
        "batch/CronJob": ["spec", "jobTemplate", "spec", "template"],
        "extensions/Deployment": ["spec", "template"], "extensions/DaemonSet": ["spec", "template"],
        "extensions/ReplicaSet": ["spec", "template"],
    ]

    /// The pod of `m`, or nil when it runs none.
    init?(_ m: Manifest) {
        let value = m.value
        let key = m.gvk.group + "/" + m.kind
        if m.gvk.group.isEmpty && m.kind == "Pod" {
            guard case .object(let spec)? = value["spec"] else { return nil }
            self.spec = spec
            specPath = [.key("spec")]
            labels = PodTemplate.stringMap(value["metadata"]?["labels"])
            return
        }
        guard let path = PodTemplate.templatePaths[key], let template = value.value(at: path),
            case .object(let spec)? = template["spec"]
        else { return nil }
        self.spec = spec
        specPath = path.map { .key($0) } + [.key("spec")]
        labels = PodTemplate.stringMap(template["metadata"]?["labels"])
    }

    static func stringMap(_ v: Value?) -> [String: String] {
        guard case .object(let o)? = v else { return [:] }
        var out: [String: String] = [:]
        for (k, v) in o {
            if let s = v.stringValue { out[k] = s }
        }
        return out
    }

    /// Whether the kind keeps pods running (probes matter), as opposed to Jobs and bare Pods.
    static func isLongRunning(_ m: Manifest) -> Bool {
        switch (m.gvk.group, m.kind) {
        case ("apps", "Deployment"), ("apps", "StatefulSet"), ("apps", "DaemonSet"), ("apps", "ReplicaSet"), ("", "ReplicationController"):
            return true
        default:
            return false
        }
    }
}
