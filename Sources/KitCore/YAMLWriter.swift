import CYAML

/// Writes values as YAML through libyaml's emitter, choosing each scalar's style the way
/// kustomize's output does (`YAMLOutputRules`), so that sorted output is byte-identical to
/// `kubectl kustomize`: 2-space indent, sequences not indented under their key, lines folded
/// at 80 columns, `{}`/`[]` for empty collections.
///
/// kustomize's emitter is go-yaml v2, a Go port of an older libyaml. The two emitters choose
/// the same styles and write the same text, except for two kinds of scalar, which the writer
/// patches after libyaml has written the document (`GoEmitterQuirks`).
public struct YAMLWriter: Sendable {
    public enum KeyOrder: Sendable {
        /// Keys as they are in the value.
        case preserved
        /// go-yaml v2's natural order, as kustomize prints.
        case sorted
    }

    /// What happens to values kustomize does not print as they are.
    public enum ValueRules: Sendable {
        /// As kustomize (and kubectl) print them: U+0085 in a string folds like a line break,
        /// and what they refuse to print is an error — NaN and infinities, the characters
        /// U+007F–U+009F (but U+0085), U+FFFE and U+FFFF, keys with U+0085 or longer than
        /// go-yaml v2 allows, annotations (`metadata.annotations` of a document) that kustomize
        /// would write as a literal block starting with a tab (see
        /// `YAMLOutputRules.KustomizeStrings`).
        case kustomize
        /// Every value written so that kit reads it back as it is (`.nan`, `.inf`, `"\N"`,
        /// `"\x7F"`, `"0o-7"` quoted, number literals as written).
        case lossless
    }

    public var keyOrder: KeyOrder
    public var valueRules: ValueRules

    /// `valueRules` defaults to `.kustomize` for sorted output (which is kustomize's output)
    /// and to `.lossless` otherwise.
    public init(keyOrder: KeyOrder = .preserved, valueRules: ValueRules? = nil) {
        self.keyOrder = keyOrder
        self.valueRules = valueRules ?? (keyOrder == .sorted ? .kustomize : .lossless)
    }

    /// One document. It ends in a line break, unless its last scalar is a block ending in
    /// U+2028 or U+2029 (a line break to YAML: neither emitter adds a line feed after it).
    public func document(_ value: Value) throws -> [UInt8] {
        let out = OutputBuffer()
        try emit(value, into: out)
        return out.bytes
    }

    /// Several documents separated by `---` lines, as kustomize separates resources.
    /// A refused value's error names the document it is in (`KitError.valuePath`).
    public func stream(_ values: [Value]) throws -> [UInt8] {
        var bytes: [UInt8] = []
        for (i, v) in values.enumerated() {
            if i > 0 { bytes.append(contentsOf: "---\n".utf8) }
            do {
                bytes.append(contentsOf: try document(v))
            } catch var error as KitError where error.valuePath != nil {
                error.valuePath?.document = i
                throw error
            }
        }
        return bytes
    }

    public func string(_ value: Value) throws -> String {
        String(decoding: try document(value), as: UTF8.self)
    }

