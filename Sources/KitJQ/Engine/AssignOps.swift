import KitCore

extension Op {
    /// Runs `self` as a path expression on `input`, calling `body` with each path (as keys).
    /// A result that is not a path (`path(1)`) fails as jq fails it.
    func forEachPath(_ input: Value, _ env: Env?, _ ctx: JQContext, _ body: ([Value]) throws -> Void) throws {
        try paths(PathValue(path: nil, value: input), env, ctx) { p in
            if !p.isIntact { throw JQError("Invalid path expression with result \(truncatedDump(p.input))") }
            try body(p.path.array)
        }
    }

    /// All paths of the path expression on `input`. Collected before an assignment changes the
    /// value, so that the value is not shared with a running path expression while it changes
    /// (which would copy it at every step).
    func collectPaths(_ input: Value, _ env: Env?, _ ctx: JQContext) throws -> [[Value]] {
        var result: [[Value]] = []
        try forEachPath(input, env, ctx) { result.append($0) }
        return result
    }

    /// The first output of the filter, or nil when it has none (later outputs are not
    /// computed).
    func firstOutput(_ input: Value, _ env: Env?, _ ctx: JQContext) throws -> Value? {
        if isSingle { return try evaluate(input, env, ctx) }
        var result: Value? = nil
        let token = ctx.nextToken()
        do {
            try run(input, env, ctx) { v in
                result = v
                throw StopSignal(token: token)
            }
        } catch let stop as StopSignal where stop.token == token {}
        return result
    }
}

/// In-place application: filters that turn one value into one value and can change it where
/// it lies (`.a = 1`, `. + [$x]`, `.[$k] += 1`) do so, so that `reduce` and `|=` build large
/// values in linear time instead of copying them at every step.
protocol InPlaceUpdating: Op {
    /// True when `apply(to:)` is valid for this filter.
    var canApplyInPlace: Bool { get }
    /// Replaces `value` with the filter's single output on it.
    func apply(to value: inout Value, _ env: Env?, _ ctx: JQContext) throws
}

extension Op {
    /// The filter's single output on `value`, computed in place where the filter allows it.
    @inline(__always)
    func update(_ value: inout Value, _ env: Env?, _ ctx: JQContext) throws {
        if let inPlace = self as? InPlaceUpdating, inPlace.canApplyInPlace {
            try inPlace.apply(to: &value, env, ctx)
        } else {
            let old = value
            value = .null
            value = try evaluate(old, env, ctx)
        }
    }

    /// True when `update` is valid: the filter always produces exactly one output.
    var canUpdate: Bool {
        if let inPlace = self as? InPlaceUpdating, inPlace.canApplyInPlace { return true }
        return isSingle
    }
}

/// `paths = value`: for each value (computed on the input), the input with every path set to it.
final class AssignOp: Op, InPlaceUpdating {
    let pathsOp: Op
    let value: Op

    init(paths: Op, value: Op) {
        self.pathsOp = paths
        self.value = value
    }

    var canApplyInPlace: Bool { value.isSingle }

    func apply(to target: inout Value, _ env: Env?, _ ctx: JQContext) throws {
        let v = try value.evaluate(target, env, ctx)
        for keys in try pathsOp.collectPaths(target, env, ctx) {
            try Access.setPath(&target, .array(keys), v)
        }
    }

    override var isSingle: Bool { value.isSingle }

    override func evaluate(_ input: Value, _ env: Env?, _ ctx: JQContext) throws -> Value {
        var result = input
        try apply(to: &result, env, ctx)
        return result
    }

    override func run(_ input: Value, _ env: Env?, _ ctx: JQContext, _ emit: Emit) throws {
        let pathsOp = self.pathsOp
        try value.run(input, env, ctx) { v in
            var result = input
            for keys in try pathsOp.collectPaths(input, env, ctx) {
                try Access.setPath(&result, .array(keys), v)
            }
            try emit(result)
        }
    }
}

/// `paths |= f`: each path's value replaced by the first output of `f` on it; paths where
/// `f` produces nothing are deleted (jq 1.7+).
final class UpdateOp: Op, InPlaceUpdating {
    let pathsOp: Op
    let updater: Op

    init(paths: Op, update: Op) {
        self.pathsOp = paths
        self.updater = update
    }

    var canApplyInPlace: Bool { true }
    override var isSingle: Bool { true }

    func apply(to target: inout Value, _ env: Env?, _ ctx: JQContext) throws {
        var deletions: [Value] = []
        let updater = self.updater
        let direct = updater.canUpdate
        for keys in try pathsOp.collectPaths(target, env, ctx) {
            let changed = try Access.modify(&target, keys[...]) { v in
                if direct {
                    try updater.update(&v, env, ctx)
                    return true
                }
                guard let u = try updater.firstOutput(v, env, ctx) else { return false }
                v = u
                return true
            }
            if !changed { deletions.append(.array(keys)) }
        }
        if !deletions.isEmpty { target = try Access.deletePaths(target, .array(deletions)) }
    }

