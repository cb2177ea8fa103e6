import KitCore
import XCTest

@testable import KitModel

/// Expected values follow apimachinery's `fields.ParseSelector` (pkg/fields/selector.go):
/// its own tests' cases plus the consequences of its split-sort-unescape steps.
final class FieldSelectorTests: XCTestCase {
    private func parse(_ text: String, file: StaticString = #filePath, line: UInt = #line) -> FieldSelector? {
        do {
            return try FieldSelector(parsing: text)
        } catch {
            XCTFail("\(text): unexpected error \(error)", file: file, line: line)
            return nil
        }
    }

    func testCanonicalStrings() {
        let cases: [(String, String, UInt)] = [
            ("", "", #line),
            ("x=a,y=b,z=c", "x=a,y=b,z=c", #line),
            ("x!=a,y=b", "x!=a,y=b", #line),
            // Terms are sorted by their text, so both orders print alike.
            ("x=a,a=x", "a=x,x=a", #line),
            ("a=x,x=a", "a=x,x=a", #line),
            ("status.phase!=Running,metadata.name=web", "metadata.name=web,status.phase!=Running", #line),
            ("x==a", "x=a", #line),
            ("spec.nodeName=", "spec.nodeName=", #line),
            ("a!=", "a!=", #line),
            ("!=b", "!=b", #line),
            ("a=b,a=c", "a=b,a=c", #line),
            // Empty terms are skipped; a term with empty field and value selects everything.
            (",a=b,", "a=b", #line),
            ("=", "", #line),
            ("==,a=b", "a=b", #line),
            ("!=", "", #line),
            // The first operator from the left splits the term; the field cannot be escaped.
            ("a!b=c", "a!b=c", #line),
            ("b=1,a\\,x=2", "a\\,x=2,b=1", #line),
            // Escapes in values: \, \= \\ are data, and are escaped again on output.
            ("a=b\\,c", "a=b\\,c", #line),
            ("a=b\\=c", "a=b\\=c", #line),
            ("a=b\\\\", "a=b\\\\", #line),
            ("a=\\\\\\,\\=", "a=\\\\\\,\\=", #line),
            ("notin=in", "notin=in", #line),
            ("metadata.name=é", "metadata.name=é", #line),
        ]
        for (input, expected, line) in cases {
            guard let selector = parse(input, line: line) else { continue }
            XCTAssertEqual(selector.description, expected, "\(input)", line: line)
            if let again = parse(selector.description, line: line) {
                XCTAssertEqual(again, selector, "\(input) reparsed", line: line)
            }
        }
    }

    func testParsedTerms() throws {
        let selector = try FieldSelector(parsing: "status.phase!=Running,metadata.name==web\\,1")
        XCTAssertEqual(selector.requirements.map(\.field), ["metadata.name", "status.phase"])
        XCTAssertEqual(selector.requirements.map(\.isNegated), [false, true])
        XCTAssertEqual(selector.requirements.map(\.value), ["web,1", "Running"])
        XCTAssertTrue(try FieldSelector(parsing: ",,").isEmpty)
    }

    func testErrors() {
        let cases: [(String, String, Int, UInt)] = [
            ("x=a||y=b", "invalid field selector: unescaped character in value: 61", 6, #line),
            ("x==a==b", "invalid field selector: unescaped character in value: 61", 4, #line),
            ("a=!=b", "invalid field selector: unescaped character in value: 61", 3, #line),
            ("abc", "invalid selector: 'abc'; can't understand 'abc'", 0, #line),
            ("a=b,cde", "invalid selector: 'a=b,cde'; can't understand 'cde'", 4, #line),
            ("zzz,a=b", "invalid selector: 'zzz,a=b'; can't understand 'zzz'", 0, #line),
            // The first bad term in sorted order is the one reported.
            ("b,a", "invalid selector: 'b,a'; can't understand 'a'", 2, #line),
            ("a=b\\x", "invalid field selector: invalid escape sequence: \\x", 3, #line),
            ("a=b\\", "invalid field selector: invalid escape sequence: \\", 3, #line),
            ("a=\\!", "invalid field selector: invalid escape sequence: \\!", 2, #line),
            ("status.phase=Running,a=\\n", "invalid field selector: invalid escape sequence: \\n", 23, #line),
            ("a<b", "invalid selector: 'a<b'; can't understand 'a<b'", 0, #line),
            // Positions count Unicode scalars.
            ("é=1,ü", "invalid selector: 'é=1,ü'; can't understand 'ü'", 4, #line),
        ]
        for (input, reason, position, line) in cases {
            XCTAssertThrowsError(try FieldSelector(parsing: input), "\(input)", line: line) { error in
                guard let error = error as? SelectorError else { return XCTFail("\(error)", line: line) }
                XCTAssertEqual(error.reason, reason, "\(input)", line: line)
                XCTAssertEqual(error.position, position, "\(input)", line: line)
                XCTAssertNil(error.path, line: line)
            }
        }
    }

    func testEscaping() throws {
        XCTAssertEqual(FieldSelector.escapeValue("a,b=c\\d"), "a\\,b\\=c\\\\d")
        XCTAssertEqual(FieldSelector.escapeValue("plain"), "plain")
        XCTAssertEqual(try FieldSelector.unescapeValue("a\\,b\\=c\\\\d"), "a,b=c\\d")
        XCTAssertEqual(try FieldSelector.unescapeValue("plain"), "plain")
        XCTAssertThrowsError(try FieldSelector.unescapeValue("a,b")) { error in
            XCTAssertEqual((error as? SelectorError)?.reason, "invalid field selector: unescaped character in value: 44")
            XCTAssertEqual((error as? SelectorError)?.position, 1)
        }
        XCTAssertThrowsError(try FieldSelector.unescapeValue("ab\\")) { error in
            XCTAssertEqual((error as? SelectorError)?.position, 2)
        }
    }

    func testMatchingFieldSets() {
        let cases: [(String, [String: String], Bool, UInt)] = [
            ("", ["x": "y"], true, #line),
            ("x=y", ["x": "y"], true, #line),
            ("x=y,z=w", ["x": "y", "z": "w"], true, #line),
            ("x!=y,z!=w", ["x": "z", "z": "a"], true, #line),
            ("notin=in", ["notin": "in"], true, #line),
            ("x=y", ["x": "z"], false, #line),
            ("x=y,z=w", ["x": "w", "z": "w"], false, #line),
            ("x!=y,z!=w", ["x": "z", "z": "w"], false, #line),
            ("foo=bar,foobar=bar,baz=blah", ["foo": "bar", "baz": "blah"], false, #line),
            // A missing field reads as the empty string.
            ("x=", [:], true, #line),
            ("x!=y", [:], true, #line),
            ("x!=", [:], false, #line),
            ("x=a\\,b", ["x": "a,b"], true, #line),
        ]
        for (input, fields, expected, line) in cases {
            guard let selector = parse(input, line: line) else { continue }
            XCTAssertEqual(selector.matches(fields), expected, "\(input)", line: line)
        }
    }

    func testMatchingObjects() {
        let pod: Value = [
            "apiVersion": "v1", "kind": "Pod",
            "metadata": ["name": "web-1", "namespace": "default", "labels": ["app": "web"]],
            "spec": ["nodeName": "node-a", "hostNetwork": true, "priority": 5, "containers": [["name": "c"]], "ratio": 0.5],
            "status": ["phase": "Pending", "podIP": nil],
        ]
        let cases: [(String, Bool, UInt)] = [
            ("metadata.name=web-1", true, #line),
            ("metadata.name=web-2", false, #line),
            ("metadata.namespace=default,metadata.name=web-1", true, #line),
            ("status.phase!=Running", true, #line),
            ("status.phase=Pending,spec.nodeName=node-a", true, #line),
            ("spec.nodeName=", false, #line),
            ("spec.schedulerName=", true, #line),
            ("status.podIP=", true, #line),
            ("spec.hostNetwork=true", true, #line),
            ("spec.priority=5", true, #line),
            ("spec.ratio=0.5", true, #line),
            ("metadata.labels.app=web", true, #line),
            ("metadata.name.first=", true, #line),
            // Objects and arrays equal no value.
            ("spec.containers=", false, #line),
            ("spec.containers!=x", true, #line),
            ("metadata=", false, #line),
        ]
        for (input, expected, line) in cases {
            guard let selector = parse(input, line: line) else { continue }
            XCTAssertEqual(selector.matches(object: pod), expected, "\(input)", line: line)
        }
        XCTAssertEqual(FieldSelector.fieldValue(pod, "spec.priority"), "5")
        XCTAssertNil(FieldSelector.fieldValue(pod, "spec"))
    }

    func testErrorDescriptionIsOneBasedColumn() {
        XCTAssertThrowsError(try FieldSelector(parsing: "a=b,c")) { error in
            XCTAssertEqual("\(error)", "column 5: invalid selector: 'a=b,c'; can't understand 'c'")
        }
    }
}
