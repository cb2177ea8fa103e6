/// Why `kit create` could not build an object: kubectl's message for the same mistake (in
/// kubectl's words wherever kubectl has words for it), without the `error: ` prefix.
///
/// Messages never contain secret values: where kubectl would repeat a `--from-literal` or
/// an env-file line of a Secret, the message says where the problem is instead.
public struct CreateError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The message, as a user reads it after `kit: error: `.
    public var message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}
