import KitCore
import KitModel

/// What `kit query` was asked: kinds and names, filters, order and output.
public struct QueryOptions {
    /// KIND arguments as given (`pods`, `pods,svc`, `deploy.apps`), or `TYPE/NAME` arguments.
    public var resources: [String] = []
    /// NAME arguments (objects by name, in this order).
    public var names: [String] = []
    /// `-n`: the namespace (nil: kubectl's default namespace, `default`).
    public var namespace: String?
    /// `-A`.
    public var allNamespaces = false
    public var labelSelector: LabelSelector?
    public var fieldSelector: FieldSelector?
    /// `--sort-by JSONPATH` (kubectl's sorter).
    public var sortBy: String?
    /// `--sort KEY[,KEY]` (kit's friendly keys) and `--reverse`.
    public var sortKeys: [SortKey] = []
    public var reverse = false
    /// `--limit N`: at most N objects (after sorting).
    public var limit: Int?
    public var output: OutputFormat = .table(wide: false)
    public var noHeaders = false
    public var showLabels = false
    public var showKind = false
    public var labelColumns: [String] = []
    public var allowMissingTemplateKeys = true
    /// `--show-managed-fields`: keep `metadata.managedFields` in `-o json|yaml` output.
    public var showManagedFields = false
    /// `--count`: print only how many objects were selected.
    public var count = false
    /// `--group-by FIELD`: print how many objects have each value of FIELD.
    public var groupBy: String?
    /// `--set-namespace NS`: print the objects moved to NS, without the fields a server sets.
    public var setNamespace: String?
    /// `kit query top pods|nodes`: kubectl top's output for PodMetrics/NodeMetrics.
    public var top = false
    /// `--containers` and `--sum` of `kubectl top pods`.
    public var topContainers = false
    public var topSum = false
    /// `--missing-daemonset [NAMESPACE/]NAME`: only nodes where that DaemonSet has no pod.
    public var missingDaemonSet: String?

    public init() {}

    /// kubectl's namespace when none is given.
    public static let defaultNamespace = "default"

    /// The namespace objects are listed in (nil with `-A`).
    public var effectiveNamespace: String? {
        allNamespaces ? nil : (namespace ?? QueryOptions.defaultNamespace)
    }
}

/// What a query printed: standard output, messages for standard error, and whether some
/// named object was not found (kubectl then exits 1).
public struct QueryResult {
    public var output: [UInt8] = []
    public var messages: [String] = []
    public var notFound = false
}

/// The objects of one requested kind, in the order they will be printed.
public struct Selection {
    public var kind: QueryKind
    public var objects: [Value]
    /// Whether the kind was named with object names (`get pod a b`: kubectl fetches each
    /// object on its own and does not reorder them in tables).
    public var byName: Bool
}

/// `kit query`: kubectl get over objects already read. The server's tables come from
/// `tables` (the API server's printers), everything else is kubectl's client side.
public struct Query {
    public var options: QueryOptions
    /// The API server's table for objects of one kind.
    public var tables: (_ objects: [Value], _ kind: QueryKind) throws -> ServerTable

    public init(options: QueryOptions, tables: @escaping (_ objects: [Value], _ kind: QueryKind) throws -> ServerTable) {
        self.options = options
        self.tables = tables
    }

    // MARK: Selecting

    /// One requested kind and the names asked for it.
    struct Request {
        var kind: QueryKind
        var names: [String]
    }

