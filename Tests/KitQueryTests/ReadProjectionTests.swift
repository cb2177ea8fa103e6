import Foundation
import KitCore
import KitModel
import XCTest

@testable import KitQuery

/// `Query.readProjection`: reading through the projection gives the same output as reading
/// whole, for every kind that has one, on examples/cluster and on the server-table cases'
/// objects; outputs that read arbitrary fields get no projection.
final class ReadProjectionTests: XCTestCase {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let cluster = repository.appendingPathComponent("examples/cluster").path
    /// The kinds with a projection.
    static let pod = QueryKind(group: "", version: "v1", kind: "Pod", plural: "pods", namespaced: true)
    static let projectedKinds = [pod]

    func testEveryKindWithAProjectionPrintsTheSameTableForTheServerTableCases() throws {
        let now = MetaTime(rfc3339: "2026-01-01T00:00:00Z")!
        var compared = 0
        for c in try ServerTableCaseTests.loadCases() {
            let objects = c.input["objects"]?.arrayValue ?? []
            for kind in Self.projectedKinds {
                let projection = try XCTUnwrap(ReadProjection.projection(for: kind))
                let mine = objects.filter { $0["kind"]?.stringValue == kind.kind }
                guard !mine.isEmpty else { continue }
                for wide in [false, true] {
                    let whole = ServerTablePrinter.table(for: mine, group: kind.group, kind: kind.kind, now: now, wide: wide)
                    let projected = ServerTablePrinter.table(
                        for: mine.map(projection.apply), group: kind.group, kind: kind.kind, now: now, wide: wide)
                    XCTAssertEqual(projected, whole, "\(c.name) (wide: \(wide))")
                    compared += 1
                }
            }
        }
        XCTAssertGreaterThan(compared, 40)
    }

    /// The cluster read whole and read through the query's projection (the JSON Lists'
    /// items go through the streaming reader's projection).
    func output(_ configure: (inout QueryOptions) throws -> Void) throws -> (whole: String, projected: String) {
        var options = QueryOptions()
        options.resources = ["pods"]
        options.allNamespaces = true
        try configure(&options)
        let query = Query(
            options: options, tables: { objects, kind in try QueryTables.table(for: objects, kind: kind, now: "2026-01-01T00:00:00Z") })
        let projection = try XCTUnwrap(query.readProjection, "no projection")
        let whole = try query.run(sources: try QuerySources.sources(for: Self.cluster))
        let projected = try query.run(sources: try QuerySources.sources(for: Self.cluster, projection: projection))
        return (String(decoding: whole.output, as: UTF8.self), String(decoding: projected.output, as: UTF8.self))
    }

    func testTheClusterPrintsTheSameThroughTheProjection() throws {
        let configurations: [(String, (inout QueryOptions) throws -> Void)] = [
            ("table", { _ in }),
            ("wide", { $0.output = .table(wide: true) }),
            ("name", { $0.output = .name }),
            ("tsv", { $0.output = .separated(.tab, columns: nil) }),
            ("csv, one namespace", { $0.output = .separated(.comma, columns: nil); $0.allNamespaces = false; $0.namespace = "kube-system" }),
            ("count", { $0.count = true }),
            ("labels", { $0.showLabels = true; $0.labelColumns = ["app"] }),
            ("label selector", { $0.labelSelector = try LabelSelector(parsing: "app") }),
            ("field selector", { $0.fieldSelector = try FieldSelector(parsing: "status.phase!=Running,spec.restartPolicy=Always") }),
            ("by name", { $0.allNamespaces = false; $0.namespace = "kube-system"; $0.names = ["kube-proxy-v2lq4", "nope"] }),
        ]
        for (name, configure) in configurations {
            let (whole, projected) = try output(configure)
            XCTAssertFalse(whole.isEmpty, name)
            XCTAssertEqual(projected, whole, name)
        }
        for key in SortKey.keys(for: Self.pod) {
            for wide in [false, true] {
                let (whole, projected) = try output {
                    $0.sortKeys = [key]
                    $0.output = .table(wide: wide)
                }
                XCTAssertEqual(projected, whole, "--sort \(key.rawValue)")
            }
        }
    }

    func testOutputsThatReadAnyFieldReadWhole() throws {
        func projection(_ configure: (inout QueryOptions) throws -> Void) throws -> JSONProjection? {
            var options = QueryOptions()
            options.resources = ["pods"]
            try configure(&options)
            return Query(options: options, tables: { _, _ in throw KitError("no tables here") }).readProjection
        }
        XCTAssertNotNil(try projection { _ in })
        XCTAssertNil(try projection { $0.output = .json })
        XCTAssertNil(try projection { $0.output = .yaml })
        XCTAssertNil(try projection { $0.output = .customColumns(try CustomColumns(spec: "N:.metadata.name")) })
        XCTAssertNil(try projection { $0.output = .separated(.tab, columns: "name,.spec.volumes") })
        XCTAssertNil(try projection { $0.sortBy = ".spec.volumes" })
        XCTAssertNil(try projection { $0.groupBy = ".spec.tolerations" })
        XCTAssertNil(try projection { $0.whereFilter = try WhereFilter(".spec.volumes") })
        XCTAssertNil(try projection { $0.resources = ["pods,deployments"] })
        XCTAssertNil(try projection { $0.resources = ["deployments"] })
        XCTAssertNil(try projection { $0.resources = ["widgets"] })
    }
}
