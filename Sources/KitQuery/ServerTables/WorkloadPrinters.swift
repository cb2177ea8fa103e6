import KitCore

/// Printers of the workload kinds: controllers of pods and what configures them.
enum WorkloadPrinters {
    static let core = "io.k8s.api.core.v1."
    static let apps = "io.k8s.api.apps.v1."
    static let batch = "io.k8s.api.batch.v1."

    // MARK: PodTemplate

    static let podTemplate = KindPrinter([
        Col.name,
        Col.string("Containers", .text("Names of each container in the template.")),
        Col.string("Images", .text("Images referenced by each container in the template.")),
        Col.string("Pod Labels", .text("The labels for the pod template.")),
    ]) { obj, _ in
        let template = obj["template"]
        let (names, images) = GoFormat.containers(template["spec"]["containers"])
        return PrintedRow([
            .string(obj.objectName), .string(names), .string(images),
            .string(GoFormat.labels(template["metadata"]["labels"])),
        ])
    }

    // MARK: PodDisruptionBudget

    static let podDisruptionBudget = KindPrinter([
        Col.name,
        Col.string("Min Available", .text("The minimum number of pods that must be available.")),
        Col.string("Max Unavailable", .text("The maximum number of pods that may be unavailable.")),
        Col.integer("Allowed Disruptions", .text("Calculated number of pods that may be disrupted at this time.")),
        Col.age,
    ]) { obj, context in
        let spec = obj["spec"]
        let minAvailable = spec["minAvailable"].isSet ? GoFormat.intOrString(spec["minAvailable"]) : "N/A"
        let maxUnavailable = spec["maxUnavailable"].isSet ? GoFormat.intOrString(spec["maxUnavailable"]) : "N/A"
        return PrintedRow([
            .string(obj.objectName), .string(minAvailable), .string(maxUnavailable),
            .int(obj["status"]["disruptionsAllowed"].goInt), context.age(obj["metadata"]["creationTimestamp"]),
        ])
    }

    // MARK: ReplicationController

    static let replicationController = replicas(
        core + "ReplicationController", selector: { GoFormat.labels($0) })

    // MARK: ReplicaSet

    static let replicaSet = replicas(apps + "ReplicaSet", selector: { GoFormat.labelSelector($0) })

    /// ReplicationControllers and ReplicaSets print alike; their selectors differ (a label map,
    /// a label selector).
    private static func replicas(_ definition: String, selector: @escaping @Sendable (Value?) -> String) -> KindPrinter {
        KindPrinter([
            Col.name,
            Col.integer("Desired", Col.doc(definition + "Spec", "replicas")),
            Col.integer("Current", Col.doc(definition + "Status", "replicas")),
            Col.integer("Ready", Col.doc(definition + "Status", "readyReplicas")),
            Col.age,
            Col.containers,
            Col.images,
            Col.string("Selector", Col.doc(definition + "Spec", "selector"), priority: 1),
        ]) { obj, context in
            let spec = obj["spec"]
            let status = obj["status"]
            var cells: [Value] = [
                .string(obj.objectName), .int(spec["replicas"].goInt), .int(status["replicas"].goInt),
                .int(status["readyReplicas"].goInt), context.age(obj["metadata"]["creationTimestamp"]),
            ]
            if context.wide {
                let (names, images) = GoFormat.containers(spec["template"]["spec"]["containers"])
                cells += [.string(names), .string(images), .string(selector(spec["selector"]))]
            }
            return PrintedRow(cells)
        }
    }

    // MARK: DaemonSet

    static let daemonSet = KindPrinter([
        Col.name,
        Col.integer("Desired", Col.doc(apps + "DaemonSetStatus", "desiredNumberScheduled")),
        Col.integer("Current", Col.doc(apps + "DaemonSetStatus", "currentNumberScheduled")),
        Col.integer("Ready", Col.doc(apps + "DaemonSetStatus", "numberReady")),
        Col.integer("Up-to-date", Col.doc(apps + "DaemonSetStatus", "updatedNumberScheduled")),
        Col.integer("Available", Col.doc(apps + "DaemonSetStatus", "numberAvailable")),
        Col.string("Node Selector", Col.doc(core + "PodSpec", "nodeSelector")),
        Col.age,
        Col.containers,
        Col.images,
        Col.string("Selector", Col.doc(apps + "DaemonSetSpec", "selector"), priority: 1),
    ]) { obj, context in
        let spec = obj["spec"]
        let status = obj["status"]
        let podSpec = spec["template"]["spec"]
        var cells: [Value] = [
            .string(obj.objectName),
            .int(status["desiredNumberScheduled"].goInt), .int(status["currentNumberScheduled"].goInt),
            .int(status["numberReady"].goInt), .int(status["updatedNumberScheduled"].goInt),
            .int(status["numberAvailable"].goInt),
            .string(GoFormat.labels(podSpec["nodeSelector"])),
            context.age(obj["metadata"]["creationTimestamp"]),
        ]
        if context.wide {
            let (names, images) = GoFormat.containers(podSpec["containers"])
            cells += [.string(names), .string(images), .string(GoFormat.labelSelector(spec["selector"]))]
        }
        return PrintedRow(cells)
    }

