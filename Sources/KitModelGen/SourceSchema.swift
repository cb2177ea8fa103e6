import KitCore

/// One JSON Schema fragment of the Kubernetes API definitions, as the generator reads it.
///
/// `_definitions.json` is the Kubernetes OpenAPI rendered as JSON Schema (draft 2020-12) by
/// kubernetes-validate: `$defs` keyed by OpenAPI names (`io.k8s.api.apps.v1.Deployment`),
/// nullable fields typed `["string", "null"]`, references as `#/$defs/NAME`. Every key the
/// generator does not understand is an error, so that a new schema feature cannot be dropped
/// silently; the few it deliberately ignores are listed in `ignoredKeys`.
struct SourceFragment {
    /// The JSON types, without `null` (`["string"]`); empty when the schema names no type.
    var types: [String] = []
    /// True when `null` is one of the types (kubernetes-validate marks optional fields so).
    var nullable = false
    var format: String?
    var description: String?
    /// The referenced definition's name (`io.k8s.api.core.v1.PodSpec`), `$ref` without `#/$defs/`.
    var ref: String?
    /// Properties in the order of the source (which is sorted by name).
    var properties: [(name: String, schema: SourceFragment)] = []
    var required: [String] = []
    var enumValues: [Value] = []
    var items: Box<SourceFragment>?
    /// `additionalProperties`: a schema for map values.
    var additionalProperties: Box<SourceFragment>?
    /// `oneOf` alternatives' types (only `IntOrString` and `Quantity` use `oneOf`).
    var oneOfTypes: [String] = []
    /// Whether each `oneOf` alternative also allows `null` (in the definitions both of
    /// IntOrString's do, so that `null` matches two alternatives and fails `oneOf`).
    var oneOfNullable: [Bool] = []
    var groupVersionKinds: [(group: String, version: String, kind: String)] = []
    var patchMergeKey: String?
    var patchStrategy: String?
    var listType: String?
    var listMapKeys: [String] = []
    var mapType: String?

    /// Keys read but deliberately not carried into the bundle or the models:
    /// `x-kubernetes-unions` (discriminated unions; nothing in kit uses them yet).
    static let ignoredKeys: Set<String> = ["x-kubernetes-unions"]

    init() {}

    /// Reads one fragment; `path` names it in error messages.
    init(_ value: Value, path: String) throws {
        guard case .object(let object) = value else {
            throw KitError("\(path): a schema must be an object, found \(value.typeName)")
        }
        for (key, v) in object {
            let here = "\(path).\(key)"
            switch key {
            case "type":
                switch v {
                case .string(let t):
                    if t == "null" { nullable = true } else { types = [t] }
                case .array(let list):
                    for t in list {
                        guard let t = t.stringValue else { throw KitError("\(here): types must be strings") }
                        if t == "null" { nullable = true } else { types.append(t) }
                    }
                default:
                    throw KitError("\(here): unexpected \(v.typeName)")
                }
            case "format": format = try string(v, here)
            case "description": description = try string(v, here)
            case "$ref":
                let r = try string(v, here)
                let prefix = "#/$defs/"
                guard r.hasPrefix(prefix) else { throw KitError("\(here): only #/$defs/ references are supported, found \(r)") }
                ref = String(r.dropFirst(prefix.count))
            case "properties":
                guard case .object(let props) = v else { throw KitError("\(here): expected an object") }
                for (name, p) in props {
                    properties.append((name, try SourceFragment(p, path: "\(here).\(name)")))
                }
            case "required": required = try strings(v, here)
            case "enum":
                guard case .array(let list) = v else { throw KitError("\(here): expected an array") }
                enumValues = list
            case "items": items = Box(try SourceFragment(v, path: here))
            case "additionalProperties":
                if case .bool = v { throw KitError("\(here): boolean additionalProperties are not expected here") }
                additionalProperties = Box(try SourceFragment(v, path: here))
            case "oneOf":
                guard case .array(let list) = v else { throw KitError("\(here): expected an array") }
                for alternative in list {
                    let f = try SourceFragment(alternative, path: here)
                    guard f.properties.isEmpty, f.ref == nil, f.types.count == 1 else {
                        throw KitError("\(here): only oneOf between plain types is supported")
                    }
                    oneOfTypes.append(f.types[0])
                    oneOfNullable.append(f.nullable)
                }
            case "x-kubernetes-group-version-kind":
                guard case .array(let list) = v else { throw KitError("\(here): expected an array") }
                for entry in list {
                    guard let g = entry["group"]?.stringValue, let ver = entry["version"]?.stringValue,
                        let k = entry["kind"]?.stringValue
                    else { throw KitError("\(here): group, version and kind must be strings") }
                    groupVersionKinds.append((g, ver, k))
                }
            case "x-kubernetes-patch-merge-key": patchMergeKey = try string(v, here)
            case "x-kubernetes-patch-strategy": patchStrategy = try string(v, here)
            case "x-kubernetes-list-type": listType = try string(v, here)
            case "x-kubernetes-list-map-keys": listMapKeys = try strings(v, here)
            case "x-kubernetes-map-type": mapType = try string(v, here)
            default:
                if SourceFragment.ignoredKeys.contains(key) { continue }
                throw KitError("\(here): unknown schema key (teach the generator about it or list it in SourceFragment.ignoredKeys)")
            }
        }
    }

    /// The one non-null type, or nil when there is none or several.
    var type: String? { types.count == 1 ? types[0] : nil }
}

/// A heap box, so that a struct can hold a fragment of its own type.
final class Box<T> {
    let value: T
    init(_ value: T) { self.value = value }
}

private func string(_ v: Value, _ path: String) throws -> String {
    guard let s = v.stringValue else { throw KitError("\(path): expected a string, found \(v.typeName)") }
    return s
}

private func strings(_ v: Value, _ path: String) throws -> [String] {
    guard case .array(let list) = v else { throw KitError("\(path): expected an array of strings") }
    return try list.map { try string($0, path) }
}

/// All definitions of one Kubernetes version, by name.
struct SourceDefinitions {
    /// Names in UTF-8 byte order (the bundle's index order).
    var names: [String]
    var byName: [String: SourceFragment]

    /// Reads `_definitions.json` (the `$defs` object) and checks that every `$ref` resolves.
    init(json: [UInt8], file: String) throws {
        let root = try JSONReader.read(json, file: file)
        guard case .object(let defs)? = root["$defs"] else { throw KitError("\(file): no $defs object") }
        var byName: [String: SourceFragment] = [:]
        for (name, v) in defs {
            byName[name] = try SourceFragment(v, path: name)
        }
        self.byName = byName
        names = byName.keys.sorted(by: utf8Less)
        for name in names {
            try byName[name]!.forEachRef { ref in
                guard byName[ref] != nil else { throw KitError("\(name): reference to unknown definition \(ref)") }
            }
        }
    }

    subscript(name: String) -> SourceFragment? { byName[name] }
}

extension SourceFragment {
    /// Calls `body` with every `$ref` in this fragment and the fragments inside it.
    func forEachRef(_ body: (String) throws -> Void) throws {
        if let ref { try body(ref) }
        for (_, p) in properties { try p.forEachRef(body) }
        try items?.value.forEachRef(body)
        try additionalProperties?.value.forEachRef(body)
    }
}
