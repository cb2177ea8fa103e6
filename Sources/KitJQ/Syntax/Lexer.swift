import KitCore

/// One token of a jq program, with its byte range in the source (for error carets).
struct Token: Sendable {
    enum Kind: Sendable, Equatable {
        /// A name, possibly module-qualified (`foo`, `mod::foo`); keywords are separate kinds.
        case ident(String)
        case keyword(Keyword)
        /// `.name`
        case field(String)
        /// `$name` (the name without the dollar sign)
        case binding(String)
        /// `$__loc__`
        case loc
        /// `@name`
        case format(String)
        /// A number literal as written.
        case number(String)
        /// An operator or punctuation, spelled as in the source (`|=`, `?//`, `[`, …).
        case punct(String)
        case stringStart
        /// Literal text inside a string, escapes already decoded.
        case stringText(String)
        /// `\(` inside a string.
        case interpolationStart
        /// The `)` that closes an interpolation.
        case interpolationEnd
        case stringEnd
        /// A character jq's lexer does not accept here (an unmatched bracket, a stray byte).
        case invalid(String)
        case eof
    }

    var kind: Kind
    var start: Int
    var end: Int
}

/// jq's reserved words. They can still be object keys (`{if: 1}`) and `$names` (`$then`).
enum Keyword: String, Sendable, CaseIterable {
    case `as`, `import`, include, module, def, `if`, then, `else`, elif, and, or, end
    case reduce, foreach, `try`, `catch`, label, `break`
}

/// An error found while reading a program: a message and the byte range it points at.
struct SyntaxError: Error, Sendable {
    var message: String
    var start: Int
    var end: Int
}

/// Splits a jq program into tokens, following jq's lexer: brackets are tracked so that the `)`
/// closing a string interpolation ends it, and an unbalanced closing bracket is an invalid token.
struct Lexer {
    let source: [UInt8]
    var position = 0
    var tokens: [Token] = []
    /// Open brackets: `(`, `[`, `{`, or `i` for an interpolation inside a string.
    var brackets: [UInt8] = []

    init(_ source: [UInt8]) {
        self.source = source
    }

    static func tokenize(_ source: [UInt8]) throws(SyntaxError) -> [Token] {
        var lexer = Lexer(source)
        try lexer.run()
        return lexer.tokens
    }

    mutating func run() throws(SyntaxError) {
        while true {
            skipSpaceAndComments()
            guard position < source.count else {
                tokens.append(Token(kind: .eof, start: source.count, end: source.count))
                return
            }
            try lexToken()
        }
    }

    func peek(_ offset: Int = 0) -> UInt8? {
        let i = position + offset
        return i < source.count ? source[i] : nil
    }

    static func isIdentStart(_ c: UInt8) -> Bool {
        (c >= 0x61 && c <= 0x7A) || (c >= 0x41 && c <= 0x5A) || c == 0x5F
    }

    static func isIdentChar(_ c: UInt8) -> Bool {
        isIdentStart(c) || (c >= 0x30 && c <= 0x39)
    }

