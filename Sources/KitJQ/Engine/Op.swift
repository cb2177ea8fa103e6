import KitCore

/// A compiled filter: a node of the closure tree the compiler builds from the syntax tree.
///
/// Every filter is a generator. `run` calls `emit` once per output, in order; the call returns
/// when the filter has no more outputs (so backtracking is the return of `emit`). Errors are
/// Swift errors (`JQError`). Filters known to produce exactly one output also implement
/// `evaluate`, which their parents call directly instead of passing a continuation.
///
/// `paths` runs the filter as a path expression (`path(f)`, the left side of assignments):
/// each output carries the path it was found at. Filters that are not path expressions use
/// the default, which replaces the current value; jq then accepts the result only if it is
/// identical to the value at the path.
class Op {
    /// For the op a builtin's call compiles to: the builtin's name (for `DemandAnalysis`).
    var builtinName: String?

    /// True when `run` always emits exactly one value (or throws): `evaluate` is then valid.
    var isSingle: Bool { false }

    /// The default serves filters with one output.
    func run(_ input: Value, _ env: Env?, _ ctx: JQContext, _ emit: Emit) throws {
        try emit(try evaluate(input, env, ctx))
    }

    func evaluate(_ input: Value, _ env: Env?, _ ctx: JQContext) throws -> Value {
        fatalError("evaluate called on a generator \(type(of: self))")
    }

    func paths(_ input: PathValue, _ env: Env?, _ ctx: JQContext, _ emit: EmitPath) throws {
        try run(input.input, env, ctx) { v in
            try emit(PathValue(path: input.path, value: input.value, current: v))
        }
    }
}

/// Base class of filters with exactly one output.
class SingleOp: Op {
    override final var isSingle: Bool { true }

    override func run(_ input: Value, _ env: Env?, _ ctx: JQContext, _ emit: Emit) throws {
        try emit(try evaluate(input, env, ctx))
    }
}

/// Fails a path step taken on a value that no longer describes its path.
@inline(__always)
func requireIntact(_ p: PathValue, _ what: @autoclosure () -> String) throws {
    if !p.isIntact {
        throw JQError("Invalid path expression near attempt to \(what()) \(truncatedDump(p.input))")
    }
}

// MARK: basic filters

/// `.`
final class IdentityOp: SingleOp {
    override func evaluate(_ input: Value, _ env: Env?, _ ctx: JQContext) throws -> Value { input }

    override func paths(_ input: PathValue, _ env: Env?, _ ctx: JQContext, _ emit: EmitPath) throws {
        try emit(input)
    }
}

/// A constant.
final class ConstantOp: SingleOp {
    let value: Value
    init(_ value: Value) { self.value = value }

    override func evaluate(_ input: Value, _ env: Env?, _ ctx: JQContext) throws -> Value { value }
}

/// `empty`
final class EmptyOp: Op {
    override func run(_ input: Value, _ env: Env?, _ ctx: JQContext, _ emit: Emit) throws {}
    override func paths(_ input: PathValue, _ env: Env?, _ ctx: JQContext, _ emit: EmitPath) throws {}
}

/// `a | b`
final class PipeOp: Op {
    let first: Op
    let second: Op
    let single: Bool

    init(_ first: Op, _ second: Op) {
        self.first = first
        self.second = second
        self.single = first.isSingle && second.isSingle
    }

    override var isSingle: Bool { single }

    override func evaluate(_ input: Value, _ env: Env?, _ ctx: JQContext) throws -> Value {
        try second.evaluate(try first.evaluate(input, env, ctx), env, ctx)
    }

    override func run(_ input: Value, _ env: Env?, _ ctx: JQContext, _ emit: Emit) throws {
        if first.isSingle {
            try second.run(try first.evaluate(input, env, ctx), env, ctx, emit)
            return
        }
        let second = self.second
        try first.run(input, env, ctx) { v in try second.run(v, env, ctx, emit) }
    }

    override func paths(_ input: PathValue, _ env: Env?, _ ctx: JQContext, _ emit: EmitPath) throws {
        let second = self.second
        try first.paths(input, env, ctx) { p in try second.paths(p, env, ctx, emit) }
    }
}

/// `a, b`
final class CommaOp: Op {
    let first: Op
    let second: Op

    init(_ first: Op, _ second: Op) {
        self.first = first
        self.second = second
    }

    override func run(_ input: Value, _ env: Env?, _ ctx: JQContext, _ emit: Emit) throws {
        try first.run(input, env, ctx, emit)
        try second.run(input, env, ctx, emit)
    }

