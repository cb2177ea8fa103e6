import XCTest

@testable import KitCore

final class ValueTests: XCTestCase {
    func testJqTotalOrder() {
        let ordered: [Value] = [.null, false, true, -1, 0, 1.5, 2, "", "a", "b", [], [1], [1, 2], [2], [:], ["a": 1], ["a": 2], ["b": 0]]
        for (i, a) in ordered.enumerated() {
            for (j, b) in ordered.enumerated() {
                XCTAssertEqual(Value.compare(a, b).signum(), (i < j ? -1 : (i > j ? 1 : 0)), "\(a) vs \(b)")
            }
        }
    }

    func testObjectsCompareByKeySetFirstThenValues() {
        // {"b":0} has keys ["b"] > ["a","c"]; keys decide before values.
        XCTAssertTrue(Value.object(["a": 9, "c": 9]) < Value.object(["b": 0]))
        XCTAssertTrue(Value.object(["a": 1, "b": 2]) < Value.object(["b": 2, "a": 3]))
    }

    func testNumbersCompareByValueWhateverTheirForm() {
        XCTAssertEqual(Value.int(1), Value.double(1.0))
        XCTAssertEqual(Value.decimal(DecimalNumber("1.000")!), Value.int(1))
        XCTAssertEqual(Value.decimal(DecimalNumber("100e-2")!), Value.decimal(DecimalNumber("1")!))
        XCTAssertNotEqual(Value.decimal(DecimalNumber("100000000000000000001")!), Value.decimal(DecimalNumber("100000000000000000000")!))
        XCTAssertTrue(Value.decimal(DecimalNumber("-1e400")!) < Value.int(Int.min))
        XCTAssertTrue(Value.int(Int.max) < Value.decimal(DecimalNumber("9223372036854775808")!))
        XCTAssertEqual(Value.double(-0.0), Value.int(0))
    }

    func testNaNIsBelowEveryNumberAndUnequalToItself() {
        XCTAssertNotEqual(Value.double(.nan), Value.double(.nan))
        XCTAssertTrue(Value.double(.nan) < Value.int(-1_000_000))
        XCTAssertFalse(Value.int(-1_000_000) < Value.double(.nan))
        XCTAssertTrue(Value.null < Value.double(.nan))
    }

    func testStringsCompareByUTF8BytesNotCanonicalEquivalence() {
        let composed = "\u{E9}"  // é
        let decomposed = "e\u{301}"  // e + combining acute
        XCTAssertTrue(composed == decomposed, "Swift's String == is canonical equivalence")
        XCTAssertNotEqual(Value.string(composed), Value.string(decomposed))
        XCTAssertTrue(Value.string(decomposed) < Value.string(composed))  // 0x65 < 0xC3
        XCTAssertTrue(Value.string("Z") < Value.string("a"))
    }

    func testObjectEqualityIgnoresKeyOrder() {
        let a: Value = ["x": 1, "y": [true, nil]]
        let b: Value = ["y": [true, nil], "x": 1.0]
        XCTAssertEqual(a, b)
        XCTAssertEqual(a.hashValue, b.hashValue)
        XCTAssertNotEqual(a, ["x": 1, "y": [true]])
    }

    func testHashingAgreesWithEquality() {
        let pairs: [(Value, Value)] = [
            (.int(3), .double(3)), (.decimal(DecimalNumber("3.0")!), .int(3)), (.double(-0.0), .double(0)),
            (["a": 1, "b": 2], ["b": 2, "a": 1]),
        ]
        for (a, b) in pairs {
            XCTAssertEqual(a, b)
            XCTAssertEqual(a.hashValue, b.hashValue, "\(a) / \(b)")
        }
        XCTAssertEqual(Set<Value>([1, 1.0, "1", [1], ["1": 1]]).count, 4)
    }

    func testAccessors() {
        let v: Value = ["metadata": ["name": "web", "labels": ["app": "web"]], "items": [1, "two"]]
        XCTAssertEqual(v.value(at: ["metadata", "labels", "app"]), "web")
        XCTAssertNil(v.value(at: ["metadata", "missing"]))
        XCTAssertEqual(v["items"]?[1], "two")
        XCTAssertNil(v["items"]?[2])
        XCTAssertEqual(v.typeName, "object")
        XCTAssertEqual(Value.double(2.0).intValue, 2)
        XCTAssertNil(Value.double(2.5).intValue)
        XCTAssertEqual(Value.decimal(DecimalNumber("1E+2")!).doubleValue, 100)
    }

    func testDecimalLiteralValidation() {
        XCTAssertNotNil(DecimalNumber("-12.5e-3"))
        XCTAssertNil(DecimalNumber("1.2.3"))
        XCTAssertNil(DecimalNumber("e5"))
        XCTAssertNil(DecimalNumber("1e"))
        XCTAssertNil(DecimalNumber(""))
        XCTAssertEqual(DecimalNumber("18446744073709551615")!.uint64Value, UInt64.max)
        XCTAssertNil(DecimalNumber("18446744073709551616")!.uint64Value)
    }
}
