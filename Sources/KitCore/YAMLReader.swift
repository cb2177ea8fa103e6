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
/// (a "billion laughs" document fails at once instead of eating memory).
///
/// The alias limit counts what the aliases stand for, not how many there are: each node
/// counts one, plus the bytes of its scalar (and of its key, in a mapping); an alias adds the
/// whole size of the node it names. go-yaml v3 (kustomize) counts decoded nodes only, so a
/// hundred aliases of one 100 KB string pass its check and expand to 10 MB; here they count
/// 10 MB. The limit is per stream and grows with the input (`aliasBudget(forInputOf:)`), so
/// whatever passes expands to at most a fixed multiple of the input's size.
public enum YAMLReader {
    public struct Options: Sendable {
        /// Keep a `PositionTree` for each document.
        public var positions: Bool
        /// Deepest nesting of sequences and mappings accepted.
        public var maxDepth: Int
        /// Least size (nodes plus scalar bytes) all aliases of one stream may expand to;
        /// larger inputs get four times their own size (see `aliasBudget(forInputOf:)`).
        public var maxAliasExpansion: Int
        /// Read scalars with unknown tags (`!custom 12`) as strings (`"12"`), as kustomize
        /// does, instead of refusing them.
        public var acceptUnknownTags: Bool
        /// YAML 1.1 words: `y`, `yes`, `on`, `n`, `no`, `off` (in their three spellings) are
        /// booleans, as go-yaml v2 — which kustomize uses for kustomization files — reads them.
        public var yaml11Booleans: Bool
        /// The alias expansion allowed for an input of `count` bytes: `maxAliasExpansion`, or
        /// four times the input when that is more.
        public func aliasBudget(forInputOf count: Int) -> Int {
            max(maxAliasExpansion, count.multipliedReportingOverflow(by: 4).overflow ? Int.max : count * 4)
        }

        /// What a repeated key in a mapping means.
        public var duplicateKeys: DuplicateKeys
        /// Keep a plain number written in JSON's syntax as a decimal literal when kit's writers
        /// would print the value differently (`1.0`, `1e3`, `-0`, `0.10000000000000000001`),
        /// so that `kit fmt` and `kit convert` print it as written. Off for kustomize's
        /// readers: kustomize prints the value, not the text.
        public var keepNumberText = false
        /// Refuse plain keys that resolve to something other than a string (`1:`, `true:`,
        /// `~:`, `2001-12-14:`) and `%YAML` directives other than 1.1 — kustomize's reader
        /// (go-yaml v3 decoding into JSON-able maps) fails on both.
        public var kustomizeStrict = false
        /// Block scalars get the value kustomize's go-yaml v3 write-and-read-back gives them,
        /// or the error it meets (see `GoYAMLBlockRoundTrip`), for objects kustomize prints.
        public var goYAMLv3BlockRoundTrip = false

        public enum DuplicateKeys: Sendable {
            /// An error naming both positions (kit's default; go-yaml v3 decoding).
            case error
            /// The first value is kept (kyaml nodes, e.g. kustomize patches, look fields up first-first).
            case firstWins
            /// The last value replaces earlier ones (go-yaml v2 decoding).
            case lastWins
        }

        public init(
            positions: Bool = false, maxDepth: Int = 10_000, maxAliasExpansion: Int = 16 << 20,
            acceptUnknownTags: Bool = false, yaml11Booleans: Bool = false, duplicateKeys: DuplicateKeys = .error
        ) {
            self.positions = positions
            self.maxDepth = maxDepth
            self.maxAliasExpansion = maxAliasExpansion
            self.acceptUnknownTags = acceptUnknownTags
            self.yaml11Booleans = yaml11Booleans
            self.duplicateKeys = duplicateKeys
        }

        /// How kustomize reads its own files (kustomization, transformer configurations):
        /// go-yaml v2 through sigs.k8s.io/yaml.
        public static let goYAMLv2 = Options(acceptUnknownTags: true, yaml11Booleans: true, duplicateKeys: .lastWins)

