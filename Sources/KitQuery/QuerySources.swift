#if canImport(Glibc)
import Glibc
#endif
import KitCore
import KitRender

/// Where `kit query` reads objects from, and how: every document of every file (YAML streams,
/// JSON texts and JSON sequences, `kubectl get -o json|yaml` output), `List` objects
/// flattened into their items (recursively), directories walked recursively in byte order
/// taking `.json`, `.yaml` and `.yml` files as kubectl's `-f DIR -R` does.
public enum QuerySources {
    /// Inputs at least this big are read by several threads when they are a JSON List.
    public static let parallelThreshold = 16 << 20

    /// The sources `path` (a file, a directory, or `-` for standard input) gives a query: one
    /// per file, a big JSON List cut into parts read at the same time (as many as there are
    /// processors, up to four). The items of JSON Lists are read through `projection`
    /// (`Query.readProjection`); everything else is read whole.
    public static func sources(for path: String, projection: JSONProjection = .whole) throws -> [QuerySource] {
        if path != "-" && FileIO.isDirectory(path) {
            var all: [QuerySource] = []
            for file in try files(under: path) { all.append(contentsOf: try sources(for: file, projection: projection)) }
            return all
        }
        let bytes = try FileIO.read(path)
        return [try source(bytes, file: path, projection: projection)]
    }

