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

    /// kustomize matches names and namespaces against both the original and the current
    /// id, so a target written against a base still finds the object after prefixes.
    func matches(_ r: RenderResource) throws -> Bool {
        let current = r.id, original = r.originalID
        if !namespace.isEmpty {
            let re = try Selector.anchored(namespace)
            guard original.effectiveNamespace.wholeMatch(of: re) != nil || current.effectiveNamespace.wholeMatch(of: re) != nil
            else { return false }
        }
        if !name.isEmpty {
            let re = try Selector.anchored(name)
            guard original.name.wholeMatch(of: re) != nil || current.name.wholeMatch(of: re) != nil else { return false }
        }
        // Group, version and kind are anchored regular expressions too.
        let gvk = r.gvk
        for (pattern, actual) in [(group, gvk.group), (version, gvk.version), (kind, gvk.kind)] where !pattern.isEmpty {
            guard actual.wholeMatch(of: try Selector.anchored(pattern)) != nil else { return false }
        }
        if !labelSelector.isEmpty {
            guard try Selector.matchesSelector(labelSelector, r.stringMap("labels")) else { return false }
        }
        if !annotationSelector.isEmpty {
            guard try Selector.matchesSelector(annotationSelector, r.stringMap("annotations")) else { return false }
        }
        return true
    }

    static func anchored(_ pattern: String) throws -> Regex<AnyRegexOutput> {
        do {
            return try Regex("^(?:" + pattern + ")$")
        } catch {
            throw KitError("invalid regular expression \"\(pattern)\" in a target selector")
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
