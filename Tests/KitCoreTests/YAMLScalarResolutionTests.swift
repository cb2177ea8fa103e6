import Foundation
import XCTest

@testable import KitCore

/// How kit reads scalars, against what `kubectl kustomize` (go-yaml v3 on input, JSON and
/// go-yaml v2 on output) makes of them. The golden tables under Fixtures/scalars were printed
/// by kustomize (scripts/difftest-yaml.py --write-fixtures); the focused tests pin each rule.
final class YAMLScalarResolutionTests: XCTestCase {
    // MARK: - Golden tables

    /// Each row: a scalar written plain as `spec.v`, and what kustomize printed for it (or that
    /// it refused the document).
    func testPlainScalarsMatchKustomize() throws {
        let rows = try scalarRows("scalars/plain.json")
        XCTAssertGreaterThanOrEqual(rows.count, 150)
        for row in rows { check(row) }
    }

    func testTaggedScalarsMatchKustomize() throws {
        let rows = try scalarRows("scalars/tagged.json")
        XCTAssertGreaterThanOrEqual(rows.count, 40)
        for row in rows {
            // kustomize reads a scalar with an unknown tag as a string of its text; kit does so
            // when reading as kustomize does (`acceptUnknownTags`, as render reads) and refuses
            // unknown tags otherwise (a CLI case pins that).
            if row.scalar.hasPrefix("!custom") {
                assertKitError("unknown tag !custom") { _ = try yaml(document(row.scalar)) }
                let read = try YAMLReader.read(
                    Array(document(row.scalar).utf8), file: "t.yaml", options: .init(acceptUnknownTags: true))
                XCTAssertEqual(
                    try sortedYAML(read[0].value), "spec:\n  v: \(row.output ?? "<refused>")\n", "scalar \(row.scalar.debugDescription)")
                continue
            }
            check(row)
        }
    }

    struct ScalarRow {
        var scalar: String
        /// kustomize's text for the value, or nil when it refused the document.
        var output: String?
        var error: String?
    }

    func scalarRows(_ path: String) throws -> [ScalarRow] {
        let data = try Data(contentsOf: fixturesDirectory.appendingPathComponent(path))
        let objects = try XCTUnwrap(JSONSerialization.jsonObject(with: data) as? [[String: String]])
        return objects.map { ScalarRow(scalar: $0["scalar"]!, output: $0["output"], error: $0["error"]) }
    }

    func document(_ scalar: String) -> String { "spec:\n  v: \(scalar)\n" }

    func check(_ row: ScalarRow, file: StaticString = #filePath, line: UInt = #line) {
        let input = document(row.scalar)
        do {
            let printed = try sortedYAML(try yaml(input))
            if let expected = row.output {
                XCTAssertEqual(printed, "spec:\n  v: \(expected)\n", "scalar \(row.scalar.debugDescription)", file: file, line: line)
            } else {
                XCTFail("kustomize refuses \(row.scalar.debugDescription) (\(row.error ?? "")), kit printed \(printed.debugDescription)", file: file, line: line)
            }
        } catch {
            if row.output != nil {
                XCTFail("kit refused \(row.scalar.debugDescription): \(error)", file: file, line: line)
            }
        }
    }

    // MARK: - Focused rules

    /// `int(31)`, `double(1000.0)`, `string("yes")`…: the case matters, not just jq equality.
    func describe(_ v: Value) -> String {
        switch v {
        case .null: return "null"
        case .bool(let b): return "bool(\(b))"
        case .int(let i): return "int(\(i))"
        case .double(let d): return "double(\(d))"
        case .decimal(let d): return "decimal(\(d.text))"
        case .string(let s): return "string(\(s.debugDescription))"
        case .array: return "array"
        case .object: return "object"
        }
    }

    func resolved(_ scalar: String) throws -> String {
        describe(try yaml("v: \(scalar)\n")["v"]!)
    }

    func testYAML12BooleansAndNulls() throws {
        for s in ["true", "True", "TRUE"] { XCTAssertEqual(try resolved(s), "bool(true)", s) }
        for s in ["false", "False", "FALSE"] { XCTAssertEqual(try resolved(s), "bool(false)", s) }
        for s in ["~", "null", "Null", "NULL", ""] { XCTAssertEqual(try resolved(s), "null", s) }
        // YAML 1.1 words are strings on input.
        for s in ["yes", "no", "on", "off", "y", "n", "Y", "tRue", "nULL", "nil"] {
            XCTAssertEqual(try resolved(s), "string(\(s.debugDescription))", s)
        }
    }

