import KitCore

/// A kustomization file (`kustomization.yaml`, `.yml` or `Kustomization`), read with
/// kustomize v5.5's rules: every field kustomize knows is accepted, unknown fields and
/// wrongly typed values are refused with Go-style messages, deprecated fields are moved to
/// their successors (`bases` → `resources`, `imageTags` → `images`, `env` → `envs`) and
/// reported as warnings worded as kustomize prints them.
public struct Kustomization: Sendable {
    public static let fileNames = ["kustomization.yaml", "kustomization.yml", "Kustomization"]
    static let kustomizationVersion = "kustomize.config.k8s.io/v1beta1"
    static let componentVersion = "kustomize.config.k8s.io/v1alpha1"

    public var apiVersion = ""
    public var kind = ""
    public var isComponent: Bool { kind == "Component" }

    public var openAPI: [(String, String)] = []
    public var namePrefix = ""
    public var nameSuffix = ""
    public var namespace = ""
    public var commonLabels: [(String, String)] = []
    public var labels: [LabelArgs] = []
    public var commonAnnotations: [(String, String)] = []
    public var patchesStrategicMerge: [String] = []
    public var patchesJson6902: [PatchArgs] = []
    public var patches: [PatchArgs] = []
    public var images: [ImageArgs] = []
    public var replacements: [Value] = []
    public var replicas: [ReplicaArgs] = []
    public var vars: [VarArgs] = []
    public var sortOptions: SortOptions?
    public var resources: [String] = []
    public var components: [String] = []
    public var crds: [String] = []
    public var configMapGenerator: [GeneratorArgs] = []
    public var secretGenerator: [GeneratorArgs] = []
    public var generatorOptions: GeneratorOptions?
    public var configurations: [String] = []
    public var generators: [String] = []
    public var transformers: [String] = []
    public var validators: [String] = []
    public var helmCharts: [Value] = []
    public var buildMetadata: [String] = []
    /// Deprecation warnings, as kustomize prints them on stderr.
    public var warnings: [String] = []

    static let fields: Set<String> = [
        "apiVersion", "kind", "metadata", "openapi", "namePrefix", "nameSuffix", "namespace", "commonLabels",
        "labels", "commonAnnotations", "patchesStrategicMerge", "patchesJson6902", "patches", "images",
        "imageTags", "replacements", "replicas", "vars", "sortOptions", "resources", "components", "crds",
        "bases", "configMapGenerator", "secretGenerator", "helmGlobals", "helmCharts",
        "helmChartInflationGenerator", "generatorOptions", "configurations", "generators", "transformers",
        "validators", "inventory", "buildMetadata",
    ]

    public init() {}

