import KitCore
import KitModel

/// `patches`, `patchesStrategicMerge` and `patchesJson6902`, applied as kustomize's
/// `PatchTransformer` applies them. A patch is strategic-merge when it reads as objects, and
/// JSON 6902 when it reads as a list of operations.
enum Patches {
    enum Kind {
        /// The patches, each with the positions of its nodes.
        case strategicMerge([(value: Value, positions: PositionTree?)])
        case json(JSONPatch)
    }

    /// Classifies patch text the way kustomize does (it must be exactly one of the two).
    /// `file` names the patch's text in positions (the file's full path, or `inline patch`).
    /// kustomize trims an inline patch but reads a patch file as it is, so a literal block
    /// that ends a file keeps its final line break.
    static func parse(_ text: String, origin: String, file: String? = nil, isFile: Bool = false) throws -> Kind {
        let trimmed = text.trimmingWhitespace()
        guard !trimmed.isEmpty else { throw KitError("empty json patch operations") }
        let documents: [YAMLDocument]
        do {
            // kustomize holds patches as kyaml nodes, where a repeated key's first value is the one seen.
            documents = try YAMLReader.read(
                Array((isFile ? text : trimmed).utf8), file: file ?? origin,
                options: .init(positions: true, acceptUnknownTags: true, duplicateKeys: .firstWins))
        } catch let e as KitError {
            throw KitError("unable to parse SM or JSON patch from \(origin): \(e)")
        }
        let nonEmpty = documents.filter { !$0.isEmpty }
        if nonEmpty.count == 1, case .array = nonEmpty[0].value {
            return .json(try JSONPatch(nonEmpty[0].value))
        }
        var objects: [(value: Value, positions: PositionTree?)] = []
        for document in nonEmpty {
            guard case .object(let o) = document.value, (try? ResourceReader.validate(o)) != nil else {
                throw KitError("unable to parse SM or JSON patch from \(origin)")
            }
            objects.append((document.value, document.positions))
        }
        guard !objects.isEmpty else { throw KitError("unable to parse SM or JSON patch from \(origin)") }
        return .strategicMerge(objects)
    }

    /// One entry of `patches:` (or, with `jsonOnly`, of `patchesJson6902:`).
    static func apply(
        _ args: PatchArgs, loader: FileLoader, to map: inout ResourceMap, jsonOnly: Bool = false,
        schema custom: CustomSchemaDocument? = nil
    ) throws {
        let text: String
        let origin: String
        var isFile = false
        switch (args.patch?.trimmingWhitespace().isEmpty == false ? args.patch : nil, args.path) {
        case (nil, nil):
            throw KitError("must specify one of patch and path in\n\(describe(args))")
        case (.some, .some):
            throw KitError("patch and path can't be set at the same time\n\(describe(args))")
        case (let inline?, nil):
            text = inline
            origin = "inline patch"
        case (nil, let path?):
            text = String(decoding: try loader.load(path), as: UTF8.self)
            origin = path
            isFile = true
        }
        let file = origin == "inline patch" ? origin : loader.join(origin)
        let allowNameChange = args.options.contains { $0.0 == "allowNameChange" && $0.1 }
        let allowKindChange = args.options.contains { $0.0 == "allowKindChange" && $0.1 }
        switch try parse(text, origin: origin, file: file, isFile: isFile) {
        case .json(let patch):
            guard let target = args.target else { throw KitError("must specify a target for the JSON patch in \(origin)") }
            for i in try map.select(target) {
                map.resources[i].storePreviousID()
                map.resources[i].value = try patch.apply(to: map.resources[i].value)
            }
        case .strategicMerge(let patches):
            if jsonOnly { throw KitError("patchesJson6902 needs a JSON patch (a list of operations) in \(origin)") }
            if let target = args.target {
                guard patches.count == 1 else {
                    throw KitError("Multiple Strategic-Merge Patches in one `patches` entry is not allowed to set `patches.target` field: \(origin)")
                }
                let selected = try map.select(target)
                try applyStrategicMerge(
                    patches[0], origin: origin, to: selected, in: &map, allowNameChange: allowNameChange,
                    allowKindChange: allowKindChange, adoptTargetGVK: true, custom: custom)
            } else {
                for patch in patches {
                    let index = try uniqueTarget(of: patch.value, in: &map)
                    try applyStrategicMerge(
                        patch, origin: origin, to: [index], in: &map, allowNameChange: allowNameChange,
                        allowKindChange: allowKindChange, adoptTargetGVK: false, custom: custom)
                }
            }
        }
    }