    func testIntegersInGoSyntax() throws {
        XCTAssertEqual(try resolved("0x1F"), "int(31)")
        XCTAssertEqual(try resolved("-0x1F"), "int(-31)")
        XCTAssertEqual(try resolved("0o17"), "int(15)")
        XCTAssertEqual(try resolved("0755"), "int(493)", "a leading zero is octal")
        XCTAssertEqual(try resolved("0b101"), "int(5)")
        XCTAssertEqual(try resolved("-0b101"), "int(-5)")
        XCTAssertEqual(try resolved("1_000"), "int(1000)", "underscores are removed")
        XCTAssertEqual(try resolved("+12"), "int(12)")
        XCTAssertEqual(try resolved("-9223372036854775808"), "int(-9223372036854775808)")
        XCTAssertEqual(try resolved("18446744073709551615"), "decimal(18446744073709551615)", "uint64 keeps every digit")
        XCTAssertEqual(try resolved("0b-1"), "int(-1)", "go-yaml's 0b form reads its digits with ParseInt, sign and all")
        XCTAssertEqual(try resolved("0o+7"), "int(7)")
        XCTAssertEqual(try resolved("-0b-1"), "string(\"-0b-1\")")
        XCTAssertEqual(try resolved("0x-1"), "string(\"0x-1\")", "0x has no such form")
        XCTAssertEqual(try resolved("0b" + String(repeating: "1", count: 64)), "decimal(18446744073709551615)")
        XCTAssertEqual(try resolved("0x"), "string(\"0x\")")
        XCTAssertEqual(try resolved("12abc"), "string(\"12abc\")")
    }

    func testFloats() throws {
        XCTAssertEqual(try resolved("1e3"), "double(1000.0)")
        XCTAssertEqual(try resolved(".5"), "double(0.5)")
        XCTAssertEqual(try resolved("08"), "double(8.0)", "not octal, not an integer: a float")
        XCTAssertEqual(try resolved("09.5"), "double(9.5)")
        XCTAssertEqual(try resolved("1e400"), "string(\"1e400\")", "overflow keeps the text")
        XCTAssertEqual(try resolved("1e-400"), "double(0.0)", "underflow is no error")
        XCTAssertEqual(try resolved(".inf"), "double(inf)")
        XCTAssertEqual(try resolved("-.Inf"), "double(-inf)")
        XCTAssertEqual(try resolved("1."), "double(1.0)")
        XCTAssertEqual(try resolved("1.e3"), "double(1000.0)")
        XCTAssertEqual(try resolved("1_0.5"), "double(10.5)")
    }

    func testIntegerLiteralsBeyondGoIntegerSyntaxAreFloats() throws {
        // A `+` sign is not ParseUint syntax: go-yaml v3 reads a float, kustomize prints the
        // rounded double.
        XCTAssertEqual(try resolved("+9767819140727924861"), "double(9.767819140727925e+18)")
        XCTAssertEqual(try sortedYAML(try yaml("v: +9767819140727924861")), "v: 9767819140727925000\n")
        // Beyond 64 bits the literal is kept (for jq), and the YAML writer rounds it.
        XCTAssertEqual(try resolved("123456789012345678901234567890"), "decimal(123456789012345678901234567890)")
        XCTAssertEqual(try sortedYAML(try yaml("v: 123456789012345678901234567890")), "v: 1.2345678901234568e+29\n")
    }

    func testTimestampsBecomeRFC3339Strings() throws {
        XCTAssertEqual(try resolved("2001-12-14"), "string(\"2001-12-14T00:00:00Z\")")
        XCTAssertEqual(try resolved("2001-12-14t21:59:43.10-05:00"), "string(\"2001-12-14T21:59:43.1-05:00\")")
        XCTAssertEqual(try resolved("2001-12-14 21:59:43.10"), "string(\"2001-12-14T21:59:43.1Z\")")
        XCTAssertEqual(try resolved("2001-1-2T3:04:05Z"), "string(\"2001-01-02T03:04:05Z\")")
        XCTAssertEqual(try resolved("2001-12-14T21:59:43.1234567891Z"), "string(\"2001-12-14T21:59:43.123456789Z\")")
        // Not timestamps: stay as written.
        XCTAssertEqual(try resolved("2001-02-29"), "string(\"2001-02-29\")")
        XCTAssertEqual(try resolved("2001-12-14 21:59:43.10 -5"), "string(\"2001-12-14 21:59:43.10 -5\")")
        XCTAssertEqual(try resolved("'2001-12-14'"), "string(\"2001-12-14\")", "quoted: a string")
    }

