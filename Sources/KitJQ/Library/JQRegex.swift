import COnig
import KitCore

/// jq 1.8's regular expressions: `_match_impl/3` (src/builtin.c `f_match`), on which jq
/// defines `test`, `match`, `capture`, `scan`, `split/2`, `splits`, `sub` and `gsub`.
///
/// The engine is Oniguruma itself, with jq's settings: Perl_NG syntax, UTF-8, numbered and
/// named groups both captured. Offsets and lengths count code points. Compiled regexes are
/// cached (a filter like `test("^kube-")` over 100k objects compiles once).
public enum JQRegex {
    /// `input | _match_impl(regex; flags; testMode)`.
    ///
    /// - `flags`: null or a string of jq's modifier letters: `g` (all matches), `i` (ignore
    ///   case), `x` (extended), `m` and `s` (Oniguruma's multiline and single line), `p` (both),
    ///   `l` (longest), `n` (ignore empty matches).
    /// - Returns `true`/`false` in test mode, else an array of match objects
    ///   `{offset, length, string, captures: [{offset, length, string, name}]}`; a group that
    ///   did not take part has offset -1 and string null.
    /// - Throws jq's messages: `number (1) cannot be matched, as it is not a string`,
    ///   `… is not a string`, `gq is not a valid modifier string`, `Regex failure: …`.
    public static func match(_ input: Value, regex: Value, flags: Value, testMode: Bool) throws(JQLibraryError) -> Value {
        guard case .string(let subject) = input else {
            throw .typeError(input, "cannot be matched, as it is not a string")
        }
        guard case .string(let pattern) = regex else {
            throw .typeError(regex, "is not a string")
        }
        var global = false
        var options = OnigOptionType(ONIG_OPTION_CAPTURE_GROUP)
        switch flags {
        case .null:
            break
        case .string(let letters):
            for letter in letters.unicodeScalars {
                switch letter {
                case "g": global = true
                case "i": options |= OnigOptionType(ONIG_OPTION_IGNORECASE)
                case "x": options |= OnigOptionType(ONIG_OPTION_EXTEND)
                case "m": options |= OnigOptionType(ONIG_OPTION_MULTILINE)
                case "s": options |= OnigOptionType(ONIG_OPTION_SINGLELINE)
                case "p": options |= OnigOptionType(ONIG_OPTION_MULTILINE) | OnigOptionType(ONIG_OPTION_SINGLELINE)
                case "l": options |= OnigOptionType(ONIG_OPTION_FIND_LONGEST)
                case "n": options |= OnigOptionType(ONIG_OPTION_FIND_NOT_EMPTY)
                default: throw JQLibraryError("\(letters) is not a valid modifier string")
                }
            }
        default:
            throw .typeError(flags, "is not a string")
        }
        let compiled = try RegexCache.shared.regex(pattern, options: options)
        return try compiled.search(subject, global: global, testMode: testMode)
    }
}

/// Compiled regexes by pattern and options. Bounded: past `capacity` entries it starts over,
/// so programs that build a new pattern per input do not grow memory without end.
final class RegexCache: @unchecked Sendable {
    static let shared = RegexCache()
    static let capacity = 256

    /// Patterns compare by their UTF-8 bytes: Swift's `==` on strings would take a decomposed
    /// `ā` for the precomposed one, which Oniguruma matches differently.
    struct Key: Hashable {
        var pattern: String
        var options: OnigOptionType

        static func == (a: Key, b: Key) -> Bool {
            a.options == b.options && utf8Equal(a.pattern, b.pattern)
        }

        func hash(into hasher: inout Hasher) {
            hasher.combine(options)
            var pattern = pattern
            pattern.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
        }
    }

    private let lock = Lock()
    private var entries: [Key: CompiledRegex] = [:]
    /// The last regex handed out: a filter applies the same one to every input.
    private var last: (key: Key, regex: CompiledRegex)?

    func regex(_ pattern: String, options: OnigOptionType) throws(JQLibraryError) -> CompiledRegex {
        let key = Key(pattern: pattern, options: options)
        if let hit = lock.withLock({ () -> CompiledRegex? in
            if let last, last.key == key { return last.regex }
            if let found = entries[key] {
                last = (key, found)
                return found
            }
            return nil
        }) {
            return hit
        }
        let compiled = try CompiledRegex(pattern: pattern, options: options)
        lock.withLock {
            if entries.count >= RegexCache.capacity { entries.removeAll(keepingCapacity: true) }
            entries[key] = compiled
            last = (key, compiled)
        }
        return compiled
    }
}

