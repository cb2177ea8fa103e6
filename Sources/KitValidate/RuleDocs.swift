/// `kit validate --list-rules` and `--explain RULE`.
public enum RuleDocs {
    /// Every rule, one line each, grouped by family.
    public static func list() -> String {
        let idWidth = RuleCatalog.all.map(\.id.count).max() ?? 0
        var out = "\("RULE".padded(idWidth))  FAMILY  SEVERITY  SUMMARY\n"
        for rule in RuleCatalog.all {
            out += "\(rule.id.padded(idWidth))  \(rule.family.rawValue.padded(6))  \(rule.severity.description.padded(8))  \(rule.summary)\n"
        }
        out += "\nkit validate --explain RULE documents a rule. Silence one with --disable RULE, or on one object with the\n"
        out += "annotation kit.dev/ignore: RULE,… (a family name, or all, silences more). Fatal rules (parse-error,\n"
        out += "not-an-object, object-identity, compose-spec, ecs-params) cannot be silenced: nothing else can be\n"
        out += "checked without them.\n"
        return out
    }

    /// The documentation of one rule, or nil when there is no such rule.
    public static func explain(_ id: String) -> String? {
        guard let rule = RuleCatalog.rule(id) else { return nil }
        var out = "\(rule.id) (family \(rule.family.rawValue), \(rule.severity))\n\n\(rule.summary)\n\n"
        out += wrap(rule.doc, width: 80) + "\n\n"
        if rule.fatal {
            out += "This rule cannot be silenced: a document it reports cannot be checked any further.\n"
        } else {
            out += "Silence it: --disable \(rule.id), or on one object:\n"
            out += "  metadata:\n    annotations:\n      kit.dev/ignore: \(rule.id)\n"
        }
        return out
    }

    static func wrap(_ text: String, width: Int) -> String {
        var lines: [String] = []
        var line = ""
        for word in text.split(separator: " ") {
            if !line.isEmpty && line.count + 1 + word.count > width {
                lines.append(line)
                line = ""
            }
            line += (line.isEmpty ? "" : " ") + word
        }
        if !line.isEmpty { lines.append(line) }
        return lines.joined(separator: "\n")
    }
}

extension String {
    func padded(_ width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }
}
