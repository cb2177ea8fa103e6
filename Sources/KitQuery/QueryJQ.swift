import KitCore
import KitJQ

/// `--where EXPR`: a jq expression asked of each object the other filters kept. The object
/// stays when one of the expression's outputs is true (anything but `false` and `null`), as
/// jq's `select(EXPR)` keeps it — once, however many outputs are true. The language is kit
/// jq's (KitJQ), the same as `kit jq` and `--jq`.
///
/// A compiled jq program is not thread-safe, so a reader on another thread takes its own copy
/// (`forAnotherThread`).
public final class WhereFilter: @unchecked Sendable {
    /// The expression as given.
    public let source: String
    let program: JQProgram
    let context = JQContext()

    /// Compiles `source`; a compile error is an error of the `--where` flag.
    public init(_ source: String) throws(KitError) {
        self.source = source
        program = try QueryJQ.compile(source, flag: "--where")
    }

    /// The same filter with a program of its own.
    func forAnotherThread() -> WhereFilter {
        // It compiled once already, so it compiles again.
        (try? WhereFilter(source)) ?? self
    }

    /// Whether `object` is kept.
    func keeps(_ object: Value) throws(KitError) -> Bool {
        struct Kept: Error {}
        do {
            try program.run(on: object, context: context) { output in
                switch output {
                case .null, .bool(false): return
                default: throw Kept()
                }
            }
            return false
        } catch is Kept {
            return true
        } catch {
            throw QueryJQ.runtimeError(error, flag: "--where", object: object)
        }
    }
}

/// `--jq FILTER`: a jq program run on what `kubectl get -o json` would print (the selected
/// objects as one `List`, or the single object of `get KIND NAME`), its results printed as jq
/// prints them (`kubectl get … -o json | jq FILTER`, in one command).
public struct JQOutput {
    /// The program as given.
    public var source: String
    /// How results are printed (`-r`, `-c`, YAML with `-o yaml`, colours on a terminal).
    public var printer: JQPrinter.Options
    let program: JQProgram

    /// Compiles `source`; a compile error is an error of the `--jq` flag.
    public init(_ source: String, printer: JQPrinter.Options) throws(KitError) {
        self.source = source
        self.printer = printer
        program = try QueryJQ.compile(source, flag: "--jq")
    }

    /// The program's results on `document` (as kubectl prints it: keys sorted at every depth,
    /// as Go's encoding/json writes the decoded objects), printed. A runtime error stops the program: the
    /// results printed before it are kept and the error is returned beside them.
    func run(on document: Value) -> (output: [UInt8], error: KitError?) {
        var out: [UInt8] = []
        var printer = JQPrinter(options: self.printer)
        do {
            try program.run(on: document.withKeysSortedByBytes(), context: JQContext()) { value in try printer.print(value, to: &out) }
        } catch let halt as JQHalt {
            // `halt` ends the output quietly; `halt_error` reports its message.
            if let message = halt.message, halt.exitCode != 0 {
                let text: String
                if case .string(let s) = message { text = s } else { text = (try? JSONWriter(style: .jq, indent: 0).string(message)) ?? "" }
                return (out, KitError("--jq: halt_error: \(text)"))
            }
        } catch {
            return (out, QueryJQ.runtimeError(error, flag: "--jq", object: nil))
        }
        return (out, nil)
    }
}

enum QueryJQ {
    static func compile(_ source: String, flag: String) throws(KitError) -> JQProgram {
        do {
            return try JQProgram(compiling: source)
        } catch let errors as JQCompileErrors {
            throw KitError("\(flag): \(errors.description)")
        } catch {
            throw KitError("\(flag): \(error)")
        }
    }

    /// jq's runtime error, worded as jq words it, naming the object it happened on.
    static func runtimeError(_ error: any Error, flag: String, object: Value?) -> KitError {
        var at = ""
        if let object, let name = object["metadata"]?["name"]?.stringValue {
            let namespace = object["metadata"]?["namespace"]?.stringValue
            at = " (at \(namespace.map { $0 + "/" } ?? "")\(name))"
        }
        if let error = error as? JQError {
            if case .string(let message) = error.value { return KitError("\(flag): jq: error\(at): \(message)") }
            return KitError("\(flag): jq: error\(at) \(error)")
        }
        return KitError("\(flag): jq: error\(at): \(error)")
    }
}