    func emit(_ value: Value, into out: OutputBuffer) throws {
        let emitter = UnsafeMutablePointer<yaml_emitter_t>.allocate(capacity: 1)
        defer { emitter.deallocate() }
        guard yaml_emitter_initialize(emitter) == 1 else { throw KitError("cannot initialise the YAML emitter") }
        defer { yaml_emitter_delete(emitter) }
        yaml_emitter_set_unicode(emitter, 1)
        yaml_emitter_set_indent(emitter, 2)
        yaml_emitter_set_width(emitter, 80)
        yaml_emitter_set_break(emitter, YAML_LN_BREAK)
        let context = Unmanaged.passUnretained(out).toOpaque()
        yaml_emitter_set_output(emitter, { data, buffer, size in
            let out = Unmanaged<OutputBuffer>.fromOpaque(data!).takeUnretainedValue()
            out.bytes.append(contentsOf: UnsafeBufferPointer(start: buffer, count: size))
            return 1
        }, context)

        var session = Session(emitter: emitter, keyOrder: keyOrder, valueRules: valueRules)
        var event = yaml_event_t()
        yaml_stream_start_event_initialize(&event, YAML_UTF8_ENCODING)
        try session.send(&event)
        yaml_document_start_event_initialize(&event, nil, nil, nil, 1)
        try session.send(&event)
        do {
            try session.node(value, indent: -1, context: .root, place: .document)
        } catch let unprintable as Unprintable {
            var error = KitError(unprintable.message(lossless: valueRules == .lossless))
            error.valuePath = KitError.ValuePath(document: 0, components: unprintable.path.reversed())
            throw error
        }
        yaml_document_end_event_initialize(&event, 1)
        try session.send(&event)
        // As go-yaml does, never close the stream with a `...` marker (libyaml writes one
        // after a final `|+` scalar; go-yaml v2's encoder clears `open_ended` before the end).
        emitter.pointee.open_ended = 0
        yaml_stream_end_event_initialize(&event)
        try session.send(&event)
        _ = yaml_emitter_flush(emitter)
        if !session.patches.isEmpty {
            out.bytes = try GoEmitterQuirks.apply(session.patches, to: out.bytes)
        }
    }

    /// Where a node is written: go-yaml v2's emitter indents some nodes differently by context.
    enum Context {
        case root
        /// A value after a simple key (`key: value`).
        case simpleKeyValue
        /// A value after a complex key (`? key` then `: value`).
        case complexKeyValue
        case sequenceItem
        case key
    }

    /// Where a node is in a resource, as far as kustomize's rules care: its annotations are
    /// rewritten by kustomize before they are printed (see `KustomizeStrings.annotation`).
    enum Place {
        /// The document itself, `metadata`, `metadata.annotations`, one annotation's value.
        case document, metadata, annotations, annotation, elsewhere

        /// The place of the value under `key` in a mapping at this place.
        func member(_ key: String) -> Place {
            switch self {
            case .document: return key == "metadata" ? .metadata : .elsewhere
            case .metadata: return key == "annotations" ? .annotations : .elsewhere
            case .annotations: return .annotation
            case .annotation, .elsewhere: return .elsewhere
            }
        }
    }

    /// A value that cannot be printed, with the path to it (innermost step first).
    struct Unprintable: Error {
        var path: [PathComponent]
        var reason: String

        func message(lossless: Bool) -> String {
            let place = path.isEmpty ? "the document" : PathComponent.text(of: path.reversed())
            return "cannot write \(place) \(lossless ? "as YAML" : "as kustomize would"): \(reason)"
        }
    }

    private struct Session {
        let emitter: UnsafeMutablePointer<yaml_emitter_t>
        let keyOrder: KeyOrder
        let valueRules: ValueRules
        /// Scalar events sent so far in this document (keys included).
        var scalarCount = 0
        /// Scalars libyaml writes differently from go-yaml v2, fixed after the document.
        var patches: [GoEmitterQuirks.Patch] = []

        init(emitter: UnsafeMutablePointer<yaml_emitter_t>, keyOrder: KeyOrder, valueRules: ValueRules) {
            self.emitter = emitter
            self.keyOrder = keyOrder
            self.valueRules = valueRules
        }

        mutating func send(_ event: inout yaml_event_t) throws {
            // yaml_emitter_emit takes ownership of the event, also on failure.
            guard yaml_emitter_emit(emitter, &event) == 1 else {
                let problem = emitter.pointee.problem.map { String(cString: $0) } ?? "cannot write YAML"
                throw KitError(problem)
            }
        }

