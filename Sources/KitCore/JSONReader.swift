import Dispatch
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A strict RFC 8259 JSON reader, written for speed: one pass over the bytes, no recursion,
/// arrays and objects built at their exact size, repeated strings shared.
///
/// Accepts a sequence of JSON texts separated by whitespace (as jq reads its input) and a
/// leading byte-order mark. Numbers: integers that fit 64 bits become `int`; every other
/// literal becomes a `double` when jq would print that double exactly as the literal reads,
/// and a `decimal` (keeping its digits) otherwise. A repeated key keeps its first position
/// and its last value, as jq and Go do.
public struct JSONReader {
    public struct Options: Sendable {
        /// Deepest nesting accepted (jq's limit is 10000).
        public var maxDepth: Int
        /// Accept `nan`, `NaN`, `-nan`, `Infinity`, `-Infinity` as numbers (jq does).
        public var allowNonFinite: Bool
        /// Replace invalid UTF-8 with U+FFFD instead of failing (jq does).
        public var repairUTF8: Bool

        public init(maxDepth: Int = 10_000, allowNonFinite: Bool = false, repairUTF8: Bool = false) {
            self.maxDepth = maxDepth
            self.allowNonFinite = allowNonFinite
            self.repairUTF8 = repairUTF8
        }
    }

    /// The single JSON text of `bytes`; anything but whitespace after it is an error.
    public static func read(_ bytes: [UInt8], file: String = "-", options: Options = Options()) throws -> Value {
        var result: Value? = nil
        try forEachValue(bytes, file: file, options: options) { v in
            if result != nil { throw KitError("unexpected data after the JSON value") }
            result = v
        }
        guard let result else { throw KitError("no JSON value in the input", at: SourceLocation(file: file, line: 1, column: 1)) }
        return result
    }

    public static func read(_ text: String, file: String = "-", options: Options = Options()) throws -> Value {
        try read(Array(text.utf8), file: file, options: options)
    }

    /// Calls `body` with each JSON text of a whitespace-separated sequence.
    public static func forEachValue(
        _ bytes: [UInt8], file: String = "-", options: Options = Options(), _ body: (Value) throws -> Void
    ) throws {
        try bytes.withUnsafeBufferPointer { buffer in
            var parser = Parser(input: buffer, file: file, options: options)
            parser.skipByteOrderMark()
            while true {
                parser.skipWhitespace()
                if parser.atEnd { return }
                let start = parser.position
                do {
                    try body(try parser.parseValue())
                } catch let e as KitError where e.location == nil {
                    throw KitError(e.message, at: parser.location(of: start))
                }
            }
        }
    }
}

extension JSONReader {
    /// Where the value at `path` of the `document`-th JSON text of `bytes` starts (or the
    /// deepest node on the path that exists): for messages about values that a writer refused,
    /// which knows the path but not the position. Nil when the input does not parse that far.
    public static func location(of path: [PathComponent], document: Int, in bytes: [UInt8], file: String) -> SourceLocation? {
        bytes.withUnsafeBufferPointer { buffer in
            var parser = Parser(input: buffer, file: file, options: Options(allowNonFinite: true, repairUTF8: true))
            parser.skipByteOrderMark()
            for _ in 0..<document {
                parser.skipWhitespace()
                guard (try? parser.parseValue()) != nil else { return nil }
            }
            parser.skipWhitespace()
            var found = parser.position
            walk: for step in path {
                parser.skipWhitespace()
                guard parser.position < buffer.count else { break }
                switch step {
                case .key(let key):
                    guard buffer[parser.position] == UInt8(ascii: "{") else { break walk }
                    parser.position += 1
                    while true {
                        parser.skipWhitespace()
                        guard parser.position < buffer.count, buffer[parser.position] == UInt8(ascii: "\""),
                            let k = try? parser.readString()
                        else { break walk }
                        parser.skipWhitespace()
                        guard parser.position < buffer.count, buffer[parser.position] == UInt8(ascii: ":") else { break walk }
                        parser.position += 1
                        parser.skipWhitespace()
                        if k == key { break }
                        guard (try? parser.parseValue()) != nil else { break walk }
                        parser.skipWhitespace()
                        guard parser.position < buffer.count, buffer[parser.position] == UInt8(ascii: ",") else { break walk }
                        parser.position += 1
                    }
                case .index(let index):
                    guard buffer[parser.position] == UInt8(ascii: "[") else { break walk }
                    parser.position += 1
                    for _ in 0..<index {
                        parser.skipWhitespace()
                        guard (try? parser.parseValue()) != nil else { break walk }
                        parser.skipWhitespace()
                        guard parser.position < buffer.count, buffer[parser.position] == UInt8(ascii: ",") else { break walk }
                        parser.position += 1
                    }
                    parser.skipWhitespace()
                }
                found = parser.position
            }
            return parser.location(of: found)
        }
    }
}

extension JSONReader {
    /// The JSON texts of one input, read one at a time on demand (a pull parser over a whole
    /// buffer, for jq's `input`). With `releaseConsumed`, the pages of a mapped file are given
    /// back as parsing moves past them, so memory holds the values, not also the text.
    public final class Stream {
        let buffer: InputBuffer
        fileprivate var parser: Parser
        /// Byte offset just after the last value read.
        public private(set) var offset = 0

        public init(_ buffer: InputBuffer, file: String, options: Options = Options(), releaseConsumed: Bool = false) {
            self.buffer = buffer
            parser = Parser(input: buffer.bytes, file: file, options: options)
            parser.skipByteOrderMark()
            if releaseConsumed {
                parser.releaser = buffer
                parser.nextRelease = Parser.releaseInterval
            }
        }

        /// The next value, or nil at the end of the input.
        public func next() throws -> Value? {
            parser.skipWhitespace()
            if parser.atEnd {
                offset = parser.position
                return nil
            }
            let start = parser.position
            do {
                let v = try parser.parseValue()
                offset = parser.position
                return v
            } catch let e as KitError where e.location == nil {
                throw KitError(e.message, at: parser.location(of: start))
            }
        }

        /// The line and column of a byte offset.
        public func location(of offset: Int) -> SourceLocation {
            parser.location(of: offset)
        }
    }
}

