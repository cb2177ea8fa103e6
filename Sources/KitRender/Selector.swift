import KitCore
import KitModel

/// A patch or replacement target (kustomize's `types.Selector`): group, version, kind,
/// name and namespace (the last two are regular expressions matched against the whole
/// value), and label and annotation selectors.
public struct Selector: Sendable {
    public var group = ""
    public var version = ""
    public var kind = ""
    public var name = ""
    public var namespace = ""
    public var labelSelector = ""
    public var annotationSelector = ""

    public init() {}

    static let fields: Set<String> = ["group", "version", "kind", "name", "namespace", "labelSelector", "annotationSelector"]

    init(_ d: StrictDecoder) throws {
        group = try d.string("group") ?? ""
        version = try d.string("version") ?? ""
        kind = try d.string("kind") ?? ""
        name = try d.string("name") ?? ""
        namespace = try d.string("namespace") ?? ""
        labelSelector = try d.string("labelSelector") ?? ""
        annotationSelector = try d.string("annotationSelector") ?? ""
    }

    /// The selector with its patterns compiled, for matching many objects.
    func compiled() throws -> Compiled {
        try Compiled(self)
    }

    /// kustomize matches names and namespaces against both the original and the current id,
    /// so a target written against a base still finds the object after prefixes; group,
    /// version, kind, name and namespace are all anchored regular expressions.
    struct Compiled {
        let selector: Selector
        let group, version, kind, name, namespace: NamePattern?

        init(_ s: Selector) throws {
            selector = s
            func pattern(_ p: String) throws -> NamePattern? { p.isEmpty ? nil : try NamePattern(wholeMatch: p) }
            group = try pattern(s.group)
            version = try pattern(s.version)
            kind = try pattern(s.kind)
            name = try pattern(s.name)
            namespace = try pattern(s.namespace)
        }

        /// The name or kind every match has, when the selector fixes one (for indexed lookups).
        var literalName: String? { name?.literal }
        var literalKind: String? { kind?.literal }

        func matches(_ r: RenderResource) throws -> Bool {
            let current = r.id, original = r.originalID
            if let namespace {
                guard namespace.matches(original.effectiveNamespace) || namespace.matches(current.effectiveNamespace)
                else { return false }
            }
            if let name {
                guard name.matches(original.name) || name.matches(current.name) else { return false }
            }
            let gvk = r.gvk
            if let group, !group.matches(gvk.group) { return false }
            if let version, !version.matches(gvk.version) { return false }
            if let kind, !kind.matches(gvk.kind) { return false }
            if !selector.labelSelector.isEmpty {
                guard try Selector.matchesSelector(selector.labelSelector, r.stringMap("labels")) else { return false }
            }
            if !selector.annotationSelector.isEmpty {
                guard try Selector.matchesSelector(selector.annotationSelector, r.stringMap("annotations")) else { return false }
            }
            return true
        }
    }

    static func matchesSelector(_ selector: String, _ pairs: [(String, String)]) throws -> Bool {
        let parsed: LabelSelector
        do {
            parsed = try LabelSelector(parsing: selector)
        } catch {
            throw KitError("\(error)")
        }
        var labels: [String: String] = [:]
        for (k, v) in pairs { labels[k] = v }
        return parsed.matches(labels)
    }
}
