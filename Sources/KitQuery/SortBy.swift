import KitCore
import KitModel

/// kubectl's `--sort-by` (kubectl/pkg/cmd/get/sorter.go): each object's value at a JSONPath,
/// compared as kubectl's `isLess` compares decoded JSON, ordered by Go's (unstable)
/// `sort.Sort`.
///
/// What kubectl does, and so what kit does:
/// - the field is `RelaxedJSONPathExpression(spec)`: `metadata.name`, `.metadata.name`,
///   `{metadata.name}` and `{.metadata.name}` all mean `{.metadata.name}`;
/// - only the first value found counts (`{.spec.containers[*].name}` sorts by the first
///   container's name);
/// - an object without the field is "less" than any other, in both directions (kubectl's
///   `Less` answers true whenever the left one is missing), and JSON null is less than any
///   value; two nulls are equal;
/// - integers compare with integers, floats with floats; two strings compare as quantities
///   when both parse as one (`500m < 1 < 2Gi`), otherwise by their bytes; any other pair
///   (a number with a string, booleans, objects, arrays) cannot be sorted and is an error;
/// - the field must be found in at least one object;
/// - a table (the default output) has its rows sorted by their objects; when a command gets
///   several tables (several kinds, or objects by name), kubectl first sorts the tables
///   themselves by the field, which a path into objects is not found in (an error).
public struct SortBy: Sendable {
    /// The JSONPath the objects are sorted by (`{.status.phase}`).
    public let field: String
    let path: JSONPath

    /// The sort field for list output (`-o json`, …): the spec must be a relaxed JSONPath.
    public init(listSpec spec: String) throws(KitError) {
        do {
            field = try CustomColumns.relaxedJSONPathExpression(spec)
        } catch {
            throw KitError("--sort-by: \(error.message)")
        }
        do {
            path = try JSONPath(parsing: field)
        } catch {
            throw KitError("--sort-by: \(error.message)\(Self.position(error, in: field))")
        }
    }

    /// The sort field for table output: a spec that is not a relaxed JSONPath is parsed as a
    /// full template, as kubectl's table sorter does.
    public init(tableSpec spec: String) throws(KitError) {
        field = (try? CustomColumns.relaxedJSONPathExpression(spec)) ?? spec
        do {
            path = try JSONPath(parsing: field)
        } catch {
            throw KitError("--sort-by: sorting error: \(error.message)\(Self.position(error, in: field))")
        }
    }

    static func position(_ error: JSONPathError, in template: String) -> String {
        error.offset.map { " (at character \($0 + 1) of \(GoSyntax.quote(template)))" } ?? ""
    }

    /// What kubectl compares for one object.
    enum Key {
        case missing
        case null
        case int(Int)
        case float(Double)
        case string(String, Quantity?)
        case unsortable(String)
    }

    /// The key of one object: the first value the path finds.
    func key(of object: Value) throws(KitError) -> Key {
        let results: [[Value]]
        do {
            results = try path.findResults(object, allowMissingKeys: true)
        } catch {
            throw KitError("--sort-by: cannot get the values of \(field): \(error.message)")
        }
        guard let first = results.first?.first else { return .missing }
        switch first {
        case .null: return .null
        case .int(let i): return .int(i)
        case .double(let d): return .float(d)
        case .decimal(let d): return .float(d.doubleValue)
        case .string(let s): return .string(s, try? Quantity(parsing: s))
        case .bool, .array, .object: return .unsortable(GoPrint.typeName(first))
        }
    }

    struct Unsortable: Error {
        var typeName: String
    }

    /// kubectl's `isLess` on two found values.
    static func isLess(_ a: Key, _ b: Key) throws(Unsortable) -> Bool {
        switch (a, b) {
        case (.null, .null): return false
        case (.null, _): return true
        case (_, .null): return false
        case (.int(let x), .int(let y)): return x < y
        case (.float(let x), .float(let y)): return x < y
        case (.string(let x, let qx), .string(let y, let qy)):
            if let qx, let qy { return qx.compare(qy) < 0 }
            return utf8Less(x, y)
        case (.unsortable(let type), _): throw Unsortable(typeName: type)
        case (.int, _): throw Unsortable(typeName: "int64")
        case (.float, _): throw Unsortable(typeName: "float64")
        case (.string, _): throw Unsortable(typeName: "string")
        case (.missing, _): return true
        }
    }

    /// The order kubectl prints `objects` in: positions into `objects`.
    public func order(of objects: [Value]) throws(KitError) -> [Int] {
        var keys: [Key] = []
        keys.reserveCapacity(objects.count)
        for object in objects { keys.append(try key(of: object)) }
        return try order(keys: keys)
    }

    /// The order of objects with these keys (each `key(of:)` one object).
    func order(keys: [Key]) throws(KitError) -> [Int] {
        if !keys.isEmpty && !keys.contains(where: { if case .missing = $0 { return false } else { return true } }) {
            throw KitError("--sort-by: couldn't find any field with path \(GoSyntax.quote(field)) in the list of objects")
        }
        var keyed = Array(zip(keys.indices, keys))
        var failure: Unsortable?
        GoSort.sort(&keyed) { a, b in
            if case .missing = a.1 { return true }
            if case .missing = b.1 { return false }
            do {
                return try SortBy.isLess(a.1, b.1)
            } catch let error as Unsortable {
                if failure == nil { failure = error }
                return false
            } catch {
                return false
            }
        }
        if let failure {
            throw KitError(
                "--sort-by: field \(field) is an unsortable type: \(failure.typeName) (every object's value must be a number, or every one a string)")
        }
        return keyed.map(\.0)
    }
}