private struct Parser {
    let input: UnsafeBufferPointer<UInt8>
    let file: String
    let options: JSONReader.Options
    var position = 0
    var interner = StringInterner()
    /// When set, pages before the parse position are given back every `releaseInterval` bytes.
    var releaser: InputBuffer? = nil
    var nextRelease = Int.max
    static let releaseInterval = 32 << 20

    mutating func releaseConsumed() {
        releaser?.release(upTo: position)
        nextRelease = position + Parser.releaseInterval
    }

    // Scratch stacks shared by all open containers: values of open arrays and objects,
    // keys of open objects. A container's items are copied out at exactly their size.
    var values: [Value] = []
    var keys: [String] = []
    struct Frame {
        var isObject: Bool
        var valueStart: Int
        var keyStart: Int
        var start: Int
    }
    var frames: [Frame] = []

    init(input: UnsafeBufferPointer<UInt8>, file: String, options: JSONReader.Options) {
        self.input = input
        self.file = file
        self.options = options
    }

    var atEnd: Bool { position >= input.count }

    func location(of offset: Int) -> SourceLocation {
        SourceLocation(file: file, byteOffset: offset, in: input)
    }

    func fail(_ message: String, at offset: Int? = nil) -> KitError {
        KitError(message, at: location(of: offset ?? position))
    }

    mutating func skipByteOrderMark() {
        if input.count >= 3 && input[0] == 0xEF && input[1] == 0xBB && input[2] == 0xBF { position = 3 }
    }

    @inline(__always)
    mutating func skipWhitespace() {
        // Pretty-printed input is mostly indentation: skip runs of spaces 8 bytes at a time,
        // and keep the position in a register while scanning.
        var p = position
        let count = input.count
        let base = UnsafeRawPointer(input.baseAddress!)
        while p < count {
            let c = input[p]
            if c == 0x20 {
                while p + 8 <= count && base.loadUnaligned(fromByteOffset: p, as: UInt64.self) == 0x2020_2020_2020_2020 {
                    p += 8
                }
                while p < count && input[p] == 0x20 { p += 1 }
                continue
            }
            guard c == 0x0A || c == 0x0D || c == 0x09 else { break }
            p += 1
        }
        position = p
    }

    func describe(_ offset: Int) -> String {
        guard offset < input.count else { return "end of input" }
        let c = input[offset]
        if c >= 0x20 && c < 0x7F { return "'\(Character(Unicode.Scalar(c)))'" }
        return "byte 0x\(String(c, radix: 16))"
    }

