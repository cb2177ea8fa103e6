import KitCore

/// A recursive-descent parser for jq 1.8's grammar (jq's own is a bison LALR grammar; this
/// follows its rules and precedences):
///
/// ```
/// query   := def query | label $x | query | expr as patterns | query | query '|' query
///          | query ',' query | expr
/// expr    := expr '//' expr                       (right)
///          | expr ('=' | '|=' | '+=' | …) expr    (non-associative)
///          | expr or expr | expr and expr         (left)
///          | expr ('==' | '<' | …) expr           (non-associative)
///          | expr ('+' | '-') expr | expr ('*' | '/' | '%') expr
///          | term
/// term    := primary postfix*   (postfix: .name, ."s", [..], [], [a:b], ?)
/// ```
struct Parser {
    let source: [UInt8]
    var tokens: [Token]
    var index = 0

    init(source: [UInt8], tokens: [Token]) {
        self.source = source
        self.tokens = tokens
    }

    /// Parses a main program (or, with `library`, a module of definitions only).
    static func parse(_ source: [UInt8], library: Bool = false) throws(SyntaxError) -> ParsedModule {
        let tokens = try Lexer.tokenize(source)
        var parser = Parser(source: source, tokens: tokens)
        return try parser.parseModule(library: library)
    }

    // MARK: token access

    var current: Token { tokens[index] }
    var kind: Token.Kind { tokens[index].kind }

    func peekKind(_ offset: Int) -> Token.Kind {
        let i = min(index + offset, tokens.count - 1)
        return tokens[i].kind
    }

    @discardableResult
    mutating func advance() -> Token {
        let t = tokens[index]
        if index < tokens.count - 1 { index += 1 }
        return t
    }

    func isPunct(_ p: String) -> Bool {
        if case .punct(let q) = kind, q == p { return true }
        return false
    }

    func isKeyword(_ k: Keyword) -> Bool {
        if case .keyword(let q) = kind, q == k { return true }
        return false
    }

    mutating func expectPunct(_ p: String, expecting: String? = nil) throws(SyntaxError) -> Token {
        guard isPunct(p) else { throw unexpected(expecting: expecting ?? "'\(p)'") }
        return advance()
    }

    mutating func expectKeyword(_ k: Keyword) throws(SyntaxError) -> Token {
        guard isKeyword(k) else { throw unexpected(expecting: k.rawValue) }
        return advance()
    }

    /// Bison's name for a token, as jq's messages spell it.
    static func describe(_ kind: Token.Kind) -> String {
        switch kind {
        case .ident: return "IDENT"
        case .keyword(let k): return k.rawValue
        case .field: return "FIELD"
        case .binding: return "BINDING"
        case .loc: return "$__loc__"
        case .format: return "FORMAT"
        case .number: return "LITERAL"
        case .punct(let p): return p.count == 1 ? "'\(p)'" : p
        case .stringStart: return "QQSTRING_START"
        case .stringText: return "QQSTRING_TEXT"
        case .interpolationStart: return "QQSTRING_INTERP_START"
        case .interpolationEnd: return "QQSTRING_INTERP_END"
        case .stringEnd: return "QQSTRING_END"
        case .invalid: return "INVALID_CHARACTER"
        case .eof: return "end of file"
        }
    }

    func unexpected(expecting: String? = nil) -> SyntaxError {
        var message = "syntax error, unexpected \(Parser.describe(kind))"
        // Bison's view: with nothing parsed yet, only the end of the (empty) program fits.
        let expected = index == 0 ? "end of file" : expecting
        if let expected { message += ", expecting \(expected)" }
        if case .eof = kind, index > 0 {
            // jq points an unexpected end at the last token.
            let last = tokens[index - 1]
            return SyntaxError(message: message, start: last.start, end: max(last.end, last.start + 1))
        }
        return SyntaxError(message: message, start: current.start, end: max(current.end, current.start + 1))
    }

    func fail(_ message: String, _ start: Int, _ end: Int) -> SyntaxError {
        SyntaxError(message: message, start: start, end: end)
    }

    // MARK: modules