    // MARK: StatefulSet

    static let statefulSet = KindPrinter([
        Col.name,
        Col.string("Ready", .text("Number of the pod with ready state")),
        Col.age,
        Col.containers,
        Col.images,
    ]) { obj, context in
        let spec = obj["spec"]
        var cells: [Value] = [
            .string(obj.objectName),
            .string("\(obj["status"]["readyReplicas"].goInt)/\(spec["replicas"].goInt)"),
            context.age(obj["metadata"]["creationTimestamp"]),
        ]
        if context.wide {
            let (names, images) = GoFormat.containers(spec["template"]["spec"]["containers"])
            cells += [.string(names), .string(images)]
        }
        return PrintedRow(cells)
    }

    // MARK: Deployment

    static let deployment = KindPrinter([
        Col.name,
        Col.string("Ready", .text("Number of the pod with ready state")),
        Col.string("Up-to-date", Col.doc(apps + "DeploymentStatus", "updatedReplicas")),
        Col.string("Available", Col.doc(apps + "DeploymentStatus", "availableReplicas")),
        Col.age,
        Col.containers,
        Col.images,
        Col.string("Selector", Col.doc(apps + "DeploymentSpec", "selector"), priority: 1),
    ]) { obj, context in
        let spec = obj["spec"]
        let status = obj["status"]
        var cells: [Value] = [
            .string(obj.objectName),
            .string("\(status["readyReplicas"].goInt)/\(spec["replicas"].goInt)"),
            .int(status["updatedReplicas"].goInt), .int(status["availableReplicas"].goInt),
            context.age(obj["metadata"]["creationTimestamp"]),
        ]
        if context.wide {
            let (names, images) = GoFormat.containers(spec["template"]["spec"]["containers"])
            cells += [.string(names), .string(images), .string(GoFormat.selectorString(spec["selector"]))]
        }
        return PrintedRow(cells)
    }

    // MARK: Job

    static let job = KindPrinter([
        Col.name,
        Col.string("Status", .text("Status of the job.")),
        Col.string("Completions", Col.doc(batch + "JobStatus", "succeeded")),
        Col.string("Duration", .text("Time required to complete the job.")),
        Col.age,
        Col.containers,
        Col.images,
        Col.string("Selector", Col.doc(batch + "JobSpec", "selector"), priority: 1),
    ]) { obj, context in
        let spec = obj["spec"]
        let status = obj["status"]
        let succeeded = status["succeeded"].goInt
        let completions: String
        if spec["completions"].isSet {
            completions = "\(succeeded)/\(spec["completions"].goInt)"
        } else {
            let parallelism = spec["parallelism"].goInt
            completions = parallelism > 1 ? "\(succeeded)/1 of \(parallelism)" : "\(succeeded)/1"
        }
        var duration = ""
        if status["startTime"].isSet {
            let start = status["startTime"].metaTime
            let end = status["completionTime"].isSet ? status["completionTime"].metaTime : context.now
            duration = HumanDuration.format(nanoseconds: end.nanoseconds(since: start))
        }
        let conditions = status["conditions"].goArray
        let jobStatus: String
        if hasCondition(conditions, "Complete") {
            jobStatus = "Complete"
        } else if hasCondition(conditions, "Failed") {
            jobStatus = "Failed"
        } else if obj["metadata"]["deletionTimestamp"].isSet {
            jobStatus = "Terminating"
        } else if hasCondition(conditions, "Suspended") {
            jobStatus = "Suspended"
        } else if hasCondition(conditions, "FailureTarget") {
            jobStatus = "FailureTarget"
        } else {
            jobStatus = "Running"
        }
        var cells: [Value] = [
            .string(obj.objectName), .string(jobStatus), .string(completions), .string(duration),
            context.age(obj["metadata"]["creationTimestamp"]),
        ]
        if context.wide {
            let (names, images) = GoFormat.containers(spec["template"]["spec"]["containers"])
            cells += [.string(names), .string(images), .string(GoFormat.labelSelector(spec["selector"]))]
        }
        return PrintedRow(cells)
    }

