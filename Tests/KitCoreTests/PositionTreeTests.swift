import XCTest

@testable import KitCore

final class PositionTreeTests: XCTestCase {
    func read(_ text: String) throws -> YAMLDocument {
        var options = YAMLReader.Options()
        options.positions = true
        return try XCTUnwrap(try YAMLReader.read(Array(text.utf8), file: "k.yaml", options: options).first)
    }

    func testKeyLocationFindsTheKeyThroughArrayElements() throws {
        let document = try read("""
            resources:
            - a.yaml
            images:
            - name: nginx
              newTag: "1"
            - name: redis
              newTagz: "2"
            resourcse:
            - b.yaml
            """)
        let positions = try XCTUnwrap(document.positions)
        XCTAssertEqual(positions.keyLocation(matching: ["resourcse"], in: document.value)?.description, "k.yaml:8:1")
        XCTAssertEqual(positions.keyLocation(matching: ["images", "newTagz"], in: document.value)?.description, "k.yaml:7:3")
        XCTAssertEqual(positions.keyLocation(matching: ["images", "name"], in: document.value)?.description, "k.yaml:4:3")
        XCTAssertNil(positions.keyLocation(matching: ["images", "missing"], in: document.value))
        XCTAssertNil(positions.keyLocation(matching: ["resources", "x"], in: document.value))
        XCTAssertNil(positions.keyLocation(matching: [], in: document.value))
    }
}