/// One Oniguruma regex with its group names and a match region to reuse. Oniguruma does not
/// promise that two threads may search with one regex at once, so searches take its lock.
final class CompiledRegex: @unchecked Sendable {
    private let regex: OnigRegex
    private let region: UnsafeMutablePointer<OnigRegion>
    /// For group n (1-based), its name at n - 1, or null.
    private let groupNames: [Value]
    private let lock = Lock()

    /// `onig_initialize` and the parse depth limit jq sets (1024, against stack overflows);
    /// compiling and freeing are not thread-safe in Oniguruma, so they hold `onigLock`.
    private static let onigLock: Lock = {
        var encodings: [OnigEncoding?] = [kit_onig_encoding_utf8()]
        _ = onig_initialize(&encodings, 1)
        _ = onig_set_parse_depth_limit(1024)
        return Lock()
    }()

    init(pattern: String, options: OnigOptionType) throws(JQLibraryError) {
        var compiled: OnigRegex? = nil
        var failure: String? = nil
        CompiledRegex.onigLock.withLock {
            withBytes(of: pattern) { start, end in
                var info = OnigErrorInfo()
                let code = onig_new(
                    &compiled, start, end, options, kit_onig_encoding_utf8(), kit_onig_syntax_perl_ng(), &info)
                if code != ONIG_NORMAL {
                    // The message may quote the pattern through `info`: format it while the
                    // pattern's bytes are still there.
                    failure = CompiledRegex.message(code, &info)
                }
            }
        }
        guard failure == nil, let regex = compiled else {
            throw JQLibraryError("Regex failure: \(failure ?? "")")
        }
        self.regex = regex
        region = onig_region_new()
        groupNames = CompiledRegex.names(of: regex)
    }

    deinit {
        onig_region_free(region, 1)
        CompiledRegex.onigLock.withLock { onig_free(regex) }
    }

    static func message(_ code: Int32, _ info: UnsafeMutablePointer<OnigErrorInfo>) -> String {
        var buffer = [OnigUChar](repeating: 0, count: Int(ONIG_MAX_ERROR_MESSAGE_LEN) + 1)
        let length = kit_onig_error_message(&buffer, code, info)
        return JQText.string(fromUTF8: buffer.prefix(max(0, min(Int(length), buffer.count))))
    }

    private final class NameTable {
        var names: [Value]
        init(count: Int) { names = Array(repeating: .null, count: count) }
    }

    private static func names(of regex: OnigRegex) -> [Value] {
        let table = NameTable(count: Int(max(0, onig_number_of_captures(regex))))
        withExtendedLifetime(table) {
            _ = onig_foreach_name(
                regex,
                { name, nameEnd, groupCount, groups, _, context in
                    guard let name, let nameEnd, let groups, let context else { return 0 }
                    let table = Unmanaged<NameTable>.fromOpaque(context).takeUnretainedValue()
                    let text = JQText.string(fromUTF8: UnsafeBufferPointer(start: name, count: nameEnd - name))
                    for i in 0..<Int(groupCount) {
                        let group = Int(groups[i])
                        if group >= 1 && group <= table.names.count { table.names[group - 1] = .string(text) }
                    }
                    return 0
                },
                Unmanaged.passUnretained(table).toOpaque())
        }
        return table.names
    }

    /// jq's search loop: after an empty match the next search starts one byte further (so an
    /// empty match inside a multi-byte character can repeat its offset, as in jq), after a
    /// non-empty match at its end; without `g`, one search.
    func search(_ subject: String, global: Bool, testMode: Bool) throws(JQLibraryError) -> Value {
        try lock.withLock { () -> Result<Value, JQLibraryError> in
            withBytes(of: subject) { base, stop in
                let bytes = UnsafeBufferPointer(start: base, count: stop - base)
                let n = bytes.count
                var counter = CodepointCounter(bytes: bytes)
                var matches: [Value] = []
                var start = 0
                repeat {
                    let code = onig_search(regex, base, stop, base + start, stop, region, OnigOptionType(ONIG_OPTION_NONE))
                    if code == ONIG_MISMATCH { break }
                    if code < 0 {
                        var info = OnigErrorInfo()
                        return .failure(JQLibraryError("Regex failure: \(CompiledRegex.message(code, &info))"))
                    }
                    if testMode { return .success(true) }
                    let count = Int(region.pointee.num_regs)
                    let begins = region.pointee.beg!, ends = region.pointee.end!
                    let matchStart = Int(begins[0]), matchEnd = Int(ends[0])
                    var captures: [Value] = []
                    captures.reserveCapacity(max(0, count - 1))
                    if matchStart == matchEnd {
                        let offset = counter.heads(before: matchStart)
                        for i in 1..<max(1, count) {
                            captures.append(
                                begins[i] == -1
                                    ? unmatchedCapture(group: i)
                                    : emptyCapture(offset: offset, group: i))
                        }
                        matches.append(matchObject(offset: offset, length: 0, string: "", captures: captures))
                        start = matchEnd + 1
                        continue
                    }
                    let (offset, length) = counter.span(matchStart, matchEnd)
                    for i in 1..<max(1, count) {
                        let b = Int(begins[i]), e = Int(ends[i])
                        if b == e {
                            captures.append(
                                b == -1
                                    ? unmatchedCapture(group: i)
                                    : emptyCapture(offset: counter.heads(before: b), group: i))
                            continue
                        }
                        let (o, l) = counter.span(b, e)
                        var capture = Object(minimumCapacity: 4)
                        capture.appendNew(key: "offset", value: .int(o))
                        capture.appendNew(key: "length", value: .int(l))
                        capture.appendNew(key: "string", value: .string(slice(bytes, b, e)))
                        capture.appendNew(key: "name", value: name(of: i))
                        captures.append(.object(capture))
                    }
                    matches.append(
                        matchObject(
                            offset: offset, length: length, string: slice(bytes, matchStart, matchEnd),
                            captures: captures))
                    start = matchEnd
                } while global && start <= n
                return .success(testMode ? false : .array(matches))
            }
        }.get()
    }

