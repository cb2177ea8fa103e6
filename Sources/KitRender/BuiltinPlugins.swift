import KitCore
import KitModel

/// `generators:` and `transformers:` entries that configure kustomize's own built-in plugins
/// (`apiVersion: builtin`, e.g. `kind: NamespaceTransformer`), inline or from files. They run
/// after the kustomization's own generators and transformers, as in kustomize. Anything else
/// is an external plugin (exec, container or Starlark KRM function), which kit refuses: it
/// runs no programs.
enum BuiltinPlugins {
    enum Role: String {
        case generators, transformers
    }

    /// A plugin configuration and the file it was configured in (relative to the top
    /// kustomization: the kustomization itself for an inline one), for origin annotations.
    struct Configuration {
        var value: Value
        var configuredIn: String

        /// kustomize's `OriginFromCustomPlugin`: the configuration's file, kind, name and namespace.
        var origin: Origin {
            Origin(
                configuredIn: configuredIn, configuredBy: value["kind"]?.stringValue ?? "",
                configuredByName: value["metadata"]?["name"]?.stringValue,
                configuredByNamespace: value["metadata"]?["namespace"]?.stringValue)
        }
    }

    /// The plugin configurations named by the entries of `field`: inline ones first, then
    /// those read from files (as kustomize collects them).
    static func configurations(_ entries: [String], role: Role, target: Target, warnings: inout [String]) throws -> [Configuration] {
        var configs: [Configuration] = []
        var paths: [String] = []
        for entry in entries {
            // An entry that reads as objects is an inline configuration; anything else is a path.
            if let docs = try? YAMLReader.read(Array(entry.utf8), file: target.fileName, options: .init(acceptUnknownTags: true)),
                !docs.isEmpty, docs.allSatisfy({ if case .object = $0.value { return true } else { return $0.isEmpty } })
            {
                configs += docs.filter { !$0.isEmpty }.map { Configuration(value: $0.value, configuredIn: target.pathFromTop(target.fileName)) }
            } else {
                paths.append(entry)
            }
        }
        if !paths.isEmpty {
            var acc = Accumulator()
            try target.accumulateResources(paths, into: &acc, warnings: &warnings)
            configs += acc.map.resources.map { Configuration(value: $0.value, configuredIn: $0.origin?.path ?? "") }
        }
        for config in configs.map(\.value) {
            let apiVersion = config["apiVersion"]?.stringValue ?? ""
            let kind = config["kind"]?.stringValue ?? ""
            guard apiVersion == "builtin" else {
                throw KitError(
                    "\(role.rawValue): \(kind.isEmpty ? "a plugin" : kind) (apiVersion \(apiVersion.isEmpty ? "none" : apiVersion)) is an external plugin; kit does not run plugins (exec, container or Starlark KRM functions)")
            }
        }
        return configs
    }

    static func generate(_ configs: [Configuration], target: Target, into acc: inout Accumulator) throws {
        for configuration in configs {
            let config = configuration.value
            let kind = config["kind"]?.stringValue ?? ""
            let isSecret: Bool
            switch kind {
            case "ConfigMapGenerator": isSecret = false
            case "SecretGenerator": isSecret = true
            case "IAMPolicyGenerator":
                var r = try iamPolicyServiceAccount(config)
                r.origin = configuration.origin
                try acc.map.absorb(r)
                continue
            default:
                throw KitError("generators: builtin \(kind) is not a generator kit supports (ConfigMapGenerator, SecretGenerator, IAMPolicyGenerator)")
            }
            var fields = GeneratorArgs.fields(isSecret: isSecret)
            fields.formUnion(["apiVersion", "kind", "metadata"])
            let d = try StrictDecoder(config, structName: isSecret ? "SecretGeneratorPlugin" : "ConfigMapGeneratorPlugin", allowed: fields, ignoresUnknownFields: true)
            var args = try GeneratorArgs(d)
            // The generated object's name and namespace default to the configuration's own.
            if args.name.isEmpty { args.name = config["metadata"]?["name"]?.stringValue ?? "" }
            if args.namespace.isEmpty { args.namespace = config["metadata"]?["namespace"]?.stringValue ?? "" }
            var r =
                isSecret
                ? try Generators.secret(args, global: nil, loader: target.loader)
                : try Generators.configMap(args, global: nil, loader: target.loader)
            r.origin = configuration.origin
            try acc.map.absorb(r)
        }
    }

    /// The builtin `IAMPolicyGenerator` (kustomize's iampolicygenerator filter): for
    /// `cloud: gke`, a ServiceAccount annotated with its Google service account. Like
    /// kustomize it fills a YAML template with the fields and reads it back, so the values
    /// are read as YAML scalars.
    static func iamPolicyServiceAccount(_ config: Value) throws -> RenderResource {
        let cloud = config["cloud"]?.stringValue ?? ""
        guard cloud == "gke" else { throw KitError("cloud provider \(cloud) not supported yet") }
        func text(_ v: Value?) -> String { v.map { $0.isNull ? "" : StrategicMerge.scalarText($0) } ?? "" }
        let service = config["kubernetesService"]
        let account = config["serviceAccount"]
        var yaml = """

            apiVersion: v1
            kind: ServiceAccount
            metadata:
              annotations:
                iam.gke.io/gcp-service-account: \(text(account?["name"]))@\(text(account?["projectId"])).iam.gserviceaccount.com
              name: \(text(service?["name"]))

            """
        let namespace = text(service?["namespace"])
        if !namespace.isEmpty { yaml += "\n  namespace: \(namespace)" }
        guard let document = try YAMLReader.read(Array(yaml.utf8), file: "IAMPolicyGenerator").first(where: { !$0.isEmpty }) else {
            throw KitError("IAMPolicyGenerator: empty result")
        }
        return RenderResource(document.value)
    }