    mutating func parseModule(library: Bool) throws(SyntaxError) -> ParsedModule {
        var module = ParsedModule(metadata: nil, imports: [], definitions: [], body: nil)
        if isKeyword(.module) {
            advance()
            let metaStart = current.start
            let meta = try parsePipe()
            let metaEnd = tokens[index - 1].end
            module.metadata = try constantMetadata(meta, metaStart, metaEnd)
            _ = try expectPunct(";")
        }
        while isKeyword(.import) || isKeyword(.include) {
            module.imports.append(try parseImport())
        }
        // Definitions only (a library, or a program that defines and does nothing else).
        var definitions: [FunctionDefinition] = []
        while isKeyword(.def) {
            definitions.append(try parseFunctionDefinition())
        }
        if case .eof = kind {
            module.definitions = definitions
            if !library { module.body = definitions.isEmpty ? Node(.identity, 0, 0) : Node(.functions(definitions, body: Node(.identity, 0, 0)), 0, 0) }
            return module
        }
        if library {
            throw unexpected(expecting: "end of file")
        }
        var body = try parsePipe()
        if !definitions.isEmpty {
            body = Node(.functions(definitions, body: body), definitions[0].start, body.end)
        }
        guard case .eof = kind else { throw unexpected(expecting: "end of file") }
        module.body = body
        return module
    }

    /// Metadata of `module` and `import` must be a constant object.
    func constantMetadata(_ node: Node, _ start: Int, _ end: Int) throws(SyntaxError) -> Value {
        guard let value = Parser.constantValue(node) else {
            throw fail("Module metadata must be constant", start, end)
        }
        guard case .object = value else { throw fail("Module metadata must be an object", start, end) }
        return value
    }

    /// The value of a constant expression (literals, constant arrays and objects), or nil.
    static func constantValue(_ node: Node) -> Value? {
        switch node.kind {
        case .literal(let v): return v
        case .string(let parts, nil):
            var s = ""
            for part in parts {
                guard case .text(let t) = part else { return nil }
                s += t
            }
            return .string(s)
        case .array(nil): return .array([])
        case .array(let inner?):
            var items: [Value] = []
            var stack = [inner]
            var ordered: [Node] = []
            while let n = stack.popLast() {
                if case .comma(let a, let b) = n.kind {
                    stack.append(b)
                    stack.append(a)
                } else {
                    ordered.append(n)
                }
            }
            for n in ordered {
                guard let v = constantValue(n) else { return nil }
                items.append(v)
            }
            return .array(items)
        case .object(let entries):
            var object = Object()
            for entry in entries {
                guard entry.variable == nil, let valueNode = entry.value,
                    let key = constantValue(entry.key)?.stringValue, let v = constantValue(valueNode)
                else { return nil }
                object[key] = v
            }
            return .object(object)
        default:
            return nil
        }
    }

    mutating func parseImport() throws(SyntaxError) -> ImportDirective {
        let start = current.start
        let isInclude = isKeyword(.include)
        advance()
        guard case .stringStart = kind else { throw unexpected(expecting: "QQSTRING_START") }
        let pathStart = current.start
        let pathNode = try parseString(format: nil)
        guard let path = Parser.constantValue(pathNode)?.stringValue else {
            throw fail("Import path must be constant", pathStart, pathNode.end)
        }
        var directive = ImportDirective(path: path, alias: nil, isData: false, metadata: nil, start: start, end: pathNode.end)
        if !isInclude {
            _ = try expectKeyword(.as)
            switch kind {
            case .ident(let name):
                directive.alias = name
            case .binding(let name):
                directive.alias = name
                directive.isData = true
            default:
                throw unexpected(expecting: "IDENT or BINDING")
            }
            directive.end = advance().end
        }
        if !isPunct(";") {
            let metaStart = current.start
            let meta = try parsePipe()
            directive.metadata = try constantMetadata(meta, metaStart, tokens[index - 1].end)
        }
        _ = try expectPunct(";")
        return directive
    }

