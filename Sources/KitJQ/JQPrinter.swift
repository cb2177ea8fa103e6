import KitCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Prints results as `jq` does for its output options: pretty or compact JSON (spaces or tabs,
/// sorted keys, ASCII escapes, colours), raw strings (`-r`, `-j`, `--raw-output0`), RS
/// separators (`--seq`), or YAML documents (kit's `-Y`).
public struct JQPrinter {
    public struct Options {
        /// Spaces per level; 0 is compact (`-c`).
        public var indent = 2
        /// `--tab`
        public var tab = false
        /// `-S`
        public var sortKeys = false
        /// `-a`
        public var ascii = false
        /// `-r`: strings without quotes.
        public var raw = false
        /// `-j`: no newline after each output (implies `raw`).
        public var joinOutput = false
        /// `--raw-output0`: a NUL after each output (implies `raw`).
        public var rawOutput0 = false
        /// `--seq`: RS before each JSON output.
        public var seq = false
        /// `-C` (or a terminal): colours.
        public var colors: JSONColors? = nil
        /// `-Y`: YAML documents instead of JSON.
        public var yaml = false

        public init() {}
    }

    public let options: Options
    let writer: JSONWriter
    let yamlWriter = YAMLWriter(keyOrder: .preserved)
    /// Outputs printed so far (YAML documents after the first get a `---` line).
    var count = 0

    public init(options: Options) {
        self.options = options
        var w = JSONWriter(style: .jq, indent: options.indent, sortKeys: options.sortKeys, asciiOutput: options.ascii)
        w.useTabs = options.tab
        w.colors = options.colors
        w.maxDepth = 10_000
        // Large arrays of a huge result are formatted on all cores (at most four).
        w.threads = max(1, min(4, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))))
        writer = w
    }

    /// Appends one result, with its separators, to `out`; with `flush`, large results are
    /// handed to it in pieces (it writes `out` and empties it) while they are printed.
    public mutating func print(_ value: Value, to out: inout [UInt8], flush: ((inout [UInt8]) throws -> Void)? = nil) throws {
        defer { count += 1 }
        if options.raw, case .string(let s) = value {
            if options.ascii {
                try writer.write(value, to: &out)
            } else {
                if options.rawOutput0 && s.utf8.contains(0) {
                    throw JQError("Cannot dump a string containing NUL with --raw-output0 option")
                }
                out.append(contentsOf: s.utf8)
            }
        } else if options.yaml {
            if count > 0 { out.append(contentsOf: "---\n".utf8) }
            out.append(contentsOf: try yamlWriter.document(options.sortKeys ? value.withKeysSortedByBytes() : value))
            return
        } else {
            if options.seq { out.append(0x1E) }
            if let flush {
                try writer.write(value, to: &out, flushingAt: 1 << 20, flush)
            } else {
                try writer.write(value, to: &out)
            }
        }
        if !options.joinOutput { out.append(0x0A) }
        if options.rawOutput0 { out.append(0) }
    }

    /// Colours from `JQ_COLORS` (`null:false:true:numbers:strings:arrays:objects:keys`, each
    /// an SGR code of digits and `;`), or nil when the text is not valid.
    public static func colors(fromJQColors text: String) -> JSONColors? {
        var codes: [String] = []
        for part in text.split(separator: ":", maxSplits: 7, omittingEmptySubsequences: false) {
            guard part.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ";") }) else { return nil }
            codes.append(String(part))
        }
        // An empty last entry ("0;31:") is ignored, as jq ignores it.
        if codes.last == "" { codes.removeLast() }
        return JSONColors(codes: codes)
    }
}
