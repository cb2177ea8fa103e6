import KitCore
import XCTest

@testable import KitValidate

/// The walker's JSON Schema semantics, as kubernetes-validate (Python jsonschema) applies
/// them, and the extra keywords CRD and schema files use.
final class SchemaWalkerTests: XCTestCase {
    func testIntegersAndNumbers() throws {
        let schema = #"{"type": "object", "properties": {"i": {"type": "integer"}, "n": {"type": "number"}}}"#
        XCTAssertEqual(try check(["i": 3, "n": 1.5], against: schema), [])
        XCTAssertEqual(try check(["i": 3.0], against: schema), [], "an integral float is an integer")
        XCTAssertEqual(try check(["i": 3.5], against: schema), ["schema-type i: expected integer, found number"])
        XCTAssertEqual(try check(["i": true, "n": false], against: schema), [
            "schema-type i: expected integer, found boolean", "schema-type n: expected number, found boolean",
        ], "booleans are neither integers nor numbers")
        XCTAssertEqual(try check(["i": .decimal(DecimalNumber("123456789012345678901234567890")!)], against: schema), [])
    }

    func testOneOfNeedsExactlyOneAlternative() throws {
        let intOrString = #"{"oneOf": [{"type": ["string", "null"]}, {"type": ["integer", "null"]}]}"#
        XCTAssertEqual(try check("http", against: intOrString), [])
        XCTAssertEqual(try check(80, against: intOrString), [])
        XCTAssertEqual(try check(nil, against: intOrString), ["schema-type : expected integer or string, found null"])
        XCTAssertEqual(try check(1.5, against: intOrString), ["schema-type : expected integer or string, found number"])
    }

    func testUnknownFieldsWarnUnlessStrictAndErrorWhenForbidden() throws {
        let kubernetesStyle = Schema()
        kubernetesStyle.types = [.object]
        kubernetesStyle.addProperty("a", Schema())
        kubernetesStyle.additional = .unknownField
        var walker = SchemaWalker(strict: false, checkValues: false)
        walker.walk(["a": 1, "ab": 2], kubernetesStyle)
        XCTAssertEqual(walker.findings.map(\.severity), [.warning])
        XCTAssertEqual(walker.findings.first?.message, "unknown field \"ab\" (did you mean \"a\"?)")
        walker = SchemaWalker(strict: true, checkValues: false)
        walker.walk(["b": 1], kubernetesStyle)
        XCTAssertEqual(walker.findings.map(\.severity), [.error])
        XCTAssertTrue(walker.findings[0].locateKey, "unknown fields point at their key")
        let file = #"{"type": "object", "properties": {"a": {}}, "additionalProperties": false}"#
        XCTAssertEqual(try check(["b": 1], against: file), ["schema-unknown-field b: field \"b\" is not allowed (additionalProperties is false)"])
    }

