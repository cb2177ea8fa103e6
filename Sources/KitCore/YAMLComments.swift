import CYAML

/// Finds comments in YAML text. kit's values do not carry comments, so a tool that rewrites
/// a file (`kit fmt`) asks here first rather than silently dropping them.
public enum YAMLComments {
    /// Where the first comment of `bytes` starts, or nil when there is none (or the text is
    /// not valid YAML, which the caller reports itself).
    public static func firstComment(in bytes: [UInt8], file: String) -> SourceLocation? {
        // libyaml marks count characters, not bytes: map character index → byte offset.
        var bomLength = 0
        if bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF { bomLength = 3 }
        return bytes.withUnsafeBufferPointer { buffer -> SourceLocation? in
            let charStarts = UTF8Rune.characterStarts(buffer, from: bomLength)
            func byteOffset(_ charIndex: Int) -> Int { charStarts[min(max(charIndex, 0), charStarts.count - 1)] }

            let parser = UnsafeMutablePointer<yaml_parser_t>.allocate(capacity: 1)
            defer { parser.deallocate() }
            guard yaml_parser_initialize(parser) == 1 else { return nil }
            defer { yaml_parser_delete(parser) }
            yaml_parser_set_input_string(parser, buffer.baseAddress ?? UnsafePointer(bitPattern: 1)!, buffer.count)

            // Everything between two tokens is whitespace, line breaks or comments.
            var gapStart = bomLength
            var token = yaml_token_t()
            while true {
                guard yaml_parser_scan(parser, &token) == 1 else { return nil }
                defer { yaml_token_delete(&token) }
                let start = byteOffset(Int(token.start_mark.index))
                if start > gapStart, let hash = buffer[gapStart..<start].firstIndex(of: UInt8(ascii: "#")) {
                    return SourceLocation(file: file, byteOffset: hash, in: buffer)
                }
                gapStart = max(gapStart, byteOffset(Int(token.end_mark.index)))
                if token.type == YAML_STREAM_END_TOKEN { return nil }
            }
        }
    }
}
