import KitCore

/// The builtins written in Swift: those jq writes in C, and those whose jq definitions would
/// be slow (`map`, `select`, `sort_by`, `add`, `join`, …) with the same results and messages.
extension BuiltinLibrary {
    func registerNatives() {
        registerCore()
        registerGenerators()
        registerPaths()
        registerCollections()
        registerStrings()
        registerSystem()
        registerLibraryBridges()
    }

    // MARK: core

    private func registerCore() {
        register("empty", 0) { _, _ in EmptyOp() }
        function0("not") { .bool(!$0.isTruthy) }
        register("select", 1) { args, _ in SelectOp(condition: args[0]) }
        register("map", 1) { args, _ in CollectOp(PipeOp(IterateOp(base: IdentityOp(), optional: false), args[0])) }
        register("recurse", 0) { _, _ in RecurseAllOp() }
        register("recurse", 1) { args, _ in RecurseOp(step: args[0], condition: nil) }
        register("recurse", 2) { args, _ in RecurseOp(step: args[0], condition: args[1]) }
        function0("length") { v in
            switch v {
            case .array(let a): return .int(a.count)
            case .object(let o): return .int(o.count)
            case .string(let s): return .int(s.unicodeScalars.count)
            case .null: return .int(0)
            case .bool: throw typeError(v, "has no length")
            default: return numberAbs(v)
            }
        }
        function0("utf8bytelength") { v in
            guard case .string(let s) = v else { throw typeError(v, "only strings have UTF-8 byte length") }
            return .int(s.utf8.count)
        }
        function0("type") { .string($0.typeName) }
        function0("infinite") { _ in .double(.infinity) }
        function0("nan") { _ in .double(.nan) }
        function0("isinfinite") { v in .bool(v.number.map { $0.isInfinite } ?? false) }
        function0("isnan") { v in .bool(v.number.map { $0.isNaN } ?? false) }
        function0("isnormal") { v in .bool(v.number.map { $0.isNormal } ?? false) }
        function0("have_decnum") { _ in .bool(true) }
        function0("have_literal_numbers") { _ in .bool(true) }
        function0("tostring") { .string(stringify($0)) }
        function0("tojson") { .string(dump($0)) }
        function0("fromjson") { v in
            guard case .string(let s) = v else { throw typeError(v, "only strings can be parsed") }
            return try parseJSONText(s)
        }
        function0("tonumber") { v in
            switch v {
            case .int, .double, .decimal: return v
            case .string(let s):
                guard let n = parseNumberLiteral(s) else { throw typeError(v, "cannot be parsed as a number") }
                return n
            default: throw typeError(v, "cannot be parsed as a number")
            }
        }
        function0("toboolean") { v in
            switch v {
            case .bool: return v
            case .string("true"): return .bool(true)
            case .string("false"): return .bool(false)
            default: throw typeError(v, "cannot be parsed as a boolean")
            }
        }
        function0("keys") { v in
            switch v {
            case .object(let o): return .array(o.keys.sorted(by: utf8Less).map { .string($0) })
            case .array(let a): return .array((0..<a.count).map { .int($0) })
            default: throw typeError(v, "has no keys")
            }
        }
        function0("keys_unsorted") { v in
            switch v {
            case .object(let o): return .array(o.keys.map { .string($0) })
            case .array(let a): return .array((0..<a.count).map { .int($0) })
            default: throw typeError(v, "has no keys")
            }
        }
        function("has", 1) { v, args in .bool(try Access.has(v, args[0])) }
        function("contains", 1) { v, args in
            guard sameKind(v, args[0]) else { throw typeError(v, args[0], "cannot have their containment checked") }
            return .bool(try contains(v, args[0]))
        }
        function("_negate", 0) { v, _ in try NegateOp.negate(v) }
        function("error", 0) { v, _ in throw JQError(v) }
        function("error", 1) { _, args in throw JQError(args[0]) }
        function("format", 1) { v, args in
            guard case .string(let name) = args[0] else { throw typeError(args[0], "is not a valid format") }
            return .string(try applyFormat(name, v))
        }
        // Named arithmetic, as jq exposes its operators.
        for (name, op) in [("_plus", BinaryOperator.add), ("_minus", .subtract), ("_multiply", .multiply), ("_divide", .divide),
                           ("_mod", .modulo), ("_equal", .equal), ("_notequal", .notEqual), ("_less", .less),
                           ("_lesseq", .lessOrEqual), ("_greater", .greater), ("_greatereq", .greaterOrEqual)] {
            function(name, 2) { _, args in try Arithmetic.apply(op, args[0], args[1]) }
        }
    }

    // MARK: generators and control

