import KitCore

/// Printers of nodes, namespaces, events and the other cluster-level core kinds.
enum ClusterPrinters {
    static let core = "io.k8s.api.core.v1."

    // MARK: Node

    static let node = KindPrinter([
        Col.name,
        Col.string("Status", .text("The status of the node")),
        Col.string("Roles", .text("The roles of the node")),
        Col.age,
        Col.string("Version", Col.doc(core + "NodeSystemInfo", "kubeletVersion")),
        Col.string("Internal-IP", Col.doc(core + "NodeStatus", "addresses"), priority: 1),
        Col.string("External-IP", Col.doc(core + "NodeStatus", "addresses"), priority: 1),
        Col.string("OS-Image", Col.doc(core + "NodeSystemInfo", "osImage"), priority: 1),
        Col.string("Kernel-Version", Col.doc(core + "NodeSystemInfo", "kernelVersion"), priority: 1),
        Col.string("Container-Runtime", Col.doc(core + "NodeSystemInfo", "containerRuntimeVersion"), priority: 1),
    ]) { obj, context in
        let status = obj["status"]
        // Only the Ready condition counts; the last condition of that type wins (Go's map).
        var ready: Value? = nil
        for condition in status["conditions"].goArray where Optional(condition)["type"].goString == "Ready" {
            ready = condition
        }
        var states: [String] = []
        if let ready {
            states.append(Optional(ready)["status"].goString == "True" ? "Ready" : "NotReady")
        } else {
            states.append("Unknown")
        }
        if obj["spec"]["unschedulable"].goBool { states.append("SchedulingDisabled") }
        var roles = nodeRoles(obj["metadata"]["labels"]).joined(separator: ",")
        if roles.isEmpty { roles = "<none>" }
        let info = status["nodeInfo"]
        var cells: [Value] = [
            .string(obj.objectName), .string(states.joined(separator: ",")), .string(roles),
            context.age(obj["metadata"]["creationTimestamp"]), .string(info["kubeletVersion"].goString),
        ]
        if context.wide {
            func orUnknown(_ s: String) -> Value { .string(s.isEmpty ? "<unknown>" : s) }
            cells += [
                .string(nodeAddress(status, type: "InternalIP")), .string(nodeAddress(status, type: "ExternalIP")),
                orUnknown(info["osImage"].goString), orUnknown(info["kernelVersion"].goString),
                orUnknown(info["containerRuntimeVersion"].goString),
            ]
        }
        return PrintedRow(cells)
    }

    /// The first address of the type, `<none>` if there is none.
    static func nodeAddress(_ status: Value?, type: String) -> String {
        for address in status["addresses"].goArray where Optional(address)["type"].goString == type {
            return Optional(address)["address"].goString
        }
        return "<none>"
    }

    /// `findNodeRoles`: `node-role.kubernetes.io/<role>` labels and the `kubernetes.io/role`
    /// label's value, sorted and without repeats.
    static func nodeRoles(_ labels: Value?) -> [String] {
        let prefix = "node-role.kubernetes.io/"
        var roles = Set<String>()
        for (key, value) in GoFormat.stringMap(labels) {
            if key.hasPrefix(prefix) {
                let role = String(key.dropFirst(prefix.count))
                if !role.isEmpty { roles.insert(role) }
            } else if key == "kubernetes.io/role" && !value.isEmpty {
                roles.insert(value)
            }
        }
        return roles.sorted(by: utf8Less)
    }

    // MARK: Namespace

    static let namespace = KindPrinter([
        Col.name,
        Col.string("Status", .text("The status of the namespace")),
        Col.age,
    ]) { obj, context in
        PrintedRow([
            .string(obj.objectName), .string(obj["status"]["phase"].goString), context.age(obj["metadata"]["creationTimestamp"]),
        ])
    }

    // MARK: Event

