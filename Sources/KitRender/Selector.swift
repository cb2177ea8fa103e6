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
        let labels, annotations: MetadataMapSelector

        init(_ s: Selector) throws {
            selector = s
            func pattern(_ p: String) throws -> NamePattern? { p.isEmpty ? nil : try NamePattern(wholeMatch: p) }
            group = try pattern(s.group)
            version = try pattern(s.version)
            kind = try pattern(s.kind)
            name = try pattern(s.name)
            namespace = try pattern(s.namespace)
            labels = MetadataMapSelector(s.labelSelector, field: "labels")
            annotations = MetadataMapSelector(s.annotationSelector, field: "annotations")
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
            return try labels.matches(r) && annotations.matches(r)
        }
    }
}

/// A target's `labelSelector` or `annotationSelector`, parsed once for all the objects it is
/// tested against. As in kustomize, a selector that does not parse is an error only once an
/// object reaches it.
struct MetadataMapSelector {
    let field: String
    private let parsed: Result<LabelSelector, KitError>?

    /// `field` is `labels` or `annotations`; an empty `text` selects everything.
    init(_ text: String, field: String) {
        self.field = field
        if text.isEmpty {
            parsed = nil
        } else {
            do {
                parsed = .success(try LabelSelector(parsing: text))
            } catch {
                parsed = .failure(KitError("\(error)"))
            }
        }
    }

    func matches(_ r: RenderResource) throws -> Bool {
        guard let parsed else { return true }
        return try parsed.get().matches(labels: r.value.value(at: ["metadata", field]) ?? .null)
    }
}
