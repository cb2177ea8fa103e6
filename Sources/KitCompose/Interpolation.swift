import KitCore

/// Which tool's `${…}` rules to follow.
public enum InterpolationSyntax: Sendable, Equatable {
    /// The Compose Specification (docker compose v2, compose-go): `$$`, `$VAR`, `${VAR}`,
    /// `${VAR:-default}` (unset or empty), `${VAR-default}` (unset), `${VAR:?message}`,
    /// `${VAR?message}`, `${VAR:+replacement}` (set and non-empty), `${VAR+replacement}` (set),
    /// with defaults and replacements that may themselves hold `${…}`.
    case compose
    /// docker/cli's v3 loader (what ecs-cli reads version 3 files with): as `compose`, without
    /// `+` forms and without nesting.
    case dockerCLI
    /// libcompose (what ecs-cli reads version 1 and 2 files with): `$$`, `$VAR`, `${VAR}`,
    /// `${VAR:-default}` and `${VAR-default}` (both used when the variable is unset or empty,
    /// and remembered for later uses of the same variable); `?` forms are invalid.
    case libcompose
}

/// Why a string could not be interpolated.
enum InterpolationFailure: Error, Equatable {
    /// Malformed `$` syntax.
    case invalid(String)
    /// `${VAR:?message}` / `${VAR?message}` with the variable missing.
    case required(variable: String, message: String)
}

/// Expands variables in strings by one of the syntaxes, reporting the unset variables it meets.
struct Interpolator {
    let syntax: InterpolationSyntax
    let lookup: (String) -> String?
    /// libcompose's defaults, remembered per variable name for the whole load.
    private final class Memory: @unchecked Sendable { var defaults: [String: String] = [:] }
    private let memory = Memory()

    init(syntax: InterpolationSyntax, lookup: @escaping (String) -> String?) {
        self.syntax = syntax
        self.lookup = lookup
    }

