import KitCore

/// client-go's JSONPath evaluator (`util/jsonpath/jsonpath.go`) over kit's values.
///
/// A value is `nil` where Go holds an invalid `reflect.Value` (the input of a `range` that
/// had no results: client-go still walks the loop body once on it, for its errors). Each
/// step returns its values together with its error, because Go's `exists` filters look at
/// the values a failing step returned.
struct JSONPathEvaluator {
    let nodes: [JSONPathNode]
    let allowMissingKeys: Bool

    // The range state client-go keeps on its JSONPath object.
    var beginRange = 0
    var inRange = 0
    var endRange = 0
    /// The position (in `nodes`) of the last `end` met: client-go compares node pointers.
    var lastEndNode: Int?

    init(nodes: [JSONPathNode], allowMissingKeys: Bool) {
        self.nodes = nodes
        self.allowMissingKeys = allowMissingKeys
    }

    typealias Values = [Value?]

    struct Step {
        var values: Values
        var error: JSONPathError?
    }

    /// `FindResults` over `nodes[start...]` (client-go runs a loop body by re-rooting the
    /// template at the node after `range`).
    mutating func findResults(_ data: Value?, start: Int) throws(JSONPathError) -> [[Value]] {
        let cur: Values = [data]
        var full: [[Value]] = []
        var i = start
        while i < nodes.count {
            let step = walk(cur, nodes[i])
            if let error = step.error { throw error }
            let results = step.values
            if endRange > 0 && endRange <= inRange {
                endRange -= 1
                lastEndNode = i
                break
            }
            if beginRange > 0 {
                beginRange -= 1
                inRange += 1
                if !results.isEmpty {
                    for value in results {
                        full.append(contentsOf: try findResults(value, start: i + 1))
                    }
                } else {
                    _ = try findResults(nil, start: i + 1)
                }
                inRange -= 1
                // Resume after the most recent `end` met.
                if let last = lastEndNode, last > i {
                    i = last
                }
                i += 1
                continue
            }
            full.append(results.compactMap { $0 })
            i += 1
        }
        return full
    }

    mutating func walk(_ input: Values, _ node: JSONPathNode) -> Step {
        switch node {
        case .list(let list): return evalList(input, list)
        case .text(let text): return Step(values: [.string(text)])
        case .field(let name): return evalField(input, name)
        case .array(let params): return evalArray(input, params)
        case .filter(let left, let right, let op): return evalFilter(input, left: left, right: right, op: op)
        case .int(let i): return Step(values: Values(repeating: .int(i), count: input.count))
        case .float(let d): return Step(values: Values(repeating: .double(d), count: input.count))
        case .bool(let b): return Step(values: Values(repeating: .bool(b), count: input.count))
        case .wildcard: return evalWildcard(input)
        case .recursive: return evalRecursive(input)
        case .union(let lists): return evalUnion(input, lists)
        case .identifier(let name): return evalIdentifier(input, name)
        }
    }

    mutating func evalList(_ input: Values, _ list: [JSONPathNode]) -> Step {
        var current = input
        for node in list {
            let step = walk(current, node)
            current = step.values
            if step.error != nil { return step }
        }
        return Step(values: current)
    }

    mutating func evalIdentifier(_ input: Values, _ name: String) -> Step {
        switch name {
        case "range":
            beginRange += 1
            return Step(values: input)
        case "end":
            if inRange > 0 {
                endRange += 1
                return Step(values: [])
            }
            return Step(values: [], error: JSONPathError("not in range, nothing to end"))
        default:
            return Step(values: input, error: JSONPathError("unrecognized identifier \(name)"))
        }
    }

    func evalArray(_ input: Values, _ nodeParams: [JSONPathSliceParameter]) -> Step {
        var result: Values = []
        for element in input {
            guard let value = element else {
                return Step(values: input, error: JSONPathError("<invalid Value> is not array or slice"))
            }
            if case .null = value { continue }
            guard case .array(let items) = value else {
                return Step(values: input, error: JSONPathError("\(GoPrint.typeName(value)) is not array or slice"))
            }
            var params = nodeParams
            let length = items.count
            if !params[0].known { params[0].value = 0 }
            if params[0].value < 0 { params[0].value += length }
            if !params[1].known { params[1].value = length }
            if params[1].value < 0 || (params[1].value == 0 && params[1].derived) { params[1].value += length }
            if params[1].value != params[0].value {
                if params[0].value >= length || params[0].value < 0 {
                    return Step(
                        values: input,
                        error: JSONPathError("array index out of bounds: index \(params[0].value), length \(length)"))
                }
                if params[1].value > length || params[1].value < 0 {
                    return Step(
                        values: input,
                        error: JSONPathError("array index out of bounds: index \(params[1].value - 1), length \(length)"))
                }
                if params[0].value > params[1].value {
                    return Step(
                        values: input,
                        error: JSONPathError(
                            "starting index \(params[0].value) is greater than ending index \(params[1].value)"))
                }
            } else {
                return Step(values: result)
            }
            var step = 1
            if params[2].known {
                if params[2].value <= 0 {
                    return Step(values: input, error: JSONPathError("step must be > 0"))
                }
                step = params[2].value
            }
            var i = params[0].value
            while i < params[1].value {
                result.append(items[i])
                i += step
            }
        }
        return Step(values: result)
    }

    mutating func evalUnion(_ input: Values, _ lists: [[JSONPathNode]]) -> Step {
        var result: Values = []
        for list in lists {
            let step = evalList(input, list)
            if step.error != nil { return Step(values: input, error: step.error) }
            result.append(contentsOf: step.values)
        }
        return Step(values: result)
    }

