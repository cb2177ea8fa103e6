import CYAML

/// One document of a YAML stream.
public struct YAMLDocument: Sendable {
    public var value: Value
    /// Positions of every node, when asked for (`YAMLReader.Options.positions`).
    public var positions: PositionTree?
    /// Where the document starts.
    public var location: SourceLocation
    /// True when the document has no content at all (`---` followed by nothing).
    public var isEmpty: Bool
}

/// Reads YAML streams with libyaml's event API straight into `Value`s.
///
/// Scalars resolve by `YAMLScalarResolver`'s rule (kustomize's). Anchors and aliases share
/// structure (an alias costs no copy); `<<` merge keys follow go-yaml v3: explicit keys win,
/// and among merged maps the first to define a key wins. Refused with a positioned error:
/// malformed YAML, invalid UTF-8, unknown tags, duplicate keys, undefined aliases, complex
/// keys, nesting deeper than `maxDepth`, and aliases that expand past `maxAliasExpansion`
/// nodes (a "billion laughs" document fails at once instead of eating memory).
public enum YAMLReader {
    public struct Options: Sendable {
        /// Keep a `PositionTree` for each document.
        public var positions: Bool
        /// Deepest nesting of sequences and mappings accepted.
        public var maxDepth: Int
        /// Most nodes all aliases of one document may expand to.
        public var maxAliasExpansion: Int

        public init(positions: Bool = false, maxDepth: Int = 10_000, maxAliasExpansion: Int = 1_000_000) {
            self.positions = positions
            self.maxDepth = maxDepth
            self.maxAliasExpansion = maxAliasExpansion
        }
    }

    /// All documents of `bytes`.
    public static func read(_ bytes: [UInt8], file: String, options: Options = Options()) throws -> [YAMLDocument] {
        var docs: [YAMLDocument] = []
        try forEachDocument(bytes, file: file, options: options) { docs.append($0) }
        return docs
    }

    /// All documents of a string.
    public static func read(_ text: String, file: String = "-", options: Options = Options()) throws -> [YAMLDocument] {
        try read(Array(text.utf8), file: file, options: options)
    }

    /// Calls `body` with each document as soon as it is read.
    public static func forEachDocument(
        _ bytes: [UInt8], file: String, options: Options = Options(),
        _ body: (YAMLDocument) throws -> Void
    ) throws {
        try bytes.withUnsafeBufferPointer { buffer in
            var builder = Builder(file: file, input: buffer, options: options)
            try builder.run(body)
        }
    }
}

/// Turns libyaml events into values; one instance per stream.
private struct Builder {
    let file: String
    let input: UnsafeBufferPointer<UInt8>
    let options: YAMLReader.Options
    var interner = StringInterner()

    /// A node finished being read: its value, positions and expanded node count.
    struct Node {
        var value: Value
        var tree: PositionTree?
        var size: Int
        var isMapping: Bool
        var location: SourceLocation
    }

    enum MapItem {
        case explicit(key: String, keyLocation: SourceLocation, node: Node)
        case merge([Node])
    }

    final class Frame {
        enum Kind { case document, sequence, mapping }
        let kind: Kind
        let anchor: String?
        let location: SourceLocation
        var items: [Node] = []
        var mapItems: [MapItem] = []
        // Mapping state: the key read and waiting for its value.
        var pendingKey: (key: String, location: SourceLocation, isMerge: Bool)?
        var seenKeys: [ByteKey: SourceLocation] = [:]
        var size = 1

        init(kind: Kind, anchor: String?, location: SourceLocation) {
            self.kind = kind
            self.anchor = anchor
            self.location = location
        }
    }

    var stack: [Frame] = []
    var anchors: [String: Node] = [:]
    var aliasExpansion = 0
    var documentLocation = SourceLocation(file: "-", line: 1, column: 1)
    var documentHadContent = false

    init(file: String, input: UnsafeBufferPointer<UInt8>, options: YAMLReader.Options) {
        self.file = file
        self.input = input
        self.options = options
    }

