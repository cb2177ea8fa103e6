/// Go's `text/tabwriter` as kubectl uses it (the `github.com/liggitt/tabwriter` fork with
/// `RememberWidths`), ported for exact layout: text is collected into tab-terminated cells,
/// a column block is as wide as its widest cell plus padding (at least `minWidth`), widths
/// count Unicode scalars, and a line without tabs ends a block (flushes).
///
/// kubectl's printers use `minWidth` 6, `tabWidth` 4, padding 3, space padding and
/// `RememberWidths` (`kubectl` default, `init()`): once a column was wide, later blocks keep
/// that width until `rememberedWidths` is reset. kit never writes tabwriter's escape
/// character (0xFF cannot appear in UTF-8 text), so escapes are not ported.
public struct TabWriter {
    struct Cell {
        var size = 0  // bytes
        var width = 0  // Unicode scalars
        var htab = false  // terminated by a tab
    }

    let minWidth: Int
    let tabWidth: Int
    let padding: Int
    let rememberWidths: Bool

    /// What has been written out so far (flushed lines).
    public private(set) var output: [UInt8] = []

    private var buffer: [UInt8] = []
    private var position = 0
    private var cell = Cell()
    private var lines: [[Cell]] = [[]]
    private var widths: [Int] = []
    private var maxWidths: [Int] = []

    /// kubectl's tab writer (`printers.GetNewTabWriter`).
    public init() {
        self.init(minWidth: 6, tabWidth: 4, padding: 3, rememberWidths: true)
    }

    public init(minWidth: Int, tabWidth: Int, padding: Int, rememberWidths: Bool) {
        self.minWidth = minWidth
        self.tabWidth = tabWidth
        self.padding = padding
        self.rememberWidths = rememberWidths
    }

    /// Forgets the widths remembered so far (kubectl does this between resource kinds).
    public mutating func resetRememberedWidths() {
        maxWidths = []
    }

    /// Takes the flushed output, leaving the writer's output empty.
    public mutating func takeOutput() -> [UInt8] {
        defer { output = [] }
        return output
    }

    public mutating func write(_ text: String) {
        var text = text
        text.withUTF8 { write(bytes: $0) }
    }

    public mutating func write(bytes: UnsafeBufferPointer<UInt8>) {
        var n = 0
        for i in 0..<bytes.count {
            let ch = bytes[i]
            switch ch {
            case 9, 11, 10, 12:  // \t \v \n \f
                buffer.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[n..<i]))
                cell.size += i - n
                updateWidth()
                n = i + 1
                let cells = terminateCell(htab: ch == 9)
                if ch == 10 || ch == 12 {
                    lines.append([])
                    if ch == 12 || cells == 1 {
                        flush()
                    }
                }
            default:
                break
            }
        }
        buffer.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[n...]))
        cell.size += bytes.count - n
    }

    /// Formats and writes out everything collected so far.
    public mutating func flush() {
        if cell.size > 0 {
            _ = terminateCell(htab: false)
        }
        var pos = 0
        format(&pos, 0, lines.count)
        // reset
        buffer.removeAll(keepingCapacity: true)
        position = 0
        cell = Cell()
        lines = [[]]
        widths.removeAll(keepingCapacity: true)
    }

    private mutating func updateWidth() {
        var count = 0
        for b in buffer[position...] where b & 0xC0 != 0x80 { count += 1 }
        cell.width += count
        position = buffer.count
    }

    private mutating func terminateCell(htab: Bool) -> Int {
        cell.htab = htab
        lines[lines.count - 1].append(cell)
        cell = Cell()
        return lines[lines.count - 1].count
    }

    private mutating func writePadding(textWidth: Int, cellWidth: Int) {
        if cellWidth > textWidth {
            output.append(contentsOf: repeatElement(UInt8(ascii: " "), count: cellWidth - textWidth))
        }
    }

    private mutating func writeLines(_ pos: inout Int, _ line0: Int, _ line1: Int) {
        for i in line0..<line1 {
            let line = lines[i]
            for (j, c) in line.enumerated() {
                if c.size == 0 {
                    if j < widths.count { writePadding(textWidth: c.width, cellWidth: widths[j]) }
                } else {
                    output.append(contentsOf: buffer[pos..<(pos + c.size)])
                    pos += c.size
                    if j < widths.count { writePadding(textWidth: c.width, cellWidth: widths[j]) }
                }
            }
            if i + 1 == lines.count {
                output.append(contentsOf: buffer[pos..<(pos + cell.size)])
                pos += cell.size
            } else {
                output.append(10)
            }
        }
    }

    private mutating func format(_ pos: inout Int, _ line0: Int, _ line1: Int) {
        var line0 = line0
        let column = widths.count
        var this = line0
        while this < line1 {
            if column >= lines[this].count - 1 {
                this += 1
                continue
            }
            writeLines(&pos, line0, this)
            line0 = this
            var width = minWidth
            while this < line1 {
                let line = lines[this]
                if column >= line.count - 1 { break }
                let c = line[column]
                let w = c.width + padding
                if w > width { width = w }
                this += 1
            }
            if rememberWidths {
                if maxWidths.count < widths.count {
                    maxWidths.append(contentsOf: widths[maxWidths.count...])
                }
                if maxWidths.count == widths.count {
                    maxWidths.append(width)
                } else if maxWidths[widths.count] > width {
                    width = maxWidths[widths.count]
                } else if maxWidths[widths.count] < width {
                    maxWidths[widths.count] = width
                }
            }
            widths.append(width)
            format(&pos, line0, this)
            widths.removeLast()
            line0 = this
        }
        writeLines(&pos, line0, line1)
    }
}
