import KitCore

// TEMPORARY: placeholders for the library pieces built on branch jq-lib (regular
// expressions, dates, formats, math; contract in Library/JQLibraryError.swift). This file is
// deleted when that work lands on main.

enum JQFormats {
    static func apply(_ name: String, to v: Value) throws(JQLibraryError) -> String {
        throw JQLibraryError("\(name) is not a valid format")
    }
}

enum JQRegex {
    static func match(_ input: Value, regex: Value, flags: Value, testMode: Bool) throws(JQLibraryError) -> Value {
        throw JQLibraryError("regular expressions are not available yet")
    }
}

enum JQDates {
    static func strftime(_ v: Value, format: Value, local: Bool) throws(JQLibraryError) -> Value { throw JQLibraryError("dates are not available yet") }
    static func strptime(_ v: Value, format: Value) throws(JQLibraryError) -> Value { throw JQLibraryError("dates are not available yet") }
    static func mktime(_ v: Value) throws(JQLibraryError) -> Value { throw JQLibraryError("dates are not available yet") }
    static func gmtime(_ v: Value) throws(JQLibraryError) -> Value { throw JQLibraryError("dates are not available yet") }
    static func localtime(_ v: Value) throws(JQLibraryError) -> Value { throw JQLibraryError("dates are not available yet") }
    static func now() throws(JQLibraryError) -> Value { throw JQLibraryError("dates are not available yet") }
}

enum JQMath {
    static let functions: [(name: String, arity: Int)] = []
    static func call(_ name: String, _ args: [Double]) -> Value? { nil }
}
