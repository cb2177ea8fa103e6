#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The choices kustomize's YAML output makes, which `YAMLWriter` reproduces.
///
/// kustomize prints each resource by encoding it as JSON (Go's `encoding/json`) and turning
/// the JSON into YAML with go-yaml v2 (sigs.k8s.io/yaml `JSONToYAML`): go-yaml v2 *reads* the
/// JSON text into maps, then writes them. So the output follows go-yaml v2, whose scalar
/// rules are YAML 1.1's, and Go's number formatting:
/// - a string that go-yaml v2 would read back as something else (`yes`, `on`, `n`, `~`,
///   `1.5`, `0x1F`, `2001-12-14`, `1:20`, the empty string) is double-quoted; a string
///   containing a line feed asks for a literal block; every other string asks for the plain
///   style, and the emitter falls back to single or double quotes when plain cannot hold it
///   (`style(for:)`);
/// - map keys are sorted in go-yaml v2's "natural" order (`keyLess`);
/// - numbers print as Go prints them after the trip through JSON (`numberText`);
/// - reading the JSON text back changes or refuses a few strings (`KustomizeStrings`).
public enum YAMLOutputRules {
    /// The style go-yaml v2's encoder asks the emitter for.
    public enum ScalarStyle: Sendable, Equatable {
        case plain, doubleQuoted, literal
    }

    // MARK: - Scalar style

    /// The style go-yaml v2 asks the emitter for when it writes the string `s` (its encoder's
    /// `stringv`): literal when `s` has a line feed, else plain when `s` reads back as the same
    /// string, else double-quoted.
    public static func style(for s: String) -> ScalarStyle {
        style(for: s, hasLineFeed: ScalarBytes(s).hasLineFeed)
    }

    /// `style(for:)` when the caller has already looked for a line feed. With `readBackByKit`,
    /// a string is also quoted when kit's own reader (go-yaml v3's rules, which kustomize
    /// reads with too) would read it as something else: `0o-7` is -7 to it, while go-yaml v2,
    /// which kustomize prints with, knows no `0o` form and leaves it plain.
    static func style(for s: String, hasLineFeed: Bool, readBackByKit: Bool = false) -> ScalarStyle {
        if hasLineFeed { return .literal }
        if resolvesToString(s) && !isBase60Float(s) && !(readBackByKit && !kitReadsAsString(s)) { return .plain }
        return .doubleQuoted
    }

    /// True when kit's reader reads the plain scalar `s` as the string `s` (every rule of
    /// `YAMLScalarResolver`, timestamps included).
    static func kitReadsAsString(_ s: String) -> Bool {
        if case .string = YAMLScalarResolver.implicit(s, allowTimestamp: true) { return true }
        return false
    }

    /// The style for a mapping key. As `style(for:)`, except that `<<` is quoted: go-yaml v2
    /// reads `<<` as a string (it is not a merge key in its resolver's hint table), but kit,
    /// kustomize and go-yaml v3 read a plain `<<` key as a merge key, so a key `<<` written
    /// plain would not read back. (kustomize itself never prints such a key: it drops every
    /// `<<` key when it reads a resource.)
    public static func keyStyle(for s: String) -> ScalarStyle {
        keyStyle(for: s, hasLineFeed: ScalarBytes(s).hasLineFeed)
    }

    static func keyStyle(for s: String, hasLineFeed: Bool, readBackByKit: Bool = false) -> ScalarStyle {
        if s.utf8.count == 2 && s == "<<" { return .doubleQuoted }
        return style(for: s, hasLineFeed: hasLineFeed, readBackByKit: readBackByKit)
    }

