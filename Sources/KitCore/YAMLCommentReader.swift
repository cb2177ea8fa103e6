import CYAML

/// Recovers the comments of a YAML text, which libyaml does not report, as one
/// `YAMLCommentMap` per document (empty documents left out, as `DocumentReader` leaves
/// them out). Comments are what lies between libyaml's tokens (and after a block scalar's
/// `|`/`>` header); each is attached to a node by where it is:
///
/// - a comment after content on its line belongs to the last key or scalar that ends on
///   that line (`key: value # c`, `key: # c`, `- [a, b] # c`, `args: [a, # c`); on the
///   `---` line, to the document start; after a block scalar's header, to the scalar;
///   after nothing that has a path (`- # c`), it counts as a comment above what follows;
/// - whole-line comments belong above the next key or sequence item, unless they are
///   indented as deep as the items of a collection that ends there (then they are that
///   collection's trailing comments; a comment at exactly the column of a sequence that is
///   not indented under its key belongs to the mapping around it), or are inside a flow
///   collection before its closing bracket (trailing too);
/// - comments at the top of a document belong to the document when a blank line separates
///   them from its content (else above its first key or item); comments before an explicit
///   `---` stay before it; comments at the end belong to the end of the document;
/// - a comment on a merge key (`<<`) or inside its value, which `kit` expands, moves above
///   the next key of that mapping (or to its end).
///
/// Blank lines are kept only next to comments (one at most): a blank line before a comment
/// block, inside it, or between it and the node below.
public enum YAMLCommentReader {
    /// The comments of each non-empty document of `bytes`; `[]` when there are none.
    public static func read(_ bytes: [UInt8], file: String) throws -> [YAMLCommentMap] {
        guard bytes.contains(UInt8(ascii: "#")) else { return [] }
        return try bytes.withUnsafeBufferPointer { buffer in
            var bomLength = 0
            if buffer.count >= 3 && buffer[0] == 0xEF && buffer[1] == 0xBB && buffer[2] == 0xBF { bomLength = 3 }
            let offsets = CharacterOffsets(buffer, from: bomLength)
            let comments: [RawComment]
            let events: [YAMLPathEvent]
            do {
                comments = try scan(buffer, bomLength: bomLength, offsets: offsets)
                if comments.isEmpty { return [] }
                events = try YAMLPathEvent.read(buffer, offsets: offsets).events
            } catch let error as KitError {
                throw KitError("cannot read the comments: \(error.message)", at: SourceLocation(file: file, line: 1, column: 1))
            }
            var attacher = Attacher(comments: comments, events: events)
            return attacher.run()
        }
    }

    // MARK: - Finding comments

    /// A comment as found in the text, before it is attached to a node.
    struct RawComment {
        /// From `#` to the end of the line, trailing blanks removed.
        var text: String
        /// libyaml's position of the `#`.
        var index: Int
        var line: Int
        var column: Int
        /// Content comes before it on its line.
        var isLineEnd: Bool
        /// It follows a block scalar's `|` or `>` indicator.
        var inBlockHeader = false
        /// A blank line separates it from the comment or content above (whole-line comments).
        var blankBefore = false
        /// A blank line separates it from the content below (the last comment of a run).
        var blankAfter = false
        /// The column of the next token, or nil when that is a document boundary or the end.
        var nextColumn: Int? = nil
    }