    override func paths(_ input: PathValue, _ env: Env?, _ ctx: JQContext, _ emit: EmitPath) throws {
        try first.paths(input, env, ctx, emit)
        try second.paths(input, env, ctx, emit)
    }
}

/// `.a.b.c` from the input: a chain of field lookups in one step.
final class FieldPathOp: SingleOp {
    let keys: [String]
    init(_ keys: [String]) { self.keys = keys }

    override func evaluate(_ input: Value, _ env: Env?, _ ctx: JQContext) throws -> Value {
        var v = input
        for key in keys {
            switch v {
            case .object(let o): v = o[key] ?? .null
            case .null: return .null
            default: throw JQError("Cannot index \(v.typeName) with string (\(truncatedDump(.string(key))))")
            }
        }
        return v
    }

    override func paths(_ input: PathValue, _ env: Env?, _ ctx: JQContext, _ emit: EmitPath) throws {
        var p = input
        for key in keys {
            try requireIntact(p, "access element \(truncatedDump(.string(key))) of")
            p = PathValue(path: p.path.appending(.string(key)), value: try Access.field(p.value, key))
        }
        try emit(p)
    }
}

/// `base[key]` and `base.name` (with `?`: errors from the indexing itself are dropped).
final class IndexOp: Op {
    let base: Op
    let key: Op
    let optional: Bool
    let single: Bool

    init(base: Op, key: Op, optional: Bool) {
        self.base = base
        self.key = key
        self.optional = optional
        self.single = !optional && base.isSingle && key.isSingle
    }

    override var isSingle: Bool { single }

    override func evaluate(_ input: Value, _ env: Env?, _ ctx: JQContext) throws -> Value {
        let k = try key.evaluate(input, env, ctx)
        return try Access.index(try base.evaluate(input, env, ctx), k)
    }

    override func run(_ input: Value, _ env: Env?, _ ctx: JQContext, _ emit: Emit) throws {
        let base = self.base
        let optional = self.optional
        // The key is evaluated first, against the same input as the base (`.a[.b]`).
        try key.run(input, env, ctx) { k in
            try base.run(input, env, ctx) { t in
                let v: Value
                do {
                    v = try Access.index(t, k)
                } catch {
                    if optional { return }
                    throw error
                }
                try emit(v)
            }
        }
    }

    override func paths(_ input: PathValue, _ env: Env?, _ ctx: JQContext, _ emit: EmitPath) throws {
        let base = self.base
        let optional = self.optional
        try key.run(input.input, env, ctx) { k in
            try base.paths(input, env, ctx) { p in
                try requireIntact(p, "access element \(truncatedDump(k)) of")
                let v: Value
                do {
                    v = try Access.index(p.value, k)
                } catch {
                    if optional { return }
                    throw error
                }
                try emit(PathValue(path: p.path.appending(k), value: v))
            }
        }
    }
}

/// `base[from:to]`
final class SliceOp: Op {
    let base: Op
    let from: Op?
    let to: Op?
    let optional: Bool

    init(base: Op, from: Op?, to: Op?, optional: Bool) {
        self.base = base
        self.from = from
        self.to = to
        self.optional = optional
    }

    /// The slice keys, in jq's order: the end varies fastest.
    func keys(_ input: Value, _ env: Env?, _ ctx: JQContext, _ body: (Value) throws -> Void) throws {
        let to = self.to
        let makeKey: (Value, Value) -> Value = { s, e in .object(Object(uniqueKeysWithValues: [("start", s), ("end", e)])) }
        if let from {
            try from.run(input, env, ctx) { s in
                if let to {
                    try to.run(input, env, ctx) { e in try body(makeKey(s, e)) }
                } else {
                    try body(makeKey(s, .null))
                }
            }
        } else if let to {
            try to.run(input, env, ctx) { e in try body(makeKey(.null, e)) }
        } else {
            try body(makeKey(.null, .null))
        }
    }

    override func run(_ input: Value, _ env: Env?, _ ctx: JQContext, _ emit: Emit) throws {
        let base = self.base
        let optional = self.optional
        try keys(input, env, ctx) { k in
            try base.run(input, env, ctx) { t in
                let v: Value
                do {
                    v = try Access.index(t, k)
                } catch {
                    if optional { return }
                    throw error
                }
                try emit(v)
            }
        }
    }

