import CYAML

/// Writes values as YAML through libyaml's emitter, choosing each scalar's style the way
/// kustomize's output does (`YAMLOutputRules`), so that sorted output is byte-identical to
/// `kubectl kustomize`: 2-space indent, sequences not indented under their key, lines folded
/// at 80 columns, `{}`/`[]` for empty collections.
public struct YAMLWriter: Sendable {
    public enum KeyOrder: Sendable {
        /// Keys as they are in the value.
        case preserved
        /// go-yaml v2's natural order, as kustomize prints.
        case sorted
    }

    public var keyOrder: KeyOrder

    public init(keyOrder: KeyOrder = .preserved) {
        self.keyOrder = keyOrder
    }

    /// One document, ending in a line break.
    public func document(_ value: Value) throws -> [UInt8] {
        let out = OutputBuffer()
        try emit(value, into: out)
        return out.bytes
    }

    /// Several documents separated by `---` lines, as kustomize separates resources.
    public func stream(_ values: [Value]) throws -> [UInt8] {
        var bytes: [UInt8] = []
        for (i, v) in values.enumerated() {
            if i > 0 { bytes.append(contentsOf: Array("---\n".utf8)) }
            bytes.append(contentsOf: try document(v))
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

        var session = Session(emitter: emitter, keyOrder: keyOrder)
        var event = yaml_event_t()
        yaml_stream_start_event_initialize(&event, YAML_UTF8_ENCODING)
        try session.send(&event)
        yaml_document_start_event_initialize(&event, nil, nil, nil, 1)
        try session.send(&event)
        try session.node(value)
        yaml_document_end_event_initialize(&event, 1)
        try session.send(&event)
        // As go-yaml does, never close the stream with a `...` marker (libyaml writes one
        // after a final `|+` scalar).
        emitter.pointee.open_ended = 0
        yaml_stream_end_event_initialize(&event)
        try session.send(&event)
        _ = yaml_emitter_flush(emitter)
    }

    private struct Session {
        let emitter: UnsafeMutablePointer<yaml_emitter_t>
        let keyOrder: KeyOrder

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
        }

        mutating func string(_ s: String) throws {
            let style: yaml_scalar_style_t
            switch YAMLOutputRules.style(for: s) {
            case .plain: style = YAML_PLAIN_SCALAR_STYLE
            case .doubleQuoted: style = YAML_DOUBLE_QUOTED_SCALAR_STYLE
            case .literal: style = YAML_LITERAL_SCALAR_STYLE
            }
            try scalar(s, style: style)
        }

        mutating func node(_ value: Value) throws {
            switch value {
            case .null:
                try scalar("null", style: YAML_PLAIN_SCALAR_STYLE)
            case .bool(let b):
                try scalar(b ? "true" : "false", style: YAML_PLAIN_SCALAR_STYLE)
            case .int, .double, .decimal:
                try scalar(YAMLOutputRules.numberText(value)!, style: YAML_PLAIN_SCALAR_STYLE)
            case .string(let s):
                try string(s)
            case .array(let items):
                var event = yaml_event_t()
                yaml_sequence_start_event_initialize(&event, nil, nil, 1, YAML_BLOCK_SEQUENCE_STYLE)
                try send(&event)
                for item in items { try node(item) }
                yaml_sequence_end_event_initialize(&event)
                try send(&event)
            case .object(let object):
                var event = yaml_event_t()
                yaml_mapping_start_event_initialize(&event, nil, nil, 1, YAML_BLOCK_MAPPING_STYLE)
                try send(&event)
                let ordered = keyOrder == .sorted ? object.sorted(by: YAMLOutputRules.keyLess) : object
                for (k, v) in ordered {
                    try string(k)
                    try node(v)
                }
                yaml_mapping_end_event_initialize(&event)
                try send(&event)
            }
        }
    }
}

/// Bytes written by an emitter callback.
final class OutputBuffer {
    var bytes: [UInt8] = []
}