    static let event = KindPrinter([
        Col.string("Last Seen", Col.doc(core + "Event", "lastTimestamp")),
        Col.string("Type", Col.doc(core + "Event", "type")),
        Col.string("Reason", Col.doc(core + "Event", "reason")),
        Col.string("Object", Col.doc(core + "Event", "involvedObject")),
        Col.string("Subobject", Col.doc(core + "ObjectReference", "fieldPath"), priority: 1),
        Col.string("Source", Col.doc(core + "Event", "source"), priority: 1),
        Col.string("Message", Col.doc(core + "Event", "message")),
        Col.string("First Seen", Col.doc(core + "Event", "firstTimestamp"), priority: 1),
        Col.string("Count", Col.doc(core + "Event", "count"), priority: 1),
        Col.string("Name", Col.doc(Col.meta, "name"), priority: 1, format: "name"),
    ]) { obj, context in eventRow(CoreEvent(obj), name: obj.objectName, context) }

    /// The fields of an event the printer reads, from a `v1` Event or an `events.k8s.io`
    /// Event (converted as the API server converts it to the internal type).
    struct CoreEvent {
        var involvedObject: Value?
        var reason, message, type, reportingController, reportingInstance: Value?
        var source: Value?
        var firstTimestamp, lastTimestamp, eventTime: Value?
        var count: Value?
        var series: Value?

        init(_ obj: Value) {
            let isEventsGroup = GroupVersionText.group(of: obj["apiVersion"].goString) == "events.k8s.io"
            if isEventsGroup {
                involvedObject = obj["regarding"]
                message = obj["note"]
                source = obj["deprecatedSource"]
                firstTimestamp = obj["deprecatedFirstTimestamp"]
                lastTimestamp = obj["deprecatedLastTimestamp"]
                count = obj["deprecatedCount"]
                reportingController = obj["reportingController"]
            } else {
                involvedObject = obj["involvedObject"]
                message = obj["message"]
                source = obj["source"]
                firstTimestamp = obj["firstTimestamp"]
                lastTimestamp = obj["lastTimestamp"]
                count = obj["count"]
                // core/v1 spells ReportingController `reportingComponent`.
                reportingController = obj["reportingComponent"]
            }
            reason = obj["reason"]
            type = obj["type"]
            reportingInstance = obj["reportingInstance"]
            eventTime = obj["eventTime"]
            series = obj["series"]
        }
    }

    static func eventRow(_ event: CoreEvent, name: String, _ context: PrintContext) -> PrintedRow {
        let first = event.firstTimestamp.metaTime
        var firstSeen = HumanDuration.since(first, now: context.now)
        if first.isZero { firstSeen = HumanDuration.since(event.eventTime.metaTime, now: context.now) }
        let last = event.lastTimestamp.metaTime
        var lastSeen = last.isZero ? firstSeen : HumanDuration.since(last, now: context.now)
        var count = event.count.goInt
        if event.series.isSet {
            lastSeen = HumanDuration.since(event.series["lastObservedTime"].metaTime, now: context.now)
            count = event.series["count"].goInt
        } else if count == 0 {
            // Singleton events of the new API have no count.
            count = 1
        }
        let involved = event.involvedObject
        let kind = GoFormat.lower(involved["kind"].goString)
        let involvedName = involved["name"].goString
        let target = involvedName.isEmpty ? kind : kind + "/" + involvedName
        let message = GoSyntax.trimSpace(event.message.goString)
        if context.wide {
            let source = eventSource(
                component: firstNonEmpty(event.source["component"].goString, event.reportingController.goString),
                instance: firstNonEmpty(event.source["host"].goString, event.reportingInstance.goString))
            return PrintedRow([
                .string(lastSeen), .string(event.type.goString), .string(event.reason.goString), .string(target),
                .string(involved["fieldPath"].goString), .string(source), .string(message), .string(firstSeen),
                .int(count), .string(name),
            ])
        }
        return PrintedRow([
            .string(lastSeen), .string(event.type.goString), .string(event.reason.goString), .string(target),
            .string(message),
        ])
    }

    static func firstNonEmpty(_ a: String, _ b: String) -> String { a.isEmpty ? b : a }

    /// `formatEventSourceComponentInstance`: `component, instance`, or the component alone.
    static func eventSource(component: String, instance: String) -> String {
        instance.isEmpty ? component : component + ", " + instance
    }

