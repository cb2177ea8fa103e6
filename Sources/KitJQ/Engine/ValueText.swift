import KitCore

/// The compact JSON writer of `tojson` and `tostring`: JQText's, plus jq's print depth limit
/// (values nested deeper than 10,000 levels print as `<skipped: too deep>`).
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

/// A value in an error message, cut as jq cuts it (`jv_dump_string_trunc`).
@inline(__always)
func truncatedDump(_ value: Value) -> String {
    JQText.truncatedDump(value)
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
