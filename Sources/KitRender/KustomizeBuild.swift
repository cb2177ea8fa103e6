import KitCore
import KitModel

/// Options of a build.
public struct RenderOptions: Sendable {
    public var loadRestriction: FileLoader.Restriction
    /// Largest file the build reads, in bytes.
    public var maxFileSize: Int

    public init(loadRestriction: FileLoader.Restriction = .rootOnly, maxFileSize: Int = FileIO.defaultMaxFileSize) {
        self.loadRestriction = loadRestriction
        self.maxFileSize = maxFileSize
    }
}

/// The result of a build: the objects in output order, and kustomize's warnings.
public struct RenderResult: Sendable {
    public var objects: [Value]
    public var warnings: [String]
    /// Where each object came from (nil when unknown), for `locating(_:)`.
    public var sources: [ObjectSource?] = []
}

/// Builds a kustomization directory the way `kustomize build` (v5.5) does:
///
/// 1. each kustomization accumulates its resources (files and bases, recursively), its
///    generators and its components, then runs its transformers in kustomize's order —
///    strategic-merge patches, patches, namespace, prefix/suffix, labels, annotations,
///    JSON 6902 patches, replicas, images, replacements;
/// 2. at the top: content-hash suffixes, name references, vars, `local-config` objects
///    dropped, sort (legacy kind order unless `sortOptions` says otherwise).
public enum KustomizeBuild {
    public static func render(directory: String, options: RenderOptions = RenderOptions()) throws -> RenderResult {
        let loader = try FileLoader(root: directory, restriction: options.loadRestriction, maxFileSize: options.maxFileSize)
        var warnings: [String] = []
        var target = try Target.load(loader, warnings: &warnings)
        target.buildMetadata = target.kustomization.buildMetadata
        try target.openAPI.choose(target.kustomization.openAPI, loader: loader, reset: true)
        var accumulator = Accumulator()
        try target.accumulate(into: &accumulator, warnings: &warnings)
        var map = accumulator.map

        // Names get their content hash only now, after every transformer of every level.
        for i in map.resources.indices where map.resources[i].needsHashSuffix {
            let suffix = NameHash.suffix(for: map.resources[i].value)
            map.resources[i].storePreviousID()
            map.resources[i].setName("\(map.resources[i].name)-\(suffix)")
        }
        try NameReferences.fix(&map, rules: accumulator.config.nameReference)
        try Vars.resolve(accumulator.vars, in: &map, config: accumulator.config)
        map.resources.removeAll { r in
            r.value.value(at: ["metadata", "annotations", "config.kubernetes.io/local-config"])?.stringValue == "true"
        }
        try Sorting.sort(&map, options: target.kustomization.sortOptions)
        if target.buildMetadata.contains("originAnnotations") {
            for i in map.resources.indices {
                guard let origin = map.resources[i].origin else { continue }
                var annotations = map.resources[i].stringMap("annotations")
                annotations.append(("config.kubernetes.io/origin", origin.annotation))
                map.resources[i].setStringMap("annotations", annotations)
            }
        }
        if target.buildMetadata.contains("transformerAnnotations") {
            for i in map.resources.indices where !map.resources[i].transformations.isEmpty {
                var annotations = map.resources[i].stringMap("annotations")
                annotations.append(("alpha.config.kubernetes.io/transformations", Origin.listAnnotation(map.resources[i].transformations)))
                map.resources[i].setStringMap("annotations", annotations)
            }
        }
        if target.buildMetadata.contains("managedByLabel") {
            // kustomize labels objects with its own version; the kustomize built into kubectl
            // (the reference) reports its version as "(devel)".
            try Transformers.setPairs(
                [("app.kubernetes.io/managed-by", "kustomize-(devel)")],
                specs: [FieldSpec(path: "metadata/labels", create: true)], in: &map)
        }
        let sources = map.resources.map { ObjectSource($0, root: loader.root) }
        var objects: [Value] = []
        for (i, r) in map.resources.enumerated() {
            do {
                objects.append(try printedForm(r.value))
            } catch var error as KitError where error.valuePath != nil {
                error.valuePath?.document = i
                throw RenderResult(objects: map.resources.map(\.value), warnings: [], sources: sources).locating(error)
            }
        }
        return RenderResult(objects: objects, warnings: warnings, sources: sources)
    }

