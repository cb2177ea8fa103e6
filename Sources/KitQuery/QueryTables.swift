import KitCore

/// The API server's tables for `kit query`: the per-kind printers of
/// `pkg/printers/internalversion`, the CRDs' printer columns and the default tables
/// (`ServerTablePrinter`).
public enum QueryTables {
    /// The table a server returns for `objects` of `kind`, ages measured to `now` (RFC 3339;
    /// nil: the clock).
    public static func table(for objects: [Value], kind: QueryKind, now: String?) throws -> ServerTable {
        let instant: MetaTime
        if let now {
            guard let parsed = MetaTime(rfc3339: now) else {
                throw KitError("--now: \(GoSyntax.quote(now)) is not an RFC 3339 time (such as 2025-03-01T12:00:00Z)")
            }
            instant = parsed
        } else {
            instant = MetaTime.now()
        }
        return ServerTablePrinter.table(
            for: objects, group: kind.group, kind: kind.kind, now: instant,
            customResourceDefinition: kind.customResourceDefinition, version: kind.version)
    }

    /// Whether the server's printer for `kind` orders its rows itself (FlowSchemas by
    /// precedence), so that rows cannot be computed object by object.
    public static func rowsNeedAllObjects(_ kind: QueryKind) -> Bool {
        ServerTablePrinter.printer(group: kind.group, kind: kind.kind)?.order != nil
    }
}
