import KitCore
import KitModel

/// A column of `-o tsv=…`/`-o csv=…` and `--group-by`: a JSONPath (`.spec.nodeName`,
/// `HEADER:{.spec.nodeName}`) or one of kit's named columns (`name`, `node`, `memory`, …).
public struct ValueColumn: Sendable {
    public var header: String
    enum Source: Sendable {
        case path(JSONPath)
        case named(String)
    }
    let source: Source

    /// The named columns and what they hold.
    public static let named: [(name: String, summary: String)] = [
        ("name", "metadata.name"),
        ("namespace", "metadata.namespace"),
        ("kind", "the kind"),
        ("node", "pods: spec.nodeName"),
        ("phase", "pods, namespaces, PVCs: status.phase"),
        ("restarts", "pods: restarts summed over all containers"),
        ("ip", "pods: status.podIP; nodes: the InternalIP address"),
        ("cpu", "nodes: CPU capacity; pods: CPU usage (PodMetrics) or requests"),
        ("memory", "nodes: memory capacity; pods: memory usage (PodMetrics) or requests"),
        ("pods", "nodes: pods in the input scheduled on the node"),
        ("podcidr", "nodes: spec.podCIDR"),
        ("replicas", "spec.replicas"),
        ("type", "services: spec.type; secrets: type"),
        ("selector", "services: spec.selector as k=v,…"),
        ("nodeports", "services: the ports' nodePorts joined by |"),
        ("labels", "metadata.labels as k=v,…"),
        ("created", "metadata.creationTimestamp"),
    ]

    /// Parses one column spec.
    public init(spec: String) throws(KitError) {
        var header: String?
        var field = spec
        if let colon = spec.firstIndex(of: ":"), !spec.hasPrefix("{"), !spec.hasPrefix(".") {
            header = String(spec[..<colon])
            field = String(spec[spec.index(after: colon)...])
        }
        let lower = field.lowercased()
        if ValueColumn.named.contains(where: { $0.name == lower }) {
            self.header = header ?? lower.uppercased()
            source = .named(lower)
            return
        }
        let template: String
        do {
            template = try CustomColumns.relaxedJSONPathExpression(field)
        } catch {
            throw KitError(
                "\(GoSyntax.quote(field)) is neither a JSONPath nor a named column (named columns: \(ValueColumn.named.map(\.name).joined(separator: ", ")))")
        }
        do {
            source = .path(try JSONPath(parsing: template))
        } catch {
            throw KitError("\(error.message)\(SortBy.position(error, in: template))")
        }
        self.header = header ?? ValueColumn.defaultHeader(field)
    }

    /// The last field name of a path, upper-cased (`.spec.nodeName` → `NODENAME`).
    static func defaultHeader(_ field: String) -> String {
        let trimmed = field.trimmingCharacters(in: "{}")
        let last = trimmed.split(whereSeparator: { $0 == "." || $0 == "[" }).last(where: { !$0.contains("]") }) ?? Substring(trimmed)
        return String(last).uppercased()
    }

    /// Whether the column's value depends on other objects of the input (pods per node,
    /// usage from PodMetrics), so it can only be read once everything is.
    var needsContext: Bool {
        if case .named(let name) = source { return ["pods", "cpu", "memory"].contains(name) }
        return false
    }

    /// Parses comma-separated column specs.
    public static func parseList(_ text: String) throws(KitError) -> [ValueColumn] {
        var columns: [ValueColumn] = []
        for part in text.split(separator: ",", omittingEmptySubsequences: false) {
            columns.append(try ValueColumn(spec: String(part)))
        }
        return columns
    }

    /// The column's value for `object`: what the path finds (nil when nothing), or the named
    /// value.
    func value(of object: Value, context: SortContext) throws(KitError) -> Value? {
        switch source {
        case .path(let path):
            let results: [[Value]]
            do {
                results = try path.findResults(object, allowMissingKeys: true)
            } catch {
                throw KitError(error.message)
            }
            let all = results.flatMap { $0 }
            if all.isEmpty { return nil }
            return all.count == 1 ? all[0] : .array(all)
        case .named(let name):
            return ValueColumn.namedValue(name, of: object, context: context)
        }
    }

