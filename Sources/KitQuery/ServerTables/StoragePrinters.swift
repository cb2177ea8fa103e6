import KitCore

/// Printers of volumes, claims and the storage.k8s.io kinds.
enum StoragePrinters {
    static let core = "io.k8s.api.core.v1."
    static let storage = "io.k8s.api.storage.v1."
    static let betaStorageClassAnnotation = "volume.beta.kubernetes.io/storage-class"

    // MARK: PersistentVolume

    static let persistentVolume = KindPrinter([
        Col.name,
        Col.string("Capacity", Col.doc(core + "PersistentVolumeSpec", "capacity")),
        Col.string("Access Modes", Col.doc(core + "PersistentVolumeSpec", "accessModes")),
        Col.string("Reclaim Policy", Col.doc(core + "PersistentVolumeSpec", "persistentVolumeReclaimPolicy")),
        Col.string("Status", Col.doc(core + "PersistentVolumeStatus", "phase")),
        Col.string("Claim", Col.doc(core + "PersistentVolumeSpec", "claimRef")),
        Col.string("StorageClass", .text("StorageClass of the pv")),
        Col.string("VolumeAttributesClass", .text("VolumeAttributesClass of the pv")),
        Col.string("Reason", Col.doc(core + "PersistentVolumeStatus", "reason")),
        Col.age,
        Col.string("VolumeMode", Col.doc(core + "PersistentVolumeSpec", "volumeMode"), priority: 1),
    ]) { obj, context in
        let spec = obj["spec"]
        let status = obj["status"]
        var claim = ""
        if spec["claimRef"].isSet {
            claim = spec["claimRef"]["namespace"].goString + "/" + spec["claimRef"]["name"].goString
        }
        var phase = status["phase"].goString
        if obj["metadata"]["deletionTimestamp"].isSet { phase = "Terminating" }
        let volumeMode = GoFormat.stringPointer(spec["volumeMode"])
        let attributesClass = GoFormat.stringPointer(spec["volumeAttributesClassName"])
        let storageClass = storageClassName(obj)
        return PrintedRow([
            .string(obj.objectName), .string(GoFormat.quantity(spec["capacity"]["storage"])),
            .string(accessModes(spec["accessModes"])), .string(spec["persistentVolumeReclaimPolicy"].goString),
            .string(phase), .string(claim), .string(storageClass), .string(attributesClass),
            .string(status["reason"].goString), context.age(obj["metadata"]["creationTimestamp"]), .string(volumeMode),
        ])
    }

    /// A volume's or claim's class (`GetPersistentVolumeClass`, `GetPersistentVolumeClaimClass`):
    /// the beta annotation, when present, wins over `spec.storageClassName`.
    static func storageClassName(_ obj: Value) -> String {
        let annotations = obj["metadata"]["annotations"]
        if annotations.goObject.contains(betaStorageClassAnnotation) {
            return annotations[betaStorageClassAnnotation].goString
        }
        return obj["spec"]["storageClassName"].goString
    }

    /// `helper.GetAccessModesAsString`: the modes present, always in the order
    /// RWO, ROX, RWX, RWOP.
    static func accessModes(_ value: Value?) -> String {
        let modes = Set(value.goArray.map { Optional($0).goString })
        var out: [String] = []
        if modes.contains("ReadWriteOnce") { out.append("RWO") }
        if modes.contains("ReadOnlyMany") { out.append("ROX") }
        if modes.contains("ReadWriteMany") { out.append("RWX") }
        if modes.contains("ReadWriteOncePod") { out.append("RWOP") }
        return out.joined(separator: ",")
    }

    // MARK: PersistentVolumeClaim

    static let persistentVolumeClaim = KindPrinter([
        Col.name,
        Col.string("Status", Col.doc(core + "PersistentVolumeClaimStatus", "phase")),
        Col.string("Volume", Col.doc(core + "PersistentVolumeClaimSpec", "volumeName")),
        Col.string("Capacity", Col.doc(core + "PersistentVolumeClaimStatus", "capacity")),
        Col.string("Access Modes", Col.doc(core + "PersistentVolumeClaimStatus", "accessModes")),
        Col.string("StorageClass", .text("StorageClass of the pvc")),
        Col.string("VolumeAttributesClass", .text("VolumeAttributesClass of the pvc")),
        Col.age,
        Col.string("VolumeMode", Col.doc(core + "PersistentVolumeClaimSpec", "volumeMode"), priority: 1),
    ]) { obj, context in
        let spec = obj["spec"]
        let status = obj["status"]
        var phase = status["phase"].goString
        if obj["metadata"]["deletionTimestamp"].isSet { phase = "Terminating" }
        var capacity = ""
        var modes = ""
        let volumeName = spec["volumeName"].goString
        if !volumeName.isEmpty {
            modes = accessModes(status["accessModes"])
            capacity = GoFormat.quantity(status["capacity"]["storage"])
        }
        let volumeMode = GoFormat.stringPointer(spec["volumeMode"])
        let attributesClass = GoFormat.stringPointer(spec["volumeAttributesClassName"])
        let storageClass = storageClassName(obj)
        return PrintedRow([
            .string(obj.objectName), .string(phase), .string(volumeName), .string(capacity), .string(modes),
            .string(storageClass), .string(attributesClass), context.age(obj["metadata"]["creationTimestamp"]),
            .string(volumeMode),
        ])
    }

    // MARK: StorageClass