    func testRequiredEnumConstAndCombinations() throws {
        let schema = #"""
            {"type": "object", "required": ["kind"],
             "properties": {"kind": {"enum": ["A", "B"]}, "c": {"const": 1},
                            "any": {"anyOf": [{"type": "string"}, {"type": "integer"}]},
                            "all": {"allOf": [{"minimum": 1}, {"maximum": 3}]}, "no": {"not": {"type": "string"}}}}
            """#
        XCTAssertEqual(try check(["kind": "A", "c": 1, "any": 1, "all": 2, "no": 1], against: schema), [])
        XCTAssertEqual(try check(["c": 1.0], against: schema), ["schema-required : missing required field \"kind\""])
        XCTAssertEqual(try check(["kind": "C", "c": true, "any": [], "all": 4, "no": "x"], against: schema), [
            "schema-enum kind: must be one of \"A\", \"B\"", "schema-enum c: must be 1",
            "schema-constraint any: matches none of the 2 allowed forms (anyOf)", "schema-constraint all: must be at most 3",
            "schema-constraint no: matches a form that is not allowed (not)",
        ])
    }

    func testStringArrayAndNumberConstraints() throws {
        let schema = #"""
            {"type": "object", "properties": {
              "s": {"type": "string", "minLength": 2, "maxLength": 3, "pattern": "^[a-z]+$"},
              "l": {"type": "array", "minItems": 1, "maxItems": 2, "uniqueItems": true, "items": {"type": "integer"}},
              "t": {"type": "array", "items": [{"type": "string"}, {"type": "integer"}]},
              "n": {"type": "number", "exclusiveMinimum": 0, "multipleOf": 0.5},
              "d4": {"type": "number", "minimum": 0, "exclusiveMinimum": true}},
             "patternProperties": {"^x-": {"type": "string"}}}
            """#
        XCTAssertEqual(try check(["s": "ab", "l": [1], "t": ["a", 1], "n": 1.5, "d4": 1, "x-a": "b"], against: schema), [])
        XCTAssertEqual(try check(["s": "ABCD", "l": [1, 1, 2], "t": [1], "n": 0.7, "d4": 0, "x-a": 1], against: schema), [
            "schema-constraint s: must be at most 3 characters long", "schema-constraint s: must match the pattern ^[a-z]+$",
            "schema-constraint l: must have at most 2 items", "schema-constraint l[1]: items must be unique; item 1 repeats an earlier one",
            "schema-type t[0]: expected string, found integer", "schema-constraint n: must be a multiple of 0.5",
            "schema-constraint d4: must be greater than 0", "schema-type x-a: expected string, found integer",
        ])
    }

    func testReferencesAndRecursion() throws {
        let schema = #"""
            {"$ref": "#/definitions/node",
             "definitions": {"node": {"type": "object", "properties": {"name": {"type": "string"},
                                                                      "children": {"type": "array", "items": {"$ref": "#/definitions/node"}}}}}}
            """#
        XCTAssertEqual(try check(["name": "a", "children": [["name": "b", "children": [["name": 3]]]]], against: schema), [
            "schema-type children[0].children[0].name: expected string, found integer"
        ])
        XCTAssertEqual(try check(1, against: #"{"$ref": "https://example.com/remote.json"}"#), [], "remote references check nothing")
        // A reference loop that never descends into the value stops instead of recursing.
        XCTAssertEqual(try check(["a": 1], against: ##"{"$ref": "#"}"##), ["schema-constraint : the schema refers to itself without end here; not checked further"])
        XCTAssertEqual(try check(["a": 1], against: ##"{"allOf": [{"$ref": "#"}]}"##).count, 1)
    }

    func testCRDDialect() throws {
        let root = try JSONReader.read(#"""
            {"type": "object", "properties": {"spec": {"type": "object", "properties": {
              "size": {"type": "integer"}, "port": {"x-kubernetes-int-or-string": true},
              "free": {"type": "object", "x-kubernetes-preserve-unknown-fields": true}}}}}
            """#)
        let schema = JSONSchemaCompiler(dialect: .crd).compile(root)
        var walker = SchemaWalker(strict: true, checkValues: false)
        walker.walk(["spec": ["size": nil, "port": "http", "free": ["x": 1], "other": 1]], schema)
        XCTAssertEqual(walker.findings.map { "\($0.rule) \($0.pathText)" }, ["schema-unknown-field spec.other"],
            "nulls are pruned, int-or-string and preserved fields pass, unknown fields are errors with --strict")
    }

    func testValueHints() throws {
        let schema = #"{"type": "object", "properties": {"a": {"type": "integer", "format": "int32"}, "b": {"type": "string", "format": "byte"}, "c": {"type": "string", "format": "date-time"}}}"#
        XCTAssertEqual(try check(["a": 1, "b": "aGk=", "c": "2025-03-01T12:00:00Z"], against: schema, values: true), [])
        XCTAssertEqual(try check(["a": 3_000_000_000, "b": "hi!", "c": "2025-03-01 12:00"], against: schema, values: true), [
            "value-format a: does not fit in a 32-bit integer", "value-format b: is not valid base64 (format: byte)",
            "value-format c: is not an RFC 3339 date and time (e.g. 2025-03-01T12:00:00Z)",
        ])
    }

    func testRFC3339AndCron() {
        for good in ["2025-03-01T12:00:00Z", "2025-03-01t12:00:00.123+05:30", "1999-12-31T23:59:59-08:00"] {
            XCTAssertTrue(ValueChecks.isRFC3339(good), good)
        }
        for bad in ["2025-03-01", "2025-13-01T12:00:00Z", "2025-03-01T12:00:00", "2025-03-01T12:00:00+5:30", "2025-03-01T12:00:00.Z"] {
            XCTAssertFalse(ValueChecks.isRFC3339(bad), bad)
        }
        for good in ["*/5 * * * *", "0 3 * * 1-5", "@hourly", "@every 1h30m", "0 0 1 JAN,jul SUN", "15 4 * * 7"] {
            XCTAssertNil(CronSchedule.problem(good), good)
        }
        XCTAssertEqual(CronSchedule.problem("* * * *"), "expected exactly 5 fields, found 4")
        XCTAssertEqual(CronSchedule.problem("61 * * * *"), "minute field: 61 is out of range 0-59")
        XCTAssertEqual(CronSchedule.problem("5-1 * * * *"), "minute field: range 5-1 goes backwards")
        XCTAssertEqual(CronSchedule.problem("TZ=UTC 0 * * * *"), "a time zone in the schedule is not supported; use spec.timeZone")
        XCTAssertEqual(CronSchedule.problem("@fortnightly"), "unknown descriptor @fortnightly")
    }
}
