import KitCore

/// What an API server answers to `kubectl get` when asked for a table (`meta.k8s.io/v1`
/// `Table`): column definitions and one row of cells per object. The per-kind printers that
/// fill it live beside this file; turning it into kubectl's text is the client side's job.
public struct ServerTable: Sendable, Equatable {
    public var columns: [ServerTableColumn]
    public var rows: [ServerTableRow]

    public init(columns: [ServerTableColumn], rows: [ServerTableRow]) {
        self.columns = columns
        self.rows = rows
    }
}

/// `metav1.TableColumnDefinition`. Columns with `priority > 0` are shown only with `-o wide`.
public struct ServerTableColumn: Sendable, Equatable {
    public var name: String
    public var type: String
    public var format: String
    public var description: String
    public var priority: Int

    public init(name: String, type: String, format: String = "", description: String = "", priority: Int = 0) {
        self.name = name
        self.type = type
        self.format = format
        self.description = description
        self.priority = priority
    }
}

/// `metav1.TableRow`: one cell per column (strings, integers, …, as the server's printer
/// produced them) and the index of the object it describes in the printer's input.
public struct ServerTableRow: Sendable, Equatable {
    public var cells: [Value]
    public var objectIndex: Int
    /// The row's conditions (pods that succeeded or failed are marked `Completed`).
    public var conditions: [ServerTableRowCondition]

    public init(cells: [Value], objectIndex: Int, conditions: [ServerTableRowCondition] = []) {
        self.cells = cells
        self.objectIndex = objectIndex
        self.conditions = conditions
    }
}

/// `metav1.TableRowCondition`: a fact about a row that a client may use to decorate it.
public struct ServerTableRowCondition: Sendable, Equatable {
    /// `Completed`: the object reached a final state (the only type servers set today).
    public var type: String
    public var status: String
    public var reason: String
    public var message: String

    public init(type: String, status: String, reason: String = "", message: String = "") {
        self.type = type
        self.status = status
        self.reason = reason
        self.message = message
    }
}