    /// The kinds and names the arguments ask for, in order; `TYPE/NAME` arguments give one
    /// request per run of the same kind.
    func requests(resolver: KindResolver) throws(KitError) -> [Request] {
        let resources = options.resources
        guard !resources.isEmpty else {
            throw KitError("you must specify the type of resource to get (e.g. pods, nodes, deployments.apps)")
        }
        if resources.contains(where: { $0.contains("/") }) {
            guard resources.allSatisfy({ $0.contains("/") }), options.names.isEmpty else {
                throw KitError("there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kit query resource/<resource_name>' instead of 'kit query resource resource/<resource_name>')")
            }
            var requests: [Request] = []
            for argument in resources {
                let slash = argument.firstIndex(of: "/")!
                let type = String(argument[..<slash])
                let name = String(argument[argument.index(after: slash)...])
                guard !type.isEmpty, !name.isEmpty else {
                    throw KitError("arguments in resource/name form must have a single resource and name")
                }
                let kinds = try resolver.resolve(type)
                guard kinds.count == 1 else { throw KitError("arguments in resource/name form must have a single resource and name") }
                if let last = requests.last, last.kind == kinds[0] {
                    requests[requests.count - 1].names.append(name)
                } else {
                    requests.append(Request(kind: kinds[0], names: [name]))
                }
            }
            return requests
        }
        var requests: [Request] = []
        for argument in resources {
            for part in argument.split(separator: ",", omittingEmptySubsequences: true) {
                for kind in try resolver.resolve(String(part)) where !requests.contains(where: { $0.kind == kind }) {
                    requests.append(Request(kind: kind, names: options.names))
                }
            }
        }
        if requests.isEmpty { throw KitError("you must specify the type of resource to get") }
        return requests
    }

    /// Whether kubectl would print one object rather than a list: one resource type and one
    /// name (`get pod web`, `get pod/web`).
    func singleItemImplied(_ requests: [Request]) -> Bool {
        requests.count == 1 && requests[0].names.count == 1 && !options.resources.contains("all")
            && options.resources.count == 1 && !options.resources[0].contains(",")
    }

    /// The namespace an object is in for listing (`default` when a namespaced object names
    /// none, as a manifest applied without `-n` would land).
    static func namespace(of object: Object) -> String {
        if case .string(let ns)? = object["metadata"]?["namespace"], !ns.isEmpty { return ns }
        return QueryOptions.defaultNamespace
    }

    /// The objects each request selects, filtered as the API server filters a list (kind,
    /// namespace, name, label and field selectors), in input order (by-name requests: in the
    /// order of the names). Names not found are reported in `missing`.
    func select(_ objects: [Value], requests: [Request], missing: inout [String]) throws(KitError) -> [Selection] {
        var selections: [Selection] = []
        let namespace = options.effectiveNamespace
        for request in requests {
            let kind = request.kind
            let support = FieldSelectorSupport(kind: kind)
            if let fieldSelector = options.fieldSelector { try support.validate(fieldSelector, for: kind) }
            var chosen: [Value] = []
            for value in objects {
                guard case .object(let object) = value, kind.matches(object) else { continue }
                if kind.namespaced, let namespace, Query.namespace(of: object) != namespace { continue }
                if let selector = options.labelSelector, !selector.matches(object: value) { continue }
                if let selector = options.fieldSelector, !support.matches(selector, value) { continue }
                chosen.append(value)
            }
            if !request.names.isEmpty {
                var byName: [Value] = []
                for name in request.names {
                    if let found = chosen.first(where: { $0["metadata"]?["name"]?.stringValue == name }) {
                        byName.append(found)
                    } else {
                        missing.append("\(kind.groupResource) \(GoSyntax.quote(name)) not found")
                    }
                }
                chosen = byName
            }
            selections.append(Selection(kind: kind, objects: chosen, byName: !request.names.isEmpty))
        }
        return selections
    }

    // MARK: Running