    static let storageClass = KindPrinter([
        Col.name,
        Col.string("Provisioner", Col.doc(storage + "StorageClass", "provisioner")),
        Col.string("ReclaimPolicy", Col.doc(storage + "StorageClass", "reclaimPolicy")),
        Col.string("VolumeBindingMode", Col.doc(storage + "StorageClass", "volumeBindingMode")),
        Col.string("AllowVolumeExpansion", Col.doc(storage + "StorageClass", "allowVolumeExpansion")),
        Col.age,
    ]) { obj, context in
        let annotations = obj["metadata"]["annotations"]
        var name = obj.objectName
        if annotations["storageclass.kubernetes.io/is-default-class"].goString == "true"
            || annotations["storageclass.beta.kubernetes.io/is-default-class"].goString == "true"
        {
            name += " (default)"
        }
        let reclaimPolicy = obj["reclaimPolicy"].isSet ? obj["reclaimPolicy"].goString : "Delete"
        let bindingMode = obj["volumeBindingMode"].isSet ? obj["volumeBindingMode"].goString : "Immediate"
        return PrintedRow([
            .string(name), .string(obj["provisioner"].goString), .string(reclaimPolicy), .string(bindingMode),
            .bool(obj["allowVolumeExpansion"].goBool), context.age(obj["metadata"]["creationTimestamp"]),
        ])
    }

    // MARK: VolumeAttributesClass

    static let volumeAttributesClass = KindPrinter([
        Col.name,
        Col.string(
            "DriverName", Col.doc(storage + "VolumeAttributesClass|io.k8s.api.storage.v1beta1.VolumeAttributesClass", "driverName")),
        Col.age,
    ]) { obj, context in
        var name = obj.objectName
        if obj["metadata"]["annotations"]["volumeattributesclass.alpha.kubernetes.io/is-default-class"].goString == "true" {
            name += " (default)"
        }
        return PrintedRow([.string(name), .string(obj["driverName"].goString), context.age(obj["metadata"]["creationTimestamp"])])
    }

    // MARK: VolumeAttachment

    static let volumeAttachment = KindPrinter([
        Col.name,
        Col.string("Attacher", Col.doc(storage + "VolumeAttachmentSpec", "attacher"), format: "name"),
        Col.string("PV", Col.doc(storage + "VolumeAttachmentSource", "persistentVolumeName")),
        Col.string("Node", Col.doc(storage + "VolumeAttachmentSpec", "nodeName")),
        Col.boolean("Attached", Col.doc(storage + "VolumeAttachmentStatus", "attached")),
        Col.age,
    ]) { obj, context in
        let spec = obj["spec"]
        return PrintedRow([
            .string(obj.objectName), .string(spec["attacher"].goString),
            .string(spec["source"]["persistentVolumeName"].goString), .string(spec["nodeName"].goString),
            .bool(obj["status"]["attached"].goBool), context.age(obj["metadata"]["creationTimestamp"]),
        ])
    }

    // MARK: CSINode, CSIDriver, CSIStorageCapacity

    static let csiNode = KindPrinter([
        Col.name,
        Col.integer("Drivers", .text("Drivers indicates the number of CSI drivers registered on the node")),
        Col.age,
    ]) { obj, context in
        PrintedRow([
            .string(obj.objectName), .int(obj["spec"]["drivers"].goCount), context.age(obj["metadata"]["creationTimestamp"]),
        ])
    }

    static let csiDriver = KindPrinter([
        Col.name,
        Col.boolean("AttachRequired", Col.doc(storage + "CSIDriverSpec", "attachRequired")),
        Col.boolean("PodInfoOnMount", Col.doc(storage + "CSIDriverSpec", "podInfoOnMount")),
        Col.boolean("StorageCapacity", Col.doc(storage + "CSIDriverSpec", "storageCapacity")),
        Col.string("TokenRequests", Col.doc(storage + "CSIDriverSpec", "tokenRequests")),
        Col.boolean("RequiresRepublish", Col.doc(storage + "CSIDriverSpec", "requiresRepublish")),
        Col.string("Modes", Col.doc(storage + "CSIDriverSpec", "volumeLifecycleModes")),
        Col.age,
    ]) { obj, context in
        let spec = obj["spec"]
        let attachRequired = spec["attachRequired"].isSet ? spec["attachRequired"].goBool : true
        var modes = spec["volumeLifecycleModes"].goArray.map { Optional($0).goString }.joined(separator: ",")
        if modes.isEmpty { modes = "<none>" }
        var tokenRequests = "<unset>"
        if spec["tokenRequests"].isSet {
            tokenRequests = spec["tokenRequests"].goArray.map { Optional($0)["audience"].goString }.joined(separator: ",")
        }
        return PrintedRow([
            .string(obj.objectName), .bool(attachRequired), .bool(spec["podInfoOnMount"].goBool),
            .bool(spec["storageCapacity"].goBool), .string(tokenRequests), .bool(spec["requiresRepublish"].goBool),
            .string(modes), context.age(obj["metadata"]["creationTimestamp"]),
        ])
    }

    static let csiStorageCapacity = KindPrinter([
        Col.name,
        Col.string("StorageClassName", Col.doc(storage + "CSIStorageCapacity", "storageClassName")),
        Col.string("Capacity", Col.doc(storage + "CSIStorageCapacity", "capacity")),
    ]) { obj, _ in
        let capacity = obj["capacity"].isSet ? GoFormat.quantity(obj["capacity"]) : "<unset>"
        return PrintedRow([.string(obj.objectName), .string(obj["storageClassName"].goString), .string(capacity)])
    }
}