    mutating func parseFunctionDefinition() throws(SyntaxError) -> FunctionDefinition {
        let start = advance().start  // def
        guard case .ident(let name) = kind else { throw unexpected(expecting: "IDENT") }
        advance()
        var parameters: [Parameter] = []
        if isPunct("(") {
            advance()
            while true {
                switch kind {
                case .ident(let p): parameters.append(Parameter(name: p, isValue: false))
                case .binding(let p): parameters.append(Parameter(name: p, isValue: true))
                default: throw unexpected(expecting: "IDENT or BINDING")
                }
                advance()
                if isPunct(";") {
                    advance()
                    continue
                }
                _ = try expectPunct(")", expecting: "';' or ')'")
                break
            }
        }
        _ = try expectPunct(":")
        let body = try parsePipe()
        _ = try expectPunct(";")
        return FunctionDefinition(name: name, parameters: parameters, body: body, start: start)
    }

    // MARK: queries

    /// query: the lowest precedence level (`|`, and the forms that extend to its end).
    mutating func parsePipe() throws(SyntaxError) -> Node {
        if isKeyword(.def) {
            var definitions: [FunctionDefinition] = []
            while isKeyword(.def) { definitions.append(try parseFunctionDefinition()) }
            let body = try parsePipe()
            return Node(.functions(definitions, body: body), definitions[0].start, body.end)
        }
        if isKeyword(.label) {
            let start = advance().start
            guard case .binding(let name) = kind else { throw unexpected(expecting: "BINDING") }
            advance()
            _ = try expectPunct("|")
            let body = try parsePipe()
            return Node(.label(name, body: body), start, body.end)
        }
        let lhs = try parseComma()
        if isPunct("|") {
            advance()
            let rhs = try parsePipe()
            return Node(.pipe(lhs, rhs), lhs.start, rhs.end)
        }
        return lhs
    }

    mutating func parseComma() throws(SyntaxError) -> Node {
        var lhs = try parseBindingOrExpression()
        while isPunct(",") {
            advance()
            // `a, def f: …; g` and `a, label $x | g` take the rest of the query.
            if isKeyword(.def) || isKeyword(.label) {
                let rhs = try parsePipe()
                return Node(.comma(lhs, rhs), lhs.start, rhs.end)
            }
            let rhs = try parseBindingOrExpression()
            lhs = Node(.comma(lhs, rhs), lhs.start, rhs.end)
        }
        return lhs
    }

    /// An expression, or `expr as patterns | query` (whose body extends to the end of the query).
    mutating func parseBindingOrExpression() throws(SyntaxError) -> Node {
        let source = try parseExpression()
        guard isKeyword(.as) else { return source }
        advance()
        let patterns = try parsePatterns()
        _ = try expectPunct("|", expecting: "'|'")
        let body = try parsePipe()
        return Node(.bind(source: source, patterns: patterns, body: body), source.start, body.end)
    }

    mutating func parsePatterns() throws(SyntaxError) -> [Pattern] {
        var patterns = [try parsePattern()]
        while isPunct("?//") {
            advance()
            patterns.append(try parsePattern())
        }
        return patterns
    }

    mutating func parsePattern() throws(SyntaxError) -> Pattern {
        switch kind {
        case .binding(let name):
            let t = advance()
            return .variable(name, start: t.start, end: t.end)
        case .punct("["):
            advance()
            var items: [Pattern] = []
            if isPunct("]") { throw unexpected(expecting: "BINDING or '[' or '{'") }
            while true {
                items.append(try parsePattern())
                if isPunct(",") {
                    advance()
                    continue
                }
                _ = try expectPunct("]", expecting: "']' or ','")
                return .array(items)
            }
        case .punct("{"):
            advance()
            var entries: [ObjectPatternEntry] = []
            while true {
                entries.append(try parseObjectPatternEntry())
                if isPunct(",") {
                    advance()
                    continue
                }
                _ = try expectPunct("}", expecting: "'}' or ','")
                return .object(entries)
            }
        default:
            throw unexpected(expecting: "BINDING or '[' or '{'")
        }
    }