    /// Parses one complete value (iteratively: nesting depth does not grow the call stack).
    mutating func parseValue() throws -> Value {
        let baseDepth = frames.count
        while true {
            skipWhitespace()
            guard position < input.count else { throw fail("unexpected end of input") }
            var value: Value
            let c = input[position]
            switch c {
            case UInt8(ascii: "{"):
                try openContainer(isObject: true)
                skipWhitespace()
                if position < input.count && input[position] == UInt8(ascii: "}") {
                    position += 1
                    value = closeContainer()
                } else {
                    try readKey()
                    continue
                }
            case UInt8(ascii: "["):
                try openContainer(isObject: false)
                skipWhitespace()
                if position < input.count && input[position] == UInt8(ascii: "]") {
                    position += 1
                    value = closeContainer()
                } else {
                    continue
                }
            case UInt8(ascii: "\""):
                value = .string(try readString())
            case UInt8(ascii: "t"):
                try expectWord("true")
                value = .bool(true)
            case UInt8(ascii: "f"):
                try expectWord("false")
                value = .bool(false)
            case UInt8(ascii: "n"):
                if options.allowNonFinite && matches("nan") {
                    position += 3
                    value = .double(.nan)
                } else {
                    try expectWord("null")
                    value = .null
                }
            default:
                value = try readNumber()
            }
            // Hand the finished value to the enclosing containers, closing those that end.
            while true {
                if frames.count == baseDepth { return value }
                values.append(value)
                if position >= nextRelease { releaseConsumed() }
                skipWhitespace()
                guard position < input.count else { throw fail("unexpected end of input") }
                let frame = frames[frames.count - 1]
                let d = input[position]
                if d == UInt8(ascii: ",") {
                    position += 1
                    if frame.isObject {
                        skipWhitespace()
                        try readKey()
                    }
                    break
                }
                if d == (frame.isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")) {
                    position += 1
                    value = closeContainer()
                    continue
                }
                throw fail("expected ',' or '\(frame.isObject ? "}" : "]")' but found \(describe(position))")
            }
        }
    }

    mutating func openContainer(isObject: Bool) throws {
        if frames.count >= options.maxDepth {
            throw fail("nesting is deeper than \(options.maxDepth) levels")
        }
        frames.append(Frame(isObject: isObject, valueStart: values.count, keyStart: keys.count, start: position))
        position += 1
    }

    mutating func closeContainer() -> Value {
        let frame = frames.removeLast()
        if frame.isObject {
            return .object(Object(takingKeys: &keys, from: frame.keyStart, values: &values, from: frame.valueStart))
        }
        // Move the items out (leaving trivial nulls behind), so that no reference count changes.
        // `reserveCapacity` + `append` rather than `init(unsafeUninitializedCapacity:)`: the
        // latter allocates through an unspecialized stdlib entry point that looks up generic
        // metadata on every call (~7% of a snapshot parse).
        let n = values.count - frame.valueStart
        var items: [Value] = []
        items.reserveCapacity(n)
        values.withUnsafeMutableBufferPointer { source in
            let from = source.baseAddress! + frame.valueStart
            for i in 0..<n {
                items.append((from + i).move())
                (from + i).initialize(to: .null)
            }
        }
        values.removeSubrange(frame.valueStart...)
        return .array(items)
    }

    /// Reads `"key"` and the `:` after it.
    mutating func readKey() throws {
        guard position < input.count, input[position] == UInt8(ascii: "\"") else {
            throw fail("expected a string key but found \(describe(position))")
        }
        keys.append(try readString())
        skipWhitespace()
        guard position < input.count, input[position] == UInt8(ascii: ":") else {
            throw fail("expected ':' after an object key but found \(describe(position))")
        }
        position += 1
    }

    func matches(_ word: StaticString) -> Bool {
        let n = word.utf8CodeUnitCount
        guard position + n <= input.count else { return false }
        return memcmp(input.baseAddress! + position, word.utf8Start, n) == 0
    }

    mutating func expectWord(_ word: StaticString) throws {
        guard matches(word) else { throw fail("invalid literal; expected \(word)") }
        position += word.utf8CodeUnitCount
    }

    mutating func readString() throws -> String {
        let start = position
        let contentStart = position + 1
        var ascii = true
        // Fast scan: no escapes (the position stays in a register while scanning).
        var p = contentStart
        let count = input.count
        let base = UnsafeRawPointer(input.baseAddress!)
        while true {
            // Skip 8 plain bytes at a time: none a quote, backslash, control or non-ASCII byte.
            while p + 8 <= count {
                let w = base.loadUnaligned(fromByteOffset: p, as: UInt64.self)
                if Self.hasSpecialByte(w) { break }
                p += 8
            }
            guard p < count else { break }
            let c = input[p]
            if c == UInt8(ascii: "\"") {
                let bytes = UnsafeBufferPointer(rebasing: input[contentStart..<p])
                position = p + 1
                if ascii { return interner.string(bytes) }
                return try validated(bytes, at: contentStart)
            }
            if c == UInt8(ascii: "\\") { break }
            if c < 0x20 {
                position = p
                throw fail("control character in a string (escape it as \\u\(zeroPaddedHex(c, width: 4)))")
            }
            if c >= 0x80 { ascii = false }
            p += 1
        }
        position = p
        if position >= input.count { throw fail("unterminated string", at: start) }
        // Slow path: escapes.
        var buffer = [UInt8](UnsafeBufferPointer(rebasing: input[contentStart..<position]))
        while position < input.count {
            let c = input[position]
            if c == UInt8(ascii: "\"") {
                position += 1
                return try buffer.withUnsafeBufferPointer { try validated($0, at: contentStart) }
            }
            if c < 0x20 { throw fail("control character in a string (escape it as \\u\(zeroPaddedHex(c, width: 4)))") }
            if c != UInt8(ascii: "\\") {
                buffer.append(c)
                position += 1
                continue
            }
            position += 1
            guard position < input.count else { break }
            let e = input[position]
            position += 1
            switch e {
            case UInt8(ascii: "\""): buffer.append(0x22)
            case UInt8(ascii: "\\"): buffer.append(0x5C)
            case UInt8(ascii: "/"): buffer.append(0x2F)
            case UInt8(ascii: "b"): buffer.append(0x08)
            case UInt8(ascii: "f"): buffer.append(0x0C)
            case UInt8(ascii: "n"): buffer.append(0x0A)
            case UInt8(ascii: "r"): buffer.append(0x0D)
            case UInt8(ascii: "t"): buffer.append(0x09)
            case UInt8(ascii: "u"):
                var scalar = UInt32(try readHex4())
                if scalar >= 0xD800 && scalar < 0xDC00 {
                    // A high surrogate must be followed by \u and a low one; lone halves
                    // become U+FFFD, as jq reads them.
                    if position + 6 <= input.count && input[position] == UInt8(ascii: "\\")
                        && input[position + 1] == UInt8(ascii: "u")
                    {
                        let save = position
                        position += 2
                        let low = UInt32(try readHex4())
                        if low >= 0xDC00 && low < 0xE000 {
                            scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                        } else {
                            position = save
                            scalar = 0xFFFD
                        }
                    } else {
                        scalar = 0xFFFD
                    }
                } else if scalar >= 0xDC00 && scalar < 0xE000 {
                    scalar = 0xFFFD
                }
                appendUTF8(Unicode.Scalar(scalar)!, to: &buffer)
            default:
                throw fail("invalid escape '\\\(Character(Unicode.Scalar(e)))' in a string", at: position - 2)
            }
        }
        throw fail("unterminated string", at: start)
    }

    /// Whether any byte of `w` is a quote, a backslash, below 0x20 or above 0x7F.
    @inline(__always)
    static func hasSpecialByte(_ w: UInt64) -> Bool {
        (SWAR.matches(w, 0x22) | SWAR.matches(w, 0x5C) | SWAR.below(w, 0x20) | w) & SWAR.highs != 0
    }

    mutating func readHex4() throws -> UInt16 {
        guard position + 4 <= input.count else { throw fail("incomplete \\u escape") }
        var v: UInt16 = 0
        for _ in 0..<4 {
            let c = input[position]
            let d: UInt16
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): d = UInt16(c - 48)
            case UInt8(ascii: "a")...UInt8(ascii: "f"): d = UInt16(c - 87)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): d = UInt16(c - 55)
            default: throw fail("invalid \\u escape: expected four hex digits")
            }
            v = v << 4 | d
            position += 1
        }
        return v
    }

    mutating func validated(_ bytes: UnsafeBufferPointer<UInt8>, at offset: Int) throws -> String {
        if let s = String(validating: bytes, as: UTF8.self) {
            if bytes.count > 15 && bytes.count <= StringInterner.maxInternedLength { return interner.string(bytes) }
            return s
        }
        if options.repairUTF8 { return String(decoding: bytes, as: UTF8.self) }
        // Find the first bad byte for the message.
        var i = 0
        while i < bytes.count {
            let prefix = UnsafeBufferPointer(rebasing: bytes[0...i])
            if String(validating: prefix, as: UTF8.self) == nil {
                // Either an invalid byte or an incomplete sequence: the first position
                // where no longer prefix can become valid.
                var j = i + 1
                var recovered = false
                while j < min(bytes.count, i + 4) {
                    if String(validating: UnsafeBufferPointer(rebasing: bytes[0...j]), as: UTF8.self) != nil {
                        recovered = true
                        break
                    }
                    j += 1
                }
                if !recovered {
                    var start = i
                    while start > 0 && bytes[start] & 0xC0 == 0x80 { start -= 1 }
                    throw fail("invalid UTF-8 in a string (byte 0x\(String(bytes[start], radix: 16)))", at: offset + start)
                }
                i = j
            }
            i += 1
        }
        throw fail("invalid UTF-8 in a string", at: offset)
    }

    mutating func readNumber() throws -> Value {
        let start = position
        var i = position
        func digit(_ i: Int) -> Bool { i < input.count && input[i] >= 48 && input[i] <= 57 }
        var negative = false
        if i < input.count && input[i] == UInt8(ascii: "-") {
            negative = true
            i += 1
        }
        if options.allowNonFinite {
            position = i
            if matches("Infinity") {
                position += 8
                return .double(negative ? -.infinity : .infinity)
            }
            if matches("NaN") || matches("nan") {
                position += 3
                return .double(.nan)
            }
            position = start
        }
        guard digit(i) else {
            throw fail(negative ? "invalid number: expected a digit after '-'" : "expected a value but found \(describe(start))")
        }
        var integer: UInt64 = 0
        var digits = 0
        if input[i] == UInt8(ascii: "0") {
            i += 1
            if digit(i) { throw fail("invalid number: leading zeros are not allowed", at: start) }
            digits = 1
        } else {
            while digit(i) {
                if digits < 19 { integer = integer * 10 + UInt64(input[i] - 48) }
                digits += 1
                i += 1
            }
        }
        var isInteger = true
        if i < input.count && input[i] == UInt8(ascii: ".") {
            isInteger = false
            i += 1
            guard digit(i) else { throw fail("invalid number: expected a digit after '.'", at: i) }
            while digit(i) { i += 1 }
        }
        if i < input.count && (input[i] == UInt8(ascii: "e") || input[i] == UInt8(ascii: "E")) {
            isInteger = false
            i += 1
            if i < input.count && (input[i] == UInt8(ascii: "+") || input[i] == UInt8(ascii: "-")) { i += 1 }
            guard digit(i) else { throw fail("invalid number: expected a digit in the exponent", at: i) }
            while digit(i) { i += 1 }
        }
        position = i
        if isInteger && digits < 19 {
            if negative && integer == 0 { return .decimal(DecimalNumber(validated: "-0")) }
            return .int(negative ? -Int(integer) : Int(integer))
        }
        let literal = String(decoding: UnsafeBufferPointer(rebasing: input[start..<i]), as: UTF8.self)
        return JSONReader.number(validatedLiteral: literal, isInteger: isInteger)
    }
}

