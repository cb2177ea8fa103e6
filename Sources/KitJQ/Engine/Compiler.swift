import KitCore

/// Turns syntax trees into `Op` trees: resolves every variable to an environment position and
/// every call to a definition, parameter or builtin; folds constants; picks specialised ops.
final class Compiler {
    let library: BuiltinLibrary
    let modules: ModuleLoader
    /// Errors found so far, with the source they point into.
    var errors: [CompileError] = []
    /// The file name `$__loc__` reports and messages use (`<top-level>` for the main program).
    var fileName = "<top-level>"
    var source: [UInt8] = []

    init(library: BuiltinLibrary, modules: ModuleLoader) {
        self.library = library
        self.modules = modules
    }

    func error(_ message: String, _ node: Node) {
        errors.append(CompileError(message: message, file: fileName, source: source, start: node.start, end: node.end))
    }

    func error(_ message: String, start: Int, end: Int) {
        errors.append(CompileError(message: message, file: fileName, source: source, start: start, end: end))
    }

    // MARK: definitions

    /// Adds `definitions` to `scope` one after the other (each sees the earlier ones and
    /// itself), compiling their bodies.
    func define(_ definitions: [FunctionDefinition], in scope: Scope, prefix: String = "") -> Scope {
        var scope = scope
        for definition in definitions {
            let function = CompiledFunction(name: definition.name, parameters: definition.parameters)
            scope = scope.adding(.function(prefix + definition.name, arity: definition.parameters.count, function))
            compileBody(function, definition, scope)
        }
        return scope
    }

    /// Compiles a function body in the scope of its definition plus its parameters: one
    /// closure per parameter, then one value per `$` parameter (`def f($a)` also defines `a`).
    func compileBody(_ function: CompiledFunction, _ definition: FunctionDefinition, _ scope: Scope) {
        var inner = scope
        for p in definition.parameters { inner = inner.adding(.parameter(p.name)) }
        for p in definition.parameters where p.isValue { inner = inner.adding(.variable(p.name)) }
        function.body = compile(definition.body, inner)
    }

    // MARK: expressions

