extension YAMLWriter {
    /// Several documents as `stream(_:)` writes them, with their comments (`comments[i]`
    /// belongs to `values[i]`; missing maps mean no comments) put back where their nodes are.
    ///
    /// The documents are written exactly as without comments; the comments are then inserted
    /// between the lines: above an entry's line, at the end of the line where an entry's
    /// value ends (on a block scalar's `|` line, on a collection's key line), after a
    /// collection's last line indented like its items, around `---`. With no comment at all
    /// the output is `stream(_:)`'s, byte for byte. Each document with comments is read back
    /// and its events compared with those of its text without comments (`YAMLEventDigest`):
    /// a comment can never change data (if one would, this throws).
    public func stream(_ values: [Value], comments: [YAMLCommentMap]) throws -> [UInt8] {
        guard comments.contains(where: { !$0.isEmpty }) else { return try stream(values) }
        var out = CommentedOutput()
        for (i, value) in values.enumerated() {
            let document: [UInt8]
            do {
                document = try self.document(value)
            } catch var error as KitError where error.valuePath != nil {
                error.valuePath?.document = i
                throw error
            }
            let map = i < comments.count ? comments[i] : YAMLCommentMap()
            out.lines(map.beforeStart, indent: 0)
            if i > 0 || map.beforeStart.hasComment || map.onStart != nil {
                out.separator("---" + (map.onStart.map { " " + $0 } ?? ""))
            }
            if map.isEmpty {
                // Whether it ends with a block scalar (whose last line is indented or empty)
                // matters only to a blank line before the next comment: assume it might.
                let lastLine = document.dropLast().reversed().prefix { $0 != 0x0A }
                out.raw(document[...], endsBlockScalar: lastLine.isEmpty || lastLine.last == 0x20)
                continue
            }
            let start = out.bytes.count
            let digest = try YAMLCommentPlacement.place(map, in: document, into: &out)
            // The comments must not have changed what the document says.
            guard (try? YAMLEventDigest.documents(of: Array(out.bytes[start...]))) == digest else {
                throw KitError(
                    "kit cannot keep these comments without changing the data (please report it); --drop-comments formats the file without them")
            }
        }
        out.finish()
        return out.bytes
    }
}

/// Puts a document's comments (`YAMLCommentMap`) into the text the writer made for it:
/// the text is read again with libyaml to find where each path's lines are, and the comment
/// lines are inserted there.
enum YAMLCommentPlacement {
    /// Something inserted at a byte offset of the document.
    struct Insertion {
        enum Content {
            /// Whole lines, at a line start.
            case lines([YAMLCommentMap.Line], indent: Int)
            /// Text at the end of a line (before its line feed).
            case lineEnd(String)
        }

        var offset: Int
        /// Order at one offset: line ends, then trailing lines (inner collections first), then
        /// head lines (outer entries first).
        var phase: Int
        var content: Content
    }

    /// The comment map as a tree of path steps, so that the output is walked without
    /// building paths.
    final class Tree {
        var entry: YAMLCommentMap.Entry?
        var children: [PathComponent: Tree] = [:]

        init(_ map: YAMLCommentMap) {
            for (path, entry) in map.entries {
                var node = self
                for step in path {
                    if let child = node.children[step] {
                        node = child
                    } else {
                        let child = Tree()
                        node.children[step] = child
                        node = child
                    }
                }
                node.entry = entry
            }
        }

        private init() {}
    }