    /// `hasJobCondition`: the first condition of the type decides.
    static func hasCondition(_ conditions: [Value], _ type: String) -> Bool {
        for condition in conditions where Optional(condition)["type"].goString == type {
            return Optional(condition)["status"].goString == "True"
        }
        return false
    }

    // MARK: CronJob

    static let cronJob = KindPrinter([
        Col.name,
        Col.string("Schedule", Col.doc(batch + "CronJobSpec", "schedule")),
        Col.string("Timezone", Col.doc(batch + "CronJobSpec", "timeZone")),
        Col.boolean("Suspend", Col.doc(batch + "CronJobSpec", "suspend")),
        Col.integer("Active", Col.doc(batch + "CronJobStatus", "active")),
        Col.string("Last Schedule", Col.doc(batch + "CronJobStatus", "lastScheduleTime")),
        Col.age,
        Col.containers,
        Col.images,
        Col.string("Selector", Col.doc(batch + "JobSpec", "selector"), priority: 1),
    ]) { obj, context in
        let spec = obj["spec"]
        let status = obj["status"]
        let lastSchedule = status["lastScheduleTime"].isSet ? context.age(status["lastScheduleTime"]) : .string("<none>")
        let timeZone = spec["timeZone"].isSet ? spec["timeZone"].goString : "<none>"
        var cells: [Value] = [
            .string(obj.objectName), .string(spec["schedule"].goString), .string(timeZone),
            .string(GoFormat.boolPointer(spec["suspend"])), .int(status["active"].goCount), lastSchedule,
            context.age(obj["metadata"]["creationTimestamp"]),
        ]
        if context.wide {
            let jobSpec = spec["jobTemplate"]["spec"]
            let (names, images) = GoFormat.containers(jobSpec["template"]["spec"]["containers"])
            cells += [.string(names), .string(images), .string(GoFormat.labelSelector(jobSpec["selector"]))]
        }
        return PrintedRow(cells)
    }

    // MARK: ControllerRevision

    static let controllerRevision = KindPrinter([
        Col.name,
        Col.string("Controller", .text("Controller of the object")),
        Col.string("Revision", Col.doc(apps + "ControllerRevision", "revision")),
        Col.age,
    ]) { obj, context in
        var controllerName = "<none>"
        for reference in obj["metadata"]["ownerReferences"].goArray where Optional(reference)["controller"].goBool {
            let ref = Optional(reference)
            let group = GroupVersionText.group(of: ref["apiVersion"].goString) ?? ""
            controllerName = formatResourceName(group: group, kind: ref["kind"].goString, name: ref["name"].goString)
            break
        }
        return PrintedRow([
            .string(obj.objectName), .string(controllerName), .int(obj["revision"].goInt),
            context.age(obj["metadata"]["creationTimestamp"]),
        ])
    }

    /// `formatResourceName(kind, name, true)`: `kind.group/name` in lower case, or the bare
    /// name when the group and kind are both empty.
    static func formatResourceName(group: String, kind: String, name: String) -> String {
        if group.isEmpty && kind.isEmpty { return name }
        let groupKind = group.isEmpty ? kind : kind + "." + group
        return GoFormat.lower(groupKind) + "/" + name
    }

    // MARK: Scale

    static let scale = KindPrinter([
        Col.string("Name", Col.doc(Col.meta, "name")),
        Col.integer("Desired", Col.doc("io.k8s.api.autoscaling.v1.ScaleSpec", "replicas")),
        Col.integer("Available", Col.doc("io.k8s.api.autoscaling.v1.ScaleStatus", "replicas")),
        Col.age,
    ]) { obj, context in
        PrintedRow([
            .string(obj.objectName), .int(obj["spec"]["replicas"].goInt), .int(obj["status"]["replicas"].goInt),
            context.age(obj["metadata"]["creationTimestamp"]),
        ])
    }
}

/// `schema.ParseGroupVersion`'s view of an `apiVersion`.
enum GroupVersionText {
    /// The group of `apiVersion` (`apps/v1` → `apps`, `v1` → ``); nil when it has more than
    /// one slash, which Go refuses.
    static func group(of apiVersion: String) -> String? {
        let parts = apiVersion.split(separator: "/", omittingEmptySubsequences: false)
        switch parts.count {
        case 1: return ""
        case 2: return String(parts[0])
        default: return nil
        }
    }
}