    /// Every comment of the text, in order: those in the gaps between tokens, and those after
    /// block scalar headers (which libyaml counts as part of the scalar's token).
    static func scan(_ text: UnsafeBufferPointer<UInt8>, bomLength: Int, offsets: CharacterOffsets) throws -> [RawComment] {
        let parser = UnsafeMutablePointer<yaml_parser_t>.allocate(capacity: 1)
        defer { parser.deallocate() }
        guard yaml_parser_initialize(parser) == 1 else { throw KitError("cannot initialise the YAML parser") }
        defer { yaml_parser_delete(parser) }
        yaml_parser_set_input_string(parser, text.baseAddress ?? UnsafePointer(bitPattern: 1)!, text.count)

        func byteOffset(_ characterIndex: Int) -> Int { offsets[characterIndex] }

        var comments: [RawComment] = []
        var awaitingNextToken = comments.endIndex
        var gapStart = bomLength
        var gapMark = yaml_mark_t()
        var token = yaml_token_t()
        while true {
            guard yaml_parser_scan(parser, &token) == 1 else {
                throw KitError(parser.pointee.problem.map { String(cString: $0) } ?? "invalid YAML")
            }
            defer { yaml_token_delete(&token) }
            let start = byteOffset(Int(token.start_mark.index))
            if start > gapStart {
                scanGap(text, from: gapStart, to: start, at: gapMark, bomLength: bomLength, into: &comments)
            }
            // Block ends stand where the next token is; the column that matters is that token's.
            if token.type != YAML_BLOCK_END_TOKEN {
                var column: Int? = Int(token.start_mark.column)
                switch token.type {
                case YAML_STREAM_END_TOKEN, YAML_DOCUMENT_START_TOKEN, YAML_DOCUMENT_END_TOKEN, YAML_VERSION_DIRECTIVE_TOKEN,
                    YAML_TAG_DIRECTIVE_TOKEN:
                    column = nil
                default:
                    break
                }
                for i in awaitingNextToken..<comments.count { comments[i].nextColumn = column }
                awaitingNextToken = comments.count
            }
            if token.type == YAML_SCALAR_TOKEN
                && (token.data.scalar.style == YAML_LITERAL_SCALAR_STYLE || token.data.scalar.style == YAML_FOLDED_SCALAR_STYLE),
                var header = blockHeaderComment(text, at: start, end: byteOffset(Int(token.end_mark.index)))
            {
                header.index += Int(token.start_mark.index)
                header.line = Int(token.start_mark.line)
                header.column += Int(token.start_mark.column)
                comments.append(header)
                awaitingNextToken = comments.count
            }
            let end = byteOffset(Int(token.end_mark.index))
            if end > gapStart {
                gapStart = end
                gapMark = token.end_mark
            }
            if token.type == YAML_STREAM_END_TOKEN { return comments }
        }
    }

    /// The comments in `text[from..<to]`, which holds only blanks, line breaks and comments;
    /// `mark` is libyaml's position at `from`.
    static func scanGap(
        _ text: UnsafeBufferPointer<UInt8>, from: Int, to: Int, at mark: yaml_mark_t, bomLength: Int, into comments: inout [RawComment]
    ) {
        var index = Int(mark.index), line = Int(mark.line), column = Int(mark.column)
        var breaks = 0  // line breaks since the last content or comment
        var lastComment: Int? = nil
        var i = from
        while i < to {
            let b = text[i]
            if b == UInt8(ascii: "#") {
                var j = i
                while j < to && lineBreakLength(text, at: j) == 0 { j += 1 }
                var textEnd = j
                while textEnd > i && (text[textEnd - 1] == 0x20 || text[textEnd - 1] == 0x09 || text[textEnd - 1] == 0x0D) { textEnd -= 1 }
                let isLineEnd = contentBefore(text, at: i, bomLength: bomLength)
                comments.append(
                    RawComment(
                        text: String(decoding: UnsafeBufferPointer(rebasing: text[i..<textEnd]), as: UTF8.self), index: index, line: line,
                        column: column, isLineEnd: isLineEnd, blankBefore: !isLineEnd && breaks >= 2))
                lastComment = comments.count - 1
                for k in i..<j where text[k] & 0xC0 != 0x80 {
                    index += 1
                    column += 1
                }
                i = j
                breaks = 0
                continue
            }
            let breakLength = lineBreakLength(text, at: i)
            if breakLength > 0 {
                breaks += 1
                line += 1
                column = 0
                index += breakLength == 2 && b == 0x0D ? 2 : 1  // libyaml counts CR LF as two characters
                i += breakLength
                continue
            }
            if b & 0xC0 != 0x80 {
                index += 1
                column += 1
            }
            i += 1
        }
        if let lastComment, breaks >= 2 { comments[lastComment].blankAfter = true }
    }

