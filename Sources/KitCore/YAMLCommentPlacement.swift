extension YAMLWriter {
    /// Several documents as `stream(_:)` writes them, with their comments (`comments[i]`
    /// belongs to `values[i]`; missing maps mean no comments) put back where their nodes are.
    ///
    /// The documents are written exactly as without comments; the comments are then inserted
    /// between the lines: above an entry's line, at the end of the line where an entry's
    /// value ends (on a block scalar's `|` line, on a collection's key line), after a
    /// collection's last line indented like its items, around `---`. With no comment at all
    /// the output is `stream(_:)`'s, byte for byte. The result is read back and compared with
    /// the data written: a comment can never change data (if it would, this throws).
    public func stream(_ values: [Value], comments: [YAMLCommentMap]) throws -> [UInt8] {
        guard comments.contains(where: { !$0.isEmpty }) else { return try stream(values) }
        var out = CommentedOutput()
        var plain: [UInt8] = []
        for (i, value) in values.enumerated() {
            let document = try self.document(value)
            if i > 0 { plain.append(contentsOf: "---\n".utf8) }
            plain.append(contentsOf: document)
            let map = i < comments.count ? comments[i] : YAMLCommentMap()
            out.lines(map.beforeStart, indent: 0)
            if i > 0 || map.beforeStart.hasComment || map.onStart != nil {
                out.separator("---" + (map.onStart.map { " " + $0 } ?? ""))
            }
            try YAMLCommentPlacement.place(map, in: document, into: &out)
        }
        out.finish()
        try YAMLCommentPlacement.verify(out.bytes, sameDataAs: plain)
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

    static func place(_ comments: YAMLCommentMap, in document: [UInt8], into out: inout CommentedOutput) throws {
        var insertions: [Insertion] = []
        var blockScalarEnds: Set<Int> = []
        try document.withUnsafeBufferPointer { text in
            let characterStarts = UTF8Rune.characterStarts(text)
            let events = try YAMLPathEvent.read(text, characterStarts: characterStarts)
            func offset(_ p: YAMLPathEvent.Position) -> Int { characterStarts[min(max(p.index, 0), characterStarts.count - 1)] }
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
            var keyLineEnds: [[PathComponent]: Int] = [:]
            var lineEndTargets: [(path: [PathComponent], offset: Int)] = []
            var itemColumns: [Int] = []
            var lastContentLineEnd = 0

            insertions.append(Insertion(offset: 0, phase: 2, content: .lines(comments.head, indent: 0)))
            for event in events {
                let entry = comments.entries[event.path]
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
                        keyLineEnds[event.path] = lineEnd(end)
                    } else if entry?.lineEnd.isEmpty == false {
                        lineEndTargets.append((event.path, target))
                    }
                case .collectionStart(_, let flow):
                    let start = offset(event.start)
                    itemColumns.append(flow ? indentation(ofLineAt: lineStart(start)) : event.itemColumn)
                    guard let texts = entry?.lineEnd, !texts.isEmpty else { break }
                    switch event.role {
                    case _ where flow: lineEndTargets.append((event.path, lineEnd(start)))  // `{}` or `[]`
                    case .value: lineEndTargets.append((event.path, keyLineEnds[event.path] ?? lineEnd(start)))
                    case .item: lineEndTargets.append((event.path, lineEnd(start)))
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
            for (path, target) in lineEndTargets {
                var t = target
                while let span = multiLineScalars.first(where: { $0.start < t && t < $0.end }) {
                    t = lineEnd(span.end)
                }
                let texts = comments.entries[path]?.lineEnd ?? []
                insertions.append(Insertion(offset: t, phase: 0, content: .lineEnd(" " + texts.joined(separator: " "))))
            }
            insertions.append(Insertion(offset: text.count, phase: 1, content: .lines(comments.trailing, indent: 0)))
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
    }

    /// Throws unless `commented` holds the same data as `plain` (the writer's text without
    /// comments), read back the same way.
    static func verify(_ commented: [UInt8], sameDataAs plain: [UInt8]) throws {
        guard let expected = try? YAMLReader.read(plain, file: "-") else { return }
        let actual = try? YAMLReader.read(commented, file: "-")
        guard let actual, actual.count == expected.count, zip(actual, expected).allSatisfy({ identical($0.value, $1.value) }) else {
            throw KitError(
                "kit cannot keep these comments without changing the data (please report it); --drop-comments formats the file without them")
        }
    }

    /// The same data read the same way: same kinds, same numbers (NaN included), same key order.
    static func identical(_ a: Value, _ b: Value) -> Bool {
        switch (a, b) {
        case (.null, .null): return true
        case (.bool(let x), .bool(let y)): return x == y
        case (.int(let x), .int(let y)): return x == y
        case (.double(let x), .double(let y)): return x.bitPattern == y.bitPattern || (x.isNaN && y.isNaN)
        case (.decimal(let x), .decimal(let y)): return x.text == y.text
        case (.string(let x), .string(let y)): return utf8Equal(x, y)
        case (.array(let x), .array(let y)): return x.count == y.count && zip(x, y).allSatisfy { identical($0, $1) }
        case (.object(let x), .object(let y)):
            return x.count == y.count
                && zip(x, y).allSatisfy { utf8Equal($0.key, $1.key) && identical($0.value, $1.value) }
        default: return false
        }
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