    private func registerGenerators() {
        register("range", 1) { args, _ in
            let upto = args[0]
            return NativeOp { input, env, ctx, emit in
                try upto.run(input, env, ctx) { n in try rangeValues(.int(0), n, emit) }
            }
        }
        register("range", 2) { args, _ in
            let (from, upto) = (args[0], args[1])
            return NativeOp { input, env, ctx, emit in
                try from.run(input, env, ctx) { f in
                    try upto.run(input, env, ctx) { u in try rangeValues(f, u, emit) }
                }
            }
        }
        register("range", 3) { args, _ in
            let (from, upto, by) = (args[0], args[1], args[2])
            return NativeOp { input, env, ctx, emit in
                try from.run(input, env, ctx) { f in
                    try upto.run(input, env, ctx) { u in
                        try by.run(input, env, ctx) { b in try rangeValues(f, u, by: b, emit) }
                    }
                }
            }
        }
        register("limit", 2) { args, _ in LimitOp(count: args[0], generator: args[1]) }
        register("skip", 2) { args, _ in SkipOp(count: args[0], generator: args[1]) }
        register("first", 1) { args, _ in FirstOp(generator: args[0]) }
        register("last", 1) { args, _ in LastOp(generator: args[0]) }
        register("nth", 2) { args, _ in NthOp(index: args[0], generator: args[1]) }
        register("isempty", 1) { args, _ in
            let g = args[0]
            return NativeOp { input, env, ctx, emit in
                try emit(.bool(try g.firstOutput(input, env, ctx) == nil))
            }
        }
        register("any", 0) { _, _ in
            UnaryNativeOp { v in .bool(try iterateValues(v).contains { $0.isTruthy }) }
        }
        register("all", 0) { _, _ in
            UnaryNativeOp { v in .bool(try iterateValues(v).allSatisfy { $0.isTruthy }) }
        }
        let each = IterateOp(base: IdentityOp(), optional: false)
        register("any", 1) { args, _ in QuantifierOp(isAll: false, generator: each, condition: args[0]) }
        register("all", 1) { args, _ in QuantifierOp(isAll: true, generator: each, condition: args[0]) }
        register("any", 2) { args, _ in QuantifierOp(isAll: false, generator: args[0], condition: args[1]) }
        register("all", 2) { args, _ in QuantifierOp(isAll: true, generator: args[0], condition: args[1]) }
        register("until", 2) { args, _ in UntilOp(condition: args[0], next: args[1]) }
        register("while", 2) { args, _ in WhileOp(condition: args[0], update: args[1]) }
        register("repeat", 1) { args, _ in
            let f = args[0]
            return NativeOp({ input, env, ctx, emit in
                while true { try f.run(input, env, ctx, emit) }
            }, paths: { input, env, ctx, emit in
                while true { try f.paths(input, env, ctx, emit) }
            })
        }
        register("add", 0) { _, _ in
            UnaryNativeOp { v in
                var total: Value = .null
                try forEachValue(v) { try Arithmetic.applyInPlace(.add, &total, $0) }
                return total
            }
        }
        register("add", 1) { args, _ in
            let f = args[0]
            return NativeOp { input, env, ctx, emit in
                var total: Value = .null
                try f.run(input, env, ctx) { try Arithmetic.applyInPlace(.add, &total, $0) }
                try emit(total)
            }
        }
    }

    // MARK: paths

    private func registerPaths() {
        register("path", 1) { args, _ in
            let f = args[0]
            return NativeOp { input, env, ctx, emit in
                try f.forEachPath(input, env, ctx) { try emit(.array($0)) }
            }
        }
        register("getpath", 1) { args, _ in GetPathOp(path: args[0]) }
        function("setpath", 2) { v, args in
            var result = v
            try Access.setPath(&result, args[0], args[1])
            return result
        }
        function("delpaths", 1) { v, args in try Access.deletePaths(v, args[0]) }
        register("del", 1) { args, _ in
            let f = args[0]
            return NativeOp { input, env, ctx, emit in
                let paths = try f.collectPaths(input, env, ctx).map { Value.array($0) }
                try emit(try Access.deletePaths(input, .array(paths)))
            }
        }
        register("paths", 0) { _, _ in
            NativeOp { input, env, ctx, emit in
                try RecurseAllOp.walkPaths(PathValue(path: nil, value: input), ctx) { p in
                    if p.path != nil { try emit(.array(p.path.array)) }
                }
            }
        }
        function0("to_entries") { v in
            switch v {
            case .object(let o):
                return .array(o.map { .object(Object(uniqueKeysWithValues: [("key", .string($0.key)), ("value", $0.value)])) })
            case .array(let a):
                return .array(a.enumerated().map { .object(Object(uniqueKeysWithValues: [("key", .int($0.offset)), ("value", $0.element)])) })
            default:
                throw typeError(v, "has no keys")
            }
        }
        register("tostream", 0) { _, _ in
            NativeOp { input, env, ctx, emit in try streamEvents(input, nil, top: true, ctx, emit) }
        }
        register("fromstream", 1) { args, _ in
            let f = args[0]
            return NativeOp { input, env, ctx, emit in
                var x: Value = .null
                var done = false
                try f.run(input, env, ctx) { event in
                    if done {
                        x = .null
                        done = false
                    }
                    let path = try Access.index(event, .int(0))
                    let pathLength = try lengthOf(path)
                    if try lengthOf(event) == 2 {
                        done = pathLength == 0
                        guard case .array(let keys) = path else { throw JQError("Path must be specified as an array") }
                        let value = try Access.index(event, .int(1))
                        try Access.modify(&x, keys[...]) { v in
                            v = value
                            return true
                        }
                    } else {
                        done = pathLength == 1
                    }
                    if done { try emit(x) }
                }
            }
        }
    }

    // MARK: collections