    /// The bytes of the line break at `i` (CR LF, CR, LF, NEL, LS, PS: libyaml's breaks), or 0.
    static func lineBreakLength(_ text: UnsafeBufferPointer<UInt8>, at i: Int) -> Int {
        switch text[i] {
        case 0x0A: return 1
        case 0x0D: return i + 1 < text.count && text[i + 1] == 0x0A ? 2 : 1
        case 0xC2: return i + 1 < text.count && text[i + 1] == 0x85 ? 2 : 0
        case 0xE2:
            return i + 2 < text.count && text[i + 1] == 0x80 && (text[i + 2] == 0xA8 || text[i + 2] == 0xA9) ? 3 : 0
        default: return 0
        }
    }

    /// True when something other than blanks comes before byte `i` on its line.
    static func contentBefore(_ text: UnsafeBufferPointer<UInt8>, at i: Int, bomLength: Int) -> Bool {
        var k = i - 1
        while k >= bomLength {
            switch text[k] {
            case 0x20, 0x09: k -= 1
            case 0x0A, 0x0D: return false
            case 0x85: return !(k >= 1 && text[k - 1] == 0xC2)
            case 0xA8, 0xA9: return !(k >= 2 && text[k - 1] == 0x80 && text[k - 2] == 0xE2)
            default: return true
            }
        }
        return false
    }

    /// The comment after a block scalar's indicators (`| # c`, `>-2 # c`), with its index
    /// and column relative to the scalar's start.
    static func blockHeaderComment(_ text: UnsafeBufferPointer<UInt8>, at start: Int, end: Int) -> RawComment? {
        var i = start + 1
        while i < end, text[i] == UInt8(ascii: "+") || text[i] == UInt8(ascii: "-") || (text[i] >= 0x30 && text[i] <= 0x39) { i += 1 }
        guard i < end, text[i] == 0x20 || text[i] == 0x09 else { return nil }
        while i < end && (text[i] == 0x20 || text[i] == 0x09) { i += 1 }
        guard i < end, text[i] == UInt8(ascii: "#") else { return nil }
        var j = i
        while j < end && lineBreakLength(text, at: j) == 0 { j += 1 }
        while j > i && (text[j - 1] == 0x20 || text[j - 1] == 0x09 || text[j - 1] == 0x0D) { j -= 1 }
        var comment = RawComment(
            text: String(decoding: UnsafeBufferPointer(rebasing: text[i..<j]), as: UTF8.self), index: i - start, line: 0, column: i - start,
            isLineEnd: true)
        comment.inBlockHeader = true
        return comment
    }

    // MARK: - Attaching comments to nodes

    /// Walks the events and the comments together, giving each comment its place.
    struct Attacher {
        let comments: [RawComment]
        let events: [YAMLPathEvent]
        var nextComment = 0
        /// Whole-line comments waiting for the node (or end) they belong to.
        var pending: [RawComment] = []
        var documents: [(map: YAMLCommentMap, isEmpty: Bool)] = []
        var map = YAMLCommentMap()
        var rootIsEmpty = true
        var contentStarted = false
        /// The key or scalar (its event) a comment later on its line belongs to, and that line
        /// (−1 for a block scalar: only its header comment belongs to it).
        var lastAnchor: (event: Int, line: Int)? = nil
        /// The line of an explicit `---`.
        var startLine: Int? = nil
        /// Merge keys whose comments wait for the next key of their mapping (which starts
        /// at event `mapping`).
        var openMerges: [(path: [PathComponent], mapping: Int, lines: [YAMLCommentMap.Line])] = []

        init(comments: [RawComment], events: [YAMLPathEvent]) {
            self.comments = comments
            self.events = events
        }

        func path(_ i: Int) -> [PathComponent] {
            YAMLPathEvent.path(of: i, in: events)
        }