    /// Writes `document` (the writer's output for one document) with its comments into
    /// `out`; returns the digest of the document's events, to compare with the result's.
    static func place(_ comments: YAMLCommentMap, in document: [UInt8], into out: inout CommentedOutput) throws -> [UInt64] {
        var insertions: [Insertion] = []
        var blockScalarEnds: Set<Int> = []
        let tree = Tree(comments)
        let digests = try document.withUnsafeBufferPointer { text -> [UInt64] in
            let offsets = CharacterOffsets(text)
            let (events, digests) = try YAMLPathEvent.read(text, offsets: offsets, digest: true)
            func offset(_ p: YAMLPathEvent.Position) -> Int { offsets[p.index] }
            func lineStart(_ o: Int) -> Int {
                var i = min(o, text.count)
                while i > 0 && text[i - 1] != 0x0A { i -= 1 }
                return i
            }
            /// The offset of the line feed that ends the line holding `o` (a line feed belongs
            /// to the line it ends), or the end of the text.
            func lineEnd(_ o: Int) -> Int {
                var i = o
                while i < text.count && text[i] != 0x0A { i += 1 }
                return i
            }
            func indentation(ofLineAt start: Int) -> Int {
                var i = start
                while i < text.count && text[i] == 0x20 { i += 1 }
                return i - start
            }

            /// Flow scalars written over several lines: a line end inside one is no place for a comment.
            var multiLineScalars: [(start: Int, end: Int)] = []
            var keyLineEnd = 0
            var lineEndTargets: [(texts: [String], offset: Int)] = []
            var itemColumns: [Int] = []
            var lastContentLineEnd = 0
            // The comment tree's node for each collection start event (nil: no comment inside).
            var nodes = [Tree?](repeating: nil, count: events.count)

            insertions.append(Insertion(offset: 0, phase: 2, content: .lines(comments.head, indent: 0)))
            for (i, event) in events.enumerated() {
                let node: Tree?
                switch event.kind {
                case .collectionEnd: node = nodes[event.startIndex]
                case .documentStart, .documentEnd: node = nil
                default:
                    if event.role == .root {
                        node = tree
                    } else if let step = event.step, let parent = event.parent >= 0 ? nodes[event.parent] : tree {
                        node = parent.children[step]
                    } else {
                        node = nil
                    }
                    if case .collectionStart = event.kind { nodes[i] = node }
                }
                let entry = node?.entry
                if event.beginsEntry, event.role != .root, let head = entry?.head, !head.isEmpty {
                    let start = lineStart(offset(event.start))
                    insertions.append(Insertion(offset: start, phase: 2, content: .lines(head, indent: indentation(ofLineAt: start))))
                }
                switch event.kind {
                case .scalar, .alias:
                    var block = false
                    if case .scalar(true, _) = event.kind { block = true }
                    let start = offset(event.start), end = offset(event.end)
                    var target: Int
                    if block {
                        target = lineEnd(start)
                        // The block's text ends with a line feed; its end mark is after the
                        // indentation of the next line.
                        var q = end
                        while q > start && text[q - 1] == 0x20 { q -= 1 }
                        lastContentLineEnd = q > start && text[q - 1] == 0x0A ? q - 1 : end
                        blockScalarEnds.insert(min(lastContentLineEnd + 1, text.count))
                    } else {
                        target = lineEnd(end)
                        if lineStart(start) != lineStart(end) { multiLineScalars.append((start, end)) }
                        lastContentLineEnd = target
                    }
                    if event.role == .key {
                        keyLineEnd = lineEnd(end)
                    } else if let texts = entry?.lineEnd, !texts.isEmpty {
                        lineEndTargets.append((texts, target))
                    }
                case .collectionStart(_, let flow):
                    let start = offset(event.start)
                    itemColumns.append(flow ? indentation(ofLineAt: lineStart(start)) : event.itemColumn)
                    guard let texts = entry?.lineEnd, !texts.isEmpty else { break }
                    switch event.role {
                    case _ where flow: lineEndTargets.append((texts, lineEnd(start)))  // `{}` or `[]`
                    case .value: lineEndTargets.append((texts, keyLineEnd))
                    case .item: lineEndTargets.append((texts, lineEnd(start)))
                    default:
                        // The document's own collection: its line comment goes on top.
                        insertions.append(Insertion(offset: 0, phase: 2, content: .lines(texts.map { .comment($0) }, indent: 0)))
                    }
                case .collectionEnd(_, let flow):
                    let column = itemColumns.popLast() ?? 0
                    if flow { lastContentLineEnd = lineEnd(offset(event.end)) }
                    if let trailing = entry?.trailing, !trailing.isEmpty {
                        insertions.append(
                            Insertion(offset: min(lastContentLineEnd + 1, text.count), phase: 1, content: .lines(trailing, indent: column)))
                    }
                default:
                    break
                }
            }
            // A line end inside a flow scalar that goes on over more lines moves to its end.
            for (texts, target) in lineEndTargets {
                var t = target
                while let span = multiLineScalars.first(where: { $0.start < t && t < $0.end }) {
                    t = lineEnd(span.end)
                }
                insertions.append(Insertion(offset: t, phase: 0, content: .lineEnd(" " + texts.joined(separator: " "))))
            }
            insertions.append(Insertion(offset: text.count, phase: 1, content: .lines(comments.trailing, indent: 0)))
            return digests
        }

        // Stable order by offset, then phase.
        let order = insertions.indices.sorted {
            (insertions[$0].offset, insertions[$0].phase, $0) < (insertions[$1].offset, insertions[$1].phase, $1)
        }
        var cursor = 0
        for i in order {
            let insertion = insertions[i]
            if insertion.offset > cursor {
                out.raw(document[cursor..<insertion.offset], endsBlockScalar: blockScalarEnds.contains(insertion.offset))
                cursor = insertion.offset
            }
            switch insertion.content {
            case .lines(let lines, let indent): out.lines(lines, indent: indent)
            case .lineEnd(let text): out.lineEnd(text)
            }
        }
        if cursor < document.count {
            out.raw(document[cursor...], endsBlockScalar: false)
        }
        return digests
    }
}

/// Text being assembled from the writer's output and comment lines. Blank lines kept
/// next to comments are written only between two other lines (never at the start or end
/// of a document, never two in a row), and never right after a block scalar, which would
/// take them in.
struct CommentedOutput {
    var bytes: [UInt8] = []
    var pendingBlank = false
    var atBoundary = true
    var afterBlockScalar = false

    mutating func raw(_ text: ArraySlice<UInt8>, endsBlockScalar: Bool) {
        guard !text.isEmpty else { return }
        flushBlank()
        bytes.append(contentsOf: text)
        atBoundary = false
        afterBlockScalar = endsBlockScalar
    }

    mutating func lineEnd(_ text: String) {
        bytes.append(contentsOf: text.utf8)
    }

    mutating func lines(_ lines: [YAMLCommentMap.Line], indent: Int) {
        for line in lines {
            switch line {
            case .blank:
                if !atBoundary && !afterBlockScalar { pendingBlank = true }
            case .comment(let text):
                flushBlank()
                endLine()
                bytes.append(contentsOf: repeatElement(0x20, count: indent))
                bytes.append(contentsOf: text.utf8)
                bytes.append(0x0A)
                atBoundary = false
                afterBlockScalar = false
            }
        }
    }

    /// A `---` line.
    mutating func separator(_ line: String) {
        pendingBlank = false
        endLine()
        bytes.append(contentsOf: line.utf8)
        bytes.append(0x0A)
        atBoundary = true
        afterBlockScalar = false
    }

    mutating func finish() {
        pendingBlank = false
    }

    private mutating func flushBlank() {
        if pendingBlank {
            endLine()
            bytes.append(0x0A)
            pendingBlank = false
        }
    }

    private mutating func endLine() {
        if let last = bytes.last, last != 0x0A { bytes.append(0x0A) }
    }
}
