import Dispatch

/// Writes values as JSON, in jq's style or in kubectl's `-o json` style.
///
/// - `.jq`: 2-space indent (or compact `-c` with no spaces at all), keys in their order,
///   numbers as jq 1.8 prints them (unchanged literals keep their digits: `1.000`,
///   `100000000000000000000`; doubles in shortest form, `1e+17`, `1e-05`; NaN as `null`),
///   control characters and DEL as `\u00xx`. Optionally tabs, ANSI colours and jq's depth
///   limit (`<skipped: too deep>`), as `jq` prints them.
/// - `.kubectl`: 4-space indent, Go's `encoding/json` escaping (`<`, `>`, `&`, U+2028 and
///   U+2029 as `\u` escapes) and Go's float format (`1e+21`, `0.000001`).
public struct JSONWriter: Sendable {
    public enum Style: Sendable {
        case jq
        case kubectl
    }

    public var style: Style
    /// Spaces per level; 0 writes compact JSON on one line.
    public var indent: Int
    /// Sort object keys by their UTF-8 bytes (jq `-S`, Go maps).
    public var sortKeys: Bool
    /// Escape every non-ASCII character (jq `-a`).
    public var asciiOutput: Bool
    /// Indent with one tab per level instead of spaces (jq `--tab`; needs `indent` > 0).
    public var useTabs: Bool = false
    /// ANSI colours, as jq's `-C` prints them.
    public var colors: JSONColors? = nil
    /// Values nested deeper than this print as `<skipped: too deep>` (jq's limit is 10000).
    public var maxDepth: Int? = nil
    /// When writing in pieces (`write(_:to:flushingAt:_:)`) in jq's style without colours,
    /// the elements of large arrays are formatted on this many threads at once (in order-kept
    /// batches, a few at a time, so memory stays bounded).
    public var threads: Int = 1

    public init(style: Style = .jq, indent: Int? = nil, sortKeys: Bool = false, asciiOutput: Bool = false) {
        self.style = style
        self.indent = indent ?? (style == .kubectl ? 4 : 2)
        self.sortKeys = sortKeys
        self.asciiOutput = asciiOutput
    }