        /// How kustomize reads resource files (go-yaml v3 through kyaml), with the quirks that
        /// show in what it prints: unknown tags give strings, keys must be strings, block
        /// scalars get go-yaml's write-and-read-back (see the properties above).
        public static var kustomizeResources: Options {
            var options = Options(acceptUnknownTags: true)
            options.kustomizeStrict = true
            options.goYAMLv3BlockRoundTrip = true
            return options
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
        if options.kustomizeStrict { try refuseLoneDirectives(bytes, file: file) }
        try bytes.withUnsafeBufferPointer { buffer in
            var builder = Builder(file: file, input: buffer, options: options)
            try builder.run(body)
        }
    }

    /// (With `kustomizeStrict`.) kustomize splits a resource file at every `---` line before parsing the parts one by
    /// one, so a part holding only directives (`%YAML 1.1` before `---`) has no document and
    /// fails to parse.
    static func refuseLoneDirectives(_ bytes: [UInt8], file: String) throws {
        guard bytes.contains(UInt8(ascii: "%")) else { return }
        var partStart = true  // at the start of the file or right after a `---` line
        var directiveLine: Int? = nil
        var line = 0
        for raw in bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            line += 1
            let text = raw.last == UInt8(ascii: "\r") ? raw.dropLast() : raw[...]
            if text.elementsEqual("---".utf8) {
                if let directive = directiveLine {
                    throw KitError(
                        "did not find expected <document start>: kustomize splits files at '---' lines before parsing, which leaves this directive without a document",
                        at: SourceLocation(file: file, line: directive, column: 1))
                }
                partStart = true
                continue
            }
            let trimmed = text.drop(while: { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") })
            if partStart && text.first == UInt8(ascii: "%") {
                if directiveLine == nil { directiveLine = line }
            } else if trimmed.isEmpty || trimmed.first == UInt8(ascii: "#") {
                continue
            } else {
                partStart = false
                directiveLine = nil
            }
        }
    }
}

/// A position in the input as libyaml reports it (0-based); turned into a `SourceLocation`
/// only when an error or a position tree needs one.
private struct Mark {
    var line: Int32
    var column: Int32
    init(_ m: yaml_mark_t) {
        line = Int32(truncatingIfNeeded: m.line)
        column = Int32(truncatingIfNeeded: m.column)
    }
}

/// Turns libyaml events into values; one instance per stream.
///
/// Hot path: one frame per open collection kept in an array of structs, values appended
/// in place, duplicate keys found through the object being built (linear for small maps,
/// hashed for big ones), source locations made only on demand.
private struct Builder {
    let file: String
    let input: UnsafeBufferPointer<UInt8>
    let options: YAMLReader.Options
    var interner = StringInterner()
    /// libyaml marks count characters; this maps the last one asked for to a byte offset, so
    /// that finding the source of scalars in order stays linear.
    var characterCursor = (character: 0, byte: 0)

    /// A finished node: its value, positions and the size it stands for (nodes plus scalar
    /// bytes, aliases expanded).
    struct Node {
        var value: Value
        var tree: PositionTree?
        var size: Int
        var mark: Mark
    }

    /// A `<<` entry, applied when its mapping closes.
    struct Merge {
        /// Number of explicit entries written before the `<<` key.
        var position: Int
        var sources: [Node]
    }

    enum Kind { case document, sequence, mapping }

    struct Frame {
        let kind: Kind
        let anchor: String?
        let mark: Mark
        var size = 1
        // Sequences and the document.
        var items: [Value] = []
        var trees: [PositionTree] = []
        // Mappings: the object so far (explicit keys only) and where each key is written.
        var object = Object()
        var keyMarks: [Mark] = []
        var merges: [Merge] = []
        var pendingKey: String? = nil
        var pendingKeyMark = Mark(yaml_mark_t())
        var pendingIsMerge = false
        /// A flow mapping (`{a: 1}`).
        var isFlowMapping = false