        mutating func scalar(_ text: String, style: yaml_scalar_style_t) throws {
            var event = yaml_event_t()
            var text = text
            let ok = text.withUTF8 { buf -> Int32 in
                // libyaml copies the value; it needs a non-null pointer even when empty.
                let base = buf.baseAddress ?? UnsafePointer(bitPattern: 1)!
                return yaml_scalar_event_initialize(
                    &event, nil, nil, UnsafeMutablePointer(mutating: base), Int32(buf.count), 1, 1, style)
            }
            guard ok == 1 else { throw KitError("cannot write a YAML scalar") }
            try send(&event)
            scalarCount += 1
        }

        /// A string value or key. `indent` is go-yaml's indent of the enclosing collection.
        mutating func string(_ s: String, indent: Int, context: Context, isAnnotation: Bool = false) throws {
            var s = s
            let isKey = context == .key
            var bytes = ScalarBytes(s)
            // Plain ASCII needs no kustomize string rule (but the key length and annotation ones).
            if valueRules == .kustomize
                && (bytes.hasByteAbove7E || (isKey && s.utf8.count > 170) || (isAnnotation && s.utf8.first == 9))
            {
                let checked = isKey
                    ? YAMLOutputRules.KustomizeStrings.key(s)
                    : (isAnnotation ? YAMLOutputRules.KustomizeStrings.annotation(s) : YAMLOutputRules.KustomizeStrings.value(s))
                switch checked {
                case .success(let printed):
                    s = printed
                    bytes = ScalarBytes(s)
                case .failure(let refusal):
                    throw Unprintable(path: [], reason: refusal.reason)
                }
            }
            // kit's own output must read back as written (kustomize's keeps go-yaml v2's quoting).
            let readBack = valueRules == .lossless
            let requested = isKey
                ? YAMLOutputRules.keyStyle(for: s, hasLineFeed: bytes.hasLineFeed, readBackByKit: readBack)
                : YAMLOutputRules.style(for: s, hasLineFeed: bytes.hasLineFeed, readBackByKit: readBack)
            if bytes.hasByteAbove7E,
                let patch = GoEmitterQuirks.patch(
                    for: s, requested: requested, isKey: isKey, scalarIndent: indent < 0 ? 2 : indent + 2, ordinal: scalarCount)
            {
                patches.append(patch)
            }
            let style: yaml_scalar_style_t
            switch requested {
            case .plain: style = YAML_PLAIN_SCALAR_STYLE
            case .doubleQuoted: style = YAML_DOUBLE_QUOTED_SCALAR_STYLE
            case .literal: style = YAML_LITERAL_SCALAR_STYLE
            }
            try scalar(s, style: style)
        }

        mutating func number(_ value: Value) throws {
            if valueRules == .lossless {
                guard let text = YAMLOutputRules.losslessNumberText(value) else {
                    throw Unprintable(path: [], reason: "the number is beyond what a YAML float holds, so it would read back as a string")
                }
                try scalar(text, style: YAML_PLAIN_SCALAR_STYLE)
                return
            }
            if let d = value.doubleValue, !d.isFinite {
                throw Unprintable(path: [], reason: "\(d.isNaN ? "NaN" : "infinity") has no JSON form (\"json: unsupported value\")")
            }
            try scalar(YAMLOutputRules.numberText(value)!, style: YAML_PLAIN_SCALAR_STYLE)
        }

