/// apimachinery's string checks (`k8s.io/apimachinery/pkg/util/validation`), with their
/// messages word for word: each function returns the list of problems, empty when the value
/// is valid.
///
/// `kit create` uses them as kubectl does (ConfigMap and Secret keys, env-file names, Service
/// port names) and, for names and namespaces, as the API server would (with
/// `--dry-run=client` nothing else checks them); label selectors use them for prefixes.
public enum Validation {
    static let dns1123LabelFormat = "[a-z0-9]([-a-z0-9]*[a-z0-9])?"
    static let dns1123SubdomainFormat = dns1123LabelFormat + "(\\." + dns1123LabelFormat + ")*"
    static let dns1035LabelFormat = "[a-z]([-a-z0-9]*[a-z0-9])?"

    /// apimachinery's `RegexError`: the message, examples and the regex.
    public static func regexError(_ message: String, _ format: String, _ examples: String...) -> String {
        if examples.isEmpty { return message + " (regex used for validation is '" + format + "')" }
        var out = message + " (e.g. "
        for (i, example) in examples.enumerated() {
            if i > 0 { out += " or " }
            out += "'" + example + "', "
        }
        return out + "regex used for validation is '" + format + "')"
    }

    public static func maxLengthError(_ length: Int) -> String {
        "must be no more than \(length) characters"
    }

    static func isLowerAlnum(_ c: UInt8) -> Bool { (c >= 97 && c <= 122) || (c >= 48 && c <= 57) }
    static func isAlpha(_ c: UInt8) -> Bool { (c >= 97 && c <= 122) || (c >= 65 && c <= 90) }
    static func isDigit(_ c: UInt8) -> Bool { c >= 48 && c <= 57 }

    /// `[a-z0-9]([-a-z0-9]*[a-z0-9])?`
    static func matchesDNS1123Label(_ b: ArraySlice<UInt8>) -> Bool {
        guard let first = b.first, let last = b.last else { return false }
        return isLowerAlnum(first) && isLowerAlnum(last) && b.allSatisfy { isLowerAlnum($0) || $0 == UInt8(ascii: "-") }
    }

    /// `IsDNS1123Label`: at most 63 lower-case letters, digits and `-`, alphanumeric at both ends.
    public static func dns1123Label(_ value: String) -> [String] {
        var errors: [String] = []
        let b = Array(value.utf8)
        if b.count > 63 { errors.append(maxLengthError(63)) }
        if !matchesDNS1123Label(b[...]) {
            errors.append(regexError(
                "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character",
                dns1123LabelFormat, "my-name", "123-abc"))
        }
        return errors
    }

    /// `IsDNS1123Subdomain`: at most 253 characters, dot-separated RFC 1123 labels.
    public static func dns1123Subdomain(_ value: String) -> [String] {
        var errors: [String] = []
        let b = Array(value.utf8)
        if b.count > 253 { errors.append(maxLengthError(253)) }
        let labels = b.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        if !labels.allSatisfy(matchesDNS1123Label) {
            errors.append(regexError(
                "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character",
                dns1123SubdomainFormat, "example.com"))
        }
        return errors
    }

    /// `IsDNS1035Label`: like an RFC 1123 label, but starting with a letter.
    public static func dns1035Label(_ value: String) -> [String] {
        var errors: [String] = []
        let b = Array(value.utf8)
        if b.count > 63 { errors.append(maxLengthError(63)) }
        let ok = matchesDNS1123Label(b[...]) && (b.first.map { $0 >= 97 && $0 <= 122 } ?? false)
        if !ok {
            errors.append(regexError(
                "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character",
                dns1035LabelFormat, "my-name", "abc-123"))
        }
        return errors
    }

    /// `path.IsValidPathSegmentName`: not `.` or `..`, no `/` or `%` (RBAC object names).
    public static func pathSegmentName(_ value: String) -> [String] {
        for illegal in [".", ".."] where value == illegal {
            return ["may not be '\(illegal)'"]
        }
        var errors: [String] = []
        for illegal in ["/", "%"] where value.contains(illegal) {
            errors.append("may not contain '\(illegal)'")
        }
        return errors
    }

    /// `hasChDirPrefix`: `.`, `..` and a leading `..` are refused in keys that become file names.
    static func chdirPrefixErrors(_ value: String) -> [String] {
        if value == "." { return ["must not be '.'"] }
        if value == ".." { return ["must not be '..'"] }
        if value.hasPrefix("..") { return ["must not start with '..'"] }
        return []
    }

    /// `IsConfigMapKey`: the rule for ConfigMap and Secret keys.
    public static func configMapKey(_ value: String) -> [String] {
        var errors: [String] = []
        let b = Array(value.utf8)
        if b.count > 253 { errors.append(maxLengthError(253)) }
        let ok = !b.isEmpty && b.allSatisfy { isAlpha($0) || isDigit($0) || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "_") }
        if !ok {
            errors.append(regexError(
                "a valid config key must consist of alphanumeric characters, '-', '_' or '.'",
                "[-._a-zA-Z0-9]+", "key.name", "KEY_NAME", "key-name"))
        }
        return errors + chdirPrefixErrors(value)
    }

    /// `IsEnvVarName`: the rule for keys read from an env file.
    public static func envVarName(_ value: String) -> [String] {
        var errors: [String] = []
        let b = Array(value.utf8)
        func allowed(_ c: UInt8) -> Bool { isAlpha(c) || c == UInt8(ascii: "-") || c == UInt8(ascii: ".") || c == UInt8(ascii: "_") }
        let ok = (b.first.map(allowed) ?? false) && b.allSatisfy { allowed($0) || isDigit($0) }
        if !ok {
            errors.append(regexError(
                "a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit",
                "[-._a-zA-Z][-._a-zA-Z0-9]*", "my.env-name", "MY_ENV.NAME", "MyEnvName1"))
        }
        return errors + chdirPrefixErrors(value)
    }

    /// `IsValidPortName`: an IANA service name (at most 15 characters, lower-case letters,
    /// digits and single hyphens, at least one letter).
    public static func portName(_ value: String) -> [String] {
        var errors: [String] = []
        let b = Array(value.utf8)
        if b.count > 15 { errors.append(maxLengthError(15)) }
        if b.isEmpty || !b.allSatisfy({ isLowerAlnum($0) || $0 == UInt8(ascii: "-") }) {
            errors.append("must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)")
        }
        if !b.contains(where: { $0 >= 97 && $0 <= 122 }) {
            errors.append("must contain at least one letter (a-z)")
        }
        if value.contains("--") { errors.append("must not contain consecutive hyphens") }
        if let first = b.first, let last = b.last, first == UInt8(ascii: "-") || last == UInt8(ascii: "-") {
            errors.append("must not begin or end with a hyphen")
        }
        return errors
    }

    /// `IsQualifiedName`: label and annotation keys (an optional DNS-subdomain prefix and `/`,
    /// then a name of at most 63 characters).
    public static func qualifiedName(_ value: String) -> [String] { LabelValidation.qualifiedNameErrors(value) }

    /// `IsValidLabelValue`: empty, or at most 63 alphanumeric characters, `-`, `_` or `.`,
    /// alphanumeric at both ends.
    public static func labelValue(_ value: String) -> [String] { LabelValidation.labelValueErrors(value) }

    /// `IsValidPortNum`: 1 to 65535.
    public static func portNumber(_ value: Int64) -> [String] {
        (1...65535).contains(value) ? [] : ["must be between 1 and 65535, inclusive"]
    }
}