        mutating func run() -> [YAMLCommentMap] {
            for i in events.indices {
                let event = events[i]
                takeComments(before: event.start.index)
                if case .scalar = event.kind {
                    // Comments between a scalar's tag or anchor and its text are above it (a
                    // comment after a block scalar's header follows, as the scalar's own).
                    takeComments(before: event.end.index, stoppingAtBlockHeader: true)
                }
                switch event.kind {
                case .documentStart(let explicit):
                    map = YAMLCommentMap()
                    rootIsEmpty = true
                    contentStarted = false
                    lastAnchor = nil
                    openMerges = []
                    startLine = explicit ? event.end.line : nil
                    if explicit && !pending.isEmpty {
                        map.beforeStart += lines(pending)
                        pending = []
                    }
                case .documentEnd:
                    if !pending.isEmpty {
                        map.trailing += lines(pending)
                        pending = []
                    }
                    documents.append((map, rootIsEmpty))
                case .scalar, .alias, .collectionStart:
                    node(event, at: i)
                case .collectionEnd(_, let flow):
                    closeMerges(endingAt: i)
                    if flow {
                        if !pending.isEmpty {
                            addTrailing(path(i), lines(pending))
                            pending = []
                        }
                        // After a bracket that closes more lines than its own, a comment
                        // belongs to the item that ends on that line, if one does.
                        if events[event.startIndex].start.line == event.end.line || lastAnchor?.line != event.end.line {
                            lastAnchor = (i, event.end.line)
                        }
                    } else if !pending.isEmpty {
                        assignTrailing(endingAt: i)
                    }
                }
            }
            takeComments(before: Int.max)
            if !pending.isEmpty, !documents.isEmpty {
                documents[documents.count - 1].map.trailing += lines(pending)
            }
            return nonEmptyDocuments()
        }

        /// Moves the comments before `index` into place or into `pending`.
        mutating func takeComments(before index: Int, stoppingAtBlockHeader: Bool = false) {
            while nextComment < comments.count && comments[nextComment].index < index {
                if stoppingAtBlockHeader && comments[nextComment].inBlockHeader { return }
                var comment = comments[nextComment]
                nextComment += 1
                if comment.inBlockHeader, let anchor = lastAnchor {
                    addLineEnd(path(anchor.event), comment.text)
                    continue
                }
                if comment.isLineEnd {
                    if let anchor = lastAnchor, anchor.line == comment.line {
                        addLineEnd(path(anchor.event), comment.text)
                        continue
                    }
                    if !contentStarted, let line = startLine, line == comment.line, map.onStart == nil {
                        map.onStart = comment.text
                        continue
                    }
                    comment.blankBefore = false
                }
                pending.append(comment)
            }
        }

        mutating func node(_ event: YAMLPathEvent, at index: Int) {
            if event.role == .root {
                contentStarted = true
                rootIsEmpty = event.kind == .scalar(block: false, emptyPlain: true)
            }
            if event.role == .key {
                closeMerges(beforeKey: index)
                if event.isMergeKey { openMerges.append((path(index), event.parent, [])) }
            }
            if !pending.isEmpty {
                let isCollection = { if case .collectionStart = event.kind { return true } else { return false } }()
                switch event.role {
                case .key, .item:
                    addHead(path(index), lines(pending))
                    pending = []
                case .root:
                    // Comments right above a collection's first line are its first entry's.
                    if !(isCollection && pending.last?.blankAfter == false && beginsEntry(after: index)) {
                        map.head += lines(pending)
                        pending = []
                    }
                case .value:
                    // Between a key and its collection: above the first entry inside.
                    if !isCollection {
                        addHead(path(index), lines(pending))
                        pending = []
                    }
                }
            }
            switch event.kind {
            case .scalar(let block, _):
                lastAnchor = (index, block ? -1 : event.end.line)
            case .alias:
                lastAnchor = (index, event.end.line)
            default:
                break
            }
        }

        /// True when the event after `events[i]` starts an entry (a collection's first key or item).
        func beginsEntry(after i: Int) -> Bool {
            i + 1 < events.count && events[i + 1].beginsEntry
        }

