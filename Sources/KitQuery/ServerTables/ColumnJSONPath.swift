import KitCore

/// The JSONPath of a CustomResourceDefinition's `additionalPrinterColumns`, parsed and
/// evaluated as client-go's `util/jsonpath` does for the API server's table convertor:
/// the column's path wrapped in `{…}`, missing keys allowed, and only the first result of
/// the first template node used.
///
/// This is the part of client-go's JSONPath a column needs (fields with `\` escapes,
/// `[n]`, slices with steps, `[*]`, `['key']`, unions, `..`, and `[?(…)]` filters with
/// `==`, `!=`, `<`, `<=`, `>`, `>=` and existence); `range`/`end` are parsed but, having no
/// meaning in a column, evaluate to nothing.
struct ColumnJSONPath: Sendable {
    indirect enum Node: Sendable {
        case list([Node])
        case text(String)
        case field(String)
        case array([Param])
        case filter(left: [Node], right: [Node], op: String)
        case int(Int)
        case float(Double)
        case bool(Bool)
        case wildcard
        case recursive
        case union([[Node]])
        case identifier(String)
    }

    /// One of the three slice parameters (`start:end:step`).
    struct Param: Sendable {
        var known = false
        var value = 0
        var derived = false
    }

    struct ParseError: Error, Sendable {
        var message: String
    }

    struct EvalError: Error {
        var message: String
    }

    /// The template's top-level nodes.
    let root: [Node]

    /// A template of already parsed nodes.
    init(root: [Node]) { self.root = root }

    /// Parses `text` as a whole template (text outside `{…}` becomes text nodes).
    init(template text: String) throws(ParseError) {
        var parser = Parser(Array(text.unicodeScalars))
        root = try parser.parseTemplate()
    }

    /// The results of the first template node (client-go's `FindResults(...)[0]`), or nil
    /// when evaluation fails or the template is empty.
    func firstNodeResults(_ data: Value) -> [Value]? {
        guard let first = root.first else { return nil }
        return try? Evaluator().walk([data], first)
    }

    // MARK: - Parser

    struct Parser {
        let input: [Unicode.Scalar]
        var pos = 0
        var start = 0

        init(_ input: [Unicode.Scalar]) { self.input = input }

        func hasPrefix(_ prefix: String) -> Bool {
            var i = pos
            for scalar in prefix.unicodeScalars {
                guard i < input.count, input[i] == scalar else { return false }
                i += 1
            }
            return true
        }

        mutating func next() -> Unicode.Scalar? {
            guard pos < input.count else { return nil }
            pos += 1
            return input[pos - 1]
        }

        func peek() -> Unicode.Scalar? { pos < input.count ? input[pos] : nil }

        mutating func backup(_ scalar: Unicode.Scalar?) { if scalar != nil { pos -= 1 } }

        mutating func consumeText() -> String {
            var s = String.UnicodeScalarView()
            s.append(contentsOf: input[start..<pos])
            start = pos
            return String(s)
        }

        /// `parseText`: text up to each `{`, then the action inside.
        mutating func parseTemplate() throws(ParseError) -> [Node] {
            var nodes: [Node] = []
            while true {
                if hasPrefix("{") {
                    if pos > start { nodes.append(.text(consumeText())) }
                    pos += 1
                    _ = consumeText()
                    nodes.append(.list(try parseInsideAction()))
                    continue
                }
                if next() == nil { break }
            }
            if pos > start { nodes.append(.text(consumeText())) }
            return nodes
        }