        init(kind: Kind, anchor: String?, mark: Mark) {
            self.kind = kind
            self.anchor = anchor
            self.mark = mark
        }
    }

    var stack: [Frame] = []
    var anchors: [String: Node] = [:]
    /// Size added by aliases so far in the stream, and the most allowed.
    var aliasExpansion = 0
    let aliasBudget: Int
    var documentMark = Mark(yaml_mark_t())
    var documentNode: Node? = nil
    /// Set when a document's only node is an empty plain scalar (nothing written at all).
    var isEmptyPlainDocument = false

    init(file: String, input: UnsafeBufferPointer<UInt8>, options: YAMLReader.Options) {
        self.file = file
        self.input = input
        self.options = options
        self.aliasBudget = options.aliasBudget(forInputOf: input.count)
    }

    func location(_ mark: Mark) -> SourceLocation {
        SourceLocation(file: file, line: Int(mark.line) + 1, column: Int(mark.column) + 1)
    }

    func location(_ mark: yaml_mark_t) -> SourceLocation {
        location(Mark(mark))
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
                if options.kustomizeStrict, let version = event.data.document_start.version_directive,
                    version.pointee.major != 1 || version.pointee.minor != 1
                {
                    throw KitError("found incompatible YAML document", at: location(event.start_mark))
                }
                documentMark = Mark(event.start_mark)
                anchors.removeAll(keepingCapacity: true)
                documentNode = nil
                isEmptyPlainDocument = false
                stack.removeAll(keepingCapacity: true)
                stack.append(Frame(kind: .document, anchor: nil, mark: documentMark))
            case YAML_DOCUMENT_END_EVENT:
                stack.removeAll(keepingCapacity: true)
                let node = documentNode
                documentNode = nil
                try body(
                    YAMLDocument(
                        value: node?.value ?? .null, positions: node?.tree, location: location(documentMark),
                        isEmpty: node == nil || isEmptyPlainDocument))
            case YAML_SCALAR_EVENT:
                try scalar(event)
            case YAML_ALIAS_EVENT:
                try alias(event)
            case YAML_SEQUENCE_START_EVENT:
                try open(.sequence, event, anchor: event.data.sequence_start.anchor, tag: event.data.sequence_start.tag)
            case YAML_MAPPING_START_EVENT:
                try open(.mapping, event, anchor: event.data.mapping_start.anchor, tag: event.data.mapping_start.tag)
            case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                try close()
            default:
                break  // stream start
            }
        }
    }

    static func cString(_ p: UnsafeMutablePointer<yaml_char_t>?) -> String? {
        guard let p else { return nil }
        return String(cString: UnsafeRawPointer(p).assumingMemoryBound(to: CChar.self))
    }

    var expectsKey: Bool {
        let top = stack.count - 1
        return stack[top].kind == .mapping && stack[top].pendingKey == nil
    }