    /// go-yaml v2's `resolve("", s)` returns the string tag: `s` read as a plain scalar is `s`.
    ///
    /// go-yaml v2 looks at the first byte to decide what `s` might be, and only then checks its
    /// table of words and its number and timestamp syntaxes:
    /// - `yYnNtTfFoO~`: maybe a word (`y`, `yes`, `on`, `true`, `null`, `~`, ...);
    /// - `.`: a word (`.inf`, `.nan`) or a float;
    /// - a digit or sign: a word (`+.inf`, `-.inf`), a timestamp, an integer (Go syntax,
    ///   underscores removed, any size), a float, or go-yaml v2's own `0b` forms;
    /// - anything else (`<<` included) is a string.
    static func resolvesToString(_ s: String) -> Bool {
        let utf8 = s.utf8
        guard let first = utf8.first else { return false }  // "" is null
        switch first {
        case UInt8(ascii: "y"), UInt8(ascii: "Y"), UInt8(ascii: "n"), UInt8(ascii: "N"),
            UInt8(ascii: "t"), UInt8(ascii: "T"), UInt8(ascii: "f"), UInt8(ascii: "F"),
            UInt8(ascii: "o"), UInt8(ascii: "O"), UInt8(ascii: "~"):
            return !isResolveWord(s)
        case UInt8(ascii: "."):
            if isResolveWord(s) { return false }
            return GoNumberSyntax.parseDecimalFloat(Substring(s)) == nil
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "+"), UInt8(ascii: "-"):
            if isResolveWord(s) { return false }
            return !resolvesToNumberOrTimestamp(s)
        default:
            return true
        }
    }

    /// The words in go-yaml v2's resolve table (booleans of YAML 1.1, nulls, infinities, NaN).
    /// Compared as bytes, by length first: this runs for every key starting with n, t, f, o…
    static func isResolveWord(_ s: String) -> Bool {
        let count = s.utf8.count
        guard count <= 5 else { return false }
        var s = s
        return s.withUTF8 { b in
            @inline(__always) func eq(_ w: StaticString) -> Bool { memcmp(b.baseAddress!, w.utf8Start, count) == 0 }
            switch count {
            case 1: return b[0] == UInt8(ascii: "y") || b[0] == UInt8(ascii: "Y") || b[0] == UInt8(ascii: "n")
                || b[0] == UInt8(ascii: "N") || b[0] == UInt8(ascii: "~")
            case 2: return eq("on") || eq("On") || eq("ON") || eq("no") || eq("No") || eq("NO")
            case 3: return eq("yes") || eq("Yes") || eq("YES") || eq("off") || eq("Off") || eq("OFF")
            case 4:
                return eq("true") || eq("True") || eq("TRUE") || eq("null") || eq("Null") || eq("NULL")
                    || eq(".nan") || eq(".NaN") || eq(".NAN") || eq(".inf") || eq(".Inf") || eq(".INF")
            case 5:
                return eq("false") || eq("False") || eq("FALSE") || eq("+.inf") || eq("+.Inf") || eq("+.INF")
                    || eq("-.inf") || eq("-.Inf") || eq("-.INF")
            default: return false
            }
        }
    }

    /// go-yaml v2's resolve for a scalar that starts with a digit or a sign: a timestamp, an
    /// integer, a float, or one of its `0b` forms.
    static func resolvesToNumberOrTimestamp(_ s: String) -> Bool {
        if GoTimestamp.parse(s) != nil { return true }
        let plain = s.utf8.contains(UInt8(ascii: "_")) ? String(s.filter { $0 != "_" }) : s
        let utf8 = Substring(plain).utf8
        // strconv.ParseInt(plain, 0, 64), then ParseUint.
        if case .value = GoNumberSyntax.parseSigned(utf8) { return true }
        if case .value = GoNumberSyntax.parseUnsigned(utf8) { return true }
        // yamlStyleFloat and strconv.ParseFloat (which refuses overflow).
        if GoNumberSyntax.isYAMLStyleFloat(utf8), let d = Double(plain), d.isFinite { return true }
        // `0b…`: strconv.ParseInt(plain[2:], 2, 64) — which takes a sign, so `0b-1` is an
        // integer — or ParseUint; `-0b…`: ParseInt("-" + plain[3:], 2, 64).
        // (Swift's Int64(_:radix:) and UInt64(_:radix:) parse as ParseInt does; only
        // ParseUint refuses a sign.)
        if plain.hasPrefix("0b") {
            let digits = plain.dropFirst(2)
            if Int64(digits, radix: 2) != nil { return true }
            if let c = digits.first, c != "+", c != "-", UInt64(digits, radix: 2) != nil { return true }
        } else if plain.hasPrefix("-0b") {
            if Int64("-" + plain.dropFirst(3), radix: 2) != nil { return true }
        }
        // (An integer beyond 64 bits that is no float, `0x10000000000000000`, is a string to
        // the go-yaml v2 in kubectl 1.32; later versions of sigs.k8s.io/yaml read it as a
        // big.Int.)
        return false
    }

    /// YAML 1.1 sexagesimal floats (`1:20`, `-3:25:45.5`), which go-yaml v2 quotes although it
    /// does not read them: `^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$`.
    static func isBase60Float(_ s: String) -> Bool {
        let b = s.utf8
        guard let c = b.first, c == UInt8(ascii: "+") || c == UInt8(ascii: "-") || (c >= 48 && c <= 57),
            b.contains(UInt8(ascii: ":"))
        else { return false }
        let bytes = Array(b)
        var i = 0
        func digit(_ i: Int) -> Bool { i < bytes.count && bytes[i] >= 48 && bytes[i] <= 57 }
        func underscore(_ i: Int) -> Bool { i < bytes.count && bytes[i] == UInt8(ascii: "_") }
        if bytes[0] == UInt8(ascii: "+") || bytes[0] == UInt8(ascii: "-") { i = 1 }
        guard digit(i) else { return false }
        i += 1
        while digit(i) || underscore(i) { i += 1 }
        var groups = 0
        while i < bytes.count && bytes[i] == UInt8(ascii: ":") {
            i += 1
            // [0-5]?[0-9]: two digits when the first is 0-5 and a digit follows (taking one
            // would leave a digit that nothing else in the pattern can match).
            guard digit(i) else { return false }
            i += digit(i + 1) && bytes[i] <= UInt8(ascii: "5") ? 2 : 1
            groups += 1
        }
        guard groups > 0 else { return false }
        if i < bytes.count && bytes[i] == UInt8(ascii: ".") {
            i += 1
            while digit(i) || underscore(i) { i += 1 }
        }
        return i == bytes.count
    }

    // MARK: - Numbers

    /// The text of a number as kustomize prints it. The number went through Go's JSON encoder
    /// and back through go-yaml v2, so: integers print as digits; a double whose JSON spelling
    /// is an integer that fits 64 bits (`1.0`, `1e3` → `1000`) reads back as that integer;
    /// any other double prints in Go's shortest `%g` form (`1.5`, `1e+20`, `1e-07`,
    /// `1.2345678901234568e+23`).
    public static func numberText(_ value: Value) -> String? {
        switch value {
        case .int(let i):
            return String(i)
        case .decimal(let d):
            if let u = d.uint64Value { return String(u) }
            return numberText(.double(d.doubleValue))
        case .double(let d):
            if d.isFinite && d.rounded() == d && d.magnitude < 1e21 {
                let text = ShortestDigits(d).positionalForm()
                if Int64(text) != nil || UInt64(text) != nil {
                    return text == "-0" ? "0" : text
                }
            }
            return NumberFormatting.goG(d)
        default:
            return nil
        }
    }

    /// The text of a number that kit's reader reads back as the same number (kit's own
    /// output: `fmt`, `convert` without `--sort-keys`): integers and decimal literals as
    /// written (`123456789012345678901234567890`, `-0`, `1.0`), doubles as jq prints them
    /// (the form JSON output has too, so that YAML → JSON → YAML keeps the text), and `.nan`,
    /// `.inf`, `-.inf`. Nil for a literal that would read back as a string (`1e400`: a YAML
    /// float cannot hold it).
    public static func losslessNumberText(_ value: Value) -> String? {
        switch value {
        case .int(let i):
            return String(i)
        case .double(let d):
            if d.isNaN { return ".nan" }
            if d.isInfinite { return d < 0 ? "-.inf" : ".inf" }
            return NumberFormatting.jq(d)
        case .decimal(let d):
            switch YAMLScalarResolver.implicit(d.text, allowTimestamp: false) {
            case .int, .bigInt, .double, .bigFloat: return d.text
            default: return nil
            }
        default:
            return nil
        }
    }

    // MARK: - Key order

    /// go-yaml v2's map key order (`keyList.Less` for string keys). Runes compare one by one;
    /// at the first difference:
    /// - two letters (Unicode L*) compare by code point, and a non-letter sorts before a letter;
    /// - otherwise the runs of digits (Unicode Nd) starting there compare by numeric value,
    ///   then the shorter run first, then by code point. A run preceded by digits that are not
    ///   all `0` starts from 1 instead of 0 (go-yaml's way of comparing `a1` and `a01`).
    /// When one key is a prefix of the other, the shorter comes first.
    ///
    /// This order is not transitive for some key sets (`x1a` < `x09` < `x10` < `x1a`); Go sorts
    /// with it anyway, so kustomize's own output for such sets depends on Go's map iteration
    /// order and changes from run to run. kit's stable sort gives one fixed order.
    ///
    /// Works on UTF-8 bytes without allocating: the common prefix is skipped byte by byte and
    /// only the runes around the first difference are decoded.
    public static func keyLess(_ a: String, _ b: String) -> Bool {
        var a = a
        var b = b
        return a.withUTF8 { ua in b.withUTF8 { ub in keyLess(ua, ub) } }
    }

    static func keyLess(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
        let n = min(a.count, b.count)
        var d = 0
        while d < n && a[d] == b[d] { d += 1 }
        if d == n { return a.count < b.count }
        // Back up to the start of the rune that differs (the bytes before are shared).
        while d > 0 && a[d] & 0xC0 == 0x80 { d -= 1 }
        let ra = UTF8Rune.decode(a, at: d), rb = UTF8Rune.decode(b, at: d)
        let al = isLetter(ra.value), bl = isLetter(rb.value)
        if al && bl { return ra.value < rb.value }
        if al || bl { return bl }
        var an: Int64 = 0
        var bn: Int64 = 0
        if ra.value == 0x30 || rb.value == 0x30 {
            // Digits just before the difference (shared by both keys): any that is not `0`
            // makes both numbers start from 1.
            var j = d
            while j > 0 {
                let previous = UTF8Rune.decode(before: a, at: j)
                guard isDigit(previous.value) else { break }
                if previous.value != 0x30 {
                    an = 1
                    bn = 1
                    break
                }
                j -= previous.length
            }
        }
        let aRun = digitRun(a, from: d, startingAt: an)
        let bRun = digitRun(b, from: d, startingAt: bn)
        if aRun.value != bRun.value { return aRun.value < bRun.value }
        if aRun.runes != bRun.runes { return aRun.runes < bRun.runes }
        return ra.value < rb.value
    }

    /// Go's `n = n*10 + int64(r - '0')` over the digit runes from byte `start` (wrapping, as
    /// Go's int64 arithmetic does, also for non-ASCII digits); also returns the run's length
    /// in runes.
    static func digitRun(_ s: UnsafeBufferPointer<UInt8>, from start: Int, startingAt initial: Int64) -> (value: Int64, runes: Int) {
        var value = initial
        var i = start
        var runes = 0
        while i < s.count {
            let r = UTF8Rune.decode(s, at: i)
            guard isDigit(r.value) else { break }
            value = value &* 10 &+ (Int64(r.value) - 48)
            i += r.length
            runes += 1
        }
        return (value, runes)
    }

    /// Go's `unicode.IsLetter`: general categories Lu, Ll, Lt, Lm, Lo.
    static func isLetter(_ v: UInt32) -> Bool {
        if v < 0x80 { return (v >= 65 && v <= 90) || (v >= 97 && v <= 122) }
        guard let u = Unicode.Scalar(v) else { return false }
        switch u.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter: return true
        default: return false
        }
    }

    /// Go's `unicode.IsDigit`: general category Nd.
    static func isDigit(_ v: UInt32) -> Bool {
        if v < 0x80 { return v >= 48 && v <= 57 }
        guard let u = Unicode.Scalar(v) else { return false }
        return u.properties.generalCategory == .decimalNumber
    }
}

