import KitCore

/// How serious a finding is. `--fail-on` picks the lowest severity that fails a run.
public enum Severity: Int, Sendable, Comparable, CaseIterable, CustomStringConvertible {
    case info, warning, error

    public static func < (a: Severity, b: Severity) -> Bool { a.rawValue < b.rawValue }

    public var description: String {
        switch self {
        case .info: return "info"
        case .warning: return "warning"
        case .error: return "error"
        }
    }

    public init?(name: String) {
        guard let s = Severity.allCases.first(where: { $0.description == name }) else { return nil }
        self = s
    }
}

/// One problem found in the input: which rule, how serious, what, and where (the file, line
/// and column of the offending key or value, and its field path in the object).
public struct Finding: Sendable, Equatable {
    public var rule: String
    public var severity: Severity
    public var message: String
    /// FILE:LINE:COL; nil only before the finding is located.
    public var location: SourceLocation?
    /// The field path in the object (`spec.template.spec.containers[0].image`); empty for the
    /// object or document as a whole.
    public var path: [PathComponent]
    /// The object the finding is about (`Deployment/web`), when the document is one.
    public var object: String?
    /// Locate the key at `path` (an unknown field) rather than its value.
    var locateKey = false

    public init(
        rule: String, severity: Severity, message: String, location: SourceLocation? = nil, path: [PathComponent] = [],
        object: String? = nil
    ) {
        self.rule = rule
        self.severity = severity
        self.message = message
        self.location = location
        self.path = path
        self.object = object
    }

    /// The field path as kubectl explain writes it (`spec.containers[0].image`).
    public var pathText: String { FieldPath.text(path) }
}

/// Field paths in kubectl's notation.
public enum FieldPath {
    /// `spec.containers[0].image`; keys that are not plain identifiers are bracketed and
    /// quoted (`metadata.labels["app.kubernetes.io/name"]`).
    public static func text(_ path: [PathComponent]) -> String {
        var out = ""
        for step in path {
            switch step {
            case .index(let i):
                out += "[\(i)]"
            case .key(let k):
                if isPlain(k) {
                    if !out.isEmpty { out += "." }
                    out += k
                } else {
                    out += "[\"" + k.replacingQuotes() + "\"]"
                }
            }
        }
        return out
    }

    static func isPlain(_ key: String) -> Bool {
        guard let first = key.utf8.first, !(first >= 48 && first <= 57) else { return false }
        return key.utf8.allSatisfy { c in
            (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c == UInt8(ascii: "_") || c == UInt8(ascii: "-")
                || c == UInt8(ascii: "$")
        }
    }
}

extension String {
    func replacingQuotes() -> String {
        var out = ""
        for c in unicodeScalars {
            switch c {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            default: out.unicodeScalars.append(c)
            }
        }
        return out
    }
}
