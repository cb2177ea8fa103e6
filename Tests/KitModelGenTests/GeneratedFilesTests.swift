import Foundation
import KitCore
import XCTest

@testable import KitModelGen

/// CI proof that the committed generated files are exactly what the generator produces from
/// the Kubernetes v1.37.0 definitions: regenerate everything in memory and compare bytes.
final class GeneratedFilesTests: XCTestCase {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let definitionsPath = packageRoot.appendingPathComponent("../shared/reference/kubernetes/v1.37.0/_definitions.json").standardized.path

    static let validationDefinitionsPath = packageRoot.appendingPathComponent("../shared/reference/kubernetes/v1.32.0/_definitions.json").standardized.path

    static let generator = ModelGenerator(
        kubernetesVersion: "v1.37.0", sourceName: "../shared/reference/kubernetes/v1.37.0/_definitions.json",
        validationVersions: [.init(kubernetesVersion: "v1.32.0", sourceName: "../shared/reference/kubernetes/v1.32.0/_definitions.json")])

    func generate() throws -> [GeneratedFile] {
        let json = try FileIO.read(Self.definitionsPath)
        return try Self.generator.generate(definitionsJSON: json, validationJSON: [try FileIO.read(Self.validationDefinitionsPath)])
    }

    func testCommittedFilesMatchTheGenerator() throws {
        guard FileIO.exists(Self.definitionsPath), FileIO.exists(Self.validationDefinitionsPath) else {
            throw XCTSkip("the API definitions are not at \(Self.definitionsPath)")
        }
        let files = try generate()
        XCTAssertGreaterThan(files.count, 20)
        for file in files {
            let path = Self.packageRoot.appendingPathComponent(file.path).path
            let committed = FileIO.exists(path) ? try FileIO.read(path) : []
            // Compare bytes; report only the first differing line so a failure stays readable.
            if committed != Array(file.contents.utf8) {
                let a = String(decoding: committed, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
                let b = file.contents.split(separator: "\n", omittingEmptySubsequences: false)
                let line = (0..<min(a.count, b.count)).first { a[$0] != b[$0] } ?? min(a.count, b.count)
                XCTFail("\(file.path) differs from the generator's output at line \(line + 1); run `swift run kit-modelgen`")
            }
        }
        // No stale files beside them.
        let wanted = Set(files.map(\.path))
        for directory in Self.generator.generatedDirectories {
            let full = Self.packageRoot.appendingPathComponent(directory).path
            for name in (try? FileIO.list(full)) ?? [] {
                XCTAssertTrue(wanted.contains("\(directory)/\(name)"), "\(directory)/\(name) is not generated any more; delete it")
            }
        }
    }

    func testEveryKindHasAResourceRowOrIsKnownNotServed() throws {
        guard FileIO.exists(Self.definitionsPath), FileIO.exists(Self.validationDefinitionsPath) else { throw XCTSkip("no API definitions") }
        let definitions = try SourceDefinitions(json: try FileIO.read(Self.definitionsPath), file: "defs")
        let rows = try BundleWriter(definitions: definitions, kubernetesVersion: "v1.37.0", header: "").resources()
        XCTAssertEqual(rows.first?.row.kind, "Binding", "the core group comes first")
        let hpa = rows.filter { $0.row.kind == "HorizontalPodAutoscaler" }.map(\.version)
        XCTAssertEqual(hpa, ["v2", "v1"], "preferred version first")
    }

    func testVersionOrder() {
        let versions = ["v1alpha1", "v1", "v1beta1", "v2", "v1beta2", "v2beta1", "v1alpha3", "foo"]
        XCTAssertEqual(versions.sorted(by: kubeVersionPrecedes), ["v2", "v1", "v2beta1", "v1beta2", "v1beta1", "v1alpha3", "v1alpha1", "foo"])
    }

    func testIdentifiersAndDocComments() {
        XCTAssertEqual(swiftIdentifier("$ref"), "ref")
        XCTAssertEqual(swiftIdentifier("x-kubernetes-list-type"), "xKubernetesListType")
        XCTAssertEqual(swiftIdentifier("default"), "`default`")
        XCTAssertEqual(swiftIdentifier("protocol"), "`protocol`")
        XCTAssertEqual(lowerFirstWord("ClusterIP"), "clusterIP")
        XCTAssertEqual(lowerFirstWord("TCP"), "tcp")
        XCTAssertEqual(lowerFirstWord("OnFailure"), "onFailure")
        XCTAssertEqual(rawStringDelimiter(for: "a \"# b"), "##")
        XCTAssertEqual(rawStringDelimiter(for: "a \\#( b"), "##")
        XCTAssertEqual(rawStringDelimiter(for: "plain"), "#")
        let doc = docComment("short\n\n\tcode line that is kept as it is even when it is far too long to fit into one line of a doc comment", indent: "")
        XCTAssertEqual(doc, "/// short\n///\n/// \tcode line that is kept as it is even when it is far too long to fit into one line of a doc comment\n")
    }

    /// The 1.37 definitions carry no enums beyond apiVersion/kind; a schema that has them gets
    /// open enumeration types.
    func testStringEnumsBecomeOpenEnumerations() throws {
        let json = """
            {"$defs": {"io.k8s.api.core.v1.Thing": {"type": "object", "properties": {
              "restartPolicy": {"type": "string", "enum": ["Always", "OnFailure", "Never", ""]},
              "kind": {"type": "string", "enum": ["Thing"]}}}}}
            """
        let definitions = try SourceDefinitions(json: Array(json.utf8), file: "test")
        let source = try ModelWriter(definitions: definitions, header: "").modelSource("io.k8s.api.core.v1.Thing")
        XCTAssertTrue(source.contains("public var restartPolicy: RestartPolicy? {"), source)
        XCTAssertTrue(source.contains("public static let onFailure = RestartPolicy(rawValue: \"OnFailure\")"), source)
        XCTAssertTrue(source.contains("public static let empty = RestartPolicy(rawValue: \"\")"), source)
        XCTAssertTrue(source.contains("Allowed values: `Thing`."), source)
    }

    func testUnknownSchemaKeysAreErrors() {
        let json = #"{"$defs": {"a.B": {"type": "object", "x-new-extension": true}}}"#
        XCTAssertThrowsError(try SourceDefinitions(json: Array(json.utf8), file: "test"))
        let dangling = ##"{"$defs": {"a.B": {"$ref": "#/$defs/a.C"}}}"##
        XCTAssertThrowsError(try SourceDefinitions(json: Array(dangling.utf8), file: "test"))
    }
}