    /// The value as JSON text, without a trailing newline.
    public func string(_ value: Value) throws -> String {
        var out: [UInt8] = []
        try write(value, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends the value's JSON text (no trailing newline) to `out`. A refused value (NaN in
    /// kubectl's style) is named in the error's `valuePath`.
    public func write(_ value: Value, to out: inout [UInt8]) throws {
        var sink = ByteSink()
        defer { sink.release() }
        try located { try write(value, &sink) }
        sink.drain(into: &out)
    }

    /// A value Go's encoder refuses, with the path to it (innermost step first).
    struct Refused: Error {
        var message: String
        var path: [PathComponent] = []
    }

    /// Runs `body`, turning a refused value into a `KitError` that names its path.
    func located(_ body: () throws -> Void) throws {
        do {
            try body()
        } catch let refused as Refused {
            var error = KitError(refused.message + (refused.path.isEmpty ? "" : " at " + PathComponent.text(of: refused.path.reversed())))
            error.valuePath = KitError.ValuePath(document: 0, components: refused.path.reversed())
            throw error
        }
    }

    /// Appends the value's JSON text to `out`, handing `out` to `flush` whenever it holds
    /// more than `threshold` bytes (which `flush` writes out and empties), so that a huge
    /// value never sits in memory twice.
    public func write(_ value: Value, to out: inout [UInt8], flushingAt threshold: Int, _ flush: (inout [UInt8]) throws -> Void) throws {
        var sink = ByteSink()
        defer { sink.release() }
        var pending = out
        out = []
        try withoutActuallyEscaping(flush) { flush in
            sink.threshold = threshold
            sink.flush = { bytes in
                pending.append(contentsOf: bytes)
                try flush(&pending)
            }
            defer { sink.flush = nil }
            try located { try write(value, &sink) }
        }
        sink.drain(into: &pending)
        out = pending
    }

    /// Several values, each followed by a newline (as jq and kubectl print a sequence).
    /// A refused value's error names the document it is in (`KitError.valuePath`).
    public func stream(_ values: [Value]) throws -> [UInt8] {
        var out: [UInt8] = []
        for (i, v) in values.enumerated() {
            do {
                try write(v, to: &out)
            } catch var error as KitError where error.valuePath != nil {
                error.valuePath?.document = i
                throw error
            }
            out.append(10)
        }
        return out
    }

    func write(_ value: Value, _ sink: inout ByteSink) throws {
        if let colors {
            try writeColored(value, level: 0, colors, &sink)
        } else {
            try write(value, level: 0, &sink)
        }
    }

    /// A newline and the indentation of `level`.
    @inline(__always)
    func newline(_ level: Int, _ out: inout ByteSink) {
        out.append(10)
        if useTabs {
            out.append(repeating: 9, count: level)
        } else {
            out.append(repeating: 0x20, count: level * indent)
        }
    }

    static let skipped = Array("<skipped: too deep>".utf8)

    func write(_ value: Value, level: Int, _ out: inout ByteSink) throws {
        if out.count >= out.threshold { try out.flushNow() }
        if let maxDepth, level > maxDepth {
            out.append(JSONWriter.skipped)
            return
        }
        switch value {
        case .null:
            out.append("null")
        case .bool(let b):
            out.append(b ? "true" : "false")
        case .int(let i):
            out.appendInteger(i)
        case .double(let d):
            out.append(try numberText(d))
        case .decimal(let d):
            out.append(try decimalText(d))
        case .string(let s):
            writeString(s, &out)
        case .array(let items):
            if items.isEmpty {
                out.append("[]")
                return
            }
            out.append(UInt8(ascii: "["))
            if threads > 1 && out.flush != nil && style == .jq && items.count >= JSONWriter.parallelBatch * 2 {
                try writeElementsInParallel(items, level: level, &out)
                if indent > 0 { newline(level, &out) }
                out.append(UInt8(ascii: "]"))
                return
            }
            try items.withUnsafeBufferPointer { buffer in
                for i in 0..<buffer.count {
                    if i > 0 { out.append(UInt8(ascii: ",")) }
                    if indent > 0 { newline(level + 1, &out) }
                    do {
                        try write(buffer[i], level: level + 1, &out)
                    } catch var refused as Refused {
                        refused.path.append(.index(i))
                        throw refused
                    }
                }
            }
            if indent > 0 { newline(level, &out) }
            out.append(UInt8(ascii: "]"))
        case .object(let object):
            if object.isEmpty {
                out.append("{}")
                return
            }
            out.append(UInt8(ascii: "{"))
            // Not `let ordered = sortKeys ? sorted : object`: that copy of the object costs a
            // retain and a release of its storage per object written.
            if sortKeys {
                try writeMembers(of: object.sortedByKeyBytes(), level: level, &out)
            } else {
                try writeMembers(of: object, level: level, &out)
            }
            if indent > 0 { newline(level, &out) }
            out.append(UInt8(ascii: "}"))
        }
    }

    /// The members of a non-empty object, between its braces.
    func writeMembers(of object: Object, level: Int, _ out: inout ByteSink) throws {
        try object.entries.withUnsafeBufferPointer { buffer in
            for i in 0..<buffer.count {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                if indent > 0 { newline(level + 1, &out) }
                writeString(buffer[i].key, &out)
                out.append(UInt8(ascii: ":"))
                if indent > 0 { out.append(0x20) }
                do {
                    try write(buffer[i].value, level: level + 1, &out)
                } catch var refused as Refused {
                    refused.path.append(.key(buffer[i].key))
                    throw refused
                }
            }
        }
    }

    /// Elements per batch of a parallel array.
    static let parallelBatch = 32

    /// The elements of a large array, each preceded by its separator and indentation,
    /// formatted `threads` batches at a time on as many threads and appended in order.
    func writeElementsInParallel(_ items: [Value], level: Int, _ out: inout ByteSink) throws {
        var single = self
        single.threads = 1
        let sequential = single
        let batch = JSONWriter.parallelBatch
        let wave = threads * 4
        let pieces = UnsafeMutableBufferPointer<ByteSink>.allocate(capacity: wave)
        defer { pieces.deallocate() }
        var start = 0
        while start < items.count {
            let batches = min(wave, (items.count - start + batch - 1) / batch)
            let waveStart = start
            nonisolated(unsafe) let results = pieces
            DispatchQueue.concurrentPerform(iterations: batches) { b in
                var sink = ByteSink(capacity: 1 << 16)
                let from = waveStart + b * batch
                let to = min(items.count, from + batch)
                for i in from..<to {
                    if i > 0 { sink.append(UInt8(ascii: ",")) }
                    if sequential.indent > 0 { sequential.newline(level + 1, &sink) }
                    // jq's style refuses nothing, so these writes do not fail.
                    try? sequential.write(items[i], level: level + 1, &sink)
                }
                (results.baseAddress! + b).initialize(to: sink)
            }
            for b in 0..<batches {
                let piece = pieces[b]
                out.append(UnsafeBufferPointer(start: piece.base, count: piece.count))
                piece.release()
                (pieces.baseAddress! + b).deinitialize(count: 1)
                if out.count >= out.threshold { try out.flushNow() }
            }
            start += batches * batch
        }
    }

    /// jq's coloured output (`jv_dump_term` with colours): every value starts with its colour
    /// and ends with a reset; punctuation is re-coloured after each nested value.
    func writeColored(_ value: Value, level: Int, _ colors: JSONColors, _ out: inout ByteSink) throws {
        if out.count >= out.threshold { try out.flushNow() }
        let color: [UInt8]
        switch value {
        case .null: color = colors.null
        case .bool(let b): color = b ? colors.true : colors.false
        case .int, .double, .decimal: color = colors.number
        case .string: color = colors.string
        case .array: color = colors.array
        case .object: color = colors.object
        }
        out.append(color)
        if let maxDepth, level > maxDepth {
            out.append(JSONWriter.skipped)
            out.append(JSONColors.reset)
            return
        }
        switch value {
        case .array(let items) where !items.isEmpty:
            out.append(UInt8(ascii: "["))
            for (i, item) in items.enumerated() {
                if i > 0 {
                    out.append(color)
                    out.append(UInt8(ascii: ","))
                }
                out.append(JSONColors.reset)
                if indent > 0 { newline(level + 1, &out) }
                try writeColored(item, level: level + 1, colors, &out)
            }
            if indent > 0 { newline(level, &out) }
            out.append(color)
            out.append(UInt8(ascii: "]"))
        case .object(let object) where !object.isEmpty:
            out.append(UInt8(ascii: "{"))
            let ordered = sortKeys ? object.sortedByKeyBytes() : object
            var first = true
            for (k, v) in ordered {
                if !first {
                    out.append(color)
                    out.append(UInt8(ascii: ","))
                }
                first = false
                out.append(JSONColors.reset)
                if indent > 0 { newline(level + 1, &out) }
                out.append(colors.objectKey)
                writeString(k, &out)
                out.append(JSONColors.reset)
                out.append(color)
                out.append(UInt8(ascii: ":"))
                out.append(JSONColors.reset)
                if indent > 0 { out.append(0x20) }
                try writeColored(v, level: level + 1, colors, &out)
            }
            if indent > 0 { newline(level, &out) }
            out.append(color)
            out.append(UInt8(ascii: "}"))
        default:
            try write(value, level: level, &out)
        }
        out.append(JSONColors.reset)
    }

    func decimalText(_ d: DecimalNumber) throws -> String {
        switch style {
        case .jq:
            return NumberFormatting.jqLiteral(d.text)
        case .kubectl:
            if let u = d.uint64Value { return String(u) }
            return try numberText(d.doubleValue)
        }
    }

    func numberText(_ d: Double) throws -> String {
        switch style {
        case .jq:
            return NumberFormatting.jq(d)
        case .kubectl:
            guard let s = NumberFormatting.goJSON(d) else {
                throw Refused(message: "json: unsupported value: \(d.isNaN ? "NaN" : (d < 0 ? "-Inf" : "+Inf"))")
            }
            return s
        }
    }

    static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

    /// Whether any byte of `w` needs attention in a string: a quote, a backslash, a control
    /// character, DEL (jq escapes it) or a byte of a non-ASCII character.
    @inline(__always)
    static func needsCare(_ w: UInt64) -> Bool {
        (SWAR.matches(w, 0x22) | SWAR.matches(w, 0x5C) | SWAR.matches(w, 0x7F) | SWAR.below(w, 0x20) | w) & SWAR.highs != 0
    }

    func writeString(_ s: String, _ out: inout ByteSink) {
        // Native strings (all that the readers build) lend their bytes as they are; a copy
        // for `withUTF8` would cost a retain and a release per string written.
        if s.utf8.withContiguousStorageIfAvailable({ writeString(utf8: $0, &out) }) == nil {
            var s = s
            s.withUTF8 { writeString(utf8: $0, &out) }
        }
    }

    /// A string's JSON text, from its UTF-8 bytes.
    func writeString(utf8 bytes: UnsafeBufferPointer<UInt8>, _ out: inout ByteSink) {
        out.append(UInt8(ascii: "\""))
        let go = style == .kubectl
        let count = bytes.count
        var runStart = 0
        var i = 0
        func unicodeEscape(_ v: UInt32, _ out: inout ByteSink) {
            out.append(UInt8(ascii: "\\"))
            out.append(UInt8(ascii: "u"))
            var shift: UInt32 = 12
            while true {
                out.append(JSONWriter.hexDigits[Int(v >> shift & 15)])
                if shift == 0 { break }
                shift -= 4
            }
        }
        let base = UnsafeRawPointer(bytes.baseAddress)
        while i < count {
            // Plain ASCII runs, 8 bytes at a time (jq's style only: kubectl's escapes `<`,
            // `>` and `&` too; non-ASCII stops the scan, for -a).
            if !go, let base {
                while i + 8 <= count && !JSONWriter.needsCare(base.loadUnaligned(fromByteOffset: i, as: UInt64.self)) {
                    i += 8
                }
            }
            guard i < count else { break }
            let c = bytes[i]
            var escape: (UInt8, UInt8)? = nil
            var unicode = false
            var width = 1
            switch c {
            case UInt8(ascii: "\""): escape = (92, 34)
            case UInt8(ascii: "\\"): escape = (92, 92)
            case 10: escape = (92, 110)
            case 13: escape = (92, 114)
            case 9: escape = (92, 116)
            case 8: escape = (92, 98)
            case 12: escape = (92, 102)
            case UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "&"):
                unicode = go
            case 0x7F:
                unicode = !go
            case 0xE2 where go && i + 2 < count && bytes[i + 1] == 0x80 && (bytes[i + 2] == 0xA8 || bytes[i + 2] == 0xA9):
                unicode = true
                width = 3
            default:
                if c < 0x20 { unicode = true }
                if asciiOutput && c >= 0x80 { unicode = true }
            }
            if escape == nil && !unicode {
                i += 1
                continue
            }
            if i > runStart { out.append(UnsafeBufferPointer(rebasing: bytes[runStart..<i])) }
            if let (a, b) = escape {
                out.append(a)
                out.append(b)
            } else if width == 3 {
                unicodeEscape(bytes[i + 2] == 0xA8 ? 0x2028 : 0x2029, &out)
            } else if c >= 0x80 {
                // -a: escape the whole character, as UTF-16 units.
                var j = i + 1
                while j < count && bytes[j] & 0xC0 == 0x80 { j += 1 }
                width = j - i
                for unit in String(decoding: UnsafeBufferPointer(rebasing: bytes[i..<j]), as: UTF8.self).utf16 {
                    unicodeEscape(UInt32(unit), &out)
                }
            } else {
                unicodeEscape(UInt32(c), &out)
            }
            i += width
            runStart = i
        }
        if count > runStart { out.append(UnsafeBufferPointer(rebasing: bytes[runStart..<count])) }
        out.append(UInt8(ascii: "\""))
    }
}

/// The writer's output: a growable byte buffer written through a pointer (no per-byte
/// capacity and uniqueness checks of `Array.append`), optionally flushed in large pieces.
struct ByteSink {
    var base: UnsafeMutablePointer<UInt8>
    var count = 0
    var capacity: Int
    /// Above this many bytes, `flush` (when set) takes the buffer's bytes.
    var threshold = Int.max
    var flush: ((UnsafeBufferPointer<UInt8>) throws -> Void)? = nil

