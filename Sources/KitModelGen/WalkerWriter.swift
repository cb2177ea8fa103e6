/// Writes a test helper that exercises every accessor of every typed model on real documents:
/// `Tests/KitModelTests/Generated/ModelWalker.swift`.
///
/// For each model it reads every field, recurses into nested models, arrays and maps, and
/// assigns each field back to itself. The round-trip tests then check that the object is
/// unchanged (accessors are lossless) and that no present field failed to read as its Swift
/// type (the generated types match real manifests). Living in the test target, it costs the
/// library nothing.
struct WalkerWriter {
    let models: ModelWriter

    static let path = "Tests/KitModelTests/Generated/ModelWalker.swift"

    func file() throws -> GeneratedFile {
        let names = try models.modelDefinitionNames()
        var out = models.header + "\n"
        out += "import KitCore\n@testable import KitModel\n\n"
        out += "/// Walks any typed model of a kind; false when `model` has no walker.\n"
        out += "func walkAnyModel(_ model: inout any KubernetesObjectModel, _ w: inout ModelWalk) -> Bool {\n"
        for name in names where models.definitions[name]!.groupVersionKinds.count == 1 {
            let qualified = try qualifiedName(name)
            out += "    if var m = model as? \(qualified) {\n"
            out += "        \(functionName(qualified))(&m, &w)\n"
            out += "        model = m\n"
            out += "        return true\n"
            out += "    }\n"
        }
        out += "    return false\n}\n"
        for name in names {
            out += "\n" + (try walker(name))
        }
        return GeneratedFile(path: Self.path, contents: out)
    }

    func qualifiedName(_ name: String) throws -> String {
        guard case .model(let qualified) = try models.shape(of: name) else { preconditionFailure("\(name) is not a model") }
        return qualified
    }

    func functionName(_ qualified: String) -> String {
        "walk" + String(qualified.map { $0 == "." ? "_" : $0 })
    }

    func walker(_ name: String) throws -> String {
        let qualified = try qualifiedName(name)
        let def = models.definitions[name]!
        var out = "func \(functionName(qualified))(_ m: inout \(qualified), _ w: inout ModelWalk) {\n"
        out += "    let raw = m.raw\n"
        for (key, schema) in def.properties {
            let property = swiftIdentifier(key)
            let k = swiftString(key)
            if let ref = schema.ref, case .model(let nested) = try models.shape(of: ref) {
                out += "    w.model(&m.\(property), \(k), raw, \(functionName(nested)))\n"
            } else if schema.type == "array", let items = schema.items?.value, let ref = items.ref,
                case .model(let element) = try models.shape(of: ref)
            {
                out += "    w.modelArray(&m.\(property), \(k), raw, \(functionName(element)))\n"
            } else if schema.type == "object", let values = schema.additionalProperties?.value, let ref = values.ref,
                case .model(let element) = try models.shape(of: ref)
            {
                out += "    w.modelMap(&m.\(property), \(k), raw, \(functionName(element)))\n"
            } else if try models.isContainer(schema) {
                out += "    w.container(&m.\(property), \(k), raw)\n"
            } else {
                out += "    w.field(&m.\(property), \(k), raw)\n"
            }
        }
        out += "}\n"
        return out
    }
}
