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
        let spec = pod["spec"]
        let status = pod["status"]
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

        let conditions = status["conditions"].goArray
        // A pod carrying {type: PodScheduled, reason: SchedulingGated} is SchedulingGated.
        for condition in conditions {
            let c = Optional(condition)
            if c["type"].goString == "PodScheduled" && c["reason"].goString == "SchedulingGated" {
                reason = "SchedulingGated"
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
        let initStatuses = status["initContainerStatuses"].goArray
        for (i, statusValue) in initStatuses.enumerated() {
            let container = Optional(statusValue)
            let restartCount = container["restartCount"].goInt
            restarts &+= restartCount
            let lastTerminated = container["lastState"]["terminated"]
            if lastTerminated.isSet {
                let finishedAt = lastTerminated["finishedAt"].metaTime
                if lastRestartDate < finishedAt { lastRestartDate = finishedAt }
            }
            let restartable = initContainers.isEmpty ? false : isRestartable(initContainer(named: container["name"].goString))
            if restartable {
                restartableInitContainerRestarts &+= restartCount
                if lastTerminated.isSet {
                    let finishedAt = lastTerminated["finishedAt"].metaTime
                    if lastRestartableInitContainerRestartDate < finishedAt {
                        lastRestartableInitContainerRestartDate = finishedAt
                    }
                }
            }
            let terminated = container["state"]["terminated"]
            let waiting = container["state"]["waiting"]
            if terminated.isSet && terminated["exitCode"].goInt == 0 {
                continue
            } else if restartable && container["started"].goBool {
                if container["ready"].goBool { readyContainers += 1 }
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
            } else if waiting.isSet && !waiting["reason"].goString.isEmpty && waiting["reason"].goString != "PodInitializing" {
                reason = "Init:" + waiting["reason"].goString
                initializing = true
            } else {
                reason = "Init:\(i)/\(initContainers.count)"
                initializing = true
            }
            break
        }

        if !initializing || isPodInitializedConditionTrue(conditions) {
            restarts = restartableInitContainerRestarts
            lastRestartDate = lastRestartableInitContainerRestartDate
            var hasRunning = false
            for statusValue in status["containerStatuses"].goArray.reversed() {
                let container = Optional(statusValue)
                restarts &+= container["restartCount"].goInt
                let lastTerminated = container["lastState"]["terminated"]
                if lastTerminated.isSet {
                    let finishedAt = lastTerminated["finishedAt"].metaTime
                    if lastRestartDate < finishedAt { lastRestartDate = finishedAt }
                }
                let waiting = container["state"]["waiting"]
                let terminated = container["state"]["terminated"]
                if waiting.isSet && !waiting["reason"].goString.isEmpty {
                    reason = waiting["reason"].goString
                } else if terminated.isSet && !terminated["reason"].goString.isEmpty {
                    reason = terminated["reason"].goString
                } else if terminated.isSet {
                    let signal = terminated["signal"].goInt
                    reason = signal != 0 ? "Signal:\(signal)" : "ExitCode:\(terminated["exitCode"].goInt)"
                } else if container["ready"].goBool && container["state"]["running"].isSet {
                    hasRunning = true
                    readyContainers += 1
                }
            }
            // Back to Running when a container still runs after another completed.
            if reason == "Completed" && hasRunning {
                reason = hasPodReadyCondition(conditions) ? "Running" : "NotReady"
            }
        }

        let deleting = pod["metadata"]["deletionTimestamp"].isSet
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
            .string(pod.objectName),
            .string("\(readyContainers)/\(totalContainers)"),
            .string(reason),
            .string(restartsText),
            context.age(pod["metadata"]["creationTimestamp"]),
        ]
        if context.wide {
            var podIP = podIPText(status)
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

    /// The pod's first IP as the internal type holds it: `podIP` wins over `podIPs` (the
    /// v1 → internal conversion), `podIPs[0]` otherwise.
    static func podIPText(_ status: Value?) -> String {
        let single = status["podIP"].goString
        if !single.isEmpty { return single }
        return status["podIPs"].goArray.first.map { Optional($0)["ip"].goString } ?? ""
    }

    /// `podutil.IsRestartableInitContainer`: an init container with `restartPolicy: Always`
    /// (a sidecar).
    static func isRestartable(_ container: Value?) -> Bool {
        container["restartPolicy"].goString == "Always"
    }

    static func hasPodReadyCondition(_ conditions: [Value]) -> Bool {
        conditions.contains { Optional($0)["type"].goString == "Ready" && Optional($0)["status"].goString == "True" }
    }

    static func isPodInitializedConditionTrue(_ conditions: [Value]) -> Bool {
        for condition in conditions where Optional(condition)["type"].goString == "Initialized" {
            return Optional(condition)["status"].goString == "True"
        }
        return false
    }
}
