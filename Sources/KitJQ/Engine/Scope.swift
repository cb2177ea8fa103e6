import KitCore

/// The compile-time scope: what a name means at one point of the program. A linked list of
/// entries, innermost first. Variables, filter parameters and labels occupy an environment
/// node at run time (`depth` counts them); function definitions and constants do not.
final class Scope {
    enum Entry {
        case variable(String)
        case parameter(String)
        case function(String, arity: Int, CompiledFunction)
        /// A variable whose value is known when compiling (`$ENV`, `--arg`s, data imports).
        case constant(String, Value)
    }

    let parent: Scope?
    let entry: Entry?
    /// Environment nodes from the root through this entry.
    let depth: Int

    init() {
        parent = nil
        entry = nil
        depth = 0
    }

    init(parent: Scope, entry: Entry) {
        self.parent = parent
        self.entry = entry
        switch entry {
        case .variable, .parameter: depth = parent.depth + 1
        case .function, .constant: depth = parent.depth
        }
    }

    func adding(_ entry: Entry) -> Scope { Scope(parent: self, entry: entry) }

    enum VariableResolution {
        case node(hops: Int)
        case constant(Value)
    }

    func resolveVariable(_ name: String) -> VariableResolution? {
        var s: Scope? = self
        while let scope = s {
            switch scope.entry {
            case .variable(let n) where n == name: return .node(hops: depth - scope.depth)
            case .constant(let n, let v) where n == name: return .constant(v)
            default: break
            }
            s = scope.parent
        }
        return nil
    }

    enum FunctionResolution {
        case parameter(hops: Int)
        /// A `def`: `hops` from the caller's environment to the definition's (nil when the
        /// definition is at the top level, whose environment is empty).
        case function(CompiledFunction, hops: Int?)
    }

    func resolveFunction(_ name: String, arity: Int) -> FunctionResolution? {
        var s: Scope? = self
        while let scope = s {
            switch scope.entry {
            case .parameter(let n) where n == name && arity == 0:
                return .parameter(hops: depth - scope.depth)
            case .function(let n, let a, let f) where n == name && a == arity:
                return .function(f, hops: scope.depth == 0 ? nil : depth - scope.depth)
            default: break
            }
            s = scope.parent
        }
        return nil
    }
}
