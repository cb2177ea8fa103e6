import CYAML

/// libyaml's events for a YAML text, each with the step (key or index) from its parent
/// collection and that parent, so that the path of any node (the same path as in the `Value`
/// the reader builds) can be had when needed. The comment reader uses them on the source text
/// and the comment placement on the writer's output, so that both sides name nodes alike.
struct YAMLPathEvent {
    enum Kind: Equatable {
        case documentStart(explicit: Bool)
        case documentEnd
        /// `emptyPlain`: a plain, untagged, empty scalar (what a document with no content holds).
        case scalar(block: Bool, emptyPlain: Bool)
        case alias
        case collectionStart(sequence: Bool, flow: Bool)
        case collectionEnd(sequence: Bool, flow: Bool)
    }

    /// What a node is to its parent. A key and its value share the entry's step.
    enum Role {
        case root, key, value, item
    }

    /// A libyaml mark: characters from the start of the text, 0-based line and column.
    struct Position {
        var index: Int
        var line: Int
        var column: Int

        init(_ mark: yaml_mark_t) {
            index = Int(mark.index)
            line = Int(mark.line)
            column = Int(mark.column)
        }
    }

    var kind: Kind
    var role: Role
    /// The entry's last path component (nil for the document's node and document events);
    /// for a collection end, its collection's.
    var step: PathComponent?
    /// The index of the start event of the collection holding the node (−1 at the top).
    var parent: Int
    /// For a collection end: the index of its start event.
    var startIndex = -1
    var start: Position
    var end: Position
    /// A plain `<<` key (or one tagged `!!merge`): its entry is merged away by the reader.
    var isMergeKey = false
    /// For block collection starts: the column of the first key, or of the first `-`.
    var itemColumn = 0

    /// True for the events that start an entry: a key, a sequence item, the document's node.
    var beginsEntry: Bool {
        switch kind {
        case .scalar, .alias, .collectionStart: return role != .value
        default: return false
        }
    }

    /// The path of the entry of `events[i]` (of the collection, for an end event).
    static func path(of i: Int, in events: [YAMLPathEvent]) -> [PathComponent] {
        var steps: [PathComponent] = []
        var k = events[i].startIndex >= 0 ? events[i].startIndex : i
        while k >= 0, let step = events[k].step {
            steps.append(step)
            k = events[k].parent
        }
        return steps.reversed()
    }

