import KitCore
import XCTest

@testable import KitQuery

/// client-go's JSONPath, case by case from its own tests (util/jsonpath/jsonpath_test.go and
/// parser_test.go) over JSON inputs; kubectl's whole printing path is checked end to end by
/// the QueryOracle cases.
final class JSONPathTests: XCTestCase {
    func run(_ template: String, _ json: String, allowMissingKeys: Bool = false) throws -> String {
        let path = try JSONPath(parsing: template)
        let data = try JSONReader.read(json)
        return String(decoding: try path.execute(data, allowMissingKeys: allowMissingKeys), as: UTF8.self)
    }

    func check(_ template: String, _ json: String, _ expected: String, allowMissingKeys: Bool = false, line: UInt = #line) {
        do {
            XCTAssertEqual(try run(template, json, allowMissingKeys: allowMissingKeys), expected, template, line: line)
        } catch {
            XCTFail("\(template): \(error)", line: line)
        }
    }

    func checkError(_ template: String, _ json: String, _ message: String, line: UInt = #line) {
        do {
            let out = try run(template, json)
            XCTFail("\(template): expected \(message), got \(out)", line: line)
        } catch let error as JSONPathError {
            XCTAssertEqual(error.message, message, template, line: line)
        } catch {
            XCTFail("\(template): \(error)", line: line)
        }
    }

    let types = """
        {"bools": [true, false, true, false], "integers": [1, 2, 3, 4], "floats": [1.0, 2.2, 3.3, 4.0],
         "strings": ["one", "two", "three", "four"], "interfaces": [true, "one", 1, 1.1],
         "maps": [{"name": "one", "value": 1}, {"name": "two", "value": 2.02}, {"name": "three", "value": 3.03},
                  {"name": "four", "value": 4.04}]}
        """

