import XCTest

@testable import KitCore

final class ObjectTests: XCTestCase {
    func testKeepsInsertionOrderAndReplacesInPlace() {
        var o: Object = ["b": 1, "a": 2]
        o["c"] = 3
        o["b"] = 10
        XCTAssertEqual(o.keys, ["b", "a", "c"])
        XCTAssertEqual(o["b"], 10)
        o["a"] = nil
        XCTAssertEqual(o.keys, ["b", "c"])
        XCTAssertNil(o["a"])
        XCTAssertEqual(o.count, 2)
    }

    func testRepeatedKeysKeepFirstPositionAndLastValue() {
        let o = Object(uniqueKeysWithValues: [("x", 1), ("y", 2), ("x", 3)])
        XCTAssertEqual(o.keys, ["x", "y"])
        XCTAssertEqual(o["x"], 3)
    }

    func testLargeObjectsStayConsistentAcrossCopies() {
        var big = Object()
        for i in 0..<1000 { big["k\(i)"] = .int(i) }
        XCTAssertNotNil(big.index, "large objects keep a hash index")
        var copy = big
        copy["k5"] = nil
        copy["new"] = true
        XCTAssertEqual(big["k5"], 5, "the original is not changed by the copy")
        XCTAssertNil(big["new"])
        XCTAssertNil(copy["k5"])
        XCTAssertEqual(copy["k999"], 999)
        XCTAssertEqual(copy.position(of: "new"), 999)
        XCTAssertEqual(copy.keys.last, "new")
        for i in 0..<1000 where i != 5 { XCTAssertEqual(copy["k\(i)"], .int(i)) }
    }

    func testShrinkingBelowTheThresholdDropsTheIndex() {
        var o = Object()
        for i in 0...Object.indexThreshold { o["k\(i)"] = .int(i) }
        XCTAssertNotNil(o.index)
        o["k0"] = nil
        XCTAssertNil(o.index)
        XCTAssertEqual(o["k3"], 3)
    }

    func testKeysAreComparedByBytes() {
        var o = Object()
        o["\u{E9}"] = 1
        o["e\u{301}"] = 2
        XCTAssertEqual(o.count, 2, "canonically equivalent keys are still different keys")
        XCTAssertEqual(o["\u{E9}"], 1)
        XCTAssertEqual(o["e\u{301}"], 2)
        for i in 0..<40 { o["pad\(i)"] = .int(i) }
        XCTAssertEqual(o["\u{E9}"], 1, "also through the hash index")
        XCTAssertEqual(o["e\u{301}"], 2)
    }

    func testSortingIsStableAndByBytes() {
        let o: Object = ["b": 1, "B": 2, "a": 3, "_": 4]
        XCTAssertEqual(o.sortedByKeyBytes().keys, ["B", "_", "a", "b"])
        XCTAssertEqual(o.mapValues { _ in .null }.keys, ["b", "B", "a", "_"])
    }
}
