import KitCore

/// The Kubernetes API schema compiled into kit (v1.37.0): every definition with its types,
/// descriptions and strategic-merge extensions, every kind's definition, and the served
/// resources with their plural and short names and scope.
///
/// `shared` costs nothing until used; each definition is decoded the first time it is asked
/// for and kept, so walking a document alongside its schema (strategic merge, validation)
/// decodes only the definitions that document touches.
public final class KubernetesSchema: @unchecked Sendable {
    /// The schema of the Kubernetes version kit was generated from.
    public static let shared = KubernetesSchema()

    /// The Kubernetes version of the compiled-in schema, without building `shared`'s indexes
    /// (help texts use it; building the indexes costs milliseconds of every start-up).
    public static var compiledVersion: String { SchemaBundle.kubernetesVersion }

    /// The Kubernetes version the schema describes (`v1.37.0`).
    public let kubernetesVersion: String
    /// The served resources in discovery priority order: earlier groups first (the core group
    /// before the others), preferred versions first.
    public let resources: [KindInfo]

    private let definitionsByKind: [GroupVersionKind: Int]
    private let resourcesByKind: [GroupVersionKind: Int]
    private let resourcesByName: [String: [Int]]
    private let lock = Lock()
    private var decoded: [SchemaFragment?]

    init() {
        kubernetesVersion = SchemaBundle.kubernetesVersion
        var definitionsByKind: [GroupVersionKind: Int] = [:]
        definitionsByKind.reserveCapacity(SchemaBundle.groupVersionKinds.count)
        for (group, version, kind, index) in SchemaBundle.groupVersionKinds {
            definitionsByKind[GroupVersionKind(group: group, version: version, kind: kind)] = index
        }
        var resources: [KindInfo] = []
        var resourcesByKind: [GroupVersionKind: Int] = [:]
        var resourcesByName: [String: [Int]] = [:]
        for (group, version, kind, plural, shortNames, namespaced) in SchemaBundle.resources {
            let gvk = GroupVersionKind(group: group, version: version, kind: kind)
            guard let definition = definitionsByKind[gvk] else { continue }
            let info = KindInfo(
                gvk: gvk, namespaced: namespaced, plural: plural, singular: kind.lowercased(),
                shortNames: shortNames, definitionName: SchemaBundle.definitionNames[definition])
            let position = resources.count
            resources.append(info)
            resourcesByKind[gvk] = position
            for name in Set([plural, kind.lowercased()] + shortNames) {
                resourcesByName[name, default: []].append(position)
            }
        }
        self.definitionsByKind = definitionsByKind
        self.resources = resources
        self.resourcesByKind = resourcesByKind
        self.resourcesByName = resourcesByName
        decoded = Array(repeating: nil, count: SchemaBundle.definitionNames.count)
    }

    // MARK: Kinds and resources

    /// The served resource of `gvk` (nil for custom resources, list kinds and subresources).
    public func kind(for gvk: GroupVersionKind) -> KindInfo? {
        resourcesByKind[gvk].map { resources[$0] }
    }

    /// Whether objects of `gvk` live in a namespace; nil when kit does not know the kind.
    /// Scope never changes between versions, so a version kit lacks (`apps/v1beta2`) is
    /// answered from another version of the same group and kind.
    public func isNamespaced(_ gvk: GroupVersionKind) -> Bool? {
        if let info = kind(for: gvk) { return info.namespaced }
        return resources.first { $0.gvk.group == gvk.group && $0.gvk.kind == gvk.kind }?.namespaced
    }

    /// The resources a name stands for, as kubectl resolves names: plural (`deployments`),
    /// singular (`deployment`), short name (`deploy`) or kind (`Deployment`), case-insensitive;
    /// in priority order (the first is the one kubectl picks).
    public func resources(named name: String) -> [KindInfo] {
        (resourcesByName[name.lowercased()] ?? []).map { resources[$0] }
    }

    /// The resource kubectl would pick for `name` (see `resources(named:)`).
    public func resource(named name: String) -> KindInfo? {
        resources(named: name).first
    }

    // MARK: Definitions

    /// The schema of `gvk`'s definition (any kind with a definition, including lists).
    public func node(for gvk: GroupVersionKind) -> SchemaNode? {
        guard let index = definitionsByKind[gvk] else { return nil }
        return node(definitionAt: index)
    }

    /// The schema of the definition named `name` (`io.k8s.api.core.v1.PodSpec`).
    public func node(forDefinition name: String) -> SchemaNode? {
        SchemaBundle.index(of: name).map(node(definitionAt:))
    }

    /// Every definition name, sorted.
    public var definitionNames: [String] { SchemaBundle.definitionNames }

    func node(definitionAt index: Int) -> SchemaNode {
        let fragment = definition(at: index)
        return SchemaNode(schema: self, fragment: fragment, target: fragment, definitionName: SchemaBundle.definitionNames[index])
    }

    /// Definition `index`, decoded on first use.
    func definition(at index: Int) -> SchemaFragment {
        if let done = lock.withLock({ decoded[index] }) { return done }
        // Decode outside the lock; if two threads race, both results are equal and one is kept.
        let value: Value
        do {
            value = try JSONReader.read(SchemaBundle.json(ofDefinition: index))
        } catch {
            preconditionFailure("schema bundle definition \(SchemaBundle.definitionNames[index]) is not valid JSON: \(error)")
        }
        let fragment = SchemaFragment(value)
        return lock.withLock {
            if let other = decoded[index] { return other }
            decoded[index] = fragment
            return fragment
        }
    }
}
