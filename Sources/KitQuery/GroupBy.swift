import KitCore

/// `--group-by FIELD`: how many selected objects have each value of a field, as the seed's
/// `jq 'group_by(.spec.nodeName) | map({nodeName: .[0].spec.nodeName, count: length}) |
/// sort_by(.count)'` computes it: groups ordered by value in jq's order (null first), then
/// stably by count, smallest first (`--reverse`: largest first).
public enum GroupBy {
    /// The groups: each value (null when the field is missing) and its count.
    static func groups(_ values: [Value], reverse: Bool) -> [(value: Value, count: Int)] {
        var counts: [Value: Int] = [:]
        var order: [Value] = []
        for value in values {
            if counts[value] == nil { order.append(value) }
            counts[value, default: 0] += 1
        }
        order.sort(by: <)
        var groups = order.map { (value: $0, count: counts[$0] ?? 0) }
        // A stable sort by count (Swift's sort is not stable: sort indices instead).
        let indexed = Array(groups.enumerated())
        groups = indexed.sorted { a, b in
            if a.element.count != b.element.count { return reverse ? a.element.count > b.element.count : a.element.count < b.element.count }
            return a.offset < b.offset
        }.map(\.element)
        return groups
    }

    /// The key's name in `-o json` output: the column header as the path spells its last
    /// field (`spec.nodeName` → `nodeName`), or the named column's name.
    static func jsonKey(_ spec: String) -> String {
        if let colon = spec.firstIndex(of: ":"), !spec.hasPrefix("{"), !spec.hasPrefix(".") {
            return String(spec[..<colon])
        }
        let trimmed = spec.trimmingCharacters(in: "{}")
        return trimmed.split(whereSeparator: { $0 == "." || $0 == "[" }).last(where: { !$0.contains("]") }).map(String.init) ?? trimmed
    }

    /// The groups as a table (VALUE and COUNT columns), as JSON in jq's style (the seed's
    /// output: `[{"nodeName": …, "count": …}]`), or as TSV/CSV.
    static func render(
        _ values: [Value], column: ValueColumn, spec: String, output: OutputFormat, noHeaders: Bool, reverse: Bool
    ) throws(KitError) -> [UInt8] {
        let groups = groups(values, reverse: reverse)
        switch output {
        case .json:
            let key = jsonKey(spec)
            let array = Value.array(groups.map { .object(Object(uniqueKeysWithValues: [(key, $0.value), ("count", .int($0.count))])) })
            do {
                return try JSONWriter(style: .jq).stream([array])
            } catch {
                throw KitError("\(error)")
            }
        case .separated(let separator, _):
            var rows: [[String]] = noHeaders ? [] : [[column.header, "COUNT"]]
            for group in groups { rows.append([ValueColumn.text(group.value), String(group.count)]) }
            return SeparatedValues.lines(rows, separator: separator)
        case .table:
            var writer = TabWriter()
            if !noHeaders { writer.write(column.header + "\tCOUNT\n") }
            for group in groups {
                let text = ValueColumn.text(group.value)
                writer.write((text.isEmpty ? "<none>" : text) + "\t" + String(group.count) + "\n")
            }
            writer.flush()
            return writer.takeOutput()
        default:
            throw KitError("--group-by prints a table, -o json, -o tsv or -o csv")
        }
    }
}
