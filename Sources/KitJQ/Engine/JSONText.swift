import KitCore

/// `fromjson`: one JSON text, read with the core reader; when it is not valid, the message is
/// the one jq's own parser gives (`Invalid numeric literal at EOF at line 1, column 4 (while
/// parsing 'NaN1')`), found by `JQParseDiagnosis`.
func parseJSONText(_ s: String) throws -> Value {
    let bytes = Array(s.utf8)
    var result: Value? = nil
    var failed = false
    do {
        try JSONReader.forEachValue(bytes, file: "", options: JSONReader.Options(maxDepth: 10_000, allowNonFinite: true, repairUTF8: true)) { v in
            if result != nil { throw KitError("extra") }
            result = v
        }
    } catch {
        failed = true
    }
    if !failed, let result { return result }
    let message = JQParseDiagnosis.message(bytes) ?? (result == nil ? "Expected JSON value" : "Unexpected extra JSON values")
    throw JQError("\(message) (while parsing '\(s)')")
}

/// The checks of jq's JSON parser (`jv_parse.c`), without building values: run on text the
/// core reader rejected, it names the problem as jq does, with jq's line and column.
struct JQParseDiagnosis {
    enum Frame {
        case array(empty: Bool)
        case object(empty: Bool)
        case key
    }
    enum Kind { case string, number, other }

    var stack: [Frame] = []
    var next: Kind? = nil
    var token: [UInt8] = []
    var inString = false
    var escaped = false
    var line = 1
    var column = 0
    var outputs = 0

    /// jq's message for the first problem in `bytes`, or nil if jq would accept them.
    static func message(_ bytes: [UInt8]) -> String? {
        var d = JQParseDiagnosis()
        var input = bytes[...]
        if input.starts(with: [0xEF, 0xBB, 0xBF]) { input = input.dropFirst(3) }
        for ch in input {
            if let problem = d.scan(ch) { return "\(problem) at line \(d.line), column \(d.column)" }
            if d.outputs > 1 { return "Unexpected extra JSON values" }
        }
        if d.inString { return "Unfinished string at EOF at line \(d.line), column \(d.column)" }
        if let problem = d.checkLiteral() { return "\(problem) at EOF at line \(d.line), column \(d.column)" }
        if !d.stack.isEmpty { return "Unfinished JSON term at EOF at line \(d.line), column \(d.column)" }
        if d.next != nil { d.outputs += 1 }
        if d.outputs > 1 { return "Unexpected extra JSON values" }
        if d.outputs == 0 { return "Expected JSON value" }
        return nil
    }

    mutating func checkDone() {
        if stack.isEmpty && next != nil {
            next = nil
            outputs += 1
        }
    }

    mutating func scan(_ ch: UInt8) -> String? {
        column += 1
        if ch == 0x0A {
            line += 1
            column = 0
        }
        if inString {
            if ch == UInt8(ascii: "\"") && !escaped {
                if let problem = foundString() { return problem }
                inString = false
                checkDone()
            } else {
                token.append(ch)
                escaped = ch == UInt8(ascii: "\\") && !escaped
            }
            return nil
        }
        switch ch {
        case 0x20, 0x09, 0x0D, 0x0A:
            if let problem = checkLiteral() { return problem }
            checkDone()
        case UInt8(ascii: "\""):
            if let problem = checkLiteral() { return problem }
            checkDone()
            inString = true
            escaped = false
        case UInt8(ascii: "["), UInt8(ascii: ","), UInt8(ascii: "]"), UInt8(ascii: "{"), UInt8(ascii: ":"), UInt8(ascii: "}"):
            if let problem = checkLiteral() { return problem }
            checkDone()
            if let problem = structure(ch) { return problem }
            checkDone()
        default:
            token.append(ch)
        }
        return nil
    }

    mutating func setValue(_ kind: Kind) -> String? {
        if next != nil { return "Expected separator between values" }
        next = kind
        return nil
    }