    mutating func scalar(_ event: yaml_event_t) throws {
        let s = event.data.scalar
        let text = interner.string(UnsafeBufferPointer(start: s.value, count: s.length))
        let mark = Mark(event.start_mark)
        let plain = s.style == YAML_PLAIN_SCALAR_STYLE
        var tag = Builder.cString(s.tag)
        // go-yaml (v2 and v3) gives a scalar with a tag it does not know its text, as a string.
        if options.acceptUnknownTags, let t = tag, YAMLScalarResolver.Tag(t).isUnknown { tag = "tag:yaml.org,2002:str" }

        if expectsKey {
            if let tag, YAMLScalarResolver.Tag(tag).isUnknown {
                throw KitError("unknown tag \(tag)", at: location(mark))
            }
            let isMerge = (plain && tag == nil && text == "<<") || tag == "tag:yaml.org,2002:merge"
            if options.kustomizeStrict && plain && tag == nil && !isMerge {
                // Only text that resolves to nothing but a string (no timestamp either) is a key.
                guard case .string = YAMLScalarResolver.implicit(text, allowTimestamp: true) else {
                    throw KitError(
                        "mapping key \"\(text)\" is not a string; kustomize needs string keys (quote it)", at: location(mark))
                }
            }
            setPendingKey(text, mark, isMerge: isMerge)
            if let anchor = Builder.cString(s.anchor) {
                anchors[anchor] = Node(value: .string(text), tree: nil, size: 1 + Int(s.length), mark: mark)
            }
            return
        }
        let value: Value
        if options.kustomizeStrict && plain && s.length == 0 && tag == nil && stack[stack.count - 1].isFlowMapping {
            // A value left out in a flow mapping (`{c: }`, `{c}`) is "" to kustomize, not null.
            value = .string("")
        } else if !plain && tag == nil {
            if options.kustomizeStrict && s.style == YAML_DOUBLE_QUOTED_SCALAR_STYLE && text.utf8.contains(UInt8(ascii: "/")) {
            try refuseSlashEscape(from: Int(event.start_mark.index), to: Int(event.end_mark.index), mark)
        }
        let block = s.style == YAML_FOLDED_SCALAR_STYLE || s.style == YAML_LITERAL_SCALAR_STYLE
            if options.goYAMLv3BlockRoundTrip && block {
                do {
                    value = .string(try GoYAMLBlockRoundTrip.value(text, folded: s.style == YAML_FOLDED_SCALAR_STYLE))
                } catch let e as KitError {
                    throw KitError(e.message, at: location(mark))
                }
            } else {
                value = .string(text)
            }
        } else if options.yaml11Booleans, plain, tag == nil, let b = Builder.yaml11Boolean(text) {
            value = .bool(b)
        } else {
            do {
                var resolved = try YAMLScalarResolver.resolve(text, plain: plain, tag: tag)
                if options.keepNumberText && plain && tag == nil && resolved.isNumber
                    && YAMLOutputRules.losslessNumberText(resolved) != text,
                    let literal = DecimalNumber(jsonLiteral: text)
                {
                    resolved = .decimal(literal)
                }
                value = resolved
            } catch let e as KitError {
                throw KitError(e.message, at: location(mark))
            }
        }
        if stack[stack.count - 1].kind == .document && plain && s.length == 0 && tag == nil {
            isEmptyPlainDocument = true
        }
        let node = Node(
            value: value, tree: options.positions ? PositionTree(location: location(mark)) : nil, size: 1 + Int(s.length), mark: mark)
        if let anchor = Builder.cString(s.anchor) { anchors[anchor] = node }
        try deliver(node)
    }

    /// go-yaml, which kustomize reads resources with, has no `\/` escape (YAML 1.2 added it,
    /// and libyaml accepts it): refuse a double-quoted scalar that uses it.
    mutating func refuseSlashEscape(from start: Int, to end: Int, _ mark: Mark) throws {
        let first = byteOffset(ofCharacter: start), last = byteOffset(ofCharacter: end)
        var i = first
        while i < last {
            if input[i] == UInt8(ascii: "\\") {
                if i + 1 < last && input[i + 1] == UInt8(ascii: "/") {
                    throw KitError(
                        "found unknown escape character \\/ (kustomize reads YAML with go-yaml, which has no such escape)",
                        at: location(mark))
                }
                i += 2
            } else {
                i += 1
            }
        }
    }

    /// The byte offset of a character index of the input (moving forward from the last one).
    mutating func byteOffset(ofCharacter index: Int) -> Int {
        if index < characterCursor.character { characterCursor = (0, 0) }
        var (character, byte) = characterCursor
        while character < index && byte < input.count {
            let lead = input[byte]
            byte += UTF8Rune.length(ofLeadByte: lead)
            character += 1
        }
        characterCursor = (character, byte)
        return min(byte, input.count)
    }