    func location(_ mark: yaml_mark_t) -> SourceLocation {
        SourceLocation(file: file, line: Int(mark.line) + 1, column: Int(mark.column) + 1)
    }

    func error(_ message: String, _ mark: yaml_mark_t) -> KitError {
        KitError(message, at: location(mark))
    }

    mutating func run(_ body: (YAMLDocument) throws -> Void) throws {
        let parser = UnsafeMutablePointer<yaml_parser_t>.allocate(capacity: 1)
        defer { parser.deallocate() }
        guard yaml_parser_initialize(parser) == 1 else { throw KitError("cannot initialise the YAML parser") }
        defer { yaml_parser_delete(parser) }
        yaml_parser_set_input_string(parser, input.baseAddress ?? UnsafePointer(bitPattern: 1)!, input.count)

        var event = yaml_event_t()
        while true {
            guard yaml_parser_parse(parser, &event) == 1 else { throw parserError(parser) }
            defer { yaml_event_delete(&event) }
            switch event.type {
            case YAML_STREAM_END_EVENT:
                return
            case YAML_DOCUMENT_START_EVENT:
                documentLocation = location(event.start_mark)
                anchors.removeAll(keepingCapacity: true)
                aliasExpansion = 0
                stack = [Frame(kind: .document, anchor: nil, location: documentLocation)]
            case YAML_DOCUMENT_END_EVENT:
                let frame = stack.removeLast()
                let node = frame.items.first
                try body(
                    YAMLDocument(
                        value: node?.value ?? .null,
                        positions: node?.tree,
                        location: documentLocation,
                        isEmpty: node == nil || (node!.value.isNull && isEmptyPlainDocument)))
                isEmptyPlainDocument = false
            case YAML_SCALAR_EVENT:
                try scalar(event)
            case YAML_ALIAS_EVENT:
                try alias(event)
            case YAML_SEQUENCE_START_EVENT:
                try open(.sequence, event, anchor: event.data.sequence_start.anchor, tag: event.data.sequence_start.tag)
            case YAML_MAPPING_START_EVENT:
                try open(.mapping, event, anchor: event.data.mapping_start.anchor, tag: event.data.mapping_start.tag)
            case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                try close(event)
            default:
                break  // stream start
            }
        }
    }

    /// Set when a document's only node is an empty plain scalar (nothing written at all).
    var isEmptyPlainDocument = false

    static func cString(_ p: UnsafeMutablePointer<yaml_char_t>?) -> String? {
        guard let p else { return nil }
        return String(cString: UnsafeRawPointer(p).assumingMemoryBound(to: CChar.self))
    }

    mutating func scalar(_ event: yaml_event_t) throws {
        let s = event.data.scalar
        let bytes = UnsafeBufferPointer(start: s.value, count: s.length)
        let text = interner.string(bytes)
        let here = location(event.start_mark)
        let plain = s.style == YAML_PLAIN_SCALAR_STYLE
        let tag = Builder.cString(s.tag)

        let top = stack[stack.count - 1]
        if top.kind == .mapping && top.pendingKey == nil {
            // A key.
            let isMerge = plain && text == "<<" && tag == nil || tag == "tag:yaml.org,2002:merge"
            if let tag, YAMLScalarResolver.Tag(tag).isUnknown {
                throw KitError("unknown tag \(tag)", at: here)
            }
            top.pendingKey = (text, here, isMerge)
            if let anchor = Builder.cString(s.anchor) {
                anchors[anchor] = Node(value: .string(text), tree: nil, size: 1, isMapping: false, location: here)
            }
            return
        }
        let value: Value
        do {
            value = try YAMLScalarResolver.resolve(text, plain: plain, tag: tag)
        } catch let e as KitError {
            throw KitError(e.message, at: here)
        }
        if top.kind == .document && plain && s.length == 0 && tag == nil {
            isEmptyPlainDocument = true
        }
        let node = Node(
            value: value, tree: options.positions ? PositionTree(location: here) : nil,
            size: 1, isMapping: false, location: here)
        if let anchor = Builder.cString(s.anchor) { anchors[anchor] = node }
        try deliver(node)
    }