    init(capacity: Int = 4096) {
        self.capacity = capacity
        base = .allocate(capacity: capacity)
    }

    func release() { base.deallocate() }

    @inline(never)
    mutating func grow(_ needed: Int) {
        var newCapacity = capacity * 2
        while newCapacity < count + needed { newCapacity *= 2 }
        let fresh = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        fresh.update(from: base, count: count)
        base.deallocate()
        base = fresh
        capacity = newCapacity
    }

    @inline(__always)
    mutating func append(_ byte: UInt8) {
        if count == capacity { grow(1) }
        base[count] = byte
        count += 1
    }

    @inline(__always)
    mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        let n = bytes.count
        if count + n > capacity { grow(n) }
        if n > 0 { (base + count).update(from: bytes.baseAddress!, count: n) }
        count += n
    }

    mutating func append(_ bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { append($0) }
    }

    mutating func append(_ s: StaticString) {
        append(UnsafeBufferPointer(start: s.utf8Start, count: s.utf8CodeUnitCount))
    }

    mutating func append(_ s: String) {
        var s = s
        s.withUTF8 { append($0) }
    }

    @inline(__always)
    mutating func append(repeating byte: UInt8, count n: Int) {
        if count + n > capacity { grow(n) }
        var i = 0
        while i < n {
            base[count + i] = byte
            i += 1
        }
        count += n
    }