extension JSONReader {
    /// The value of a JSON number literal, in the form the reader gives it: `int` when it is an
    /// integer that fits, `double` when jq prints that double exactly as the literal reads,
    /// `decimal` (keeping the literal) otherwise. Nil when `literal` is not a JSON number.
    public static func number(literal: String) -> Value? {
        guard DecimalNumber(literal) != nil, !literal.hasPrefix("+"), !literal.hasPrefix("."),
            !literal.hasPrefix("-."), !literal.contains(".e"), !literal.contains(".E"), !literal.hasSuffix(".")
        else { return nil }
        let isInteger = DecimalNumber.isIntegerLiteral(literal)
        if isInteger && literal == "-0" { return .decimal(DecimalNumber(validated: literal)) }
        return number(validatedLiteral: literal, isInteger: isInteger)
    }

    static func number(validatedLiteral literal: String, isInteger: Bool) -> Value {
        if isInteger, let v = Int(literal) { return .int(v) }
        if isInteger { return .decimal(DecimalNumber(validated: literal)) }
        let d = Double(literal) ?? .nan
        // Keep the literal when jq would print it differently from the double (1.0, 1E+1000,
        // 0.12345678901234567890).
        if d.isFinite && NumberFormatting.jq(d) == NumberFormatting.jqLiteral(literal) { return .double(d) }
        return .decimal(DecimalNumber(validated: literal))
    }
}

func appendUTF8(_ scalar: Unicode.Scalar, to buffer: inout [UInt8]) {
    let v = scalar.value
    switch v {
    case 0..<0x80:
        buffer.append(UInt8(v))
    case 0x80..<0x800:
        buffer.append(UInt8(0xC0 | v >> 6))
        buffer.append(UInt8(0x80 | v & 0x3F))
    case 0x800..<0x10000:
        buffer.append(UInt8(0xE0 | v >> 12))
        buffer.append(UInt8(0x80 | v >> 6 & 0x3F))
        buffer.append(UInt8(0x80 | v & 0x3F))
    default:
        buffer.append(UInt8(0xF0 | v >> 18))
        buffer.append(UInt8(0x80 | v >> 12 & 0x3F))
        buffer.append(UInt8(0x80 | v >> 6 & 0x3F))
        buffer.append(UInt8(0x80 | v & 0x3F))
    }
}

extension JSONReader {
    /// Reads a whitespace-separated sequence of JSON texts like `forEachValue`, except that a
    /// top-level object's `member` array (a Kubernetes `List`'s `items`) is never built: each
    /// element goes to `element` as soon as it is read, and the object reaches `body` with that
    /// member empty (`[]`). Memory then holds one element at a time, not the whole list.
    /// Elements are read under `elementProjection`.
    public static func forEachValue(
        _ bytes: [UInt8], file: String = "-", options: Options = Options(), streamingMember member: String,
        elementProjection: JSONProjection = .whole, element: (Value) throws -> Void, _ body: (Value) throws -> Void
    ) throws {
        try bytes.withUnsafeBufferPointer { buffer in
            var parser = Parser(input: buffer, file: file, options: options)
            parser.skipByteOrderMark()
            while true {
                parser.skipWhitespace()
                if parser.atEnd { return }
                let start = parser.position
                do {
                    try body(try parser.parseStreamingMember(member, projection: elementProjection, element: element))
                } catch let e as KitError where e.location == nil {
                    throw KitError(e.message, at: parser.location(of: start))
                }
            }
        }
    }
}

extension Parser {
    /// One value; when it is an object whose `member` is an array, that array's elements go to
    /// `element` one by one and the object is returned with the member empty.
    mutating func parseStreamingMember(
        _ member: String, projection: JSONProjection = .whole, element: (Value) throws -> Void
    ) throws -> Value {
        try parseStreamingMemberCore(member) { parser in
            skipArray: do {
                parser.skipWhitespace()
                if parser.position < parser.input.count && parser.input[parser.position] == UInt8(ascii: "]") {
                    parser.position += 1
                    break skipArray
                }
                while true {
                    try element(try parser.parseProjected(projection, depth: 0))
                    parser.skipWhitespace()
                    guard parser.position < parser.input.count else { throw parser.fail("unexpected end of input") }
                    if parser.input[parser.position] == UInt8(ascii: ",") {
                        parser.position += 1
                        continue
                    }
                    guard parser.input[parser.position] == UInt8(ascii: "]") else {
                        throw parser.fail("expected ',' or ']' but found \(parser.describe(parser.position))")
                    }
                    parser.position += 1
                    break
                }
            }
        }
    }

