import Foundation
import XCTest

/// `kit jq` cases whose inputs are too big or too odd to keep as files under Cases/.
final class JQCLITests: XCTestCase {
    /// A million nested arrays is an error with a position (jq's limit is 10,000 levels), not
    /// a crash.
    func testDeeplyNestedInputIsAnError() throws {
        let depth = 1_000_000
        let input = Data((String(repeating: "[", count: depth) + String(repeating: "]", count: depth)).utf8)
        let result = try runKit(["jq", "length"], stdin: input)
        XCTAssertEqual(result.status, 2)
        let stderr = String(decoding: result.stderr, as: UTF8.self)
        XCTAssertEqual(stderr, "jq: error (at <stdin>:1:10001): nesting is deeper than 10000 levels\n")
        XCTAssertEqual(result.stdout, Data())
    }

    /// The results of the inputs before a bad one are printed, then the error.
    func testOutputsBeforeBadInputAreKept() throws {
        let result = try runKit(["jq", "-c", ".a"], stdin: Data("{\"a\":1}\n{\"a\":[2]}\n{\"a\":\n".utf8))
        XCTAssertEqual(String(decoding: result.stdout, as: UTF8.self), "1\n[2]\n")
        XCTAssertEqual(result.status, 2)
        XCTAssertTrue(String(decoding: result.stderr, as: UTF8.self).hasPrefix("jq: error (at <stdin>:4:1): unexpected end of input"))
    }

    /// A projected read (only `.metadata.name` is built) reports runtime errors with the
    /// whole value, as an unprojected read would.
    func testRuntimeErrorQuotesTheWholeValue() throws {
        let input = Data(#"{"items":[{"metadata":{"name":"a"}},{"metadata":[{"x":1,"y":2}]}]}"#.utf8)
        let result = try runKit(["jq", ".items[] | .metadata.name"], stdin: input)
        XCTAssertEqual(String(decoding: result.stdout, as: UTF8.self), "\"a\"\n")
        XCTAssertEqual(String(decoding: result.stderr, as: UTF8.self), "jq: error (at <stdin>:0): Cannot index array with string (\"name\")\n")
        XCTAssertEqual(result.status, 5)
        let keys = try runKit(["jq", ".items[] | .metadata | keys"], stdin: Data(#"{"items":[{"metadata":1}]}"#.utf8))
        XCTAssertEqual(String(decoding: keys.stderr, as: UTF8.self), "jq: error (at <stdin>:0): number (1) has no keys\n")
    }
}
