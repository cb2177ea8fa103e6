import KitCore

/// The report formats of `kit validate -o`.
public enum ReportFormat: String, Sendable, CaseIterable {
    /// `FILE:LINE:COL: severity: rule: message`, then a summary line.
    case text
    /// One JSON document: the findings and a summary.
    case json
    /// JUnit XML: a test suite per file, a test case per object (CI test reports).
    case junit
    /// GitHub Actions workflow commands (`::error file=…,line=…::…`): annotations on the diff.
    case github
    /// SARIF 2.1.0 (GitHub code scanning, GitLab, Azure DevOps).
    case sarif
    /// TAP version 13: a test per object.
    case tap
}

/// Writes a `ValidationReport` in one of the formats.
public struct ReportWriter: Sendable {
    public var format: ReportFormat
    /// Colour the text format (the CLI sets it on a terminal without NO_COLOR).
    public var colour = false
    /// kit's version, for the formats that name the tool.
    public var toolVersion = ""

    public init(format: ReportFormat) {
        self.format = format
    }

    public func render(_ report: ValidationReport) throws -> String {
        switch format {
        case .text: return text(report)
        case .json: return try json(report)
        case .junit: return junit(report)
        case .github: return github(report)
        case .sarif: return try sarif(report)
        case .tap: return tap(report)
        }
    }

    // MARK: Text

    func text(_ report: ValidationReport) -> String {
        var out = ""
        for f in report.findings {
            let severity = f.severity.description
            let coloured: String
            if colour {
                let code = f.severity == .error ? "31" : f.severity == .warning ? "33" : "36"
                coloured = "\u{1B}[1;\(code)m\(severity)\u{1B}[0m"
            } else {
                coloured = severity
            }
            let location = f.location.map { "\($0): " } ?? ""
            out += "\(location)\(coloured): \(f.rule): \(ReportWriter.message(f))\n"
        }
        out += summary(report) + "\n"
        return out
    }

    /// `path: message [Kind/name]`.
    static func message(_ f: Finding) -> String {
        var m = f.path.isEmpty ? f.message : "\(f.pathText): \(f.message)"
        if let o = f.object { m += " [\(o)]" }
        return m
    }

    func summary(_ report: ValidationReport) -> String {
        func plural(_ n: Int, _ word: String) -> String { "\(n) \(word)\(n == 1 ? "" : "s")" }
        let checked = "\(plural(report.objects, "object")) in \(plural(report.files, "file")), Kubernetes \(report.kubernetesVersion)"
        if report.findings.isEmpty { return "no findings (\(checked))" }
        var parts: [String] = []
        for s in Severity.allCases.reversed() {
            let n = report.count(s)
            if n > 0 { parts.append(plural(n, s == .info ? "note" : s.description)) }
        }
        return parts.joined(separator: ", ") + " (\(checked))"
    }

    // MARK: JSON

    func json(_ report: ValidationReport) throws -> String {
        var findings: [Value] = []
        for f in report.findings {
            var o = Object()
            o["file"] = f.location.map { .string($0.file) } ?? .null
            o["line"] = f.location.map { .int($0.line) } ?? .null
            o["column"] = f.location.map { .int($0.column) } ?? .null
            o["severity"] = .string(f.severity.description)
            o["rule"] = .string(f.rule)
            o["family"] = RuleCatalog.rule(f.rule).map { .string($0.family.rawValue) } ?? .null
            o["object"] = f.object.map(Value.string) ?? .null
            o["path"] = .string(f.pathText)
            o["message"] = .string(f.message)
            findings.append(.object(o))
        }
        let summary: Value = [
            "errors": .int(report.count(.error)), "warnings": .int(report.count(.warning)), "info": .int(report.count(.info)),
            "files": .int(report.files), "objects": .int(report.objects),
        ]
        let document: Value = [
            "kubernetesVersion": .string(report.kubernetesVersion), "summary": summary, "findings": .array(findings),
        ]
        return try JSONWriter(style: .jq).string(document) + "\n"
    }

    // MARK: JUnit