    /// One value; when it is an object whose `member` is an array, `array` reads that array
    /// (the parser is just after its `[`, and must be left just after its `]`) and the object
    /// is returned with the member empty.
    mutating func parseStreamingMemberCore(_ member: String, array: (inout Parser) throws -> Void) throws -> Value {
        guard input[position] == UInt8(ascii: "{") else { return try parseValue() }
        if frames.count >= options.maxDepth { throw fail("nesting is deeper than \(options.maxDepth) levels") }
        position += 1
        var object = Object()
        skipWhitespace()
        if position < input.count && input[position] == UInt8(ascii: "}") {
            position += 1
            return .object(object)
        }
        while true {
            skipWhitespace()
            guard position < input.count, input[position] == UInt8(ascii: "\"") else {
                throw fail("expected a string key but found \(describe(position))")
            }
            let key = try readString()
            skipWhitespace()
            guard position < input.count, input[position] == UInt8(ascii: ":") else {
                throw fail("expected ':' after an object key but found \(describe(position))")
            }
            position += 1
            skipWhitespace()
            if key == member && position < input.count && input[position] == UInt8(ascii: "[") {
                position += 1
                try array(&self)
                object[key] = .array([])
            } else {
                object[key] = try parseValue()
            }
            skipWhitespace()
            guard position < input.count else { throw fail("unexpected end of input") }
            if input[position] == UInt8(ascii: ",") {
                position += 1
                continue
            }
            guard input[position] == UInt8(ascii: "}") else {
                throw fail("expected ',' or '}' but found \(describe(position))")
            }
            position += 1
            return .object(object)
        }
    }
}

extension JSONReader {
    /// One JSON text that is an object with an array member (a Kubernetes `List`), laid out
    /// for readers that parse the array's elements on several threads: the object with that
    /// member empty, and the byte ranges holding the elements, cut at element boundaries into
    /// `parts` runs of similar size. Nil when the text is not such an object.
    public struct SplitArray: Sendable {
        public var object: Value
        public var ranges: [Range<Int>]
    }

    /// Finds `member` in the single JSON text of `buffer` (see `SplitArray`). The elements
    /// are only scanned here (strings, escapes and nesting followed, nothing built);
    /// `forEachElement` parses each range. Throws on malformed input.
    public static func splitArray(
        _ buffer: UnsafeBufferPointer<UInt8>, member: String, parts: Int, file: String, options: Options = Options()
    ) throws -> SplitArray? {
        var parser = Parser(input: buffer, file: file, options: options)
        parser.skipByteOrderMark()
        parser.skipWhitespace()
        guard !parser.atEnd, buffer[parser.position] == UInt8(ascii: "{") else { return nil }
        var starts: [Int] = []
        var arrayEnd = -1
        let object = try parser.parseStreamingMember(member) { elementsStart, parser in
            try parser.scanElements(from: elementsStart, starts: &starts)
            arrayEnd = parser.position - 1  // the closing `]`
        }
        parser.skipWhitespace()
        guard parser.atEnd, arrayEnd >= 0, !starts.isEmpty else { return nil }
        // Cut at the element starts nearest to equal shares of the bytes.
        let first = starts[0]
        let total = arrayEnd - first
        var ranges: [Range<Int>] = []
        var lower = first
        var next = 1
        for part in 1..<max(parts, 1) {
            let target = first + total * part / parts
            while next < starts.count && starts[next] < target { next += 1 }
            guard next < starts.count, starts[next] > lower else { break }
            ranges.append(lower..<starts[next])
            lower = starts[next]
        }
        ranges.append(lower..<arrayEnd)
        return SplitArray(object: object, ranges: ranges)
    }

    /// Parses the elements in `range` of `buffer` (a range of `splitArray`), in order.
    public static func forEachElement(
        in buffer: UnsafeBufferPointer<UInt8>, range: Range<Int>, file: String, options: Options = Options(),
        projection: JSONProjection = .whole, _ element: (Value) throws -> Void
    ) throws {
        var parser = Parser(input: buffer, file: file, options: options)
        parser.position = range.lowerBound
        while parser.position < range.upperBound {
            let start = parser.position
            do {
                try element(try parser.parseProjected(projection, depth: 0))
            } catch let e as KitError where e.location == nil {
                throw KitError(e.message, at: parser.location(of: start))
            }
            parser.skipWhitespace()
            if parser.position < range.upperBound && buffer[parser.position] == UInt8(ascii: ",") {
                parser.position += 1
                parser.skipWhitespace()
            }
        }
    }
}

extension Parser {
    /// `parseStreamingMember` for a caller that handles the member's elements itself:
    /// `elements` gets the offset just after the `[` and must leave the parser after the `]`.
    mutating func parseStreamingMember(_ member: String, elements: (Int, inout Parser) throws -> Void) throws -> Value {
        try parseStreamingMemberCore(member) { parser in try elements(parser.position, &parser) }
    }

    /// Skips the elements of an array from `start` (after its `[`) to just after its `]`,
    /// recording where each element begins.
    mutating func scanElements(from start: Int, starts: inout [Int]) throws {
        position = start
        skipWhitespace()
        if position < input.count && input[position] == UInt8(ascii: "]") {
            position += 1
            return
        }
        while true {
            skipWhitespace()
            starts.append(position)
            try scanValue()
            skipWhitespace()
            guard position < input.count else { throw fail("unexpected end of input") }
            if input[position] == UInt8(ascii: ",") {
                position += 1
                continue
            }
            guard input[position] == UInt8(ascii: "]") else { throw fail("expected ',' or ']' but found \(describe(position))") }
            position += 1
            return
        }
    }

