import KitCore

/// jq's ways of turning a value into text for its own messages and formats: the compact dump
/// (`jv_dump_string(v, 0)`), the truncated dump its error messages quote
/// (`jv_dump_string_trunc`), and its UTF-8 repair of byte strings (`jv_string_sized`).
public enum JQText {
    /// The value as jq's compact JSON (`tojson`, `@json`): no spaces, keys in their order,
    /// non-ASCII characters as they are, numbers as jq 1.8 prints them.
    public static func dump(_ value: Value) -> String {
        var out: [UInt8] = []
        dump(value, into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends the compact JSON of `value` to `out`.
    public static func dump(_ value: Value, into out: inout [UInt8]) {
        // The jq style never throws (only kubectl's refuses non-finite numbers).
        try? compactWriter.write(value, to: &out)
    }

    static let compactWriter = JSONWriter(style: .jq, indent: 0)

    /// jq's `jv_dump_string_trunc` with the 30-byte buffer every jq error message uses: the
    /// compact dump, cut to at most 25 bytes (at a character boundary) plus `...` and the
    /// closing delimiter when it does not fit in 29 bytes. Strings longer than the buffer are
    /// first cut to its size in characters, as jq does.
    ///
    ///     "Cannot index array with \(JQText.truncatedDump(key))"
    public static func truncatedDump(_ value: Value, bufferSize: Int = 30) -> String {
        var value = value
        if case .string(let s) = value, s.utf8.count > bufferSize {
            value = .string(String(String.UnicodeScalarView(s.unicodeScalars.prefix(bufferSize))))
        }
        var bytes: [UInt8] = []
        dump(value, into: &bytes)
        if bytes.count > bufferSize - 1 && bufferSize >= 8 {
            let delimiter: UInt8?
            switch bytes[0] {
            case UInt8(ascii: "\""): delimiter = UInt8(ascii: "\"")
            case UInt8(ascii: "["): delimiter = UInt8(ascii: "]")
            case UInt8(ascii: "{"): delimiter = UInt8(ascii: "}")
            default: delimiter = nil
            }
            var cut = bufferSize - (delimiter == nil ? 4 : 5)
            // Back up to the first byte of the character the cut falls into.
            while cut > 0 && bytes[cut] & 0xC0 == 0x80 { cut -= 1 }
            var out = Array(bytes[..<cut])
            out.append(contentsOf: [46, 46, 46])
            if let d = delimiter { out.append(d) }
            return String(decoding: out, as: UTF8.self)
        }
        return String(decoding: bytes.prefix(bufferSize - 1), as: UTF8.self)
    }

    /// Bytes as a jq string: valid UTF-8 as it is; otherwise each bad sequence becomes one
    /// U+FFFD the way jq's decoder (`jvp_utf8_next`) splits it, which differs from Swift's
    /// repair (jq swallows a whole overlong or out-of-range sequence as one character).
    public static func string(fromUTF8 bytes: UnsafeBufferPointer<UInt8>) -> String {
        // Not String(validating:): it is generic in the standard library and costs more than
        // the regex search it follows. Valid bytes decode the same with either repair.
        if isValidUTF8(bytes) { return String(decoding: bytes, as: UTF8.self) }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + 8)
        var i = 0
        while i < bytes.count {
            let (codepoint, length) = nextCodepoint(bytes, at: i)
            if codepoint != nil {
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[i..<(i + length)]))
            } else {
                out.append(contentsOf: [0xEF, 0xBF, 0xBD])
            }
            i += length
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// `string(fromUTF8:)` for any byte collection.
    public static func string<C: Collection>(fromUTF8 bytes: C) -> String where C.Element == UInt8 {
        if let s = bytes.withContiguousStorageIfAvailable({ string(fromUTF8: $0) }) { return s }
        return Array(bytes).withUnsafeBufferPointer { string(fromUTF8: $0) }
    }

    /// Whether jq accepts the bytes as UTF-8 (`jvp_utf8_is_valid`): no overlong forms, no
    /// surrogates, nothing past U+10FFFF, no cut sequence (the set Swift accepts, too).
    public static func isValidUTF8(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        while i < bytes.count {
            if bytes[i] < 0x80 {
                i += 1
                continue
            }
            let (codepoint, length) = nextCodepoint(bytes, at: i)
            if codepoint == nil { return false }
            i += length
        }
        return true
    }

    /// `isValidUTF8` for any byte collection.
    public static func isValidUTF8<C: Collection>(_ bytes: C) -> Bool where C.Element == UInt8 {
        if let valid = bytes.withContiguousStorageIfAvailable({ isValidUTF8($0) }) { return valid }
        return Array(bytes).withUnsafeBufferPointer { isValidUTF8($0) }
    }

    /// One step of jq's `jvp_utf8_next`: the code point at `i` (nil when the sequence is bad)
    /// and how many bytes the step consumes.
    static func nextCodepoint(_ bytes: UnsafeBufferPointer<UInt8>, at i: Int) -> (UInt32?, Int) {
        let first = bytes[i]
        if first < 0x80 { return (UInt32(first), 1) }
        let length: Int
        switch first {
        case 0xC2...0xDF: length = 2
        case 0xE0...0xEF: length = 3
        case 0xF0...0xF4: length = 4
        default: return (nil, 1)  // a continuation byte out of place, C0, C1 or F5–FF
        }
        // A sequence the end cuts short is one bad character, whatever its bytes.
        if length > bytes.count - i { return (nil, bytes.count - i) }
        var codepoint = UInt32(first) & (length == 2 ? 0x1F : length == 3 ? 0x0F : 0x07)
        for k in 1..<length {
            let c = bytes[i + k]
            guard c & 0xC0 == 0x80 else { return (nil, k) }
            codepoint = codepoint << 6 | UInt32(c & 0x3F)
        }
        let smallest: UInt32 = length == 2 ? 0x80 : length == 3 ? 0x800 : 0x10000
        if codepoint < smallest || (0xD800...0xDFFF).contains(codepoint) || codepoint > 0x10FFFF {
            return (nil, length)
        }
        return (codepoint, length)
    }
}

extension JQLibraryError {
    /// jq's `type_error`: `<type> (<truncated dump>) <message>`, e.g.
    /// `object ({"a":1}) is not valid in a csv row`.
    public static func typeError(_ value: Value, _ message: String) -> JQLibraryError {
        JQLibraryError("\(value.typeName) (\(JQText.truncatedDump(value))) \(message)")
    }

    /// jq's `type_error2`: `<type> (<dump>) and <type> (<dump>) <message>`.
    public static func typeError(_ a: Value, _ b: Value, _ message: String) -> JQLibraryError {
        JQLibraryError(
            "\(a.typeName) (\(JQText.truncatedDump(a))) and \(b.typeName) (\(JQText.truncatedDump(b))) \(message)")
    }
}