    private func registerCollections() {
        function0("sort") { v in
            guard case .array(let a) = v else { throw typeError(v, "cannot be sorted, as it is not an array") }
            return .array(try sortedStable(a, keys: a))
        }
        function0("unique") { v in
            guard case .array(let a) = v else { throw typeError(v, "cannot be sorted, as it is not an array") }
            return .array(try uniqueSorted(a, keys: a))
        }
        function0("min") { v in
            guard case .array(let a) = v else { throw typeError(v, v, "cannot be iterated over") }
            return try extreme(a, keys: a, minimum: true)
        }
        function0("max") { v in
            guard case .array(let a) = v else { throw typeError(v, v, "cannot be iterated over") }
            return try extreme(a, keys: a, minimum: false)
        }
        register("sort_by", 1) { args, _ in
            KeyedOp(key: args[0], message: "cannot be sorted, as they are not both arrays") { items, keys in .array(try sortedStable(items, keys: keys)) }
        }
        register("group_by", 1) { args, _ in
            KeyedOp(key: args[0], message: "cannot be sorted, as they are not both arrays") { items, keys in .array(try grouped(items, keys: keys)) }
        }
        register("unique_by", 1) { args, _ in
            KeyedOp(key: args[0], message: "cannot be sorted, as they are not both arrays") { items, keys in .array(try uniqueSorted(items, keys: keys)) }
        }
        register("min_by", 1) { args, _ in
            KeyedOp(key: args[0], message: "cannot be iterated over") { items, keys in try extreme(items, keys: keys, minimum: true) }
        }
        register("max_by", 1) { args, _ in
            KeyedOp(key: args[0], message: "cannot be iterated over") { items, keys in try extreme(items, keys: keys, minimum: false) }
        }
        function0("reverse") { v in
            if case .array(let a) = v { return .array(a.reversed()) }
            // jq defines reverse as `[.[length - 1 - range(0; length)]]`, which gives [] for
            // null and empty values and fails at the first index of anything else.
            let n = try lengthOf(v)
            if n <= 0 { return .array([]) }
            _ = try Access.index(v, .int(n - 1))
            return .array([])
        }
        function("join", 1) { v, args in try join(v, separator: args[0]) }
        function("flatten", 0) { v, _ in try flatten(v, depth: -1) }
        function("flatten", 1) { v, args in
            if Value.compare(args[0], .int(0)) < 0 { throw JQError("flatten depth must not be negative") }
            guard let d = args[0].number else { return try flatten(v, depth: .infinity) }
            return try flatten(v, depth: d)
        }
        function("indices", 1) { v, args in try indices(v, args[0]) }
        function("index", 1) { v, args in try Access.index(try indices(v, args[0]), .int(0)) }
        function("rindex", 1) { v, args in
            let all = try indices(v, args[0])
            if case .array(let a) = all { return a.last ?? .null }
            return try Access.index(try Access.index(all, sliceKey(-1, nil)), .int(0))
        }
        function("_strindices", 1) { v, args in
            guard case .string(let s) = v else { throw typeError(v, "cannot be searched, as it is not a string") }
            guard case .string(let t) = args[0] else { throw typeError(args[0], "is not a string") }
            return .array(stringIndices(s, t).map { .int($0) })
        }
        function("bsearch", 1) { v, args in
            guard case .array(let a) = v else { throw typeError(v, "cannot be searched from") }
            var low = 0
            var high = a.count
            while low < high {
                let mid = low + (high - low) / 2
                let c = try jqCompare(args[0], a[mid])
                if c == 0 { return .int(mid) }
                if c < 0 { high = mid } else { low = mid + 1 }
            }
            return .int(-1 - low)
        }
        function("_sort_by_impl", 1) { v, args in
            guard case .array(let a) = v, case .array(let k) = args[0], a.count == k.count else {
                throw typeError(v, args[0], "cannot be sorted, as they are not both arrays")
            }
            return .array(try sortedStable(a, keys: k))
        }
        function("_group_by_impl", 1) { v, args in
            guard case .array(let a) = v, case .array(let k) = args[0], a.count == k.count else {
                throw typeError(v, args[0], "cannot be sorted, as they are not both arrays")
            }
            return .array(try grouped(a, keys: k))
        }
        function("_unique_by_impl", 1) { v, args in
            guard case .array(let a) = v, case .array(let k) = args[0], a.count == k.count else {
                throw typeError(v, args[0], "cannot be sorted, as they are not both arrays")
            }
            return .array(try uniqueSorted(a, keys: k))
        }
        function("_min_by_impl", 1) { v, args in try minMaxImpl(v, args[0], minimum: true) }
        function("_max_by_impl", 1) { v, args in try minMaxImpl(v, args[0], minimum: false) }
    }

    // MARK: strings

    private func registerStrings() {
        function("startswith", 1) { v, args in
            guard case .string(let s) = v, case .string(let p) = args[0] else { throw JQError("startswith() requires string inputs") }
            return .bool(s.utf8.starts(with: p.utf8))
        }
        function("endswith", 1) { v, args in
            guard case .string(let s) = v, case .string(let p) = args[0] else { throw JQError("endswith() requires string inputs") }
            return .bool(s.utf8.count >= p.utf8.count && s.utf8.reversed().starts(with: p.utf8.reversed()))
        }
        function("ltrimstr", 1) { v, args in
            guard case .string(let s) = v, case .string(let p) = args[0] else { throw JQError("startswith() requires string inputs") }
            guard s.utf8.starts(with: p.utf8) else { return v }
            return .string(String(decoding: Array(s.utf8).dropFirst(p.utf8.count), as: UTF8.self))
        }
        function("rtrimstr", 1) { v, args in
            guard case .string(let s) = v, case .string(let p) = args[0] else { throw JQError("endswith() requires string inputs") }
            guard s.utf8.count >= p.utf8.count, s.utf8.reversed().starts(with: p.utf8.reversed()) else { return v }
            return .string(String(decoding: Array(s.utf8).dropLast(p.utf8.count), as: UTF8.self))
        }
        function("split", 1) { v, args in
            guard case .string(let s) = v, case .string(let sep) = args[0] else { throw JQError("split input and separator must be strings") }
            return .array(Arithmetic.split(s, by: sep).map { .string($0) })
        }
        function0("explode") { v in
            guard case .string(let s) = v else { throw JQError("explode input must be a string") }
            return .array(s.unicodeScalars.map { .int(Int($0.value)) })
        }
        function0("implode") { v in
            guard case .array(let a) = v else { throw JQError("implode input must be an array") }
            var scalars = String.UnicodeScalarView()
            for item in a {
                guard let d = item.number, !d.isNaN else {
                    throw typeError(item, "can't be imploded, unicode codepoint needs to be numeric")
                }
                let n = Int(max(min(d, Double(Int32.max)), Double(Int32.min)))
                scalars.append(Unicode.Scalar(UInt32(clamping: n)).flatMap { n < 0 ? nil : $0 } ?? Unicode.Scalar(0xFFFD)!)
            }
            return .string(String(scalars))
        }
        function0("trim") { v in try trim(v, left: true, right: true) }
        function0("ltrim") { v in try trim(v, left: true, right: false) }
        function0("rtrim") { v in try trim(v, left: false, right: true) }
        function0("ascii_downcase") { v in
            guard case .string(let s) = v else { throw JQError("explode input must be a string") }
            return .string(String(decoding: s.utf8.map { $0 >= 65 && $0 <= 90 ? $0 + 32 : $0 }, as: UTF8.self))
        }
        function0("ascii_upcase") { v in
            guard case .string(let s) = v else { throw JQError("explode input must be a string") }
            return .string(String(decoding: s.utf8.map { $0 >= 97 && $0 <= 122 ? $0 - 32 : $0 }, as: UTF8.self))
        }
        function("_match_impl", 3) { v, args in
            try library { try JQRegex.match(v, regex: args[0], flags: args[1], testMode: args[2] == .bool(true)) }
        }
    }