    override func paths(_ input: PathValue, _ env: Env?, _ ctx: JQContext, _ emit: EmitPath) throws {
        let base = self.base
        let optional = self.optional
        try keys(input.input, env, ctx) { k in
            try base.paths(input, env, ctx) { p in
                try requireIntact(p, "access element \(truncatedDump(k)) of")
                let v: Value
                do {
                    v = try Access.index(p.value, k)
                } catch {
                    if optional { return }
                    throw error
                }
                try emit(PathValue(path: p.path.appending(k), value: v))
            }
        }
    }
}

/// `base[]`
final class IterateOp: Op {
    let base: Op
    let optional: Bool

    init(base: Op, optional: Bool) {
        self.base = base
        self.optional = optional
    }

    @inline(__always)
    func each(_ t: Value, _ emit: Emit) throws {
        switch t {
        case .array(let items):
            for item in items { try emit(item) }
        case .object(let o):
            for (_, v) in o { try emit(v) }
        default:
            if optional { return }
            throw JQError("Cannot iterate over \(t.typeName) (\(truncatedDump(t)))")
        }
    }

    override func run(_ input: Value, _ env: Env?, _ ctx: JQContext, _ emit: Emit) throws {
        if base.isSingle {
            try each(try base.evaluate(input, env, ctx), emit)
            return
        }
        try base.run(input, env, ctx) { t in try self.each(t, emit) }
    }

    override func paths(_ input: PathValue, _ env: Env?, _ ctx: JQContext, _ emit: EmitPath) throws {
        let optional = self.optional
        try base.paths(input, env, ctx) { p in
            try requireIntact(p, "iterate through")
            switch p.value {
            case .array(let items):
                for (i, item) in items.enumerated() {
                    try emit(PathValue(path: p.path.appending(.int(i)), value: item))
                }
            case .object(let o):
                for (k, v) in o {
                    try emit(PathValue(path: p.path.appending(.string(k)), value: v))
                }
            default:
                if optional { return }
                throw JQError("Cannot iterate over \(p.value.typeName) (\(truncatedDump(p.value)))")
            }
        }
    }
}

/// `..`: the input and everything inside it, depth first (`recurse(.[]?)`).
final class RecurseAllOp: Op {
    override func run(_ input: Value, _ env: Env?, _ ctx: JQContext, _ emit: Emit) throws {
        try RecurseAllOp.walk(input, ctx, emit)
    }

    static func walk(_ v: Value, _ ctx: JQContext, _ emit: Emit) throws {
        try emit(v)
        switch v {
        case .array(let items):
            try ctx.checkStack()
            for item in items { try walk(item, ctx, emit) }
        case .object(let o):
            try ctx.checkStack()
            for (_, child) in o { try walk(child, ctx, emit) }
        default:
            break
        }
    }

    override func paths(_ input: PathValue, _ env: Env?, _ ctx: JQContext, _ emit: EmitPath) throws {
        try RecurseAllOp.walkPaths(input, ctx, emit)
    }

    static func walkPaths(_ p: PathValue, _ ctx: JQContext, _ emit: EmitPath) throws {
        try emit(p)
        switch p.value {
        case .array(let items):
            try ctx.checkStack()
            try requireIntact(p, "iterate through")
            for (i, item) in items.enumerated() {
                try walkPaths(PathValue(path: p.path.appending(.int(i)), value: item), ctx, emit)
            }
        case .object(let o):
            try ctx.checkStack()
            try requireIntact(p, "iterate through")
            for (k, child) in o {
                try walkPaths(PathValue(path: p.path.appending(.string(k)), value: child), ctx, emit)
            }
        default:
            break
        }
    }
}

/// `[f]`
final class CollectOp: SingleOp {
    let inner: Op
    init(_ inner: Op) { self.inner = inner }

    override func evaluate(_ input: Value, _ env: Env?, _ ctx: JQContext) throws -> Value {
        var items: [Value] = []
        try inner.run(input, env, ctx) { items.append($0) }
        return .array(items)
    }
}

/// `{k: v, …}`
final class ObjectOp: Op {
    /// Each entry's key and value filters; a nil value (`{"\(e)"}`) is the input's field
    /// named by the key.
    let entries: [(key: Op, value: Op?)]
    /// Constant keys when every key is a string literal (the common case).
    let constantKeys: [String]?
    let single: Bool

    init(entries: [(key: Op, value: Op?)]) {
        self.entries = entries
        var keys: [String] = []
        for entry in entries {
            if let c = entry.key as? ConstantOp, case .string(let s) = c.value { keys.append(s) } else { break }
        }
        self.constantKeys = keys.count == entries.count ? keys : nil
        self.single = constantKeys != nil && entries.allSatisfy { $0.value?.isSingle ?? false }
    }

