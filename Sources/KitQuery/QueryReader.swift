import KitCore
import KitModel

/// Takes the input one object at a time: gathers the facts some keys need from every object
/// (SortContext), selects the objects each requested kind lists (kind, namespace, labels,
/// fields, names), and keeps of each selected object only what the output needs.
///
/// When every KIND argument resolves without the input (built-in kinds), objects are handled
/// as they arrive; otherwise (custom resources, whose CRDs are in the input) all objects are
/// kept until the end and handled then.
struct QueryReader {
    let query: Query
    var options: QueryOptions { query.options }
    /// The requested kinds; empty while they are not known (custom resources: until the end).
    var states: [KindState] = []
    var resolved = false
    var buffered: [Value] = []
    var context = SortContext()
    /// A check of the request that failed before any object was read (a field selector the
    /// kind does not support): reported at once.
    var failure: KitError?
    /// `--where`'s program (each reader on a thread of its own has its own).
    var whereFilter: WhereFilter?

    /// One requested kind while the input is read.
    struct KindState {
        var request: Query.Request
        var support: FieldSelectorSupport
        var items: [Item] = []
        /// By-name requests: the first object of each name.
        var named: [String: Item] = [:]
        var columns: [ServerTableColumn]?
        var slim: Bool
        /// Objects waiting for their table rows (rows are computed in batches: the printers'
        /// column definitions cost more than a row).
        var pending: [(index: Int, object: Value)] = []
    }

    /// How many objects wait for their rows at most: enough to spread the cost of the
    /// printers' column definitions, few enough that the objects are still in the cache when
    /// they are freed (256 cost a third more time in freeing them).
    static let rowBatch = 16

    init(query: Query) {
        self.query = query
        whereFilter = query.options.whereFilter
        if let requests = try? query.requests(resolver: KindResolver()) {
            do {
                states = try makeStates(requests)
                resolved = true
            } catch {
                failure = error
            }
        }
    }

    func makeStates(_ requests: [Query.Request]) throws(KitError) -> [KindState] {
        var states: [KindState] = []
        for request in requests {
            let support = FieldSelectorSupport(kind: request.kind)
            if let fieldSelector = options.fieldSelector { try support.validate(fieldSelector, for: request.kind) }
            if !options.sortKeys.isEmpty && !options.top { try FriendlySort.check(options.sortKeys, kind: request.kind) }
            states.append(KindState(request: request, support: support, slim: keepsSlim(request, requests: requests)))
        }
        return states
    }

    /// Whether the output needs only what can be computed from each object as it is read.
    func keepsSlim(_ request: Query.Request, requests: [Query.Request]) -> Bool {
        if options.top || options.setNamespace != nil || options.missingDaemonSet != nil { return false }
        if request.kind.group == KindResolver.podMetrics.group { return false }
        switch options.output {
        case .table, .separated(_, nil):
            // Several tables sorted by --sort-by: kubectl sorts the Table documents, which
            // hold the whole objects.
            if options.sortBy != nil && (requests.count > 1 || !request.names.isEmpty) { return false }
            if query.rowsNeedAllObjects(request.kind) { return false }
        case .name, .customColumns:
            break
        case .separated(_, let spec?):
            guard let columns = try? ValueColumn.parseList(spec), !columns.contains(where: \.needsContext) else { return false }
        case .json, .yaml, .jsonPath, .serverTable:
            if !options.count && options.groupBy == nil { return false }
        }
        if let field = options.groupBy {
            guard let column = try? ValueColumn(spec: field), !column.needsContext else { return false }
        }
        return true
    }

    mutating func add(_ object: Value) throws(KitError) {
        if let failure { throw failure }
        context.add(object)
        guard resolved else {
            buffered.append(object)
            return
        }
        try select(object)
    }