    static func transform(_ configs: [Configuration], target: Target, into acc: inout Accumulator) throws {
        for configuration in configs {
            let config = configuration.value
            let kind = config["kind"]?.stringValue ?? ""
            if target.buildMetadata.contains("transformerAnnotations") {
                // kustomize's AddTransformerAnnotation: every object present when the
                // transformer runs records it (an object without an origin takes it as origin).
                for i in acc.map.resources.indices {
                    if acc.map.resources[i].origin == nil {
                        acc.map.resources[i].origin = configuration.origin
                    } else {
                        acc.map.resources[i].transformations.append(configuration.origin)
                    }
                }
            }
            guard case .object(var object) = config else { continue }
            let metadata = object["metadata"]
            object["apiVersion"] = nil
            object["kind"] = nil
            object["metadata"] = nil
            let d = try StrictDecoder(.object(object), structName: "\(kind)Plugin", allowed: Set(object.keys), ignoresUnknownFields: true)
            func specs() throws -> [FieldSpec] {
                try (d.list("fieldSpecs") ?? []).map {
                    try FieldSpec(d.element($0, of: "fieldSpecs", typeName: "FieldSpec", allowed: FieldSpec.fields))
                }
            }
            switch kind {
            case "NamespaceTransformer":
                let namespace = metadata?["namespace"]?.stringValue ?? ""
                let modeText = try d.string("setRoleBindingSubjects") ?? ""
                guard let mode = modeText.isEmpty ? .defaultOnly : Transformers.SubjectMode(rawValue: modeText) else {
                    throw KitError(
                        "invalid value \"\(modeText)\" for setRoleBindingSubjects: must be one of \"defaultOnly\", \"none\" or \"allServiceAccounts\"")
                }
                try Transformers.namespace(
                    namespace, specs: try specs(), in: &acc.map, unsetOnly: try d.bool("unsetOnly") ?? false, subjects: mode)
            case "PrefixSuffixTransformer", "PrefixTransformer", "SuffixTransformer":
                try Transformers.prefixSuffix(
                    prefix: try d.string("prefix") ?? "", suffix: try d.string("suffix") ?? "", specs: try specs(), in: &acc.map)
            case "LabelTransformer":
                try Transformers.setPairs(try d.stringMap("labels") ?? [], specs: try specs(), in: &acc.map)
            case "AnnotationsTransformer":
                try Transformers.setPairs(try d.stringMap("annotations") ?? [], specs: try specs(), in: &acc.map)
            case "ImageTagTransformer":
                guard let tag = try d.nested("imageTag", structName: "Image", allowed: ImageArgs.fields) else {
                    throw KitError("ImageTagTransformer needs an imageTag")
                }
                try Transformers.images([try ImageArgs(tag)], specs: try specs(), in: &acc.map)
            case "ReplicaCountTransformer":
                guard let replica = try d.nested("replica", structName: "Replica", allowed: ReplicaArgs.fields) else {
                    throw KitError("ReplicaCountTransformer needs a replica")
                }
                try Transformers.replicas(try ReplicaArgs(replica), specs: try specs(), in: &acc.map)
            case "PatchTransformer":
                var patch = try PatchArgs(try StrictDecoder(.object(object), structName: "PatchTransformerPlugin", allowed: PatchArgs.fields, ignoresUnknownFields: true))
                patch.patch = patch.patch?.trimmingWhitespace()
                try Patches.apply(patch, loader: target.loader, to: &acc.map, schema: target.openAPI.custom)
            case "PatchJson6902Transformer":
                let p = try StrictDecoder(.object(object), structName: "PatchJson6902TransformerPlugin", allowed: ["target", "path", "jsonOp"], ignoresUnknownFields: true)
                var patch = PatchArgs()
                patch.path = try p.string("path")
                patch.patch = try p.string("jsonOp")
                if let t = try p.nested("target", structName: "Selector", allowed: Selector.fields) { patch.target = try Selector(t) }
                try Patches.apply(patch, loader: target.loader, to: &acc.map, jsonOnly: true, schema: target.openAPI.custom)
            case "PatchStrategicMergeTransformer":
                let p = try StrictDecoder(.object(object), structName: "PatchStrategicMergeTransformerPlugin", allowed: ["paths", "patches"], ignoresUnknownFields: true)
                var entries = try p.strings("paths") ?? []
                if let inline = try p.string("patches") { entries.append(inline) }
                try Patches.applyStrategicMergeFiles(entries, loader: target.loader, to: &acc.map, schema: target.openAPI.custom)
            case "ReplacementTransformer":
                try Replacements.apply(try d.list("replacements") ?? [], loader: target.loader, to: &acc.map)
            default:
                throw KitError("transformers: builtin \(kind) is not a transformer kit supports")
            }
        }
    }
}