    override var isSingle: Bool { single }

    override func evaluate(_ input: Value, _ env: Env?, _ ctx: JQContext) throws -> Value {
        var object = Object(minimumCapacity: entries.count)
        for (i, entry) in entries.enumerated() {
            object[constantKeys![i]] = try entry.value.unsafelyUnwrapped.evaluate(input, env, ctx)
        }
        return .object(object)
    }

    override func run(_ input: Value, _ env: Env?, _ ctx: JQContext, _ emit: Emit) throws {
        if single {
            try emit(try evaluate(input, env, ctx))
            return
        }
        try build(0, Object(minimumCapacity: entries.count), input, env, ctx, emit)
    }

    /// The cartesian product of the entries' outputs: earlier entries vary slowest, and within
    /// an entry the key varies slower than the value.
    func build(_ i: Int, _ object: Object, _ input: Value, _ env: Env?, _ ctx: JQContext, _ emit: Emit) throws {
        if i == entries.count {
            try emit(.object(object))
            return
        }
        let entry = entries[i]
        try entry.key.run(input, env, ctx) { k in
            guard case .string(let key) = k else {
                throw JQError("Cannot use \(k.typeName) (\(truncatedDump(k))) as object key")
            }
            guard let valueOp = entry.value else {
                var next = object
                next[key] = try Access.index(input, k)
                try self.build(i + 1, next, input, env, ctx, emit)
                return
            }
            try valueOp.run(input, env, ctx) { v in
                var next = object
                next[key] = v
                try self.build(i + 1, next, input, env, ctx, emit)
            }
        }
    }
}

/// Unary minus.
final class NegateOp: Op {
    let operand: Op
    init(_ operand: Op) { self.operand = operand }

    override var isSingle: Bool { operand.isSingle }

    static func negate(_ v: Value) throws -> Value {
        guard let r = negateNumber(v) else { throw typeError(v, "cannot be negated") }
        return r
    }

    override func evaluate(_ input: Value, _ env: Env?, _ ctx: JQContext) throws -> Value {
        try NegateOp.negate(try operand.evaluate(input, env, ctx))
    }

    override func run(_ input: Value, _ env: Env?, _ ctx: JQContext, _ emit: Emit) throws {
        try operand.run(input, env, ctx) { v in try emit(try NegateOp.negate(v)) }
    }
}

/// `a + b`, `a == b`, …: for each output of `b`, each output of `a` (jq's order).
final class BinaryOp: Op {
    let op: BinaryOperator
    let lhs: Op
    let rhs: Op
    let single: Bool

    init(_ op: BinaryOperator, _ lhs: Op, _ rhs: Op) {
        self.op = op
        self.lhs = lhs
        self.rhs = rhs
        self.single = lhs.isSingle && rhs.isSingle
    }

    override var isSingle: Bool { single }

    override func evaluate(_ input: Value, _ env: Env?, _ ctx: JQContext) throws -> Value {
        let b = try rhs.evaluate(input, env, ctx)
        let a = try lhs.evaluate(input, env, ctx)
        return try Arithmetic.apply(op, a, b)
    }

    override func run(_ input: Value, _ env: Env?, _ ctx: JQContext, _ emit: Emit) throws {
        if single {
            try emit(try evaluate(input, env, ctx))
            return
        }
        let lhs = self.lhs
        let op = self.op
        try rhs.run(input, env, ctx) { b in
            try lhs.run(input, env, ctx) { a in try emit(try Arithmetic.apply(op, a, b)) }
        }
    }
}

/// `a and b`, `a or b`: short-circuit, `b` only where `a` does not decide.
final class LogicOp: Op {
    let isAnd: Bool
    let lhs: Op
    let rhs: Op

    init(isAnd: Bool, _ lhs: Op, _ rhs: Op) {
        self.isAnd = isAnd
        self.lhs = lhs
        self.rhs = rhs
    }

    override var isSingle: Bool { lhs.isSingle && rhs.isSingle }

    override func evaluate(_ input: Value, _ env: Env?, _ ctx: JQContext) throws -> Value {
        let a = try lhs.evaluate(input, env, ctx).isTruthy
        if isAnd ? !a : a { return .bool(a) }
        return .bool(try rhs.evaluate(input, env, ctx).isTruthy)
    }

