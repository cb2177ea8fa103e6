import KitCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A compiled jq program: the whole jq 1.8 language over `Value`.
///
/// ```swift
/// let program = try JQProgram(compiling: ".items[] | select(.status.phase != \"Running\") | .metadata.name")
/// try program.run(on: snapshot) { name in print(name) }
/// ```
///
/// Compile once, run on as many inputs as needed. A program is not thread-safe: use one per
/// thread (compiling is cheap).
public final class JQProgram {
    /// What a program can see besides its input.
    public struct Options {
        /// Named arguments, visible as `$name` (and in `$ARGS.named`).
        public var namedArguments: [(String, Value)]
        /// Positional arguments (`$ARGS.positional`).
        public var positionalArguments: [Value]
        /// Directories searched by `import`/`include` (jq's `-L`); nil for jq's default list.
        public var libraryPaths: [String]?
        /// The directory relative imports start from (the program file's directory).
        public var programOrigin: String?

        public init(
            namedArguments: [(String, Value)] = [], positionalArguments: [Value] = [], libraryPaths: [String]? = nil,
            programOrigin: String? = nil
        ) {
            self.namedArguments = namedArguments
            self.positionalArguments = positionalArguments
            self.libraryPaths = libraryPaths
            self.programOrigin = programOrigin
        }
    }

    let main: Op

    /// The parts of its input the program can observe, for a reader that builds only those
    /// (`JSONReader.Stream.next(projection:)`); nil when it needs its whole input or reads
    /// other inputs (`input`, `inputs`).
    public private(set) lazy var inputProjection: JSONProjection? = DemandAnalysis.inputProjection(of: main)

    /// Compiles `source`. Throws `JQCompileErrors` (printable as jq prints compile errors)
    /// when the program is not valid jq.
    public init(compiling source: String, options: Options = Options()) throws {
        let bytes = Array(source.utf8)
        let parsed: ParsedModule
        do {
            parsed = try Parser.parse(bytes)
        } catch {
            throw JQCompileErrors(errors: [CompileError(message: error.message, file: "<top-level>", source: bytes, start: error.start, end: error.end)])
        }
        let origin = options.programOrigin ?? JQProgram.currentDirectory()
        let jqOrigin = JQProgram.executableDirectory()
        let libraryPaths = (options.libraryPaths ?? ["~/.jq", "$ORIGIN/../lib/jq", "$ORIGIN/../lib"]).map { path -> String in
            let expanded = ModuleLoader.expandHome(path)
            if expanded.hasPrefix("$ORIGIN/") { return jqOrigin + "/" + expanded.dropFirst("$ORIGIN/".count) }
            return expanded
        }

        var named = Object()
        for (k, v) in options.namedArguments where !named.contains(k) { named[k] = v }
        var globals: [String: Value] = [:]
        for (k, v) in named { globals[k] = v }
        let args = Value.object(Object(uniqueKeysWithValues: [("positional", .array(options.positionalArguments)), ("named", .object(named))]))
        globals["ARGS"] = args
        globals["__prog_args"] = .array(options.positionalArguments)
        if globals["JQ_BUILD_CONFIGURATION"] == nil { globals["JQ_BUILD_CONFIGURATION"] = .string("kit jq (Swift; Oniguruma regular expressions)") }
        globals["*search-list"] = .array(libraryPaths.map { .string($0) })
        globals["*program-origin"] = .string(origin)
        globals["*jq-origin"] = .string(jqOrigin)

        let library = BuiltinLibrary(globals: globals)
        let modules = ModuleLoader(libraryPaths: libraryPaths, programOrigin: origin, jqOrigin: jqOrigin)
        let compiler = Compiler(library: library, modules: modules)
        compiler.source = bytes
        var scope = Scope()
        if let metadata = parsed.metadata { _ = metadata }
        scope = compiler.addImports(parsed.imports, origin: origin, to: scope)
        let body = parsed.body ?? Node(.identity, 0, 0)
        let main = compiler.compile(body, scope)
        if !compiler.errors.isEmpty { throw JQCompileErrors(errors: compiler.errors) }
        self.main = main
    }

    /// Runs the program on `input`, calling `output` with each result in order. Runtime errors
    /// are thrown as `JQError` (after the outputs produced before them); `halt` and
    /// `halt_error` as `JQHalt`.
    public func run(on input: Value, context: JQContext = JQContext(), _ output: (Value) throws -> Void) throws {
        do {
            try main.run(input, nil, context, output)
        } catch let escaped as EscapedError {
            throw escaped.inner
        }
    }

    /// All the outputs of the program on `input`.
    public func outputs(for input: Value, context: JQContext = JQContext()) throws -> [Value] {
        var results: [Value] = []
        try run(on: input, context: context) { results.append($0) }
        return results
    }

    static func currentDirectory() -> String {
        var buffer = [CChar](repeating: 0, count: 4096)
        guard getcwd(&buffer, buffer.count) != nil else { return "." }
        return String(cString: buffer)
    }

    static func executableDirectory() -> String {
        let path = ModuleLoader.realPath("/proc/self/exe")
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return String(path[..<slash])
    }
}

/// The compile errors of a program, printed as jq prints them (each with the program line and
/// a caret, then `jq: N compile error(s)`).
public struct JQCompileErrors: Error, CustomStringConvertible {
    public var errors: [CompileError]

    public var description: String {
        var lines = errors.map(\.description)
        lines.append("jq: \(errors.count) compile \(errors.count == 1 ? "error" : "errors")")
        return lines.joined(separator: "\n")
    }
}