        /// `parseInsideAction` up to the closing `}`, which it consumes.
        mutating func parseInsideAction() throws(ParseError) -> [Node] {
            var cur: [Node] = []
            while true {
                if hasPrefix("}") {
                    pos += 1
                    _ = consumeText()
                    return cur
                }
                if hasPrefix("[?(") {
                    cur.append(try parseFilter())
                    continue
                }
                if hasPrefix("..") {
                    if case .recursive? = cur.last { throw ParseError(message: "invalid multiple recursive descent") }
                    pos += 2
                    _ = consumeText()
                    cur.append(.recursive)
                    if let r = peek(), Parser.isAlphaNumeric(r) { cur.append(parseField()) }
                    continue
                }
                guard let r = next(), !Parser.isEndOfLine(r) else { throw ParseError(message: "unclosed action") }
                switch r {
                case " ", "@", "$":
                    _ = consumeText()
                case "[":
                    try parseArray(into: &cur)
                case "\"", "'":
                    cur.append(try parseQuote(r))
                case ".":
                    cur.append(parseField())
                case "+", "-":
                    backup(r)
                    cur.append(try parseNumber())
                default:
                    if r.properties.numericType == .decimal {
                        backup(r)
                        cur.append(try parseNumber())
                    } else if Parser.isAlphaNumeric(r) {
                        backup(r)
                        cur.append(parseIdentifier())
                    } else {
                        throw ParseError(message: "unrecognized character in action: \(r)")
                    }
                }
            }
        }

        /// Parses `text` as `{text}` and returns the action's nodes (client-go's `parseAction`).
        static func parseAction(_ text: String) throws(ParseError) -> [Node] {
            var parser = Parser(Array(("{" + text + "}").unicodeScalars))
            let nodes = try parser.parseTemplate()
            guard case .list(let inner)? = nodes.first else { return [] }
            return inner
        }

        mutating func parseIdentifier() -> Node {
            while let r = next() {
                if Parser.isTerminator(r) {
                    backup(r)
                    break
                }
            }
            let value = consumeText()
            if value == "true" || value == "false" { return .bool(value == "true") }
            return .identifier(value)
        }

        mutating func parseNumber() throws(ParseError) -> Node {
            if let r = peek(), r == "+" || r == "-" { _ = next() }
            while let r = next() {
                if r != "." && r.properties.numericType != .decimal {
                    backup(r)
                    break
                }
            }
            let value = consumeText()
            if let i = Int(value.hasPrefix("+") ? String(value.dropFirst()) : value) { return .int(i) }
            if let d = Double(value), !value.isEmpty { return .float(d) }
            throw ParseError(message: "cannot parse number \(value)")
        }

        mutating func parseArray(into cur: inout [Node]) throws(ParseError) {
            while true {
                guard let r = next(), r != "\n" else { throw ParseError(message: "unterminated array") }
                if r == "]" { break }
            }
            var text = consumeText()
            text = String(text.unicodeScalars.dropFirst().dropLast())
            if text == "*" { text = ":" }
            // Union: each part parsed as its own `[part]`.
            let parts = text.split(separator: ",", omittingEmptySubsequences: false)
            if parts.count > 1 {
                var union: [[Node]] = []
                for part in parts {
                    union.append(try Parser.parseAction("[" + Parser.trimSpaces(String(part)) + "]"))
                }
                cur.append(.union(union))
                return
            }
            // Dictionary key: ['key'] is .key.
            let scalars = Array(text.unicodeScalars)
            if scalars.count >= 2, scalars.first == "'", scalars.last == "'", !scalars.dropFirst().dropLast().contains("'") {
                var key = String.UnicodeScalarView()
                key.append(contentsOf: scalars.dropFirst().dropLast())
                cur.append(contentsOf: try Parser.parseAction("." + String(key)))
                return
            }
            guard let params = Parser.sliceParams(text) else { throw ParseError(message: "invalid array index \(text)") }
            cur.append(.array(params))
        }

        /// The slice regex `^(-?\d*)(:-?\d*)?(:-?\d*)?$` and client-go's defaults.
        static func sliceParams(_ text: String) -> [Param]? {
            let pieces = text.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
            guard pieces.count <= 3 else { return nil }
            func isNumber(_ s: String) -> Bool {
                let digits = s.hasPrefix("-") ? s.dropFirst() : Substring(s)
                return digits.allSatisfy { $0.isASCII && $0.isNumber }
            }
            guard pieces.allSatisfy(isNumber) else { return nil }
            var params = [Param(), Param(), Param()]
            for i in 0..<3 {
                let present = i < pieces.count
                let value = present ? pieces[i] : ""
                if !value.isEmpty {
                    guard let n = Int(value) else { return nil }
                    params[i] = Param(known: true, value: n)
                } else if i == 1 && !present {
                    params[1] = Param(known: true, value: params[0].value + 1, derived: true)
                } else {
                    params[i] = Param()
                }
            }
            return params
        }