    /// YAML 1.1's extra boolean words (true/false themselves resolve as in YAML 1.2).
    static func yaml11Boolean(_ text: String) -> Bool? {
        switch text {
        case "y", "Y", "yes", "Yes", "YES", "on", "On", "ON": return true
        case "n", "N", "no", "No", "NO", "off", "Off", "OFF": return false
        default: return nil
        }
    }

    mutating func setPendingKey(_ key: String, _ mark: Mark, isMerge: Bool) {
        let top = stack.count - 1
        stack[top].pendingKey = key
        stack[top].pendingKeyMark = mark
        stack[top].pendingIsMerge = isMerge
    }

    mutating func alias(_ event: yaml_event_t) throws {
        let mark = Mark(event.start_mark)
        let name = Builder.cString(event.data.alias.anchor) ?? ""
        guard var node = anchors[name] else {
            throw KitError("unknown anchor '\(name)' referenced", at: location(mark))
        }
        let (sum, overflow) = aliasExpansion.addingReportingOverflow(node.size)
        aliasExpansion = overflow ? Int.max : sum
        if aliasExpansion > aliasBudget {
            let limit = aliasBudget >= 1 << 20 ? "\(aliasBudget >> 20) MiB" : "\(aliasBudget) bytes"
            throw KitError(
                "excessive aliasing: the aliases expand to more than \(limit) of data (kit's limit against alias bombs)",
                at: location(mark))
        }
        node.mark = mark
        if expectsKey {
            guard case .string(let key) = node.value else {
                throw KitError("an alias used as a mapping key must refer to a scalar", at: location(mark))
            }
            setPendingKey(key, mark, isMerge: false)
            return
        }
        try deliver(node)
    }

    mutating func open(
        _ kind: Kind, _ event: yaml_event_t, anchor: UnsafeMutablePointer<yaml_char_t>?,
        tag: UnsafeMutablePointer<yaml_char_t>?
    ) throws {
        let mark = Mark(event.start_mark)
        if let tag = Builder.cString(tag), !options.acceptUnknownTags {
            let expected = kind == .sequence ? "tag:yaml.org,2002:seq" : "tag:yaml.org,2002:map"
            guard tag == expected || tag == "!" else { throw KitError("unknown tag \(tag)", at: location(mark)) }
        }
        if expectsKey {
            throw KitError(
                "mapping keys must be scalars; a \(kind == .sequence ? "sequence" : "mapping") cannot be a key",
                at: location(mark))
        }
        if stack.count > options.maxDepth {
            throw KitError("nesting is deeper than \(options.maxDepth) levels", at: location(mark))
        }
        var frame = Frame(kind: kind, anchor: Builder.cString(anchor), mark: mark)
        frame.isFlowMapping = kind == .mapping && event.data.mapping_start.style == YAML_FLOW_MAPPING_STYLE
        stack.append(frame)
    }

    mutating func close() throws {
        var frame = stack.removeLast()
        let node: Node
        switch frame.kind {
        case .sequence:
            var tree: PositionTree? = nil
            if options.positions {
                tree = PositionTree(location: location(frame.mark))
                tree!.elements = frame.trees
            }
            node = Node(value: .array(frame.items), tree: tree, size: frame.size, mark: frame.mark)
        case .mapping:
            if !frame.merges.isEmpty { applyMerges(&frame) }
            var tree: PositionTree? = nil
            if options.positions {
                tree = PositionTree(location: location(frame.mark))
                tree!.members = frame.trees
                tree!.keys = frame.keyMarks.map(location)
            }
            node = Node(value: .object(frame.object), tree: tree, size: frame.size, mark: frame.mark)
        case .document:
            return
        }
        if let anchor = frame.anchor { anchors[anchor] = node }
        try deliver(node)
    }

