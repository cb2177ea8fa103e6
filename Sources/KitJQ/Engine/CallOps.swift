import KitCore

/// A function defined with `def` (in the program, a module, or jq's own library).
final class CompiledFunction {
    let name: String
    let parameters: [Parameter]
    /// Set once the body is compiled (after the function is in scope, for recursion).
    var body: Op?
    /// For library functions compiled on first use: compiles the body.
    var pendingCompile: (() -> Void)?

    func compileIfPending() {
        if let compile = pendingCompile {
            pendingCompile = nil
            compile()
        }
    }

    init(name: String, parameters: [Parameter]) {
        self.name = name
        self.parameters = parameters
    }

    var valueParameterCount: Int { parameters.filter(\.isValue).count }
}

/// A call of a `def`ined function. The callee's environment is its definition's environment
/// (found `definitionHops` nodes up from the caller's, or empty for top-level functions),
/// extended with one closure per parameter and then one value per `$` parameter.
final class CallOp: Op {
    let function: CompiledFunction
    let arguments: [Op]
    /// For an argument that is itself a bare parameter of the caller: hops to that parameter,
    /// whose closure is passed on instead of wrapping it again.
    let forwardedParameters: [Int?]
    let definitionHops: Int?
    /// Positions (in `arguments`) of the `$` parameters, in order.
    let valueParameters: [Int]

    init(function: CompiledFunction, arguments: [Op], forwardedParameters: [Int?], definitionHops: Int?) {
        self.function = function
        self.arguments = arguments
        self.forwardedParameters = forwardedParameters
        self.definitionHops = definitionHops
        self.valueParameters = function.parameters.indices.filter { function.parameters[$0].isValue }
    }

    /// The callee's environment with its closures (before the `$` parameters' values).
    @inline(__always)
    func calleeEnvironment(_ env: Env?) -> Env? {
        var e: Env? = definitionHops.map { env.up($0) } ?? nil
        for i in arguments.indices {
            let closure: Closure
            if let hops = forwardedParameters[i] {
                closure = env.up(hops).unsafelyUnwrapped.closure!
            } else {
                closure = Closure(op: arguments[i], env: env)
            }
            e = Env(parent: e, closure: closure)
        }
        return e
    }

    /// Binds the `$` parameters: each combination of their arguments' values, the first
    /// parameter varying slowest (`def f($a; $b)` is `a as $a | b as $b | …`).
    func bindValues(_ k: Int, _ input: Value, _ env: Env?, _ callerEnv: Env?, _ ctx: JQContext, _ body: (Env?) throws -> Void) throws {
        if k == valueParameters.count {
            try body(env)
            return
        }
        // The argument runs in the caller's environment (a forwarded parameter's op is a
        // ParameterCallOp, which finds its own closure there).
        try arguments[valueParameters[k]].run(input, callerEnv, ctx) { v in
            try self.bindValues(k + 1, input, Env(parent: env, value: v), callerEnv, ctx, body)
        }
    }

    override func run(_ input: Value, _ env: Env?, _ ctx: JQContext, _ emit: Emit) throws {
        try ctx.checkStack()
        let body = function.body.unsafelyUnwrapped
        let callee = calleeEnvironment(env)
        if valueParameters.isEmpty {
            try body.run(input, callee, ctx, emit)
        } else {
            try bindValues(0, input, callee, env, ctx) { e in try body.run(input, e, ctx, emit) }
        }
    }

    override func paths(_ input: PathValue, _ env: Env?, _ ctx: JQContext, _ emit: EmitPath) throws {
        try ctx.checkStack()
        let body = function.body.unsafelyUnwrapped
        let callee = calleeEnvironment(env)
        if valueParameters.isEmpty {
            try body.paths(input, callee, ctx, emit)
        } else {
            try bindValues(0, input.input, callee, env, ctx) { e in try body.paths(input, e, ctx, emit) }
        }
    }
}

/// A call of a filter parameter (`f` inside `def g(f): …`): runs the argument's filter in the
/// caller's environment.
final class ParameterCallOp: Op {
    let hops: Int
    init(hops: Int) { self.hops = hops }

    override func run(_ input: Value, _ env: Env?, _ ctx: JQContext, _ emit: Emit) throws {
        let closure = env.up(hops).unsafelyUnwrapped.closure.unsafelyUnwrapped
        try closure.op.run(input, closure.env, ctx, emit)
    }

    override func paths(_ input: PathValue, _ env: Env?, _ ctx: JQContext, _ emit: EmitPath) throws {
        let closure = env.up(hops).unsafelyUnwrapped.closure.unsafelyUnwrapped
        try closure.op.paths(input, closure.env, ctx, emit)
    }
}

/// A builtin implemented in Swift whose arguments are values (jq's C functions): each
/// combination of argument values, the last argument varying slowest, as jq calls them.
final class NativeValueOp: Op {
    let arguments: [Op]
    let body: (Value, [Value]) throws -> Value
    let single: Bool

    init(arguments: [Op], body: @escaping (Value, [Value]) throws -> Value) {
        self.arguments = arguments
        self.body = body
        self.single = arguments.allSatisfy(\.isSingle)
    }

    override var isSingle: Bool { single }

    override func evaluate(_ input: Value, _ env: Env?, _ ctx: JQContext) throws -> Value {
        switch arguments.count {
        case 0: return try body(input, [])
        case 1: return try body(input, [try arguments[0].evaluate(input, env, ctx)])
        default:
            var values = [Value](repeating: .null, count: arguments.count)
            for i in arguments.indices.reversed() { values[i] = try arguments[i].evaluate(input, env, ctx) }
            return try body(input, values)
        }
    }

    override func run(_ input: Value, _ env: Env?, _ ctx: JQContext, _ emit: Emit) throws {
        if single {
            try emit(try evaluate(input, env, ctx))
            return
        }
        var values = [Value](repeating: .null, count: arguments.count)
        try combine(arguments.count - 1, &values, input, env, ctx, emit)
    }

    func combine(_ i: Int, _ values: inout [Value], _ input: Value, _ env: Env?, _ ctx: JQContext, _ emit: Emit) throws {
        if i < 0 {
            try emit(try body(input, values))
            return
        }
        try arguments[i].run(input, env, ctx) { v in
            values[i] = v
            try combine(i - 1, &values, input, env, ctx, emit)
        }
    }
}