    /// Runs the query over `objects` (everything read from the sources).
    public func run(objects: [Value]) throws(KitError) -> QueryResult {
        let resolver = KindResolver(objects: objects)
        let requests = try requests(resolver: resolver)
        var result = QueryResult()
        var missing: [String] = []
        var selections = try select(objects, requests: requests, missing: &missing)
        for message in missing { result.messages.append("Error from server (NotFound): \(message)") }
        result.notFound = !missing.isEmpty
        let context = SortContext(objects: objects)
        if let daemonSet = options.missingDaemonSet {
            try keepNodesMissing(daemonSet: daemonSet, in: &selections, objects: objects)
        }
        if options.top || (options.output.isTable && selections.allSatisfy({ $0.kind.group == KindResolver.podMetrics.group })) {
            return try printTop(selections, objects: objects, result: result)
        }
        try applyFriendlySort(&selections, context: context)

        if options.count || options.groupBy != nil {
            var items = selections.flatMap(\.objects)
            if let limit = options.limit { items = Array(items.prefix(limit)) }
            if options.count {
                result.output = Array("\(items.count)\n".utf8)
            } else if let field = options.groupBy {
                result.output = try GroupBy.render(
                    items, spec: field, output: options.output, noHeaders: options.noHeaders, reverse: options.reverse, context: context)
            }
            return result
        }

        switch options.output {
        case .table(let wide):
            try printTables(selections, wide: wide, separated: nil, into: &result)
        case .separated(let separator, nil):
            try printTables(selections, wide: false, separated: separator, into: &result)
        case .serverTable(let include):
            guard let selection = selections.first else { break }
            result.output = try ListOutput.json(try serverTableDocument(selection, include: include))
        default:
            var items: [Value] = selections.flatMap(\.objects)
            if let sortBy = options.sortBy, !items.isEmpty {
                let order = try SortBy(listSpec: sortBy).order(of: items)
                items = order.map { items[$0] }
            }
            if let limit = options.limit { items = Array(items.prefix(limit)) }
            if let namespace = options.setNamespace {
                items = items.map { ServerFields.moved($0, toNamespace: namespace) }
            }
            let single = singleItemImplied(requests) && items.count == 1 && missing.isEmpty
            try printGeneric(items, single: single, context: context, into: &result)
        }
        return result
    }

    /// `--missing-daemonset`: keeps the nodes on which no pod of the DaemonSet is scheduled
    /// (pods owned by it, whatever their phase).
    func keepNodesMissing(daemonSet: String, in selections: inout [Selection], objects: [Value]) throws(KitError) {
        let parts = daemonSet.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard parts.count <= 2, !parts.last!.isEmpty else {
            throw KitError("--missing-daemonset: expected NAME or NAMESPACE/NAME, got \(GoSyntax.quote(daemonSet))")
        }
        let namespace = parts.count == 2 ? parts[0] : (options.namespace ?? QueryOptions.defaultNamespace)
        let name = parts.last!
        guard selections.allSatisfy({ $0.kind.group == "" && $0.kind.kind == "Node" }) else {
            throw KitError("--missing-daemonset lists nodes: use it with 'kit query nodes'")
        }
        var covered: Set<String> = []
        for case .object(let pod) in objects where pod["kind"]?.stringValue == "Pod" && Query.namespace(of: pod) == namespace {
            let owners = pod["metadata"]?["ownerReferences"]?.arrayValue ?? []
            guard owners.contains(where: { $0["kind"]?.stringValue == "DaemonSet" && $0["name"]?.stringValue == name }) else { continue }
            if case .string(let node)? = pod["spec"]?["nodeName"] { covered.insert(node) }
        }
        for i in selections.indices {
            selections[i].objects.removeAll { covered.contains($0["metadata"]?["name"]?.stringValue ?? "") }
        }
    }

    /// `kit query top pods|nodes`: kubectl top's tables.
    func printTop(_ selections: [Selection], objects: [Value], result: QueryResult) throws(KitError) -> QueryResult {
        var result = result
        var sortBy: TopMetrics.SortBy?
        if let key = options.sortKeys.first ?? options.sortBy.flatMap({ SortKey(rawValue: $0) }) {
            guard key == .cpu || key == .memory, options.sortKeys.count <= 1 else {
                throw KitError("--sort: top sorts by cpu or memory")
            }
            sortBy = key == .cpu ? .cpu : .memory
        }
        var items = selections.flatMap(\.objects)
        if let limit = options.limit { items = Array(items.prefix(limit)) }
        if selections.contains(where: { $0.kind == KindResolver.nodeMetrics }) {
            let nodes = objects.filter { $0["kind"]?.stringValue == "Node" && ($0["apiVersion"]?.stringValue ?? "") == "v1" }
            result.output = TopMetrics.nodes(items, nodes: nodes, sortBy: sortBy, noHeaders: options.noHeaders)
        } else {
            result.output = TopMetrics.pods(
                items, withNamespace: options.allNamespaces, sortBy: sortBy, containers: options.topContainers,
                sum: options.topSum, noHeaders: options.noHeaders)
        }
        if items.isEmpty && !result.notFound {
            result.messages.append(
                options.allNamespaces || selections.contains(where: { !$0.kind.namespaced })
                    ? "No resources found" : "No resources found in \(options.effectiveNamespace ?? "") namespace.")
        }
        return result
    }

