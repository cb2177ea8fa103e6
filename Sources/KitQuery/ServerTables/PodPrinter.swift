import KitCore

/// Pods (`printPod`): READY, STATUS with the kubelet's reasons, RESTARTS with the time of
/// the last restart, and the wide IP, NODE, NOMINATED NODE and READINESS GATES.
enum PodPrinter {
    static let columns: [ColumnSpec] = [
        Col.name,
        Col.string("Ready", .text("The aggregate readiness state of this pod for accepting traffic.")),
        Col.string("Status", .text("The aggregate status of the containers in this pod.")),
        Col.string(
            "Restarts",
            .text(
                "The number of times the containers in this pod have been restarted and when the last container in this pod has restarted."
            )),
        Col.age,
        Col.string("IP", Col.doc("io.k8s.api.core.v1.PodStatus", "podIP"), priority: 1),
        Col.string("Node", Col.doc("io.k8s.api.core.v1.PodSpec", "nodeName"), priority: 1),
        Col.string("Nominated Node", Col.doc("io.k8s.api.core.v1.PodStatus", "nominatedNodeName"), priority: 1),
        Col.string("Readiness Gates", Col.doc("io.k8s.api.core.v1.PodSpec", "readinessGates"), priority: 1),
    ]

    static let printer = KindPrinter(columns) { pod, context in row(pod, context) }

    static let succeeded = ServerTableRowCondition(
        type: "Completed", status: "True", reason: "Succeeded", message: "The pod has completed successfully.")
    static let failed = ServerTableRowCondition(
        type: "Completed", status: "True", reason: "Failed", message: "The pod failed.")

