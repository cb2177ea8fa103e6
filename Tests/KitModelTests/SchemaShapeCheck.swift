import KitCore

@testable import KitModel

/// An independent check of a document against the schema's JSON types, used to tell which
/// fields the typed models must fail to read: a field is off-schema exactly when a typed
/// accessor cannot read it. Paths use the walker's notation (`spec.containers[0].args`,
/// `data.key`), and a wrong element inside an array or map of scalars is reported at the
/// array or map, as the walker reports it.
struct SchemaShapeCheck {
    var violations: [String] = []

    mutating func check(_ value: Value, _ node: SchemaNode, path: [String]) {
        guard case .object(let object) = value else { return }
        for (key, v) in object {
            guard let property = node.property(key), !v.isNull else { continue }
            field(v, property, path: path, key: key)
        }
    }

    private mutating func field(_ v: Value, _ node: SchemaNode, path: [String], key: String) {
        let here = (path + [key]).joined(separator: ".")
        switch node.type {
        case "object"? where !node.propertyNames.isEmpty:
            guard case .object = v else { return violations.append(here) }
            check(v, node, path: path + [key])
        case "object"?:
            guard let values = node.additionalProperties else { return }  // free-form
            guard case .object(let map) = v else { return violations.append(here) }
            if isObjectSchema(values) {
                for (k, element) in map where !element.isNull {
                    guard case .object = element else {
                        violations.append("\(here).\(k)")
                        continue
                    }
                    check(element, values, path: path + ["\(key).\(k)"])
                }
            } else if map.contains(where: { !$0.value.isNull && !scalarMatches($0.value, values) }) {
                violations.append(here)
            }
        case "array"?:
            guard case .array(let elements) = v else { return violations.append(here) }
            guard let items = node.items else { return }
            if isObjectSchema(items) {
                if elements.contains(where: { $0.objectValue == nil }) { violations.append(here) }
                for (i, element) in elements.enumerated() where element.objectValue != nil {
                    check(element, items, path: path + ["\(key)[\(i)]"])
                }
            } else if elements.contains(where: { !scalarMatches($0, items) }) {
                violations.append(here)
            }
        default:
            if !scalarMatches(v, node) { violations.append(here) }
        }
    }

    private func isObjectSchema(_ node: SchemaNode) -> Bool {
        node.type == "object" && !node.propertyNames.isEmpty
    }

    /// Whether a scalar (or a nested array/map of scalars) has the schema's JSON type.
    private func scalarMatches(_ v: Value, _ node: SchemaNode) -> Bool {
        let types = node.type.map { [$0] } ?? node.oneOfTypes
        if types.isEmpty { return true }  // free-form
        return types.contains { type in
            switch type {
            case "string": return v.stringValue != nil
            case "integer": return v.intValue != nil
            case "number": return v.isNumber
            case "boolean": return v.boolValue != nil
            case "array":
                guard case .array(let elements) = v else { return false }
                return node.items.map { items in elements.allSatisfy { scalarMatches($0, items) } } ?? true
            case "object":
                guard case .object(let map) = v else { return false }
                return node.additionalProperties.map { values in map.values.allSatisfy { scalarMatches($0, values) } } ?? true
            default: return true
            }
        }
    }
}
