import KitCore

/// Applies a `@format` to a value (jq's `format` builtin).
func applyFormat(_ name: String, _ value: Value) throws -> String {
    switch name {
    case "text": return stringify(value)
    case "json": return dump(value)
    default:
        do {
            return try JQFormats.apply(name, to: value)
        } catch {
            throw JQError(error.message)
        }
    }
}

/// `"text \(a) text \(b)"`, optionally under a format: each combination of the
/// interpolations' outputs (the last varying slowest, as in jq) formatted and joined.
final class StringOp: Op {
    enum Piece {
        case text(String)
        case value(Op)
    }

    let pieces: [Piece]
    let format: String
    let interpolations: [Op]
    let single: Bool

    init(pieces: [Piece], format: String, node: Node, compiler: Compiler) {
        self.pieces = pieces
        self.format = format
        self.interpolations = pieces.compactMap { if case .value(let op) = $0 { return op } else { return nil } }
        self.single = interpolations.allSatisfy(\.isSingle)
    }

    override var isSingle: Bool { single }

    func assemble(_ values: [String]) -> Value {
        var out = ""
        var i = 0
        for piece in pieces {
            switch piece {
            case .text(let t): out += t
            case .value:
                out += values[i]
                i += 1
            }
        }
        return .string(out)
    }

    override func evaluate(_ input: Value, _ env: Env?, _ ctx: JQContext) throws -> Value {
        var values = [String](repeating: "", count: interpolations.count)
        for i in interpolations.indices.reversed() {
            values[i] = try applyFormat(format, try interpolations[i].evaluate(input, env, ctx))
        }
        return assemble(values)
    }

    override func run(_ input: Value, _ env: Env?, _ ctx: JQContext, _ emit: Emit) throws {
        if single {
            try emit(try evaluate(input, env, ctx))
            return
        }
        var values = [String](repeating: "", count: interpolations.count)
        try combine(interpolations.count - 1, &values, input, env, ctx, emit)
    }

    func combine(_ i: Int, _ values: inout [String], _ input: Value, _ env: Env?, _ ctx: JQContext, _ emit: Emit) throws {
        if i < 0 {
            try emit(assemble(values))
            return
        }
        let format = self.format
        try interpolations[i].run(input, env, ctx) { v in
            values[i] = try applyFormat(format, v)
            try combine(i - 1, &values, input, env, ctx, emit)
        }
    }
}

/// `@name` on its own: the input formatted.
final class FormatOp: SingleOp {
    let format: String
    let operand: Op

    init(format: String, operand: Op, node: Node, compiler: Compiler) {
        self.format = format
        self.operand = operand
    }

    override func evaluate(_ input: Value, _ env: Env?, _ ctx: JQContext) throws -> Value {
        .string(try applyFormat(format, input))
    }
}
