/// Where something is in an input: a file (or `-` for stdin) and a 1-based line and column.
///
/// Columns count Unicode scalars from the start of the line, as libyaml reports them.
public struct SourceLocation: Sendable, Hashable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int

    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    /// `FILE:LINE:COL`, the form editors and CI annotators understand.
    public var description: String { "\(file):\(line):\(column)" }
}
