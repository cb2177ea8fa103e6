import KitCore

/// A Kubernetes label selector: requirements on an object's labels that must all hold.
///
/// Built from kubectl's `-l` syntax (`app=web,tier in (a,b),!canary`) by `init(parsing:)`,
/// a port of apimachinery's `labels.Parse`, or from a `matchLabels` / `matchExpressions`
/// object by `init(selector:)`, as `metav1.LabelSelectorAsSelector` builds one. Both accept
/// and reject exactly what apimachinery does, with its error messages, so a selector that
/// kit accepts is one the API server accepts.
///
/// `description` is apimachinery's `String()`: requirements sorted by key, `in`/`notin`
/// values sorted (`a in (x,y),b!=c`), the form `kubectl describe` prints.
public struct LabelSelector: Sendable, Hashable, CustomStringConvertible {
    /// A relation between a label and values (apimachinery's `selection.Operator`; the raw
    /// values are its spellings, which its error messages quote).
    public enum Operator: String, Sendable, Hashable {
        /// `key=value`: the label is present with that value.
        case equals = "="
        /// `key==value`: the same as `=`, kept apart because it prints as written.
        case doubleEquals = "=="
        /// `key!=value`: the label is absent or has another value.
        case notEquals = "!="
        /// `key in (a,b)`: the label is present with one of the values.
        case `in` = "in"
        /// `key notin (a,b)`: the label is absent or has none of the values.
        case notIn = "notin"
        /// `key`: the label is present.
        case exists = "exists"
        /// `!key`: the label is absent.
        case doesNotExist = "!"
        /// `key>n`: the label is an integer greater than n (text syntax only).
        case greaterThan = "gt"
        /// `key<n`: the label is an integer less than n (text syntax only).
        case lessThan = "lt"
    }

    /// One condition on one label.
    public struct Requirement: Sendable, Hashable, CustomStringConvertible {
        /// The label key (`app`, `app.kubernetes.io/name`).
        public let key: String
        /// How the label relates to `values`.
        public let `operator`: Operator
        /// The values in the order they were given (parsed `in` lists come sorted and
        /// without repeats, as apimachinery's parser collects them in a set).
        public let values: [String]

        /// Builds a requirement with apimachinery's `NewRequirement` checks: a valid key,
        /// the number of values the operator needs, valid label values, integers for
        /// `gt`/`lt`. Throws with apimachinery's aggregated message.
        public init(key: String, operator op: Operator, values: [String]) throws(SelectorError) {
            let errors = LabelValidation.requirementErrors(key: key, operator: op, values: values)
            if !errors.isEmpty {
                throw SelectorError(reason: LabelValidation.aggregate(errors))
            }
            self.init(unchecked: key, op, values)
        }

        init(unchecked key: String, _ op: Operator, _ values: [String]) {
            self.key = key
            self.operator = op
            self.values = values
        }

        /// Whether `labels` satisfy this requirement. A missing label satisfies `notin`,
        /// `!=` and `!key` only; `gt`/`lt` compare as 64-bit integers and fail on anything
        /// else.
        public func matches(_ labels: [String: String]) -> Bool {
            let label = labels[key]
            switch self.operator {
            case .in, .equals, .doubleEquals:
                guard let label else { return false }
                return values.contains(label)
            case .notIn, .notEquals:
                guard let label else { return true }
                return !values.contains(label)
            case .exists:
                return label != nil
            case .doesNotExist:
                return label == nil
            case .greaterThan, .lessThan:
                guard let label, let have = Int64(label), values.count == 1, let want = Int64(values[0]) else {
                    return false
                }
                return self.operator == .greaterThan ? have > want : have < want
            }
        }

