import KitCore

/// Printers of RBAC bindings, certificates, coordination, scheduling, admission, flow
/// control, dynamic resource allocation and the apiserver's own kinds.
enum APIPrinters {
    // MARK: RoleBinding, ClusterRoleBinding

    static func binding(_ noun: String) -> KindPrinter {
        KindPrinter([
            Col.name,
            Col.string("Role", Col.doc("io.k8s.api.rbac.v1.\(noun == "roleBinding" ? "RoleBinding" : "ClusterRoleBinding")", "roleRef")),
            Col.age,
            Col.string("Users", .text("Users in the \(noun)"), priority: 1),
            Col.string("Groups", .text("Groups in the \(noun)"), priority: 1),
            Col.string("ServiceAccounts", .text("ServiceAccounts in the \(noun)"), priority: 1),
        ]) { obj, context in
            let roleRef = obj["roleRef"]
            var cells: [Value] = [
                .string(obj.objectName), .string(roleRef["kind"].goString + "/" + roleRef["name"].goString),
                context.age(obj["metadata"]["creationTimestamp"]),
            ]
            if context.wide {
                // rbac.SubjectsStrings
                var users: [String] = []
                var groups: [String] = []
                var serviceAccounts: [String] = []
                for value in obj["subjects"].goArray {
                    let subject = Optional(value)
                    switch subject["kind"].goString {
                    case "ServiceAccount": serviceAccounts.append(subject["namespace"].goString + "/" + subject["name"].goString)
                    case "User": users.append(subject["name"].goString)
                    case "Group": groups.append(subject["name"].goString)
                    default: break
                    }
                }
                cells += [
                    .string(users.joined(separator: ", ")), .string(groups.joined(separator: ", ")),
                    .string(serviceAccounts.joined(separator: ", ")),
                ]
            }
            return PrintedRow(cells)
        }
    }

    static let roleBinding = binding("roleBinding")
    static let clusterRoleBinding = binding("clusterRoleBinding")

    // MARK: CertificateSigningRequest, ClusterTrustBundle

    static let certificateSigningRequest = KindPrinter([
        Col.name,
        Col.age,
        Col.string("SignerName", Col.doc("io.k8s.api.certificates.v1.CertificateSigningRequestSpec", "signerName")),
        Col.string("Requestor", Col.doc("io.k8s.api.certificates.v1.CertificateSigningRequestSpec", "request")),
        Col.string("RequestedDuration", Col.doc("io.k8s.api.certificates.v1.CertificateSigningRequestSpec", "expirationSeconds")),
        Col.string("Condition", Col.doc("io.k8s.api.certificates.v1.CertificateSigningRequestStatus", "conditions")),
    ]) { obj, context in
        let spec = obj["spec"]
        var signerName = spec["signerName"].goString
        if signerName.isEmpty { signerName = "<none>" }
        var requestedDuration = "<none>"
        if spec["expirationSeconds"].isSet {
            let (nanos, overflow) = Int64(spec["expirationSeconds"].goInt).multipliedReportingOverflow(by: 1_000_000_000)
            requestedDuration = HumanDuration.format(nanoseconds: overflow ? .max : nanos)
        }
        return PrintedRow([
            .string(obj.objectName), context.age(obj["metadata"]["creationTimestamp"]), .string(signerName),
            .string(spec["username"].goString), .string(requestedDuration), .string(csrStatus(obj)),
        ])
    }

    /// `extractCSRStatus`: Denied, Approved or Pending, then `,Failed` and `,Issued`.
    static func csrStatus(_ obj: Value) -> String {
        var approved = false
        var denied = false
        var failed = false
        for condition in obj["status"]["conditions"].goArray {
            switch Optional(condition)["type"].goString {
            case "Approved": approved = true
            case "Denied": denied = true
            case "Failed": failed = true
            default: break
            }
        }
        var status = denied ? "Denied" : approved ? "Approved" : "Pending"
        if failed { status += ",Failed" }
        if !obj["status"]["certificate"].goString.isEmpty { status += ",Issued" }
        return status
    }

    static let clusterTrustBundle = KindPrinter([
        Col.name,
        Col.string(
            "SignerName",
            Col.doc(
                "io.k8s.api.certificates.v1beta1.ClusterTrustBundleSpec|io.k8s.api.certificates.v1alpha1.ClusterTrustBundleSpec",
                "signerName")),
    ]) { obj, _ in
        var signerName = obj["spec"]["signerName"].goString
        if signerName.isEmpty { signerName = "<none>" }
        return PrintedRow([.string(obj.objectName), .string(signerName)])
    }

    // MARK: Lease, LeaseCandidate