    /// Every event of `text` (UTF-8 bytes, as given to libyaml), in order, and (when
    /// `digest` is true) a digest of each document's events (see `YAMLEventDigest`).
    static func read(
        _ text: UnsafeBufferPointer<UInt8>, offsets: CharacterOffsets, digest wantsDigests: Bool = false
    ) throws -> (events: [YAMLPathEvent], digests: [UInt64]) {
        let parser = UnsafeMutablePointer<yaml_parser_t>.allocate(capacity: 1)
        defer { parser.deallocate() }
        guard yaml_parser_initialize(parser) == 1 else { throw KitError("cannot initialise the YAML parser") }
        defer { yaml_parser_delete(parser) }
        yaml_parser_set_input_string(parser, text.baseAddress ?? UnsafePointer(bitPattern: 1)!, text.count)

        struct Frame {
            var startIndex: Int
            var isSequence: Bool
            var count = 0
            var pendingKey: String? = nil
        }
        var frames: [Frame] = []
        var scalarAnchors: [String: String] = [:]
        var events: [YAMLPathEvent] = []
        var digests: [UInt64] = []
        var digest = YAMLEventDigest()

        func byte(atCharacter index: Int) -> UInt8? {
            let offset = offsets[index]
            return index >= 0 && offset < text.count ? text[offset] : nil
        }

        /// The role and step of a node about to start, given its key text (for keys).
        func place(keyText: () -> String) -> (Role, PathComponent?, parent: Int) {
            guard let top = frames.last else { return (.root, nil, -1) }
            if top.isSequence { return (.item, .index(top.count), top.startIndex) }
            if let key = top.pendingKey { return (.value, .key(key), top.startIndex) }
            return (.key, .key(keyText()), top.startIndex)
        }

        /// Moves the parent past the node that just ended (or the key just read).
        func advance(role: Role, step: PathComponent?) {
            guard !frames.isEmpty else { return }
            switch role {
            case .item: frames[frames.count - 1].count += 1
            case .key: if case .key(let key) = step { frames[frames.count - 1].pendingKey = key }
            case .value: frames[frames.count - 1].pendingKey = nil
            case .root: break
            }
        }

        func string(_ p: UnsafeMutablePointer<yaml_char_t>) -> String {
            String(cString: UnsafeRawPointer(p).assumingMemoryBound(to: CChar.self))
        }

        var event = yaml_event_t()
        while true {
            guard yaml_parser_parse(parser, &event) == 1 else {
                let problem = parser.pointee.problem.map { String(cString: $0) } ?? "invalid YAML"
                throw KitError(problem)
            }
            defer { yaml_event_delete(&event) }
            if wantsDigests { digest.add(event) }
            let start = Position(event.start_mark), end = Position(event.end_mark)
            switch event.type {
            case YAML_STREAM_END_EVENT:
                return (events, digests)
            case YAML_DOCUMENT_START_EVENT:
                frames.removeAll()
                scalarAnchors.removeAll()
                events.append(
                    YAMLPathEvent(
                        kind: .documentStart(explicit: event.data.document_start.implicit == 0), role: .root, step: nil, parent: -1,
                        start: start, end: end))
            case YAML_DOCUMENT_END_EVENT:
                events.append(YAMLPathEvent(kind: .documentEnd, role: .root, step: nil, parent: -1, start: start, end: end))
                if wantsDigests {
                    digests.append(digest.value)
                    digest = YAMLEventDigest()
                }
            case YAML_SCALAR_EVENT:
                let s = event.data.scalar
                let value = { String(decoding: UnsafeBufferPointer(start: s.value, count: s.length), as: UTF8.self) }
                let (role, step, parent) = place(keyText: value)
                let tag = s.tag.map(string)
                let plain = s.style == YAML_PLAIN_SCALAR_STYLE
                let block = s.style == YAML_LITERAL_SCALAR_STYLE || s.style == YAML_FOLDED_SCALAR_STYLE
                var e = YAMLPathEvent(
                    kind: .scalar(block: block, emptyPlain: plain && tag == nil && s.length == 0), role: role, step: step, parent: parent,
                    start: start, end: end)
                if role == .key, case .key(let key) = step {
                    e.isMergeKey = (plain && tag == nil && key == "<<") || tag == "tag:yaml.org,2002:merge"
                }
                events.append(e)
                if let anchor = s.anchor { scalarAnchors[string(anchor)] = value() }
                advance(role: role, step: step)
            case YAML_ALIAS_EVENT:
                let name = string(event.data.alias.anchor)
                let (role, step, parent) = place(keyText: { scalarAnchors[name] ?? "" })
                events.append(YAMLPathEvent(kind: .alias, role: role, step: step, parent: parent, start: start, end: end))
                advance(role: role, step: step)
            case YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
                let isSequence = event.type == YAML_SEQUENCE_START_EVENT
                let flow = isSequence
                    ? event.data.sequence_start.style == YAML_FLOW_SEQUENCE_STYLE
                    : event.data.mapping_start.style == YAML_FLOW_MAPPING_STYLE
                let (role, step, parent) = place(keyText: { "" })
                var e = YAMLPathEvent(
                    kind: .collectionStart(sequence: isSequence, flow: flow), role: role, step: step, parent: parent, start: start, end: end)
                // A block collection's start event ends where its first key or `-` is (an
                // anchor or tag may come before); an indentless sequence's ends after the `-`.
                e.itemColumn = end.column
                if isSequence && !flow && byte(atCharacter: end.index) != UInt8(ascii: "-")
                    && byte(atCharacter: end.index - 1) == UInt8(ascii: "-")
                {
                    e.itemColumn = end.column - 1
                }
                frames.append(Frame(startIndex: events.count, isSequence: isSequence))
                events.append(e)
            case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                guard let frame = frames.popLast() else { continue }
                let opened = events[frame.startIndex]
                var e = YAMLPathEvent(
                    kind: .collectionEnd(sequence: frame.isSequence, flow: opened.kind == .collectionStart(sequence: frame.isSequence, flow: true)),
                    role: opened.role, step: opened.step, parent: opened.parent, start: start, end: end)
                e.startIndex = frame.startIndex
                events.append(e)
                advance(role: opened.role, step: opened.step)
            default:
                break  // stream start
            }
        }
    }
}