        /// apimachinery's `Requirement.String()`: `!key`, `key`, `key=v`, `key in (a,b)`.
        public var description: String {
            var out = self.operator == .doesNotExist ? "!" : ""
            out += key
            switch self.operator {
            case .equals: out += "="
            case .doubleEquals: out += "=="
            case .notEquals: out += "!="
            case .in: out += " in "
            case .notIn: out += " notin "
            case .greaterThan: out += ">"
            case .lessThan: out += "<"
            case .exists, .doesNotExist: return out
            }
            let list = values.count == 1 ? values[0] : values.sorted(by: utf8Less).joined(separator: ",")
            if self.operator == .in || self.operator == .notIn { return out + "(" + list + ")" }
            return out + list
        }
    }

    /// The requirements, sorted by key (stably, so equal keys keep their written order).
    public let requirements: [Requirement]

    /// True for the selector that selects nothing (a null `selector:` in an object);
    /// false for every other selector, including the empty one that selects everything.
    public let selectsNothing: Bool

    init(requirements: [Requirement], selectsNothing: Bool = false) {
        self.requirements = requirements.enumerated().sorted { a, b in
            if !utf8Equal(a.element.key, b.element.key) { return utf8Less(a.element.key, b.element.key) }
            return a.offset < b.offset
        }.map(\.element)
        self.selectsNothing = selectsNothing
    }

    /// The selector with no requirements: it matches every object.
    public static let everything = LabelSelector(requirements: [])

    /// The selector that matches no object (apimachinery's `labels.Nothing()`).
    public static let nothing = LabelSelector(requirements: [], selectsNothing: true)

    /// A selector requiring exactly these labels (`matchLabels` alone, or `kubectl -l a=b`),
    /// validated as apimachinery's `ValidatedSelectorFromSet` does.
    public init(matchLabels: [String: String]) throws(SelectorError) {
        var requirements: [Requirement] = []
        for key in matchLabels.keys.sorted(by: utf8Less) {
            requirements.append(try Requirement(key: key, operator: .equals, values: [matchLabels[key]!]))
        }
        self.init(requirements: requirements)
    }

    /// Parses kubectl's selector syntax (apimachinery's `labels.Parse`):
    ///
    ///     selector    ::= requirement ("," requirement)*
    ///     requirement ::= "!" KEY | KEY [ ("in" | "notin") "(" values ")"
    ///                                   | ("=" | "==" | "!=" | ">" | "<") VALUE ]
    ///
    /// Spaces, tabs and newlines may surround every token; the empty string selects
    /// everything. Errors carry the position of the token at fault and apimachinery's
    /// message (`unable to parse requirement: found ',', expected: ...`).
    public init(parsing text: String) throws(SelectorError) {
        var parser = LabelSelectorParser(text)
        self.init(requirements: try parser.parse())
    }

    /// Builds the selector a `selector:` field describes (`metav1.LabelSelectorAsSelector`):
    /// `matchLabels` entries become `key=value`, `matchExpressions` entries use the
    /// operators `In`, `NotIn`, `Exists` and `DoesNotExist`. A null selector selects nothing;
    /// one with neither part selects everything. Errors name the field at fault in `path`.
    public init(selector value: Value) throws(SelectorError) {
        guard case .object(let object) = value else {
            if value.isNull {
                self = .nothing
                return
            }
            throw SelectorError(path: "", reason: "a label selector must be an object, not \(value.typeName)")
        }
        var requirements: [Requirement] = []
        let matchLabels = object["matchLabels"] ?? .null
        let matchExpressions = object["matchExpressions"] ?? .null
        switch matchLabels {
        case .null: break
        case .object(let labels):
            for i in 0..<labels.count {
                let (key, raw) = labels.entry(at: i)
                let path = "matchLabels[\(key)]"
                guard case .string(let v) = raw else {
                    throw SelectorError(path: path, reason: "a label value must be a string, not \(raw.typeName)")
                }
                do {
                    requirements.append(try Requirement(key: key, operator: .equals, values: [v]))
                } catch {
                    throw SelectorError(path: path, reason: error.reason)
                }
            }
        default:
            throw SelectorError(path: "matchLabels", reason: "must be an object, not \(matchLabels.typeName)")
        }
        switch matchExpressions {
        case .null: break
        case .array(let expressions):
            for (i, expression) in expressions.enumerated() {
                requirements.append(try LabelSelector.requirement(from: expression, path: "matchExpressions[\(i)]"))
            }
        default:
            throw SelectorError(path: "matchExpressions", reason: "must be an array, not \(matchExpressions.typeName)")
        }
        self.init(requirements: requirements)
    }

