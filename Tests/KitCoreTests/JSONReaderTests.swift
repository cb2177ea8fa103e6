import XCTest

@testable import KitCore

final class JSONReaderTests: XCTestCase {
    func read(_ text: String, options: JSONReader.Options = .init()) throws -> Value {
        try JSONReader.read(text, file: "in.json", options: options)
    }

    func testReadsEveryKind() throws {
        let v = try read(#" {"a": [1, -2, 3.5, true, false, null, "s", {}, []], "b": {"c": "d"}} "#)
        XCTAssertEqual(v, ["a": [1, -2, 3.5, true, false, nil, "s", [:], []], "b": ["c": "d"]])
        XCTAssertEqual(v.objectValue?.keys, ["a", "b"])
    }

    func testKeepsKeyOrderAndLastValueOfRepeatedKeys() throws {
        let v = try read(#"{"z": 1, "a": 2, "z": 3}"#)
        XCTAssertEqual(v.objectValue?.keys, ["z", "a"])
        XCTAssertEqual(v["z"], 3)
    }

    func testEscapes() throws {
        XCTAssertEqual(try read(#""\"\\\/\b\f\n\r\t\u0041\u00e9\u4e2d""#), .string("\"\\/\u{8}\u{c}\n\r\tA\u{e9}\u{4e2d}"))
        XCTAssertEqual(try read(#""\ud83d\ude00""#), .string("😀"), "surrogate pair")
        XCTAssertEqual(try read(#""\ud83d x""#), .string("\u{FFFD} x"), "lone high surrogate")
        XCTAssertEqual(try read(#""\ude00""#), .string("\u{FFFD}"), "lone low surrogate")
        XCTAssertEqual(try read(#""héllo ✓""#), .string("héllo ✓"))
    }

    func testNumberForms() throws {
        XCTAssertEqual(try read("42"), .int(42))
        XCTAssertEqual(try read("-9223372036854775808"), .int(Int.min))
        guard case .decimal(let big) = try read("100000000000000000001") else { return XCTFail("big integers keep their digits") }
        XCTAssertEqual(big.text, "100000000000000000001")
        guard case .double(let d) = try read("1.5") else { return XCTFail("1.5 is a double") }
        XCTAssertEqual(d, 1.5)
        guard case .decimal(let one) = try read("1.000") else { return XCTFail("1.000 keeps its literal, as jq prints it") }
        XCTAssertEqual(one.text, "1.000")
        guard case .decimal(let huge) = try read("1E1000") else { return XCTFail("1E1000 is beyond doubles") }
        XCTAssertEqual(huge.text, "1E1000")
        guard case .decimal(let negZero) = try read("-0") else { return XCTFail("-0 keeps its sign") }
        XCTAssertEqual(negZero.text, "-0")
        guard case .double(let small) = try read("0.001") else { return XCTFail("0.001 is a double") }
        XCTAssertEqual(small, 0.001)
    }

    func testSequenceOfValuesAndByteOrderMark() throws {
        var values: [Value] = []
        try JSONReader.forEachValue(Array("\u{FEFF}1 [2]\n{\"a\":3}".utf8)) { values.append($0) }
        XCTAssertEqual(values, [1, [2], ["a": 3]])
        assertKitError("unexpected data after the JSON value") { _ = try read("1 2") }
    }

    func testNonFiniteNumbersOnlyWhenAllowed() throws {
        let jq = JSONReader.Options(allowNonFinite: true)
        XCTAssertEqual(try read("[NaN, -Infinity, Infinity]", options: jq)[1], .double(-.infinity))
        XCTAssertTrue(try read("nan", options: jq).doubleValue!.isNaN)
        assertKitError("expected a value but found 'N'") { _ = try read("NaN") }
    }

    func testErrorsCarryLineAndColumn() {
        assertKitError("expected ',' or ']'", line: 2, column: 5) { _ = try read("[1,\n  2 3]") }
        assertKitError("expected a string key", line: 1, column: 9) { _ = try read(#"{"a": 1,}"#) }
        assertKitError("leading zeros", line: 1, column: 2) { _ = try read("[01]") }
        assertKitError("unterminated string", line: 1, column: 1) { _ = try read(#""abc"#) }
        assertKitError("control character", line: 1, column: 3) { _ = try read("\"a\tb\"") }
        assertKitError("invalid escape", line: 1, column: 3) { _ = try read(#""a\qb""#) }
        assertKitError("invalid literal", line: 1, column: 1) { _ = try read("tru") }
        assertKitError("unexpected end of input") { _ = try read("{\"a\": [1, 2") }
        assertKitError("no JSON value", line: 1, column: 1) { _ = try read("  \n ") }
        assertKitError("expected ':'", line: 1, column: 6) { _ = try read(#"{"a" 1}"#) }
        assertKitError("expected a digit after '.'") { _ = try read("1.") }
    }

    func testColumnsCountCharactersNotBytes() {
        assertKitError("expected ',' or ']'", line: 1, column: 6) { _ = try read(#"["é" x]"#) }
    }

    func testInvalidUTF8IsRejectedOrRepaired() throws {
        let bytes: [UInt8] = Array(#"["ok", "a"#.utf8) + [0xFF] + Array(#"b"]"#.utf8)
        XCTAssertThrowsError(try JSONReader.read(bytes, file: "bad.json")) { error in
            let e = error as! KitError
            XCTAssertTrue(e.message.contains("invalid UTF-8"), e.message)
            XCTAssertEqual(e.location?.line, 1)
            XCTAssertEqual(e.location?.column, 10)
        }
        let repaired = try JSONReader.read(bytes, options: .init(repairUTF8: true))
        XCTAssertEqual(repaired[1], .string("a\u{FFFD}b"))
    }

    func testDeepNestingIsAnErrorNotACrash() {
        let depth = 100_000
        let text = String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
        assertKitError("nesting is deeper than 10000 levels", line: 1, column: 10_001) { _ = try read(text) }
        let ok = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
        XCTAssertNoThrow(try read(ok))
    }

    func testLargeObjectsBuildInLinearTime() throws {
        var text = "{"
        for i in 0..<50_000 { text += "\"k\(i)\": \(i)," }
        text += "\"last\": 0}"
        let v = try read(text)
        XCTAssertEqual(v.objectValue?.count, 50_001)
        XCTAssertEqual(v["k49999"], 49_999)
    }

    func testRepeatedStringsAreShared() throws {
        let v = try read(#"["a-string-longer-than-fifteen-bytes", "a-string-longer-than-fifteen-bytes"]"#)
        guard case .string(var a) = v[0]!, case .string(var b) = v[1]! else { return XCTFail() }
        let pa = a.withUTF8 { $0.baseAddress }
        let pb = b.withUTF8 { $0.baseAddress }
        XCTAssertEqual(pa, pb, "identical long strings share one buffer")
    }

    /// The string scanner skips 8 bytes at a time: a special byte at any offset of a word, and
    /// strings of every length around the word size, must still be seen.
    func testSpecialBytesAtEveryOffsetOfAWord() throws {
        for length in 0..<24 {
            let plain = String((0..<length).map { Character(Unicode.Scalar(UInt8(97 + $0 % 26))) })
            XCTAssertEqual(try read("\"\(plain)\""), .string(plain))
            for at in 0..<length {
                var chars = Array(plain)
                chars[at] = "é"
                XCTAssertEqual(try read("\"\(String(chars))\""), .string(String(chars)), "non-ASCII at \(at)")
                chars[at] = "\n"
                let escaped = String(chars).replacingOccurrences(of: "\n", with: "\\n")
                XCTAssertEqual(try read("\"\(escaped)\""), .string(String(chars)), "escape at \(at)")
                XCTAssertThrowsError(try read("\"\(String(chars))\""), "raw control byte at \(at)")
            }
        }
    }

    /// Short strings go through a cache keyed by their bytes: every distinct one must come back
    /// as itself, including those that share a prefix, a suffix or a cache slot.
    func testManyDistinctShortStringsReadBackExactly() throws {
        var expected: [Value] = []
        var text = "["
        for i in 0..<20_000 {
            let s = String(String(i * 7919, radix: 36).prefix(1 + i % 15)) + String(repeating: "x", count: i % 5)
            let t = String(s.prefix(15))
            expected.append(.string(t))
            text += (i == 0 ? "" : ",") + "\"\(t)\""
        }
        text += "]"
        XCTAssertEqual(try read(text), .array(expected))
        XCTAssertEqual(try read(#"["abcd", "abcdabcd", "abcdxbcd", "ab", "ba", "", "abcdefgh1", "bcdefgh1"]"#),
                       ["abcd", "abcdabcd", "abcdxbcd", "ab", "ba", "", "abcdefgh1", "bcdefgh1"])
    }
}
