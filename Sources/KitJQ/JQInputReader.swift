#if canImport(Glibc)
import Glibc
#endif
import KitCore

/// The inputs of a jq run, read as `jq` reads them: the JSON texts of each file in turn (or
/// YAML documents, lines of raw text, stream events), one at a time so that `input` and
/// `inputs` can pull them; with `slurp`, all of them as one array (or one string).
public final class JQInputReader: JQInputSource {
    public struct Options {
        /// `-R`: each line is a string.
        public var rawInput = false
        /// `-s`: everything as one array (with `-R`, one string).
        public var slurp = false
        /// `-y`: read every input as YAML; otherwise only `.yaml`/`.yml` files are.
        public var yaml = false
        /// `--stream`: each value as stream events (`[path, leaf]`, `[path]`).
        public var stream = false
        /// `--seq`: RS (0x1E) separates texts and parse errors are skipped.
        public var seq = false

        public init() {}
    }

    let files: [String]
    let options: Options
    /// Reports a file that cannot be opened (jq carries on with the next one).
    let onOpenError: (String) -> Void
    /// Reports a text skipped because it does not parse (`--seq`).
    let onSkippedText: (String) -> Void

    var fileIndex = 0
    var source: Source = .none
    var pending: [Value] = []
    var pendingIndex = 0
    var slurped = false
    public private(set) var openFailures = 0
    var fileName: Value = .null
    var lineCounter = LineCounter()

    /// When set, JSON inputs are read under this projection (only what the program can
    /// observe is built; see `JQProgram.inputProjection`). Not used with `--slurp`,
    /// `--stream`, `--seq` or YAML.
    public var projection: JSONProjection? = nil
    /// Where the last value read under the projection starts, for `rereadLastValue`.
    var lastProjectedStart: Int? = nil

    enum Source {
        case none
        case json(JSONReader.Stream, InputBuffer)
        case values([Value], Int)
        case lines(InputBuffer, Int)
    }

    public init(files: [String], options: Options, onOpenError: @escaping (String) -> Void, onSkippedText: @escaping (String) -> Void = { _ in }) {
        self.files = files.isEmpty ? ["-"] : files
        self.options = options
        self.onOpenError = onOpenError
        self.onSkippedText = onSkippedText
    }

    public var currentFilename: Value { fileName }

    public var currentLine: Int {
        switch source {
        case .json(let stream, let buffer): return lineCounter.lines(in: buffer.bytes, through: stream.offset)
        case .lines(let buffer, let position): return lineCounter.lines(in: buffer.bytes, through: max(position - 1, 0))
        default: return 0
        }
    }

    /// jq's input position for error messages: `FILE:LINE`, or `<unknown>` before any input.
    public var position: String {
        guard case .string(let name) = fileName else { return "<unknown>" }
        return "\(name):\(currentLine)"
    }

    public func nextInput() throws -> Value? {
        if options.slurp {
            if slurped { return nil }
            slurped = true
            return try slurp()
        }
        return try nextValue()
    }

    func slurp() throws -> Value {
        if options.rawInput {
            var text: [UInt8] = []
            while let buffer = try openNext() {
                text.append(contentsOf: buffer.bytes)
                source = .none
            }
            return .string(String(decoding: text, as: UTF8.self))
        }
        var all: [Value] = []
        while let v = try nextValue() { all.append(v) }
        return .array(all)
    }

    /// The next value of the current file, moving on to the next files as they end.
    func nextValue() throws -> Value? {
        while true {
            if pendingIndex < pending.count {
                let v = pending[pendingIndex]
                pendingIndex += 1
                if pendingIndex == pending.count {
                    pending = []
                    pendingIndex = 0
                }
                return v
            }
            switch source {
            case .none:
                guard let buffer = try openNext() else { return nil }
                try start(buffer)
            case .json(let stream, _):
                lastProjectedStart = nil
                if let projection, !options.stream, !options.slurp {
                    let start = stream.nextValueStart()
                    if let v = try stream.next(projection: projection) {
                        lastProjectedStart = start
                        return v
                    }
                    source = .none
                    continue
                }
                if let v = try stream.next() {
                    if options.stream {
                        enqueueStreamEvents(v)
                        continue
                    }
                    return v
                }
                source = .none
            case .values(let values, let i):
                if i < values.count {
                    source = .values(values, i + 1)
                    if options.stream {
                        enqueueStreamEvents(values[i])
                        continue
                    }
                    return values[i]
                }
                source = .none
            case .lines(let buffer, let position):
                let bytes = buffer.bytes
                guard position < bytes.count else {
                    source = .none
                    continue
                }
                var end = position
                while end < bytes.count && bytes[end] != 0x0A { end += 1 }
                source = .lines(buffer, min(end + 1, bytes.count + 1))
                return .string(String(decoding: UnsafeBufferPointer(rebasing: bytes[position..<end]), as: UTF8.self))
            }
        }
    }

