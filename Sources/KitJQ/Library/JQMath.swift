#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import KitCore

/// jq 1.8's math builtins (src/libm.h) as a glibc build of jq defines them: every one calls
/// the C library's function of the same name on doubles.
///
/// - arity 0: a filter on its input (`2 | sqrt`); `frexp`, `modf` and `lgamma_r` return a
///   pair: `[mantissa, exponent]`, `[fraction, integer part]`, `[value, sign]`;
/// - arity 2 and 3: the input is ignored and the arguments are the operands (`pow(2; 10)`).
///
/// Operands that C takes as `int` or `long` (`ldexp`'s exponent, `jn`'s order…) are converted
/// as C converts them on x86-64: truncated, and NaN or out of range becomes the most negative
/// value (so `ldexp(1; 1e10)` is 0, as in jq).
public enum JQMath {
    /// Every math builtin by name and jq arity, in jq's order.
    public static let functions: [(name: String, arity: Int)] = table.map { ($0.name, $0.operation.arity) }

    /// Applies `name` to its operands: the input for arity 0, the arguments otherwise. Nil
    /// when `name` is not a math builtin or the operand count is not its arity.
    public static func call(_ name: String, _ args: [Double]) -> Value? {
        guard let i = index[name] else { return nil }
        return table[i].operation.evaluate(args)
    }

    /// `call` with jq's type checks on the jq values: `string ("a") number required` for a
    /// non-number input (arity 0) or argument (checked left to right). Nil when `name` is not
    /// a math builtin or `arguments` does not match its arity.
    public static func apply(_ name: String, input: Value, arguments: [Value]) throws(JQLibraryError) -> Value? {
        guard let i = index[name] else { return nil }
        let operation = table[i].operation
        guard arguments.count == operation.arity else { return nil }
        let operands = operation.arity == 0 ? [input] : arguments
        var numbers: [Double] = []
        numbers.reserveCapacity(operands.count)
        for operand in operands {
            guard let d = operand.doubleValue else { throw .typeError(operand, "number required") }
            numbers.append(d)
        }
        return operation.evaluate(numbers)
    }

    enum Operation: Sendable {
        case unary(@Sendable (Double) -> Double)
        case binary(@Sendable (Double, Double) -> Double)
        case ternary(@Sendable (Double, Double, Double) -> Double)
        case pair(@Sendable (Double) -> [Value])

        var arity: Int {
            switch self {
            case .unary, .pair: return 0
            case .binary: return 2
            case .ternary: return 3
            }
        }

        func evaluate(_ args: [Double]) -> Value? {
            switch self {
            case .unary(let f):
                guard args.count == 1 else { return nil }
                return .double(f(args[0]))
            case .pair(let f):
                guard args.count == 1 else { return nil }
                return .array(f(args[0]))
            case .binary(let f):
                guard args.count == 2 else { return nil }
                return .double(f(args[0], args[1]))
            case .ternary(let f):
                guard args.count == 3 else { return nil }
                return .double(f(args[0], args[1], args[2]))
            }
        }
    }

    /// glibc's `exp10` is a GNU extension Swift's Glibc module does not declare (macOS has
    /// it as `__exp10`).
    private typealias CUnary = @convention(c) (Double) -> Double
    private static let cExp10: CUnary? = {
        guard let symbol = CLibrary.symbol("exp10") ?? CLibrary.symbol("__exp10") else { return nil }
        return unsafeBitCast(symbol, to: CUnary.self)
    }()

    private static func exp10(_ x: Double) -> Double {
        if let f = cExp10 { return f(x) }
        return pow(10, x)
    }

    static let table: [(name: String, operation: Operation)] = [
        ("acos", .unary { acos($0) }),
        ("acosh", .unary { acosh($0) }),
        ("asin", .unary { asin($0) }),
        ("asinh", .unary { asinh($0) }),
        ("atan", .unary { atan($0) }),
        ("atan2", .binary { atan2($0, $1) }),
        ("atanh", .unary { atanh($0) }),
        ("cbrt", .unary { cbrt($0) }),
        ("cos", .unary { cos($0) }),
        ("cosh", .unary { cosh($0) }),
        ("exp", .unary { exp($0) }),
        ("exp2", .unary { exp2($0) }),
        ("floor", .unary { floor($0) }),
        ("hypot", .binary { hypot($0, $1) }),
        ("j0", .unary { j0($0) }),
        ("j1", .unary { j1($0) }),
        ("log", .unary { log($0) }),
        ("log10", .unary { log10($0) }),
        ("log2", .unary { log2($0) }),
        ("pow", .binary { pow($0, $1) }),
        ("remainder", .binary { remainder($0, $1) }),
        ("sin", .unary { sin($0) }),
        ("sinh", .unary { sinh($0) }),
        ("sqrt", .unary { sqrt($0) }),
        ("tan", .unary { tan($0) }),
        ("tanh", .unary { tanh($0) }),
        ("tgamma", .unary { tgamma($0) }),
        ("y0", .unary { y0($0) }),
        ("y1", .unary { y1($0) }),
        ("jn", .binary { jn(CLibrary.int($0), $1) }),
        ("yn", .binary { yn(CLibrary.int($0), $1) }),
        ("ceil", .unary { ceil($0) }),
        ("copysign", .binary { copysign($0, $1) }),
        // glibc's drem is remainder under its old name.
        ("drem", .binary { remainder($0, $1) }),
        ("erf", .unary { erf($0) }),
        ("erfc", .unary { erfc($0) }),
        ("exp10", .unary { JQMath.exp10($0) }),
        ("expm1", .unary { expm1($0) }),
        ("fabs", .unary { fabs($0) }),
        ("fdim", .binary { fdim($0, $1) }),
        ("fma", .ternary { fma($0, $1, $2) }),
        ("fmax", .binary { fmax($0, $1) }),
        ("fmin", .binary { fmin($0, $1) }),
        ("fmod", .binary { fmod($0, $1) }),
        // glibc's gamma is lgamma (the logarithm), not tgamma.
        ("gamma", .unary { lgamma($0) }),
        ("lgamma", .unary { lgamma($0) }),
        ("log1p", .unary { log1p($0) }),
        ("logb", .unary { logb($0) }),
        ("nearbyint", .unary { nearbyint($0) }),
        ("nextafter", .binary { nextafter($0, $1) }),
        // nexttoward's long double target holds the double exactly: nextafter's result.
        ("nexttoward", .binary { nextafter($0, $1) }),
        ("rint", .unary { rint($0) }),
        ("round", .unary { round($0) }),
        ("scalb", .binary { scalb($0, $1) }),
        ("scalbln", .binary { scalbln($0, CLibrary.long($1)) }),
        ("significand", .unary { significand($0) }),
        ("trunc", .unary { trunc($0) }),
        ("ldexp", .binary { scalbn($0, Int(CLibrary.int($1))) }),
        (
            "modf",
            .pair { x in
                var integral = 0.0
                let fraction = modf(x, &integral)
                return [.double(fraction), .double(integral)]
            }
        ),
        (
            "frexp",
            .pair { x in
                var exponent: Int32 = 0
                let mantissa = frexp(x, &exponent)
                return [.double(mantissa), .int(Int(exponent))]
            }
        ),
        (
            "lgamma_r",
            .pair { x in
                var sign: Int32 = 0
                let value = lgamma_r(x, &sign)
                return [.double(value), .int(Int(sign))]
            }
        ),
    ]

    static let index: [String: Int] = {
        var index: [String: Int] = [:]
        for (i, entry) in table.enumerated() { index[entry.name] = i }
        return index
    }()
}