    func evalField(_ input: Values, _ name: String) -> Step {
        var results: Values = []
        if input.isEmpty { return Step(values: results) }
        for element in input {
            guard case .object(let object)? = element else { continue }
            if let member = object[name] { results.append(member) }
        }
        if results.isEmpty && !allowMissingKeys {
            return Step(values: results, error: JSONPathError("\(name) is not found"))
        }
        return Step(values: results)
    }

    /// The children Go's reflection sees: object values (keys in byte order), array elements,
    /// and a string's bytes.
    static func children(_ value: Value, into results: inout Values) {
        switch value {
        case .object(let object):
            for entry in object.sortedByKeyBytes() { results.append(entry.value) }
        case .array(let items):
            for item in items { results.append(item) }
        case .string(let s):
            for byte in s.utf8 { results.append(.int(Int(byte))) }
        default:
            break
        }
    }

    func evalWildcard(_ input: Values) -> Step {
        var results: Values = []
        for element in input {
            guard let value = element else { continue }
            JSONPathEvaluator.children(value, into: &results)
        }
        return Step(values: results)
    }

    func evalRecursive(_ input: Values) -> Step {
        var result: Values = []
        for element in input {
            guard let value = element else { continue }
            var children: Values = []
            JSONPathEvaluator.children(value, into: &children)
            if !children.isEmpty {
                result.append(value)
                let step = evalRecursive(children)
                result.append(contentsOf: step.values)
            }
        }
        return Step(values: result)
    }

    mutating func evalFilter(_ input: Values, left: [JSONPathNode], right: [JSONPathNode], op: String) -> Step {
        var results: Values = []
        for element in input {
            guard let value = element, case .array(let items) = value else {
                // Go prints the value itself; kit names its type, so no data leaks into messages.
                let what = element.map { GoPrint.typeName($0) } ?? "<invalid reflect.Value>"
                return Step(values: input, error: JSONPathError("\(what) is not array or slice and cannot be filtered"))
            }
            for item in items {
                let temp: Values = [item]
                let lefts = evalList(temp, left)
                if op == "exists" {
                    if !lefts.values.isEmpty { results.append(item) }
                    continue
                }
                if let error = lefts.error { return Step(values: input, error: error) }
                if lefts.values.isEmpty { continue }
                if lefts.values.count > 1 {
                    return Step(values: input, error: JSONPathError("can only compare one element at a time"))
                }
                let rights = evalList(temp, right)
                if let error = rights.error { return Step(values: input, error: error) }
                if rights.values.isEmpty { continue }
                if rights.values.count > 1 {
                    return Step(values: input, error: JSONPathError("can only compare one element at a time"))
                }
                let l = lefts.values[0]
                let r = rights.values[0]
                let pass: Bool
                do {
                    switch op {
                    case "<": pass = try GoCompare.less(l, r)
                    case ">": pass = try GoCompare.greater(l, r)
                    case "==": pass = try GoCompare.equal(l, r)
                    case "!=": pass = try !GoCompare.equal(l, r)
                    case "<=": pass = try GoCompare.lessEqual(l, r)
                    case ">=": pass = try !GoCompare.less(l, r)
                    default:
                        return Step(values: results, error: JSONPathError("unrecognized filter operator \(op)"))
                    }
                } catch {
                    return Step(values: results, error: error)
                }
                if pass { results.append(item) }
            }
        }
        return Step(values: results)
    }
}

/// text/template's comparison functions (`eq`, `lt`, …) as client-go's filters use them:
/// only values of the same basic kind compare (integers with integers, floats with floats,
/// strings with strings; booleans only for equality).
enum GoCompare {
    enum Kind { case bool, int, float, string }

    static func kind(_ value: Value?) throws(JSONPathError) -> Kind {
        switch value {
        case .bool?: return .bool
        case .int?: return .int
        case .double?, .decimal?: return .float
        case .string?: return .string
        default: throw JSONPathError("invalid type for comparison")
        }
    }

    static func equal(_ a: Value?, _ b: Value?) throws(JSONPathError) -> Bool {
        let ka = try kind(a)
        let kb = try kind(b)
        guard ka == kb else { throw JSONPathError("incompatible types for comparison") }
        switch (a, b) {
        case (.bool(let x)?, .bool(let y)?): return x == y
        case (.int(let x)?, .int(let y)?): return x == y
        case (.string(let x)?, .string(let y)?): return utf8Equal(x, y)
        default: return (a?.doubleValue ?? 0) == (b?.doubleValue ?? 0)
        }
    }

    static func less(_ a: Value?, _ b: Value?) throws(JSONPathError) -> Bool {
        let ka = try kind(a)
        let kb = try kind(b)
        guard ka == kb else { throw JSONPathError("incompatible types for comparison") }
        switch (a, b) {
        case (.bool?, _): throw JSONPathError("invalid type for comparison")
        case (.int(let x)?, .int(let y)?): return x < y
        case (.string(let x)?, .string(let y)?): return utf8Less(x, y)
        default: return (a?.doubleValue ?? 0) < (b?.doubleValue ?? 0)
        }
    }

    static func lessEqual(_ a: Value?, _ b: Value?) throws(JSONPathError) -> Bool {
        if try less(a, b) { return true }
        return try equal(a, b)
    }

    static func greater(_ a: Value?, _ b: Value?) throws(JSONPathError) -> Bool {
        try !lessEqual(a, b)
    }
}