    /// The `meta.k8s.io/v1` Table an API server answers for `selection`.
    func serverTableDocument(_ selection: Selection, include: String, table: ServerTable? = nil) throws(KitError) -> Value {
        let computed: ServerTable
        if let table { computed = table } else { computed = try self.table(selection.objects, selection.kind) }
        let table = computed
        var columns: [Value] = []
        for column in table.columns {
            columns.append([
                "name": .string(column.name), "type": .string(column.type), "format": .string(column.format),
                "description": .string(column.description), "priority": .int(column.priority),
            ])
        }
        var rows: [Value] = []
        for row in table.rows {
            var entry: Object = ["cells": .array(row.cells)]
            let object = selection.objects[row.objectIndex]
            switch include {
            case "Object":
                entry["object"] = object
            case "Metadata":
                entry["object"] = [
                    "kind": "PartialObjectMetadata", "apiVersion": "meta.k8s.io/v1", "metadata": object["metadata"] ?? [:],
                ]
            default:
                break
            }
            rows.append(.object(entry))
        }
        return [
            "kind": "Table", "apiVersion": "meta.k8s.io/v1", "metadata": ["resourceVersion": "1"],
            "columnDefinitions": .array(columns), "rows": .array(rows),
        ]
    }

    /// The API server's table for `objects`.
    func table(_ objects: [Value], _ kind: QueryKind) throws(KitError) -> ServerTable {
        do {
            return try tables(objects, kind)
        } catch let error as KitError {
            throw error
        } catch {
            throw KitError("\(error)")
        }
    }

    func applyFriendlySort(_ selections: inout [Selection], context: SortContext) throws(KitError) {
        guard !options.sortKeys.isEmpty else { return }
        for i in selections.indices {
            let kind = selections[i].kind
            let status: (Value) -> String? = { object in
                guard let table = try? self.tables([object], kind),
                    let column = table.columns.firstIndex(where: { $0.name == "Status" }),
                    let row = table.rows.first, column < row.cells.count
                else { return nil }
                return row.cells[column].stringValue
            }
            selections[i].objects = try FriendlySort.sorted(
                selections[i].objects, kind: kind, keys: options.sortKeys, reverse: options.reverse, context: context,
                status: status)
        }
    }