    /// Moves past one value without building or checking it (unlike `skipValue(depth:)`): strings (with their escapes) and nesting are
    /// followed; what lies between is checked only by the parse that builds the value later.
    mutating func scanValue() throws {
        var depth = 0
        let count = input.count
        guard let start = input.baseAddress else { throw fail("unexpected end of input") }
        let base = UnsafeRawPointer(start)
        var p = position
        repeat {
            while p < count {
                let c = input[p]
                if c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09 || c == UInt8(ascii: ",") || c == UInt8(ascii: ":") {
                    p += 1
                    continue
                }
                break
            }
            guard p < count else {
                position = p
                throw fail("unexpected end of input")
            }
            let c = input[p]
            switch c {
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                depth += 1
                if depth > options.maxDepth {
                    position = p
                    throw fail("nesting is deeper than \(options.maxDepth) levels")
                }
                p += 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                depth -= 1
                p += 1
            case UInt8(ascii: "\""):
                p += 1
                while true {
                    // Eight bytes at a time up to a quote or backslash.
                    while p + 8 <= count {
                        let w = base.loadUnaligned(fromByteOffset: p, as: UInt64.self)
                        if (SWAR.matches(w, 0x22) | SWAR.matches(w, 0x5C)) & SWAR.highs != 0 { break }
                        p += 8
                    }
                    guard p < count else {
                        position = p
                        throw fail("unterminated string")
                    }
                    let s = input[p]
                    if s == UInt8(ascii: "\"") { break }
                    p += s == UInt8(ascii: "\\") ? 2 : 1
                }
                p += 1
            default:
                // A number or literal: up to the next delimiter.
                while p < count {
                    let d = input[p]
                    if d == UInt8(ascii: ",") || d == UInt8(ascii: "}") || d == UInt8(ascii: "]") || d == 0x20 || d == 0x0A
                        || d == 0x0D || d == 0x09 || d == UInt8(ascii: ":")
                    {
                        break
                    }
                    p += 1
                }
            }
        } while depth > 0
        position = p
    }
}

/// Which parts of a JSON document to keep while reading it: a reader given a projection
/// builds only those parts and skips the rest (still checking that it is valid JSON). Used by
/// kit jq when a program reads only a few fields of each object (`.items[] | .metadata.name`):
/// the skipped parts cost a scan instead of values, and no memory.
///
/// Under a projection, an object keeps the keys in `fields` (each read under its own
/// projection) and, if `others` is set, every other key (read under `others`); other keys are
/// dropped. Every element of an array is kept, read under `elements`. Scalars are always read.
/// A container under the `empty` projection reads as an empty container of the same kind.
public final class JSONProjection: @unchecked Sendable {
    public let isWhole: Bool
    /// An object's key under this projection is left out (as a key missing from `fields`
    /// when there is no `others`): for a projection that keeps every key but a few.
    public let isOmitted: Bool
    public let fields: [String: JSONProjection]
    public let others: JSONProjection?
    public let elements: JSONProjection?

    /// Everything, as read without a projection.
    public static let whole = JSONProjection(isWhole: true, fields: [:], others: nil, elements: nil)
    /// Only the kind of the value: containers read as empty.
    public static let empty = JSONProjection(isWhole: false, fields: [:], others: nil, elements: nil)
    /// In `fields`, a key that is skipped, not kept.
    public static let omitted = JSONProjection(isWhole: false, isOmitted: true, fields: [:], others: nil, elements: nil)

    init(isWhole: Bool, isOmitted: Bool = false, fields: [String: JSONProjection], others: JSONProjection?, elements: JSONProjection?) {
        self.isWhole = isWhole
        self.isOmitted = isOmitted
        self.fields = fields
        self.others = others
        self.elements = elements
    }

    /// What a reader given this projection keeps of `value` (which was read whole).
    public func apply(to value: Value) -> Value {
        if isWhole { return value }
        switch value {
        case .object(let object):
            var kept = Object()
            for (key, member) in object {
                guard let sub = fields[key] ?? others, !sub.isOmitted else { continue }
                kept[key] = sub.apply(to: member)
            }
            return .object(kept)
        case .array(let items):
            let sub = elements ?? .empty
            return .array(items.map { sub.apply(to: $0) })
        default:
            return value
        }
    }

    /// A projection that keeps `fields` of objects (others only with `others`), and reads
    /// array elements under `elements` (nil: `empty`).
    public convenience init(fields: [String: JSONProjection], others: JSONProjection?, elements: JSONProjection?) {
        self.init(isWhole: false, fields: fields, others: others, elements: elements)
    }
}

extension JSONReader.Stream {
    /// The next value, read under `projection`, or nil at the end of the input.
    public func next(projection: JSONProjection) throws -> Value? {
        if projection.isWhole { return try next() }
        parser.skipWhitespace()
        if parser.atEnd {
            offset = parser.position
            return nil
        }
        let start = parser.position
        do {
            let v = try parser.parseProjected(projection, depth: 0)
            offset = parser.position
            return v
        } catch let e as KitError where e.location == nil {
            throw KitError(e.message, at: parser.location(of: start))
        }
    }

    /// Byte offset of the next value's first byte (after whitespace).
    public func nextValueStart() -> Int {
        parser.skipWhitespace()
        return parser.position
    }

    /// Reads the text between two offsets again, completely (no projection).
    public func reread(from start: Int, to end: Int) throws -> Value {
        try JSONReader.read(Array(UnsafeBufferPointer(rebasing: buffer.bytes[start..<end])), file: parser.file, options: parser.options)
    }
}

