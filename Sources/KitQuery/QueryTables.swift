import KitCore

/// The API server's tables for `kit query`: the per-kind printers of
/// `pkg/printers/internalversion`, the CRDs' printer columns and the NAME/AGE default.
public enum QueryTables {
    /// The table a server returns for `objects` of `kind`, ages measured to `now` (RFC 3339;
    /// nil: the clock).
    public static func table(for objects: [Value], kind: QueryKind, now: String?) throws -> ServerTable {
        throw KitError("the server-side table printers are not part of this build yet; use -o json|yaml|name|jsonpath|custom-columns|tsv=COLUMNS")
    }
}