    mutating func parseObjectPatternEntry() throws(SyntaxError) -> ObjectPatternEntry {
        let start = current.start
        switch kind {
        case .binding(let name):
            let t = advance()
            let key = Node(.literal(.string(name)), t.start, t.end)
            if isPunct(":") {
                advance()
                return ObjectPatternEntry(key: key, variable: name, pattern: try parsePattern())
            }
            return ObjectPatternEntry(key: key, variable: name, pattern: nil)
        case .ident(let name):
            let t = advance()
            _ = try expectPunct(":")
            return ObjectPatternEntry(key: Node(.literal(.string(name)), t.start, t.end), variable: nil, pattern: try parsePattern())
        case .keyword(let k):
            let t = advance()
            _ = try expectPunct(":")
            return ObjectPatternEntry(key: Node(.literal(.string(k.rawValue)), t.start, t.end), variable: nil, pattern: try parsePattern())
        case .stringStart, .format:
            let key = try parseStringTerm()
            _ = try expectPunct(":")
            return ObjectPatternEntry(key: key, variable: nil, pattern: try parsePattern())
        case .punct("("):
            advance()
            let key = try parsePipe()
            _ = try expectPunct(")")
            if let constant = Parser.constantValue(key), constant.stringValue == nil {
                throw fail("Cannot use \(constant.typeName) (\(truncatedDump(constant))) as object key", key.start, key.end)
            }
            _ = try expectPunct(":")
            return ObjectPatternEntry(key: key, variable: nil, pattern: try parsePattern())
        case .punct("}"):
            throw unexpected()
        default:
            // `{1+2: $x}`-like keys: jq asks for parentheses.
            let keyStart = start
            _ = try? parseExpression()
            if isPunct(":") {
                throw fail("May need parentheses around object key expression", keyStart, tokens[max(index - 1, 0)].end)
            }
            throw unexpected()
        }
    }

    // MARK: expressions

    enum Associativity { case left, right, none }

    static func binaryLevel(_ kind: Token.Kind) -> (level: Int, assoc: Associativity)? {
        switch kind {
        case .punct("//"): return (1, .right)
        case .punct("="), .punct("|="), .punct("+="), .punct("-="), .punct("*="), .punct("/="), .punct("%="), .punct("//="):
            return (2, .none)
        case .keyword(.or): return (3, .left)
        case .keyword(.and): return (4, .left)
        case .punct("=="), .punct("!="), .punct("<"), .punct("<="), .punct(">"), .punct(">="): return (5, .none)
        case .punct("+"), .punct("-"): return (6, .left)
        case .punct("*"), .punct("/"), .punct("%"): return (7, .left)
        default: return nil
        }
    }

    mutating func parseExpression(minLevel: Int = 1) throws(SyntaxError) -> Node {
        var lhs = try parsePostfixTerm()
        while let (level, assoc) = Parser.binaryLevel(kind), level >= minLevel {
            let opToken = advance()
            let rhs = try parseExpression(minLevel: assoc == .right ? level : level + 1)
            lhs = Parser.combine(opToken.kind, lhs, rhs)
            if assoc == .none, let (next, _) = Parser.binaryLevel(kind), next == level {
                throw unexpected()
            }
        }
        return lhs
    }

    static func combine(_ op: Token.Kind, _ lhs: Node, _ rhs: Node) -> Node {
        let kind: Node.Kind
        switch op {
        case .punct("//"): kind = .alternative(lhs, rhs)
        case .punct("="): kind = .assign(.set, lhs, rhs)
        case .punct("|="): kind = .assign(.update, lhs, rhs)
        case .punct("+="): kind = .assign(.arithmetic(.add), lhs, rhs)
        case .punct("-="): kind = .assign(.arithmetic(.subtract), lhs, rhs)
        case .punct("*="): kind = .assign(.arithmetic(.multiply), lhs, rhs)
        case .punct("/="): kind = .assign(.arithmetic(.divide), lhs, rhs)
        case .punct("%="): kind = .assign(.arithmetic(.modulo), lhs, rhs)
        case .punct("//="): kind = .assign(.alternative, lhs, rhs)
        case .keyword(.or): kind = .or(lhs, rhs)
        case .keyword(.and): kind = .and(lhs, rhs)
        case .punct(let p): kind = .binary(BinaryOperator(rawValue: p)!, lhs, rhs)
        default: kind = .identity
        }
        return Node(kind, lhs.start, rhs.end)
    }