    static func isDigit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }

    mutating func skipSpaceAndComments() {
        while position < source.count {
            let c = source[position]
            if c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09 {
                position += 1
            } else if c == UInt8(ascii: "#") {
                // A comment runs to the end of the line; an odd number of backslashes before the
                // line break continues it (jq 1.8).
                position += 1
                while position < source.count {
                    let d = source[position]
                    if d == UInt8(ascii: "\\") {
                        position += 1
                        if position < source.count {
                            if source[position] == 0x0D && position + 1 < source.count && source[position + 1] == 0x0A {
                                position += 2
                            } else {
                                position += 1
                            }
                        }
                        continue
                    }
                    if d == 0x0A { break }
                    position += 1
                }
            } else {
                return
            }
        }
    }

    mutating func emit(_ kind: Token.Kind, from start: Int) {
        tokens.append(Token(kind: kind, start: start, end: position))
    }

    /// Reads `name(::name)*` starting at `position` (which holds an identifier start).
    mutating func scanQualifiedName() -> String {
        let start = position
        while true {
            while position < source.count && Lexer.isIdentChar(source[position]) { position += 1 }
            // `::` followed by another name continues a module-qualified name.
            if position + 2 < source.count && source[position] == 0x3A && source[position + 1] == 0x3A
                && Lexer.isIdentStart(source[position + 2])
            {
                position += 2
                continue
            }
            break
        }
        return String(decoding: source[start..<position], as: UTF8.self)
    }

    static let punctuation: [String] = [
        "?//", "//=", "|=", "+=", "-=", "*=", "/=", "%=", "//", "==", "!=", "<=", ">=", "..",
        ".", "?", "=", ";", ",", ":", "|", "+", "-", "*", "/", "%", "$", "<", ">",
    ]

    mutating func lexToken() throws(SyntaxError) {
        let start = position
        let c = source[position]
        // Names and keywords.
        if Lexer.isIdentStart(c) {
            let name = scanQualifiedName()
            if let keyword = Keyword(rawValue: name) {
                emit(.keyword(keyword), from: start)
            } else {
                emit(.ident(name), from: start)
            }
            return
        }
        if c == UInt8(ascii: "$") {
            if let next = peek(1), Lexer.isIdentStart(next) {
                position += 1
                let name = scanQualifiedName()
                emit(name == "__loc__" ? .loc : .binding(name), from: start)
                return
            }
            position += 1
            emit(.punct("$"), from: start)
            return
        }
        if c == UInt8(ascii: "@") {
            position += 1
            while position < source.count && Lexer.isIdentChar(source[position]) { position += 1 }
            if position == start + 1 {
                emit(.invalid("@"), from: start)
                return
            }
            emit(.format(String(decoding: source[(start + 1)..<position], as: UTF8.self)), from: start)
            return
        }
        // Numbers: ([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?
        if Lexer.isDigit(c) || (c == UInt8(ascii: ".") && peek(1).map(Lexer.isDigit) == true) {
            while let d = peek(), Lexer.isDigit(d) { position += 1 }
            if peek() == UInt8(ascii: ".") {
                position += 1
                while let d = peek(), Lexer.isDigit(d) { position += 1 }
            }
            if let e = peek(), e == UInt8(ascii: "e") || e == UInt8(ascii: "E") {
                var i = position + 1
                if i < source.count && (source[i] == UInt8(ascii: "+") || source[i] == UInt8(ascii: "-")) { i += 1 }
                if i < source.count && Lexer.isDigit(source[i]) {
                    position = i
                    while let d = peek(), Lexer.isDigit(d) { position += 1 }
                }
            }
            emit(.number(String(decoding: source[start..<position], as: UTF8.self)), from: start)
            return
        }
        // `.name`
        if c == UInt8(ascii: "."), let next = peek(1), Lexer.isIdentStart(next) {
            position += 1
            while position < source.count && Lexer.isIdentChar(source[position]) { position += 1 }
            emit(.field(String(decoding: source[(start + 1)..<position], as: UTF8.self)), from: start)
            return
        }
        if c == UInt8(ascii: "\"") {
            position += 1
            emit(.stringStart, from: start)
            try lexStringBody()
            return
        }
        switch c {
        case UInt8(ascii: "("), UInt8(ascii: "["), UInt8(ascii: "{"):
            brackets.append(c)
            position += 1
            emit(.punct(String(UnicodeScalar(c))), from: start)
            return
        case UInt8(ascii: ")"), UInt8(ascii: "]"), UInt8(ascii: "}"):
            position += 1
            let opener: UInt8 = c == UInt8(ascii: ")") ? UInt8(ascii: "(") : (c == UInt8(ascii: "]") ? UInt8(ascii: "[") : UInt8(ascii: "{"))
            if let top = brackets.last {
                if top == UInt8(ascii: "i") && c == UInt8(ascii: ")") {
                    brackets.removeLast()
                    emit(.interpolationEnd, from: start)
                    try lexStringBody()
                    return
                }
                if top == opener {
                    brackets.removeLast()
                    emit(.punct(String(UnicodeScalar(c))), from: start)
                    return
                }
            }
            emit(.invalid(String(UnicodeScalar(c))), from: start)
            return
        default:
            break
        }
        for p in Lexer.punctuation {
            let bytes = Array(p.utf8)
            if position + bytes.count <= source.count && Array(source[position..<(position + bytes.count)]) == bytes {
                position += bytes.count
                emit(.punct(p), from: start)
                return
            }
        }
        // Anything else: one (possibly multi-byte) character jq does not accept.
        position += 1
        while position < source.count && source[position] & 0xC0 == 0x80 { position += 1 }
        emit(.invalid(String(decoding: source[start..<position], as: UTF8.self)), from: start)
    }

    /// Reads string content after `"` or after an interpolation's `)`, up to the closing quote
    /// or the next `\(`.
    mutating func lexStringBody() throws(SyntaxError) {
        var text: [UInt8] = []
        var textStart = position
        while position < source.count {
            let c = source[position]
            if c == UInt8(ascii: "\"") {
                appendText(&text, from: textStart)
                let start = position
                position += 1
                emit(.stringEnd, from: start)
                return
            }
            if text.isEmpty { textStart = position }
            if c == UInt8(ascii: "\\") {
                if peek(1) == UInt8(ascii: "(") {
                    appendText(&text, from: textStart)
                    let start = position
                    position += 2
                    brackets.append(UInt8(ascii: "i"))
                    emit(.interpolationStart, from: start)
                    return
                }
                // A run of escapes is decoded as one JSON string, as jq's lexer does.
                let runStart = position
                while position < source.count && source[position] == UInt8(ascii: "\\") && peek(1) != UInt8(ascii: "(") {
                    position += 1
                    guard position < source.count else { break }
                    if source[position] == UInt8(ascii: "u") {
                        position += 1
                        var n = 0
                        while n < 4 && position < source.count && Lexer.isIdentChar(source[position]) && source[position] != 0x5F {
                            position += 1
                            n += 1
                        }
                    } else {
                        // One character (possibly multi-byte) after the backslash.
                        position += 1
                        while position < source.count && source[position] & 0xC0 == 0x80 { position += 1 }
                    }
                }
                let run = Array(source[runStart..<position])
                text.append(contentsOf: try Lexer.decodeEscapes(run, start: runStart, end: position))
                continue
            }
            // Plain text up to the next quote or backslash.
            let runStart = position
            while position < source.count && source[position] != UInt8(ascii: "\"") && source[position] != UInt8(ascii: "\\") {
                position += 1
            }
            text.append(contentsOf: source[runStart..<position])
        }
        throw SyntaxError(
            message: "syntax error, unexpected end of file, expecting QQSTRING_TEXT or QQSTRING_INTERP_START or QQSTRING_END",
            start: source.count, end: source.count)
    }

    mutating func appendText(_ text: inout [UInt8], from start: Int) {
        if !text.isEmpty {
            tokens.append(Token(kind: .stringText(String(decoding: text, as: UTF8.self)), start: start, end: position))
            text = []
        }
    }

    /// Decodes a run of backslash escapes the way jq does (through its JSON parser); the
    /// message of an invalid escape quotes the run as jq quotes it.
    static func decodeEscapes(_ run: [UInt8], start: Int, end: Int) throws(SyntaxError) -> [UInt8] {
        var out: [UInt8] = []
        var i = 0
        let quoted = "\"" + String(decoding: run, as: UTF8.self) + "\""
        func fail(_ what: String) -> SyntaxError {
            SyntaxError(message: "\(what) at line 1, column \(quoted.unicodeScalars.count) (while parsing '\(quoted)')", start: start, end: end)
        }
        var pendingHigh: UInt32? = nil
        func flushHigh() {
            if pendingHigh != nil {
                appendScalar(0xFFFD, &out)
                pendingHigh = nil
            }
        }
        while i < run.count {
            // run[i] is a backslash.
            i += 1
            guard i < run.count else { throw fail("Invalid escape") }
            let e = run[i]
            i += 1
            if e == UInt8(ascii: "u") {
                var hex = 0
                var value: UInt32 = 0
                while hex < 4 && i < run.count, let d = hexValue(run[i]) {
                    value = value << 4 | UInt32(d)
                    hex += 1
                    i += 1
                }
                if hex < 4 { throw fail("Invalid \\uXXXX escape") }
                if value >= 0xD800 && value < 0xDC00 {
                    flushHigh()
                    pendingHigh = value
                } else if value >= 0xDC00 && value < 0xE000 {
                    if let high = pendingHigh {
                        appendScalar(0x10000 + ((high - 0xD800) << 10) + (value - 0xDC00), &out)
                        pendingHigh = nil
                    } else {
                        appendScalar(0xFFFD, &out)
                    }
                } else {
                    flushHigh()
                    appendScalar(value, &out)
                }
                continue
            }
            flushHigh()
            switch e {
            case UInt8(ascii: "\""): out.append(0x22)
            case UInt8(ascii: "\\"): out.append(0x5C)
            case UInt8(ascii: "/"): out.append(0x2F)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            default: throw fail("Invalid escape")
            }
        }
        flushHigh()
        return out
    }

    static func hexValue(_ c: UInt8) -> UInt8? {
        switch c {
        case 0x30...0x39: return c - 0x30
        case 0x61...0x66: return c - 0x61 + 10
        case 0x41...0x46: return c - 0x41 + 10
        default: return nil
        }
    }
}

/// Appends the UTF-8 encoding of a code point (U+FFFD for surrogates and out-of-range values).
func appendScalar(_ value: UInt32, _ out: inout [UInt8]) {
    let scalar = Unicode.Scalar(value) ?? Unicode.Scalar(0xFFFD)!
    out.append(contentsOf: Array(String(Character(scalar)).utf8))
}