    func junit(_ report: ValidationReport) -> String {
        let groups = testCases(report)
        var files: [String] = []
        var byFile: [String: [TestCase]] = [:]
        for t in groups {
            if byFile[t.file] == nil { files.append(t.file) }
            byFile[t.file, default: []].append(t)
        }
        let failures = groups.filter(\.failed).count
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        out += "<testsuites name=\"kit validate\" tests=\"\(groups.count)\" failures=\"\(failures)\" errors=\"0\">\n"
        for file in files {
            let cases = byFile[file] ?? []
            out += "  <testsuite name=\"\(xml(file))\" tests=\"\(cases.count)\" failures=\"\(cases.filter(\.failed).count)\" errors=\"0\" skipped=\"0\">\n"
            for t in cases {
                out += "    <testcase name=\"\(xml(t.name))\" classname=\"\(xml(file))\""
                if t.findings.isEmpty {
                    out += "/>\n"
                    continue
                }
                out += ">\n"
                let lines = t.findings.map { f in "\(f.location.map { "\($0): " } ?? "")\(f.severity): \(f.rule): \(ReportWriter.message(f))" }
                if t.failed {
                    let first = t.findings.first { $0.severity == .error } ?? t.findings[0]
                    out += "      <failure message=\"\(xml(ReportWriter.message(first)))\" type=\"\(xml(first.rule))\">"
                    out += xml(lines.joined(separator: "\n")) + "</failure>\n"
                } else {
                    out += "      <system-out>" + xml(lines.joined(separator: "\n")) + "</system-out>\n"
                }
                out += "    </testcase>\n"
            }
            out += "  </testsuite>\n"
        }
        out += "</testsuites>\n"
        return out
    }

    /// A test per object (and per file whose findings belong to no object), with its findings.
    struct TestCase {
        var file: String
        var name: String
        var findings: [Finding] = []
        var failed: Bool { findings.contains { $0.severity == .error } }
    }

    func testCases(_ report: ValidationReport) -> [TestCase] {
        var cases: [TestCase] = []
        var index: [String: Int] = [:]
        func key(_ file: String, _ name: String) -> String { file + "\u{0}" + name }
        for (file, object) in report.checkedObjects where index[key(file, object)] == nil {
            index[key(file, object)] = cases.count
            cases.append(TestCase(file: file, name: object))
        }
        for f in report.findings {
            let file = f.location?.file ?? "-"
            let name = f.object ?? file
            if let i = index[key(file, name)] {
                cases[i].findings.append(f)
            } else {
                index[key(file, name)] = cases.count
                cases.append(TestCase(file: file, name: name, findings: [f]))
            }
        }
        return cases
    }

