import KitCore

/// `$name`: the value `hops` environment nodes up.
final class VariableOp: SingleOp {
    let hops: Int
    init(hops: Int) { self.hops = hops }

    override func evaluate(_ input: Value, _ env: Env?, _ ctx: JQContext) throws -> Value {
        env.up(hops).unsafelyUnwrapped.value
    }
}

/// A destructuring pattern with its variables resolved to slots of the binding's frame.
indirect enum Matcher {
    case variable(slot: Int)
    case array([Matcher])
    /// Entries: key filter (run on the value being destructured), an optional slot for
    /// `$name` (which binds the whole field), and an optional nested pattern.
    case object([(key: Op, slot: Int?, pattern: Matcher?)])

    /// Assigns `value` to the slots, calling `body` once per way the pattern matches (key
    /// filters can produce several keys). `env` is the environment outside the binding.
    func match(_ value: Value, _ slots: inout [Value], _ env: Env?, _ ctx: JQContext, _ body: (inout [Value]) throws -> Void) throws {
        switch self {
        case .variable(let slot):
            slots[slot] = value
            try body(&slots)
        case .array(let items):
            try Matcher.matchArray(items[...], 0, value, &slots, env, ctx, body)
        case .object(let entries):
            try Matcher.matchObject(entries[...], value, &slots, env, ctx, body)
        }
    }

    static func matchArray(
        _ items: ArraySlice<Matcher>, _ index: Int, _ value: Value, _ slots: inout [Value], _ env: Env?, _ ctx: JQContext,
        _ body: (inout [Value]) throws -> Void
    ) throws {
        guard let first = items.first else {
            try body(&slots)
            return
        }
        let element = try Access.index(value, .int(index))
        try first.match(element, &slots, env, ctx) { slots in
            try matchArray(items.dropFirst(), index + 1, value, &slots, env, ctx, body)
        }
    }

    static func matchObject(
        _ entries: ArraySlice<(key: Op, slot: Int?, pattern: Matcher?)>, _ value: Value, _ slots: inout [Value], _ env: Env?,
        _ ctx: JQContext, _ body: (inout [Value]) throws -> Void
    ) throws {
        guard let entry = entries.first else {
            try body(&slots)
            return
        }
        var keys: [Value] = []
        try entry.key.run(value, env, ctx) { keys.append($0) }
        for key in keys {
            let field = try Access.index(value, key)
            if let slot = entry.slot { slots[slot] = field }
            if let pattern = entry.pattern {
                try pattern.match(field, &slots, env, ctx) { slots in
                    try matchObject(entries.dropFirst(), value, &slots, env, ctx, body)
                }
            } else {
                try matchObject(entries.dropFirst(), value, &slots, env, ctx, body)
            }
        }
    }
}

/// The patterns of one binding (`as $x`, `as [$a, $b]`, `as P1 ?// P2 …`) over a frame of
/// `slotCount` variables, pushed onto the environment in slot order.
struct Destructuring {
    let alternatives: [Matcher]
    let slotCount: Int

    /// Calls `body` with the environment extended by each way `value` matches. With several
    /// alternatives, an error in an alternative (in the pattern or in `body`, as in jq) moves
    /// on to the next one with all variables reset to null; errors in the last propagate.
    @inline(__always)
    func bind(_ value: Value, _ env: Env?, _ ctx: JQContext, _ body: (Env?) throws -> Void) throws {
        if alternatives.count == 1, case .variable = alternatives[0], slotCount == 1 {
            try body(Env(parent: env, value: value))
            return
        }
        for (i, matcher) in alternatives.enumerated() {
            var slots = [Value](repeating: .null, count: slotCount)
            do {
                try matcher.match(value, &slots, env, ctx) { slots in
                    var e = env
                    for v in slots { e = Env(parent: e, value: v) }
                    try body(e)
                }
                return
            } catch let error as JQError where i < alternatives.count - 1 {
                _ = error
                continue
            }
        }
    }
}

/// `source as patterns | body`
final class BindOp: Op {
    let source: Op
    let destructuring: Destructuring
    let body: Op

    init(source: Op, destructuring: Destructuring, body: Op) {
        self.source = source
        self.destructuring = destructuring
        self.body = body
    }

    override var isSingle: Bool {
        source.isSingle && body.isSingle && destructuring.alternatives.count == 1 && destructuring.isSimple
    }

    override func evaluate(_ input: Value, _ env: Env?, _ ctx: JQContext) throws -> Value {
        let v = try source.evaluate(input, env, ctx)
        var slots = [Value](repeating: .null, count: destructuring.slotCount)
        var result: Value = .null
        try destructuring.alternatives[0].match(v, &slots, env, ctx) { slots in
            var e = env
            for s in slots { e = Env(parent: e, value: s) }
            result = try body.evaluate(input, e, ctx)
        }
        return result
    }

    override func run(_ input: Value, _ env: Env?, _ ctx: JQContext, _ emit: Emit) throws {
        let body = self.body
        let destructuring = self.destructuring
        try source.run(input, env, ctx) { v in
            try destructuring.bind(v, env, ctx) { e in try body.run(input, e, ctx, emit) }
        }
    }

    override func paths(_ input: PathValue, _ env: Env?, _ ctx: JQContext, _ emit: EmitPath) throws {
        let body = self.body
        let destructuring = self.destructuring
        try source.run(input.input, env, ctx) { v in
            try destructuring.bind(v, env, ctx) { e in try body.paths(input, e, ctx, emit) }
        }
    }
}

extension Destructuring {
    /// True when matching cannot generate several bindings or fail (plain variables and
    /// arrays of them).
    var isSimple: Bool {
        func simple(_ m: Matcher) -> Bool {
            switch m {
            case .variable: return true
            case .array, .object: return false
            }
        }
        return alternatives.allSatisfy(simple)
    }
}