    // MARK: system

    private func registerSystem() {
        register("input", 0) { _, _ in
            NativeOp { _, _, ctx, emit in try emit(try readInput(ctx)) }
        }
        register("inputs", 0) { _, _ in
            NativeOp { _, _, ctx, emit in
                while let v = try readNextInput(ctx) { try emit(v) }
            }
        }
        register("debug", 0) { _, _ in
            NativeOp({ input, _, ctx, emit in
                ctx.debugHandler(.array([.string("DEBUG:"), input]))
                try emit(input)
            }, paths: { input, _, ctx, emit in
                ctx.debugHandler(.array([.string("DEBUG:"), input.input]))
                try emit(input)
            })
        }
        register("stderr", 0) { _, _ in
            NativeOp({ input, _, ctx, emit in
                ctx.stderrHandler(input)
                try emit(input)
            }, paths: { input, _, ctx, emit in
                ctx.stderrHandler(input.input)
                try emit(input)
            })
        }
        register("halt", 0) { _, _ in
            NativeOp { _, _, _, _ in throw JQHalt(exitCode: 0, message: nil) }
        }
        register("halt_error", 1) { args, _ in
            let code = args[0]
            return NativeOp { input, env, ctx, emit in
                try code.run(input, env, ctx) { c in
                    guard let d = c.number else { throw typeError(input, "halt_error/1: number required") }
                    let code = d.isNaN ? 0 : Int32(max(min(d, 2147483647), -2147483647))
                    throw JQHalt(exitCode: code, message: input)
                }
            }
        }
        register("env", 0) { _, _ in UnaryNativeOp { _ in BuiltinLibrary.environment } }
        let names = Value.array(builtinNames.map { .string($0) } + [.string("builtins/0")])
        register("builtins", 0) { _, _ in ConstantOp(names) }
        register("input_filename", 0) { _, _ in
            NativeOp { _, _, ctx, emit in try emit(ctx.inputs?.currentFilename ?? .null) }
        }
        register("input_line_number", 0) { _, _ in
            NativeOp { _, _, ctx, emit in try emit(.int(ctx.inputs?.currentLine ?? 0)) }
        }
        let searchList = globals["*search-list"] ?? .array([])
        register("get_search_list", 0) { _, _ in ConstantOp(searchList) }
        let programOrigin = globals["*program-origin"] ?? .null
        register("get_prog_origin", 0) { _, _ in ConstantOp(programOrigin) }
        let jqOrigin = globals["*jq-origin"] ?? .null
        register("get_jq_origin", 0) { _, _ in ConstantOp(jqOrigin) }
        register("modulemeta", 0) { _, context in
            let loader = context.compiler.modules
            return UnaryNativeOp { v in
                guard case .string(let name) = v else { throw JQError("modulemeta input module name must be a string") }
                return try loader.metadata(of: name)
            }
        }
    }
}

// MARK: helpers for the natives

/// `select(f)`
final class SelectOp: Op {
    let condition: Op
    init(condition: Op) { self.condition = condition }

    override func run(_ input: Value, _ env: Env?, _ ctx: JQContext, _ emit: Emit) throws {
        if condition.isSingle {
            if try condition.evaluate(input, env, ctx).isTruthy { try emit(input) }
            return
        }
        try condition.run(input, env, ctx) { c in if c.isTruthy { try emit(input) } }
    }

    override func paths(_ input: PathValue, _ env: Env?, _ ctx: JQContext, _ emit: EmitPath) throws {
        try condition.run(input.input, env, ctx) { c in if c.isTruthy { try emit(input) } }
    }
}

/// `recurse(f)` and `recurse(f; cond)`: the input, then recursively `f` of each output.
final class RecurseOp: Op {
    let step: Op
    let condition: Op?

    init(step: Op, condition: Op?) {
        self.step = step
        self.condition = condition
    }

    override func run(_ input: Value, _ env: Env?, _ ctx: JQContext, _ emit: Emit) throws {
        try ctx.checkStack()
        try emit(input)
        try step.run(input, env, ctx) { v in
            if let condition = self.condition {
                try condition.run(v, env, ctx) { c in if c.isTruthy { try self.run(v, env, ctx, emit) } }
            } else {
                try self.run(v, env, ctx, emit)
            }
        }
    }

