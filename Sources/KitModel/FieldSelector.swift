import KitCore

/// A Kubernetes field selector (`kubectl --field-selector`): equalities and inequalities on
/// fields of an object, all of which must hold (`status.phase!=Running,spec.nodeName=n1`).
///
/// `init(parsing:)` ports apimachinery's `fields.ParseSelector`, so the same texts are
/// accepted, with the same messages: terms are split at commas not preceded by a
/// backslash, empty terms are skipped, each term splits at its first `!=`, `==` or `=`
/// (the field name cannot be escaped), and the value is unescaped (`\\`, `\,` and `\=` are
/// the only escapes; a bare `=` in a value is an error). Terms are kept in the sorted
/// order apimachinery gives them, which is the order `description` prints.
///
/// Matching reads the field from the object by its dotted path (`metadata.name`,
/// `status.phase`, `spec.nodeName`). The API server only supports a few fields per kind
/// and converts some of them itself; kit's reading is the general one: a missing or null
/// field is the empty string (as apimachinery's `fields.Set` answers for an absent field),
/// strings are themselves, booleans and numbers are their JSON spelling, and a field
/// holding an object or array equals no value.
public struct FieldSelector: Sendable, Hashable, CustomStringConvertible {
    /// One term: a field, equal or not equal to a value.
    public struct Requirement: Sendable, Hashable, CustomStringConvertible {
        /// The dotted field path, as written (`status.phase`).
        public let field: String
        /// True for `!=`; false for `=` and `==`, which mean the same.
        public let isNegated: Bool
        /// The value, unescaped.
        public let value: String

        /// A term `field=value` or, negated, `field!=value`.
        public init(field: String, value: String, negated: Bool = false) {
            self.field = field
            self.value = value
            self.isNegated = negated
        }

        /// Whether a field value (nil when the field has no string form) satisfies the term.
        public func matches(fieldValue: String?) -> Bool {
            (fieldValue == value) != isNegated
        }

        /// `field=value` or `field!=value`, with the value escaped again.
        public var description: String {
            field + (isNegated ? "!=" : "=") + FieldSelector.escapeValue(value)
        }
    }

    /// The terms, in apimachinery's order (sorted by their text as written).
    public let requirements: [Requirement]

    /// A selector with these terms, in the order given.
    public init(requirements: [Requirement]) {
        self.requirements = requirements
    }

    /// The selector with no terms: it matches everything.
    public static let everything = FieldSelector(requirements: [])

    /// Parses field selector text as apimachinery's `fields.ParseSelector` does. Errors
    /// carry apimachinery's message and the position of the term or character at fault.
    public init(parsing text: String) throws(SelectorError) {
        let bytes = Array(text.utf8)
        // Split at commas that are not escaped; keep each term's byte offset.
        var terms: [(text: [UInt8], offset: Int)] = []
        if !bytes.isEmpty {
            var start = 0
            var inSlash = false
            for (i, c) in bytes.enumerated() {
                if inSlash {
                    inSlash = false
                } else if c == UInt8(ascii: "\\") {
                    inSlash = true
                } else if c == UInt8(ascii: ",") {
                    terms.append((Array(bytes[start..<i]), start))
                    start = i + 1
                }
            }
            terms.append((Array(bytes[start...]), start))
        }
        terms.sort { $0.text.lexicographicallyPrecedes($1.text) }

        var requirements: [Requirement] = []
        for term in terms where !term.text.isEmpty {
            guard let (lhs, op, rhsOffset) = FieldSelector.splitTerm(term.text) else {
                throw SelectorError(
                    reason: "invalid selector: '\(text)'; can't understand '\(String(decoding: term.text, as: UTF8.self))'",
                    atByte: term.offset, of: bytes)
            }
            let rhs = Array(term.text[rhsOffset...])
            let value: String
            switch FieldSelector.unescape(rhs) {
            case .success(let v): value = v
            case .failure(let failure):
                throw SelectorError(reason: failure.reason, atByte: term.offset + rhsOffset + failure.offset, of: bytes)
            }
            // A term whose field and value are both empty selects everything and is dropped.
            if lhs.isEmpty && value.isEmpty { continue }
            requirements.append(Requirement(field: lhs, value: value, negated: op == "!="))
        }
        self.init(requirements: requirements)
    }