/// What the writer needs to know about a string's bytes, found in one pass.
struct ScalarBytes {
    /// A line feed: go-yaml v2 asks for a literal block.
    var hasLineFeed = false
    /// A byte above U+007E: the string may be touched by kustomize's JSON round trip, or
    /// written differently by go-yaml v2 (see `YAMLOutputRules.KustomizeStrings` and
    /// `GoEmitterQuirks`). Plain ASCII strings skip those checks.
    var hasByteAbove7E = false

    init(_ s: String) {
        var s = s
        self = s.withUTF8 { ScalarBytes($0) }
    }

    init(_ b: UnsafeBufferPointer<UInt8>) {
        var lineFeed = false
        var high = false
        for c in b {
            lineFeed = lineFeed || c == 10
            high = high || c > 0x7E
        }
        hasLineFeed = lineFeed
        hasByteAbove7E = high
    }
}

/// One rune of a UTF-8 buffer (Swift strings are valid UTF-8, so no error handling).
struct UTF8Rune {
    var value: UInt32
    var length: Int

    /// The rune starting at byte `i`.
    @inline(__always)
    static func decode(_ s: UnsafeBufferPointer<UInt8>, at i: Int) -> UTF8Rune {
        let b0 = UInt32(s[i])
        if b0 < 0x80 { return UTF8Rune(value: b0, length: 1) }
        if b0 < 0xE0 { return UTF8Rune(value: (b0 & 0x1F) << 6 | UInt32(s[i + 1] & 0x3F), length: 2) }
        if b0 < 0xF0 {
            return UTF8Rune(value: (b0 & 0x0F) << 12 | UInt32(s[i + 1] & 0x3F) << 6 | UInt32(s[i + 2] & 0x3F), length: 3)
        }
        return UTF8Rune(
            value: (b0 & 0x07) << 18 | UInt32(s[i + 1] & 0x3F) << 12 | UInt32(s[i + 2] & 0x3F) << 6 | UInt32(s[i + 3] & 0x3F),
            length: 4)
    }