    private static func requirement(from expression: Value, path: String) throws(SelectorError) -> Requirement {
        guard case .object(let fields) = expression else {
            throw SelectorError(path: path, reason: "must be an object, not \(expression.typeName)")
        }
        // Absent fields read as Go's zero values, as the API server decodes them.
        func string(_ name: String) throws(SelectorError) -> String {
            switch fields[name] ?? .null {
            case .null: return ""
            case .string(let s): return s
            case let other: throw SelectorError(path: "\(path).\(name)", reason: "must be a string, not \(other.typeName)")
            }
        }
        let key = try string("key")
        let operatorName = try string("operator")
        var values: [String] = []
        switch fields["values"] ?? .null {
        case .null: break
        case .array(let items):
            for (j, item) in items.enumerated() {
                guard case .string(let s) = item else {
                    throw SelectorError(path: "\(path).values[\(j)]", reason: "must be a string, not \(item.typeName)")
                }
                values.append(s)
            }
        case let other:
            throw SelectorError(path: "\(path).values", reason: "must be an array, not \(other.typeName)")
        }
        let op: Operator
        switch operatorName {
        case "In": op = .in
        case "NotIn": op = .notIn
        case "Exists": op = .exists
        case "DoesNotExist": op = .doesNotExist
        default:
            throw SelectorError(
                path: "\(path).operator", reason: "\(GoSyntax.quote(operatorName)) is not a valid label selector operator")
        }
        do {
            return try Requirement(key: key, operator: op, values: values)
        } catch {
            throw SelectorError(path: path, reason: error.reason)
        }
    }

    /// True when the selector has no requirements (it selects everything, or nothing).
    public var isEmpty: Bool { requirements.isEmpty }

    /// Whether an object with these labels is selected.
    public func matches(_ labels: [String: String]) -> Bool {
        if selectsNothing { return false }
        return requirements.allSatisfy { $0.matches(labels) }
    }

    /// Whether an object with these labels is selected; `labels` is a `metadata.labels`
    /// object (string values only count; anything else reads as no labels).
    public func matches(labels: Value) -> Bool {
        matches(LabelSelector.labelMap(labels))
    }

    /// Whether a Kubernetes object is selected, by its `metadata.labels`.
    public func matches(object: Value) -> Bool {
        matches(labels: object.value(at: ["metadata", "labels"]) ?? .null)
    }

    static func labelMap(_ labels: Value) -> [String: String] {
        guard case .object(let object) = labels else { return [:] }
        var map: [String: String] = [:]
        for i in 0..<object.count {
            let (key, value) = object.entry(at: i)
            if case .string(let s) = value { map[key] = s }
        }
        return map
    }

    /// apimachinery's `String()`: the requirements joined by commas (empty for the
    /// selectors that select everything or nothing).
    public var description: String {
        requirements.map(\.description).joined(separator: ",")
    }
}

// MARK: - Errors

/// Why a label or field selector was refused.
///
/// `reason` is apimachinery's own message, word for word (what kubectl prints after
/// `couldn't parse the selector string "…": `). For selector text, `position` is the
/// 0-based offset, in Unicode scalars, of the token or term at fault (the end of the text
/// when input ran out). For selectors built from an object, `path` names the field instead
/// (`matchExpressions[1].operator`).
public struct SelectorError: Error, Sendable, Equatable, CustomStringConvertible {
    /// 0-based offset in Unicode scalars into the selector text; nil for object selectors.
    public var position: Int?
    /// The field at fault in a selector object; nil for selector text.
    public var path: String?
    /// apimachinery's message.
    public var reason: String

    /// An error with apimachinery's `reason`, located by `position` or `path`.
    public init(position: Int? = nil, path: String? = nil, reason: String) {
        self.position = position
        self.path = path
        self.reason = reason
    }