        /// `indent` is go-yaml v2's indent of the collection holding the node (−1 at the root).
        mutating func node(_ value: Value, indent: Int, context: Context, place: Place) throws {
            switch value {
            case .null:
                try scalar("null", style: YAML_PLAIN_SCALAR_STYLE)
            case .bool(let b):
                try scalar(b ? "true" : "false", style: YAML_PLAIN_SCALAR_STYLE)
            case .int, .double, .decimal:
                try number(value)
            case .string(let s):
                try string(s, indent: indent, context: context, isAnnotation: place == .annotation)
            case .array(let items):
                var event = yaml_event_t()
                yaml_sequence_start_event_initialize(&event, nil, nil, 1, YAML_BLOCK_SEQUENCE_STYLE)
                try send(&event)
                // A block sequence right after `key:` is not indented (go-yaml's "indentless"
                // sequence); anywhere else it is.
                let inner = indent < 0 ? 0 : (context == .simpleKeyValue ? indent : indent + 2)
                for (i, item) in items.enumerated() {
                    do {
                        try node(item, indent: inner, context: .sequenceItem, place: .elsewhere)
                    } catch var unprintable as Unprintable {
                        unprintable.path.append(.index(i))
                        throw unprintable
                    }
                }
                yaml_sequence_end_event_initialize(&event)
                try send(&event)
            case .object(let object):
                var event = yaml_event_t()
                yaml_mapping_start_event_initialize(&event, nil, nil, 1, YAML_BLOCK_MAPPING_STYLE)
                try send(&event)
                let inner = indent < 0 ? 0 : indent + 2
                if keyOrder == .sorted && object.count > 1 {
                    let keys = object.keys
                    var order = Array(keys.indices)
                    order.sort { YAMLOutputRules.keyLess(keys[$0], keys[$1]) }
                    for i in order { try member(object.entry(at: i), indent: inner, of: place) }
                } else {
                    for entry in object { try member(entry, indent: inner, of: place) }
                }
                yaml_mapping_end_event_initialize(&event)
                try send(&event)
            }
        }

        mutating func member(_ entry: (key: String, value: Value), indent: Int, of place: Place) throws {
            do {
                try string(entry.key, indent: indent, context: .key)
                // Only a sequence's indentation depends on the form of its key.
                var context = Context.simpleKeyValue
                if case .array = entry.value, !GoEmitterQuirks.isSimpleKey(entry.key) { context = .complexKeyValue }
                try node(entry.value, indent: indent, context: context, place: place.member(entry.key))
            } catch var unprintable as Unprintable {
                unprintable.path.append(.key(entry.key))
                throw unprintable
            }
        }
    }
}

/// Bytes written by an emitter callback.
final class OutputBuffer {
    var bytes: [UInt8] = []
}

/// The scalars go-yaml v2's emitter (kustomize's) writes differently from libyaml 0.2.5's
/// (kit's), and go-yaml v2's text for them. Both emitters choose the same style for every
/// scalar; only these two writers differ:
/// - go-yaml's `is_bom` looks at the first bytes of the scalar instead of the current ones,
///   so a string that starts with U+FEFF gets *every* character escaped in double quotes
///   (`"\uFEFF\x61\x20\x62"` for "\u{FEFF}a b"), and its spaces never fold;
/// - libyaml indents the closing quote of a single-quoted scalar that ends with a line break
///   (U+2028 or U+2029: the only breaks single quotes can hold); go-yaml writes the quote
///   right after the break.
///
/// The writer lets libyaml write the document, then re-reads it with libyaml's parser to find
/// where those scalars are and replaces their text with go-yaml's. Such strings are rare, so
/// this costs nothing for ordinary documents.
enum GoEmitterQuirks {
    struct Patch {
        /// Position of the scalar among the document's scalar events.
        var ordinal: Int
        var value: String
        var kind: Kind
        /// go-yaml's `emitter.indent` while it writes the scalar.
        var indent: Int
        /// False for simple keys: go-yaml never folds their lines.
        var allowBreaks: Bool
    }

    enum Kind {
        case escapeEverything, singleQuotedEndingInBreak
    }

