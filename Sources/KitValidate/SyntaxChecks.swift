import KitCore

/// The `syntax` family's checks of a document's identity: what kubectl needs to know what an
/// object is.
enum SyntaxChecks {
    /// What is missing or malformed in `apiVersion`, `kind` or `metadata.name`, and where; nil
    /// when the object can be identified. Lists need no name.
    static func identityProblem(_ o: Object) -> (message: String, path: [PathComponent])? {
        guard let apiVersion = o["apiVersion"] else { return ("missing apiVersion", []) }
        guard case .string(let version) = apiVersion else {
            return ("apiVersion must be a string, found \(apiVersion.typeName)", [.key("apiVersion")])
        }
        if !isWellFormedAPIVersion(version) {
            return ("malformed apiVersion \"\(version)\": expected VERSION or GROUP/VERSION (v1, apps/v1)", [.key("apiVersion")])
        }
        guard let kindValue = o["kind"] else { return ("missing kind", []) }
        guard case .string(let kind) = kindValue else {
            return ("kind must be a string, found \(kindValue.typeName)", [.key("kind")])
        }
        if kind.isEmpty || kind.contains("/") { return ("malformed kind \"\(kind)\"", [.key("kind")]) }
        if isList(o) { return nil }
        guard let metadata = o["metadata"] else { return ("missing metadata.name", []) }
        guard case .object(let meta) = metadata else {
            return ("metadata must be an object, found \(metadata.typeName)", [.key("metadata")])
        }
        guard let name = meta["name"] else {
            if meta["generateName"] != nil {
                return ("missing metadata.name (generateName works for kubectl create, not for kubectl apply)", [.key("metadata")])
            }
            return ("missing metadata.name", [.key("metadata")])
        }
        guard case .string(let s) = name else {
            return ("metadata.name must be a string, found \(name.typeName)", [.key("metadata"), .key("name")])
        }
        if s.isEmpty { return ("metadata.name is empty", [.key("metadata"), .key("name")]) }
        return nil
    }

    /// `VERSION` or `GROUP/VERSION`, both parts non-empty.
    static func isWellFormedAPIVersion(_ version: String) -> Bool {
        let u = version.utf8
        guard let slash = u.firstIndex(of: UInt8(ascii: "/")) else { return !u.isEmpty }
        let rest = u[u.index(after: slash)...]
        return slash != u.startIndex && !rest.isEmpty && !rest.contains(UInt8(ascii: "/"))
    }

    /// A list of objects (`kind: List`, or any `…List` kind with an `items` array): kubectl
    /// applies its items one by one, and so does kit check them.
    static func isList(_ o: Object) -> Bool {
        guard let kind = o["kind"]?.stringValue, kind.hasSuffix("List") else { return false }
        if case .array? = o["items"] { return true }
        return kind == "List"
    }
}