    static func row(_ pod: Value, _ context: PrintContext) -> PrintedRow {
        // The fields read, each looked up once (this runs for every pod of a cluster).
        let metadata = pod["metadata"], spec = pod["spec"], status = pod["status"]
        let initContainers = spec["initContainers"].goArray
        var restarts = 0
        var restartableInitContainerRestarts = 0
        var totalContainers = spec["containers"].goCount
        var readyContainers = 0
        var lastRestartDate = MetaTime.zero
        var lastRestartableInitContainerRestartDate = MetaTime.zero

        let podPhase = status["phase"].goString
        var reason = podPhase
        let statusReason = status["reason"].goString
        if !statusReason.isEmpty { reason = statusReason }

        // The conditions, read once: a pod carrying {type: PodScheduled, reason:
        // SchedulingGated} is SchedulingGated; Ready and (the first) Initialized decide later.
        let conditions = status["conditions"].goArray
        var podReady = false
        var initializedTrue: Bool? = nil
        for condition in conditions {
            let c = Optional(condition)
            switch c["type"].goString {
            case "PodScheduled":
                if c["reason"].goString == "SchedulingGated" { reason = "SchedulingGated" }
            case "Ready":
                if c["status"].goString == "True" { podReady = true }
            case "Initialized":
                if initializedTrue == nil { initializedTrue = c["status"].goString == "True" }
            default:
                break
            }
        }

        var rowConditions: [ServerTableRowCondition] = []
        switch podPhase {
        case "Succeeded": rowConditions = [succeeded]
        case "Failed": rowConditions = [failed]
        default: break
        }

        // Init containers by name (a later one with the same name wins, as in Go's map).
        func initContainer(named name: String) -> Value? {
            var found: Value? = nil
            for container in initContainers where Optional(container)["name"].goString == name { found = container }
            return found
        }
        for container in initContainers where isRestartable(container) {
            totalContainers += 1
        }

        var initializing = false
        for (i, statusValue) in status["initContainerStatuses"].goArray.enumerated() {
            let container = ContainerStatus(statusValue)
            restarts &+= container.restartCount
            if let finishedAt = container.lastTerminatedAt, lastRestartDate < finishedAt { lastRestartDate = finishedAt }
            let restartable = initContainers.isEmpty ? false : isRestartable(initContainer(named: container.name))
            if restartable {
                restartableInitContainerRestarts &+= container.restartCount
                if let finishedAt = container.lastTerminatedAt, lastRestartableInitContainerRestartDate < finishedAt {
                    lastRestartableInitContainerRestartDate = finishedAt
                }
            }
            let terminated = container.terminated
            let waitingReason = container.waiting["reason"].goString
            if terminated.isSet && terminated["exitCode"].goInt == 0 {
                continue
            } else if restartable && container.started {
                if container.ready { readyContainers += 1 }
                continue
            } else if terminated.isSet {
                // Initialization failed.
                let terminatedReason = terminated["reason"].goString
                if terminatedReason.isEmpty {
                    let signal = terminated["signal"].goInt
                    reason = signal != 0 ? "Init:Signal:\(signal)" : "Init:ExitCode:\(terminated["exitCode"].goInt)"
                } else {
                    reason = "Init:" + terminatedReason
                }
                initializing = true
            } else if container.waiting.isSet && !waitingReason.isEmpty && waitingReason != "PodInitializing" {
                reason = "Init:" + waitingReason
                initializing = true
            } else {
                reason = "Init:\(i)/\(initContainers.count)"
                initializing = true
            }
            break
        }

        if !initializing || initializedTrue == true {
            restarts = restartableInitContainerRestarts
            lastRestartDate = lastRestartableInitContainerRestartDate
            var hasRunning = false
            for statusValue in status["containerStatuses"].goArray.reversed() {
                let container = ContainerStatus(statusValue)
                restarts &+= container.restartCount
                if let finishedAt = container.lastTerminatedAt, lastRestartDate < finishedAt { lastRestartDate = finishedAt }
                let waitingReason = container.waiting["reason"].goString
                let terminated = container.terminated
                if container.waiting.isSet && !waitingReason.isEmpty {
                    reason = waitingReason
                } else if terminated.isSet, case let terminatedReason = terminated["reason"].goString, !terminatedReason.isEmpty {
                    reason = terminatedReason
                } else if terminated.isSet {
                    let signal = terminated["signal"].goInt
                    reason = signal != 0 ? "Signal:\(signal)" : "ExitCode:\(terminated["exitCode"].goInt)"
                } else if container.ready && container.running {
                    hasRunning = true
                    readyContainers += 1
                }
            }
            // Back to Running when a container still runs after another completed.
            if reason == "Completed" && hasRunning {
                reason = podReady ? "Running" : "NotReady"
            }
        }

        let deleting = metadata["deletionTimestamp"].isSet
        if deleting && statusReason == "NodeLost" {
            reason = "Unknown"
        } else if deleting && podPhase != "Failed" && podPhase != "Succeeded" {
            reason = "Terminating"
        }

        var restartsText = String(restarts)
        if restarts != 0 && !lastRestartDate.isZero {
            restartsText = "\(restarts) (\(HumanDuration.since(lastRestartDate, now: context.now)) ago)"
        }

        var cells: [Value] = [
            .string(metadata["name"].goString),
            .string("\(readyContainers)/\(totalContainers)"),
            .string(reason),
            .string(restartsText),
            context.age(metadata["creationTimestamp"]),
        ]
        if context.wide {
            var podIP = podIPText(podIP: status["podIP"], podIPs: status["podIPs"])
            if podIP.isEmpty { podIP = "<none>" }
            var nodeName = spec["nodeName"].goString
            if nodeName.isEmpty { nodeName = "<none>" }
            var nominatedNodeName = status["nominatedNodeName"].goString
            if nominatedNodeName.isEmpty { nominatedNodeName = "<none>" }
            var readinessGates = "<none>"
            let gates = spec["readinessGates"].goArray
            if !gates.isEmpty {
                var trueConditions = 0
                for gate in gates {
                    let conditionType = Optional(gate)["conditionType"].goString
                    for condition in conditions where Optional(condition)["type"].goString == conditionType {
                        if Optional(condition)["status"].goString == "True" { trueConditions += 1 }
                        break
                    }
                }
                readinessGates = "\(trueConditions)/\(gates.count)"
            }
            cells += [.string(podIP), .string(nodeName), .string(nominatedNodeName), .string(readinessGates)]
        }
        return PrintedRow(cells, conditions: rowConditions)
    }

    /// The fields of a container status the printer reads.
    struct ContainerStatus {
        var name: String
        var ready: Bool
        var started: Bool
        var restartCount: Int
        var waiting: Value?
        var terminated: Value?
        var running: Bool
        /// `lastState.terminated.finishedAt` when `lastState.terminated` is set.
        var lastTerminatedAt: MetaTime?

        init(_ value: Value) {
            let f = Optional(value)
            name = f["name"].goString
            ready = f["ready"].goBool
            started = f["started"].goBool
            restartCount = f["restartCount"].goInt
            let state = f["state"]
            waiting = state["waiting"]
            terminated = state["terminated"]
            running = state["running"].isSet
            let lastTerminated = f["lastState"]["terminated"]
            lastTerminatedAt = lastTerminated.isSet ? lastTerminated["finishedAt"].metaTime : nil
        }
    }

    /// The pod's first IP as the internal type holds it: `podIP` wins over `podIPs` (the
    /// v1 → internal conversion), `podIPs[0]` otherwise.
    static func podIPText(podIP: Value?, podIPs: Value?) -> String {
        let single = podIP.goString
        if !single.isEmpty { return single }
        return podIPs.goArray.first.map { Optional($0)["ip"].goString } ?? ""
    }

    /// `podutil.IsRestartableInitContainer`: an init container with `restartPolicy: Always`
    /// (a sidecar).
    static func isRestartable(_ container: Value?) -> Bool {
        container["restartPolicy"].goString == "Always"
    }

}