    /// The rune that ends just before byte `i`.
    @inline(__always)
    static func decode(before s: UnsafeBufferPointer<UInt8>, at i: Int) -> UTF8Rune {
        var start = i - 1
        while start > 0 && s[start] & 0xC0 == 0x80 { start -= 1 }
        return decode(s, at: start)
    }
}

extension YAMLOutputRules {
    /// What kustomize's output path does to strings. Go's JSON encoder writes each string and
    /// go-yaml v2 reads the JSON text back before printing it. Go escapes control characters,
    /// quotes, backslashes, `<>&` and U+2028/U+2029, but writes everything else raw, and a few
    /// raw characters mean something to go-yaml v2's reader inside a double-quoted scalar:
    /// - U+0085 (NEL) is a line break, so it is folded like one (`strings` that contain it
    ///   change: `foldingNextLines`);
    /// - U+007F, U+0080–U+009F (but U+0085), U+FFFE and U+FFFF are refused ("control
    ///   characters are not allowed");
    /// - `---` or `...` right after a NEL and followed by a space or a NEL reads as a document
    ///   marker ("found unexpected document indicator");
    /// - a key with a NEL spans two lines, and a key whose JSON text is longer than 1024
    ///   characters is too long, to be a key ("did not find expected ',' or '}'").
    /// And before that, kustomize rewrites annotations in a way that fails for some of them
    /// (`annotation`).
    public enum KustomizeStrings {
        /// The string kustomize prints for `s`, or the reason it refuses to print it.
        public static func value(_ s: String) -> Result<String, Refusal> {
            guard mayNeedWork(s) else { return .success(s) }
            if let refusal = refusal(s) { return .failure(refusal) }
            return .success(foldingNextLines(s))
        }