    static let lease = KindPrinter([
        Col.name,
        Col.string("Holder", Col.doc("io.k8s.api.coordination.v1.LeaseSpec", "holderIdentity")),
        Col.age,
    ]) { obj, context in
        PrintedRow([
            .string(obj.objectName), .string(obj["spec"]["holderIdentity"].goString),
            context.age(obj["metadata"]["creationTimestamp"]),
        ])
    }

    static let leaseCandidate = KindPrinter([
        Col.name,
        Col.string(
            "LeaseName",
            Col.doc(
                "io.k8s.api.coordination.v1beta1.LeaseCandidateSpec|io.k8s.api.coordination.v1alpha2.LeaseCandidateSpec",
                "leaseName")),
        // printers.go asks ObjectMeta for these two docs, which it does not have.
        Col.string("BinaryVersion", Col.doc(Col.meta, "binaryVersion")),
        Col.string("EmulationVersion", Col.doc(Col.meta, "emulationVersion")),
        Col.age,
    ]) { obj, context in
        let spec = obj["spec"]
        return PrintedRow([
            .string(obj.objectName), .string(spec["leaseName"].goString), .string(spec["binaryVersion"].goString),
            .string(spec["emulationVersion"].goString), context.age(obj["metadata"]["creationTimestamp"]),
        ])
    }

    // MARK: PriorityClass, RuntimeClass

    static let priorityClass = KindPrinter([
        Col.name,
        Col.integer("Value", Col.doc("io.k8s.api.scheduling.v1.PriorityClass", "value")),
        Col.boolean("Global-Default", Col.doc("io.k8s.api.scheduling.v1.PriorityClass", "globalDefault")),
        Col.age,
        Col.string("PreemptionPolicy", Col.doc("io.k8s.api.scheduling.v1.PriorityClass", "preemptionPolicy")),
    ]) { obj, context in
        var cells: [Value] = [
            .string(obj.objectName), .int(obj["value"].goInt), .bool(obj["globalDefault"].goBool),
            context.age(obj["metadata"]["creationTimestamp"]),
        ]
        if context.wide { cells.append(.string(obj["preemptionPolicy"].goString)) }
        return PrintedRow(cells)
    }

    static let runtimeClass = KindPrinter([
        Col.name,
        // printers.go asks ObjectMeta for the doc of "handler", which it does not have.
        Col.string("Handler", Col.doc(Col.meta, "handler")),
        Col.age,
    ]) { obj, context in
        PrintedRow([.string(obj.objectName), .string(obj["handler"].goString), context.age(obj["metadata"]["creationTimestamp"])])
    }

    // MARK: Admission

    static func webhookConfiguration() -> KindPrinter {
        KindPrinter([
            Col.name,
            Col.integer("Webhooks", .text("Webhooks indicates the number of webhooks registered in this configuration")),
            Col.age,
        ]) { obj, context in
            PrintedRow([.string(obj.objectName), .int(obj["webhooks"].goCount), context.age(obj["metadata"]["creationTimestamp"])])
        }
    }

    static let mutatingWebhookConfiguration = webhookConfiguration()
    static let validatingWebhookConfiguration = webhookConfiguration()

    static func admissionPolicy(countColumn: String, countText: String, field: String) -> KindPrinter {
        KindPrinter([
            Col.name,
            Col.integer(countColumn, .text(countText)),
            Col.string("ParamKind", .text("ParamKind specifies the kind of resources used to parameterize this policy")),
            Col.age,
        ]) { obj, context in
            let spec = obj["spec"]
            var paramKind = "<unset>"
            if spec["paramKind"].isSet {
                paramKind = spec["paramKind"]["apiVersion"].goString + "/" + spec["paramKind"]["kind"].goString
            }
            return PrintedRow([
                .string(obj.objectName), .int(spec[field].goCount), .string(paramKind),
                context.age(obj["metadata"]["creationTimestamp"]),
            ])
        }
    }

    static let validatingAdmissionPolicy = admissionPolicy(
        countColumn: "Validations", countText: "Validations indicates the number of validation rules defined in this configuration",
        field: "validations")
    static let mutatingAdmissionPolicy = admissionPolicy(
        countColumn: "Mutations", countText: "Mutation indicates the number of mutations rules defined in this configuration",
        field: "mutations")