    /// The patch a scalar needs, or nil (almost always).
    static func patch(for s: String, requested: YAMLOutputRules.ScalarStyle, isKey: Bool, scalarIndent: Int, ordinal: Int) -> Patch? {
        let utf8 = s.utf8
        guard let last = utf8.last, last >= 0xA8 || utf8.first == 0xEF else { return nil }  // cheap pre-check
        let simpleKey = isKey && isSimpleKey(s)
        if utf8.starts(with: [0xEF, 0xBB, 0xBF]) {
            // U+FEFF is not printable, so the scalar is always double-quoted.
            return Patch(ordinal: ordinal, value: s, kind: .escapeEverything, indent: scalarIndent, allowBreaks: !simpleKey)
        }
        let scalars = s.unicodeScalars
        if let u = scalars.last, u == "\u{2028}" || u == "\u{2029}",
            finalStyle(of: s, requested: requested, simpleKeyContext: simpleKey) == .singleQuoted
        {
            return Patch(ordinal: ordinal, value: s, kind: .singleQuotedEndingInBreak, indent: scalarIndent, allowBreaks: !simpleKey)
        }
        return nil
    }

    /// go-yaml's `check_simple_key` for a string key: one line and at most 128 bytes, else the
    /// key is written in the complex form (`? key` / `: value`).
    static func isSimpleKey(_ s: String) -> Bool {
        let utf8 = s.utf8
        guard utf8.count <= 128 else { return false }
        // Breaks are \n, \r, or NEL, LS, PS, whose UTF-8 starts with 0xC2 or 0xE2.
        if !utf8.contains(where: { $0 == 0x0A || $0 == 0x0D || $0 == 0xC2 || $0 == 0xE2 }) { return true }
        return !s.unicodeScalars.contains(where: isBreak)
    }

    static func isBreak(_ u: Unicode.Scalar) -> Bool {
        u == "\n" || u == "\r" || u == "\u{85}" || u == "\u{2028}" || u == "\u{2029}"
    }

    /// go-yaml's `is_printable`: what may appear unescaped (tab is not).
    static func isPrintable(_ u: Unicode.Scalar) -> Bool {
        let v = u.value
        return v == 0x0A || (v >= 0x20 && v <= 0x7E) || (v >= 0xA0 && v <= 0xD7FF)
            || (v >= 0xE000 && v <= 0xFFFD && v != 0xFEFF)
    }

    enum EmittedStyle: Equatable {
        case plain, singleQuoted, doubleQuoted, literal
    }

    /// The style go-yaml v2's (and libyaml's) emitter ends up using in block context
    /// (`yaml_emitter_analyze_scalar` and `yaml_emitter_select_scalar_style`).
    static func finalStyle(of s: String, requested: YAMLOutputRules.ScalarStyle, simpleKeyContext: Bool) -> EmittedStyle {
        let scalars = Array(s.unicodeScalars)
        var special = false, lineBreaks = false, spaceBreak = false, breakSpace = false
        var leadingSpace = false, leadingBreak = false, trailingSpace = false, trailingBreak = false
        var indicators = scalars.count >= 3 && (scalars[0...2].elementsEqual("---".unicodeScalars) || scalars[0...2].elementsEqual("...".unicodeScalars))
        var previousSpace = false, previousBreak = false, precededByWhitespace = true
        for (i, u) in scalars.enumerated() {
            let followedByWhitespace = i + 1 >= scalars.count || scalars[i + 1] == " " || scalars[i + 1] == "\t"
            if i == 0 {
                switch u {
                case "#", ",", "[", "]", "{", "}", "&", "*", "!", "|", ">", "'", "\"", "%", "@", "`": indicators = true
                case "?", ":", "-": if followedByWhitespace { indicators = true }
                default: break
                }
            } else if (u == ":" && followedByWhitespace) || (u == "#" && precededByWhitespace) {
                indicators = true
            }
            if !isPrintable(u) { special = true }
            if u == " " {
                if i == 0 { leadingSpace = true }
                if i == scalars.count - 1 { trailingSpace = true }
                if previousBreak { breakSpace = true }
                previousSpace = true
                previousBreak = false
            } else if isBreak(u) {
                lineBreaks = true
                if i == 0 { leadingBreak = true }
                if i == scalars.count - 1 { trailingBreak = true }
                if previousSpace { spaceBreak = true }
                previousSpace = false
                previousBreak = true
            } else {
                previousSpace = false
                previousBreak = false
            }
            precededByWhitespace = u == " " || u == "\t" || isBreak(u)
        }
        let plainAllowed = !s.isEmpty && !(leadingSpace || leadingBreak || trailingSpace || trailingBreak)
            && !breakSpace && !spaceBreak && !special && !lineBreaks && !indicators
        let singleAllowed = !breakSpace && !spaceBreak && !special
        let blockAllowed = !s.isEmpty && !trailingSpace && !spaceBreak && !special
        var style: EmittedStyle
        switch requested {
        case .plain: style = .plain
        case .doubleQuoted: style = .doubleQuoted
        case .literal: style = .literal
        }
        if simpleKeyContext && lineBreaks { style = .doubleQuoted }
        if style == .plain && !plainAllowed { style = .singleQuoted }
        if style == .singleQuoted && !singleAllowed { style = .doubleQuoted }
        if style == .literal && (!blockAllowed || simpleKeyContext) { style = .doubleQuoted }
        return style
    }