    /// Files the object under every requested kind whose list it belongs to.
    mutating func select(_ value: Value) throws(KitError) {
        guard case .object(let object) = value else { return }
        let namespace = options.effectiveNamespace
        for i in states.indices {
            let kind = states[i].request.kind
            guard kind.matches(object) else { continue }
            if kind.namespaced, let namespace, Query.namespace(of: object) != namespace { continue }
            if let selector = options.labelSelector, !selector.matches(object: value) { continue }
            if let selector = options.fieldSelector, !states[i].support.matches(selector, value) { continue }
            if let filter = whereFilter, try !filter.keeps(value) { continue }
            let names = states[i].request.names
            if !names.isEmpty {
                guard let name = object["metadata"]?["name"]?.stringValue, names.contains(name), states[i].named[name] == nil else { continue }
                states[i].named[name] = try QueryReader.item(for: value, state: &states[i], batch: false, query: query, context: context)
            } else {
                let item = try QueryReader.item(for: value, state: &states[i], batch: true, query: query, context: context)
                states[i].items.append(item)
                if states[i].pending.count >= QueryReader.rowBatch { try QueryReader.computeRows(&states[i], query: query) }
            }
        }
    }

    /// What is kept of a selected object. With `batch`, a table row is left for
    /// `computeRows` and the object kept whole until then. (Static, as `computeRows`: a method
    /// of the reader would copy it, and with it every kept item, on each call.)
    static func item(
        for object: Value, state: inout KindState, batch: Bool, query: Query, context: SortContext
    ) throws(KitError) -> Item {
        let options = query.options
        var item = Item(object: object)
        guard state.slim else { return item }
        let kind = state.request.kind
        var statusCell: String?
        var waitsForRow = false
        switch options.output {
        case .table, .separated(_, nil):
            if !options.count && options.groupBy == nil {
                if batch && !options.sortKeys.contains(.status) {
                    state.pending.append((state.items.count, object))
                    waitsForRow = true
                } else {
                    let table = try query.table([object], kind)
                    if state.columns == nil { state.columns = table.columns }
                    item.row = table.rows.first
                    if let column = table.columns.firstIndex(where: { $0.name == "Status" }), let row = item.row, column < row.cells.count {
                        statusCell = row.cells[column].stringValue
                    }
                }
            }
        case .name:
            item.cells = [ListOutput.name(of: object)]
        case .customColumns(let columns):
            item.cells = try columns.cells(of: object)
        case .separated(_, let spec?):
            var cells: [String] = []
            for column in try ValueColumn.parseList(spec) {
                cells.append(ValueColumn.text(try column.value(of: object, context: context)))
            }
            item.cells = cells
        default:
            break
        }
        if let sortBy = options.sortBy {
            let sorter = options.output.isTable ? try SortBy(tableSpec: sortBy) : try SortBy(listSpec: sortBy)
            item.sortKey = try sorter.key(of: object)
        }
        if !options.sortKeys.isEmpty {
            item.friendly = FriendlySort.partials(of: object, keys: options.sortKeys, kind: kind) {
                if let statusCell { return statusCell }
                guard options.sortKeys.contains(.status), let table = try? query.table([object], kind),
                    let column = table.columns.firstIndex(where: { $0.name == "Status" }), let row = table.rows.first,
                    column < row.cells.count
                else { return nil }
                return row.cells[column].stringValue
            }
        }
        if let field = options.groupBy {
            item.group = try ValueColumn(spec: field).value(of: object, context: context) ?? .null
        }
        if !waitsForRow { item.object = QueryReader.slim(object) }
        return item
    }

    /// The table rows of the objects waiting for them; the objects are then kept slim.
    static func computeRows(_ state: inout KindState, query: Query) throws(KitError) {
        guard !state.pending.isEmpty else { return }
        let table = try query.table(state.pending.map(\.object), state.request.kind)
        if state.columns == nil { state.columns = table.columns }
        for row in table.rows where row.objectIndex < state.pending.count {
            let index = state.pending[row.objectIndex].index
            state.items[index].row = row
        }
        for (index, object) in state.pending { state.items[index].object = QueryReader.slim(object) }
        state.pending.removeAll(keepingCapacity: true)
    }