        /// Gives the pending comments to the block collections that end at `events[first]`
        /// (innermost first), by column: a comment belongs to the innermost one whose items
        /// are no deeper than the comment, if it is deeper than the next token. What is left
        /// waits for the next node, or the end of the document.
        mutating func assignTrailing(endingAt first: Int) {
            let position = events[first].start.index
            var run: [Int] = []
            var columns: [Int] = []
            var k = first
            var endsDocument = false
            while k < events.count, events[k].start.index == position {
                if case .collectionEnd(_, false) = events[k].kind {
                    run.append(k)
                    columns.append(events[events[k].startIndex].itemColumn)
                } else if events[k].kind == .documentEnd {
                    endsDocument = true
                    break
                } else {
                    break
                }
                k += 1
            }
            var assigned: [[RawComment]] = Array(repeating: [], count: run.count)
            var lowest = 0
            var taken = 0
            for comment in pending {
                var target: Int? = nil
                for r in lowest..<run.count {
                    guard comment.column >= columns[r], endsDocument || comment.column > (comment.nextColumn ?? -1) else { continue }
                    // A sequence at its key's column: a comment at that column is the mapping's.
                    if case .collectionEnd(true, _) = events[run[r]].kind, r + 1 < run.count, columns[r + 1] == columns[r],
                        comment.column == columns[r]
                    {
                        continue
                    }
                    target = r
                    break
                }
                guard let target else { break }
                assigned[target].append(comment)
                lowest = target
                taken += 1
            }
            guard taken > 0 else { return }
            pending.removeFirst(taken)
            for r in run.indices where !assigned[r].isEmpty {
                addTrailing(path(run[r]), lines(assigned[r]))
            }
        }

        // MARK: Where lines go

        func lines(_ comments: [RawComment]) -> [YAMLCommentMap.Line] {
            var lines: [YAMLCommentMap.Line] = []
            for comment in comments {
                if comment.blankBefore { lines.append(.blank) }
                lines.append(.comment(comment.text))
                if comment.blankAfter { lines.append(.blank) }
            }
            return lines
        }

        /// The open merge whose value `path` is in (or whose key it is).
        func merge(holding path: [PathComponent]) -> Int? {
            openMerges.lastIndex { path.starts(with: $0.path) }
        }

        mutating func addHead(_ path: [PathComponent], _ lines: [YAMLCommentMap.Line]) {
            if let m = merge(holding: path) {
                openMerges[m].lines += lines
            } else if path.isEmpty {
                map.head += lines
            } else {
                map.modifyEntry(path) { $0.head += lines }
            }
        }

        mutating func addLineEnd(_ path: [PathComponent], _ text: String) {
            if let m = merge(holding: path) {
                openMerges[m].lines.append(.comment(text))
            } else {
                map.modifyEntry(path) { $0.lineEnd.append(text) }
            }
        }

        mutating func addTrailing(_ path: [PathComponent], _ lines: [YAMLCommentMap.Line]) {
            if let m = merge(holding: path) {
                openMerges[m].lines += lines
            } else {
                map.modifyEntry(path) { $0.trailing += lines }
            }
        }

        /// A key (`events[key]`) starts: the comments of a merge key before it in the same
        /// mapping go above it.
        mutating func closeMerges(beforeKey key: Int) {
            while let last = openMerges.last, last.mapping == events[key].parent {
                openMerges.removeLast()
                if !last.lines.isEmpty { addHead(path(key), last.lines) }
            }
        }

        /// A collection ends (`events[end]`): the comments of its last merge key go to its end.
        mutating func closeMerges(endingAt end: Int) {
            while let last = openMerges.last, last.mapping == events[end].startIndex {
                let collection = path(end)
                openMerges.removeLast()
                if !last.lines.isEmpty {
                    if let m = merge(holding: collection) {
                        openMerges[m].lines += last.lines
                    } else {
                        map.modifyEntry(collection) { $0.trailing = last.lines + $0.trailing }
                    }
                }
            }
        }

        /// The maps of the non-empty documents, with the comments of empty ones moved to the
        /// end of the document before (or the top of the one after).
        func nonEmptyDocuments() -> [YAMLCommentMap] {
            var result: [YAMLCommentMap] = []
            var carried: [YAMLCommentMap.Line] = []
            for (document, isEmpty) in documents {
                if isEmpty {
                    var lines = document.beforeStart
                    if let onStart = document.onStart { lines.append(.comment(onStart)) }
                    lines += document.head
                    if let root = document.entries[[]] {
                        lines += root.head + root.lineEnd.map { .comment($0) } + root.trailing
                    }
                    lines += document.trailing
                    if result.isEmpty {
                        carried += lines
                    } else {
                        result[result.count - 1].trailing += lines
                    }
                } else {
                    var document = document
                    document.beforeStart = carried + document.beforeStart
                    carried = []
                    result.append(document)
                }
            }
            return result
        }
    }
}