    static let admissionPolicyBinding = KindPrinter([
        Col.name,
        Col.string("PolicyName", .text("PolicyName indicates the policy definition which the policy binding binded to")),
        Col.string("ParamRef", .text("ParamRef indicates the param resource which sets the configration param")),
        Col.age,
    ]) { obj, context in
        let spec = obj["spec"]
        var paramName = "<unset>"
        let ref = spec["paramRef"]
        if ref.isSet {
            let name = ref["name"].goString
            if !name.isEmpty {
                let namespace = ref["namespace"].goString
                // Can't tell a cluster-scoped param from here: no namespace reads as `*`.
                paramName = (namespace.isEmpty ? "*" : namespace) + "/" + name
            } else if ref["selector"].isSet {
                paramName = GoStructText.labelSelector(ref["selector"])
            }
        }
        return PrintedRow([
            .string(obj.objectName), .string(spec["policyName"].goString), .string(paramName),
            context.age(obj["metadata"]["creationTimestamp"]),
        ])
    }

    // MARK: Flow control

    static let flowSchema = KindPrinter(
        [
            Col.name,
            Col.string("PriorityLevel", Col.doc("io.k8s.api.flowcontrol.v1.PriorityLevelConfigurationReference", "name")),
            Col.string("MatchingPrecedence", Col.doc("io.k8s.api.flowcontrol.v1.FlowSchemaSpec", "matchingPrecedence")),
            Col.string("DistinguisherMethod", Col.doc("io.k8s.api.flowcontrol.v1.FlowSchemaSpec", "distinguisherMethod")),
            Col.age,
            Col.string("MissingPL", .text("references a broken or non-existent PriorityLevelConfiguration")),
        ],
        order: { items in
            // printFlowSchemaList orders by matching precedence, then name.
            items.indices.sorted { a, b in
                let pa = items[a]["spec"]["matchingPrecedence"].goInt
                let pb = items[b]["spec"]["matchingPrecedence"].goInt
                if pa != pb { return pa < pb }
                let na = items[a].objectName
                let nb = items[b].objectName
                return utf8Less(na, nb) || (utf8Equal(na, nb) && a < b)
            }
        }
    ) { obj, context in
        let spec = obj["spec"]
        let distinguisher = spec["distinguisherMethod"].isSet ? spec["distinguisherMethod"]["type"].goString : "<none>"
        var badReference = "?"
        for condition in obj["status"]["conditions"].goArray where Optional(condition)["type"].goString == "Dangling" {
            badReference = Optional(condition)["status"].goString
            break
        }
        return PrintedRow([
            .string(obj.objectName), .string(spec["priorityLevelConfiguration"]["name"].goString),
            .int(spec["matchingPrecedence"].goInt), .string(distinguisher),
            context.age(obj["metadata"]["creationTimestamp"]), .string(badReference),
        ])
    }

    static let priorityLevelConfiguration = KindPrinter([
        Col.name,
        Col.string("Type", Col.doc("io.k8s.api.flowcontrol.v1.PriorityLevelConfigurationSpec", "type")),
        Col.string(
            "NominalConcurrencyShares", Col.doc("io.k8s.api.flowcontrol.v1.LimitedPriorityLevelConfiguration", "nominalConcurrencyShares")),
        Col.string("Queues", Col.doc("io.k8s.api.flowcontrol.v1.QueuingConfiguration", "queues")),
        Col.string("HandSize", Col.doc("io.k8s.api.flowcontrol.v1.QueuingConfiguration", "handSize")),
        Col.string("QueueLengthLimit", Col.doc("io.k8s.api.flowcontrol.v1.QueuingConfiguration", "queueLengthLimit")),
        Col.age,
    ]) { obj, context in
        let spec = obj["spec"]
        var shares: Value = "<none>"
        var queues: Value = "<none>"
        var handSize: Value = "<none>"
        var queueLengthLimit: Value = "<none>"
        let limited = spec["limited"]
        if limited.isSet {
            // v1beta1 and v1beta2 call the shares assuredConcurrencyShares.
            let sharesField = limited["nominalConcurrencyShares"].isSet ? "nominalConcurrencyShares" : "assuredConcurrencyShares"
            shares = .int(limited[sharesField].goInt)
            let queuing = limited["limitResponse"]["queuing"]
            if queuing.isSet {
                queues = .int(queuing["queues"].goInt)
                handSize = .int(queuing["handSize"].goInt)
                queueLengthLimit = .int(queuing["queueLengthLimit"].goInt)
            }
        }
        return PrintedRow([
            .string(obj.objectName), .string(spec["type"].goString), shares, queues, handSize, queueLengthLimit,
            context.age(obj["metadata"]["creationTimestamp"]),
        ])
    }

    // MARK: StorageVersion, StorageVersionMigration