    /// An error in selector text at byte `offset` of `text`, located at its Unicode scalar.
    init(reason: String, atByte offset: Int, of text: [UInt8]) {
        let prefix = text[..<min(offset, text.count)]
        self.init(position: String(decoding: prefix, as: UTF8.self).unicodeScalars.count, reason: reason)
    }

    /// `column N: reason` for text (1-based, as editors count), `path: reason` for objects.
    public var description: String {
        if let position { return "column \(position + 1): \(reason)" }
        if let path, !path.isEmpty { return "\(path): \(reason)" }
        return reason
    }
}

// MARK: - Parser

/// A port of apimachinery's label selector lexer and parser. It works on UTF-8 bytes, as
/// Go does, because its quirks (a NUL byte ends a token, `(,,,)` is three empty values
/// but `(,,,,)` an error) come from that loop structure.
struct LabelSelectorParser {
    enum Token: Equatable {
        case endOfString, closedPar, comma, doesNotExist, doubleEquals, equals, greaterThan
        case identifier, `in`, lessThan, notEquals, notIn, openPar
    }

    struct Item {
        var token: Token
        var literal: String
        /// Byte offset of the token's first character.
        var offset: Int
    }

    enum Context { case keyAndOperator, values }

    let text: String
    let bytes: [UInt8]
    var pos = 0
    var items: [Item] = []
    var position = 0

    init(_ text: String) {
        self.text = text
        self.bytes = Array(text.utf8)
    }

    static let symbols: [String: Token] = [
        ")": .closedPar, ",": .comma, "!": .doesNotExist, "==": .doubleEquals, "=": .equals,
        ">": .greaterThan, "in": .in, "<": .lessThan, "!=": .notEquals, "notin": .notIn, "(": .openPar,
    ]

    static func isWhitespace(_ c: UInt8) -> Bool {
        c == UInt8(ascii: " ") || c == UInt8(ascii: "\t") || c == UInt8(ascii: "\r") || c == UInt8(ascii: "\n")
    }