    mutating func foundString() -> String? {
        var i = 0
        while i < token.count {
            let c = token[i]
            i += 1
            if c == UInt8(ascii: "\\") {
                guard i < token.count else { return "Expected escape character at end of string" }
                let e = token[i]
                i += 1
                switch e {
                case UInt8(ascii: "\\"), UInt8(ascii: "\""), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
                    UInt8(ascii: "t"), UInt8(ascii: "n"), UInt8(ascii: "r"):
                    break
                case UInt8(ascii: "u"):
                    guard i + 4 <= token.count else { return "Invalid \\uXXXX escape" }
                    guard let code = JQParseDiagnosis.hex4(token[i..<(i + 4)]) else { return "Invalid characters in \\uXXXX escape" }
                    i += 4
                    if code >= 0xD800 && code <= 0xDBFF {
                        guard i + 6 <= token.count, token[i] == UInt8(ascii: "\\"), token[i + 1] == UInt8(ascii: "u"),
                            let low = JQParseDiagnosis.hex4(token[(i + 2)..<(i + 6)]), low >= 0xDC00 && low <= 0xDFFF
                        else { return "Invalid \\uXXXX\\uXXXX surrogate pair escape" }
                        i += 6
                    }
                default:
                    return "Invalid escape"
                }
            } else if c < 0x20 {
                return "Invalid string: control characters from U+0000 through U+001F must be escaped"
            }
        }
        token = []
        return setValue(.string)
    }

    static func hex4(_ bytes: ArraySlice<UInt8>) -> Int? {
        var v = 0
        for c in bytes {
            guard let d = Lexer.hexValue(c) else { return nil }
            v = v << 4 | Int(d)
        }
        return v
    }

    mutating func checkLiteral() -> String? {
        guard let first = token.first else { return nil }
        var pattern: String? = nil
        switch first {
        case UInt8(ascii: "t"): pattern = "true"
        case UInt8(ascii: "f"): pattern = "false"
        case UInt8(ascii: "'"): return "Invalid string literal; expected \", but got '"
        case UInt8(ascii: "n") where token.count > 1 && token[1] == UInt8(ascii: "u"): pattern = "null"
        default: break
        }
        let text = String(decoding: token, as: UTF8.self)
        token = []
        if let pattern {
            if text != pattern { return "Invalid literal" }
            return setValue(.other)
        }
        guard JQParseDiagnosis.isDecimalLiteral(text) else { return "Invalid numeric literal" }
        return setValue(.number)
    }

    /// What decNumber accepts: `[+-]` then digits with an optional point and exponent, or
    /// NaN, sNaN, Inf, Infinity (any case).
    static func isDecimalLiteral(_ text: String) -> Bool {
        var t = Substring(text)
        if t.hasPrefix("+") || t.hasPrefix("-") { t = t.dropFirst() }
        let lower = t.lowercased()
        if lower == "nan" || lower == "snan" || lower == "inf" || lower == "infinity" { return true }
        return parseNumberLiteral(String(t)) != nil && !lower.contains("n") && !lower.contains("i")
    }

    mutating func structure(_ ch: UInt8) -> String? {
        switch ch {
        case UInt8(ascii: "["), UInt8(ascii: "{"):
            if stack.count >= 10_000 { return "Exceeds depth limit for parsing" }
            if next != nil { return "Expected separator between values" }
            stack.append(ch == UInt8(ascii: "[") ? .array(empty: true) : .object(empty: true))
        case UInt8(ascii: ":"):
            guard let kind = next else { return "Expected string key before ':'" }
            guard case .object? = stack.last else { return "':' not as part of an object" }
            guard kind == .string else { return "Object keys must be strings" }
            stack.append(.key)
            next = nil
        case UInt8(ascii: ","):
            guard next != nil else { return "Expected value before ','" }
            guard let top = stack.last else { return "',' not as part of an object or array" }
            switch top {
            case .array:
                stack[stack.count - 1] = .array(empty: false)
            case .key:
                stack.removeLast()
                stack[stack.count - 1] = .object(empty: false)
            case .object:
                return "Objects must consist of key:value pairs"
            }
            next = nil
        case UInt8(ascii: "]"):
            guard case .array(let empty)? = stack.last else { return "Unmatched ']'" }
            if next == nil && !empty { return "Expected another array element" }
            stack.removeLast()
            next = .other
        default:  // }
            guard let top = stack.last else { return "Unmatched '}'" }
            if next != nil {
                guard case .key = top else { return "Objects must consist of key:value pairs" }
                stack.removeLast()
            } else {
                guard case .object(let empty) = top else { return "Unmatched '}'" }
                if !empty { return "Expected another key-value pair" }
            }
            stack.removeLast()
            next = .other
        }
        return nil
    }
}
