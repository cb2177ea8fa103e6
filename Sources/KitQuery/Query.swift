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
    /// `--where EXPR`: only the objects a jq expression holds true for.
    public var whereFilter: WhereFilter?
    /// `--jq FILTER`: a jq program over the `-o json` document instead of kubectl's printer.
    public var jq: JQOutput?

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
    /// An error met after part of the output was made (a runtime error of `--jq`): the
    /// output stays, the error follows it.
    public var failure: KitError?
}

/// One selected object and what was computed from it while it was read: when the output
/// needs only that, the object itself is kept slim (its metadata), so that a snapshot of a
/// hundred thousand pods never sits in memory whole.
struct Item {
    var object: Value
    /// The server table's row for the object (table output).
    var row: ServerTableRow?
    /// The `--sort-by` value.
    var sortKey: SortBy.Key?
    /// The `--sort` values.
    var friendly: [FriendlySort.Partial]?
    /// Printed cells: custom columns, separated-value columns, or the `-o name` line.
    var cells: [String]?
    /// The `--group-by` value.
    var group: Value?
}

/// The objects of one requested kind, in the order they will be printed.
public struct Selection {
    public var kind: QueryKind
    /// Whether the kind was named with object names (`get pod a b`: kubectl fetches each
    /// object on its own).
    public var byName: Bool
    var items: [Item]
    /// The table's columns, when rows were computed as objects were read.
    var columns: [ServerTableColumn]?

    public var objects: [Value] { items.map(\.object) }

    init(kind: QueryKind, byName: Bool, items: [Item], columns: [ServerTableColumn]? = nil) {
        self.kind = kind
        self.byName = byName
        self.items = items
        self.columns = columns
    }

    init(kind: QueryKind, objects: [Value], byName: Bool) {
        self.init(kind: kind, byName: byName, items: objects.map { Item(object: $0) })
    }
}

/// Where a query's objects come from: a producer that hands them on one at a time, or parts
/// of one input that can be read at the same time (their objects, part after part, are the
/// input's order).
public enum QuerySource {
    case sequential((_ emit: (Value) throws -> Void) throws -> Void)
    case parallel([(_ emit: (Value) throws -> Void) throws -> Void])
}

/// `kit query`: kubectl get over objects read one at a time. The server's tables come from
/// `tables` (the API server's printers), everything else is kubectl's client side.
public struct Query {
    public var options: QueryOptions
    /// The API server's table for objects of one kind.
    public var tables: (_ objects: [Value], _ kind: QueryKind) throws -> ServerTable
    /// Whether the server's printer for a kind orders its rows (so rows cannot be computed
    /// object by object).
    public var rowsNeedAllObjects: (_ kind: QueryKind) -> Bool