    func testSlicesOfEveryType() {
        check("{ .bools }", types, "[true,false,true,false]")
        check("{ .bools[0] }", types, "true")
        check("{ .bools[-1] }", types, "false")
        check("{ .bools[0:2] }", types, "true false")
        check("{ .bools[:2] }", types, "true false")
        check("{ .bools[:4:2] }", types, "true true")
        check("{ .integers }", types, "[1,2,3,4]")
        check("{ .integers[-2] }", types, "3")
        check("{ .integers[:4:2] }", types, "1 3")
        check("{ .floats }", types, "[1,2.2,3.3,4]")
        check("{ .floats[0] }", types, "1")
        check("{ .floats[-2] }", types, "3.3")
        check("{ .floats[:4:2] }", types, "1 3.3")
        check("{ .strings }", types, #"["one","two","three","four"]"#)
        check("{ .strings[-2] }", types, "three")
        check("{ .strings[:4:2] }", types, "one three")
        check("{ .interfaces }", types, #"[true,"one",1,1.1]"#)
        check("{ .interfaces[0:2] }", types, "true one")
        check("{ .interfaces[:4:2] }", types, "true 1")
        check("{ .maps[0] }", types, #"{"name":"one","value":1}"#)
        check("{ .maps[-2] }", types, #"{"name":"three","value":3.03}"#)
        check("{ .maps[::2] }", types, #"{"name":"one","value":1} {"name":"three","value":3.03}"#)
        check("{ .maps[1::2] }", types, #"{"name":"two","value":2.02} {"name":"four","value":4.04}"#)
    }

    let store = """
        {"Name": "jsonpath",
         "Book": [{"Category": "reference", "Author": "Nigel Rees", "Title": "Sayings of the Centurey", "Price": 8.95},
                  {"Category": "fiction", "Author": "Evelyn Waugh", "Title": "Sword of Honour", "Price": 12.99},
                  {"Category": "fiction", "Author": "Herman Melville", "Title": "Moby Dick", "Price": 8.99}],
         "Bicycle": [{"Color": "red", "Price": 19.95, "IsNew": true}, {"Color": "green", "Price": 20.01, "IsNew": false}],
         "Labels": {"engieer": 10, "web/html": 15, "k8s-app": 20},
         "Employees": {"jason": "manager", "dan": "clerk"}}
        """

    func testStore() {
        check("hello jsonpath", "null", "hello jsonpath")
        check("{..}", "[1, 2, 3]", "[1,2,3]")
        check("{[?(@<5)]}", "[2, 6, 3, 7]", "2 3")
        check(#"{"{"}"#, "null", "{")
        check("{[1,3,4]}", "[0, 1, 2, 3, 4]", "1 3 4")
        check("{[0:2]}", #"["Monday", "Tudesday"]"#, "Monday Tudesday")
        check("hello {.Name}", store, "hello jsonpath")
        check("{$.Labels.web/html}", store, "15")
        check("{$.Employees.jason}", store, "manager")
        check("{.Labels.k8s-app}", store, "20")
        check("{.Bicycle[*].Color}", store, "red green")
        check("{.Book[*].Author}", store, "Nigel Rees Evelyn Waugh Herman Melville")
        // client-go's store is a struct (Book before Bicycle); as JSON it is a map, which Go
        // visits in random order and kit in key order.
        check("{..Price}", store, "19.95 20.01 8.95 12.99 8.99")
        check("{...Price}", store, "19.95 20.01 8.95 12.99 8.99")
        check("{.Book[-1:]}", store, #"{"Author":"Herman Melville","Category":"fiction","Price":8.99,"Title":"Moby Dick"}"#)
        check("{..Book[2]}", store, #"{"Author":"Herman Melville","Category":"fiction","Price":8.99,"Title":"Moby Dick"}"#)
        check("{.Bicycle[?(@.IsNew==true)]}", store, #"{"Color":"red","IsNew":true,"Price":19.95}"#)
        check("{.hello}", store, "", allowMissingKeys: true)
        check("before-{.hello}after", store, "before-after", allowMissingKeys: true)
    }

    func testStoreErrors() {
        XCTAssertThrowsError(try JSONPath(parsing: "{............................................................Price}"))
        checkError("{hello}", store, "unrecognized identifier hello")
        checkError("{.hello}", store, "hello is not found")
        checkError("{.Labels[0]}", store, "map[string]interface {} is not array or slice")
        checkError("{.Book[?(@.Price<>10)]}", store, "unrecognized filter operator <>")
        checkError("{range .Labels.*}{@}{end}{end}", store, "not in range, nothing to end")
    }

    let points = """
        [{"id": "i1", "x": 4, "y": -5}, {"id": "i2", "x": -2, "y": -5, "z": 1}, {"id": "i3", "x": 8, "y": 3},
         {"id": "i4", "x": -6, "y": -1}, {"id": "i5", "x": 0, "y": 2, "z": 1}, {"id": "i6", "x": 1, "y": 4},
         {"id": "i7", "x": null, "y": 4}]
        """

    func testJSONInput() {
        check("{[?(@.z)].id}", points, "i2 i5")
        check("{[0]['id']}", points, "i1")
        check("{[-1]['x']}", points, "null")
    }

    let nodes = """
        {"kind": "List",
         "items": [
           {"kind": "None", "metadata": {"name": "127.0.0.1", "labels": {"kubernetes.io/hostname": "127.0.0.1"}},
            "status": {"capacity": {"cpu": "4"}, "ready": true, "addresses": [{"type": "LegacyHostIP", "address": "127.0.0.1"}]}},
           {"kind": "None", "metadata": {"name": "127.0.0.2", "labels": {"kubernetes.io/hostname": "127.0.0.2"}},
            "status": {"capacity": {"cpu": "8"}, "ready": false,
                       "addresses": [{"type": "LegacyHostIP", "address": "127.0.0.2"}, {"type": "another", "address": "127.0.0.3"}]}}],
         "users": [{"name": "myself", "user": {}}, {"name": "e2e", "user": {"username": "admin", "password": "secret"}}]}
        """

    func testKubernetes() {
        check("{range .items[*]}{.metadata.name}, {end}{.kind}", nodes, "127.0.0.1, 127.0.0.2, List")
        check(#"{range .items[*]}{.metadata.name}{"\t"}{end}"#, nodes, "127.0.0.1\t127.0.0.2\t")
        check("{.items[*].status.addresses[*].address}", nodes, "127.0.0.1 127.0.0.2 127.0.0.3")
        check("{range .items[*]}{range .status.addresses[*]}{.address}, {end}{end}", nodes, "127.0.0.1, 127.0.0.2, 127.0.0.3, ")
        check("{.items[*].metadata.name}", nodes, "127.0.0.1 127.0.0.2")
        check("{.items[*]['metadata.name', 'status.capacity']}", nodes, #"127.0.0.1 127.0.0.2 {"cpu":"4"} {"cpu":"8"}"#)
        check("{range .items[*]}[{.metadata.name}, {.status.capacity}] {end}", nodes, #"[127.0.0.1, {"cpu":"4"}] [127.0.0.2, {"cpu":"8"}] "#)
        check(#"{.users[?(@.name=="e2e")].user.password}"#, nodes, "secret")
        check(#"{.items[0].metadata.labels.kubernetes\.io/hostname}"#, nodes, "127.0.0.1")
        check(#"{.items[?(@.metadata.labels.kubernetes\.io/hostname=="127.0.0.1")].kind}"#, nodes, "None")
        check("{.items[?(@..ready==true)].metadata.name}", nodes, "127.0.0.1")
        // Go visits maps in random order; kit in key order.
        check("{..name}", nodes, "127.0.0.1 127.0.0.2 myself e2e")
    }

    func testRanges() {
        let empty = #"{"items": []}"#
        check("{range .items[*]}{.metadata.name}{end}", empty, "", allowMissingKeys: true)
        check(#"{range .items[*]}{.metadata.name}{":"}{range @.spec.containers[*]}{.name}{","}{end}{"+"}{end}"#, empty, "", allowMissingKeys: true)
        let pods = """
            {"items": [
              {"metadata": {"name": "pod1"}, "spec": {"containers": [
                {"name": "foo", "another": [{"name": "value1"}, {"name": "value2"}]},
                {"name": "bar", "another": [{"name": "value1"}, {"name": "value2"}]}]}},
              {"metadata": {"name": "pod2"}, "spec": {"containers": [
                {"name": "baz", "another": [{"name": "value1"}, {"name": "value2"}]}]}}]}
            """
        check(#"{range .items[*]}{.metadata.name}{":"}{range @.spec.containers[*]}{.name}{","}{end}{"+"}{end}"#, pods, "pod1:foo,bar,+pod2:baz,+")
        check(
            ##"{range .items[*]}{.metadata.name}{"~"}{range @.spec.containers[*]}{.name}{":"}{range @.another[*]}{.name}{","}{end}{"+"}{end}{"#"}{end}"##,
            pods, "pod1~foo:value1,value2,+bar:value1,value2,+#pod2~baz:value1,value2,+#")
        check(
            #"{range .items[*]}{.metadata.name}{"\t"}{range @.spec.containers[*]}{.name}{" "}{end}{"\t"}{range @.spec.containers[*]}{.name}{" "}{end}{"\n"}{end}"#,
            pods, "pod1\tfoo bar \tfoo bar \npod2\tbaz \tbaz \n")
    }

    /// parser_test.go: templates that must not parse, with client-go's messages.
    func testParseErrors() {
        let cases: [(String, String)] = [
            ("{.hello", "unclosed action"),
            ("{.items[}", "unterminated array"),
            ("{.items[1:2:3:4]}", "invalid array index 1:2:3:4"),
            ("{.items[a]}", "invalid array index a"),
            ("{[?(@.name=='x')}", "unclosed array expect ]"),
            ("{#}", "unrecognized character in action: U+0023 '#'"),
            ("{\t}", "unrecognized character in action: U+0009"),
            ("{....}", "invalid multiple recursive descent"),
            ("{..*}", "unrecognized character in action: U+002A '*'"),
            (#"{"hello}"#, "unterminated quoted string"),
            (#"{"\z"}"#, #"unquote string "\z" error invalid syntax"#),
            ("{1.2.3}", "cannot parse number 1.2.3"),
            ("{[?(@.a=='b')", "unclosed array expect ]"),
            ("{[?(@.a=='b'", "unterminated filter"),
        ]
        for (template, message) in cases {
            XCTAssertThrowsError(try JSONPath(parsing: template), template) { error in
                XCTAssertEqual((error as? JSONPathError)?.message, message, template)
            }
        }
    }

    func testQuotedLiterals() {
        check(#"{"\t"}{'x'}{"\u00e9\x41"}"#, "null", "\tx\u{e9}A")
        check(#"{'don\'t'}"#, "null", "don't")
    }

    func testFilters() {
        let items = #"[{"n": 1, "s": "a", "f": 1.5}, {"n": 2, "s": "b", "f": 2.5}, {"n": 3, "s": "c"}]"#
        check("{[?(@.n>=2)].s}", items, "b c")
        check("{[?(@.n!=2)].s}", items, "a c")
        check(#"{[?(@.s<"b")].n}"#, items, "1")
        check("{[?(@.f<2.0)].s}", items, "a", allowMissingKeys: true)
        checkError("{[?(@.f<2.0)].s}", items, "f is not found")
        check("{[?(@.f)].s}", items, "a b")
        checkError("{[?(@.n<1.5)].s}", items, "incompatible types for comparison")
        checkError("{[?(@.s==true)].s}", items, "incompatible types for comparison")
        checkError("{.x[?(@.n)]}", #"{"x": {"n": 1}}"#, "map[string]interface {} is not array or slice and cannot be filtered")
    }

    func testIndexErrors() {
        checkError("{[3]}", "[1, 2, 3]", "array index out of bounds: index 3, length 3")
        checkError("{[-4]}", "[1, 2, 3]", "array index out of bounds: index -1, length 3")
        checkError("{[0:5]}", "[1, 2, 3]", "array index out of bounds: index 4, length 3")
        checkError("{[2:1]}", "[1, 2, 3]", "starting index 2 is greater than ending index 1")
        checkError("{[::0]}", "[1, 2, 3]", "step must be > 0")
        check("{[1:1]}", "[1, 2, 3]", "")
        checkError("{[0]}", "[]", "array index out of bounds: index 0, length 0")
    }
}
