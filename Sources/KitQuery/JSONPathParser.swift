import KitCore

/// client-go's JSONPath parser (`util/jsonpath/parser.go`), ported step by step: a template is
/// text with `{…}` actions; inside an action the first characters decide what comes next
/// (`}` ends it, `[?(` a filter, `..` recursive descent, `[` an index/slice/union, quotes a
/// literal, `.` a field, a sign or digit a number, a letter an identifier such as `range`).
/// Go's mutually recursive parse functions become one loop per action here, so a long
/// template cannot exhaust the stack.
struct JSONPathParser {
    static let eof: Int32 = -1

    let input: [UInt8]
    var pos = 0
    var start = 0
    var width = 0

    init(_ text: String) {
        input = Array(text.utf8)
    }

    // MARK: Scanning

    mutating func next() -> Int32 {
        if pos >= input.count {
            width = 0
            return JSONPathParser.eof
        }
        let (scalar, w) = decode(at: pos)
        width = w
        pos += w
        return Int32(bitPattern: scalar)
    }

    mutating func peek() -> Int32 {
        let r = next()
        backup()
        return r
    }

    mutating func backup() {
        pos -= width
    }

    mutating func consumeText() -> String {
        let value = String(decoding: input[start..<pos], as: UTF8.self)
        start = pos
        return value
    }

    func hasPrefix(_ prefix: String) -> Bool {
        let p = Array(prefix.utf8)
        guard input.count - pos >= p.count else { return false }
        for (i, b) in p.enumerated() where input[pos + i] != b { return false }
        return true
    }

    /// The scalar starting at byte `i` and its length (input is valid UTF-8).
    func decode(at i: Int) -> (UInt32, Int) {
        let b0 = UInt32(input[i])
        if b0 < 0x80 { return (b0, 1) }
        if b0 < 0xE0, i + 1 < input.count { return ((b0 & 0x1F) << 6 | UInt32(input[i + 1] & 0x3F), 2) }
        if b0 < 0xF0, i + 2 < input.count {
            return ((b0 & 0x0F) << 12 | UInt32(input[i + 1] & 0x3F) << 6 | UInt32(input[i + 2] & 0x3F), 3)
        }
        if i + 3 < input.count {
            return (
                (b0 & 0x07) << 18 | UInt32(input[i + 1] & 0x3F) << 12 | UInt32(input[i + 2] & 0x3F) << 6
                    | UInt32(input[i + 3] & 0x3F), 4
            )
        }
        return (0xFFFD, 1)
    }

    func error(_ message: String) -> JSONPathError {
        JSONPathError(message, offset: pos)
    }

    // MARK: Template

    /// The whole template: text nodes and one list node per action.
    mutating func parseTemplate() throws(JSONPathError) -> [JSONPathNode] {
        var root: [JSONPathNode] = []
        while true {
            // parseText: up to the next `{`.
            var sawDelimiter = false
            while true {
                if hasPrefix("{") {
                    sawDelimiter = true
                    break
                }
                if next() == JSONPathParser.eof { break }
            }
            if pos > start { root.append(.text(consumeText())) }
            guard sawDelimiter else { return root }
            // parseLeftDelim
            pos += 1
            _ = consumeText()
            root.append(.list(try parseAction()))
        }
    }

    /// parseInsideAction until the action's closing `}` (consumed).
    mutating func parseAction() throws(JSONPathError) -> [JSONPathNode] {
        var cur: [JSONPathNode] = []
        while true {
            if hasPrefix("}") {
                pos += 1
                _ = consumeText()
                return cur
            }
            if hasPrefix("[?(") {
                try parseFilter(&cur)
                continue
            }
            if hasPrefix("..") {
                try parseRecursive(&cur)
                continue
            }
            let r = next()
            switch r {
            case JSONPathParser.eof, 13, 10:
                throw error("unclosed action")
            case 32:  // ' '
                _ = consumeText()
            case 64, 36:  // '@', '$': the current object
                _ = consumeText()
            case 91:  // '['
                try parseArray(&cur)
            case 34, 39:  // '"', '\''
                try parseQuote(&cur, end: r)
            case 46:  // '.'
                parseField(&cur)
            case 43, 45:  // '+', '-'
                backup()
                try parseNumber(&cur)
            default:
                if JSONPathParser.isDigit(r) {
                    backup()
                    try parseNumber(&cur)
                } else if JSONPathParser.isAlphaNumeric(r) {
                    backup()
                    parseIdentifier(&cur)
                } else {
                    throw error("unrecognized character in action: \(JSONPathParser.goUnicodeFormat(r))")
                }
            }
        }
    }

