/// Writes values as JSON, in jq's style or in kubectl's `-o json` style.
///
/// - `.jq`: 2-space indent (or compact `-c` with no spaces at all), keys in their order,
///   numbers as jq 1.8 prints them (unchanged literals keep their digits: `1.000`,
///   `100000000000000000000`; doubles in shortest form, `1e+17`, `1e-05`; NaN as `null`),
///   control characters and DEL as `\u00xx`.
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
        do {
            try write(value, level: 0, to: &out)
        } catch let refused as Refused {
            var error = KitError(refused.message + (refused.path.isEmpty ? "" : " at " + PathComponent.text(of: refused.path.reversed())))
            error.valuePath = KitError.ValuePath(document: 0, components: refused.path.reversed())
            throw error
        }
    }

    /// A value Go's encoder refuses, with the path to it (innermost step first).
    struct Refused: Error {
        var message: String
        var path: [PathComponent] = []
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

    func newline(_ level: Int, _ out: inout [UInt8]) {
        out.append(10)
        out.append(contentsOf: repeatElement(UInt8(ascii: " "), count: level * indent))
    }

    func write(_ value: Value, level: Int, to out: inout [UInt8]) throws {
        switch value {
        case .null:
            out.append(contentsOf: [110, 117, 108, 108])
        case .bool(let b):
            out.append(contentsOf: b ? Array("true".utf8) : Array("false".utf8))
        case .int(let i):
            out.append(contentsOf: String(i).utf8)
        case .double(let d):
            out.append(contentsOf: try numberText(d).utf8)
        case .decimal(let d):
            switch style {
            case .jq:
                out.append(contentsOf: NumberFormatting.jqLiteral(d.text).utf8)
            case .kubectl:
                if let u = d.uint64Value {
                    out.append(contentsOf: String(u).utf8)
                } else {
                    out.append(contentsOf: try numberText(d.doubleValue).utf8)
                }
            }
        case .string(let s):
            writeString(s, to: &out)
        case .array(let items):
            if items.isEmpty {
                out.append(contentsOf: [91, 93])
                return
            }
            out.append(UInt8(ascii: "["))
            for (i, item) in items.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                if indent > 0 { newline(level + 1, &out) }
                do {
                    try write(item, level: level + 1, to: &out)
                } catch var refused as Refused {
                    refused.path.append(.index(i))
                    throw refused
                }
            }
            if indent > 0 { newline(level, &out) }
            out.append(UInt8(ascii: "]"))
        case .object(let object):
            if object.isEmpty {
                out.append(contentsOf: [123, 125])
                return
            }
            out.append(UInt8(ascii: "{"))
            let ordered = sortKeys ? object.sortedByKeyBytes() : object
            var first = true
            for (k, v) in ordered {
                if !first { out.append(UInt8(ascii: ",")) }
                first = false
                if indent > 0 { newline(level + 1, &out) }
                writeString(k, to: &out)
                out.append(UInt8(ascii: ":"))
                if indent > 0 { out.append(UInt8(ascii: " ")) }
                do {
                    try write(v, level: level + 1, to: &out)
                } catch var refused as Refused {
                    refused.path.append(.key(k))
                    throw refused
                }
            }
            if indent > 0 { newline(level, &out) }
            out.append(UInt8(ascii: "}"))
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

    static let hexDigits = Array("0123456789abcdef".utf8)

    func writeString(_ s: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        let go = style == .kubectl
        var s = s
        s.withUTF8 { bytes in
            var runStart = 0
            var i = 0
            func flush(_ end: Int) {
                if end > runStart { out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<end])) }
            }
            func unicodeEscape(_ v: UInt32) {
                out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "u")])
                for shift in stride(from: 12, through: 0, by: -4) {
                    out.append(JSONWriter.hexDigits[Int(v >> UInt32(shift) & 15)])
                }
            }
            while i < bytes.count {
                let c = bytes[i]
                var escape: [UInt8]? = nil
                var width = 1
                switch c {
                case UInt8(ascii: "\""): escape = [92, 34]
                case UInt8(ascii: "\\"): escape = [92, 92]
                case 10: escape = [92, 110]
                case 13: escape = [92, 114]
                case 9: escape = [92, 116]
                case 8: escape = [92, 98]
                case 12: escape = [92, 102]
                case UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "&"):
                    if go { escape = [] }
                case 0x7F:
                    if !go { escape = [] }
                case 0xE2 where go && i + 2 < bytes.count && bytes[i + 1] == 0x80 && (bytes[i + 2] == 0xA8 || bytes[i + 2] == 0xA9):
                    escape = []
                    width = 3
                default:
                    if c < 0x20 { escape = [] }
                    if asciiOutput && c >= 0x80 { escape = [] }
                }
                guard let e = escape else {
                    i += 1
                    continue
                }
                flush(i)
                if !e.isEmpty {
                    out.append(contentsOf: e)
                } else if width == 3 {
                    unicodeEscape(bytes[i + 2] == 0xA8 ? 0x2028 : 0x2029)
                } else if c >= 0x80 {
                    // -a: escape the whole character, as UTF-16 units.
                    var scalarBytes = [c]
                    var j = i + 1
                    while j < bytes.count && bytes[j] & 0xC0 == 0x80 {
                        scalarBytes.append(bytes[j])
                        j += 1
                    }
                    width = scalarBytes.count
                    for unit in String(decoding: scalarBytes, as: UTF8.self).utf16 { unicodeEscape(UInt32(unit)) }
                } else {
                    unicodeEscape(UInt32(c))
                }
                i += width
                runStart = i
            }
            flush(bytes.count)
        }
        out.append(UInt8(ascii: "\""))
    }
}