    /// Parses a kustomization document.
    public init(_ value: Value) throws {
        let d = try StrictDecoder(value, structName: "Kustomization", allowed: Kustomization.fields)
        apiVersion = try d.string("apiVersion") ?? ""
        kind = try d.string("kind") ?? ""
        if let meta = d.value("metadata") {
            _ = try StrictDecoder(meta, structName: "ObjectMeta", allowed: ["name", "namespace", "labels", "annotations"])
        }
        openAPI = try d.stringMap("openapi") ?? []
        namePrefix = try d.string("namePrefix") ?? ""
        nameSuffix = try d.string("nameSuffix") ?? ""
        namespace = try d.string("namespace") ?? ""
        let commonLabelsValue = try d.stringMap("commonLabels")
        commonLabels = commonLabelsValue ?? []
        commonAnnotations = try d.stringMap("commonAnnotations") ?? []
        labels = try (d.list("labels") ?? []).map { try LabelArgs(d.element($0, of: "labels", typeName: "Label", allowed: LabelArgs.fields)) }
        let psm = try d.list("patchesStrategicMerge")
        patchesStrategicMerge = try (psm ?? []).map { v -> String in
            guard case .string(let s) = v else { throw d.typeError("patchesStrategicMerge", v, "types.PatchStrategicMerge") }
            return s
        }
        let pj = try d.list("patchesJson6902")
        patchesJson6902 = try (pj ?? []).map { try PatchArgs(d.element($0, of: "patchesJson6902", typeName: "Patch", allowed: PatchArgs.fields)) }
        patches = try (d.list("patches") ?? []).map { try PatchArgs(d.element($0, of: "patches", typeName: "Patch", allowed: PatchArgs.fields)) }
        images = try (d.list("images") ?? []).map { try ImageArgs(d.element($0, of: "images", typeName: "Image", allowed: ImageArgs.fields)) }
        let imageTags = try d.list("imageTags")
        images += try (imageTags ?? []).map { try ImageArgs(d.element($0, of: "imageTags", typeName: "Image", allowed: ImageArgs.fields)) }
        replacements = try d.list("replacements") ?? []
        replicas = try (d.list("replicas") ?? []).map { try ReplicaArgs(d.element($0, of: "replicas", typeName: "Replica", allowed: ReplicaArgs.fields)) }
        let varList = try d.list("vars")
        vars = try (varList ?? []).map { try VarArgs(d.element($0, of: "vars", typeName: "Var", allowed: VarArgs.fields)) }
        if let s = try d.nested("sortOptions", structName: "SortOptions", allowed: SortOptions.fields) { sortOptions = try SortOptions(s) }
        resources = try d.strings("resources") ?? []
        components = try d.strings("components") ?? []
        crds = try d.strings("crds") ?? []
        let bases = try d.strings("bases")
        resources += bases ?? []
        configMapGenerator = try (d.list("configMapGenerator") ?? []).map {
            try GeneratorArgs(d.element($0, of: "configMapGenerator", typeName: "ConfigMapArgs", allowed: GeneratorArgs.fields(isSecret: false)))
        }
        secretGenerator = try (d.list("secretGenerator") ?? []).map {
            try GeneratorArgs(d.element($0, of: "secretGenerator", typeName: "SecretArgs", allowed: GeneratorArgs.fields(isSecret: true)))
        }
        if let g = try d.nested("generatorOptions", structName: "GeneratorOptions", allowed: GeneratorOptions.fields) {
            generatorOptions = try GeneratorOptions(g)
        }
        configurations = try d.strings("configurations") ?? []
        generators = try d.strings("generators") ?? []
        transformers = try d.strings("transformers") ?? []
        validators = try d.strings("validators") ?? []
        helmCharts = (try d.list("helmCharts") ?? []) + (try d.list("helmChartInflationGenerator") ?? [])
        buildMetadata = try d.strings("buildMetadata") ?? []

        let fix = "Run 'kustomize edit fix' to update your Kustomization automatically."
        if bases != nil { warnings.append("# Warning: 'bases' is deprecated. Please use 'resources' instead. \(fix)") }
        if commonLabelsValue != nil {
            warnings.append("# Warning: 'commonLabels' is deprecated. Please use 'labels' instead. \(fix)")
        }
        if imageTags != nil { warnings.append("# Warning: 'imageTags' is deprecated. Please use 'images' instead. \(fix)") }
        if pj != nil { warnings.append("# Warning: 'patchesJson6902' is deprecated. Please use 'patches' instead. \(fix)") }
        if psm != nil {
            warnings.append("# Warning: 'patchesStrategicMerge' is deprecated. Please use 'patches' instead. \(fix)")
        }
        if varList != nil {
            warnings.append("# Warning: 'vars' is deprecated. Please use 'replacements' instead. [EXPERIMENTAL] \(fix)")
        }
    }

    /// kustomize's `EnforceFields`: the kind and apiVersion, when given, must be known.
    func fieldErrors() -> [String] {
        var errors: [String] = []
        if !kind.isEmpty && kind != "Kustomization" && kind != "Component" {
            errors.append("kind should be Kustomization or Component")
        }
        let required = kind == "Component" ? Kustomization.componentVersion : Kustomization.kustomizationVersion
        if !apiVersion.isEmpty && apiVersion != required {
            errors.append("apiVersion for \(kind) should be \(required)")
        }
        return errors
    }
}

/// An entry of `labels:`.
public struct LabelArgs: Sendable {
    public var pairs: [(String, String)] = []
    public var includeSelectors = false
    public var includeTemplates = false
    public var fieldSpecs: [FieldSpec] = []

    static let fields: Set<String> = ["pairs", "includeSelectors", "includeTemplates", "fields"]

    init(_ d: StrictDecoder) throws {
        pairs = try d.stringMap("pairs") ?? []
        includeSelectors = try d.bool("includeSelectors") ?? false
        includeTemplates = try d.bool("includeTemplates") ?? false
        fieldSpecs = try (d.list("fields") ?? []).map { try FieldSpec(d.element($0, of: "fields", typeName: "FieldSpec", allowed: FieldSpec.fields)) }
    }
}

/// An entry of `patches:` or `patchesJson6902:`.
public struct PatchArgs: Sendable {
    public var path: String?
    public var patch: String?
    public var target: Selector?
    public var options: [(String, Bool)] = []

    static let fields: Set<String> = ["path", "patch", "target", "options"]

    init() {}

    init(_ d: StrictDecoder) throws {
        path = try d.string("path")
        patch = try d.string("patch")
        if let t = try d.nested("target", structName: "Selector", allowed: Selector.fields) { target = try Selector(t) }
        if let o = d.value("options"), case .object(let obj) = o {
            options = try obj.map { (k, v) in
                guard case .bool(let b) = v else { throw d.typeError("options", v, "bool") }
                return (k, b)
            }
        }
    }
}

/// An entry of `images:`.
public struct ImageArgs: Sendable {
    public var name = ""
    public var newName = ""
    public var newTag = ""
    public var digest = ""
    public var tagSuffix = ""