    override func paths(_ input: PathValue, _ env: Env?, _ ctx: JQContext, _ emit: EmitPath) throws {
        try ctx.checkStack()
        try emit(input)
        try step.paths(input, env, ctx) { p in
            if let condition = self.condition {
                try condition.run(p.input, env, ctx) { c in if c.isTruthy { try self.paths(p, env, ctx, emit) } }
            } else {
                try self.paths(p, env, ctx, emit)
            }
        }
    }
}

/// `getpath(p)`, which is also a path expression.
final class GetPathOp: Op {
    let path: Op
    init(path: Op) { self.path = path }

    override func run(_ input: Value, _ env: Env?, _ ctx: JQContext, _ emit: Emit) throws {
        try path.run(input, env, ctx) { p in try emit(try Access.getPath(input, p)) }
    }

    override func paths(_ input: PathValue, _ env: Env?, _ ctx: JQContext, _ emit: EmitPath) throws {
        try path.run(input.input, env, ctx) { p in
            let v = try Access.getPath(input.input, p)
            if input.isIntact, case .array(let keys) = p {
                try emit(PathValue(path: input.path.appending(contentsOf: keys), value: v))
            } else {
                try emit(PathValue(path: input.path, value: input.value, current: v))
            }
        }
    }
}

/// Runs `body` with `generator`'s outputs until it throws the returned stop token.
@inline(__always)
func withStop(_ ctx: JQContext, _ body: (_ stop: StopSignal) throws -> Void) throws {
    let token = ctx.nextToken()
    do {
        try body(StopSignal(token: token))
    } catch let s as StopSignal where s.token == token {}
}

/// The count argument of `limit`/`skip`/`nth` as a number (jq compares it with 0, so
/// anything else fails there).
func countArgument(_ n: Value) throws -> Double {
    guard let d = n.number else { throw typeError(n, .int(0), "cannot be compared") }
    return d
}

/// `limit(n; f)`
final class LimitOp: Op {
    let count: Op
    let generator: Op

    init(count: Op, generator: Op) {
        self.count = count
        self.generator = generator
    }

    /// The number of outputs to take, or nil for none.
    func taken(_ n: Value) throws -> Double? {
        let d = try countArgument(n)
        if d > 0 { return d }
        if d == 0 { return nil }
        throw JQError("limit doesn't support negative count")
    }

    override func run(_ input: Value, _ env: Env?, _ ctx: JQContext, _ emit: Emit) throws {
        let generator = self.generator
        try count.run(input, env, ctx) { n in
            guard var remaining = try self.taken(n) else { return }
            try withStop(ctx) { stop in
                try generator.run(input, env, ctx) { v in
                    remaining -= 1
                    try emit(v)
                    if remaining <= 0 { throw stop }
                }
            }
        }
    }

    override func paths(_ input: PathValue, _ env: Env?, _ ctx: JQContext, _ emit: EmitPath) throws {
        let generator = self.generator
        try count.run(input.input, env, ctx) { n in
            guard var remaining = try self.taken(n) else { return }
            try withStop(ctx) { stop in
                try generator.paths(input, env, ctx) { p in
                    remaining -= 1
                    try emit(p)
                    if remaining <= 0 { throw stop }
                }
            }
        }
    }
}

/// `skip(n; f)`
final class SkipOp: Op {
    let count: Op
    let generator: Op

    init(count: Op, generator: Op) {
        self.count = count
        self.generator = generator
    }

    func skipped(_ n: Value) throws -> Double {
        let d = try countArgument(n)
        if d < 0 { throw JQError("skip doesn't support negative count") }
        return d
    }

    override func run(_ input: Value, _ env: Env?, _ ctx: JQContext, _ emit: Emit) throws {
        let generator = self.generator
        try count.run(input, env, ctx) { n in
            var remaining = try self.skipped(n)
            try generator.run(input, env, ctx) { v in
                remaining -= 1
                if remaining < 0 { try emit(v) }
            }
        }
    }

    override func paths(_ input: PathValue, _ env: Env?, _ ctx: JQContext, _ emit: EmitPath) throws {
        let generator = self.generator
        try count.run(input.input, env, ctx) { n in
            var remaining = try self.skipped(n)
            try generator.paths(input, env, ctx) { p in
                remaining -= 1
                if remaining < 0 { try emit(p) }
            }
        }
    }
}

/// `first(f)`
final class FirstOp: Op {
    let generator: Op
    init(generator: Op) { self.generator = generator }

    override func run(_ input: Value, _ env: Env?, _ ctx: JQContext, _ emit: Emit) throws {
        try withStop(ctx) { stop in
            try generator.run(input, env, ctx) { v in
                try emit(v)
                throw stop
            }
        }
    }

    override func paths(_ input: PathValue, _ env: Env?, _ ctx: JQContext, _ emit: EmitPath) throws {
        try withStop(ctx) { stop in
            try generator.paths(input, env, ctx) { p in
                try emit(p)
                throw stop
            }
        }
    }
}

/// `last(f)`
final class LastOp: Op {
    let generator: Op
    init(generator: Op) { self.generator = generator }

    override func run(_ input: Value, _ env: Env?, _ ctx: JQContext, _ emit: Emit) throws {
        var last: Value? = nil
        try generator.run(input, env, ctx) { last = $0 }
        if let last { try emit(last) }
    }