    /// A document as kustomize prints it as a resource (`kit convert --sort-keys` uses it too):
    /// nothing JSON cannot hold, and annotations as a string map. kustomize ends every build by
    /// rewriting `metadata.annotations` from a string map (to drop its internal annotations),
    /// so annotation values become strings — a nested map or list becomes "" — and an empty,
    /// null or non-map `annotations` disappears.
    public static func printedForm(_ document: Value) throws -> Value {
        guard case .object(var o) = document else { return document }
        if case .object(var meta)? = o["metadata"], let annotations = meta["annotations"] {
            if case .object(let a) = annotations, !a.isEmpty {
                meta["annotations"] = .object(a.mapValues { v in
                    switch v {
                    case .string: return v
                    case .object, .array, .null: return .string("")
                    default: return .string(StrategicMerge.scalarText(v))
                    }
                })
            } else {
                meta["annotations"] = nil
            }
            o["metadata"] = .object(meta)
        }
        var value = Value.object(o)
        if try checkJSONRepresentable(value) { dropMergeKeys(&value) }
        return value
    }

    /// kustomize's output has no `<<` keys: one that reached it (quoted, or tagged `!!str`,
    /// so not a merge when read) is dropped with its value.
    static func dropMergeKeys(_ v: inout Value) {
        switch v {
        case .object(var o):
            v = .null
            o["<<"] = nil
            o.updateValues { dropMergeKeys(&$0) }
            v = .object(o)
        case .array(var items):
            v = .null
            for i in items.indices { dropMergeKeys(&items[i]) }
            v = .array(items)
        default:
            break
        }
    }

    /// Refuses what has no JSON form (kustomize writes every object as JSON), naming where it
    /// is; says whether the value has a `<<` key anywhere.
    @discardableResult
    static func checkJSONRepresentable(_ v: Value) throws -> Bool {
        var path: [PathComponent] = []
        do {
            return try checkJSONRepresentable(v, &path)
        } catch let e as KitError {
            var error = KitError("\(e.message) at \(path.isEmpty ? "the top" : PathComponent.text(of: path))")
            error.valuePath = KitError.ValuePath(document: 0, components: path)
            throw error
        }
    }

    /// `path` is left pointing at the offending value when this throws.
    private static func checkJSONRepresentable(_ v: Value, _ path: inout [PathComponent]) throws -> Bool {
        switch v {
        case .double(let d) where !d.isFinite:
            throw KitError("json: unsupported value: \(d.isNaN ? "NaN" : (d < 0 ? "-Inf" : "+Inf"))")
        case .array(let items):
            var found = false
            for (i, item) in items.enumerated() {
                path.append(.index(i))
                if try checkJSONRepresentable(item, &path) { found = true }
                path.removeLast()
            }
            return found
        case .object(let o):
            var found = false
            for (key, child) in o {
                path.append(.key(key))
                if try checkJSONRepresentable(child, &path) || key == "<<" { found = true }
                path.removeLast()
            }
            return found
        default:
            return false
        }
    }
}

/// What a kustomization hands to the one that includes it: its objects, the transformer
/// configuration its `configurations:` and `crds:` added, and its vars.
struct Accumulator {
    var map = ResourceMap()
    var config = TransformerConfig.empty
    var vars: [VarArgs] = []

    mutating func merge(_ other: Accumulator) throws {
        try map.append(contentsOf: other.map)
        try config.merge(other.config)
        for v in other.vars {
            if vars.contains(where: { $0.name == v.name }) {
                throw KitError("var '\(v.name)' already encountered")
            }
            vars.append(v)
        }
    }
}

/// One kustomization directory being built.
struct Target {
    let loader: FileLoader
    let kustomization: Kustomization
    let fileName: String
    /// The top kustomization's `buildMetadata`, which applies at every level.
    var buildMetadata: [String] = []
    /// This kustomization's directory relative to the top one, for origin annotations.
    var originPath = ""
    /// The kustomization file's document and the positions of its nodes, for error messages.
    var content: Value = .null
    var positions: PositionTree?
    /// The build's one `openapi:` schema choice, shared by every kustomization of the build.
    var openAPI = OpenAPIChoice()