    static let fields: Set<String> = ["name", "newName", "newTag", "digest", "tagSuffix"]

    init(_ d: StrictDecoder) throws {
        name = try d.string("name") ?? ""
        newName = try d.string("newName") ?? ""
        // A tag may be written as a number (`newTag: 1.2`); kustomize's Image.NewTag is a string,
        // so a number there is a type error just as in kustomize.
        newTag = try d.string("newTag") ?? ""
        digest = try d.string("digest") ?? ""
        tagSuffix = try d.string("tagSuffix") ?? ""
    }
}

/// An entry of `replicas:`.
public struct ReplicaArgs: Sendable {
    public var name = ""
    public var count = 0

    static let fields: Set<String> = ["name", "count"]

    init(_ d: StrictDecoder) throws {
        name = try d.string("name") ?? ""
        count = try d.int("count") ?? 0
    }
}

/// An entry of `vars:` (deprecated).
public struct VarArgs: Sendable {
    public var name = ""
    public var objref: Value = .null
    public var fieldPath = "metadata.name"

    static let fields: Set<String> = ["name", "objref", "fieldref"]

    init(_ d: StrictDecoder) throws {
        name = try d.string("name") ?? ""
        objref = d.value("objref") ?? .null
        if let f = try d.nested("fieldref", structName: "FieldSelector", allowed: ["fieldPath"]),
            let p = try f.string("fieldPath"), !p.isEmpty
        {
            fieldPath = p
        }
    }
}

/// `sortOptions:`.
public struct SortOptions: Sendable {
    public var order = "legacy"
    public var orderFirst: [String]?
    public var orderLast: [String]?

    static let fields: Set<String> = ["order", "legacySortOptions"]

    init(_ d: StrictDecoder) throws {
        order = try d.string("order") ?? ""
        if let l = try d.nested("legacySortOptions", structName: "LegacySortOptions", allowed: ["orderFirst", "orderLast"]) {
            orderFirst = try l.strings("orderFirst")
            orderLast = try l.strings("orderLast")
        }
    }
}

/// `generatorOptions:` or a generator's `options:`.
public struct GeneratorOptions: Sendable {
    public var labels: [(String, String)] = []
    public var annotations: [(String, String)] = []
    public var disableNameSuffixHash = false
    public var immutable = false

    init() {}

    static let fields: Set<String> = ["labels", "annotations", "disableNameSuffixHash", "immutable"]

    init(_ d: StrictDecoder) throws {
        labels = try d.stringMap("labels") ?? []
        annotations = try d.stringMap("annotations") ?? []
        disableNameSuffixHash = try d.bool("disableNameSuffixHash") ?? false
        immutable = try d.bool("immutable") ?? false
    }

    /// kustomize's `MergeGlobalOptionsIntoLocal`: the generator's own options win; labels and
    /// annotations are combined (the generator's own values win on a clash); the global
    /// `disableNameSuffixHash`/`immutable` apply when true.
    static func merge(local: GeneratorOptions?, global: GeneratorOptions?) -> GeneratorOptions? {
        guard let global else { return local }
        var result = local ?? GeneratorOptions()
        for (k, v) in global.labels where !result.labels.contains(where: { $0.0 == k }) { result.labels.append((k, v)) }
        for (k, v) in global.annotations where !result.annotations.contains(where: { $0.0 == k }) {
            result.annotations.append((k, v))
        }
        if global.disableNameSuffixHash { result.disableNameSuffixHash = true }
        if global.immutable { result.immutable = true }
        return result
    }
}

/// A `configMapGenerator` or `secretGenerator` entry.
public struct GeneratorArgs: Sendable {
    public var name = ""
    public var namespace = ""
    public var behavior = ""
    public var literals: [String] = []
    public var files: [String] = []
    public var envs: [String] = []
    public var type = ""
    public var immutable: Bool?
    public var options: GeneratorOptions?

    static func fields(isSecret: Bool) -> Set<String> {
        var allowed: Set<String> = ["name", "namespace", "behavior", "literals", "files", "envs", "env", "options", "immutable"]
        if isSecret { allowed.insert("type") }
        return allowed
    }

    init(_ d: StrictDecoder) throws {
        name = try d.string("name") ?? ""
        namespace = try d.string("namespace") ?? ""
        behavior = try d.string("behavior") ?? ""
        literals = try d.strings("literals") ?? []
        files = try d.strings("files") ?? []
        envs = try d.strings("envs") ?? []
        if let env = try d.string("env"), !env.isEmpty { envs.append(env) }
        type = try d.string("type") ?? ""
        immutable = try d.bool("immutable")
        if let o = try d.nested("options", structName: "GeneratorOptions", allowed: GeneratorOptions.fields) {
            options = try GeneratorOptions(o)
        }
    }
}