    /// The last value read again in full, if it was read under the projection (nil
    /// otherwise): a runtime error is reported from a run on the whole value, so that the
    /// values its message quotes are complete.
    public func rereadLastValue() -> Value? {
        guard let start = lastProjectedStart, case .json(let stream, _) = source else { return nil }
        return try? stream.reread(from: start, to: stream.offset)
    }

    /// Opens the next file that can be opened, or returns nil when there is none.
    func openNext() throws -> InputBuffer? {
        while fileIndex < files.count {
            let path = files[fileIndex]
            fileIndex += 1
            do {
                let buffer = try InputBuffer(path: path)
                fileName = .string(path == "-" ? "<stdin>" : path)
                lineCounter = LineCounter()
                return buffer
            } catch let e as KitError {
                openFailures += 1
                onOpenError("Could not open \(path): \(JQInputReader.reason(e.message, path: path))")
            }
        }
        return nil
    }

    static func reason(_ message: String, path: String) -> String {
        let prefix = "\(path): "
        return message.hasPrefix(prefix) ? String(message.dropFirst(prefix.count)) : message
    }

    var isYAML: Bool {
        if options.yaml { return true }
        guard case .string(let name) = fileName else { return false }
        let lower = name.lowercased()
        return lower.hasSuffix(".yaml") || lower.hasSuffix(".yml")
    }

    func start(_ buffer: InputBuffer) throws {
        let name = fileName.stringValue ?? "-"
        if options.rawInput {
            source = .lines(buffer, 0)
        } else if isYAML {
            let documents = try YAMLReader.read(Array(buffer.bytes), file: name).filter { !$0.isEmpty }.map(\.value)
            source = .values(documents, 0)
        } else if options.seq {
            source = .values(seqTexts(buffer, name), 0)
        } else {
            let stream = JSONReader.Stream(
                buffer, file: name, options: JSONReader.Options(maxDepth: 10_000, allowNonFinite: true, repairUTF8: true),
                releaseConsumed: !options.slurp)
            source = .json(stream, buffer)
            // A big single List read whole: its items are parsed on several threads.
            if !options.slurp && !options.stream && (projection == nil || projection?.isWhole == true)
                && buffer.bytes.count >= JQInputReader.parallelThreshold
            {
                let processors = min(max(Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))), 1), 4)
                if processors > 1, let whole = stream.nextSplittingArray(member: "items", parts: processors) {
                    pending = [whole]
                    pendingIndex = 0
                }
            }
        }
    }

    /// Inputs at least this big that are one JSON List are read by several threads.
    public static let parallelThreshold = 16 << 20

    /// `--seq`: the texts between RS characters; those that do not parse are reported and
    /// skipped, as jq does.
    func seqTexts(_ buffer: InputBuffer, _ name: String) -> [Value] {
        var values: [Value] = []
        var start = 0
        let bytes = buffer.bytes
        func take(_ end: Int) {
            guard end > start else { return }
            let chunk = Array(bytes[start..<end])
            do {
                try JSONReader.forEachValue(chunk, file: name, options: JSONReader.Options(allowNonFinite: true, repairUTF8: true)) {
                    values.append($0)
                }
            } catch {
                onSkippedText("\(error)")
            }
        }
        for i in 0..<bytes.count where bytes[i] == 0x1E {
            take(i)
            start = i + 1
        }
        take(bytes.count)
        return values
    }

    func enqueueStreamEvents(_ v: Value) {
        var events: [Value] = []
        JQInputReader.streamEvents(v, [], &events)
        pending = events
        pendingIndex = 0
    }

    /// jq's `--stream` events of a value.
    static func streamEvents(_ v: Value, _ path: [Value], _ out: inout [Value]) {
        switch v {
        case .array(let a) where !a.isEmpty:
            for (i, item) in a.enumerated() { streamEvents(item, path + [.int(i)], &out) }
            out.append(.array([.array(path + [.int(a.count - 1)])]))
        case .object(let o) where !o.isEmpty:
            var last = ""
            for (k, child) in o {
                streamEvents(child, path + [.string(k)], &out)
                last = k
            }
            out.append(.array([.array(path + [.string(last)])]))
        default:
            out.append(.array([.array(path), v]))
        }
    }
}

/// Counts lines as jq's reader reports them: the lines read so far, a line counting once its
/// newline has been read (jq reads whole lines).
struct LineCounter {
    var countedThrough = 0
    var count = 0

    mutating func lines(in bytes: UnsafeBufferPointer<UInt8>, through offset: Int) -> Int {
        // Through the end of the line holding `offset`.
        var end = min(offset, bytes.count)
        while end < bytes.count && bytes[end] != 0x0A { end += 1 }
        if end < bytes.count { end += 1 }
        if end < countedThrough {
            countedThrough = 0
            count = 0
        }
        var i = countedThrough
        while i < end {
            if bytes[i] == 0x0A { count += 1 }
            i += 1
        }
        countedThrough = end
        return count
    }
}
