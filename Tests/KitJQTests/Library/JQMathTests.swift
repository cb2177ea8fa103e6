import KitCore
import XCTest

@testable import KitJQ

/// The math builtins' list, shapes and edge cases; the golden file holds jq 1.8's answers for
/// every function on ~25 operands each.
final class JQMathTests: XCTestCase {
    func testListIsLibmH() {
        XCTAssertEqual(JQMath.functions.count, 61)
        let arities = Dictionary(uniqueKeysWithValues: JQMath.functions.map { ($0.name, $0.arity) })
        XCTAssertEqual(arities["floor"], 0)
        XCTAssertEqual(arities["pow"], 2)
        XCTAssertEqual(arities["ldexp"], 2)
        XCTAssertEqual(arities["fma"], 3)
        XCTAssertEqual(arities["frexp"], 0)
        XCTAssertNil(arities["abs"], "abs is defined in jq, not libm")
        XCTAssertNil(arities["pow10"], "gone in jq 1.8")
    }

    func testResultShapes() {
        XCTAssertEqual(JQMath.call("frexp", [12]), [0.75, 4])
        XCTAssertEqual(JQMath.call("modf", [3.25]), [0.25, 3])
        XCTAssertEqual(JQMath.call("modf", [-3.25]), [-0.25, -3])
        XCTAssertEqual(JQMath.call("lgamma_r", [-0.5]).map(JQText.dump), "[1.2655121234846454,-1]")
        XCTAssertEqual(JQMath.call("frexp", [0]), [0, 0])
    }

    func testCommonFunctions() {
        XCTAssertEqual(JQMath.call("pow", [2, 10]), 1024)
        XCTAssertEqual(JQMath.call("sqrt", [2]).map(JQText.dump), "1.4142135623730951")
        XCTAssertEqual(JQMath.call("round", [2.5]), 3)
        XCTAssertEqual(JQMath.call("round", [-2.5]), -3)
        XCTAssertEqual(JQMath.call("rint", [2.5]), 2)
        XCTAssertEqual(JQMath.call("nearbyint", [3.5]), 4)
        XCTAssertEqual(JQMath.call("trunc", [-3.7]), -3)
        XCTAssertEqual(JQMath.call("significand", [12]), 1.5)
        XCTAssertEqual(JQMath.call("logb", [12]), 3)
        XCTAssertEqual(JQMath.call("exp10", [2]), 100)
        XCTAssertEqual(JQMath.call("drem", [5, 3]), -1)
        XCTAssertEqual(JQMath.call("ldexp", [3, 2]), 12)
        XCTAssertEqual(JQMath.call("scalb", [3, 2]), 12)
        XCTAssertEqual(JQMath.call("scalbln", [3, 2]), 12)
        XCTAssertEqual(JQMath.call("fma", [2, 3, 4]), 10)
        XCTAssertEqual(JQMath.call("nexttoward", [1, 2]).map(JQText.dump), "1.0000000000000002")
        // glibc's gamma is the logarithm of the gamma function.
        XCTAssertEqual(JQMath.call("gamma", [5]).map(JQText.dump), JQMath.call("lgamma", [5]).map(JQText.dump))
    }

    func testNaNAndInfinities() {
        // NaN prints as null and infinities as ±DBL_MAX, as jq prints them.
        XCTAssertEqual(JQMath.call("sqrt", [-1]).map(JQText.dump), "null")
        XCTAssertEqual(JQMath.call("log", [0]).map(JQText.dump), "-1.7976931348623157e+308")
        XCTAssertEqual(JQMath.call("exp", [1000]).map(JQText.dump), "1.7976931348623157e+308")
        XCTAssertEqual(JQMath.call("fmax", [.nan, 1]), 1)
        XCTAssertEqual(JQMath.call("floor", [.infinity]).map(JQText.dump), "1.7976931348623157e+308")
        // C converts NaN and out-of-range doubles to INT_MIN for ldexp's exponent.
        XCTAssertEqual(JQMath.call("ldexp", [1, 1e10]), 0)
        XCTAssertEqual(JQMath.call("ldexp", [1, .nan]), 0)
    }

