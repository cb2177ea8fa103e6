/// The one error type of kit: a message a user can act on, and where the problem is.
///
/// Printed as `FILE:LINE:COL: message` (or just `message` when there is no location).
/// Messages never contain secret values: readers quote keys and positions, not data.
public struct KitError: Error, Sendable, CustomStringConvertible, Equatable {
    public var location: SourceLocation?
    public var message: String

    public init(_ message: String, at location: SourceLocation? = nil) {
        self.message = message
        self.location = location
    }

    public var description: String {
        if let location { return "\(location): \(message)" }
        return message
    }
}
