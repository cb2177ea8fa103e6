import XCTest

@testable import KitCore

final class ValueTests: XCTestCase {
    func testJqTotalOrder() {
        let ordered: [Value] = [.null, false, true, -1, 0, 1.5, 2, "", "a", "b", [], [1], ["a": 1]]
        for (i, a) in ordered.enumerated() {
            for (j, b) in ordered.enumerated() {
                XCTAssertEqual(Value.compare(a, b).signum(), (i < j ? -1 : (i > j ? 1 : 0)), "\(a) vs \(b)")
            }
        }
    }
}