    /// client-go's `parseAction(name, text)`: `{text}` parsed as a template of its own, its
    /// first action's nodes. Errors are placed at `offset` of the outer template.
    static func parseSubAction(_ text: String, offset: Int) throws(JSONPathError) -> [JSONPathNode] {
        var parser = JSONPathParser("{" + text + "}")
        do {
            let nodes = try parser.parseTemplate()
            if case .list(let inner)? = nodes.first { return inner }
            return []
        } catch {
            throw JSONPathError(error.message, offset: offset)
        }
    }

    mutating func parseIdentifier(_ cur: inout [JSONPathNode]) {
        while true {
            let r = next()
            if JSONPathParser.isTerminator(r) {
                backup()
                break
            }
        }
        let value = consumeText()
        if value == "true" || value == "false" {
            cur.append(.bool(value == "true"))
        } else {
            cur.append(.identifier(value))
        }
    }

    mutating func parseRecursive(_ cur: inout [JSONPathNode]) throws(JSONPathError) {
        if cur.last == .recursive {
            throw error("invalid multiple recursive descent")
        }
        pos += 2
        _ = consumeText()
        cur.append(.recursive)
        if JSONPathParser.isAlphaNumeric(peek()) {
            parseField(&cur)
        }
    }

    mutating func parseNumber(_ cur: inout [JSONPathNode]) throws(JSONPathError) {
        var r = peek()
        if r == 43 || r == 45 { _ = next() }
        while true {
            r = next()
            if r != 46 && !JSONPathParser.isDigit(r) {
                backup()
                break
            }
        }
        let value = consumeText()
        if let i = GoStrconv.atoi(value) {
            cur.append(.int(i))
            return
        }
        if let d = GoStrconv.parseFloat(value) {
            cur.append(.float(d))
            return
        }
        throw error("cannot parse number \(value)")
    }

    mutating func parseArray(_ cur: inout [JSONPathNode]) throws(JSONPathError) {
        loop: while true {
            switch next() {
            case JSONPathParser.eof, 10:
                throw error("unterminated array")
            case 93:  // ']'
                break loop
            default:
                continue
            }
        }
        let consumed = Array(consumeText().utf8)
        var text = String(decoding: consumed[1..<(consumed.count - 1)], as: UTF8.self)
        if text == "*" { text = ":" }

        // Union: the text split at every comma.
        let parts = text.split(separator: ",", omittingEmptySubsequences: false)
        if parts.count > 1 {
            var union: [[JSONPathNode]] = []
            for part in parts {
                union.append(try JSONPathParser.parseSubAction("[" + JSONPathParser.trimSpaces(part) + "]", offset: pos))
            }
            cur.append(.union(union))
            return
        }

        // Dictionary key: ['key'].
        let bytes = Array(text.utf8)
        if bytes.count >= 2, bytes.first == 39, bytes.last == 39, !bytes[1..<(bytes.count - 1)].contains(39) {
            let key = String(decoding: bytes[1..<(bytes.count - 1)], as: UTF8.self)
            cur.append(contentsOf: try JSONPathParser.parseSubAction("." + key, offset: pos))
            return
        }

        // Slice: ^(-?[\d]*)(:-?[\d]*)?(:-?[\d]*)?$
        guard let groups = JSONPathParser.sliceGroups(bytes) else {
            throw error("invalid array index \(text)")
        }
        var params = [JSONPathSliceParameter](repeating: JSONPathSliceParameter(), count: 3)
        for i in 0..<3 {
            var value = groups[i]
            if !value.isEmpty {
                if i > 0 { value.removeFirst() }
                if i > 0 && value.isEmpty {
                    params[i].known = false
                } else {
                    params[i].known = true
                    guard let v = GoStrconv.atoi(value) else {
                        throw error("array index \(value) is not a number")
                    }
                    params[i].value = v
                }
            } else if i == 1 {
                params[i].known = true
                params[i].value = params[0].value &+ 1
                params[i].derived = true
            } else {
                params[i].known = false
                params[i].value = 0
            }
        }
        cur.append(.array(params))
    }

    /// The three groups of the slice pattern (empty when a group is absent), or nil when the
    /// text does not match.
    static func sliceGroups(_ bytes: [UInt8]) -> [String]? {
        var i = 0
        func group(leadingColon: Bool) -> String? {
            let begin = i
            if leadingColon {
                guard i < bytes.count, bytes[i] == 58 else { return "" }
                i += 1
            }
            if i < bytes.count, bytes[i] == 45 { i += 1 }
            while i < bytes.count, bytes[i] >= 48, bytes[i] <= 57 { i += 1 }
            return String(decoding: bytes[begin..<i], as: UTF8.self)
        }
        guard let g1 = group(leadingColon: false), let g2 = group(leadingColon: true), let g3 = group(leadingColon: true)
        else { return nil }
        return i == bytes.count ? [g1, g2, g3] : nil
    }

