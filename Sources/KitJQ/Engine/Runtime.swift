import KitCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A jq runtime error: the value given to `error` (a string message for jq's own errors).
///
/// jq implements `break $label` as an error too (carrying `{"__jq": id}`), so `try` sees
/// breaks exactly as jq's `try` does.
public struct JQError: Error, Sendable, CustomStringConvertible {
    public var value: Value

    public init(_ value: Value) {
        self.value = value
    }

    init(_ message: String) {
        self.value = .string(message)
    }

    /// The message as jq prints it after `jq: error (at …)`: the string itself, or the value
    /// as JSON after `(not a string): `.
    public var description: String {
        if case .string(let s) = value { return s }
        return "(not a string): " + dump(value)
    }
}

/// `halt` or `halt_error`: stops the whole program with an exit status and, for `halt_error`,
/// a message (a string is printed as is, anything else as JSON with a newline).
public struct JQHalt: Error, Sendable {
    public var exitCode: Int32
    public var message: Value?
}

/// An error raised downstream of a `try` body, passing back through it: the `try` that wrapped
/// it (identified by `token`) unwraps it instead of catching it, as jq's TRY_END does.
struct EscapedError: Error {
    let token: Int
    let inner: any Error
}

/// Internal early exit of a generator (`limit`, `first`, `isempty`, …), caught by its owner.
struct StopSignal: Error {
    let token: Int
}

/// Builds a `JQError` for a type mismatch: `number (1) and string ("a") cannot be added`.
func typeError(_ a: Value, _ message: String) -> JQError {
    JQError("\(a.typeName) (\(truncatedDump(a))) \(message)")
}

func typeError(_ a: Value, _ b: Value, _ message: String) -> JQError {
    JQError("\(a.typeName) (\(truncatedDump(a))) and \(b.typeName) (\(truncatedDump(b))) \(message)")
}

/// A function argument closed over its environment: a filter parameter.
struct Closure {
    let op: Op
    let env: Env?
}

/// The run-time environment: a linked list of variable values and filter parameters, innermost
/// first. The compiler resolves every `$name` and parameter to a fixed number of hops.
final class Env {
    let parent: Env?
    var value: Value
    let closure: Closure?

    init(parent: Env?, value: Value) {
        self.parent = parent
        self.value = value
        self.closure = nil
    }

    init(parent: Env?, closure: Closure) {
        self.parent = parent
        self.value = .null
        self.closure = closure
    }
}

extension Optional where Wrapped == Env {
    /// The node `hops` levels up (`self` for 0).
    @inline(__always)
    func up(_ hops: Int) -> Env? {
        var e = self
        var n = hops
        while n > 0 {
            e = e.unsafelyUnwrapped.parent
            n -= 1
        }
        return e
    }
}

/// Where a program gets its inputs and sends its messages (`input`, `debug`, `stderr`, …).
public protocol JQInputSource: AnyObject {
    /// The next input value, or nil when there is none.
    func nextInput() throws -> Value?
    /// `input_filename`: the current file's name, or null.
    var currentFilename: Value { get }
    /// `input_line_number`
    var currentLine: Int { get }
}

/// The state of one run of a program: counters for labels and `try` tokens, the input source,
/// message handlers, and the stack limit that turns runaway recursion into an error.
public final class JQContext {
    var tokenCounter = 0
    var labelCounter = 0
    /// `input`/`inputs` read from here; nil means there are no more inputs.
    public weak var inputs: JQInputSource?
    /// `debug` messages (the value, already wrapped as `["DEBUG:", v]`).
    public var debugHandler: (Value) -> Void
    /// `stderr` messages.
    public var stderrHandler: (Value) -> Void
    /// Deepest stack address the evaluator may use before failing with "stack overflow".
    let stackLimit: UInt

    /// `stackBudget` is how many bytes of stack below the current position the evaluator may
    /// use before deep recursion becomes an error (the default suits a thread with an 8 MiB
    /// stack; kit's CLI runs on a 512 MiB thread and gives more).
    public init(
        inputs: JQInputSource? = nil,
        stackBudget: Int = 4 << 20,
        debugHandler: @escaping (Value) -> Void = { _ in },
        stderrHandler: @escaping (Value) -> Void = { _ in }
    ) {
        self.inputs = inputs
        self.debugHandler = debugHandler
        self.stderrHandler = stderrHandler
        let here = JQContext.stackAddress()
        self.stackLimit = here > UInt(stackBudget) ? here - UInt(stackBudget) : 0
    }

    @inline(__always)
    static func stackAddress() -> UInt {
        var marker: UInt8 = 0
        return withUnsafeMutablePointer(to: &marker) { UInt(bitPattern: $0) }
    }

    @inline(__always)
    func nextToken() -> Int {
        tokenCounter += 1
        return tokenCounter
    }

    /// Fails when the stack is nearly exhausted (deep recursion in a filter).
    @inline(__always)
    func checkStack() throws {
        if JQContext.stackAddress() < stackLimit { throw JQError("stack overflow: the filter recurses too deeply") }
    }
}

typealias Emit = (Value) throws -> Void

// MARK: paths

/// A path from the root of a path expression, as a linked list (appending is O(1)).
final class PathList {
    let parent: PathList?
    let key: Value
    let count: Int

    init(parent: PathList?, key: Value) {
        self.parent = parent
        self.key = key
        self.count = (parent?.count ?? 0) + 1
    }

    var array: [Value] { Optional(self).array }
}

extension Optional where Wrapped == PathList {
    func appending(_ key: Value) -> PathList { PathList(parent: self, key: key) }

    var count: Int { self?.count ?? 0 }

    /// The path as a jq array.
    var array: [Value] {
        var out = [Value](repeating: .null, count: count)
        var node = self
        var i = count - 1
        while let n = node {
            out[i] = n.key
            node = n.parent
            i -= 1
        }
        return out
    }

    func appending(contentsOf keys: [Value]) -> PathList? {
        var p = self
        for k in keys { p = p.appending(k) }
        return p
    }
}

/// One output of a path expression: the path so far, the value at that path, and, when a
/// non-path filter has replaced the value (`path(1)`, `path(.a | tostring)`), that current
/// value. jq accepts the path only while the current value is identical to the value at the
/// path (`jv_identical`), so a variable holding the same value keeps the path intact.
struct PathValue {
    var path: PathList?
    var value: Value
    var current: Value?

    init(path: PathList?, value: Value, current: Value? = nil) {
        self.path = path
        self.value = value
        self.current = current
    }

    /// The value filters see.
    var input: Value { current ?? value }

    /// Whether the path still describes the current value.
    var isIntact: Bool {
        guard let current else { return true }
        return identical(current, value)
    }
}

typealias EmitPath = (PathValue) throws -> Void

/// jq's `jv_identical`: the same storage for strings, arrays and objects, the same bits for
/// numbers, the same kind for null and booleans.
func identical(_ a: Value, _ b: Value) -> Bool {
    switch (a, b) {
    case (.null, .null): return true
    case (.bool(let x), .bool(let y)): return x == y
    case (.int(let x), .int(let y)): return x == y
    case (.double(let x), .double(let y)): return x.bitPattern == y.bitPattern
    case (.decimal(let x), .decimal(let y)): return x.text == y.text
    case (.string(let x), .string(let y)): return utf8Equal(x, y)
    case (.array(let x), .array(let y)):
        if x.isEmpty && y.isEmpty { return true }
        return x.withUnsafeBufferPointer { px in y.withUnsafeBufferPointer { py in px.baseAddress == py.baseAddress && px.count == py.count } }
    case (.object(let x), .object(let y)):
        return x.sharesStorage(with: y)
    default:
        return false
    }
}
