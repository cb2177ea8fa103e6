/// What a block scalar's value becomes when kustomize writes it with go-yaml v3 and reads the
/// text back, as it does before printing every object (kyaml keeps a scalar's source style,
/// and go-yaml v3 writes a literal or folded scalar in that style again).
///
/// go-yaml gives a block an indentation indicator only when its value starts with a space or
/// a line break, so a value starting with a tab is written as a block whose first line has a
/// tab where the indentation is detected, and reading it back fails: kustomize refuses such
/// a file (`literal` and `folded` alike).
///
/// go-yaml v3's folded writer (`yaml_emitter_write_folded_scalar`) decides whether a line
/// break needs an extra empty line — which folding turns back into the break — by looking at
/// the start of the whole value instead of at the text after the break. So every line break
/// that ends a line not starting with a blank gets the empty line, also before a more-indented
/// line or an empty one, where the break was kept anyway: reading back, the value has one line
/// break more there.
///
/// This writes the value as that writer does (without its width folding, which reads back
/// the same) and reads it again with libyaml.
public enum GoYAMLBlockRoundTrip {
    /// The value after the round trip; the value itself when go-yaml would not write it as a
    /// block (`block_allowed` is false: a trailing space, a space before a line break,
    /// characters a block cannot hold) or it holds line breaks other than `\n`. Throws (a
    /// message without a position) when kustomize could not read back what it wrote.
    public static func value(_ value: String, folded: Bool) throws -> String {
        let bytes = Array(value.utf8)
        guard blockAllowed(bytes), !bytes.isEmpty else { return value }
        if bytes[0] == tab {
            throw KitError(
                "kustomize cannot print this block scalar: it starts with a tab, which go-yaml writes back where the indentation is expected (found a tab character where an indentation space is expected)")
        }
        guard folded, bytes.contains(lineFeed) else { return value }
        var text: [UInt8] = Array("v: >".utf8)
        // Block scalar hints (`yaml_emitter_write_block_scalar_hints`), with best_indent 2.
        if let first = bytes.first, first == space || first == tab || first == lineFeed { text.append(UInt8(ascii: "2")) }
        if bytes.last != lineFeed {
            text.append(UInt8(ascii: "-"))
        } else if bytes.count == 1 || bytes[bytes.count - 2] == lineFeed {
            text.append(UInt8(ascii: "+"))
        }
        // The header line ends before the value starts (go-yaml puts the break there).
        text.append(lineFeed)
        // The writer's loop; its bug is `startIsBlank`, read at the start of the value.
        var leading = 0
        while leading < bytes.count && bytes[leading] == lineFeed { leading += 1 }
        let startIsBlank = leading == bytes.count || bytes[leading] == space || bytes[leading] == tab
        var breaks = true
        var leadingSpaces = true
        for (i, b) in bytes.enumerated() {
            if b == lineFeed {
                if !breaks && !leadingSpaces && !startIsBlank { text.append(lineFeed) }
                text.append(lineFeed)
                breaks = true
            } else {
                if breaks {
                    text += [space, space]
                    leadingSpaces = bytes[i] == space || bytes[i] == tab
                }
                text.append(b)
                breaks = false
            }
        }
        if text.last != lineFeed { text.append(lineFeed) }
        guard let document = try YAMLReader.read(text, file: "<go-yaml folded round trip>").first,
            case .string(let result)? = document.value["v"]
        else { return value }
        return result
    }

    private static let space = UInt8(ascii: " "), tab = UInt8(ascii: "\t"), lineFeed = UInt8(ascii: "\n")

    /// go-yaml's `block_allowed` (`yaml_emitter_analyze_scalar`): no trailing space and no
    /// space right before a line break (a space is ' ' only; tabs are fine), and only what
    /// go-yaml's `is_printable` accepts besides tabs: ASCII from U+0020, U+00A0–U+D7FF and
    /// U+E000–U+FFFD but U+FEFF (nothing beyond U+FFFF). Line breaks other than `\n` keep
    /// the value as it is too.
    static func blockAllowed(_ bytes: [UInt8]) -> Bool {
        if bytes.last == space { return false }
        var previous: UInt8 = 0
        for b in bytes {
            if b == lineFeed && previous == space { return false }
            if b < 0x20 && b != lineFeed && b != tab { return false }
            if b == 0x7F { return false }
            previous = b
        }
        if bytes.contains(where: { $0 >= 0x80 }) {
            for scalar in String(decoding: bytes, as: UTF8.self).unicodeScalars where scalar.value >= 0x80 {
                let v = scalar.value
                let printable = (v >= 0xA0 && v <= 0xD7FF) || (v >= 0xE000 && v <= 0xFFFD && v != 0xFEFF)
                if !printable || v == 0x2028 || v == 0x2029 { return false }
            }
        }
        return true
    }
}
