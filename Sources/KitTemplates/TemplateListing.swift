import KitCore

/// The texts `kit templates` and `kit new` print: the catalogue table, a template's
/// parameters, and what a new project holds. Secret values never appear in them.
public enum TemplateListing {
    /// `NAME  DESCRIPTION` rows (and `SOURCE` when some templates are not built in).
    public static func catalogue(_ templates: [Template]) -> String {
        let showOrigin = templates.contains { $0.origin != Template.builtInOrigin }
        var rows = [["NAME", "DESCRIPTION"] + (showOrigin ? ["SOURCE"] : [])]
        for t in templates {
            rows.append([t.name, t.description] + (showOrigin ? [t.origin] : []))
        }
        return table(rows)
    }

    /// The template's parameters with type, default or requirement, constraints and help,
    /// wrapped to `width` columns.
    public static func parameters(of template: Template, width: Int = 80) -> String {
        var out = wrap("\(template.name): \(template.description)", width: width).joined(separator: "\n") + "\n"
        guard !template.parameters.isEmpty else { return out + "\nThis template has no parameters.\n" }
        out += "\nParameters (kit new \(template.name) DIR --set NAME=VALUE…, or --values FILE.yaml):\n"
        let nameWidth = min(template.parameters.map(\.name.count).max() ?? 0, 24)
        for p in template.parameters {
            let status: String
            if p.secret {
                status = "secret, generated when not given"
            } else if let value = p.defaultValue {
                status = "default: " + (value.description.isEmpty ? "\"\"" : value.description)
            } else {
                status = "required"
            }
            out += "  " + padded(p.name, to: nameWidth) + "  " + padded(p.type.rawValue, to: 8) + "  " + status + "\n"
            var details: [String] = []
            if !p.help.isEmpty { details.append(p.help) }
            if let allowed = p.allowed { details.append("Allowed: \(allowed.map(\.description).joined(separator: ", ")).") }
            // A pattern is printed whole, on a line of its own.
            let pattern = p.pattern.map { "Pattern: \($0)" }
            switch (p.minimum, p.maximum) {
            case let (min?, max?): details.append("From \(min) to \(max).")
            case let (min?, nil): details.append("At least \(min).")
            case let (nil, max?): details.append("At most \(max).")
            default: break
            }
            for detail in details {
                for line in wrap(detail, width: width - 6) { out += "      " + line + "\n" }
            }
            if let pattern { out += "      " + pattern + "\n" }
        }
        return out
    }

    /// What `kit new` prints after writing `project` to `directory`: the files, where the
    /// secrets are, and how to render the result.
    public static func summary(of project: RenderedProject, template: Template, directory: String) -> String {
        let shownDirectory = trimmed(directory)
        var out = "Created \(shownDirectory) from template \(template.name):\n"
        for file in project.files {
            out += "  " + FileIO.join(shownDirectory, file.path.text)
            if file.holdsSecrets { out += "  (secrets: readable by you only)" }
            out += "\n"
        }
        if !project.secrets.isEmpty {
            out += "Secrets (values not shown):\n"
            let width = project.secrets.map(\.parameter.count).max() ?? 0
            for secret in project.secrets {
                let how = secret.generated ? "generated" : "given"
                let files = secret.files.map { FileIO.join(shownDirectory, $0.text) + (secret.notIgnored.contains($0) ? "" : " (git-ignored)") }
                let place = files.isEmpty ? "used by no file" : "in " + files.joined(separator: ", ")
                out += "  " + padded(secret.parameter, to: width) + "  " + how + ", " + place + "\n"
            }
        }
        out += "Next:\n"
        for entry in template.render {
            let path = entry.path == "." ? shownDirectory : FileIO.join(shownDirectory, entry.path)
            out += "  kit render \(path)" + (entry.target.map { " --target \($0)" } ?? "") + "\n"
        }
        return out
    }

    /// Warnings for secrets written to files no `.gitignore` lists.
    public static func warnings(for project: RenderedProject, directory: String) -> [String] {
        project.secrets.flatMap { secret in
            secret.notIgnored.map {
                "\(FileIO.join(trimmed(directory), $0.text)) holds the secret \(secret.parameter) and no .gitignore of the project lists it: keep it out of version control"
            }
        }
    }

    static func trimmed(_ directory: String) -> String {
        var d = Substring(directory)
        while d.count > 1 && d.hasSuffix("/") { d = d.dropLast() }
        return String(d)
    }

    /// Rows as columns separated by two spaces (the last column not padded).
    static func table(_ rows: [[String]]) -> String {
        let columns = rows.map(\.count).max() ?? 0
        var widths = [Int](repeating: 0, count: columns)
        for row in rows {
            for (i, cell) in row.enumerated() where i < columns - 1 { widths[i] = max(widths[i], cell.count) }
        }
        var out = ""
        for row in rows {
            var line = ""
            for (i, cell) in row.enumerated() {
                line += i < columns - 1 ? padded(cell, to: widths[i] + 2) : cell
            }
            while line.hasSuffix(" ") { line.removeLast() }
            out += line + "\n"
        }
        return out
    }

    /// `text` followed by spaces up to `width` characters (never cut).
    static func padded(_ text: String, to width: Int) -> String {
        text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
    }

    /// Words of `text` in lines of at most `width` characters (a longer word gets a line of its own).
    static func wrap(_ text: String, width: Int) -> [String] {
        var lines: [String] = []
        var line = ""
        for word in text.split(whereSeparator: { $0 == " " || $0 == "\n" }) {
            if !line.isEmpty && line.count + 1 + word.count > width {
                lines.append(line)
                line = ""
            }
            line += line.isEmpty ? String(word) : " " + word
        }
        if !line.isEmpty { lines.append(line) }
        return lines
    }
}