    func compile(_ node: Node, _ scope: Scope) -> Op {
        switch node.kind {
        case .identity:
            return IdentityOp()
        case .recurseAll:
            if scope.resolveFunction("recurse", arity: 0) != nil { return compileCall(node, "recurse", [], scope) }
            return RecurseAllOp()
        case .literal(let v):
            return ConstantOp(v)
        case .string(let parts, let format):
            return compileString(parts, format: format, node, scope)
        case .format(let name):
            return FormatOp(format: name, operand: IdentityOp(), node: node, compiler: self)
        case .index(let base, let key, let optional):
            let baseOp = compile(base, scope)
            if !optional, let constant = Parser.constantValue(key), case .string(let name) = constant {
                if baseOp is IdentityOp { return FieldPathOp([name]) }
                if let chain = baseOp as? FieldPathOp { return FieldPathOp(chain.keys + [name]) }
            }
            return IndexOp(base: baseOp, key: compile(key, scope), optional: optional)
        case .slice(let base, let from, let to, let optional):
            return SliceOp(base: compile(base, scope), from: from.map { compile($0, scope) }, to: to.map { compile($0, scope) }, optional: optional)
        case .iterate(let base, let optional):
            return IterateOp(base: compile(base, scope), optional: optional)
        case .array(nil):
            return ConstantOp(.array([]))
        case .array(let inner?):
            if let constant = Parser.constantValue(node) { return ConstantOp(constant) }
            return CollectOp(compile(inner, scope))
        case .object(let entries):
            return compileObject(entries, node, scope)
        case .negate(let operand):
            let op = compile(operand, scope)
            if let c = op as? ConstantOp, let v = negateNumber(c.value) { return ConstantOp(v) }
            return NegateOp(op)
        case .pipe(let a, let b):
            let first = compile(a, scope)
            let second = compile(b, scope)
            if first is IdentityOp { return second }
            if second is IdentityOp { return first }
            return PipeOp(first, second)
        case .comma(let a, let b):
            return CommaOp(compile(a, scope), compile(b, scope))
        case .binary(let op, let a, let b):
            let lhs = compile(a, scope)
            let rhs = compile(b, scope)
            if let x = lhs as? ConstantOp, let y = rhs as? ConstantOp {
                do {
                    return ConstantOp(try Arithmetic.apply(op, x.value, y.value))
                } catch {
                    return ErrorOp(error)
                }
            }
            return BinaryOp(op, lhs, rhs)
        case .and(let a, let b):
            return LogicOp(isAnd: true, compile(a, scope), compile(b, scope))
        case .or(let a, let b):
            return LogicOp(isAnd: false, compile(a, scope), compile(b, scope))
        case .alternative(let a, let b):
            return AlternativeOp(compile(a, scope), compile(b, scope))
        case .assign(let op, let target, let value):
            return compileAssignment(op, target, value, scope)
        case .conditional(let branches, let otherwise):
            var result: Op = otherwise.map { compile($0, scope) } ?? IdentityOp()
            for (condition, body) in branches.reversed() {
                result = IfOp(condition: compile(condition, scope), then: compile(body, scope), otherwise: result)
            }
            return result
        case .tryCatch(let body, let handler):
            return TryOp(body: compile(body, scope), handler: handler.map { compile($0, scope) })
        case .reduce(let source, let patterns, let initial, let update):
            let (destructuring, inner) = compilePatterns(patterns, scope)
            return ReduceOp(
                source: compile(source, scope), destructuring: destructuring, initial: compile(initial, scope),
                update: compile(update, inner))
        case .foreach(let source, let patterns, let initial, let update, let extract):
            let (destructuring, inner) = compilePatterns(patterns, scope)
            return ForeachOp(
                source: compile(source, scope), destructuring: destructuring, initial: compile(initial, scope),
                update: compile(update, inner), extract: extract.map { compile($0, inner) })
        case .functions(let definitions, let body):
            return compile(body, define(definitions, in: scope))
        case .call(let name, let arguments):
            return compileCall(node, name, arguments, scope)
        case .variable(let name):
            switch scope.resolveVariable(name) {
            case .node(let hops)?: return VariableOp(hops: hops)
            case .constant(let v)?: return ConstantOp(v)
            case nil:
                if let v = library.globalVariable(name) { return ConstantOp(v) }
                error("$\(name) is not defined", node)
                return EmptyOp()
            }
        case .location(let line):
            return ConstantOp(.object(Object(uniqueKeysWithValues: [("file", .string(fileName)), ("line", .int(line))])))
        case .bind(let source, let patterns, let body):
            let (destructuring, inner) = compilePatterns(patterns, scope)
            return BindOp(source: compile(source, scope), destructuring: destructuring, body: compile(body, inner))
        case .label(let name, let body):
            return LabelOp(body: compile(body, scope.adding(.variable("*label-" + name))))
        case .breakLabel(let name):
            guard case .node(let hops)? = scope.resolveVariable("*label-" + name) else {
                error("$*label-\(name) is not defined", node)
                return EmptyOp()
            }
            return BreakOp(hops: hops)
        }
    }

    func compileString(_ parts: [StringPart], format: String?, _ node: Node, _ scope: Scope) -> Op {
        var pieces: [StringOp.Piece] = []
        for part in parts {
            switch part {
            case .text(let t): pieces.append(.text(t))
            case .interpolation(let n): pieces.append(.value(compile(n, scope)))
            }
        }
        if pieces.allSatisfy({ if case .text = $0 { return true } else { return false } }) {
            return ConstantOp(.string(pieces.map { if case .text(let t) = $0 { return t } else { return "" } }.joined()))
        }
        return StringOp(pieces: pieces, format: format ?? "text", node: node, compiler: self)
    }

    func compileObject(_ entries: [ObjectEntry], _ node: Node, _ scope: Scope) -> Op {
        var compiled: [(key: Op, value: Op?)] = []
        for entry in entries {
            let key = compile(entry.key, scope)
            if let c = key as? ConstantOp, c.value.stringValue == nil {
                error("Cannot use \(c.value.typeName) (\(truncatedDump(c.value))) as object key", entry.key)
            }
            if let value = entry.value {
                compiled.append((key, compile(value, scope)))
            } else if let variable = entry.variable {
                compiled.append((key, compile(Node(.variable(variable), entry.key.start, entry.key.end), scope)))
            } else if let c = key as? ConstantOp, case .string(let name) = c.value {
                compiled.append((key, FieldPathOp([name])))
            } else {
                // `{"\(e)"}`: the value is the input's field named by the key.
                compiled.append((key, nil))
            }
        }
        return ObjectOp(entries: compiled)
    }

