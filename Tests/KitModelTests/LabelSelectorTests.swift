import KitCore
import XCTest

@testable import KitModel

final class LabelSelectorTests: XCTestCase {
    private func parse(_ text: String, file: StaticString = #filePath, line: UInt = #line) -> LabelSelector? {
        do {
            return try LabelSelector(parsing: text)
        } catch {
            XCTFail("\(text): unexpected error \(error)", file: file, line: line)
            return nil
        }
    }

    private func parseError(_ text: String, file: StaticString = #filePath, line: UInt = #line) -> SelectorError? {
        do {
            let selector = try LabelSelector(parsing: text)
            XCTFail("\(text): parsed as \(selector)", file: file, line: line)
            return nil
        } catch {
            return error
        }
    }

    // MARK: Errors, word for word

    /// kubectl's own messages: each line was produced by
    /// `kubectl set selector --local -f service.yaml -o name -- SELECTOR` (kubectl v1.32.4),
    /// which parses with `labels.Parse` and prints `couldn't parse the selector string
    /// "SELECTOR": MESSAGE`; MESSAGE is what is kept here.
    private let kubectlErrors: [(String, String)] = [
        ("a b", "unable to parse requirement: found 'b', expected: in, notin, =, ==, !=, gt, lt"),
        ("a in (,", "unable to parse requirement: found '', expected: ',', or identifier"),
        ("a/b/c", "unable to parse requirement: <nil>: Invalid value: \"a/b/c\": a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')"),
        ("a=b=c", "found '=', expected: ',' or 'end of string'"),
        ("a in (-b)", "unable to parse requirement: values[0][a]: Invalid value: \"-b\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')"),
        ("a in (-b,_c)", "unable to parse requirement: [values[0][a]: Invalid value: \"-b\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?'), values[1][a]: Invalid value: \"_c\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')]"),
        ("a in (_c,-b)", "unable to parse requirement: [values[0][a]: Invalid value: \"-b\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?'), values[1][a]: Invalid value: \"_c\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')]"),
        ("a=-b", "unable to parse requirement: values[0][a]: Invalid value: \"-b\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')"),
        ("a>x", "unable to parse requirement: values[0]: Invalid value: \"x\": for 'Gt', 'Lt' operators, the value must be an integer"),
        ("a<-5", "unable to parse requirement: values[0][a]: Invalid value: \"-5\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')"),
        ("a>1.5", "unable to parse requirement: values[0]: Invalid value: \"1.5\": for 'Gt', 'Lt' operators, the value must be an integer"),
        ("a in (b", "unable to parse requirement: found '', expected: ',' or ')'"),
        ("a in b", "unable to parse requirement: found 'b' expected: '('"),
        ("a in (b c)", "unable to parse requirement: found 'c', expected: ',' or ')'"),
        ("!a=b", "found '=', expected: ',' or 'end of string'"),
        ("!!a", "unable to parse requirement: found '!', expected: identifier"),
        ("!=a", "found '!=', expected: !, identifier, or 'end of string'"),
        (",a", "found ',', expected: !, identifier, or 'end of string'"),
        ("a,", "found '', expected: identifier after ','"),
        ("a,,b", "found ',', expected: identifier after ','"),
        ("a in (b)c", "found 'c', expected: ',' or 'end of string'"),
        ("a=b c", "found 'c', expected: ',' or 'end of string'"),
        ("/a", "unable to parse requirement: <nil>: Invalid value: \"/a\": prefix part must be non-empty"),
        ("a/", "unable to parse requirement: <nil>: Invalid value: \"a/\": name part must be non-empty; name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')"),
        ("A.b/c", "unable to parse requirement: <nil>: Invalid value: \"A.b/c\": prefix part a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')"),
        ("a-", "unable to parse requirement: <nil>: Invalid value: \"a-\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')"),
        ("xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", "unable to parse requirement: <nil>: Invalid value: \"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\": name part must be no more than 63 characters"),
        ("p/xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", "unable to parse requirement: <nil>: Invalid value: \"p/xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\": name part must be no more than 63 characters"),
        ("a=xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", "unable to parse requirement: values[0][a]: Invalid value: \"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\": must be no more than 63 characters"),
        ("a=b)", "found ')', expected: ',' or 'end of string'"),
        ("a)", "unable to parse requirement: found ')', expected: in, notin, =, ==, !=, gt, lt"),
        ("(a", "found '(', expected: !, identifier, or 'end of string'"),
        ("a (", "unable to parse requirement: found '(', expected: in, notin, =, ==, !=, gt, lt"),
        ("a=(b)", "unable to parse requirement: found '(', expected: identifier"),
        ("\u{e9}", "unable to parse requirement: <nil>: Invalid value: \"\u{e9}\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')"),
        ("a=\u{e9}", "unable to parse requirement: values[0][a]: Invalid value: \"\u{e9}\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')"),
        ("a=b,", "found '', expected: identifier after ','"),
        ("a=b,,", "found ',', expected: identifier after ','"),
        ("a in (b c,", "unable to parse requirement: found 'c', expected: ',' or ')'"),
        ("a in (,,,,)", "unable to parse requirement: found ')', expected: ',', or identifier"),
        ("a in (b,,,,)", "unable to parse requirement: found ')', expected: ',', or identifier"),
        ("a notin", "unable to parse requirement: found '' expected: '('"),
        ("a in", "unable to parse requirement: found '' expected: '('"),
        ("a in ()x", "found 'x', expected: ',' or 'end of string'"),
        ("a in (b))", "found ')', expected: ',' or 'end of string'"),
        ("!", "unable to parse requirement: found '', expected: identifier"),
        ("!a b", "found 'b', expected: ',' or 'end of string'"),
        ("a !", "unable to parse requirement: found '!', expected: in, notin, =, ==, !=, gt, lt"),
        ("a ! =b", "unable to parse requirement: found '!', expected: in, notin, =, ==, !=, gt, lt"),
        ("a=b,c=d e", "found 'e', expected: ',' or 'end of string'"),
        ("a in (b),!", "unable to parse requirement: found '', expected: identifier"),
        ("k=v\tz", "found 'z', expected: ',' or 'end of string'"),
        (" , ", "found ',', expected: !, identifier, or 'end of string'"),
        ("a=!b", "unable to parse requirement: found '!', expected: identifier"),
        ("a=(", "unable to parse requirement: found '(', expected: identifier"),
        ("a!==b", "unable to parse requirement: found '=', expected: identifier"),
        ("a===b", "unable to parse requirement: found '=', expected: identifier"),
        ("a<>b", "unable to parse requirement: found '>', expected: identifier"),
        ("a><b", "unable to parse requirement: found '<', expected: identifier"),
        ("a<=b", "unable to parse requirement: found '=', expected: identifier"),
        ("a>=1", "unable to parse requirement: found '=', expected: identifier"),
        ("a=>b", "unable to parse requirement: found '>', expected: identifier"),
        ("a in ((b))", "unable to parse requirement: found '(', expected: ',', ')' or identifier"),
        ("a in (b,c", "unable to parse requirement: found '', expected: ',' or ')'"),
        ("a in (b,c,", "unable to parse requirement: found '', expected: ',', or identifier"),
        ("a notin (b,c)d", "found 'd', expected: ',' or 'end of string'"),
        ("-a", "unable to parse requirement: <nil>: Invalid value: \"-a\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')"),
        (".a", "unable to parse requirement: <nil>: Invalid value: \".a\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')"),
        ("a.", "unable to parse requirement: <nil>: Invalid value: \"a.\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')"),
        ("A/b", "unable to parse requirement: <nil>: Invalid value: \"A/b\": prefix part a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')"),
        ("a_b/c", "unable to parse requirement: <nil>: Invalid value: \"a_b/c\": prefix part a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')"),
        ("a/b_", "unable to parse requirement: <nil>: Invalid value: \"a/b_\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')"),
        ("a/-b", "unable to parse requirement: <nil>: Invalid value: \"a/-b\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')"),
        ("xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx/a", "unable to parse requirement: <nil>: Invalid value: \"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx/a\": prefix part must be no more than 253 characters"),
        ("a=b/c", "unable to parse requirement: values[0][a]: Invalid value: \"b/c\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')"),
        ("a in (b/c)", "unable to parse requirement: values[0][a]: Invalid value: \"b/c\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')"),
        ("a>2,b<x", "unable to parse requirement: values[0]: Invalid value: \"x\": for 'Gt', 'Lt' operators, the value must be an integer"),
        ("a in (xa in (x)", "unable to parse requirement: found 'in', expected: ',' or ')'"),
        ("a\"b", "unable to parse requirement: <nil>: Invalid value: \"a\\\"b\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')"),
        ("a=b\"", "unable to parse requirement: values[0][a]: Invalid value: \"b\\\"\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')"),
        ("a\u{a0}b", "unable to parse requirement: <nil>: Invalid value: \"a\\u00a0b\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')"),
        ("!a,!", "unable to parse requirement: found '', expected: identifier"),
        ("a in (vvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvv,w)", "unable to parse requirement: values[0][a]: Invalid value: \"vvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvv\": must be no more than 63 characters"),
    ]