    func xml(_ s: String) -> String {
        var out = ""
        for c in s.unicodeScalars {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            case "\n", "\t": out.unicodeScalars.append(c)
            default:
                // XML 1.0 cannot hold other control characters, even escaped.
                if c.value < 0x20 || (c.value >= 0xFFFE && c.value <= 0xFFFF) { out += "?" } else { out.unicodeScalars.append(c) }
            }
        }
        return out
    }

    // MARK: GitHub

    func github(_ report: ValidationReport) -> String {
        var out = ""
        for f in report.findings {
            let command = f.severity == .error ? "error" : f.severity == .warning ? "warning" : "notice"
            var properties: [String] = []
            if let l = f.location {
                properties.append("file=\(escapeProperty(l.file))")
                properties.append("line=\(l.line)")
                properties.append("col=\(l.column)")
            }
            properties.append("title=\(escapeProperty("kit validate: \(f.rule)"))")
            out += "::\(command) \(properties.joined(separator: ","))::\(escapeData(ReportWriter.message(f)))\n"
        }
        out += summary(report) + "\n"
        return out
    }

    func escapeData(_ s: String) -> String {
        s.replacing("%", with: "%25").replacing("\r", with: "%0D").replacing("\n", with: "%0A")
    }

    func escapeProperty(_ s: String) -> String {
        escapeData(s).replacing(":", with: "%3A").replacing(",", with: "%2C")
    }

    // MARK: SARIF

    func sarif(_ report: ValidationReport) throws -> String {
        var ruleIndex: [String: Int] = [:]
        var rules: [Value] = []
        for rule in RuleCatalog.all {
            ruleIndex[rule.id] = rules.count
            rules.append([
                "id": .string(rule.id),
                "name": .string(ReportWriter.camelCase(rule.id)),
                "shortDescription": ["text": .string(rule.summary)],
                "fullDescription": ["text": .string(rule.doc)],
                "help": ["text": .string(rule.doc)],
                "defaultConfiguration": ["level": .string(ReportWriter.sarifLevel(rule.severity))],
                "properties": ["tags": .array([.string(rule.family.rawValue)])],
            ])
        }
        var results: [Value] = []
        for f in report.findings {
            var result = Object()
            result["ruleId"] = .string(f.rule)
            if let i = ruleIndex[f.rule] { result["ruleIndex"] = .int(i) }
            result["level"] = .string(ReportWriter.sarifLevel(f.severity))
            result["message"] = ["text": .string(ReportWriter.message(f))]
            if let l = f.location {
                var location = Object()
                location["physicalLocation"] = [
                    "artifactLocation": ["uri": .string(ReportWriter.uri(l.file))],
                    "region": ["startLine": .int(max(l.line, 1)), "startColumn": .int(max(l.column, 1))],
                ]
                if let o = f.object {
                    var logical = Object()
                    logical["fullyQualifiedName"] = .string(f.path.isEmpty ? o : "\(o).\(f.pathText)")
                    logical["kind"] = .string("object")
                    location["logicalLocations"] = .array([.object(logical)])
                }
                result["locations"] = .array([.object(location)])
            }
            results.append(.object(result))
        }
        var driver = Object()
        driver["name"] = "kit"
        if !toolVersion.isEmpty { driver["semanticVersion"] = .string(toolVersion) }
        driver["rules"] = .array(rules)
        var run = Object()
        run["tool"] = ["driver": .object(driver)]
        run["results"] = .array(results)
        run["columnKind"] = "unicodeCodePoints"
        let document: Value = [
            "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
            "version": "2.1.0",
            "runs": .array([.object(run)]),
        ]
        return try JSONWriter(style: .jq).string(document) + "\n"
    }

    static func sarifLevel(_ s: Severity) -> String {
        switch s {
        case .error: return "error"
        case .warning: return "warning"
        case .info: return "note"
        }
    }

    /// `missing-configmap` → `MissingConfigmap` (SARIF's rule names are identifiers).
    static func camelCase(_ id: String) -> String {
        id.split(separator: "-").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
    }

    /// A relative URI reference for a path (percent-encoding what URIs cannot hold).
    static func uri(_ path: String) -> String {
        var out = path.hasPrefix("/") ? "file://" : ""
        for b in path.utf8 {
            let c = Character(UnicodeScalar(b))
            if (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || "-._~/!$&'()*+,;=:@".contains(c) {
                out.append(c)
            } else {
                out += "%" + String(b, radix: 16, uppercase: true).leftPadded(2)
            }
        }
        return out
    }

    // MARK: TAP

    func tap(_ report: ValidationReport) -> String {
        let cases = testCases(report)
        var out = "TAP version 13\n1..\(cases.count)\n"
        for (n, t) in cases.enumerated() {
            let description = t.name == t.file ? t.file : "\(t.file) \(t.name)"
            out += "\(t.failed ? "not ok" : "ok") \(n + 1) - \(description.replacing("#", with: "\\#"))\n"
            if !t.findings.isEmpty {
                out += "  ---\n  findings:\n"
                for f in t.findings {
                    let line = "\(f.location.map { "\($0): " } ?? "")\(f.severity): \(f.rule): \(ReportWriter.message(f))"
                    out += "    - " + yamlQuoted(line) + "\n"
                }
                out += "  ...\n"
            }
        }
        return out
    }

    func yamlQuoted(_ s: String) -> String {
        "'" + s.replacing("'", with: "''").replacing("\n", with: " ") + "'"
    }
}

extension String {
    func leftPadded(_ width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