    func testCallRefusesUnknownNamesAndWrongArity() {
        XCTAssertNil(JQMath.call("nope", [1]))
        XCTAssertNil(JQMath.call("pow", [1]))
        XCTAssertNil(JQMath.call("floor", [1, 2]))
    }

    func testApplyChecksTypesAsJQ() throws {
        XCTAssertEqual(try JQMath.apply("floor", input: 3.7, arguments: []), 3)
        XCTAssertEqual(try JQMath.apply("pow", input: "ignored", arguments: [2, 3]), 8)
        XCTAssertNil(try JQMath.apply("nope", input: 1, arguments: []))
        XCTAssertNil(try JQMath.apply("pow", input: 1, arguments: [2]))
        XCTAssertNil(try JQMath.apply("floor", input: 1, arguments: [2]))
        for (name, input, args, message) in [
            ("floor", Value.string("a"), [Value](), #"string ("a") number required"#),
            ("pow", nil, [1, "b"], #"string ("b") number required"#),
            ("pow", nil, [[1], ["a": 2]], "array ([1]) number required"),
            ("fma", nil, [1, 1, nil], "null (null) number required"),
        ] {
            XCTAssertThrowsError(try JQMath.apply(name, input: input, arguments: args)) { error in
                XCTAssertEqual((error as? JQLibraryError)?.message, message)
            }
        }
    }
}

/// jq's dumps and UTF-8 repair.
final class JQTextTests: XCTestCase {
    func testTruncatedDump() {
        XCTAssertEqual(JQText.truncatedDump("short"), #""short""#)
        XCTAssertEqual(JQText.truncatedDump(.string(String(repeating: "x", count: 40))), #""xxxxxxxxxxxxxxxxxxxxxxxx...""#)
        XCTAssertEqual(JQText.truncatedDump(["key": "a long value to be truncated in the message"]), #"{"key":"a long value to b...}"#)
        XCTAssertEqual(JQText.truncatedDump(.array((0..<20).map { .int($0) })), "[0,1,2,3,4,5,6,7,8,9,10,1...]")
        // The cut never splits a character.
        XCTAssertEqual(JQText.truncatedDump(.string(String(repeating: "é", count: 40))), #""éééééééééééé...""#)
        XCTAssertEqual(JQText.truncatedDump(try! JSONReader.read("1e1000")), "1E+1000")
    }

    func testRepairSplitsAsJQ() {
        XCTAssertEqual(JQText.string(fromUTF8: [0x61, 0xF4, 0x90, 0x80, 0x80, 0x62]), "a\u{FFFD}b")
        XCTAssertEqual(JQText.string(fromUTF8: [0xF0, 0x80, 0x80, 0x80]), "\u{FFFD}")
        XCTAssertEqual(JQText.string(fromUTF8: [0xC0, 0x80]), "\u{FFFD}\u{FFFD}")
        XCTAssertEqual(JQText.string(fromUTF8: [0xED, 0xA0, 0x80]), "\u{FFFD}")
        XCTAssertEqual(JQText.string(fromUTF8: [0xE2, 0x82]), "\u{FFFD}")
        // A sequence cut by the end of the bytes swallows what is left, as one character.
        XCTAssertEqual(JQText.string(fromUTF8: [0xE2, 0x41]), "\u{FFFD}")
        XCTAssertEqual(JQText.string(fromUTF8: [0xE2, 0x41, 0x42]), "\u{FFFD}AB")
        XCTAssertEqual(JQText.string(fromUTF8: [0x80, 0x41]), "\u{FFFD}A")
        XCTAssertEqual(JQText.string(fromUTF8: Array("ok é 😀".utf8)), "ok é 😀")
        XCTAssertTrue(JQText.isValidUTF8(Array("é".utf8)))
        XCTAssertFalse(JQText.isValidUTF8([0xC0, 0x80]))
    }
}