    func testTimestampWithZoneOffsetOf24HoursIsRefused() throws {
        assertKitError("zone offset of 24 hours or more", line: 1, column: 4) { _ = try yaml("v: 2001-12-14T21:59:43+24:00") }
        assertKitError("zone offset of 24 hours or more") { _ = try yaml("v: 2001-12-14T21:59:43-23:60") }
        XCTAssertEqual(try resolved("2001-12-14T21:59:43+23:59"), "string(\"2001-12-14T21:59:43+23:59\")")
    }

    func testMergeWordIsAStringValue() throws {
        XCTAssertEqual(try resolved("<<"), "string(\"<<\")")
        XCTAssertEqual(try sortedYAML(try yaml("v: <<")), "v: <<\n", "go-yaml v2 writes it plain")
    }

    func testExplicitTags() throws {
        XCTAssertEqual(try resolved("!!str 123"), "string(\"123\")")
        XCTAssertEqual(try resolved("!!str"), "string(\"\")")
        XCTAssertEqual(try resolved("!!int 0x1F"), "int(31)")
        XCTAssertEqual(try resolved("!!int \"12\""), "int(12)", "a tag resolves quoted text too")
        XCTAssertEqual(try resolved("!!float 1"), "double(1.0)", "an int under !!float is a float")
        XCTAssertEqual(try resolved("!!bool true"), "bool(true)")
        XCTAssertEqual(try resolved("!!null ~"), "null")
        XCTAssertEqual(try resolved("!!timestamp 2001-12-14"), "string(\"2001-12-14T00:00:00Z\")")
        XCTAssertEqual(try resolved("!!str 2001-12-14"), "string(\"2001-12-14\")")
        XCTAssertEqual(try resolved("!<tag:yaml.org,2002:int> 12"), "int(12)")
    }

    func testNonSpecificTagIsNoTag() throws {
        XCTAssertEqual(try resolved("! 12"), "int(12)")
        XCTAssertEqual(try resolved("! true"), "bool(true)")
        XCTAssertEqual(try resolved("! ~"), "null")
        XCTAssertEqual(try resolved("! \"12\""), "string(\"12\")")
    }

    func testTagConflictsAreErrors() {
        assertKitError("cannot decode a !!str scalar as a !!bool", line: 1, column: 4) { _ = try yaml("v: !!bool yes") }
        assertKitError("cannot decode a !!float scalar as a !!int") { _ = try yaml("v: !!int 1.5") }
        assertKitError("cannot decode a !!str scalar as a !!float") { _ = try yaml("v: !!float abc") }
        assertKitError("cannot decode a !!int scalar as a !!null") { _ = try yaml("v: !!null 0") }
        assertKitError("cannot decode a !!str scalar as a !!timestamp") { _ = try yaml("v: !!timestamp abc") }
        assertKitError("unknown tag !custom") { _ = try yaml("v: !custom x") }
    }

    func testBinaryDecodesBase64() throws {
        XCTAssertEqual(try resolved("!!binary aGVsbG8="), "string(\"hello\")")
        XCTAssertEqual(try resolved("!!binary |\n  aGVs\n  bG8="), "string(\"hello\")", "line breaks are skipped")
        XCTAssertEqual(try yaml("v: !!binary /w==")["v"], "\u{FFFD}", "invalid UTF-8 becomes U+FFFD, as JSON does")
        assertKitError("!!binary value is not valid base64") { _ = try yaml("v: !!binary '!!!'") }
    }

    func testQuotedAndBlockScalarsAreStrings() throws {
        XCTAssertEqual(try resolved("'12'"), "string(\"12\")")
        XCTAssertEqual(try resolved("\"true\""), "string(\"true\")")
        XCTAssertEqual(try resolved("|-\n  12"), "string(\"12\")")
        XCTAssertEqual(try resolved(">-\n  ~"), "string(\"~\")")
    }
}
