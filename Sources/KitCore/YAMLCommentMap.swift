/// The comments of one YAML document, kept beside its `Value` and keyed by the paths of the
/// nodes they belong to, so that a writer can put them back wherever the nodes end up:
/// re-indented, with keys sorted, with flow collections written as blocks.
///
/// `YAMLCommentReader` recovers them from the source text (libyaml reports no comments);
/// `YAMLWriter.stream(_:comments:)` writes them back. A path names an entry: a mapping's
/// key with its value, a sequence's item, or (the empty path) the document's node.
public struct YAMLCommentMap: Sendable, Equatable {
    /// One line of a comment block: a comment (its text from `#` on, trailing blanks
    /// removed) or a blank line kept next to comments.
    public enum Line: Sendable, Equatable {
        case comment(String)
        case blank
    }

    /// The comments that belong to one entry.
    public struct Entry: Sendable, Equatable {
        /// Lines above the entry (above its key, or its `-`).
        public var head: [Line] = []
        /// Comments at the end of the entry's line: after a scalar value (on a block
        /// scalar's `|` line), or after the key of a collection.
        public var lineEnd: [String] = []
        /// Lines after the last item of the entry's collection, indented like its items.
        public var trailing: [Line] = []

        public init() {}

        var isEmpty: Bool { head.isEmpty && lineEnd.isEmpty && trailing.isEmpty }
    }

    /// Lines before the document's `---` (a `---` is then written even for the first document).
    public var beforeStart: [Line] = []
    /// A comment on the `---` line itself.
    public var onStart: String? = nil
    /// Lines at the top of the document, before its content.
    public var head: [Line] = []
    /// Comments of entries, by path.
    public var entries: [[PathComponent]: Entry] = [:]
    /// Lines at the end of the document.
    public var trailing: [Line] = []

    public init() {}

    /// True when the document has no comment at all.
    public var isEmpty: Bool {
        !beforeStart.hasComment && onStart == nil && !head.hasComment && !trailing.hasComment
            && entries.values.allSatisfy { $0.lineEnd.isEmpty && !$0.head.hasComment && !$0.trailing.hasComment }
    }

    /// Every comment's text, in no particular order (tests compare them as multisets).
    public var allComments: [String] {
        var texts: [String] = []
        func add(_ lines: [Line]) {
            for case .comment(let t) in lines { texts.append(t) }
        }
        add(beforeStart)
        if let onStart { texts.append(onStart) }
        add(head)
        for entry in entries.values {
            add(entry.head)
            texts.append(contentsOf: entry.lineEnd)
            add(entry.trailing)
        }
        add(trailing)
        return texts
    }

    mutating func modifyEntry(_ path: [PathComponent], _ change: (inout Entry) -> Void) {
        change(&entries[path, default: Entry()])
    }
}

extension Array where Element == YAMLCommentMap.Line {
    var hasComment: Bool {
        contains { if case .comment = $0 { return true } else { return false } }
    }
}
