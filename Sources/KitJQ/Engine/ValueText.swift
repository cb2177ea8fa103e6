import KitCore

/// The compact JSON writer jq uses for `tojson`, `tostring` and messages.
let compactWriter: JSONWriter = {
    var w = JSONWriter(style: .jq, indent: 0)
    w.maxDepth = 10_000
    return w
}()

/// `tojson`: compact JSON, as jq's `jv_dump_string(v, 0)` prints it.
func dump(_ value: Value) -> String {
    var out: [UInt8] = []
    dump(value, into: &out)
    return String(decoding: out, as: UTF8.self)
}

func dump(_ value: Value, into out: inout [UInt8]) {
    // The jq style never fails (non-finite numbers have jq spellings).
    try? compactWriter.write(value, to: &out)
}

/// `tostring`: strings unchanged, anything else as compact JSON.
func stringify(_ value: Value) -> String {
    if case .string(let s) = value { return s }
    return dump(value)
}

/// A value in an error message, cut as jq cuts it (`jv_dump_string_trunc` with 30 bytes):
/// at most 29 bytes, the cut marked with `...` and the closing quote or bracket kept.
func truncatedDump(_ value: Value) -> String {
    let bufferSize = 30
    var v = value
    if case .string(let s) = value, s.utf8.count > bufferSize {
        v = .string(String(String.UnicodeScalarView(s.unicodeScalars.prefix(bufferSize))))
    }
    let text = Array(dump(v).utf8)
    guard text.count > bufferSize - 1 else { return String(decoding: text, as: UTF8.self) }
    var delimiter: UInt8? = nil
    switch text.first {
    case UInt8(ascii: "\""): delimiter = UInt8(ascii: "\"")
    case UInt8(ascii: "["): delimiter = UInt8(ascii: "]")
    case UInt8(ascii: "{"): delimiter = UInt8(ascii: "}")
    default: break
    }
    var length = bufferSize - (delimiter != nil ? 5 : 4)
    // Back up to the start of the character the cut falls in.
    while length > 0 && text[length] & 0xC0 == 0x80 { length -= 1 }
    var out = Array(text[0..<length])
    out.append(contentsOf: [0x2E, 0x2E, 0x2E])
    if let delimiter { out.append(delimiter) }
    return String(decoding: out, as: UTF8.self)
}

extension Value {
    /// jq's truthiness: everything but `false` and `null` is true.
    @inline(__always)
    var isTruthy: Bool {
        switch self {
        case .null: return false
        case .bool(let b): return b
        default: return true
        }
    }
}
