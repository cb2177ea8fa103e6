import Foundation
import KitCore
import XCTest

@testable import KitValidate

/// Reading inputs: directory walks, JSON positions, YAML 1.1 values, Lists, -k sources.
final class InputTests: XCTestCase {
    func testDirectoryWalkSkipsHiddenKustomizationsAndLoops() throws {
        let fm = FileManager.default
        let dir = fm.temporaryDirectory.appendingPathComponent("kit-walk-\(UUID().uuidString)")
        defer { try? fm.removeItem(at: dir) }
        for name in ["a/x.yaml", "a/b/y.yml", "a/z.JSON", "a/.git/config.yaml", "a/kustomization.yaml", "a/notes.txt"] {
            let url = dir.appendingPathComponent(name)
            try fm.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try "x: 1\n".write(to: url, atomically: true, encoding: .utf8)
        }
        try fm.createSymbolicLink(atPath: dir.appendingPathComponent("a/b/loop").path, withDestinationPath: "..")
        let files = try InputReader.files(of: dir.appendingPathComponent("a").path).map { String($0.dropFirst(dir.path.count + 1)) }
        XCTAssertEqual(files, ["a/b/y.yml", "a/x.yaml", "a/z.JSON"])
        XCTAssertThrowsError(try InputReader.files(of: dir.appendingPathComponent("missing").path))
    }

    func testJSONFindingsAreLocated() throws {
        let report = try validate(["cm.json": """
            {
              "apiVersion": "v1",
              "kind": "ConfigMap",
              "metadata": {"name": "c"},
              "data": {"n": 3}
            }
            """])
        XCTAssertEqual(summary(report), ["schema-type@5:17 data.n"])
    }

    func testYAML11Values() throws {
        let report = try validate(["cm.yaml": """
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: c}
            data:
              a: yes
              b: 0x1F
              c: 1e3
              d: 2024-01-31
              e: "2024-01-31"
            """])
        XCTAssertEqual(summary(report), ["schema-type@5:6 data.a", "schema-type@6:6 data.b", "schema-type@8:6 data.d"])
    }

    func testListItemsAreObjects() throws {
        let report = try validate(["l.yaml": """
            apiVersion: v1
            kind: List
            items:
            - apiVersion: v1
              kind: ConfigMap
              metadata: {name: a}
              data: {n: 1}
            - apiVersion: v1
              kind: ConfigMap
              metadata: {name: b}
            - 7
            """])
        XCTAssertEqual(report.objects, 2)
        XCTAssertEqual(summary(report), ["schema-type@7:13 data.n", "not-an-object@11:3 items[2]"])
    }

    func testEmptyDocumentsAreSkippedAndScalarsAreNot() throws {
        let report = try validate(["d.yaml": "---\n---\n{}\n---\n[]\n---\nnull\n---\n0\n"])
        XCTAssertEqual(summary(report), ["not-an-object@9:1 "])
    }

    func testRenderedObjectsPointAtTheirSources() throws {
        let fm = FileManager.default
        let dir = fm.temporaryDirectory.appendingPathComponent("kit-k-\(UUID().uuidString)")
        defer { try? fm.removeItem(at: dir) }
        try fm.createDirectory(at: dir.appendingPathComponent("base"), withIntermediateDirectories: true)
        try "resources: [cm.yaml]\nnamePrefix: p-\n".write(to: dir.appendingPathComponent("base/kustomization.yaml"), atomically: true, encoding: .utf8)
        try "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  n: 1\n".write(to: dir.appendingPathComponent("base/cm.yaml"), atomically: true, encoding: .utf8)
        let report = try Validator(options: ValidateOptions()).validate([.kustomization(dir.appendingPathComponent("base").path)])
        XCTAssertEqual(report.findings.count, 1)
        let f = report.findings[0]
        XCTAssertEqual(f.object, "ConfigMap/p-c")
        XCTAssertEqual(f.location?.line, 6)
        XCTAssertEqual(f.location?.column, 6)
        XCTAssertTrue(f.location?.file.hasSuffix("base/cm.yaml") ?? false)
    }
}
