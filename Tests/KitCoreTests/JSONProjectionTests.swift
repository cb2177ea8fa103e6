import KitCore
import XCTest

/// Reading through a `JSONProjection` (the streaming List reader and `forEachElement`) keeps
/// what `JSONProjection.apply` keeps of the value read whole.
final class JSONProjectionTests: XCTestCase {
    static let projection = JSONProjection(
        fields: [
            "drop": .omitted,
            "spec": JSONProjection(fields: ["keep": .whole, "gone": .omitted], others: nil, elements: nil),
            "list": JSONProjection(fields: [:], others: .whole, elements: JSONProjection(fields: ["a": .whole], others: nil, elements: nil)),
        ], others: .whole, elements: nil)

    static let items = """
        [{"kind": "X", "drop": {"big": [1, 2, 3]}, "spec": {"keep": {"k": [true]}, "gone": "x", "other": 1},
          "list": [{"a": 1, "b": 2}, 3, {"b": "\\u00e9"}], "rest": [null, {"deep": "y"}]},
         {"list": {"a": 1, "b": 2}, "spec": [1, {"keep": 2}], "drop": 0},
         7, "s", {"spec": {}, "list": []}]
        """

    func testTheStreamingReaderKeepsWhatApplyKeeps() throws {
        let text = Array(#"{"kind": "List", "items": "#.utf8) + Array(Self.items.utf8) + Array("}".utf8)
        var whole: [Value] = []
        try JSONReader.forEachValue(text, streamingMember: "items", element: { whole.append($0) }) { _ in }
        var projected: [Value] = []
        try JSONReader.forEachValue(text, streamingMember: "items", elementProjection: Self.projection, element: { projected.append($0) }) { _ in }
        XCTAssertEqual(whole.count, 5)
        XCTAssertEqual(projected, whole.map(Self.projection.apply))
        XCTAssertNil(projected[0]["drop"])
        XCTAssertEqual(projected[0]["spec"], ["keep": ["k": [true]]])
        XCTAssertEqual(projected[0]["list"], [["a": 1], 3, [:]])
        XCTAssertEqual(projected[1]["list"], ["a": 1, "b": 2])
    }

    func testTheSplitReaderKeepsWhatApplyKeeps() throws {
        let text = Array(#"{"kind": "List", "items": "#.utf8) + Array(Self.items.utf8) + Array("}".utf8)
        try text.withUnsafeBufferPointer { buffer in
            let split = try XCTUnwrap(try JSONReader.splitArray(buffer, member: "items", parts: 2, file: "-"))
            var whole: [Value] = []
            var projected: [Value] = []
            for range in split.ranges {
                try JSONReader.forEachElement(in: buffer, range: range, file: "-") { whole.append($0) }
                try JSONReader.forEachElement(in: buffer, range: range, file: "-", projection: Self.projection) { projected.append($0) }
            }
            XCTAssertEqual(whole.count, 5)
            XCTAssertEqual(projected, whole.map(Self.projection.apply))
        }
    }

    func testSkippedPartsAreStillChecked() {
        let text = Array(#"{"kind": "List", "items": [{"drop": [1, }]}"#.utf8)
        XCTAssertThrowsError(
            try JSONReader.forEachValue(text, streamingMember: "items", elementProjection: Self.projection, element: { _ in }) { _ in })
    }
}