    mutating func parseFilter(_ cur: inout [JSONPathNode]) throws(JSONPathError) {
        pos += 3
        _ = consumeText()
        var begin = false
        var end = false
        var pair: Int32 = 0
        loop: while true {
            let r = next()
            switch r {
            case JSONPathParser.eof, 10:
                throw error("unterminated filter")
            case 34, 39:
                if !begin {
                    begin = true
                    pair = r
                    continue
                }
                if input[pos - 2] != 92 && r == pair { end = true }
            case 41:  // ')'
                if begin == end { break loop }
            default:
                break
            }
        }
        if next() != 93 {
            throw error("unclosed array expect ]")
        }
        let consumed = Array(consumeText().utf8)
        let text = Array(consumed[..<(consumed.count - 2)])
        if let (left, op, right) = JSONPathParser.splitComparison(text) {
            let leftNodes = try JSONPathParser.parseSubAction(left, offset: pos)
            let rightNodes = try JSONPathParser.parseSubAction(right, offset: pos)
            cur.append(.filter(left: leftNodes, right: rightNodes, op: op))
        } else {
            let nodes = try JSONPathParser.parseSubAction(String(decoding: text, as: UTF8.self), offset: pos)
            cur.append(.filter(left: nodes, right: [], op: "exists"))
        }
    }

    /// `^([^!<>=]+)([!<>=]+)(.+?)$`: the left operand, the operator characters, the rest.
    static func splitComparison(_ text: [UInt8]) -> (String, String, String)? {
        func isOperator(_ b: UInt8) -> Bool { b == 33 || b == 60 || b == 62 || b == 61 }
        guard let first = text.firstIndex(where: isOperator), first > 0 else { return nil }
        var end = first
        while end < text.count, isOperator(text[end]) { end += 1 }
        // `.` does not match a line break; filters cannot hold one (the scan stops there).
        guard end < text.count else { return nil }
        return (
            String(decoding: text[..<first], as: UTF8.self), String(decoding: text[first..<end], as: UTF8.self),
            String(decoding: text[end...], as: UTF8.self)
        )
    }

    mutating func parseQuote(_ cur: inout [JSONPathNode], end: Int32) throws(JSONPathError) {
        loop: while true {
            let r = next()
            if r == JSONPathParser.eof || r == 10 {
                throw error("unterminated quoted string")
            }
            if r == end && input[pos - 2] != 92 { break loop }
        }
        let value = consumeText()
        guard let unquoted = GoStrconv.unquoteExtend(value) else {
            throw error("unquote string \(value) error invalid syntax")
        }
        cur.append(.text(unquoted))
    }

    mutating func parseField(_ cur: inout [JSONPathNode]) {
        _ = consumeText()
        while advance() {}
        let value = consumeText()
        if value == "*" {
            cur.append(.wildcard)
        } else {
            cur.append(.field(String(decoding: value.utf8.filter { $0 != 92 }, as: UTF8.self)))
        }
    }

    /// Scans to the next unescaped terminator.
    mutating func advance() -> Bool {
        let r = next()
        if r == 92 {
            _ = next()
        } else if JSONPathParser.isTerminator(r) {
            backup()
            return false
        }
        return true
    }

    // MARK: Character classes

    static func isTerminator(_ r: Int32) -> Bool {
        switch r {
        case 32, 9, 13, 10, eof, 46, 44, 91, 93, 36, 64, 123, 125: return true
        default: return false
        }
    }

    static func isDigit(_ r: Int32) -> Bool {
        guard r >= 0, let scalar = Unicode.Scalar(UInt32(r)) else { return false }
        if r < 0x80 { return r >= 48 && r <= 57 }
        return scalar.properties.generalCategory == .decimalNumber
    }

    static func isAlphaNumeric(_ r: Int32) -> Bool {
        guard r >= 0, let scalar = Unicode.Scalar(UInt32(r)) else { return false }
        if r == 95 { return true }
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter, .decimalNumber:
            return true
        default:
            return false
        }
    }

    /// Go's `%#U`: `U+0023 '#'`, without the character when it is not printable.
    static func goUnicodeFormat(_ r: Int32) -> String {
        var hex = String(UInt32(bitPattern: r), radix: 16, uppercase: true)
        if hex.count < 4 { hex = String(repeating: "0", count: 4 - hex.count) + hex }
        if let scalar = Unicode.Scalar(UInt32(bitPattern: r)), GoSyntax.isPrintable(scalar) {
            return "U+\(hex) '\(Character(scalar))'"
        }
        return "U+\(hex)"
    }

    /// Go's `strings.Trim(s, " ")`.
    static func trimSpaces(_ s: Substring) -> String {
        var s = s
        while s.first == " " { s.removeFirst() }
        while s.last == " " { s.removeLast() }
        return String(s)
    }
}