    override func paths(_ input: PathValue, _ env: Env?, _ ctx: JQContext, _ emit: EmitPath) throws {
        var last: PathValue? = nil
        try generator.paths(input, env, ctx) { last = $0 }
        if let last { try emit(last) }
    }
}

/// `nth(n; f)`
final class NthOp: Op {
    let index: Op
    let generator: Op

    init(index: Op, generator: Op) {
        self.index = index
        self.generator = generator
    }

    func position(_ n: Value) throws -> Double {
        let d = try countArgument(n)
        if d < 0 { throw JQError("nth doesn't support negative indices") }
        return d
    }

    override func run(_ input: Value, _ env: Env?, _ ctx: JQContext, _ emit: Emit) throws {
        let generator = self.generator
        try index.run(input, env, ctx) { n in
            var remaining = try self.position(n)
            try withStop(ctx) { stop in
                try generator.run(input, env, ctx) { v in
                    remaining -= 1
                    if remaining < 0 {
                        try emit(v)
                        throw stop
                    }
                }
            }
        }
    }

    override func paths(_ input: PathValue, _ env: Env?, _ ctx: JQContext, _ emit: EmitPath) throws {
        let generator = self.generator
        try index.run(input.input, env, ctx) { n in
            var remaining = try self.position(n)
            try withStop(ctx) { stop in
                try generator.paths(input, env, ctx) { p in
                    remaining -= 1
                    if remaining < 0 {
                        try emit(p)
                        throw stop
                    }
                }
            }
        }
    }
}

/// `any(g; c)` / `all(g; c)`, stopping at the first output that decides.
final class QuantifierOp: Op {
    let isAll: Bool
    let generator: Op
    let condition: Op

    init(isAll: Bool, generator: Op, condition: Op) {
        self.isAll = isAll
        self.generator = generator
        self.condition = condition
    }

    override var isSingle: Bool { true }

    override func evaluate(_ input: Value, _ env: Env?, _ ctx: JQContext) throws -> Value {
        var decided = false
        let isAll = self.isAll
        let condition = self.condition
        try withStop(ctx) { stop in
            try generator.run(input, env, ctx) { v in
                try condition.run(v, env, ctx) { c in
                    if c.isTruthy != isAll {
                        decided = true
                        throw stop
                    }
                }
            }
        }
        return .bool(isAll ? !decided : decided)
    }

    override func run(_ input: Value, _ env: Env?, _ ctx: JQContext, _ emit: Emit) throws {
        try emit(try evaluate(input, env, ctx))
    }
}

/// `until(cond; next)`
final class UntilOp: Op {
    let condition: Op
    let next: Op

    init(condition: Op, next: Op) {
        self.condition = condition
        self.next = next
    }

    override func run(_ input: Value, _ env: Env?, _ ctx: JQContext, _ emit: Emit) throws {
        var v = input
        // One output at a time: iterate; generators fall back to recursion.
        while condition.isSingle && next.isSingle {
            if try condition.evaluate(v, env, ctx).isTruthy {
                try emit(v)
                return
            }
            v = try next.evaluate(v, env, ctx)
        }
        try ctx.checkStack()
        try condition.run(v, env, ctx) { c in
            if c.isTruthy {
                try emit(v)
            } else {
                try self.next.run(v, env, ctx) { n in try self.run(n, env, ctx, emit) }
            }
        }
    }
}

/// `while(cond; update)`
final class WhileOp: Op {
    let condition: Op
    let update: Op

    init(condition: Op, update: Op) {
        self.condition = condition
        self.update = update
    }

    override func run(_ input: Value, _ env: Env?, _ ctx: JQContext, _ emit: Emit) throws {
        var v = input
        while condition.isSingle && update.isSingle {
            guard try condition.evaluate(v, env, ctx).isTruthy else { return }
            try emit(v)
            v = try update.evaluate(v, env, ctx)
        }
        try ctx.checkStack()
        try condition.run(v, env, ctx) { c in
            guard c.isTruthy else { return }
            try emit(v)
            try self.update.run(v, env, ctx) { n in try self.run(n, env, ctx, emit) }
        }
    }
}

/// `sort_by(f)` and friends: the key of each element (all outputs of `f`, as an array) is
/// computed once, then `combine` works on the elements and their keys.
final class KeyedOp: SingleOp {
    let key: Op
    let message: String
    let combine: ([Value], [Value]) throws -> Value

    init(key: Op, message: String, combine: @escaping ([Value], [Value]) throws -> Value) {
        self.key = key
        self.message = message
        self.combine = combine
    }

    override func evaluate(_ input: Value, _ env: Env?, _ ctx: JQContext) throws -> Value {
        let items = try iterateValues(input)
        var keys: [Value] = []
        keys.reserveCapacity(items.count)
        for item in items {
            if key.isSingle {
                keys.append(.array([try key.evaluate(item, env, ctx)]))
            } else {
                var k: [Value] = []
                try key.run(item, env, ctx) { k.append($0) }
                keys.append(.array(k))
            }
        }
        guard case .array = input else { throw typeError(input, .array(keys), message) }
        return try combine(items, keys)
    }
}

/// The values `.[]` produces (array elements or object values), or jq's error.
func iterateValues(_ v: Value) throws -> [Value] {
    switch v {
    case .array(let a): return a
    case .object(let o): return o.values
    default: throw JQError("Cannot iterate over \(v.typeName) (\(truncatedDump(v)))")
    }
}

func forEachValue(_ v: Value, _ body: (Value) throws -> Void) throws {
    switch v {
    case .array(let a): for x in a { try body(x) }
    case .object(let o): for (_, x) in o { try body(x) }
    default: throw JQError("Cannot iterate over \(v.typeName) (\(truncatedDump(v)))")
    }
}

