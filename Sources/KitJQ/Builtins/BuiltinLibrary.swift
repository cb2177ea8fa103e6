import KitCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A builtin implemented in Swift: given its compiled arguments, it builds the op for a call.
struct NativeBuiltin {
    let name: String
    let arity: Int
    let make: ([Op], NativeContext) -> Op
}

/// A filter written as Swift closures (for builtins that need their own control flow).
final class NativeOp: Op {
    typealias Body = (Value, Env?, JQContext, Emit) throws -> Void
    typealias PathBody = (PathValue, Env?, JQContext, EmitPath) throws -> Void

    let body: Body
    let pathBody: PathBody?

    init(_ body: @escaping Body, paths: PathBody? = nil) {
        self.body = body
        self.pathBody = paths
    }

    override func run(_ input: Value, _ env: Env?, _ ctx: JQContext, _ emit: Emit) throws {
        try body(input, env, ctx, emit)
    }

    override func paths(_ input: PathValue, _ env: Env?, _ ctx: JQContext, _ emit: EmitPath) throws {
        if let pathBody {
            try pathBody(input, env, ctx, emit)
        } else {
            try super.paths(input, env, ctx, emit)
        }
    }
}

/// jq's standard library: the builtins written in Swift and those written in jq (the prelude),
/// plus the values of the predefined variables.
final class BuiltinLibrary {
    private(set) var natives: [String: NativeBuiltin] = [:]
    /// The prelude's definitions, parsed once.
    let prelude: [FunctionDefinition]
    let preludeSource: [UInt8]
    /// Variables every program sees: `$ENV`, `$__prog_args`, and the caller's named arguments.
    var globals: [String: Value]

    init(globals: [String: Value]) {
        self.globals = globals
        self.preludeSource = Array(Prelude.source.utf8)
        self.prelude = BuiltinLibrary.parsedPrelude
        registerNatives()
    }

    static let parsedPrelude: [FunctionDefinition] = {
        do {
            return try Parser.parse(Array(Prelude.source.utf8), library: true).definitions
        } catch let error as SyntaxError {
            fatalError("the jq prelude does not parse: \(error.message) at \(error.start)")
        } catch {
            fatalError("the jq prelude does not parse: \(error)")
        }
    }()

    func register(_ name: String, _ arity: Int, _ make: @escaping ([Op], NativeContext) -> Op) {
        natives["\(name)/\(arity)"] = NativeBuiltin(name: name, arity: arity) { arguments, context in
            let op = make(arguments, context)
            op.builtinName = name
            return op
        }
    }

    /// A builtin whose arguments are values (each combination, the last argument varying
    /// slowest), computed by `body` from the input and the argument values.
    func function(_ name: String, _ arity: Int, _ body: @escaping (Value, [Value]) throws -> Value) {
        register(name, arity) { arguments, _ in NativeValueOp(arguments: arguments, body: body) }
    }

    /// A filter with one output computed from its input alone.
    func function0(_ name: String, _ body: @escaping (Value) throws -> Value) {
        register(name, 0) { _, _ in UnaryNativeOp(body) }
    }

    func native(_ name: String, arity: Int) -> NativeBuiltin? {
        natives["\(name)/\(arity)"]
    }

    func globalVariable(_ name: String) -> Value? {
        if name == "ENV" { return BuiltinLibrary.environment }
        return globals[name]
    }

    /// The process environment as an object (`$ENV`, `env`).
    static var environment: Value {
        var object = Object()
        var e = environ
        while let entry = e.pointee {
            let text = String(cString: entry)
            if let eq = text.firstIndex(of: "=") {
                object[String(text[..<eq])] = .string(String(text[text.index(after: eq)...]))
            }
            e += 1
        }
        return .object(object)
    }

    // MARK: the prelude, compiled on demand

    /// The prelude's functions by `name/arity`, created (uncompiled) on first use.
    private var preludeFunctions: [String: CompiledFunction]? = nil

    /// The prelude function `name/arity`, compiled (with what it calls) on first use.
    func definedFunction(_ name: String, arity: Int, compiler: Compiler) -> CompiledFunction? {
        if preludeFunctions == nil { preparePrelude(compiler) }
        guard let function = preludeFunctions?["\(name)/\(arity)"] else { return nil }
        function.compileIfPending()
        return function
    }

    /// Puts every prelude function in one scope (each sees all the others and the natives;
    /// user definitions never reach inside the prelude) and arranges for its body to be
    /// compiled when something first calls it.
    private func preparePrelude(_ compiler: Compiler) {
        var functions: [String: CompiledFunction] = [:]
        var scope = Scope()
        var pending: [(CompiledFunction, FunctionDefinition)] = []
        for definition in prelude {
            let function = CompiledFunction(name: definition.name, parameters: definition.parameters)
            functions["\(definition.name)/\(definition.parameters.count)"] = function
            scope = scope.adding(.function(definition.name, arity: definition.parameters.count, function))
            pending.append((function, definition))
        }
        let preludeScope = scope
        let source = preludeSource
        for (function, definition) in pending {
            function.pendingCompile = { [unowned compiler, unowned function] in
                let savedFile = compiler.fileName
                let savedSource = compiler.source
                compiler.fileName = "<builtin>"
                compiler.source = source
                compiler.compileBody(function, definition, preludeScope)
                compiler.fileName = savedFile
                compiler.source = savedSource
            }
        }
        preludeFunctions = functions
    }

    /// `builtins`: every public builtin as `name/arity`.
    var builtinNames: [String] {
        var names = Set<String>()
        for (key, _) in natives where !key.hasPrefix("_") { names.insert(key) }
        for d in prelude where !d.name.hasPrefix("_") { names.insert("\(d.name)/\(d.parameters.count)") }
        return names.sorted()
    }
}

/// A builtin with one output computed from its input alone (`length`, `keys`, …).
final class UnaryNativeOp: SingleOp {
    let body: (Value) throws -> Value
    init(_ body: @escaping (Value) throws -> Value) { self.body = body }

    override func evaluate(_ input: Value, _ env: Env?, _ ctx: JQContext) throws -> Value {
        try body(input)
    }
}