    // MARK: - Applying the patches

    /// `document` with each patched scalar's text replaced by go-yaml's.
    static func apply(_ patches: [Patch], to document: [UInt8]) throws -> [UInt8] {
        let spans = try scalarSpans(in: document, ordinals: Set(patches.map(\.ordinal)))
        var out: [UInt8] = []
        out.reserveCapacity(document.count + 64)
        var copied = 0
        for patch in patches {
            guard let span = spans[patch.ordinal] else { throw KitError("cannot find a scalar to patch in the YAML output") }
            out.append(contentsOf: document[copied..<span.start])
            let text: String
            switch patch.kind {
            case .escapeEverything: text = doubleQuotedEscapingEverything(patch.value)
            case .singleQuotedEndingInBreak:
                text = singleQuoted(patch.value, column: span.column, indent: patch.indent, allowBreaks: patch.allowBreaks)
            }
            out.append(contentsOf: text.utf8)
            copied = span.end
        }
        out.append(contentsOf: document[copied...])
        return out
    }

    /// Where the scalars with the given ordinals are in `document` (byte offsets), and the
    /// column each starts at, from libyaml's parser.
    static func scalarSpans(in document: [UInt8], ordinals: Set<Int>) throws -> [Int: (start: Int, end: Int, column: Int)] {
        let parser = UnsafeMutablePointer<yaml_parser_t>.allocate(capacity: 1)
        defer { parser.deallocate() }
        guard yaml_parser_initialize(parser) == 1 else { throw KitError("cannot initialise the YAML parser") }
        defer { yaml_parser_delete(parser) }
        var found: [Int: (start: Int, end: Int, column: Int)] = [:]
        try document.withUnsafeBufferPointer { buffer in
            yaml_parser_set_input_string(parser, buffer.baseAddress!, buffer.count)
            let characterStarts = UTF8Rune.characterStarts(buffer)
            var ordinal = 0
            var event = yaml_event_t()
            while found.count < ordinals.count {
                guard yaml_parser_parse(parser, &event) == 1 else { throw KitError("cannot re-read the YAML output") }
                defer { yaml_event_delete(&event) }
                if event.type == YAML_STREAM_END_EVENT { break }
                guard event.type == YAML_SCALAR_EVENT else { continue }
                if ordinals.contains(ordinal) {
                    found[ordinal] = (
                        characterStarts[Int(event.start_mark.index)], characterStarts[Int(event.end_mark.index)],
                        Int(event.start_mark.column)
                    )
                }
                ordinal += 1
            }
        }
        return found
    }

    // MARK: - go-yaml v2's text