    public init(
        options: QueryOptions, tables: @escaping (_ objects: [Value], _ kind: QueryKind) throws -> ServerTable,
        rowsNeedAllObjects: @escaping (_ kind: QueryKind) -> Bool = { _ in false }
    ) {
        self.options = options
        self.tables = tables
        self.rowsNeedAllObjects = rowsNeedAllObjects
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

    // MARK: Running

    /// Runs the query over `objects` (everything read from the sources).
    public func run(objects: [Value]) throws(KitError) -> QueryResult {
        try run { (body: (Value) throws(KitError) -> Void) throws(KitError) in
            for object in objects { try body(object) }
        }
    }

    /// Runs the query over the objects `source` hands to its argument, one at a time.
    public func run(_ source: ((Value) throws(KitError) -> Void) throws(KitError) -> Void) throws(KitError) -> QueryResult {
        var reader = QueryReader(query: self)
        try source { object throws(KitError) in try reader.add(object) }
        let (requests, selections, context, missing) = try reader.finish()
        return try output(requests: requests, selections: selections, context: context, missing: missing)
    }

    /// Runs the query over `sources`, in order: each is read on the calling thread, or, when
    /// it comes in parts (a big List cut by `JSONReader.splitArray`), its parts are read on
    /// threads of their own at the same time and their objects taken in order.
    public func run(sources: [QuerySource]) throws(KitError) -> QueryResult {
        var reader = QueryReader(query: self)
        for source in sources {
            switch source {
            case .sequential(let produce):
                do {
                    try produce { object in try reader.add(object) }
                } catch let error as KitError {
                    throw error
                } catch {
                    throw KitError("\(error)")
                }
            case .parallel(let parts):
                try reader.read(parts)
            }
        }
        let (requests, selections, context, missing) = try reader.finish()
        return try output(requests: requests, selections: selections, context: context, missing: missing)
    }

    /// Sorts, limits and prints what was selected.
    func output(requests: [Request], selections: [Selection], context: SortContext, missing: [String]) throws(KitError) -> QueryResult {
        var selections = selections
        var result = QueryResult()
        for message in missing { result.messages.append("Error from server (NotFound): \(message)") }
        result.notFound = !missing.isEmpty
        if let daemonSet = options.missingDaemonSet {
            try keepNodesMissing(daemonSet: daemonSet, in: &selections, context: context)
        }
        if options.top || (options.output.isTable && selections.allSatisfy({ $0.kind.group == KindResolver.podMetrics.group })) {
            return try printTop(selections, result: result, context: context)
        }
        if !options.sortKeys.isEmpty {
            for i in selections.indices {
                let kind = selections[i].kind
                try FriendlySort.check(options.sortKeys, kind: kind)
                let partials = selections[i].items.map { item in
                    item.friendly ?? FriendlySort.partials(of: item.object, keys: options.sortKeys, kind: kind) {
                        guard let table = try? self.tables([item.object], kind),
                            let column = table.columns.firstIndex(where: { $0.name == "Status" }), let row = table.rows.first,
                            column < row.cells.count
                        else { return nil }
                        return row.cells[column].stringValue
                    }
                }
                let order = FriendlySort.order(partials, keys: options.sortKeys, reverse: options.reverse, context: context)
                selections[i].items = order.map { selections[i].items[$0] }
            }
        }

        if options.count || options.groupBy != nil {
            var items = selections.flatMap(\.items)
            if let limit = options.limit { items = Array(items.prefix(limit)) }
            if options.count {
                result.output = Array("\(items.count)\n".utf8)
            } else if let field = options.groupBy {
                let column = try ValueColumn(spec: field)
                var values: [Value] = []
                for item in items {
                    if let group = item.group {
                        values.append(group)
                    } else {
                        values.append(try column.value(of: item.object, context: context) ?? .null)
                    }
                }
                result.output = try GroupBy.render(
                    values, column: column, spec: field, output: options.output, noHeaders: options.noHeaders, reverse: options.reverse)
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
            var items = selections.flatMap(\.items)
            if let sortBy = options.sortBy, !items.isEmpty {
                let sorter = try SortBy(listSpec: sortBy)
                var keys: [SortBy.Key] = []
                for item in items {
                    if let key = item.sortKey { keys.append(key) } else { keys.append(try sorter.key(of: item.object)) }
                }
                items = try sorter.order(keys: keys).map { items[$0] }
            }
            if let limit = options.limit { items = Array(items.prefix(limit)) }
            if let namespace = options.setNamespace {
                for i in items.indices { items[i].object = ServerFields.moved(items[i].object, toNamespace: namespace) }
            }
            let single = singleItemImplied(requests) && items.count == 1 && missing.isEmpty
            try printGeneric(items, single: single, context: context, into: &result)
        }
        return result
    }

    /// `--missing-daemonset`: keeps the nodes on which no pod of the DaemonSet is scheduled
    /// (pods owned by it, whatever their phase).
    func keepNodesMissing(daemonSet: String, in selections: inout [Selection], context: SortContext) throws(KitError) {
        let parts = daemonSet.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard parts.count <= 2, !parts.last!.isEmpty else {
            throw KitError("--missing-daemonset: expected NAME or NAMESPACE/NAME, got \(GoSyntax.quote(daemonSet))")
        }
        let namespace = parts.count == 2 ? parts[0] : (options.namespace ?? QueryOptions.defaultNamespace)
        guard selections.allSatisfy({ $0.kind.group == "" && $0.kind.kind == "Node" }) else {
            throw KitError("--missing-daemonset lists nodes: use it with 'kit query nodes'")
        }
        let covered = context.daemonSetNodes[namespace + "/" + parts.last!] ?? []
        for i in selections.indices {
            selections[i].items.removeAll { covered.contains($0.object["metadata"]?["name"]?.stringValue ?? "") }
        }
    }

    /// `kit query top pods|nodes`: kubectl top's tables.
    func printTop(_ selections: [Selection], result: QueryResult, context: SortContext) throws(KitError) -> QueryResult {
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
            result.output = TopMetrics.nodes(items, nodes: context.nodes, sortBy: sortBy, noHeaders: options.noHeaders)
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
        if let table {
            computed = table
        } else {
            computed = try self.table(selection.objects, selection.kind)
        }
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

    func printTables(
        _ selections: [Selection], wide: Bool, separated: OutputFormat.Separator?, into result: inout QueryResult
    ) throws(KitError) {
        if options.showLabels && !options.output.isTable {
            throw KitError("--show-labels option cannot be used with this printer")
        }
        // What kubectl's requests return: one Table per list request, one per object for
        // requests by name.
        var infos: [TableLayout.Group] = []
        var rowKeys: [[SortBy.Key?]] = []
        for selection in selections {
            let objects = selection.objects
            if selection.byName {
                for item in selection.items {
                    infos.append(TableLayout.Group(kind: selection.kind, table: try table(of: [item], selection), objects: [item.object]))
                    rowKeys.append([item.sortKey])
                }
            } else {
                infos.append(TableLayout.Group(kind: selection.kind, table: try table(of: selection.items, selection), objects: objects))
                rowKeys.append(selection.items.map(\.sortKey))
            }
        }
        if let sortBy = options.sortBy {
            // kubectl's RuntimeSorter sorts the Table documents themselves when there are
            // several (their own fields: a path into the objects is not found in them)...
            if infos.count >= 2 {
                var documents: [Value] = []
                for info in infos {
                    documents.append(
                        try serverTableDocument(Selection(kind: info.kind, objects: info.objects, byName: false), include: "Object", table: info.table))
                }
                do {
                    let order = try SortBy(listSpec: sortBy).order(of: documents)
                    infos = order.map { infos[$0] }
                    rowKeys = order.map { rowKeys[$0] }
                } catch {
                    throw KitError(
                        "\(error.message) (kubectl sorts tables by their own fields when a command lists several kinds or names objects, so use -o name, -o json or custom columns to sort those)")
                }
            }
            // ...then its sorting printer sorts each table's rows by their objects.
            let sorter = try SortBy(tableSpec: sortBy)
            for i in infos.indices where infos[i].table.rows.count > 1 {
                var keys: [SortBy.Key] = []
                for row in infos[i].table.rows {
                    if let key = rowKeys[i][row.objectIndex] {
                        keys.append(key)
                    } else {
                        keys.append(try sorter.key(of: infos[i].objects[row.objectIndex]))
                    }
                }
                let order = try sorter.order(keys: keys)
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
    func printGeneric(_ items: [Item], single: Bool, context: SortContext, into result: inout QueryResult) throws(KitError) {
        if options.showLabels { throw KitError("--show-labels option cannot be used with this printer") }
        switch options.output {
        case .table, .serverTable:
            return
        case .name:
            var out = ""
            for item in items { out += (item.cells?.first ?? ListOutput.name(of: item.object)) + "\n" }
            result.output = Array(out.utf8)
            return
        case .customColumns(let columns):
            var writer = TabWriter()
            if !options.noHeaders { writer.write(columns.columns.map(\.header).joined(separator: "\t") + "\n") }
            for item in items {
                var cells: [String]
                if let precomputed = item.cells { cells = precomputed } else { cells = try columns.cells(of: item.object) }
                writer.write(cells.joined(separator: "\t") + "\n")
            }
            writer.flush()
            result.output = writer.takeOutput()
            return
        case .separated(let separator, let spec):
            let columns = try ValueColumn.parseList(spec ?? "name")
            var rows: [[String]] = options.noHeaders ? [] : [columns.map(\.header)]
            for item in items {
                if let cells = item.cells {
                    rows.append(cells)
                } else {
                    var row: [String] = []
                    for column in columns { row.append(ValueColumn.text(try column.value(of: item.object, context: context))) }
                    rows.append(row)
                }
            }
            result.output = SeparatedValues.lines(rows, separator: separator)
            return
        case .json, .yaml, .jsonPath:
            break
        }
        var objects = items.map(\.object)
        switch options.output {
        case .json, .yaml:
            // kubectl's OmitManagedFieldsPrinter.
            if !options.showManagedFields { objects = objects.map(ServerFields.withoutManagedFields) }
        default:
            break
        }
        let document: Value = single ? objects[0] : ListOutput.list(objects)
        if let jq = options.jq {
            (result.output, result.failure) = jq.run(on: document)
            return
        }
        switch options.output {
        case .json:
            result.output = try ListOutput.json(document)
        case .yaml:
            result.output = try ListOutput.yaml(document)
        case .jsonPath(let path, let asJSON):
            do {
                result.output = try path.execute(document, allowMissingKeys: options.allowMissingTemplateKeys, outputJSON: asJSON)
            } catch {
                throw KitError("error executing jsonpath \(GoSyntax.quote(path.template)): Error executing template: \(error.message)")
            }
        default:
            break
        }
    }

    /// The server table of `items`: their precomputed rows, or the printers run on them.
    func table(of items: [Item], _ selection: Selection) throws(KitError) -> ServerTable {
        if let columns = selection.columns, items.allSatisfy({ $0.row != nil }) {
            var rows: [ServerTableRow] = []
            rows.reserveCapacity(items.count)
            for (i, item) in items.enumerated() {
                var row = item.row!
                row.objectIndex = i
                rows.append(row)
            }
            return ServerTable(columns: columns, rows: rows)
        }
        return try table(items.map(\.object), selection.kind)
    }
}