    func testParseErrorsMatchKubectl() {
        for (input, message) in kubectlErrors {
            guard let error = parseError(input) else { continue }
            XCTAssertEqual(error.reason, message, "\(input)")
            XCTAssertNotNil(error.position, "\(input)")
        }
    }

    func testErrorPositionsPointAtTheOffendingToken() {
        let cases: [(String, Int, UInt)] = [
            ("a b", 2, #line),
            ("a in (,", 7, #line),
            ("a/b/c", 0, #line),
            ("a=b=c", 3, #line),
            ("a in (-b)", 6, #line),
            ("a in (_c,-b)", 9, #line),
            ("a>x", 2, #line),
            ("a in b", 5, #line),
            ("!!a", 1, #line),
            ("!=a", 0, #line),
            (",a", 0, #line),
            ("a,", 2, #line),
            ("a,,b", 2, #line),
            ("a=b c", 4, #line),
            ("a=(b)", 2, #line),
            ("a in ((b))", 6, #line),
            ("a in (b,c,", 10, #line),
            ("a in (,,,,)", 10, #line),
            ("!", 1, #line),
            ("  !  ", 5, #line),
            ("b=c, a/", 5, #line),
            ("a=b,c=d e", 8, #line),
            ("a=b)", 3, #line),
            ("\tx in (y)  z", 11, #line),
            // Offsets count Unicode scalars, not bytes.
            ("a=é", 2, #line),
            ("é", 0, #line),
        ]
        for (input, position, line) in cases {
            guard let error = parseError(input, line: line) else { continue }
            XCTAssertEqual(error.position, position, "\(input): \(error.reason)", line: line)
            XCTAssertEqual(error.description, "column \(position + 1): \(error.reason)", line: line)
        }
    }

    // MARK: Canonical strings

    func testCanonicalStrings() {
        let cases: [(String, String, UInt)] = [
            ("", "", #line),
            ("x in (foo,,baz),y,z notin ()", "x in (,baz,foo),y,z notin ()", #line),
            ("  a  =  b  ", "a=b", #line),
            ("a==b", "a==b", #line),
            ("a!=b", "a!=b", #line),
            ("b=1,a=2", "a=2,b=1", #line),
            ("!a", "!a", #line),
            (" ! a ", "!a", #line),
            ("a in (c,b,a,b)", "a in (a,b,c)", #line),
            ("a notin (z)", "a notin (z)", #line),
            ("a in (b,)", "a in (,b)", #line),
            ("a in (,b)", "a in (,b)", #line),
            ("a in (,,,)", "a in ()", #line),
            ("a=", "a=", #line),
            ("a==", "a==", #line),
            ("a!=", "a!=", #line),
            ("a=,b", "a=,b", #line),
            ("a>5", "a>5", #line),
            ("a < 5", "a<5", #line),
            ("in in (in)", "in in (in)", #line),
            ("notin", "notin", #line),
            ("!in", "!in", #line),
            ("in=in", "in=in", #line),
            ("a in (in,notin)", "a in (in,notin)", #line),
            ("a..b", "a..b", #line),
            ("a.b.c/d", "a.b.c/d", #line),
            ("a=1,a=2,a=1", "a=1,a=2,a=1", #line),
            ("k8s.io/app in (x),app.kubernetes.io/name=web", "app.kubernetes.io/name=web,k8s.io/app in (x)", #line),
            ("tier notin (b,a),env,!canary,app=web", "app=web,!canary,env,tier notin (a,b)", #line),
            ("a=1,Z=1,B=1", "B=1,Z=1,a=1", #line),  // keys sort by bytes: upper case first
            // A NUL byte ends the lexer's input, as in Go.
            ("a \u{0}b", "a", #line),
        ]
        for (input, expected, line) in cases {
            guard let selector = parse(input, line: line) else { continue }
            XCTAssertEqual(selector.description, expected, "\(input)", line: line)
            // The canonical string parses to the same selector.
            if let again = parse(selector.description, line: line) {
                XCTAssertEqual(again.description, expected, "\(input) reparsed", line: line)
            }
        }
    }

    func testParsedRequirements() throws {
        let selector = try LabelSelector(parsing: "tier in (b,a,b),!canary,app==web")
        XCTAssertEqual(selector.requirements.map(\.key), ["app", "canary", "tier"])
        XCTAssertEqual(selector.requirements.map(\.operator), [.doubleEquals, .doesNotExist, .in])
        XCTAssertEqual(selector.requirements[2].values, ["a", "b"])
        XCTAssertEqual(try LabelSelector(parsing: "a").requirements.first?.operator, .exists)
        XCTAssertTrue(try LabelSelector(parsing: " ").isEmpty)
    }

    // MARK: Matching

    func testMatching() {
        let labels = ["app": "web", "tier": "front", "version": "12"]
        let cases: [(String, Bool, UInt)] = [
            ("", true, #line),
            ("app=web", true, #line),
            ("app==web", true, #line),
            ("app=api", false, #line),
            ("app!=api", true, #line),
            ("app!=web", false, #line),
            ("missing!=x", true, #line),
            ("missing=", false, #line),
            ("app", true, #line),
            ("missing", false, #line),
            ("!missing", true, #line),
            ("!app", false, #line),
            ("tier in (front,back)", true, #line),
            ("tier in (back)", false, #line),
            ("missing in (a)", false, #line),
            ("tier notin (back)", true, #line),
            ("tier notin (front)", false, #line),
            ("missing notin (a)", true, #line),
            ("version>11", true, #line),
            ("version>12", false, #line),
            ("version<13", true, #line),
            ("app>1", false, #line),
            ("missing<1", false, #line),
            ("app=web,tier=front", true, #line),
            ("app=web,tier=back", false, #line),
            ("app=web,!canary,tier notin (back),version", true, #line),
        ]
        for (input, expected, line) in cases {
            guard let selector = parse(input, line: line) else { continue }
            XCTAssertEqual(selector.matches(labels), expected, "\(input)", line: line)
        }
    }

    func testMatchingObjects() throws {
        let pod: Value = ["kind": "Pod", "metadata": ["name": "p", "labels": ["app": "web", "count": 3]]]
        let bare: Value = ["kind": "Pod", "metadata": ["name": "q"]]
        let selector = try LabelSelector(parsing: "app=web")
        XCTAssertTrue(selector.matches(object: pod))
        XCTAssertFalse(selector.matches(object: bare))
        XCTAssertTrue(try LabelSelector(parsing: "!app").matches(object: bare))
        // Only string label values count.
        XCTAssertFalse(try LabelSelector(parsing: "count").matches(object: pod))
        XCTAssertTrue(selector.matches(labels: ["app": "web"]))
        XCTAssertFalse(selector.matches(labels: "app=web"))
    }

    // MARK: Selector objects (matchLabels / matchExpressions)

    func testSelectorObjects() throws {
        let value: Value = [
            "matchLabels": ["app": "web", "component": "api"],
            "matchExpressions": [
                ["key": "tier", "operator": "NotIn", "values": ["b", "a", "a"]],
                ["key": "env", "operator": "Exists"],
                ["key": "canary", "operator": "DoesNotExist", "values": nil],
                ["key": "zone", "operator": "In", "values": ["z1"]],
            ],
        ]
        let selector = try LabelSelector(selector: value)
        // Values keep their repeats but print sorted, as apimachinery's String() does.
        XCTAssertEqual(selector.description, "app=web,!canary,component=api,env,tier notin (a,a,b),zone in (z1)")
        XCTAssertTrue(selector.matches(["app": "web", "component": "api", "env": "prod", "zone": "z1", "tier": "c"]))
        XCTAssertFalse(selector.matches(["app": "web", "component": "api", "env": "prod", "zone": "z1", "tier": "a"]))
        XCTAssertFalse(selector.matches(["app": "web", "component": "api", "zone": "z1"]))
        XCTAssertFalse(selector.matches(["app": "web", "component": "api", "env": "", "zone": "z1", "canary": "y"]))

        let everything = try LabelSelector(selector: [:])
        XCTAssertEqual(everything, .everything)
        XCTAssertTrue(everything.matches([:]))
        XCTAssertTrue(try LabelSelector(selector: ["matchLabels": [:], "matchExpressions": []]).matches(["a": "b"]))
        let nothing = try LabelSelector(selector: .null)
        XCTAssertEqual(nothing, .nothing)
        XCTAssertFalse(nothing.matches([:]))
        XCTAssertFalse(nothing.matches(["a": "b"]))
        XCTAssertEqual(nothing.description, "")
    }

    func testSelectorObjectErrors() {
        let key = "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')"
        let value = "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')"
        let cases: [(Value, String, String, UInt)] = [
            (["matchExpressions": [["key": "a", "operator": "Equals", "values": ["b"]]]],
             "matchExpressions[0].operator", "\"Equals\" is not a valid label selector operator", #line),
            (["matchExpressions": [["key": "a", "operator": "in", "values": ["b"]]]],
             "matchExpressions[0].operator", "\"in\" is not a valid label selector operator", #line),
            (["matchExpressions": [["key": "a", "values": ["b"]]]],
             "matchExpressions[0].operator", "\"\" is not a valid label selector operator", #line),
            (["matchExpressions": [["key": "a", "operator": "In"]]],
             "matchExpressions[0]", "values: Invalid value: []string(nil): for 'in', 'notin' operators, values set can't be empty", #line),
            (["matchExpressions": [["key": "a", "operator": "NotIn", "values": []]]],
             "matchExpressions[0]", "values: Invalid value: []string(nil): for 'in', 'notin' operators, values set can't be empty", #line),
            (["matchExpressions": [["key": "a", "operator": "Exists", "values": ["x", "y"]]]],
             "matchExpressions[0]", "values: Invalid value: []string{\"x\", \"y\"}: values set must be empty for exists and does not exist", #line),
            (["matchExpressions": [["key": "a-", "operator": "Exists"]]],
             "matchExpressions[0]", "key: Invalid value: \"a-\": \(key)", #line),
            (["matchExpressions": [["operator": "Exists"]]],
             "matchExpressions[0]", "key: Invalid value: \"\": name part must be non-empty; \(key)", #line),
            (["matchExpressions": [["key": "a", "operator": "In", "values": ["ok", "-x", "y_"]]]],
             "matchExpressions[0]", "[values[1][a]: Invalid value: \"-x\": \(value), values[2][a]: Invalid value: \"y_\": \(value)]", #line),
            (["matchLabels": ["app": "-web"]],
             "matchLabels[app]", "values[0][app]: Invalid value: \"-web\": \(value)", #line),
            (["matchLabels": ["a b": "web"]],
             "matchLabels[a b]", "key: Invalid value: \"a b\": \(key)", #line),
            (["matchLabels": ["app": 1]], "matchLabels[app]", "a label value must be a string, not number", #line),
            (["matchLabels": ["app", "web"]], "matchLabels", "must be an object, not array", #line),
            (["matchExpressions": ["key": "a"]], "matchExpressions", "must be an array, not object", #line),
            (["matchExpressions": ["a"]], "matchExpressions[0]", "must be an object, not string", #line),
            (["matchExpressions": [["key": 1, "operator": "Exists"]]], "matchExpressions[0].key", "must be a string, not number", #line),
            (["matchExpressions": [["key": "a", "operator": "In", "values": "b"]]], "matchExpressions[0].values", "must be an array, not string", #line),
            (["matchExpressions": [["key": "a", "operator": "In", "values": [true]]]], "matchExpressions[0].values[0]", "must be a string, not boolean", #line),
            ("app=web", "", "a label selector must be an object, not string", #line),
        ]
        for (input, path, reason, line) in cases {
            XCTAssertThrowsError(try LabelSelector(selector: input), line: line) { error in
                guard let error = error as? SelectorError else { return XCTFail("\(error)", line: line) }
                XCTAssertEqual(error.path, path, line: line)
                XCTAssertEqual(error.reason, reason, line: line)
                XCTAssertNil(error.position, line: line)
            }
        }
    }

    func testRequirementAndMatchLabelsConstructors() throws {
        XCTAssertEqual(try LabelSelector(matchLabels: ["b": "2", "a": "1"]).description, "a=1,b=2")
        XCTAssertEqual(try LabelSelector(matchLabels: [:]), .everything)
        XCTAssertThrowsError(try LabelSelector(matchLabels: ["a": "b c"]))
        let gt = try LabelSelector.Requirement(key: "n", operator: .greaterThan, values: ["3"])
        XCTAssertTrue(gt.matches(["n": "4"]))
        XCTAssertFalse(gt.matches(["n": "3"]))
        XCTAssertFalse(gt.matches(["n": "x"]))
        XCTAssertThrowsError(try LabelSelector.Requirement(key: "n", operator: .lessThan, values: ["1", "2"])) { error in
            XCTAssertEqual(
                (error as? SelectorError)?.reason,
                "values: Invalid value: []string{\"1\", \"2\"}: for 'Gt', 'Lt' operators, exactly one value is required")
        }
        XCTAssertThrowsError(try LabelSelector.Requirement(key: "n", operator: .equals, values: [])) { error in
            XCTAssertEqual(
                (error as? SelectorError)?.reason,
                "values: Invalid value: []string(nil): exact-match compatibility requires one single value")
        }
    }

    func testGoQuoting() {
        XCTAssertEqual(GoSyntax.quote("a\"b\\c"), "\"a\\\"b\\\\c\"")
        XCTAssertEqual(GoSyntax.quote("tab\there\n"), "\"tab\\there\\n\"")
        XCTAssertEqual(GoSyntax.quote("\u{1}é\u{a0}\u{1F600}\u{E000}"), "\"\\x01é\\u00a0\u{1F600}\\ue000\"")
    }
}
