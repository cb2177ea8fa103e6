import KitCore

/// Which parts of its input a program can observe, worked out backwards from its outputs
/// (which are printed whole). The input reader then builds only those parts
/// (`JSONProjection`): `.items[] | .metadata.name` reads each pod's name and skips the rest.
///
/// The analysis is conservative: any filter it does not model demands its whole input. Along
/// every path it keeps, the kinds of values are kept (containers it does not need read as
/// empty ones), so every filter that runs takes the same branches and raises the same errors
/// as on the whole input; only the values quoted in error messages can differ, which is why a
/// runtime error is re-run on the whole input before it is reported (see the CLI).
enum DemandAnalysis {
    typealias Demand = JSONProjection

    /// The projection for a program's input, or nil when it needs the whole input (or reads
    /// other inputs with `input`/`inputs`, which the analysis cannot follow).
    static func inputProjection(of program: Op) -> JSONProjection? {
        var analysis = Walker()
        let demand = analysis.demand(program, .whole)
        if analysis.readsInputs || demand.isWhole { return nil }
        return demand
    }

    static let empty = JSONProjection.empty
    static let whole = JSONProjection.whole

    /// `fields[key]`, else `others`, else nil (not needed).
    static func field(_ d: Demand, _ key: String) -> Demand? {
        if d.isWhole { return whole }
        return d.fields[key] ?? d.others
    }

    static func elements(_ d: Demand) -> Demand {
        if d.isWhole { return whole }
        return d.elements ?? empty
    }

    static func union(_ a: Demand, _ b: Demand) -> Demand {
        if a.isWhole || b.isWhole { return whole }
        if a === b { return a }
        var fields: [String: Demand] = [:]
        for key in Set(a.fields.keys).union(b.fields.keys) {
            switch (field(a, key), field(b, key)) {
            case (let x?, let y?): fields[key] = union(x, y)
            case (let x?, nil): fields[key] = x
            case (nil, let y?): fields[key] = y
            default: break
            }
        }
        let others: Demand?
        switch (a.others, b.others) {
        case (let x?, let y?): others = union(x, y)
        case (let x?, nil): others = x
        case (nil, let y?): others = y
        default: others = nil
        }
        let elements: Demand?
        switch (a.elements, b.elements) {
        case (let x?, let y?): elements = union(x, y)
        case (let x?, nil): elements = x
        case (nil, let y?): elements = y
        default: elements = nil
        }
        return JSONProjection(fields: fields, others: others, elements: elements)
    }

    static func object(_ key: String, _ d: Demand) -> Demand {
        JSONProjection(fields: [key: d], others: nil, elements: nil)
    }

    /// Every key and every element under `d`.
    static func each(_ d: Demand) -> Demand {
        if d.isWhole { return whole }
        return JSONProjection(fields: [:], others: d, elements: d)
    }

    struct Walker {
        var readsInputs = false

        /// The demand on `op`'s input when its outputs are needed as `out`.
        mutating func demand(_ op: Op, _ out: Demand) -> Demand {
            if let name = op.builtinName, let d = builtinDemand(name, op, out) { return d }
            switch op {
            case is IdentityOp:
                return out
            case is ConstantOp, is EmptyOp, is VariableOp, is BreakOp:
                return empty
            case let o as FieldPathOp:
                var d = out
                for key in o.keys.reversed() { d = object(key, d) }
                return d
            case let o as IndexOp:
                let keyDemand = demand(o.key, whole)
                let baseOut: Demand
                if let c = o.key as? ConstantOp {
                    switch c.value {
                    case .string(let key): baseOut = object(key, out)
                    case .int, .double, .decimal: baseOut = JSONProjection(fields: [:], others: nil, elements: out)
                    default: baseOut = whole
                    }
                } else {
                    baseOut = whole
                }
                return union(keyDemand, demand(o.base, baseOut))
            case let o as SliceOp:
                var d = demand(o.base, JSONProjection(fields: [:], others: nil, elements: elements(out)))
                if let from = o.from { d = union(d, demand(from, whole)) }
                if let to = o.to { d = union(d, demand(to, whole)) }
                return d
            case let o as IterateOp:
                return demand(o.base, each(out))
            case let o as PipeOp:
                return demand(o.first, demand(o.second, out))
            case let o as CommaOp:
                return union(demand(o.first, out), demand(o.second, out))
            case let o as CollectOp:
                return demand(o.inner, elements(out))
            case let o as ObjectOp:
                var d = empty
                for (i, entry) in o.entries.enumerated() {
                    d = union(d, demand(entry.key, whole))
                    guard let value = entry.value else { return whole }
                    // A key computed at run time may be any of the output's keys.
                    let needed = o.constantKeys.map { field(out, $0[i]) ?? empty } ?? whole
                    d = union(d, demand(value, needed))
                }
                return d
            case let o as BinaryOp:
                return union(demand(o.lhs, whole), demand(o.rhs, whole))
            case let o as LogicOp:
                // Only the truthiness of the operands counts.
                return union(demand(o.lhs, empty), demand(o.rhs, empty))
            case let o as AlternativeOp:
                return union(demand(o.lhs, out), demand(o.rhs, out))
            case let o as IfOp:
                return union(demand(o.condition, empty), union(demand(o.then, out), demand(o.otherwise, out)))
            case let o as TryOp:
                // A handler sees error messages, which quote values: keep everything then.
                if o.handler != nil { return whole }
                return demand(o.body, out)
            case let o as SelectOp:
                return union(demand(o.condition, empty), out)
            case let o as FirstOp:
                return demand(o.generator, out)
            case let o as LastOp:
                return demand(o.generator, out)
            case let o as LimitOp:
                return union(demand(o.count, whole), demand(o.generator, out))
            case let o as SkipOp:
                return union(demand(o.count, whole), demand(o.generator, out))
            case let o as NthOp:
                return union(demand(o.index, whole), demand(o.generator, out))
            case let o as LabelOp:
                return demand(o.body, out)
            case let o as KeyedOp:
                return keyedDemand(o, out)
            default:
                return whole
            }
        }

        /// Builtins known by name (written as Swift ops that the analysis cannot look into).
        mutating func builtinDemand(_ name: String, _ op: Op, _ out: Demand) -> Demand? {
            switch name {
            case "input", "inputs":
                readsInputs = true
                return whole
            case "length":
                // Array elements and object keys are counted; strings and numbers are scalars.
                return JSONProjection(fields: [:], others: empty, elements: empty)
            case "not", "type", "isinfinite", "isnan", "isnormal", "empty":
                return empty
            case "add":
                if op is UnaryNativeOp { return each(whole) }
                return nil
            case "reverse":
                return JSONProjection(fields: [:], others: nil, elements: elements(out))
            default:
                return nil
            }
        }

        /// `sort_by`, `group_by`, `unique_by`, `min_by`, `max_by`: the elements themselves go to
        /// the output; each one's key is computed from it.
        mutating func keyedDemand(_ o: KeyedOp, _ out: Demand) -> Demand {
            let keyDemand = demand(o.key, whole)
            let passed: Demand
            switch o.builtinName {
            case "sort_by", "unique_by": passed = elements(out)
            case "group_by": passed = elements(elements(out))
            case "min_by", "max_by": passed = out
            default: return whole
            }
            return each(union(passed, keyDemand))
        }
    }
}