    /// Compiles `patterns` (alternatives joined by `?//`): every variable of every
    /// alternative gets a slot, and the body's scope has them in slot order.
    func compilePatterns(_ patterns: [Pattern], _ scope: Scope) -> (Destructuring, Scope) {
        var names: [String] = []
        for pattern in patterns {
            for name in pattern.variables where !names.contains(name) { names.append(name) }
        }
        func matcher(_ p: Pattern) -> Matcher {
            switch p {
            case .variable(let name, _, _):
                return .variable(slot: names.firstIndex(of: name)!)
            case .array(let items):
                return .array(items.map(matcher))
            case .object(let entries):
                return .object(entries.map { entry in
                    if let c = Parser.constantValue(entry.key), c.stringValue == nil {
                        error("Cannot use \(c.typeName) (\(truncatedDump(c))) as object key", entry.key)
                    }
                    return (key: compile(entry.key, scope), slot: entry.variable.map { names.firstIndex(of: $0)! }, pattern: entry.pattern.map(matcher))
                })
            }
        }
        let matchers = patterns.map(matcher)
        var inner = scope
        for name in names { inner = inner.adding(.variable(name)) }
        return (Destructuring(alternatives: matchers, slotCount: names.count), inner)
    }

    func compileCall(_ node: Node, _ name: String, _ arguments: [Node], _ scope: Scope) -> Op {
        let arity = arguments.count
        switch scope.resolveFunction(name, arity: arity) {
        case .parameter(let hops)?:
            return ParameterCallOp(hops: hops)
        case .function(let function, let hops)?:
            return makeCall(function, arguments, hops, scope)
        case nil:
            break
        }
        if let native = library.native(name, arity: arity) {
            return native.make(arguments.map { compile($0, scope) }, NativeContext(compiler: self, node: node, scope: scope, arguments: arguments))
        }
        if let function = library.definedFunction(name, arity: arity, compiler: self) {
            return makeCall(function, arguments, nil, scope)
        }
        error("\(name)/\(arity) is not defined", node)
        return EmptyOp()
    }

    func makeCall(_ function: CompiledFunction, _ arguments: [Node], _ hops: Int?, _ scope: Scope) -> Op {
        function.compileIfPending()
        var ops: [Op] = []
        var forwarded: [Int?] = []
        for argument in arguments {
            let op = compile(argument, scope)
            ops.append(op)
            forwarded.append((op as? ParameterCallOp)?.hops)
        }
        return CallOp(function: function, arguments: ops, forwardedParameters: forwarded, definitionHops: hops)
    }

    func compileAssignment(_ op: AssignOperator, _ target: Node, _ value: Node, _ scope: Scope) -> Op {
        let paths = compile(target, scope)
        let rhs = compile(value, scope)
        switch op {
        case .set: return AssignOp(paths: paths, value: rhs)
        case .update: return UpdateOp(paths: paths, update: rhs)
        case .arithmetic(let binary): return CombiningUpdateOp(paths: paths, operand: rhs, operator: binary)
        case .alternative: return CombiningUpdateOp(alternativePaths: paths, operand: rhs)
        }
    }
}

/// What a native builtin's factory may need besides its compiled arguments.
struct NativeContext {
    let compiler: Compiler
    let node: Node
    let scope: Scope
    let arguments: [Node]
}

/// A compile error with the program text it points into, printed as jq prints it:
///
/// ```
/// jq: error: $bar is not defined at <top-level>, line 1, column 20:
///     . as $foo | [$foo, $bar]
///                        ^^^^
/// ```
public struct CompileError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public var file: String
    var source: [UInt8]
    var start: Int
    var end: Int

    public var description: String {
        guard start >= 0 else { return "jq: error: \(message)" }
        // The line holding the start of the range.
        var lineStart = 0
        var line = 0
        var i = 0
        while i < start && i < source.count {
            if source[i] == 0x0A {
                line += 1
                lineStart = i + 1
            }
            i += 1
        }
        var lineEnd = lineStart
        while lineEnd < source.count && source[lineEnd] != 0x0A { lineEnd += 1 }
        let clampedEnd = min(end, max(lineEnd, start + 1))
        let column = start - lineStart + 1
        let lineText = String(decoding: source[lineStart..<lineEnd], as: UTF8.self)
        let pad = String(repeating: " ", count: max(0, start - lineStart))
        let carets = String(repeating: "^", count: max(1, clampedEnd - start))
        return "jq: error: \(message) at \(file), line \(line + 1), column \(column):\n    \(lineText)\n    \(pad)\(carets)"
    }
}

/// Raises a fixed error (a constant expression that fails, like `1 / 0`).
final class ErrorOp: Op {
    let error: any Error
    init(_ error: any Error) { self.error = error }

    override func run(_ input: Value, _ env: Env?, _ ctx: JQContext, _ emit: Emit) throws {
        throw error
    }
}
