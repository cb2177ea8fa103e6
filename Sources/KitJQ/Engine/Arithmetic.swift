import KitCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// jq's binary operators on values (`binop_plus` and friends), with jq's messages.
enum Arithmetic {
    static func apply(_ op: BinaryOperator, _ a: Value, _ b: Value) throws -> Value {
        switch op {
        case .add: return try add(a, b)
        case .subtract: return try subtract(a, b)
        case .multiply: return try multiply(a, b)
        case .divide: return try divide(a, b)
        case .modulo: return try modulo(a, b)
        case .equal: return .bool(try jqEqual(a, b))
        case .notEqual: return .bool(!(try jqEqual(a, b)))
        case .less: return .bool(try jqCompare(a, b) < 0)
        case .lessOrEqual: return .bool(try jqCompare(a, b) <= 0)
        case .greater: return .bool(try jqCompare(a, b) > 0)
        case .greaterOrEqual: return .bool(try jqCompare(a, b) >= 0)
        }
    }

    /// Integers whose sum or difference a double holds exactly stay integers.
    static let exactLimit = 9_007_199_254_740_992
    static let exactMagnitude: UInt = 9_007_199_254_740_992

    static func add(_ a: Value, _ b: Value) throws -> Value {
        switch (a, b) {
        case (.int(let x), .int(let y)):
            let (r, overflow) = x.addingReportingOverflow(y)
            if !overflow && x.magnitude < Arithmetic.exactMagnitude && y.magnitude < Arithmetic.exactMagnitude && r.magnitude < Arithmetic.exactMagnitude { return .int(r) }
            return Value.number(a.number! + b.number!)
        case (.null, _): return b
        case (_, .null): return a
        case (.string(let x), .string(let y)): return .string(x + y)
        case (.array(var x), .array(let y)):
            x.append(contentsOf: y)
            return .array(x)
        case (.object(var x), .object(let y)):
            for (k, v) in y { x[k] = v }
            return .object(x)
        default:
            if let x = a.number, let y = b.number { return Value.number(x + y) }
            throw typeError(a, b, "cannot be added")
        }
    }

    static func subtract(_ a: Value, _ b: Value) throws -> Value {
        switch (a, b) {
        case (.int(let x), .int(let y)):
            let (r, overflow) = x.subtractingReportingOverflow(y)
            if !overflow && x.magnitude < Arithmetic.exactMagnitude && y.magnitude < Arithmetic.exactMagnitude && r.magnitude < Arithmetic.exactMagnitude { return .int(r) }
            return Value.number(a.number! - b.number!)
        case (.array(let x), .array(let y)):
            var kept: [Value] = []
            for item in x {
                var found = false
                for other in y where try jqEqual(item, other) {
                    found = true
                    break
                }
                if !found { kept.append(item) }
            }
            return .array(kept)
        default:
            if let x = a.number, let y = b.number { return Value.number(x - y) }
            throw typeError(a, b, "cannot be subtracted")
        }
    }

    static func multiply(_ a: Value, _ b: Value) throws -> Value {
        switch (a, b) {
        case (.string(let s), _) where b.isNumber:
            return try repeatString(s, b.number!)
        case (_, .string(let s)) where a.isNumber:
            return try repeatString(s, a.number!)
        case (.object(let x), .object(let y)):
            return .object(try deepMerge(x, y, depth: 0))
        default:
            if let x = a.number, let y = b.number { return Value.number(x * y) }
            throw typeError(a, b, "cannot be multiplied")
        }
    }

    static func repeatString(_ s: String, _ d: Double) throws -> Value {
        let n: Int = d < 0 || d.isNaN ? -1 : (d > Double(Int32.max) ? Int(Int32.max) : Int(d))
        if n < 0 { return .null }
        let length = s.utf8.count * n
        if length >= Int(Int32.max) - 8 { throw JQError("Repeat string result too long") }
        if length == 0 { return .string("") }
        return .string(String(repeating: s, count: n))
    }

    static func deepMerge(_ a: Object, _ b: Object, depth: Int) throws -> Object {
        if depth > comparisonDepthLimit { throw JQError("Object merge too deep") }
        var result = a
        for (k, v) in b {
            if case .object(let bv) = v, case .object(let av)? = result[k] {
                result[k] = .object(try deepMerge(av, bv, depth: depth + 1))
            } else {
                result[k] = v
            }
        }
        return result
    }

    static func divide(_ a: Value, _ b: Value) throws -> Value {
        switch (a, b) {
        case (.string(let x), .string(let y)):
            return .array(split(x, by: y).map { .string($0) })
        default:
            guard let x = a.number, let y = b.number else { throw typeError(a, b, "cannot be divided") }
            if y == 0 { throw typeError(a, b, "cannot be divided because the divisor is zero") }
            return Value.number(x / y)
        }
    }

    /// C's conversion of a double to `intmax_t`, clamped as jq's `dtoi` clamps it.
    static func toIntMax(_ d: Double) -> Int {
        if d < -9.223372036854775808e18 { return Int.min }
        if -d <= -9.223372036854775808e18 { return Int.max }
        return Int(d)
    }

    static func modulo(_ a: Value, _ b: Value) throws -> Value {
        if case .int(let x) = a, case .int(let y) = b, y != 0, x.magnitude < Arithmetic.exactMagnitude, y.magnitude < Arithmetic.exactMagnitude {
            return .int(y == -1 ? 0 : x % y)
        }
        guard let x = a.number, let y = b.number else { throw typeError(a, b, "cannot be divided (remainder)") }
        if x.isNaN || y.isNaN { return .double(.nan) }
        let bi = toIntMax(y)
        if bi == 0 { throw typeError(a, b, "cannot be divided (remainder) because the divisor is zero") }
        if bi == -1 { return .int(0) }
        return Value.number(Double(toIntMax(x) % bi))
    }

    /// jq's `jv_string_split`: an empty separator splits into characters; a separator at the
    /// end yields a trailing empty string.
    static func split(_ s: String, by separator: String) -> [String] {
        if s.isEmpty { return [] }
        if separator.isEmpty { return s.unicodeScalars.map { String($0) } }
        var out: [String] = []
        let bytes = Array(s.utf8)
        let sep = Array(separator.utf8)
        var start = 0
        var i = 0
        while i + sep.count <= bytes.count {
            if bytes[i] == sep[0] && Array(bytes[i..<(i + sep.count)]) == sep {
                out.append(String(decoding: bytes[start..<i], as: UTF8.self))
                i += sep.count
                start = i
                continue
            }
            i += 1
        }
        out.append(String(decoding: bytes[start...], as: UTF8.self))
        return out
    }
}

/// Sorts values in jq's order (stable).
func sortValues(_ values: [Value]) throws -> [Value] {
    try values.enumerated().sorted { a, b in
        let c = try jqCompare(a.element, b.element)
        return c != 0 ? c < 0 : a.offset < b.offset
    }.map(\.element)
}

/// jq's nesting limit for comparisons, containment and merges.
let comparisonDepthLimit = 10_000

/// `a == b`, failing as jq fails on values nested too deeply.
func jqEqual(_ a: Value, _ b: Value) throws -> Bool {
    guard let e = Value.equal(a, b, depthLimit: comparisonDepthLimit) else { throw JQError("Equality check too deep") }
    return e
}

/// jq's order, failing as jq fails on values nested too deeply.
func jqCompare(_ a: Value, _ b: Value) throws -> Int {
    guard let c = Value.compare(a, b, depthLimit: comparisonDepthLimit) else { throw JQError("Comparison too deep") }
    return c
}
