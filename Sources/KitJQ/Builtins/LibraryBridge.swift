import KitCore

/// The builtins whose work is done by the library's pure functions (math, dates), adapted to
/// the evaluator: argument checks with jq's messages, library errors as jq errors.
extension BuiltinLibrary {
    func registerLibraryBridges() {
        for (name, arity) in JQMath.functions {
            if arity == 0 {
                function0(name) { v in try library { try JQMath.apply(name, input: v, arguments: []) ?? .null } }
            } else {
                function(name, arity) { v, args in try library { try JQMath.apply(name, input: v, arguments: args) ?? .null } }
            }
        }
        function0("now") { _ in try library { try JQDates.now() } }
        function0("mktime") { v in try library { try JQDates.mktime(v) } }
        function0("gmtime") { v in try library { try JQDates.gmtime(v) } }
        function0("localtime") { v in try library { try JQDates.localtime(v) } }
        function("strftime", 1) { v, args in try library { try JQDates.strftime(v, format: args[0], local: false) } }
        function("strflocaltime", 1) { v, args in try library { try JQDates.strftime(v, format: args[0], local: true) } }
        function("strptime", 1) { v, args in try library { try JQDates.strptime(v, format: args[0]) } }
    }
}

/// Runs a library function, turning its error into a jq runtime error.
@inline(__always)
func library(_ body: () throws -> Value) throws -> Value {
    do {
        return try body()
    } catch let e as JQLibraryError {
        throw JQError(e.message)
    }
}