    func printTables(
        _ selections: [Selection], wide: Bool, separated: OutputFormat.Separator?, into result: inout QueryResult
    ) throws(KitError) {
        if options.showLabels && !options.output.isTable {
            throw KitError("--show-labels option cannot be used with this printer")
        }
        // What kubectl's requests return: one Table per list request, one per object for
        // requests by name.
        var infos: [TableLayout.Group] = []
        for selection in selections {
            if selection.byName {
                for object in selection.objects {
                    infos.append(TableLayout.Group(kind: selection.kind, table: try table([object], selection.kind), objects: [object]))
                }
            } else {
                infos.append(TableLayout.Group(kind: selection.kind, table: try table(selection.objects, selection.kind), objects: selection.objects))
            }
        }
        if let sortBy = options.sortBy {
            // kubectl's RuntimeSorter sorts the Table documents themselves when there are
            // several (their own fields: a path into the objects is not found in them)...
            if infos.count >= 2 {
                var documents: [Value] = []
                for info in infos {
                    documents.append(try serverTableDocument(Selection(kind: info.kind, objects: info.objects, byName: false), include: "Object", table: info.table))
                }
                do {
                    infos = try SortBy(listSpec: sortBy).order(of: documents).map { infos[$0] }
                } catch {
                    throw KitError(
                        "\(error.message) (kubectl sorts tables by their own fields when a command lists several kinds or names objects, so use -o name, -o json or custom columns to sort those)")
                }
            }
            // ...then its sorting printer sorts each table's rows by their objects.
            for i in infos.indices where infos[i].table.rows.count > 1 {
                let rowObjects = infos[i].table.rows.map { infos[i].objects[$0.objectIndex] }
                let order = try SortBy(tableSpec: sortBy).order(of: rowObjects)
                infos[i].table.rows = order.map { infos[i].table.rows[$0] }
            }
        } else if !options.sortKeys.isEmpty {
            // Rows follow the objects' (already sorted) order.
            for i in infos.indices { infos[i].table.rows.sort { $0.objectIndex < $1.objectIndex } }
        }
        // Tables of the same kind one after another print as one (kubectl keeps its printer
        // and prints headers once).
        var groups: [TableLayout.Group] = []
        for info in infos {
            if let last = groups.last, last.kind == info.kind, last.table.columns == info.table.columns {
                let offset = last.objects.count
                groups[groups.count - 1].objects += info.objects
                groups[groups.count - 1].table.rows += info.table.rows.map {
                    var row = $0
                    row.objectIndex += offset
                    return row
                }
            } else {
                groups.append(info)
            }
        }
        var remaining = options.limit ?? Int.max
        for i in groups.indices {
            if groups[i].table.rows.count > remaining { groups[i].table.rows = Array(groups[i].table.rows.prefix(remaining)) }
            remaining -= groups[i].table.rows.count
        }
        if let separated {
            result.output = TableLayout.separated(groups, separator: separated, noHeaders: options.noHeaders)
            return
        }
        var layout = TableLayout.Options()
        layout.wide = wide
        layout.noHeaders = options.noHeaders
        layout.allNamespaces = options.allNamespaces
        layout.showLabels = options.showLabels
        layout.showKind = options.showKind
        layout.labelColumns = options.labelColumns
        let (text, wrote) = TableLayout.render(groups, options: layout)
        result.output = text
        if !wrote && !result.notFound {
            let allNamespaced = !options.allNamespaces && selections.allSatisfy(\.kind.namespaced)
            if allNamespaced {
                result.messages.append("No resources found in \(options.effectiveNamespace ?? "") namespace.")
            } else {
                result.messages.append("No resources found")
            }
        }
    }

    /// kubectl's `printGeneric`: the objects as one `List` (or the single object), printed
    /// by the `-o` printer.
    func printGeneric(_ items: [Value], single: Bool, context: SortContext, into result: inout QueryResult) throws(KitError) {
        if options.showLabels { throw KitError("--show-labels option cannot be used with this printer") }
        var items = items
        switch options.output {
        case .json, .yaml:
            // kubectl's OmitManagedFieldsPrinter.
            if !options.showManagedFields { items = items.map(ServerFields.withoutManagedFields) }
        default:
            break
        }
        let document: Value = single ? items[0] : ListOutput.list(items)
        switch options.output {
        case .table, .serverTable:
            break
        case .json:
            result.output = try ListOutput.json(document)
        case .yaml:
            result.output = try ListOutput.yaml(document)
        case .name:
            result.output = ListOutput.names(items)
        case .jsonPath(let path, let asJSON):
            do {
                result.output = try path.execute(document, allowMissingKeys: options.allowMissingTemplateKeys, outputJSON: asJSON)
            } catch {
                throw KitError("error executing jsonpath \(GoSyntax.quote(path.template)): Error executing template: \(error.message)")
            }
        case .customColumns(let columns):
            var writer = TabWriter()
            for line in try columns.lines(for: items, headers: !options.noHeaders) { writer.write(line + "\n") }
            writer.flush()
            result.output = writer.takeOutput()
        case .separated(let separator, let spec):
            result.output = try SeparatedValues.render(
                items, separator: separator, spec: spec, headers: !options.noHeaders, context: context)
        }
    }
}