    /// Inserts merged entries where their `<<` key was: explicit keys always win, and among
    /// merged maps the first to bring a key wins (go-yaml v3's rule).
    func applyMerges(_ frame: inout Frame) {
        let explicit = frame.object
        var result = Object(minimumCapacity: explicit.count)
        var trees: [PositionTree] = []
        var keyMarks: [Mark] = []
        var nextMerge = 0
        func addMerges(upTo position: Int) {
            while nextMerge < frame.merges.count && frame.merges[nextMerge].position <= position {
                for source in frame.merges[nextMerge].sources {
                    guard case .object(let merged) = source.value else { continue }
                    for (i, (k, v)) in merged.enumerated() where !explicit.contains(k) && !result.contains(k) {
                        result.appendNew(key: k, value: v)
                        if options.positions {
                            let t = source.tree
                            trees.append(t.flatMap { i < $0.members.count ? $0.members[i] : nil } ?? PositionTree(location: location(source.mark)))
                            keyMarks.append(source.mark)
                        }
                    }
                }
                nextMerge += 1
            }
        }
        for i in 0..<explicit.count {
            addMerges(upTo: i)
            let (k, v) = explicit.entry(at: i)
            result.appendNew(key: k, value: v)
            if options.positions {
                trees.append(frame.trees[i])
                keyMarks.append(frame.keyMarks[i])
            }
        }
        addMerges(upTo: Int.max)
        frame.object = result
        frame.trees = trees
        frame.keyMarks = keyMarks
    }

    /// Hands a finished node to the collection (or document) being read.
    mutating func deliver(_ node: Node) throws {
        let top = stack.count - 1
        var size = node.size
        if stack[top].kind == .mapping, let key = stack[top].pendingKey { size = size &+ 1 &+ key.utf8.count }
        let (sum, overflow) = stack[top].size.addingReportingOverflow(size)
        stack[top].size = overflow ? Int.max : sum
        switch stack[top].kind {
        case .document:
            documentNode = node
        case .sequence:
            stack[top].items.append(node.value)
            if options.positions { stack[top].trees.append(node.tree ?? PositionTree(location: location(node.mark))) }
        case .mapping:
            let key = stack[top].pendingKey!
            let keyMark = stack[top].pendingKeyMark
            stack[top].pendingKey = nil
            if stack[top].pendingIsMerge {
                let sources: [Node]
                switch node.value {
                case .object: sources = [node]
                case .array: sources = try mergeSources(node)
                default:
                    throw KitError("map merge requires map or sequence of maps as the value", at: location(node.mark))
                }
                stack[top].merges.append(Merge(position: stack[top].object.count, sources: sources))
                return
            }
            if let first = stack[top].object.position(of: key) {
                switch options.duplicateKeys {
                case .lastWins:
                    stack[top].object.setValue(node.value, at: first)
                    if options.positions { stack[top].trees[first] = node.tree ?? PositionTree(location: location(node.mark)) }
                    return
                case .firstWins:
                    return
                case .error:
                    break
                }
                let firstMark = stack[top].keyMarks[first]
                throw KitError(
                    "duplicate key \"\(key)\" (first defined at line \(firstMark.line + 1), column \(firstMark.column + 1))",
                    at: location(keyMark))
            }
            stack[top].object.appendNew(key: key, value: node.value)
            stack[top].keyMarks.append(keyMark)
            if options.positions { stack[top].trees.append(node.tree ?? PositionTree(location: location(node.mark))) }
        }
    }

    /// The maps of a `<<: [*a, *b]` sequence, each with its positions.
    func mergeSources(_ node: Node) throws -> [Node] {
        guard case .array(let items) = node.value else { return [] }
        var result: [Node] = []
        for (i, item) in items.enumerated() {
            let tree = node.tree.flatMap { i < $0.elements.count ? $0.elements[i] : nil }
            guard case .object = item else {
                throw KitError("map merge requires map or sequence of maps as the value", at: tree?.location ?? location(node.mark))
            }
            result.append(Node(value: item, tree: tree, size: 1, mark: node.mark))
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
        SourceLocation(file: file, byteOffset: offset, in: input)
    }
}

extension YAMLScalarResolver.Tag {
    var isUnknown: Bool {
        if case .unknown = self { return true }
        return false
    }
}
