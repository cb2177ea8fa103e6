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

    /// The plugin configurations named by the entries of `field`.
    static func configurations(_ entries: [String], role: Role, target: Target, warnings: inout [String]) throws -> [Value] {
        var configs: [Value] = []
        var paths: [String] = []
        for entry in entries {
            // An entry that reads as objects is an inline configuration; anything else is a path.
            if let docs = try? YAMLReader.read(Array(entry.utf8), file: target.fileName, options: .init(acceptUnknownTags: true)),
                !docs.isEmpty, docs.allSatisfy({ if case .object = $0.value { return true } else { return $0.isEmpty } })
            {
                configs += docs.filter { !$0.isEmpty }.map(\.value)
            } else {
                paths.append(entry)
            }
        }
        if !paths.isEmpty {
            var acc = Accumulator()
            try target.accumulateResources(paths, into: &acc, warnings: &warnings)
            configs += acc.map.resources.map(\.value)
        }
        for config in configs {
            let apiVersion = config["apiVersion"]?.stringValue ?? ""
            let kind = config["kind"]?.stringValue ?? ""
            guard apiVersion == "builtin" else {
                throw KitError(
                    "\(role.rawValue): \(kind.isEmpty ? "a plugin" : kind) (apiVersion \(apiVersion.isEmpty ? "none" : apiVersion)) is an external plugin; kit does not run plugins (exec, container or Starlark KRM functions)")
            }
        }
        return configs
    }

    static func generate(_ configs: [Value], target: Target, into acc: inout Accumulator) throws {
        for config in configs {
            let kind = config["kind"]?.stringValue ?? ""
            let isSecret: Bool
            switch kind {
            case "ConfigMapGenerator": isSecret = false
            case "SecretGenerator": isSecret = true
            default:
                throw KitError("generators: builtin \(kind) is not a generator kit supports (ConfigMapGenerator, SecretGenerator)")
            }
            var fields = GeneratorArgs.fields(isSecret: isSecret)
            fields.formUnion(["apiVersion", "kind", "metadata"])
            let d = try StrictDecoder(config, structName: isSecret ? "SecretGeneratorPlugin" : "ConfigMapGeneratorPlugin", allowed: fields)
            var args = try GeneratorArgs(d)
            // The generated object's name and namespace default to the configuration's own.
            if args.name.isEmpty { args.name = config["metadata"]?["name"]?.stringValue ?? "" }
            if args.namespace.isEmpty { args.namespace = config["metadata"]?["namespace"]?.stringValue ?? "" }
            let r =
                isSecret
                ? try Generators.secret(args, global: nil, loader: target.loader)
                : try Generators.configMap(args, global: nil, loader: target.loader)
            try acc.map.absorb(r)
        }
    }

    static func transform(_ configs: [Value], target: Target, into acc: inout Accumulator) throws {
        for config in configs {
            let kind = config["kind"]?.stringValue ?? ""
            guard case .object(var object) = config else { continue }
            let metadata = object["metadata"]
            object["apiVersion"] = nil
            object["kind"] = nil
            object["metadata"] = nil
            let d = try StrictDecoder(.object(object), structName: "\(kind)Plugin", allowed: Set(object.keys))
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
                var patch = try PatchArgs(try StrictDecoder(.object(object), structName: "PatchTransformerPlugin", allowed: PatchArgs.fields))
                patch.patch = patch.patch?.trimmingWhitespace()
                try Patches.apply(patch, loader: target.loader, to: &acc.map, schema: acc.customSchema)
            case "PatchJson6902Transformer":
                let p = try StrictDecoder(.object(object), structName: "PatchJson6902TransformerPlugin", allowed: ["target", "path", "jsonOp"])
                var patch = PatchArgs()
                patch.path = try p.string("path")
                patch.patch = try p.string("jsonOp")
                if let t = try p.nested("target", structName: "Selector", allowed: Selector.fields) { patch.target = try Selector(t) }
                try Patches.apply(patch, loader: target.loader, to: &acc.map, jsonOnly: true, schema: acc.customSchema)
            case "PatchStrategicMergeTransformer":
                let p = try StrictDecoder(.object(object), structName: "PatchStrategicMergeTransformerPlugin", allowed: ["paths", "patches"])
                var entries = try p.strings("paths") ?? []
                if let inline = try p.string("patches") { entries.append(inline) }
                try Patches.applyStrategicMergeFiles(entries, loader: target.loader, to: &acc.map, schema: acc.customSchema)
            case "ReplacementTransformer":
                try Replacements.apply(try d.list("replacements") ?? [], loader: target.loader, to: &acc.map)
            default:
                throw KitError("transformers: builtin \(kind) is not a transformer kit supports")
            }
        }
    }
}