    /// The expanded string and the variables that were unset and used without a default.
    func expand(_ text: String) throws(InterpolationFailure) -> (String, unset: [String]) {
        guard text.utf8.contains(UInt8(ascii: "$")) else { return (text, []) }
        var unset: [String] = []
        let bytes = Array(text.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        try expand(bytes[...], into: &out, unset: &unset)
        return (String(decoding: out, as: UTF8.self), unset)
    }

    private static func isNameStart(_ c: UInt8) -> Bool {
        c == UInt8(ascii: "_") || (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A)
    }

    private static func isNameChar(_ c: UInt8) -> Bool {
        isNameStart(c) || (c >= 0x30 && c <= 0x39)
    }

    private func expand(_ text: ArraySlice<UInt8>, into out: inout [UInt8], unset: inout [String]) throws(InterpolationFailure) {
        let whole = String(decoding: text, as: UTF8.self)
        var i = text.startIndex
        while i < text.endIndex {
            let c = text[i]
            guard c == UInt8(ascii: "$") else {
                out.append(c)
                i += 1
                continue
            }
            let next = i + 1
            guard next < text.endIndex else { throw .invalid(whole) }
            let n = text[next]
            if n == UInt8(ascii: "$") {
                out.append(n)
                i = next + 1
            } else if Self.isNameStart(n) {
                var end = next
                while end < text.endIndex && Self.isNameChar(text[end]) { end += 1 }
                let name = String(decoding: text[next..<end], as: UTF8.self)
                out.append(contentsOf: value(of: name, unset: &unset).utf8)
                i = end
            } else if n == UInt8(ascii: "{") {
                i = try braced(text, openingAt: next, whole: whole, into: &out, unset: &unset)
            } else {
                throw .invalid(whole)
            }
        }
    }

    /// A plain use of a variable (no operator).
    private func value(of name: String, unset: inout [String]) -> String {
        if let v = lookup(name) {
            if syntax == .libcompose, v.isEmpty, let d = memory.defaults[name] { return d }
            return v
        }
        if syntax == .libcompose, let d = memory.defaults[name] { return d }
        unset.append(name)
        return ""
    }

    /// Expands `${…}` whose `{` is at `open`; returns the index after its `}`.
    private func braced(
        _ text: ArraySlice<UInt8>, openingAt open: Int, whole: String, into out: inout [UInt8], unset: inout [String]
    ) throws(InterpolationFailure) -> Int {
        var i = open + 1
        guard i < text.endIndex, Self.isNameStart(text[i]) else { throw .invalid(whole) }
        while i < text.endIndex && Self.isNameChar(text[i]) { i += 1 }
        let name = String(decoding: text[(open + 1)..<i], as: UTF8.self)
        guard i < text.endIndex else { throw .invalid(whole) }
        if text[i] == UInt8(ascii: "}") {
            out.append(contentsOf: value(of: name, unset: &unset).utf8)
            return i + 1
        }
        // The operator.
        var colon = false
        if text[i] == UInt8(ascii: ":") {
            colon = true
            i += 1
            guard i < text.endIndex else { throw .invalid(whole) }
        }
        let op = text[i]
        let allowed: Bool
        switch syntax {
        case .compose: allowed = op == UInt8(ascii: "-") || op == UInt8(ascii: "?") || op == UInt8(ascii: "+")
        case .dockerCLI: allowed = op == UInt8(ascii: "-") || op == UInt8(ascii: "?")
        case .libcompose: allowed = op == UInt8(ascii: "-")
        }
        guard allowed else { throw .invalid(whole) }
        i += 1
        // The argument runs to the matching `}` (nested `${…}` only in compose syntax).
        let argumentStart = i
        var depth = 0
        while i < text.endIndex {
            let c = text[i]
            if syntax == .compose && c == UInt8(ascii: "$") && i + 1 < text.endIndex && text[i + 1] == UInt8(ascii: "{") {
                depth += 1
                i += 2
                continue
            }
            if syntax == .compose && c == UInt8(ascii: "$") && i + 1 < text.endIndex && text[i + 1] == UInt8(ascii: "$") {
                i += 2
                continue
            }
            if c == UInt8(ascii: "}") {
                if depth == 0 { break }
                depth -= 1
            }
            i += 1
        }
        guard i < text.endIndex else { throw .invalid(whole) }
        let argument = text[argumentStart..<i]
        let end = i + 1
        let current = lookup(name)

        // The argument as text: compose expands what it holds; the others take it literally.
        func argumentText() throws(InterpolationFailure) -> [UInt8] {
            guard syntax == .compose else { return Array(argument) }
            var expanded: [UInt8] = []
            try expand(argument, into: &expanded, unset: &unset)
            return expanded
        }

        switch op {
        case UInt8(ascii: "-"):
            if syntax == .libcompose {
                let d = String(decoding: argument, as: UTF8.self)
                memory.defaults[name] = d
                if let current, !current.isEmpty {
                    out.append(contentsOf: current.utf8)
                } else {
                    out.append(contentsOf: d.utf8)
                }
            } else if let current, !(colon && current.isEmpty) {
                out.append(contentsOf: current.utf8)
            } else {
                out.append(contentsOf: try argumentText())
            }
        case UInt8(ascii: "?"):
            if let current, !(colon && current.isEmpty) {
                out.append(contentsOf: current.utf8)
            } else {
                throw .required(variable: name, message: String(decoding: try argumentText(), as: UTF8.self))
            }
        default:  // "+"
            if let current, !(colon && current.isEmpty) {
                out.append(contentsOf: try argumentText())
            }
        }
        return end
    }
}

/// Go's `os.ExpandEnv`, which ecs-cli runs over the whole ecs-params text before parsing it:
/// `$NAME` and `${NAME}` (anything up to `}` is the name, so `${VAR:-x}` looks up `VAR:-x`),
/// single-character special names (`$1`, `$$`, …), unset variables empty; a `$` followed by
/// nothing usable stays.
enum GoExpandEnv {
    static func expand(_ text: String, lookup: (String) -> String?) -> String {
        let s = Array(text.utf8)
        guard s.contains(UInt8(ascii: "$")) else { return text }
        var out: [UInt8] = []
        out.reserveCapacity(s.count)
        var i = 0
        var j = 0
        while j < s.count {
            if s[j] == UInt8(ascii: "$") && j + 1 < s.count {
                out.append(contentsOf: s[i..<j])
                let (name, width) = shellName(s[(j + 1)...])
                if name == nil && width > 0 {
                    // Invalid syntax: the characters are eaten.
                } else if let name, !name.isEmpty {
                    out.append(contentsOf: (lookup(name) ?? "").utf8)
                } else {
                    out.append(s[j])
                }
                j += width
                i = j + 1
            }
            j += 1
        }
        out.append(contentsOf: s[min(i, s.count)...])
        return String(decoding: out, as: UTF8.self)
    }

    private static func isSpecial(_ c: UInt8) -> Bool {
        switch c {
        case UInt8(ascii: "*"), UInt8(ascii: "#"), UInt8(ascii: "$"), UInt8(ascii: "@"), UInt8(ascii: "!"),
            UInt8(ascii: "?"), UInt8(ascii: "-"):
            return true
        default:
            return c >= 0x30 && c <= 0x39
        }
    }

    private static func isAlphaNumeric(_ c: UInt8) -> Bool {
        c == UInt8(ascii: "_") || (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A)
    }

    /// Go's `getShellName`: the name and how many bytes it used (nil name: bad syntax).
    private static func shellName(_ s: ArraySlice<UInt8>) -> (String?, Int) {
        let start = s.startIndex
        if s[start] == UInt8(ascii: "{") {
            if s.count > 2 && isSpecial(s[start + 1]) && s[start + 2] == UInt8(ascii: "}") {
                return (String(decoding: s[(start + 1)...(start + 1)], as: UTF8.self), 3)
            }
            var i = start + 1
            while i < s.endIndex {
                if s[i] == UInt8(ascii: "}") {
                    if i == start + 1 { return (nil, 2) }
                    return (String(decoding: s[(start + 1)..<i], as: UTF8.self), i - start + 1)
                }
                i += 1
            }
            return (nil, 1)
        }
        if isSpecial(s[start]) { return (String(decoding: s[start...start], as: UTF8.self), 1) }
        var i = start
        while i < s.endIndex && isAlphaNumeric(s[i]) { i += 1 }
        return (String(decoding: s[start..<i], as: UTF8.self), i - start)
    }
}