    /// The term's field, operator and the byte offset of its value: the first `!=`, `==`
    /// or `=` from the left, checked in that order at each character.
    private static func splitTerm(_ term: [UInt8]) -> (String, String, Int)? {
        for i in term.indices where term[i] & 0xC0 != 0x80 {  // at character starts, as Go's range loop
            for op in ["!=", "==", "="] {
                let o = Array(op.utf8)
                if term.count - i >= o.count && Array(term[i..<(i + o.count)]) == o {
                    return (String(decoding: term[..<i], as: UTF8.self), op, i + o.count)
                }
            }
        }
        return nil
    }

    private struct UnescapeFailure: Error {
        var offset: Int
        var reason: String
    }

    /// apimachinery's `UnescapeValue`, reporting the byte offset of the problem.
    private static func unescape(_ bytes: [UInt8]) -> Result<String, UnescapeFailure> {
        let text = String(decoding: bytes, as: UTF8.self)
        var out = ""
        var inSlash = false
        var offset = 0
        for scalar in text.unicodeScalars {
            defer { offset += UTF8.width(scalar) }
            if inSlash {
                switch scalar {
                case "\\", ",", "=":
                    out.unicodeScalars.append(scalar)
                default:
                    return .failure(
                        UnescapeFailure(
                            offset: offset - 1,
                            reason: "invalid field selector: invalid escape sequence: \\\(String(scalar))"))
                }
                inSlash = false
                continue
            }
            switch scalar {
            case "\\":
                inSlash = true
            case ",", "=":
                // Go prints the rune with %v, which is its code point number.
                return .failure(
                    UnescapeFailure(offset: offset, reason: "invalid field selector: unescaped character in value: \(scalar.value)"))
            default:
                out.unicodeScalars.append(scalar)
            }
        }
        if inSlash {
            return .failure(UnescapeFailure(offset: offset - 1, reason: "invalid field selector: invalid escape sequence: \\"))
        }
        return .success(out)
    }

    /// apimachinery's `EscapeValue`: backslash, comma and equals sign get a backslash.
    public static func escapeValue(_ value: String) -> String {
        var out = ""
        for scalar in value.unicodeScalars {
            if scalar == "\\" || scalar == "," || scalar == "=" { out += "\\" }
            out.unicodeScalars.append(scalar)
        }
        return out
    }

    /// apimachinery's `UnescapeValue`; throws its message for a bad escape or a bare `=`/`,`.
    public static func unescapeValue(_ value: String) throws(SelectorError) -> String {
        switch unescape(Array(value.utf8)) {
        case .success(let v): return v
        case .failure(let failure):
            throw SelectorError(reason: failure.reason, atByte: failure.offset, of: Array(value.utf8))
        }
    }

    /// True when there are no terms (every object matches).
    public var isEmpty: Bool { requirements.isEmpty }

    /// Whether a set of field values satisfies every term; a field missing from `fields`
    /// reads as the empty string, as apimachinery's `fields.Set` does.
    public func matches(_ fields: [String: String]) -> Bool {
        requirements.allSatisfy { $0.matches(fieldValue: fields[$0.field] ?? "") }
    }

    /// Whether a Kubernetes object satisfies every term, reading each field by its dotted
    /// path (see the type's discussion for how values read as text).
    public func matches(object: Value) -> Bool {
        requirements.allSatisfy { $0.matches(fieldValue: FieldSelector.fieldValue(object, $0.field)) }
    }

    /// The text of the field at a dotted path: "" when missing or null, nil for objects and
    /// arrays (no text equals them).
    public static func fieldValue(_ object: Value, _ path: String) -> String? {
        var current = object
        for step in path.split(separator: ".", omittingEmptySubsequences: false) {
            guard case .object(let o) = current else { return "" }
            guard let next = o[String(step)] else { return "" }
            current = next
        }
        switch current {
        case .null: return ""
        case .string(let s): return s
        case .bool(let b): return b ? "true" : "false"
        case .int(let i): return String(i)
        case .double(let d): return NumberFormatting.goJSON(d) ?? ""
        case .decimal(let d): return d.text
        case .array, .object: return nil
        }
    }

    /// apimachinery's `String()`: the terms joined by commas.
    public var description: String {
        requirements.map(\.description).joined(separator: ",")
    }
}