        mutating func parseFilter() throws(ParseError) -> Node {
            pos += 3
            _ = consumeText()
            var begin = false
            var end = false
            var pair: Unicode.Scalar = "\""
            loop: while true {
                guard let r = next(), r != "\n" else { throw ParseError(message: "unterminated filter") }
                switch r {
                case "\"", "'":
                    if !begin {
                        begin = true
                        pair = r
                        continue
                    }
                    if input[pos - 2] != "\\" && r == pair { end = true }
                case ")":
                    if begin == end { break loop }
                default:
                    break
                }
            }
            guard next() == "]" else { throw ParseError(message: "unclosed array expect ]") }
            let full = consumeText()
            let text = String(full.unicodeScalars.dropLast(2))
            // `^([^!<>=]+)([!<>=]+)(.+?)$`
            let scalars = Array(text.unicodeScalars)
            let isOperator: (Unicode.Scalar) -> Bool = { "!<>=".unicodeScalars.contains($0) }
            if let opStart = scalars.firstIndex(where: isOperator), opStart > 0 {
                var opEnd = opStart
                while opEnd < scalars.count, isOperator(scalars[opEnd]) { opEnd += 1 }
                if opEnd < scalars.count {
                    func string(_ range: Range<Int>) -> String {
                        var s = String.UnicodeScalarView()
                        s.append(contentsOf: scalars[range])
                        return String(s)
                    }
                    let left = try Parser.parseAction(string(0..<opStart))
                    let right = try Parser.parseAction(string(opEnd..<scalars.count))
                    return .filter(left: left, right: right, op: string(opStart..<opEnd))
                }
            }
            return .filter(left: try Parser.parseAction(text), right: [], op: "exists")
        }

        mutating func parseQuote(_ quote: Unicode.Scalar) throws(ParseError) -> Node {
            while true {
                guard let r = next(), r != "\n" else { throw ParseError(message: "unterminated quoted string") }
                if r == quote && input[pos - 2] != "\\" { break }
            }
            let value = consumeText()
            guard let unquoted = Parser.unquote(value) else { throw ParseError(message: "unquote string \(value) error") }
            return .text(unquoted)
        }

        mutating func parseField() -> Node {
            _ = consumeText()
            while let r = next() {
                if r == "\\" {
                    _ = next()
                } else if Parser.isTerminator(r) {
                    backup(r)
                    break
                }
            }
            let value = consumeText()
            if value == "*" { return .wildcard }
            return .field(String(String.UnicodeScalarView(value.unicodeScalars.filter { $0 != "\\" })))
        }

        static func isTerminator(_ r: Unicode.Scalar) -> Bool {
            switch r {
            case " ", "\t", "\r", "\n", ".", ",", "[", "]", "$", "@", "{", "}": return true
            default: return false
            }
        }

        static func isEndOfLine(_ r: Unicode.Scalar) -> Bool { r == "\r" || r == "\n" }

        static func isAlphaNumeric(_ r: Unicode.Scalar) -> Bool {
            r == "_" || r.properties.isAlphabetic || r.properties.numericType == .decimal
        }

        static func trimSpaces(_ s: String) -> String {
            var scalars = Substring(s).unicodeScalars[...]
            while scalars.first == " " { scalars.removeFirst() }
            while scalars.last == " " { scalars.removeLast() }
            return String(String.UnicodeScalarView(scalars))
        }