/// `reduce source as patterns (initial; update)`
final class ReduceOp: Op {
    let source: Op
    let destructuring: Destructuring
    let initial: Op
    let update: Op

    init(source: Op, destructuring: Destructuring, initial: Op, update: Op) {
        self.source = source
        self.destructuring = destructuring
        self.initial = initial
        self.update = update
    }

    override var isSingle: Bool { initial.isSingle }

    override func evaluate(_ input: Value, _ env: Env?, _ ctx: JQContext) throws -> Value {
        try reduce(try initial.evaluate(input, env, ctx), input, env, ctx)
    }

    override func run(_ input: Value, _ env: Env?, _ ctx: JQContext, _ emit: Emit) throws {
        try initial.run(input, env, ctx) { start in
            try emit(try self.reduce(start, input, env, ctx))
        }
    }

    func reduce(_ start: Value, _ input: Value, _ env: Env?, _ ctx: JQContext) throws -> Value {
        var state = start
        let update = self.update
        let destructuring = self.destructuring
        let direct = update.canUpdate
        try source.run(input, env, ctx) { item in
            try destructuring.bind(item, env, ctx) { e in
                if direct {
                    // One output: computed where the state lies (in place when possible).
                    try update.update(&state, e, ctx)
                } else {
                    // The last output is the new state; no output makes it null.
                    let current = state
                    state = .null
                    try update.run(current, e, ctx) { state = $0 }
                }
            }
        }
        return state
    }

    override func paths(_ input: PathValue, _ env: Env?, _ ctx: JQContext, _ emit: EmitPath) throws {
        // jq keeps the path of the initial value; the state must stay identical to it.
        try initial.paths(input, env, ctx) { start in
            let result = try self.reduce(start.input, input.input, env, ctx)
            try emit(PathValue(path: start.path, value: start.value, current: result))
        }
    }
}

/// `foreach source as patterns (initial; update; extract)`
final class ForeachOp: Op {
    let source: Op
    let destructuring: Destructuring
    let initial: Op
    let update: Op
    let extract: Op?

    init(source: Op, destructuring: Destructuring, initial: Op, update: Op, extract: Op?) {
        self.source = source
        self.destructuring = destructuring
        self.initial = initial
        self.update = update
        self.extract = extract
    }

    override func run(_ input: Value, _ env: Env?, _ ctx: JQContext, _ emit: Emit) throws {
        let update = self.update
        let extract = self.extract
        let destructuring = self.destructuring
        let source = self.source
        let direct = update.canUpdate
        try initial.run(input, env, ctx) { start in
            var state = start
            try source.run(input, env, ctx) { item in
                try destructuring.bind(item, env, ctx) { e in
                    if direct {
                        try update.update(&state, e, ctx)
                        if let extract {
                            try extract.run(state, e, ctx, emit)
                        } else {
                            try emit(state)
                        }
                        return
                    }
                    let current = state
                    state = .null
                    try update.run(current, e, ctx) { next in
                        state = next
                        if let extract {
                            try extract.run(next, e, ctx, emit)
                        } else {
                            try emit(next)
                        }
                    }
                }
            }
        }
    }

    override func paths(_ input: PathValue, _ env: Env?, _ ctx: JQContext, _ emit: EmitPath) throws {
        // As in jq: the source runs as a path expression and the extraction continues from
        // its path, so `foreach … ($item)` (as `limit` uses it) keeps the item's path.
        let update = self.update
        let extract = self.extract
        let destructuring = self.destructuring
        let source = self.source
        try initial.run(input.input, env, ctx) { start in
            var state = start
            try source.paths(input, env, ctx) { item in
                try destructuring.bind(item.input, env, ctx) { e in
                    let current = state
                    state = .null
                    try update.run(current, e, ctx) { next in
                        state = next
                        let at = PathValue(path: item.path, value: item.value, current: next)
                        if let extract {
                            try extract.paths(at, e, ctx, emit)
                        } else {
                            try emit(at)
                        }
                    }
                }
            }
        }
    }
}

/// `label $name | body`: a `break $name` inside ends the body. jq implements breaks as
/// errors carrying `{"__jq": id}`; this does the same, so `try` sees them as jq's does.
final class LabelOp: Op {
    let body: Op
    init(body: Op) { self.body = body }

    func labelValue(_ ctx: JQContext) -> Value {
        ctx.labelCounter += 1
        return .object(Object(uniqueKeysWithValues: [("__jq", .int(ctx.labelCounter))]))
    }

    override func run(_ input: Value, _ env: Env?, _ ctx: JQContext, _ emit: Emit) throws {
        let label = labelValue(ctx)
        do {
            try body.run(input, Env(parent: env, value: label), ctx, emit)
        } catch let error as JQError where error.value == label {
        }
    }

    override func paths(_ input: PathValue, _ env: Env?, _ ctx: JQContext, _ emit: EmitPath) throws {
        let label = labelValue(ctx)
        do {
            try body.paths(input, Env(parent: env, value: label), ctx, emit)
        } catch let error as JQError where error.value == label {
        }
    }
}

/// `break $name`
final class BreakOp: Op {
    let hops: Int
    init(hops: Int) { self.hops = hops }

    override func run(_ input: Value, _ env: Env?, _ ctx: JQContext, _ emit: Emit) throws {
        throw JQError(env.up(hops).unsafelyUnwrapped.value)
    }

    override func paths(_ input: PathValue, _ env: Env?, _ ctx: JQContext, _ emit: EmitPath) throws {
        throw JQError(env.up(hops).unsafelyUnwrapped.value)
    }
}