/// Byte offsets of libyaml's character indices (its marks count characters): the identity
/// for ASCII text, a table otherwise.
struct CharacterOffsets {
    private let starts: [Int]?
    private let base: Int
    private let count: Int

    /// Offsets in `text`, whose character 0 is at byte `base` (after a byte-order mark).
    init(_ text: UnsafeBufferPointer<UInt8>, from base: Int = 0) {
        self.base = base
        count = text.count
        starts = text[base...].contains(where: { $0 >= 0x80 }) ? UTF8Rune.characterStarts(text, from: base) : nil
    }

    /// The byte offset of character `index` (clamped to the text).
    subscript(index: Int) -> Int {
        guard let starts else { return min(max(index, 0) + base, count) }
        return starts[min(max(index, 0), starts.count - 1)]
    }
}

/// A digest of a document's events — kinds, scalar text, styles that decide how a scalar
/// resolves (plain or not), tags, anchors — but not their positions: two texts with the same
/// digests read as the same data (comments and layout aside).
struct YAMLEventDigest {
    private(set) var value: UInt64 = 0xCBF2_9CE4_8422_2325

    private mutating func add(byte: UInt8) {
        value = (value ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
    }

    private mutating func add(_ bytes: UnsafePointer<yaml_char_t>?, count: Int) {
        guard let bytes else { return add(byte: 0xFF) }
        for i in 0..<count { add(byte: bytes[i]) }
        add(byte: 0xFE)
    }

    private mutating func add(cString: UnsafePointer<yaml_char_t>?) {
        guard let cString else { return add(byte: 0xFF) }
        var i = 0
        while cString[i] != 0 {
            add(byte: cString[i])
            i += 1
        }
        add(byte: 0xFE)
    }

    /// Adds an event (stream start and end are not part of a document).
    mutating func add(_ event: yaml_event_t) {
        if event.type == YAML_STREAM_START_EVENT || event.type == YAML_STREAM_END_EVENT { return }
        add(byte: UInt8(truncatingIfNeeded: event.type.rawValue))
        switch event.type {
        case YAML_SCALAR_EVENT:
            let s = event.data.scalar
            add(byte: s.style == YAML_PLAIN_SCALAR_STYLE ? 1 : 2)
            add(cString: s.tag)
            add(cString: s.anchor)
            add(s.value, count: s.length)
        case YAML_ALIAS_EVENT:
            add(cString: event.data.alias.anchor)
        case YAML_SEQUENCE_START_EVENT:
            add(cString: event.data.sequence_start.tag)
            add(cString: event.data.sequence_start.anchor)
        case YAML_MAPPING_START_EVENT:
            add(cString: event.data.mapping_start.tag)
            add(cString: event.data.mapping_start.anchor)
        default:
            break
        }
    }

    /// The digest of each document of `text`.
    static func documents(of text: [UInt8]) throws -> [UInt64] {
        var digests: [UInt64] = []
        try text.withUnsafeBufferPointer { buffer in
            let parser = UnsafeMutablePointer<yaml_parser_t>.allocate(capacity: 1)
            defer { parser.deallocate() }
            guard yaml_parser_initialize(parser) == 1 else { throw KitError("cannot initialise the YAML parser") }
            defer { yaml_parser_delete(parser) }
            yaml_parser_set_input_string(parser, buffer.baseAddress ?? UnsafePointer(bitPattern: 1)!, buffer.count)
            var digest = YAMLEventDigest()
            var event = yaml_event_t()
            while true {
                guard yaml_parser_parse(parser, &event) == 1 else { throw KitError("cannot read the output back") }
                defer { yaml_event_delete(&event) }
                if event.type == YAML_STREAM_END_EVENT { return }
                digest.add(event)
                if event.type == YAML_DOCUMENT_END_EVENT {
                    digests.append(digest.value)
                    digest = YAMLEventDigest()
                }
            }
        }
        return digests
    }
}