    /// `patchesStrategicMerge:` entries: files, or inline patches.
    static func applyStrategicMergeFiles(
        _ entries: [String], loader: FileLoader, to map: inout ResourceMap, schema custom: CustomSchemaDocument? = nil
    ) throws {
        for entry in entries {
            let text: String
            let origin: String
            var isFile = false
            if FileIO.exists(loader.join(entry)) || !entry.contains("\n") && !entry.contains(":") {
                text = String(decoding: try loader.load(entry), as: UTF8.self)
                origin = entry
                isFile = true
            } else {
                text = entry
                origin = "inline patch"
            }
            let file = origin == "inline patch" ? origin : loader.join(origin)
            guard case .strategicMerge(let patches) = try parse(text, origin: origin, file: file, isFile: isFile) else {
                throw KitError("patchesStrategicMerge entry \(origin) is not a strategic merge patch")
            }
            for patch in patches {
                let index = try uniqueTarget(of: patch.value, in: &map)
                try applyStrategicMerge(
                    patch, origin: origin, to: [index], in: &map, allowNameChange: false, allowKindChange: false,
                    adoptTargetGVK: false, custom: custom)
            }
        }
    }

    /// The object a patch without a target names by its own kind, name and namespace.
    static func uniqueTarget(of patch: Value, in map: inout ResourceMap) throws -> Int {
        let id = RenderResource(patch).id
        let matches = map.indices(identifiedBy: id)
        guard matches.count == 1 else {
            if matches.isEmpty {
                throw KitError("no resource matches strategic merge patch \"\(id)\": no matches for Id \(id); failed to find unique target for patch \(id)")
            }
            throw KitError("multiple matches for Id \(id); failed to find unique target for patch \(id)")
        }
        return matches[0]
    }

    static func applyStrategicMerge(
        _ patch: (value: Value, positions: PositionTree?), origin: String, to indices: [Int], in map: inout ResourceMap,
        allowNameChange: Bool, allowKindChange: Bool, adoptTargetGVK: Bool, custom: CustomSchemaDocument?
    ) throws {
        do {
            try applyStrategicMerge(
                patch.value, to: indices, in: &map, allowNameChange: allowNameChange, allowKindChange: allowKindChange,
                adoptTargetGVK: adoptTargetGVK, custom: custom)
        } catch let mismatch as StrategicMerge.KindMismatch {
            // kustomize prints the node's contents here; kit names where it is instead.
            throw KitError(
                "wrong node kind at \(mismatch.pathText) of the patch from \(origin): expected \(mismatch.expected) but got \(mismatch.found)",
                at: patch.positions?.location(of: mismatch.path, in: patch.value))
        }
    }

    static func applyStrategicMerge(
        _ patch: Value, to indices: [Int], in map: inout ResourceMap, allowNameChange: Bool, allowKindChange: Bool,
        adoptTargetGVK: Bool, custom: CustomSchemaDocument?
    ) throws {
        var emptied: [Int] = []
        for i in indices {
            var r = map.resources[i]
            let name = r.name, namespace = r.namespace, kind = r.kind
            var patchValue = patch
            if adoptTargetGVK, case .object(var o) = patchValue {
                // kustomize gives the patch the target's apiVersion (its own kind is kept).
                o["apiVersion"] = .string(r.apiVersion)
                patchValue = .object(o)
            }
            if allowNameChange || allowKindChange { r.storePreviousID() }
            let schema = custom?.schema(for: r.gvk) ?? KubernetesMergeSchema.forResource(r.gvk)
            guard let merged = try StrategicMerge.merge(patch: patchValue, into: r.value, schema: schema),
                case .object(let o) = merged, !o.isEmpty
            else {
                emptied.append(i)
                continue
            }
            r.value = merged
            if !allowKindChange { setTop(&r.value, "kind", .string(kind)) }
            if !allowNameChange { r.setName(name) }
            r.restoreNamespace(namespace)
            map.resources[i] = r
        }
        for i in emptied.sorted(by: >) { map.resources.remove(at: i) }
    }

    static func setTop(_ value: inout Value, _ key: String, _ v: Value) {
        guard case .object(var o) = value else { return }
        o[key] = v
        value = .object(o)
    }

    static func describe(_ args: PatchArgs) -> String {
        var lines: [String] = []
        if let p = args.path { lines.append("path: \(p)") }
        // Not the patch's text: it may hold secret values.
        if let p = args.patch { lines.append("patch: (inline, \(p.split(separator: "\n").count) lines)") }
        return lines.joined(separator: "\n") + "\n"
    }
}

extension String {
    func trimmingWhitespace() -> String {
        var s = Substring(self)
        while let f = s.first, f.isWhitespace { s = s.dropFirst() }
        while let l = s.last, l.isWhitespace { s = s.dropLast() }
        return String(s)
    }
}