        /// `UnquoteExtend`: Go's `strconv.Unquote` rules for single- or double-quoted text.
        static func unquote(_ s: String) -> String? {
            let scalars = Array(s.unicodeScalars)
            guard scalars.count >= 2, let quote = scalars.first, quote == scalars.last, quote == "\"" || quote == "'" else {
                return nil
            }
            var out = String.UnicodeScalarView()
            var i = 1
            let end = scalars.count - 1
            while i < end {
                let c = scalars[i]
                if c == quote { return nil }
                if c != "\\" {
                    out.append(c)
                    i += 1
                    continue
                }
                i += 1
                guard i < end else { return nil }
                let e = scalars[i]
                i += 1
                switch e {
                case "a": out.append("\u{07}")
                case "b": out.append("\u{08}")
                case "f": out.append("\u{0C}")
                case "n": out.append("\n")
                case "r": out.append("\r")
                case "t": out.append("\t")
                case "v": out.append("\u{0B}")
                case "\\": out.append("\\")
                case "'", "\"":
                    guard e == quote else { return nil }
                    out.append(e)
                case "x", "u", "U":
                    let count = e == "x" ? 2 : e == "u" ? 4 : 8
                    guard i + count <= end else { return nil }
                    var hex = ""
                    hex.unicodeScalars.append(contentsOf: scalars[i..<(i + count)])
                    guard let v = UInt32(hex, radix: 16), let scalar = Unicode.Scalar(v) else { return nil }
                    out.append(scalar)
                    i += count
                case "0"..."7":
                    guard i + 2 <= end else { return nil }
                    var octal = String(e)
                    octal.unicodeScalars.append(contentsOf: scalars[i..<(i + 2)])
                    guard let v = UInt32(octal, radix: 8), v <= 255, let scalar = Unicode.Scalar(v) else { return nil }
                    out.append(scalar)
                    i += 2
                default:
                    return nil
                }
            }
            return String(out)
        }
    }

    // MARK: - Evaluation

    /// client-go's `walk` over `Value`s (JSON null takes the place of Go's nil interface).
    struct Evaluator {
        func walk(_ input: [Value], _ node: Node) throws(EvalError) -> [Value] {
            switch node {
            case .list(let nodes): return try evalList(input, nodes)
            case .text(let text): return [.string(text)]
            case .field(let name): return evalField(input, name)
            case .array(let params): return try evalArray(input, params)
            case .filter(let left, let right, let op): return try evalFilter(input, left, right, op)
            case .int(let i): return Array(repeating: .int(i), count: input.count)
            case .float(let d): return Array(repeating: .double(d), count: input.count)
            case .bool(let b): return Array(repeating: .bool(b), count: input.count)
            case .wildcard: return input.flatMap(children)
            case .recursive: return evalRecursive(input)
            case .union(let lists):
                var out: [Value] = []
                for list in lists { out += try evalList(input, list) }
                return out
            case .identifier(let name):
                if name == "range" { return input }
                throw EvalError(message: name == "end" ? "not in range, nothing to end" : "unrecognized identifier \(name)")
            }
        }

        func evalList(_ input: [Value], _ nodes: [Node]) throws(EvalError) -> [Value] {
            var current = input
            for node in nodes { current = try walk(current, node) }
            return current
        }

        func evalField(_ input: [Value], _ name: String) -> [Value] {
            var out: [Value] = []
            for value in input {
                if case .object(let object) = value, let member = object[name] { out.append(member) }
            }
            return out
        }

        func evalArray(_ input: [Value], _ nodeParams: [Param]) throws(EvalError) -> [Value] {
            var out: [Value] = []
            for value in input {
                if value.isNull { continue }
                guard case .array(let items) = value else { throw EvalError(message: "\(value.typeName) is not array or slice") }
                var params = nodeParams
                let length = items.count
                if !params[0].known { params[0].value = 0 }
                if params[0].value < 0 { params[0].value += length }
                if !params[1].known { params[1].value = length }
                if params[1].value < 0 || (params[1].value == 0 && params[1].derived) { params[1].value += length }
                if params[1].value == params[0].value { return out }
                if params[0].value >= length || params[0].value < 0 {
                    throw EvalError(message: "array index out of bounds: index \(params[0].value), length \(length)")
                }
                if params[1].value > length || params[1].value < 0 {
                    throw EvalError(message: "array index out of bounds: index \(params[1].value - 1), length \(length)")
                }
                if params[0].value > params[1].value {
                    throw EvalError(message: "starting index \(params[0].value) is greater than ending index \(params[1].value)")
                }
                var step = 1
                if params[2].known {
                    guard params[2].value > 0 else { throw EvalError(message: "step must be > 0") }
                    step = params[2].value
                }
                out += stride(from: params[0].value, to: params[1].value, by: step).map { items[$0] }
            }
            return out
        }

