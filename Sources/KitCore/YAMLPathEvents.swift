import CYAML

/// libyaml's events for a YAML text, each with the path of the node it belongs to (the
/// same paths as the `Value` the reader builds: object keys and array indices) and its
/// position. The comment reader uses it on the source text and the comment placement on the
/// writer's output, so that both sides name nodes alike.
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

    /// What a node is to its parent. A key and its value share the entry's path.
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
    /// The entry's path for nodes; the collection's path for collection ends.
    var path: [PathComponent]
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

    var isNode: Bool {
        switch kind {
        case .scalar, .alias, .collectionStart: return true
        default: return false
        }
    }

    /// Every event of `text` (UTF-8 bytes, as given to libyaml), in order.
    static func read(_ text: UnsafeBufferPointer<UInt8>, characterStarts: [Int]) throws -> [YAMLPathEvent] {
        let parser = UnsafeMutablePointer<yaml_parser_t>.allocate(capacity: 1)
        defer { parser.deallocate() }
        guard yaml_parser_initialize(parser) == 1 else { throw KitError("cannot initialise the YAML parser") }
        defer { yaml_parser_delete(parser) }
        yaml_parser_set_input_string(parser, text.baseAddress ?? UnsafePointer(bitPattern: 1)!, text.count)

        struct Frame {
            var path: [PathComponent]
            var role: Role
            var isSequence: Bool
            var isFlow: Bool
            var count = 0
            var pendingKey: String? = nil
        }
        var frames: [Frame] = []
        var scalarAnchors: [String: String] = [:]
        var events: [YAMLPathEvent] = []

        func byte(atCharacter index: Int) -> UInt8? {
            guard index >= 0, index < characterStarts.count - 1 else { return nil }
            return text[characterStarts[index]]
        }

        /// The role and path of a node about to start, and (for keys) the key's text.
        func place(keyText: @autoclosure () -> String) -> (Role, [PathComponent], String?) {
            guard let top = frames.last else { return (.root, [], nil) }
            if top.isSequence { return (.item, top.path + [.index(top.count)], nil) }
            if let key = top.pendingKey { return (.value, top.path + [.key(key)], nil) }
            let key = keyText()
            return (.key, top.path + [.key(key)], key)
        }

        /// Moves the parent past the node that just ended (or the key just read).
        func advance(role: Role, key: String?) {
            guard !frames.isEmpty else { return }
            switch role {
            case .item: frames[frames.count - 1].count += 1
            case .key: frames[frames.count - 1].pendingKey = key
            case .value: frames[frames.count - 1].pendingKey = nil
            case .root: break
            }
        }

        var event = yaml_event_t()
        while true {
            guard yaml_parser_parse(parser, &event) == 1 else {
                let problem = parser.pointee.problem.map { String(cString: $0) } ?? "invalid YAML"
                throw KitError(problem)
            }
            defer { yaml_event_delete(&event) }
            let start = Position(event.start_mark), end = Position(event.end_mark)
            switch event.type {
            case YAML_STREAM_END_EVENT:
                return events
            case YAML_DOCUMENT_START_EVENT:
                frames.removeAll()
                scalarAnchors.removeAll()
                events.append(
                    YAMLPathEvent(kind: .documentStart(explicit: event.data.document_start.implicit == 0), role: .root, path: [], start: start, end: end))
            case YAML_DOCUMENT_END_EVENT:
                events.append(YAMLPathEvent(kind: .documentEnd, role: .root, path: [], start: start, end: end))
            case YAML_SCALAR_EVENT:
                let s = event.data.scalar
                let value = String(decoding: UnsafeBufferPointer(start: s.value, count: s.length), as: UTF8.self)
                let (role, path, key) = place(keyText: value)
                let tag = s.tag.map { String(cString: UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self)) }
                let plain = s.style == YAML_PLAIN_SCALAR_STYLE
                let block = s.style == YAML_LITERAL_SCALAR_STYLE || s.style == YAML_FOLDED_SCALAR_STYLE
                var e = YAMLPathEvent(
                    kind: .scalar(block: block, emptyPlain: plain && tag == nil && s.length == 0), role: role, path: path, start: start,
                    end: end)
                e.isMergeKey = role == .key && ((plain && tag == nil && value == "<<") || tag == "tag:yaml.org,2002:merge")
                events.append(e)
                if let anchor = s.anchor {
                    scalarAnchors[String(cString: UnsafeRawPointer(anchor).assumingMemoryBound(to: CChar.self))] = value
                }
                advance(role: role, key: key)
            case YAML_ALIAS_EVENT:
                let name = String(cString: UnsafeRawPointer(event.data.alias.anchor).assumingMemoryBound(to: CChar.self))
                let (role, path, key) = place(keyText: scalarAnchors[name] ?? "")
                events.append(YAMLPathEvent(kind: .alias, role: role, path: path, start: start, end: end))
                advance(role: role, key: key)
            case YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
                let isSequence = event.type == YAML_SEQUENCE_START_EVENT
                let flow = isSequence
                    ? event.data.sequence_start.style == YAML_FLOW_SEQUENCE_STYLE
                    : event.data.mapping_start.style == YAML_FLOW_MAPPING_STYLE
                let (role, path, _) = place(keyText: "")
                var e = YAMLPathEvent(kind: .collectionStart(sequence: isSequence, flow: flow), role: role, path: path, start: start, end: end)
                // A block collection's start event ends where its first key or `-` is (an
                // anchor or tag may come before); an indentless sequence's ends after the `-`.
                e.itemColumn = end.column
                if isSequence && !flow && byte(atCharacter: end.index) != UInt8(ascii: "-")
                    && byte(atCharacter: end.index - 1) == UInt8(ascii: "-")
                {
                    e.itemColumn = end.column - 1
                }
                events.append(e)
                frames.append(Frame(path: path, role: role, isSequence: isSequence, isFlow: flow))
            case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                guard let frame = frames.popLast() else { continue }
                events.append(
                    YAMLPathEvent(
                        kind: .collectionEnd(sequence: frame.isSequence, flow: frame.isFlow), role: frame.role, path: frame.path, start: start,
                        end: end))
                advance(role: frame.role, key: nil)
            default:
                break  // stream start
            }
        }
    }
}