    private func name(of group: Int) -> Value {
        group - 1 < groupNames.count ? groupNames[group - 1] : .null
    }

    private func matchObject(offset: Int, length: Int, string: String, captures: [Value]) -> Value {
        var match = Object(minimumCapacity: 4)
        match.appendNew(key: "offset", value: .int(offset))
        match.appendNew(key: "length", value: .int(length))
        match.appendNew(key: "string", value: .string(string))
        match.appendNew(key: "captures", value: .array(captures))
        return .object(match)
    }

    /// A group that did not take part (jq's key order differs from a matched group's).
    private func unmatchedCapture(group: Int) -> Value {
        var capture = Object(minimumCapacity: 4)
        capture.appendNew(key: "offset", value: .int(-1))
        capture.appendNew(key: "string", value: .null)
        capture.appendNew(key: "length", value: .int(0))
        capture.appendNew(key: "name", value: name(of: group))
        return .object(capture)
    }

    private func emptyCapture(offset: Int, group: Int) -> Value {
        var capture = Object(minimumCapacity: 4)
        capture.appendNew(key: "offset", value: .int(offset))
        capture.appendNew(key: "string", value: "")
        capture.appendNew(key: "length", value: .int(0))
        capture.appendNew(key: "name", value: name(of: group))
        return .object(capture)
    }

    private func slice(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> String {
        JQText.string(fromUTF8: UnsafeBufferPointer(rebasing: bytes[start..<end]))
    }
}

/// Code points before a byte offset, counted as jq counts them (`jvp_utf8_decode_length`
/// steps from the start: the number of character-leading bytes before the offset), but
/// incrementally from the last position asked, so global matching stays linear.
struct CodepointCounter {
    let bytes: UnsafeBufferPointer<UInt8>
    private var position = 0
    private var count = 0

    init(bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    @inline(__always)
    static func isLeading(_ b: UInt8) -> Bool { b & 0xC0 != 0x80 }

    mutating func heads(before offset: Int) -> Int {
        while position < offset {
            if CodepointCounter.isLeading(bytes[position]) { count += 1 }
            position += 1
        }
        while position > offset {
            position -= 1
            if CodepointCounter.isLeading(bytes[position]) { count -= 1 }
        }
        return count
    }

    /// jq's offset and length of a non-empty span. A span starting inside a character (only
    /// after an empty match moved the search one byte into it) gets offset 0 and the length
    /// from the string's start, exactly as jq's loop computes it.
    mutating func span(_ start: Int, _ end: Int) -> (offset: Int, length: Int) {
        if CodepointCounter.isLeading(bytes[start]) {
            let offset = heads(before: start)
            return (offset, heads(before: end) - offset)
        }
        return (0, heads(before: end))
    }
}

nonisolated(unsafe) private let emptyBytes: UnsafeMutablePointer<UInt8> = {
    let p = UnsafeMutablePointer<UInt8>.allocate(capacity: 1)
    p.initialize(to: 0)
    return p
}()

/// Runs `body` with the start and end of the string's UTF-8 bytes (never null pointers, which
/// Oniguruma does not accept even for an empty string).
private func withBytes<T>(of string: String, _ body: (UnsafePointer<UInt8>, UnsafePointer<UInt8>) -> T) -> T {
    var string = string
    return string.withUTF8 { buffer in
        guard let base = buffer.baseAddress else { return body(emptyBytes, emptyBytes) }
        return body(base, base + buffer.count)
    }
}