    override func run(_ input: Value, _ env: Env?, _ ctx: JQContext, _ emit: Emit) throws {
        let rhs = self.rhs
        let isAnd = self.isAnd
        try lhs.run(input, env, ctx) { a in
            let t = a.isTruthy
            if isAnd ? !t : t {
                try emit(.bool(t))
            } else {
                try rhs.run(input, env, ctx) { b in try emit(.bool(b.isTruthy)) }
            }
        }
    }
}

/// `a // b`: the truthy outputs of `a`, or, if there are none, the outputs of `b`.
final class AlternativeOp: Op {
    let lhs: Op
    let rhs: Op

    init(_ lhs: Op, _ rhs: Op) {
        self.lhs = lhs
        self.rhs = rhs
    }

    override var isSingle: Bool { lhs.isSingle && rhs.isSingle }

    override func evaluate(_ input: Value, _ env: Env?, _ ctx: JQContext) throws -> Value {
        let a = try lhs.evaluate(input, env, ctx)
        return a.isTruthy ? a : try rhs.evaluate(input, env, ctx)
    }

    override func run(_ input: Value, _ env: Env?, _ ctx: JQContext, _ emit: Emit) throws {
        var found = false
        try lhs.run(input, env, ctx) { a in
            if a.isTruthy {
                found = true
                try emit(a)
            }
        }
        if !found { try rhs.run(input, env, ctx, emit) }
    }

    override func paths(_ input: PathValue, _ env: Env?, _ ctx: JQContext, _ emit: EmitPath) throws {
        var found = false
        try lhs.paths(input, env, ctx) { p in
            if p.input.isTruthy {
                found = true
                try emit(p)
            }
        }
        if !found { try rhs.paths(input, env, ctx, emit) }
    }
}

/// `if c then a elif … else b end` (without `else`, the input passes through).
final class IfOp: Op {
    let condition: Op
    let then: Op
    let otherwise: Op

    init(condition: Op, then: Op, otherwise: Op) {
        self.condition = condition
        self.then = then
        self.otherwise = otherwise
    }

    override var isSingle: Bool { condition.isSingle && then.isSingle && otherwise.isSingle }

    override func evaluate(_ input: Value, _ env: Env?, _ ctx: JQContext) throws -> Value {
        try condition.evaluate(input, env, ctx).isTruthy
            ? then.evaluate(input, env, ctx) : otherwise.evaluate(input, env, ctx)
    }

    override func run(_ input: Value, _ env: Env?, _ ctx: JQContext, _ emit: Emit) throws {
        if condition.isSingle {
            let c = try condition.evaluate(input, env, ctx)
            try (c.isTruthy ? then : otherwise).run(input, env, ctx, emit)
            return
        }
        try condition.run(input, env, ctx) { c in
            try (c.isTruthy ? self.then : self.otherwise).run(input, env, ctx, emit)
        }
    }

    override func paths(_ input: PathValue, _ env: Env?, _ ctx: JQContext, _ emit: EmitPath) throws {
        try condition.run(input.input, env, ctx) { c in
            try (c.isTruthy ? self.then : self.otherwise).paths(input, env, ctx, emit)
        }
    }
}

/// `try body catch handler` and `body?`.
///
/// Errors raised by the body are caught (the body then stops, as in jq 1.7+); errors raised
/// downstream of an output pass through unchanged, as do `halt` and internal stops.
final class TryOp: Op {
    let body: Op
    let handler: Op?

    init(body: Op, handler: Op?) {
        self.body = body
        self.handler = handler
    }

    override func run(_ input: Value, _ env: Env?, _ ctx: JQContext, _ emit: Emit) throws {
        let token = ctx.nextToken()
        do {
            try body.run(input, env, ctx) { v in
                do {
                    try emit(v)
                } catch {
                    throw EscapedError(token: token, inner: error)
                }
            }
        } catch let escaped as EscapedError where escaped.token == token {
            throw escaped.inner
        } catch let error as JQError {
            // `error(null)` is caught as null; jq's `break` reaches a user handler too.
            try handler?.run(error.value, env, ctx, emit)
        }
    }

    override func paths(_ input: PathValue, _ env: Env?, _ ctx: JQContext, _ emit: EmitPath) throws {
        let token = ctx.nextToken()
        do {
            try body.paths(input, env, ctx) { p in
                do {
                    try emit(p)
                } catch {
                    throw EscapedError(token: token, inner: error)
                }
            }
        } catch let escaped as EscapedError where escaped.token == token {
            throw escaped.inner
        } catch let error as JQError {
            try handler?.paths(PathValue(path: input.path, value: input.value, current: error.value), env, ctx, emit)
        }
    }
}