    static func namedValue(_ name: String, of object: Value, context: SortContext) -> Value? {
        let metadata = object["metadata"]
        let kind = object["kind"]?.stringValue ?? ""
        switch name {
        case "name": return metadata?["name"]
        case "namespace": return metadata?["namespace"]
        case "kind": return object["kind"]
        case "node": return object["spec"]?["nodeName"]
        case "phase": return object["status"]?["phase"]
        case "restarts":
            return .int(FriendlySort.restarts(of: object))
        case "ip":
            if kind == "Node" {
                return object["status"]?["addresses"]?.arrayValue?.first { $0["type"]?.stringValue == "InternalIP" }?["address"]
            }
            return object["status"]?["podIP"]
        case "cpu", "memory":
            if kind == "Node" { return object["status"]?["capacity"]?[name] }
            let queryKind = QueryKind(group: "", version: "v1", kind: kind, plural: "", namespaced: true)
            let partial = FriendlySort.partial(of: object, key: name == "cpu" ? .cpu : .memory, kind: queryKind, status: { nil })
            if case .quantity(let q) = partial.value(context) { return .string(q.description) }
            return nil
        case "pods":
            return .int(context.podsPerNode[metadata?["name"]?.stringValue ?? ""] ?? 0)
        case "podcidr": return object["spec"]?["podCIDR"]
        case "replicas": return object["spec"]?["replicas"]
        case "type": return kind == "Secret" ? object["type"] : object["spec"]?["type"]
        case "selector":
            guard let selector = object["spec"]?["selector"]?.objectValue else { return nil }
            return .string(TableLayout.formatLabels(selector))
        case "nodeports":
            let ports = object["spec"]?["ports"]?.arrayValue ?? []
            let text = ports.compactMap { $0["nodePort"]?.intValue.map(String.init) }.joined(separator: "|")
            return .string(text)
        case "labels":
            return .string(TableLayout.formatLabels(metadata?["labels"]?.objectValue ?? Object()))
        case "created": return metadata?["creationTimestamp"]
        default: return nil
        }
    }

    /// The text of a value in a separated-values cell: strings as they are, other values as
    /// Go prints them, several values joined by commas, nothing for a missing value.
    static func text(_ value: Value?) -> String {
        guard let value else { return "" }
        switch value {
        case .null: return ""
        case .array(let items): return items.map { text($0) }.joined(separator: ",")
        default: return GoPrint.sprint(value)
        }
    }
}

/// `-o tsv` and `-o csv`: rows of cells separated by tabs (escaped as jq's `@tsv` escapes:
/// `\t`, `\n`, `\r`, `\\`) or commas (RFC 4180: quoted when needed), a header line first
/// unless `--no-headers`.
public enum SeparatedValues {
    static func render(
        _ objects: [Value], separator: OutputFormat.Separator, spec: String?, headers: Bool, context: SortContext
    ) throws(KitError) -> [UInt8] {
        let columns = try ValueColumn.parseList(spec ?? "name")
        var rows: [[String]] = []
        if headers { rows.append(columns.map(\.header)) }
        for object in objects {
            var row: [String] = []
            for column in columns { row.append(ValueColumn.text(try column.value(of: object, context: context))) }
            rows.append(row)
        }
        return lines(rows, separator: separator)
    }

    /// Rows already made of cells (the table's, for `-o tsv` without columns).
    public static func lines(_ rows: [[String]], separator: OutputFormat.Separator) -> [UInt8] {
        var out = ""
        for row in rows {
            switch separator {
            case .tab: out += row.map(tsvEscape).joined(separator: "\t")
            case .comma: out += row.map(csvQuote).joined(separator: ",")
            }
            out += "\n"
        }
        return Array(out.utf8)
    }

    static func tsvEscape(_ s: String) -> String {
        guard s.utf8.contains(where: { $0 == 9 || $0 == 10 || $0 == 13 || $0 == 92 }) else { return s }
        var out = ""
        for c in s.unicodeScalars {
            switch c {
            case "\t": out += "\\t"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\\": out += "\\\\"
            default: out.unicodeScalars.append(c)
            }
        }
        return out
    }

    static func csvQuote(_ s: String) -> String {
        guard s.utf8.contains(where: { $0 == 44 || $0 == 34 || $0 == 10 || $0 == 13 }) else { return s }
        return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

extension String {
    /// The string without `characters` at either end.
    func trimmingCharacters(in characters: String) -> String {
        var s = Substring(self)
        while let f = s.first, characters.contains(f) { s.removeFirst() }
        while let l = s.last, characters.contains(l) { s.removeLast() }
        return String(s)
    }

    /// Every occurrence of `target` replaced by `replacement`.
    func replacingOccurrences(of target: String, with replacement: String) -> String {
        guard !target.isEmpty else { return self }
        var out = ""
        var rest = Substring(self)
        while let range = rest.firstRange(of: target) {
            out += rest[..<range.lowerBound]
            out += replacement
            rest = rest[range.upperBound...]
        }
        return out + rest
    }
}
