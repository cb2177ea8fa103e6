import Foundation
import KitCore
import XCTest

@testable import KitQuery

/// The golden cases under Cases/ (see Cases/README.md): objects in, the cells Kubernetes'
/// printers compute for them out. Most come from Kubernetes' own
/// `pkg/printers/internalversion/printers_test.go` (their `origin` says which test); the
/// rest are kit's edge cases, their expected cells worked out from the Go source.
final class ServerTableCaseTests: XCTestCase {
    static let casesDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Cases")

    struct Case {
        var name: String
        var input: Value
        var expected: Value
    }

    static func loadCases() throws -> [Case] {
        let fm = FileManager.default
        guard let walker = fm.enumerator(atPath: casesDirectory.path) else { return [] }
        var cases: [Case] = []
        for case let path as String in walker where path.hasSuffix(".yaml") {
            let base = String(path.dropLast(".yaml".count))
            let inputURL = casesDirectory.appendingPathComponent(path)
            let expectedURL = casesDirectory.appendingPathComponent(base + ".json")
            let inputText = try String(contentsOf: inputURL, encoding: .utf8)
            let expectedText = try String(contentsOf: expectedURL, encoding: .utf8)
            let input = try YAMLReader.read(inputText, file: path).first?.value ?? .null
            let expected = try JSONReader.read(expectedText, file: base + ".json")
            cases.append(Case(name: base, input: input, expected: expected))
        }
        return cases.sorted { $0.name < $1.name }
    }

    /// Runs one case; nil when kit's table has the expected cells (and, when the case gives
    /// them, the expected columns, row order and row conditions).
    static func check(_ c: Case) -> String? {
        let input = c.input
        guard case .string(let nowText)? = input["now"], let now = MetaTime(rfc3339: nowText) else {
            return "no valid `now`"
        }
        let objects = input["objects"]?.arrayValue ?? []
        let crd = input["crd"]
        let wide = input["wide"]?.boolValue ?? true
        let table: ServerTable
        if case .string(let kind)? = input["kind"] {
            table = ServerTablePrinter.table(
                for: objects, group: input["group"]?.stringValue ?? "", kind: kind, now: now, customResourceDefinition: crd,
                version: input["version"]?.stringValue, wide: wide)
        } else {
            table = ServerTablePrinter.table(for: objects, now: now, customResourceDefinition: crd, wide: wide)
        }
        var problems: [String] = []
        if let columns = c.expected["columns"]?.arrayValue {
            let got: [Value] = table.columns.map { .string($0.name) }
            if !strictEqual(.array(got), .array(columns)) { problems.append("columns \(json(.array(got)))") }
        }
        if let definitions = c.expected["columnDefinitions"]?.arrayValue {
            // A null description in the case leaves the description unchecked.
            let got: [Value] = table.columns.enumerated().map { i, column in
                let unchecked = i < definitions.count && definitions[i][4].map(\.isNull) == true
                return [
                    .string(column.name), .string(column.type), .string(column.format), .int(column.priority),
                    unchecked ? .null : .string(column.description),
                ]
            }
            if !strictEqual(.array(got), .array(definitions)) { problems.append("column definitions \(json(.array(got)))") }
        }
        let expectedRows = c.expected["rows"]?.arrayValue ?? []
        if expectedRows.count != table.rows.count {
            problems.append("\(table.rows.count) rows, expected \(expectedRows.count)")
        }
        for (i, (row, expected)) in zip(table.rows, expectedRows).enumerated() {
            let cells: Value
            if case .object = expected {
                cells = expected["cells"] ?? .null
                if let index = expected["object"]?.intValue, index != row.objectIndex {
                    problems.append("row \(i) shows object \(row.objectIndex), expected \(index)")
                }
                let conditions: [Value] = row.conditions.map {
                    ["type": .string($0.type), "status": .string($0.status), "reason": .string($0.reason), "message": .string($0.message)]
                }
                if !strictEqual(.array(conditions), expected["conditions"] ?? .array([])) {
                    problems.append("row \(i) conditions \(json(.array(conditions)))")
                }
            } else {
                cells = expected
                if !row.conditions.isEmpty { problems.append("row \(i) has conditions the case does not expect") }
            }
            if !strictEqual(.array(row.cells), cells) {
                problems.append("row \(i) cells \(json(.array(row.cells))), expected \(json(cells))")
            }
        }
        return problems.isEmpty ? nil : problems.joined(separator: "; ")
    }

    /// Equality that tells integers from floats and keeps key order out of it.
    static func strictEqual(_ a: Value, _ b: Value) -> Bool {
        switch (a, b) {
        case (.null, .null): return true
        case (.bool(let x), .bool(let y)): return x == y
        case (.int(let x), .int(let y)): return x == y
        case (.double(let x), .double(let y)): return x == y
        // A case file writes a float cell as `42.0`, which reads as a decimal literal.
        case (.double(let x), .decimal(let y)), (.decimal(let y), .double(let x)): return x == y.doubleValue
        case (.string(let x), .string(let y)): return x == y
        case (.array(let x), .array(let y)): return x.count == y.count && zip(x, y).allSatisfy { strictEqual($0, $1) }
        case (.object(let x), .object(let y)):
            return x.count == y.count && x.allSatisfy { key, value in y[key].map { strictEqual(value, $0) } ?? false }
        default: return false
        }
    }

    static func json(_ value: Value) -> String {
        (try? JSONWriter(style: .kubectl, indent: 0).string(value)) ?? "?"
    }

    func testEveryCaseGivesTheExpectedCells() throws {
        let cases = try Self.loadCases()
        XCTAssertGreaterThan(cases.count, 0)
        var failures: [String] = []
        for c in cases {
            if let problem = Self.check(c) { failures.append("\(c.name): \(problem)") }
        }
        XCTAssertEqual(failures, [], "\(failures.count) of \(cases.count) cases differ")
    }
}
