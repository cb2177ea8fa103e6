import Foundation
import XCTest

/// `kit convert --to yaml --sort-keys FILE` prints what `kubectl kustomize` prints for a
/// kustomization holding only FILE, for every manifest of the YAML golden corpus
/// (Tests/KitCoreTests/Fixtures/kustomize-corpus), and fails (exit 2) on every input of
/// kustomize-corpus-errors, which kustomize refuses.
final class CorpusConvertTests: XCTestCase {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("KitCoreTests/Fixtures")

    func manifests(_ directory: String) throws -> [URL] {
        let dir = Self.fixtures.appendingPathComponent(directory)
        return try FileManager.default.contentsOfDirectory(atPath: dir.path)
            .filter { $0.hasSuffix(".yaml") && !$0.hasSuffix(".golden.yaml") }.sorted()
            .map { dir.appendingPathComponent($0) }
    }

    func testSortedConvertIsByteIdenticalToKubectlKustomize() throws {
        let files = try manifests("kustomize-corpus")
        XCTAssertGreaterThanOrEqual(files.count, 100)
        var differing: [String] = []
        for file in files {
            let result = try runKit(["convert", "--to", "yaml", "--sort-keys", file.path])
            let golden = try Data(contentsOf: file.deletingPathExtension().appendingPathExtension("golden.yaml"))
            if result.status != 0 || result.stdout != golden { differing.append(file.lastPathComponent) }
        }
        XCTAssertEqual(differing, [], "convert --sort-keys differs from kubectl kustomize")
    }

    func testInputsKustomizeRefusesAreRefused() throws {
        let files = try manifests("kustomize-corpus-errors")
        XCTAssertGreaterThanOrEqual(files.count, 10)
        for file in files {
            let result = try runKit(["convert", "--to", "yaml", "--sort-keys", file.path])
            XCTAssertEqual(result.status, 2, "\(file.lastPathComponent): kustomize refuses it")
            XCTAssertTrue(String(decoding: result.stderr, as: UTF8.self).hasPrefix("kit: error: "), file.lastPathComponent)
            XCTAssertEqual(result.stdout, Data(), "\(file.lastPathComponent): nothing printed")
        }
    }
}