extension Parser {
    /// Reads one value under a projection (recursively; depth is bounded by `maxDepth`).
    mutating func parseProjected(_ projection: JSONProjection, depth: Int) throws -> Value {
        if projection.isWhole { return try parseValue() }
        skipWhitespace()
        guard position < input.count else { throw fail("unexpected end of input") }
        let c = input[position]
        if c == UInt8(ascii: "{") {
            if depth >= options.maxDepth { throw fail("nesting is deeper than \(options.maxDepth) levels") }
            position += 1
            var object = Object()
            skipWhitespace()
            if position < input.count && input[position] == UInt8(ascii: "}") {
                position += 1
                return .object(object)
            }
            while true {
                guard position < input.count, input[position] == UInt8(ascii: "\"") else {
                    throw fail("expected a string key but found \(describe(position))")
                }
                let key = try readString()
                skipWhitespace()
                guard position < input.count, input[position] == UInt8(ascii: ":") else {
                    throw fail("expected ':' after an object key but found \(describe(position))")
                }
                position += 1
                if let sub = projection.fields[key] ?? projection.others, !sub.isOmitted {
                    object[key] = try parseProjected(sub, depth: depth + 1)
                } else {
                    try skipValue(depth: depth + 1)
                }
                skipWhitespace()
                guard position < input.count else { throw fail("unexpected end of input") }
                if input[position] == UInt8(ascii: ",") {
                    position += 1
                    skipWhitespace()
                    continue
                }
                if input[position] == UInt8(ascii: "}") {
                    position += 1
                    return .object(object)
                }
                throw fail("expected ',' or '}' but found \(describe(position))")
            }
        }
        if c == UInt8(ascii: "[") {
            if depth >= options.maxDepth { throw fail("nesting is deeper than \(options.maxDepth) levels") }
            position += 1
            var items: [Value] = []
            skipWhitespace()
            if position < input.count && input[position] == UInt8(ascii: "]") {
                position += 1
                return .array(items)
            }
            let elements = projection.elements ?? .empty
            while true {
                items.append(try parseProjected(elements, depth: depth + 1))
                if position >= nextRelease { releaseConsumed() }
                skipWhitespace()
                guard position < input.count else { throw fail("unexpected end of input") }
                if input[position] == UInt8(ascii: ",") {
                    position += 1
                    continue
                }
                if input[position] == UInt8(ascii: "]") {
                    position += 1
                    return .array(items)
                }
                throw fail("expected ',' or ']' but found \(describe(position))")
            }
        }
        // A scalar: read as usual.
        return try parseValue()
    }

    /// Moves past one value without building it, checking that it is valid JSON (strings,
    /// escapes, numbers, literals, structure, depth); invalid UTF-8 is not checked here.
    mutating func skipValue(depth: Int) throws {
        // Open containers, innermost last: true for objects.
        var open: [Bool] = []
        while true {
            skipWhitespace()
            guard position < input.count else { throw fail("unexpected end of input") }
            let c = input[position]
            switch c {
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                if depth + open.count >= options.maxDepth { throw fail("nesting is deeper than \(options.maxDepth) levels") }
                let isObject = c == UInt8(ascii: "{")
                position += 1
                skipWhitespace()
                if position < input.count && input[position] == (isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")) {
                    position += 1
                } else {
                    open.append(isObject)
                    if isObject { try skipKey() }
                    continue
                }
            case UInt8(ascii: "\""):
                try skipString()
            case UInt8(ascii: "t"):
                try expectWord("true")
            case UInt8(ascii: "f"):
                try expectWord("false")
            case UInt8(ascii: "n"):
                if options.allowNonFinite && matches("nan") {
                    position += 3
                } else {
                    try expectWord("null")
                }
            default:
                try skipNumber()
            }
            // After a value: close the containers that end, or move to the next item.
            while let isObject = open.last {
                skipWhitespace()
                guard position < input.count else { throw fail("unexpected end of input") }
                let d = input[position]
                if d == UInt8(ascii: ",") {
                    position += 1
                    if isObject {
                        skipWhitespace()
                        try skipKey()
                    }
                    break
                }
                if d == (isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")) {
                    position += 1
                    open.removeLast()
                    continue
                }
                throw fail("expected ',' or '\(isObject ? "}" : "]")' but found \(describe(position))")
            }
            if open.isEmpty { return }
        }
    }

    /// `"key"` and the `:` after it.
    mutating func skipKey() throws {
        guard position < input.count, input[position] == UInt8(ascii: "\"") else {
            throw fail("expected a string key but found \(describe(position))")
        }
        try skipString()
        skipWhitespace()
        guard position < input.count, input[position] == UInt8(ascii: ":") else {
            throw fail("expected ':' after an object key but found \(describe(position))")
        }
        position += 1
    }

    mutating func skipString() throws {
        let start = position
        var p = position + 1
        let count = input.count
        let base = UnsafeRawPointer(input.baseAddress!)
        while true {
            while p + 8 <= count {
                let w = base.loadUnaligned(fromByteOffset: p, as: UInt64.self)
                if Parser.hasQuoteBackslashOrControl(w) { break }
                p += 8
            }
            guard p < count else { break }
            let c = input[p]
            if c == UInt8(ascii: "\"") {
                position = p + 1
                return
            }
            if c < 0x20 {
                position = p
                throw fail("control character in a string (escape it as \\u\(zeroPaddedHex(c, width: 4)))")
            }
            if c == UInt8(ascii: "\\") {
                guard p + 1 < count else { break }
                let e = input[p + 1]
                switch e {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
                    UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
                    p += 2
                case UInt8(ascii: "u"):
                    position = p + 2
                    _ = try readHex4()
                    p = position
                default:
                    throw fail("invalid escape '\\\(Character(Unicode.Scalar(e)))' in a string", at: p)
                }
                continue
            }
            p += 1
        }
        throw fail("unterminated string", at: start)
    }

    /// Whether a byte of `w` is a quote, a backslash or a control character (non-ASCII bytes
    /// are plain here).
    @inline(__always)
    static func hasQuoteBackslashOrControl(_ w: UInt64) -> Bool {
        (SWAR.matches(w, 0x22) | SWAR.matches(w, 0x5C) | SWAR.below(w, 0x20)) & SWAR.highs != 0
    }

    /// A number, checked against JSON's grammar (and jq's non-finite spellings when allowed):
    /// read as usual and dropped (numbers are small; what skipping saves is containers).
    mutating func skipNumber() throws {
        _ = try readNumber()
    }
}

/// Tests on 8 bytes at once (SIMD within a register): each returns a word whose high bit is
/// set in every byte that matches (exact for ASCII bytes; a byte of 0x80 or more can be
/// reported by `below`, which callers treat as special anyway or rule out with `& ~w`).
enum SWAR {
    static let ones: UInt64 = 0x0101_0101_0101_0101
    static let highs: UInt64 = 0x8080_8080_8080_8080

    /// Bytes equal to `byte`.
    @inline(__always)
    static func matches(_ w: UInt64, _ byte: UInt8) -> UInt64 {
        let x = w ^ (ones &* UInt64(byte))
        return (x &- ones) & ~x
    }