    /// term: a primary followed by any number of suffixes.
    mutating func parsePostfixTerm() throws(SyntaxError) -> Node {
        var term = try parsePrimary()
        while true {
            switch kind {
            case .field(let name):
                let t = advance()
                let key = Node(.literal(.string(name)), t.start + 1, t.end)
                term = Node(.index(base: term, key: key, optional: takeQuestionMark()), term.start, t.end)
            case .punct("."):
                // `term."name"`, `term.[…]`
                switch peekKind(1) {
                case .stringStart, .format:
                    advance()
                    let key = try parseStringTerm()
                    term = Node(.index(base: term, key: key, optional: takeQuestionMark()), term.start, key.end)
                case .punct("["):
                    advance()
                    term = try parseBracketSuffix(term)
                default:
                    advance()
                    throw fail("syntax error, unexpected \(Parser.describe(kind))", current.start, current.end)
                }
            case .punct("["):
                term = try parseBracketSuffix(term)
            case .punct("?"):
                let t = advance()
                term = Node(.tryCatch(body: term, handler: nil), term.start, t.end)
            default:
                return term
            }
        }
    }

    /// Consumes a `?` after an index suffix (which makes just that index optional).
    mutating func takeQuestionMark() -> Bool {
        if isPunct("?") {
            advance()
            return true
        }
        return false
    }

    /// `[]`, `[q]`, `[q:q]`, `[q:]`, `[:q]` after a term.
    mutating func parseBracketSuffix(_ base: Node) throws(SyntaxError) -> Node {
        advance()  // [
        if isPunct("]") {
            let t = advance()
            return Node(.iterate(base: base, optional: takeQuestionMark()), base.start, t.end)
        }
        if isPunct(":") {
            advance()
            let to = try parsePipe()
            let t = try expectPunct("]")
            return Node(.slice(base: base, from: nil, to: to, optional: takeQuestionMark()), base.start, t.end)
        }
        let key = try parsePipe()
        if isPunct(":") {
            advance()
            if isPunct("]") {
                let t = advance()
                return Node(.slice(base: base, from: key, to: nil, optional: takeQuestionMark()), base.start, t.end)
            }
            let to = try parsePipe()
            let t = try expectPunct("]")
            return Node(.slice(base: base, from: key, to: to, optional: takeQuestionMark()), base.start, t.end)
        }
        let t = try expectPunct("]", expecting: "']'")
        return Node(.index(base: base, key: key, optional: takeQuestionMark()), base.start, t.end)
    }

