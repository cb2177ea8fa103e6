import KitCore

/// The Kubernetes API definitions compiled into kit, in the compact form kit-modelgen writes
/// (Generated/Schema): each definition is one line of compact JSON inside a string literal,
/// found through `definitionNames` (sorted) and `definitionLocations`. Nothing is parsed until
/// a definition is asked for, so the bundle costs no start-up time; no Foundation resources.
enum SchemaBundle {
    /// The index of definition `name`, by binary search over the sorted names.
    static func index(of name: String) -> Int? {
        var low = 0
        var high = definitionNames.count
        while low < high {
            let mid = (low + high) / 2
            let c = utf8Compare(definitionNames[mid], name)
            if c == 0 { return mid }
            if c < 0 { low = mid + 1 } else { high = mid }
        }
        return nil
    }

    /// The compact JSON of definition `index`.
    static func json(ofDefinition index: Int) -> [UInt8] {
        let chunkNumber = Int(definitionLocations[3 * index])
        let start = Int(definitionLocations[3 * index + 1])
        let length = Int(definitionLocations[3 * index + 2])
        let text = chunk(chunkNumber)
        return Array(UnsafeBufferPointer(start: text.utf8Start + start, count: length))
    }
}