        /// The annotation value kustomize prints for `s`, or the reason it refuses to print it.
        /// Besides `value`'s rules: kustomize rewrites every annotation before it prints a
        /// resource, as a new node in literal style when it has a line feed (kyaml's
        /// `LoadMapIntoConfigMapData`), then re-reads its own YAML. Its go-yaml v3 keeps tabs in
        /// literal blocks and writes an indentation indicator only for a leading space or break,
        /// so a block whose first line starts with a tab cannot be read back ("found a tab
        /// character where an indentation space is expected").
        public static func annotation(_ s: String) -> Result<String, Refusal> {
            if startsLiteralBlockWithTab(s) {
                return .failure(Refusal(reason: "the annotation starts with a tab and has a line feed, which kustomize writes as a literal block it cannot read back"))
            }
            return value(s)
        }

        /// `s` has a line feed (so kyaml asks for a literal block), go-yaml v3 keeps the literal
        /// block (no trailing space, no space before a break, nothing but tabs outside what
        /// it prints raw) and its first character is a tab.
        static func startsLiteralBlockWithTab(_ s: String) -> Bool {
            let scalars = s.unicodeScalars
            guard scalars.first == "\t", s.utf8.contains(10) else { return false }
            var previousSpace = false
            for u in scalars {
                let v = u.value
                let isBreak = v == 0x0A || v == 0x0D || v == 0x85 || v == 0x2028 || v == 0x2029
                if isBreak && previousSpace { return false }
                let printable = v == 0x09 || v == 0x0A || (0x20...0x7E).contains(v) || (0xA0...0xD7FF).contains(v)
                    || ((0xE000...0xFFFD).contains(v) && v != 0xFEFF)
                if !printable { return false }
                previousSpace = v == 0x20
            }
            return !previousSpace
        }

