import Foundation
import KitCore
import XCTest

#if canImport(FoundationXML)
import FoundationXML
#endif

@testable import KitValidate

/// The report formats: SARIF checked against a structural description of SARIF 2.1.0
/// (Fixtures/sarif-2.1.0-structure.json, written from the specification), JUnit parsed as
/// XML, GitHub's escaping, JSON's shape.
final class ReportTests: XCTestCase {
    /// A report with findings of every severity, odd characters in paths and messages.
    func sampleReport() throws -> ValidationReport {
        try validate([
            "dir with space/app.yaml": """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: web
                  annotations: {kit.dev/ignore: "no-anti-affinity"}
                spec:
                  replicas: "3"
                  selector: {matchLabels: {app: web}}
                  template:
                    metadata: {labels: {app: web}}
                    spec:
                      containers:
                      - name: web
                        image: "nginx:latest"
                        env: [{name: "A,B", value: "50%: <tag> & \\"quote\\"\\nnext"}]
                """,
            "bad.yaml": "a: [\n",
            "kustomization.yaml": "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\n",
        ], inputs: ["dir with space/app.yaml", "bad.yaml", "kustomization.yaml"])
    }

    func testSARIFHasSARIF210Structure() throws {
        let report = try sampleReport()
        XCTAssertTrue(report.findings.contains { $0.severity == .info })
        var writer = ReportWriter(format: .sarif)
        writer.toolVersion = "0.1.0"
        let text = try writer.render(report)
        let document = try JSONReader.read(text)
        let structure = try JSONReader.read(try FileIO.read(testsDirectory.appendingPathComponent("Fixtures/sarif-2.1.0-structure.json").path))
        var walker = SchemaWalker(strict: true, checkValues: false)
        walker.walk(document, JSONSchemaCompiler(dialect: .jsonSchema).compile(structure))
        XCTAssertEqual(walker.findings.map { "\($0.pathText): \($0.message)" }, [])

        // What the structure cannot say: rule indexes point at the rule of the same id, and
        // the URIs are relative references to the files.
        let run = document["runs"]?[0]
        let rules = run?["tool"]?["driver"]?["rules"]?.arrayValue ?? []
        XCTAssertEqual(rules.count, RuleCatalog.all.count)
        let results = run?["results"]?.arrayValue ?? []
        XCTAssertEqual(results.count, report.findings.count)
        for result in results {
            guard let index = result["ruleIndex"]?.intValue else { return XCTFail("no ruleIndex") }
            XCTAssertEqual(rules[index]["id"], result["ruleId"])
        }
        let uris = Set(results.compactMap { $0["locations"]?[0]?["physicalLocation"]?["artifactLocation"]?["uri"]?.stringValue })
        XCTAssertEqual(uris, ["dir%20with%20space/app.yaml", "bad.yaml", "kustomization.yaml"])
        XCTAssertEqual(Set(results.compactMap { $0["level"]?.stringValue }), ["error", "warning", "note"])
    }

    func testStructureCatchesMistakes() throws {
        // The structural check is not vacuous: a misspelt property, a bad level and a zero
        // line are each found.
        let structure = try JSONReader.read(try FileIO.read(testsDirectory.appendingPathComponent("Fixtures/sarif-2.1.0-structure.json").path))
        let bad = try JSONReader.read(#"""
            {"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "kit"}}, "results": [
              {"ruleId": "x", "level": "fatal", "mesage": {"text": "m"},
               "locations": [{"physicalLocation": {"artifactLocation": {"uri": "a b"}, "region": {"startLine": 0}}}]}]}]}
            """#)
        var walker = SchemaWalker(strict: true, checkValues: false)
        walker.walk(bad, JSONSchemaCompiler(dialect: .jsonSchema).compile(structure))
        XCTAssertEqual(Set(walker.findings.map(\.pathText)), [
            "runs[0].results[0]", "runs[0].results[0].level", "runs[0].results[0].mesage",
            "runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri",
            "runs[0].results[0].locations[0].physicalLocation.region.startLine",
        ])
    }

    func testJUnitIsWellFormedXML() throws {
        let text = try ReportWriter(format: .junit).render(try sampleReport())
        let parser = XMLParser(data: Data(text.utf8))
        XCTAssertTrue(parser.parse(), "\(parser.parserError.map { "\($0)" } ?? "")\n\(text)")
        XCTAssertTrue(text.contains("<testcase name=\"Deployment/web\" classname=\"dir with space/app.yaml\">"))
        XCTAssertTrue(text.contains("&lt;tag&gt;") || !text.contains("<tag>"))
    }

    func testGitHubAnnotationsEscape() {
        let w = ReportWriter(format: .github)
        XCTAssertEqual(w.escapeData("50%\nnext\r"), "50%25%0Anext%0D")
        XCTAssertEqual(w.escapeProperty("a,b: c"), "a%2Cb%3A c")
    }

    func testJSONShape() throws {
        let report = try sampleReport()
        let document = try JSONReader.read(try ReportWriter(format: .json).render(report))
        XCTAssertEqual(document["summary"]?["errors"]?.intValue, report.count(.error))
        let first = document["findings"]?[0]
        XCTAssertEqual(first?.objectValue?.keys, ["file", "line", "column", "severity", "rule", "family", "object", "path", "message"])
    }

    func testNoSecretValueInMessages() throws {
        let report = try validate(["s.yaml": """
            apiVersion: v1
            kind: Secret
            metadata: {name: s}
            data: {token: "c3VwZXJzZWNyZXQ!"}
            stringData: {password: 12345}
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: d}
            spec:
              selector: {matchLabels: {a: b}}
              template:
                metadata: {labels: {a: b}}
                spec:
                  containers: [{name: c, image: "x:1", env: [{name: DB_PASSWORD, value: supersecret}]}]
            """])
        XCTAssertFalse(report.findings.isEmpty)
        for f in report.findings {
            XCTAssertFalse(f.message.contains("supersecret") || f.message.contains("c3VwZXJzZWNyZXQ") || f.message.contains("12345"), f.message)
        }
    }
}