    /// A path relative to this kustomization, made relative to the top one.
    func pathFromTop(_ path: String) -> String {
        FileIO.clean(originPath.isEmpty ? path : originPath + "/" + path)
    }

    /// Reads the directory's kustomization file (exactly one of the recognised names).
    static func load(_ loader: FileLoader, warnings: inout [String]) throws -> Target {
        // As kustomize: a name counts when the loader can read it, so a kustomization file
        // that is a link to a file outside the root (under the default restrictor), a
        // directory or a FIFO is not found — and nothing of it is read.
        var found: [(String, [UInt8])] = []
        for name in Kustomization.fileNames {
            if let bytes = try loader.loadKustomizationFile(name) { found.append((name, bytes)) }
        }
        guard let (name, bytes) = found.first else {
            throw KitError(
                "unable to find one of 'kustomization.yaml', 'kustomization.yml' or 'Kustomization' in directory '\(loader.root)'")
        }
        if found.count > 1 { throw KitError("Found multiple kustomization files under: \(loader.root)\n") }
        let file = loader.join(name)
        var options = YAMLReader.Options.goYAMLv2
        options.positions = true
        let documents = try YAMLReader.read(bytes, file: file, options: options)
        let document = documents.first(where: { !$0.isEmpty })
        let content = document?.value ?? .null
        let kustomization: Kustomization
        do {
            kustomization = try Kustomization(content)
        } catch let e as KitError {
            throw KitError("invalid Kustomization: \(e.message)", at: e.location)
        }
        warnings += kustomization.warnings
        if isEmpty(content) {
            throw KitError("kustomization.yaml is empty")
        }
        let problems = kustomization.fieldErrors()
        if !problems.isEmpty {
            throw KitError("Failed to read kustomization file under \(loader.root):\n" + problems.joined(separator: "\n"))
        }
        var target = Target(loader: loader, kustomization: kustomization, fileName: name)
        target.content = content
        target.positions = document?.positions
        return target
    }

    /// Where the node at `path` of the kustomization file is (nil when positions are missing).
    func location(of path: [PathComponent]) -> SourceLocation? {
        positions?.location(of: path, in: content)
    }

    /// kustomize's `CheckEmpty`: the kustomization equals Go's zero `Kustomization` apart from
    /// `apiVersion`/`kind`. A field that is absent, null or an empty string is zero; an empty
    /// list or map (`resources: []`, `metadata: {}`) is not, since Go tells a nil slice, map
    /// or pointer from an empty one.
    static func isEmpty(_ v: Value) -> Bool {
        guard case .object(let o) = v else { return true }
        func isZero(_ v: Value) -> Bool {
            switch v {
            case .null: return true
            case .string(let s): return s.isEmpty
            default: return false
            }
        }
        for (key, value) in o where key != "apiVersion" && key != "kind" {
            if !isZero(value) { return false }
        }
        return true
    }

    /// kustomize's `accumulateTarget`.
    func accumulate(into acc: inout Accumulator, warnings: inout [String]) throws {
        let k = kustomization
        try refuseUnsupported()
        do {
            try accumulateResources(k.resources, into: &acc, warnings: &warnings)
        } catch let e as KitError {
            throw KitError("accumulating resources: \(e.message)", at: e.location)
        }
        try acc.config.merge(TransformerConfig.forKustomization(configurations: k.configurations, loader: loader))
        try acc.config.merge(crds: k.crds, loader: loader)
        let configuredIn = pathFromTop(fileName)
        for (i, args) in k.configMapGenerator.enumerated() {
            var r = try Generators.configMap(args, global: k.generatorOptions, loader: loader) {
                location(of: [.key("configMapGenerator"), .index(i)] + $0)
            }
            r.origin = Origin(configuredIn: configuredIn, configuredBy: "ConfigMapGenerator")
            try acc.map.absorb(r)
        }
        for (i, args) in k.secretGenerator.enumerated() {
            var r = try Generators.secret(args, global: k.generatorOptions, loader: loader) {
                location(of: [.key("secretGenerator"), .index(i)] + $0)
            }
            r.origin = Origin(configuredIn: configuredIn, configuredBy: "SecretGenerator")
            try acc.map.absorb(r)
        }
        if !k.generators.isEmpty {
            let configs = try BuiltinPlugins.configurations(k.generators, role: .generators, target: self, warnings: &warnings)
            try BuiltinPlugins.generate(configs, target: self, into: &acc)
        }
        for path in k.components {
            let sub = try loader.loader(for: path)
            var target = try Target.load(sub, warnings: &warnings)
            target.buildMetadata = buildMetadata
            target.originPath = pathFromTop(path)
            target.openAPI = openAPI
            try openAPI.choose(target.kustomization.openAPI, loader: sub, reset: false)
            guard target.kustomization.isComponent else {
                throw KitError("accumulating components: accumulateDirectory: \"expected kind 'Component' for path '\(sub.root)' but got '\(target.kustomization.kind.isEmpty ? "Kustomization" : target.kustomization.kind)'\"")
            }
            try target.accumulate(into: &acc, warnings: &warnings)
        }
        try transform(&acc)
        if !k.transformers.isEmpty {
            let configs = try BuiltinPlugins.configurations(k.transformers, role: .transformers, target: self, warnings: &warnings)
            try BuiltinPlugins.transform(configs, target: self, into: &acc)
        }
        try Vars.bind(k.vars, in: &acc)
    }

