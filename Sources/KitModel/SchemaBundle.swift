import KitCore

/// The data kit-modelgen writes for one compiled-in Kubernetes version (Generated/Schema and
/// Generated/Schema-vX.Y.Z): each definition is one line of compact JSON inside a string
/// literal, found through `definitionNames` (sorted) and `definitionLocations`. Nothing is
/// parsed until a definition is asked for, so a bundle costs no start-up time; no Foundation
/// resources.
protocol SchemaBundleData {
    /// The Kubernetes version the definitions describe (`v1.37.0`).
    static var kubernetesVersion: String { get }
    /// Definition names in UTF-8 byte order.
    static var definitionNames: [String] { get }
    /// Per definition: chunk, byte offset and byte length of its line.
    static var definitionLocations: [Int32] { get }
    /// The text of chunk `number`.
    static func chunk(_ number: Int) -> StaticString
    /// Every kind a definition declares: group, version, kind, definition index.
    static var groupVersionKinds: [(String, String, String, Int)] { get }
    /// The served resources (empty in validation-only bundles): group, version, kind, plural,
    /// short names, namespaced.
    static var resources: [(String, String, String, String, [String], Bool)] { get }
}

extension SchemaBundleData {
    /// The index of definition `name`, by binary search over the sorted names.
    static func index(of name: String) -> Int? {
        let names = definitionNames
        var low = 0
        var high = names.count
        while low < high {
            let mid = (low + high) / 2
            let c = utf8Compare(names[mid], name)
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

/// The primary bundle: the version kit's typed models, `kit explain` and strategic merge use,
/// with descriptions and the served-resource table.
enum SchemaBundle: SchemaBundleData {}