        /// What `*` and `..` descend into: object members, array elements, a string's bytes.
        func children(_ value: Value) -> [Value] {
            switch value {
            case .object(let object): return object.values
            case .array(let items): return items
            case .string(let s): return s.utf8.map { .int(Int($0)) }
            default: return []
            }
        }

        func evalRecursive(_ input: [Value]) -> [Value] {
            var out: [Value] = []
            for value in input {
                let inner = children(value)
                if !inner.isEmpty {
                    out.append(value)
                    out += evalRecursive(inner)
                }
            }
            return out
        }

        func evalFilter(_ input: [Value], _ left: [Node], _ right: [Node], _ op: String) throws(EvalError) -> [Value] {
            var out: [Value] = []
            for value in input {
                guard case .array(let items) = value else {
                    throw EvalError(message: "\(value.typeName) is not array or slice and cannot be filtered")
                }
                for item in items {
                    let lefts = try? evalList([item], left)
                    if op == "exists" {
                        if let lefts, !lefts.isEmpty { out.append(item) }
                        continue
                    }
                    guard let lefts else { throw EvalError(message: "filter") }
                    if lefts.isEmpty { continue }
                    guard lefts.count == 1 else { throw EvalError(message: "can only compare one element at a time") }
                    let rights = try evalList([item], right)
                    if rights.isEmpty { continue }
                    guard rights.count == 1 else { throw EvalError(message: "can only compare one element at a time") }
                    if try Comparison.compare(lefts[0], rights[0], op) { out.append(item) }
                }
            }
            return out
        }
    }

    /// Go template's `eq`, `ne`, `lt`, `le`, `gt`, `ge` on the basic kinds: integers with
    /// integers, floats with floats, strings with strings, booleans (equality only).
    enum Comparison {
        enum Kind { case bool, int, float, string }

        static func kind(_ value: Value) throws(EvalError) -> Kind {
            switch value {
            case .bool: return .bool
            case .int: return .int
            case .double, .decimal: return .float
            case .string: return .string
            default: throw EvalError(message: "invalid type for comparison")
            }
        }

        static func equal(_ a: Value, _ b: Value) throws(EvalError) -> Bool {
            let ka = try kind(a)
            let kb = try kind(b)
            guard ka == kb else { throw EvalError(message: "incompatible types for comparison") }
            switch (a, b) {
            case (.bool(let x), .bool(let y)): return x == y
            case (.int(let x), .int(let y)): return x == y
            case (.string(let x), .string(let y)): return utf8Equal(x, y)
            default: return (a.doubleValue ?? .nan) == (b.doubleValue ?? .nan)
            }
        }

        static func less(_ a: Value, _ b: Value) throws(EvalError) -> Bool {
            let ka = try kind(a)
            let kb = try kind(b)
            guard ka == kb else { throw EvalError(message: "incompatible types for comparison") }
            switch (a, b) {
            case (.bool, .bool): throw EvalError(message: "invalid type for comparison")
            case (.int(let x), .int(let y)): return x < y
            case (.string(let x), .string(let y)): return utf8Less(x, y)
            default: return (a.doubleValue ?? .nan) < (b.doubleValue ?? .nan)
            }
        }

        static func compare(_ a: Value, _ b: Value, _ op: String) throws(EvalError) -> Bool {
            switch op {
            case "==": return try equal(a, b)
            case "!=": return try !equal(a, b)
            case "<": return try less(a, b)
            case "<=":
                let lessThan = try less(a, b)
                return try lessThan ? true : equal(a, b)
            case ">":
                let lessThan = try less(a, b)
                return try lessThan ? false : !equal(a, b)
            case ">=": return try !less(a, b)
            default: throw EvalError(message: "unrecognized filter operator \(op)")
            }
        }
    }
}