    /// go-yaml v2's double-quoted scalar when `is_bom` holds for the whole scalar: every
    /// character escaped (`\0 \a \b \t \n \v \f \r \e \" \\ \N \_ \L \P`, else `\xXX`,
    /// `\uXXXX` or `\UXXXXXXXX`), so no space is left to fold at.
    static func doubleQuotedEscapingEverything(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            out.append("\\")
            switch u.value {
            case 0x00: out.append("0")
            case 0x07: out.append("a")
            case 0x08: out.append("b")
            case 0x09: out.append("t")
            case 0x0A: out.append("n")
            case 0x0B: out.append("v")
            case 0x0C: out.append("f")
            case 0x0D: out.append("r")
            case 0x1B: out.append("e")
            case 0x22: out.append("\"")
            case 0x5C: out.append("\\")
            case 0x85: out.append("N")
            case 0xA0: out.append("_")
            case 0x2028: out.append("L")
            case 0x2029: out.append("P")
            case let v:
                let (letter, width): (String, Int) = v <= 0xFF ? ("x", 2) : (v <= 0xFFFF ? ("u", 4) : ("U", 8))
                out.append(letter + zeroPaddedHex(v, width: width, uppercase: true))
            }
        }
        out.append("\"")
        return out
    }

    /// go-yaml v2's `yaml_emitter_write_single_quoted_scalar`, starting at `column`: folds at a
    /// single space past column 80 (when breaks are allowed), re-indents after a line break,
    /// and writes the closing quote right after a final break.
    static func singleQuoted(_ s: String, column start: Int, indent: Int, allowBreaks: Bool) -> String {
        let bestWidth = 80
        let bytes = Array(s.utf8)
        var out: [UInt8] = [UInt8(ascii: "'")]
        var column = start + 1
        var whitespace = false
        var indention = false
        func writeIndent() {
            let indent = max(indent, 0)
            if !indention || column > indent || (column == indent && !whitespace) {
                out.append(10)
                column = 0
            }
            while column < indent {
                out.append(32)
                column += 1
            }
            whitespace = true
            indention = true
        }
        var spaces = false
        var breaks = false
        var i = 0
        while i < bytes.count {
            let width = UTF8Rune.length(ofLeadByte: bytes[i])
            let isSpace = bytes[i] == 32
            let isBreak = bytes[i] == 10 || bytes[i] == 13
                || (bytes[i] == 0xC2 && bytes[i + 1] == 0x85)
                || (bytes[i] == 0xE2 && bytes[i + 1] == 0x80 && (bytes[i + 2] == 0xA8 || bytes[i + 2] == 0xA9))
            if isSpace {
                if allowBreaks && !spaces && column > bestWidth && i > 0 && i < bytes.count - 1 && bytes[i + 1] != 32 {
                    writeIndent()
                } else {
                    out.append(32)
                    column += 1
                }
                spaces = true
            } else if isBreak {
                if bytes[i] == 10 {
                    if !breaks { out.append(10) }
                    out.append(10)
                } else {
                    out.append(contentsOf: bytes[i..<(i + width)])
                }
                column = 0
                indention = true
                breaks = true
            } else {
                if breaks { writeIndent() }
                if bytes[i] == UInt8(ascii: "'") { out.append(UInt8(ascii: "'")) }
                out.append(contentsOf: bytes[i..<(i + width)])
                column += 1
                indention = false
                spaces = false
                breaks = false
            }
            i += width
        }
        out.append(UInt8(ascii: "'"))
        return String(decoding: out, as: UTF8.self)
    }
}

extension UTF8Rune {
    /// libyaml's marks count characters: the byte offset at which each character of `bytes`
    /// (from byte `start` on) begins, then the end offset, so a mark's index maps to bytes.
    static func characterStarts(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int = 0) -> [Int] {
        var starts: [Int] = []
        starts.reserveCapacity(bytes.count - start + 1)
        for i in start..<bytes.count where bytes[i] & 0xC0 != 0x80 { starts.append(i) }
        starts.append(bytes.count)
        return starts
    }

    /// Bytes in a UTF-8 sequence that starts with `b`.
    @inline(__always)
    static func length(ofLeadByte b: UInt8) -> Int {
        b < 0x80 ? 1 : (b < 0xE0 ? 2 : (b < 0xF0 ? 3 : 4))
    }
}