    /// Decimal digits of an integer, without going through `String`.
    @inline(__always)
    mutating func appendInteger(_ i: Int) {
        if i >= 0 && i < 10 {
            append(UInt8(0x30 + i))
            return
        }
        if count + 20 > capacity { grow(20) }
        var magnitude = i.magnitude
        var digits = 0
        var scratch: (UInt64, UInt64, UInt64) = (0, 0, 0)
        withUnsafeMutableBytes(of: &scratch) { buffer in
            var p = 23
            repeat {
                buffer[p] = UInt8(0x30 + magnitude % 10)
                magnitude /= 10
                p -= 1
                digits += 1
            } while magnitude > 0
            if i < 0 {
                buffer[p] = UInt8(ascii: "-")
                digits += 1
            }
            (base + count).update(from: buffer.baseAddress!.assumingMemoryBound(to: UInt8.self) + (24 - digits), count: digits)
        }
        count += digits
    }

    /// Hands the bytes so far to `flush`.
    mutating func flushNow() throws {
        guard let flush, count > 0 else { return }
        try flush(UnsafeBufferPointer(start: base, count: count))
        count = 0
    }

    /// Appends the bytes so far to `out` and empties the sink.
    mutating func drain(into out: inout [UInt8]) {
        out.append(contentsOf: UnsafeBufferPointer(start: base, count: count))
        count = 0
    }
}