    /// Fields kit refuses on purpose: it is offline and runs no plugins.
    func refuseUnsupported() throws {
        let k = kustomization
        if !k.helmCharts.isEmpty {
            throw KitError("helmCharts is not supported: kit does not run helm (it renders offline and runs no external programs)")
        }
        if !k.validators.isEmpty {
            throw KitError("validators is not supported: kit does not run validator plugins (exec or container KRM functions)")
        }
    }

    func accumulateResources(_ paths: [String], into acc: inout Accumulator, warnings: inout [String]) throws {
        for path in paths {
            let fileError: KitError
            do {
                let bytes = try loader.load(path)
                let objects = try ResourceReader.objects(bytes, file: loader.join(path))
                let origin = Origin(path: pathFromTop(path))
                for object in objects {
                    var r = RenderResource(object)
                    r.origin = origin
                    do {
                        try acc.map.append(r)
                    } catch let e as KitError {
                        throw KitError("merging resources from '\(path)': \(e.message)")
                    }
                }
                continue
            } catch let e as KitError {
                if e.message.hasPrefix("merging resources") { throw e }
                if e.location != nil { throw e }  // malformed YAML in a file: report it alone
                fileError = KitError("accumulating resources from '\(path)': \(e.message)")
            }
            // Not a readable resource file: maybe a base directory.
            let sub: FileLoader
            do {
                sub = try loader.loader(for: path)
            } catch let e as KitError {
                throw KitError("accumulation err='\(fileError.message)': \(e.message)")
            }
            var target: Target
            do {
                target = try Target.load(sub, warnings: &warnings)
                target.buildMetadata = buildMetadata
                target.originPath = pathFromTop(path)
                target.openAPI = openAPI
                try openAPI.choose(target.kustomization.openAPI, loader: sub, reset: false)
            } catch let e as KitError {
                throw KitError("accumulation err='\(fileError.message)': couldn't make target for path '\(sub.root)': \(e.message)", at: e.location)
            }
            if target.kustomization.isComponent {
                throw KitError("accumulation err='\(fileError.message)': expected kind != 'Component' for path '\(sub.root)'")
            }
            var subAcc = Accumulator()
            do {
                try target.accumulate(into: &subAcc, warnings: &warnings)
            } catch let e as KitError {
                throw KitError("accumulation err='\(fileError.message)': recursed accumulation of path '\(sub.root)': \(e.message)", at: e.location)
            }
            do {
                try acc.merge(subAcc)
            } catch let e as KitError {
                throw KitError("accumulation err='\(fileError.message)': recursed merging from path '\(sub.root)': \(e.message)")
            }
        }
    }