    mutating func alias(_ event: yaml_event_t) throws {
        let here = location(event.start_mark)
        let name = Builder.cString(event.data.alias.anchor) ?? ""
        guard var node = anchors[name] else {
            throw KitError("unknown anchor '\(name)' referenced", at: here)
        }
        aliasExpansion = aliasExpansion.addingReportingOverflow(node.size).overflow ? Int.max : aliasExpansion + node.size
        if aliasExpansion > options.maxAliasExpansion {
            throw KitError(
                "document contains excessive aliasing: aliases expand to more than \(options.maxAliasExpansion) nodes",
                at: here)
        }
        node.location = here
        let top = stack[stack.count - 1]
        if top.kind == .mapping && top.pendingKey == nil {
            guard case .string(let key) = node.value else {
                throw KitError("an alias used as a mapping key must refer to a scalar", at: here)
            }
            top.pendingKey = (key, here, false)
            return
        }
        try deliver(node)
    }

    mutating func open(_ kind: Frame.Kind, _ event: yaml_event_t, anchor: UnsafeMutablePointer<yaml_char_t>?, tag: UnsafeMutablePointer<yaml_char_t>?) throws {
        let here = location(event.start_mark)
        if let tag = Builder.cString(tag) {
            let expected = kind == .sequence ? "tag:yaml.org,2002:seq" : "tag:yaml.org,2002:map"
            guard tag == expected || tag == "!" else { throw KitError("unknown tag \(tag)", at: here) }
        }
        let top = stack[stack.count - 1]
        if top.kind == .mapping && top.pendingKey == nil {
            throw KitError("mapping keys must be scalars; a \(kind == .sequence ? "sequence" : "mapping") cannot be a key", at: here)
        }
        if stack.count > options.maxDepth {
            throw KitError("nesting is deeper than \(options.maxDepth) levels", at: here)
        }
        stack.append(Frame(kind: kind, anchor: Builder.cString(anchor), location: here))
    }

    mutating func close(_ event: yaml_event_t) throws {
        let frame = stack.removeLast()
        var node: Node
        switch frame.kind {
        case .sequence:
            var tree: PositionTree? = nil
            if options.positions {
                tree = PositionTree(location: frame.location)
                tree!.elements = frame.items.map { $0.tree ?? PositionTree(location: $0.location) }
            }
            node = Node(value: .array(frame.items.map(\.value)), tree: tree, size: frame.size, isMapping: false, location: frame.location)
        case .mapping:
            node = try finishMapping(frame)
        case .document:
            return
        }
        if let anchor = frame.anchor { anchors[anchor] = node }
        try deliver(node)
    }

    /// Builds a mapping's object, applying merge keys.
    func finishMapping(_ frame: Frame) throws -> Node {
        var object = Object(minimumCapacity: frame.mapItems.count)
        var memberTrees: [PositionTree] = []
        var keyLocations: [SourceLocation] = []
        for item in frame.mapItems {
            switch item {
            case .explicit(let key, let keyLocation, let node):
                object.appendNew(key: key, value: node.value)
                if options.positions {
                    memberTrees.append(node.tree ?? PositionTree(location: node.location))
                    keyLocations.append(keyLocation)
                }
            case .merge(let sources):
                // Explicit keys always win; among merged maps the first to bring a key wins.
                for source in sources {
                    guard case .object(let merged) = source.value else { continue }
                    for (i, (k, v)) in merged.enumerated() {
                        if frame.seenKeys[ByteKey(k)] != nil || object.contains(k) { continue }
                        object.appendNew(key: k, value: v)
                        if options.positions {
                            let t = source.tree
                            memberTrees.append(t.flatMap { i < $0.members.count ? $0.members[i] : nil } ?? PositionTree(location: source.location))
                            keyLocations.append(t.flatMap { i < $0.keys.count ? $0.keys[i] : nil } ?? source.location)
                        }
                    }
                }
            }
        }
        var tree: PositionTree? = nil
        if options.positions {
            tree = PositionTree(location: frame.location)
            tree!.members = memberTrees
            tree!.keys = keyLocations
        }
        return Node(value: .object(object), tree: tree, size: frame.size, isMapping: true, location: frame.location)
    }