    /// The source of one input's bytes.
    public static func source(_ bytes: [UInt8], file: String, projection: JSONProjection = .whole) throws -> QuerySource {
        let lowered = file.lowercased()
        let json = lowered.hasSuffix(".json") || (!lowered.hasSuffix(".yaml") && !lowered.hasSuffix(".yml") && DocumentReader.detect(bytes) == .json)
        let processors = min(max(Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))), 1), 4)
        if json && bytes.count >= parallelThreshold && processors > 1,
            let split = try? bytes.withUnsafeBufferPointer({ try JSONReader.splitArray($0, member: "items", parts: processors, file: file) }),
            case .object(let list) = split.object, isList(list), split.ranges.count > 1
        {
            let itemKind: String? = (list["kind"]?.stringValue).flatMap { $0 == "List" ? nil : String($0.dropLast(4)) }
            let apiVersion = list["apiVersion"]?.stringValue
            return .parallel(split.ranges.map { range in
                { (emit: (Value) throws -> Void) throws in
                    try bytes.withUnsafeBufferPointer { buffer in
                        try JSONReader.forEachElement(in: buffer, range: range, file: file, projection: projection) { item in
                            var item = item
                            if let itemKind, case .object(var o) = item {
                                if o["kind"] == nil { o["kind"] = .string(itemKind) }
                                if o["apiVersion"] == nil, let apiVersion { o["apiVersion"] = .string(apiVersion) }
                                item = .object(o)
                            }
                            try flatten(item, at: "\(file): items", emit)
                        }
                    }
                }
            })
        }
        return .sequential { emit in try forEachObject(inBytes: bytes, file: file, projection: projection, emit) }
    }

    /// Calls `body` with every object of `path` (a file, a directory, or `-` for standard
    /// input), in order.
    public static func forEachObject(in path: String, _ body: (Value) throws -> Void) throws {
        if path != "-" && FileIO.isDirectory(path) {
            for file in try files(under: path) {
                try forEachObject(inFile: file, body)
            }
            return
        }
        try forEachObject(inFile: path, body)
    }

    /// The `.json`, `.yaml` and `.yml` files below `directory`, depth first, in byte order.
    public static func files(under directory: String) throws -> [String] {
        var found: [String] = []
        for name in try FileIO.list(directory) {
            let path = FileIO.join(directory, name)
            if FileIO.isDirectory(path) {
                found.append(contentsOf: try files(under: path))
            } else if name.hasSuffix(".json") || name.hasSuffix(".yaml") || name.hasSuffix(".yml") {
                found.append(path)
            }
        }
        return found
    }

    static func forEachObject(inFile path: String, _ body: (Value) throws -> Void) throws {
        let bytes = try FileIO.read(path)
        let name = path == "-" ? "-" : path
        try forEachObject(inBytes: bytes, file: name, body)
    }

    /// Calls `body` with every object of the documents in `bytes` (named `file` in messages).
    public static func forEachObject(
        inBytes bytes: [UInt8], file: String, projection: JSONProjection = .whole, _ body: (Value) throws -> Void
    ) throws {
        if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) { return }
        let lowered = file.lowercased()
        if lowered.hasSuffix(".json") || (!lowered.hasSuffix(".yaml") && !lowered.hasSuffix(".yml") && DocumentReader.detect(bytes) == .json),
            (try? streamJSON(bytes, file: file, projection: projection, body)) != nil
        {
            return
        }
        let input: DocumentReader.Input
        do {
            input = try DocumentReader.read(bytes, file: file, positions: false)
        } catch let error as KitError where error.message.hasPrefix("no documents") {
            return  // only comments: no objects
        }
        for document in input.documents {
            try flatten(document.value, at: document.location.description, body)
        }
    }

    /// JSON texts, each List's items read and handed on one at a time (never the whole list
    /// in memory). Items without `apiVersion`/`kind` wait for the list's, which `kubectl get
    /// -o json` prints after the items. Throws on anything but valid JSON (the caller then
    /// reads the input the general way, for YAML and for the error's position).
    static func streamJSON(_ bytes: [UInt8], file: String, projection: JSONProjection = .whole, _ body: (Value) throws -> Void) throws {
        var document = 0
        var waiting: [Value] = []
        var index = 0
        try JSONReader.forEachValue(bytes, file: file, streamingMember: "items", elementProjection: projection, element: { item in
            defer { index += 1 }
            if case .object(let o) = item, o["kind"] == nil || o["apiVersion"] == nil {
                waiting.append(item)
                return
            }
            try flatten(item, at: "\(file): document \(document + 1): items[\(index)]", body)
        }) { envelope in
            defer {
                document += 1
                index = 0
                waiting = []
            }
            let location = "\(file): document \(document + 1)"
            guard case .object(var object) = envelope, isList(object) else {
                // Elements already handed on belonged to an object that is not a list.
                if index > 0 { throw KitError("\(location): an object with an items array must be a List") }
                try flatten(envelope, at: location, body)
                return
            }
            object["items"] = .array(waiting)
            try flatten(.object(object), at: location, body)
        }
    }

    /// `value` itself, or the items of a list (kind `List` or `…List` with an `items` array);
    /// items without `apiVersion`/`kind` (an API server's typed lists) take the list's.
    static func flatten(_ value: Value, at location: @autoclosure () -> String, _ body: (Value) throws -> Void) throws {
        guard case .object(let object) = value else {
            throw KitError("\(location()): expected a Kubernetes object, found \(article(value.typeName))")
        }
        if isList(object), case .array(let items)? = object["items"] {
            let listKind = object["kind"]?.stringValue ?? "List"
            let itemKind = listKind == "List" ? nil : String(listKind.dropLast(4))
            let apiVersion = object["apiVersion"]?.stringValue
            for (i, item) in items.enumerated() {
                var item = item
                if let itemKind, case .object(var itemObject) = item {
                    if itemObject["kind"] == nil { itemObject["kind"] = .string(itemKind) }
                    if itemObject["apiVersion"] == nil, let apiVersion { itemObject["apiVersion"] = .string(apiVersion) }
                    item = .object(itemObject)
                }
                try flatten(item, at: "\(location()): items[\(i)]", body)
            }
            return
        }
        guard case .string(let kind)? = object["kind"], !kind.isEmpty else {
            throw KitError("\(location()): object has no kind")
        }
        try body(value)
    }

    /// Calls `body` with every object `kit render DIR` builds (a build failure is an error
    /// naming the kustomization); returns kustomize's warnings.
    public static func forEachRenderedObject(in directory: String, _ body: (Value) throws -> Void) throws -> [String] {
        let result: RenderResult
        do {
            result = try KustomizeBuild.render(directory: directory)
        } catch let error as KitError {
            throw KitError("-k \(directory): \(error)")
        }
        for object in result.objects {
            try flatten(object, at: directory, body)
        }
        return result.warnings
    }

    /// `kind: List`, or a kind ending in `List` holding an `items` array.
    static func isList(_ object: Object) -> Bool {
        guard case .string(let kind)? = object["kind"], case .array? = object["items"] else { return false }
        return kind.hasSuffix("List")
    }

    static func article(_ typeName: String) -> String {
        typeName == "array" || typeName == "object" ? "an \(typeName)" : "a \(typeName)"
    }
}