    // MARK: ComponentStatus

    static let componentStatus = KindPrinter([
        Col.name,
        Col.string("Status", .text("Status of the component conditions")),
        Col.string("Message", .text("Message of the component conditions")),
        Col.string("Error", .text("Error of the component conditions")),
    ]) { obj, _ in
        var status = "Unknown"
        var message = ""
        var error = ""
        for value in obj["conditions"].goArray where Optional(value)["type"].goString == "Healthy" {
            let condition = Optional(value)
            status = condition["status"].goString == "True" ? "Healthy" : "Unhealthy"
            message = condition["message"].goString
            error = condition["error"].goString
            break
        }
        return PrintedRow([.string(obj.objectName), .string(status), .string(message), .string(error)])
    }

    // MARK: ConfigMap, Secret, ServiceAccount

    static let configMap = KindPrinter([
        Col.name,
        Col.string("Data", Col.doc(core + "ConfigMap", "data")),
        Col.age,
    ]) { obj, context in
        PrintedRow([
            .string(obj.objectName), .int(obj["data"].goCount + obj["binaryData"].goCount),
            context.age(obj["metadata"]["creationTimestamp"]),
        ])
    }

    static let secret = KindPrinter([
        Col.name,
        Col.string("Type", Col.doc(core + "Secret", "type")),
        Col.string("Data", Col.doc(core + "Secret", "data")),
        Col.age,
    ]) { obj, context in
        // `stringData` entries join `data` in the v1 → internal conversion.
        var keys = Set(obj["data"].goObject.keys)
        keys.formUnion(obj["stringData"].goObject.keys)
        return PrintedRow([
            .string(obj.objectName), .string(obj["type"].goString), .int(keys.count),
            context.age(obj["metadata"]["creationTimestamp"]),
        ])
    }

    static let serviceAccount = KindPrinter([
        Col.name,
        Col.string("Secrets", Col.doc(core + "ServiceAccount", "secrets")),
        Col.age,
    ]) { obj, context in
        PrintedRow([.string(obj.objectName), .int(obj["secrets"].goCount), context.age(obj["metadata"]["creationTimestamp"])])
    }

    // MARK: ResourceQuota

    static let resourceQuota = KindPrinter([
        Col.name,
        Col.string("Request", .text("Request represents a minimum amount of cpu/memory that a container may consume.")),
        Col.string(
            "Limit",
            .text("Limits control the maximum amount of cpu/memory that a container may use independent of contention on the node.")),
        Col.age,
    ]) { obj, context in
        let status = obj["status"]
        let hard = status["hard"].goObject
        let used = status["used"]
        var requests = ""
        var limits = ""
        for resource in hard.keys.sorted(by: utf8Less) {
            let text = "\(resource): \(GoFormat.quantity(used[resource]))/\(GoFormat.quantity(hard[resource])), "
            let pieces = resource.split(separator: ".", omittingEmptySubsequences: false)
            if pieces.count > 1 && pieces[0] == "limits" { limits += text } else { requests += text }
        }
        func trimmed(_ s: String) -> String { s.hasSuffix(", ") ? String(s.dropLast(2)) : s }
        return PrintedRow([
            .string(obj.objectName), .string(trimmed(requests)), .string(trimmed(limits)),
            context.age(obj["metadata"]["creationTimestamp"]),
        ])
    }

    // MARK: Status

    static let status = KindPrinter([
        Col.string("Status", Col.doc("io.k8s.apimachinery.pkg.apis.meta.v1.Status", "status")),
        Col.string("Reason", Col.doc("io.k8s.apimachinery.pkg.apis.meta.v1.Status", "reason")),
        // printers.go asks for the doc of "Message", a key the type's docs do not have.
        Col.string("Message", Col.doc("io.k8s.apimachinery.pkg.apis.meta.v1.Status", "Message")),
    ]) { obj, _ in
        PrintedRow([.string(obj["status"].goString), .string(obj["reason"].goString), .string(obj["message"].goString)])
    }
}