    /// Hands a finished node to the collection (or document) being read.
    mutating func deliver(_ node: Node) throws {
        let top = stack[stack.count - 1]
        top.size = top.size.addingReportingOverflow(node.size).overflow ? Int.max : top.size + node.size
        switch top.kind {
        case .document, .sequence:
            top.items.append(node)
        case .mapping:
            let (key, keyLocation, isMerge) = top.pendingKey!
            top.pendingKey = nil
            if isMerge {
                let sources: [Node]
                if node.isMapping {
                    sources = [node]
                } else if case .array = node.value {
                    sources = try mergeSources(node)
                } else {
                    throw KitError("map merge requires map or sequence of maps as the value", at: node.location)
                }
                top.mapItems.append(.merge(sources))
                return
            }
            if let first = top.seenKeys[ByteKey(key)] {
                throw KitError(
                    "duplicate key \"\(key)\" (first defined at line \(first.line), column \(first.column))",
                    at: keyLocation)
            }
            top.seenKeys[ByteKey(key)] = keyLocation
            top.mapItems.append(.explicit(key: key, keyLocation: keyLocation, node: node))
        }
    }

    /// The maps of a `<<: [*a, *b]` sequence, each with its positions.
    func mergeSources(_ node: Node) throws -> [Node] {
        guard case .array(let items) = node.value else { return [] }
        var result: [Node] = []
        for (i, item) in items.enumerated() {
            let tree = node.tree.flatMap { i < $0.elements.count ? $0.elements[i] : nil }
            guard case .object = item else {
                throw KitError("map merge requires map or sequence of maps as the value", at: tree?.location ?? node.location)
            }
            result.append(Node(value: item, tree: tree, size: 1, isMapping: true, location: tree?.location ?? node.location))
        }
        return result
    }

    func parserError(_ parser: UnsafeMutablePointer<yaml_parser_t>) -> KitError {
        let p = parser.pointee
        let problem = p.problem.map { String(cString: $0) } ?? "invalid YAML"
        if p.error == YAML_READER_ERROR {
            // Encoding problems carry a byte offset, not a mark; for a bad trailing byte,
            // point at the character it was meant to continue.
            var offset = min(Int(p.problem_offset), input.count)
            if problem.contains("trailing") || problem.contains("incomplete") {
                while offset > 0 && input[offset - 1] & 0xC0 == 0x80 { offset -= 1 }
                if offset > 0 && input[offset - 1] >= 0xC0 { offset -= 1 }
            }
            let at = lineAndColumn(ofOffset: offset)
            var message = problem
            if p.problem_value != -1 && problem.contains("invalid") {
                message += " (byte 0x\(String(UInt8(truncatingIfNeeded: p.problem_value), radix: 16)))"
            }
            return KitError("invalid input: \(message)", at: at)
        }
        var message = problem
        if let context = p.context.map({ String(cString: $0) }) {
            let c = location(p.context_mark)
            message += " (\(context) at line \(c.line), column \(c.column))"
        }
        return KitError(message, at: location(p.problem_mark))
    }

    func lineAndColumn(ofOffset offset: Int) -> SourceLocation {
        var line = 1
        var column = 1
        var i = 0
        let end = min(offset, input.count)
        while i < end {
            let b = input[i]
            if b == 10 {
                line += 1
                column = 1
            } else if b & 0xC0 != 0x80 {
                column += 1
            }
            i += 1
        }
        return SourceLocation(file: file, line: line, column: column)
    }
}

extension YAMLScalarResolver.Tag {
    var isUnknown: Bool {
        if case .unknown = self { return true }
        return false
    }
}