        /// The key kustomize prints for `s`, or the reason it refuses to print it.
        public static func key(_ s: String) -> Result<String, Refusal> {
            if mayNeedWork(s) {
                if let refusal = refusal(s) { return .failure(refusal) }
                if s.unicodeScalars.contains("\u{85}") {
                    return .failure(Refusal(reason: "the key contains U+0085 (NEL), which go-yaml v2 reads as a line break inside a key"))
                }
            }
            // Most keys are short: only long ones need their JSON length measured.
            if s.utf8.count > 1024 / 6, goJSONLength(s) > 1024 {
                return .failure(Refusal(reason: "the key is longer than the 1024 characters go-yaml v2 allows for a key once it is JSON-encoded"))
            }
            return .success(s)
        }

        /// Why kustomize cannot print a string.
        public struct Refusal: Error, Equatable, Sendable {
            public var reason: String
        }

        /// False for strings none of these rules touch (all bytes below U+007F): the fast path.
        static func mayNeedWork(_ s: String) -> Bool {
            ScalarBytes(s).hasByteAbove7E
        }

        /// A reason go-yaml v2's reader gives up on the JSON text of `s`, or nil.
        static func refusal(_ s: String) -> Refusal? {
            let scalars = Array(s.unicodeScalars)
            for (i, u) in scalars.enumerated() {
                let v = u.value
                if v == 0x7F || (v >= 0x80 && v <= 0x9F && v != 0x85) || v == 0xFFFE || v == 0xFFFF {
                    return Refusal(reason: "the string contains U+\(zeroPaddedHex(v, width: 4, uppercase: true)), which go-yaml v2 refuses to read back (\"control characters are not allowed\")")
                }
                // A document marker at the start of a line (right after a NEL).
                if v == 0x85, i + 4 < scalars.count {
                    let marker = String(String.UnicodeScalarView(scalars[(i + 1)...(i + 3)]))
                    let after = scalars[i + 4]
                    if (marker == "---" || marker == "...") && (after == " " || after == "\u{85}") {
                        return Refusal(reason: "the string has `\(marker)` right after U+0085 (NEL), which go-yaml v2 reads as a document marker")
                    }
                }
            }
            return nil
        }

        /// go-yaml v2's folding of the raw line breaks (here only U+0085, the one Go's JSON
        /// encoder leaves raw) in a double-quoted scalar: a run of spaces and NELs that holds
        /// one NEL becomes a space, a run that holds n > 1 becomes n−1 line feeds. Runs
        /// without a NEL stay as they are.
        static func foldingNextLines(_ s: String) -> String {
            guard s.unicodeScalars.contains("\u{85}") else { return s }
            var out = String.UnicodeScalarView()
            var run: [Unicode.Scalar] = []
            var breaks = 0
            func flush() {
                if breaks == 0 {
                    out.append(contentsOf: run)
                } else if breaks == 1 {
                    out.append(" ")
                } else {
                    out.append(contentsOf: repeatElement("\n" as Unicode.Scalar, count: breaks - 1))
                }
                run.removeAll(keepingCapacity: true)
                breaks = 0
            }
            for u in s.unicodeScalars {
                if u == " " || u == "\u{85}" {
                    run.append(u)
                    if u == "\u{85}" { breaks += 1 }
                } else {
                    flush()
                    out.append(u)
                }
            }
            flush()
            return String(out)
        }

        /// The length in characters of Go's `json.Marshal` of `s`, quotes included: `"` and
        /// `\` and `\b \f \n \r \t` take two; other control characters, `<`, `>`, `&`,
        /// U+2028 and U+2029 take six (`\u003c`); everything else one per rune.
        static func goJSONLength(_ s: String) -> Int {
            var n = 2
            for u in s.unicodeScalars {
                switch u.value {
                case 0x22, 0x5C, 0x08, 0x0C, 0x0A, 0x0D, 0x09: n += 2
                case 0..<0x20, 0x3C, 0x3E, 0x26, 0x2028, 0x2029: n += 6
                default: n += 1
                }
            }
            return n
        }
    }
}
