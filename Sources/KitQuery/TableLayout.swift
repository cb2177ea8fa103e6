import KitCore

/// kubectl's client side of `kubectl get` for tables: the loop of `get.go`'s `Run` over the
/// server's tables (one per resource kind) and cli-runtime's `HumanReadablePrinter`, writing
/// through kubectl's tab writer.
///
/// Per table: columns of priority 0 (all with `-o wide`), headers upper-cased and printed only
/// when there are rows; a NAMESPACE column first with `-A` (not for cluster-scoped kinds);
/// `-L` label columns and `--show-labels`' LABELS column last; with `--show-kind` (or several
/// kinds in one command) the name column as `kind.group/name`. String cells are cut at the
/// first line break (`...` marks the cut), other cells print as Go's `fmt.Sprint`, and
/// escape characters and carriage returns are made visible (`^[`, `\r`). Between kinds the
/// writer is flushed, its remembered widths forgotten, and a blank line printed.
public struct TableLayout {
    public struct Options: Sendable {
        public var wide = false
        public var noHeaders = false
        public var allNamespaces = false
        public var showLabels = false
        public var showKind = false
        public var labelColumns: [String] = []

        public init() {}
    }

    /// One resource kind's table and the objects its rows describe.
    public struct Group {
        public var kind: QueryKind
        public var table: ServerTable
        public var objects: [Value]

        public init(kind: QueryKind, table: ServerTable, objects: [Value]) {
            self.kind = kind
            self.table = table
            self.objects = objects
        }
    }

    /// The text kubectl prints for `groups`, and whether it printed anything (when not,
    /// kubectl says `No resources found` on standard error).
    public static func render(_ groups: [Group], options: Options) -> (text: [UInt8], wroteAnything: Bool) {
        var writer = TabWriter()
        var out: [UInt8] = []
        var separatorReady = false
        // kubectl shows kinds when one command lists objects of more than one kind.
        let withKind = options.showKind || Set(groups.map(\.kind.groupResource)).count > 1

        func emit(_ bytes: [UInt8]) {
            guard !bytes.isEmpty else { return }
            if separatorReady {
                out.append(10)
                separatorReady = false
            }
            out.append(contentsOf: bytes)
        }

        for (i, group) in groups.enumerated() {
            if i > 0 {
                // A new resource kind: flush, forget the widths, and separate with a blank
                // line if anything was printed before.
                writer.flush()
                emit(writer.takeOutput())
                writer.resetRememberedWidths()
                if !options.noHeaders && !out.isEmpty { separatorReady = true }
            }
            print(group, withNamespace: options.allNamespaces && group.kind.namespaced, withKind: withKind, options: options, to: &writer)
            emit(writer.takeOutput())
        }
        writer.flush()
        emit(writer.takeOutput())
        return (out, !out.isEmpty)
    }

    /// `decorateTable` and `printTable` for one table.
    static func print(
        _ group: Group, withNamespace: Bool, withKind: Bool, options: Options, to writer: inout TabWriter
    ) {
        let columns = group.table.columns
        let visible = columns.indices.filter { options.wide || columns[$0].priority == 0 }
        let nameColumn = withKind ? columns.firstIndex { $0.format == "name" && $0.type == "string" } : nil
        let labelHeaders = options.labelColumns.map { key in
            String(key.split(separator: "/", omittingEmptySubsequences: false).last ?? "").uppercased()
        }
        if group.table.rows.isEmpty { return }
        if !options.noHeaders {
            var headers: [String] = []
            if withNamespace { headers.append("NAMESPACE") }
            for i in visible { headers.append(columns[i].name.uppercased()) }
            headers.append(contentsOf: labelHeaders)
            if options.showLabels { headers.append("LABELS") }
            writer.write(headers.joined(separator: "\t") + "\n")
        }
        for row in group.table.rows {
            let object: Value? = row.objectIndex >= 0 && row.objectIndex < group.objects.count ? group.objects[row.objectIndex] : nil
            var cells: [String] = []
            if withNamespace { cells.append(cellText(object?["metadata"]?["namespace"] ?? .null)) }
            for i in visible {
                guard i < row.cells.count else { continue }
                var cell = cellText(row.cells[i])
                // --show-kind: the name cell becomes `kind.group/name` (Go's %s of the cell).
                if i == nameColumn { cell = cellText(.string(group.kind.nameKind + "/" + GoPrint.sprint(row.cells[i]))) }
                cells.append(cell)
            }
            if !options.labelColumns.isEmpty || options.showLabels {
                let labels = object?["metadata"]?["labels"]?.objectValue ?? Object()
                for key in options.labelColumns {
                    cells.append(cellText(.string(labels[key]?.stringValue ?? "")))
                }
                if options.showLabels { cells.append(cellText(.string(formatLabels(labels)))) }
            }
            writer.write(cells.joined(separator: "\t") + "\n")
        }
    }

    /// How `printTable` writes one cell.
    static func cellText(_ cell: Value) -> String {
        switch cell {
        case .null:
            return ""
        case .string(let s):
            var text = s
            var truncated = false
            if let cut = s.utf8.firstIndex(where: { $0 == 12 || $0 == 10 || $0 == 13 }) {
                text = String(s[..<cut])
                truncated = true
            }
            text = CustomColumns.escapeTerminal(text)
            return truncated ? text + "..." : text
        default:
            return CustomColumns.escapeTerminal(GoPrint.sprint(cell))
        }
    }

    /// `labels.FormatLabels`: `k=v` pairs sorted by key, `<none>` when there are none.
    static func formatLabels(_ labels: Object) -> String {
        let pairs = labels.sortedByKeyBytes().map { "\($0.key)=\($0.value.stringValue ?? "")" }
        return pairs.isEmpty ? "<none>" : pairs.joined(separator: ",")
    }
}

extension TableLayout {
    /// `-o tsv`/`-o csv` without columns: the cells of the default tables (priority-0 columns),
    /// each kind's header line first unless `--no-headers`.
    static func separated(_ groups: [Group], separator: OutputFormat.Separator, noHeaders: Bool) -> [UInt8] {
        var rows: [[String]] = []
        for group in groups where !group.table.rows.isEmpty {
            let visible = group.table.columns.indices.filter { group.table.columns[$0].priority == 0 }
            if !noHeaders { rows.append(visible.map { group.table.columns[$0].name.uppercased() }) }
            for row in group.table.rows {
                rows.append(visible.map { $0 < row.cells.count ? (row.cells[$0].isNull ? "" : GoPrint.sprint(row.cells[$0])) : "" })
            }
        }
        return SeparatedValues.lines(rows, separator: separator)
    }
}