    static func isSpecial(_ c: UInt8) -> Bool {
        switch c {
        case UInt8(ascii: "="), UInt8(ascii: "!"), UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: ","),
            UInt8(ascii: ">"), UInt8(ascii: "<"):
            return true
        default:
            return false
        }
    }

    // MARK: Lexer

    /// The next byte, or 0 at the end (Go's lexer treats a NUL byte the same way).
    private mutating func read() -> UInt8 {
        guard pos < bytes.count else { return 0 }
        defer { pos += 1 }
        return bytes[pos]
    }

    private mutating func unread() { pos -= 1 }

    private mutating func lex() -> Item {
        var start = pos
        var ch = read()
        while LabelSelectorParser.isWhitespace(ch) {
            start = pos
            ch = read()
        }
        if ch == 0 { return Item(token: .endOfString, literal: "", offset: start) }
        unread()
        if LabelSelectorParser.isSpecial(ch) { return scanSpecialSymbol(start) }
        return scanIdentifierOrKeyword(start)
    }

    private mutating func scanIdentifierOrKeyword(_ start: Int) -> Item {
        var buffer: [UInt8] = []
        while true {
            let ch = read()
            if ch == 0 { break }
            if LabelSelectorParser.isSpecial(ch) || LabelSelectorParser.isWhitespace(ch) {
                unread()
                break
            }
            buffer.append(ch)
        }
        let word = String(decoding: buffer, as: UTF8.self)
        return Item(token: LabelSelectorParser.symbols[word] ?? .identifier, literal: word, offset: start)
    }

    private mutating func scanSpecialSymbol(_ start: Int) -> Item {
        var buffer: [UInt8] = []
        var last: Item? = nil
        while true {
            let ch = read()
            if ch == 0 { break }
            guard LabelSelectorParser.isSpecial(ch) else {
                unread()
                break
            }
            buffer.append(ch)
            let symbol = String(decoding: buffer, as: UTF8.self)
            if let token = LabelSelectorParser.symbols[symbol] {
                last = Item(token: token, literal: symbol, offset: start)
            } else if last != nil {
                unread()
                break
            }
        }
        // Every single special character is a token, so `last` is always set here.
        return last ?? Item(token: .endOfString, literal: "", offset: start)
    }

    // MARK: Parser

    private func lookahead(_ context: Context) -> Item {
        adjust(items[min(position, items.count - 1)], context)
    }

    private mutating func consume(_ context: Context) -> Item {
        let item = items[min(position, items.count - 1)]
        position += 1
        return adjust(item, context)
    }

    /// Where values are expected, `in` and `notin` are ordinary words.
    private func adjust(_ item: Item, _ context: Context) -> Item {
        var item = item
        if context == .values && (item.token == .in || item.token == .notIn) { item.token = .identifier }
        return item
    }

    /// An error at a byte offset, reported at the matching Unicode scalar offset.
    private func error(_ offset: Int, _ reason: String) -> SelectorError {
        SelectorError(reason: reason, atByte: offset, of: bytes)
    }

    mutating func parse() throws(SelectorError) -> [LabelSelector.Requirement] {
        while true {
            let item = lex()
            items.append(item)
            if item.token == .endOfString { break }
        }
        var requirements: [LabelSelector.Requirement] = []
        while true {
            let next = lookahead(.values)
            switch next.token {
            case .identifier, .doesNotExist:
                do {
                    requirements.append(try parseRequirement())
                } catch {
                    throw SelectorError(position: error.position, reason: "unable to parse requirement: \(error.reason)")
                }
                let after = consume(.values)
                switch after.token {
                case .endOfString:
                    return requirements
                case .comma:
                    let following = lookahead(.values)
                    if following.token != .identifier && following.token != .doesNotExist {
                        throw error(following.offset, "found '\(following.literal)', expected: identifier after ','")
                    }
                default:
                    throw error(after.offset, "found '\(after.literal)', expected: ',' or 'end of string'")
                }
            case .endOfString:
                return requirements
            default:
                throw error(next.offset, "found '\(next.literal)', expected: !, identifier, or 'end of string'")
            }
        }
    }

    private mutating func parseRequirement() throws(SelectorError) -> LabelSelector.Requirement {
        var (key, keyItem, op) = try parseKeyAndInferOperator()
        if op == .exists || op == .doesNotExist {
            return LabelSelector.Requirement(unchecked: key, op!, [])
        }
        op = try parseOperator()
        var values: [(String, Int)]
        switch op! {
        case .in, .notIn: values = try parseValues()
        default: values = try parseExactValue()
        }
        // apimachinery collects values in a set and hands over its sorted list.
        var seen = Set<String>()
        values = values.filter { seen.insert($0.0).inserted }.sorted { utf8Less($0.0, $1.0) }
        let list = values.map(\.0)
        let errors = LabelValidation.requirementErrors(key: key, operator: op!, values: list)
        if !errors.isEmpty {
            // Point at the first value the message names, or at the key.
            var offset = keyItem.offset
            if let first = errors.first, let index = first.valueIndex, index < values.count, values[index].1 >= 0 {
                offset = values[index].1
            }
            throw error(offset, LabelValidation.aggregate(errors))
        }
        return LabelSelector.Requirement(unchecked: key, op!, list)
    }

    private mutating func parseKeyAndInferOperator() throws(SelectorError) -> (String, Item, LabelSelector.Operator?) {
        var op: LabelSelector.Operator? = nil
        var item = consume(.values)
        if item.token == .doesNotExist {
            op = .doesNotExist
            item = consume(.values)
        }
        if item.token != .identifier {
            throw error(item.offset, "found '\(item.literal)', expected: identifier")
        }
        let keyErrors = LabelValidation.qualifiedNameErrors(item.literal)
        if !keyErrors.isEmpty {
            let detail = keyErrors.joined(separator: "; ")
            throw error(item.offset, "<nil>: Invalid value: \(GoSyntax.quote(item.literal)): \(detail)")
        }
        let next = lookahead(.values).token
        if (next == .endOfString || next == .comma) && op != .doesNotExist { op = .exists }
        return (item.literal, item, op)
    }

    private mutating func parseOperator() throws(SelectorError) -> LabelSelector.Operator {
        let item = consume(.keyAndOperator)
        switch item.token {
        case .in: return .in
        case .equals: return .equals
        case .doubleEquals: return .doubleEquals
        case .greaterThan: return .greaterThan
        case .lessThan: return .lessThan
        case .notIn: return .notIn
        case .notEquals: return .notEquals
        default:
            throw error(item.offset, "found '\(item.literal)', expected: in, notin, =, ==, !=, gt, lt")
        }
    }

    /// The values of `(a,b)` with their byte offsets (-1 for the empty values commas imply).
    private mutating func parseValues() throws(SelectorError) -> [(String, Int)] {
        let open = consume(.values)
        if open.token != .openPar {
            throw error(open.offset, "found '\(open.literal)' expected: '('")
        }
        let next = lookahead(.values)
        switch next.token {
        case .identifier, .comma:
            let values = try parseIdentifiersList()
            _ = consume(.values)  // the ')' the list stopped at
            return values
        case .closedPar:
            _ = consume(.values)
            return [("", -1)]
        default:
            throw error(next.offset, "found '\(next.literal)', expected: ',', ')' or identifier")
        }
    }

    private mutating func parseIdentifiersList() throws(SelectorError) -> [(String, Int)] {
        var values: [(String, Int)] = []
        while true {
            let item = consume(.values)
            switch item.token {
            case .identifier:
                values.append((item.literal, item.offset))
                let next = lookahead(.values)
                switch next.token {
                case .comma: continue
                case .closedPar: return values
                default: throw error(next.offset, "found '\(next.literal)', expected: ',' or ')'")
                }
            case .comma:
                if values.isEmpty { values.append(("", -1)) }  // "(,"
                let next = lookahead(.values)
                if next.token == .closedPar {
                    values.append(("", -1))  // ",)"
                    return values
                }
                if next.token == .comma {
                    _ = consume(.values)
                    values.append(("", -1))  // ",,"
                }
            default:
                throw error(item.offset, "found '\(item.literal)', expected: ',', or identifier")
            }
        }
    }

    private mutating func parseExactValue() throws(SelectorError) -> [(String, Int)] {
        let next = lookahead(.values)
        if next.token == .endOfString || next.token == .comma { return [("", -1)] }
        let item = consume(.values)
        if item.token == .identifier { return [(item.literal, item.offset)] }
        throw error(item.offset, "found '\(item.literal)', expected: identifier")
    }
}