    /// Bytes below `limit` (at most 0x80), for ASCII bytes.
    @inline(__always)
    static func below(_ w: UInt64, _ limit: UInt8) -> UInt64 {
        (w &- ones &* UInt64(limit)) & ~w
    }
}

extension InputBuffer {
    /// Gives back the whole pages inside `range` (mapped files only), for readers working on
    /// separate parts of the buffer at the same time. Reading them again still works.
    func release(inside range: Range<Int>) {
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        let lower = (range.lowerBound + page - 1) / page * page
        let upper = min(range.upperBound, bytes.count) / page * page
        guard upper > lower, let base = bytes.baseAddress, isMapped else { return }
        madvise(UnsafeMutableRawPointer(mutating: base + lower), upper - lower, MADV_DONTNEED)
    }
}

extension JSONReader.Stream {
    /// Reads the whole input, when it is one JSON text that is an object whose `member` is
    /// an array (a Kubernetes `List`), with that array's elements parsed in `parts` runs at the
    /// same time by the same parser code; the value is the one `next()` would read. Nil (and
    /// nothing consumed) when the input is not such a text or anything in it fails to read or
    /// is in doubt: the caller then reads it with `next()`, which reports errors as always.
    /// Must be called before any other read.
    public func nextSplittingArray(member: String, parts: Int) -> Value? {
        guard parts > 1, parser.options.maxDepth > 2 else { return nil }
        let input = buffer.bytes
        let file = parser.file
        let options = parser.options
        var elementOptions = options
        elementOptions.maxDepth -= 2  // the elements sit inside the object and the array
        let interval = Parser.releaseInterval / 4
        // Scan: the outer object's other members are parsed, the elements only skipped,
        // recording where each starts and where its trailing whitespace ends.
        var scanner = Parser(input: input, file: file, options: options)
        scanner.position = parser.position
        scanner.skipWhitespace()
        guard !scanner.atEnd, input[scanner.position] == UInt8(ascii: "{") else { return nil }
        scanner.position += 1
        var object = Object()
        var keys = 0
        var members = 0
        var starts: [Int] = []
        var ends: [Int] = []
        var arrayEnd = -1
        var released = 0
        do {
            scanner.skipWhitespace()
            guard !scanner.atEnd, input[scanner.position] != UInt8(ascii: "}") else { return nil }
            while true {
                scanner.skipWhitespace()
                guard !scanner.atEnd, input[scanner.position] == UInt8(ascii: "\"") else { return nil }
                let key = try scanner.readString()
                keys += 1
                scanner.skipWhitespace()
                guard !scanner.atEnd, input[scanner.position] == UInt8(ascii: ":") else { return nil }
                scanner.position += 1
                scanner.skipWhitespace()
                if key == member {
                    members += 1
                    guard members == 1, !scanner.atEnd, input[scanner.position] == UInt8(ascii: "[") else { return nil }
                    scanner.position += 1
                    scanner.skipWhitespace()
                    guard !scanner.atEnd else { return nil }
                    if input[scanner.position] != UInt8(ascii: "]") {
                        while true {
                            scanner.skipWhitespace()
                            starts.append(scanner.position)
                            try scanner.scanValue()
                            scanner.skipWhitespace()
                            ends.append(scanner.position)
                            guard !scanner.atEnd else { return nil }
                            if scanner.position - released >= interval {
                                buffer.release(inside: released..<scanner.position)
                                released = scanner.position
                            }
                            if input[scanner.position] == UInt8(ascii: ",") {
                                scanner.position += 1
                                continue
                            }
                            guard input[scanner.position] == UInt8(ascii: "]") else { return nil }
                            break
                        }
                    }
                    arrayEnd = scanner.position
                    scanner.position += 1
                    object[key] = .array([])
                } else {
                    object[key] = try scanner.parseValue()
                }
                scanner.skipWhitespace()
                guard !scanner.atEnd else { return nil }
                if input[scanner.position] == UInt8(ascii: ",") {
                    scanner.position += 1
                    continue
                }
                guard input[scanner.position] == UInt8(ascii: "}") else { return nil }
                scanner.position += 1
                break
            }
        } catch {
            return nil
        }
        let end = scanner.position
        scanner.skipWhitespace()
        // One text only, no duplicate keys, and enough elements to share out.
        guard scanner.atEnd, members == 1, keys == object.count, arrayEnd >= 0, starts.count >= parts * 4 else { return nil }
        buffer.release(inside: released..<scanner.position)
        // Cut at the element nearest to equal shares of the bytes.
        var cuts = [0]
        let total = arrayEnd - starts[0]
        var next = 0
        for part in 1..<parts {
            let target = starts[0] + total * part / parts
            while next < starts.count && starts[next] < target { next += 1 }
            if next > cuts[cuts.count - 1] && next < starts.count { cuts.append(next) }
        }
        cuts.append(starts.count)
        let runs = cuts.count - 1
        guard runs > 1 else { return nil }
        let results = UnsafeMutableBufferPointer<[Value]?>.allocate(capacity: runs)
        results.initialize(repeating: nil)
        defer {
            results.deinitialize()
            results.deallocate()
        }
        nonisolated(unsafe) let out = results
        nonisolated(unsafe) let shared = (input, starts, ends, cuts, buffer)
        let runOptions = elementOptions
        DispatchQueue.concurrentPerform(iterations: runs) { run in
            let (input, starts, ends, cuts, buffer) = shared
            var reader = Parser(input: input, file: file, options: runOptions)
            var values: [Value] = []
            values.reserveCapacity(cuts[run + 1] - cuts[run])
            var released = starts[cuts[run]]
            for i in cuts[run]..<cuts[run + 1] {
                reader.position = starts[i]
                guard let v = try? reader.parseValue() else { return }
                reader.skipWhitespace()
                guard reader.position == ends[i] else { return }
                values.append(v)
                if reader.position - released >= interval {
                    buffer.release(inside: released..<reader.position)
                    released = reader.position
                }
            }
            buffer.release(inside: released..<ends[cuts[run + 1] - 1])
            out[run] = values
        }
        var items: [Value] = []
        items.reserveCapacity(starts.count)
        for run in 0..<runs {
            guard let part = results[run] else { return nil }
            items.append(contentsOf: part)
            results[run] = nil
        }
        object[member] = .array(items)
        parser.position = end
        offset = end
        return .object(object)
    }
}