    /// What layouts read of an object: its kind and its name, namespace and labels.
    static func slim(_ object: Value) -> Value {
        guard case .object(let o) = object else { return object }
        var metadata = Object()
        if let m = o["metadata"] {
            for key in ["name", "namespace", "labels"] {
                if let v = m[key] { metadata[key] = v }
            }
        }
        var slim = Object()
        if let v = o["apiVersion"] { slim["apiVersion"] = v }
        if let v = o["kind"] { slim["kind"] = v }
        slim["metadata"] = .object(metadata)
        return .object(slim)
    }

    /// Reads `parts` of one input on threads of their own, each into a reader of its own, and
    /// takes their objects in order.
    mutating func read(_ parts: [(_ emit: (Value) throws -> Void) throws -> Void]) throws(KitError) {
        final class Part: @unchecked Sendable {
            var reader: QueryReader
            var error: (any Error)?
            init(_ reader: QueryReader) { self.reader = reader }
        }
        var empty = self
        empty.buffered = []
        empty.context = SortContext()
        for i in empty.states.indices {
            empty.states[i].items = []
            empty.states[i].named = [:]
            empty.states[i].pending = []
        }
        let boxes = parts.map { _ in
            var reader = empty
            reader.whereFilter = empty.whereFilter?.forAnotherThread()
            return Part(reader)
        }
        var threads: [LargeStackThread] = []
        for (part, box) in zip(parts, boxes) {
            let thread = LargeStackThread {
                do {
                    try part { object in try box.reader.add(object) }
                    for i in box.reader.states.indices { try QueryReader.computeRows(&box.reader.states[i], query: box.reader.query) }
                } catch {
                    box.error = error
                }
            }
            if thread.start() {
                threads.append(thread)
            } else {
                thread.join()
                do {
                    try part { object in try box.reader.add(object) }
                } catch {
                    box.error = error
                }
            }
        }
        for thread in threads { thread.join() }
        for box in boxes {
            if let error = box.error {
                if let error = error as? KitError { throw error }
                throw KitError("\(error)")
            }
            merge(box.reader)
        }
    }

    /// Takes what `other` (a reader of a later part of the input) selected and gathered.
    mutating func merge(_ other: QueryReader) {
        if let failure = other.failure, self.failure == nil { self.failure = failure }
        context.merge(other.context)
        buffered.append(contentsOf: other.buffered)
        for i in states.indices where i < other.states.count {
            let base = states[i].items.count
            states[i].items.append(contentsOf: other.states[i].items)
            for (index, object) in other.states[i].pending { states[i].pending.append((base + index, object)) }
            for (name, item) in other.states[i].named where states[i].named[name] == nil { states[i].named[name] = item }
            if states[i].columns == nil { states[i].columns = other.states[i].columns }
        }
    }

    /// The requests, what each selected, the facts gathered, and the names not found.
    mutating func finish() throws(KitError) -> ([Query.Request], [Selection], SortContext, [String]) {
        if let failure { throw failure }
        if !resolved {
            // The kinds need the input (CRDs, objects of unknown kinds): resolve them now and
            // read the kept objects again.
            let requests = try query.requests(resolver: KindResolver(objects: buffered))
            states = try makeStates(requests)
            resolved = true
            let objects = buffered
            buffered = []
            for object in objects { try select(object) }
        }
        for i in states.indices { try QueryReader.computeRows(&states[i], query: query) }
        var missing: [String] = []
        var selections: [Selection] = []
        for state in states {
            var items = state.items
            if !state.request.names.isEmpty {
                items = []
                for name in state.request.names {
                    if let item = state.named[name] {
                        items.append(item)
                    } else {
                        missing.append("\(state.request.kind.groupResource) \(GoSyntax.quote(name)) not found")
                    }
                }
            }
            selections.append(Selection(kind: state.request.kind, byName: !state.request.names.isEmpty, items: items, columns: state.columns))
        }
        return (states.map(\.request), selections, context, missing)
    }
}
