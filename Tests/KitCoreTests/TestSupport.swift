import Foundation
import XCTest

@testable import KitCore

/// The directory of this test target's fixtures (read straight from the source tree).
let fixturesDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

func fixtureBytes(_ relativePath: String) throws -> [UInt8] {
    Array(try Data(contentsOf: fixturesDirectory.appendingPathComponent(relativePath)))
}

/// Names of the files in a fixture directory, sorted.
func fixtureFiles(_ directory: String) throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: fixturesDirectory.appendingPathComponent(directory).path).sorted()
}

/// Parses one YAML document (test helper).
func yaml(_ text: String, file: String = "test.yaml") throws -> Value {
    let docs = try YAMLReader.read(text, file: file)
    guard docs.count == 1 else { throw KitError("expected one document, got \(docs.count)") }
    return docs[0].value
}

/// Writes a value as YAML in kustomize's sorted style (test helper).
func sortedYAML(_ value: Value) throws -> String {
    try YAMLWriter(keyOrder: .sorted).string(value)
}

/// Asserts that `body` throws a KitError whose text contains `fragment` (and the location, if given).
func assertKitError(
    _ fragment: String, line: Int? = nil, column: Int? = nil,
    file: StaticString = #filePath, sourceLine: UInt = #line, _ body: () throws -> Void
) {
    do {
        try body()
        XCTFail("expected an error containing \"\(fragment)\"", file: file, line: sourceLine)
    } catch let error as KitError {
        XCTAssertTrue(error.message.contains(fragment), "message: \(error.message)", file: file, line: sourceLine)
        if let line { XCTAssertEqual(error.location?.line, line, "line of \(error)", file: file, line: sourceLine) }
        if let column { XCTAssertEqual(error.location?.column, column, "column of \(error)", file: file, line: sourceLine) }
    } catch {
        XCTFail("unexpected error \(error)", file: file, line: sourceLine)
    }
}
