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

    /// The line and column of byte `offset` of `bytes` (UTF-8): columns count characters.
    public init<C: Collection>(file: String, byteOffset offset: Int, in bytes: C) where C.Element == UInt8, C.Index == Int {
        var line = 1
        var column = 1
        var i = bytes.startIndex
        let end = min(bytes.startIndex + offset, bytes.endIndex)
        while i < end {
            let b = bytes[i]
            if b == 10 {
                line += 1
                column = 1
            } else if b & 0xC0 != 0x80 {
                column += 1
            }
            i += 1
        }
        self.init(file: file, line: line, column: column)
    }

    /// `FILE:LINE:COL`, the form editors and CI annotators understand.
    public var description: String { "\(file):\(line):\(column)" }
}
