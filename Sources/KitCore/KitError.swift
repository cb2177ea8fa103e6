/// The one error type of kit: a message a user can act on, and where the problem is.
///
/// Printed as `FILE:LINE:COL: message` (or just `message` when there is no location).
/// Messages never contain secret values: readers quote keys and positions, not data.
public struct KitError: Error, Sendable, CustomStringConvertible, Equatable {
    public var location: SourceLocation?
    public var message: String
    /// The value the message is about, when the error comes from a writer, which sees values
    /// but not where they were read from: the caller, which knows its inputs, turns it into a
    /// `location` (`DocumentReader.locate`).
    public var valuePath: ValuePath?

    public init(_ message: String, at location: SourceLocation? = nil) {
        self.message = message
        self.location = location
    }

    /// A value inside the `document`-th document (0-based) of what was being written.
    public struct ValuePath: Sendable, Equatable {
        public var document: Int
        public var components: [PathComponent]

        public init(document: Int, components: [PathComponent]) {
            self.document = document
            self.components = components
        }
    }

    public var description: String {
        if let location { return "\(location): \(message)" }
        return message
    }
}