/// Positions of `keys` in jq's order (a stable sort).
func sortedOrder(_ keys: [Value]) throws -> [Int] {
    try keys.indices.sorted { a, b in
        let c = try jqCompare(keys[a], keys[b])
        return c != 0 ? c < 0 : a < b
    }
}

/// Stable sort of `items` by `keys` in jq's order.
func sortedStable(_ items: [Value], keys: [Value]) throws -> [Value] {
    try sortedOrder(keys).map { items[$0] }
}

func grouped(_ items: [Value], keys: [Value]) throws -> [Value] {
    let order = try sortedOrder(keys)
    var groups: [Value] = []
    var current: [Value] = []
    var currentKey: Value? = nil
    for i in order {
        if let k = currentKey, try jqEqual(k, keys[i]) {
            current.append(items[i])
        } else {
            if currentKey != nil { groups.append(.array(current)) }
            current = [items[i]]
            currentKey = keys[i]
        }
    }
    if currentKey != nil { groups.append(.array(current)) }
    return groups
}

func uniqueSorted(_ items: [Value], keys: [Value]) throws -> [Value] {
    let order = try sortedOrder(keys)
    var out: [Value] = []
    var lastKey: Value? = nil
    for i in order {
        if let k = lastKey, try jqEqual(k, keys[i]) { continue }
        out.append(items[i])
        lastKey = keys[i]
    }
    return out
}

/// jq's `min_by`/`max_by`: the first minimal or the last maximal element; null when empty.
func extreme(_ items: [Value], keys: [Value], minimum: Bool) throws -> Value {
    guard !items.isEmpty else { return .null }
    var best = 0
    for i in 1..<items.count {
        let c = try jqCompare(keys[i], keys[best])
        if (c < 0) == minimum { best = i }
    }
    return items[best]
}

func minMaxImpl(_ v: Value, _ k: Value, minimum: Bool) throws -> Value {
    guard case .array(let a) = v, case .array(let keys) = k else { throw typeError(v, k, "cannot be iterated over") }
    guard a.count == keys.count else { throw typeError(v, k, "have wrong length") }
    return try extreme(a, keys: keys, minimum: minimum)
}

/// `range(from; upto)`: from, from+1, … while below `upto` (numbers only).
func rangeValues(_ from: Value, _ upto: Value, _ emit: Emit) throws {
    guard let f = from.number, let u = upto.number else { throw JQError("Range bounds must be numeric") }
    if case .int(var i) = from, u <= 9_007_199_254_740_992 {
        while Double(i) < u {
            try emit(.int(i))
            i += 1
        }
        return
    }
    var x = f
    while x < u {
        try emit(Value.number(x))
        x += 1
    }
}

/// `range(from; upto; by)` as jq defines it with `while`.
func rangeValues(_ from: Value, _ upto: Value, by: Value, _ emit: Emit) throws {
    if Value.compare(by, .int(0)) > 0 {
        var x = from
        while Value.compare(x, upto) < 0 {
            try emit(x)
            x = try Arithmetic.add(x, by)
        }
    } else if Value.compare(by, .int(0)) < 0 {
        var x = from
        while Value.compare(x, upto) > 0 {
            try emit(x)
            x = try Arithmetic.add(x, by)
        }
    }
}

/// `length` of a number: its absolute value, keeping a literal's digits.
func numberAbs(_ v: Value) -> Value {
    switch v {
    case .int(let i): return i == Int.min ? .decimal(DecimalNumber("9223372036854775808")!) : .int(abs(i))
    case .double(let d): return Value.number(abs(d))
    case .decimal(let d): return d.text.hasPrefix("-") ? numberOrLiteral(String(d.text.dropFirst())) : v
    default: return v
    }
}

func lengthOf(_ v: Value) throws -> Int {
    switch v {
    case .array(let a): return a.count
    case .object(let o): return o.count
    case .string(let s): return s.unicodeScalars.count
    case .null: return 0
    case .bool: throw typeError(v, "has no length")
    default:
        let d = abs(v.number ?? 0)
        return d.isNaN ? 0 : Int(min(d, Double(Int32.max)))
    }
}

func sameKind(_ a: Value, _ b: Value) -> Bool {
    switch (a, b) {
    case (.null, .null), (.string, .string), (.array, .array), (.object, .object): return true
    case (.bool(let x), .bool(let y)): return x == y
    default: return a.isNumber && b.isNumber
    }
}

/// jq's `contains`: substrings for strings, recursive containment for arrays and objects.
func contains(_ a: Value, _ b: Value, depth: Int = 0) throws -> Bool {
    if depth > comparisonDepthLimit { throw JQError("Containment check too deep") }
    switch (a, b) {
    case (.object(let x), .object(let y)):
        for (k, bv) in y {
            guard let av = x[k], sameKind(av, bv), try contains(av, bv, depth: depth + 1) else { return false }
        }
        return true
    case (.array(let x), .array(let y)):
        for bv in y {
            var found = false
            for av in x where sameKind(av, bv) {
                if try contains(av, bv, depth: depth + 1) {
                    found = true
                    break
                }
            }
            if !found { return false }
        }
        return true
    case (.string(let x), .string(let y)):
        return y.isEmpty || x.utf8.count >= y.utf8.count && Array(x.utf8).firstRange(of: Array(y.utf8)) != nil
    default:
        return try jqEqual(a, b)
    }
}