/// ANSI colour sequences for JSON output, one per kind of value plus object keys (jq's
/// `JQ_COLORS` order: null, false, true, numbers, strings, arrays, objects, object keys).
public struct JSONColors: Sendable, Equatable {
    public var null: [UInt8]
    public var `false`: [UInt8]
    public var `true`: [UInt8]
    public var number: [UInt8]
    public var string: [UInt8]
    public var array: [UInt8]
    public var object: [UInt8]
    public var objectKey: [UInt8]

    public static let reset: [UInt8] = Array("\u{1B}[0m".utf8)

    /// `ESC[<code>m`
    public static func sequence(_ code: String) -> [UInt8] { Array("\u{1B}[\(code)m".utf8) }

    /// jq 1.8's default colours.
    public static let jqDefault = JSONColors(codes: ["0;90", "0;39", "0;39", "0;39", "0;32", "1;39", "1;39", "1;34"])

    /// Colours from SGR codes in `JQ_COLORS` order (missing entries keep jq's defaults).
    public init(codes: [String]) {
        let defaults = ["0;90", "0;39", "0;39", "0;39", "0;32", "1;39", "1;39", "1;34"]
        let all = (0..<8).map { i in JSONColors.sequence(i < codes.count ? codes[i] : defaults[i]) }
        null = all[0]
        `false` = all[1]
        `true` = all[2]
        number = all[3]
        string = all[4]
        array = all[5]
        object = all[6]
        objectKey = all[7]
    }
}