    static let storageVersion = KindPrinter([
        Col.name,
        Col.string(
            "CommonEncodingVersion", Col.doc("io.k8s.api.apiserverinternal.v1alpha1.StorageVersionStatus", "commonEncodingVersion")),
        Col.string("StorageVersions", Col.doc("io.k8s.api.apiserverinternal.v1alpha1.StorageVersionStatus", "storageVersions")),
        Col.age,
    ]) { obj, context in
        let status = obj["status"]
        let common = GoFormat.stringPointer(status["commonEncodingVersion"])
        var list: [String] = []
        let max = 3
        var more = false
        var count = 0
        for version in status["storageVersions"].goArray {
            if list.count < max {
                list.append(Optional(version)["apiServerID"].goString + "=" + Optional(version)["encodingVersion"].goString)
            } else if list.count == max {
                more = true
            }
            count += 1
        }
        return PrintedRow([
            .string(obj.objectName), .string(common),
            .string(GoFormat.withMore(list, more: more, count: count, max: max, emptyText: "<unset>")),
            context.age(obj["metadata"]["creationTimestamp"]),
        ])
    }

    static let storageVersionMigration = KindPrinter([
        Col.string("Name", Col.doc(Col.meta, "name")),
        Col.string("Resource", .text("Fully qualified resource to migrate")),
    ]) { obj, _ in
        let resource = obj["spec"]["resource"]
        return PrintedRow([
            .string(obj.objectName),
            .string(resource["resource"].goString + "." + resource["version"].goString + "." + resource["group"].goString),
        ])
    }

    // MARK: Dynamic resource allocation

    static let deviceClass = KindPrinter([Col.name, Col.age]) { obj, context in
        PrintedRow([.string(obj.objectName), context.age(obj["metadata"]["creationTimestamp"])])
    }

    static let resourceClaim = KindPrinter([
        Col.name,
        Col.string("State", .text("A summary of the current state (allocated, pending, reserved, etc.).")),
        Col.age,
    ]) { obj, context in
        var states: [String] = []
        let deleted = obj["metadata"]["deletionTimestamp"].isSet
        if deleted { states.append("deleted") }
        if !obj["status"]["allocation"].isSet {
            if !deleted { states.append("pending") }
        } else {
            states.append("allocated")
            if obj["status"]["reservedFor"].goCount > 0 { states.append("reserved") }
        }
        return PrintedRow([
            .string(obj.objectName), .string(states.joined(separator: ",")), context.age(obj["metadata"]["creationTimestamp"]),
        ])
    }

    static let resourceClaimTemplate = KindPrinter([Col.name, Col.age]) { obj, context in
        PrintedRow([.string(obj.objectName), context.age(obj["metadata"]["creationTimestamp"])])
    }

    static let resourceSlice = KindPrinter([
        Col.name,
        Col.string("Node", Col.doc("io.k8s.api.resource.v1.ResourceSliceSpec|io.k8s.api.resource.v1beta1.ResourceSliceSpec", "nodeName")),
        Col.string("Driver", Col.doc("io.k8s.api.resource.v1.ResourceSliceSpec|io.k8s.api.resource.v1beta1.ResourceSliceSpec", "driver")),
        Col.string("Pool", Col.doc("io.k8s.api.resource.v1.ResourcePool|io.k8s.api.resource.v1beta1.ResourcePool", "name")),
        Col.age,
    ]) { obj, context in
        let spec = obj["spec"]
        return PrintedRow([
            .string(obj.objectName), .string(spec["nodeName"].goString), .string(spec["driver"].goString),
            .string(spec["pool"]["name"].goString), context.age(obj["metadata"]["creationTimestamp"]),
        ])
    }
}

/// The text Go's generated `String()` methods give API structs (`%v` of a struct pointer).
enum GoStructText {
    /// `(*metav1.LabelSelector).String()`:
    /// `&LabelSelector{MatchLabels:map[string]string{a: b,},MatchExpressions:[]LabelSelectorRequirement{…},}`.
    static func labelSelector(_ value: Value?) -> String {
        var expressions = "[]LabelSelectorRequirement{"
        for expression in value["matchExpressions"].goArray {
            let e = Optional(expression)
            let values = e["values"].goArray.map { Optional($0).goString }.joined(separator: " ")
            expressions += "LabelSelectorRequirement{Key:\(e["key"].goString),Operator:\(e["operator"].goString),Values:[\(values)],},"
        }
        expressions += "}"
        var labels = "map[string]string{"
        for (key, value) in GoFormat.stringMap(value["matchLabels"]).sorted(by: { utf8Less($0.key, $1.key) }) {
            labels += "\(key): \(value),"
        }
        labels += "}"
        return "&LabelSelector{MatchLabels:\(labels),MatchExpressions:\(expressions),}"
    }
}