    mutating func parsePrimary() throws(SyntaxError) -> Node {
        let t = current
        switch t.kind {
        case .punct("."):
            advance()
            // `."name"` and `.[` are suffixes of the identity.
            switch kind {
            case .stringStart, .format:
                let key = try parseStringTerm()
                return Node(.index(base: Node(.identity, t.start, t.end), key: key, optional: takeQuestionMark()), t.start, key.end)
            default:
                return Node(.identity, t.start, t.end)
            }
        case .punct(".."):
            advance()
            return Node(.recurseAll, t.start, t.end)
        case .field(let name):
            advance()
            let key = Node(.literal(.string(name)), t.start + 1, t.end)
            return Node(.index(base: Node(.identity, t.start, t.start + 1), key: key, optional: takeQuestionMark()), t.start, t.end)
        case .number(let text):
            advance()
            return Node(.literal(numberLiteral(text)), t.start, t.end)
        case .stringStart:
            return try parseStringTerm()
        case .format(let name):
            if case .stringStart = peekKind(1) { return try parseStringTerm() }
            advance()
            return Node(.format(name), t.start, t.end)
        case .binding(let name):
            advance()
            return Node(.variable(name), t.start, t.end)
        case .loc:
            advance()
            return Node(.location(line: lineNumber(of: t.start)), t.start, t.end)
        case .punct("$"):
            // `$$$$name`: jq's private syntax for its own `_modify`; not part of the language.
            throw unexpected()
        case .ident(let name):
            advance()
            if isPunct("(") {
                advance()
                var arguments: [Node] = []
                while true {
                    arguments.append(try parsePipe())
                    if isPunct(";") {
                        advance()
                        continue
                    }
                    let close = try expectPunct(")", expecting: "';' or ')'")
                    return Node(.call(name: name, arguments: arguments), t.start, close.end)
                }
            }
            switch name {
            case "true": return Node(.literal(.bool(true)), t.start, t.end)
            case "false": return Node(.literal(.bool(false)), t.start, t.end)
            case "null": return Node(.literal(.null), t.start, t.end)
            default: return Node(.call(name: name, arguments: []), t.start, t.end)
            }
        case .punct("("):
            advance()
            let inner = try parsePipe()
            let close = try expectPunct(")")
            return Node(inner.kind, t.start, close.end)
        case .punct("["):
            advance()
            if isPunct("]") {
                let close = advance()
                return Node(.array(nil), t.start, close.end)
            }
            let inner = try parsePipe()
            let close = try expectPunct("]")
            return Node(.array(inner), t.start, close.end)
        case .punct("{"):
            return try parseObject()
        case .punct("-"):
            advance()
            let operand = try parsePostfixTerm()
            return Node(.negate(operand), t.start, operand.end)
        case .keyword(.if):
            return try parseIf()
        case .keyword(.try):
            advance()
            let body = try parsePostfixTerm()
            if isKeyword(.catch) {
                advance()
                let handler = try parsePostfixTerm()
                return Node(.tryCatch(body: body, handler: handler), t.start, handler.end)
            }
            return Node(.tryCatch(body: body, handler: nil), t.start, body.end)
        case .keyword(.reduce):
            advance()
            let source = try parseExpression()
            _ = try expectKeyword(.as)
            let patterns = try parsePatterns()
            _ = try expectPunct("(")
            let initial = try parsePipe()
            _ = try expectPunct(";")
            let update = try parsePipe()
            let close = try expectPunct(")")
            return Node(.reduce(source: source, patterns: patterns, initial: initial, update: update), t.start, close.end)
        case .keyword(.foreach):
            advance()
            let source = try parseExpression()
            _ = try expectKeyword(.as)
            let patterns = try parsePatterns()
            _ = try expectPunct("(")
            let initial = try parsePipe()
            _ = try expectPunct(";")
            let update = try parsePipe()
            var extract: Node? = nil
            if isPunct(";") {
                advance()
                extract = try parsePipe()
            }
            let close = try expectPunct(")")
            return Node(.foreach(source: source, patterns: patterns, initial: initial, update: update, extract: extract), t.start, close.end)
        case .keyword(.break):
            advance()
            guard case .binding(let name) = kind else {
                throw fail("break requires a label to break to", t.start, current.end)
            }
            let b = advance()
            return Node(.breakLabel(name), t.start, b.end)
        case .keyword(.def):
            // A definition where a term is expected (`1 + def f: 2; f`) is not jq syntax.
            throw unexpected()
        default:
            throw unexpected()
        }
    }

    mutating func parseIf() throws(SyntaxError) -> Node {
        let start = advance().start  // if
        var branches: [(Node, Node)] = []
        var condition = try parsePipe()
        while true {
            guard isKeyword(.then) else { throw unexpected(expecting: "then") }
            advance()
            let body = try parsePipe()
            branches.append((condition, body))
            if isKeyword(.elif) {
                advance()
                condition = try parsePipe()
                continue
            }
            if isKeyword(.else) {
                advance()
                let otherwise = try parsePipe()
                let end = try expectKeyword(.end)
                return Node(.conditional(branches: branches, otherwise: otherwise), start, end.end)
            }
            if isKeyword(.end) {
                let end = advance()
                return Node(.conditional(branches: branches, otherwise: nil), start, end.end)
            }
            if case .eof = kind {
                throw fail("Possibly unterminated 'if' statement", start, current.start)
            }
            throw unexpected()
        }
    }

    // MARK: strings and objects

    /// A string literal, possibly under a format (`@base64 "…"`), with interpolations.
    mutating func parseStringTerm() throws(SyntaxError) -> Node {
        var format: String? = nil
        let start = current.start
        if case .format(let name) = kind {
            format = name
            advance()
        }
        let node = try parseString(format: format)
        return Node(node.kind, start, node.end)
    }