    override func evaluate(_ input: Value, _ env: Env?, _ ctx: JQContext) throws -> Value {
        var result = input
        try apply(to: &result, env, ctx)
        return result
    }
}

/// `paths op= value` (`+=`, `-=`, …, and `//=`): for each value of the right side (computed
/// on the input), every path's value combined with it.
final class CombiningUpdateOp: Op, InPlaceUpdating {
    let pathsOp: Op
    let operand: Op
    /// Combines a path's value (in place) with the right side's value.
    let combine: (inout Value, Value) throws -> Void

    init(paths: Op, operand: Op, combine: @escaping (inout Value, Value) throws -> Void) {
        self.pathsOp = paths
        self.operand = operand
        self.combine = combine
    }

    /// `a op= b`
    convenience init(paths: Op, operand: Op, operator op: BinaryOperator) {
        self.init(paths: paths, operand: operand) { v, rhs in try Arithmetic.applyInPlace(op, &v, rhs) }
    }

    /// `a //= b`: paths whose value is false or null get the right side's value.
    convenience init(alternativePaths paths: Op, operand: Op) {
        self.init(paths: paths, operand: operand) { v, rhs in if !v.isTruthy { v = rhs } }
    }

    var canApplyInPlace: Bool { operand.isSingle }
    override var isSingle: Bool { operand.isSingle }

    func combine(_ target: inout Value, _ rhs: Value, _ env: Env?, _ ctx: JQContext) throws {
        let combine = self.combine
        for keys in try pathsOp.collectPaths(target, env, ctx) {
            try Access.modify(&target, keys[...]) { v in
                try combine(&v, rhs)
                return true
            }
        }
    }

    func apply(to target: inout Value, _ env: Env?, _ ctx: JQContext) throws {
        let rhs = try operand.evaluate(target, env, ctx)
        try combine(&target, rhs, env, ctx)
    }

    override func evaluate(_ input: Value, _ env: Env?, _ ctx: JQContext) throws -> Value {
        var result = input
        try apply(to: &result, env, ctx)
        return result
    }

    override func run(_ input: Value, _ env: Env?, _ ctx: JQContext, _ emit: Emit) throws {
        try operand.run(input, env, ctx) { rhs in
            var result = input
            try self.combine(&result, rhs, env, ctx)
            try emit(result)
        }
    }
}

extension IdentityOp: InPlaceUpdating {
    var canApplyInPlace: Bool { true }
    func apply(to value: inout Value, _ env: Env?, _ ctx: JQContext) throws {}
}

extension BinaryOp: InPlaceUpdating {
    /// `. + x`, `. - x`, `. * x` with a single `x`: the input changes where it lies.
    var canApplyInPlace: Bool {
        lhs is IdentityOp && rhs.isSingle && (op == .add || op == .subtract || op == .multiply)
    }

    func apply(to value: inout Value, _ env: Env?, _ ctx: JQContext) throws {
        let b = try rhs.evaluate(value, env, ctx)
        try Arithmetic.applyInPlace(op, &value, b)
    }
}

extension PipeOp: InPlaceUpdating {
    var canApplyInPlace: Bool { first.canUpdate && second.canUpdate }

    func apply(to value: inout Value, _ env: Env?, _ ctx: JQContext) throws {
        try first.update(&value, env, ctx)
        try second.update(&value, env, ctx)
    }
}

extension IfOp: InPlaceUpdating {
    var canApplyInPlace: Bool { condition.isSingle && then.canUpdate && otherwise.canUpdate }

    func apply(to value: inout Value, _ env: Env?, _ ctx: JQContext) throws {
        if try condition.evaluate(value, env, ctx).isTruthy {
            try then.update(&value, env, ctx)
        } else {
            try otherwise.update(&value, env, ctx)
        }
    }
}

extension Arithmetic {
    /// `a = a op b`, reusing `a`'s storage for arrays, objects and strings when it is unique.
    static func applyInPlace(_ op: BinaryOperator, _ a: inout Value, _ b: Value) throws {
        switch (op, a, b) {
        case (.add, .array(var x), .array(let y)):
            a = .null
            x.append(contentsOf: y)
            a = .array(x)
        case (.add, .object(var x), .object(let y)):
            a = .null
            for (k, v) in y { x[k] = v }
            a = .object(x)
        case (.add, .string(var x), .string(let y)):
            a = .null
            x += y
            a = .string(x)
        default:
            let old = a
            a = .null
            a = try apply(op, old, b)
        }
    }
}