    /// The built-in transformers, in kustomize's order.
    func transform(_ acc: inout Accumulator) throws {
        let k = kustomization
        let config = acc.config
        // With transformerAnnotations, every object present when a configured transformer
        // runs records it (whether or not the transformer changed that object).
        let configuredIn = pathFromTop(fileName)
        let annotate = buildMetadata.contains("transformerAnnotations")
        func record(_ kind: String, _ times: Int = 1) {
            guard annotate else { return }
            for _ in 0..<times {
                for i in acc.map.resources.indices {
                    acc.map.resources[i].transformations.append(Origin(configuredIn: configuredIn, configuredBy: kind))
                }
            }
        }
        if !k.patchesStrategicMerge.isEmpty { record("PatchStrategicMergeTransformer") }
        record("PatchTransformer", k.patches.count)
        if !k.namespace.isEmpty { record("NamespaceTransformer") }
        if !k.namePrefix.isEmpty { record("PrefixTransformer") }
        if !k.nameSuffix.isEmpty { record("SuffixTransformer") }
        record("LabelTransformer", k.labels.count + (k.commonLabels.isEmpty ? 0 : 1))
        if !k.commonAnnotations.isEmpty { record("AnnotationsTransformer") }
        record("PatchJson6902Transformer", k.patchesJson6902.count)
        record("ReplicaCountTransformer", k.replicas.count)
        record("ImageTagTransformer", k.images.count)
        if !k.replacements.isEmpty { record("ReplacementTransformer") }
        if !k.patchesStrategicMerge.isEmpty {
            try Patches.applyStrategicMergeFiles(k.patchesStrategicMerge, loader: loader, to: &acc.map, schema: openAPI.custom)
        }
        for patch in k.patches {
            try Patches.apply(patch, loader: loader, to: &acc.map, schema: openAPI.custom)
        }
        try Transformers.namespace(k.namespace, specs: config.namespace, in: &acc.map)
        // Two transformers in kustomize, each with its own field specs and previous id.
        if !k.namePrefix.isEmpty {
            try Transformers.prefixSuffix(prefix: k.namePrefix, suffix: "", specs: config.namePrefix, in: &acc.map)
        }
        if !k.nameSuffix.isEmpty {
            try Transformers.prefixSuffix(prefix: "", suffix: k.nameSuffix, specs: config.nameSuffix, in: &acc.map)
        }
        for label in k.labels {
            var specs = label.fieldSpecs
            if label.includeSelectors {
                specs = try mergeFieldSpecs(specs, config.commonLabels)
            } else {
                if label.includeTemplates { specs = try mergeFieldSpecs(specs, config.templateLabels) }
                specs = try mergeFieldSpecs(specs, [FieldSpec(path: "metadata/labels", create: true)])
            }
            try Transformers.setPairs(label.pairs, specs: specs, in: &acc.map)
        }
        try Transformers.setPairs(k.commonLabels, specs: config.commonLabels, in: &acc.map)
        try Transformers.setPairs(k.commonAnnotations, specs: config.commonAnnotations, in: &acc.map)
        for patch in k.patchesJson6902 {
            try Patches.apply(patch, loader: loader, to: &acc.map, jsonOnly: true, schema: openAPI.custom)
        }
        try Transformers.replicas(k.replicas, specs: config.replicas, in: &acc.map)
        try Transformers.images(k.images, specs: config.images, in: &acc.map)
        if !k.replacements.isEmpty {
            try Replacements.apply(k.replacements, loader: loader, to: &acc.map)
        }
    }
}

/// kyaml's global OpenAPI schema as kustomize sets it (`openapi.SetSchema`): the top
/// kustomization's `openapi:` decides; when it has none, the first kustomization loaded
/// after it that has one does (a later one changes nothing). `path:` names a custom schema
/// that strategic merge uses for the kinds it declares; `version:` picks the built-in schema,
/// which drops a custom one.
final class OpenAPIChoice: @unchecked Sendable {
    private(set) var isSet = false
    private(set) var custom: CustomSchemaDocument?

    /// kustomize's only built-in OpenAPI version.
    static let builtinVersions: Set<String> = ["v1.21.2"]

    func choose(_ field: [(String, String)], loader: FileLoader, reset: Bool) throws {
        if isSet && !reset { return }
        let version = field.last(where: { $0.0 == "version" })?.1
        if let path = field.last(where: { $0.0 == "path" })?.1 {
            let document = try loader.loadSchemaDocument(path)
            if version != nil { throw KitError("builtin version and custom schema provided, cannot use both") }
            custom = CustomSchemaDocument(document)
            isSet = true
            return
        }
        guard let version, !version.isEmpty else {
            isSet = custom != nil
            return
        }
        guard Self.builtinVersions.contains(version) else { throw KitError("the specified OpenAPI version is not built in") }
        custom = nil
        isSet = true
    }
}