    mutating func parseString(format: String?) throws(SyntaxError) -> Node {
        let open = current
        guard case .stringStart = kind else { throw unexpected(expecting: "QQSTRING_START") }
        advance()
        var parts: [StringPart] = []
        while true {
            switch kind {
            case .stringText(let text):
                advance()
                parts.append(.text(text))
            case .interpolationStart:
                advance()
                let inner = try parsePipe()
                guard case .interpolationEnd = kind else { throw unexpected(expecting: "QQSTRING_INTERP_END") }
                advance()
                parts.append(.interpolation(inner))
            case .stringEnd:
                let close = advance()
                return Node(.string(parts: parts, format: format), open.start, close.end)
            default:
                throw unexpected()
            }
        }
    }

    mutating func parseObject() throws(SyntaxError) -> Node {
        let open = advance()  // {
        var entries: [ObjectEntry] = []
        if isPunct("}") {
            let close = advance()
            return Node(.object([]), open.start, close.end)
        }
        while true {
            entries.append(try parseObjectEntry())
            if isPunct(",") {
                advance()
                continue
            }
            if isPunct("}") {
                let close = advance()
                return Node(.object(entries), open.start, close.end)
            }
            throw unexpected()
        }
    }

    /// Object values are expressions joined by `|` (no `,`: it separates entries).
    mutating func parseObjectValue() throws(SyntaxError) -> Node {
        let lhs = try parseExpression()
        if isPunct("|") {
            advance()
            let rhs = try parseObjectValue()
            return Node(.pipe(lhs, rhs), lhs.start, rhs.end)
        }
        return lhs
    }

    mutating func parseObjectEntry() throws(SyntaxError) -> ObjectEntry {
        let t = current
        switch t.kind {
        case .ident(let name):
            advance()
            let key = Node(.literal(.string(name)), t.start, t.end)
            if isPunct(":") {
                advance()
                return ObjectEntry(key: key, value: try parseObjectValue(), variable: nil)
            }
            return ObjectEntry(key: key, value: nil, variable: nil)
        case .keyword(let k):
            advance()
            let key = Node(.literal(.string(k.rawValue)), t.start, t.end)
            if isPunct(":") {
                advance()
                return ObjectEntry(key: key, value: try parseObjectValue(), variable: nil)
            }
            return ObjectEntry(key: key, value: nil, variable: nil)
        case .binding(let name):
            advance()
            if isPunct(":") {
                // `{$k: v}`: the key is the variable's value.
                advance()
                return ObjectEntry(key: Node(.variable(name), t.start, t.end), value: try parseObjectValue(), variable: nil)
            }
            return ObjectEntry(key: Node(.literal(.string(name)), t.start, t.end), value: nil, variable: name)
        case .loc:
            advance()
            let key = Node(.literal(.string("__loc__")), t.start, t.end)
            return ObjectEntry(key: key, value: Node(.location(line: lineNumber(of: t.start)), t.start, t.end), variable: nil)
        case .number:
            // `{1: 2}`, `{1+2: 3}`: jq asks for parentheses.
            let key = try parseExpression()
            if isPunct(":") {
                throw fail("May need parentheses around object key expression", t.start, key.end)
            }
            throw unexpected()
        case .stringStart, .format:
            let key = try parseStringTerm()
            if isPunct(":") {
                advance()
                return ObjectEntry(key: key, value: try parseObjectValue(), variable: nil)
            }
            return ObjectEntry(key: key, value: nil, variable: nil)
        case .punct("("):
            advance()
            let key = try parsePipe()
            _ = try expectPunct(")")
            if let constant = Parser.constantValue(key), constant.stringValue == nil {
                throw fail("Cannot use \(constant.typeName) (\(truncatedDump(constant))) as object key", key.start, key.end)
            }
            _ = try expectPunct(":")
            return ObjectEntry(key: key, value: try parseObjectValue(), variable: nil)
        default:
            // Anything else before `:` (`{1+2: 3}`, `{.a: 1}`) needs parentheses.
            let start = t.start
            if let _ = try? parseExpression(), isPunct(":") {
                throw fail("May need parentheses around object key expression", start, tokens[index - 1].end)
            }
            throw unexpected()
        }
    }

    // MARK: helpers

    /// 1-based line of a byte offset in the program (for `$__loc__`).
    func lineNumber(of offset: Int) -> Int {
        var line = 1
        var i = 0
        while i < offset && i < source.count {
            if source[i] == 0x0A { line += 1 }
            i += 1
        }
        return line
    }
}
