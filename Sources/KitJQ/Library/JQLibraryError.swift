/// The failure of one of the jq library's pure functions (regular expressions, dates,
/// formats, math): the message exactly as jq words it, without jq's `jq: error (at …)` prefix.
/// The evaluator turns it into a jq runtime error carrying this message as a string.
public struct JQLibraryError: Error, Sendable, Equatable {
    public var message: String

    public init(_ message: String) {
        self.message = message
    }
}