// MARK: - Validation

/// apimachinery's label key and value rules (`validation.IsQualifiedName`,
/// `IsValidLabelValue`, `IsDNS1123Subdomain`) and `NewRequirement`'s checks, with their
/// messages, including the doubled spaces in their example lists.
enum LabelValidation {
    /// One `field.Error` of type Invalid: `path: Invalid value: <value>: detail`.
    struct FieldError {
        var path: String
        var value: String
        var detail: String
        /// The index of the value it is about, for pointing at it.
        var valueIndex: Int?
        var message: String { "\(path): Invalid value: \(value): \(detail)" }
    }

    static let qualifiedNameFormat = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]"
    static let qualifiedNameMessage =
        "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character"
    static let labelValueFormat = "(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?"
    static let labelValueMessage =
        "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character"

    static func isAlphanumeric(_ c: UInt8) -> Bool {
        (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122)
    }

    /// `([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]`, whole string.
    static func isQualifiedNamePart(_ s: Substring.UTF8View) -> Bool {
        guard let first = s.first, let last = s.last, isAlphanumeric(first), isAlphanumeric(last) else { return false }
        return s.allSatisfy { isAlphanumeric($0) || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: ".") }
    }

    /// `validation.IsQualifiedName`: optional DNS-subdomain prefix and `/`, then a name of
    /// at most 63 characters.
    static func qualifiedNameErrors(_ value: String) -> [String] {
        var errors: [String] = []
        let parts = value.split(separator: "/", omittingEmptySubsequences: false)
        let name: Substring
        switch parts.count {
        case 1:
            name = parts[0]
        case 2:
            let prefix = parts[0]
            name = parts[1]
            if prefix.isEmpty {
                errors.append("prefix part must be non-empty")
            } else {
                errors += Validation.dns1123Subdomain(String(prefix)).map { "prefix part " + $0 }
            }
        default:
            return [
                "a qualified name " + Validation.regexError(qualifiedNameMessage, qualifiedNameFormat, "MyName", "my.name", "123-abc")
                    + " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')"
            ]
        }
        if name.isEmpty {
            errors.append("name part must be non-empty")
        } else if name.utf8.count > 63 {
            errors.append("name part must be no more than 63 characters")
        }
        if !isQualifiedNamePart(name.utf8) {
            errors.append("name part " + Validation.regexError(qualifiedNameMessage, qualifiedNameFormat, "MyName", "my.name", "123-abc"))
        }
        return errors
    }

    /// `validation.IsValidLabelValue`: empty, or a qualified-name-like word of at most 63.
    static func labelValueErrors(_ value: String) -> [String] {
        var errors: [String] = []
        if value.utf8.count > 63 { errors.append("must be no more than 63 characters") }
        if !value.isEmpty && !isQualifiedNamePart(Substring(value).utf8) {
            errors.append(Validation.regexError(labelValueMessage, labelValueFormat, "MyValue", "my_value", "12345"))
        }
        return errors
    }

    /// `labels.NewRequirement`'s checks, in its order, as field errors.
    static func requirementErrors(key: String, operator op: LabelSelector.Operator, values: [String]) -> [FieldError] {
        var errors: [FieldError] = []
        let keyErrors = qualifiedNameErrors(key)
        if !keyErrors.isEmpty {
            errors.append(FieldError(path: "key", value: GoSyntax.quote(key), detail: keyErrors.joined(separator: "; ")))
        }
        let list = GoSyntax.stringSlice(values)
        switch op {
        case .in, .notIn:
            if values.isEmpty {
                errors.append(FieldError(path: "values", value: list, detail: "for 'in', 'notin' operators, values set can't be empty"))
            }
        case .equals, .doubleEquals, .notEquals:
            if values.count != 1 {
                errors.append(FieldError(path: "values", value: list, detail: "exact-match compatibility requires one single value"))
            }
        case .exists, .doesNotExist:
            if !values.isEmpty {
                errors.append(FieldError(path: "values", value: list, detail: "values set must be empty for exists and does not exist"))
            }
        case .greaterThan, .lessThan:
            if values.count != 1 {
                errors.append(FieldError(path: "values", value: list, detail: "for 'Gt', 'Lt' operators, exactly one value is required"))
            }
            for (i, v) in values.enumerated() where Int64(v) == nil {  // Go's ParseInt(v, 10, 64): a sign and digits
                errors.append(
                    FieldError(
                        path: "values[\(i)]", value: GoSyntax.quote(v),
                        detail: "for 'Gt', 'Lt' operators, the value must be an integer", valueIndex: i))
            }
        }
        for (i, v) in values.enumerated() {
            let valueErrors = labelValueErrors(v)
            if !valueErrors.isEmpty {
                errors.append(
                    FieldError(
                        path: "values[\(i)][\(key)]", value: GoSyntax.quote(v), detail: valueErrors.joined(separator: "; "),
                        valueIndex: i))
            }
        }
        return errors
    }

    /// `utilerrors.NewAggregate(...).Error()`: one message alone, several in brackets,
    /// repeats dropped.
    static func aggregate(_ errors: [FieldError]) -> String {
        var seen = Set<String>()
        let messages = errors.map(\.message).filter { seen.insert($0).inserted }
        return messages.count == 1 ? messages[0] : "[" + messages.joined(separator: ", ") + "]"
    }
}
