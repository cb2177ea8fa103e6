import KitCore

/// A parsed jq expression. Nodes keep their byte range in the program so that compile errors
/// can point at them; the compiler turns the tree into `Op`s and the tree is then dropped.
final class Node: @unchecked Sendable {
    indirect enum Kind {
        /// `.`
        case identity
        /// `..`
        case recurseAll
        case literal(Value)
        /// `"text \(expr) text"`, optionally under a format (`@base64 "…"`): the interpolated
        /// values go through the format, the literal text does not.
        case string(parts: [StringPart], format: String?)
        /// `@name` on its own: the format applied to `.`.
        case format(String)
        /// `base[key]`, `base.name`, `base."name"`; `optional` for a trailing `?`.
        case index(base: Node, key: Node, optional: Bool)
        /// `base[from:to]`
        case slice(base: Node, from: Node?, to: Node?, optional: Bool)
        /// `base[]`
        case iterate(base: Node, optional: Bool)
        /// `[]` or `[query]`
        case array(Node?)
        case object([ObjectEntry])
        /// Unary minus.
        case negate(Node)
        case pipe(Node, Node)
        case comma(Node, Node)
        case binary(BinaryOperator, Node, Node)
        case and(Node, Node)
        case or(Node, Node)
        /// `a // b`
        case alternative(Node, Node)
        /// `a = b`, `a |= b`, `a += b`, … (`op` is the arithmetic operator of `op=`).
        case assign(AssignOperator, Node, Node)
        /// `if c then a (elif c then a)* (else b)? end`: `otherwise` is nil without `else`.
        case conditional(branches: [(Node, Node)], otherwise: Node?)
        /// `try body catch handler`; also the postfix `?` (no handler).
        case tryCatch(body: Node, handler: Node?)
        case reduce(source: Node, patterns: [Pattern], initial: Node, update: Node)
        case foreach(source: Node, patterns: [Pattern], initial: Node, update: Node, extract: Node?)
        /// Function definitions in scope for `body`.
        case functions([FunctionDefinition], body: Node)
        case call(name: String, arguments: [Node])
        case variable(String)
        /// `$__loc__`
        case location(line: Int)
        /// `source as pattern ?// pattern … | body`
        case bind(source: Node, patterns: [Pattern], body: Node)
        case label(String, body: Node)
        case breakLabel(String)
    }

    let kind: Kind
    let start: Int
    let end: Int

    init(_ kind: Kind, _ start: Int, _ end: Int) {
        self.kind = kind
        self.start = start
        self.end = end
    }
}

enum StringPart {
    case text(String)
    case interpolation(Node)
}

enum BinaryOperator: String, Sendable {
    case add = "+", subtract = "-", multiply = "*", divide = "/", modulo = "%"
    case equal = "==", notEqual = "!=", less = "<", lessOrEqual = "<=", greater = ">", greaterOrEqual = ">="
}

enum AssignOperator: Sendable, Equatable {
    /// `=`
    case set
    /// `|=`
    case update
    /// `+=`, `-=`, …
    case arithmetic(BinaryOperator)
    /// `//=`
    case alternative
}

/// One `key: value` of an object construction. The key is an expression producing strings.
struct ObjectEntry {
    var key: Node
    /// Nil for the shorthand forms (`{a}`, `{$x}`, `{"a"}`, `{$__loc__}`), where the value
    /// is derived from the key.
    var value: Node?
    /// For `{$x}` and `{$x: v}`-less shorthand: the variable whose value is used.
    var variable: String?
}

/// A destructuring pattern: `$name`, `[p, …]` or `{key: p, $name, $name: p, …}`.
indirect enum Pattern {
    case variable(String, start: Int, end: Int)
    case array([Pattern])
    case object([ObjectPatternEntry])

    /// Variable names bound by the pattern, in order of appearance.
    var variables: [String] {
        switch self {
        case .variable(let name, _, _): return [name]
        case .array(let items): return items.flatMap(\.variables)
        case .object(let entries):
            return entries.flatMap { entry -> [String] in
                (entry.variable.map { [$0] } ?? []) + (entry.pattern?.variables ?? [])
            }
        }
    }
}

/// One entry of an object pattern: `$name`, `$name: pattern`, `key: pattern`, `(expr): pattern`.
struct ObjectPatternEntry {
    /// The key expression (a string literal for `$name` and `name:` forms).
    var key: Node
    /// `$name` binds the key's value to `$name` as well.
    var variable: String?
    var pattern: Pattern?
}

/// `def name(params): body;`
struct FunctionDefinition {
    var name: String
    var parameters: [Parameter]
    var body: Node
    var start: Int
}

/// A function parameter: a filter (`f`) or a value (`$x`, which also defines `x` as a filter).
struct Parameter {
    var name: String
    var isValue: Bool
}

/// A module directive: `import "path" as name;`, `import "path" as $name;`, `include "path";`.
struct ImportDirective {
    var path: String
    /// The alias (`name` or, for data imports, the variable name without `$`); nil for include.
    var alias: String?
    var isData: Bool
    var metadata: Value?
    var start: Int
    var end: Int
}

/// A whole program or module: optional `module` metadata, imports, definitions and (for a
/// program) the main expression.
struct ParsedModule {
    var metadata: Value?
    var imports: [ImportDirective]
    var definitions: [FunctionDefinition]
    var body: Node?
}
