import KitCore
import KitJQ
import XCTest

@testable import KitQuery

/// `--where` and `--jq` through the library: which objects a jq expression keeps, what a
/// filter prints, and how errors come back.
final class QueryJQTests: XCTestCase {
    static let pods: [Value] = [
        pod("a", phase: "Running", restarts: 0),
        pod("b", phase: "Failed", restarts: 7),
        pod("c", phase: "Running", restarts: 4),
    ]

    static func pod(_ name: String, phase: String, restarts: Int) -> Value {
        [
            "apiVersion": "v1", "kind": "Pod",
            "metadata": ["name": .string(name), "namespace": "default"],
            "status": ["phase": .string(phase), "containerStatuses": [["name": "app", "restartCount": .int(restarts)]]],
        ]
    }

    func run(_ configure: (inout QueryOptions) throws -> Void) throws -> QueryResult {
        var options = QueryOptions()
        options.resources = ["pods"]
        try configure(&options)
        let query = Query(options: options, tables: { _, _ in throw KitError("no tables here") })
        return try query.run(objects: Self.pods)
    }

    func text(_ result: QueryResult) -> String { String(decoding: result.output, as: UTF8.self) }

    func testWhereKeepsTheObjectsTheExpressionHoldsFor() throws {
        let result = try run {
            $0.output = .name
            $0.whereFilter = try WhereFilter(".status.containerStatuses | any(.restartCount > 3)")
        }
        XCTAssertEqual(text(result), "pod/b\npod/c\n")
    }

    func testWhereKeepsAnObjectOnceWhateverTheNumberOfTrueOutputs() throws {
        let result = try run {
            $0.output = .name
            $0.whereFilter = try WhereFilter(#"(true, 1, "x"), (.metadata.name == "b" | not)"#)
        }
        XCTAssertEqual(text(result), "pod/a\npod/b\npod/c\n")
        let none = try run {
            $0.output = .name
            $0.whereFilter = try WhereFilter("null, false, empty")
        }
        XCTAssertEqual(text(none), "")
    }

    func testWhereErrorsNameTheObject() throws {
        XCTAssertThrowsError(try run { $0.whereFilter = try WhereFilter(".status.phase | test(1)") }) { error in
            XCTAssertTrue("\(error)".contains("--where: jq: error (at default/a)"), "\(error)")
        }
        XCTAssertThrowsError(try WhereFilter(".status.phase ==")) { error in
            XCTAssertTrue("\(error)".contains("--where: jq: error: syntax error"), "\(error)")
        }
    }

    func testJQRunsOnTheListKubectlPrintsWithSortedKeys() throws {
        var printer = JQPrinter.Options()
        printer.indent = 0
        let result = try run {
            $0.output = .json
            $0.jq = try JQOutput(".items[0] | keys_unsorted, (.metadata | keys_unsorted), .kind", printer: printer)
        }
        XCTAssertEqual(text(result), #"["apiVersion","kind","metadata","status"]"# + "\n" + #"["name","namespace"]"# + "\n" + #""Pod""# + "\n")
    }

    func testJQRuntimeErrorKeepsTheResultsBeforeIt() throws {
        var printer = JQPrinter.Options()
        printer.raw = true
        let result = try run {
            $0.output = .json
            $0.jq = try JQOutput(".items[].metadata.name, error(\"stop\")", printer: printer)
        }
        XCTAssertEqual(text(result), "a\nb\nc\n")
        XCTAssertEqual(result.failure?.message, "--jq: jq: error: stop")
    }
}
