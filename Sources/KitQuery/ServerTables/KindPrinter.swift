import KitCore

/// What a printer sees besides the object: the instant ages are measured to, and whether it
/// is asked for the wide columns (the API server always asks for them).
struct PrintContext: Sendable {
    var now: MetaTime
    var wide: Bool

    /// `translateTimestampSince` of a time field.
    func age(_ value: Value?) -> Value {
        .string(HumanDuration.since(value.metaTime, now: now))
    }
}

/// One row as a printer builds it.
struct PrintedRow {
    var cells: [Value]
    var conditions: [ServerTableRowCondition] = []

    init(_ cells: [Value], conditions: [ServerTableRowCondition] = []) {
        self.cells = cells
        self.conditions = conditions
    }
}

/// A kind's printer: its column definitions and the function that prints one object
/// (printers.go's `TableHandler(columns, printX)` pairs).
struct KindPrinter: Sendable {
    let columns: [ColumnSpec]
    let row: @Sendable (Value, PrintContext) -> PrintedRow
    /// Some list printers order their rows (FlowSchemas by precedence).
    let order: (@Sendable ([Value]) -> [Int])?

    init(
        _ columns: [ColumnSpec], order: (@Sendable ([Value]) -> [Int])? = nil,
        row: @escaping @Sendable (Value, PrintContext) -> PrintedRow
    ) {
        self.columns = columns
        self.row = row
        self.order = order
    }
}

extension Value {
    /// `metadata.name` of an object.
    var objectName: String { Optional(self)["metadata"]["name"].goString }
}