/// Code-point offsets of the (possibly overlapping) occurrences of `t` in `s`.
func stringIndices(_ s: String, _ t: String) -> [Int] {
    let hay = Array(s.utf8)
    let needle = Array(t.utf8)
    guard !needle.isEmpty, needle.count <= hay.count else { return [] }
    var out: [Int] = []
    var codepoints = 0
    var counted = 0
    var i = 0
    while i + needle.count <= hay.count {
        if hay[i] == needle[0] && hay[i..<(i + needle.count)].elementsEqual(needle) {
            while counted < i {
                if hay[counted] & 0xC0 != 0x80 { codepoints += 1 }
                counted += 1
            }
            out.append(codepoints)
        }
        i += 1
    }
    return out
}

func indices(_ v: Value, _ i: Value) throws -> Value {
    switch (v, i) {
    case (.array, .array): return try Access.index(v, i)
    case (.array, _): return try Access.index(v, .array([i]))
    case (.string(let s), .string(let t)): return .array(stringIndices(s, t).map { .int($0) })
    default: return try Access.index(v, i)
    }
}

func sliceKey(_ start: Int?, _ end: Int?) -> Value {
    .object(Object(uniqueKeysWithValues: [("start", start.map { .int($0) } ?? .null), ("end", end.map { .int($0) } ?? .null)]))
}

/// jq's `join`: numbers and booleans as text, null as empty, strings as they are (anything
/// else fails as jq's `+` fails on it).
func join(_ v: Value, separator: Value) throws -> Value {
    var text = ""
    var first = true
    var failedSeparator = false
    try forEachValue(v) { item in
        if !first {
            guard case .string(let sep) = separator else {
                failedSeparator = true
                throw typeError(.string(text), separator, "cannot be added")
            }
            text += sep
        }
        first = false
        switch item {
        case .bool, .int, .double, .decimal: text += stringify(item)
        case .null: break
        case .string(let s): text += s
        default: throw typeError(.string(text), item, "cannot be added")
        }
    }
    _ = failedSeparator
    return .string(text)
}

func flatten(_ v: Value, depth: Double) throws -> Value {
    var out: [Value] = []
    func add(_ x: Value, _ d: Double) throws {
        try forEachValue(x) { item in
            if case .array = item, d != 0 {
                try add(item, d - 1)
            } else {
                out.append(item)
            }
        }
    }
    try add(v, depth)
    return .array(out)
}

/// jq's whitespace for `trim`: the Unicode White_Space code points.
func isJQWhitespace(_ c: Unicode.Scalar) -> Bool {
    switch c.value {
    case 0x09...0x0D, 0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000: return true
    default: return false
    }
}

func trim(_ v: Value, left: Bool, right: Bool) throws -> Value {
    guard case .string(let s) = v else { throw JQError("trim input must be a string") }
    var scalars = Substring(s).unicodeScalars[...]
    if left { while let c = scalars.first, isJQWhitespace(c) { scalars.removeFirst() } }
    if right { while let c = scalars.last, isJQWhitespace(c) { scalars.removeLast() } }
    return .string(String(scalars))
}

/// `tostream`: the events of a value, children before their container's closing event.
func streamEvents(_ v: Value, _ path: PathList?, top: Bool, _ ctx: JQContext, _ emit: Emit) throws {
    switch v {
    case .array(let a) where !a.isEmpty:
        try ctx.checkStack()
        for (i, item) in a.enumerated() { try streamEvents(item, path.appending(.int(i)), top: false, ctx, emit) }
        try emit(.array([.array(path.appending(.int(a.count - 1)).array)]))
    case .object(let o) where !o.isEmpty:
        try ctx.checkStack()
        var lastKey = ""
        for (k, child) in o {
            try streamEvents(child, path.appending(.string(k)), top: false, ctx, emit)
            lastKey = k
        }
        try emit(.array([.array(path.appending(.string(lastKey)).array)]))
    default:
        try emit(.array([.array(path.array), v]))
    }
}

/// A number written as text, as `tonumber` reads it (jq 1.8 with decNumber: an optional sign,
/// digits with an optional point, an optional exponent; `nan` and infinities too).
func parseNumberLiteral(_ s: String) -> Value? {
    var t = Substring(s)
    var sign = ""
    if t.hasPrefix("+") {
        t = t.dropFirst()
    } else if t.hasPrefix("-") {
        sign = "-"
        t = t.dropFirst()
    }
    let lower = t.lowercased()
    if lower == "nan" { return .double(.nan) }
    if lower == "infinity" || lower == "inf" { return .double(sign == "-" ? -.infinity : .infinity) }
    var sawDigit = false
    var sawPoint = false
    var sawExponent = false
    var i = t.startIndex
    while i < t.endIndex {
        let c = t[i]
        if c.isASCII && c.isNumber {
            sawDigit = true
        } else if c == "." && !sawPoint && !sawExponent {
            sawPoint = true
        } else if (c == "e" || c == "E") && sawDigit && !sawExponent {
            sawExponent = true
            let next = t.index(after: i)
            if next < t.endIndex && (t[next] == "+" || t[next] == "-") { i = next }
            let digitStart = t.index(after: i)
            guard digitStart < t.endIndex else { return nil }
        } else {
            return nil
        }
        i = t.index(after: i)
    }
    guard sawDigit else { return nil }
    return numberLiteral(sign + String(t))
}

/// `input`: the next input, or jq's "No more inputs" error.
func readInput(_ ctx: JQContext) throws -> Value {
    // jq reports the end of the inputs as the error "break" (`inputs` catches it).
    guard let v = try readNextInput(ctx) else { throw JQError("break") }
    return v
}

func readNextInput(_ ctx: JQContext) throws -> Value? {
    guard let source = ctx.inputs else { return nil }
    do {
        return try source.nextInput()
    } catch let e as KitError {
        throw JQError(e.message)
    }
}
